//! Municipality lookup by code or name, with suggestions, for every
//! country, on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|text: &str| {
    let catalogue = common::catalogue();
    for country in ["SE", "NO", "DK", "FI", "IS", "FO", "GL", "AX"] {
        let _ = catalogue.register.resolve(country, text);
    }
});

//! Front-matter splitting, TOML parsing and every validation rule, on
//! arbitrary bytes as a case file, then the human and GitHub renderings of
//! whatever they report.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|bytes: &[u8]| {
    let catalogue = common::catalogue();
    let text = String::from_utf8_lossy(bytes).into_owned();
    let Ok(parts) = catalogue::load::front_matter::split(&text) else {
        return;
    };
    let file = catalogue::load::CaseFile {
        path: "cases/SE/fuzz.md".into(),
        folder: "SE".into(),
        slug: "fuzz".into(),
        parts,
    };
    let mut sources = catalogue::source::SourceMap::default();
    sources.insert(catalogue::source::SourceFile::new("cases/SE/fuzz.md", text));
    let validated = catalogue::validate::validate(
        std::slice::from_ref(&file),
        &sources,
        &catalogue.config,
        &catalogue.register,
        jiff::civil::date(2026, 11, 25),
    );
    let summary = catalogue::diag::Summary::of(&validated.diagnostics, 1);
    for format in [
        catalogue::diag::emit::Format::Human,
        catalogue::diag::emit::Format::Github,
    ] {
        let _ = catalogue::diag::emit::render(&validated.diagnostics, &sources, &summary, format, false);
    }
});

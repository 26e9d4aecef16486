//! The query engine on arbitrary queries: tokenising, prefix and typo
//! matching, thesaurus phrases, filters.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|query: &str| {
    static DATA: OnceLock<catalogue::search::SearchData> = OnceLock::new();
    let data =
        DATA.get_or_init(|| catalogue::search::index::build(common::catalogue()).expect("the index builds"));
    let results = data.search(query, &Default::default());
    let filtered = catalogue::search::Filters {
        country: Some("SE".into()),
        ..Default::default()
    };
    let narrower = data.search(query, &filtered);
    if results.all_words && narrower.all_words {
        assert!(narrower.hits.len() <= results.hits.len());
    }
});

//! Withdrawn cases: the address of a case taken out of the catalogue
//! answers with a page that says so, and the sitemap, the feed, the search
//! and the open data leave it out.

use crate::harness::{TestCatalogue, json_diagnostics, stderr};

const WITHDRAWN: &str = "[[withdrawn]]\n\
case = \"se/rare-child-welfare-cases\"\n\
title = \"A host municipality for rare child-welfare cases\"\n\
withdrawn = 2026-11-01\n\
reason = \"No public source documents the example.\"\n";

#[test]
fn a_withdrawn_case_keeps_its_address_and_leaves_everything_else() {
    let catalogue = TestCatalogue::fixture("valid");
    catalogue.write("withdrawn.toml", WITHDRAWN);
    let built = catalogue.build_site();
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let site = catalogue.dir.path().join("site");
    let read = |page: &str| std::fs::read_to_string(site.join(page)).unwrap();

    let page = read("cases/se/rare-child-welfare-cases/index.html");
    assert!(page.contains("Example withdrawn"));
    assert!(page.contains("A host municipality for rare child-welfare cases"));
    assert!(page.contains("No public source documents the example."));
    assert!(page.contains("2026-11-01"));
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));

    for (file, kept) in [
        ("sitemap.xml", "cases/se/digital-colleague/"),
        ("feed.xml", "cases/se/digital-colleague/"),
        ("data/cases.json", "digital-colleague"),
        ("data/cases.csv", "digital-colleague"),
    ] {
        let text = read(file);
        assert!(text.contains(kept), "{file} lost a real case");
        assert!(
            !text.contains("rare-child-welfare-cases"),
            "{file} lists the withdrawn case"
        );
    }
    let home = read("index.html");
    assert!(!home.contains("rare-child-welfare-cases"));
    let search = std::process::Command::new("grep")
        .args(["-rl", "rare-child-welfare-cases", "search"])
        .current_dir(&site)
        .output()
        .unwrap();
    assert!(
        search.stdout.is_empty(),
        "the search files list the withdrawn case"
    );
}

#[test]
fn a_case_that_still_has_its_file_cannot_be_withdrawn() {
    let catalogue = TestCatalogue::fixture("valid");
    catalogue.write(
        "withdrawn.toml",
        WITHDRAWN.replace("se/rare-child-welfare-cases", "se/digital-colleague"),
    );
    let diagnostics = json_diagnostics(&catalogue.check("json"));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E0009");
    assert_eq!(diagnostics[0]["file"], "catalogue/withdrawn.toml");
    assert_eq!(
        (diagnostics[0]["line"].as_u64(), diagnostics[0]["column"].as_u64()),
        (Some(2), Some(8))
    );
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("still has its case file")
    );
}

//! The limits of a case body (E0602-E0604): a body at the ceilings passes
//! `check` and builds with an id for every heading and footnote; one more
//! fails `check`; `[limits]` in catalogue.toml may only lower them.

use std::collections::BTreeSet;

use crate::harness::{TestCatalogue, fixtures, json_diagnostics, stderr};

/// The front matter and the four sections of the E0602 fixture.
fn front_and_sections() -> String {
    let text = std::fs::read_to_string(
        fixtures().join("invalid/E0602-too-many-headings/cases/SE/digital-colleague.md"),
    )
    .unwrap();
    let end = text.find("\n### Meeting 1\n").unwrap();
    text[..end].to_string()
}

/// A body with `headings` headings (the four sections included), as many
/// footnotes, and a table of `rows` (the head included) by `columns`.
fn body_with(headings: usize, footnotes: usize, rows: usize, columns: usize) -> String {
    let mut text = front_and_sections();
    for n in 1..=headings - 4 {
        // Equal headings: their ids are found by counting.
        text.push_str(&format!("\n### Meeting\n\nMeeting {n}.\n"));
    }
    // Labels `a!`, `a?`, ..., `a?!`: the digits of `n` spelled in
    // punctuation, so every label differs and all slug alike.
    let label = |n: usize| -> String {
        let spelled: String = n
            .to_string()
            .bytes()
            .map(|digit| b"!?.,;:'+=~"[usize::from(digit - b'0')] as char)
            .collect();
        format!("a{spelled}")
    };
    text.push('\n');
    for n in 1..=footnotes {
        text.push_str(&format!("Note {n}[^{}]\n", label(n)));
    }
    text.push('\n');
    for n in 1..=footnotes {
        text.push_str(&format!("[^{}]: note {n}\n", label(n)));
    }
    text.push_str("\n\n|");
    text.push_str(&" c |".repeat(columns));
    text.push_str("\n|");
    text.push_str(&"---|".repeat(columns));
    text.push('\n');
    for _ in 1..rows {
        text.push_str("| x |\n");
    }
    text
}

fn codes(catalogue: &TestCatalogue) -> Vec<String> {
    json_diagnostics(&catalogue.check("json"))
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_body_at_the_ceilings_passes_and_builds_with_unique_ids() {
    let catalogue = TestCatalogue::base();
    catalogue.write("cases/SE/digital-colleague.md", body_with(500, 500, 50, 100));
    assert_eq!(codes(&catalogue), Vec::<String>::new());
    let built = catalogue.build_site();
    assert!(built.status.success(), "{}", stderr(&built));
    let page = walkdir::WalkDir::new(catalogue.dir.path().join("site"))
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .find(|path| path.ends_with("digital-colleague/index.html"))
        .unwrap();
    let html = std::fs::read_to_string(page).unwrap();
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "every id once on the page");
    assert!(unique.contains("meeting-496"), "the last equal heading");
    assert!(
        unique.contains("fn-a-500"),
        "labels that slug alike: {}",
        ids.len()
    );
}

#[test]
fn one_more_of_each_fails_the_check() {
    let catalogue = TestCatalogue::base();
    catalogue.write("cases/SE/digital-colleague.md", body_with(501, 501, 51, 100));
    assert_eq!(codes(&catalogue), ["E0602", "E0603", "E0603", "E0604"]);
    let catalogue = TestCatalogue::base();
    catalogue.write("cases/SE/digital-colleague.md", body_with(20, 2, 5_001, 1));
    assert_eq!(codes(&catalogue), ["E0604"]);
}

#[test]
fn catalogue_toml_may_lower_the_limits_but_not_raise_them() {
    let config = std::fs::read_to_string(fixtures().join("base/catalogue.toml")).unwrap();
    let catalogue = TestCatalogue::base();
    catalogue.write("cases/SE/digital-colleague.md", body_with(6, 3, 3, 2));
    assert_eq!(codes(&catalogue), Vec::<String>::new());

    catalogue.write(
        "catalogue.toml",
        format!("{config}\n[limits]\nheadings = 5\nfootnotes = 2\ntable_cells = 5\n"),
    );
    assert_eq!(codes(&catalogue), ["E0602", "E0603", "E0603", "E0604"]);
    let human = stderr(&catalogue.check("human"));
    assert!(human.contains("at most 5 are allowed"), "{human}");
    assert!(
        human.contains("the limit set in catalogue.toml [limits]"),
        "{human}"
    );

    for (key, value) in [
        ("headings", "501"),
        ("footnotes", "1000"),
        ("table_cells", "5001"),
        ("headings", "0"),
        ("headings", "-3"),
        ("cells", "10"),
    ] {
        catalogue.write("catalogue.toml", format!("{config}\n[limits]\n{key} = {value}\n"));
        let output = catalogue.check("json");
        assert_eq!(output.status.code(), Some(1), "{key} = {value}");
        let diagnostics = json_diagnostics(&output);
        assert_eq!(diagnostics.len(), 1, "{key} = {value}: {diagnostics:?}");
        assert_eq!(diagnostics[0]["code"], "E0001");
        assert_eq!(diagnostics[0]["file"], "catalogue/catalogue.toml");
        assert_eq!(
            diagnostics[0]["line"].as_u64().unwrap() as usize,
            config.lines().count() + 3,
            "points at the value: {diagnostics:?}"
        );
    }
}

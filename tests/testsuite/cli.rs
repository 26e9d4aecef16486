//! The command line around `check`: `explain`, `new`, exit codes.

use crate::harness::{TestCatalogue, stderr, stdout};

#[test]
fn explain_prints_every_code_and_refuses_unknown_ones() {
    let catalogue = TestCatalogue::base();
    for code in catalogue::diag::codes::all() {
        let output = catalogue.run(&["explain", code.code]);
        assert_eq!(output.status.code(), Some(0));
        let text = stdout(&output);
        assert!(
            text.starts_with(&format!("{} {}", code.code, code.name)),
            "{text}"
        );
        assert!(text.contains(code.explanation));
    }
    let by_name = catalogue.run(&["explain", "unknown-municipality"]);
    assert!(stdout(&by_name).starts_with("E0301"));
    let unknown = catalogue.run(&["explain", "E9999"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no diagnostic code `E9999`"));
}

#[test]
fn a_missing_catalogue_cannot_run() {
    let catalogue = TestCatalogue::base();
    let output = catalogue.run(&["check", "--catalogue", "nowhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nowhere is not a catalogue folder"));
    let usage = catalogue.run(&["check", "--format", "xml"]);
    assert_eq!(usage.status.code(), Some(2));
}

fn new_case(catalogue: &TestCatalogue, args: &[&str]) -> std::process::Output {
    let mut all = vec!["new", "--catalogue", "catalogue", "--color", "never"];
    all.extend_from_slice(args);
    catalogue.run(&all)
}

/// Fill every placeholder of a new case file the way an author would.
fn fill_in(text: &str) -> String {
    text.replace("\"TODO: the title in English\"", "\"A title\"")
        .replace(
            "\"TODO: two or three plain sentences: who co-operates, what they did, what came of it\"",
            "\"Two municipalities share a system.\"",
        )
        .replace("categories = [\"TODO\"]", "categories = [\"internal\"]")
        .replace("service_areas = [\"TODO\"]", "service_areas = [\"general\"]")
        .replace("cooperation = \"TODO\"", "cooperation = \"shared-platform\"")
        .replace("status = \"TODO\"", "status = \"pilot\"")
        .replace(
            "\"TODO: a date such as 2024-03-01 or a year such as 2024, without quotes\"",
            "2024",
        )
        .replace(
            "\"TODO: the title of a public page or report about the case\"",
            "\"A page\"",
        )
        .replace("\"TODO: its https:// address\"", "\"https://example.org/\"")
        .lines()
        .map(|line| {
            if line.starts_with("TODO:") {
                "Some text."
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn new_writes_a_case_that_is_valid_once_its_placeholders_are_filled() {
    let catalogue = TestCatalogue::base();
    let output = new_case(
        &catalogue,
        &[
            "shared-system",
            "--country",
            "SE",
            "--municipality",
            "Vilhelmina",
            "--municipality",
            "2421",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("created catalogue/cases/SE/shared-system.md"));
    let path = catalogue.root().join("cases/SE/shared-system.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("municipalities = [\"Vilhelmina\", \"2421\"]"));

    // Untouched, every placeholder is an error, and nothing else is.
    let check = catalogue.check("json");
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() >= 8);
    assert!(
        diagnostics.iter().all(|d| d["code"] == "E0209"),
        "{diagnostics:?}"
    );

    std::fs::write(&path, fill_in(&text)).unwrap();
    let filled = catalogue.check("short");
    assert_eq!(filled.status.code(), Some(0), "{}", stderr(&filled));
    assert!(stderr(&filled).starts_with("0 errors, 0 warnings"));
}

#[test]
fn new_refuses_to_overwrite() {
    let catalogue = TestCatalogue::fixture("valid");
    let before = std::fs::read(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    let output = new_case(&catalogue, &["digital-colleague", "--country", "SE"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("already exists"));
    assert_eq!(
        std::fs::read(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap(),
        before
    );
}

#[test]
fn new_refuses_a_bad_slug_or_municipality_with_the_diagnostics_of_check() {
    let catalogue = TestCatalogue::fixture("valid");
    let slug = new_case(&catalogue, &["Shared_System", "--country", "SE"]);
    assert_eq!(slug.status.code(), Some(1));
    assert!(stderr(&slug).contains("error[E0502]"), "{}", stderr(&slug));
    assert!(stderr(&slug).contains("rename the file to shared-system.md"));

    let unknown = new_case(
        &catalogue,
        &["x", "--country", "SE", "--municipality", "Vilhelmna"],
    );
    assert_eq!(unknown.status.code(), Some(1));
    let text = stderr(&unknown);
    assert!(text.contains("error[E0301]"), "{text}");
    assert!(
        text.contains("did you mean \"Vilhelmina (2462, Västerbottens län)\"?"),
        "{text}"
    );
    assert!(text.contains("--> catalogue/cases/SE/x.md:"), "{text}");

    let ambiguous = new_case(&catalogue, &["y", "--country", "NO", "--municipality", "Våler"]);
    assert!(stderr(&ambiguous).contains("error[E0302]"));
    assert!(stderr(&ambiguous).contains("\"3114\" or \"3419\""));

    let taken = new_case(&catalogue, &["vefsn-crlf-bom", "--country", "SE"]);
    assert!(stderr(&taken).contains("error[E0504]"), "{}", stderr(&taken));
    assert!(!catalogue.root().join("cases/SE/x.md").exists());
    assert!(!catalogue.root().join("cases/SE/vefsn-crlf-bom.md").exists());

    let country = new_case(&catalogue, &["z", "--country", "XX"]);
    assert_eq!(country.status.code(), Some(2));
}

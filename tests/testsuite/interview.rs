//! `catalogue new` as an interview: answers piped to `--interactive` write
//! exactly the file `case_file::fill` writes for them (the file the site's
//! form writes), every answer is checked as it is given, and the end of
//! input writes nothing.

use std::io::Write as _;
use std::process::Output;

use catalogue::case_file::{self, Answers, ContactAnswer, SourceAnswer, TranslationAnswer};

use crate::harness::{TestCatalogue, stderr};

/// `catalogue new --interactive` in the catalogue's folder with `answers`
/// on standard input.
fn interview(catalogue: &TestCatalogue, answers: &str) -> Output {
    let mut child = crate::harness::catalogue_command()
        .args([
            "new",
            "--interactive",
            "--catalogue",
            "catalogue",
            "--color",
            "never",
        ])
        .current_dir(catalogue.dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(answers.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// The lines an author types, with the mistakes the interview must catch.
const ANSWERS: &str = "\
Shared digital social services

4
Helsinkki
Helsingfors


internal, 2
general
1
implemented

2200
2021-03-01

sv
Delade digitala sociala tjänster
Two cities share one digital front door for social services.
Helsingfors stad

Peer Support
peer-support, digital
A report on the \"front door\"
https://example.org/report

Helsinki social services
not-an-address
info@example.org

sv
Delade tjänster
Två städer delar en digital ingång.

Line one.
Line two.
.
They built it together.
.
Fewer phone calls.
.
Start small.
.
";

fn expected_answers() -> Answers {
    Answers {
        title: "Shared digital social services".into(),
        title_local: "Delade digitala sociala tjänster".into(),
        summary: "Two cities share one digital front door for social services.".into(),
        country: "FI".into(),
        municipalities: vec!["Helsinki".into()],
        bodies: Vec::new(),
        categories: vec!["internal".into(), "external".into()],
        service_areas: vec!["general".into()],
        cooperation: "shared-platform".into(),
        status: "implemented".into(),
        started: "2021-03-01".into(),
        ended: String::new(),
        language: "sv".into(),
        organisations: vec!["Helsingfors stad".into()],
        evaluation: String::new(),
        tags: vec!["peer-support".into(), "digital".into()],
        reviewed: crate::harness::today().to_string(),
        sources: vec![SourceAnswer {
            title: "A report on the \"front door\"".into(),
            url: "https://example.org/report".into(),
        }],
        contact: ContactAnswer {
            organisation: "Helsinki social services".into(),
            email: "info@example.org".into(),
            url: String::new(),
        },
        translations: vec![TranslationAnswer {
            language: "sv".into(),
            title: "Delade tjänster".into(),
            summary: "Två städer delar en digital ingång.".into(),
        }],
        sections: vec![
            "Line one.\nLine two.".into(),
            "They built it together.".into(),
            "Fewer phone calls.".into(),
            "Start small.".into(),
        ],
    }
}

#[test]
fn piped_answers_write_the_file_of_the_form_and_check_accepts_it() {
    let catalogue = TestCatalogue::base();
    let output = interview(&catalogue, ANSWERS);
    let prompts = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{prompts}");
    assert!(
        prompts.contains("created catalogue/cases/FI/shared-digital-social-services.md"),
        "{prompts}"
    );

    // A misspelt municipality gets a did-you-mean and is asked again.
    assert!(
        prompts.contains("no municipality of FI called \"Helsinkki\"; did you mean Helsinki (091"),
        "{prompts}"
    );
    // Answers that break a rule are asked again with the reason.
    assert!(
        prompts.contains("2200 is in the future (today is 2100-01-01)"),
        "{prompts}"
    );
    assert!(
        prompts.contains("\"Peer Support\" is not lowercase words joined by hyphens; write \"peer-support\""),
        "{prompts}"
    );
    assert!(
        prompts.contains("\"not-an-address\" is not a plain e-mail address"),
        "{prompts}"
    );

    let config_file = catalogue::source::SourceFile::new(
        "catalogue.toml",
        std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap(),
    );
    let config = catalogue::config::Config::parse(&config_file).unwrap();
    let expected = case_file::fill(&case_file::layout(&config), &expected_answers());
    let written = std::fs::read_to_string(
        catalogue
            .root()
            .join("cases/FI/shared-digital-social-services.md"),
    )
    .unwrap();
    assert_eq!(written, expected);
    // The Swedish name form is written as the register's entry.
    assert!(written.contains("municipalities = [\"Helsinki\"]"), "{written}");

    let check = catalogue.check("short");
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).starts_with("0 errors, 0 warnings"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn the_end_of_the_answers_writes_nothing() {
    let catalogue = TestCatalogue::base();
    // Stopped in the middle of the body sections, then at the very start.
    let cut = &ANSWERS[..ANSWERS.find("Fewer phone calls.").unwrap()];
    for answers in [cut, ""] {
        let output = interview(&catalogue, answers);
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr(&output).contains("the answers ended before the last question; nothing was written"),
            "{}",
            stderr(&output)
        );
        assert!(crate::harness::tree(&catalogue.root().join("cases")).is_empty());
    }
}

#[test]
fn a_taken_slug_and_a_foreign_municipality_are_asked_again() {
    let catalogue = TestCatalogue::fixture("valid");
    let output = interview(
        &catalogue,
        "Digital colleague\n\nBad_Slug\ndigital-colleague-two\nSE\nHelsinki\n0114\n",
    );
    let prompts = stderr(&output);
    assert!(
        prompts
            .contains("the slug \"digital-colleague\" is taken by catalogue/cases/SE/digital-colleague.md"),
        "{prompts}"
    );
    assert!(
        prompts.contains("use lowercase letters a-z, digits and single hyphens, e.g. bad-slug"),
        "{prompts}"
    );
    assert!(
        prompts.contains("\"Helsinki\" is a municipality of FI, not of SE"),
        "{prompts}"
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !catalogue
            .root()
            .join("cases/SE/digital-colleague-two.md")
            .exists()
    );
}

#[test]
fn without_arguments_or_a_terminal_new_says_how_to_run_it() {
    let catalogue = TestCatalogue::base();
    let output = catalogue.run(&["new", "--catalogue", "catalogue"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--interactive"), "{}", stderr(&output));
    let half = catalogue.run(&["new", "x", "--catalogue", "catalogue"]);
    assert_eq!(half.status.code(), Some(2));
}

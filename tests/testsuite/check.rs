//! `catalogue check`: one fixture per diagnostic code, snapshots of what
//! contributors see, and every mistake of every file in one run.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::harness::{TestCatalogue, assert_snapshot, fixtures, json_diagnostics, stderr, stdout};

fn invalid_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn snapshot(name: &str, extension: &str) -> PathBuf {
    fixtures()
        .join("../snapshots")
        .join(format!("{name}.{extension}"))
}

/// Codes that only come with diagnostics of another code: W0111 follows the
/// first 50 diagnostics of a file (its fixture's are unknown keys) and
/// counts the others.
const COMES_WITH: &[(&str, &str)] = &[("W0111", "E0202")];

/// Each fixture has exactly one defect: every diagnostic it produces carries
/// the code in its name (or, for the codes of [`COMES_WITH`], the code it
/// comes with), and the human and GitHub output match the snapshots.
#[test]
fn every_invalid_fixture_reports_its_code_and_only_its_code() {
    for name in invalid_fixtures() {
        let code = name.split('-').next().unwrap();
        let companion = COMES_WITH
            .iter()
            .find(|(with, _)| *with == code)
            .map(|(_, companion)| *companion);
        let catalogue = TestCatalogue::fixture(&format!("invalid/{name}"));

        let json = catalogue.check("json");
        let diagnostics = json_diagnostics(&json);
        assert!(!diagnostics.is_empty(), "{name}: no diagnostic");
        assert!(diagnostics.iter().any(|d| d["code"] == code), "{name}: no {code}");
        for diagnostic in &diagnostics {
            assert!(
                diagnostic["code"] == code || companion.is_some_and(|c| diagnostic["code"] == c),
                "{name}: {diagnostic}"
            );
            assert!(diagnostic["line"].as_u64().unwrap() >= 1);
            assert!(
                !diagnostic["help"].is_null(),
                "{name}: every diagnostic says how to fix it"
            );
        }
        let worst = companion.unwrap_or(code);
        let expected_exit = if code.starts_with('E') || worst.starts_with('E') {
            1
        } else {
            0
        };
        assert_eq!(json.status.code(), Some(expected_exit), "{name}");

        let human = catalogue.check("human");
        assert_snapshot(&snapshot(&name, "human"), &stderr(&human));
        let github = catalogue.check("github");
        assert_snapshot(&snapshot(&name, "github"), &stdout(&github));
    }
}

#[test]
fn every_code_has_a_fixture_or_a_dedicated_test() {
    // E0105 (a file over 512 KiB) is made at test time rather than committed;
    // E0109 (unreadable) cannot be made as root, so the loader's unit test
    // covers it; E0112 (a link or a pipe) cannot be committed as a fixture,
    // so settings.rs makes them at test time.
    let dedicated = ["E0105", "E0109", "E0112"];
    let fixtures: BTreeSet<String> = invalid_fixtures()
        .iter()
        .map(|name| name.split('-').next().unwrap().to_string())
        .collect();
    for code in catalogue::codes::all() {
        assert!(
            fixtures.contains(code.code) || dedicated.contains(&code.code),
            "{} has no fixture under tests/fixtures/invalid/",
            code.code
        );
    }
}

/// A file with more problems than are shown: the first 50 in file order,
/// then one W0111 at the first one left out that counts the others, and the
/// file still fails the check.
#[test]
fn only_the_first_fifty_diagnostics_of_a_file_are_shown() {
    let catalogue = TestCatalogue::fixture("invalid/W0111-too-many-diagnostics");
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = json_diagnostics(&output);
    assert_eq!(diagnostics.len(), 51);
    let lines: Vec<u64> = diagnostics.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    // survey_q01 .. survey_q50 are on lines 18 .. 67, survey_q51 on 68.
    assert_eq!(lines, (18..=68).collect::<Vec<u64>>());
    assert!(diagnostics[..50].iter().all(|d| d["code"] == "E0202"));
    assert_eq!(diagnostics[49]["message"], "unknown key `survey_q50`");
    let notice = &diagnostics[50];
    assert_eq!(notice["code"], "W0111");
    assert_eq!(notice["severity"], "warning");
    assert_eq!(
        notice["message"],
        "5 more problems of this file are not shown (5 errors, 0 warnings)"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 50);
    assert_eq!(report["summary"]["warnings"], 1);

    // Other files keep their own 50: the cap is per file.
    let text = std::fs::read(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    catalogue.write("cases/SE/another.md", &text);
    let both = json_diagnostics(&catalogue.check("json"));
    assert_eq!(both.len(), 102);
    assert_eq!(both.iter().filter(|d| d["code"] == "W0111").count(), 2);
}

/// Only warnings beyond the first 50: the notice is a warning and the check
/// passes (but not with `--deny-warnings`). With an error after them, the
/// first error is shown in place of the 50th warning, so the file still
/// fails the check.
#[test]
fn a_left_out_error_still_fails_the_check() {
    let catalogue = TestCatalogue::fixture("invalid/W0305-former-municipality");
    // Sixty former municipalities, each a W0305 when listed.
    let register = catalogue.root().join("register/municipalities.csv");
    let mut rows = std::fs::read_to_string(&register).unwrap();
    let storuman = rows
        .lines()
        .find(|row| row.starts_with("SE,SE,2421,"))
        .unwrap()
        .to_string();
    for index in 0..60 {
        rows.push_str(
            &storuman
                .replace("2421,Storuman,", &format!("99{index:02},Formerby {index},"))
                .replace("Storumans kommun", &format!("Formerby {index} kommun")),
        );
        rows.push('\n');
    }
    std::fs::write(&register, rows).unwrap();
    let path = catalogue.root().join("cases/SE/digital-colleague.md");
    let codes: Vec<String> = (0..60).map(|index| format!("\"99{index:02}\"")).collect();
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "municipalities = [\"Vilhelmina\", \"2421\"]",
        &format!("municipalities = [{}]", codes.join(", ")),
    );
    catalogue.write("cases/SE/digital-colleague.md", &text);

    let output = catalogue.check("json");
    let diagnostics = json_diagnostics(&output);
    assert_eq!(output.status.code(), Some(0), "{diagnostics:?}");
    assert_eq!(diagnostics.len(), 51);
    assert!(diagnostics[..50].iter().all(|d| d["code"] == "W0305"));
    assert_eq!(
        diagnostics[50]["message"],
        "10 more problems of this file are not shown (0 errors, 10 warnings)"
    );
    let denied = catalogue.run(&["check", "--catalogue", "catalogue", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));

    // An unknown key after the list: the 61st problem, and an error.
    catalogue.write(
        "cases/SE/digital-colleague.md",
        text.replace("reviewed = ", "reviewd_by = \"someone\"\nreviewed = "),
    );
    let output = catalogue.check("json");
    let diagnostics = json_diagnostics(&output);
    assert_eq!(output.status.code(), Some(1), "the file still fails");
    assert_eq!(diagnostics.len(), 51);
    let count = |code: &str| diagnostics.iter().filter(|d| d["code"] == code).count();
    assert_eq!((count("W0305"), count("E0202"), count("W0111")), (49, 1, 1));
    // Sorted by position, the notice (at the 50th former municipality)
    // comes before the unknown key further down.
    assert_eq!(diagnostics[49]["code"], "W0111");
    assert_eq!(
        diagnostics[49]["message"],
        "11 more problems of this file are not shown (0 errors, 11 warnings)"
    );
    assert_eq!(diagnostics[50]["message"], "unknown key `reviewd_by`");
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let catalogue = TestCatalogue::fixture("invalid/W0601-missing-section");
    assert_eq!(catalogue.check("short").status.code(), Some(0));
    let denied = catalogue.run(&["check", "--catalogue", "catalogue", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn a_valid_catalogue_with_bom_and_crlf_passes() {
    let catalogue = TestCatalogue::fixture("valid");
    let output = catalogue.check("short");
    assert_eq!(
        stderr(&output),
        "0 errors, 0 warnings in 0 files (4 files checked)\n"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn the_shipped_catalogue_passes() {
    let output = crate::harness::catalogue_command()
        .args(["check", "--format", "short", "--deny-warnings"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// Fifteen files with fifteen different defects: one run reports all of
/// them, each on the line it is reported on when the file is alone.
#[test]
fn fifteen_defects_in_fifteen_files_are_all_reported_in_one_run() {
    let chosen = [
        "E0110", "E0201", "E0202", "E0203", "E0204", "E0205", "E0207", "E0208", "E0209", "E0301", "E0303",
        "E0304", "E0401", "E0402", "E0404",
    ];
    let together = TestCatalogue::base();
    let mut expected = BTreeSet::new();
    for name in invalid_fixtures()
        .iter()
        .filter(|name| chosen.contains(&&name[..5]))
    {
        let alone = TestCatalogue::fixture(&format!("invalid/{name}"));
        let code = &name[..5];
        for diagnostic in json_diagnostics(&alone.check("json")) {
            let file = format!("catalogue/cases/SE/{}.md", code.to_lowercase());
            expected.insert((file, code.to_string(), diagnostic["line"].as_u64().unwrap()));
        }
        let text = std::fs::read(alone.root().join("cases/SE/digital-colleague.md")).unwrap();
        together.write(&format!("cases/SE/{}.md", code.to_lowercase()), text);
    }
    assert_eq!(expected.len(), 15, "{expected:?}");
    let output = together.check("json");
    let reported: BTreeSet<(String, String, u64)> = json_diagnostics(&output)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(reported, expected);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 15);
    assert_eq!(report["summary"]["files_with_problems"], 15);
}

#[test]
fn columns_count_characters_not_bytes() {
    let catalogue = TestCatalogue::fixture("valid");
    let path = catalogue.root().join("cases/SE/digital-colleague.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "organisations = [\"Umeå University\", \"Region Västerbotten\"]",
        "organisations = [\"Umeå University\", \"Umeå University\"]",
    );
    std::fs::write(&path, &text).unwrap();
    let diagnostics = json_diagnostics(&catalogue.check("json"));
    assert_eq!(diagnostics.len(), 1);
    let line = text
        .lines()
        .find(|line| line.starts_with("organisations"))
        .unwrap();
    let byte = line.rfind("\"Umeå").unwrap();
    assert_eq!(
        diagnostics[0]["column"].as_u64().unwrap() as usize,
        line[..byte].chars().count() + 1
    );
    assert_ne!(
        line[..byte].chars().count(),
        byte,
        "the line must contain a multi-byte character"
    );
}

#[test]
fn diagnostics_are_sorted_by_file_line_and_column() {
    let catalogue = TestCatalogue::base();
    let valid = std::fs::read_to_string(fixtures().join("valid/cases/SE/digital-colleague.md")).unwrap();
    let broken = valid
        .replace("reviewed = 2026-05-04", "reviewed = 2999-05-04")
        .replace("categories = [\"internal\"]", "categories = [\"intern\"]");
    catalogue.write("cases/SE/b.md", &broken);
    catalogue.write("cases/SE/a.md", &broken);
    let keys: Vec<(String, u64, u64)> = json_diagnostics(&catalogue.check("json"))
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys.len(), 4);
    assert_eq!(keys, sorted);
}

/// `catalogue check` lets each case go once it is validated, and keeps a
/// file's text only when a diagnostic points into it. It must report what
/// the check a build runs reports, with a text for every code frame.
#[test]
fn the_check_without_cases_reports_what_the_build_check_reports() {
    let mut names: Vec<String> = invalid_fixtures()
        .iter()
        .map(|name| format!("invalid/{name}"))
        .collect();
    names.extend(["valid".to_string(), "hostile/invalid".to_string()]);
    for name in names {
        let catalogue = TestCatalogue::fixture(&name);
        let paths = catalogue::CataloguePaths::new(catalogue.root());
        let today = crate::harness::today();
        let full = match catalogue::check(&paths, today) {
            Ok(full) => full,
            // A catalogue that cannot be read at all is refused by both.
            Err(error) => {
                let lean = catalogue::check_diagnostics(&paths, today).unwrap_err();
                assert_eq!(error.to_string(), lean.to_string(), "{name}");
                continue;
            }
        };
        let lean = catalogue::check_diagnostics(&paths, today).unwrap();
        assert_eq!(
            format!("{:?}", full.diagnostics),
            format!("{:?}", lean.diagnostics),
            "{name}"
        );
        assert_eq!(full.files_checked, lean.files_checked, "{name}");
        for diagnostic in lean.diagnostics.iter().filter(|d| d.span.is_some()) {
            assert!(
                lean.sources.get(&diagnostic.path).is_some(),
                "{name}: no text for the code frame of {diagnostic:?}"
            );
        }
        if let (Some(full_catalogue), Some(lean_catalogue)) = (&full.catalogue, &lean.catalogue) {
            assert!(lean_catalogue.cases.is_empty(), "{name}");
            if name == "valid" {
                assert!(!full_catalogue.cases.is_empty());
            }
        }
    }
}

//! The command line around `check`: `explain`, `new`, exit codes.

use crate::harness::{TestCatalogue, stderr, stdout};

#[test]
fn explain_prints_every_code_and_refuses_unknown_ones() {
    let catalogue = TestCatalogue::base();
    for code in catalogue::codes::all() {
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

/// CONTRIBUTING.md's reference section is generated from the field table,
/// catalogue.toml and the diagnostic codes; `SNAPSHOTS=overwrite cargo test`
/// regenerates it after a change.
#[test]
fn contributing_md_is_in_sync_with_the_code_and_the_vocabularies() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let paths = catalogue::CataloguePaths::new(root.join("examples-catalogue"));
    let checked = catalogue::check(&paths, crate::harness::today()).unwrap();
    let config = checked.catalogue.unwrap().config;
    let generated = catalogue::contributing::generated(&config);
    let path = root.join("CONTRIBUTING.md");
    let document = std::fs::read_to_string(&path).unwrap();
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::write(
            &path,
            catalogue::contributing::replace_block(&document, &generated).unwrap(),
        )
        .unwrap();
        return;
    }
    let block = catalogue::contributing::block(&document).expect("CONTRIBUTING.md has the generated block");
    assert!(
        block == generated.trim_matches('\n'),
        "CONTRIBUTING.md is out of date: run SNAPSHOTS=overwrite cargo test"
    );
    for code in catalogue::codes::all() {
        assert!(block.contains(code.code));
    }
    for field in catalogue::schema::FIELDS {
        assert!(block.contains(&format!("`{}`", field.name)));
    }
}

/// Every `run:` step of the repository's workflows, by file.
fn workflow_commands() -> Vec<(String, String)> {
    use yaml_rust2::{Yaml, YamlLoader};
    fn collect(node: &Yaml, file: &str, out: &mut Vec<(String, String)>) {
        match node {
            Yaml::Hash(map) => {
                for (key, value) in map {
                    if key.as_str() == Some("run") {
                        out.push((file.to_string(), value.as_str().unwrap().to_string()));
                    } else {
                        collect(value, file, out);
                    }
                }
            }
            Yaml::Array(items) => items.iter().for_each(|item| collect(item, file, out)),
            _ => {}
        }
    }
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let mut commands = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let documents =
            YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            documents[0]["jobs"]
                .as_hash()
                .is_some_and(|jobs| !jobs.is_empty()),
            "{name} has no jobs"
        );
        collect(&documents[0], &name, &mut commands);
    }
    commands
}

/// The workflows parse as YAML and run only commands that exist: scripts
/// of the repository, or `catalogue` subcommands, as the README gives them.
#[test]
fn the_workflows_use_only_commands_that_exist() {
    use clap::CommandFactory;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let cli = catalogue::cli::Cli::command();
    let commands = workflow_commands();
    assert!(
        commands
            .iter()
            .any(|(file, run)| file == "pull-request.yml" && run.contains("check --format github"))
    );
    assert!(
        commands
            .iter()
            .any(|(file, run)| file == "publish.yml" && run.starts_with("scripts/build"))
    );
    for (file, run) in commands {
        let words: Vec<&str> = run.split_whitespace().collect();
        if let Some(script) = words.first().filter(|w| w.starts_with("scripts/")) {
            assert!(root.join(script).is_file(), "{file}: {script} does not exist");
            assert!(
                readme.contains(script),
                "{file}: {script} is not a README command"
            );
        } else if let Some(position) = words.iter().position(|w| *w == "--") {
            assert_eq!(&words[..position], ["cargo", "run", "--locked"], "{file}: {run}");
            let subcommand = words[position + 1];
            assert!(
                cli.find_subcommand(subcommand).is_some(),
                "{file}: no subcommand {subcommand}"
            );
            assert!(
                readme.contains(&format!("-- {subcommand}")),
                "{file}: `{subcommand}` is not in the README"
            );
        } else {
            panic!("{file}: unexpected command {run}");
        }
    }
    let form = std::fs::read_to_string(root.join(".github/ISSUE_TEMPLATE/propose-a-case.yml")).unwrap();
    let documents = yaml_rust2::YamlLoader::load_from_str(&form).unwrap();
    assert!(
        documents[0]["body"].as_vec().is_some_and(|body| body.len() >= 5),
        "the issue form has its fields"
    );
}

#[test]
fn fmt_check_lists_files_that_would_change_and_fmt_fixes_them_once() {
    let catalogue = TestCatalogue::fixture("valid");
    let path = catalogue.root().join("cases/SE/digital-colleague.md");
    let valid = std::fs::read_to_string(&path).unwrap();
    let messy = valid
        .replace("status = \"ended\"\n", "")
        .replace(
            "title = \"The digital colleague\"\n",
            "title = 'The digital colleague'\nstatus = \"ended\"\n",
        )
        .replace("categories = [\"internal\"]", "categories = [ \"internal\" ]");
    std::fs::write(&path, &messy).unwrap();
    let body = &valid[valid.find("## Background").unwrap()..];

    let check = catalogue.run(&["fmt", "--check", "--catalogue", "catalogue"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("would reformat catalogue/cases/SE/digital-colleague.md"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        messy,
        "--check changes nothing"
    );

    let fmt = catalogue.run(&["fmt", "--catalogue", "catalogue"]);
    assert_eq!(fmt.status.code(), Some(0));
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert!(
        formatted.contains("title = \"The digital colleague\"\ntitle_local"),
        "{formatted}"
    );
    assert!(formatted.contains("categories = [\"internal\"]"));
    assert!(formatted.find("cooperation =").unwrap() < formatted.find("status =").unwrap());
    assert!(formatted.ends_with(body), "the body is kept byte for byte");
    assert_eq!(
        catalogue
            .run(&["fmt", "--check", "--catalogue", "catalogue"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(catalogue.check("short").status.code(), Some(0));
}

#[test]
fn check_changed_reports_only_the_changed_files() {
    let catalogue = TestCatalogue::fixture("valid");
    let broken = std::fs::read_to_string(
        crate::harness::fixtures().join("invalid/E0301-unknown-municipality/cases/SE/digital-colleague.md"),
    )
    .unwrap();
    catalogue.write("cases/SE/one.md", &broken);
    catalogue.write("cases/SE/two.md", &broken);
    let all = catalogue.check("short");
    assert!(stderr(&all).contains("one.md") && stderr(&all).contains("two.md"));
    let output = catalogue.run(&[
        "check",
        "--catalogue",
        "catalogue",
        "--format",
        "short",
        "--changed",
        "catalogue/cases/SE/two.md",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("two.md") && !text.contains("one.md"), "{text}");
    assert!(
        text.ends_with("1 error, 0 warnings in 1 file (1 file checked)\n"),
        "{text}"
    );
    let clean = catalogue.run(&[
        "check",
        "--catalogue",
        "catalogue",
        "--changed",
        "catalogue/cases/NO/vefsn-crlf-bom.md",
    ]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
}

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

/// The repository's workflows, parsed, by file name (sorted).
fn workflows() -> Vec<(String, yaml_rust2::Yaml)> {
    use yaml_rust2::YamlLoader;
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let mut all = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut documents =
            YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(documents.len(), 1, "{name} is one YAML document");
        let document = documents.remove(0);
        assert!(
            document["jobs"].as_hash().is_some_and(|jobs| !jobs.is_empty()),
            "{name} has no jobs"
        );
        assert!(
            text.starts_with("# "),
            "{name} starts with a comment saying why it exists"
        );
        all.push((name, document));
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn workflow(name: &str) -> yaml_rust2::Yaml {
    workflows()
        .into_iter()
        .find(|(file, _)| file == name)
        .unwrap_or_else(|| panic!("no workflow {name}"))
        .1
}

/// Every step of a workflow, with the name of its job.
fn steps(workflow: &yaml_rust2::Yaml) -> Vec<(String, &yaml_rust2::Yaml)> {
    let mut all = Vec::new();
    for (job, body) in workflow["jobs"].as_hash().unwrap() {
        for step in body["steps"].as_vec().unwrap() {
            all.push((job.as_str().unwrap().to_string(), step));
        }
    }
    all
}

/// Every `run:` step of the repository's workflows, by file.
fn workflow_commands() -> Vec<(String, String)> {
    let mut commands = Vec::new();
    for (name, document) in workflows() {
        for (_, step) in steps(&document) {
            if let Some(run) = step["run"].as_str() {
                commands.push((name.clone(), run.to_string()));
            }
        }
    }
    commands
}

/// The simple commands of a `run:` script, as words: one per line and per
/// `&&`, `||`, `;` or `|`, without redirections, leading variable
/// assignments and double quotes. The workflows keep their logic in
/// scripts/, so this is all the shell they use.
fn simple_commands(run: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    for line in run.replace("\\\n", " ").lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let parts = line
            .split("&&")
            .flat_map(|part| part.split("||"))
            .flat_map(|part| part.split([';', '|']));
        for part in parts {
            let mut words = Vec::new();
            let mut tokens = part.split_whitespace();
            while let Some(token) = tokens.next() {
                let redirection = token.trim_start_matches(|c: char| c.is_ascii_digit());
                if redirection.starts_with(['>', '<']) {
                    if matches!(redirection, ">" | ">>" | "<") {
                        tokens.next();
                    }
                    continue;
                }
                if words.is_empty() && token.contains('=') && !token.starts_with('-') {
                    continue;
                }
                words.push(token.trim_matches('"').to_string());
            }
            if !words.is_empty() {
                commands.push(words);
            }
        }
    }
    commands
}

/// The workflows parse as YAML and run only commands that exist: scripts
/// of the repository and `catalogue` subcommands as the README gives them,
/// cargo's own subcommands (always `--locked`), binaries a step of the same
/// workflow builds or restores, and a few programs of GitHub's runners.
#[test]
fn the_workflows_use_only_commands_that_exist() {
    use clap::CommandFactory;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let cli = catalogue::cli::Cli::command();
    let parses = |file: &str, args: &[String]| {
        if let Err(error) = cli.clone().try_get_matches_from(args) {
            assert_eq!(
                error.kind(),
                clap::error::ErrorKind::DisplayVersion,
                "{file}: `{}` is not a valid catalogue command: {error}",
                args.join(" ")
            );
        }
    };
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
    // What cargo builds and what `cp` or the cache puts where, by workflow.
    let mut made: Vec<(String, String)> = Vec::new();
    for (file, document) in workflows() {
        for (_, step) in steps(&document) {
            if let Some(path) = step["with"]["path"].as_str() {
                made.push((file.clone(), path.to_string()));
            }
            for words in step["run"].as_str().map(simple_commands).unwrap_or_default() {
                if words[0] == "cp" {
                    made.push((file.clone(), words.last().unwrap().clone()));
                } else if words.len() > 1
                    && words[0] == "cargo"
                    && words[1] == "build"
                    && !words.iter().any(|w| w == "--target")
                {
                    let profile = if words.iter().any(|w| w == "--release") {
                        "release"
                    } else {
                        "debug"
                    };
                    made.push((file.clone(), format!("target/{profile}/catalogue")));
                }
            }
        }
    }
    const CARGO: &[&str] = &["build", "run", "test", "fmt", "clippy", "doc"];
    const GH_RELEASE: &[&str] = &["view", "create", "upload"];
    const RUNNER_TOOLS: &[&str] = &["cat", "cd", "cp", "mkdir", "sha256sum"];
    let mut checked = 0;
    for (file, run) in commands {
        for words in simple_commands(&run) {
            checked += 1;
            let first = words[0].as_str();
            if first.starts_with("scripts/") {
                let script = root.join(first);
                assert!(script.is_file(), "{file}: {first} does not exist");
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = std::fs::metadata(&script).unwrap().permissions().mode();
                    assert!(mode & 0o111 != 0, "{file}: {first} is not executable");
                }
                assert!(readme.contains(first), "{file}: {first} is not a README command");
            } else if first == "cargo" {
                assert!(
                    CARGO.contains(&words[1].as_str()),
                    "{file}: no cargo {}",
                    words[1]
                );
                assert!(
                    words.contains(&"--locked".to_string()),
                    "{file}: {run} without --locked"
                );
                if let Some(position) = words.iter().position(|w| w == "--") {
                    assert_eq!(&words[..position], ["cargo", "run", "--locked"], "{file}: {run}");
                    let mut args = vec!["catalogue".to_string()];
                    args.extend_from_slice(&words[position + 1..]);
                    parses(&file, &args);
                    let subcommand = &words[position + 1];
                    assert!(
                        readme.contains(&format!("-- {subcommand}")),
                        "{file}: `{subcommand}` is not in the README"
                    );
                }
            } else if first.rsplit('/').next() == Some("catalogue") && first.contains('/') {
                assert!(
                    made.contains(&(file.clone(), first.to_string())),
                    "{file}: nothing in the workflow builds, copies or restores {first}"
                );
                parses(&file, &words);
                if !words[1].starts_with('-') {
                    assert!(
                        readme.contains(&format!("catalogue {}", words[1])),
                        "{file}: `catalogue {}` is not in the README",
                        words[1]
                    );
                }
            } else if first == "cp" && words[1].starts_with("target/") {
                assert!(
                    made.contains(&(file.clone(), words[1].clone())),
                    "{file}: no cargo build of the workflow makes {}",
                    words[1]
                );
            } else if first == "gh" {
                assert!(
                    words[1] == "release" && GH_RELEASE.contains(&words[2].as_str()),
                    "{file}: unexpected {run}"
                );
            } else {
                assert!(RUNNER_TOOLS.contains(&first), "{file}: unexpected command {run}");
            }
        }
    }
    assert!(checked >= 15, "the commands were found ({checked})");
    let form = std::fs::read_to_string(root.join(".github/ISSUE_TEMPLATE/propose-a-case.yml")).unwrap();
    let documents = yaml_rust2::YamlLoader::load_from_str(&form).unwrap();
    assert!(
        documents[0]["body"].as_vec().is_some_and(|body| body.len() >= 5),
        "the issue form has its fields"
    );
}

/// `text` with each `${{ … }}` expression for which `replace` gives a
/// value replaced by it; the others stay as they are.
fn substitute(text: &str, replace: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        let Some(length) = rest[start..].find("}}") else {
            break;
        };
        let expression = rest[start + 3..start + length].trim();
        out.push_str(&rest[..start]);
        match replace(expression) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&rest[start..start + length + 2]),
        }
        rest = &rest[start + length + 2..];
    }
    out.push_str(rest);
    out
}

/// The checker a content-only pull request restores is exactly the one
/// every push to main saves: the same cache key, with the pushed commit on
/// one side and the pull request's base commit on the other, and the same
/// path (part of the cache's version). Without one, the job builds it.
#[test]
fn a_pull_request_restores_the_checker_main_saves_for_its_base_commit() {
    let yaml = |s: &str| yaml_rust2::Yaml::String(s.to_string());
    let mut saved = Vec::new();
    let mut restored = Vec::new();
    for (file, document) in workflows() {
        let on = &document["on"];
        let pushed_to_main = on["push"]["branches"]
            .as_vec()
            .is_some_and(|b| b == &[yaml("main")]);
        let pull_request = !on["pull_request"].is_badvalue();
        for (job, step) in steps(&document) {
            let action = step["uses"].as_str().unwrap_or("");
            if !action.starts_with("actions/cache") {
                continue;
            }
            // Only these two expressions name the commit the checker was
            // built from: anything else keeps its `${{ … }}` and cannot match.
            let commit = |expression: &str| {
                let pushed = pushed_to_main && expression == "github.sha";
                let base = pull_request && expression == "github.event.pull_request.base.sha";
                (pushed || base).then(|| "<commit>".to_string())
            };
            let key = substitute(step["with"]["key"].as_str().unwrap(), commit);
            let path = step["with"]["path"].as_str().unwrap().to_string();
            if action.starts_with("actions/cache/save@") {
                assert!(pushed_to_main, "{file}: a checker saved from elsewhere than main");
                saved.push((key, path));
            } else {
                assert!(
                    step["with"]["restore-keys"].is_badvalue(),
                    "{file}: a restored checker is the base commit's or none, never an older one"
                );
                let id = step["id"].as_str().expect("the restore step has an id");
                restored.push((key.clone(), path.clone()));
                // The fallback: the job's other steps build the same binary
                // at the same path when nothing was restored.
                let miss = format!("steps.{id}.outputs.cache-hit != 'true'");
                let fallback: Vec<String> = steps(&document)
                    .into_iter()
                    .filter(|(j, s)| *j == job && s["if"].as_str() == Some(miss.as_str()))
                    .filter_map(|(_, s)| s["run"].as_str().map(str::to_string))
                    .collect();
                assert!(
                    fallback
                        .iter()
                        .any(|run| run == "cargo build --locked --no-default-features"),
                    "{file}: no fallback build in {fallback:?}"
                );
                assert!(
                    fallback
                        .iter()
                        .any(|run| run.ends_with(&format!("cp target/debug/catalogue {path}"))),
                    "{file}: the fallback does not put the binary at {path}: {fallback:?}"
                );
                assert!(
                    document["jobs"][job.as_str()]["if"]
                        .as_str()
                        .is_some_and(|c| c.contains("content-only == 'true'")),
                    "{file}: the restored checker serves content-only pull requests"
                );
            }
        }
    }
    assert!(!saved.is_empty(), "a workflow saves the checker");
    assert_eq!(saved, restored, "the checker saved is the one restored");
    for (key, _) in &saved {
        assert!(key.contains("<commit>"), "{key} is keyed by the commit");
        assert!(!key.contains("${{"), "{key}");
    }

    // Code changes keep the full jobs; content-only ones skip them.
    let pull_request = workflow("pull-request.yml");
    for job in ["catalogue", "tests"] {
        assert_eq!(pull_request["jobs"][job]["needs"].as_str(), Some("changes"));
        assert_eq!(
            pull_request["jobs"][job]["if"].as_str(),
            Some("needs.changes.outputs.content-only != 'true'")
        );
    }
    assert!(
        steps(&pull_request)
            .iter()
            .any(|(job, step)| job == "tests" && step["run"].as_str() == Some("scripts/test"))
    );
    let changes = &pull_request["jobs"]["changes"];
    assert_eq!(
        changes["outputs"]["content-only"].as_str(),
        Some("${{ steps.diff.outputs.content-only }}")
    );
    assert_eq!(changes["steps"][0]["with"]["fetch-depth"].as_i64(), Some(0));
}

/// The release workflow builds every target on its own runner, and every
/// artefact a build job uploads is one the release job downloads (and the
/// other way round), after expanding the build matrix.
#[test]
fn the_release_workflow_attaches_every_build_to_the_release() {
    let release = workflow("release.yml");
    assert_eq!(release["on"]["push"]["tags"][0].as_str(), Some("v*"));
    let matrix = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_vec()
        .unwrap();
    let mut targets: Vec<(&str, &str)> = matrix
        .iter()
        .map(|entry| (entry["target"].as_str().unwrap(), entry["os"].as_str().unwrap()))
        .collect();
    targets.sort_unstable();
    assert_eq!(
        targets,
        [
            ("aarch64-apple-darwin", "macos-latest"),
            ("aarch64-unknown-linux-gnu", "ubuntu-24.04-arm"),
            ("x86_64-apple-darwin", "macos-15-intel"),
            ("x86_64-pc-windows-msvc", "windows-latest"),
            ("x86_64-unknown-linux-gnu", "ubuntu-latest"),
        ]
    );
    let expand = |text: &str| -> Vec<String> {
        if !text.contains("matrix.") {
            return vec![text.to_string()];
        }
        matrix
            .iter()
            .map(|entry| {
                substitute(text, |expression| {
                    let field = expression.strip_prefix("matrix.")?;
                    entry[field].as_str().map(str::to_string)
                })
            })
            .collect()
    };
    let glob = |pattern: &str, name: &str| match pattern.split_once('*') {
        Some((start, end)) => {
            name.len() >= start.len() + end.len() && name.starts_with(start) && name.ends_with(end)
        }
        None => pattern == name,
    };
    let mut uploads = Vec::new();
    let mut downloads = Vec::new();
    for (job, step) in steps(&release) {
        let action = step["uses"].as_str().unwrap_or("");
        let with = &step["with"];
        if action.starts_with("actions/upload-artifact@") {
            uploads.extend(
                expand(with["name"].as_str().unwrap())
                    .into_iter()
                    .map(|n| (job.clone(), n)),
            );
        } else if action.starts_with("actions/download-artifact@") {
            let pattern = with["pattern"].as_str().or(with["name"].as_str()).unwrap();
            downloads.push((job.clone(), pattern.to_string()));
        }
    }
    assert_eq!(
        uploads.len(),
        matrix.len(),
        "one artefact per target: {uploads:?}"
    );
    let mut names: Vec<&String> = uploads.iter().map(|(_, name)| name).collect();
    names.dedup();
    assert_eq!(
        names.len(),
        uploads.len(),
        "artefact names are unique: {uploads:?}"
    );
    assert!(!names.iter().any(|name| name.contains("${{")), "{names:?}");
    for (job, name) in &uploads {
        assert!(
            downloads.iter().any(|(downloader, pattern)| glob(pattern, name)
                && release["jobs"][downloader.as_str()]["needs"].as_str() == Some(job.as_str())),
            "nothing downloads the artefact {name} after its job {job}"
        );
    }
    for (_, pattern) in &downloads {
        assert!(
            uploads.iter().any(|(_, name)| glob(pattern, name)),
            "no artefact is called {pattern}"
        );
    }

    let runs: Vec<(String, String)> = steps(&release)
        .into_iter()
        .filter_map(|(job, step)| Some((job, step["run"].as_str()?.to_string())))
        .collect();
    assert!(runs.contains(&(
        "build".to_string(),
        "cargo build --release --locked --target \"$TARGET\"".to_string()
    )));
    assert!(runs.contains(&(
        "build".to_string(),
        "scripts/package-release \"$TARGET\" \"$TAG\"".to_string()
    )));
    assert_eq!(
        release["jobs"]["build"]["env"]["TARGET"].as_str(),
        Some("${{ matrix.target }}")
    );
    assert_eq!(release["defaults"]["run"]["shell"].as_str(), Some("bash"));
    // Only the job that publishes may write to the repository.
    assert_eq!(release["permissions"]["contents"].as_str(), Some("read"));
    for (job, run) in &runs {
        if run.starts_with("gh ") {
            assert_eq!(job, "release");
        }
    }
    assert_eq!(
        release["jobs"]["release"]["permissions"]["contents"].as_str(),
        Some("write")
    );
    assert!(
        runs.iter()
            .any(|(_, run)| run.contains("gh release upload \"$TAG\" dist/*"))
    );
}

/// scripts/content-only says `true` only when every changed file, both
/// sides of a move included, is under examples-catalogue/.
#[cfg(unix)]
#[test]
fn content_only_tells_a_case_file_change_from_a_code_change() {
    use std::process::Command;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
            .args(["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(repo)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
        stdout(&output).trim().to_string()
    };
    std::fs::create_dir_all(repo.join("scripts")).unwrap();
    std::fs::copy(
        root.join("scripts/content-only"),
        repo.join("scripts/content-only"),
    )
    .unwrap();
    std::fs::create_dir_all(repo.join("examples-catalogue/cases/SE")).unwrap();
    std::fs::create_dir_all(repo.join("src")).unwrap();
    std::fs::write(repo.join("examples-catalogue/cases/SE/a.md"), "a").unwrap();
    std::fs::write(repo.join("src/lib.rs"), "//! x").unwrap();
    git(&["init", "--quiet"]);
    git(&["add", "--all"]);
    git(&["commit", "--quiet", "--message", "base"]);
    let base = git(&["rev-parse", "HEAD"]);
    let content_only = |head: &str| {
        let output = Command::new(repo.join("scripts/content-only"))
            .args([base.as_str(), head])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    assert_eq!(
        content_only(&base),
        "content-only=false\n",
        "no change runs everything"
    );

    std::fs::write(repo.join("examples-catalogue/cases/SE/b.md"), "b").unwrap();
    git(&["add", "--all"]);
    git(&["commit", "--quiet", "--message", "a case"]);
    let case = git(&["rev-parse", "HEAD"]);
    assert_eq!(content_only(&case), "content-only=true\n");

    git(&["mv", "src/lib.rs", "examples-catalogue/lib.rs"]);
    git(&["commit", "--quiet", "--message", "a move"]);
    assert_eq!(content_only(&git(&["rev-parse", "HEAD"])), "content-only=false\n");

    git(&["checkout", "--quiet", &case]);
    std::fs::write(repo.join("src/main.rs"), "fn main() {}").unwrap();
    git(&["add", "--all"]);
    git(&["commit", "--quiet", "--message", "code"]);
    assert_eq!(content_only(&git(&["rev-parse", "HEAD"])), "content-only=false\n");
}

/// scripts/package-release names the archive with the version and the
/// target, puts the binary and README.md in it, writes a checksum that
/// `sha256sum --check` accepts, and refuses a tag that is not the binary's
/// version.
#[cfg(target_os = "linux")]
#[test]
fn package_release_writes_the_archive_and_its_checksum() {
    use std::process::Command;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let target = "x86_64-unknown-linux-gnu";
    let release = dir.path().join("target").join(target).join("release");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_catalogue"), release.join("catalogue")).unwrap();
    let dist = dir.path().join("dist");
    let package = |tag: &str| {
        Command::new(root.join("scripts/package-release"))
            .args([target, tag])
            .env("CARGO_TARGET_DIR", dir.path().join("target"))
            .env("DIST", &dist)
            .output()
            .unwrap()
    };
    let wrong = package("v0.0.0-not-this");
    assert_eq!(wrong.status.code(), Some(1), "{}", stderr(&wrong));
    assert!(stderr(&wrong).contains("set version in Cargo.toml"));
    assert!(
        !dist
            .join("catalogue-0.0.0-not-this-x86_64-unknown-linux-gnu.tar.gz")
            .exists()
    );

    let version = env!("CARGO_PKG_VERSION");
    let output = package(&format!("v{version}"));
    assert!(output.status.success(), "{}", stderr(&output));
    let archive = format!("catalogue-{version}-{target}.tar.gz");
    assert!(dist.join(&archive).is_file());
    let checksum = std::fs::read_to_string(dist.join(format!("{archive}.sha256"))).unwrap();
    assert!(checksum.ends_with(&format!("  {archive}\n")), "{checksum}");
    let check = Command::new("sha256sum")
        .args(["--check", &format!("{archive}.sha256")])
        .current_dir(&dist)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    let list = Command::new("tar")
        .args(["-tzf", &archive])
        .current_dir(&dist)
        .output()
        .unwrap();
    let mut files: Vec<String> = stdout(&list).lines().map(str::to_string).collect();
    files.sort();
    let folder = format!("catalogue-{version}-{target}");
    assert_eq!(
        files,
        [
            format!("{folder}/"),
            format!("{folder}/README.md"),
            format!("{folder}/catalogue")
        ]
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

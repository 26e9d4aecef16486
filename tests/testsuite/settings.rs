//! Settings, linked files, e-mail addresses and Unicode (issue 16, items
//! 3, 4, 5 and 7): `check` validates `[site]` and the vocabularies, no
//! file inside the catalogue or theme is read through a link, an e-mail
//! address is one plain address, names are compared in NFC and
//! bidirectional controls are shown escaped in every format.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::harness::{TestCatalogue, copy_tree, fixtures, json_diagnostics, stderr, stdout};

const SECRET: &str = "SECRET-TOKEN-4711";

/// A file outside the catalogue holding a secret, shaped like the kinds of
/// file a link could stand in for (TOML, CSV).
fn secret_file(dir: &Path) -> PathBuf {
    let path = dir.join("outside-secret.txt");
    std::fs::write(
        &path,
        format!("token = \"{SECRET}\"\n{SECRET},{SECRET}\n[{SECRET}]\n"),
    )
    .unwrap();
    path
}

fn every_format(catalogue: &TestCatalogue) -> Vec<(String, Output)> {
    ["human", "short", "github", "json"]
        .into_iter()
        .map(|format| (format.to_string(), catalogue.check(format)))
        .collect()
}

fn all_output(output: &Output) -> String {
    format!("{}{}", stdout(output), stderr(output))
}

/// The catalogue with bodies, so that both register files are read.
fn catalogue_with_bodies() -> TestCatalogue {
    let catalogue = TestCatalogue::base();
    copy_tree(
        &fixtures().join("bodies/register"),
        &catalogue.root().join("register"),
    );
    catalogue
}

#[cfg(unix)]
#[test]
fn no_catalogue_file_is_read_through_a_link() {
    // Each file the catalogue reads, and each folder on the way.
    let targets = [
        "catalogue.toml",
        "register/municipalities.csv",
        "register/bodies.csv",
        "register/body-members.csv",
        "withdrawn.toml",
        "map/nordic-outlines.json",
        "thesaurus.toml",
        "register",
        "cases",
    ];
    for target in targets {
        let catalogue = catalogue_with_bodies();
        let outside = tempfile::tempdir().unwrap();
        let secret = secret_file(outside.path());
        let link = catalogue.root().join(target);
        if link.is_dir() {
            let moved = outside.path().join("folder");
            copy_tree(&link, &moved);
            std::fs::write(moved.join("municipalities.csv.secret"), SECRET).unwrap();
            std::fs::remove_dir_all(&link).unwrap();
            std::os::unix::fs::symlink(&moved, &link).unwrap();
        } else {
            std::fs::create_dir_all(link.parent().unwrap()).unwrap();
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&secret, &link).unwrap();
        }
        let outside_path = outside.path().to_string_lossy().into_owned();
        for (format, output) in every_format(&catalogue) {
            assert_eq!(
                output.status.code(),
                Some(1),
                "{target} {format}: {}",
                all_output(&output)
            );
            let text = all_output(&output);
            assert!(text.contains("E0112"), "{target} {format}: {text}");
            assert!(
                !text.contains(SECRET),
                "{target} {format} shows the target's text: {text}"
            );
            assert!(
                !text.contains(&outside_path),
                "{target} {format} names the target: {text}"
            );
        }
        let json = catalogue.check("json");
        let linked: Vec<_> = json_diagnostics(&json)
            .into_iter()
            .filter(|d| d["code"] == "E0112")
            .collect();
        assert_eq!(linked.len(), 1, "{target}");
        assert_eq!(linked[0]["file"], format!("catalogue/{target}"), "{target}");
        assert!(!linked[0]["help"].is_null());

        let build = catalogue.build_site();
        assert_eq!(build.status.code(), Some(1), "{target}: {}", all_output(&build));
        assert!(!all_output(&build).contains(SECRET), "{target}");
        assert!(!catalogue.dir.path().join("site").exists(), "{target}");
    }
}

/// A named pipe would make a check wait forever; it is refused unread.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_unread() {
    let catalogue = TestCatalogue::base();
    let pipe = catalogue.root().join("thesaurus.toml");
    let name = std::ffi::CString::new(pipe.to_string_lossy().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo has no other precondition.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = json_diagnostics(&output);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E0112");
    assert_eq!(diagnostics[0]["file"], "catalogue/thesaurus.toml");
}

/// The roots named on the command line are the user's choice: a
/// catalogue and a theme reached through links build.
#[cfg(unix)]
#[test]
fn the_roots_named_on_the_command_line_may_be_links() {
    let catalogue = TestCatalogue::fixture("valid");
    let real = catalogue.dir.path().join("real-catalogue");
    std::fs::rename(catalogue.root(), &real).unwrap();
    std::os::unix::fs::symlink(&real, catalogue.root()).unwrap();
    let theme = catalogue.dir.path().join("theme");
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    )
    .unwrap();
    let output = catalogue.run(&[
        "build",
        "--catalogue",
        "catalogue",
        "--theme",
        "theme",
        "--out",
        "site",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}

/// A copy of the shipped theme in `dir`.
fn theme_copy(dir: &Path) -> PathBuf {
    let theme = dir.join("theme");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    );
    theme
}

#[cfg(unix)]
#[test]
fn no_theme_file_is_read_through_a_link() {
    for target in [
        "i18n/en.toml",
        "templates/base.html",
        "templates/extra.html",
        "static/style.css",
        "static/extra/secret.txt",
        "i18n",
        "static",
        "templates",
    ] {
        let catalogue = TestCatalogue::fixture("valid");
        let outside = tempfile::tempdir().unwrap();
        let secret = secret_file(outside.path());
        let theme = theme_copy(catalogue.dir.path());
        let link = theme.join(target);
        if link.is_dir() {
            std::fs::remove_dir_all(&link).unwrap();
            std::os::unix::fs::symlink(outside.path(), &link).unwrap();
        } else {
            std::fs::create_dir_all(link.parent().unwrap()).unwrap();
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&secret, &link).unwrap();
        }
        let output = catalogue.run(&[
            "build",
            "--catalogue",
            "catalogue",
            "--theme",
            "theme",
            "--out",
            "site",
        ]);
        let text = all_output(&output);
        assert_eq!(output.status.code(), Some(2), "{target}: {text}");
        assert!(text.contains("symbolic link"), "{target}: {text}");
        assert!(!text.contains(SECRET), "{target}: {text}");
        assert!(
            !text.contains(&*outside.path().to_string_lossy()),
            "{target} names the target: {text}"
        );
        assert!(!catalogue.dir.path().join("site").exists(), "{target}");
    }
}

/// `[site] language` was a path: `../../../../elsewhere/x` read any .toml
/// file as UI strings. `check` refuses it, and so does the theme loader.
#[test]
fn the_site_language_is_a_term_of_the_languages_vocabulary() {
    let catalogue = TestCatalogue::fixture("invalid/E0010-invalid-setting");
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let messages: Vec<String> = json_diagnostics(&output)
        .iter()
        .map(|d| format!("{} {}", d["code"], d["message"]))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("E0010") && m.contains("is not a term of [[languages]]")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("E0010") && m.contains("base_url")),
        "{messages:?}"
    );

    let theme = catalogue::render::Theme::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"))
        .unwrap();
    for language in ["../../../../elsewhere/x", "/etc/x", "en/../en", "EN", ""] {
        let error = theme.strings(language).err().map(|e| format!("{e:#}"));
        assert!(
            error.as_deref().is_some_and(|e| e.contains("not a language tag")),
            "{language}: {error:?}"
        );
    }
    assert!(theme.strings("sv").is_ok());
}

/// A language of the vocabulary that the theme has no strings for fails
/// `check` against the theme (E0010 on the setting) and stops `build` with
/// exit 2 before anything is written. Without a theme (none named, no
/// themes/default where it runs) `check` cannot know and passes.
#[test]
fn a_site_language_without_strings_in_the_theme_stops_the_build() {
    let catalogue = TestCatalogue::fixture("valid");
    let config = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
    assert!(config.contains("term = \"fo\""));
    catalogue.write(
        "catalogue.toml",
        config.replacen("language = \"en\"", "language = \"fo\"", 1),
    );
    assert_eq!(catalogue.check("json").status.code(), Some(0));
    let theme = format!("{}/themes/default", env!("CARGO_MANIFEST_DIR"));
    let checked = catalogue.run(&[
        "check",
        "--catalogue",
        "catalogue",
        "--theme",
        &theme,
        "--format",
        "json",
    ]);
    assert_eq!(checked.status.code(), Some(1), "{}", stdout(&checked));
    let diagnostics = json_diagnostics(&checked);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E0010");
    assert_eq!(diagnostics[0]["file"], "catalogue/catalogue.toml");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no UI strings for the site language \"fo\"")),
        "{diagnostics:?}"
    );
    // A theme named but absent is the user's mistake, not the catalogue's.
    let missing = catalogue.run(&["check", "--catalogue", "catalogue", "--theme", "no-such-theme"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("the theme folder no-such-theme does not exist"));
    let build = catalogue.build_site();
    assert_eq!(build.status.code(), Some(2), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("no UI strings for \"fo\""),
        "{}",
        stderr(&build)
    );
    assert!(!catalogue.dir.path().join("site").exists());
}

#[test]
fn the_base_url_must_be_an_absolute_web_address() {
    for (url, reason) in [
        ("javascript:alert(1)//", "not an http"),
        ("data:text/html,x", "not an http"),
        ("https://example.org/a b/", "space"),
        (" https://example.org/", "space"),
        ("https://user:pass@example.org/", "user name or password"),
        ("//example.org/", "not an absolute address"),
        ("https://example.org/?a=b", "query"),
    ] {
        let catalogue = TestCatalogue::fixture("valid");
        let config = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
        let original = "base_url = \"https://example.org/nordic-good-examples/\"";
        assert!(config.contains(original));
        catalogue.write(
            "catalogue.toml",
            config.replacen(original, &format!("base_url = {}", toml_string(url)), 1),
        );
        let output = catalogue.check("json");
        assert_eq!(output.status.code(), Some(1), "{url}");
        let diagnostics = json_diagnostics(&output);
        assert_eq!(diagnostics.len(), 1, "{url}: {diagnostics:?}");
        assert_eq!(diagnostics[0]["code"], "E0010");
        assert_eq!(diagnostics[0]["line"], 16, "{url}: points at the setting");
        assert!(
            diagnostics[0]["message"].as_str().unwrap().contains(reason),
            "{url}: {}",
            diagnostics[0]["message"]
        );

        // The same address given as --base-url: exit 2, nothing written.
        let catalogue = TestCatalogue::fixture("valid");
        let theme = format!("{}/themes/default", env!("CARGO_MANIFEST_DIR"));
        let output = catalogue.run(&[
            "build",
            "--catalogue",
            "catalogue",
            "--out",
            "site",
            "--theme",
            &theme,
            "--base-url",
            url,
        ]);
        assert_eq!(output.status.code(), Some(2), "{url}");
        assert!(stderr(&output).contains("--base-url"), "{}", stderr(&output));
        assert!(stderr(&output).contains(reason), "{}", stderr(&output));
        assert!(!catalogue.dir.path().join("site").exists(), "{url}");
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[test]
fn vocabulary_terms_are_safe_in_addresses() {
    let catalogue = TestCatalogue::fixture("invalid/E0011-invalid-term");
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = json_diagnostics(&output);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E0011");

    for (table, bad) in [
        ("categories", "a/b"),
        ("categories", ".."),
        ("categories", "Internal"),
        ("categories", "a--b"),
        ("countries", "se"),
        ("countries", "S/"),
        ("languages", "../x"),
        ("languages", "EN"),
    ] {
        let catalogue = TestCatalogue::base();
        let config = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
        let first_term = config
            .split(&format!("[[{table}]]\nterm = \""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_string();
        catalogue.write(
            "catalogue.toml",
            config.replacen(
                &format!("[[{table}]]\nterm = \"{first_term}\""),
                &format!("[[{table}]]\nterm = {}", toml_string(bad)),
                1,
            ),
        );
        let output = catalogue.check("json");
        let codes: Vec<String> = json_diagnostics(&output)
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
        assert!(codes.contains(&"E0011".to_string()), "{table} {bad}: {codes:?}");
    }
}

/// The shipped catalogue's settings and terms are all valid.
#[test]
fn the_shipped_settings_are_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let paths = catalogue::CataloguePaths::new(root.join("examples-catalogue"));
    let checked = catalogue::check(&paths, crate::harness::today()).unwrap();
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code.code).collect();
    assert!(
        !codes
            .iter()
            .any(|code| ["E0010", "E0011", "E0112"].contains(code)),
        "{codes:?}"
    );
}

/// A contact address with a query would publish a `mailto:` that writes
/// to a second recipient with a prepared text.
#[test]
fn an_email_address_is_one_plain_address() {
    for (email, suggested) in [
        (
            "x@example.org?cc=attacker@evil.example&subject=Hi&body=Click",
            Some("x@example.org"),
        ),
        ("x@example.org&cc=y@example.org", None),
        ("x@example.org, y@example.org", Some("x@example.org")),
        ("x@example.org y@example.org", Some("x@example.org")),
        ("x@example.org#frag", Some("x@example.org")),
    ] {
        let catalogue = TestCatalogue::fixture("invalid/W0305-former-municipality");
        let path = "cases/SE/digital-colleague.md";
        let text = std::fs::read_to_string(catalogue.root().join(path)).unwrap();
        let text = text
            .replacen("[\"Vilhelmina\", \"2421\"]", "[\"Vilhelmina\"]", 1)
            .replacen(
                "email = \"fou@example.org\"",
                &format!("email = {}", toml_string(email)),
                1,
            );
        catalogue.write(path, text);
        let output = catalogue.check("json");
        let diagnostics = json_diagnostics(&output);
        let found: Vec<_> = diagnostics.iter().filter(|d| d["code"] == "E0505").collect();
        assert_eq!(found.len(), 1, "{email}: {diagnostics:?}");
        assert_eq!(output.status.code(), Some(1), "{email}");
        if let Some(address) = suggested {
            assert!(
                found[0]["help"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("\"{address}\"")),
                "{email}: {}",
                found[0]["help"]
            );
        }
    }
}

/// "Umeå" written decomposed (NFD), as some macOS editors save it, finds
/// the register's composed Umeå, and a warning says it was decomposed.
#[test]
fn a_decomposed_name_is_found_and_reported() {
    let catalogue = TestCatalogue::fixture("invalid/W0308-decomposed-name");
    let text = std::fs::read_to_string(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    assert!(text.contains("Ume\u{0061}\u{030a}"), "the fixture is decomposed");
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(0));
    let diagnostics = json_diagnostics(&output);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "W0308");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("matched as Umeå (2480"),
        "{}",
        diagnostics[0]["message"]
    );
    // The case is built under the register's municipality.
    let build = catalogue.build_site();
    assert!(build.status.success(), "{}", stderr(&build));
    let page =
        std::fs::read_to_string(catalogue.dir.path().join("site/countries/se/2480/index.html")).unwrap();
    assert!(
        page.contains("The digital colleague"),
        "Umeå's page lists the case"
    );
}

/// Right-to-left overrides in a file name and in a value reach no output
/// raw: the text formats write them out, JSON as `\u202e` escapes.
#[test]
fn bidirectional_controls_are_escaped_in_every_format() {
    let catalogue = TestCatalogue::fixture("invalid/W0305-former-municipality");
    let path = "cases/SE/digital-colleague.md";
    let text = std::fs::read_to_string(catalogue.root().join(path)).unwrap();
    let text = text.replacen(
        "[\"Vilhelmina\", \"2421\"]",
        "[\"Vilhelmina\", \"Nowhere\u{202e}exe.md\u{2066}x\u{2069}\u{200f}\u{061c}\"]",
        1,
    );
    std::fs::remove_file(catalogue.root().join(path)).unwrap();
    catalogue.write("cases/SE/gpj\u{202e}.md", text);
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}');
    for (format, output) in every_format(&catalogue) {
        assert_eq!(output.status.code(), Some(1), "{format}");
        let text = all_output(&output);
        let raw: Vec<char> = text.chars().filter(|&c| bidi(c)).collect();
        assert!(raw.is_empty(), "{format} prints {raw:?}: {text}");
        if format == "json" {
            assert!(text.contains("\\u202e"), "{text}");
            let diagnostics = json_diagnostics(&output);
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d["file"] == "catalogue/cases/SE/gpj\u{202e}.md"),
                "the JSON strings keep the real name"
            );
        } else {
            assert!(text.contains("gpj<U+202E>.md"), "{format}: {text}");
            assert!(
                text.contains("<U+2066>x<U+2069><U+200F><U+061C>"),
                "{format}: {text}"
            );
        }
    }
}

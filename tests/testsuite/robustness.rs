//! No input makes `check` panic: empty, binary, truncated and huge files.

use crate::harness::{TestCatalogue, fixtures, json_diagnostics};

fn codes(catalogue: &TestCatalogue) -> Vec<String> {
    let output = catalogue.check("json");
    assert!(matches!(output.status.code(), Some(0 | 1)), "crashed: {output:?}");
    json_diagnostics(&output)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn binary_files_are_diagnosed() {
    let catalogue = TestCatalogue::base();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    catalogue.write("cases/SE/binary.md", &bytes);
    catalogue.write("cases/SE/nul.md", b"+++\ntitle = \"a\0b\"\n+++\n");
    catalogue.write("cases/SE/utf16.md", [0xff, 0xfe, b'+', 0, b'+', 0, b'+', 0]);
    let found = codes(&catalogue);
    assert!(found.contains(&"E0101".to_string()), "{found:?}");
}

#[test]
fn files_over_the_limit_are_refused_unread() {
    let catalogue = TestCatalogue::base();
    let valid = std::fs::read_to_string(fixtures().join("valid/cases/SE/digital-colleague.md")).unwrap();
    let huge = format!(
        "{valid}\n{}",
        "Lorem ipsum dolor sit amet. ".repeat(10 * 1024 * 1024 / 28)
    );
    catalogue.write("cases/SE/huge.md", huge.as_bytes());
    assert_eq!(codes(&catalogue), ["E0105"]);
    let output = catalogue.check("human");
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("the file is 10.0 MiB; a case file may be at most 1 MiB")
    );

    // Just under the limit is fine, however long the body.
    let big = format!(
        "{valid}\n{}",
        "Lorem ipsum dolor sit amet.\n".repeat(900 * 1024 / 28)
    );
    catalogue.write("cases/SE/huge.md", big.as_bytes());
    assert_eq!(codes(&catalogue), Vec::<String>::new());
}

/// Every prefix of a valid case (a file cut off anywhere, as by a failed
/// upload) gives diagnostics, never a panic. Runs in-process: 1,000+ runs.
#[test]
fn a_file_truncated_anywhere_is_diagnosed() {
    let catalogue = TestCatalogue::base();
    let valid = std::fs::read(fixtures().join("valid/cases/NO/vefsn-crlf-bom.md")).unwrap();
    let paths = catalogue::CataloguePaths::new(catalogue.root());
    let today = jiff::civil::date(2026, 11, 25);
    let text = String::from_utf8_lossy(&valid);
    let closing_fence = text.find("\r\n+++\r\n").unwrap() + 2;
    for cut in 0..valid.len() {
        catalogue.write("cases/NO/vefsn.md", &valid[..cut]);
        let checked = catalogue::check(&paths, today).unwrap();
        // Until the closing fence is complete the front matter is broken;
        // after it, a cut body only loses sections (warnings).
        if cut < closing_fence + 3 {
            assert!(checked.has_errors(), "cut at {cut}: no error");
        }
    }
}

#[test]
fn empty_and_whitespace_files_are_diagnosed() {
    let catalogue = TestCatalogue::base();
    catalogue.write("cases/SE/empty.md", b"");
    catalogue.write("cases/SE/blank.md", b" \n\r\n\t\n");
    catalogue.write("cases/SE/fences.md", b"+++\n+++\n");
    let found = codes(&catalogue);
    assert_eq!(found.iter().filter(|c| *c == "E0102").count(), 2, "{found:?}");
    assert!(found.contains(&"E0201".to_string()));
}

/// A build killed at any point (SIGKILL, no chance to clean up) leaves the
/// previous site exactly as it was, and the next build succeeds and removes
/// what the killed one left behind.
#[test]
fn a_killed_build_leaves_the_previous_site_intact() {
    let catalogue = TestCatalogue::fixture("valid");
    // Enough cases that a build takes a while to kill in the middle of.
    let valid = std::fs::read_to_string(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    for index in 0..150 {
        catalogue.write(
            &format!("cases/SE/copy-{index:03}.md"),
            valid.replace("The digital colleague", &format!("Copy {index}")),
        );
    }
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let build = || {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_catalogue"));
        command
            .args(["build", "--catalogue", "catalogue", "--out", "site", "--theme"])
            .arg(&theme)
            .current_dir(catalogue.dir.path())
            .stderr(std::process::Stdio::null());
        command
    };
    assert!(build().status().unwrap().success());
    let site = catalogue.dir.path().join("site");
    let snapshot = crate::harness::tree;
    let before = snapshot(&site);
    assert!(before.len() > 150);
    for delay in [5, 40, 120, 300, 700] {
        let mut child = build().spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            snapshot(&site) == before,
            "the site changed after a build killed at {delay} ms"
        );
    }
    assert!(build().status().unwrap().success(), "the next build succeeds");
    let leftovers: Vec<String> = std::fs::read_dir(catalogue.dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".site."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// An output folder that cannot be written gives a clear error, exit code
/// 2, and no half-written site.
#[test]
fn an_unwritable_output_folder_is_a_clear_error() {
    let catalogue = TestCatalogue::fixture("valid");
    let theme = format!("{}/themes/default", env!("CARGO_MANIFEST_DIR"));
    let output = catalogue.run(&[
        "build",
        "--catalogue",
        "catalogue",
        "--out",
        "/proc/catalogue-site",
        "--theme",
        &theme,
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("could not create"), "{message}");
}

/// Hostile and broken input: each gets its diagnostic or is rendered
/// inert, and nothing panics or hangs.
#[test]
fn hostile_files_get_diagnostics_or_render_inert() {
    let catalogue = TestCatalogue::base();
    let valid = std::fs::read_to_string(fixtures().join("valid/cases/SE/digital-colleague.md")).unwrap();
    // Zero-width and right-to-left characters are text: shown, not obeyed.
    catalogue.write(
        "cases/SE/rtl.md",
        valid.replace("The digital colleague", "The \u{202e}digital\u{200b} colleague"),
    );
    // Control characters are not allowed in TOML strings.
    catalogue.write(
        "cases/SE/control.md",
        valid.replace("The digital colleague", "The digital\u{7} colleague"),
    );
    // Thousands of unknown keys: every one reported, quickly.
    let keys: String = (0..5000).map(|i| format!("key{i} = {i}\n")).collect();
    catalogue.write(
        "cases/SE/many-keys.md",
        valid.replacen("+++\n", &format!("+++\n{keys}"), 1),
    );
    // Deep nesting in the body.
    let deep = format!(
        "{}\n{}deep\n{}",
        "> ".repeat(3000),
        "- ".repeat(2000),
        "<div>".repeat(3000)
    );
    catalogue.write("cases/SE/deep.md", format!("{valid}\n{deep}\n"));
    // A file name that tries to leave its folder is a hidden file there.
    catalogue.write("cases/SE/..%2F..%2Fetc.md", &valid);
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", catalogue.root().join("cases/SE/link.md")).unwrap();

    let output = catalogue.check("json");
    let diagnostics = json_diagnostics(&output);
    let codes_of = |file: &str| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d["file"].as_str().unwrap().ends_with(file))
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes_of("rtl.md").is_empty(), "{:?}", codes_of("rtl.md"));
    assert_eq!(codes_of("control.md"), ["E0110"]);
    assert_eq!(
        codes_of("many-keys.md").iter().filter(|c| *c == "E0202").count(),
        5000
    );
    assert!(codes_of("deep.md").is_empty());
    assert_eq!(
        codes_of("..%2F..%2Fetc.md"),
        ["W0108"],
        "a hidden file is reported, not read"
    );
    assert_eq!(codes_of("link.md"), ["W0108"]);

    // Without the files that have errors, the rest builds and stays inert.
    for broken in ["control.md", "many-keys.md", "..%2F..%2Fetc.md"] {
        std::fs::remove_file(catalogue.root().join("cases/SE").join(broken)).unwrap();
    }
    let theme = format!("{}/themes/default", env!("CARGO_MANIFEST_DIR"));
    let build = catalogue.run(&[
        "build",
        "--catalogue",
        "catalogue",
        "--out",
        "site",
        "--theme",
        &theme,
    ]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let page = std::fs::read_to_string(catalogue.dir.path().join("site/cases/se/rtl/index.html")).unwrap();
    assert!(page.contains("The \u{202e}digital\u{200b} colleague"));
    let deep_page =
        std::fs::read_to_string(catalogue.dir.path().join("site/cases/se/deep/index.html")).unwrap();
    assert!(deep_page.contains("deep"));
    assert!(!catalogue.dir.path().join("site/cases/se/link").exists());
}

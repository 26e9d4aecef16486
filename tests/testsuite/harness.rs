//! Fixture catalogues in temporary folders, the binary under test, and
//! snapshot comparison (`SNAPSHOTS=overwrite` rewrites the expected files).

use std::path::{Path, PathBuf};
use std::process::Output;

/// The "today" every test runs on, so that no result depends on the clock.
/// Far enough ahead that the shipped catalogue's real dates (reviews,
/// withdrawals) never pass it.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2100, 1, 1)
}

/// The binary under test, with "today" fixed to [`today`].
pub fn catalogue_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_catalogue"));
    command.env(catalogue::TODAY_VARIABLE, today().to_string());
    command
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A catalogue in a temporary folder, at `<tmp>/catalogue`, so that paths in
/// diagnostics are the same on every machine: `catalogue/cases/SE/x.md`.
pub struct TestCatalogue {
    pub dir: tempfile::TempDir,
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestCatalogue {
    /// The base catalogue (configuration and a small register, no cases).
    pub fn base() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixtures().join("base"), &dir.path().join("catalogue"));
        std::fs::create_dir_all(dir.path().join("catalogue/cases")).unwrap();
        TestCatalogue { dir }
    }

    /// The base with a fixture's files laid over it (`invalid/E0301-...`).
    pub fn fixture(name: &str) -> Self {
        let catalogue = Self::base();
        copy_tree(&fixtures().join(name), &catalogue.root());
        catalogue
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("catalogue")
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Run `catalogue <args>` in the temporary folder.
    pub fn run(&self, args: &[&str]) -> Output {
        crate::harness::catalogue_command()
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    /// `catalogue build --catalogue catalogue --out site` with the shipped theme.
    pub fn build_site(&self) -> Output {
        let theme = format!("{}/themes/default", env!("CARGO_MANIFEST_DIR"));
        self.run(&[
            "build",
            "--catalogue",
            "catalogue",
            "--out",
            "site",
            "--theme",
            &theme,
        ])
    }

    /// `catalogue check --catalogue catalogue --format <format>`.
    pub fn check(&self, format: &str) -> Output {
        self.run(&[
            "check",
            "--catalogue",
            "catalogue",
            "--format",
            format,
            "--color",
            "never",
        ])
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Compare `actual` with the file at `expected`; with `SNAPSHOTS=overwrite`
/// write it instead.
pub fn assert_snapshot(expected: &Path, actual: &str) {
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::write(expected, actual).unwrap();
        return;
    }
    let wanted = std::fs::read_to_string(expected)
        .unwrap_or_else(|_| panic!("no snapshot {}; run with SNAPSHOTS=overwrite", expected.display()));
    if wanted != actual {
        panic!(
            "snapshot {} differs (SNAPSHOTS=overwrite to accept)\n--- expected\n{wanted}\n--- actual\n{actual}",
            expected.display()
        );
    }
}

/// Every file of a folder with its bytes, by relative path, sorted.
pub fn tree(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, std::fs::read(entry.path()).unwrap())
        })
        .collect()
}

/// Assert two [`tree`]s hold the same files with the same bytes, naming
/// the files that differ rather than printing their bytes.
pub fn assert_same_tree(
    actual: &std::collections::BTreeMap<String, Vec<u8>>,
    expected: &std::collections::BTreeMap<String, Vec<u8>>,
) {
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    let differing: Vec<&String> = expected
        .iter()
        .filter(|(path, bytes)| actual.get(*path) != Some(*bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(differing.is_empty(), "these files differ: {differing:?}");
}

/// The `diagnostics` of `check --format json`.
pub fn json_diagnostics(output: &Output) -> Vec<serde_json::Value> {
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

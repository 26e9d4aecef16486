//! `serve`'s partial rebuilds (`catalogue::incremental`): after an edit of
//! one case, the site must be the one a full build of the edited catalogue
//! writes, except what a partial rebuild leaves by design (other cases'
//! related cases, other cases' search scores).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use catalogue::incremental::{Outcome, Session};
use catalogue::{BuildOptions, CataloguePaths};

use crate::harness::{copy_tree, tree};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Preview {
    dir: tempfile::TempDir,
    session: Session,
}

impl Preview {
    /// The shipped catalogue in a temporary folder, and a session over it.
    fn new() -> Preview {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(
            &repository().join("examples-catalogue"),
            &dir.path().join("catalogue"),
        );
        let session = Session::new(
            CataloguePaths::new(dir.path().join("catalogue")),
            options(&dir.path().join("site")),
            false,
        );
        Preview { dir, session }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("catalogue")
    }

    fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn rebuild(&mut self) -> catalogue::incremental::Rebuilt {
        self.session.rebuild(crate::harness::today()).unwrap()
    }

    /// The first Swedish case file and its text.
    fn a_case(&self) -> (PathBuf, String) {
        let folder = self.root().join("cases/SE");
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        let text = std::fs::read_to_string(&files[0]).unwrap();
        (files[0].clone(), text)
    }
}

fn options(out: &Path) -> BuildOptions {
    BuildOptions {
        theme: repository().join("themes/default"),
        out: out.to_path_buf(),
        base_url: Some("http://localhost/".into()),
    }
}

/// A case page without its related cases.
fn without_related(page: &[u8]) -> String {
    let text = String::from_utf8_lossy(page).into_owned();
    match (text.find("<section class=\"related\""), text.find("</main>")) {
        (Some(start), Some(end)) if start < end => {
            let close = text[start..]
                .find("</section>")
                .map_or(end, |at| start + at + "</section>".len());
            format!("{}{}", &text[..start], &text[close..])
        }
        _ => text,
    }
}

/// Every key of a shard with, per analyzer, the ordinals it occurs in.
fn postings(shard: &[u8]) -> BTreeMap<String, BTreeMap<String, Vec<u64>>> {
    let value: serde_json::Value = serde_json::from_slice(shard).unwrap();
    let mut found = BTreeMap::new();
    for (key, entry) in value.as_object().unwrap() {
        let mut per_analyzer = BTreeMap::new();
        for (analyzer, list) in entry.get("p").and_then(|p| p.as_object()).into_iter().flatten() {
            let mut ordinal = 0;
            let ordinals = list[0]
                .as_array()
                .unwrap()
                .iter()
                .map(|delta| {
                    ordinal += delta.as_u64().unwrap();
                    ordinal
                })
                .collect();
            per_analyzer.insert(analyzer.clone(), ordinals);
        }
        found.insert(key.clone(), per_analyzer);
    }
    found
}

#[test]
fn a_partial_rebuild_writes_what_a_full_build_writes() {
    let mut preview = Preview::new();
    let first = preview.rebuild();
    assert!(
        matches!(first.outcome, Outcome::Written { partial: false, .. }),
        "{first:?}"
    );
    assert_eq!(preview.rebuild().outcome, Outcome::Unchanged);

    let (file, text) = preview.a_case();
    let edited = text.replacen("title = \"", "title = \"Renamed preview: ", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, &edited).unwrap();
    let second = preview.rebuild();
    let Outcome::Written {
        written,
        partial: true,
        files,
    } = second.outcome
    else {
        panic!("expected a partial rebuild, got {second:?}");
    };
    assert!(
        written > 3 && written < files / 4,
        "{written} of {files} files written"
    );
    assert_eq!(preview.rebuild().outcome, Outcome::Unchanged);

    let full_site = preview.dir.path().join("full");
    let built = catalogue::build(
        &CataloguePaths::new(preview.root()),
        &options(&full_site),
        crate::harness::today(),
    )
    .unwrap();
    assert!(built.files.is_some());
    let partial = tree(&preview.site());
    let full = tree(&full_site);
    let pages = |site: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        site.keys()
            .filter(|path| !path.starts_with("search/shards/"))
            .cloned()
            .collect()
    };
    assert_eq!(pages(&partial), pages(&full), "the same files");
    // Shard boundaries stay those of the last full build: compare the
    // export as a whole.
    let all_postings = |site: &BTreeMap<String, Vec<u8>>| {
        let mut all = BTreeMap::new();
        for (path, bytes) in site {
            if path.starts_with("search/shards/") {
                all.extend(postings(bytes));
            }
        }
        all
    };
    let ours = all_postings(&partial);
    assert!(ours.len() > 100);
    assert!(ours == all_postings(&full), "the same cases for every word");
    let manifest = |site: &BTreeMap<String, Vec<u8>>| {
        let mut value: serde_json::Value = serde_json::from_slice(&site["search/manifest.json"]).unwrap();
        value.as_object_mut().unwrap().remove("shards");
        value
    };
    assert_eq!(manifest(&partial), manifest(&full));
    for (path, bytes) in &full {
        let Some(ours) = partial.get(path) else { continue };
        if path.starts_with("search/shards/") || path == "search/manifest.json" {
            continue;
        } else if path.starts_with("cases/") {
            assert_eq!(without_related(ours), without_related(bytes), "{path}");
        } else {
            assert!(ours == bytes, "{path} differs from a full build");
        }
    }
    assert!(
        full.values()
            .any(|page| String::from_utf8_lossy(page).contains("Renamed preview: "))
    );
}

#[test]
fn an_edit_with_errors_leaves_the_preview_and_the_fix_is_partial() {
    let mut preview = Preview::new();
    preview.rebuild();
    let before = tree(&preview.site());
    let (file, text) = preview.a_case();
    let broken = text.replacen("status = \"", "status = \"no-such-status-", 1);
    assert_ne!(broken, text);
    std::fs::write(&file, broken).unwrap();
    let failed = preview.rebuild();
    assert_eq!(failed.outcome, Outcome::Failed);
    assert!(failed.plain_report.contains("E0"), "{}", failed.plain_report);
    assert!(failed.plain_report.contains("no-such-status-"));
    assert!(tree(&preview.site()) == before, "the preview stays as it was");

    std::fs::write(&file, text.replacen("title = \"", "title = \"Fixed: ", 1)).unwrap();
    let fixed = preview.rebuild();
    assert!(
        matches!(fixed.outcome, Outcome::Written { partial: true, .. }),
        "{fixed:?}"
    );
    assert!(fixed.plain_report.is_empty(), "{}", fixed.plain_report);
}

#[test]
fn a_new_case_or_a_changed_configuration_gets_a_full_build() {
    let mut preview = Preview::new();
    preview.rebuild();
    let (file, text) = preview.a_case();
    let copy = file.with_file_name("a-copy-of-a-case.md");
    std::fs::write(&copy, &text).unwrap();
    let added = preview.rebuild();
    assert!(
        matches!(added.outcome, Outcome::Written { partial: false, .. }),
        "{added:?}"
    );
    assert!(added.full_because.unwrap().contains("added"));
    assert!(
        preview
            .site()
            .join("cases/se/a-copy-of-a-case/index.html")
            .is_file()
    );

    let config = preview.root().join("catalogue.toml");
    let mut settings = std::fs::read_to_string(&config).unwrap();
    settings.push_str("\n# edited\n");
    std::fs::write(&config, settings).unwrap();
    let reconfigured = preview.rebuild();
    assert!(reconfigured.full_because.unwrap().contains("catalogue.toml"));

    std::fs::remove_file(&copy).unwrap();
    let removed = preview.rebuild();
    assert!(matches!(removed.outcome, Outcome::Written { partial: false, .. }));
    assert!(!preview.site().join("cases/se/a-copy-of-a-case").exists());
    let ids: BTreeSet<String> = tree(&preview.site()).into_keys().collect();
    assert!(ids.contains("index.html"));
}

#[test]
fn an_unchanged_case_scored_again_gets_the_scores_of_the_full_index() {
    let checked = catalogue::check(
        &CataloguePaths::new(repository().join("examples-catalogue")),
        crate::harness::today(),
    )
    .unwrap();
    let catalogue = checked.catalogue.unwrap();
    let (data, index) = catalogue::search::index::build_with_index(&catalogue).unwrap();
    for ordinal in [0, 7, catalogue.cases.len() - 1] {
        let mut again = data.clone();
        let touched = index.update_case(&mut again, &catalogue, ordinal).unwrap();
        assert!(touched.len() > 20, "the case's own words are touched");
        assert!(
            again.entries == data.entries,
            "case {ordinal}: the same words, cases and scores"
        );
        assert_eq!(again.facets, data.facets);
        assert_eq!(again.related, data.related);
    }
}

//! `serve`'s partial rebuilds (`catalogue::incremental`): after an edit of
//! one case, the site must be the one a full build of the edited catalogue
//! writes, except what a partial rebuild leaves by design (other cases'
//! related cases, other cases' search scores).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use catalogue::incremental::{Changes, Outcome, Session};
use catalogue::{BuildOptions, CataloguePaths};
use proptest::prelude::*;

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

    /// [`Preview::new`] after its first rebuild, which is a full build.
    fn built() -> Preview {
        let mut preview = Preview::new();
        let first = preview.rebuild();
        assert!(
            matches!(first.outcome, Outcome::Written { partial: false, .. }),
            "{first:?}"
        );
        preview
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

    /// A rebuild told, as a watcher tells `serve`, that only `paths`
    /// changed.
    fn rebuild_after(&mut self, paths: &[&Path]) -> catalogue::incremental::Rebuilt {
        let paths: BTreeSet<PathBuf> = paths.iter().map(|path| path.to_path_buf()).collect();
        self.session
            .rebuild_after(crate::harness::today(), Changes::Paths(&paths))
            .unwrap()
    }

    /// The catalogue as it is now, built by `catalogue build` into the
    /// folder `name` beside the preview.
    fn plain_build(&self, name: &str) -> PathBuf {
        let site = self.dir.path().join(name);
        let built = catalogue::build(
            &CataloguePaths::new(self.root()),
            &options(&site),
            crate::harness::today(),
        )
        .unwrap();
        assert!(built.files.is_some(), "{:?}", built.checked.diagnostics);
        site
    }

    /// The first two Swedish case files.
    fn two_cases(&self) -> [PathBuf; 2] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.root().join("cases/SE"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        [files[0].clone(), files[1].clone()]
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
fn the_first_build_of_a_preview_is_the_plain_build_byte_for_byte() {
    // `serve` keeps the vocabulary, the cards and the open data for the
    // next edit, where a plain build lets go of each once written: the
    // files must not differ for it.
    let preview = Preview::built();
    let kept = tree(&preview.site());
    let plain = tree(&preview.plain_build("plain"));
    assert!(plain.keys().any(|path| path.starts_with("search/shards/")));
    assert!(plain.contains_key("data/cases.json") && plain.contains_key("data/cases.csv"));
    assert_eq!(kept.keys().collect::<Vec<_>>(), plain.keys().collect::<Vec<_>>());
    for (path, bytes) in &plain {
        assert!(kept[path] == *bytes, "{path} differs");
    }
}

#[test]
fn a_partial_rebuild_writes_what_a_full_build_writes() {
    let mut preview = Preview::built();
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

    let partial = tree(&preview.site());
    let full = tree(&preview.plain_build("full"));
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

/// A partial rebuild writes over the site's own files in place (they keep
/// their inode), but never through a link: a page that is a symbolic link
/// to a file elsewhere, or a hard link shared with a deployment, is
/// replaced by a new file and the other file keeps its bytes.
#[cfg(unix)]
#[test]
fn a_partial_rebuild_writes_over_its_own_files_and_never_through_a_link() {
    use std::os::unix::fs::MetadataExt as _;
    let mut preview = Preview::new();
    preview.rebuild();
    let site = preview.site();
    let elsewhere = preview.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let deployed = elsewhere.join("cases.json");
    std::fs::hard_link(site.join("data/cases.json"), &deployed).unwrap();
    let deployed_bytes = std::fs::read(&deployed).unwrap();
    let outside = elsewhere.join("outside.csv");
    std::fs::write(&outside, "not the site's\n").unwrap();
    std::fs::remove_file(site.join("data/cases.csv")).unwrap();
    std::os::unix::fs::symlink(&outside, site.join("data/cases.csv")).unwrap();
    let inodes: BTreeMap<String, u64> = tree(&site)
        .into_keys()
        .map(|path| {
            let inode = std::fs::symlink_metadata(site.join(&path)).unwrap().ino();
            (path, inode)
        })
        .collect();

    let (file, text) = preview.a_case();
    let edited = text.replacen("title = \"", "title = \"Edited in place: ", 1);
    std::fs::write(&file, edited).unwrap();
    let rebuilt = preview.rebuild_after(&[&file]);
    assert!(
        matches!(rebuilt.outcome, Outcome::Written { partial: true, .. }),
        "{rebuilt:?}"
    );

    assert_eq!(
        std::fs::read(&deployed).unwrap(),
        deployed_bytes,
        "written through a hard link"
    );
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "not the site's\n",
        "written through a link"
    );
    let csv = std::fs::symlink_metadata(site.join("data/cases.csv")).unwrap();
    assert!(csv.is_file(), "the link is replaced by the site's own file");
    let json = std::fs::read_to_string(site.join("data/cases.json")).unwrap();
    assert!(json.contains("Edited in place: "));
    assert!(
        std::fs::read_to_string(site.join("data/cases.csv"))
            .unwrap()
            .contains("Edited in place: ")
    );
    // Every other page the edit changed was written over in place.
    let mut written_over = 0;
    for (path, bytes) in tree(&site) {
        if path.starts_with("data/cases.") || !String::from_utf8_lossy(&bytes).contains("Edited in place: ") {
            continue;
        }
        let Some(&inode) = inodes.get(&path) else { continue };
        assert_eq!(
            std::fs::metadata(site.join(&path)).unwrap().ino(),
            inode,
            "{path}"
        );
        written_over += 1;
    }
    assert!(written_over >= 3, "only {written_over} pages written over");
}

#[test]
fn a_rebuild_told_what_changed_stamps_those_files_and_falls_back_on_anything_else() {
    let mut preview = Preview::new();
    preview.rebuild();
    let [first, second] = preview.two_cases();
    let edit = |file: &Path, title: &str| {
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(
            file,
            text.replacen("title = \"", &format!("title = \"{title}"), 1),
        )
        .unwrap();
    };
    let page_of = |preview: &Preview, file: &Path| {
        let slug = file.file_stem().unwrap().to_string_lossy().into_owned();
        std::fs::read_to_string(preview.site().join(format!("cases/se/{slug}/index.html"))).unwrap()
    };

    // The edited file, as the watcher names it: a partial rebuild.
    edit(&first, "Watched: ");
    let watched = preview.rebuild_after(&[&first]);
    assert!(
        matches!(watched.outcome, Outcome::Written { partial: true, .. }),
        "{watched:?}"
    );
    assert!(page_of(&preview, &first).contains("Watched: "));
    assert_eq!(preview.rebuild_after(&[&first]).outcome, Outcome::Unchanged);

    // A path the last build has no case file for (an editor's temporary
    // file, a new case): every stamp is read, and the edit of the other
    // file is found too.
    edit(&second, "Unwatched: ");
    let temporary = first.with_file_name(".a-case.md.swp");
    std::fs::write(&temporary, "x").unwrap();
    let scanned = preview.rebuild_after(&[&temporary]);
    assert!(matches!(scanned.outcome, Outcome::Written { .. }), "{scanned:?}");
    assert!(page_of(&preview, &second).contains("Unwatched: "));
    std::fs::remove_file(&temporary).unwrap();
    preview.rebuild();

    // After an edit with errors, a rebuild told of another file still
    // finds the broken one: its error is reported again.
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(
        &first,
        text.replacen("status = \"", "status = \"no-such-status-", 1),
    )
    .unwrap();
    assert_eq!(preview.rebuild_after(&[&first]).outcome, Outcome::Failed);
    edit(&second, "Again: ");
    let still = preview.rebuild_after(&[&second]);
    assert_eq!(still.outcome, Outcome::Failed, "{}", still.plain_report);
    assert!(
        still.plain_report.contains("no-such-status-"),
        "{}",
        still.plain_report
    );
    std::fs::write(&first, &text).unwrap();
    let fixed = preview.rebuild_after(&[&first]);
    assert!(
        matches!(fixed.outcome, Outcome::Written { partial: true, .. }),
        "{fixed:?}"
    );
    assert!(
        page_of(&preview, &second).contains("Again: "),
        "the other edit is in too"
    );
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
        // Scored again as it was, the case changes no word's entry: no
        // shard is made again.
        assert_eq!(touched, BTreeSet::new(), "case {ordinal}: nothing changed");
        assert!(
            again.entries == data.entries,
            "case {ordinal}: the same words, cases and scores"
        );
        assert_eq!(again.facets, data.facets);
        assert_eq!(
            again.studies, data.studies,
            "the studies after the cases keep their ordinals"
        );
        assert_eq!(again.related, data.related);
    }
}

/// One case of the generated catalogue, as the property test sets it.
#[derive(Debug, Clone)]
struct CaseState {
    title: usize,
    municipalities: Vec<&'static str>,
    body: bool,
    category: usize,
    service_area: usize,
    reviewed: u8,
}

/// The cases the property test edits: (country, slug). Two of them share a
/// country, so that a municipality can be named by one case, both, or
/// covered through the body only.
const CASES: [(&str, &str); 3] = [("SE", "first"), ("SE", "second"), ("NO", "third")];

/// The municipalities of the base register the cases may name, by country.
fn pool(country: &str) -> &'static [&'static str] {
    match country {
        "SE" => &["Vilhelmina", "Storuman", "Umeå", "Lund", "0114"],
        _ => &["Vefsn", "5501", "1818"],
    }
}

fn case_state(country: &'static str) -> impl Strategy<Value = CaseState> {
    let members = proptest::sample::subsequence(pool(country), 0..=3);
    let body = if country == "SE" {
        proptest::bool::ANY.boxed()
    } else {
        Just(false).boxed()
    };
    (0usize..3, members, body, 0usize..3, 0usize..3, 1u8..29).prop_map(
        |(title, mut municipalities, body, category, service_area, reviewed)| {
            // A case names at least one municipality or a body.
            if municipalities.is_empty() && !body {
                municipalities.push(pool(country)[0]);
            }
            CaseState {
                title,
                municipalities,
                body,
                category,
                service_area,
                reviewed,
            }
        },
    )
}

fn case_text(country: &str, state: &CaseState) -> String {
    let list = |items: &[&str]| {
        items
            .iter()
            .map(|item| format!("\"{item}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut places = String::new();
    if !state.municipalities.is_empty() {
        places.push_str(&format!("municipalities = [{}]\n", list(&state.municipalities)));
    }
    if state.body {
        places.push_str("bodies = [\"se-region-vasterbotten\"]\n");
    }
    let title = ["Shared duty", "A digital colleague", "Remote meetings"][state.title];
    let category = ["internal", "external", "ai"][state.category];
    let area = ["general", "families", "elderly"][state.service_area];
    format!(
        "+++\ntitle = \"{title}\"\nsummary = \"Social workers in rural municipalities share a digital service.\"\n\
country = \"{country}\"\n{places}categories = [\"{category}\"]\nservice_areas = [\"{area}\"]\n\
cooperation = \"shared-platform\"\nstatus = \"ended\"\nstarted = 2021-01-07\nended = 2023-06-30\n\
language = \"en\"\norganisations = [\"Umeå University\"]\nevaluation = \"research\"\n\
tags = [\"competence\"]\nreviewed = 2026-05-{:02}\n\n[[sources]]\ntitle = \"A source\"\n\
url = \"https://example.org/source/\"\n\n[contact]\norganisation = \"Umeå University\"\n\
email = \"fou@example.org\"\n+++\n\n## Background\n\nSocial workers handle every kind of case alone.\n\n\
## What was done\n\nA shared {title} for the staff.\n",
        state.reviewed
    )
}

/// A catalogue of [`CASES`] with a register of bodies, a session over it,
/// and a folder for full builds to compare with.
struct Generated {
    catalogue: crate::harness::TestCatalogue,
    session: Session,
    /// How many times a case file was written: its modification time, so
    /// that every write is seen as a change whatever the clock's grain.
    writes: u64,
    /// How many pages the last full build to compare with wrote.
    full_files: usize,
}

impl Generated {
    fn new(states: &[CaseState]) -> Generated {
        let catalogue = crate::harness::TestCatalogue::fixture("bodies");
        std::fs::remove_dir_all(catalogue.root().join("cases")).unwrap();
        // Two languages: a partial rebuild must reach the pages of each.
        let settings = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
        assert!(settings.contains("languages = [\"en\"]"));
        catalogue.write(
            "catalogue.toml",
            settings.replace("languages = [\"en\"]", "languages = [\"en\", \"sv\"]"),
        );
        let session = Session::new(
            CataloguePaths::new(catalogue.root()),
            options(&catalogue.dir.path().join("site")),
            false,
        );
        let mut generated = Generated {
            catalogue,
            session,
            writes: 0,
            full_files: 0,
        };
        for (index, state) in states.iter().enumerate() {
            generated.write(index, state);
        }
        generated
    }

    fn write(&mut self, index: usize, state: &CaseState) {
        let (country, slug) = CASES[index];
        let path = self.catalogue.root().join(format!("cases/{country}/{slug}.md"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, case_text(country, state)).unwrap();
        self.writes += 1;
        let stamp =
            std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000 + self.writes);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(stamp)
            .unwrap();
    }

    /// The differences between the preview and a full build of the same
    /// catalogue, beyond what a partial rebuild keeps by design.
    fn differences(&mut self) -> Vec<String> {
        let full_site = self.catalogue.dir.path().join("full");
        let built = catalogue::build(
            &CataloguePaths::new(self.catalogue.root()),
            &options(&full_site),
            crate::harness::today(),
        )
        .unwrap();
        let Some(files) = built.files else {
            panic!("{:?}", built.checked.diagnostics);
        };
        self.full_files = files;
        compare(&tree(&self.catalogue.dir.path().join("site")), &tree(&full_site))
    }
}

/// A case page without its related cases and the blank lines around them
/// (a page with none has a few more).
fn case_content(page: &[u8]) -> String {
    without_related(page)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What differs between a preview and a full build, ignoring the search
/// shards' boundaries and scores and the case pages' related cases.
fn compare(partial: &BTreeMap<String, Vec<u8>>, full: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut differences = Vec::new();
    let pages = |site: &BTreeMap<String, Vec<u8>>| -> BTreeSet<String> {
        site.keys()
            .filter(|path| !path.starts_with("search/shards/"))
            .cloned()
            .collect()
    };
    let (ours, theirs) = (pages(partial), pages(full));
    for path in ours.difference(&theirs) {
        differences.push(format!("{path}: only in the preview"));
    }
    for path in theirs.difference(&ours) {
        differences.push(format!("{path}: only in the full build"));
    }
    let all_postings = |site: &BTreeMap<String, Vec<u8>>| {
        let mut all = BTreeMap::new();
        for (path, bytes) in site {
            if path.starts_with("search/shards/") {
                all.extend(postings(bytes));
            }
        }
        all
    };
    // A word with no cases of its own (a surface form only) has an empty
    // entry; one no case has any more keeps it in the preview, as the last
    // full build's statistics stay: the same as no entry to a search.
    let (mut ours_postings, mut full_postings) = (all_postings(partial), all_postings(full));
    ours_postings.retain(|_, per_analyzer| !per_analyzer.is_empty());
    full_postings.retain(|_, per_analyzer| !per_analyzer.is_empty());
    let keys: BTreeSet<&String> = ours_postings.keys().chain(full_postings.keys()).collect();
    for key in keys {
        if ours_postings.get(key) != full_postings.get(key) {
            differences.push(format!(
                "search: the word {key:?} has other cases: {:?} in the preview, {:?} in a full build",
                ours_postings.get(key),
                full_postings.get(key)
            ));
        }
    }
    for (path, bytes) in full {
        let Some(ours) = partial.get(path) else { continue };
        let same = if path.starts_with("search/shards/") {
            true
        } else if path == "search/manifest.json" {
            let manifest = |bytes: &[u8]| {
                let mut value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
                value.as_object_mut().unwrap().remove("shards");
                value
            };
            manifest(ours) == manifest(bytes)
        } else if path.starts_with("cases/") || path.starts_with("sv/cases/") {
            // In each language (the generated catalogue has en and sv).
            case_content(ours) == case_content(bytes)
        } else {
            ours == bytes
        };
        if !same {
            differences.push(format!("{path}: other bytes"));
        }
    }
    differences
}

#[test]
fn a_municipality_no_case_names_any_more_loses_its_page() {
    let mut both = CaseState {
        title: 0,
        municipalities: vec!["Vilhelmina", "Storuman"],
        body: false,
        category: 0,
        service_area: 0,
        reviewed: 4,
    };
    let other = CaseState {
        municipalities: vec!["Vilhelmina"],
        ..both.clone()
    };
    let norway = CaseState {
        municipalities: vec!["Vefsn"],
        ..both.clone()
    };
    let mut generated = Generated::new(&[both.clone(), other, norway]);
    generated.session.rebuild(crate::harness::today()).unwrap();
    let site = generated.catalogue.dir.path().join("site");
    let storuman = site.join("countries/se/2421/index.html");
    let vilhelmina = site.join("countries/se/2462/index.html");
    assert!(
        std::fs::read_to_string(&storuman)
            .unwrap()
            .contains("cases/se/first/")
    );

    both.municipalities = vec!["Vilhelmina"];
    generated.write(0, &both);
    let rebuilt = generated.session.rebuild(crate::harness::today()).unwrap();
    assert!(
        matches!(rebuilt.outcome, Outcome::Written { partial: true, .. }),
        "{rebuilt:?}"
    );
    assert!(!storuman.exists(), "no case names Storuman: its page goes");
    assert!(!site.join("countries/se/2421").exists());
    assert!(!site.join("sv/countries/se/2421").exists(), "nor in Swedish");
    assert!(
        std::fs::read_to_string(&vilhelmina)
            .unwrap()
            .contains("cases/se/first/")
    );
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("countries/se/2421/"), "{sitemap}");
    assert_eq!(generated.differences(), Vec::<String>::new());

    // Through the body, Storuman (a member) has a page again, without the
    // case in its list of cases naming it.
    both.body = true;
    generated.write(0, &both);
    generated.session.rebuild(crate::harness::today()).unwrap();
    assert!(storuman.exists());
    assert_eq!(generated.differences(), Vec::<String>::new());
    both.body = false;
    both.municipalities = vec!["Lund"];
    generated.write(0, &both);
    let rebuilt = generated.session.rebuild(crate::harness::today()).unwrap();
    assert!(!storuman.exists());
    assert!(
        !std::fs::read_to_string(&vilhelmina)
            .unwrap()
            .contains("cases/se/first/"),
        "Vilhelmina's page no longer lists the case"
    );
    assert_eq!(generated.differences(), Vec::<String>::new());
    let Outcome::Written {
        files, partial: true, ..
    } = rebuilt.outcome
    else {
        panic!("{rebuilt:?}");
    };
    assert_eq!(files, generated.full_files, "the preview counts the pages it has");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    /// After any sequence of edits, the preview has exactly the pages of a
    /// full build, with the same bytes but for what a partial rebuild keeps
    /// by design.
    #[test]
    fn after_any_edits_the_preview_is_the_full_build(
        start in (case_state("SE"), case_state("SE"), case_state("NO")),
        edits in proptest::collection::vec(
            (0usize..3).prop_flat_map(|index| (Just(index), case_state(CASES[index].0))),
            1..5,
        ),
    ) {
        let mut generated = Generated::new(&[start.0, start.1, start.2]);
        let first = generated.session.rebuild(crate::harness::today()).unwrap();
        prop_assert!(matches!(first.outcome, Outcome::Written { partial: false, .. }), "{:?}", first);
        for (step, (index, state)) in edits.iter().enumerate() {
            generated.write(*index, state);
            let rebuilt = generated.session.rebuild(crate::harness::today()).unwrap();
            prop_assert!(
                matches!(rebuilt.outcome, Outcome::Written { partial: true, .. }),
                "step {}: {:?}", step, rebuilt
            );
            let differences = generated.differences();
            prop_assert!(differences.is_empty(), "step {}: {:?}", step, differences);
            if let Outcome::Written { files, .. } = rebuilt.outcome {
                prop_assert_eq!(files, generated.full_files, "step {}: the count of pages", step);
            }
        }
    }
}

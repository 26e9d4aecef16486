//! Which folders `build` and `serve` write into: an absent or empty one, or
//! a site of this tool (marked with `.catalogue-site`, or an earlier
//! version's, which is then marked). Anything else, and the catalogue, the
//! theme, a folder holding one of them or inside one, is refused with exit
//! code 2 and nothing moved or deleted. Folders named like the build's own
//! (`.<out>.previous`, work folders) that are not ours are never swept.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::harness::{TestCatalogue, copy_tree, stderr, tree};

const MARKER: &str = ".catalogue-site";

/// The valid fixture with a copy of the shipped theme beside it at
/// `<tmp>/theme`, so that a test of the theme can only ever touch a copy.
fn catalogue_and_theme() -> TestCatalogue {
    let catalogue = TestCatalogue::fixture("valid");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &catalogue.dir.path().join("theme"),
    );
    catalogue
}

/// `catalogue build --out <out>` in the temporary folder, with the copied
/// theme.
fn build(catalogue: &TestCatalogue, out: &str) -> Output {
    catalogue.run(&[
        "build",
        "--color",
        "never",
        "--catalogue",
        "catalogue",
        "--theme",
        "theme",
        "--out",
        out,
    ])
}

/// Every entry below `root`, links not followed: a file's bytes, a
/// link's target, a folder as such. Two equal snapshots mean nothing was
/// written, moved, renamed or deleted.
fn everything(root: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.unwrap())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let kind = entry.file_type();
            let what = if kind.is_symlink() {
                format!("link to {}", std::fs::read_link(entry.path()).unwrap().display())
            } else if kind.is_dir() {
                "folder".to_string()
            } else {
                format!("{:?}", std::fs::read(entry.path()).unwrap())
            };
            (relative, what)
        })
        .collect()
}

/// A refused build: exit code 2, a message saying why and that nothing was
/// changed, and the whole temporary folder exactly as before.
fn assert_refused(catalogue: &TestCatalogue, out: &str, why: &str) {
    let before = everything(catalogue.dir.path());
    // Twice: the data loss this guards against took a second build.
    for _ in 0..2 {
        let output = build(catalogue, out);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "--out {out}: {message}");
        assert!(message.contains("refusing to write the site into"), "{message}");
        assert!(message.contains(why), "--out {out} should say {why:?}: {message}");
        assert!(message.contains("nothing was moved or deleted"), "{message}");
        assert!(!message.contains("panicked"), "{message}");
        assert!(
            everything(catalogue.dir.path()) == before,
            "--out {out} changed the folder"
        );
    }
}

fn assert_built(output: &Output) {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
}

fn marker_of(site: &Path) -> String {
    std::fs::read_to_string(site.join(MARKER)).unwrap_or_else(|_| panic!("{} has no marker", site.display()))
}

#[test]
fn an_existing_folder_of_the_users_is_refused_and_left_as_it_is() {
    let catalogue = catalogue_and_theme();
    let docs = catalogue.dir.path().join("docs");
    std::fs::create_dir_all(docs.join("guide")).unwrap();
    std::fs::write(docs.join("README.md"), "my notes").unwrap();
    std::fs::write(docs.join("guide/index.html"), "<p>mine</p>").unwrap();
    assert_refused(&catalogue, "docs", "not a site built by catalogue");
    assert_eq!(
        std::fs::read_to_string(docs.join("README.md")).unwrap(),
        "my notes"
    );
    assert!(!catalogue.dir.path().join(".docs.previous").exists());
}

/// A folder of only the names a site has, but not shown to be one (no
/// `data/cases.json`), or a site a user added a file to, is not taken for
/// an earlier version's site.
#[test]
fn a_folder_that_only_looks_like_a_site_is_refused() {
    let catalogue = catalogue_and_theme();
    let docs = catalogue.dir.path().join("docs");
    std::fs::create_dir_all(docs.join("search")).unwrap();
    std::fs::write(docs.join("index.html"), "mine").unwrap();
    std::fs::write(docs.join("sitemap.xml"), "mine").unwrap();
    assert_refused(&catalogue, "docs", "not a site built by catalogue");

    assert_built(&build(&catalogue, "site"));
    let site = catalogue.dir.path().join("site");
    std::fs::remove_file(site.join(MARKER)).unwrap();
    std::fs::write(site.join("notes.txt"), "mine").unwrap();
    assert_refused(&catalogue, "site", "notes.txt");
}

#[test]
fn a_file_is_refused() {
    let catalogue = catalogue_and_theme();
    std::fs::write(catalogue.dir.path().join("notes.txt"), "mine").unwrap();
    assert_refused(&catalogue, "notes.txt", "is a file, not a folder");
}

#[test]
fn the_catalogue_is_refused() {
    let catalogue = catalogue_and_theme();
    assert_refused(&catalogue, "catalogue", "is the catalogue folder");
    assert_refused(&catalogue, "catalogue/", "is the catalogue folder");
    assert_refused(&catalogue, "theme/../catalogue", "is the catalogue folder");
    std::os::unix::fs::symlink("catalogue", catalogue.dir.path().join("linked")).unwrap();
    assert_refused(&catalogue, "linked", "is the catalogue folder");
}

#[test]
fn a_folder_inside_the_catalogue_is_refused() {
    let catalogue = catalogue_and_theme();
    assert_refused(&catalogue, "catalogue/cases", "is inside the catalogue folder");
    // Absent: the build would have created it there.
    assert_refused(&catalogue, "catalogue/site", "is inside the catalogue folder");
    assert_refused(
        &catalogue,
        "catalogue/new/../site",
        "is inside the catalogue folder",
    );
    // A link to elsewhere, but the link itself lies in the catalogue.
    let elsewhere = catalogue.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, catalogue.root().join("published")).unwrap();
    assert_refused(
        &catalogue,
        "catalogue/published",
        "is inside the catalogue folder",
    );
    // A link from outside into the catalogue.
    std::os::unix::fs::symlink("catalogue/cases", catalogue.dir.path().join("into")).unwrap();
    assert_refused(&catalogue, "into", "is inside the catalogue folder");
}

/// The help's example of another folder is one outside the catalogue and
/// the theme: not `site` when the command runs inside the catalogue
/// folder, where `site` is refused too.
#[test]
fn the_example_of_another_folder_is_outside_the_catalogue() {
    let catalogue = catalogue_and_theme();
    let run_inside = |out: &str| {
        crate::harness::catalogue_command()
            .current_dir(catalogue.root())
            .args([
                "build",
                "--color",
                "never",
                "--catalogue",
                ".",
                "--theme",
                "../theme",
                "--out",
                out,
            ])
            .output()
            .unwrap()
    };
    let refused = run_inside("site");
    let message = stderr(&refused);
    assert_eq!(refused.status.code(), Some(2), "{message}");
    assert!(message.contains("e.g. `--out ../site`"), "{message}");
    assert_built(&run_inside("../site"));
    let message = stderr(&build(&catalogue, "catalogue/site"));
    assert!(message.contains("e.g. `--out site`"), "{message}");
}

#[test]
fn the_theme_and_a_folder_inside_it_are_refused() {
    let catalogue = catalogue_and_theme();
    assert_refused(&catalogue, "theme", "is the theme folder");
    assert_refused(&catalogue, "theme/static", "is inside the theme folder");
    assert_refused(&catalogue, "./theme/site", "is inside the theme folder");
}

#[test]
fn a_folder_holding_the_catalogue_or_the_theme_is_refused() {
    let catalogue = catalogue_and_theme();
    assert_refused(&catalogue, ".", "contains the catalogue folder");
    assert_refused(&catalogue, "catalogue/..", "contains the catalogue folder");
    assert_refused(
        &catalogue,
        "catalogue/cases/../..",
        "contains the catalogue folder",
    );
    let outer = catalogue.dir.path().to_string_lossy().into_owned();
    assert_refused(&catalogue, &outer, "contains the catalogue folder");
    assert_refused(&catalogue, "/", "contains the catalogue folder");

    // The theme alone inside the output folder.
    let nested = catalogue.dir.path().join("work");
    std::fs::create_dir(&nested).unwrap();
    std::fs::rename(catalogue.dir.path().join("theme"), nested.join("theme")).unwrap();
    let before = everything(catalogue.dir.path());
    let output = catalogue.run(&[
        "build",
        "--catalogue",
        "catalogue",
        "--theme",
        "work/theme",
        "--out",
        "work",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("contains the theme folder"),
        "{}",
        stderr(&output)
    );
    assert!(everything(catalogue.dir.path()) == before);
}

#[test]
fn an_empty_folder_and_an_absent_one_are_built_into_and_marked() {
    let catalogue = catalogue_and_theme();
    std::fs::create_dir(catalogue.dir.path().join("empty")).unwrap();
    for out in ["empty", "absent", "absent-parent/site"] {
        assert_built(&build(&catalogue, out));
        let site = catalogue.dir.path().join(out);
        assert!(site.join("index.html").is_file(), "{out}");
        assert!(marker_of(&site).starts_with("catalogue site\n"), "{out}");
    }
    // The marker is part of the site, byte-identical in every build.
    assert!(tree(&catalogue.dir.path().join("empty")) == tree(&catalogue.dir.path().join("absent")));
}

#[test]
fn a_previous_site_of_ours_is_rebuilt() {
    let catalogue = catalogue_and_theme();
    let site = catalogue.dir.path().join("site");
    assert_built(&build(&catalogue, "site"));
    let first = tree(&site);
    // A page the next site no longer has is swept out: the folder is ours.
    std::fs::write(site.join("stray.html"), "old").unwrap();
    assert_built(&build(&catalogue, "site"));
    assert!(tree(&site) == first, "the rebuilt site differs");
    assert!(marker_of(&catalogue.dir.path().join(".site.previous")).starts_with("catalogue site\n"));
    // And with the previous site's marker gone (an earlier version's); it
    // still holds the stray page, which an earlier version never wrote.
    let previous = catalogue.dir.path().join(".site.previous");
    std::fs::remove_file(previous.join("stray.html")).unwrap();
    std::fs::remove_file(previous.join(MARKER)).unwrap();
    let output = build(&catalogue, "site");
    assert_built(&output);
    assert!(tree(&site) == first);
    assert!(!stderr(&output).contains("note:"), "{}", stderr(&output));
}

/// A site an earlier version built has no marker: accepted once, for the
/// build that marks it.
#[test]
fn a_site_of_an_earlier_version_is_accepted_once_and_marked() {
    let catalogue = catalogue_and_theme();
    let site = catalogue.dir.path().join("site");
    assert_built(&build(&catalogue, "site"));
    let expected = tree(&site);
    std::fs::remove_dir_all(catalogue.dir.path().join(".site.previous")).ok();
    std::fs::remove_file(site.join(MARKER)).unwrap();
    // An earlier version's page that this one no longer writes.
    std::fs::write(site.join("cases/old.html"), "old").unwrap();
    assert!(!site.join(MARKER).exists());

    assert_built(&build(&catalogue, "site"));
    assert!(
        tree(&site) == expected,
        "the site is a fresh build's, marker included"
    );
    assert!(marker_of(&site).starts_with("catalogue site\n"));
    assert_built(&build(&catalogue, "site"));
    assert!(tree(&site) == expected);
}

/// A folder named like the build's `.previous` that holds the user's files
/// (an earlier version moved `--out docs` there) is neither taken as the
/// work folder nor swept, build after build, and the build says so.
#[test]
fn a_previous_folder_that_is_not_ours_is_not_swept() {
    let catalogue = catalogue_and_theme();
    let previous = catalogue.dir.path().join(".site.previous");
    std::fs::create_dir_all(previous.join("guide")).unwrap();
    std::fs::write(previous.join("README.md"), "my notes").unwrap();
    std::fs::write(previous.join("guide/index.html"), "<p>mine</p>").unwrap();
    let kept = everything(&previous);
    // A killed build's work folder of a process that cannot exist, holding
    // the user's files all the same.
    let building = catalogue.dir.path().join(".site.building-4000000000");
    std::fs::create_dir(&building).unwrap();
    std::fs::write(building.join("mine.txt"), "mine").unwrap();

    let site = catalogue.dir.path().join("site");
    for _ in 0..3 {
        let output = build(&catalogue, "site");
        assert_built(&output);
        assert!(
            stderr(&output).contains(".site.previous is not a site built by catalogue"),
            "{}",
            stderr(&output)
        );
        assert!(stderr(&output).contains(".site.building-4000000000 is not a site"));
        assert!(everything(&previous) == kept, "the folder was changed");
        assert_eq!(
            std::fs::read_to_string(building.join("mine.txt")).unwrap(),
            "mine"
        );
        assert!(site.join("index.html").is_file() && site.join(MARKER).is_file());
        assert!(!site.join("README.md").exists());
    }
    let names: Vec<String> = std::fs::read_dir(catalogue.dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".site."))
        .collect();
    assert_eq!(names.len(), 2, "only the user's two folders: {names:?}");
}

/// `serve` refuses the same folders, before it listens.
#[test]
fn serve_refuses_a_folder_of_the_users() {
    let catalogue = catalogue_and_theme();
    let docs = catalogue.dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("README.md"), "my notes").unwrap();
    let before = everything(catalogue.dir.path());
    for out in ["docs", "catalogue"] {
        let mut child = crate::harness::catalogue_command()
            .args([
                "serve",
                "--port",
                "0",
                "--color",
                "never",
                "--catalogue",
                "catalogue",
                "--theme",
                "theme",
                "--out",
                out,
            ])
            .current_dir(catalogue.dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A hang guard only: the refusal comes before any build.
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut message = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut message).unwrap();
        assert_eq!(status.and_then(|s| s.code()), Some(2), "--out {out}: {message}");
        assert!(message.contains("refusing to write the site into"), "{message}");
        assert!(
            everything(catalogue.dir.path()) == before,
            "--out {out} changed the folder"
        );
    }
}

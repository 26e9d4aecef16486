//! Lists of cards in pages of at most 50 (issue 18): a catalogue of 120
//! cases in one country, municipality and category has every list cut into
//! pages at `…/page/2/` and on, each case on exactly one page of each list,
//! linked with `rel="prev"`/`rel="next"` and numbered; a catalogue of 50 has
//! no second page; `serve` removes the pages a shorter list no longer has.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use catalogue::incremental::{Outcome, Session};
use catalogue::{BuildOptions, CataloguePaths};

use crate::harness::{TestCatalogue, assert_same_tree, stderr, tree};

const BASE: &str = "https://example.org/nordic-good-examples/";
/// The link to the site path `to` from the page at `from` (both folder
/// pages below the site root), as the build writes it: relative.
fn link(from: &str, to: &str) -> String {
    let from_parts: Vec<&str> = from.split_terminator('/').collect();
    let to_parts: Vec<&str> = to.split_terminator('/').collect();
    let shared = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut link = "../".repeat(from_parts.len() - shared);
    for part in &to_parts[shared..] {
        link.push_str(part);
        link.push('/');
    }
    if link.is_empty() { "./".to_string() } else { link }
}

/// Case `number` of the fixture: in Vilhelmina (SE, 6,805 inhabitants,
/// sparsely populated), in `category`.
fn case_text(number: usize, category: &str) -> String {
    format!(
        r#"+++
title = "Paged example {number:03}"
summary = "Example {number:03} of a long list, so that its country, municipality and terms have more than one page."
country = "SE"
municipalities = ["Vilhelmina"]
categories = ["{category}"]
service_areas = ["general"]
cooperation = "shared-platform"
status = "implemented"
started = 2021-01-07
language = "en"
organisations = ["Vilhelmina kommun"]
reviewed = 2026-05-04

[[sources]]
title = "Source of example {number:03}"
url = "https://example.org/source/{number:03}/"
+++

## Background

Background of example {number:03}.

## What was done

What example {number:03} did.

## Results and effects

What came of example {number:03}.

## Lessons learned

What example {number:03} taught.
"#
    )
}

fn catalogue_of(count: usize) -> TestCatalogue {
    let catalogue = TestCatalogue::base();
    for number in 1..=count {
        catalogue.write(
            &format!("cases/SE/paged-{number:03}.md"),
            case_text(number, "internal"),
        );
    }
    catalogue
}

fn read(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join(path)).unwrap_or_else(|_| panic!("{path} is missing"))
}

/// The `href` of the `<link rel="…">` in a page's head.
fn head_link(page: &str, rel: &str) -> Option<String> {
    let head = &page[..page.find("</head>").unwrap()];
    let pattern = format!("<link rel=\"{rel}\" href=\"");
    let start = head.find(&pattern)? + pattern.len();
    Some(head[start..start + head[start..].find('"').unwrap()].to_string())
}

/// The slugs of the cards on a page, in order.
fn cards(page: &str) -> Vec<String> {
    slugs(page, "<li class=\"case-card\">")
}

/// The slug of the first Swedish case linked in each part of `html` that
/// follows `item`.
fn slugs(html: &str, item: &str) -> Vec<String> {
    html.split(item)
        .skip(1)
        .map(|part| {
            let start = part.find("cases/se/").unwrap() + "cases/se/".len();
            part[start..start + part[start..].find('/').unwrap()].to_string()
        })
        .collect()
}

/// Every page of the list at `first`, following `rel="next"`: (path,
/// page). Checks the links between them on the way.
fn pages_of(site: &Path, first: &str) -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut path = first.to_string();
    loop {
        let page = read(site, &format!("{path}index.html"));
        let number = pages.len() + 1;
        assert!(
            page.contains(&format!("<link rel=\"canonical\" href=\"{BASE}{path}\">")),
            "{path}: its own canonical URL"
        );
        let expected_prev = match number {
            1 => None,
            2 => Some(link(&path, first)),
            _ => Some(link(&path, &format!("{first}page/{}/", number - 1))),
        };
        assert_eq!(head_link(&page, "prev"), expected_prev, "{path}");
        let next = head_link(&page, "next");
        let next_path = format!("{first}page/{}/", number + 1);
        if let Some(next) = &next {
            assert_eq!(next, &link(&path, &next_path), "{path}");
            assert!(
                page.contains(&format!("<a href=\"{next}\" rel=\"next\">")),
                "{path}"
            );
        }
        pages.push((path, page));
        match next {
            Some(_) => path = next_path,
            None => break,
        }
    }
    pages
}

/// The lists every case of the fixture is in.
const LISTS: [&str; 6] = [
    "categories/internal/",
    "service-areas/general/",
    "cooperation/shared-platform/",
    "countries/se/2462/",
    "municipalities/size/5000-10000/",
    "municipalities/sparsely-populated/",
];

#[test]
fn a_list_of_120_cases_has_three_pages_with_every_case_once() {
    let catalogue = catalogue_of(120);
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    let site = catalogue.dir.path().join("site");
    let sitemap = read(&site, "sitemap.xml");
    let expected: Vec<String> = (1..=120).map(|n| format!("paged-{n:03}")).collect();
    for list in LISTS.iter().chain(&["countries/se/"]) {
        let pages = pages_of(&site, list);
        assert_eq!(pages.len(), 3, "{list}");
        let mut seen: Vec<String> = Vec::new();
        for (number, (path, page)) in pages.iter().enumerate() {
            let number = number + 1;
            let on_page = cards(page);
            assert!(on_page.len() <= 50, "{path}: {} cards", on_page.len());
            seen.extend(on_page);
            assert!(
                page.contains(&format!("Page {number} of 3 – ")),
                "{path}: the title says which page it is"
            );
            let nav = &page[page.find("<nav class=\"pager\" aria-label=\"Pages\">").unwrap()..];
            let nav = &nav[..nav.find("</nav>").unwrap()];
            let current: Vec<&str> = nav.matches("aria-current=\"page\"").collect();
            assert_eq!(current.len(), 1, "{path}");
            assert!(
                nav.contains(&format!(
                    "aria-current=\"page\"><span class=\"visually-hidden\">Page </span>{number}</a>"
                )),
                "{path}: {nav}"
            );
            for other in 1..=3 {
                let url = match other {
                    1 => link(path, list),
                    _ => link(path, &format!("{list}page/{other}/")),
                };
                assert!(
                    nav.contains(&format!("<a href=\"{url}\"")),
                    "{path} links to page {other}"
                );
            }
            assert!(
                sitemap.contains(&format!("<loc>{BASE}{path}</loc>")),
                "{path} in the sitemap"
            );
        }
        seen.sort();
        assert_eq!(seen, expected, "{list}: every case exactly once");
        assert!(!site.join(format!("{list}page/4")).exists(), "{list}");
        assert!(!site.join(format!("{list}page/1")).exists(), "{list}");
    }
    // A country lists its map and municipalities on page 1 only.
    let country = read(&site, "countries/se/index.html");
    let second = read(&site, "countries/se/page/2/index.html");
    assert!(country.contains("id=\"municipalities\""));
    assert!(!second.contains("id=\"municipalities\""));
    assert!(
        second.contains("<h2 id=\"internal\">"),
        "the category goes on under its heading"
    );
    // The home table's cell links to the page its category starts on.
    let home = read(&site, "index.html");
    assert!(home.contains("href=\"countries/se/#internal\""));
}

#[test]
fn a_category_starting_on_a_later_page_is_linked_there_from_home() {
    let catalogue = catalogue_of(70);
    for number in 71..=75 {
        catalogue.write(&format!("cases/SE/paged-{number:03}.md"), case_text(number, "ai"));
    }
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    let site = catalogue.dir.path().join("site");
    // The categories are internal, external, ai: ai starts after the 70
    // internal cases, on page 2.
    let home = read(&site, "index.html");
    assert!(
        home.contains("href=\"countries/se/page/2/#ai\""),
        "the home table links to where ai's cases are"
    );
    assert!(read(&site, "countries/se/page/2/index.html").contains("<h2 id=\"ai\">"));
}

#[test]
fn a_list_of_50_cases_has_one_page_and_no_page_links() {
    let catalogue = catalogue_of(50);
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    let site = catalogue.dir.path().join("site");
    for list in LISTS.iter().chain(&["countries/se/"]) {
        let page = read(&site, &format!("{list}index.html"));
        assert_eq!(cards(&page).len(), 50, "{list}");
        assert!(!site.join(format!("{list}page")).exists(), "{list}");
        assert!(head_link(&page, "next").is_none() && head_link(&page, "prev").is_none());
        assert!(!page.contains("class=\"pager\""), "{list}");
        assert!(!page.contains(" of 1"), "{list}");
    }
    assert!(!read(&site, "sitemap.xml").contains("/page/"));
}

#[test]
fn paged_lists_are_byte_identical_whatever_the_thread_count() {
    let catalogue = catalogue_of(120);
    assert!(catalogue.build_site().status.success());
    let theme = format!("{}/themes/default", env!("CARGO_MANIFEST_DIR"));
    let output = crate::harness::catalogue_command()
        .args([
            "build",
            "--catalogue",
            "catalogue",
            "--out",
            "one",
            "--theme",
            &theme,
        ])
        .env("RAYON_NUM_THREADS", "1")
        .current_dir(catalogue.dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_same_tree(
        &tree(&catalogue.dir.path().join("one")),
        &tree(&catalogue.dir.path().join("site")),
    );
}

fn options(out: &Path) -> BuildOptions {
    BuildOptions {
        theme: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        out: out.to_path_buf(),
        base_url: Some("http://localhost/".into()),
    }
}

/// The files of a site but its search shards, whose boundaries stay those
/// of the last full build in a partial one.
fn files(site: &Path) -> Vec<String> {
    tree(site)
        .into_keys()
        .filter(|path| !path.starts_with("search/shards/"))
        .collect()
}

/// Rebuild the preview, which must write the site, partly or fully.
fn rebuild(session: &mut Session, partial: bool) {
    let rebuilt = session.rebuild(crate::harness::today()).unwrap();
    assert!(
        matches!(rebuilt.outcome, Outcome::Written { partial: p, .. } if p == partial),
        "{rebuilt:?}"
    );
}

/// The preview at `site` has the files of a full build of `root` into
/// `full`, and the same list pages and sitemap (case pages differ by
/// design: other cases keep their related cases).
fn assert_the_full_build(site: &Path, root: &Path, full: &Path, options: &dyn Fn(&Path) -> BuildOptions) {
    catalogue::build(
        &CataloguePaths::new(root.to_path_buf()),
        &options(full),
        crate::harness::today(),
    )
    .unwrap();
    assert_eq!(files(site), files(full), "the files a full build writes");
    let pages = |site: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        site.iter()
            .filter(|(path, _)| {
                path.ends_with(".html") && !path.starts_with("cases/")
                    || ["sitemap.xml", "feed.xml"].contains(&path.as_str())
            })
            .map(|(path, bytes)| (path.clone(), bytes.clone()))
            .collect()
    };
    assert_same_tree(&pages(&tree(site)), &pages(&tree(full)));
}

#[test]
fn serve_removes_the_pages_a_shorter_list_no_longer_has() {
    // 101 cases: three pages of internal; an edit moving one to external
    // leaves two, and page 3 must go in the partial rebuild.
    let catalogue = catalogue_of(101);
    let root = catalogue.root();
    let site = catalogue.dir.path().join("site");
    let mut session = Session::new(CataloguePaths::new(root.clone()), options(&site), false);
    rebuild(&mut session, false);
    assert!(site.join("categories/internal/page/3/index.html").is_file());
    assert!(!site.join("categories/external/page").exists());

    // Longer by a line, so the edit is seen whatever the clock's grain.
    catalogue.write(
        "cases/SE/paged-050.md",
        format!("{}\nEdited.\n", case_text(50, "external")),
    );
    rebuild(&mut session, true);
    assert!(
        !site.join("categories/internal/page/3").exists(),
        "page 3 is gone"
    );
    assert!(site.join("categories/internal/page/2/index.html").is_file());
    // The country lists each case once per category: 101 still, three
    // pages; the municipality too.
    assert!(site.join("countries/se/page/3/index.html").is_file());
    assert_the_full_build(&site, &root, &catalogue.dir.path().join("full"), &options);

    // Removing cases is a full build: the lists lose their later pages.
    for number in 40..=101 {
        std::fs::remove_file(root.join(format!("cases/SE/paged-{number:03}.md"))).unwrap();
    }
    rebuild(&mut session, false);
    for list in LISTS.iter().chain(&["countries/se/"]) {
        assert!(site.join(format!("{list}index.html")).is_file(), "{list}");
        assert!(
            !site.join(format!("{list}page")).exists(),
            "{list}: no page 2 of 39 cases"
        );
    }
    assert!(!read(&site, "sitemap.xml").contains("/page/"));
}

#[test]
fn serve_after_an_edit_that_keeps_a_cases_lists_gives_the_full_builds_pages() {
    // 101 cases, three pages of every list: a new title changes the card
    // on page 2 of each (the only page `serve` renders again), and moving
    // the case to another municipality changes every list it was or is on.
    let catalogue = catalogue_of(101);
    let root = catalogue.root();
    let site = catalogue.dir.path().join("site");
    let mut session = Session::new(CataloguePaths::new(root.clone()), options(&site), false);
    rebuild(&mut session, false);
    catalogue.write(
        "cases/SE/paged-075.md",
        case_text(75, "internal").replace("title = \"Paged", "title = \"Renamed paged"),
    );
    rebuild(&mut session, true);
    for list in LISTS.iter().chain(&["countries/se/"]) {
        let page = read(&site, &format!("{list}page/2/index.html"));
        assert!(page.contains("Renamed paged example 075"), "{list}");
    }
    assert_the_full_build(&site, &root, &catalogue.dir.path().join("full"), &options);

    catalogue.write(
        "cases/SE/paged-075.md",
        case_text(75, "internal").replace(r#"["Vilhelmina"]"#, r#"["Storuman"]"#),
    );
    rebuild(&mut session, true);
    assert!(
        site.join("countries/se/2421/index.html").is_file(),
        "Storuman's page"
    );
    assert_the_full_build(&site, &root, &catalogue.dir.path().join("full-2"), &options);

    // The home page and the feed show the ten and fifty cases reviewed
    // last (on a tie, the first by id): an edit of a case among them, a
    // later review that puts a case among them and an earlier one that
    // takes it out again.
    let home = || read(&site, "index.html");
    let feed = || read(&site, "feed.xml");
    catalogue.write(
        "cases/SE/paged-005.md",
        case_text(5, "internal").replace("title = \"Paged", "title = \"Newest renamed"),
    );
    rebuild(&mut session, true);
    assert!(home().contains("Newest renamed example 005"));
    assert!(feed().contains("Newest renamed example 005"));
    assert_the_full_build(&site, &root, &catalogue.dir.path().join("full-3"), &options);
    catalogue.write(
        "cases/SE/paged-090.md",
        case_text(90, "internal").replace("reviewed = 2026-05-04", "reviewed = 2026-05-20"),
    );
    rebuild(&mut session, true);
    assert!(home().contains("Paged example 090"));
    assert!(
        !home().contains("Paged example 010"),
        "the tenth is now the eleventh"
    );
    assert_the_full_build(&site, &root, &catalogue.dir.path().join("full-4"), &options);
    catalogue.write(
        "cases/SE/paged-005.md",
        case_text(5, "internal").replace("reviewed = 2026-05-04", "reviewed = 2026-04-01"),
    );
    rebuild(&mut session, true);
    assert!(!home().contains("Paged example 005"));
    assert!(!feed().contains("Paged example 005"));
    assert!(home().contains("Paged example 010"));
    assert_the_full_build(&site, &root, &catalogue.dir.path().join("full-5"), &options);
}

/// Case `number` naming two municipalities, so that the network page
/// lists it.
fn co_operating_case(number: usize) -> String {
    case_text(number, "internal").replace(
        r#"municipalities = ["Vilhelmina"]"#,
        r#"municipalities = ["Vilhelmina", "Storuman"]"#,
    )
}

/// The slugs of the cases a network page lists, in order.
fn network_entries(page: &str) -> Vec<String> {
    let list = &page[page.find("<ul class=\"network-list\">").unwrap()..];
    let list = &list[..list.find("</ul>").unwrap()];
    slugs(list, "<li>")
}

#[test]
fn the_network_is_paged_and_serve_renders_the_page_of_an_edited_case() {
    const NETWORK: &str = "municipalities/co-operation/";
    let catalogue = TestCatalogue::base();
    for number in 1..=101 {
        catalogue.write(
            &format!("cases/SE/paged-{number:03}.md"),
            co_operating_case(number),
        );
    }
    let root = catalogue.root();
    let site = catalogue.dir.path().join("site");
    // The base URL of `pages_of`'s canonical links.
    let options = |out: &Path| BuildOptions {
        base_url: Some(BASE.into()),
        ..options(out)
    };
    let mut session = Session::new(CataloguePaths::new(root.clone()), options(&site), false);
    session.rebuild(crate::harness::today()).unwrap();
    let pages = pages_of(&site, NETWORK);
    assert_eq!(pages.len(), 3);
    let mut seen: Vec<String> = Vec::new();
    for (number, (path, page)) in pages.iter().enumerate() {
        let entries = network_entries(page);
        assert!(entries.len() <= 50, "{path}: {} entries", entries.len());
        seen.extend(entries);
        // The pairs across borders and the download are on page 1 only.
        assert_eq!(page.contains("id=\"cross-border\""), number == 0, "{path}");
        assert_eq!(page.contains("cooperation-pairs.csv"), number == 0, "{path}");
    }
    let expected: Vec<String> = (1..=101).map(|n| format!("paged-{n:03}")).collect();
    assert_eq!(seen, expected, "every co-operating case once, in catalogue order");

    // A new title: the page listing the case is made again, the others are
    // left as they are.
    let first_page = std::fs::metadata(site.join(format!("{NETWORK}index.html"))).unwrap();
    catalogue.write(
        "cases/SE/paged-075.md",
        co_operating_case(75).replace("title = \"Paged", "title = \"Renamed paged"),
    );
    rebuild(&mut session, true);
    assert!(read(&site, &format!("{NETWORK}page/2/index.html")).contains("Renamed paged example 075"));
    let unchanged = std::fs::metadata(site.join(format!("{NETWORK}index.html"))).unwrap();
    assert_eq!(
        unchanged.modified().unwrap(),
        first_page.modified().unwrap(),
        "page 1 is not written again"
    );

    // A case that no longer co-operates: 100 are left, two pages.
    catalogue.write(
        "cases/SE/paged-030.md",
        format!("{}\nEdited.\n", case_text(30, "internal")),
    );
    rebuild(&mut session, true);
    assert!(!site.join(format!("{NETWORK}page/3")).exists(), "page 3 is gone");
    assert_eq!(pages_of(&site, NETWORK).len(), 2);

    assert_the_full_build(&site, &root, &catalogue.dir.path().join("full"), &options);
}

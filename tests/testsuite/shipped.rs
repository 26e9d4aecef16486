//! The shipped catalogue itself: every case in it is a documented one (no
//! text marks a case as invented), and the home page's country × category
//! table counts exactly the case files there are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::harness::stderr;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every case file of the shipped catalogue, sorted so failures are stable.
fn case_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(repository().join("examples-catalogue/cases"))
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no shipped case files found");
    files
}

/// Words that mark an example as made up, in English and the Nordic
/// languages. A word stem catches its inflections ("illustrativ" also
/// matches "illustrative", "illustratively" and Swedish "illustrativt").
const INVENTED_MARKERS: &[&str] = &[
    // English
    "illustrativ",
    "hypothetic",
    "invented",
    "fictional",
    "fictitious",
    "made-up",
    // Swedish, Norwegian, Danish
    "hypotetisk",
    "fiktiv",
    "påhittad",
    "påhittat",
    "oppdiktet",
    "opdigtet",
    // Finnish
    "kuvitteellinen",
    "hypoteettinen",
    "illustratiivinen",
    "keksitty",
    // Icelandic
    "skáldað",
    "ímyndað",
];

#[test]
fn no_shipped_case_is_marked_as_illustrative_or_invented() {
    let mut found = Vec::new();
    for file in case_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let lower = line.to_lowercase();
            for marker in INVENTED_MARKERS {
                if lower.contains(marker) {
                    let relative = file.strip_prefix(repository()).unwrap_or(&file);
                    found.push(format!(
                        "{}:{}: \"{marker}\" in {line:?}",
                        relative.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "shipped cases must be documented ones, not invented examples:\n{}",
        found.join("\n")
    );
}

/// The country and categories of a case file, read from its TOML front
/// matter with the `toml` crate (not with the catalogue's own loader, so the
/// test checks the site against an independent reading of the files).
fn country_and_categories(file: &Path) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut parts = text.splitn(3, "+++\n");
    assert_eq!(
        parts.next(),
        Some(""),
        "{} does not start with +++",
        file.display()
    );
    let front_matter = parts
        .next()
        .unwrap_or_else(|| panic!("{} has no front matter", file.display()));
    let table: toml::Table =
        toml::from_str(front_matter).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let country = table["country"].as_str().unwrap().to_string();
    let categories = table["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|value| value.as_str().unwrap().to_string())
        .collect();
    (country, categories)
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let begin = text.find(start)? + start.len();
    let length = text[begin..].find(end)?;
    Some(&text[begin..begin + length])
}

/// The contents of every `<tag ...>...</tag>` in `html`, in order.
fn elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        let Some(content_start) = after.find('>') else {
            break;
        };
        let content = &after[content_start + 1..];
        let Some(content_end) = content.find(&close) else {
            break;
        };
        found.push(&content[..content_end]);
        rest = &content[content_end + close.len()..];
    }
    found
}

/// The number in a table cell, which may be wrapped in a link.
fn cell_number(cell: &str) -> usize {
    let mut text = String::new();
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("cell {cell:?} is not a number"))
}

/// The path segment after `prefix` in the first link of `html`
/// (`countries/se/` or `../countries/se/` → "se").
fn link_segment(html: &str, prefix: &str) -> String {
    let href = between(html, "href=\"", "\"").unwrap_or_else(|| panic!("no link in {html:?}"));
    let after = between(href, prefix, "/").unwrap_or_else(|| panic!("{href} is not under {prefix}"));
    after.to_string()
}

#[test]
fn the_home_page_table_counts_the_case_files_by_country_and_category() {
    // What the files say.
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut expected_totals: BTreeMap<String, usize> = BTreeMap::new();
    let files = case_files();
    for file in &files {
        let (country, categories) = country_and_categories(file);
        for category in categories {
            *expected.entry((country.to_lowercase(), category)).or_default() += 1;
        }
        *expected_totals.entry(country.to_lowercase()).or_default() += 1;
    }

    // What the home page shows.
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = crate::harness::catalogue_command()
        .args([
            "build",
            "--color",
            "never",
            "--catalogue",
            "examples-catalogue",
            "--out",
        ])
        .arg(&site)
        .current_dir(repository())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    let table =
        between(&home, "<table class=\"counts\">", "</table>").expect("the home page has no counts table");

    let head = between(table, "<thead>", "</thead>").unwrap();
    let columns: Vec<String> = elements(head, "th")
        .iter()
        .filter(|th| th.contains("categories/"))
        .map(|th| link_segment(th, "categories/"))
        .collect();
    assert_eq!(columns.len(), 3, "one column per category: {columns:?}");

    let body = between(table, "<tbody>", "</tbody>").unwrap();
    let mut shown_totals: BTreeMap<String, usize> = BTreeMap::new();
    let mut column_sums = vec![0; columns.len()];
    for row in elements(body, "tr") {
        let country = link_segment(elements(row, "th")[0], "countries/");
        let cells: Vec<usize> = elements(row, "td").into_iter().map(cell_number).collect();
        assert_eq!(cells.len(), columns.len() + 1, "{country}: {cells:?}");
        for (column, category) in columns.iter().enumerate() {
            let files_say = expected
                .get(&(country.clone(), category.clone()))
                .copied()
                .unwrap_or(0);
            assert_eq!(cells[column], files_say, "{country} × {category}");
            column_sums[column] += cells[column];
        }
        let total = cells[columns.len()];
        assert_eq!(
            total,
            expected_totals.get(&country).copied().unwrap_or(0),
            "{country} total"
        );
        shown_totals.insert(country, total);
    }
    // Every country that has case files has its row.
    for country in expected_totals.keys() {
        assert!(shown_totals.contains_key(country), "no row for {country}");
    }

    let foot = between(table, "<tfoot>", "</tfoot>").unwrap();
    let footer: Vec<usize> = elements(foot, "td").into_iter().map(cell_number).collect();
    assert_eq!(footer[..columns.len()], column_sums[..], "column totals");
    assert_eq!(footer[columns.len()], files.len(), "grand total");
}

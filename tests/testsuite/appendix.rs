//! `catalogue appendix`: the PDF (read back with poppler's `pdftotext`), the
//! print HTML, CSV and JSON; their order, counts, filters, determinism, and
//! that contributor text is never evaluated as typst markup.

// Built without the `pdf` feature, the PDF tests and their helpers are out.
#![cfg_attr(not(feature = "pdf"), allow(dead_code))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::harness::{TestCatalogue, stderr, stdout};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `catalogue appendix --catalogue <catalogue> --out <out> <extra>`, run in
/// the repository.
fn appendix(catalogue: &Path, out: &Path, extra: &[&str]) -> Output {
    crate::harness::catalogue_command()
        .args(["appendix", "--color", "never", "--catalogue"])
        .arg(catalogue)
        .arg("--out")
        .arg(out)
        .args(extra)
        .current_dir(repository())
        .output()
        .unwrap()
}

/// Render `format` to standard output and return the bytes.
fn appendix_bytes(catalogue: &Path, extra: &[&str]) -> Vec<u8> {
    let output = appendix(catalogue, Path::new("-"), extra);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    output.stdout
}

/// The text of a PDF, laid out as on the page (`pdftotext -layout`).
#[cfg(feature = "pdf")]
fn pdf_text(pdf: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|error| {
            panic!("pdftotext could not run ({error}); install poppler-utils (scripts/test does)")
        });
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// Whitespace runs as one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// --- The shipped catalogue, read independently of the binary ----------------

#[derive(Debug, Clone)]
struct CaseFile {
    country: String,
    title: String,
    categories: Vec<String>,
    service_areas: Vec<String>,
    cooperation: String,
    status: String,
    body: String,
}

/// A vocabulary of catalogue.toml: (term, English label), in order.
fn vocabulary(config: &toml::Value, table: &str) -> Vec<(String, String)> {
    config[table]
        .as_array()
        .unwrap()
        .iter()
        .map(|term| {
            (
                term["term"].as_str().unwrap().to_string(),
                term["label"]["en"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn strings(value: &toml::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// Every case file of a catalogue folder, parsed with the toml crate.
fn case_files(root: &Path) -> Vec<CaseFile> {
    let mut cases = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("cases")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let rest = text.trim_start_matches('\u{feff}').strip_prefix("+++\n").unwrap();
        let end = rest.find("\n+++").unwrap();
        let front: toml::Value = toml::from_str(&rest[..end]).unwrap();
        cases.push(CaseFile {
            country: front["country"].as_str().unwrap().to_string(),
            title: front["title"].as_str().unwrap().to_string(),
            categories: strings(&front["categories"]),
            service_areas: strings(&front["service_areas"]),
            cooperation: front["cooperation"].as_str().unwrap().to_string(),
            status: front["status"].as_str().unwrap().to_string(),
            body: rest[end + 4..].to_string(),
        });
    }
    cases
}

fn shipped() -> (toml::Value, Vec<CaseFile>) {
    let root = repository().join("examples-catalogue");
    let config: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join("catalogue.toml")).unwrap()).unwrap();
    (config, case_files(&root))
}

/// What the appendix must show, in order: each country heading, each
/// category heading (upper case, as laid out), then the titles of the cases
/// filed under it: a case under the first of its categories in vocabulary
/// order, by title within a category.
fn expected_order(config: &toml::Value, cases: &[CaseFile]) -> Vec<(bool, String)> {
    let categories = vocabulary(config, "categories");
    let mut sequence = Vec::new();
    for (country, country_label) in vocabulary(config, "countries") {
        let of_country: Vec<&CaseFile> = cases.iter().filter(|c| c.country == country).collect();
        if of_country.is_empty() {
            continue;
        }
        sequence.push((true, country_label));
        for (category, category_label) in &categories {
            let mut filed: Vec<&&CaseFile> = of_country
                .iter()
                .filter(|case| {
                    categories
                        .iter()
                        .find(|(id, _)| case.categories.contains(id))
                        .is_some_and(|(id, _)| id == category)
                })
                .collect();
            if filed.is_empty() {
                continue;
            }
            filed.sort_by_key(|case| catalogue::appendix::document::title_order(&case.title));
            sequence.push((true, category_label.to_uppercase()));
            sequence.extend(filed.iter().map(|case| (false, case.title.clone())));
        }
    }
    sequence
}

/// Find the sequence in the text's lines, in order: a heading is a line of
/// its own; a title may wrap over several lines, also right after a hyphen
/// of the title ("out-of-" / "hours"), where no space is to be added.
fn assert_in_order(text: &str, sequence: &[(bool, String)]) {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut cursor = 0;
    for (heading, wanted) in sequence {
        let found = (cursor..lines.len()).find(|&start| {
            if *heading {
                return lines[start] == wanted;
            }
            let mut joined = String::new();
            for line in &lines[start..lines.len().min(start + 4)] {
                if !joined.is_empty() && !joined.ends_with('-') {
                    joined.push(' ');
                }
                joined.push_str(line);
                if words(&joined) == words(wanted) {
                    return true;
                }
            }
            false
        });
        match found {
            Some(index) => cursor = index + 1,
            None => panic!(
                "{wanted:?} not found after line {cursor} ({:?}); the sequence was {sequence:#?}\n{text}",
                lines.get(cursor.saturating_sub(1))
            ),
        }
    }
}

// --- PDF ---------------------------------------------------------------------

#[cfg(feature = "pdf")]
fn shipped_pdf_text() -> String {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("appendix.pdf");
    let output = appendix(Path::new("examples-catalogue"), &pdf, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // Bookmarks (the heading outline), tagged, A4, English.
    assert!(bytes.windows(9).any(|w| w == b"/Outlines"));
    let info = std::process::Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = stdout(&info);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("(A4)"), "{info}");
    assert!(
        info.contains("CreationDate:") && !info.contains("Pages:           0"),
        "{info}"
    );
    pdf_text(&pdf)
}

/// The part after the summary: the cases.
#[cfg(feature = "pdf")]
fn cases_part(text: &str) -> &str {
    let marker = "The cases are grouped by country";
    &text[text.find(marker).expect("the order note after the summary")..]
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_lists_every_case_under_its_country_and_category_in_order() {
    let (config, cases) = shipped();
    assert!(cases.len() >= 12);
    let text = shipped_pdf_text();
    let sequence = expected_order(&config, &cases);
    assert_eq!(
        sequence.iter().filter(|(heading, _)| !heading).count(),
        cases.len()
    );
    assert_in_order(cases_part(&text), &sequence);
    // The contents list every case too, before the summary.
    let contents = &text[..text.find("The cases are grouped by country").unwrap()];
    for case in &cases {
        assert!(
            words(contents).contains(&words(&case.title)),
            "{} is not in the contents",
            case.title
        );
    }
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_summary_tables_count_what_the_catalogue_holds() {
    let (config, cases) = shipped();
    let text = shipped_pdf_text();
    let start = text.find("Summary\n").expect("a summary");
    let summary = words(&text[start..text.find("The cases are grouped by country").unwrap()]);
    let categories = vocabulary(&config, "categories");
    let count = |filter: &dyn Fn(&CaseFile) -> bool| cases.iter().filter(|c| filter(c)).count();

    // Country × category, with the row total counting each case once.
    for (country, label) in vocabulary(&config, "countries") {
        let total = count(&|c| c.country == country);
        if total == 0 {
            assert!(!summary.contains(&format!("{label} 0 ")), "{label} has no cases");
            continue;
        }
        let mut row = label.clone();
        for (category, _) in &categories {
            row.push_str(&format!(
                " {}",
                count(&|c| c.country == country && c.categories.contains(category))
            ));
        }
        row.push_str(&format!(" {total}"));
        assert!(summary.contains(&row), "no row {row:?} in {summary}");
    }
    let mut totals = "Total".to_string();
    for (category, _) in &categories {
        totals.push_str(&format!(" {}", count(&|c| c.categories.contains(category))));
    }
    totals.push_str(&format!(" {}", cases.len()));
    assert!(summary.contains(&totals), "no row {totals:?} in {summary}");

    for (term, label) in vocabulary(&config, "service_areas") {
        let row = format!("{label} {}", count(&|c| c.service_areas.contains(&term)));
        assert!(summary.contains(&row), "no row {row:?} in {summary}");
    }
    for (term, label) in vocabulary(&config, "cooperation") {
        let row = format!("{label} {}", count(&|c| c.cooperation == term));
        assert!(summary.contains(&row), "no row {row:?} in {summary}");
    }
    for (term, label) in vocabulary(&config, "statuses") {
        let row = format!("{label} {}", count(&|c| c.status == term));
        assert!(summary.contains(&row), "no row {row:?} in {summary}");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn nordic_characters_survive_in_the_pdf() {
    let (_, cases) = shipped();
    let text = shipped_pdf_text();
    for word in [
        "Västerbotten",
        "Þingeyjarsveit",
        "økonomisk",
        "Åsele",
        "Ísland",
        "Fjárhagsaðstoð",
    ] {
        let in_catalogue = cases
            .iter()
            .any(|c| c.body.contains(word) || c.title.contains(word))
            || std::fs::read_to_string(repository().join("examples-catalogue/catalogue.toml"))
                .unwrap()
                .contains(word);
        if in_catalogue {
            assert!(text.contains(word), "{word} is missing from the PDF text");
        }
    }
    assert!(text.contains("Västerbotten") && text.contains("Þingeyjarsveit") && text.contains("økonomisk"));
}

/// A body full of typst markup, code and Markdown that typst would
/// interpret. Markdown keeps every character of it (no emphasis).
const TYPST_BODY: &str = r##"
## Background

#import "x.typ"

#panic("boom")

Costs: 5 * 3 = 15 $ and snake_case_name

Refer to @ref and \<label> or [bracket]

A backslash: a \ b, then #set text(red)

= Not a heading =

- A #link("https://evil.example")[list item]
- Some `#code` in a list
- $x^2$ and #strong[bold?]

| a | b |
|---|---|
| #table() | $ $ |

Text with a note.[^n]

[^n]: #footnote[x] and #eval("1+1")

## What was done

Text.

## Results and effects

Text.

## Lessons learned

Text.
"##;

/// The valid fixture with one more case, whose body is `body` and title
/// `title`.
fn catalogue_with_body(title: &str, body: &str) -> TestCatalogue {
    let catalogue = TestCatalogue::fixture("valid");
    let valid = std::fs::read_to_string(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    let front_matter_end = valid.find("+++\n\n## Background").unwrap() + 4;
    catalogue.write(
        "cases/SE/markup.md",
        format!(
            "{}{body}",
            &valid[..front_matter_end]
                .replace("title = \"The digital colleague\"", &format!("title = {title:?}"))
        ),
    );
    catalogue
}

#[cfg(feature = "pdf")]
#[test]
fn typst_markup_in_contributor_text_is_printed_not_evaluated() {
    let catalogue = catalogue_with_body("#panic(\"title\") $x$ <a> @b [c] \\ = _d_ *e*", TYPST_BODY);
    let pdf = catalogue.dir.path().join("appendix.pdf");
    let output = appendix(&catalogue.root(), &pdf, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = words(&pdf_text(&pdf));
    for literal in [
        "#import \"x.typ\"",
        "#panic(\"boom\")",
        "Costs: 5 * 3 = 15 $ and snake_case_name",
        "Refer to @ref and <label> or [bracket]",
        "A backslash: a \\ b, then #set text(red)",
        "= Not a heading =",
        "#link(\"https://evil.example\")[list item]",
        "#code",
        "$x^2$ and #strong[bold?]",
        "#table()",
        "#footnote[x] and #eval(\"1+1\")",
        "#panic(\"title\") $x$ <a> @b [c] \\ = _d_ *e*",
    ] {
        assert!(
            text.contains(literal),
            "{literal:?} is not in the PDF text:\n{text}"
        );
    }
    assert!(!text.contains("boom\" panicked"), "{text}");
}

#[cfg(feature = "pdf")]
#[test]
fn deeply_nested_markdown_does_not_break_the_pdf() {
    let deep = format!(
        "## Background\n\n{}deep\n\n{}\n\n{}x{}\n",
        "> ".repeat(300),
        (0..80)
            .map(|i| format!("{}- level {i}", "  ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        "*_".repeat(200),
        "_*".repeat(200)
    );
    let catalogue = catalogue_with_body("Deep", &deep);
    let pdf = catalogue.dir.path().join("appendix.pdf");
    let output = appendix(&catalogue.root(), &pdf, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = words(&pdf_text(&pdf));
    assert!(text.contains("deep") && text.contains("level 79"), "{text}");
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_filters_by_country_and_category() {
    let (config, cases) = shipped();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("se-ai.pdf");
    let output = appendix(
        Path::new("examples-catalogue"),
        &pdf,
        &["--country", "se", "--category", "ai"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = pdf_text(&pdf);
    let part = cases_part(&text);
    let wanted: Vec<CaseFile> = cases
        .iter()
        .filter(|c| c.country == "SE" && c.categories.iter().any(|k| k == "ai"))
        .cloned()
        .collect();
    assert!(!wanted.is_empty());
    for case in &cases {
        assert_eq!(
            words(part).contains(&words(&case.title)),
            wanted.iter().any(|w| w.title == case.title),
            "{}",
            case.title
        );
    }
    // All of them under the AI heading, the one category selected.
    let mut sequence = vec![
        (true, "Sweden".to_string()),
        (true, vocabulary(&config, "categories")[2].1.to_uppercase()),
    ];
    let mut titles: Vec<String> = wanted.iter().map(|c| c.title.clone()).collect();
    titles.sort_by_key(|t| catalogue::appendix::document::title_order(t));
    sequence.extend(titles.into_iter().map(|t| (false, t)));
    assert_in_order(part, &sequence);
    assert!(!part.contains("\nNorway\n"));
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_speaks_the_chosen_language() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("sv.pdf");
    let output = appendix(Path::new("examples-catalogue"), &pdf, &["--lang", "sv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = pdf_text(&pdf);
    for swedish in [
        "Innehåll",
        "Sammanfattning",
        "Sverige",
        "Kommuner",
        "Källor",
        "Ekonomiskt bistånd",
    ] {
        assert!(text.contains(swedish), "{swedish} missing");
    }
}

#[cfg(not(feature = "pdf"))]
#[test]
fn without_the_pdf_feature_the_pdf_format_fails_clearly() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("appendix.pdf");
    let output = appendix(Path::new("examples-catalogue"), &pdf, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("built without PDF support"),
        "{}",
        stderr(&output)
    );
    assert!(!pdf.exists());
}

// --- HTML, CSV, JSON ---------------------------------------------------------------

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn the_html_is_one_self_contained_page_with_every_case() {
    let (_, cases) = shipped();
    let html = String::from_utf8(appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "html"],
    ))
    .unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("@page") && html.contains("size: A4"));
    for case in &cases {
        assert!(html.contains(&html_escape(&case.title)), "{} missing", case.title);
    }
    let lower = html.to_lowercase();
    for forbidden in ["<script", "<link", "<img", "<iframe", " src=", "@import", "url("] {
        assert!(!lower.contains(forbidden), "{forbidden} in the page");
    }
    // Ids are unique although every body has a "Background" heading.
    let mut ids = BTreeMap::new();
    for piece in html.split(" id=\"").skip(1) {
        let id = &piece[..piece.find('"').unwrap()];
        *ids.entry(id.to_string()).or_insert(0) += 1;
    }
    let repeated: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "{repeated:?}");
}

#[test]
fn hostile_markup_in_the_html_is_escaped_or_sanitised() {
    let catalogue = catalogue_with_body(
        "<script>alert(1)</script> & co",
        &format!("{TYPST_BODY}\n<script>alert(2)</script>\n<img src=x onerror=alert(3)>\n"),
    );
    let output = catalogue.run(&[
        "appendix",
        "--catalogue",
        "catalogue",
        "--format",
        "html",
        "--out",
        "-",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script") && !lower.contains("onerror") && !lower.contains("<img"));
}

#[test]
fn the_csv_has_every_case_and_every_field() {
    let (_, cases) = shipped();
    let csv_bytes = appendix_bytes(Path::new("examples-catalogue"), &["--format", "csv"]);
    // Excel on Windows needs the byte-order mark to read å, ä and ø (issue 21).
    assert!(
        csv_bytes.starts_with("\u{feff}id,".as_bytes()),
        "no byte-order mark"
    );
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers, catalogue::export::CSV_COLUMNS.to_vec());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), cases.len());
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for case in &cases {
        let row = rows
            .iter()
            .find(|row| &row[column("title")] == case.title.as_str())
            .unwrap_or_else(|| panic!("no row for {}", case.title));
        assert_eq!(row.len(), headers.len());
        assert_eq!(&row[column("country")], case.country.as_str());
        assert_eq!(row[column("categories")], case.categories.join("; "));
        assert_eq!(row[column("service_areas")], case.service_areas.join("; "));
        assert_eq!(&row[column("cooperation")], case.cooperation.as_str());
        assert_eq!(&row[column("status")], case.status.as_str());
        assert!(!row[column("summary")].is_empty() && !row[column("source_urls")].is_empty());
    }
}

#[test]
fn the_json_has_every_case() {
    let (_, cases) = shipped();
    let json: serde_json::Value = serde_json::from_slice(&appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "json"],
    ))
    .unwrap();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), cases.len());
    for record in records {
        for field in [
            "id",
            "title",
            "summary",
            "municipalities",
            "categories",
            "sources",
            "reviewed",
        ] {
            assert!(!record[field].is_null(), "{field}");
        }
    }
}

#[test]
fn csv_and_json_filter_by_country_and_category() {
    let (_, cases) = shipped();
    let csv_bytes = appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "csv", "--country", "NO", "--country", "dk"],
    );
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let countries: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert_eq!(
        countries.len(),
        cases
            .iter()
            .filter(|c| c.country == "NO" || c.country == "DK")
            .count()
    );
    assert!(countries.iter().all(|c| c == "NO" || c == "DK"));

    let json: serde_json::Value = serde_json::from_slice(&appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "json", "--category", "ai"],
    ))
    .unwrap();
    assert_eq!(
        json.as_array().unwrap().len(),
        cases
            .iter()
            .filter(|c| c.categories.iter().any(|k| k == "ai"))
            .count()
    );
}

#[test]
fn every_format_is_byte_for_byte_deterministic() {
    let formats: &[&str] = if cfg!(feature = "pdf") {
        &["pdf", "html", "csv", "json"]
    } else {
        &["html", "csv", "json"]
    };
    for format in formats {
        let first = appendix_bytes(Path::new("examples-catalogue"), &["--format", format]);
        let second = appendix_bytes(Path::new("examples-catalogue"), &["--format", format]);
        assert!(!first.is_empty());
        assert!(first == second, "two {format} runs differ");
    }
}

#[test]
fn the_default_output_is_appendix_dot_format_and_unknown_filters_are_refused() {
    let catalogue = TestCatalogue::fixture("valid");
    let output = catalogue.run(&["appendix", "--catalogue", "catalogue", "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(catalogue.dir.path().join("appendix.csv").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(catalogue.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let output = catalogue.run(&[
        "appendix",
        "--catalogue",
        "catalogue",
        "--format",
        "csv",
        "--country",
        "XX",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--country XX"), "{}", stderr(&output));
    let output = catalogue.run(&[
        "appendix",
        "--catalogue",
        "catalogue",
        "--format",
        "csv",
        "--category",
        "robots",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("internal, external, ai"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_catalogue_with_errors_gets_no_appendix() {
    let catalogue = TestCatalogue::fixture("valid");
    let valid = std::fs::read_to_string(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    catalogue.write(
        "cases/SE/broken.md",
        valid.replace("status = \"ended\"", "status = \"finished\""),
    );
    for format in ["html", "csv"] {
        let out = catalogue.dir.path().join(format!("out.{format}"));
        let output = appendix(&catalogue.root(), &out, &["--format", format]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(stderr(&output).contains("error["), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("no appendix written"),
            "{}",
            stderr(&output)
        );
        assert!(!out.exists());
    }
}

/// Issue 21: a filtered edition names a country or category of its
/// selection that no case has, instead of leaving the reader to wonder.
#[test]
fn a_selection_says_which_of_its_countries_and_categories_have_no_case() {
    let catalogue = Path::new("examples-catalogue");
    // The Faroe Islands' cases are external digitalisation, none AI.
    let html = String::from_utf8(appendix_bytes(
        catalogue,
        &[
            "--format",
            "html",
            "--country",
            "SE",
            "--country",
            "FO",
            "--category",
            "ai",
        ],
    ))
    .unwrap();
    assert!(
        html.contains("Sweden, Faroe Islands (no matching case) · Digitalisation supported by AI"),
        "{html}"
    );
    let swedish = String::from_utf8(appendix_bytes(
        catalogue,
        &[
            "--format",
            "html",
            "--lang",
            "sv",
            "--country",
            "FO",
            "--category",
            "ai",
            "--category",
            "external",
        ],
    ))
    .unwrap();
    assert!(
        swedish.contains(
            "Färöarna · Extern digitalisering, AI-stödd digitalisering (inget exempel som matchar)"
        ),
        "{swedish}"
    );
    // Where every part of the selection has cases, nothing is marked.
    let all = String::from_utf8(appendix_bytes(
        catalogue,
        &["--format", "html", "--country", "SE"],
    ))
    .unwrap();
    assert!(!all.contains("no matching case"));
}

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

/// Whitespace runs as one space, and quotes straight: the PDF sets
/// typographic quotes where the case files have straight ones.
fn words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['’', '‘', '‚'], "'")
        .replace(['“', '”', '„', '«', '»'], "\"")
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

/// The category a case is described under: the first of its categories
/// in vocabulary order.
fn home(categories: &[(String, String)], case: &CaseFile) -> usize {
    categories
        .iter()
        .position(|(id, _)| case.categories.contains(id))
        .unwrap_or(categories.len())
}

/// Each case's number in the full edition, by title: within its country,
/// by home category (vocabulary order), then by title.
fn expected_numbers(config: &toml::Value, cases: &[CaseFile]) -> BTreeMap<String, String> {
    let categories = vocabulary(config, "categories");
    let mut numbers = BTreeMap::new();
    for (country, _) in vocabulary(config, "countries") {
        let mut of_country: Vec<&CaseFile> = cases.iter().filter(|c| c.country == country).collect();
        of_country.sort_by_key(|case| {
            (
                home(&categories, case),
                catalogue::appendix::document::title_order(&case.title),
            )
        });
        for (n, case) in of_country.iter().enumerate() {
            numbers.insert(case.title.clone(), format!("{country} {}", n + 1));
        }
    }
    numbers
}

/// What the appendix must show, in order: each country heading, each
/// category heading (upper case, as laid out) of a category any of the
/// country's cases has; under it the cases described elsewhere ("Title –
/// see SE 1"), then the numbers and titles of the cases described there:
/// a case is described under the first of its categories in vocabulary
/// order, by title within a category.
fn expected_order(config: &toml::Value, cases: &[CaseFile]) -> Vec<(bool, String)> {
    let categories = vocabulary(config, "categories");
    let numbers = expected_numbers(config, cases);
    let mut sequence = Vec::new();
    for (country, country_label) in vocabulary(config, "countries") {
        let of_country: Vec<&CaseFile> = cases.iter().filter(|c| c.country == country).collect();
        if of_country.is_empty() {
            continue;
        }
        sequence.push((true, country_label));
        for (position, (category, category_label)) in categories.iter().enumerate() {
            let mut described: Vec<&&CaseFile> = of_country
                .iter()
                .filter(|case| home(&categories, case) == position)
                .collect();
            let mut listed: Vec<&&CaseFile> = of_country
                .iter()
                .filter(|case| home(&categories, case) != position && case.categories.contains(category))
                .collect();
            if described.is_empty() && listed.is_empty() {
                continue;
            }
            described.sort_by_key(|case| catalogue::appendix::document::title_order(&case.title));
            listed.sort_by_key(|case| catalogue::appendix::document::title_order(&case.title));
            sequence.push((true, category_label.to_uppercase()));
            sequence.extend(
                listed
                    .iter()
                    .map(|case| (false, format!("{} – see {}", case.title, numbers[&case.title]))),
            );
            sequence.extend(
                described
                    .iter()
                    .map(|case| (false, format!("{} {}", numbers[&case.title], case.title))),
            );
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
    // Every case once in full, and once more for each further category.
    assert_eq!(
        sequence.iter().filter(|(heading, _)| !heading).count(),
        cases.iter().map(|case| case.categories.len()).sum::<usize>()
    );
    assert_in_order(cases_part(&text), &sequence);
    // The contents list every case too, with its number, before the
    // summary; the index of municipalities comes last.
    let contents = &text[..text.find("The cases are grouped by country").unwrap()];
    let numbers = expected_numbers(&config, &cases);
    for case in &cases {
        let entry = format!("{} {}", numbers[&case.title], case.title);
        assert!(
            words(contents).contains(&words(&entry)),
            "{entry} is not in the contents"
        );
    }
    assert!(words(contents).contains("Index of municipalities"));
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_summary_tables_count_what_the_catalogue_holds() {
    let (config, cases) = shipped();
    let text = shipped_pdf_text();
    let start = text.find("Summary\n").expect("a summary");
    // The summary ends where the first case begins.
    let end = start + text[start..].find("Permanent id").expect("a case");
    let summary = words(&text[start..end]);
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
    // A case with several service areas is counted in each of their rows,
    // and the table says so.
    assert!(
        count(&|c| c.service_areas.len() > 1) > 0,
        "a shipped case has several areas"
    );
    assert!(
        summary.contains("A case that serves several areas is counted under each of them"),
        "no note under the service-area table in {summary}"
    );
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

/// Whether a PDF claims PDF/UA-1 in its metadata.
#[cfg(feature = "pdf")]
fn claims_pdf_ua(pdf: &[u8]) -> bool {
    pdf.windows(30).any(|w| w == b"<pdfuaid:part>1</pdfuaid:part>")
}

/// The PDF is PDF/UA-1 as typst checks it, also when a contributor skips
/// heading levels or leaves a heading empty (the tree closes the gaps and
/// keeps a wordless heading's content as a paragraph); a character no font
/// has makes it a tagged PDF without the claim, with a warning, never no
/// appendix.
#[cfg(feature = "pdf")]
#[test]
fn the_pdf_is_pdf_ua_1_unless_a_character_has_no_font_and_then_says_why() {
    let shipped = appendix_bytes(Path::new("examples-catalogue"), &[]);
    assert!(claims_pdf_ua(&shipped), "the shipped appendix is PDF/UA-1");

    let body = "Intro.\n\n#### Deep under nothing\n\nText.\n\n#\n\n## [^1]\n\n###### Deeper still\n\nMore.\n\n[^1]: A note.\n";
    let catalogue = catalogue_with_body("Headings", body);
    let output = appendix(&catalogue.root(), Path::new("-"), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(claims_pdf_ua(&output.stdout), "{}", stderr(&output));
    assert!(!stderr(&output).contains("not PDF/UA-1"), "{}", stderr(&output));

    let catalogue = catalogue_with_body("Glyphs", "A smile 😀 and 中文.\n");
    let output = appendix(&catalogue.root(), Path::new("-"), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.starts_with(b"%PDF"));
    assert!(!claims_pdf_ua(&output.stdout));
    let said = stderr(&output);
    assert!(
        said.contains("warning: the PDF is tagged but not PDF/UA-1"),
        "{said}"
    );
    assert!(said.contains("could not be displayed"), "{said}");
}

/// The PDF opens with the bookmarks panel showing, and its
/// cross-reference table still points at every object: a reader that
/// trusts the table (rather than repairing the file) finds each one.
#[cfg(feature = "pdf")]
#[test]
fn the_pdf_opens_with_its_bookmarks_and_every_object_where_the_table_says() {
    let pdf = appendix_bytes(Path::new("examples-catalogue"), &[]);
    assert!(claims_pdf_ua(&pdf));
    let text = String::from_utf8_lossy(&pdf);
    assert_eq!(text.matches("/Type/Catalog").count(), 1);
    assert!(text.contains("/Type/Catalog/PageMode/UseOutlines"));
    assert!(text.contains("/Outlines "));
    // Offsets count bytes: the table and what follows it are ASCII.
    let marker = b"startxref\n";
    let at = pdf.windows(marker.len()).rposition(|w| w == marker).unwrap();
    let tail = String::from_utf8_lossy(&pdf[at + marker.len()..]);
    let xref: usize = tail.lines().next().unwrap().parse().unwrap();
    let table = String::from_utf8_lossy(&pdf[xref..]);
    assert!(
        table.starts_with("xref\n"),
        "startxref points at {:?}",
        &table[..20]
    );
    let mut lines = table.lines().skip(1);
    let header: Vec<usize> = lines
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    let (first, count) = (header[0], header[1]);
    assert!(count > 100);
    for (number, line) in (first..first + count).zip(lines) {
        if !line.ends_with(" n") {
            continue;
        }
        let offset: usize = line[..10].parse().unwrap();
        assert!(
            pdf[offset..].starts_with(format!("{number} 0 obj").as_bytes()),
            "object {number} is not at {offset}"
        );
    }
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
    // Numbered within this edition.
    sequence.extend(
        titles
            .into_iter()
            .enumerate()
            .map(|(n, t)| (false, format!("SE {} {t}", n + 1))),
    );
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
    // The chart's patterns are `url(#id)`: in the page, not loaded.
    let lower = html.to_lowercase().replace("url(#", "#");
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
    // The open data's columns, and the case number last.
    let mut expected = catalogue::export::CSV_COLUMNS.to_vec();
    expected.push("number");
    assert_eq!(headers, expected);
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
fn the_csv_can_leave_out_its_byte_order_mark() {
    let with = appendix_bytes(Path::new("examples-catalogue"), &["--format", "csv"]);
    let without = appendix_bytes(Path::new("examples-catalogue"), &["--format", "csv", "--no-bom"]);
    assert!(without.starts_with(b"id,"), "{:?}", &without[..8]);
    assert_eq!(&with[3..], without.as_slice());
}

/// The text of one part of a zip file (an XLSX or DOCX).
fn zip_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_xlsx_holds_the_csv_table_with_a_bold_frozen_header() {
    use calamine::Reader as _;
    let catalogue = Path::new("examples-catalogue");
    let csv_bytes = appendix_bytes(catalogue, &["--format", "csv"]);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv_bytes[3..]);
    let csv_rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let xlsx = appendix_bytes(catalogue, &["--format", "xlsx"]);
    assert!(xlsx.starts_with(b"PK"));
    let mut workbook =
        calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(xlsx.clone())).unwrap();
    assert_eq!(workbook.sheet_names(), ["Cases"]);
    let range = workbook.worksheet_range("Cases").unwrap();
    let xlsx_rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            let mut cells: Vec<String> = row.iter().map(|cell| cell.to_string()).collect();
            // The CSV writes an empty last field; the sheet has no cell.
            cells.resize(csv_rows[0].len(), String::new());
            cells
        })
        .collect();
    assert_eq!(xlsx_rows, csv_rows);
    // Nordic letters survive, and a leading zero of a code too (text cells).
    let all: String = xlsx_rows.concat().concat();
    assert!(all.contains('å') && all.contains('ø'), "no Nordic letters");
    let sheet = zip_part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#),
        "{sheet}"
    );
    assert!(sheet.contains("<autoFilter"), "no filter on the header");
    assert!(sheet.contains("<col "), "no column widths");
    let styles = zip_part(&xlsx, "xl/styles.xml");
    assert!(styles.contains("<b/>"), "no bold font");
    // The creation date is the edition's (the newest review), not today.
    let reviewed = csv_rows[0].iter().position(|h| h == "reviewed").unwrap();
    let newest = csv_rows[1..]
        .iter()
        .map(|row| row[reviewed].clone())
        .max()
        .unwrap();
    let core = zip_part(&xlsx, "docProps/core.xml");
    assert!(
        core.contains(&format!(">{newest}T00:00:00Z</dcterms:created>")),
        "{core}"
    );

    // In Swedish, the sheet is named in Swedish; a filter that finds
    // nothing for a country says so in the properties.
    let swedish = appendix_bytes(
        catalogue,
        &[
            "--format",
            "xlsx",
            "--lang",
            "sv",
            "--country",
            "SE",
            "--country",
            "FO",
            "--category",
            "ai",
        ],
    );
    let mut workbook =
        calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(swedish.clone()))
            .unwrap();
    assert_eq!(workbook.sheet_names(), ["Exempel"]);
    assert!(workbook.worksheet_range("Exempel").unwrap().height() > 1);
    let core = zip_part(&swedish, "docProps/core.xml");
    assert!(core.contains("Färöarna (inget exempel som matchar)"), "{core}");
}

/// Straight quotes for typographic ones, so that a title printed with
/// typographic quotes compares with the title as written.
fn straight(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '‘' | '’' | '‚' | '‹' | '›' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            c => c,
        })
        .collect()
}

/// The text of every paragraph of a WordprocessingML part, with its style.
fn docx_paragraphs(xml: &str) -> Vec<(String, String)> {
    let document = roxmltree::Document::parse(xml).unwrap();
    document
        .descendants()
        .filter(|node| node.has_tag_name("p"))
        .map(|p| {
            let style = p
                .descendants()
                .find(|node| node.has_tag_name("pStyle"))
                .and_then(|node| {
                    node.attributes()
                        .find(|a| a.name() == "val")
                        .map(|a| a.value().to_string())
                })
                .unwrap_or_default();
            let text: String = p
                .descendants()
                .filter(|node| node.has_tag_name("t"))
                .filter_map(|node| node.text())
                .collect();
            (style, text)
        })
        .collect()
}

#[test]
fn the_docx_has_every_case_in_order_in_named_styles() {
    let catalogue = Path::new("examples-catalogue");
    let csv_bytes = appendix_bytes(catalogue, &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let expected: Vec<String> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            format!("{} {}", &r[column("number")], &r[column("title")])
        })
        .collect();
    let docx = appendix_bytes(catalogue, &["--format", "docx"]);
    assert!(docx.starts_with(b"PK"));
    let xml = zip_part(&docx, "word/document.xml");
    let paragraphs = docx_paragraphs(&xml);
    let titles: Vec<String> = paragraphs
        .iter()
        .filter(|(style, _)| style == "CaseTitle")
        .map(|(_, text)| straight(text))
        .collect();
    assert_eq!(titles, expected);
    // Countries, categories and the front and back sections are headings.
    let headings = |level: &str| -> Vec<&str> {
        paragraphs
            .iter()
            .filter(|(style, _)| style == level)
            .map(|(_, text)| text.as_str())
            .collect()
    };
    let (config, cases) = shipped();
    let mut expected_headings: Vec<String> = ["Colophon", "About this appendix", "Summary"]
        .map(String::from)
        .to_vec();
    expected_headings.extend(
        vocabulary(&config, "countries")
            .into_iter()
            .filter(|(id, _)| cases.iter().any(|case| &case.country == id))
            .map(|(_, label)| label),
    );
    // The second part, the research mapping, follows the cases.
    expected_headings.push("Research mapping".to_string());
    expected_headings.push("Bibliography".to_string());
    expected_headings.push("Index of municipalities".to_string());
    expected_headings.push("Sources of the municipality register".to_string());
    assert_eq!(headings("Heading1"), expected_headings);
    // The front and back matter of the PDF: the publisher on the title
    // page, the suggested citation, and each register source with the day
    // it was last checked.
    let texts: Vec<&str> = paragraphs.iter().map(|(_, text)| text.as_str()).collect();
    assert!(texts.contains(&"Nordic Welfare Centre"), "no publisher");
    assert!(
        texts
            .iter()
            .any(|text| text.starts_with("Suggested citation: Nordic Welfare Centre")),
        "no citation in {texts:?}"
    );
    assert!(
        texts
            .iter()
            .filter(|text| text.starts_with("Last checked: "))
            .count()
            > 10
    );
    assert!(headings("Heading2").contains(&"Digitalisation supported by AI"));
    assert!(headings("Heading4").contains(&"Sources"));
    // One facts table per case, and styles a Word template can restyle.
    assert_eq!(
        xml.matches(r#"<w:tblStyle w:val="FactsTable"/>"#).count(),
        expected.len()
    );
    let styles = zip_part(&docx, "word/styles.xml");
    for name in [
        "heading 1",
        "heading 2",
        "heading 3",
        "Case title",
        "Facts table",
        "Summary table",
    ] {
        assert!(
            styles.contains(&format!(r#"<w:name w:val="{name}"/>"#)),
            "no style {name}"
        );
    }
    // Every part is well-formed XML; links and footnotes have their parts.
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
        "word/_rels/footnotes.xml.rels",
        "word/settings.xml",
    ] {
        roxmltree::Document::parse(&zip_part(&docx, part)).unwrap();
    }
    let rels = zip_part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"TargetMode="External""#));
    for id in xml
        .split(r#"<w:hyperlink r:id=""#)
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
    {
        assert!(rels.contains(&format!(r#"Id="{id}""#)), "no relationship {id}");
    }
}

#[test]
fn a_docx_body_keeps_its_lists_tables_notes_and_links() {
    let catalogue = catalogue_with_body(
        "Notes & <lists>",
        "## Background\n\nText with a note[^1] and [a link](https://example.org/a?b=1&c=2).\n\n\
         1. one\n2. two\n   - inner\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n\
         ## Results and effects\n\nText.\n\n## Lessons learned\n\nText.\n\n\
         [^1]: The note's text, [linked](https://example.org/note).\n",
    );
    let output = catalogue.run(&[
        "appendix",
        "--catalogue",
        "catalogue",
        "--format",
        "docx",
        "--out",
        "-",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let docx = output.stdout;
    let xml = zip_part(&docx, "word/document.xml");
    let paragraphs = docx_paragraphs(&xml);
    // The paragraphs of this case: from its title to the next case's.
    let start = paragraphs
        .iter()
        .position(|(style, text)| style == "CaseTitle" && text.ends_with("Notes & <lists>"))
        .unwrap();
    let end = paragraphs[start + 1..]
        .iter()
        .position(|(style, _)| style == "CaseTitle" || style == "Heading1")
        .map_or(paragraphs.len(), |n| start + 1 + n);
    let paragraphs = &paragraphs[start..end];
    let styled = |style: &str| -> Vec<String> {
        paragraphs
            .iter()
            .filter(|(s, _)| s == style)
            .map(|(_, t)| t.clone())
            .collect()
    };
    assert_eq!(
        styled("Heading4"),
        ["Background", "Results and effects", "Lessons learned", "Sources"]
    );
    assert_eq!(styled("ListNumber"), ["one", "two"]);
    assert_eq!(styled("ListBullet"), ["inner"]);
    assert_eq!(styled("Quote"), ["quoted"]);
    assert!(xml.contains(r#"<w:tblStyle w:val="BodyTable"/>"#));
    assert!(xml.contains(r#"<w:footnoteReference w:id="1"/>"#));
    let notes = zip_part(&docx, "word/footnotes.xml");
    assert!(notes.contains("The note’s text, "), "{notes}");
    // A link in a note is a relationship of the notes' part.
    let note_rels = zip_part(&docx, "word/_rels/footnotes.xml.rels");
    assert!(
        note_rels.contains(r#"Target="https://example.org/note""#),
        "{note_rels}"
    );
    assert!(notes.contains(r#"<w:hyperlink r:id="note-link1">"#), "{notes}");
    let rels = zip_part(&docx, "word/_rels/document.xml.rels");
    assert!(
        rels.contains(r#"Target="https://example.org/a?b=1&amp;c=2""#),
        "{rels}"
    );
}

#[test]
fn the_command_names_the_filters_that_found_nothing() {
    let output = appendix(
        Path::new("examples-catalogue"),
        Path::new("-"),
        &[
            "--format",
            "csv",
            "--country",
            "SE",
            "--country",
            "FO",
            "--category",
            "ai",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no case matched Faroe Islands\n"),
        "{}",
        stderr(&output)
    );
    let output = appendix(
        Path::new("examples-catalogue"),
        Path::new("-"),
        &["--format", "csv", "--country", "SE"],
    );
    assert!(
        !stderr(&output).contains("no case matched"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn every_format_is_byte_for_byte_deterministic() {
    let formats: &[&str] = if cfg!(feature = "pdf") {
        &["pdf", "html", "csv", "json", "xlsx", "docx"]
    } else {
        &["html", "csv", "json", "xlsx", "docx"]
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

// --- Case numbers, sections and the index (issue 21) ----------------------------

/// A category section of the HTML edition: its label, the numbers of the
/// cases described there and of the cases listed there.
type Section = (String, Vec<String>, Vec<String>);

/// The HTML edition's country sections: each country's label and category
/// sections.
fn html_sections(html: &str) -> Vec<(String, Vec<Section>)> {
    let between = |text: &str, start: &str, end: &str| -> String {
        let from = text.find(start).map(|i| i + start.len()).unwrap_or(text.len());
        let rest = &text[from..];
        rest[..rest.find(end).unwrap_or(rest.len())].to_string()
    };
    let main = &html[..html.find("<section class=\"index\"").unwrap_or(html.len())];
    main.split("<section class=\"country\"")
        .skip(1)
        .map(|country| {
            let label = between(&country[country.find("<h2 ").unwrap_or(0)..], "\">", "</h2>");
            let categories = country
                .split("<section class=\"category\">")
                .skip(1)
                .map(|category| {
                    let described = category
                        .split("<h4 ")
                        .skip(1)
                        .map(|h4| between(h4, "<span class=\"number\">", "</span>"))
                        .collect();
                    let listed = between(category, "<div class=\"see-also\">", "</div>")
                        .split("class=\"number\">")
                        .skip(1)
                        .map(|piece| piece[..piece.find('<').unwrap()].to_string())
                        .collect();
                    (between(category, "<h3>", "</h3>"), described, listed)
                })
                .collect();
            (label, categories)
        })
        .collect()
}

/// Every category a case has shows it: in full under the first, by its
/// number under the others; so the full edition has an AI section, and
/// it holds the same cases as the edition of AI cases alone.
#[test]
fn every_category_of_a_case_has_it_in_every_edition() {
    let (config, cases) = shipped();
    let numbers = expected_numbers(&config, &cases);
    let categories = vocabulary(&config, "categories");
    let countries = vocabulary(&config, "countries");
    let html = String::from_utf8(appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "html"],
    ))
    .unwrap();
    let sections = html_sections(&html);
    for case in &cases {
        let country = &countries.iter().find(|(id, _)| *id == case.country).unwrap().1;
        let (_, of_country) = sections.iter().find(|(label, _)| label == country).unwrap();
        let number = &numbers[&case.title];
        for (position, (category, label)) in categories.iter().enumerate() {
            let section = of_country.iter().find(|(l, _, _)| l == label);
            let described = section.is_some_and(|(_, d, _)| d.contains(number));
            let listed = section.is_some_and(|(_, _, l)| l.contains(number));
            let has = case.categories.contains(category);
            assert_eq!(
                described,
                has && home(&categories, case) == position,
                "{number} {} under {label}",
                case.title
            );
            assert_eq!(
                listed,
                has && home(&categories, case) != position,
                "{number} {} listed under {label}",
                case.title
            );
        }
    }
    assert!(
        sections
            .iter()
            .any(|(_, c)| c.iter().any(|(label, _, _)| label == &categories[2].1)),
        "no AI section"
    );

    // The edition of AI cases: the same cases per country as the full
    // edition's AI sections, all described there.
    let ai = String::from_utf8(appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "html", "--category", "ai"],
    ))
    .unwrap();
    let titles_of = |html: &str, country: &str, section: &str| -> Vec<String> {
        let part = &html[html.find(&format!("-title\">{country}</h2>")).unwrap()..];
        let part = &part[..part.find("<section class=\"country\"").unwrap_or(part.len())];
        let part = &part[part.find(&format!("<h3>{section}</h3>")).unwrap() + 4..];
        // Up to the next category's or section's heading.
        let end = [part.find("<h3>"), part.find("<h2 ")].into_iter().flatten().min();
        let part = &part[..end.unwrap_or(part.len())];
        let mut titles: Vec<String> = cases
            .iter()
            .filter(|case| part.contains(&html_escape(&case.title)))
            .map(|case| case.title.clone())
            .collect();
        titles.sort();
        titles
    };
    let ai_label = &categories[2].1;
    for (country_label, of_country) in html_sections(&ai) {
        assert_eq!(of_country.len(), 1, "{country_label}");
        assert!(
            of_country[0].2.is_empty(),
            "{country_label}: a reference in a one-category edition"
        );
        assert_eq!(
            titles_of(&ai, &country_label, ai_label),
            titles_of(&html, &country_label, ai_label),
            "{country_label}"
        );
    }
}

/// The CSV's case numbers are the numbers printed, and its rows come in
/// the printed order.
#[test]
fn the_csv_numbers_the_cases_as_the_appendix_does() {
    let (config, cases) = shipped();
    let numbers = expected_numbers(&config, &cases);
    let csv_bytes = appendix_bytes(Path::new("examples-catalogue"), &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let title = headers.iter().position(|h| h == "title").unwrap();
    let number = headers.iter().position(|h| h == "number").unwrap();
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[title].to_string(), r[number].to_string())
        })
        .collect();
    assert_eq!(rows.len(), cases.len());
    for (title, number) in &rows {
        assert_eq!(&numbers[title], number, "{title}");
    }
    let html = String::from_utf8(appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "html"],
    ))
    .unwrap();
    let printed: Vec<String> = html_sections(&html)
        .into_iter()
        .flat_map(|(_, categories)| categories.into_iter().flat_map(|(_, described, _)| described))
        .collect();
    let listed: Vec<String> = rows.iter().map(|(_, number)| number.clone()).collect();
    assert_eq!(listed, printed);
    // The JSON says the same.
    let json: serde_json::Value = serde_json::from_slice(&appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "json"],
    ))
    .unwrap();
    let from_json: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(from_json, printed);
}

/// The index lists each municipality a case names, with the case's
/// number; a filtered edition's index only its own cases.
#[test]
fn the_index_of_municipalities_points_to_the_cases() {
    let html = String::from_utf8(appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "html"],
    ))
    .unwrap();
    let index = &html[html.find("<section class=\"index\"").expect("an index")..];
    let line_of = |name: &str| -> &str {
        let start = index
            .find(&format!("<li>{name} "))
            .unwrap_or_else(|| panic!("{name} not in the index"));
        &index[start..start + index[start..].find("</li>").unwrap()]
    };
    // Sundsvall takes part in two Swedish cases, Ånge in one of them.
    let sundsvall = line_of("Sundsvall");
    assert!(
        sundsvall.contains(">SE 1<") && sundsvall.contains(">SE 2<"),
        "{sundsvall}"
    );
    assert!(line_of("Ånge").contains(">SE 2<"));
    // Åsele is covered through the body of the digital colleague, in italics.
    assert!(
        line_of("Åsele").contains("<i><a href=\"#case-"),
        "{}",
        line_of("Åsele")
    );
    let norway = String::from_utf8(appendix_bytes(
        Path::new("examples-catalogue"),
        &["--format", "html", "--country", "NO"],
    ))
    .unwrap();
    let index = &norway[norway.find("<section class=\"index\"").unwrap()..];
    assert!(index.contains("<li>Molde ") && !index.contains("Sundsvall"));
}

// --- Page layout (issue 21) ----------------------------------------------------------

/// A page of a PDF: its running header and its words below the header.
#[cfg(feature = "pdf")]
struct PageText {
    header: String,
    /// The lowest word's foot, as a share of the text area (0 at the top
    /// margin, 1 at the bottom margin).
    fill: f64,
    words: Vec<String>,
}

/// Every page of a PDF, read with `pdftotext -bbox` (word boxes in points
/// from the top of an A4 page; the template's margins are 30 mm at the top
/// and 27 mm at the bottom, the running header above the top margin).
#[cfg(feature = "pdf")]
fn pages(pdf: &Path) -> Vec<PageText> {
    let output = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    let mm = 72.0 / 25.4;
    let (top, bottom) = (30.0 * mm, 842.0 - 27.0 * mm);
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..start + tag[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    text.split("<page ")
        .skip(1)
        .map(|page| {
            let mut header = Vec::new();
            let mut words = Vec::new();
            let mut lowest: f64 = top;
            for piece in page.split("<word ").skip(1) {
                let (tag, rest) = piece.split_once('>').unwrap();
                let word = rest[..rest.find("</word>").unwrap()].to_string();
                let (y_min, y_max) = (attribute(tag, "yMin"), attribute(tag, "yMax"));
                if y_max < top {
                    header.push(word);
                } else if y_min >= top - 2.0 {
                    lowest = lowest.max(y_max);
                    words.push(word);
                }
            }
            // The header's last words are the page number.
            let header = header.join(" ");
            let header = header[..header.rfind(" Page ").unwrap_or(header.len())].to_string();
            PageText {
                header,
                fill: (lowest - top) / (bottom - top),
                words,
            }
        })
        .collect()
}

/// Cases follow each other: a page is at least half filled unless it is
/// the last of its section (contents, summary, a country, the index), and
/// no page ends with the heading of the sources.
#[cfg(feature = "pdf")]
#[test]
fn the_pages_of_the_pdf_are_filled() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("appendix.pdf");
    let output = appendix(Path::new("examples-catalogue"), &pdf, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pages = pages(&pdf);
    assert!(pages.len() > 20, "{} pages", pages.len());
    // The title page has no running header; every other page has one.
    for (number, page) in pages.iter().enumerate().skip(1) {
        let section_end = pages
            .get(number + 1)
            .is_none_or(|next| next.header != page.header);
        assert!(
            page.fill >= 0.5 || section_end,
            "page {} ({}) is {:.0} % filled: {:?}",
            number + 1,
            page.header,
            page.fill * 100.0,
            page.words
        );
        assert_ne!(
            page.words.last().map(String::as_str),
            Some("Sources"),
            "page {}",
            number + 1
        );
    }
    // Cases follow each other: many start below the end of the one before
    // (their permanent id far from the top of the page).
    let following = pages
        .iter()
        .filter(|page| page.words.iter().skip(40).any(|w| w == "Permanent"))
        .count();
    assert!(following > 5, "only {following} cases start below another");
    // The front sections and the index have their own running headers.
    for header in ["C O N T E N T S", "S U M M A RY", "I N D E X"] {
        let compact = |text: &str| text.replace(' ', "");
        assert!(
            pages
                .iter()
                .any(|page| compact(&page.header).starts_with(&compact(header))),
            "{header}: {:?}",
            pages.iter().map(|p| &p.header).collect::<Vec<_>>()
        );
    }
}

// --- Typography and table structure (issue 21) ------------------------------------

/// Typographic quotes in each text's language; the sources' heading in
/// the body's language; a URL never leaves a lone "/" on a line; the facts
/// and summary tables have row headers in the PDF's structure.
#[cfg(feature = "pdf")]
#[test]
fn the_pdf_sets_quotes_headings_addresses_and_table_headers_properly() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("appendix.pdf");
    let output = appendix(Path::new("examples-catalogue"), &pdf, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = pdf_text(&pdf);
    // English apostrophes and quotes; no straight ones outside addresses.
    assert!(text.contains("Skaraborg’s") && text.contains("“reinventing the wheel”"));
    let prose: String = text
        .lines()
        .filter(|line| !line.contains("://") && !line.contains("www."))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!prose.contains('"'), "a straight double quote");
    // Swedish and Norwegian bodies: their own heading for the sources.
    assert!(
        text.contains("\nKällor\n") || text.contains("Källor\n"),
        "no Swedish heading"
    );
    assert!(text.contains("Kilder\n"), "no Norwegian heading");
    assert!(text.contains("Sources\n"));
    for line in text.lines() {
        assert_ne!(line.trim(), "/", "a lone slash");
    }
    // Row headers: each fact's label, each summary row's first cell.
    let structure = std::process::Command::new("pdfinfo")
        .arg("-struct")
        .arg(&pdf)
        .output()
        .unwrap();
    // pdfinfo prints some names in UTF-16; only ASCII is looked for here.
    let structure = String::from_utf8_lossy(&structure.stdout);
    let (_, cases) = shipped();
    let row_headers = structure.matches("/Scope /Row").count();
    assert!(row_headers >= 7 * cases.len(), "{row_headers} row headers");
    assert!(structure.matches("/Scope /Column").count() > 10);
}

/// A period in the same format as the review date, in the edition's
/// language; the heading of the sources in the body's language, English
/// for a language the appendix has no words in.
#[test]
fn dates_and_the_sources_heading_follow_the_languages() {
    let catalogue = TestCatalogue::fixture("valid");
    let html = |catalogue: &TestCatalogue, lang: &str| {
        let output = catalogue.run(&[
            "appendix",
            "--catalogue",
            "catalogue",
            "--format",
            "html",
            "--lang",
            lang,
            "--out",
            "-",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    let english = html(&catalogue, "en");
    assert!(
        english.contains("<td>7 January 2021 – 30 June 2023</td>"),
        "{english}"
    );
    assert!(english.contains("<h5 lang=\"en\">Sources</h5>"));
    let swedish = html(&catalogue, "sv");
    assert!(swedish.contains("<td>7 januari 2021 – 30 juni 2023</td>"));
    // The body's language decides the heading, not the edition's.
    assert!(swedish.contains("<h5 lang=\"en\">Sources</h5>"));

    let path = catalogue.root().join("cases/SE/digital-colleague.md");
    let file = std::fs::read_to_string(&path).unwrap();
    catalogue.write(
        "cases/SE/digital-colleague.md",
        file.replacen("language = \"en\"", "language = \"sv\"", 1),
    );
    assert!(html(&catalogue, "en").contains("<h5 lang=\"sv\">Källor</h5>"));
}

// --- Front and back matter (issue 21) ----------------------------------------------

/// The shipped register's sources as its `sources.csv` lists them: (key,
/// checked).
fn register_sources() -> Vec<(String, String)> {
    let mut reader =
        csv::Reader::from_path(repository().join("examples-catalogue/register/sources.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (key, checked) = (column("key"), column("checked"));
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            (record[key].to_string(), record[checked].to_string())
        })
        .collect()
}

/// The title page names the title, the publisher and the date once; its
/// back is the colophon with the publisher, year, suggested citation and
/// what generated the file; "About this appendix" says how cases are
/// collected, checked and reviewed and what "documented" means; the
/// register's sources close the appendix with their licences and the day
/// each was last checked.
#[cfg(feature = "pdf")]
#[test]
fn the_pdf_has_a_title_page_colophon_method_note_and_the_registers_sources() {
    let text = shipped_pdf_text();
    let pages: Vec<String> = text.split('\u{c}').map(words).collect();
    let title_page = &pages[0];
    assert!(
        title_page.starts_with("REPORT APPENDIX Nordic good examples: municipal co-")
            && title_page.contains("operation in social services with digital support Good examples of how"),
        "{title_page}"
    );
    // The publisher, beside the description that names it too.
    assert_eq!(
        title_page.matches("Nordic Welfare Centre").count(),
        2,
        "{title_page}"
    );
    // The date once: the edition is not the month of that date again.
    let date = title_page
        .split("Date ")
        .nth(1)
        .expect("a date on the title page")
        .split(" Cases")
        .next()
        .unwrap()
        .to_string();
    assert!(date.ends_with("2026"), "{date}");
    assert_eq!(title_page.matches("2026").count(), 1, "{title_page}");
    assert!(!title_page.contains("Edition"), "{title_page}");

    let colophon = &pages[1];
    let compact = colophon.replace(' ', "");
    assert!(compact.contains("COLOPHON"), "{colophon}");
    assert!(colophon.contains("Publisher Nordic Welfare Centre"), "{colophon}");
    assert!(colophon.contains("Year 2026"), "{colophon}");
    assert!(
        colophon.contains(
            "Suggested citation Nordic Welfare Centre (2026). Nordic good examples: municipal co-operation in social services with digital support."
        ),
        "{colophon}"
    );
    assert!(
        colophon.contains(&format!(
            "Generated with catalogue {} from the catalogue's case files.",
            env!("CARGO_PKG_VERSION")
        )),
        "{colophon}"
    );
    // No licence, ISBN or ISSN is set for the example catalogue, so none is
    // printed (none is invented).
    for absent in ["Licence", "ISBN", "ISSN"] {
        assert!(!colophon.contains(absent), "{absent}: {colophon}");
    }

    let method = pages
        .iter()
        .find(|page| page.contains("About this appendix") && page.contains("pull requests"))
        .expect("a page with the method note");
    for said in [
        "national representatives of each Nordic country",
        "checked by catalogue check",
        "only from a catalogue without errors",
        "\"Last reviewed\" under a case is the day its national representative last checked it",
        "Every case is a documented one: each fact comes from a public source the case cites",
        "Its sources, their licences and the day each was last checked are listed at the end",
    ] {
        assert!(method.contains(said), "{said}: {method}");
    }

    // The register's sources come last, every one with its key and the
    // day it was last checked.
    let whole = words(&text);
    let start = whole
        .rfind("Sources of the municipality register")
        .expect("the register's sources");
    assert!(start > whole.rfind("Index of municipalities").unwrap());
    let back = &whole[start..];
    let sources = register_sources();
    assert!(sources.len() > 20, "{sources:?}");
    let mut at = 0;
    for (key, checked) in &sources {
        let found = back[at..]
            .find(&format!("{key} "))
            .unwrap_or_else(|| panic!("{key} missing or out of order"));
        at += found;
        assert_eq!(checked, "2026-11-29");
    }
    assert_eq!(
        back.matches("Last checked: 29 November 2026").count(),
        sources.len(),
        "{back}"
    );
    assert!(back.contains("Licence: CC0 1.0"), "{back}");
    assert!(back.contains("Licence: Kartverket data, CC BY 4.0"), "{back}");
}

/// The settings of `[appendix]`, all given: the title page shows the
/// edition and (a year other than the date's) the year; the colophon every
/// one of them, the licence as a link; in PDF and HTML alike, and in the
/// chosen language.
#[test]
fn appendix_settings_reach_the_title_page_and_colophon() {
    let catalogue = TestCatalogue::fixture("valid");
    let config = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
    catalogue.write(
        "catalogue.toml",
        format!(
            "{config}\n[appendix]\ntitle = \"Good examples\"\nsubtitle = \"Appendix to the Nordic report\"\npublisher = \"Nordens välfärdscenter\"\nedition = \"Second edition\"\nyear = 2031\nisbn = \"978-3-16-148410-0\"\nissn = \"0317-8471\"\nlicence = \"CC BY 4.0\"\nlicence_url = \"https://creativecommons.org/licenses/by/4.0/\"\n"
        ),
    );
    let citation = "Nordens välfärdscenter (2031). Good examples: Appendix to the Nordic report. Second edition. ISBN 978-3-16-148410-0. ISSN 0317-8471.";
    let html = String::from_utf8(appendix_bytes(&catalogue.root(), &["--format", "html"])).unwrap();
    for shown in [
        "<title>Good examples – Report appendix</title>",
        "<p class=\"publisher\">Nordens välfärdscenter</p>",
        "<dt>Edition</dt><dd>Second edition</dd><dt>Year</dt><dd>2031</dd>",
        "<dt>ISBN</dt><dd>978-3-16-148410-0</dd><dt>ISSN</dt><dd>0317-8471</dd>",
        "<dt>Licence</dt><dd><a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a></dd>",
        &format!("<dt>Suggested citation</dt><dd>{}</dd>", html_escape(citation)),
        "<h2 id=\"method\">About this appendix</h2>",
    ] {
        assert!(html.contains(shown), "{shown}\n{html}");
    }
    // Without register/sources.csv there is no list of them, and the
    // method note does not promise one.
    assert!(!html.contains("id=\"register-sources\""), "{html}");
    assert!(!html.contains("listed at the end"), "{html}");

    // A citation of one's own replaces the one made of the settings.
    let config = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
    catalogue.write(
        "catalogue.toml",
        format!("{config}citation = \"NVC 2031, Good examples\"\n"),
    );
    let html = String::from_utf8(appendix_bytes(
        &catalogue.root(),
        &["--format", "html", "--lang", "sv"],
    ))
    .unwrap();
    assert!(
        html.contains("<dt>Föreslagen referens</dt><dd>NVC 2031, Good examples</dd>"),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"method\">Om bilagan</h2>"), "{html}");

    #[cfg(feature = "pdf")]
    {
        let pdf = catalogue.dir.path().join("appendix.pdf");
        let output = appendix(&catalogue.root(), &pdf, &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = pdf_text(&pdf);
        let pages: Vec<String> = text.split('\u{c}').map(words).collect();
        assert!(pages[0].contains("Good examples"), "{}", pages[0]);
        assert!(pages[0].contains("Appendix to the Nordic report"), "{}", pages[0]);
        assert!(
            pages[0].contains("Edition Second edition Year 2031"),
            "{}",
            pages[0]
        );
        for shown in [
            "Publisher Nordens välfärdscenter",
            "Year 2031",
            "ISBN 978-3-16-148410-0",
            "ISSN 0317-8471",
            "Licence CC BY 4.0",
            "Suggested citation NVC 2031, Good examples",
        ] {
            assert!(pages[1].contains(shown), "{shown}: {}", pages[1]);
        }
    }
}

/// A bad `[appendix]` value is an error at its line and column, and no
/// appendix is written.
#[test]
fn a_bad_appendix_setting_is_reported_at_its_place() {
    let catalogue = TestCatalogue::fixture("valid");
    let config = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
    let line = config.lines().count() + 3;
    catalogue.write(
        "catalogue.toml",
        format!("{config}\n[appendix]\nisbn = \"978-3-16-148410-1\"\n"),
    );
    let out = catalogue.dir.path().join("out.html");
    let output = appendix(&catalogue.root(), &out, &["--format", "html"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let error = stderr(&output);
    assert!(
        error.contains("error[E0012]: isbn \"978-3-16-148410-1\" has a wrong check digit"),
        "{error}"
    );
    assert!(error.contains(&format!("catalogue.toml:{line}:8")), "{error}");
    assert!(!out.exists());
}

// --- Figures: the bar chart and the map ---------------------------------------

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &text[from..from + to]
}

/// The bars the chart should have, read from the case files: for each
/// country with cases (vocabulary order), the number of its cases in each
/// category (vocabulary order; a case with several categories counts in
/// each); and the same in words, as the text alternative says it.
fn expected_bars(config: &toml::Value, cases: &[CaseFile]) -> (Vec<String>, String) {
    let categories = vocabulary(config, "categories");
    let mut bars = Vec::new();
    let mut described = Vec::new();
    for (country, label) in vocabulary(config, "countries") {
        let of_country: Vec<&CaseFile> = cases.iter().filter(|case| case.country == country).collect();
        if of_country.is_empty() {
            continue;
        }
        let mut words = Vec::new();
        for (term, category) in &categories {
            let n = of_country
                .iter()
                .filter(|case| case.categories.contains(term))
                .count();
            bars.push(n.to_string());
            words.push(format!("{category} {n}"));
        }
        described.push(format!("{label}: {}", words.join(", ")));
    }
    (bars, described.join("; "))
}

/// The municipalities the cases of an edition name as taking part (from
/// its open data), and how many of them have a position in the register.
fn municipalities_taking_part(catalogue: &Path, extra: &[&str]) -> (usize, usize) {
    let json = appendix_bytes(catalogue, &[&["--format", "json"], extra].concat());
    let records: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let mut taking_part = std::collections::BTreeSet::new();
    for record in records.as_array().unwrap() {
        for municipality in record["municipalities"].as_array().unwrap() {
            taking_part.insert((
                municipality["country"].as_str().unwrap().to_string(),
                municipality["code"].as_str().unwrap().to_string(),
            ));
        }
    }
    let mut reader = csv::Reader::from_path(catalogue.join("register/municipalities.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|header| header == name).unwrap();
    let (country, code, lat, lon) = (column("country"), column("code"), column("lat"), column("lon"));
    let mut placed = std::collections::BTreeSet::new();
    for record in reader.records() {
        let record = record.unwrap();
        let key = (record[country].to_string(), record[code].to_string());
        if taking_part.contains(&key) && !record[lat].is_empty() && !record[lon].is_empty() {
            placed.insert(key);
        }
    }
    (taking_part.len(), placed.len())
}

/// The HTML edition has the bar chart of the country × category table
/// (one bar per country and category, each with its number, the same as
/// the table's) and the map with one dot per municipality taking part;
/// each is an image with a title and a description that holds its data,
/// and a caption pointing to the table or index that lists it.
#[test]
fn the_html_has_the_chart_and_the_map_with_their_data_in_words() {
    let (config, cases) = shipped();
    let root = repository().join("examples-catalogue");
    let html = String::from_utf8(appendix_bytes(&root, &["--format", "html"])).unwrap();

    let chart = between(
        &html,
        "<figure class=\"figure\" id=\"figure-chart\">",
        "</figure>",
    );
    assert!(
        chart.contains("role=\"img\" aria-labelledby=\"figure-chart-title figure-chart-desc\""),
        "{chart}"
    );
    assert!(
        chart.contains(
            "<title id=\"figure-chart-title\">Cases per country and digitalisation category</title>"
        )
    );
    let (bars, described) = expected_bars(&config, &cases);
    let shown: Vec<&str> = chart
        .split("class=\"bar-count\"")
        .skip(1)
        .map(|rest| between(rest, ">", "<"))
        .collect();
    assert_eq!(shown, bars);
    // The shipped catalogue has a case in several categories: the bars
    // add up to more than the cases, as the table's columns do.
    let sum: usize = bars.iter().map(|n| n.parse::<usize>().unwrap()).sum();
    assert!(sum > cases.len(), "{sum} bars for {} cases", cases.len());
    let desc = between(chart, "<desc id=\"figure-chart-desc\">", "</desc>");
    assert!(desc.contains(&html_escape(&described)), "{desc}");
    // Each category is named in the legend and has its own fill: a
    // colour, or a pattern over one, so colour is not the only cue.
    let categories = vocabulary(&config, "categories");
    for (_, label) in &categories {
        assert!(
            chart.contains(&format!(">{}</text>", html_escape(label))),
            "{label}"
        );
    }
    assert_eq!(chart.matches("<pattern ").count(), categories.len() - 1);
    // The caption names the figure and points to the table of its numbers.
    assert!(chart.contains("<figcaption><span class=\"figure-number\">Figure 1.</span>"));
    assert!(chart.contains("<a href=\"#table-1\">The bars show the numbers of the table"));
    assert!(
        html.contains(
            "<table id=\"table-1\"><caption>Cases per country and digitalisation category</caption>"
        )
    );

    let map = between(&html, "<figure class=\"figure\" id=\"figure-map\">", "</figure>");
    let svg = between(map, "<svg", "</svg>");
    assert!(svg.contains("role=\"img\" aria-labelledby=\"figure-map-title figure-map-desc\""));
    assert!(!svg.contains("<a "), "the printed map links nowhere");
    let (taking_part, placed) = municipalities_taking_part(&root, &[]);
    assert!(placed > 10, "{placed}");
    assert_eq!(svg.matches("<circle class=\"dot\"").count(), placed);
    let desc = between(svg, "<desc id=\"figure-map-desc\">", "</desc>");
    assert!(
        desc.contains(&format!("for each of the {taking_part} municipalities")),
        "{desc}"
    );
    // The shipped register has no positions for the Faroe Islands: the
    // text says how many are not drawn.
    assert!(
        desc.contains(&format!("{} of them have no position", taking_part - placed)),
        "{desc}"
    );
    assert!(map.contains("<a href=\"#index\">The index of municipalities lists them"));
    assert!(html.contains("<section class=\"index\" id=\"index\""));
}

/// A filtered edition's figures show its cases only, and every edition's
/// figures are in its language.
#[test]
fn the_figures_follow_the_selection_and_the_language() {
    let root = repository().join("examples-catalogue");
    let html = String::from_utf8(appendix_bytes(&root, &["--format", "html", "--country", "NO"])).unwrap();
    let chart = between(&html, "id=\"figure-chart\">", "</figure>");
    let rows = between(&html, "<table id=\"table-1\">", "</tbody>");
    let numbers: Vec<&str> = between(rows, "<th scope=\"row\">Norway</th>", "</tr>")
        .split("<td class=\"n\">")
        .skip(1)
        .map(|cell| between(cell, "", "<"))
        .collect();
    let shown: Vec<&str> = chart
        .split("class=\"bar-count\"")
        .skip(1)
        .map(|rest| between(rest, ">", "<"))
        .collect();
    // The table's row has the country's total last.
    assert_eq!(shown, numbers[..numbers.len() - 1]);
    assert!(!chart.contains(">Sweden</text>"));
    let (_, placed) = municipalities_taking_part(&root, &["--country", "NO"]);
    let map = between(&html, "id=\"figure-map\">", "</figure>");
    assert_eq!(map.matches("<circle class=\"dot\"").count(), placed);
    assert!(placed > 0);

    let swedish = String::from_utf8(appendix_bytes(&root, &["--format", "html", "--lang", "sv"])).unwrap();
    assert!(swedish.contains(
        "<span class=\"figure-number\">Figur 1.</span> Exempel per land och digitaliseringskategori."
    ));
    assert!(swedish.contains("<desc id=\"figure-chart-desc\">Stapeldiagram över exemplen per land"));
    assert!(swedish.contains("<title id=\"figure-map-title\">Kommuner som deltar i exemplen</title>"));
}

/// The alternative texts (`/Alt`) of a PDF's structure elements: typst
/// writes them as literal strings, or as UTF-16 in hex when they have a
/// character outside PDFDocEncoding.
#[cfg(feature = "pdf")]
fn pdf_alt_texts(pdf: &[u8]) -> Vec<String> {
    let decode = |bytes: Vec<u8>| -> String {
        match bytes.strip_prefix(&[0xfe, 0xff]) {
            Some(utf16) => String::from_utf16(
                &utf16
                    .chunks(2)
                    .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
                    .collect::<Vec<_>>(),
            )
            .unwrap(),
            // PDFDocEncoding is Latin-1 for every character used here.
            None => bytes.iter().map(|&b| char::from(b)).collect(),
        }
    };
    let mut alts = Vec::new();
    let mut at = 0;
    while let Some(found) = pdf[at..].windows(4).position(|w| w == b"/Alt") {
        at += found + 4;
        match pdf.get(at) {
            Some(b'(') => {
                let mut bytes = Vec::new();
                let mut depth = 1;
                let mut i = at + 1;
                while i < pdf.len() {
                    match pdf[i] {
                        b'\\' => {
                            i += 1;
                            match pdf.get(i) {
                                Some(b'n') => bytes.push(b'\n'),
                                Some(b'r') => bytes.push(b'\r'),
                                Some(b't') => bytes.push(b'\t'),
                                Some(d @ b'0'..=b'7') => {
                                    let mut value = u32::from(d - b'0');
                                    while i + 1 < pdf.len()
                                        && (b'0'..=b'7').contains(&pdf[i + 1])
                                        && value < 32
                                    {
                                        i += 1;
                                        value = value * 8 + u32::from(pdf[i] - b'0');
                                    }
                                    bytes.push(value as u8);
                                }
                                Some(&other) => bytes.push(other),
                                None => {}
                            }
                        }
                        b'(' => {
                            depth += 1;
                            bytes.push(b'(');
                        }
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                            bytes.push(b')');
                        }
                        other => bytes.push(other),
                    }
                    i += 1;
                }
                alts.push(decode(bytes));
            }
            Some(b'<') => {
                let end = at + pdf[at..].iter().position(|&b| b == b'>').unwrap();
                let hex: Vec<u8> = pdf[at + 1..end]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                let bytes = hex
                    .chunks(2)
                    .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
                    .collect();
                alts.push(decode(bytes));
            }
            _ => {}
        }
    }
    alts
}

/// The PDF's figures are tagged figures whose alternative text holds
/// their data, the appendix stays PDF/UA-1 without a warning, and each
/// figure has its numbered caption on the page.
#[cfg(feature = "pdf")]
#[test]
fn the_pdf_figures_have_alternative_texts_with_their_data() {
    let (config, cases) = shipped();
    let root = repository().join("examples-catalogue");
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("appendix.pdf");
    let output = appendix(&root, &pdf, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(claims_pdf_ua(&bytes));
    let alts = pdf_alt_texts(&bytes);
    let (_, described) = expected_bars(&config, &cases);
    let chart = alts
        .iter()
        .find(|alt| alt.starts_with("Bar chart of the cases per country"))
        .unwrap_or_else(|| panic!("no alternative text of the chart in {alts:?}"));
    assert!(chart.contains(&described), "{chart}");
    let (taking_part, _) = municipalities_taking_part(&root, &[]);
    assert!(
        alts.iter().any(|alt| alt.starts_with(&format!(
            "Map of the Nordic countries with a dot for each of the {taking_part} municipalities"
        ))),
        "{alts:?}"
    );
    let text = words(&pdf_text(&pdf));
    assert!(
        text.contains("Figure 1: Cases per country and digitalisation category."),
        "{text}"
    );
    assert!(text.contains("Figure 2: Municipalities that take part in the cases."));
}

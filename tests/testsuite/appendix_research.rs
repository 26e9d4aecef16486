//! The appendix's second part, the research mapping: its tables count what
//! the research files hold, its bibliography has every study in APA, a
//! case cites its evidence, in the HTML, PDF and DOCX editions and in a
//! filtered edition.

// Built without the `pdf` feature, the PDF test is out.
#![cfg_attr(not(feature = "pdf"), allow(dead_code))]

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::harness::{TestCatalogue, stderr};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn appendix(catalogue: &Path, extra: &[&str]) -> Output {
    crate::harness::catalogue_command()
        .args(["appendix", "--color", "never", "--catalogue"])
        .arg(catalogue)
        .args(["--out", "-"])
        .args(extra)
        .current_dir(repository())
        .output()
        .unwrap()
}

fn html(catalogue: &Path, extra: &[&str]) -> String {
    let output = appendix(catalogue, &[&["--format", "html"], extra].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

fn shipped() -> &'static Path {
    Path::new("examples-catalogue")
}

/// The studies of the shipped catalogue as the library reads them, with
/// their APA citations.
fn shipped_citations() -> (
    Vec<catalogue::research::Study>,
    Vec<catalogue::research::Citation>,
) {
    let checked = catalogue::pipeline::check(
        &catalogue::pipeline::CataloguePaths::new(repository().join("examples-catalogue")),
        jiff::civil::date(2100, 1, 1),
    )
    .unwrap();
    let studies = checked.catalogue.unwrap().studies;
    let citations = catalogue::research::cite_all(&studies, &catalogue::research::CitationStyle::apa());
    (studies, citations)
}

/// Per theme, how many entries of the .bib file name it, read from the
/// file's text alone (`themes = {internal, ai}`).
fn bib_theme_counts() -> Vec<(String, usize)> {
    let bib = std::fs::read_to_string(repository().join("examples-catalogue/research/studies.bib")).unwrap();
    ["internal", "external", "ai"]
        .iter()
        .map(|theme| {
            let count = bib
                .lines()
                .filter_map(|line| line.trim().strip_prefix("themes = {"))
                .filter(|themes| {
                    themes
                        .trim_end_matches([',', '}'])
                        .split(',')
                        .any(|t| t.trim() == *theme)
                })
                .count();
            (theme.to_string(), count)
        })
        .collect()
}

/// The cells of the totals row of a table of the HTML edition.
fn footer(html: &str, table_id: &str) -> Vec<String> {
    let table = &html[html.find(&format!("<table id=\"{table_id}\"")).unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let tfoot = &table[table.find("<tfoot>").unwrap()..];
    tfoot
        .split("<td class=\"n\">")
        .skip(1)
        .map(|cell| cell[..cell.find("</td>").unwrap()].to_string())
        .collect()
}

/// Whitespace runs as one space; addresses left out, since the PDF
/// breaks a long one anywhere.
fn words(text: &str) -> String {
    text.split_whitespace()
        .filter(|word| !word.contains("http") && !word.contains('/'))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_html_has_the_research_part_with_every_study_and_the_cases_citations() {
    let page = html(shipped(), &[]);
    let research = &page[page
        .find("<section class=\"research\"")
        .expect("the research part")..];
    assert!(research.contains("<h2 id=\"research-title\">Research mapping</h2>"));
    assert!(research.contains("<h2 id=\"bibliography-title\">Bibliography</h2>"));
    // The part follows the cases.
    assert!(page.find("id=\"case-1\"").unwrap() < page.find("id=\"research\"").unwrap());

    let (studies, citations) = shipped_citations();
    assert!(studies.len() >= 8);
    for (study, citation) in studies.iter().zip(&citations) {
        assert!(!citation.reference.html.is_empty(), "{}", study.key);
        assert!(
            research.contains(&citation.reference.html),
            "{} lacks {}",
            study.key,
            citation.reference.html
        );
    }
    // Hand-checked APA 7 of the article.
    assert!(research.contains(
        "Hjelte, J., Höög, E., &amp; Nordström, A. (2023). Kunskap och expertis i små glesbygdskommuners socialtjänst: synen på utmaningar och lösningar. <i>Socialvetenskaplig tidskrift</i>, <i>30</i>(1), 457–476. https://doi.org/10.3384/SVT.2023.30.1.4116"
    ));

    // The per-theme totals are the counts of the .bib file, and the
    // grand total its number of entries.
    let totals = footer(research, "research-table-1");
    let expected: Vec<String> = bib_theme_counts()
        .iter()
        .map(|(_, n)| n.to_string())
        .chain([studies.len().to_string()])
        .collect();
    assert_eq!(totals, expected);
    assert_eq!(footer(research, "research-table-2"), expected);

    // The digital colleague cites Hjelte et al., linked to its reference.
    let case = &page[page.find("Den digitala kollegan").unwrap()..];
    let case = &case[..case.find("</article>").unwrap()];
    let anchor = {
        let at = research.find("Hjelte, J., Höög").unwrap();
        let li = &research[..at];
        let id_at = li.rfind("<li id=\"").unwrap() + 8;
        li[id_at..li[id_at..].find('"').unwrap() + id_at].to_string()
    };
    assert!(
        case.contains(&format!(
            "<span class=\"label\">Research on this example:</span> (<a href=\"#{anchor}\">Hjelte et al., 2023</a>)"
        )),
        "{case}"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_has_the_research_part_and_stays_pdf_ua() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("appendix.pdf");
    let output = crate::harness::catalogue_command()
        .args([
            "appendix",
            "--color",
            "never",
            "--catalogue",
            "examples-catalogue",
            "--out",
        ])
        .arg(&pdf)
        .current_dir(repository())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("not PDF/UA-1"), "{}", stderr(&output));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.windows(30).any(|w| w == b"<pdfuaid:part>1</pdfuaid:part>"));
    let text = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(text.stdout).unwrap();
    let all = words(&text);
    let research = &all[all.rfind("Research mapping").expect("the research part")..];
    let (studies, citations) = shipped_citations();
    for (study, citation) in studies.iter().zip(&citations) {
        let reference = words(&citation.reference.plain);
        assert!(research.contains(&reference), "{} lacks {reference}", study.key);
    }
    assert!(all.contains("Research on this example: (Hjelte et al., 2023)"));
    // The totals row of the theme × country table.
    let counts: Vec<String> = bib_theme_counts().iter().map(|(_, n)| n.to_string()).collect();
    let totals = format!("Total {} {}", counts.join(" "), studies.len());
    // Table titles are set in capitals.
    let table = &research[research.find("STUDIES PER THEME AND COUNTRY").unwrap()..];
    let table = &table[..table.find("STUDIES PER KIND AND THEME").unwrap()];
    assert!(table.contains(&totals), "{table}");
}

#[test]
fn the_docx_has_the_research_part() {
    let output = appendix(shipped(), &["--format", "docx"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(output.stdout)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains(
        r#"<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Research mapping</w:t>"#
    ));
    assert!(xml.contains(
        r#"<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Bibliography</w:t>"#
    ));
    assert!(xml.contains(r#"<w:pStyle w:val="Reference"/>"#));
    assert!(xml.contains("Hjelte et al., 2023"));
}

#[test]
fn the_research_part_speaks_the_edition_language() {
    let page = html(shipped(), &["--lang", "sv"]);
    assert!(page.contains(">Forskningskartläggning</h2>"));
    assert!(page.contains(">Litteraturförteckning</h2>"));
    assert!(page.contains("Forskning om detta exempel:"));
}

#[test]
fn a_filtered_edition_has_the_studies_of_its_countries_and_themes() {
    let page = html(shipped(), &["--country", "NO"]);
    let research = &page[page.find("<section class=\"research\"").unwrap()..];
    // Nordregio's report covers Norway; Hjelte et al. is Swedish only, and
    // no Norwegian case cites it.
    assert!(research.contains("Public service delivery in the Nordic Region"));
    assert!(!research.contains("Hjelte, J."));

    let page = html(shipped(), &["--category", "ai"]);
    let research = &page[page.find("<section class=\"research\"").unwrap()..];
    assert!(research.contains("Automating Society Report 2020"));
    assert!(!research.contains("Public service delivery in the Nordic Region"));
}

#[test]
fn a_study_of_several_themes_is_described_under_the_first_and_listed_under_the_others() {
    let catalogue = TestCatalogue::fixture("valid");
    catalogue.write(
        "research/studies.bib",
        "@article{testsson-2024,
  author = {Testsson, Test},
  title = {Colleagues online},
  journal = {Journal of Tests},
  year = {2024},
  themes = {internal, ai},
  countries = {SE},
  kind = {peer-reviewed},
}
",
    );
    let case = std::fs::read_to_string(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    catalogue.write(
        "cases/SE/digital-colleague.md",
        case.replacen("reviewed = ", "evidence = [\"testsson-2024\"]\nreviewed = ", 1),
    );
    let page = html(&catalogue.root(), &[]);
    let bibliography = &page[page.find("<section class=\"bibliography\"").unwrap()..];
    let internal = &bibliography[bibliography.find("id=\"theme-internal\"").unwrap()..];
    let ai = &bibliography[bibliography.find("id=\"theme-ai\"").unwrap()..];
    assert!(
        internal[..internal.find("</section>").unwrap()]
            .contains("<li id=\"study-1\">Testsson, T. (2024). Colleagues online.")
    );
    assert!(
        ai[..ai.find("</section>").unwrap()]
            .contains("<a href=\"#study-1\">Testsson, 2024</a> – described under “Internal digitalisation”"),
        "{ai}"
    );
    assert!(page.contains("(<a href=\"#study-1\">Testsson, 2024</a>)"));
    // Both themes count it; the total once.
    assert_eq!(footer(&page, "research-table-1"), ["1", "0", "1", "1"]);
}

#[test]
fn a_catalogue_without_studies_has_no_research_part() {
    let catalogue = TestCatalogue::fixture("valid");
    let page = html(&catalogue.root(), &[]);
    assert!(!page.contains("id=\"research\""));
    assert!(!page.contains("Research on this example"));
}

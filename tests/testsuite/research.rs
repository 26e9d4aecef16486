//! The research mapping's BibTeX files (`research/*.bib`) and a case's
//! `evidence`: what `catalogue check` reports about them, and that one
//! broken entry does not hide the others.

use crate::harness::{TestCatalogue, json_diagnostics};

const ARTICLE: &str = "\
@article{hjelte-2023,
  author = {Hjelte, Jan and Höög, Elisabet and Nordström, Annika},
  title = {Kunskap och expertis i små glesbygdskommuners socialtjänst},
  journal = {Socialvetenskaplig tidskrift},
  year = {2023},
  doi = {10.3384/SVT.2023.30.1.4116},
  themes = {internal},
  countries = {SE},
  kind = {peer-reviewed},
}
";

const REPORT: &str = "\
@report{nordregio-2023-2,
  author = {{Nordregio}},
  title = {Service provision and access to services in Nordic rural areas},
  institution = {Nordregio},
  year = {2023},
  themes = {external},
  countries = {SE, NO},
  kind = {report},
}
";

/// The valid fixture case, citing `keys`.
fn case_citing(catalogue: &TestCatalogue, keys: &str) {
    let case =
        std::fs::read_to_string(crate::harness::fixtures().join("valid/cases/SE/digital-colleague.md"))
            .unwrap();
    let case = case.replacen("reviewed = ", &format!("evidence = [{keys}]\nreviewed = "), 1);
    catalogue.write("cases/SE/digital-colleague.md", case);
}

/// (code, line, column, message, help) of each diagnostic.
fn found(catalogue: &TestCatalogue) -> Vec<(String, u64, u64, String, String)> {
    json_diagnostics(&catalogue.check("json"))
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                d["help"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_broken_entry_is_reported_at_its_line_and_the_next_entry_is_still_read() {
    let catalogue = TestCatalogue::base();
    // Line 1 a comment, line 2 the broken entry (its title never closed),
    // then a valid report that a case cites, then a second broken entry.
    let broken = "% exported from Zotero\n@article{broken,\n  title = {Never closed,\n  year = {2023},\n\n";
    let later = "\n  @misc{also-broken, title = {X}, year = 2023 url = {https://example.org/}}\n";
    catalogue.write("research/review.bib", format!("{broken}{REPORT}{later}"));
    case_citing(&catalogue, "\"nordregio-2023-2\"");
    let diagnostics = found(&catalogue);
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(codes, ["E0701", "E0701"], "{diagnostics:?}");
    assert_eq!((diagnostics[0].1, diagnostics[0].2), (2, 1), "{diagnostics:?}");
    assert!(diagnostics[0].3.contains("not closed"), "{diagnostics:?}");
    // The second: after `year = 2023` a comma is expected where `url`
    // starts, on line 16, column 47 (the entry is indented by two spaces).
    assert_eq!((diagnostics[1].1, diagnostics[1].2), (16, 47), "{diagnostics:?}");
    assert_eq!(diagnostics[1].3, "expected comma");
    // The valid report between them was read: the case citing it is fine.
}

#[test]
fn an_unknown_theme_is_reported_with_the_term_meant() {
    let catalogue = TestCatalogue::base();
    catalogue.write(
        "research/studies.bib",
        REPORT.replace("themes = {external}", "themes = {externl, ai}"),
    );
    let diagnostics = found(&catalogue);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let (code, line, column, message, help) = &diagnostics[0];
    assert_eq!(code, "E0703");
    // The value's opening brace: `  themes = {externl, ai},`.
    assert_eq!((*line, *column), (6, 12));
    assert_eq!(message, "unknown theme \"externl\" in `nordregio-2023-2`");
    assert!(help.starts_with("did you mean \"external\"?"), "{help}");
}

#[test]
fn the_same_doi_twice_is_reported_at_the_second_entry() {
    let catalogue = TestCatalogue::base();
    let again = ARTICLE
        .replace("hjelte-2023", "hjelte2023")
        .replace("Kunskap och expertis", "Knowledge and expertise")
        .replace(
            "10.3384/SVT.2023.30.1.4116",
            "https://doi.org/10.3384/svt.2023.30.1.4116",
        );
    catalogue.write("research/a.bib", ARTICLE);
    catalogue.write("research/b.bib", &again);
    let diagnostics = found(&catalogue);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let (code, line, _, message, _) = &diagnostics[0];
    assert_eq!(code, "E0705");
    assert_eq!(*line, 6);
    assert_eq!(
        message,
        "`hjelte2023` has the same DOI as the entry on line 1 of catalogue/research/a.bib"
    );
}

#[test]
fn a_case_citing_a_missing_key_is_reported_with_the_key_meant() {
    let catalogue = TestCatalogue::base();
    catalogue.write("research/studies.bib", format!("{ARTICLE}\n{REPORT}"));
    case_citing(&catalogue, "\"nordregio-2023-2\", \"hjelte2023\"");
    let diagnostics = found(&catalogue);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let (code, line, column, message, help) = &diagnostics[0];
    assert_eq!(code, "E0706");
    assert_eq!((*line, *column), (17, 33));
    assert_eq!(message, "no study has the key \"hjelte2023\"");
    assert_eq!(help, "did you mean \"hjelte-2023\"?");
}

#[test]
fn a_catalogue_without_research_files_checks_as_before() {
    let catalogue = TestCatalogue::fixture("valid");
    assert!(found(&catalogue).is_empty());
}

#[test]
fn the_shipped_research_mapping_covers_the_three_themes_and_every_study_cites() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples-catalogue");
    let checked = catalogue::check(
        &catalogue::CataloguePaths::new(root),
        jiff::civil::date(2026, 11, 30),
    )
    .unwrap();
    let catalogue = checked.catalogue.unwrap();
    let studies = &catalogue.studies;
    assert!(studies.len() >= 8, "{} studies", studies.len());
    for theme in ["internal", "external", "ai"] {
        assert!(
            studies.iter().any(|s| s.themes.iter().any(|t| t == theme)),
            "{theme}"
        );
    }
    let keys: Vec<&str> = studies.iter().map(|s| s.key.as_str()).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted, "studies are sorted by key");
    let style = catalogue::research::CitationStyle::apa();
    for citation in catalogue::research::cite_all(studies, &style) {
        assert!(!citation.reference.plain.is_empty(), "{}", citation.key);
        assert!(citation.in_text.plain.contains("20"), "{}", citation.key);
    }
    let digital_colleague = catalogue
        .cases
        .iter()
        .find(|c| c.slug == "digital-colleague")
        .unwrap();
    assert_eq!(digital_colleague.evidence, ["hjelte-2023"]);
    let hjelte = studies.iter().find(|s| s.key == "hjelte-2023").unwrap();
    assert_eq!(
        hjelte.authors,
        ["Jan Hjelte", "Elisabet Höög", "Annika Nordström"]
    );
    assert_eq!(hjelte.doi.as_deref(), Some("10.3384/SVT.2023.30.1.4116"));
    assert!(hjelte.path.ends_with("research/studies.bib"), "{}", hjelte.path);
    assert!(hjelte.bibtex.starts_with("@article{hjelte-2023,"));
}

/// catalogue.toml of the base fixture with `[research]` settings added.
fn with_research_settings(catalogue: &TestCatalogue, settings: &str) {
    let path = catalogue.root().join("catalogue.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!("\n[research]\n{settings}\n"));
    std::fs::write(path, text).unwrap();
}

/// The line and column of the first `needle` in the catalogue's `file`.
fn place(catalogue: &TestCatalogue, file: &str, needle: &str) -> (u64, u64) {
    let text = std::fs::read_to_string(catalogue.root().join(file)).unwrap();
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, column as u64)
}

#[test]
fn an_entry_the_style_cannot_read_is_cited_from_its_fields_with_a_warning() {
    let catalogue = TestCatalogue::base();
    let entry = ARTICLE.replace("journal = {Socialvetenskaplig tidskrift}", "journal = svt");
    catalogue.write(
        "research/review.bib",
        format!("@string{{svt = {{Socialvetenskaplig tidskrift}}}}\n{entry}"),
    );
    case_citing(&catalogue, "\"hjelte-2023\"");
    let diagnostics = found(&catalogue);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let (code, line, column, message, help) = &diagnostics[0];
    assert_eq!(code, "W0708");
    assert_eq!((*line, *column), (2, 10), "at the citation key");
    assert!(
        message.contains("`hjelte-2023`") && message.contains("unknown abbreviation \"svt\""),
        "{message}"
    );
    assert!(help.contains("W0708"), "{help}");

    let built = catalogue.build_site();
    assert!(built.status.success(), "{}", crate::harness::stderr(&built));
    let page =
        std::fs::read_to_string(catalogue.dir.path().join("site/research/hjelte-2023/index.html")).unwrap();
    assert!(
        page.contains(
            "Hjelte, J., Höög, E., &amp; Nordström, A. (2023). Kunskap och expertis i små glesbygdskommuners socialtjänst. <i>Socialvetenskaplig tidskrift</i>. https://doi.org/10.3384/SVT.2023.30.1.4116"
        ),
        "the fallback reference is on the study's page"
    );
}

#[test]
fn an_unknown_citation_style_is_reported_with_the_name_meant() {
    let catalogue = TestCatalogue::base();
    with_research_settings(&catalogue, "style = \"chicago-author-dat\"");
    let diagnostics = found(&catalogue);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let (code, line, column, message, help) = &diagnostics[0];
    assert_eq!(code, "E0013");
    assert_eq!(
        (*line, *column),
        place(&catalogue, "catalogue.toml", "\"chicago-author-dat\"")
    );
    assert_eq!(message, "unknown citation style \"chicago-author-dat\"");
    assert!(
        help.starts_with("did you mean \"chicago-author-date\"?"),
        "{help}"
    );
    for name in [
        "\"apa\"",
        "\"ieee\"",
        "\"harvard-cite-them-right\"",
        "\"vancouver\"",
        "\"mla\"",
    ] {
        assert!(help.contains(name), "{name} in {help}");
    }
}

#[test]
fn a_csl_file_of_the_catalogue_is_the_style_and_a_broken_one_is_reported() {
    let catalogue = TestCatalogue::base();
    catalogue.write("research/review.bib", REPORT);
    with_research_settings(&catalogue, "style = \"styles/titles.csl\"");
    let style = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Titles</title><id>titles</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="[" suffix="]"><text variable="title"/></layout></citation>
  <bibliography><layout><text value="Only the title: "/><text variable="title"/></layout></bibliography>
</style>"#;
    let missing = found(&catalogue);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0].0, "E0013");
    assert!(missing[0].3.contains("there is no file"), "{missing:?}");

    catalogue.write("styles/titles.csl", style);
    assert_eq!(found(&catalogue), Vec::new());
    let built = catalogue.build_site();
    assert!(built.status.success(), "{}", crate::harness::stderr(&built));
    let page = std::fs::read_to_string(
        catalogue
            .dir
            .path()
            .join("site/research/nordregio-2023-2/index.html"),
    )
    .unwrap();
    assert!(
        page.contains("Only the title: Service provision and access to services in Nordic rural areas"),
        "the study page cites in the catalogue's style"
    );

    catalogue.write(
        "styles/titles.csl",
        style.replace("<citation>", "<citation><layout>"),
    );
    let broken = found(&catalogue);
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert_eq!(broken[0].0, "E0013");
    assert!(broken[0].3.contains("not a CSL style"), "{broken:?}");

    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("titles.csl"), style).unwrap();
        std::fs::remove_file(catalogue.root().join("styles/titles.csl")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("titles.csl"),
            catalogue.root().join("styles/titles.csl"),
        )
        .unwrap();
        let linked = found(&catalogue);
        assert_eq!(linked.len(), 1, "{linked:?}");
        assert_eq!(linked[0].0, "E0112", "a link is never followed: {linked:?}");
    }
}

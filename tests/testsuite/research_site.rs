//! The research mapping on the site: a study's page, the list of studies
//! and its filters, the case pages that name a study as evidence, the home
//! page's table of both mappings, and every language's copy of them.

use crate::harness::{TestCatalogue, json_diagnostics, stderr};

const ARTICLE: &str = "\
@article{hjelte-2023,
  author = {Hjelte, Jan and Höög, Elisabet and Nordström, Annika},
  title = {Kunskap och expertis i små glesbygdskommuners socialtjänst},
  journal = {Socialvetenskaplig tidskrift},
  year = {2023},
  volume = {30},
  number = {1},
  pages = {457--476},
  doi = {10.3384/SVT.2023.30.1.4116},
  langid = {swedish},
  themes = {internal},
  countries = {SE},
  kind = {peer-reviewed},
  design = {Action research},
  summary = {Small rural social services see co-operation as a way to expertise.},
}

@report{nordregio-2023-2,
  author = {{Nordregio}},
  title = {Service provision and access to services in Nordic rural areas},
  institution = {Nordregio},
  year = {2021},
  themes = {external},
  countries = {SE, NO},
  kind = {report},
}
";

/// The valid fixture with the studies, its Swedish case citing the
/// article, and the site in English, Swedish and Finnish.
fn catalogue() -> TestCatalogue {
    let catalogue = TestCatalogue::fixture("valid");
    catalogue.write("research/review.bib", ARTICLE);
    let case = std::fs::read_to_string(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    let case = case.replacen("reviewed = ", "evidence = [\"hjelte-2023\"]\nreviewed = ", 1);
    catalogue.write("cases/SE/digital-colleague.md", case);
    let settings = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
    catalogue.write(
        "catalogue.toml",
        settings.replace("languages = [\"en\"]", "languages = [\"en\", \"sv\", \"fi\"]"),
    );
    catalogue
}

fn read(catalogue: &TestCatalogue, page: &str) -> String {
    let path = catalogue.dir.path().join("site").join(page);
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing", path.display()))
}

#[test]
fn a_study_has_its_page_in_every_language_and_is_linked_from_the_cases_it_concerns() {
    let catalogue = catalogue();
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));

    let study = read(&catalogue, "research/hjelte-2023/index.html");
    // The full reference in APA 7, the journal and volume in italics.
    assert!(
        study.contains(
            "Hjelte, J., Höög, E., &amp; Nordström, A. (2023). Kunskap och expertis i små glesbygdskommuners socialtjänst. <i>Socialvetenskaplig tidskrift</i>, <i>30</i>(1), 457–476."
        ),
        "{study}"
    );
    assert!(study.contains("(Hjelte et al., 2023)"), "{study}");
    assert!(study.contains(r#"<h1 lang="sv">Kunskap och expertis"#), "{study}");
    assert!(study.contains("Small rural social services see co-operation"));
    assert!(study.contains("Action research"));
    assert!(study.contains(r#"href="https://doi.org/10.3384/SVT.2023.30.1.4116""#));
    assert!(study.contains("Good examples this study concerns"));
    assert!(
        study.contains(r#"href="../../cases/se/digital-colleague/""#),
        "{study}"
    );
    assert!(study.contains("Peer-reviewed article"));

    // A study no case names says so.
    let report = read(&catalogue, "research/nordregio-2023-2/index.html");
    assert!(!report.contains("cases/se/digital-colleague/"));

    let case = read(&catalogue, "cases/se/digital-colleague/index.html");
    assert!(case.contains("Research on this example"), "{case}");
    assert!(
        case.contains(r#"<a href="../../../research/hjelte-2023/" lang="sv">Kunskap"#),
        "{case}"
    );
    assert!(case.contains("(Hjelte et al., 2023)"));

    // The list, with a count per filter and a page per filter value.
    let list = read(&catalogue, "research/index.html");
    assert!(list.contains(r#"href="hjelte-2023/""#), "{list}");
    assert!(list.contains(r#"href="nordregio-2023-2/""#));
    assert!(list.contains(r#"href="countries/no/""#), "{list}");
    assert!(list.contains(r#"href="kinds/report/""#));
    assert!(list.contains(r#"href="years/2023/""#));
    let norway = read(&catalogue, "research/countries/no/index.html");
    assert!(norway.contains("nordregio-2023-2/"));
    assert!(!norway.contains("hjelte-2023/"), "{norway}");
    assert!(norway.contains(r#"aria-current="page">Norway</a>"#), "{norway}");
    let internal = read(&catalogue, "research/themes/internal/index.html");
    assert!(internal.contains("hjelte-2023/") && !internal.contains("nordregio-2023-2/"));

    // The home page counts both mappings in real tables.
    let home = read(&catalogue, "index.html");
    assert!(home.contains("Good examples and research side by side"), "{home}");
    let by_theme = home
        .split("Good examples and studies per theme")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .unwrap();
    assert!(by_theme.contains(r#"<th scope="col">"#));
    assert!(
        by_theme.contains(r#"<th scope="row">Internal digitalisation</th><td><a href="categories/internal/">2</a></td><td><a href="research/themes/internal/">1</a></td>"#),
        "{by_theme}"
    );
    assert!(
        home.contains(r#"<a href="research/">Research</a>"#),
        "the navigation links the list"
    );

    // Every language has the pages, in its words; the sitemap lists them.
    let swedish = read(&catalogue, "sv/research/hjelte-2023/index.html");
    assert!(swedish.contains("Goda exempel som studien gäller"), "{swedish}");
    assert!(read(&catalogue, "fi/research/index.html").contains("Tutkimuskartoitus"));
    assert!(read(&catalogue, "sv/cases/se/digital-colleague/index.html").contains("Forskning om exemplet"));
    let sitemap = read(&catalogue, "sitemap.xml");
    assert!(sitemap.contains("/research/hjelte-2023/</loc>"), "{sitemap}");
    assert!(sitemap.contains("/research/</loc>"));
}

#[test]
fn a_catalogue_without_studies_has_no_research_pages() {
    let catalogue = TestCatalogue::fixture("valid");
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!catalogue.dir.path().join("site/research").exists());
    assert!(!read(&catalogue, "index.html").contains("research/"));
}

#[test]
fn a_citation_key_that_is_not_a_slug_is_refused() {
    let catalogue = TestCatalogue::fixture("valid");
    catalogue.write(
        "research/review.bib",
        ARTICLE.replace("@article{hjelte-2023,", "@article{Hjelte2023:kunskap,"),
    );
    let diagnostics = json_diagnostics(&catalogue.check("json"));
    let found: Vec<(&str, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [("E0707", 1, 10)], "{diagnostics:?}");
    assert!(
        diagnostics[0]["help"]
            .as_str()
            .unwrap()
            .contains("`hjelte2023-kunskap`"),
        "{diagnostics:?}"
    );
}

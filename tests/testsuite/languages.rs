//! Every language in one build: the default language at the permanent
//! addresses, each other below its folder, with a switch, `hreflang`
//! alternates, its own UI strings and `<html lang>`, in the sitemap; the
//! settings checked.

use crate::harness::{TestCatalogue, stderr, stdout, tree};

/// The base fixture built in `languages` (a TOML array), into `site/`.
fn built_in(languages: Option<&str>) -> TestCatalogue {
    let catalogue = TestCatalogue::fixture("valid");
    let settings = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
    let line = "languages = [\"en\"]\n";
    assert!(settings.contains(line));
    let replacement = languages.map_or(String::new(), |list| format!("languages = {list}\n"));
    catalogue.write("catalogue.toml", settings.replace(line, &replacement));
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    catalogue
}

fn read(catalogue: &TestCatalogue, path: &str) -> String {
    std::fs::read_to_string(catalogue.dir.path().join("site").join(path))
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn each_language_is_the_same_site_below_its_folder_with_a_switch_and_alternates() {
    let catalogue = built_in(Some("[\"en\", \"sv\", \"fi\"]"));
    let english = read(&catalogue, "cases/se/digital-colleague/index.html");
    let swedish = read(&catalogue, "sv/cases/se/digital-colleague/index.html");
    let finnish = read(&catalogue, "fi/cases/se/digital-colleague/index.html");
    assert!(english.contains("<html lang=\"en\">"));
    assert!(swedish.contains("<html lang=\"sv\">"));
    assert!(finnish.contains("<html lang=\"fi\">"));
    // The interface is translated.
    assert!(english.contains("Skip to content"));
    assert!(swedish.contains("Hoppa till innehållet"), "{swedish}");
    assert!(finnish.contains("Siirry sisältöön"), "{finnish}");
    // Alternates: absolute, every language and the default as x-default.
    let base = "https://example.org/nordic-good-examples/";
    for page in [&english, &swedish, &finnish] {
        for (code, folder) in [("en", ""), ("sv", "sv/"), ("fi", "fi/"), ("x-default", "")] {
            let alternate = format!(
                "<link rel=\"alternate\" hreflang=\"{code}\" href=\"{base}{folder}cases/se/digital-colleague/\">"
            );
            assert!(page.contains(&alternate), "{alternate}");
        }
    }
    assert!(swedish.contains(&format!(
        "<link rel=\"canonical\" href=\"{base}sv/cases/se/digital-colleague/\">"
    )));
    // The switch leads to the same page in each language, relatively.
    assert!(
        swedish.contains("href=\"../../../../cases/se/digital-colleague/\" hreflang=\"en\""),
        "{swedish}"
    );
    assert!(swedish.contains("href=\"../../../../fi/cases/se/digital-colleague/\" hreflang=\"fi\""));
    assert!(swedish.contains("href=\"./\" hreflang=\"sv\" lang=\"sv\" aria-current=\"true\""));
    // Links between pages stay in the page's language; shared files do not.
    assert!(swedish.contains("href=\"../../../countries/\""), "{swedish}");
    assert!(swedish.contains("href=\"../../../../static/style.css\""));
    assert!(swedish.contains("href=\"../../../../data/cases.csv\""));

    let files = tree(&catalogue.dir.path().join("site"));
    let pages_in = |folder: &str| {
        files
            .keys()
            .filter(|path| path.ends_with(".html"))
            .filter(|path| match folder {
                "" => !path.starts_with("sv/") && !path.starts_with("fi/"),
                folder => path.starts_with(folder),
            })
            .map(|path| path.trim_start_matches(folder).to_string())
            .collect::<Vec<_>>()
    };
    let default_pages: Vec<String> = pages_in("").into_iter().filter(|p| p != "404.html").collect();
    assert!(default_pages.len() > 20);
    assert_eq!(pages_in("sv/"), default_pages, "the same pages in Swedish");
    assert_eq!(pages_in("fi/"), default_pages, "the same pages in Finnish");
    // One 404 page, one set of search files and open data.
    assert!(!files.contains_key("sv/404.html") && files.contains_key("404.html"));
    assert!(
        !files
            .keys()
            .any(|path| path.starts_with("sv/search/") && path.ends_with(".json"))
    );
    assert!(
        !files
            .keys()
            .any(|path| path.starts_with("sv/data/") || path.starts_with("sv/static/"))
    );

    // One search export; the facet labels of each language in its own
    // browse file, which the language's search page names.
    let browse = |file: &str| -> serde_json::Value { serde_json::from_str(&read(&catalogue, file)).unwrap() };
    let country = |value: &serde_json::Value| value["values"]["country"][0][1].as_str().unwrap().to_string();
    assert_eq!(country(&browse("search/browse.json")), "Sweden");
    assert_eq!(country(&browse("search/browse.sv.json")), "Sverige");
    assert_eq!(country(&browse("search/browse.fi.json")), "Ruotsi");
    let swedish_search = read(&catalogue, "sv/search/index.html");
    assert!(swedish_search.contains("data-pages=\"sv/\" data-browse=\"browse.sv.json\""));
    assert!(read(&catalogue, "search/index.html").contains("data-pages=\"\" data-browse=\"browse.json\""));

    let sitemap = read(&catalogue, "sitemap.xml");
    for folder in ["", "sv/", "fi/"] {
        assert!(sitemap.contains(&format!("<loc>{base}{folder}cases/se/digital-colleague/</loc>")));
    }
    assert!(!sitemap.contains("404"));
}

#[test]
fn without_a_list_the_site_is_built_in_every_language_of_the_theme() {
    let catalogue = built_in(None);
    for folder in ["sv", "nb", "nn", "da", "fi", "is"] {
        let home = read(&catalogue, &format!("{folder}/index.html"));
        assert!(home.contains(&format!("<html lang=\"{folder}\">")), "{folder}");
    }
    assert!(read(&catalogue, "index.html").contains("<html lang=\"en\">"));
    assert!(
        !catalogue.dir.path().join("site/en").exists(),
        "the default language has no folder"
    );
}

#[test]
fn one_language_has_no_switch_and_no_alternates() {
    let catalogue = built_in(Some("[\"en\"]"));
    let home = read(&catalogue, "index.html");
    assert!(!home.contains("hreflang") && !home.contains("language-switch"));
    assert!(!catalogue.dir.path().join("site/sv").exists());
}

/// The short report of `check` with `languages = list` in the settings,
/// and the line of the setting.
fn check_languages(list: &str) -> (String, usize) {
    let catalogue = TestCatalogue::fixture("valid");
    let settings = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
    catalogue.write(
        "catalogue.toml",
        settings.replace("languages = [\"en\"]", &format!("languages = {list}")),
    );
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let theme = theme.to_str().unwrap();
    let output = catalogue.run(&[
        "check",
        "--catalogue",
        "catalogue",
        "--theme",
        theme,
        "--format",
        "short",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let line = settings
        .lines()
        .position(|line| line.starts_with("languages = "))
        .unwrap()
        + 1;
    (format!("{}{}", stdout(&output), stderr(&output)), line)
}

#[test]
fn a_site_language_the_catalogue_or_theme_lacks_is_reported_where_it_is_written() {
    let (report, line) = check_languages("[\"en\", \"sw\", \"sv\", \"sv\"]");
    for (column, message) in [
        (
            20,
            "\"sw\" in `languages` is not a term of [[languages]] (help: did you mean \"sv\"?)",
        ),
        (32, "\"sv\" is listed twice in `languages`"),
    ] {
        let place = format!("catalogue.toml:{line}:{column}: error[E0010]");
        assert!(
            report.lines().any(|l| l.contains(&place) && l.contains(message)),
            "{place} {message}\n{report}"
        );
    }
    // "fo" is a language of the catalogue the theme has no UI strings for.
    let (report, line) = check_languages("[\"en\", \"fo\"]");
    let place = format!("catalogue.toml:{line}:20: error[E0010]");
    assert!(
        report
            .lines()
            .any(|l| l.contains(&place) && l.contains("no UI strings for the site language \"fo\"")),
        "{report}"
    );
}

#[test]
fn a_translated_title_is_the_title_of_its_language_s_pages_and_search_cards() {
    let catalogue = TestCatalogue::fixture("valid");
    let settings = std::fs::read_to_string(catalogue.root().join("catalogue.toml")).unwrap();
    catalogue.write(
        "catalogue.toml",
        settings.replace("languages = [\"en\"]", "languages = [\"en\", \"sv\", \"fi\"]"),
    );
    let case_path = catalogue.root().join("cases/SE/digital-colleague.md");
    let case = std::fs::read_to_string(&case_path).unwrap();
    let end = case[3..].find("+++").unwrap() + 3;
    let translated = format!(
        "{}[translations.sv]\ntitle = \"Den digitala kollegan i åtta kommuner\"\n{}",
        &case[..end],
        &case[end..]
    );
    std::fs::write(&case_path, translated).unwrap();
    let output = catalogue.build_site();
    assert!(output.status.success(), "{}", stderr(&output));
    let swedish = read(&catalogue, "sv/cases/se/digital-colleague/index.html");
    assert!(
        swedish.contains("<h1 lang=\"sv\">Den digitala kollegan i åtta kommuner</h1>"),
        "{swedish}"
    );
    let english = read(&catalogue, "cases/se/digital-colleague/index.html");
    assert!(!english.contains("Den digitala kollegan i åtta kommuner</h1>"));
    // So is it wherever the Swedish pages list the case by its title.
    let network = read(&catalogue, "sv/municipalities/co-operation/index.html");
    assert!(
        network.contains("lang=\"sv\">Den digitala kollegan i åtta kommuner</a>"),
        "{network}"
    );
    let category = read(&catalogue, "sv/categories/internal/index.html");
    assert!(category.contains("lang=\"sv\"><a href=\"../../cases/se/digital-colleague/\">Den digitala kollegan i åtta kommuner</a>"), "{category}");
    // The one search card of the case carries the Swedish title for the
    // Swedish pages, marked with its language, and nothing for the Finnish.
    let site = catalogue.dir.path().join("site");
    let card = tree(&site)
        .into_iter()
        .filter(|(path, _)| path.starts_with("search/cards/"))
        .map(|(_, bytes)| serde_json::from_slice::<serde_json::Value>(&bytes).unwrap())
        .find(|card| card["id"] == "se/digital-colleague")
        .expect("the case has a search card");
    assert_eq!(
        card["localised"]["sv"]["title"],
        "Den digitala kollegan i åtta kommuner"
    );
    assert_eq!(card["localised"]["sv"]["title_lang"], "sv");
    assert_eq!(card["localised"]["sv"]["summary_lang"], "en");
    assert!(card["localised"].get("fi").is_none(), "{card}");
    // Sorting by title, the Swedish page sorts the titles it shows.
    let titles = |file: &str| -> Vec<String> { serde_json::from_str(&read(&catalogue, file)).unwrap() };
    assert!(
        titles("search/sort/title.sv.json").contains(&"Den digitala kollegan i åtta kommuner".to_string())
    );
    assert!(titles("search/sort/title.json").contains(&"The digital colleague".to_string()));
    assert_eq!(
        titles("search/sort/title.fi.json"),
        titles("search/sort/title.json")
    );
}

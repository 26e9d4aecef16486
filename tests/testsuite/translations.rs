//! Translated titles and summaries (`[translations.<language>]`): checked
//! with positions and fixes, written by `new`, kept in order by `fmt`,
//! described by `schema`, found by `search`, and shown on the pages of a
//! site and in an appendix in that language.

use crate::harness::{TestCatalogue, fixtures, json_diagnostics, stderr, stdout};

const CASE: &str = "cases/SE/digital-colleague.md";

/// Faithful to the fixture's English title and summary.
const SWEDISH: &str = "\n[translations.sv]\n\
title = \"Den digitala kollegan\"\n\
summary = \"Ett gemensamt digitalt samarbetsrum där socialarbetare i landsbygdskommuner ställer och besvarar varandras frågor.\"\n";

/// The valid fixture case with `tables` added at the end of its front
/// matter and, when `local_title` is false, without its `title_local`.
fn case_with(tables: &str, local_title: bool) -> String {
    let text = std::fs::read_to_string(fixtures().join("valid").join(CASE)).unwrap();
    let text = if local_title {
        text
    } else {
        text.replace("title_local = \"Den digitala kollegan\"\n", "")
    };
    let end = text[3..].find("\n+++").unwrap() + 3;
    format!("{}\n{}{}", &text[..end], tables.trim_end(), &text[end..])
}

fn catalogue_with(tables: &str) -> TestCatalogue {
    let catalogue = TestCatalogue::base();
    catalogue.write(CASE, case_with(tables, true));
    catalogue
}

/// The 1-based line of `catalogue`'s case file on which `needle` starts.
fn line_of(catalogue: &TestCatalogue, needle: &str) -> u64 {
    let text = std::fs::read_to_string(catalogue.root().join(CASE)).unwrap();
    let offset = text.find(needle).unwrap();
    text[..offset].matches('\n').count() as u64 + 1
}

fn set_site_language(catalogue: &TestCatalogue, language: &str) {
    let path = catalogue.root().join("catalogue.toml");
    let config = std::fs::read_to_string(&path).unwrap();
    let start = config.find("\nlanguage = \"").unwrap() + 1;
    let end = start + config[start..].find('\n').unwrap();
    let config = format!("{}language = \"{language}\"{}", &config[..start], &config[end..]);
    std::fs::write(&path, config).unwrap();
}

/// The case page of the built site (where `cases.json` says it is) and the
/// site's home page.
fn built_pages(catalogue: &TestCatalogue) -> (String, String) {
    let output = catalogue.build_site();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let site = catalogue.dir.path().join("site");
    let cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/cases.json")).unwrap()).unwrap();
    let path = cases[0]["path"].as_str().unwrap();
    let page = std::fs::read_to_string(site.join(path).join("index.html")).unwrap();
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    (page, home)
}

#[test]
fn a_translation_shows_on_the_pages_in_its_language_and_english_elsewhere() {
    let catalogue = catalogue_with(&format!(
        "{SWEDISH}\n[translations.da]\ntitle = \"Den digitale kollega\"\n"
    ));
    let check = catalogue.check("short");
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    set_site_language(&catalogue, "sv");
    let (page, home) = built_pages(&catalogue);
    assert!(
        page.contains("<h1 lang=\"sv\">Den digitala kollegan</h1>"),
        "{page}"
    );
    assert!(page.contains(
        "<p class=\"lead\" lang=\"sv\">Ett gemensamt digitalt samarbetsrum där socialarbetare i landsbygdskommuner ställer och besvarar varandras frågor.</p>"
    ));
    assert!(!page.contains("<h1 lang=\"en\">"));
    assert!(
        home.contains("<h3 lang=\"sv\"><a href="),
        "the card is translated too"
    );

    // Danish has a title only: the summary stays English, marked so.
    set_site_language(&catalogue, "da");
    let (page, _) = built_pages(&catalogue);
    assert!(
        page.contains("<h1 lang=\"da\">Den digitale kollega</h1>"),
        "{page}"
    );
    assert!(page.contains("<p class=\"lead\" lang=\"en\">A shared digital collaboration space"));
    // The local title is still shown beside a title in another language.
    assert!(page.contains("<p class=\"local-title\" lang=\"en\">Den digitala kollegan</p>"));

    // A language without a translation gets the English text, marked so.
    set_site_language(&catalogue, "fi");
    let (page, home) = built_pages(&catalogue);
    assert!(
        page.contains("<h1 lang=\"en\">The digital colleague</h1>"),
        "{page}"
    );
    assert!(page.contains("<p class=\"lead\" lang=\"en\">A shared digital"));
    assert!(home.contains("<h3 lang=\"en\"><a href="));

    let site = catalogue.dir.path().join("site");
    let cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/cases.json")).unwrap()).unwrap();
    assert_eq!(cases[0]["translations"]["sv"]["title"], "Den digitala kollegan");
    assert_eq!(cases[0]["translations"]["da"]["title"], "Den digitale kollega");
    assert!(cases[0]["translations"]["da"].get("summary").is_none());
    let csv = std::fs::read_to_string(site.join("data/cases.csv")).unwrap();
    assert!(
        !csv.contains("Den digitale kollega"),
        "the CSV leaves translations out"
    );
}

#[test]
fn an_unknown_language_is_reported_where_it_is_with_the_nearest_one() {
    let catalogue = catalogue_with(
        "\n[translations.SV]\ntitle = \"Den digitala kollegan\"\n\n[translations.xx]\ntitle = \"x\"\n",
    );
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = json_diagnostics(&output);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    let first = &diagnostics[0];
    assert_eq!(first["code"], "E0211");
    assert_eq!(
        first["line"].as_u64(),
        Some(line_of(&catalogue, "[translations.SV]"))
    );
    assert_eq!(first["column"].as_u64(), Some(15));
    assert_eq!(first["message"], "\"SV\" is not a language of the catalogue");
    assert!(
        first["help"]
            .as_str()
            .unwrap()
            .starts_with("did you mean [translations.sv]?"),
        "{first}"
    );
    let second = &diagnostics[1];
    assert_eq!(second["code"], "E0211");
    assert!(
        second["help"]
            .as_str()
            .unwrap()
            .starts_with("use one of the languages \"sv\"")
    );

    let english = catalogue_with("\n[translations.en]\ntitle = \"The digital colleague\"\n");
    let diagnostics = json_diagnostics(&english.check("json"));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E0212");
    assert_eq!(diagnostics[0]["severity"], "error");
}

#[test]
fn empty_long_misnamed_and_missing_texts_are_reported_in_one_run() {
    let long_title = "å".repeat(121);
    let long_summary = "ø".repeat(501);
    let catalogue = catalogue_with(&format!(
        "\n[translations.sv]\ntitle = \"\"\nsumary = \"Ett samarbetsrum.\"\n\n\
         [translations.da]\ntitle = \"{long_title}\"\nsummary = \"{long_summary}\"\n\n\
         [translations.fi]\n\n\
         [translations.nb]\ntitle = 7\n\n\
         [translations.nn]\ntitle = \"{}\"\nsummary = \"{}\"\n",
        "å".repeat(120),
        "ø".repeat(500)
    ));
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let found: Vec<(String, u64)> = json_diagnostics(&output)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = vec![
        ("E0204".to_string(), line_of(&catalogue, "title = \"\"")),
        ("E0202".to_string(), line_of(&catalogue, "sumary")),
        (
            "E0204".to_string(),
            line_of(&catalogue, &format!("title = \"{long_title}\"")),
        ),
        (
            "E0204".to_string(),
            line_of(&catalogue, &format!("summary = \"{long_summary}\"")),
        ),
        ("E0201".to_string(), line_of(&catalogue, "[translations.fi]")),
        ("E0203".to_string(), line_of(&catalogue, "title = 7")),
    ];
    assert_eq!(found, expected, "the texts at the limits (nn) pass");
    let diagnostics = json_diagnostics(&output);
    assert_eq!(diagnostics[1]["help"], "did you mean `summary`?");
    assert_eq!(
        diagnostics[2]["message"],
        "`translations.da.title` is 121 characters long; at most 120 are allowed"
    );
    assert_eq!(
        diagnostics[3]["message"],
        "`translations.da.summary` is 501 characters long; at most 500 are allowed"
    );
}

#[test]
fn fmt_puts_translations_in_order_once() {
    let catalogue = catalogue_with(
        "\n[translations.sv]\nsummary = 'Ett samarbetsrum.'\ntitle = \"Den digitala kollegan\"\n\n\
         # Danish\n[translations.da]\ntitle = \"Den digitale kollega\"\n",
    );
    let output = catalogue.run(&["fmt", "--catalogue", "catalogue"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(catalogue.root().join(CASE)).unwrap();
    assert!(
        text.contains(
            "# Danish\n[translations.da]\ntitle = \"Den digitale kollega\"\n\n\
             [translations.sv]\ntitle = \"Den digitala kollegan\"\nsummary = \"Ett samarbetsrum.\"\n+++"
        ),
        "{text}"
    );
    let again = catalogue.run(&["fmt", "--catalogue", "catalogue", "--check"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let check = catalogue.check("short");
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn the_schema_describes_translations_as_check_does() {
    let catalogue = TestCatalogue::base();
    let output = catalogue.run(&["schema", "--catalogue", "catalogue"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let schema: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let translations = &schema["properties"]["translations"];
    let languages = translations["propertyNames"]["enum"].as_array().unwrap();
    assert!(languages.contains(&serde_json::json!("sv")));
    assert!(!languages.contains(&serde_json::json!("en")));
    let validator = jsonschema::validator_for(&schema).unwrap();

    let front_matter = |tables: &str| crate::schema::front_matter(&case_with(tables, true));
    assert!(validator.is_valid(&front_matter(SWEDISH)));
    for wrong in [
        "\n[translations.en]\ntitle = \"x\"\n",
        "\n[translations.se]\ntitle = \"x\"\n",
        "\n[translations.sv]\ntitle = \"\"\n",
        "\n[translations.sv]\nsumary = \"x\"\n",
        "\n[translations.fi]\n",
    ] {
        assert!(!validator.is_valid(&front_matter(wrong)), "{wrong}");
    }
    let long = format!("\n[translations.sv]\ntitle = \"{}\"\n", "a".repeat(121));
    assert!(!validator.is_valid(&front_matter(&long)));
}

fn search_ids(catalogue: &TestCatalogue, word: &str) -> Vec<String> {
    let output = catalogue.run(&["search", "--catalogue", "catalogue", "--format", "json", word]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn search_finds_a_case_by_a_word_only_in_its_swedish_title() {
    // Without its local title, "kollegan" is in no text of the case...
    let without = TestCatalogue::base();
    without.write(CASE, case_with("", false));
    assert!(search_ids(&without, "kollegan").is_empty());

    // ...until its Swedish title has it, analysed as Swedish: the
    // indefinite "kollega" shares the stem.
    let with = TestCatalogue::base();
    with.write(CASE, case_with(SWEDISH, false));
    assert_eq!(search_ids(&with, "kollegan"), ["se/digital-colleague"]);
    assert_eq!(search_ids(&with, "kollega"), ["se/digital-colleague"]);
    assert_eq!(search_ids(&with, "samarbetsrum"), ["se/digital-colleague"]);
}

#[test]
fn new_writes_the_translations_asked_for_and_refuses_an_unknown_language() {
    let catalogue = TestCatalogue::base();
    let new = |args: &[&str]| {
        let mut all = vec!["new", "--catalogue", "catalogue", "--color", "never"];
        all.extend_from_slice(args);
        catalogue.run(&all)
    };
    let output = new(&[
        "shared-system",
        "--country",
        "SE",
        "--municipality",
        "Vilhelmina",
        "--translation",
        "sv",
        "--translation",
        "fi",
        "--translation",
        "sv",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(catalogue.root().join("cases/SE/shared-system.md")).unwrap();
    assert_eq!(text.matches("[translations.sv]").count(), 1);
    assert!(text.contains(
        "[translations.fi]\ntitle = \"TODO: the title in Finnish\"\nsummary = \"TODO: the summary in Finnish\"\n+++"
    ));
    let diagnostics = json_diagnostics(&catalogue.check("json"));
    let line = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() as u64 + 1;
    let tables = line("[translations.sv]")..line("\n+++\n") + 1;
    let in_translations: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| tables.contains(&d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(in_translations.len(), 4, "{in_translations:?}");
    assert!(in_translations.iter().all(|d| d["code"] == "E0209"));

    let refused = new(&["other-system", "--country", "SE", "--translation", "se"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("error[E0211]"), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("did you mean [translations.sv]?"));
    assert!(!catalogue.root().join("cases/SE/other-system.md").exists());

    // Without --translation, an example in comments that keeps the file as it was.
    let plain = new(&["third-system", "--country", "SE"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    let text = std::fs::read_to_string(catalogue.root().join("cases/SE/third-system.md")).unwrap();
    assert!(text.contains("# [translations.sv]\n"));
    assert!(!text.contains("\n[translations."));
}

/// `catalogue appendix --format html --lang <lang>` of `catalogue`.
fn appendix_html(catalogue: &TestCatalogue, lang: &str) -> String {
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
}

#[test]
fn an_appendix_in_another_language_uses_the_translations() {
    let catalogue = catalogue_with(&format!(
        "{SWEDISH}\n[translations.da]\ntitle = \"Den digitale kollega\"\n"
    ));
    let swedish = appendix_html(&catalogue, "sv");
    assert!(
        swedish.contains("<span lang=\"sv\">Den digitala kollegan</span></h4>"),
        "{swedish}"
    );
    assert!(
        swedish
            .contains("<p class=\"lead\" lang=\"sv\">Ett gemensamt digitalt samarbetsrum där socialarbetare")
    );
    assert!(!swedish.contains("The digital colleague"), "{swedish}");

    // Danish has a title only: the summary stays English, marked so, and
    // the local title is still shown beside the Danish one.
    let danish = appendix_html(&catalogue, "da");
    assert!(
        danish.contains("<span lang=\"da\">Den digitale kollega</span></h4>"),
        "{danish}"
    );
    assert!(danish.contains("<p class=\"lead\" lang=\"en\">A shared digital collaboration space"));
    assert!(danish.contains(">Den digitala kollegan</p>"), "{danish}");

    // Without a translation, the English title and summary, marked so.
    let finnish = appendix_html(&catalogue, "fi");
    assert!(
        finnish.contains("<span lang=\"en\">The digital colleague</span></h4>"),
        "{finnish}"
    );
    assert!(finnish.contains("<p class=\"lead\" lang=\"en\">A shared digital"));
}

//! `catalogue search`: the query language, filters, typo tolerance, and
//! cross-lingual search on the shipped catalogue.

use std::process::Output;

use crate::harness::stderr;

fn search(args: &[&str]) -> Output {
    crate::harness::catalogue_command()
        .arg("search")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// The ids of the JSON results, in order.
fn ids(args: &[&str]) -> Vec<String> {
    let mut all = args.to_vec();
    all.extend(["--format", "json", "--limit", "100"]);
    let output = search(&all);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            for key in ["id", "type", "title", "score"] {
                assert!(!row[key].is_null(), "{key} missing in {row}");
            }
            let study = row["type"] == "study";
            assert_eq!(
                study,
                row["id"].as_str().unwrap().starts_with("research/"),
                "{row}"
            );
            let own = if study {
                ["countries", "authors", "year", "kind"].as_slice()
            } else {
                ["country"].as_slice()
            };
            for key in own {
                assert!(!row[key].is_null(), "{key} missing in {row}");
            }
            row["id"].as_str().unwrap().to_string()
        })
        .collect()
}

/// Issue 23: the studies of the research mapping are found with the cases,
/// by the words of their titles, summaries and authors, through the same
/// analyzers; `--type` keeps one kind of document, and the filters a study
/// has a value of apply to it.
#[test]
fn studies_are_found_by_their_words_and_filtered_by_type() {
    // A title word: the study's id is research/<key>, its type study.
    let found = ids(&["Teledialog"]);
    assert!(
        found.contains(&"research/ballegaard-2018".to_string()),
        "{found:?}"
    );
    let output = search(&["Teledialog", "--type", "study", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows[0]["id"], "research/ballegaard-2018");
    assert_eq!(rows[0]["type"], "study");
    assert_eq!(rows[0]["year"], 2018);
    assert_eq!(rows[0]["kind"], "report");
    assert_eq!(rows[0]["countries"], serde_json::json!(["DK"]));
    assert!(text(&["Teledialog"]).contains("[research/ballegaard-2018]"));
    // An author, found only as a study.
    let nordregio = ids(&["Nordregio"]);
    assert!(
        nordregio.contains(&"research/nordregio-2021-4".to_string()),
        "{nordregio:?}"
    );
    assert!(
        ids(&["Nordregio", "--type", "case"])
            .iter()
            .all(|id| !id.starts_with("research/"))
    );
    assert_eq!(
        ids(&["Teledialog", "--type", "case"]),
        ["dk/teledialog-placed-children-caseworkers"]
    );
    // A word of cases and studies alike: each type keeps its own.
    let all = ids(&["digital"]);
    let cases = ids(&["digital", "--type", "case"]);
    let studies = ids(&["digital", "--type", "study"]);
    assert!(!cases.is_empty() && !studies.is_empty(), "{all:?}");
    assert!(studies.iter().all(|id| id.starts_with("research/")));
    assert!(cases.iter().all(|id| !id.starts_with("research/")));
    assert_eq!(all.len(), cases.len() + studies.len());
    // A Swedish title by an inflected form ("lösningar": "lösningen").
    assert!(ids(&["lösningen"]).contains(&"research/hjelte-2023".to_string()));
    // Countries and themes filter studies; a municipality leaves them out.
    assert!(ids(&["Nordregio", "--country", "is"]).contains(&"research/nordregio-2021-4".to_string()));
    assert!(!ids(&["Teledialog", "--country", "SE"]).contains(&"research/ballegaard-2018".to_string()));
    assert!(ids(&["Teledialog", "--category", "external"]).contains(&"research/ballegaard-2018".to_string()));
    assert!(!ids(&["Teledialog", "--category", "ai"]).contains(&"research/ballegaard-2018".to_string()));
    assert!(
        ids(&["kommun", "--municipality", "Ånge"])
            .iter()
            .all(|id| !id.starts_with("research/"))
    );
    let refused = search(&["digital", "--type", "article"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
}

/// Related cases come from the index the studies are in, and are never
/// studies; the site lists a card per study after the cases' cards.
#[test]
fn related_cases_are_never_studies() {
    let paths = catalogue::CataloguePaths::new(format!("{}/examples-catalogue", env!("CARGO_MANIFEST_DIR")));
    let checked = catalogue::check(&paths, crate::harness::today()).unwrap();
    let catalogue = checked.catalogue.unwrap();
    assert!(!catalogue.studies.is_empty());
    let data = catalogue::search::index::build(&catalogue).unwrap();
    assert_eq!(data.related.len(), catalogue.cases.len());
    assert_eq!(data.studies.len(), catalogue.studies.len());
    for related in &data.related {
        assert!(
            related
                .iter()
                .all(|&other| (other as usize) < catalogue.cases.len())
        );
    }
    assert!(data.related.iter().filter(|related| related.len() == 4).count() > catalogue.cases.len() / 2);
    // The related cases are those of the cases alone: the studies' words
    // do not weigh in, so a case page does not change with the bibliography.
    let mut without = catalogue::check(&paths, crate::harness::today())
        .unwrap()
        .catalogue
        .unwrap();
    without.studies.clear();
    let cases_only = catalogue::search::index::build(&without).unwrap();
    assert_eq!(data.related, cases_only.related);
    assert!(cases_only.studies.is_empty());
    let first_study = catalogue.cases.len() as u32;
    assert_eq!(data.study_of(first_study), Some(0));
    assert_eq!(data.study_of(first_study - 1), None);
    assert_eq!(data.study_of(first_study + catalogue.studies.len() as u32), None);
}

fn text(args: &[&str]) -> String {
    String::from_utf8(search(args).stdout).unwrap()
}

#[test]
fn every_word_must_match_or_the_search_says_it_fell_back() {
    let both = ids(&["digital", "colleague"]);
    assert_eq!(both.first().map(String::as_str), Some("se/digital-colleague"));
    for id in &both {
        assert!(ids(&["digital"]).contains(id) && ids(&["colleague"]).contains(id));
    }
    let output = text(&["kombit", "qqqqqqqq"]);
    assert!(output.contains("no case matches every word"), "{output}");
    assert!(output.contains("dk/dubu-and-ky-through-kombit"));
    assert!(text(&["qqqqqqqq"]).contains("no cases or studies found"));
}

#[test]
fn inflected_forms_find_the_same_stem() {
    // Swedish "kommunerna" and "kommuner" share the stem "kommun". (Not as
    // the last word, which also stands for the longer words it begins.)
    // Ranks may differ a little: a surface form can also occur in other
    // fields (names, other languages) than its inflections.
    let mut definite = ids(&["kommunerna", "digital"]);
    let mut plain = ids(&["kommuner", "digital"]);
    assert!(!definite.is_empty());
    definite.sort();
    plain.sort();
    assert_eq!(definite, plain);
}

#[test]
fn a_typo_finds_the_nearest_words_and_says_so() {
    let output = text(&["trelleborgg"]);
    assert!(
        output.contains("\"trelleborgg\" is not in the catalogue; searched for trelleborg"),
        "{output}"
    );
    assert!(output.contains("se/trelleborg-automated-financial-assistance"));
}

#[test]
fn the_last_word_also_matches_as_a_prefix() {
    let output = text(&["norrbott"]);
    assert!(output.contains("as the start of: norrbotten"), "{output}");
    assert!(output.contains("se/norrbotten-shared-social-services-system"));
}

#[test]
fn filters_narrow_the_results() {
    let all = ids(&["digital"]);
    let swedish = ids(&["digital", "--country", "se"]);
    assert!(!swedish.is_empty() && swedish.len() < all.len());
    // Cases of Sweden, and studies that cover it.
    assert!(
        swedish
            .iter()
            .all(|id| id.starts_with("se/") || id.starts_with("research/"))
    );
    assert!(swedish.iter().any(|id| id.starts_with("se/")));
    let ai = ids(&["digital", "--category", "ai"]);
    assert!(!ai.is_empty() && ai.len() < all.len());
    let eidskog = ids(&["digital", "--municipality", "Eidskog"]);
    assert_eq!(eidskog, ["no/digisos-digital-application-social-assistance"]);
    let ambiguous = search(&["digital", "--municipality", "Herøy"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(stderr(&ambiguous).contains("names several municipalities"));
}

/// A query in one language finds a case whose file does not contain the
/// query's words at all: only the thesaurus links them.
#[test]
fn a_query_in_each_language_finds_cases_written_in_another() {
    for (language, query, expected) in [
        (
            "sv",
            "ekonomiskt bistånd",
            "no/digisos-digital-application-social-assistance",
        ),
        ("nb", "barnevern", "dk/dubu-and-ky-through-kombit"),
        ("da", "kontanthjælp", "is/joint-application-financial-assistance"),
        (
            "fi",
            "toimeentulotuki",
            "no/digisos-digital-application-social-assistance",
        ),
        ("en", "child protection", "dk/dubu-and-ky-through-kombit"),
    ] {
        let words: Vec<&str> = query.split(' ').collect();
        let found = ids(&words);
        assert!(
            found.contains(&expected.to_string()),
            "{language} \"{query}\" did not find {expected}: {found:?}"
        );
        let (country, slug) = expected.split_once('/').unwrap();
        let file = format!(
            "{}/examples-catalogue/cases/{}/{slug}.md",
            env!("CARGO_MANIFEST_DIR"),
            country.to_uppercase()
        );
        let text = std::fs::read_to_string(file).unwrap().to_lowercase();
        assert!(!text.contains(query), "{expected} contains \"{query}\" itself");
        assert!(
            !text.contains(&format!("language = \"{language}\"")),
            "{expected} is written in {language}"
        );
    }
}

/// "Municipalities like mine" as search filters: a case passes a size-class
/// or sparse filter when any of its municipalities is in the group.
#[test]
fn size_class_and_sparse_filters_keep_cases_of_matching_municipalities() {
    let paths = catalogue::CataloguePaths::new(format!("{}/examples-catalogue", env!("CARGO_MANIFEST_DIR")));
    let checked = catalogue::check(&paths, crate::harness::today()).unwrap();
    let catalogue = checked.catalogue.unwrap();
    let data = catalogue::search::index::build(&catalogue).unwrap();
    let config = &catalogue.config;
    let everything = data.search("kommun", &Default::default());
    for class in &config.size_classes {
        let filters = catalogue::search::Filters {
            size_class: Some(class.id().to_string()),
            ..Default::default()
        };
        let found: Vec<u32> = data
            .search("kommun", &filters)
            .hits
            .iter()
            .map(|hit| hit.ordinal)
            .collect();
        for hit in &everything.hits {
            let Some(case) = catalogue.cases.get(hit.ordinal as usize) else {
                // A study has no municipality, so no size class.
                assert!(
                    !found.contains(&hit.ordinal),
                    "a study passed a size-class filter"
                );
                continue;
            };
            let in_class = case.municipalities.iter().any(|m| {
                let row = catalogue.register.by_code(&m.country, &m.code).unwrap();
                row.population
                    .and_then(|p| config.size_class(p))
                    .is_some_and(|c| c.id() == class.id())
            });
            assert_eq!(
                found.contains(&hit.ordinal),
                in_class,
                "{} in {}",
                case.id(),
                class.id()
            );
        }
    }
    let sparse = catalogue::search::Filters {
        sparse: Some("sparsely-populated".into()),
        ..Default::default()
    };
    let found = data.search("kommun", &sparse).hits;
    assert!(!found.is_empty() && found.len() < everything.hits.len());
}

/// The shipped catalogue built into a temporary folder: the folder and its
/// open-data cases.
fn built_examples() -> (tempfile::TempDir, Vec<serde_json::Value>) {
    let out = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let output = crate::harness::catalogue_command()
        .args(["build", "--catalogue", &format!("{root}/examples-catalogue")])
        .args(["--theme", &format!("{root}/themes/default"), "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let cases = read_json(out.path(), "data/cases.json");
    (out, cases.as_array().unwrap().clone())
}

fn read_json(site: &std::path::Path, path: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(site.join(path)).unwrap()).unwrap()
}

/// The browser lists the catalogue with no word from browse.json, sorts it
/// with the files under sort/, and filters by co-operation form and body
/// with facets.json: each agrees with the cases' own data.
#[test]
fn the_search_export_lists_sorts_and_counts_every_case() {
    let (site, cases) = built_examples();
    let site = site.path();
    let field = |case: &serde_json::Value, key: &str| case[key].as_str().unwrap().to_string();
    // A year alone starts on its first day.
    let started = |case: &serde_json::Value| {
        let text = field(case, "started");
        if text.len() == 4 {
            format!("{text}-01-01")
        } else {
            text
        }
    };
    let newest_first = |key: &dyn Fn(&serde_json::Value) -> String| -> Vec<usize> {
        let mut ordinals: Vec<usize> = (0..cases.len()).collect();
        ordinals.sort_by(|&a, &b| key(&cases[b]).cmp(&key(&cases[a])).then(a.cmp(&b)));
        ordinals
    };
    let reviewed = newest_first(&|case| field(case, "reviewed"));
    let order = |key: &str| -> Vec<usize> {
        serde_json::from_value(read_json(site, &format!("search/sort/{key}.json"))).unwrap()
    };
    assert_eq!(order("reviewed"), reviewed);
    let by_start = newest_first(&started);
    assert_eq!(order("started"), by_start);
    assert_ne!(
        by_start,
        (0..cases.len()).collect::<Vec<_>>(),
        "the start order is not catalogue order"
    );
    let titles: Vec<String> = serde_json::from_value(read_json(site, "search/sort/title.json")).unwrap();
    let browse = read_json(site, "search/browse.json");
    // The studies' titles follow the cases'.
    let studies = browse["studies"].as_u64().unwrap() as usize;
    assert!(studies > 0);
    assert_eq!(titles.len(), cases.len() + studies);
    assert_eq!(
        titles[..cases.len()],
        cases.iter().map(|case| field(case, "title")).collect::<Vec<_>>()
    );
    assert_eq!(browse["cases"], cases.len());
    // The studies' cards follow the cases'; their type is their ordinal's,
    // and facets.json has only their countries and themes.
    let card = read_json(site, &format!("search/cards/{}.json", cases.len()));
    assert_eq!(card["type"], "study");
    assert!(card["id"].as_str().unwrap().starts_with("research/"), "{card}");
    assert!(card["url"].as_str().unwrap().starts_with("research/"), "{card}");
    assert!(read_json(site, "search/cards/0.json")["type"].is_null());
    let types = browse["values"]["type"].as_array().unwrap();
    assert_eq!(types[0][0], "case");
    assert_eq!(types[0][2], cases.len());
    assert_eq!(types[1][0], "study");
    assert_eq!(types[1][2], studies);
    let of_studies = &read_json(site, "search/facets.json")["studies"];
    let study_names: Vec<&String> = of_studies.as_object().unwrap().keys().collect();
    assert_eq!(study_names, ["category", "country"]);
    assert_eq!(of_studies["country"].as_array().unwrap().len(), studies);
    let first: Vec<usize> = serde_json::from_value(browse["first"].clone()).unwrap();
    assert_eq!(first, reviewed[..20]);
    // The small columns are in facets.json, the place columns (most of the
    // bytes at scale) in places.json; each column is in one of them.
    let facets = read_json(site, "search/facets.json");
    let places = read_json(site, "search/places.json");
    let small_names: Vec<&String> = facets["columns"].as_object().unwrap().keys().collect();
    let place_names: Vec<&String> = places["columns"].as_object().unwrap().keys().collect();
    assert_eq!(place_names, ["body", "municipality"]);
    assert_eq!(small_names.len(), 7, "{small_names:?}");
    assert!(small_names.iter().all(|name| !place_names.contains(name)));
    for (name, file, values_of) in [
        (
            "cooperation",
            &facets,
            &(|case: &serde_json::Value| vec![field(case, "cooperation")])
                as &dyn Fn(&serde_json::Value) -> Vec<String>,
        ),
        ("body", &places, &|case: &serde_json::Value| {
            case["bodies"]
                .as_array()
                .unwrap()
                .iter()
                .map(|body| field(body, "id"))
                .collect()
        }),
    ] {
        let values = browse["values"][name].as_array().unwrap();
        assert!(values.len() > 1, "{name}: {values:?}");
        for value in values {
            let id = value[0].as_str().unwrap();
            let expected = cases
                .iter()
                .filter(|case| values_of(case).iter().any(|v| v == id))
                .count();
            assert_eq!(value[2], expected, "{name} {id}");
            assert!(!value[1].as_str().unwrap().is_empty(), "{name} {id} has no label");
        }
        for (ordinal, case) in cases.iter().enumerate() {
            let cell = &file["columns"][name][ordinal];
            let indices: Vec<usize> = if cell.is_array() {
                serde_json::from_value(cell.clone()).unwrap()
            } else {
                vec![cell.as_u64().unwrap() as usize]
            };
            let named: Vec<String> = indices
                .iter()
                .map(|&i| values[i][0].as_str().unwrap().to_string())
                .collect();
            assert_eq!(named, values_of(case), "{name} of {}", field(case, "id"));
        }
    }
    // The cooperation labels are the vocabulary's, not its ids.
    let informal = browse["values"]["cooperation"]
        .as_array()
        .unwrap()
        .iter()
        .find(|value| value[0] == "informal-network")
        .unwrap();
    assert_eq!(informal[1], "Informal network");
}

/// Issue 20, places: a case is found by the regions of its municipalities
/// and of its bodies' members, by every name form of the register (the
/// Swedish name of a Finnish municipality), and by an inflected place name.
#[test]
fn a_case_is_found_by_its_regions_and_every_name_of_its_places() {
    let paths = catalogue::CataloguePaths::new(format!("{}/examples-catalogue", env!("CARGO_MANIFEST_DIR")));
    let checked = catalogue::check(&paths, crate::harness::today()).unwrap();
    let catalogue = checked.catalogue.unwrap();
    let data = catalogue::search::index::build(&catalogue).unwrap();
    let finds = |query: &str, ordinal: usize| {
        data.search(query, &Default::default())
            .hits
            .iter()
            .any(|hit| hit.ordinal as usize == ordinal)
    };
    let mut checked_places = 0;
    for (ordinal, case) in catalogue.cases.iter().enumerate() {
        let members = case.bodies.iter().flat_map(|body| &body.members);
        for reference in case.municipalities.iter().chain(members) {
            let row = catalogue
                .register
                .by_code(&reference.country, &reference.code)
                .unwrap();
            if !row.region.is_empty() {
                assert!(
                    finds(&row.region, ordinal),
                    "{} not found by its region {:?}",
                    case.id(),
                    row.region
                );
                checked_places += 1;
            }
        }
        for reference in &case.municipalities {
            let row = catalogue
                .register
                .by_code(&reference.country, &reference.code)
                .unwrap();
            for (_, name) in row.other_names() {
                assert!(finds(name, ordinal), "{} not found by {name:?}", case.id());
            }
        }
    }
    assert!(checked_places > 20, "only {checked_places} places checked");
    // Lappi's genitive, as in "Lapin hyvinvointialue": every case in
    // Lapland, also those run through the county with no municipality named.
    let lapland: Vec<usize> = catalogue
        .cases
        .iter()
        .enumerate()
        .filter(|(_, case)| {
            let members = case.bodies.iter().flat_map(|body| &body.members);
            case.municipalities.iter().chain(members).any(|m| {
                catalogue
                    .register
                    .by_code(&m.country, &m.code)
                    .is_some_and(|row| row.region == "Lappi")
            })
        })
        .map(|(ordinal, _)| ordinal)
        .collect();
    assert!(lapland.len() >= 3, "{lapland:?}");
    for ordinal in lapland {
        assert!(
            finds("Lapin", ordinal),
            "{} not found by \"Lapin\"",
            catalogue.cases[ordinal].id()
        );
        assert!(
            finds("Lappi", ordinal),
            "{} not found by \"Lappi\"",
            catalogue.cases[ordinal].id()
        );
    }
}

/// A case of the `valid` fixture with another title and body, for ranking
/// tests that need words the shipped catalogue does not have.
fn fixture_case(title: &str, body: &str) -> String {
    let template =
        std::fs::read_to_string(crate::harness::fixtures().join("valid/cases/NO/vefsn-crlf-bom.md"))
            .unwrap()
            .replace("\r\n", "\n");
    let front = template.split("+++\n\n").next().unwrap();
    format!("{}+++\n\n{body}\n", front.replace("The digital colleague", title))
        .trim_start_matches('\u{feff}')
        .to_string()
}

fn fixture_ids(catalogue: &crate::harness::TestCatalogue, query: &str) -> (Vec<String>, String) {
    let output = catalogue.run(&["search", query, "--catalogue", "catalogue", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_str().unwrap().to_string())
        .collect();
    let text = catalogue.run(&["search", query, "--catalogue", "catalogue"]);
    (ids, crate::harness::stdout(&text))
}

/// Issue 20, diacritics: a word typed without its diacritics or with the
/// other Nordic letter (`aa` for `å`, `ä` for `æ`) finds the word, and a
/// word's own spelling still ranks first: a case that mentions "Aarhus"
/// once comes before one full of "Århus" for the query "aarhus", and the
/// other way round for "århus".
#[test]
fn a_word_without_its_diacritics_finds_it_and_its_own_spelling_ranks_first() {
    let catalogue = crate::harness::TestCatalogue::fixture("valid");
    catalogue.write(
        "cases/NO/spelled-with-a-ring.md",
        fixture_case("Århus", "Århus, Århus and Århus: the Århus model of Århus."),
    );
    catalogue.write(
        "cases/NO/spelled-with-double-a.md",
        fixture_case(
            "A long story",
            "A long story about many things, among them a visit to Aarhus, told at length \
             with many more words about social work, municipalities, co-operation and the \
             people who run the services every day.",
        ),
    );
    let ring = "no/spelled-with-a-ring";
    let double = "no/spelled-with-double-a";
    let (found, _) = fixture_ids(&catalogue, "aarhus");
    assert_eq!(found, [double, ring]);
    let (found, _) = fixture_ids(&catalogue, "Århus");
    assert_eq!(found, [ring, double]);
    let (found, text) = fixture_ids(&catalogue, "arhus");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        text.contains("\"arhus\" is not in the catalogue; searched for"),
        "{text}"
    );
}

/// Issue 20: `fjarhagsadstod` is three edits from `fjárhagsaðstoð`, but
/// the same word with its diacritics folded away.
#[test]
fn an_icelandic_word_typed_without_its_letters_finds_the_case() {
    let output = text(&["fjarhagsadstod"]);
    assert!(
        output.contains("\"fjarhagsadstod\" is not in the catalogue; searched for fjárhagsaðstoð"),
        "{output}"
    );
    assert_eq!(
        ids(&["fjarhagsadstod"]).first().map(String::as_str),
        Some("is/joint-application-financial-assistance")
    );
    assert_eq!(ids(&["hjalp"]), ids(&["hjälp"]));
}

/// Issue 20: a thesaurus word no case contains (Danish "bistand", of
/// "økonomisk bistand") stands for its concept rather than finding nothing,
/// and a head word ("våld", of "våld i nära relationer"; "väkivalta", of
/// the Finnish compounds) finds the cases of its concept in other
/// languages: the Skaraborg case says "violence".
#[test]
fn a_thesaurus_word_without_postings_and_a_head_word_find_their_concept() {
    let bistand = ids(&["bistand"]);
    for expected in [
        "no/digisos-digital-application-social-assistance",
        "se/trelleborg-automated-financial-assistance",
        "is/joint-application-financial-assistance",
    ] {
        assert!(bistand.contains(&expected.to_string()), "{expected}: {bistand:?}");
    }
    let skaraborg = "se/skaraborg-social-emergency-service-digital-signing";
    let file = std::fs::read_to_string(format!(
        "{}/examples-catalogue/cases/SE/{}.md",
        env!("CARGO_MANIFEST_DIR"),
        skaraborg.trim_start_matches("se/")
    ))
    .unwrap()
    .to_lowercase();
    assert!(!file.contains("våld") && file.contains("violence"));
    // "väkivalta" is the head "lähisuhdeväkivalta" and "perheväkivalta"
    // share, "vold" that of "partnervold" and "familievold".
    for query in ["våld", "vald", "vold", "väkivalta"] {
        assert!(ids(&[query]).contains(&skaraborg.to_string()), "{query}");
    }
}

/// Issue 20: a complete word's longer compounds count at half and bring no
/// concepts: "barnevern" does not find Linköping's placement forecasting
/// through "barnevernsinstitusjon", which is a placement word.
#[test]
fn a_complete_word_does_not_pull_in_the_concepts_of_longer_words() {
    let linkoping = "se/linkoping-placement-forecasting".to_string();
    assert!(ids(&["barnevernsinstitusjon"]).contains(&linkoping));
    let found = ids(&["barnevern"]);
    assert!(found.len() >= 5, "{found:?}");
    assert!(!found.contains(&linkoping), "{found:?}");
    assert_eq!(
        found.first().map(String::as_str),
        Some("no/molde-aukra-vestnes-reports-of-concern-online")
    );
}

/// Issue 20: function words are left out and never corrected into another
/// language's ("mellem" is not "mellom"), and a long query ranks the cases
/// by how many of its words they match instead of all or nothing.
#[test]
fn function_words_are_left_out_and_long_queries_match_most_words() {
    let danish = text(&["samarbejde mellem kommuner om it-systemer"]);
    assert!(!danish.contains("mellom"), "{danish}");
    let found = ids(&["samarbejde mellem kommuner om it-systemer"]);
    assert!(found.len() >= 5, "{found:?}");
    let question = ids(&["how do small municipalities share a social worker"]);
    assert_eq!(question.first().map(String::as_str), Some("se/digital-colleague"));
    assert!(
        !text(&["how do small municipalities share a social worker"]).contains("no case matches every word")
    );
    // No case has all three words: the cases are ranked by how many they
    // have, whatever their scores.
    let query = ids(&["digital colleague kombit"]);
    let alone = |word: &str| ids(&[word, "qqqqqqqq"]);
    let words = [alone("digital"), alone("colleague"), ids(&["kombit"])];
    let counts: Vec<usize> = query
        .iter()
        .map(|id| words.iter().filter(|found| found.contains(id)).count())
        .collect();
    assert!(counts.first().is_some_and(|first| *first >= 2), "{counts:?}");
    assert!(counts.contains(&1), "{counts:?}");
    assert!(
        counts.windows(2).all(|pair| pair[0] >= pair[1]),
        "{query:?} {counts:?}"
    );
}

/// Issue 20, compounds: a compound is split into words of the index's own
/// vocabulary, so that "partnervåld" is also found by "våld" and
/// "lähisuhdeväkivalta" by "väkivalta"; the compound typed as a query also
/// finds its parts, after the cases that have it whole.
#[test]
fn a_compound_is_found_by_its_parts_and_finds_them() {
    let catalogue = crate::harness::TestCatalogue::fixture("valid");
    let in_language = |language: &str, title: &str, body: &str| {
        fixture_case(title, body).replace("language = \"en\"", &format!("language = \"{language}\""))
    };
    catalogue.write(
        "cases/NO/compound.md",
        in_language("sv", "Stöd", "Stöd till den som utsätts för partnervåld."),
    );
    catalogue.write(
        "cases/NO/parts.md",
        in_language("sv", "Skydd", "Skydd mot våld från en partner i hemmet."),
    );
    catalogue.write(
        "cases/NO/finnish-compound.md",
        in_language("fi", "Tuki", "Tukea lähisuhdeväkivalta kokeneille."),
    );
    catalogue.write(
        "cases/NO/finnish-parts.md",
        in_language("fi", "Apu", "Apua väkivalta ja lähisuhde."),
    );
    let (found, _) = fixture_ids(&catalogue, "våld");
    assert_eq!(found, ["no/parts", "no/compound"]);
    let (found, _) = fixture_ids(&catalogue, "partnervåld");
    assert_eq!(found, ["no/compound", "no/parts"]);
    let (found, _) = fixture_ids(&catalogue, "väkivalta");
    assert_eq!(found, ["no/finnish-parts", "no/finnish-compound"]);
}

/// Issue 20, compounds typed as a query: a compound no case has is read as
/// the words cases have that it is made of (with a linking s dropped), so
/// "socialtjänstsamverkan" finds "samverkan inom socialtjänsten"; the
/// output says so. A word still being typed, or one with a case of its
/// own, is never split.
#[test]
fn a_typed_compound_no_case_has_finds_its_parts() {
    let catalogue = crate::harness::TestCatalogue::fixture("valid");
    let in_swedish =
        |title: &str, body: &str| fixture_case(title, body).replace("language = \"en\"", "language = \"sv\"");
    catalogue.write(
        "cases/NO/together.md",
        in_swedish("Ihop", "Samverkan inom socialtjänsten och barnavården."),
    );
    catalogue.write(
        "cases/NO/one-part.md",
        in_swedish("Samverkan", "Samverkan utan mer."),
    );
    let (found, text) = fixture_ids(&catalogue, "socialtjänstsamverkan");
    assert_eq!(found, ["no/together"], "{text}");
    assert!(
        text.contains("searched for its parts socialtjänst + samverkan"),
        "{text}"
    );
    // The linking s of "barnavårds" is dropped: barnavård + samverkan.
    let (found, text) = fixture_ids(&catalogue, "barnavårdssamverkan");
    assert_eq!(found, ["no/together"], "{text}");
    // Still being typed: "samver" begins "samverkan", so it is a prefix, not a split.
    let (_, text) = fixture_ids(&catalogue, "samver");
    assert!(!text.contains("parts"), "{text}");
    // Parts shorter than four letters are never taken.
    let (found, _) = fixture_ids(&catalogue, "ochsamverkan");
    assert!(found.is_empty(), "{found:?}");
}

/// Issue 20, places: an Icelandic place name in another case ("í
/// Skagafirði", "Skagafjarðar") finds the cases of the municipality, as
/// the nominative does.
#[test]
fn an_inflected_icelandic_place_name_finds_its_cases() {
    let ids = |query: &str| -> Vec<String> {
        rows(&[query])
            .iter()
            .map(|row| row["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let nominative = ids("Skagafjörður");
    assert!(!nominative.is_empty());
    for form in ["Skagafirði", "Skagafjarðar", "Skagafjörð"] {
        assert_eq!(ids(form), nominative, "{form}");
    }
}

/// The JSON rows of a search, all of them.
fn rows(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json", "--limit", "100"]);
    let output = search(&all);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    results.as_array().unwrap().clone()
}

fn matched_of<'a>(rows: &'a [serde_json::Value], id: &str) -> &'a Vec<serde_json::Value> {
    let row = rows
        .iter()
        .find(|row| row["id"] == id)
        .unwrap_or_else(|| panic!("{id} not found"));
    row["matched"].as_array().unwrap()
}

/// Issue 20, what matched: a Norwegian word finds a Swedish case through
/// the thesaurus concept, and the result names the concept (in the
/// language asked for) and the Swedish forms the case has.
#[test]
fn a_case_found_in_another_language_names_the_concept_and_the_forms_it_has() {
    let found = rows(&["sosialhjelp", "--lang", "sv"]);
    let swedish = matched_of(&found, "se/strangnas-ai-reports-of-concern");
    assert_eq!(
        swedish,
        &vec![serde_json::json!({
            "word": "sosialhjelp",
            "via": "concept",
            "concept": "financial-assistance",
            "label": "ekonomiskt bistånd",
            "forms": ["försörjningsstöd", "försörjningsstödet"],
        })]
    );
    // The Norwegian case has the word itself.
    let norwegian = matched_of(&found, "no/digisos-digital-application-social-assistance");
    assert_eq!(norwegian[0]["via"], "exact");
    assert_eq!(norwegian[0]["forms"], serde_json::json!(["sosialhjelp"]));
    // In English by default, and the same for people.
    let english = rows(&["sosialhjelp"]);
    assert_eq!(
        matched_of(&english, "se/strangnas-ai-reports-of-concern")[0]["label"],
        "financial assistance"
    );
    let output = text(&["sosialhjelp", "--limit", "20"]);
    assert!(
        output.contains("matched: sosialhjelp → financial assistance — försörjningsstöd, försörjningsstödet"),
        "{output}"
    );
}

/// Issue 20, what matched: a word typed without its diacritics, with a
/// typo, or as the start of longer words says what it was taken for; a
/// query of several words says which of them each case has.
#[test]
fn a_folded_a_mistyped_and_a_partial_word_say_what_they_matched() {
    let folded = rows(&["fjarhagsadstod"]);
    assert_eq!(
        matched_of(&folded, "is/joint-application-financial-assistance"),
        &vec![serde_json::json!({"word": "fjarhagsadstod", "via": "folded", "forms": ["fjárhagsaðstoð"]})]
    );
    let typo = rows(&["sosialhjelpp"]);
    assert_eq!(
        matched_of(&typo, "no/digisos-digital-application-social-assistance"),
        &vec![serde_json::json!({"word": "sosialhjelpp", "via": "typo", "forms": ["sosialhjelp"]})]
    );
    let prefix = rows(&["digita"]);
    let colleague = matched_of(&prefix, "se/digital-colleague");
    assert_eq!(colleague[0]["via"], "prefix");
    assert!(
        colleague[0]["forms"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("digital"))
    );
    let output = text(&["fjarhagsadstod"]);
    assert!(
        output.contains("matched: fjarhagsadstod → fjárhagsaðstoð (other spelling)"),
        "{output}"
    );
    // Partial matches: each row is a word the case has.
    for row in rows(&["AI", "platform", "zebra"]) {
        let words: Vec<&str> = row["matched"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["word"].as_str().unwrap())
            .collect();
        assert!(!words.is_empty() && !words.contains(&"zebra"), "{row}");
    }
}

/// The `matched` field of `--format json`, as README.md documents it.
#[test]
fn every_json_result_says_what_matched_it() {
    let vias = ["exact", "stem", "folded", "typo", "concept", "part", "prefix"];
    let mut seen = std::collections::BTreeSet::new();
    for query in [
        "kommunerna digital",
        "bistand",
        "partnervåld",
        "ekonomiskt bistånd",
        "digita",
        "kommnuer",
    ] {
        for row in rows(&[query]) {
            let matched = row["matched"]
                .as_array()
                .unwrap_or_else(|| panic!("{query}: {row}"));
            assert!(!matched.is_empty(), "{query}: a result matched something: {row}");
            for m in matched {
                let object = m.as_object().unwrap();
                let via = m["via"].as_str().unwrap();
                assert!(vias.contains(&via), "{m}");
                seen.insert(via.to_string());
                assert!(m["word"].as_str().is_some_and(|w| !w.is_empty()), "{m}");
                assert!(m["forms"].as_array().is_some(), "{m}");
                let by_concept = via == "concept";
                assert_eq!(object.contains_key("concept"), by_concept, "{m}");
                assert_eq!(object.contains_key("label"), by_concept, "{m}");
                if !by_concept {
                    assert!(!m["forms"].as_array().unwrap().is_empty(), "{m}");
                }
                let keys: Vec<&String> = object.keys().collect();
                assert!(
                    keys.iter()
                        .all(|k| ["word", "via", "concept", "label", "forms"].contains(&k.as_str())),
                    "{m}"
                );
            }
        }
    }
    for via in ["exact", "stem", "folded", "typo", "concept", "prefix"] {
        assert!(seen.contains(via), "no query matched by {via}: {seen:?}");
    }
}

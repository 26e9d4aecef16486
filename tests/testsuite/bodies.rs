//! Co-operation bodies: a case may name a body instead of municipalities;
//! the body's members are "covered through" it on their pages, never shown
//! as taking part, and the co-operation network counts only named
//! participation.

use crate::harness::{TestCatalogue, json_diagnostics, stderr};

fn read(catalogue: &TestCatalogue, page: &str) -> String {
    std::fs::read_to_string(catalogue.dir.path().join("site").join(page)).unwrap()
}

/// The part of a page from the heading with `id` to the end of its section.
fn section<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn a_case_naming_a_body_covers_its_members_but_does_not_make_them_take_part() {
    let catalogue = TestCatalogue::fixture("bodies");
    let check = catalogue.check("short");
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).starts_with("0 errors, 0 warnings"),
        "{}",
        stderr(&check)
    );
    let built = catalogue.build_site();
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));

    let body = read(&catalogue, "bodies/se-region-vasterbotten/index.html");
    assert!(body.contains("<h1>Region Västerbotten</h1>"));
    let body_cases = section(&body, "cases");
    assert!(body_cases.contains("A digital colleague for the whole region"));
    assert!(!body_cases.contains("Umeå and Lund share a service"));
    let members = section(&body, "members");
    for member in ["Storuman", "Umeå", "Vilhelmina"] {
        assert!(members.contains(member), "{member} is not listed as a member");
    }
    // Population with its year, from the register.
    assert!(members.contains("122,892"), "{members}");

    // Vilhelmina: covered through the body, taking part in nothing.
    let vilhelmina = read(&catalogue, "countries/se/2462/index.html");
    assert!(section(&vilhelmina, "cases").contains("No examples yet."));
    assert!(!section(&vilhelmina, "cases").contains("A digital colleague for the whole region"));
    let covered = section(&vilhelmina, "covered");
    assert!(covered.contains("Covered through"));
    assert!(covered.contains("bodies/se-region-vasterbotten/"));
    assert!(covered.contains("A digital colleague for the whole region"));

    // Umeå: takes part in the case that names it, covered by the other.
    let umea = read(&catalogue, "countries/se/2480/index.html");
    assert!(section(&umea, "cases").contains("Umeå and Lund share a service"));
    assert!(!section(&umea, "cases").contains("A digital colleague for the whole region"));
    assert!(section(&umea, "covered").contains("A digital colleague for the whole region"));
    // Lund is in no body: no covered section at all.
    assert!(!read(&catalogue, "countries/se/1281/index.html").contains("id=\"covered\""));

    // The network counts named participation only: Umeå–Lund, not the
    // body's members with each other.
    let network = read(&catalogue, "municipalities/co-operation/index.html");
    assert!(network.contains("Lund"));
    assert!(
        !network.contains("Vilhelmina") && !network.contains("Storuman"),
        "{network}"
    );

    // The case page names the body, not its members.
    let case = read(&catalogue, "cases/se/regional-colleague/index.html");
    assert!(case.contains("Co-operation bodies"));
    assert!(!case.contains("countries/se/2462/"));

    // Open data: the body with the members it covers, apart from the
    // municipalities.
    let json: serde_json::Value = serde_json::from_str(&read(&catalogue, "data/cases.json")).unwrap();
    let record = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == "regional-colleague")
        .unwrap();
    assert_eq!(record["municipalities"].as_array().unwrap().len(), 0);
    assert_eq!(record["bodies"][0]["id"], "se-region-vasterbotten");
    // Its search result card says where it runs: through the body.
    let cards: Vec<serde_json::Value> = (0..json.as_array().unwrap().len())
        .map(|n| serde_json::from_str(&read(&catalogue, &format!("search/cards/{n}.json"))).unwrap())
        .collect();
    let card = cards
        .iter()
        .find(|card| card["id"] == "se/regional-colleague")
        .unwrap();
    assert_eq!(card["municipalities"].as_array().unwrap().len(), 0);
    assert_eq!(card["bodies"], serde_json::json!(["Region Västerbotten"]));
    let named = cards
        .iter()
        .find(|card| !card["municipalities"].as_array().unwrap().is_empty())
        .unwrap();
    assert!(named.get("bodies").is_none(), "{named}");
    assert_eq!(record["bodies"][0]["members"].as_array().unwrap().len(), 3);
    let csv = read(&catalogue, "data/cases.csv");
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",body_ids,body_names,evidence")
    );
    assert!(csv.contains("se-region-vasterbotten,Region Västerbotten,"));

    let index = read(&catalogue, "bodies/index.html");
    assert!(index.contains("href=\"se-region-vasterbotten/\""), "{index}");
    assert!(section(&read(&catalogue, "countries/se/index.html"), "bodies").contains("Region Västerbotten"));
    assert!(read(&catalogue, "municipalities/index.html").contains("bodies/"));
}

#[test]
fn membership_outside_the_case_period_does_not_cover() {
    let catalogue = TestCatalogue::fixture("bodies");
    // Storuman joined after the case ended (2023-06-30).
    catalogue.write(
        "register/body-members.csv",
        "body,code,valid_from,valid_to,source\n\
         se-region-vasterbotten,2421,2024-01-01,,fixture\n\
         se-region-vasterbotten,2462,2019-01-01,,fixture\n",
    );
    let built = catalogue.build_site();
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    assert!(
        !catalogue
            .dir
            .path()
            .join("site/countries/se/2421/index.html")
            .exists()
    );
    assert!(read(&catalogue, "countries/se/2462/index.html").contains("id=\"covered\""));
}

#[test]
fn a_case_needs_municipalities_or_a_body() {
    let catalogue = TestCatalogue::fixture("bodies");
    let path = catalogue.root().join("cases/SE/regional-colleague.md");
    let text = std::fs::read_to_string(&path).unwrap();
    catalogue.write(
        "cases/SE/regional-colleague.md",
        text.replace("bodies = [\"se-region-vasterbotten\"]\n", ""),
    );
    let diagnostics = json_diagnostics(&catalogue.check("json"));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E0201");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("municipalities")
    );
    assert!(diagnostics[0]["help"].as_str().unwrap().contains("bodies"));

    // An empty list of bodies does not stand in for the municipalities.
    catalogue.write(
        "cases/SE/regional-colleague.md",
        text.replace("bodies = [\"se-region-vasterbotten\"]", "bodies = []"),
    );
    let codes: Vec<String> = json_diagnostics(&catalogue.check("json"))
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.contains(&"E0201".to_string()), "{codes:?}");
}

#[test]
fn a_body_of_another_country_is_named_as_such() {
    let catalogue = TestCatalogue::fixture("bodies");
    catalogue.write(
        "register/bodies.csv",
        "id,country,kind,name,other_names,name_en,valid_from,valid_to,website,source\n\
         se-region-vasterbotten,SE,region,Region Västerbotten,,,,,,fixture\n\
         no-ks,NO,national-association,KS,nb:Kommunesektorens organisasjon,,,,,fixture\n",
    );
    let path = catalogue.root().join("cases/SE/regional-colleague.md");
    let text = std::fs::read_to_string(&path).unwrap();
    catalogue.write(
        "cases/SE/regional-colleague.md",
        text.replace(
            "[\"se-region-vasterbotten\"]",
            "[\"Kommunesektorens organisasjon\"]",
        ),
    );
    let diagnostics = json_diagnostics(&catalogue.check("json"));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E0306");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("a body of Norway")
    );
    assert_eq!(
        (diagnostics[0]["line"].as_u64(), diagnostics[0]["column"].as_u64()),
        (Some(5), Some(11))
    );
}

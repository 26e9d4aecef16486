//! The shipped municipality register: the coverage table of its README is
//! the one its rows give, and a row that names no source is an error.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::{TestCatalogue, json_diagnostics};

const TERRITORIES: [&str; 8] = ["SE", "NO", "DK", "FI", "AX", "IS", "FO", "GL"];
const START: &str = "<!-- coverage:start (tests/testsuite/register.rs writes and checks this table) -->";
const END: &str = "<!-- coverage:end -->";

/// The coverage table, computed from the register's rows.
fn coverage_table(csv_text: &str) -> String {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (territory, population, population_year) = (
        column("territory"),
        column("population"),
        column("population_year"),
    );
    let (area, area_kind, area_year, lat) = (
        column("area_km2"),
        column("area_kind"),
        column("area_year"),
        column("lat"),
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut table = String::from(
        "| territory | rows | with population | population year(s) | with area | area kind and year(s) | with map point |\n\
         |---|---:|---:|---|---:|---|---:|\n",
    );
    for code in TERRITORIES {
        let rows: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[territory] == code).collect();
        let filled = |index: usize| rows.iter().filter(|r| !r[index].is_empty()).count();
        let listed = |values: BTreeSet<String>| {
            if values.is_empty() {
                "–".to_string()
            } else {
                values.into_iter().collect::<Vec<_>>().join(", ")
            }
        };
        let years = listed(
            rows.iter()
                .filter(|r| !r[population].is_empty())
                .map(|r| r[population_year].to_string())
                .collect(),
        );
        let areas = listed(
            rows.iter()
                .filter(|r| !r[area].is_empty())
                .map(|r| format!("{} {}", &r[area_kind], &r[area_year]))
                .collect(),
        );
        table.push_str(&format!(
            "| {code} | {} | {} | {years} | {} | {areas} | {} |\n",
            rows.len(),
            filled(population),
            filled(area),
            filled(lat),
        ));
    }
    table
}

/// The README's coverage table is the one the CSV gives. With
/// `SNAPSHOTS=overwrite` the test writes it into the README instead.
#[test]
fn the_readme_states_the_registers_coverage() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples-catalogue/register");
    let csv_text = std::fs::read_to_string(folder.join("municipalities.csv")).unwrap();
    let readme_path = folder.join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let start = readme
        .find(START)
        .expect("the README has the coverage start marker")
        + START.len();
    let end = readme.find(END).expect("the README has the coverage end marker");
    let expected = format!("\n\n{}\n", coverage_table(&csv_text));
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(&readme_path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "the coverage table of examples-catalogue/register/README.md is out of date (SNAPSHOTS=overwrite rewrites it)"
    );
}

/// A register row without a `source` is E0006, at its file and line.
#[test]
fn a_row_without_a_source_is_an_error_at_its_line() {
    let catalogue = TestCatalogue::base();
    let path = catalogue.root().join("register/municipalities.csv");
    let mut rows = std::fs::read_to_string(&path).unwrap();
    let line = rows.lines().count() + 1;
    rows.push_str("SE,SE,9999,Sourceless,,,,,,,,,,,,,\n");
    std::fs::write(&path, rows).unwrap();

    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = json_diagnostics(&output);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "E0006");
    assert_eq!(diagnostic["file"], "catalogue/register/municipalities.csv");
    assert_eq!(diagnostic["line"].as_u64(), Some(line as u64));
    assert_eq!(diagnostic["message"], "SE 9999: the source column is empty");
}

/// `sources.csv` lists the sources of the README's table, with the same
/// keys in the same order and the same licences (less the Markdown), and
/// every key a register row names.
#[test]
fn sources_csv_is_the_readmes_table_of_sources() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples-catalogue/register");
    let readme = std::fs::read_to_string(folder.join("README.md")).unwrap();
    let table = &readme[readme.find("## Sources and licences").unwrap()..readme.find("## Coverage").unwrap()];
    let from_readme: Vec<(String, String)> = table
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| key "))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            (cells[0].to_string(), cells[3].replace(['*', '`'], ""))
        })
        .collect();
    let mut reader = csv::Reader::from_path(folder.join("sources.csv")).unwrap();
    let from_csv: Vec<(String, String)> = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            (record[0].to_string(), record[3].to_string())
        })
        .collect();
    assert_eq!(from_csv, from_readme);

    let keys: BTreeSet<String> = from_csv.into_iter().map(|(key, _)| key).collect();
    let mut rows = csv::Reader::from_path(folder.join("municipalities.csv")).unwrap();
    let source = rows
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "source")
        .unwrap();
    for record in rows.records() {
        let record = record.unwrap();
        for key in record[source].split(';').filter(|key| !key.is_empty()) {
            assert!(keys.contains(key), "{key} is not in sources.csv");
        }
    }
}

/// With `sources.csv`, a row naming a source it lacks, and a source whose
/// `checked` is no date, are E0006 at their lines; a repeated key is
/// E0004.
#[test]
fn the_sources_list_is_checked() {
    let catalogue = TestCatalogue::base();
    let sources = "key,what,origin,licence,data_as_of,checked\n\
        SE-codes,codes,a/b @ 1,CC0 1.0,,2026-11-29\n\
        SE-stats,area,c/d @ 2,MIT,2015,yesterday\n\
        SE-stats,area,c/d @ 2,MIT,2015,2026-11-29\n";
    catalogue.write("register/sources.csv", sources);
    let output = catalogue.check("json");
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = json_diagnostics(&output);
    let in_sources: Vec<(String, u64, String)> = diagnostics
        .iter()
        .filter(|d| d["file"] == "catalogue/register/sources.csv")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        in_sources,
        [
            (
                "E0006".to_string(),
                3,
                "source SE-stats: checked \"yesterday\" is not a date such as 2026-11-29".to_string()
            ),
            (
                "E0004".to_string(),
                4,
                "source SE-stats appears more than once".to_string()
            ),
        ]
    );
    // The base register's rows also name sources the list lacks.
    let unknown = diagnostics
        .iter()
        .find(|d| d["file"] == "catalogue/register/municipalities.csv")
        .expect("a row naming an unknown source");
    assert_eq!(unknown["code"], "E0006");
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .contains("is not in register/sources.csv"),
        "{unknown}"
    );
    assert!(unknown["line"].as_u64().is_some_and(|line| line > 1), "{unknown}");
}

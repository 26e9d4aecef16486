//! The research mapping as open data: the bibliography in the three
//! formats reference managers import (BibTeX, RIS and CSL-JSON), and the
//! studies with the review's coding as CSV and JSON beside the cases'.
//!
//! The BibTeX is each entry exactly as the catalogue holds it, so nothing
//! a researcher wrote is lost on the way back into their library; RIS and
//! CSL-JSON are made from the fields read ([`Study`]), with the authors
//! split again into family and given names from the entry, so that an
//! organisation (`{Nordregio}`) stays one literal name. Every file lists
//! the studies in key order and is a function of the catalogue alone.

use anyhow::Context as _;
use serde::Serialize;

use crate::model::Case;
use crate::output::Page;
use crate::render::urls;
use crate::research::Study;

use super::open_data::{CSV_BOM, csv_line};

/// `research.bib`: every entry as written, in key order, one blank line
/// between them.
pub fn bibtex(studies: &[Study]) -> String {
    let mut out = String::new();
    for study in studies {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(study.bibtex.trim());
        out.push('\n');
    }
    out
}

/// One author as reference formats want it: a person's family and given
/// names, or an organisation's name whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    Person { family: String, given: String },
    Literal(String),
}

/// The authors of a study, read again from its entry (the [`Study`] keeps
/// display names only); the display names as literals if the entry's
/// authors cannot be read, which [`crate::research::read`] has already
/// reported.
pub fn names(study: &Study) -> Vec<Name> {
    let people = biblatex::Bibliography::parse(&study.bibtex)
        .ok()
        .and_then(|bibliography| bibliography.get(&study.key).cloned())
        .and_then(|entry| entry.author().ok());
    let Some(people) = people else {
        return study.authors.iter().cloned().map(Name::Literal).collect();
    };
    people
        .iter()
        .map(|person| {
            let family = [person.prefix.trim(), person.name.trim(), person.suffix.trim()]
                .iter()
                .filter(|part| !part.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let given = person.given_name.trim().to_string();
            if given.is_empty() {
                Name::Literal(family)
            } else {
                Name::Person { family, given }
            }
        })
        .collect()
}

/// The first and last page of `pages` (`457--476`, `457–476`, `457`).
fn page_range(pages: &str) -> (String, Option<String>) {
    let normalised = pages.replace("--", "-").replace(['–', '—'], "-");
    match normalised.split_once('-') {
        Some((start, end)) => (start.trim().to_string(), Some(end.trim().to_string())),
        None => (normalised.trim().to_string(), None),
    }
}

/// The text on one line: RIS has one value per line, so line breaks and
/// runs of spaces in a BibTeX value become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The RIS reference type of a BibTeX entry type.
pub fn ris_type(entry_type: &str) -> &'static str {
    match entry_type {
        "article" => "JOUR",
        "report" | "techreport" => "RPRT",
        "thesis" | "phdthesis" | "mastersthesis" => "THES",
        "book" => "BOOK",
        "incollection" | "inbook" => "CHAP",
        "inproceedings" => "CPAPER",
        "online" | "electronic" => "ELEC",
        _ => "GEN",
    }
}

/// `research.ris`: one record per study, tags in the order of the RIS
/// specification, each record ending with `ER`. The review's themes are
/// keywords (`KW`), the summary the abstract (`AB`); `ID` carries the
/// citation key, so an imported record can be matched with the catalogue.
pub fn ris(studies: &[Study]) -> String {
    let mut out = String::new();
    for study in studies {
        let mut tag = |tag: &str, value: &str| {
            let value = one_line(value);
            if !value.is_empty() {
                out.push_str(&format!("{tag}  - {value}\n"));
            }
        };
        tag("TY", ris_type(&study.entry_type));
        tag("ID", &study.key);
        for name in names(study) {
            match name {
                Name::Person { family, given } => tag("AU", &format!("{family}, {given}")),
                Name::Literal(name) => tag("AU", &name),
            }
        }
        tag("TI", &study.title);
        if let Some(container) = study.journal.as_ref().or(study.container.as_ref()) {
            tag("T2", container);
        }
        tag("PY", &study.year.to_string());
        if let Some(volume) = &study.volume {
            tag("VL", volume);
        }
        if let Some(number) = &study.number {
            tag("IS", number);
        }
        if let Some(pages) = &study.pages {
            let (start, end) = page_range(pages);
            tag("SP", &start);
            if let Some(end) = end {
                tag("EP", &end);
            }
        }
        if let Some(publisher) = study.publisher.as_ref().or(study.institution.as_ref()) {
            tag("PB", publisher);
        }
        if let Some(doi) = &study.doi {
            tag("DO", doi);
        }
        if let Some(url) = study.link() {
            tag("UR", &url);
        }
        for theme in &study.themes {
            tag("KW", theme);
        }
        if let Some(summary) = &study.summary {
            tag("AB", summary);
        }
        out.push_str("ER  - \n\n");
    }
    out
}

/// The CSL item type of a BibTeX entry type.
pub fn csl_type(entry_type: &str) -> &'static str {
    match entry_type {
        "article" => "article-journal",
        "report" | "techreport" => "report",
        "thesis" | "phdthesis" | "mastersthesis" => "thesis",
        "book" => "book",
        "incollection" | "inbook" => "chapter",
        "inproceedings" => "paper-conference",
        "online" | "electronic" => "webpage",
        _ => "article",
    }
}

/// A name in CSL-JSON.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum CslName {
    Person { family: String, given: String },
    Literal { literal: String },
}

#[derive(Debug, Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [[i32; 1]; 1],
}

/// One item of `research.json`, in the CSL-JSON schema.
#[derive(Debug, Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    item_type: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName>,
    issued: CslDate,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<String>,
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keyword: Option<String>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
}

/// `research.json`: the studies as a CSL-JSON array, which citeproc
/// processors, Zotero and pandoc read.
pub fn csl_json(studies: &[Study]) -> anyhow::Result<String> {
    let items: Vec<CslItem<'_>> = studies
        .iter()
        .map(|study| CslItem {
            id: &study.key,
            item_type: csl_type(&study.entry_type),
            title: &study.title,
            author: names(study)
                .into_iter()
                .map(|name| match name {
                    Name::Person { family, given } => CslName::Person { family, given },
                    Name::Literal(literal) => CslName::Literal { literal },
                })
                .collect(),
            issued: CslDate {
                date_parts: [[study.year]],
            },
            container_title: study.journal.as_deref().or(study.container.as_deref()),
            volume: study.volume.as_deref(),
            issue: study.number.as_deref(),
            page: study.pages.as_deref().map(|pages| match page_range(pages) {
                (start, Some(end)) => format!("{start}-{end}"),
                (start, None) => start,
            }),
            doi: study.doi.as_deref(),
            url: study.url.as_deref(),
            publisher: study.publisher.as_deref().or(study.institution.as_deref()),
            keyword: (!study.themes.is_empty()).then(|| study.themes.join(", ")),
            summary: study.summary.as_deref(),
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&items).context("could not write research.json")?;
    json.push('\n');
    Ok(json)
}

/// One study as published in `studies.json`: the review's coding beside
/// the citation's fields, and the cases that cite the study.
#[derive(Debug, Serialize)]
pub struct StudyRecord<'a> {
    pub key: &'a str,
    pub entry_type: &'a str,
    pub kind: &'a str,
    pub title: &'a str,
    pub authors: &'a [String],
    pub year: i32,
    pub journal: Option<&'a str>,
    pub container: Option<&'a str>,
    pub volume: Option<&'a str>,
    pub number: Option<&'a str>,
    pub pages: Option<&'a str>,
    pub publisher: Option<&'a str>,
    pub institution: Option<&'a str>,
    pub doi: Option<&'a str>,
    pub url: Option<&'a str>,
    pub themes: &'a [String],
    pub countries: &'a [String],
    pub design: Option<&'a str>,
    pub population: Option<&'a str>,
    pub outcomes: Option<&'a str>,
    pub summary: Option<&'a str>,
    /// The ids of the cases whose `evidence` names the study.
    pub cases: Vec<String>,
}

impl<'a> StudyRecord<'a> {
    pub fn of(study: &'a Study, cases: &[Case]) -> Self {
        StudyRecord {
            key: &study.key,
            entry_type: &study.entry_type,
            kind: &study.kind,
            title: &study.title,
            authors: &study.authors,
            year: study.year,
            journal: study.journal.as_deref(),
            container: study.container.as_deref(),
            volume: study.volume.as_deref(),
            number: study.number.as_deref(),
            pages: study.pages.as_deref(),
            publisher: study.publisher.as_deref(),
            institution: study.institution.as_deref(),
            doi: study.doi.as_deref(),
            url: study.url.as_deref(),
            themes: &study.themes,
            countries: &study.countries,
            design: study.design.as_deref(),
            population: study.population.as_deref(),
            outcomes: study.outcomes.as_deref(),
            summary: study.summary.as_deref(),
            cases: cases
                .iter()
                .filter(|case| case.evidence.contains(&study.key))
                .map(Case::id)
                .collect(),
        }
    }
}

/// `studies.json`: every study's record, in key order.
pub fn studies_json(studies: &[Study], cases: &[Case]) -> anyhow::Result<String> {
    let records: Vec<StudyRecord<'_>> = studies
        .iter()
        .map(|study| StudyRecord::of(study, cases))
        .collect();
    let mut json = serde_json::to_string_pretty(&records).context("could not write studies.json")?;
    json.push('\n');
    Ok(json)
}

/// The columns of `studies.csv`, in order; as with the cases' CSV, new
/// columns go at the end. Lists are joined with "; ".
pub const STUDY_COLUMNS: [&str; 22] = [
    "key",
    "entry_type",
    "kind",
    "title",
    "authors",
    "year",
    "journal",
    "container",
    "volume",
    "number",
    "pages",
    "publisher",
    "institution",
    "doi",
    "url",
    "themes",
    "countries",
    "design",
    "population",
    "outcomes",
    "summary",
    "cases",
];

/// `studies.csv`: one row per study under a header, after the byte-order
/// mark, like `cases.csv`.
pub fn studies_csv(studies: &[Study], cases: &[Case]) -> anyhow::Result<String> {
    let mut csv = format!("{CSV_BOM}{}", csv_line(&STUDY_COLUMNS.map(str::to_string))?);
    for study in studies {
        let record = StudyRecord::of(study, cases);
        let text = |value: Option<&str>| value.unwrap_or_default().to_string();
        csv.push_str(&csv_line(&[
            record.key.to_string(),
            record.entry_type.to_string(),
            record.kind.to_string(),
            record.title.to_string(),
            record.authors.join("; "),
            record.year.to_string(),
            text(record.journal),
            text(record.container),
            text(record.volume),
            text(record.number),
            text(record.pages),
            text(record.publisher),
            text(record.institution),
            text(record.doi),
            text(record.url),
            record.themes.join("; "),
            record.countries.join("; "),
            text(record.design),
            text(record.population),
            text(record.outcomes),
            text(record.summary),
            record.cases.join("; "),
        ])?);
    }
    Ok(csv)
}

/// The five files of `data/`: `research.bib`, `research.ris`,
/// `research.json`, `studies.csv` and `studies.json`.
pub fn pages(studies: &[Study], cases: &[Case]) -> anyhow::Result<[Page; 5]> {
    Ok([
        Page {
            path: urls::research_bib().file(),
            bytes: bibtex(studies).into_bytes(),
        },
        Page {
            path: urls::research_ris().file(),
            bytes: ris(studies).into_bytes(),
        },
        Page {
            path: urls::research_csl_json().file(),
            bytes: csl_json(studies)?.into_bytes(),
        },
        Page {
            path: urls::studies_csv().file(),
            bytes: studies_csv(studies, cases)?.into_bytes(),
        },
        Page {
            path: urls::studies_json().file(),
            bytes: studies_json(studies, cases)?.into_bytes(),
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> (Vec<Study>, Vec<Case>) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples-catalogue");
        let checked = crate::pipeline::check(
            &crate::pipeline::CataloguePaths::new(root),
            jiff::civil::date(2100, 1, 1),
        )
        .unwrap();
        let catalogue = checked.catalogue.unwrap();
        (catalogue.studies, catalogue.cases)
    }

    /// The records of a RIS file as (tag, value) lines, split at `ER`.
    fn ris_records(ris: &str) -> Vec<Vec<(String, String)>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        for line in ris.lines().filter(|line| !line.is_empty()) {
            assert_eq!(&line[2..6], "  - ", "{line}");
            let (tag, value) = (line[..2].to_string(), line[6..].to_string());
            if tag == "ER" {
                records.push(std::mem::take(&mut record));
            } else {
                record.push((tag, value));
            }
        }
        assert!(record.is_empty(), "a record without ER");
        records
    }

    #[test]
    fn the_bibtex_is_every_entry_verbatim_in_key_order() {
        let (studies, _) = shipped();
        assert!(studies.len() >= 8);
        let bib = bibtex(&studies);
        let parsed = biblatex::Bibliography::parse(&bib).unwrap();
        let keys: Vec<&str> = parsed.iter().map(|entry| entry.key.as_str()).collect();
        let expected: Vec<&str> = studies.iter().map(|study| study.key.as_str()).collect();
        assert_eq!(keys, expected);
        for study in &studies {
            assert!(bib.contains(&study.bibtex), "{}", study.key);
        }
    }

    #[test]
    fn ris_has_a_record_per_study_with_its_fields() {
        let (studies, _) = shipped();
        let records = ris_records(&ris(&studies));
        assert_eq!(records.len(), studies.len());
        for (study, record) in studies.iter().zip(&records) {
            let values = |tag: &str| -> Vec<&str> {
                record
                    .iter()
                    .filter(|(t, _)| t == tag)
                    .map(|(_, v)| v.as_str())
                    .collect()
            };
            assert_eq!(
                record[0],
                ("TY".to_string(), ris_type(&study.entry_type).to_string())
            );
            assert_eq!(values("ID"), [study.key.as_str()]);
            assert_eq!(values("TI"), [one_line(&study.title).as_str()]);
            assert_eq!(values("PY"), [study.year.to_string().as_str()]);
            assert_eq!(values("KW"), study.themes);
            assert_eq!(values("AU").len(), study.authors.len(), "{}", study.key);
            assert_eq!(
                values("DO"),
                study.doi.iter().map(String::as_str).collect::<Vec<_>>()
            );
        }
        let hjelte = &records[studies.iter().position(|s| s.key == "hjelte-2023").unwrap()];
        for line in [
            ("TY", "JOUR"),
            ("AU", "Hjelte, Jan"),
            ("T2", "Socialvetenskaplig tidskrift"),
            ("VL", "30"),
            ("IS", "1"),
            ("SP", "457"),
            ("EP", "476"),
            ("UR", "https://doi.org/10.3384/SVT.2023.30.1.4116"),
        ] {
            assert!(
                hjelte.contains(&(line.0.to_string(), line.1.to_string())),
                "{line:?}"
            );
        }
        let nordregio = &records[studies.iter().position(|s| s.key == "nordregio-2021-4").unwrap()];
        assert!(nordregio.contains(&("TY".to_string(), "RPRT".to_string())));
        assert!(nordregio.contains(&("AU".to_string(), "Nordregio".to_string())));
        assert!(nordregio.contains(&("PB".to_string(), "Nordregio".to_string())));
    }

    #[test]
    fn csl_json_has_the_schema_fields() {
        let (studies, _) = shipped();
        let json: serde_json::Value = serde_json::from_str(&csl_json(&studies).unwrap()).unwrap();
        let items = json.as_array().unwrap();
        assert_eq!(items.len(), studies.len());
        for (study, item) in studies.iter().zip(items) {
            assert_eq!(item["id"], study.key.as_str());
            assert_eq!(item["type"], csl_type(&study.entry_type));
            assert_eq!(item["title"], study.title.as_str());
            assert_eq!(item["issued"]["date-parts"][0][0], study.year);
        }
        let hjelte = items.iter().find(|item| item["id"] == "hjelte-2023").unwrap();
        assert_eq!(hjelte["type"], "article-journal");
        assert_eq!(hjelte["author"][0]["family"], "Hjelte");
        assert_eq!(hjelte["author"][0]["given"], "Jan");
        assert_eq!(hjelte["container-title"], "Socialvetenskaplig tidskrift");
        assert_eq!(hjelte["page"], "457-476");
        assert_eq!(hjelte["DOI"], "10.3384/SVT.2023.30.1.4116");
        let nordregio = items
            .iter()
            .find(|item| item["id"] == "nordregio-2021-4")
            .unwrap();
        assert_eq!(nordregio["type"], "report");
        assert_eq!(nordregio["author"][0]["literal"], "Nordregio");
        assert_eq!(nordregio["publisher"], "Nordregio");
    }

    #[test]
    fn studies_csv_names_the_cases_citing_each_study() {
        let (studies, cases) = shipped();
        let csv = studies_csv(&studies, &cases).unwrap();
        let mut reader = csv::Reader::from_reader(csv.trim_start_matches(CSV_BOM).as_bytes());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            STUDY_COLUMNS
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), studies.len());
        let hjelte = rows.iter().find(|row| &row[0] == "hjelte-2023").unwrap();
        assert_eq!(&hjelte[21], "se/digital-colleague");
    }
}

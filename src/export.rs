//! Open data: every case's front matter as JSON and CSV, for the site's
//! `/data/` files and the report appendix. The column order of the CSV is a
//! contract (documented in README.md); lists are joined with "; ".

use serde::Serialize;

use crate::model::{BodyRef, Case, Contact, MunicipalityRef, Source};

/// One case as published in `cases.json`.
#[derive(Debug, Serialize)]
pub struct CaseRecord<'a> {
    pub id: String,
    /// The case page, relative to the site root.
    pub path: String,
    pub country: &'a str,
    pub slug: &'a str,
    pub title: &'a str,
    pub title_local: Option<&'a str>,
    pub summary: &'a str,
    /// The municipalities the sources name as taking part.
    pub municipalities: &'a [MunicipalityRef],
    /// The co-operation bodies the service runs through, with the members
    /// they cover during the case's period.
    pub bodies: &'a [BodyRef],
    pub categories: &'a [String],
    pub service_areas: &'a [String],
    pub cooperation: &'a str,
    pub status: &'a str,
    pub started: String,
    pub ended: Option<String>,
    pub language: &'a str,
    pub organisations: &'a [String],
    pub evaluation: Option<&'a str>,
    pub tags: &'a [String],
    pub reviewed: String,
    pub sources: &'a [Source],
    pub contact: Option<&'a Contact>,
}

impl<'a> CaseRecord<'a> {
    pub fn of(case: &'a Case) -> Self {
        CaseRecord {
            id: case.id(),
            path: case_path(case),
            country: &case.country,
            slug: &case.slug,
            title: &case.title,
            title_local: case.title_local.as_deref(),
            summary: &case.summary,
            municipalities: &case.municipalities,
            bodies: &case.bodies,
            categories: &case.categories,
            service_areas: &case.service_areas,
            cooperation: &case.cooperation,
            status: &case.status,
            started: case.started.to_string(),
            ended: case.ended.map(|date| date.to_string()),
            language: &case.language,
            organisations: &case.organisations,
            evaluation: case.evaluation.as_deref(),
            tags: &case.tags,
            reviewed: case.reviewed.to_string(),
            sources: &case.sources,
            contact: case.contact.as_ref(),
        }
    }
}

/// `cases/se/digital-colleague/`: the case page below the site root.
pub fn case_path(case: &Case) -> String {
    format!("cases/{}/{}/", case.country.to_lowercase(), case.slug)
}

/// Every case as a JSON array, in catalogue order.
pub fn cases_json(cases: &[Case]) -> String {
    let records: Vec<String> = cases.iter().map(case_json).collect();
    join_json(&records)
}

/// One case's record of `cases.json`, pretty-printed as an element of the
/// array: JSON strings hold no raw line breaks, so indenting every line of
/// the record pretty-printed on its own nests it.
pub fn case_json(case: &Case) -> String {
    let record = serde_json::to_string_pretty(&CaseRecord::of(case)).unwrap_or_else(|_| "{}".to_string());
    record.replace('\n', "\n  ")
}

/// `cases.json` from the records of [`case_json`]: the bytes of the whole
/// array pretty-printed at once, without serialising every case again
/// when one changed.
pub fn join_json(records: &[String]) -> String {
    if records.is_empty() {
        return "[]\n".to_string();
    }
    let mut json = String::with_capacity(records.iter().map(|r| r.len() + 4).sum::<usize>() + 4);
    json.push('[');
    for (index, record) in records.iter().enumerate() {
        json.push_str(if index == 0 { "\n  " } else { ",\n  " });
        json.push_str(record);
    }
    json.push_str("\n]\n");
    json
}

/// The CSV columns, in order; new columns are added at the end, so that
/// readers that pick columns by position keep working.
pub const CSV_COLUMNS: [&str; 26] = [
    "id",
    "country",
    "slug",
    "title",
    "title_local",
    "summary",
    "municipality_codes",
    "municipality_names",
    "categories",
    "service_areas",
    "cooperation",
    "status",
    "started",
    "ended",
    "language",
    "organisations",
    "evaluation",
    "tags",
    "reviewed",
    "source_titles",
    "source_urls",
    "contact_organisation",
    "contact_email",
    "contact_url",
    "body_ids",
    "body_names",
];

fn joined<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join("; ")
}

/// Every case as CSV with a header row, UTF-8, in catalogue order.
pub fn cases_csv(cases: &[Case]) -> String {
    let rows: Vec<String> = cases.iter().map(case_csv).collect();
    join_csv(&rows)
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a
/// tab or carriage return first, as OWASP lists them) gets a leading `'`,
/// which spreadsheets show as text. `cases.json` keeps the exact values.
fn inert_cell(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{field}"))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

fn csv_line(fields: &[String]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(fields.iter().map(|field| inert_cell(field).into_owned()));
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// `cases.csv` from the rows of [`case_csv`], under the header.
pub fn join_csv(rows: &[String]) -> String {
    let header: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut csv = csv_line(&header);
    for row in rows {
        csv.push_str(row);
    }
    csv
}

/// One case's row of `cases.csv`, with its line ending.
pub fn case_csv(case: &Case) -> String {
    let contact = case.contact.as_ref();
    let row: [String; 26] = [
        case.id(),
        case.country.clone(),
        case.slug.clone(),
        case.title.clone(),
        case.title_local.clone().unwrap_or_default(),
        case.summary.clone(),
        joined(case.municipalities.iter().map(|m| m.code.as_str())),
        joined(case.municipalities.iter().map(|m| m.name.as_str())),
        joined(case.categories.iter().map(String::as_str)),
        joined(case.service_areas.iter().map(String::as_str)),
        case.cooperation.clone(),
        case.status.clone(),
        case.started.to_string(),
        case.ended.map(|date| date.to_string()).unwrap_or_default(),
        case.language.clone(),
        joined(case.organisations.iter().map(String::as_str)),
        case.evaluation.clone().unwrap_or_default(),
        joined(case.tags.iter().map(String::as_str)),
        case.reviewed.to_string(),
        joined(case.sources.iter().map(|s| s.title.as_str())),
        joined(case.sources.iter().map(|s| s.url.as_str())),
        contact.map(|c| c.organisation.clone()).unwrap_or_default(),
        contact.and_then(|c| c.email.clone()).unwrap_or_default(),
        contact.and_then(|c| c.url.clone()).unwrap_or_default(),
        joined(case.bodies.iter().map(|b| b.id.as_str())),
        joined(case.bodies.iter().map(|b| b.name.as_str())),
    ];
    csv_line(&row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_cases() -> Vec<Case> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples-catalogue");
        let checked = crate::check(&crate::CataloguePaths::new(root), jiff::civil::date(2100, 1, 1)).unwrap();
        checked.catalogue.unwrap().cases
    }

    #[test]
    fn joined_records_are_the_bytes_of_the_whole_array_pretty_printed() {
        let cases = shipped_cases();
        assert!(cases.len() > 10);
        let records: Vec<CaseRecord<'_>> = cases.iter().map(CaseRecord::of).collect();
        let whole = serde_json::to_string_pretty(&records).unwrap() + "\n";
        assert_eq!(cases_json(&cases), whole);
        assert_eq!(cases_json(&[]), "[]\n");
    }

    #[test]
    fn joined_rows_are_the_bytes_of_one_csv_writer() {
        let cases = shipped_cases();
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(CSV_COLUMNS).unwrap();
        for case in &cases {
            let line = case_csv(case);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            assert_eq!(record.len(), CSV_COLUMNS.len());
            writer.write_record(&record).unwrap();
        }
        let whole = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert_eq!(cases_csv(&cases), whole);
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_made_text() {
        let mut case = shipped_cases().remove(0);
        case.title = "=HYPERLINK(\"https://evil.example\",\"x\")".to_string();
        case.summary = "@SUM(A1:A9)".to_string();
        case.organisations = vec!["-1+2".to_string(), "+46 10 123".to_string()];
        case.tags = vec!["\tcmd".to_string()];
        let line = case_csv(&case);
        let record = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        let cell = |column: &str| record[CSV_COLUMNS.iter().position(|c| *c == column).unwrap()].to_string();
        assert_eq!(cell("title"), "'=HYPERLINK(\"https://evil.example\",\"x\")");
        assert_eq!(cell("summary"), "'@SUM(A1:A9)");
        assert_eq!(cell("organisations"), "'-1+2; +46 10 123");
        assert_eq!(cell("tags"), "'\tcmd");
        // Ordinary text is left as it is.
        assert_eq!(cell("country"), case.country);
        assert_eq!(cell("id"), case.id());
    }
}

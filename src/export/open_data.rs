//! Open data: every case's front matter as JSON and CSV, for the site's
//! `/data/` files and the report appendix (the studies of the research
//! mapping have files of their own, [`super::bibliography`]). The column order of the CSV is a
//! contract (documented in README.md); lists are joined with "; ".

use std::convert::Infallible;
use std::ops::Range;

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;

use crate::model::{BodyRef, Case, Contact, MunicipalityRef, Source, Translation};
use crate::output::Page;
use crate::render::Selection;
use crate::render::urls;

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
    /// The title and summary in other languages, by language; left out
    /// when there are none, so a case without translations has the record
    /// it had before they existed.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: &'a std::collections::BTreeMap<String, Translation>,
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
    /// The citation keys of the studies the case cites (`evidence`), each
    /// a `key` of `studies.json`.
    pub evidence: &'a [String],
}

impl<'a> CaseRecord<'a> {
    /// The record of `case`, whose page is in `language`.
    pub fn of(case: &'a Case, language: &str) -> Self {
        CaseRecord {
            id: case.id(),
            path: urls::case(case, language).as_str().to_string(),
            country: &case.country,
            slug: &case.slug,
            title: &case.title,
            title_local: case.title_local.as_deref(),
            summary: &case.summary,
            translations: &case.translations,
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
            evidence: &case.evidence,
        }
    }
}

/// Every case as a JSON array, in catalogue order; the pages are in
/// `language`.
pub fn cases_json(cases: &[Case], language: &str) -> anyhow::Result<String> {
    Ok(cases_json_made(cases, language)?.0)
}

/// [`cases_json`] made on every core, with each record's byte range.
fn cases_json_made(cases: &[Case], language: &str) -> anyhow::Result<(String, Vec<Range<usize>>)> {
    json_array_made(cases.len(), |range| {
        cases[range]
            .par_iter()
            .map(|case| case_json(case, language))
            .collect()
    })
}

/// One case's record of `cases.json`, pretty-printed as an element of the
/// array: JSON strings hold no raw line breaks, so indenting every line of
/// the record pretty-printed on its own nests it.
pub fn case_json(case: &Case, language: &str) -> anyhow::Result<String> {
    let record = serde_json::to_string_pretty(&CaseRecord::of(case, language))
        .with_context(|| format!("could not write the open data of {}", case.path))?;
    Ok(record.replace('\n', "\n  "))
}

/// `cases.json` from the records of [`case_json`]: the bytes of the whole
/// array pretty-printed at once, without serialising every case again
/// when one changed.
pub fn join_json(records: &[String]) -> String {
    json_array(records).0
}

/// The text of `cases.json` from its records, and each record's place in
/// it.
fn json_array(records: &[String]) -> (String, Vec<Range<usize>>) {
    let borrowed =
        |range: Range<usize>| Ok::<_, Infallible>(records[range].iter().map(String::as_str).collect());
    match json_array_made(records.len(), borrowed) {
        Ok(joined) => joined,
        Err(never) => match never {},
    }
}

/// [`json_array`] of `count` records made by `make`, a range at a time.
fn json_array_made<S: AsRef<str>, E>(
    count: usize,
    make: impl Fn(Range<usize>) -> Result<Vec<S>, E>,
) -> Result<(String, Vec<Range<usize>>), E> {
    if count == 0 {
        return Ok(("[]\n".to_string(), Vec::new()));
    }
    join_made(count, make, "[", ("\n  ", ",\n  "), "\n]\n")
}

/// How many records [`join_made`] makes at a time.
const RECORDS_AT_A_TIME: usize = 1024;

/// `count` records between `open` and `close`, each after `first` (the
/// first) or `between` (the others), and each record's byte range in the
/// text. The records are made [`RECORDS_AT_A_TIME`] at a time by `make`
/// and joined as they come, the text's length guessed from the first of
/// them: making every record before joining them held the records and
/// the file at once, 250 MB for `cases.json` at 100,000 cases of real
/// length.
fn join_made<S: AsRef<str>, E>(
    count: usize,
    make: impl Fn(Range<usize>) -> Result<Vec<S>, E>,
    open: &str,
    (first, between): (&str, &str),
    close: &str,
) -> Result<(String, Vec<Range<usize>>), E> {
    let mut text = String::from(open);
    let mut spans = Vec::with_capacity(count);
    for start in (0..count).step_by(RECORDS_AT_A_TIME) {
        let records = make(start..count.min(start + RECORDS_AT_A_TIME))?;
        if start == 0 {
            let made: usize = records
                .iter()
                .map(|record| record.as_ref().len() + between.len())
                .sum();
            let guess = made / records.len().max(1) * count / 8 * 9;
            text.reserve(guess + close.len());
        }
        for record in &records {
            let record = record.as_ref();
            text.push_str(if spans.is_empty() { first } else { between });
            spans.push(text.len()..text.len() + record.len());
            text.push_str(record);
        }
    }
    text.push_str(close);
    Ok((text, spans))
}

/// The CSV columns, in order; new columns are added at the end, so that
/// readers that pick columns by position keep working. Translations are
/// not among them: two columns per language would make the table as wide
/// as the languages vocabulary is long, and change with it; `cases.json`
/// carries them.
pub const CSV_COLUMNS: [&str; 27] = [
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
    "evidence",
];

fn joined<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join("; ")
}

/// Every case as CSV with a header row, UTF-8, in catalogue order.
pub fn cases_csv(cases: &[Case]) -> anyhow::Result<String> {
    Ok(cases_csv_made(cases)?.0)
}

/// [`cases_csv`] made on every core, with each row's byte range.
fn cases_csv_made(cases: &[Case]) -> anyhow::Result<(String, Vec<Range<usize>>)> {
    csv_table_made(cases.len(), |range| {
        cases[range].par_iter().map(case_csv).collect()
    })
}

/// `data/cases.json`, then `data/cases.csv`, each handed to `sink` and
/// let go of before the next is made, for a build that keeps no
/// [`Records`] for a next edit (at 100,000 cases they are 125 and 36 MB).
/// Returns how many files it wrote.
pub fn write_records(
    cases: &[Case],
    language: &str,
    sink: crate::output::PageSink<'_>,
) -> anyhow::Result<usize> {
    sink(&Page {
        path: urls::open_data_json().file(),
        bytes: cases_json(cases, language)?.into_bytes(),
    })?;
    sink(&Page {
        path: urls::open_data_csv().file(),
        bytes: cases_csv(cases)?.into_bytes(),
    })?;
    Ok(2)
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

/// One CSV line. Writing to memory cannot fail and the fields are UTF-8;
/// should either go wrong, the build fails rather than publish a short
/// file.
pub(crate) fn csv_line(fields: &[String]) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(fields.iter().map(|field| inert_cell(field).into_owned()))
        .context("could not write a line of cases.csv")?;
    let bytes = writer
        .into_inner()
        .map_err(|error| anyhow::anyhow!("could not write a line of cases.csv: {}", error.error()))?;
    String::from_utf8(bytes).context("a line of cases.csv is not UTF-8")
}

/// The UTF-8 byte-order mark. Excel on Windows reads a CSV file opened by
/// double-click in the system's legacy code page unless the file starts
/// with it, and garbles å, ä and ø; every other reader skips it.
pub const CSV_BOM: &str = "\u{feff}";

/// `cases.csv` from the rows of [`case_csv`], under the header, after the
/// byte-order mark.
pub fn join_csv(rows: &[String]) -> anyhow::Result<String> {
    Ok(csv_table(rows)?.0)
}

/// The text of `cases.csv` from its rows, and each row's place in it.
fn csv_table(rows: &[String]) -> anyhow::Result<(String, Vec<Range<usize>>)> {
    csv_table_made(rows.len(), |range| {
        Ok(rows[range].iter().map(String::as_str).collect())
    })
}

/// [`csv_table`] of `count` rows made by `make`, a range at a time.
fn csv_table_made<S: AsRef<str>>(
    count: usize,
    make: impl Fn(Range<usize>) -> anyhow::Result<Vec<S>>,
) -> anyhow::Result<(String, Vec<Range<usize>>)> {
    let header: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_string()).collect();
    join_made(
        count,
        make,
        &format!("{CSV_BOM}{}", csv_line(&header)?),
        ("", ""),
        "",
    )
}

/// A file of one record per case (`cases.json`, `cases.csv`) with where
/// each record is in it, so that an edited record replaces its own bytes
/// in place: at 10,000 cases joining the 16 MB of both files again took a
/// tenth of a `serve` rebuild.
#[derive(Debug, Default)]
struct Joined {
    bytes: Vec<u8>,
    /// Each record's byte range in `bytes`, in catalogue order.
    spans: Vec<Range<usize>>,
}

impl Joined {
    fn of((text, spans): (String, Vec<Range<usize>>)) -> Joined {
        Joined {
            bytes: text.into_bytes(),
            spans,
        }
    }

    /// Put `record` in the place of the record at `ordinal`.
    fn replace(&mut self, ordinal: usize, record: &str) {
        let Some(span) = self
            .spans
            .get(ordinal)
            .cloned()
            .filter(|span| span.end <= self.bytes.len())
        else {
            return;
        };
        let end = span.start + record.len();
        self.bytes.splice(span.clone(), record.bytes());
        if let Some(own) = self.spans.get_mut(ordinal) {
            *own = span.start..end;
        }
        // Later records moved by the difference in length.
        if end != span.end {
            for later in self.spans.iter_mut().skip(ordinal + 1) {
                *later = later.start + end - span.end..later.end + end - span.end;
            }
        }
    }
}

/// `data/cooperation-pairs.csv`: every pair of municipalities named
/// together by a case, with how many cases they share (the co-operation
/// page shows the cases and the pairs across borders; this is the whole
/// list, for a spreadsheet or a network tool).
pub fn cooperation_pairs_csv(cases: &[Case]) -> anyhow::Result<Page> {
    let header = [
        "first_country",
        "first_code",
        "first_name",
        "second_country",
        "second_code",
        "second_name",
        "shared_cases",
    ];
    let mut csv = format!("{CSV_BOM}{}", csv_line(&header.map(str::to_string))?);
    for pair in crate::model::municipality_pairs(cases) {
        csv.push_str(&csv_line(&[
            pair.first.territory,
            pair.first.code,
            pair.first.name,
            pair.second.territory,
            pair.second.code,
            pair.second.name,
            pair.shared.to_string(),
        ])?);
    }
    Ok(Page {
        path: urls::cooperation_pairs_csv().file(),
        bytes: csv.into_bytes(),
    })
}

/// One case's row of `cases.csv`, with its line ending. An absent value
/// (no local title, no end date, no contact) is an empty cell.
pub fn case_csv(case: &Case) -> anyhow::Result<String> {
    let contact = case.contact.as_ref();
    let row: [String; 27] = [
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
        joined(case.evidence.iter().map(String::as_str)),
    ];
    csv_line(&row)
}

/// `cases.json` and `cases.csv`, kept from one export to the next, so that
/// `serve` makes again only the records of edited cases and puts them in
/// place.
#[derive(Debug, Default)]
pub struct Records {
    json: Joined,
    csv: Joined,
}

impl Records {
    /// Make each case's record and row once, on every core; a selection
    /// makes only the edited ones again.
    pub fn refresh(&mut self, cases: &[Case], language: &str, selection: &Selection) -> anyhow::Result<()> {
        // Empty bytes: the files were taken ([`Records::take_pages`]) and
        // not put back, after a failed write.
        let whole = !self.json.bytes.is_empty() && !self.csv.bytes.is_empty();
        let kept = if self.json.spans.len() == self.csv.spans.len() && whole {
            self.json.spans.len()
        } else {
            usize::MAX
        };
        match selection.edited_only(kept, cases.len()) {
            Some(edited) => {
                for &ordinal in edited {
                    let Some(case) = cases.get(ordinal) else { continue };
                    self.json.replace(ordinal, &case_json(case, language)?);
                    self.csv.replace(ordinal, &case_csv(case)?);
                }
            }
            None => {
                self.json = Joined::of(cases_json_made(cases, language)?);
                self.csv = Joined::of(cases_csv_made(cases)?);
            }
        }
        Ok(())
    }

    /// `data/cases.json` and `data/cases.csv`, their bytes taken out of
    /// the records without a copy; [`Records::put_back`] returns them.
    pub fn take_pages(&mut self) -> [Page; 2] {
        [
            Page {
                path: urls::open_data_json().file(),
                bytes: std::mem::take(&mut self.json.bytes),
            },
            Page {
                path: urls::open_data_csv().file(),
                bytes: std::mem::take(&mut self.csv.bytes),
            },
        ]
    }

    /// Take back the pages of [`Records::take_pages`] for the next edit.
    /// Pages of other paths are dropped; records not put back are made
    /// again whole by the next refresh.
    pub fn put_back(&mut self, pages: impl IntoIterator<Item = Page>) {
        for page in pages {
            if page.path == urls::open_data_json().file() {
                self.json.bytes = page.bytes;
            } else if page.path == urls::open_data_csv().file() {
                self.csv.bytes = page.bytes;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_cases() -> Vec<Case> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples-catalogue");
        let checked = crate::pipeline::check(
            &crate::pipeline::CataloguePaths::new(root),
            jiff::civil::date(2100, 1, 1),
        )
        .unwrap();
        checked.catalogue.unwrap().cases
    }

    #[test]
    fn a_record_replaced_in_place_gives_the_file_joined_again() {
        let mut records: Vec<String> = ["{\"a\": 1}", "{\"bb\": 22}", "{}", "{\"d\": \"é\"}"]
            .map(String::from)
            .to_vec();
        let mut json = Joined::of(json_array(&records));
        let mut csv = Joined::of(csv_table(&records).unwrap());
        // Longer, shorter, empty, the last, and one more than there are.
        for (ordinal, record) in [
            (1, "{\"longer\": [1, 2, 3]}"),
            (0, "{}"),
            (2, ""),
            (3, "{\"å\": 0}"),
            (9, "{}"),
        ] {
            json.replace(ordinal, record);
            csv.replace(ordinal, record);
            if let Some(slot) = records.get_mut(ordinal) {
                *slot = record.to_string();
            }
            assert_eq!(json.bytes, join_json(&records).into_bytes());
            assert_eq!(csv.bytes, join_csv(&records).unwrap().into_bytes());
            assert_eq!(json.spans, json_array(&records).1);
        }
        // Bytes lent out and not given back: nothing to replace in.
        let lent = std::mem::take(&mut json.bytes);
        assert!(!lent.is_empty());
        json.replace(1, "{}");
        assert!(json.bytes.is_empty());
    }

    #[test]
    fn records_made_a_chunk_at_a_time_join_as_the_whole_list_does() {
        // Short records first, so that the guessed length is too short,
        // across several chunks and a partial last one.
        let records: Vec<String> = (0..RECORDS_AT_A_TIME * 2 + 7)
            .map(|index| {
                let repeat = if index < RECORDS_AT_A_TIME { 1 } else { 40 };
                format!("{{\"n\": \"{}\"}}", "å".repeat(index % 7 * repeat))
            })
            .collect();
        let made_ranges = std::cell::RefCell::new(Vec::new());
        let (text, spans) = json_array_made(records.len(), |range| {
            made_ranges.borrow_mut().push(range.clone());
            Ok::<_, Infallible>(records[range].to_vec())
        })
        .unwrap();
        assert_eq!(
            made_ranges.into_inner(),
            [0..1024, 1024..2048, 2048..2055],
            "a chunk at a time"
        );
        let whole = format!("[\n  {}\n]\n", records.join(",\n  "));
        assert_eq!(text, whole);
        assert_eq!(spans.len(), records.len());
        for (span, record) in spans.iter().zip(&records) {
            assert_eq!(&text[span.clone()], record);
        }
        let failed = csv_table_made(3, |_| Err::<Vec<String>, _>(anyhow::anyhow!("no rows")));
        assert!(failed.is_err());
    }

    #[test]
    fn joined_records_are_the_bytes_of_the_whole_array_pretty_printed() {
        let cases = shipped_cases();
        assert!(cases.len() > 10);
        let records: Vec<CaseRecord<'_>> = cases.iter().map(|case| CaseRecord::of(case, "en")).collect();
        let whole = serde_json::to_string_pretty(&records).unwrap() + "\n";
        assert_eq!(cases_json(&cases, "en").unwrap(), whole);
        assert_eq!(cases_json(&[], "en").unwrap(), "[]\n");
    }

    #[test]
    fn records_written_one_file_at_a_time_are_the_records_kept() {
        let cases = shipped_cases();
        let written = std::sync::Mutex::new(Vec::new());
        let count = write_records(&cases, "sv", &|page| {
            written
                .lock()
                .unwrap()
                .push((page.path.clone(), page.bytes.clone()));
            Ok(())
        })
        .unwrap();
        let mut kept = Records::default();
        kept.refresh(&cases, "sv", &Selection::All).unwrap();
        let kept: Vec<(String, Vec<u8>)> = kept.take_pages().into_iter().map(|p| (p.path, p.bytes)).collect();
        assert_eq!(count, 2);
        assert_eq!(written.into_inner().unwrap(), kept, "cases.json, then cases.csv");
        // A failed write stops there: cases.csv is not made.
        let tried = std::sync::Mutex::new(0);
        let failed = write_records(&cases, "en", &|_| {
            *tried.lock().unwrap() += 1;
            anyhow::bail!("disk full")
        });
        assert!(failed.is_err());
        assert_eq!(tried.into_inner().unwrap(), 1);
    }

    #[test]
    fn joined_rows_are_the_bytes_of_one_csv_writer() {
        let cases = shipped_cases();
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(CSV_COLUMNS).unwrap();
        for case in &cases {
            let line = case_csv(case).unwrap();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            assert_eq!(record.len(), CSV_COLUMNS.len());
            writer.write_record(&record).unwrap();
        }
        let whole = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert_eq!(cases_csv(&cases).unwrap(), format!("{CSV_BOM}{whole}"));
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_made_text() {
        let mut case = shipped_cases().remove(0);
        case.title = "=HYPERLINK(\"https://evil.example\",\"x\")".to_string();
        case.summary = "@SUM(A1:A9)".to_string();
        case.organisations = vec!["-1+2".to_string(), "+46 10 123".to_string()];
        case.tags = vec!["\tcmd".to_string()];
        let line = case_csv(&case).unwrap();
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

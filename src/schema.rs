//! The fields of a case's front matter, as data, and the spanned TOML tree
//! the validation rules read.
//!
//! [`FIELDS`] lists every key in the order of CASE-FORMAT.md with whether it
//! is required, what kind of value it takes, which vocabulary it draws from
//! and a one-line explanation; the rules, `catalogue new` and the
//! documentation all read this one table. [`FrontMatter::parse`] turns the
//! TOML into [`Node`]s whose spans are offsets into the whole case file.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::config::Vocabulary;

/// What kind of value a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    TextList,
    /// A TOML date (`2021-01-07`) or a year as an integer (`2021`).
    DateOrYear,
    /// A TOML date.
    Date,
    /// An array of tables with the fields of [`SOURCE_FIELDS`].
    Sources,
    /// A table with the fields of [`CONTACT_FIELDS`].
    Contact,
    /// A table of tables, one per language (`[translations.sv]`), each with
    /// the fields of [`TRANSLATION_FIELDS`].
    Translations,
}

impl Kind {
    /// How the kind is described to a case author.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Text => "text in quotes",
            Kind::TextList => "a list of texts in quotes",
            Kind::DateOrYear => "a date such as 2021-01-07 or a year such as 2021",
            Kind::Date => "a date such as 2026-05-04",
            Kind::Sources => "one or more [[sources]] tables",
            Kind::Contact => "a [contact] table",
            Kind::Translations => "one [translations.<language>] table per language",
        }
    }
}

/// One key of the front matter.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub kind: Kind,
    /// The vocabulary of `catalogue.toml` its values come from, if any.
    pub vocabulary: Option<Vocabulary>,
    /// What to write, for `catalogue new` and the documentation.
    pub doc: &'static str,
}

const fn field(
    name: &'static str,
    required: bool,
    kind: Kind,
    vocabulary: Option<Vocabulary>,
    doc: &'static str,
) -> Field {
    Field {
        name,
        required,
        kind,
        vocabulary,
        doc,
    }
}

/// Every front-matter key, in the order of CASE-FORMAT.md.
pub const FIELDS: &[Field] = &[
    field(
        "title",
        true,
        Kind::Text,
        None,
        "The title in English, 1-120 characters.",
    ),
    field(
        "title_local",
        false,
        Kind::Text,
        None,
        "The title in the case's own language.",
    ),
    field(
        "summary",
        true,
        Kind::Text,
        None,
        "Two or three plain sentences in English, 1-500 characters.",
    ),
    field(
        "country",
        true,
        Kind::Text,
        Some(Vocabulary::Countries),
        "The country code; must match the folder.",
    ),
    field(
        "municipalities",
        true,
        Kind::TextList,
        None,
        "The municipalities the sources name as taking part: names or official codes from the register (register/municipalities.csv). May be left out when `bodies` names the co-operation body instead.",
    ),
    field(
        "bodies",
        false,
        Kind::TextList,
        None,
        "Co-operation bodies through which the service runs (wellbeing services county, joint authority, ...): ids or names from register/bodies.csv.",
    ),
    field(
        "categories",
        true,
        Kind::TextList,
        Some(Vocabulary::Categories),
        "One or more digitalisation categories.",
    ),
    field(
        "service_areas",
        true,
        Kind::TextList,
        Some(Vocabulary::ServiceAreas),
        "One or more service areas.",
    ),
    field(
        "cooperation",
        true,
        Kind::Text,
        Some(Vocabulary::Cooperation),
        "How the municipalities co-operate.",
    ),
    field(
        "status",
        true,
        Kind::Text,
        Some(Vocabulary::Statuses),
        "Where the case stands.",
    ),
    field(
        "started",
        true,
        Kind::DateOrYear,
        None,
        "When it started: a date, or a year; not in the future.",
    ),
    field(
        "ended",
        false,
        Kind::DateOrYear,
        None,
        "When it ended; required when status is \"ended\".",
    ),
    field(
        "language",
        true,
        Kind::Text,
        Some(Vocabulary::Languages),
        "The language the body below is written in.",
    ),
    field(
        "organisations",
        false,
        Kind::TextList,
        None,
        "Organisations taking part besides the municipalities.",
    ),
    field(
        "evaluation",
        false,
        Kind::Text,
        Some(Vocabulary::Evaluation),
        "How the results were evaluated.",
    ),
    field(
        "tags",
        false,
        Kind::TextList,
        None,
        "Free tags in kebab-case, e.g. \"peer-support\".",
    ),
    field(
        "evidence",
        false,
        Kind::TextList,
        None,
        "The citation keys of the studies in research/*.bib that concern this example, e.g. [\"hjelte-2023\"].",
    ),
    field(
        "reviewed",
        true,
        Kind::Date,
        None,
        "When the national representative last checked this case.",
    ),
    field(
        "sources",
        true,
        Kind::Sources,
        None,
        "At least one public source: a title and an http(s) address.",
    ),
    field(
        "contact",
        false,
        Kind::Contact,
        None,
        "A functional mailbox or web page of an organisation, not a person's.",
    ),
    field(
        "translations",
        false,
        Kind::Translations,
        None,
        "The title and summary in other languages, one [translations.<language>] table each (e.g. [translations.sv]), shown on the pages in that language. The language is a term of `languages` other than `en`.",
    ),
];

/// The keys of each `[[sources]]` table.
pub const SOURCE_FIELDS: &[Field] = &[
    field(
        "title",
        true,
        Kind::Text,
        None,
        "The title of the page or publication.",
    ),
    field("url", true, Kind::Text, None, "Its http:// or https:// address."),
];

/// The keys of the `[contact]` table.
pub const CONTACT_FIELDS: &[Field] = &[
    field(
        "organisation",
        true,
        Kind::Text,
        None,
        "The organisation to contact.",
    ),
    field(
        "email",
        false,
        Kind::Text,
        None,
        "A functional mailbox, not a person's.",
    ),
    field(
        "url",
        false,
        Kind::Text,
        None,
        "A contact web page, http:// or https://.",
    ),
];

/// The keys of each `[translations.<language>]` table. Neither is required
/// alone, but a translation needs at least one of them (E0201); a missing
/// one falls back to the English text on the page.
pub const TRANSLATION_FIELDS: &[Field] = &[
    field(
        "title",
        false,
        Kind::Text,
        None,
        "The title in that language, 1-120 characters.",
    ),
    field(
        "summary",
        false,
        Kind::Text,
        None,
        "The summary in that language, 1-500 characters.",
    ),
];

/// A required field that another one may stand in for: a case that names
/// a co-operation body needs no `municipalities`.
pub const STANDS_IN_FOR: &[(&str, &str)] = &[("municipalities", "bodies")];

/// Whether `table` fills the required `field` through the field that may
/// stand in for it (present and not empty).
pub fn filled_by_stand_in(table: &Table, field: &str) -> bool {
    STANDS_IN_FOR
        .iter()
        .filter(|(required, _)| *required == field)
        .any(|(_, stand_in)| !table.texts(stand_in).is_empty())
}

pub fn field_named(fields: &'static [Field], name: &str) -> Option<&'static Field> {
    fields.iter().find(|field| field.name == name)
}

/// Text that `catalogue new` leaves for the author to replace. Such a value
/// is reported once, as a placeholder, and otherwise treated as absent.
pub fn is_placeholder(text: &str) -> bool {
    text.trim_start().starts_with("TODO")
}

/// A TOML value with its span in the case file.
#[derive(Debug, Clone)]
pub struct Node {
    pub span: Range<usize>,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub enum Value {
    String(String),
    /// The integer, or `None` when it does not fit in 64 bits.
    Integer(Option<i64>),
    Float,
    Boolean(bool),
    Datetime(toml::value::Datetime),
    Array(Vec<Node>),
    Table(Table),
}

impl Value {
    /// The TOML type name, for "expected text, found an integer".
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "text",
            Value::Integer(_) => "a number",
            Value::Float => "a decimal number",
            Value::Boolean(_) => "true/false",
            Value::Datetime(_) => "a date",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

/// A key with its span and value.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

/// A TOML table with its entries in the order they appear in the file.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub entries: Vec<Entry>,
}

/// A date as written in a case: a full date, or a year alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartialDate {
    Year(i16),
    Day(jiff::civil::Date),
}

impl PartialDate {
    /// The first day it can mean (`2021` → 2021-01-01).
    pub fn earliest(self) -> jiff::civil::Date {
        match self {
            PartialDate::Year(year) => jiff::civil::Date::new(year, 1, 1).unwrap_or_default(),
            PartialDate::Day(date) => date,
        }
    }

    /// The last day it can mean (`2021` → 2021-12-31).
    pub fn latest(self) -> jiff::civil::Date {
        match self {
            PartialDate::Year(year) => jiff::civil::Date::new(year, 12, 31).unwrap_or_default(),
            PartialDate::Day(date) => date,
        }
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PartialDate::Year(year) => write!(f, "{year}"),
            PartialDate::Day(date) => write!(f, "{date}"),
        }
    }
}

/// The earliest and latest years a case date may have; outside them a
/// number is a typo, not a year.
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2100;

/// Interpret a node as a date: a TOML local date, or an integer year.
/// Anything else (a time of day, an offset, a year out of range) is `None`.
pub fn as_partial_date(node: &Node) -> Option<PartialDate> {
    match &node.value {
        Value::Integer(Some(year)) if YEARS.contains(year) => {
            i16::try_from(*year).ok().map(PartialDate::Year)
        }
        Value::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => {
            let date = datetime.date?;
            let year = i16::try_from(date.year).ok()?;
            jiff::civil::Date::new(year, i8::try_from(date.month).ok()?, i8::try_from(date.day).ok()?)
                .ok()
                .map(PartialDate::Day)
        }
        _ => None,
    }
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.key == key)
    }

    /// A text value that is filled in, with its span.
    pub fn text(&self, key: &str) -> Option<(&str, Range<usize>)> {
        match &self.get(key)?.value {
            Node {
                value: Value::String(text),
                span,
            } if !is_placeholder(text) => Some((text.as_str(), span.clone())),
            _ => None,
        }
    }

    /// The filled-in text elements of a list.
    pub fn texts(&self, key: &str) -> Vec<(&str, Range<usize>)> {
        match self.get(key).map(|entry| &entry.value.value) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| match &item.value {
                    Value::String(text) if !is_placeholder(text) => Some((text.as_str(), item.span.clone())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A date or year, if it is a valid one.
    pub fn date(&self, key: &str) -> Option<(PartialDate, Range<usize>)> {
        let node = &self.get(key)?.value;
        as_partial_date(node).map(|date| (date, node.span.clone()))
    }

    /// The tables of an array of tables (`[[sources]]`), with their spans.
    pub fn tables(&self, key: &str) -> Vec<(&Table, Range<usize>)> {
        match self.get(key).map(|entry| &entry.value.value) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| match &item.value {
                    Value::Table(table) => Some((table, item.span.clone())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Each entry of the `[translations]` table: the language as written,
    /// the span of that key, and the translation's table when it is one.
    pub fn translations(&self) -> Vec<(&str, Range<usize>, Option<&Table>)> {
        match self.get("translations").map(|entry| &entry.value.value) {
            Some(Value::Table(languages)) => languages
                .entries
                .iter()
                .map(|entry| {
                    let table = match &entry.value.value {
                        Value::Table(table) => Some(table),
                        _ => None,
                    };
                    (entry.key.as_str(), entry.key_span.clone(), table)
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A sub-table (`[contact]`).
    pub fn table(&self, key: &str) -> Option<(&Table, Range<usize>)> {
        match &self.get(key)?.value {
            Node {
                value: Value::Table(table),
                span,
            } => Some((table, span.clone())),
            _ => None,
        }
    }
}

/// The parsed front matter of one case file.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub root: Table,
}

/// A TOML syntax error, already moved into file coordinates.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl FrontMatter {
    /// Parse the TOML found at `offset` in the case file. Every syntax error
    /// the parser recovers from is returned, not only the first.
    pub fn parse(toml_text: &str, offset: usize) -> Result<FrontMatter, Vec<SyntaxError>> {
        let (table, errors) = DeTable::parse_recoverable(toml_text);
        if !errors.is_empty() {
            return Err(errors
                .iter()
                .map(|error| SyntaxError {
                    span: error.span().map(|span| span.start + offset..span.end + offset),
                    message: crate::config::first_line(error.message()),
                })
                .collect());
        }
        Ok(FrontMatter {
            root: convert_table(table.get_ref(), offset),
        })
    }
}

fn shift(span: Range<usize>, offset: usize) -> Range<usize> {
    span.start + offset..span.end + offset
}

fn convert_table(table: &DeTable<'_>, offset: usize) -> Table {
    let mut entries: Vec<Entry> = table
        .iter()
        .map(|(key, value)| Entry {
            key: key.get_ref().to_string(),
            key_span: shift(key.span(), offset),
            value: convert(value.get_ref(), shift(value.span(), offset), offset),
        })
        .collect();
    entries.sort_by_key(|entry| entry.key_span.start);
    Table { entries }
}

fn convert(value: &DeValue<'_>, span: Range<usize>, offset: usize) -> Node {
    let value = match value {
        DeValue::String(text) => Value::String(text.to_string()),
        DeValue::Integer(integer) => {
            let digits = integer.as_str().replace('_', "");
            let digits = digits.trim_start_matches('+');
            let digits = match integer.radix() {
                10 => digits,
                _ => digits.get(2..).unwrap_or(""),
            };
            Value::Integer(i64::from_str_radix(digits, integer.radix()).ok())
        }
        DeValue::Float(_) => Value::Float,
        DeValue::Boolean(boolean) => Value::Boolean(*boolean),
        DeValue::Datetime(datetime) => Value::Datetime(*datetime),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| convert(item.get_ref(), shift(item.span(), offset), offset))
                .collect(),
        ),
        DeValue::Table(table) => Value::Table(convert_table(table, offset)),
    };
    Node { span, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_moved_into_file_coordinates() {
        let front_matter = FrontMatter::parse("title = \"x\"\n", 4).unwrap();
        let entry = front_matter.root.get("title").unwrap();
        assert_eq!(entry.key_span, 4..9);
        assert_eq!(entry.value.span, 12..15);
    }

    #[test]
    fn dates_and_years() {
        let front_matter = FrontMatter::parse(
            "a = 2021\nb = 2021-01-07\nc = 2021-01-07T10:00:00\nd = 99999\n",
            0,
        )
        .unwrap();
        assert_eq!(
            front_matter.root.date("a").map(|d| d.0),
            Some(PartialDate::Year(2021))
        );
        assert_eq!(
            front_matter.root.date("b").map(|d| d.0.to_string()),
            Some("2021-01-07".to_string())
        );
        assert!(front_matter.root.date("c").is_none());
        assert!(front_matter.root.date("d").is_none());
    }

    #[test]
    fn every_syntax_error_is_returned() {
        let errors = FrontMatter::parse("a = \nb = \"x\"\nc = ]\n", 10).unwrap_err();
        assert!(errors.len() >= 2, "{errors:?}");
        assert!(
            errors
                .iter()
                .all(|e| e.span.as_ref().is_some_and(|s| s.start >= 10))
        );
    }

    #[test]
    fn placeholders_are_not_values() {
        let front_matter =
            FrontMatter::parse("title = \"TODO: a title\"\ntags = [\"TODO\", \"x\"]\n", 0).unwrap();
        assert!(front_matter.root.text("title").is_none());
        assert_eq!(front_matter.root.texts("tags").len(), 1);
    }
}

//! Withdrawn cases (`withdrawn.toml`): a case's address is permanent, so a
//! case that leaves the catalogue is listed here with when and why, and its
//! address answers with a page saying so instead of vanishing. The sitemap,
//! the feed, the counts and the search never include a withdrawn case. The
//! file is optional.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceFile;

pub const WITHDRAWN_INVALID: Code = Code {
    code: "E0009",
    name: "invalid-withdrawn-case",
    severity: Severity::Error,
    summary: "an entry of withdrawn.toml cannot be used",
    explanation: "\
`examples-catalogue/withdrawn.toml` lists the cases that were removed from \
the catalogue, so that their permanent addresses answer with a page that \
says the example was withdrawn and why. Each `[[withdrawn]]` entry needs:

- `case`: the case's id, `<country>/<slug>` in lowercase as in its address \
(`se/digital-colleague` for /cases/se/digital-colleague/), of a country of \
catalogue.toml, listed once;
- `title`: the title the case had;
- `withdrawn`: the day it was withdrawn, a date no later than today;
- `reason`: why, in a sentence readers understand.

A case that still has its file cannot be withdrawn: remove the file, or the \
entry.

Example:

    [[withdrawn]]
    case = \"se/rare-child-welfare-cases\"
    title = \"A host municipality for rare child-welfare cases\"
    withdrawn = 2026-11-29
    reason = \"No public source documents the example.\"",
};

/// A case that was withdrawn, as validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawn {
    /// The country code in upper case, as the case folder.
    pub country: String,
    pub slug: String,
    pub title: String,
    pub withdrawn: jiff::civil::Date,
    pub reason: String,
}

impl Withdrawn {
    /// `se/slug`, as a case's id.
    pub fn id(&self) -> String {
        format!("{}/{}", self.country.to_lowercase(), self.slug)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    withdrawn: Vec<Spanned<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    case: Spanned<String>,
    title: Spanned<String>,
    withdrawn: Spanned<toml::value::Datetime>,
    reason: Spanned<String>,
}

/// The longest title and reason shown on a page.
const MAX_TEXT: usize = 500;

/// Read and check the file. `countries` are catalogue.toml's; `existing`
/// are the ids (`se/slug`) of the case files found. Entries with problems
/// are left out of the result.
pub fn parse(
    file: &SourceFile,
    countries: &[&str],
    existing: &[String],
    today: jiff::civil::Date,
) -> (Vec<Withdrawn>, Vec<Diagnostic>) {
    let parsed = match read(file) {
        Ok(parsed) => parsed,
        Err(diagnostic) => return (Vec::new(), vec![*diagnostic]),
    };
    let mut problems = Problems {
        file,
        diagnostics: Vec::new(),
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut withdrawn = Vec::new();
    for entry in &parsed.withdrawn {
        let entry = entry.get_ref();
        let Some((country, slug)) = problems.case_id(entry, countries, existing, &mut seen) else {
            continue;
        };
        let complete = problems.texts_complete(entry);
        if let Some(day) = problems.withdrawal_day(entry, today)
            && complete
        {
            withdrawn.push(Withdrawn {
                country: country.to_string(),
                slug: slug.to_string(),
                title: entry.title.get_ref().trim().to_string(),
                withdrawn: day,
                reason: entry.reason.get_ref().trim().to_string(),
            });
        }
    }
    withdrawn.sort_by_key(Withdrawn::id);
    (withdrawn, problems.diagnostics)
}

/// The file as TOML, or the one diagnostic saying why it is not.
fn read(file: &SourceFile) -> Result<File, Box<Diagnostic>> {
    toml::from_str(&file.text).map_err(|error| {
        let message = error.message().lines().next().unwrap_or_default().to_string();
        Box::new(
            Diagnostic::new(&WITHDRAWN_INVALID, &file.path, error.span(), message)
                .with_help("each [[withdrawn]] entry has exactly case, title, withdrawn and reason; see `catalogue explain E0009`"),
        )
    })
}

/// The E0009 diagnostics of one file, gathered entry by entry.
struct Problems<'a> {
    file: &'a SourceFile,
    diagnostics: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn report(&mut self, span: Range<usize>, message: String, help: &str) {
        self.diagnostics
            .push(Diagnostic::new(&WITHDRAWN_INVALID, &self.file.path, Some(span), message).with_help(help));
    }

    /// The entry's country (as catalogue.toml spells it) and slug, if its
    /// `case` names a case that may be withdrawn: a well-formed id of a
    /// known country, listed once, whose case file is gone.
    fn case_id<'e, 'c>(
        &mut self,
        entry: &'e Entry,
        countries: &[&'c str],
        existing: &[String],
        seen: &mut BTreeMap<String, usize>,
    ) -> Option<(&'c str, &'e str)> {
        let id = entry.case.get_ref().as_str();
        let span = entry.case.span();
        let Some((country, slug)) = id.split_once('/') else {
            self.report(
                span,
                format!("\"{id}\" is not a case id such as se/digital-colleague"),
                "write the country code and the slug, in lowercase, with a / between them",
            );
            return None;
        };
        let Some(known_country) = countries.iter().find(|code| code.to_lowercase() == country) else {
            self.report(
                span,
                format!("\"{country}\" is not a country of catalogue.toml"),
                "use the lowercase country code of the case's address, e.g. se",
            );
            return None;
        };
        if !crate::slug::is_valid_slug(slug) {
            self.report(
                span,
                format!("\"{slug}\" is not a case slug"),
                "use the case's file name without .md: lowercase letters, digits and hyphens",
            );
            return None;
        }
        if let Some(first) = seen.insert(id.to_string(), span.start) {
            let help = format!(
                "remove one of the entries (the first is on line {})",
                self.file.line(first)
            );
            self.report(span, format!("\"{id}\" is listed twice"), &help);
            return None;
        }
        if existing.iter().any(|case| case == id) {
            self.report(
                span,
                format!("\"{id}\" still has its case file"),
                "remove the case file to withdraw the case, or remove this entry to keep it",
            );
            return None;
        }
        Some((known_country, slug))
    }

    /// Whether the title and the reason are both one line of plain text of
    /// a readable length; each that is not is reported.
    fn texts_complete(&mut self, entry: &Entry) -> bool {
        let mut complete = true;
        for (field, text) in [("title", &entry.title), ("reason", &entry.reason)] {
            let value = text.get_ref().trim();
            if value.is_empty() || value.chars().count() > MAX_TEXT || value.chars().any(char::is_control) {
                self.report(
                    text.span(),
                    format!("`{field}` must be 1 to {MAX_TEXT} characters of plain text"),
                    &format!("write the {field} in one line"),
                );
                complete = false;
            }
        }
        complete
    }

    /// The day of withdrawal, if it is a plain date no later than today.
    fn withdrawal_day(&mut self, entry: &Entry, today: jiff::civil::Date) -> Option<jiff::civil::Date> {
        let date = entry.withdrawn.get_ref();
        let day = match (date.date, date.time) {
            (Some(day), None) => jiff::civil::Date::new(day.year as i16, day.month as i8, day.day as i8).ok(),
            _ => None,
        };
        match day {
            Some(day) if day <= today => Some(day),
            Some(day) => {
                self.report(
                    entry.withdrawn.span(),
                    format!("`withdrawn` {day} is in the future"),
                    &format!("use a date no later than today, {today}"),
                );
                None
            }
            None => {
                self.report(
                    entry.withdrawn.span(),
                    "`withdrawn` must be a date such as 2026-11-29".to_string(),
                    "write the date without quotes and without a time",
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, existing: &[&str]) -> (Vec<Withdrawn>, Vec<String>) {
        let existing: Vec<String> = existing.iter().map(|id| id.to_string()).collect();
        let (withdrawn, diagnostics) = parse(
            &SourceFile::new("withdrawn.toml", text),
            &["SE", "NO"],
            &existing,
            jiff::civil::date(2026, 11, 29),
        );
        (withdrawn, diagnostics.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn reads_a_valid_entry() {
        let (withdrawn, problems) = run(
            "[[withdrawn]]\ncase = \"se/x-y\"\ntitle = \"T\"\nwithdrawn = 2026-11-29\nreason = \"R\"\n",
            &[],
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(withdrawn[0].id(), "se/x-y");
        assert_eq!(withdrawn[0].country, "SE");
    }

    #[test]
    fn reports_every_kind_of_mistake() {
        let entry = |case: &str, date: &str| {
            format!("[[withdrawn]]\ncase = \"{case}\"\ntitle = \"T\"\nwithdrawn = {date}\nreason = \"R\"\n")
        };
        for (text, existing, expected) in [
            (entry("x-y", "2026-01-01"), vec![], "is not a case id"),
            (entry("dk/x-y", "2026-01-01"), vec![], "is not a country"),
            (entry("se/X Y", "2026-01-01"), vec![], "is not a case slug"),
            (entry("se/x-y", "2027-01-01"), vec![], "is in the future"),
            (entry("se/x-y", "2026-01-01T10:00:00"), vec![], "must be a date"),
            (
                entry("se/x-y", "2026-01-01"),
                vec!["se/x-y"],
                "still has its case file",
            ),
            (
                format!(
                    "{}{}",
                    entry("se/x-y", "2026-01-01"),
                    entry("se/x-y", "2026-01-01")
                ),
                vec![],
                "is listed twice",
            ),
            (
                "[[withdrawn]]\ncase = \"se/x\"\n".to_string(),
                vec![],
                "missing field",
            ),
        ] {
            let (_, problems) = run(&text, &existing);
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{expected}: {problems:?}"
            );
        }
    }
}

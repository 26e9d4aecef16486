//! E0404: a date with a time or offset, or a year that cannot be right.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::{FIELDS, Kind, Value, YEARS, as_partial_date};

pub const CODE: Code = Code {
    code: "E0404",
    name: "invalid-date",
    severity: Severity::Error,
    summary: "a date has a time of day or a year out of range",
    explanation: "\
started, ended and reviewed are calendar days (started and ended may also be a \
year alone). A time of day or a time zone means nothing here, and a year \
outside 1900-2100 is a typo.

Examples of the mistake and the fix:

    started = 2021-01-07T09:00:00   →  started = 2021-01-07
    started = 20211                 →  started = 2021

A day that does not exist (2025-02-30) is reported as a TOML error, E0110.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for field in FIELDS
        .iter()
        .filter(|f| matches!(f.kind, Kind::Date | Kind::DateOrYear))
    {
        let Some(entry) = context.front_matter.root.get(field.name) else {
            continue;
        };
        let node = &entry.value;
        if as_partial_date(node).is_some() {
            continue;
        }
        let (message, help) = match &node.value {
            Value::Datetime(datetime) => match datetime.date {
                Some(date) => (
                    format!("`{}` has a time of day or a time zone", field.name),
                    format!("write the day alone: {} = {date}", field.name),
                ),
                None => (
                    format!("`{}` is a time of day, not a date", field.name),
                    format!("write a date such as {} = 2021-01-07", field.name),
                ),
            },
            Value::Integer(_) if field.kind == Kind::DateOrYear => (
                format!(
                    "`{}` is not a year between {} and {}",
                    field.name,
                    YEARS.start(),
                    YEARS.end()
                ),
                "write a four-digit year such as 2021, or a date such as 2021-01-07".to_string(),
            ),
            // Other kinds are the wrong type, reported by E0203.
            _ => continue,
        };
        out.push(
            context
                .diagnostic(&CODE, Some(node.span.clone()), message)
                .with_label("not a calendar day")
                .with_help(help),
        );
    }
}

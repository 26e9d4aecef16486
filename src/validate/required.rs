//! E0201: a required field is missing.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::{
    CONTACT_FIELDS, FIELDS, Field, SOURCE_FIELDS, TRANSLATION_FIELDS, Table, filled_by_stand_in,
};
use crate::suggest::nearest;

pub const CODE: Code = Code {
    code: "E0201",
    name: "missing-field",
    severity: Severity::Error,
    summary: "a required field is missing",
    explanation: "\
Every case must have these fields: title, summary, country, municipalities \
(or `bodies`, the co-operation bodies it runs through), categories, service_areas, cooperation, status, started, language, reviewed and \
at least one [[sources]] table with a title and a url. A [contact] table, if \
present, needs an organisation. A `[translations.<language>]` table needs a \
`title` or a `summary` (or both).

The diagnostic points at the opening `+++` of the front matter (or at the \
table that lacks a key) and says what to add.

Example of the fix:

    +++
    title = \"The digital colleague\"
    ...
    reviewed = 2026-05-04
    +++

Note that keys written after a `[[sources]]` or `[contact]` line belong to that \
table: put the plain fields above the first table.",
};

fn missing(
    context: &CaseContext<'_>,
    table: &Table,
    fields: &[Field],
    span: std::ops::Range<usize>,
    within: &str,
    out: &mut Vec<Diagnostic>,
) {
    let absent: Vec<&Field> = fields
        .iter()
        .filter(|field| field.required && table.get(field.name).is_none())
        .filter(|field| !filled_by_stand_in(table, field.name))
        .collect();
    if absent.is_empty() {
        // Nothing to report, and no edit distances to compute for a table
        // of thousands of unknown keys.
        return;
    }
    // A misspelt key (`municipalitys`) is reported once, by E0202 with its
    // "did you mean", not a second time as a missing field.
    let misspelt: Vec<&str> = table
        .entries
        .iter()
        .filter(|entry| !fields.iter().any(|field| field.name == entry.key))
        .filter_map(|entry| nearest(&entry.key, fields.iter().map(|field| field.name)))
        .collect();
    for field in absent.into_iter().filter(|field| !misspelt.contains(&field.name)) {
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(span.clone()),
                    format!("missing required field `{}`{within}", field.name),
                )
                .with_label(format!("`{}` is required", field.name))
                .with_help(format!(
                    "add `{}` ({}): {}",
                    field.name,
                    field.kind.describe(),
                    field.doc
                )),
        );
    }
}

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let root = &context.front_matter.root;
    missing(context, root, FIELDS, context.fence(), "", out);
    for (source, span) in root.tables("sources") {
        missing(context, source, SOURCE_FIELDS, span, " in this source", out);
    }
    if let Some((contact, span)) = root.table("contact") {
        missing(context, contact, CONTACT_FIELDS, span, " in [contact]", out);
    }
    for (language, key_span, translation) in root.translations() {
        if let Some(translation) = translation {
            empty_translation(context, language, key_span, translation, out);
        }
    }
}

/// A translation that translates nothing: neither of its keys is there
/// (a misspelt one is E0202's to report).
fn empty_translation(
    context: &CaseContext<'_>,
    language: &str,
    span: std::ops::Range<usize>,
    translation: &Table,
    out: &mut Vec<Diagnostic>,
) {
    let names = || TRANSLATION_FIELDS.iter().map(|field| field.name);
    let has_one = translation
        .entries
        .iter()
        .any(|entry| names().any(|name| name == entry.key) || nearest(&entry.key, names()).is_some());
    if has_one {
        return;
    }
    out.push(
        context
            .diagnostic(
                &CODE,
                Some(span),
                format!("[translations.{language}] has neither a `title` nor a `summary`"),
            )
            .with_label("translates nothing")
            .with_help(format!(
                "add title = \"…\" and summary = \"…\" in that language below [translations.{language}], or remove the table"
            )),
    );
}

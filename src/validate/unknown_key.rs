//! E0202: a key the case format does not know (usually a typo).

use super::{CaseContext, MAX_DIAGNOSTICS_PER_FILE};
use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::{CONTACT_FIELDS, FIELDS, Field, SOURCE_FIELDS, TRANSLATION_FIELDS, Table, field_named};
use crate::suggest::nearest;

pub const CODE: Code = Code {
    code: "E0202",
    name: "unknown-key",
    severity: Severity::Error,
    summary: "the front matter has a key the case format does not know",
    explanation: "\
Only the keys of the case format are allowed, so that a misspelt key such as \
`municipalitys` is caught instead of being silently ignored. The diagnostic \
suggests the nearest known key.

Example of the mistake:

    municipalitys = [\"Vilhelmina\"]

Fix:

    municipalities = [\"Vilhelmina\"]

A `[translations.<language>]` table takes only `title` and `summary`.

A key that is right but placed after a `[[sources]]`, `[contact]` or \
`[translations.…]` line belongs to that table in TOML and is reported here \
too: move it above the first table line.",
};

fn unknown(
    context: &CaseContext<'_>,
    table: &Table,
    fields: &'static [Field],
    within: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut reported = 0;
    for entry in &table.entries {
        if field_named(fields, &entry.key).is_some() {
            continue;
        }
        reported += 1;
        // Entries are in file order: past the first few, a key has more
        // E0202 before it than are ever shown, so its help is never read and
        // the edit distances of "did you mean" are not worth computing.
        let help = if reported > MAX_DIAGNOSTICS_PER_FILE {
            "see `catalogue explain E0202`".to_string()
        } else if !within.is_empty() && field_named(FIELDS, &entry.key).is_some() {
            format!(
                "`{}` belongs above the first table line ([[sources]], [contact] or [translations.…]): TOML puts every key after a table line into that table",
                entry.key
            )
        } else if let Some(known) = nearest(&entry.key, fields.iter().map(|f| f.name)) {
            format!("did you mean `{known}`?")
        } else {
            format!(
                "the keys allowed here are: {}",
                fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
            )
        };
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(entry.key_span.clone()),
                    format!("unknown key `{}`{within}", entry.key),
                )
                .with_label("not a field of the case format")
                .with_help(help),
        );
    }
}

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let root = &context.front_matter.root;
    unknown(context, root, FIELDS, "", out);
    for (source, _) in root.tables("sources") {
        unknown(context, source, SOURCE_FIELDS, " in [[sources]]", out);
    }
    if let Some((contact, _)) = root.table("contact") {
        unknown(context, contact, CONTACT_FIELDS, " in [contact]", out);
    }
    for (language, _, translation) in root.translations() {
        if let Some(translation) = translation {
            let within = format!(" in [translations.{language}]");
            unknown(context, translation, TRANSLATION_FIELDS, &within, out);
        }
    }
}

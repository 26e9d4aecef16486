//! E0205: a value that must come from a vocabulary of `catalogue.toml` does
//! not.

use super::{CaseContext, MAX_DIAGNOSTICS_PER_FILE};
use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::FIELDS;
use crate::suggest::{nearest, quoted_list};

pub const CODE: Code = Code {
    code: "E0205",
    name: "unknown-term",
    severity: Severity::Error,
    summary: "a value is not a term of its vocabulary",
    explanation: "\
country, categories, service_areas, cooperation, status, evaluation and \
language take terms from the vocabularies in `examples-catalogue/catalogue.toml`, \
so that cases can be grouped and filtered and their labels shown in every \
Nordic language. Terms are written exactly as there: lowercase, with hyphens \
(`children-youth`, `financial-assistance`); country codes in capitals (`SE`).

The diagnostic lists the allowed terms and the nearest one.

Example of the mistake:

    categories = [\"Internal\", \"AI\"]

Fix:

    categories = [\"internal\", \"ai\"]

If a term is really missing from the vocabulary, the catalogue's editors add \
it to catalogue.toml (with its labels) in the same pull request.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let root = &context.front_matter.root;
    for field in FIELDS {
        let Some(vocabulary) = field.vocabulary else {
            continue;
        };
        let terms: Vec<&str> = context.config.terms(vocabulary).iter().map(|t| t.id()).collect();
        let values = match root.text(field.name) {
            Some(value) => vec![value],
            None => root.texts(field.name),
        };
        let mut reported = 0;
        for (value, span) in values {
            if terms.contains(&value) {
                continue;
            }
            reported += 1;
            let mut help = format!("use one of {}", quoted_list(terms.iter().copied()));
            // Values are in file order: past the first few of a list, the
            // diagnostic is never shown, so spare the edit distances.
            let near = if reported > MAX_DIAGNOSTICS_PER_FILE {
                None
            } else {
                nearest(value, terms.iter().copied())
            };
            if let Some(near) = near {
                help = format!(
                    "did you mean \"{near}\"? The allowed values are {}",
                    quoted_list(terms.iter().copied())
                );
            }
            out.push(
                context
                    .diagnostic(
                        &CODE,
                        Some(span),
                        format!("\"{value}\" is not a known value of `{}`", field.name),
                    )
                    .with_label(format!("not in [[{}]] of catalogue.toml", vocabulary.table()))
                    .with_help(help),
            );
        }
    }
}

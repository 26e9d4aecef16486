//! E0211: a `[translations.<language>]` table names a language that is not
//! a term of the languages vocabulary.

use super::{CaseContext, MAX_DIAGNOSTICS_PER_FILE};
use crate::config::Vocabulary;
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::ORIGINAL_LANGUAGE;
use crate::suggest::{nearest, quoted_list};

pub const CODE: Code = Code {
    code: "E0211",
    name: "unknown-translation-language",
    severity: Severity::Error,
    summary: "a translation is in a language the catalogue does not know",
    explanation: "\
A case's title and summary may be translated, one table per language, named \
by a term of `[[languages]]` in `catalogue.toml` (lowercase: `sv`, `nb`, `nn`, \
`da`, `fi`, `is`, ...). The site shows a translation on the pages in that \
language, so a table under any other name would never be shown.

The diagnostic points at the language in the table's header and suggests \
the nearest term.

Example of the mistake:

    [translations.se]
    title = \"Den digitala kollegan\"

Fix (Swedish is `sv`; `SE` is the country):

    [translations.sv]
    title = \"Den digitala kollegan\"",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let terms: Vec<&str> = context
        .config
        .terms(Vocabulary::Languages)
        .iter()
        .map(|term| term.id())
        .filter(|term| *term != ORIGINAL_LANGUAGE)
        .collect();
    let mut reported = 0;
    for (language, span, _) in context.front_matter.root.translations() {
        if language == ORIGINAL_LANGUAGE || terms.contains(&language) {
            continue;
        }
        reported += 1;
        let allowed = quoted_list(terms.iter().copied());
        // Past the first few the diagnostic is never shown: spare the edit
        // distances.
        let near = (reported <= MAX_DIAGNOSTICS_PER_FILE)
            .then(|| nearest(language, terms.iter().copied()))
            .flatten();
        let help = match near {
            Some(near) => format!("did you mean [translations.{near}]? The languages are {allowed}"),
            None => format!("use one of the languages {allowed}"),
        };
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(span),
                    format!("\"{language}\" is not a language of the catalogue"),
                )
                .with_label("not in [[languages]] of catalogue.toml")
                .with_help(help),
        );
    }
}

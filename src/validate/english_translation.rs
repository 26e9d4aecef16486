//! E0212: a translation into English, the language the case's own title
//! and summary are written in.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::ORIGINAL_LANGUAGE;

pub const CODE: Code = Code {
    code: "E0212",
    name: "english-translation",
    severity: Severity::Error,
    summary: "a translation into English, which the title and summary already are",
    explanation: "\
A case's `title` and `summary` are written in English (CASE-FORMAT.md), so \
a `[translations.en]` table would be a second English title or summary. \
Nothing would show it, and the data files would carry two English texts \
that may disagree; it is an error rather than a warning so that neither \
reaches the published data.

Fix: improve `title` or `summary` themselves and remove the table. To give \
the title in the language of the case, use `title_local`, or a table such as \
`[translations.sv]`.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for (language, span, _) in context.front_matter.root.translations() {
        if language != ORIGINAL_LANGUAGE {
            continue;
        }
        out.push(
            context
                .diagnostic(&CODE, Some(span), "the title and summary are in English already")
                .with_label("a translation into English")
                .with_help("edit `title` or `summary` themselves and remove [translations.en]"),
        );
    }
}

//! E0603: a body has more footnotes than a case file may hold.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0603",
    name: "too-many-footnotes",
    severity: Severity::Error,
    summary: "the body has more footnotes than a case may hold",
    explanation: "\
A case body may have at most 500 footnote references (`[^1]` in the text) \
and at most 500 footnote definitions (`[^1]: ...`). Sources belong in \
`[[sources]]` of the front matter; a few footnotes can add a remark. The \
limit keeps one file from stalling the build: the printed appendix took \
nearly two minutes and 800 MB for a body of 10,000 footnotes.

`[limits] footnotes = N` in catalogue.toml may set a lower limit for the \
catalogue; it cannot raise the limit above 500.

Fix: move references into `[[sources]]`, or merge notes. If the file was \
generated or pasted by mistake, delete it.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let limit = context.config.limits.footnotes;
    let counts = context.body_counts();
    for (count, what, one) in [
        (&counts.footnote_references, "footnote references", "reference"),
        (&counts.footnote_definitions, "footnote definitions", "definition"),
    ] {
        let Some(span) = &count.first_over else { continue };
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(context.body_span(span)),
                    format!("the body has {} {what}; at most {limit} are allowed", count.total),
                )
                .with_label(format!("{one} {} of {}", limit + 1, count.total))
                .with_help(format!(
                    "keep {limit} {what} or fewer: sources belong in [[sources]] of the front matter"
                )),
        );
    }
}

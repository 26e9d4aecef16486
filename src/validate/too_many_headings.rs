//! E0602: a body has more headings than a case file may hold.

use super::CaseContext;
use super::limits::MAX_HEADINGS;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0602",
    name: "too-many-headings",
    severity: Severity::Error,
    summary: "the body has more headings than a case may hold",
    explanation: "\
A case body may have at most 500 headings (of any level). A case \
description needs a handful: the recommended sections and perhaps a few \
subheadings. The limit keeps one file from stalling the build of the whole \
catalogue: every heading is an entry of the page's contents and a \
bookmark of the printed appendix.

`[limits] headings = N` in catalogue.toml may set a lower limit for the \
catalogue; it cannot raise the limit above 500.

Fix: merge sections, or turn repeated headings into a list or a table. \
If the file was generated or pasted by mistake, delete it.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let limit = context.config.limits.headings;
    let count = &context.body_counts().headings;
    let Some(span) = &count.first_over else { return };
    out.push(
        context
            .diagnostic(
                &CODE,
                Some(context.body_span(span)),
                format!(
                    "the body has {} headings; at most {limit} are allowed",
                    count.total
                ),
            )
            .with_label(format!("heading {} of {}", limit + 1, count.total))
            .with_help(if limit < MAX_HEADINGS {
                format!("keep {limit} headings or fewer (the limit set in catalogue.toml [limits])")
            } else {
                format!("keep {limit} headings or fewer: merge sections or make repeated headings a list")
            }),
    );
}

//! E0605: a line of the body opens too many nested quotes or lists.

use super::CaseContext;
use super::limits::MAX_LINE_NESTING;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0605",
    name: "too-deep-nesting",
    severity: Severity::Error,
    summary: "a line of the body opens more than 100 nested quotes or lists",
    explanation: "\
A line of a case body may open at most 100 block quotes and list items \
(`> > >`, `- - -`, `1. 1.`). Real bodies nest a few levels. The Markdown \
parser compares every later line with all the open quotes and lists, so a \
single line of thousands of `>` followed by many lines would stall \
`catalogue check` and the build: the body is not read any further.

Fix: remove the repeated `>`, `-` or `*` at the start of the line.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some((depth, span)) = &context.body_counts().nesting else {
        return;
    };
    out.push(
        context
            .diagnostic(
                &CODE,
                Some(context.body_span(span)),
                format!(
                    "this line opens {depth} nested quotes or lists; at most {MAX_LINE_NESTING} are allowed"
                ),
            )
            .with_label("too deeply nested")
            .with_help("remove the repeated `>`, `-`, `*` or `+` at the start of the line"),
    );
}

//! E0605: a line of the body opens too many nested quotes or lists.

use super::CaseContext;
use super::limits::{MAX_LINE_NESTING, MAX_NESTING_WORK};
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0605",
    name: "too-deep-nesting",
    severity: Severity::Error,
    summary: "the quotes and lists of the body nest too deeply",
    explanation: "\
The Markdown parser compares every line with all the quotes and lists that \
are open, so deep nesting makes a body slow to read: one line of \
thousands of `>` followed by many lines would stall `catalogue check` and \
the build. Two limits keep it linear, and a body past either is not read \
any further:

- a line may open at most 10,000 quotes and list items (`> > >`, `- - -`);
- each line of a paragraph counts as deep as the deepest line of the \
  paragraph before it (a blank line ends a paragraph), and these depths \
  may add up to at most 1,000,000 over the body: 10,000 lines 100 levels \
  deep. Real bodies nest a few levels.

Fix: remove the repeated `>`, `-` or `*` at the start of lines and the \
deep indentation, or end the deeply nested paragraph with a blank line.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(nesting) = &context.body_counts().nesting else {
        return;
    };
    let (message, help) = if nesting.on_one_line {
        (
            format!(
                "this line opens {} nested quotes or lists; at most {MAX_LINE_NESTING} are allowed",
                nesting.depth
            ),
            "remove the repeated `>`, `-`, `*` or `+` at the start of the line".to_string(),
        )
    } else {
        (
            format!(
                "the body nests too deeply for its length: this line is in a paragraph up to {} levels deep, and the depths of the lines so far add up to more than {MAX_NESTING_WORK}",
                nesting.depth
            ),
            "nest quotes and lists a few levels, and end a paragraph with a blank line".to_string(),
        )
    };
    out.push(
        context
            .diagnostic(&CODE, Some(context.body_span(&nesting.span)), message)
            .with_label("too deeply nested")
            .with_help(help),
    );
}

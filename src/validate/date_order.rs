//! E0402: `ended` before `started`.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0402",
    name: "ended-before-started",
    severity: Severity::Error,
    summary: "`ended` is before `started`",
    explanation: "\
A case cannot end before it started. With years alone the comparison is \
generous: `started = 2021` and `ended = 2021-03-01` are fine.

Example of the mistake:

    started = 2023-06-30
    ended = 2021-01-07

Fix: swap or correct the dates.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let root = &context.front_matter.root;
    let (Some((started, started_span)), Some((ended, ended_span))) =
        (root.date("started"), root.date("ended"))
    else {
        return;
    };
    if ended.latest() < started.earliest() {
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(ended_span),
                    format!("`ended` {ended} is before `started` {started}"),
                )
                .with_label("before the start")
                .with_help(format!(
                    "correct the dates: `started` is on line {}",
                    context.source.line(started_span.start)
                )),
        );
    }
}

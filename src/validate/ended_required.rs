//! E0403: `status = "ended"` without an `ended` date.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0403",
    name: "ended-date-missing",
    severity: Severity::Error,
    summary: "a case whose status is \"ended\" has no `ended` date",
    explanation: "\
When `status = \"ended\"`, readers need to know when it ended. Add `ended` \
after `started`, as a date or a year.

Example of the fix:

    status = \"ended\"
    started = 2021-01-07
    ended = 2023-06-30",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let root = &context.front_matter.root;
    let Some(("ended", span)) = root.text("status") else {
        return;
    };
    if root.get("ended").is_none() {
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(span),
                    "status is \"ended\" but there is no `ended` date",
                )
                .with_label("ended when?")
                .with_help("add `ended = <date or year>` after `started`"),
        );
    }
}

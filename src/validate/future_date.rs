//! E0401: a date in the future.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0401",
    name: "date-in-future",
    severity: Severity::Error,
    summary: "started, ended or reviewed lies in the future",
    explanation: "\
The catalogue describes what has happened: a case cannot have started, ended \
or been reviewed after today. A planned case gets the date its planning \
started, or `status = \"planned\"` with the current year. A year alone counts \
as being in the future only when the whole year is.

Example of the mistake (on 2026-05-04):

    reviewed = 2026-06-01

Fix: the day you checked the case, at the latest today:

    reviewed = 2026-05-04",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for key in ["started", "ended", "reviewed"] {
        let Some((date, span)) = context.front_matter.root.date(key) else {
            continue;
        };
        if date.earliest() > context.today {
            out.push(
                context
                    .diagnostic(&CODE, Some(span), format!("`{key}` {date} is in the future"))
                    .with_label(format!("after today, {}", context.today))
                    .with_help(format!("use a date no later than {}", context.today)),
            );
        }
    }
}

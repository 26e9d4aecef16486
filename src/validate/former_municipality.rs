//! W0305: a municipality that no longer exists.

use super::{CaseContext, describe_municipality};
use crate::diag::{Code, Diagnostic, Severity};
use crate::register::Resolution;

pub const CODE: Code = Code {
    code: "W0305",
    name: "former-municipality",
    severity: Severity::Warning,
    summary: "a municipality has ceased to exist (merged or abolished)",
    explanation: "\
The register records when a municipality ended (`valid_to`), for example when \
it merged into a neighbour. A case may rightly name it, if the case took place \
before the change, so this is a warning: readers are told that the \
municipality is a former one.

Fix: if the case continues after the change, name the municipality it became \
part of (the register's README lists mergers where known); if the case ended \
before it, keep the entry and make sure `ended` says so.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for (entry, span, resolution) in context.municipalities() {
        let Resolution::Found(municipality) = resolution else {
            continue;
        };
        let Some(ended) = municipality.ended().filter(|ended| *ended < context.today) else {
            continue;
        };
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(span.clone()),
                    format!(
                        "\"{entry}\" is {}, which ceased to exist on {ended}",
                        describe_municipality(municipality)
                    ),
                )
                .with_label("former municipality")
                .with_help(
                    "name the municipality it became part of, unless the case ended before the change",
                ),
        );
    }
}

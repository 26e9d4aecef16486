//! W0307: a municipality listed directly and also covered through a body
//! the case names.

use super::CaseContext;
use crate::bodies::BodyResolution;
use crate::diag::{Code, Diagnostic, Severity};
use crate::register::Resolution;

pub const CODE: Code = Code {
    code: "W0307",
    name: "listed-through-body",
    severity: Severity::Warning,
    summary: "a municipality is listed directly and is also a member of a body the case names",
    explanation: "\
A case's `municipalities` are those its sources name as taking part; its \
`bodies` are the co-operation bodies the service runs through, whose members \
the site shows as \"covered through\" the body. A municipality that is in \
both says two things at once: that a source names it as taking part, and \
that it is only covered through the body.

Fix: if a source names the municipality as taking part (a pilot site, a \
lead municipality), keep it in `municipalities` and ignore this warning by \
saying so in the body; otherwise remove it from `municipalities`, as the \
body already covers it.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some((from, to)) = context.period() else {
        return;
    };
    let bodies = context.register.bodies();
    for (entry, span, resolution) in context.municipalities() {
        let Resolution::Found(municipality) = resolution else {
            continue;
        };
        let through = context.bodies().iter().find_map(|(_, _, body)| match body {
            BodyResolution::Found(body)
                if bodies.members(&body.id).iter().any(|membership| {
                    membership.code == municipality.code
                        && municipality.belongs_to(&body.country)
                        && membership.overlaps(from, to)
                }) =>
            {
                Some(*body)
            }
            _ => None,
        });
        if let Some(body) = through {
            out.push(
                context
                    .diagnostic(
                        &CODE,
                        Some(span.clone()),
                        format!(
                            "\"{entry}\" ({}) is a member of {}, which the case names in `bodies`",
                            municipality.display_name(),
                            body.name
                        ),
                    )
                    .with_label("also covered through a body")
                    .with_help(format!(
                        "remove it from `municipalities` unless a source names it as taking part; {} already covers it",
                        body.id
                    )),
            );
        }
    }
}

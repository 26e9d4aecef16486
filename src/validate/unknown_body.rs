//! E0306: a co-operation body that is not in the register.

use super::CaseContext;
use crate::bodies::BodyResolution;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0306",
    name: "unknown-body",
    severity: Severity::Error,
    summary: "a co-operation body is not in the register, or belongs to another country",
    explanation: "\
Each entry of `bodies` is looked up in the register's co-operation bodies \
(`examples-catalogue/register/bodies.csv`): wellbeing services counties, \
joint authorities, joint committees, municipal companies, national \
associations, networks and regions. An entry may be the body's id or any of \
its names, without regard to capital letters. The body must be one of the \
case's country (a Finnish case may also name an Åland body).

Example of the mistake:

    bodies = [\"fi-lapin-hyvinvointalue\"]

Fix:

    bodies = [\"fi-lapin-hyvinvointialue\"]   # or \"Lapin hyvinvointialue\"

A body missing from the register is added to bodies.csv with its members in \
body-members.csv and a source (the register's README explains how); the \
case then names it.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let country = context.country();
    for (entry, span, resolution) in context.bodies() {
        let (message, help) = match resolution {
            BodyResolution::Found(_) => continue,
            BodyResolution::OtherCountry(body) => (
                format!(
                    "\"{entry}\" is a body of {}, not of {}",
                    context.country_name(&body.country),
                    context.country_name(country)
                ),
                format!(
                    "move the case to the folder of {}, or name a body of {}",
                    context.country_name(&body.country),
                    context.country_name(country)
                ),
            ),
            BodyResolution::Unknown { suggestion } => (
                format!(
                    "\"{entry}\" is not a co-operation body of {} in the register",
                    context.country_name(country)
                ),
                match suggestion {
                    Some(body) => format!("did you mean \"{}\" ({})?", body.id, body.name),
                    None => "use an id or name from the register (examples-catalogue/register/bodies.csv), or add the body there with its members and a source".to_string(),
                },
            ),
        };
        out.push(
            context
                .diagnostic(&CODE, Some(span.clone()), message)
                .with_label("unknown body")
                .with_help(help),
        );
    }
}

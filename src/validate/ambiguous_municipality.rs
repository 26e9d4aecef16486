//! E0302: a name shared by more than one municipality of the country.

use super::{CaseContext, describe_municipality};
use crate::diag::{Code, Diagnostic, Severity};
use crate::register::Resolution;

pub const CODE: Code = Code {
    code: "E0302",
    name: "ambiguous-municipality",
    severity: Severity::Error,
    summary: "a municipality name is shared by several municipalities",
    explanation: "\
Some names belong to more than one municipality of the same country: in \
Norway there are two Herøy (1515 in Møre og Romsdal, 1818 in Nordland) and two \
Våler (3114 in Østfold, 3419 in Innlandet). The name alone does not say which \
one the case is about.

Fix: write the official code instead of the name; the diagnostic lists the \
candidates with their codes and regions:

    municipalities = [\"1818\"]   # Herøy, Nordland",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for (entry, span, resolution) in context.municipalities() {
        let Resolution::Ambiguous { candidates } = resolution else {
            continue;
        };
        let listed: Vec<String> = candidates.iter().map(|m| describe_municipality(m)).collect();
        let codes: Vec<String> = candidates.iter().map(|m| format!("\"{}\"", m.code)).collect();
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(span.clone()),
                    format!(
                        "\"{entry}\" names {} municipalities: {}",
                        candidates.len(),
                        listed.join(" and ")
                    ),
                )
                .with_label("ambiguous name")
                .with_help(format!(
                    "write the code of the one you mean: {}",
                    codes.join(" or ")
                )),
        );
    }
}

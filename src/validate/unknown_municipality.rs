//! E0301: a municipality that is not in the register.

use super::{CaseContext, describe_municipality};
use crate::diag::{Code, Diagnostic, Severity};
use crate::register::Resolution;

pub const CODE: Code = Code {
    code: "E0301",
    name: "unknown-municipality",
    severity: Severity::Error,
    summary: "a municipality is not in the register",
    explanation: "\
Each entry of `municipalities` is looked up in the Nordic municipality register \
(`examples-catalogue/register/municipalities.csv`) among the municipalities of \
the case's country, by official code or by name. Names are matched without \
regard to capital letters; the Swedish names of Finnish municipalities, the \
Sámi and Kven names of Norwegian ones and the official long forms (\"Vilhelmina \
kommun\") are accepted too.

An entry that matches nothing is reported with the nearest names of the same \
country. Official codes are text in quotes with their leading zeros: \"0114\".

Example of the mistake:

    municipalities = [\"Vilhelmna\"]

Fix:

    municipalities = [\"Vilhelmina\"]   # or its code, \"2462\"

If the municipality is genuinely missing from the register (the Faroe Islands \
and Greenland are not covered yet), the register's README explains how to add it.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let country = context.country();
    for (entry, span, resolution) in context.municipalities() {
        let Resolution::Unknown { suggestions } = resolution else {
            continue;
        };
        let help = if suggestions.is_empty() {
            format!(
                "check the spelling, or use the official code from the register (examples-catalogue/register/municipalities.csv, country {country})"
            )
        } else {
            let names: Vec<String> = suggestions
                .iter()
                .map(|m| format!("\"{}\"", describe_municipality(m)))
                .collect();
            format!("did you mean {}?", names.join(" or "))
        };
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(span.clone()),
                    format!(
                        "\"{entry}\" is not a municipality of {} in the register",
                        context.country_name(country)
                    ),
                )
                .with_label("unknown municipality")
                .with_help(help),
        );
    }
}

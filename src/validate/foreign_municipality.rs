//! E0303: a municipality of another country.

use super::{CaseContext, describe_municipality};
use crate::diag::{Code, Diagnostic, Severity};
use crate::register::Resolution;

pub const CODE: Code = Code {
    code: "E0303",
    name: "municipality-of-another-country",
    severity: Severity::Error,
    summary: "a municipality belongs to another country than the case",
    explanation: "\
A case's `municipalities` are looked up among the municipalities of its \
`country`. An entry that is the name or code of a municipality in another \
country is reported with the country it belongs to: codes repeat across \
countries (1281 is Lund in Sweden), so a code alone cannot cross a border.

Fix: if the case really is about a municipality of that other country, it \
belongs in that country's folder, or, for co-operation across a national \
border, write one case per country that cites the other. Otherwise correct \
the entry.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let country = context.country();
    for (entry, span, resolution) in context.municipalities() {
        let Resolution::OtherCountry { matches } = resolution else {
            continue;
        };
        let listed: Vec<String> = matches
            .iter()
            .map(|m| {
                format!(
                    "{} in {}",
                    describe_municipality(m),
                    context.country_name(&m.territory)
                )
            })
            .collect();
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(span.clone()),
                    format!(
                        "\"{entry}\" is not in {} but {}",
                        context.country_name(country),
                        listed.join(" and ")
                    ),
                )
                .with_label(format!("not a municipality of {country}"))
                .with_help(format!(
                    "name a municipality of {}, or move the case to the folder of the country it is about",
                    context.country_name(country)
                )),
        );
    }
}

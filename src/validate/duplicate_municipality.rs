//! E0304: the same municipality listed twice, perhaps under two spellings.

use std::collections::BTreeMap;

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::register::Resolution;

pub const CODE: Code = Code {
    code: "E0304",
    name: "duplicate-municipality",
    severity: Severity::Error,
    summary: "a municipality is listed twice",
    explanation: "\
Each municipality may appear once in `municipalities`. Two entries can mean \
the same municipality even when they look different: a name and its code \
(\"Vilhelmina\" and \"2462\"), or a Finnish and a Swedish name (\"Helsinki\" and \
\"Helsingfors\").

Fix: remove one of the two entries.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut first_seen: BTreeMap<(String, String), (String, usize)> = BTreeMap::new();
    for (entry, span, resolution) in context.municipalities() {
        let Resolution::Found(municipality) = resolution else {
            continue;
        };
        let key = (municipality.country.clone(), municipality.code.clone());
        if let Some((first_entry, first_offset)) = first_seen.get(&key) {
            out.push(
                context
                    .diagnostic(
                        &CODE,
                        Some(span.clone()),
                        format!(
                            "\"{entry}\" is {} ({}), already listed as \"{first_entry}\"",
                            municipality.display_name(),
                            municipality.code
                        ),
                    )
                    .with_label("listed twice")
                    .with_help(format!(
                        "remove one of the two entries (the first is on line {})",
                        context.source.line(*first_offset)
                    )),
            );
        } else {
            first_seen.insert(key, (entry.to_string(), span.start));
        }
    }
}

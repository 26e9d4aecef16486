//! E0208: the same value is listed twice.

use std::collections::BTreeMap;

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0208",
    name: "duplicate-entry",
    severity: Severity::Error,
    summary: "a list names the same value twice",
    explanation: "\
Each value of bodies, categories, service_areas, organisations and tags, and the url \
of each [[sources]] table, may appear only once in a case: a repeated value is \
usually a copy-and-paste slip and would be counted twice in the catalogue's \
statistics. (Municipalities have their own rule, E0304, because two different \
spellings can mean the same municipality.)

Fix: remove the second occurrence.",
};

const LISTS: [&str; 5] = ["bodies", "categories", "service_areas", "organisations", "tags"];

fn report<'a>(
    context: &CaseContext<'_>,
    key: &str,
    values: impl IntoIterator<Item = (&'a str, std::ops::Range<usize>)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut first_seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (value, span) in values {
        match first_seen.get(value) {
            Some(&first) => out.push(
                context
                    .diagnostic(&CODE, Some(span), format!("\"{value}\" appears twice in `{key}`"))
                    .with_label("repeated")
                    .with_help(format!(
                        "remove this one; it is already listed on line {}",
                        context.source.line(first)
                    )),
            ),
            None => {
                first_seen.insert(value, span.start);
            }
        }
    }
}

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let root = &context.front_matter.root;
    for key in LISTS {
        report(context, key, root.texts(key), out);
    }
    let urls = root
        .tables("sources")
        .into_iter()
        .filter_map(|(source, _)| source.text("url"));
    report(context, "sources", urls, out);
}

//! E0504: two cases with the same slug.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic, Severity};
use crate::load::CaseFile;

pub const CODE: Code = Code {
    code: "E0504",
    name: "duplicate-slug",
    severity: Severity::Error,
    summary: "two case files have the same slug",
    explanation: "\
A slug (the file name without `.md`) names one case in the whole catalogue, \
not only in its country: the appendix, the search results and readers refer \
to a case by it, and two cases called `digital-colleague` in different \
countries would be confused. File systems that ignore capital letters would \
also mix up `Digisos.md` and `digisos.md`.

Fix: give one of the files a more specific name, e.g. \
`digital-colleague-vasterbotten.md`.",
};

pub fn check(files: &[CaseFile], out: &mut Vec<Diagnostic>) {
    let mut by_slug: BTreeMap<String, Vec<&CaseFile>> = BTreeMap::new();
    for file in files {
        by_slug.entry(file.slug.to_lowercase()).or_default().push(file);
    }
    for same in by_slug.values().filter(|same| same.len() > 1) {
        for file in same {
            let others: Vec<&str> = same
                .iter()
                .filter(|other| other.path != file.path)
                .map(|other| other.path.as_str())
                .collect();
            out.push(
                Diagnostic::new(
                    &CODE,
                    &file.path,
                    None,
                    format!("the slug \"{}\" is also used by {}", file.slug, others.join(", ")),
                )
                .with_help("rename one of the files so that every case has its own slug"),
            );
        }
    }
}

//! E0706: a case's `evidence` names a study that is not in the research
//! files.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0706",
    name: "unknown-evidence",
    severity: Severity::Error,
    summary: "a case's evidence names a study that is not in research/*.bib",
    explanation: "\
`evidence` lists the studies of the research mapping that concern the case, \
by their citation keys: the key after `@article{` (or `@report{`, ...) in a \
file of `examples-catalogue/research/`. The case page links each study and \
the study's page lists the case, so each key must be an entry of those \
files, written exactly as there (keys are case-sensitive).

Example of the mistake:

    evidence = [\"hjelte2023\"]

Fix (the entry is `@article{hjelte-2023, ...}`):

    evidence = [\"hjelte-2023\"]

A study that is not yet in the research files is added there first (see \
`examples-catalogue/research/README.md`).",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for (key, span) in context.front_matter.root.texts("evidence") {
        if key.trim().is_empty() || context.study_keys.iter().any(|known| known == key) {
            continue;
        }
        let known = context.study_keys.iter().map(String::as_str);
        let help = match crate::suggest::nearest(key, known) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None if context.study_keys.is_empty() => {
                "add the study to a file of research/ first, or remove the key".to_string()
            }
            None => {
                "use the citation key of an entry of research/*.bib (the text after `@article{`)".to_string()
            }
        };
        out.push(
            context
                .diagnostic(&CODE, Some(span), format!("no study has the key \"{key}\""))
                .with_label("not in research/*.bib")
                .with_help(help),
        );
    }
}

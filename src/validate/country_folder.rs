//! E0206: `country` does not match the folder the file is in.

use super::CaseContext;
use crate::config::Vocabulary;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0206",
    name: "country-mismatch",
    severity: Severity::Error,
    summary: "`country` differs from the country folder",
    explanation: "\
A case's address on the site is `/cases/<country>/<slug>/`, taken from the \
folder it is in, and its facts show the `country` field. The two must agree, \
or the case would be listed under one country and describe another.

Example of the mistake: `cases/NO/digisos.md` with

    country = \"SE\"

Fix: change `country` to \"NO\", or move the file to `cases/SE/`.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some((country, span)) = context.front_matter.root.text("country") else {
        return;
    };
    let folder = &context.file.folder;
    if country == folder || context.config.term(Vocabulary::Countries, country).is_none() {
        return;
    }
    out.push(
        context
            .diagnostic(
                &CODE,
                Some(span),
                format!("`country` is \"{country}\" but the file is in the folder {folder}"),
            )
            .with_label(format!("expected \"{folder}\""))
            .with_help(format!(
                "write country = \"{folder}\", or move the file to cases/{country}/{}.md",
                context.file.slug
            )),
    );
}

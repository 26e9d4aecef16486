//! W0601: a recommended body section is missing.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "W0601",
    name: "missing-section",
    severity: Severity::Warning,
    summary: "a recommended section of the body is missing",
    explanation: "\
Readers compare cases more easily when each tells its story in the same \
order, so the body should have these level-2 headings: Background, What was \
done, Results and effects, Lessons learned. A heading may be in the body's \
language (\"## Bakgrund\", \"## Tausta\"); `[[sections]]` in catalogue.toml lists \
the accepted labels.

This is a warning: the case is still published. `catalogue check \
--deny-warnings` treats it as an error.

Example of the fix:

    ## Lessons learned

    The shared space only worked once the managers had agreed on ...",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    // A body nested too deeply for the parser to read in linear time has
    // its own error (E0605); its sections are not looked for.
    if context.body_counts().nesting.is_some() {
        return;
    }
    let headings: Vec<String> = context
        .body_counts()
        .level_two_headings
        .iter()
        .map(|heading| heading.trim().to_lowercase())
        .collect();
    let language = context
        .front_matter
        .root
        .text("language")
        .map_or("en", |(language, _)| language);
    let body = &context.file.parts.body;
    // Point at the end of the front matter: the body may be empty.
    let span = body
        .start
        .saturating_sub(1)
        .max(context.file.parts.front_matter.end)..body.start;
    let span = context.source.clamp_span(&span);
    for section in &context.config.sections {
        let present = section
            .labels()
            .any(|label| headings.contains(&label.to_lowercase()));
        if !present {
            let heading = section.label(language);
            out.push(
                context
                    .diagnostic(
                        &CODE,
                        Some(span.clone()),
                        format!("the body has no \"{heading}\" section"),
                    )
                    .with_label("body starts after this line")
                    .with_help(format!(
                        "add a section `## {heading}` (recommended order: {})",
                        recommended_order(context, language)
                    )),
            );
        }
    }
}

fn recommended_order(context: &CaseContext<'_>, language: &str) -> String {
    context
        .config
        .sections
        .iter()
        .map(|section| section.label(language))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rule_finds_the_headings_the_site_shows() {
        let body = "## Background\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## ~~Results~~ and `effects`[^1]\n\n[^1]: ## Not a section\n\n### Deeper\n";
        let shown: Vec<String> = crate::markdown::render_body(body)
            .headings
            .into_iter()
            .filter(|heading| heading.level == 2)
            .map(|heading| heading.text)
            .collect();
        let counted = crate::validate::limits::count(body, &Default::default());
        assert_eq!(counted.level_two_headings, shown);
    }
}

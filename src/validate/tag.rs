//! E0503: a tag that is not kebab-case.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::slug::{is_valid_slug, suggest_slug};

pub const CODE: Code = Code {
    code: "E0503",
    name: "invalid-tag",
    severity: Severity::Error,
    summary: "a tag is not lowercase kebab-case",
    explanation: "\
Tags are short keywords written like slugs: lowercase ASCII letters, digits \
and single hyphens (`peer-support`, `rare-cases`), so that the same tag is \
never spelt two ways and each can have its own address.

Example of the mistake and the fix:

    tags = [\"Peer Support\"]   →  tags = [\"peer-support\"]",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for (tag, span) in context.front_matter.root.texts("tags") {
        if is_valid_slug(tag) {
            continue;
        }
        let suggestion = suggest_slug(tag);
        let mut diagnostic = context
            .diagnostic(&CODE, Some(span), format!("tag \"{tag}\" is not kebab-case"))
            .with_label("use lowercase words joined by hyphens");
        if !suggestion.is_empty() {
            diagnostic = diagnostic.with_help(format!("write \"{suggestion}\""));
        }
        out.push(diagnostic);
    }
}

//! E0502: a file name that is not a valid slug.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::slug::{MAX_SLUG_CHARS, is_valid_slug, suggest_slug};

pub const CODE: Code = Code {
    code: "E0502",
    name: "invalid-slug",
    severity: Severity::Error,
    summary: "the file name is not a lowercase kebab-case slug",
    explanation: "\
The file name without `.md` is the case's slug: its permanent address on the \
site, `/cases/<cc>/<slug>/`. Slugs use only lowercase ASCII letters, digits and \
single hyphens between words, at most 80 characters, so that addresses work \
everywhere and never change with a system's handling of letters like å.

Examples of the mistake and the fix:

    Digital Colleague.md     →  digital-colleague.md
    økonomisk_sosialhjelp.md →  okonomisk-sosialhjelp.md",
};

/// The diagnostic for a bad slug, shared with `catalogue new`.
pub fn diagnostic(path: &str, slug: &str) -> Diagnostic {
    let suggestion = suggest_slug(slug);
    let help = if suggestion.is_empty() {
        "name the file after the case in lowercase words joined by hyphens, e.g. digital-colleague.md"
            .to_string()
    } else {
        format!("rename the file to {suggestion}.md")
    };
    Diagnostic::new(&CODE, path, None, format!("\"{slug}\" is not a valid slug")).with_help(format!(
        "{help}; slugs use a-z, 0-9 and single hyphens, at most {MAX_SLUG_CHARS} characters"
    ))
}

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    if !is_valid_slug(&context.file.slug) {
        out.push(diagnostic(&context.file.path, &context.file.slug));
    }
}

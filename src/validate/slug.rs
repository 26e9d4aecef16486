//! E0502: a file name that is not a valid slug.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

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

pub const MAX_SLUG_CHARS: usize = 80;

/// Lowercase ASCII letters and digits in words joined by single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_SLUG_CHARS
        && slug.split('-').all(|word| {
            !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A slug close to `text`: Nordic letters spelled in ASCII, everything else
/// that is not a letter or digit turned into single hyphens.
pub fn suggest_slug(text: &str) -> String {
    let mut spelled = String::new();
    for c in text.to_lowercase().chars() {
        match c {
            'å' | 'ä' | 'á' | 'à' => spelled.push('a'),
            'æ' => spelled.push_str("ae"),
            'ø' | 'ö' | 'ó' => spelled.push('o'),
            'ü' | 'ú' => spelled.push('u'),
            'é' | 'è' => spelled.push('e'),
            'í' => spelled.push('i'),
            'ý' => spelled.push('y'),
            'ð' => spelled.push('d'),
            'þ' => spelled.push_str("th"),
            c if c.is_ascii_alphanumeric() => spelled.push(c),
            _ => spelled.push('-'),
        }
    }
    let words: Vec<&str> = spelled.split('-').filter(|word| !word.is_empty()).collect();
    let mut slug = words.join("-");
    slug.truncate(MAX_SLUG_CHARS);
    slug.trim_end_matches('-').to_string()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_rules() {
        for good in ["digital-colleague", "a", "dubu-2010", "x1-y2"] {
            assert!(is_valid_slug(good), "{good}");
        }
        for bad in [
            "",
            "Digital",
            "a--b",
            "-a",
            "a-",
            "a_b",
            "å",
            "a.b",
            &"a".repeat(81),
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions_are_valid_slugs() {
        assert_eq!(suggest_slug("Økonomisk_Sosialhjelp"), "okonomisk-sosialhjelp");
        assert_eq!(suggest_slug("Digital  Colleague!"), "digital-colleague");
        assert!(is_valid_slug(&suggest_slug("Þingeyjarsveit ❤ 2024")));
    }
}

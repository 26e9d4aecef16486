//! Slugs: the permanent names of cases, tags, bodies and thesaurus
//! concepts in addresses and files, and the anchor ids of headings.
//!
//! The rules live here, below every stage, so that the validator (E0502,
//! E0503), the register files (bodies, withdrawn cases, the thesaurus), the
//! JSON schema and the Markdown renderer agree on them without importing
//! each other.

/// Long enough for any title worth typing, short enough for a path.
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

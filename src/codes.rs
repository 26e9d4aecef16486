//! The table of every diagnostic code, gathered from the modules that
//! report them; `catalogue explain` and the documentation read it.
//!
//! It is assembled here, at the top of the crate, because it names every
//! stage: [`crate::diag`] (the lowest layer, which defines [`Code`])
//! imports none of them.

use crate::diag::Code;

/// Every code, in code order.
pub fn all() -> Vec<&'static Code> {
    let mut codes: Vec<&'static Code> = vec![
        &crate::config::CONFIG_INVALID,
        &crate::config::MISSING_LABEL,
        &crate::config::DUPLICATE_TERM,
        &crate::config::INVALID_SETTING,
        &crate::config::INVALID_TERM,
        &crate::config::INVALID_APPENDIX_SETTING,
        &crate::config::INVALID_RESEARCH_SETTING,
        &crate::register::REGISTER_INVALID,
        &crate::register::IMPLAUSIBLE_VALUE,
        &crate::map::OUTLINES_INVALID,
        &crate::bodies::BODY_INVALID,
        &crate::withdrawn::WITHDRAWN_INVALID,
        &crate::search::thesaurus::THESAURUS_INVALID,
        &crate::load::NOT_UTF8,
        &crate::load::EMPTY_FILE,
        &crate::load::NO_FRONT_MATTER,
        &crate::load::UNCLOSED_FRONT_MATTER,
        &crate::load::FILE_TOO_LARGE,
        &crate::load::UNKNOWN_COUNTRY_FOLDER,
        &crate::load::MISPLACED_FILE,
        &crate::load::IGNORED_FILE,
        &crate::load::UNREADABLE_FILE,
        &crate::inside::LINKED_FILE,
    ];
    codes.extend(crate::validate::codes());
    codes.extend(crate::research::codes());
    codes.sort_by_key(|code| &code.code[1..]);
    codes
}

/// Look a code up by its code (`E0301`, `e0301`, `0301`) or name
/// (`unknown-municipality`).
pub fn find(query: &str) -> Option<&'static Code> {
    let query = query.trim();
    all().into_iter().find(|code| {
        code.code.eq_ignore_ascii_case(query)
            || code.code[1..] == *query
            || code.name.eq_ignore_ascii_case(query)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let codes = all();
        let mut seen_codes = std::collections::BTreeSet::new();
        let mut seen_names = std::collections::BTreeSet::new();
        for code in &codes {
            assert!(
                seen_codes.insert(&code.code[1..]),
                "number of {} used twice",
                code.code
            );
            assert!(seen_names.insert(code.name), "name {} used twice", code.name);
            assert!(
                code.explanation.len() > 150,
                "{} needs a longer explanation",
                code.code
            );
            let prefix = if code.severity == crate::diag::Severity::Error {
                'E'
            } else {
                'W'
            };
            assert!(
                code.code.starts_with(prefix),
                "{} has the wrong letter",
                code.code
            );
        }
        assert_eq!(find("e0301").map(|c| c.name), Some("unknown-municipality"));
        assert_eq!(find("unknown-municipality").map(|c| c.code), Some("E0301"));
        assert!(find("E9999").is_none());
    }
}

//! The one table of the validate stage's rules, each with the code it
//! reports. The stage runs the rules it finds here and the code table
//! (`catalogue explain`, CONTRIBUTING.md) lists the codes it finds here, so
//! a rule cannot run without a code in the table, and the table cannot name
//! a code that no rule of the stage reports; a test checks that every rule
//! file is in the table and every code has an invalid fixture.

use super::CaseContext;
use super::{
    ambiguous_municipality, control_character, country_folder, date_order, decomposed_name, duplicate_entry,
    duplicate_municipality, duplicate_slug, email, empty_list, ended_required, english_translation,
    foreign_municipality, former_municipality, future_date, invalid_date, listed_through_body, placeholder,
    required, sections, slug, syntax, tag, text_length, too_deep_nesting, too_many, too_many_footnotes,
    too_many_headings, too_many_table_cells, translation_language, unknown_body, unknown_evidence,
    unknown_key, unknown_municipality, url, value_type, vocabulary,
};
use crate::diag::{Code, Diagnostic};
use crate::load::CaseFile;
use crate::schema::SyntaxError;
use crate::source::SourceFile;

/// A rule: the code it reports and the function that checks.
pub struct Rule<Check> {
    pub code: &'static Code,
    pub check: Check,
}

/// Turns the TOML reader's errors of one file into diagnostics.
pub type SyntaxCheck = fn(&str, &SourceFile, Vec<SyntaxError>) -> Vec<Diagnostic>;
/// Checks one case whose front matter is TOML.
pub type CaseCheck = fn(&CaseContext<'_>, &mut Vec<Diagnostic>);
/// Limits the diagnostics of one file, adding its own when it cuts.
pub type CapCheck = fn(Vec<Diagnostic>) -> Vec<Diagnostic>;
/// Checks the case files against each other.
pub type CatalogueCheck = fn(&[CaseFile], &mut Vec<Diagnostic>);

/// Every rule of the stage, grouped by when it runs.
pub struct Rules {
    /// First, on each file: when the front matter is not TOML, this rule
    /// reports and the per-case rules do not run (they would only guess
    /// at a half-parsed table).
    pub syntax: Rule<SyntaxCheck>,
    /// On each file whose front matter is TOML, in no particular order:
    /// diagnostics are sorted before they are shown.
    pub per_case: &'static [Rule<CaseCheck>],
    /// Last on each file, over all its diagnostics.
    pub cap: Rule<CapCheck>,
    /// Once, over every file of the catalogue.
    pub across_files: &'static [Rule<CatalogueCheck>],
}

const fn rule<Check>(code: &'static Code, check: Check) -> Rule<Check> {
    Rule { code, check }
}

pub const RULES: Rules = Rules {
    syntax: rule(&syntax::CODE, syntax::diagnostics),
    per_case: &[
        rule(&required::CODE, required::check),
        rule(&unknown_key::CODE, unknown_key::check),
        rule(&value_type::CODE, value_type::check),
        rule(&placeholder::CODE, placeholder::check),
        rule(&text_length::CODE, text_length::check),
        rule(&control_character::CODE, control_character::check),
        rule(&vocabulary::CODE, vocabulary::check),
        rule(&translation_language::CODE, translation_language::check),
        rule(&english_translation::CODE, english_translation::check),
        rule(&empty_list::CODE, empty_list::check),
        rule(&duplicate_entry::CODE, duplicate_entry::check),
        rule(&country_folder::CODE, country_folder::check),
        rule(&unknown_municipality::CODE, unknown_municipality::check),
        rule(&ambiguous_municipality::CODE, ambiguous_municipality::check),
        rule(&foreign_municipality::CODE, foreign_municipality::check),
        rule(&duplicate_municipality::CODE, duplicate_municipality::check),
        rule(&former_municipality::CODE, former_municipality::check),
        rule(&decomposed_name::CODE, decomposed_name::check),
        rule(&unknown_body::CODE, unknown_body::check),
        rule(&listed_through_body::CODE, listed_through_body::check),
        rule(&invalid_date::CODE, invalid_date::check),
        rule(&future_date::CODE, future_date::check),
        rule(&date_order::CODE, date_order::check),
        rule(&ended_required::CODE, ended_required::check),
        rule(&url::CODE, url::check),
        rule(&slug::CODE, slug::check),
        rule(&tag::CODE, tag::check),
        rule(&unknown_evidence::CODE, unknown_evidence::check),
        rule(&email::CODE, email::check),
        rule(&sections::CODE, sections::check),
        rule(&too_many_headings::CODE, too_many_headings::check),
        rule(&too_many_footnotes::CODE, too_many_footnotes::check),
        rule(&too_many_table_cells::CODE, too_many_table_cells::check),
        rule(&too_deep_nesting::CODE, too_deep_nesting::check),
    ],
    cap: rule(&too_many::CODE, too_many::cap),
    across_files: &[rule(&duplicate_slug::CODE, duplicate_slug::check)],
};

/// Every code the validate stage can report, for `explain` and the docs.
pub fn codes() -> Vec<&'static Code> {
    let mut codes = vec![RULES.syntax.code];
    codes.extend(RULES.per_case.iter().map(|rule| rule.code));
    codes.push(RULES.cap.code);
    codes.extend(RULES.across_files.iter().map(|rule| rule.code));
    codes
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// Files of `src/validate/` that are not rules: the stage itself, this
    /// table, the body counting the E06xx rules share, and the building of
    /// the model from a checked case.
    const NOT_RULES: &[&str] = &["mod.rs", "registry.rs", "limits.rs", "model_build.rs"];

    /// The code a rule file declares in its `pub const CODE`.
    fn declared_code(text: &str) -> Option<String> {
        let after = &text[text.find("pub const CODE: Code")?..];
        let start = after.find("code: \"")? + "code: \"".len();
        let end = start + after[start..].find('"')?;
        Some(after[start..end].to_string())
    }

    #[test]
    fn every_rule_file_is_in_the_table_once_and_every_code_has_a_fixture() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let registered: Vec<&str> = codes().iter().map(|code| code.code).collect();
        let unique: BTreeSet<&str> = registered.iter().copied().collect();
        assert_eq!(
            unique.len(),
            registered.len(),
            "a code is in the table twice: {registered:?}"
        );

        let mut declared = BTreeSet::new();
        for entry in std::fs::read_dir(root.join("src/validate")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if NOT_RULES.contains(&name.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = declared_code(&text).unwrap_or_else(|| panic!("{name} is a rule without a code"));
            assert!(
                unique.contains(code.as_str()),
                "{code} of {name} is not in validate::registry::RULES: the rule never runs"
            );
            declared.insert(code);
        }
        let declared: BTreeSet<&str> = declared.iter().map(String::as_str).collect();
        assert_eq!(
            declared, unique,
            "a code of the table has no rule file of its own"
        );

        let fixtures: BTreeSet<String> = std::fs::read_dir(root.join("tests/fixtures/invalid"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|name| name.split('-').next().map(str::to_string))
            .collect();
        for code in &unique {
            assert!(
                fixtures.contains(*code),
                "{code} has no fixture under tests/fixtures/invalid/{code}-…"
            );
        }
    }
}

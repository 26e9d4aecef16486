//! `catalogue.toml`: the site settings and every vocabulary a case file may
//! choose from, with labels in the Nordic languages.
//!
//! Vocabularies are data so that the catalogue's editors can add a term
//! without a code change. Loading reports problems as diagnostics pointing
//! into `catalogue.toml` (syntax, unknown keys, a term without a required
//! label, a term defined twice), like any content error.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceFile;

pub const CONFIG_INVALID: Code = Code {
    code: "E0001",
    name: "invalid-configuration",
    severity: Severity::Error,
    summary: "catalogue.toml is not valid TOML or has a key the catalogue does not know",
    explanation: "\
`examples-catalogue/catalogue.toml` holds the site settings and the vocabularies. \
It must be valid TOML and may only contain the sections and keys the catalogue \
knows: `[site]` (title, description, base_url, language, label_languages) and the \
vocabulary lists `[[countries]]`, `[[categories]]`, `[[service_areas]]`, \
`[[cooperation]]`, `[[statuses]]`, `[[evaluation]]`, `[[languages]]` and \
`[[sections]]`, each entry with `term`, `label` and optionally `description`.

Until this file is valid no case can be checked, because the vocabularies \
are unknown.

Example of the mistake:

    [[categories]]
    term = \"internal\"
    lable = { en = \"Internal digitalisation\" }

Fix: spell the key `label`.",
};

pub const MISSING_LABEL: Code = Code {
    code: "E0002",
    name: "missing-label",
    severity: Severity::Error,
    summary: "a vocabulary term lacks a label in one of the required languages",
    explanation: "\
Every term of every vocabulary in `catalogue.toml` is shown to readers in \
English and in the Nordic languages, so it needs a label in each language of \
`[site] label_languages` (by default en, sv, nb, da, fi and is). Nynorsk (`nn`) \
is optional: where it is missing, the Bokmål label is used.

Example of the mistake:

    [[statuses]]
    term = \"pilot\"
    label = { en = \"Pilot\", sv = \"Pilot\" }

Fix: add the missing labels:

    label = { en = \"Pilot\", sv = \"Pilot\", nb = \"Pilot\", da = \"Pilotprojekt\", fi = \"Pilotti\", is = \"Tilraunaverkefni\" }",
};

pub const DUPLICATE_TERM: Code = Code {
    code: "E0003",
    name: "duplicate-term",
    severity: Severity::Error,
    summary: "a vocabulary defines the same term twice",
    explanation: "\
Each `term` of a vocabulary in `catalogue.toml` must be unique within that \
vocabulary: it is the value written in case files and part of page addresses, \
so two entries with one term would make both ambiguous.

Fix: remove the second entry or give it a different term.",
};

/// The label in `language`, falling back to Bokmål for Nynorsk and to
/// English for anything else, so a page is never left without a label.
fn label_in<'a>(labels: &'a BTreeMap<String, String>, language: &str) -> Option<&'a str> {
    let fallback = if language == "nn" { "nb" } else { "en" };
    labels
        .get(language)
        .or_else(|| labels.get(fallback))
        .or_else(|| labels.get("en"))
        .map(String::as_str)
}

/// The settings in `[site]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub title: String,
    pub description: String,
    pub base_url: String,
    /// The language of the site's own text.
    pub language: String,
    /// Every vocabulary term must have a label in each of these.
    pub label_languages: Vec<String>,
}

/// One allowed value of a vocabulary, with its labels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub label: Spanned<BTreeMap<String, String>>,
}

impl Term {
    pub fn id(&self) -> &str {
        self.term.get_ref()
    }

    /// The label in `language`, falling back to Bokmål for Nynorsk and to
    /// English for anything else, so a page is never left without a label.
    pub fn label(&self, language: &str) -> &str {
        label_in(self.label.get_ref(), language).unwrap_or(self.id())
    }

    /// Every label in every language.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.label.get_ref().values().map(String::as_str)
    }
}

/// `[municipalities]`: how "municipalities like mine" are grouped.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalitySettings {
    /// Inhabitants per km² below which a municipality is sparsely populated.
    pub sparse_density: f64,
}

/// A size class of municipalities by population.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeClass {
    pub term: Spanned<String>,
    /// The first population above the class; `None` for the largest class.
    #[serde(default)]
    pub below: Option<u64>,
    pub label: Spanned<BTreeMap<String, String>>,
}

impl SizeClass {
    pub fn id(&self) -> &str {
        self.term.get_ref()
    }

    pub fn label(&self, language: &str) -> &str {
        label_in(self.label.get_ref(), language).unwrap_or(self.id())
    }
}

/// The vocabularies, each an ordered list: the order here is the order on
/// pages and in the appendix.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub site: Site,
    pub countries: Vec<Term>,
    pub categories: Vec<Term>,
    pub service_areas: Vec<Term>,
    pub cooperation: Vec<Term>,
    pub statuses: Vec<Term>,
    pub evaluation: Vec<Term>,
    pub languages: Vec<Term>,
    /// The recommended sections of a case body, in order.
    pub sections: Vec<Term>,
    /// Without it, no municipality is flagged sparsely populated.
    #[serde(default)]
    pub municipalities: Option<MunicipalitySettings>,
    /// Smallest first; without them, no size classes are shown.
    #[serde(default)]
    pub size_classes: Vec<SizeClass>,
    /// `[limits]`: lower limits for case bodies (checked as it is read).
    #[serde(default)]
    pub limits: crate::validate::limits::BodyLimits,
}

/// Names a vocabulary of [`Config`], so rules and the case schema can refer
/// to one as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    Countries,
    Categories,
    ServiceAreas,
    Cooperation,
    Statuses,
    Evaluation,
    Languages,
    Sections,
}

impl Vocabulary {
    pub const ALL: [Vocabulary; 8] = [
        Vocabulary::Countries,
        Vocabulary::Categories,
        Vocabulary::ServiceAreas,
        Vocabulary::Cooperation,
        Vocabulary::Statuses,
        Vocabulary::Evaluation,
        Vocabulary::Languages,
        Vocabulary::Sections,
    ];

    /// The table name in `catalogue.toml`.
    pub fn table(self) -> &'static str {
        match self {
            Vocabulary::Countries => "countries",
            Vocabulary::Categories => "categories",
            Vocabulary::ServiceAreas => "service_areas",
            Vocabulary::Cooperation => "cooperation",
            Vocabulary::Statuses => "statuses",
            Vocabulary::Evaluation => "evaluation",
            Vocabulary::Languages => "languages",
            Vocabulary::Sections => "sections",
        }
    }
}

impl Config {
    pub fn terms(&self, vocabulary: Vocabulary) -> &[Term] {
        match vocabulary {
            Vocabulary::Countries => &self.countries,
            Vocabulary::Categories => &self.categories,
            Vocabulary::ServiceAreas => &self.service_areas,
            Vocabulary::Cooperation => &self.cooperation,
            Vocabulary::Statuses => &self.statuses,
            Vocabulary::Evaluation => &self.evaluation,
            Vocabulary::Languages => &self.languages,
            Vocabulary::Sections => &self.sections,
        }
    }

    pub fn term(&self, vocabulary: Vocabulary, id: &str) -> Option<&Term> {
        self.terms(vocabulary).iter().find(|term| term.id() == id)
    }

    /// Parse `catalogue.toml`. Errors come back as diagnostics in that file;
    /// a config with any error is not returned, because every case rule
    /// depends on it.
    pub fn parse(file: &SourceFile) -> Result<Config, Vec<Diagnostic>> {
        let config: Config = toml::from_str(&file.text).map_err(|error| {
            vec![
                Diagnostic::new(
                    &CONFIG_INVALID,
                    &file.path,
                    error.span(),
                    first_line(error.message()),
                )
                .with_help("see `catalogue explain E0001` for the sections and keys catalogue.toml may hold"),
            ]
        })?;
        let diagnostics = config.check_terms(&file.path);
        if diagnostics.is_empty() {
            Ok(config)
        } else {
            Err(diagnostics)
        }
    }

    /// Whether a density counts as sparsely populated; `None` when the
    /// density or the threshold is unknown.
    pub fn is_sparse(&self, density: Option<f64>) -> Option<bool> {
        Some(density? < self.municipalities.as_ref()?.sparse_density)
    }

    /// The size class of a population, if the classes cover it.
    pub fn size_class(&self, population: u64) -> Option<&SizeClass> {
        self.size_classes
            .iter()
            .find(|class| class.below.is_none_or(|below| population < below))
    }

    /// The languages of `[site] label_languages` a label table lacks.
    fn missing_languages(&self, labels: &BTreeMap<String, String>) -> Vec<&str> {
        self.site
            .label_languages
            .iter()
            .map(String::as_str)
            .filter(|language| !labels.contains_key(*language))
            .collect()
    }

    fn check_terms(&self, path: &str) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let mut previous_bound = 0;
        for (index, class) in self.size_classes.iter().enumerate() {
            let last = index + 1 == self.size_classes.len();
            let ordered = match class.below {
                Some(below) => !last && below > previous_bound,
                None => last,
            };
            if !ordered {
                diagnostics.push(
                    Diagnostic::new(
                        &CONFIG_INVALID,
                        path,
                        Some(class.term.span()),
                        format!("size class `{}` is out of order", class.id()),
                    )
                    .with_help("list size classes smallest first, each with a larger `below`, and only the last without one"),
                );
            }
            previous_bound = class.below.unwrap_or(u64::MAX);
            let missing = self.missing_languages(class.label.get_ref());
            if !missing.is_empty() {
                diagnostics.push(
                    Diagnostic::new(
                        &MISSING_LABEL,
                        path,
                        Some(class.label.span()),
                        format!(
                            "size class `{}` has no label in {}",
                            class.id(),
                            missing.join(", ")
                        ),
                    )
                    .with_help("add the missing languages to its label table"),
                );
            }
        }
        for vocabulary in Vocabulary::ALL {
            let mut seen = std::collections::BTreeSet::new();
            for term in self.terms(vocabulary) {
                if !seen.insert(term.id()) {
                    diagnostics.push(
                        Diagnostic::new(
                            &DUPLICATE_TERM,
                            path,
                            Some(term.term.span()),
                            format!("`{}` is defined twice in [[{}]]", term.id(), vocabulary.table()),
                        )
                        .with_help("remove this entry or give it another term"),
                    );
                }
                let missing = self.missing_languages(term.label.get_ref());
                if !missing.is_empty() {
                    diagnostics.push(
                        Diagnostic::new(
                            &MISSING_LABEL,
                            path,
                            Some(term.label.span()),
                            format!(
                                "term `{}` of [[{}]] has no label in {}",
                                term.id(),
                                vocabulary.table(),
                                missing.join(", ")
                            ),
                        )
                        .with_label("labels are incomplete")
                        .with_help(format!(
                            "add {} to this table",
                            missing
                                .iter()
                                .map(|language| format!("{language} = \"…\""))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    );
                }
            }
        }
        diagnostics
    }
}

/// toml's messages sometimes carry a multi-line tail; the diagnostic's
/// frame already shows the place, so the first line is the message.
pub(crate) fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

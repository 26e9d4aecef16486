//! `thesaurus.toml`: concepts of Nordic social services with their words in
//! each language, so that a query in one language finds cases written in
//! another.
//!
//! Each variant is stemmed with its language's analyzer. At index time a
//! case gets the concept once for every place its text has the variant's
//! stems in a row; at query time typing a variant also searches the concept.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::analysis::{self, Analyzer};
use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceFile;

pub const THESAURUS_INVALID: Code = Code {
    code: "E0005",
    name: "invalid-thesaurus",
    severity: Severity::Error,
    summary: "thesaurus.toml is not valid",
    explanation: "\
`examples-catalogue/thesaurus.toml` maps each concept of Nordic social \
services to its words in each language:

    [concepts.financial-assistance]
    en = [\"financial assistance\", \"social assistance\"]
    sv = [\"ekonomiskt bistånd\", \"försörjningsstöd\"]
    nb = [\"økonomisk sosialhjelp\"]
    ...

Concept names are kebab-case; each language key (en, sv, nb, nn, da, fi, is, \
and fo, kl where wanted) holds a list of lowercase words or short phrases. \
A variant that has no letters, or a language the catalogue does not know, is \
reported here.

Fix: correct the entry the diagnostic points at.",
};

/// One variant: a word or phrase of one language, as stems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub concept: String,
    pub analyzer: Analyzer,
    /// The variant's words as typed (lowercase).
    pub words: Vec<String>,
    /// The same words stemmed by the analyzer.
    pub stems: Vec<String>,
    /// The variant as the thesaurus writes it ("it-system"), as a search
    /// result shows it when it explains a match.
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Thesaurus {
    pub variants: Vec<Variant>,
    /// concept → language → its name there: the language's first variant.
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
    /// [`Thesaurus::variants`] by analyzer and first stem, made from them
    /// when first needed (they are not changed once the file is parsed).
    starts: std::sync::OnceLock<VariantStarts>,
}

/// Analyzer → first stem → the indexes of the variants starting with it.
type VariantStarts = rustc_hash::FxHashMap<Analyzer, rustc_hash::FxHashMap<String, Vec<usize>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    concepts: BTreeMap<String, BTreeMap<String, toml::Spanned<Vec<String>>>>,
}

const LANGUAGES: [&str; 9] = ["en", "sv", "nb", "nn", "no", "da", "fi", "is", "fo"];

impl Thesaurus {
    pub fn parse(file: &SourceFile) -> (Thesaurus, Vec<Diagnostic>) {
        let parsed: File = match toml::from_str(&file.text) {
            Ok(parsed) => parsed,
            Err(error) => {
                let diagnostic = Diagnostic::new(
                    &THESAURUS_INVALID,
                    &file.path,
                    error.span(),
                    crate::config::first_line(error.message()),
                )
                .with_help("see `catalogue explain E0005` for the format");
                return (Thesaurus::default(), vec![diagnostic]);
            }
        };
        let mut thesaurus = Thesaurus::default();
        let mut diagnostics = Vec::new();
        for (concept, languages) in parsed.concepts {
            if !crate::slug::is_valid_slug(&concept) {
                diagnostics.push(
                    Diagnostic::new(
                        &THESAURUS_INVALID,
                        &file.path,
                        None,
                        format!("concept name \"{concept}\" is not kebab-case"),
                    )
                    .with_help("name concepts in lowercase words joined by hyphens"),
                );
                continue;
            }
            for (language, variants) in languages {
                if !LANGUAGES.contains(&language.as_str()) && language != "kl" {
                    diagnostics.push(
                        Diagnostic::new(
                            &THESAURUS_INVALID,
                            &file.path,
                            Some(variants.span()),
                            format!("\"{language}\" in concept {concept} is not a language of the catalogue"),
                        )
                        .with_help("use en, sv, nb, nn, da, fi, is, fo or kl"),
                    );
                    continue;
                }
                let analyzer = Analyzer::for_language(&language);
                for text in variants.get_ref() {
                    let words = analysis::words(text);
                    if words.is_empty() {
                        diagnostics.push(
                            Diagnostic::new(
                                &THESAURUS_INVALID,
                                &file.path,
                                Some(variants.span()),
                                format!("a variant of {concept} ({language}) has no letters"),
                            )
                            .with_help("remove the empty variant"),
                        );
                        continue;
                    }
                    let stems: Vec<String> =
                        words.iter().map(|word| analysis::stem(analyzer, word)).collect();
                    thesaurus
                        .labels
                        .entry(concept.clone())
                        .or_default()
                        .entry(language.clone())
                        .or_insert_with(|| text.trim().to_string());
                    // nb and nn share a stemmer: one variant for both.
                    let known = thesaurus.variants.iter().any(|v| {
                        v.concept == concept && v.analyzer == analyzer && v.words == words && v.stems == stems
                    });
                    if !known {
                        thesaurus.variants.push(Variant {
                            concept: concept.clone(),
                            analyzer,
                            words,
                            stems,
                            text: text.trim().to_string(),
                        });
                    }
                }
            }
        }
        (thesaurus, diagnostics)
    }

    /// How often each concept occurs in a text analysed with `analyzer`:
    /// once for every run of stems that equals one of its variants. Longer
    /// variants of one concept are not counted again inside a shorter one.
    pub fn concepts_in(&self, analyzer: Analyzer, stems: &[String]) -> BTreeMap<String, u32> {
        self.concepts_of(&self.variants_in(analyzer, stems))
    }

    /// [`Thesaurus::concepts_in`] of the variants [`Thesaurus::variants_in`]
    /// found, for a caller that needs both.
    pub fn concepts_of(&self, variants: &[(usize, u32)]) -> BTreeMap<String, u32> {
        let mut counts = BTreeMap::new();
        for &(index, found) in variants {
            let Some(variant) = self.variants.get(index) else {
                continue;
            };
            let count: &mut u32 = counts.entry(variant.concept.clone()).or_default();
            *count = (*count).max(found);
        }
        counts
    }

    /// The variants a text analysed with `analyzer` has: (index in
    /// [`Thesaurus::variants`], how often), in thesaurus order.
    pub fn variants_in<S: AsRef<str>>(&self, analyzer: Analyzer, stems: &[S]) -> Vec<(usize, u32)> {
        // Looked for only where the text has a variant's first stem: every
        // variant of the language looked for at every word of every text
        // was a quarter of a 10,000-case build with the shipped thesaurus.
        let Some(by_first_stem) = self.starts().get(&analyzer) else {
            return Vec::new();
        };
        let mut found: BTreeMap<usize, u32> = BTreeMap::new();
        for (at, stem) in stems.iter().enumerate() {
            for &index in by_first_stem.get(stem.as_ref()).into_iter().flatten() {
                let Some(variant) = self.variants.get(index) else {
                    continue;
                };
                let here = stems.get(at..at + variant.stems.len());
                if here.is_some_and(|here| {
                    here.iter()
                        .map(AsRef::as_ref)
                        .eq(variant.stems.iter().map(String::as_str))
                }) {
                    *found.entry(index).or_default() += 1;
                }
            }
        }
        found.into_iter().collect()
    }

    /// The indexes of the variants by analyzer and first stem, in
    /// thesaurus order; made once, at the first text looked at.
    fn starts(&self) -> &VariantStarts {
        self.starts.get_or_init(|| {
            let mut starts = VariantStarts::default();
            for (index, variant) in self.variants.iter().enumerate() {
                if let Some(first) = variant.stems.first() {
                    starts
                        .entry(variant.analyzer)
                        .or_default()
                        .entry(first.clone())
                        .or_default()
                        .push(index);
                }
            }
            starts
        })
    }

    /// A concept's name in `language`, else in English, else its id.
    pub fn label<'a>(&'a self, concept: &'a str, language: &str) -> &'a str {
        self.labels
            .get(concept)
            .and_then(|labels| labels.get(language).or_else(|| labels.get("en")))
            .map_or(concept, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`Thesaurus::variants_in`] answered before it looked only where
    /// a variant's first stem is: every variant at every word.
    fn at_every_word(thesaurus: &Thesaurus, analyzer: Analyzer, stems: &[String]) -> Vec<(usize, u32)> {
        let mut found = Vec::new();
        for (index, variant) in thesaurus.variants.iter().enumerate() {
            let n = variant.stems.len();
            if variant.analyzer != analyzer || n == 0 || n > stems.len() {
                continue;
            }
            let count = stems
                .windows(n)
                .filter(|window| *window == variant.stems.as_slice())
                .count();
            if count > 0 {
                found.push((index, count as u32));
            }
        }
        found
    }

    #[test]
    fn variants_are_found_where_their_first_stem_is_as_at_every_word() {
        let file = SourceFile::new(
            "thesaurus.toml",
            r#"
[concepts.financial-assistance]
en = ["financial assistance", "social assistance", "assistance"]
sv = ["ekonomiskt bistånd", "bistånd"]
[concepts.digital-services]
en = ["e-service", "digital service", "digital services"]
sv = ["e-tjänst"]
"#,
        );
        let (thesaurus, diagnostics) = Thesaurus::parse(&file);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let texts = [
            (
                Analyzer::En,
                "Financial assistance and social assistance: assistance, digital services, an e-service.",
            ),
            (Analyzer::En, "assistance"),
            (Analyzer::En, "digital"),
            (Analyzer::En, "nothing of the thesaurus here at all"),
            (Analyzer::En, ""),
            (
                Analyzer::Sv,
                "Ekonomiskt bistånd och bistånd via en e-tjänst; ekonomiskt",
            ),
            (Analyzer::Sv, "financial assistance"),
        ];
        for (analyzer, text) in texts {
            let stems = analysis::stems(analyzer, text);
            let found = thesaurus.variants_in(analyzer, &stems);
            assert_eq!(found, at_every_word(&thesaurus, analyzer, &stems), "{text}");
        }
        // Each run of stems counts, the shorter variant inside the longer
        // one too, in thesaurus order (concepts by name, then languages,
        // then as listed).
        let stems = analysis::stems(Analyzer::En, texts[0].1);
        let found: Vec<(&str, u32)> = thesaurus
            .variants_in(Analyzer::En, &stems)
            .into_iter()
            .map(|(index, count)| (thesaurus.variants[index].text.as_str(), count))
            .collect();
        assert_eq!(
            found,
            [
                ("e-service", 1),
                ("digital service", 1),
                ("digital services", 1),
                ("financial assistance", 1),
                ("social assistance", 1),
                ("assistance", 3),
            ]
        );
        assert!(
            thesaurus
                .variants_in(
                    Analyzer::Sv,
                    &analysis::stems(Analyzer::Sv, "financial assistance")
                )
                .is_empty()
        );
    }
}

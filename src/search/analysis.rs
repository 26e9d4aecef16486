//! Text analysis: which tantivy analyzer a language gets, and the
//! tokenising every part of the search (index, thesaurus, query, browser)
//! shares.

use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer};

/// The analyzers of the index: one Snowball stemmer per language that has
/// one, and `Plain` (lowercased, unstemmed) for Icelandic, Faroese and
/// Greenlandic, which have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Analyzer {
    En,
    Sv,
    No,
    Da,
    Fi,
    Plain,
}

/// Longer tokens are dropped, as by tantivy's `RemoveLongFilter`: they are
/// hashes and URLs, not words.
pub const MAX_TOKEN_BYTES: usize = 40;

impl Analyzer {
    pub const ALL: [Analyzer; 6] = [
        Analyzer::En,
        Analyzer::Sv,
        Analyzer::No,
        Analyzer::Da,
        Analyzer::Fi,
        Analyzer::Plain,
    ];

    /// The analyzer for a body language (BCP 47 primary tag).
    pub fn for_language(language: &str) -> Analyzer {
        match language {
            "en" => Analyzer::En,
            "sv" => Analyzer::Sv,
            "nb" | "nn" | "no" => Analyzer::No,
            "da" => Analyzer::Da,
            "fi" => Analyzer::Fi,
            _ => Analyzer::Plain,
        }
    }

    /// The short name used in field names and in the exported index.
    pub fn name(self) -> &'static str {
        match self {
            Analyzer::En => "en",
            Analyzer::Sv => "sv",
            Analyzer::No => "no",
            Analyzer::Da => "da",
            Analyzer::Fi => "fi",
            Analyzer::Plain => "pl",
        }
    }

    pub fn from_name(name: &str) -> Option<Analyzer> {
        Analyzer::ALL.into_iter().find(|analyzer| analyzer.name() == name)
    }

    pub fn text_analyzer(self) -> TextAnalyzer {
        let builder = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES + 1))
            .filter(LowerCaser);
        let language = match self {
            Analyzer::En => Language::English,
            Analyzer::Sv => Language::Swedish,
            Analyzer::No => Language::Norwegian,
            Analyzer::Da => Language::Danish,
            Analyzer::Fi => Language::Finnish,
            Analyzer::Plain => return builder.build(),
        };
        builder.filter(Stemmer::new(language)).build()
    }
}

/// The lowercase words of a text, as the index sees them before stemming:
/// runs of letters and digits. The browser client splits queries the same
/// way (`\p{L}\p{N}` runs, lowercased, at most 40 bytes).
pub fn words(text: &str) -> Vec<String> {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES + 1))
        .filter(LowerCaser)
        .build();
    let mut stream = analyzer.token_stream(text);
    let mut words = Vec::new();
    while let Some(token) = stream.next() {
        words.push(token.text.clone());
    }
    words
}

/// The stems of a text under one analyzer, in order.
pub fn stems(analyzer: Analyzer, text: &str) -> Vec<String> {
    let mut text_analyzer = analyzer.text_analyzer();
    let mut stream = text_analyzer.token_stream(text);
    let mut stems = Vec::new();
    while let Some(token) = stream.next() {
        stems.push(token.text.clone());
    }
    stems
}

/// The stem of one word under one analyzer (the word itself if the
/// analyzer drops it).
pub fn stem(analyzer: Analyzer, word: &str) -> String {
    stems(analyzer, word)
        .into_iter()
        .next()
        .unwrap_or_else(|| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nordic_stemmers() {
        assert_eq!(stem(Analyzer::Sv, "kommunerna"), "kommun");
        assert_eq!(stem(Analyzer::No, "kommunene"), "kommun");
        assert_eq!(stem(Analyzer::Da, "kommunerne"), "kommun");
        assert_eq!(stem(Analyzer::Plain, "Sveitarfélögin"), "sveitarfélögin");
        assert_eq!(
            words("E-tjänst för Ærø, 2024!"),
            ["e", "tjänst", "för", "ærø", "2024"]
        );
    }
}

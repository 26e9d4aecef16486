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

    /// tantivy's own analyzer for the language: what the words and stems
    /// here ([`analyse`], [`WordCache`]) are, found without its token
    /// stream, and what the tests hold them to.
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

    /// The Snowball stemmer of [`Analyzer::text_analyzer`], the one
    /// tantivy's `Stemmer` filter runs on each lowercased word; `None` for
    /// [`Analyzer::Plain`]. Called directly, so that the words and their
    /// stems come from one tokenisation.
    fn stemmer(self) -> Option<frostem::Stemmer> {
        let algorithm = match self {
            Analyzer::En => frostem::Algorithm::English,
            Analyzer::Sv => frostem::Algorithm::Swedish,
            Analyzer::No => frostem::Algorithm::Norwegian,
            Analyzer::Da => frostem::Algorithm::Danish,
            Analyzer::Fi => frostem::Algorithm::Finnish,
            Analyzer::Plain => return None,
        };
        Some(frostem::Stemmer::new(algorithm))
    }
}

/// The lowercase words of a text, as the index sees them before stemming:
/// runs of letters and digits. The browser client splits queries the same
/// way (`\p{L}\p{N}` runs, lowercased, at most 40 bytes).
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    each_word(text, |word| words.push(word.to_string()));
    words
}

/// Hands each lowercase word of a text ([`words`]) to `visit`, in order,
/// without collecting them.
pub fn each_word(text: &str, mut visit: impl FnMut(&str)) {
    let mut lowered = String::new();
    for raw in raw_words(text) {
        visit(lowercase(raw, &mut lowered));
    }
}

/// The words of a text as tantivy's `SimpleTokenizer` followed by its
/// `RemoveLongFilter` finds them ([`Analyzer::text_analyzer`]), as they
/// stand in the text: each run of alphanumeric characters shorter than
/// [`MAX_TOKEN_BYTES`] + 1 bytes. Written out rather than run through
/// tantivy's token stream, which copies every word into its token: most
/// words are found again in a [`WordCache`] by these slices alone.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let start = rest.char_indices().find(|(_, c)| c.is_alphanumeric())?.0;
            let run = &rest[start..];
            let end = run
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(run.len(), |(at, _)| at);
            let (word, after) = run.split_at(end);
            rest = after;
            if word.len() <= MAX_TOKEN_BYTES {
                return Some(word);
            }
        }
    })
}

/// A word lowercased as tantivy's `LowerCaser` does it: ASCII by ASCII
/// rules, anything else character by character (no final-sigma rule), into
/// `lowered` unless the word is lowercase ASCII already.
fn lowercase<'w>(word: &'w str, lowered: &'w mut String) -> &'w str {
    if word.is_ascii() {
        if !word.bytes().any(|byte| byte.is_ascii_uppercase()) {
            return word;
        }
        lowered.clear();
        lowered.push_str(word);
        lowered.make_ascii_lowercase();
    } else {
        lowered.clear();
        for c in word.chars() {
            lowered.extend(c.to_lowercase());
        }
    }
    lowered
}

/// The words of a text with their stems under one analyzer, from one
/// tokenisation: what [`words`] and [`stems`] give, word for word; the
/// stems are those tantivy's own analyzer ([`Analyzer::text_analyzer`])
/// gives.
pub fn analyse(analyzer: Analyzer, text: &str) -> Vec<Analysed> {
    let stemmer = analyzer.stemmer();
    let mut lowered = String::new();
    raw_words(text)
        .map(|raw| {
            let word = lowercase(raw, &mut lowered);
            Analysed {
                word: word.to_string(),
                stem: stem_with(stemmer.as_ref(), word),
            }
        })
        .collect()
}

fn stem_with(stemmer: Option<&frostem::Stemmer>, word: &str) -> String {
    match stemmer {
        Some(stemmer) => stemmer.stem(word).into_owned(),
        None => word.to_string(),
    }
}

/// The words already analysed under one analyzer, each with its lowercase
/// form and stem, found again by how it stands in a text: a word recurs in
/// a text and across texts, and stemming it and allocating its forms again
/// at every occurrence was most of the analysis of a catalogue.
pub struct WordCache {
    stemmer: Option<frostem::Stemmer>,
    ids: rustc_hash::FxHashMap<Box<str>, u32>,
    words: Vec<Analysed>,
}

impl WordCache {
    pub fn new(analyzer: Analyzer) -> WordCache {
        WordCache {
            stemmer: analyzer.stemmer(),
            ids: rustc_hash::FxHashMap::default(),
            words: Vec::new(),
        }
    }

    /// Appends to `ids` the id of each word of `text`, in order: the words
    /// [`analyse`] finds, by [`WordCache::word`].
    pub fn analyse_into(&mut self, text: &str, ids: &mut Vec<u32>) {
        let mut lowered = String::new();
        for raw in raw_words(text) {
            if let Some(&id) = self.ids.get(raw) {
                ids.push(id);
                continue;
            }
            let word = lowercase(raw, &mut lowered);
            let id = self.words.len() as u32;
            self.words.push(Analysed {
                word: word.to_string(),
                stem: stem_with(self.stemmer.as_ref(), word),
            });
            self.ids.insert(raw.into(), id);
            ids.push(id);
        }
    }

    /// The word of an id [`WordCache::analyse_into`] gave.
    pub fn word(&self, id: u32) -> Option<&Analysed> {
        self.words.get(id as usize)
    }

    /// Every word it holds, once for each way it was written.
    pub fn into_words(self) -> impl Iterator<Item = Analysed> {
        self.words.into_iter()
    }
}

/// One word of a text as [`analyse`] and a [`WordCache`] find it.
#[derive(Debug, Clone)]
pub struct Analysed {
    /// Lowercase, unstemmed.
    pub word: String,
    pub stem: String,
}

/// The stems of a text under one analyzer, in order.
pub fn stems(analyzer: Analyzer, text: &str) -> Vec<String> {
    let stemmer = analyzer.stemmer();
    let mut stems = Vec::new();
    each_word(text, |word| stems.push(stem_with(stemmer.as_ref(), word)));
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

/// A word with its diacritics and Nordic letter variants folded away, so
/// that a query typed without them ("fjarhagsadstod", "bistand") meets the
/// words that have them ("fjárhagsaðstoð", "bistånd"): å, ä, æ, á → a;
/// ö, ø, ó → o; é → e; í → i; ú, ü → u; ý → y; ð → d; þ → th; and a run
/// of a's is one a, so that the older spelling "aa" meets "å" ("Aarhus",
/// "Århus"). Folding twice changes nothing. The browser folds the same way
/// (`fold` in search.js).
pub fn fold(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        let replacement = match c {
            'å' | 'ä' | 'æ' | 'á' | 'à' | 'â' | 'ã' => "a",
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => "o",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'ð' => "d",
            'þ' => "th",
            _ => {
                if c == 'a' && folded.ends_with('a') {
                    continue;
                }
                folded.push(c);
                continue;
            }
        };
        if replacement == "a" && folded.ends_with('a') {
            continue;
        }
        folded.push_str(replacement);
    }
    folded
}

/// The function words of the catalogue's languages, which a query may
/// hold ("samarbejde mellem kommuner om it-systemer", "how do small
/// municipalities share a social worker") but which say nothing of what a
/// case is about. A query leaves them out unless they are part of a
/// thesaurus phrase ("vold i nære relasjoner"), and a misspelt word is
/// never corrected into one. "it" is not among them: in these catalogues it
/// is information technology.
#[rustfmt::skip]
pub const STOP_WORDS: &[&str] = &[
    // English
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "in", "into",
    "is", "of", "on", "or", "our", "that", "the", "their", "they", "this", "to", "was", "we", "what", "when",
    "where", "which", "who", "why", "with",
    // Swedish
    "att", "av", "de", "den", "det", "där", "eller", "en", "ett", "från", "för", "har", "hur", "i", "inte",
    "kan", "med", "mellan", "när", "och", "om", "på", "som", "så", "till", "vad", "vi", "vid", "vår", "våra",
    "är",
    // Norwegian (Bokmål and Nynorsk)
    "dei", "der", "ein", "eit", "er", "et", "fra", "frå", "hva", "hvordan", "ikke", "ikkje", "korleis",
    "kva", "mellom", "og", "ved", "til", "å",
    // Danish
    "af", "hvad", "mellem", "vores",
    // Finnish
    "ei", "ja", "jos", "kun", "kuin", "miten", "mitä", "ovat", "sekä", "tai", "että",
    // Icelandic
    "að", "eða", "ekki", "eru", "fyrir", "hvað", "hvernig", "milli", "með", "sem", "um", "við", "á", "í",
];

/// Whether a (lowercase) word is one of the [`STOP_WORDS`].
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The shortest part a compound is split into: shorter "words" are too
/// often just a few letters of a longer one.
pub const MIN_PART_CHARS: usize = 4;
/// Shorter words are not split: a compound of two parts has at least this.
const MIN_COMPOUND_CHARS: usize = 2 * MIN_PART_CHARS;
/// The most parts a compound is split into.
pub const MAX_PARTS: usize = 3;

/// Whether a language builds its terms as closed compounds
/// ("partnervåld", "lähisuhdeväkivalta"): all but English, which writes
/// them apart.
pub fn compounds(analyzer: Analyzer) -> bool {
    analyzer != Analyzer::En
}

/// The parts of a compound word that are words of `known`, as Lucene's
/// dictionary compound-word filter finds them, but as one split of the
/// whole word: "partnervåld" → partner, våld; "barnevernsinstitusjon" →
/// barnevern, institusjon (the Scandinavian linking letter s, or e, between
/// parts is dropped). Each part has at least [`MIN_PART_CHARS`] letters;
/// the longest known last part (the head) is tried first. `None` when the
/// word is not such a compound. Linear in the word's length times
/// [`MAX_PARTS`].
pub fn split_compound(word: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    if word.chars().count() < MIN_COMPOUND_CHARS {
        return None;
    }
    split_into(word, known, MAX_PARTS)
}

fn split_into(word: &str, known: &dyn Fn(&str) -> bool, parts: usize) -> Option<Vec<String>> {
    if parts < 2 {
        return None;
    }
    let bounds: Vec<usize> = word.char_indices().map(|(at, _)| at).collect();
    let chars = bounds.len();
    // Heads from the longest: the head carries the meaning.
    let heads = bounds
        .iter()
        .take(chars.saturating_sub(MIN_PART_CHARS) + 1)
        .skip(MIN_PART_CHARS);
    for &at in heads {
        let (left, head) = word.split_at(at);
        if !known(head) {
            continue;
        }
        let mut lefts = vec![left];
        if let Some(stripped) = left.strip_suffix(['s', 'e'])
            && stripped.chars().count() >= MIN_PART_CHARS
        {
            lefts.push(stripped);
        }
        for left in lefts {
            if known(left) {
                return Some(vec![left.to_string(), head.to_string()]);
            }
            if let Some(mut found) = split_into(left, known, parts - 1) {
                found.push(head.to_string());
                return Some(found);
            }
        }
    }
    None
}

/// The oblique forms of the last elements of Icelandic place names, by
/// nominative ending: Icelandic inflects names ("í Skagafirði", "til
/// Reykjavíkur"), has no stemmer here, and the forms are too far apart for
/// the typo rule ("Skagafjörður", "Skagafirði"). Longest ending first.
const ICELANDIC_PLACE_ENDINGS: &[(&str, &[&str])] = &[
    ("kaupstaður", &["kaupstað", "kaupstaðar"]),
    ("fjörður", &["fjörð", "firði", "fjarðar"]),
    ("hreppur", &["hrepp", "hreppi", "hrepps"]),
    ("hólmur", &["hólm", "hólmi", "hólms"]),
    ("strönd", &["ströndu", "strandar"]),
    ("staðir", &["staði", "stöðum", "staða"]),
    ("byggð", &["byggðar"]),
    ("sveit", &["sveitar"]),
    ("hérað", &["héraði", "héraðs"]),
    ("eyjar", &["eyjum", "eyja"]),
    ("vogur", &["vog", "vogi", "vogs"]),
    ("dalur", &["dal", "dals"]),
    ("bakki", &["bakka"]),
    ("skagi", &["skaga"]),
    ("eyri", &["eyrar"]),
    ("þing", &["þingi", "þings"]),
    ("borg", &["borgar"]),
    ("land", &["landi", "lands"]),
    ("höfn", &["hafnar"]),
    ("holt", &["holti", "holts"]),
    ("fell", &["felli", "fells"]),
    ("vík", &["víkur"]),
    ("nes", &["nesi", "ness"]),
    ("bær", &["bæ", "bæjar"]),
    ("ós", &["ósi", "óss"]),
    ("ey", &["eyju", "eyjar"]),
];

/// The other case forms of the words of an Icelandic place name
/// ("Skagafjörður": skagafjörð, skagafirði, skagafjarðar; "Húnaþing
/// vestra": húnaþingi, húnaþings), lowercase, by
/// `ICELANDIC_PLACE_ENDINGS`.
pub fn icelandic_place_forms(name: &str) -> Vec<String> {
    let mut forms = Vec::new();
    for word in words(name) {
        let Some((ending, oblique)) = ICELANDIC_PLACE_ENDINGS
            .iter()
            .find(|(ending, _)| word.ends_with(ending) && word.len() > ending.len())
        else {
            continue;
        };
        let stem = &word[..word.len() - ending.len()];
        forms.extend(oblique.iter().map(|form| format!("{stem}{form}")));
    }
    forms
}

/// How many known first parts [`split_typed`] tries, longest first.
pub const MAX_FIRST_PARTS_TRIED: usize = 2;

/// A typed word that no case has, read as a compound of words that cases
/// have: "socialtjänstsamverkan" → socialtjänst, samverkan. Unlike
/// [`split_compound`], which finds the head first, this tries the longest
/// known first part, then the rest (after a linking s or e): every first
/// part it tries begins as the word does, so the browser finds them all in
/// the word's own export shard, and each further part costs one more shard.
/// At most [`MAX_PARTS`] parts of at least [`MIN_PART_CHARS`] letters.
pub fn split_typed(word: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    if word.chars().count() < MIN_COMPOUND_CHARS {
        return None;
    }
    split_typed_into(word, known, MAX_PARTS)
}

fn split_typed_into(word: &str, known: &dyn Fn(&str) -> bool, parts: usize) -> Option<Vec<String>> {
    if parts < 2 {
        return None;
    }
    let bounds: Vec<usize> = word.char_indices().map(|(at, _)| at).collect();
    let chars = bounds.len();
    if chars < MIN_COMPOUND_CHARS {
        return None;
    }
    // First parts from the longest, leaving room for a last part; only the
    // longest few, as each costs the browser a shard for what follows.
    let firsts = bounds[MIN_PART_CHARS..=chars - MIN_PART_CHARS]
        .iter()
        .rev()
        .map(|&at| word.split_at(at))
        .filter(|(first, _)| known(first))
        .take(MAX_FIRST_PARTS_TRIED);
    for (first, rest) in firsts {
        let mut rests = vec![rest];
        if let Some(stripped) = rest.strip_prefix(['s', 'e'])
            && stripped.chars().count() >= MIN_PART_CHARS
        {
            rests.push(stripped);
        }
        for &rest in &rests {
            if known(rest) {
                return Some(vec![first.to_string(), rest.to_string()]);
            }
        }
        for &rest in &rests {
            if let Some(more) = split_typed_into(rest, known, parts - 1) {
                return Some(std::iter::once(first.to_string()).chain(more).collect());
            }
        }
    }
    None
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

    #[test]
    fn one_tokenisation_gives_the_words_and_the_stems_of_tantivys_analyzers() {
        let text = "Kommunerna samverkar kring ekonomiskt bistånd; Kommunene's barnevernstjenester \
                    and the municipalities' 24/7 services. Sveitarfélögin, lähisuhdeväkivallan \
                    ehkäisy, kommunernes samarbejde, ÆRØ-KOMMUNE";
        for analyzer in Analyzer::ALL {
            let analysed = analyse(analyzer, text);
            let mut tantivy = analyzer.text_analyzer();
            let mut stream = tantivy.token_stream(text);
            let mut expected = Vec::new();
            while let Some(token) = stream.next() {
                expected.push(token.text.clone());
            }
            let stems: Vec<String> = analysed.iter().map(|word| word.stem.clone()).collect();
            assert_eq!(stems, expected, "{analyzer:?}");
            assert_eq!(stems, super::stems(analyzer, text), "{analyzer:?}");
            let words: Vec<String> = analysed.into_iter().map(|word| word.word).collect();
            assert_eq!(words, super::words(text), "{analyzer:?}");
            // The index splits the stems joined by spaces back into them.
            assert!(
                stems
                    .iter()
                    .all(|stem| !stem.is_empty() && !stem.contains(char::is_whitespace))
            );
        }
    }

    /// What tantivy's own analyzer gives for a text: the stems, and with
    /// [`Analyzer::Plain`] the lowercase words.
    fn tantivy_tokens(analyzer: Analyzer, text: &str) -> Vec<String> {
        let mut tantivy = analyzer.text_analyzer();
        let mut stream = tantivy.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push(token.text.clone());
        }
        tokens
    }

    /// Letters, digits, marks and punctuation of several scripts, cased and
    /// not, and characters whose lowercase is longer ("İ") or which
    /// lowercase differently at a word's end ("Σ").
    fn awkward_text() -> impl proptest::strategy::Strategy<Value = String> {
        let pieces = proptest::sample::select(vec![
            "a",
            "Z",
            "é",
            "Å",
            "ø",
            "Æ",
            "ð",
            "Þ",
            "ä",
            "Ö",
            "ü",
            "İ",
            "ß",
            "ẞ",
            "Σ",
            "σ",
            "ς",
            "Ω",
            "Ǆ",
            "ǅ",
            "й",
            "Ж",
            "中",
            "ا",
            "٣",
            "²",
            "½",
            "Ⅻ",
            "e\u{301}",
            "\u{301}",
            "1",
            "0",
            " ",
            "-",
            "'",
            "’",
            ".",
            "\n",
            "\u{a0}",
            "\u{200b}",
            "🙂",
            "_",
            "social",
            "Kommunerna",
            "BISTÅND",
            "lähisuhdeväkivalta",
            "x",
        ]);
        proptest::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The tokeniser written out gives tantivy's words and stems for
        /// any text, and a cache of words gives them again after any other
        /// text: long runs around the 40-byte limit included.
        #[test]
        fn the_words_and_stems_are_tantivys(text in awkward_text(), before in awkward_text()) {
            prop_assert_eq!(words(&text), tantivy_tokens(Analyzer::Plain, &text));
            for analyzer in Analyzer::ALL {
                let expected = tantivy_tokens(analyzer, &text);
                let analysed = analyse(analyzer, &text);
                let stems: Vec<&str> = analysed.iter().map(|word| word.stem.as_str()).collect();
                prop_assert_eq!(&stems, &expected);
                let mut cache = WordCache::new(analyzer);
                let mut ids = Vec::new();
                cache.analyse_into(&before, &mut ids);
                ids.clear();
                cache.analyse_into(&text, &mut ids);
                let cached: Vec<(&str, &str)> = ids
                    .iter()
                    .filter_map(|&id| cache.word(id))
                    .map(|word| (word.word.as_str(), word.stem.as_str()))
                    .collect();
                let direct: Vec<(&str, &str)> =
                    analysed.iter().map(|word| (word.word.as_str(), word.stem.as_str())).collect();
                prop_assert_eq!(cached, direct);
            }
        }
    }

    #[test]
    fn words_at_the_length_limit_are_kept_and_longer_ones_dropped() {
        let limit = "a".repeat(MAX_TOKEN_BYTES);
        let over = "b".repeat(MAX_TOKEN_BYTES + 1);
        let wide = "ä".repeat(MAX_TOKEN_BYTES / 2 + 1);
        let text = format!("{limit} {over} {wide} ok");
        assert_eq!(words(&text), [limit.as_str(), "ok"]);
        assert_eq!(words(&text), tantivy_tokens(Analyzer::Plain, &text));
    }

    #[test]
    fn compounds_split_into_known_words() {
        let known = |word: &str| {
            [
                "partner",
                "våld",
                "barnevern",
                "institusjon",
                "lähisuhde",
                "väkivalta",
                "social",
                "tjänst",
                "barn",
            ]
            .contains(&word)
        };
        assert_eq!(
            split_compound("partnervåld", &known),
            Some(vec!["partner".to_string(), "våld".to_string()])
        );
        assert_eq!(
            split_compound("barnevernsinstitusjon", &known),
            Some(vec!["barnevern".to_string(), "institusjon".to_string()])
        );
        assert_eq!(
            split_compound("lähisuhdeväkivalta", &known),
            Some(vec!["lähisuhde".to_string(), "väkivalta".to_string()])
        );
        assert_eq!(
            split_compound("barnsocialtjänst", &known),
            Some(vec![
                "barn".to_string(),
                "social".to_string(),
                "tjänst".to_string()
            ])
        );
        assert_eq!(split_compound("partner", &known), None);
        assert_eq!(split_compound("partnerxvåld", &known), None);
        assert_eq!(
            split_compound("barnvåld", &known),
            Some(vec!["barn".to_string(), "våld".to_string()])
        );
    }

    #[test]
    fn icelandic_place_names_in_their_other_cases() {
        assert_eq!(
            icelandic_place_forms("Skagafjörður"),
            ["skagafjörð", "skagafirði", "skagafjarðar"]
        );
        assert_eq!(icelandic_place_forms("Reykjavík"), ["reykjavíkur"]);
        assert_eq!(
            icelandic_place_forms("Húnaþing vestra"),
            ["húnaþingi", "húnaþings"]
        );
        assert_eq!(
            icelandic_place_forms("Norðurland eystra"),
            ["norðurlandi", "norðurlands"]
        );
        // A word that is only the ending is no place name's last element.
        assert!(icelandic_place_forms("Ey").is_empty());
        assert!(icelandic_place_forms("Grýtubakkahreppur").contains(&"grýtubakkahreppi".to_string()));
    }

    #[test]
    fn typed_compounds_split_from_the_front() {
        let known = |word: &str| {
            [
                "socialtjänst",
                "samverkan",
                "barnevern",
                "samarbeid",
                "barn",
                "utredning",
                "social",
                "tjänst",
            ]
            .contains(&word)
        };
        let split = |word: &str| split_typed(word, &known);
        assert_eq!(
            split("socialtjänstsamverkan"),
            Some(vec!["socialtjänst".into(), "samverkan".into()])
        );
        // The linking s between the parts is dropped.
        assert_eq!(
            split("barnevernssamarbeid"),
            Some(vec!["barnevern".into(), "samarbeid".into()])
        );
        assert_eq!(
            split("barnsocialtjänstutredning"),
            Some(vec!["barn".into(), "socialtjänst".into(), "utredning".into()])
        );
        assert_eq!(split("socialtjänstxyz"), None);
        assert_eq!(split("barn"), None);
        // Never a part shorter than four letters, whatever is known.
        assert_eq!(split_typed("abcdefgh", &|w: &str| w.len() < 4), None);
    }

    #[test]
    fn folding_meets_the_spellings_without_diacritics() {
        assert_eq!(fold("fjárhagsaðstoð"), "fjarhagsadstod");
        assert_eq!(fold("bistånd"), fold("bistand"));
        assert_eq!(fold("århus"), fold("aarhus"));
        assert_eq!(fold("hjælp"), fold("hjälp"));
        assert_eq!(fold("fjölskylda"), fold("fjølskylda"));
        assert_eq!(fold("þjónusta"), "thjonusta");
        assert_eq!(fold("tür"), "tur");
        for word in ["aaaa", "åaå", "fjárhagsaðstoð", "kommun"] {
            assert_eq!(fold(&fold(word)), fold(word), "{word}");
        }
    }
}

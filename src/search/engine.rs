//! The query engine: words → keys → units → scored cases.
//!
//! This is the reference implementation of search: the browser client
//! (`themes/default/static/search.js`) follows it step by step over the
//! exported shards, and a test checks that both return the same cases in
//! the same order. Scores are integers (thousandths of tantivy's BM25), so
//! sums are exact on both sides.
//!
//! 1. The query is split into lowercase words. A word that no case,
//!    spelling or concept has, but that is a compound of words cases have
//!    ("socialtjänstsamverkan"), is replaced by its parts.
//! 2. Each word maps to keys (`analyzer:stem`) through the vocabulary, and
//!    each stem to the same stem in every other analyzer that has it. The
//!    word's other spellings, with diacritics folded (`bistand`,
//!    `bistånd`), count half; alone they stand for the word (as
//!    `fjarhagsadstod` does for `fjárhagsaðstoð`). The last word, if it has
//!    at least 3 letters, also stands for the longer vocabulary words it
//!    begins (results as you type), at half when it is a word itself, as
//!    do the parts of a compound ("partnervåld": "partner", "våld"). A
//!    word that matches nothing so far matches the nearest words within
//!    edit distance 1 (2 for words of 8 letters or more), never a function
//!    word. Prefix and typo matching look only inside the word's own export
//!    shard.
//! 3. Consecutive words that form a thesaurus variant become one phrase
//!    unit, matched by the concept or by all its words; any other word is a
//!    unit matched by any of its keys or by the concepts it is a one-word
//!    variant or head word of. A function word outside a phrase is no unit.
//!    Studies of the research mapping are documents like cases, with
//!    ordinals after theirs; filters a study cannot meet leave it out.
//! 4. A case must match all units of a query of up to three, and all but
//!    one in four of a longer one; if none does, any unit will do.
//! 5. Cases are ranked by how many units they match, then by how many of
//!    them in full (not only through another spelling or a longer word),
//!    then by the sum of their scores, then by ordinal.
//! 6. Each hit says what matched it ([`Matched`]): per unit it matches, the
//!    best way it did (the word itself, its stem, another spelling, a typo
//!    correction, a concept, a compound part, a longer word), with the
//!    forms; through a concept, the concept's name and the variants the
//!    case has, so that a case found in another language shows why. All of
//!    it comes from postings the query loads anyway.

use std::collections::{BTreeMap, BTreeSet};

use super::analysis;
use super::index::{CONCEPT, CONCEPT_PREFIX, Entry, SearchData};

/// Filters on facet values; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub country: Option<String>,
    /// `se/2462`
    pub municipality: Option<String>,
    pub category: Option<String>,
    pub service_area: Option<String>,
    pub status: Option<String>,
    pub size_class: Option<String>,
    /// `sparsely-populated` keeps only cases of sparsely populated municipalities.
    pub sparse: Option<String>,
    /// A form of co-operation (a `cooperation` term).
    pub cooperation: Option<String>,
    /// The id of a co-operation body the case names.
    pub body: Option<String>,
    /// `case` keeps only good examples, `study` only the studies of the
    /// research mapping.
    pub doc_type: Option<String>,
}

impl Filters {
    /// Whether a filter a study cannot meet is set: a study has no
    /// municipality, service area, status, size class, form of
    /// co-operation or body.
    fn case_only(&self) -> bool {
        [
            &self.municipality,
            &self.service_area,
            &self.status,
            &self.size_class,
            &self.sparse,
            &self.cooperation,
            &self.body,
        ]
        .iter()
        .any(|filter| filter.is_some())
    }
}

/// The `doc_type` of a good example.
pub const CASE: &str = "case";
/// The `doc_type` of a study of the research mapping.
pub const STUDY: &str = "study";

/// How a query word was understood.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Match {
    Exact,
    Prefix {
        words: Vec<String>,
    },
    Typo {
        words: Vec<String>,
    },
    /// A word no case has, read as a compound of words cases have: the
    /// query goes on with its parts in its place.
    Split {
        words: Vec<String>,
    },
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub ordinal: u32,
    /// Thousandths of BM25.
    pub score: u64,
    /// What matched the case, a row per unit of the query it matches.
    pub matched: Vec<Matched>,
}

/// How a query word matched a case, best first: the order in which one
/// way is preferred over another when a word matched a case in several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// The word itself ("digital").
    Exact,
    /// Another form of the word, by its stem ("kommunerna": "kommun").
    Stem,
    /// Another spelling of it, diacritics folded ("bistand": "bistånd").
    Folded,
    /// The nearest words of a word not in the catalogue.
    Typo,
    /// A thesaurus concept the word is a variant or head word of.
    Concept,
    /// A part of a compound ("partnervåld": "våld").
    Part,
    /// A longer word the last word begins ("digita": "digital").
    Prefix,
}

/// What one unit of a query matched in one case.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Matched {
    /// The query word, or the words of a thesaurus phrase.
    pub word: String,
    pub via: Via,
    /// Through a concept: its id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concept: Option<String>,
    /// Through a concept: its name in the language asked for (else English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What it matched as: the word; its stem; the other spellings, typo
    /// corrections, compound parts or longer words; through a concept, the
    /// concept's variants the case has, in thesaurus order.
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// False when no case matched every word and any word was accepted.
    pub all_words: bool,
    pub words: Vec<(String, Match)>,
}

/// The most candidate words a prefix or a typo expands to.
const MAX_PREFIX_WORDS: usize = 50;
const MAX_TYPO_WORDS: usize = 5;
const MIN_PREFIX_CHARS: usize = 3;

/// A way a word reaches a case: a form and its keys.
#[derive(Debug, Clone)]
struct Source {
    via: Via,
    form: String,
    keys: BTreeSet<String>,
}

/// The word's own keys as sources: the word itself where a key's stem is
/// the word, else by stem.
fn own_sources(word: &str, keys: &BTreeSet<String>) -> Vec<Source> {
    let mut by_form: BTreeMap<(Via, String), BTreeSet<String>> = BTreeMap::new();
    for key in keys {
        let stem = key.split_once(':').map_or(key.as_str(), |(_, stem)| stem);
        let how = if stem == word {
            (Via::Exact, word.to_string())
        } else {
            (Via::Stem, stem.to_string())
        };
        by_form.entry(how).or_default().insert(key.clone());
    }
    by_form
        .into_iter()
        .map(|((via, form), keys)| Source { via, form, keys })
        .collect()
}

/// Keys as sources of `via`, one per stem (another spelling's keys are
/// its stems).
fn stem_sources(via: Via, keys: &BTreeSet<String>) -> Vec<Source> {
    let mut by_stem: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for key in keys {
        let stem = key.split_once(':').map_or(key.as_str(), |(_, stem)| stem);
        by_stem.entry(stem.to_string()).or_default().insert(key.clone());
    }
    by_stem
        .into_iter()
        .map(|(form, keys)| Source { via, form, keys })
        .collect()
}

impl SearchData {
    fn entry(&self, text: &str) -> Option<&Entry> {
        self.entries.get(text)
    }

    /// The entries of the shard `text` falls into, in key order.
    fn shard_of(&self, text: &str) -> impl Iterator<Item = (&String, &Entry)> {
        let index = super::shards::shard_of(&self.shard_starts, text);
        let start = self.shard_starts.get(index).cloned().unwrap_or_default();
        let end = self.shard_starts.get(index + 1).cloned();
        self.entries
            .range(start..)
            .take_while(move |(key, _)| end.as_ref().is_none_or(|end| *key < end))
    }

    fn postings(&self, key: &str) -> &[(u32, u32)] {
        let Some((analyzer, text)) = key.split_once(':') else {
            return &[];
        };
        self.entry(text)
            .and_then(|entry| entry.postings.get(analyzer))
            .map_or(&[], Vec::as_slice)
    }

    fn keys_of(entry: &Entry) -> impl Iterator<Item = String> + '_ {
        entry
            .forms
            .iter()
            .map(|(analyzer, stem)| format!("{analyzer}:{stem}"))
    }

    /// A word's own keys: the stems it was seen with, and the word itself
    /// under every analyzer that has it as a stem ("kommun" is the Swedish,
    /// Norwegian and Danish stem of the words for municipality).
    fn exact_keys(word: &str, entry: &Entry) -> BTreeSet<String> {
        let as_stem = entry
            .postings
            .keys()
            .filter(|a| *a != CONCEPT)
            .map(|a| format!("{a}:{word}"));
        Self::keys_of(entry).chain(as_stem).collect()
    }

    /// A stem shared by several languages matches in all of them: Swedish
    /// "kommunerna" (stem "kommun") also finds Norwegian "kommunene" and
    /// Danish "kommunerne", whose stem is the same.
    fn across_languages(&self, keys: BTreeSet<String>) -> BTreeSet<String> {
        let mut all = keys.clone();
        for key in &keys {
            let Some((_, stem)) = key.split_once(':') else {
                continue;
            };
            if let Some(entry) = self.entry(stem) {
                all.extend(
                    entry
                        .postings
                        .keys()
                        .filter(|a| *a != CONCEPT)
                        .map(|a| format!("{a}:{stem}")),
                );
            }
        }
        all
    }

    /// Whether any of `keys` finds a case, by its postings or a concept.
    fn useful(&self, keys: &BTreeSet<String>) -> bool {
        keys.iter().any(|key| {
            !self.postings(key).is_empty() || self.phrases_from(std::slice::from_ref(key)).next().is_some()
        })
    }

    /// One query word: its keys, and how it was matched.
    fn resolve(&self, word: &str, last: bool) -> (Word, Match) {
        let own = self.entry(word);
        let stop = own.is_some_and(|entry| entry.stop);
        let exact = self.across_languages(own.map(|entry| Self::exact_keys(word, entry)).unwrap_or_default());
        let mut sources = own_sources(word, &exact);
        if stop {
            // A function word is never taken for another word.
            let keys = exact;
            return (
                Word {
                    keys,
                    stop,
                    sources,
                    ..Word::default()
                },
                Match::Exact,
            );
        }
        // The word's other spellings: on its own entry if it is a known
        // word, else on the entry of its folded form.
        let mut spellings: BTreeSet<String> = own
            .map(|entry| Self::folded_keys(entry).collect())
            .unwrap_or_default();
        let folded = analysis::fold(word);
        if own.is_none_or(|entry| entry.forms.is_empty())
            && folded != word
            && let Some(entry) = self.entry(&folded)
        {
            spellings.extend(Self::exact_keys(&folded, entry));
            spellings.extend(Self::folded_keys(entry));
        }
        let spellings: BTreeSet<String> = self
            .across_languages(spellings)
            .difference(&exact)
            .cloned()
            .collect();
        // The last word may still be being typed: it also stands for the
        // longer words it begins, so results do not jump while typing.
        let longer: Vec<(&String, &Entry)> = if last && word.chars().count() >= MIN_PREFIX_CHARS {
            self.shard_of(word)
                .filter(|(key, entry)| {
                    key.as_str() != word && key.starts_with(word) && !entry.forms.is_empty()
                })
                .take(MAX_PREFIX_WORDS)
                .collect()
        } else {
            Vec::new()
        };
        let longer_keys: BTreeSet<String> = self
            .across_languages(
                longer
                    .iter()
                    .flat_map(|(_, entry)| Self::keys_of(entry))
                    .collect(),
            )
            .into_iter()
            .filter(|key| !exact.contains(key) && !spellings.contains(key))
            .collect();
        // Each longer word by the keys it brings.
        let longer_sources: Vec<Source> = longer
            .iter()
            .map(|(text, entry)| Source {
                via: Via::Prefix,
                form: (*text).clone(),
                keys: self
                    .across_languages(Self::keys_of(entry).collect())
                    .intersection(&longer_keys)
                    .cloned()
                    .collect(),
            })
            .collect();
        if self.useful(&exact) {
            // A compound also finds its parts ("partnervåld": "våld").
            let parts: Vec<(&String, BTreeSet<String>)> = own
                .into_iter()
                .flat_map(|entry| &entry.parts)
                .filter_map(|part| {
                    self.entry(part)
                        .map(|entry| (part, self.across_languages(Self::exact_keys(part, entry))))
                })
                .collect();
            let part_keys: BTreeSet<String> = parts
                .iter()
                .flat_map(|(_, keys)| keys)
                .filter(|key| !exact.contains(*key) && !spellings.contains(*key))
                .cloned()
                .collect();
            sources.extend(stem_sources(Via::Folded, &spellings));
            sources.extend(parts.iter().map(|(part, keys)| Source {
                via: Via::Part,
                form: (*part).clone(),
                keys: keys.intersection(&part_keys).cloned().collect(),
            }));
            sources.extend(longer_sources);
            let longer_keys = part_keys.into_iter().chain(longer_keys).collect();
            // A complete word: its other spellings and the longer words it
            // begins count half, and bring no concepts of their own
            // ("barnevern" is not "barnevernsinstitusjon").
            let word = Word {
                keys: exact,
                folded: spellings,
                longer: longer_keys,
                stop,
                sources,
            };
            return (word, Match::Exact);
        }
        if self.useful(&spellings) {
            let words = spellings
                .iter()
                .map(|key| {
                    key.split_once(':')
                        .map_or(key.as_str(), |(_, stem)| stem)
                        .to_string()
                })
                .collect::<BTreeSet<String>>()
                .into_iter()
                .collect();
            sources.extend(stem_sources(Via::Folded, &spellings));
            sources.extend(longer_sources);
            let keys = exact.into_iter().chain(spellings).collect();
            let word = Word {
                keys,
                longer: longer_keys,
                stop,
                sources,
                ..Word::default()
            };
            return (word, Match::Typo { words });
        }
        if !longer.is_empty() {
            let words = longer.iter().map(|(key, _)| (*key).clone()).collect();
            let keys = exact.into_iter().chain(longer_keys).collect();
            sources.extend(longer_sources);
            return (
                Word {
                    keys,
                    stop,
                    sources,
                    ..Word::default()
                },
                Match::Prefix { words },
            );
        }
        let limit = if word.chars().count() >= 8 { 2 } else { 1 };
        let mut near: Vec<(usize, &String, &Entry)> = self
            .shard_of(word)
            .filter(|(key, entry)| key.as_str() != word && !entry.forms.is_empty() && !entry.stop)
            .filter_map(|(key, entry)| {
                let distance = strsim::levenshtein(word, key);
                (distance <= limit).then_some((distance, key, entry))
            })
            .collect();
        near.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        near.truncate(MAX_TYPO_WORDS);
        let near_keys = self.across_languages(
            near.iter()
                .flat_map(|(_, _, entry)| Self::keys_of(entry))
                .collect(),
        );
        sources.extend(near.iter().map(|(_, text, entry)| Source {
            via: Via::Typo,
            form: (*text).clone(),
            keys: self.across_languages(Self::keys_of(entry).collect()),
        }));
        let keys = exact.into_iter().chain(near_keys).collect();
        let word = Word {
            keys,
            stop,
            sources,
            ..Word::default()
        };
        if near.is_empty() {
            return (word, Match::None);
        }
        let words = near.iter().map(|(_, key, _)| (*key).clone()).collect();
        (word, Match::Typo { words })
    }

    fn folded_keys(entry: &Entry) -> impl Iterator<Item = String> + '_ {
        entry
            .folded
            .iter()
            .map(|(analyzer, stem)| format!("{analyzer}:{stem}"))
    }

    /// Thesaurus variants starting with one of `keys`: (concept, keys).
    fn phrases_from<'a>(
        &'a self,
        keys: impl IntoIterator<Item = &'a String> + 'a,
    ) -> impl Iterator<Item = (&'a String, &'a Vec<String>)> {
        keys.into_iter().flat_map(move |key| {
            let text = key.split_once(':').map_or("", |(_, text)| text);
            self.entry(text)
                .into_iter()
                .flat_map(|entry| entry.phrases.iter())
                .filter(move |(_, phrase)| phrase.first() == Some(key))
                .map(|(concept, phrase)| (concept, phrase))
        })
    }

    fn add(scores: &mut BTreeMap<u32, u64>, postings: &[(u32, u32)]) {
        for &(ordinal, score) in postings {
            *scores.entry(ordinal).or_default() += u64::from(score);
        }
    }

    /// A word's scores: its own keys in full, its other spellings and the
    /// longer words it begins at half (rounded down).
    fn word_scores(&self, word: &Word) -> BTreeMap<u32, u64> {
        let mut scores = BTreeMap::new();
        for key in &word.keys {
            Self::add(&mut scores, self.postings(key));
        }
        for key in word.folded.iter().chain(&word.longer) {
            for &(ordinal, score) in self.postings(key) {
                *scores.entry(ordinal).or_default() += u64::from(score / 2);
            }
        }
        scores
    }

    /// The cases a word matches in full: by its own keys.
    fn word_strong(&self, word: &Word) -> BTreeSet<u32> {
        word.keys
            .iter()
            .flat_map(|key| self.postings(key).iter().map(|(ordinal, _)| *ordinal))
            .collect()
    }

    fn concept_postings(&self, concept: &str) -> &[(u32, u32)] {
        self.entry(&format!("{CONCEPT_PREFIX}{concept}"))
            .and_then(|entry| entry.postings.get(CONCEPT))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether the document at `ordinal` passes `filters`: a study by its
    /// countries and its themes (as categories), and by no filter it
    /// cannot meet.
    fn allowed(&self, ordinal: u32, filters: &Filters) -> bool {
        let wants = |doc_type: &str| filters.doc_type.as_deref().is_none_or(|t| t == doc_type);
        if let Some(study) = self.study_of(ordinal).and_then(|index| self.studies.get(index)) {
            return wants(STUDY)
                && !filters.case_only()
                && filters
                    .country
                    .as_ref()
                    .is_none_or(|c| study.countries.iter().any(|s| c.eq_ignore_ascii_case(s)))
                && filters.category.as_ref().is_none_or(|c| study.themes.contains(c));
        }
        let Some(facets) = self.facets.get(ordinal as usize) else {
            return false;
        };
        wants(CASE)
            && filters
                .country
                .as_ref()
                .is_none_or(|c| c.eq_ignore_ascii_case(&facets.country))
            && filters
                .municipality
                .as_ref()
                .is_none_or(|m| facets.municipalities.contains(m))
            && filters
                .category
                .as_ref()
                .is_none_or(|c| facets.categories.contains(c))
            && filters
                .service_area
                .as_ref()
                .is_none_or(|a| facets.service_areas.contains(a))
            && filters.status.as_ref().is_none_or(|s| *s == facets.status)
            && filters
                .size_class
                .as_ref()
                .is_none_or(|c| facets.size_classes.contains(c))
            && filters.sparse.as_ref().is_none_or(|_| facets.sparse)
            && filters
                .cooperation
                .as_ref()
                .is_none_or(|c| *c == facets.cooperation)
            && filters.body.as_ref().is_none_or(|b| facets.bodies.contains(b))
    }

    fn has(postings: &[(u32, u32)], ordinal: u32) -> bool {
        postings.binary_search_by_key(&ordinal, |(o, _)| *o).is_ok()
    }

    /// What a unit matched in the case at `ordinal`: nothing if it did not.
    fn explain(&self, explain: &Explain, ordinal: u32, language: &str) -> Vec<Matched> {
        match explain {
            Explain::Word {
                word,
                sources,
                concepts,
            } => self
                .explain_word(word, sources, concepts, ordinal, language)
                .into_iter()
                .collect(),
            Explain::Phrase { words, concept, each } => {
                if Self::has(self.concept_postings(concept), ordinal) {
                    return self
                        .by_concept(words, concept, ordinal, language)
                        .into_iter()
                        .collect();
                }
                each.iter()
                    .filter_map(|(word, sources)| {
                        self.explain_word(word, sources, &BTreeSet::new(), ordinal, language)
                    })
                    .collect()
            }
        }
    }

    /// The best way one word matched the case: the forms of its best
    /// sources, or the first of its concepts the case has.
    fn explain_word(
        &self,
        word: &str,
        sources: &[Source],
        concepts: &BTreeSet<String>,
        ordinal: u32,
        language: &str,
    ) -> Option<Matched> {
        let found = || {
            sources.iter().filter(|source| {
                source
                    .keys
                    .iter()
                    .any(|key| Self::has(self.postings(key), ordinal))
            })
        };
        let best = found().map(|source| source.via).min();
        let concept = concepts
            .iter()
            .find(|concept| Self::has(self.concept_postings(concept), ordinal));
        if let Some(concept) = concept
            && best.is_none_or(|via| via > Via::Concept)
        {
            return self.by_concept(word, concept, ordinal, language);
        }
        let via = best?;
        let forms: BTreeSet<String> = found()
            .filter(|source| source.via == via)
            .map(|source| source.form.clone())
            .collect();
        Some(Matched {
            word: word.to_string(),
            via,
            concept: None,
            label: None,
            forms: forms.into_iter().collect(),
        })
    }

    /// A match through a concept: its name, and its variants the case has.
    fn by_concept(&self, word: &str, concept: &str, ordinal: u32, language: &str) -> Option<Matched> {
        let entry = self.entry(&format!("{CONCEPT_PREFIX}{concept}"))?;
        let label = entry
            .labels
            .get(language)
            .or_else(|| entry.labels.get("en"))
            .map_or(concept, String::as_str);
        let forms = entry
            .variants
            .iter()
            .filter(|(_, ordinals)| ordinals.binary_search(&ordinal).is_ok())
            .map(|(form, _)| form.clone())
            .collect();
        Some(Matched {
            word: word.to_string(),
            via: Via::Concept,
            concept: Some(concept.to_string()),
            label: Some(label.to_string()),
            forms,
        })
    }

    /// Run a query; concepts are named in English.
    pub fn search(&self, query: &str, filters: &Filters) -> Results {
        self.search_in(query, filters, "en")
    }

    /// Run a query, naming the concepts through which cases matched in
    /// `language` (else in English).
    pub fn search_in(&self, query: &str, filters: &Filters, language: &str) -> Results {
        let typed = analysis::words(query);
        let splits: Vec<Option<Vec<String>>> = typed
            .iter()
            .enumerate()
            .map(|(index, word)| self.split_unknown(word, index + 1 == typed.len()))
            .collect();
        let words: Vec<String> = typed
            .iter()
            .zip(&splits)
            .flat_map(|(word, parts)| parts.clone().unwrap_or_else(|| vec![word.clone()]))
            .collect();
        let resolved: Vec<(Word, Match)> = words
            .iter()
            .enumerate()
            .map(|(index, word)| self.resolve(word, index + 1 == words.len()))
            .collect();
        let understood: Vec<(&str, Word)> = words
            .iter()
            .zip(&resolved)
            .map(|(text, (word, _))| (text.as_str(), word.clone()))
            .collect();
        let mut units = self.units(&understood);
        for unit in &mut units {
            unit.scores.retain(|ordinal, _| self.allowed(*ordinal, filters));
        }
        let (mut hits, all_words) = rank(&units);
        for hit in &mut hits {
            hit.matched = units
                .iter()
                .filter(|unit| unit.scores.contains_key(&hit.ordinal))
                .flat_map(|unit| self.explain(&unit.explain, hit.ordinal, language))
                .collect();
        }
        let mut understood = resolved.into_iter().map(|(_, how)| how);
        let words = typed
            .into_iter()
            .zip(splits)
            .map(|(word, parts)| match parts {
                Some(parts) => {
                    understood.nth(parts.len() - 1);
                    (word, Match::Split { words: parts })
                }
                None => (word, understood.next().unwrap_or(Match::None)),
            })
            .collect();
        Results {
            hits,
            all_words,
            words,
        }
    }

    /// The parts of a query word that no case, spelling or concept has,
    /// when it is a compound of words cases have ([`analysis::split_typed`]):
    /// "socialtjänstsamverkan" finds "samverkan inom socialtjänsten". Not
    /// the last word while it may still be being typed, that is while
    /// longer words begin with it.
    fn split_unknown(&self, word: &str, last: bool) -> Option<Vec<String>> {
        // A stem has postings under its own text, without being a form.
        let stem = |entry: &Entry| entry.postings.keys().any(|analyzer| analyzer != CONCEPT);
        let known = |text: &str| {
            self.entry(text).is_some_and(|entry| {
                entry.stop
                    || stem(entry)
                    || !entry.forms.is_empty()
                    || !entry.folded.is_empty()
                    || !entry.phrases.is_empty()
            })
        };
        if known(word) || known(&analysis::fold(word)) {
            return None;
        }
        if last
            && self
                .shard_of(word)
                .any(|(key, entry)| key.starts_with(word) && !entry.forms.is_empty())
        {
            return None;
        }
        analysis::split_typed(word, &|part| {
            self.entry(part).is_some_and(|entry| {
                !entry.stop && (stem(entry) || !entry.forms.is_empty() || !entry.folded.is_empty())
            })
        })
    }

    /// The query's units, each a word or a thesaurus phrase of several
    /// words: the scores of the cases each matches. A function word makes
    /// no unit of its own, unless the query has nothing else.
    fn units(&self, understood: &[(&str, Word)]) -> Vec<Unit> {
        let words: Vec<&Word> = understood.iter().map(|(_, word)| word).collect();
        let only_stop_words = words.iter().all(|word| word.stop);
        let mut units = Vec::new();
        let mut index = 0;
        while index < words.len() {
            let word = words[index];
            let longest = self
                .phrases_from(word.all())
                .filter(|(_, phrase)| phrase.len() > 1 && index + phrase.len() <= words.len())
                .filter(|(_, phrase)| {
                    phrase
                        .iter()
                        .enumerate()
                        .all(|(j, key)| words[index + j].has(key))
                })
                .max_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| b.0.cmp(a.0)));
            let mut scores;
            let mut strong: BTreeSet<u32>;
            let explain;
            if let Some((concept, phrase)) = longest {
                let span = phrase.len();
                let spanned = &understood[index..index + span];
                explain = Explain::Phrase {
                    words: spanned
                        .iter()
                        .map(|(text, _)| *text)
                        .collect::<Vec<_>>()
                        .join(" "),
                    concept: concept.clone(),
                    each: spanned
                        .iter()
                        .map(|(text, word)| (text.to_string(), word.sources.clone()))
                        .collect(),
                };
                // Matched by the concept, or by all of its words.
                let mut all_words: Option<BTreeMap<u32, u64>> = None;
                for word in &words[index..index + span] {
                    let word = self.word_scores(word);
                    all_words = Some(match all_words {
                        None => word,
                        Some(so_far) => so_far
                            .into_iter()
                            .filter_map(|(ordinal, score)| {
                                word.get(&ordinal).map(|more| (ordinal, score + more))
                            })
                            .collect(),
                    });
                }
                scores = all_words.unwrap_or_default();
                Self::add(&mut scores, self.concept_postings(concept));
                strong = scores.keys().copied().collect();
                index += span;
            } else if word.stop && !only_stop_words {
                index += 1;
                continue;
            } else {
                scores = self.word_scores(word);
                strong = self.word_strong(word);
                let concepts: BTreeSet<&String> = self
                    .phrases_from(word.keys.iter().chain(&word.folded))
                    .filter(|(_, phrase)| phrase.len() == 1)
                    .map(|(concept, _)| concept)
                    .collect();
                for concept in &concepts {
                    let postings = self.concept_postings(concept);
                    Self::add(&mut scores, postings);
                    strong.extend(postings.iter().map(|(ordinal, _)| *ordinal));
                }
                explain = Explain::Word {
                    word: understood[index].0.to_string(),
                    sources: word.sources.clone(),
                    concepts: concepts.into_iter().cloned().collect(),
                };
                index += 1;
            }
            units.push(Unit {
                scores,
                strong,
                explain,
            });
        }
        units
    }
}

/// What one unit of a query matches: each case's score, the cases it
/// matches in full (by a word's own keys, a phrase or a concept, not only
/// by another spelling or a longer word), and how to say what matched.
#[derive(Debug, Clone)]
struct Unit {
    scores: BTreeMap<u32, u64>,
    strong: BTreeSet<u32>,
    explain: Explain,
}

/// How a unit reaches cases, to say per case what matched.
#[derive(Debug, Clone)]
enum Explain {
    /// One word: its sources, and the concepts it is a one-word variant or
    /// head word of.
    Word {
        word: String,
        sources: Vec<Source>,
        concepts: BTreeSet<String>,
    },
    /// A thesaurus phrase: its concept, else each of its words.
    Phrase {
        words: String,
        concept: String,
        each: Vec<(String, Vec<Source>)>,
    },
}

/// One query word as understood: the keys it matches, by weight.
#[derive(Debug, Clone, Default)]
struct Word {
    /// Its own keys, in full; their concepts count.
    keys: BTreeSet<String>,
    /// The keys of its other spellings (diacritics folded), at half, when
    /// it has keys of its own; their concepts count.
    folded: BTreeSet<String>,
    /// The keys of the longer words a complete last word begins and of
    /// the parts of a compound, at half; their concepts do not count.
    longer: BTreeSet<String>,
    /// A function word.
    stop: bool,
    /// Where its keys come from, to say what matched a case.
    sources: Vec<Source>,
}

impl Word {
    fn has(&self, key: &String) -> bool {
        self.keys.contains(key) || self.folded.contains(key) || self.longer.contains(key)
    }

    fn all(&self) -> impl Iterator<Item = &String> {
        self.keys.iter().chain(&self.folded).chain(&self.longer)
    }
}

/// The hits: every case that matches enough of the units, by how many it
/// matches, then by how many of them in full (so that a word's own form
/// ranks above its other spellings and the longer words it begins), then
/// by its total score, then by ordinal. Enough is all of a query of up to
/// three units, and all but one in four of a longer one ("how do small
/// municipalities share a social worker"); units no case matches (a word
/// not in the catalogue) do not count. When no case matches enough, any
/// unit will do. Also whether the first hit matches every unit.
fn rank(units: &[Unit]) -> (Vec<Hit>, bool) {
    // ordinal → (units matched, of them in full, total score)
    let mut found: BTreeMap<u32, (usize, usize, u64)> = BTreeMap::new();
    for unit in units {
        for (ordinal, score) in &unit.scores {
            let (count, full, sum) = found.entry(*ordinal).or_default();
            *count += 1;
            *full += usize::from(unit.strong.contains(ordinal));
            *sum += score;
        }
    }
    let live = units.iter().filter(|unit| !unit.scores.is_empty()).count();
    let enough = live - live / 4;
    let hit = |(ordinal, (count, full, score)): (&u32, &(usize, usize, u64))| {
        (
            *count,
            *full,
            Hit {
                ordinal: *ordinal,
                score: *score,
                matched: Vec::new(),
            },
        )
    };
    let mut hits: Vec<(usize, usize, Hit)> = found
        .iter()
        .filter(|(_, (count, _, _))| *count >= enough)
        .map(hit)
        .collect();
    if hits.is_empty() {
        hits = found.iter().map(hit).collect();
    }
    hits.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(b.2.score.cmp(&a.2.score))
            .then(a.2.ordinal.cmp(&b.2.ordinal))
    });
    let all_words = hits.first().is_none_or(|(count, _, _)| *count == units.len());
    (hits.into_iter().map(|(_, _, hit)| hit).collect(), all_words)
}

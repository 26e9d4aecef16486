//! The query engine: words → keys → units → scored cases.
//!
//! This is the reference implementation of search: the browser client
//! (`themes/default/static/search.js`) follows it step by step over the
//! exported shards, and a test checks that both return the same cases in
//! the same order. Scores are integers (thousandths of tantivy's BM25), so
//! sums are exact on both sides.
//!
//! 1. The query is split into lowercase words.
//! 2. Each word maps to keys (`analyzer:stem`) through the vocabulary, and
//!    each stem to the same stem in every other analyzer that has it. The
//!    last word, if it has at least 3 letters, also stands for the longer
//!    vocabulary words it begins (results as you type). A word that matches
//!    nothing so far matches the nearest words within edit distance 1 (2 for
//!    words of 8 letters or more). Prefix and typo matching look only
//!    inside the word's own export shard.
//! 3. Consecutive words that form a thesaurus variant become one phrase
//!    unit, matched by the concept or by all its words; any other word is a
//!    unit matched by any of its keys or by the concepts it is a one-word
//!    variant of.
//! 4. A case must match every unit; if none does, any unit will do.
//! 5. Cases are ranked by the sum of their scores, then by ordinal.

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
}

/// How a query word was understood.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Match {
    Exact,
    Prefix { words: Vec<String> },
    Typo { words: Vec<String> },
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub ordinal: u32,
    /// Thousandths of BM25.
    pub score: u64,
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

    /// The keys of one query word, and how it was matched.
    fn resolve(&self, word: &str, last: bool) -> (BTreeSet<String>, Match) {
        let (keys, how) = self.resolve_in_vocabulary(word, last);
        (self.across_languages(keys), how)
    }

    fn resolve_in_vocabulary(&self, word: &str, last: bool) -> (BTreeSet<String>, Match) {
        let exact = self
            .entry(word)
            .map(|entry| Self::exact_keys(word, entry))
            .unwrap_or_default();
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
        let longer_keys = longer.iter().flat_map(|(_, entry)| Self::keys_of(entry));
        if !exact.is_empty() {
            return (exact.into_iter().chain(longer_keys).collect(), Match::Exact);
        }
        if !longer.is_empty() {
            let words = longer.iter().map(|(key, _)| (*key).clone()).collect();
            return (longer_keys.collect(), Match::Prefix { words });
        }
        let limit = if word.chars().count() >= 8 { 2 } else { 1 };
        let mut near: Vec<(usize, &String, &Entry)> = self
            .shard_of(word)
            .filter(|(_, entry)| !entry.forms.is_empty())
            .filter_map(|(key, entry)| {
                let distance = strsim::levenshtein(word, key);
                (distance <= limit).then_some((distance, key, entry))
            })
            .collect();
        near.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        near.truncate(MAX_TYPO_WORDS);
        if near.is_empty() {
            return (BTreeSet::new(), Match::None);
        }
        let keys = near
            .iter()
            .flat_map(|(_, _, entry)| Self::keys_of(entry))
            .collect();
        (
            keys,
            Match::Typo {
                words: near.iter().map(|(_, key, _)| (*key).clone()).collect(),
            },
        )
    }

    /// Thesaurus variants starting with one of `keys`: (concept, keys).
    fn phrases_from<'a>(
        &'a self,
        keys: &'a BTreeSet<String>,
    ) -> impl Iterator<Item = (&'a String, &'a Vec<String>)> {
        keys.iter().flat_map(move |key| {
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

    fn word_scores(&self, keys: &BTreeSet<String>) -> BTreeMap<u32, u64> {
        let mut scores = BTreeMap::new();
        for key in keys {
            Self::add(&mut scores, self.postings(key));
        }
        scores
    }

    fn concept_postings(&self, concept: &str) -> &[(u32, u32)] {
        self.entry(&format!("{CONCEPT_PREFIX}{concept}"))
            .and_then(|entry| entry.postings.get(CONCEPT))
            .map_or(&[], Vec::as_slice)
    }

    fn allowed(&self, ordinal: u32, filters: &Filters) -> bool {
        let Some(facets) = self.facets.get(ordinal as usize) else {
            return false;
        };
        filters
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

    /// Run a query.
    pub fn search(&self, query: &str, filters: &Filters) -> Results {
        let words = analysis::words(query);
        let resolved: Vec<(BTreeSet<String>, Match)> = words
            .iter()
            .enumerate()
            .map(|(index, word)| self.resolve(word, index + 1 == words.len()))
            .collect();
        let mut units = self.units(&resolved);
        for unit in &mut units {
            unit.retain(|ordinal, _| self.allowed(*ordinal, filters));
        }
        let (totals, all_words) = totals(&units);
        let mut hits: Vec<Hit> = totals
            .into_iter()
            .map(|(ordinal, score)| Hit { ordinal, score })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.ordinal.cmp(&b.ordinal)));
        Results {
            hits,
            all_words,
            words: words
                .into_iter()
                .zip(resolved.into_iter().map(|(_, how)| how))
                .collect(),
        }
    }

    /// The query's units, each a word or a thesaurus phrase of several
    /// words: the scores of the cases each matches.
    fn units(&self, resolved: &[(BTreeSet<String>, Match)]) -> Vec<BTreeMap<u32, u64>> {
        let mut units = Vec::new();
        let mut index = 0;
        while index < resolved.len() {
            let keys = &resolved[index].0;
            let longest = self
                .phrases_from(keys)
                .filter(|(_, phrase)| phrase.len() > 1 && index + phrase.len() <= resolved.len())
                .filter(|(_, phrase)| {
                    phrase
                        .iter()
                        .enumerate()
                        .all(|(j, key)| resolved[index + j].0.contains(key))
                })
                .max_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| b.0.cmp(a.0)));
            let mut scores;
            if let Some((concept, phrase)) = longest {
                let span = phrase.len();
                // Matched by the concept, or by all of its words.
                let mut all_words: Option<BTreeMap<u32, u64>> = None;
                for (keys, _) in &resolved[index..index + span] {
                    let word = self.word_scores(keys);
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
                index += span;
            } else {
                scores = self.word_scores(keys);
                let concepts: BTreeSet<&String> = self
                    .phrases_from(keys)
                    .filter(|(_, phrase)| phrase.len() == 1)
                    .map(|(concept, _)| concept)
                    .collect();
                for concept in concepts {
                    Self::add(&mut scores, self.concept_postings(concept));
                }
                index += 1;
            }
            units.push(scores);
        }
        units
    }
}

/// Every case's total over the units, if it matches them all; when none
/// does, over any (and `false`: not all words matched).
fn totals(units: &[BTreeMap<u32, u64>]) -> (BTreeMap<u32, u64>, bool) {
    let mut totals: BTreeMap<u32, u64> = match units.split_first() {
        None => BTreeMap::new(),
        Some((first, rest)) => first
            .iter()
            .filter_map(|(ordinal, score)| {
                rest.iter()
                    .try_fold(*score, |sum, unit| unit.get(ordinal).map(|more| sum + more))
                    .map(|sum| (*ordinal, sum))
            })
            .collect(),
    };
    if totals.is_empty() && units.len() > 1 {
        for unit in units {
            for (ordinal, score) in unit {
                *totals.entry(*ordinal).or_default() += score;
            }
        }
        return (totals, false);
    }
    (totals, true)
}

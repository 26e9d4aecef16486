//! Cutting the search entries into shards: the browser fetches one shard
//! per query word, so the entries are cut in key order into pieces of
//! about [`SHARD_BYTES`] of JSON each. The index records where each shard
//! starts (the engine looks for a word's prefix and typos inside its own
//! shard, like the browser); the export writes them, each entry as
//! [`entry_json`] gives it.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use super::index::{CONCEPT_PREFIX, Entry};

/// The target raw size of a shard of the static export.
pub const SHARD_BYTES: usize = 16 * 1024;

/// One entry as the browser reads it: `{ "v": [[analyzer, stem]], "p": {
/// analyzer: [ordinal deltas, scores] }, "ph": [[concept, [keys]]], "f":
/// [[analyzer, stem]], "s": 1, "c": [parts], "l": { language: label },
/// "w": [[form, [ordinal deltas]]] }` (`f`: the forms of its other
/// spellings; `s`: a function word; `c`: a compound's parts; `l` and `w`:
/// a concept's names and the variants its cases have, with those cases).
pub fn entry_json(entry: &Entry) -> Value {
    let mut object = serde_json::Map::new();
    let pairs = |forms: &std::collections::BTreeSet<(String, String)>| {
        json!(
            forms
                .iter()
                .map(|(a, s)| [a.as_str(), s.as_str()])
                .collect::<Vec<_>>()
        )
    };
    if !entry.forms.is_empty() {
        object.insert("v".into(), pairs(&entry.forms));
    }
    if !entry.postings.is_empty() {
        let postings: serde_json::Map<String, Value> = entry
            .postings
            .iter()
            .map(|(analyzer, list)| {
                let deltas = deltas(list.iter().map(|(ordinal, _)| *ordinal));
                let scores: Vec<u32> = list.iter().map(|(_, score)| *score).collect();
                (analyzer.clone(), json!([deltas, scores]))
            })
            .collect();
        object.insert("p".into(), Value::Object(postings));
    }
    if !entry.phrases.is_empty() {
        object.insert("ph".into(), json!(entry.phrases.iter().collect::<Vec<_>>()));
    }
    if !entry.folded.is_empty() {
        object.insert("f".into(), pairs(&entry.folded));
    }
    if entry.stop {
        object.insert("s".into(), json!(1));
    }
    if !entry.parts.is_empty() {
        object.insert("c".into(), json!(entry.parts));
    }
    if !entry.labels.is_empty() {
        object.insert("l".into(), json!(entry.labels));
    }
    if !entry.variants.is_empty() {
        let variants: Vec<Value> = entry
            .variants
            .iter()
            .map(|(form, ordinals)| json!([form, deltas(ordinals.iter().copied())]))
            .collect();
        object.insert("w".into(), Value::Array(variants));
    }
    Value::Object(object)
}

/// Ascending ordinals as the differences between neighbours, which
/// write shorter.
fn deltas(ordinals: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut previous = 0;
    ordinals
        .map(|ordinal| {
            let delta = ordinal.saturating_sub(previous);
            previous = ordinal;
            delta
        })
        .collect()
}

/// The first key of each shard: entries are taken in key order until their
/// JSON reaches [`SHARD_BYTES`]. A shard does not end between a word and
/// the stems its lookup needs (its forms and its other spellings' forms,
/// usually a few keys before it: `digit` of `digital`), so that a query
/// word costs one fetch; up to [`MAX_SHARD_BYTES`], where it ends anyway.
/// The thesaurus concepts (`~…`), which any word of any language may need,
/// are shards of their own of up to [`MAX_SHARD_BYTES`] (usually one), so
/// that a query costs one fetch per word and one for its concepts.
pub fn cut_shards(entries: &BTreeMap<String, Entry>) -> Vec<String> {
    let apart = words_apart_from_stems(entries);
    // Each entry's size as the export writes it, on every core: written
    // out one by one it was a tenth of a second of one core at 10,000
    // cases, while the other waited.
    let sizes: Vec<usize> = entries
        .par_iter()
        .map(|(key, entry)| key.len() + entry_json(entry).to_string().len() + 4)
        .collect();
    let mut starts = Vec::new();
    let mut size = SHARD_BYTES;
    let mut in_concepts = false;
    for (position, (key, entry_size)) in entries.keys().zip(sizes).enumerate() {
        let parts_a_word = apart.get(position).is_some_and(|&words| words > 0);
        let concept = key.starts_with(CONCEPT_PREFIX);
        let full = if concept { MAX_SHARD_BYTES } else { SHARD_BYTES };
        if concept != in_concepts || size >= MAX_SHARD_BYTES || (size >= full && !parts_a_word) {
            starts.push(key.clone());
            size = 0;
            in_concepts = concept;
        }
        size += entry_size;
    }
    if starts.is_empty() {
        starts.push(String::new());
    }
    starts
}

/// The size at which a shard ends even between a word and its stems.
pub const MAX_SHARD_BYTES: usize = 4 * SHARD_BYTES;

/// A stem further than this many keys from its word is not kept in its
/// shard (a span that long would keep every cut away).
const MAX_SPAN: usize = 64;

/// Per key position, how many (word, stem) pairs a shard starting at that
/// key would put in different shards: a difference array over the spans
/// between each word and the stems it needs.
fn words_apart_from_stems(entries: &BTreeMap<String, Entry>) -> Vec<i64> {
    let keys: Vec<&str> = entries.keys().map(String::as_str).collect();
    let mut change = vec![0i64; keys.len() + 1];
    for (here, entry) in entries.values().enumerate() {
        for (_, stem) in entry.forms.iter().chain(&entry.folded) {
            let Ok(there) = keys.binary_search(&stem.as_str()) else {
                continue;
            };
            let (low, high) = (here.min(there), here.max(there));
            if high > low && high - low <= MAX_SPAN {
                change[low + 1] += 1;
                change[high + 1] -= 1;
            }
        }
    }
    change
        .iter()
        .scan(0, |running, delta| {
            *running += delta;
            Some(*running)
        })
        .collect()
}

/// The number of the shard `key` belongs in.
pub fn shard_of(starts: &[String], key: &str) -> usize {
    starts
        .partition_point(|start| start.as_str() <= key)
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entry of about `bytes` of JSON: postings of as many cases.
    fn entry(forms: &[(&str, &str)], bytes: usize) -> Entry {
        let postings = (0..bytes as u32 / 6).map(|ordinal| (ordinal, 1000)).collect();
        Entry {
            forms: forms
                .iter()
                .map(|(a, s)| (a.to_string(), s.to_string()))
                .collect(),
            postings: [("en".to_string(), postings)].into(),
            ..Entry::default()
        }
    }

    #[test]
    fn a_shard_does_not_end_between_a_word_and_its_stem() {
        let mut entries = BTreeMap::new();
        entries.insert("cases".to_string(), entry(&[("en", "case")], 100));
        entries.insert("case".to_string(), entry(&[("en", "case")], SHARD_BYTES));
        // "digit" fills its shard; "digital" needs it.
        entries.insert("digit".to_string(), entry(&[("en", "digit")], SHARD_BYTES));
        entries.insert("digital".to_string(), entry(&[("en", "digit")], 100));
        entries.insert("digitally".to_string(), entry(&[("en", "digit")], 100));
        entries.insert("door".to_string(), entry(&[("en", "door")], 100));
        let starts = cut_shards(&entries);
        for word in ["cases", "digital", "digitally"] {
            let stem = entries[word].forms.iter().next().map(|(_, stem)| stem.as_str());
            assert_eq!(
                shard_of(&starts, word),
                shard_of(&starts, stem.unwrap_or_default()),
                "{word} in {starts:?}"
            );
        }
        // Where no word needs its neighbour, shards end at their size.
        assert_eq!(starts, ["case", "digit", "door"]);
    }

    #[test]
    fn the_concepts_are_a_shard_of_their_own() {
        let mut entries = BTreeMap::new();
        for word in ["alpha", "beta", "zeta", "ærø", "øst"] {
            entries.insert(word.to_string(), entry(&[("en", word)], 100));
        }
        for concept in ["~a", "~b", "~c"] {
            entries.insert(concept.to_string(), entry(&[], SHARD_BYTES));
        }
        let starts = cut_shards(&entries);
        // Words before and after "~" in key order are in other shards.
        assert_eq!(starts, ["alpha", "~a", "ærø"]);
        // More than the most a shard holds: cut, but still apart from words.
        entries.insert("~d".to_string(), entry(&[], MAX_SHARD_BYTES));
        entries.insert("~e".to_string(), entry(&[], 100));
        let starts = cut_shards(&entries);
        assert_eq!(starts, ["alpha", "~a", "~e", "ærø"]);
    }

    #[test]
    fn a_shard_ends_at_the_most_bytes_even_inside_a_word_family() {
        let mut entries = BTreeMap::new();
        for n in 0..8 {
            entries.insert(format!("kommun{n}"), entry(&[("sv", "kommun0")], SHARD_BYTES));
        }
        let starts = cut_shards(&entries);
        assert!(starts.len() >= 2, "{starts:?}");
    }
}

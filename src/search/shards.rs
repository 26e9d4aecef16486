//! Cutting the search entries into shards: the browser fetches one shard
//! per query word, so the entries are cut in key order into pieces of
//! about [`SHARD_BYTES`] of JSON each. The index records where each shard
//! starts (the engine looks for a word's prefix and typos inside its own
//! shard, like the browser); the export writes them, each entry as
//! [`entry_json`] gives it.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::index::Entry;

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
/// JSON reaches [`SHARD_BYTES`].
pub fn cut_shards(entries: &BTreeMap<String, Entry>) -> Vec<String> {
    let mut starts = Vec::new();
    let mut size = SHARD_BYTES;
    for (key, entry) in entries {
        if size >= SHARD_BYTES {
            starts.push(key.clone());
            size = 0;
        }
        size += key.len() + entry_json(entry).to_string().len() + 4;
    }
    if starts.is_empty() {
        starts.push(String::new());
    }
    starts
}

/// The number of the shard `key` belongs in.
pub fn shard_of(starts: &[String], key: &str) -> usize {
    starts
        .partition_point(|start| start.as_str() <= key)
        .saturating_sub(1)
}

//! The static export of [`SearchData`] into `site/search/`, for the
//! browser client:
//!
//! - `manifest.json`: the number of cases and the first key of each shard;
//! - `shards/<n>.json`: the entries of one key range (about 16 KB raw),
//!   each `{ "v": [[analyzer, stem]], "p": { analyzer: [ordinal deltas,
//!   scores] }, "ph": [[concept, [keys]]] }`, so that one fetch per query
//!   word usually brings its stems and their postings;
//! - `facets.json`: facet values with their labels and, per case, indices
//!   into them;
//! - `cards/<ordinal>.json`: what a result shows.
//!
//! Everything is derived in sorted order, so the bytes are the same on
//! every build.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Value, json};

use super::index::{Entry, SHARD_BYTES, SearchData};
use crate::render::Page;

/// What one result shows.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// `se/digital-colleague`
    pub id: String,
    /// The case page below the site root.
    pub url: String,
    pub title: String,
    pub summary: String,
    pub country: String,
    pub municipalities: Vec<String>,
    pub categories: Vec<String>,
}

/// Facet values with their labels in the site's language.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub countries: Vec<(String, String)>,
    pub categories: Vec<(String, String)>,
    pub service_areas: Vec<(String, String)>,
    pub statuses: Vec<(String, String)>,
    pub size_classes: Vec<(String, String)>,
    /// The one value of the sparse facet, with its label.
    pub sparse: Vec<(String, String)>,
    /// `se/2462` → name
    pub municipalities: BTreeMap<String, String>,
}

fn entry_json(entry: &Entry) -> Value {
    let mut object = serde_json::Map::new();
    if !entry.forms.is_empty() {
        let forms: Vec<[&str; 2]> = entry
            .forms
            .iter()
            .map(|(a, s)| [a.as_str(), s.as_str()])
            .collect();
        object.insert("v".into(), json!(forms));
    }
    if !entry.postings.is_empty() {
        let postings: serde_json::Map<String, Value> = entry
            .postings
            .iter()
            .map(|(analyzer, list)| {
                let mut previous = 0;
                let deltas: Vec<u32> = list
                    .iter()
                    .map(|(ordinal, _)| {
                        let delta = ordinal - previous;
                        previous = *ordinal;
                        delta
                    })
                    .collect();
                let scores: Vec<u32> = list.iter().map(|(_, score)| *score).collect();
                (analyzer.clone(), json!([deltas, scores]))
            })
            .collect();
        object.insert("p".into(), Value::Object(postings));
    }
    if !entry.phrases.is_empty() {
        object.insert("ph".into(), json!(entry.phrases.iter().collect::<Vec<_>>()));
    }
    Value::Object(object)
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

fn json_page(path: String, value: &impl Serialize) -> Page {
    Page {
        path,
        bytes: serde_json::to_vec(value).unwrap_or_default(),
    }
}

/// The index of a value in its label list; `null` in the JSON for a value
/// without a label (validation makes that impossible, but the browser must
/// never mistake it for another value).
fn index_of(values: &[(String, String)], value: &str) -> Option<usize> {
    values.iter().position(|(term, _)| term == value)
}

/// The files of `site/search/`.
/// The parts of the export an edit reached: the shards holding these keys
/// and the cards of these ordinals (the manifest and facets are always
/// exported).
#[derive(Debug, Clone)]
pub struct Changed<'a> {
    pub keys: &'a BTreeSet<String>,
    pub ordinals: &'a BTreeSet<usize>,
    /// Whether the facets of an edited case changed.
    pub facets: bool,
}

/// The number of the shard `key` belongs in.
fn shard_of(starts: &[String], key: &str) -> usize {
    starts
        .partition_point(|start| start.as_str() <= key)
        .saturating_sub(1)
}

/// Every file of the export, or with `only`, the files an edit reached.
/// `card` gives the card of a case by ordinal.
pub fn export(
    data: &SearchData,
    card: &dyn Fn(usize) -> Option<Card>,
    labels: &Labels,
    only: Option<&Changed<'_>>,
) -> Vec<Page> {
    let mut pages = Vec::new();
    let starts = &data.shard_starts;
    let shards: Option<BTreeSet<usize>> =
        only.map(|changed| changed.keys.iter().map(|key| shard_of(starts, key)).collect());
    for (number, start) in starts.iter().enumerate() {
        if shards.as_ref().is_some_and(|shards| !shards.contains(&number)) {
            continue;
        }
        let end = starts.get(number + 1);
        let shard: serde_json::Map<String, Value> = data
            .entries
            .range(start.clone()..)
            .take_while(|(key, _)| end.is_none_or(|end| *key < end))
            .map(|(key, entry)| (key.clone(), entry_json(entry)))
            .collect();
        pages.push(json_page(format!("search/shards/{number}.json"), &shard));
    }
    pages.push(json_page(
        "search/manifest.json".into(),
        &json!({ "version": 1, "cases": data.facets.len(), "shards": starts }),
    ));
    if only.is_none_or(|changed| changed.facets) {
        let municipality_numbers: BTreeMap<&String, usize> = labels
            .municipalities
            .keys()
            .enumerate()
            .map(|(number, key)| (key, number))
            .collect();
        let documents: Vec<Value> = data
            .facets
            .iter()
            .map(|facets| {
                let municipalities: Vec<usize> = facets
                    .municipalities
                    .iter()
                    .filter_map(|key| municipality_numbers.get(key).copied())
                    .collect();
                let numbers = |values: &[String], known: &[(String, String)]| -> Vec<Option<usize>> {
                    values.iter().map(|value| index_of(known, value)).collect()
                };
                let categories = numbers(&facets.categories, &labels.categories);
                let areas = numbers(&facets.service_areas, &labels.service_areas);
                let classes = numbers(&facets.size_classes, &labels.size_classes);
                let sparse: Vec<usize> = if facets.sparse { vec![0] } else { Vec::new() };
                // Columns in the order of the client's FACETS.
                json!([
                    index_of(&labels.countries, &facets.country),
                    municipalities,
                    categories,
                    areas,
                    index_of(&labels.statuses, &facets.status),
                    classes,
                    sparse
                ])
            })
            .collect();
        pages.push(json_page(
            "search/facets.json".into(),
            &json!({
                "country": labels.countries,
                "municipality": labels.municipalities.iter().collect::<Vec<_>>(),
                "category": labels.categories,
                "service_area": labels.service_areas,
                "status": labels.statuses,
                "size_class": labels.size_classes,
                "sparse": labels.sparse,
                "cases": documents,
            }),
        ));
    }
    let ordinals: Vec<usize> = match only {
        Some(changed) => changed.ordinals.iter().copied().collect(),
        None => (0..data.facets.len()).collect(),
    };
    for ordinal in ordinals {
        if let Some(card) = card(ordinal) {
            pages.push(json_page(format!("search/cards/{ordinal}.json"), &card));
        }
    }
    pages
}

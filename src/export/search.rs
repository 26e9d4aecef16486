//! The search files: the static export of [`SearchData`] into
//! `site/search/`, for the browser client:
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

use anyhow::Context as _;
use serde::Serialize;
use serde_json::{Value, json};

use crate::config::{Config, Vocabulary};
use crate::model::{Case, Catalogue};
use crate::output::Page;
use crate::render::Strings;
use crate::render::urls::{self, SitePath};
use crate::search::SearchData;
use crate::search::shards::{entry_json, shard_of};

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

/// One file of the export. Serialising the export's values (strings,
/// numbers and string-keyed maps) cannot fail; should it, the build fails
/// rather than publish an empty file.
fn json_page(path: &SitePath, value: &impl Serialize) -> anyhow::Result<Page> {
    let bytes = serde_json::to_vec(value).with_context(|| format!("could not write {}", path.as_str()))?;
    Ok(Page {
        path: path.file(),
        bytes,
    })
}

/// The index of a value in its label list; `null` in the JSON for a value
/// without a label (validation makes that impossible, but the browser must
/// never mistake it for another value).
fn index_of(values: &[(String, String)], value: &str) -> Option<usize> {
    values.iter().position(|(term, _)| term == value)
}

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

/// Every file of the export, or with `only`, the files an edit reached.
/// `card` gives the card of a case by ordinal.
pub fn export(
    data: &SearchData,
    card: &dyn Fn(usize) -> Option<Card>,
    labels: &Labels,
    only: Option<&Changed<'_>>,
) -> anyhow::Result<Vec<Page>> {
    let mut pages = shards(data, only)?;
    pages.push(json_page(
        &urls::search_manifest(),
        &json!({ "version": 1, "cases": data.facets.len(), "shards": data.shard_starts }),
    )?);
    if only.is_none_or(|changed| changed.facets) {
        pages.push(json_page(&urls::search_facets(), &facets(data, labels))?);
    }
    let ordinals: Vec<usize> = match only {
        Some(changed) => changed.ordinals.iter().copied().collect(),
        None => (0..data.facets.len()).collect(),
    };
    for ordinal in ordinals {
        if let Some(card) = card(ordinal) {
            pages.push(json_page(&urls::search_card(ordinal), &card)?);
        }
    }
    Ok(pages)
}

/// The shards, or with `only`, those holding the changed keys.
fn shards(data: &SearchData, only: Option<&Changed<'_>>) -> anyhow::Result<Vec<Page>> {
    let starts = &data.shard_starts;
    let wanted: Option<BTreeSet<usize>> =
        only.map(|changed| changed.keys.iter().map(|key| shard_of(starts, key)).collect());
    let mut pages = Vec::new();
    for (number, start) in starts.iter().enumerate() {
        if wanted.as_ref().is_some_and(|wanted| !wanted.contains(&number)) {
            continue;
        }
        let end = starts.get(number + 1);
        let shard: serde_json::Map<String, Value> = data
            .entries
            .range(start.clone()..)
            .take_while(|(key, _)| end.is_none_or(|end| *key < end))
            .map(|(key, entry)| (key.clone(), entry_json(entry)))
            .collect();
        pages.push(json_page(&urls::search_shard(number), &shard)?);
    }
    Ok(pages)
}

/// `facets.json`: every facet's values with their labels, and per case
/// the indices of its values.
fn facets(data: &SearchData, labels: &Labels) -> Value {
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
    json!({
        "country": labels.countries,
        "municipality": labels.municipalities.iter().collect::<Vec<_>>(),
        "category": labels.categories,
        "service_area": labels.service_areas,
        "status": labels.statuses,
        "size_class": labels.size_classes,
        "sparse": labels.sparse,
        "cases": documents,
    })
}

/// A term's label in `language` (its id if the vocabulary lacks it).
fn label(config: &Config, language: &str, vocabulary: Vocabulary, term: &str) -> String {
    config
        .term(vocabulary, term)
        .map_or_else(|| term.to_string(), |t| t.label(language).to_string())
}

/// The search result card of one case, in `language`.
pub fn card(config: &Config, language: &str, case: &Case) -> Card {
    Card {
        id: case.id(),
        url: urls::case(case, language).as_str().to_string(),
        title: case.title.clone(),
        summary: case.summary.clone(),
        country: label(config, language, Vocabulary::Countries, &case.country),
        municipalities: case.municipalities.iter().map(|m| m.name.clone()).collect(),
        categories: case
            .categories
            .iter()
            .map(|c| label(config, language, Vocabulary::Categories, c))
            .collect(),
    }
}

/// The facet values' labels in `language`.
pub fn labels(catalogue: &Catalogue, language: &str, strings: &Strings) -> Labels {
    let config = &catalogue.config;
    let terms = |vocabulary| -> Vec<(String, String)> {
        config
            .terms(vocabulary)
            .iter()
            .map(|term| (term.id().to_string(), term.label(language).to_string()))
            .collect()
    };
    let sparse_label = strings
        .get("sparse_label")
        .cloned()
        .unwrap_or_else(|| "sparse_label".to_string());
    Labels {
        countries: terms(Vocabulary::Countries),
        categories: terms(Vocabulary::Categories),
        service_areas: terms(Vocabulary::ServiceAreas),
        statuses: terms(Vocabulary::Statuses),
        size_classes: config
            .size_classes
            .iter()
            .map(|class| (class.id().to_string(), class.label(language).to_string()))
            .collect(),
        sparse: vec![("sparsely-populated".to_string(), sparse_label)],
        municipalities: catalogue
            .cases
            .iter()
            .flat_map(|case| &case.municipalities)
            .map(|m| {
                (
                    format!("{}/{}", m.territory.to_lowercase(), m.code),
                    m.name.clone(),
                )
            })
            .collect(),
    }
}

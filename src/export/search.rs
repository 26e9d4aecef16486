//! The search files: the static export of [`SearchData`] into
//! `site/search/`, for the browser client:
//!
//! - `manifest.json`: the number of cases and the first key of each shard;
//! - `shards/<n>.json`: the entries of one key range (about 16 KB raw),
//!   each `{ "v": [[analyzer, stem]], "p": { analyzer: [ordinal deltas,
//!   scores] }, "ph": [[concept, [keys]]] }`, so that one fetch per query
//!   word usually brings its stems and their postings;
//! - `facets.json`: per facet, per case, the indices of its values into
//!   the lists of `browse.json`, and under `studies` the country and
//!   category (theme) columns of the studies of the research mapping,
//!   whose ordinals follow the cases' (a document's type is its ordinal's
//!   side of the number of cases, so it costs no bytes); the
//!   municipality and body columns, most
//!   of its bytes at scale, are in `places.json`, which the page fetches
//!   only for a place filter or when a hand reaches for one;
//! - `cards/<ordinal>.json`: what a result shows;
//! - `browse.json`: what the page shows before any word or filter, so that
//!   its first state does not need `facets.json`: every facet value with
//!   its label and its count over all cases (the `type` facet, good
//!   example or study, when there are studies), the number of studies,
//!   and the ordinals of the
//!   [`BROWSE_FIRST`] most recently reviewed cases; one per language of
//!   the site (`browse.sv.json`), the only file whose text depends on it;
//! - `sort/reviewed.json`, `sort/started.json`: every ordinal, most
//!   recently reviewed (started) first; `sort/title.json` (and
//!   `title.sv.json` for each other language of the site): the titles by
//!   ordinal, studies' after cases', which the browser sorts in the page's
//!   language. Each is
//!   fetched only when the listing is sorted by it.
//!
//! Everything is derived in sorted order, so the bytes are the same on
//! every build.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use crate::config::Vocabulary;
use crate::model::{Case, Catalogue};
use crate::output::{Page, PageSink};
use crate::render::Strings;
use crate::render::urls::{self, SitePath};
use crate::search::SearchData;
use crate::search::index::CaseFacets;
use crate::search::shards::{entry_json, shard_of};

/// What one result shows, the same for every language of the site: the
/// page shows the country and categories by the labels of its language's
/// `browse.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// `se/digital-colleague`
    pub id: String,
    /// The case page below the site root, in the default language (each
    /// other language's is below its folder).
    pub url: String,
    pub title: String,
    pub summary: String,
    /// The country term (`SE`); a study has [`StudyCard::countries`].
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country: String,
    pub municipalities: Vec<String>,
    /// The co-operation bodies of a case that names no municipality (a
    /// regional authority serving all of its members), so that its card
    /// says where it runs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<String>,
    /// The category terms (a study's themes).
    pub categories: Vec<String>,
    /// Of a study: `study`, and its authors, year and kind; a case's card
    /// has none of these.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study: Option<StudyCard>,
    /// The title and summary a page in another language shows instead of
    /// the English ones (a translation, or the local title in the case's
    /// own language), by language; absent where a page shows the English.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub localised: BTreeMap<String, Localised>,
}

/// What a study's card shows beside its title and summary.
#[derive(Debug, Clone, Serialize)]
pub struct StudyCard {
    pub authors: Vec<String>,
    pub year: i32,
    /// One of [`crate::research::KINDS`].
    pub kind: String,
    /// Country terms.
    pub countries: Vec<String>,
    /// The language of its title, when not English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// A card's title and summary on a page in one language, each with the
/// language it is written in.
#[derive(Debug, Clone, Serialize)]
pub struct Localised {
    pub title: String,
    pub title_lang: String,
    pub summary: String,
    pub summary_lang: String,
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
    pub cooperation: Vec<(String, String)>,
    /// The co-operation bodies named by cases: id → name.
    pub bodies: BTreeMap<String, String>,
    /// `case` and `study` with their labels, when there are studies.
    pub types: Vec<(String, String)>,
    /// Each case's title as the language's pages show it, then each
    /// study's, by ordinal: what the listing sorts by title.
    pub titles: Vec<String>,
}

/// How many of the most recently reviewed cases `browse.json` lists: one
/// page of search.js's listing.
pub const BROWSE_FIRST: usize = 20;

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

/// The parts of the export an edit reached: the cards of these ordinals
/// (the manifest and facets are always exported).
#[derive(Debug, Clone)]
pub struct Changed<'a> {
    pub ordinals: &'a BTreeSet<usize>,
    /// Whether the facets or dates of an edited case changed.
    pub facets: bool,
    /// Whether the title of an edited case changed in some language.
    pub titles: bool,
}

/// Every file of the export, or with `only`, the files an edit reached.
/// `card` gives the card of a case by ordinal; `labels` are the facet
/// values' labels in each language of the site, the default first (which
/// has `browse.json`; `sv` has `browse.sv.json`), needed only when the
/// facets or titles are to be written.
///
/// The shards are not among them ([`write_shards`]). The cards, most of
/// the rest's bytes, are written through `sink` as they are made, on
/// every core, rather than held until all are made; the smaller files are
/// returned for the caller to write. Returns those and the number of
/// files written.
pub fn export(
    data: &SearchData,
    card: &(dyn Fn(usize) -> Option<Card> + Sync),
    labels: &[(String, Labels)],
    only: Option<&Changed<'_>>,
    sink: PageSink<'_>,
) -> anyhow::Result<(Vec<Page>, usize)> {
    let mut pages = Vec::new();
    pages.push(json_page(
        &urls::search_manifest(),
        &json!({ "version": 1, "cases": data.facets.len(), "shards": data.shard_starts }),
    )?);
    if only.is_none_or(|changed| changed.facets) {
        let Some((_, default_labels)) = labels.first() else {
            anyhow::bail!("the site has no language to export the search labels in");
        };
        // The values are in the same order in every language: the facets
        // are the same for all.
        pages.push(json_page(
            &urls::search_facets(),
            &facets(data, default_labels, false),
        )?);
        pages.push(json_page(
            &urls::search_places(),
            &facets(data, default_labels, true),
        )?);
        let reviewed = order(data, |facets| &facets.reviewed);
        for (index, (language, labels)) in labels.iter().enumerate() {
            let file = if index == 0 { None } else { Some(language.as_str()) };
            pages.push(json_page(
                &urls::search_browse(file),
                &browse(data, labels, &reviewed),
            )?);
        }
        pages.push(json_page(&urls::search_sort("reviewed"), &reviewed)?);
        pages.push(json_page(
            &urls::search_sort("started"),
            &order(data, |facets| &facets.started),
        )?);
    }
    if only.is_none_or(|changed| changed.facets || changed.titles) {
        // Sorted by title, each language's page sorts the titles it shows.
        for (index, (language, labels)) in labels.iter().enumerate() {
            let key = if index == 0 {
                "title".to_string()
            } else {
                format!("title.{language}")
            };
            pages.push(json_page(&urls::search_sort(&key), &labels.titles)?);
        }
    }
    let ordinals: Vec<usize> = match only {
        Some(changed) => changed.ordinals.iter().copied().collect(),
        None => (0..data.documents()).collect(),
    };
    let written = ordinals
        .into_par_iter()
        .map(|ordinal| match card(ordinal) {
            Some(card) => sink(&json_page(&urls::search_card(ordinal), &card)?).map(|()| 1),
            None => Ok(0),
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok((pages, written))
}

/// Write the shards, or with `only`, those holding these keys; returns
/// how many. The shards are most of the export's bytes (200 MB at
/// 100,000 cases of real length): each is written through `sink` as it
/// is made, on every core.
pub fn write_shards(
    data: &SearchData,
    only: Option<&BTreeSet<String>>,
    sink: PageSink<'_>,
) -> anyhow::Result<usize> {
    let starts = &data.shard_starts;
    let wanted: Option<BTreeSet<usize>> =
        only.map(|keys| keys.iter().map(|key| shard_of(starts, key)).collect());
    // On every core: the whole vocabulary goes through `entry_json` here.
    starts
        .par_iter()
        .enumerate()
        .filter(|(number, _)| wanted.as_ref().is_none_or(|wanted| wanted.contains(number)))
        .map(|(number, start)| {
            let end = starts.get(number + 1);
            let shard: serde_json::Map<String, Value> = data
                .entries
                .range(start.clone()..)
                .take_while(|(key, _)| end.is_none_or(|end| *key < end))
                .map(|(key, entry)| (key.clone(), entry_json(entry)))
                .collect();
            sink(&json_page(&urls::search_shard(number), &shard)?).map(|()| 1)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

/// Every ordinal, the greatest key (an ISO date) first; equal keys in
/// catalogue order.
fn order(data: &SearchData, key: impl Fn(&CaseFacets) -> &String) -> Vec<usize> {
    let mut ordinals: Vec<usize> = (0..data.facets.len()).collect();
    ordinals.sort_by(|&a, &b| key(&data.facets[b]).cmp(key(&data.facets[a])).then(a.cmp(&b)));
    ordinals
}

/// The numbers of the keys of a map, in its order.
fn numbers(map: &BTreeMap<String, String>) -> BTreeMap<&String, usize> {
    map.keys()
        .enumerate()
        .map(|(number, key)| (key, number))
        .collect()
}

/// The value lists of `facets.json`, by facet name, in the order of the
/// columns of each case (the client's FACETS).
fn value_lists(labels: &Labels) -> Vec<(&'static str, Vec<(&String, &String)>)> {
    fn pairs(values: &[(String, String)]) -> Vec<(&String, &String)> {
        values.iter().map(|(value, label)| (value, label)).collect()
    }
    vec![
        ("country", pairs(&labels.countries)),
        ("municipality", labels.municipalities.iter().collect()),
        ("category", pairs(&labels.categories)),
        ("service_area", pairs(&labels.service_areas)),
        ("status", pairs(&labels.statuses)),
        ("size_class", pairs(&labels.size_classes)),
        ("sparse", pairs(&labels.sparse)),
        ("cooperation", pairs(&labels.cooperation)),
        ("body", labels.bodies.iter().collect()),
        ("type", pairs(&labels.types)),
    ]
}

/// `browse.json`: each facet's values as `[value, label, cases]`, the
/// number of cases and the first of `reviewed`.
fn browse(data: &SearchData, labels: &Labels, reviewed: &[usize]) -> Value {
    let rows = facet_rows(data, labels);
    let values: serde_json::Map<String, Value> = value_lists(labels)
        .into_iter()
        .enumerate()
        // No type to choose without studies.
        .filter(|(_, (name, values))| !DERIVED.contains(name) || !values.is_empty())
        .map(|(column, (name, values))| {
            let mut counts = vec![0usize; values.len()];
            for row in &rows {
                for index in row.get(column).into_iter().flatten().flatten() {
                    if let Some(count) = counts.get_mut(*index) {
                        *count += 1;
                    }
                }
            }
            if name == "type" {
                counts = vec![data.facets.len(), data.studies.len()];
            }
            let listed: Vec<Value> = values
                .iter()
                .zip(counts)
                .map(|((value, label), count)| json!([value, label, count]))
                .collect();
            (name.to_string(), Value::Array(listed))
        })
        .collect();
    let mut browse = json!({
        "cases": data.facets.len(),
        "values": values,
        "first": reviewed.iter().take(BROWSE_FIRST).collect::<Vec<_>>(),
    });
    if !data.studies.is_empty() {
        browse["studies"] = json!(data.studies.len());
    }
    browse
}

/// Per case, per facet (in the order of [`value_lists`]), the indices of
/// its values; `None` for a value without a label (validation makes that
/// impossible, but the browser must never mistake it for another value).
fn facet_rows(data: &SearchData, labels: &Labels) -> Vec<Vec<Vec<Option<usize>>>> {
    let municipality_numbers = numbers(&labels.municipalities);
    let body_numbers = numbers(&labels.bodies);
    data.facets
        .iter()
        .map(|facets| {
            let numbers = |values: &[String], known: &[(String, String)]| -> Vec<Option<usize>> {
                values.iter().map(|value| index_of(known, value)).collect()
            };
            let one = |value: &String, known: &[(String, String)]| vec![index_of(known, value)];
            vec![
                one(&facets.country, &labels.countries),
                facets
                    .municipalities
                    .iter()
                    .filter_map(|key| municipality_numbers.get(key).copied().map(Some))
                    .collect(),
                numbers(&facets.categories, &labels.categories),
                numbers(&facets.service_areas, &labels.service_areas),
                one(&facets.status, &labels.statuses),
                numbers(&facets.size_classes, &labels.size_classes),
                if facets.sparse { vec![Some(0)] } else { Vec::new() },
                one(&facets.cooperation, &labels.cooperation),
                facets
                    .bodies
                    .iter()
                    .filter_map(|key| body_numbers.get(key).copied().map(Some))
                    .collect(),
                // A case is a case: the browser knows it by its ordinal.
                Vec::new(),
            ]
        })
        .collect()
}

/// The columns of a case that hold one value, not a list.
const SINGLE: [usize; 3] = [0, 4, 7];

/// The facets whose column the browser derives from the ordinal.
const DERIVED: [&str; 1] = ["type"];

/// The facets whose columns are in `places.json`: municipalities and
/// bodies have hundreds of values, so their columns are most of the
/// facet bytes (at 10,000 cases 41 of 74 KB gzipped), and only a place
/// filter, or a hand on one, needs them.
pub const PLACE_FACETS: [&str; 2] = ["municipality", "body"];

/// `facets.json` (`places` false) or `places.json` (true): per facet of
/// that part, by name, per case by ordinal, the indices of its values
/// into `browse.json`'s lists. By column rather than by case, so that
/// like follows like and it packs well; the labels are in `browse.json`
/// alone, which the page has loaded already.
fn facets(data: &SearchData, labels: &Labels, places: bool) -> Value {
    let rows = facet_rows(data, labels);
    let columns: serde_json::Map<String, Value> = value_lists(labels)
        .into_iter()
        .enumerate()
        .filter(|(_, (name, _))| PLACE_FACETS.contains(name) == places && !DERIVED.contains(name))
        .map(|(column, (name, _))| {
            let cells: Vec<Value> = rows
                .iter()
                .map(|row| {
                    let values = row.get(column).map_or(&[][..], Vec::as_slice);
                    if SINGLE.contains(&column) {
                        values.first().map_or(Value::Null, |value| json!(value))
                    } else {
                        // A municipality or body without a label is left out.
                        json!(values.iter().flatten().collect::<Vec<_>>())
                    }
                })
                .collect();
            (name.to_string(), Value::Array(cells))
        })
        .collect();
    let mut facets = json!({ "columns": columns });
    if !places && !data.studies.is_empty() {
        facets["studies"] = study_columns(data, labels);
    }
    facets
}

/// The columns of the studies that have a meaning for them: per study,
/// the indices of its countries and of its themes among the categories.
/// A study has no value of any other facet, so a filter on one leaves it
/// out.
fn study_columns(data: &SearchData, labels: &Labels) -> Value {
    let column = |values: fn(&crate::search::index::StudyFacets) -> &Vec<String>,
                  known: &[(String, String)]| {
        Value::Array(
            data.studies
                .iter()
                .map(|study| {
                    json!(
                        values(study)
                            .iter()
                            .filter_map(|value| index_of(known, value))
                            .collect::<Vec<_>>()
                    )
                })
                .collect(),
        )
    };
    json!({
        "country": column(|study| &study.countries, &labels.countries),
        "category": column(|study| &study.themes, &labels.categories),
    })
}

/// The search result card of one case (its page in `language`, the
/// default), with its texts in each of `languages`, the site's.
pub fn card(language: &str, languages: &[&str], case: &Case) -> Card {
    let localised = languages
        .iter()
        .filter_map(|&page_language| {
            let (title, title_lang) = case.title_in(page_language);
            let (summary, summary_lang) = case.summary_in(page_language);
            let english = title == case.title && summary == case.summary;
            (!english).then(|| {
                let localised = Localised {
                    title: title.to_string(),
                    title_lang: title_lang.to_string(),
                    summary: summary.to_string(),
                    summary_lang: summary_lang.to_string(),
                };
                (page_language.to_string(), localised)
            })
        })
        .collect();
    Card {
        localised,
        doc_type: None,
        study: None,
        id: case.id(),
        url: urls::case(case, language).as_str().to_string(),
        title: case.title.clone(),
        summary: case.summary.clone(),
        country: case.country.clone(),
        municipalities: case.municipalities.iter().map(|m| m.name.clone()).collect(),
        bodies: if case.municipalities.is_empty() {
            case.bodies.iter().map(|body| body.name.clone()).collect()
        } else {
            Vec::new()
        },
        categories: case.categories.clone(),
    }
}

/// The search result card of a study: its page, title and English
/// summary (its title is in the language it was published in), its
/// themes as categories.
pub fn study_card(language: &str, study: &crate::research::Study) -> Card {
    Card {
        id: format!("research/{}", study.key),
        url: urls::study(&study.key, language).as_str().to_string(),
        title: study.title.clone(),
        summary: study.summary.clone().unwrap_or_default(),
        country: String::new(),
        municipalities: Vec::new(),
        bodies: Vec::new(),
        categories: study.themes.clone(),
        doc_type: Some(crate::search::STUDY),
        study: Some(StudyCard {
            authors: study.authors.clone(),
            year: study.year,
            kind: study.kind.clone(),
            countries: study.countries.clone(),
            language: study.language.clone().filter(|language| language != "en"),
        }),
        localised: BTreeMap::new(),
    }
}

/// The facet values' labels in `language`. Without `facets` (an edit
/// that changed titles only), the municipalities and bodies, which are
/// gathered from every case and written with the facets only, are left
/// empty.
pub fn labels(catalogue: &Catalogue, language: &str, strings: &Strings, facets: bool) -> Labels {
    let config = &catalogue.config;
    let terms = |vocabulary| -> Vec<(String, String)> {
        config
            .terms(vocabulary)
            .iter()
            .map(|term| (term.id().to_string(), term.label(language).to_string()))
            .collect()
    };
    let string = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_string());
    let sparse_label = string("sparse_label");
    let types = if catalogue.studies.is_empty() {
        Vec::new()
    } else {
        vec![
            (crate::search::CASE.to_string(), string("good_examples")),
            (crate::search::STUDY.to_string(), string("research_studies")),
        ]
    };
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
        cooperation: terms(Vocabulary::Cooperation),
        bodies: catalogue
            .cases
            .iter()
            .filter(|_| facets)
            .flat_map(|case| &case.bodies)
            .map(|body| (body.id.clone(), body.name.clone()))
            .collect(),
        types,
        titles: catalogue
            .cases
            .iter()
            .map(|case| case.title_in(language).0.to_string())
            .chain(catalogue.studies.iter().map(|study| study.title.clone()))
            .collect(),
        municipalities: catalogue
            .cases
            .iter()
            .filter(|_| facets)
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

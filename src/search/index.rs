//! Builds the tantivy index of the validated catalogue and reads it back as
//! [`SearchData`]: for every stem of every analyzer, the cases it occurs in
//! with tantivy's own BM25 score (field boosts included), plus the
//! surface-form vocabulary and the thesaurus phrases. The command line and
//! the browser both search this one table, so they rank alike. The studies
//! of the research mapping are indexed after the cases, with ordinals from
//! the number of cases on ([`SearchData::study_of`]), so that a case keeps
//! its ordinal whatever the bibliography holds.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context as _;
use rayon::prelude::*;
// Fx, not SipHash, in the maps of words: no order of theirs reaches the
// output, and hashing every word of every case with SipHash was a tenth of
// the indexing.
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::postings::Postings;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::query::{EnableScoring, Query, Scorer as _, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions};
use tantivy::{DocSet, Index, TERMINATED, TantivyDocument, Term};

use super::analysis::{self, Analyzer};
use crate::markdown;
use crate::model::{Case, Catalogue};
use crate::research::Study;

/// Field boosts: a word in the title counts three times a word in the body.
const TITLE_BOOST: f32 = 3.0;
const SUMMARY_BOOST: f32 = 2.0;
const BODY_BOOST: f32 = 1.0;
const NAMES_BOOST: f32 = 1.0;
const CONCEPT_BOOST: f32 = 1.5;

/// The analyzer name of concept postings in [`Entry::postings`].
pub const CONCEPT: &str = "c";
/// Concept entries are keyed `~<concept>` so they sort apart from words.
pub const CONCEPT_PREFIX: &str = "~";

/// One string of the sorted key space: as a surface form it maps to stems;
/// as a stem it has postings; as the first stem of thesaurus variants it
/// lists those phrases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// (analyzer, stem) for every analyzer that saw this surface form.
    pub forms: BTreeSet<(String, String)>,
    /// analyzer → (case ordinal, score in thousandths), by ordinal.
    pub postings: BTreeMap<String, Vec<(u32, u32)>>,
    /// (concept, keys `analyzer:stem`) of variants starting with this stem,
    /// and of the head words of longer ones ("våld" of "våld i nära
    /// relationer") as one-word phrases.
    pub phrases: BTreeSet<(String, Vec<String>)>,
    /// (analyzer, stem) of the other surface forms that are this one with
    /// its diacritics folded away ([`analysis::fold`]): on each such form,
    /// and on the folded form itself, so that a word typed either way
    /// finds the others in its own export shard.
    pub folded: BTreeSet<(String, String)>,
    /// Whether this is a function word ([`analysis::STOP_WORDS`]), which a
    /// query leaves out.
    pub stop: bool,
    /// The parts of a compound word ("partner", "våld" of "partnervåld"),
    /// as [`analysis::split_compound`] found them in the vocabulary.
    pub parts: Vec<String>,
    /// Of a concept (`~<concept>`): its name in each language of the
    /// thesaurus, which a result shows when it was found through it.
    pub labels: BTreeMap<String, String>,
    /// Of a concept: its variants that cases have, as the thesaurus writes
    /// them, each with the ordinals of those cases, in thesaurus order; a
    /// result found through the concept shows the forms its case has
    /// ("ekonomiskt bistånd").
    pub variants: Vec<(String, Vec<u32>)>,
}

/// Facet values of one case, for filters and counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacets {
    pub country: String,
    /// `se/2462`
    pub municipalities: Vec<String>,
    pub categories: Vec<String>,
    pub service_areas: Vec<String>,
    pub status: String,
    /// The size classes of its municipalities ("municipalities like mine").
    pub size_classes: Vec<String>,
    /// Whether any of its municipalities is sparsely populated.
    pub sparse: bool,
    /// The form of co-operation (a term of the `cooperation` vocabulary).
    pub cooperation: String,
    /// The ids of the co-operation bodies it names.
    pub bodies: Vec<String>,
    /// Sort keys of the browser's listing: the review date and the first
    /// day of the period (ISO dates, so that they sort as text), the title.
    pub reviewed: String,
    pub started: String,
    pub title: String,
}

/// Facet values of one study of the research mapping: the filters that
/// have a meaning for a study (its countries, its themes as categories).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyFacets {
    /// The citation key: its result id is `research/<key>`.
    pub key: String,
    /// Country terms.
    pub countries: Vec<String>,
    /// Category terms.
    pub themes: Vec<String>,
}

/// Everything a query needs.
#[derive(Debug, Clone, Default)]
pub struct SearchData {
    pub entries: BTreeMap<String, Entry>,
    /// The first key of each export shard; a query's prefix and typo
    /// matching look only inside the word's own shard, in the browser and
    /// here alike.
    pub shard_starts: Vec<String>,
    /// By ordinal (catalogue order).
    pub facets: Vec<CaseFacets>,
    /// The studies, in the catalogue's order; the study at `i` has the
    /// ordinal `facets.len() + i`.
    pub studies: Vec<StudyFacets>,
    /// By ordinal: the ordinals of the most similar other cases, most
    /// similar first (tantivy's MoreLikeThis); never a study.
    pub related: Vec<Vec<u32>>,
    /// The keys holding a posting of a case [`SearchIndex::update_case`]
    /// scored, by ordinal: its next edit takes the case out of those
    /// alone, where the first looks at every word of the vocabulary.
    pub edited_keys: BTreeMap<u32, Vec<String>>,
}

impl SearchData {
    /// The index into [`SearchData::studies`] of the document at
    /// `ordinal`, if it is a study.
    pub fn study_of(&self, ordinal: u32) -> Option<usize> {
        let index = (ordinal as usize).checked_sub(self.facets.len())?;
        (index < self.studies.len()).then_some(index)
    }

    /// The number of documents: cases, then studies.
    pub fn documents(&self) -> usize {
        self.facets.len() + self.studies.len()
    }
}

/// How many related cases a case page shows.
pub const RELATED: usize = 4;

struct Fields {
    ordinal: Field,
    /// (analyzer, field, boost) of every text field.
    text: Vec<(Analyzer, Field, f32, &'static str)>,
    concept: Field,
}

fn text_field(builder: &mut tantivy::schema::SchemaBuilder, name: &str, tokenizer: &str) -> Field {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqs);
    builder.add_text_field(name, TextOptions::default().set_indexing_options(indexing))
}

/// The tokenizer of every text field: the index is given each text's
/// stems ([`analysis::analyse`], under the field's analyzer) separated by
/// spaces, so that the texts are tokenised and stemmed once, by the
/// analysis that also finds their surface forms and thesaurus phrases, and
/// not again by tantivy's writer. A stem has no space in it: it is made of
/// letters and digits.
const STEMS_TOKENIZER: &str = "stems";

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let ordinal = builder.add_u64_field("ordinal", NumericOptions::default().set_fast());
    let mut text = Vec::new();
    for analyzer in Analyzer::ALL {
        for (part, boost) in [
            ("title", TITLE_BOOST),
            ("summary", SUMMARY_BOOST),
            ("body", BODY_BOOST),
        ] {
            let field = text_field(
                &mut builder,
                &format!("{part}_{}", analyzer.name()),
                STEMS_TOKENIZER,
            );
            text.push((analyzer, field, boost, part));
        }
    }
    let names = text_field(&mut builder, "names", STEMS_TOKENIZER);
    text.push((Analyzer::Plain, names, NAMES_BOOST, "names"));
    let concept = text_field(&mut builder, "concept", "raw");
    (
        builder.build(),
        Fields {
            ordinal,
            text,
            concept,
        },
    )
}

fn field_of(fields: &Fields, analyzer: Analyzer, part: &str) -> Option<Field> {
    fields
        .text
        .iter()
        .find(|(a, _, _, p)| *a == analyzer && *p == part)
        .map(|(_, field, _, _)| *field)
}

/// The analyzer of a country's place names: the language most of its
/// municipalities and regions are named in.
fn place_analyzer(country: &str) -> Analyzer {
    match country {
        "SE" | "AX" => Analyzer::Sv,
        "NO" => Analyzer::No,
        "DK" => Analyzer::Da,
        "FI" => Analyzer::Fi,
        _ => Analyzer::Plain,
    }
}

/// The places a case is found by beyond its municipalities' names: their
/// regions and every other name form of the register (Swedish names of
/// Finnish municipalities, Sámi and Kven names, official long forms), and
/// the other names of its bodies. Each with the analyzer of its country, so
/// that an inflected form ("Lapin", "Västerbottens") reaches it; Icelandic
/// names, and the organisations of an Icelandic case, with their other
/// case forms ("Skagafirði").
fn place_texts(case: &Case, register: &crate::register::Register) -> Vec<(Analyzer, String)> {
    let mut places: BTreeMap<Analyzer, BTreeSet<String>> = BTreeMap::new();
    for reference in &case.municipalities {
        let Some(row) = register.by_code(&reference.country, &reference.code) else {
            continue;
        };
        let names = places.entry(place_analyzer(&row.territory)).or_default();
        names.insert(row.region.clone());
        names.extend(row.names().map(str::to_string));
        if row.territory == "IS" {
            // Icelandic has no stemmer here: the other case forms as words.
            names.extend(
                row.names()
                    .chain([row.region.as_str()])
                    .flat_map(analysis::icelandic_place_forms),
            );
        }
    }
    for body in &case.bodies {
        // A service run through a body is in its members' regions, though
        // the members do not take part by name.
        for member in &body.members {
            if let Some(row) = register.by_code(&member.country, &member.code) {
                places
                    .entry(place_analyzer(&row.territory))
                    .or_default()
                    .insert(row.region.clone());
            }
        }
        let Some(row) = register.bodies().all().iter().find(|row| row.id == body.id) else {
            continue;
        };
        let names = places.entry(place_analyzer(&row.country)).or_default();
        names.insert(row.name_en.clone());
        names.extend(row.name_forms().into_iter().map(|form| form.name));
    }
    if case.country == "IS" {
        // Organisations are often municipalities ("led by Skagafjörður").
        places.entry(place_analyzer(&case.country)).or_default().extend(
            case.organisations
                .iter()
                .flat_map(|name| analysis::icelandic_place_forms(name)),
        );
    }
    places
        .into_iter()
        .map(|(analyzer, names)| {
            let names: Vec<String> = names.into_iter().filter(|name| !name.trim().is_empty()).collect();
            (analyzer, names.join("\n"))
        })
        .filter(|(_, text)| !text.is_empty())
        .collect()
}

/// The texts of a case by (analyzer, part).
fn case_texts(case: &Case, register: &crate::register::Register) -> Vec<(Analyzer, &'static str, String)> {
    let local = Analyzer::for_language(&case.language);
    let mut body = markdown::plain_text(&case.body);
    // Exactly: the texts of every case are held at once, and pushing onto
    // the plain text (made to its length) would double what it holds,
    // 500 MB at 100,000 cases of real length.
    body.reserve_exact(case.sources.iter().map(|source| source.title.len() + 1).sum());
    for source in &case.sources {
        body.push('\n');
        body.push_str(&source.title);
    }
    let mut names: Vec<String> = case.municipalities.iter().map(|m| m.name.clone()).collect();
    // A body is found by its name ("Kommunernas socialtjänst"), its members
    // are not: they do not take part by name.
    names.extend(case.bodies.iter().map(|body| body.name.clone()));
    names.extend(case.organisations.iter().cloned());
    names.extend(case.tags.iter().map(|tag| tag.replace('-', " ")));
    let mut texts = vec![
        (Analyzer::En, "title", case.title.clone()),
        (Analyzer::En, "summary", case.summary.clone()),
        (local, "body", body),
        (Analyzer::Plain, "names", names.join("\n")),
    ];
    if let Some(title_local) = &case.title_local {
        texts.push((local, "title", title_local.clone()));
    }
    // Places weigh as little as the body: a region names many cases.
    for (analyzer, places) in place_texts(case, register) {
        texts.push((analyzer, "body", places));
    }
    // A translation is found as the case's own fields are, through its
    // language's stemmer: a Swedish title by Swedish word forms.
    for (language, translation) in &case.translations {
        let analyzer = Analyzer::for_language(language);
        texts.extend(
            translation
                .title
                .iter()
                .map(|title| (analyzer, "title", title.clone())),
        );
        texts.extend(
            translation
                .summary
                .iter()
                .map(|summary| (analyzer, "summary", summary.clone())),
        );
    }
    texts
}

/// The texts of a study, weighed as a case's: its title (in its own
/// language, else English) as a title, its English summary as a summary,
/// its design, population and outcomes as a body, and its authors, the
/// journal, book, institution and publisher and the year as names.
fn study_texts(study: &Study) -> Texts {
    let own = Analyzer::for_language(study.language.as_deref().unwrap_or("en"));
    let mut texts = vec![(own, "title", study.title.clone())];
    texts.extend(
        study
            .summary
            .iter()
            .map(|summary| (Analyzer::En, "summary", summary.clone())),
    );
    let body: Vec<&str> = [&study.design, &study.population, &study.outcomes]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !body.is_empty() {
        texts.push((Analyzer::En, "body", body.join("\n")));
    }
    let mut names = study.authors.clone();
    names.extend(
        [
            &study.journal,
            &study.container,
            &study.institution,
            &study.publisher,
        ]
        .into_iter()
        .flatten()
        .cloned(),
    );
    names.push(study.year.to_string());
    texts.push((Analyzer::Plain, "names", names.join("\n")));
    texts
}

/// One case as the index sees it.
struct Analysed {
    texts: CaseTexts,
    /// Each text's stems as tantivy indexes them, by field, in the order of
    /// `texts`, separated by spaces: the writer only splits them
    /// ([`STEMS_TOKENIZER`]) instead of analysing the texts again.
    tokens: Vec<(Field, String)>,
    /// The indices of the thesaurus variants the case has.
    variants: BTreeSet<usize>,
}

/// The texts of a case, as [`case_texts`] gives them.
type Texts = Vec<(Analyzer, &'static str, String)>;

/// Compound words → their parts.
type Splits = FxHashMap<String, Vec<String>>;

/// Whether the words of a text are split into their compound parts: in
/// the languages that write compounds closed, not in names.
fn splits_words(analyzer: Analyzer, part: &str) -> bool {
    analysis::compounds(analyzer) && part != "names"
}

/// The compound words of the catalogue with their parts, split against
/// the index's own vocabulary: every word of every case and of the
/// thesaurus in the languages that write compounds closed. Each distinct
/// word is split once, spread over the cores.
fn compound_splits(texts: &[Texts], thesaurus: &super::Thesaurus) -> Splits {
    // One set of words for the whole catalogue, gathered on every core: a
    // set per case held at once cost 160 MB at 10,000 cases of real length.
    let words: FxHashSet<String> = texts
        .par_iter()
        .fold(FxHashSet::default, |mut words, texts| {
            for (analyzer, part, text) in texts {
                // English words would split Nordic ones wrongly
                // ("kontakt-enter"), and names are not words.
                if splits_words(*analyzer, part) {
                    analysis::each_word(text, |word| {
                        if !words.contains(word) {
                            words.insert(word.to_string());
                        }
                    });
                }
            }
            words
        })
        .reduce(FxHashSet::default, |mut larger, mut smaller| {
            if larger.len() < smaller.len() {
                std::mem::swap(&mut larger, &mut smaller);
            }
            larger.extend(smaller);
            larger
        });
    let thesaurus_words: FxHashSet<&str> = thesaurus
        .variants
        .iter()
        .filter(|variant| analysis::compounds(variant.analyzer))
        .flat_map(|variant| variant.words.iter().map(String::as_str))
        .collect();
    let known = |part: &str| words.contains(part) || thesaurus_words.contains(part);
    words
        .par_iter()
        .filter_map(|word| {
            let parts = analysis::split_compound(word, &known)?;
            Some((word.clone(), parts))
        })
        .collect()
}

/// The words a thread has analysed, by analyzer ([`analysis::WordCache`]),
/// kept from case to case: every (surface form, analyzer, stem) of its
/// texts, which is its share of the vocabulary.
#[derive(Default)]
struct WordCaches(Vec<(Analyzer, analysis::WordCache)>);

impl WordCaches {
    fn of(&mut self, analyzer: Analyzer) -> &mut analysis::WordCache {
        let at = match self.0.iter().position(|(known, _)| *known == analyzer) {
            Some(at) => at,
            None => {
                self.0.push((analyzer, analysis::WordCache::new(analyzer)));
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }

    /// (surface form, analyzer, stem) of every word analysed; a form
    /// written in several ways ("Social", "social") comes once for each.
    fn into_forms(self) -> impl Iterator<Item = (String, &'static str, String)> {
        self.0.into_iter().flat_map(|(analyzer, cache)| {
            cache
                .into_words()
                .map(move |word| (word.word, analyzer.name(), word.stem))
        })
    }
}

/// One set of [`WordCaches`] per thread of the pool, each locked only by
/// its own thread.
struct ThreadCaches(Vec<std::sync::Mutex<WordCaches>>);

impl ThreadCaches {
    fn new() -> ThreadCaches {
        ThreadCaches(
            (0..rayon::current_num_threads().max(1))
                .map(|_| std::sync::Mutex::default())
                .collect(),
        )
    }

    fn into_forms(self) -> impl Iterator<Item = (String, &'static str, String)> {
        self.0.into_iter().flat_map(|caches| {
            caches
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .into_forms()
        })
    }

    /// `work` with this thread's caches, locked while it runs: it must not
    /// wait on other rayon jobs, one of which could be run meanwhile on
    /// this thread and find the lock taken.
    fn with<R>(&self, work: impl FnOnce(&mut WordCaches) -> R) -> R {
        let slot = rayon::current_thread_index().unwrap_or(0) % self.0.len().max(1);
        match self.0.get(slot) {
            Some(caches) => work(&mut caches.lock().unwrap_or_else(std::sync::PoisonError::into_inner)),
            None => work(&mut WordCaches::default()),
        }
    }
}

/// One case's (or study's) texts as the index takes them: the stems of
/// each indexed text joined by spaces, the thesaurus concepts and variants
/// it has, and the parts of its compound words as one more body text per
/// analyzer. Its words go into `caches`.
fn analyse<'s>(
    texts_in: Texts,
    thesaurus: &super::Thesaurus,
    fields: &Fields,
    splits: &'s Splits,
    caches: &mut WordCaches,
) -> Analysed {
    let mut texts = Vec::new();
    let mut tokens = Vec::new();
    // The parts each word of the case's compounding texts splits into,
    // looked up once per word.
    let mut split_of: FxHashMap<(Analyzer, u32), Option<&'s [String]>> = FxHashMap::default();
    let mut concepts: BTreeMap<String, u32> = BTreeMap::new();
    let mut variants = BTreeSet::new();
    // The parts of the case's compounds, per analyzer: "partnervåld" is
    // also found by "våld".
    let mut parts: BTreeMap<Analyzer, Vec<&'s str>> = BTreeMap::new();
    let mut ids = Vec::new();
    // The words of one text, as ids of its analyzer's cache (which thus
    // holds its surface forms); the stems joined by spaces for the text's
    // field.
    let mut add_text = |caches: &mut WordCaches,
                        analyzer: Analyzer,
                        part: &'static str,
                        text: &str,
                        ids: &mut Vec<u32>,
                        parts: Option<&mut BTreeMap<Analyzer, Vec<&'s str>>>| {
        let cache = caches.of(analyzer);
        ids.clear();
        cache.analyse_into(text, ids);
        let mut parts_of_text = parts.map(|parts| parts.entry(analyzer).or_default());
        let field = field_of(fields, analyzer, part);
        let mut field_tokens = String::with_capacity(if field.is_some() { text.len() } else { 0 });
        for &id in ids.iter() {
            let Some(word) = cache.word(id) else { continue };
            if let Some(parts) = parts_of_text.as_mut() {
                let split = split_of
                    .entry((analyzer, id))
                    .or_insert_with(|| splits.get(&word.word).map(Vec::as_slice));
                parts.extend(split.iter().flat_map(|found| found.iter().map(String::as_str)));
            }
            if field.is_some() {
                if !field_tokens.is_empty() {
                    field_tokens.push(' ');
                }
                field_tokens.push_str(&word.stem);
            }
        }
        field.map(|field| (field, field_tokens))
    };
    for (analyzer, part, text) in texts_in {
        let splitting = splits_words(analyzer, part).then_some(&mut parts);
        let indexed = add_text(caches, analyzer, part, &text, &mut ids, splitting);
        let cache = caches.of(analyzer);
        let stems: Vec<&str> = ids
            .iter()
            .filter_map(|&id| cache.word(id))
            .map(|word| word.stem.as_str())
            .collect();
        let found = thesaurus.variants_in(analyzer, &stems);
        for (concept, count) in thesaurus.concepts_of(&found) {
            *concepts.entry(concept).or_default() += count;
        }
        variants.extend(found.into_iter().map(|(index, _)| index));
        if let Some((field, field_tokens)) = indexed {
            tokens.push((field, field_tokens));
            texts.push((field, analyzer, text));
        }
    }
    for (analyzer, parts) in parts {
        if parts.is_empty() {
            continue;
        }
        // Weighed as the body; no thesaurus phrases across the parts of
        // different words.
        let text = parts.join("\n");
        if let Some((field, field_tokens)) = add_text(caches, analyzer, "body", &text, &mut ids, None) {
            tokens.push((field, field_tokens));
            texts.push((field, analyzer, text));
        }
    }
    Analysed {
        texts: CaseTexts { texts, concepts },
        tokens,
        variants,
    }
}

fn add_forms(entries: &mut BTreeMap<String, Entry>, forms: Vec<(String, &'static str, String)>) {
    for (word, analyzer, stem) in forms {
        let forms = &mut entries.entry(word).or_default().forms;
        // A word has a form or two: looking is cheaper than allocating.
        if !forms.iter().any(|(a, s)| a == analyzer && *s == stem) {
            forms.insert((analyzer.to_string(), stem));
        }
    }
}

/// Index the cases (in catalogue order: the ordinal is the position) and
/// read the index back as [`SearchData`].
pub fn build(catalogue: &Catalogue) -> anyhow::Result<SearchData> {
    build_with_index(catalogue).map(|(data, _)| data)
}

/// The tantivy index a [`SearchData`] was read from. `serve` keeps it, so
/// that an edited case is scored against it without indexing every case
/// again.
pub struct SearchIndex {
    searcher: tantivy::Searcher,
    fields: Fields,
    studies: StudyStatistics,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("SearchIndex")
            .field("cases", &self.searcher.num_docs())
            .finish()
    }
}

/// [`build`], keeping the index for [`SearchIndex::update_case`].
pub fn build_with_index(catalogue: &Catalogue) -> anyhow::Result<(SearchData, SearchIndex)> {
    let texts: Vec<Texts> = catalogue
        .cases
        .par_iter()
        .map(|case| case_texts(case, &catalogue.register))
        .collect();
    index_texts(catalogue, texts)
}

/// [`build_with_index`], letting go of each case's body once its texts
/// are made ([`Case::release_body`]): the texts take the bodies' place
/// rather than adding to them.
pub fn build_releasing_bodies(catalogue: &mut Catalogue) -> anyhow::Result<(SearchData, SearchIndex)> {
    let Catalogue { cases, register, .. } = catalogue;
    let texts: Vec<Texts> = cases
        .par_iter_mut()
        .map(|case| {
            let texts = case_texts(case, register);
            case.release_body();
            texts
        })
        .collect();
    index_texts(catalogue, texts)
}

/// Index the texts of the cases, then those of the studies.
fn index_texts(catalogue: &Catalogue, mut texts: Vec<Texts>) -> anyhow::Result<(SearchData, SearchIndex)> {
    let (schema, fields) = schema();
    let index = Index::create_in_ram(schema);
    index.tokenizers().register(
        STEMS_TOKENIZER,
        tantivy::tokenizer::TextAnalyzer::from(tantivy::tokenizer::WhitespaceTokenizer::default()),
    );
    // The studies after the cases: a case's ordinal is its position.
    texts.extend(catalogue.studies.iter().map(study_texts));
    let splits = compound_splits(&texts, &catalogue.thesaurus);
    let (variants, studies, mut entries) = index_cases(&index, &fields, catalogue, texts, &splits)?;
    let reader = index.reader().context("could not read the search index")?;
    let searcher = reader.searcher();
    let cases = Cases {
        searcher: &searcher,
        studies: &studies,
    };
    let mut characteristic = Characteristic::new(&cases, catalogue.cases.len());
    add_postings(&mut entries, &searcher, &fields, &mut characteristic)?;
    add_thesaurus(&mut entries, &catalogue.thesaurus);
    set_concept_variants(&mut entries, &catalogue.thesaurus, &variants);
    for (word, parts) in splits {
        if let Some(entry) = entries.get_mut(&word) {
            entry.parts = parts;
        }
    }
    set_folds(&mut entries);
    for word in analysis::STOP_WORDS {
        entries.entry((*word).to_string()).or_default().stop = true;
    }
    // The related cases before the facets: the characteristic terms of
    // every case, which they use up, are let go of first.
    let related = related(&cases, &characteristic.terms())?;
    let facets = catalogue
        .cases
        .iter()
        .map(|case| case_facets(catalogue, case))
        .collect();
    let study_facets = catalogue
        .studies
        .iter()
        .map(|study| StudyFacets {
            key: study.key.clone(),
            countries: study.countries.clone(),
            themes: study.themes.clone(),
        })
        .collect();
    let shard_starts = super::shards::cut_shards(&entries);
    Ok((
        SearchData {
            entries,
            shard_starts,
            facets,
            studies: study_facets,
            related,
            edited_keys: BTreeMap::new(),
        },
        SearchIndex {
            searcher,
            fields,
            studies,
        },
    ))
}

/// Index every case, then every study. Returns the ordinals of the
/// documents that have each thesaurus variant, what the studies add to the
/// statistics, and the entries of the documents' words with their surface
/// forms.
fn index_cases(
    index: &Index,
    fields: &Fields,
    catalogue: &Catalogue,
    texts: Vec<Texts>,
    splits: &Splits,
) -> anyhow::Result<(VariantCases, StudyStatistics, BTreeMap<String, Entry>)> {
    let mut variants = VariantCases::new();
    let mut studies = StudyStatistics::default();
    // The words are gathered in a hash map and sorted once at the end:
    // merging every case's words into the sorted map one by one, on this
    // one thread, was most of the time the other core waited.
    let mut vocabulary: Vocabulary = Vocabulary::default();
    // One thread: the statistics do not depend on it, and the build runs
    // beside the page rendering.
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, 50_000_000)
        .context("could not create the search index")?;
    // The cases are analysed on every core, a batch at a time (so that
    // few are held at once), and handed to the writer in catalogue order
    // with their stems, which it only splits. A batch is handed over while
    // the next one is analysed: handing over on one thread while the other
    // core waited was a fifth of the search stage.
    let mut add = |analysed: Vec<(usize, Analysed)>| -> anyhow::Result<()> {
        for (ordinal, analysed) in analysed {
            let mut document = TantivyDocument::default();
            document.add_u64(fields.ordinal, ordinal as u64);
            for (field, stems) in &analysed.tokens {
                document.add_text(*field, stems);
            }
            for (concept, count) in &analysed.texts.concepts {
                for _ in 0..*count {
                    document.add_text(fields.concept, concept);
                }
            }
            if ordinal >= catalogue.cases.len() {
                studies.add(&analysed, fields.concept);
            }
            for variant in analysed.variants {
                variants.entry(variant).or_default().insert(ordinal as u32);
            }
            writer.add_document(document).context("could not index a case")?;
        }
        Ok(())
    };
    let mut texts = texts.into_iter().enumerate();
    let caches = ThreadCaches::new();
    let mut analysed_before: Vec<(usize, Analysed)> = Vec::new();
    loop {
        let batch: Vec<(usize, Texts)> = texts.by_ref().take(ANALYSIS_BATCH).collect();
        if batch.is_empty() && analysed_before.is_empty() {
            break;
        }
        let handed_over = std::mem::take(&mut analysed_before);
        let (analysed, added) = rayon::join(
            || {
                batch
                    .into_par_iter()
                    .map(|(ordinal, texts)| {
                        let analysed = caches
                            .with(|caches| analyse(texts, &catalogue.thesaurus, fields, splits, caches));
                        (ordinal, analysed)
                    })
                    .collect::<Vec<_>>()
            },
            || add(handed_over),
        );
        added?;
        analysed_before = analysed;
    }
    // Every word of every case and study went through a thread's caches.
    add_to_vocabulary(&mut vocabulary, caches.into_forms());
    writer.commit().context("could not commit the search index")?;
    Ok((variants, studies, sorted_entries(vocabulary)))
}

/// Word → (analyzer, stem) of each of its forms, each once.
type Vocabulary = FxHashMap<String, Vec<(&'static str, String)>>;

fn add_to_vocabulary(
    vocabulary: &mut Vocabulary,
    forms: impl Iterator<Item = (String, &'static str, String)>,
) {
    for (word, analyzer, stem) in forms {
        let known = vocabulary.entry(word).or_default();
        if !known.iter().any(|(a, s)| *a == analyzer && *s == stem) {
            known.push((analyzer, stem));
        }
    }
}

/// What the studies add to the index's statistics: their number, their
/// tokens per field and their document frequency per term. Related cases
/// are found with these taken away again, among the cases alone, so that
/// a case page shows the same related cases whatever the bibliography
/// holds.
#[derive(Debug, Default)]
struct StudyStatistics {
    docs: u64,
    tokens: FxHashMap<Field, u64>,
    doc_freq: FxHashMap<Term, u64>,
}

impl StudyStatistics {
    /// Count one study, as the writer indexed it: its stems split at
    /// spaces ([`STEMS_TOKENIZER`]), each concept once per occurrence.
    fn add(&mut self, analysed: &Analysed, concept_field: Field) {
        self.docs += 1;
        let mut terms: FxHashSet<Term> = FxHashSet::default();
        for (field, stems) in &analysed.tokens {
            for stem in stems.split_whitespace() {
                *self.tokens.entry(*field).or_default() += 1;
                terms.insert(Term::from_field_text(*field, stem));
            }
        }
        for (concept, count) in &analysed.texts.concepts {
            *self.tokens.entry(concept_field).or_default() += u64::from(*count);
            terms.insert(Term::from_field_text(concept_field, concept));
        }
        for term in terms {
            *self.doc_freq.entry(term).or_default() += 1;
        }
    }
}

/// The vocabulary as entries, sorted on every core and built into the map
/// in one pass.
fn sorted_entries(vocabulary: Vocabulary) -> BTreeMap<String, Entry> {
    let mut words: Vec<(String, Entry)> = vocabulary
        .into_par_iter()
        .map(|(word, forms)| {
            let forms = forms
                .into_iter()
                .map(|(analyzer, stem)| (analyzer.to_string(), stem))
                .collect();
            (
                word,
                Entry {
                    forms,
                    ..Entry::default()
                },
            )
        })
        .collect();
    words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Sorted and without duplicates: `collect` builds the map in bulk.
    words.into_iter().collect()
}

/// The index's statistics over its cases alone ([`StudyStatistics`]), by
/// which related cases are found.
struct Cases<'s> {
    searcher: &'s tantivy::Searcher,
    studies: &'s StudyStatistics,
}

impl Cases<'_> {
    fn num_docs(&self) -> u64 {
        self.searcher.num_docs().saturating_sub(self.studies.docs)
    }

    fn doc_freq(&self, term: &Term) -> anyhow::Result<u64> {
        let all = self
            .searcher
            .doc_freq(term)
            .context("could not read a term's frequency")?;
        Ok(all.saturating_sub(self.studies.doc_freq.get(term).copied().unwrap_or(0)))
    }
}

impl Bm25StatisticsProvider for Cases<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let all = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        Ok(all.saturating_sub(self.studies.tokens.get(&field).copied().unwrap_or(0)))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        let all = Bm25StatisticsProvider::total_num_docs(self.searcher)?;
        Ok(all.saturating_sub(self.studies.docs))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let all = self.searcher.doc_freq(term)?;
        Ok(all.saturating_sub(self.studies.doc_freq.get(term).copied().unwrap_or(0)))
    }
}

/// How many cases are analysed at once before the writer takes them.
const ANALYSIS_BATCH: usize = 256;

/// Thesaurus variant (index) → the ordinals of the cases that have it.
type VariantCases = BTreeMap<usize, BTreeSet<u32>>;

/// Each concept's labels and the variants its cases have
/// ([`Entry::labels`], [`Entry::variants`]), on the concept's entry, for
/// the concepts some case has. Variants written alike in several
/// languages are one form.
fn set_concept_variants(
    entries: &mut BTreeMap<String, Entry>,
    thesaurus: &super::Thesaurus,
    found: &VariantCases,
) {
    let mut per_concept: BTreeMap<&str, Vec<(String, BTreeSet<u32>)>> = BTreeMap::new();
    for (index, variant) in thesaurus.variants.iter().enumerate() {
        let Some(ordinals) = found.get(&index) else {
            continue;
        };
        let forms = per_concept.entry(variant.concept.as_str()).or_default();
        match forms.iter_mut().find(|(text, _)| *text == variant.text) {
            Some((_, cases)) => cases.extend(ordinals),
            None => forms.push((variant.text.clone(), ordinals.clone())),
        }
    }
    for (concept, forms) in per_concept {
        let entry = entries.entry(format!("{CONCEPT_PREFIX}{concept}")).or_default();
        entry.labels = thesaurus.labels.get(concept).cloned().unwrap_or_default();
        entry.variants = forms
            .into_iter()
            .map(|(text, cases)| (text, cases.into_iter().collect()))
            .collect();
        entry
            .variants
            .sort_by_key(|(text, _)| variant_position(thesaurus, concept, text));
    }
}

/// Where a concept's form comes in the thesaurus: at its first variant
/// written so, whichever language's variant a case has.
fn variant_position(thesaurus: &super::Thesaurus, concept: &str, text: &str) -> Option<usize> {
    thesaurus
        .variants
        .iter()
        .position(|variant| variant.concept == concept && variant.text == text)
}

/// An edited case's thesaurus variants on their concepts' entries: the
/// case taken out of every variant list, then put into those it has now.
/// The keys whose entry changed go into `touched`.
fn update_concept_variants(
    data: &mut SearchData,
    thesaurus: &super::Thesaurus,
    ordinal: u32,
    has: &BTreeSet<usize>,
    touched: &mut BTreeSet<String>,
) {
    let now: BTreeMap<&str, BTreeSet<&str>> = has
        .iter()
        .filter_map(|index| thesaurus.variants.get(*index))
        .fold(BTreeMap::new(), |mut now, variant| {
            now.entry(variant.concept.as_str())
                .or_default()
                .insert(variant.text.as_str());
            now
        });
    // The variants of each concept the case was taken out of, as they
    // were: a concept whose variants come back the same is not touched.
    let mut before: BTreeMap<String, Vec<(String, Vec<u32>)>> = BTreeMap::new();
    // The concepts' keys are together, in the key order.
    let concepts = data
        .entries
        .range_mut(CONCEPT_PREFIX.to_string()..)
        .take_while(|(key, _)| key.starts_with(CONCEPT_PREFIX));
    for (key, entry) in concepts {
        if entry.variants.is_empty() {
            continue;
        }
        let was = entry.variants.clone();
        for (_, cases) in &mut entry.variants {
            cases.retain(|case| *case != ordinal);
        }
        entry.variants.retain(|(_, cases)| !cases.is_empty());
        if entry.variants != was {
            before.insert(key.clone(), was);
        }
    }
    for (concept, texts) in now {
        let key = format!("{CONCEPT_PREFIX}{concept}");
        let entry = data.entries.entry(key.clone()).or_default();
        let was = before.remove(&key).unwrap_or_else(|| entry.variants.clone());
        let new_concept = entry.labels.is_empty();
        if new_concept {
            entry.labels = thesaurus.labels.get(concept).cloned().unwrap_or_default();
        }
        for text in texts {
            match entry.variants.iter_mut().find(|(form, _)| form == text) {
                Some((_, cases)) => {
                    let at = cases.partition_point(|case| *case < ordinal);
                    cases.insert(at, ordinal);
                }
                None => entry.variants.push((text.to_string(), vec![ordinal])),
            }
        }
        // In thesaurus order, as a full build lists them.
        entry
            .variants
            .sort_by_key(|(text, _)| variant_position(thesaurus, concept, text));
        if new_concept || entry.variants != was {
            touched.insert(key);
        }
    }
    // Those the case was taken out of and not put back into.
    touched.extend(before.into_keys());
}

/// Every key's postings per analyzer: the BM25 score of the key in each
/// case, summed over the fields of the analyzer in f64 (integers add up
/// the same in Rust and in the browser), then rounded to thousandths.
///
/// The term lists of an analyzer's fields in every segment are read side
/// by side, in key order, so that each key's scores are summed and
/// rounded as soon as all its fields are read: gathering every case's
/// score of every key first held 900 MB at 100,000 cases of real length,
/// three times the postings it gave.
fn add_postings(
    entries: &mut BTreeMap<String, Entry>,
    searcher: &tantivy::Searcher,
    fields: &Fields,
    characteristic: &mut Characteristic,
) -> anyhow::Result<()> {
    let mut analyzers: Vec<(&str, Vec<(Field, f32)>)> = Vec::new();
    let text_fields = fields
        .text
        .iter()
        .map(|(analyzer, field, boost, _)| (analyzer.name(), *field, *boost));
    for (analyzer, field, boost) in text_fields.chain([(CONCEPT, fields.concept, CONCEPT_BOOST)]) {
        match analyzers.iter_mut().find(|(name, _)| *name == analyzer) {
            Some((_, group)) => group.push((field, boost)),
            None => analyzers.push((analyzer, vec![(field, boost)])),
        }
    }
    for (analyzer, group) in analyzers {
        add_analyzer_postings(entries, characteristic, searcher, analyzer, &group)?;
    }
    Ok(())
}

/// One field of one segment, as [`add_analyzer_postings`] reads it.
struct SegmentField {
    field: Field,
    boost: f32,
    inverted: std::sync::Arc<tantivy::InvertedIndexReader>,
    norms: tantivy::fieldnorm::FieldNormReader,
    ordinals: tantivy::columnar::Column<u64>,
}

/// The postings of every key of one analyzer, whose `fields` are read in
/// their order (and each in every segment), so that a case's scores are
/// added in the same order whatever the segments.
fn add_analyzer_postings(
    entries: &mut BTreeMap<String, Entry>,
    characteristic: &mut Characteristic,
    searcher: &tantivy::Searcher,
    analyzer: &str,
    fields: &[(Field, f32)],
) -> anyhow::Result<()> {
    let mut parts = Vec::new();
    for &(field, boost) in fields {
        for segment in searcher.segment_readers() {
            parts.push(SegmentField {
                field,
                boost,
                inverted: segment
                    .inverted_index(field)
                    .context("could not read the index")?,
                norms: segment
                    .get_fieldnorms_reader(field)
                    .context("could not read field lengths")?,
                ordinals: segment
                    .fast_fields()
                    .u64("ordinal")
                    .context("the index has no ordinals")?,
            });
        }
    }
    let mut streams = parts
        .iter()
        .map(|part| part.inverted.terms().stream())
        .collect::<Result<Vec<_>, _>>()
        .context("could not read the terms")?;
    // The next key of each term list, smallest first; equal keys by the
    // list's place in `parts`.
    let mut next: std::collections::BinaryHeap<std::cmp::Reverse<(String, usize)>> =
        std::collections::BinaryHeap::new();
    for (index, stream) in streams.iter_mut().enumerate() {
        if stream.advance() {
            next.push(std::cmp::Reverse((
                String::from_utf8_lossy(stream.key()).into_owned(),
                index,
            )));
        }
    }
    let mut at_key = Vec::new();
    let mut per_case: Vec<(u32, f64)> = Vec::new();
    while let Some(std::cmp::Reverse((text, first))) = next.pop() {
        at_key.clear();
        at_key.push(first);
        while let Some(std::cmp::Reverse((_, index))) = next
            .peek_mut()
            .filter(|top| top.0.0 == text)
            .map(std::collections::binary_heap::PeekMut::pop)
        {
            at_key.push(index);
        }
        at_key.sort_unstable();
        per_case.clear();
        for &index in &at_key {
            let (Some(part), Some(stream)) = (parts.get(index), streams.get(index)) else {
                continue;
            };
            let term = Term::from_field_text(part.field, &text);
            let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(&term))
                .context("could not weigh a term")?;
            let idf = characteristic.idf_of(&term, analyzer == CONCEPT || text.chars().count() >= 3)?;
            let term = std::sync::Arc::new(term);
            let mut postings = part
                .inverted
                .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)
                .context("could not read postings")?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let score = weight.score(part.norms.fieldnorm_id(doc), postings.term_freq()) * part.boost;
                if let Some(ordinal) = part.ordinals.first(doc) {
                    per_case.push((ordinal as u32, f64::from(score)));
                    if let Some(idf) = idf {
                        characteristic.offer(ordinal as usize, postings.term_freq() as f32 * idf, &term);
                    }
                }
                doc = postings.advance();
            }
        }
        for &index in &at_key {
            if let Some(stream) = streams.get_mut(index)
                && stream.advance()
            {
                next.push(std::cmp::Reverse((
                    String::from_utf8_lossy(stream.key()).into_owned(),
                    index,
                )));
            }
        }
        // Stable: a case's scores are added in the order of its fields.
        per_case.sort_by_key(|(ordinal, _)| *ordinal);
        let by_case = || per_case.chunk_by(|a, b| a.0 == b.0);
        // Made to its length: grown by doubling, the postings of 100,000
        // cases held a third more room than they filled (90 MB).
        let mut postings: Vec<(u32, u32)> = Vec::with_capacity(by_case().count());
        postings.extend(by_case().map(|one_case| {
            let total = one_case.iter().fold(0.0, |total, (_, score)| total + score);
            (one_case[0].0, thousandths(total))
        }));
        let key = if analyzer == CONCEPT {
            format!("{CONCEPT_PREFIX}{text}")
        } else {
            text
        };
        entries
            .entry(key)
            .or_default()
            .postings
            .insert(analyzer.to_string(), postings);
    }
    Ok(())
}

/// The thesaurus' words as surface forms of their stems, each concept's
/// phrases on their first stem, and the concept's head words as one-word
/// phrases.
fn add_thesaurus(entries: &mut BTreeMap<String, Entry>, thesaurus: &super::Thesaurus) {
    for variant in &thesaurus.variants {
        let keys: Vec<String> = variant
            .stems
            .iter()
            .map(|stem| format!("{}:{stem}", variant.analyzer.name()))
            .collect();
        for (word, stem) in variant.words.iter().zip(&variant.stems) {
            entries
                .entry(word.clone())
                .or_default()
                .forms
                .insert((variant.analyzer.name().to_string(), stem.clone()));
        }
        if let Some(first) = variant.stems.first() {
            entries
                .entry(first.clone())
                .or_default()
                .phrases
                .insert((variant.concept.clone(), keys));
        }
    }
    for (key, word, concept) in head_words(thesaurus) {
        let Some((analyzer, stem)) = key.split_once(':') else {
            continue;
        };
        entries
            .entry(word)
            .or_default()
            .forms
            .insert((analyzer.to_string(), stem.to_string()));
        entries
            .entry(stem.to_string())
            .or_default()
            .phrases
            .insert((concept, vec![key.clone()]));
    }
}

/// The shortest head word a concept gets: shorter ones ("hjem", "ki") say
/// too little on their own.
const MIN_HEAD_CHARS: usize = 4;
/// The shortest head shared by two compounds of a concept, and the
/// shortest modifier before it.
const MIN_COMPOUND_HEAD_CHARS: usize = 5;
const MIN_MODIFIER_CHARS: usize = 3;

/// A head word: (key `analyzer:stem`) → (the word, its concepts).
type Heads<'a> = BTreeMap<String, (String, BTreeSet<&'a str>)>;

/// The head words of the thesaurus' variants, as (key `analyzer:stem`,
/// word, concept): the word a variant is about, which a user types alone.
/// Of a phrase, the first word before a function word, else the last
/// (Nordic and English noun phrases end in their noun): "våld" of "våld i
/// nära relationer", "bistand" of "økonomisk bistand". Of a concept's
/// compounds, the last part two of them share: "väkivalta" of
/// "lähisuhdeväkivalta" and "perheväkivalta", "vold" of "partnervold" and
/// "familievold" (also without a linking s or e it may begin with, which
/// the shared end cannot tell from the head). A head word shared by
/// several concepts ("digitalisering" of internal and external
/// digitalisation) or that is another concept's own one-word variant
/// stands for neither.
fn head_words(thesaurus: &super::Thesaurus) -> Vec<(String, String, String)> {
    let key = |variant: &super::thesaurus::Variant, stem: &str| format!("{}:{stem}", variant.analyzer.name());
    let own: BTreeSet<String> = thesaurus
        .variants
        .iter()
        .filter(|variant| variant.stems.len() == 1)
        .map(|variant| key(variant, &variant.stems[0]))
        .collect();
    let mut heads: Heads<'_> = BTreeMap::new();
    let mut add = |key: String, word: &str, concept| {
        heads
            .entry(key)
            .or_insert_with(|| (word.to_string(), BTreeSet::new()))
            .1
            .insert(concept);
    };
    for variant in thesaurus
        .variants
        .iter()
        .filter(|variant| variant.stems.len() > 1)
    {
        let pairs = || variant.words.iter().zip(&variant.stems);
        let head = if variant.words.iter().any(|word| analysis::is_stop_word(word)) {
            pairs().find(|(word, _)| !analysis::is_stop_word(word))
        } else {
            pairs().next_back()
        };
        let Some((word, stem)) = head else {
            continue;
        };
        if word.chars().count() < MIN_HEAD_CHARS || analysis::is_stop_word(word) {
            continue;
        }
        add(key(variant, stem), word, variant.concept.as_str());
    }
    let compounds: Vec<&super::thesaurus::Variant> = thesaurus
        .variants
        .iter()
        .filter(|variant| variant.words.len() == 1 && analysis::compounds(variant.analyzer))
        .collect();
    for (i, a) in compounds.iter().enumerate() {
        for b in &compounds[i + 1..] {
            if a.concept != b.concept || a.analyzer != b.analyzer {
                continue;
            }
            for head in shared_head(&a.words[0], &b.words[0]) {
                let stem = analysis::stem(a.analyzer, &head);
                add(key(a, &stem), &head, a.concept.as_str());
            }
        }
    }
    heads
        .into_iter()
        .filter(|(key, (_, concepts))| concepts.len() == 1 && !own.contains(key))
        .filter_map(|(key, (word, concepts))| Some((key, word, (*concepts.first()?).to_string())))
        .collect()
}

/// The last part two compounds share, if each has its own modifier before
/// it (not spellings of one compound, as "barnevernstjeneste" and
/// "barneverntjeneste"): the shared end, and the same without a leading
/// linking s or e.
fn shared_head(a: &str, b: &str) -> Vec<String> {
    let a_chars: Vec<char> = a.chars().collect();
    let b_chars: Vec<char> = b.chars().collect();
    let shared = a_chars
        .iter()
        .rev()
        .zip(b_chars.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let a_modifier: String = a_chars[..a_chars.len() - shared].iter().collect();
    let b_modifier: String = b_chars[..b_chars.len() - shared].iter().collect();
    if shared < MIN_COMPOUND_HEAD_CHARS
        || a_modifier.chars().count() < MIN_MODIFIER_CHARS
        || b_modifier.chars().count() < MIN_MODIFIER_CHARS
        || a_modifier.starts_with(&b_modifier)
        || b_modifier.starts_with(&a_modifier)
    {
        return Vec::new();
    }
    let head: String = a_chars[a_chars.len() - shared..].iter().collect();
    let mut heads = vec![head.clone()];
    if let Some(rest) = head.strip_prefix(['s', 'e'])
        && rest.chars().count() >= MIN_COMPOUND_HEAD_CHARS
    {
        heads.push(rest.to_string());
    }
    heads
}

/// Set every entry's [`Entry::folded`]: the forms of the other surface
/// forms that fold alike. Returns the keys whose entry changed. Folding
/// classes are small (the spellings of one word), so this is linear in the
/// vocabulary.
fn set_folds(entries: &mut BTreeMap<String, Entry>) -> BTreeSet<String> {
    let mut classes: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for (key, entry) in entries.iter() {
        if !entry.forms.is_empty() {
            classes.entry(analysis::fold(key)).or_default().push(key);
        }
    }
    let mut wanted: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for (folded, members) in &classes {
        if members.len() == 1 && members[0] == folded {
            continue;
        }
        let all: BTreeSet<(String, String)> = members
            .iter()
            .filter_map(|member| entries.get(*member))
            .flat_map(|entry| entry.forms.iter().cloned())
            .collect();
        for member in members {
            let own = entries.get(*member).map(|entry| &entry.forms);
            let others: BTreeSet<(String, String)> = all
                .iter()
                .filter(|form| own.is_none_or(|own| !own.contains(*form)))
                .cloned()
                .collect();
            if !others.is_empty() {
                wanted.insert((*member).clone(), others);
            }
        }
        if !members.contains(&folded) {
            wanted.insert(folded.clone(), all);
        }
    }
    let mut changed = BTreeSet::new();
    for (key, entry) in entries.iter_mut() {
        if !entry.folded.is_empty() && !wanted.contains_key(key) {
            entry.folded.clear();
            changed.insert(key.clone());
        }
    }
    for (key, folded) in wanted {
        let entry = entries.entry(key.clone()).or_default();
        if entry.folded != folded {
            entry.folded = folded;
            changed.insert(key);
        }
    }
    changed
}

impl SearchIndex {
    /// Bring `data` up to date after the case at `ordinal` of `catalogue`
    /// was edited, without indexing again: the case's postings are scored
    /// with tantivy's BM25 weights of this index (its document frequencies
    /// and average field lengths, from the last full build), its facets and
    /// related cases found again; every other case keeps its scores and
    /// related cases. A case whose text did not change gets exactly the
    /// scores a full build gives; after a real edit the statistics of the
    /// last full build stand in for the new ones, which differ by one case
    /// out of all. Shard boundaries stay as they were.
    ///
    /// Returns every key whose entry changed, so that only the shards
    /// holding them are exported again.
    pub fn update_case(
        &self,
        data: &mut SearchData,
        catalogue: &Catalogue,
        ordinal: usize,
    ) -> anyhow::Result<BTreeSet<String>> {
        let Some(case) = catalogue.cases.get(ordinal) else {
            anyhow::bail!("no case at ordinal {ordinal}");
        };
        let wanted = ordinal as u32;
        let removed = match data.edited_keys.remove(&wanted) {
            Some(keys) => remove_postings_of(data, wanted, &keys),
            None => remove_postings(data, wanted),
        };
        let mut touched = BTreeSet::new();
        let texts = case_texts(case, &catalogue.register);
        let splits = update_splits(data, &texts, &mut touched);
        let mut caches = WordCaches::default();
        let analysed = analyse(texts, &catalogue.thesaurus, &self.fields, &splits, &mut caches);
        let forms: Vec<_> = caches.into_forms().collect();
        let mut new_words = false;
        for (word, analyzer, stem) in &forms {
            let known = data
                .entries
                .get(word)
                .is_some_and(|entry| entry.forms.contains(&(analyzer.to_string(), stem.clone())));
            if !known {
                touched.insert(word.clone());
                new_words = true;
            }
        }
        add_forms(&mut data.entries, forms);
        update_concept_variants(
            data,
            &catalogue.thesaurus,
            wanted,
            &analysed.variants,
            &mut touched,
        );
        if new_words {
            touched.extend(set_folds(&mut data.entries));
        }
        let concept_field = self.fields.concept;
        let scores = self.case_scores(&field_counts(&analysed.texts, concept_field))?;
        let mut added = CasePostings::new();
        for ((analyzer, key), score) in scores {
            added
                .entry(key.clone())
                .or_default()
                .insert((analyzer.to_string(), thousandths(score)));
            let postings = data
                .entries
                .entry(key)
                .or_default()
                .postings
                .entry(analyzer.to_string())
                .or_default();
            let at = postings.partition_point(|&(o, _)| o < wanted);
            postings.insert(at, (wanted, thousandths(score)));
        }
        // Only the words whose postings of this case changed: an edit of a
        // title leaves the body's hundreds of words with the scores they
        // had, and their shards need not be made again.
        for key in removed.keys().chain(added.keys()) {
            if removed.get(key) != added.get(key) {
                touched.insert(key.clone());
            }
        }
        data.edited_keys.insert(wanted, added.keys().cloned().collect());
        if let Some(facets) = data.facets.get_mut(ordinal) {
            *facets = case_facets(catalogue, case);
        }
        let cases = Cases {
            searcher: &self.searcher,
            studies: &self.studies,
        };
        let found = related_of(
            &cases,
            (ordinal, catalogue.cases.len()),
            &analysed.texts,
            concept_field,
        )?;
        if let Some(related) = data.related.get_mut(ordinal) {
            *related = found;
        }
        Ok(touched)
    }
}

/// The compound splits of an edited case's words against the vocabulary
/// of the last full build (its words of other languages than English,
/// names among them), recorded on their entries; the keys whose
/// entry changed go into `touched`.
fn update_splits(data: &mut SearchData, texts: &Texts, touched: &mut BTreeSet<String>) -> Splits {
    let mut splits = Splits::default();
    for (analyzer, part, text) in texts {
        if !splits_words(*analyzer, part) {
            continue;
        }
        for word in analysis::words(text) {
            if splits.contains_key(&word) {
                continue;
            }
            let known = |part: &str| {
                data.entries
                    .get(part)
                    .is_some_and(|entry| entry.forms.iter().any(|(analyzer, _)| analyzer != "en"))
            };
            if let Some(parts) = analysis::split_compound(&word, &known) {
                splits.insert(word, parts);
            }
        }
    }
    for (word, parts) in &splits {
        let entry = data.entries.entry(word.clone()).or_default();
        if entry.parts != *parts {
            entry.parts = parts.clone();
            touched.insert(word.clone());
        }
    }
    splits
}

/// Token counts and frequencies per field, as tantivy counts them
/// (several values of one field add up).
type FieldCounts = BTreeMap<Field, (u32, BTreeMap<String, u32>)>;

impl SearchIndex {
    /// One case's BM25 score per (analyzer, key), with this index's
    /// statistics, summed over the fields in the order of the full build,
    /// so that the same scores round alike.
    fn case_scores(&self, per_field: &FieldCounts) -> anyhow::Result<BTreeMap<(&'static str, String), f64>> {
        let mut scores = BTreeMap::new();
        let text_fields = self
            .fields
            .text
            .iter()
            .map(|(analyzer, field, boost, _)| (analyzer.name(), *field, *boost));
        for (analyzer, field, boost) in text_fields.chain([(CONCEPT, self.fields.concept, CONCEPT_BOOST)]) {
            let Some((length, frequencies)) = per_field.get(&field) else {
                continue;
            };
            let norm = tantivy::fieldnorm::FieldNormReader::fieldnorm_to_id(*length);
            for (text, frequency) in frequencies {
                let weight = Bm25Weight::for_terms(&self.searcher, &[Term::from_field_text(field, text)])
                    .context("could not weigh a term")?;
                let key = if analyzer == CONCEPT {
                    format!("{CONCEPT_PREFIX}{text}")
                } else {
                    text.clone()
                };
                *scores.entry((analyzer, key)).or_default() +=
                    f64::from(weight.score(norm, *frequency) * boost);
            }
        }
        Ok(scores)
    }
}

/// Take the case at `wanted` out of every posting list; returns what was
/// taken out.
fn remove_postings(data: &mut SearchData, wanted: u32) -> CasePostings {
    // Every word is looked at, on every core: the vocabulary of 10,000
    // cases is hundreds of thousands of words.
    data.entries
        .par_iter_mut()
        .filter_map(|(key, entry)| {
            let removed = take_posting(entry, wanted);
            (!removed.is_empty()).then(|| (key.clone(), removed))
        })
        .collect()
}

/// Take the case at `wanted` out of an entry's posting lists; returns its
/// (analyzer, score) of each.
fn take_posting(entry: &mut Entry, wanted: u32) -> BTreeSet<(String, u32)> {
    let mut removed = BTreeSet::new();
    for (analyzer, postings) in entry.postings.iter_mut() {
        if let Ok(at) = postings.binary_search_by_key(&wanted, |&(o, _)| o) {
            let (_, score) = postings.remove(at);
            removed.insert((analyzer.clone(), score));
        }
    }
    entry.postings.retain(|_, postings| !postings.is_empty());
    removed
}

/// Take the case at `wanted` out of the posting lists of `keys`, which
/// hold all of its postings; returns what was taken out.
fn remove_postings_of(data: &mut SearchData, wanted: u32, keys: &[String]) -> CasePostings {
    let mut removed = CasePostings::new();
    for key in keys {
        let Some(entry) = data.entries.get_mut(key) else {
            continue;
        };
        let taken = take_posting(entry, wanted);
        if !taken.is_empty() {
            removed.insert(key.clone(), taken);
        }
    }
    removed
}

/// One case's postings: key → (analyzer, score in thousandths).
type CasePostings = BTreeMap<String, BTreeSet<(String, u32)>>;

/// The token counts of one case's texts per field.
fn field_counts(texts: &CaseTexts, concept_field: Field) -> FieldCounts {
    let mut per_field = FieldCounts::new();
    for (field, analyzer, text) in &texts.texts {
        let (length, frequencies) = per_field.entry(*field).or_default();
        for stem in analysis::stems(*analyzer, text) {
            *length += 1;
            *frequencies.entry(stem).or_default() += 1;
        }
    }
    for (concept, count) in &texts.concepts {
        let (length, frequencies) = per_field.entry(concept_field).or_default();
        *length += count;
        *frequencies.entry(concept.clone()).or_default() += count;
    }
    per_field
}

/// A summed score in thousandths; never 0, so that a match always counts.
fn thousandths(score: f64) -> u32 {
    ((score * 1000.0).round() as u32).max(1)
}

fn case_facets(catalogue: &Catalogue, case: &Case) -> CaseFacets {
    CaseFacets {
        country: case.country.clone(),
        municipalities: case
            .municipalities
            .iter()
            .map(|m| format!("{}/{}", m.territory.to_lowercase(), m.code))
            .collect(),
        categories: case.categories.clone(),
        service_areas: case.service_areas.clone(),
        status: case.status.clone(),
        size_classes: catalogue
            .config
            .size_classes
            .iter()
            .map(|class| class.id().to_string())
            .filter(|class| {
                rows(catalogue, case).any(|row| {
                    row.population
                        .and_then(|population| catalogue.config.size_class(population))
                        .is_some_and(|found| found.id() == class)
                })
            })
            .collect(),
        sparse: rows(catalogue, case).any(|row| catalogue.config.is_sparse(row.density()) == Some(true)),
        cooperation: case.cooperation.clone(),
        bodies: case.bodies.iter().map(|body| body.id.clone()).collect(),
        reviewed: case.reviewed.to_string(),
        started: case.started.earliest().to_string(),
        title: case.title.clone(),
    }
}

/// The register rows of a case's municipalities.
fn rows<'a>(
    catalogue: &'a Catalogue,
    case: &'a Case,
) -> impl Iterator<Item = &'a crate::register::Municipality> + 'a {
    case.municipalities
        .iter()
        .filter_map(|m| catalogue.register.by_code(&m.country, &m.code))
}

/// tantivy's inverse document frequency, as MoreLikeThis weighs terms.
fn idf(doc_freq: u64, total: u64) -> f32 {
    let x = ((total - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// One of a case's candidate characteristic terms: ordered worst first
/// (the lowest score, then the last term), so that a max-heap of them
/// drops the worst.
struct Candidate(f32, std::sync::Arc<Term>);

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.total_cmp(&self.0).then_with(|| self.1.cmp(&other.1))
    }
}

/// Every case's characteristic terms ([`characteristic_terms`]) picked
/// while the scores are read: the postings give each term's frequency in
/// each case, so the texts need not be analysed again, and each term's
/// document frequency is looked up once, not once per case. Keeps at most
/// [`MAX_RELATED_TERMS`] per case, the same ones, in the same order.
struct Characteristic<'s> {
    cases: &'s Cases<'s>,
    total: u64,
    best: Vec<std::collections::BinaryHeap<Candidate>>,
}

impl<'s> Characteristic<'s> {
    fn new(cases: &'s Cases<'s>, count: usize) -> Characteristic<'s> {
        Characteristic {
            cases,
            total: cases.num_docs(),
            best: (0..count).map(|_| std::collections::BinaryHeap::new()).collect(),
        }
    }

    /// The idf of a term that may characterise a case (`eligible`: a
    /// concept, or a word of 3 letters or more), if its document frequency
    /// lets it.
    fn idf_of(&self, term: &Term, eligible: bool) -> anyhow::Result<Option<f32>> {
        if !eligible {
            return Ok(None);
        }
        let doc_freq = self.cases.doc_freq(term)?;
        Ok(related_doc_freq(doc_freq, self.total).then(|| idf(doc_freq, self.total)))
    }

    fn offer(&mut self, ordinal: usize, score: f32, term: &std::sync::Arc<Term>) {
        let Some(best) = self.best.get_mut(ordinal) else {
            return;
        };
        let candidate = Candidate(score, term.clone());
        if best.len() < MAX_RELATED_TERMS {
            best.push(candidate);
        } else if best.peek().is_some_and(|worst| candidate < *worst) {
            best.pop();
            best.push(candidate);
        }
    }

    /// Each case's terms, best first.
    fn terms(self) -> Vec<Vec<Term>> {
        self.best
            .into_iter()
            .map(|best| {
                best.into_sorted_vec()
                    .into_iter()
                    .map(|Candidate(_, term)| std::sync::Arc::unwrap_or_clone(term))
                    .collect()
            })
            .collect()
    }
}

/// Whether a term in `doc_freq` of `total` cases can characterise one:
/// in 2 to half of them, but at most [`MAX_RELATED_DOC_FREQ`].
fn related_doc_freq(doc_freq: u64, total: u64) -> bool {
    (2..=(total / 2).clamp(2, MAX_RELATED_DOC_FREQ)).contains(&doc_freq)
}

/// The terms that best characterise a case, as tantivy's MoreLikeThis
/// picks them (term frequency × idf, terms in 2 to half of all cases but at
/// most [`MAX_RELATED_DOC_FREQ`], words of 3 letters or more), but ties
/// broken by the term itself: MoreLikeThis breaks them in hash order, which
/// made two builds differ.
fn characteristic_terms(
    cases: &Cases<'_>,
    texts: &[(Field, Analyzer, String)],
    concepts: &BTreeMap<String, u32>,
    concept_field: Field,
) -> anyhow::Result<Vec<Term>> {
    let total = cases.num_docs();
    let mut frequencies: BTreeMap<Term, u32> = BTreeMap::new();
    for (field, analyzer, text) in texts {
        for stem in analysis::stems(*analyzer, text) {
            if stem.chars().count() >= 3 {
                *frequencies
                    .entry(Term::from_field_text(*field, &stem))
                    .or_default() += 1;
            }
        }
    }
    for (concept, count) in concepts {
        *frequencies
            .entry(Term::from_field_text(concept_field, concept))
            .or_default() += count;
    }
    let mut scored: Vec<(f32, Term)> = Vec::new();
    for (term, frequency) in frequencies {
        let doc_freq = cases.doc_freq(&term)?;
        if !related_doc_freq(doc_freq, total) {
            continue;
        }
        scored.push((frequency as f32 * idf(doc_freq, total), term));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(scored
        .into_iter()
        .take(MAX_RELATED_TERMS)
        .map(|(_, term)| term)
        .collect())
}

/// What was indexed of one case, kept to find its related cases.
struct CaseTexts {
    texts: Vec<(Field, Analyzer, String)>,
    concepts: BTreeMap<String, u32>,
}

/// How many terms describe a case when looking for related ones.
const MAX_RELATED_TERMS: usize = 30;

/// A word in more cases than this characterises none of them (Lucene's
/// MoreLikeThis calls it maxDocFreq). It also bounds the work of one
/// related-cases query, so that finding them for every case grows linearly
/// with the catalogue: without it, 10,000 cases took 3.1 s and 100,000
/// would take a hundred times that. Catalogues of up to 2,000 cases are not
/// affected (half of them is the lower bound).
const MAX_RELATED_DOC_FREQ: u64 = 1_000;

/// For each case, the [`RELATED`] cases that best match its characteristic
/// terms: what a MoreLikeThis query per case (a should-clause per term, run
/// by tantivy) finds, without running one. Each distinct term's postings
/// are scored once, by tantivy's own term scorer, and each case adds up
/// the lists of its terms: 10,000 cases of real length have 274,233
/// clauses but 7,663 distinct terms, and one query per case spent half its
/// time on what tantivy's union and top-documents collector do around the
/// additions.
fn related(cases: &Cases<'_>, terms: &[Vec<Term>]) -> anyhow::Result<Vec<Vec<u32>>> {
    let documents = Documents::of(cases.searcher)?;
    let mut distinct: Vec<&Term> = terms.iter().flatten().collect();
    distinct.par_sort_unstable();
    distinct.dedup();
    let scored: Vec<ScoredPostings> = distinct
        .par_iter()
        .map(|term| documents.scored_postings(cases, term))
        .collect::<anyhow::Result<_>>()?;
    let count = terms.len();
    // One sum per case, independent of the others: spread over the cores,
    // collected in case order.
    Ok(terms
        .par_iter()
        .enumerate()
        .map_init(
            || Sums::new(documents.len()),
            |sums, (ordinal, terms)| {
                let lists = terms
                    .iter()
                    .filter_map(|term| distinct.binary_search(&term).ok().and_then(|at| scored.get(at)));
                sums.related(lists, &documents, cases.studies.docs, (ordinal, count))
            },
        )
        .collect())
}

/// The related cases of the case at `ordinal` of `cases`, whose indexed
/// texts are `case`.
fn related_of(
    cases: &Cases<'_>,
    (ordinal, count): (usize, usize),
    case: &CaseTexts,
    concept_field: Field,
) -> anyhow::Result<Vec<u32>> {
    let documents = Documents::of(cases.searcher)?;
    let terms = characteristic_terms(cases, &case.texts, &case.concepts, concept_field)?;
    let scored = terms
        .iter()
        .map(|term| documents.scored_postings(cases, term))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Sums::new(documents.len()).related(scored.iter(), &documents, cases.studies.docs, (ordinal, count)))
}

/// A term's documents, each with the score its clause gives it.
type ScoredPostings = Vec<(u32, f32)>;

/// Every document of the index by its place among all segments' documents
/// (segment by segment, as tantivy orders their addresses), with its
/// ordinal.
struct Documents {
    /// The ordinal of each document; `u32::MAX` for one without.
    ordinals: Vec<u32>,
}

impl Documents {
    fn of(searcher: &tantivy::Searcher) -> anyhow::Result<Documents> {
        let mut ordinals = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment
                .fast_fields()
                .u64("ordinal")
                .context("the index has no ordinals")?;
            ordinals.extend(
                (0..segment.max_doc())
                    .map(|doc| column.first(doc).map_or(u32::MAX, |ordinal| ordinal as u32)),
            );
        }
        Ok(Documents { ordinals })
    }

    fn len(&self) -> usize {
        self.ordinals.len()
    }

    fn ordinal(&self, document: u32) -> Option<u32> {
        self.ordinals
            .get(document as usize)
            .copied()
            .filter(|&ordinal| ordinal != u32::MAX)
    }

    /// The live documents with `term`, each scored by tantivy's scorer of a
    /// `TermQuery` without frequencies, with the statistics of the cases
    /// alone: exactly what its clause adds to a document's score.
    fn scored_postings(&self, cases: &Cases<'_>, term: &Term) -> anyhow::Result<ScoredPostings> {
        let weight = TermQuery::new(term.clone(), IndexRecordOption::Basic)
            .weight(EnableScoring::enabled_from_statistics_provider(
                cases,
                cases.searcher,
            ))
            .context("could not weigh a term")?;
        let mut scored = Vec::new();
        let mut first = 0u32;
        for segment in cases.searcher.segment_readers() {
            let alive = segment.alive_bitset();
            let mut scorer = weight.scorer(segment, 1.0).context("could not read postings")?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|alive| alive.is_alive(doc)) {
                    scored.push((first.saturating_add(doc), scorer.score()));
                }
                doc = scorer.advance();
            }
            first = first.saturating_add(segment.max_doc());
        }
        Ok(scored)
    }
}

/// A thread's running sums of one case's clauses, a slot per document.
struct Sums {
    /// Each document's sum, and whether a clause of this case reached it.
    slots: Vec<(f32, bool)>,
    /// The documents reached, in the order they were first reached.
    reached: Vec<u32>,
    /// The documents reached with their sums, best first once ranked.
    top: Vec<(f32, u32)>,
}

impl Sums {
    fn new(documents: usize) -> Sums {
        Sums {
            slots: vec![(0.0, false); documents],
            // One more than there are documents: the next one is written
            // before it is known to be new.
            reached: vec![0; documents + 1],
            top: Vec::new(),
        }
    }

    /// The related cases of the case at `ordinal` of `count` whose terms'
    /// postings are `lists`, in clause order. Ranked as the query's top
    /// documents were: each document's clause scores added in clause order
    /// from 0 (tantivy's `SumCombiner`, bit for bit), the best
    /// `RELATED * 4 + studies` kept by score and then by address
    /// (`TopDocs`), and of those, other cases by score and then ordinal.
    fn related<'l>(
        &mut self,
        lists: impl Iterator<Item = &'l ScoredPostings>,
        documents: &Documents,
        studies: u64,
        (ordinal, count): (usize, usize),
    ) -> Vec<u32> {
        let mut reached = 0;
        for list in lists {
            for &(document, score) in list {
                let Some((sum, seen)) = self.slots.get_mut(document as usize) else {
                    continue;
                };
                // Written whether or not the document is new and counted
                // only if it is: a third of the additions reach a new one,
                // a branch the processor could not predict.
                if let Some(next) = self.reached.get_mut(reached) {
                    *next = document;
                }
                reached += usize::from(!*seen);
                *seen = true;
                *sum += score;
            }
        }
        let top = &mut self.top;
        top.clear();
        for &document in self.reached.iter().take(reached) {
            if let Some((sum, seen)) = self.slots.get_mut(document as usize) {
                top.push((std::mem::take(sum), document));
                *seen = false;
            }
        }
        // Room for every study among the best, which are then left out.
        let kept = (RELATED * 4).saturating_add(usize::try_from(studies).unwrap_or(usize::MAX));
        let best_first = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if top.len() > kept {
            top.select_nth_unstable_by(kept, best_first);
            top.truncate(kept);
        }
        let mut found: Vec<(f32, u32)> = top
            .iter()
            .filter_map(|&(score, document)| Some((score, documents.ordinal(document)?)))
            .filter(|(_, other)| *other as usize != ordinal && (*other as usize) < count)
            .collect();
        found.sort_by(best_first);
        // Not collected from `found` itself, whose room the collection
        // would keep.
        let mut related = Vec::with_capacity(found.len().min(RELATED));
        related.extend(found.iter().take(RELATED).map(|&(_, other)| other));
        related
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::{BooleanQuery, Occur};
    use tantivy::schema::{FAST, INDEXED, TEXT};

    /// The related cases as one MoreLikeThis query per case, run by
    /// tantivy, found them: what [`related`] must find without them.
    fn related_by_query(cases: &Cases<'_>, (ordinal, count): (usize, usize), terms: &[Term]) -> Vec<u32> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|term| {
                let query = TermQuery::new(term.clone(), IndexRecordOption::Basic);
                (Occur::Should, Box::new(query) as Box<dyn Query>)
            })
            .collect();
        if clauses.is_empty() {
            return Vec::new();
        }
        let collector = TopDocs::with_limit(RELATED * 4 + cases.studies.docs as usize).order_by_score();
        let top = cases
            .searcher
            .search_with_statistics_provider(&BooleanQuery::new(clauses), &collector, cases)
            .unwrap();
        let mut found: Vec<(f32, u32)> = top
            .into_iter()
            .filter_map(|(score, address)| {
                let segment = cases.searcher.segment_reader(address.segment_ord);
                let column = segment.fast_fields().u64("ordinal").unwrap();
                Some((score, column.first(address.doc_id)? as u32))
            })
            .filter(|(_, other)| *other as usize != ordinal && (*other as usize) < count)
            .collect();
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found.into_iter().take(RELATED).map(|(_, other)| other).collect()
    }

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
        }
    }

    #[test]
    fn related_cases_are_those_a_more_like_this_query_per_case_finds() {
        // Few words, so that many documents tie; several segments, cases
        // added out of ordinal order and some deleted, so that a tie is
        // broken by address where the query's top documents do, and by
        // ordinal after; and studies, which are never related.
        let words = [
            "alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma", "zeta",
        ];
        for seed in 1..=6u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
            let mut builder = Schema::builder();
            let ordinal_field = builder.add_u64_field("ordinal", INDEXED | FAST);
            let title = builder.add_text_field("title", TEXT);
            let body = builder.add_text_field("body", TEXT);
            let index = Index::create_in_ram(builder.build());
            let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
            writer.set_merge_policy(Box::new(NoMergePolicy));
            let (count, studies) = (120usize, 3usize);
            let mut ordinals: Vec<usize> = (0..count + studies).collect();
            for at in (1..ordinals.len()).rev() {
                ordinals.swap(at, rng.below(at + 1));
            }
            // Bodies of one length in every other seed: a word's documents
            // then all score alike, more of them than the query keeps.
            let body_length = |rng: &mut Rng| if seed % 2 == 0 { 4 } else { 1 + rng.below(12) };
            for (added, &ordinal) in ordinals.iter().enumerate() {
                let text = |rng: &mut Rng, length: usize| {
                    (0..length)
                        .map(|_| words[rng.below(words.len())])
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let mut document = TantivyDocument::default();
                document.add_u64(ordinal_field, ordinal as u64);
                let title_length = 1 + rng.below(3);
                document.add_text(title, text(&mut rng, title_length));
                let length = body_length(&mut rng);
                document.add_text(body, text(&mut rng, length));
                writer.add_document(document).unwrap();
                if added % 40 == 39 {
                    writer.commit().unwrap();
                }
            }
            writer.commit().unwrap();
            for _ in 0..4 {
                writer.delete_term(Term::from_field_u64(ordinal_field, rng.below(count) as u64));
            }
            writer.commit().unwrap();
            let searcher = index.reader().unwrap().searcher();
            assert!(searcher.segment_readers().len() > 1);
            let statistics = StudyStatistics {
                docs: studies as u64,
                ..Default::default()
            };
            let cases = Cases {
                searcher: &searcher,
                studies: &statistics,
            };
            let terms: Vec<Vec<Term>> = (0..count)
                .map(|_| {
                    (0..rng.below(6))
                        .map(|_| {
                            let field = if rng.below(2) == 0 { title } else { body };
                            Term::from_field_text(field, words[rng.below(words.len())])
                        })
                        .collect()
                })
                .collect();
            let expected: Vec<Vec<u32>> = terms
                .iter()
                .enumerate()
                .map(|(ordinal, terms)| related_by_query(&cases, (ordinal, count), terms))
                .collect();
            assert!(expected.iter().filter(|found| found.len() == RELATED).count() > count / 2);
            assert_eq!(related(&cases, &terms).unwrap(), expected, "seed {seed}");
            let documents = Documents::of(&searcher).unwrap();
            for (ordinal, terms) in terms.iter().enumerate() {
                let scored: Vec<ScoredPostings> = terms
                    .iter()
                    .map(|term| documents.scored_postings(&cases, term).unwrap())
                    .collect();
                let found = Sums::new(documents.len()).related(
                    scored.iter(),
                    &documents,
                    cases.studies.docs,
                    (ordinal, count),
                );
                assert_eq!(found, expected[ordinal], "seed {seed}, case {ordinal}");
            }
        }
    }
}

//! The appendix as data: which cases, in which order, under which
//! headings, with which facts and summary tables. The PDF template and the
//! HTML page both lay out this one value, so they say the same things.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{Config, Vocabulary};
use crate::model::{Case, Catalogue};

use super::strings::Strings;
use super::tree;
use super::{Lang, Options};

/// A date as typst's `datetime(year:, month:, day:)` wants it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Ymd {
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryTable {
    pub title: &'static str,
    pub note: Option<&'static str>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The totals row, if the column sums mean something.
    pub footer: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView<'a> {
    /// With typographic quotes in the body's language in the PDF.
    pub title: String,
    /// The target if it is http, https or mailto; otherwise the address is
    /// shown as text only.
    pub url: Option<String>,
    pub shown: &'a str,
    /// `shown` in pieces a line may break between (see [`url_pieces`]).
    pub pieces: Vec<&'a str>,
}

/// The longest piece of an address kept unbroken; a longer run without a
/// safe break (a hash, a long word) is cut into pieces of this length.
const URL_PIECE: usize = 24;

/// Pieces shorter than this are joined with the next: every piece is a box
/// in the PDF, and a box costs a few hundred bytes.
const URL_PIECE_MIN: usize = 14;

/// An address in the pieces a printed line may break between, as style
/// guides advise: after a `/` (after `://` too, never inside it), before
/// `.`, `-`, `_`, `?`, `#`, `&` and `=` (so a line never ends in what
/// looks like a hyphen or a full stop), never before the last character,
/// so no line holds a lone `/`. Short pieces are joined, so a line breaks
/// at the first kind of place where it can.
pub fn url_pieces(url: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = url.char_indices().collect();
    let mut pieces: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut length = 0;
    for (index, &(offset, c)) in chars.iter().enumerate() {
        if index > 0 && index + 1 < chars.len() {
            let previous = chars[index - 1].1;
            let safe = (previous == '/' && c != '/')
                || (matches!(c, '.' | '-' | '_' | '?' | '#' | '&' | '=') && previous.is_alphanumeric())
                || length >= URL_PIECE;
            if safe {
                pieces.push(&url[start..offset]);
                start = offset;
                length = 0;
            }
        }
        length += 1;
    }
    if start < url.len() {
        pieces.push(&url[start..]);
    }
    // Join short neighbours (the pieces are adjacent slices of `url`).
    let mut joined: Vec<&str> = Vec::with_capacity(pieces.len());
    let mut from = 0;
    for piece in pieces {
        let end = from + piece.len();
        match joined.last_mut() {
            Some(last) if last.chars().count() < URL_PIECE_MIN => {
                let last_start = end - piece.len() - last.len();
                *last = &url[last_start..end];
            }
            _ => joined.push(&url[from..end]),
        }
        from = end;
    }
    joined
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseView<'a> {
    #[serde(skip)]
    pub case: &'a Case,
    /// `SE 3`: the case's number in this edition, its country's code and
    /// its place among the country's cases in the order they are printed.
    pub number: String,
    /// `se/digital-colleague`: the permanent id, the same in every edition.
    pub id: String,
    /// Unique in the document and made of [a-z0-9-] only: the prefix of
    /// the case's anchors and labels.
    pub key: String,
    /// Title, local title and summary: with typographic quotes in the PDF.
    /// Title and summary are in the edition's language where the case has
    /// a translation ([`Case::title_in`], [`Case::summary_in`]); the local
    /// title is left out where the title already is it.
    pub title: String,
    pub title_local: Option<String>,
    pub summary: String,
    /// The languages of the title and the summary.
    pub title_lang: String,
    pub summary_lang: String,
    /// The language of the body.
    pub language: &'a str,
    /// The heading of the sources in the language of the body, English
    /// when the appendix has no strings in that language (fo, kl, ...).
    pub sources_heading: &'static str,
    /// The language of that heading.
    pub sources_lang: &'static str,
    pub facts: Vec<Fact>,
    pub sources: Vec<SourceView<'a>>,
    /// The body as a tree (only for the PDF).
    pub body: Option<tree::Body>,
    /// Whether the body's last block is a paragraph short enough to keep
    /// on one page with the sources (the PDF moves it to the next page with
    /// them rather than leave the sources alone there).
    pub keep_with_sources: bool,
    /// The studies of the research mapping the case cites, each with the
    /// anchor of its reference in the research part.
    pub evidence: Vec<super::research::CaseCitation>,
}

/// The longest last paragraph (in characters, about five lines) the PDF
/// keeps on the page of the sources.
const KEEP_WITH_SOURCES: usize = 500;

/// See [`CaseView::keep_with_sources`].
fn keep_with_sources(body: Option<&tree::Body>, sources: usize) -> bool {
    let Some(body) = body else { return false };
    match body.blocks.last() {
        Some(last @ tree::Block::Par { .. }) if sources > 0 => {
            let text = tree::plain_text(&tree::Body {
                blocks: vec![last.clone()],
                notes: Vec::new(),
            });
            text.chars().count() <= KEEP_WITH_SOURCES
        }
        _ => false,
    }
}

/// A pointer to a case printed elsewhere in the edition: under another
/// category, or from the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRef {
    /// The case's key, the target of the link.
    pub key: String,
    pub number: String,
    pub title: String,
    /// The language of the title: the edition's where the case has a
    /// translation (issue 13), else its own or English.
    pub title_lang: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryGroup<'a> {
    pub id: String,
    pub label: String,
    /// The cases described here, in full.
    pub cases: Vec<CaseView<'a>>,
    /// The cases of this category described under another of their
    /// categories: listed here with their numbers, so that every category
    /// a case has shows it.
    pub references: Vec<CaseRef>,
}

/// A municipality of the index and its cases: those that name it as
/// taking part, and those that cover it through a co-operation body.
#[derive(Debug, Clone, Serialize)]
pub struct IndexEntry<'a> {
    pub name: &'a str,
    pub cases: Vec<IndexRef>,
}

/// A case of an index entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexRef {
    #[serde(flatten)]
    pub case: CaseRef,
    /// The case covers the municipality only through a body it names
    /// (printed in italics), as the site says "covered through".
    pub through: bool,
}

/// The index's municipalities of one country (territory: Åland's are
/// Åland's), by name.
#[derive(Debug, Clone, Serialize)]
pub struct IndexCountry<'a> {
    pub label: String,
    pub entries: Vec<IndexEntry<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryGroup<'a> {
    pub id: String,
    pub label: String,
    pub categories: Vec<CategoryGroup<'a>>,
}

/// A source of the municipality register, as the back matter prints it.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterSourceView<'a> {
    pub key: &'a str,
    /// What, licence and date of the data: English, with typographic
    /// quotes in the PDF.
    pub what: String,
    pub origin: &'a str,
    pub licence: String,
    pub data_as_of: String,
    /// The day the source was last checked, in the edition's date format;
    /// the file's text when it is not a date (which `check` reports).
    pub checked: String,
    /// `YYYY-MM-DD`, for HTML's `<time>`.
    pub checked_iso: &'a str,
}

/// The colophon, on the back of the title page: who publishes the
/// appendix, when, under which licence, how to cite it, and what made it.
#[derive(Debug, Clone, Serialize)]
pub struct Colophon {
    pub publisher: Option<String>,
    pub year: Option<i64>,
    pub isbn: Option<String>,
    pub issn: Option<String>,
    pub licence: Option<String>,
    pub licence_url: Option<String>,
    /// `[appendix] citation`, or one made of the other settings.
    pub citation: String,
    /// "Generated with catalogue 0.1.0 from the catalogue's case files."
    pub generated: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document<'a> {
    /// The language of the fixed strings and labels (`text(lang: ...)`).
    pub lang: &'static str,
    pub strings: &'static Strings,
    /// `[appendix] title`, or `[site] title`.
    pub title: &'a str,
    /// The subtitle: `[appendix] subtitle`, or `[site] description`.
    pub description: &'a str,
    /// `[appendix] edition` ("First edition"); empty when not set. The
    /// title page prints the date once, below it.
    pub edition: String,
    pub colophon: Colophon,
    /// The year of publication on the title page: only when the date does
    /// not show it already (no date, or `[appendix] year` another year).
    pub title_year: Option<i64>,
    /// The method note: how cases are collected and checked, and what a
    /// documented case is, one paragraph each.
    pub method: Vec<&'static str>,
    /// The sources of the municipality register, with their licences and
    /// the day each was last checked (empty without register/sources.csv).
    pub register_sources: Vec<RegisterSourceView<'a>>,
    /// The newest `reviewed` date of the catalogue; never the wall clock.
    pub date: Option<Ymd>,
    pub date_text: String,
    /// The filters, in words, when there are any.
    pub selection: Option<String>,
    pub case_count: usize,
    /// Whether the PDF's contents list every case, or only the countries
    /// and categories (see [`CONTENTS_LISTS_CASES_UP_TO`]).
    pub contents_lists_cases: bool,
    pub country_count: usize,
    pub tables: Vec<SummaryTable>,
    /// Under the first table: how the cases are ordered.
    pub order_note: &'static str,
    pub countries: Vec<CountryGroup<'a>>,
    /// The municipalities of the printed cases, by country and name.
    pub index: Vec<IndexCountry<'a>>,
    /// The bar chart of the first table and the map of municipalities.
    pub figures: super::figures::Figures,
    /// The second part, the research mapping; `None` when the catalogue
    /// has no studies.
    pub research: Option<super::research::Research>,
}

/// Up to this many cases the PDF's contents list every case under its
/// category. A larger edition's contents would run to pages of case titles
/// (21 pages at 1,000 cases) before the first case; there they list the
/// countries and categories, and a case is found by its number, which
/// runs in order through the edition, by the bookmarks, which still list
/// every case, and by the index of municipalities.
pub const CONTENTS_LISTS_CASES_UP_TO: usize = 150;

impl<'a> Document<'a> {
    /// The printed cases and their numbers, in the order they are printed.
    pub fn numbered(&self) -> Vec<(&'a Case, &str)> {
        self.countries
            .iter()
            .flat_map(|country| &country.categories)
            .flat_map(|category| &category.cases)
            .map(|view| (view.case, view.number.as_str()))
            .collect()
    }
}

fn label<'c>(config: &'c Config, vocabulary: Vocabulary, id: &'c str, lang: Lang) -> &'c str {
    config
        .term(vocabulary, id)
        .map_or(id, |term| term.label(lang.code()))
}

fn labels(config: &Config, vocabulary: Vocabulary, ids: &[String], lang: Lang) -> String {
    ids.iter()
        .map(|id| label(config, vocabulary, id, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The cases the filters select, in catalogue order. Unknown filter values
/// are an error that lists the known ones.
pub fn select<'a>(catalogue: &'a Catalogue, options: &Options) -> anyhow::Result<Vec<&'a Case>> {
    let config = &catalogue.config;
    let known =
        |vocabulary: Vocabulary| -> Vec<&str> { config.terms(vocabulary).iter().map(|t| t.id()).collect() };
    let mut countries = Vec::new();
    for country in &options.countries {
        let wanted = country.trim().to_uppercase();
        if !known(Vocabulary::Countries).contains(&wanted.as_str()) {
            anyhow::bail!(
                "--country {country}: there is no such country; the countries are {}",
                known(Vocabulary::Countries).join(", ")
            );
        }
        countries.push(wanted);
    }
    let mut categories = Vec::new();
    for category in &options.categories {
        let wanted = category.trim().to_lowercase();
        if !known(Vocabulary::Categories).contains(&wanted.as_str()) {
            anyhow::bail!(
                "--category {category}: there is no such digitalisation category; the categories are {}",
                known(Vocabulary::Categories).join(", ")
            );
        }
        categories.push(wanted);
    }
    Ok(catalogue
        .cases
        .iter()
        .filter(|case| countries.is_empty() || countries.contains(&case.country))
        .filter(|case| categories.is_empty() || case.categories.iter().any(|c| categories.contains(c)))
        .collect())
}

impl CaseView<'_> {
    /// A pointer to this case.
    pub fn reference(&self) -> CaseRef {
        CaseRef {
            key: self.key.clone(),
            number: self.number.clone(),
            title: self.title.clone(),
            title_lang: self.title_lang.clone(),
        }
    }
}

/// The category a case is described under: the first of its categories in
/// vocabulary order, among the selected ones if `--category` was given.
fn home_category<'c>(config: &'c Config, case: &Case, options: &Options) -> Option<&'c str> {
    config
        .categories
        .iter()
        .map(|term| term.id())
        .filter(|id| case.categories.iter().any(|c| c == id))
        .find(|id| {
            options.categories.is_empty()
                || options
                    .categories
                    .iter()
                    .any(|c| c.trim().eq_ignore_ascii_case(id))
        })
}

/// The body's language as a tag typst accepts (two or three letters);
/// anything else, which catalogue.toml should never allow, is "und".
fn language_tag(language: &str) -> &str {
    let letters = language.len();
    if (2..=3).contains(&letters) && language.chars().all(|c| c.is_ascii_lowercase()) {
        language
    } else {
        "und"
    }
}

/// The period in the edition's date format, as "Last reviewed" is: a
/// year as it is, a day spelled out ("3 June 2023"). The dash is spaced
/// when a side has spaces of its own ("3 June 2023 – 2024").
fn period(case: &Case, strings: &Strings) -> String {
    let date = |date: crate::schema::PartialDate| match date {
        crate::schema::PartialDate::Year(year) => year.to_string(),
        crate::schema::PartialDate::Day(day) => strings.date(day),
    };
    let started = date(case.started);
    let ended = case.ended.map(date).unwrap_or_default();
    if started.contains(' ') || ended.contains(' ') {
        format!("{started} – {ended}").trim_end().to_string()
    } else {
        format!("{started}–{ended}")
    }
}

/// The facts table of a case, in the order the appendix prints it.
fn facts(config: &Config, case: &Case, lang: Lang, strings: &'static Strings) -> Vec<Fact> {
    let mut facts = Vec::new();
    let names = |names: &mut dyn Iterator<Item = &str>| names.collect::<Vec<_>>().join(", ");
    if !case.municipalities.is_empty() {
        facts.push(Fact {
            label: &strings.municipalities,
            value: names(&mut case.municipalities.iter().map(|m| m.name.as_str())),
        });
    }
    if !case.bodies.is_empty() {
        facts.push(Fact {
            label: &strings.bodies,
            value: names(&mut case.bodies.iter().map(|b| b.name.as_str())),
        });
    }
    facts.extend([
        Fact {
            label: &strings.period,
            value: period(case, strings),
        },
        Fact {
            label: &strings.status,
            value: label(config, Vocabulary::Statuses, &case.status, lang).to_string(),
        },
        Fact {
            label: &strings.cooperation,
            value: label(config, Vocabulary::Cooperation, &case.cooperation, lang).to_string(),
        },
        Fact {
            label: &strings.categories,
            value: labels(config, Vocabulary::Categories, &case.categories, lang),
        },
        Fact {
            label: &strings.service_areas,
            value: labels(config, Vocabulary::ServiceAreas, &case.service_areas, lang),
        },
    ]);
    if !case.organisations.is_empty() {
        facts.push(Fact {
            label: &strings.organisations,
            value: case.organisations.join(", "),
        });
    }
    if let Some(evaluation) = &case.evaluation {
        facts.push(Fact {
            label: &strings.evaluation,
            value: label(config, Vocabulary::Evaluation, evaluation, lang).to_string(),
        });
    }
    facts.push(Fact {
        label: &strings.reviewed,
        value: strings.date(case.reviewed),
    });
    facts
}

fn case_view<'a>(
    config: &Config,
    case: &'a Case,
    reference: &CaseRef,
    lang: Lang,
    strings: &'static Strings,
    with_body: bool,
    citations: &BTreeMap<String, super::research::CaseCitation>,
) -> CaseView<'a> {
    // The PDF gets typographic quotes; the HTML page keeps the text as
    // written, as the site does.
    let quoted = |text: &str, language: &str| {
        if with_body {
            tree::quoted(text, language)
        } else {
            text.to_string()
        }
    };
    let body = with_body.then(|| {
        let mut body = tree::convert(&case.body);
        tree::typographic_quotes(&mut body, &case.language);
        body
    });
    // Strings that failed to load (which a test rules out) leave the
    // heading in the edition's language.
    let body_lang = Lang::from_code(&case.language).unwrap_or(Lang::En);
    let (body_lang, body_strings) = super::strings::of(body_lang)
        .map(|of| (body_lang, of))
        .unwrap_or((lang, strings));
    let (title, title_lang) = case.title_in(lang.code());
    let (summary, summary_lang) = case.summary_in(lang.code());
    // As on the site: a title in the case's own language (other than
    // English) is its local title, or stands in for it, and is shown once.
    let local_shown = title_lang != case.language || title_lang == crate::model::ORIGINAL_LANGUAGE;
    CaseView {
        case,
        number: reference.number.clone(),
        id: case.id(),
        key: reference.key.clone(),
        title: quoted(title, title_lang),
        title_local: case
            .title_local
            .as_deref()
            .filter(|local| local_shown && *local != title)
            .map(|local| quoted(local, &case.language)),
        summary: quoted(summary, summary_lang),
        title_lang: language_tag(title_lang).to_string(),
        summary_lang: language_tag(summary_lang).to_string(),
        language: language_tag(&case.language),
        sources_heading: &body_strings.sources,
        sources_lang: body_lang.code(),
        facts: facts(config, case, lang, strings),
        sources: case
            .sources
            .iter()
            .map(|source| SourceView {
                title: quoted(&source.title, &case.language),
                url: tree::safe_url(&source.url),
                shown: &source.url,
                pieces: url_pieces(&source.url),
            })
            .collect(),
        keep_with_sources: keep_with_sources(body.as_ref(), case.sources.len()),
        body,
        evidence: case
            .evidence
            .iter()
            .filter_map(|key| citations.get(key).cloned())
            .collect(),
    }
}

/// The summary tables of the selected cases.
fn tables(
    config: &Config,
    cases: &[&Case],
    countries: &[String],
    lang: Lang,
    strings: &'static Strings,
) -> Vec<SummaryTable> {
    let count = |vocabulary, values: &dyn Fn(&Case) -> Vec<&str>, title, heading, with_total| {
        CountTable {
            vocabulary,
            values,
            title,
            heading,
            with_total,
            several_note: (!with_total).then_some(strings.multi_service_area_note.as_str()),
        }
        .build(config, cases, lang, strings)
    };
    vec![
        country_table(
            &country_counts(config, cases, countries, lang),
            cases.len(),
            strings,
        ),
        count(
            Vocabulary::ServiceAreas,
            &|case| case.service_areas.iter().map(String::as_str).collect(),
            &strings.per_service_area,
            &strings.service_area,
            false,
        ),
        count(
            Vocabulary::Cooperation,
            &|case| vec![case.cooperation.as_str()],
            &strings.per_cooperation,
            &strings.cooperation,
            true,
        ),
        count(
            Vocabulary::Statuses,
            &|case| vec![case.status.as_str()],
            &strings.per_status,
            &strings.status,
            true,
        ),
    ]
}

/// How many cases each country has in each digitalisation category: the
/// country × category table and the bar chart both show these, so they
/// cannot disagree. A case with several categories counts in each of
/// them; a country's total counts it once.
#[derive(Debug, Clone)]
pub struct CountryCounts {
    /// The categories' labels, in vocabulary order (every category, as
    /// the table's columns).
    pub categories: Vec<String>,
    /// Each country's label, its count per category and its cases.
    pub countries: Vec<(String, Vec<usize>, usize)>,
    /// Each category's count over all countries.
    pub totals: Vec<usize>,
    /// Whether a case has several categories, so the counts add up to
    /// more than the cases.
    pub several: bool,
}

/// See [`CountryCounts`].
pub fn country_counts(config: &Config, cases: &[&Case], countries: &[String], lang: Lang) -> CountryCounts {
    let categories = &config.categories;
    let in_category = |case: &Case, id: &str| case.categories.iter().any(|c| c == id);
    let count = |of: &[&Case]| -> Vec<usize> {
        categories
            .iter()
            .map(|term| of.iter().filter(|case| in_category(case, term.id())).count())
            .collect()
    };
    CountryCounts {
        categories: categories
            .iter()
            .map(|term| term.label(lang.code()).to_string())
            .collect(),
        countries: countries
            .iter()
            .map(|country| {
                let of_country: Vec<&Case> = cases
                    .iter()
                    .copied()
                    .filter(|case| &case.country == country)
                    .collect();
                (
                    label(config, Vocabulary::Countries, country, lang).to_string(),
                    count(&of_country),
                    of_country.len(),
                )
            })
            .collect(),
        totals: count(cases),
        several: cases.iter().any(|case| case.categories.len() > 1),
    }
}

/// Cases per country (rows) and digitalisation category (columns).
fn country_table(counts: &CountryCounts, cases: usize, strings: &'static Strings) -> SummaryTable {
    let mut columns = vec![strings.country.to_string()];
    columns.extend(counts.categories.iter().cloned());
    columns.push(strings.total.to_string());
    let rows = counts
        .countries
        .iter()
        .map(|(country, per_category, total)| {
            let mut row = vec![country.clone()];
            row.extend(per_category.iter().map(usize::to_string));
            row.push(total.to_string());
            row
        })
        .collect();
    let mut footer = vec![strings.total.to_string()];
    footer.extend(counts.totals.iter().map(usize::to_string));
    footer.push(cases.to_string());
    SummaryTable {
        title: &strings.per_country,
        note: counts.several.then_some(strings.multi_category_note.as_str()),
        columns,
        rows,
        footer: Some(footer),
    }
}

/// A table of one vocabulary: each term and how many cases have it.
struct CountTable<'f> {
    vocabulary: Vocabulary,
    /// The terms of the vocabulary a case has.
    values: &'f dyn Fn(&Case) -> Vec<&str>,
    title: &'static str,
    heading: &'static str,
    /// Whether a totals row makes sense (each case has exactly one term).
    with_total: bool,
    /// What the table says when a case is counted in several rows, so that
    /// the rows add up to more than the cases.
    several_note: Option<&'static str>,
}

impl CountTable<'_> {
    fn build(&self, config: &Config, cases: &[&Case], lang: Lang, strings: &'static Strings) -> SummaryTable {
        let rows = config
            .terms(self.vocabulary)
            .iter()
            .map(|term| {
                let count = cases
                    .iter()
                    .filter(|case| (self.values)(case).contains(&term.id()))
                    .count();
                vec![term.label(lang.code()).to_string(), count.to_string()]
            })
            .collect();
        let several = cases.iter().any(|case| (self.values)(case).len() > 1);
        SummaryTable {
            title: self.title,
            note: self.several_note.filter(|_| several),
            columns: vec![self.heading.to_string(), strings.cases.to_string()],
            rows,
            footer: self
                .with_total
                .then(|| vec![strings.total.to_string(), cases.len().to_string()]),
        }
    }
}

/// What the grouping of cases into countries and categories depends on.
struct Grouping<'o> {
    config: &'o Config,
    options: &'o Options,
    lang: Lang,
    strings: &'static Strings,
    with_bodies: bool,
    /// The citation of each study of the research part, by key.
    citations: &'o BTreeMap<String, super::research::CaseCitation>,
}

impl Grouping<'_> {
    /// A case's title in the edition's language where it has one (else
    /// its own or English), as printed: with typographic quotes in the
    /// PDF; and the title's language.
    fn title<'c>(&self, case: &'c Case) -> (String, &'c str) {
        let (title, language) = case.title_in(self.lang.code());
        let title = if self.with_bodies {
            tree::quoted(title, language)
        } else {
            title.to_string()
        };
        (title, language)
    }

    /// English text as printed: with typographic quotes in the PDF.
    fn english(&self, text: &str) -> String {
        if self.with_bodies {
            tree::quoted(text, "en")
        } else {
            text.to_string()
        }
    }

    /// The categories that get a section: every one, or the selected ones
    /// with `--category`; in vocabulary order.
    fn sections(&self) -> Vec<&str> {
        self.config
            .categories
            .iter()
            .map(|term| term.id())
            .filter(|id| {
                self.options.categories.is_empty()
                    || self
                        .options
                        .categories
                        .iter()
                        .any(|c| c.trim().eq_ignore_ascii_case(id))
            })
            .collect()
    }

    /// Each country's cases: described in full under their home category
    /// and listed under each other category they have, by title within a
    /// section. A case's number counts the cases of its country in the
    /// order they are described (`SE 1`, `SE 2`, ...); its key (`case-1`,
    /// ...) counts those of the whole edition.
    fn countries<'a>(&self, selected: &[&'a Case], country_ids: &[String]) -> Vec<CountryGroup<'a>> {
        let config = self.config;
        let sections = self.sections();
        let mut countries = Vec::new();
        let mut key = 0usize;
        for country in country_ids {
            let mut cases: Vec<&Case> = selected
                .iter()
                .copied()
                .filter(|case| &case.country == country)
                .collect();
            // By the titles as printed: a translated edition in the
            // order of its translated titles.
            cases.sort_by_cached_key(|case| (title_order(case.title_in(self.lang.code()).0), case.id()));
            let homes: Vec<Option<usize>> = cases
                .iter()
                .map(|case| {
                    home_category(config, case, self.options)
                        .and_then(|home| sections.iter().position(|id| *id == home))
                })
                .collect();
            // The order of description: by home section (a case without
            // one last), by title within it; the sort is stable.
            let mut order: Vec<usize> = (0..cases.len()).collect();
            order.sort_by_key(|&i| homes[i].unwrap_or(sections.len()));
            let mut refs: Vec<Option<CaseRef>> = vec![None; cases.len()];
            for (n, &i) in order.iter().enumerate() {
                key += 1;
                let (title, title_lang) = self.title(cases[i]);
                refs[i] = Some(CaseRef {
                    key: format!("case-{key}"),
                    number: format!("{} {}", cases[i].country, n + 1),
                    title,
                    title_lang: language_tag(title_lang).to_string(),
                });
            }
            let view = |i: usize| {
                refs[i].as_ref().map(|r| {
                    case_view(
                        config,
                        cases[i],
                        r,
                        self.lang,
                        self.strings,
                        self.with_bodies,
                        self.citations,
                    )
                })
            };
            let mut categories = Vec::new();
            for (position, id) in sections.iter().enumerate() {
                let described: Vec<CaseView<'a>> = order
                    .iter()
                    .filter(|&&i| homes[i] == Some(position))
                    .filter_map(|&i| view(i))
                    .collect();
                let references: Vec<CaseRef> = (0..cases.len())
                    .filter(|&i| homes[i] != Some(position) && cases[i].categories.iter().any(|c| c == id))
                    .filter_map(|i| refs[i].clone())
                    .collect();
                if described.is_empty() && references.is_empty() {
                    continue;
                }
                categories.push(CategoryGroup {
                    id: id.to_string(),
                    label: label(config, Vocabulary::Categories, id, self.lang).to_string(),
                    cases: described,
                    references,
                });
            }
            // Validation gives every case a known category; should one
            // lack it, it still appears, under a dash.
            let homeless: Vec<CaseView<'a>> = order
                .iter()
                .filter(|&&i| homes[i].is_none())
                .filter_map(|&i| view(i))
                .collect();
            if !homeless.is_empty() {
                categories.push(CategoryGroup {
                    id: String::new(),
                    label: "–".to_string(),
                    cases: homeless,
                    references: Vec::new(),
                });
            }
            countries.push(CountryGroup {
                id: country.clone(),
                label: label(config, Vocabulary::Countries, country, self.lang).to_string(),
                categories,
            });
        }
        countries
    }
}

/// A territory's index entries by name order and municipality code.
type IndexEntries<'a> = BTreeMap<(String, &'a str), IndexEntry<'a>>;

/// The index of municipalities: each municipality a printed case names as
/// taking part, under its territory (in vocabulary order), by name, with
/// the cases in the order they are printed.
fn index<'a>(config: &Config, countries: &[CountryGroup<'a>], lang: Lang) -> Vec<IndexCountry<'a>> {
    // Territory → (name order, code) → entry.
    let mut found: BTreeMap<&'a str, IndexEntries<'a>> = BTreeMap::new();
    for view in countries
        .iter()
        .flat_map(|country| &country.categories)
        .flat_map(|category| &category.cases)
    {
        let case: &'a Case = view.case;
        let taking_part = case.municipalities.iter().map(|m| (m, false));
        let covered = case
            .bodies
            .iter()
            .flat_map(|body| &body.members)
            .filter(|m| !case.municipalities.contains(m))
            .map(|m| (m, true));
        for (municipality, through) in taking_part.chain(covered) {
            let entry = found
                .entry(municipality.territory.as_str())
                .or_default()
                .entry((title_order(&municipality.name), municipality.code.as_str()))
                .or_insert_with(|| IndexEntry {
                    name: &municipality.name,
                    cases: Vec::new(),
                });
            // A municipality in two of a case's bodies is one entry.
            if !entry.cases.iter().any(|r| r.case.key == view.key) {
                entry.cases.push(IndexRef {
                    case: view.reference(),
                    through,
                });
            }
        }
    }
    let position = |territory: &str| {
        config
            .countries
            .iter()
            .position(|term| term.id() == territory)
            .unwrap_or(usize::MAX)
    };
    let mut territories: Vec<(&str, IndexEntries<'a>)> = found.into_iter().collect();
    territories.sort_by_key(|(territory, _)| (position(territory), territory.to_string()));
    territories
        .into_iter()
        .map(|(territory, entries)| IndexCountry {
            label: label(config, Vocabulary::Countries, territory, lang).to_string(),
            entries: entries.into_values().collect(),
        })
        .collect()
}

/// The countries of the selected cases: in vocabulary order, then any
/// other (none after validation).
fn country_order(config: &Config, selected: &[&Case]) -> Vec<String> {
    let mut country_ids: Vec<String> = config
        .countries
        .iter()
        .map(|term| term.id().to_string())
        .filter(|id| selected.iter().any(|case| &case.country == id))
        .collect();
    let mut others: Vec<String> = selected
        .iter()
        .map(|case| case.country.clone())
        .filter(|id| !country_ids.contains(id))
        .collect();
    others.sort();
    others.dedup();
    country_ids.extend(others);
    country_ids
}

/// The filters in words ("Sweden, Norway · AI"), if there are any. A
/// country or category no selected case has says so ("Norway (no matching
/// case)"), so a reader does not take its absence for an omission.
fn selection(
    config: &Config,
    options: &Options,
    lang: Lang,
    strings: &Strings,
    selected: &[&Case],
) -> Option<String> {
    let marked = |text: &str, found: bool| {
        if found {
            text.to_string()
        } else {
            format!("{text} ({})", strings.selection_empty)
        }
    };
    let mut selection = Vec::new();
    if !options.countries.is_empty() {
        selection.push(
            country_ids_of(&options.countries)
                .iter()
                .map(|id| {
                    let found = selected.iter().any(|case| case.country == *id);
                    marked(label(config, Vocabulary::Countries, id, lang), found)
                })
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if !options.categories.is_empty() {
        let wanted: Vec<String> = options
            .categories
            .iter()
            .map(|c| c.trim().to_lowercase())
            .collect();
        selection.push(
            config
                .categories
                .iter()
                .map(|term| term.id())
                .filter(|id| wanted.iter().any(|w| w == id))
                .map(|id| {
                    let found = selected
                        .iter()
                        .any(|case| case.categories.iter().any(|c| c == id));
                    marked(label(config, Vocabulary::Categories, id, lang), found)
                })
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    (!selection.is_empty()).then(|| selection.join(" · "))
}

/// Build the document. `with_bodies` converts every body to a tree (the
/// PDF needs it, the HTML page renders bodies itself).
pub fn build<'a>(
    catalogue: &'a Catalogue,
    options: &Options,
    with_bodies: bool,
) -> anyhow::Result<Document<'a>> {
    let config = &catalogue.config;
    let lang = options
        .lang
        .unwrap_or_else(|| Lang::from_code(&config.site.language).unwrap_or(Lang::En));
    let strings = super::strings::of(lang)?;
    let selected = select(catalogue, options)?;
    let country_ids = country_order(config, &selected);
    let (research, citations) = match super::research::build(catalogue, options, &selected, lang, strings) {
        Some((research, citations)) => (Some(research), citations),
        None => (None, BTreeMap::new()),
    };
    let grouping = Grouping {
        config,
        options,
        lang,
        strings,
        with_bodies,
        citations: &citations,
    };
    // A catalogue without cases has no newest review: its title page has
    // no edition and no date (both are left out when empty or absent),
    // which is why an empty text is right here and no failure is hidden.
    let newest = catalogue.cases.iter().map(|case| case.reviewed).max();
    let countries = grouping.countries(&selected, &country_ids);
    let settings = &config.appendix;
    let title = settings.title.as_deref().unwrap_or(&config.site.title);
    let register_sources: Vec<RegisterSourceView<'a>> = catalogue
        .register
        .sources()
        .iter()
        .map(|source| RegisterSourceView {
            key: &source.key,
            what: grouping.english(&source.what),
            origin: &source.origin,
            licence: grouping.english(&source.licence),
            data_as_of: grouping.english(&source.data_as_of),
            checked: source
                .checked
                .parse::<jiff::civil::Date>()
                .map_or_else(|_| source.checked.clone(), |day| strings.date(day)),
            checked_iso: &source.checked,
        })
        .collect();
    let mut method = vec![
        strings.method_collection.as_str(),
        strings.method_checks.as_str(),
        strings.method_documented.as_str(),
    ];
    if !register_sources.is_empty() {
        method.push(strings.method_register.as_str());
    }
    Ok(Document {
        lang: lang.code(),
        strings,
        title,
        description: settings.subtitle.as_deref().unwrap_or(&config.site.description),
        edition: settings.edition.clone().unwrap_or_default(),
        colophon: colophon(config, title, newest.map(|date| i64::from(date.year())), strings),
        title_year: settings
            .year
            .filter(|year| newest.is_none_or(|date| i64::from(date.year()) != *year)),
        method,
        register_sources,
        date: newest.map(|date| Ymd {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }),
        date_text: newest.map(|date| strings.date(date)).unwrap_or_default(),
        selection: selection(config, options, lang, strings, &selected),
        case_count: selected.len(),
        contents_lists_cases: selected.len() <= CONTENTS_LISTS_CASES_UP_TO,
        country_count: country_ids.len(),
        tables: tables(config, &selected, &country_ids, lang, strings),
        figures: super::figures::figures(
            catalogue,
            &selected,
            &country_counts(config, &selected, &country_ids, lang),
            &strings.per_country,
            lang,
            strings,
        ),
        order_note: &strings.order_note,
        index: index(config, &countries, lang),
        countries,
        research,
    })
}

/// The colophon: `[appendix]` with its defaults filled in. `newest_year`
/// is the year of the newest review, the year of publication when
/// `[appendix] year` is not set.
fn colophon(config: &Config, title: &str, newest_year: Option<i64>, strings: &Strings) -> Colophon {
    let settings = &config.appendix;
    let publisher = settings
        .publisher
        .clone()
        .or_else(|| config.site.publisher.clone());
    let year = settings.year.or(newest_year);
    let citation = settings
        .citation
        .clone()
        .unwrap_or_else(|| suggested_citation(publisher.as_deref(), year, title, settings));
    Colophon {
        publisher,
        year,
        isbn: settings.isbn.clone(),
        issn: settings.issn.clone(),
        licence: settings.licence.clone(),
        licence_url: settings.licence_url.clone(),
        citation,
        generated: strings
            .generated
            .replace("{version}", &format!("catalogue {}", env!("CARGO_PKG_VERSION"))),
    }
}

/// A citation in the author–date form most Nordic reports use:
/// "Publisher (year). Title: Subtitle. Edition. ISBN …. ISSN …." Only a
/// subtitle set for the appendix is cited: the site's description, the
/// default subtitle, is a sentence, not a title.
fn suggested_citation(
    publisher: Option<&str>,
    year: Option<i64>,
    title: &str,
    settings: &crate::config::AppendixSettings,
) -> String {
    let sentence = |text: &str| {
        let text = text.trim();
        if text.ends_with(['.', '?', '!']) {
            text.to_string()
        } else {
            format!("{text}.")
        }
    };
    let mut parts = Vec::new();
    let year = year.map(|year| format!("({year})"));
    match (publisher, year) {
        (Some(publisher), Some(year)) => parts.push(format!("{} {year}.", publisher.trim())),
        (Some(publisher), None) => parts.push(sentence(publisher)),
        (None, Some(year)) => parts.push(format!("{year}.")),
        (None, None) => {}
    }
    parts.push(match &settings.subtitle {
        Some(subtitle) => sentence(&format!("{}: {}", title.trim(), subtitle.trim())),
        None => sentence(title),
    });
    if let Some(edition) = &settings.edition {
        parts.push(sentence(edition));
    }
    if let Some(isbn) = &settings.isbn {
        parts.push(format!("ISBN {}.", isbn.trim()));
    }
    if let Some(issn) = &settings.issn {
        parts.push(format!("ISSN {}.", issn.trim()));
    }
    parts.join(" ")
}

/// The order of titles: case-insensitive, with numbers by value
/// ("case 5" before "case 45"): every run of digits is padded to 20.
pub fn title_order(title: &str) -> String {
    let mut key = String::with_capacity(title.len() + 16);
    let mut digits = String::new();
    let flush = |digits: &mut String, key: &mut String| {
        if !digits.is_empty() {
            key.extend(std::iter::repeat_n('0', 20usize.saturating_sub(digits.len())));
            key.push_str(digits);
            digits.clear();
        }
    };
    for c in title.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut key);
            key.extend(c.to_lowercase());
        }
    }
    flush(&mut digits, &mut key);
    key
}

fn country_ids_of(countries: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for country in countries {
        let id = country.trim().to_uppercase();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_break_only_at_safe_points() {
        assert_eq!(
            url_pieces("https://www.kommune.no/tjenester/barnevern-og-familie/"),
            ["https://www.kommune", ".no/tjenester/", "barnevern-og-familie/"]
        );
        assert_eq!(
            url_pieces("http://e.org/a?x=1&y=2#top"),
            ["http://e.org/a", "?x=1&y=2#top"]
        );
        // No piece is a lone slash, and the pieces make the address.
        for url in [
            "https://a.se//b/",
            "/",
            "mailto:a@b.se",
            "x/y/",
            "https://e.org/abcdefghijklmnopqrstuvwxyz0123456789",
        ] {
            let pieces = url_pieces(url);
            assert_eq!(pieces.concat(), url);
            assert!(
                pieces.iter().skip(1).all(|piece| *piece != "/"),
                "{url}: {pieces:?}"
            );
            assert!(
                pieces
                    .iter()
                    .all(|piece| piece.chars().count() <= URL_PIECE + URL_PIECE_MIN),
                "{pieces:?}"
            );
        }
    }

    #[test]
    fn the_suggested_citation_is_made_of_the_settings() {
        let mut settings = crate::config::AppendixSettings::default();
        assert_eq!(
            suggested_citation(
                Some("Nordic Welfare Centre"),
                Some(2026),
                "Good examples",
                &settings
            ),
            "Nordic Welfare Centre (2026). Good examples."
        );
        settings.subtitle = Some("Appendix to the report".into());
        settings.edition = Some("Second edition".into());
        settings.isbn = Some("978-3-16-148410-0".into());
        settings.issn = Some("0317-8471".into());
        assert_eq!(
            suggested_citation(Some("NVC"), Some(2027), "Good examples", &settings),
            "NVC (2027). Good examples: Appendix to the report. Second edition. ISBN 978-3-16-148410-0. ISSN 0317-8471."
        );
        assert_eq!(
            suggested_citation(
                None,
                None,
                "Good examples",
                &crate::config::AppendixSettings::default()
            ),
            "Good examples."
        );
    }

    #[test]
    fn titles_order_numbers_by_value_and_ignore_case() {
        let mut titles = vec!["Case 45", "case 5", "Ärende", "Case 100", "apple"];
        titles.sort_by_key(|title| title_order(title));
        assert_eq!(titles, ["apple", "case 5", "Case 45", "Case 100", "Ärende"]);
    }
}

//! The appendix's own fixed text (headings, captions, month names, date
//! formats) in each language it can be written in. It lives with the
//! site's UI strings in the default theme's `i18n/<lang>.toml`, embedded in
//! the binary because the appendix takes no theme; as on the site, English
//! fills any gap. Vocabulary labels come from catalogue.toml.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::Lang;

/// The theme's UI strings of every language the appendix is written in.
const FILES: [(Lang, &str); 7] = [
    (Lang::En, include_str!("../../themes/default/i18n/en.toml")),
    (Lang::Sv, include_str!("../../themes/default/i18n/sv.toml")),
    (Lang::Nb, include_str!("../../themes/default/i18n/nb.toml")),
    (Lang::Nn, include_str!("../../themes/default/i18n/nn.toml")),
    (Lang::Da, include_str!("../../themes/default/i18n/da.toml")),
    (Lang::Fi, include_str!("../../themes/default/i18n/fi.toml")),
    (Lang::Is, include_str!("../../themes/default/i18n/is.toml")),
];

/// The strings of one language as the i18n file names them: those only
/// the appendix uses have an `appendix_` prefix, the others are the site's
/// own. Keys it does not name (the rest of the site's) are ignored.
#[derive(Debug, Deserialize)]
struct Keys {
    appendix_title: String,
    appendix_contents: String,
    appendix_summary: String,
    appendix_per_country: String,
    appendix_per_service_area: String,
    appendix_per_cooperation: String,
    appendix_per_status: String,
    country: String,
    appendix_category: String,
    appendix_service_area: String,
    cooperation: String,
    status: String,
    appendix_cases: String,
    total: String,
    appendix_edition: String,
    appendix_date: String,
    appendix_countries: String,
    appendix_selection: String,
    appendix_selection_empty: String,
    municipalities: String,
    bodies: String,
    period: String,
    categories: String,
    service_areas: String,
    organisations: String,
    evaluation: String,
    appendix_reviewed: String,
    sources: String,
    appendix_page: String,
    appendix_multi_category_note: String,
    appendix_multi_service_area_note: String,
    appendix_order_note: String,
    appendix_months: String,
    appendix_months_of_day: String,
    appendix_date_format: String,
    appendix_month_format: String,
    appendix_see: String,
    appendix_also_here: String,
    appendix_index: String,
    appendix_index_note: String,
    appendix_permanent_id: String,
    appendix_publisher: String,
    appendix_year: String,
    appendix_isbn: String,
    appendix_issn: String,
    appendix_licence: String,
    appendix_citation: String,
    appendix_colophon: String,
    appendix_generated: String,
    appendix_method: String,
    appendix_method_collection: String,
    appendix_method_checks: String,
    appendix_method_documented: String,
    appendix_method_register: String,
    appendix_register_sources: String,
    appendix_register_sources_note: String,
    appendix_source_key: String,
    appendix_source_what: String,
    appendix_source_origin: String,
    appendix_data_as_of: String,
    appendix_checked: String,
    appendix_figure: String,
    appendix_chart_caption: String,
    appendix_chart_note: String,
    appendix_chart_alt: String,
    appendix_map_caption: String,
    appendix_map_note: String,
    appendix_map_alt: String,
    appendix_map_unplaced: String,
    appendix_research: String,
    appendix_research_intro: String,
    appendix_studies_per_theme: String,
    appendix_studies_per_kind: String,
    appendix_theme: String,
    appendix_kind: String,
    appendix_studies: String,
    appendix_bibliography: String,
    appendix_research_on_case: String,
    appendix_study_described_under: String,
    appendix_research_empty: String,
    appendix_kind_peer_reviewed: String,
    appendix_kind_report: String,
    appendix_kind_thesis: String,
    appendix_kind_grey_literature: String,
}

/// Every fixed string of the appendix in one language. The PDF template
/// reads these by field name (`s.appendix`, `s.contents`, ...).
#[derive(Debug, Clone, Serialize)]
pub struct Strings {
    pub appendix: String,
    pub contents: String,
    pub summary: String,
    pub per_country: String,
    pub per_service_area: String,
    pub per_cooperation: String,
    pub per_status: String,
    pub country: String,
    pub category: String,
    pub service_area: String,
    pub cooperation: String,
    pub status: String,
    pub cases: String,
    pub total: String,
    pub edition: String,
    pub date: String,
    pub countries: String,
    pub selection: String,
    /// After a country or category of the selection that no case has.
    pub selection_empty: String,
    pub municipalities: String,
    pub bodies: String,
    pub period: String,
    pub categories: String,
    pub service_areas: String,
    pub organisations: String,
    pub evaluation: String,
    pub reviewed: String,
    pub sources: String,
    pub page: String,
    /// Under the country × category table.
    pub multi_category_note: String,
    /// Under the service-area table when a case has several areas.
    pub multi_service_area_note: String,
    /// At the start of the cases: how they are ordered.
    pub order_note: String,
    /// Month names for a date ("25 November 2026"), in the form a day
    /// takes.
    pub months_of_day: [String; 12],
    /// Month names on their own ("November 2026").
    pub months: [String; 12],
    /// A date: `{day}`, `{month}` (of [`Self::months_of_day`]) and `{year}`.
    pub date_format: String,
    /// A month: `{month}` (of [`Self::months`]) and `{year}`.
    pub month_format: String,
    /// Before a case number that points to a case described elsewhere
    /// ("see SE 3").
    pub see: String,
    /// Above the cases of a category described under another one.
    pub also_here: String,
    /// The index of municipalities: its heading and the note under it.
    pub index: String,
    pub index_note: String,
    /// What a case's permanent id (`se/digital-colleague`) is called.
    pub permanent_id: String,
    /// Who publishes the appendix: the label on the title page and in the colophon.
    pub publisher: String,
    /// The year of publication (colophon).
    pub year: String,
    pub isbn: String,
    pub issn: String,
    pub licence: String,
    /// "Suggested citation".
    pub citation: String,
    /// The heading of the colophon, on the back of the title page.
    pub colophon: String,
    /// What made the file: `{version}` is "catalogue 0.1.0".
    pub generated: String,
    /// The method note: its heading and paragraphs.
    pub method: String,
    pub method_collection: String,
    pub method_checks: String,
    pub method_documented: String,
    /// Only when the register lists its sources.
    pub method_register: String,
    /// The back matter: the sources of the municipality register, a note, and the labels of each source's entries.
    pub register_sources: String,
    pub register_sources_note: String,
    pub source_key: String,
    pub source_what: String,
    pub source_origin: String,
    pub data_as_of: String,
    pub checked: String,
    /// "Figure", before a figure's number.
    pub figure: String,
    /// The bar chart: its caption, where its numbers are (`{table}` is the
    /// table's title) and its text alternative (`{data}` is its numbers).
    pub chart_caption: String,
    pub chart_note: String,
    pub chart_alt: String,
    /// The map: its caption, where its municipalities are listed, its
    /// text alternative (`{n}` municipalities, `{data}` per country) and
    /// what it adds when `{n}` of them have no position.
    pub map_caption: String,
    pub map_note: String,
    pub map_alt: String,
    pub map_unplaced: String,
    /// The second part, the research mapping: its heading and the note
    /// under it.
    pub research: String,
    pub research_intro: String,
    /// Its two tables' titles, and their headings.
    pub studies_per_theme: String,
    pub studies_per_kind: String,
    pub theme: String,
    pub kind: String,
    pub studies: String,
    /// The heading of the references.
    pub bibliography: String,
    /// Before a case's in-text citations of its evidence.
    pub research_on_case: String,
    /// After a study listed under another of its themes: `{theme}` is
    /// the theme it is described under.
    pub study_described_under: String,
    /// When no study matches the edition's filters.
    pub research_empty: String,
    /// The kinds of study, in the order of `research::KINDS`.
    pub kinds: [String; 4],
}

impl Strings {
    /// "25 November 2026" in this language.
    pub fn date(&self, date: jiff::civil::Date) -> String {
        self.date_format
            .replace("{day}", &date.day().to_string())
            .replace("{month}", &self.months_of_day[month_index(date)])
            .replace("{year}", &date.year().to_string())
    }

    /// "November 2026" in this language.
    pub fn month(&self, date: jiff::civil::Date) -> String {
        self.month_format
            .replace("{month}", &self.months[month_index(date)])
            .replace("{year}", &date.year().to_string())
    }
}

/// January is 0. A civil date's month is 1 to 12, so this is 0 to 11.
fn month_index(date: jiff::civil::Date) -> usize {
    usize::from(date.month().unsigned_abs().saturating_sub(1)).min(11)
}

/// Twelve comma-separated month names.
fn months(list: &str, key: &str) -> anyhow::Result<[String; 12]> {
    let names: Vec<String> = list.split(',').map(|name| name.trim().to_string()).collect();
    let count = names.len();
    names
        .try_into()
        .map_err(|_| anyhow::anyhow!("{key} has {count} month names, not 12"))
}

impl TryFrom<Keys> for Strings {
    type Error = anyhow::Error;

    fn try_from(keys: Keys) -> anyhow::Result<Strings> {
        Ok(Strings {
            months_of_day: months(&keys.appendix_months_of_day, "appendix_months_of_day")?,
            months: months(&keys.appendix_months, "appendix_months")?,
            appendix: keys.appendix_title,
            contents: keys.appendix_contents,
            summary: keys.appendix_summary,
            per_country: keys.appendix_per_country,
            per_service_area: keys.appendix_per_service_area,
            per_cooperation: keys.appendix_per_cooperation,
            per_status: keys.appendix_per_status,
            country: keys.country,
            category: keys.appendix_category,
            service_area: keys.appendix_service_area,
            cooperation: keys.cooperation,
            status: keys.status,
            cases: keys.appendix_cases,
            total: keys.total,
            edition: keys.appendix_edition,
            date: keys.appendix_date,
            countries: keys.appendix_countries,
            selection: keys.appendix_selection,
            selection_empty: keys.appendix_selection_empty,
            municipalities: keys.municipalities,
            bodies: keys.bodies,
            period: keys.period,
            categories: keys.categories,
            service_areas: keys.service_areas,
            organisations: keys.organisations,
            evaluation: keys.evaluation,
            reviewed: keys.appendix_reviewed,
            sources: keys.sources,
            page: keys.appendix_page,
            multi_category_note: keys.appendix_multi_category_note,
            multi_service_area_note: keys.appendix_multi_service_area_note,
            order_note: keys.appendix_order_note,
            date_format: keys.appendix_date_format,
            month_format: keys.appendix_month_format,
            see: keys.appendix_see,
            also_here: keys.appendix_also_here,
            index: keys.appendix_index,
            index_note: keys.appendix_index_note,
            permanent_id: keys.appendix_permanent_id,
            publisher: keys.appendix_publisher,
            year: keys.appendix_year,
            isbn: keys.appendix_isbn,
            issn: keys.appendix_issn,
            licence: keys.appendix_licence,
            citation: keys.appendix_citation,
            colophon: keys.appendix_colophon,
            generated: keys.appendix_generated,
            method: keys.appendix_method,
            method_collection: keys.appendix_method_collection,
            method_checks: keys.appendix_method_checks,
            method_documented: keys.appendix_method_documented,
            method_register: keys.appendix_method_register,
            register_sources: keys.appendix_register_sources,
            register_sources_note: keys.appendix_register_sources_note,
            source_key: keys.appendix_source_key,
            source_what: keys.appendix_source_what,
            source_origin: keys.appendix_source_origin,
            data_as_of: keys.appendix_data_as_of,
            checked: keys.appendix_checked,
            figure: keys.appendix_figure,
            chart_caption: keys.appendix_chart_caption,
            chart_note: keys.appendix_chart_note,
            chart_alt: keys.appendix_chart_alt,
            map_caption: keys.appendix_map_caption,
            map_note: keys.appendix_map_note,
            map_alt: keys.appendix_map_alt,
            map_unplaced: keys.appendix_map_unplaced,
            research: keys.appendix_research,
            research_intro: keys.appendix_research_intro,
            studies_per_theme: keys.appendix_studies_per_theme,
            studies_per_kind: keys.appendix_studies_per_kind,
            theme: keys.appendix_theme,
            kind: keys.appendix_kind,
            studies: keys.appendix_studies,
            bibliography: keys.appendix_bibliography,
            research_on_case: keys.appendix_research_on_case,
            study_described_under: keys.appendix_study_described_under,
            research_empty: keys.appendix_research_empty,
            kinds: [
                keys.appendix_kind_peer_reviewed,
                keys.appendix_kind_report,
                keys.appendix_kind_thesis,
                keys.appendix_kind_grey_literature,
            ],
        })
    }
}

/// The i18n file of `lang` as a table of strings.
fn file(lang: Lang) -> anyhow::Result<BTreeMap<String, String>> {
    let text = FILES
        .iter()
        .find(|(file_lang, _)| *file_lang == lang)
        .map(|(_, text)| *text)
        .with_context(|| format!("no UI strings for {}", lang.code()))?;
    toml::from_str(text).with_context(|| format!("i18n/{}.toml is not a table of strings", lang.code()))
}

/// The strings of `lang`, English filling any gap.
fn load(lang: Lang) -> anyhow::Result<Strings> {
    let mut table = file(Lang::En)?;
    if lang != Lang::En {
        table.extend(file(lang)?);
    }
    let table: toml::Table = table.into_iter().map(|(key, text)| (key, text.into())).collect();
    let keys: Keys = toml::Value::Table(table)
        .try_into()
        .with_context(|| format!("the appendix's strings in i18n/{}.toml", lang.code()))?;
    Strings::try_from(keys).with_context(|| format!("the appendix's strings in i18n/{}.toml", lang.code()))
}

/// The fixed strings of `lang`, read once.
pub fn of(lang: Lang) -> anyhow::Result<&'static Strings> {
    static LOADED: OnceLock<Vec<(Lang, Result<Strings, String>)>> = OnceLock::new();
    let loaded = LOADED.get_or_init(|| {
        Lang::ALL
            .into_iter()
            .map(|lang| (lang, load(lang).map_err(|error| format!("{error:#}"))))
            .collect()
    });
    match loaded.iter().find(|(loaded_lang, _)| *loaded_lang == lang) {
        Some((_, Ok(strings))) => Ok(strings),
        Some((_, Err(error))) => anyhow::bail!("{error}"),
        None => anyhow::bail!("no UI strings for {}", lang.code()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_language() {
        let date = jiff::civil::date(2026, 11, 25);
        let of = |lang| of(lang).unwrap();
        assert_eq!(of(Lang::En).date(date), "25 November 2026");
        assert_eq!(of(Lang::Sv).date(date), "25 november 2026");
        assert_eq!(of(Lang::Nb).date(date), "25. november 2026");
        assert_eq!(of(Lang::Fi).date(date), "25. marraskuuta 2026");
        assert_eq!(of(Lang::Fi).month(date), "marraskuu 2026");
        assert_eq!(of(Lang::Is).month(date), "nóvember 2026");
        assert_eq!(of(Lang::En).date(jiff::civil::date(2026, 1, 5)), "5 January 2026");
        assert_eq!(
            of(Lang::Da).month(jiff::civil::date(2026, 12, 31)),
            "december 2026"
        );
    }

    /// en.toml has every key the appendix reads, so English can fill any
    /// gap, and every language has its own text for each of them.
    #[test]
    fn every_language_has_every_appendix_string() {
        for (lang, _) in FILES {
            let table: toml::Table = file(lang)
                .unwrap()
                .into_iter()
                .map(|(key, text)| (key, text.into()))
                .collect();
            let keys: Result<Keys, _> = toml::Value::Table(table).try_into();
            let keys = keys.unwrap_or_else(|error| panic!("i18n/{}.toml: {error}", lang.code()));
            Strings::try_from(keys).unwrap();
            assert!(of(lang).is_ok());
        }
    }

    #[test]
    fn no_language_has_a_key_english_lacks() {
        let english = file(Lang::En).unwrap();
        for (lang, _) in FILES {
            let strange: Vec<String> = file(lang)
                .unwrap()
                .into_keys()
                .filter(|key| !english.contains_key(key))
                .collect();
            assert!(strange.is_empty(), "i18n/{}.toml: {strange:?}", lang.code());
        }
    }
}

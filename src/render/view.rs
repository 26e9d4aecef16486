//! View models: the contract between the catalogue and its themes.
//!
//! Templates see only these serialisable structs, never the internal types,
//! so the catalogue's code can change without breaking a theme. Every label
//! is already in the site's language, every URL already carries the base
//! path, and every list is in its final order.

use std::sync::Arc;

use serde::Serialize;

/// A case's card (card.html) rendered once, already escaped, and shared
/// by every list it is in: a list of thousands is made by counting
/// references, not by copying a kilobyte of HTML per case.
pub type CardHtml = Arc<str>;

/// Site-wide values every page gets as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    /// The UI language (BCP 47), for `<html lang>`.
    pub language: String,
    /// The absolute address of the pages in this language, ending in `/`:
    /// `https://x.org/a/` or `https://x.org/a/sv/`.
    pub base_url: String,
    /// The path of the pages in this language, ending in `/` (`/a/`,
    /// `/a/sv/`): links to pages start with it (and are then made relative).
    pub root: String,
    /// The path of the site root, ending in `/`: links to what every
    /// language shares (static files, data, the feed) start with it.
    pub files: String,
    /// The absolute base URL of the site root, for the other languages'
    /// addresses (`hreflang`).
    pub site_url: String,
    /// Every language the site is built in, the default first.
    pub languages: Vec<LanguageView>,
    /// Countries for the navigation, in vocabulary order.
    pub countries: Vec<LinkView>,
    /// Digitalisation categories for the navigation.
    pub categories: Vec<LinkView>,
    pub total_cases: usize,
    /// Whether the register has co-operation bodies (and so `/bodies/`).
    pub has_bodies: bool,
    /// Whether the catalogue has studies (and so `/research/`).
    pub has_research: bool,
    /// The About, accessibility statement and privacy pages, for the footer.
    pub about_url: String,
    pub accessibility_url: String,
    pub privacy_url: String,
    /// "Propose a case": the form that writes a case file.
    pub contribute_url: String,
    /// The GitHub repository the catalogue is kept in; absent (undefined
    /// in templates) unless `[site] repository` names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<RepositoryView>,
}

/// The catalogue's GitHub repository, as links. Every address is
/// absolute, so the pages' relative-link rewriting leaves it alone.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RepositoryView {
    /// `https://github.com/owner/name`
    pub url: String,
    /// The branch edits are proposed against (`main`).
    pub branch: String,
    /// GitHub's page for a new file on that branch,
    /// `https://github.com/owner/name/new/main`; a file name and contents
    /// go after it (`/<folder>?filename=...&value=...`).
    pub new_file: String,
    /// The catalogue folder inside the repository, without a `/` at
    /// either end (`examples-catalogue`); empty for the repository's root.
    pub folder: String,
    /// GitHub's page for a new issue, `https://github.com/owner/name/issues/new`.
    pub issues_new: String,
}

/// One language of the site, for the language switch and `hreflang`.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    /// The language tag (`sv`).
    pub code: String,
    /// The language's name in itself (`Svenska`).
    pub name: String,
    /// Its pages' folder below the site root: empty, or `sv/`.
    pub folder: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkView {
    pub url: String,
    pub label: String,
}

/// A term's label in one language, for pages that show all of them.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLabel {
    pub language: String,
    pub language_name: String,
    pub label: String,
}

/// A case in a list.
#[derive(Debug, Clone, Serialize)]
pub struct CaseCard {
    /// `se/digital-colleague`
    pub id: String,
    pub url: String,
    /// The title in the page's language when the case has it, else in
    /// English ([`crate::model::Case::title_in`]).
    pub title: String,
    /// The language `title` is in, for its `lang` attribute.
    pub title_language: String,
    /// The local title, unless `title` already is it.
    pub title_local: Option<String>,
    /// The language of the body and of `title_local`.
    pub language: String,
    pub summary: String,
    /// The language `summary` is in.
    pub summary_language: String,
    pub country: LinkView,
    /// The municipalities the sources name as taking part.
    pub municipalities: Vec<LinkView>,
    /// The co-operation bodies the service runs through.
    pub bodies: Vec<LinkView>,
    pub categories: Vec<LinkView>,
    pub status: String,
    pub reviewed: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub organisation: String,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// Everything on a case page.
#[derive(Debug, Clone, Serialize)]
pub struct CasePage {
    pub card: CaseCard,
    pub service_areas: Vec<LinkView>,
    pub cooperation: LinkView,
    /// "2021-01-07 – 2023-06-30", or the start alone.
    pub started: String,
    pub ended: Option<String>,
    pub organisations: Vec<String>,
    pub evaluation: Option<String>,
    pub tags: Vec<String>,
    pub contact: Option<ContactView>,
    pub sources: Vec<LinkView>,
    /// Sanitised HTML of the body.
    pub body_html: String,
    /// The body's language, for `lang` on its element.
    pub body_language: String,
    pub body_language_name: String,
    /// Rendered cards (card.html), already escaped.
    pub related: Vec<CardHtml>,
    /// schema.org JSON-LD, safe inside its script element.
    pub json_ld: String,
    /// The studies its `evidence` names.
    pub research: Vec<EvidenceView>,
    /// "Suggest a change" and "Report a problem"; absent (undefined in
    /// templates) unless `[site] repository` names the repository.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub improve: Option<ImproveLinks>,
}

/// Where a reader proposes a change to a case or reports a problem with
/// it: absolute addresses on GitHub.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImproveLinks {
    /// GitHub's editor for the case's file on the repository's branch.
    pub edit_url: String,
    /// A new issue with the case's id and page filled in.
    pub issue_url: String,
}

/// One cell of the home page's country × category table.
#[derive(Debug, Clone, Serialize)]
pub struct CountCell {
    pub count: usize,
    /// Where the cases of the cell are listed; absent for an empty cell.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    pub country: LinkView,
    pub cells: Vec<CountCell>,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomePage {
    pub categories: Vec<LinkView>,
    pub rows: Vec<CountRow>,
    pub column_totals: Vec<usize>,
    /// Rendered cards (card.html), already escaped.
    pub newest: Vec<CardHtml>,
    pub map: MapView,
    /// The good examples and the studies per theme and per country.
    pub mapping_themes: Vec<MappingRow>,
    pub mapping_countries: Vec<MappingRow>,
    pub total_studies: usize,
}

/// An inline SVG map and the same data as a table.
#[derive(Debug, Clone, Serialize)]
pub struct MapView {
    /// Generated markup, escaped where it carries text.
    pub svg: String,
    /// Every municipality with cases, on the map or not.
    pub rows: Vec<MunicipalityCount>,
    /// How many of them have no map point in the register.
    pub without_point: usize,
}

/// A group of municipalities "like mine" (a size class, or sparsely
/// populated) with the cases they take part in.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceGroupPage {
    pub id: String,
    pub label: String,
    pub municipalities: Vec<PlaceGroupMember>,
    /// Rendered cards (card.html), already escaped: a page's own, made
    /// only for the pages rendered.
    pub cases: Vec<CardHtml>,
    /// The ordinals of every case of the group, in catalogue order.
    #[serde(skip)]
    pub ordinals: Vec<usize>,
}

/// A municipality of a group "like mine", with the figures that put it
/// there and the year they are from, so a reader can judge how current the
/// grouping is.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceGroupMember {
    #[serde(flatten)]
    pub count: MunicipalityCount,
    /// Digits grouped as the site's language does.
    pub population: Option<String>,
    pub population_year: Option<u16>,
    /// Inhabitants per km², one decimal, written as the site's language does.
    pub density: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlacesIndexPage {
    pub classes: Vec<PlaceGroupSummary>,
    pub sparse: Option<PlaceGroupSummary>,
    pub sparse_density: Option<f64>,
    /// Municipalities with cases whose population is unknown.
    pub unknown_size: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaceGroupSummary {
    pub link: LinkView,
    pub municipalities: usize,
    pub cases: usize,
}

/// Two municipalities that take part in the same cases.
#[derive(Debug, Clone, Serialize)]
pub struct PairView {
    pub first: LinkView,
    pub first_country: String,
    pub second: LinkView,
    pub second_country: String,
    pub shared: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkPage {
    /// The cases that name two or more municipalities or a body.
    pub by_example: Vec<CaseCard>,
    pub cross_border: Vec<PairView>,
    /// How many pairs the download lists.
    pub pairs: usize,
    pub pairs_url: String,
}

/// A group of cases under a heading (a category on a country page).
#[derive(Debug, Clone, Serialize)]
pub struct CaseGroup {
    /// The anchor id of the group, the term.
    pub id: String,
    pub heading: String,
    /// Rendered cards (card.html), already escaped.
    pub cases: Vec<CardHtml>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MunicipalityCount {
    pub link: LinkView,
    pub count: usize,
    /// The country's name, for partners across a border.
    pub country: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryPage {
    pub code: String,
    pub name: String,
    pub labels: Vec<LanguageLabel>,
    pub municipalities: Vec<MunicipalityCount>,
    /// The country's co-operation bodies, with the cases naming each.
    pub bodies: Vec<MunicipalityCount>,
    pub groups: Vec<CaseGroup>,
    pub case_count: usize,
    pub map: MapView,
}

#[derive(Debug, Clone, Serialize)]
pub struct MunicipalityPage {
    pub code: String,
    pub name: String,
    pub alternative_names: Vec<String>,
    pub country: LinkView,
    pub region: Option<String>,
    /// Digits grouped as the site's language does.
    pub population: Option<String>,
    pub population_year: Option<u16>,
    pub area_km2: Option<String>,
    /// `land` or `total`.
    pub area_kind: Option<String>,
    /// The year the area was measured for.
    pub area_year: Option<u16>,
    /// Inhabitants per km², one decimal.
    pub density: Option<String>,
    pub size_class: Option<LinkView>,
    /// Absent (undefined in templates) when the density is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sparse: Option<bool>,
    /// Rendered cards (card.html), already escaped.
    pub cases: Vec<CardHtml>,
    /// Municipalities it shares cases with, most shared first.
    pub partners: Vec<MunicipalityCount>,
    /// Cases that cover it through a body it is a member of, by body.
    pub covered: Vec<CoveredGroup>,
}

/// The cases that cover a municipality through one body.
#[derive(Debug, Clone, Serialize)]
pub struct CoveredGroup {
    pub body: LinkView,
    /// The kind of body, in the UI language.
    pub kind: String,
    /// Rendered cards (card.html), already escaped.
    pub cases: Vec<CardHtml>,
}

/// One co-operation body's page.
#[derive(Debug, Clone, Serialize)]
pub struct BodyPage {
    pub id: String,
    /// The name in the local language.
    pub name: String,
    /// The English name, when it differs.
    pub name_en: Option<String>,
    pub other_names: Vec<LanguageLabel>,
    /// The kind of body, in the UI language.
    pub kind: String,
    pub country: LinkView,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub website: Option<String>,
    /// Every membership of the register, by member name.
    pub members: Vec<BodyMemberView>,
    /// Rendered cards of the cases that name the body.
    pub cases: Vec<CardHtml>,
}

/// A member of a body, with its figures from the register.
#[derive(Debug, Clone, Serialize)]
pub struct BodyMemberView {
    pub name: LinkView,
    /// Whether the municipality has a page to link to.
    pub has_page: bool,
    pub population: Option<String>,
    pub population_year: Option<u16>,
    pub area_km2: Option<String>,
    pub area_kind: Option<String>,
    pub area_year: Option<u16>,
    pub density: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sparse: Option<bool>,
    /// The membership's first and last day, where the register gives them.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// `/bodies/`: every body of the register, by country.
#[derive(Debug, Clone, Serialize)]
pub struct BodyIndexPage {
    pub groups: Vec<BodyIndexGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyIndexGroup {
    pub country: LinkView,
    pub bodies: Vec<BodyIndexEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyIndexEntry {
    pub link: LinkView,
    pub kind: String,
    pub members: usize,
    pub cases: usize,
}

/// A page of one vocabulary term: a category, service area or form of
/// co-operation.
#[derive(Debug, Clone, Serialize)]
pub struct TermPage {
    /// `categories`, `service-areas` or `cooperation`.
    pub kind: String,
    /// The kind's heading in the UI language.
    pub kind_label: String,
    pub kind_url: String,
    pub term: String,
    pub label: String,
    pub description: Option<String>,
    pub labels: Vec<LanguageLabel>,
    /// Rendered cards (card.html), already escaped.
    pub cases: Vec<CardHtml>,
}

/// The list of the terms of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct TermIndexPage {
    pub kind: String,
    pub kind_label: String,
    pub terms: Vec<MunicipalityCount>,
}

/// The list of countries.
#[derive(Debug, Clone, Serialize)]
pub struct CountryIndexPage {
    pub countries: Vec<MunicipalityCount>,
}

/// An entry of the Atom feed and the sitemap.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// Absolute URL.
    pub url: String,
    pub title: String,
    pub summary: String,
    /// RFC 3339, from the case's `reviewed` date.
    pub updated: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SitemapEntry {
    pub url: String,
    pub lastmod: Option<String>,
}

/// The page at a withdrawn case's address.
#[derive(Debug, Clone, Serialize)]
pub struct WithdrawnPage {
    /// `se/slug`
    pub id: String,
    /// The title the case had.
    pub title: String,
    /// The day it was withdrawn.
    pub withdrawn: String,
    pub reason: String,
    pub country: LinkView,
}

/// One page of a list too long for one page: the list's view for this
/// page, and where the page is among the others. Templates see the list's
/// fields as before (`page.cases`) and the numbering as `page.pager`.
#[derive(Debug, Clone, Serialize)]
pub struct Paged<T> {
    #[serde(flatten)]
    pub page: T,
    pub pager: Pager,
}

/// Where a page is among the pages of its list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// 1 for the first page.
    pub number: usize,
    /// How many pages the list has; 1 when it fits on one.
    pub count: usize,
    /// How many entries (cards) the whole list has, on all its pages.
    pub entries: usize,
    /// "Page 2 of 5" in the UI language; empty for a list of one page.
    pub label: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The numbered links: the first and last page and those near this
    /// one, with a gap (no URL) where numbers are left out.
    pub links: Vec<PagerLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    pub number: usize,
    /// `None` for a gap ("…") between numbers.
    pub url: Option<String>,
    pub current: bool,
}

/// The About, accessibility and privacy pages: the publisher's settings
/// of `[site]` (each absent when not set, so that a page says what is
/// missing instead of guessing) and what the site keeps in the browser.
#[derive(Debug, Clone, Serialize)]
pub struct InfoPage {
    pub publisher: Option<String>,
    pub publisher_url: Option<String>,
    pub project_url: Option<String>,
    pub contact_email: Option<String>,
    pub contact_url: Option<String>,
    pub repository_url: Option<String>,
    /// `YYYY-MM-DD`, from the settings, never the clock.
    pub statement_date: Option<String>,
    /// `full`, `partial` or `none`.
    pub compliance: Option<String>,
    /// The theme's scripts that keep data in the browser.
    pub storage: Vec<BrowserStorage>,
}

/// A script of the theme that uses the browser's storage.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BrowserStorage {
    /// Its file below `static/`: `search.js`.
    pub script: String,
    /// The storage it uses: `localStorage`, `sessionStorage`, `IndexedDB`.
    pub kinds: Vec<String>,
}

/// A study of the research mapping in a list: its reference in the
/// citation style, and how the review coded it.
#[derive(Debug, Clone, Serialize)]
pub struct StudyCard {
    pub key: String,
    pub url: String,
    pub title: String,
    /// The language of the title (and so of the reference), when known.
    pub title_language: Option<String>,
    /// The reference as HTML: escaped, with the style's italics as `<i>`.
    pub reference_html: String,
    pub year: i32,
    /// The kind in the UI language.
    pub kind: String,
    pub themes: Vec<LinkView>,
    pub countries: Vec<LinkView>,
}

/// One value of a filter of the research list, with how many studies
/// have it.
#[derive(Debug, Clone, Serialize)]
pub struct FilterValue {
    pub link: LinkView,
    pub count: usize,
    /// Whether the page lists the studies of this value.
    pub current: bool,
}

/// A filter of the research list: theme, country, kind or year.
#[derive(Debug, Clone, Serialize)]
pub struct FilterView {
    /// `themes`, `countries`, `kinds` or `years`: the anchor id too.
    pub id: String,
    pub label: String,
    pub values: Vec<FilterValue>,
}

/// `/research/` and its filtered lists (`/research/countries/se/`).
#[derive(Debug, Clone, Serialize)]
pub struct ResearchListPage {
    /// The value listed ("Sweden"), absent on the list of every study.
    pub filter: Option<String>,
    /// The list of every study, for the link back from a filtered one.
    pub all_url: String,
    pub total: usize,
    pub filters: Vec<FilterView>,
    pub studies: Vec<StudyCard>,
}

/// A study's page.
#[derive(Debug, Clone, Serialize)]
pub struct StudyPage {
    pub card: StudyCard,
    /// How the text cites it, as HTML ("(Hjelte et al., 2023)").
    pub in_text_html: String,
    /// The plain reference, for the page's description.
    pub reference: String,
    pub summary: Option<String>,
    pub design: Option<String>,
    pub population: Option<String>,
    pub outcomes: Option<String>,
    /// Its DOI as a link, else its url.
    pub link: Option<String>,
    /// Rendered cards (card.html) of the cases whose `evidence` names it.
    pub cases: Vec<CardHtml>,
    pub research_url: String,
}

/// A study a case names as its evidence, on the case's page.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub url: String,
    pub title: String,
    pub title_language: Option<String>,
    /// The in-text citation as HTML ("(Hjelte et al., 2023)").
    pub in_text_html: String,
}

/// A row of the home page's tables of the two mappings: a theme or a
/// country, with its good examples and its studies.
#[derive(Debug, Clone, Serialize)]
pub struct MappingRow {
    pub label: String,
    pub cases: usize,
    /// Where those cases are listed.
    pub cases_url: String,
    pub studies: usize,
    /// Where those studies are listed; absent when there are none.
    pub studies_url: Option<String>,
}

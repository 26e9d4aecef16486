//! The render stage: the validated catalogue → every page of the site, as
//! bytes in memory, in a fixed order.
//!
//! [`Theme`] loads the tera templates, static files and UI strings of a
//! theme folder; [`render_site`] builds the view models of [`view`] and
//! renders each page. Each case's card is rendered once (card.html) and
//! reused by every list it is in. Case, municipality and term pages are
//! rendered and written on every core; the order of the sitemap does not
//! depend on the threads, so the output is the same bytes whatever their
//! number. A [`Selection`] renders only the pages an edit reached, with
//! the [`RenderCache`] of the previous render (`serve`).

mod bodies;
mod places;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Config, Term, Vocabulary};
use crate::export;
use crate::markdown;
use crate::model::{Case, Catalogue, MunicipalityRef};
use crate::register::Municipality;
use crate::search::SearchData;
use crate::search::export::{Card, Labels};
use view::*;

/// One output file: its path below the site root and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A theme folder: `templates/`, `static/` and `i18n/<lang>.toml`.
pub struct Theme {
    tera: tera::Tera,
    pub static_dir: PathBuf,
    i18n_dir: PathBuf,
}

/// The UI strings of one language (`i18n/<lang>.toml`).
pub type Strings = BTreeMap<String, String>;

/// HTML escaping for text and quoted attribute values. Unlike tera's
/// default it leaves `/` alone: escaping it protects nothing inside quotes
/// and would turn every URL into `https:&#x2F;&#x2F;…`.
fn escape_html(input: &str) -> String {
    let mut output = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => output.push_str("&amp;"),
            '<' => output.push_str("&lt;"),
            '>' => output.push_str("&gt;"),
            '"' => output.push_str("&quot;"),
            '\'' => output.push_str("&#39;"),
            _ => output.push(c),
        }
    }
    output
}

/// tera's own message names only the template; the cause is in the chain.
fn tera_error(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}

impl Theme {
    pub fn load(dir: &Path) -> anyhow::Result<Theme> {
        let templates_dir = dir.join("templates");
        if !templates_dir.is_dir() {
            anyhow::bail!("{} is not a theme: it has no templates/ folder", dir.display());
        }
        let mut templates = Vec::new();
        for entry in walkdir::WalkDir::new(&templates_dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("could not read {}", templates_dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&templates_dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(entry.path())
                .with_context(|| format!("could not read {}", entry.path().display()))?;
            templates.push((name, text));
        }
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(templates).map_err(|error| {
            anyhow::anyhow!("the theme's templates have an error: {}", tera_error(&error))
        })?;
        Ok(Theme {
            tera,
            static_dir: dir.join("static"),
            i18n_dir: dir.join("i18n"),
        })
    }

    /// The UI strings of `language`, with English filling any gap.
    pub fn strings(&self, language: &str) -> anyhow::Result<Strings> {
        let read = |language: &str| -> anyhow::Result<Strings> {
            let path = self.i18n_dir.join(format!("{language}.toml"));
            let text = std::fs::read_to_string(&path).with_context(|| {
                format!(
                    "the theme has no UI strings for \"{language}\" ({})",
                    path.display()
                )
            })?;
            toml::from_str(&text).with_context(|| format!("{} is not a table of strings", path.display()))
        };
        let mut strings = read("en")?;
        if language != "en" {
            strings.extend(read(language)?);
        }
        Ok(strings)
    }

    fn render(&self, template: &str, context: &tera::Context) -> anyhow::Result<String> {
        self.tera
            .render(template, context)
            .map_err(|error| anyhow::anyhow!("could not render {template}: {}", tera_error(&error)))
    }
}

/// Options of one build.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The absolute URL the site is published at; its path is the prefix
    /// of every internal link.
    pub base_url: String,
}

/// `https://x.org/a` → (`https://x.org/a/`, `/a/`).
fn base_and_root(base_url: &str) -> (String, String) {
    let base = format!("{}/", base_url.trim_end_matches('/'));
    let root = match url::Url::parse(&base) {
        Ok(parsed) => parsed.path().to_string(),
        Err(_) => {
            let path = base.trim_start_matches('/');
            format!("/{path}")
        }
    };
    (base, root)
}

/// Everything the page builders share.
struct Builder<'a> {
    catalogue: &'a Catalogue,
    config: &'a Config,
    language: String,
    root: String,
    base: String,
    /// Cases by (territory, code) of a municipality they name, in
    /// catalogue order.
    by_municipality: BTreeMap<(String, String), Vec<usize>>,
    /// Cases by the bodies they name, and the members those cover.
    bodies: bodies::BodyIndex,
    search: &'a SearchData,
    strings: &'a Strings,
    /// Each case's card (card.html) by ordinal, rendered once and reused by
    /// every list the case is in.
    card_html: Vec<String>,
}

/// The URL kinds of the three term vocabularies.
const TERM_KINDS: [(Vocabulary, &str, &str); 3] = [
    (Vocabulary::Categories, "categories", "categories"),
    (Vocabulary::ServiceAreas, "service-areas", "service_areas"),
    (Vocabulary::Cooperation, "cooperation", "cooperation"),
];

impl<'a> Builder<'a> {
    /// A UI string of the theme (the key itself if the theme lacks it).
    fn t(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn number(&self, value: f64, decimals: usize) -> String {
        number(value, decimals, &self.language)
    }

    fn label(&self, vocabulary: Vocabulary, term: &str) -> String {
        self.config
            .term(vocabulary, term)
            .map_or_else(|| term.to_string(), |t| t.label(&self.language).to_string())
    }

    fn country_link(&self, code: &str) -> LinkView {
        LinkView {
            url: self.url(&format!("countries/{}/", code.to_lowercase())),
            label: self.label(Vocabulary::Countries, code),
        }
    }

    fn municipality_link(&self, municipality: &MunicipalityRef) -> LinkView {
        LinkView {
            url: self.url(&format!(
                "countries/{}/{}/",
                municipality.territory.to_lowercase(),
                municipality.code
            )),
            label: municipality.name.clone(),
        }
    }

    fn term_link(&self, vocabulary: Vocabulary, kind: &str, term: &str) -> LinkView {
        LinkView {
            url: self.url(&format!("{kind}/{term}/")),
            label: self.label(vocabulary, term),
        }
    }

    fn all_labels(&self, term: &Term) -> Vec<LanguageLabel> {
        self.config
            .site
            .label_languages
            .iter()
            .map(|language| LanguageLabel {
                language: language.clone(),
                language_name: self.label(Vocabulary::Languages, language),
                label: term.label(language).to_string(),
            })
            .collect()
    }

    fn card(&self, case: &Case) -> CaseCard {
        CaseCard {
            id: case.id(),
            url: self.url(&export::case_path(case)),
            title: case.title.clone(),
            title_local: case.title_local.clone(),
            language: case.language.clone(),
            summary: case.summary.clone(),
            country: self.country_link(&case.country),
            municipalities: case
                .municipalities
                .iter()
                .map(|m| self.municipality_link(m))
                .collect(),
            bodies: case.bodies.iter().map(|b| self.body_link(b)).collect(),
            categories: case
                .categories
                .iter()
                .map(|c| self.term_link(Vocabulary::Categories, "categories", c))
                .collect(),
            status: self.label(Vocabulary::Statuses, &case.status),
            reviewed: case.reviewed.to_string(),
        }
    }

    /// The rendered cards of the cases at these ordinals.
    fn cards(&self, ordinals: impl IntoIterator<Item = usize>) -> Vec<String> {
        ordinals
            .into_iter()
            .filter_map(|ordinal| self.card_html.get(ordinal).cloned())
            .collect()
    }

    /// The search result card of one case.
    fn search_card(&self, case: &Case) -> Card {
        Card {
            id: case.id(),
            url: export::case_path(case),
            title: case.title.clone(),
            summary: case.summary.clone(),
            country: self.label(Vocabulary::Countries, &case.country),
            municipalities: case.municipalities.iter().map(|m| m.name.clone()).collect(),
            categories: case
                .categories
                .iter()
                .map(|c| self.label(Vocabulary::Categories, c))
                .collect(),
        }
    }

    fn search_labels(&self) -> Labels {
        let terms = |vocabulary| -> Vec<(String, String)> {
            self.config
                .terms(vocabulary)
                .iter()
                .map(|term| (term.id().to_string(), term.label(&self.language).to_string()))
                .collect()
        };
        Labels {
            countries: terms(Vocabulary::Countries),
            categories: terms(Vocabulary::Categories),
            service_areas: terms(Vocabulary::ServiceAreas),
            statuses: terms(Vocabulary::Statuses),
            size_classes: self
                .config
                .size_classes
                .iter()
                .map(|class| (class.id().to_string(), class.label(&self.language).to_string()))
                .collect(),
            sparse: vec![("sparsely-populated".to_string(), self.t("sparse_label"))],
            municipalities: self
                .catalogue
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

    /// The related cases tantivy's MoreLikeThis found for `index`.
    fn related(&self, index: usize) -> Vec<String> {
        self.cards(
            self.search
                .related
                .get(index)
                .into_iter()
                .flatten()
                .map(|&other| other as usize),
        )
    }

    fn case_page(&self, index: usize) -> CasePage {
        let case = &self.catalogue.cases[index];
        let body = markdown::render_body(&case.body);
        CasePage {
            card: self.card(case),
            service_areas: case
                .service_areas
                .iter()
                .map(|a| self.term_link(Vocabulary::ServiceAreas, "service-areas", a))
                .collect(),
            cooperation: self.term_link(Vocabulary::Cooperation, "cooperation", &case.cooperation),
            started: case.started.to_string(),
            ended: case.ended.map(|date| date.to_string()),
            organisations: case.organisations.clone(),
            evaluation: case
                .evaluation
                .as_deref()
                .map(|e| self.label(Vocabulary::Evaluation, e)),
            tags: case.tags.clone(),
            contact: case.contact.as_ref().map(|c| ContactView {
                organisation: c.organisation.clone(),
                email: c.email.clone(),
                url: c.url.clone(),
            }),
            sources: case
                .sources
                .iter()
                .map(|s| LinkView {
                    url: s.url.clone(),
                    label: s.title.clone(),
                })
                .collect(),
            body_html: body.html,
            body_language: case.language.clone(),
            body_language_name: self.label(Vocabulary::Languages, &case.language),
            related: self.related(index),
        }
    }

    fn home_page(&self) -> HomePage {
        let categories = &self.config.categories;
        let cases = &self.catalogue.cases;
        let mut rows = Vec::new();
        let mut column_totals = vec![0; categories.len()];
        for country in &self.config.countries {
            let of_country: Vec<&Case> = cases.iter().filter(|c| c.country == country.id()).collect();
            let cells = categories
                .iter()
                .enumerate()
                .map(|(column, category)| {
                    let count = of_country
                        .iter()
                        .filter(|c| c.categories.iter().any(|x| x == category.id()))
                        .count();
                    column_totals[column] += count;
                    CountCell {
                        count,
                        url: (count > 0).then(|| {
                            self.url(&format!(
                                "countries/{}/#{}",
                                country.id().to_lowercase(),
                                category.id()
                            ))
                        }),
                    }
                })
                .collect();
            rows.push(CountRow {
                country: self.country_link(country.id()),
                cells,
                total: of_country.len(),
            });
        }
        let mut newest: Vec<usize> = (0..cases.len()).collect();
        newest
            .sort_by_cached_key(|&ordinal| (std::cmp::Reverse(cases[ordinal].reviewed), cases[ordinal].id()));
        HomePage {
            categories: categories
                .iter()
                .map(|c| self.term_link(Vocabulary::Categories, "categories", c.id()))
                .collect(),
            rows,
            column_totals,
            newest: self.cards(newest.into_iter().take(10)),
            map: self.map_view(None, &self.t("map_title"), &self.t("cases_count_suffix")),
        }
    }

    /// The municipality a (territory, code) key stands for, as its cases
    /// name it.
    fn municipality_ref(&self, key: &(String, String), indices: &[usize]) -> Option<&'a MunicipalityRef> {
        let first = &self.catalogue.cases[*indices.first()?];
        first
            .municipalities
            .iter()
            .find(|m| m.territory == key.0 && m.code == key.1)
    }

    /// The municipality of a page key, whether cases name it or cover it
    /// through a body.
    fn page_municipality(&self, key: &(String, String)) -> Option<MunicipalityRef> {
        if let Some(named) = self
            .by_municipality
            .get(key)
            .and_then(|indices| self.municipality_ref(key, indices))
        {
            return Some(named.clone());
        }
        self.catalogue
            .register
            .by_code(&key.0, &key.1)
            .map(MunicipalityRef::of)
    }

    fn municipality_counts(&self, country: &str) -> Vec<MunicipalityCount> {
        let mut counts: Vec<MunicipalityCount> = self
            .by_municipality
            .iter()
            .filter(|(key, _)| key.0 == country)
            .filter_map(|(key, indices)| {
                Some(MunicipalityCount {
                    link: self.municipality_link(self.municipality_ref(key, indices)?),
                    count: indices.len(),
                    country: None,
                })
            })
            .collect();
        counts.sort_by(|a, b| a.link.label.cmp(&b.link.label));
        counts
    }

    fn country_page(&self, country: &Term) -> CountryPage {
        let cases = &self.catalogue.cases;
        let of_country: Vec<usize> = (0..cases.len())
            .filter(|&ordinal| cases[ordinal].country == country.id())
            .collect();
        let groups = self
            .config
            .categories
            .iter()
            .map(|category| CaseGroup {
                id: category.id().to_string(),
                heading: category.label(&self.language).to_string(),
                cases: self.cards(
                    of_country
                        .iter()
                        .copied()
                        .filter(|&ordinal| cases[ordinal].categories.iter().any(|x| x == category.id())),
                ),
            })
            .collect();
        CountryPage {
            code: country.id().to_string(),
            name: country.label(&self.language).to_string(),
            labels: self.all_labels(country),
            municipalities: self.municipality_counts(country.id()),
            bodies: self.country_bodies(country.id()),
            groups,
            case_count: of_country.len(),
            map: self.map_view(
                Some(country.id()),
                &format!("{}: {}", self.t("map_title"), country.label(&self.language)),
                &self.t("cases_count_suffix"),
            ),
        }
    }

    fn municipality_page(&self, key: &(String, String)) -> Option<MunicipalityPage> {
        let indices: &[usize] = self.by_municipality.get(key).map_or(&[], Vec::as_slice);
        let cases: Vec<&Case> = indices.iter().map(|&i| &self.catalogue.cases[i]).collect();
        let reference = &self.page_municipality(key)?;
        let register = self
            .catalogue
            .register
            .by_code(&reference.country, &reference.code);
        let mut partners: BTreeMap<(String, String), (MunicipalityRef, usize)> = BTreeMap::new();
        for case in &cases {
            for other in &case.municipalities {
                if other.territory == key.0 && other.code == key.1 {
                    continue;
                }
                partners
                    .entry((other.territory.clone(), other.code.clone()))
                    .or_insert_with(|| (other.clone(), 0))
                    .1 += 1;
            }
        }
        let mut partners: Vec<MunicipalityCount> = partners
            .into_values()
            .map(|(other, count)| MunicipalityCount {
                link: self.municipality_link(&other),
                count,
                country: (other.territory != key.0)
                    .then(|| self.label(Vocabulary::Countries, &other.territory)),
            })
            .collect();
        partners.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.link.label.cmp(&b.link.label))
        });
        let alternative_names = register
            .map(|m| {
                m.other_names()
                    .map(|(_, name)| name)
                    .chain([m.official_name.as_str()])
                    .filter(|name| !name.is_empty() && *name != m.name)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        Some(MunicipalityPage {
            code: reference.code.clone(),
            name: reference.name.clone(),
            alternative_names,
            country: self.country_link(&reference.territory),
            region: register.map(|m| m.region.clone()).filter(|r| !r.is_empty()),
            population: register
                .and_then(|m| m.population)
                .map(|n| self.number(n as f64, 0)),
            population_year: register.and_then(|m| m.population_year),
            area_km2: register.and_then(|m| m.area_km2).map(|area| self.number(area, 0)),
            area_kind: register.and_then(|m| m.area_km2.map(|_| m.area_kind.clone())),
            area_year: register.and_then(|m| m.area_km2.and(m.area_year)),
            density: register
                .and_then(Municipality::density)
                .map(|density| self.number(density, 1)),
            size_class: self.size_class_link(register),
            sparse: self.is_sparse(register),
            cases: self.cards(indices.iter().copied()),
            partners,
            covered: self.covered_through(key),
        })
    }

    /// The ordinals of the cases with `term` in `field`.
    fn term_cases(&self, field: &str, term: &Term) -> Vec<usize> {
        let cases = &self.catalogue.cases;
        (0..cases.len())
            .filter(|&ordinal| {
                let case = &cases[ordinal];
                match field {
                    "categories" => case.categories.iter().any(|c| c == term.id()),
                    "service_areas" => case.service_areas.iter().any(|c| c == term.id()),
                    _ => case.cooperation == term.id(),
                }
            })
            .collect()
    }

    fn term_page(&self, kind: &str, term: &Term, kind_label: &str, ordinals: &[usize]) -> TermPage {
        TermPage {
            kind: kind.to_string(),
            kind_label: kind_label.to_string(),
            kind_url: self.url(&format!("{kind}/")),
            term: term.id().to_string(),
            label: term.label(&self.language).to_string(),
            description: term.description.clone(),
            labels: self.all_labels(term),
            cases: self.cards(ordinals.iter().copied()),
        }
    }
}

/// Render one template with the shared values and a page value.
fn render_page<T: Serialize>(
    theme: &Theme,
    base: &tera::Context,
    template: &str,
    page: &T,
    path: &str,
) -> anyhow::Result<Page> {
    let mut context = base.clone();
    context.insert("page", page);
    context.insert("path", path);
    let text = theme.render(template, &context)?;
    Ok(Page {
        path: page_file(path),
        bytes: text.into_bytes(),
    })
}

/// Where rendered pages go: a function that writes one page, callable from
/// any rendering thread.
pub type PageSink<'s> = &'s (dyn Fn(&Page) -> anyhow::Result<()> + Sync);

/// Hands each page to the writer as soon as it is rendered, so that the
/// whole site is never in memory at once, and remembers the paths (in site
/// order) for the sitemap.
struct Emitter<'s> {
    sink: PageSink<'s>,
    paths: Vec<String>,
}

impl Emitter<'_> {
    fn push(&mut self, page: Page) -> anyhow::Result<()> {
        (self.sink)(&page)?;
        self.paths.push(page.path);
        Ok(())
    }

    /// A page of the site left as it is (not selected for rendering).
    fn skip(&mut self, path: String) {
        self.paths.push(path);
    }

    /// Render and write one page per item on every core; the paths are kept
    /// in item order, so the sitemap does not depend on the threads.
    fn push_each<T: Sync>(
        &mut self,
        items: &[T],
        render: impl Fn(&T) -> anyhow::Result<Outcome> + Sync,
    ) -> anyhow::Result<()> {
        let sink = self.sink;
        let paths: Vec<anyhow::Result<Option<String>>> = items
            .par_iter()
            .map(|item| match render(item)? {
                Rendered(page) => {
                    sink(&page)?;
                    Ok(Some(page.path))
                }
                Skipped(path) => Ok(Some(path)),
                Nothing => Ok(None),
            })
            .collect();
        for path in paths {
            self.paths.extend(path?);
        }
        Ok(())
    }
}

/// What became of one page of a [`Emitter::push_each`].
enum Outcome {
    Rendered(Page),
    /// Not selected: the page at this path stays as it is.
    Skipped(String),
    /// No such page (a municipality no case names).
    Nothing,
}
use Outcome::{Nothing, Rendered, Skipped};

/// The feed carries the most recently reviewed cases only: readers poll it,
/// and with every case in it a catalogue of 10,000 cases made a 4 MB feed.
const FEED_ENTRIES: usize = 50;

/// Which pages a render produces: all of them (a build), or only those an
/// edit of some cases can have changed (`serve` after an edit).
#[derive(Debug, Clone)]
pub enum Selection {
    All,
    Only(Affected),
}

/// The pages an edit of some cases reaches, besides the pages that are
/// always rendered (home, index pages, feed, sitemap, search export, open
/// data).
#[derive(Debug, Clone, Default)]
pub struct Affected {
    /// Ordinals of the edited cases: their cards are rendered again.
    pub edited: BTreeSet<usize>,
    /// Case pages to render: the edited ones and those listing an edited
    /// case among their related cases.
    pub case_pages: BTreeSet<usize>,
    pub countries: BTreeSet<String>,
    /// (territory, code): the municipalities edited cases name or cover
    /// through a body.
    pub municipalities: BTreeSet<(String, String)>,
    /// Ids of the bodies edited cases name.
    pub bodies: BTreeSet<String>,
    /// (URL kind, term): `("categories", "ai")`
    pub terms: BTreeSet<(String, String)>,
    /// The size-class and sparsely-populated pages.
    pub place_groups: bool,
    /// The co-operation network page (municipality pairs).
    pub network: bool,
    /// Whether the sitemap's dates changed.
    pub sitemap: bool,
    /// Keys of the search data whose entries changed.
    pub search_keys: BTreeSet<String>,
    /// Whether any edited case's facets (country, municipalities, terms,
    /// status) changed, so that the search facets must be written again.
    pub facets: bool,
}

impl Affected {
    /// What editing the case at `ordinal` from `old` to `new` reaches;
    /// `related` are every case's related ordinals.
    pub fn add_edit(&mut self, ordinal: usize, old: &Case, new: &Case, related: &[Vec<u32>]) {
        self.edited.insert(ordinal);
        self.case_pages.insert(ordinal);
        for (other, list) in related.iter().enumerate() {
            if list.iter().any(|&r| r as usize == ordinal) {
                self.case_pages.insert(other);
            }
        }
        for case in [old, new] {
            self.countries.insert(case.country.clone());
            for m in &case.municipalities {
                self.municipalities.insert((m.territory.clone(), m.code.clone()));
            }
            for body in &case.bodies {
                self.bodies.insert(body.id.clone());
                // The body's country page counts the cases naming it.
                self.countries.insert(body.country.clone());
                for m in &body.members {
                    self.municipalities.insert((m.territory.clone(), m.code.clone()));
                }
            }
            for (kind, terms) in [
                ("categories", &case.categories),
                ("service-areas", &case.service_areas),
                ("cooperation", &vec![case.cooperation.clone()]),
            ] {
                for term in terms {
                    self.terms.insert((kind.to_string(), term.clone()));
                }
            }
        }
        self.place_groups = true;
        let places = |case: &Case| -> Vec<(String, String)> {
            case.municipalities
                .iter()
                .map(|m| (m.territory.clone(), m.code.clone()))
                .collect()
        };
        self.network |= places(old) != places(new);
        self.sitemap |= old.reviewed != new.reviewed;
        self.facets |= (
            &old.country,
            &old.municipalities,
            &old.categories,
            &old.service_areas,
            &old.status,
        ) != (
            &new.country,
            &new.municipalities,
            &new.categories,
            &new.service_areas,
            &new.status,
        );
    }
}

impl Selection {
    fn wants(&self, test: impl Fn(&Affected) -> bool) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(affected) => test(affected),
        }
    }
}

/// Per-case pieces kept from one render to the next (cards, open-data
/// records), so that `serve` makes again only those of edited cases.
#[derive(Debug, Default)]
pub struct RenderCache {
    cards: Vec<String>,
    json_records: Vec<String>,
    csv_rows: Vec<String>,
}

/// Make each case's pieces once: its card (card.html) and its open-data
/// record and row, on every core; a selection makes only the edited ones
/// again.
fn refresh_cache(
    builder: &Builder<'_>,
    theme: &Theme,
    strings: &Strings,
    selection: &Selection,
    cache: &mut RenderCache,
) -> anyhow::Result<()> {
    let mut base = tera::Context::new();
    base.insert("t", strings);
    let cases = &builder.catalogue.cases;
    let card = |ordinal: usize| -> anyhow::Result<String> {
        let mut context = base.clone();
        context.insert("case", &builder.card(&cases[ordinal]));
        theme.render("card.html", &context)
    };
    let complete = [&cache.cards, &cache.json_records, &cache.csv_rows]
        .iter()
        .all(|pieces| pieces.len() == cases.len());
    match selection {
        Selection::Only(affected) if complete => {
            for &ordinal in &affected.edited {
                let Some(case) = cases.get(ordinal) else { continue };
                cache.cards[ordinal] = card(ordinal)?;
                cache.json_records[ordinal] = export::case_json(case);
                cache.csv_rows[ordinal] = export::case_csv(case);
            }
        }
        _ => {
            cache.cards = (0..cases.len())
                .into_par_iter()
                .map(card)
                .collect::<anyhow::Result<_>>()?;
            cache.json_records = cases.par_iter().map(export::case_json).collect();
            cache.csv_rows = cases.par_iter().map(export::case_csv).collect();
        }
    }
    Ok(())
}

/// The file a page path is written to: a folder's page is its index.html.
fn page_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Render the pages of the site that `selection` asks for, in a fixed
/// order, handing each to `sink`. Returns how many pages there are (with
/// [`Selection::All`], the number of files of the site).
pub fn render_site(
    catalogue: &Catalogue,
    search: &SearchData,
    theme: &Theme,
    options: &SiteOptions,
    selection: &Selection,
    cache: &mut RenderCache,
    sink: PageSink<'_>,
) -> anyhow::Result<usize> {
    let config = &catalogue.config;
    let language = config.site.language.clone();
    let strings = theme.strings(&language)?;
    let (base, root) = base_and_root(&options.base_url);
    let mut by_municipality: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (index, case) in catalogue.cases.iter().enumerate() {
        let unique: BTreeSet<(String, String)> = case
            .municipalities
            .iter()
            .map(|m| (m.territory.clone(), m.code.clone()))
            .collect();
        for key in unique {
            by_municipality.entry(key).or_default().push(index);
        }
    }
    let mut builder = Builder {
        catalogue,
        config,
        language: language.clone(),
        root: root.clone(),
        base: base.clone(),
        by_municipality,
        bodies: bodies::BodyIndex::of(&catalogue.cases),
        search,
        strings: &strings,
        card_html: Vec::new(),
    };
    refresh_cache(&builder, theme, &strings, selection, cache)?;
    builder.card_html = std::mem::take(&mut cache.cards);
    let builder = builder;
    let site = SiteView {
        title: config.site.title.clone(),
        description: config.site.description.clone(),
        language,
        base_url: base.clone(),
        root,
        countries: config
            .countries
            .iter()
            .map(|c| builder.country_link(c.id()))
            .collect(),
        categories: config
            .categories
            .iter()
            .map(|c| builder.term_link(Vocabulary::Categories, "categories", c.id()))
            .collect(),
        total_cases: catalogue.cases.len(),
        has_bodies: !catalogue.register.bodies().is_empty(),
    };
    let mut shared = tera::Context::new();
    shared.insert("site", &site);
    shared.insert("t", &strings);

    let mut pages = Emitter {
        sink,
        paths: Vec::new(),
    };
    pages.push(render_page(
        theme,
        &shared,
        "home.html",
        &builder.home_page(),
        "",
    )?)?;
    let indices: Vec<usize> = (0..catalogue.cases.len()).collect();
    pages.push_each(&indices, |&index| {
        let case = &catalogue.cases[index];
        let path = export::case_path(case);
        if !selection.wants(|a| a.case_pages.contains(&index)) {
            return Ok(Skipped(page_file(&path)));
        }
        render_page(theme, &shared, "case.html", &builder.case_page(index), &path).map(Rendered)
    })?;
    let countries: Vec<MunicipalityCount> = config
        .countries
        .iter()
        .map(|country| MunicipalityCount {
            link: builder.country_link(country.id()),
            count: catalogue
                .cases
                .iter()
                .filter(|c| c.country == country.id())
                .count(),
            country: None,
        })
        .collect();
    pages.push(render_page(
        theme,
        &shared,
        "countries.html",
        &CountryIndexPage { countries },
        "countries/",
    )?)?;
    for country in &config.countries {
        let path = format!("countries/{}/", country.id().to_lowercase());
        if selection.wants(|a| a.countries.contains(country.id())) {
            pages.push(render_page(
                theme,
                &shared,
                "country.html",
                &builder.country_page(country),
                &path,
            )?)?;
        } else {
            pages.skip(page_file(&path));
        }
    }
    // A page for every municipality a case names or covers through a body.
    let municipalities: Vec<&(String, String)> = builder
        .by_municipality
        .keys()
        .chain(builder.bodies.covered.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    pages.push_each(&municipalities, |key| {
        let path = format!("countries/{}/{}/", key.0.to_lowercase(), key.1);
        if !selection.wants(|a| a.municipalities.contains(*key)) {
            return Ok(Skipped(page_file(&path)));
        }
        match builder.municipality_page(key) {
            Some(page) => render_page(theme, &shared, "municipality.html", &page, &path).map(Rendered),
            None => Ok(Nothing),
        }
    })?;
    let registered_bodies = catalogue.register.bodies().all();
    if !registered_bodies.is_empty() {
        pages.push(render_page(
            theme,
            &shared,
            "bodies.html",
            &builder.body_index(),
            "bodies/",
        )?)?;
    }
    pages.push_each(registered_bodies, |body| {
        let path = bodies::body_path(&body.id);
        if !selection.wants(|a| a.bodies.contains(&body.id)) {
            return Ok(Skipped(page_file(&path)));
        }
        render_page(theme, &shared, "body.html", &builder.body_page(body), &path).map(Rendered)
    })?;
    for (vocabulary, kind, field) in TERM_KINDS {
        let kind_label = strings
            .get(&format!("kind_{field}"))
            .cloned()
            .unwrap_or_else(|| kind.to_string());
        // A term's page (every card of its cases) is made only if it is to
        // be rendered: a partial rebuild renders few of them.
        let terms: Vec<(&Term, Vec<usize>)> = config
            .terms(vocabulary)
            .iter()
            .map(|term| (term, builder.term_cases(field, term)))
            .collect();
        let index = TermIndexPage {
            kind: kind.to_string(),
            kind_label: kind_label.clone(),
            terms: terms
                .iter()
                .map(|(term, ordinals)| MunicipalityCount {
                    link: LinkView {
                        url: builder.url(&format!("{kind}/{}/", term.id())),
                        label: term.label(&builder.language).to_string(),
                    },
                    count: ordinals.len(),
                    country: None,
                })
                .collect(),
        };
        pages.push(render_page(
            theme,
            &shared,
            "terms.html",
            &index,
            &format!("{kind}/"),
        )?)?;
        pages.push_each(&terms, |(term, ordinals)| {
            let path = format!("{kind}/{}/", term.id());
            if !selection.wants(|a| a.terms.contains(&(kind.to_string(), term.id().to_string()))) {
                return Ok(Skipped(page_file(&path)));
            }
            let page = builder.term_page(kind, term, &kind_label, ordinals);
            render_page(theme, &shared, "term.html", &page, &path).map(Rendered)
        })?;
    }
    let (classes, sparse) = builder.place_groups(&builder.t("sparsely_populated"));
    let places = builder.places_index(&classes, sparse.as_ref());
    pages.push(render_page(
        theme,
        &shared,
        "places.html",
        &places,
        "municipalities/",
    )?)?;
    let mut groups: Vec<(String, &PlaceGroupPage)> = classes
        .iter()
        .map(|class| (format!("municipalities/size/{}/", class.id), class))
        .collect();
    groups.extend(
        sparse
            .iter()
            .map(|sparse| ("municipalities/sparsely-populated/".to_string(), sparse)),
    );
    pages.push_each(&groups, |(path, group)| {
        if !selection.wants(|a| a.place_groups) {
            return Ok(Skipped(page_file(path)));
        }
        render_page(theme, &shared, "place-group.html", group, path).map(Rendered)
    })?;
    let network_path = "municipalities/co-operation/";
    if selection.wants(|a| a.network) {
        pages.push(render_page(
            theme,
            &shared,
            "network.html",
            &builder.network(),
            network_path,
        )?)?;
    } else {
        pages.skip(page_file(network_path));
    }
    // Neither depends on the cases: an edit leaves them as they are.
    for (template, path) in [("search.html", "search/"), ("404.html", "404.html")] {
        if matches!(selection, Selection::All) {
            pages.push(render_page(theme, &shared, template, &(), path)?)?;
        } else {
            pages.skip(page_file(path));
        }
    }

    let mut by_review: Vec<&Case> = catalogue.cases.iter().collect();
    by_review.sort_by_cached_key(|case| (std::cmp::Reverse(case.reviewed), case.id()));
    let entries: Vec<FeedEntry> = by_review
        .iter()
        .take(FEED_ENTRIES)
        .map(|case| FeedEntry {
            url: builder.absolute(&export::case_path(case)),
            title: case.title.clone(),
            summary: case.summary.clone(),
            updated: format!("{}T00:00:00Z", case.reviewed),
        })
        .collect();
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone());
    let feed = serde_json::json!({ "entries": entries, "updated": updated, "id": builder.absolute("") });
    pages.push(render_page(theme, &shared, "feed.xml", &feed, "feed.xml")?)?;

    if selection.wants(|a| a.sitemap) {
        let reviewed: BTreeMap<String, String> = catalogue
            .cases
            .iter()
            .map(|case| {
                (
                    format!("{}index.html", export::case_path(case)),
                    case.reviewed.to_string(),
                )
            })
            .collect();
        let mut sitemap: Vec<SitemapEntry> = pages
            .paths
            .iter()
            .filter(|path| path.ends_with("index.html"))
            .map(|path| SitemapEntry {
                url: builder.absolute(path.trim_end_matches("index.html")),
                lastmod: reviewed.get(path).cloned(),
            })
            .collect();
        sitemap.sort_by(|a, b| a.url.cmp(&b.url));
        pages.push(render_page(
            theme,
            &shared,
            "sitemap.xml",
            &sitemap,
            "sitemap.xml",
        )?)?;
    } else {
        pages.skip("sitemap.xml".to_string());
    }
    // After the sitemap, which lists only what the catalogue holds: a
    // withdrawn case's address says so, but is not offered for indexing.
    for withdrawn in &catalogue.withdrawn {
        let page = WithdrawnPage {
            id: withdrawn.id(),
            title: withdrawn.title.clone(),
            withdrawn: withdrawn.withdrawn.to_string(),
            reason: withdrawn.reason.clone(),
            country: builder.country_link(&withdrawn.country),
        };
        let path = format!("cases/{}/", page.id);
        pages.push(render_page(theme, &shared, "withdrawn.html", &page, &path)?)?;
    }

    let changed = match selection {
        Selection::All => None,
        Selection::Only(affected) => Some(crate::search::export::Changed {
            keys: &affected.search_keys,
            ordinals: &affected.edited,
            facets: affected.facets,
        }),
    };
    let exported = crate::search::export::export(
        search,
        &|ordinal| catalogue.cases.get(ordinal).map(|case| builder.search_card(case)),
        &builder.search_labels(),
        changed.as_ref(),
    );
    for page in exported {
        pages.push(page)?;
    }
    pages.push(Page {
        path: "data/cases.json".into(),
        bytes: export::join_json(&cache.json_records).into_bytes(),
    })?;
    pages.push(Page {
        path: "data/cases.csv".into(),
        bytes: export::join_csv(&cache.csv_rows).into_bytes(),
    })?;
    let count = pages.paths.len();
    cache.cards = builder.card_html;
    Ok(count)
}

/// A figure as readers of `language` write it: 64,535 and 14.8 in English,
/// 64 535 and 14,8 (a no-break space) in Swedish, Norwegian and Finnish,
/// 64.535 and 14,8 in Danish and Icelandic.
fn number(value: f64, decimals: usize, language: &str) -> String {
    let (group, decimal) = match language {
        "da" | "is" => ('.', ','),
        "sv" | "nb" | "nn" | "fi" => ('\u{a0}', ','),
        _ => (',', '.'),
    };
    let text = format!("{:.decimals$}", value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut out = String::new();
    if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn figures_are_grouped_as_the_language_writes_them() {
        assert_eq!(number(64535.0, 0, "en"), "64,535");
        assert_eq!(number(1764.0, 0, "en"), "1,764");
        assert_eq!(number(764.0, 0, "en"), "764");
        assert_eq!(number(1234567.0, 0, "da"), "1.234.567");
        assert_eq!(number(10669.4, 0, "sv"), "10\u{a0}669");
        assert_eq!(number(14.84, 1, "fi"), "14,8");
        assert_eq!(number(0.46, 1, "is"), "0,5");
        assert_eq!(number(-0.01, 1, "en"), "0.0");
    }
}

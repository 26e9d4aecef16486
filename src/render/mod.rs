//! The render stage: the validated catalogue and its search data → every
//! HTML page of the site, handed to the writer in a fixed order. The files
//! that are not pages (feed, sitemap, search files, open data) are the
//! export stage's ([`crate::export`]), which renders after this one.
//!
//! - [`theme`]: the theme's templates, static files and UI strings;
//! - [`urls`]: one address function per page kind, and the links to them;
//! - `pages` (with `bodies` and `places`): the view models of [`view`],
//!   one per page;
//! - `paging`: the lists of cards in pages of at most 50;
//! - `site`: the pages in their fixed order, one step per page kind;
//! - [`selection`]: rendering only what an edit reached (`serve`), with
//!   the cards of the previous render kept in a [`RenderCache`].
//!
//! Each case's card is rendered once (card.html) and reused by every list
//! it is in; each case's page is rendered in every language at once, so
//! its body is made HTML once. Case, municipality and term pages are rendered and written on
//! every core; the order of the paths does not depend on the threads, so
//! the output is the same bytes whatever their number.

mod bodies;
mod contribute;
mod emit;
mod listing;
mod pages;
mod paging;
mod places;
mod repository;
mod research;
pub mod selection;
mod site;
mod structured_data;
pub mod theme;
pub mod urls;
pub mod view;

use rayon::prelude::*;

pub use selection::{Affected, RenderCache, Selection};
pub use theme::{SharedValues, Strings, Theme};

use crate::model::Catalogue;
use crate::output::PageSink;
use crate::search::SearchData;
use emit::Emitter;
use pages::Builder;
use site::Site;
use urls::{Links, TermKind};
use view::{CardHtml, LanguageView, SiteView};

/// Options of one build.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The absolute URL the site is published at: the address of
    /// canonical links, the feed and the sitemap (internal links are
    /// relative to their page, see [`urls::relative_links`]).
    pub base_url: String,
}

/// What the render stage leaves for the export stage.
pub struct Rendered {
    /// The paths of the default language's pages the sitemap may list
    /// (every language has the same pages, below its folder), in site
    /// order, those not rendered again by a selection too.
    pub listed: Vec<String>,
    /// How many page files there are in all, in every language.
    pub pages: usize,
    /// The languages of the site, the default first.
    pub languages: Vec<LanguageView>,
    /// The values every template sees (`site`, `t`) in the default
    /// language: the feed and sitemap are rendered with them.
    pub shared: SharedValues,
    /// Where the site is published (the default language's pages).
    pub links: Links,
    /// The UI strings of each language, in the order of `languages`.
    pub strings: Vec<Strings>,
}

/// The languages the site is built in, the default first, with their names
/// and folders: `[site] languages`, or by default those of
/// [`crate::config::DEFAULT_SITE_LANGUAGES`] the catalogue and the theme
/// both have.
pub fn site_languages(config: &crate::config::Config, theme: &Theme) -> Vec<LanguageView> {
    let default = config.site.language.as_str();
    config
        .site_languages()
        .into_iter()
        .filter(|&language| {
            language == default || config.site.languages.is_some() || theme.has_strings(language)
        })
        .map(|language| LanguageView {
            code: language.to_string(),
            name: config
                .term(crate::config::Vocabulary::Languages, language)
                .map_or(language, |term| term.label(language))
                .to_string(),
            folder: urls::language_folder(language, default),
        })
        .collect()
}

/// Render the pages of the site that `selection` asks for, in every
/// language of the site, in a fixed order, handing each to `sink`.
pub fn render_site(
    catalogue: &Catalogue,
    search: &SearchData,
    theme: &Theme,
    options: &SiteOptions,
    selection: &Selection,
    cache: &mut RenderCache,
    sink: PageSink<'_>,
) -> anyhow::Result<Rendered> {
    let languages = site_languages(&catalogue.config, theme);
    let default = catalogue.config.site.language.as_str();
    let site_links = Links::new(&options.base_url);
    cache.cards.resize_with(languages.len(), Vec::new);
    let all_strings = languages
        .iter()
        .map(|language| theme.strings(&language.code))
        .collect::<anyhow::Result<Vec<Strings>>>()?;
    // Rendered once, when the catalogue was checked.
    let citations = &catalogue.citations;
    let listing = listing::Listing::refreshed(cache.listing.take(), &catalogue.cases, selection);
    let mut builders = Vec::with_capacity(languages.len());
    for ((language, strings), cards) in languages.iter().zip(&all_strings).zip(cache.cards.iter_mut()) {
        let links = site_links.in_language(&language.code, default);
        let mut builder = Builder::new(
            catalogue,
            &listing,
            search,
            strings,
            citations,
            &language.code,
            links,
        );
        refresh_cards(&builder, theme, strings, selection, cards)?;
        builder.card_html = std::mem::take(cards);
        builders.push(builder);
    }
    let shared: Vec<SharedValues> = builders
        .iter()
        .zip(&all_strings)
        .map(|(builder, strings)| shared_context(builder, strings, &languages))
        .collect();
    let sites: Vec<Site<'_>> = builders
        .iter()
        .zip(&shared)
        .map(|(builder, shared)| Site {
            builder,
            theme,
            shared,
            selection,
            languages: &languages,
        })
        .collect();
    let mut case_paths = site::case_pages(&sites, sink)?.into_iter();
    let mut first = None;
    let mut pages = 0;
    for (site, language) in sites.iter().zip(&languages) {
        let mut emitter = Emitter::new(sink, site.builder.links.language_folder());
        let cases = case_paths.next().unwrap_or_default();
        let listed = render_pages(site, &mut emitter, cases, language.code == default)?;
        pages += emitter.paths.len();
        if first.is_none() {
            emitter.paths.truncate(listed);
            first = Some(emitter.paths);
        }
    }
    drop(sites);
    for (builder, cards) in builders.iter_mut().zip(cache.cards.iter_mut()) {
        *cards = std::mem::take(&mut builder.card_html);
    }
    drop(builders);
    cache.listing = Some(listing);
    let (Some(listed), Some(shared)) = (first, shared.into_iter().next()) else {
        anyhow::bail!("the site has no language to render");
    };
    Ok(Rendered {
        listed,
        pages,
        languages,
        shared,
        links: site_links,
        strings: all_strings,
    })
}

/// Every step in site order; returns how many of the paths the sitemap
/// may list (all but the withdrawn cases' addresses, which come last).
/// The 404 page is the default language's only: a server shows one.
fn render_pages(
    site: &Site<'_>,
    pages: &mut Emitter<'_>,
    case_pages: Vec<String>,
    default_language: bool,
) -> anyhow::Result<usize> {
    site.home(pages)?;
    // Already written, every language at once (`site::case_pages`).
    pages.paths.extend(case_pages);
    site.countries(pages)?;
    site.municipalities(pages)?;
    site.bodies(pages)?;
    for kind in TermKind::ALL {
        site.terms(pages, kind)?;
    }
    site.places(pages)?;
    site.network(pages)?;
    site.research(pages)?;
    site.fixed(pages, default_language)?;
    site.info(pages)?;
    let listed = pages.paths.len();
    site.withdrawn(pages)?;
    Ok(listed)
}

/// The values every template sees: the site (`site`) and the UI strings
/// (`t`).
fn shared_context(builder: &Builder<'_>, strings: &Strings, languages: &[LanguageView]) -> SharedValues {
    let config = builder.config;
    let links = &builder.links;
    let site = SiteView {
        title: config.site.title.clone(),
        description: config.site.description.clone(),
        language: builder.language.clone(),
        base_url: format!("{}{}", links.base(), links.language_folder()),
        root: format!("{}{}", links.root(), links.language_folder()),
        files: links.root().to_string(),
        site_url: links.base().to_string(),
        languages: languages.to_vec(),
        countries: config
            .countries
            .iter()
            .map(|c| builder.country_link(c.id()))
            .collect(),
        categories: config
            .categories
            .iter()
            .map(|c| builder.term_link(TermKind::Categories, c.id()))
            .collect(),
        total_cases: builder.catalogue.cases.len(),
        has_bodies: !builder.catalogue.register.bodies().is_empty(),
        has_research: !builder.catalogue.studies.is_empty(),
        about_url: builder.url(&urls::about(&builder.language)),
        accessibility_url: builder.url(&urls::accessibility(&builder.language)),
        privacy_url: builder.url(&urls::privacy(&builder.language)),
        contribute_url: builder.url(&urls::contribute(&builder.language)),
        repository: config.site.github().as_ref().map(repository::view),
    };
    let mut shared = tera::Context::new();
    shared.insert("site", &site);
    shared.insert("t", strings);
    SharedValues::new(shared)
}

/// Make each case's card (card.html) once, on every core; a selection
/// makes only the edited ones again.
fn refresh_cards(
    builder: &Builder<'_>,
    theme: &Theme,
    strings: &Strings,
    selection: &Selection,
    cards: &mut Vec<CardHtml>,
) -> anyhow::Result<()> {
    let mut base = tera::Context::new();
    base.insert("t", strings);
    let cases = &builder.catalogue.cases;
    // Only the case changes from card to card: a copy of the UI strings
    // for each card was a fiftieth of a build's time.
    let card = |context: &mut tera::Context, ordinal: usize| -> anyhow::Result<CardHtml> {
        context.insert("case", &builder.card(&cases[ordinal]));
        Ok(theme.render("card.html", context)?.into())
    };
    match selection.edited_only(cards.len(), cases.len()) {
        Some(edited) => {
            for &ordinal in edited.iter().filter(|&&ordinal| ordinal < cases.len()) {
                cards[ordinal] = card(&mut base, ordinal)?;
            }
        }
        None => {
            *cards = (0..cases.len())
                .into_par_iter()
                .map_init(|| base.clone(), card)
                .collect::<anyhow::Result<_>>()?;
        }
    }
    Ok(())
}

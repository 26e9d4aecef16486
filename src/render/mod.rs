//! The render stage: the validated catalogue and its search data → every
//! HTML page of the site, handed to the writer in a fixed order. The files
//! that are not pages (feed, sitemap, search files, open data) are the
//! export stage's ([`crate::export`]), which renders after this one.
//!
//! - [`theme`]: the theme's templates, static files and UI strings;
//! - [`urls`]: one address function per page kind, and the links to them;
//! - `pages` (with `bodies` and `places`): the view models of [`view`],
//!   one per page;
//! - `site`: the pages in their fixed order, one step per page kind;
//! - [`selection`]: rendering only what an edit reached (`serve`), with
//!   the cards of the previous render kept in a [`RenderCache`].
//!
//! Each case's card is rendered once (card.html) and reused by every list
//! it is in. Case, municipality and term pages are rendered and written on
//! every core; the order of the paths does not depend on the threads, so
//! the output is the same bytes whatever their number.

mod bodies;
mod emit;
mod pages;
mod places;
pub mod selection;
mod site;
mod structured_data;
pub mod theme;
pub mod urls;
pub mod view;

use rayon::prelude::*;

pub use selection::{Affected, RenderCache, Selection};
pub use theme::{Strings, Theme};

use crate::model::Catalogue;
use crate::output::PageSink;
use crate::search::SearchData;
use emit::Emitter;
use pages::Builder;
use site::Site;
use urls::{Links, TermKind};
use view::SiteView;

/// Options of one build.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The absolute URL the site is published at; its path is the prefix
    /// of every internal link.
    pub base_url: String,
}

/// What the render stage leaves for the export stage.
pub struct Rendered {
    /// The paths of the pages the sitemap may list, in site order (those
    /// not rendered again by a selection too).
    pub listed: Vec<String>,
    /// How many pages are not for the sitemap (withdrawn cases' addresses).
    pub unlisted: usize,
    /// The values every template sees (`site`, `t`): the feed and sitemap
    /// are rendered with them.
    pub shared: tera::Context,
    /// Where the site is published.
    pub links: Links,
    /// The UI strings of the site language.
    pub strings: Strings,
}

/// Render the pages of the site that `selection` asks for, in a fixed
/// order, handing each to `sink`.
pub fn render_site(
    catalogue: &Catalogue,
    search: &SearchData,
    theme: &Theme,
    options: &SiteOptions,
    selection: &Selection,
    cache: &mut RenderCache,
    sink: PageSink<'_>,
) -> anyhow::Result<Rendered> {
    let strings = theme.strings(&catalogue.config.site.language)?;
    let links = Links::new(&options.base_url);
    let mut builder = Builder::new(catalogue, search, &strings, links.clone());
    refresh_cards(&builder, theme, &strings, selection, cache)?;
    builder.card_html = std::mem::take(&mut cache.cards);
    let shared = shared_context(&builder, &strings);
    let site = Site {
        builder: &builder,
        theme,
        shared: &shared,
        selection,
    };
    let mut pages = Emitter::new(sink);
    let listed = render_pages(&site, &mut pages)?;
    cache.cards = builder.card_html;
    let unlisted = pages.paths.split_off(listed).len();
    Ok(Rendered {
        listed: pages.paths,
        unlisted,
        shared,
        links,
        strings,
    })
}

/// Every step in site order; returns how many of the paths the sitemap
/// may list (all but the withdrawn cases' addresses, which come last).
fn render_pages(site: &Site<'_>, pages: &mut Emitter<'_>) -> anyhow::Result<usize> {
    site.home(pages)?;
    site.cases(pages)?;
    site.countries(pages)?;
    site.municipalities(pages)?;
    site.bodies(pages)?;
    for kind in TermKind::ALL {
        site.terms(pages, kind)?;
    }
    site.places(pages)?;
    site.network(pages)?;
    site.fixed(pages)?;
    site.info(pages)?;
    let listed = pages.paths.len();
    site.withdrawn(pages)?;
    Ok(listed)
}

/// The values every template sees: the site (`site`) and the UI strings
/// (`t`).
fn shared_context(builder: &Builder<'_>, strings: &Strings) -> tera::Context {
    let config = builder.config;
    let site = SiteView {
        title: config.site.title.clone(),
        description: config.site.description.clone(),
        language: builder.language.clone(),
        base_url: builder.links.base().to_string(),
        root: builder.links.root().to_string(),
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
        about_url: builder.url(&urls::about(&builder.language)),
        accessibility_url: builder.url(&urls::accessibility(&builder.language)),
        privacy_url: builder.url(&urls::privacy(&builder.language)),
    };
    let mut shared = tera::Context::new();
    shared.insert("site", &site);
    shared.insert("t", strings);
    shared
}

/// Make each case's card (card.html) once, on every core; a selection
/// makes only the edited ones again.
fn refresh_cards(
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
    match selection.edited_only(cache.cards.len(), cases.len()) {
        Some(edited) => {
            for &ordinal in edited.iter().filter(|&&ordinal| ordinal < cases.len()) {
                cache.cards[ordinal] = card(ordinal)?;
            }
        }
        None => {
            cache.cards = (0..cases.len())
                .into_par_iter()
                .map(card)
                .collect::<anyhow::Result<_>>()?;
        }
    }
    Ok(())
}

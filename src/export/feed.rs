//! The Atom feed (`feed.xml`): the most recently reviewed cases, rendered
//! with the theme's `feed.xml` template.

use crate::model::Catalogue;
use crate::output::Page;
use crate::render::theme::render_page;
use crate::render::urls;
use crate::render::view::FeedEntry;
use crate::render::{Rendered, Theme};

/// The feed carries the most recently reviewed cases only: readers poll it,
/// and with every case in it a catalogue of 10,000 cases made a 4 MB feed.
pub(super) const FEED_ENTRIES: usize = 50;

/// The feed of the cases of `catalogue` at `by_review` (the fifty
/// reviewed last, the latest first), its pages in `language`.
pub fn feed(
    catalogue: &Catalogue,
    by_review: &[usize],
    language: &str,
    theme: &Theme,
    rendered: &Rendered,
) -> anyhow::Result<Page> {
    let links = &rendered.links;
    let entries: Vec<FeedEntry> = by_review
        .iter()
        .filter_map(|&ordinal| catalogue.cases.get(ordinal))
        .map(|case| FeedEntry {
            url: links.absolute(&urls::case(case, language)),
            title: case.title.clone(),
            summary: case.summary.clone(),
            updated: format!("{}T00:00:00Z", case.reviewed),
        })
        .collect();
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone());
    let feed = serde_json::json!({
        "entries": entries,
        "updated": updated,
        "id": links.absolute(&urls::home(language)),
    });
    render_page(theme, &rendered.shared, "feed.xml", &feed, &urls::feed())
}

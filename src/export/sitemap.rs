//! The sitemap (`sitemap.xml`): every page the render stage listed, in
//! every language of the site, by absolute URL, with a case page's review
//! date. Withdrawn cases' addresses are not offered for indexing. Which
//! pages are one another's translations each page says itself (`hreflang`
//! in its head), which search engines take as they take a sitemap's
//! alternates; repeating them here would make the sitemap eight times as
//! long for seven languages.

use std::collections::BTreeMap;

use crate::model::Catalogue;
use crate::output::Page;
use crate::render::theme::render_page;
use crate::render::urls;
use crate::render::view::SitemapEntry;
use crate::render::{Rendered, Theme};

/// The sitemap of the pages in `rendered`, its pages in `language`.
pub fn sitemap(
    catalogue: &Catalogue,
    language: &str,
    theme: &Theme,
    rendered: &Rendered,
) -> anyhow::Result<Page> {
    let reviewed: BTreeMap<String, String> = catalogue
        .cases
        .iter()
        .map(|case| (urls::case(case, language).file(), case.reviewed.to_string()))
        .collect();
    let mut entries: Vec<SitemapEntry> = rendered
        .listed
        .iter()
        .filter(|file| file.ends_with("index.html"))
        .flat_map(|file| {
            let lastmod = reviewed.get(file);
            rendered.languages.iter().map(move |language| SitemapEntry {
                url: format!(
                    "{}{}{}",
                    rendered.links.base(),
                    language.folder,
                    urls::page_of_file(file).as_str()
                ),
                lastmod: lastmod.cloned(),
            })
        })
        .collect();
    entries.sort_by(|a, b| a.url.cmp(&b.url));
    render_page(theme, &rendered.shared, "sitemap.xml", &entries, &urls::sitemap())
}

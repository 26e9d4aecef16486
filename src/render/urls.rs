//! Page addresses: one function per page kind, used by the pages, the
//! links between them, the sitemap, the search export and the open data,
//! so that a page and every link to it cannot disagree.
//!
//! A function gives a [`SitePath`], the page's address below the site
//! root; [`Links`] turns it into a link from the root path
//! (`/catalogue/cases/se/x/`, what templates and view models print) or an
//! absolute URL (canonical, feed, sitemap), and [`SitePath::relative_from`]
//! into a link relative to another page. Every rendered page then has its
//! root-path links made relative to it ([`relative_links`]), so the site
//! works at any path. Each page function takes the page's language: every page
//! is in the site language today, which adds no path segment, so the
//! addresses are those the site always had; pages in other languages
//! (issue 13) get their prefix here and nowhere else.

use crate::config::Vocabulary;
use crate::model::Case;

/// A page's address below the site root: `cases/se/digital-colleague/`
/// (a folder page ends in `/`), a named file (`feed.xml`), or either with
/// a `#fragment`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SitePath(String);

impl SitePath {
    fn new(path: impl Into<String>) -> SitePath {
        SitePath(path.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file the page is written to: a folder's page is its
    /// `index.html`.
    pub fn file(&self) -> String {
        page_file(&self.0)
    }

    /// Page `number` of the list at this address: page 1 is the address
    /// itself (`countries/se/`), so that a list growing past one page
    /// keeps its link; the others are below it (`countries/se/page/2/`).
    pub fn page(&self, number: usize) -> SitePath {
        if number <= 1 {
            self.clone()
        } else {
            SitePath(format!("{}page/{number}/", self.0))
        }
    }

    /// The same page at one of its headings.
    pub fn at(&self, fragment: &str) -> SitePath {
        SitePath(format!("{}#{fragment}", self.0))
    }

    /// The link to this page from the page at `from`, with no root path
    /// and no host: `../../cases/se/x/` from `countries/se/`. A link to the
    /// page itself is `./` (or its file name), never empty, which some
    /// readers take for "no link".
    pub fn relative_from(&self, from: &SitePath) -> String {
        let (path, fragment) = match self.0.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (self.0.as_str(), None),
        };
        let from_folder = match from.0.split_once('#') {
            Some((path, _)) => path,
            None => from.0.as_str(),
        };
        let from_folder = &from_folder[..from_folder.rfind('/').map_or(0, |slash| slash + 1)];
        // The folders both paths start with; the last part of `path` is
        // its file name (empty for a folder) and never counts. No list of
        // parts is built: this runs for every link of every page.
        let mut from_parts = from_folder.split_terminator('/');
        let mut from_depth = from_folder.split_terminator('/').count();
        let mut shared_end = 0;
        while let Some(slash) = path[shared_end..].find('/') {
            if from_parts.next() != Some(&path[shared_end..shared_end + slash]) {
                break;
            }
            from_depth -= 1;
            shared_end += slash + 1;
        }
        let rest = &path[shared_end..];
        let mut link =
            String::with_capacity(3 * from_depth + rest.len() + fragment.map_or(0, |f| f.len() + 1));
        for _ in 0..from_depth {
            link.push_str("../");
        }
        link.push_str(rest);
        if link.is_empty() {
            link.push_str("./");
        }
        if let Some(fragment) = fragment {
            link.push('#');
            link.push_str(fragment);
        }
        link
    }
}

/// The attributes whose value is a link a browser follows or loads.
const LINK_ATTRIBUTES: [&str; 4] = ["href", "src", "action", "xlink:href"];

/// A rendered page with every internal link (a link attribute whose value
/// begins with the site's root path, `href="/a/cases/..."`) made relative
/// to the page (`href="../../cases/..."`), so that the site works
/// wherever it is served, as Hugo's `relativeURLs` does. Absolute URLs
/// (canonical, Open Graph, JSON-LD) and protocol-relative ones (`//host`)
/// are left as they are. One pass over the page, so linear in its size.
pub fn relative_links(html: &str, root: &str, page: &SitePath) -> String {
    let needle = format!("=\"{}", crate::html::escape(root));
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = finder.find(rest.as_bytes()) {
        let (before, after) = (&rest[..at], &rest[at + needle.len()..]);
        let attribute = before
            .rsplit(|c: char| c.is_ascii_whitespace())
            .next()
            .unwrap_or_default();
        out.push_str(before);
        out.push_str("=\"");
        let target_end = after.find('"').unwrap_or(after.len());
        if LINK_ATTRIBUTES.contains(&attribute) && !after.starts_with('/') {
            // The target is HTML-escaped text; a path and its relative
            // form differ only in `../` and the parts they share, so the
            // escaping carries over.
            out.push_str(&SitePath::new(&after[..target_end]).relative_from(page));
        } else {
            out.push_str(&needle[2..]);
            out.push_str(&after[..target_end]);
        }
        rest = &after[target_end..];
    }
    out.push_str(rest);
    out
}

/// The page written to `file` (`cases/se/x/index.html` → `cases/se/x/`).
pub fn page_of_file(file: &str) -> SitePath {
    SitePath::new(file.strip_suffix("index.html").unwrap_or(file))
}

/// The file a page path is written to: a folder's page is its index.html.
pub fn page_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Where the site is published, and in which language's folder a page is:
/// what turns a [`SitePath`] into a link.
#[derive(Debug, Clone)]
pub struct Links {
    /// `https://x.org/a/`
    base: String,
    /// `/a/`: the site's root path (static files, data, the feed).
    root: String,
    /// The folder of the pages' language below the root: empty for the
    /// default language, `sv/` for Swedish.
    language: String,
}

impl Links {
    /// `https://x.org/a` → base `https://x.org/a/`, root `/a/`, the pages
    /// of the default language.
    pub fn new(base_url: &str) -> Links {
        let base = format!("{}/", base_url.trim_end_matches('/'));
        let root = match url::Url::parse(&base) {
            Ok(parsed) => parsed.path().to_string(),
            Err(_) => {
                let path = base.trim_start_matches('/');
                format!("/{path}")
            }
        };
        Links {
            base,
            root,
            language: String::new(),
        }
    }

    /// The same site, for the pages in `language` (`sv`): below `sv/`, or
    /// at the root for the site's default language.
    pub fn in_language(&self, language: &str, default: &str) -> Links {
        Links {
            language: language_folder(language, default),
            ..self.clone()
        }
    }

    /// The absolute address of the site root, with a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The path of the site root, with a trailing slash.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The folder of the pages' language: empty, or `sv/`.
    pub fn language_folder(&self) -> &str {
        &self.language
    }

    /// A page's address below the site root, in the pages' language:
    /// `sv/cases/se/x/`.
    pub fn in_folder(&self, path: &SitePath) -> SitePath {
        SitePath(format!("{}{}", self.language, path.0))
    }

    /// The link a page prints: `/a/cases/se/x/`, or `/a/sv/cases/se/x/`.
    pub fn prefixed(&self, path: &SitePath) -> String {
        format!("{}{}{}", self.root, self.language, path.0)
    }

    /// The link to a file of the site that is the same in every language
    /// (data, the feed): `/a/data/cases.csv`.
    pub fn file(&self, path: &SitePath) -> String {
        format!("{}{}", self.root, path.0)
    }

    /// The address outside the site (canonical, feed, sitemap):
    /// `https://x.org/a/cases/se/x/`, or `https://x.org/a/sv/cases/se/x/`.
    pub fn absolute(&self, path: &SitePath) -> String {
        format!("{}{}{}", self.base, self.language, path.0)
    }
}

/// The folder below the site root of the pages in `language`: none for
/// the site's default language, `sv/` for Swedish. The language is a
/// checked language tag, so it is a safe folder name.
pub fn language_folder(language: &str, default: &str) -> String {
    if language == default {
        String::new()
    } else {
        format!("{}/", language.to_lowercase())
    }
}

/// The three vocabularies that have a page per term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    Categories,
    ServiceAreas,
    Cooperation,
}

impl TermKind {
    /// In the order their pages are listed.
    pub const ALL: [TermKind; 3] = [
        TermKind::Categories,
        TermKind::ServiceAreas,
        TermKind::Cooperation,
    ];

    pub fn vocabulary(self) -> Vocabulary {
        match self {
            TermKind::Categories => Vocabulary::Categories,
            TermKind::ServiceAreas => Vocabulary::ServiceAreas,
            TermKind::Cooperation => Vocabulary::Cooperation,
        }
    }

    /// The address segment: `service-areas`.
    pub fn segment(self) -> &'static str {
        match self {
            TermKind::Categories => "categories",
            TermKind::ServiceAreas => "service-areas",
            TermKind::Cooperation => "cooperation",
        }
    }

    /// The front matter field, which also names the UI string of the kind
    /// (`kind_service_areas`).
    pub fn field(self) -> &'static str {
        match self {
            TermKind::Categories => "categories",
            TermKind::ServiceAreas => "service_areas",
            TermKind::Cooperation => "cooperation",
        }
    }

    /// The terms of this kind a case has.
    pub fn of(self, case: &Case) -> &[String] {
        match self {
            TermKind::Categories => &case.categories,
            TermKind::ServiceAreas => &case.service_areas,
            TermKind::Cooperation => std::slice::from_ref(&case.cooperation),
        }
    }
}

// The page kinds. `_language` is the page's language (see the module doc).

pub fn home(_language: &str) -> SitePath {
    SitePath::new("")
}

/// `cases/se/digital-colleague/`; a withdrawn case keeps its address.
pub fn case_page(country: &str, slug: &str, _language: &str) -> SitePath {
    SitePath::new(format!("cases/{}/{slug}/", country.to_lowercase()))
}

pub fn case(case: &Case, language: &str) -> SitePath {
    case_page(&case.country, &case.slug, language)
}

pub fn countries(_language: &str) -> SitePath {
    SitePath::new("countries/")
}

pub fn country(code: &str, _language: &str) -> SitePath {
    SitePath::new(format!("countries/{}/", code.to_lowercase()))
}

/// `countries/se/7/`: by territory (AX for Åland's municipalities).
pub fn municipality(territory: &str, code: &str, _language: &str) -> SitePath {
    SitePath::new(format!("countries/{}/{code}/", territory.to_lowercase()))
}

pub fn bodies(_language: &str) -> SitePath {
    SitePath::new("bodies/")
}

pub fn body(id: &str, _language: &str) -> SitePath {
    SitePath::new(format!("bodies/{id}/"))
}

pub fn terms(kind: TermKind, _language: &str) -> SitePath {
    SitePath::new(format!("{}/", kind.segment()))
}

pub fn term(kind: TermKind, term: &str, _language: &str) -> SitePath {
    SitePath::new(format!("{}/{term}/", kind.segment()))
}

/// "Municipalities like mine": the size classes and the sparsely populated.
pub fn places(_language: &str) -> SitePath {
    SitePath::new("municipalities/")
}

pub fn size_class(id: &str, _language: &str) -> SitePath {
    SitePath::new(format!("municipalities/size/{id}/"))
}

pub fn sparsely_populated(_language: &str) -> SitePath {
    SitePath::new("municipalities/sparsely-populated/")
}

pub fn network(_language: &str) -> SitePath {
    SitePath::new("municipalities/co-operation/")
}

/// The research mapping: every study, or those of one value of a facet.
pub fn research(_language: &str) -> SitePath {
    SitePath::new("research/")
}

/// `research/countries/se/`: the studies of one theme (`themes`), country
/// (`countries`), kind (`kinds`) or year (`years`). The value is a term of
/// a vocabulary, a kind or a year, each a safe path segment.
pub fn research_filter(facet: &str, value: &str, _language: &str) -> SitePath {
    SitePath::new(format!("research/{facet}/{}/", value.to_lowercase()))
}

/// `research/hjelte-2023/`: a study's page; its key is a slug (E0707).
pub fn study(key: &str, _language: &str) -> SitePath {
    SitePath::new(format!("research/{key}/"))
}

pub fn search(_language: &str) -> SitePath {
    SitePath::new("search/")
}

pub fn not_found(_language: &str) -> SitePath {
    SitePath::new("404.html")
}

/// Who publishes the catalogue, what it is for, how cases are collected.
pub fn about(_language: &str) -> SitePath {
    SitePath::new("about/")
}

/// The accessibility statement (EU Web Accessibility Directive).
pub fn accessibility(_language: &str) -> SitePath {
    SitePath::new("accessibility/")
}

pub fn privacy(_language: &str) -> SitePath {
    SitePath::new("privacy/")
}

/// "Propose a case": the form that writes a case file in the browser.
pub fn contribute(_language: &str) -> SitePath {
    SitePath::new("contribute/")
}

// The site's files that are not pages: one of each per site.

/// The municipalities and bodies the form's picker finds, by every name.
pub fn contribute_register() -> SitePath {
    SitePath::new("contribute/register.json")
}

/// The empty case file, for those without JavaScript.
pub fn case_template() -> SitePath {
    SitePath::new("contribute/case-template.md")
}

pub fn feed() -> SitePath {
    SitePath::new("feed.xml")
}

pub fn sitemap() -> SitePath {
    SitePath::new("sitemap.xml")
}

pub fn open_data_json() -> SitePath {
    SitePath::new("data/cases.json")
}

pub fn open_data_csv() -> SitePath {
    SitePath::new("data/cases.csv")
}

/// Every pair of municipalities named together by a case, as CSV.
pub fn cooperation_pairs_csv() -> SitePath {
    SitePath::new("data/cooperation-pairs.csv")
}

/// The research mapping's bibliography and studies (`export::bibliography`).
pub fn research_bib() -> SitePath {
    SitePath::new("data/research.bib")
}

pub fn research_ris() -> SitePath {
    SitePath::new("data/research.ris")
}

pub fn research_csl_json() -> SitePath {
    SitePath::new("data/research.json")
}

pub fn studies_csv() -> SitePath {
    SitePath::new("data/studies.csv")
}

pub fn studies_json() -> SitePath {
    SitePath::new("data/studies.json")
}

pub fn search_manifest() -> SitePath {
    SitePath::new("search/manifest.json")
}

pub fn search_facets() -> SitePath {
    SitePath::new("search/facets.json")
}

/// The municipality and body columns of the facets.
pub fn search_places() -> SitePath {
    SitePath::new("search/places.json")
}

/// The first state of the search page: every facet value with its count
/// over all cases, and the first of the most recently reviewed.
/// The first state of the search page: `browse.json` in the site's
/// default language, `browse.sv.json` in Swedish.
pub fn search_browse(language: Option<&str>) -> SitePath {
    match language {
        None => SitePath::new("search/browse.json"),
        Some(language) => SitePath::new(format!("search/browse.{language}.json")),
    }
}

/// One sort file of the listing (`reviewed`, `started`, `title`).
pub fn search_sort(key: &str) -> SitePath {
    SitePath::new(format!("search/sort/{key}.json"))
}

pub fn search_shard(number: usize) -> SitePath {
    SitePath::new(format!("search/shards/{number}.json"))
}

pub fn search_card(ordinal: usize) -> SitePath {
    SitePath::new(format!("search/cards/{ordinal}.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_prefixed_with_the_root_path_or_made_absolute() {
        let links = Links::new("https://example.org/catalogue");
        assert_eq!(links.base(), "https://example.org/catalogue/");
        assert_eq!(links.root(), "/catalogue/");
        let page = body("kinnekulle", "en");
        assert_eq!(links.prefixed(&page), "/catalogue/bodies/kinnekulle/");
        assert_eq!(
            links.absolute(&page),
            "https://example.org/catalogue/bodies/kinnekulle/"
        );
        assert_eq!(links.prefixed(&home("en")), "/catalogue/");
        assert_eq!(page.file(), "bodies/kinnekulle/index.html");
        assert_eq!(feed().file(), "feed.xml");
    }

    #[test]
    fn a_page_s_internal_links_are_rewritten_relative_to_it() {
        let page = case_page("SE", "x", "en");
        let html = concat!(
            r#"<a href="/a/countries/se/">x</a> <img src="/a/static/m.svg" alt="">"#,
            r#"<link rel="canonical" href="https://h.org/a/cases/se/x/">"#,
            r#"<a href="/b/">other site</a> <p title="/a/x">t</p>"#,
            r#"<form action="/a/search/"><a href="/a/cases/se/x/#s">s</a>"#,
        );
        assert_eq!(
            relative_links(html, "/a/", &page),
            concat!(
                r#"<a href="../../../countries/se/">x</a> <img src="../../../static/m.svg" alt="">"#,
                r#"<link rel="canonical" href="https://h.org/a/cases/se/x/">"#,
                r#"<a href="/b/">other site</a> <p title="/a/x">t</p>"#,
                r#"<form action="../../../search/"><a href="./#s">s</a>"#,
            )
        );
        let at_root = r#"<a href="/">h</a><a href="//host/x">p</a><a href="/cases/">c</a>"#;
        assert_eq!(
            relative_links(at_root, "/", &home("en")),
            r#"<a href="./">h</a><a href="//host/x">p</a><a href="cases/">c</a>"#
        );
        // Between the pages of one language, the link climbs no higher
        // than the folder they share.
        let swedish = SitePath::new("sv/countries/se/");
        assert_eq!(
            relative_links(r#"<a href="/a/sv/cases/se/x/?q=1">x</a>"#, "/a/", &swedish),
            r#"<a href="../../cases/se/x/?q=1">x</a>"#
        );
    }

    #[test]
    fn the_first_page_of_a_list_keeps_its_address() {
        let list = country("SE", "sv");
        assert_eq!(list.page(1), list);
        assert_eq!(list.page(2).as_str(), "countries/se/page/2/");
        assert_eq!(list.page(2).file(), "countries/se/page/2/index.html");
        assert_eq!(list.relative_from(&list.page(3)), "../../");
        assert_eq!(list.page(3).relative_from(&list.page(2)), "../3/");
    }

    #[test]
    fn relative_links_climb_to_the_shared_folder() {
        let country = country("SE", "sv");
        let municipality = municipality("SE", "0180", "sv");
        let case = case_page("SE", "digital-colleague", "sv");
        assert_eq!(case.relative_from(&country), "../../cases/se/digital-colleague/");
        assert_eq!(municipality.relative_from(&country), "0180/");
        assert_eq!(country.relative_from(&municipality), "../");
        assert_eq!(country.relative_from(&country), "./");
        assert_eq!(home("sv").relative_from(&case), "../../../");
        assert_eq!(case.relative_from(&home("sv")), "cases/se/digital-colleague/");
        assert_eq!(feed().relative_from(&country), "../../feed.xml");
        assert_eq!(not_found("sv").relative_from(&not_found("sv")), "404.html");
        assert_eq!(search("sv").relative_from(&not_found("sv")), "search/");
        let anchored = country.at("ai");
        assert_eq!(anchored.relative_from(&home("sv")), "countries/se/#ai");
        assert_eq!(anchored.relative_from(&country), "./#ai");
        assert_eq!(
            size_class("small", "sv").relative_from(&sparsely_populated("sv")),
            "../size/small/"
        );
    }
}

//! Page addresses: one function per page kind, used by the pages, the
//! links between them, the sitemap, the search export and the open data,
//! so that a page and every link to it cannot disagree.
//!
//! A function gives a [`SitePath`], the page's address below the site
//! root; [`Links`] turns it into the link a page prints (prefixed with the
//! root path, `/catalogue/cases/se/x/`) or an absolute URL (feed,
//! sitemap), and [`SitePath::relative_from`] into a link relative to
//! another page. Each page function takes the page's language: every page
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
        let from_parts: Vec<&str> = from_folder.split_terminator('/').collect();
        let to_parts: Vec<&str> = path.split('/').collect();
        let shared = from_parts
            .iter()
            .zip(&to_parts)
            .take_while(|(a, b)| a == b)
            .count()
            // The last part of `path` is its file name (empty for a folder).
            .min(to_parts.len() - 1);
        let mut link = "../".repeat(from_parts.len() - shared);
        link.push_str(&to_parts[shared..].join("/"));
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

/// Where the site is published: what turns a [`SitePath`] into a link.
#[derive(Debug, Clone)]
pub struct Links {
    /// `https://x.org/a/`
    base: String,
    /// `/a/`: the prefix of every internal link.
    root: String,
}

impl Links {
    /// `https://x.org/a` → base `https://x.org/a/`, root `/a/`.
    pub fn new(base_url: &str) -> Links {
        let base = format!("{}/", base_url.trim_end_matches('/'));
        let root = match url::Url::parse(&base) {
            Ok(parsed) => parsed.path().to_string(),
            Err(_) => {
                let path = base.trim_start_matches('/');
                format!("/{path}")
            }
        };
        Links { base, root }
    }

    /// The absolute address of the site root, with a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The path of the site root, with a trailing slash.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The link a page prints: `/a/cases/se/x/`.
    pub fn prefixed(&self, path: &SitePath) -> String {
        format!("{}{}", self.root, path.0)
    }

    /// The address outside the site (feed, sitemap): `https://x.org/a/cases/se/x/`.
    pub fn absolute(&self, path: &SitePath) -> String {
        format!("{}{}", self.base, path.0)
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

// The site's files that are not pages: one of each per site.

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

pub fn search_manifest() -> SitePath {
    SitePath::new("search/manifest.json")
}

pub fn search_facets() -> SitePath {
    SitePath::new("search/facets.json")
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

//! The pages of the site in their fixed order, one step per page kind:
//! home, cases, countries, municipalities, bodies, terms, places, the
//! network, the pages that do not depend on the cases, and the withdrawn
//! cases' addresses. Each step renders the pages the [`Selection`] asks
//! for and records the others as left as they are, so that the list of
//! paths (the sitemap's source) is the same either way.

use std::collections::BTreeSet;

use serde::Serialize;

use rayon::prelude::*;

use super::emit::{Emitter, ListPage, Outcome, in_folder, write_in};
use super::pages::Builder;
use super::paging;
use super::selection::Selection;
use super::theme::{SharedValues, Theme, render_text};
use super::urls::{self, SitePath, TermKind};
use super::view::*;
use crate::config::Term;
use crate::output::{Page, PageSink};

/// How many of the most recently reviewed cases the home page shows.
const NEWEST: usize = 10;

/// What every step reads: the page builder, the theme and the values all
/// templates share.
pub(super) struct Site<'a> {
    pub(super) builder: &'a Builder<'a>,
    pub(super) theme: &'a Theme,
    pub(super) shared: &'a SharedValues,
    pub(super) selection: &'a Selection,
    /// The site's languages, the default first.
    pub(super) languages: &'a [super::view::LanguageView],
}

impl Site<'_> {
    fn language(&self) -> &str {
        &self.builder.language
    }

    /// A page with its internal links relative to it, but for the 404
    /// page: a server shows it at any missing address, at any depth, so
    /// only links from the root path reach the site from there.
    fn page<T: Serialize>(&self, template: &str, value: &T, path: &SitePath) -> anyhow::Result<Page> {
        let mut html = render_text(self.theme, self.shared, template, value, path)?;
        if *path != urls::not_found(self.language()) {
            let links = &self.builder.links;
            html = urls::relative_links(&html, links.root(), &links.in_folder(path));
        }
        Ok(Page {
            path: path.file(),
            bytes: html.into_bytes(),
        })
    }

    /// The pages of a list whose first page is at `first` and which has
    /// `entries` cards in all, each with its place among the others: those
    /// `wanted` ([`Selection::list_pages`]) rendered, the others kept.
    /// `values` makes every page's value, and is called only if one is
    /// wanted.
    fn list<T: Serialize>(
        &self,
        template: &str,
        first: &SitePath,
        entries: usize,
        wanted: &[bool],
        values: impl FnOnce() -> Vec<T>,
    ) -> anyhow::Result<Vec<ListPage>> {
        if !wanted.contains(&true) {
            return Ok(skipped_pages(first, entries)
                .into_iter()
                .map(ListPage::Kept)
                .collect());
        }
        let values = values();
        let count = values.len();
        values
            .into_iter()
            .enumerate()
            .map(|(index, page)| {
                let number = index + 1;
                let path = first.page(number);
                if !wanted.get(index).copied().unwrap_or(true) {
                    return Ok(ListPage::Kept(path.file()));
                }
                let value = Paged {
                    page,
                    pager: self.builder.pager(first, number, count, entries),
                };
                self.page(template, &value, &path).map(ListPage::Rendered)
            })
            .collect()
    }

    /// Render the page at `path` if `wanted`, else keep its place.
    fn page_if<T: Serialize>(
        &self,
        pages: &mut Emitter<'_>,
        wanted: bool,
        template: &str,
        value: impl FnOnce() -> T,
        path: &SitePath,
    ) -> anyhow::Result<()> {
        if wanted {
            pages.push(self.page(template, &value(), path)?)
        } else {
            pages.skip(path.file());
            Ok(())
        }
    }

    pub(super) fn home(&self, pages: &mut Emitter<'_>) -> anyhow::Result<()> {
        let path = urls::home(self.language());
        let newest = crate::model::most_recently_reviewed(&self.builder.catalogue.cases, NEWEST);
        // Its counts and map follow the lists; its cards the newest cases.
        let wanted = self.selection.wants(|a| a.lists || a.reaches_newest(&newest));
        self.page_if(
            pages,
            wanted,
            "home.html",
            || self.builder.home_page(&newest),
            &path,
        )
    }

    pub(super) fn countries(&self, pages: &mut Emitter<'_>) -> anyhow::Result<()> {
        let builder = self.builder;
        let config = builder.config;
        let countries: Vec<MunicipalityCount> = config
            .countries
            .iter()
            .map(|country| MunicipalityCount {
                link: builder.country_link(country.id()),
                count: builder.listing.country(country.id()).len(),
                country: None,
            })
            .collect();
        let index = CountryIndexPage { countries };
        pages.push(self.page("countries.html", &index, &urls::countries(self.language()))?)?;
        for country in &config.countries {
            let first = urls::country(country.id(), self.language());
            let groups = builder.country_groups(country.id());
            let wanted = self
                .selection
                .list_pages(&groups, |a| a.countries.contains(country.id()));
            let entries = groups.iter().map(Vec::len).sum();
            let list = self.list("country.html", &first, entries, &wanted, || {
                builder.country_pages(builder.country_page(country, &groups))
            })?;
            pages.push_list(list)?;
        }
        Ok(())
    }

    /// A page for every municipality a case names or covers through a body.
    pub(super) fn municipalities(&self, pages: &mut Emitter<'_>) -> anyhow::Result<()> {
        let builder = self.builder;
        let municipalities: Vec<&(String, String)> = builder
            .listing
            .by_municipality
            .keys()
            .chain(builder.listing.bodies.covered.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        pages.push_each(&municipalities, |key| {
            let path = urls::municipality(&key.0, &key.1, self.language());
            let groups = builder.municipality_groups(key);
            let wanted = self
                .selection
                .list_pages(&groups, |a| a.municipalities.contains(*key));
            let entries = groups.iter().map(Vec::len).sum();
            let mut missing = false;
            let list = self.list("municipality.html", &path, entries, &wanted, || {
                match builder.municipality_page(key) {
                    Some(page) => builder.municipality_pages(page),
                    None => {
                        missing = true;
                        Vec::new()
                    }
                }
            })?;
            Ok(if missing {
                Outcome::Nothing
            } else {
                Outcome::List(list)
            })
        })
    }

    pub(super) fn bodies(&self, pages: &mut Emitter<'_>) -> anyhow::Result<()> {
        let registered = self.builder.catalogue.register.bodies().all();
        if !registered.is_empty() {
            let index = self.builder.body_index();
            pages.push(self.page("bodies.html", &index, &urls::bodies(self.language()))?)?;
        }
        pages.push_each(registered, |body| {
            let path = urls::body(&body.id, self.language());
            let named = self.builder.listing.body_cases(&body.id).to_vec();
            let entries = named.len();
            let wanted = self
                .selection
                .list_pages(&[named], |a| a.bodies.contains(&body.id));
            self.list("body.html", &path, entries, &wanted, || {
                self.builder.body_pages(self.builder.body_page(body))
            })
            .map(Outcome::List)
        })
    }

    /// The index of one term vocabulary and a page per term.
    pub(super) fn terms(&self, pages: &mut Emitter<'_>, kind: TermKind) -> anyhow::Result<()> {
        let builder = self.builder;
        let kind_label = builder
            .strings
            .get(&format!("kind_{}", kind.field()))
            .cloned()
            .unwrap_or_else(|| kind.segment().to_string());
        // A term's page (every card of its cases) is made only if it is to
        // be rendered: a partial rebuild renders few of them.
        let terms: Vec<(&Term, Vec<usize>)> = builder
            .config
            .terms(kind.vocabulary())
            .iter()
            .map(|term| (term, builder.term_cases(kind, term)))
            .collect();
        let index = TermIndexPage {
            kind: kind.segment().to_string(),
            kind_label: kind_label.clone(),
            terms: terms
                .iter()
                .map(|(term, ordinals)| MunicipalityCount {
                    link: LinkView {
                        url: builder.url(&urls::term(kind, term.id(), self.language())),
                        label: term.label(&builder.language).to_string(),
                    },
                    count: ordinals.len(),
                    country: None,
                })
                .collect(),
        };
        pages.push(self.page("terms.html", &index, &urls::terms(kind, self.language()))?)?;
        pages.push_each(&terms, |(term, ordinals)| {
            let path = urls::term(kind, term.id(), self.language());
            let wanted = self.selection.list_pages(std::slice::from_ref(ordinals), |a| {
                a.terms.contains(&(kind, term.id().to_string()))
            });
            self.list("term.html", &path, ordinals.len(), &wanted, || {
                paging::split_flat(ordinals.clone())
                    .iter()
                    .map(|on_page| builder.term_page(kind, term, &kind_label, on_page))
                    .collect()
            })
            .map(Outcome::List)
        })
    }

    /// "Municipalities like mine": the index, the size classes and the
    /// sparsely populated.
    pub(super) fn places(&self, pages: &mut Emitter<'_>) -> anyhow::Result<()> {
        let builder = self.builder;
        let groups = builder.place_groups(&builder.t("sparsely_populated"));
        let index = builder.places_index(&groups);
        pages.push(self.page("places.html", &index, &urls::places(self.language()))?)?;
        let mut pages_of_groups: Vec<(SitePath, &PlaceGroupPage)> = groups
            .classes
            .iter()
            .map(|class| (urls::size_class(&class.id, self.language()), class))
            .collect();
        pages_of_groups.extend(
            groups
                .sparse
                .iter()
                .map(|sparse| (urls::sparsely_populated(self.language()), sparse)),
        );
        pages.push_each(&pages_of_groups, |(path, group)| {
            let wanted = self
                .selection
                .list_pages(std::slice::from_ref(&group.ordinals), |a| a.place_groups);
            self.list("place-group.html", path, group.ordinals.len(), &wanted, || {
                builder.place_group_pages(group)
            })
            .map(Outcome::List)
        })
    }

    /// The network page, in pages like every list: at 10,000 cases one
    /// page of every co-operating case was 2 MB, and `serve` made it again
    /// after every edit of one. An edit renders the page its case is on,
    /// or all of them when it changed which cases are listed or the pairs.
    pub(super) fn network(&self, pages: &mut Emitter<'_>) -> anyhow::Result<()> {
        let builder = self.builder;
        let listed = builder.network_cases();
        let first = urls::network(self.language());
        let count = paging::page_count(listed.len());
        let wanted = self
            .selection
            .list_pages(std::slice::from_ref(&listed), |a| a.network);
        for (index, wanted) in wanted.into_iter().enumerate() {
            let number = index + 1;
            let path = first.page(number);
            if !wanted {
                pages.skip(path.file());
                continue;
            }
            let on_page = listed.chunks(paging::PER_PAGE).nth(index).unwrap_or_default();
            let value = Paged {
                page: builder.network(on_page, number == 1),
                pager: builder.pager(&first, number, count, listed.len()),
            };
            pages.push(self.page("network.html", &value, &path)?)?;
        }
        Ok(())
    }

    /// The research mapping: the list of studies, its filtered lists and a
    /// page per study, when the catalogue has studies. They are few, and
    /// an edit of a case can change what they list: always rendered.
    pub(super) fn research(&self, pages: &mut Emitter<'_>) -> anyhow::Result<()> {
        let builder = self.builder;
        if builder.catalogue.studies.is_empty() {
            return Ok(());
        }
        let language = self.language();
        pages.push(self.page(
            "research.html",
            &builder.research_list(None),
            &urls::research(language),
        )?)?;
        for (path, page) in builder.research_filters() {
            pages.push(self.page("research.html", &page, &path)?)?;
        }
        for (ordinal, study) in builder.catalogue.studies.iter().enumerate() {
            let path = urls::study(&study.key, language);
            pages.push(self.page("study.html", &builder.study_page(ordinal), &path)?)?;
        }
        Ok(())
    }

    /// The search page and, in the default language, the 404 page (a
    /// server shows one). Neither depends on the cases: an edit leaves
    /// them as they are.
    pub(super) fn fixed(&self, pages: &mut Emitter<'_>, default_language: bool) -> anyhow::Result<()> {
        let all = matches!(self.selection, Selection::All);
        self.page_if(pages, all, "search.html", || (), &urls::search(self.language()))?;
        if default_language {
            self.page_if(pages, all, "404.html", || (), &urls::not_found(self.language()))?;
        }
        Ok(())
    }

    /// The About, accessibility statement and privacy pages. They show
    /// settings and the theme, never the cases: an edit leaves them as
    /// they are.
    pub(super) fn info(&self, pages: &mut Emitter<'_>) -> anyhow::Result<()> {
        let all = matches!(self.selection, Selection::All);
        let page = if all {
            Some(self.builder.info_page(self.theme.browser_storage()?))
        } else {
            None
        };
        for (template, path) in [
            ("about.html", urls::about(self.language())),
            ("accessibility.html", urls::accessibility(self.language())),
            ("privacy.html", urls::privacy(self.language())),
        ] {
            self.page_if(pages, all, template, || &page, &path)?;
        }
        let contribute = if all {
            let languages: Vec<String> = self.languages.iter().map(|l| l.code.clone()).collect();
            Some(self.builder.contribute_page(&languages)?)
        } else {
            None
        };
        self.page_if(
            pages,
            all,
            "contribute.html",
            || &contribute,
            &urls::contribute(self.language()),
        )
    }

    /// A withdrawn case's address says so.
    pub(super) fn withdrawn(&self, pages: &mut Emitter<'_>) -> anyhow::Result<()> {
        for withdrawn in &self.builder.catalogue.withdrawn {
            let page = WithdrawnPage {
                id: withdrawn.id(),
                title: withdrawn.title.clone(),
                withdrawn: withdrawn.withdrawn.to_string(),
                reason: withdrawn.reason.clone(),
                country: self.builder.country_link(&withdrawn.country),
            };
            let path = urls::case_page(&withdrawn.country, &withdrawn.slug, self.language());
            pages.push(self.page("withdrawn.html", &page, &path)?)?;
        }
        Ok(())
    }
}

/// The files of the pages of a list at `first` with `entries` cards, left
/// as they are.
fn skipped_pages(first: &SitePath, entries: usize) -> Vec<String> {
    (1..=paging::page_count(entries))
        .map(|number| first.page(number).file())
        .collect()
}

/// Every case's page in every language, a case at a time on every core,
/// so that its body is rendered (Markdown, sanitising) once for all
/// languages; returns the paths of each language's case pages, in case
/// order, for its place in that language's list of pages.
pub(super) fn case_pages(sites: &[Site<'_>], sink: PageSink<'_>) -> anyhow::Result<Vec<Vec<String>>> {
    let Some(first) = sites.first() else {
        return Ok(Vec::new());
    };
    let cases = &first.builder.catalogue.cases;
    let selection = first.selection;
    let per_case: Vec<Vec<String>> = (0..cases.len())
        .into_par_iter()
        .map(|index| {
            let wanted = selection.wants(|a| a.case_pages.contains(&index));
            let body = match wanted {
                true => Some(crate::markdown::render_body(&cases[index].body_text()?).html),
                false => None,
            };
            sites
                .iter()
                .map(|site| {
                    let folder = site.builder.links.language_folder();
                    match &body {
                        Some(body) => {
                            let path = urls::case(&cases[index], site.language());
                            let page = site.builder.case_page(index, body.clone());
                            write_in(sink, folder, site.page("case.html", &page, &path)?)
                        }
                        None => {
                            let file = site.builder.listing.case_files.get(index).cloned();
                            let file =
                                file.unwrap_or_else(|| urls::case(&cases[index], site.language()).file());
                            Ok(in_folder(folder, file))
                        }
                    }
                })
                .collect()
        })
        .collect::<anyhow::Result<_>>()?;
    let mut by_language = vec![Vec::with_capacity(cases.len()); sites.len()];
    for paths in per_case {
        for (language, path) in by_language.iter_mut().zip(paths) {
            language.push(path);
        }
    }
    Ok(by_language)
}

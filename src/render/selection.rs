//! Rendering only what an edit reached, for `serve`: a [`Selection`] says
//! which pages to render (all of them, or the [`Affected`] ones), and the
//! [`RenderCache`] keeps each case's card from one render to the next, so
//! that only the cards of edited cases are made again. The export stage
//! reads the same selection for the feed, sitemap, search files and open
//! data.

use std::collections::BTreeSet;

use super::urls::{self, SitePath, TermKind};
use crate::config::Config;
use crate::model::Case;

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
    /// (kind, term): `(TermKind::Categories, "ai")`
    pub terms: BTreeSet<(TermKind, String)>,
    /// The size-class and sparsely-populated pages.
    pub place_groups: bool,
    /// The co-operation network page (co-operating cases, pairs across borders).
    pub network: bool,
    /// Whether the sitemap's dates changed.
    pub sitemap: bool,
    /// Keys of the search data whose entries changed.
    pub search_keys: BTreeSet<String>,
    /// Whether any edited case's facets (country, municipalities, terms,
    /// status, bodies) or sort keys (review date, start, title) changed, so
    /// that the search facets and sort files must be written again.
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
            self.add_pages_of(case);
        }
        self.place_groups = true;
        let places = |case: &Case| -> Vec<(String, String)> {
            case.municipalities
                .iter()
                .map(|m| (m.territory.clone(), m.code.clone()))
                .collect()
        };
        // The network page lists the co-operating cases with their titles,
        // municipalities and bodies.
        self.network |= places(old) != places(new)
            || ((old.names_partners() || new.names_partners())
                && (old.title != new.title || old.bodies != new.bodies));
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
        )
            // The co-operation facets and the sort keys of the listing.
            || (&old.cooperation, &old.bodies, old.reviewed, old.started, &old.title)
                != (&new.cooperation, &new.bodies, new.reviewed, new.started, &new.title);
    }

    /// The first pages of the lists of cards (in pages of 50) the edit
    /// reaches: an edit can shorten one by a page, and the page it no
    /// longer has must go, as a full build would not write it.
    pub fn lists(&self, config: &Config, language: &str) -> Vec<SitePath> {
        let mut lists: Vec<SitePath> = Vec::new();
        lists.extend(self.countries.iter().map(|c| urls::country(c, language)));
        lists.extend(
            self.municipalities
                .iter()
                .map(|(territory, code)| urls::municipality(territory, code, language)),
        );
        lists.extend(self.bodies.iter().map(|id| urls::body(id, language)));
        lists.extend(
            self.terms
                .iter()
                .map(|(kind, term)| urls::term(*kind, term, language)),
        );
        if self.place_groups {
            lists.extend(
                config
                    .size_classes
                    .iter()
                    .map(|c| urls::size_class(c.id(), language)),
            );
            lists.push(urls::sparsely_populated(language));
        }
        lists
    }

    /// The country, municipality, body and term pages listing `case`.
    fn add_pages_of(&mut self, case: &Case) {
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
        for kind in TermKind::ALL {
            for term in kind.of(case) {
                self.terms.insert((kind, term.clone()));
            }
        }
    }
}

impl Selection {
    /// Whether the pages `test` picks out of an edit are to be made.
    pub fn wants(&self, test: impl Fn(&Affected) -> bool) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(affected) => test(affected),
        }
    }

    /// The edited ordinals when the `kept` pieces (one per case) can be
    /// refreshed in place; `None` when every piece is to be made.
    pub fn edited_only(&self, kept: usize, cases: usize) -> Option<&BTreeSet<usize>> {
        match self {
            Selection::Only(affected) if kept == cases => Some(&affected.edited),
            _ => None,
        }
    }
}

/// Per-case pieces kept from one render to the next (the cards), so that
/// `serve` makes again only those of edited cases.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Each site language's cards (in the order of the site's languages),
    /// by case ordinal.
    pub(super) cards: Vec<Vec<String>>,
}

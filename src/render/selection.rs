//! Rendering only what an edit reached, for `serve`: a [`Selection`] says
//! which pages to render (all of them, or the [`Affected`] ones), and the
//! [`RenderCache`] keeps each case's card from one render to the next, so
//! that only the cards of edited cases are made again. The export stage
//! reads the same selection for the feed, sitemap, search files and open
//! data.

use std::collections::BTreeSet;

use super::paging;
use super::urls::{self, SitePath, TermKind};
use crate::config::Config;
use crate::model::{BodyRef, Case, MunicipalityRef};

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
///
/// A list of cards (a country, municipality, body, term, place group, the
/// network) is rendered whole when an edit changed which cases it lists or
/// what its first page says about them (a municipality's partners, a
/// country's map); otherwise only the page holding an edited case's card
/// is: the lists are in catalogue order, so an edit that keeps a case's
/// lists keeps its card's place on each (at 10,000 cases a country's list
/// is 40 pages, and rendering all of them was a third of a rebuild).
#[derive(Debug, Clone, Default)]
pub struct Affected {
    /// Ordinals of the edited cases: their cards are rendered again, with
    /// the page of every list that holds them.
    pub edited: BTreeSet<usize>,
    /// Case pages to render: the edited ones and those listing an edited
    /// case among their related cases.
    pub case_pages: BTreeSet<usize>,
    /// Countries whose every page is rendered.
    pub countries: BTreeSet<String>,
    /// (territory, code): the municipalities whose every page is rendered,
    /// those an edit made a case name, or cover through a body, or no
    /// longer.
    pub municipalities: BTreeSet<(String, String)>,
    /// Ids of the bodies whose every page is rendered.
    pub bodies: BTreeSet<String>,
    /// (kind, term) whose every page is rendered:
    /// `(TermKind::Categories, "ai")`
    pub terms: BTreeSet<(TermKind, String)>,
    /// Every page of the size classes and of the sparsely populated.
    pub place_groups: bool,
    /// Whether an edit changed which lists a case is on or what their
    /// first pages say about it: the listing of each list's cases is made
    /// again.
    pub lists: bool,
    /// Every page of the co-operation network (co-operating cases, pairs
    /// across borders): which cases it lists or the pairs changed.
    pub network: bool,
    /// Whether the sitemap changed: a review date, whether a case is
    /// withdrawn, or which lists a case is on (a list, the network among
    /// them, can gain or lose a page, a municipality its page).
    pub sitemap: bool,
    /// Whether the municipalities named together changed, so that the
    /// pairs download must be made again.
    pub pairs: bool,
    /// Keys of the search data whose entries changed.
    pub search_keys: BTreeSet<String>,
    /// Whether any edited case's facets (country, municipalities, terms,
    /// status, bodies) or dates (review, start) changed, so that the search
    /// facets and sort files must be written again.
    pub facets: bool,
    /// Whether any edited case's title in some language changed, so that
    /// the sort files by title must be written again.
    pub titles: bool,
    /// Whether an edit changed a review date or an id, which decide which
    /// cases are the most recently reviewed (the home page's newest, the
    /// feed).
    pub newest: bool,
}

/// The countries, municipalities, bodies and terms whose lists a case is on.
type Lists = (
    BTreeSet<String>,
    BTreeSet<(String, String)>,
    BTreeSet<String>,
    BTreeSet<(TermKind, String)>,
);

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
        if Affected::listing(old) != Affected::listing(new) {
            for case in [old, new] {
                self.add_pages_of(case);
            }
            self.place_groups = true;
            self.lists = true;
        }
        let places = |case: &Case| -> Vec<(String, String)> {
            case.municipalities
                .iter()
                .map(|m| (m.territory.clone(), m.code.clone()))
                .collect()
        };
        // The network pages list the co-operating cases with their titles,
        // municipalities and bodies; the first has the pairs across borders.
        self.network |= places(old) != places(new) || old.names_partners() != new.names_partners();
        self.pairs |= old.municipalities != new.municipalities;
        self.sitemap |= old.reviewed != new.reviewed
            || old.status != new.status
            || old.names_partners() != new.names_partners()
            || Affected::lists_of(old) != Affected::lists_of(new);
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
            // The co-operation facets and the dates the listing sorts by.
            || (&old.cooperation, &old.bodies, old.reviewed, old.started)
                != (&new.cooperation, &new.bodies, new.reviewed, new.started);
        self.titles |= (&old.title, &old.title_local, &old.translations, &old.language)
            != (&new.title, &new.title_local, &new.translations, &new.language);
        self.newest |= old.reviewed != new.reviewed || old.id() != new.id();
    }

    /// Whether the edits reach a list of the most recently reviewed cases
    /// that is `newest` after them: they changed which cases are on it, or
    /// a case on it.
    pub fn reaches_newest(&self, newest: &[usize]) -> bool {
        self.newest || newest.iter().any(|ordinal| self.edited.contains(ordinal))
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
        if self.network {
            lists.push(urls::network(language));
        }
        lists
    }

    /// What decides which lists `case` is on, where on them, and what
    /// their first pages say about it (a municipality's partners, a
    /// body's or municipality's name as the case gives it): its country,
    /// municipalities, bodies and terms.
    fn listing(case: &Case) -> (&str, &[MunicipalityRef], &[BodyRef], [&[String]; 3]) {
        (
            &case.country,
            &case.municipalities,
            &case.bodies,
            TermKind::ALL.map(|kind| kind.of(case)),
        )
    }

    /// The lists `case` is on (its country, municipality, body and term
    /// pages), on their own.
    fn lists_of(case: &Case) -> Lists {
        let mut lists = Affected::default();
        lists.add_pages_of(case);
        (lists.countries, lists.municipalities, lists.bodies, lists.terms)
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

    /// Which pages of a list of `groups` of case ordinals (cut into pages
    /// as [`paging::split`] cuts them) are to be made: all of them in a
    /// build or when `whole` picks the list out of an edit, else those
    /// holding an edited case's card.
    pub(super) fn list_pages(&self, groups: &[Vec<usize>], whole: impl Fn(&Affected) -> bool) -> Vec<bool> {
        let entries = groups.iter().map(Vec::len).sum();
        let mut wanted = vec![self.wants(whole); paging::page_count(entries)];
        if let Selection::Only(affected) = self
            && !affected.edited.is_empty()
        {
            for (at, ordinal) in groups.iter().flatten().enumerate() {
                if affected.edited.contains(ordinal)
                    && let Some(page) = wanted.get_mut(paging::page_of(at) - 1)
                {
                    *page = true;
                }
            }
        }
        wanted
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
    pub(super) cards: Vec<Vec<super::view::CardHtml>>,
    /// Which cases each list holds.
    pub(super) listing: Option<super::listing::Listing>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(ordinals: &[usize]) -> Selection {
        Selection::Only(Affected {
            edited: ordinals.iter().copied().collect(),
            ..Affected::default()
        })
    }

    #[test]
    fn a_list_renders_the_pages_holding_an_edited_card_or_all_when_whole() {
        // 130 entries in two groups: the second starts on page 1 and goes
        // on over pages 2 and 3, as `paging::split` cuts it.
        let groups = vec![(0..30).collect::<Vec<usize>>(), (100..200).collect()];
        assert_eq!(Selection::All.list_pages(&groups, |_| false), [true; 3]);
        assert_eq!(edited(&[]).list_pages(&groups, |_| true), [true; 3]);
        assert_eq!(edited(&[]).list_pages(&groups, |_| false), [false; 3]);
        // 29 and 119 (at place 49) are on page 1, 120 on page 2, 199 (at
        // place 129) on page 3.
        assert_eq!(edited(&[29]).list_pages(&groups, |_| false), [true, false, false]);
        assert_eq!(
            edited(&[120]).list_pages(&groups, |_| false),
            [false, true, false]
        );
        assert_eq!(
            edited(&[119]).list_pages(&groups, |_| false),
            [true, false, false]
        );
        assert_eq!(
            edited(&[199, 30, 99]).list_pages(&groups, |_| false),
            [false, false, true]
        );
        // A case listed in two groups has a card on each of their pages.
        let twice = vec![(0..60).collect::<Vec<usize>>(), vec![5]];
        assert_eq!(edited(&[5]).list_pages(&twice, |_| false), [true, true]);
        // An empty list still has its first page.
        assert_eq!(edited(&[5]).list_pages(&[], |a| a.place_groups), [false]);
    }
}

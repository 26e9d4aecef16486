//! Which cases each list of the site holds, in catalogue order: by
//! country, by term, by municipality named, by body named and by member
//! covered through a body. The page builders of every language read one
//! [`Listing`]; a build makes it once, and `serve` keeps it from one
//! rebuild to the next while no edit changes a case's lists (at 10,000
//! cases, finding each list's cases again by comparing every case's
//! country and terms was a tenth of a rebuild after one edit).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::bodies::BodyIndex;
use super::selection::Selection;
use super::urls::{self, TermKind};
use super::view::{MapView, PlaceGroupPage};
use crate::model::Case;

/// The size classes' groups and the sparsely populated, as
/// [`super::pages::Builder::place_groups`] makes them.
#[derive(Debug)]
pub(super) struct PlaceGroups {
    pub(super) classes: Vec<PlaceGroupPage>,
    pub(super) sparse: Option<PlaceGroupPage>,
    /// Municipalities with cases whose population the register lacks.
    pub(super) unknown_size: usize,
}

/// A map's key: (language, country or none for all, title).
pub(super) type MapKey = (String, Option<String>, String);

/// The ordinals of each list's cases, in catalogue order.
#[derive(Debug, Default)]
pub struct Listing {
    /// Country code → its cases.
    pub(super) by_country: BTreeMap<String, Vec<usize>>,
    /// (kind, term id) → the cases with that term.
    pub(super) by_term: BTreeMap<(TermKind, String), Vec<usize>>,
    /// (country code, category id) → the country's cases in the category.
    by_country_category: BTreeMap<(String, String), Vec<usize>>,
    /// (territory, code) of a municipality → the cases naming it.
    pub(super) by_municipality: BTreeMap<(String, String), Vec<usize>>,
    /// Cases by the bodies they name, and the members those cover.
    pub(super) bodies: BodyIndex,
    /// Each case's page file (`cases/se/x/index.html`), below the folder
    /// of a language.
    pub(super) case_files: Vec<String>,
    /// What pages show of the lists alone, kept with them.
    pub(super) views: ListViews,
    /// How many cases it was made of.
    cases: usize,
}

/// What pages show of the lists alone, in each language: the maps (dots
/// and counts of the municipalities with cases) and the groups of
/// municipalities like mine. The register, the map outlines, the theme's
/// strings and the site's address shape them too, and any edit of those
/// is a full build; so each is made when first asked for and kept while
/// the listing is (at 10,000 cases they were a fifth of a rebuild after
/// an edit that left every case's lists as they were).
#[derive(Debug, Default)]
pub(super) struct ListViews {
    maps: Mutex<BTreeMap<MapKey, MapView>>,
    /// By (language, the sparsely populated's label).
    place_groups: Mutex<BTreeMap<(String, String), Arc<PlaceGroups>>>,
}

impl ListViews {
    pub(super) fn map(
        &self,
        key: (String, Option<String>, String),
        make: impl FnOnce() -> MapView,
    ) -> MapView {
        kept(&self.maps, key, make)
    }

    pub(super) fn place_groups(
        &self,
        key: (String, String),
        make: impl FnOnce() -> PlaceGroups,
    ) -> Arc<PlaceGroups> {
        // Shared, not copied: the groups hold every municipality with
        // cases and every case's ordinal.
        kept(&self.place_groups, key, || Arc::new(make()))
    }
}

/// The value kept under `key`, or `make`'s, kept from now on. The lock is
/// not held while making: two threads may both make it, and the same.
fn kept<K: Ord, V: Clone>(cache: &Mutex<BTreeMap<K, V>>, key: K, make: impl FnOnce() -> V) -> V {
    if let Ok(cache) = cache.lock()
        && let Some(value) = cache.get(&key)
    {
        return value.clone();
    }
    let value = make();
    if let Ok(mut cache) = cache.lock() {
        cache.insert(key, value.clone());
    }
    value
}

impl Listing {
    pub(super) fn of(cases: &[Case]) -> Listing {
        let mut listing = Listing {
            cases: cases.len(),
            bodies: BodyIndex::of(cases),
            case_files: cases.iter().map(|case| urls::case(case, "").file()).collect(),
            ..Listing::default()
        };
        for (ordinal, case) in cases.iter().enumerate() {
            listing
                .by_country
                .entry(case.country.clone())
                .or_default()
                .push(ordinal);
            for category in &case.categories {
                let key = (case.country.clone(), category.clone());
                push_once(listing.by_country_category.entry(key).or_default(), ordinal);
            }
            for kind in TermKind::ALL {
                for term in kind.of(case) {
                    push_once(listing.by_term.entry((kind, term.clone())).or_default(), ordinal);
                }
            }
            for m in &case.municipalities {
                let key = (m.territory.clone(), m.code.clone());
                push_once(listing.by_municipality.entry(key).or_default(), ordinal);
            }
        }
        listing
    }

    /// The listing `cached` if `selection` leaves every case's lists as
    /// they were when it was made, else one made again.
    pub(super) fn refreshed(cached: Option<Listing>, cases: &[Case], selection: &Selection) -> Listing {
        match cached {
            Some(listing) if listing.cases == cases.len() && !selection.wants(|a| a.lists) => listing,
            _ => Listing::of(cases),
        }
    }

    /// The cases of `country`.
    pub(super) fn country(&self, country: &str) -> &[usize] {
        self.by_country.get(country).map_or(&[], Vec::as_slice)
    }

    /// The cases that name the body `id`.
    pub(super) fn body_cases(&self, id: &str) -> &[usize] {
        self.bodies.cases.get(id).map_or(&[], Vec::as_slice)
    }

    /// The cases of `country` in `category`.
    pub(super) fn country_category(&self, country: &str, category: &str) -> &[usize] {
        self.by_country_category
            .get(&(country.to_string(), category.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// The cases with `term` of `kind`.
    pub(super) fn term(&self, kind: TermKind, term: &str) -> &[usize] {
        // The map's keys own their terms: a lookup makes one.
        self.by_term
            .get(&(kind, term.to_string()))
            .map_or(&[], Vec::as_slice)
    }
}

/// Add `ordinal` to a list unless it is its last entry already (a case
/// naming a municipality or term twice is listed once).
fn push_once(list: &mut Vec<usize>, ordinal: usize) {
    if list.last() != Some(&ordinal) {
        list.push(ordinal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_holds_its_cases_once_in_catalogue_order() {
        let mut cases: Vec<Case> = (0..4).map(|_| crate::model::tests::case("en", None)).collect();
        cases[0].country = "SE".into();
        cases[1].country = "NO".into();
        cases[2].country = "SE".into();
        cases[3].country = "SE".into();
        cases[0].categories = vec!["ai".into(), "internal".into()];
        cases[2].categories = vec!["internal".into(), "internal".into()];
        cases[3].categories = vec!["ai".into()];
        cases[1].categories = vec![];
        let listing = Listing::of(&cases);
        assert_eq!(listing.country("SE"), [0, 2, 3]);
        assert_eq!(listing.country("NO"), [1]);
        assert_eq!(listing.country("FI"), [] as [usize; 0]);
        assert_eq!(listing.term(TermKind::Categories, "internal"), [0, 2]);
        assert_eq!(listing.term(TermKind::Categories, "ai"), [0, 3]);
        assert_eq!(listing.country_category("SE", "internal"), [0, 2]);
        assert_eq!(listing.country_category("SE", "ai"), [0, 3]);
        assert_eq!(listing.country_category("NO", "ai"), [] as [usize; 0]);
        // The oracle: what the pages found before, a filter over every case.
        for kind in TermKind::ALL {
            for ((listed_kind, term), ordinals) in &listing.by_term {
                if *listed_kind != kind {
                    continue;
                }
                let filtered: Vec<usize> = (0..cases.len())
                    .filter(|&ordinal| kind.of(&cases[ordinal]).iter().any(|t| t == term))
                    .collect();
                assert_eq!(ordinals, &filtered, "{kind:?} {term}");
            }
        }
    }
}

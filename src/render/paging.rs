//! Listing pages in pages of at most [`PER_PAGE`] cards: a country, a
//! term, a size class or the sparsely populated, a municipality, a
//! co-operation body and the co-operation network list their cases this
//! way, so that no page of a large catalogue is too heavy for a slow
//! connection (issue 18: at 10,000 cases a category's single page was
//! 1.9 MB, and the network page 2 MB). Page 1 keeps the list's address;
//! the others are at `…/page/2/` ([`super::urls::SitePath::page`]).
//!
//! What a list shows besides its cards (a country's map and municipalities,
//! a municipality's facts and partners, a body's members, a group's
//! municipalities) is on page 1 only: it is what a reader arriving at the
//! list's address comes for, it is the same on every page, and repeated it
//! would be most of the weight pagination takes away (a country's map and
//! municipality list alone are tens of kilobytes; the network's pairs
//! across borders are on its page 1). Later pages carry the
//! heading, the cards and the page links, and link back to page 1.
//!
//! A list in groups (a country's cases by category, a municipality's cases
//! by the body that covers it) is cut through its groups in order; a
//! group cut in two starts the next page again under its heading.

use super::pages::Builder;
use super::urls::SitePath;
use super::view::*;

/// At most this many cards on one page.
pub(super) const PER_PAGE: usize = 50;

/// How many pages a list of `entries` cards takes (1 when empty: a list
/// always has its first page).
pub(super) fn page_count(entries: usize) -> usize {
    entries.div_ceil(PER_PAGE).max(1)
}

/// The page (1 for the first) the entry at `index` of a list is on.
pub(super) fn page_of(index: usize) -> usize {
    index / PER_PAGE + 1
}

/// Cut groups of entries into pages of at most [`PER_PAGE`]: for each
/// page, (group index, the group's entries on that page), in order. There
/// is always at least one page.
pub(super) fn split<T: Clone>(groups: &[Vec<T>]) -> Vec<Vec<(usize, Vec<T>)>> {
    let mut pages: Vec<Vec<(usize, Vec<T>)>> = vec![Vec::new()];
    let mut on_page = 0;
    for (group, entries) in groups.iter().enumerate() {
        let mut rest = entries.as_slice();
        while !rest.is_empty() {
            if on_page == PER_PAGE {
                pages.push(Vec::new());
                on_page = 0;
            }
            let take = rest.len().min(PER_PAGE - on_page);
            let (here, after) = rest.split_at(take);
            if let Some(page) = pages.last_mut() {
                page.push((group, here.to_vec()));
            }
            on_page += take;
            rest = after;
        }
    }
    pages
}

/// One flat list cut into pages.
pub(super) fn split_flat<T: Clone>(entries: Vec<T>) -> Vec<Vec<T>> {
    split(&[entries])
        .into_iter()
        .map(|page| page.into_iter().flat_map(|(_, entries)| entries).collect())
        .collect()
}

/// How many page numbers on either side of the current one are linked;
/// the first and last page always are.
const NEAR: usize = 2;

/// The page numbers to link from page `number` of `count`, in order, with
/// `None` for a gap ("…"). Where a gap would stand for one number, that
/// number is shown instead: it takes no more room than the "…".
pub(super) fn numbers(number: usize, count: usize) -> Vec<Option<usize>> {
    let shown = |n: usize| n == 1 || n == count || n.abs_diff(number) <= NEAR;
    let mut numbers = Vec::new();
    for n in 1..=count {
        let lone_gap = !shown(n) && shown(n - 1) && shown(n + 1);
        if shown(n) || lone_gap {
            numbers.push(Some(n));
        } else if numbers.last().is_some_and(Option::is_some) {
            numbers.push(None);
        }
    }
    numbers
}

impl Builder<'_> {
    /// Page `number` of `count` of the list whose first page is at `first`,
    /// which has `entries` cards in all.
    pub(super) fn pager(&self, first: &SitePath, number: usize, count: usize, entries: usize) -> Pager {
        let link = |n: usize| self.url(&first.page(n));
        let links = numbers(number, count)
            .into_iter()
            .enumerate()
            .map(|(at, n)| match n {
                Some(n) => PagerLink {
                    number: n,
                    url: Some(link(n)),
                    current: n == number,
                },
                None => PagerLink {
                    number: at,
                    url: None,
                    current: false,
                },
            })
            .collect();
        Pager {
            number,
            count,
            entries,
            label: if count > 1 {
                self.t("page_of")
                    .replace("{n}", &number.to_string())
                    .replace("{total}", &count.to_string())
            } else {
                String::new()
            },
            prev: (number > 1).then(|| link(number - 1)),
            next: (number < count).then(|| link(number + 1)),
            links: if count > 1 { links } else { Vec::new() },
        }
    }

    /// The pages of a country: its cases by category, the map, the
    /// municipalities and the bodies on page 1.
    pub(super) fn country_pages(&self, mut page: CountryPage) -> Vec<CountryPage> {
        let (headings, groups): (Vec<(String, String)>, Vec<Vec<CardHtml>>) =
            std::mem::take(&mut page.groups)
                .into_iter()
                .map(|group| ((group.id, group.heading), group.cases))
                .unzip();
        split(&groups)
            .into_iter()
            .enumerate()
            .map(|(index, parts)| {
                let groups = parts
                    .into_iter()
                    .filter_map(|(group, cases)| {
                        let (id, heading) = headings.get(group)?;
                        Some(CaseGroup {
                            id: id.clone(),
                            heading: heading.clone(),
                            cases,
                        })
                    })
                    .collect();
                if index == 0 {
                    CountryPage {
                        groups,
                        ..page.clone()
                    }
                } else {
                    CountryPage {
                        groups,
                        municipalities: Vec::new(),
                        bodies: Vec::new(),
                        map: MapView {
                            svg: String::new(),
                            rows: Vec::new(),
                            without_point: 0,
                        },
                        labels: Vec::new(),
                        code: page.code.clone(),
                        name: page.name.clone(),
                        case_count: page.case_count,
                    }
                }
            })
            .collect()
    }

    /// The pages of a municipality: the cases naming it, then those
    /// covering it through a body; its facts and partners on page 1.
    pub(super) fn municipality_pages(&self, mut page: MunicipalityPage) -> Vec<MunicipalityPage> {
        let covered = std::mem::take(&mut page.covered);
        let mut groups = vec![std::mem::take(&mut page.cases)];
        groups.extend(covered.iter().map(|group| group.cases.clone()));
        split(&groups)
            .into_iter()
            .enumerate()
            .map(|(index, parts)| {
                let mut this = page.clone();
                if index > 0 {
                    this.partners = Vec::new();
                }
                for (group, entries) in parts {
                    match group.checked_sub(1) {
                        None => this.cases = entries,
                        Some(body) => {
                            if let Some(whole) = covered.get(body) {
                                this.covered.push(CoveredGroup {
                                    body: whole.body.clone(),
                                    kind: whole.kind.clone(),
                                    cases: entries,
                                });
                            }
                        }
                    }
                }
                this
            })
            .collect()
    }

    /// The pages of a co-operation body: its members on page 1.
    pub(super) fn body_pages(&self, mut page: BodyPage) -> Vec<BodyPage> {
        let members = std::mem::take(&mut page.members);
        split_flat(std::mem::take(&mut page.cases))
            .into_iter()
            .enumerate()
            .map(|(index, cases)| BodyPage {
                cases,
                members: if index == 0 { members.clone() } else { Vec::new() },
                ..page.clone()
            })
            .collect()
    }

    /// The pages of a size class or of the sparsely populated: the
    /// municipalities in it on page 1.
    pub(super) fn place_group_pages(&self, page: &PlaceGroupPage) -> Vec<PlaceGroupPage> {
        split_flat(page.ordinals.clone())
            .into_iter()
            .enumerate()
            .map(|(index, ordinals)| PlaceGroupPage {
                id: page.id.clone(),
                label: page.label.clone(),
                municipalities: if index == 0 {
                    page.municipalities.clone()
                } else {
                    Vec::new()
                },
                cases: self.cards(ordinals.iter().copied()),
                ordinals,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_cut_into_pages_of_at_most_fifty_in_order() {
        let groups: Vec<Vec<usize>> = vec![
            (0..30).collect(),
            (30..101).collect(),
            vec![],
            (101..121).collect(),
        ];
        let pages = split(&groups);
        assert_eq!(pages.len(), 3);
        let sizes: Vec<usize> = pages
            .iter()
            .map(|page| page.iter().map(|(_, entries)| entries.len()).sum())
            .collect();
        assert_eq!(sizes, [50, 50, 21]);
        // The second group starts on page 1 and goes on under its heading.
        assert_eq!(pages[0].iter().map(|(g, _)| *g).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(pages[1].iter().map(|(g, _)| *g).collect::<Vec<_>>(), [1]);
        assert_eq!(pages[2].iter().map(|(g, _)| *g).collect::<Vec<_>>(), [1, 3]);
        let all: Vec<usize> = pages
            .into_iter()
            .flatten()
            .flat_map(|(_, entries)| entries)
            .collect();
        assert_eq!(all, (0..121).collect::<Vec<_>>());
    }

    #[test]
    fn the_page_links_are_the_ends_and_the_neighbours_with_gaps_between() {
        let shown = |number, count| -> String {
            numbers(number, count)
                .into_iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(2, 3), "1 2 3");
        assert_eq!(shown(1, 110), "1 2 3 … 110");
        assert_eq!(shown(50, 110), "1 … 48 49 50 51 52 … 110");
        // A gap of one page shows the page instead.
        assert_eq!(shown(5, 110), "1 2 3 4 5 6 7 … 110");
        assert_eq!(shown(6, 110), "1 … 4 5 6 7 8 … 110");
        assert_eq!(shown(110, 110), "1 … 108 109 110");
        assert_eq!(shown(106, 110), "1 … 104 105 106 107 108 109 110");
    }

    #[test]
    fn a_list_always_has_its_first_page() {
        assert_eq!(split_flat(Vec::<u8>::new()), vec![Vec::<u8>::new()]);
        assert_eq!(split_flat(vec![1; 50]).len(), 1);
        assert_eq!(split_flat(vec![1; 51]).len(), 2);
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(50), 1);
        assert_eq!(page_count(51), 2);
        assert_eq!(page_of(0), 1);
        assert_eq!(page_of(49), 1);
        assert_eq!(page_of(50), 2);
    }
}

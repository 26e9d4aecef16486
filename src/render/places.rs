//! Pages about municipalities as places: "municipalities like mine" (size
//! classes and the sparsely populated), the co-operation network, and the
//! map. A case counts in a group when any of its municipalities does; a
//! municipality whose register row lacks a figure is in no group, never in
//! a guessed one.

use std::collections::BTreeSet;

use super::listing::PlaceGroups;
use super::pages::Builder;
use super::urls;
use super::view::*;
use crate::config::Vocabulary;
use crate::map;
use crate::model::MunicipalityRef;
use crate::register::Municipality;

/// A municipality with cases: its reference, register row and cases.
type Place<'b> = (&'b MunicipalityRef, Option<&'b Municipality>, &'b [usize]);

impl Builder<'_> {
    fn register_row(&self, reference: &MunicipalityRef) -> Option<&Municipality> {
        self.catalogue
            .register
            .by_code(&reference.country, &reference.code)
    }

    /// Every municipality with cases: its reference, register row and cases.
    fn places(&self) -> Vec<Place<'_>> {
        self.listing
            .by_municipality
            .iter()
            .filter_map(|(key, indices)| {
                let reference = self.municipality_ref(key, indices)?;
                Some((reference, self.register_row(reference), indices.as_slice()))
            })
            .collect()
    }

    pub(super) fn size_class_link(&self, row: Option<&Municipality>) -> Option<LinkView> {
        let class = self.config.size_class(row?.population?)?;
        Some(LinkView {
            url: self.url(&urls::size_class(class.id(), &self.language)),
            label: class.label(&self.language).to_string(),
        })
    }

    pub(super) fn is_sparse(&self, row: Option<&Municipality>) -> Option<bool> {
        self.config.is_sparse(row.and_then(Municipality::density))
    }

    fn count(&self, reference: &MunicipalityRef, cases: usize, other_country: bool) -> MunicipalityCount {
        MunicipalityCount {
            link: self.municipality_link(reference),
            count: cases,
            country: other_country.then(|| self.label(Vocabulary::Countries, &reference.territory)),
        }
    }

    /// A group page of those of the `places` for which `member` holds.
    fn group(
        &self,
        places: &[Place<'_>],
        id: &str,
        label: String,
        member: impl Fn(Option<&Municipality>) -> bool,
    ) -> PlaceGroupPage {
        let mut municipalities = Vec::new();
        let mut cases = BTreeSet::new();
        for &(reference, row, indices) in places {
            if member(row) {
                municipalities.push(PlaceGroupMember {
                    count: self.count(reference, indices.len(), true),
                    population: row
                        .and_then(|m| m.population)
                        .map(|population| self.number(population as f64, 0)),
                    population_year: row.and_then(|m| m.population.and(m.population_year)),
                    density: row
                        .and_then(Municipality::density)
                        .map(|density| self.number(density, 1)),
                });
                cases.extend(indices.iter().copied());
            }
        }
        municipalities.sort_by(|a, b| a.count.link.label.cmp(&b.count.link.label));
        PlaceGroupPage {
            id: id.to_string(),
            label,
            municipalities,
            cases: Vec::new(),
            ordinals: cases.into_iter().collect(),
        }
    }

    /// The pages of every size class, and of the sparsely populated.
    pub(super) fn place_groups(&self, sparse_label: &str) -> std::sync::Arc<PlaceGroups> {
        let key = (self.language.clone(), sparse_label.to_string());
        self.listing
            .views
            .place_groups(key, || self.make_place_groups(sparse_label))
    }

    fn make_place_groups(&self, sparse_label: &str) -> PlaceGroups {
        let places = self.places();
        let classes = self
            .config
            .size_classes
            .iter()
            .map(|class| {
                self.group(
                    &places,
                    class.id(),
                    class.label(&self.language).to_string(),
                    |row| {
                        row.and_then(|m| m.population)
                            .and_then(|population| self.config.size_class(population))
                            .is_some_and(|found| found.id() == class.id())
                    },
                )
            })
            .collect();
        let sparse = self.config.municipalities.as_ref().map(|_| {
            self.group(&places, "sparsely-populated", sparse_label.to_string(), |row| {
                self.is_sparse(row) == Some(true)
            })
        });
        let unknown_size = places
            .iter()
            .filter(|(_, row, _)| row.and_then(|m| m.population).is_none())
            .count();
        PlaceGroups {
            classes,
            sparse,
            unknown_size,
        }
    }

    pub(super) fn places_index(&self, groups: &PlaceGroups) -> PlacesIndexPage {
        let summary = |page: &PlaceGroupPage, url: String| PlaceGroupSummary {
            link: LinkView {
                url,
                label: page.label.clone(),
            },
            municipalities: page.municipalities.len(),
            cases: page.ordinals.len(),
        };
        PlacesIndexPage {
            classes: groups
                .classes
                .iter()
                .map(|page| summary(page, self.url(&urls::size_class(&page.id, &self.language))))
                .collect(),
            sparse: groups
                .sparse
                .as_ref()
                .map(|page| summary(page, self.url(&urls::sparsely_populated(&self.language)))),
            sparse_density: self.config.municipalities.as_ref().map(|m| m.sparse_density),
            unknown_size: groups.unknown_size,
        }
    }

    /// One page of who works with whom: the `listed` cases (of those that
    /// name two or more municipalities or a co-operation body) and, on the
    /// first page, the pairs of municipalities across a national border.
    /// The full pair list is a download (`data/cooperation-pairs.csv`),
    /// not a page of hundreds of rows.
    pub(super) fn network(&self, listed: &[usize], first_page: bool) -> NetworkPage {
        let cases = &self.catalogue.cases;
        let by_example = listed
            .iter()
            .filter_map(|&ordinal| cases.get(ordinal))
            .map(|case| self.card(case))
            .collect();
        if !first_page {
            return NetworkPage {
                by_example,
                cross_border: Vec::new(),
                pairs: 0,
                pairs_url: self.links.file(&urls::cooperation_pairs_csv()),
            };
        }
        let pairs = crate::model::municipality_pairs(cases);
        let mut cross_border: Vec<PairView> = pairs
            .iter()
            .filter(|pair| pair.first.territory != pair.second.territory)
            .map(|pair| PairView {
                first_country: self.label(Vocabulary::Countries, &pair.first.territory),
                second_country: self.label(Vocabulary::Countries, &pair.second.territory),
                first: self.municipality_link(&pair.first),
                second: self.municipality_link(&pair.second),
                shared: pair.shared,
            })
            .collect();
        cross_border.sort_by(|a, b| {
            b.shared
                .cmp(&a.shared)
                .then_with(|| (&a.first.label, &a.second.label).cmp(&(&b.first.label, &b.second.label)))
        });
        NetworkPage {
            by_example,
            cross_border,
            pairs: pairs.len(),
            pairs_url: self.links.file(&urls::cooperation_pairs_csv()),
        }
    }

    /// The ordinals of the cases the network page lists: those naming two
    /// or more municipalities or a body, in catalogue order.
    pub(super) fn network_cases(&self) -> Vec<usize> {
        self.catalogue
            .cases
            .iter()
            .enumerate()
            .filter(|(_, case)| case.names_partners())
            .map(|(ordinal, _)| ordinal)
            .collect()
    }

    /// The map of all countries, or of one, with a dot per municipality
    /// that has cases there.
    pub(super) fn map_view(&self, country: Option<&str>, title: &str, cases_word: &str) -> MapView {
        let key = (
            self.language.clone(),
            country.map(str::to_string),
            title.to_string(),
        );
        self.listing
            .views
            .map(key, || self.make_map_view(country, title, cases_word))
    }

    fn make_map_view(&self, country: Option<&str>, title: &str, cases_word: &str) -> MapView {
        let mut rows = Vec::new();
        let mut dots = Vec::new();
        let mut without_point = 0;
        for (reference, row, indices) in self.places() {
            if country.is_some_and(|c| c != reference.territory) {
                continue;
            }
            let count = self.count(reference, indices.len(), country.is_none());
            match row.and_then(|m| Some((m.lon?, m.lat?))) {
                Some((lon, lat)) => dots.push(map::Dot {
                    territory: reference.territory.clone(),
                    lon,
                    lat,
                    url: count.link.url.clone(),
                    label: format!("{}: {} {cases_word}", reference.name, indices.len()),
                    count: indices.len(),
                }),
                None => without_point += 1,
            }
            rows.push(count);
        }
        rows.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.link.label.cmp(&b.link.label))
        });
        MapView {
            svg: map::svg(
                &self.catalogue.outlines,
                &dots,
                title,
                country,
                &map::MapText {
                    name: &|code| self.label(Vocabulary::Countries, code),
                    cluster_label: &|members| {
                        let names: Vec<&str> = members.iter().map(|dot| dot.label.as_str()).collect();
                        self.t("map_cluster")
                            .replace("{n}", &members.len().to_string())
                            .replace("{names}", &names.join("; "))
                    },
                    // Dots of one territory part on its own, zoomed map;
                    // any others are told apart in the table below the
                    // home map, or on a country's page, in its list of
                    // municipalities right below the map (it has no table).
                    cluster_link: &|members| match members.first() {
                        Some(first)
                            if country.is_none()
                                && members.iter().all(|dot| dot.territory == first.territory) =>
                        {
                            self.country_link(&first.territory).url
                        }
                        _ if country.is_some() => "#municipalities".to_string(),
                        _ => format!("#{}", map::TABLE_ID),
                    },
                },
            ),
            rows,
            without_point,
        }
    }
}

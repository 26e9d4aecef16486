//! Pages about co-operation bodies: one page per body of the register
//! (`/bodies/<id>/`: its names, kind, members with their size and density,
//! and the cases that name it), an index of them (`/bodies/`), and the
//! "covered through" part of a member municipality's page. A member of a
//! body is covered through it, never counted as taking part: only the
//! municipalities a case names take part.

use std::collections::BTreeMap;

use super::pages::Builder;
use super::urls;
use super::view::*;
use crate::bodies::Body;
use crate::config::Vocabulary;
use crate::model::{BodyRef, MunicipalityRef};
use crate::register::Municipality;

/// (territory, code) of a municipality, as the builder keys them.
type Key = (String, String);

/// Which cases name which bodies, and which municipalities they cover.
#[derive(Debug, Default)]
pub(super) struct BodyIndex {
    /// Body id → ordinals of the cases that name it.
    pub cases: BTreeMap<String, Vec<usize>>,
    /// Member (territory, code) → (case ordinal, body id), for every case
    /// that covers the member through a body during the case's period.
    pub covered: BTreeMap<Key, Vec<(usize, String)>>,
}

impl BodyIndex {
    pub fn of(cases: &[crate::model::Case]) -> BodyIndex {
        let mut index = BodyIndex::default();
        for (ordinal, case) in cases.iter().enumerate() {
            for body in &case.bodies {
                let named = index.cases.entry(body.id.clone()).or_default();
                if named.last() != Some(&ordinal) {
                    named.push(ordinal);
                }
                for member in &body.members {
                    let key = (member.territory.clone(), member.code.clone());
                    let covering = index.covered.entry(key).or_default();
                    if !covering.contains(&(ordinal, body.id.clone())) {
                        covering.push((ordinal, body.id.clone()));
                    }
                }
            }
        }
        index
    }
}

impl Builder<'_> {
    pub(super) fn body_link(&self, body: &BodyRef) -> LinkView {
        LinkView {
            url: self.url(&urls::body(&body.id, &self.language)),
            label: body.name.clone(),
        }
    }

    fn kind_label(&self, kind: &str) -> String {
        self.t(&format!("body_kind_{}", kind.replace('-', "_")))
    }

    /// Whether a municipality has a page: a case names it or covers it.
    fn has_page(&self, key: &Key) -> bool {
        self.listing.by_municipality.contains_key(key) || self.listing.bodies.covered.contains_key(key)
    }

    pub(super) fn body_page(&self, body: &Body) -> BodyPage {
        let register = &self.catalogue.register;
        let mut members: Vec<BodyMemberView> = register
            .bodies()
            .members(&body.id)
            .iter()
            .filter_map(|membership| {
                let row = register.by_code(&body.country, &membership.code)?;
                Some(self.member_view(row, &membership.valid_from, &membership.valid_to))
            })
            .collect();
        members.sort_by(|a, b| a.name.label.cmp(&b.name.label).then_with(|| a.from.cmp(&b.from)));
        let ordinals = self.listing.body_cases(&body.id).to_vec();
        BodyPage {
            id: body.id.clone(),
            name: body.name.clone(),
            name_en: (!body.name_en.is_empty() && body.name_en != body.name).then(|| body.name_en.clone()),
            other_names: body
                .name_forms()
                .into_iter()
                .map(|form| LanguageLabel {
                    language_name: self.label(Vocabulary::Languages, &form.language),
                    language: form.language,
                    label: form.name,
                })
                .collect(),
            kind: self.kind_label(&body.kind),
            country: self.country_link(&body.country),
            valid_from: (!body.valid_from.is_empty()).then(|| body.valid_from.clone()),
            valid_to: (!body.valid_to.is_empty()).then(|| body.valid_to.clone()),
            website: (!body.website.is_empty()).then(|| body.website.clone()),
            members,
            cases: self.cards(ordinals),
        }
    }

    fn member_view(&self, row: &Municipality, from: &str, to: &str) -> BodyMemberView {
        let reference = MunicipalityRef::of(row);
        let key = (reference.territory.clone(), reference.code.clone());
        let link = self.municipality_link(&reference);
        BodyMemberView {
            name: link.clone(),
            has_page: self.has_page(&key),
            population: row.population.map(|population| self.number(population as f64, 0)),
            population_year: row.population_year,
            area_km2: row.area_km2.map(|area| self.number(area, 0)),
            area_kind: row.area_km2.map(|_| row.area_kind.clone()),
            area_year: row.area_km2.and(row.area_year),
            density: row.density().map(|density| self.number(density, 1)),
            sparse: self.is_sparse(Some(row)),
            from: (!from.is_empty()).then(|| from.to_string()),
            to: (!to.is_empty()).then(|| to.to_string()),
        }
    }

    /// Every body of the register by country, with its kind and counts.
    pub(super) fn body_index(&self) -> BodyIndexPage {
        let bodies = self.catalogue.register.bodies();
        let groups = self
            .config
            .countries
            .iter()
            .filter_map(|country| {
                let mut entries: Vec<BodyIndexEntry> = bodies
                    .all()
                    .iter()
                    .filter(|body| body.country == country.id())
                    .map(|body| BodyIndexEntry {
                        link: LinkView {
                            url: self.url(&urls::body(&body.id, &self.language)),
                            label: body.name.clone(),
                        },
                        kind: self.kind_label(&body.kind),
                        members: bodies.members(&body.id).len(),
                        cases: self.listing.body_cases(&body.id).len(),
                    })
                    .collect();
                entries.sort_by(|a, b| a.link.label.cmp(&b.link.label));
                (!entries.is_empty()).then(|| BodyIndexGroup {
                    country: self.country_link(country.id()),
                    bodies: entries,
                })
            })
            .collect();
        BodyIndexPage { groups }
    }

    /// The bodies of a country, with the number of cases that name each.
    pub(super) fn country_bodies(&self, country: &str) -> Vec<MunicipalityCount> {
        let mut bodies: Vec<MunicipalityCount> = self
            .catalogue
            .register
            .bodies()
            .all()
            .iter()
            .filter(|body| body.country == country)
            .map(|body| MunicipalityCount {
                link: LinkView {
                    url: self.url(&urls::body(&body.id, &self.language)),
                    label: body.name.clone(),
                },
                count: self.listing.body_cases(&body.id).len(),
                country: None,
            })
            .collect();
        bodies.sort_by(|a, b| a.link.label.cmp(&b.link.label));
        bodies
    }

    /// The cases that cover the municipality through a body, by body.
    pub(super) fn covered_through(&self, key: &Key) -> Vec<CoveredGroup> {
        self.covering_bodies(key)
            .into_iter()
            .map(|(body, ordinals)| CoveredGroup {
                body: self.body_link(body),
                kind: self.kind_label(&body.kind),
                cases: self.cards(ordinals),
            })
            .collect()
    }

    /// The bodies through which cases cover the municipality, in the order
    /// of their ids, each with the ordinals of those cases.
    pub(super) fn covering_bodies(&self, key: &Key) -> Vec<(&BodyRef, Vec<usize>)> {
        let Some(covering) = self.listing.bodies.covered.get(key) else {
            return Vec::new();
        };
        let mut by_body: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (ordinal, body) in covering {
            by_body.entry(body.as_str()).or_default().push(*ordinal);
        }
        by_body
            .into_iter()
            .filter_map(|(id, ordinals)| {
                let case = self.catalogue.cases.get(*ordinals.first()?)?;
                let body = case.bodies.iter().find(|body| body.id == id)?;
                Some((body, ordinals))
            })
            .collect()
    }
}

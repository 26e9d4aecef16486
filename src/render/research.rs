//! The research mapping's pages: the list of studies with its filters
//! (every study, and those of one theme, country, kind or year, each a
//! page of its own so that filtering needs no script), a page per study,
//! and what the case pages and the home page show of the studies.
//!
//! Citations are in the style of `[research] style` (APA 7 by default),
//! made once when the catalogue is checked (`Catalogue::citations`).

use std::collections::BTreeSet;

use super::pages::Builder;
use super::urls::{self, SitePath, TermKind};
use super::view::*;
use crate::config::Vocabulary;
use crate::model::Case;
use crate::research::{KINDS, Study};

/// The facets a list of studies is filtered by, in the order shown.
pub(super) const FACETS: [&str; 4] = ["themes", "countries", "kinds", "years"];

/// The values of `facet` a study has.
fn values_of(study: &Study, facet: &str) -> Vec<String> {
    match facet {
        "themes" => study.themes.clone(),
        "countries" => study.countries.clone(),
        "kinds" => vec![study.kind.clone()],
        _ => vec![study.year.to_string()],
    }
}

impl Builder<'_> {
    /// A kind of study in the UI language.
    pub(super) fn study_kind_label(&self, kind: &str) -> String {
        self.t(&format!("research_kind_{}", kind.replace('-', "_")))
    }

    /// The label of a value of a facet.
    fn value_label(&self, facet: &str, value: &str) -> String {
        match facet {
            "themes" => self.label(Vocabulary::Categories, value),
            "countries" => self.label(Vocabulary::Countries, value),
            "kinds" => self.study_kind_label(value),
            _ => value.to_string(),
        }
    }

    /// Every value of `facet` some study has, in the vocabulary's order
    /// (years newest first), with how many studies have it.
    pub(super) fn facet_values(&self, facet: &str) -> Vec<(String, usize)> {
        let studies = &self.catalogue.studies;
        let order: Vec<String> = match facet {
            "themes" => self
                .config
                .categories
                .iter()
                .map(|t| t.id().to_string())
                .collect(),
            "countries" => self.config.countries.iter().map(|t| t.id().to_string()).collect(),
            "kinds" => KINDS.iter().map(|k| k.to_string()).collect(),
            _ => {
                let years: BTreeSet<i32> = studies.iter().map(|s| s.year).collect();
                years.into_iter().rev().map(|y| y.to_string()).collect()
            }
        };
        order
            .into_iter()
            .map(|value| {
                let count = studies
                    .iter()
                    .filter(|study| values_of(study, facet).contains(&value))
                    .count();
                (value, count)
            })
            .filter(|(_, count)| *count > 0)
            .collect()
    }

    fn study_card(&self, ordinal: usize) -> StudyCard {
        let study = &self.catalogue.studies[ordinal];
        let reference_html = self
            .citations
            .get(ordinal)
            .map(|c| c.reference.html.clone())
            .filter(|html| !html.is_empty())
            .unwrap_or_else(|| crate::html::escape(&study.title));
        StudyCard {
            key: study.key.clone(),
            url: self.url(&urls::study(&study.key, &self.language)),
            title: study.title.clone(),
            title_language: study.language.clone(),
            reference_html,
            year: study.year,
            kind: self.study_kind_label(&study.kind),
            themes: study
                .themes
                .iter()
                .map(|theme| LinkView {
                    url: self.url(&urls::research_filter("themes", theme, &self.language)),
                    label: self.label(Vocabulary::Categories, theme),
                })
                .collect(),
            countries: study
                .countries
                .iter()
                .map(|country| LinkView {
                    url: self.url(&urls::research_filter("countries", country, &self.language)),
                    label: self.label(Vocabulary::Countries, country),
                })
                .collect(),
        }
    }

    /// The list of the studies with `value` of `facet`, or of every study.
    pub(super) fn research_list(&self, filter: Option<(&str, &str)>) -> ResearchListPage {
        let studies = &self.catalogue.studies;
        let mut listed: Vec<usize> = (0..studies.len())
            .filter(|&ordinal| {
                filter.is_none_or(|(facet, value)| {
                    values_of(&studies[ordinal], facet).iter().any(|v| v == value)
                })
            })
            .collect();
        // As a reference list is: by its text, which starts with the authors.
        listed.sort_by_cached_key(|&ordinal| {
            let plain = self
                .citations
                .get(ordinal)
                .map(|c| c.reference.plain.to_lowercase());
            (plain.unwrap_or_default(), studies[ordinal].key.clone())
        });
        let filters = FACETS
            .iter()
            .map(|&facet| FilterView {
                id: facet.to_string(),
                label: self.t(&format!("research_filter_{facet}")),
                values: self
                    .facet_values(facet)
                    .into_iter()
                    .map(|(value, count)| FilterValue {
                        link: LinkView {
                            url: self.url(&urls::research_filter(facet, &value, &self.language)),
                            label: self.value_label(facet, &value),
                        },
                        count,
                        current: filter == Some((facet, value.as_str())),
                    })
                    .collect(),
            })
            .collect();
        ResearchListPage {
            filter: filter.map(|(facet, value)| self.value_label(facet, value)),
            all_url: self.url(&urls::research(&self.language)),
            total: studies.len(),
            filters,
            studies: listed
                .into_iter()
                .map(|ordinal| self.study_card(ordinal))
                .collect(),
        }
    }

    pub(super) fn study_page(&self, ordinal: usize) -> StudyPage {
        let study = &self.catalogue.studies[ordinal];
        let citation = self.citations.get(ordinal);
        StudyPage {
            card: self.study_card(ordinal),
            in_text_html: citation.map(|c| c.in_text.html.clone()).unwrap_or_default(),
            reference: citation.map_or_else(|| study.title.clone(), |c| c.reference.plain.clone()),
            summary: study.summary.clone(),
            design: study.design.clone(),
            population: study.population.clone(),
            outcomes: study.outcomes.clone(),
            link: study.link(),
            cases: self.cards(
                self.by_study
                    .get(study.key.as_str())
                    .into_iter()
                    .flatten()
                    .copied(),
            ),
            research_url: self.url(&urls::research(&self.language)),
        }
    }

    /// The studies a case's `evidence` names, in the order it names them.
    pub(super) fn evidence(&self, case: &Case) -> Vec<EvidenceView> {
        let studies = &self.catalogue.studies;
        case.evidence
            .iter()
            .filter_map(|key| {
                let ordinal = studies.binary_search_by(|s| s.key.as_str().cmp(key)).ok()?;
                let study = &studies[ordinal];
                Some(EvidenceView {
                    url: self.url(&urls::study(&study.key, &self.language)),
                    title: study.title.clone(),
                    title_language: study.language.clone(),
                    in_text_html: self
                        .citations
                        .get(ordinal)
                        .map(|c| c.in_text.html.clone())
                        .unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The home page's rows of the two mappings by theme.
    pub(super) fn mapping_themes(&self) -> Vec<MappingRow> {
        let cases = &self.catalogue.cases;
        self.config
            .categories
            .iter()
            .map(|category| {
                let studies = self.studies_with("themes", category.id());
                MappingRow {
                    label: category.label(&self.language).to_string(),
                    cases: cases
                        .iter()
                        .filter(|c| c.categories.iter().any(|x| x == category.id()))
                        .count(),
                    cases_url: self.url(&urls::term(TermKind::Categories, category.id(), &self.language)),
                    studies,
                    studies_url: self.filter_url(studies, "themes", category.id()),
                }
            })
            .collect()
    }

    /// The home page's rows of the two mappings by country.
    pub(super) fn mapping_countries(&self) -> Vec<MappingRow> {
        self.config
            .countries
            .iter()
            .map(|country| {
                let studies = self.studies_with("countries", country.id());
                MappingRow {
                    label: country.label(&self.language).to_string(),
                    cases: self.listing.country(country.id()).len(),
                    cases_url: self.url(&urls::country(country.id(), &self.language)),
                    studies,
                    studies_url: self.filter_url(studies, "countries", country.id()),
                }
            })
            .collect()
    }

    fn studies_with(&self, facet: &str, value: &str) -> usize {
        self.catalogue
            .studies
            .iter()
            .filter(|study| values_of(study, facet).iter().any(|v| v == value))
            .count()
    }

    fn filter_url(&self, count: usize, facet: &str, value: &str) -> Option<String> {
        (count > 0).then(|| self.url(&urls::research_filter(facet, value, &self.language)))
    }

    /// The pages of the filtered lists: every value of every facet.
    pub(super) fn research_filters(&self) -> Vec<(SitePath, ResearchListPage)> {
        let mut pages = Vec::new();
        for facet in FACETS {
            for (value, _) in self.facet_values(facet) {
                let path = urls::research_filter(facet, &value, &self.language);
                pages.push((path, self.research_list(Some((facet, value.as_str())))));
            }
        }
        pages
    }
}

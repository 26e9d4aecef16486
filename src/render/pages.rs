//! The page builders: the validated catalogue → the view models of
//! [`super::view`], one per page. A [`Builder`] holds what every page
//! shares (the catalogue, the UI strings, where the site is published, the
//! rendered cards) and makes each page's value; `bodies.rs` and
//! `places.rs` add the pages about bodies and about municipalities as
//! places.

use std::collections::{BTreeMap, BTreeSet};

use super::listing::Listing;
use super::theme::Strings;
use super::urls::{self, Links, SitePath, TermKind};
use super::view::*;
use crate::config::{Config, Term, Vocabulary};
use crate::model::{Case, Catalogue, MunicipalityRef};
use crate::register::Municipality;
use crate::search::SearchData;

/// Everything the page builders share.
pub(super) struct Builder<'a> {
    pub(super) catalogue: &'a Catalogue,
    pub(super) config: &'a Config,
    /// The language of the pages (one of the site's languages).
    pub(super) language: String,
    pub(super) links: Links,
    /// Which cases each list holds.
    pub(super) listing: &'a Listing,
    pub(super) search: &'a SearchData,
    pub(super) strings: &'a Strings,
    /// Each case's card (card.html) by ordinal, rendered once and reused by
    /// every list the case is in.
    pub(super) card_html: Vec<CardHtml>,
    /// Each study's citation, in the order of `catalogue.studies`: the
    /// same in every language, so made once per build.
    pub(super) citations: &'a [crate::research::Citation],
    /// The ordinals of the cases whose `evidence` names a study, by key.
    pub(super) by_study: BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(
        catalogue: &'a Catalogue,
        listing: &'a Listing,
        search: &'a SearchData,
        strings: &'a Strings,
        citations: &'a [crate::research::Citation],
        language: &str,
        links: Links,
    ) -> Builder<'a> {
        let mut by_study: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (index, case) in catalogue.cases.iter().enumerate() {
            for key in case.evidence.iter().collect::<BTreeSet<_>>() {
                by_study.entry(key.as_str()).or_default().push(index);
            }
        }
        Builder {
            catalogue,
            config: &catalogue.config,
            language: language.to_string(),
            links,
            listing,
            search,
            strings,
            // Filled once the cards are rendered, with the builder's help.
            card_html: Vec::new(),
            citations,
            by_study,
        }
    }

    /// A UI string of the theme (the key itself if the theme lacks it).
    pub(super) fn t(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The link a page prints to the page at `path`.
    pub(super) fn url(&self, path: &SitePath) -> String {
        self.links.prefixed(path)
    }

    pub(super) fn number(&self, value: f64, decimals: usize) -> String {
        number(value, decimals, &self.language)
    }

    pub(super) fn label(&self, vocabulary: Vocabulary, term: &str) -> String {
        self.config
            .term(vocabulary, term)
            .map_or_else(|| term.to_string(), |t| t.label(&self.language).to_string())
    }

    pub(super) fn country_link(&self, code: &str) -> LinkView {
        LinkView {
            url: self.url(&urls::country(code, &self.language)),
            label: self.label(Vocabulary::Countries, code),
        }
    }

    pub(super) fn municipality_link(&self, municipality: &MunicipalityRef) -> LinkView {
        LinkView {
            url: self.url(&urls::municipality(
                &municipality.territory,
                &municipality.code,
                &self.language,
            )),
            label: municipality.name.clone(),
        }
    }

    pub(super) fn term_link(&self, kind: TermKind, term: &str) -> LinkView {
        LinkView {
            url: self.url(&urls::term(kind, term, &self.language)),
            label: self.label(kind.vocabulary(), term),
        }
    }

    pub(super) fn all_labels(&self, term: &Term) -> Vec<LanguageLabel> {
        self.config
            .site
            .label_languages
            .iter()
            .map(|language| LanguageLabel {
                language: language.clone(),
                language_name: self.label(Vocabulary::Languages, language),
                label: term.label(language).to_string(),
            })
            .collect()
    }

    pub(super) fn card(&self, case: &Case) -> CaseCard {
        let (title, title_language) = case.title_in(&self.language);
        let (summary, summary_language) = case.summary_in(&self.language);
        // A title in the case's own language (other than English) is its
        // local title, or stands in for it: shown once.
        let title_local = case
            .title_local
            .clone()
            .filter(|_| title_language != case.language || title_language == crate::model::ORIGINAL_LANGUAGE);
        CaseCard {
            id: case.id(),
            url: self.url(&urls::case(case, &self.language)),
            title: title.to_string(),
            title_language: title_language.to_string(),
            title_local,
            language: case.language.clone(),
            summary: summary.to_string(),
            summary_language: summary_language.to_string(),
            country: self.country_link(&case.country),
            municipalities: case
                .municipalities
                .iter()
                .map(|m| self.municipality_link(m))
                .collect(),
            bodies: case.bodies.iter().map(|b| self.body_link(b)).collect(),
            categories: case
                .categories
                .iter()
                .map(|c| self.term_link(TermKind::Categories, c))
                .collect(),
            status: self.label(Vocabulary::Statuses, &case.status),
            reviewed: case.reviewed.to_string(),
        }
    }

    /// The rendered cards of the cases at these ordinals.
    pub(super) fn cards(&self, ordinals: impl IntoIterator<Item = usize>) -> Vec<CardHtml> {
        ordinals
            .into_iter()
            .filter_map(|ordinal| self.card_html.get(ordinal).cloned())
            .collect()
    }

    /// The related cases tantivy's MoreLikeThis found for `index`.
    pub(super) fn related(&self, index: usize) -> Vec<CardHtml> {
        self.cards(
            self.search
                .related
                .get(index)
                .into_iter()
                .flatten()
                .map(|&other| other as usize),
        )
    }

    /// The page of the case at `index`, around its body as HTML (the same
    /// in every language, so rendered once for all).
    pub(super) fn case_page(&self, index: usize, body_html: String) -> CasePage {
        let case = &self.catalogue.cases[index];
        let card = self.card(case);
        let page_url = self.links.absolute(&urls::case(case, &self.language));
        let improve = self.config.site.github().map(|github| {
            let id = card.id.as_str();
            let values = [
                ("id", id),
                ("title", card.title.as_str()),
                ("url", page_url.as_str()),
            ];
            super::repository::improve(
                &github,
                &case.catalogue_file(),
                &super::repository::fill(&self.t("improve_issue_title"), &values),
                &super::repository::fill(&self.t("improve_issue_body"), &values),
            )
        });
        CasePage {
            card,
            service_areas: case
                .service_areas
                .iter()
                .map(|a| self.term_link(TermKind::ServiceAreas, a))
                .collect(),
            cooperation: self.term_link(TermKind::Cooperation, &case.cooperation),
            started: case.started.to_string(),
            ended: case.ended.map(|date| date.to_string()),
            organisations: case.organisations.clone(),
            evaluation: case
                .evaluation
                .as_deref()
                .map(|e| self.label(Vocabulary::Evaluation, e)),
            tags: case.tags.clone(),
            contact: case.contact.as_ref().map(|c| ContactView {
                organisation: c.organisation.clone(),
                email: c.email.clone(),
                url: c.url.clone(),
            }),
            sources: case
                .sources
                .iter()
                .map(|s| LinkView {
                    url: s.url.clone(),
                    label: s.title.clone(),
                })
                .collect(),
            body_html,
            body_language: case.language.clone(),
            body_language_name: self.label(Vocabulary::Languages, &case.language),
            related: self.related(index),
            research: self.evidence(case),
            json_ld: super::structured_data::case_json_ld(
                case,
                &page_url,
                &self.label(Vocabulary::Countries, &case.country),
            ),
            improve,
        }
    }

    /// The home page, with the cards of the `newest` cases.
    pub(super) fn home_page(&self, newest: &[usize]) -> HomePage {
        let categories = &self.config.categories;
        let mut rows = Vec::new();
        let mut column_totals = vec![0; categories.len()];
        for country in &self.config.countries {
            let groups = self.country_groups(country.id());
            // Where each category starts among the country's cards, which
            // are in pages of 50: the cell links to the page it starts on.
            let mut before = 0;
            let cells = categories
                .iter()
                .zip(&groups)
                .enumerate()
                .map(|(column, (category, group))| {
                    let count = group.len();
                    column_totals[column] += count;
                    let page = super::paging::page_of(before);
                    before += count;
                    CountCell {
                        count,
                        url: (count > 0).then(|| {
                            self.url(
                                &urls::country(country.id(), &self.language)
                                    .page(page)
                                    .at(category.id()),
                            )
                        }),
                    }
                })
                .collect();
            rows.push(CountRow {
                country: self.country_link(country.id()),
                cells,
                total: self.listing.country(country.id()).len(),
            });
        }
        HomePage {
            categories: categories
                .iter()
                .map(|c| self.term_link(TermKind::Categories, c.id()))
                .collect(),
            rows,
            column_totals,
            newest: self.cards(newest.iter().copied()),
            map: self.map_view(None, &self.t("map_title"), &self.t("cases_count_suffix")),
            mapping_themes: self.mapping_themes(),
            mapping_countries: self.mapping_countries(),
            total_studies: self.catalogue.studies.len(),
        }
    }

    /// The municipality a (territory, code) key stands for, as its cases
    /// name it.
    pub(super) fn municipality_ref(
        &self,
        key: &(String, String),
        indices: &[usize],
    ) -> Option<&'a MunicipalityRef> {
        let first = &self.catalogue.cases[*indices.first()?];
        first
            .municipalities
            .iter()
            .find(|m| m.territory == key.0 && m.code == key.1)
    }

    /// The municipality of a page key, whether cases name it or cover it
    /// through a body.
    pub(super) fn page_municipality(&self, key: &(String, String)) -> Option<MunicipalityRef> {
        if let Some(named) = self
            .listing
            .by_municipality
            .get(key)
            .and_then(|indices| self.municipality_ref(key, indices))
        {
            return Some(named.clone());
        }
        self.catalogue
            .register
            .by_code(&key.0, &key.1)
            .map(MunicipalityRef::of)
    }

    pub(super) fn municipality_counts(&self, country: &str) -> Vec<MunicipalityCount> {
        let mut counts: Vec<MunicipalityCount> = self
            .listing
            .by_municipality
            .iter()
            .filter(|(key, _)| key.0 == country)
            .filter_map(|(key, indices)| {
                Some(MunicipalityCount {
                    link: self.municipality_link(self.municipality_ref(key, indices)?),
                    count: indices.len(),
                    country: None,
                })
            })
            .collect();
        counts.sort_by(|a, b| a.link.label.cmp(&b.link.label));
        counts
    }

    /// The ordinals of a country's cases by category, in the order of the
    /// categories: a case is listed once under each of its categories.
    pub(super) fn country_groups(&self, country: &str) -> Vec<Vec<usize>> {
        self.config
            .categories
            .iter()
            .map(|category| self.listing.country_category(country, category.id()).to_vec())
            .collect()
    }

    /// The ordinals of the cases a municipality's pages list: those naming
    /// it, then those covering it through a body, a group per body.
    pub(super) fn municipality_groups(&self, key: &(String, String)) -> Vec<Vec<usize>> {
        let mut groups = vec![self.listing.by_municipality.get(key).cloned().unwrap_or_default()];
        groups.extend(
            self.covering_bodies(key)
                .into_iter()
                .map(|(_, ordinals)| ordinals),
        );
        groups
    }

    /// A country's page from its `groups` ([`Builder::country_groups`]).
    pub(super) fn country_page(&self, country: &Term, groups: &[Vec<usize>]) -> CountryPage {
        let case_count = self.listing.country(country.id()).len();
        let groups = self
            .config
            .categories
            .iter()
            .zip(groups)
            .map(|(category, ordinals)| CaseGroup {
                id: category.id().to_string(),
                heading: category.label(&self.language).to_string(),
                cases: self.cards(ordinals.iter().copied()),
            })
            .collect();
        CountryPage {
            code: country.id().to_string(),
            name: country.label(&self.language).to_string(),
            labels: self.all_labels(country),
            municipalities: self.municipality_counts(country.id()),
            bodies: self.country_bodies(country.id()),
            groups,
            case_count,
            map: self.map_view(
                Some(country.id()),
                &format!("{}: {}", self.t("map_title"), country.label(&self.language)),
                &self.t("cases_count_suffix"),
            ),
        }
    }

    pub(super) fn municipality_page(&self, key: &(String, String)) -> Option<MunicipalityPage> {
        let indices: &[usize] = self.listing.by_municipality.get(key).map_or(&[], Vec::as_slice);
        let cases: Vec<&Case> = indices.iter().map(|&i| &self.catalogue.cases[i]).collect();
        let reference = &self.page_municipality(key)?;
        let register = self
            .catalogue
            .register
            .by_code(&reference.country, &reference.code);
        let mut partners: BTreeMap<(String, String), (MunicipalityRef, usize)> = BTreeMap::new();
        for case in &cases {
            for other in &case.municipalities {
                if other.territory == key.0 && other.code == key.1 {
                    continue;
                }
                partners
                    .entry((other.territory.clone(), other.code.clone()))
                    .or_insert_with(|| (other.clone(), 0))
                    .1 += 1;
            }
        }
        let mut partners: Vec<MunicipalityCount> = partners
            .into_values()
            .map(|(other, count)| MunicipalityCount {
                link: self.municipality_link(&other),
                count,
                country: (other.territory != key.0)
                    .then(|| self.label(Vocabulary::Countries, &other.territory)),
            })
            .collect();
        partners.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.link.label.cmp(&b.link.label))
        });
        let alternative_names = register
            .map(|m| {
                m.other_names()
                    .map(|(_, name)| name)
                    .chain([m.official_name.as_str()])
                    .filter(|name| !name.is_empty() && *name != m.name)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        Some(MunicipalityPage {
            code: reference.code.clone(),
            name: reference.name.clone(),
            alternative_names,
            country: self.country_link(&reference.territory),
            region: register.map(|m| m.region.clone()).filter(|r| !r.is_empty()),
            population: register
                .and_then(|m| m.population)
                .map(|n| self.number(n as f64, 0)),
            population_year: register.and_then(|m| m.population_year),
            area_km2: register.and_then(|m| m.area_km2).map(|area| self.number(area, 0)),
            area_kind: register.and_then(|m| m.area_km2.map(|_| m.area_kind.clone())),
            area_year: register.and_then(|m| m.area_km2.and(m.area_year)),
            density: register
                .and_then(Municipality::density)
                .map(|density| self.number(density, 1)),
            size_class: self.size_class_link(register),
            sparse: self.is_sparse(register),
            cases: self.cards(indices.iter().copied()),
            partners,
            covered: self.covered_through(key),
        })
    }

    /// The ordinals of the cases with `term` of `kind`.
    pub(super) fn term_cases(&self, kind: TermKind, term: &Term) -> Vec<usize> {
        self.listing.term(kind, term.id()).to_vec()
    }

    pub(super) fn term_page(
        &self,
        kind: TermKind,
        term: &Term,
        kind_label: &str,
        ordinals: &[usize],
    ) -> TermPage {
        TermPage {
            kind: kind.segment().to_string(),
            kind_label: kind_label.to_string(),
            kind_url: self.url(&urls::terms(kind, &self.language)),
            term: term.id().to_string(),
            label: term.label(&self.language).to_string(),
            description: term.description.clone(),
            labels: self.all_labels(term),
            cases: self.cards(ordinals.iter().copied()),
        }
    }

    /// The About, accessibility and privacy pages' values: the `[site]`
    /// settings as they are (checked by `check`), blank ones left out.
    pub(super) fn info_page(&self, storage: Vec<BrowserStorage>) -> InfoPage {
        let site = &self.config.site;
        let setting = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|value| !value.is_empty())
                .map(str::to_string)
        };
        InfoPage {
            publisher: setting(&site.publisher),
            publisher_url: setting(&site.publisher_url),
            project_url: setting(&site.project_url),
            contact_email: setting(&site.contact_email),
            contact_url: setting(&site.contact_url),
            // Where cases are proposed: the address given, else the
            // GitHub repository the catalogue is kept in.
            repository_url: setting(&site.repository_url).or_else(|| {
                site.github()
                    .map(|github| format!("https://github.com/{}", github.repository))
            }),
            statement_date: setting(&site.accessibility_statement_date),
            compliance: setting(&site.accessibility_compliance),
            storage,
        }
    }
}

/// A figure as readers of `language` write it: 64,535 and 14.8 in English,
/// 64 535 and 14,8 (a no-break space) in Swedish, Norwegian and Finnish,
/// 64.535 and 14,8 in Danish and Icelandic.
pub(super) fn number(value: f64, decimals: usize, language: &str) -> String {
    let (group, decimal) = match language {
        "da" | "is" => ('.', ','),
        "sv" | "nb" | "nn" | "fi" => ('\u{a0}', ','),
        _ => (',', '.'),
    };
    let text = format!("{:.decimals$}", value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut out = String::new();
    if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn figures_are_grouped_as_the_language_writes_them() {
        assert_eq!(number(64535.0, 0, "en"), "64,535");
        assert_eq!(number(1764.0, 0, "en"), "1,764");
        assert_eq!(number(764.0, 0, "en"), "764");
        assert_eq!(number(1234567.0, 0, "da"), "1.234.567");
        assert_eq!(number(10669.4, 0, "sv"), "10\u{a0}669");
        assert_eq!(number(14.84, 1, "fi"), "14,8");
        assert_eq!(number(0.46, 1, "is"), "0,5");
        assert_eq!(number(-0.01, 1, "en"), "0.0");
    }
}

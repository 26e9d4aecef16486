//! The appendix's second part, the research mapping: how many studies
//! there are per country and theme and per kind, then the bibliography in
//! APA 7, grouped by theme; and, for the cases, the in-text citations of
//! their `evidence`.
//!
//! A study with several themes is described under the first of them (the
//! first of the selected ones with `--category`) and listed by its
//! in-text citation under each other, as a case with several categories
//! is. A filtered edition holds the studies of the selected countries and
//! themes, and every study a printed case cites, so that each citation in
//! the text has its reference.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{Config, Vocabulary};
use crate::model::{Case, Catalogue};
use crate::research::{Citation, KINDS, Study, cite_all};

use super::document::SummaryTable;
use super::strings::Strings;
use super::{Lang, Options};

/// A run of a reference's text, in italics or not, for the PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub text: String,
    pub italic: bool,
    /// A piece of an address, which a line may break after but not
    /// inside ([`super::document::url_pieces`]).
    pub keep: bool,
}

/// A study's reference as printed.
#[derive(Debug, Clone, Serialize)]
pub struct StudyView {
    /// The target of links to it: `study-<n>`, made of [a-z0-9-] only.
    pub anchor: String,
    pub key: String,
    /// The reference, plain and as escaped HTML with `<i>`.
    pub reference: String,
    pub html: String,
    /// The reference in runs, for the PDF.
    pub pieces: Vec<Piece>,
}

/// A study described under another of its themes.
#[derive(Debug, Clone, Serialize)]
pub struct StudyRef {
    pub anchor: String,
    /// "Hjelte et al., 2023".
    pub in_text: String,
    /// "described under “Internal digitalisation”".
    pub described_under: String,
}

/// The studies of one theme.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeGroup {
    pub id: String,
    pub label: String,
    pub studies: Vec<StudyView>,
    pub references: Vec<StudyRef>,
}

/// A case's citation of a study: the text between the parentheses
/// ("Hjelte et al., 2023") and the study's anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseCitation {
    pub anchor: String,
    pub text: String,
}

/// The research part of an edition.
#[derive(Debug, Clone, Serialize)]
pub struct Research {
    /// How many studies the edition holds.
    pub count: usize,
    /// Studies per country and theme, and per kind and theme.
    pub tables: Vec<SummaryTable>,
    pub themes: Vec<ThemeGroup>,
}

/// The research part and each printed study's citation by key, or `None`
/// when the catalogue has no studies (an edition of a catalogue without
/// a research mapping has no empty part).
pub fn build(
    catalogue: &Catalogue,
    options: &Options,
    selected: &[&Case],
    lang: Lang,
    strings: &'static Strings,
) -> Option<(Research, BTreeMap<String, CaseCitation>)> {
    if catalogue.studies.is_empty() {
        return None;
    }
    let config = &catalogue.config;
    let countries: Vec<String> = options
        .countries
        .iter()
        .map(|c| c.trim().to_uppercase())
        .collect();
    let themes: Vec<String> = options
        .categories
        .iter()
        .map(|c| c.trim().to_lowercase())
        .collect();
    let cited = |study: &Study| selected.iter().any(|case| case.evidence.contains(&study.key));
    let matches = |study: &Study| {
        (countries.is_empty() || study.countries.iter().any(|c| countries.contains(c)))
            && (themes.is_empty() || study.themes.iter().any(|t| themes.contains(t)))
    };
    let included: Vec<Study> = catalogue
        .studies
        .iter()
        .filter(|study| matches(study) || cited(study))
        .cloned()
        .collect();
    // Cited together, so that the style tells apart the works of the
    // same authors and year among those printed.
    let citations = match &catalogue.citation_style {
        Some(style) => cite_all(&included, style),
        None => Vec::new(),
    };
    let anchors: Vec<String> = (1..=included.len()).map(|n| format!("study-{n}")).collect();
    let by_key: BTreeMap<String, CaseCitation> = included
        .iter()
        .zip(&citations)
        .zip(&anchors)
        .map(|((study, citation), anchor)| {
            (
                study.key.clone(),
                CaseCitation {
                    anchor: anchor.clone(),
                    text: in_text(study, citation),
                },
            )
        })
        .collect();
    let research = Research {
        count: included.len(),
        tables: vec![
            country_table(config, &included, lang, strings),
            kind_table(config, &included, lang, strings),
        ],
        themes: groups(config, &themes, &included, &citations, &anchors, lang, strings),
    };
    Some((research, by_key))
}

/// The in-text citation without its parentheses ("Hjelte et al., 2023"),
/// so that a case citing several studies cites them in one pair; the
/// author and year when the style gave none.
fn in_text(study: &Study, citation: &Citation) -> String {
    let text = citation.in_text.plain.trim();
    let inner = text
        .strip_prefix('(')
        .and_then(|text| text.strip_suffix(')'))
        .unwrap_or(text);
    if inner.is_empty() {
        let author = study.authors.first().map_or(study.title.as_str(), String::as_str);
        format!("{author}, {}", study.year)
    } else {
        inner.to_string()
    }
}

fn theme_label<'c>(config: &'c Config, id: &'c str, lang: Lang) -> &'c str {
    config
        .term(Vocabulary::Categories, id)
        .map_or(id, |term| term.label(lang.code()))
}

/// The studies under each theme, in vocabulary order: described under
/// their home theme, in the order of their references (APA's, by author
/// and year), and listed under each other theme they have.
fn groups(
    config: &Config,
    selected_themes: &[String],
    studies: &[Study],
    citations: &[Citation],
    anchors: &[String],
    lang: Lang,
    strings: &Strings,
) -> Vec<ThemeGroup> {
    let vocabulary: Vec<&str> = config.categories.iter().map(|term| term.id()).collect();
    let home = |study: &Study| -> Option<&str> {
        let in_vocabulary = || {
            vocabulary
                .iter()
                .copied()
                .filter(|id| study.themes.iter().any(|t| t == id))
        };
        in_vocabulary()
            .find(|id| selected_themes.iter().any(|t| t == id))
            .or_else(|| in_vocabulary().next())
    };
    let mut order: Vec<usize> = (0..studies.len()).collect();
    order.sort_by_cached_key(|&i| citations[i].reference.plain.to_lowercase());
    let mut groups = Vec::new();
    for id in &vocabulary {
        let described: Vec<StudyView> = order
            .iter()
            .filter(|&&i| home(&studies[i]) == Some(id))
            .map(|&i| StudyView {
                anchor: anchors[i].clone(),
                key: studies[i].key.clone(),
                reference: citations[i].reference.plain.clone(),
                html: citations[i].reference.html.clone(),
                pieces: pieces(&citations[i].reference.html),
            })
            .collect();
        let listed_here = selected_themes.is_empty() || selected_themes.iter().any(|t| t == id);
        let references: Vec<StudyRef> = order
            .iter()
            .filter(|_| listed_here)
            .filter(|&&i| home(&studies[i]) != Some(id) && studies[i].themes.iter().any(|t| t == id))
            .filter_map(|&i| {
                let home = home(&studies[i])?;
                Some(StudyRef {
                    anchor: anchors[i].clone(),
                    in_text: in_text(&studies[i], &citations[i]),
                    described_under: strings
                        .study_described_under
                        .replace("{theme}", theme_label(config, home, lang)),
                })
            })
            .collect();
        if described.is_empty() && references.is_empty() {
            continue;
        }
        groups.push(ThemeGroup {
            id: id.to_string(),
            label: theme_label(config, id, lang).to_string(),
            studies: described,
            references,
        });
    }
    groups
}

/// The runs of a reference from its HTML, which holds only escaped text
/// and `<i>` (see [`crate::research::Formatted`]).
pub fn pieces(html: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let (text, italic, after) = match rest.strip_prefix("<i>") {
            Some(inner) => match inner.split_once("</i>") {
                Some((text, after)) => (text, true, after),
                None => (inner, true, ""),
            },
            None => match rest.find("<i>") {
                Some(start) => (&rest[..start], false, &rest[start..]),
                None => (rest, false, ""),
            },
        };
        if !text.is_empty() {
            let text = unescape(text);
            if italic {
                pieces.push(Piece {
                    text,
                    italic,
                    keep: false,
                });
            } else {
                with_addresses(&text, &mut pieces);
            }
        }
        rest = after;
    }
    pieces
}

/// Plain text as pieces, each address in it (a DOI link, a URL) cut where
/// a line may break, as case sources are.
fn with_addresses(text: &str, pieces: &mut Vec<Piece>) {
    let plain = |text: &str| Piece {
        text: text.to_string(),
        italic: false,
        keep: false,
    };
    let mut rest = text;
    while let Some(start) = rest.find("https://").or_else(|| rest.find("http://")) {
        let end = rest[start..]
            .find(char::is_whitespace)
            .map_or(rest.len(), |end| start + end);
        if start > 0 {
            pieces.push(plain(&rest[..start]));
        }
        pieces.extend(
            super::document::url_pieces(&rest[start..end])
                .into_iter()
                .map(|piece| Piece {
                    text: piece.to_string(),
                    italic: false,
                    keep: true,
                }),
        );
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        pieces.push(plain(rest));
    }
}

/// The text of [`crate::html::escape`]'s output.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The countries of the studies in vocabulary order, then any other.
fn countries_of(config: &Config, studies: &[Study]) -> Vec<String> {
    let mut ids: Vec<String> = config
        .countries
        .iter()
        .map(|term| term.id().to_string())
        .filter(|id| studies.iter().any(|study| study.countries.contains(id)))
        .collect();
    let mut others: Vec<String> = studies
        .iter()
        .flat_map(|study| study.countries.iter().cloned())
        .filter(|id| !ids.contains(id))
        .collect();
    others.sort();
    others.dedup();
    ids.extend(others);
    ids
}

/// Studies per country (rows) and theme (columns), as the cases' country
/// × category table; a study of several countries or themes counts in
/// each, and a row's or column's total counts it once.
fn country_table(config: &Config, studies: &[Study], lang: Lang, strings: &'static Strings) -> SummaryTable {
    let rows = countries_of(config, studies)
        .iter()
        .map(|country| {
            let label = config
                .term(Vocabulary::Countries, country)
                .map_or(country.as_str(), |term| term.label(lang.code()));
            let of = studies.iter().filter(|s| s.countries.contains(country)).collect();
            (label.to_string(), of)
        })
        .collect();
    per_theme(
        config,
        studies,
        lang,
        strings,
        &strings.studies_per_theme,
        &strings.country,
        rows,
    )
}

/// Studies per kind (rows) and theme (columns).
fn kind_table(config: &Config, studies: &[Study], lang: Lang, strings: &'static Strings) -> SummaryTable {
    let rows = KINDS
        .iter()
        .zip(&strings.kinds)
        .map(|(kind, label)| {
            (
                label.clone(),
                studies.iter().filter(|s| s.kind == *kind).collect(),
            )
        })
        .collect();
    per_theme(
        config,
        studies,
        lang,
        strings,
        &strings.studies_per_kind,
        &strings.kind,
        rows,
    )
}

/// A table of studies by theme (columns, then the total), one row per
/// (label, studies), and a footer of all `studies`.
fn per_theme(
    config: &Config,
    studies: &[Study],
    lang: Lang,
    strings: &'static Strings,
    title: &'static String,
    first_column: &str,
    rows: Vec<(String, Vec<&Study>)>,
) -> SummaryTable {
    let themes: Vec<&str> = config.categories.iter().map(|term| term.id()).collect();
    let count = |of: &[&Study]| -> Vec<String> {
        themes
            .iter()
            .map(|id| {
                of.iter()
                    .filter(|study| study.themes.iter().any(|t| t == id))
                    .count()
            })
            .chain([of.len()])
            .map(|n| n.to_string())
            .collect()
    };
    let mut columns = vec![first_column.to_string()];
    columns.extend(themes.iter().map(|id| theme_label(config, id, lang).to_string()));
    columns.push(strings.total.clone());
    let rows = rows
        .into_iter()
        .map(|(label, of)| std::iter::once(label).chain(count(&of)).collect())
        .collect();
    let all: Vec<&Study> = studies.iter().collect();
    SummaryTable {
        title,
        note: None,
        columns,
        rows,
        footer: Some(
            std::iter::once(strings.total.clone())
                .chain(count(&all))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_cut_into_runs_at_its_italics() {
        assert_eq!(
            pieces("Hjelte, J. &amp; Höög, E. (2023). Title. <i>Journal</i>, <i>30</i>(1)."),
            vec![
                Piece {
                    text: "Hjelte, J. & Höög, E. (2023). Title. ".to_string(),
                    italic: false,
                    keep: false
                },
                Piece {
                    text: "Journal".to_string(),
                    italic: true,
                    keep: false
                },
                Piece {
                    text: ", ".to_string(),
                    italic: false,
                    keep: false
                },
                Piece {
                    text: "30".to_string(),
                    italic: true,
                    keep: false
                },
                Piece {
                    text: "(1).".to_string(),
                    italic: false,
                    keep: false
                },
            ]
        );
        assert_eq!(pieces("&lt;script&gt;")[0].text, "<script>");
    }

    #[test]
    fn an_address_in_a_reference_breaks_only_at_safe_points() {
        let reference =
            "Digg. (2024). <i>AI</i>. https://www.digg.se/analys-och-uppfoljning/publikationer/2024 x";
        let runs = pieces(reference);
        let address: Vec<&str> = runs.iter().filter(|p| p.keep).map(|p| p.text.as_str()).collect();
        assert_eq!(
            address.concat(),
            "https://www.digg.se/analys-och-uppfoljning/publikationer/2024"
        );
        assert!(address.len() > 1, "{address:?}");
        assert!(address.iter().all(|piece| !piece.starts_with('/')), "{address:?}");
        let text: String = runs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            text,
            "Digg. (2024). AI. https://www.digg.se/analys-och-uppfoljning/publikationer/2024 x"
        );
    }
}

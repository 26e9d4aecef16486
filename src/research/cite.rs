//! Citations of the studies in a CSL style, rendered with `hayagriva`
//! (the library typst cites with) from the entry's own BibTeX: APA 7 by
//! default, or any style bundled with hayagriva by name.
//!
//! Each citation comes as plain text and as HTML in which only the
//! style's italics are marked (`<i>`), every other character escaped, so
//! a page can show the journal or report title in italics without
//! trusting the text of a BibTeX file.

use hayagriva::citationberg::{FontStyle, IndependentStyle, Locale, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, ElemChildren,
};

use super::Study;

/// A loaded CSL style with the locales it needs.
pub struct CitationStyle {
    /// Always a style: the bundled APA is one; `None` only if a future
    /// hayagriva made it a dependent style, when citations come out empty
    /// rather than panicking.
    style: Option<IndependentStyle>,
    locales: Vec<Locale>,
}

impl std::fmt::Debug for CitationStyle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let title = self.style.as_ref().map(|style| style.info.title.value.as_str());
        f.debug_struct("CitationStyle").field("title", &title).finish()
    }
}

impl CitationStyle {
    /// APA 7th edition, the default of the research pages and the appendix.
    pub fn apa() -> CitationStyle {
        Self::by_name("apa").unwrap_or(CitationStyle {
            style: None,
            locales: Vec::new(),
        })
    }

    /// A style bundled with hayagriva by one of its names (`apa`,
    /// `chicago-author-date`, `ieee`, `harvard-cite-them-right`, ...), if
    /// it is an independent style.
    pub fn by_name(name: &str) -> Option<CitationStyle> {
        let archived = hayagriva::archive::ArchivedStyle::by_name(name)?;
        match archived.get() {
            Style::Independent(style) => Some(CitationStyle {
                style: Some(style),
                locales: hayagriva::archive::locales(),
            }),
            Style::Dependent(_) => None,
        }
    }
}

/// A text in two forms: plain, and HTML with italics as `<i>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Formatted {
    pub plain: String,
    pub html: String,
}

/// A study's citation: its entry in a reference list, and how the text
/// cites it ("(Hjelte et al., 2023)" in APA).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    pub key: String,
    pub reference: Formatted,
    pub in_text: Formatted,
}

/// The citation of one study.
pub fn cite(study: &Study, style: &CitationStyle) -> Citation {
    cite_all(std::slice::from_ref(study), style)
        .into_iter()
        .next()
        .unwrap_or_else(|| Citation {
            key: study.key.clone(),
            ..Citation::default()
        })
}

/// The citations of several studies together, in the order given, so that
/// the style can tell apart two works of the same authors and year
/// (2023a, 2023b) as a bibliography of them all would.
pub fn cite_all(studies: &[Study], style: &CitationStyle) -> Vec<Citation> {
    let mut entries = Vec::new();
    for study in studies {
        let entry = hayagriva::io::from_biblatex_str(&study.bibtex)
            .ok()
            .and_then(|library| library.get(&study.key).cloned())
            .map(with_publisher);
        entries.push(entry);
    }
    let Some(csl) = &style.style else {
        return studies
            .iter()
            .map(|study| Citation {
                key: study.key.clone(),
                ..Citation::default()
            })
            .collect();
    };
    let mut driver = BibliographyDriver::new();
    for entry in entries.iter().flatten() {
        driver.citation(CitationRequest::from_items(
            vec![CitationItem::with_entry(entry)],
            csl,
            &style.locales,
        ));
    }
    let rendered = driver.finish(BibliographyRequest {
        style: csl,
        locale: None,
        locale_files: &style.locales,
    });
    let mut in_text = rendered.citations.into_iter();
    let references = rendered.bibliography.map(|b| b.items).unwrap_or_default();
    studies
        .iter()
        .zip(&entries)
        .map(|(study, entry)| {
            let mut citation = Citation {
                key: study.key.clone(),
                ..Citation::default()
            };
            if entry.is_none() {
                return citation;
            }
            if let Some(cited) = in_text.next() {
                citation.in_text = formatted(&cited.citation);
            }
            if let Some(item) = references.iter().find(|item| item.key == study.key) {
                citation.reference = formatted(&item.content);
            }
            citation
        })
        .collect()
}

/// hayagriva reads a report's `institution` and a thesis' `school` as the
/// organisation, which APA does not print; APA names them as the
/// publisher ("VIVE.", "[Doctoral dissertation, Umeå University]").
fn with_publisher(mut entry: hayagriva::Entry) -> hayagriva::Entry {
    let named = entry
        .publisher()
        .is_some_and(|publisher| publisher.name().is_some());
    if !named && let Some(organisation) = entry.organization().cloned() {
        // Keep a place (`address`) that came without a publisher's name.
        let location = entry
            .publisher()
            .and_then(|publisher| publisher.location())
            .cloned();
        entry.set_publisher(hayagriva::types::Publisher::new(Some(organisation), location));
    }
    entry
}

/// The children as plain text and as escaped HTML with `<i>`.
fn formatted(children: &ElemChildren) -> Formatted {
    let mut out = Formatted::default();
    walk(children, &mut out);
    out.plain = out.plain.trim().to_string();
    out.html = out.html.trim().to_string();
    out
}

fn walk(children: &ElemChildren, out: &mut Formatted) {
    for child in &children.0 {
        match child {
            ElemChild::Text(text) => push(out, &text.text, text.formatting.font_style == FontStyle::Italic),
            ElemChild::Link { text, .. } => {
                push(out, &text.text, text.formatting.font_style == FontStyle::Italic);
            }
            ElemChild::Elem(elem) => walk(&elem.children, out),
            ElemChild::Markup(markup) => push(out, markup, false),
            ElemChild::Transparent { .. } => {}
        }
    }
}

fn push(out: &mut Formatted, text: &str, italic: bool) {
    out.plain.push_str(text);
    let escaped = crate::html::escape(text);
    if italic && !text.trim().is_empty() {
        out.html.push_str("<i>");
        out.html.push_str(&escaped);
        out.html.push_str("</i>");
    } else {
        out.html.push_str(&escaped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study(key: &str, bibtex: &str) -> Study {
        Study {
            key: key.to_string(),
            bibtex: bibtex.to_string(),
            ..Study::default()
        }
    }

    fn apa(key: &str, bibtex: &str) -> Citation {
        cite(&study(key, bibtex), &CitationStyle::apa())
    }

    #[test]
    fn an_article_in_apa() {
        let citation = apa(
            "hjelte-2023",
            "@article{hjelte-2023,
  author = {Hjelte, Jan and Höög, Elisabet and Nordström, Annika},
  title = {Kunskap och expertis i små glesbygdskommuners socialtjänst},
  journal = {Socialvetenskaplig tidskrift},
  year = {2023},
  volume = {30},
  number = {1},
  pages = {457--476},
  doi = {10.3384/SVT.2023.30.1.4116},
  langid = {swedish},
  themes = {internal},
}",
        );
        assert_eq!(
            citation.reference.plain,
            "Hjelte, J., Höög, E., & Nordström, A. (2023). Kunskap och expertis i små glesbygdskommuners socialtjänst. Socialvetenskaplig tidskrift, 30(1), 457–476. https://doi.org/10.3384/SVT.2023.30.1.4116"
        );
        assert_eq!(
            citation.reference.html,
            "Hjelte, J., Höög, E., &amp; Nordström, A. (2023). Kunskap och expertis i små glesbygdskommuners socialtjänst. <i>Socialvetenskaplig tidskrift</i>, <i>30</i>(1), 457–476. https://doi.org/10.3384/SVT.2023.30.1.4116"
        );
        assert_eq!(citation.in_text.plain, "(Hjelte et al., 2023)");
    }

    #[test]
    fn a_report_in_apa() {
        let citation = apa(
            "ballegaard-2018",
            "@report{ballegaard-2018,
  author = {Ballegaard, Stinne Aaløkke and Andersen, Lars Bo and Olsen, Leif and Danholt, Peter and Lauritsen, Peter},
  title = {Digital kommunikation mellem anbragte børn og unge og deres sagsbehandler},
  institution = {VIVE},
  address = {København},
  year = {2018},
  url = {https://www.vive.dk/},
}",
        );
        assert_eq!(
            citation.reference.plain,
            "Ballegaard, S. A., Andersen, L. B., Olsen, L., Danholt, P., & Lauritsen, P. (2018). Digital kommunikation mellem anbragte børn og unge og deres sagsbehandler. VIVE. https://www.vive.dk/"
        );
        assert_eq!(
            citation.reference.html,
            "Ballegaard, S. A., Andersen, L. B., Olsen, L., Danholt, P., &amp; Lauritsen, P. (2018). <i>Digital kommunikation mellem anbragte børn og unge og deres sagsbehandler</i>. VIVE. https://www.vive.dk/"
        );
        assert_eq!(citation.in_text.plain, "(Ballegaard et al., 2018)");
    }

    #[test]
    fn a_thesis_in_apa() {
        let citation = apa(
            "testsson-2024",
            "@phdthesis{testsson-2024,
  author = {Testsson, Test},
  title = {A thesis for the test},
  school = {Example University},
  year = {2024},
}",
        );
        // The bundled APA style puts the school after the bracket rather than
        // inside it ("[Doctoral dissertation, Example University]" in the
        // APA manual's example of an unpublished dissertation).
        assert_eq!(
            citation.reference.plain,
            "Testsson, T. (2024). A thesis for the test [Doctoral dissertation]. Example University."
        );
        assert_eq!(citation.in_text.plain, "(Testsson, 2024)");
    }

    #[test]
    fn markup_in_a_title_is_escaped() {
        let citation = apa(
            "x",
            "@misc{x, title = {<script>alert(1)</script>}, year = {2020}, url = {https://example.org/}}",
        );
        assert!(
            !citation.reference.html.contains("<script>"),
            "{}",
            citation.reference.html
        );
        assert!(
            citation.reference.html.contains("&lt;script&gt;"),
            "{}",
            citation.reference.html
        );
    }
}

//! Citations of the studies in a CSL style, rendered with `hayagriva`
//! (the library typst cites with) from the entry's own BibTeX: APA 7 by
//! default, any style bundled with hayagriva by name, or a `.csl` file of
//! the catalogue (`[research] style` of catalogue.toml).
//!
//! Each citation comes as plain text and as HTML in which only the
//! style's italics are marked (`<i>`), every other character escaped, so
//! a page can show the journal or report title in italics without
//! trusting the text of a BibTeX file. An entry that `check` accepts but
//! hayagriva cannot read, or that the style renders empty, is cited from
//! the study's own fields in an APA-like form instead (see [`fallback`]),
//! and `check` warns of it (W0708), so no study is ever listed without a
//! reference.

use hayagriva::citationberg::{FontStyle, IndependentStyle, Locale, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, ElemChildren,
};

use super::{AuthorName, Study};

/// A loaded CSL style with the locales it needs.
pub struct CitationStyle {
    /// Always a style: the bundled APA is one; `None` only if a future
    /// hayagriva made it a dependent style, when every citation falls back
    /// to the study's own fields rather than panicking.
    style: Option<IndependentStyle>,
    locales: Vec<Locale>,
    /// Whether this is the bundled APA, which is given the rules of APA 7
    /// it leaves out (see [`apa_rules`]).
    apa: bool,
    /// Whether the style came from a file of the catalogue rather than
    /// from hayagriva's tested archive: its rendering is then guarded, so
    /// that a style hayagriva trips over costs its citations, not the build.
    from_file: bool,
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
        Self::by_name(crate::config::DEFAULT_CITATION_STYLE).unwrap_or(CitationStyle {
            style: None,
            locales: Vec::new(),
            apa: false,
            from_file: false,
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
                apa: archived == hayagriva::archive::ArchivedStyle::AmericanPsychologicalAssociation,
                from_file: false,
            }),
            Style::Dependent(_) => None,
        }
    }

    /// A style read from a `.csl` file ([`parse_csl`]).
    pub fn from_csl(style: IndependentStyle) -> CitationStyle {
        CitationStyle {
            style: Some(style),
            locales: hayagriva::archive::locales(),
            apa: false,
            from_file: true,
        }
    }

    /// The style's entry as this style is given it: the publisher filled
    /// in, and APA 7's own rules for the bundled APA.
    fn adapt(&self, entry: hayagriva::Entry) -> hayagriva::Entry {
        let entry = with_publisher(entry);
        if self.apa { apa_rules(entry) } else { entry }
    }
}

/// How deep the elements of a `.csl` file may nest: real styles nest a
/// dozen levels; the parser and the renderer recurse once a level.
const MAX_CSL_DEPTH: usize = 64;

/// Parse the text of a `.csl` file as an independent CSL style, or say
/// why it cannot be used.
pub fn parse_csl(text: &str) -> Result<IndependentStyle, String> {
    if xml_depth(text) > MAX_CSL_DEPTH {
        return Err(format!("its elements nest more than {MAX_CSL_DEPTH} deep"));
    }
    let style = match Style::from_xml(text) {
        Ok(Style::Independent(style)) => style,
        Ok(Style::Dependent(_)) => {
            return Err(
                "it is a dependent style, which only names its parent style; use the parent style's file"
                    .to_string(),
            );
        }
        Err(error) => return Err(format!("it is not a CSL style: {error}")),
    };
    if let Some(name) = recursive_macro(&style) {
        return Err(format!(
            "its macro \"{name}\" calls itself, directly or through others"
        ));
    }
    Ok(style)
}

/// How deep the elements of an XML text nest, counted from its tags
/// (comments, declarations and self-closing tags do not count).
fn xml_depth(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else if !(tag.starts_with('?') || tag.starts_with('!') || tag.ends_with('/')) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// A macro that calls itself, directly or through other macros, if the
/// style has one: hayagriva would recurse without end.
fn recursive_macro(style: &IndependentStyle) -> Option<String> {
    use std::collections::BTreeMap;
    let calls: BTreeMap<&str, Vec<String>> = style
        .macros
        .iter()
        .map(|csl_macro| {
            let mut named = Vec::new();
            for child in &csl_macro.children {
                macros_called(child, &mut named);
            }
            (csl_macro.name.as_str(), named)
        })
        .collect();
    // Depth-first from each macro, with the path walked: a macro met again
    // on its own path is a cycle.
    fn visit<'a>(
        name: &'a str,
        calls: &'a BTreeMap<&'a str, Vec<String>>,
        path: &mut Vec<&'a str>,
        done: &mut std::collections::BTreeSet<&'a str>,
    ) -> Option<String> {
        if path.contains(&name) {
            return Some(name.to_string());
        }
        if done.contains(name) {
            return None;
        }
        path.push(name);
        for called in calls.get(name).into_iter().flatten() {
            if let Some(cycle) = visit(called, calls, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(name);
        None
    }
    let mut done = std::collections::BTreeSet::new();
    calls
        .keys()
        .find_map(|name| visit(name, &calls, &mut Vec::new(), &mut done))
}

/// The names of the macros an element of a style calls, itself or in the
/// elements it holds.
fn macros_called(element: &hayagriva::citationberg::LayoutRenderingElement, out: &mut Vec<String>) {
    use hayagriva::citationberg::{LayoutRenderingElement as Element, TextTarget};
    match element {
        Element::Text(text) => {
            if let TextTarget::Macro { name } = &text.target {
                out.push(name.clone());
            }
        }
        Element::Group(group) => group.children.iter().for_each(|child| macros_called(child, out)),
        Element::Choose(choose) => {
            for branch in choose.branches() {
                branch.children.iter().for_each(|child| macros_called(child, out));
            }
            if let Some(otherwise) = &choose.otherwise {
                otherwise
                    .children
                    .iter()
                    .for_each(|child| macros_called(child, out));
            }
        }
        Element::Names(names) => {
            if let Some(substitute) = names.substitute() {
                substitute
                    .children
                    .iter()
                    .for_each(|child| macros_called(child, out));
            }
        }
        _ => {}
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
    /// Why the style could not cite the study, when the citation was made
    /// from the study's own fields instead ([`fallback`]).
    #[serde(skip)]
    pub fallback: Option<String>,
}

/// The citation of one study.
pub fn cite(study: &Study, style: &CitationStyle) -> Citation {
    cite_all(std::slice::from_ref(study), style)
        .into_iter()
        .next()
        .unwrap_or_else(|| fallback(study, "the style rendered nothing".to_string()))
}

/// The citations of several studies together, in the order given, so that
/// the style can tell apart two works of the same authors and year
/// (2023a, 2023b) as a bibliography of them all would.
pub fn cite_all(studies: &[Study], style: &CitationStyle) -> Vec<Citation> {
    if !style.from_file {
        return render(studies, style);
    }
    // hayagriva is tested with the styles of its archive; a style of the
    // catalogue may hold what those never do.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(studies, style))).unwrap_or_else(|_| {
        studies
            .iter()
            .map(|study| fallback(study, "the citation style failed while rendering it".to_string()))
            .collect()
    })
}

/// The entry hayagriva reads from the study's BibTeX, or why it reads none.
fn import(study: &Study) -> Result<hayagriva::Entry, String> {
    let library = hayagriva::io::from_biblatex_str(&study.bibtex).map_err(|errors| {
        let reasons: Vec<String> = errors
            .iter()
            .map(|error| without_span(&error.to_string()).to_string())
            .collect();
        format!("hayagriva cannot read the entry: {}", reasons.join("; "))
    })?;
    library
        .get(&study.key)
        .cloned()
        .ok_or_else(|| "hayagriva reads no entry of that key from it".to_string())
}

/// An error of hayagriva without the byte offsets in the entry it ends
/// with (": 178-181"), which mean nothing to an editor of the file.
fn without_span(message: &str) -> &str {
    match message.rsplit_once(": ") {
        Some((head, tail))
            if tail.split_once('-').is_some_and(|(a, b)| {
                [a, b]
                    .iter()
                    .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            }) =>
        {
            head
        }
        _ => message,
    }
}

fn render(studies: &[Study], style: &CitationStyle) -> Vec<Citation> {
    let entries: Vec<Result<hayagriva::Entry, String>> = studies
        .iter()
        .map(|study| import(study).map(|entry| style.adapt(entry)))
        .collect();
    let Some(csl) = &style.style else {
        return studies
            .iter()
            .map(|study| fallback(study, "the citation style could not be loaded".to_string()))
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
        .zip(entries)
        .map(|(study, entry)| {
            if let Err(why) = entry {
                return fallback(study, why);
            }
            let mut citation = Citation {
                key: study.key.clone(),
                ..Citation::default()
            };
            if let Some(cited) = in_text.next() {
                citation.in_text = formatted(&cited.citation);
            }
            if let Some(item) = references.iter().find(|item| item.key == study.key) {
                citation.reference = formatted(&item.content);
            }
            if citation.reference.plain.is_empty() {
                return fallback(
                    study,
                    "the citation style renders no reference for it".to_string(),
                );
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

/// Two rules of APA 7 (§ 9.29, § 10.6) the bundled APA style does not
/// follow: a publisher that is also the author is left out ("Nordregio.
/// (2021). *Title*." rather than "... *Title*. Nordregio."), and a
/// thesis' university goes inside the brackets with its kind
/// ("[Doctoral dissertation, Umeå University]").
fn apa_rules(mut entry: hayagriva::Entry) -> hayagriva::Entry {
    let publisher = entry
        .publisher()
        .and_then(|publisher| publisher.name())
        .map(|name| name.value.to_str().trim().to_string())
        .filter(|name| !name.is_empty());
    let Some(publisher) = publisher else {
        return entry;
    };
    let location = entry
        .publisher()
        .and_then(|publisher| publisher.location())
        .cloned();
    let drop_publisher = || hayagriva::types::Publisher::new(None, location.clone());
    let sole_author = match entry.authors() {
        Some([author]) if author.given_name.is_none() && author.prefix.is_none() => Some(author.name.trim()),
        _ => None,
    };
    if sole_author.is_some_and(|author| author.eq_ignore_ascii_case(&publisher)) {
        entry.set_publisher(drop_publisher());
        return entry;
    }
    if *entry.entry_type() == hayagriva::types::EntryType::Thesis
        && let Some(genre) = entry.genre().map(|genre| genre.value.to_str().trim().to_string())
        && !genre.is_empty()
    {
        entry.set_genre(format!("{genre}, {publisher}").into());
        entry.set_publisher(drop_publisher());
    }
    entry
}

/// A citation made from the study's own fields, in the form of APA 7,
/// for a study the style cannot cite (`why`): "Authors (year). Title.
/// Journal or publisher. DOI or url."
pub fn fallback(study: &Study, why: String) -> Citation {
    let mut reference = Formatted::default();
    let year = if study.year > 0 {
        study.year.to_string()
    } else {
        "n.d.".to_string()
    };
    let part_of_another = matches!(
        study.entry_type.as_str(),
        "article" | "incollection" | "inbook" | "inproceedings"
    );
    let authors = apa_authors(&study.author_names);
    let title = study.title.trim();
    if authors.is_empty() {
        // APA moves the title to the author's place.
        push_sentence(&mut reference, title, !part_of_another);
        push(&mut reference, &format!(" ({year})."), false);
    } else {
        push(&mut reference, &authors, false);
        if !authors.ends_with('.') {
            push(&mut reference, ".", false);
        }
        push(&mut reference, &format!(" ({year}). "), false);
        push_sentence(&mut reference, title, !part_of_another);
    }
    let sole_author = match study.author_names.as_slice() {
        [author] if author.given.is_empty() => Some(author.family.as_str()),
        _ => None,
    };
    let publisher = study
        .publisher
        .as_deref()
        .or(study.institution.as_deref())
        .filter(|publisher| sole_author.is_none_or(|author| !author.eq_ignore_ascii_case(publisher)));
    if let Some(journal) = study.journal.as_deref().filter(|_| study.entry_type == "article") {
        push(&mut reference, " ", false);
        push(&mut reference, journal, true);
        if let Some(volume) = &study.volume {
            push(&mut reference, ", ", false);
            push(&mut reference, volume, true);
        }
        if let Some(number) = &study.number {
            push(&mut reference, &format!("({number})"), false);
        }
        if let Some(pages) = &study.pages {
            push(&mut reference, &format!(", {}", pages.replace("--", "–")), false);
        }
        push(&mut reference, ".", false);
    } else if let Some(container) = study.container.as_deref().filter(|_| part_of_another) {
        push(&mut reference, " In ", false);
        push(&mut reference, container, true);
        if let Some(pages) = &study.pages {
            push(
                &mut reference,
                &format!(" (pp. {})", pages.replace("--", "–")),
                false,
            );
        }
        push(&mut reference, ".", false);
        if let Some(publisher) = publisher {
            push(&mut reference, " ", false);
            push_sentence(&mut reference, publisher, false);
        }
    } else if let Some(publisher) = publisher {
        push(&mut reference, " ", false);
        push_sentence(&mut reference, publisher, false);
    }
    if let Some(link) = study.link() {
        push(&mut reference, " ", false);
        push(&mut reference, &link, false);
    }
    let names: Vec<&str> = study
        .author_names
        .iter()
        .map(|name| name.family.as_str())
        .collect();
    let who = match names.as_slice() {
        [] => title.to_string(),
        [one] => (*one).to_string(),
        [one, two] => format!("{one} & {two}"),
        [one, ..] => format!("{one} et al."),
    };
    let mut in_text = Formatted::default();
    push(&mut in_text, &format!("({who}, {year})"), false);
    Citation {
        key: study.key.clone(),
        reference: trimmed(reference),
        in_text,
        fallback: Some(why),
    }
}

/// The authors as APA lists them: "Hjelte, J., Höög, E., & Nordström, A."
/// (an organisation by its name).
fn apa_authors(names: &[AuthorName]) -> String {
    let written: Vec<String> = names.iter().map(AuthorName::inverted).collect();
    match written.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{}, & {last}", first.join(", ")),
    }
}

/// `text` as a sentence: ended with a full stop unless it ends with its
/// own punctuation.
fn push_sentence(out: &mut Formatted, text: &str, italic: bool) {
    push(out, text, italic);
    if !text.ends_with(['.', '?', '!']) {
        push(out, ".", false);
    }
}

fn trimmed(mut text: Formatted) -> Formatted {
    text.plain = text.plain.trim().to_string();
    text.html = text.html.trim().to_string();
    text
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

    /// A journal article, as the shipped catalogue has it.
    const ARTICLE: &str = "@article{hjelte-2023,
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
}";

    /// [`ARTICLE`] in APA 7, checked by hand: plain text and HTML.
    const ARTICLE_APA: (&str, &str) = (
        "Hjelte, J., Höög, E., & Nordström, A. (2023). Kunskap och expertis i små glesbygdskommuners socialtjänst. Socialvetenskaplig tidskrift, 30(1), 457–476. https://doi.org/10.3384/SVT.2023.30.1.4116",
        "Hjelte, J., Höög, E., &amp; Nordström, A. (2023). Kunskap och expertis i små glesbygdskommuners socialtjänst. <i>Socialvetenskaplig tidskrift</i>, <i>30</i>(1), 457–476. https://doi.org/10.3384/SVT.2023.30.1.4116",
    );

    fn apa(key: &str, bibtex: &str) -> Citation {
        cite(&study(key, bibtex), &CitationStyle::apa())
    }

    #[test]
    fn an_article_in_apa() {
        let citation = apa("hjelte-2023", ARTICLE);
        assert_eq!(citation.reference.plain, ARTICLE_APA.0);
        assert_eq!(citation.reference.html, ARTICLE_APA.1);
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
        // As the APA manual's example of an unpublished dissertation, the
        // school inside the brackets (the bundled style puts it after them).
        assert_eq!(
            citation.reference.plain,
            "Testsson, T. (2024). A thesis for the test [Doctoral dissertation, Example University]."
        );
        assert_eq!(
            citation.reference.html,
            "Testsson, T. (2024). <i>A thesis for the test</i> [Doctoral dissertation, Example University]."
        );
        assert_eq!(citation.in_text.plain, "(Testsson, 2024)");
    }

    #[test]
    fn a_publisher_that_is_the_author_is_not_repeated_in_apa() {
        let citation = apa(
            "nordregio-2021",
            "@report{nordregio-2021,
  author = {{Nordregio}},
  title = {Public service delivery in the Nordics},
  institution = {Nordregio},
  address = {Stockholm},
  year = {2021},
  url = {https://nordregio.org/publications/x/},
}",
        );
        // APA 7, § 9.24: "When the author and publisher are the same, omit
        // the publisher name from the source element."
        assert_eq!(
            citation.reference.plain,
            "Nordregio. (2021). Public service delivery in the Nordics. https://nordregio.org/publications/x/"
        );
        assert_eq!(citation.in_text.plain, "(Nordregio, 2021)");
        // Another style keeps it, as its rules say.
        let harvard = cite(
            &study(
                "nordregio-2021",
                "@report{nordregio-2021, author = {{Nordregio}}, title = {Public service delivery in the Nordics}, institution = {Nordregio}, address = {Stockholm}, year = {2021}}",
            ),
            &CitationStyle::by_name("harvard-cite-them-right").expect("bundled"),
        );
        assert_eq!(
            harvard.reference.plain,
            "Nordregio (2021) Public service delivery in the Nordics. Stockholm: Nordregio."
        );
    }

    #[test]
    fn a_publisher_other_than_the_author_is_kept_in_apa() {
        let citation = apa(
            "x-2021",
            "@report{x-2021, author = {Olsen, Leif}, title = {A report}, institution = {VIVE}, year = {2021}}",
        );
        assert_eq!(citation.reference.plain, "Olsen, L. (2021). A report. VIVE.");
    }

    #[test]
    fn an_article_in_chicago_author_date() {
        let citation = cite(
            &study("hjelte-2023", ARTICLE),
            &CitationStyle::by_name("chicago-author-date").expect("bundled"),
        );
        // The Chicago Manual of Style (17th ed.), 15.9: the first author
        // inverted, the year after the authors, the title in quotation
        // marks, the journal in italics, "volume (issue): pages" with the
        // second page number abbreviated, the DOI as a link; a Swedish
        // title (`langid`) keeps its own capitalisation.
        assert_eq!(
            citation.reference.plain,
            "Hjelte, Jan, Elisabet Höög, and Annika Nordström. 2023. “Kunskap och expertis i små glesbygdskommuners socialtjänst.” Socialvetenskaplig tidskrift 30 (1): 457–76. https://doi.org/10.3384/SVT.2023.30.1.4116."
        );
        assert_eq!(
            citation.reference.html,
            "Hjelte, Jan, Elisabet Höög, and Annika Nordström. 2023. “Kunskap och expertis i små glesbygdskommuners socialtjänst.” <i>Socialvetenskaplig tidskrift</i> 30 (1): 457–76. https://doi.org/10.3384/SVT.2023.30.1.4116."
        );
        assert_eq!(citation.in_text.plain, "(Hjelte et al. 2023)");
    }

    #[test]
    fn an_entry_hayagriva_cannot_read_is_cited_from_its_fields() {
        // `journal = svt` names an @string abbreviation defined elsewhere
        // in the file: `check` resolves it, hayagriva (given the entry
        // alone) refuses the entry.
        let study = Study {
            key: "hjelte-2023".to_string(),
            entry_type: "article".to_string(),
            title: "Kunskap och expertis i små glesbygdskommuners socialtjänst".to_string(),
            author_names: [("Hjelte", "Jan"), ("Höög", "Elisabet"), ("Nordström", "Annika")]
                .iter()
                .map(|(family, given)| AuthorName {
                    family: family.to_string(),
                    given: given.to_string(),
                    suffix: String::new(),
                })
                .collect(),
            year: 2023,
            journal: Some("Socialvetenskaplig tidskrift".to_string()),
            volume: Some("30".to_string()),
            number: Some("1".to_string()),
            pages: Some("457--476".to_string()),
            doi: Some("10.3384/SVT.2023.30.1.4116".to_string()),
            bibtex: "@article{hjelte-2023,\n  author = {Hjelte, Jan and Höög, Elisabet and Nordström, Annika},\n  journal = svt,\n  year = {2023},\n}".to_string(),
            ..Study::default()
        };
        let citation = cite(&study, &CitationStyle::apa());
        let why = citation.fallback.as_deref().unwrap_or_default();
        assert!(why.contains("unknown abbreviation"), "{why}");
        // What the bundled APA writes for the same article (`an_article_in_apa`).
        assert_eq!(citation.reference.plain, ARTICLE_APA.0);
        assert_eq!(citation.reference.html, ARTICLE_APA.1);
        assert_eq!(citation.in_text.plain, "(Hjelte et al., 2023)");
    }

    #[test]
    fn a_fallback_without_authors_puts_the_title_first() {
        let study = Study {
            key: "x".to_string(),
            entry_type: "report".to_string(),
            title: "What works?".to_string(),
            year: 2020,
            institution: Some("Socialstyrelsen".to_string()),
            url: Some("https://example.org/".to_string()),
            ..Study::default()
        };
        let citation = fallback(&study, "test".to_string());
        assert_eq!(
            citation.reference.plain,
            "What works? (2020). Socialstyrelsen. https://example.org/"
        );
        assert_eq!(
            citation.reference.html,
            "<i>What works?</i> (2020). Socialstyrelsen. https://example.org/"
        );
        assert_eq!(citation.in_text.plain, "(What works?, 2020)");
    }

    #[test]
    fn every_bundled_style_name_loads() {
        for name in crate::config::citation_style_names() {
            assert!(CitationStyle::by_name(name).is_some(), "{name}");
        }
    }

    const CSL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test</title><id>test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  MACROS
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><group delimiter=", "><text variable="title" font-style="italic"/><LAST/></group></layout></bibliography>
</style>"#;

    fn csl(macros: &str, last: &str) -> String {
        CSL.replace("MACROS", macros).replace("<LAST/>", last)
    }

    #[test]
    fn a_csl_file_is_a_style() {
        let style = parse_csl(&csl(
            r#"<macro name="year"><date variable="issued"><date-part name="year"/></date></macro>"#,
            r#"<text macro="year"/>"#,
        ))
        .expect("a valid style");
        let citation = cite(
            &study(
                "x",
                "@report{x, title = {A <b> report}, institution = {VIVE}, year = {2021}}",
            ),
            &CitationStyle::from_csl(style),
        );
        assert_eq!(citation.reference.plain, "A <b> report, 2021");
        assert_eq!(citation.reference.html, "<i>A &lt;b&gt; report</i>, 2021");
        assert_eq!(citation.in_text.plain, "A <b> report");
    }

    #[test]
    fn a_csl_file_that_cannot_be_used_says_why() {
        let cycle = csl(
            r#"<macro name="a"><group><text macro="b"/></group></macro><macro name="b"><choose><if variable="title"><text macro="a"/></if></choose></macro>"#,
            r#"<text macro="a"/>"#,
        );
        let why = parse_csl(&cycle).err().unwrap_or_default();
        assert!(why.contains("calls itself"), "{why}");
        let deep = csl(
            "",
            &format!("{}{}", "<group>".repeat(100), "</group>".repeat(100)),
        );
        let why = parse_csl(&deep).err().unwrap_or_default();
        assert!(why.contains("nest"), "{why}");
        let why = parse_csl("<style>not csl").err().unwrap_or_default();
        assert!(why.contains("not a CSL style"), "{why}");
        let dependent = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>D</title><id>d</id><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/><updated>2024-01-01T00:00:00+00:00</updated></info>
</style>"#;
        let why = parse_csl(dependent).err().unwrap_or_default();
        assert!(why.contains("dependent"), "{why}");
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

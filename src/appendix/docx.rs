//! The appendix as a Word document, for editors who lay the report out in
//! Word: the structure and headings of the PDF and HTML editions, every
//! paragraph and table in a named style, so that a Word template with the
//! same style names restyles the whole appendix at once:
//!
//! - **Title**, **Subtitle**: the title page;
//! - **Heading 1** (summary, each country, research mapping,
//!   bibliography, index), **Heading 2** (each digitalisation category,
//!   each theme of the bibliography, each country of the index), **Case
//!   title** (each case; based on Heading 3, at outline level 3, so it is in the
//!   navigation pane and a table of contents), **Heading 4** to
//!   **Heading 6** (a case's sources and the headings of its body);
//! - **Local title**, **Case id**, **Case summary**, **Body Text**,
//!   **Quote**, **Code**, **List Bullet**, **List Number**, **Source**,
//!   **Note**, **Reference** (a study of the research mapping's
//!   bibliography, with a hanging indent), **Index entry**, **footnote
//!   text**;
//! - the table styles **Facts table** (label column bold), **Summary
//!   table** (header row and first column bold, the header repeated on
//!   each page) and **Body table** (tables of a body);
//! - the character styles **Case number**, **Hyperlink** and **footnote
//!   reference**.
//!
//! The document is written as Office Open XML with the `zip` crate (which
//! the XLSX writer brings anyway): eleven small parts, every one a function
//! of the [`Document`] alone, and every zip entry stamped with the same
//! fixed time, so two runs write the same bytes. A case's body arrives as
//! the tree the PDF uses ([`super::tree`]); its footnotes become Word
//! footnotes, its links hyperlinks, its lists Word lists. Text is only
//! ever written as escaped character data.

use std::fmt::Write as _;
use std::io::Write as _;

use super::document::{CaseRef, CaseView, Document, SummaryTable};
use super::research::Research;
use super::tree::{Block, Body, Inline};

/// A4 in twentieths of a point, and margins of 2.5 cm.
const PAGE: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>"#;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// The deepest list level Word's numbering defines (0-based).
const MAX_LEVEL: usize = 8;

/// The Word document of `document` (built with bodies).
pub fn render(document: &Document) -> anyhow::Result<Vec<u8>> {
    let mut writer = Writer::default();
    let body = writer.document(document);
    let parts: [(&str, String); 11] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core(document)),
        ("docProps/app.xml", APP.to_string()),
        ("word/document.xml", body),
        ("word/_rels/document.xml.rels", writer.relationships()),
        ("word/_rels/footnotes.xml.rels", writer.note_relationships()),
        ("word/styles.xml", styles(document.lang)),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/numbering.xml", writer.numbering()),
        ("word/footnotes.xml", writer.footnotes()),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, text) in parts {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Escaped character data: the five XML entities, and none of the
/// control characters XML 1.0 forbids (a tab and a line break stay).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How a run looks.
#[derive(Debug, Clone, Copy, Default)]
struct Look<'a> {
    italic: bool,
    bold: bool,
    strike: bool,
    code: bool,
    /// A character style (`CaseNumber`, `Hyperlink`).
    style: Option<&'a str>,
    /// The language, where it is not the document's.
    lang: Option<&'a str>,
}

/// One run of text.
fn run(text: &str, look: Look) -> String {
    let mut props = String::new();
    if let Some(style) = look.style {
        let _ = write!(props, r#"<w:rStyle w:val="{style}"/>"#);
    }
    if look.code {
        props.push_str(r#"<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/>"#);
    }
    if look.bold {
        props.push_str("<w:b/>");
    }
    if look.italic {
        props.push_str("<w:i/>");
    }
    if look.strike {
        props.push_str("<w:strike/>");
    }
    if let Some(lang) = look.lang.filter(|lang| *lang != "und") {
        let _ = write!(props, r#"<w:lang w:val="{lang}"/>"#);
    }
    let props = if props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    format!(
        r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A paragraph of `style` holding `runs`.
fn paragraph(style: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
}

/// What the body blocks are written into.
#[derive(Debug, Clone, Copy)]
struct Place<'a> {
    /// The style of a plain paragraph here.
    style: &'a str,
    /// The list depth (0 outside lists).
    depth: usize,
    /// The language of the text.
    lang: &'a str,
    /// Inside a footnote: a footnote reference there is left out (Word
    /// has no notes in notes).
    in_note: bool,
}

/// The parts that grow while the document is written: hyperlink
/// targets, footnotes, numbered lists and bookmarks.
#[derive(Debug, Default)]
struct Writer {
    /// External hyperlink targets of the document (`link1` is the first)
    /// and of the footnotes (`note-link1`), each part's relationships.
    links: Vec<String>,
    note_links: Vec<String>,
    /// Footnotes as XML, `w:id` 1, 2, ... (0 and -1 are the separators).
    notes: Vec<String>,
    /// The start number of every numbered list (`w:num` 2, 3, ...; 1 is
    /// the bullets).
    ordered: Vec<u64>,
    /// The footnotes of the body being written.
    case_notes: Vec<super::tree::Note>,
    /// Bookmarks so far (each case title is one).
    bookmarks: usize,
}

impl Writer {
    fn link(&mut self, url: &str, in_note: bool) -> String {
        if in_note {
            self.note_links.push(url.to_string());
            format!("note-link{}", self.note_links.len())
        } else {
            self.links.push(url.to_string());
            format!("link{}", self.links.len())
        }
    }

    fn document(&mut self, document: &Document) -> String {
        let s = document.strings;
        let mut out =
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>"#);
        // The title page.
        out.push_str(&paragraph("Subtitle", &run(&s.appendix, Look::default())));
        out.push_str(&paragraph("Title", &run(document.title, Look::default())));
        if !document.description.is_empty() {
            out.push_str(&paragraph(
                "BodyText",
                &run(document.description, Look::default()),
            ));
        }
        if let Some(publisher) = &document.colophon.publisher {
            out.push_str(&paragraph("BodyText", &run(publisher, Look::default())));
        }
        let mut facts: Vec<(&str, String)> = Vec::new();
        if !document.edition.is_empty() {
            facts.push((&s.edition, document.edition.clone()));
        }
        if let Some(year) = document.title_year {
            facts.push((&s.year, year.to_string()));
        }
        if !document.date_text.is_empty() {
            facts.push((&s.date, document.date_text.clone()));
        }
        facts.push((&s.cases, document.case_count.to_string()));
        facts.push((&s.countries, document.country_count.to_string()));
        if let Some(selection) = &document.selection {
            facts.push((&s.selection, selection.clone()));
        }
        labelled(&mut out, &facts);

        // The colophon, as on the back of the PDF's title page.
        let colophon = &document.colophon;
        out.push_str(&paragraph("Heading1", &run(&s.colophon, Look::default())));
        let mut facts: Vec<(&str, String)> = Vec::new();
        let optional = [
            (&s.publisher, colophon.publisher.clone()),
            (&s.year, colophon.year.map(|year| year.to_string())),
            (&s.isbn, colophon.isbn.clone()),
            (&s.issn, colophon.issn.clone()),
            (
                &s.licence,
                colophon
                    .licence
                    .as_ref()
                    .map(|licence| match &colophon.licence_url {
                        Some(url) => format!("{licence} ({url})"),
                        None => licence.clone(),
                    }),
            ),
        ];
        for (label, value) in optional {
            if let Some(value) = value {
                facts.push((label, value));
            }
        }
        facts.push((&s.citation, colophon.citation.clone()));
        labelled(&mut out, &facts);
        out.push_str(&paragraph("Note", &run(&colophon.generated, Look::default())));

        // The method note.
        out.push_str(&paragraph("Heading1", &run(&s.method, Look::default())));
        for text in &document.method {
            out.push_str(&paragraph("BodyText", &run(text, Look::default())));
        }
        // Heading 1 starts a page: the summary's ends the title page.
        // The summary tables.
        out.push_str(&paragraph("Heading1", &run(&s.summary, Look::default())));
        for (index, table) in document.tables.iter().enumerate() {
            out.push_str(&summary_table(table));
            // Under the table whose column order it names.
            if index == 0 {
                out.push_str(&paragraph("Note", &run(document.order_note, Look::default())));
            }
        }

        // The cases.
        for country in &document.countries {
            out.push_str(&paragraph("Heading1", &run(&country.label, Look::default())));
            for category in &country.categories {
                out.push_str(&paragraph("Heading2", &run(&category.label, Look::default())));
                if !category.references.is_empty() {
                    out.push_str(&paragraph("Note", &run(&s.also_here, Look::default())));
                    for reference in &category.references {
                        out.push_str(&self.reference(reference, &s.see));
                    }
                }
                for view in &category.cases {
                    self.case(&mut out, view, document);
                }
            }
        }

        // The second part, the research mapping.
        if let Some(research) = &document.research {
            self.research(&mut out, research, document);
        }

        // The index of municipalities.
        if !document.index.is_empty() {
            out.push_str(&paragraph("Heading1", &run(&s.index, Look::default())));
            out.push_str(&paragraph("Note", &run(&s.index_note, Look::default())));
            for country in &document.index {
                out.push_str(&paragraph("Heading2", &run(&country.label, Look::default())));
                for entry in &country.entries {
                    let mut runs = run(&format!("{} ", entry.name), Look::default());
                    for (i, reference) in entry.cases.iter().enumerate() {
                        if i > 0 {
                            runs.push_str(&run(", ", Look::default()));
                        }
                        runs.push_str(&internal_link(
                            &reference.case.key,
                            &run(
                                &reference.case.number,
                                Look {
                                    italic: reference.through,
                                    style: Some("CaseNumber"),
                                    ..Look::default()
                                },
                            ),
                        ));
                    }
                    out.push_str(&paragraph("IndexEntry", &runs));
                }
            }
        }
        // The register's sources, with the day each was last checked.
        if !document.register_sources.is_empty() {
            out.push_str(&paragraph("Heading1", &run(&s.register_sources, Look::default())));
            out.push_str(&paragraph(
                "Note",
                &run(&s.register_sources_note, Look::default()),
            ));
            for source in &document.register_sources {
                out.push_str(&paragraph("Heading4", &run(source.key, Look::default())));
                labelled(
                    &mut out,
                    &[
                        (&s.source_what, source.what.clone()),
                        (&s.source_origin, source.origin.to_string()),
                        (&s.licence, source.licence.clone()),
                        (&s.data_as_of, source.data_as_of.clone()),
                        (&s.checked, source.checked.clone()),
                    ],
                );
            }
        }
        out.push_str(PAGE);
        out.push_str("</w:body></w:document>");
        out
    }

    /// The research part: its tables, then the references by theme, each
    /// bookmarked so a case's citation links to it.
    fn research(&mut self, out: &mut String, research: &Research, document: &Document) {
        let s = document.strings;
        out.push_str(&paragraph("Heading1", &run(&s.research, Look::default())));
        out.push_str(&paragraph("BodyText", &run(&s.research_intro, Look::default())));
        if research.count == 0 {
            out.push_str(&paragraph("Note", &run(&s.research_empty, Look::default())));
        }
        for table in &research.tables {
            out.push_str(&summary_table(table));
        }
        out.push_str(&paragraph("Heading1", &run(&s.bibliography, Look::default())));
        for theme in &research.themes {
            out.push_str(&paragraph("Heading2", &run(&theme.label, Look::default())));
            for reference in &theme.references {
                let runs = format!(
                    "{}{}",
                    internal_link(&reference.anchor, &run(&reference.in_text, Look::default())),
                    run(&format!(" – {}", reference.described_under), Look::default()),
                );
                out.push_str(&list_paragraph("ListBullet", 0, 1, &runs));
            }
            for study in &theme.studies {
                self.bookmarks += 1;
                let bookmark = self.bookmarks;
                let mut runs = format!(
                    r#"<w:bookmarkStart w:id="{bookmark}" w:name="{}"/>"#,
                    esc(&study.anchor)
                );
                for piece in &study.pieces {
                    runs.push_str(&run(
                        &piece.text,
                        Look {
                            italic: piece.italic,
                            ..Look::default()
                        },
                    ));
                }
                let _ = write!(runs, r#"<w:bookmarkEnd w:id="{bookmark}"/>"#);
                out.push_str(&paragraph("Reference", &runs));
            }
        }
    }

    /// "Title – see SE 3", the number a link to the case.
    fn reference(&mut self, reference: &CaseRef, see: &str) -> String {
        let runs = format!(
            "{}{}{}",
            run(
                &reference.title,
                Look {
                    lang: Some(&reference.title_lang),
                    ..Look::default()
                }
            ),
            run(&format!(" – {see} "), Look::default()),
            internal_link(
                &reference.key,
                &run(
                    &reference.number,
                    Look {
                        style: Some("CaseNumber"),
                        ..Look::default()
                    }
                )
            ),
        );
        list_paragraph("ListBullet", 0, 1, &runs)
    }

    fn case(&mut self, out: &mut String, view: &CaseView, document: &Document) {
        let s = document.strings;
        // The case title, bookmarked so numbers elsewhere link to it.
        self.bookmarks += 1;
        let bookmark = self.bookmarks;
        let title = format!(
            r#"<w:bookmarkStart w:id="{bookmark}" w:name="{key}"/>{number}{space}{title}<w:bookmarkEnd w:id="{bookmark}"/>"#,
            key = esc(&view.key),
            number = run(
                &view.number,
                Look {
                    style: Some("CaseNumber"),
                    ..Look::default()
                }
            ),
            space = run(" ", Look::default()),
            title = run(
                &view.title,
                Look {
                    lang: Some(&view.title_lang),
                    ..Look::default()
                }
            ),
        );
        out.push_str(&paragraph("CaseTitle", &title));
        if let Some(local) = &view.title_local {
            out.push_str(&paragraph(
                "LocalTitle",
                &run(
                    local,
                    Look {
                        lang: Some(view.language),
                        ..Look::default()
                    },
                ),
            ));
        }
        out.push_str(&paragraph(
            "CaseId",
            &run(&format!("{}: {}", s.permanent_id, view.id), Look::default()),
        ));
        out.push_str(&paragraph(
            "CaseSummary",
            &run(
                &view.summary,
                Look {
                    lang: Some(&view.summary_lang),
                    ..Look::default()
                },
            ),
        ));
        // The facts: a label column and a value column.
        let mut facts = String::from(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="FactsTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:firstRow="0" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="2600"/><w:gridCol w:w="6470"/></w:tblGrid>"#,
        );
        for fact in &view.facts {
            facts.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            facts.push_str(&cell(&run(fact.label, Look::default()), "TableText"));
            facts.push_str(&cell(&run(&fact.value, Look::default()), "TableText"));
            facts.push_str("</w:tr>");
        }
        facts.push_str("</w:tbl>");
        out.push_str(&facts);
        // The body.
        if let Some(body) = &view.body {
            self.body(out, body, view.language);
        }
        // The studies it cites, linked to their references.
        if !view.evidence.is_empty() {
            let mut runs = run(
                &format!("{}: (", s.research_on_case),
                Look {
                    bold: true,
                    ..Look::default()
                },
            );
            for (i, citation) in view.evidence.iter().enumerate() {
                if i > 0 {
                    runs.push_str(&run("; ", Look::default()));
                }
                runs.push_str(&internal_link(
                    &citation.anchor,
                    &run(&citation.text, Look::default()),
                ));
            }
            runs.push_str(&run(")", Look::default()));
            out.push_str(&paragraph("BodyText", &runs));
        }
        // The sources.
        if !view.sources.is_empty() {
            out.push_str(&paragraph(
                "Heading4",
                &run(
                    view.sources_heading,
                    Look {
                        lang: Some(view.sources_lang),
                        ..Look::default()
                    },
                ),
            ));
            let number = self.ordered_list(1);
            for source in &view.sources {
                let title = run(
                    &source.title,
                    Look {
                        lang: Some(view.language),
                        ..Look::default()
                    },
                );
                let title = match &source.url {
                    Some(url) => {
                        let id = self.link(url, false);
                        format!(r#"<w:hyperlink r:id="{id}">{title}</w:hyperlink>"#)
                    }
                    None => title,
                };
                let runs = format!(
                    r#"{title}<w:r><w:br/></w:r>{}"#,
                    run(source.shown, Look::default())
                );
                out.push_str(&list_paragraph("Source", 0, number, &runs));
            }
        }
    }

    /// A case body: its blocks, and its footnotes as Word footnotes.
    fn body(&mut self, out: &mut String, body: &Body, lang: &str) {
        self.case_notes = body.notes.clone();
        let place = Place {
            style: "BodyText",
            depth: 0,
            lang,
            in_note: false,
        };
        for block in &body.blocks {
            self.block(out, block, place);
        }
        self.case_notes.clear();
    }

    fn block(&mut self, out: &mut String, block: &Block, place: Place) {
        match block {
            Block::Par { c } => {
                let runs = self.inlines(c, Look::default(), place);
                out.push_str(&paragraph(place.style, &runs));
            }
            Block::Heading { level, c } => {
                // A body's top heading is a level below the case title.
                let style = format!("Heading{}", (3 + usize::from(*level)).min(6));
                let runs = self.inlines(c, Look::default(), place);
                out.push_str(&paragraph(&style, &runs));
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                let (style, number) = if *ordered {
                    ("ListNumber", self.ordered_list(*start))
                } else {
                    ("ListBullet", 1)
                };
                let level = place.depth.min(MAX_LEVEL);
                for item in items {
                    let mut first = true;
                    for block in item {
                        match block {
                            Block::Par { c } if first => {
                                let runs = self.inlines(c, Look::default(), place);
                                out.push_str(&list_paragraph(style, level, number, &runs));
                            }
                            other => {
                                let inner = Place {
                                    style: "ListParagraph",
                                    depth: place.depth + 1,
                                    ..place
                                };
                                self.block(out, other, inner);
                            }
                        }
                        first = false;
                    }
                    if item.is_empty() {
                        out.push_str(&list_paragraph(style, level, number, ""));
                    }
                }
            }
            Block::Table { head, rows, .. } => {
                let columns = head
                    .len()
                    .max(rows.iter().map(Vec::len).max().unwrap_or(0))
                    .max(1);
                let width = 9070 / columns;
                let mut table = String::from(
                    r#"<w:tbl><w:tblPr><w:tblStyle w:val="BodyTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
                );
                for _ in 0..columns {
                    let _ = write!(table, r#"<w:gridCol w:w="{width}"/>"#);
                }
                table.push_str("</w:tblGrid>");
                let header = !head.is_empty();
                for (i, row) in std::iter::once(head).filter(|_| header).chain(rows).enumerate() {
                    table.push_str("<w:tr>");
                    if header && i == 0 {
                        table.push_str("<w:trPr><w:tblHeader/></w:trPr>");
                    }
                    for column in 0..columns {
                        let runs = row
                            .get(column)
                            .map(|c| self.inlines(c, Look::default(), place))
                            .unwrap_or_default();
                        table.push_str(&cell(&runs, "TableText"));
                    }
                    table.push_str("</w:tr>");
                }
                table.push_str("</w:tbl>");
                out.push_str(&table);
            }
            Block::Quote { c } => {
                let inner = Place {
                    style: "Quote",
                    ..place
                };
                for block in c {
                    self.block(out, block, inner);
                }
            }
            Block::Codeblock { s } => {
                let code = Look {
                    code: true,
                    ..Look::default()
                };
                let runs: Vec<String> = s
                    .trim_end_matches('\n')
                    .split('\n')
                    .map(|line| run(line, code))
                    .collect();
                out.push_str(&paragraph("Code", &runs.join("<w:r><w:br/></w:r>")));
            }
            Block::Rule => out.push_str(&paragraph("Rule", "")),
        }
    }

    fn inlines(&mut self, inlines: &[Inline], look: Look, place: Place) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text { s } => out.push_str(&run(
                    s,
                    Look {
                        lang: Some(place.lang),
                        ..look
                    },
                )),
                Inline::Emph { c } => {
                    let runs = self.inlines(c, Look { italic: true, ..look }, place);
                    out.push_str(&runs);
                }
                Inline::Strong { c } => {
                    let runs = self.inlines(c, Look { bold: true, ..look }, place);
                    out.push_str(&runs);
                }
                Inline::Strike { c } => {
                    let runs = self.inlines(c, Look { strike: true, ..look }, place);
                    out.push_str(&runs);
                }
                Inline::Code { s } => out.push_str(&run(s, Look { code: true, ..look })),
                Inline::Link { url, c } => {
                    let runs = self.inlines(
                        c,
                        Look {
                            style: Some("Hyperlink"),
                            ..look
                        },
                        place,
                    );
                    match url {
                        Some(url) => {
                            let id = self.link(url, place.in_note);
                            let _ = write!(out, r#"<w:hyperlink r:id="{id}">{runs}</w:hyperlink>"#);
                        }
                        None => out.push_str(&runs),
                    }
                }
                Inline::Br => out.push_str("<w:r><w:br/></w:r>"),
                Inline::Note { n, first } => {
                    // A note is placed at its first reference; Word has one
                    // reference per footnote, so later ones are left out.
                    if place.in_note || !*first {
                        continue;
                    }
                    if let Some(id) = self.footnote(*n, place) {
                        let _ = write!(
                            out,
                            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
                        );
                    }
                }
            }
        }
        out
    }

    /// Footnote `n` (1-based) of the case being written, as a Word
    /// footnote; its id.
    fn footnote(&mut self, n: usize, place: Place) -> Option<usize> {
        let blocks = self.case_notes.iter().find(|note| note.n == n)?.c.clone();
        let id = self.notes.len() + 1;
        let inner = Place {
            style: "FootnoteText",
            depth: 0,
            lang: place.lang,
            in_note: true,
        };
        let mut text = String::new();
        for block in &blocks {
            self.block(&mut text, block, inner);
        }
        let mark = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#;
        // The mark opens the note's first paragraph, or a paragraph of its
        // own when the note starts with something else.
        let opening = r#"<w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>"#;
        let text = if text.starts_with(&format!("<w:p>{opening}")) {
            text.replacen(opening, &format!("{opening}{mark}"), 1)
        } else {
            format!("{}{text}", paragraph("FootnoteText", mark))
        };
        self.notes
            .push(format!(r#"<w:footnote w:id="{id}">{text}</w:footnote>"#));
        Some(id)
    }

    /// A new numbered list starting at `start`; its `w:numId`.
    fn ordered_list(&mut self, start: u64) -> usize {
        self.ordered.push(start);
        self.ordered.len() + 1
    }

    fn relationships(&self) -> String {
        hyperlinks(
            r#"<Relationship Id="styles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="numbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="footnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="settings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
            "link",
            &self.links,
        )
    }

    fn note_relationships(&self) -> String {
        hyperlinks("", "note-link", &self.note_links)
    }

    fn footnotes(&self) -> String {
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
        );
        for note in &self.notes {
            out.push_str(note);
        }
        out.push_str("</w:footnotes>");
        out
    }

    /// Bullets (abstract list 0, `w:num` 1) and numbers (abstract list 1,
    /// one `w:num` per list, restarting at its start).
    fn numbering(&self) -> String {
        let levels = |ordered: bool| {
            let mut out = String::new();
            for level in 0..=MAX_LEVEL {
                let indent = 360 * (level + 1);
                let (format, text) = if ordered {
                    ("decimal", format!("%{}.", level + 1))
                } else {
                    ("bullet", ["•", "◦", "▪"][level % 3].to_string())
                };
                let _ = write!(
                    out,
                    r#"<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr></w:lvl>"#
                );
            }
            out
        };
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>{}</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            levels(false),
            levels(true)
        );
        for (i, start) in self.ordered.iter().enumerate() {
            let _ = write!(out, r#"<w:num w:numId="{}"><w:abstractNumId w:val="1"/>"#, i + 2);
            for level in 0..=MAX_LEVEL {
                let start = if level == 0 { *start } else { 1 };
                let _ = write!(
                    out,
                    r#"<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>"#
                );
            }
            out.push_str("</w:num>");
        }
        out.push_str("</w:numbering>");
        out
    }
}

/// A part's relationships: `fixed`, then a hyperlink `<prefix><n>` to
/// each of `urls`.
fn hyperlinks(fixed: &str, prefix: &str, urls: &[String]) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{fixed}"#
    );
    for (i, url) in urls.iter().enumerate() {
        let _ = write!(
            out,
            r#"<Relationship Id="{prefix}{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>"#,
            i + 1,
            esc(url)
        );
    }
    out.push_str("</Relationships>");
    out
}

/// A paragraph of `style` numbered by list `number` at `level`.
fn list_paragraph(style: &str, level: usize, number: usize, runs: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{number}"/></w:numPr></w:pPr>{runs}</w:p>"#
    )
}

/// A link to a bookmark of this document.
fn internal_link(anchor: &str, runs: &str) -> String {
    format!(r#"<w:hyperlink w:anchor="{}">{runs}</w:hyperlink>"#, esc(anchor))
}

/// A table cell holding one paragraph of `style`.
fn cell(runs: &str, style: &str) -> String {
    format!("<w:tc>{}</w:tc>", paragraph(style, runs))
}

/// Paragraphs of "label: value", the label bold.
fn labelled(out: &mut String, facts: &[(&str, String)]) {
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    for (label, value) in facts {
        out.push_str(&paragraph(
            "BodyText",
            &format!(
                "{}{}",
                run(&format!("{label}: "), bold),
                run(value, Look::default())
            ),
        ));
    }
}

fn summary_table(table: &SummaryTable) -> String {
    let mut out = paragraph("TableCaption", &run(table.title, Look::default()));
    let columns = table.columns.len().max(1);
    let first = if columns > 2 { 2400 } else { 6000 };
    let other = (9070 - first) / columns.saturating_sub(1).max(1);
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="SummaryTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:firstRow="1" w:lastRow="{}" w:firstColumn="1" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
        u8::from(table.footer.is_some())
    );
    for column in 0..columns {
        let _ = write!(
            out,
            r#"<w:gridCol w:w="{}"/>"#,
            if column == 0 { first } else { other }
        );
    }
    out.push_str("</w:tblGrid>");
    let row = |cells: &[String], header: bool| {
        let mut row = String::from("<w:tr>");
        if header {
            row.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for (i, text) in cells.iter().enumerate() {
            let style = if i == 0 { "TableText" } else { "TableNumber" };
            row.push_str(&cell(&run(text, Look::default()), style));
        }
        row.push_str("</w:tr>");
        row
    };
    out.push_str(&row(&table.columns, true));
    for cells in &table.rows {
        out.push_str(&row(cells, false));
    }
    if let Some(footer) = &table.footer {
        out.push_str(&row(footer, false));
    }
    out.push_str("</w:tbl>");
    if let Some(note) = table.note {
        out.push_str(&paragraph("Note", &run(note, Look::default())));
    }
    out
}

fn core(document: &Document) -> String {
    let created = document.date.map_or_else(
        || "2000-01-01T00:00:00Z".to_string(),
        |date| format!("{:04}-{:02}-{:02}T00:00:00Z", date.year, date.month, date.day),
    );
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{} – {}</dc:title><dc:language>{}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified></cp:coreProperties>"#,
        esc(document.title),
        esc(&document.strings.appendix),
        document.lang,
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="document" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="core" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="app" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

/// The separators of the footnotes, and Word's current layout rules
/// (not a compatibility mode).
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="709"/><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>catalogue</Application></Properties>"#;

/// A paragraph style: id, name, based on, next, outline level, and its
/// paragraph and run properties.
struct ParagraphStyle {
    id: &'static str,
    name: &'static str,
    based_on: Option<&'static str>,
    outline: Option<u8>,
    paragraph: &'static str,
    run: &'static str,
}

const PARAGRAPH_STYLES: &[ParagraphStyle] = &[
    ParagraphStyle {
        id: "Title",
        name: "Title",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:before="2400" w:after="240"/>"#,
        run: r#"<w:sz w:val="56"/>"#,
    },
    ParagraphStyle {
        id: "Subtitle",
        name: "Subtitle",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:after="120"/>"#,
        run: r#"<w:caps/><w:sz w:val="24"/>"#,
    },
    ParagraphStyle {
        id: "Heading1",
        name: "heading 1",
        based_on: Some("Normal"),
        outline: Some(0),
        paragraph: r#"<w:keepNext/><w:pageBreakBefore/><w:spacing w:before="240" w:after="240"/>"#,
        run: r#"<w:b/><w:sz w:val="40"/>"#,
    },
    ParagraphStyle {
        id: "Heading2",
        name: "heading 2",
        based_on: Some("Normal"),
        outline: Some(1),
        paragraph: r#"<w:keepNext/><w:spacing w:before="360" w:after="120"/>"#,
        run: r#"<w:b/><w:sz w:val="30"/>"#,
    },
    ParagraphStyle {
        id: "Heading3",
        name: "heading 3",
        based_on: Some("Normal"),
        outline: Some(2),
        paragraph: r#"<w:keepNext/><w:spacing w:before="240" w:after="80"/>"#,
        run: r#"<w:b/><w:sz w:val="26"/>"#,
    },
    ParagraphStyle {
        id: "CaseTitle",
        name: "Case title",
        based_on: Some("Heading3"),
        outline: Some(2),
        paragraph: r#"<w:keepNext/><w:spacing w:before="360" w:after="60"/>"#,
        run: "",
    },
    ParagraphStyle {
        id: "Heading4",
        name: "heading 4",
        based_on: Some("Normal"),
        outline: Some(3),
        paragraph: r#"<w:keepNext/><w:spacing w:before="200" w:after="60"/>"#,
        run: r#"<w:b/><w:sz w:val="22"/>"#,
    },
    ParagraphStyle {
        id: "Heading5",
        name: "heading 5",
        based_on: Some("Normal"),
        outline: Some(4),
        paragraph: r#"<w:keepNext/><w:spacing w:before="160" w:after="40"/>"#,
        run: r#"<w:b/><w:i/>"#,
    },
    ParagraphStyle {
        id: "Heading6",
        name: "heading 6",
        based_on: Some("Normal"),
        outline: Some(5),
        paragraph: r#"<w:keepNext/><w:spacing w:before="120" w:after="40"/>"#,
        run: r#"<w:i/>"#,
    },
    ParagraphStyle {
        id: "LocalTitle",
        name: "Local title",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:keepNext/><w:spacing w:after="60"/>"#,
        run: r#"<w:i/><w:sz w:val="24"/>"#,
    },
    ParagraphStyle {
        id: "CaseId",
        name: "Case id",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:keepNext/><w:spacing w:after="120"/>"#,
        run: r#"<w:color w:val="595959"/><w:sz w:val="18"/>"#,
    },
    ParagraphStyle {
        id: "CaseSummary",
        name: "Case summary",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:keepNext/><w:spacing w:after="160"/>"#,
        run: r#"<w:sz w:val="24"/>"#,
    },
    ParagraphStyle {
        id: "BodyText",
        name: "Body Text",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:after="120"/>"#,
        run: "",
    },
    ParagraphStyle {
        id: "ListParagraph",
        name: "List Paragraph",
        based_on: Some("BodyText"),
        outline: None,
        paragraph: r#"<w:ind w:left="720"/>"#,
        run: "",
    },
    ParagraphStyle {
        id: "ListBullet",
        name: "List Bullet",
        based_on: Some("BodyText"),
        outline: None,
        paragraph: r#"<w:spacing w:after="60"/>"#,
        run: "",
    },
    ParagraphStyle {
        id: "ListNumber",
        name: "List Number",
        based_on: Some("BodyText"),
        outline: None,
        paragraph: r#"<w:spacing w:after="60"/>"#,
        run: "",
    },
    ParagraphStyle {
        id: "Quote",
        name: "Quote",
        based_on: Some("BodyText"),
        outline: None,
        paragraph: r#"<w:ind w:left="567" w:right="567"/>"#,
        run: r#"<w:i/>"#,
    },
    ParagraphStyle {
        id: "Code",
        name: "Code",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:after="120"/><w:ind w:left="284"/>"#,
        run: r#"<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:sz w:val="18"/>"#,
    },
    ParagraphStyle {
        id: "Rule",
        name: "Rule",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="auto"/></w:pBdr><w:spacing w:after="240"/>"#,
        run: "",
    },
    ParagraphStyle {
        id: "Source",
        name: "Source",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:after="80"/>"#,
        run: r#"<w:sz w:val="20"/>"#,
    },
    ParagraphStyle {
        id: "Note",
        name: "Note",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:before="60" w:after="160"/>"#,
        run: r#"<w:color w:val="595959"/><w:sz w:val="20"/>"#,
    },
    ParagraphStyle {
        id: "TableCaption",
        name: "Table caption",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:keepNext/><w:spacing w:before="240" w:after="80"/>"#,
        run: r#"<w:b/>"#,
    },
    ParagraphStyle {
        id: "TableText",
        name: "Table text",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:after="0"/>"#,
        run: r#"<w:sz w:val="20"/>"#,
    },
    ParagraphStyle {
        id: "TableNumber",
        name: "Table number",
        based_on: Some("TableText"),
        outline: None,
        paragraph: r#"<w:jc w:val="right"/>"#,
        run: "",
    },
    ParagraphStyle {
        id: "Reference",
        name: "Reference",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:after="120"/><w:ind w:left="567" w:hanging="567"/>"#,
        run: "",
    },
    ParagraphStyle {
        id: "IndexEntry",
        name: "Index entry",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:after="0"/><w:ind w:left="284" w:hanging="284"/>"#,
        run: r#"<w:sz w:val="20"/>"#,
    },
    ParagraphStyle {
        id: "FootnoteText",
        name: "footnote text",
        based_on: Some("Normal"),
        outline: None,
        paragraph: r#"<w:spacing w:after="0"/>"#,
        run: r#"<w:sz w:val="18"/>"#,
    },
];

/// A table style: id, name, and the bold parts.
const TABLE_STYLES: &[(&str, &str, &str)] = &[
    (
        "FactsTable",
        "Facts table",
        r#"<w:tblStylePr w:type="firstCol"><w:rPr><w:b/></w:rPr></w:tblStylePr>"#,
    ),
    (
        "SummaryTable",
        "Summary table",
        r#"<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="auto"/></w:tcBorders></w:tcPr></w:tblStylePr><w:tblStylePr w:type="lastRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="auto"/></w:tcBorders></w:tcPr></w:tblStylePr><w:tblStylePr w:type="firstCol"><w:rPr><w:b/></w:rPr></w:tblStylePr>"#,
    ),
    (
        "BodyTable",
        "Body table",
        r#"<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr>"#,
    ),
];

fn styles(lang: &str) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="{lang}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
    );
    for style in PARAGRAPH_STYLES {
        let _ = write!(
            out,
            r#"<w:style w:type="paragraph" w:customStyle="{custom}" w:styleId="{id}"><w:name w:val="{name}"/>{based}<w:qFormat/><w:pPr>{paragraph}{outline}</w:pPr>{run}</w:style>"#,
            custom = u8::from(!BUILT_IN.contains(&style.id)),
            id = style.id,
            name = style.name,
            based = style
                .based_on
                .map(|on| format!(r#"<w:basedOn w:val="{on}"/>"#))
                .unwrap_or_default(),
            paragraph = style.paragraph,
            outline = style
                .outline
                .map(|level| format!(r#"<w:outlineLvl w:val="{level}"/>"#))
                .unwrap_or_default(),
            run = if style.run.is_empty() {
                String::new()
            } else {
                format!("<w:rPr>{}</w:rPr>", style.run)
            },
        );
    }
    for (id, name, parts) in TABLE_STYLES {
        let _ = write!(
            out,
            r#"<w:style w:type="table" w:customStyle="1" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:qFormat/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="2" w:space="0" w:color="BFBFBF"/></w:tblBorders></w:tblPr>{parts}</w:style>"#
        );
    }
    out.push_str(
        r#"<w:style w:type="character" w:customStyle="1" w:styleId="CaseNumber"><w:name w:val="Case number"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:b/><w:color w:val="1F4E79"/></w:rPr></w:style><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>"#,
    );
    out
}

/// The paragraph styles Word has built in (their names are Word's).
const BUILT_IN: &[&str] = &[
    "Title",
    "Subtitle",
    "Heading1",
    "Heading2",
    "Heading3",
    "Heading4",
    "Heading5",
    "Heading6",
    "BodyText",
    "ListParagraph",
    "ListBullet",
    "ListNumber",
    "Quote",
    "FootnoteText",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(esc("a<b>&\"c'\u{1}\td"), "a&lt;b&gt;&amp;&quot;c&apos;\td");
    }

    #[test]
    fn every_style_a_paragraph_uses_is_defined() {
        let styles = styles("en");
        for id in [
            "Title",
            "Subtitle",
            "Heading1",
            "Heading2",
            "CaseTitle",
            "Reference",
            "Heading4",
            "Heading6",
            "BodyText",
            "FactsTable",
            "SummaryTable",
            "BodyTable",
            "CaseNumber",
            "Hyperlink",
            "FootnoteReference",
        ] {
            assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "{id}");
        }
        assert!(styles.contains("<w:name w:val=\"Case title\"/>"));
        assert!(styles.contains("<w:name w:val=\"Facts table\"/>"));
    }
}

//! A case body as a tree of blocks and inlines, for the typst template.
//!
//! The template never parses contributor text: it receives this tree as
//! JSON and turns every node into content with a function, every string
//! into text. The tree is plain data, so a body full of typst markup
//! (`#panic("boom")`, `$`, `<label>`) arrives as characters.
//!
//! The parser options are those of [`crate::markdown`] (tables, footnotes,
//! strikethrough; no heading attributes), so a body means the same on the
//! site and in the appendix. As on the site, images become links to the
//! image, and headings of level 1 count as level 2. Raw HTML is reduced to
//! its text: tags, comments, scripts and styles are dropped, the words
//! between tags are kept as plain text (`<br>` becomes a line break).
//! Links keep their target only for http, https and mailto.
//!
//! Nesting (lists in quotes in lists, emphasis in links in emphasis) is
//! capped at [`MAX_DEPTH`] containers; deeper containers are dissolved into
//! their parent, so no body can exhaust typst's call depth.

use std::collections::{BTreeMap, HashMap};

use pulldown_cmark::{Alignment, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

/// How many containers (quotes, lists, list items, footnotes, emphasis,
/// links) may nest.
pub const MAX_DEPTH: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Block {
    Par {
        c: Vec<Inline>,
    },
    /// `level` 1 is a body's top heading (Markdown `#` and `##`).
    Heading {
        level: u8,
        c: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Table {
        align: Vec<&'static str>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Quote {
        c: Vec<Block>,
    },
    Codeblock {
        s: String,
    },
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Inline {
    Text {
        s: String,
    },
    Emph {
        c: Vec<Inline>,
    },
    Strong {
        c: Vec<Inline>,
    },
    Strike {
        c: Vec<Inline>,
    },
    Code {
        s: String,
    },
    /// `url` is `None` for a target that is not http, https or mailto.
    Link {
        url: Option<String>,
        c: Vec<Inline>,
    },
    Br,
    /// A footnote reference: footnote `n` of the body's `notes`; `first`
    /// on its first reference, where the note's text is placed.
    Note {
        n: usize,
        first: bool,
    },
}

/// A footnote's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub n: usize,
    pub c: Vec<Block>,
}

/// A converted body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Body {
    pub blocks: Vec<Block>,
    /// Footnotes in the order of their first reference; notes that are
    /// never referenced are appended to `blocks` instead.
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InlineKind {
    Paragraph,
    Heading(u8),
    Emph,
    Strong,
    Strike,
    Link,
    Cell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Root,
    Quote,
    Item,
    Footnote,
}

#[derive(Debug)]
enum Frame {
    /// A container of blocks; `pending` holds inlines that arrived without
    /// a paragraph (tight list items), to become one.
    Blocks {
        kind: BlockKind,
        label: String,
        blocks: Vec<Block>,
        pending: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Inlines {
        kind: InlineKind,
        url: Option<String>,
        inlines: Vec<Inline>,
    },
    Table {
        align: Vec<&'static str>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
    },
    /// Collects the text of a code block or an HTML block.
    Text { html: bool, text: String },
    /// A container past the depth limit, or a tag with no node of its own:
    /// its content goes to the frame below.
    Transparent,
}

fn is_container(frame: &Frame) -> bool {
    match frame {
        Frame::Blocks { kind, .. } => matches!(kind, BlockKind::Quote | BlockKind::Footnote),
        Frame::List { .. } => true,
        Frame::Inlines { kind, .. } => {
            matches!(
                kind,
                InlineKind::Emph | InlineKind::Strong | InlineKind::Strike | InlineKind::Link
            )
        }
        _ => false,
    }
}

/// Only these link targets are kept (as on the site).
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme = url.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https") if url::Url::parse(url).is_ok() => Some(url.to_string()),
        Some("mailto") if url.len() > "mailto:".len() => Some(url.to_string()),
        _ => None,
    }
}

/// The text of an HTML fragment: no tags, comments, scripts or styles. A
/// fragment nested too deeply to parse in linear time is its own text, as
/// on the site.
fn html_text(html: &str) -> String {
    if crate::markdown::nests_too_deeply(html) {
        return html.to_string();
    }
    let cleaned = ammonia::Builder::empty().clean(html).to_string();
    cleaned
        .replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn is_line_break_tag(html: &str) -> bool {
    let tag: String = html
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    matches!(tag.as_str(), "<br>" | "<br/>" | "</br>")
}

/// Whitespace runs become one space, as HTML would show them.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Builder {
    stack: Vec<Frame>,
    /// How many frames of `stack` are containers: counted as they come and
    /// go, since the stack can hold thousands of transparent frames.
    containers: usize,
    /// The indices in `stack` of the frames that are not transparent, so
    /// the nearest one is found without walking past thousands of
    /// transparent frames for every piece of text.
    solid: Vec<usize>,
    /// How many footnote definitions are open, counted for the same reason.
    notes_open: usize,
    /// Footnote labels in the order of their first reference.
    referenced: Vec<String>,
    /// The number of each referenced label (its place in `referenced`, from
    /// 1): a search of `referenced` for every reference was quadratic in the
    /// footnotes.
    numbers: HashMap<String, usize>,
    /// Footnote definitions by label.
    definitions: BTreeMap<String, Vec<Block>>,
    /// The order definitions appeared in, for unreferenced ones.
    defined: Vec<String>,
    /// The level of the last heading (0 before the first): a heading goes
    /// at most one level deeper than the one before it, since a reader of
    /// the tagged PDF (and PDF/UA-1) needs levels without gaps, and a
    /// contributor may well write `####` under `#`.
    last_heading: u8,
}

impl Builder {
    fn depth(&self) -> usize {
        self.containers
    }

    fn too_deep(&self) -> bool {
        self.depth() >= MAX_DEPTH
    }

    /// The nearest frame that is not transparent.
    fn target(&mut self) -> Option<&mut Frame> {
        let index = *self.solid.last()?;
        self.stack.get_mut(index)
    }

    /// Every frame goes onto the stack through here, so that `solid` and
    /// the counts stay true.
    fn push_frame(&mut self, frame: Frame) {
        if is_container(&frame) {
            self.containers += 1;
        }
        if is_note(&frame) {
            self.notes_open += 1;
        }
        if !matches!(frame, Frame::Transparent) {
            self.solid.push(self.stack.len());
        }
        self.stack.push(frame);
    }

    /// Every frame leaves the stack through here.
    fn pop_frame(&mut self) -> Option<Frame> {
        let frame = self.stack.pop()?;
        if is_container(&frame) {
            self.containers = self.containers.saturating_sub(1);
        }
        if is_note(&frame) {
            self.notes_open = self.notes_open.saturating_sub(1);
        }
        if self.solid.last() == Some(&self.stack.len()) {
            self.solid.pop();
        }
        Some(frame)
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.target() {
            Some(Frame::Inlines { inlines, .. }) => push_merged(inlines, inline),
            Some(Frame::Blocks { pending, .. }) => push_merged(pending, inline),
            Some(Frame::Text { text, .. }) => {
                if let Inline::Text { s } = inline {
                    text.push_str(&s);
                }
            }
            // Inlines between table cells or list items have no place.
            _ => {}
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.target() {
            Some(Frame::Blocks { blocks, pending, .. }) => {
                flush(blocks, pending);
                blocks.push(block);
            }
            Some(Frame::List { items, .. }) => items.push(vec![block]),
            Some(Frame::Inlines { inlines, .. }) => {
                // A block inside inline content cannot come from CommonMark;
                // keep its words.
                inlines.extend(block_text(&block));
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        // A list and its items count as one level: the items of a list
        // past the limit are transparent with it, and only with it.
        let transparent = match tag {
            Tag::Item => matches!(self.stack.last(), Some(Frame::Transparent)),
            Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. } => self.too_deep(),
            _ => false,
        };
        if transparent {
            self.push_frame(Frame::Transparent);
            return;
        }
        let inlines = |kind| Frame::Inlines {
            kind,
            url: None,
            inlines: Vec::new(),
        };
        let frame = match tag {
            Tag::Paragraph => inlines(InlineKind::Paragraph),
            Tag::Heading { level, .. } => inlines(InlineKind::Heading(match level {
                HeadingLevel::H1 | HeadingLevel::H2 => 1,
                HeadingLevel::H3 => 2,
                _ => 3,
            })),
            Tag::BlockQuote(_) => blocks(BlockKind::Quote, String::new()),
            Tag::CodeBlock(_) => Frame::Text {
                html: false,
                text: String::new(),
            },
            Tag::HtmlBlock => Frame::Text {
                html: true,
                text: String::new(),
            },
            Tag::List(start) => Frame::List {
                ordered: start.is_some(),
                start: start.unwrap_or(1),
                items: Vec::new(),
            },
            Tag::Item => blocks(BlockKind::Item, String::new()),
            Tag::FootnoteDefinition(label) => blocks(BlockKind::Footnote, label.to_string()),
            Tag::Table(alignments) => Frame::Table {
                align: alignments.iter().map(align_name).collect(),
                head: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
            },
            Tag::TableCell => inlines(InlineKind::Cell),
            Tag::Emphasis => inlines(InlineKind::Emph),
            Tag::Strong => inlines(InlineKind::Strong),
            Tag::Strikethrough => inlines(InlineKind::Strike),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => Frame::Inlines {
                kind: InlineKind::Link,
                url: safe_url(&dest_url),
                inlines: Vec::new(),
            },
            // Table heads and rows are tracked by the table frame; the rest
            // (metadata blocks, options not enabled) have no node.
            _ => Frame::Transparent,
        };
        self.push_frame(frame);
    }

    fn end(&mut self, tag: TagEnd) {
        let Some(frame) = self.pop_frame() else { return };
        match frame {
            Frame::Transparent => {
                // The end of a table head or row closes the row.
                if matches!(tag, TagEnd::TableHead | TagEnd::TableRow)
                    && let Some(Frame::Table { head, rows, row, .. }) = self.stack.last_mut()
                {
                    let cells = std::mem::take(row);
                    if matches!(tag, TagEnd::TableHead) {
                        *head = cells;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            Frame::Inlines { kind, url, inlines } => self.end_inlines(kind, url, inlines),
            Frame::Blocks {
                kind,
                label,
                mut blocks,
                mut pending,
            } => {
                flush(&mut blocks, &mut pending);
                self.end_blocks(kind, label, blocks, pending);
            }
            Frame::List {
                ordered,
                start,
                items,
            } => self.push_block(Block::List {
                ordered,
                start,
                items,
            }),
            Frame::Table {
                align, head, rows, ..
            } => self.end_table(align, head, rows),
            Frame::Text { html: false, text } => self.push_block(Block::Codeblock {
                s: text.trim_end_matches('\n').to_string(),
            }),
            Frame::Text { html: true, text } => {
                let text = collapse_whitespace(&html_text(&text));
                if !text.is_empty() {
                    self.push_block(Block::Par {
                        c: vec![Inline::Text { s: text }],
                    });
                }
            }
        }
    }

    /// The end of a run of inline content: a paragraph, heading or cell,
    /// or an inline that wraps others.
    fn end_inlines(&mut self, kind: InlineKind, url: Option<String>, inlines: Vec<Inline>) {
        match kind {
            InlineKind::Paragraph => {
                if !inlines.is_empty() {
                    self.push_block(Block::Par { c: inlines });
                }
            }
            // A heading with no words ("#" alone) names nothing: what it
            // holds (a footnote reference, say) stays as a paragraph.
            InlineKind::Heading(_) if !has_words(&inlines) => {
                if !inlines.is_empty() {
                    self.push_block(Block::Par { c: inlines });
                }
            }
            InlineKind::Heading(level) => {
                let level = level.min(self.last_heading + 1);
                self.last_heading = level;
                self.push_block(Block::Heading { level, c: inlines });
            }
            InlineKind::Cell => {
                if let Some(Frame::Table { row, .. }) = self.target() {
                    row.push(inlines);
                }
            }
            InlineKind::Emph => self.push_inline(Inline::Emph { c: inlines }),
            InlineKind::Strong => self.push_inline(Inline::Strong { c: inlines }),
            InlineKind::Strike => self.push_inline(Inline::Strike { c: inlines }),
            InlineKind::Link => self.push_inline(Inline::Link { url, c: inlines }),
        }
    }

    /// The end of a container of blocks (its pending inlines flushed).
    fn end_blocks(&mut self, kind: BlockKind, label: String, blocks: Vec<Block>, pending: Vec<Inline>) {
        match kind {
            BlockKind::Quote => self.push_block(Block::Quote { c: blocks }),
            BlockKind::Item => {
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            BlockKind::Footnote => {
                if !self.definitions.contains_key(&label) {
                    self.defined.push(label.clone());
                    self.definitions.insert(label, blocks);
                }
            }
            BlockKind::Root => self.push_frame(Frame::Blocks {
                kind,
                label,
                blocks,
                pending,
            }),
        }
    }

    /// The end of a table: every row padded to the widest of the head and
    /// the alignments.
    fn end_table(
        &mut self,
        mut align: Vec<&'static str>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    ) {
        let columns = align.len().max(head.len());
        let pad = |mut cells: Vec<Vec<Inline>>| {
            cells.resize(columns, Vec::new());
            cells
        };
        align.resize(columns, "left");
        self.push_block(Block::Table {
            align,
            head: pad(head),
            rows: rows.into_iter().map(pad).collect(),
        });
    }

    fn footnote_reference(&mut self, label: &str) {
        if self.notes_open > 0 {
            // A note inside a note: keep the marker as text.
            self.push_inline(Inline::Text {
                s: format!("[{label}]"),
            });
            return;
        }
        let (n, first) = match self.numbers.get(label) {
            Some(&n) => (n, false),
            None => {
                self.referenced.push(label.to_string());
                let n = self.referenced.len();
                self.numbers.insert(label.to_string(), n);
                (n, true)
            }
        };
        self.push_inline(Inline::Note { n, first });
    }
}

/// Whether the inlines show any text but white space.
fn has_words(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Text { s } | Inline::Code { s } => !s.trim().is_empty(),
        Inline::Emph { c } | Inline::Strong { c } | Inline::Strike { c } | Inline::Link { c, .. } => {
            has_words(c)
        }
        Inline::Br | Inline::Note { .. } => false,
    })
}

fn is_note(frame: &Frame) -> bool {
    matches!(
        frame,
        Frame::Blocks {
            kind: BlockKind::Footnote,
            ..
        }
    )
}

fn blocks(kind: BlockKind, label: String) -> Frame {
    Frame::Blocks {
        kind,
        label,
        blocks: Vec::new(),
        pending: Vec::new(),
    }
}

fn align_name(alignment: &Alignment) -> &'static str {
    match alignment {
        Alignment::None | Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    }
}

/// Adjacent text nodes become one.
fn push_merged(inlines: &mut Vec<Inline>, inline: Inline) {
    if let Inline::Text { s } = &inline
        && let Some(Inline::Text { s: last }) = inlines.last_mut()
    {
        last.push_str(s);
        return;
    }
    inlines.push(inline);
}

fn flush(blocks: &mut Vec<Block>, pending: &mut Vec<Inline>) {
    if !pending.is_empty() {
        blocks.push(Block::Par {
            c: std::mem::take(pending),
        });
    }
}

/// The words of a block, as inlines.
fn block_text(block: &Block) -> Vec<Inline> {
    match block {
        Block::Par { c } | Block::Heading { c, .. } => c.clone(),
        Block::Codeblock { s } => vec![Inline::Code { s: s.clone() }],
        _ => Vec::new(),
    }
}

/// Convert a case body.
pub fn convert(markdown: &str) -> Body {
    let mut builder = Builder {
        stack: vec![blocks(BlockKind::Root, String::new())],
        containers: 0,
        solid: vec![0],
        notes_open: 0,
        referenced: Vec::new(),
        numbers: HashMap::new(),
        definitions: BTreeMap::new(),
        defined: Vec::new(),
        last_heading: 0,
    };
    for event in crate::markdown::parser(markdown) {
        match event {
            Event::Start(tag) => builder.start(tag),
            Event::End(tag) => builder.end(tag),
            Event::Text(text) => builder.push_inline(Inline::Text { s: text.to_string() }),
            Event::Code(code) => builder.push_inline(Inline::Code { s: code.to_string() }),
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                builder.push_inline(Inline::Text { s: math.to_string() })
            }
            Event::Html(html) => {
                if let Some(Frame::Text { text, .. }) = builder.stack.last_mut() {
                    text.push_str(&html);
                }
            }
            Event::InlineHtml(html) => {
                if is_line_break_tag(&html) {
                    builder.push_inline(Inline::Br);
                } else {
                    let text = html_text(&html);
                    if !text.is_empty() {
                        builder.push_inline(Inline::Text { s: text });
                    }
                }
            }
            Event::FootnoteReference(label) => builder.footnote_reference(&label),
            Event::SoftBreak => builder.push_inline(Inline::Text { s: " ".into() }),
            Event::HardBreak => builder.push_inline(Inline::Br),
            Event::Rule => builder.push_block(Block::Rule),
            Event::TaskListMarker(done) => builder.push_inline(Inline::Text {
                s: if done { "☒ " } else { "☐ " }.into(),
            }),
        }
    }
    // Close anything left open (pulldown-cmark always closes, but be safe).
    while builder.stack.len() > 1 {
        builder.end(TagEnd::Paragraph);
    }
    let mut blocks = match builder.stack.pop() {
        Some(Frame::Blocks {
            mut blocks,
            mut pending,
            ..
        }) => {
            flush(&mut blocks, &mut pending);
            blocks
        }
        _ => Vec::new(),
    };
    let mut notes = Vec::new();
    for (index, label) in builder.referenced.iter().enumerate() {
        let c = builder.definitions.remove(label).unwrap_or_else(|| {
            vec![Block::Par {
                c: vec![Inline::Text { s: label.clone() }],
            }]
        });
        notes.push(Note { n: index + 1, c });
    }
    for label in &builder.defined {
        if let Some(unreferenced) = builder.definitions.remove(label) {
            blocks.extend(unreferenced);
        }
    }
    Body { blocks, notes }
}

/// The quotation marks of a language: single open and close, double open
/// and close, as typst's `smartquote` sets them.
fn quote_marks(language: &str) -> [char; 4] {
    match language {
        "sv" | "fi" => ['’', '’', '”', '”'],
        "nb" | "nn" | "no" => ['’', '’', '«', '»'],
        "is" | "fo" | "de" => ['‚', '‘', '„', '“'],
        _ => ['‘', '’', '“', '”'],
    }
}

/// Turns straight quotes into the typographic ones of a language, as it
/// meets them in reading order: a quote is opening at the start of a text
/// or after a space, an opening bracket, a dash or another opening quote,
/// otherwise closing; a `'` between letters or digits is an apostrophe.
/// A hyphen between spaces becomes the spaced en dash every language of
/// the appendix sets ("Sundsvall – Ånge"), and so does one between two
/// years ("2021–2023", [`year_range_at`]); any other hyphen stays, since
/// a date, a code or a telephone number may need it.
struct Quoter {
    marks: [char; 4],
    previous: Option<char>,
}

impl Quoter {
    fn new(language: &str) -> Quoter {
        Quoter {
            marks: quote_marks(language),
            previous: None,
        }
    }

    fn opens(&self) -> bool {
        match self.previous {
            None => true,
            Some(c) => {
                c.is_whitespace()
                    || matches!(c, '(' | '[' | '{' | '-' | '–' | '—' | '/')
                    || self.marks.contains(&c) && !matches!(c, '’' | '”' | '»')
            }
        }
    }

    fn text(&mut self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len() + 8);
        for (index, &c) in chars.iter().enumerate() {
            let next = chars.get(index + 1).copied();
            let quoted = match c {
                '"' => Some(if self.opens() {
                    self.marks[2]
                } else {
                    self.marks[3]
                }),
                '\'' => Some(
                    if self.previous.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric)
                    {
                        '’'
                    } else if self.opens() {
                        self.marks[0]
                    } else {
                        self.marks[1]
                    },
                ),
                '-' if self.previous.is_some_and(char::is_whitespace)
                    && next.is_some_and(char::is_whitespace) =>
                {
                    Some('–')
                }
                '-' if year_range_at(&chars, index) => Some('–'),
                _ => None,
            };
            let c = quoted.unwrap_or(c);
            out.push(c);
            self.previous = Some(c);
        }
        out
    }

    fn inlines(&mut self, inlines: &mut [Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text { s } => *s = self.text(s),
                Inline::Emph { c } | Inline::Strong { c } | Inline::Strike { c } | Inline::Link { c, .. } => {
                    self.inlines(c)
                }
                // Code keeps its quotes; it counts as a word before a quote.
                Inline::Code { .. } => self.previous = Some('x'),
                Inline::Br => self.previous = None,
                Inline::Note { .. } => {}
            }
        }
    }

    fn blocks(&mut self, blocks: &mut [Block]) {
        for block in blocks {
            self.previous = None;
            match block {
                Block::Par { c } | Block::Heading { c, .. } => self.inlines(c),
                Block::List { items, .. } => items.iter_mut().for_each(|item| self.blocks(item)),
                Block::Table { head, rows, .. } => {
                    for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                        self.previous = None;
                        self.inlines(cell);
                    }
                }
                Block::Quote { c } => self.blocks(c),
                Block::Codeblock { .. } | Block::Rule => {}
            }
        }
    }
}

/// Whether the hyphen at `index` joins two years into a range
/// ("2021-2023"), which every language of the appendix sets with an en
/// dash: four digits on each side, years from 1800 to 2099, the later
/// second, and no further digit or hyphenated part around them (so a date
/// such as 2023-06-30 or a code such as 2021-2023-7 keeps its hyphens).
fn year_range_at(chars: &[char], index: usize) -> bool {
    let year = |from: usize| -> Option<u32> {
        let digits = chars.get(from..from + 4)?;
        if !digits.iter().all(char::is_ascii_digit) {
            return None;
        }
        let value = digits.iter().collect::<String>().parse().ok()?;
        (1800..2100).contains(&value).then_some(value)
    };
    let joined =
        |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '/' | '.'));
    let Some(start) = index.checked_sub(4) else {
        return false;
    };
    let before = start.checked_sub(1).and_then(|at| chars.get(at));
    let after = chars.get(index + 5);
    match (year(start), year(index + 1)) {
        (Some(first), Some(last)) => first < last && !joined(before) && !joined(after),
        _ => false,
    }
}

/// The body with typographic quotes of `language` (a language code) in
/// place of straight ones; code keeps its own.
pub fn typographic_quotes(body: &mut Body, language: &str) {
    let mut quoter = Quoter::new(language);
    quoter.blocks(&mut body.blocks);
    for note in &mut body.notes {
        quoter.blocks(&mut note.c);
    }
}

/// A text with typographic quotes of `language`.
pub fn quoted(text: &str, language: &str) -> String {
    Quoter::new(language).text(text)
}

/// The plain text of a body tree, for tests and checks.
pub fn plain_text(body: &Body) -> String {
    fn inlines(items: &[Inline], out: &mut String) {
        for item in items {
            match item {
                Inline::Text { s } | Inline::Code { s } => out.push_str(s),
                Inline::Emph { c } | Inline::Strong { c } | Inline::Strike { c } | Inline::Link { c, .. } => {
                    inlines(c, out)
                }
                Inline::Br => out.push(' '),
                Inline::Note { .. } => {}
            }
        }
    }
    fn blocks(items: &[Block], out: &mut String) {
        for item in items {
            match item {
                Block::Par { c } | Block::Heading { c, .. } => inlines(c, out),
                Block::List { items, .. } => items.iter().for_each(|item| blocks(item, out)),
                Block::Table { head, rows, .. } => {
                    for cell in head.iter().chain(rows.iter().flatten()) {
                        inlines(cell, out);
                        out.push(' ');
                    }
                }
                Block::Quote { c } => blocks(c, out),
                Block::Codeblock { s } => out.push_str(s),
                Block::Rule => {}
            }
            out.push(' ');
        }
    }
    let mut out = String::new();
    blocks(&body.blocks, &mut out);
    for note in &body.notes {
        blocks(&note.c, &mut out);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { s: s.into() }
    }

    #[test]
    fn a_spaced_hyphen_is_a_dash_and_no_other_hyphen() {
        assert_eq!(
            quoted(
                "Sundsvall - Ånge, 2025-06-27, 08-123 45 67, 7-9 days, co-operation, -1 and a -",
                "sv"
            ),
            "Sundsvall – Ånge, 2025-06-27, 08-123 45 67, 7-9 days, co-operation, -1 and a -"
        );
    }

    #[test]
    fn a_range_of_years_takes_an_en_dash_and_dates_and_codes_keep_their_hyphens() {
        assert_eq!(
            quoted(
                "In 2021-2023 (and 1999-2004), not 2023-2021, 2023-06-30, 2021-2023-7, 12021-2023, 2021-20234",
                "da"
            ),
            "In 2021–2023 (and 1999–2004), not 2023-2021, 2023-06-30, 2021-2023-7, 12021-2023, 2021-20234"
        );
        assert_eq!(quoted("2021-2023", "fi"), "2021–2023");
        assert_eq!(quoted("1234-5678", "en"), "1234-5678");
    }

    #[test]
    fn heading_levels_have_no_gaps_and_a_wordless_heading_is_no_heading() {
        let body = convert("#### Deep\n\n#\n\n## <b></b>\n\n## Top\n\n#### Two down\n");
        let levels: Vec<(u8, String)> = body
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Heading { level, c } => Some((*level, plain(c))),
                _ => None,
            })
            .collect();
        assert_eq!(
            levels,
            [
                (1, "Deep".to_string()),
                (1, "Top".to_string()),
                (2, "Two down".to_string())
            ]
        );
    }

    fn plain(inlines: &[Inline]) -> String {
        plain_text(&Body {
            blocks: vec![Block::Par { c: inlines.to_vec() }],
            notes: Vec::new(),
        })
    }

    #[test]
    fn paragraphs_headings_and_inline_markup() {
        let body = convert(
            "# Top\n\n## Bakgrund\n\nEtt *viktigt* **fett** ~~gammalt~~ `kod` [län](https://x.se).\n\n### Under\n",
        );
        assert_eq!(
            body.blocks,
            vec![
                Block::Heading {
                    level: 1,
                    c: vec![text("Top")]
                },
                Block::Heading {
                    level: 1,
                    c: vec![text("Bakgrund")]
                },
                Block::Par {
                    c: vec![
                        text("Ett "),
                        Inline::Emph {
                            c: vec![text("viktigt")]
                        },
                        text(" "),
                        Inline::Strong {
                            c: vec![text("fett")]
                        },
                        text(" "),
                        Inline::Strike {
                            c: vec![text("gammalt")]
                        },
                        text(" "),
                        Inline::Code { s: "kod".into() },
                        text(" "),
                        Inline::Link {
                            url: Some("https://x.se".into()),
                            c: vec![text("län")]
                        },
                        text("."),
                    ]
                },
                Block::Heading {
                    level: 2,
                    c: vec![text("Under")]
                },
            ]
        );
    }

    #[test]
    fn tight_and_loose_lists_and_nesting() {
        let body = convert("- one\n- two\n  - inner\n\n1. a\n\n2. b\n");
        let Block::List { ordered, items, .. } = &body.blocks[0] else {
            panic!("{:?}", body.blocks)
        };
        assert!(!ordered);
        assert_eq!(items[0], vec![Block::Par { c: vec![text("one")] }]);
        assert!(matches!(items[1][1], Block::List { .. }), "{:?}", items[1]);
        let Block::List {
            ordered: true,
            start: 1,
            items,
        } = &body.blocks[1]
        else {
            panic!("{:?}", body.blocks)
        };
        assert_eq!(items[1], vec![Block::Par { c: vec![text("b")] }]);
    }

    #[test]
    fn tables_with_alignment_and_padding() {
        let body = convert("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 |\n");
        assert_eq!(
            body.blocks,
            vec![Block::Table {
                align: vec!["left", "center", "right"],
                head: vec![vec![text("a")], vec![text("b")], vec![text("c")]],
                rows: vec![vec![vec![text("1")], vec![text("2")], vec![]]],
            }]
        );
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference() {
        let body = convert("A[^b] B[^a] C[^b]\n\n[^a]: Note a.\n[^b]: Note b.\n[^c]: Never used.\n");
        assert_eq!(
            body.blocks[0],
            Block::Par {
                c: vec![
                    text("A"),
                    Inline::Note { n: 1, first: true },
                    text(" B"),
                    Inline::Note { n: 2, first: true },
                    text(" C"),
                    Inline::Note { n: 1, first: false },
                ]
            }
        );
        assert_eq!(
            body.notes[0].c,
            vec![Block::Par {
                c: vec![text("Note b.")]
            }]
        );
        assert_eq!(
            body.notes[1].c,
            vec![Block::Par {
                c: vec![text("Note a.")]
            }]
        );
        assert_eq!(
            body.blocks[1],
            Block::Par {
                c: vec![text("Never used.")]
            }
        );
    }

    #[test]
    fn raw_html_keeps_only_its_text_and_unsafe_links_lose_their_target() {
        let body = convert(
            "<div onclick=\"x()\">Hej <b>där</b> &amp; välkommen</div>\n\n<script>alert(1)</script>\n\nA<br>B <span>c</span> [x](javascript:alert(1)) ![chart](https://e.org/c.png)\n",
        );
        assert_eq!(
            body.blocks[0],
            Block::Par {
                c: vec![text("Hej där & välkommen")]
            }
        );
        assert_eq!(body.blocks.len(), 2, "{:?}", body.blocks);
        let Block::Par { c } = &body.blocks[1] else {
            panic!()
        };
        assert_eq!(c[0], text("A"));
        assert_eq!(c[1], Inline::Br);
        assert!(c.contains(&Inline::Link {
            url: None,
            c: vec![text("x")]
        }));
        assert!(c.contains(&Inline::Link {
            url: Some("https://e.org/c.png".into()),
            c: vec![text("chart")]
        }));
    }

    #[test]
    fn quotes_become_typographic_in_the_language_of_the_text() {
        assert_eq!(
            quoted("Sweden's \"AI\" ('pilot')", "en"),
            "Sweden’s “AI” (‘pilot’)"
        );
        assert_eq!(quoted("\"Hej\", sa hon. 'Ja'", "sv"), "”Hej”, sa hon. ’Ja’");
        assert_eq!(quoted("kalt \"Digisos\"", "nb"), "kalt «Digisos»");
        assert_eq!(quoted("\"Já\" og 'nei'", "is"), "„Já“ og ‚nei‘");
        let mut body = convert("Say \"*hi*\" and `\"code\"` then \"[x](https://e.org)\".\n");
        typographic_quotes(&mut body, "en");
        assert_eq!(plain_text(&body), "Say “hi” and \"code\" then “x”.");
    }

    #[test]
    fn typst_markup_stays_text() {
        let source = "#import \"x.typ\"\n#panic(\"boom\") $x$ <a> @b = [c] \\\\ _d_\n";
        let body = convert(source);
        let plain = plain_text(&body);
        assert!(
            plain.contains("#import \"x.typ\" #panic(\"boom\") $x$"),
            "{plain}"
        );
        assert!(plain.contains("@b = [c] \\"), "{plain}");
    }

    /// 20,000 levels of quotes, lists and HTML elements: linear time (the
    /// depth was counted by walking the stack for every element, and the
    /// HTML parser walks its open elements for every new one).
    #[test]
    fn very_deep_nesting_takes_linear_time() {
        let depth = 20_000;
        let started = std::time::Instant::now();
        let body = convert(&format!(
            "{}quote\n\n{}list\n\n{}div\n\nText <b>{}inline</b>\n",
            "> ".repeat(depth),
            "- ".repeat(depth),
            "<div>".repeat(depth),
            "<span>".repeat(depth),
        ));
        let text = plain_text(&body);
        for word in ["quote", "list", "div", "inline"] {
            assert!(text.contains(word), "{word}");
        }
        // A hang guard, not a speed goal: about 4 s in a debug build on a
        // quiet machine, far more on a loaded one; the quadratic version
        // did not finish in minutes.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn deep_nesting_is_capped() {
        let deep = format!("{}text\n", "> ".repeat(200));
        let body = convert(&deep);
        fn depth(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|block| match block {
                    Block::Quote { c } => 1 + depth(c),
                    Block::List { items, .. } => 1 + items.iter().map(|item| depth(item)).max().unwrap_or(0),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&body.blocks) <= MAX_DEPTH, "{}", depth(&body.blocks));
        assert_eq!(plain_text(&body), "text");
        let lists = format!(
            "{}x\n",
            (0..60)
                .map(|i| format!("{}- ", "  ".repeat(i)))
                .collect::<String>()
        );
        let body = convert(&lists);
        assert!(depth(&body.blocks) <= MAX_DEPTH);
        let emphasis = format!("{}x{}", "*_".repeat(100), "_*".repeat(100));
        assert_eq!(
            plain_text(&convert(&emphasis)),
            crate::markdown::plain_text(&emphasis)
        );
    }

    #[test]
    fn the_same_words_as_the_site() {
        let source = "## Rubrik\n\n| Kommun | Antal |\n|---|--:|\n| Åsele | 3 |\n\nText[^n] ~~struken~~ och *kursiv*.\n\n[^n]: En fotnot.\n\n- punkt\n- punkt två\n\n> citat\n";
        // The same words; notes come last here, where they are printed.
        let sorted = |text: String| {
            let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            words.sort();
            words
        };
        assert_eq!(
            sorted(plain_text(&convert(source))),
            sorted(crate::markdown::plain_text(source))
        );
    }
}

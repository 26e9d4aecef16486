//! The one place Markdown is turned into HTML, and the one place that HTML
//! is made safe.
//!
//! Case bodies come from many hands through pull requests, so they are
//! untrusted. pulldown-cmark parses CommonMark with tables, footnotes and
//! strikethrough; headings get stable anchor ids; images become links (a
//! published page loads nothing from other hosts); and ammonia sanitises
//! twice: each raw HTML fragment on its own with no attributes that could
//! clash with the page (ids), then the whole body, which removes scripts,
//! event handlers, iframes, styles other than text alignment, and every URL
//! scheme but http, https and mailto.

use std::collections::{BTreeMap, HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// The parser of case bodies, for every reader of one: the site, the
/// appendix, the section rule and the body limits, so that a body has one
/// meaning everywhere (a heading the site shows is the heading the section
/// rule finds). CommonMark with tables, footnotes and strikethrough;
/// heading attributes (`{#id}`) stay off: ids are ours to give.
pub fn parser(markdown: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(markdown, options)
}

/// How deeply a body's elements may nest: Markdown containers (quotes,
/// lists) and, separately, the elements of one raw HTML fragment. The HTML
/// parser of the sanitiser walks the open elements for every new one, so
/// its time grows with the square of the depth: 5,000 nested quotes took
/// 11 s. Real bodies nest a few levels; deeper Markdown containers are
/// flattened (their text is kept) and a deeper HTML fragment is shown as
/// text.
pub const MAX_NESTING: usize = 100;

/// Ids the page templates use; a heading never takes one of these.
const RESERVED_IDS: &[&str] = &[
    "content", "main", "search", "facts", "sources", "related", "improve", "top",
];

/// A body heading, for a table of contents or the appendix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A body rendered to safe HTML.
#[derive(Debug, Clone)]
pub struct RenderedBody {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// Lowercase ASCII words joined by hyphens, for anchor ids.
fn anchor(text: &str) -> String {
    let slug = crate::slug::suggest_slug(text);
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// Hands out ids, each once per page: the base itself, then `base-2`,
/// `base-3`, ... By counting, not by searching from 2 each time: a body of
/// 10,000 equal headings made that search quadratic (8.7 s, 35 s for
/// 20,000). `next` remembers per base the next suffix to try; the set of
/// ids handed out still guards against a suffix that a heading took
/// literally (`a`, `a-2`, `a` gives `a`, `a-2`, `a-3`). Every id that is
/// tried and found taken is of the form `base-n` for exactly one base and
/// `n`, and `next` of that base moves past it, so each taken id is skipped
/// at most once: the probes are fewer than twice the ids.
#[derive(Default)]
pub(crate) struct Ids {
    used: HashSet<String>,
    next: HashMap<String, u64>,
    /// How many candidate ids were tried, for tests of the work done.
    pub(crate) probes: usize,
}

impl Ids {
    pub(crate) fn unique(&mut self, base: String) -> String {
        self.probes += 1;
        if !self.is_taken(&base) {
            self.used.insert(base.clone());
            self.next.entry(base.clone()).or_insert(2);
            return base;
        }
        let mut counter = self.next.get(&base).copied().unwrap_or(2);
        let id = loop {
            self.probes += 1;
            let candidate = format!("{base}-{counter}");
            counter += 1;
            if !self.is_taken(&candidate) {
                break candidate;
            }
        };
        self.next.insert(base, counter);
        self.used.insert(id.clone());
        id
    }

    fn is_taken(&self, id: &str) -> bool {
        self.used.contains(id) || RESERVED_IDS.contains(&id)
    }
}

/// Built once: setting up a sanitiser cost as much as cleaning a body.
static STRICT_FRAGMENT_SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(strict_fragment_sanitiser);
static BODY_SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(body_sanitiser);

fn strict_fragment_sanitiser() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(["img"])
        .rm_generic_attributes(["id"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true);
    builder
}

fn body_sanitiser() -> ammonia::Builder<'static> {
    let mut builder = strict_fragment_sanitiser();
    builder
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_generic_attributes(["style"])
        .filter_style_properties(HashSet::from(["text-align"]))
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition"]);
    builder
}

/// Render a case body. The result is safe to insert into a page as is.
pub fn render_body(markdown: &str) -> RenderedBody {
    render_body_with(markdown, &mut Ids::default())
}

/// [`render_body`] with the id allocator given, so tests can count its work.
pub(crate) fn render_body_with(markdown: &str, ids: &mut Ids) -> RenderedBody {
    let mut body = BodyEvents::new(ids);
    for event in parser(markdown) {
        body.push(event);
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, flatten_deep(body.events));
    RenderedBody {
        html: BODY_SANITISER.clean(&html).to_string(),
        headings: body.headings,
    }
}

/// A body's events as they are rewritten for the page: headings one level
/// down and given anchors, images made links, footnotes given page-unique
/// ids, raw HTML fragments sanitised on their own.
struct BodyEvents<'a, 'i> {
    ids: &'i mut Ids,
    /// The id given to each footnote label, shared by its references and
    /// its first definition.
    footnotes: BTreeMap<String, String>,
    /// Labels whose definition has been seen.
    defined: HashSet<String>,
    headings: Vec<Heading>,
    events: Vec<Event<'a>>,
    /// Index into `events` of the heading being collected, and its text.
    open_heading: Option<(usize, String)>,
}

impl<'a, 'i> BodyEvents<'a, 'i> {
    fn new(ids: &'i mut Ids) -> Self {
        BodyEvents {
            ids,
            footnotes: BTreeMap::new(),
            defined: HashSet::new(),
            headings: Vec::new(),
            events: Vec::new(),
            open_heading: None,
        }
    }

    fn push(&mut self, event: Event<'a>) {
        let event = self.rewrite(event);
        if let (Some((_, text)), Event::Text(piece) | Event::Code(piece)) =
            (self.open_heading.as_mut(), &event)
        {
            text.push_str(piece);
        }
        self.events.push(event);
    }

    fn rewrite(&mut self, event: Event<'a>) -> Event<'a> {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.start_heading(level),
            Event::End(TagEnd::Heading(level)) => self.end_heading(level),
            Event::Start(Tag::Image {
                dest_url, title, id, ..
            }) => Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                title,
                id,
            }),
            Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
            Event::FootnoteReference(label) => Event::FootnoteReference(self.footnote_id(&label).into()),
            Event::Start(Tag::FootnoteDefinition(label)) => self.footnote_definition(&label),
            Event::Html(html) | Event::InlineHtml(html) if nests_too_deeply(&html) => Event::Text(html),
            Event::Html(html) => Event::Html(STRICT_FRAGMENT_SANITISER.clean(&html).to_string().into()),
            Event::InlineHtml(html) => {
                Event::InlineHtml(STRICT_FRAGMENT_SANITISER.clean(&html).to_string().into())
            }
            other => other,
        }
    }

    fn start_heading(&mut self, level: HeadingLevel) -> Event<'a> {
        self.open_heading = Some((self.events.len(), String::new()));
        Event::Start(Tag::Heading {
            level: below_page_title(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })
    }

    /// Close the heading: its collected text gives its anchor, which goes
    /// back into its start event.
    fn end_heading(&mut self, level: HeadingLevel) -> Event<'a> {
        let level = below_page_title(level);
        if let Some((start, text)) = self.open_heading.take() {
            let id = self.ids.unique(anchor(&text));
            if let Some(Event::Start(Tag::Heading { id: slot, .. })) = self.events.get_mut(start) {
                *slot = Some(CowStr::from(id.clone()));
            }
            self.headings.push(Heading {
                level: level as u8,
                id,
                text: text.trim().to_string(),
            });
        }
        Event::End(TagEnd::Heading(level))
    }

    fn footnote_id(&mut self, label: &str) -> String {
        let ids = &mut *self.ids;
        self.footnotes
            .entry(label.to_string())
            .or_insert_with(|| ids.unique(format!("fn-{}", anchor(label))))
            .clone()
    }

    fn footnote_definition(&mut self, label: &str) -> Event<'a> {
        // A label defined twice: the second definition is kept, but
        // an id is given once on a page, so it gets one of its own.
        let id = if self.defined.insert(label.to_string()) {
            self.footnote_id(label)
        } else {
            self.ids.unique(format!("fn-{}", anchor(label)))
        };
        Event::Start(Tag::FootnoteDefinition(id.into()))
    }
}

/// Body headings sit under the page's <h1>.
fn below_page_title(level: HeadingLevel) -> HeadingLevel {
    if level == HeadingLevel::H1 {
        HeadingLevel::H2
    } else {
        level
    }
}

/// The events without the Start and End of containers deeper than
/// [`MAX_NESTING`]: their contents move up into the deepest one kept. Start
/// and End come in nested pairs, so both ends of a pair are dropped.
fn flatten_deep(events: Vec<Event<'_>>) -> impl Iterator<Item = Event<'_>> {
    let mut depth = 0usize;
    events.into_iter().filter(move |event| match event {
        Event::Start(_) => {
            depth += 1;
            depth <= MAX_NESTING
        }
        Event::End(_) => {
            depth = depth.saturating_sub(1);
            depth < MAX_NESTING
        }
        _ => true,
    })
}

/// Elements whose end tag may be left out: a new one closes the open one.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "rb", "rt",
    "rp",
];

/// Elements that never have contents.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "image", "keygen", "param", "frame", "basefont", "bgsound",
];

/// Whether the elements of an HTML fragment may nest deeper than
/// [`MAX_NESTING`]. A rough tokenizer, linear in the fragment: it may
/// count too deep (the fragment is then shown as text), never too shallow
/// for what matters: end tags only close an element that is open, as in
/// the HTML parser.
pub(crate) fn nests_too_deeply(html: &str) -> bool {
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let (closing, after) = match rest.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, rest),
        };
        let name_len = after
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != ':')
            .unwrap_or(after.len());
        let name = after[..name_len].to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        if closing {
            // Only as deep as MAX_NESTING, so this search is bounded.
            if let Some(index) = open.iter().rposition(|element| *element == name) {
                open.truncate(index);
            }
        } else if !VOID.contains(&name.as_str()) {
            if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                && let Some(index) = open.iter().rposition(|element| *element == name)
            {
                open.truncate(index);
            }
            open.push(name);
            if open.len() > MAX_NESTING {
                return true;
            }
        }
    }
    false
}

/// The text of a body without markup, for search and summaries.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in parser(markdown) {
        match event {
            Event::Text(piece) | Event::Code(piece) => text.push_str(&piece),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) if !text.ends_with(char::is_whitespace) => text.push(' '),
            _ => {}
        }
    }
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_anchors_and_h1_becomes_h2() {
        let body = render_body("# Main\n\n## Bakgrund\n\n## Bakgrund\n\n### Vad som gjordes\n");
        assert!(body.html.contains("<h2 id=\"main-2\">Main</h2>"), "{}", body.html);
        assert!(body.html.contains("<h2 id=\"bakgrund\">"));
        assert!(body.html.contains("<h2 id=\"bakgrund-2\">"));
        assert!(body.html.contains("<h3 id=\"vad-som-gjordes\">"));
        assert_eq!(body.headings.len(), 4);
    }

    #[test]
    fn a_literal_suffix_is_never_handed_out_twice() {
        let body = render_body("## a\n\n## a-2\n\n## a\n\n## a\n\n## a-3\n\n## Main\n\n## a-2\n");
        let ids: Vec<&str> = body.headings.iter().map(|heading| heading.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "a-3", "a-4", "a-3-2", "main-2", "a-2-2"]);
        let footnotes = render_body("x[^a!] y[^a?] z[^a]\n\n## fn-a\n\n[^a!]: 1\n[^a?]: 2\n[^a]: 3\n");
        for id in ["fn-a", "fn-a-2", "fn-a-3", "fn-a-4"] {
            assert_eq!(
                footnotes.html.matches(&format!("id=\"{id}\"")).count(),
                1,
                "{id}: {}",
                footnotes.html
            );
        }
    }

    /// The ids of `count` equal headings and `count` footnote labels that
    /// slug alike, and how many candidate ids were tried for them.
    fn probes_for(count: usize) -> (usize, usize) {
        let mut body = "## a\n\n".repeat(count);
        // Labels `a!`, `a?`, ..., `a?!`: the digits of `n` spelled in
        // punctuation, so every label differs and all slug to `a`.
        let label = |n: usize| -> String {
            let spelled: String = n
                .to_string()
                .chars()
                .map(|digit| b"!?.,;:'+=~"[digit as usize - '0' as usize] as char)
                .collect();
            format!("a{spelled}")
        };
        for n in 0..count {
            body.push_str(&format!("x[^{}]\n\n", label(n)));
        }
        for n in 0..count {
            body.push_str(&format!("[^{}]: note\n\n", label(n)));
        }
        let mut ids = Ids::default();
        let rendered = render_body_with(&body, &mut ids);
        assert_eq!(rendered.headings.len(), count);
        (ids.used.len(), ids.probes)
    }

    /// 10,000 and 20,000 equal headings and footnote labels: the ids are
    /// found by counting, so the candidates tried grow with the ids, not
    /// with their square (the old search tried 50 million for 10,000).
    #[test]
    fn equal_headings_and_footnotes_take_linear_work() {
        let started = std::time::Instant::now();
        let (ids_10k, probes_10k) = probes_for(10_000);
        let (ids_20k, probes_20k) = probes_for(20_000);
        assert_eq!(ids_10k, 20_000);
        assert_eq!(ids_20k, 40_000);
        assert!(probes_10k <= 2 * ids_10k, "{probes_10k}");
        assert!(probes_20k <= 2 * ids_20k, "{probes_20k}");
        // Twice the ids, about twice the work (a square would be four times).
        assert!(
            probes_20k <= probes_10k * 2 + 100,
            "{probes_10k} then {probes_20k}"
        );
        // Only a guard against a hang, far above the time this takes.
        assert!(started.elapsed() < std::time::Duration::from_secs(120));
    }

    #[test]
    fn tables_footnotes_and_strikethrough() {
        let body =
            render_body("| a | b |\n|:--|--:|\n| 1 | 2 |\n\nText[^note] ~~old~~\n\n[^note]: The note.\n");
        assert!(body.html.contains("<table>"), "{}", body.html);
        assert!(body.html.contains("<del>old</del>"));
        assert!(body.html.contains("href=\"#fn-note\""), "{}", body.html);
        assert!(body.html.contains("id=\"fn-note\""));
        assert!(body.html.contains("text-align"));
    }

    #[test]
    fn images_become_links_and_nothing_loads_from_elsewhere() {
        let body =
            render_body("![A chart](https://example.org/chart.png)\n\n<img src=\"https://x.org/a.png\">");
        assert!(!body.html.contains("<img"), "{}", body.html);
        assert!(body.html.contains("<a href=\"https://example.org/chart.png\""));
        assert!(body.html.contains("A chart</a>"));
    }

    #[test]
    fn hostile_markup_is_removed() {
        let body = render_body(concat!(
            "<script>alert(1)</script>\n\n",
            "<p onclick=\"alert(1)\" id=\"main\">x</p>\n\n",
            "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x)\n\n",
            "<iframe src=\"https://evil.example\"></iframe>\n\n",
            "<div style=\"background:url(https://evil.example/x)\">y</div>\n\n",
            "<a href=\"https://example.org\">ok</a>\n",
        ));
        let html = body.html.to_lowercase();
        for bad in [
            "<script",
            "onclick",
            "javascript:",
            "data:",
            "<iframe",
            "url(",
            "id=\"main\"",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("rel=\"noopener noreferrer\""));
    }

    #[test]
    fn deep_nesting_is_flattened_in_linear_time() {
        let depth = 5000;
        let started = std::time::Instant::now();
        let body = render_body(&format!(
            "{}quote\n\n{}list\n\n{}div{}\n\n{}blockquote\n",
            "> ".repeat(depth),
            "- ".repeat(depth),
            "<div>".repeat(depth),
            "</div>".repeat(depth),
            "<blockquote>".repeat(depth),
        ));
        assert!(
            body.html.matches("<blockquote>").count() <= MAX_NESTING,
            "{}",
            body.html.len()
        );
        assert!(body.html.matches("<ul>").count() <= MAX_NESTING);
        assert!(!body.html.contains("<div>"));
        assert!(
            body.html.contains("&lt;div&gt;&lt;div&gt;"),
            "deep HTML is shown as text"
        );
        for word in ["quote", "list", "div", "blockquote"] {
            assert!(body.html.contains(word), "{word}");
        }
        // Quadratic parsing took 11 s in a debug build.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn ordinary_nesting_is_kept() {
        let body = render_body(
            "> > quoted\n\n- a\n  - b\n\n<table><tr><td>1<td>2<tr><td>3</table>\n\n<ul><li>x<li>y</ul>\n",
        );
        assert_eq!(body.html.matches("<blockquote>").count(), 2, "{}", body.html);
        assert!(body.html.contains("<td>3</td>"), "{}", body.html);
        assert!(body.html.contains("<li>y</li>"), "{}", body.html);
        let rows: String = "<tr><td>1</td></tr>".repeat(500);
        assert!(!nests_too_deeply(&format!("<table>{rows}</table>")));
        assert!(!nests_too_deeply(&"<p>para".repeat(500)));
        assert!(nests_too_deeply(&"<div>".repeat(MAX_NESTING + 1)));
        assert!(
            nests_too_deeply(&"<b></x>".repeat(MAX_NESTING + 1)),
            "stray end tags close nothing"
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("## Bakgrund\n\nEtt *viktigt* [ärende](https://x.se)."),
            "Bakgrund Ett viktigt ärende."
        );
    }
}

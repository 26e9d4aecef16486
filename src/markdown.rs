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

use std::collections::{BTreeMap, BTreeSet, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// The parser options for case bodies. Heading attributes (`{#id}`) stay off:
/// ids are ours to give.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Ids the page templates use; a heading never takes one of these.
const RESERVED_IDS: &[&str] = &["content", "main", "search", "facts", "sources", "related", "top"];

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
    let slug = crate::validate::suggest_slug(text);
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// Hands out ids, each once per page.
#[derive(Default)]
struct Ids {
    used: BTreeSet<String>,
}

impl Ids {
    fn unique(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut counter = 2;
        while self.used.contains(&id) || RESERVED_IDS.contains(&id.as_str()) {
            id = format!("{base}-{counter}");
            counter += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

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
    let fragment_sanitiser = strict_fragment_sanitiser();
    let mut ids = Ids::default();
    let mut footnotes: BTreeMap<String, String> = BTreeMap::new();
    let mut footnote_id = |ids: &mut Ids, label: &str| -> String {
        footnotes
            .entry(label.to_string())
            .or_insert_with(|| ids.unique(format!("fn-{}", anchor(label))))
            .clone()
    };
    let mut headings = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    // Index into `events` of the heading being collected, and its text.
    let mut open_heading: Option<(usize, String)> = None;
    for event in Parser::new_ext(markdown, options()) {
        let event = match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open_heading = Some((events.len(), String::new()));
                // Body headings sit under the page's <h1>.
                let level = if level == HeadingLevel::H1 {
                    HeadingLevel::H2
                } else {
                    level
                };
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = if level == HeadingLevel::H1 {
                    HeadingLevel::H2
                } else {
                    level
                };
                if let Some((start, text)) = open_heading.take() {
                    let id = ids.unique(anchor(&text));
                    if let Some(Event::Start(Tag::Heading { id: slot, .. })) = events.get_mut(start) {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    headings.push(Heading {
                        level: level as u8,
                        id,
                        text: text.trim().to_string(),
                    });
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Image {
                dest_url, title, id, ..
            }) => Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                title,
                id,
            }),
            Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
            Event::FootnoteReference(label) => Event::FootnoteReference(footnote_id(&mut ids, &label).into()),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Start(Tag::FootnoteDefinition(footnote_id(&mut ids, &label).into()))
            }
            Event::Html(html) => Event::Html(fragment_sanitiser.clean(&html).to_string().into()),
            Event::InlineHtml(html) => Event::InlineHtml(fragment_sanitiser.clean(&html).to_string().into()),
            other => other,
        };
        if let (Some((_, text)), Event::Text(piece) | Event::Code(piece)) = (open_heading.as_mut(), &event) {
            text.push_str(piece);
        }
        events.push(event);
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    RenderedBody {
        html: body_sanitiser().clean(&html).to_string(),
        headings,
    }
}

/// The text of a body without markup, for search and summaries.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
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
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("## Bakgrund\n\nEtt *viktigt* [ärende](https://x.se)."),
            "Bakgrund Ett viktigt ärende."
        );
    }
}

//! The appendix as one self-contained, print-styled HTML page: inline
//! style, A4 page rules, nothing loaded from anywhere. Case bodies are
//! rendered and sanitised by [`crate::markdown::render_body`]; every other
//! value is escaped here.

use std::fmt::Write as _;

use super::document::{CaseView, Document, SummaryTable};

const STYLE: &str = r#"
:root { --accent: #1f5f7a; --rule: #c8d3d9; --muted: #5b6770; --tint: #eef4f6; }
* { box-sizing: border-box; }
html { font-family: "Libertinus Serif", "Linux Libertine", Georgia, "Times New Roman", serif;
  font-size: 11pt; line-height: 1.45; color: #1c2328; background: #fff; }
body { margin: 0 auto; max-width: 46rem; padding: 2.5rem 1.5rem 4rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.2; font-weight: 600; break-after: avoid; }
h1 { font-size: 2rem; color: var(--accent); margin: 0.5rem 0 1rem; }
h2 { font-size: 1.6rem; color: var(--accent); border-bottom: 1px solid var(--accent);
  padding-bottom: 0.3rem; margin: 2.5rem 0 1rem; }
h3 { font-size: 1.25rem; margin: 2rem 0 0.75rem; color: #2c3a42; }
h4 { font-size: 1.2rem; margin: 0 0 0.4rem; }
h5 { font-size: 1.02rem; color: var(--accent); margin: 1.4rem 0 0.4rem; }
h6 { font-size: 1rem; font-style: italic; margin: 1.1rem 0 0.3rem; }
a { color: var(--accent); }
p { margin: 0 0 0.7rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.14em; font-size: 0.8rem; color: var(--accent); margin-top: 3rem; }
.description { font-size: 1.15rem; color: var(--muted); max-width: 36rem; }
.edition { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1.2rem; margin: 3rem 0 0;
  border-top: 2px solid var(--accent); padding-top: 0.8rem; }
.edition dt { color: var(--muted); }
.edition dd { margin: 0; }
nav.contents ol { list-style: none; padding-left: 0; margin: 0; }
nav.contents ol ol { padding-left: 1.2rem; }
nav.contents li { margin: 0.15rem 0; }
nav.contents > ol > li { margin-top: 0.7rem; font-weight: 600; }
nav.contents > ol > li li { font-weight: normal; }
nav.contents a { text-decoration: none; color: inherit; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.35rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--rule); }
tbody th { font-weight: normal; }
thead th { border-bottom: 1.5px solid var(--accent); background: var(--tint); }
tfoot th, tfoot td { font-weight: 600; border-top: 1.5px solid var(--accent); border-bottom: none; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { font-size: 0.88rem; color: var(--muted); }
.case { margin-top: 2.5rem; padding-top: 1.5rem; border-top: 1px solid var(--rule); }
.case .local { font-style: italic; color: var(--muted); margin: 0 0 0.6rem; }
.case .lead { font-size: 1.08rem; }
table.facts { background: var(--tint); }
table.facts th { width: 11rem; font-weight: 600; color: var(--muted); }
table.facts th, table.facts td { border-bottom: 1px solid #fff; }
.body blockquote { margin: 0.5rem 0 0.8rem; padding-left: 1rem; border-left: 3px solid var(--rule); color: #34424a; }
.body pre { background: var(--tint); padding: 0.6rem 0.8rem; overflow-x: auto; font-size: 0.85rem; white-space: pre-wrap; }
.body code { font-size: 0.9em; }
.body .footnote-definition { font-size: 0.88rem; color: var(--muted); display: flex; gap: 0.4rem; }
.body .footnote-definition p { margin: 0 0 0.3rem; }
.sources ol { padding-left: 1.4rem; font-size: 0.92rem; }
.sources .url { color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
.body a, .sources a { overflow-wrap: anywhere; }
@page { size: A4; margin: 22mm 20mm 24mm;
  @bottom-right { content: counter(page); font-family: "Libertinus Serif", Georgia, serif; font-size: 9pt; color: #5b6770; } }
@page :first { @bottom-right { content: none; } }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .title-page { min-height: 230mm; break-after: page; }
  nav.contents, section.summary { break-after: page; }
  section.country { break-before: page; }
  section.country h2 { margin-top: 0; }
  .case { border-top: none; margin-top: 0; padding-top: 0; }
  .category > .case ~ .case { break-before: page; }
  table, .facts, tr { break-inside: avoid; }
}
"#;

/// Escape text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Rewrite a sanitised body for its place in one long page: heading levels
/// move below the case's `<h4>` (h1–h2 → h5, h3–h6 → h6), and ids and
/// in-page links get the case's prefix so two cases never share an id.
///
/// This relies on the serialisation of the sanitiser: every `<` in text is
/// escaped, every attribute is `name="value"` with `"` escaped inside.
fn adapt_body(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let from_tag = &rest[start..];
        let mut quoted = false;
        let mut end = None;
        for (index, c) in from_tag.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '>' if !quoted => {
                    end = Some(index);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            out.push_str(from_tag);
            rest = "";
            break;
        };
        out.push_str(&adapt_tag(&from_tag[..=end], prefix));
        rest = &from_tag[end + 1..];
    }
    out.push_str(rest);
    out
}

fn adapt_tag(tag: &str, prefix: &str) -> String {
    let name_start = if tag.starts_with("</") { 2 } else { 1 };
    let name: String = tag[name_start..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let renamed = match name.as_str() {
        "h1" | "h2" => "h5",
        "h3" | "h4" | "h5" | "h6" => "h6",
        _ => name.as_str(),
    };
    let tag = format!(
        "{}{}{}",
        &tag[..name_start],
        renamed,
        &tag[name_start + name.len()..]
    );
    tag.replace(" id=\"", &format!(" id=\"{prefix}-"))
        .replace(" href=\"#", &format!(" href=\"#{prefix}-"))
}

fn table(out: &mut String, table: &SummaryTable, id: usize) {
    let _ = write!(
        out,
        "<table id=\"table-{id}\"><caption>{}</caption><thead><tr>",
        escape(table.title)
    );
    for (index, column) in table.columns.iter().enumerate() {
        let class = if index == 0 { "" } else { " class=\"n\"" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(column));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        out.push_str("<tr>");
        for (index, cell) in row.iter().enumerate() {
            if index == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", escape(cell));
            } else {
                let _ = write!(out, "<td class=\"n\">{}</td>", escape(cell));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody>");
    if let Some(footer) = &table.footer {
        out.push_str("<tfoot><tr>");
        for (index, cell) in footer.iter().enumerate() {
            if index == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", escape(cell));
            } else {
                let _ = write!(out, "<td class=\"n\">{}</td>", escape(cell));
            }
        }
        out.push_str("</tr></tfoot>");
    }
    out.push_str("</table>\n");
    if let Some(note) = table.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
    }
}

fn case(out: &mut String, view: &CaseView<'_>, document: &Document<'_>) {
    let lang = escape(view.language);
    let _ = write!(
        out,
        "<article class=\"case\" id=\"{key}\" aria-labelledby=\"{key}-title\">\n<h4 id=\"{key}-title\" lang=\"en\">{title}</h4>\n",
        key = view.key,
        title = escape(view.title)
    );
    if let Some(local) = view.title_local {
        let _ = writeln!(out, "<p class=\"local\" lang=\"{lang}\">{}</p>", escape(local));
    }
    let _ = writeln!(out, "<p class=\"lead\" lang=\"en\">{}</p>", escape(view.summary));
    out.push_str("<table class=\"facts\"><tbody>");
    for fact in &view.facts {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(fact.label),
            escape(&fact.value)
        );
    }
    out.push_str("</tbody></table>\n");
    let body = crate::markdown::render_body(&view.case.body);
    let _ = writeln!(
        out,
        "<div class=\"body\" lang=\"{lang}\">\n{}\n</div>",
        adapt_body(&body.html, &view.key)
    );
    if !view.sources.is_empty() {
        let _ = write!(
            out,
            "<section class=\"sources\"><h5>{}</h5><ol>",
            escape(document.strings.sources)
        );
        for source in &view.sources {
            match &source.url {
                Some(url) => {
                    let _ = write!(
                        out,
                        "<li><a href=\"{url}\">{title}</a><br><span class=\"url\">{shown}</span></li>",
                        url = escape(url),
                        title = escape(source.title),
                        shown = escape(source.shown)
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<li>{}<br><span class=\"url\">{}</span></li>",
                        escape(source.title),
                        escape(source.shown)
                    );
                }
            }
        }
        out.push_str("</ol></section>\n");
    }
    out.push_str("</article>\n");
}

/// The whole page.
pub fn render(document: &Document<'_>) -> String {
    let strings = document.strings;
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title} – {appendix}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang = document.lang,
        title = escape(document.title),
        appendix = escape(strings.appendix),
    );

    // Title page.
    let _ = write!(
        out,
        "<header class=\"title-page\">\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"description\">{}</p>\n<dl class=\"edition\">",
        escape(strings.appendix),
        escape(document.title),
        escape(document.description)
    );
    let mut entry = |term: &str, value: String| {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(term), value);
    };
    if !document.edition.is_empty() {
        entry(strings.edition, escape(&document.edition));
    }
    if let Some(date) = document.date {
        entry(
            strings.date,
            format!(
                "<time datetime=\"{:04}-{:02}-{:02}\">{}</time>",
                date.year,
                date.month,
                date.day,
                escape(&document.date_text)
            ),
        );
    }
    entry(strings.cases, document.case_count.to_string());
    entry(strings.countries, document.country_count.to_string());
    if let Some(selection) = &document.selection {
        entry(strings.selection, escape(selection));
    }
    out.push_str("</dl>\n</header>\n<main>\n");

    // Contents.
    let _ = write!(
        out,
        "<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">{}</h2>\n<ol>\n<li><a href=\"#summary\">{}</a></li>\n",
        escape(strings.contents),
        escape(strings.summary)
    );
    for country in &document.countries {
        let _ = write!(
            out,
            "<li><a href=\"#country-{}\">{}</a>\n<ol>\n",
            escape(&country.id.to_lowercase()),
            escape(&country.label)
        );
        for category in &country.categories {
            let _ = write!(out, "<li>{}\n<ol>\n", escape(&category.label));
            for view in &category.cases {
                let _ = writeln!(
                    out,
                    "<li><a href=\"#{}\" lang=\"en\">{}</a></li>",
                    view.key,
                    escape(view.title)
                );
            }
            out.push_str("</ol></li>\n");
        }
        out.push_str("</ol></li>\n");
    }
    out.push_str("</ol>\n</nav>\n");

    // Summary.
    let _ = writeln!(
        out,
        "<section class=\"summary\" aria-labelledby=\"summary\">\n<h2 id=\"summary\">{}</h2>",
        escape(strings.summary)
    );
    for (index, summary) in document.tables.iter().enumerate() {
        table(&mut out, summary, index + 1);
    }
    let _ = writeln!(
        out,
        "<p class=\"note\">{}</p>\n</section>",
        escape(document.order_note)
    );

    // Cases.
    for country in &document.countries {
        let _ = writeln!(
            out,
            "<section class=\"country\" id=\"country-{id}\" aria-labelledby=\"country-{id}-title\">\n<h2 id=\"country-{id}-title\">{label}</h2>",
            id = escape(&country.id.to_lowercase()),
            label = escape(&country.label)
        );
        for category in &country.categories {
            let _ = writeln!(
                out,
                "<section class=\"category\">\n<h3>{}</h3>",
                escape(&category.label)
            );
            for view in &category.cases {
                case(&mut out, view, document);
            }
            out.push_str("</section>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_get_prefixed_ids_and_lower_headings() {
        let body =
            crate::markdown::render_body("## Bakgrund\n\nText[^a] with id=\"x\" in it.\n\n[^a]: Note.\n");
        let adapted = adapt_body(&body.html, "case-3");
        assert!(
            adapted.contains("<h5 id=\"case-3-bakgrund\">Bakgrund</h5>"),
            "{adapted}"
        );
        assert!(adapted.contains("href=\"#case-3-fn-a\""), "{adapted}");
        assert!(adapted.contains("id=\"case-3-fn-a\""), "{adapted}");
        // Text that looks like an attribute is left alone.
        assert!(adapted.contains("with id=\"x\" in it"), "{adapted}");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}

//! The appendix as one self-contained, print-styled HTML page: inline
//! style, A4 page rules, nothing loaded from anywhere. The page is the tera
//! template `appendix.html`, embedded in the binary as the PDF's
//! `appendix.typ` is. Case bodies are rendered and sanitised by
//! [`crate::markdown::render_body`]; every other value is escaped by
//! [`crate::html::escape`], tera's escape function here.

use std::collections::BTreeMap;

use super::document::Document;

/// The page, embedded in the binary: the appendix takes no theme.
const TEMPLATE: &str = include_str!("appendix.html");

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

/// The whole page.
pub fn render(document: &Document<'_>) -> anyhow::Result<String> {
    let mut tera = tera::Tera::default();
    tera.set_escape_fn(crate::html::escape);
    tera.add_raw_template("appendix.html", TEMPLATE)
        .map_err(|error| {
            anyhow::anyhow!(
                "the appendix template has an error: {}",
                crate::render::theme::tera_error(&error)
            )
        })?;
    let mut context = tera::Context::new();
    context.insert("document", document);
    context.insert("s", document.strings);
    if let Some(date) = document.date {
        context.insert(
            "date_iso",
            &format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
        );
    }
    context.insert("bodies", &bodies(document));
    tera.render("appendix.html", &context).map_err(|error| {
        anyhow::anyhow!(
            "could not render the appendix: {}",
            crate::render::theme::tera_error(&error)
        )
    })
}

/// Each case's body as HTML for its place in the page, by case key.
fn bodies(document: &Document<'_>) -> BTreeMap<String, String> {
    document
        .countries
        .iter()
        .flat_map(|country| &country.categories)
        .flat_map(|category| &category.cases)
        .map(|view| {
            let body = crate::markdown::render_body(&view.case.body);
            (view.key.clone(), adapt_body(&body.html, &view.key))
        })
        .collect()
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
}

//! Markdown rendering and sanitising on arbitrary text: no panic, no
//! executable tag or attribute in the output, and every id once. The
//! appendix's body tree of the same text: its tables have the cells the
//! body limits count (E0604), so the limit bounds what is laid out.
//!
//! The output is the sanitiser's serialisation (every attribute written as
//! `name="value"`, with `"` and `<` escaped inside), so tags and attributes
//! can be read from it exactly; a URL counts as executable when a browser
//! would read a scheme other than http, https or mailto from it.
#![no_main]

use libfuzzer_sys::fuzz_target;

const EXECUTABLE_TAGS: [&str; 11] = [
    "script", "iframe", "object", "embed", "style", "img", "svg", "form", "base", "meta", "link",
];
const URL_ATTRIBUTES: [&str; 6] = ["href", "src", "action", "formaction", "xlink:href", "srcset"];

/// The scheme a browser reads from an attribute value (entities decoded,
/// surrounding spaces and controls stripped, tabs and line breaks removed);
/// none for a relative URL.
fn scheme(value: &str) -> Option<String> {
    let decoded = decode_entities(value);
    let cleaned: String = decoded
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = &cleaned[..cleaned.find(':')?];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_string())
}

/// Character references as a browser decodes them in an attribute value
/// (the named ones the serialiser writes, and every numeric one).
fn decode_entities(value: &str) -> String {
    let mut decoded = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        let reference = rest.find(';').map(|end| (&rest[1..end], end));
        let character = reference.and_then(|(name, _)| match name {
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "nbsp" => Some('\u{a0}'),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (character, reference) {
            (Some(character), Some((_, end))) => {
                decoded.push(character);
                rest = &rest[end + 1..];
            }
            _ => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

/// The attributes of one serialised tag (the text between `<` and `>`).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = tag.trim_start_matches('/');
    rest = rest.trim_start_matches(|c: char| !c.is_whitespace());
    loop {
        rest = rest.trim_start();
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '/')
            .unwrap_or(rest.len());
        if name_end == 0 {
            let Some(next) = rest.get(1..) else { break };
            rest = next;
            continue;
        }
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let value = match rest.strip_prefix("=\"") {
            Some(quoted) => {
                let end = quoted.find('"').unwrap_or(quoted.len());
                rest = quoted.get(end + 1..).unwrap_or("");
                quoted[..end].to_string()
            }
            None => String::new(),
        };
        found.push((name, value));
    }
    found
}

/// The text of every tag (between `<` and `>`), reading quoted attribute
/// values whole: the serialiser escapes `<` in text but not in attributes.
fn tags(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let tag = &rest[open + 1..];
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(tag.len(), |(at, _)| at);
        found.push(&tag[..end]);
        rest = tag.get(end + 1..).unwrap_or("");
    }
    found
}

/// The cells of every table of a body tree, as the appendix lays them out.
fn laid_out_cells(blocks: &[catalogue::appendix::tree::Block]) -> u64 {
    use catalogue::appendix::tree::Block;
    blocks
        .iter()
        .map(|block| match block {
            Block::Table { head, rows, .. } => {
                (head.len() + rows.iter().map(Vec::len).sum::<usize>()) as u64
            }
            Block::Quote { c } => laid_out_cells(c),
            Block::List { items, .. } => items.iter().map(|item| laid_out_cells(item)).sum(),
            _ => 0,
        })
        .sum()
}

fuzz_target!(|text: &str| {
    let body = catalogue::markdown::render_body(text);
    let mut ids = std::collections::HashSet::new();
    for tag in tags(&body.html) {
        for (attribute, value) in attributes(tag) {
            if attribute == "id" {
                assert!(ids.insert(value.clone()), "id {value} twice");
            }
        }
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        assert!(!EXECUTABLE_TAGS.contains(&name.as_str()), "<{tag}>");
        for (attribute, value) in attributes(tag) {
            assert!(!attribute.starts_with("on"), "<{tag}>");
            if attribute == "style" {
                // Only text alignment survives the sanitiser.
                let declarations = value.split(';').map(str::trim).filter(|d| !d.is_empty());
                for declaration in declarations {
                    assert!(declaration.starts_with("text-align:"), "<{tag}>");
                    assert!(!declaration.contains('('), "<{tag}>");
                }
            }
            if URL_ATTRIBUTES.contains(&attribute.as_str()) {
                let scheme = scheme(&value);
                assert!(
                    scheme
                        .as_deref()
                        .is_none_or(|s| matches!(s, "http" | "https" | "mailto")),
                    "<{tag}>"
                );
            }
        }
    }
    let _ = catalogue::markdown::plain_text(text);

    let limits = catalogue::validate::limits::BodyLimits::default();
    let counts = catalogue::validate::limits::count(text, &limits);
    if counts.nesting.is_none() {
        let tree = catalogue::appendix::tree::convert(text);
        let notes: Vec<_> = tree.notes.iter().flat_map(|note| note.c.clone()).collect();
        let laid_out = laid_out_cells(&tree.blocks) + laid_out_cells(&notes);
        // At most: a second definition of a footnote label is counted but
        // not printed.
        assert!(laid_out <= counts.table_cells.total, "{laid_out} table cells laid out");
    }
});

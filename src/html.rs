//! The one HTML escaper of the crate, for text that goes into HTML or SVG
//! content and into quoted attribute values: the site's templates (as
//! tera's escape function), the map, the appendix and the error page of
//! `catalogue serve`.
//!
//! It replaces the five characters that can end a text or an attribute
//! (`&`, `<`, `>`, `"`, `'`), so one function is safe in every place and a
//! page never mixes two spellings of the same character.

/// `input` with `&`, `<`, `>`, `"` and `'` replaced by their references.
pub fn escape(input: &str) -> String {
    let mut output = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => output.push_str("&amp;"),
            '<' => output.push_str("&lt;"),
            '>' => output.push_str("&gt;"),
            '"' => output.push_str("&quot;"),
            '\'' => output.push_str("&#39;"),
            _ => output.push(c),
        }
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_characters_that_end_a_text_or_an_attribute_are_replaced() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("Åland ❤ – plain"), "Åland ❤ – plain");
    }
}

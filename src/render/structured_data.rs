//! schema.org data for case pages (JSON-LD): what search engines and
//! link previews read to know a page describes one documented example,
//! where it happened, when it was last checked, and which public sources
//! it rests on.

use crate::model::Case;

/// The JSON-LD of one case page at `url`, ready to stand inside a
/// `<script type="application/ld+json">` element: `<`, `>` and `&` are
/// written as JSON escapes, so no text of a case can end the element.
pub fn case_json_ld(case: &Case, url: &str, country_name: &str) -> String {
    let mut places: Vec<serde_json::Value> = case
        .municipalities
        .iter()
        .map(|municipality| {
            serde_json::json!({
                "@type": "AdministrativeArea",
                "name": municipality.name,
                "identifier": municipality.code,
            })
        })
        .collect();
    places.push(serde_json::json!({ "@type": "Country", "name": country_name }));
    let citations: Vec<serde_json::Value> = case
        .sources
        .iter()
        .map(|source| serde_json::json!({ "@type": "CreativeWork", "name": source.title, "url": source.url }))
        .collect();
    let data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "url": url,
        "name": case.title,
        "description": case.summary,
        "dateModified": case.reviewed.to_string(),
        "inLanguage": case.language,
        "spatialCoverage": places,
        "citation": citations,
    });
    script_safe(&data.to_string())
}

/// JSON text with the characters that could close or confuse an HTML
/// script element escaped; a JSON reader reads the same value.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_the_data_can_close_the_script_element() {
        let json = script_safe(r#"{"name":"</script><script>alert(1)</script> & more"}"#);
        assert!(
            !json.contains('<') && !json.contains('>') && !json.contains('&'),
            "{json}"
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["name"], "</script><script>alert(1)</script> & more");
    }
}

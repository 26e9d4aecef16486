//! Markdown rendering and sanitising on arbitrary text: no panic, and no
//! executable tag or attribute in the output.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let body = catalogue::markdown::render_body(text);
    let html = body.html.to_lowercase();
    for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(rest)) {
        let name = tag.trim_start_matches('/').split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
        assert!(!["script", "iframe", "object", "embed", "style", "img", "svg", "form", "base", "meta", "link"].contains(&name), "<{tag}>");
        assert!(!tag.contains("javascript:") && !tag.contains(" on"), "<{tag}>");
    }
    let _ = catalogue::markdown::plain_text(text);
});

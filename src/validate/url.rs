//! E0501: a link that is not a plain web address.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0501",
    name: "invalid-url",
    severity: Severity::Error,
    summary: "a url is not an http:// or https:// web address",
    explanation: "\
The `url` of each source and of the contact is published as a link, so it must \
be a complete web address starting with `https://` (or `http://`), with a host \
name, and without a user name or password in it. Other schemes (`javascript:`, \
`file:`, `data:`, `mailto:`) are refused: they either do not work for readers \
or could be used to attack them.

Example of the mistake:

    url = \"www.umu.se/en/research/\"

Fix:

    url = \"https://www.umu.se/en/research/\"

For an e-mail address use `email` in [contact].",
};

/// Why a url is refused, or `None` if it is fine.
pub fn problem(text: &str) -> Option<String> {
    let parsed = match url::Url::parse(text.trim()) {
        Ok(parsed) => parsed,
        Err(url::ParseError::RelativeUrlWithoutBase) => return Some("is not a complete address".into()),
        Err(error) => return Some(format!("cannot be read as an address ({error})")),
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Some(format!("uses `{}:`, not http or https", parsed.scheme()));
    }
    // The url crate forgives `https:/x` and `https:///x`; a reader's
    // browser or a link checker may not, so require the plain form.
    let after_scheme = text.trim().get(parsed.scheme().len()..).unwrap_or("");
    let has_plain_authority = after_scheme.starts_with("://") && !after_scheme.starts_with(":///");
    if parsed.host_str().is_none_or(str::is_empty) || !has_plain_authority {
        return Some("has no host name".into());
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Some("contains a user name or password".into());
    }
    if text.trim() != text || text.chars().any(char::is_whitespace) {
        return Some("contains spaces".into());
    }
    None
}

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let root = &context.front_matter.root;
    let contact = root
        .table("contact")
        .into_iter()
        .filter_map(|(contact, _)| contact.text("url"));
    let sources = root
        .tables("sources")
        .into_iter()
        .filter_map(|(source, _)| source.text("url"));
    for (text, span) in sources.chain(contact) {
        let Some(problem) = problem(text) else {
            continue;
        };
        let help = if !text.contains("://") && !text.contains(':') {
            // `//example.org/` (protocol-relative) as well as `example.org/`.
            format!(
                "write the whole address: \"https://{}\"",
                text.trim().trim_start_matches('/')
            )
        } else {
            "use the page's https:// address as shown in the browser's address bar".to_string()
        };
        out.push(
            context
                .diagnostic(&CODE, Some(span), format!("url \"{text}\" {problem}"))
                .with_label("not an http(s) address")
                .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn only_plain_web_addresses_pass() {
        assert_eq!(problem("https://www.umu.se/en/"), None);
        assert_eq!(problem("http://ks.no/x?y=1#z"), None);
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "www.umu.se",
            "https://user:pw@example.org/",
            "https:///nohost",
            "https:nohost.org",
            "https://exa mple.org/",
            " https://example.org/",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}

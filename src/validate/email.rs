//! E0505: a contact e-mail address that cannot be right.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0505",
    name: "invalid-email",
    severity: Severity::Error,
    summary: "the contact e-mail is not an e-mail address",
    explanation: "\
`email` in [contact] is published for readers who want to know more. It must \
be one plain address (`name@domain.tld`, no spaces, no `mailto:`, nothing \
after it: no second address, no `?cc=`, `&subject=` or `&body=`, which \
would make the published `mailto:` link write to someone else or prepare a \
text), and it should \
be a functional mailbox of the organisation, not a person's own address, so \
that it keeps working when people change jobs.

Example of the mistake and the fix:

    email = \"mailto:fou@regionvasterbotten.se\"  →  email = \"fou@regionvasterbotten.se\"",
};

/// One plain address and nothing else: a local part of letters, digits
/// and the other characters RFC 5322 allows there (not starting or ending
/// with a dot, no two dots in a row), one `@`, and a domain of at least two
/// dot-separated labels of letters, digits and hyphens. The address is
/// published as a `mailto:` link, where `?`, `&`, `%` and `#` start a query
/// (a second recipient, a prepared subject and text), an escape or a
/// fragment: RFC 5322 allows them in the local part, the catalogue does not.
pub fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || ".!$'*+-/=^_`{|}~".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// The plain address at the start of `text`, if it has one followed by
/// something else (`a@b.se?cc=...`, `a@b.se, c@d.se`), for the help.
fn leading_address(text: &str) -> Option<&str> {
    let end = text.find(|c: char| "?&#,;% <>\"".contains(c) || c.is_whitespace())?;
    let address = &text[..end];
    is_plausible_email(address).then_some(address)
}

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some((contact, _)) = context.front_matter.root.table("contact") else {
        return;
    };
    let Some((email, span)) = contact.text("email") else {
        return;
    };
    if !is_plausible_email(email) {
        let bare = email.strip_prefix("mailto:").unwrap_or(email);
        let help = if is_plausible_email(bare) {
            format!("write the address alone: \"{bare}\"")
        } else if let Some(address) = leading_address(bare) {
            format!(
                "write one address alone, with nothing after it (no second address, no ?cc= or &subject=): \"{address}\""
            )
        } else {
            "write one address such as \"socialtjansten@kommun.se\"".to_string()
        };
        out.push(
            context
                .diagnostic(&CODE, Some(span), format!("\"{email}\" is not an e-mail address"))
                .with_label("not an address")
                .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{is_plausible_email, leading_address};

    #[test]
    fn the_help_names_the_address_before_a_query() {
        assert_eq!(
            leading_address("x@example.org?cc=attacker@evil.example"),
            Some("x@example.org")
        );
        assert_eq!(
            leading_address("x@example.org, y@example.org"),
            Some("x@example.org")
        );
        assert_eq!(leading_address("not an address"), None);
    }

    #[test]
    fn plausible_addresses() {
        assert!(is_plausible_email("fou@example.org"));
        assert!(is_plausible_email("first.last+social@kommune.no"));
        assert!(is_plausible_email("åsa.öberg@kommun.se"));
        assert!(is_plausible_email("x@sub.example-kommune.fi"));
        assert!(is_plausible_email("x'onmouseover='alert`1`'@example.org"));
        for bad in [
            "",
            "x",
            "a@b",
            "@b.se",
            "a@@b.se",
            "mailto:a@b.se",
            "a b@c.se",
            "a@b.se>",
            "x@example.org?cc=attacker@evil.example&subject=Hi&body=Text",
            "x@example.org&cc=y@example.org",
            "x@example.org, y@example.org",
            "x@example.org y@example.org",
            "x@example.org#top",
            "x%40y@example.org",
            "x?cc=y@example.org",
            "x&y@example.org",
            "x@example.org.",
            ".x@example.org",
            "x..y@example.org",
            "x@-example.org",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }
}

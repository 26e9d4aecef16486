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
be one plain address (`name@domain.tld`, no spaces, no `mailto:`), and it should \
be a functional mailbox of the organisation, not a person's own address, so \
that it keeps working when people change jobs.

Example of the mistake and the fix:

    email = \"mailto:fou@regionvasterbotten.se\"  →  email = \"fou@regionvasterbotten.se\"",
};

/// A deliberately modest check: one `@`, something before it, a dotted
/// domain after it, nothing that would break a `mailto:` link.
pub fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(':')
        && text
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"<>\"(),;[]\\".contains(c))
}

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some((contact, _)) = context.front_matter.root.table("contact") else {
        return;
    };
    let Some((email, span)) = contact.text("email") else {
        return;
    };
    if !is_plausible_email(email) {
        let help = match email.strip_prefix("mailto:") {
            Some(address) => format!("write the address alone: \"{address}\""),
            None => "write one address such as \"socialtjansten@kommun.se\"".to_string(),
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
    use super::is_plausible_email;

    #[test]
    fn plausible_addresses() {
        assert!(is_plausible_email("fou@example.org"));
        for bad in [
            "",
            "x",
            "a@b",
            "@b.se",
            "a@@b.se",
            "mailto:a@b.se",
            "a b@c.se",
            "a@b.se>",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }
}

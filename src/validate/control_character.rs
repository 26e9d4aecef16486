//! E0210: a text contains an invisible control character.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::Node;

pub const CODE: Code = Code {
    code: "E0210",
    name: "control-character",
    severity: Severity::Error,
    summary: "a text contains an invisible control character",
    explanation: "\
Texts in the front matter may not contain control characters: the invisible \
characters below the space (U+0000 to U+001F, except tab and line breaks), \
DELETE (U+007F), the C1 controls (U+0080 to U+009F) and the non-characters \
U+FFFE and U+FFFF. TOML refuses them typed as they are, but they can still be \
written as escapes such as `\\u0007`. Nobody means to publish them: they are \
invisible on the page, they make the Atom feed invalid XML (so feed readers \
drop every case), and in a terminal they are commands (`\\u001b[2J` clears \
the screen).

Example of the mistake:

    title = \"The digital\\u0007 colleague\"

Fix: remove the escape.

    title = \"The digital colleague\"

Zero-width and right-to-left characters are not control characters: they are \
published as text.",
};

/// Whether `c` is refused in a text: C0 controls other than tab and line
/// breaks, DELETE, the C1 controls, and the two non-characters that XML
/// does not allow.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// Every text with a control character, wherever it is in the front matter.
pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    super::each_text(context, &mut |key: &str, text: &str, node: &Node| {
        let Some(found) = text.chars().find(|&c| is_forbidden(c)) else {
            return;
        };
        let count = text.chars().filter(|&c| is_forbidden(c)).count();
        let others = match count {
            1 => String::new(),
            2 => " and 1 more".to_string(),
            n => format!(" and {} more", n - 1),
        };
        out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(node.span.clone()),
                    format!(
                        "`{key}` contains the control character U+{:04X}{others}",
                        u32::from(found)
                    ),
                )
                .with_label("invisible control character")
                .with_help("remove the escape (such as \\u0007 or \\u001b): control characters are never shown and break the feed"),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::is_forbidden;

    #[test]
    fn controls_are_refused_and_text_is_not() {
        for c in [
            '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            '\t', '\n', '\r', ' ', 'å', '\u{200b}', '\u{202e}', '\u{feff}', '\u{a0}',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }
}

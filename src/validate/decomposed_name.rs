//! W0308: a municipality or body name written in decomposed Unicode.

use super::{CaseContext, describe_municipality};
use crate::bodies::BodyResolution;
use crate::diag::{Code, Diagnostic, Severity};
use crate::register::Resolution;

pub const CODE: Code = Code {
    code: "W0308",
    name: "decomposed-name",
    severity: Severity::Warning,
    summary: "a municipality or body name is written in decomposed Unicode",
    explanation: "\
A letter such as `å` can be stored in two ways: as one character (U+00E5, \
the composed form, NFC) or as `a` followed by a combining ring (U+0061 \
U+030A, the decomposed form, NFD). Both look the same, but some editors (on \
macOS in particular) save the second. The register uses the composed form; \
the catalogue compares names in the composed form, so a decomposed \"Malå\" \
still finds Malå, and this warning says that it happened: the same text is \
searched, copied and compared differently by other tools.

Fix: retype the name, or save the file with composed characters (NFC).",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for (entry, span, resolution) in context.municipalities() {
        if unicode_normalization::is_nfc(entry) {
            continue;
        }
        let outcome = match resolution {
            Resolution::Found(municipality) => {
                format!("it was matched as {}", describe_municipality(municipality))
            }
            _ => "it was looked up in the composed form".to_string(),
        };
        out.push(decomposed(context, "municipality", span, &outcome));
    }
    for (entry, span, resolution) in context.bodies() {
        if unicode_normalization::is_nfc(entry) {
            continue;
        }
        let outcome = match resolution {
            BodyResolution::Found(body) => format!("it was matched as the body {}", body.id),
            _ => "it was looked up in the composed form".to_string(),
        };
        out.push(decomposed(context, "body", span, &outcome));
    }
}

fn decomposed(
    context: &CaseContext<'_>,
    what: &str,
    span: &std::ops::Range<usize>,
    outcome: &str,
) -> Diagnostic {
    context
        .diagnostic(
            &CODE,
            Some(span.clone()),
            format!("this {what} name is written in decomposed Unicode (a letter followed by a combining mark); {outcome}"),
        )
        .with_label("decomposed (NFD) text")
        .with_help("retype the name or save the file with composed characters (Unicode NFC)")
}

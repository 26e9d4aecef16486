//! E0204: a text is empty or longer than its field allows.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::Node;

pub const CODE: Code = Code {
    code: "E0204",
    name: "text-length",
    severity: Severity::Error,
    summary: "a text is empty or too long",
    explanation: "\
Texts must say something and fit where they are shown: \
`title` 1-120 characters (it is the heading of the case page and of the \
appendix entry), `summary` 1-500 characters (it is shown in lists and search \
results), `title_local` up to 200, and every other text 1-300 characters. \
A translation's `title` and `summary` (`[translations.sv]`) have the limits \
of the case's own `title` and `summary`. \
Characters are counted as letters, so å, ø and æ count as one.

Fix: shorten the text; move detail from the summary into the body.",
};

/// The longest text each field allows, in characters; a translation's
/// title and summary (`translations.sv.title`) are held to the limits of
/// the case's own, which they stand in for on the page.
pub(crate) fn limit(path: &str) -> usize {
    let path = match path
        .strip_prefix("translations.")
        .and_then(|rest| rest.rsplit_once('.'))
    {
        Some((_, key @ ("title" | "summary"))) => key,
        _ => path,
    };
    match path {
        "title" => 120,
        "summary" => 500,
        "title_local" => 200,
        _ => 300,
    }
}

/// Every text, empty or too long for its field; the limit is that of the
/// dotted key (`sources.title`), so that a source's title is not held to
/// the case title's limit.
pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    super::each_text(context, &mut |key: &str, text: &str, node: &Node| {
        let length = text.chars().count();
        let limit = limit(key);
        if text.trim().is_empty() {
            out.push(
                context
                    .diagnostic(&CODE, Some(node.span.clone()), format!("`{key}` is empty"))
                    .with_label("empty text")
                    .with_help(format!(
                        "write the `{key}`, or remove the line if the field is optional"
                    )),
            );
        } else if length > limit {
            out.push(
                context
                    .diagnostic(
                        &CODE,
                        Some(node.span.clone()),
                        format!("`{key}` is {length} characters long; at most {limit} are allowed"),
                    )
                    .with_label(format!("{} characters too many", length - limit))
                    .with_help(format!("shorten it to {limit} characters or fewer")),
            );
        }
    });
}

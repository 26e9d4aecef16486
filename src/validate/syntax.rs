//! E0110: the front matter is not valid TOML.

use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::SyntaxError;
use crate::source::SourceFile;

pub const CODE: Code = Code {
    code: "E0110",
    name: "toml-syntax",
    severity: Severity::Error,
    summary: "the front matter is not valid TOML",
    explanation: "\
The front matter between the `+++` lines is TOML: `key = value` lines, text in \
double quotes, lists in square brackets, dates written as 2021-01-07 without \
quotes, and tables such as `[[sources]]` and `[contact]` at the end. The TOML \
reader could not make sense of the place the diagnostic points at; each \
syntax error is reported, and the other rules run once the front matter \
reads cleanly.

Common mistakes and their fixes:

    title = The digital colleague        →  title = \"The digital colleague\"
    tags = [\"a\" \"b\"]                    →  tags = [\"a\", \"b\"]
    started = 2025-02-30                 →  a day that exists, e.g. 2025-02-28
    title = \"x\"  (twice)                 →  keep one `title` line

A text that runs over several lines goes in triple quotes: `summary = \"\"\"...\"\"\"`.",
};

/// One diagnostic per syntax error, but only the first on each line: after
/// one mistake the TOML reader often stumbles over the rest of its line.
pub fn diagnostics(path: &str, source: &SourceFile, errors: Vec<SyntaxError>) -> Vec<Diagnostic> {
    let mut seen_lines = std::collections::BTreeSet::new();
    errors
        .into_iter()
        .filter(|error| {
            let line = error.span.as_ref().map_or(0, |span| source.line(span.start));
            seen_lines.insert(line)
        })
        .map(|error| {
            Diagnostic::new(
                &CODE,
                path,
                error.span,
                format!("invalid TOML: {}", error.message),
            )
            .with_help("see `catalogue explain E0110` for how values are written")
        })
        .collect()
}

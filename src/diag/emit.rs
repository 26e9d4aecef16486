//! Renders a sorted list of diagnostics in one of four formats.
//!
//! - `human`: a code frame like cargo's (`--> path:line:col`, the source
//!   line, `^^^` under the offending value, `help:`), via annotate-snippets;
//! - `short`: one line each, `path:line:col: error[E0301]: message`, for
//!   editors and grep;
//! - `github`: workflow commands, so a pull request shows each error inline
//!   on the changed line;
//! - `json`: one document with every diagnostic and the summary, for tools.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity, Summary};
use crate::source::{LineCol, SourceFile, SourceMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Short,
    Github,
    Json,
}

/// Render every diagnostic and the summary line. `color` only affects the
/// human format.
pub fn render(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    summary: &Summary,
    format: Format,
    color: bool,
) -> String {
    match format {
        Format::Human => human(diagnostics, sources, summary, color),
        Format::Short => short(diagnostics, sources, summary),
        Format::Github => github(diagnostics, sources, summary),
        Format::Json => json(diagnostics, sources, summary),
    }
}

/// The characters that change the direction of the text around them
/// (embeddings, overrides, isolates and marks). Shown raw, a file name or
/// value holding U+202E makes a terminal or a log show the rest of the
/// line reversed, so that what is read differs from what is there.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// Text that may come from a case file (a quoted value, a file name) made
/// safe for a terminal or a CI log: control characters become their visible
/// pictures (U+2400 to U+2421, as in the code frames) or U+FFFD, so a value
/// such as `"\u001b[2J"` is shown instead of clearing the screen, and a
/// bidirectional control becomes its code point written out (`<U+202E>`).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\0'..='\x1f' => shown.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}')),
            '\x7f' => shown.push('\u{2421}'),
            c if c.is_control() => shown.push('\u{fffd}'),
            c if is_bidi_control(c) => {
                let _ = write!(shown, "<U+{:04X}>", u32::from(c));
            }
            c => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// Where a diagnostic starts and ends, in line/column terms. A diagnostic
/// without a span, or whose file was never read, points at 1:1.
fn position(diagnostic: &Diagnostic, sources: &SourceMap) -> (LineCol, LineCol) {
    let origin = LineCol { line: 1, column: 1 };
    match (&diagnostic.span, sources.get(&diagnostic.path)) {
        (Some(span), Some(file)) => file.span_line_cols(span),
        _ => (origin, origin),
    }
}

fn human(diagnostics: &[Diagnostic], sources: &SourceMap, summary: &Summary, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for diagnostic in diagnostics {
        let level = match diagnostic.severity() {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = visible(&diagnostic.message);
        let path = visible(&diagnostic.path);
        let label = diagnostic.label.as_deref().map(visible);
        let help = diagnostic.help.as_deref().map(visible);
        let title = level.primary_title(message.as_ref()).id(diagnostic.code.code);
        let excerpt = diagnostic
            .span
            .as_ref()
            .zip(sources.get(&diagnostic.path))
            .map(|(span, file)| Excerpt::around(file, span));
        let mut group = match &excerpt {
            Some(excerpt) => {
                let mut annotation = AnnotationKind::Primary.span(excerpt.span.clone());
                if let Some(label) = &label {
                    annotation = annotation.label(label.as_ref());
                }
                title.element(
                    Snippet::source(excerpt.text.as_str())
                        .line_start(excerpt.first_line)
                        .path(path.as_ref())
                        .annotation(annotation),
                )
            }
            None => title.element(annotate_snippets::Origin::path(path.as_ref())),
        };
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        let report: [Group<'_>; 1] = [group];
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    let _ = writeln!(out, "{summary}");
    out
}

/// The lines of a file that a span touches, cut out so that rendering a
/// diagnostic in a 10 MB file costs no more than in a small one. Carriage
/// returns are dropped because a terminal would show them as line breaks.
struct Excerpt {
    text: String,
    span: Range<usize>,
    first_line: usize,
}

impl Excerpt {
    /// At most this many lines are shown; a longer span is cut to its start.
    const MAX_LINES: usize = 8;

    fn around(file: &SourceFile, span: &Range<usize>) -> Excerpt {
        let span = file.clamp_span(span);
        let text = &file.text;
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let mut line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
        let mut span_end = span.end;
        if text[line_start..line_end].matches('\n').count() >= Self::MAX_LINES {
            line_end = text[span.start..]
                .find('\n')
                .map_or(text.len(), |i| span.start + i);
            span_end = span_end.min(line_end);
        }
        let raw = &text[line_start..line_end];
        let start = span.start - line_start;
        let end = span_end - line_start;
        // Bidirectional controls are written out as in every message, so
        // the span is moved along with the text it underlines.
        let mut shown = String::with_capacity(raw.len());
        let (mut new_start, mut new_end) = (None, None);
        for (offset, c) in raw.char_indices() {
            if offset == start {
                new_start = Some(shown.len());
            }
            if offset == end {
                new_end = Some(shown.len());
            }
            match c {
                '\r' => {}
                c if is_bidi_control(c) => {
                    let _ = write!(shown, "<U+{:04X}>", u32::from(c));
                }
                c => shown.push(c),
            }
        }
        let new_start = new_start.unwrap_or(shown.len());
        let new_end = new_end.unwrap_or(shown.len()).max(new_start);
        Excerpt {
            text: shown,
            span: new_start..new_end,
            first_line: file.line_col(line_start).line,
        }
    }
}

fn short(diagnostics: &[Diagnostic], sources: &SourceMap, summary: &Summary) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let (start, _) = position(diagnostic, sources);
        let _ = write!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            visible(&diagnostic.path),
            start.line,
            start.column,
            diagnostic.severity().as_str(),
            diagnostic.code.code,
            visible(&diagnostic.message)
        );
        if let Some(help) = &diagnostic.help {
            let _ = write!(out, " (help: {})", visible(help));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{summary}");
    out
}

/// GitHub workflow commands: `::error file=…,line=…,col=…::message`.
/// See "Workflow commands for GitHub Actions" for the escaping rules.
fn github(diagnostics: &[Diagnostic], sources: &SourceMap, summary: &Summary) -> String {
    fn escape_data(text: &str) -> String {
        text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
    }
    fn escape_property(text: &str) -> String {
        escape_data(text).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    for diagnostic in diagnostics {
        let (start, end) = position(diagnostic, sources);
        let mut message = visible(&diagnostic.message).into_owned();
        if let Some(label) = &diagnostic.label {
            let _ = write!(message, ": {}", visible(label));
        }
        if let Some(help) = &diagnostic.help {
            let _ = write!(message, "\nhelp: {}", visible(help));
        }
        let _ = write!(
            out,
            "::{} file={},line={},col={}",
            diagnostic.severity().as_str(),
            escape_property(&visible(&diagnostic.path)),
            start.line,
            start.column
        );
        if end.line == start.line && end.column > start.column {
            let _ = write!(out, ",endColumn={}", end.column);
        } else if end.line > start.line {
            let _ = write!(out, ",endLine={},endColumn={}", end.line, end.column);
        }
        let _ = writeln!(
            out,
            ",title={}::{}",
            escape_property(&format!("{} {}", diagnostic.code.code, diagnostic.code.name)),
            escape_data(&message)
        );
    }
    let _ = writeln!(out, "{summary}");
    out
}

fn json(diagnostics: &[Diagnostic], sources: &SourceMap, summary: &Summary) -> String {
    #[derive(serde::Serialize)]
    struct JsonDiagnostic<'a> {
        code: &'a str,
        name: &'a str,
        severity: Severity,
        file: &'a str,
        line: usize,
        column: usize,
        end_line: usize,
        end_column: usize,
        message: &'a str,
        label: Option<&'a str>,
        help: Option<&'a str>,
    }
    #[derive(serde::Serialize)]
    struct JsonReport<'a> {
        diagnostics: Vec<JsonDiagnostic<'a>>,
        summary: &'a Summary,
    }
    let report = JsonReport {
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let (start, end) = position(d, sources);
                JsonDiagnostic {
                    code: d.code.code,
                    name: d.code.name,
                    severity: d.severity(),
                    file: &d.path,
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    message: &d.message,
                    label: d.label.as_deref(),
                    help: d.help.as_deref(),
                }
            })
            .collect(),
        summary,
    };
    let text = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    // serde_json escapes the C0 controls but writes bidirectional controls
    // as they are; written as `\u202e` escapes instead, the strings mean the
    // same to a JSON reader and nothing reorders a terminal showing them.
    // Outside strings JSON is ASCII, so every one found is inside a string.
    let mut escaped = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if is_bidi_control(c) {
            let _ = write!(escaped, "\\u{:04x}", u32::from(c));
        } else {
            escaped.push(c);
        }
    }
    escaped.push('\n');
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_and_control_characters_are_shown_not_obeyed() {
        assert_eq!(visible("plain å"), "plain å");
        assert_eq!(visible("a\u{202e}b"), "a<U+202E>b");
        assert_eq!(
            visible("\u{2066}\u{2069}\u{200e}\u{200f}\u{061c}\u{202a}"),
            "<U+2066><U+2069><U+200E><U+200F><U+061C><U+202A>"
        );
        assert_eq!(visible("\u{1b}[2J"), "\u{241b}[2J");
    }

    /// The underline stays under the value when a bidi control before it
    /// is written out.
    #[test]
    fn code_frames_write_bidi_controls_out_and_keep_the_span() {
        let file = SourceFile::new("x.md", "a = \"\u{202e}xy\"\nb = 1\n");
        let start = file.text.find('x').unwrap_or(0);
        let excerpt = Excerpt::around(&file, &(start..start + 2));
        assert_eq!(excerpt.text, "a = \"<U+202E>xy\"");
        assert_eq!(&excerpt.text[excerpt.span.clone()], "xy");
    }
}

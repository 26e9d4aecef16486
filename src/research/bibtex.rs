//! Reading a BibTeX file entry by entry, so that one broken entry neither
//! hides the mistakes of the others nor takes the valid ones with it.
//!
//! `biblatex` stops at the first error of a text, so the file is cut into
//! pieces at each `@` that starts a line (where every exporter, Zotero,
//! EndNote, JabRef and Covidence, starts an entry) and each piece is parsed
//! alone; the spans it reports are moved back to offsets in the whole file.
//! `@string` abbreviations are put in front of every piece, so that an
//! entry may still use one defined anywhere in the file.

use std::ops::Range;

use biblatex::{Bibliography, ChunksExt, RawBibliography};

/// One entry as read, with what the checks need of its place in the file.
#[derive(Debug)]
pub struct ParsedEntry {
    pub entry: biblatex::Entry,
    /// The entry type as written, lowercase (`techreport`; biblatex itself
    /// would call it a report).
    pub entry_type: String,
    /// The whole entry in the file, from its `@`.
    pub span: Range<usize>,
    /// The citation key in the file.
    pub key_span: Range<usize>,
    /// Each field's value in the file, by its lowercase name.
    pub field_spans: Vec<(String, Range<usize>)>,
}

impl ParsedEntry {
    /// Where the value of `field` is, or else the key: what a diagnostic
    /// about the field underlines.
    pub fn span_of(&self, field: &str) -> Range<usize> {
        self.field_spans
            .iter()
            .find(|(name, _)| name == field)
            .map_or_else(|| self.key_span.clone(), |(_, span)| span.clone())
    }

    /// The field's text with braces and TeX commands resolved, trimmed;
    /// `None` when it is absent or blank.
    pub fn text(&self, field: &str) -> Option<String> {
        let chunks = self.entry.get(field)?;
        let text = chunks.format_verbatim();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then_some(text)
    }
}

/// A syntax error at `span` of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
}

/// Every entry of `text` that parses, and an error for each that does not.
pub fn parse(text: &str) -> (Vec<ParsedEntry>, Vec<SyntaxError>) {
    let pieces = pieces(text);
    let mut abbreviations = String::new();
    let mut errors = Vec::new();
    for piece in &pieces {
        if entry_kind(&text[piece.clone()]) == "string" {
            match RawBibliography::parse(&text[piece.clone()]) {
                Ok(_) => {
                    abbreviations.push_str(&text[piece.clone()]);
                    abbreviations.push('\n');
                }
                Err(error) => errors.push(syntax_error(&error, piece.start, 0, text)),
            }
        }
    }
    let mut entries = Vec::new();
    for piece in pieces {
        let kind = entry_kind(&text[piece.clone()]);
        if matches!(kind.as_str(), "string" | "comment" | "preamble") {
            continue;
        }
        let source = format!("{abbreviations}{}", &text[piece.clone()]);
        let shift = |span: &Range<usize>| -> Range<usize> {
            let start = span.start.saturating_sub(abbreviations.len()) + piece.start;
            let end = span.end.saturating_sub(abbreviations.len()) + piece.start;
            start.min(piece.end)..end.clamp(start.min(piece.end), piece.end)
        };
        let raw = match RawBibliography::parse(&source) {
            Ok(raw) => raw,
            Err(error) => {
                errors.push(syntax_error(&error, piece.start, abbreviations.len(), text));
                continue;
            }
        };
        let Some(raw_entry) = raw.entries.first() else {
            continue;
        };
        let key_span = shift(&raw_entry.v.key.span);
        let field_spans: Vec<(String, Range<usize>)> = raw_entry
            .v
            .fields
            .iter()
            .map(|pair| (pair.key.v.to_ascii_lowercase(), shift(&pair.value.span)))
            .collect();
        let bibliography = match Bibliography::from_raw(raw.clone()) {
            Ok(bibliography) => bibliography,
            Err(error) => {
                errors.push(syntax_error(&error, piece.start, abbreviations.len(), text));
                continue;
            }
        };
        if let Some(entry) = bibliography.into_iter().next() {
            entries.push(ParsedEntry {
                entry,
                entry_type: raw_entry.v.kind.v.to_ascii_lowercase(),
                span: piece.clone(),
                key_span,
                field_spans,
            });
        }
    }
    errors.sort_by_key(|error| error.span.start);
    (entries, errors)
}

/// The byte ranges of the entries: from each `@` at the start of a line
/// (after spaces) to the next one.
fn pieces(text: &str) -> Vec<Range<usize>> {
    let mut starts = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t', '\u{feff}']);
        if trimmed.starts_with('@') {
            starts.push(line_start + (line.len() - trimmed.len()));
        }
        line_start += line.len();
    }
    let ends = starts.iter().skip(1).copied().chain(std::iter::once(text.len()));
    starts
        .iter()
        .copied()
        .zip(ends)
        .map(|(start, end)| start..end)
        .collect()
}

/// `article` for `@Article{...`: the entry type, lowercase.
fn entry_kind(piece: &str) -> String {
    piece
        .trim_start_matches('@')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The parser's error as a span of the whole file and a sentence. An
/// entry that runs to its end without closing is shown at its `@`, where
/// the reader starts looking for the missing brace, not at the next entry.
fn syntax_error(error: &biblatex::ParseError, piece_start: usize, prefix: usize, text: &str) -> SyntaxError {
    let at_end = text
        .get(error.span.start.saturating_sub(prefix) + piece_start..)
        .is_some_and(|rest| rest.trim_start().is_empty() || rest.trim_start().starts_with('@'));
    if error.kind == biblatex::ParseErrorKind::UnexpectedEof || at_end {
        let line_end = text[piece_start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |end| piece_start + end);
        return SyntaxError {
            span: piece_start..line_end,
            message: "this entry is not closed: a `}` or `\"` is missing before the next entry".to_string(),
        };
    }
    let start = (error.span.start.saturating_sub(prefix) + piece_start).min(text.len());
    let end = (error.span.end.saturating_sub(prefix) + piece_start).clamp(start, text.len());
    SyntaxError {
        span: start..end,
        message: error.kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_read_around_a_broken_one() {
        let text = "% exported\n@article{a,\n  title = {A},\n}\n\n@report{b,\n  title = {B\n}\n\n@misc{c, title = {C}}\n";
        let (entries, errors) = parse(text);
        let keys: Vec<&str> = entries.iter().map(|e| e.entry.key.as_str()).collect();
        assert_eq!(keys, ["a", "c"]);
        assert_eq!(errors.len(), 1);
        let broken = text.find("@report").unwrap_or_default();
        assert_eq!(errors[0].span, broken..broken + "@report{b,".len());
        let title = &entries[0].span_of("title");
        assert_eq!(&text[title.clone()], "{A}");
    }

    #[test]
    fn abbreviations_reach_every_entry() {
        let text = "@string{nr = {Nordregio}}\n@report{a, institution = nr, title = {T}}\n";
        let (entries, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries[0].text("institution").as_deref(), Some("Nordregio"));
        let key = &entries[0].key_span;
        assert_eq!(&text[key.clone()], "a");
    }
}

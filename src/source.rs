//! Source files as loaded from disk, and the mapping from byte offsets to
//! the line and column a person sees in an editor.
//!
//! Every diagnostic carries a byte span into one of these files; turning it
//! into `line:column` happens here, once, so that every output format agrees.
//! Columns count characters, not bytes: `å`, `ø` and `æ` are two bytes in
//! UTF-8 but one column in an editor and in a GitHub annotation.

use std::ops::Range;

/// One text file of the catalogue, with the path shown to users.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown in diagnostics (relative to where the user ran us).
    pub path: String,
    pub text: String,
    /// Where each line starts, found the first time a column is asked
    /// for: most files of a check have no diagnostic and are never shown.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// The line and column of a byte offset. Offsets past the end, or inside a
    /// multi-byte character, are clamped to the nearest valid position rather
    /// than trusted, because spans may come from third-party parsers.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line_starts = self.line_starts();
        let line_index = match line_starts.binary_search(&offset) {
            Ok(exact) => exact,
            Err(next) => next.saturating_sub(1),
        };
        let line_start = line_starts.get(line_index).copied().unwrap_or(0);
        let before = self.text.get(line_start..offset).unwrap_or("");
        // A CR of a CRLF ending is not a column anyone can see.
        let column = before.chars().filter(|&c| c != '\r').count() + 1;
        LineCol {
            line: line_index + 1,
            column,
        }
    }

    /// The 1-based line of a byte offset: a binary search, without the
    /// column count of [`line_col`](Self::line_col), which walks the line
    /// and so costs as much as the line is long.
    pub fn line(&self, offset: usize) -> usize {
        match self.line_starts.get() {
            Some(line_starts) => match line_starts.binary_search(&offset) {
                Ok(exact) => exact + 1,
                Err(next) => next.max(1),
            },
            // One line asked for (a case's first body line): counting the
            // line breaks before it costs less than finding every line.
            None => {
                let before = &self.text.as_bytes()[..offset.min(self.text.len())];
                1 + memchr::memchr_iter(b'\n', before).count()
            }
        }
    }

    /// The start and end of a span as line/column pairs; the end is exclusive.
    pub fn span_line_cols(&self, span: &Range<usize>) -> (LineCol, LineCol) {
        (self.line_col(span.start), self.line_col(span.end))
    }

    /// Move an offset back onto a character boundary inside the text.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// A span made safe for slicing and rendering.
    pub fn clamp_span(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.clamp(span.start);
        let end = self.clamp(span.end).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("x.md", "a = 1\nname = \"Åsele\" # ø\n");
        let offset = file.text.find('#').unwrap();
        assert_eq!(file.line_col(offset), LineCol { line: 2, column: 16 });
    }

    #[test]
    fn crlf_does_not_shift_columns() {
        let file = SourceFile::new("x.md", "a\r\nbc\r\n");
        assert_eq!(file.line_col(4), LineCol { line: 2, column: 2 });
        assert_eq!(file.line_col(5), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn line_agrees_with_line_col() {
        let file = SourceFile::new("x.md", "a\r\nbcå\n\nd");
        let counted: Vec<usize> = (0..=file.text.len() + 2)
            .map(|offset| file.line(offset))
            .collect();
        for offset in 0..=file.text.len() + 2 {
            assert_eq!(file.line(offset), file.line_col(offset).line, "offset {offset}");
        }
        // Before and after the line starts are found.
        let found: Vec<usize> = (0..=file.text.len() + 2)
            .map(|offset| file.line(offset))
            .collect();
        assert_eq!(counted, found);
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        let file = SourceFile::new("x.md", "å");
        assert_eq!(file.line_col(1), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(99), LineCol { line: 1, column: 2 });
    }
}

/// Every file a run has read, by displayed path, so that emitters can show
/// the line a diagnostic points at.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: std::collections::BTreeMap<String, SourceFile>,
}

impl SourceMap {
    pub fn insert(&mut self, file: SourceFile) {
        self.files.insert(file.path.clone(), file);
    }

    pub fn merge(&mut self, other: SourceMap) {
        self.files.extend(other.files);
    }

    pub fn get(&self, path: &str) -> Option<&SourceFile> {
        self.files.get(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

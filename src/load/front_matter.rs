//! Splits a case file into its `+++` TOML front matter and Markdown body,
//! keeping byte offsets into the file so that every later diagnostic points
//! at the right line and column of the file, not of the front matter.

use std::ops::Range;

/// Where the parts of a case file are, as byte ranges of the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The opening `+++` line, without its line ending.
    pub opening_fence: Range<usize>,
    /// The TOML between the fences.
    pub front_matter: Range<usize>,
    /// Everything after the closing fence's line.
    pub body: Range<usize>,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// Nothing but whitespace (and perhaps a byte-order mark).
    Empty,
    /// The first line is not `+++`; the span is that line.
    NoOpeningFence(Range<usize>),
    /// No line `+++` closes the front matter; the span is the opening fence.
    NoClosingFence(Range<usize>),
}

const FENCE: &str = "+++";

/// Lines of `text` from `start` as (content range without the line ending,
/// offset of the next line).
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (Range<usize>, usize)> + '_ {
    let mut position = start;
    std::iter::from_fn(move || {
        if position >= text.len() {
            return None;
        }
        let rest = &text[position..];
        let (content_len, next) = match rest.find('\n') {
            Some(newline) => (newline, position + newline + 1),
            None => (rest.len(), text.len()),
        };
        let content = position..position + content_len;
        let content = if text[content.clone()].ends_with('\r') {
            content.start..content.end - 1
        } else {
            content
        };
        position = next;
        Some((content, next))
    })
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == FENCE
}

/// Split `text`. A UTF-8 byte-order mark before the first fence is allowed.
pub fn split(text: &str) -> Result<Parts, SplitError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[start..].trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let mut lines = lines_from(text, start);
    let (first, after_first) = lines.next().ok_or(SplitError::Empty)?;
    if !is_fence(&text[first.clone()]) {
        return Err(SplitError::NoOpeningFence(first));
    }
    for (line, after_line) in lines {
        if is_fence(&text[line.clone()]) {
            return Ok(Parts {
                opening_fence: first,
                front_matter: after_first..line.start,
                body: after_line..text.len(),
            });
        }
    }
    Err(SplitError::NoClosingFence(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_offsets_into_the_file() {
        let text = "+++\ntitle = \"x\"\n+++\n\n## Background\n";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.front_matter.clone()], "title = \"x\"\n");
        assert_eq!(&text[parts.body.clone()], "\n## Background\n");
        assert_eq!(parts.opening_fence, 0..3);
    }

    #[test]
    fn accepts_a_byte_order_mark_and_crlf() {
        let text = "\u{feff}+++\r\na = 1\r\n+++\r\nbody";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.front_matter.clone()], "a = 1\r\n");
        assert_eq!(&text[parts.body.clone()], "body");
        assert_eq!(parts.opening_fence, 3..6);
    }

    #[test]
    fn reports_empty_unopened_and_unclosed_files() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split("\u{feff} \n\n"), Err(SplitError::Empty));
        assert_eq!(split("title = 1\n"), Err(SplitError::NoOpeningFence(0..9)));
        assert_eq!(split("+++\ntitle = 1\n"), Err(SplitError::NoClosingFence(0..3)));
        assert_eq!(split("+++"), Err(SplitError::NoClosingFence(0..3)));
    }

    #[test]
    fn an_empty_front_matter_and_body_are_allowed_here() {
        let parts = split("+++\n+++").unwrap();
        assert_eq!(parts.front_matter, 4..4);
        assert_eq!(parts.body, 7..7);
    }
}

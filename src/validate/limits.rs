//! How much structure one case body may hold: headings, footnotes, table
//! cells. The ceilings are fixed here, in the code, because
//! `catalogue.toml` arrives by pull request like any case file: its
//! `[limits]` table may lower them, never raise them.
//!
//! Without ceilings one case file could stall every build and exhaust the
//! memory of CI: the typst appendix took 114 s and 819 MB for 10,000
//! footnotes, and 55 s and 6.4 GB for a 1 MB table of 3,000 × 160 cells.
//! The rules E0602-E0604 (`too_many_headings.rs` and its siblings)
//! report a body over a limit, so `catalogue check` fails fast and no
//! output is ever rendered from it. E0605 (`too_deep_nesting.rs`)
//! guards the Markdown parser itself: its limits ([`MAX_LINE_NESTING`])
//! are counted before anything parses the body.
//!
//! The ceilings are far above any real case description: the longest
//! shipped case has 6 headings, none has a footnote or a table. 500
//! headings would be a book of a case; a table of every Swedish
//! municipality (290) with 15 columns has 4,350 cells and fits
//! under 5,000. Table cells are what costs typst memory, about 30 KB each
//! whatever the shape of the table (20,000 cells took 630-740 MB, 10,000
//! 360-430 MB); at these ceilings the appendix of one case renders in
//! under 10 s and 440 MB at most, most of it for the 512 KiB of text a
//! case file may hold (see BENCHMARKS.md).

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use serde::{Deserialize, Deserializer};

/// At most this many headings (any level) in one body.
pub const MAX_HEADINGS: u64 = 500;
/// At most this many footnote references, and as many definitions.
pub const MAX_FOOTNOTES: u64 = 500;
/// At most this many table cells in one body, all tables together, each
/// table counted as its rows (the head too) times its columns, as laid out.
pub const MAX_TABLE_CELLS: u64 = 5_000;

/// How deeply the quotes and lists of a body may nest, for the Markdown
/// parser's sake. It matches every line against all the open quotes and
/// lists, and a line that only continues a paragraph (a "lazy" line) costs
/// a byte while the matching costs a step per level: one line of 20,000
/// `> ` and 20,000 short lines after it took 11 s, and 580 levels of lists
/// built by indentation followed by 330,000 lines took 29 s to `check`
/// (debug build). So, counted before anything parses the body:
///
/// - a line may open at most [`MAX_LINE_NESTING`] quotes and list items
///   (the site flattens containers past 100 anyway; the hostile fixtures
///   nest 5,000 on one line, real bodies a few levels);
/// - each line is charged the deepest nesting of its paragraph so far (a
///   blank line ends the paragraph, and lazy lines with it), and the
///   charges of a body may add up to at most [`MAX_NESTING_WORK`]: a body
///   of 10,000 lines nested 100 deep. Real bodies: a few thousand.
///
/// Not settings: they guard `check` itself.
pub const MAX_LINE_NESTING: u64 = 10_000;
/// See [`MAX_LINE_NESTING`].
pub const MAX_NESTING_WORK: u64 = 1_000_000;

/// `[limits]` in `catalogue.toml`: lower limits for case bodies. A value
/// above the ceiling of the code, or 0, is refused when the file is read
/// (E0001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BodyLimits {
    #[serde(deserialize_with = "headings")]
    pub headings: u64,
    #[serde(deserialize_with = "footnotes")]
    pub footnotes: u64,
    #[serde(deserialize_with = "table_cells")]
    pub table_cells: u64,
}

impl Default for BodyLimits {
    fn default() -> Self {
        BodyLimits {
            headings: MAX_HEADINGS,
            footnotes: MAX_FOOTNOTES,
            table_cells: MAX_TABLE_CELLS,
        }
    }
}

fn at_most<'de, D: Deserializer<'de>>(deserializer: D, key: &str, ceiling: u64) -> Result<u64, D::Error> {
    let value = u64::deserialize(deserializer)?;
    if value == 0 || value > ceiling {
        return Err(serde::de::Error::custom(format!(
            "`[limits] {key}` must be between 1 and {ceiling}: catalogue.toml may lower the built-in limit, not raise it"
        )));
    }
    Ok(value)
}

fn headings<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    at_most(deserializer, "headings", MAX_HEADINGS)
}

fn footnotes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    at_most(deserializer, "footnotes", MAX_FOOTNOTES)
}

fn table_cells<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    at_most(deserializer, "table_cells", MAX_TABLE_CELLS)
}

/// One count of a body and where, in the body, it first passed a limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Count {
    pub total: u64,
    /// The span (in the body) of the element that went over the limit.
    pub first_over: Option<Range<usize>>,
}

impl Count {
    fn add(&mut self, amount: u64, limit: u64, span: Range<usize>) {
        self.total = self.total.saturating_add(amount);
        if self.total > limit && self.first_over.is_none() {
            self.first_over = Some(span);
        }
    }
}

/// What a body holds, counted against the limits in one pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyCounts {
    pub headings: Count,
    pub footnote_references: Count,
    pub footnote_definitions: Count,
    pub table_cells: Count,
    /// The text of every level-2 heading, as the site shows it: the
    /// sections W0601 looks for, gathered in the same pass.
    pub level_two_headings: Vec<String>,
    /// The first line past a nesting limit. The body is not parsed then,
    /// and the other counts stay 0.
    pub nesting: Option<Nesting>,
}

/// A line past one of the nesting limits of [`MAX_LINE_NESTING`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nesting {
    /// How deeply the line may be nested, at most.
    pub depth: u64,
    /// The span of the line in the body.
    pub span: Range<usize>,
    /// Whether the line itself opens too many (else the work adds up).
    pub on_one_line: bool,
}

/// How many block quotes and list items a line opens or continues, at
/// most: the `>`, `-`, `*`, `+` and `1.` / `1)` markers at its start, and
/// half the columns of the spaces and tabs between them (a list item's
/// content is indented by two columns or more). A rough count, linear in
/// the line: it may count a marker the parser would not take (a `*` that
/// starts emphasis), never miss one.
fn line_nesting(line: &[u8]) -> u64 {
    let mut markers = 0;
    let mut columns = 0;
    let mut at = 0;
    let space_or_end = |at: usize| line.get(at).is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r'));
    loop {
        loop {
            match line.get(at) {
                Some(b' ') => columns += 1,
                Some(b'\t') => columns += 4,
                _ => break,
            }
            at += 1;
        }
        match line.get(at) {
            Some(b'>') => at += 1,
            Some(b'-' | b'*' | b'+') if space_or_end(at + 1) => at += 1,
            Some(b'0'..=b'9') => {
                let digits = line[at..].iter().take_while(|b| b.is_ascii_digit()).count();
                let after = at + digits;
                if digits <= 9 && matches!(line.get(after), Some(b'.' | b')')) && space_or_end(after + 1) {
                    at = after + 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
        markers += 1;
    }
    markers + columns / 2
}

/// The first line of a body past a nesting limit (see [`MAX_LINE_NESTING`]).
pub fn too_deep_line(body: &str) -> Option<Nesting> {
    let mut start = 0;
    let mut paragraph_depth = 0;
    let mut work: u64 = 0;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let depth = line_nesting(text.as_bytes());
        paragraph_depth = if text.trim().is_empty() {
            0
        } else {
            paragraph_depth.max(depth)
        };
        work = work.saturating_add(paragraph_depth);
        let on_one_line = depth > MAX_LINE_NESTING;
        if on_one_line || work > MAX_NESTING_WORK {
            return Some(Nesting {
                depth: paragraph_depth,
                span: start..start + text.len(),
                on_one_line,
            });
        }
        start += line.len();
    }
    None
}

/// Count a body read by the parser of the site and the appendix
/// ([`crate::markdown::parser`]), so the limits count what readers see.
pub fn count(body: &str, limits: &BodyLimits) -> BodyCounts {
    let mut counts = BodyCounts {
        nesting: too_deep_line(body),
        ..BodyCounts::default()
    };
    if counts.nesting.is_some() {
        return counts;
    }
    let mut columns: u64 = 0;
    let mut level_two_heading: Option<String> = None;
    for (event, span) in crate::markdown::parser(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if level == HeadingLevel::H2 {
                    level_two_heading = Some(String::new());
                }
                counts.headings.add(1, limits.headings, span)
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                counts.level_two_headings.extend(level_two_heading.take())
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = level_two_heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::FootnoteReference(_) => counts.footnote_references.add(1, limits.footnotes, span),
            Event::Start(Tag::FootnoteDefinition(_)) => {
                counts.footnote_definitions.add(1, limits.footnotes, span)
            }
            Event::Start(Tag::Table(alignments)) => columns = alignments.len() as u64,
            // The appendix pads every row to the table's columns.
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                counts.table_cells.add(columns.max(1), limits.table_cells, span)
            }
            _ => {}
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_the_first_element_over_the_limit() {
        let limits = BodyLimits {
            headings: 2,
            footnotes: 1,
            table_cells: 6,
        };
        let body =
            "# a\n\n## b\n\n### c\n\nx[^1] y[^1]\n\n[^1]: n\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 |\n";
        let counts = count(body, &limits);
        assert_eq!(counts.headings.total, 3);
        assert_eq!(&body[counts.headings.first_over.clone().unwrap()], "### c\n");
        assert_eq!(counts.footnote_references.total, 2);
        assert_eq!(counts.footnote_definitions.total, 1);
        assert_eq!(counts.footnote_definitions.first_over, None);
        // Head and two rows of two columns; the short row counts in full.
        assert_eq!(counts.table_cells.total, 6);
        assert_eq!(counts.table_cells.first_over, None);
    }

    #[test]
    fn deep_lines_are_found_before_parsing() {
        assert_eq!(line_nesting(b"> > - 1. * + text"), 6 + 3);
        assert_eq!(line_nesting(b">>>> text"), 4);
        assert_eq!(line_nesting(b"-1. *emphasis* 2024. x"), 0);
        assert_eq!(line_nesting(b"- 1234567890. x"), 1);
        assert_eq!(line_nesting(b"  -\t-"), 2 + 3);
        assert_eq!(line_nesting(b"      text"), 3);
        assert_eq!(too_deep_line(&">".repeat(10_000)), None);
        let body = format!("text\n{}x\n", ">".repeat(10_001));
        let found = too_deep_line(&body).unwrap();
        assert_eq!(
            (found.depth, found.span, found.on_one_line),
            (10_001, 5..10_007, true)
        );
        // 200,000 levels and as many lines: counted, not parsed.
        let body = format!("{}x\n{}", ">".repeat(200_000), "y\n".repeat(200_000));
        let started = std::time::Instant::now();
        let counts = count(&body, &BodyLimits::default());
        assert_eq!(counts.nesting.map(|nesting| nesting.depth), Some(200_000));
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }

    #[test]
    fn nesting_times_lines_is_bounded() {
        // Lists nested 580 deep by indentation, then lazy lines: each
        // costs the parser 580 steps.
        let mut body: String = (0..580)
            .map(|level| format!("{}- x\n", "  ".repeat(level)))
            .collect();
        let lazy = "b\n".repeat(2_000);
        body.push_str(&lazy);
        let found = too_deep_line(&body).unwrap();
        assert!(!found.on_one_line);
        assert_eq!(found.depth, 580);
        // The same lines after a blank line are not lazy: they cost nothing.
        let mut body: String = (0..580)
            .map(|level| format!("{}- x\n", "  ".repeat(level)))
            .collect();
        body.push('\n');
        body.push_str(&lazy.repeat(100));
        assert_eq!(too_deep_line(&body), None);
        // An ordinary long body.
        let ordinary =
            "## Heading\n\nText of a paragraph.\n- item\n  - nested item\n> a quote\n\n".repeat(5_000);
        assert_eq!(too_deep_line(&ordinary), None);
    }

    #[test]
    fn settings_may_only_lower_the_ceilings() {
        let parse = |text: &str| toml::from_str::<BodyLimits>(text);
        assert_eq!(parse("").unwrap(), BodyLimits::default());
        assert_eq!(parse("headings = 20").unwrap().headings, 20);
        assert_eq!(parse("headings = 20").unwrap().footnotes, MAX_FOOTNOTES);
        assert!(parse("headings = 501").is_err());
        assert!(parse("table_cells = 0").is_err());
        assert!(parse("footnotes = -1").is_err());
        assert!(parse("cells = 5").is_err());
    }
}

//! Reading a BibTeX file entry by entry, so that one broken entry neither
//! hides the mistakes of the others nor takes the valid ones with it.
//!
//! `biblatex` stops at the first error of a text, so the file is cut into
//! pieces at each `@` that starts a line (where every exporter, Zotero,
//! EndNote, JabRef and Covidence, starts an entry) and each piece is parsed
//! alone; the spans it reports are moved back to offsets in the whole file.
//! `@string` abbreviations are read once and each entry is given those it
//! uses, so that it may still use one defined anywhere in the file (see
//! `Abbreviations` for why not all of them, and not every one).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use biblatex::{Bibliography, ChunksExt, Pair, RawBibliography, RawChunk, Spanned};

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
    let mut errors = Vec::new();
    let mut braces = BraceBudget::default();
    let mut definitions: Vec<(Pair<'_>, usize)> = Vec::new();
    for piece in &pieces {
        if entry_kind(&text[piece.clone()]) == "string" {
            if let Some(error) = braces.spend(text, piece) {
                errors.push(error);
                continue;
            }
            match RawBibliography::parse(&text[piece.clone()]) {
                Ok(raw) => definitions.extend(raw.abbreviations.into_iter().map(|pair| (pair, piece.start))),
                Err(error) => errors.push(syntax_error(&error, piece.start, text)),
            }
        }
    }
    let abbreviations = Abbreviations::new(&definitions, &mut errors);
    let mut entries = Vec::new();
    for piece in pieces {
        let kind = entry_kind(&text[piece.clone()]);
        if matches!(kind.as_str(), "string" | "comment" | "preamble") {
            continue;
        }
        let shift = |span: &Range<usize>| -> Range<usize> {
            let start = (span.start + piece.start).min(piece.end);
            start..(span.end + piece.start).clamp(start, piece.end)
        };
        if let Some(error) = braces.spend(text, &piece) {
            errors.push(error);
            continue;
        }
        let mut raw = match RawBibliography::parse(&text[piece.clone()]) {
            Ok(raw) => raw,
            Err(error) => {
                errors.push(syntax_error(&error, piece.start, text));
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
        let entry_type = raw_entry.v.kind.v.to_ascii_lowercase();
        raw.abbreviations = abbreviations.needed_by(&raw_entry.v.fields);
        let bibliography = match Bibliography::from_raw(raw) {
            Ok(bibliography) => bibliography,
            Err(error) => {
                errors.push(syntax_error(&error, piece.start, text));
                continue;
            }
        };
        if let Some(entry) = bibliography.into_iter().next() {
            entries.push(ParsedEntry {
                entry,
                entry_type,
                span: piece.clone(),
                key_span,
                field_spans,
            });
        }
    }
    errors.sort_by_key(|error| error.span.start);
    (entries, errors)
}

/// The most `{` an entry may have, and how deep they may nest: a real
/// entry has a few dozen, a few levels deep (a BibTeX export braces
/// capitals and accents: `{N}ordic`, `{\\"o}`). biblatex's work grows with
/// the square of a field's brace groups (it merges them by removing from a
/// vector), so the squares are also summed over the file and bounded, and
/// a file of nested or repeated braces cannot stall `check`.
const MAX_BRACES: usize = 1_000;
const MAX_BRACE_DEPTH: usize = 32;
const MAX_BRACE_WORK: usize = 50_000_000;

/// Counts braces against the limits above, over one file.
#[derive(Default)]
struct BraceBudget {
    work: usize,
}

impl BraceBudget {
    /// An error when the piece has more braces, or deeper, than any entry
    /// needs, or the file more than its budget.
    fn spend(&mut self, text: &str, piece: &Range<usize>) -> Option<SyntaxError> {
        let mut depth = 0usize;
        let mut braces = 0usize;
        let error = |at: usize, message: String| {
            let start = piece.start + at;
            Some(SyntaxError {
                span: start..start + 1,
                message,
            })
        };
        for (at, byte) in text[piece.clone()].bytes().enumerate() {
            match byte {
                b'{' => {
                    depth += 1;
                    braces += 1;
                    if depth > MAX_BRACE_DEPTH || braces > MAX_BRACES {
                        return error(
                            at,
                            format!(
                                "more braces than an entry needs (at most {MAX_BRACES}, nested at most \
                                 {MAX_BRACE_DEPTH} deep)"
                            ),
                        );
                    }
                }
                b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        self.work += braces * braces;
        if self.work > MAX_BRACE_WORK {
            return error(
                0,
                "the entries of this file have more braces in all than `check` reads; split the file"
                    .to_string(),
            );
        }
        None
    }
}

/// How deep `@string` abbreviations may refer to each other.
const MAX_ABBREVIATION_DEPTH: usize = 32;
/// How much one abbreviation may expand to: its characters and parts,
/// those of the abbreviations it names included.
const MAX_ABBREVIATION_SIZE: usize = 10_000;

/// The file's `@string` abbreviations that are safe to expand: biblatex
/// expands them by recursion without looking for cycles, so one that
/// refers to itself (`@string{a = b} @string{b = a}`), or expands
/// exponentially, would overflow the stack or run for ever. Each entry
/// gets only those it names, so the work per entry is bounded by what it
/// uses, not by how many abbreviations the file defines.
struct Abbreviations<'s> {
    usable: HashMap<&'s str, Pair<'s>>,
}

impl<'s> Abbreviations<'s> {
    /// The usable definitions (a later one of a name replaces an earlier,
    /// as in BibTeX), and an error at each that is not.
    fn new(definitions: &[(Pair<'s>, usize)], errors: &mut Vec<SyntaxError>) -> Abbreviations<'s> {
        let latest: HashMap<&'s str, &Pair<'s>> =
            definitions.iter().map(|(pair, _)| (pair.key.v, pair)).collect();
        let sizes = expansions(&latest);
        let mut usable = HashMap::new();
        for (pair, piece_start) in definitions {
            let name = pair.key.v;
            if latest
                .get(name)
                .is_some_and(|latest| !std::ptr::eq(*latest, pair))
            {
                continue;
            }
            if sizes.get(name).is_some_and(Option::is_some) {
                usable.insert(name, pair.clone());
            } else {
                let start = pair.key.span.start + piece_start;
                errors.push(SyntaxError {
                    span: start..pair.key.span.end + piece_start,
                    message: format!(
                        "the abbreviation `{name}` refers to itself, or expands too far (more than \
                         {MAX_ABBREVIATION_DEPTH} levels or {MAX_ABBREVIATION_SIZE} characters)"
                    ),
                });
            }
        }
        Abbreviations { usable }
    }

    /// The definitions `fields` use, directly or through others.
    fn needed_by(&self, fields: &[Pair<'s>]) -> Vec<Pair<'s>> {
        let mut names: Vec<&'s str> = fields.iter().flat_map(|pair| used(&pair.value.v)).collect();
        let mut seen = HashSet::new();
        let mut needed = Vec::new();
        while let Some(name) = names.pop() {
            if !seen.insert(name) {
                continue;
            }
            if let Some(pair) = self.usable.get(name) {
                names.extend(used(&pair.value.v));
                needed.push(pair.clone());
            }
        }
        needed
    }
}

/// The abbreviations a field's value names.
fn used<'a, 's>(field: &'a [Spanned<RawChunk<'s>>]) -> impl Iterator<Item = &'s str> + 'a {
    field.iter().filter_map(|chunk| match chunk.v {
        RawChunk::Abbreviation(name) => Some(name),
        RawChunk::Normal(_) => None,
    })
}

/// What each defined abbreviation expands to, or `None` when it refers to
/// itself (directly or through others) or expands too far. A name without
/// a definition counts as one part (biblatex knows the month names, and
/// reports any other at its use). A depth-first walk with its own stack,
/// each name visited once, so neither a long chain nor a cycle can
/// overflow the stack here; the result of each name depends only on the
/// definitions, not on the order of the walk.
fn expansions<'s>(definitions: &HashMap<&'s str, &Pair<'s>>) -> HashMap<&'s str, Option<Expansion>> {
    let start = Some(Expansion { size: 0, depth: 1 });
    let mut done: HashMap<&'s str, Option<Expansion>> = HashMap::new();
    let mut roots: Vec<&'s str> = definitions.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        if done.contains_key(root) {
            continue;
        }
        // (name, next part to read, expansion so far)
        let mut stack: Vec<(&'s str, usize, Option<Expansion>)> = vec![(root, 0, start)];
        let mut on_stack: HashSet<&'s str> = HashSet::from([root]);
        while let Some(&(name, index, total)) = stack.last() {
            let chunks = definitions
                .get(name)
                .map_or(&[][..], |pair| pair.value.v.as_slice());
            let Some(chunk) = chunks.get(index).filter(|_| total.is_some()) else {
                stack.pop();
                on_stack.remove(name);
                done.insert(name, total);
                if let Some(parent) = stack.last_mut() {
                    parent.2 = combined(parent.2, total);
                    parent.1 += 1;
                }
                continue;
            };
            let part = match chunk.v {
                RawChunk::Normal(text) => Some(Expansion {
                    size: text.len(),
                    depth: 0,
                }),
                RawChunk::Abbreviation(other) => match done.get(other) {
                    Some(known) => *known,
                    None if !definitions.contains_key(other) => Some(Expansion { size: 1, depth: 0 }),
                    None if on_stack.contains(other) => None,
                    None => {
                        stack.push((other, 0, start));
                        on_stack.insert(other);
                        continue;
                    }
                },
            };
            if let Some(top) = stack.last_mut() {
                top.2 = combined(top.2, part);
                top.1 += 1;
            }
        }
    }
    done
}

/// An expansion with one more part, `None` when either is or the sum is
/// too large.
fn combined(total: Option<Expansion>, part: Option<Expansion>) -> Option<Expansion> {
    total
        .zip(part)
        .map(|(total, part)| Expansion {
            size: total.size + part.size + 1,
            depth: total.depth.max(part.depth + 1),
        })
        .filter(|total| total.size <= MAX_ABBREVIATION_SIZE && total.depth <= MAX_ABBREVIATION_DEPTH)
}

/// What an abbreviation expands to: its characters and parts, and the
/// levels of abbreviations below it.
#[derive(Debug, Clone, Copy)]
struct Expansion {
    size: usize,
    depth: usize,
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
fn syntax_error(error: &biblatex::ParseError, piece_start: usize, text: &str) -> SyntaxError {
    let at_end = text
        .get(error.span.start + piece_start..)
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
    let start = (error.span.start + piece_start).min(text.len());
    let end = (error.span.end + piece_start).clamp(start, text.len());
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

    #[test]
    fn abbreviations_refer_to_each_other_and_a_later_one_wins() {
        let text = "@string{n = {Nord}}\n@string{full = n # {regio}}\n@string{n = {Nord}}\n\
                    @report{a, institution = full, title = {T}, month = jan}\n";
        let (entries, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries[0].text("institution").as_deref(), Some("Nordregio"));
    }

    /// biblatex expands abbreviations by recursion without a guard: a
    /// cycle overflowed the stack (the process aborted) and a doubling
    /// chain ran for ever. Both are errors at the abbreviation now, and
    /// the entries that do not use them are still read.
    #[test]
    fn an_abbreviation_that_refers_to_itself_or_explodes_is_an_error_not_a_crash() {
        let cycle = "@string{a = b}\n@string{b = a}\n@article{k, journal = a, title = {T}}\n@misc{ok, title = {Fine}}\n";
        let (entries, errors) = parse(cycle);
        assert_eq!(
            entries.iter().map(|e| e.entry.key.as_str()).collect::<Vec<_>>(),
            ["ok"]
        );
        assert!(
            errors.iter().any(|e| e.message.contains("refers to itself")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.message.contains("unknown abbreviation")),
            "{errors:?}"
        );

        let mut doubling = String::from("@string{s0 = {xxxxxxxxxx}}\n");
        for level in 1..=40 {
            doubling.push_str(&format!("@string{{s{level} = s{0} # s{0}}}\n", level - 1));
        }
        doubling.push_str(
            "@article{k, journal = s40, title = {T}}\n@article{small, journal = s3, title = {T}}\n",
        );
        let (entries, errors) = parse(&doubling);
        let small = entries.iter().find(|e| e.entry.key == "small");
        assert_eq!(small.and_then(|e| e.text("journal")).map(|j| j.len()), Some(80));
        assert!(entries.iter().all(|e| e.entry.key != "k"));
        assert!(
            errors.iter().any(|e| e.message.contains("expands too far")),
            "{errors:?}"
        );

        let nested = format!(
            "@article{{k, title = {{{}x{}}}}}\n@misc{{ok, title = {{Fine}}}}\n",
            "{".repeat(100_000),
            "}".repeat(100_000)
        );
        let (entries, errors) = parse(&nested);
        assert_eq!(
            entries.iter().map(|e| e.entry.key.as_str()).collect::<Vec<_>>(),
            ["ok"]
        );
        assert!(errors[0].message.contains("more braces"), "{errors:?}");

        let mut deep = String::from("@string{d0 = {x}}\n");
        for level in 1..=100 {
            deep.push_str(&format!("@string{{d{level} = d{}}}\n", level - 1));
        }
        deep.push_str("@article{k, journal = d100, title = {T}}\n");
        let (entries, errors) = parse(&deep);
        assert!(entries.is_empty());
        assert!(!errors.is_empty());
    }
}

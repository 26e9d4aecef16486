//! The load stage: find every case file under `cases/<CC>/`, read it, and
//! split it into front matter and body.
//!
//! The case files are sorted, so every run sees them in the same order. A file
//! that cannot be used (not UTF-8, empty, too large, no front matter, in the
//! wrong folder) becomes a diagnostic and the walk goes on: a contributor
//! sees every broken file in one run.

pub mod front_matter;

use std::path::Path;

use anyhow::Context as _;

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::{SourceFile, SourceMap};
use front_matter::{Parts, SplitError};

/// Case files larger than this are refused unread: a case is a few
/// kilobytes, and a huge file is a mistake (or an attack) that must not slow
/// every check down. 512 KiB (some 80,000 words) is a hundred times the
/// longest real case, and keeps the PDF appendix of the worst file a pull
/// request may bring under 500 MB: typst costs about 300 MB per MiB of text
/// (BENCHMARKS.md).
pub const MAX_FILE_BYTES: u64 = 512 * 1024;

pub const NOT_UTF8: Code = Code {
    code: "E0101",
    name: "not-utf8",
    severity: Severity::Error,
    summary: "the file is not UTF-8 text",
    explanation: "\
Case files must be saved as UTF-8, the encoding that can hold every Nordic \
letter (å ä ö ø æ þ ð). A file saved as Latin-1 or UTF-16, or a binary file \
such as a Word document renamed to `.md`, cannot be read.

The diagnostic points at the first byte that is not UTF-8.

Fix: in your editor choose \"Save with encoding\" → UTF-8 (in the GitHub web \
editor files are always UTF-8), or copy the text into a new file created with \
`catalogue new`.",
};

pub const EMPTY_FILE: Code = Code {
    code: "E0102",
    name: "empty-file",
    severity: Severity::Error,
    summary: "the case file is empty",
    explanation: "\
A case file must contain front matter and a body. An empty file (or one with \
only spaces and blank lines) is usually a file created by mistake.

Fix: delete the file, or fill it: `catalogue new <slug> --country <CC>` writes \
a file with every field present and explained.",
};

pub const NO_FRONT_MATTER: Code = Code {
    code: "E0103",
    name: "no-front-matter",
    severity: Severity::Error,
    summary: "the file does not start with a `+++` line",
    explanation: "\
A case file starts with its front matter: a line with exactly `+++`, the \
fields in TOML, and another line `+++`. The Markdown body follows.

Example of the mistake:

    title = \"The digital colleague\"
    ...

Fix: add a line `+++` before the first field and another after the last:

    +++
    title = \"The digital colleague\"
    ...
    +++

    ## Background",
};

pub const UNCLOSED_FRONT_MATTER: Code = Code {
    code: "E0104",
    name: "unclosed-front-matter",
    severity: Severity::Error,
    summary: "the front matter has no closing `+++` line",
    explanation: "\
The front matter opened by the first `+++` line must be closed by another \
line with exactly `+++` (nothing else on the line) before the Markdown body.

Fix: add a line `+++` after the last field (after `[contact]` or the last \
`[[sources]]` entry, if there are any).",
};

pub const FILE_TOO_LARGE: Code = Code {
    code: "E0105",
    name: "file-too-large",
    severity: Severity::Error,
    summary: "the case file is larger than 512 KiB",
    explanation: "\
A case file holds a description of a few pages at most; the catalogue refuses \
files over 512 KiB (524,288 bytes) without reading them, so that one \
accidental upload cannot slow down or break the checks and the site.

Fix: shorten the text, and do not paste images or documents into the file: \
link to them in `[[sources]]` instead.",
};

pub const UNKNOWN_COUNTRY_FOLDER: Code = Code {
    code: "E0106",
    name: "unknown-country-folder",
    severity: Severity::Error,
    summary: "a folder under `cases/` is not a country code of the vocabulary",
    explanation: "\
Cases are grouped by country in folders named after the country code, in \
capital letters: `cases/SE/`, `cases/NO/`, `cases/DK/`, `cases/FI/`, `cases/IS/` \
(and `FO`, `GL`, `AX`). A case in any other folder cannot be published.

Fix: move the file into the folder of its country, for example from \
`cases/se/` or `cases/Sweden/` to `cases/SE/`.",
};

pub const MISPLACED_FILE: Code = Code {
    code: "E0107",
    name: "misplaced-file",
    severity: Severity::Error,
    summary: "a case file is not directly inside a country folder",
    explanation: "\
Every case file lives directly in the folder of its country: \
`cases/<CC>/<slug>.md`. A file directly under `cases/`, or in a sub-folder of a \
country folder, has no well-defined address on the site.

Fix: move it to `cases/<CC>/`, for example `cases/SE/digital-colleague.md`.",
};

pub const IGNORED_FILE: Code = Code {
    code: "W0108",
    name: "ignored-file",
    severity: Severity::Warning,
    summary: "a file in the cases folder is not a `.md` file and is ignored",
    explanation: "\
Only files ending in `.md` are cases. Anything else under `cases/` (a `.txt` \
or `.MD` file, a Word document, a symbolic link) is skipped, which is rarely \
what its author meant.

Fix: rename a case file to end in `.md` (lowercase), or remove the file. \
Symbolic links are never followed: put the case file itself in the folder.",
};

pub const UNREADABLE_FILE: Code = Code {
    code: "E0109",
    name: "unreadable-file",
    severity: Severity::Error,
    summary: "the file could not be read",
    explanation: "\
The operating system refused to read the file (its permissions, or a broken \
disk). The message says what it reported.

Fix: make the file readable (`chmod a+r <file>`) or restore it from git.",
};

/// A case file that was read and split.
#[derive(Debug, Clone)]
pub struct CaseFile {
    /// The displayed path, which is also the key of its [`SourceFile`].
    pub path: String,
    /// The country folder it is in (already checked against the vocabulary).
    pub folder: String,
    /// The file name without `.md`.
    pub slug: String,
    pub parts: Parts,
    /// The path it was read from, if it was read from a file.
    pub read_from: Option<std::path::PathBuf>,
}

/// Everything the load stage produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: SourceMap,
    pub cases: Vec<CaseFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were looked at, for the summary line.
    pub files_seen: usize,
}

/// Walk `cases_dir` (shown to users as `cases_display`) and load every case.
/// `countries` are the allowed folder names. Fails only when the folder
/// itself cannot be read.
/// A case file the walk found: where it is, how it is shown, its country
/// folder and its slug.
#[derive(Debug, Clone)]
pub struct FoundCase {
    pub path: std::path::PathBuf,
    pub display: String,
    pub folder: String,
    pub slug: String,
}

/// What the walk of `cases/` found: the case files to read, and the
/// diagnostics of everything else in the folder.
#[derive(Debug, Default)]
pub struct Walked {
    pub cases: Vec<FoundCase>,
    pub diagnostics: Vec<Diagnostic>,
    pub files_seen: usize,
}

/// Walk `cases/`: every `.md` file directly in a country
/// folder of `countries` is a case to read; anything else is a
/// diagnostic. Nothing is read yet, so that the caller can read, check and
/// let go of one file at a time on every core.
pub fn find_cases(cases_dir: &Path, cases_display: &str, countries: &[&str]) -> anyhow::Result<Walked> {
    let mut walked = Walked::default();
    for entry in walk(cases_dir) {
        let entry = entry.with_context(|| format!("could not read the folder {}", cases_dir.display()))?;
        let relative = entry.path().strip_prefix(cases_dir).unwrap_or(entry.path());
        let components: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let display = format!("{cases_display}/{}", components.join("/"));
        if entry.file_type().is_dir() {
            if components.len() == 1 && !countries.contains(&components[0].as_str()) {
                walked
                    .diagnostics
                    .push(unknown_country_folder(&display, &components[0], countries));
            }
            continue;
        }
        let name = components.last().cloned().unwrap_or_default();
        // Editors' and systems' files (.DS_Store, .gitkeep) are no one's
        // case; a hidden `.md` file probably was meant to be one.
        if name.starts_with('.') {
            if name.ends_with(".md") {
                walked.files_seen += 1;
                walked.diagnostics.push(
                    Diagnostic::new(&IGNORED_FILE, &display, None, format!("`{name}` starts with a dot, so it is hidden and not a case"))
                        .with_help("name case files after the case in lowercase words joined by hyphens, e.g. digital-colleague.md"),
                );
            }
            continue;
        }
        walked.files_seen += 1;
        if let Some(diagnostic) = not_a_case(&entry, &display, &name, components.len(), cases_display) {
            walked.diagnostics.push(diagnostic);
            continue;
        }
        if !countries.contains(&components[0].as_str()) {
            // Already reported once for the folder.
            continue;
        }
        let slug = name.trim_end_matches(".md").to_string();
        walked.cases.push(FoundCase {
            path: entry.into_path(),
            display,
            folder: components[0].clone(),
            slug,
        });
    }
    // In file-name order, folder by folder, whatever order the file system
    // lists them in. Sorted here once rather than by the walk, which
    // would take each entry's name apart again at every comparison (a
    // tenth of a 100,000-case check).
    walked
        .cases
        .sort_unstable_by(|a, b| (&a.folder, &a.display).cmp(&(&b.folder, &b.display)));
    Ok(walked)
}

/// Everything below `cases_dir`, in the file system's order, without
/// following links.
fn walk(cases_dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(cases_dir)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        // Hidden folders (.git) are not the catalogue's; hidden files are
        // looked at by the caller.
        .filter_entry(|entry| {
            !(entry.file_type().is_dir() && entry.file_name().to_string_lossy().starts_with('.'))
        })
}

/// Why a visible file (`depth` path components below the cases folder) is
/// not taken as a case: not a regular `.md` file, or not directly inside a
/// country folder.
fn not_a_case(
    entry: &walkdir::DirEntry,
    display: &str,
    name: &str,
    depth: usize,
    cases_display: &str,
) -> Option<Diagnostic> {
    let is_case = entry.file_type().is_file() && name.ends_with(".md");
    if !is_case {
        let why = if entry.file_type().is_symlink() {
            "is a symbolic link, which is never followed"
        } else {
            "does not end in `.md`"
        };
        return Some(
            Diagnostic::new(
                &IGNORED_FILE,
                display,
                None,
                format!("`{name}` {why}, so it is not a case"),
            )
            .with_help("rename a case file to `<slug>.md`, or remove the file"),
        );
    }
    if depth != 2 {
        return Some(
            Diagnostic::new(
                &MISPLACED_FILE,
                display,
                None,
                "case file is not directly inside a country folder",
            )
            .with_help(format!(
                "move it to {cases_display}/<CC>/{name}, where <CC> is its country code"
            )),
        );
    }
    None
}

/// Load the one case file at `path` (shown as `display`) in the country
/// folder `folder`: what `serve` does for a file that changed.
pub fn load_case(path: &Path, display: String, folder: String, slug: String) -> Loaded {
    let mut loaded = Loaded {
        files_seen: 1,
        ..Loaded::default()
    };
    if let Some(case) = read_case(path, display, folder, slug, &mut loaded) {
        loaded.cases.push(case);
    }
    loaded
}

fn unknown_country_folder(display: &str, folder: &str, countries: &[&str]) -> Diagnostic {
    let upper = folder.to_uppercase();
    let help = if countries.contains(&upper.as_str()) {
        format!("rename the folder to `{upper}`: country folders are in capital letters")
    } else {
        format!(
            "move its cases into one of the country folders: {}",
            countries.join(", ")
        )
    };
    Diagnostic::new(
        &UNKNOWN_COUNTRY_FOLDER,
        display,
        None,
        format!("`{folder}` is not a country code"),
    )
    .with_help(help)
}

/// Read and split one case file, or record why it cannot be used.
fn read_case(
    path: &Path,
    display: String,
    folder: String,
    slug: String,
    loaded: &mut Loaded,
) -> Option<CaseFile> {
    let text = match read_text(path, &display, &mut loaded.sources) {
        Ok(text) => text,
        Err(diagnostic) => {
            loaded.diagnostics.push(*diagnostic);
            return None;
        }
    };
    let source = SourceFile::new(&display, text);
    let split = front_matter::split(&source.text);
    loaded.sources.insert(source);
    match split {
        Ok(parts) => Some(CaseFile {
            path: display,
            folder,
            slug,
            parts,
            read_from: Some(path.to_path_buf()),
        }),
        Err(error) => {
            loaded.diagnostics.push(split_failure(&display, error));
            None
        }
    }
}

/// The text of the file, or why it cannot be used: unreadable, a link,
/// too large, or not UTF-8 (whose lossy text goes into `sources`, so the
/// diagnostic can show where).
fn read_text(path: &Path, display: &str, sources: &mut SourceMap) -> Result<String, Box<Diagnostic>> {
    let bytes = match crate::inside::read_walked_file(path, MAX_FILE_BYTES) {
        Ok(crate::inside::WalkedFile::Bytes(bytes)) => bytes,
        Ok(crate::inside::WalkedFile::TooLarge(size)) => return Err(too_large(display, size)),
        Ok(crate::inside::WalkedFile::Refused(why)) => {
            return Err(Box::new(
                Diagnostic::new(
                    &crate::inside::LINKED_FILE,
                    display,
                    None,
                    format!("the case file {why}"),
                )
                .with_help("put the case file itself in the folder: links are never followed"),
            ));
        }
        Err(error) => return Err(unreadable(display, error)),
    };
    String::from_utf8(bytes).map_err(|error| not_utf8(display, error, sources))
}

fn unreadable(display: &str, error: std::io::Error) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::new(
            &UNREADABLE_FILE,
            display,
            None,
            format!("could not read the file: {error}"),
        )
        .with_help("make the file readable, or restore it with `git checkout -- <file>`"),
    )
}

fn too_large(display: &str, size: u64) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::new(
            &FILE_TOO_LARGE,
            display,
            None,
            format!(
                "the file is {}; a case file may be at most {} KiB",
                if size >= 1024 * 1024 {
                    format!("{:.1} MiB", size as f64 / (1024.0 * 1024.0))
                } else {
                    format!("{} KiB", size.div_ceil(1024))
                },
                MAX_FILE_BYTES / 1024
            ),
        )
        .with_help("shorten the text and link to long documents in [[sources]] instead of pasting them"),
    )
}

/// Points at the first byte that is not UTF-8, in the file's lossy text,
/// which it adds to `sources`.
fn not_utf8(display: &str, error: std::string::FromUtf8Error, sources: &mut SourceMap) -> Box<Diagnostic> {
    let valid_up_to = error.utf8_error().valid_up_to();
    let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
    let replacement_len = '\u{fffd}'.len_utf8();
    sources.insert(SourceFile::new(display, lossy));
    Box::new(
        Diagnostic::new(
            &NOT_UTF8,
            display,
            Some(valid_up_to..valid_up_to + replacement_len),
            "the file is not UTF-8 text",
        )
        .with_label("first byte that is not UTF-8")
        .with_help("save the file with the UTF-8 encoding"),
    )
}

/// Why the text could not be split into front matter and body.
fn split_failure(display: &str, error: SplitError) -> Diagnostic {
    match error {
        SplitError::Empty => Diagnostic::new(&EMPTY_FILE, display, None, "the case file is empty")
            .with_help("delete it, or start it with `catalogue new <slug> --country <CC>`"),
        SplitError::NoOpeningFence(line) => Diagnostic::new(
            &NO_FRONT_MATTER,
            display,
            Some(line),
            "the file does not start with `+++`",
        )
        .with_label("expected a line with exactly `+++` here")
        .with_help("put the fields between a `+++` line at the top and another `+++` line before the body"),
        SplitError::NoClosingFence(line) => Diagnostic::new(
            &UNCLOSED_FRONT_MATTER,
            display,
            Some(line),
            "the front matter is never closed",
        )
        .with_label("opened here")
        .with_help("add a line with exactly `+++` after the last field"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// E0109 cannot be provoked through permissions when the tests run as
    /// root, so a file that vanishes stands in for one that cannot be read.
    #[test]
    fn an_unreadable_file_is_a_diagnostic() {
        let mut loaded = Loaded::default();
        let case = read_case(
            Path::new("/nonexistent/catalogue/x.md"),
            "cases/SE/x.md".into(),
            "SE".into(),
            "x".into(),
            &mut loaded,
        );
        assert!(case.is_none());
        assert_eq!(loaded.diagnostics.len(), 1);
        assert_eq!(loaded.diagnostics[0].code.code, "E0109");
    }
}

//! Diagnostics as plain data.
//!
//! A [`Diagnostic`] says what is wrong (a stable [`Code`], a one-line
//! message), where (a file and a byte span in it) and how to fix it (`help`).
//! Every stage pushes diagnostics into a list and carries on, so that one run
//! reports every mistake of every file; [`emit`] turns the sorted list into
//! the human, short, GitHub or JSON format. Nothing here prints.

pub mod emit;

use std::ops::Range;

/// How bad a diagnostic is. Errors stop `build`; warnings do not, unless the
/// user asks for `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A stable diagnostic code with its documentation. Codes are never reused or
/// renumbered: contributors search for them, and `catalogue explain` prints
/// the long explanation.
#[derive(Debug)]
pub struct Code {
    /// `E0301`: E for errors, W for warnings; the first two digits group
    /// related rules (01 files, 02 fields, 03 municipalities, 04 dates,
    /// 05 names and links, 06 the body).
    pub code: &'static str,
    /// A kebab-case name, accepted by `explain` as well as the code.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// The long explanation in Markdown: what it checks, why, an example of
    /// the mistake and its fix.
    pub explanation: &'static str,
}

/// One finding about the catalogue.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static Code,
    /// The displayed path of the file it is about.
    pub path: String,
    /// Byte span in that file; `None` when the whole file is meant (a file
    /// that is not UTF-8, say), which emitters show as line 1, column 1.
    pub span: Option<Range<usize>>,
    pub message: String,
    /// A short note under the underlined span (`not in the register`).
    pub label: Option<String>,
    /// How to fix it, in words a case author understands.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        code: &'static Code,
        path: impl Into<String>,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            path: path.into(),
            span,
            message: message.into(),
            label: None,
            help: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity
    }

    fn sort_key(&self) -> (&str, usize, &str, &str) {
        let start = self.span.as_ref().map_or(0, |span| span.start);
        (&self.path, start, self.code.code, &self.message)
    }
}

/// Sort diagnostics by file, position and code, so output is the same
/// whatever order the stages found them in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Counts for the closing summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Files with at least one diagnostic.
    pub files_with_problems: usize,
    /// Every file that was read.
    pub files_checked: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic], files_checked: usize) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count();
        let files: std::collections::BTreeSet<&str> = diagnostics.iter().map(|d| d.path.as_str()).collect();
        Summary {
            errors,
            warnings: diagnostics.len() - errors,
            files_with_problems: files.len(),
            files_checked,
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn plural(n: usize, word: &str) -> String {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        }
        write!(
            f,
            "{}, {} in {} ({} checked)",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files_with_problems, "file"),
            plural(self.files_checked, "file"),
        )
    }
}

//! W0111: a file has more problems than are shown; the rest are counted.

use crate::diag::{Code, Diagnostic, Severity};

/// At most this many diagnostics are shown for one case file, the first
/// ones in the file, followed by one W0111 that counts the others. A file
/// with tens of thousands of mistakes (60,000 unknown keys fit in the
/// 512 KiB limit) would otherwise give an unreadable report and a slow run.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 50;

pub const CODE: Code = Code {
    code: "W0111",
    name: "too-many-diagnostics",
    severity: Severity::Warning,
    summary: "a case file has more than 50 problems; only the first 50 are shown",
    explanation: "\
`catalogue check` shows at most 50 problems of one case file: the first 50 \
in the file, from top to bottom. This diagnostic follows them, points at the \
first problem it left out, and says how many more there are and how many of \
them are errors. Such a file is usually not a case file at all (a document \
pasted into the front matter, a generated file), or one mistake repeated \
many times, such as a missing `\"` that turns the rest of the file into \
nonsense.

The file still counts as having errors when any problem of it is an error, \
shown or not: if the first 50 are all warnings and an error was left out, \
the first such error takes the place of the 50th problem.

Fix: correct the problems shown and run `catalogue check` again; each run \
shows the next ones. If the file was added by mistake, delete it.",
};

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Keep the first [`MAX_DIAGNOSTICS_PER_FILE`] diagnostics of one file, by
/// position, and add one W0111 that counts the others. When the kept ones
/// are all warnings but an error was left out, the first error replaces the
/// last kept diagnostic, so the file still counts as having errors.
pub fn cap(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diagnostics.len() <= MAX_DIAGNOSTICS_PER_FILE {
        return diagnostics;
    }
    crate::diag::sort(&mut diagnostics);
    let mut left_out = diagnostics.split_off(MAX_DIAGNOSTICS_PER_FILE);
    let is_error = |d: &Diagnostic| d.severity() == Severity::Error;
    if !diagnostics.iter().any(is_error)
        && let Some(index) = left_out.iter().position(is_error)
    {
        let error = left_out.remove(index);
        if let Some(last) = diagnostics.pop() {
            left_out.insert(0, last);
        }
        diagnostics.push(error);
    }
    let Some(first) = left_out.first() else {
        return diagnostics;
    };
    let errors = left_out.iter().filter(|d| is_error(d)).count();
    let warnings = left_out.len() - errors;
    let notice = Diagnostic::new(
        &CODE,
        first.path.clone(),
        first.span.clone(),
        format!(
            "{} of this file {} not shown ({}, {})",
            plural(left_out.len(), "more problem"),
            if left_out.len() == 1 { "is" } else { "are" },
            plural(errors, "error"),
            plural(warnings, "warning"),
        ),
    )
    .with_label("the first problem not shown")
    .with_help(format!(
        "only the first {MAX_DIAGNOSTICS_PER_FILE} problems of a file are listed: fix them and run `catalogue check` again to see the next ones"
    ));
    diagnostics.push(notice);
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(code: &'static Code, start: usize) -> Diagnostic {
        Diagnostic::new(
            code,
            "cases/SE/x.md",
            Some(start..start + 1),
            format!("at {start}"),
        )
        .with_help("fix it")
    }

    #[test]
    fn up_to_the_limit_nothing_changes() {
        let all: Vec<Diagnostic> = (0..MAX_DIAGNOSTICS_PER_FILE)
            .map(|i| diagnostic(&super::super::unknown_key::CODE, i))
            .collect();
        assert_eq!(cap(all).len(), MAX_DIAGNOSTICS_PER_FILE);
    }

    #[test]
    fn the_first_by_position_are_kept_and_the_rest_counted() {
        // Found in reverse order, kept in file order.
        let all: Vec<Diagnostic> = (0..1000)
            .rev()
            .map(|i| diagnostic(&super::super::unknown_key::CODE, i * 10))
            .collect();
        let capped = cap(all);
        assert_eq!(capped.len(), MAX_DIAGNOSTICS_PER_FILE + 1);
        let starts: Vec<usize> = capped[..MAX_DIAGNOSTICS_PER_FILE]
            .iter()
            .map(|d| d.span.as_ref().map_or(0, |s| s.start))
            .collect();
        assert_eq!(
            starts,
            (0..MAX_DIAGNOSTICS_PER_FILE).map(|i| i * 10).collect::<Vec<_>>()
        );
        let notice = &capped[MAX_DIAGNOSTICS_PER_FILE];
        assert_eq!(notice.code.code, "W0111");
        assert_eq!(notice.span, Some(500..501), "points at the first left out");
        assert!(
            notice
                .message
                .starts_with("950 more problems of this file are not shown (950 errors, 0 warnings)")
        );
    }

    #[test]
    fn a_left_out_error_is_kept_in_place_of_the_last_warning() {
        let warning = &super::super::former_municipality::CODE;
        let mut all: Vec<Diagnostic> = (0..MAX_DIAGNOSTICS_PER_FILE + 10)
            .map(|i| diagnostic(warning, i))
            .collect();
        all.push(diagnostic(&super::super::unknown_key::CODE, 1000));
        let capped = cap(all);
        assert_eq!(capped.len(), MAX_DIAGNOSTICS_PER_FILE + 1);
        assert!(capped.iter().any(|d| d.severity() == Severity::Error));
        assert_eq!(capped[MAX_DIAGNOSTICS_PER_FILE - 1].code.code, "E0202");
        let notice = &capped[MAX_DIAGNOSTICS_PER_FILE];
        assert!(
            notice
                .message
                .starts_with("11 more problems of this file are not shown (0 errors, 11 warnings)")
        );
        assert_eq!(notice.span, Some(49..50));
    }
}

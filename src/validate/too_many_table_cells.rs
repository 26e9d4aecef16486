//! E0604: the tables of a body have more cells than a case file may hold.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};

pub const CODE: Code = Code {
    code: "E0604",
    name: "too-many-table-cells",
    severity: Severity::Error,
    summary: "the tables of the body have more cells than a case may hold",
    explanation: "\
The tables of a case body may have at most 5,000 cells together: a table \
counts as its rows (the head row too) times its columns, since every row \
is laid out with all the columns. A table of every Swedish municipality \
(290) with 15 columns fits. The limit keeps one file from exhausting the memory \
of the build: the printed appendix took 55 s and 6.4 GB for a table of \
3,000 rows and 160 columns.

`[limits] table_cells = N` in catalogue.toml may set a lower limit for the \
catalogue; it cannot raise the limit above 5,000.

Fix: keep the table to the figures the case needs and link to the full \
data set in `[[sources]]`.",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    let limit = context.config.limits.table_cells;
    let count = &context.body_counts().table_cells;
    let Some(span) = &count.first_over else { return };
    out.push(
        context
            .diagnostic(
                &CODE,
                Some(context.body_span(span)),
                format!(
                    "the tables of the body have {} cells; at most {limit} are allowed",
                    count.total
                ),
            )
            .with_label(format!("this row passes {limit} cells"))
            .with_help("keep the figures the case needs and link to the full data set in [[sources]]"),
    );
}

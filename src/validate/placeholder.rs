//! E0209: a placeholder left by `catalogue new` has not been filled in.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::{Node, Value, is_placeholder};

pub const CODE: Code = Code {
    code: "E0209",
    name: "placeholder",
    severity: Severity::Error,
    summary: "a `TODO` placeholder has not been replaced",
    explanation: "\
`catalogue new` writes a case file in which every value to fill in is a text \
starting with `TODO`, and every body section starts with a `TODO:` line. Each \
one left is reported, so that no placeholder reaches the published site.

Example of the mistake:

    summary = \"TODO: two or three plain sentences in English\"

Fix: replace the whole text, including `TODO:`:

    summary = \"Eight inland municipalities share a digital collaboration space.\"

A date placeholder such as `started = \"TODO: ...\"` becomes a date without \
quotes: `started = 2021-01-07`.",
};

fn walk(context: &CaseContext<'_>, key: &str, node: &Node, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::String(text) if is_placeholder(text) => out.push(
            context
                .diagnostic(
                    &CODE,
                    Some(node.span.clone()),
                    format!("`{key}` is still a placeholder"),
                )
                .with_label("replace this text")
                .with_help(format!(
                    "fill in `{key}` and remove the TODO text; see `catalogue explain E0209`"
                )),
        ),
        Value::Array(items) => {
            for item in items {
                walk(context, key, item, out);
            }
        }
        Value::Table(table) => {
            for entry in &table.entries {
                walk(context, &entry.key, &entry.value, out);
            }
        }
        _ => {}
    }
}

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for entry in &context.front_matter.root.entries {
        walk(context, &entry.key, &entry.value, out);
    }
    let body_start = context.file.parts.body.start;
    let mut offset = body_start;
    for line in context.body().split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("TODO") {
            let start = offset + (line.len() - trimmed.len());
            let end = offset + line.trim_end().len();
            out.push(
                context
                    .diagnostic(&CODE, Some(start..end), "the body still has a placeholder line")
                    .with_label("replace this line")
                    .with_help("write this section's text in place of the TODO line"),
            );
        }
        offset += line.len();
    }
}

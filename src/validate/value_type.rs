//! E0203: a field's value is of the wrong kind (a number where text is
//! expected, text where a list is expected, ...).

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::{
    CONTACT_FIELDS, FIELDS, Field, Kind, Node, SOURCE_FIELDS, TRANSLATION_FIELDS, Table, Value, field_named,
    is_placeholder,
};

pub const CODE: Code = Code {
    code: "E0203",
    name: "wrong-type",
    severity: Severity::Error,
    summary: "a field has a value of the wrong kind",
    explanation: "\
Each field takes one kind of value:

- text in double quotes: title, title_local, summary, country, cooperation, \
status, language, evaluation;
- a list of texts in square brackets: municipalities, categories, \
service_areas, organisations, tags (even with one element: `[\"internal\"]`);
- a date without quotes (`2021-01-07`) or a year (`2021`): started, ended;
- a date without quotes: reviewed;
- tables: `[[sources]]` (one per source), `[contact]`, and one \
`[translations.<language>]` per language (with `title` and `summary` as \
text).

Municipality codes are text: write `\"0114\"` in quotes, because as a number \
the leading zero would be lost.

Examples of the mistake and the fix:

    categories = \"internal\"      →  categories = [\"internal\"]
    municipalities = [2462]      →  municipalities = [\"2462\"]
    reviewed = \"2026-05-04\"      →  reviewed = 2026-05-04",
};

fn is_text(node: &Node) -> bool {
    matches!(node.value, Value::String(_))
}

fn placeholder(node: &Node) -> bool {
    matches!(&node.value, Value::String(text) if is_placeholder(text))
}

/// The help for a value of the wrong kind, specific where we can guess
/// what the author meant.
fn help(field: &Field, node: &Node, source: &str) -> String {
    let written = source.get(node.span.clone()).unwrap_or("…");
    match (field.kind, &node.value) {
        (Kind::TextList, Value::String(_)) => format!("write it as a list: {} = [{written}]", field.name),
        (Kind::Text, Value::Array(items)) if items.len() == 1 => {
            let inner = source.get(items[0].span.clone()).unwrap_or("…");
            format!(
                "`{}` takes one value, not a list: {} = {inner}",
                field.name, field.name
            )
        }
        (Kind::DateOrYear | Kind::Date, Value::String(text)) => {
            format!("write the date without quotes: {} = {text}", field.name)
        }
        (Kind::Date, Value::Integer(_)) => format!("`{}` needs a full date such as 2026-05-04", field.name),
        (Kind::Text, _) => format!("write it in double quotes: {} = \"{written}\"", field.name),
        _ => format!("`{}` takes {}", field.name, field.kind.describe()),
    }
}

fn wrong(context: &CaseContext<'_>, field: &Field, node: &Node, what: &str, out: &mut Vec<Diagnostic>) {
    out.push(
        context
            .diagnostic(
                &CODE,
                Some(node.span.clone()),
                format!(
                    "`{}` must be {}, found {}",
                    field.name,
                    what,
                    node.value.type_name()
                ),
            )
            .with_label(format!("expected {what}"))
            .with_help(help(field, node, &context.source.text)),
    );
}

fn check_table(
    context: &CaseContext<'_>,
    table: &Table,
    fields: &'static [Field],
    out: &mut Vec<Diagnostic>,
) {
    for entry in &table.entries {
        let Some(field) = field_named(fields, &entry.key) else {
            continue;
        };
        let node = &entry.value;
        if placeholder(node) {
            continue;
        }
        match field.kind {
            Kind::Text if !is_text(node) => wrong(context, field, node, "text in quotes", out),
            Kind::TextList => match &node.value {
                Value::Array(items) => {
                    for item in items.iter().filter(|item| !is_text(item)) {
                        let mut diagnostic = context
                            .diagnostic(
                                &CODE,
                                Some(item.span.clone()),
                                format!(
                                    "every element of `{}` must be text in quotes, found {}",
                                    field.name,
                                    item.value.type_name()
                                ),
                            )
                            .with_label("expected text in quotes");
                        let written = context.source.text.get(item.span.clone()).unwrap_or("…");
                        diagnostic = diagnostic.with_help(if field.name == "municipalities" {
                            format!("write the code in quotes, \"{written}\": as a number a leading zero would be lost")
                        } else {
                            format!("write it in quotes: \"{written}\"")
                        });
                        out.push(diagnostic);
                    }
                }
                _ => wrong(context, field, node, "a list of texts", out),
            },
            Kind::DateOrYear if !matches!(node.value, Value::Datetime(_) | Value::Integer(_)) => {
                wrong(context, field, node, "a date or a year", out)
            }
            Kind::Date if !matches!(node.value, Value::Datetime(_)) => {
                wrong(context, field, node, "a date", out)
            }
            Kind::Sources => match &node.value {
                Value::Array(items) if items.iter().all(|item| matches!(item.value, Value::Table(_))) => {
                    for item in items {
                        if let Value::Table(source) = &item.value {
                            check_table(context, source, SOURCE_FIELDS, out);
                        }
                    }
                }
                _ => wrong(context, field, node, "[[sources]] tables", out),
            },
            Kind::Contact => match &node.value {
                Value::Table(contact) => check_table(context, contact, CONTACT_FIELDS, out),
                _ => wrong(context, field, node, "a [contact] table", out),
            },
            Kind::Translations => match &node.value {
                Value::Table(languages) => {
                    for language in &languages.entries {
                        match &language.value.value {
                            Value::Table(translation) => {
                                check_table(context, translation, TRANSLATION_FIELDS, out);
                            }
                            other => out.push(
                                context
                                    .diagnostic(
                                        &CODE,
                                        Some(language.value.span.clone()),
                                        format!(
                                            "`translations.{}` must be a table, found {}",
                                            language.key,
                                            other.type_name()
                                        ),
                                    )
                                    .with_label("expected a table")
                                    .with_help(format!(
                                        "write it as a table: [translations.{}] on a line of its own, then title = \"…\" and summary = \"…\" below it",
                                        language.key
                                    )),
                            ),
                        }
                    }
                }
                _ => wrong(context, field, node, "[translations.<language>] tables", out),
            },
            _ => {}
        }
    }
}

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    check_table(context, &context.front_matter.root, FIELDS, out);
}

//! E0207: a required list is empty.

use super::CaseContext;
use crate::diag::{Code, Diagnostic, Severity};
use crate::schema::{FIELDS, Kind, Value, filled_by_stand_in};

pub const CODE: Code = Code {
    code: "E0207",
    name: "empty-list",
    severity: Severity::Error,
    summary: "a required list has no elements",
    explanation: "\
municipalities, categories and service_areas need at least one value, and a \
case needs at least one [[sources]] table: a case that names no municipality \
or no source cannot be placed or checked.

Example of the mistake:

    categories = []

Fix:

    categories = [\"internal\"]",
};

pub fn check(context: &CaseContext<'_>, out: &mut Vec<Diagnostic>) {
    for field in FIELDS
        .iter()
        .filter(|f| f.required && matches!(f.kind, Kind::TextList | Kind::Sources))
    {
        let Some(entry) = context.front_matter.root.get(field.name) else {
            continue;
        };
        if filled_by_stand_in(&context.front_matter.root, field.name) {
            continue;
        }
        if matches!(&entry.value.value, Value::Array(items) if items.is_empty()) {
            out.push(
                context
                    .diagnostic(
                        &CODE,
                        Some(entry.value.span.clone()),
                        format!("`{}` is empty", field.name),
                    )
                    .with_label("needs at least one value")
                    .with_help(format!("add at least one value: {}", field.doc)),
            );
        }
    }
}

//! `catalogue schema`: a JSON Schema of the front matter, generated from
//! the field table and the vocabularies of `catalogue.toml`, so editors and
//! other tools can validate case files too. Dates are strings in the
//! schema (`2021-01-07`), as TOML dates become when converted to JSON.
//! Municipalities and bodies stay free text: resolving them needs the
//! register.

use serde_json::{Value, json};

use crate::config::Config;
use crate::schema::{
    CONTACT_FIELDS, FIELDS, Field, Kind, SOURCE_FIELDS, STANDS_IN_FOR, TRANSLATION_FIELDS, YEARS,
};
use crate::slug::MAX_SLUG_CHARS;

/// The longest text a field allows (as E0204 checks): the case's own title
/// and summary have their limits; a source's title is an ordinary text.
fn max_length(field: &Field, nested: bool) -> u64 {
    match (field.name, nested) {
        ("title", false) => 120,
        ("summary", false) => 500,
        ("title_local", false) => 200,
        _ => 300,
    }
}

fn property(field: &Field, config: &Config, nested: bool) -> Value {
    let terms = field.vocabulary.map(|vocabulary| {
        config
            .terms(vocabulary)
            .iter()
            .map(|term| json!(term.id()))
            .collect::<Vec<_>>()
    });
    let date = json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" });
    let mut schema = match (field.kind, terms) {
        (Kind::Text, Some(terms)) => json!({ "enum": terms }),
        (Kind::Text, None) if field.name == "url" => {
            json!({ "type": "string", "pattern": "^https?://[^\\s/@]+[^\\s]*$" })
        }
        (Kind::Text, None) => {
            json!({ "type": "string", "minLength": 1, "maxLength": max_length(field, nested) })
        }
        (Kind::TextList, Some(terms)) => {
            json!({ "type": "array", "minItems": 1, "uniqueItems": true, "items": { "enum": terms } })
        }
        (Kind::TextList, None) if field.name == "tags" => json!({
            "type": "array", "uniqueItems": true,
            "items": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": MAX_SLUG_CHARS }
        }),
        (Kind::TextList, None) => json!({
            "type": "array", "minItems": if field.required { 1 } else { 0 }, "uniqueItems": true,
            "items": { "type": "string", "minLength": 1, "maxLength": 300 }
        }),
        (Kind::DateOrYear, _) => json!({
            "oneOf": [date, { "type": "integer", "minimum": YEARS.start(), "maximum": YEARS.end() }]
        }),
        (Kind::Date, _) => date,
        (Kind::Sources, _) => json!({
            "type": "array", "minItems": 1, "items": object(SOURCE_FIELDS, config, true)
        }),
        (Kind::Contact, _) => object(CONTACT_FIELDS, config, true),
        (Kind::Translations, _) => {
            // Not into English: the case's own title and summary are (E0212).
            let languages: Vec<Value> = config
                .terms(crate::config::Vocabulary::Languages)
                .iter()
                .map(|term| term.id())
                .filter(|term| *term != crate::model::ORIGINAL_LANGUAGE)
                .map(|term| json!(term))
                .collect();
            // A translation's texts have the limits of the case's own.
            let mut translation = object(TRANSLATION_FIELDS, config, false);
            if let Some(object) = translation.as_object_mut() {
                object.insert("minProperties".into(), json!(1));
            }
            json!({
                "type": "object",
                "propertyNames": { "enum": languages },
                "additionalProperties": translation,
            })
        }
    };
    if let Some(object) = schema.as_object_mut() {
        object.insert("description".into(), json!(field.doc));
    }
    schema
}

fn object(fields: &[Field], config: &Config, nested: bool) -> Value {
    let properties: serde_json::Map<String, Value> = fields
        .iter()
        .map(|field| (field.name.to_string(), property(field, config, nested)))
        .collect();
    let stands_in = |name: &str| STANDS_IN_FOR.iter().any(|(required, _)| *required == name);
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required && !stands_in(f.name))
        .map(|f| f.name)
        .collect();
    let mut schema = json!({ "type": "object", "additionalProperties": false, "required": required, "properties": properties });
    // `municipalities` is required unless `bodies` stands in for it.
    let alternatives: Vec<Value> = STANDS_IN_FOR
        .iter()
        .filter(|(required, _)| fields.iter().any(|f| f.name == *required))
        .map(|(required, stand_in)| json!({ "anyOf": [{ "required": [required] }, { "required": [stand_in] }] }))
        .collect();
    if let (false, Some(object)) = (alternatives.is_empty(), schema.as_object_mut()) {
        object.insert("allOf".into(), Value::Array(alternatives));
    }
    schema
}

/// The schema, as a JSON document.
pub fn json_schema(config: &Config) -> Value {
    let mut schema = object(FIELDS, config, false);
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        object.insert(
            "title".into(),
            json!("The front matter of a case of the Nordic good-examples catalogue"),
        );
        object.insert(
            "description".into(),
            json!("Generated by `catalogue schema` from catalogue.toml. Municipalities are checked against the register only by `catalogue check`."),
        );
    }
    schema
}

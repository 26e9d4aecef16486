//! The JSON Schema of the front matter validates the shipped catalogue and
//! rejects what `check` rejects for the same reason.

fn to_json(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(text) => serde_json::json!(text),
        toml::Value::Integer(number) => serde_json::json!(number),
        toml::Value::Float(number) => serde_json::json!(number),
        toml::Value::Boolean(flag) => serde_json::json!(flag),
        toml::Value::Datetime(datetime) => serde_json::json!(datetime.to_string()),
        toml::Value::Array(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(table) => serde_json::Value::Object(
            table
                .iter()
                .map(|(key, value)| (key.clone(), to_json(value)))
                .collect(),
        ),
    }
}

pub(crate) fn front_matter(text: &str) -> serde_json::Value {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let toml_text = text.split("+++\n").nth(1).unwrap();
    to_json(&toml::from_str::<toml::Value>(toml_text).unwrap())
}

fn schema() -> serde_json::Value {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let paths = catalogue::CataloguePaths::new(root.join("examples-catalogue"));
    let checked = catalogue::check(&paths, crate::harness::today()).unwrap();
    catalogue::json_schema::json_schema(&checked.catalogue.unwrap().config)
}

#[test]
fn the_shipped_catalogue_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("the schema is a valid JSON Schema");
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples-catalogue/cases");
    let mut count = 0;
    for entry in walkdir::WalkDir::new(cases).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_some_and(|e| e == "md") {
            let instance = front_matter(&std::fs::read_to_string(entry.path()).unwrap());
            let errors: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", entry.path().display());
            count += 1;
        }
    }
    assert!(count >= 12);
}

#[test]
fn the_schema_rejects_what_check_rejects() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let valid = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/valid/cases/SE/digital-colleague.md"),
    )
    .unwrap();
    assert!(validator.is_valid(&front_matter(&valid)));
    for (from, to) in [
        ("categories = [\"internal\"]", "categories = [\"intern\"]"),
        ("municipalities =", "municipalitys ="),
        ("status = \"ended\"", "status = \"finished\""),
        ("url = \"https://", "url = \"javascript:"),
        (
            "tags = [\"competence\", \"peer-support\"]",
            "tags = [\"Peer Support\"]",
        ),
        ("started = 2021-01-07", "started = \"last year\""),
    ] {
        let broken = valid.replacen(from, to, 1);
        assert_ne!(broken, valid, "{from}");
        assert!(
            !validator.is_valid(&front_matter(&broken)),
            "the schema accepts {to}"
        );
    }
}

#[test]
fn the_schema_takes_bodies_in_place_of_municipalities() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let valid = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/valid/cases/SE/digital-colleague.md"),
    )
    .unwrap();
    let with_body = valid.replacen(
        "municipalities = [\"Vilhelmina\", \"2421\"]",
        "bodies = [\"se-region-vasterbotten\"]",
        1,
    );
    assert_ne!(with_body, valid);
    assert!(validator.is_valid(&front_matter(&with_body)));
    let with_neither = valid.replacen("municipalities = [\"Vilhelmina\", \"2421\"]\n", "", 1);
    assert!(!validator.is_valid(&front_matter(&with_neither)));
}

//! `catalogue fmt`: one layout for every case's front matter, so that a
//! pull request's diff shows what changed in the content, not in spacing.
//!
//! Keys are put in the order of CASE-FORMAT.md (unknown keys last, as they
//! were), single-line 'literal' strings get double quotes, and arrays
//! without comments are written on one line with single spaces. Comments
//! stay with the key or value they belong to (toml_edit keeps them), and
//! everything outside the front matter, the body above all, is kept byte
//! for byte.

use toml_edit::{Array, DocumentMut, Item, Table, Value};

use crate::load::front_matter;
use crate::schema::{CONTACT_FIELDS, FIELDS, Field, SOURCE_FIELDS, TRANSLATION_FIELDS};

fn position(fields: &[Field], key: &str) -> usize {
    fields
        .iter()
        .position(|field| field.name == key)
        .unwrap_or(fields.len())
}

fn has_comment(decor: &toml_edit::Decor) -> bool {
    [decor.prefix(), decor.suffix()]
        .into_iter()
        .flatten()
        .any(|raw| raw.as_str().is_some_and(|text| text.contains('#')))
}

fn format_value(value: &mut Value) {
    match value {
        Value::String(text) => {
            let literal = text
                .as_repr()
                .and_then(|repr| repr.as_raw().as_str())
                .is_some_and(|raw| raw.starts_with('\'') && !raw.starts_with("'''"));
            if literal {
                text.fmt();
            }
        }
        Value::Array(array) => format_array(array),
        Value::InlineTable(table) => table.iter_mut().for_each(|(_, value)| format_value(value)),
        _ => {}
    }
}

fn format_array(array: &mut Array) {
    array.iter_mut().for_each(format_value);
    let commented = array.iter().any(|value| has_comment(value.decor()))
        || array.trailing().as_str().is_some_and(|text| text.contains('#'));
    if !commented {
        array.fmt();
        array.set_trailing_comma(false);
        array.set_trailing("");
    }
}

fn format_table(table: &mut Table, fields: &'static [Field]) {
    table.sort_values_by(|a, _, b, _| position(fields, a.get()).cmp(&position(fields, b.get())));
    for (key, item) in table.iter_mut() {
        match item {
            Item::Value(value) => format_value(value),
            Item::Table(sub) if key.get() == "contact" => format_table(sub, CONTACT_FIELDS),
            Item::Table(sub) if key.get() == "translations" => format_translations(sub),
            Item::ArrayOfTables(tables) if key.get() == "sources" => {
                tables
                    .iter_mut()
                    .for_each(|source| format_table(source, SOURCE_FIELDS));
            }
            _ => {}
        }
    }
}

/// Each `[translations.<language>]` table with its keys in order, and the
/// tables in the order of their language codes, in the places in the file
/// the translations already took (so other tables between them stay).
fn format_translations(translations: &mut Table) {
    translations.sort_values_by(|a, _, b, _| a.get().cmp(b.get()));
    let mut positions: Vec<isize> = Vec::new();
    for (_, item) in translations.iter_mut() {
        match item {
            Item::Table(translation) => {
                format_table(translation, TRANSLATION_FIELDS);
                positions.extend(translation.position());
            }
            Item::Value(value) => format_value(value),
            _ => {}
        }
    }
    positions.sort_unstable();
    let tables = translations
        .iter_mut()
        .filter_map(|(_, item)| item.as_table_mut())
        .filter(|table| table.position().is_some());
    for (table, position) in tables.zip(positions) {
        table.set_position(Some(position));
    }
}

/// The case file `text` with its front matter formatted, or why it cannot
/// be (it does not split or parse: `catalogue check` says more).
pub fn format_case(text: &str) -> Result<String, String> {
    let parts = front_matter::split(text).map_err(|_| "the front matter cannot be found".to_string())?;
    let toml = &text[parts.front_matter.clone()];
    let crlf = toml.contains("\r\n");
    let mut document: DocumentMut = toml
        .replace("\r\n", "\n")
        .parse()
        .map_err(|_| "the front matter is not valid TOML".to_string())?;
    format_table(document.as_table_mut(), FIELDS);
    let mut formatted = document.to_string();
    if !formatted.is_empty() && !formatted.ends_with('\n') {
        formatted.push('\n');
    }
    if crlf {
        formatted = formatted.replace('\n', "\r\n");
    }
    Ok(format!(
        "{}{formatted}{}",
        &text[..parts.front_matter.start],
        &text[parts.front_matter.end..]
    ))
}

/// What `catalogue fmt` did or would do.
#[derive(Debug, Default)]
pub struct FormatReport {
    /// Case files looked at.
    pub files: usize,
    /// Displayed paths of the files whose front matter changes.
    pub changed: Vec<String>,
    /// Files that could not be formatted, and why.
    pub skipped: Vec<(String, String)>,
}

/// Format every case file of the catalogue; write the changes only when
/// `write` is set. A file is replaced through a temporary file beside it,
/// so a failure never leaves it half-written.
pub fn format_catalogue(
    paths: &crate::pipeline::CataloguePaths,
    write: bool,
) -> anyhow::Result<FormatReport> {
    use anyhow::Context as _;
    let mut report = FormatReport::default();
    let cases = paths.cases();
    for entry in walkdir::WalkDir::new(&cases)
        .sort_by_file_name()
        .min_depth(2)
        .max_depth(2)
    {
        let entry = entry.with_context(|| format!("could not read {}", cases.display()))?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let relative = entry.path().strip_prefix(&paths.root).unwrap_or(entry.path());
        let shown = format!(
            "{}/{}",
            paths.display_root(),
            relative.to_string_lossy().replace('\\', "/")
        );
        report.files += 1;
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            report.skipped.push((shown, "it is not UTF-8 text".into()));
            continue;
        };
        match format_case(&text) {
            Ok(formatted) if formatted != text => {
                if write {
                    let temporary = entry.path().with_extension("md.fmt-tmp");
                    std::fs::write(&temporary, &formatted)
                        .and_then(|()| std::fs::rename(&temporary, entry.path()))
                        .with_context(|| format!("could not write {shown}"))?;
                }
                report.changed.push(shown);
            }
            Ok(_) => {}
            Err(problem) => report.skipped.push((shown, problem)),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSY: &str = "\u{feff}+++\r\nstatus = 'pilot'\r\n# The municipalities, by code.\r\nmunicipalities = [ \"2462\",\"2421\" ]  # Vilhelmina, Storuman\r\ntitle = \"T\"\r\ntags = [\r\n  \"a\",  # first\r\n  \"b\",\r\n]\r\n\r\n[[sources]]\r\nurl = 'https://x.org/'\r\ntitle = \"S\"\r\n+++\r\n\r\n## Background  \r\n\r\nBody *kept*   as is.\r\n";

    #[test]
    fn orders_keys_quotes_strings_and_keeps_comments_and_body() {
        let formatted = format_case(MESSY).unwrap();
        let title = formatted.find("title = \"T\"").unwrap();
        let municipalities = formatted.find("# The municipalities, by code.\r\nmunicipalities = [\"2462\", \"2421\"]  # Vilhelmina, Storuman").unwrap();
        let status = formatted.find("status = \"pilot\"").unwrap();
        assert!(title < municipalities && municipalities < status, "{formatted}");
        assert!(
            formatted.contains("\"a\",  # first"),
            "arrays with comments are left alone: {formatted}"
        );
        assert!(formatted.contains("url = \"https://x.org/\""));
        assert!(formatted.find("title = \"S\"").unwrap() < formatted.find("url = ").unwrap());
        assert!(formatted.starts_with("\u{feff}+++\r\n"));
        assert!(formatted.ends_with("+++\r\n\r\n## Background  \r\n\r\nBody *kept*   as is.\r\n"));
    }

    #[test]
    fn formatting_twice_changes_nothing() {
        let once = format_case(MESSY).unwrap();
        assert_eq!(format_case(&once).unwrap(), once);
    }

    #[test]
    fn a_broken_file_is_not_formatted() {
        assert!(format_case("no front matter").is_err());
        assert!(format_case("+++\ntitle = \n+++\n").is_err());
    }
}

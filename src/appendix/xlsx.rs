//! The appendix's table as an Excel workbook: the rows and columns of the
//! appendix CSV (the open data's columns and the case number), on one
//! sheet, with the header row bold, frozen and filterable, and columns
//! sized to their contents. Every cell is text, as in the CSV, so that a
//! municipality code keeps its leading zero.
//!
//! The bytes are a function of the catalogue alone: the creation date in
//! the document properties is the edition's date (the newest review), not
//! the clock, and `rust_xlsxwriter` stamps every part of the zip with one
//! fixed time, so two runs write the same file.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::document::Document;

/// Excel's limit on the characters of a cell; a longer value is cut and
/// ends in an ellipsis rather than failing the workbook.
const CELL_LIMIT: usize = 32_767;

/// The widest a column is sized to, in characters: a summary wider than
/// this wraps in the cell when the reader widens the row.
const MAX_WIDTH: usize = 60;

/// The creation date of a catalogue without cases (and so without a
/// newest review): a fixed day, so that its workbook too is the same from
/// run to run.
const NO_DATE: (u16, u8, u8) = (2000, 1, 1);

/// The workbook of `csv` (the appendix CSV, with or without its byte-order
/// mark) for the edition `document`.
pub fn render(csv: &str, document: &Document) -> anyhow::Result<Vec<u8>> {
    let csv = csv.strip_prefix(crate::export::open_data::CSV_BOM).unwrap_or(csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    let mut workbook = Workbook::new();
    let (year, month, day) = document.date.map_or(NO_DATE, |date| {
        (
            u16::try_from(date.year).unwrap_or(NO_DATE.0),
            u8::try_from(date.month).unwrap_or(NO_DATE.1),
            u8::try_from(date.day).unwrap_or(NO_DATE.2),
        )
    });
    let created = ExcelDateTime::from_ymd(year, month, day)?;
    let mut properties = DocProperties::new()
        .set_title(format!("{} – {}", document.title, document.strings.appendix))
        .set_creation_datetime(&created);
    if let Some(selection) = &document.selection {
        // What the filters found and did not find, where a reader of the
        // file's properties looks for it.
        properties = properties.set_comment(format!("{}: {selection}", document.strings.selection));
    }
    workbook.set_properties(&properties);
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(&document.strings.cases))?;
    let bold = Format::new().set_bold();
    let mut widths: Vec<usize> = Vec::new();
    let mut rows = 0u32;
    for (row, record) in reader.records().enumerate() {
        let record = record?;
        let row = u32::try_from(row)?;
        for (column, field) in record.iter().enumerate() {
            let value = cell(field);
            let column = u16::try_from(column)?;
            if row == 0 {
                sheet.write_string_with_format(row, column, value.as_ref(), &bold)?;
            } else {
                sheet.write_string(row, column, value.as_ref())?;
            }
            let width = value.lines().map(|line| line.chars().count()).max().unwrap_or(0);
            let index = usize::from(column);
            if widths.len() <= index {
                widths.resize(index + 1, 0);
            }
            widths[index] = widths[index].max(width);
        }
        rows = row;
    }
    for (column, width) in widths.iter().enumerate() {
        // A little room for the filter button beside the header.
        let width = u32::try_from((*width + 3).min(MAX_WIDTH))?;
        sheet.set_column_width(u16::try_from(column)?, width)?;
    }
    if !widths.is_empty() {
        sheet.set_freeze_panes(1, 0)?;
        let last = u16::try_from(widths.len() - 1)?;
        sheet.autofilter(0, 0, rows, last)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// A field as a cell: cut to Excel's limit.
fn cell(field: &str) -> std::borrow::Cow<'_, str> {
    if field.chars().count() <= CELL_LIMIT {
        return field.into();
    }
    let mut cut: String = field.chars().take(CELL_LIMIT - 1).collect();
    cut.push('…');
    cut.into()
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`,
/// not starting or ending with an apostrophe.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let trimmed = cleaned.trim_matches('\'').trim();
    if trimmed.is_empty() {
        "Cases".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        assert_eq!(sheet_name("Exempel"), "Exempel");
        assert_eq!(sheet_name("a/b:[c]*?\\"), "abc");
        assert_eq!(sheet_name("''"), "Cases");
        assert_eq!(sheet_name(&"x".repeat(40)).chars().count(), 31);
    }

    #[test]
    fn an_overlong_field_is_cut_to_the_limit() {
        let long = "å".repeat(CELL_LIMIT + 10);
        let cut = cell(&long);
        assert_eq!(cut.chars().count(), CELL_LIMIT);
        assert!(cut.ends_with('…'));
        assert_eq!(cell("short"), "short");
    }
}

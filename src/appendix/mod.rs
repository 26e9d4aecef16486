//! `catalogue appendix`: the catalogue as the printed appendix of a
//! report, in six formats.
//!
//! - **pdf**: typst as a library ([`pdf`], behind the default-on cargo
//!   feature `pdf`). The template `appendix.typ` is embedded; every case
//!   value, bodies included (as a tree of blocks and inlines, [`tree`]),
//!   reaches it as JSON through the typst world's file system, so
//!   contributor text is only ever placed as text, never evaluated.
//! - **html**: the same document as one self-contained, print-styled page
//!   ([`html`]), bodies rendered and sanitised by [`crate::markdown`].
//! - **csv** and **json**: the site's open data ([`crate::export`]) for the
//!   selected cases. The CSV starts with a UTF-8 byte-order mark, so that
//!   Excel on Windows reads å, ä and ø when the file is opened by
//!   double-click; `--no-bom` leaves it out for readers that take it for
//!   part of the first column's name.
//! - **xlsx**: the CSV's table as an Excel workbook ([`xlsx`]).
//! - **docx**: the PDF's document for Word, every part in a named style
//!   ([`docx`]).
//!
//! After the cases, the PDF, HTML and DOCX editions have a second part,
//! the research mapping ([`research`]): studies per country, theme and
//! kind, and the bibliography in APA 7 grouped by theme, which each
//! case's "Research on this example" cites.
//!
//! The PDF and HTML editions have two figures in their summary, a bar
//! chart of the country × category table and a map of the municipalities
//! taking part, each one SVG with its text alternative ([`figures`]).
//!
//! Cases are grouped by country (vocabulary order) and, within a country,
//! by digitalisation category (vocabulary order); a case with several
//! categories is described under the first of them (the first of the
//! selected ones with `--category`) and listed by its number under each
//! other, so every category shows all its cases. Within a category, cases
//! are ordered by title (numbers by value), and each case is numbered
//! within its country in the order described (`SE 3`, beside its permanent
//! id); an index of municipalities with the case numbers closes the PDF
//! and HTML editions, and the CSV and JSON carry the numbers too. Every
//! format is a function of the catalogue alone: the date printed is the
//! newest `reviewed` date, never the clock.

pub mod document;
pub mod docx;
pub mod figures;
pub mod html;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod research;
pub mod strings;
pub mod tree;
pub mod xlsx;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::config::Vocabulary;
use crate::model::{Case, Catalogue};
use crate::pipeline::{CataloguePaths, Checked};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A4 PDF with contents, summary tables, bookmarks (typst).
    Pdf,
    /// One self-contained, print-styled HTML page.
    Html,
    /// One row per case, every front-matter field.
    Csv,
    /// One object per case, every front-matter field.
    Json,
    /// The CSV's table as an Excel workbook.
    Xlsx,
    /// A Word document with the PDF's structure, in named styles.
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }
}

/// The languages the appendix's own text exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
    Sv,
    Nb,
    Nn,
    Da,
    Fi,
    Is,
}

impl Lang {
    pub const ALL: [Lang; 7] = [
        Lang::En,
        Lang::Sv,
        Lang::Nb,
        Lang::Nn,
        Lang::Da,
        Lang::Fi,
        Lang::Is,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::Da => "da",
            Lang::Fi => "fi",
            Lang::Is => "is",
        }
    }

    /// `no` (Norwegian without a written standard) counts as Bokmål.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_lowercase();
        if code == "no" {
            return Some(Lang::Nb);
        }
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }
}

/// What to render.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    /// The language of headings and labels; `None` is `[site] language`
    /// (English if that is not one of [`Lang`]).
    pub lang: Option<Lang>,
    /// Only cases of these countries (codes, any case).
    pub countries: Vec<String>,
    /// Only cases with one of these digitalisation categories.
    pub categories: Vec<String>,
    /// Whether the CSV starts with a UTF-8 byte-order mark (the default:
    /// Excel on Windows needs it to read the file as UTF-8).
    pub bom: bool,
}

/// Whether this binary can write PDF.
pub const PDF_SUPPORTED: bool = cfg!(feature = "pdf");

fn refuse_pdf_if_unsupported(format: Format) -> anyhow::Result<()> {
    if format == Format::Pdf && !PDF_SUPPORTED {
        anyhow::bail!(
            "this catalogue binary was built without PDF support (cargo feature `pdf`); \
             rebuild with default features, or use --format html"
        );
    }
    Ok(())
}

/// Render the appendix of a validated catalogue; what the command should
/// warn of goes into `warnings`.
pub fn render(
    catalogue: &Catalogue,
    options: &Options,
    warnings: &mut Vec<String>,
) -> anyhow::Result<Vec<u8>> {
    refuse_pdf_if_unsupported(options.format)?;
    match options.format {
        Format::Csv | Format::Json | Format::Xlsx => {
            let document = document::build(catalogue, options, false)?;
            let numbered = document.numbered();
            match options.format {
                Format::Json => Ok(numbered_json(&numbered, &catalogue.config.site.language)?.into_bytes()),
                Format::Xlsx => xlsx::render(&numbered_csv(&numbered)?, &document),
                _ => {
                    let csv = numbered_csv(&numbered)?;
                    Ok(if options.bom {
                        csv
                    } else {
                        csv.trim_start_matches(crate::export::open_data::CSV_BOM)
                            .to_string()
                    }
                    .into_bytes())
                }
            }
        }
        Format::Html => {
            let document = document::build(catalogue, options, false)?;
            Ok(html::render(&document)?.into_bytes())
        }
        Format::Docx => {
            let document = document::build(catalogue, options, true)?;
            docx::render(&document)
        }
        Format::Pdf => {
            let (bytes, warning) = render_pdf(catalogue, options)?;
            *warnings = warning.into_iter().collect();
            Ok(bytes)
        }
    }
}

/// The open data's CSV of the printed cases, in the order they are
/// printed, with one more column last: `number`, the case's number in this
/// edition (`SE 3`), so that a spreadsheet and the appendix cite a case
/// alike.
fn numbered_csv(numbered: &[(&Case, &str)]) -> anyhow::Result<String> {
    let mut rows = Vec::with_capacity(numbered.len());
    for (case, number) in numbered {
        rows.push(with_last_field(
            &crate::export::open_data::case_csv(case)?,
            number,
        ));
    }
    let csv = crate::export::open_data::join_csv(&rows)?;
    // The header is the first line, after the byte-order mark.
    let header_end = csv.find('\n').map_or(csv.len(), |end| end + 1);
    Ok(format!(
        "{}{}",
        with_last_field(&csv[..header_end], NUMBER_COLUMN),
        &csv[header_end..]
    ))
}

/// The name of the appendix CSV's and JSON's case-number column and field.
pub const NUMBER_COLUMN: &str = "number";

/// A CSV record with one more field before its line ending. The field is
/// a case number or [`NUMBER_COLUMN`]: letters, a space and digits, which
/// need no quotes.
fn with_last_field(line: &str, field: &str) -> String {
    let (record, ending) = if let Some(record) = line.strip_suffix("\r\n") {
        (record, "\r\n")
    } else if let Some(record) = line.strip_suffix('\n') {
        (record, "\n")
    } else {
        (line, "")
    };
    format!("{record},{field}{ending}")
}

/// The open data's JSON of the printed cases, in the order they are
/// printed, each record with its `number` first.
fn numbered_json(numbered: &[(&Case, &str)], language: &str) -> anyhow::Result<String> {
    let mut records = Vec::with_capacity(numbered.len());
    for (case, number) in numbered {
        let record = crate::export::open_data::case_json(case, language)?;
        let number = serde_json::to_string(number)?;
        // A record is a pretty-printed object whose fields are indented by
        // four spaces (see `case_json`).
        records.push(record.replacen('{', &format!("{{\n    \"{NUMBER_COLUMN}\": {number},"), 1));
    }
    Ok(crate::export::open_data::join_json(&records))
}

/// The PDF, and a warning when it could not be PDF/UA-1.
#[cfg(feature = "pdf")]
fn render_pdf(catalogue: &Catalogue, options: &Options) -> anyhow::Result<(Vec<u8>, Option<String>)> {
    let document = document::build(catalogue, options, true)?;
    let pdf = pdf::render(&document)?;
    let warning = pdf
        .not_ua
        .map(|reason| format!("the PDF is tagged but not PDF/UA-1: {reason}"));
    Ok((pdf.bytes, warning))
}

#[cfg(not(feature = "pdf"))]
fn render_pdf(_catalogue: &Catalogue, options: &Options) -> anyhow::Result<(Vec<u8>, Option<String>)> {
    refuse_pdf_if_unsupported(options.format)?;
    anyhow::bail!("PDF support is not built in")
}

/// The result of `catalogue appendix`.
#[derive(Debug)]
pub struct Rendered {
    pub checked: Checked,
    /// The file's bytes, or `None` when the catalogue had errors.
    pub output: Option<Vec<u8>>,
    /// How many cases the filters selected.
    pub cases: usize,
    /// The countries and categories of the filters that no selected case
    /// has, by their English labels: the command says so whatever the
    /// format, as the PDF and HTML editions do on their title pages.
    pub unmatched: Vec<String>,
    /// What the command warns of: a PDF that could not be PDF/UA-1.
    pub warnings: Vec<String>,
}

/// Check the catalogue and, if it has no errors, render its appendix.
pub fn appendix(
    paths: &CataloguePaths,
    options: &Options,
    today: jiff::civil::Date,
) -> anyhow::Result<Rendered> {
    refuse_pdf_if_unsupported(options.format)?;
    let checked = crate::pipeline::check(paths, today)?;
    let catalogue = match &checked.catalogue {
        Some(catalogue) if !checked.has_errors() => catalogue,
        _ => {
            return Ok(Rendered {
                checked,
                output: None,
                cases: 0,
                unmatched: Vec::new(),
                warnings: Vec::new(),
            });
        }
    };
    let selected = document::select(catalogue, options)?;
    let cases = selected.len();
    let unmatched = unmatched(catalogue, options, &selected);
    let mut warnings = Vec::new();
    let output = render(catalogue, options, &mut warnings)?;
    Ok(Rendered {
        checked,
        output: Some(output),
        cases,
        unmatched,
        warnings,
    })
}

/// The values of `--country` and `--category` that none of `selected`
/// has, in the order given, by their English labels.
pub fn unmatched(catalogue: &Catalogue, options: &Options, selected: &[&Case]) -> Vec<String> {
    let config = &catalogue.config;
    let label = |vocabulary: Vocabulary, id: &str| {
        config
            .term(vocabulary, id)
            .map_or(id, |term| term.label(crate::model::ORIGINAL_LANGUAGE))
            .to_string()
    };
    let mut unmatched: Vec<String> = Vec::new();
    for country in &options.countries {
        let id = country.trim().to_uppercase();
        if !selected.iter().any(|case| case.country == id) {
            unmatched.push(label(Vocabulary::Countries, &id));
        }
    }
    for category in &options.categories {
        let id = category.trim().to_lowercase();
        if !selected.iter().any(|case| case.categories.contains(&id)) {
            unmatched.push(label(Vocabulary::Categories, &id));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    unmatched.retain(|label| seen.insert(label.clone()));
    unmatched
}

/// `appendix.<ext>` in the current folder.
pub fn default_out(format: Format) -> PathBuf {
    PathBuf::from(format!("appendix.{}", format.extension()))
}

/// Write `bytes` to `out` (`-` is standard output). A file is written
/// beside its destination under a temporary name and renamed over it, so a
/// failure never leaves a half-written file.
pub fn write_output(out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if out.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(bytes)?;
        stdout.flush()?;
        return Ok(());
    }
    let name = out
        .file_name()
        .with_context(|| format!("{} is not a file name", out.display()))?;
    let folder = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temporary = folder.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, out)
    })();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("could not write {}", out.display()));
    }
    Ok(())
}

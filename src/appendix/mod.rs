//! `catalogue appendix`: the catalogue as the printed appendix of a
//! report, in four formats.
//!
//! - **pdf**: typst as a library ([`pdf`], behind the default-on cargo
//!   feature `pdf`). The template `appendix.typ` is embedded; every case
//!   value, bodies included (as a tree of blocks and inlines, [`tree`]),
//!   reaches it as JSON through the typst world's file system, so
//!   contributor text is only ever placed as text, never evaluated.
//! - **html**: the same document as one self-contained, print-styled page
//!   ([`html`]), bodies rendered and sanitised by [`crate::markdown`].
//! - **csv** and **json**: the site's open data ([`crate::export`]) for the
//!   selected cases.
//!
//! Cases are grouped by country (vocabulary order) and, within a country,
//! by digitalisation category (vocabulary order); a case with several
//! categories appears once, under the first of them (the first of the
//! selected ones with `--category`). Within a category, cases are ordered
//! by title (numbers by value). Every format is a function of the catalogue alone: the date
//! printed is the newest `reviewed` date, never the clock.

pub mod document;
pub mod html;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod strings;
pub mod tree;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

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
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
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

/// Render the appendix of a validated catalogue.
pub fn render(catalogue: &Catalogue, options: &Options) -> anyhow::Result<Vec<u8>> {
    refuse_pdf_if_unsupported(options.format)?;
    match options.format {
        Format::Csv | Format::Json => {
            let cases: Vec<Case> = document::select(catalogue, options)?
                .into_iter()
                .cloned()
                .collect();
            Ok(if options.format == Format::Csv {
                crate::export::cases_csv(&cases)?
            } else {
                crate::export::cases_json(&cases, &catalogue.config.site.language)?
            }
            .into_bytes())
        }
        Format::Html => {
            let document = document::build(catalogue, options, false)?;
            Ok(html::render(&document)?.into_bytes())
        }
        Format::Pdf => render_pdf(catalogue, options),
    }
}

#[cfg(feature = "pdf")]
fn render_pdf(catalogue: &Catalogue, options: &Options) -> anyhow::Result<Vec<u8>> {
    let document = document::build(catalogue, options, true)?;
    pdf::render(&document)
}

#[cfg(not(feature = "pdf"))]
fn render_pdf(_catalogue: &Catalogue, options: &Options) -> anyhow::Result<Vec<u8>> {
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
            });
        }
    };
    let cases = document::select(catalogue, options)?.len();
    let output = render(catalogue, options)?;
    Ok(Rendered {
        checked,
        output: Some(output),
        cases,
    })
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

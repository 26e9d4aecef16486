//! The command line, declared with clap's derive API. This is a contract
//! (see DESIGN.md): scripts, CI workflows and contributors rely on these
//! names and options.
//!
//! The doc comments below are clap's help text, read in a terminal: they
//! write addresses, `[default: …]` and `<placeholders>` as a user types
//! them, not as rustdoc links or HTML.
#![allow(
    rustdoc::bare_urls,
    rustdoc::broken_intra_doc_links,
    rustdoc::invalid_html_tags
)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::appendix::{Format as AppendixFormat, Lang};
use crate::diag::emit::Format;

/// Build, check and search the Nordic good-examples catalogue.
///
/// Exit codes: 0 success, 1 the content has errors, 2 could not run.
#[derive(Debug, Parser)]
#[command(name = "catalogue", version, about, long_about = None)]
pub struct Cli {
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CatalogueArg {
    /// The catalogue folder (with catalogue.toml, register/ and cases/).
    #[arg(long, value_name = "DIR", default_value = "examples-catalogue")]
    pub catalogue: PathBuf,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The theme folder (templates/, static/, i18n/).
    #[arg(long, value_name = "DIR", default_value = "themes/default")]
    pub theme: PathBuf,
    /// Where to write the site; replaced only when the build succeeds.
    #[arg(long, value_name = "DIR", default_value = "site")]
    pub out: PathBuf,
    /// The URL the site is published at (overrides catalogue.toml), e.g.
    /// https://example.org/catalogue/ for a site below a sub-path.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every case file and report every problem in one run.
    Check {
        #[command(flatten)]
        catalogue: CatalogueArg,
        /// How to print the diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors (exit code 1).
        #[arg(long)]
        deny_warnings: bool,
        /// Report only on these files (a pull request's changes); the whole
        /// catalogue is still checked, so a duplicate slug is found.
        #[arg(long, value_name = "FILE", num_args = 1..)]
        changed: Vec<PathBuf>,
        /// The theme the site is built with, checked for UI strings in the
        /// site language [default: themes/default, when that folder exists]
        #[arg(long, value_name = "DIR")]
        theme: Option<PathBuf>,
    },
    /// Print a JSON Schema of the front matter, generated from catalogue.toml.
    Schema {
        #[command(flatten)]
        catalogue: CatalogueArg,
    },
    /// Put every case's front matter in the standard layout (the body is
    /// never touched).
    Fmt {
        #[command(flatten)]
        catalogue: CatalogueArg,
        /// Change nothing; list the files that would change (exit code 1 if any).
        #[arg(long)]
        check: bool,
    },
    /// Check the catalogue and render the site; refuses a catalogue with errors.
    Build {
        #[command(flatten)]
        catalogue: CatalogueArg,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build, serve the site on 127.0.0.1 and rebuild on every change.
    Serve {
        #[command(flatten)]
        catalogue: CatalogueArg,
        /// The theme folder.
        #[arg(long, value_name = "DIR", default_value = "themes/default")]
        theme: PathBuf,
        /// Where to write the preview site.
        #[arg(long, value_name = "DIR", default_value = "site")]
        out: PathBuf,
        /// The port on 127.0.0.1 (0 picks a free one).
        #[arg(long, value_name = "N", default_value_t = 1111)]
        port: u16,
    },
    /// Search the catalogue's good examples and studies, in any Nordic
    /// language.
    Search {
        /// The words to look for.
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        #[command(flatten)]
        catalogue: CatalogueArg,
        /// Only cases of this country (SE, NO, DK, FI, IS, ...), and
        /// studies that cover it.
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        /// Only cases this municipality takes part in (name or code); no
        /// studies.
        #[arg(long, value_name = "M")]
        municipality: Option<String>,
        /// Only cases of this digitalisation category (internal, external,
        /// ai), and studies of this theme.
        #[arg(long, value_name = "C")]
        category: Option<String>,
        /// Only good examples (case) or only the studies of the research
        /// mapping (study); both by default.
        #[arg(long = "type", value_name = "TYPE", value_parser = ["case", "study"])]
        doc_type: Option<String>,
        /// At most this many results.
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// The language (en, sv, nb, nn, da, fi, is) to name the thesaurus
        /// concepts in through which a case matched.
        #[arg(long = "lang", value_name = "LANG", default_value = "en")]
        language: String,
        /// text for people, json for tools.
        #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
        format: SearchFormat,
    },
    /// Start a new case file with every field present and explained.
    ///
    /// Without a slug and --country, in a terminal (or with --interactive),
    /// it asks for every field in turn and writes them all.
    New {
        /// The file name and permanent address: lowercase words joined by hyphens.
        #[arg(requires = "country")]
        slug: Option<String>,
        /// The country code (SE, NO, DK, FI, IS, FO, GL, AX).
        #[arg(long, value_name = "CC", requires = "slug")]
        country: Option<String>,
        /// A municipality by name or official code; repeat for several.
        #[arg(long = "municipality", value_name = "M", requires = "slug")]
        municipalities: Vec<String>,
        /// The title in English.
        #[arg(long, value_name = "T", requires = "slug")]
        title: Option<String>,
        /// Add a table for the title and summary in this language (a term
        /// of [[languages]], e.g. sv); repeat for several.
        #[arg(long = "translation", value_name = "LANG", requires = "slug")]
        translations: Vec<String>,
        /// Ask for every field, reading the answers from standard input
        /// even when it is not a terminal (one answer a line; an empty line
        /// ends a list; a line with a single . ends a body section).
        #[arg(long, conflicts_with = "slug")]
        interactive: bool,
        #[command(flatten)]
        catalogue: CatalogueArg,
        /// How to print diagnostics if the slug or a municipality is wrong.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Write the report appendix (PDF, print HTML, DOCX, CSV, XLSX or
    /// JSON); refuses a catalogue with errors.
    Appendix {
        #[command(flatten)]
        catalogue: CatalogueArg,
        /// pdf (A4, with contents and bookmarks), html (one print-styled
        /// page), docx (for Word, in named styles), csv, xlsx (the CSV's
        /// table as a workbook) or json (one record per case).
        #[arg(long, value_enum, default_value_t = AppendixFormat::Pdf)]
        format: AppendixFormat,
        /// Where to write; `-` is standard output. [default: appendix.<format>]
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// The language of headings and labels. [default: [site] language
        /// of catalogue.toml]
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// Only cases of this country (SE, NO, DK, FI, IS, ...); repeat for several.
        #[arg(long = "country", value_name = "CC")]
        countries: Vec<String>,
        /// Only cases of this digitalisation category (internal, external,
        /// ai); repeat for several.
        #[arg(long = "category", value_name = "C")]
        categories: Vec<String>,
        /// Leave out the CSV's UTF-8 byte-order mark (which Excel on
        /// Windows needs, and some CSV readers take for part of the first
        /// column's name).
        #[arg(long)]
        no_bom: bool,
    },
    /// Print the long explanation of a diagnostic code, e.g. E0301.
    Explain {
        /// The code (E0301) or its name (unknown-municipality).
        code: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}

//! # The Nordic good-examples catalogue
//!
//! A static site generator for one kind of content: good examples of Nordic
//! municipalities co-operating in social services with digital support.
//! Case files are Markdown with TOML front matter under
//! `examples-catalogue/cases/<CC>/<slug>.md`. `main.rs` is a thin command
//! line ([`cli`]) over this library.
//!
//! ## The pipeline
//!
//! The work is a pipeline of stages, each a function of the previous one's
//! value (no global state); [`pipeline`] runs them as short named steps.
//!
//! 1. **load** ([`load`]): walk the case folders in sorted order, read each
//!    file, split front matter from body, keeping byte offsets. The other
//!    inputs are read beside them: the configuration and vocabularies
//!    ([`config`]), the municipality [`register`] with the co-operation
//!    [`bodies`], the [`withdrawn`] cases, the search thesaurus, the map
//!    outlines and the studies of the research mapping ([`research`]:
//!    BibTeX, with citations rendered by hayagriva). Every file is read through [`inside`], which refuses links
//!    out of the catalogue.
//! 2. **validate** ([`validate`]): run every rule over every case, keeping
//!    every [`diag::Diagnostic`], and build the validated [`model`] (a
//!    [`model::Catalogue`] of cases without errors) from what the rules
//!    checked. [`check`] runs stages 1 and 2.
//! 3. **search index** ([`search`](mod@search)): index the cases with tantivy (an
//!    analyzer per language, the thesaurus' concepts), read back into
//!    [`search::SearchData`]: stems with their scores, facets, related
//!    cases, cut into shards.
//! 4. **render** ([`render`]): every HTML page from the theme's templates
//!    ([`render::theme`]), one address function per page kind
//!    ([`render::urls`]), the map ([`map`]) and the case bodies
//!    ([`markdown`]).
//! 5. **export** ([`export`]): the files that are not pages: the feed,
//!    the sitemap, the search files and the open data.
//! 6. **output** ([`output`]): write every file into a work folder that
//!    replaces the previous site only when complete. [`build`] runs the
//!    whole pipeline.
//!
//! ## The products beside the pipeline
//!
//! - the report [`appendix`] (PDF, HTML, DOCX, CSV, XLSX, JSON) from the
//!   validated catalogue;
//! - `catalogue serve` ([`serve`]), which rebuilds after an edit, only the
//!   pages it reached when it can ([`incremental`]);
//! - [`search()`], a query from the command line;
//! - the contributor commands: a new case file ([`scaffold`], with the
//!   layout it shares with the site's form in [`case_file`]), formatting
//!   front matter ([`format`](mod@format)), the field table ([`schema`]) and its JSON
//!   Schema ([`json_schema`]), the generated parts of CONTRIBUTING.md
//!   ([`contributing`]).
//!
//! ## Layers
//!
//! Imports point down: the foundation ([`source`], [`diag`], [`inside`],
//! [`html`], [`slug`], [`suggest`], and [`output`], which knows nothing but
//! the pages it writes), then [`config`], [`schema`] and [`case_file`], [`load`], the
//! [`register`], [`bodies`] and [`withdrawn`] inputs, [`model`] and
//! [`markdown`], [`validate`], the [`research`] mapping, [`search`](mod@search), [`render`] with
//! [`map`], [`export`], the table of every stage's [`codes`], then
//! [`pipeline`], the products, and `lib.rs`/`main.rs` at the top. The test
//! `tests/testsuite/architecture.rs` fails on an import that points up,
//! and lists the few known exceptions with their reasons.

pub mod appendix;
pub mod bodies;
pub mod case_file;
pub mod cli;
pub mod codes;
pub mod config;
pub mod contributing;
pub mod diag;
pub mod export;
pub mod format;
pub mod html;
pub mod incremental;
pub mod inside;
pub mod json_schema;
pub mod load;
pub mod map;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod register;
pub mod render;
pub mod research;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod validate;
pub mod withdrawn;

pub use pipeline::{
    BuildOptions, Built, CataloguePaths, Checked, SearchRequest, Searched, TODAY_VARIABLE, build, check,
    check_diagnostics, search, today,
};

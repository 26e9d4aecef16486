//! `catalogue new`: write a case file with every field present or commented
//! and explained, valid as soon as its `TODO` placeholders are filled in.
//!
//! The file is generated from the field table ([`crate::schema::FIELDS`])
//! and the vocabularies, so a new term shows up here without a code change.
//! Before anything is written, the generated text goes through the same
//! validation as `check`, so a bad slug or an unknown municipality gets the
//! very diagnostic `check` would give.

use anyhow::Context as _;

use crate::case_file::{self, Answers, TranslationAnswer};
use crate::config::{Config, Vocabulary};
use crate::diag::Diagnostic;
use crate::load::{CaseFile, front_matter};
use crate::pipeline::CataloguePaths;
use crate::register::Register;
use crate::source::{SourceFile, SourceMap};
use crate::validate;

/// What the author asked for.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub slug: String,
    pub country: String,
    pub municipalities: Vec<String>,
    pub title: Option<String>,
    /// Languages to write a `[translations.<language>]` table for.
    pub translations: Vec<String>,
}

/// Diagnostics about the request, with the generated text to show them in.
#[derive(Debug)]
pub struct Refusal {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
}

#[derive(Debug)]
pub enum Created {
    /// The displayed path of the new file.
    Written(String),
    /// Nothing was written.
    Refused(Refusal),
}

/// The diagnostic codes that are about what the author typed on the command
/// line; the rest are about placeholders still to be filled in.
const REQUEST_CODES: [&str; 8] = [
    "E0204", "E0211", "E0212", "E0301", "E0302", "E0303", "E0304", "E0502",
];

impl NewCase {
    /// The answers the command line gives; everything else stays a
    /// placeholder for the author to fill in.
    pub fn answers(&self, today: jiff::civil::Date) -> Answers {
        Answers {
            title: self.title.clone().unwrap_or_default(),
            country: self.country.clone(),
            municipalities: self.municipalities.clone(),
            translations: self
                .translations
                .iter()
                .map(|language| TranslationAnswer {
                    language: language.clone(),
                    ..TranslationAnswer::default()
                })
                .collect(),
            reviewed: today.to_string(),
            ..Answers::default()
        }
    }
}

/// The text of the new case file.
pub fn template(request: &NewCase, config: &Config, today: jiff::civil::Date) -> String {
    case_file::fill(&case_file::layout(config), &request.answers(today))
}

/// Validate the request and write the file, unless it exists already.
/// `Err` means the command could not run (unreadable catalogue, existing
/// file, unknown country).
pub fn create(
    paths: &CataloguePaths,
    request: &NewCase,
    today: jiff::civil::Date,
) -> anyhow::Result<Created> {
    // Through the same door as `check`: never through a link.
    let read = |relative: &str| -> anyhow::Result<SourceFile> {
        match crate::inside::read_catalogue_file(&paths.root, &paths.display_root(), relative)? {
            crate::inside::Found::File(file) => Ok(file),
            crate::inside::Found::Absent => {
                anyhow::bail!(
                    "could not read {}/{relative}: there is no such file",
                    paths.display_root()
                )
            }
            crate::inside::Found::Refused(diagnostic) => {
                anyhow::bail!(
                    "{}: run `catalogue check`",
                    crate::diag::emit::visible(&diagnostic.message)
                )
            }
        }
    };
    let config = Config::parse(&read("catalogue.toml")?)
        .map_err(|_| anyhow::anyhow!("catalogue.toml has errors: run `catalogue check` first"))?;
    if config.term(Vocabulary::Countries, &request.country).is_none() {
        anyhow::bail!(
            "`{}` is not a country code; use one of {}",
            request.country,
            config
                .countries
                .iter()
                .map(|t| t.id())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let (register, _) = Register::parse(&read("register/municipalities.csv")?);

    let display = format!(
        "{}/cases/{}/{}.md",
        paths.display_root(),
        request.country,
        request.slug
    );
    let target = paths
        .cases()
        .join(&request.country)
        .join(format!("{}.md", request.slug));
    if target.exists() {
        anyhow::bail!("{display} already exists; `catalogue new` never overwrites a file");
    }

    let text = template(request, &config, today);
    let mut diagnostics = request_diagnostics(&display, request, &text, &config, &register, today)?;
    diagnostics.extend(slug_taken_elsewhere(paths, &config, request, &display));
    if !diagnostics.is_empty() {
        crate::diag::sort(&mut diagnostics);
        let mut sources = SourceMap::default();
        sources.insert(SourceFile::new(&display, text));
        return Ok(Created::Refused(Refusal { diagnostics, sources }));
    }
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder).with_context(|| format!("could not create {}", folder.display()))?;
    }
    // `create_new` so that a file appearing meanwhile is never overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .with_context(|| format!("could not create {display}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("could not write {display}"))?;
    Ok(Created::Written(display))
}

/// Run the real rules over the generated text and keep what concerns the
/// request (not the placeholders the author is about to fill in).
fn request_diagnostics(
    display: &str,
    request: &NewCase,
    text: &str,
    config: &Config,
    register: &Register,
    today: jiff::civil::Date,
) -> anyhow::Result<Vec<Diagnostic>> {
    let parts = front_matter::split(text).map_err(|_| anyhow::anyhow!("the case template is malformed"))?;
    let file = CaseFile {
        path: display.to_string(),
        folder: request.country.clone(),
        slug: request.slug.clone(),
        parts,
    };
    let mut sources = SourceMap::default();
    sources.insert(SourceFile::new(display, text));
    let validated = validate::validate(std::slice::from_ref(&file), &sources, config, register, today);
    Ok(validated
        .diagnostics
        .into_iter()
        .filter(|d| REQUEST_CODES.contains(&d.code.code))
        .collect())
}

/// Slugs are unique across countries (E0504).
fn slug_taken_elsewhere(
    paths: &CataloguePaths,
    config: &Config,
    request: &NewCase,
    display: &str,
) -> Vec<Diagnostic> {
    config
        .countries
        .iter()
        .map(|country| country.id())
        .filter(|country| *country != request.country)
        .filter(|country| {
            paths
                .cases()
                .join(country)
                .join(format!("{}.md", request.slug))
                .exists()
        })
        .map(|country| {
            Diagnostic::new(
                validate::duplicate_slug_code(),
                display,
                None,
                format!(
                    "the slug \"{}\" is also used by {}/cases/{country}/{}.md",
                    request.slug,
                    paths.display_root(),
                    request.slug
                ),
            )
            .with_help("choose a more specific slug, e.g. with the region or municipality in it")
        })
        .collect()
}

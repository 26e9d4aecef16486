//! `catalogue new`: write a case file with every field present or commented
//! and explained, valid as soon as its `TODO` placeholders are filled in.
//!
//! The file is generated from the field table ([`crate::schema::FIELDS`])
//! and the vocabularies, so a new term shows up here without a code change.
//! Before anything is written, the generated text goes through the same
//! validation as `check`, so a bad slug or an unknown municipality gets the
//! very diagnostic `check` would give.
//!
//! Without arguments, in a terminal or with `--interactive`, the command
//! asks for every field instead ([`ask`]) and writes the file the same
//! way, with every answer in it.

pub mod ask;

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
    /// The displayed path of the file an interview wrote, and what `check`
    /// will still say about it (a section left to write, a warning).
    Interviewed {
        path: String,
        remaining: Option<Refusal>,
    },
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

/// Read a catalogue file through the same door as `check`: never through
/// a link. `None` when it does not exist.
fn read_optional(paths: &CataloguePaths, relative: &str) -> anyhow::Result<Option<SourceFile>> {
    match crate::inside::read_catalogue_file(&paths.root, &paths.display_root(), relative)? {
        crate::inside::Found::File(file) => Ok(Some(file)),
        crate::inside::Found::Absent => Ok(None),
        crate::inside::Found::Refused(diagnostic) => {
            anyhow::bail!(
                "{}: run `catalogue check`",
                crate::diag::emit::visible(&diagnostic.message)
            )
        }
    }
}

fn read(paths: &CataloguePaths, relative: &str) -> anyhow::Result<SourceFile> {
    read_optional(paths, relative)?.ok_or_else(|| {
        anyhow::anyhow!(
            "could not read {}/{relative}: there is no such file",
            paths.display_root()
        )
    })
}

fn read_config(paths: &CataloguePaths) -> anyhow::Result<Config> {
    Config::parse(&read(paths, "catalogue.toml")?)
        .map_err(|_| anyhow::anyhow!("catalogue.toml has errors: run `catalogue check` first"))
}

/// Where a new case file goes: its displayed path and its real one.
fn target(paths: &CataloguePaths, country: &str, slug: &str) -> (String, std::path::PathBuf) {
    (
        format!("{}/cases/{country}/{slug}.md", paths.display_root()),
        paths.cases().join(country).join(format!("{slug}.md")),
    )
}

/// Validate the request and write the file, unless it exists already.
/// `Err` means the command could not run (unreadable catalogue, existing
/// file, unknown country).
pub fn create(
    paths: &CataloguePaths,
    request: &NewCase,
    today: jiff::civil::Date,
) -> anyhow::Result<Created> {
    let config = read_config(paths)?;
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
    let (register, _) = Register::parse(&read(paths, "register/municipalities.csv")?);

    let (display, target) = target(paths, &request.country, &request.slug);
    if target.exists() {
        anyhow::bail!("{display} already exists; `catalogue new` never overwrites a file");
    }

    let text = template(request, &config, today);
    let mut diagnostics = validated(
        &display,
        &request.country,
        &request.slug,
        &text,
        &config,
        &register,
        today,
    )?;
    diagnostics.retain(|d| REQUEST_CODES.contains(&d.code.code));
    diagnostics.extend(slug_taken_elsewhere(
        paths,
        &config,
        &request.country,
        &request.slug,
        &display,
    ));
    if !diagnostics.is_empty() {
        return Ok(Created::Refused(refusal(diagnostics, &display, text)));
    }
    write_new(&target, &display, &text)?;
    Ok(Created::Written(display))
}

/// Ask for every field on `input`, prompting on `output`, and write the
/// file with the answers. The end of `input` before the last answer
/// writes nothing (an `Err`).
pub fn create_interactively(
    paths: &CataloguePaths,
    input: impl std::io::BufRead,
    output: impl std::io::Write,
    today: jiff::civil::Date,
) -> anyhow::Result<Created> {
    let config = read_config(paths)?;
    let (mut register, _) = Register::parse(&read(paths, "register/municipalities.csv")?);
    if let Some(bodies_file) = read_optional(paths, "register/bodies.csv")? {
        let members_file = read_optional(paths, "register/body-members.csv")?;
        let (bodies, _) = crate::bodies::Bodies::parse(&bodies_file, members_file.as_ref());
        register.set_bodies(bodies);
    }
    let slug_taken = |slug: &str| -> Option<String> {
        config
            .countries
            .iter()
            .map(|country| country.id())
            .find(|country| target(paths, country, slug).1.exists())
            .map(|country| {
                format!(
                    "the slug \"{slug}\" is taken by {}; choose a more specific one, e.g. with the municipality in it",
                    target(paths, country, slug).0
                )
            })
    };
    let context = ask::Context {
        config: &config,
        register: &register,
        today,
        slug_taken: &slug_taken,
    };
    let interviewed = ask::interview(input, output, &context)?;
    let country = &interviewed.answers.country;
    let slug = &interviewed.slug;

    let (display, target) = target(paths, country, slug);
    if target.exists() {
        anyhow::bail!("{display} already exists; `catalogue new` never overwrites a file");
    }
    let text = case_file::fill(&case_file::layout(&config), &interviewed.answers);
    let mut diagnostics = validated(&display, country, slug, &text, &config, &register, today)?;
    let taken = slug_taken_elsewhere(paths, &config, country, slug, &display);
    if !taken.is_empty() || diagnostics.iter().any(|d| REQUEST_CODES.contains(&d.code.code)) {
        diagnostics.extend(taken);
        return Ok(Created::Refused(refusal(diagnostics, &display, text)));
    }
    write_new(&target, &display, &text)?;
    let remaining = (!diagnostics.is_empty()).then(|| refusal(diagnostics, &display, text));
    Ok(Created::Interviewed {
        path: display,
        remaining,
    })
}

fn refusal(mut diagnostics: Vec<Diagnostic>, display: &str, text: String) -> Refusal {
    crate::diag::sort(&mut diagnostics);
    let mut sources = SourceMap::default();
    sources.insert(SourceFile::new(display, text));
    Refusal { diagnostics, sources }
}

/// Write a file that does not exist yet.
fn write_new(target: &std::path::Path, display: &str, text: &str) -> anyhow::Result<()> {
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder).with_context(|| format!("could not create {}", folder.display()))?;
    }
    // `create_new` so that a file appearing meanwhile is never overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .with_context(|| format!("could not create {display}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("could not write {display}"))
}

/// Run the real rules over the generated text.
fn validated(
    display: &str,
    country: &str,
    slug: &str,
    text: &str,
    config: &Config,
    register: &Register,
    today: jiff::civil::Date,
) -> anyhow::Result<Vec<Diagnostic>> {
    let parts = front_matter::split(text).map_err(|_| anyhow::anyhow!("the case template is malformed"))?;
    let file = CaseFile {
        path: display.to_string(),
        folder: country.to_string(),
        slug: slug.to_string(),
        parts,
        read_from: None,
    };
    let mut sources = SourceMap::default();
    sources.insert(SourceFile::new(display, text));
    let validated = validate::validate(
        std::slice::from_ref(&file),
        &sources,
        config,
        register,
        &[],
        today,
    );
    Ok(validated.diagnostics)
}

/// Slugs are unique across countries (E0504).
fn slug_taken_elsewhere(
    paths: &CataloguePaths,
    config: &Config,
    country: &str,
    slug: &str,
    display: &str,
) -> Vec<Diagnostic> {
    let here = country;
    config
        .countries
        .iter()
        .map(|country| country.id())
        .filter(|country| *country != here)
        .filter(|country| paths.cases().join(country).join(format!("{slug}.md")).exists())
        .map(|country| {
            Diagnostic::new(
                validate::duplicate_slug_code(),
                display,
                None,
                format!(
                    "the slug \"{slug}\" is also used by {}/cases/{country}/{slug}.md",
                    paths.display_root(),
                ),
            )
            .with_help("choose a more specific slug, e.g. with the region or municipality in it")
        })
        .collect()
}

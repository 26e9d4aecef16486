//! `catalogue new`: write a case file with every field present or commented
//! and explained, valid as soon as its `TODO` placeholders are filled in.
//!
//! The file is generated from the field table ([`crate::schema::FIELDS`])
//! and the vocabularies, so a new term shows up here without a code change.
//! Before anything is written, the generated text goes through the same
//! validation as `check`, so a bad slug or an unknown municipality gets the
//! very diagnostic `check` would give.

use std::fmt::Write as _;

use anyhow::Context as _;

use crate::config::{Config, Vocabulary};
use crate::diag::Diagnostic;
use crate::load::{CaseFile, front_matter};
use crate::pipeline::CataloguePaths;
use crate::register::Register;
use crate::schema::{FIELDS, Field};
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

/// A TOML string literal (quoted and escaped).
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn term_list(config: &Config, vocabulary: Vocabulary) -> String {
    config
        .terms(vocabulary)
        .iter()
        .map(|term| format!("\"{}\" ({})", term.id(), term.label("en")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One commented field line: the explanation, then the line itself.
fn field_lines(out: &mut String, field: &Field, config: &Config, line: &str) {
    let _ = writeln!(out, "# {}", field.doc);
    if let Some(vocabulary) = field.vocabulary.filter(|v| *v != Vocabulary::Countries) {
        let _ = writeln!(out, "# Allowed: {}.", term_list(config, vocabulary));
    }
    let optional = if field.required { "" } else { "# Optional: " };
    let _ = writeln!(out, "{optional}{line}");
}

/// The `[translations.<language>]` tables asked for, with placeholders,
/// or else a commented example of one.
fn translation_lines(out: &mut String, languages: &[String], config: &Config) {
    let _ = writeln!(
        out,
        "\n# Optional: the title and summary in another language, shown on the site's pages in\n\
         # that language; one table per language. Allowed: {}.",
        config
            .terms(Vocabulary::Languages)
            .iter()
            .filter(|term| term.id() != crate::model::ORIGINAL_LANGUAGE)
            .map(|term| format!("\"{}\" ({})", term.id(), term.label("en")))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if languages.is_empty() {
        out.push_str(
            "# [translations.sv]\n\
             # title = \"the title in Swedish\"\n\
             # summary = \"the summary in Swedish\"\n",
        );
    }
    // A language asked for twice gets one table: TOML allows no second.
    let mut written = std::collections::BTreeSet::new();
    for language in languages
        .iter()
        .filter(|language| written.insert(language.as_str()))
    {
        let name = config
            .term(Vocabulary::Languages, language)
            .map_or(language.as_str(), |term| term.label("en"));
        // A bare key when it can be one; anything else quoted, so that the
        // file stays TOML and `check` names the mistake.
        let bare = !language.is_empty()
            && language
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let key = if bare {
            language.clone()
        } else {
            toml_string(language)
        };
        let _ = writeln!(
            out,
            "[translations.{key}]\n\
             title = {}\n\
             summary = {}",
            toml_string(&format!("TODO: the title in {name}")),
            toml_string(&format!("TODO: the summary in {name}")),
        );
    }
}

/// The text of the new case file.
pub fn template(request: &NewCase, config: &Config, today: jiff::civil::Date) -> String {
    let mut out = String::from(
        "+++\n\
         # A new good example for the Nordic catalogue.\n\
         # Replace every value that starts with TODO, remove the `# Optional:` in front of\n\
         # the optional lines you need (delete the others), then run `catalogue check`.\n\n",
    );
    let municipalities = if request.municipalities.is_empty() {
        "[\"TODO: a municipality name or code from the register\"]".to_string()
    } else {
        let entries: Vec<String> = request.municipalities.iter().map(|m| toml_string(m)).collect();
        format!("[{}]", entries.join(", "))
    };
    for field in FIELDS {
        let value = match field.name {
            "title" => toml_string(request.title.as_deref().unwrap_or("TODO: the title in English")),
            "title_local" => "\"\"".to_string(),
            "summary" => {
                "\"TODO: two or three plain sentences: who co-operates, what they did, what came of it\""
                    .into()
            }
            "country" => toml_string(&request.country),
            "municipalities" => municipalities.clone(),
            "bodies" => "[\"fi-lapin-hyvinvointialue\"]".into(),
            "categories" | "service_areas" => "[\"TODO\"]".into(),
            "cooperation" | "status" => "\"TODO\"".into(),
            "started" => "\"TODO: a date such as 2024-03-01 or a year such as 2024, without quotes\"".into(),
            "ended" => "2025-06-30".into(),
            "language" => "\"en\"".into(),
            "organisations" => "[\"Region Västerbotten\"]".into(),
            "evaluation" => "\"none\"".into(),
            "tags" => "[\"peer-support\"]".into(),
            "reviewed" => today.to_string(),
            // The tables follow the plain fields, as TOML requires.
            _ => continue,
        };
        field_lines(&mut out, field, config, &format!("{} = {value}", field.name));
        out.push('\n');
    }
    out.push_str(
        "# At least one public source; repeat the [[sources]] block for more.\n\
         [[sources]]\n\
         title = \"TODO: the title of a public page or report about the case\"\n\
         url = \"TODO: its https:// address\"\n\n\
         # Optional: a functional mailbox or web page of an organisation, not a person's.\n\
         # [contact]\n\
         # organisation = \"Region Västerbotten\"\n\
         # email = \"info@example.org\"\n\
         # url = \"https://example.org/contact\"\n",
    );
    translation_lines(&mut out, &request.translations, config);
    out.push_str("+++\n");
    let hints = [
        "the situation before: the municipalities, their size and distances, the problem they shared.",
        "what the municipalities did together and with which digital support.",
        "what came of it, as far as a source reports it.",
        "what others can learn from it.",
    ];
    for (section, hint) in config
        .sections
        .iter()
        .zip(hints.iter().chain(std::iter::repeat(&"")))
    {
        let _ = write!(out, "\n## {}\n\nTODO: {hint}\n", section.label("en"));
    }
    out
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

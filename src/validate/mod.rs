//! The validate stage: every rule over every case, every diagnostic kept.
//!
//! Each rule lives in its own file with its code and long explanation and is
//! a plain function over one case ([`CaseContext`]) or over every file;
//! [`registry::RULES`] is the one table of them, from which both the rules
//! that run and the stage's part of the code table ([`codes`]) come. A rule never stops the others: a contributor sees
//! every mistake of every file in one run. Only a case without errors is
//! turned into a [`Case`].

mod ambiguous_municipality;
mod control_character;
mod country_folder;
mod date_order;
mod decomposed_name;
mod duplicate_entry;
mod duplicate_municipality;
mod duplicate_slug;
pub(crate) mod email;
mod empty_list;
mod ended_required;
mod english_translation;
mod foreign_municipality;
mod former_municipality;
mod future_date;
mod invalid_date;
pub mod limits;
mod listed_through_body;
mod model_build;
mod placeholder;
pub mod registry;
mod required;
mod sections;
mod slug;
mod syntax;
mod tag;
pub(crate) mod text_length;
mod too_deep_nesting;
mod too_many;
mod too_many_footnotes;
mod too_many_headings;
mod too_many_table_cells;
mod translation_language;
mod unknown_body;
mod unknown_evidence;
mod unknown_key;
mod unknown_municipality;
pub(crate) mod url;
mod value_type;
mod vocabulary;

use std::ops::Range;

use rayon::prelude::*;

use crate::config::{Config, Vocabulary};
use crate::diag::{Code, Diagnostic, Severity};
use crate::load::CaseFile;
use crate::model::Case;
use crate::register::Register;
use crate::schema::FrontMatter;
use crate::source::{SourceFile, SourceMap};

use registry::RULES;
pub use registry::codes;
pub use text_length::limit as text_limit;
pub use too_many::MAX_DIAGNOSTICS_PER_FILE;

/// One case as the rules see it.
pub struct CaseContext<'a> {
    pub file: &'a CaseFile,
    pub source: &'a SourceFile,
    pub front_matter: &'a FrontMatter,
    pub config: &'a Config,
    pub register: &'a Register,
    /// The citation keys of the research files, sorted, that `evidence`
    /// may name.
    pub study_keys: &'a [String],
    /// "In the future" means after this day.
    pub today: jiff::civil::Date,
    /// Each filled-in `municipalities` entry with what it resolves to,
    /// resolved once for every rule (see [`CaseContext::municipalities`]).
    pub resolved: Vec<(&'a str, Range<usize>, crate::register::Resolution<'a>)>,
    /// Each filled-in `bodies` entry with what it resolves to.
    pub resolved_bodies: Vec<(&'a str, Range<usize>, crate::bodies::BodyResolution<'a>)>,
    /// The body's headings, footnotes and table cells, counted once for
    /// the rules of [`limits`] (see [`CaseContext::body_counts`]).
    pub body_counts: std::cell::OnceCell<limits::BodyCounts>,
}

impl CaseContext<'_> {
    pub fn diagnostic(
        &self,
        code: &'static Code,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(code, &self.file.path, span, message)
    }

    /// The country whose register the municipalities are looked up in: the
    /// `country` field when it is a known country, else the folder.
    pub fn country(&self) -> &str {
        match self.front_matter.root.text("country") {
            Some((country, _)) if self.config.term(Vocabulary::Countries, country).is_some() => country,
            _ => &self.file.folder,
        }
    }

    pub fn body(&self) -> &str {
        &self.source.text[self.file.parts.body.clone()]
    }

    /// The body's headings, footnotes and table cells against the limits.
    pub fn body_counts(&self) -> &limits::BodyCounts {
        self.body_counts
            .get_or_init(|| limits::count(self.body(), &self.config.limits))
    }

    /// A span within the body as a span of the file, without a trailing
    /// line break, so the frame shows the line it starts on.
    pub fn body_span(&self, span: &Range<usize>) -> Range<usize> {
        let body = &self.file.parts.body;
        let text = self.body();
        let end = span.end.min(text.len());
        let start = span.start.min(end);
        let trimmed = start + text[start..end].trim_end_matches(['\n', '\r']).len();
        self.source
            .clamp_span(&(body.start + start..body.start + trimmed.max(start)))
    }

    /// The span of the opening `+++`, where "missing" diagnostics point.
    pub fn fence(&self) -> Range<usize> {
        self.file.parts.opening_fence.clone()
    }
}

/// What the validate stage produced: the cases without errors, and every
/// diagnostic of every case.
#[derive(Debug, Default)]
pub struct Validated {
    pub cases: Vec<Case>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Run every rule over every case file.
pub fn validate(
    files: &[CaseFile],
    sources: &SourceMap,
    config: &Config,
    register: &Register,
    study_keys: &[String],
    today: jiff::civil::Date,
) -> Validated {
    let mut validated = Validated::default();
    // Each file on its own, on every core; merged in file order.
    let per_file: Vec<(Option<Case>, Vec<Diagnostic>)> = files
        .par_iter()
        .filter_map(|file| {
            let source = sources.get(&file.path)?;
            Some(validate_case(file, source, config, register, study_keys, today))
        })
        .collect();
    for (case, diagnostics) in per_file {
        validated.cases.extend(case);
        validated.diagnostics.extend(diagnostics);
    }
    across_files(files, &mut validated.diagnostics);
    validated
}

/// The rules over every file at once (two files with one slug), after
/// [`validate_case`] has run on each.
pub fn across_files(files: &[CaseFile], out: &mut Vec<Diagnostic>) {
    for rule in RULES.across_files {
        (rule.check)(files, out);
    }
}

/// Run every per-case rule over one file (all but the rules across
/// files): the case, if it has no errors, and its diagnostics. At most
/// [`MAX_DIAGNOSTICS_PER_FILE`] of them, the first ones in the file,
/// followed by a W0111 that counts the rest; the rules across files add at
/// most one more (E0504).
pub fn validate_case(
    file: &CaseFile,
    source: &SourceFile,
    config: &Config,
    register: &Register,
    study_keys: &[String],
    today: jiff::civil::Date,
) -> (Option<Case>, Vec<Diagnostic>) {
    let toml_text = &source.text[file.parts.front_matter.clone()];
    let front_matter = match FrontMatter::parse(toml_text, file.parts.front_matter.start) {
        Ok(front_matter) => front_matter,
        // The other rules would only guess at a half-parsed table.
        Err(errors) => {
            let diagnostics = (RULES.syntax.check)(&file.path, source, errors);
            return (None, (RULES.cap.check)(diagnostics));
        }
    };
    let mut context = CaseContext {
        file,
        source,
        front_matter: &front_matter,
        config,
        register,
        study_keys,
        today,
        resolved: Vec::new(),
        resolved_bodies: Vec::new(),
        body_counts: std::cell::OnceCell::new(),
    };
    let country = context.country().to_string();
    context.resolved = resolve_municipalities(&front_matter, register, &country);
    context.resolved_bodies = front_matter
        .root
        .texts("bodies")
        .into_iter()
        .map(|(entry, span)| (entry, span, register.bodies().resolve(&country, entry)))
        .collect();
    let mut diagnostics = Vec::new();
    for rule in RULES.per_case {
        (rule.check)(&context, &mut diagnostics);
    }
    let has_errors = diagnostics.iter().any(|d| d.severity() == Severity::Error);
    let case = if has_errors {
        None
    } else {
        Case::from_context(&context)
    };
    (case, (RULES.cap.check)(diagnostics))
}

/// Call `visit` with every text of the front matter, in arrays and tables
/// too, and its dotted key (`sources.title`).
pub fn each_text(context: &CaseContext<'_>, visit: &mut dyn FnMut(&str, &str, &crate::schema::Node)) {
    fn walk(key: &str, node: &crate::schema::Node, visit: &mut dyn FnMut(&str, &str, &crate::schema::Node)) {
        match &node.value {
            crate::schema::Value::String(text) => visit(key, text, node),
            crate::schema::Value::Array(items) => {
                for item in items {
                    walk(key, item, visit);
                }
            }
            crate::schema::Value::Table(table) => {
                for entry in &table.entries {
                    walk(&format!("{key}.{}", entry.key), &entry.value, visit);
                }
            }
            _ => {}
        }
    }
    for entry in &context.front_matter.root.entries {
        walk(&entry.key, &entry.value, visit);
    }
}

/// Resolve every filled-in `municipalities` entry. Only the first
/// [`MAX_DIAGNOSTICS_PER_FILE`] unknown names get "did you mean"
/// suggestions: a later one can never be among the diagnostics shown (as
/// many E0301 come before it), and each suggestion costs an edit distance to
/// every name of the country, which for a list of 60,000 names takes minutes.
fn resolve_municipalities<'a>(
    front_matter: &'a FrontMatter,
    register: &'a Register,
    country: &str,
) -> Vec<(&'a str, Range<usize>, crate::register::Resolution<'a>)> {
    let mut unknown = 0;
    front_matter
        .root
        .texts("municipalities")
        .into_iter()
        .map(|(entry, span)| {
            let mut resolution = register.resolve_without_suggestions(country, entry);
            if matches!(resolution, crate::register::Resolution::Unknown { .. }) {
                unknown += 1;
                if unknown <= MAX_DIAGNOSTICS_PER_FILE {
                    resolution = register.resolve(country, entry);
                }
            }
            (entry, span, resolution)
        })
        .collect()
}

impl<'a> CaseContext<'a> {
    /// Each filled-in `municipalities` entry with what it resolves to.
    pub fn municipalities(&self) -> &[(&'a str, Range<usize>, crate::register::Resolution<'a>)] {
        &self.resolved
    }

    /// Each filled-in `bodies` entry with what it resolves to.
    pub fn bodies(&self) -> &[(&'a str, Range<usize>, crate::bodies::BodyResolution<'a>)] {
        &self.resolved_bodies
    }

    /// The period the case covers: from its start to its end (open while
    /// it runs), for deciding which memberships of a body count.
    pub fn period(&self) -> Option<(jiff::civil::Date, Option<jiff::civil::Date>)> {
        let root = &self.front_matter.root;
        let (started, _) = root.date("started")?;
        let ended = root.date("ended").map(|(date, _)| date.latest());
        Some((started.earliest(), ended))
    }

    /// The label of a country code in English, for messages.
    pub fn country_name<'c>(&'c self, code: &'c str) -> &'c str {
        self.config
            .term(Vocabulary::Countries, code)
            .map_or(code, |term| term.label("en"))
    }
}

/// `Herøy (1515, Møre og Romsdal)`: enough to tell two candidates apart.
pub fn describe_municipality(municipality: &crate::register::Municipality) -> String {
    let mut parts = vec![municipality.code.clone()];
    if !municipality.region.is_empty() {
        parts.push(municipality.region.clone());
    }
    format!("{} ({})", municipality.display_name(), parts.join(", "))
}

/// E0504, for `catalogue new`, which checks slugs against files on disk.
pub fn duplicate_slug_code() -> &'static Code {
    &duplicate_slug::CODE
}

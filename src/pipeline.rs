//! The orchestration: the stages run in order, each a short named step.
//!
//! [`check`] reads the catalogue's inputs (configuration, register, bodies,
//! thesaurus, map outlines, withdrawn cases), loads the case files and
//! validates them into a [`Catalogue`]. [`build`] checks, then indexes for
//! search, renders, exports and writes the site; `serve` keeps what a
//! build made (`Kept`) to redo only part of it after an edit, through
//! the same `render_and_export`. [`search`] runs a query from the
//! command line.
//!
//! This module sits above the stages and below the products that run
//! them (the appendix, `serve`, the contributor commands), which import
//! their entry points from here, never from `lib.rs`.

use std::ops::ControlFlow::{self, Break, Continue};
use std::path::{Path, PathBuf};

use crate::config::{self, Config, StyleChoice};
use crate::diag::{self, Diagnostic, Severity};
use crate::model::Catalogue;
use crate::output::{Page, PageSink};
use crate::register::Register;
use crate::source::{SourceFile, SourceMap};
use crate::{bodies, export, inside, load, map, output, render, research, validate, withdrawn};

/// The files of a catalogue folder.
#[derive(Debug, Clone)]
pub struct CataloguePaths {
    pub root: PathBuf,
}

impl CataloguePaths {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        CataloguePaths { root: root.into() }
    }

    /// How the root is shown in diagnostics: as the user wrote it, with
    /// forward slashes and no trailing slash.
    pub fn display_root(&self) -> String {
        let shown = self.root.to_string_lossy().replace('\\', "/");
        let trimmed = shown.trim_end_matches('/');
        if trimmed.is_empty() {
            shown
        } else {
            trimmed.to_string()
        }
    }

    pub fn config(&self) -> PathBuf {
        self.root.join("catalogue.toml")
    }

    pub fn register(&self) -> PathBuf {
        self.root.join("register").join("municipalities.csv")
    }

    pub fn cases(&self) -> PathBuf {
        self.root.join("cases")
    }

    /// The co-operation bodies (optional, with their members beside it).
    pub fn bodies(&self) -> PathBuf {
        self.root.join("register").join("bodies.csv")
    }

    pub fn body_members(&self) -> PathBuf {
        self.root.join("register").join("body-members.csv")
    }

    pub fn thesaurus(&self) -> PathBuf {
        self.root.join("thesaurus.toml")
    }

    /// The cases taken out of the catalogue (optional).
    pub fn withdrawn(&self) -> PathBuf {
        self.root.join("withdrawn.toml")
    }

    pub fn outlines(&self) -> PathBuf {
        self.root.join("map").join("nordic-outlines.json")
    }

    fn display(&self, relative: &str) -> String {
        format!("{}/{relative}", self.display_root())
    }
}

/// The result of loading and validating a catalogue.
#[derive(Debug)]
pub struct Checked {
    /// The validated catalogue, if the configuration could be read. Cases
    /// with errors are left out of it.
    pub catalogue: Option<Catalogue>,
    /// Every diagnostic, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, for rendering code frames.
    pub sources: SourceMap,
    /// How many files were looked at.
    pub files_checked: usize,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity() == Severity::Error)
    }

    pub fn summary(&self) -> diag::Summary {
        diag::Summary::of(&self.diagnostics, self.files_checked)
    }

    /// Keep only the diagnostics of `changed` files (a pull request's), and
    /// count only those files as checked. The whole catalogue was checked,
    /// so problems that involve other files (a duplicate slug) still show
    /// on the changed file.
    pub fn keep_only(&mut self, changed: &[PathBuf]) {
        let normalise = |path: &Path| -> PathBuf {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.components().collect())
        };
        let wanted: Vec<PathBuf> = changed.iter().map(|path| normalise(path)).collect();
        self.diagnostics
            .retain(|d| wanted.contains(&normalise(Path::new(&d.path))));
        self.files_checked = changed.len();
    }

    /// Check what the catalogue needs of the theme at `theme_root`: UI
    /// strings for the site language (E0010), which `build` would otherwise
    /// be the first to miss.
    pub fn check_theme(&mut self, paths: &CataloguePaths, theme_root: &Path) {
        let Some(catalogue) = &self.catalogue else {
            return;
        };
        let Some(config_file) = self.sources.get(&paths.display("catalogue.toml")) else {
            return;
        };
        let missing = catalogue.config.check_theme_strings(config_file, theme_root);
        if !missing.is_empty() {
            self.diagnostics.extend(missing);
            diag::sort(&mut self.diagnostics);
        }
    }
}

/// The environment variable that fixes "today" (`YYYY-MM-DD`) for every
/// command, so that tests and reproducible pipelines give the same output on
/// any day; users leave it unset and get the clock.
pub const TODAY_VARIABLE: &str = "CATALOGUE_TODAY";

/// The reference for "not in the future": [`TODAY_VARIABLE`] when it is
/// set, otherwise today in UTC (never the local time zone, so a build gives
/// the same verdict everywhere). A set but malformed value is an error
/// rather than a silent fallback to the clock.
pub fn today() -> anyhow::Result<jiff::civil::Date> {
    match std::env::var_os(TODAY_VARIABLE) {
        None => Ok(jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()),
        Some(value) => {
            let text = value.to_string_lossy();
            text.trim().parse::<jiff::civil::Date>().map_err(|_| {
                anyhow::anyhow!(
                    "{TODAY_VARIABLE}={text:?} is not a date; write it as YYYY-MM-DD (e.g. 2026-11-25) or unset it to use today's date"
                )
            })
        }
    }
}

/// What a check has read so far: the files (for code frames), the
/// diagnostics, and how many files it looked at.
struct Reading<'p> {
    paths: &'p CataloguePaths,
    root: String,
    sources: SourceMap,
    diagnostics: Vec<Diagnostic>,
    files_checked: usize,
}

impl<'p> Reading<'p> {
    fn new(paths: &'p CataloguePaths) -> Reading<'p> {
        Reading {
            paths,
            root: paths.display_root(),
            sources: SourceMap::default(),
            diagnostics: Vec::new(),
            files_checked: 0,
        }
    }

    /// The check ends here with `diagnostics`: nothing else can be read
    /// without the file that had them.
    fn stop(&mut self, diagnostics: Vec<Diagnostic>) -> Checked {
        Checked {
            catalogue: None,
            diagnostics,
            sources: std::mem::take(&mut self.sources),
            files_checked: 1,
        }
    }

    /// A file no rule can run without: a link ends the check with its
    /// diagnostic, an absent file is an error.
    fn required(&mut self, relative: &str) -> anyhow::Result<ControlFlow<Checked, SourceFile>> {
        Ok(
            match inside::read_catalogue_file(&self.paths.root, &self.root, relative)? {
                inside::Found::File(file) => Continue(file),
                inside::Found::Refused(diagnostic) => Break(self.stop(vec![diagnostic])),
                inside::Found::Absent => anyhow::bail!(
                    "could not read {}: there is no such file",
                    self.paths.display(relative)
                ),
            },
        )
    }

    /// An optional file: absent is fine, a link is refused (and the file
    /// treated as absent, so the other checks still run).
    fn optional(&mut self, relative: &str) -> anyhow::Result<Option<SourceFile>> {
        Ok(
            match inside::read_catalogue_file(&self.paths.root, &self.root, relative)? {
                inside::Found::File(file) => {
                    self.files_checked += 1;
                    Some(file)
                }
                inside::Found::Absent => None,
                inside::Found::Refused(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    None
                }
            },
        )
    }

    /// Parse an optional file with `parse`, or take `absent` without it.
    fn optional_parsed<T>(
        &mut self,
        relative: &str,
        parse: impl FnOnce(&SourceFile) -> (T, Vec<Diagnostic>),
        absent: impl FnOnce() -> T,
    ) -> anyhow::Result<T> {
        Ok(match self.optional(relative)? {
            Some(file) => {
                let (value, diagnostics) = parse(&file);
                self.diagnostics.extend(diagnostics);
                self.sources.insert(file);
                value
            }
            None => absent(),
        })
    }
}

/// Load and validate the catalogue at `paths`. Content problems come back
/// as diagnostics in [`Checked`]; an `Err` means the catalogue could not be
/// read at all (no such folder, no catalogue.toml).
pub fn check(paths: &CataloguePaths, today: jiff::civil::Date) -> anyhow::Result<Checked> {
    check_keeping(paths, today, Keep::Cases)
}

/// [`check`] for its diagnostics alone, as `catalogue check` wants them:
/// the same diagnostics, and a catalogue without its cases, which are let
/// go of as soon as each is validated. A check of 100,000 cases then holds
/// about a tenth of the memory (BENCHMARKS.md).
pub fn check_diagnostics(paths: &CataloguePaths, today: jiff::civil::Date) -> anyhow::Result<Checked> {
    check_keeping(paths, today, Keep::Diagnostics)
}

/// What a check keeps of the cases it has validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    Cases,
    Diagnostics,
}

fn check_keeping(paths: &CataloguePaths, today: jiff::civil::Date, keep: Keep) -> anyhow::Result<Checked> {
    if !paths.root.is_dir() {
        anyhow::bail!(
            "{} is not a catalogue folder (it does not exist or is not a folder)",
            paths.display_root()
        );
    }
    let mut reading = Reading::new(paths);
    let config = match read_config(&mut reading)? {
        Continue(config) => config,
        Break(checked) => return Ok(checked),
    };
    let mut register = match read_register(&mut reading, &config, today)? {
        Continue(register) => register,
        Break(checked) => return Ok(checked),
    };
    read_bodies(&mut reading, &config, &mut register)?;
    // The thesaurus is optional: without it search is still per language.
    let thesaurus = reading.optional_parsed(
        "thesaurus.toml",
        crate::search::Thesaurus::parse,
        crate::search::Thesaurus::default,
    )?;
    let outlines = reading.optional_parsed(
        "map/nordic-outlines.json",
        |file| {
            let (outlines, problem) = map::Outlines::parse(file);
            (outlines, problem.into_iter().collect())
        },
        map::Outlines::frame,
    )?;
    let withdrawn_file = reading.optional("withdrawn.toml")?;
    let found = find_cases(&mut reading, &config)?;
    let studies = read_research(&mut reading, &config)?;
    let csl = read_csl_style(&mut reading, &config);
    let (citation_style, citations) = if studies.is_empty() {
        (None, Vec::new())
    } else {
        let style = match (csl, config.research.style()) {
            (Some(csl), _) => research::CitationStyle::from_csl(csl),
            (None, StyleChoice::Bundled(name)) => {
                research::CitationStyle::by_name(name).unwrap_or_else(research::CitationStyle::apa)
            }
            (None, StyleChoice::File(_)) => research::CitationStyle::apa(),
        };
        let (citations, warnings) = research::cite_checked(&studies, &style);
        reading.diagnostics.extend(warnings);
        (Some(style), citations)
    };
    let study_keys = research::keys(&studies);
    let files_seen = found.files_seen;
    let checking = CaseChecking {
        config: &config,
        register: &register,
        study_keys: &study_keys,
        today,
        keep,
    };
    let validated = checking.load_and_validate(found.cases, &mut reading);
    let withdrawn = read_withdrawn(&mut reading, withdrawn_file, &config, &validated.files, today);
    let mut diagnostics = reading.diagnostics;
    let sources = reading.sources;
    diag::sort(&mut diagnostics);
    let mut cases = validated.cases;
    cases.sort_by(|a, b| (&a.country, &a.slug).cmp(&(&b.country, &b.slug)));
    Ok(Checked {
        catalogue: Some(Catalogue {
            config,
            register,
            thesaurus,
            outlines,
            cases,
            studies,
            citation_style,
            citations,
            withdrawn,
        }),
        diagnostics,
        sources,
        files_checked: files_seen + reading.files_checked,
    })
}

/// catalogue.toml: without it nothing else can be checked.
fn read_config(reading: &mut Reading<'_>) -> anyhow::Result<ControlFlow<Checked, Config>> {
    let file = match reading.required("catalogue.toml")? {
        Continue(file) => file,
        Break(checked) => return Ok(Break(checked)),
    };
    let config = Config::parse(&file);
    reading.sources.insert(file);
    Ok(match config {
        Ok(config) => Continue(config),
        Err(diagnostics) => Break(reading.stop(diagnostics)),
    })
}

/// The municipality register, checked against the configured countries.
fn read_register(
    reading: &mut Reading<'_>,
    config: &Config,
    today: jiff::civil::Date,
) -> anyhow::Result<ControlFlow<Checked, Register>> {
    let file = match reading.required("register/municipalities.csv")? {
        Continue(file) => file,
        Break(checked) => return Ok(Break(checked)),
    };
    let (mut register, diagnostics) = Register::parse(&file);
    reading.diagnostics.extend(diagnostics);
    let country_codes: Vec<&str> = config.countries.iter().map(|term| term.id()).collect();
    reading
        .diagnostics
        .extend(register.check(&file, &country_codes, today.year()));
    reading.files_checked = 2;
    // The list of the register's sources is optional; the appendix prints
    // it, and with it every row's sources must be on it.
    if let Some(sources_file) = reading.optional("register/sources.csv")? {
        let diagnostics = register.read_sources(&sources_file, &file, today);
        reading.diagnostics.extend(diagnostics);
        reading.sources.insert(sources_file);
    }
    reading.sources.insert(file);
    Ok(Continue(register))
}

/// The co-operation bodies and their members (optional), added to the
/// register.
fn read_bodies(reading: &mut Reading<'_>, config: &Config, register: &mut Register) -> anyhow::Result<()> {
    let Some(bodies_file) = reading.optional("register/bodies.csv")? else {
        return Ok(());
    };
    let members_file = reading.optional("register/body-members.csv")?;
    let country_codes: Vec<&str> = config.countries.iter().map(|term| term.id()).collect();
    let (bodies, diagnostics) = bodies::Bodies::parse(&bodies_file, members_file.as_ref());
    reading.diagnostics.extend(diagnostics);
    reading
        .diagnostics
        .extend(bodies.check(&bodies_file, members_file.as_ref(), &country_codes, register));
    register.set_bodies(bodies);
    reading.sources.insert(bodies_file);
    if let Some(members_file) = members_file {
        reading.sources.insert(members_file);
    }
    Ok(())
}

/// The case files of every configured country's folder, found but not
/// yet read.
fn find_cases(reading: &mut Reading<'_>, config: &Config) -> anyhow::Result<load::Walked> {
    let paths = reading.paths;
    let countries: Vec<&str> = config.countries.iter().map(|term| term.id()).collect();
    let mut walked = match inside::look_folder(&paths.root, "cases") {
        Ok(true) => load::find_cases(&paths.cases(), &paths.display("cases"), &countries)?,
        Ok(false) => anyhow::bail!("{} has no cases/ folder", paths.display_root()),
        Err(refused) => {
            reading
                .diagnostics
                .push(inside::diagnostic(&reading.root, &refused));
            load::Walked::default()
        }
    };
    reading.diagnostics.append(&mut walked.diagnostics);
    Ok(walked)
}

/// What every case file is checked against.
struct CaseChecking<'c> {
    config: &'c Config,
    register: &'c Register,
    study_keys: &'c [String],
    today: jiff::civil::Date,
    keep: Keep,
}

/// The case files read and validated: every file that could be split
/// (for the rules across files) and the cases without errors, in walk
/// order.
struct ValidatedFiles {
    files: Vec<load::CaseFile>,
    cases: Vec<crate::model::Case>,
}

/// One case file read and validated.
struct OneFile {
    file: Option<load::CaseFile>,
    case: Option<crate::model::Case>,
    diagnostics: Vec<Diagnostic>,
    /// The file's text, kept only when a diagnostic needs it for its code
    /// frame.
    sources: SourceMap,
}

impl CaseChecking<'_> {
    /// Read, split and validate each case file on every core, one file at
    /// a time: a file's text is let go as soon as its case is built unless
    /// a diagnostic points into it, so a catalogue is held once (as its
    /// cases), not twice. Merged back in walk order, so the result does not
    /// depend on the threads.
    fn load_and_validate(&self, found: Vec<load::FoundCase>, reading: &mut Reading<'_>) -> ValidatedFiles {
        use rayon::prelude::*;
        let per_file: Vec<OneFile> = found.into_par_iter().map(|found| self.one_file(found)).collect();
        let mut validated = ValidatedFiles {
            files: Vec::with_capacity(per_file.len()),
            cases: Vec::with_capacity(per_file.len()),
        };
        for one in per_file {
            validated.files.extend(one.file);
            validated.cases.extend(one.case);
            reading.diagnostics.extend(one.diagnostics);
            reading.sources.merge(one.sources);
        }
        let before = reading.diagnostics.len();
        validate::across_files(&validated.files, &mut reading.diagnostics);
        // The rules across files point at whole files, not into them, so
        // they miss none of the texts let go of above.
        debug_assert!(reading.diagnostics[before..].iter().all(|d| d.span.is_none()));
        validated
    }

    fn one_file(&self, found: load::FoundCase) -> OneFile {
        let mut loaded = load::load_case(&found.path, found.display, found.folder, found.slug);
        let mut one = OneFile {
            file: loaded.cases.pop(),
            case: None,
            diagnostics: loaded.diagnostics,
            sources: SourceMap::default(),
        };
        if let Some(file) = &one.file
            && let Some(source) = loaded.sources.get(&file.path)
        {
            let (case, diagnostics) = validate::validate_case(
                file,
                source,
                self.config,
                self.register,
                self.study_keys,
                self.today,
            );
            one.case = case.filter(|_| self.keep == Keep::Cases);
            one.diagnostics.extend(diagnostics);
        }
        if !one.diagnostics.is_empty() {
            one.sources = loaded.sources;
        }
        one
    }
}

/// The cases taken out of the catalogue, checked against those still in
/// it.
fn read_withdrawn(
    reading: &mut Reading<'_>,
    file: Option<SourceFile>,
    config: &Config,
    files: &[load::CaseFile],
    today: jiff::civil::Date,
) -> Vec<withdrawn::Withdrawn> {
    let Some(file) = file else {
        return Vec::new();
    };
    let countries: Vec<&str> = config.countries.iter().map(|term| term.id()).collect();
    let existing: Vec<String> = files
        .iter()
        .map(|case| format!("{}/{}", case.folder.to_lowercase(), case.slug))
        .collect();
    let (withdrawn, diagnostics) = withdrawn::parse(&file, &countries, &existing, today);
    reading.diagnostics.extend(diagnostics);
    reading.sources.insert(file);
    withdrawn
}

/// The studies of the research mapping: every `research/*.bib` file, in
/// name order (the folder is optional).
fn read_research(reading: &mut Reading<'_>, config: &Config) -> anyhow::Result<Vec<research::Study>> {
    let paths = reading.paths;
    match inside::look_folder(&paths.root, research::FOLDER) {
        Ok(true) => {}
        Ok(false) => return Ok(Vec::new()),
        Err(refused) => {
            reading
                .diagnostics
                .push(inside::diagnostic(&reading.root, &refused));
            return Ok(Vec::new());
        }
    }
    let folder = paths.root.join(research::FOLDER);
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .map_err(|error| anyhow::anyhow!("could not read {}: {error}", paths.display(research::FOLDER)))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".bib") && !name.starts_with('.'))
        .collect();
    names.sort();
    let mut files = Vec::new();
    for name in names {
        if let Some(file) = reading.optional(&format!("{}/{name}", research::FOLDER))? {
            files.push(file);
        }
    }
    let (studies, diagnostics) = research::read(&files, config);
    reading.diagnostics.extend(diagnostics);
    for file in files {
        reading.sources.insert(file);
    }
    Ok(studies)
}

/// The `.csl` file `[research] style` names, parsed: `None` for a bundled
/// style, and for a file that cannot be used, which is reported (E0013)
/// and leaves the studies in APA. The file is read as the catalogue's
/// other files are, never through a link, and only up to
/// [`config::MAX_CSL_BYTES`].
fn read_csl_style(
    reading: &mut Reading<'_>,
    config: &Config,
) -> Option<hayagriva::citationberg::IndependentStyle> {
    let StyleChoice::File(path) = config.research.style() else {
        return None;
    };
    let setting = config.research.style.as_ref().map(|style| style.span());
    let toml_path = format!("{}/catalogue.toml", reading.root);
    let shown = format!("{}/{path}", reading.root);
    let problem = |message: String, help: &str| {
        Diagnostic::new(
            &config::INVALID_RESEARCH_SETTING,
            &toml_path,
            setting.clone(),
            message,
        )
        .with_help(help.to_string())
    };
    let metadata = match inside::look(&reading.paths.root, path) {
        Ok(Some(metadata)) => metadata,
        Ok(None) => {
            reading.diagnostics.push(problem(
                format!("there is no file {shown} for the citation style"),
                "put the .csl file there, or correct the path (relative to the catalogue folder)",
            ));
            return None;
        }
        Err(refused) => {
            reading
                .diagnostics
                .push(inside::diagnostic(&reading.root, &refused));
            return None;
        }
    };
    if metadata.len() > config::MAX_CSL_BYTES {
        reading.diagnostics.push(problem(
            format!(
                "the citation style {shown} has {} bytes, more than the {} a style may have",
                metadata.len(),
                config::MAX_CSL_BYTES
            ),
            "use the style's own .csl file, as the Zotero Style Repository offers it",
        ));
        return None;
    }
    let text = inside::read_looked_at(&reading.paths.root.join(path), &metadata)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok());
    let Some(text) = text else {
        reading.diagnostics.push(problem(
            format!("the citation style {shown} cannot be read as UTF-8 text"),
            "save the .csl file as UTF-8 text",
        ));
        return None;
    };
    reading.files_checked += 1;
    let parsed = research::parse_csl(&text);
    let file = SourceFile::new(shown.clone(), text);
    let style = match parsed {
        Ok(style) => Some(style),
        Err(why) => {
            reading.diagnostics.push(
                Diagnostic::new(
                    &config::INVALID_RESEARCH_SETTING,
                    &shown,
                    None,
                    format!("the citation style cannot be used: {why}"),
                )
                .with_help(
                    "use an independent CSL 1.0 style, e.g. from the Zotero Style Repository, or name a bundled style; see `catalogue explain E0013`",
                ),
            );
            None
        }
    };
    reading.sources.insert(file);
    style
}

/// What `build` needs besides the catalogue.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub theme: PathBuf,
    pub out: PathBuf,
    /// Overrides `[site] base_url` of catalogue.toml.
    pub base_url: Option<String>,
}

/// What a build did.
#[derive(Debug)]
pub struct Built {
    pub checked: Checked,
    /// Files written, or `None` when the catalogue had errors and nothing
    /// was written.
    pub files: Option<usize>,
}

/// Check the catalogue and, if it has no errors, render and write the site.
/// The previous site is replaced only when the new one is complete. The
/// cases of the catalogue it returns have let go of their bodies
/// ([`crate::model::Case::body_text`] reads one again).
pub fn build(
    paths: &CataloguePaths,
    options: &BuildOptions,
    today: jiff::civil::Date,
) -> anyhow::Result<Built> {
    build_stages(paths, options, today, &|_| {}, false).map(|(built, _)| built)
}

/// What a successful build keeps for redoing only part of it later
/// ([`crate::incremental`]).
pub(crate) struct Kept {
    pub theme: render::Theme,
    pub site_options: render::SiteOptions,
    pub search: crate::search::SearchData,
    pub index: crate::search::index::SearchIndex,
    pub cache: render::RenderCache,
    pub records: export::Records,
}

impl Kept {
    fn parts(&mut self) -> Parts<'_> {
        Parts {
            theme: &self.theme,
            site_options: &self.site_options,
            search: &self.search,
            cache: Some(&mut self.cache),
            records: Some(&mut self.records),
        }
    }
}

/// What rendering and exporting read and fill: [`Kept`] without the
/// index, which a build that is not kept lets go of before rendering, and
/// without the cards and records such a build does not keep.
struct Parts<'k> {
    theme: &'k render::Theme,
    site_options: &'k render::SiteOptions,
    search: &'k crate::search::SearchData,
    cache: Option<&'k mut render::RenderCache>,
    records: Option<&'k mut export::Records>,
}

/// [`build`], also handing every written page to `written` and returning
/// what an incremental rebuild needs.
pub(crate) fn build_keeping(
    paths: &CataloguePaths,
    options: &BuildOptions,
    today: jiff::civil::Date,
    written: &(dyn Fn(&Page) + Sync),
) -> anyhow::Result<(Built, Option<Kept>)> {
    build_stages(paths, options, today, written, true)
}

/// The stages of a build. With `keep`, what they made is kept for
/// `serve` (the bodies and the index too); without, each is let go of
/// as soon as no later stage needs it.
fn build_stages(
    paths: &CataloguePaths,
    options: &BuildOptions,
    today: jiff::civil::Date,
    written: &(dyn Fn(&Page) + Sync),
    keep: bool,
) -> anyhow::Result<(Built, Option<Kept>)> {
    refuse_bad_base_url(options)?;
    let sources = output::Sources {
        catalogue: &paths.root,
        theme: &options.theme,
    };
    // Before anything else: a refused output folder is the user's to fix
    // whatever the catalogue holds.
    output::check_out_folder(&options.out, &sources)?;
    let mut checked = check(paths, today)?;
    let has_errors = checked.has_errors();
    let catalogue = match &mut checked.catalogue {
        Some(catalogue) if !has_errors => catalogue,
        _ => return Ok((Built { checked, files: None }, None)),
    };
    let theme = load_theme(options, catalogue)?;
    let site_options = render::SiteOptions {
        base_url: options
            .base_url
            .clone()
            .unwrap_or_else(|| catalogue.config.site.base_url.clone()),
    };
    // `serve` keeps the bodies: an edit renders a few pages again, each
    // from its body in memory. A build reads each body again for its page.
    let (mut search, index) = if keep {
        crate::search::index::build_with_index(catalogue)?
    } else {
        crate::search::index::build_releasing_bodies(catalogue)?
    };
    let catalogue: &Catalogue = catalogue;
    // Related cases are found: only `serve`, scoring an edited case
    // again, needs the index from here on. Let go of before rendering,
    // its memory serves the pages instead of adding to theirs.
    let index = keep.then_some(index);
    let mut cache = render::RenderCache::default();
    let mut records = export::Records::default();
    let files = output::write_site(&options.out, &sources, &theme.static_dir, |sink| {
        let sink = &|page: &Page| {
            sink(page)?;
            written(page);
            Ok(())
        };
        let shards = export::search_shards(&search, &render::Selection::All, sink)?;
        if !keep {
            // The vocabulary with its postings, half of what a plain
            // build holds at this point (350 MB at 100,000 cases): nothing
            // reads it once the shards are written.
            search.entries = Default::default();
        }
        let parts = Parts {
            theme: &theme,
            site_options: &site_options,
            search: &search,
            cache: keep.then_some(&mut cache),
            records: keep.then_some(&mut records),
        };
        Ok(shards + render_and_export(catalogue, parts, &render::Selection::All, sink)?)
    })?;
    let built = Built {
        checked,
        files: Some(files),
    };
    let kept = index.map(|index| Kept {
        theme,
        site_options,
        search,
        index,
        cache,
        records,
    });
    Ok((built, kept))
}

/// Before anything is read or written: the option reaches every link.
fn refuse_bad_base_url(options: &BuildOptions) -> anyhow::Result<()> {
    if let Some(base_url) = &options.base_url
        && let Some(problem) = crate::config::base_url_problem(base_url)
    {
        anyhow::bail!(
            "--base-url \"{}\" {problem}; give the absolute http:// or https:// address the site is published at, e.g. https://example.org/catalogue/",
            diag::emit::visible(base_url)
        );
    }
    Ok(())
}

/// The theme, with UI strings for every language of the site: found out
/// before anything is written rather than halfway through the pages.
fn load_theme(options: &BuildOptions, catalogue: &Catalogue) -> anyhow::Result<render::Theme> {
    let theme = render::Theme::load(&options.theme)?;
    for language in render::site_languages(&catalogue.config, &theme) {
        theme.strings(&language.code)?;
    }
    Ok(theme)
}

/// [`render_and_export`] with what a build kept.
pub(crate) fn render_and_export_kept(
    catalogue: &Catalogue,
    kept: &mut Kept,
    selection: &render::Selection,
    sink: PageSink<'_>,
) -> anyhow::Result<usize> {
    let shards = export::search_shards(&kept.search, selection, sink)?;
    Ok(shards + render_and_export(catalogue, kept.parts(), selection, sink)?)
}

/// The render stage, then the export stage but the search shards,
/// handing every file to `sink`: all of them, or with a selection, those
/// an edit reached. Returns how many files the site has but the shards.
fn render_and_export(
    catalogue: &Catalogue,
    kept: Parts<'_>,
    selection: &render::Selection,
    sink: PageSink<'_>,
) -> anyhow::Result<usize> {
    let mut not_kept = render::RenderCache::default();
    let rendered = render::render_site(
        catalogue,
        kept.search,
        kept.theme,
        kept.site_options,
        selection,
        kept.cache.unwrap_or(&mut not_kept),
        sink,
    )?;
    // The cards of every case (80 MB at 100,000 cases), when no edit
    // will want them again.
    drop(not_kept);
    let exported = export::export_site(
        catalogue,
        kept.search,
        kept.theme,
        &rendered,
        selection,
        kept.records,
        sink,
    )?;
    Ok(rendered.pages + exported)
}

/// A search from the command line: the catalogue's valid cases and
/// studies, indexed, and the query's results.
#[derive(Debug)]
pub struct Searched {
    pub checked: Checked,
    pub results: crate::search::Results,
    /// The number of cases indexed: a hit's ordinal at or above it is a
    /// study's, `catalogue.studies[ordinal - cases]`.
    pub cases: usize,
}

/// Resolve a municipality filter (name or code) to its `cc/code` key.
fn municipality_filter(catalogue: &Catalogue, country: Option<&str>, wanted: &str) -> anyhow::Result<String> {
    let countries: Vec<&str> = match country {
        Some(country) => vec![country],
        None => catalogue.config.countries.iter().map(|c| c.id()).collect(),
    };
    let mut found: Vec<&crate::register::Municipality> = Vec::new();
    for country in countries {
        match catalogue.register.resolve(country, wanted) {
            crate::register::Resolution::Found(m) => found.push(m),
            crate::register::Resolution::Ambiguous { candidates } => found.extend(candidates),
            _ => {}
        }
    }
    found.sort_by(|a, b| (&a.territory, &a.code).cmp(&(&b.territory, &b.code)));
    found.dedup_by(|a, b| a.territory == b.territory && a.code == b.code);
    match found.as_slice() {
        [one] => Ok(format!("{}/{}", one.territory.to_lowercase(), one.code)),
        [] => anyhow::bail!("no municipality \"{wanted}\" in the register"),
        many => anyhow::bail!(
            "\"{wanted}\" names several municipalities: {}; give its code or --country",
            many.iter()
                .map(|m| format!("{} {} ({})", m.territory, m.code, m.name))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What `catalogue search` is asked: the words, the filters as typed,
/// and the language to name concepts in.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchRequest<'a> {
    pub query: &'a str,
    pub country: Option<&'a str>,
    /// A municipality's name or code.
    pub municipality: Option<&'a str>,
    pub category: Option<&'a str>,
    /// `case` or `study`.
    pub doc_type: Option<&'a str>,
    pub language: &'a str,
}

/// Check the catalogue, index its valid cases and studies and run the
/// request's query.
pub fn search(
    paths: &CataloguePaths,
    request: &SearchRequest<'_>,
    today: jiff::civil::Date,
) -> anyhow::Result<Searched> {
    let checked = check(paths, today)?;
    let Some(catalogue) = &checked.catalogue else {
        anyhow::bail!("catalogue.toml has errors: run `catalogue check`");
    };
    let country = request.country.map(str::to_uppercase);
    let filters = crate::search::Filters {
        municipality: request
            .municipality
            .map(|wanted| municipality_filter(catalogue, country.as_deref(), wanted))
            .transpose()?,
        country,
        category: request.category.map(str::to_string),
        doc_type: request.doc_type.map(str::to_string),
        ..Default::default()
    };
    let data = crate::search::index::build(catalogue)?;
    let results = data.search_in(request.query, &filters, request.language);
    Ok(Searched {
        cases: data.facets.len(),
        checked,
        results,
    })
}

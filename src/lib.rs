//! # The Nordic good-examples catalogue
//!
//! A static site generator for one kind of content: good examples of Nordic
//! municipalities co-operating in social services with digital support.
//! Case files are Markdown with TOML front matter under
//! `examples-catalogue/cases/<CC>/<slug>.md`.
//!
//! The work is a pipeline of stages, each a function of the previous one's
//! value (no global state):
//!
//! 1. [`load`]: walk the case folders in sorted order, read each file, split
//!    front matter from body, keeping byte offsets;
//! 2. [`validate`]: run every rule over every case against the
//!    vocabularies of [`config`] and the municipality [`register`], keeping
//!    every [`diag::Diagnostic`];
//! 3. the validated [`model::Catalogue`] feeds the later stages.
//!
//! [`check`] runs stages 1 and 2; `main.rs` is a thin command line over
//! this library.

pub mod appendix;
pub mod bodies;
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
pub mod register;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod validate;
pub mod withdrawn;

use std::path::{Path, PathBuf};

use config::Config;
use diag::{Diagnostic, Severity};
use model::Catalogue;
use register::Register;
use source::{SourceFile, SourceMap};

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
        if let Some(diagnostic) = catalogue.config.check_theme_strings(config_file, theme_root) {
            self.diagnostics.push(diagnostic);
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

/// Load and validate the catalogue at `paths`. Content problems come back
/// as diagnostics in [`Checked`]; an `Err` means the catalogue could not be
/// read at all (no such folder, no catalogue.toml).
pub fn check(paths: &CataloguePaths, today: jiff::civil::Date) -> anyhow::Result<Checked> {
    if !paths.root.is_dir() {
        anyhow::bail!(
            "{} is not a catalogue folder (it does not exist or is not a folder)",
            paths.display_root()
        );
    }
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    let root = paths.display_root();
    // A required file that is a link ends the check with its diagnostic: no
    // rule can run without it.
    let refused = |diagnostic: Diagnostic, sources: SourceMap| Checked {
        catalogue: None,
        diagnostics: vec![diagnostic],
        sources,
        files_checked: 1,
    };
    let config_file = match inside::read_catalogue_file(&paths.root, &root, "catalogue.toml")? {
        inside::Found::File(file) => file,
        inside::Found::Refused(diagnostic) => return Ok(refused(diagnostic, sources)),
        inside::Found::Absent => anyhow::bail!(
            "could not read {}: there is no such file",
            paths.display("catalogue.toml")
        ),
    };
    let config = Config::parse(&config_file);
    sources.insert(config_file);
    let config = match config {
        Ok(config) => config,
        Err(config_diagnostics) => {
            return Ok(Checked {
                catalogue: None,
                diagnostics: config_diagnostics,
                sources,
                files_checked: 1,
            });
        }
    };
    let register_file = match inside::read_catalogue_file(&paths.root, &root, "register/municipalities.csv")?
    {
        inside::Found::File(file) => file,
        inside::Found::Refused(diagnostic) => return Ok(refused(diagnostic, sources)),
        inside::Found::Absent => anyhow::bail!(
            "could not read {}: there is no such file",
            paths.display("register/municipalities.csv")
        ),
    };
    let (mut register, register_diagnostics) = Register::parse(&register_file);
    diagnostics.extend(register_diagnostics);
    let country_codes: Vec<&str> = config.countries.iter().map(|term| term.id()).collect();
    diagnostics.extend(register.check(&register_file, &country_codes, today.year()));
    sources.insert(register_file);
    let mut files_checked = 2;
    // The optional files: absent is fine, a link is refused (and the file
    // treated as absent, so the other checks still run).
    let mut optional =
        |relative: &str, diagnostics: &mut Vec<Diagnostic>| -> anyhow::Result<Option<SourceFile>> {
            Ok(match inside::read_catalogue_file(&paths.root, &root, relative)? {
                inside::Found::File(file) => {
                    files_checked += 1;
                    Some(file)
                }
                inside::Found::Absent => None,
                inside::Found::Refused(diagnostic) => {
                    diagnostics.push(diagnostic);
                    None
                }
            })
        };
    if let Some(bodies_file) = optional("register/bodies.csv", &mut diagnostics)? {
        let members_file = optional("register/body-members.csv", &mut diagnostics)?;
        let (bodies, body_diagnostics) = bodies::Bodies::parse(&bodies_file, members_file.as_ref());
        diagnostics.extend(body_diagnostics);
        diagnostics.extend(bodies.check(&bodies_file, members_file.as_ref(), &country_codes, &register));
        register.set_bodies(bodies);
        sources.insert(bodies_file);
        if let Some(members_file) = members_file {
            sources.insert(members_file);
        }
    }

    // The thesaurus is optional: without it search is still per language.
    let thesaurus = match optional("thesaurus.toml", &mut diagnostics)? {
        Some(file) => {
            let (thesaurus, thesaurus_diagnostics) = search::Thesaurus::parse(&file);
            diagnostics.extend(thesaurus_diagnostics);
            sources.insert(file);
            thesaurus
        }
        None => search::Thesaurus::default(),
    };

    let outlines = match optional("map/nordic-outlines.json", &mut diagnostics)? {
        Some(file) => {
            let (outlines, problem) = map::Outlines::parse(&file);
            diagnostics.extend(problem);
            sources.insert(file);
            outlines
        }
        None => map::Outlines::frame(),
    };
    let withdrawn_file = optional("withdrawn.toml", &mut diagnostics)?;

    let countries: Vec<&str> = config.countries.iter().map(|term| term.id()).collect();
    let cases_dir = paths.cases();
    let loaded = match inside::look_folder(&paths.root, "cases") {
        Ok(true) => load::load_cases(&cases_dir, &paths.display("cases"), &countries)?,
        Ok(false) => anyhow::bail!("{} has no cases/ folder", paths.display_root()),
        Err(refused) => {
            diagnostics.push(inside::diagnostic(&root, &refused));
            load::Loaded::default()
        }
    };
    diagnostics.extend(loaded.diagnostics);
    let withdrawn = match withdrawn_file {
        Some(file) => {
            let existing: Vec<String> = loaded
                .cases
                .iter()
                .map(|case| format!("{}/{}", case.folder.to_lowercase(), case.slug))
                .collect();
            let (withdrawn, withdrawn_diagnostics) = withdrawn::parse(&file, &countries, &existing, today);
            diagnostics.extend(withdrawn_diagnostics);
            sources.insert(file);
            withdrawn
        }
        None => Vec::new(),
    };
    let mut validated = validate::validate(&loaded.cases, &loaded.sources, &config, &register, today);
    diagnostics.append(&mut validated.diagnostics);
    let files_checked = loaded.files_seen + files_checked;
    sources.merge(loaded.sources);
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
            withdrawn,
        }),
        diagnostics,
        sources,
        files_checked,
    })
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
/// The previous site is replaced only when the new one is complete.
pub fn build(
    paths: &CataloguePaths,
    options: &BuildOptions,
    today: jiff::civil::Date,
) -> anyhow::Result<Built> {
    build_keeping(paths, options, today, &|_| {}).map(|(built, _)| built)
}

/// What a successful build keeps for redoing only part of it later
/// ([`incremental`]).
pub(crate) struct Kept {
    pub theme: render::Theme,
    pub site_options: render::SiteOptions,
    pub search: search::SearchData,
    pub index: search::index::SearchIndex,
    pub cache: render::RenderCache,
}

/// [`build`], also handing every written page to `written` and returning
/// what an incremental rebuild needs.
pub(crate) fn build_keeping(
    paths: &CataloguePaths,
    options: &BuildOptions,
    today: jiff::civil::Date,
    written: &(dyn Fn(&render::Page) + Sync),
) -> anyhow::Result<(Built, Option<Kept>)> {
    // Before anything is read or written: the option reaches every link.
    if let Some(base_url) = &options.base_url
        && let Some(problem) = config::base_url_problem(base_url)
    {
        anyhow::bail!(
            "--base-url \"{}\" {problem}; give the absolute http:// or https:// address the site is published at, e.g. https://example.org/catalogue/",
            diag::emit::visible(base_url)
        );
    }
    let sources = output::Sources {
        catalogue: &paths.root,
        theme: &options.theme,
    };
    // Before anything else: a refused output folder is the user's to fix
    // whatever the catalogue holds.
    output::check_out_folder(&options.out, &sources)?;
    let checked = check(paths, today)?;
    let catalogue = match &checked.catalogue {
        Some(catalogue) if !checked.has_errors() => catalogue,
        _ => return Ok((Built { checked, files: None }, None)),
    };
    let theme = render::Theme::load(&options.theme)?;
    // The site language must have UI strings in this theme: found out
    // before anything is written rather than halfway through the pages.
    theme.strings(&catalogue.config.site.language)?;
    let site_options = render::SiteOptions {
        base_url: options
            .base_url
            .clone()
            .unwrap_or_else(|| catalogue.config.site.base_url.clone()),
    };
    let (search, index) = search::index::build_with_index(catalogue)?;
    let mut cache = render::RenderCache::default();
    let pages = output::write_site(&options.out, &sources, &theme.static_dir, |sink| {
        render::render_site(
            catalogue,
            &search,
            &theme,
            &site_options,
            &render::Selection::All,
            &mut cache,
            &|page| {
                sink(page)?;
                written(page);
                Ok(())
            },
        )
    })?;
    let kept = Kept {
        theme,
        site_options,
        search,
        index,
        cache,
    };
    Ok((
        Built {
            checked,
            files: Some(pages),
        },
        Some(kept),
    ))
}

/// A search from the command line: the catalogue's valid cases, indexed,
/// and the query's results.
#[derive(Debug)]
pub struct Searched {
    pub checked: Checked,
    pub results: search::Results,
}

/// Resolve a municipality filter (name or code) to its `cc/code` key.
fn municipality_filter(catalogue: &Catalogue, country: Option<&str>, wanted: &str) -> anyhow::Result<String> {
    let countries: Vec<&str> = match country {
        Some(country) => vec![country],
        None => catalogue.config.countries.iter().map(|c| c.id()).collect(),
    };
    let mut found: Vec<&register::Municipality> = Vec::new();
    for country in countries {
        match catalogue.register.resolve(country, wanted) {
            register::Resolution::Found(m) => found.push(m),
            register::Resolution::Ambiguous { candidates } => found.extend(candidates),
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

/// Check the catalogue, index its valid cases and run `query`.
pub fn search(
    paths: &CataloguePaths,
    query: &str,
    country: Option<&str>,
    municipality: Option<&str>,
    category: Option<&str>,
    today: jiff::civil::Date,
) -> anyhow::Result<Searched> {
    let checked = check(paths, today)?;
    let Some(catalogue) = &checked.catalogue else {
        anyhow::bail!("catalogue.toml has errors: run `catalogue check`");
    };
    let country = country.map(str::to_uppercase);
    let filters = search::Filters {
        municipality: municipality
            .map(|wanted| municipality_filter(catalogue, country.as_deref(), wanted))
            .transpose()?,
        country,
        category: category.map(str::to_string),
        ..Default::default()
    };
    let data = search::index::build(catalogue)?;
    let results = data.search(query, &filters);
    Ok(Searched { checked, results })
}

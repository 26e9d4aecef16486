//! Rebuilding after an edit, for `serve`: a [`Session`] remembers its last
//! good build (the validated catalogue, the search data and the tantivy
//! index it came from, the rendered cards, a hash of every page written)
//! and, when only case files changed, redoes only what they reach.
//!
//! An edit of existing case files is re-read, re-validated, re-scored for
//! search and re-rendered: the case's page, the pages listing it (its
//! country, municipalities, terms and municipality groups, and the case
//! pages showing it as related), the home and index pages, the feed, the
//! sitemap, the open data and the search export. Pages are written only
//! when their bytes changed, so only the search shards holding the case's
//! words are written again; each is replaced whole (written beside its old
//! file, then renamed over it), so that the preview serves the old page or
//! the new one, never a part. A municipality page the edit leaves without
//! any case naming or covering it is removed, as a full build would not
//! write it, and so is a page of a list (`…/page/3/`) the edit shortened
//! by a page. Anything else (a case added, removed or
//! renamed, catalogue.toml, the register, the thesaurus, the map, the
//! research files, any other file of the catalogue folder outside `cases/`,
//! the theme) gets a full build, as does an edit after which the partial
//! rebuild fails.
//!
//! What a partial rebuild does not redo, by design: search scores of other
//! cases keep the corpus statistics of the last full build, and other cases
//! keep their related cases. `catalogue build` always does everything.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use anyhow::Context as _;
use rayon::prelude::*;

use crate::diag::emit::{self, Format};
use crate::diag::{Diagnostic, Severity};
use crate::output::Page;
use crate::pipeline::{BuildOptions, CataloguePaths, Checked, Kept};
use crate::render::urls;
use crate::render::{Affected, Selection};

/// When a file was last changed and its size: a file whose stamp is the
/// same is taken to be unchanged.
type Stamp = (SystemTime, u64);

/// What a rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// The diagnostics for the terminal (coloured as asked); empty when
    /// there are none.
    pub report: String,
    /// The same without colour, for the browser overlay.
    pub plain_report: String,
    pub outcome: Outcome,
    /// Why a full build was done when a partial one was possible in
    /// principle (a session's first build has none).
    pub full_because: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The site was written: `files` in all, `written` of them changed.
    Written {
        files: usize,
        written: usize,
        /// Whether only the edited cases' pages were redone.
        partial: bool,
    },
    /// The catalogue has errors: the site was left as it was.
    Failed,
    /// No input changed since the last build.
    Unchanged,
}

/// A partial rebuild's answer.
enum Partly {
    Done(Rebuilt),
    /// Only a full build can answer for this change.
    Cannot(&'static str),
}

/// One `serve` session's builds.
pub struct Session {
    paths: CataloguePaths,
    options: BuildOptions,
    color: bool,
    last: Option<LastBuild>,
    /// Whether the stamps of the last good build are those of the files as
    /// the last rebuild found them, so that a rebuild told which paths
    /// changed since then need stamp only those. Not after an edit with
    /// errors: the files it re-read are newer than the last good build,
    /// and only a full look at the stamps finds them all again.
    stamps_current: bool,
    /// Held for writing while a partial rebuild writes a page over its
    /// file; readers of the site ([`Session::page_lock`]) take its read side.
    page_lock: Arc<RwLock<()>>,
}

/// The paths a file watcher saw change since the last rebuild.
pub enum Changes<'p> {
    /// These paths, and nothing else.
    Paths(&'p BTreeSet<PathBuf>),
    /// Unknown (no watcher, or it lost events): every stamp is read.
    Unknown,
}

/// How a partial rebuild found the case files that changed.
enum Scan {
    /// Every input stamped again.
    Full {
        others: BTreeMap<PathBuf, Stamp>,
        entries: BTreeMap<String, (PathBuf, Stamp)>,
    },
    /// Only the watched paths, all of them case files the last build
    /// had: (displayed path, path, stamp now).
    Watched(Vec<(String, PathBuf, Stamp)>),
}

/// The last good build.
struct LastBuild {
    /// Every input that is not a case file, with its stamp.
    others: BTreeMap<PathBuf, Stamp>,
    /// Every entry under `cases/` by displayed path (folders too, so that a
    /// new folder is noticed).
    cases: BTreeMap<String, (PathBuf, Stamp)>,
    checked: Checked,
    kept: Kept,
    /// A hash of the bytes of every page written, by path.
    written: BTreeMap<String, u64>,
    /// How many files the site has.
    files: usize,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// The diagnostics for the terminal (coloured if `color`) and the overlay.
fn reports(color: bool, diagnostics: &[Diagnostic], checked: &Checked) -> (String, String) {
    if diagnostics.is_empty() {
        return (String::new(), String::new());
    }
    let summary = crate::diag::Summary::of(diagnostics, checked.files_checked);
    let render = |color| emit::render(diagnostics, &checked.sources, &summary, Format::Human, color);
    (render(color), render(false))
}

/// Write a page of the preview so that `serve`'s HTTP thread gets its old
/// bytes or its new ones, never a part of them (a page read while it was
/// being written came out empty). A page whose file is a regular file of
/// the site alone is written over in place while `lock` is held for
/// writing (the HTTP thread reads under its read side); any other (a new
/// page, a link, a file with other hard links) goes to a file beside it,
/// which then takes its name, so that nothing is written through a link.
fn replace_page(out: &Path, page: &Page, lock: &RwLock<()>) -> anyhow::Result<()> {
    // Page paths come from our own URL scheme; refuse anything that could
    // climb out of the site all the same.
    if page.path.starts_with('/')
        || page
            .path
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == ".." || part.contains('\\'))
    {
        anyhow::bail!("refusing to write the unsafe page path {:?}", page.path);
    }
    let target = out.join(&page.path);
    {
        let _writing = lock.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if overwrite_in_place(&target, &page.bytes)? {
            return Ok(());
        }
    }
    let temporary = match page.path.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/.{name}.{}.preview", std::process::id()),
        None => format!(".{}.{}.preview", page.path, std::process::id()),
    };
    let written = crate::output::write_page(out, &temporary, &page.bytes).and_then(|()| {
        std::fs::rename(out.join(&temporary), &target)
            .with_context(|| format!("could not write {}", target.display()))
    });
    if written.is_err() {
        let _ = std::fs::remove_file(out.join(&temporary));
    }
    written
}

/// Write `bytes` over the file at `target` in place, if it is a regular
/// file with no other name: it keeps its inode and its cached pages. A new
/// file renamed over the old one made the file system allocate an inode
/// and free the old one's pages on every rebuild (30 ms for a rebuild's
/// pages and open data at 10,000 cases, against 4 ms in place). `false`
/// when the file is not there or not one to write over.
fn overwrite_in_place(target: &Path, bytes: &[u8]) -> anyhow::Result<bool> {
    #[cfg(unix)]
    {
        use std::io::Write as _;
        use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _};
        // Never through a link, never waiting on a pipe.
        let Ok(mut file) = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(target)
        else {
            return Ok(false);
        };
        let metadata = file.metadata()?;
        if !metadata.is_file() || metadata.nlink() != 1 {
            return Ok(false);
        }
        let written = file
            .write_all(bytes)
            .and_then(|()| file.set_len(bytes.len() as u64));
        written.with_context(|| format!("could not write {}", target.display()))?;
        Ok(true)
    }
    #[cfg(not(unix))]
    {
        let _ = (target, bytes);
        Ok(false)
    }
}

/// A page's digest: the same bytes give the same one within a session,
/// which is all that is asked of it.
fn hash(bytes: &[u8]) -> u64 {
    foldhash::quality::FixedState::with_seed(0x6361_7461_6c6f_6775).hash_one(bytes)
}

impl Session {
    pub fn new(paths: CataloguePaths, options: BuildOptions, color: bool) -> Session {
        Session {
            paths,
            options,
            color,
            last: None,
            stamps_current: false,
            page_lock: Arc::default(),
        }
    }

    /// The lock a reader of the site holds (its read side) while it reads
    /// a page, so that it never gets a page half written over by a
    /// partial rebuild.
    pub fn page_lock(&self) -> Arc<RwLock<()>> {
        Arc::clone(&self.page_lock)
    }

    /// The displayed path of a file under `cases/`, as the load stage and
    /// [`Session::case_entries`] name it.
    fn case_display(&self, path: &Path) -> Option<String> {
        let relative = path.strip_prefix(self.paths.cases()).ok()?;
        let components: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(format!(
            "{}/cases/{}",
            self.paths.display_root(),
            components.join("/")
        ))
    }

    /// The watched `paths` stamped again, when every one of them is a case
    /// file of the last good build: then nothing else can have changed (a
    /// new, removed or renamed file, a folder or any other input is a
    /// path the last build has no case file for). `None` sends the
    /// rebuild to stamp everything.
    fn watched(&self, paths: &BTreeSet<PathBuf>) -> Option<Scan> {
        let last = self.last.as_ref().filter(|_| self.stamps_current)?;
        let mut watched = Vec::with_capacity(paths.len());
        for path in paths {
            let display = self.case_display(path)?;
            let (known, old) = last.cases.get(&display)?;
            if known != path || old.0 == SystemTime::UNIX_EPOCH {
                return None;
            }
            watched.push((display, path.clone(), stamp(path)?));
        }
        Some(Scan::Watched(watched))
    }

    /// Every input besides the case files, with its stamp.
    fn other_inputs(&self) -> BTreeMap<PathBuf, Stamp> {
        let mut inputs = BTreeMap::new();
        for path in [
            self.paths.config(),
            self.paths.register(),
            self.paths.thesaurus(),
            self.paths.outlines(),
        ] {
            let found = stamp(&path);
            inputs.insert(path, found.unwrap_or((SystemTime::UNIX_EPOCH, u64::MAX)));
        }
        // Every other file of the catalogue folder too: the research files
        // (`research/*.bib`), a `.csl` style, the bodies, withdrawn.toml.
        // Their edits reach pages no partial rebuild redoes.
        let cases = self.paths.cases();
        let out = &self.options.out;
        let walker = walkdir::WalkDir::new(&self.paths.root)
            .min_depth(1)
            .sort_by_file_name()
            .follow_links(false)
            .into_iter()
            .filter_entry(|entry| {
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                !hidden && entry.path() != cases && entry.path() != out
            });
        for entry in walker.flatten() {
            if entry.file_type().is_file()
                && let Some(found) = stamp(entry.path())
            {
                inputs.insert(entry.path().to_path_buf(), found);
            }
        }
        for entry in walkdir::WalkDir::new(&self.options.theme).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if let Some(found) = stamp(entry.path()) {
                inputs.insert(entry.path().to_path_buf(), found);
            }
        }
        inputs
    }

    /// Every entry under `cases/`, as the load stage names them, with their
    /// stamps (read on every core: a stamp is a system call per file).
    fn case_entries(&self) -> BTreeMap<String, (PathBuf, Stamp)> {
        let walked: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(self.paths.cases())
            .min_depth(1)
            .sort_by_file_name()
            .follow_links(false)
            .into_iter()
            .flatten()
            .collect();
        walked
            .par_iter()
            .filter_map(|entry| {
                let display = self.case_display(entry.path())?;
                // A folder counts by its presence only: saving a file in it
                // (write and rename) changes the folder's own time.
                let found = if entry.file_type().is_dir() {
                    Some((SystemTime::UNIX_EPOCH, 0))
                } else {
                    stamp(entry.path())
                }?;
                Some((display, (entry.path().to_path_buf(), found)))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect()
    }

    /// Build again: partly if only case files were edited since the last
    /// good build, else fully.
    pub fn rebuild(&mut self, today: jiff::civil::Date) -> anyhow::Result<Rebuilt> {
        self.rebuild_after(today, Changes::Unknown)
    }

    /// [`Session::rebuild`], told which paths changed since the last
    /// rebuild: at 10,000 cases, stamping every file was a tenth of a
    /// rebuild after one edit.
    pub fn rebuild_after(
        &mut self,
        today: jiff::civil::Date,
        changes: Changes<'_>,
    ) -> anyhow::Result<Rebuilt> {
        let mut full_because = None;
        if self.last.is_some() {
            match self.rebuild_partly(today, changes) {
                Ok(Partly::Done(rebuilt)) => return Ok(rebuilt),
                Ok(Partly::Cannot(reason)) => full_because = Some(reason.to_string()),
                // Whatever went wrong, a full build is the safe answer.
                Err(error) => {
                    self.last = None;
                    full_because = Some(format!("{error:#}"));
                }
            }
        }
        let mut rebuilt = self.rebuild_fully(today)?;
        rebuilt.full_because = full_because;
        self.stamps_current = rebuilt.outcome != Outcome::Failed;
        Ok(rebuilt)
    }

    fn rebuild_fully(&mut self, today: jiff::civil::Date) -> anyhow::Result<Rebuilt> {
        // Stamped before reading, so that an edit made during the build is
        // seen as a change next time.
        let others = self.other_inputs();
        let cases = self.case_entries();
        let written = Mutex::new(BTreeMap::new());
        let (built, kept) =
            crate::pipeline::build_keeping(&self.paths, &self.options, today, &|page: &Page| {
                if let Ok(mut written) = written.lock() {
                    written.insert(page.path.clone(), hash(&page.bytes));
                }
            })?;
        let (report, plain_report) = reports(self.color, &built.checked.diagnostics, &built.checked);
        let outcome = match (built.files, kept) {
            (Some(files), Some(kept)) => {
                self.last = Some(LastBuild {
                    others,
                    cases,
                    checked: built.checked,
                    kept,
                    written: written.into_inner().unwrap_or_default(),
                    files,
                });
                Outcome::Written {
                    files,
                    written: files,
                    partial: false,
                }
            }
            _ => {
                self.last = None;
                Outcome::Failed
            }
        };
        Ok(Rebuilt {
            report,
            plain_report,
            outcome,
            full_because: None,
        })
    }

    fn rebuild_partly(&mut self, today: jiff::civil::Date, changes: Changes<'_>) -> anyhow::Result<Partly> {
        let watched = match changes {
            Changes::Paths(paths) => self.watched(paths),
            Changes::Unknown => None,
        };
        let scan = watched.unwrap_or_else(|| Scan::Full {
            others: self.other_inputs(),
            entries: self.case_entries(),
        });
        let Some(last) = &self.last else {
            return Ok(Partly::Cannot("no previous build"));
        };
        let changed: Vec<(&String, &PathBuf)> = match &scan {
            Scan::Full { others, entries } => {
                if let Some(reason) = full_build_needed(last, others, entries) {
                    return Ok(Partly::Cannot(reason));
                }
                changed_cases(last, entries)
            }
            Scan::Watched(watched) => watched
                .iter()
                .filter(|(display, _, found)| last.cases.get(display).map(|(_, old)| old) != Some(found))
                .map(|(display, path, _)| (display, path))
                .collect(),
        };
        if changed.is_empty() {
            self.stamps_current = true;
            return Ok(Partly::Done(Rebuilt {
                report: String::new(),
                plain_report: String::new(),
                outcome: Outcome::Unchanged,
                full_because: None,
            }));
        }
        let Some(catalogue) = &last.checked.catalogue else {
            return Ok(Partly::Cannot("no previous catalogue"));
        };
        let Some(revalidated) = revalidate(catalogue, &changed, today) else {
            return Ok(Partly::Cannot("a file that is not a case changed"));
        };
        let mut diagnostics: Vec<Diagnostic> = last
            .checked
            .diagnostics
            .iter()
            .filter(|d| !changed.iter().any(|(display, _)| d.path == **display))
            .cloned()
            .chain(revalidated.diagnostics)
            .collect();
        crate::diag::sort(&mut diagnostics);
        if diagnostics.iter().any(|d| d.severity() == Severity::Error) {
            // The last good build stays the base: the next rebuild compares
            // every stamp against it again.
            let failed = failed(self.color, last, diagnostics, revalidated.sources);
            self.stamps_current = false;
            return Ok(Partly::Done(failed));
        }

        let color = self.color;
        let Some(last) = self.last.as_mut() else {
            return Ok(Partly::Cannot("no previous build"));
        };
        for loaded in revalidated.sources {
            last.checked.sources.merge(loaded);
        }
        last.checked.diagnostics = diagnostics;
        let Some(written) = write_edits(last, revalidated.edits, &self.options.out, &self.page_lock)? else {
            return Ok(Partly::Cannot("no previous catalogue"));
        };
        match scan {
            Scan::Full { entries, .. } => last.cases = entries,
            Scan::Watched(watched) => {
                for (display, _, found) in watched {
                    if let Some((_, old)) = last.cases.get_mut(&display) {
                        *old = found;
                    }
                }
            }
        }
        self.stamps_current = true;
        let (report, plain_report) = reports(color, &last.checked.diagnostics, &last.checked);
        Ok(Partly::Done(Rebuilt {
            report,
            plain_report,
            outcome: Outcome::Written {
                files: last.files,
                written,
                partial: true,
            },
            full_because: None,
        }))
    }
}

/// Why only a full build can answer for what changed since `last`, if so.
fn full_build_needed(
    last: &LastBuild,
    others: &BTreeMap<PathBuf, Stamp>,
    entries: &BTreeMap<String, (PathBuf, Stamp)>,
) -> Option<&'static str> {
    if *others != last.others {
        return Some(
            "catalogue.toml, the register, the thesaurus, the map, the research files, another file outside cases/ or the theme changed",
        );
    }
    if !entries.keys().eq(last.cases.keys()) {
        return Some("a case file or folder was added, removed or renamed");
    }
    None
}

/// The case files whose stamp changed: (displayed path, path).
fn changed_cases<'e>(
    last: &LastBuild,
    entries: &'e BTreeMap<String, (PathBuf, Stamp)>,
) -> Vec<(&'e String, &'e PathBuf)> {
    entries
        .iter()
        .filter(|(display, (_, found))| last.cases.get(*display).map(|(_, old)| old) != Some(found))
        .map(|(display, (path, _))| (display, path))
        .collect()
}

/// What re-reading and re-validating the changed case files gave.
struct Revalidated {
    /// (ordinal, the case as it is now) of every changed file without
    /// errors.
    edits: Vec<(usize, crate::model::Case)>,
    diagnostics: Vec<Diagnostic>,
    sources: Vec<crate::source::SourceMap>,
}

/// Re-read and re-validate the changed files only; `None` if one of them
/// is not a case of the catalogue.
fn revalidate(
    catalogue: &crate::model::Catalogue,
    changed: &[(&String, &PathBuf)],
    today: jiff::civil::Date,
) -> Option<Revalidated> {
    let mut revalidated = Revalidated {
        edits: Vec::new(),
        diagnostics: Vec::new(),
        sources: Vec::new(),
    };
    for (display, path) in changed {
        let ordinal = catalogue.cases.iter().position(|case| &case.path == *display)?;
        let case = &catalogue.cases[ordinal];
        let loaded =
            crate::load::load_case(path, (*display).clone(), case.country.clone(), case.slug.clone());
        revalidated.diagnostics.extend(loaded.diagnostics);
        for file in &loaded.cases {
            if let Some(source) = loaded.sources.get(&file.path) {
                let (validated, diagnostics) = crate::validate::validate_case(
                    file,
                    source,
                    &catalogue.config,
                    &catalogue.register,
                    &crate::research::keys(&catalogue.studies),
                    today,
                );
                revalidated.diagnostics.extend(diagnostics);
                if let Some(validated) = validated {
                    revalidated.edits.push((ordinal, validated));
                }
            }
        }
        revalidated.sources.push(loaded.sources);
    }
    Some(revalidated)
}

/// The report of an edit that left errors: the site stays as it was.
fn failed(
    color: bool,
    last: &LastBuild,
    diagnostics: Vec<Diagnostic>,
    new_sources: Vec<crate::source::SourceMap>,
) -> Rebuilt {
    let mut sources = last.checked.sources.clone();
    for loaded in new_sources {
        sources.merge(loaded);
    }
    let shown = Checked {
        catalogue: None,
        diagnostics,
        sources,
        files_checked: last.checked.files_checked,
    };
    let (report, plain_report) = reports(color, &shown.diagnostics, &shown);
    Rebuilt {
        report,
        plain_report,
        outcome: Outcome::Failed,
        full_because: None,
    }
}

/// Put the edited cases into the last build, render and export what they
/// reach, write what changed and remove the municipality pages left
/// without cases. Returns how many files were written, or `None` without
/// a previous catalogue.
fn write_edits(
    last: &mut LastBuild,
    edits: Vec<(usize, crate::model::Case)>,
    out: &Path,
    lock: &RwLock<()>,
) -> anyhow::Result<Option<usize>> {
    let Some(catalogue) = last.checked.catalogue.as_mut() else {
        return Ok(None);
    };
    let affected = apply_edits(catalogue, &mut last.kept, edits)?;
    // The municipality pages the edit reaches, and the later pages of
    // every list it reaches (`…/page/2/`), in every language: a render
    // that leaves one of them out has no such page any more.
    let languages = crate::render::site_languages(&catalogue.config, &last.kept.theme);
    let mut reached: Vec<String> = languages
        .iter()
        .flat_map(|language| {
            affected.municipalities.iter().map(move |(territory, code)| {
                let page = urls::municipality(territory, code, &language.code);
                format!("{}{}", language.folder, page.file())
            })
        })
        .collect();
    for language in &languages {
        for list in affected.lists(&catalogue.config, &language.code) {
            let later = format!("{}{}page/", language.folder, list.as_str());
            reached.extend(
                last.written
                    .range(later.clone()..)
                    .take_while(|(path, _)| path.starts_with(&later))
                    .map(|(path, _)| path.clone()),
            );
        }
    }
    let pages = write_changed_pages(
        catalogue,
        &mut last.kept,
        &mut last.written,
        (out, lock),
        affected,
    )?;
    let removed = remove_unreached(out, reached, &pages.rendered, &mut last.written)?;
    last.files = (last.files + pages.added).saturating_sub(removed);
    Ok(Some(pages.writes))
}

/// Replace the edited cases and update their search entries; returns the
/// pages the edits reach.
fn apply_edits(
    catalogue: &mut crate::model::Catalogue,
    kept: &mut Kept,
    edits: Vec<(usize, crate::model::Case)>,
) -> anyhow::Result<Affected> {
    let mut affected = Affected::default();
    for (ordinal, case) in edits {
        let old = std::mem::replace(&mut catalogue.cases[ordinal], case);
        let keys = kept.index.update_case(&mut kept.search, catalogue, ordinal)?;
        affected.search_keys.extend(keys);
        affected.add_edit(ordinal, &old, &catalogue.cases[ordinal], &kept.search.related);
    }
    // A body's page says which of its members have a page of their own.
    let bodies = catalogue.register.bodies();
    for body in bodies.all() {
        let reached = bodies.members(&body.id).iter().any(|membership| {
            affected
                .municipalities
                .iter()
                .any(|(_, code)| *code == membership.code)
        });
        if reached {
            affected.bodies.insert(body.id.clone());
        }
    }
    Ok(affected)
}

/// What a partial render wrote.
struct PagesWritten {
    /// Every path rendered, written or not.
    rendered: BTreeSet<String>,
    /// Files written because their bytes changed.
    writes: usize,
    /// Pages the site did not have before.
    added: usize,
}

/// Render and export what `affected` reaches, writing only the pages whose
/// bytes changed.
fn write_changed_pages(
    catalogue: &crate::model::Catalogue,
    kept: &mut Kept,
    written: &mut BTreeMap<String, u64>,
    (out, lock): (&Path, &RwLock<()>),
    affected: Affected,
) -> anyhow::Result<PagesWritten> {
    let written = Mutex::new(written);
    let rendered = Mutex::new(BTreeSet::new());
    let writes = std::sync::atomic::AtomicUsize::new(0);
    let added = std::sync::atomic::AtomicUsize::new(0);
    crate::pipeline::render_and_export_kept(catalogue, kept, &Selection::Only(affected), &|page: &Page| {
        if let Ok(mut rendered) = rendered.lock() {
            rendered.insert(page.path.clone());
        }
        let digest = hash(&page.bytes);
        let unchanged = written
            .lock()
            .map(|written| written.get(&page.path) == Some(&digest))
            .unwrap_or(false);
        if unchanged {
            return Ok(());
        }
        replace_page(out, page, lock)?;
        writes.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut written) = written.lock()
            && written.insert(page.path.clone(), digest).is_none()
        {
            added.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(())
    })?;
    Ok(PagesWritten {
        rendered: rendered
            .into_inner()
            .map_err(|_| anyhow::anyhow!("a page writer failed"))?,
        writes: writes.into_inner(),
        added: added.into_inner(),
    })
}

/// Remove the `reached` pages the render left out (a municipality no case
/// names or covers any more), as a full build would not write them.
/// Returns how many were removed.
fn remove_unreached(
    out: &Path,
    reached: Vec<String>,
    rendered: &BTreeSet<String>,
    written: &mut BTreeMap<String, u64>,
) -> anyhow::Result<usize> {
    let mut removed = 0;
    for path in reached {
        if rendered.contains(&path) || written.remove(&path).is_none() {
            continue;
        }
        let file = out.join(&path);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(error).with_context(|| format!("could not remove {}", file.display()));
            }
        }
        // Its folders go too if nothing else is left in them (a list's
        // `page/3/`, then `page/`); a folder that still holds files stays
        // (the call fails, as it should), and so do those above it.
        for folder in Path::new(&path).ancestors().skip(1) {
            if folder.as_os_str().is_empty() || std::fs::remove_dir(out.join(folder)).is_err() {
                break;
            }
        }
        removed += 1;
    }
    Ok(removed)
}

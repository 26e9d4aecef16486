//! Writing the site: everything goes into a work folder beside the output
//! folder, which replaces the old site only when every file is written.
//! Pages are written as they are rendered, so the site is never whole in
//! memory. A build that fails or is killed half-way leaves the previous
//! site as it was.
//!
//! The site replaced by a build is kept as `.<out>.previous` and becomes
//! the next build's work folder: a page whose bytes did not change is left
//! as it is, a changed one is written as a new file (never through a hard
//! link someone made to the old one), and what the new site does not
//! contain is swept out before the swap. Creating and deleting the tens of
//! thousands of files of a fresh folder on every build was most of a
//! 10,000-case build (the file system's inode allocator, see
//! BENCHMARKS.md); a rebuild now touches only the files that changed.
//!
//! Because a build replaces everything in its output folder, it writes only
//! into a folder that is absent, empty, or a site of this tool: one holding
//! the marker file [`MARKER`], which every build writes, or a site of an
//! earlier version, recognised by its own files and marked by the build
//! that accepts it. The catalogue and the theme, a folder holding either
//! and a folder inside either are refused whatever they hold. The same goes
//! for the `.previous` and work folders beside the output: one that is not
//! ours is left alone, never taken, moved or swept.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use rayon::prelude::*;

/// One output file: its path below the site root and its bytes. Every
/// stage that makes files (render, export) hands them over as pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where pages go: a function that writes one page, callable from any
/// rendering thread.
pub type PageSink<'s> = &'s (dyn Fn(&Page) -> anyhow::Result<()> + Sync);

/// The file at the root of every site this tool builds. A folder holding
/// it may be replaced by a build; no other non-empty folder is.
pub const MARKER: &str = ".catalogue-site";

/// The marker's first line, by which it is recognised; the rest may change.
const MARKER_SIGNATURE: &str = "catalogue site\n";

/// The marker's text: the same for every build, so sites stay
/// byte-identical.
const MARKER_TEXT: &str = "catalogue site\n\
This folder is a site written by `catalogue build` or `catalogue serve`\n\
(the Nordic good-examples catalogue). Every build replaces all of it: keep\n\
no files of your own here. The tool writes only into a folder that is\n\
absent, empty or holds this file, so do not copy this file anywhere else.\n";

/// The names at the root of a site built by any version of this tool
/// before the marker existed (and the pages added since: `about`,
/// `accessibility`, `privacy`, `contribute`, so that such a site with its marker lost is
/// still recognised). A folder holding anything else is not one.
const OLD_SITE_NAMES: &[&str] = &[
    "404.html",
    "about",
    "accessibility",
    "bodies",
    "cases",
    "categories",
    "contribute",
    "cooperation",
    "countries",
    "data",
    "feed.xml",
    "index.html",
    "municipalities",
    "privacy",
    "search",
    "service-areas",
    "sitemap.xml",
    "static",
];

/// The folders a build reads its sources from: it never writes into them,
/// into a folder holding one of them, or into a folder inside one.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub catalogue: &'a Path,
    pub theme: &'a Path,
}

/// What a folder the build might write into holds.
#[derive(Debug, PartialEq, Eq)]
enum Holds {
    Nothing,
    /// A site with the marker.
    Marked,
    /// A site of a version from before the marker.
    OldSite,
    /// Something else; the name of one entry that shows it.
    Other(String),
}

/// What `folder` (known to be a folder) holds, looking no deeper than
/// needed.
fn holds(folder: &Path) -> std::io::Result<Holds> {
    let marker = folder.join(MARKER);
    if std::fs::symlink_metadata(&marker).is_ok_and(|meta| meta.is_file() && meta.len() < 4096)
        && std::fs::read(&marker).is_ok_and(|bytes| bytes.starts_with(MARKER_SIGNATURE.as_bytes()))
    {
        return Ok(Holds::Marked);
    }
    let mut names: Vec<String> = std::fs::read_dir(folder)?
        .map(|entry| entry.map(|entry| entry.file_name().to_string_lossy().into_owned()))
        .collect::<std::io::Result<_>>()?;
    if names.is_empty() {
        return Ok(Holds::Nothing);
    }
    names.sort();
    if let Some(stranger) = names.iter().find(|name| !OLD_SITE_NAMES.contains(&name.as_str())) {
        return Ok(Holds::Other(stranger.clone()));
    }
    // Every version wrote both; a folder of only our names but without
    // them is not shown to be a site.
    for needed in ["index.html", "data/cases.json"] {
        if !std::fs::symlink_metadata(folder.join(needed)).is_ok_and(|meta| meta.is_file()) {
            return Ok(Holds::Other(format!("no {needed}")));
        }
    }
    Ok(Holds::OldSite)
}

/// Whether a folder beside the output (`.<out>.previous`, a work folder)
/// is ours to take or delete: a folder, not a link, that is empty or a
/// site. A killed build leaves its work folder empty or marked, since the
/// marker is its first file.
fn is_ours(folder: &Path) -> bool {
    std::fs::symlink_metadata(folder).is_ok_and(|meta| meta.is_dir())
        && holds(folder).is_ok_and(|holds| !matches!(holds, Holds::Other(_)))
}

/// `path` made absolute, with symbolic links resolved where they exist and
/// `.` and `..` taken as the system would, also past folders a build would
/// create (`new/../link` is where `link` leads).
fn resolve(path: &Path) -> anyhow::Result<PathBuf> {
    let absolute =
        std::path::absolute(path).with_context(|| format!("could not resolve {}", path.display()))?;
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                // Physical, as the system takes it: `resolved` has no
                // links left to step back through.
                resolved.pop();
            }
            Component::CurDir => {}
            Component::Normal(name) => {
                resolved.push(name);
                if let Ok(real) = resolved.canonicalize() {
                    resolved = real;
                }
            }
            other => resolved.push(other),
        }
    }
    Ok(resolved)
}

/// Refuse an output folder that is, holds or lies inside the catalogue or
/// the theme. Both the place of `out` itself and, if it is a link, where
/// it leads are compared.
fn refuse_sources(out: &Path, sources: &Sources<'_>) -> anyhow::Result<()> {
    let mut places = vec![resolve(out)?];
    if let (Some(name), Some(parent)) = (out.file_name(), out.parent()) {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        places.push(resolve(parent)?.join(name));
    }
    let source_places = [
        ("catalogue", sources.catalogue, resolve(sources.catalogue)?),
        ("theme", sources.theme, resolve(sources.theme)?),
    ];
    for (what, source, source_place) in &source_places {
        for place in &places {
            let Some(how) = relation(place, source_place) else {
                continue;
            };
            // An example that is itself outside both: not `site` when the
            // command runs inside the catalogue folder.
            let example = ["site", "../site", "../../site"].into_iter().find(|candidate| {
                resolve(Path::new(candidate)).is_ok_and(|place| {
                    source_places
                        .iter()
                        .all(|(_, _, source_place)| relation(&place, source_place).is_none())
                })
            });
            let example = example
                .map(|candidate| format!(", e.g. `--out {candidate}`"))
                .unwrap_or_default();
            anyhow::bail!(
                "refusing to write the site into {}: it {how} the {what} folder ({}); nothing was moved or deleted\n\
                 help: a build replaces everything in its output folder; choose --out outside the catalogue and the theme{example}",
                out.display(),
                source.display()
            );
        }
    }
    Ok(())
}

/// How the place of an output folder stands to a source folder, if they
/// overlap.
fn relation(place: &Path, source_place: &Path) -> Option<&'static str> {
    if place == source_place {
        Some("is")
    } else if place.starts_with(source_place) {
        Some("is inside")
    } else if source_place.starts_with(place) {
        Some("contains")
    } else {
        None
    }
}

/// Check that a build may write its site into `out`: absent, an empty
/// folder, or a site of this tool (marked, or of a version from before the
/// marker), and not the catalogue or the theme, a folder holding one of
/// them or inside one. Changes nothing. A link is judged by the folder it
/// leads to (the build replaces the link, never that folder's contents).
pub fn check_out_folder(out: &Path, sources: &Sources<'_>) -> anyhow::Result<()> {
    refuse_sources(out, sources)?;
    let help = format!(
        "help: a build replaces everything in its output folder, so it writes only into an absent or empty folder or a site it built (one with a {MARKER} file); choose another --out, or empty that folder yourself"
    );
    match std::fs::metadata(out) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_dir() => anyhow::bail!(
            "refusing to write the site into {}: it is a file, not a folder; nothing was moved or deleted\n{help}",
            out.display()
        ),
        Ok(_) => match holds(out).with_context(|| format!("could not read {}", out.display()))? {
            Holds::Nothing | Holds::Marked | Holds::OldSite => Ok(()),
            Holds::Other(example) => anyhow::bail!(
                "refusing to write the site into {}: it holds files that are not a site built by catalogue ({example}); nothing was moved or deleted\n{help}",
                out.display()
            ),
        },
    }
}

/// The folders beside `out` that are named like this tool's own
/// (`.<out>.previous`, a killed build's work folder) but are not a site of
/// ours: a build leaves them alone, and the user may want to look inside
/// (an earlier version moved an output folder it should have refused to
/// `.<out>.previous`).
pub fn strangers(out: &Path) -> Vec<PathBuf> {
    let Ok(siblings) = Siblings::of(out) else {
        return Vec::new();
    };
    let mut found = vec![siblings.previous()];
    found.extend(siblings.leftovers("building"));
    found.extend(siblings.leftovers("retired"));
    found
        .into_iter()
        .filter(|folder| std::fs::symlink_metadata(folder).is_ok() && !is_ours(folder))
        .collect()
}

/// Where the output folder's siblings live and how they are called.
struct Siblings {
    parent: PathBuf,
    /// `.<out>.`: every sibling's name starts with it.
    prefix: String,
}

impl Siblings {
    fn of(out: &Path) -> anyhow::Result<Self> {
        let name = out
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .ok_or_else(|| anyhow::anyhow!("{} cannot be an output folder", out.display()))?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Ok(Siblings {
            parent,
            prefix: format!(".{name}."),
        })
    }

    /// This process's folder of a kind: `.<out>.building-<pid>`. The
    /// process id tells a killed build's leftovers from a running build's.
    fn own(&self, kind: &str) -> PathBuf {
        self.parent
            .join(format!("{}{kind}-{}", self.prefix, std::process::id()))
    }

    fn previous(&self) -> PathBuf {
        self.parent.join(format!("{}previous", self.prefix))
    }

    /// The folders of `kind` that killed builds left behind. A folder of a
    /// build still running (`serve` and `build` into the same folder) is
    /// not one.
    fn leftovers(&self, kind: &str) -> Vec<PathBuf> {
        let start = format!("{}{kind}-", self.prefix);
        let Ok(entries) = std::fs::read_dir(&self.parent) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.strip_prefix(&start)
                    .is_some_and(|pid| pid == std::process::id().to_string() || !is_running(pid))
            })
            .map(|entry| entry.path())
            .collect();
        found.sort();
        found
    }
}

/// Whether a process with this id is running (Linux; elsewhere every
/// folder counts as left behind).
fn is_running(pid: &str) -> bool {
    cfg!(target_os = "linux") && pid.parse::<u32>().is_ok() && Path::new("/proc").join(pid).exists()
}

/// Delete a folder and everything in it, its subfolders in parallel: a
/// site is tens of thousands of small files. A symbolic link is removed,
/// never followed. Best effort: what cannot be deleted is left for the
/// next build to find.
fn remove_tree(folder: &Path) {
    match std::fs::symlink_metadata(folder) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            let _ = std::fs::remove_file(folder);
            return;
        }
        Err(_) => return,
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
    entries.par_iter().for_each(|entry| match entry.file_type() {
        Ok(kind) if kind.is_dir() => remove_tree(&entry.path()),
        _ => {
            let _ = std::fs::remove_file(entry.path());
        }
    });
    let _ = std::fs::remove_dir(folder);
}

/// The folder a build writes into, with what it held when the build began.
struct WorkFolder {
    root: PathBuf,
    /// Regular files found in the folder (paths below `root`): the ones a
    /// page may leave as they are, and the ones swept out if no page is
    /// written there.
    found: HashSet<PathBuf>,
    written: Mutex<HashSet<PathBuf>>,
    /// Folders this build has made or found there: a page in one of them
    /// is written without asking for the folder again (a build into an
    /// empty folder asked 10,000 times for `search/cards/`, a `mkdir` that
    /// failed and a `stat` each).
    folders: Mutex<rustc_hash::FxHashSet<PathBuf>>,
}

impl WorkFolder {
    /// Take the previous site (or a killed build's folder) as the work
    /// folder, or make an empty one when there is none. Only folders that
    /// are ours are taken or deleted; the marker is the work folder's
    /// first file, so that a killed build's folder is known as ours.
    fn take(out: &Path, siblings: &Siblings) -> anyhow::Result<Self> {
        // A build killed between moving the old site aside and moving the
        // new one in left no `out`: the old site goes back first.
        if std::fs::symlink_metadata(out).is_err()
            && let Some(retired) = siblings.leftovers("retired").into_iter().rfind(|folder| {
                is_ours(folder) || std::fs::symlink_metadata(folder).is_ok_and(|meta| meta.is_symlink())
            })
        {
            let _ = std::fs::rename(&retired, out);
        }
        let root = siblings.own("building");
        if std::fs::symlink_metadata(&root).is_ok() {
            // Left by an earlier process that had this id.
            if !is_ours(&root) {
                anyhow::bail!(
                    "{} is in the way of the build and is not a site built by catalogue; nothing was moved or deleted: move it away",
                    root.display()
                );
            }
            remove_tree(&root);
        }
        let mut candidates = vec![siblings.previous()];
        candidates.extend(siblings.leftovers("building"));
        candidates.extend(siblings.leftovers("retired"));
        let mut taken = false;
        for candidate in candidates {
            if !is_ours(&candidate) {
                // Absent, or someone else's folder: left as it is.
                continue;
            }
            if !taken && std::fs::rename(&candidate, &root).is_ok() {
                taken = true;
            } else {
                remove_tree(&candidate);
            }
        }
        if !taken {
            std::fs::create_dir_all(&root).with_context(|| format!("could not create {}", root.display()))?;
        }
        let found = scan(&root, Path::new(""));
        let work = WorkFolder {
            root,
            found: found.into_iter().collect(),
            written: Mutex::new(HashSet::new()),
            folders: Mutex::new(rustc_hash::FxHashSet::default()),
        };
        work.write(&Page {
            path: MARKER.to_string(),
            bytes: MARKER_TEXT.as_bytes().to_vec(),
        })?;
        Ok(work)
    }

    /// Write one page unless the folder already holds its very bytes.
    fn write(&self, page: &Page) -> anyhow::Result<()> {
        let relative = safe_relative_path(&page.path)?;
        let target = self.root.join(&relative);
        let found = self.found.contains(&relative);
        if found && std::fs::read(&target).is_ok_and(|old| old == page.bytes) {
            return self.mark_written(relative);
        }
        if found {
            // A new file rather than the old one overwritten: the old site's
            // files may be hard links (a deployment made with `cp -al` or
            // `rsync --link-dest`), which must keep their bytes.
            let _ = std::fs::remove_file(&target);
        }
        if self.write_file(&target, &page.bytes).is_err() {
            // The old site may have a file where this page needs a folder,
            // or a folder where it needs a file (and a folder removed here
            // may be one of `folders`: the second try asks again).
            for ancestor in relative.ancestors().skip(1) {
                if self.found.contains(ancestor) {
                    let _ = std::fs::remove_file(self.root.join(ancestor));
                }
            }
            if std::fs::symlink_metadata(&target).is_ok_and(|meta| meta.is_dir()) {
                remove_tree(&target);
            }
            write_file(&target, &page.bytes)?;
        }
        self.mark_written(relative)
    }

    fn write_file(&self, target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        if let Some(parent) = target.parent()
            && !self.folders.lock().is_ok_and(|folders| folders.contains(parent))
        {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("could not create {}", parent.display()))?;
            if let Ok(mut folders) = self.folders.lock() {
                folders.insert(parent.to_path_buf());
            }
        }
        std::fs::write(target, bytes).with_context(|| format!("could not write {}", target.display()))
    }

    fn mark_written(&self, relative: PathBuf) -> anyhow::Result<()> {
        self.written
            .lock()
            .map_err(|_| anyhow::anyhow!("a page writer failed"))?
            .insert(relative);
        Ok(())
    }

    /// Copy the theme's static files to `static/` in the work folder.
    fn copy_static(&self, static_dir: &Path) -> anyhow::Result<()> {
        if !static_dir.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(static_dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("could not read {}", static_dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(static_dir).unwrap_or(entry.path());
            let path = relative
                .to_str()
                .ok_or_else(|| anyhow::anyhow!("{} is not a UTF-8 file name", entry.path().display()))?;
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("could not read {}", entry.path().display()))?;
            self.write(&Page {
                path: format!("static/{path}"),
                bytes,
            })?;
        }
        Ok(())
    }

    /// Delete what the old site had and the new one has not, then the
    /// folders that emptied.
    fn sweep(&self) -> anyhow::Result<()> {
        let written = self
            .written
            .lock()
            .map_err(|_| anyhow::anyhow!("a page writer failed"))?;
        let stale: Vec<&PathBuf> = self
            .found
            .iter()
            .filter(|path| !written.contains(*path))
            .collect();
        stale.par_iter().for_each(|path| {
            let _ = std::fs::remove_file(self.root.join(path));
        });
        let emptied: HashSet<&Path> = stale
            .iter()
            .flat_map(|path| path.ancestors().skip(1))
            .filter(|folder| !folder.as_os_str().is_empty())
            .collect();
        let mut emptied: Vec<&Path> = emptied.into_iter().collect();
        // Deepest first, so a folder is empty by the time its turn comes.
        emptied.sort_by_key(|folder| (std::cmp::Reverse(folder.components().count()), *folder));
        for folder in emptied {
            // Fails, as it should, for a folder that still holds pages.
            let _ = std::fs::remove_dir(self.root.join(folder));
        }
        Ok(())
    }
}

/// Every regular file below `folder` (paths relative to the work folder),
/// read on every core. Anything else but a folder (a symbolic link, a
/// socket) is deleted: the build must never write through a link someone
/// put into the old site.
fn scan(root: &Path, folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
        return Vec::new();
    };
    let entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
    entries
        .par_iter()
        .flat_map_iter(|entry| {
            let relative = folder.join(entry.file_name());
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => scan(root, &relative),
                Ok(kind) if kind.is_file() => vec![relative],
                _ => {
                    let _ = std::fs::remove_file(entry.path());
                    Vec::new()
                }
            }
        })
        .collect()
}

/// A page's path below the site root, refused if it could climb out.
fn safe_relative_path(path: &str) -> anyhow::Result<PathBuf> {
    // Paths come from our own URL scheme, never from a file name as is;
    // refuse anything that could climb out of the folder all the same.
    if path
        .split('/')
        .any(|part| part == ".." || part == "." || part.is_empty())
        || path.starts_with('/')
    {
        anyhow::bail!("refusing to write the unsafe page path {path:?}");
    }
    Ok(PathBuf::from(path))
}

fn write_file(target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("could not create {}", parent.display()))?;
    }
    std::fs::write(target, bytes).with_context(|| format!("could not write {}", target.display()))
}

/// Write the theme's static files and every page `render` hands over as
/// the new `out` folder, if `out` may be written into
/// ([`check_out_folder`]). `render` gets a function that writes one page as
/// soon as it is rendered; its result is passed through.
pub fn write_site<T>(
    out: &Path,
    sources: &Sources<'_>,
    static_dir: &Path,
    render: impl FnOnce(PageSink<'_>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    check_out_folder(out, sources)?;
    let siblings = Siblings::of(out)?;
    let work = WorkFolder::take(out, &siblings)?;
    let result = (|| {
        work.copy_static(static_dir)?;
        let rendered = render(&|page| work.write(page))?;
        work.sweep()?;
        swap_in(&work.root, out, &siblings)?;
        Ok(rendered)
    })();
    if result.is_err() {
        // A failed build keeps nothing: on a full disk, its half-written
        // folder is the space the user needs back.
        remove_tree(&work.root);
    }
    result
}

/// Write `bytes` at `path` below `folder` in place, creating its folders
/// (`serve`'s partial rebuilds).
pub(crate) fn write_page(folder: &Path, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
    write_file(&folder.join(safe_relative_path(path)?), bytes)
}

/// Put `building` in the place of `out`. The old site is renamed away
/// first, so at no point is a half-written folder called `out`; it is kept
/// as the next build's work folder.
fn swap_in(building: &Path, out: &Path, siblings: &Siblings) -> anyhow::Result<()> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(building, out)
            .with_context(|| format!("could not put the new site in {}", out.display()));
    }
    let retired = siblings.own("retired");
    std::fs::rename(out, &retired)
        .with_context(|| format!("could not move the previous {} aside", out.display()))?;
    if let Err(error) = std::fs::rename(building, out) {
        let _ = std::fs::rename(&retired, out);
        return Err(error).with_context(|| format!("could not put the new site in {}", out.display()));
    }
    let previous = siblings.previous();
    // A `.previous` that is not ours stays; the replaced site is then
    // deleted instead of kept, and the next build writes every file.
    let previous_free = match std::fs::symlink_metadata(&previous) {
        Err(_) => true,
        Ok(_) if is_ours(&previous) => {
            remove_tree(&previous);
            true
        }
        Ok(_) => false,
    };
    if std::fs::symlink_metadata(&retired).is_ok_and(|meta| meta.is_dir()) {
        let kept = previous_free && std::fs::rename(&retired, &previous).is_ok();
        if !kept && is_ours(&retired) {
            remove_tree(&retired);
        }
    } else {
        // `out` was a link to a folder elsewhere: that folder is the
        // user's, never a work folder.
        let _ = std::fs::remove_file(&retired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_resolved_through_links_and_past_folders_not_yet_made() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("real")).unwrap();
        std::os::unix::fs::symlink(root.join("real"), root.join("link")).unwrap();
        for (path, expected) in [
            ("link", "real"),
            ("link/new/site", "real/new/site"),
            ("new/../link/site", "real/site"),
            ("link/new/../../real/./x", "real/x"),
            ("link/..", ""),
        ] {
            let resolved = resolve(&root.join(path)).unwrap();
            let expected = if expected.is_empty() {
                root.clone()
            } else {
                root.join(expected)
            };
            assert_eq!(resolved, expected, "{path}");
        }
    }

    #[test]
    fn a_site_is_told_from_other_folders() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        assert_eq!(holds(folder).unwrap(), Holds::Nothing);
        std::fs::write(folder.join("index.html"), "x").unwrap();
        assert!(matches!(holds(folder).unwrap(), Holds::Other(_)));
        std::fs::create_dir(folder.join("data")).unwrap();
        std::fs::write(folder.join("data/cases.json"), "[]").unwrap();
        assert_eq!(holds(folder).unwrap(), Holds::OldSite);
        std::fs::write(folder.join(".git"), "gitdir: elsewhere").unwrap();
        assert_eq!(holds(folder).unwrap(), Holds::Other(".git".into()));
        std::fs::write(folder.join(MARKER), "not ours\n").unwrap();
        assert!(matches!(holds(folder).unwrap(), Holds::Other(_)));
        std::fs::write(folder.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(holds(folder).unwrap(), Holds::Marked);
    }
}

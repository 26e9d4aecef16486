//! Writing the site: everything goes into a temporary folder beside the
//! output folder, which replaces the old site only when every file is
//! written. Pages are written as they are rendered, so the site is never
//! whole in memory. A build that fails or is killed half-way leaves the previous
//! site as it was; its leftovers are removed by the next build.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rayon::prelude::*;

use crate::render::Page;

/// The temporary and retired folders of `out` carry this mark and the
/// process id, so that leftovers of a killed build are recognised.
fn sibling(out: &Path, mark: &str) -> anyhow::Result<(PathBuf, String)> {
    let name = out
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| anyhow::anyhow!("{} cannot be an output folder", out.display()))?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let prefix = format!(".{name}.{mark}-");
    Ok((parent.join(format!("{prefix}{}", std::process::id())), prefix))
}

/// Remove what killed builds left behind.
fn remove_leftovers(out: &Path) -> anyhow::Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let (_, building) = sibling(out, "building")?;
    let (_, retired) = sibling(out, "retired")?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&building) || name.starts_with(&retired) {
            remove_tree(&entry.path());
        }
    }
    Ok(())
}

/// Delete a folder and everything in it, its subfolders in parallel: a
/// site is tens of thousands of small files, and deleting the previous one
/// file by file was a quarter of a 10,000-case build. Best effort: what
/// cannot be deleted is left for the next build's [`remove_leftovers`].
fn remove_tree(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
    entries.par_iter().for_each(|entry| {
        // The entry's own type: a symbolic link is removed, never followed.
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_tree(&entry.path()),
            _ => {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    });
    let _ = std::fs::remove_dir(folder);
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.with_context(|| format!("could not read {}", from.display()))?;
        let relative = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)
                .with_context(|| format!("could not create {}", target.display()))?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("could not copy to {}", target.display()))?;
        }
    }
    Ok(())
}

/// Write the theme's static files and every page `render` hands over as
/// the new `out` folder. `render` gets a function that writes one page as
/// soon as it is rendered; its result is passed through.
pub fn write_site<T>(
    out: &Path,
    static_dir: &Path,
    render: impl FnOnce(crate::render::PageSink<'_>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    remove_leftovers(out)?;
    let (building, _) = sibling(out, "building")?;
    let result = (|| {
        std::fs::create_dir_all(&building)
            .with_context(|| format!("could not create {}", building.display()))?;
        copy_tree(static_dir, &building.join("static"))?;
        let rendered = render(&|page| write_page(&building, page))?;
        swap_in(&building, out)?;
        Ok(rendered)
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&building);
    }
    result
}

/// Write one page below `folder`, creating its folders.
pub(crate) fn write_page(folder: &Path, page: &Page) -> anyhow::Result<()> {
    // Paths come from our own URL scheme, never from a file name as is;
    // refuse anything that could climb out of the folder all the same.
    if page.path.split('/').any(|part| part == ".." || part.is_empty()) || page.path.starts_with('/') {
        anyhow::bail!("refusing to write the unsafe page path {:?}", page.path);
    }
    let target = folder.join(&page.path);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("could not create {}", parent.display()))?;
    }
    std::fs::write(&target, &page.bytes).with_context(|| format!("could not write {}", target.display()))
}

/// Put `building` in the place of `out`. The old site is renamed away first
/// and deleted last, so at no point is a half-written folder called `out`.
fn swap_in(building: &Path, out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        let (retired, _) = sibling(out, "retired")?;
        std::fs::rename(out, &retired)
            .with_context(|| format!("could not move the previous {} aside", out.display()))?;
        if let Err(error) = std::fs::rename(building, out) {
            let _ = std::fs::rename(&retired, out);
            return Err(error).with_context(|| format!("could not put the new site in {}", out.display()));
        }
        remove_tree(&retired);
    } else {
        std::fs::rename(building, out)
            .with_context(|| format!("could not put the new site in {}", out.display()))?;
    }
    Ok(())
}

//! Reading the files inside a catalogue or a theme without ever following a
//! symbolic link or opening anything but a regular file.
//!
//! A catalogue comes by pull request: a contributor could add
//! `thesaurus.toml` as a link to `/proc/self/environ` or to a key file, and a
//! code frame or a published page would show its first lines; a named pipe
//! would make every check wait forever. So every file the tool reads below
//! a root is looked at component by component with `symlink_metadata`, and
//! refused, with a message that names the link but nothing of its target,
//! if it or a folder on its way is a link or not a regular file. The roots
//! themselves (`--catalogue`, `--theme`) are the user's choice and may be
//! links.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceFile;

pub const LINKED_FILE: Code = Code {
    code: "E0112",
    name: "linked-file",
    severity: Severity::Error,
    summary: "a file of the catalogue is a symbolic link or not a regular file",
    explanation: "\
The catalogue reads its files (catalogue.toml, the register, the bodies, \
withdrawn.toml, the thesaurus, the map) only as regular files inside the \
catalogue folder. A symbolic link is never followed, even when it points at \
a file of the catalogue, because a link can point at any file of the machine \
that runs the check (a key, a password file, `/proc/self/environ`), whose \
text would then be shown in diagnostics and published on the site. Devices, \
named pipes and sockets are refused too: reading one can wait forever. The \
same holds for a folder on the way (`register/`, `map/`, `cases/`).

The diagnostic names the link, never what it points at.

Fix: replace the link by the file itself (`cp --remove-destination \
\"$(readlink -f <file>)\" <file>`), or remove it. The catalogue folder named \
with `--catalogue` may itself be a link: that is the choice of whoever runs \
the command.",
};

/// Why an entry cannot be read as a file or passed through as a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The entry, relative to the root, with forward slashes.
    pub relative: String,
    pub why: &'static str,
}

impl Refused {
    /// The one-line reason, naming the entry as `shown` (never the target).
    pub fn message(&self, shown: &str) -> String {
        format!("{shown} {}", self.why)
    }
}

const A_LINK: &str = "is a symbolic link, which is never followed";
const NOT_A_FILE: &str = "is not a regular file (a device, a named pipe or a socket)";
const NOT_A_FOLDER: &str = "is not a folder";
const A_FOLDER: &str = "is a folder where a file should be";

/// Why an entry of this type may not be read as a file, if it may not.
pub fn file_refusal(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_symlink() {
        Some(A_LINK)
    } else if file_type.is_dir() {
        Some(A_FOLDER)
    } else if !file_type.is_file() {
        Some(NOT_A_FILE)
    } else {
        None
    }
}

/// Look at `relative` below `root` without following links: `Ok(None)` if
/// it (or a folder on its way) does not exist or cannot be looked at (the
/// read that follows says why), its metadata if it is a regular file.
/// Anything else on the way (a link, a pipe, a file where a folder should be)
/// is refused.
pub fn look(root: &Path, relative: &str) -> Result<Option<std::fs::Metadata>, Refused> {
    walk(root, relative, Last::File)
}

/// Whether the folder `relative` below `root` may be entered: `Ok(false)`
/// if it does not exist, refused if it or a folder on its way is a link or
/// not a folder.
pub fn look_folder(root: &Path, relative: &str) -> Result<bool, Refused> {
    if relative.split('/').all(str::is_empty) {
        return Ok(true);
    }
    Ok(walk(root, relative, Last::Folder)?.is_some())
}

/// What the last part of a walked path must be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    File,
    Folder,
}

/// Step from `root` to `relative` one part at a time, never through a link:
/// every part before the last must be a folder, the last as `last` says.
/// `Ok(None)` when a part does not exist (or there are no parts).
fn walk(root: &Path, relative: &str, last: Last) -> Result<Option<std::fs::Metadata>, Refused> {
    let parts: Vec<&str> = relative.split('/').filter(|part| !part.is_empty()).collect();
    let mut path = root.to_path_buf();
    for (index, part) in parts.iter().enumerate() {
        path.push(part);
        let Ok(metadata) = std::fs::symlink_metadata(&path) else {
            return Ok(None);
        };
        let is_last = index + 1 == parts.len();
        let refusal = if is_last && last == Last::File {
            file_refusal(metadata.file_type())
        } else if metadata.file_type().is_symlink() {
            Some(A_LINK)
        } else if !metadata.is_dir() {
            Some(NOT_A_FOLDER)
        } else {
            None
        };
        if let Some(why) = refusal {
            return Err(Refused {
                relative: parts[..=index].join("/"),
                why,
            });
        }
        if is_last {
            return Ok(Some(metadata));
        }
    }
    Ok(None)
}

/// Open the regular file that [`look`] found and read it, making sure the
/// file opened is the one looked at (on Unix: the same device and inode),
/// so that a link swapped in between is not followed either.
pub fn read_looked_at(path: &Path, looked_at: &std::fs::Metadata) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let opened = file.metadata()?;
    #[cfg(unix)]
    let same = {
        use std::os::unix::fs::MetadataExt as _;
        opened.dev() == looked_at.dev() && opened.ino() == looked_at.ino()
    };
    #[cfg(not(unix))]
    let same = opened.len() == looked_at.len();
    if !same || !opened.is_file() {
        return Err(std::io::Error::other("the file changed while it was being read"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What reading a file that a walk listed as a regular file gave.
#[derive(Debug)]
pub enum WalkedFile {
    Bytes(Vec<u8>),
    /// Its size, larger than allowed: nothing was read.
    TooLarge(u64),
    /// It is no longer a regular file (a link or a pipe swapped in since
    /// the walk): why, in the words of [`file_refusal`].
    Refused(&'static str),
}

/// Read a file a walk (which does not follow links) listed as a regular
/// file, if it still is one and holds at most `max_bytes`. On Unix it is
/// opened without following a link (`O_NOFOLLOW`) and without waiting on
/// a pipe (`O_NONBLOCK`), and the opened file's own metadata decide:
/// one path lookup per file, where looking first and then opening took
/// two (a tenth of the system time of a 100,000-case check).
pub fn read_walked_file(path: &Path, max_bytes: u64) -> std::io::Result<WalkedFile> {
    #[cfg(unix)]
    let (mut file, metadata) = {
        use std::os::unix::fs::OpenOptionsExt as _;
        let opened = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(path);
        let file = match opened {
            Ok(file) => file,
            // What O_NOFOLLOW answers for a link.
            Err(error) if error.raw_os_error() == Some(libc::ELOOP) => {
                return Ok(WalkedFile::Refused(A_LINK));
            }
            Err(error) => return Err(error),
        };
        let metadata = file.metadata()?;
        (file, metadata)
    };
    #[cfg(not(unix))]
    let (mut file, metadata) = {
        let looked_at = std::fs::symlink_metadata(path)?;
        if let Some(why) = file_refusal(looked_at.file_type()) {
            return Ok(WalkedFile::Refused(why));
        }
        let file = std::fs::File::open(path)?;
        let metadata = file.metadata()?;
        (file, metadata)
    };
    if let Some(why) = file_refusal(metadata.file_type()) {
        return Ok(WalkedFile::Refused(why));
    }
    if metadata.len() > max_bytes {
        return Ok(WalkedFile::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // A file that grew since is read to its end, and the caller counts
    // what it got against the limit again.
    file.by_ref()
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Ok(WalkedFile::TooLarge(bytes.len() as u64));
    }
    Ok(WalkedFile::Bytes(bytes))
}

/// What [`read_catalogue_file`] found.
#[derive(Debug)]
pub enum Found {
    /// No such file (optional files may be missing).
    Absent,
    File(SourceFile),
    /// A link or something other than a regular file: a diagnostic without
    /// a span, so that no emitter shows any text of it.
    Refused(Diagnostic),
}

/// Read `relative` below the catalogue `root` (shown as `display_root`) as
/// text. `Err` means the file exists but could not be read as UTF-8 text.
pub fn read_catalogue_file(root: &Path, display_root: &str, relative: &str) -> anyhow::Result<Found> {
    let display = format!("{display_root}/{relative}");
    let metadata = match look(root, relative) {
        Ok(Some(metadata)) => metadata,
        Ok(None) => return Ok(Found::Absent),
        Err(refused) => return Ok(Found::Refused(diagnostic(display_root, &refused))),
    };
    let bytes = read_looked_at(&root.join(relative), &metadata)
        .with_context(|| format!("could not read {display}"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("could not read {display}: it is not UTF-8 text"))?;
    Ok(Found::File(SourceFile::new(display, text)))
}

/// The E0112 diagnostic for a refused entry of the catalogue.
pub fn diagnostic(display_root: &str, refused: &Refused) -> Diagnostic {
    let shown = format!("{display_root}/{}", refused.relative);
    let help = if refused.why == A_LINK {
        "replace the link by the file or folder itself, or remove it: the catalogue never reads through links"
    } else if refused.why == NOT_A_FOLDER {
        "make it a folder holding the catalogue's files"
    } else {
        "replace it by a regular file, or remove it"
    };
    Diagnostic::new(
        &LINKED_FILE,
        shown.clone(),
        None,
        refused.message(&format!("`{}`", refused.relative)),
    )
    .with_help(help)
}

/// Every entry below the folder `relative` of a theme `root`, refusing a
/// link or anything but folders and regular files anywhere in it. Returns
/// the regular files, sorted; an absent folder has none.
pub fn theme_files(root: &Path, relative: &str) -> anyhow::Result<Vec<PathBuf>> {
    let shown = |relative: &str| format!("{}/{relative}", root.display());
    match look_folder(root, relative) {
        Ok(true) => {}
        Ok(false) => return Ok(Vec::new()),
        Err(refused) => anyhow::bail!(
            "{}; put the theme's own files there instead",
            refused.message(&shown(&refused.relative))
        ),
    }
    let folder = root.join(relative);
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&folder)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.with_context(|| format!("could not read {}", shown(relative)))?;
        if entry.file_type().is_dir() {
            continue;
        }
        if let Some(why) = file_refusal(entry.file_type()) {
            let inner = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            anyhow::bail!(
                "{} {why}; put the theme's own files there instead",
                crate::diag::emit::visible(&shown(&inner))
            );
        }
        files.push(entry.into_path());
    }
    Ok(files)
}

/// Read the file `relative` of a theme `root` as text, refusing links and
/// anything but regular files on the way.
pub fn read_theme_file(root: &Path, relative: &str) -> anyhow::Result<Option<String>> {
    let shown = format!("{}/{relative}", root.display());
    let metadata = match look(root, relative) {
        Ok(Some(metadata)) => metadata,
        Ok(None) => return Ok(None),
        Err(refused) => anyhow::bail!(
            "{}; put the theme's own file there instead",
            crate::diag::emit::visible(&refused.message(&format!("{}/{}", root.display(), refused.relative)))
        ),
    };
    let bytes =
        read_looked_at(&root.join(relative), &metadata).with_context(|| format!("could not read {shown}"))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| anyhow::anyhow!("could not read {shown}: it is not UTF-8 text"))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_and_pipes_on_the_way_are_refused() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir(root.join("register"))?;
        std::fs::write(root.join("register/a.csv"), "x")?;
        std::os::unix::fs::symlink(root.join("register"), root.join("linked"))?;
        std::os::unix::fs::symlink(root.join("register/a.csv"), root.join("register/b.csv"))?;
        assert!(matches!(look(root, "register/a.csv"), Ok(Some(_))));
        assert!(matches!(look(root, "register/none.csv"), Ok(None)));
        assert_eq!(
            look(root, "linked/a.csv").err().map(|r| r.relative),
            Some("linked".to_string())
        );
        assert_eq!(look(root, "register/b.csv").err().map(|r| r.why), Some(A_LINK));
        assert_eq!(
            look(root, "register/a.csv/x").err().map(|r| r.why),
            Some(NOT_A_FOLDER)
        );
        assert_eq!(look(root, "register").err().map(|r| r.why), Some(A_FOLDER));
        Ok(())
    }

    /// What a walk listed as a file may have been swapped since: a link is
    /// not followed, a pipe is not waited on, a folder is not read.
    #[test]
    fn a_walked_file_swapped_for_a_link_a_pipe_or_a_folder_is_refused() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::write(root.join("a.md"), "text")?;
        std::os::unix::fs::symlink(root.join("a.md"), root.join("link.md"))?;
        std::fs::create_dir(root.join("folder.md"))?;
        let fifo = std::ffi::CString::new(root.join("pipe.md").into_os_string().into_encoded_bytes())
            .map_err(std::io::Error::other)?;
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(
            matches!(read_walked_file(&root.join("a.md"), 4)?, WalkedFile::Bytes(bytes) if bytes == b"text")
        );
        assert!(matches!(
            read_walked_file(&root.join("a.md"), 3)?,
            WalkedFile::TooLarge(4)
        ));
        assert!(matches!(
            read_walked_file(&root.join("link.md"), 99)?,
            WalkedFile::Refused(A_LINK)
        ));
        assert!(matches!(
            read_walked_file(&root.join("pipe.md"), 99)?,
            WalkedFile::Refused(NOT_A_FILE)
        ));
        assert!(matches!(
            read_walked_file(&root.join("folder.md"), 99)?,
            WalkedFile::Refused(A_FOLDER)
        ));
        assert!(read_walked_file(&root.join("none.md"), 99).is_err());
        Ok(())
    }
}

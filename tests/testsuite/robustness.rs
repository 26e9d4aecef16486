//! No input makes `check` panic: empty, binary, truncated and huge files.

use crate::harness::{TestCatalogue, fixtures, json_diagnostics};

fn codes(catalogue: &TestCatalogue) -> Vec<String> {
    let output = catalogue.check("json");
    assert!(matches!(output.status.code(), Some(0 | 1)), "crashed: {output:?}");
    json_diagnostics(&output)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn binary_files_are_diagnosed() {
    let catalogue = TestCatalogue::base();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    catalogue.write("cases/SE/binary.md", &bytes);
    catalogue.write("cases/SE/nul.md", b"+++\ntitle = \"a\0b\"\n+++\n");
    catalogue.write("cases/SE/utf16.md", [0xff, 0xfe, b'+', 0, b'+', 0, b'+', 0]);
    let found = codes(&catalogue);
    assert!(found.contains(&"E0101".to_string()), "{found:?}");
}

#[test]
fn files_over_the_limit_are_refused_unread() {
    let catalogue = TestCatalogue::base();
    let valid = std::fs::read_to_string(fixtures().join("valid/cases/SE/digital-colleague.md")).unwrap();
    let huge = format!(
        "{valid}\n{}",
        "Lorem ipsum dolor sit amet. ".repeat(10 * 1024 * 1024 / 28)
    );
    catalogue.write("cases/SE/huge.md", huge.as_bytes());
    assert_eq!(codes(&catalogue), ["E0105"]);
    let output = catalogue.check("human");
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("the file is 10.0 MiB; a case file may be at most 512 KiB")
    );

    // Just under the limit is fine, however long the body.
    let big = format!(
        "{valid}\n{}",
        "Lorem ipsum dolor sit amet.\n".repeat(500 * 1024 / 28)
    );
    catalogue.write("cases/SE/huge.md", big.as_bytes());
    assert_eq!(codes(&catalogue), Vec::<String>::new());
}

/// Files far too big for the repository, made here: 50 MB, and a front
/// matter of 100,000 lines. Both are refused by their size, unread, so the
/// check takes no longer than for a small file.
#[test]
fn huge_files_are_refused_in_bounded_time() {
    let catalogue = TestCatalogue::base();
    let valid = std::fs::read_to_string(fixtures().join("valid/cases/SE/digital-colleague.md")).unwrap();
    let line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n";
    let mut fifty = valid.clone();
    fifty.reserve(50 * 1024 * 1024);
    while fifty.len() < 50 * 1024 * 1024 {
        fifty.push_str(line);
    }
    catalogue.write("cases/SE/fifty-megabytes.md", fifty.as_bytes());
    drop(fifty);
    let keys: String = (0..100_000)
        .map(|i| format!("key_{i:06} = \"value\"\n"))
        .collect();
    assert_eq!(keys.lines().count(), 100_000);
    catalogue.write(
        "cases/SE/long-front-matter.md",
        valid.replacen("+++\n", &format!("+++\n{keys}"), 1),
    );
    let started = std::time::Instant::now();
    let output = catalogue.check("json");
    let elapsed = started.elapsed();
    let diagnostics = json_diagnostics(&output);
    let found: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("catalogue/cases/SE/fifty-megabytes.md", "E0105"),
            ("catalogue/cases/SE/long-front-matter.md", "E0105"),
        ]
    );
    assert!(diagnostics[0]["message"].as_str().unwrap().contains("50.0 MiB"));
    assert!(elapsed < std::time::Duration::from_secs(5), "{elapsed:?}");
}

/// Tens of thousands of mistakes in one file under the size limit: the
/// first 50 are shown with a W0111 counting the rest, and no rule spends
/// more than linear time on them (with the real register, 60,000 unknown
/// municipality names took over two minutes before, unknown codes 21 s, and
/// unknown keys 6 s; 30,000 is as many as fit in the 512 KiB of a case
/// file).
#[test]
fn thirty_thousand_mistakes_are_capped_and_checked_quickly() {
    let catalogue = TestCatalogue::base();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples-catalogue/register/municipalities.csv"),
        catalogue.root().join("register/municipalities.csv"),
    )
    .unwrap();
    let valid = std::fs::read_to_string(fixtures().join("valid/cases/SE/digital-colleague.md")).unwrap();
    let keys: String = (0..30_000).map(|i| format!("k{i} = {i}\n")).collect();
    let names: Vec<String> = (0..30_000).map(|i| format!("\"Vilhelmx{i}\"")).collect();
    let codes: Vec<String> = (0..30_000).map(|i| format!("\"{}\"", 9000 + i % 999)).collect();
    let tags: Vec<String> = (0..30_000).map(|i| format!("\"Tag {i}\"")).collect();
    let municipalities = "municipalities = [\"Vilhelmina\", \"2421\"]";
    let files = [
        ("keys", valid.replacen("+++\n", &format!("+++\n{keys}"), 1)),
        (
            "names",
            valid.replace(municipalities, &format!("municipalities = [{}]", names.join(","))),
        ),
        (
            "codes",
            valid.replace(municipalities, &format!("municipalities = [{}]", codes.join(","))),
        ),
        (
            "tags",
            valid.replace(
                "tags = [\"competence\", \"peer-support\"]",
                &format!("tags = [{}]", tags.join(",")),
            ),
        ),
    ];
    for (name, text) in &files {
        assert!(text.len() < 512 * 1024, "{name} must stay under the size limit");
        catalogue.write(&format!("cases/SE/{name}.md"), text);
    }
    let started = std::time::Instant::now();
    let output = catalogue.check("json");
    let elapsed = started.elapsed();
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = json_diagnostics(&output);
    for (name, _) in &files {
        let file = format!("catalogue/cases/SE/{name}.md");
        let of_file: Vec<&serde_json::Value> = diagnostics.iter().filter(|d| d["file"] == file).collect();
        assert_eq!(of_file.len(), 51, "{name}");
        let notice = of_file[50];
        assert_eq!(notice["code"], "W0111", "{name}");
        assert!(
            notice["message"]
                .as_str()
                .unwrap()
                .contains("more problems of this file are not shown"),
            "{name}: {notice}"
        );
    }
    // The first unknown names still get their "did you mean".
    let first_name = diagnostics
        .iter()
        .find(|d| d["file"] == "catalogue/cases/SE/names.md" && d["code"] == "E0301")
        .unwrap();
    assert!(
        first_name["help"]
            .as_str()
            .unwrap()
            .contains("did you mean \"Vilhelmina"),
        "{first_name}"
    );
    // About 2 s in a debug build; minutes before.
    assert!(elapsed < std::time::Duration::from_secs(15), "{elapsed:?}");
}

/// Every prefix of a valid case (a file cut off anywhere, as by a failed
/// upload) gives diagnostics, never a panic. Runs in-process: 1,000+ runs.
#[test]
fn a_file_truncated_anywhere_is_diagnosed() {
    let catalogue = TestCatalogue::base();
    let valid = std::fs::read(fixtures().join("valid/cases/NO/vefsn-crlf-bom.md")).unwrap();
    let paths = catalogue::CataloguePaths::new(catalogue.root());
    let today = crate::harness::today();
    let text = String::from_utf8_lossy(&valid);
    let closing_fence = text.find("\r\n+++\r\n").unwrap() + 2;
    for cut in 0..valid.len() {
        catalogue.write("cases/NO/vefsn.md", &valid[..cut]);
        let checked = catalogue::check(&paths, today).unwrap();
        // Until the closing fence is complete the front matter is broken;
        // after it, a cut body only loses sections (warnings).
        if cut < closing_fence + 3 {
            assert!(checked.has_errors(), "cut at {cut}: no error");
        }
    }
}

#[test]
fn empty_and_whitespace_files_are_diagnosed() {
    let catalogue = TestCatalogue::base();
    catalogue.write("cases/SE/empty.md", b"");
    catalogue.write("cases/SE/blank.md", b" \n\r\n\t\n");
    catalogue.write("cases/SE/fences.md", b"+++\n+++\n");
    let found = codes(&catalogue);
    assert_eq!(found.iter().filter(|c| *c == "E0102").count(), 2, "{found:?}");
    assert!(found.contains(&"E0201".to_string()));
}

/// A build killed at any point (SIGKILL, no chance to clean up) leaves the
/// previous site exactly as it was, and the next build succeeds and removes
/// what the killed one left behind.
#[test]
fn a_killed_build_leaves_the_previous_site_intact() {
    let catalogue = TestCatalogue::fixture("valid");
    // Enough cases that a build takes a while to kill in the middle of.
    let valid = std::fs::read_to_string(catalogue.root().join("cases/SE/digital-colleague.md")).unwrap();
    for index in 0..150 {
        catalogue.write(
            &format!("cases/SE/copy-{index:03}.md"),
            valid.replace("The digital colleague", &format!("Copy {index}")),
        );
    }
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let build = || {
        let mut command = crate::harness::catalogue_command();
        command
            .args(["build", "--catalogue", "catalogue", "--out", "site", "--theme"])
            .arg(&theme)
            .current_dir(catalogue.dir.path())
            .stderr(std::process::Stdio::null());
        command
    };
    assert!(build().status().unwrap().success());
    let site = catalogue.dir.path().join("site");
    let snapshot = crate::harness::tree;
    let before = snapshot(&site);
    assert!(before.len() > 150);
    for delay in [5, 40, 120, 300, 700] {
        let mut child = build().spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            snapshot(&site) == before,
            "the site changed after a build killed at {delay} ms"
        );
    }
    assert!(build().status().unwrap().success(), "the next build succeeds");
    let leftovers: Vec<String> = std::fs::read_dir(catalogue.dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".site.") && name != ".site.previous")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// An output folder that cannot be written gives a clear error, exit code
/// 2, and no half-written site.
#[test]
fn an_unwritable_output_folder_is_a_clear_error() {
    let catalogue = TestCatalogue::fixture("valid");
    let theme = format!("{}/themes/default", env!("CARGO_MANIFEST_DIR"));
    let output = catalogue.run(&[
        "build",
        "--catalogue",
        "catalogue",
        "--out",
        "/proc/catalogue-site",
        "--theme",
        &theme,
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("could not create"), "{message}");
}

/// A tmpfs mounted over a folder for the length of a test, unmounted when
/// dropped (also when the test fails).
struct Tmpfs {
    path: std::path::PathBuf,
}

impl Tmpfs {
    /// `None` when mounting is not permitted (not root, no CAP_SYS_ADMIN, no
    /// `mount`), or when `CATALOGUE_TEST_NO_MOUNT` is set to try the
    /// fallback.
    fn mount(path: &std::path::Path, bytes: u64) -> Option<Tmpfs> {
        if std::env::var_os("CATALOGUE_TEST_NO_MOUNT").is_some() {
            return None;
        }
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(path)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| Tmpfs {
            path: path.to_path_buf(),
        })
    }

    /// Bytes in use.
    fn used(&self) -> u64 {
        use std::os::unix::ffi::OsStrExt as _;
        let path = std::ffi::CString::new(self.path.as_os_str().as_bytes()).unwrap();
        // SAFETY: statvfs writes into the zeroed struct it is given.
        let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::statvfs(path.as_ptr(), &mut stat) }, 0);
        (stat.f_blocks - stat.f_bfree) as u64 * stat.f_frsize as u64
    }

    fn resize(&self, bytes: u64) {
        let status = std::process::Command::new("mount")
            .args(["-o", &format!("remount,size={bytes}")])
            .arg(&self.path)
            .status()
            .unwrap();
        assert!(status.success(), "could not resize the tmpfs");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = std::process::Command::new("umount")
            .arg(&self.path)
            .status()
            .is_ok_and(|status| status.success());
        if !unmounted {
            // Busy: detach it now, the kernel frees it when it is let go.
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(&self.path)
                .status();
        }
    }
}

/// The disk fills up while `build` writes the new site beside the old one:
/// exit code 2, a message that names the problem, the previous site byte
/// for byte as it was, no temporary folder left, no panic. As root the disk
/// is a small tmpfs (room for the previous site and half another);
/// elsewhere a file-size limit (RLIMIT_FSIZE) on the build makes writes fail
/// the same way, with "File too large" instead of "No space left".
#[test]
fn a_full_disk_during_a_build_keeps_the_previous_site() {
    use std::os::unix::process::CommandExt as _;

    let catalogue = TestCatalogue::fixture("valid");
    let theme = format!("{}/themes/default", env!("CARGO_MANIFEST_DIR"));
    let disk = catalogue.dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let site = disk.join("site");
    let build = |file_size_limit: Option<u64>| {
        let mut command = crate::harness::catalogue_command();
        command
            .args(["build", "--catalogue", "catalogue", "--out"])
            .arg(&site)
            .args(["--theme", &theme])
            .current_dir(catalogue.dir.path());
        if let Some(bytes) = file_size_limit {
            // SAFETY: only async-signal-safe calls between fork and exec.
            unsafe {
                command.pre_exec(move || {
                    // Writes past the limit then fail with EFBIG instead of
                    // killing the process.
                    libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                    let limit = libc::rlimit {
                        rlim_cur: bytes as libc::rlim_t,
                        rlim_max: bytes as libc::rlim_t,
                    };
                    if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) == 0 {
                        Ok(())
                    } else {
                        Err(std::io::Error::last_os_error())
                    }
                });
            }
        }
        command.output().unwrap()
    };

    // Declared after `catalogue`, so unmounted before its folder is removed.
    let tmpfs = Tmpfs::mount(&disk, 64 * 1024 * 1024);
    let first = build(None);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let used = tmpfs.as_ref().map(Tmpfs::used);
    let (limit, problem) = match (&tmpfs, used) {
        (Some(tmpfs), Some(used)) => {
            assert!(used > 100 * 1024, "the previous site uses {used} bytes");
            tmpfs.resize(used + used / 2);
            (None, "No space left on device")
        }
        _ => {
            eprintln!("mounting a tmpfs is not permitted: a file-size limit stands in for a full disk");
            (Some(8 * 1024), "File too large")
        }
    };
    let before = crate::harness::tree(&site);
    assert!(before.len() > 40);
    let biggest = before.values().map(Vec::len).max().unwrap_or(0) as u64;
    if let Some(limit) = limit {
        assert!(biggest > limit, "some page ({biggest} bytes) must not fit");
    }

    let output = build(limit);
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains(problem),
        "the message names the problem: {message}"
    );
    assert!(message.contains("could not"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert!(crate::harness::tree(&site) == before, "the previous site changed");
    let leftovers: Vec<String> = std::fs::read_dir(&disk)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "site")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    if let (Some(tmpfs), Some(used)) = (&tmpfs, used) {
        // Nothing of the failed build holds space either.
        assert_eq!(tmpfs.used(), used, "space used after the failed build");
    }
}

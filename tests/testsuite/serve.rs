//! `catalogue serve`: edits are rebuilt and served while the server runs; a
//! broken edit shows the diagnostics instead of the site, and a fix
//! recovers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::harness::TestCatalogue;

/// Stops the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Ask until `check` holds or 90 seconds pass (a loaded CI machine is slow).
fn eventually(port: u16, path: &str, check: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let started = Instant::now();
    loop {
        let (status, body) = get(port, path);
        if check(status, &body) || started.elapsed() > Duration::from_secs(90) {
            return (status, body);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn edits_are_served_errors_are_shown_and_fixes_recover() {
    let catalogue = TestCatalogue::fixture("valid");
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let child = crate::harness::catalogue_command()
        .args([
            "serve",
            "--port",
            "0",
            "--color",
            "never",
            "--catalogue",
            "catalogue",
            "--out",
            "site",
            "--theme",
        ])
        .arg(&theme)
        .current_dir(catalogue.dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let (lines, received) = mpsc::channel();
    let stderr = server.0.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let port: u16 = loop {
        let line = received
            .recv_timeout(Duration::from_secs(60))
            .expect("the server never said where it serves");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
        }
    };

    let page = "/cases/se/digital-colleague/";
    let (status, body) = get(port, page);
    assert_eq!(status, 200);
    assert!(body.contains("The digital colleague"));
    assert!(
        body.contains("__catalogue/generation"),
        "the preview pages reload themselves"
    );
    assert_eq!(get(port, "/cases/se/digital-colleague").0, 301);
    assert_eq!(get(port, "/no/such/page/").0, 404);
    assert_eq!(get(port, "/../../etc/passwd").0, 404);

    let path = catalogue.root().join("cases/SE/digital-colleague.md");
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        original.replace("The digital colleague\"", "The renamed colleague\""),
    )
    .unwrap();
    let (_, body) = eventually(port, page, |_, body| body.contains("The renamed colleague"));
    assert!(body.contains("The renamed colleague"), "the edit was not served");

    std::fs::write(&path, original.replace("\"Vilhelmina\"", "\"Vilhelmna\"")).unwrap();
    let (status, body) = eventually(port, page, |status, _| status == 500);
    assert_eq!(status, 500, "a broken catalogue shows the overlay");
    assert!(body.contains("E0301") && body.contains("Vilhelmna"), "{body}");
    assert!(body.contains("__catalogue/generation"));

    std::fs::write(&path, &original).unwrap();
    let (status, body) = eventually(port, page, |status, _| status == 200);
    assert_eq!(status, 200, "the site recovers when the file is fixed");
    assert!(body.contains("The digital colleague"));
}

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

/// Send `request` as it is and read the answer: (status, head, body).
/// Status 0 when no answer came.
fn exchange(port: u16, request: &[u8]) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(request).unwrap();
    read_answer(&mut stream)
}

fn read_answer(stream: &mut TcpStream) -> (u16, String, String) {
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let (head, body) = response
        .split_once("\r\n\r\n")
        .map(|(head, body)| (head.to_string(), body.to_string()))
        .unwrap_or_default();
    (status, head, body)
}

fn get(port: u16, path: &str) -> (u16, String) {
    let (status, _, body) = exchange(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
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

/// Start `catalogue serve` on a free port over the catalogue.
fn start(catalogue: &TestCatalogue) -> (Server, u16) {
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

    (server, port)
}

#[test]
fn edits_are_served_errors_are_shown_and_fixes_recover() {
    let catalogue = TestCatalogue::fixture("valid");
    let (_server, port) = start(&catalogue);

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

/// The server's resident memory in KiB (Linux), to show a request's head
/// is not kept.
fn resident_kib(server: &Server) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.0.id())).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}

#[test]
fn only_requests_for_its_own_address_are_answered() {
    let catalogue = TestCatalogue::fixture("valid");
    let (_server, port) = start(&catalogue);
    let ask = |host: &str| {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        exchange(port, request.as_bytes())
    };
    for own in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
    ] {
        assert_eq!(ask(&own).0, 200, "{own}");
    }
    // A page whose name was rebound to 127.0.0.1 sends its own name.
    for other in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("127.0.0.1.evil.example:{port}"),
        "127.0.0.1".to_string(),
    ] {
        let (status, _, body) = ask(&other);
        assert_eq!(status, 421, "{other}");
        assert!(!body.contains("digital colleague"), "{body}");
    }
    // The overlay and the generation endpoint are guarded alike.
    let request = format!("GET /__catalogue/generation HTTP/1.1\r\nHost: evil.example:{port}\r\n\r\n");
    assert_eq!(exchange(port, request.as_bytes()).0, 421);
    assert_eq!(
        exchange(port, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n").0,
        400,
        "no Host"
    );
    let twice = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n");
    assert_eq!(exchange(port, twice.as_bytes()).0, 400, "two Hosts");
}

#[test]
fn bodies_slow_clients_and_huge_heads_never_stop_the_server() {
    let catalogue = TestCatalogue::fixture("valid");
    let (server, port) = start(&catalogue);
    let host = format!("Host: 127.0.0.1:{port}\r\n");

    // tiny_http's two handler threads panicked on this, and the server
    // stopped answering.
    for _ in 0..4 {
        let request = format!("POST / HTTP/1.1\r\n{host}Content-Length: 18446744073709551615\r\n\r\n");
        let (status, head, _) = exchange(port, request.as_bytes());
        assert_eq!(status, 405, "{head}");
        assert!(head.contains("Allow: GET, HEAD"), "{head}");
    }
    for method in ["PUT", "DELETE", "OPTIONS", "PATCH"] {
        let request = format!("{method} / HTTP/1.1\r\n{host}\r\n");
        assert_eq!(exchange(port, request.as_bytes()).0, 405, "{method}");
    }
    // A body announced and never sent is not waited for; the connections
    // stay open on the client's side.
    let mut waiting = Vec::new();
    for _ in 0..4 {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(stream, "GET / HTTP/1.1\r\n{host}Content-Length: 10\r\n\r\n").unwrap();
        let mut line = [0u8; 12];
        stream.read_exact(&mut line).unwrap();
        assert_eq!(&line, b"HTTP/1.1 413");
        waiting.push(stream);
    }
    let chunked = format!("GET / HTTP/1.1\r\n{host}Transfer-Encoding: chunked\r\n\r\n");
    assert_eq!(exchange(port, chunked.as_bytes()).0, 413);
    let bad_length = format!("GET / HTTP/1.1\r\n{host}Content-Length: -1\r\n\r\n");
    assert_eq!(exchange(port, bad_length.as_bytes()).0, 400);
    let empty = format!("GET / HTTP/1.1\r\n{host}Content-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(exchange(port, empty.as_bytes()).0, 200);

    // Heads sent slowly, never finished: the server keeps answering others.
    for _ in 0..8 {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "GET / HTTP/1.1\r\n{host}X-Slow: ").unwrap();
        waiting.push(stream);
    }
    let started = Instant::now();
    assert_eq!(get(port, "/").0, 200);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    // A head larger than the limit.
    let large = format!(
        "GET / HTTP/1.1\r\n{host}X-Large: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    assert_eq!(exchange(port, large.as_bytes()).0, 431);
    let before = resident_kib(&server);
    // 64 MiB of header: the server stops reading and closes, whatever the
    // client still sends; none of it is kept.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut sent = 0usize;
    let chunk = vec![b'a'; 1024 * 1024];
    let _ = write!(stream, "GET / HTTP/1.1\r\n{host}X-Huge: ");
    while sent < 64 * 1024 * 1024 {
        if stream.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    assert!(sent < 64 * 1024 * 1024, "the server read all of a 64 MiB head");
    drop(stream);
    if let (Some(before), Some(after)) = (before, resident_kib(&server)) {
        assert!(
            after < before + 16 * 1024,
            "{before} KiB before, {after} KiB after"
        );
    }

    // Anything else that is no HTTP request.
    for garbage in [
        &b"\x00\x01\x02 hello\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"GET / SPDY/3\r\n\r\n",
        b"get / HTTP/1.1\r\n\r\n",
    ] {
        assert_eq!(exchange(port, garbage).0, 400, "{garbage:?}");
    }
    let folded = format!("GET / HTTP/1.1\r\n{host}X-A: b\r\n c\r\n\r\n");
    assert_eq!(exchange(port, folded.as_bytes()).0, 400);

    // HEAD: the head only.
    let (status, head, body) = exchange(port, format!("HEAD / HTTP/1.1\r\n{host}\r\n").as_bytes());
    assert_eq!(status, 200);
    assert!(head.contains("Content-Length: "), "{head}");
    assert!(body.is_empty());

    drop(waiting);
    for _ in 0..20 {
        assert_eq!(get(port, "/cases/se/digital-colleague/").0, 200);
    }
}

#[test]
fn redirects_stay_on_the_preview_origin() {
    let catalogue = TestCatalogue::fixture("valid");
    let (_server, port) = start(&catalogue);
    for path in [
        "//countries",
        "///countries",
        "/\\countries",
        "/%2Fcountries",
        "/%5Ccountries",
        "//countries/se",
        "/./countries",
        "/countries//se",
        "/countries/se?x=//evil",
        "//evil.example",
        "/.",
    ] {
        let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        let (status, head, _) = exchange(port, request.as_bytes());
        assert!(matches!(status, 301 | 404 | 200), "{path}: {status}");
        if status == 301 {
            let location = head
                .lines()
                .find_map(|line| line.strip_prefix("Location: "))
                .unwrap_or_else(|| panic!("{path}: no Location in {head}"));
            assert!(location.starts_with('/'), "{path} → {location}");
            assert!(
                !location[1..].starts_with(['/', '\\']),
                "{path} → {location}, another host to a browser"
            );
        }
    }
    let request = format!("GET //countries HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let (status, head, _) = exchange(port, request.as_bytes());
    assert_eq!(status, 301);
    assert!(head.contains("\r\nLocation: /countries/"), "{head}");
}

/// Save `text` to `path` as editors that save atomically do (write beside,
/// rename over), so that every build reads a whole file: a build that read
/// a half-written catalogue.toml would rightly show its error page, which
/// is not what the test below is about.
fn save(catalogue: &TestCatalogue, path: &std::path::Path, text: &str) {
    let beside = catalogue.dir.path().join("saving.tmp");
    std::fs::write(&beside, text).unwrap();
    std::fs::rename(&beside, path).unwrap();
}

#[test]
fn pages_are_whole_while_cases_are_edited_and_dropped_municipalities_lose_theirs() {
    let catalogue = TestCatalogue::fixture("valid");
    let (_server, port) = start(&catalogue);
    let path = catalogue.root().join("cases/SE/digital-colleague.md");
    let original = std::fs::read_to_string(&path).unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let done = std::sync::Arc::clone(&done);
        std::thread::spawn(move || {
            let (mut pages, mut broken) = (0, Vec::new());
            // Bounded: the edits take seconds; the cap is a hang guard.
            while !done.load(std::sync::atomic::Ordering::SeqCst) && pages < 20_000 {
                for page in ["/cases/se/digital-colleague/", "/countries/se/", "/"] {
                    let (status, body) = get(port, page);
                    pages += 1;
                    if status != 200 || !body.contains("</html>") {
                        broken.push(format!("{page}: {status}, {} bytes", body.len()));
                    }
                }
            }
            (pages, broken)
        })
    };
    for round in 0..24 {
        let title = format!("The digital colleague, take {round}\"");
        save(
            &catalogue,
            &path,
            &original.replace("The digital colleague\"", &title),
        );
        let expected = format!("take {round}");
        let (_, body) = eventually(port, "/cases/se/digital-colleague/", |_, body| {
            body.contains(&expected)
        });
        assert!(body.contains(&expected), "edit {round} was not served");
    }
    // A change of the settings gets a full build, which swaps the whole
    // site folder.
    let settings = catalogue.root().join("catalogue.toml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    for round in 0..6 {
        let before = get(port, "/__catalogue/generation").1;
        text.push_str(&format!("\n# edit {round}\n"));
        save(&catalogue, &settings, &text);
        let (_, after) = eventually(port, "/__catalogue/generation", |_, body| body != before);
        assert_ne!(after, before, "no full build after edit {round} of the settings");
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let (pages, broken) = reader.join().unwrap();
    assert!(pages > 24, "only {pages} pages asked for");
    assert!(
        broken.is_empty(),
        "{} of {pages} pages broken: {broken:?}",
        broken.len()
    );

    // Storuman (2421) is named by this case only.
    assert!(get(port, "/countries/se/2421/").1.contains("digital-colleague"));
    std::fs::write(
        &path,
        original.replace("[\"Vilhelmina\", \"2421\"]", "[\"Vilhelmina\"]"),
    )
    .unwrap();
    let (status, _) = eventually(port, "/countries/se/2421/", |status, _| status == 404);
    assert_eq!(status, 404, "the page of a municipality no case names any more");
    let (status, body) = get(port, "/countries/se/2462/");
    assert_eq!(status, 200);
    assert!(body.contains("digital-colleague"));
    assert!(!get(port, "/sitemap.xml").1.contains("countries/se/2421/"));
    std::fs::write(&path, &original).unwrap();
    let (status, _) = eventually(port, "/countries/se/2421/", |status, _| status == 200);
    assert_eq!(status, 200, "and comes back with it");
}

#[test]
fn an_edit_of_a_research_file_is_served() {
    let catalogue = TestCatalogue::fixture("valid");
    catalogue.write(
        "research/review.bib",
        "@report{nordregio-2023-2,
  author = {{Nordregio}},
  title = {Service provision in Nordic rural areas},
  institution = {Nordregio},
  year = {2023},
  themes = {external},
  countries = {SE},
  kind = {report},
}
",
    );
    let (_server, port) = start(&catalogue);
    let page = "/research/nordregio-2023-2/";
    let (status, body) = get(port, page);
    assert_eq!(status, 200);
    assert!(body.contains("Service provision in Nordic rural areas"), "{body}");

    let path = catalogue.root().join("research/review.bib");
    let original = std::fs::read_to_string(&path).unwrap();
    save(
        &catalogue,
        &path,
        &original.replace("Service provision in", "Services in"),
    );
    let (_, body) = eventually(port, page, |_, body| {
        body.contains("Services in Nordic rural areas")
    });
    assert!(
        body.contains("Services in Nordic rural areas"),
        "the edit of research/review.bib was not served"
    );
    // A study added to the file gets its page.
    save(
        &catalogue,
        &path,
        &format!(
            "{original}\n@misc{{added-2024, title = {{An added study}}, year = {{2024}}, url = {{https://example.org/}}, themes = {{internal}}, countries = {{SE}}, kind = {{grey-literature}}}}\n"
        ),
    );
    let (status, body) = eventually(port, "/research/added-2024/", |status, _| status == 200);
    assert_eq!(status, 200);
    assert!(body.contains("An added study"));
}

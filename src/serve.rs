//! `catalogue serve`: a local preview. Builds the site, serves it on
//! 127.0.0.1, watches the catalogue and the theme, rebuilds on every change
//! and makes open pages reload themselves.
//!
//! A build with errors does not replace the site: every page request is
//! answered with an overlay listing the diagnostics (also printed in the
//! terminal) until the next good build. Pages learn about a new build by
//! polling a tiny endpoint with the number of the latest build; the script
//! doing it is added to pages only here, never to a published build.
//!
//! The HTTP side is a small HTTP/1.1 reader of its own, for GET and HEAD
//! only: a preview serves files, so it has no use for a request body, and
//! tiny_http's handler threads panicked on a `Content-Length` of 2^64-1 and
//! waited forever for a body that never came. Every connection gets one
//! answer and is closed; its head must arrive whole, within a size limit
//! and a deadline, and a request is answered only if its `Host` is the
//! preview's own address, so that a page on another site that rebinds its
//! name to 127.0.0.1 cannot read the preview.

use std::collections::BTreeSet;
use std::io::{Read as _, Write as _};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use percent_encoding::percent_decode_str;

use crate::html::escape;
use crate::incremental::{Changes, Outcome, Session};
use crate::pipeline::{BuildOptions, CataloguePaths};

/// How long the files must stay quiet before a rebuild starts: editors
/// save in several steps.
const BURST_MS: u64 = 50;

/// Where open pages ask for the number of the latest build.
const GENERATION_PATH: &str = "/__catalogue/generation";

/// The most a request's head (request line and headers) may take; a
/// browser's stays far below.
const MAX_HEAD: usize = 16 * 1024;

/// How long a client has to send its whole head: a client that sends it
/// slowly, or announces a body and sends nothing, loses its connection
/// instead of keeping a thread.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// How long writing an answer may block on a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections handled at once; more are answered 503 at once.
const MAX_CONNECTIONS: usize = 64;

/// How long a failed look-up waits for the site folder to come back: a full
/// build moves the old site aside and the new one in, one rename after the
/// other.
const SWAP_WAIT: Duration = Duration::from_secs(1);

pub struct ServeOptions {
    pub catalogue: CataloguePaths,
    pub theme: PathBuf,
    pub out: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    pub color: bool,
}

/// What the HTTP thread needs to know about the builds.
#[derive(Default)]
struct State {
    /// Number of the latest build, good or bad.
    generation: AtomicU64,
    /// The overlay page of a failed build; `None` after a good one.
    failure: Mutex<Option<String>>,
    /// [`Session::page_lock`]: read while a page is read from the site.
    page_lock: Arc<RwLock<()>>,
}

fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function(){{var g={generation};setInterval(function(){{\
fetch('{GENERATION_PATH}',{{cache:'no-store'}}).then(function(r){{return r.text();}})\
.then(function(t){{if(t.trim()!==String(g)){{location.reload();}}}}).catch(function(){{}});}},700);}})();</script>"
    )
}

fn overlay(report: &str, generation: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title>\
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}}pre{{background:#f3f5f7;\
border:1px solid #c9d1d9;padding:1rem;overflow:auto;white-space:pre-wrap}}</style></head><body>\
<main><h1>The catalogue has errors</h1><p>Fix them and save: this page reloads by itself. \
The last good site is not shown until then.</p><pre>{}</pre></main>{}</body></html>\n",
        escape(report),
        reload_script(generation)
    )
}

/// Run one build and record its outcome for the HTTP thread.
fn rebuild(session: &mut Session, state: &State, changes: Changes<'_>, log: &dyn Fn(&str)) {
    let started = Instant::now();
    let generation = state.generation.load(Ordering::SeqCst) + 1;
    let today = match crate::pipeline::today() {
        Ok(today) => today,
        Err(error) => {
            log(&format!("error: {error:#}\n"));
            return;
        }
    };
    let failure = match session.rebuild_after(today, changes) {
        Ok(rebuilt) => {
            log(&rebuilt.report);
            match rebuilt.outcome {
                Outcome::Unchanged => return,
                Outcome::Written {
                    files,
                    written,
                    partial,
                } => {
                    let how = match (partial, &rebuilt.full_because) {
                        (true, _) => format!("{written} of {files} files written again"),
                        (false, Some(reason)) => format!("{files} files; all of them because {reason}"),
                        (false, None) => format!("{files} files"),
                    };
                    log(&format!(
                        "rebuilt ({how}) in {} ms\n",
                        started.elapsed().as_millis()
                    ));
                    None
                }
                Outcome::Failed => Some(overlay(&rebuilt.plain_report, generation)),
            }
        }
        Err(error) => {
            let message = format!("error: {error:#}\n");
            log(&message);
            Some(overlay(&message, generation))
        }
    };
    if let Ok(mut slot) = state.failure.lock() {
        *slot = failure;
    }
    state.generation.store(generation, Ordering::SeqCst);
}

/// A page as served: the reload script of this generation goes before
/// `</body>`, so that the files on disk stay those of a normal build.
fn with_reload_script(mut page: Vec<u8>, generation: u64) -> Vec<u8> {
    let script = reload_script(generation);
    let at = page
        .windows(7)
        .rposition(|window| window.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    page.splice(at..at, script.into_bytes());
    page
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// One answer; every connection gets exactly one.
struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    /// Extra headers (`Location`, `Allow`).
    headers: Vec<(&'static str, String)>,
}

impl Response {
    fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status,
            content_type,
            body,
            headers: Vec::new(),
        }
    }

    fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            format!("{text}\n").into_bytes(),
        )
    }

    fn with(mut self, name: &'static str, value: String) -> Response {
        self.headers.push((name, value));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// A request's head as read from the connection.
#[derive(Debug)]
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn headers<'r>(&'r self, name: &'r str) -> impl Iterator<Item = &'r str> + 'r {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
enum HeadError {
    /// The client closed the connection or the read failed: nobody to
    /// answer.
    Gone,
    TooLarge,
    TimedOut,
}

/// Where the head ends (just after its empty line), if it has.
fn head_end(bytes: &[u8]) -> Option<usize> {
    bytes.windows(2).enumerate().find_map(|(at, pair)| match pair {
        b"\n\n" => Some(at + 2),
        b"\n\r" if bytes.get(at + 2) == Some(&b'\n') => Some(at + 3),
        _ => None,
    })
}

/// Read a request's head, at most [`MAX_HEAD`] bytes within
/// [`HEAD_DEADLINE`]. What follows the head (a body) is never read: the
/// connection is closed after the answer.
fn read_head(stream: &mut TcpStream) -> Result<Vec<u8>, HeadError> {
    let deadline = Instant::now() + HEAD_DEADLINE;
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::TimedOut);
        }
        stream.set_read_timeout(Some(left)).map_err(|_| HeadError::Gone)?;
        // Never more than the limit allows, so a huge head costs no memory.
        let room = (MAX_HEAD + 1 - head.len()).min(buffer.len());
        match stream.read(&mut buffer[..room]) {
            Ok(0) => return Err(HeadError::Gone),
            Ok(read) => {
                let scan_from = head.len().saturating_sub(2);
                head.extend_from_slice(&buffer[..read]);
                if let Some(end) = head_end(&head[scan_from..]) {
                    let end = scan_from + end;
                    if end > MAX_HEAD {
                        return Err(HeadError::TooLarge);
                    }
                    head.truncate(end);
                    return Ok(head);
                }
                if head.len() > MAX_HEAD {
                    return Err(HeadError::TooLarge);
                }
            }
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(HeadError::TimedOut);
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Err(HeadError::Gone),
        }
    }
}

/// The request line and headers, or `None` for anything that is not
/// HTTP/1.x as a browser sends it.
fn parse_head(head: &[u8]) -> Option<Request> {
    let text = String::from_utf8_lossy(head);
    let mut lines = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line));
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || !version.starts_with("HTTP/1.")
    {
        return None;
    }
    let mut headers = Vec::new();
    for line in lines.take_while(|line| !line.is_empty()) {
        // A folded line or a space before the colon: refused, as RFC 9112
        // asks, since proxies read them differently.
        let (name, value) = line.split_once(':')?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return None;
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
    })
}

/// Whether `host` names this server: its own address with its port, as a
/// browser sends it for a page it loaded from the preview.
fn is_own_host(host: &str, port: u16) -> bool {
    let host = host.to_ascii_lowercase();
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, given)) => (name, given.parse::<u16>().ok()),
        // A browser leaves out the default port only.
        None => (host.as_str(), Some(80)),
    };
    matches!(name, "127.0.0.1" | "localhost") && given_port == Some(port)
}

/// The answer to anything but a plain GET or HEAD for this server, or
/// `None` for a request to answer with a file.
fn refuse(request: &Request, port: u16) -> Option<Response> {
    let hosts: Vec<&str> = request.headers("host").collect();
    match hosts.as_slice() {
        [host] if is_own_host(host, port) => {}
        [] | [_, _, ..] => return Some(Response::text(400, "one Host header is needed")),
        [_] => {
            return Some(Response::text(
                421,
                "this preview answers only requests for its own address",
            ));
        }
    }
    if request.method != "GET" && request.method != "HEAD" {
        return Some(
            Response::text(405, "the preview serves files: GET and HEAD only")
                .with("Allow", "GET, HEAD".into()),
        );
    }
    if request.headers("transfer-encoding").next().is_some() {
        return Some(Response::text(413, "the preview takes no request body"));
    }
    for length in request.headers("content-length") {
        if length.is_empty() || !length.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Response::text(400, "a malformed Content-Length"));
        }
        if length.bytes().any(|b| b != b'0') {
            return Some(Response::text(413, "the preview takes no request body"));
        }
    }
    if !request.target.starts_with('/') {
        return Some(Response::text(400, "only paths are asked for here"));
    }
    None
}

/// The decoded segments of a URL path, empty and `.` segments left out;
/// `None` if one could climb out of the site (`..`), is no plain name or
/// does not decode to UTF-8. A `%` not followed by two hex digits stays as
/// it is (as browsers read it), so it can only name a file of that name.
fn segments(path: &str) -> Option<Vec<String>> {
    let mut found = Vec::new();
    for raw in path.split('/') {
        let decoded = percent_decode_str(raw).decode_utf8().ok()?;
        if decoded.is_empty() || decoded == "." {
            continue;
        }
        if decoded == ".." || decoded.contains(['/', '\\', '\0']) {
            return None;
        }
        found.push(decoded.into_owned());
    }
    Some(found)
}

/// The canonical address of a folder: one leading slash, every segment
/// percent-encoded, so that no `//` or `/\` (another host to a browser)
/// can come out of it.
fn folder_url(segments: &[String]) -> String {
    let mut url = String::from("/");
    for segment in segments {
        for byte in segment.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte) {
                url.push(char::from(byte));
            } else {
                url.push_str(&format!("%{byte:02X}"));
            }
        }
        url.push('/');
    }
    url
}

/// The file the segments name inside the site, if any.
fn resolve(out: &Path, segments: &[String]) -> Option<PathBuf> {
    let mut path = out.to_path_buf();
    path.extend(segments);
    if path.is_dir() {
        path.push("index.html");
    }
    path.is_file().then_some(path)
}

/// A file of the site and its bytes. A full build replaces the site folder
/// by two renames; a look-up that falls between them waits for the new site.
fn find(out: &Path, segments: &[String], page_lock: &RwLock<()>) -> Option<(PathBuf, Vec<u8>)> {
    let look = || {
        let file = resolve(out, segments)?;
        let _reading = page_lock
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let bytes = std::fs::read(&file).ok()?;
        Some((file, bytes))
    };
    if let Some(found) = look() {
        return Some(found);
    }
    let started = Instant::now();
    while !out.is_dir() && started.elapsed() < SWAP_WAIT {
        std::thread::sleep(Duration::from_millis(5));
    }
    look()
}

/// The answer to a GET or HEAD this server accepted.
fn answer(target: &str, out: &Path, state: &State) -> Response {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == GENERATION_PATH {
        let generation = state.generation.load(Ordering::SeqCst).to_string();
        return Response::new(200, "text/plain", generation.into_bytes());
    }
    let failure = match state.failure.lock() {
        Ok(slot) => slot.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    let wants_page = path.ends_with('/')
        || path.ends_with(".html")
        || !path.rsplit('/').next().unwrap_or("").contains('.');
    if let (Some(page), true) = (failure, wants_page) {
        return Response::new(500, "text/html; charset=utf-8", page.into_bytes());
    }
    let not_found = || {
        let _reading = state
            .page_lock
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let page = std::fs::read(out.join("404.html")).unwrap_or_else(|_| b"not found\n".to_vec());
        Response::new(404, "text/html; charset=utf-8", page)
    };
    let Some(segments) = segments(path) else {
        return not_found();
    };
    let Some((file, bytes)) = find(out, &segments, &state.page_lock) else {
        return not_found();
    };
    // A folder asked for without its slash: send the browser to the
    // canonical URL, on this origin, so relative links keep working.
    let named_index = segments.last().is_some_and(|last| last == "index.html");
    if !path.ends_with('/') && file.ends_with("index.html") && !named_index {
        return Response::new(301, "text/plain; charset=utf-8", Vec::new())
            .with("Location", folder_url(&segments));
    }
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        let generation = state.generation.load(Ordering::SeqCst);
        Response::new(200, kind, with_reload_script(bytes, generation))
    } else {
        Response::new(200, kind, bytes)
    }
}

/// Write the answer, then close the connection. What the client sent after
/// its head is drained for a moment (never kept), so that the close does
/// not reset the connection before the client has read the answer.
fn send(stream: &mut TcpStream, response: &Response, head_only: bool) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let written = stream.write_all(head.as_bytes()).and_then(|()| {
        if head_only {
            Ok(())
        } else {
            stream.write_all(&response.body)
        }
    });
    if written.is_err() {
        return;
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + Duration::from_millis(200);
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < 64 * 1024 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(read) => drained += read,
        }
    }
}

/// Read one request from a connection and answer it.
fn serve_connection(mut stream: TcpStream, port: u16, out: &Path, state: &State) {
    let head = match read_head(&mut stream) {
        Ok(head) => head,
        Err(HeadError::Gone) => return,
        Err(HeadError::TooLarge) => {
            send(
                &mut stream,
                &Response::text(431, "the request's head is too large"),
                false,
            );
            return;
        }
        Err(HeadError::TimedOut) => {
            send(
                &mut stream,
                &Response::text(408, "the request did not arrive in time"),
                false,
            );
            return;
        }
    };
    let Some(request) = parse_head(&head) else {
        send(
            &mut stream,
            &Response::text(400, "not an HTTP/1.1 request"),
            false,
        );
        return;
    };
    let head_only = request.method == "HEAD";
    let response = refuse(&request, port).unwrap_or_else(|| answer(&request.target, out, state));
    send(&mut stream, &response, head_only);
}

/// Counts a connection being handled for as long as it lives.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Accept connections for ever, each on a thread of its own, at most
/// [`MAX_CONNECTIONS`] at once. A panic while answering (a bug) costs that
/// connection only.
fn accept(listener: TcpListener, port: u16, out: PathBuf, state: Arc<State>) {
    let out = Arc::new(out);
    let busy = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let mut stream = match stream {
            Ok(stream) => stream,
            Err(_) => {
                // Out of file descriptors, most likely: let some close.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        if busy.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            busy.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
            let _ = stream.write_all(
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n",
            );
            continue;
        }
        let slot = Slot(Arc::clone(&busy));
        let (out, state) = (Arc::clone(&out), Arc::clone(&state));
        let spawned = std::thread::Builder::new()
            .name("serve-connection".into())
            .spawn(move || {
                let _slot = slot;
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    serve_connection(stream, port, &out, &state);
                }));
            });
        // A thread that could not start drops its connection and its slot.
        drop(spawned);
    }
}

/// Serve until the process is stopped. `log` receives everything meant for
/// the terminal.
pub fn serve(options: ServeOptions, log: &dyn Fn(&str)) -> anyhow::Result<()> {
    // Refused before listening: the builds would otherwise only show it.
    crate::output::check_out_folder(
        &options.out,
        &crate::output::Sources {
            catalogue: &options.catalogue.root,
            theme: &options.theme,
        },
    )?;
    let listener = TcpListener::bind(("127.0.0.1", options.port))
        .with_context(|| format!("could not listen on 127.0.0.1:{}", options.port))?;
    let port = listener
        .local_addr()
        .context("the server has no TCP address")?
        .port();
    let base_url = format!("http://127.0.0.1:{port}/");
    // Watch before the first build: an edit saved while it runs, or right
    // after the address is announced, must not be missed.
    // Each event's paths, or `None` when the watcher cannot say what
    // changed (an error, or events lost and a rescan asked for).
    let (sender, receiver) = mpsc::channel::<Option<Vec<PathBuf>>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| match event {
        Ok(event) if matches!(event.kind, notify::EventKind::Access(_)) => {}
        Ok(event) if !event.need_rescan() && !event.paths.is_empty() => {
            let _ = sender.send(Some(event.paths));
        }
        _ => {
            let _ = sender.send(None);
        }
    })
    .context("could not start watching files")?;
    for folder in [&options.catalogue.root, &options.theme] {
        notify::Watcher::watch(&mut watcher, folder, notify::RecursiveMode::Recursive)
            .with_context(|| format!("could not watch {}", folder.display()))?;
    }
    let build_options = BuildOptions {
        theme: options.theme.clone(),
        out: options.out.clone(),
        base_url: Some(base_url.clone()),
    };
    let mut session = Session::new(options.catalogue.clone(), build_options, options.color);
    let state = Arc::new(State {
        page_lock: session.page_lock(),
        ..State::default()
    });
    rebuild(&mut session, &state, Changes::Unknown, log);
    log(&format!(
        "serving {} at {base_url} (press Ctrl-C to stop)\n",
        options.out.display()
    ));

    let (shared, out) = (Arc::clone(&state), options.out.clone());
    std::thread::Builder::new()
        .name("serve-accept".into())
        .spawn(move || accept(listener, port, out, shared))
        .context("could not start the server thread")?;

    while let Ok(first) = receiver.recv() {
        // Editors save in several steps; wait for the burst to end.
        let mut changed = Some(BTreeSet::new());
        let mut add = |paths: Option<Vec<PathBuf>>| match (paths, changed.as_mut()) {
            (Some(paths), Some(changed)) => changed.extend(paths),
            _ => changed = None,
        };
        add(first);
        while let Ok(paths) = receiver.recv_timeout(Duration::from_millis(BURST_MS)) {
            add(paths);
        }
        let changes = match &changed {
            Some(paths) => Changes::Paths(paths),
            None => Changes::Unknown,
        };
        rebuild(&mut session, &state, changes, log);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_decoded_and_none_climbs_out_of_the_site() {
        assert_eq!(
            segments("/cases/se/%C3%A5land/./"),
            Some(vec!["cases".to_string(), "se".to_string(), "åland".to_string()])
        );
        for hostile in ["/../etc", "/%2E%2E/etc", "/a%2Fb", "/a%5Cb", "/a%00", "/%FF"] {
            assert_eq!(segments(hostile), None, "{hostile}");
        }
        assert_eq!(segments("/100%zz"), Some(vec!["100%zz".to_string()]));
    }

    #[test]
    fn the_error_page_escapes_the_report() {
        let page = overlay("<script>\"x\" & 'y'</script>", 3);
        assert!(page.contains("<pre>&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;</pre>"));
    }
}

//! `catalogue serve`: a local preview. Builds the site, serves it on
//! 127.0.0.1, watches the catalogue and the theme, rebuilds on every change
//! and makes open pages reload themselves.
//!
//! A build with errors does not replace the site: every page request is
//! answered with an overlay listing the diagnostics (also printed in the
//! terminal) until the next good build. Pages learn about a new build by
//! polling a tiny endpoint with the number of the latest build; the script
//! doing it is added to pages only here, never to a published build.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::incremental::{Outcome, Session};
use crate::{BuildOptions, CataloguePaths};

/// How long the files must stay quiet before a rebuild starts: editors
/// save in several steps.
const BURST_MS: u64 = 50;

/// Where open pages ask for the number of the latest build.
const GENERATION_PATH: &str = "/__catalogue/generation";

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
}

fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function(){{var g={generation};setInterval(function(){{\
fetch('{GENERATION_PATH}',{{cache:'no-store'}}).then(function(r){{return r.text();}})\
.then(function(t){{if(t.trim()!==String(g)){{location.reload();}}}}).catch(function(){{}});}},700);}})();</script>"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
fn rebuild(session: &mut Session, state: &State, log: &dyn Fn(&str)) {
    let started = Instant::now();
    let generation = state.generation.load(Ordering::SeqCst) + 1;
    let today = match crate::today() {
        Ok(today) => today,
        Err(error) => {
            log(&format!("error: {error:#}\n"));
            return;
        }
    };
    let failure = match session.rebuild(today) {
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

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: tiny_http::Request, status: u16, content_type: &str, body: Vec<u8>) {
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    for (name, value) in [("Content-Type", content_type), ("Cache-Control", "no-store")] {
        if let Some(header) = header(name, value) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}

/// The file a URL path names inside the site, if any. `..` and other
/// escapes are refused by taking only normal path segments.
fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let parsed = url::Url::parse(&format!("http://localhost{url_path}")).ok()?;
    let mut path = out.to_path_buf();
    for segment in parsed.path_segments()? {
        let decoded = percent_decode(segment)?;
        if decoded.is_empty()
            || decoded == "."
            || decoded == ".."
            || decoded.contains('/')
            || decoded.contains('\\')
        {
            continue;
        }
        path.push(decoded);
    }
    if path.is_dir() {
        path.push("index.html");
    }
    path.is_file().then_some(path)
}

fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = segment.get(index + 1..index + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

fn handle(request: tiny_http::Request, out: &Path, state: &State) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    if path == GENERATION_PATH {
        let generation = state.generation.load(Ordering::SeqCst).to_string();
        respond(request, 200, "text/plain", generation.into_bytes());
        return;
    }
    let failure = state.failure.lock().ok().and_then(|slot| slot.clone());
    let wants_page = path.ends_with('/')
        || path.ends_with(".html")
        || !path.rsplit('/').next().unwrap_or("").contains('.');
    if let (Some(page), true) = (failure, wants_page) {
        respond(request, 500, "text/html; charset=utf-8", page.into_bytes());
        return;
    }
    if let Some(file) = resolve(out, &path) {
        // A folder asked for without its slash: send the browser to the
        // canonical URL so relative links keep working.
        if !path.ends_with('/') && file.ends_with("index.html") && !path.ends_with("index.html") {
            let mut response = tiny_http::Response::empty(301);
            if let Some(location) = header("Location", &format!("{path}/")) {
                response.add_header(location);
            }
            let _ = request.respond(response);
            return;
        }
        match std::fs::read(&file) {
            Ok(bytes) if content_type(&file).starts_with("text/html") => {
                let generation = state.generation.load(Ordering::SeqCst);
                respond(
                    request,
                    200,
                    content_type(&file),
                    with_reload_script(bytes, generation),
                );
            }
            Ok(bytes) => respond(request, 200, content_type(&file), bytes),
            Err(_) => respond(request, 404, "text/plain", b"not found".to_vec()),
        }
        return;
    }
    let not_found = std::fs::read(out.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
    respond(request, 404, "text/html; charset=utf-8", not_found);
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
    let server = tiny_http::Server::http(("127.0.0.1", options.port))
        .map_err(|error| anyhow::anyhow!("could not listen on 127.0.0.1:{}: {error}", options.port))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|address| address.port())
        .ok_or_else(|| anyhow::anyhow!("the server has no TCP address"))?;
    let base_url = format!("http://127.0.0.1:{port}/");
    // Watch before the first build: an edit saved while it runs, or right
    // after the address is announced, must not be missed.
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = sender.send(());
        }
    })
    .context("could not start watching files")?;
    for folder in [&options.catalogue.root, &options.theme] {
        notify::Watcher::watch(&mut watcher, folder, notify::RecursiveMode::Recursive)
            .with_context(|| format!("could not watch {}", folder.display()))?;
    }
    let state = Arc::new(State::default());
    let build_options = BuildOptions {
        theme: options.theme.clone(),
        out: options.out.clone(),
        base_url: Some(base_url.clone()),
    };
    let mut session = Session::new(options.catalogue.clone(), build_options, options.color);
    rebuild(&mut session, &state, log);
    log(&format!(
        "serving {} at {base_url} (press Ctrl-C to stop)\n",
        options.out.display()
    ));

    let server = Arc::new(server);
    for _ in 0..2 {
        let (server, state, out) = (Arc::clone(&server), Arc::clone(&state), options.out.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                handle(request, &out, &state);
            }
        });
    }

    while receiver.recv().is_ok() {
        // Editors save in several steps; wait for the burst to end.
        while receiver.recv_timeout(Duration::from_millis(BURST_MS)).is_ok() {}
        rebuild(&mut session, &state, log);
    }
    Ok(())
}

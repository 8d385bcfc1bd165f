//! The preview server's responses: files from memory only, live-reload events,
//! and the error overlay injected into pages while the content has errors.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// The site as it is being served.
#[derive(Default)]
pub(crate) struct Snapshot {
    pub files: BTreeMap<String, Arc<Vec<u8>>>,
    /// Problems of the last rebuild; empty when it succeeded.
    pub errors: Vec<Diagnostic>,
    /// Bumped at every rebuild, good or bad, so pages know to reload.
    pub generation: u64,
}

/// Shared between the watcher, which writes it, and the request threads.
pub(crate) type Shared = Arc<(Mutex<Snapshot>, Condvar)>;

/// Where open pages listen for rebuilds.
pub(crate) const EVENTS: &str = "/__ragtime/events";

/// The snippet injected before `</body>` when serving (never in `build` output).
const RELOAD_SCRIPT: &str = r#"<script>(function(){var seen=null;var s=new EventSource("/__ragtime/events");s.addEventListener("build",function(e){if(seen===null){seen=e.data;}else if(e.data!==seen){location.reload();}});})();</script>"#;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("a constant header is valid")
    })
}

/// The content type for a file name.
pub(crate) fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or_default();
    match (path, extension) {
        ("feed.xml", _) => "application/atom+xml; charset=utf-8",
        (_, "html") => "text/html; charset=utf-8",
        (_, "css") => "text/css; charset=utf-8",
        (_, "js") => "text/javascript; charset=utf-8",
        (_, "json") => "application/json",
        (_, "csv") => "text/csv; charset=utf-8",
        (_, "xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (_, "xml") => "application/xml; charset=utf-8",
        (_, "svg") => "image/svg+xml",
        (_, "png") => "image/png",
        (_, "jpg" | "jpeg") => "image/jpeg",
        (_, "gif") => "image/gif",
        (_, "ico") => "image/x-icon",
        (_, "woff2") => "font/woff2",
        (_, "txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// How a request path maps to the built site.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    File(String),
    /// `/plans/x` → `/plans/x/`.
    Redirect(String),
    NotFound,
    /// A path that tries to leave the site (`..`, encoded or not) or is malformed.
    Refused,
}

/// Decodes `%xx` escapes; `None` for malformed escapes or invalid UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Resolves a request URL against the files of the site.
pub(crate) fn target(url: &str, exists: impl Fn(&str) -> bool) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let Some(decoded) = percent_decode(path) else {
        return Target::Refused;
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Target::Refused;
    }
    let inside = &decoded[1..];
    if inside
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Target::Refused;
    }
    if inside.is_empty() || inside.ends_with('/') {
        let file = format!("{inside}index.html");
        return if exists(&file) {
            Target::File(file)
        } else {
            Target::NotFound
        };
    }
    if exists(inside) {
        return Target::File(inside.to_owned());
    }
    if exists(&format!("{inside}/index.html")) {
        return Target::Redirect(format!("{decoded}/"));
    }
    Target::NotFound
}

/// Reads a request body fully (tiny_http needs it drained before responding).
pub(crate) fn drain(request: &mut tiny_http::Request) {
    let mut sink = Vec::new();
    let _ = request.as_reader().take(1 << 20).read_to_end(&mut sink);
}

/// Answers one request.
pub(crate) fn respond(mut request: Request, shared: &Shared) {
    drain(&mut request);
    let method = request.method().clone();
    if method != Method::Get && method != Method::Head {
        let response = Response::from_string("Only GET and HEAD are supported.\n")
            .with_status_code(StatusCode(405))
            .with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    if request.url().split('?').next() == Some(EVENTS) {
        events(request, shared);
        return;
    }
    let (lock, _) = &**shared;
    let (found, errors) = {
        let snapshot = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let found = match target(request.url(), |p| snapshot.files.contains_key(p)) {
            Target::File(path) => Ok((200, path.clone(), snapshot.files.get(&path).cloned())),
            Target::Redirect(location) => Err(Some(location)),
            Target::NotFound => Ok((
                404,
                "404.html".to_owned(),
                snapshot.files.get("404.html").cloned(),
            )),
            Target::Refused => Err(None),
        };
        (found, overlay(&snapshot.errors))
    };
    let response = match found {
        Err(Some(location)) => Response::from_data(Vec::new())
            .with_status_code(StatusCode(301))
            .with_header(header("Location", &location)),
        Err(None) => Response::from_string("That address is outside the site.\n")
            .with_status_code(StatusCode(403)),
        Ok((status, path, bytes)) => {
            let mut body = bytes.map_or_else(|| b"Not found\n".to_vec(), |b| b.as_ref().clone());
            let kind = content_type(&path);
            if kind.starts_with("text/html") {
                body = inject(&body, errors.as_deref());
            }
            Response::from_data(body)
                .with_status_code(StatusCode(status))
                .with_header(header("Content-Type", kind))
                .with_header(header("Cache-Control", "no-store"))
                .with_header(header("X-Content-Type-Options", "nosniff"))
        }
    };
    let _ = request.respond(response);
}

/// Adds the reload script, and the error overlay when there are errors, before `</body>`.
fn inject(html: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let snippet = format!("{}{RELOAD_SCRIPT}", overlay.unwrap_or_default());
    match text.rfind("</body>") {
        Some(at) => format!("{}{snippet}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{snippet}").into_bytes(),
    }
}

/// The error overlay: every problem with its file and line, escaped.
fn overlay(errors: &[crate::Diagnostic]) -> Option<String> {
    if errors.is_empty() {
        return None;
    }
    let mut items = String::new();
    for error in errors {
        items.push_str("<li><pre>");
        items.push_str(&crate::text::escape(&error.to_string()));
        items.push_str("</pre></li>");
    }
    Some(format!(
        r#"<div id="ragtime-errors" role="alert" style="position:fixed;inset:0;z-index:9999;overflow:auto;background:rgba(11,12,12,.92);color:#fff;padding:30px;font:16px/1.5 system-ui,sans-serif"><h2 style="margin-top:0;font-size:24px">ragtime could not build the site</h2><p>The last good version is underneath. Fix the file and save: this page reloads by itself.</p><ol style="padding-left:20px">{items}</ol></div>"#
    ))
}

/// A stream of `build` events, one per rebuild, for live reload. The stream is
/// written directly (not through the server's chunked encoder, which would hold
/// small events back), each event flushed as it happens.
fn events(request: Request, shared: &Shared) {
    let response = Response::new(
        StatusCode(200),
        vec![
            header("Content-Type", "text/event-stream"),
            header("Cache-Control", "no-store"),
        ],
        std::io::empty(),
        None,
        None,
    );
    let mut stream = request.upgrade("text/event-stream", response);
    let (lock, condvar) = &**shared;
    let mut seen = None;
    if stream.write_all(b"retry: 1000\n\n").is_err() {
        return;
    }
    loop {
        let message = {
            let snapshot = lock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let generation = match seen {
                None => snapshot.generation,
                Some(seen) => {
                    let (snapshot, _) = condvar
                        .wait_timeout_while(snapshot, Duration::from_secs(15), |s| {
                            s.generation == seen
                        })
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    snapshot.generation
                }
            };
            let message = if seen == Some(generation) {
                ": keep-alive\n\n".to_owned() // lets a closed connection be noticed
            } else {
                format!("event: build\ndata: {generation}\n\n")
            };
            seen = Some(generation);
            message
        };
        if stream
            .write_all(message.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        [
            "index.html",
            "plans/x/index.html",
            "assets/style.css",
            "404.html",
        ]
        .contains(&path)
    }

    #[test]
    fn maps_addresses_to_files() {
        assert_eq!(target("/", site), Target::File("index.html".into()));
        assert_eq!(
            target("/plans/x/", site),
            Target::File("plans/x/index.html".into())
        );
        assert_eq!(
            target("/plans/x", site),
            Target::Redirect("/plans/x/".into())
        );
        assert_eq!(
            target("/assets/style.css?v=1", site),
            Target::File("assets/style.css".into())
        );
        assert_eq!(target("/nothing", site), Target::NotFound);
    }

    #[test]
    fn refuses_escapes() {
        assert_eq!(target("/../Cargo.toml", site), Target::Refused);
        assert_eq!(target("/%2e%2e/", site), Target::Refused);
        assert_eq!(target("/%2E%2E/Cargo.toml", site), Target::Refused);
        assert_eq!(target("/plans/..%2f..%2fetc/passwd", site), Target::Refused);
        assert_eq!(target("/a%5c..%5cb", site), Target::Refused);
        assert_eq!(target("/%zz", site), Target::Refused);
        assert_eq!(target("/%00", site), Target::Refused);
    }

    #[test]
    fn injects_before_body_end() {
        let html = inject(b"<html><body><p>x</p></body></html>", None);
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("EventSource"));
        assert!(html.ends_with("</script></body></html>"));
    }
}

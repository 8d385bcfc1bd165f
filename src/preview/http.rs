//! The preview server's HTTP: files from memory only (never under a hidden
//! name), live-reload events, the error overlay injected into pages while the
//! content has errors, and the limits that keep one misbehaving client (or
//! web page) from harming the preview: hyper's HTTP/1 with a cap on
//! request-head size and a deadline for it, a cap on open connections, an
//! accept loop that outlives running out of file handles, and answers only to
//! the names this machine goes by.

use crate::diagnostic::Diagnostic;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::{Bytes, Frame, Incoming};
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE, HOST, LOCATION};
use hyper::{Method, Request, Response, StatusCode};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

/// The site as it is being served.
#[derive(Default)]
pub(crate) struct Snapshot {
    pub files: BTreeMap<String, Arc<Vec<u8>>>,
    /// Problems of the last rebuild; empty when it succeeded.
    pub errors: Vec<Diagnostic>,
}

/// Shared between the watcher, which writes it, and the connections.
pub(crate) struct State {
    pub snapshot: Mutex<Snapshot>,
    /// Bumped at every rebuild, good or bad, so pages know to reload.
    pub generation: tokio::sync::watch::Sender<u64>,
}

pub(crate) type Shared = Arc<State>;

impl State {
    pub(crate) fn new() -> Shared {
        Arc::new(State {
            snapshot: Mutex::new(Snapshot::default()),
            generation: tokio::sync::watch::Sender::new(0),
        })
    }
}

/// Where open pages listen for rebuilds.
pub(crate) const EVENTS: &str = "/__ragtime/events";

/// The snippet injected before `</body>` when serving (never in `build` output).
const RELOAD_SCRIPT: &str = r#"<script>(function(){var seen=null;var s=new EventSource("/__ragtime/events");s.addEventListener("build",function(e){if(seen===null){seen=e.data;}else if(e.data!==seen){location.reload();}});})();</script>"#;

/// The limits of the preview server.
pub(crate) mod limits {
    use std::time::Duration;

    /// The request line and headers together (hyper answers 431 past it).
    pub(crate) const HEAD_BYTES: usize = 16 * 1024;
    /// An address longer than this is answered 414.
    pub(crate) const URL_BYTES: usize = 4 * 1024;
    /// A client must send its request line and headers within this time, also
    /// between requests on a kept-alive connection.
    pub(crate) const HEAD_TIME: Duration = Duration::from_secs(10);
    /// Connections open at once; more wait to be accepted.
    pub(crate) const CONNECTIONS: usize = 512;
    /// How long the accept loop rests when it cannot accept (out of file handles).
    pub(crate) const ACCEPT_PAUSE: Duration = Duration::from_millis(100);
}

type Body = BoxBody<Bytes, Infallible>;

fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).boxed()
}

fn text(status: StatusCode, message: &'static str) -> Response<Body> {
    let mut response = Response::new(full(message));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Whether a `Host` header names this machine: `localhost`, a loopback
/// address, or the address the preview listens on (any of this machine's
/// addresses when it listens on all). A page on another site that has its
/// name pointed at 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
pub(crate) fn allowed_host(host: &str, bound: IpAddr) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inside, port)) if port.is_empty() || port.starts_with(':') => inside,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            Some(_) => return false,
            None => host,
        }
    };
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    name.parse::<IpAddr>()
        .is_ok_and(|ip| ip.is_loopback() || ip == bound || bound.is_unspecified())
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
    // A hidden name (`.public.manifest`, `.git`, `.env`) is never part of a site.
    if inside.split('/').any(|segment| segment.starts_with('.')) {
        return Target::NotFound;
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

/// Answers one request.
pub(crate) fn respond(
    request: &Request<Incoming>,
    shared: &State,
    bound: IpAddr,
) -> Response<Body> {
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| {
            request
                .uri()
                .authority()
                .map(hyper::http::uri::Authority::as_str)
        });
    if !host.is_some_and(|host| allowed_host(host, bound)) {
        return text(
            StatusCode::FORBIDDEN,
            "This preview answers only to localhost and this machine's own addresses.\n",
        );
    }
    if request.uri().to_string().len() > limits::URL_BYTES {
        return text(StatusCode::URI_TOO_LONG, "That address is too long.\n");
    }
    let method = request.method();
    if method != Method::GET && method != Method::HEAD {
        let mut response = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are supported.\n",
        );
        response
            .headers_mut()
            .insert("Allow", HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let url = request
        .uri()
        .path_and_query()
        .map_or("/", hyper::http::uri::PathAndQuery::as_str);
    if url.split('?').next() == Some(EVENTS) {
        return events(shared);
    }
    let (found, errors) = {
        let snapshot = shared
            .snapshot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let found = match target(url, |p| snapshot.files.contains_key(p)) {
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
    match found {
        Err(Some(location)) => {
            let mut response = Response::new(full(Bytes::new()));
            *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
            if let Ok(location) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(LOCATION, location);
            }
            response
        }
        Err(None) => text(StatusCode::FORBIDDEN, "That address is outside the site.\n"),
        Ok((status, path, bytes)) => {
            let mut body = bytes.map_or_else(|| b"Not found\n".to_vec(), |b| b.as_ref().clone());
            let kind = content_type(&path);
            if kind.starts_with("text/html") {
                body = inject(&body, errors.as_deref());
            }
            let mut response = Response::new(full(body));
            *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
            headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            headers.insert(
                "X-Content-Type-Options",
                HeaderValue::from_static("nosniff"),
            );
            response
        }
    }
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

/// A stream of `build` events, one per rebuild, for live reload, with a
/// comment every 15 seconds so a closed connection is noticed. The events are
/// written by a task of their own into a small channel the body reads from;
/// when the page goes away, the body is dropped and the task ends.
fn events(shared: &State) -> Response<Body> {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Bytes>(4);
    let mut generation = shared.generation.subscribe();
    tokio::spawn(async move {
        let first = *generation.borrow_and_update();
        let mut message = format!("retry: 1000\n\nevent: build\ndata: {first}\n\n");
        loop {
            if sender.send(Bytes::from(message)).await.is_err() {
                return;
            }
            message = tokio::select! {
                changed = generation.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    format!("event: build\ndata: {}\n\n", *generation.borrow_and_update())
                }
                () = tokio::time::sleep(Duration::from_secs(15)) => ": keep-alive\n\n".to_owned(),
            };
        }
    });
    let mut response = Response::new(EventBody(receiver).boxed());
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The body of an event stream: whatever the events task sends, as it comes.
struct EventBody(tokio::sync::mpsc::Receiver<Bytes>);

impl hyper::body::Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(context)
            .map(|bytes| bytes.map(|bytes| Ok(Frame::data(bytes))))
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
    fn hidden_names_are_never_served() {
        let everything = |_: &str| true;
        for url in [
            "/.public.manifest",
            "/.public.spare/index.html",
            "/.env",
            "/%2egit/config",
            "/assets/.hidden/x.css",
            "/plans/.x/",
            "/.well-known",
        ] {
            assert_eq!(target(url, everything), Target::NotFound, "{url}");
        }
        assert_eq!(
            target("/assets/style.css", everything),
            Target::File("assets/style.css".into())
        );
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
    fn answers_only_to_this_machine() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1:1111",
            "127.0.0.2",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(allowed_host(host, loopback), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.5:1111",
            "[::1",
            "localhost:abc",
            "",
        ] {
            assert!(!allowed_host(host, loopback), "{host}");
        }
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        assert!(allowed_host("192.168.1.5:1111", lan));
        let all: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(allowed_host("10.0.0.7:1111", all));
        assert!(!allowed_host("evil.example", all));
    }

    #[test]
    fn injects_before_body_end() {
        let html = inject(b"<html><body><p>x</p></body></html>", None);
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("EventSource"));
        assert!(html.ends_with("</script></body></html>"));
    }
}

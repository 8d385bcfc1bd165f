//! The preview: the site built into memory and served on loopback, what an
//! edit touches rebuilt, open pages reloaded, and content errors shown in the
//! page while the last good site stays up.

pub(crate) mod http;

use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::load::Cache;
use crate::output::record::{key, Record};
use crate::pipeline::build::record;
use crate::pipeline::check::{check_with, Strictness};
use crate::preview::http::{limits, Shared, State};
use crate::render::jobs::{jobs, Job};
use crate::render::links::Links;
use crate::render::pages::render_jobs;
use crate::render::theme::Theme;
use crate::render::Renderer;
use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one rebuild did.
#[derive(Clone, Debug, Default)]
pub struct Rebuilt {
    pub files_read: usize,
    /// The files rendered, by path.
    pub rendered: Vec<String>,
    pub removed: usize,
    pub total: usize,
    pub full: bool,
}

/// The theme in use, with the build key it gives (see [`key`]).
struct LoadedTheme {
    theme: Theme,
    name: Option<String>,
    key: String,
}

/// The incremental builder: parsed files, rendered pages, and the record of
/// what each page read, which decides what an edit re-renders by the same rule
/// as `build`.
pub struct Session {
    root: PathBuf,
    base_url: String,
    cache: Cache,
    theme: Option<LoadedTheme>,
    theme_dirty: bool,
    record: Option<Record>,
    files: BTreeMap<String, Arc<Vec<u8>>>,
}

impl Session {
    /// A session that renders links for `base_url` (the preview's own address).
    pub fn new(root: &Path, base_url: &str) -> Session {
        Session {
            root: root.to_path_buf(),
            base_url: base_url.to_owned(),
            cache: Cache::default(),
            theme: None,
            theme_dirty: true,
            record: None,
            files: BTreeMap::new(),
        }
    }

    pub fn files(&self) -> &BTreeMap<String, Arc<Vec<u8>>> {
        &self.files
    }

    /// Forgets every parsed file, so the next rebuild reads them all.
    pub(crate) fn forget_everything(&mut self) {
        self.cache = Cache::default();
    }

    /// Tells the session these files changed (from the watcher).
    pub fn changed(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.cache.forget(path);
            // The theme, the logo (any file outside content/) and site.yaml
            // (which names the theme and the logo) make the theme load again.
            if !path.starts_with(self.root.join("content")) || path.ends_with("site.yaml") {
                self.theme_dirty = true;
            }
        }
    }

    /// Rebuilds what changed since the last call. On error the served files stay as they were.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Vec<Diagnostic>> {
        let checked = check_with(&self.root, &mut self.cache);
        let files_read = self.cache.reparsed.len();
        if !checked.passes(Strictness::Lenient) {
            return Err(checked
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect());
        }
        let Some(mut site) = checked.site else {
            return Err(Vec::new());
        };
        site.config.base_url.clone_from(&self.base_url);

        let name = site.config.theme.clone();
        if self.theme_dirty || self.theme.as_ref().is_none_or(|t| t.name != name) {
            let theme = Theme::for_site(&self.root, &site, &Links::new(&self.base_url).asset(""))?;
            let key = key(theme.fingerprint, &self.base_url);
            self.theme = Some(LoadedTheme { theme, name, key });
            self.theme_dirty = false;
        }
        let Some(loaded) = &self.theme else {
            return Err(Vec::new());
        };

        let facts = Facts::new(&site);
        let all = jobs(&facts, &loaded.theme);
        let record = record(&facts, &all, loaded.key.clone());
        let rebuild = record.against(self.record.as_ref());
        let wanted: Vec<Job> = all
            .iter()
            .filter(|job| {
                let path = job.path();
                rebuild.must_render(&path, || self.files.contains_key(&path))
            })
            .cloned()
            .collect();
        let full = rebuild.everything();
        let outputs = render_jobs(&Renderer::new(&facts, &loaded.theme), &all, &wanted)
            .map_err(|d| vec![d])?;
        let rendered = outputs.iter().map(|o| o.path.clone()).collect();
        let before = self.files.len();
        self.files.retain(|path, _| record.pages.contains_key(path));
        let removed = before - self.files.len();
        for output in outputs {
            self.files.insert(output.path, Arc::new(output.bytes));
        }
        self.record = Some(record);
        Ok(Rebuilt {
            files_read,
            rendered,
            removed,
            total: self.files.len(),
            full,
        })
    }
}

/// Options for the preview server.
pub(crate) struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

/// Finds the port to listen on: the one asked for, or the next free one.
fn listen(bind: IpAddr, port: u16) -> std::io::Result<TcpListener> {
    if port == 0 {
        return TcpListener::bind(SocketAddr::new(bind, 0));
    }
    let mut last = None;
    for candidate in port..port.saturating_add(50) {
        match TcpListener::bind(SocketAddr::new(bind, candidate)) {
            Ok(listener) => return Ok(listener),
            Err(error) => last = Some(error),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free port")))
}

/// Runs the preview until the process is stopped.
pub(crate) fn serve(options: &Options) -> Result<(), String> {
    let listener = listen(options.bind, options.port).map_err(|e| {
        format!(
            "cannot listen on {} port {}: {e}",
            options.bind, options.port
        )
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot find the address listened on: {e}"))?;
    if options.port != 0 && address.port() != options.port {
        println!(
            "port {} is in use; using {} instead",
            options.port,
            address.port()
        );
    }
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the preview reachable from other machines; use it only on a network you trust",
            options.bind
        );
    }
    let host = match address.ip() {
        ip if ip.is_unspecified() => "127.0.0.1".to_owned(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", address.port());

    // Watch before the first build, so no edit made from now on is missed. The
    // site folder itself is watched too (not its insides), so a content/ that
    // is deleted and put back is noticed and watched again.
    let (sender, receiver) = std::sync::mpsc::channel();
    let watching =
        |e: notify::Error| format!("cannot watch {} for edits: {e}", options.root.display());
    let mut debouncer =
        notify_debouncer_full::new_debouncer(Duration::from_millis(20), None, sender)
            .map_err(watching)?;
    debouncer
        .watch(&options.root, notify::RecursiveMode::NonRecursive)
        .map_err(watching)?;
    debouncer
        .watch(
            options.root.join("content"),
            notify::RecursiveMode::Recursive,
        )
        .map_err(watching)?;
    let themes = options.root.join("themes");
    if themes.is_dir() {
        debouncer
            .watch(&themes, notify::RecursiveMode::Recursive)
            .map_err(watching)?;
    }

    let shared = State::new();
    let mut session = Session::new(&options.root, &url);
    let started = Instant::now();
    publish(&shared, &mut session, started);

    let serving = |e: std::io::Error| format!("cannot start serving: {e}");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(serving)?;
    listener.set_nonblocking(true).map_err(serving)?;
    let listener = {
        let _entered = runtime.enter();
        tokio::net::TcpListener::from_std(listener).map_err(serving)?
    };
    println!(
        "serving {} at {url} (press Ctrl+C to stop)",
        options.root.display()
    );
    if options.open {
        open_browser(&url);
    }
    {
        let shared = Arc::clone(&shared);
        let bound = options.bind;
        std::thread::spawn(move || runtime.block_on(accept(listener, shared, bound)));
    }
    rebuild_on_change(&receiver, &shared, &mut session, &mut debouncer);
    drop(debouncer);
    Ok(())
}

/// Accepts connections for ever: at most [`limits::CONNECTIONS`] at once
/// (the others wait in the system's queue), and an error (such as running out
/// of file handles) only pauses the loop, never ends it.
async fn accept(listener: tokio::net::TcpListener, shared: Shared, bound: IpAddr) {
    let permits = Arc::new(tokio::sync::Semaphore::new(limits::CONNECTIONS));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits::HEAD_TIME)
        .max_buf_size(limits::HEAD_BYTES);
    let builder = Arc::new(builder);
    let mut told = false;
    loop {
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                if !told {
                    eprintln!("cannot accept a connection ({error}); the preview keeps trying");
                    told = true;
                }
                tokio::time::sleep(limits::ACCEPT_PAUSE).await;
                continue;
            }
        };
        told = false;
        let shared = Arc::clone(&shared);
        let builder = Arc::clone(&builder);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let response = http::respond(&request, &shared, bound);
                async move { Ok::<_, std::convert::Infallible>(response) }
            });
            let _ = builder
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// Rebuilds and publishes the result, printing what happened.
fn publish(shared: &State, session: &mut Session, started: Instant) {
    let result = session.rebuild();
    let mut snapshot = shared
        .snapshot
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match result {
        Ok(rebuilt) => {
            snapshot.files.clone_from(session.files());
            snapshot.errors.clear();
            println!(
                "rebuilt {} of {} files ({} read{}) in {} ms",
                rebuilt.rendered.len(),
                rebuilt.total,
                rebuilt.files_read,
                if rebuilt.full { ", full" } else { "" },
                started.elapsed().as_millis()
            );
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}\n");
            }
            eprintln!("the site has errors; the last good version is still served");
            snapshot.errors = errors;
        }
    }
    drop(snapshot);
    shared.generation.send_modify(|generation| *generation += 1);
}

/// Rebuilds after each burst of changes, until the watcher stops.
fn rebuild_on_change(
    receiver: &std::sync::mpsc::Receiver<notify_debouncer_full::DebounceEventResult>,
    shared: &State,
    session: &mut Session,
    debouncer: &mut notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
) {
    let content = session.root.join("content");
    let themes = session.root.join("themes");
    let mut watching = true;
    for events in receiver {
        let started = Instant::now();
        let Ok(events) = events else { continue };
        // Reading files raises access events; only writes, creations, removals and renames matter.
        let paths: Vec<PathBuf> = events
            .iter()
            .filter(|event| !matches!(event.kind, notify::EventKind::Access(_)))
            .flat_map(|event| event.paths.iter().cloned())
            // The site folder is watched for content/ only; a build beside it is not an edit.
            .filter(|path| path.starts_with(&content) || path.starts_with(&themes))
            .collect();
        if paths.is_empty() {
            continue;
        }
        // A content/ deleted loses its watch; one put back is watched again,
        // and read whole (files put in before the watch were not seen).
        let present = content.is_dir();
        if present && (!watching || paths.contains(&content)) {
            let _ = debouncer.unwatch(&content);
            watching = debouncer
                .watch(&content, notify::RecursiveMode::Recursive)
                .is_ok();
            session.forget_everything();
        } else if !present {
            watching = false;
        }
        session.changed(&paths);
        publish(shared, session, started);
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        eprintln!("could not open a browser; visit {url}");
    }
}

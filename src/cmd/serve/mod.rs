//! `ragtime serve`: build into memory, serve it on loopback, rebuild what an edit
//! touches, reload open pages, and show content errors in the page while the last
//! good site stays up.

pub mod http;

use crate::cmd::check::Checked;
use crate::cmd::serve::http::{Shared, Snapshot};
use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::load::{load_with, Cache};
use crate::model::site::Site;
use crate::output::Reads;
use crate::render::pages::{jobs, render_jobs, Job};
use crate::render::theme::Theme;
use crate::render::Renderer;
use crate::resolve::resolve;
use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What one rebuild did.
#[derive(Clone, Debug, Default)]
pub struct Rebuilt {
    pub files_read: usize,
    pub rendered: usize,
    pub removed: usize,
    pub total: usize,
    pub full: bool,
}

/// The incremental builder: parsed files, rendered pages and what each page read.
pub struct Session {
    root: PathBuf,
    base_url: String,
    cache: Cache,
    theme: Option<Theme>,
    theme_dirty: bool,
    site: Option<Site>,
    jobs: Vec<Job>,
    reads: BTreeMap<String, Reads>,
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
            site: None,
            jobs: Vec::new(),
            reads: BTreeMap::new(),
            files: BTreeMap::new(),
        }
    }

    pub fn files(&self) -> &BTreeMap<String, Arc<Vec<u8>>> {
        &self.files
    }

    /// Tells the session these files changed (from the watcher).
    pub fn changed(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.cache.forget(path);
            if path.starts_with(self.root.join("themes")) {
                self.theme_dirty = true;
            }
        }
    }

    /// Rebuilds what changed since the last call. On error the served files stay as they were.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Vec<Diagnostic>> {
        let (content, mut diagnostics) = load_with(&self.root, &mut self.cache);
        let files_read = self.cache.reparsed.len();
        let site_source = content.site.as_ref().map(|s| s.source.text.clone());
        let (site, more) = resolve(content);
        diagnostics.extend(more);
        let checked = Checked { site, diagnostics };
        if !checked.passes(false) {
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

        let settings_changed =
            self.site.as_ref().map(|s| &s.config) != Some(&site.config) || site_source.is_none();
        if self.theme_dirty || self.theme.is_none() {
            self.theme = Some(Theme::load(&self.root, site.config.theme.as_deref())?);
            self.theme_dirty = false;
            self.site = None; // everything reads the theme
        }
        let Some(theme) = &self.theme else {
            return Err(Vec::new());
        };

        let changed = changed_documents(self.site.as_ref(), &site);
        let facts = Facts::new(&site);
        let all = jobs(&facts, theme);
        let full = self.site.is_none() || settings_changed || changed.is_none();
        let new_reads: BTreeMap<String, Reads> =
            all.iter().map(|j| (j.path(), j.reads(&facts))).collect();
        let wanted: Vec<Job> = all
            .iter()
            .filter(|job| {
                let path = job.path();
                full || !self.files.contains_key(&path)
                    || changed.as_ref().is_some_and(|changed| {
                        new_reads[&path].touches(changed)
                            || self
                                .reads
                                .get(&path)
                                .is_some_and(|old| old.touches(changed))
                    })
            })
            .cloned()
            .collect();
        let renderer = Renderer::new(&facts, theme);
        let outputs = render_jobs(&renderer, &all, &wanted).map_err(|d| vec![d])?;
        let count = outputs.len();
        let paths: BTreeSet<String> = new_reads.keys().cloned().collect();
        let before = self.files.len();
        self.files.retain(|path, _| paths.contains(path));
        let removed = before - self.files.len();
        for output in outputs {
            self.files.insert(output.path, Arc::new(output.bytes));
        }
        self.reads = new_reads;
        self.jobs = all;
        self.site = Some(site);
        Ok(Rebuilt {
            files_read,
            rendered: count,
            removed,
            total: self.files.len(),
            full,
        })
    }
}

/// Ids of documents that differ between two versions of the site; `None` when a
/// document was added or removed (links and lists everywhere may change).
fn changed_documents(old: Option<&Site>, new: &Site) -> Option<BTreeSet<String>> {
    let old = old?;
    if old.pages != new.pages {
        return None; // every page's footer lists the plain pages
    }
    let mut changed = BTreeSet::new();
    compare(&old.plans, &new.plans, |p| p.id.as_str(), &mut changed)?;
    compare(
        &old.inspections,
        &new.inspections,
        |i| i.id.as_str(),
        &mut changed,
    )?;
    compare(
        &old.briefings,
        &new.briefings,
        |b| b.id.as_str(),
        &mut changed,
    )?;
    Some(changed)
}

/// Adds to `changed` the ids whose documents differ; `None` when the set of ids differs.
fn compare<T: PartialEq>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    changed: &mut BTreeSet<String>,
) -> Option<()> {
    let old_ids: BTreeSet<&str> = old.iter().map(&id).collect();
    let new_ids: BTreeSet<&str> = new.iter().map(&id).collect();
    if old_ids != new_ids {
        return None;
    }
    for item in new {
        let before = old.iter().find(|o| id(o) == id(item));
        if before != Some(item) {
            changed.insert(id(item).to_owned());
        }
    }
    Some(())
}

/// Options for the preview server.
pub struct Options {
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
pub fn serve(options: &Options) -> anyhow::Result<()> {
    let listener = listen(options.bind, options.port)?;
    let address = listener.local_addr()?;
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

    // Watch before the first build, so no edit made from now on is missed.
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut debouncer =
        notify_debouncer_full::new_debouncer(Duration::from_millis(20), None, sender)?;
    debouncer.watch(
        options.root.join("content"),
        notify::RecursiveMode::Recursive,
    )?;
    let themes = options.root.join("themes");
    if themes.is_dir() {
        debouncer.watch(&themes, notify::RecursiveMode::Recursive)?;
    }

    let shared: Shared = Arc::new((Mutex::new(Snapshot::default()), Condvar::new()));
    let mut session = Session::new(&options.root, &url);
    let started = Instant::now();
    publish(&shared, &mut session, started);

    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| anyhow::anyhow!("cannot start the server: {e}"))?;
    println!(
        "serving {} at {url} (press Ctrl+C to stop)",
        options.root.display()
    );
    if options.open {
        open_browser(&url);
    }
    let server = Arc::new(server);
    {
        let shared = Arc::clone(&shared);
        let server = Arc::clone(&server);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || http::respond(request, &shared));
            }
        });
    }
    rebuild_on_change(&receiver, &shared, &mut session);
    drop(debouncer);
    Ok(())
}

/// Rebuilds and publishes the result, printing what happened.
fn publish(shared: &Shared, session: &mut Session, started: Instant) {
    let result = session.rebuild();
    let (lock, condvar) = &**shared;
    let mut snapshot = lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match result {
        Ok(rebuilt) => {
            snapshot.files.clone_from(session.files());
            snapshot.errors.clear();
            println!(
                "rebuilt {} of {} files ({} read{}) in {} ms",
                rebuilt.rendered,
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
    snapshot.generation += 1;
    condvar.notify_all();
}

/// Rebuilds after each burst of changes, until the watcher stops.
fn rebuild_on_change(
    receiver: &std::sync::mpsc::Receiver<notify_debouncer_full::DebounceEventResult>,
    shared: &Shared,
    session: &mut Session,
) {
    for events in receiver {
        let started = Instant::now();
        let Ok(events) = events else { continue };
        // Reading files raises access events; only writes, creations, removals and renames matter.
        let paths: Vec<PathBuf> = events
            .iter()
            .filter(|event| !matches!(event.kind, notify::EventKind::Access(_)))
            .flat_map(|event| event.paths.iter().cloned())
            .collect();
        if paths.is_empty() {
            continue;
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

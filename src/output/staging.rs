//! Stage 5: write the site to a folder beside the output, then swap it in, so a
//! failed or interrupted build never leaves a half-written site. Files whose bytes
//! did not change keep their identity (hard-linked from the previous build), so a
//! deploy that compares times ships only what changed. Pages are written as they
//! are rendered, so memory does not grow with the size of the site.

use crate::output::Output;
use crate::text::fingerprint;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// What a write did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub changed: usize,
    /// The files rendered, by path (the others were kept from the previous build unrendered).
    pub rendered: Vec<String>,
}

/// `.<output name>.<suffix>` beside the output folder.
pub(crate) fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// A new version of the output folder being written beside the current one.
pub(crate) struct Staging {
    output: PathBuf,
    folder: PathBuf,
    files: AtomicUsize,
    changed: AtomicUsize,
    /// Size and hash of each file of the current output, from the last build, so
    /// an unchanged file is recognised without reading it back.
    previous: HashMap<String, (u64, u64)>,
    /// When that record was written: a file changed since is read back instead.
    recorded: Option<std::time::SystemTime>,
    written: Mutex<Vec<(String, u64, u64)>>,
}

/// Reads the list of files, sizes and hashes a build leaves beside its output.
fn read_manifest(path: &Path) -> HashMap<String, (u64, u64)> {
    let Ok(text) = fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let size = parts.next()?.parse().ok()?;
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            Some((parts.next()?.to_owned(), (size, hash)))
        })
        .collect()
}

impl Staging {
    /// Starts a new version of `output` (which is left alone until [`Staging::commit`]).
    pub(crate) fn begin(output: &Path) -> io::Result<Staging> {
        let staging = sibling(output, "new");
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir_all(&staging)?;
        Ok(Staging {
            output: output.to_path_buf(),
            folder: staging,
            files: AtomicUsize::new(0),
            changed: AtomicUsize::new(0),
            previous: read_manifest(&sibling(output, "manifest")),
            recorded: fs::metadata(sibling(output, "manifest"))
                .and_then(|m| m.modified())
                .ok(),
            written: Mutex::new(Vec::new()),
        })
    }

    /// Adds one file; safe to call from several threads.
    pub(crate) fn put(&self, file: &Output) -> io::Result<()> {
        let target = self.folder.join(&file.path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let previous = self.output.join(&file.path);
        let size = file.bytes.len() as u64;
        let hash = fingerprint(&file.bytes);
        // Trust the last build's record of a file nobody touched since; read it back otherwise.
        let unchanged = match self.as_recorded(&file.path) {
            Some(recorded) => recorded == (size, hash),
            None => fs::read(&previous).is_ok_and(|bytes| bytes == file.bytes),
        };
        self.record(&file.path, size, hash);
        if !(unchanged && fs::hard_link(&previous, &target).is_ok()) {
            fs::write(&target, &file.bytes)?;
            self.changed.fetch_add(1, Ordering::Relaxed);
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Adds the previous build's copy of `path`, hard-linked, when the last build
    /// recorded it and nobody changed it since. False when it cannot: the file
    /// must be rendered instead.
    pub(crate) fn keep(&self, path: &str) -> bool {
        let Some((size, hash)) = self.as_recorded(path) else {
            return false;
        };
        let previous = self.output.join(path);
        let target = self.folder.join(path);
        let linked = target
            .parent()
            .is_none_or(|parent| fs::create_dir_all(parent).is_ok())
            && fs::hard_link(&previous, &target).is_ok();
        if linked {
            self.record(path, size, hash);
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        linked
    }

    /// The size and hash the last build recorded for `path`, when the file is
    /// still there at that size and nobody changed it since.
    fn as_recorded(&self, path: &str) -> Option<(u64, u64)> {
        let &(size, hash) = self.previous.get(path)?;
        let metadata = fs::metadata(self.output.join(path)).ok()?;
        let untouched = metadata
            .modified()
            .ok()
            .zip(self.recorded)
            .is_some_and(|(modified, recorded)| modified <= recorded);
        (untouched && metadata.len() == size).then_some((size, hash))
    }

    /// Notes a file of the new version for the next build's manifest.
    fn record(&self, path: &str, size: u64, hash: u64) {
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_owned(), size, hash));
    }

    /// Replaces the output folder with the new version.
    pub(crate) fn commit(self) -> io::Result<Written> {
        let old = sibling(&self.output, "old");
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        if self.output.exists() {
            fs::rename(&self.output, &old)?;
        }
        if let Err(error) = fs::rename(&self.folder, &self.output) {
            // Put the previous site back rather than leave none.
            if old.exists() {
                let _ = fs::rename(&old, &self.output);
            }
            return Err(error);
        }
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        let mut manifest = self
            .written
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        manifest.sort();
        let mut text = String::new();
        for (path, size, hash) in &manifest {
            text.push_str(&format!("{size} {hash:016x} {path}\n"));
        }
        // Only an optimisation: without it the next build reads files back instead.
        let _ = fs::write(sibling(&self.output, "manifest"), text);
        Ok(Written {
            files: self.files.load(Ordering::Relaxed),
            changed: self.changed.load(Ordering::Relaxed),
            rendered: Vec::new(),
        })
    }

    /// Throws the new version away; the output folder stays as it was.
    pub(crate) fn abort(self) {
        let _ = fs::remove_dir_all(&self.folder);
    }
}

//! Stage 5: write the site to a folder beside the output, then swap it in, so a
//! failed or interrupted build never leaves a half-written site. Files whose bytes
//! did not change keep their identity (hard-linked from the previous build), so a
//! deploy that compares times ships only what changed. Pages are written as they
//! are rendered, so memory does not grow with the size of the site. Every file
//! and folder written is synced to disk before the swap, so a power cut after
//! it cannot leave empty files behind a published site.

use crate::output::safely::sync_folder;
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
    /// Size, hash and identity of each file of the current output, from the
    /// last build, so an unchanged file is recognised without reading it back.
    previous: HashMap<String, (u64, u64, Identity)>,
    written: Mutex<Vec<(String, u64, u64)>>,
}

/// What a copy of a file cannot keep: its inode and the time its inode last
/// changed (on Unix). A file restored from a backup (`cp -a` keeps sizes and
/// modification times) or edited in place no longer matches, and is read
/// back or rendered again rather than trusted.
type Identity = (u64, i64, i64);

#[cfg(unix)]
fn identity(metadata: &fs::Metadata) -> Identity {
    use std::os::unix::fs::MetadataExt;
    (metadata.ino(), metadata.ctime(), metadata.ctime_nsec())
}

#[cfg(not(unix))]
fn identity(metadata: &fs::Metadata) -> Identity {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    (
        0,
        i64::try_from(modified.as_secs()).unwrap_or(-1),
        i64::from(modified.subsec_nanos()),
    )
}

const MANIFEST: &str = "ragtime manifest 2";

/// Reads the list of files, sizes, hashes and identities a build leaves
/// beside its output; empty when there is none or it is of another kind.
fn read_manifest(path: &Path) -> HashMap<String, (u64, u64, Identity)> {
    let Ok(text) = fs::read_to_string(path) else {
        return HashMap::new();
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST) {
        return HashMap::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(6, ' ');
            let size = parts.next()?.parse().ok()?;
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let inode = parts.next()?.parse().ok()?;
            let changed = parts.next()?.parse().ok()?;
            let nanos = parts.next()?.parse().ok()?;
            Some((
                parts.next()?.to_owned(),
                (size, hash, (inode, changed, nanos)),
            ))
        })
        .collect()
}

/// Makes every file and folder written under `folder` reach the disk. On
/// Linux one `syncfs` flushes the whole file system in a single pass: syncing
/// each of thousands of files one by one waits for the disk thousands of
/// times, and cost a full build most of its wall time.
#[cfg(target_os = "linux")]
fn sync_tree(folder: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let handle = fs::File::open(folder)?;
    // SAFETY: `syncfs` only reads the descriptor, which `handle` keeps open.
    if unsafe { libc::syncfs(handle.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Makes every file and folder written under `folder` reach the disk, one by one.
#[cfg(not(target_os = "linux"))]
fn sync_tree(folder: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(folder) {
        let entry = entry.map_err(io::Error::other)?;
        fs::File::open(entry.path())?.sync_all()?;
    }
    Ok(())
}

/// Stops the build here, as a kill would, when a test asks for it (debug builds only).
fn fault(point: &str) {
    if cfg!(debug_assertions)
        && std::env::var_os("RAGTIME_TEST_FAULT").is_some_and(|wanted| wanted == point)
    {
        std::process::exit(137);
    }
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
    /// still the very file it wrote (same inode, unchanged since) at that size.
    fn as_recorded(&self, path: &str) -> Option<(u64, u64)> {
        let &(size, hash, recorded) = self.previous.get(path)?;
        let metadata = fs::symlink_metadata(self.output.join(path)).ok()?;
        (metadata.is_file() && identity(&metadata) == recorded && metadata.len() == size)
            .then_some((size, hash))
    }

    /// Notes a file of the new version for the next build's manifest.
    fn record(&self, path: &str, size: u64, hash: u64) {
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_owned(), size, hash));
    }

    /// Replaces the output folder with the new version: syncs everything in
    /// it to disk, moves the current output aside, moves the new one in, syncs the
    /// parent folder, and only then removes the old. A build stopped between
    /// the two moves leaves the old site beside the output, and the next build
    /// puts it back first (see [`crate::output::folder::recover`]).
    pub(crate) fn commit(self) -> io::Result<Written> {
        sync_tree(&self.folder)?;
        let old = sibling(&self.output, "old");
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        let had = fs::symlink_metadata(&self.output).is_ok();
        if had {
            fs::rename(&self.output, &old)?;
        }
        fault("between-renames");
        if let Err(error) = fs::rename(&self.folder, &self.output) {
            // Put the previous site back rather than leave none.
            if had && fs::rename(&old, &self.output).is_err() {
                return Err(io::Error::other(format!(
                    "{error}; the previous site is in {}, and the next build puts it back",
                    old.display()
                )));
            }
            return Err(error);
        }
        sync_folder(self.output.parent());
        if had {
            fs::remove_dir_all(&old)?;
        }
        let mut manifest = self
            .written
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        manifest.sort();
        let mut text = format!("{MANIFEST}\n");
        for (path, size, hash) in &manifest {
            // Read now: linking and unlinking (above) change a file's inode time.
            let Ok(metadata) = fs::symlink_metadata(self.output.join(path)) else {
                continue;
            };
            let (inode, changed, nanos) = identity(&metadata);
            text.push_str(&format!(
                "{size} {hash:016x} {inode} {changed} {nanos} {path}\n"
            ));
        }
        // Only an optimisation: without it the next build reads files back instead.
        let _ = crate::output::safely::write_safely(
            &sibling(&self.output, "manifest"),
            text.as_bytes(),
        );
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

//! Stage 5: publish a build by swapping it with the output in one step, so a
//! failed or interrupted build never leaves a half-written site, at a cost
//! that follows the files that changed rather than the size of the site.
//!
//! A spare copy of the site sits beside the output (`.public.spare`): the site
//! as it was before the last build, where every file that did not change since
//! is a hard link of the live file (so it costs no disk). A build brings the
//! spare up to the new site in place, touching only the paths whose bytes
//! differ: a new file is written under a temporary name and renamed over (never
//! written in place: its old inode may be the live file's), an unchanged file
//! the spare does not share is linked from the live tree, and anything else in
//! the spare is removed. Everything is synced to disk, then the spare and the
//! output are exchanged in one `renameat2(RENAME_EXCHANGE)`: a reader sees the
//! old tree or the new one, and there is never a moment with no site. The old
//! tree is the next build's spare. Where the exchange is not supported, two
//! renames do it, and the next build puts the old site back if a build was
//! stopped between them (see [`crate::output::folder::recover`]).
//!
//! The spare is never trusted for its bytes: a spare file is kept only when it
//! is the very inode of a live file that is itself still the file the last
//! build recorded (see [`Staging::verified`]); every other file is replaced.
//! So a build killed while updating the spare, or a file edited in it by hand,
//! costs the next build some links, never a wrong page. Files whose bytes did
//! not change keep their identity (the live file's inode), so a deploy that
//! compares times ships only what changed. Pages are written as they are
//! rendered, so memory does not grow with the size of the site.

use crate::output::safely::sync_folder;
use crate::render::Output;
use crate::text::fingerprint;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write as _};
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

/// Stops the build here, as a kill would, when a test asks for it with
/// `RAGTIME_TEST_FAULT` (in every build, so a release build is tested the same).
fn fault(point: &str) {
    if std::env::var_os("RAGTIME_TEST_FAULT").is_some_and(|wanted| wanted == point) {
        std::process::exit(137);
    }
}

/// Whether two files are one (the same inode of the same file system).
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Without inodes to compare, no spare file is ever taken for a live one.
#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Removes from `folder` (the spare, or a folder in it at `prefix`) every
/// entry that is not a file of `site`: files of pages the site no longer has,
/// temporary files of a stopped build, links and anything put there by hand,
/// and the folders that leaves empty. True when `folder` is left empty. Reads
/// folders only (their entries' kinds come with the names), never each file.
fn prune(folder: &Path, prefix: &str, site: &HashSet<&str>) -> io::Result<bool> {
    let mut empty = true;
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name();
        let path = match (name.to_str(), prefix) {
            (Some(name), "") => name.to_owned(),
            (Some(name), prefix) => format!("{prefix}/{name}"),
            // Never a page's name.
            (None, _) => String::new(),
        };
        let kind = entry.file_type()?;
        if kind.is_dir() && !path.is_empty() {
            if prune(&entry.path(), &path, site)? {
                fs::remove_dir(entry.path())?;
            } else {
                empty = false;
            }
        } else if kind.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else if kind.is_file() && site.contains(path.as_str()) {
            empty = false;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(empty)
}

/// Whether the swap is to use the two renames of a system without an
/// exchange, when a test asks for them, or stops a build between them.
fn renames_wanted() -> bool {
    std::env::var_os("RAGTIME_TEST_FAULT")
        .is_some_and(|wanted| wanted == "between-renames" || wanted == "no-exchange")
}

/// Exchanges two folders in one step. False when the system or its file
/// system cannot (nothing was moved then).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    if renames_wanted() {
        return Ok(false);
    }
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        return Ok(true);
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

/// Exchanges two folders in one step: not on this system.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// The next version of the output folder, being made in the spare beside it.
pub(crate) struct Staging {
    output: PathBuf,
    spare: PathBuf,
    files: AtomicUsize,
    changed: AtomicUsize,
    /// Files placed in the spare so far (for a test's fault point).
    placed: AtomicUsize,
    /// Size, hash and identity of each file of the current output, from the
    /// last build, so an unchanged file is recognised without reading it back.
    previous: HashMap<String, (u64, u64, Identity)>,
    /// Each file of the new version: its size, hash, and identity as it will
    /// be in the output (the swap moves folders, and changes no file's).
    written: Mutex<Vec<(String, u64, u64, Identity)>>,
}

impl Staging {
    /// Starts the next version of `output`, a site of the files `site`, in
    /// the spare beside it (`output` is left alone until [`Staging::commit`]):
    /// clears from the spare whatever is not a file of the site. Call with the lock held.
    pub(crate) fn begin<'p>(
        output: &Path,
        site: impl IntoIterator<Item = &'p str>,
    ) -> io::Result<Staging> {
        let spare = sibling(output, "spare");
        // Left by an older ragtime, which wrote each site into a folder of its own.
        let new = sibling(output, "new");
        if fs::symlink_metadata(&new).is_ok() {
            fs::remove_dir_all(&new)?;
        }
        // With the output in place (see `recover`), the site before it, stopped
        // before it became the spare: as good a spare as any.
        let old = sibling(output, "old");
        if fs::symlink_metadata(&old).is_ok() {
            if fs::symlink_metadata(&spare).is_err() {
                fs::rename(&old, &spare)?;
            } else {
                fs::remove_dir_all(&old)?;
            }
        }
        match fs::symlink_metadata(&spare) {
            Ok(metadata) if metadata.is_dir() => {
                prune(&spare, "", &site.into_iter().collect())?;
            }
            Ok(_) => {
                fs::remove_file(&spare)?;
                fs::create_dir(&spare)?;
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => fs::create_dir(&spare)?,
            Err(error) => return Err(error),
        }
        Ok(Staging {
            output: output.to_path_buf(),
            spare,
            files: AtomicUsize::new(0),
            changed: AtomicUsize::new(0),
            placed: AtomicUsize::new(0),
            previous: read_manifest(&sibling(output, "manifest")),
            written: Mutex::new(Vec::new()),
        })
    }

    /// Adds one file; safe to call from several threads.
    pub(crate) fn put(&self, file: &Output) -> io::Result<()> {
        let size = file.bytes.len() as u64;
        let hash = fingerprint(&file.bytes);
        let live = self.output.join(&file.path);
        // Trust the last build's record of a file nobody touched since; read it back otherwise.
        let unchanged = match self.verified(&file.path) {
            Some((recorded_size, recorded_hash, metadata)) => {
                ((recorded_size, recorded_hash) == (size, hash)).then_some(metadata)
            }
            None => fs::read(&live)
                .is_ok_and(|bytes| bytes == file.bytes)
                .then(|| fs::symlink_metadata(&live).ok())
                .flatten()
                .filter(fs::Metadata::is_file),
        };
        let shared = unchanged.and_then(|metadata| self.share(&file.path, &metadata));
        let identity = if let Some(identity) = shared {
            identity
        } else {
            self.changed.fetch_add(1, Ordering::Relaxed);
            self.place(&file.path, |temporary| {
                let mut new = fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(temporary)?;
                new.write_all(&file.bytes)
            })?
        };
        self.record(&file.path, size, hash, identity);
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Adds the current output's copy of `path` when the last build recorded
    /// it and nobody changed it since. False when it cannot: the file must be
    /// rendered instead.
    pub(crate) fn keep(&self, path: &str) -> bool {
        let Some((size, hash, metadata)) = self.verified(path) else {
            return false;
        };
        let Some(identity) = self.share(path, &metadata) else {
            return false;
        };
        self.record(path, size, hash, identity);
        self.files.fetch_add(1, Ordering::Relaxed);
        true
    }

    /// Makes the spare's `path` the live file `live` (its metadata), unless it
    /// already is: a hard link, so it keeps its bytes, times and inode. The
    /// identity it has then; `None` when it cannot be linked.
    fn share(&self, path: &str, live: &fs::Metadata) -> Option<Identity> {
        if let Ok(spare) = fs::symlink_metadata(self.spare.join(path)) {
            if spare.is_file() && same_file(&spare, live) {
                // The spare already shares it, and nothing changes its links.
                return Some(identity(&spare));
            }
        }
        self.place(path, |temporary| {
            fs::hard_link(self.output.join(path), temporary)
        })
        .ok()
    }

    /// Puts a file at `path` in the spare: `make` creates it under a temporary
    /// name beside it, which is then renamed over whatever is there, so no file
    /// the spare shares with the output is ever written into. Its identity then.
    fn place(
        &self,
        path: &str,
        make: impl FnOnce(&Path) -> io::Result<()>,
    ) -> io::Result<Identity> {
        let target = self.spare.join(path);
        let folder = target.parent().unwrap_or(&self.spare);
        fs::create_dir_all(folder)?;
        let name = target
            .file_name()
            .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
        let temporary = folder.join(format!(".{name}.ragtime-new"));
        // One left by a stopped build may be a link of a live file: never open it.
        match fs::remove_file(&temporary) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
        let placed = make(&temporary).and_then(|()| fs::rename(&temporary, &target));
        if placed.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        placed?;
        if self.placed.fetch_add(1, Ordering::Relaxed) == 1 {
            fault("while-updating-spare");
        }
        // Read now: linking a file changes its inode time.
        fs::symlink_metadata(&target).map(|metadata| identity(&metadata))
    }

    /// The size and hash the last build recorded for `path`, and the file's
    /// metadata, when the live file is still the very file it wrote (same
    /// inode, unchanged since) at that size.
    fn verified(&self, path: &str) -> Option<(u64, u64, fs::Metadata)> {
        let &(size, hash, recorded) = self.previous.get(path)?;
        let metadata = fs::symlink_metadata(self.output.join(path)).ok()?;
        (metadata.is_file() && identity(&metadata) == recorded && metadata.len() == size)
            .then_some((size, hash, metadata))
    }

    /// Notes a file of the new version for the next build's manifest.
    fn record(&self, path: &str, size: u64, hash: u64, identity: Identity) {
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_owned(), size, hash, identity));
    }

    /// Replaces the output folder with the new version: syncs the spare to
    /// disk, exchanges it with the output (the old site becomes the spare),
    /// syncs the parent folder, and writes the manifest of the new output.
    pub(crate) fn commit(self) -> io::Result<Written> {
        sync_tree(&self.spare)?;
        if fs::symlink_metadata(&self.output).is_err() {
            // The first build: nothing to swap with, and no spare after it.
            fs::rename(&self.spare, &self.output)?;
        } else if !exchange(&self.spare, &self.output)? {
            self.rename_in()?;
        }
        sync_folder(self.output.parent());
        let mut manifest = self
            .written
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        manifest.sort();
        let mut text = format!("{MANIFEST}\n");
        for (path, size, hash, (inode, changed, nanos)) in &manifest {
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

    /// The swap without an exchange: the output moves aside, the spare moves
    /// in, and the old site becomes the spare. A build stopped between the
    /// first two moves leaves the old site beside the output, and the next
    /// build puts it back first (see [`crate::output::folder::recover`]).
    fn rename_in(&self) -> io::Result<()> {
        let old = sibling(&self.output, "old");
        fs::rename(&self.output, &old)?;
        fault("between-renames");
        if let Err(error) = fs::rename(&self.spare, &self.output) {
            // Put the previous site back rather than leave none.
            if fs::rename(&old, &self.output).is_err() {
                return Err(io::Error::other(format!(
                    "{error}; the previous site is in {}, and the next build puts it back",
                    old.display()
                )));
            }
            return Err(error);
        }
        // If this fails, the next build makes the old site its spare.
        let _ = fs::rename(&old, &self.spare);
        Ok(())
    }
}

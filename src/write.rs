//! Stage 5: write the site to a folder beside the output, then swap it in, so a
//! failed or interrupted build never leaves a half-written site. Files whose bytes
//! did not change keep their identity (hard-linked from the previous build), so a
//! deploy that compares times ships only what changed. Pages are written as they
//! are rendered, so memory does not grow with the size of the site.

use crate::render::Output;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub changed: usize,
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// A new version of the output folder being written beside the current one.
pub struct Staging {
    output: PathBuf,
    folder: PathBuf,
    files: AtomicUsize,
    changed: AtomicUsize,
}

impl Staging {
    /// Starts a new version of `output` (which is left alone until [`Staging::commit`]).
    pub fn begin(output: &Path) -> io::Result<Staging> {
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
        })
    }

    /// Adds one file; safe to call from several threads.
    pub fn put(&self, file: &Output) -> io::Result<()> {
        let target = self.folder.join(&file.path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let previous = self.output.join(&file.path);
        let same_size = fs::metadata(&previous).is_ok_and(|m| m.len() == file.bytes.len() as u64);
        let unchanged = same_size && fs::read(&previous).is_ok_and(|bytes| bytes == file.bytes);
        if !(unchanged && fs::hard_link(&previous, &target).is_ok()) {
            fs::write(&target, &file.bytes)?;
            self.changed.fetch_add(1, Ordering::Relaxed);
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Replaces the output folder with the new version.
    pub fn commit(self) -> io::Result<Written> {
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
        Ok(Written {
            files: self.files.load(Ordering::Relaxed),
            changed: self.changed.load(Ordering::Relaxed),
        })
    }

    /// Throws the new version away; the output folder stays as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.folder);
    }
}

/// Replaces `output` with exactly `files`.
pub fn write_site(output: &Path, files: &[Output]) -> io::Result<Written> {
    let staging = Staging::begin(output)?;
    for file in files {
        if let Err(error) = staging.put(file) {
            staging.abort();
            return Err(error);
        }
    }
    staging.commit()
}

//! Stage 5: write the site to a folder beside the output, then swap it in, so a
//! failed or interrupted build never leaves a half-written site. Files whose bytes
//! did not change keep their identity (hard-linked from the previous build), so a
//! deploy that compares times ships only what changed.

use crate::render::Output;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// Replaces `output` with exactly `files`.
pub fn write_site(output: &Path, files: &[Output]) -> io::Result<Written> {
    let staging = sibling(output, "new");
    let old = sibling(output, "old");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    let result = stage(output, &staging, files);
    let written = match result {
        Ok(written) => written,
        Err(error) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    if output.exists() {
        fs::rename(output, &old)?;
    }
    if let Err(error) = fs::rename(&staging, output) {
        // Put the previous site back rather than leave none.
        if old.exists() {
            let _ = fs::rename(&old, output);
        }
        return Err(error);
    }
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    Ok(written)
}

fn stage(output: &Path, staging: &Path, files: &[Output]) -> io::Result<Written> {
    fs::create_dir_all(staging)?;
    let mut written = Written::default();
    for file in files {
        let target = staging.join(&file.path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let previous = output.join(&file.path);
        let unchanged = fs::read(&previous).is_ok_and(|bytes| bytes == file.bytes);
        if !(unchanged && fs::hard_link(&previous, &target).is_ok()) {
            fs::write(&target, &file.bytes)?;
            written.changed += 1;
        }
        written.files += 1;
    }
    Ok(written)
}

//! The output folder a build publishes into: which folder that really is (a
//! link is followed, never replaced), which folders it may never be (the site's
//! own), whether the folder holding it looks served (the build's records sit
//! there), the lock that lets one build at a time publish there, and putting
//! the previous site back when a build was stopped in the middle of the swap.

use crate::diagnostic::Diagnostic;
use crate::output::safely::sync_folder;
use crate::output::staging::sibling;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The folder to publish into: `output` itself, or the folder a link at
/// `output` points to. Refuses a plain file, a link to nothing, and any folder
/// that is, holds or sits inside the site folder's `content/` or `themes/`, or
/// that holds the site folder itself, so a build can never replace the files it
/// is built from. Nothing is created or moved when it refuses.
pub(crate) fn publish_target(root: &Path, output: &Path) -> Result<PathBuf, String> {
    let shown = output.display();
    let target = match fs::symlink_metadata(output) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = fs::canonicalize(output).map_err(|_| {
                format!(
                    "{shown} is a link to {}, which does not exist; create that folder, or remove the link",
                    fs::read_link(output).map_or_else(|_| "?".into(), |t| t.display().to_string())
                )
            })?;
            if !target.is_dir() {
                return Err(format!(
                    "{shown} is a link to {}, which is not a folder; the link and the file were left as they were",
                    target.display()
                ));
            }
            target
        }
        Ok(meta) if meta.is_dir() => {
            fs::canonicalize(output).map_err(|e| format!("cannot read {shown}: {e}"))?
        }
        Ok(_) => {
            return Err(format!(
                "{shown} is a file, not a folder: the site is published into a folder; the file was left as it was (remove or rename it, or pass --output with a folder)"
            ))
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            let name = output
                .file_name()
                .ok_or_else(|| format!("{shown} cannot be an output folder: give a folder's name, such as public"))?;
            let parent = match output.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            fs::create_dir_all(parent)
                .and_then(|()| fs::canonicalize(parent))
                .map_err(|e| format!("cannot create the folder for {shown}: {e}"))?
                .join(name)
        }
        Err(error) => return Err(format!("cannot read {shown}: {error}")),
    };
    let site = fs::canonicalize(root).map_err(|e| format!("cannot read the site folder: {e}"))?;
    let own = [
        (site.clone(), "the site folder"),
        (resolved(&site.join("content")), "content/"),
        (resolved(&site.join("themes")), "themes/"),
    ];
    for (folder, name) in own {
        let relation = if target == folder {
            "is"
        } else if target.starts_with(&folder) && name != "the site folder" {
            "is inside"
        } else if folder.starts_with(&target) {
            "holds"
        } else {
            continue;
        };
        return Err(format!(
            "{shown} {relation} {name}: publishing there would replace the files the site is built from; nothing was written (use a folder of its own, such as public)"
        ));
    }
    Ok(target)
}

/// The `index.html` of the folder that holds the output `target`: where a web
/// server would find it if that folder were served, and with it the build's
/// records, which [`sibling`] puts there.
pub(crate) fn parent_index(target: &Path) -> Option<PathBuf> {
    target.parent().map(|parent| parent.join("index.html"))
}

/// A warning when the folder holding the output (`target`, named `shown` by
/// the user) holds an `index.html`: a sign that a web server publishes that
/// folder, and so the records a build writes beside the output too.
pub(crate) fn served_parent(target: &Path, shown: &Path) -> Option<Diagnostic> {
    let index = parent_index(target).filter(|index| index.is_file())?;
    let real = index.parent()?;
    // The folder as the user named it, unless that is a link or says nothing ("" or ".").
    let typed = shown
        .parent()
        .filter(|p| !matches!(p.to_str(), Some("" | ".")));
    let linked = fs::symlink_metadata(shown).is_ok_and(|m| m.file_type().is_symlink());
    let folder = match typed {
        Some(typed) if !linked => typed,
        _ => real,
    };
    let output = target.file_name().map(|n| n.to_string_lossy())?;
    let folder_name = folder.display();
    Some(
        Diagnostic::warning(
            folder.join("index.html"),
            format!(
                "{folder_name}/ holds an index.html, so a web server may be publishing it: the records ragtime keeps beside {output}/ (.{output}.manifest, .{output}.record, .{output}.inputs, .{output}.lock, .{output}.spare/) are in {folder_name}/ and would be published too"
            ),
        )
        .hint(format!(
            "have the web server publish {output}/ only (make it the server's folder), or build into a folder whose parent is not published: keep public/ in the site folder and copy it to the server, records left behind (for example `rsync -a --delete public/ <the server's folder>/`)"
        )),
    )
}

/// A path with its links followed, as far as it exists.
fn resolved(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Holds the output folder for this build: an operating-system lock on a file
/// beside it, released when the build ends, however it ends (a killed build's
/// lock goes with its process, so it never blocks the next). A second build
/// waits for the first to finish, then builds: both succeed, one after the other.
pub(crate) struct Lock {
    _file: fs::File,
}

/// Takes the lock of `target`, waiting (and saying so) while another build has it.
pub(crate) fn lock(target: &Path, shown: &Path) -> io::Result<Lock> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(sibling(target, "lock"))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "another ragtime build is publishing into {}; waiting for it to finish",
                shown.display()
            );
            file.lock()?;
        }
        Err(fs::TryLockError::Error(error)) => return Err(error),
    }
    Ok(Lock { _file: file })
}

/// Puts the previous site back when a build was stopped between moving it
/// aside and moving the new one in (the only moment there is no output
/// folder, on a system that cannot exchange two folders in one step; see
/// [`crate::output::staging`]); says so. Call with the lock held.
pub(crate) fn recover(target: &Path, shown: &Path) -> io::Result<()> {
    let old = sibling(target, "old");
    if fs::symlink_metadata(target).is_err() && old.is_dir() {
        fs::rename(&old, target)?;
        sync_folder(target.parent());
        eprintln!(
            "a build was stopped while it was swapping in a new site; the previous site was put back in {}",
            shown.display()
        );
    }
    Ok(())
}

//! Writing a file so that it is either the old file or the new one, never half
//! of either: a temporary file in the same folder, flushed and synced to disk,
//! then renamed over the original. Several files are written all or none:
//! every temporary file is on disk before the first rename.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` safely, creating its folder if needed.
pub(crate) fn write_safely(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = write_temporary(path, bytes)?;
    if let Err(error) = std::fs::rename(&temporary, path) {
        std::fs::remove_file(&temporary).ok();
        return Err(error);
    }
    // The rename reaches the disk with the folder's entry.
    sync_folder(path.parent());
    Ok(())
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a temporary file beside `path`, flushed and synced, and
/// returns its name; on failure nothing is left behind.
fn write_temporary(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let folder = folder_of(path);
    std::fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    // One process writes a file at a time; the pid keeps two runs apart.
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(temporary),
        Err(error) => {
            std::fs::remove_file(&temporary).ok();
            Err(error)
        }
    }
}

/// Why [`write_all_safely`] did not write every file.
#[derive(Debug)]
pub(crate) enum WriteAllError {
    /// The file at `index` could not be written beside its original; no file was changed.
    Nothing { index: usize, error: std::io::Error },
    /// The files before `index` were replaced; the one at `index` and those after it were not.
    Partly { index: usize, error: std::io::Error },
}

/// Writes several files so that either all of them are replaced or none is:
/// every new text is written and synced to a temporary file beside its
/// original first, and only then are they renamed over, in order. Only a
/// rename failing (rare: the folder changed under us) leaves some replaced,
/// and the error says which.
pub(crate) fn write_all_safely(files: &[(PathBuf, &[u8])]) -> Result<(), WriteAllError> {
    let mut temporaries: Vec<PathBuf> = Vec::new();
    for (index, (path, bytes)) in files.iter().enumerate() {
        match write_temporary(path, bytes) {
            Ok(temporary) => temporaries.push(temporary),
            Err(error) => {
                for temporary in &temporaries {
                    std::fs::remove_file(temporary).ok();
                }
                return Err(WriteAllError::Nothing { index, error });
            }
        }
    }
    for (index, ((path, _), temporary)) in files.iter().zip(&temporaries).enumerate() {
        if let Err(error) = std::fs::rename(temporary, path) {
            for left in &temporaries[index..] {
                std::fs::remove_file(left).ok();
            }
            for (done, _) in &files[..index] {
                sync_folder(Some(folder_of(done)));
            }
            return Err(if index == 0 {
                WriteAllError::Nothing { index, error }
            } else {
                WriteAllError::Partly { index, error }
            });
        }
    }
    let mut folders: Vec<&Path> = files.iter().map(|(path, _)| folder_of(path)).collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        sync_folder(Some(folder));
    }
    Ok(())
}

/// Makes a folder's entries (new names, renames) reach the disk.
pub(crate) fn sync_folder(folder: Option<&Path>) {
    let folder = match folder {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if let Ok(handle) = std::fs::File::open(folder) {
        handle.sync_all().ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporaries(folder: &Path) -> Vec<String> {
        std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::fs::write(&a, "old a").unwrap();
        write_all_safely(&[(a.clone(), b"new a"), (b.clone(), b"new b")]).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new b");
        assert!(temporaries(dir.path()).is_empty());
    }

    #[test]
    fn a_file_that_cannot_be_written_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        std::fs::write(&a, "old a").unwrap();
        // A folder that cannot be made: a plain file is in its way.
        std::fs::write(dir.path().join("blocked"), "").unwrap();
        let b = dir.path().join("blocked/b.yaml");
        let error = write_all_safely(&[(a.clone(), b"new a"), (b, b"new b")]).unwrap_err();
        assert!(
            matches!(error, WriteAllError::Nothing { index: 1, .. }),
            "{error:?}"
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old a");
        assert!(temporaries(dir.path()).is_empty());
    }

    #[test]
    fn a_rename_failing_partway_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::fs::write(&a, "old a").unwrap();
        // A file cannot be renamed over a folder that has something in it.
        std::fs::create_dir(&b).unwrap();
        std::fs::write(b.join("inside"), "").unwrap();
        let error = write_all_safely(&[(a.clone(), b"new a"), (b.clone(), b"new b")]).unwrap_err();
        assert!(
            matches!(error, WriteAllError::Partly { index: 1, .. }),
            "{error:?}"
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert!(b.is_dir());
        assert!(temporaries(dir.path()).is_empty());
    }
}

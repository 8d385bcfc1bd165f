//! Writing a file so that it is either the old file or the new one, never half
//! of either: a temporary file in the same folder, flushed and synced to disk,
//! then renamed over the original.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` safely, creating its folder if needed.
pub(crate) fn write_safely(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
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
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        std::fs::remove_file(&temporary).ok();
    }
    written?;
    // The rename reaches the disk with the folder's entry.
    if let Ok(folder) = std::fs::File::open(folder) {
        folder.sync_all().ok();
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

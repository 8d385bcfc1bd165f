//! Stage 5: write the site to a folder beside the output and swap it in
//! ([`staging`]), and decide what must be rendered again from what the last
//! build recorded ([`record`]).

pub(crate) mod record;
pub(crate) mod staging;

use std::collections::BTreeSet;

/// A file of the built site: its path inside the output folder and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Output {
    pub(crate) fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Output {
        Output {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// What a job reads: everything, or these documents (by id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reads {
    Everything,
    Documents(BTreeSet<String>),
}

impl Reads {
    pub(crate) fn touches(&self, changed: &BTreeSet<String>) -> bool {
        match self {
            Reads::Everything => !changed.is_empty(),
            Reads::Documents(ids) => !ids.is_disjoint(changed),
        }
    }
}

/// Replaces a file so that a reader sees the old bytes or the new, never a
/// part: the bytes go to a temporary file beside it, are flushed to disk, and
/// the temporary file is renamed over the original. On any failure the
/// original is left as it was.
pub(crate) fn replace_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = path.parent().unwrap_or_else(|| std::path::Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written?;
    // The rename itself reaches the disk with the folder's entry.
    if let Ok(folder) = std::fs::File::open(folder) {
        let _ = folder.sync_all();
    }
    Ok(())
}

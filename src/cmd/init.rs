//! `ragtime init`: a small working site to start from.

use std::io;
use std::path::{Path, PathBuf};

/// The files of a new site, relative to its folder.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("content/site.yaml", include_str!("init/site.yaml")),
    (
        "content/inspections/ofsted-2024.yaml",
        include_str!("init/inspection.yaml"),
    ),
    (
        "content/plans/improvement-plan.yaml",
        include_str!("init/plan.yaml"),
    ),
    (
        "content/briefings/progress-update-april-2025.md",
        include_str!("init/briefing.md"),
    ),
    (
        "content/pages/accessibility.md",
        include_str!("init/accessibility.md"),
    ),
    (".gitignore", "/public\n/.public.*\n"),
];

/// Writes a new site into `dir`, refusing to overwrite any file.
pub(crate) fn init(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let existing: Vec<&str> = FILES
        .iter()
        .map(|(path, _)| *path)
        .filter(|path| dir.join(path).exists())
        .collect();
    if !existing.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already has {}; nothing was written",
                dir.display(),
                existing.join(", ")
            ),
        ));
    }
    let mut written = Vec::new();
    let mut folders = Vec::new();
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            let mut missing = parent;
            while !missing.as_os_str().is_empty() && !missing.exists() {
                folders.push(missing.to_path_buf());
                missing = missing.parent().unwrap_or(Path::new(""));
            }
        }
        // Each file whole or not at all; a failure takes back what was written.
        if let Err(error) = crate::output::safely::write_safely(&target, text.as_bytes()) {
            for file in &written {
                std::fs::remove_file(file).ok();
            }
            folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
            for folder in &folders {
                std::fs::remove_dir(folder).ok();
            }
            return Err(io::Error::new(
                error.kind(),
                format!(
                    "cannot write {}: {error}; nothing was kept",
                    target.display()
                ),
            ));
        }
        written.push(target);
    }
    Ok(written)
}

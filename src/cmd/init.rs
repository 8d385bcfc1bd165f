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
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, text)?;
        written.push(target);
    }
    Ok(written)
}

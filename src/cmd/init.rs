//! `ragtime init`: a small working site to start from.

use crate::diagnostic::{Failed, Outcome};
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

/// `ragtime init`: writes the site and says what was created and what to do next.
pub(crate) fn run(dir: &Path) -> Outcome {
    match init(dir) {
        Ok(files) => {
            for file in &files {
                println!("created {}", file.display());
            }
            println!(
                "next: cd {} && ragtime serve   (a preview that updates as you edit; ragtime build writes public/)",
                dir.display()
            );
            Ok(())
        }
        Err(error) => {
            eprintln!("error: {error}");
            Err(Failed)
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::FILES;
    use crate::model::document::{placeholders, STATEMENT_PLACEHOLDERS};

    /// Every bracketed text of the statement init writes that is not a link's
    /// text, as the check must know it.
    #[test]
    fn the_statement_holds_exactly_the_placeholders_check_warns_about() {
        let (_, statement) = FILES
            .iter()
            .find(|(path, _)| path.ends_with("accessibility.md"))
            .expect("init writes an accessibility statement");
        let mut bracketed: Vec<&str> = statement
            .match_indices('[')
            .filter_map(|(at, _)| {
                let end = at + statement[at..].find(']')? + 1;
                (!statement[end..].starts_with('(')).then(|| &statement[at..end])
            })
            .collect();
        bracketed.sort_unstable();
        bracketed.dedup();
        let mut known = STATEMENT_PLACEHOLDERS.to_vec();
        known.sort_unstable();
        assert_eq!(bracketed, known);
        assert_eq!(
            placeholders(statement).first().map(|(_, p)| *p),
            Some("[council name]")
        );
    }
}

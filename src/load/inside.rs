//! What of the site folder may be read through a name content gives (a link
//! in `content/`, the logo): a path that, once every link is followed, stays
//! inside the site folder and passes through nothing hidden (`.git/`, `.env`).

use std::path::{Component, Path, PathBuf};

/// Why a path is not read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// It leads to nothing (a missing file, a broken link).
    Nowhere,
    /// Followed to the end, it is outside the site folder.
    Outside,
    /// Followed to the end, a file or folder on its way inside the site
    /// folder is hidden (its name starts with a dot).
    Hidden,
}

/// Whether any part of a path is hidden: a name starting with a dot (`.git`,
/// `.env`); `.` and `..` are not names.
pub(crate) fn has_hidden_part(path: &Path) -> bool {
    path.components().any(|part| match part {
        Component::Normal(name) => name.to_string_lossy().starts_with('.'),
        _ => false,
    })
}

/// Where `path` really is (every link followed), when that is inside `site`
/// (itself canonical) with no hidden part below it.
pub(crate) fn resolve(site: &Path, path: &Path) -> Result<PathBuf, Refused> {
    let target = std::fs::canonicalize(path).map_err(|_| Refused::Nowhere)?;
    let below = target.strip_prefix(site).map_err(|_| Refused::Outside)?;
    if has_hidden_part(below) {
        return Err(Refused::Hidden);
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_part_anywhere_counts() {
        assert!(has_hidden_part(Path::new(".env")));
        assert!(has_hidden_part(Path::new(".git/config")));
        assert!(has_hidden_part(Path::new("brand/.hidden/logo.png")));
        assert!(!has_hidden_part(Path::new("./brand/logo.png")));
        assert!(!has_hidden_part(Path::new("brand/logo.v2.png")));
        assert!(!has_hidden_part(Path::new("../x.png")));
    }

    #[test]
    fn a_target_must_be_inside_and_not_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let site = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(site.join(".git")).unwrap();
        std::fs::write(site.join(".git/config"), "x").unwrap();
        std::fs::write(site.join("logo.png"), "x").unwrap();
        std::os::unix::fs::symlink(".git/config", site.join("linked.png")).unwrap();
        std::os::unix::fs::symlink("/", site.join("out.png")).unwrap();
        assert_eq!(
            resolve(&site, &site.join("logo.png")),
            Ok(site.join("logo.png"))
        );
        assert_eq!(
            resolve(&site, &site.join("linked.png")),
            Err(Refused::Hidden)
        );
        assert_eq!(resolve(&site, &site.join("out.png")), Err(Refused::Outside));
        assert_eq!(
            resolve(&site, &site.join("missing.png")),
            Err(Refused::Nowhere)
        );
        // The site folder may itself sit in a hidden folder: only what is below it counts.
        let hidden = site.join(".sites/council");
        std::fs::create_dir_all(&hidden).unwrap();
        std::fs::write(hidden.join("logo.png"), "x").unwrap();
        assert_eq!(
            resolve(&hidden, &hidden.join("logo.png")),
            Ok(hidden.join("logo.png"))
        );
    }
}

//! What a build was made from and what it left, stamped, so that a build
//! with nothing to do can say so at once. A build records a fingerprint of the
//! stamps (size, modification and change times, inode) of every file under
//! `content/` and `themes/` and of the other files it read (the logo, the
//! `index.html` beside the output), another of every file of the output it
//! published, and what it said. The next build stamps the same files: when
//! nothing differs, it says again what the last one said and leaves the
//! output alone, without reading the content again.
//!
//! A file's change time cannot be set back by any tool (a restored or copied
//! file gets a new one), so an edit, a replaced file or a restored backup
//! always changes its stamp. Stamps are only trusted when they are clearly
//! older than the build that took them: a file changed within [`RACE`] of the
//! build starting might change again within the file system's clock tick, so
//! such a build records nothing, and the next one does the whole work.

use crate::text::fingerprint;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const HEADER: &str = "ragtime inputs 1";

/// How long before a build a file must have last changed for its stamp to be
/// trusted: more than any file system's clock tick.
const RACE: i64 = 2;

/// What the last build was made from, published, and said.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Inputs {
    /// ragtime itself and the options the build was run with.
    pub key: String,
    /// Files outside `content/` and `themes/` the build read, relative to the
    /// site folder (or whole paths): the logo, and the `index.html` beside the
    /// output whose presence the build warns about.
    pub extra: Vec<String>,
    /// Fingerprint of the stamps of everything the build read.
    pub read: u64,
    /// Fingerprint of the stamps of every file of the output.
    pub wrote: u64,
    /// Files in the output.
    pub files: usize,
    /// What the build printed on standard error (its warnings) and standard output.
    pub said: Said,
}

/// What a build printed: its warnings on standard error, its summary on standard output.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Said {
    pub warnings: String,
    pub summary: String,
}

/// A file's stamp: everything that changes when its bytes or identity do.
#[cfg(unix)]
fn stamp(metadata: &fs::Metadata) -> [i64; 6] {
    use std::os::unix::fs::MetadataExt;
    [
        i64::try_from(metadata.len()).unwrap_or(-1),
        metadata.mtime(),
        metadata.mtime_nsec(),
        metadata.ctime(),
        metadata.ctime_nsec(),
        i64::try_from(metadata.ino()).unwrap_or(-1),
    ]
}

/// When a file last changed, as (seconds, nanoseconds).
#[cfg(unix)]
fn changed_at(metadata: &fs::Metadata) -> (i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (metadata.ctime(), metadata.ctime_nsec())
}

#[cfg(not(unix))]
fn stamp(metadata: &fs::Metadata) -> [i64; 6] {
    let (seconds, nanos) = changed_at(metadata);
    [
        i64::try_from(metadata.len()).unwrap_or(-1),
        seconds,
        nanos,
        0,
        0,
        0,
    ]
}

#[cfg(not(unix))]
fn changed_at(metadata: &fs::Metadata) -> (i64, i64) {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    (
        i64::try_from(modified.as_secs()).unwrap_or(i64::MAX),
        i64::from(modified.subsec_nanos()),
    )
}

/// One line of a fingerprinted list: a file's stamp and the name it is shown
/// by, or that it is missing.
fn stamp_line(metadata: Option<&fs::Metadata>, shown: impl std::fmt::Display) -> String {
    match metadata {
        Some(metadata) => {
            let [size, m, mn, c, cn, ino] = stamp(metadata);
            format!("{size} {m}.{mn} {c}.{cn} {ino} {shown}\n")
        }
        None => format!("- {shown}\n"),
    }
}

/// The stamps of every file under `folders` (links followed, in name order)
/// and of `extra` (missing ones included, as missing), as one fingerprint, with
/// the latest change time among them.
fn stamps(root: &Path, folders: &[&str], extra: &[String]) -> (u64, (i64, i64)) {
    let mut text = String::new();
    let mut unreadable = String::new();
    let mut latest = (i64::MIN, 0);
    let mut add = |path: &Path, metadata: Option<&fs::Metadata>| {
        text.push_str(&stamp_line(
            metadata,
            path.strip_prefix(root).unwrap_or(path).display(),
        ));
        if let Some(metadata) = metadata {
            latest = latest.max(changed_at(metadata));
        }
    };
    for folder in folders {
        let folder = root.join(folder);
        add(&folder, fs::metadata(&folder).ok().as_ref());
        for entry in walkdir::WalkDir::new(&folder)
            .min_depth(1)
            .follow_links(true)
            .sort_by_file_name()
        {
            match entry {
                Ok(entry) => add(entry.path(), entry.metadata().ok().as_ref()),
                // Unreadable: never the same as a readable file.
                Err(error) => unreadable.push_str(&format!("! {error}\n")),
            }
        }
    }
    for path in extra {
        let path = root.join(path);
        add(&path, fs::metadata(&path).ok().as_ref());
    }
    text.push_str(&unreadable);
    (fingerprint(text.as_bytes()), latest)
}

/// The stamps of everything a build reads from the site folder at `root`.
fn read_by(root: &Path, extra: &[String]) -> (u64, (i64, i64)) {
    stamps(root, &["content", "themes"], extra)
}

/// The stamps of every file of the output folder and of the build's records
/// beside it, and how many files the output has.
fn published(output: &Path) -> (u64, usize) {
    let mut files = 0;
    let mut text = String::new();
    for entry in walkdir::WalkDir::new(output)
        .min_depth(1)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file() {
                    files += 1;
                }
                let shown = entry.path().strip_prefix(output).unwrap_or(entry.path());
                match entry.metadata() {
                    Ok(metadata) if !entry.file_type().is_dir() => {
                        text.push_str(&stamp_line(Some(&metadata), shown.display()));
                    }
                    Ok(_) => text.push_str(&format!("d {}\n", shown.display())),
                    Err(error) => text.push_str(&format!("! {error}\n")),
                }
            }
            Err(error) => text.push_str(&format!("! {error}\n")),
        }
    }
    // What the next build relies on to render only what changed is part of
    // what this one left: without it, the next build does the whole work.
    for beside in ["record", "manifest"] {
        let path = crate::output::staging::sibling(output, beside);
        text.push_str(&stamp_line(
            fs::metadata(&path).ok().as_ref(),
            format_args!(".{beside}"),
        ));
    }
    (fingerprint(text.as_bytes()), files)
}

/// The time on the file system's clock now, as a file made beside `output`
/// gets it (the system clock is not read: only the file system's own times are
/// compared with each other).
pub(crate) fn now_on_disk(output: &Path) -> Option<(i64, i64)> {
    let probe = crate::output::staging::sibling(output, "clock");
    let made = fs::File::create(&probe).and_then(|file| file.metadata());
    let _ = fs::remove_file(&probe);
    made.ok().map(|metadata| changed_at(&metadata))
}

impl Inputs {
    /// What a build that started at `started` (see [`now_on_disk`]) read from
    /// `root` and published into `output`; `None` when a file it read changed
    /// too close to its start to be told apart from a later edit.
    pub(crate) fn taken(
        root: &Path,
        output: &Path,
        key: String,
        extra: Vec<String>,
        started: (i64, i64),
        said: Said,
    ) -> Option<Inputs> {
        let (read, latest) = read_by(root, &extra);
        if latest >= (started.0 - RACE, started.1) {
            return None;
        }
        let (wrote, files) = published(output);
        Some(Inputs {
            key,
            extra,
            read,
            wrote,
            files,
            said,
        })
    }

    /// Whether the site folder `root` and the output still hold exactly what
    /// this record says, for a build with `key`.
    pub(crate) fn still(&self, root: &Path, output: &Path, key: &str) -> bool {
        self.key == key
            && read_by(root, &self.extra).0 == self.read
            && published(output) == (self.wrote, self.files)
    }

    /// Writes the record (safely: a half-written record is never read).
    pub(crate) fn write(&self, path: &Path) -> io::Result<()> {
        let mut text = format!(
            "{HEADER}\n{}\n{:016x} {:016x} {}\n",
            self.key, self.read, self.wrote, self.files
        );
        for path in &self.extra {
            text.push_str(&format!("x {path}\n"));
        }
        for line in self.said.warnings.lines() {
            text.push_str(&format!("e {line}\n"));
        }
        for line in self.said.summary.lines() {
            text.push_str(&format!("o {line}\n"));
        }
        crate::output::safely::write_safely(path, text.as_bytes())
    }

    /// Reads a record; `None` when there is none or it cannot be understood.
    pub(crate) fn read(path: &Path) -> Option<Inputs> {
        let text = fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let key = lines.next()?.to_owned();
        let mut numbers = lines.next()?.split(' ');
        let mut inputs = Inputs {
            key,
            read: u64::from_str_radix(numbers.next()?, 16).ok()?,
            wrote: u64::from_str_radix(numbers.next()?, 16).ok()?,
            files: numbers.next()?.parse().ok()?,
            ..Inputs::default()
        };
        for line in lines {
            match line.split_at_checked(2)? {
                ("x ", path) => inputs.extra.push(path.to_owned()),
                ("e ", said) => {
                    inputs.said.warnings.push_str(said);
                    inputs.said.warnings.push('\n');
                }
                ("o ", said) => {
                    inputs.said.summary.push_str(said);
                    inputs.said.summary.push('\n');
                }
                _ => return None,
            }
        }
        Some(inputs)
    }
}

/// Where the record of a build's inputs is kept: beside its output.
pub(crate) fn path(output: &Path) -> PathBuf {
    crate::output::staging::sibling(output, "inputs")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content/plans")).unwrap();
        fs::write(dir.path().join("content/site.yaml"), "title: x\n").unwrap();
        fs::write(dir.path().join("content/plans/a.yaml"), "id: a\n").unwrap();
        fs::create_dir_all(dir.path().join("public/plans")).unwrap();
        fs::write(dir.path().join("public/index.html"), "<p>x</p>").unwrap();
        fs::write(dir.path().join("logo.png"), "png").unwrap();
        dir
    }

    fn said() -> Said {
        Said {
            warnings: "content/plans/a.yaml:1:1: warning: one\n\n0 errors, 1 warning\n".into(),
            summary: "checked: 1 plan\n".into(),
        }
    }

    /// A start far after every file was made, so no stamp is too recent.
    const LATER: (i64, i64) = (i64::MAX / 2, 0);

    #[test]
    fn reads_back_what_it_writes() {
        let dir = site();
        let inputs = Inputs::taken(
            dir.path(),
            &dir.path().join("public"),
            "k".into(),
            vec!["logo.png".into()],
            LATER,
            said(),
        )
        .unwrap();
        assert_eq!(inputs.files, 1);
        let path = dir.path().join("inputs");
        inputs.write(&path).unwrap();
        assert_eq!(Inputs::read(&path), Some(inputs));
        fs::write(&path, "something else\n").unwrap();
        assert_eq!(Inputs::read(&path), None);
    }

    #[test]
    fn any_change_to_what_was_read_or_published_is_seen() {
        let dir = site();
        let root = dir.path();
        let public = root.join("public");
        let take = || {
            Inputs::taken(
                root,
                &public,
                "k".into(),
                vec!["logo.png".into()],
                LATER,
                said(),
            )
            .unwrap()
        };
        let changes: [(&str, &dyn Fn()); 8] = [
            ("an edit", &|| {
                fs::write(root.join("content/plans/a.yaml"), "id: b\n").unwrap();
            }),
            ("a new file", &|| {
                fs::write(root.join("content/plans/b.yaml"), "id: b\n").unwrap();
            }),
            ("a removed file", &|| {
                fs::remove_file(root.join("content/plans/b.yaml")).unwrap();
            }),
            ("a theme", &|| {
                fs::create_dir_all(root.join("themes/mine")).unwrap();
            }),
            ("the logo", &|| {
                fs::write(root.join("logo.png"), "gif").unwrap();
            }),
            ("a published file", &|| {
                fs::write(public.join("index.html"), "<p>y</p>").unwrap();
            }),
            ("a stray file", &|| {
                fs::write(public.join("plans/x.html"), "").unwrap();
            }),
            ("a removed page", &|| {
                fs::remove_file(public.join("plans/x.html")).unwrap();
            }),
        ];
        for (what, change) in changes {
            let before = take();
            assert!(before.still(root, &public, "k"), "{what}: unchanged");
            assert!(!before.still(root, &public, "other"), "{what}: another key");
            change();
            assert!(!before.still(root, &public, "k"), "{what} was not seen");
        }
    }

    #[test]
    fn a_file_changed_just_before_the_build_is_not_trusted() {
        let dir = site();
        let public = dir.path().join("public");
        let now = now_on_disk(&public).unwrap();
        let taken =
            |started| Inputs::taken(dir.path(), &public, "k".into(), vec![], started, said());
        assert_eq!(taken(now), None);
        // The boundary is the newest file's change time, RACE seconds on:
        // rewritten last, this plan is the newest (the clock probed above
        // may be a tick later than any file, so it cannot be the boundary).
        let plan = dir.path().join("content/plans/a.yaml");
        fs::write(
            &plan, "id: a
",
        )
        .unwrap();
        let newest = changed_at(&fs::metadata(&plan).unwrap());
        assert_eq!(taken((newest.0 + RACE, newest.1)), None);
        assert!(taken((newest.0 + RACE, newest.1 + 1)).is_some());
        assert!(!dir.path().join(".public.clock").exists());
        // The file system's own clock: a real time (after 1 December 2025),
        // with its nanoseconds.
        assert!(now > (1_764_547_200, 0), "{now:?}");
        assert!((0..1_000_000_000).contains(&now.1), "{now:?}");
    }
}

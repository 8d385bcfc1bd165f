//! What a build leaves beside its output for the next one: a hash of every
//! document it was built from, and which documents each page read. The next
//! build renders only the pages that read a document that changed, and links
//! the rest from the previous output, so a one-file change costs the check of
//! the content plus the pages that show that file.
//!
//! The record is only an optimisation: when it is missing, unreadable, or from
//! another ragtime or another theme, the build renders everything.

use crate::render::jobs::Reads;
use crate::text::fingerprint;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Everything the pages of one build were made from.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Record {
    /// ragtime's version and the theme's fingerprint: a change renders everything.
    pub key: String,
    /// Document id (and [`SETTINGS`]) → fingerprint of its file.
    pub documents: BTreeMap<String, u64>,
    /// Page path → what it read.
    pub pages: BTreeMap<String, Reads>,
}

const HEADER: &str = "ragtime build record 1";

/// ragtime itself: its version and a hash of the program, so a build of
/// ragtime from changed source never reuses another's work. Read once per
/// run: `build` asks for it twice (its key, and `output::inputs`).
pub(crate) fn program() -> &'static str {
    static PROGRAM: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PROGRAM.get_or_init(|| {
        let hash = std::env::current_exe().and_then(fs::read).map_or_else(
            // Unknown: a key no other run has, so everything is rendered.
            |_| format!("unknown-{}", std::process::id()),
            |bytes| format!("{:016x}", fingerprint(&bytes)),
        );
        format!("{} {hash}", env!("CARGO_PKG_VERSION"))
    })
}

/// The key of a build: what every page depends on besides the content: the
/// theme, and ragtime itself (see [`program`]).
pub(crate) fn key(theme_fingerprint: u64, base_url: &str) -> String {
    // Every address changes with the base URL, which `build --base-url` may
    // set without `site.yaml` changing.
    format!("{} {theme_fingerprint:016x} {base_url}", program())
}

impl Record {
    /// Writes the record as text: the key, the documents (numbered by their
    /// order), then each page with the numbers of the documents it read.
    pub(crate) fn write(&self, path: &Path) -> std::io::Result<()> {
        let number: BTreeMap<&str, usize> = self
            .documents
            .keys()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let mut text = format!("{HEADER}\n{}\n", self.key);
        for (id, hash) in &self.documents {
            let _ = writeln!(text, "d {hash:016x} {id}");
        }
        for (page, reads) in &self.pages {
            let read = match reads {
                Reads::Everything => "*".to_owned(),
                Reads::Documents(ids) => ids
                    .iter()
                    .filter_map(|id| number.get(id.as_str()))
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            };
            let _ = writeln!(text, "p {read} {page}");
        }
        crate::output::safely::write_safely(path, text.as_bytes())
    }

    /// Reads a record; `None` when there is none or it cannot be understood.
    pub(crate) fn read(path: &Path) -> Option<Record> {
        let text = fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut record = Record {
            key: lines.next()?.to_owned(),
            ..Record::default()
        };
        let mut ids = Vec::new();
        for line in lines {
            let (kind, rest) = line.split_once(' ')?;
            let (first, name) = rest.split_once(' ')?;
            match kind {
                "d" => {
                    record
                        .documents
                        .insert(name.to_owned(), u64::from_str_radix(first, 16).ok()?);
                    ids.push(name.to_owned());
                }
                "p" => {
                    let reads = if first == "*" {
                        Reads::Everything
                    } else {
                        let mut read = BTreeSet::new();
                        for n in first.split(',').filter(|n| !n.is_empty()) {
                            read.insert(ids.get(n.parse::<usize>().ok()?)?.clone());
                        }
                        Reads::Documents(read)
                    };
                    record.pages.insert(name.to_owned(), reads);
                }
                _ => return None,
            }
        }
        Some(record)
    }

    /// The documents that differ from `previous`; `None` when everything must be
    /// rendered again: no usable record, another key, or a document added or
    /// removed (lists and links everywhere change).
    fn changed_since(&self, previous: Option<&Record>) -> Option<BTreeSet<String>> {
        let previous = previous?;
        if previous.key != self.key || !previous.documents.keys().eq(self.documents.keys()) {
            return None;
        }
        let changed = self
            .documents
            .iter()
            .filter(|(id, hash)| previous.documents.get(*id) != Some(hash))
            .map(|(id, _)| id.clone())
            .collect();
        Some(changed)
    }

    /// What this build must render, given the record of the last one.
    pub(crate) fn against<'r>(&'r self, previous: Option<&'r Record>) -> Rebuild<'r> {
        Rebuild {
            now: self,
            previous,
            changed: self.changed_since(previous),
        }
    }
}

/// The one rule for what a build renders, used by `build` (whose last output
/// is on disk) and `serve` (which keeps it in memory).
pub(crate) struct Rebuild<'r> {
    now: &'r Record,
    previous: Option<&'r Record>,
    /// The documents changed since the last build; `None`: render everything.
    changed: Option<BTreeSet<String>>,
}

impl Rebuild<'_> {
    /// Whether every page is rendered, whatever it read.
    pub(crate) fn everything(&self) -> bool {
        self.changed.is_none()
    }

    /// Whether the page at `path` must be rendered: when everything must; when
    /// it reads a changed document now, or read one last time (so a page that
    /// stops showing an action is rendered too); when it is new; or when `keep`
    /// cannot keep the last build's copy of it (keeping it, if it can).
    pub(crate) fn must_render(&self, path: &str, keep: impl FnOnce() -> bool) -> bool {
        let (Some(previous), Some(changed)) = (self.previous, &self.changed) else {
            return true;
        };
        let Some(before) = previous.pages.get(path) else {
            return true;
        };
        let now = self.now.pages.get(path).unwrap_or(&Reads::Everything);
        now.touches(changed) || before.touches(changed) || !keep()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::site::SETTINGS;

    fn record(documents: &[(&str, u64)], pages: &[(&str, Option<&[&str]>)]) -> Record {
        Record {
            key: key(7, "/"),
            documents: documents
                .iter()
                .map(|(id, hash)| ((*id).to_owned(), *hash))
                .collect(),
            pages: pages
                .iter()
                .map(|(path, reads)| {
                    let reads = reads.map_or(Reads::Everything, |ids| {
                        Reads::Documents(ids.iter().map(|&id| id.to_owned()).collect())
                    });
                    ((*path).to_owned(), reads)
                })
                .collect(),
        }
    }

    #[test]
    fn reads_back_what_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record");
        let written = record(
            &[("plan-a", 1), ("ofsted", 2), (SETTINGS, 3)],
            &[
                ("index.html", None),
                ("plans/plan-a/index.html", Some(&["plan-a", "ofsted"])),
                ("plans/index.html", Some(&[])),
            ],
        );
        written.write(&path).unwrap();
        assert_eq!(Record::read(&path), Some(written));
        fs::write(&path, "something else\n").unwrap();
        assert_eq!(Record::read(&path), None);
    }

    /// The paths `rebuild` renders, keeping every page it is offered.
    fn rendered(rebuild: &Rebuild<'_>, paths: &[&str]) -> Vec<String> {
        paths
            .iter()
            .filter(|path| rebuild.must_render(path, || true))
            .map(|path| (*path).to_owned())
            .collect()
    }

    const PAGES: &[(&str, Option<&[&str]>)] = &[
        ("index.html", None),
        ("plans/a/index.html", Some(&["a", "ofsted", SETTINGS])),
        ("plans/b/index.html", Some(&["b", SETTINGS])),
        ("assets/style.css", Some(&[])),
    ];
    const PATHS: &[&str] = &[
        "index.html",
        "plans/a/index.html",
        "plans/b/index.html",
        "assets/style.css",
    ];

    #[test]
    fn only_what_reads_a_changed_document_is_rendered() {
        let before = record(&[("a", 1), ("b", 1), ("ofsted", 1), (SETTINGS, 1)], PAGES);
        let now = record(&[("a", 2), ("b", 1), ("ofsted", 1), (SETTINGS, 1)], PAGES);
        let rebuild = now.against(Some(&before));
        assert!(!rebuild.everything());
        assert_eq!(
            rendered(&rebuild, PATHS),
            ["index.html", "plans/a/index.html"]
        );
        // A page new to this build is rendered; so is one that cannot be kept.
        assert!(rebuild.must_render("plans/c/index.html", || true));
        assert!(rebuild.must_render("plans/b/index.html", || false));
        // A page that read the document last time, but no longer does, is rendered.
        let read_a = record(
            &[("a", 1), ("b", 1), ("ofsted", 1), (SETTINGS, 1)],
            &[("plans/b/index.html", Some(&["a", "b"]))],
        );
        let moved = record(
            &[("a", 2), ("b", 1), ("ofsted", 1), (SETTINGS, 1)],
            &[("plans/b/index.html", Some(&["b"]))],
        );
        assert!(moved
            .against(Some(&read_a))
            .must_render("plans/b/index.html", || true));
        // Nothing changed: nothing is rendered, and what cannot be kept is.
        let same = before.against(Some(&before));
        assert_eq!(rendered(&same, PATHS), Vec::<String>::new());
        assert!(same.must_render("index.html", || false));
    }

    #[test]
    fn settings_render_every_page_that_shows_them() {
        let before = record(&[("a", 1), ("b", 1), ("ofsted", 1), (SETTINGS, 1)], PAGES);
        let now = record(&[("a", 1), ("b", 1), ("ofsted", 1), (SETTINGS, 2)], PAGES);
        assert_eq!(
            rendered(&now.against(Some(&before)), PATHS),
            ["index.html", "plans/a/index.html", "plans/b/index.html"]
        );
    }

    #[test]
    fn a_new_document_another_key_or_no_record_render_everything() {
        let before = record(&[("a", 1), ("b", 1), (SETTINGS, 1)], PAGES);
        let added = record(&[("a", 1), ("b", 1), ("c", 1), (SETTINGS, 1)], PAGES);
        let removed = record(&[("a", 1), (SETTINGS, 1)], PAGES);
        let mut theme = record(&[("a", 1), ("b", 1), (SETTINGS, 1)], PAGES);
        theme.key = key(8, "/");
        for now in [&added, &removed, &theme] {
            let rebuild = now.against(Some(&before));
            assert!(rebuild.everything());
            assert_eq!(rendered(&rebuild, PATHS), PATHS);
        }
        let rebuild = before.against(None);
        assert!(rebuild.everything());
        assert_eq!(rendered(&rebuild, PATHS), PATHS);
    }
}

//! What a build leaves beside its output for the next one: a hash of every
//! document it was built from, and which documents each page read. The next
//! build renders only the pages that read a document that changed, and links
//! the rest from the previous output, so a one-file change costs the check of
//! the content plus the pages that show that file.
//!
//! The record is only an optimisation: when it is missing, unreadable, or from
//! another ragtime or another theme, the build renders everything.

use crate::model::site::SETTINGS;
use crate::output::Reads;
use crate::text::fingerprint;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Everything the pages of one build were made from.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// ragtime's version and the theme's fingerprint: a change renders everything.
    pub key: String,
    /// Document id (and [`SETTINGS`]) → fingerprint of its file.
    pub documents: BTreeMap<String, u64>,
    /// Page path → what it read.
    pub pages: BTreeMap<String, Reads>,
}

const HEADER: &str = "ragtime build record 1";

/// The key of a build: what every page depends on besides the content: the
/// theme, and ragtime itself (its version, and a hash of the program, so a
/// build of ragtime from changed source never reuses another's pages).
pub fn key(theme_fingerprint: u64) -> String {
    let program = std::env::current_exe().and_then(fs::read).map_or_else(
        // Unknown: a key no other run has, so everything is rendered.
        |_| format!("unknown-{}", std::process::id()),
        |bytes| format!("{:016x}", fingerprint(&bytes)),
    );
    format!(
        "{} {program} {theme_fingerprint:016x}",
        env!("CARGO_PKG_VERSION")
    )
}

impl Record {
    /// Writes the record as text: the key, the documents (numbered by their
    /// order), then each page with the numbers of the documents it read.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
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
        fs::write(path, text)
    }

    /// Reads a record; `None` when there is none or it cannot be understood.
    pub fn read(path: &Path) -> Option<Record> {
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
    /// rendered again: no usable record, another key, a document added or
    /// removed (lists and links everywhere change), or a change to the site's
    /// settings or a plain page (every page's header and footer show them).
    pub fn changed_since(&self, previous: Option<&Record>) -> Option<BTreeSet<String>> {
        let previous = previous?;
        if previous.key != self.key || !previous.documents.keys().eq(self.documents.keys()) {
            return None;
        }
        let changed: BTreeSet<String> = self
            .documents
            .iter()
            .filter(|(id, hash)| previous.documents.get(*id) != Some(hash))
            .map(|(id, _)| id.clone())
            .collect();
        let global = |id: &String| id == SETTINGS || self.is_plain_page(id);
        if changed.iter().any(global) {
            return None;
        }
        Some(changed)
    }

    fn is_plain_page(&self, id: &str) -> bool {
        // A plain page is the only document whose own page is at `<id>/index.html`.
        self.pages.contains_key(&format!("{id}/index.html"))
    }

    /// Whether the page at `path` must be rendered again, given what changed.
    pub fn stale(&self, previous: &Record, path: &str, changed: &BTreeSet<String>) -> bool {
        let Some(before) = previous.pages.get(path) else {
            return true;
        };
        let now = self.pages.get(path).unwrap_or(&Reads::Everything);
        now.touches(changed) || before.touches(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(documents: &[(&str, u64)], pages: &[(&str, Option<&[&str]>)]) -> Record {
        Record {
            key: key(7),
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

    #[test]
    fn only_what_reads_a_changed_document_is_stale() {
        let pages: &[(&str, Option<&[&str]>)] = &[
            ("index.html", None),
            ("plans/a/index.html", Some(&["a", "ofsted"])),
            ("plans/b/index.html", Some(&["b"])),
        ];
        let before = record(&[("a", 1), ("b", 1), ("ofsted", 1), (SETTINGS, 1)], pages);
        let now = record(&[("a", 2), ("b", 1), ("ofsted", 1), (SETTINGS, 1)], pages);
        let changed = now.changed_since(Some(&before)).unwrap();
        assert_eq!(changed, BTreeSet::from(["a".to_owned()]));
        assert!(now.stale(&before, "index.html", &changed));
        assert!(now.stale(&before, "plans/a/index.html", &changed));
        assert!(!now.stale(&before, "plans/b/index.html", &changed));
        // A page new to this build, or one that read the document before, is stale too.
        assert!(now.stale(&before, "plans/c/index.html", &changed));
        let moved = record(
            &[("a", 2), ("b", 1), ("ofsted", 1), (SETTINGS, 1)],
            &[("plans/b/index.html", Some(&["b"]))],
        );
        let read_a = record(
            &[("a", 1), ("b", 1), ("ofsted", 1), (SETTINGS, 1)],
            &[("plans/b/index.html", Some(&["a", "b"]))],
        );
        assert!(moved.stale(&read_a, "plans/b/index.html", &changed));
    }

    #[test]
    fn settings_a_new_document_or_another_key_render_everything() {
        let pages: &[(&str, Option<&[&str]>)] = &[("about/index.html", Some(&["about"]))];
        let before = record(&[("a", 1), ("about", 1), (SETTINGS, 1)], pages);
        let settings = record(&[("a", 1), ("about", 1), (SETTINGS, 2)], pages);
        assert_eq!(settings.changed_since(Some(&before)), None);
        let page = record(&[("a", 1), ("about", 2), (SETTINGS, 1)], pages);
        assert_eq!(page.changed_since(Some(&before)), None);
        let added = record(&[("a", 1), ("about", 1), ("b", 1), (SETTINGS, 1)], pages);
        assert_eq!(added.changed_since(Some(&before)), None);
        let mut theme = record(&[("a", 1), ("about", 1), (SETTINGS, 1)], pages);
        theme.key = key(8);
        assert_eq!(theme.changed_since(Some(&before)), None);
        assert_eq!(before.changed_since(None), None);
        assert_eq!(before.changed_since(Some(&before)), Some(BTreeSet::new()));
    }
}

//! Stage 1: read the content folder and parse every file, keeping the source text
//! so later stages can point at lines.

mod aliases;
pub(crate) mod explain;
mod inside;
mod logo;
mod required;
pub(crate) mod spans;
mod svg;

use crate::diagnostic::Diagnostic;
use crate::load::spans::{FieldPath, Position, Positions};
use crate::model;
use crate::model::document::{split_front_matter, Briefing, Page};
use crate::model::indicator::IndicatorFile;
use crate::model::inspection::Inspection;
use crate::model::meeting::Meeting;
use crate::model::owners::Owner;
use crate::model::plan::Plan;
use crate::model::references::DocKind;
use crate::model::settings::SiteConfig;
use crate::model::site::OWNERS;
use crate::text::is_document_id;
use required::Shape;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use walkdir::WalkDir;

/// A file as read from disk, kept for locating problems in it.
#[derive(Clone, Debug)]
pub(crate) struct SourceFile {
    /// Path relative to the site root, as shown in messages.
    pub path: PathBuf,
    pub text: String,
    /// Lines before the YAML starts (front matter sits below a `---` line).
    pub line_offset: usize,
    /// Where every field is, found the first time a problem needs it.
    positions: Arc<OnceLock<Positions>>,
}

impl SourceFile {
    pub(crate) fn new(
        path: impl Into<PathBuf>,
        text: impl Into<String>,
        line_offset: usize,
    ) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_offset,
            positions: Arc::default(),
        }
    }

    /// 1-based (line, column) of a field, or of its nearest ancestor.
    pub(crate) fn position(&self, field: &FieldPath) -> Option<Position> {
        self.positions()
            .find(field)
            .map(|(line, column)| (line + self.line_offset, column))
    }

    /// Where every field of the YAML is; read once, the first time it is asked for.
    pub(crate) fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| Positions::new(self.yaml()))
    }

    /// Line `line` (1-based) of the YAML, as the YAML parser counts lines.
    pub(crate) fn yaml_line(&self, line: usize) -> Option<&str> {
        self.positions().line(self.yaml(), line)
    }

    /// 1-based (line, column) of a position inside the YAML, as a position in the file.
    pub(crate) fn in_file(&self, (line, column): Position) -> Position {
        (line + self.line_offset, column)
    }

    /// An error at a field of this file.
    pub(crate) fn error(&self, field: &FieldPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message)
            .at(self.position(field))
            .field(field.to_string())
    }

    /// Warnings at some fields of this file, each with its message and hint,
    /// and where it is when that is known already. The others are placed in
    /// one pass over the file (cheaper than finding where every field is, for
    /// a few problems in a file that has no others).
    pub(crate) fn warnings_at(
        &self,
        found: Vec<(FieldPath, Option<Position>, String, String)>,
    ) -> Vec<Diagnostic> {
        let unplaced: Vec<FieldPath> = found
            .iter()
            .filter(|(_, at, _, _)| at.is_none())
            .map(|(field, _, _, _)| field.clone())
            .collect();
        let mut located = if unplaced.is_empty() {
            Vec::new()
        } else {
            spans::locate_all(self.yaml(), &unplaced)
        }
        .into_iter();
        found
            .into_iter()
            .map(|(field, at, message, hint)| {
                let at = at.or_else(|| located.next().flatten());
                Diagnostic::warning(&self.path, message)
                    .at(at.map(|at| self.in_file(at)))
                    .field(field.to_string())
                    .hint(hint)
            })
            .collect()
    }

    /// A warning at a field of this file.
    pub(crate) fn warning(&self, field: &FieldPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, message)
            .at(self.position(field))
            .field(field.to_string())
    }

    /// The YAML of the file: all of it, or its front matter.
    pub(crate) fn yaml(&self) -> &str {
        if self.line_offset == 0 {
            &self.text
        } else {
            split_front_matter(&self.text).map_or("", |(yaml, _, _)| yaml)
        }
    }
}

/// A parsed document with the file it came from.
#[derive(Clone, Debug)]
pub(crate) struct Loaded<T> {
    pub value: T,
    pub source: SourceFile,
}

/// Everything under `content/`, parsed but not yet checked against itself.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub site: Option<Loaded<SiteConfig>>,
    /// `owners.yaml`, when the site has one.
    pub owners: Option<Loaded<Vec<Owner>>>,
    pub inspections: Vec<Loaded<Inspection>>,
    pub plans: Vec<Loaded<Plan>>,
    pub briefings: Vec<Loaded<Briefing>>,
    pub pages: Vec<Loaded<Page>>,
    /// Indicators as written, with their ids (from their file names).
    pub indicators: Vec<Loaded<(String, IndicatorFile)>>,
    /// `meetings/<cycle>.yaml`, in file name order.
    pub meetings: Vec<Loaded<Meeting>>,
    /// `baselines/<plan>.yaml` and `baselines/<plan>@<cycle>.yaml`, in file name order.
    pub baselines: Vec<Loaded<crate::model::baseline::Baseline>>,
    /// The logo `brand.logo` names, read and checked; `None` without one or
    /// when it was refused (the error says why).
    pub logo: Option<crate::model::brand::Logo>,
    /// Documents that could not be read, by kind and id: references
    /// to them are not reported again, as their own error says it all.
    pub unreadable: Vec<(DocKind, String)>,
}

/// One parsed file of any kind.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // short-lived, one per file
pub(crate) enum Parsed {
    Inspection(Loaded<Inspection>),
    Plan(Loaded<Plan>),
    Briefing(Loaded<Briefing>),
    Page(Loaded<Page>),
    Indicator(Loaded<(String, IndicatorFile)>),
}

/// What a file looked like when it was last parsed: size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

/// Parsed files kept between loads, so a preview re-reads only what changed.
#[derive(Default)]
pub(crate) struct Cache {
    files: std::collections::HashMap<PathBuf, (Stamp, Result<Parsed, Unread>)>,
    /// Files parsed (not taken from the cache) by the last load.
    pub reparsed: Vec<PathBuf>,
}

impl Cache {
    /// Forgets a file, so the next load reads it whatever its stamp says.
    pub(crate) fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }
}

fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path).map_or((0, None), |m| (m.len(), m.modified().ok()))
}

/// Reads `<root>/content`. Problems are collected, never raised.
pub(crate) fn load(root: &Path) -> (Content, Vec<Diagnostic>) {
    load_inner(root, &mut Cache::default(), Keep::Nothing)
}

/// Like [`load`], parsing only the files that changed since `cache` saw them.
pub(crate) fn load_with(root: &Path, cache: &mut Cache) -> (Content, Vec<Diagnostic>) {
    load_inner(root, cache, Keep::Documents)
}

/// Whether a load keeps what it parsed for the next one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// A one-off load (check, build) gives the documents away.
    Nothing,
    /// A preview keeps copies, to parse only what changes.
    Documents,
}

fn load_inner(root: &Path, cache: &mut Cache, keeping: Keep) -> (Content, Vec<Diagnostic>) {
    use rayon::prelude::*;

    let mut content = Content::default();
    let mut diagnostics = Vec::new();
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error("content", "there is no content folder here")
                .hint(format!("run ragtime in a site folder (one with content/site.yaml), pass --root, or create a site with `ragtime init`; looked in {}", root.display())),
        );
        return (content, diagnostics);
    }

    // The settings and owners files are read by name: a link out of the site is refused here.
    let site_folder = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for name in ["site.yaml", OWNERS] {
        let path = content_dir.join(name);
        let linked = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if let Some(problem) = linked.then(|| outside_link(&site_folder, &path)).flatten() {
            diagnostics.push(
                Diagnostic::error(relative(root, &path), problem).hint(format!(
                    "delete the link and put the file itself at content/{name} (a copy of the one the link led to), or link to a file inside the site folder"
                )),
            );
            return (content, diagnostics);
        }
    }
    match read_file(root, &content_dir.join("site.yaml"), 0) {
        Ok(Some(source)) => match parse_yaml::<SiteConfig>(&source, Shape::Settings) {
            Ok(value) => content.site = Some(Loaded { value, source }),
            Err(d) => diagnostics.extend(d),
        },
        Ok(None) => diagnostics.push(
            Diagnostic::error("content/site.yaml", "the site settings file is missing").hint(
                "create content/site.yaml with at least `title`, `organisation` and `base_url`",
            ),
        ),
        Err(d) => diagnostics.push(d),
    }
    // The logo is read here, once: the bytes checked are the bytes published.
    if let Some(site) = &content.site {
        if let Some(logo) = site.value.brand.as_ref().and_then(|b| b.logo.as_deref()) {
            match logo::read(root, logo) {
                Ok(bytes) => content.logo = Some(bytes),
                Err(refused) => diagnostics.push(
                    site.source
                        .error(&FieldPath::root().key("brand").key("logo"), refused.message)
                        .hint(refused.hint),
                ),
            }
        }
    }
    match read_file(root, &content_dir.join(OWNERS), 0) {
        Ok(Some(source)) => match parse_yaml::<Vec<Owner>>(&source, Shape::Owners) {
            Ok(value) => content.owners = Some(Loaded { value, source }),
            Err(d) => diagnostics.extend(d),
        },
        Ok(None) => {}
        Err(d) => diagnostics.push(d),
    }

    let (meetings, mut found) = load_folder(root, &content_dir, MEETINGS, parse_meeting);
    content.meetings = meetings;
    diagnostics.append(&mut found);
    let (baselines, mut found) = load_folder(root, &content_dir, BASELINES, parse_baseline);
    content.baselines = baselines;
    diagnostics.append(&mut found);

    let (files, mut found) = documents(root, &content_dir);
    diagnostics.append(&mut found);
    let stamps: Vec<Stamp> = files.par_iter().map(|(path, _, _)| stamp(path)).collect();
    let parsed: Vec<Option<Result<Parsed, Unread>>> = files
        .par_iter()
        .zip(&stamps)
        .map(|((path, kind, id), stamp)| match cache.files.get(path) {
            Some((seen, _)) if seen == stamp => None,
            _ => Some(load_document(root, path, *kind, id.clone())),
        })
        .collect();
    cache.reparsed.clear();
    let mut keep = std::collections::HashMap::with_capacity(if keeping == Keep::Documents {
        files.len()
    } else {
        0
    });
    for (((path, kind, id), stamp), parsed) in files.into_iter().zip(stamps).zip(parsed) {
        let entry = match parsed {
            Some(result) => {
                cache.reparsed.push(path.clone());
                (stamp, result)
            }
            None => cache.files.remove(&path).unwrap_or((
                stamp,
                Err(vec![Diagnostic::error(
                    &path,
                    "internal error: lost from the cache",
                )]),
            )),
        };
        if entry.1.is_err() {
            content.unreadable.push((kind, id.clone()));
        }
        // A one-off load (check, build) gives the documents away; a preview keeps copies.
        let document = if keeping == Keep::Documents {
            let document = entry.1.clone();
            keep.insert(path, entry);
            document
        } else {
            entry.1
        };
        match document {
            Ok(Parsed::Inspection(d)) => content.inspections.push(d),
            Ok(Parsed::Plan(d)) => content.plans.push(d),
            Ok(Parsed::Briefing(d)) => content.briefings.push(d),
            Ok(Parsed::Page(d)) => content.pages.push(d),
            Ok(Parsed::Indicator(d)) => content.indicators.push(d),
            Err(d) => diagnostics.extend(d),
        }
    }
    cache.files = keep;
    (content, diagnostics)
}

/// The content files to read, in name order, with their kind and id.
fn documents(
    root: &Path,
    content_dir: &Path,
) -> (Vec<(PathBuf, DocKind, String)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Links are followed (a shared folder of pages linked in is read), but only
    // while they stay inside the site folder; a loop is reported by the walk.
    let mut walk = WalkDir::new(content_dir)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map_or_else(|| content_dir.to_path_buf(), Path::to_path_buf);
                diagnostics.push(Diagnostic::error(
                    relative(root, &path),
                    format!("cannot read: {error}"),
                ));
                continue;
            }
        };
        if entry.path_is_symlink() {
            if let Some(problem) = outside_link(&site, entry.path()) {
                diagnostics.push(
                    Diagnostic::error(relative(root, entry.path()), problem)
                        .hint("copy the file into content/, or link to a file or folder inside the site folder"),
                );
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            continue; // editor scratch files
        }
        let Ok(inside) = path.strip_prefix(content_dir) else {
            continue;
        };
        if inside == Path::new("site.yaml") || inside == Path::new(OWNERS) {
            continue;
        }
        // Meetings and baselines are read by `load_folder`.
        if inside.starts_with(MEETINGS) || inside.starts_with(BASELINES) {
            continue;
        }
        let folder = inside.parent().and_then(Path::to_str).unwrap_or_default();
        let Some(kind) = DocKind::ALL.iter().copied().find(|k| k.folder() == folder) else {
            diagnostics.push(
                Diagnostic::warning(relative(root, path), "this file is not part of the site and is ignored")
                    .hint("content/ holds site.yaml, owners.yaml, and inspections/*.yaml, plans/*.yaml, indicators/*.yaml, briefings/*.md and pages/*.md"),
            );
            continue;
        };
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let expected = kind.extension();
        if extension != expected && !(expected == "yaml" && extension == "yml") {
            diagnostics.push(Diagnostic::warning(
                relative(root, path),
                format!(
                    "this file is ignored: files in {}/ end in .{expected}",
                    kind.folder()
                ),
            ));
            continue;
        }
        let stem = path.file_stem().unwrap_or_default();
        let id = stem.to_str().unwrap_or_default().to_owned();
        if !is_document_id(&id) {
            let shown = stem.to_string_lossy();
            let mut example = crate::text::slug(&shown);
            if example.is_empty() {
                example = format!("new-{}", kind.noun());
            }
            let unreadable = if stem.to_str().is_none() {
                " (some of its characters cannot be read: they are shown as �)"
            } else {
                ""
            };
            diagnostics.push(
                Diagnostic::error(relative(root, path), format!("the file name \"{shown}\" cannot be used as an id{unreadable}"))
                    .hint(format!("file names give addresses on the site: use lower-case letters, digits and dashes, for example \"{example}\" (the file {example}.{})", kind.extension())),
            );
            continue;
        }
        files.push((path.to_path_buf(), kind, id));
    }
    (files, diagnostics)
}

/// Why a link in content/ is not read, if it is not: it leads outside the
/// site folder, or to a hidden file or into a hidden folder (`.env`,
/// `.git/config`), which is never content. Nothing of what it leads to is
/// read, so nothing of it can be quoted.
fn outside_link(site: &Path, link: &Path) -> Option<&'static str> {
    match inside::resolve(site, link) {
        Ok(_) => None,
        Err(inside::Refused::Nowhere) => Some("this link leads nowhere"),
        Err(inside::Refused::Outside) => Some("this is a link to something outside the site folder, which is not read: links in content/ must stay inside the site folder"),
        Err(inside::Refused::Hidden) => Some("this is a link to a hidden file or folder (a name starting with a dot, such as .env or .git/), which is never content and is not read"),
    }
}

/// The largest content file read: far above any council paper (the largest
/// plan of the example site is 55 KB), far below what would exhaust memory.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The folder under `content/` that holds the meetings' challenge logs.
pub(crate) const MEETINGS: &str = "meetings";

/// The folder under `content/` that holds the plans' baselines.
pub(crate) const BASELINES: &str = "baselines";

/// Reads the YAML files of a folder of `content/` (meetings, baselines), in
/// name order, each parsed with its file name.
fn load_folder<T>(
    root: &Path,
    content_dir: &Path,
    name: &str,
    parse: fn(SourceFile, String) -> Result<Loaded<T>, Unread>,
) -> (Vec<Loaded<T>>, Vec<Diagnostic>) {
    let mut meetings = Vec::new();
    let mut diagnostics = Vec::new();
    let folder = content_dir.join(name);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return (meetings, diagnostics);
    };
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let linked = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        // The walk of content/ reports such a link (see `documents`); it is not read.
        .filter(|p| !linked(p) || outside_link(&site, p).is_none())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            continue;
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if extension != "yaml" && extension != "yml" {
            diagnostics.push(Diagnostic::warning(
                relative(root, &path),
                format!("this file is ignored: files in {name}/ end in .yaml"),
            ));
            continue;
        }
        let cycle = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        match read_file(root, &path, 0) {
            Ok(Some(source)) => match parse(source, cycle) {
                Ok(meeting) => meetings.push(meeting),
                Err(d) => diagnostics.extend(d),
            },
            Ok(None) => {}
            Err(d) => diagnostics.push(d),
        }
    }
    (meetings, diagnostics)
}

fn parse_baseline(
    source: SourceFile,
    _: String,
) -> Result<Loaded<crate::model::baseline::Baseline>, Unread> {
    let value = parse_yaml(&source, Shape::Baseline)?;
    Ok(Loaded { value, source })
}

fn parse_meeting(source: SourceFile, cycle: String) -> Result<Loaded<Meeting>, Unread> {
    let mut value: Meeting = parse_yaml(&source, Shape::Meeting)?;
    value.cycle = cycle;
    Ok(Loaded { value, source })
}

fn load_document(root: &Path, path: &Path, kind: DocKind, id: String) -> Result<Parsed, Unread> {
    let Some(source) = read_file(root, path, 0).map_err(|d| vec![d])? else {
        return Err(vec![Diagnostic::error(
            relative(root, path),
            "the file disappeared while it was being read",
        )]);
    };
    parse_document(source, kind, id)
}

/// Parses a document of a kind from its text.
fn parse_document(source: SourceFile, kind: DocKind, id: String) -> Result<Parsed, Unread> {
    Ok(match kind {
        DocKind::Inspection => {
            let mut value: Inspection = parse_yaml(&source, Shape::Inspection)?;
            value.id = id;
            Parsed::Inspection(Loaded { value, source })
        }
        DocKind::Plan => {
            let mut value: Plan = parse_yaml(&source, Shape::Plan)?;
            value.id = id;
            Parsed::Plan(Loaded { value, source })
        }
        DocKind::Briefing => Parsed::Briefing(markdown_document(source, id, Shape::Briefing)?),
        DocKind::Page => Parsed::Page(markdown_document(source, id, Shape::Page)?),
        DocKind::Indicator => {
            let value: IndicatorFile = parse_yaml(&source, Shape::Indicator)?;
            Parsed::Indicator(Loaded {
                value: (id, value),
                source,
            })
        }
    })
}

/// Reads `<root>/content` as it would be with the plan at `path` (under the
/// site folder: `content/plans/<id>.yaml`) holding `text`, written or not:
/// a new file is checked with the site before anything is written.
pub(crate) fn load_as_if(root: &Path, path: &Path, text: &str) -> (Content, Vec<Diagnostic>) {
    let (mut content, mut diagnostics) = load(root);
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    // What the file on disk (if any) said gives way to the text.
    diagnostics.retain(|d| d.file != path);
    content.plans.retain(|p| p.source.path != path);
    content
        .unreadable
        .retain(|(kind, unread)| !(*kind == DocKind::Plan && *unread == id));
    match parse_document(SourceFile::new(path, text, 0), DocKind::Plan, id.clone()) {
        Ok(Parsed::Plan(plan)) => {
            // In file name order, as the folder is read.
            let at = content
                .plans
                .partition_point(|p| p.source.path.as_path() < path);
            content.plans.insert(at, plan);
        }
        Ok(_) => {}
        Err(problems) => {
            content.unreadable.push((DocKind::Plan, id));
            diagnostics.extend(problems);
        }
    }
    (content, diagnostics)
}

/// Content from texts rather than files, for tests of the later stages: each
/// file by its path under the site folder (`content/plans/p.yaml`).
#[cfg(test)]
pub(crate) fn from_texts(files: &[(&str, &str)]) -> (Content, Vec<Diagnostic>) {
    let mut content = Content::default();
    let mut diagnostics = Vec::new();
    for (path, text) in files {
        let source = SourceFile::new(*path, *text, 0);
        if *path == "content/site.yaml" {
            match parse_yaml::<SiteConfig>(&source, Shape::Settings) {
                Ok(value) => content.site = Some(Loaded { value, source }),
                Err(d) => diagnostics.extend(d),
            }
            continue;
        }
        if *path == "content/owners.yaml" {
            match parse_yaml::<Vec<Owner>>(&source, Shape::Owners) {
                Ok(value) => content.owners = Some(Loaded { value, source }),
                Err(d) => diagnostics.extend(d),
            }
            continue;
        }
        if let Some(cycle) = path
            .strip_prefix("content/meetings/")
            .and_then(|p| p.strip_suffix(".yaml"))
        {
            match parse_meeting(source, cycle.to_owned()) {
                Ok(meeting) => content.meetings.push(meeting),
                Err(d) => diagnostics.extend(d),
            }
            continue;
        }
        if path.starts_with("content/baselines/") {
            match parse_baseline(source, String::new()) {
                Ok(baseline) => content.baselines.push(baseline),
                Err(d) => diagnostics.extend(d),
            }
            continue;
        }
        let path = Path::new(path);
        let folder = path
            .parent()
            .and_then(Path::file_name)
            .and_then(|f| f.to_str());
        let kind = DocKind::ALL
            .into_iter()
            .find(|k| Some(k.folder()) == folder)
            .unwrap_or_else(|| panic!("no kind of document lives in {}", path.display()));
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        match parse_document(source, kind, id.to_owned()) {
            Ok(Parsed::Inspection(d)) => content.inspections.push(d),
            Ok(Parsed::Plan(d)) => content.plans.push(d),
            Ok(Parsed::Briefing(d)) => content.briefings.push(d),
            Ok(Parsed::Page(d)) => content.pages.push(d),
            Ok(Parsed::Indicator(d)) => content.indicators.push(d),
            Err(d) => diagnostics.extend(d),
        }
    }
    (content, diagnostics)
}

/// A Markdown file: its front matter read as `M`, and its body.
fn markdown_document<M: DeserializeOwned>(
    mut source: SourceFile,
    id: String,
    shape: Shape,
) -> Result<Loaded<model::document::Document<M>>, Unread> {
    let Some((_, body, body_line)) = split_front_matter(&source.text) else {
        return Err(vec![Diagnostic::error(&source.path, "the file has no front matter")
            .at(Some((1, 1)))
            .hint("start the file with a `---` line, then `title: ...` and the other details, then another `---` line, then the text")]);
    };
    let body = body.to_owned();
    source.line_offset = 1;
    let meta = parse_yaml(&source, shape)?;
    Ok(Loaded {
        value: model::document::Document {
            id,
            meta,
            body,
            body_line,
        },
        source,
    })
}

/// Reads a file as UTF-8 text; `Ok(None)` when it does not exist.
fn read_file(
    root: &Path,
    path: &Path,
    line_offset: usize,
) -> Result<Option<SourceFile>, Diagnostic> {
    use std::io::Read as _;
    let shown = relative(root, path);
    let read = std::fs::File::open(path).and_then(|file| {
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    let bytes = match read {
        Ok(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => {
            return Err(Diagnostic::error(
                shown,
                format!(
                    "the file is larger than {} MiB, the most a content file may be",
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            )
            .hint(
                "a council paper is far smaller: split the file, or check it is the file you meant",
            ));
        }
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(Diagnostic::error(
                shown,
                format!("cannot read the file: {error}"),
            ))
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_owned(),
                None => text,
            };
            if let Some((at, c)) = crate::text::first_control(&text) {
                return Err(Diagnostic::error(
                    shown,
                    format!(
                        "the file holds a control character, {}, here: \"{}\"",
                        crate::text::control_name(c),
                        crate::text::around(&text, at)
                    ),
                )
                .at(Some(position_of(&text, at)))
                .hint(CONTROL_HINT));
            }
            Ok(Some(SourceFile::new(shown, text, line_offset)))
        }
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let before = valid.rsplit('\n').next().unwrap_or_default();
            // Columns count characters, as an editor shows them (and YAML errors do).
            let before = if line == 1 {
                before.trim_start_matches('\u{feff}')
            } else {
                before
            };
            let column = before.chars().count() + 1;
            Err(Diagnostic::error(shown, "the file is not UTF-8 text")
                .at(Some((line, column)))
                .hint("save it as UTF-8 (in most editors: Save As, Encoding: UTF-8); text pasted from Word or Excel is the usual cause"))
        }
    }
}

/// What to do about a control character in a content file.
const CONTROL_HINT: &str = "delete it: a control character (a form feed, an escape, a bell...) can break the printed page or the screen it is shown on, so no text may carry one but a tab or a line break; most editors do not show them, and they come in with text pasted from elsewhere";

/// 1-based (line, column) of a byte offset, the column counted in
/// characters, as an editor shows it.
fn position_of(text: &str, at: usize) -> Position {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Problems that stop a file from being read.
type Unread = Vec<Diagnostic>;

fn parse_yaml<T: DeserializeOwned>(source: &SourceFile, shape: Shape) -> Result<T, Unread> {
    let yaml = source.yaml();
    if has_no_content(yaml) {
        let message = if yaml.trim().is_empty() {
            "the file is empty"
        } else {
            "the file is empty: it has only comments"
        };
        return Err(vec![Diagnostic::error(&source.path, message)
            .at(Some((1 + source.line_offset, 1)))
            .hint(
                "write the details as `name: value` lines, starting with `title: ...`",
            )]);
    }
    if let Err(too) = aliases::check(yaml) {
        let megabytes =
            |bytes: usize| format!("{}.{} MB", bytes / 1_000_000, bytes % 1_000_000 / 100_000);
        return Err(vec![Diagnostic::error(
            &source.path,
            format!(
                "the aliases in this file (here *{}) make it stand for more than {} of text, over the limit of {} ({} times the file's own size, or 1 MB for a small file)",
                too.alias,
                megabytes(too.size),
                megabytes(too.limit),
                aliases::FACTOR
            ),
        )
        .at(Some(source.in_file(too.at)))
        .hint("write the text out where it is needed, or use the alias fewer times")]);
    }
    if let Some(found) = escaped_control(source) {
        return Err(vec![found]);
    }
    let value = serde_yaml::from_str(yaml).map_err(|error| {
        let reported = error.location().map(|l| (l.line(), l.column()));
        let explained = explain::explain(&error.to_string(), yaml, source.line_offset);
        let position = explained.at.or(reported).map(|at| source.in_file(at));
        let missing_one = explained.message.starts_with("the required field");
        let mut diagnostic = Diagnostic::error(&source.path, explained.message)
            .at(position)
            .field(explained.field);
        if let Some(hint) = explained.hint {
            diagnostic = diagnostic.hint(hint);
        }
        if !missing_one {
            return vec![diagnostic];
        }
        // The reader stops at the first missing field: report every one.
        let mut all: Unread = required::missing(yaml, shape)
            .iter()
            .map(|field| {
                let name = field.to_string();
                let name = name.rsplit('.').next().unwrap_or(&name).to_owned();
                source
                    .error(field, format!("the required field \"{name}\" is missing"))
                    .hint(format!("add `{name}: ...` here"))
            })
            .collect();
        if !all.iter().any(|d| d.field == diagnostic.field) {
            all.push(diagnostic);
        }
        all
    })?;
    let mut blank: Unread = required::blank(yaml, shape)
        .iter()
        .map(|field| {
            let name = field.to_string();
            let name = name.rsplit('.').next().unwrap_or(&name).to_owned();
            source
                .error(field, format!("the required field \"{name}\" is empty"))
                .hint(blank_help(shape, &name))
        })
        .collect();
    blank.extend(
        required::emptied(yaml, shape)
            .into_iter()
            .map(|(field, message, help)| source.error(&field, message).hint(help)),
    );
    if blank.is_empty() {
        Ok(value)
    } else {
        Err(blank)
    }
}

/// What to write in a required field given empty.
fn blank_help(shape: Shape, name: &str) -> String {
    match (shape, name) {
        (Shape::Settings, "base_url") => "write the address the site is published at, such as `base_url: https://www.example.gov.uk/plans/`".to_owned(),
        // Settings, owners and plain pages are the site's own words, not a paper's.
        (Shape::Settings | Shape::Owners | Shape::Page, _) => {
            format!("write the {name} here; it cannot be left out, empty, only spaces or `~`")
        }
        _ => format!("write the {name} here, as the paper gives it; it cannot be left out, empty, only spaces or `~`"),
    }
}

/// A control character written as an escape in a double-quoted YAML string
/// (`"\f"`, `"\e"`, `"\x1b"`): the file's text holds none, the value does.
/// Reported at the escape, like a control character written as it is.
fn escaped_control(source: &SourceFile) -> Option<Diagnostic> {
    let yaml = source.yaml();
    // Only a backslash before a letter or digit that can write one calls for a second read.
    let may = yaml
        .as_bytes()
        .windows(2)
        .any(|pair| pair[0] == b'\\' && b"0abvfreNxuU".contains(&pair[1]));
    if !may {
        return None;
    }
    let document = serde_yaml::from_str::<serde_yaml::Value>(yaml).ok()?;
    let (field, c) = controlled(&document, &FieldPath::root())?;
    let at = spans::locate_all(yaml, std::slice::from_ref(&field))[0];
    let name = crate::text::control_name(c);
    let (position, message) = match at.and_then(|at| escape_at(yaml, at)) {
        Some((position, written)) => (
            Some(position),
            format!("the escape {written} writes a control character, {name}"),
        ),
        // Not in a value's quotes (in a name, say): at the field.
        None => (
            at,
            format!("an escape here writes a control character, {name}"),
        ),
    };
    Some(
        Diagnostic::error(&source.path, message)
            .at(position.map(|at| source.in_file(at)))
            .field(crate::text::shown(&field.to_string()))
            .hint(CONTROL_HINT.replacen("delete it", "delete the escape", 1)),
    )
}

/// The first name or text of a document that holds a control character, and the character.
fn controlled(value: &serde_yaml::Value, at: &FieldPath) -> Option<(FieldPath, char)> {
    use serde_yaml::Value;
    let found = |text: &str| crate::text::first_control(text).map(|(_, c)| c);
    match value {
        Value::String(text) => found(text).map(|c| (at.clone(), c)),
        Value::Mapping(map) => map.iter().find_map(|(key, value)| {
            let name = key.as_str().unwrap_or_default();
            let here = at.key(name);
            found(name)
                .map(|c| (here.clone(), c))
                .or_else(|| controlled(value, &here))
        }),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| controlled(item, &at.index(i))),
        Value::Tagged(tagged) => controlled(&tagged.value, at),
        _ => None,
    }
}

/// The first escape that writes a control character in the double-quoted
/// string that starts at `at` (1-based line and column), as written.
fn escape_at(yaml: &str, (line, column): Position) -> Option<(Position, String)> {
    let line_start = if line == 1 {
        0
    } else {
        yaml.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let start = line_start + yaml[line_start..].char_indices().nth(column - 1)?.0;
    let mut chars = yaml[start..]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .peekable();
    if chars.next()?.1 != '"' {
        return None;
    }
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let (_, letter) = chars.next()?;
                let digits = match letter {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                let mut code = String::new();
                for _ in 0..digits {
                    code.push(chars.next()?.1);
                }
                let written = match letter {
                    '0' => Some('\0'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'v' => Some('\u{b}'),
                    'f' => Some('\u{c}'),
                    'r' => Some('\r'),
                    'e' => Some('\u{1b}'),
                    'N' => Some('\u{85}'),
                    'x' | 'u' | 'U' => u32::from_str_radix(&code, 16).ok().and_then(char::from_u32),
                    _ => None,
                };
                // `\r\n` ends a line, which a value may do.
                let ends_line = letter == 'r' && yaml[chars.peek()?.0..].starts_with("\\n");
                if written.is_some_and(|c| c.is_control() && !matches!(c, '\t' | '\n'))
                    && !ends_line
                {
                    return Some((position_of(yaml, at), format!("\\{letter}{code}")));
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether YAML has nothing but blank lines, comments and `---` lines.
fn has_no_content(yaml: &str) -> bool {
    yaml.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// A path relative to the site root, as the user would type it.
pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_that_write_control_characters_are_found_where_they_are() {
        let yaml = "a: 1\ntitle: \"Café\\t\\r\\n\\\\f \\x1B\"\n";
        assert_eq!(escape_at(yaml, (2, 8)), Some(((2, 23), "\\x1B".to_owned())));
        assert_eq!(
            escape_at("t: \"a\\u000c\"", (1, 4)),
            Some(((1, 6), "\\u000c".to_owned()))
        );
        assert_eq!(escape_at("t: \"a\\tb\\r\\nc\\_\"", (1, 4)), None);
        assert_eq!(escape_at("t: 'a\\f'", (1, 4)), None);
        let source = SourceFile::new(
            "content/pages/p.md",
            "---\ntitle: \"A\\eB\"\n---\nText\n",
            1,
        );
        let found = escaped_control(&source).expect("an escape");
        assert_eq!((found.line, found.column), (Some(2), Some(10)));
        assert_eq!(
            found.message,
            "the escape \\e writes a control character, U+001B (escape)"
        );
        let source = SourceFile::new("content/site.yaml", "title: 'C:\\files\\x'\n", 0);
        assert!(escaped_control(&source).is_none());
    }

    #[test]
    fn comments_only_is_no_content() {
        assert!(has_no_content("# a plan to come"));
        assert!(has_no_content("---\n  # x\n\n"));
        assert!(!has_no_content("# x\ntitle: A\n"));
    }
}

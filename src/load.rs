//! Stage 1: read the content folder and parse every file, keeping the source text
//! so later stages can point at lines.

use crate::briefing::{split_front_matter, Briefing, BriefingMeta, Page, PageMeta};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::inspection::Inspection;
use crate::locate::{locate, FieldPath};
use crate::plan::Plan;
use crate::site::SiteConfig;
use crate::text::is_document_id;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file as read from disk, kept for locating problems in it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the site root, as shown in messages.
    pub path: PathBuf,
    pub text: String,
    /// Lines before the YAML starts (front matter sits below a `---` line).
    pub line_offset: usize,
}

impl SourceFile {
    /// 1-based (line, column) of a field, or of its nearest ancestor.
    pub fn position(&self, field: &FieldPath) -> Option<(usize, usize)> {
        locate(self.yaml(), field).map(|(line, column)| (line + self.line_offset, column))
    }

    /// An error at a field of this file.
    pub fn error(&self, field: &FieldPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message)
            .at(self.position(field))
            .field(field.to_string())
    }

    /// A warning at a field of this file.
    pub fn warning(&self, field: &FieldPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, message)
            .at(self.position(field))
            .field(field.to_string())
    }

    fn yaml(&self) -> &str {
        if self.line_offset == 0 {
            &self.text
        } else {
            split_front_matter(&self.text).map_or("", |(yaml, _, _)| yaml)
        }
    }
}

/// A parsed document with the file it came from.
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    pub value: T,
    pub source: SourceFile,
}

/// Everything under `content/`, parsed but not yet checked against itself.
#[derive(Debug, Default)]
pub struct Content {
    pub site: Option<Loaded<SiteConfig>>,
    pub inspections: Vec<Loaded<Inspection>>,
    pub plans: Vec<Loaded<Plan>>,
    pub briefings: Vec<Loaded<Briefing>>,
    pub pages: Vec<Loaded<Page>>,
    /// Documents that could not be read, by kind ("plan", ...) and id: references
    /// to them are not reported again, as their own error says it all.
    pub unreadable: Vec<(&'static str, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Inspection,
    Plan,
    Briefing,
    Page,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Inspection => "inspections",
            Kind::Plan => "plans",
            Kind::Briefing => "briefings",
            Kind::Page => "pages",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Inspection => "inspection",
            Kind::Plan => "plan",
            Kind::Briefing => "briefing",
            Kind::Page => "page",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Kind::Inspection | Kind::Plan => "yaml",
            Kind::Briefing | Kind::Page => "md",
        }
    }
}

const KINDS: [Kind; 4] = [Kind::Inspection, Kind::Plan, Kind::Briefing, Kind::Page];

/// One parsed file of any kind.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // short-lived, one per file
pub enum Document {
    Inspection(Loaded<Inspection>),
    Plan(Loaded<Plan>),
    Briefing(Loaded<Briefing>),
    Page(Loaded<Page>),
}

/// What a file looked like when it was last parsed: size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

/// Parsed files kept between loads, so a preview re-reads only what changed.
#[derive(Default)]
pub struct Cache {
    files: std::collections::HashMap<PathBuf, (Stamp, Result<Document, Diagnostic>)>,
    /// Files parsed (not taken from the cache) by the last load.
    pub reparsed: Vec<PathBuf>,
}

impl Cache {
    /// Forgets a file, so the next load reads it whatever its stamp says.
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }
}

fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path).map_or((0, None), |m| (m.len(), m.modified().ok()))
}

/// Reads `<root>/content`. Problems are collected, never raised.
pub fn load(root: &Path) -> (Content, Vec<Diagnostic>) {
    load_with(root, &mut Cache::default())
}

/// Like [`load`], parsing only the files that changed since `cache` saw them.
pub fn load_with(root: &Path, cache: &mut Cache) -> (Content, Vec<Diagnostic>) {
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

    match read_file(root, &content_dir.join("site.yaml"), 0) {
        Ok(Some(source)) => match parse_yaml::<SiteConfig>(&source) {
            Ok(value) => content.site = Some(Loaded { value, source }),
            Err(d) => diagnostics.push(d),
        },
        Ok(None) => diagnostics.push(
            Diagnostic::error("content/site.yaml", "the site settings file is missing").hint(
                "create content/site.yaml with at least `title`, `organisation` and `base_url`",
            ),
        ),
        Err(d) => diagnostics.push(d),
    }

    let (files, mut found) = documents(root, &content_dir);
    diagnostics.append(&mut found);
    let stamps: Vec<Stamp> = files.par_iter().map(|(path, _, _)| stamp(path)).collect();
    let parsed: Vec<Option<Result<Document, Diagnostic>>> = files
        .par_iter()
        .zip(&stamps)
        .map(|((path, kind, id), stamp)| match cache.files.get(path) {
            Some((seen, _)) if seen == stamp => None,
            _ => Some(load_document(root, path, *kind, id.clone())),
        })
        .collect();
    cache.reparsed.clear();
    let mut keep = std::collections::HashMap::with_capacity(files.len());
    for (((path, kind, id), stamp), parsed) in files.into_iter().zip(stamps).zip(parsed) {
        let entry = match parsed {
            Some(result) => {
                cache.reparsed.push(path.clone());
                (stamp, result)
            }
            None => cache.files.remove(&path).unwrap_or((
                stamp,
                Err(Diagnostic::error(
                    &path,
                    "internal error: lost from the cache",
                )),
            )),
        };
        if entry.1.is_err() {
            content.unreadable.push((kind.noun(), id.clone()));
        }
        match &entry.1 {
            Ok(Document::Inspection(d)) => content.inspections.push(d.clone()),
            Ok(Document::Plan(d)) => content.plans.push(d.clone()),
            Ok(Document::Briefing(d)) => content.briefings.push(d.clone()),
            Ok(Document::Page(d)) => content.pages.push(d.clone()),
            Err(d) => diagnostics.push(d.clone()),
        }
        keep.insert(path, entry);
    }
    cache.files = keep;
    (content, diagnostics)
}

/// The content files to read, in name order, with their kind and id.
fn documents(root: &Path, content_dir: &Path) -> (Vec<(PathBuf, Kind, String)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for entry in WalkDir::new(content_dir).min_depth(1).sort_by_file_name() {
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
        if inside == Path::new("site.yaml") {
            continue;
        }
        let folder = inside.parent().and_then(Path::to_str).unwrap_or_default();
        let Some(kind) = KINDS.iter().copied().find(|k| k.folder() == folder) else {
            diagnostics.push(
                Diagnostic::warning(relative(root, path), "this file is not part of the site and is ignored")
                    .hint("content/ holds site.yaml, and inspections/*.yaml, plans/*.yaml, briefings/*.md and pages/*.md"),
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
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if !is_document_id(&id) {
            diagnostics.push(
                Diagnostic::error(relative(root, path), format!("the file name \"{id}\" cannot be used as an id"))
                    .hint(format!("file names give addresses on the site: use lower-case letters, digits and dashes, for example \"{}\"", crate::text::slug(&id))),
            );
            continue;
        }
        files.push((path.to_path_buf(), kind, id));
    }
    (files, diagnostics)
}

fn load_document(root: &Path, path: &Path, kind: Kind, id: String) -> Result<Document, Diagnostic> {
    let Some(mut source) = read_file(root, path, 0)? else {
        return Err(Diagnostic::error(
            relative(root, path),
            "the file disappeared while it was being read",
        ));
    };
    Ok(match kind {
        Kind::Inspection => {
            let mut value: Inspection = parse_yaml(&source)?;
            value.id = id;
            Document::Inspection(Loaded { value, source })
        }
        Kind::Plan => {
            let mut value: Plan = parse_yaml(&source)?;
            value.id = id;
            Document::Plan(Loaded { value, source })
        }
        Kind::Briefing | Kind::Page => {
            let Some((_, body, body_line)) = split_front_matter(&source.text) else {
                return Err(Diagnostic::error(&source.path, "the file has no front matter")
                    .at(Some((1, 1)))
                    .hint("start the file with a `---` line, then `title: ...` and the other details, then another `---` line, then the text"));
            };
            let body = body.to_owned();
            source.line_offset = 1;
            if kind == Kind::Briefing {
                let meta: BriefingMeta = parse_yaml(&source)?;
                Document::Briefing(Loaded {
                    value: Briefing {
                        id,
                        meta,
                        body,
                        body_line,
                    },
                    source,
                })
            } else {
                let meta: PageMeta = parse_yaml(&source)?;
                Document::Page(Loaded {
                    value: Page {
                        id,
                        meta,
                        body,
                        body_line,
                    },
                    source,
                })
            }
        }
    })
}

/// Reads a file as UTF-8 text; `Ok(None)` when it does not exist.
fn read_file(
    root: &Path,
    path: &Path,
    line_offset: usize,
) -> Result<Option<SourceFile>, Diagnostic> {
    let shown = relative(root, path);
    let bytes = match std::fs::read(path) {
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
        Ok(text) => Ok(Some(SourceFile {
            path: shown,
            text: text
                .strip_prefix('\u{feff}')
                .map(str::to_owned)
                .unwrap_or(text),
            line_offset,
        })),
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            Err(Diagnostic::error(shown, "the file is not UTF-8 text")
                .at(Some((line, column)))
                .hint("save it as UTF-8 (in most editors: Save As, Encoding: UTF-8); text pasted from Word or Excel is the usual cause"))
        }
    }
}

/// Parses YAML into `T`, turning the parser's error into a diagnostic for people.
fn parse_yaml<T: DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    let yaml = source.yaml();
    if yaml.trim().is_empty() {
        return Err(Diagnostic::error(&source.path, "the file is empty")
            .at(Some((1 + source.line_offset, 1))));
    }
    serde_yaml::from_str(yaml).map_err(|error| {
        let position = error
            .location()
            .map(|l| (l.line() + source.line_offset, l.column()));
        let (field, message, hint) = explain(&error.to_string());
        let mut diagnostic = Diagnostic::error(&source.path, message)
            .at(position)
            .field(field);
        if let Some(hint) = hint {
            diagnostic = diagnostic.hint(hint);
        }
        diagnostic
    })
}

/// Rewrites a YAML/serde error message for a reader who is not a programmer.
fn explain(raw: &str) -> (String, String, Option<String>) {
    let raw = raw.split(" at line ").next().unwrap_or(raw).trim();
    let (field, message) = match raw.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => (path.to_owned(), rest),
        _ => (String::new(), raw),
    };
    let quoted = |s: &str| s.replace('`', "\"");

    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, expected) = split_expected(rest);
        let hint = expected_hint(&name, &expected, "fields allowed here");
        return (field, format!("unknown field \"{name}\""), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, expected) = split_expected(rest);
        let hint = expected_hint(&name, &expected, "expected one of");
        return (
            field,
            format!("\"{name}\" is not one of the allowed values"),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        let path = if field.is_empty() {
            name.to_owned()
        } else {
            format!("{field}.{name}")
        };
        return (
            path,
            format!("the required field \"{name}\" is missing"),
            Some(format!("add `{name}: ...` here")),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "something else"));
        let found = match found {
            "sequence" => "a list".to_owned(),
            "map" => "a group of fields".to_owned(),
            "unit value" => "nothing".to_owned(),
            other => quoted(other),
        };
        return (
            field,
            format!(
                "wrong kind of value: found {found}, expected {}",
                quoted(expected)
            ),
            None,
        );
    }
    if message.starts_with("did not find expected")
        || message.starts_with("mapping values are not allowed")
        || message.starts_with("found ")
        || message.starts_with("while ")
        || message.contains("while parsing")
        || message.contains("while scanning")
    {
        return (
            field,
            format!("this is not valid YAML: {}", quoted(message)),
            Some("check the indentation (spaces, not tabs) and put text containing `: ` or starting with a special character in quotes".to_owned()),
        );
    }
    (field, quoted(message), None)
}

/// `"x", expected one of "a", "b"` gives `("x", ["a", "b"])`.
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let name = name.trim_matches('`').to_owned();
    let expected = expected
        .trim_start_matches("one of ")
        .split(", ")
        .map(|s| s.trim_matches('`').to_owned())
        .filter(|s| !s.is_empty() && !s.contains(' '))
        .collect();
    (name, expected)
}

fn expected_hint(name: &str, expected: &[String], lead: &str) -> String {
    let list = expected.join(", ");
    match did_you_mean(name, expected.iter().map(String::as_str)) {
        Some(close) => format!("did you mean \"{close}\"? ({lead}: {list})"),
        None if list.is_empty() => "remove it: nothing may be given here".to_owned(),
        None => format!("{lead}: {list}"),
    }
}

/// A path relative to the site root, as the user would type it.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_unknown_fields_with_a_suggestion() {
        let (field, message, hint) =
            explain("sections[0]: unknown field `titel`, expected one of `id`, `title`, `recommendations`, `actions` at line 3 column 5");
        assert_eq!(field, "sections[0]");
        assert_eq!(message, "unknown field \"titel\"");
        assert_eq!(
            hint.unwrap(),
            "did you mean \"title\"? (fields allowed here: id, title, recommendations, actions)"
        );
    }

    #[test]
    fn explains_wrong_types() {
        let (field, message, _) = explain("recommendations[0].text: invalid type: sequence, expected a string at line 4 column 11");
        assert_eq!(field, "recommendations[0].text");
        assert_eq!(
            message,
            "wrong kind of value: found a list, expected a string"
        );
    }

    #[test]
    fn explains_missing_fields() {
        let (field, message, _) =
            explain("recommendations[0].actions[1]: missing field `text` at line 9 column 9");
        assert_eq!(field, "recommendations[0].actions[1].text");
        assert_eq!(message, "the required field \"text\" is missing");
    }
}

//! Stage 1: read the content folder and parse every file, keeping the source text
//! so later stages can point at lines.

pub mod spans;

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::spans::{yaml_lines, FieldPath, Position, Positions};
use crate::model::document::{split_front_matter, Briefing, BriefingMeta, Page, PageMeta};
use crate::model::inspection::Inspection;
use crate::model::plan::Plan;
use crate::model::settings::SiteConfig;
use crate::text::is_document_id;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use walkdir::WalkDir;

/// A file as read from disk, kept for locating problems in it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the site root, as shown in messages.
    pub path: PathBuf,
    pub text: String,
    /// Lines before the YAML starts (front matter sits below a `---` line).
    pub line_offset: usize,
    /// Where every field is, found the first time a problem needs it.
    positions: Arc<OnceLock<Positions>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>, line_offset: usize) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_offset,
            positions: Arc::default(),
        }
    }

    /// 1-based (line, column) of a field, or of its nearest ancestor.
    pub fn position(&self, field: &FieldPath) -> Option<Position> {
        self.positions()
            .find(field)
            .map(|(line, column)| (line + self.line_offset, column))
    }

    /// Where every field of the YAML is; read once, the first time it is asked for.
    pub fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| Positions::new(self.yaml()))
    }

    /// Line `line` (1-based) of the YAML, as the YAML parser counts lines.
    pub fn yaml_line(&self, line: usize) -> Option<&str> {
        self.positions().line(self.yaml(), line)
    }

    /// 1-based (line, column) of a position inside the YAML, as a position in the file.
    pub fn in_file(&self, (line, column): Position) -> Position {
        (line + self.line_offset, column)
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

    /// The YAML of the file: all of it, or its front matter.
    pub fn yaml(&self) -> &str {
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
    load_inner(root, &mut Cache::default(), false)
}

/// Like [`load`], parsing only the files that changed since `cache` saw them.
pub fn load_with(root: &Path, cache: &mut Cache) -> (Content, Vec<Diagnostic>) {
    load_inner(root, cache, true)
}

fn load_inner(root: &Path, cache: &mut Cache, keeping: bool) -> (Content, Vec<Diagnostic>) {
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
    let mut keep = std::collections::HashMap::with_capacity(if keeping { files.len() } else { 0 });
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
        // A one-off load (check, build) gives the documents away; a preview keeps copies.
        let document = if keeping {
            let document = entry.1.clone();
            keep.insert(path, entry);
            document
        } else {
            entry.1
        };
        match document {
            Ok(Document::Inspection(d)) => content.inspections.push(d),
            Ok(Document::Plan(d)) => content.plans.push(d),
            Ok(Document::Briefing(d)) => content.briefings.push(d),
            Ok(Document::Page(d)) => content.pages.push(d),
            Err(d) => diagnostics.push(d),
        }
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
        Ok(text) => {
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_owned(),
                None => text,
            };
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

/// Parses YAML into `T`, turning the parser's error into a diagnostic for people.
fn parse_yaml<T: DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    let yaml = source.yaml();
    if has_no_content(yaml) {
        let message = if yaml.trim().is_empty() {
            "the file is empty"
        } else {
            "the file is empty: it has only comments"
        };
        return Err(Diagnostic::error(&source.path, message)
            .at(Some((1 + source.line_offset, 1)))
            .hint("write the details as `name: value` lines, starting with `title: ...`"));
    }
    serde_yaml::from_str(yaml).map_err(|error| {
        let reported = error.location().map(|l| (l.line(), l.column()));
        let explained = explain(&error.to_string(), yaml, source.line_offset);
        let position = explained.at.or(reported).map(|at| source.in_file(at));
        let mut diagnostic = Diagnostic::error(&source.path, explained.message)
            .at(position)
            .field(explained.field);
        if let Some(hint) = explained.hint {
            diagnostic = diagnostic.hint(hint);
        }
        diagnostic
    })
}

/// Whether YAML has nothing but blank lines, comments and `---` lines.
fn has_no_content(yaml: &str) -> bool {
    yaml.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// A parser's error, rewritten for a reader who is not a programmer.
#[derive(Debug)]
struct Explained {
    /// Where in the document, e.g. `recommendations[0].title`; empty if unknown.
    field: String,
    message: String,
    hint: Option<String>,
    /// Where the problem is in the YAML, when the parser's position is not the best one.
    at: Option<Position>,
}

impl Explained {
    fn new(field: impl Into<String>, message: impl Into<String>, hint: Option<String>) -> Self {
        Explained {
            field: field.into(),
            message: message.into(),
            hint,
            at: None,
        }
    }

    #[must_use]
    fn at(mut self, at: Option<Position>) -> Self {
        self.at = at;
        self
    }
}

/// Rewrites a YAML/serde error message for a reader who is not a programmer.
/// `yaml` is the text that was parsed, `line_offset` the lines of the file above it.
fn explain(raw: &str, yaml: &str, line_offset: usize) -> Explained {
    if raw.starts_with("deserializing from YAML containing more than one document") {
        return Explained::new(
            "",
            "the file holds a second document, which starts at this `---` line",
            Some("a file holds one document: remove the second `---` line (if what follows it belongs in another file, move it there)".to_owned()),
        )
        .at(second_document(yaml));
    }
    if let Some(syntax) = Syntax::parse(raw) {
        return syntax.explain(yaml, line_offset);
    }
    let raw = raw.split(" at line ").next().unwrap_or(raw).trim();
    let (field, message) = match raw.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => (path.to_owned(), rest),
        _ => (String::new(), raw),
    };
    let within = |name: &str| {
        if field.is_empty() {
            name.to_owned()
        } else {
            format!("{field}.{name}")
        }
    };

    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, expected) = split_expected(rest);
        let hint = expected_hint(&name, &expected, "fields allowed here");
        return Explained::new(
            within(&name),
            format!("unknown field \"{name}\""),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, expected) = split_expected(rest);
        let hint = expected_hint(&name, &expected, "expected one of");
        return Explained::new(
            field,
            format!("\"{name}\" is not one of the allowed values"),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return Explained::new(
            within(name),
            format!("the required field \"{name}\" is missing"),
            Some(format!("add `{name}: ...` here")),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let name = rest.trim_matches('`');
        let path = within(name);
        let positions = Positions::new(yaml);
        let repeated = positions.repeats().find(|(p, _)| p.to_string() == path);
        let first = repeated
            .as_ref()
            .and_then(|(p, _)| positions.key(p))
            .map(|(line, _)| format!(" (the first is on line {})", line + line_offset))
            .unwrap_or_default();
        return Explained::new(
            path,
            format!("the field \"{name}\" is given twice"),
            Some(format!(
                "keep one `{name}:` line{first}: each field may be given once in its group"
            )),
        )
        .at(repeated.map(|(_, at)| at));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "something else"));
        let found = found_words(found);
        let expected = expected_words(expected);
        let hint = type_hint(&found, &expected);
        return Explained::new(
            field,
            format!("wrong kind of value: found {found}, expected {expected}"),
            hint,
        );
    }
    Explained::new(field, quoted(message), None)
}

/// Backquotes (the parser's way of quoting) as double quotes.
fn quoted(s: &str) -> String {
    s.replace('`', "\"")
}

/// What the parser found, in words: `string "x"` is `the text "x"`.
fn found_words(found: &str) -> String {
    let value = |rest: &str| quoted(rest).trim_matches('"').to_owned();
    match found {
        "sequence" => "a list".to_owned(),
        "map" => "a group of fields".to_owned(),
        "unit value" => "nothing".to_owned(),
        "enum" => "a value marked with \"!\"".to_owned(),
        _ => {
            if let Some(text) = found.strip_prefix("string ") {
                format!("the text {text}")
            } else if let Some(number) = found
                .strip_prefix("integer ")
                .or_else(|| found.strip_prefix("floating point "))
            {
                format!("the number {}", value(number))
            } else if let Some(word) = found.strip_prefix("boolean ") {
                format!("the word {} (a yes/no value)", value(word))
            } else {
                quoted(found)
            }
        }
    }
}

/// What the parser expected, in words: `a sequence` is `a list`.
fn expected_words(expected: &str) -> String {
    match expected {
        "a sequence" => "a list".to_owned(),
        "a string" | "a borrowed string" | "a character" => "a piece of text".to_owned(),
        "a map" => "a group of fields".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a YAML tag starting with '!'" => "one word from the list of allowed values".to_owned(),
        "unit" => "nothing".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => "a whole number".to_owned(),
        other if other.starts_with("struct ") => "a group of fields".to_owned(),
        other if other.starts_with("a sequence of ") || other.starts_with("tuple ") => {
            "a list".to_owned()
        }
        other => quoted(other),
    }
}

/// What would be right, for a value of the wrong kind.
fn type_hint(found: &str, expected: &str) -> Option<String> {
    let text_expected = expected.contains("text") || expected.contains("name");
    if text_expected && (found.starts_with("the number") || found.starts_with("the word")) {
        return Some("put the value in quotes, so it is read as text".to_owned());
    }
    if text_expected && (found == "a list" || found == "a group of fields") {
        return Some("if this is text, put it in quotes: text that starts with [ or {, or that contains `: `, must be in quotes".to_owned());
    }
    match expected {
        "a list" => Some(
            "write a list as [first, second], or as lines below this one, each starting with `- `"
                .to_owned(),
        ),
        "a group of fields" => {
            Some("write it as `name: value` lines, indented below this one".to_owned())
        }
        _ => None,
    }
}

/// The line of the second document in a YAML text: its `---` line, or its
/// first line after a `...` line.
/// Where the quoted text that ends just before `at` was opened, when that is on
/// an earlier line: (line, column, the quote mark). Escaped quote marks inside
/// double quotes (`\"`) are skipped.
fn opening_quote(lines: &[&str], at: Option<Position>) -> Option<(usize, usize, char)> {
    let (line, column) = at?;
    let here: Vec<char> = lines
        .get(line.checked_sub(1)?)?
        .chars()
        .take(column.saturating_sub(1))
        .collect();
    let closing = here.iter().rposition(|c| *c == '"' || *c == '\'')?;
    let quote = here[closing];
    let is_open = |chars: &[char], i: usize| {
        chars[i] == quote && (quote != '"' || i == 0 || chars[i - 1] != '\\')
    };
    if (0..closing).any(|i| is_open(&here, i)) {
        return None; // opened and closed on the same line
    }
    // The opening mark starts a value: after `key: ` or `- `.
    let starts_value = |chars: &[char], i: usize| {
        let before: String = chars[..i].iter().collect();
        let before = before.trim_end_matches(' ');
        before.ends_with(':') || before.ends_with('-') || before.is_empty()
    };
    for earlier in (1..line).rev() {
        let chars: Vec<char> = lines.get(earlier - 1)?.chars().collect();
        let marks: Vec<usize> = (0..chars.len()).filter(|&i| is_open(&chars, i)).collect();
        // A line with an odd number of marks leaves one open.
        if marks.len() % 2 == 1 && starts_value(&chars, marks[0]) {
            return Some((earlier, marks[0] + 1, quote));
        }
    }
    None
}

fn second_document(yaml: &str) -> Option<Position> {
    let marker = |line: &str, mark: &str| {
        line.strip_prefix(mark)
            .is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace))
    };
    let mut begun = false;
    let mut ended = false;
    for (i, line) in yaml_lines(yaml).into_iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if marker(line, "---") {
            if begun {
                return Some((i + 1, 1));
            }
        } else if marker(line, "...") {
            ended = true;
            continue;
        } else if ended {
            return Some((i + 1, 1));
        }
        begun = true;
    }
    None
}

/// An error from the YAML parser itself (the text is not valid YAML), taken apart:
/// `found unexpected end of stream at line 9 column 1, while scanning a quoted scalar at line 8 column 19`.
#[derive(Debug)]
struct Syntax<'a> {
    problem: &'a str,
    at: Option<Position>,
    /// Byte offset, for errors in reading the characters of the file.
    offset: Option<usize>,
    /// What the parser was doing: `scanning a quoted scalar`.
    context: Option<&'a str>,
    context_at: Option<Position>,
}

/// How the YAML parser's own messages start (others come from reading the values).
const SYNTAX_PROBLEMS: [&str; 21] = [
    "found ",
    "did not find ",
    "could not find ",
    "mapping values are not allowed",
    "mapping keys are not allowed",
    "block sequence entries are not allowed",
    "control characters are not allowed",
    "invalid Unicode",
    "invalid leading UTF-8",
    "invalid trailing UTF-8",
    "invalid length of a UTF-8",
    "incomplete UTF-8",
    "unexpected low surrogate",
    "expected low surrogate",
    "tag ",
    "anchor value ",
    "alias value ",
    "unknown anchor",
    "recursion limit exceeded",
    "repetition limit exceeded",
    "EOF while parsing",
];

impl<'a> Syntax<'a> {
    fn parse(raw: &'a str) -> Option<Syntax<'a>> {
        let (head, context) = match raw.split_once(", while ") {
            Some((head, context)) => (head, Some(context)),
            None => (raw, None),
        };
        let (problem, at, offset) = split_mark(head);
        if problem.contains(": ") || !SYNTAX_PROBLEMS.iter().any(|p| problem.starts_with(p)) {
            return None;
        }
        let (context, context_at) = match context.map(split_mark) {
            Some((context, at, _)) => (Some(context), at),
            None => (None, None),
        };
        Some(Syntax {
            problem,
            at,
            offset,
            context,
            context_at,
        })
    }

    fn explain(&self, yaml: &str, line_offset: usize) -> Explained {
        let invalid = |what: &str| format!("this is not valid YAML: {what}");
        let at = match self.offset {
            Some(offset) => Some(position_of_byte(yaml, offset)),
            None => self.at,
        };
        let lines = yaml_lines(yaml);
        let line = |at: Option<Position>| {
            at.and_then(|(line, _)| lines.get(line.checked_sub(1)?).copied())
                .unwrap_or_default()
        };
        let char_at = |at: Option<Position>| {
            let (_, column) = at?;
            line(at).chars().nth(column.checked_sub(1)?)
        };
        let context = self.context.unwrap_or_default();
        let starts_at = |what: &str| match self.context_at {
            Some((context_line, _)) => {
                format!("{what} that starts on line {}", context_line + line_offset)
            }
            None => what.to_owned(),
        };
        let indentation = "check the indentation: the fields of one group start in the same column, and so do the `- ` items of a list (use spaces, not tabs)";
        let special = "text that starts with * & ! | > % @ or ` must be in quotes";

        match self.problem {
            "found unexpected end of stream" if context.starts_with("scanning a quoted scalar") => {
                let quote = char_at(self.context_at).unwrap_or('"');
                let inside = if quote == '\'' {
                    "to write a quote mark inside '...', type ''"
                } else {
                    "to write a quote mark inside \"...\", type \\\""
                };
                Explained::new(
                    "",
                    invalid(&format!("the quote mark ({quote}) that opens the text here is never closed, so the rest of the file is read as part of the text")),
                    Some(format!("put a closing {quote} at the end of the text ({inside})")),
                )
                .at(self.context_at.or(at))
            }
            "could not find expected ':'" if context.starts_with("scanning a simple key") => {
                let text = line(self.context_at).trim();
                let example = match text.split_once(' ') {
                    Some((name, value)) => format!("`{name}: {}`", value.trim()),
                    None => format!("`{text}: ...`"),
                };
                Explained::new(
                    "",
                    invalid("this line has no colon after the field name"),
                    Some(format!("put `: ` (a colon and a space) between the field name and its value, for example {example}; if the line continues the text above it, indent it further than the field name, or put the whole text in quotes")),
                )
                .at(self.context_at.or(at))
            }
            "found a tab character that violates indentation"
            | "found a tab character where an indentation space is expected" => Explained::new(
                "",
                invalid("a tab character is used to indent this line"),
                Some("indent with spaces, not tabs (most editors can be set to type spaces for the Tab key)".to_owned()),
            )
            .at(at),
            "found character that cannot start any token" if char_at(at) == Some('\t') => {
                Explained::new(
                    "",
                    invalid("a tab character cannot be used here"),
                    Some("use spaces, not tabs".to_owned()),
                )
                .at(at)
            }
            "unknown anchor" | "found character that cannot start any token" => {
                let first = char_at(at).map_or(String::new(), |c| format!(" \"{c}\""));
                let example = quote_from(line(at), at)
                    .map(|e| format!(", for example {e}"))
                    .unwrap_or_default();
                Explained::new(
                    "",
                    invalid(&format!("text that starts with{first} must be in quotes")),
                    Some(format!("put the text in quotes{example} ({special})")),
                )
                .at(at)
            }
            "did not find expected comment or line break"
                if context.starts_with("scanning a block scalar") =>
            {
                let first = char_at(self.context_at).map_or(String::new(), |c| format!(" \"{c}\""));
                let example = quote_from(line(self.context_at), self.context_at)
                    .map(|e| format!(", for example {e}"))
                    .unwrap_or_default();
                Explained::new(
                    "",
                    invalid(&format!("text that starts with{first} must be in quotes")),
                    Some(format!("put the text in quotes{example} ({special})")),
                )
                .at(self.context_at.or(at))
            }
            "mapping values are not allowed in this context" => {
                let text = line(at);
                let value = text.find(": ").map(|i| {
                    let start = i + 2 + (text[i + 2..].len() - text[i + 2..].trim_start().len());
                    (at.map_or(1, |(l, _)| l), text[..start].chars().count() + 1)
                });
                let example = value
                    .filter(|&(_, column)| at.is_some_and(|(_, problem)| column < problem))
                    .and_then(|value| quote_from(text, Some(value)))
                    .map(|e| format!(", for example {e}"))
                    .unwrap_or_default();
                Explained::new(
                    "",
                    invalid("a colon and a space (`: `) are not allowed here"),
                    Some(format!("text that contains `: ` must be in quotes{example}; if this line is a field of its own, {indentation}")),
                )
                .at(at)
            }
            "block sequence entries are not allowed in this context" => Explained::new(
                "",
                invalid("a list item (`- `) cannot start here"),
                Some("start a list on the line below, indented, with one `- ` item per line; text that starts with `- ` must be in quotes".to_owned()),
            )
            .at(at),
            "did not find expected key" | "did not find expected '-' indicator" => {
                let text = line(at);
                let column = at.map_or(1, |(_, c)| c);
                let indented = text.chars().take(column - 1).all(|c| c == ' ');
                let after_quote = text
                    .chars()
                    .take(column - 1)
                    .collect::<String>()
                    .trim_end()
                    .ends_with(['"', '\'']);
                let opened = after_quote.then(|| opening_quote(&lines, at)).flatten();
                if let (Some((open_line, open_column, quote)), Some((error_line, _))) = (opened, at) {
                    // The quote that "closes" here was opened lines earlier and never closed there.
                    Explained::new(
                        "",
                        invalid(&format!("the quote mark ({quote}) that opens the text here is not closed on this line, so everything up to line {} is read as part of the text", error_line + line_offset)),
                        Some(format!("put a closing {quote} at the end of the text on this line (inside \"...\", write a quote mark as \\\"; inside '...', as '')")),
                    )
                    .at(Some((open_line, open_column)))
                } else if !indented && after_quote {
                    Explained::new(
                        "",
                        invalid("there is more text after the closing quote mark"),
                        Some("put the whole text inside the quotes (inside \"...\", write a quote mark as \\\"; inside '...', as '')".to_owned()),
                    )
                    .at(at)
                } else {
                    Explained::new(
                        "",
                        invalid(&format!(
                            "this line does not line up with the {}",
                            starts_at(if self.problem.contains('-') {
                                "list"
                            } else {
                                "group of fields"
                            })
                        )),
                        Some(format!("{indentation}; text that contains `: ` or starts with a special character must be in quotes")),
                    )
                    .at(at)
                }
            }
            "did not find expected ',' or ']'" | "did not find expected ',' or '}'" => {
                let (open, close, what) = if self.problem.ends_with("']'") {
                    ('[', ']', "list")
                } else {
                    ('{', '}', "group")
                };
                Explained::new(
                    "",
                    invalid(&format!("the {what} opened with \"{open}\" here is not closed with \"{close}\"")),
                    Some(format!("close it with \"{close}\" and separate its items with commas; text that starts with \"{open}\" must be in quotes")),
                )
                .at(self.context_at.or(at))
            }
            "found unknown escape character" => Explained::new(
                "",
                invalid("in text in double quotes, a backslash (\\) must be followed by a known code such as \\n (a new line) or \\\" (a quote mark)"),
                Some("write \\\\ for a backslash, or put the text in single quotes ('...') instead".to_owned()),
            )
            .at(at),
            "control characters are not allowed" => Explained::new(
                "",
                "the file contains a control character (an invisible character that is not text)",
                Some("delete it; it usually comes from text pasted from another program".to_owned()),
            )
            .at(at),
            "recursion limit exceeded" => Explained::new(
                "",
                "lists and groups are nested too deeply here (more than 128 levels)",
                None,
            )
            .at(at),
            "repetition limit exceeded" => Explained::new(
                "",
                "the file repeats `*name` references too many times",
                Some("write the values out instead of referring to them".to_owned()),
            )
            .at(at),
            problem => {
                let doing = match context.split(" at ").next().unwrap_or_default() {
                    "scanning a quoted scalar" | "parsing a quoted scalar" => {
                        starts_at("in the quoted text")
                    }
                    "scanning a plain scalar" => starts_at("in the text"),
                    "scanning a simple key" => starts_at("in the field name"),
                    "scanning a block scalar" => starts_at("in the block of text"),
                    "parsing a block mapping" | "parsing a flow mapping" => {
                        starts_at("in the group of fields")
                    }
                    "parsing a block collection" | "parsing a flow sequence" => {
                        starts_at("in the list")
                    }
                    _ => String::new(),
                };
                let doing = if doing.is_empty() {
                    doing
                } else {
                    format!(", {doing}")
                };
                Explained::new(
                    "",
                    invalid(&format!("{}{doing}", quoted(problem))),
                    Some("check the indentation (spaces, not tabs) and put text containing `: ` or starting with a special character in quotes".to_owned()),
                )
                .at(at)
            }
        }
    }
}

/// `text at line 3 column 5` gives `("text", Some((3, 5)), None)`; `text at position 7` gives the offset.
fn split_mark(text: &str) -> (&str, Option<Position>, Option<usize>) {
    if let Some((before, mark)) = text.rsplit_once(" at line ") {
        if let Some((line, column)) = mark.split_once(" column ") {
            if let (Ok(line), Ok(column)) = (line.parse(), column.parse()) {
                return (before, Some((line, column)), None);
            }
        }
    }
    if let Some((before, offset)) = text.rsplit_once(" at position ") {
        if let Ok(offset) = offset.parse() {
            return (before, None, Some(offset));
        }
    }
    (text, None, None)
}

/// 1-based (line, column in characters) of a byte offset.
fn position_of_byte(text: &str, offset: usize) -> Position {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
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

/// The line with its text from `at` on put in quotes: `` `budget: "*see note"` ``.
fn quote_from(line: &str, at: Option<Position>) -> Option<String> {
    let (_, column) = at?;
    let start = line.char_indices().nth(column.checked_sub(1)?)?.0;
    let (before, value) = line.split_at(start);
    let value = value.trim_end().replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("`{}\"{value}\"`", before.trim_start()))
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

    fn explained(raw: &str) -> (String, String, Option<String>) {
        let e = explain(raw, "", 0);
        (e.field, e.message, e.hint)
    }

    #[test]
    fn explains_unknown_fields_with_a_suggestion() {
        let (field, message, hint) =
            explained("sections[0]: unknown field `titel`, expected one of `id`, `title`, `recommendations`, `actions` at line 3 column 5");
        assert_eq!(field, "sections[0].titel");
        assert_eq!(message, "unknown field \"titel\"");
        assert_eq!(
            hint.unwrap(),
            "did you mean \"title\"? (fields allowed here: id, title, recommendations, actions)"
        );
        let (field, _, _) = explained("unknown field `titel`, expected `title`");
        assert_eq!(field, "titel");
        let (_, message, _) = explained("a.b: invalid length 2, expected a list of 3");
        assert!(!message.contains("YAML"), "{message}");
    }

    #[test]
    fn explains_wrong_types() {
        let (field, message, _) = explained("recommendations[0].text: invalid type: sequence, expected a string at line 4 column 11");
        assert_eq!(field, "recommendations[0].text");
        assert_eq!(
            message,
            "wrong kind of value: found a list, expected a piece of text"
        );
        let (_, message, hint) = explained(
            "responds_to: invalid type: string \"x\", expected a sequence at line 4 column 14",
        );
        assert_eq!(
            message,
            "wrong kind of value: found the text \"x\", expected a list"
        );
        assert!(hint.unwrap().contains("- "));
        let (_, message, hint) =
            explained("a.owner: invalid type: integer `3`, expected a name, or a list of names");
        assert_eq!(
            message,
            "wrong kind of value: found the number 3, expected a name, or a list of names"
        );
        assert!(hint.unwrap().contains("quotes"));
        let (_, message, _) = explained("invalid type: string \"just text\", expected struct Plan");
        assert_eq!(
            message,
            "wrong kind of value: found the text \"just text\", expected a group of fields"
        );
    }

    #[test]
    fn explains_missing_fields() {
        let (field, message, _) =
            explained("recommendations[0].actions[1]: missing field `text` at line 9 column 9");
        assert_eq!(field, "recommendations[0].actions[1].text");
        assert_eq!(message, "the required field \"text\" is missing");
    }

    #[test]
    fn explains_syntax_errors_where_they_start() {
        let yaml = "title: T\nevidence: \"Minutes\n";
        let e = explain("found unexpected end of stream at line 3 column 1, while scanning a quoted scalar at line 2 column 11", yaml, 0);
        assert_eq!(e.at, Some((2, 11)));
        assert!(e.message.contains("never closed"), "{e:?}");

        let yaml = "title: T\nbudget N/A\nowner: X\n";
        let e = explain("could not find expected ':' at line 3 column 1, while scanning a simple key at line 2 column 1", yaml, 3);
        assert_eq!(e.at, Some((2, 1)));
        assert!(e.hint.unwrap().contains("`budget: N/A`"));

        let yaml = "title: T\nbudget: *see note\n";
        let e = explain("unknown anchor at line 2 column 9", yaml, 0);
        assert!(!e.message.contains("anchor"), "{e:?}");
        assert!(e.hint.unwrap().contains("`budget: \"*see note\"`"));

        let yaml = "title: T\nevidence: Minutes: March\n";
        let e = explain(
            "mapping values are not allowed in this context at line 2 column 18",
            yaml,
            0,
        );
        assert!(e.hint.unwrap().contains("`evidence: \"Minutes: March\"`"));
    }

    #[test]
    fn finds_a_second_document() {
        assert_eq!(second_document("title: A\n---\ntitle: B\n"), Some((2, 1)));
        assert_eq!(
            second_document("# c\n---\ntitle: A\n---\ntitle: B\n"),
            Some((4, 1))
        );
        assert_eq!(second_document("title: A\n...\n\ntitle: B\n"), Some((4, 1)));
        assert_eq!(second_document("---\ntitle: A\nb: |\n  ---\n"), None);
    }

    #[test]
    fn comments_only_is_no_content() {
        assert!(has_no_content("# a plan to come"));
        assert!(has_no_content("---\n  # x\n\n"));
        assert!(!has_no_content("# x\ntitle: A\n"));
    }
}

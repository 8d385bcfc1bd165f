//! Test harness shared by the integration tests: a throwaway copy of the example
//! site, edited by the test, then checked by the real `ragtime` binary.
//!
//! ```ignore
//! let site = Site::example();
//! site.replace(PLAN, "status: complete", "status: on track");
//! site.check().fails().error_at(PLAN, site.position(PLAN, "on track"));
//! ```
//!
//! Paths are given relative to the site root (`content/plans/x.yaml`), the way
//! ragtime prints them. Every helper panics with a readable message when the
//! content is not what the test expected, so a test is a few lines.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The example site shipped with the crate.
pub(crate) fn example_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// How long one run of the binary may take before the test fails as hung.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A site folder in a fresh temporary directory, removed when dropped.
pub(crate) struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A copy of the whole example site.
    pub(crate) fn example() -> Site {
        let site = Site::empty();
        copy_dir(&example_content(), &site.path("content"));
        site
    }

    /// An empty folder: no `content/` at all.
    pub(crate) fn empty() -> Site {
        let dir = tempfile::Builder::new()
            .prefix("ragtime-test-")
            .tempdir()
            .expect("create a temporary directory");
        Site { dir }
    }

    /// A new site as `ragtime init`, run in its folder, writes it.
    pub(crate) fn init() -> Site {
        let site = Site::empty();
        site.run(&["init"]).passes();
        site
    }

    /// Fills in what is left of the accessibility statement `ragtime init`
    /// writes, as a council would: each detail in brackets, and the line
    /// asking for them gone.
    #[track_caller]
    pub(crate) fn fill_in_statement(&self) -> &Site {
        let file = "content/pages/accessibility.md";
        let mut text = self.read(file);
        for (placeholder, detail) in [
            (
                "Fill in the details marked [in brackets] before you publish it.\n",
                "",
            ),
            ("[council name]", "Example Borough Council"),
            ("[team name]", "the web team"),
            ("[email address]", "web@example.gov.uk"),
            ("[telephone number]", "01632 960000"),
            ("[number]", "10"),
            ("[date]", "1 April 2025"),
        ] {
            text = text.replace(placeholder, detail);
        }
        assert!(
            !text.contains('['),
            "{file} has a detail the test does not fill in:\n{text}"
        );
        self.write(file, text)
    }

    /// The site folder (the one passed as `--root`).
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the site, e.g. `path("content/plans/x.yaml")`.
    pub(crate) fn path(&self, file: &str) -> PathBuf {
        self.root().join(file)
    }

    /// The text of a file of the site.
    #[track_caller]
    pub(crate) fn read(&self, file: &str) -> String {
        fs::read_to_string(self.path(file)).unwrap_or_else(|e| panic!("cannot read {file}: {e}"))
    }

    /// Writes raw bytes to a file, creating folders as needed.
    #[track_caller]
    pub(crate) fn write(&self, file: &str, bytes: impl AsRef<[u8]>) -> &Site {
        let path = self.path(file);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folder");
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {file}: {e}"));
        self
    }

    /// Replaces `from`, which must occur exactly once in the file, by `to`.
    #[track_caller]
    pub(crate) fn replace(&self, file: &str, from: &str, to: &str) -> &Site {
        let text = self.read(file);
        let count = text.matches(from).count();
        assert!(
            count == 1,
            "{file} contains {from:?} {count} times; the test needs it exactly once"
        );
        self.write(file, text.replacen(from, to, 1))
    }

    /// Appends text at the end of a file.
    #[track_caller]
    pub(crate) fn append(&self, file: &str, more: &str) -> &Site {
        let text = self.read(file);
        self.write(file, text + more)
    }

    /// Deletes a file.
    #[track_caller]
    pub(crate) fn remove(&self, file: &str) -> &Site {
        fs::remove_file(self.path(file)).unwrap_or_else(|e| panic!("cannot remove {file}: {e}"));
        self
    }

    /// Deletes every file of a folder except those named in `keep`. The
    /// meetings' challenge logs link to briefings and plans, and baselines
    /// name their plans, so pruning documents prunes those too.
    #[track_caller]
    pub(crate) fn keep_only(&self, folder: &str, keep: &[&str]) -> &Site {
        for linked in ["content/meetings", "content/baselines"] {
            if folder != linked {
                for name in self.files(linked) {
                    self.remove(&format!("{linked}/{name}"));
                }
            }
        }
        for name in self.files(folder) {
            if !keep.contains(&name.as_str()) {
                self.remove(&format!("{folder}/{name}"));
            }
        }
        for name in keep {
            assert!(
                self.path(&format!("{folder}/{name}")).is_file(),
                "{folder}/{name} does not exist"
            );
        }
        self
    }

    /// File names in a folder of the site, sorted; none if there is no such folder.
    pub(crate) fn files(&self, folder: &str) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.path(folder)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .map(|entry| entry.expect("list folder").file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// 1-based line and column (in characters, as an editor shows them) where
    /// `needle`, which must occur exactly once in the file, starts.
    #[track_caller]
    pub(crate) fn position(&self, file: &str, needle: &str) -> (usize, usize) {
        let text = self.read(file);
        let count = text.matches(needle).count();
        assert!(
            count == 1,
            "{file} contains {needle:?} {count} times; the test needs it exactly once"
        );
        position_of(&text, text.find(needle).expect("found above"))
    }

    /// Where `part` starts inside the one occurrence of `context` in the file:
    /// `position_in(f, "status: on track", "on track")` is where the value is.
    #[track_caller]
    pub(crate) fn position_in(&self, file: &str, context: &str, part: &str) -> (usize, usize) {
        let (line, column) = self.position(file, context);
        let at = context
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} is not in {context:?}"));
        let (down, right) = position_of(context, at);
        if down == 1 {
            (line, column + right - 1)
        } else {
            (line + down - 1, right)
        }
    }

    /// The 1-based line where `needle` (unique in the file) starts.
    #[track_caller]
    pub(crate) fn line(&self, file: &str, needle: &str) -> usize {
        self.position(file, needle).0
    }

    /// Runs `ragtime check` from inside the site folder.
    pub(crate) fn check(&self) -> Output {
        self.run(&["check"])
    }

    /// Runs `ragtime <args>` as users run it: from inside the site folder, with no `--root`.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        let mut command = ragtime();
        command.args(args).current_dir(self.root());
        run(command)
    }

    /// Runs `ragtime <args> --root <the site folder's name>` from the folder
    /// above it, for the tests of `--root` itself.
    pub(crate) fn run_from_parent(&self, args: &[&str]) -> Output {
        let mut command = ragtime();
        let parent = self.root().parent().expect("a parent folder");
        let name = self.root().file_name().expect("a folder name");
        command
            .args(args)
            .arg("--root")
            .arg(name)
            .current_dir(parent);
        run(command)
    }

    /// Runs `ragtime <args>` from inside the site folder with one more environment variable.
    pub(crate) fn run_with_env(&self, args: &[&str], name: &str, value: &str) -> Output {
        let mut command = ragtime();
        command.args(args).current_dir(self.root()).env(name, value);
        run(command)
    }

    /// Runs `ragtime <args>` in the site folder as on a full disk: no file it
    /// writes may grow past `blocks` blocks of 512 bytes (or 1 KiB, by shell).
    /// Writing past it fails with "file too large" rather than killing it.
    pub(crate) fn run_on_full_disk(&self, args: &[&str], blocks: u32) -> Output {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""
            ))
            .arg(env!("CARGO_BIN_EXE_ragtime"))
            .args(args)
            .current_dir(self.root());
        run(command)
    }
}

/// A `Command` for the binary under test.
pub(crate) fn ragtime() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ragtime"))
}

/// 1-based (line, column) of a byte offset, the column counted in characters.
pub(crate) fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("list {}: {e}", from.display())) {
        let entry = entry.expect("list folder");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Runs a command to the end (or kills it after [`TIMEOUT`]), capturing its output.
pub(crate) fn run(mut command: Command) -> Output {
    let shown = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
    let drain = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).ok();
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for ragtime") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            child.kill().ok();
            child.wait().ok();
            panic!("{shown} did not finish within {TIMEOUT:?}");
        }
        thread::sleep(Duration::from_millis(5));
    };
    Output {
        code: status.code(),
        stdout: stdout.join().expect("read stdout"),
        stderr: stderr.join().expect("read stderr"),
    }
}

/// What a run of the binary produced.
pub(crate) struct Output {
    /// `None` when the process was killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Asserts the exit code.
    #[track_caller]
    pub(crate) fn exits_with(&self, expected: i32) -> &Output {
        assert!(
            self.code == Some(expected),
            "expected exit code {expected}, got {:?}\n{self}",
            self.code
        );
        self
    }

    /// Asserts exit code 0.
    #[track_caller]
    pub(crate) fn passes(&self) -> &Output {
        self.exits_with(0)
    }

    /// Asserts exit code 1: the content has problems.
    #[track_caller]
    pub(crate) fn fails(&self) -> &Output {
        self.exits_with(1)
    }

    /// Asserts the process ended on its own with 0 or 1, and did not panic.
    #[track_caller]
    pub(crate) fn did_not_crash(&self) -> &Output {
        assert!(
            matches!(self.code, Some(0 | 1)),
            "expected exit code 0 or 1, got {:?}\n{self}",
            self.code
        );
        assert!(
            !self.stderr.contains("panicked"),
            "ragtime panicked\n{self}"
        );
        self
    }

    /// Asserts stdout is exactly this.
    #[track_caller]
    pub(crate) fn stdout_is(&self, expected: &str) -> &Output {
        assert_eq!(self.stdout, expected, "unexpected stdout\n{self}");
        self
    }

    /// Asserts stderr contains this text.
    #[track_caller]
    pub(crate) fn stderr_has(&self, text: &str) -> &Output {
        assert!(self.stderr.contains(text), "stderr lacks {text:?}\n{self}");
        self
    }

    /// Every problem printed on stderr.
    pub(crate) fn diagnostics(&self) -> Vec<Reported> {
        parse_diagnostics(&self.stderr)
    }

    /// The problems printed as errors.
    pub(crate) fn errors(&self) -> Vec<Reported> {
        self.diagnostics()
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect()
    }

    /// The problems printed as warnings.
    pub(crate) fn warnings(&self) -> Vec<Reported> {
        self.diagnostics()
            .into_iter()
            .filter(|d| d.severity == "warning")
            .collect()
    }

    /// Asserts there is exactly one error in `file`, and returns it.
    #[track_caller]
    pub(crate) fn error_in(&self, file: &str) -> Reported {
        let found: Vec<Reported> = self
            .errors()
            .into_iter()
            .filter(|d| d.file == file)
            .collect();
        assert!(
            found.len() == 1,
            "expected one error in {file}, found {}\n{self}",
            found.len()
        );
        found.into_iter().next().expect("one")
    }

    /// Asserts there is an error at exactly this file, line and column, and returns it.
    #[track_caller]
    pub(crate) fn error_at(&self, file: &str, position: (usize, usize)) -> Reported {
        self.reported_at("error", file, position)
    }

    /// Asserts there is a warning at exactly this file, line and column, and returns it.
    #[track_caller]
    pub(crate) fn warning_at(&self, file: &str, position: (usize, usize)) -> Reported {
        self.reported_at("warning", file, position)
    }

    #[track_caller]
    fn reported_at(&self, severity: &str, file: &str, (line, column): (usize, usize)) -> Reported {
        self.diagnostics()
            .into_iter()
            .find(|d| {
                d.severity == severity
                    && d.file == file
                    && d.line == Some(line)
                    && d.column == Some(column)
            })
            .unwrap_or_else(|| {
                panic!(
                    "expected {severity} at {file}:{line}:{column}\n{self}\n{}",
                    self.stderr
                )
            })
    }
}

/// Shows the exit code and output, leaving out warnings (the example site has many).
impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "--- exit code: {:?}", self.code)?;
        writeln!(f, "--- stdout:\n{}", self.stdout)?;
        let warnings = self.warnings().len();
        writeln!(f, "--- stderr ({warnings} warnings not shown):")?;
        let mut shown = 0;
        for block in self.stderr.split("\n\n") {
            if block.contains(": warning: ") {
                continue;
            }
            if shown > 4000 {
                writeln!(f, "...")?;
                break;
            }
            shown += block.len();
            writeln!(f, "{block}")?;
        }
        Ok(())
    }
}

/// One problem as printed: `file:line:column: severity: message`, then
/// `  field: ...` and `  help: ...` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reported {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: String,
    pub message: String,
    pub field: Option<String>,
    pub help: Option<String>,
}

impl Reported {
    /// Asserts the field path.
    #[track_caller]
    pub(crate) fn field(&self, expected: &str) -> &Reported {
        assert_eq!(
            self.field.as_deref(),
            Some(expected),
            "wrong field path in\n{self}"
        );
        self
    }

    /// Asserts the message contains this text.
    #[track_caller]
    pub(crate) fn says(&self, text: &str) -> &Reported {
        assert!(
            self.message.contains(text),
            "message lacks {text:?} in\n{self}"
        );
        self
    }

    /// Asserts the help line contains this text.
    #[track_caller]
    pub(crate) fn helps(&self, text: &str) -> &Reported {
        assert!(
            self.help.as_deref().is_some_and(|h| h.contains(text)),
            "help lacks {text:?} in\n{self}"
        );
        self
    }

    /// Asserts the line (whatever the column).
    #[track_caller]
    pub(crate) fn on_line(&self, line: usize) -> &Reported {
        assert_eq!(self.line, Some(line), "wrong line in\n{self}");
        self
    }
}

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {}: {}", self.severity, self.message)?;
        if let Some(field) = &self.field {
            write!(f, "\n  field: {field}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Reads back the problems ragtime printed.
pub(crate) fn parse_diagnostics(stderr: &str) -> Vec<Reported> {
    let mut found: Vec<Reported> = Vec::new();
    let mut open = false; // whether the last line belongs to a diagnostic
    for line in stderr.lines() {
        if line.is_empty() {
            open = false;
        } else if let Some(d) = header(line) {
            found.push(d);
            open = true;
        } else if !open {
            // a summary line such as "check failed: 2 errors, 0 warnings"
        } else if let Some(field) = line.strip_prefix("  field: ") {
            found.last_mut().expect("open").field = Some(field.to_owned());
        } else if let Some(help) = line.strip_prefix("  help: ") {
            found.last_mut().expect("open").help = Some(help.to_owned());
        } else {
            // a message that spans lines (it quotes text with line breaks)
            let last = found.last_mut().expect("open");
            last.message.push('\n');
            last.message.push_str(line);
        }
    }
    found
}

fn header(line: &str) -> Option<Reported> {
    if line.starts_with(' ') {
        return None;
    }
    let (location, severity, message) = ["error", "warning"].iter().find_map(|severity| {
        let marker = format!(": {severity}: ");
        line.find(&marker)
            .map(|at| (&line[..at], *severity, &line[at + marker.len()..]))
    })?;
    let (file, line_number, column) = split_location(location);
    Some(Reported {
        file: file.to_owned(),
        line: line_number,
        column,
        severity: severity.to_owned(),
        message: message.to_owned(),
        field: None,
        help: None,
    })
}

/// `content/x.yaml:3:5` gives the file, line 3 and column 5; both numbers are optional.
fn split_location(location: &str) -> (&str, Option<usize>, Option<usize>) {
    let number = |s: &str| s.parse::<usize>().ok();
    let Some((rest, last)) = location.rsplit_once(':') else {
        return (location, None, None);
    };
    let Some(last) = number(last) else {
        return (location, None, None);
    };
    match rest.rsplit_once(':') {
        Some((file, line)) if number(line).is_some() => (file, number(line), Some(last)),
        _ => (rest, Some(last), None),
    }
}

// ---------------------------------------------------------------------------
// A built site, read back

/// Builds a copy of the example site and returns it with its output read in.
pub(crate) fn built() -> (Site, BTreeMap<String, Vec<u8>>) {
    let site = Site::example();
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    (site, files)
}

pub(crate) fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walk(root) {
        let relative = entry
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        files.insert(relative, fs::read(&entry).unwrap());
    }
    files
}

pub(crate) fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[track_caller]
pub(crate) fn page(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not built"))
            .clone(),
    )
    .unwrap()
}

/// The HTML between an element with `id="<id>"` and the end of its enclosing `</tr>` or `</li>`.
#[track_caller]
pub(crate) fn element<'a>(html: &'a str, id: &str, end: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no id {id}"));
    let stop = html[start..].find(end).map_or(html.len(), |e| start + e);
    &html[start..stop]
}

/// The text of some HTML as a reader reads it: tags dropped, spaces
/// collapsed, the entities the theme writes decoded.
pub(crate) fn words(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// The part of a page from `start` to the next `end`, both included.
#[track_caller]
pub(crate) fn part<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |e| e + end.len())]
}

/// The month and year a date written `YYYY-MM` or `YYYY-MM-DD` names, as pages write it ("June 2024").
pub(crate) fn month_of(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month: usize = date[5..7].parse().expect("a date's month");
    format!("{} {}", MONTHS[month - 1], &date[..4])
}

/// The part of a page from `from` up to `to` (or its end).
#[track_caller]
pub(crate) fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in the page"));
    let end = html[start..].find(to).map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// Asserts that a table (`table`: the page from just after its `<table`
/// class) sits in a focusable scrolling region (`before`: the page up to the
/// table) named by the table's caption, and that the caption's id is unique
/// on `html`.
#[track_caller]
pub(crate) fn assert_in_labelled_region(html: &str, before: &str, table: &str, at: &str) {
    let region = &before[before.rfind("<div").expect("a box around the table")..];
    assert!(
        region.starts_with("<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"")
            && region.ends_with("\" tabindex=\"0\">"),
        "{at}: a table not in a focusable, labelled scrolling region: {region}"
    );
    let label = &region[region.find("aria-labelledby=\"").unwrap() + 17..];
    let label = &label[..label.find('"').unwrap()];
    let caption = between(table, "<caption", "</caption>");
    assert!(
        caption.contains(&format!(" id=\"{label}\"")),
        "{at}: the region is labelled by {label:?}, not its table's caption: {caption}"
    );
    assert_eq!(
        html.matches(&format!(" id=\"{label}\"")).count(),
        1,
        "{at}: {label}"
    );
}

/// The example site with one of the two plans reporting at 2013-08 made
/// another council's.
pub(crate) fn two_councils() -> Site {
    let site = Site::example();
    site.replace(
        "content/plans/telford-placement-strategy-response.yaml",
        "organisation: Telford & Wrekin Council",
        "organisation: Shropshire Council",
    );
    site
}

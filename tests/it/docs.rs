//! The book (`docs/src/`) as a test: its content examples pass `ragtime check`
//! in a new site, its shell examples run on the example site, and its links
//! between pages lead somewhere. The book is the reference, so an example
//! that has gone stale fails here rather than misleading a reader.

use crate::util::{run, Site};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The book's source folder.
fn book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src")
}

/// Every Markdown file of the book, sorted so failures come in a stable order.
fn pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("list {}: {e}", dir.display())) {
            let path = entry.expect("list folder").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&book(), &mut found);
    found.sort();
    assert!(found.len() > 1, "the book has no pages under docs/src");
    found
}

/// A page's name as a reader finds it: its path under docs/src.
fn name(page: &Path) -> String {
    page.strip_prefix(book())
        .unwrap_or(page)
        .display()
        .to_string()
}

/// A fenced code block: its info string (`yaml`, `sh,no-run`), its first
/// line's number in the page, and its text.
struct Block {
    info: String,
    line: usize,
    text: String,
}

fn blocks(page: &Path) -> Vec<Block> {
    let source =
        fs::read_to_string(page).unwrap_or_else(|e| panic!("read {}: {e}", page.display()));
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (n, line) in source.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        match open.take() {
            Some(block) if fence => found.push(block),
            Some(mut block) => {
                block.text.push_str(line);
                block.text.push('\n');
                open = Some(block);
            }
            None if fence => {
                open = Some(Block {
                    info: line.trim_start()[3..].trim().to_string(),
                    line: n + 2,
                    text: String::new(),
                });
            }
            None => {}
        }
    }
    assert!(
        open.is_none(),
        "{}: a code block is never closed",
        name(page)
    );
    found
}

/// What a ```yaml block of the book is: a whole file to write into a site,
/// or a fragment that need only parse.
enum Yaml {
    File(String),
    Fragment,
}

fn classify(page: &Path, block: &Block) -> Yaml {
    let first = block.text.lines().next().unwrap_or("");
    if first.starts_with("# a fragment of ") {
        return Yaml::Fragment;
    }
    if let Some(path) = first
        .strip_prefix("# ")
        .and_then(|rest| rest.split_whitespace().next())
    {
        // A file name as ragtime reads one: anything else would be written and then ignored.
        let named = path
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.@/".contains(c));
        if named
            && path.starts_with("content/")
            && path.ends_with(".yaml")
            && !path.split('/').any(|part| part == ".." || part.is_empty())
        {
            return Yaml::File(path.to_string());
        }
    }
    panic!(
        "{}:{}: a yaml block must begin with `# content/<path>` (a whole file, \
         checked in a new site) or `# a fragment of ...` (parsed only); it begins {first:?}",
        name(page),
        block.line
    );
}

/// Every yaml block of each page: the whole files written together, in order,
/// into a new site that must then pass `ragtime check`; every fragment must
/// parse as YAML.
#[test]
fn every_content_example_passes_check() {
    let mut files = 0;
    for page in pages() {
        let yaml: Vec<Block> = blocks(&page)
            .into_iter()
            .filter(|b| b.info == "yaml")
            .collect();
        let mut site: Option<Site> = None;
        for block in &yaml {
            match classify(&page, block) {
                Yaml::Fragment => {
                    if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(&block.text) {
                        panic!(
                            "{}:{}: the fragment is not YAML: {e}",
                            name(&page),
                            block.line
                        );
                    }
                }
                Yaml::File(path) => {
                    site.get_or_insert_with(Site::init)
                        .write(&path, &block.text);
                    files += 1;
                }
            }
        }
        if let Some(site) = site {
            let output = site.run(&["check"]);
            assert_eq!(
                output.code,
                Some(0),
                "the content examples of {} fail `ragtime check`:\n{output}",
                name(&page)
            );
        }
    }
    assert!(files > 5, "the book gives only {files} whole content files");
}

/// Every ```sh block not marked `no-run`, run with `sh -c` from inside a copy
/// of the example site, with `ragtime` on PATH; the blocks of a page run in
/// order in one copy, as a reader would type them.
#[test]
fn every_shell_example_runs() {
    let bin = tempfile::Builder::new()
        .prefix("ragtime-bin-")
        .tempdir()
        .expect("create a temporary directory");
    symlink(env!("CARGO_BIN_EXE_ragtime"), bin.path().join("ragtime")).expect("link ragtime");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for page in pages() {
        let shell: Vec<Block> = blocks(&page)
            .into_iter()
            .filter(|b| b.info == "sh" || b.info.starts_with("sh,"))
            .filter(|b| !b.info.split(',').any(|part| part.trim() == "no-run"))
            .collect();
        if shell.is_empty() {
            continue;
        }
        let site = Site::example();
        for block in shell {
            let mut command = Command::new("sh");
            command
                .arg("-c")
                .arg(&block.text)
                .current_dir(site.root())
                .env("PATH", &path);
            let output = run(command);
            assert_eq!(
                output.code,
                Some(0),
                "{}:{}: the example fails:\n{}\n{output}",
                name(&page),
                block.line,
                block.text
            );
            ran += 1;
        }
    }
    assert!(ran > 5, "the book runs only {ran} shell examples");
}

/// Every `](x.md)` or `](x.md#y)` link of the book, and every entry of
/// SUMMARY.md, names a page that exists; every page is in SUMMARY.md.
#[test]
fn every_link_between_pages_resolves() {
    let summary = fs::read_to_string(book().join("SUMMARY.md")).expect("read docs/src/SUMMARY.md");
    let mut broken = Vec::new();
    let mut links = 0;
    for page in pages() {
        let source = fs::read_to_string(&page).expect("read page");
        let dir = page.parent().expect("a folder");
        for (at, _) in source.match_indices("](") {
            let rest = &source[at + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = rest[..end].split('#').next().unwrap_or("");
            if target.contains("://") || target.starts_with("mailto:") || !target.ends_with(".md") {
                continue;
            }
            links += 1;
            if !dir.join(target).is_file() {
                broken.push(format!("{}: {target}", name(&page)));
            }
        }
        let listed = format!("]({})", name(&page));
        if page.file_name().is_some_and(|f| f != "SUMMARY.md") && !summary.contains(&listed) {
            broken.push(format!("SUMMARY.md does not list {}", name(&page)));
        }
    }
    assert!(
        broken.is_empty(),
        "broken links in the book:\n{}",
        broken.join("\n")
    );
    assert!(links > 10, "the book links its pages only {links} times");
}

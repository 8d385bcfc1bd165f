//! A bound on what YAML aliases can make of a file. An anchored text (`&a`)
//! used again and again (`*a`) is copied at each use when the file is read, so
//! a 1 MB file can stand for gigabytes. Before a file is read, the size it
//! stands for is estimated from its text: its own size, plus, for every alias,
//! the size of the node it names (which counts the aliases inside that node).
//! A file that stands for more than [`FACTOR`] times its own size (and more
//! than [`FLOOR`]) is refused, naming the alias where it crossed the line.
//!
//! The estimate reads the text line by line: an anchor's node is the rest of
//! its line and the lines below it indented further than its key or dash;
//! block scalars (`|`, `>`) are skipped, so a `*` in a progress note is text.
//! It may overestimate a node (never by more than the file's size), never
//! misses an alias at the start of a node, and costs one pass over the text.

use crate::load::spans::Position;

/// At most this many times a file's own size, through aliases.
pub(crate) const FACTOR: usize = 10;
/// Small files may always stand for this much, so a short file can reuse a
/// paragraph a few dozen times.
pub(crate) const FLOOR: usize = 1024 * 1024;

/// Where a file goes past the bound: the alias, and the size reached by then.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TooLarge {
    pub at: Position,
    pub alias: String,
    pub size: usize,
    pub limit: usize,
}

/// An anchor whose node is still being read.
struct Open {
    name: String,
    /// Lines indented more than this belong to the node.
    column: usize,
    start: usize,
    /// What the aliases inside the node add to it.
    added: usize,
}

/// Checks `yaml` against the bound; `Err` names the alias that crosses it.
pub(crate) fn check(yaml: &str) -> Result<(), TooLarge> {
    if !yaml.contains('&') || !yaml.contains('*') {
        return Ok(()); // no anchors or no aliases: nothing is copied
    }
    let limit = (yaml.len() * FACTOR).max(FLOOR);
    let mut sizes: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut open: Vec<Open> = Vec::new();
    let mut total = yaml.len();
    let mut block: Option<usize> = None;
    let mut offset = 0;
    for (number, line) in yaml.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let indent = text.len() - text.trim_start_matches(' ').len();
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            continue;
        }
        if let Some(column) = block {
            if indent > column {
                continue;
            }
            block = None;
        }
        while open.last().is_some_and(|o| indent <= o.column) {
            close(open.pop(), start, &mut sizes);
        }
        let mut owner = indent;
        for (column, token, name) in node_starts(text) {
            match token {
                '-' | ':' => owner = column,
                '&' => open.push(Open {
                    name: name.to_owned(),
                    column: owner,
                    start: start + column,
                    added: 0,
                }),
                '*' => {
                    let size = sizes.get(name).copied().unwrap_or(0);
                    total += size;
                    for o in &mut open {
                        o.added += size;
                    }
                    if total > limit {
                        return Err(TooLarge {
                            at: (number + 1, text[..column].chars().count() + 1),
                            alias: name.to_owned(),
                            size: total,
                            limit,
                        });
                    }
                }
                '|' => block = Some(owner),
                _ => {}
            }
        }
    }
    while let Some(o) = open.pop() {
        close(Some(o), offset, &mut sizes);
    }
    Ok(())
}

fn close(node: Option<Open>, end: usize, sizes: &mut std::collections::HashMap<String, usize>) {
    if let Some(node) = node {
        sizes.insert(node.name, end.saturating_sub(node.start) + node.added);
    }
}

/// The places on a line where a node may start, outside quotes and comments:
/// `(column, kind, name)` with kind `&` (anchor), `*` (alias), `-` or `:`
/// (the dash or key that owns what follows) or `|` (a block scalar follows).
fn node_starts(text: &str) -> Vec<(usize, char, &str)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at_start = true; // at the start of a node
    let mut quote: Option<u8> = None;
    let mut key_start = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match b {
            b' ' | b'\t' => {}
            b'#' if i == 0 || bytes[i - 1] == b' ' => break,
            b'\'' | b'"' if at_start => {
                quote = Some(b);
                at_start = false;
            }
            b'-' if at_start && bytes.get(i + 1).is_none_or(|n| *n == b' ') => {
                found.push((i, '-', ""));
            }
            b'[' | b'{' | b',' => at_start = true,
            b':' if bytes.get(i + 1).is_none_or(|n| *n == b' ') => {
                found.push((key_start.unwrap_or(i), ':', ""));
                at_start = true;
                key_start = None;
            }
            b'&' | b'*' if at_start => {
                let end = bytes[i + 1..]
                    .iter()
                    .position(|c| matches!(c, b' ' | b',' | b']' | b'}' | b'\t'))
                    .map_or(bytes.len(), |n| i + 1 + n);
                found.push((i, char::from(b), &text[i + 1..end]));
                i = end;
                continue;
            }
            b'|' | b'>' if at_start => {
                found.push((i, '|', ""));
                break;
            }
            _ => {
                if at_start {
                    key_start = Some(i);
                }
                at_start = false;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_files_pass() {
        assert_eq!(check("title: A & B\nnote: *emphasis* here\n"), Ok(()));
        let reuse = format!(
            "base: &b\n  text: {}\nitems:\n{}",
            "x".repeat(200),
            "  - *b\n".repeat(20)
        );
        assert_eq!(check(&reuse), Ok(()));
        // A `*` inside a block of text is text.
        let notes = format!("a: &a hello\nb: |\n{}", "  *a *a *a\n".repeat(100_000));
        assert_eq!(check(&notes), Ok(()));
    }

    #[test]
    fn an_anchor_used_too_often_is_refused() {
        let text = "y".repeat(3000);
        let yaml = format!(
            "title: T\nlong: &long \"{text}\"\nitems:\n{}",
            "  - *long\n".repeat(2000)
        );
        let error = check(&yaml).unwrap_err();
        assert_eq!(error.alias, "long");
        assert!(error.size > error.limit);
        assert!(error.at.0 > 3);
    }

    #[test]
    fn nested_aliases_multiply() {
        let mut yaml = String::from("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (name, previous) in [
            ("b", "a"),
            ("c", "b"),
            ("d", "c"),
            ("e", "d"),
            ("f", "e"),
            ("g", "f"),
        ] {
            yaml.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{previous}"); 9].join(", ")
            ));
        }
        assert!(check(&yaml).is_err());
    }
}

//! The code's map holds: `lib.rs` lists the modules in stage order, and no
//! module reaches one listed after it; nor do any two modules reach each
//! other, at any depth. Read from the source text (outside `#[cfg(test)]`
//! code), so a new import that breaks the flow fails here, naming the file.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Every `.rs` file under `src/`, by its path inside it (`render/mod.rs`).
fn sources() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("list src") {
            let path = entry.expect("list src").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let inside = path.strip_prefix(&src).expect("inside src");
                let name = inside.to_string_lossy().replace('\\', "/");
                files.insert(name, fs::read_to_string(&path).expect("read source"));
            }
        }
    }
    files
}

/// The module a file is (`render/mod.rs` is `render`, `cmd/serve/http.rs` is
/// `cmd::serve::http`); `None` for the crate root and the binary.
fn module_of(file: &str) -> Option<String> {
    let path = file.strip_suffix(".rs")?;
    let path = path.strip_suffix("/mod").unwrap_or(path);
    (!matches!(path, "lib" | "main")).then(|| path.replace('/', "::"))
}

/// The text with comments, string and character literals blanked out, and
/// every item marked `#[cfg(test)]` left out.
fn code(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |end| end + 2);
        } else if rest.starts_with("r#\"") || rest.starts_with("r\"") {
            let hashes = rest[1..].chars().take_while(|&c| c == '#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let body = 2 + hashes;
            i += rest[body..]
                .find(&close)
                .map_or(rest.len(), |end| body + end + close.len());
            out.push_str("\"\"");
        } else if rest.starts_with('"') {
            let mut j = 1;
            while j < rest.len() && rest.as_bytes()[j] != b'"' {
                j += if rest.as_bytes()[j] == b'\\' { 2 } else { 1 };
            }
            i += (j + 1).min(rest.len());
            out.push_str("\"\"");
        } else if let Some(literal) = char_literal(rest) {
            i += literal;
            out.push_str("' '");
        } else if let Some(item) = rest.strip_prefix("#[cfg(test)]") {
            i += "#[cfg(test)]".len() + item_length(item);
        } else {
            let c = rest.chars().next().expect("not at the end");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The length of a character literal at the start of `text` (`'a'`, `'\n'`,
/// `'\u{85}'`), telling it apart from a lifetime (`'a`).
fn char_literal(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('\'')?;
    if let Some(escaped) = rest.strip_prefix('\\') {
        return escaped.find('\'').map(|end| end + 3);
    }
    let c = rest.chars().next()?;
    rest[c.len_utf8()..]
        .starts_with('\'')
        .then(|| c.len_utf8() + 2)
}

/// How long the item at the start of `text` is: up to its `;`, or to the
/// brace that closes its first `{`.
fn item_length(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            ';' if depth == 0 => return i + 1,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// Every path a piece of code names from the crate root (`crate::a::b`, and
/// each branch of `crate::{a::b, c}`), as lists of segments.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue; // `$crate::` in a macro, or part of a longer name
        }
        paths.extend(tree(rest, Vec::new()));
    }
    paths
}

/// The paths of a `use` tree starting at `text`, each prefixed with `prefix`.
fn tree(text: &str, prefix: Vec<String>) -> Vec<Vec<String>> {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        let mut paths = Vec::new();
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    paths.extend(tree(&group[start..i], prefix.clone()));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    paths.extend(tree(&group[start..i], prefix.clone()));
                    start = i + 1;
                }
                _ => {}
            }
        }
        return paths;
    }
    let name: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() {
        return if prefix.is_empty() {
            Vec::new()
        } else {
            vec![prefix]
        };
    }
    let mut path = prefix;
    path.push(name.clone());
    match text[name.len()..].strip_prefix("::") {
        Some(more) => tree(more, path),
        None => vec![path],
    }
}

/// The modules `lib.rs` declares, in order.
fn stage_order(lib: &str) -> Vec<String> {
    code(lib)
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            ["pub mod ", "pub(crate) mod ", "mod "]
                .iter()
                .find_map(|declared| line.strip_prefix(declared))
        })
        .map(|rest| rest.trim_end_matches(';').trim().to_owned())
        .collect()
}

/// What each module reaches: the deepest module each of its crate paths
/// names (a macro exported at the root counts as the module defining it),
/// and the child modules it names directly (`http::respond`).
fn reaches(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeMap<String, &str> = files
        .iter()
        .filter_map(|(file, text)| Some((module_of(file)?, text.as_str())))
        .collect();
    let mut macros = BTreeMap::new();
    for (module, text) in &modules {
        for (at, _) in text.match_indices("#[macro_export]") {
            let after = text[at..].split("macro_rules!").nth(1).unwrap_or_default();
            let name: String = after
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            macros.insert(name, module.clone());
        }
    }
    let mut graph = BTreeMap::new();
    for (module, text) in &modules {
        let code = code(text);
        let mut reached = BTreeSet::new();
        for path in crate_paths(&code) {
            let deepest = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|candidate| modules.contains_key(candidate))
                .or_else(|| macros.get(&path[0]).cloned());
            if let Some(target) = deepest.filter(|t| t != module) {
                reached.insert(target);
            }
        }
        let children = modules
            .keys()
            .filter_map(|m| m.strip_prefix(&format!("{module}::")))
            .filter(|rest| !rest.contains("::"));
        for child in children {
            let named = code.match_indices(&format!("{child}::")).any(|(at, _)| {
                let before = code[..at].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
            });
            if named {
                reached.insert(format!("{module}::{child}"));
            }
        }
        graph.insert(module.clone(), reached);
    }
    graph
}

/// Every way the code breaks the map, as sentences; empty when it holds.
fn violations(files: &BTreeMap<String, String>) -> Vec<String> {
    let order = stage_order(files.get("lib.rs").map_or("", String::as_str));
    let rank = |module: &str| {
        let top = module.split("::").next().unwrap_or(module);
        order.iter().position(|m| m == top)
    };
    let graph = reaches(files);
    let mut found = Vec::new();
    for (module, reached) in &graph {
        let Some(own) = rank(module) else {
            found.push(format!("{module} is not listed in lib.rs"));
            continue;
        };
        for target in reached {
            if rank(target).is_some_and(|theirs| theirs > own) {
                found.push(format!(
                    "{module} reaches {target}, which lib.rs lists after it"
                ));
            }
        }
    }
    for cycle in cycles(&graph) {
        found.push(format!("import cycle: {}", cycle.join(" → ")));
    }
    found
}

/// Each cycle in the graph once, as the modules around it (first repeated last).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    for start in graph.keys() {
        // A path from `start` back to itself, through modules after it only,
        // so each cycle is reported once, from its first module.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    let mut cycle = path.clone();
                    cycle.push(start.clone());
                    found.push(cycle);
                } else if next > start && seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found
}

#[test]
fn no_module_reaches_a_later_stage_and_there_are_no_cycles() {
    let files = sources();
    assert!(
        stage_order(&files["lib.rs"]).len() >= 8,
        "lib.rs should list the stages"
    );
    let found = violations(&files);
    assert!(found.is_empty(), "the map is broken:\n{}", found.join("\n"));
}

fn tree_of(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect()
}

#[test]
fn a_deliberate_cycle_and_a_reach_forward_are_caught() {
    let lib = "//! map\npub(crate) mod model;\nmod render;\npub mod cmd;\n";
    let clean = tree_of(&[
        ("lib.rs", lib),
        ("model/mod.rs", "pub struct Plan;\n"),
        ("render/mod.rs", "use crate::model::Plan;\npub mod pages;\n"),
        (
            "render/pages.rs",
            "use crate::{model::Plan, render::Renderer};\n#[cfg(test)]\nmod tests { use crate::cmd::run; }\n// crate::cmd in a comment\nconst S: &str = \"crate::cmd\";\n",
        ),
        ("cmd/mod.rs", "pub mod serve;\nuse crate::render::pages;\n"),
        ("cmd/serve/mod.rs", "pub mod http;\nfn go() { http::respond(); }\n"),
        ("cmd/serve/http.rs", "pub fn respond() {}\n"),
    ]);
    assert_eq!(violations(&clean), Vec::<String>::new());

    let mut forward = clean.clone();
    forward.insert(
        "model/mod.rs".into(),
        "use crate::render::pages::Job;\npub struct Plan;\n".into(),
    );
    let found = violations(&forward);
    assert!(
        found.contains(&"model reaches render::pages, which lib.rs lists after it".to_owned()),
        "{found:?}"
    );

    let mut cycle = clean;
    cycle.insert(
        "cmd/serve/http.rs".into(),
        "use crate::cmd::serve::{drain, Shared};\npub fn respond() {}\n".into(),
    );
    let found = violations(&cycle);
    assert_eq!(
        found,
        ["import cycle: cmd::serve → cmd::serve::http → cmd::serve"]
    );
}

#[test]
fn use_trees_and_literals_are_read_as_rust_reads_them() {
    assert_eq!(
        crate_paths("use crate::{a::{b, c::D}, e};"),
        [vec!["a", "b"], vec!["a", "c", "D"], vec!["e"]]
    );
    assert_eq!(
        crate_paths("let x = $crate::a; notcrate::b;"),
        Vec::<Vec<String>>::new()
    );
    assert_eq!(
        code("a /* crate::x */ 'b' \"crate::y\" r#\"crate::z\"# 'c"),
        "a  ' ' \"\" \"\" 'c"
    );
}

//! The imported plan written as YAML an officer can read and edit: the
//! hand-written plans' order of fields, block text for paragraphs, quotes only
//! where YAML needs them, and comments saying where each part came from.

use super::rows::{Action, Recommendation, Section, Update};
use std::fmt::Write;

/// A scalar as YAML reads it back unchanged: plain where that is safe,
/// double-quoted otherwise.
pub(crate) fn scalar(text: &str) -> String {
    if is_plain(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let risky_start = "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace();
    if risky_start
        || text.ends_with(char::is_whitespace)
        || text.ends_with(':')
        || text.contains(": ")
        || text.contains(" #")
        || text.contains(['\n', '\r', '\t'])
        || text.chars().any(char::is_control)
    {
        return false;
    }
    // A plain scalar must read back as this same string, not a number, date or boolean.
    matches!(
        serde_yaml::from_str::<serde_yaml::Value>(text),
        Ok(serde_yaml::Value::String(read)) if read == text
    )
}

fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `key: value`, with text of several lines as a block (`|`) indented under the key.
fn field(out: &mut String, indent: usize, key: &str, text: &str) {
    let pad = " ".repeat(indent);
    let lines: Vec<&str> = text.lines().collect();
    let blockable = lines.len() > 1
        && !lines[0].starts_with([' ', '\t'])
        && !text.contains('\r')
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        && lines.iter().all(|l| !l.ends_with([' ', '\t']));
    if blockable {
        let _ = writeln!(out, "{pad}{key}: |-");
        for line in lines {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "{pad}  {line}");
            }
        }
    } else {
        let _ = writeln!(out, "{pad}{key}: {}", scalar(text));
    }
}

fn optional(out: &mut String, indent: usize, key: &str, text: Option<&String>) {
    if let Some(text) = text {
        field(out, indent, key, text);
    }
}

/// A list item's first line: `- key: value` at `indent`, the rest under it.
fn first_field(out: &mut String, indent: usize, key: &str, text: &str) {
    let mut item = String::new();
    field(&mut item, indent + 2, key, text);
    out.push_str(&" ".repeat(indent));
    out.push_str("- ");
    out.push_str(&item[indent + 2..]);
}

/// A list; one owner is written as a plain value, as officers write it.
fn list(out: &mut String, indent: usize, key: &str, items: &[String]) {
    let pad = " ".repeat(indent);
    match items {
        [] => {}
        [one] if key == "owner" => {
            let _ = writeln!(out, "{pad}{key}: {}", scalar(one));
        }
        many => {
            let inline: Vec<String> = many.iter().map(|i| flow(i)).collect();
            let line = format!("{pad}{key}: [{}]", inline.join(", "));
            if line.chars().count() <= 100 {
                let _ = writeln!(out, "{line}");
            } else {
                let _ = writeln!(out, "{pad}{key}:");
                for item in many {
                    let _ = writeln!(out, "{pad}  - {}", scalar(item));
                }
            }
        }
    }
}

/// An item inside `[...]`, where commas and brackets also need quotes.
fn flow(text: &str) -> String {
    if text.contains([',', '[', ']', '{', '}']) {
        quoted(text)
    } else {
        scalar(text)
    }
}

pub(crate) fn action(out: &mut String, indent: usize, action: &Action) {
    let pad = " ".repeat(indent + 2);
    let _ = writeln!(out, "{}# row {}", " ".repeat(indent), action.row + 1);
    let mut started = false;
    for (key, value) in [("id", &action.id), ("number", &action.number)] {
        if let Some(value) = value {
            if started {
                field(out, indent + 2, key, value);
            } else {
                first_field(out, indent, key, value);
                started = true;
            }
        }
    }
    if started {
        field(out, indent + 2, "text", &action.text);
    } else {
        first_field(out, indent, "text", &action.text);
    }
    optional(out, indent + 2, "measure", action.measure.as_ref());
    optional(out, indent + 2, "outcome", action.outcome.as_ref());
    optional(out, indent + 2, "source", action.source.as_ref());
    optional(out, indent + 2, "evidence", action.evidence.as_ref());
    optional(out, indent + 2, "budget", action.budget.as_ref());
    optional(out, indent + 2, "timescale", action.timescale.as_ref());
    list(out, indent + 2, "owner", &action.owner);
    if let Some(due) = action.due {
        let _ = writeln!(out, "{pad}due: {due}");
    }
    optional(out, indent + 2, "target", action.target.as_ref());
    if !action.updates.is_empty() {
        let _ = writeln!(out, "{pad}updates:");
        for update in &action.updates {
            self::update(out, indent + 4, update);
        }
    }
}

fn update(out: &mut String, indent: usize, update: &Update) {
    first_field(out, indent, "cycle", &update.cycle);
    optional(out, indent + 2, "status", update.status.as_ref());
    optional(out, indent + 2, "progress", update.progress.as_ref());
    optional(out, indent + 2, "impact", update.impact.as_ref());
    optional(out, indent + 2, "next_steps", update.next_steps.as_ref());
}

pub(crate) fn recommendation(out: &mut String, indent: usize, recommendation: &Recommendation) {
    first_field(out, indent, "id", &recommendation.id);
    optional(out, indent + 2, "number", recommendation.number.as_ref());
    optional(out, indent + 2, "text", recommendation.text.as_ref());
    list(out, indent + 2, "findings", &recommendation.findings);
    let _ = writeln!(out, "{}actions:", " ".repeat(indent + 2));
    for each in &recommendation.actions {
        action(out, indent + 4, each);
    }
}

pub(crate) fn section(out: &mut String, indent: usize, section: &Section) {
    if let Some(row) = section.row {
        let _ = writeln!(out, "{}# heading row {}", " ".repeat(indent), row + 1);
    }
    match &section.id {
        Some(id) => {
            first_field(out, indent, "id", id);
            field(out, indent + 2, "title", &section.title);
        }
        None => first_field(out, indent, "title", &section.title),
    }
    optional(out, indent + 2, "number", section.number.as_ref());
    if !section.recommendations.is_empty() {
        let _ = writeln!(out, "{}recommendations:", " ".repeat(indent + 2));
        for each in &section.recommendations {
            recommendation(out, indent + 4, each);
        }
    }
    if !section.actions.is_empty() {
        let _ = writeln!(out, "{}actions:", " ".repeat(indent + 2));
        for each in &section.actions {
            action(out, indent + 4, each);
        }
    }
}

/// One status of a plan's own key, in `site.yaml`'s form.
pub(crate) fn status(out: &mut String, indent: usize, status: &crate::model::status::Status) {
    first_field(out, indent, "id", &status.id);
    field(out, indent + 2, "label", &status.label);
    let _ = writeln!(
        out,
        "{}colour: {}",
        " ".repeat(indent + 2),
        status.colour.label().to_lowercase()
    );
    if !status.description.is_empty() {
        field(out, indent + 2, "description", &status.description);
    }
    if status.done {
        let _ = writeln!(out, "{}done: true", " ".repeat(indent + 2));
    }
}

/// `key: value` at the top of the file.
pub(crate) fn top(out: &mut String, key: &str, text: &str) {
    field(out, 0, key, text);
}

/// A list written as one, even of one item (`responds_to: [id]`).
pub(crate) fn top_list(out: &mut String, key: &str, items: &[String]) {
    let inline: Vec<String> = items.iter().map(|i| flow(i)).collect();
    let _ = writeln!(out, "{key}: [{}]", inline.join(", "));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_written() {
        for text in [
            "plain words",
            "1.10",
            "1.1",
            "0x1F",
            "1e3",
            "yes",
            "No",
            "null",
            "~",
            "2026-03-31",
            "Aug-12",
            "- a dash",
            "key: value",
            "a # not a comment",
            "ends with colon:",
            "\"quoted\"",
            "back\\slash",
            "'single'",
            "@at",
            "tab\there",
            " leading",
            "trailing ",
            "[bracket]",
            "*star",
            "&amp",
            "!tag",
            "%percent",
            "|pipe",
            ">fold",
            "In progress – on schedule",
        ] {
            let yaml = format!("key: {}\n", scalar(text));
            let read: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{text:?} → {yaml}: {e}"));
            assert_eq!(read["key"], text, "{yaml}");
        }
        assert_eq!(scalar("plain words"), "plain words");
        assert_eq!(scalar("1.10"), "\"1.10\"");
    }

    #[test]
    fn paragraphs_are_blocks_and_read_back() {
        for text in [
            "one\ntwo",
            "one\n\nthree",
            "one\n  indented",
            "  lead\nx",
            "a \nb",
            "x\ny: z",
        ] {
            let mut out = String::new();
            field(&mut out, 2, "progress", text);
            let yaml = format!("item:\n{out}");
            let read: std::collections::BTreeMap<
                String,
                std::collections::BTreeMap<String, String>,
            > = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{text:?} → {yaml}: {e}"));
            assert_eq!(read["item"]["progress"], text, "{yaml}");
        }
        let mut out = String::new();
        field(&mut out, 0, "progress", "one\ntwo");
        assert_eq!(out, "progress: |-\n  one\n  two\n");
    }

    #[test]
    fn lists_read_back() {
        for items in [
            vec!["a".to_owned()],
            vec!["a, b".to_owned(), "c".to_owned()],
            vec!["x: y".to_owned(), "1.10".to_owned()],
        ] {
            let mut out = String::new();
            list(&mut out, 0, "owner", &items);
            let read: std::collections::BTreeMap<String, serde_yaml::Value> =
                serde_yaml::from_str(&out).unwrap();
            let values: Vec<String> = match &read["owner"] {
                serde_yaml::Value::Sequence(s) => {
                    s.iter().map(|v| v.as_str().unwrap().to_owned()).collect()
                }
                serde_yaml::Value::String(s) => vec![s.clone()],
                other => panic!("{other:?}"),
            };
            assert_eq!(values, items, "{out}");
        }
    }
}

//! A new plan file written from the plan model, in the order officers read
//! it: the hand-written plans' order of fields, block text for paragraphs,
//! quotes only where YAML needs them, and the comments its maker gives
//! (where each part came from).

use crate::model::plan::{
    Action, Column, Completion, Due, Place, Plan, Recommendation, Section, Step, Update,
};
use crate::model::status::Status;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::{self, Write};

/// Comments written with a plan, each line of one a `#` line; and the order
/// of its `labels:`.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    /// At the head of the file.
    pub head: String,
    /// Above a top-level field, by its key (`statuses`, `labels`).
    pub above: BTreeMap<&'static str, String>,
    /// The order `labels:` is written in (the source's order of columns);
    /// any other label follows, in the order `labels:` lists them.
    pub labels: Vec<Column>,
    /// Above a section, by its place in `sections`.
    pub sections: BTreeMap<usize, String>,
    /// Above an action, by its place.
    pub actions: BTreeMap<Place, String>,
}

/// Why a plan could not be written.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum WriteError {
    /// It has a part a new plan file is not written with; officers add those by hand.
    Unwritten(&'static str),
    /// What was written does not read back as a plan: the writer's own mistake.
    Unread(String),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Unwritten(part) => {
                write!(
                    f,
                    "a new plan file is written without `{part}`, which this plan has"
                )
            }
            WriteError::Unread(error) => write!(f, "the plan written does not read back ({error})"),
        }
    }
}

/// The plan as a new YAML file, with its notes as comments. Its `reports:`
/// and `clocks:` are for officers to write; a plan with them is refused
/// rather than written without them.
pub(crate) fn plan(plan: &Plan, notes: &Notes) -> Result<String, WriteError> {
    if !plan.reports.is_empty() {
        return Err(WriteError::Unwritten("reports"));
    }
    if !plan.clocks.is_empty() {
        return Err(WriteError::Unwritten("clocks"));
    }
    let mut out = String::new();
    comment(&mut out, 0, &notes.head);
    let mut top = Map::new(&mut out, 0);
    top.text("title", &plan.title);
    top.text("organisation", &plan.organisation);
    top.optional("body", plan.body.as_ref());
    top.raw("kind", &name(plan.kind));
    top.date("agreed", plan.agreed);
    top.estimated(plan.estimated);
    if !plan.responds_to.is_empty() {
        let inline: Vec<String> = plan.responds_to.iter().map(|i| flow(i)).collect();
        top.raw("responds_to", &format!("[{}]", inline.join(", ")));
    }
    top.optional("source", plan.source.as_ref());
    top.optional("summary", plan.summary.as_ref());
    top.optional("partial", plan.partial.as_ref());
    if plan.completion != Completion::default() {
        top.raw("completion", &name(plan.completion));
    }
    if let Some(statuses) = &plan.statuses {
        top.comment(notes.above.get("statuses"));
        top.open("statuses");
        for each in statuses {
            status(top.out, 2, each);
        }
    }
    let labels = labels(plan, notes);
    if !labels.is_empty() {
        top.comment(notes.above.get("labels"));
        top.open("labels");
        let mut under = Map::new(top.out, 2);
        for (column, heading) in labels {
            under.text(column.key(), heading);
        }
    }
    if !plan.sections.is_empty() {
        top.comment(notes.above.get("sections"));
        top.open("sections");
        for (index, each) in plan.sections.iter().enumerate() {
            section(top.out, 2, each, index, notes);
        }
    }
    if !plan.recommendations.is_empty() {
        top.open("recommendations");
        for (index, each) in plan.recommendations.iter().enumerate() {
            let place = |action| Place {
                section: None,
                recommendation: Some(index),
                action,
            };
            recommendation(top.out, 2, each, &place, notes);
        }
    }
    serde_yaml::from_str::<Plan>(&out).map_err(|e| WriteError::Unread(e.to_string()))?;
    Ok(out)
}

/// The labels the plan gives, in the notes' order, then in `labels:` own.
fn labels<'p>(plan: &'p Plan, notes: &Notes) -> Vec<(Column, &'p str)> {
    let mut order: Vec<Column> = Vec::new();
    for column in notes.labels.iter().chain(Column::ALL) {
        if !order.contains(column) {
            order.push(*column);
        }
    }
    order
        .into_iter()
        .filter_map(|column| plan.labels.given(column).map(|heading| (column, heading)))
        .collect()
}

fn section(out: &mut String, indent: usize, section: &Section, index: usize, notes: &Notes) {
    comment(
        out,
        indent,
        notes.sections.get(&index).map_or("", String::as_str),
    );
    let mut map = Map::item(out, indent);
    if let Some(id) = &section.id {
        map.text("id", id);
    }
    map.text("title", &section.title);
    map.optional("number", section.number.as_ref());
    if !section.recommendations.is_empty() {
        map.open("recommendations");
        for (r, each) in section.recommendations.iter().enumerate() {
            let place = |action| Place {
                section: Some(index),
                recommendation: Some(r),
                action,
            };
            recommendation(map.out, indent + 4, each, &place, notes);
        }
    }
    if !section.actions.is_empty() {
        map.open("actions");
        for (a, each) in section.actions.iter().enumerate() {
            let place = Place {
                section: Some(index),
                recommendation: None,
                action: a,
            };
            action(map.out, indent + 4, each, notes.actions.get(&place));
        }
    }
}

fn recommendation(
    out: &mut String,
    indent: usize,
    recommendation: &Recommendation,
    place: &dyn Fn(usize) -> Place,
    notes: &Notes,
) {
    let mut map = Map::item(out, indent);
    map.text("id", &recommendation.id);
    map.optional("number", recommendation.number.as_ref());
    map.optional("title", recommendation.title.as_ref());
    map.optional("text", recommendation.text.as_ref());
    map.list("findings", &recommendation.findings);
    map.list("indicators", &recommendation.indicators);
    if let Some(response) = &recommendation.response {
        map.open("response");
        let mut under = Map::new(map.out, indent + 4);
        under.raw("status", &name(response.status));
        under.optional("text", response.text.as_ref());
    }
    if !recommendation.actions.is_empty() {
        map.open("actions");
        for (a, each) in recommendation.actions.iter().enumerate() {
            action(map.out, indent + 4, each, notes.actions.get(&place(a)));
        }
    }
}

fn action(out: &mut String, indent: usize, action: &Action, note: Option<&String>) {
    comment(out, indent, note.map_or("", String::as_str));
    let mut map = Map::item(out, indent);
    map.optional("id", action.id.as_ref());
    map.optional("number", action.number.as_ref());
    map.text("text", &action.text);
    map.optional("measure", action.measure.as_ref());
    map.optional("outcome", action.outcome.as_ref());
    map.optional("source", action.source.as_ref());
    map.optional("evidence", action.evidence.as_ref());
    map.optional("budget", action.budget.as_ref());
    map.optional("timescale", action.timescale.as_ref());
    map.list("owner", &action.owner);
    map.due(action.due);
    map.estimated(action.estimated);
    map.optional("target", action.target.as_ref());
    map.list("findings", &action.findings);
    map.list("indicators", &action.indicators);
    updates(&mut map, &action.updates);
    if !action.steps.is_empty() {
        map.open("steps");
        for each in &action.steps {
            step(map.out, indent + 4, each);
        }
    }
}

fn step(out: &mut String, indent: usize, step: &Step) {
    let mut map = Map::item(out, indent);
    map.optional("number", step.number.as_ref());
    map.text("text", &step.text);
    map.optional("measure", step.measure.as_ref());
    map.optional("timescale", step.timescale.as_ref());
    map.list("owner", &step.owner);
    map.due(step.due);
    map.estimated(step.estimated);
    updates(&mut map, &step.updates);
}

fn updates(map: &mut Map<'_>, updates: &[Update]) {
    if updates.is_empty() {
        return;
    }
    map.open("updates");
    let indent = map.indent + 2;
    for each in updates {
        update(map.out, indent, each);
    }
}

fn update(out: &mut String, indent: usize, update: &Update) {
    let mut map = Map::item(out, indent);
    match update.at {
        Some(_) => map.raw("at", "agreed"),
        None => map.text("cycle", &update.cycle),
    }
    map.optional("status", update.status.as_ref());
    map.optional("progress", update.progress.as_ref());
    map.optional("impact", update.impact.as_ref());
    map.optional("next_steps", update.next_steps.as_ref());
    map.date("due", update.due);
    map.optional("not_reported", update.not_reported.as_ref());
    map.optional("rated_by", update.rated_by.as_ref());
    if let Some(confirmed) = &update.confirmed {
        map.open("confirmed");
        let mut under = Map::new(map.out, indent + 4);
        under.text("cycle", &confirmed.cycle);
        under.optional("minute", confirmed.minute.as_ref());
    }
}

/// One status of a plan's own key, in `site.yaml`'s form.
fn status(out: &mut String, indent: usize, status: &Status) {
    let mut map = Map::item(out, indent);
    map.text("id", &status.id);
    map.text("label", &status.label);
    map.raw("colour", &status.colour.label().to_lowercase());
    if !status.description.is_empty() {
        map.text("description", &status.description);
    }
    if status.done {
        map.raw("done", "true");
    }
}

/// A mapping being written, its fields at `indent`; as a list item, its
/// first field follows the item's `- `.
struct Map<'o> {
    out: &'o mut String,
    indent: usize,
    dash: bool,
}

impl<'o> Map<'o> {
    fn new(out: &'o mut String, indent: usize) -> Map<'o> {
        Map {
            out,
            indent,
            dash: false,
        }
    }

    /// A list item whose `- ` is at `indent`.
    fn item(out: &'o mut String, indent: usize) -> Map<'o> {
        Map {
            out,
            indent: indent + 2,
            dash: true,
        }
    }

    /// Adds lines written at this map's indent, the first after `- ` if it opens an item.
    fn push(&mut self, lines: &str) {
        if self.dash {
            self.dash = false;
            self.out.push_str(&" ".repeat(self.indent - 2));
            self.out.push_str("- ");
            self.out.push_str(&lines[self.indent..]);
        } else {
            self.out.push_str(lines);
        }
    }

    fn text(&mut self, key: &str, text: &str) {
        let mut lines = String::new();
        field(&mut lines, self.indent, key, text);
        self.push(&lines);
    }

    fn optional(&mut self, key: &str, text: Option<&String>) {
        if let Some(text) = text {
            self.text(key, text);
        }
    }

    /// `key: value`, the value already YAML.
    fn raw(&mut self, key: &str, value: &str) {
        let line = format!("{}{key}: {value}\n", " ".repeat(self.indent));
        self.push(&line);
    }

    /// A date as content writes it: a day, or a month.
    fn date(&mut self, key: &str, date: Option<impl fmt::Display>) {
        if let Some(date) = date {
            self.raw(key, &date.to_string());
        }
    }

    /// `estimated: true` beside the date it marks, only when it is.
    fn estimated(&mut self, estimated: bool) {
        if estimated {
            self.raw("estimated", "true");
        }
    }

    fn due(&mut self, due: Due) {
        match due {
            Due::Unset => {}
            Due::On(date) => self.raw("due", &date.to_string()),
            Due::Never => self.raw("due", "none"),
        }
    }

    /// `key:`, with what is under it to follow.
    fn open(&mut self, key: &str) {
        let line = format!("{}{key}:\n", " ".repeat(self.indent));
        self.push(&line);
    }

    fn list(&mut self, key: &str, items: &[String]) {
        let mut lines = String::new();
        list(&mut lines, self.indent, key, items);
        if !lines.is_empty() {
            self.push(&lines);
        }
    }

    fn comment(&mut self, text: Option<&String>) {
        comment(self.out, self.indent, text.map_or("", String::as_str));
    }
}

/// Each line of `text` as a comment at `indent`.
fn comment(out: &mut String, indent: usize, text: &str) {
    let pad = " ".repeat(indent);
    for line in text.lines() {
        if line.is_empty() {
            let _ = writeln!(out, "{pad}#");
        } else {
            let _ = writeln!(out, "{pad}# {line}");
        }
    }
}

/// An enum's name as the plan file spells it (`peer-review`).
fn name(value: impl Serialize) -> String {
    serde_yaml::to_string(&value)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

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

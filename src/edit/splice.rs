//! Edits spliced into a plan file an officer wrote, as whole lines, so every
//! comment, blank line and quirk of layout stays as it was: the updates
//! `returns --read` adds to actions, and the `due:` lines `dates --write` adds.
//!
//! The parser keeps no spans, so where an action and its fields are is found
//! by walking the file ([`positions_of`], [`locate`]); the extent of a list
//! item is read from indentation (an item runs until a line that is not blank
//! and not indented past its dash).

use crate::load::spans::{locate, positions_of, FieldPath, Positions};
use crate::model::date::Date;
use crate::model::plan::{Action, Place, Plan, Update};

/// One change to a file's lines: `removed` lines from line `at` (0-based)
/// replaced by `text` (whole lines, each ending in `\n`).
struct Change {
    at: usize,
    removed: usize,
    text: String,
}

/// The file's lines, each with its line break.
fn lines_of(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The text with every change made; changes never overlap. A file written
/// with Windows line endings keeps them, and a last line without a line
/// break gets one when something is added after it.
fn spliced(text: &str, mut changes: Vec<Change>) -> String {
    let mut lines: Vec<String> = lines_of(text).into_iter().map(str::to_owned).collect();
    let crlf = text.contains("\r\n");
    let end = if crlf { "\r\n" } else { "\n" };
    if changes.iter().any(|c| c.at >= lines.len()) {
        if let Some(last) = lines.last_mut().filter(|l| !l.ends_with('\n')) {
            last.push_str(end);
        }
    }
    changes.sort_by_key(|c| std::cmp::Reverse(c.at));
    for change in changes {
        let text = if crlf {
            change.text.replace('\n', end)
        } else {
            change.text
        };
        let at = change.at.min(lines.len());
        let to = (at + change.removed).min(lines.len());
        lines.splice(at..to, text.split_inclusive('\n').map(str::to_owned));
    }
    lines.concat()
}

/// What an update does to the update now at its index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placing {
    /// It goes before it (or at the end of the list).
    Insert,
    /// It takes its place.
    Replace,
}

/// One update to put into an action's `updates:` list.
#[derive(Clone, Debug)]
pub(crate) struct UpdateEdit {
    /// Where the action is in its plan.
    pub place: Place,
    /// How many updates the action has now.
    pub existing: usize,
    /// The position the update takes in the list (at most `existing`).
    pub index: usize,
    pub placing: Placing,
    pub update: Update,
}

/// The YAML of one update as a list item, indented so its dash is at `dash` columns.
fn update_yaml(update: &Update, dash: usize) -> String {
    let mut entry = serde_yaml::Mapping::new();
    let mut put = |key: &str, value: Option<&str>| {
        if let Some(value) = value {
            entry.insert(key.into(), value.into());
        }
    };
    put("cycle", Some(&update.cycle));
    put("status", update.status.as_deref());
    put("progress", update.progress.as_deref());
    put("impact", update.impact.as_deref());
    put("next_steps", update.next_steps.as_deref());
    let due = update.due.map(|d| d.to_string());
    put("due", due.as_deref());
    put("not_reported", update.not_reported.as_deref());
    // A mapping of strings always serialises.
    let text = serde_yaml::to_string(&entry).unwrap_or_default();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            out.push_str(&format!("{}- {line}\n", " ".repeat(dash)));
        } else if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{}{line}\n", " ".repeat(dash + 2)));
        }
    }
    out
}

/// The text with every update edit made, or why an edit could not be placed.
pub(crate) fn edit_updates(yaml: &str, edits: &[UpdateEdit]) -> Result<String, String> {
    let lines = lines_of(yaml);
    // Every place the edits need, found in one walk of the file.
    let paths: Vec<FieldPath> = edits.iter().flat_map(update_places).collect();
    let positions = positions_of(yaml, &paths);
    let changes = edits
        .iter()
        .map(|edit| update_change(&positions, &lines, edit))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(spliced(yaml, changes))
}

/// The places an update edit reads: its action, the action's `updates:` and
/// the updates it goes after or before.
fn update_places(edit: &UpdateEdit) -> Vec<FieldPath> {
    let action = FieldPath::action(edit.place);
    let updates = action.key("updates");
    let mut paths = vec![action, updates.clone()];
    if edit.existing > 0 {
        paths.push(updates.index(edit.existing - 1));
        paths.push(updates.index(edit.index));
    }
    paths
}

/// Where one update edit goes and what it writes.
fn update_change(
    positions: &Positions,
    lines: &[&str],
    edit: &UpdateEdit,
) -> Result<Change, String> {
    let action = FieldPath::action(edit.place);
    let unplaced = || format!("could not find where to write the update of the action at {action}");
    let (line, column) = positions.exact(&action).ok_or_else(unplaced)?;
    let action_dash = dash_before(lines, line, column).ok_or_else(unplaced)?;
    if edit.existing == 0 {
        let key_indent = column - 1;
        if positions.exact(&action.key("updates")).is_some() {
            return Err(format!(
                "the action at {action} has an empty `updates:` list written on one line; remove it, or add the update by hand"
            ));
        }
        let text = format!(
            "{}updates:\n{}",
            " ".repeat(key_indent),
            update_yaml(&edit.update, key_indent + 2)
        );
        let at = item_end(lines, line - 1, action_dash);
        return Ok(Change {
            at,
            removed: 0,
            text,
        });
    }
    let updates = action.key("updates");
    let last = updates.index(edit.existing - 1);
    let (last_line, last_column) = positions.exact(&last).ok_or_else(unplaced)?;
    let Some(dash) = dash_before(lines, last_line, last_column) else {
        return Err(format!(
            "the updates of the action at {action} are not written as a list with dashes; add the update by hand"
        ));
    };
    let text = update_yaml(&edit.update, dash);
    if edit.index >= edit.existing {
        let at = item_end(lines, last_line - 1, dash);
        return Ok(Change {
            at,
            removed: 0,
            text,
        });
    }
    let target = updates.index(edit.index);
    let (target_line, target_column) = positions.exact(&target).ok_or_else(unplaced)?;
    let at = dash_line(lines, target_line, target_column, dash).ok_or_else(unplaced)?;
    let removed = match edit.placing {
        Placing::Insert => 0,
        Placing::Replace => item_end(lines, at, dash) - at,
    };
    Ok(Change { at, removed, text })
}

/// The column (0-based) of the `- ` dash on the line where a mapping item's first key
/// is (1-based line and column), when the item is written `- key: value`.
fn dash_before(lines: &[&str], line: usize, column: usize) -> Option<usize> {
    let text = lines.get(line - 1)?;
    let before = text.get(..column - 1)?;
    let trimmed = before.trim_end();
    let dash = trimmed.len().checked_sub(1)?;
    (trimmed.ends_with('-') && trimmed[..dash].chars().all(|c| c == ' ')).then_some(dash)
}

/// The 0-based line of an item's dash, checked to be at `dash`.
fn dash_line(lines: &[&str], line: usize, column: usize, dash: usize) -> Option<usize> {
    (dash_before(lines, line, column)? == dash).then_some(line - 1)
}

/// The 0-based line after the last line of the list item starting on line
/// `start` (0-based) whose dash is at column `dash`: comments and blank lines
/// after the item's last line belong to what follows.
fn item_end(lines: &[&str], start: usize, dash: usize) -> usize {
    let mut end = start + 1;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            continue;
        }
        let indent = content.len() - content.trim_start_matches(' ').len();
        if indent <= dash {
            break;
        }
        if !content.trim_start().starts_with('#') {
            end = i + 1;
        }
    }
    end
}

/// Whether `edited` reads back as `original` with exactly these updates made:
/// the same plan in every other field, each action's old updates kept.
pub(crate) fn verify(original: &Plan, edited: &str, edits: &[UpdateEdit]) -> Result<(), String> {
    let edited: Plan = serde_yaml::from_str(edited)
        .map_err(|e| format!("the edited file would not read back as a plan ({e})"))?;
    let mut expected = original.clone();
    for edit in edits {
        let Some(action) = action_mut(&mut expected, edit.place) else {
            return Err("an action moved while it was being edited".to_owned());
        };
        match edit.placing {
            Placing::Replace => action.updates[edit.index] = edit.update.clone(),
            Placing::Insert => action.updates.insert(edit.index, edit.update.clone()),
        }
    }
    let json = |plan: &Plan| serde_json::to_value(plan).map_err(|e| e.to_string());
    let (mut want, mut got) = (json(&expected)?, json(&edited)?);
    // The id is given by the file name, never by the file.
    for value in [&mut want, &mut got] {
        if let Some(map) = value.as_object_mut() {
            map.remove("id");
        }
    }
    if want == got {
        Ok(())
    } else {
        Err(
            "the edited file would not say exactly what it said before plus the new updates"
                .to_owned(),
        )
    }
}

/// The action at a place of a plan, to change.
fn action_mut(plan: &mut Plan, place: Place) -> Option<&mut Action> {
    let recommendations = match place.section {
        Some(s) => {
            let section = plan.sections.get_mut(s)?;
            match place.recommendation {
                None => return section.actions.get_mut(place.action),
                Some(_) => &mut section.recommendations,
            }
        }
        None => &mut plan.recommendations,
    };
    recommendations
        .get_mut(place.recommendation?)?
        .actions
        .get_mut(place.action)
}

/// A `due:` line to add to an action or one of its steps, read from its
/// `timescale:` (or an action's `target:`).
#[derive(Clone, Debug)]
pub(crate) struct DueEdit {
    pub place: Place,
    /// The step's position under the action, for a step's due date.
    pub step: Option<usize>,
    /// The key the line goes just before, at its indentation: `timescale` or `target`.
    pub before: &'static str,
    pub date: Date,
    /// Followed by `estimated: true`, when the paper hedges the date.
    pub estimated: bool,
}

/// The text with a `due:` line added for each edit that can be placed, and
/// the indexes of those that cannot (their key is not on a line of its own
/// at the action's indentation): those are left for the officer.
pub(crate) fn add_due_dates(yaml: &str, edits: &[DueEdit]) -> (String, Vec<usize>) {
    let lines = lines_of(yaml);
    let mut changes = Vec::new();
    let mut unplaced = Vec::new();
    for (i, edit) in edits.iter().enumerate() {
        match due_change(yaml, &lines, edit) {
            Some(change) => changes.push(change),
            None => unplaced.push(i),
        }
    }
    (spliced(yaml, changes), unplaced)
}

/// Where a `due:` line goes: just before the key it was read from, at its indentation.
fn due_change(yaml: &str, lines: &[&str], edit: &DueEdit) -> Option<Change> {
    let action = FieldPath::action(edit.place);
    let item = match edit.step {
        Some(step) => action.key("steps").index(step),
        None => action,
    };
    let (line, _) = locate(yaml, &item.key(edit.before))?;
    let (_, column) = locate(yaml, &item)?;
    let text = lines.get(line - 1)?;
    let indent = column - 1;
    let key_here = text
        .get(indent..)?
        .starts_with(&format!("{}:", edit.before))
        && text[..indent].chars().all(|c| c == ' ');
    key_here.then(|| Change {
        at: line - 1,
        removed: 0,
        text: {
            let indent = " ".repeat(indent);
            let estimated = if edit.estimated {
                format!("{indent}estimated: true\n")
            } else {
                String::new()
            };
            format!("{indent}due: {}\n{estimated}", edit.date)
        },
    })
}

#[cfg(test)]
mod tests {

    use super::*;

    const PLAN: &str = "\
title: T
organisation: O
kind: scrutiny
recommendations:
  - id: a
    # a comment about the action
    actions:
      - text: First
        owner: Someone
        updates:
          - cycle: c1
            status: on-track
            progress: |
              Line one

              Line two
          # kept below the update
      - text: Second # trailing note
        owner: Someone else

  - id: b
    actions:
      - text: Third
        updates:
          - cycle: c1
            status: behind
          - cycle: c3
            status: behind
";

    fn update(cycle: &str, progress: &str) -> Update {
        Update {
            at: None,
            cycle: cycle.to_owned(),
            status: Some("at-risk".to_owned()),
            progress: Some(progress.to_owned()),
            impact: None,
            due: crate::model::date::Date::new(2026, 3, 31),
            next_steps: None,
            not_reported: None,
            rated_by: None,
            confirmed: None,
        }
    }

    fn place(recommendation: usize, action: usize) -> Place {
        Place {
            section: None,
            recommendation: Some(recommendation),
            action,
        }
    }

    #[test]
    fn inserts_updates_keeping_every_other_line() {
        let original: Plan = serde_yaml::from_str(PLAN).unwrap();
        let edits = vec![
            UpdateEdit {
                place: place(0, 0),
                existing: 1,
                index: 1,
                placing: Placing::Insert,
                update: update("c2", "Went well.\nMore to do: yes"),
            },
            UpdateEdit {
                place: place(0, 1),
                existing: 0,
                index: 0,
                placing: Placing::Insert,
                update: update("c2", "Started"),
            },
            UpdateEdit {
                place: place(1, 0),
                existing: 2,
                index: 1,
                placing: Placing::Insert,
                update: update("c2", "# not a comment"),
            },
        ];
        let edited = edit_updates(PLAN, &edits).unwrap();
        verify(&original, &edited, &edits).unwrap();
        let old: Vec<&str> = PLAN.lines().collect();
        let new: Vec<&str> = edited.lines().collect();
        // Every old line is still there, in order.
        let mut at = 0;
        for line in &old {
            at += new[at..].iter().position(|l| l == line).unwrap() + 1;
        }
        assert!(
            edited.contains("          # kept below the update\n      - text: Second"),
            "{edited}"
        );
        assert!(
            edited
                .contains("        owner: Someone else\n        updates:\n          - cycle: c2\n"),
            "{edited}"
        );
        assert!(
            edited.contains("            status: behind\n          - cycle: c2\n"),
            "{edited}"
        );
        assert!(edited.contains("            progress: |-\n              Went well.\n              More to do: yes\n"), "{edited}");
    }

    #[test]
    fn keeps_windows_line_endings() {
        let crlf = PLAN.replace('\n', "\r\n");
        let original: Plan = serde_yaml::from_str(&crlf).unwrap();
        let edits = vec![UpdateEdit {
            place: place(0, 1),
            existing: 0,
            index: 0,
            placing: Placing::Insert,
            update: update("c2", "One\nTwo"),
        }];
        let edited = edit_updates(&crlf, &edits).unwrap();
        verify(&original, &edited, &edits).unwrap();
        assert_eq!(
            edited.matches('\n').count(),
            edited.matches("\r\n").count(),
            "{edited:?}"
        );
    }

    #[test]
    fn replaces_an_update() {
        let original: Plan = serde_yaml::from_str(PLAN).unwrap();
        let edits = vec![UpdateEdit {
            place: place(1, 0),
            existing: 2,
            index: 0,
            placing: Placing::Replace,
            update: update("c1", "Changed"),
        }];
        let edited = edit_updates(PLAN, &edits).unwrap();
        verify(&original, &edited, &edits).unwrap();
        assert!(
            !edited.contains("status: behind\n          - cycle: c3"),
            "{edited}"
        );
        assert!(
            edited
                .contains("progress: Changed\n            due: 2026-03-31\n          - cycle: c3"),
            "{edited}"
        );
    }

    const TIMESCALES: &str = "\
title: T
recommendations:
  - id: a
    actions:
      # the first action
      - text: First
        timescale: March 2026 # as the paper says
      - text: Second
        owner: Someone
        target: by March 2026
      - {text: Third, timescale: March 2026}
";

    fn due(action: usize, before: &'static str) -> DueEdit {
        DueEdit {
            place: place(0, action),
            step: None,
            before,
            date: crate::model::date::Date::new(2026, 3, 31).unwrap(),
            estimated: false,
        }
    }

    #[test]
    fn adds_due_lines_before_the_key_they_are_read_from() {
        let edits = [due(0, "timescale"), due(1, "target"), due(2, "timescale")];
        let (edited, unplaced) = add_due_dates(TIMESCALES, &edits);
        // The third is written on one line: there is no line to put `due:` before.
        assert_eq!(unplaced, vec![2]);
        assert_eq!(
            edited,
            TIMESCALES
                .replace(
                    "        timescale: March",
                    "        due: 2026-03-31\n        timescale: March"
                )
                .replace(
                    "        target:",
                    "        due: 2026-03-31\n        target:"
                )
        );
    }

    #[test]
    fn due_lines_keep_windows_line_endings() {
        let crlf = TIMESCALES.replace('\n', "\r\n");
        let (edited, _) = add_due_dates(&crlf, &[due(1, "target")]);
        assert!(
            edited.contains("Someone\r\n        due: 2026-03-31\r\n        target:"),
            "{edited:?}"
        );
        assert_eq!(edited.matches('\n').count(), edited.matches("\r\n").count());
    }
}

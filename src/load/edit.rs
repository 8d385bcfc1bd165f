//! Adding progress updates to a plan's YAML by hand's width: new `updates:`
//! entries are inserted as lines, so every comment, blank line and quirk of
//! layout the officer wrote stays exactly as it was.
//!
//! The parser keeps no spans, so the place of an action and of its updates is
//! found in one walk of the file ([`positions_of`]); the extent of a list item is read from indentation
//! (an item runs until a line that is not blank and not indented past its dash).

use crate::load::spans::{positions_of, FieldPath, Positions};
use crate::model::plan::{Place, Plan, Update};

/// One update to put into an action's `updates:` list.
#[derive(Clone, Debug)]
pub(crate) struct UpdateEdit {
    /// Where the action is in its plan.
    pub place: Place,
    /// How many updates the action has now.
    pub existing: usize,
    /// The position the update takes in the list (at most `existing`).
    pub index: usize,
    /// Whether it replaces the update now at `index` rather than going before it.
    pub replaces: bool,
    pub update: Update,
}

/// The YAML of one update as a list item, indented so its dash is at `dash` columns.
pub(crate) fn update_yaml(update: &Update, dash: usize) -> String {
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

/// The text with every edit made, or why an edit could not be placed.
pub(crate) fn edit_updates(yaml: &str, edits: &[UpdateEdit]) -> Result<String, String> {
    let mut lines: Vec<String> = yaml.split_inclusive('\n').map(str::to_owned).collect();
    if lines.last().is_some_and(|l| !l.ends_with('\n')) {
        let last = lines.len() - 1;
        lines[last].push('\n');
    }
    // Every place the edits need, found in one walk of the file.
    let paths: Vec<FieldPath> = edits.iter().flat_map(places).collect();
    let positions = positions_of(yaml, &paths);
    // Each edit as (first line to remove, lines removed, text to insert), 0-based.
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    for edit in edits {
        changes.push(change(&positions, &lines, edit)?);
    }
    changes.sort_by_key(|c| std::cmp::Reverse(c.0));
    // A file written with Windows line endings keeps them.
    let crlf = yaml.contains("\r\n");
    for (at, removed, text) in changes {
        let text = if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        lines.splice(
            at..at + removed,
            text.split_inclusive('\n').map(str::to_owned),
        );
    }
    Ok(lines.concat())
}

/// The places an edit reads: its action, the action's `updates:` and the
/// updates it goes after or before.
fn places(edit: &UpdateEdit) -> Vec<FieldPath> {
    let action = FieldPath::action(edit.place);
    let updates = action.key("updates");
    let mut paths = vec![action, updates.clone()];
    if edit.existing > 0 {
        paths.push(updates.index(edit.existing - 1));
        paths.push(updates.index(edit.index));
    }
    paths
}

/// Where one edit goes and what it writes.
fn change(
    positions: &Positions,
    lines: &[String],
    edit: &UpdateEdit,
) -> Result<(usize, usize, String), String> {
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
        let end = item_end(lines, line - 1, action_dash);
        let text = format!(
            "{}updates:\n{}",
            " ".repeat(key_indent),
            update_yaml(&edit.update, key_indent + 2)
        );
        return Ok((end, 0, text));
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
        return Ok((item_end(lines, last_line - 1, dash), 0, text));
    }
    let target = updates.index(edit.index);
    let (target_line, target_column) = positions.exact(&target).ok_or_else(unplaced)?;
    let start = dash_line(lines, target_line, target_column, dash).ok_or_else(unplaced)?;
    if edit.replaces {
        let end = item_end(lines, start, dash);
        Ok((start, end - start, text))
    } else {
        Ok((start, 0, text))
    }
}

/// The column (0-based) of the `- ` dash on the line where a mapping item's first key
/// is (1-based line and column), when the item is written `- key: value`.
fn dash_before(lines: &[String], line: usize, column: usize) -> Option<usize> {
    let text = lines.get(line - 1)?;
    let before = text.get(..column - 1)?;
    let trimmed = before.trim_end();
    let dash = trimmed.len().checked_sub(1)?;
    (trimmed.ends_with('-') && trimmed[..dash].chars().all(|c| c == ' ')).then_some(dash)
}

/// The 0-based line of an item's dash, checked to be at `dash`.
fn dash_line(lines: &[String], line: usize, column: usize, dash: usize) -> Option<usize> {
    (dash_before(lines, line, column)? == dash).then_some(line - 1)
}

/// The 0-based line after the last line of the list item starting on line
/// `start` (0-based) whose dash is at column `dash`: comments and blank lines
/// after the item's last line belong to what follows.
fn item_end(lines: &[String], start: usize, dash: usize) -> usize {
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
        if edit.replaces {
            action.updates[edit.index] = edit.update.clone();
        } else {
            action.updates.insert(edit.index, edit.update.clone());
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
pub(crate) fn action_mut(plan: &mut Plan, place: Place) -> Option<&mut crate::model::plan::Action> {
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
                replaces: false,
                update: update("c2", "Went well.\nMore to do: yes"),
            },
            UpdateEdit {
                place: place(0, 1),
                existing: 0,
                index: 0,
                replaces: false,
                update: update("c2", "Started"),
            },
            UpdateEdit {
                place: place(1, 0),
                existing: 2,
                index: 1,
                replaces: false,
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
            replaces: false,
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
            replaces: true,
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
}

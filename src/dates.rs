//! Due dates read from free-text timescales: what each action without a `due`
//! says about one, and the suggested `due:` lines added to the YAML, leaving
//! every comment and every other line as it was.

use crate::diagnostic::Diagnostic;
use crate::edit::splice::{add_due_dates, DueEdit};
use crate::load::load;
use crate::load::spans::FieldPath;
use crate::model::plan::{Due, Place, Plan};
use crate::model::timescale::{suggest, DueDate};
use crate::render::plan::action_name;
use std::path::{Path, PathBuf};

/// One action without a due date, and what its timescale says.
#[derive(Clone, Debug)]
pub(crate) struct Reading {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub action: String,
    /// `timescale` or `target`.
    pub field: &'static str,
    pub text: String,
    pub outcome: DueDate,
    /// Where the action sits in its plan, for writing.
    place: Place,
}

/// Reads every action with a timescale or target but no `due`.
pub(crate) fn readings(root: &Path) -> Vec<Reading> {
    let (content, _) = load(root);
    let mut readings = Vec::new();
    for plan in &content.plans {
        let mut resolved = plan.value.clone();
        crate::resolve::assign_ids(&mut resolved);
        for action in resolved.actions() {
            if action.action.due != Due::Unset {
                continue;
            }
            let a = action.action;
            let candidates = [("timescale", &a.timescale), ("target", &a.target)];
            let mut chosen = None;
            for (field, text) in candidates {
                let Some(text) = text else { continue };
                let outcome = suggest(text);
                let better = matches!(outcome, DueDate::Date(_)) || chosen.is_none();
                if better {
                    chosen = Some((field, text.clone(), outcome.clone()));
                }
                if matches!(outcome, DueDate::Date(_)) {
                    break;
                }
            }
            let Some((field, text, outcome)) = chosen else {
                continue;
            };
            let path = FieldPath::action(action.place);
            readings.push(Reading {
                file: plan.source.path.clone(),
                line: plan.source.position(&path.key(field)).map(|(line, _)| line),
                action: action_name(&action),
                field,
                text,
                outcome,
                place: action.place,
            });
        }
    }
    readings
}

/// Adds `due:` lines for every suggested date. Returns what was written and what could not be.
pub(crate) fn write_due_dates(
    root: &Path,
    readings: &[Reading],
) -> std::io::Result<(usize, Vec<Diagnostic>)> {
    let mut written = 0;
    let mut problems = Vec::new();
    let mut files: Vec<&PathBuf> = readings.iter().map(|r| &r.file).collect();
    files.sort();
    files.dedup();
    for file in files {
        let full = root.join(file);
        let original = std::fs::read_to_string(&full)?;
        let (dated, edits): (Vec<&Reading>, Vec<DueEdit>) = readings
            .iter()
            .filter(|r| &r.file == file)
            .filter_map(|r| match r.outcome {
                DueDate::Date(date) => Some((
                    r,
                    DueEdit {
                        place: r.place,
                        before: r.field,
                        date,
                    },
                )),
                _ => None,
            })
            .unzip();
        let (updated, unplaced) = add_due_dates(&original, &edits);
        for &i in &unplaced {
            problems.push(
                Diagnostic::error(
                    file,
                    format!(
                        "action {}: could not place `due: {}` automatically",
                        dated[i].action, edits[i].date
                    ),
                )
                .hint("add it by hand"),
            );
        }
        // Never leave a file the loader cannot read.
        if serde_yaml::from_str::<Plan>(&updated).is_err() {
            problems.push(
                Diagnostic::error(
                    file,
                    "the dates were not written, because the result would not read back",
                )
                .hint("add them by hand"),
            );
            continue;
        }
        let added = edits.len() - unplaced.len();
        if added > 0 {
            crate::output::safely::write_safely(&full, updated.as_bytes())?;
            written += added;
        }
    }
    Ok((written, problems))
}

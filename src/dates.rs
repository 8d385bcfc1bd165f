//! Due dates read from free-text timescales: what each action or step
//! without a `due` says about one, and the suggested `due:` lines added to the
//! YAML, leaving every comment and every other line as it was.

use crate::diagnostic::Diagnostic;
use crate::edit::splice::{add_due_dates, DueEdit};
use crate::load::load;
use crate::load::spans::FieldPath;
use crate::model::plan::{Due, Place, Plan};
use crate::model::timescale::{is_estimated, suggest, DueDate};
use crate::render::plan::action_name;
use std::path::{Path, PathBuf};

/// One action or step without a due date, and what its timescale says.
#[derive(Clone, Debug)]
pub(crate) struct Reading {
    pub file: PathBuf,
    pub line: Option<usize>,
    /// How pages name the action, or the step ("step 2 of R1, action 1").
    pub action: String,
    /// Whether it is a step, rather than an action.
    pub is_step: bool,
    /// `timescale` or `target`.
    pub field: &'static str,
    pub text: String,
    pub outcome: DueDate,
    /// The paper hedges the date ("approx. June 2016"): written with `estimated: true`.
    pub estimated: bool,
    /// Where the action sits in its plan, for writing.
    place: Place,
    /// The step's position under its action, for a step.
    step: Option<usize>,
}

/// The field a due date is read from, of those given: the first that reads
/// as a date, else the first given.
fn chosen(
    candidates: &[(&'static str, &Option<String>)],
) -> Option<(&'static str, String, DueDate)> {
    let mut chosen = None;
    for &(field, text) in candidates {
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
    chosen
}

/// Reads every action and step with a timescale (or an action with a
/// target) but no `due`.
pub(crate) fn readings(root: &Path) -> Vec<Reading> {
    let (content, _) = load(root);
    let mut readings = Vec::new();
    for plan in &content.plans {
        let mut resolved = plan.value.clone();
        crate::resolve::assign_ids(&mut resolved);
        for action in resolved.actions() {
            let a = action.action;
            let path = FieldPath::action(action.place);
            let name = action_name(&action);
            let candidates = [("timescale", &a.timescale), ("target", &a.target)];
            if let (Due::Unset, Some((field, text, outcome))) = (a.due, chosen(&candidates)) {
                readings.push(Reading {
                    file: plan.source.path.clone(),
                    line: plan.source.position(&path.key(field)).map(|(line, _)| line),
                    action: name.clone(),
                    is_step: false,
                    field,
                    estimated: is_estimated(&text),
                    text,
                    outcome,
                    place: action.place,
                    step: None,
                });
            }
            for (i, step) in a.steps.iter().enumerate() {
                let Some((field, text, outcome)) =
                    chosen(&[("timescale", &step.timescale)]).filter(|_| step.due == Due::Unset)
                else {
                    continue;
                };
                let path = path.key("steps").index(i);
                let number = step.number.clone().unwrap_or_else(|| (i + 1).to_string());
                readings.push(Reading {
                    file: plan.source.path.clone(),
                    line: plan.source.position(&path.key(field)).map(|(line, _)| line),
                    action: format!("step {} of {name}", number.trim()),
                    is_step: true,
                    field,
                    estimated: is_estimated(&text),
                    text,
                    outcome,
                    place: action.place,
                    step: Some(i),
                });
            }
        }
    }
    readings
}

impl Reading {
    /// The action or step, named for a message: "action 1.2", "step 1 of 1.2".
    pub(crate) fn named(&self) -> String {
        if self.is_step {
            self.action.clone()
        } else {
            format!("action {}", self.action)
        }
    }
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
                        step: r.step,
                        before: r.field,
                        date,
                        estimated: r.estimated,
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
                        "{}: could not place `due: {}` automatically",
                        dated[i].named(),
                        edits[i].date
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

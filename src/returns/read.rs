//! Reading returned workbooks (xlsx or ods) back: each row is matched to its
//! action by the hidden keys, never by its position; what the owner filled in
//! becomes an update at the cycle, inserted into the plan's YAML line by line.
//! Nothing is written unless every file reads without an error or a conflict
//! and passes the [`checks`]; then every plan is written, or none.

use crate::derive::Facts;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::diagnostic::{Failed, Outcome};
use crate::edit::splice::{edit_updates, verify, Placing, UpdateEdit};
use crate::model::date::Date;
use crate::model::plan::{ActionRef, Plan, Update};
use crate::model::site::Site;
use crate::model::status::Status;
use crate::output::safely::{write_all_safely, WriteAllError};
use crate::returns::layout::{
    find_cycle, owed, ACTION, ACTION_ID, CYCLE, NEXT_STEPS, NUMBER, PLAN, PLAN_ID, PROGRESS,
    REVISED_DUE, STATUS,
};
use crate::sheet::{Cell, Fault, Sheet, Workbook};
use crate::text::plural;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod checks;

/// A value found in a cell, with the cell's place.
#[derive(Clone, Debug)]
struct Found<T> {
    value: T,
    place: Spot,
}

/// Where a value was found: a file and its cell, or the command line.
#[derive(Clone, Debug)]
struct Spot {
    file: String,
    cell: Option<crate::diagnostic::Cell>,
}

impl Spot {
    /// An error at this place.
    fn error(&self, message: impl Into<String>) -> Diagnostic {
        let error = Diagnostic::error(&self.file, message);
        match &self.cell {
            Some(cell) => error.at_cell(cell.sheet.clone(), cell.row, cell.column),
            None => error,
        }
    }
}

/// As another problem names it: `file: Sheet!K5`.
impl std::fmt::Display for Spot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.cell {
            Some(cell) => write!(f, "{}: {cell}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// One row of a return sheet, as read.
#[derive(Clone, Debug)]
struct Row {
    /// The file and sheet it is on (`file: Sheet`).
    sheet: String,
    /// What the row shows of its action: the plan's title, the action's number and text.
    shown_plan: Option<Found<String>>,
    shown_number: Option<Found<String>>,
    shown_text: Option<Found<String>>,
    plan: Found<String>,
    action: Found<String>,
    cycle: Found<String>,
    status: Option<Found<String>>,
    progress: Option<Found<String>>,
    next_steps: Option<Found<String>>,
    due: Option<Found<Cell>>,
}

impl Row {
    /// Whether the owner filled in anything on the row.
    fn filled(&self) -> bool {
        self.status.is_some()
            || self.progress.is_some()
            || self.next_steps.is_some()
            || self.due.is_some()
    }
}

/// A cell's text, as a person would read it; `None` when empty. An error
/// value (`#REF!`) is no answer, so it counts as empty.
fn cell_text(cell: &Cell) -> Option<String> {
    if matches!(cell, Cell::Error(_)) {
        return None;
    }
    let text = cell.text()?.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A heading as matched: case and spacing do not matter.
fn heading(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads every return row of one file.
fn read_file(path: &Path, shown: &str) -> Result<Vec<Row>, Vec<Diagnostic>> {
    if !path.is_file() {
        return Err(vec![Diagnostic::error(shown, "there is no such file")]);
    }
    let book = crate::sheet::read(path).map_err(|e| {
        vec![match e.fault {
            Fault::Refused(message) => Diagnostic::error(shown, message),
            Fault::Io(cause) | Fault::Unreadable { cause, .. } => Diagnostic::error(
                shown,
                format!("this is not a spreadsheet ragtime can read (expected a returned .xlsx or .ods workbook): {cause}"),
            ),
        }]
    })?;
    return_rows(&book, shown)
}

/// The first row and column with a value: where the sheet's cells start.
fn start(sheet: &Sheet) -> Option<(u32, u32)> {
    let filled = |r: u32, c: u32| !sheet.cell(r, c).is_empty();
    let top = (0..sheet.height()).find(|&r| (0..sheet.width()).any(|c| filled(r, c)))?;
    let left = (0..sheet.width()).find(|&c| (top..sheet.height()).any(|r| filled(r, c)))?;
    Some((top, left))
}

/// Every return row of a workbook.
fn return_rows(book: &Workbook, shown: &str) -> Result<Vec<Row>, Vec<Diagnostic>> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut any_header = false;
    for range in &book.sheets {
        let sheet = &range.name;
        let Some((top, left)) = start(range) else {
            continue;
        };
        let wanted = [
            PLAN_ID,
            ACTION_ID,
            CYCLE,
            PLAN,
            NUMBER,
            ACTION,
            STATUS,
            PROGRESS,
            NEXT_STEPS,
            REVISED_DUE,
        ];
        // The header row: the first of the top rows that has the three key headings.
        let mut columns: Option<(usize, BTreeMap<&str, usize>)> = None;
        for (r, cells) in rows_of(range, top, left).enumerate().take(30) {
            let mut found = BTreeMap::new();
            for (c, cell) in cells.iter().enumerate() {
                let Some(text) = cell_text(cell) else {
                    continue;
                };
                if let Some(name) = wanted.iter().find(|w| heading(w) == heading(&text)) {
                    found.entry(*name).or_insert(c);
                }
            }
            if [PLAN_ID, ACTION_ID, CYCLE]
                .iter()
                .all(|k| found.contains_key(k))
            {
                columns = Some((r, found));
                break;
            }
        }
        let Some((header, columns)) = columns else {
            continue;
        };
        any_header = true;
        for (r, cells) in rows_of(range, top, left).enumerate().skip(header + 1) {
            let row_number = top + u32::try_from(r).unwrap_or(0) + 1;
            let place = |c: usize| Spot {
                file: shown.to_owned(),
                cell: Some(crate::diagnostic::Cell {
                    sheet: sheet.clone(),
                    row: row_number - 1,
                    column: left + u32::try_from(c).unwrap_or(0),
                }),
            };
            let get = |name: &str| -> Option<Found<String>> {
                let c = *columns.get(name)?;
                cell_text(cells.get(c)?).map(|value| Found {
                    value,
                    place: place(c),
                })
            };
            let (plan, action, cycle) = (get(PLAN_ID), get(ACTION_ID), get(CYCLE));
            let status = get(STATUS);
            let progress = get(PROGRESS);
            let next_steps = get(NEXT_STEPS);
            let due = columns.get(REVISED_DUE).and_then(|&c| {
                let cell = cells.get(c)?;
                cell_text(cell).map(|_| Found {
                    value: (*cell).clone(),
                    place: place(c),
                })
            });
            let filled =
                status.is_some() || progress.is_some() || next_steps.is_some() || due.is_some();
            match (plan, action, cycle) {
                (Some(plan), Some(action), Some(cycle)) => rows.push(Row {
                    sheet: format!("{shown}: {sheet}"),
                    shown_plan: get(PLAN),
                    shown_number: get(NUMBER),
                    shown_text: get(ACTION),
                    plan,
                    action,
                    cycle,
                    status,
                    progress,
                    next_steps,
                    due,
                }),
                (None, None, None) if !filled => {}
                _ => problems.push(place(0).error(
                    format!("this row lacks its {PLAN_ID}, {ACTION_ID} or {CYCLE} (the hidden columns that tie it to an action): was it added or edited by hand? Fill the row's update in the row ragtime wrote for the action"),
                )),
            }
        }
    }
    if !any_header && problems.is_empty() {
        problems.push(Diagnostic::error(
            shown,
            format!("no sheet has the header row of a return (with the columns {PLAN_ID}, {ACTION_ID} and {CYCLE}): is this a file made by `ragtime returns`?"),
        ));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// The cells of a sheet's rows from its start, as a range of them reads.
fn rows_of(sheet: &Sheet, top: u32, left: u32) -> impl Iterator<Item = Vec<&Cell>> {
    (top..sheet.height()).map(move |r| (left..sheet.width()).map(|c| sheet.cell(r, c)).collect())
}

/// Whether a workbook at `path` is a return with something filled in: one
/// that must not be written over. A file past ragtime's limits is an error:
/// what it holds cannot be known.
pub(crate) fn is_filled_in(path: &Path) -> Result<bool, String> {
    if !path.is_file() {
        return Ok(false);
    }
    let book = match crate::sheet::read(path) {
        Ok(book) => book,
        Err(e) => match e.fault {
            Fault::Refused(message) => return Err(message),
            Fault::Io(_) | Fault::Unreadable { .. } => return Ok(false),
        },
    };
    Ok(return_rows(&book, "").is_ok_and(|rows| rows.iter().any(Row::filled)))
}

/// The id of the status a return names by its label or id.
fn status_id(statuses: &[Status], plan: &str, given: &str) -> Result<String, String> {
    if statuses.is_empty() {
        return Err(format!(
            "plan {plan} has no status column, so Status must be left empty (\"{given}\" was given)"
        ));
    }
    if let Some(status) = crate::model::status::named(statuses, given) {
        return Ok(status.id.clone());
    }
    let labels: Vec<&str> = statuses.iter().map(|s| s.label.as_str()).collect();
    // Suggested by label, as the owner sees them in the drop-down.
    let hint = crate::model::status::meant(given, &labels)
        .or_else(|| {
            let ids: Vec<&str> = statuses.iter().map(|s| s.id.as_str()).collect();
            crate::model::status::meant(given, &ids)
                .and_then(|id| statuses.iter().find(|s| s.id == id))
                .map(|s| s.label.as_str())
        })
        .map(|m| format!("did you mean \"{m}\"? "))
        .unwrap_or_default();
    Err(format!(
        "\"{given}\" is not a status of plan {plan}; {hint}Expected one of: {}",
        labels.join(", ")
    ))
}

/// A revised due date: a date cell, or a date written as text.
fn due_date(cell: &Cell) -> Result<Date, String> {
    let expected = "expected a date, for example 31/03/2026, 2026-03-31 or 31 March 2026";
    match cell {
        Cell::Date(date) => Ok(*date),
        Cell::Text(s) => Date::written(s.trim())
            .ok_or_else(|| format!("\"{}\" is not a date; {expected}", s.trim())),
        other => Err(format!(
            "\"{}\" is not a date; {expected}",
            cell_text(other).unwrap_or_default()
        )),
    }
}

/// An update as a return gives it, with where it came from.
struct Returned {
    update: Update,
    /// The first filled-in cell of the row, where problems with it are shown.
    place: Spot,
}

/// A short account of an update, to show two side by side.
fn describe(update: &Update) -> String {
    let mut parts = Vec::new();
    if let Some(status) = &update.status {
        parts.push(format!("status {status}"));
    }
    if let Some(progress) = &update.progress {
        parts.push(format!("progress \"{}\"", crate::text::one_line(progress)));
    }
    if let Some(next) = &update.next_steps {
        parts.push(format!("next steps \"{}\"", crate::text::one_line(next)));
    }
    if let Some(due) = update.due {
        parts.push(format!("due {due}"));
    }
    if parts.is_empty() {
        "nothing".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Whether `existing` already says everything `new` says.
fn agrees(existing: &Update, new: &Update) -> bool {
    let same = |a: &Option<String>, b: &Option<String>| b.is_none() || a == b;
    same(&existing.status, &new.status)
        && same(&existing.progress, &new.progress)
        && same(&existing.next_steps, &new.next_steps)
        && (new.due.is_none() || existing.due == new.due)
}

/// How a path is shown: relative to the site folder when it is inside it.
fn shown(path: &Path, root: &Path) -> String {
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    absolute(path)
        .strip_prefix(absolute(root))
        .map_or_else(|_| path.display().to_string(), |p| p.display().to_string())
}

/// `ragtime returns --read FILES`.
pub(crate) fn run(
    site: &Site,
    files: &[PathBuf],
    asked: Option<&str>,
    force: bool,
    root: &Path,
) -> Outcome {
    let facts = Facts::new(site);
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for path in files {
        match read_file(path, &shown(path, root)) {
            Ok(more) => rows.extend(more),
            Err(more) => problems.extend(more),
        }
    }
    // A cell no spreadsheet holds is refused before its text is quoted or used.
    let oversized = checks::oversized(&rows);
    if !oversized.is_empty() {
        problems.extend(oversized);
        return fail(&problems, &[]);
    }
    problems.extend(rows.iter().flat_map(controls));
    // The cycle: one for every row of every file, and one of site.yaml.
    let mut cycle_id: Option<Found<String>> = asked.map(|value| Found {
        value: value.to_owned(),
        place: Spot {
            file: "the command line".to_owned(),
            cell: None,
        },
    });
    for row in &rows {
        match &cycle_id {
            None => cycle_id = Some(row.cycle.clone()),
            Some(first) if first.value != row.cycle.value => {
                problems.push(row.cycle.place.error(
                    format!(
                        "this return is for cycle {}, but {} is for cycle {}: read the returns of one cycle at a time",
                        row.cycle.value, first.place, first.value
                    ),
                ));
                break;
            }
            Some(_) => {}
        }
    }
    let cycle = match &cycle_id {
        Some(found) => match find_cycle(site, &found.value) {
            Ok(cycle) => Some(cycle),
            Err(message) => {
                problems.push(found.place.error(message));
                None
            }
        },
        None => None,
    };
    let Some(cycle) = cycle.filter(|_| problems.is_empty()) else {
        return fail(&problems, &[]);
    };
    let (rows, blank) = returned_sheets(rows);
    let order = |id: &str| facts.cycle_order.get(id).copied();
    // What the returns say, by plan and action id; and every action they list.
    let mut returned: BTreeMap<(String, String), Returned> = BTreeMap::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut actions: BTreeMap<(String, String), ActionRef<'_>> = BTreeMap::new();
    let mut conflicts: Vec<Diagnostic> = Vec::new();
    let mut resolved: Vec<(&Row, ActionRef<'_>)> = Vec::new();
    for row in &rows {
        let Some(plan) = facts.plan(&row.plan.value) else {
            let ids: Vec<&str> = site.plans.iter().map(|p| p.id.as_str()).collect();
            let hint = did_you_mean(&row.plan.value, ids.iter().copied())
                .map(|m| format!("; did you mean \"{m}\"?"))
                .unwrap_or_default();
            problems.push(row.plan.place.error(
                format!("\"{}\" is not a plan of this site{hint} (the hidden {PLAN_ID} column must stay as ragtime wrote it)", row.plan.value),
            ));
            continue;
        };
        let Some(action) = plan
            .actions
            .iter()
            .find(|a| a.action.id() == row.action.value)
        else {
            problems.push(row.action.place.error(
                format!("plan {} has no action \"{}\" (the hidden {ACTION_ID} column must stay as ragtime wrote it)", plan.plan.id, row.action.value),
            ));
            continue;
        };
        // A row with nothing filled in writes nothing, so an action reworded
        // since the return was written holds no return up.
        if row.filled() {
            if let Err(problem) = checks::shows(row, action) {
                problems.push(problem);
                continue;
            }
        }
        resolved.push((row, *action));
        let key = (plan.plan.id.clone(), row.action.value.clone());
        seen.insert(key.clone());
        actions.insert(key.clone(), *action);
        let mut update = Update {
            at: None,
            cycle: cycle.id.clone(),
            status: None,
            progress: row.progress.as_ref().map(|p| p.value.clone()),
            impact: None,
            due: None,
            next_steps: row.next_steps.as_ref().map(|n| n.value.clone()),
            not_reported: None,
            rated_by: None,
            confirmed: None,
        };
        if let Some(status) = &row.status {
            match status_id(plan.statuses, &plan.plan.id, &status.value) {
                Ok(id) => update.status = Some(id),
                Err(message) => problems.push(status.place.error(message)),
            }
        }
        if let Some(due) = &row.due {
            match due_date(&due.value) {
                Ok(date) => update.due = Some(date),
                Err(message) => problems.push(due.place.error(message)),
            }
        }
        let first = [&row.status, &row.progress, &row.next_steps]
            .into_iter()
            .flatten()
            .map(|f| f.place.clone())
            .chain(row.due.as_ref().map(|d| d.place.clone()))
            .next();
        let Some(place) = first else { continue };
        match returned.get(&key) {
            Some(other) if other.update != update => conflicts.push(place.error(
                format!(
                    "action {} of plan {} is returned twice, differently: {} says {}; this return says {}. Agree one answer and leave the other row empty",
                    key.1, key.0, other.place, describe(&other.update), describe(&update)
                ),
            )),
            Some(_) => {}
            None => {
                returned.insert(key, Returned { update, place });
            }
        }
    }
    let (strangers, read_as) = checks::one_owner(&facts, cycle, &resolved);
    problems.extend(strangers);
    if !problems.is_empty() || !conflicts.is_empty() {
        return fail(&problems, &conflicts);
    }
    // Against what the plans already say.
    let mut edits: BTreeMap<&str, Vec<UpdateEdit>> = BTreeMap::new();
    let mut kept = Vec::new();
    let mut already = 0;
    for (key, new) in &returned {
        let action = actions[key];
        let updates = &action.action.updates;
        let file = site
            .files
            .get(&key.0)
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        let edit = |index, placing| UpdateEdit {
            place: action.place,
            existing: updates.len(),
            index,
            placing,
            update: new.update.clone(),
        };
        match updates.iter().position(|u| u.cycle == cycle.id) {
            Some(i) if agrees(&updates[i], &new.update) => already += 1,
            Some(i) if force => edits.entry(&key.0).or_default().push(edit(i, Placing::Replace)),
            Some(i) => kept.push(new.place.error(
                format!(
                    "{file} already has an update at cycle {} for action {} that says {}; this return says {}. The file's update is kept: change it by hand, or read the returns again with --force to replace it",
                    cycle.id, key.1, describe(&updates[i]), describe(&new.update)
                ),
            )),
            None => {
                let at = order(&cycle.id);
                let index = updates
                    .iter()
                    .position(|u| order(&u.cycle) > at)
                    .unwrap_or(updates.len());
                edits.entry(&key.0).or_default().push(edit(index, Placing::Insert));
            }
        }
    }
    if !kept.is_empty() {
        return fail(&[], &kept);
    }
    // Every file edited in memory and checked before any is written.
    let mut outputs: Vec<(PathBuf, String, usize)> = Vec::new();
    for (plan_id, plan_edits) in &edits {
        let Some(file) = site.files.get(*plan_id) else {
            continue;
        };
        let full = root.join(file);
        let edited = std::fs::read_to_string(&full)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                let original: Plan = serde_yaml::from_str(&text).map_err(|e| e.to_string())?;
                let edited = edit_updates(&text, plan_edits)?;
                verify(&original, &edited, plan_edits)?;
                checks::within_file_limit(&edited)?;
                Ok(edited)
            });
        match edited {
            Ok(text) => outputs.push((file.clone(), text, plan_edits.len())),
            Err(message) => problems.push(Diagnostic::error(
                file.display().to_string(),
                format!("the updates could not be written into this file: {message}"),
            )),
        }
    }
    if !problems.is_empty() {
        return fail(&problems, &[]);
    }
    for line in &read_as {
        println!("{line}");
    }
    for sheet in &blank {
        println!("{sheet}: nothing filled in, so not counted as returned");
    }
    // Every plan written, or none: each to a temporary file first, renamed over
    // the originals only once all of them are on disk.
    let files: Vec<(PathBuf, &[u8])> = outputs
        .iter()
        .map(|(file, text, _)| (root.join(file), text.as_bytes()))
        .collect();
    if let Err(error) = write_all_safely(&files) {
        return failed_write(&outputs, &error);
    }
    for (file, _, count) in &outputs {
        println!(
            "wrote {} to {}",
            plural(*count, "update", "updates"),
            file.display()
        );
    }
    if already > 0 {
        println!(
            "{} already in the plans, left as they are",
            plural(already, "update was", "updates were")
        );
    }
    if outputs.is_empty() {
        println!("no new updates at cycle {}", cycle.id);
    }
    let missing: Vec<String> = owed(&facts, cycle)
        .iter()
        .filter_map(|owner| {
            let left = owner
                .actions
                .iter()
                .filter(|a| !seen.contains(&(a.plan.id.clone(), a.action.id().to_owned())))
                .count();
            (left > 0).then(|| {
                format!(
                    "  {} ({left} of {})",
                    owner.name,
                    plural(owner.actions.len(), "open action", "open actions")
                )
            })
        })
        .collect();
    if !missing.is_empty() {
        println!("not yet returned:");
        for line in &missing {
            println!("{line}");
        }
    }
    Ok(())
}

/// The rows of the sheets an owner filled something in, and the sheets
/// (`file: Sheet`, in the order read) left as they were written: a workbook
/// sent out and read back blank is not a return, so its owner stays among
/// those not yet returned. A sheet with something filled in is a return,
/// its empty rows the actions its owner had nothing to report on.
fn returned_sheets(rows: Vec<Row>) -> (Vec<Row>, Vec<String>) {
    let filled: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.filled())
        .map(|r| r.sheet.as_str())
        .collect();
    let mut blank: Vec<String> = Vec::new();
    for row in &rows {
        if !filled.contains(row.sheet.as_str()) && !blank.contains(&row.sheet) {
            blank.push(row.sheet.clone());
        }
    }
    let kept = rows
        .into_iter()
        .filter(|r| !blank.contains(&r.sheet))
        .collect();
    (kept, blank)
}

/// Each cell of a row whose text cannot be used, as it holds a control character.
fn controls(row: &Row) -> Vec<Diagnostic> {
    let due = row.due.as_ref().and_then(|due| {
        cell_text(&due.value).map(|value| Found {
            value,
            place: due.place.clone(),
        })
    });
    [&row.plan, &row.action, &row.cycle]
        .into_iter()
        .chain(
            [&row.status, &row.progress, &row.next_steps, &due]
                .into_iter()
                .flatten(),
        )
        .filter_map(|cell| {
            crate::text::control_in_cell(&cell.value).map(|message| cell.place.error(message))
        })
        .collect()
}

/// Says which plans a failed write changed and which it did not.
fn failed_write(outputs: &[(PathBuf, String, usize)], error: &WriteAllError) -> Outcome {
    let shown = |files: &[(PathBuf, String, usize)]| {
        files
            .iter()
            .map(|(file, ..)| file.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match error {
        WriteAllError::Nothing { index, error } => {
            let file = &outputs[*index].0;
            eprintln!(
                "{}",
                Diagnostic::error(file, format!("could not write: {error}"))
            );
            eprintln!("returns: nothing was written: every plan is as it was");
        }
        WriteAllError::Partly { index, error } => {
            let file = &outputs[*index].0;
            eprintln!(
                "{}",
                Diagnostic::error(file, format!("could not write: {error}"))
            );
            eprintln!(
                "returns: only some plans were written: {} {} the returned updates; {} {} not. Read the same returns again once the problem is fixed: the updates already written are recognised and left as they are",
                shown(&outputs[..*index]),
                if *index == 1 { "has" } else { "have" },
                shown(&outputs[*index..]),
                if outputs.len() - index == 1 { "does" } else { "do" },
            );
        }
    }
    Err(Failed)
}

/// Prints every problem, then every conflict (control characters in them
/// shown escaped); nothing is written.
fn fail(problems: &[Diagnostic], conflicts: &[Diagnostic]) -> Outcome {
    crate::diagnostic::print_all(problems.iter().chain(conflicts));
    eprintln!(
        "returns: nothing was written ({}{})",
        plural(problems.len(), "error", "errors"),
        if conflicts.is_empty() {
            String::new()
        } else {
            format!(", {}", plural(conflicts.len(), "conflict", "conflicts"))
        }
    );
    Err(Failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_as_people_write_them() {
        let march = Date::new(2026, 3, 31);
        for text in [
            "31/03/2026",
            "31-03-2026",
            "31.3.2026",
            "2026-03-31",
            "31 March 2026",
            "31st Mar 2026",
            "31/03/26",
        ] {
            assert_eq!(Date::written(text), march, "{text}");
        }
        for text in [
            "31/02/2026",
            "March 2026",
            "soon",
            "2026",
            "31 Marchish 2026",
            "1/2/3/4",
        ] {
            assert_eq!(Date::written(text), None, "{text}");
        }
    }

    #[test]
    fn statuses_by_label_or_id_in_any_case() {
        let statuses = crate::model::status::default_statuses();
        assert_eq!(status_id(&statuses, "p", " at RISK ").unwrap(), "at-risk");
        assert_eq!(
            status_id(&statuses, "p", "in progress - on schedule").unwrap(),
            "on-track"
        );
        assert_eq!(status_id(&statuses, "p", "behind").unwrap(), "behind");
        let error = status_id(&statuses, "p", "Complet").unwrap_err();
        assert!(
            error.contains("did you mean \"Complete\"")
                && error.contains("Expected one of: Complete,"),
            "{error}"
        );
        assert!(status_id(&[], "p", "Green")
            .unwrap_err()
            .contains("no status column"));
    }
}

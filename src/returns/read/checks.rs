//! What a returned row must pass before it may change a plan, kept apart from
//! how cells are read: no cell larger than a spreadsheet cell can hold, the
//! row still shows the action its hidden keys name, every row of a sheet is an
//! action of the one owner the sheet was written for, and no plan grows past
//! what `check` reads.

use super::{cell_text, Row};
use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::load::MAX_FILE_BYTES;
use crate::model::cycle::Cycle;
use crate::model::plan::ActionRef;
use crate::render::plan::action_name;
use crate::returns::layout::{ACTION_ID, PLAN_ID};
use crate::text::single_spaced;
use std::collections::BTreeSet;

/// The most characters a returned cell may hold. It is Excel's own limit for
/// a cell, so nothing typed in a spreadsheet is ever refused, and it is far
/// above a progress update (a paragraph or two: the longest in the example
/// site is under 2,000 characters); a larger cell was made by something else.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// Every cell of `rows` larger than [`MAX_CELL_CHARS`], refused at the cell.
pub(super) fn oversized(rows: &[Row]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for row in rows {
        let due = row.due.as_ref().map(|d| {
            let text = cell_text(&d.value).unwrap_or_default();
            (text.chars().count(), &d.place)
        });
        let cells = [
            Some(&row.plan),
            Some(&row.action),
            Some(&row.cycle),
            row.shown_plan.as_ref(),
            row.shown_number.as_ref(),
            row.shown_text.as_ref(),
            row.status.as_ref(),
            row.progress.as_ref(),
            row.next_steps.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|f| (f.value.chars().count(), &f.place))
        .chain(due);
        for (count, place) in cells {
            if count > MAX_CELL_CHARS {
                problems.push(place.error(
                    format!(
                        "this cell holds {count} characters; a cell of a return may hold at most {MAX_CELL_CHARS} (what Excel allows in a cell, far more than any progress update): shorten it, or check this is the return as the owner sent it"
                    ),
                ));
            }
        }
    }
    problems
}

/// Whether a row still shows the action its hidden keys name (the plan's
/// title, the action's number and text, as the return was written); the
/// problem, at the row's Action id cell, when it shows another.
pub(super) fn shows(row: &Row, action: &ActionRef<'_>) -> Result<(), Diagnostic> {
    // Compared as words: spacing and line breaks do not matter.
    let cell = |f: &Option<super::Found<String>>| f.as_ref().map(|f| single_spaced(&f.value));
    let (plan, number, text) = (
        cell(&row.shown_plan),
        cell(&row.shown_number),
        cell(&row.shown_text),
    );
    let name = action_name(action);
    let wanted = (
        single_spaced(&action.plan.title),
        single_spaced(&name),
        single_spaced(action.action.text.trim()),
    );
    if plan.as_ref() == Some(&wanted.0)
        && number.as_ref() == Some(&wanted.1)
        && text.as_ref() == Some(&wanted.2)
    {
        return Ok(());
    }
    // As the No. column shows an action: "1.2", or "R22, action 1".
    let named = format!(
        "{} (\"{}\") of plan \"{}\"",
        name.trim(),
        crate::text::one_line(&action.action.text),
        action.plan.title.trim(),
    );
    let message = if plan.is_none() && number.is_none() && text.is_none() {
        format!(
            "this row does not show which action it is (its Plan, No. and Action cells are empty or their columns are gone), so it cannot be checked against its hidden keys, which name {named}. Fill the update in the return as ragtime wrote it"
        )
    } else {
        format!(
            "this row shows {} (\"{}\") of plan \"{}\", but its hidden Plan id and Action id name {named}: the hidden columns must stay in the row ragtime wrote them in (sort whole rows, never some columns). If the action was renumbered or reworded in the plan after the return was written, add this update to the plan by hand",
            number.unwrap_or_default(),
            crate::text::one_line(&text.unwrap_or_default()),
            plan.unwrap_or_default(),
        )
    };
    Err(row.action.place.error(message))
}

/// An action by plan id and action id.
type Key<'s> = (&'s str, &'s str);

/// An owner as a return could be written for them: their name and the
/// actions still open for them when the returns of `cycle` were written.
struct Issued<'s> {
    name: &'s str,
    actions: BTreeSet<Key<'s>>,
}

/// Every owner's actions that a return of `cycle` asks about: those not done
/// before the cycle, or not done at it (so a return read twice, or after
/// another owner's return marked a shared action done, still matches).
fn issued<'s>(facts: &Facts<'s>, cycle: &Cycle) -> Vec<Issued<'s>> {
    let before = facts
        .cycle_order
        .get(cycle.id.as_str())
        .and_then(|&i| i.checked_sub(1))
        .map(|i| &facts.site.cycles[i]);
    facts
        .owners
        .values()
        .map(|owner| Issued {
            name: owner.name,
            actions: owner
                .actions
                .iter()
                .filter(|a| {
                    !facts.state(a, before).is_done() || !facts.state(a, Some(cycle)).is_done()
                })
                .map(|a| (a.plan.id.as_str(), a.action.id()))
                .collect(),
        })
        .collect()
}

/// Names joined for a sentence: "A", "A and B", "A, B and C".
fn joined(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Checks that the rows of each sheet are the actions of one owner, open for
/// them at `cycle`: a sheet is written for one owner (the one most of its rows
/// belong to), so a filled-in row whose hidden keys were changed to another
/// owner's action is refused at its Action id cell. Returns the problems, and
/// for each sheet that fills something in a line saying whose return it was
/// read as: a sheet forged whole can claim to be anyone's, and the officer who
/// received the file sees whose it claims to be.
pub(super) fn one_owner<'s>(
    facts: &Facts<'s>,
    cycle: &Cycle,
    rows: &[(&Row, ActionRef<'s>)],
) -> (Vec<Diagnostic>, Vec<String>) {
    let owners = issued(facts, cycle);
    let mut sheets: Vec<(&str, Vec<&(&Row, ActionRef<'s>)>)> = Vec::new();
    for entry in rows {
        match sheets.iter_mut().find(|(sheet, _)| *sheet == entry.0.sheet) {
            Some((_, entries)) => entries.push(entry),
            None => sheets.push((&entry.0.sheet, vec![entry])),
        }
    }
    let mut problems = Vec::new();
    let mut read_as = Vec::new();
    for (sheet, entries) in sheets {
        let keys: BTreeSet<Key<'_>> = entries
            .iter()
            .map(|(_, a)| (a.plan.id.as_str(), a.action.id()))
            .collect();
        let held = |owner: &Issued<'_>| keys.iter().filter(|k| owner.actions.contains(k)).count();
        let most = owners.iter().map(held).max().unwrap_or(0);
        // The owners the sheet is most likely for; one whose actions are
        // exactly the sheet's is named first.
        let mut likely: Vec<&Issued<'_>> = owners.iter().filter(|o| held(o) == most).collect();
        likely.sort_by_key(|o| o.actions.len() != keys.len());
        let owner = likely.first().filter(|_| most > 0);
        let mut refused = false;
        // Only a filled-in row writes: one left empty holds nothing up.
        for (row, action) in entries.iter().filter(|(r, _)| r.filled()) {
            let key = (action.plan.id.as_str(), action.action.id());
            if owner.is_some_and(|o| o.actions.contains(&key)) {
                continue;
            }
            let holders: Vec<&str> = owners
                .iter()
                .filter(|o| o.actions.contains(&key))
                .map(|o| o.name)
                .collect();
            let what = format!("action {} of plan {}", key.1, key.0);
            let message = match owner.filter(|_| !holders.is_empty()) {
                None => format!(
                    "no return of cycle {} asks about {what} (it was done before the cycle, or has no owner): the hidden {PLAN_ID} and {ACTION_ID} columns must stay as ragtime wrote them",
                    cycle.id,
                ),
                Some(owner) => format!(
                    "{what} is held by {}, not by {}, whom this sheet was written for (its other rows are {}'s actions at cycle {}): a return updates only its owner's actions, and its hidden keys must stay as ragtime wrote them. An update for another owner's action belongs in that owner's return",
                    joined(&holders),
                    owner.name,
                    owner.name,
                    cycle.id,
                ),
            };
            problems.push(row.action.place.error(message));
            refused = true;
        }
        if refused || !entries.iter().any(|(r, _)| r.filled()) {
            continue;
        }
        let exact: Vec<&str> = likely
            .iter()
            .filter(|o| most == keys.len() && o.actions.len() == keys.len())
            .map(|o| o.name)
            .collect();
        let names = if exact.is_empty() {
            likely.iter().map(|o| o.name).collect()
        } else {
            exact
        };
        read_as.push(format!(
            "{sheet}: read as the return of {}",
            if names.len() > 3 {
                format!("one of {} owners who share these actions", names.len())
            } else {
                joined(&names)
            }
        ));
    }
    (problems, read_as)
}

/// Whether a plan's new text is still a file `check` reads; why not, if not.
pub(super) fn within_file_limit(text: &str) -> Result<(), String> {
    let bytes = text.len() as u64;
    if bytes <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(format!(
        "with them it would be {bytes} bytes, more than the {MAX_FILE_BYTES} bytes (16 MiB) a content file may be, and `ragtime check` would refuse it"
    ))
}

//! What a re-import keeps of the plan it replaces: the updates the
//! spreadsheet does not hold (those `returns --read` added), matched by
//! action and cycle, so that `--force` replaces only what the sheet holds.

use crate::model::cycle::Cycle;
use crate::model::plan::{Action, Plan, Section};
use crate::text::slug;
use std::collections::BTreeMap;
use std::fmt::Write;

/// An update of the plan being replaced, as the report names it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Kept {
    /// The action's number as printed, or its id.
    pub action: String,
    pub cycle: String,
}

/// What was carried over, and what could not be (its action is no longer in the sheet).
#[derive(Debug, Default)]
pub(crate) struct Carried {
    pub kept: Vec<Kept>,
    pub lost: Vec<Kept>,
}

/// An action's identity across imports: its id when the plan gives one,
/// else its number, else its place, each under its recommendation or section.
fn key(parent: &str, position: usize, action: &Action) -> String {
    match (&action.id, &action.number) {
        (Some(id), _) => format!("id {id}"),
        (None, Some(number)) => format!("{parent} number {number}"),
        (None, None) => format!("{parent}.{}", position + 1),
    }
}

fn section_key(section: &Section) -> String {
    section.id.clone().unwrap_or_else(|| slug(&section.title))
}

/// Every action of `plan` by key, with its name in the report.
fn actions_mut(plan: &mut Plan) -> BTreeMap<String, (String, &mut Action)> {
    fn add<'p>(
        found: &mut BTreeMap<String, (String, &'p mut Action)>,
        parent: &str,
        actions: &'p mut [Action],
    ) {
        for (position, action) in actions.iter_mut().enumerate() {
            // As pages name it: its number as printed, else its id.
            let shown = action
                .number
                .clone()
                .or_else(|| action.id.clone())
                .unwrap_or_else(|| format!("{parent}.{}", position + 1));
            found.insert(key(parent, position, action), (shown, action));
        }
    }
    let mut found = BTreeMap::new();
    for section in &mut plan.sections {
        let parent = section_key(section);
        for recommendation in &mut section.recommendations {
            add(&mut found, &recommendation.id, &mut recommendation.actions);
        }
        add(&mut found, &parent, &mut section.actions);
    }
    for recommendation in &mut plan.recommendations {
        add(&mut found, &recommendation.id, &mut recommendation.actions);
    }
    found
}

/// Adds to `imported` every update of `before` at a cycle the imported
/// action has none for, in the order of the cycles' dates.
pub(crate) fn carry(mut before: Plan, imported: &mut Plan, cycles: &[Cycle]) -> Carried {
    let when = |cycle: &str| {
        cycles
            .iter()
            .find(|c| c.id == cycle)
            .map(|c| c.date.as_of())
    };
    let mut carried = Carried::default();
    let mut into = actions_mut(imported);
    for (key, (shown, old)) in actions_mut(&mut before) {
        let Some((_, new)) = into.get_mut(&key) else {
            carried.lost.extend(old.updates.iter().map(|u| Kept {
                action: shown.clone(),
                cycle: u.cycle.clone(),
            }));
            continue;
        };
        for update in &old.updates {
            if new.updates.iter().any(|u| u.cycle == update.cycle) {
                continue;
            }
            carried.kept.push(Kept {
                action: shown.clone(),
                cycle: update.cycle.clone(),
            });
            new.updates.push(update.clone());
        }
        // Cycles the site does not know go last, as written.
        new.updates
            .sort_by_key(|u| (when(&u.cycle).is_none(), when(&u.cycle)));
    }
    carried
}

impl Carried {
    /// The report's lines: what was kept, and what was dropped with its action.
    pub(crate) fn describe(&self, dry_run: bool) -> String {
        let mut out = String::new();
        let list = |items: &[Kept]| {
            items
                .iter()
                .map(|k| format!("{} at {}", k.action, k.cycle))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.kept.is_empty() {
            let _ = writeln!(
                out,
                "{} {} the spreadsheet does not hold: {}",
                if dry_run { "would keep" } else { "kept" },
                crate::text::plural(self.kept.len(), "update", "updates"),
                list(&self.kept)
            );
        }
        if !self.lost.is_empty() {
            let _ = writeln!(
                out,
                "{} {} of actions no longer in the spreadsheet: {}",
                if dry_run { "would drop" } else { "dropped" },
                crate::text::plural(self.lost.len(), "update", "updates"),
                list(&self.lost)
            );
        }
        out
    }
}

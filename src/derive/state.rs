//! The rule for an action's standing at a cycle: its status (the latest given
//! at or before the cycle), its due date as revised by then, and whether it is
//! overdue (due before the cycle's date and not done).

use crate::derive::facts::Facts;
use crate::model::cycle::Cycle;
use crate::model::date::Date;
use crate::model::plan::{Action, Update};
use crate::model::status::{Colour, Status, NOT_STARTED};

/// What can be said of an action as of one cycle.
#[derive(Clone, Debug)]
pub(crate) struct ActionState<'s> {
    /// `None` when progress was reported without a status.
    pub status: Option<&'s Status>,
    /// The latest update at or before the cycle.
    pub update: Option<&'s Update>,
    /// Whether that update was given at this very cycle.
    pub updated_now: bool,
    pub due: Option<Date>,
    /// The due date first set, when it has since moved.
    pub original_due: Option<Date>,
    /// How many times the due date moved up to this cycle.
    pub moves: usize,
    pub overdue: bool,
}

impl ActionState<'_> {
    /// Open and in a red status: what an exception report lists.
    pub(crate) fn is_behind(&self) -> bool {
        self.status
            .is_some_and(|s| !s.done && s.colour == Colour::Red)
    }
}

impl<'s> Facts<'s> {
    /// The action as reported at `cycle` (`None`: before any report).
    pub(crate) fn state(&self, action: &'s Action, cycle: Option<&Cycle>) -> ActionState<'s> {
        let limit = cycle.and_then(|c| self.cycle_order.get(c.id.as_str()).copied());
        // Updates are checked to be in cycle order, so those known at `cycle` are a prefix.
        let known = match limit {
            None => 0,
            Some(limit) => action
                .updates
                .iter()
                .take_while(|u| {
                    self.cycle_order
                        .get(u.cycle.as_str())
                        .is_some_and(|&i| i <= limit)
                })
                .count(),
        };
        let known = &action.updates[..known];
        let update = known.last();
        let status = match known.iter().rev().find_map(|u| u.status.as_deref()) {
            Some(id) => self.status(id),
            None if known.is_empty() => self.status(NOT_STARTED),
            None => None,
        };
        let mut due = action.due;
        let mut first = action.due;
        let mut moves = 0;
        for revised in known.iter().filter_map(|u| u.due) {
            if due != Some(revised) {
                if due.is_some() {
                    moves += 1;
                } else {
                    first = Some(revised);
                }
                due = Some(revised);
            }
        }
        let done = status.is_some_and(|s| s.done);
        // Progress reported without a status does not say whether the action is
        // done, so it is never called overdue.
        let overdue = match (due, cycle, status) {
            (Some(due), Some(cycle), Some(_)) => !done && due < cycle.date,
            _ => false,
        };
        ActionState {
            status,
            update,
            updated_now: update.is_some_and(|u| cycle.is_some_and(|c| c.id == u.cycle)),
            due,
            original_due: first.filter(|_| moves > 0),
            moves,
            overdue,
        }
    }
}

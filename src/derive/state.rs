//! The rule for an action's (or a step's) standing at a cycle: its status (the
//! latest given at or before the cycle, in its plan's own key), whether that
//! status is carried from an earlier meeting, its due date as revised by
//! then, and whether it is overdue (due before the cycle's date and not done);
//! and, where a paper rates at step level, an action's standing read from its
//! steps.

use crate::derive::facts::Facts;
use crate::model::cycle::Cycle;
use crate::model::date::Date;
use crate::model::plan::{ActionRef, Confirmed, Due, Step, Update};
use crate::model::status::{Colour, Status};
use crate::text::plural;

/// What can be said of an action as of one cycle.
#[derive(Clone, Debug)]
pub(crate) struct ActionState<'s> {
    /// `None` when nothing has been reported yet (pages say "No update yet",
    /// never a status no update gave), when progress was reported without a
    /// status, and always when the plan has no status column.
    pub status: Option<&'s Status>,
    /// The cycle whose update gave the status.
    pub status_cycle: Option<&'s str>,
    /// The latest update that reported something, at or before the cycle.
    pub update: Option<&'s Update>,
    /// Whether progress was reported at this very cycle.
    pub updated_now: bool,
    /// Why nothing was reported at this cycle, when the update says so on purpose.
    pub not_reported: Option<&'s str>,
    pub due: Option<Date>,
    /// The due date first set, when it has since moved.
    pub original_due: Option<Date>,
    /// How many times the due date moved up to this cycle.
    pub moves: usize,
    pub overdue: bool,
    /// Who set the status in force, where its update says.
    pub rated_by: Option<&'s str>,
    /// The committee's confirmation of completion, when the action is done
    /// and a meeting up to this cycle confirmed it (a later status that is not
    /// done undoes it).
    pub confirmed: Option<&'s Confirmed>,
    /// Set when the action's own row gives no status and its steps do: the
    /// status above was read from them (see [`Facts::state`]).
    pub from_steps: Option<FromSteps>,
}

/// How many of an action's steps its standing was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FromSteps {
    /// The steps with a status at the cycle.
    pub rated: usize,
    /// All its steps.
    pub of: usize,
}

impl FromSteps {
    /// What pages say beside the status: "from its 3 steps", "from 2 of its 3 steps".
    pub(crate) fn words(self) -> String {
        if self.rated == self.of {
            format!("from its {}", plural(self.of, "step", "steps"))
        } else {
            format!(
                "from {} of its {}",
                self.rated,
                plural(self.of, "step", "steps")
            )
        }
    }
}

/// How unfavourable an open status's colour is, for reading an action's
/// standing from its steps: red before amber before yellow before green
/// before grey.
fn concern(colour: Colour) -> u8 {
    match colour {
        Colour::Red => 5,
        Colour::Amber => 4,
        Colour::Yellow => 3,
        Colour::Green => 2,
        Colour::Grey => 1,
        Colour::Blue => 0,
    }
}

impl ActionState<'_> {
    /// Open and in a red status: what an exception report lists.
    pub(crate) fn is_behind(&self) -> bool {
        self.status
            .is_some_and(|s| !s.done && s.colour == Colour::Red)
    }

    /// What "Needs attention" lists: open and red or amber (behind, or at
    /// risk of missing its timescale), or overdue whatever its status says.
    pub(crate) fn needs_attention(&self) -> bool {
        self.overdue
            || self
                .status
                .is_some_and(|s| !s.done && matches!(s.colour, Colour::Red | Colour::Amber))
    }

    /// Whether the status was given at an earlier meeting than `cycle`: the
    /// action had no update there, and its last status carries over.
    pub(crate) fn is_carried(&self, cycle: Option<&Cycle>) -> bool {
        match (self.status_cycle, cycle) {
            (Some(given), Some(cycle)) => given != cycle.id,
            _ => false,
        }
    }

    /// Whether the action is done, as officers report it.
    pub(crate) fn is_done(&self) -> bool {
        self.status.is_some_and(|s| s.done)
    }

    /// Whether something was reported: an update of its own, or rated steps.
    pub(crate) fn is_reported(&self) -> bool {
        self.update.is_some() || self.from_steps.is_some()
    }
}

impl<'s> Facts<'s> {
    /// An action's updates up to `cycle` other than the one its standing
    /// shows as of `cycle`, each with its cycle, oldest first: what the plan's
    /// page of history lists, so the current progress is never shown twice.
    pub(crate) fn earlier_updates<'a>(
        &'a self,
        action: &'a ActionRef<'s>,
        cycle: Option<&'a Cycle>,
    ) -> impl Iterator<Item = (&'s Update, &'s Cycle)> + 'a {
        let current = self.state(action, cycle).update;
        action.action.updates.iter().filter_map(move |u| {
            let at = self.cycle(&u.cycle)?;
            let later = cycle.is_some_and(|c| at.date > c.date);
            let shown = current.is_some_and(|c| std::ptr::eq(c, u));
            (!later && !shown).then_some((u, at))
        })
    }

    /// The action as reported at `cycle` (`None`: before any report): its
    /// own row's standing, or, where that gives no status and its steps are
    /// rated, the standing read from its steps. The rule, stated on the pages:
    /// the least favourable status of its open rated steps (red before amber
    /// before green before grey); done only when every step is done; "Not
    /// rated" when every rated step is done but some step is not rated.
    pub(crate) fn state(&self, action: &ActionRef<'s>, cycle: Option<&Cycle>) -> ActionState<'s> {
        let mut state = self.own_state(action, cycle);
        let steps = &action.action.steps;
        if state.status.is_some() || steps.is_empty() || self.statuses(action.plan).is_empty() {
            return state;
        }
        let rated: Vec<ActionState<'s>> = steps
            .iter()
            .map(|step| self.step_state(action, step, cycle))
            .filter(|s| s.status.is_some())
            .collect();
        if rated.is_empty() {
            return state;
        }
        let all_done = rated.len() == steps.len() && rated.iter().all(ActionState::is_done);
        let standing = if all_done {
            rated.first()
        } else {
            // The first step of the least favourable colour, in paper order.
            rated
                .iter()
                .filter(|s| !s.is_done())
                .rev()
                .max_by_key(|s| s.status.map(|st| concern(st.colour)))
        };
        let order = |id: &str| self.cycle_order.get(id).copied();
        state.status = standing.and_then(|s| s.status);
        // The latest meeting that rated a step, where a status was read.
        state.status_cycle = rated
            .iter()
            .filter_map(|s| s.status_cycle)
            .max_by_key(|id| order(id))
            .filter(|_| state.status.is_some());
        state.rated_by = None;
        state.from_steps = Some(FromSteps {
            rated: rated.len(),
            of: steps.len(),
        });
        // Read from its steps, the action is open unless every step is done;
        // "Not rated" is never called overdue.
        state.overdue = match (state.status, state.due, cycle) {
            (Some(status), Some(due), Some(cycle)) => !status.done && due < cycle.as_of_day(),
            _ => false,
        };
        state
    }

    /// The action's own row as reported at `cycle`, its steps aside: what
    /// an owner's return shows as the status last given to the action.
    pub(crate) fn own_state(
        &self,
        action: &ActionRef<'s>,
        cycle: Option<&Cycle>,
    ) -> ActionState<'s> {
        let statuses = self.statuses(action.plan);
        self.standing(&action.action.updates, action.action.due, statuses, cycle)
    }

    /// A step of an action as reported at `cycle`, by the same rule.
    pub(crate) fn step_state(
        &self,
        action: &ActionRef<'s>,
        step: &'s Step,
        cycle: Option<&Cycle>,
    ) -> ActionState<'s> {
        let statuses = self.statuses(action.plan);
        self.standing(&step.updates, step.due, statuses, cycle)
    }

    /// The standing of anything reported on by `updates` (in cycle order).
    fn standing(
        &self,
        updates: &'s [Update],
        due: Due,
        statuses: &'s [Status],
        cycle: Option<&Cycle>,
    ) -> ActionState<'s> {
        let limit = cycle.and_then(|c| self.cycle_order.get(c.id.as_str()).copied());
        // Updates are checked to be in cycle order, the rating given when the
        // plan was agreed first, so those known at `cycle` are a prefix; before
        // any report, only that rating is known.
        let known = updates
            .iter()
            .take_while(|u| {
                u.at.is_some()
                    || limit.is_some_and(|limit| {
                        self.cycle_order
                            .get(u.cycle.as_str())
                            .is_some_and(|&i| i <= limit)
                    })
            })
            .count();
        let known = &updates[..known];
        let here = known
            .last()
            .filter(|u| cycle.is_some_and(|c| c.id == u.cycle));
        let reported = || known.iter().filter(|u| u.not_reported.is_none());
        let given = reported()
            .rev()
            .find_map(|u| Some((u.status.as_deref()?, u.cycle.as_str())));
        let find = |id: &str| statuses.iter().find(|s| s.id == id);
        // Nothing reported yet is no status: "not started" is a status only
        // where an update gives it.
        let (status, status_cycle) = match given {
            Some((id, given)) => (find(id), Some(given)),
            None => (None, None),
        };
        let mut current = due.date();
        let mut first = current;
        let mut moves = 0;
        for revised in known.iter().filter_map(|u| u.due) {
            if current != Some(revised) {
                if current.is_some() {
                    moves += 1;
                } else {
                    first = Some(revised);
                }
                current = Some(revised);
            }
        }
        // Progress reported without a status does not say whether the action
        // is done, so it is never called overdue; nor is anything in a plan
        // whose paper has no status column. An action nothing was reported on
        // is open.
        let open = match status {
            Some(status) => !status.done,
            None => reported().next().is_none() && !statuses.is_empty(),
        };
        let rated_by = given.and_then(|(_, at)| {
            reported()
                .rev()
                .find(|u| u.cycle == at)
                .and_then(|u| u.rated_by.as_deref())
        });
        let mut confirmed = None;
        for u in reported() {
            let done = u.status.as_deref().and_then(&find).map(|s| s.done);
            if done == Some(false) {
                confirmed = None;
            }
            if let Some(c) = &u.confirmed {
                let at = self.cycle_order.get(c.cycle.as_str()).copied();
                if at.is_some() && at <= limit {
                    confirmed = Some(c);
                }
            }
        }
        let confirmed = confirmed.filter(|_| status.is_some_and(|s| s.done));
        let overdue = match (current, cycle) {
            (Some(due), Some(cycle)) => open && due < cycle.as_of_day(),
            _ => false,
        };
        ActionState {
            status,
            status_cycle,
            update: reported().next_back(),
            updated_now: here.is_some_and(|u| u.not_reported.is_none()),
            not_reported: here.and_then(|u| u.not_reported.as_deref()),
            due: current,
            original_due: first.filter(|_| moves > 0),
            moves,
            overdue,
            rated_by,
            confirmed,
            from_steps: None,
        }
    }
}

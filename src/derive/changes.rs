//! What changed for a plan at a cycle, against the plan's previous report:
//! newly done, worse, better, newly overdue, deadlines moved, new progress,
//! no update, and the actions behind schedule (the exception report).

use crate::derive::facts::{Facts, PlanFacts};
use crate::model::cycle::Cycle;
use crate::model::plan::ActionRef;
use crate::model::status::{Colour, Status};

/// How bad a status is, for "better" and "worse": done, then green, then
/// yellow, then grey or amber, then red.
fn severity(status: Option<&Status>) -> Option<u8> {
    let status = status?;
    Some(match status.colour {
        _ if status.done => 0,
        Colour::Blue | Colour::Green => 1,
        Colour::Yellow => 2,
        Colour::Grey | Colour::Amber => 3,
        Colour::Red => 4,
    })
}

/// What changed for one plan at one cycle, against the plan's previous report.
#[derive(Default)]
pub(crate) struct Changes<'s> {
    pub previous: Option<&'s Cycle>,
    /// The plan's first report, compared with the ratings the plan gave
    /// when it was agreed (`at: agreed`): a baseline, not a meeting.
    pub since_agreed: bool,
    pub newly_done: Vec<ActionRef<'s>>,
    pub worse: Vec<ActionRef<'s>>,
    pub better: Vec<ActionRef<'s>>,
    pub newly_overdue: Vec<ActionRef<'s>>,
    /// Progress reported at this cycle that differs from the previous report.
    pub new_progress: Vec<ActionRef<'s>>,
    /// Open actions with no update at this cycle (or one saying why not).
    pub no_update: Vec<ActionRef<'s>>,
    pub moved: Vec<ActionRef<'s>>,
    /// Open actions behind schedule (red) at this cycle: the exception report.
    pub behind: Vec<ActionRef<'s>>,
}

impl<'s> Facts<'s> {
    /// The changes a plan reported at `cycle`.
    pub(crate) fn changes(&self, plan: &PlanFacts<'s>, cycle: &'s Cycle) -> Changes<'s> {
        let position = plan.cycles.iter().position(|c| c.id == cycle.id);
        let previous = position
            .and_then(|p| p.checked_sub(1))
            .map(|p| plan.cycles[p]);
        let since_agreed = position == Some(0) && plan.plan.has_agreed_ratings();
        let mut changes = Changes {
            previous,
            since_agreed,
            ..Changes::default()
        };
        for action in &plan.actions {
            let now = self.state(action, Some(cycle));
            if now.is_behind() {
                changes.behind.push(*action);
            }
            if previous.is_none() && !since_agreed {
                continue; // a first report has nothing to compare with
            }
            // With no previous report, as the plan was agreed.
            let before = self.state(action, previous);
            let done_now = now.status.is_some_and(|s| s.done);
            let done_before = before.status.is_some_and(|s| s.done);
            if done_now && !done_before {
                changes.newly_done.push(*action);
            } else if let (Some(a), Some(b)) = (severity(now.status), severity(before.status)) {
                if a > b {
                    changes.worse.push(*action);
                } else if a < b {
                    changes.better.push(*action);
                }
            }
            // Nothing was judged overdue when the plan was agreed.
            if now.overdue && !before.overdue && previous.is_some() {
                changes.newly_overdue.push(*action);
            }
            if now.updated_now {
                let progress = now
                    .update
                    .and_then(|u| u.progress.as_deref())
                    .map(str::trim);
                let earlier = before
                    .update
                    .and_then(|u| u.progress.as_deref())
                    .map(str::trim);
                if progress.is_some() && progress != earlier {
                    changes.new_progress.push(*action);
                }
            } else if !done_now {
                changes.no_update.push(*action);
            }
            if now.due != before.due && before.due.is_some() && now.updated_now {
                changes.moved.push(*action);
            }
        }
        changes
    }
}

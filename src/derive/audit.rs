//! What the derived facts say that an officer should look at before the
//! meeting: returns that look forgotten (an open action with no update at its
//! plan's latest report), and a paper's own summary that its actions do not
//! bear out. Each is a concern at a field of a plan, which `check` reports
//! with the file's line and column.

use crate::derive::facts::{Facts, PlanFacts};
use crate::load::spans::FieldPath;
use crate::model::plan::Report;
use crate::model::spot::Spot;

/// Something the facts contradict or leave open, at a field of a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Concern {
    /// The plan's id.
    pub plan: String,
    pub field: FieldPath,
    /// Where the field is, when it was noted as the file was read.
    pub at: Spot,
    pub message: String,
    pub hint: String,
}

impl<'s> Facts<'s> {
    /// Every concern about every plan, in plan order.
    pub(crate) fn audit(&self) -> Vec<Concern> {
        let mut concerns = Vec::new();
        for plan in &self.plans {
            self.forgotten_returns(plan, &mut concerns);
            for (i, report) in plan.plan.reports.iter().enumerate() {
                self.stated_summary(plan, i, report, &mut concerns);
            }
        }
        concerns
    }

    /// Open actions with nothing reported at the plan's latest report, and no
    /// word on why.
    fn forgotten_returns(&self, plan: &PlanFacts<'s>, concerns: &mut Vec<Concern>) {
        let Some(latest) = plan.latest_cycle() else {
            return;
        };
        for action in &plan.actions {
            let state = self.state(action, Some(latest));
            // Progress reported through the action's steps is a return too.
            let by_steps = action
                .action
                .steps
                .iter()
                .flat_map(|s| s.updates.iter())
                .any(|u| u.cycle == latest.id);
            if state.updated_now || state.not_reported.is_some() || state.is_done() || by_steps {
                continue;
            }
            concerns.push(Concern {
                plan: plan.plan.id.clone(),
                field: FieldPath::action(action.place),
                at: action.action.spot,
                message: format!(
                    "no progress is reported for this action at {}, the plan's latest report",
                    latest.label()
                ),
                hint: format!(
                    "add its update for cycle {id}; if it was left out on purpose, say why with `- cycle: {id}` and `not_reported: \"...\"`",
                    id = latest.id
                ),
            });
        }
    }

    /// The paper's counts and shares, against the plan's actions at that cycle.
    fn stated_summary(
        &self,
        plan: &PlanFacts<'s>,
        index: usize,
        report: &Report,
        concerns: &mut Vec<Concern>,
    ) {
        let Some(cycle) = self.cycle(&report.cycle) else {
            return; // an unknown cycle is reported by check already
        };
        if plan.actions.is_empty() {
            return; // the paper gives only its totals: there is nothing to count
        }
        let summary = self.summary(plan, &plan.actions, Some(cycle));
        let at = FieldPath::root().key("reports").index(index);
        let label = |id: &str| {
            plan.statuses
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| id.to_owned(), |s| s.label.clone())
        };
        let mut disagree = |field: FieldPath, message: String| {
            concerns.push(Concern {
                plan: plan.plan.id.clone(),
                field,
                at: Spot::default(),
                message,
                hint: "check the statuses of the actions' updates for this cycle against the paper; if the paper's own figure is wrong, keep it as printed".to_owned(),
            });
        };
        // A partial plan holds only some of the paper's actions: its counts
        // are upper bounds, and its shares are of actions it does not hold.
        let partial = plan.plan.partial.is_some();
        for (id, stated) in &report.counts.0 {
            if partial && !summary.exceeds_count(id, *stated) {
                continue;
            }
            if partial {
                disagree(
                    at.key("counts").key(id),
                    format!(
                        "the paper counts {stated} \"{}\" at {}, but the actions of this partial plan give more: {}",
                        label(id),
                        cycle.label(),
                        summary.count(id)
                    ),
                );
            } else if !summary.agrees_with_count(id, *stated) {
                disagree(
                    at.key("counts").key(id),
                    format!(
                        "the paper counts {stated} \"{}\" at {}, but the plan's actions give {}",
                        label(id),
                        cycle.label(),
                        summary.count(id)
                    ),
                );
            }
        }
        for (id, stated) in report.shares.0.iter().filter(|_| !partial) {
            if !summary.agrees_with_share(id, *stated) {
                disagree(
                    at.key("shares").key(id),
                    format!(
                        "the paper gives {stated}% \"{}\" at {}, but the plan's actions give {}% ({} of {})",
                        label(id),
                        cycle.label(),
                        (summary.share(id) * 10.0).round() / 10.0,
                        summary.count(id),
                        summary.total
                    ),
                );
            }
        }
    }
}

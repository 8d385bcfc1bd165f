//! The plan as agreed, and how it has drifted: each plan compared with its
//! baselines, one step at a time (the baseline taken when it was agreed, those
//! taken at meetings, then the plan as it stands), each step listing actions
//! added, removed, merged and reworded, measures and due dates changed, and a
//! changed status scale.
//!
//! Merged: an action whose id is gone, and whose text (compared without case,
//! spacing or final punctuation) now sits inside the text of another action,
//! was merged into that action. Any other action whose id is gone was removed.

use crate::derive::facts::{Facts, PlanFacts};
use crate::model::baseline::{normal, Baseline, BaselineAction, BaselineStatus};
use crate::model::cycle::Cycle;
use crate::model::date::Date;

/// What changed between two versions of a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Drift {
    pub added: Vec<BaselineAction>,
    pub removed: Vec<BaselineAction>,
    /// The action gone, and the id of the action it now sits in.
    pub merged: Vec<(BaselineAction, String)>,
    /// Old and new wording.
    pub reworded: Vec<(BaselineAction, BaselineAction)>,
    /// Old and new success measure.
    pub measures: Vec<(BaselineAction, BaselineAction)>,
    /// Old and new due date.
    pub due_dates: Vec<(BaselineAction, BaselineAction)>,
    /// Old and new status key, when it changed.
    pub statuses: Option<(Vec<BaselineStatus>, Vec<BaselineStatus>)>,
}

impl Drift {
    pub(crate) fn is_empty(&self) -> bool {
        *self == Drift::default()
    }
}

/// What changed from `old` to `new`.
pub(crate) fn drift(old: &Baseline, new: &Baseline) -> Drift {
    let find = |list: &'_ [BaselineAction], id: &str| list.iter().find(|a| a.id == id).cloned();
    let mut changes = Drift::default();
    for before in &old.actions {
        if let Some(after) = find(&new.actions, &before.id) {
            if normal(&before.text) != normal(&after.text) {
                changes.reworded.push((before.clone(), after.clone()));
            }
            let measure = |a: &BaselineAction| a.measure.as_deref().map(normal);
            if measure(before) != measure(&after) {
                changes.measures.push((before.clone(), after.clone()));
            }
            if before.due != after.due {
                changes.due_dates.push((before.clone(), after));
            }
            continue;
        }
        let text = normal(&before.text);
        let into = new
            .actions
            .iter()
            .find(|a| !text.is_empty() && normal(&a.text).contains(&text));
        match into {
            Some(into) => changes.merged.push((before.clone(), into.id.clone())),
            None => changes.removed.push(before.clone()),
        }
    }
    changes.added = new
        .actions
        .iter()
        .filter(|a| find(&old.actions, &a.id).is_none())
        .cloned()
        .collect();
    if old.statuses != new.statuses {
        changes.statuses = Some((old.statuses.clone(), new.statuses.clone()));
    }
    changes
}

/// One entry of a plan's change log: a version compared with the one before.
#[derive(Clone, Debug)]
pub(crate) struct Revision<'s> {
    /// The baseline compared from.
    pub from: &'s Baseline,
    /// The cycle of the version compared to: a baseline's, or the plan's
    /// latest when it is the plan as it stands.
    pub at: Option<&'s Cycle>,
    /// Whether the later version is the plan as it stands (no baseline).
    pub current: bool,
    pub drift: Drift,
}

impl<'s> Facts<'s> {
    /// The plan as it stands at a cycle (`None`: before any report): what
    /// `ragtime baseline` writes.
    pub(crate) fn snapshot(&self, plan: &PlanFacts<'s>, cycle: Option<&'s Cycle>) -> Baseline {
        let trimmed = |t: &Option<String>| t.as_deref().map(|t| t.trim().to_owned());
        Baseline {
            plan: plan.plan.id.clone(),
            cycle: cycle.map(|c| c.id.clone()),
            statuses: plan
                .statuses
                .iter()
                .map(|s| BaselineStatus {
                    id: s.id.clone(),
                    label: s.label.clone(),
                })
                .collect(),
            actions: plan
                .actions
                .iter()
                .map(|a| BaselineAction {
                    id: a.action.id().to_owned(),
                    text: a.action.text.trim().to_owned(),
                    measure: trimmed(&a.action.measure),
                    due: self.due_at(a, cycle),
                    timescale: trimmed(&a.action.timescale),
                })
                .collect(),
        }
    }

    fn due_at(
        &self,
        action: &crate::model::plan::ActionRef<'s>,
        cycle: Option<&'s Cycle>,
    ) -> Option<Date> {
        match cycle {
            Some(_) => self.state(action, cycle).due,
            None => action.action.due.date(),
        }
    }

    /// A plan's baselines, in order: the one taken when it was agreed, then
    /// those taken at cycles.
    pub(crate) fn baselines_of(&self, plan: &str) -> Vec<&'s Baseline> {
        self.site
            .baselines
            .iter()
            .filter(|b| b.plan == plan)
            .collect()
    }

    /// A plan's change log: each baseline against the next, and the last
    /// against the plan as it stands now; steps with no change left out.
    pub(crate) fn change_log(&self, plan: &PlanFacts<'s>) -> Vec<Revision<'s>> {
        let baselines = self.baselines_of(&plan.plan.id);
        let mut steps = Vec::new();
        for pair in baselines.windows(2) {
            let drift = drift(pair[0], pair[1]);
            if !drift.is_empty() {
                steps.push(Revision {
                    from: pair[0],
                    at: pair[1].cycle.as_deref().and_then(|c| self.cycle(c)),
                    current: false,
                    drift,
                });
            }
        }
        if let Some(last) = baselines.last() {
            let at: Option<&'s Cycle> = plan.cycles.last().copied();
            let drift = drift(last, &self.snapshot(plan, at));
            if !drift.is_empty() {
                steps.push(Revision {
                    from: last,
                    at,
                    current: true,
                    drift,
                });
            }
        }
        steps
    }

    /// What changed in each plan itself at a meeting: a baseline taken at
    /// it against the one before; and, at the first meeting the plan reported
    /// to after its last baseline, that baseline against the plan as reported
    /// there. A later meeting never changes what an earlier one's page says.
    pub(crate) fn plan_changes_at(&self, cycle: &str) -> Vec<(&PlanFacts<'s>, Revision<'s>)> {
        let order = |id: &str| self.cycle_order.get(id).copied();
        let mut found = Vec::new();
        for plan in &self.plans {
            let baselines = self.baselines_of(&plan.plan.id);
            for pair in baselines.windows(2) {
                if pair[1].cycle.as_deref() != Some(cycle) {
                    continue;
                }
                let drift = drift(pair[0], pair[1]);
                if !drift.is_empty() {
                    let at = self.cycle(cycle);
                    found.push((
                        plan,
                        Revision {
                            from: pair[0],
                            at,
                            current: false,
                            drift,
                        },
                    ));
                }
            }
            let Some(last) = baselines.last() else {
                continue;
            };
            let since = last.cycle.as_deref().and_then(order);
            let first_after = plan
                .cycles
                .iter()
                .copied()
                .find(|c| since.is_none_or(|s| order(&c.id).is_some_and(|o| o > s)));
            if let Some(at) = first_after.filter(|c| c.id == cycle) {
                let drift = drift(last, &self.snapshot(plan, Some(at)));
                if !drift.is_empty() {
                    found.push((
                        plan,
                        Revision {
                            from: last,
                            at: Some(at),
                            current: true,
                            drift,
                        },
                    ));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(id: &str, text: &str, measure: Option<&str>, due: Option<&str>) -> BaselineAction {
        BaselineAction {
            id: id.to_owned(),
            text: text.to_owned(),
            measure: measure.map(str::to_owned),
            due: due.and_then(Date::parse),
            timescale: None,
        }
    }

    fn plan(actions: Vec<BaselineAction>, statuses: &[&str]) -> Baseline {
        Baseline {
            plan: "p".to_owned(),
            cycle: None,
            statuses: statuses
                .iter()
                .map(|s| BaselineStatus {
                    id: (*s).to_owned(),
                    label: s.to_uppercase(),
                })
                .collect(),
            actions,
        }
    }

    #[test]
    fn every_kind_of_drift_is_found() {
        let old = plan(
            vec![
                action(
                    "a",
                    "Review the IRO service.",
                    Some("Review complete"),
                    Some("2013-06-30"),
                ),
                action("b", "Publish attendance", None, None),
                action("c", "Hold a provider conference", None, None),
                action(
                    "d",
                    "Train every social worker",
                    Some("All trained"),
                    Some("2013-09-30"),
                ),
                action("e", "Drop me", None, None),
            ],
            &["complete", "on-track"],
        );
        let new = plan(
            vec![
                action(
                    "a",
                    "review the  IRO service",
                    Some("Review complete"),
                    Some("2013-06-30"),
                ),
                action("b", "Publish attendance at briefings", None, None),
                action(
                    "d",
                    "Train every social worker",
                    Some("Most trained"),
                    Some("2013-12-31"),
                ),
                action(
                    "f",
                    "Plan the year. Hold a provider conference; invite the police",
                    None,
                    None,
                ),
            ],
            &["complete", "on-track", "behind"],
        );
        let changes = drift(&old, &new);
        // Case, spacing and a final full stop are not rewording.
        assert_eq!(changes.reworded.len(), 1);
        assert_eq!(changes.reworded[0].0.text, "Publish attendance");
        assert_eq!(
            changes.reworded[0].1.text,
            "Publish attendance at briefings"
        );
        assert_eq!(changes.merged.len(), 1);
        assert_eq!(
            (
                changes.merged[0].0.id.as_str(),
                changes.merged[0].1.as_str()
            ),
            ("c", "f")
        );
        assert_eq!(
            changes
                .removed
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>(),
            ["e"]
        );
        assert_eq!(
            changes
                .added
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>(),
            ["f"]
        );
        assert_eq!(changes.measures.len(), 1);
        assert_eq!(
            changes.measures[0].1.measure.as_deref(),
            Some("Most trained")
        );
        assert_eq!(changes.due_dates.len(), 1);
        assert_eq!(changes.due_dates[0].1.due, Date::parse("2013-12-31"));
        let (before, after) = changes.statuses.clone().expect("the key changed");
        assert_eq!((before.len(), after.len()), (2, 3));
        assert!(drift(&old, &old).is_empty());
    }
}

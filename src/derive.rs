//! Stage 3: the facts the pages show: each action's status at each cycle, RAG
//! summaries, overdue actions, owners, and which findings each plan answers.
//! Everything is judged against content dates, never the clock.

use crate::model::cycle::Cycle;
use crate::model::date::Date;
use crate::model::document::Briefing;
use crate::model::inspection::Inspection;
use crate::model::plan::{Action, ActionRef, Plan, Recommendation, Update};
use crate::model::site::Site;
use crate::model::status::{Status, NOT_STARTED};
use crate::text::slug;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What can be said of an action as of one cycle.
#[derive(Clone, Debug)]
pub struct ActionState<'s> {
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
    pub fn is_behind(&self) -> bool {
        self.status
            .is_some_and(|s| !s.done && s.colour == crate::model::status::Colour::Red)
    }
}

/// Everything derived from the site, computed once per build.
pub struct Facts<'s> {
    pub site: &'s Site,
    /// Position of each cycle id in date order.
    pub cycle_order: BTreeMap<&'s str, usize>,
    pub plans: Vec<PlanFacts<'s>>,
    /// Keyed by owner slug.
    pub owners: BTreeMap<String, Owner<'s>>,
    /// `inspection#finding` → what answers it, in plan order.
    pub answers: BTreeMap<String, Vec<ActionRefOrRec<'s>>>,
    /// Plan id → position in `plans`, so a lookup is not a scan.
    plan_index: HashMap<&'s str, usize>,
    /// Inspection id → the inspection.
    inspection_index: HashMap<&'s str, &'s Inspection>,
    /// Briefing id → the briefing.
    briefing_index: HashMap<&'s str, &'s Briefing>,
    /// Inspection id → the plans that respond to it or cite its findings.
    pub answering: BTreeMap<&'s str, BTreeSet<&'s str>>,
}

pub struct PlanFacts<'s> {
    pub plan: &'s Plan,
    pub actions: Vec<ActionRef<'s>>,
    /// The cycles at which this plan reported progress, in date order.
    pub cycles: Vec<&'s Cycle>,
}

impl PlanFacts<'_> {
    /// The cycle the plan's main page speaks as of: its latest report.
    pub fn latest_cycle(&self) -> Option<&Cycle> {
        self.cycles.last().copied()
    }
}

pub struct Owner<'s> {
    pub name: &'s str,
    pub actions: Vec<ActionRef<'s>>,
}

/// A recommendation, or one of its actions, that answers a finding.
#[derive(Clone, Copy, Debug)]
pub enum ActionRefOrRec<'s> {
    Recommendation(&'s Plan, &'s Recommendation),
    Action(ActionRef<'s>),
}

impl<'s> Facts<'s> {
    pub fn new(site: &'s Site) -> Facts<'s> {
        let cycle_order = site
            .cycles
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut facts = Facts {
            site,
            cycle_order,
            plans: Vec::new(),
            owners: BTreeMap::new(),
            answers: BTreeMap::new(),
            plan_index: site
                .plans
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), i))
                .collect(),
            inspection_index: site
                .inspections
                .iter()
                .map(|i| (i.id.as_str(), i))
                .collect(),
            briefing_index: site.briefings.iter().map(|b| (b.id.as_str(), b)).collect(),
            answering: BTreeMap::new(),
        };
        for plan in &site.plans {
            let actions: Vec<ActionRef<'s>> = plan.actions().collect();
            let mut used: Vec<usize> = actions
                .iter()
                .flat_map(|a| a.action.updates.iter())
                .filter_map(|u| facts.cycle_order.get(u.cycle.as_str()).copied())
                .collect();
            used.sort_unstable();
            used.dedup();
            let cycles = used.into_iter().map(|i| &site.cycles[i]).collect();
            let cited = plan
                .recommendations()
                .flat_map(|r| r.findings.iter())
                .chain(actions.iter().flat_map(|a| a.action.findings.iter()))
                .filter_map(|f| f.split('#').next());
            for inspection in plan.responds_to.iter().map(String::as_str).chain(cited) {
                facts
                    .answering
                    .entry(inspection)
                    .or_default()
                    .insert(plan.id.as_str());
            }
            for rec in plan.recommendations() {
                for finding in &rec.findings {
                    facts
                        .answers
                        .entry(finding.clone())
                        .or_default()
                        .push(ActionRefOrRec::Recommendation(plan, rec));
                }
            }
            for action in &actions {
                for finding in &action.action.findings {
                    facts
                        .answers
                        .entry(finding.clone())
                        .or_default()
                        .push(ActionRefOrRec::Action(*action));
                }
                for name in &action.action.owner {
                    facts
                        .owners
                        .entry(slug(name))
                        .or_insert_with(|| Owner {
                            name,
                            actions: Vec::new(),
                        })
                        .actions
                        .push(*action);
                }
            }
            facts.plans.push(PlanFacts {
                plan,
                actions,
                cycles,
            });
        }
        facts
    }

    pub fn plan(&self, id: &str) -> Option<&PlanFacts<'s>> {
        self.plan_index.get(id).map(|&i| &self.plans[i])
    }

    pub fn inspection(&self, id: &str) -> Option<&'s Inspection> {
        self.inspection_index.get(id).copied()
    }

    pub fn briefing(&self, id: &str) -> Option<&'s Briefing> {
        self.briefing_index.get(id).copied()
    }

    pub fn cycle(&self, id: &str) -> Option<&'s Cycle> {
        self.site.cycles.iter().find(|c| c.id == id)
    }

    pub fn status(&self, id: &str) -> Option<&'s Status> {
        self.site.statuses.iter().find(|s| s.id == id)
    }

    /// The action as reported at `cycle` (`None`: before any report).
    pub fn state(&self, action: &'s Action, cycle: Option<&Cycle>) -> ActionState<'s> {
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
        let mut moves = 0;
        for revised in known.iter().filter_map(|u| u.due) {
            if due != Some(revised) {
                if due.is_some() {
                    moves += 1;
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
            original_due: if moves > 0 { action.due.or(due) } else { None },
            moves,
            overdue,
        }
    }

    /// RAG counts for a set of actions as of a cycle.
    pub fn summary<I>(&self, actions: I, cycle: Option<&Cycle>) -> Summary
    where
        I: IntoIterator<Item = &'s Action>,
    {
        let mut summary = Summary {
            counts: self
                .site
                .statuses
                .iter()
                .map(|s| (s.id.clone(), 0))
                .collect(),
            ..Summary::default()
        };
        for action in actions {
            let state = self.state(action, cycle);
            summary.total += 1;
            match state.status {
                Some(status) => {
                    if let Some(entry) = summary.counts.iter_mut().find(|(id, _)| *id == status.id)
                    {
                        entry.1 += 1;
                    }
                    if status.done {
                        summary.done += 1;
                    }
                }
                None => summary.not_rated += 1,
            }
            if state.overdue {
                summary.overdue += 1;
            }
        }
        summary
    }

    /// Whether a finding is answered by at least one action in some plan.
    pub fn is_answered(&self, key: &str) -> bool {
        self.answers.get(key).is_some_and(|answers| {
            answers.iter().any(|a| match a {
                ActionRefOrRec::Recommendation(_, rec) => !rec.actions.is_empty(),
                ActionRefOrRec::Action(_) => true,
            })
        })
    }
}

/// RAG counts, in the vocabulary's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub counts: Vec<(String, usize)>,
    pub not_rated: usize,
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
}

impl Summary {
    /// Adds summaries together (an owner's actions across plans).
    pub fn merge(summaries: &[Summary]) -> Summary {
        let mut total = Summary::default();
        for s in summaries {
            if total.counts.is_empty() {
                total.counts = s.counts.iter().map(|(id, _)| (id.clone(), 0)).collect();
            }
            for ((_, sum), (_, n)) in total.counts.iter_mut().zip(&s.counts) {
                *sum += n;
            }
            total.not_rated += s.not_rated;
            total.total += s.total;
            total.done += s.done;
            total.overdue += s.overdue;
        }
        total
    }

    /// Whole percent, rounded half up, so shares print the same everywhere.
    pub fn percent(part: usize, total: usize) -> usize {
        if total == 0 {
            0
        } else {
            (part * 200 + total) / (total * 2)
        }
    }

    pub fn percent_done(&self) -> usize {
        Summary::percent(self.done, self.total)
    }

    pub fn count(&self, status: &str) -> usize {
        self.counts
            .iter()
            .find(|(id, _)| id == status)
            .map_or(0, |(_, n)| *n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(Summary::percent(1, 3), 33);
        assert_eq!(Summary::percent(2, 3), 67);
        assert_eq!(Summary::percent(1, 8), 13);
        assert_eq!(Summary::percent(0, 0), 0);
    }
}

/// How bad a status is, for "better" and "worse": done, then green, then grey or amber, then red.
fn severity(status: Option<&Status>) -> Option<u8> {
    use crate::model::status::Colour;
    let status = status?;
    Some(match status.colour {
        _ if status.done => 0,
        Colour::Blue | Colour::Green => 1,
        Colour::Grey | Colour::Amber => 2,
        Colour::Red => 3,
    })
}

/// What changed for one plan at one cycle, against the plan's previous report.
#[derive(Default)]
pub struct Changes<'s> {
    pub previous: Option<&'s Cycle>,
    pub newly_done: Vec<ActionRef<'s>>,
    pub worse: Vec<ActionRef<'s>>,
    pub better: Vec<ActionRef<'s>>,
    pub newly_overdue: Vec<ActionRef<'s>>,
    /// Progress reported at this cycle that differs from the previous report.
    pub new_progress: Vec<ActionRef<'s>>,
    /// Open actions with no update at this cycle.
    pub no_update: Vec<ActionRef<'s>>,
    pub moved: Vec<ActionRef<'s>>,
    /// Open actions behind schedule (red) at this cycle: the exception report.
    pub behind: Vec<ActionRef<'s>>,
}

impl<'s> Facts<'s> {
    /// The changes a plan reported at `cycle`.
    pub fn changes(&self, plan: &PlanFacts<'s>, cycle: &'s Cycle) -> Changes<'s> {
        let position = plan.cycles.iter().position(|c| c.id == cycle.id);
        let previous = position
            .and_then(|p| p.checked_sub(1))
            .map(|p| plan.cycles[p]);
        let mut changes = Changes {
            previous,
            ..Changes::default()
        };
        for action in &plan.actions {
            let now = self.state(action.action, Some(cycle));
            if now.is_behind() {
                changes.behind.push(*action);
            }
            if previous.is_none() {
                continue; // a first report has nothing to compare with
            }
            let before = self.state(action.action, previous);
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
            if now.overdue && !before.overdue {
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

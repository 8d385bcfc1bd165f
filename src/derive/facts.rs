//! The facts every page starts from: the site's plans with their actions and
//! the cycles each reported at, the owners, what answers each finding, and
//! indexes to find a plan, inspection, briefing or cycle by id.

use crate::model::cycle::Cycle;
use crate::model::document::Briefing;
use crate::model::inspection::Inspection;
use crate::model::plan::{ActionRef, Plan, Recommendation};
use crate::model::references::Ref;
use crate::model::site::Site;
use crate::model::status::Status;
use crate::text::slug;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything derived from the site, computed once per build.
pub(crate) struct Facts<'s> {
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

pub(crate) struct PlanFacts<'s> {
    pub plan: &'s Plan,
    pub actions: Vec<ActionRef<'s>>,
    /// The cycles at which this plan reported progress, in date order.
    pub cycles: Vec<&'s Cycle>,
}

impl PlanFacts<'_> {
    /// The cycle the plan's main page speaks as of: its latest report.
    pub(crate) fn latest_cycle(&self) -> Option<&Cycle> {
        self.cycles.last().copied()
    }
}

pub(crate) struct Owner<'s> {
    pub name: &'s str,
    pub actions: Vec<ActionRef<'s>>,
}

/// A recommendation, or one of its actions, that answers a finding.
#[derive(Clone, Copy, Debug)]
pub(crate) enum ActionRefOrRec<'s> {
    Recommendation(&'s Plan, &'s Recommendation),
    Action(ActionRef<'s>),
}

impl<'s> Facts<'s> {
    pub(crate) fn new(site: &'s Site) -> Facts<'s> {
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
                .map(|f| Ref::parse(f).document);
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

    pub(crate) fn plan(&self, id: &str) -> Option<&PlanFacts<'s>> {
        self.plan_index.get(id).map(|&i| &self.plans[i])
    }

    pub(crate) fn inspection(&self, id: &str) -> Option<&'s Inspection> {
        self.inspection_index.get(id).copied()
    }

    pub(crate) fn briefing(&self, id: &str) -> Option<&'s Briefing> {
        self.briefing_index.get(id).copied()
    }

    pub(crate) fn cycle(&self, id: &str) -> Option<&'s Cycle> {
        self.cycle_order.get(id).map(|&i| &self.site.cycles[i])
    }

    /// The plans that reported progress at a cycle, in site order.
    pub(crate) fn reporting_at<'a>(
        &'a self,
        cycle: &'a str,
    ) -> impl Iterator<Item = &'a PlanFacts<'s>> + 'a {
        self.plans
            .iter()
            .filter(move |p| p.cycles.iter().any(|c| c.id == cycle))
    }

    pub(crate) fn status(&self, id: &str) -> Option<&'s Status> {
        self.site.statuses.iter().find(|s| s.id == id)
    }

    /// Whether a finding is answered by at least one action in some plan.
    pub(crate) fn is_answered(&self, key: &str) -> bool {
        self.answers.get(key).is_some_and(|answers| {
            answers.iter().any(|a| match a {
                ActionRefOrRec::Recommendation(_, rec) => !rec.actions.is_empty(),
                ActionRefOrRec::Action(_) => true,
            })
        })
    }
}

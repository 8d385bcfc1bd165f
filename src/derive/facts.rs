//! The facts every page starts from: the site's plans with their actions and
//! the cycles each reported at, the owners, what answers each finding, and
//! indexes to find a plan, inspection, briefing or cycle by id.

use crate::derive::indicators::Indicators;
use crate::model::cycle::Cycle;
use crate::model::document::Briefing;
use crate::model::inspection::Inspection;
use crate::model::owners::{self, Owner};
use crate::model::plan::{ActionRef, Plan, Recommendation, Step};
use crate::model::references::Ref;
use crate::model::site::Site;
use crate::model::status::Status;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything derived from the site, computed once per build.
pub(crate) struct Facts<'s> {
    pub site: &'s Site,
    /// Position of each cycle id in date order.
    pub cycle_order: BTreeMap<&'s str, usize>,
    pub plans: Vec<PlanFacts<'s>>,
    /// By the owner's address: their id in `owners.yaml`, or a slug of the
    /// name as written.
    pub owners: BTreeMap<String, OwnerActions<'s>>,
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
    /// Every spelling in `owners.yaml`, normalised, to its owner.
    directory: HashMap<String, usize>,
    /// The indicators with the actions and recommendations each measures.
    pub indicators: Indicators<'s>,
}

pub(crate) struct PlanFacts<'s> {
    pub plan: &'s Plan,
    pub actions: Vec<ActionRef<'s>>,
    /// The cycles at which this plan reported progress (an update of an
    /// action or a step, or the paper's own summary), in date order.
    pub cycles: Vec<&'s Cycle>,
    /// The RAG key in force: the plan's own, or the site's. Empty when the
    /// paper has no status column.
    pub statuses: &'s [Status],
    /// Whether completion takes the committee's confirmation here: the plan
    /// counts only confirmed completion, or some update records one. Pages
    /// then say of an action reported complete that it awaits confirmation.
    pub sign_off: bool,
}

impl PlanFacts<'_> {
    /// Whether the plan reported progress at a cycle.
    pub(crate) fn reports_at(&self, cycle: &str) -> bool {
        self.cycles.iter().any(|c| c.id == cycle)
    }

    /// The cycle the plan's main page speaks as of: its latest report.
    pub(crate) fn latest_cycle(&self) -> Option<&Cycle> {
        self.cycles.last().copied()
    }
}

/// Everything one owner leads.
pub(crate) struct OwnerActions<'s> {
    /// The name to show: the directory's, or the first spelling met.
    pub name: &'s str,
    /// The owner's entry in `owners.yaml`, if it has one.
    pub entry: Option<&'s Owner>,
    pub actions: Vec<ActionRef<'s>>,
    /// Steps they lead, with the action each is under.
    pub steps: Vec<(ActionRef<'s>, &'s Step)>,
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
            directory: owners::lookup(&site.owners),
            indicators: Indicators::new(site),
        };
        for plan in &site.plans {
            let actions: Vec<ActionRef<'s>> = plan.actions().collect();
            let mut used: Vec<usize> = plan
                .reported_cycles()
                .filter_map(|cycle| facts.cycle_order.get(cycle).copied())
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
                    facts.owner_entry(name).actions.push(*action);
                }
                for step in &action.action.steps {
                    for name in &step.owner {
                        facts.owner_entry(name).steps.push((*action, step));
                    }
                }
            }
            facts.plans.push(PlanFacts {
                plan,
                actions,
                cycles,
                statuses: plan.statuses.as_deref().unwrap_or(&site.statuses),
                sign_off: plan.completion == crate::model::plan::Completion::Confirmed
                    || plan
                        .actions()
                        .any(|a| a.action.updates.iter().any(|u| u.confirmed.is_some())),
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

    /// The briefings that name a plan among their plans, newest first.
    pub(crate) fn briefings_about<'a>(
        &'a self,
        plan: &'a str,
    ) -> impl Iterator<Item = &'s Briefing> + 'a {
        let mut briefings: Vec<&'s Briefing> = self
            .site
            .briefings
            .iter()
            .filter(|b| b.meta.plans.iter().any(|p| p == plan))
            .collect();
        briefings.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then_with(|| a.id.cmp(&b.id)));
        briefings.into_iter()
    }

    /// The plans that reported progress at a cycle, in site order.
    pub(crate) fn reporting_at<'a>(
        &'a self,
        cycle: &'a str,
    ) -> impl Iterator<Item = &'a PlanFacts<'s>> + 'a {
        self.plans.iter().filter(move |p| p.reports_at(cycle))
    }

    /// The owner a name (as written in a plan) is, gathering their actions.
    fn owner_entry(&mut self, name: &'s str) -> &mut OwnerActions<'s> {
        let site = self.site;
        let normal = owners::normalise(name);
        let entry = self.directory.get(&normal).map(|&i| &site.owners[i]);
        let key = owners::key_of(name, &normal, &site.owners, &self.directory);
        self.owners.entry(key).or_insert_with(|| OwnerActions {
            name: entry.map_or(name, |e| e.name.as_str()),
            entry,
            actions: Vec::new(),
            steps: Vec::new(),
        })
    }

    /// Where an owner, named as a plan names them, has their page.
    pub(crate) fn owner_key(&self, name: &str) -> String {
        owners::key(name, &self.site.owners, &self.directory)
    }

    /// The directory's entry for an owner named as a plan names them.
    pub(crate) fn owner(&self, name: &str) -> Option<&'s Owner> {
        let site = self.site;
        self.directory
            .get(&owners::normalise(name))
            .map(|&i| &site.owners[i])
    }

    /// The RAG key in force for a plan: its own, or the site's.
    pub(crate) fn statuses(&self, plan: &Plan) -> &'s [Status] {
        self.plan(&plan.id)
            .map_or(self.site.statuses.as_slice(), |p| p.statuses)
    }

    /// The actions of other plans an action carries over from: it answers a
    /// finding (its own, or its recommendation's) that repeats an earlier
    /// finding, and they answer that earlier finding (themselves, or through
    /// their recommendation). In plan order, each once.
    pub(crate) fn carried_over(&self, action: &ActionRef<'s>) -> Vec<ActionRef<'s>> {
        let mut found: Vec<ActionRef<'s>> = Vec::new();
        for key in action.findings() {
            let reference = Ref::parse(key);
            let earlier = self
                .inspection(reference.document)
                .and_then(|i| {
                    i.findings
                        .iter()
                        .find(|f| Some(f.id.as_str()) == reference.item)
                })
                .and_then(|f| f.repeats.as_deref());
            let Some(answers) = earlier.and_then(|e| self.answers.get(e)) else {
                continue;
            };
            for answer in answers {
                let candidates: Vec<ActionRef<'s>> = match answer {
                    ActionRefOrRec::Action(b) => vec![*b],
                    ActionRefOrRec::Recommendation(plan, rec) => self
                        .plan(&plan.id)
                        .map(|p| {
                            p.actions
                                .iter()
                                .filter(|a| a.recommendation.is_some_and(|r| std::ptr::eq(r, *rec)))
                                .copied()
                                .collect()
                        })
                        .unwrap_or_default(),
                };
                for b in candidates {
                    let same = |x: &ActionRef<'s>| {
                        x.plan.id == b.plan.id && x.action.id() == b.action.id()
                    };
                    if b.plan.id != action.plan.id && !found.iter().any(same) {
                        found.push(b);
                    }
                }
            }
        }
        found
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

/// The address part of an organisation's name ("Telford & Wrekin Council" →
/// `telford-wrekin-council`); `organisation` for a name with no letter or
/// figure in `a-z0-9`.
pub(crate) fn organisation_slug(name: &str) -> String {
    match crate::text::slug(name) {
        slug if slug.is_empty() => "organisation".to_owned(),
        slug => slug,
    }
}

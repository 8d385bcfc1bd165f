//! The site at a glance: how much each plan needs attention as of its latest
//! report (overdue, then red, then amber), the plans in that order, every
//! plan's actions counted by colour (never by one plan's words), the
//! organisations the plans name, and the latest progress the content gives.

use crate::derive::facts::{organisation_slug, Facts, PlanFacts};
use crate::derive::summary::Summary;
use crate::model::cycle::Cycle;
use crate::model::date::MeetingDate;
use crate::model::status::Colour;
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// How much a plan needs attention as of its latest report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Need {
    /// Past their due date and not done.
    pub overdue: usize,
    /// Open, in a red status of the plan's key.
    pub red: usize,
    /// Open, in an amber status of the plan's key.
    pub amber: usize,
}

/// The organisations the plans name, by the slug of their name (the address
/// of their page): the name as first written, and their plans in site order.
pub(crate) type Organisations<'s> = BTreeMap<String, (&'s str, Vec<usize>)>;

/// The newest progress the content gives: a meeting plans reported to (or
/// whose record the site keeps), or a briefing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Latest<'s> {
    Meeting(&'s Cycle),
    Briefing(&'s crate::model::document::Briefing),
}

impl Latest<'_> {
    pub(crate) fn date(&self) -> MeetingDate {
        match self {
            Latest::Meeting(cycle) => cycle.date,
            Latest::Briefing(briefing) => briefing.meta.date,
        }
    }
}

impl<'s> Facts<'s> {
    /// The organisations the plans name, each once (names that differ only
    /// in case or punctuation are one organisation, under the first spelling).
    pub(crate) fn organisations(&self) -> Organisations<'s> {
        self.grouped_by_organisation(|_| true)
    }

    /// The organisations whose plans report at a cycle, grouped as
    /// [`Facts::organisations`] groups them: a committee report is an
    /// organisation's paper, so a cycle that several councils' plans report
    /// at has one report for each.
    pub(crate) fn reporting_organisations(&self, cycle: &str) -> Organisations<'s> {
        self.grouped_by_organisation(|plan| plan.reports_at(cycle))
    }

    /// The plans `keep` keeps, by the slug of their organisation's name.
    fn grouped_by_organisation(&self, keep: impl Fn(&PlanFacts<'s>) -> bool) -> Organisations<'s> {
        let mut found: Organisations<'s> = BTreeMap::new();
        for (i, plan) in self.plans.iter().enumerate().filter(|(_, p)| keep(p)) {
            found
                .entry(organisation_slug(&plan.plan.organisation))
                .or_insert_with(|| (plan.plan.organisation.as_str(), Vec::new()))
                .1
                .push(i);
        }
        found
    }

    /// How much a plan needs attention as of its latest report.
    pub(crate) fn need(&self, plan: &PlanFacts<'s>) -> Need {
        let cycle = plan.latest_cycle();
        let mut need = Need::default();
        for action in &plan.actions {
            let state = self.state(action, cycle);
            if state.overdue {
                need.overdue += 1;
            }
            match state.status.filter(|s| !s.done).map(|s| s.colour) {
                Some(Colour::Red) => need.red += 1,
                Some(Colour::Amber) => need.amber += 1,
                _ => {}
            }
        }
        need
    }

    /// Some plans (by position) ordered by need: most overdue first, then
    /// most red, then most amber, then by title (and id, so the order is
    /// always the same).
    pub(crate) fn by_need(&self, plans: impl IntoIterator<Item = usize>) -> Vec<(usize, Need)> {
        let mut ordered: Vec<(usize, Need)> = plans
            .into_iter()
            .map(|i| (i, self.need(&self.plans[i])))
            .collect();
        ordered.sort_by_cached_key(|&(i, need)| {
            let plan = self.plans[i].plan;
            (
                Reverse(need.overdue),
                Reverse(need.red),
                Reverse(need.amber),
                plan.title.to_lowercase(),
                plan.id.as_str(),
            )
        });
        ordered
    }

    /// Every plan's actions as of its latest report, counted by colour and
    /// overdue: plans' keys differ, so their words are never summed.
    pub(crate) fn by_colour(&self) -> Summary<'s> {
        let summaries: Vec<Summary<'s>> = self
            .plans
            .iter()
            .map(|plan| self.summary(plan, &plan.actions, plan.latest_cycle()))
            .collect();
        Summary::by_colour(&summaries)
    }

    /// The latest meeting any plan reported progress to.
    pub(crate) fn latest_report(&self) -> Option<&'s Cycle> {
        self.site
            .cycles
            .iter()
            .rev()
            .find(|cycle| self.reporting_at(&cycle.id).next().is_some())
    }

    /// The newest progress in the content: the latest meeting plans reported
    /// to or whose record the site keeps, or the latest briefing, whichever
    /// is later (a meeting, when both fall on one date).
    pub(crate) fn latest_progress(&self) -> Option<Latest<'s>> {
        let site = self.site;
        let meeting = site
            .cycles
            .iter()
            .rev()
            .find(|cycle| {
                self.reporting_at(&cycle.id).next().is_some()
                    || site.meetings.iter().any(|m| m.cycle == cycle.id)
            })
            .map(Latest::Meeting);
        let briefing = site
            .briefings
            .iter()
            .max_by(|a, b| a.meta.date.cmp(&b.meta.date).then_with(|| b.id.cmp(&a.id)))
            .map(Latest::Briefing);
        match (meeting, briefing) {
            (Some(m), Some(b)) if b.date() > m.date() => Some(b),
            (Some(m), _) => Some(m),
            (None, b) => b,
        }
    }
}

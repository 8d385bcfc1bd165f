//! Every file of the site as a job: what it is, where it goes, and which
//! documents it reads (what the rebuild rule in `output::record`
//! compares with what changed).

use crate::derive::indicators::Measured;
use crate::derive::Facts;
use crate::model::references::Ref;
use crate::model::site::{OWNERS, SETTINGS};
use crate::render::data::index;
use crate::render::theme::Theme;
use std::collections::BTreeSet;

/// What a job reads: everything, or these documents (by id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reads {
    Everything,
    Documents(BTreeSet<String>),
}

impl Reads {
    pub(crate) fn touches(&self, changed: &BTreeSet<String>) -> bool {
        match self {
            Reads::Everything => !changed.is_empty(),
            Reads::Documents(ids) => !ids.is_disjoint(changed),
        }
    }
}

/// One file of the site.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Job {
    Dashboard,
    Plans,
    Plan(String),
    PlanAt(String, String),
    PlanJson(String),
    PlanCsv(String),
    /// `plans/<id>/badge.svg`: the plan's status bar as an image.
    Badge(String),
    /// `plans/<id>/embed/`: the plan's status, for an iframe on another site.
    Embed(String),
    Inspections,
    Inspection(String),
    Briefings,
    Briefing(String),
    Owners,
    Owner(String),
    Cycles,
    Cycle(String),
    /// The scorecard of every indicator.
    Indicators,
    Indicator(String),
    /// Every indicator's figures, as open data.
    IndicatorsCsv,
    IndicatorsJson,
    /// `cycles/<id>/report/`: the committee pack for a cycle.
    Report(String),
    Page(String),
    NotFound,
    Feed,
    Sitemap,
    /// `actions.xlsx`: every action of every plan, for officers.
    Tracker,
    /// The search page, and the index it reads: one source's records, one
    /// bucket of words (see [`crate::render::data::search`]).
    Search,
    SearchDocs(String, usize),
    SearchTerms(usize),
    Asset(String),
}

impl Job {
    /// The file's path inside the output folder.
    pub(crate) fn path(&self) -> String {
        match self {
            Job::Dashboard => "index.html".to_owned(),
            Job::Plans => "plans/index.html".to_owned(),
            Job::Plan(id) => format!("plans/{id}/index.html"),
            Job::PlanAt(id, cycle) => format!("plans/{id}/{cycle}/index.html"),
            Job::PlanJson(id) => format!("plans/{id}.json"),
            Job::PlanCsv(id) => format!("plans/{id}.csv"),
            Job::Badge(id) => format!("plans/{id}/badge.svg"),
            Job::Embed(id) => format!("plans/{id}/embed/index.html"),
            Job::Inspections => "inspections/index.html".to_owned(),
            Job::Inspection(id) => format!("inspections/{id}/index.html"),
            Job::Briefings => "briefings/index.html".to_owned(),
            Job::Briefing(id) => format!("briefings/{id}/index.html"),
            Job::Owners => "owners/index.html".to_owned(),
            Job::Owner(slug) => format!("owners/{slug}/index.html"),
            Job::Cycles => "cycles/index.html".to_owned(),
            Job::Cycle(id) => format!("cycles/{id}/index.html"),
            Job::Indicators => "indicators/index.html".to_owned(),
            Job::Indicator(id) => format!("indicators/{id}/index.html"),
            Job::IndicatorsCsv => "indicators.csv".to_owned(),
            Job::IndicatorsJson => "indicators.json".to_owned(),
            Job::Report(id) => format!("cycles/{id}/report/index.html"),
            Job::Page(id) => format!("{id}/index.html"),
            Job::NotFound => "404.html".to_owned(),
            Job::Feed => "feed.xml".to_owned(),
            Job::Sitemap => "sitemap.xml".to_owned(),
            Job::Tracker => "actions.xlsx".to_owned(),
            Job::Search => "search/index.html".to_owned(),
            Job::SearchDocs(source, chunk) => format!("search/docs/{source}/{chunk}.json"),
            Job::SearchTerms(bucket) => format!("search/terms/{bucket}.json"),
            Job::Asset(name) => format!("assets/{name}"),
        }
    }

    /// Whether the file is a page of the site (HTML that the sitemap lists).
    pub(crate) fn is_page(&self) -> bool {
        !matches!(
            self,
            Job::PlanJson(_)
                | Job::PlanCsv(_)
                | Job::IndicatorsCsv
                | Job::IndicatorsJson
                | Job::Badge(_)
                | Job::Embed(_)
                | Job::NotFound
                | Job::Feed
                | Job::Sitemap
                | Job::Tracker
                | Job::SearchDocs(..)
                | Job::SearchTerms(_)
                | Job::Asset(_)
        )
    }

    /// The documents this job's output depends on.
    pub(crate) fn reads(&self, facts: &Facts<'_>) -> Reads {
        let site = facts.site;
        let mut ids = BTreeSet::new();
        match self {
            Job::Plan(id)
            | Job::PlanAt(id, _)
            | Job::PlanJson(id)
            | Job::PlanCsv(id)
            | Job::Badge(id)
            | Job::Embed(id) => {
                ids.insert(id.clone());
                ids.extend(facts.briefings_about(id).map(|b| b.id.clone()));
                // The scorecard of the indicators its actions name.
                ids.extend(
                    facts
                        .indicators
                        .of_plan(id)
                        .iter()
                        .map(|&i| site.indicators[i].id.clone()),
                );
                // Its change log compares it with its baselines.
                // (A range of the sorted ids, not a scan: every page of every plan asks.)
                let prefix = format!("baselines/{id}");
                ids.extend(
                    site.fingerprints
                        .range::<str, _>((
                            std::ops::Bound::Included(prefix.as_str()),
                            std::ops::Bound::Unbounded,
                        ))
                        .map(|(k, _)| k)
                        .take_while(|k| k.starts_with(&prefix))
                        .cloned(),
                );
                if let Some(plan) = facts.plan(id) {
                    ids.extend(plan.plan.responds_to.iter().cloned());
                    for action in &plan.actions {
                        ids.extend(action.findings().map(|f| Ref::parse(f).document.to_owned()));
                        // The earlier plans its actions carry over from.
                        ids.extend(facts.carried_over(action).iter().map(|b| b.plan.id.clone()));
                    }
                }
            }
            Job::Inspection(id) => {
                ids.insert(id.clone());
                // The inspections whose findings repeat one of its own, and
                // those whose findings it repeats.
                let prefix = format!("{id}#");
                for other in &site.inspections {
                    let repeats_it = other
                        .findings
                        .iter()
                        .any(|f| f.repeats.as_deref().is_some_and(|r| r.starts_with(&prefix)));
                    if repeats_it {
                        ids.insert(other.id.clone());
                    }
                }
                if let Some(inspection) = facts.inspection(id) {
                    ids.extend(
                        inspection
                            .findings
                            .iter()
                            .filter_map(|f| f.repeats.as_deref())
                            .map(|r| Ref::parse(r).document.to_owned()),
                    );
                }
                if let Some(plans) = facts.answering.get(id.as_str()) {
                    ids.extend(plans.iter().map(|&p| p.to_owned()));
                }
            }
            Job::Briefing(id) => {
                ids.insert(id.clone());
                if let Some(briefing) = facts.briefing(id) {
                    ids.extend(briefing.meta.plans.iter().cloned());
                }
            }
            Job::Owner(slug) => {
                if let Some(owner) = facts.owners.get(slug) {
                    ids.extend(owner.actions.iter().map(|a| a.plan.id.clone()));
                    ids.extend(owner.steps.iter().map(|(a, _)| a.plan.id.clone()));
                }
            }
            Job::Cycle(cycle) | Job::Report(cycle) => {
                // Any indicator may have changed standing at the meeting.
                ids.extend(site.indicators.iter().map(|i| i.id.clone()));
                ids.extend(facts.reporting_at(cycle).map(|p| p.plan.id.clone()));
                ids.extend(
                    site.briefings
                        .iter()
                        .filter(|b| b.meta.cycle.as_ref() == Some(cycle))
                        .map(|b| b.id.clone()),
                );
                // The challenge log: undertakings carry forward from every
                // earlier meeting, and link where they were answered.
                ids.extend(
                    site.fingerprints
                        .keys()
                        .filter(|k| k.starts_with("meetings/") || k.starts_with("baselines/"))
                        .cloned(),
                );
                ids.extend(site.meetings.iter().flat_map(|m| {
                    m.answered
                        .iter()
                        .filter_map(|a| a.at.as_deref())
                        .map(|t| Ref::parse(t).document.to_owned())
                }));
            }
            Job::Page(id) => {
                ids.insert(id.clone());
            }
            Job::Indicators | Job::IndicatorsCsv | Job::IndicatorsJson => {
                ids.extend(site.indicators.iter().map(|i| i.id.clone()));
            }
            Job::Indicator(id) => {
                ids.insert(id.clone());
                // The actions it measures, and the findings behind them.
                for measured in facts
                    .indicators
                    .measures
                    .get(id.as_str())
                    .into_iter()
                    .flatten()
                {
                    let (plan, findings): (&str, Vec<&String>) = match measured {
                        Measured::Recommendation(plan, rec) => {
                            (&plan.id, rec.findings.iter().collect())
                        }
                        Measured::Action(action) => (&action.plan.id, action.findings().collect()),
                    };
                    ids.insert(plan.to_owned());
                    ids.extend(
                        findings
                            .into_iter()
                            .map(|f| Ref::parse(f).document.to_owned()),
                    );
                }
            }
            // A source's records read its own document; the owners' read every plan.
            Job::SearchDocs(source, _) => match index::document_of(source) {
                Some(id) => {
                    ids.insert(id.to_owned());
                }
                None => return Reads::Everything,
            },
            Job::Asset(_) => return Reads::Documents(BTreeSet::new()),
            _ => return Reads::Everything,
        }
        // A `ref:` link's address depends on the structure of the document it points to.
        let linked: Vec<String> = ids
            .iter()
            .filter_map(|id| site.links.get(id))
            .flatten()
            .cloned()
            .collect();
        ids.extend(linked);
        // Every page shows the site's title and lists the plain pages, and
        // names owners as the directory names them.
        ids.insert(SETTINGS.to_owned());
        ids.insert(OWNERS.to_owned());
        ids.extend(site.pages.iter().map(|p| p.id.clone()));
        Reads::Documents(ids)
    }
}

/// Every job of the site, in a fixed order.
pub(crate) fn jobs(facts: &Facts<'_>, theme: &Theme) -> Vec<Job> {
    let site = facts.site;
    let mut jobs = vec![Job::Dashboard, Job::Plans];
    for plan in &facts.plans {
        let id = &plan.plan.id;
        jobs.push(Job::Plan(id.clone()));
        jobs.extend(
            plan.cycles
                .iter()
                .map(|c| Job::PlanAt(id.clone(), c.id.clone())),
        );
        jobs.push(Job::PlanJson(id.clone()));
        jobs.push(Job::PlanCsv(id.clone()));
        jobs.push(Job::Badge(id.clone()));
        jobs.push(Job::Embed(id.clone()));
    }
    jobs.push(Job::Cycles);
    for cycle in &site.cycles {
        jobs.push(Job::Cycle(cycle.id.clone()));
        jobs.push(Job::Report(cycle.id.clone()));
    }
    if !site.indicators.is_empty() {
        jobs.push(Job::Indicators);
        jobs.extend(site.indicators.iter().map(|i| Job::Indicator(i.id.clone())));
        jobs.extend([Job::IndicatorsCsv, Job::IndicatorsJson]);
    }
    jobs.push(Job::Inspections);
    jobs.extend(
        site.inspections
            .iter()
            .map(|i| Job::Inspection(i.id.clone())),
    );
    jobs.push(Job::Briefings);
    jobs.extend(site.briefings.iter().map(|b| Job::Briefing(b.id.clone())));
    jobs.push(Job::Owners);
    jobs.extend(facts.owners.keys().map(|slug| Job::Owner(slug.clone())));
    jobs.extend(site.pages.iter().map(|p| Job::Page(p.id.clone())));
    jobs.extend([
        Job::NotFound,
        Job::Feed,
        Job::Sitemap,
        Job::Tracker,
        Job::Search,
    ]);
    for source in index::sources(facts) {
        let chunks = index::chunks(facts, &source);
        jobs.extend((0..chunks).map(|n| Job::SearchDocs(source.clone(), n)));
    }
    jobs.extend((0..index::buckets(facts)).map(Job::SearchTerms));
    jobs.extend(
        theme
            .assets
            .iter()
            .map(|(name, _)| Job::Asset(name.clone())),
    );
    jobs
}

impl Job {
    /// The plan whose pages this job is one of.
    fn plan(&self) -> Option<&str> {
        match self {
            Job::Plan(id)
            | Job::PlanAt(id, _)
            | Job::PlanJson(id)
            | Job::PlanCsv(id)
            | Job::Badge(id)
            | Job::Embed(id) => Some(id),
            _ => None,
        }
    }
}

/// `jobs` in runs that render together with one [`Renderer::scoped`]: each
/// plan's pages (which repeat each other), the search records of each source
/// (each file holds a part of the same list), and every other page on its own.
pub(crate) fn groups(jobs: &[Job]) -> Vec<&[Job]> {
    jobs.chunk_by(|a, b| match (a, b) {
        (Job::SearchDocs(a, _), Job::SearchDocs(b, _)) => a == b,
        _ => a.plan().is_some() && a.plan() == b.plan(),
    })
    .collect()
}

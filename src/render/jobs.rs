//! Every file of the site as a job: what it is and where it goes (every
//! address [`crate::render::links`] gives is a job's path). Which documents
//! each job reads, what the rebuild rule in `output::record` compares with
//! what changed, is said by its page kind's module under `pages/`.

use crate::derive::Facts;
use crate::model::cycle::PLAN_PAGES;
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
    /// `organisations/`: every organisation the plans name, when the
    /// dashboard cannot show every plan.
    Organisations,
    /// `organisations/<slug>/`: every plan of one organisation, as cards.
    Organisation(String),
    Plan(String),
    PlanAt(String, String),
    PlanJson(String),
    PlanCsv(String),
    /// `plans/<id>/badge.svg`: the plan's status bar as an image.
    Badge(String),
    /// `plans/<id>/embed/`: the plan's status, for an iframe on another site.
    Embed(String),
    /// `plans/<id>/embed-code/`: the markup web teams copy to show the status panel.
    EmbedCode(String),
    /// `plans/<id>/history/`: each action's updates before its current one.
    History(String),
    Inspections,
    Inspection(String),
    Briefings,
    Briefing(String),
    Owners,
    Owner(String),
    Cycles,
    Cycle(String),
    /// `cycles/<id>/organisations/<organisation>/`: what changed in one
    /// organisation's plans at a cycle, where several report at it (the
    /// cycle's page then says it by organisation).
    CycleFor(String, String),
    /// The scorecard of every indicator.
    Indicators,
    Indicator(String),
    /// Every indicator's figures, as open data.
    IndicatorsCsv,
    IndicatorsJson,
    /// `cycles/<id>/report/`: the committee pack for a cycle; where plans of
    /// several organisations report at it, the list of their packs.
    Report(String),
    /// `cycles/<id>/report/<organisation>/`: one organisation's pack, where
    /// several report at the cycle.
    ReportFor(String, String),
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
            Job::Organisations => "organisations/index.html".to_owned(),
            Job::Organisation(slug) => format!("organisations/{slug}/index.html"),
            Job::Plan(id) => format!("plans/{id}/index.html"),
            Job::PlanAt(id, cycle) => format!("plans/{id}/{cycle}/index.html"),
            Job::PlanJson(id) => format!("plans/{id}.json"),
            Job::PlanCsv(id) => format!("plans/{id}.csv"),
            Job::Badge(id) => format!("plans/{id}/badge.svg"),
            Job::Embed(id) => format!("plans/{id}/{}/index.html", PLAN_PAGES[0]),
            Job::EmbedCode(id) => format!("plans/{id}/{}/index.html", PLAN_PAGES[1]),
            Job::History(id) => format!("plans/{id}/{}/index.html", PLAN_PAGES[2]),
            Job::Inspections => "inspections/index.html".to_owned(),
            Job::Inspection(id) => format!("inspections/{id}/index.html"),
            Job::Briefings => "briefings/index.html".to_owned(),
            Job::Briefing(id) => format!("briefings/{id}/index.html"),
            Job::Owners => "owners/index.html".to_owned(),
            Job::Owner(slug) => format!("owners/{slug}/index.html"),
            Job::Cycles => "cycles/index.html".to_owned(),
            Job::Cycle(id) => format!("cycles/{id}/index.html"),
            // Under a folder of its own, so no organisation's name can take report/.
            Job::CycleFor(id, organisation) => {
                format!("cycles/{id}/organisations/{organisation}/index.html")
            }
            Job::Indicators => "indicators/index.html".to_owned(),
            Job::Indicator(id) => format!("indicators/{id}/index.html"),
            Job::IndicatorsCsv => "indicators.csv".to_owned(),
            Job::IndicatorsJson => "indicators.json".to_owned(),
            Job::Report(id) => format!("cycles/{id}/report/index.html"),
            Job::ReportFor(id, organisation) => {
                format!("cycles/{id}/report/{organisation}/index.html")
            }
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
}

/// The most plans the dashboard shows, so that its size does not grow with
/// the site's; with more, each organisation has a page of its plans.
pub(crate) const DASHBOARD_PLANS: usize = 20;

/// Every job of the site, in a fixed order.
pub(crate) fn jobs(facts: &Facts<'_>, theme: &Theme) -> Vec<Job> {
    let site = facts.site;
    let mut jobs = vec![Job::Dashboard, Job::Plans];
    if facts.plans.len() > DASHBOARD_PLANS {
        jobs.push(Job::Organisations);
        jobs.extend(facts.organisations().into_keys().map(Job::Organisation));
    }
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
        jobs.push(Job::EmbedCode(id.clone()));
        if has_history(facts, plan) {
            jobs.push(Job::History(id.clone()));
        }
    }
    jobs.push(Job::Cycles);
    for cycle in &site.cycles {
        jobs.push(Job::Cycle(cycle.id.clone()));
        jobs.push(Job::Report(cycle.id.clone()));
        let organisations = facts.reporting_organisations(&cycle.id);
        if organisations.len() > 1 {
            jobs.extend(
                organisations
                    .keys()
                    .map(|slug| Job::ReportFor(cycle.id.clone(), slug.clone())),
            );
            jobs.extend(
                organisations
                    .into_keys()
                    .map(|slug| Job::CycleFor(cycle.id.clone(), slug)),
            );
        }
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

/// Whether a plan has a page of earlier updates: some action has an update
/// before the one its latest standing shows, or the plan has a trend to show.
pub(crate) fn has_history(facts: &Facts<'_>, plan: &crate::derive::PlanFacts<'_>) -> bool {
    let at = plan.latest_cycle();
    has_trend(plan)
        || plan
            .actions
            .iter()
            .any(|a| facts.earlier_updates(a, at).next().is_some())
}

/// Whether a plan's progress over time has more than one point: reports with statuses.
pub(crate) fn has_trend(plan: &crate::derive::PlanFacts<'_>) -> bool {
    plan.cycles.len() > 1 && !plan.statuses.is_empty()
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
            | Job::Embed(id)
            | Job::EmbedCode(id)
            | Job::History(id) => Some(id),
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

//! Every file of the site as a job: what it is, where it goes, and which
//! documents it reads (what the rebuild rule in [`crate::output::record`]
//! compares with what changed).

use crate::derive::Facts;
use crate::model::references::Ref;
use crate::model::site::{OWNERS, SETTINGS};
use crate::output::Reads;
use crate::render::index;
use crate::render::theme::Theme;
use std::collections::BTreeSet;

/// One file of the site.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Job {
    Dashboard,
    Plans,
    Plan(String),
    PlanAt(String, String),
    PlanJson(String),
    PlanCsv(String),
    Inspections,
    Inspection(String),
    Briefings,
    Briefing(String),
    Owners,
    Owner(String),
    Cycles,
    Cycle(String),
    Page(String),
    NotFound,
    Feed,
    Sitemap,
    /// `actions.xlsx`: every action of every plan, for officers.
    Tracker,
    /// The search page, and the index it reads: one source's records, one
    /// bucket of words (see [`crate::render::search`]).
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
            Job::Inspections => "inspections/index.html".to_owned(),
            Job::Inspection(id) => format!("inspections/{id}/index.html"),
            Job::Briefings => "briefings/index.html".to_owned(),
            Job::Briefing(id) => format!("briefings/{id}/index.html"),
            Job::Owners => "owners/index.html".to_owned(),
            Job::Owner(slug) => format!("owners/{slug}/index.html"),
            Job::Cycles => "cycles/index.html".to_owned(),
            Job::Cycle(id) => format!("cycles/{id}/index.html"),
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
            Job::Plan(id) | Job::PlanAt(id, _) | Job::PlanJson(id) | Job::PlanCsv(id) => {
                ids.insert(id.clone());
                ids.extend(facts.briefings_about(id).map(|b| b.id.clone()));
                if let Some(plan) = facts.plan(id) {
                    ids.extend(plan.plan.responds_to.iter().cloned());
                    for action in &plan.actions {
                        ids.extend(action.findings().map(|f| Ref::parse(f).document.to_owned()));
                    }
                }
            }
            Job::Inspection(id) => {
                ids.insert(id.clone());
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
            Job::Cycle(cycle) => {
                ids.extend(facts.reporting_at(cycle).map(|p| p.plan.id.clone()));
                ids.extend(
                    site.briefings
                        .iter()
                        .filter(|b| b.meta.cycle.as_ref() == Some(cycle))
                        .map(|b| b.id.clone()),
                );
            }
            Job::Page(id) => {
                ids.insert(id.clone());
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
    }
    jobs.push(Job::Cycles);
    jobs.extend(site.cycles.iter().map(|c| Job::Cycle(c.id.clone())));
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
            Job::Plan(id) | Job::PlanAt(id, _) | Job::PlanJson(id) | Job::PlanCsv(id) => Some(id),
            _ => None,
        }
    }
}

/// `jobs` in runs that render together with one [`Renderer::scoped`]: each
/// plan's pages (which repeat each other), and every other page on its own.
pub(crate) fn groups(jobs: &[Job]) -> Vec<&[Job]> {
    jobs.chunk_by(|a, b| a.plan().is_some() && a.plan() == b.plan())
        .collect()
}

//! Every page of the site as a job: what it is, where it goes, what it reads.
//! Jobs render independently (in parallel), and `serve` re-renders only the jobs
//! that read what changed.

use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::output::{Output, Reads};
use crate::render::data::{plan_csv, plan_json};
use crate::render::feed::{atom, sitemap, Entry};
use crate::render::theme::Theme;
use crate::render::view::{list, Value};
use crate::render::{date, Renderer};
use crate::view;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// One file of the site.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
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
    Asset(String),
}

impl Job {
    /// The file's path inside the output folder.
    pub fn path(&self) -> String {
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
            Job::Asset(name) => format!("assets/{name}"),
        }
    }

    /// The documents this job's output depends on.
    pub fn reads(&self, facts: &Facts<'_>) -> Reads {
        let site = facts.site;
        let mut ids = BTreeSet::new();
        match self {
            Job::Plan(id) | Job::PlanAt(id, _) | Job::PlanJson(id) | Job::PlanCsv(id) => {
                ids.insert(id.clone());
                if let Some(plan) = facts.plan(id) {
                    ids.extend(plan.plan.responds_to.iter().cloned());
                    for action in &plan.actions {
                        ids.extend(
                            action
                                .findings()
                                .filter_map(|f| f.split('#').next())
                                .map(str::to_owned),
                        );
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
                }
            }
            Job::Cycle(cycle) => {
                ids.extend(
                    facts
                        .plans
                        .iter()
                        .filter(|p| p.cycles.iter().any(|c| &c.id == cycle))
                        .map(|p| p.plan.id.clone()),
                );
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
            Job::Asset(_) => {}
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
        Reads::Documents(ids)
    }
}

/// Every job of the site, in a fixed order.
pub fn jobs(facts: &Facts<'_>, theme: &Theme) -> Vec<Job> {
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
    jobs.extend([Job::NotFound, Job::Feed, Job::Sitemap]);
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
pub fn groups(jobs: &[Job]) -> Vec<&[Job]> {
    jobs.chunk_by(|a, b| a.plan().is_some() && a.plan() == b.plan())
        .collect()
}

/// Renders `wanted`, a subset of `all` (the sitemap lists every job), in
/// parallel, handing each file to `done` as soon as it is rendered.
pub fn render_each<E>(
    renderer: &Renderer<'_, '_>,
    all: &[Job],
    wanted: &[Job],
    done: impl Fn(Output) -> Result<(), E> + Sync,
) -> Result<(), E>
where
    E: From<Diagnostic> + Send,
{
    groups(wanted).par_iter().try_for_each(|group| {
        let scoped = renderer.scoped();
        group
            .iter()
            .try_for_each(|job| done(render_job(&scoped, job, all)?))
    })
}

/// Renders `wanted`, a subset of `all`, into memory.
pub fn render_jobs(
    renderer: &Renderer<'_, '_>,
    all: &[Job],
    wanted: &[Job],
) -> Result<Vec<Output>, Diagnostic> {
    let outputs = std::sync::Mutex::new(Vec::new());
    render_each(renderer, all, wanted, |output| {
        outputs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(output);
        Ok::<(), Diagnostic>(())
    })?;
    let mut outputs = outputs
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(outputs)
}

fn crumbs(r: &Renderer<'_, '_>, trail: &[(&str, String)]) -> Value {
    list(
        std::iter::once(view! { "label" => "Dashboard", "url" => r.links.home() }).chain(
            trail
                .iter()
                .map(|(label, url)| view! { "label" => *label, "url" => url.as_str() }),
        ),
    )
}

/// Renders one job.
pub fn render_job(r: &Renderer<'_, '_>, job: &Job, all: &[Job]) -> Result<Output, Diagnostic> {
    let facts = r.facts;
    let site = facts.site;
    let links = &r.links;
    let path = job.path();
    match job {
        Job::Dashboard => {
            let mut exceptions = Vec::new();
            for plan in &facts.plans {
                let cycle = plan.latest_cycle();
                for action in &plan.actions {
                    let state = facts.state(action.action, cycle);
                    if state.overdue || state.is_behind() {
                        exceptions.push(r.action(action, cycle, false));
                    }
                }
            }
            let briefings = list(sorted_briefings(site).iter().take(5).map(|b| r.briefing(b)));
            r.page(
                "index.html",
                &path,
                view! {
                    "page_title" => "Dashboard",
                    "section" => "home",
                    "description" => site.config.description.as_deref(),
                    "plans" => list(facts.plans.iter().map(|p| r.plan_card(p))),
                    "exceptions" => exceptions,
                    "briefings" => briefings,
                },
            )
        }
        Job::Plans => r.page(
            "plans.html",
            &path,
            view! {
                "page_title" => "Plans",
                "section" => "plans",
                "breadcrumbs" => crumbs(r, &[]),
                "plans" => list(facts.plans.iter().map(|p| r.plan_card(p))),
            },
        ),
        Job::Plan(id) => {
            let plan = plan_facts(facts, id)?;
            let at = plan.latest_cycle();
            let summary = facts.summary(plan.actions.iter().map(|a| a.action), at);
            r.page(
                "plan.html",
                &path,
                view! {
                    "page_title" => plan.plan.title.as_str(),
                    "section" => "plans",
                    "breadcrumbs" => crumbs(r, &[("Plans", links.path("plans/"))]),
                    "plan" => r.plan(plan, at, true),
                    "summary" => r.summary(&summary, "rag-plan", at),
                    "as_of" => at.map(|c| view! { "meeting" => c.meeting.as_str(), "date" => date(c.date) }),
                    "changes" => at.map(|c| r.changes(plan, c, true)),
                    "trend" => r.trend(plan),
                },
            )
        }
        Job::PlanAt(id, cycle) => {
            let plan = plan_facts(facts, id)?;
            let cycle = plan
                .cycles
                .iter()
                .copied()
                .find(|c| &c.id == cycle)
                .ok_or_else(|| missing(&path))?;
            let summary = facts.summary(plan.actions.iter().map(|a| a.action), Some(cycle));
            r.page(
                "plan.html",
                &path,
                view! {
                    "page_title" => format!("{} – {}", plan.plan.title, Renderer::cycle_label(cycle)),
                    "section" => "plans",
                    "breadcrumbs" => crumbs(r, &[("Plans", links.path("plans/")), (plan.plan.title.as_str(), links.plan(id))]),
                    "plan" => r.plan(plan, Some(cycle), false),
                    "summary" => r.summary(&summary, "rag-plan", Some(cycle)),
                    "as_of" => view! { "meeting" => cycle.meeting.as_str(), "date" => date(cycle.date) },
                    "changes" => r.changes(plan, cycle, true),
                    "trend" => list([]),
                    // Says nothing about later reports, so the page never changes once published.
                    "cycle_note" => format!("This is the plan as reported to {} on {}.", cycle.meeting, cycle.date.long()),
                    "latest_url" => links.plan(id),
                },
            )
        }
        Job::PlanJson(id) => Ok(plan_json(facts, plan_facts(facts, id)?)),
        Job::PlanCsv(id) => Ok(plan_csv(facts, plan_facts(facts, id)?)),
        Job::Cycles => {
            let items = list(site.cycles.iter().rev().map(|cycle| {
                let n = facts
                    .plans
                    .iter()
                    .filter(|p| p.cycles.iter().any(|c| c.id == cycle.id))
                    .count();
                view! {
                    "title" => Renderer::cycle_label(cycle),
                    "url" => links.cycle(&cycle.id),
                    "note" => format!("{n} {} reported", if n == 1 { "plan" } else { "plans" }),
                }
            }));
            r.page("list.html", &path, view! {
                "page_title" => "Committee cycles", "section" => "cycles", "breadcrumbs" => crumbs(r, &[]), "items" => items,
                "intro" => "The meetings at which progress was reported, newest first, each with what changed.",
            })
        }
        Job::Cycle(id) => {
            let cycle = site
                .cycles
                .iter()
                .find(|c| &c.id == id)
                .ok_or_else(|| missing(&path))?;
            let plans = list(
                facts
                    .plans
                    .iter()
                    .filter(|p| p.cycles.iter().any(|c| c.id == cycle.id))
                    .map(|p| r.changes(p, cycle, false)),
            );
            let briefings = list(
                site.briefings
                    .iter()
                    .filter(|b| b.meta.cycle.as_deref() == Some(cycle.id.as_str()))
                    .map(|b| view! { "title" => b.meta.title.as_str(), "url" => links.briefing(&b.id) }),
            );
            r.page(
                "cycle.html",
                &path,
                view! {
                    "page_title" => format!("What changed: {}", Renderer::cycle_label(cycle)),
                    "section" => "cycles",
                    "breadcrumbs" => crumbs(r, &[("Committee cycles", links.path("cycles/"))]),
                    "cycle" => view! { "meeting" => cycle.meeting.as_str(), "date" => date(cycle.date) },
                    "plans" => plans,
                    "briefings" => briefings,
                },
            )
        }
        Job::Inspections => {
            let items = list(site.inspections.iter().map(|inspection| {
                let total = inspection.findings.len();
                let answered = inspection
                    .findings
                    .iter()
                    .filter(|f| facts.is_answered(&format!("{}#{}", inspection.id, f.id)))
                    .count();
                view! {
                    "title" => inspection.title.as_str(),
                    "url" => links.inspection(&inspection.id),
                    "note" => format!("{}, {}: {answered} of {total} findings answered", inspection.inspectorate, inspection.organisation),
                }
            }));
            r.page("list.html", &path, view! {
                "page_title" => "Inspections", "section" => "inspections", "breadcrumbs" => crumbs(r, &[]), "items" => items,
                "intro" => "Inspection reports, their judgements, and how far the plans answer each finding.",
            })
        }
        Job::Inspection(id) => {
            let inspection = facts.inspection(id).ok_or_else(|| missing(&path))?;
            let (view, findings, coverage) = r.inspection(inspection);
            r.page(
                "inspection.html",
                &path,
                view! {
                    "page_title" => inspection.title.as_str(),
                    "section" => "inspections",
                    "breadcrumbs" => crumbs(r, &[("Inspections", links.path("inspections/"))]),
                    "inspection" => view,
                    "findings" => findings,
                    "coverage" => coverage,
                },
            )
        }
        Job::Briefings => {
            let items = list(sorted_briefings(site).iter().map(|b| {
                let note = match &b.meta.meeting {
                    Some(meeting) => format!("{} · {meeting}", b.meta.date.long()),
                    None => b.meta.date.long(),
                };
                view! { "title" => b.meta.title.as_str(), "url" => links.briefing(&b.id), "note" => note }
            }));
            r.page("list.html", &path, view! {
                "page_title" => "Briefings", "section" => "briefings", "breadcrumbs" => crumbs(r, &[]), "items" => items,
                "intro" => "Reports and papers to committee, newest first.",
            })
        }
        Job::Briefing(id) => {
            let briefing = facts.briefing(id).ok_or_else(|| missing(&path))?;
            r.page(
                "briefing.html",
                &path,
                view! {
                    "page_title" => briefing.meta.title.as_str(),
                    "section" => "briefings",
                    "breadcrumbs" => crumbs(r, &[("Briefings", links.path("briefings/"))]),
                    "briefing" => r.briefing(briefing),
                },
            )
        }
        Job::Owners => {
            let items = list(facts.owners.iter().map(|(slug, owner)| {
                let n = owner.actions.len();
                view! { "title" => owner.name, "url" => links.owner(slug), "note" => format!("{n} {}", if n == 1 { "action" } else { "actions" }) }
            }));
            r.page("list.html", &path, view! {
                "page_title" => "Owners", "section" => "owners", "breadcrumbs" => crumbs(r, &[]), "items" => items,
                "intro" => "Everyone who leads an action, with the actions they lead across all plans.",
            })
        }
        Job::Owner(slug) => {
            let owner = facts.owners.get(slug).ok_or_else(|| missing(&path))?;
            let mut groups = Vec::new();
            let mut summaries = Vec::new();
            // An owner's actions are listed in plan order, so each plan's are a run.
            for mine in owner.actions.chunk_by(|a, b| a.plan.id == b.plan.id) {
                let Some(plan) = facts.plan(&mine[0].plan.id) else {
                    continue;
                };
                let cycle = plan.latest_cycle();
                summaries.push(facts.summary(mine.iter().map(|a| a.action), cycle));
                groups.push(view! {
                    "title" => plan.plan.title.as_str(),
                    "url" => links.plan(&plan.plan.id),
                    "actions" => list(mine.iter().map(|a| r.action(a, cycle, false))),
                });
            }
            let summary = crate::derive::Summary::merge(&summaries);
            r.page(
                "owner.html",
                &path,
                view! {
                    "page_title" => owner.name,
                    "section" => "owners",
                    "breadcrumbs" => crumbs(r, &[("Owners", links.path("owners/"))]),
                    "owner" => view! { "name" => owner.name, "count" => owner.actions.len(), "plans" => groups },
                    "summary" => r.summary(&summary, "rag-owner", None),
                },
            )
        }
        Job::Page(id) => {
            let page = site
                .pages
                .iter()
                .find(|p| &p.id == id)
                .ok_or_else(|| missing(&path))?;
            r.page(
                "page.html",
                &path,
                view! {
                    "page_title" => page.meta.title.as_str(),
                    "description" => page.meta.description.as_deref(),
                    "breadcrumbs" => crumbs(r, &[]),
                    "page" => view! { "title" => page.meta.title.as_str(), "body" => r.markdown(&page.body, 2, &page.meta.title) },
                },
            )
        }
        Job::NotFound => r.page(
            "404.html",
            &path,
            view! { "page_title" => "Page not found", "canonical" => Value::none() },
        ),
        Job::Feed => Ok(feed(r)),
        Job::Sitemap => {
            let paths: Vec<String> = all.iter().map(Job::path).collect();
            Ok(sitemap(links, &paths))
        }
        Job::Asset(name) => {
            let (_, bytes) = r
                .theme
                .assets
                .iter()
                .find(|(n, _)| n == name)
                .ok_or_else(|| missing(&path))?;
            Ok(Output::new(path, bytes.clone()))
        }
    }
}

fn missing(path: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        "internal error: a page was asked for that the site does not have",
    )
}

fn plan_facts<'a, 's>(
    facts: &'a Facts<'s>,
    id: &str,
) -> Result<&'a crate::derive::PlanFacts<'s>, Diagnostic> {
    facts.plan(id).ok_or_else(|| missing(id))
}

fn sorted_briefings(site: &crate::model::site::Site) -> Vec<&crate::model::document::Briefing> {
    let mut briefings: Vec<_> = site.briefings.iter().collect();
    briefings.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then_with(|| a.id.cmp(&b.id)));
    briefings
}

/// The Atom feed: briefings, and each cycle at which plans reported progress.
fn feed(r: &Renderer<'_, '_>) -> Output {
    let facts = r.facts;
    let site = facts.site;
    let links = &r.links;
    let mut entries: Vec<Entry> = site
        .briefings
        .iter()
        .map(|b| Entry {
            title: b.meta.title.clone(),
            path: links.briefing(&b.id),
            date: b.meta.date,
            summary: b
                .meta
                .meeting
                .clone()
                .unwrap_or_else(|| "Briefing".to_owned()),
        })
        .collect();
    for cycle in &site.cycles {
        let plans: Vec<&str> = facts
            .plans
            .iter()
            .filter(|p| p.cycles.iter().any(|c| c.id == cycle.id))
            .map(|p| p.plan.title.as_str())
            .collect();
        if !plans.is_empty() {
            entries.push(Entry {
                title: format!("Progress reported: {}", Renderer::cycle_label(cycle)),
                path: links.cycle(&cycle.id),
                date: cycle.date,
                summary: format!("Progress on {}", plans.join("; ")),
            });
        }
    }
    atom(
        links,
        &site.config.title,
        &site.config.organisation,
        entries,
    )
}

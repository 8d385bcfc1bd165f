//! The committee cycles, newest first, and what changed at each across plans:
//! plan by plan where one organisation's plans report at it; where several
//! organisations' do, organisation by organisation, each with a page of its
//! plans' changes (so no page grows with the number of plans).

use crate::derive::{organisation_slug, Facts, Organisations, PlanFacts, Summary};
use crate::diagnostic::Diagnostic;
use crate::load::{BASELINES, MEETINGS};
use crate::model::cycle::Cycle;
use crate::model::references::Ref;
use crate::render::jobs::Job;
use crate::render::pages::parts::{colours, count, crumbs, list_page, missing};
use crate::render::renderer::{meeting_date, Renderer};
use crate::render::view::{list, Value};
use crate::view;
use std::collections::BTreeSet;

pub(super) fn index(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let items = list(r.facts.site.cycles.iter().rev().map(|cycle| {
        let n = r.facts.reporting_at(&cycle.id).count();
        view! {
            "title" => cycle.label(),
            "url" => r.links.cycle(&cycle.id),
            "note" => format!("{} reported", count(n, "plan", "plans")),
        }
    }));
    list_page(
        r,
        job,
        "Committee cycles",
        "cycles",
        "The meetings at which progress was reported, newest first, each with what changed.",
        items,
    )
}

pub(super) fn cycle(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let site = r.facts.site;
    let cycle = r.facts.cycle(id).ok_or_else(|| missing(job))?;
    let organisations = r.facts.reporting_organisations(id);
    // Plans of several organisations: the page says it by organisation, so its
    // size does not grow with the plans; each one's plans have a page.
    let several = organisations.len() > 1;
    let plans = if several {
        list([])
    } else {
        list(r.facts.reporting_at(id).map(|p| r.changes(p, cycle, false)))
    };
    let briefings = list(
        site.briefings
            .iter()
            .filter(|b| b.meta.cycle.as_deref() == Some(id))
            .map(|b| view! { "title" => b.meta.title.as_str(), "url" => r.links.briefing(&b.id) }),
    );
    r.page(
        "cycle.html",
        job,
        view! {
            "page_title" => format!("What changed: {}", cycle.label()),
            "section" => "cycles",
            "filters" => true,
            "breadcrumbs" => crumbs(r, &[("Committee cycles", r.links.to(&Job::Cycles))]),
            "cycle" => view! { "meeting" => cycle.meeting_name(), "date" => meeting_date(cycle.date) },
            "plans" => plans,
            "organisations" => several.then(|| by_organisation(r, cycle, &organisations)),
            "briefings" => briefings,
            "changed_indicators" => r.facts.cycle_order.get(id).map(|&i| r.changed_rag(i)),
            "indicators_url" => (!site.indicators.is_empty()).then(|| r.links.to(&Job::Indicators)),
            "meeting" => r.meeting(id),
            // Each plan's own changes are on its organisation's page.
            "plan_changes" => r.plan_changes_at(id, |_| !several),
            "report_url" => r.links.to(&Job::Report(id.to_owned())),
        },
    )
}

/// What changed at a cycle in one organisation's plans, where several
/// organisations' plans report at it: the cycle's page for those plans.
pub(super) fn cycle_for(
    r: &Renderer<'_, '_>,
    job: &Job,
    id: &str,
    slug: &str,
) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let cycle = facts.cycle(id).ok_or_else(|| missing(job))?;
    let organisations = facts.reporting_organisations(id);
    let (name, plans) = organisations.get(slug).ok_or_else(|| missing(job))?;
    let reported: usize = organisations.values().map(|(_, p)| p.len()).sum();
    let label = cycle.label();
    r.page(
        "cycle.html",
        job,
        view! {
            "page_title" => format!("What changed: {label}, {name}"),
            "section" => "cycles",
            "filters" => true,
            "breadcrumbs" => crumbs(r, &[("Committee cycles", r.links.to(&Job::Cycles)), (label.as_str(), r.links.cycle(id))]),
            "cycle" => view! { "meeting" => cycle.meeting.as_str(), "date" => meeting_date(cycle.date) },
            "organisation" => view! {
                "name" => *name,
                "plans" => plans.len(),
                "reported" => reported,
                "organisations" => organisations.len(),
                "cycle_url" => r.links.cycle(id),
            },
            "plans" => list(plans.iter().map(|&i| r.changes(&facts.plans[i], cycle, false))),
            "plan_changes" => r.plan_changes_at(id, |p| organisation_slug(&p.plan.organisation) == slug),
            "report_url" => r.links.to(&Job::ReportFor(id.to_owned(), slug.to_owned())),
        },
    )
}

/// Each organisation whose plans report at a cycle, A to Z: its plans'
/// actions as reported there, by colour and overdue (plans' keys differ),
/// and how many changed status; its page has each plan's changes.
fn by_organisation(
    r: &Renderer<'_, '_>,
    cycle: &Cycle,
    organisations: &Organisations<'_>,
) -> Value {
    let facts = r.facts;
    let revised = facts.plan_changes_at(&cycle.id);
    let mut ordered: Vec<_> = organisations.iter().collect();
    ordered.sort_by_cached_key(|(slug, (name, _))| (name.to_lowercase(), *slug));
    list(ordered.into_iter().map(|(slug, (name, plans))| {
        let plans: Vec<&PlanFacts<'_>> = plans.iter().map(|&i| &facts.plans[i]).collect();
        let summaries: Vec<_> = plans
            .iter()
            .map(|p| facts.summary(p, &p.actions, Some(cycle)))
            .collect();
        let total = Summary::by_colour(&summaries);
        let (mut done, mut worse, mut better, mut overdue, mut first) = (0, 0, 0, 0, 0);
        for plan in &plans {
            let since = facts.changes(plan, cycle);
            done += since.newly_done.len();
            worse += since.worse.len();
            better += since.better.len();
            overdue += since.newly_overdue.len();
            if since.previous.is_none() && !since.since_agreed {
                first += 1;
            }
        }
        let revised = revised
            .iter()
            .filter(|(p, _)| organisation_slug(&p.plan.organisation) == **slug)
            .count();
        view! {
            "name" => *name,
            "url" => r.links.to(&Job::CycleFor(cycle.id.clone(), slug.clone())),
            "report_url" => r.links.to(&Job::ReportFor(cycle.id.clone(), slug.clone())),
            "plans" => plans.len(),
            "actions" => total.total,
            "colours" => colours(&total),
            "not_rated" => total.not_rated,
            "no_update" => total.no_update,
            "overdue" => total.overdue,
            "changed" => done + worse + better,
            "done" => done,
            "worse" => worse,
            "better" => better,
            "newly_overdue" => overdue,
            "first" => first,
            "revised" => revised,
        }
    }))
}

/// What a cycle's page and its committee pack read (besides what every page
/// reads): every indicator, the plans reporting at it, its briefings, and
/// every meeting's record and baseline.
pub(super) fn reads(facts: &Facts<'_>, cycle: &str, ids: &mut BTreeSet<String>) {
    let site = facts.site;
    // Any indicator may have changed standing at the meeting.
    ids.extend(site.indicators.iter().map(|i| i.id.clone()));
    ids.extend(facts.reporting_at(cycle).map(|p| p.plan.id.clone()));
    ids.extend(
        site.briefings
            .iter()
            .filter(|b| b.meta.cycle.as_deref() == Some(cycle))
            .map(|b| b.id.clone()),
    );
    // The challenge log: undertakings carry forward from every
    // earlier meeting, and link where they were answered.
    ids.extend(
        site.fingerprints
            .keys()
            .filter(|k| {
                [MEETINGS, BASELINES].iter().any(|folder| {
                    k.strip_prefix(folder)
                        .is_some_and(|rest| rest.starts_with('/'))
                })
            })
            .cloned(),
    );
    ids.extend(site.meetings.iter().flat_map(|m| {
        m.answered
            .iter()
            .filter_map(|a| a.at.as_deref())
            .map(|t| Ref::parse(t).document.to_owned())
    }));
}

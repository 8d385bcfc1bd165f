//! The list of plans, each plan as of its latest report (with its history),
//! and each plan as reported at each of its cycles (a stable address).

use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::load::BASELINES;
use crate::model::references::Ref;
use crate::render::jobs::Job;
use crate::render::pages::parts::{crumbs, missing, plan};
use crate::render::renderer::{as_of, Renderer};
use crate::render::view::list;
use crate::view;
use std::collections::BTreeSet;

pub(super) fn index(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    r.page(
        "plans.html",
        job,
        view! {
            "page_title" => "Plans",
            "section" => "plans",
            "breadcrumbs" => crumbs(r, &[]),
            "plans" => list(r.facts.plans.iter().map(|p| r.plan_card(p))),
            "keys" => r.latest_keys(&r.facts.plans),
        },
    )
}

pub(super) fn latest(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let plan = plan(r.facts, job, id)?;
    let at = plan.latest_cycle();
    let summary = r.facts.summary(plan, &plan.actions, at);
    r.page(
        "plan.html",
        job,
        view! {
            "page_title" => plan.plan.title.as_str(),
            "section" => "plans",
            "filters" => true,
            "breadcrumbs" => crumbs(r, &[("Plans", r.links.to(&Job::Plans))]),
            "plan" => r.plan(plan, at, true),
            // Its history and trend show each action at every report; steps at the latest.
            "keys" => r.keys([(plan, r.shows_unrated(&plan.actions, at, true)
                || plan.cycles.iter().any(|&c| r.shows_unrated(&plan.actions, Some(c), false)))]),
            "summary" => Renderer::summary(&summary, "rag-plan", at),
            "as_of" => at.map(as_of),
            "changes" => at.map(|c| r.changes(plan, c, true)),
            "trend" => r.trend(plan),
            "scorecard" => r.scorecard(r.facts.indicators.of_plan(id), None),
            "clocks" => r.clocks_of(&plan.plan.clocks, None),
            "change_log" => r.change_log(plan),
            "panel" => super::panel::snippet(r, id, &plan.plan.title, plan.plan.partial.as_deref(), &summary),
        },
    )
}

pub(super) fn at_cycle(
    r: &Renderer<'_, '_>,
    job: &Job,
    id: &str,
    cycle: &str,
) -> Result<String, Diagnostic> {
    let plan = plan(r.facts, job, id)?;
    let cycle = plan
        .cycles
        .iter()
        .copied()
        .find(|c| c.id == cycle)
        .ok_or_else(|| missing(job))?;
    let summary = r.facts.summary(plan, &plan.actions, Some(cycle));
    let links = &r.links;
    r.page(
        "plan.html",
        job,
        view! {
            "page_title" => format!("{} – {}", plan.plan.title, cycle.label()),
            "section" => "plans",
            "filters" => true,
            "breadcrumbs" => crumbs(r, &[("Plans", links.to(&Job::Plans)), (plan.plan.title.as_str(), links.plan(id))]),
            "plan" => r.plan(plan, Some(cycle), false),
            "keys" => r.keys([(plan, r.shows_unrated(&plan.actions, Some(cycle), true))]),
            "summary" => Renderer::summary(&summary, "rag-plan", Some(cycle)),
            "as_of" => as_of(cycle),
            "changes" => r.changes(plan, cycle, true),
            "trend" => list([]),
            "clocks" => r.clocks_of(&plan.plan.clocks, None),
            // Says nothing about later reports, so the page never changes once published.
            "cycle_note" => format!("This is the plan as reported to {} {}.", cycle.meeting, cycle.date.on()),
            "latest_url" => links.plan(id),
            // The figures as reported by this meeting, so the page never changes once published.
            "scorecard" => r.scorecard(r.facts.indicators.of_plan(id), r.facts.cycle_order.get(cycle.id.as_str()).copied()),
        },
    )
}

/// What a plan's pages and files read (besides what every page reads): the
/// plan, the briefings about it, the indicators and findings its actions
/// name, its baselines and the plans its actions carry over from.
pub(super) fn reads(facts: &Facts<'_>, id: &str, ids: &mut BTreeSet<String>) {
    let site = facts.site;
    ids.insert(id.to_owned());
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
    let prefix = format!("{BASELINES}/{id}");
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

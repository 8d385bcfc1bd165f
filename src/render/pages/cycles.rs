//! The committee cycles, newest first, and what changed at each across plans.

use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::load::{BASELINES, MEETINGS};
use crate::model::references::Ref;
use crate::render::jobs::Job;
use crate::render::pages::parts::{count, crumbs, list_page, missing};
use crate::render::renderer::{meeting_date, Renderer};
use crate::render::view::list;
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
    let plans = list(r.facts.reporting_at(id).map(|p| r.changes(p, cycle, false)));
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
            "briefings" => briefings,
            "changed_indicators" => r.facts.cycle_order.get(id).map(|&i| r.changed_rag(i)),
            "indicators_url" => (!site.indicators.is_empty()).then(|| r.links.to(&Job::Indicators)),
            "meeting" => r.meeting(id),
            "plan_changes" => r.plan_changes_at(id),
            "report_url" => r.links.path(&format!("cycles/{id}/report/")),
        },
    )
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

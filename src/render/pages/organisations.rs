//! The organisations the plans name, and a page of each one's plans as the
//! dashboard's cards, most in need of attention first: made when the site
//! has more plans than the dashboard shows, so every plan is two links from it.

use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::render::jobs::Job;
use crate::render::pages::parts::{count, crumbs, list_page, missing};
use crate::render::renderer::Renderer;
use crate::render::view::list;
use crate::view;
use std::collections::BTreeSet;

pub(super) fn index(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let all = facts.organisations();
    let mut organisations: Vec<_> = all.iter().collect();
    organisations.sort_by_cached_key(|(slug, (name, _))| (name.to_lowercase(), *slug));
    let items = list(organisations.into_iter().map(|(slug, (name, plans))| {
        let overdue: usize = plans
            .iter()
            .map(|&i| facts.need(&facts.plans[i]).overdue)
            .sum();
        let mut note = count(plans.len(), "plan", "plans");
        if overdue > 0 {
            note.push_str(&format!(", {overdue} overdue"));
        }
        view! {
            "title" => *name,
            "url" => r.links.to(&Job::Organisation(slug.clone())),
            "note" => note,
        }
    }));
    let intro = format!(
        "All {} by the organisation each names, A to Z; each organisation's plans are listed most in need of attention first.",
        count(facts.plans.len(), "plan", "plans")
    );
    list_page(r, job, "Plans by organisation", "plans", &intro, items)
}

pub(super) fn organisation(
    r: &Renderer<'_, '_>,
    job: &Job,
    slug: &str,
) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let all = facts.organisations();
    let (name, plans) = all.get(slug).ok_or_else(|| missing(job))?;
    let ordered = facts.by_need(plans.iter().copied());
    r.page(
        "organisation.html",
        job,
        view! {
            "page_title" => *name,
            "section" => "plans",
            "breadcrumbs" => crumbs(r, &[("Plans by organisation", r.links.to(&Job::Organisations))]),
            "plans" => list(ordered.iter().map(|&(i, _)| r.plan_card(&facts.plans[i]))),
            "keys" => r.keys(ordered.iter().map(|&(i, _)| {
                let plan = &facts.plans[i];
                (plan, r.shows_unrated(&plan.actions, plan.latest_cycle(), false))
            })),
        },
    )
}

/// What an organisation's page reads: its plans, and the inspections their
/// cards give the verdicts of.
pub(super) fn reads(facts: &Facts<'_>, slug: &str, ids: &mut BTreeSet<String>) {
    if let Some((_, plans)) = facts.organisations().get(slug) {
        for &i in plans {
            let plan = facts.plans[i].plan;
            ids.insert(plan.id.clone());
            ids.extend(plan.responds_to.iter().cloned());
        }
    }
}

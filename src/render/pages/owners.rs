//! Everyone who leads an action, and each owner's actions across plans.

use crate::derive::Summary;
use crate::derive::{Facts, PlanFacts};
use crate::diagnostic::Diagnostic;
use crate::render::fragments::plan::action_name;
use crate::render::jobs::Job;
use crate::render::links::action_anchor;
use crate::render::pages::parts::{count, crumbs, list_page, missing};
use crate::render::renderer::Renderer;
use crate::render::view::list;
use crate::view;
use std::collections::BTreeSet;

pub(super) fn index(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let items = list(r.facts.owners.iter().map(|(slug, owner)| {
        view! {
            "title" => owner.name,
            "url" => r.links.owner(slug),
            "note" => count(owner.actions.len(), "action", "actions"),
        }
    }));
    list_page(
        r,
        job,
        "Owners",
        "owners",
        "Everyone who leads an action, with the actions they lead across all plans.",
        items,
    )
}

pub(super) fn owner(r: &Renderer<'_, '_>, job: &Job, slug: &str) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let owner = facts.owners.get(slug).ok_or_else(|| missing(job))?;
    let mut groups = Vec::new();
    let mut summaries = Vec::new();
    let mut plans: Vec<(&PlanFacts<'_>, bool)> = Vec::new();
    // An owner's actions are listed in plan order, so each plan's are a run.
    for mine in owner.actions.chunk_by(|a, b| a.plan.id == b.plan.id) {
        let Some(plan) = facts.plan(&mine[0].plan.id) else {
            continue;
        };
        let cycle = plan.latest_cycle();
        summaries.push(facts.summary(plan, mine, cycle));
        plans.push((plan, r.shows_unrated(mine, cycle, true)));
        groups.push(view! {
            "title" => plan.plan.title.as_str(),
            "url" => r.links.plan(&plan.plan.id),
            "actions" => list(mine.iter().map(|a| r.action(a, cycle, false))),
        });
    }
    let summary = Summary::merge(&summaries);
    r.page(
        "owner.html",
        job,
        view! {
            "page_title" => owner.name,
            "section" => "owners",
            "filters" => true,
            "breadcrumbs" => crumbs(r, &[("Owners", r.links.to(&Job::Owners))]),
            "owner" => view! {
                "name" => owner.name,
                "role" => owner.entry.and_then(|e| e.role.as_deref()),
                "organisation" => owner.entry.and_then(|e| e.organisation.as_deref()),
                "contact" => owner.entry.and_then(|e| e.contact.as_deref()),
                "count" => owner.actions.len(),
                "plans" => groups,
                "steps" => list(owner.steps.iter().map(|(action, step)| {
                    let index = action.action.steps.iter().position(|s| std::ptr::eq(s, *step)).unwrap_or(0);
                    view! {
                        "label" => step.number.clone().unwrap_or_else(|| format!("Step {}", index + 1)),
                        "text" => step.text.trim(),
                        "url" => format!("{}#{}", r.links.plan(&action.plan.id), action_anchor(action.action.id())),
                        "plan" => action.plan.title.as_str(),
                        "action" => action_name(action),
                    }
                })),
            },
            "summary" => Renderer::summary(&summary, "rag-owner", None),
            "keys" => r.keys(plans),
        },
    )
}

/// What an owner's page reads (besides what every page reads): the plans of
/// the actions and steps they own.
pub(super) fn reads(facts: &Facts<'_>, slug: &str, ids: &mut BTreeSet<String>) {
    if let Some(owner) = facts.owners.get(slug) {
        ids.extend(owner.actions.iter().map(|a| a.plan.id.clone()));
        ids.extend(owner.steps.iter().map(|(a, _)| a.plan.id.clone()));
    }
}

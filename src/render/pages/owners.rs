//! Everyone who leads an action, with their role, and each owner's actions
//! across plans: those overdue or red first, then the rest plan by plan.

use crate::derive::Summary;
use crate::derive::{Facts, PlanFacts};
use crate::diagnostic::Diagnostic;
use crate::model::plan::ActionRef;
use crate::model::status::Colour;
use crate::render::fragments::plan::action_name;
use crate::render::jobs::Job;
use crate::render::links::action_anchor;
use crate::render::pages::parts::{count, crumbs, list_page, missing};
use crate::render::renderer::Renderer;
use crate::render::view::{list, with, Value};
use crate::view;
use std::collections::BTreeSet;

pub(super) fn index(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let items = list(r.facts.owners.iter().map(|(slug, owner)| {
        // Their role first (who they are), then how many actions and how many are behind.
        let role = owner.entry.and_then(|e| e.role.as_deref()).map(str::trim);
        let behind = owner
            .actions
            .iter()
            .filter(|a| behind(r.facts, a).is_some())
            .count();
        let mut note = count(owner.actions.len(), "action", "actions");
        if behind > 0 {
            note.push_str(&format!(", {behind} overdue or red"));
        }
        view! {
            "title" => owner.name,
            "url" => r.links.owner(slug),
            "note" => match role {
                Some(role) => format!("{role} · {note}"),
                None => note,
            },
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

/// Why an action is behind, as of its plan's latest report: overdue comes
/// before red (`Some(0)`, `Some(1)`); `None` when it is neither, or done.
fn behind(facts: &Facts<'_>, action: &ActionRef<'_>) -> Option<u8> {
    let plan = facts.plan(&action.plan.id)?;
    let state = facts.state(action, plan.latest_cycle());
    if state.overdue {
        Some(0)
    } else {
        state
            .status
            .filter(|s| s.colour == Colour::Red && !s.done)
            .map(|_| 1)
    }
}

pub(super) fn owner(r: &Renderer<'_, '_>, job: &Job, slug: &str) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let owner = facts.owners.get(slug).ok_or_else(|| missing(job))?;
    let mut groups = Vec::new();
    let mut summaries = Vec::new();
    let mut plans: Vec<(&PlanFacts<'_>, bool)> = Vec::new();
    // Overdue and red actions come first, whatever their plan: (why, plan order, plan, view).
    let mut first: Vec<(u8, usize, String, Value)> = Vec::new();
    // An owner's actions are listed in plan order, so each plan's are a run.
    for mine in owner.actions.chunk_by(|a, b| a.plan.id == b.plan.id) {
        let Some(plan) = facts.plan(&mine[0].plan.id) else {
            continue;
        };
        let cycle = plan.latest_cycle();
        summaries.push(facts.summary(plan, mine, cycle));
        plans.push((plan, r.shows_unrated(mine, cycle, true)));
        let mut rest = Vec::new();
        for action in mine {
            let view = r.action(action, cycle, false);
            match behind(facts, action) {
                Some(why) => first.push((
                    why,
                    first.len(),
                    plan.plan.title.clone(),
                    with(
                        &view,
                        [
                            ("plan_title", Value::from(plan.plan.title.as_str())),
                            ("plan_url", Value::from(r.links.plan(&plan.plan.id))),
                        ],
                    ),
                )),
                None => rest.push(view),
            }
        }
        if !rest.is_empty() {
            groups.push(view! {
                "title" => plan.plan.title.as_str(),
                "url" => r.links.plan(&plan.plan.id),
                "actions" => rest,
            });
        }
    }
    first.sort_by_key(|(why, order, _, _)| (*why, *order));
    let behind_count = first.len();
    // Each run of one plan's rows says its plan once, for the filter (as each plan's table does).
    let mut runs: Vec<(String, Vec<Value>)> = Vec::new();
    for (_, _, title, view) in first {
        match runs.last_mut() {
            Some((last, rows)) if *last == title => rows.push(view),
            _ => runs.push((title, vec![view])),
        }
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
                "behind_count" => behind_count,
                "behind" => list(runs.into_iter().map(|(title, rows)| view! { "plan" => title, "actions" => rows })),
                "plan_count" => plans.len(),
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

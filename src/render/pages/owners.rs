//! Everyone who leads an action, and each owner's actions across plans.

use crate::derive::Summary;
use crate::diagnostic::Diagnostic;
use crate::render::jobs::Job;
use crate::render::pages::parts::{count, crumbs, list_page, missing};
use crate::render::renderer::Renderer;
use crate::render::view::list;
use crate::view;

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
    // An owner's actions are listed in plan order, so each plan's are a run.
    for mine in owner.actions.chunk_by(|a, b| a.plan.id == b.plan.id) {
        let Some(plan) = facts.plan(&mine[0].plan.id) else {
            continue;
        };
        let cycle = plan.latest_cycle();
        summaries.push(facts.summary(mine.iter().map(|a| a.action), cycle));
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
            "breadcrumbs" => crumbs(r, &[("Owners", r.links.path("owners/"))]),
            "owner" => view! { "name" => owner.name, "count" => owner.actions.len(), "plans" => groups },
            "summary" => r.summary(&summary, "rag-owner", None),
        },
    )
}

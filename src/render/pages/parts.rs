//! What several kinds of page share: breadcrumbs, list pages, actions
//! counted by colour, and the error for a page the site does not have.

use crate::derive::{Facts, PlanFacts, Summary};
use crate::diagnostic::Diagnostic;
use crate::model::status::Colour;
use crate::render::jobs::Job;
use crate::render::renderer::Renderer;
use crate::render::view::{list, Value};
use crate::view;

/// The trail of links above a page's title, from the dashboard down.
pub(super) fn crumbs(r: &Renderer<'_, '_>, trail: &[(&str, String)]) -> Value {
    list(
        std::iter::once(view! { "label" => "Dashboard", "url" => r.links.home() }).chain(
            trail
                .iter()
                .map(|(label, url)| view! { "label" => *label, "url" => url.as_str() }),
        ),
    )
}

/// The trail of a page beneath a plan's page (the plan at a meeting, its earlier updates, its code for web teams).
pub(super) fn plan_crumbs(r: &Renderer<'_, '_>, title: &str, id: &str) -> Value {
    crumbs(
        r,
        &[
            ("Plans", r.links.to(&Job::Plans)),
            (title, r.links.plan(id)),
        ],
    )
}

/// A page was asked for that the site does not have: a fault in ragtime, not in the content.
pub(super) fn missing(job: &Job) -> Diagnostic {
    Diagnostic::error(
        job.path(),
        "internal error: a page was asked for that the site does not have",
    )
}

pub(super) fn plan<'a, 's>(
    facts: &'a Facts<'s>,
    job: &Job,
    id: &str,
) -> Result<&'a PlanFacts<'s>, Diagnostic> {
    facts.plan(id).ok_or_else(|| missing(job))
}

/// A page that lists things of one kind (plans aside, which have cards).
pub(super) fn list_page(
    r: &Renderer<'_, '_>,
    job: &Job,
    title: &str,
    section: &str,
    intro: &str,
    items: Value,
) -> Result<String, Diagnostic> {
    r.page(
        "list.html",
        job,
        view! {
            "page_title" => title,
            "section" => section,
            "breadcrumbs" => crumbs(r, &[]),
            "items" => items,
            "intro" => intro,
        },
    )
}

/// "1 plan", "3 plans".
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Actions counted by colour (a sum across plans, whose keys differ), worst
/// first as readers scan for what is wrong: each colour that has any.
pub(super) fn colours(summary: &Summary<'_>) -> Value {
    let order = [
        Colour::Red,
        Colour::Amber,
        Colour::Yellow,
        Colour::Green,
        Colour::Blue,
        Colour::Grey,
    ];
    list(order.iter().filter_map(|&colour| {
        let n: usize = summary
            .counts
            .iter()
            .filter(|c| c.colour == colour)
            .map(|c| c.n)
            .sum();
        (n > 0).then(|| view! { "colour" => colour.id(), "label" => colour.label(), "count" => n })
    }))
}

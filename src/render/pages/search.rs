//! The search page: a form that works once `search.js` loads, which it does
//! only here, and says plainly what to do without it.

use crate::diagnostic::Diagnostic;
use crate::render::data::index::buckets;
use crate::render::jobs::Job;
use crate::render::pages::parts::crumbs;
use crate::render::renderer::Renderer;
use crate::view;

pub(super) fn search(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    r.page(
        "search.html",
        job,
        view! {
            "page_title" => "Search",
            "section" => "search",
            "breadcrumbs" => crumbs(r, &[]),
            "index" => view! {
                "docs" => r.links.path("search/docs/"),
                "terms" => r.links.path("search/terms/"),
                "buckets" => buckets(r.facts),
            },
        },
    )
}

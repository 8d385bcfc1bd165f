//! The files that are not pages of content: the 404 page, the feed, the
//! sitemap, and the theme's assets.

use crate::diagnostic::Diagnostic;
use crate::render::data::feed::{atom, sitemap as sitemap_xml, Entry};
use crate::render::jobs::Job;
use crate::render::pages::parts::missing;
use crate::render::renderer::Renderer;
use crate::render::view::Value;
use crate::view;

pub(super) fn not_found(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    r.page(
        "404.html",
        job,
        view! { "page_title" => "Page not found", "canonical" => Value::none() },
    )
}

/// The Atom feed: briefings, and each cycle at which plans reported progress.
pub(super) fn feed(r: &Renderer<'_, '_>) -> String {
    let facts = r.facts;
    let site = facts.site;
    let links = &r.links;
    let mut entries: Vec<Entry> = site
        .briefings
        .iter()
        .map(|b| Entry {
            title: b.meta.title.clone(),
            path: links.briefing(&b.id),
            date: b.meta.date.as_of(),
            summary: b
                .meta
                .meeting
                .clone()
                .unwrap_or_else(|| "Briefing".to_owned()),
        })
        .collect();
    for cycle in &site.cycles {
        let plans: Vec<&str> = facts
            .reporting_at(&cycle.id)
            .map(|p| p.plan.title.as_str())
            .collect();
        if !plans.is_empty() {
            entries.push(Entry {
                title: format!("Progress reported: {}", cycle.label()),
                path: links.cycle(&cycle.id),
                date: cycle.date.as_of(),
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

/// Every page of the site, from the list of every job.
pub(super) fn sitemap(r: &Renderer<'_, '_>, all: &[Job]) -> String {
    let pages: Vec<&Job> = all.iter().filter(|job| job.is_page()).collect();
    sitemap_xml(&r.links, &pages)
}

pub(super) fn asset(r: &Renderer<'_, '_>, job: &Job, name: &str) -> Result<Vec<u8>, Diagnostic> {
    r.theme
        .assets
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, bytes)| bytes.clone())
        .ok_or_else(|| missing(job))
}

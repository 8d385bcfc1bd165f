//! Briefings (newest first, each with its details and the plans it concerns)
//! and plain pages.

use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::model::document::Briefing;
use crate::model::site::Site;
use crate::render::jobs::Job;
use crate::render::pages::parts::{crumbs, list_page, missing};
use crate::render::renderer::{about, printed_date, Renderer};
use crate::render::view::{list, Value};
use crate::view;
use std::collections::BTreeSet;

pub(super) fn briefings(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let items = list(newest_first(r.facts.site).iter().map(|b| {
        let date = about(b.meta.date.long(), b.meta.estimated);
        let note = match &b.meta.meeting {
            Some(meeting) => format!("{date} · {meeting}"),
            None => date,
        };
        view! { "title" => b.meta.title.as_str(), "url" => r.links.briefing(&b.id), "note" => note }
    }));
    list_page(
        r,
        job,
        "Briefings",
        "briefings",
        "Reports and papers to committee, newest first.",
        items,
    )
}

pub(super) fn briefing(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let briefing = r.facts.briefing(id).ok_or_else(|| missing(job))?;
    r.page(
        "briefing.html",
        job,
        view! {
            "page_title" => briefing.meta.title.as_str(),
            "section" => "briefings",
            "breadcrumbs" => crumbs(r, &[("Briefings", r.links.to(&Job::Briefings))]),
            "briefing" => r.briefing(briefing),
        },
    )
}

pub(super) fn page(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let page = r
        .facts
        .site
        .pages
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| missing(job))?;
    r.page(
        "page.html",
        job,
        view! {
            "page_title" => page.meta.title.as_str(),
            "description" => page.meta.description.as_deref(),
            "breadcrumbs" => crumbs(r, &[]),
            "page" => view! { "title" => page.meta.title.as_str(), "body" => r.markdown(&page.body, 2, &page.meta.title) },
        },
    )
}

/// The briefings, newest first; those of a day in id order.
pub(super) fn newest_first(site: &Site) -> Vec<&Briefing> {
    let mut briefings: Vec<_> = site.briefings.iter().collect();
    briefings.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then_with(|| a.id.cmp(&b.id)));
    briefings
}

impl Renderer<'_, '_> {
    /// A briefing as the templates see it, on its page and on the dashboard.
    pub(super) fn briefing(&self, briefing: &Briefing) -> Value {
        let meta = &briefing.meta;
        let cycle = meta.cycle.as_ref().and_then(|id| self.facts.cycle(id));
        view! {
            "title" => meta.title.as_str(),
            "date" => printed_date(Some(meta.date), meta.estimated),
            "meeting" => meta.meeting.as_deref(),
            "author" => meta.author.as_deref(),
            "details" => list(meta.details.iter().map(|(label, value)| view! { "label" => label.as_str(), "value" => value.as_str() })),
            "plans" => list(meta.plans.iter()
                .filter_map(|id| self.facts.plan(id))
                .map(|p| view! { "title" => p.plan.title.as_str(), "url" => self.links.plan(&p.plan.id) })),
            "cycle" => cycle.map(|c| view! { "label" => c.label(), "url" => self.links.cycle(&c.id) }),
            "body" => self.markdown(&briefing.body, 2, &meta.title),
            "url" => self.links.briefing(&briefing.id),
        }
    }
}

/// What a briefing's page reads (besides what every page reads): the
/// briefing and the plans it is about.
pub(super) fn briefing_reads(facts: &Facts<'_>, id: &str, ids: &mut BTreeSet<String>) {
    ids.insert(id.to_owned());
    if let Some(briefing) = facts.briefing(id) {
        ids.extend(briefing.meta.plans.iter().cloned());
    }
}

/// What a plain page reads (besides what every page reads): itself.
pub(super) fn page_reads(id: &str, ids: &mut BTreeSet<String>) {
    ids.insert(id.to_owned());
}

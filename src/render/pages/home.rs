//! The dashboard: every plan with its RAG summary, what needs attention, and
//! the latest briefings.

use crate::diagnostic::Diagnostic;
use crate::render::jobs::Job;
use crate::render::pages::documents::newest_first;
use crate::render::renderer::Renderer;
use crate::render::view::list;
use crate::view;

pub(super) fn dashboard(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let mut exceptions = Vec::new();
    for plan in &facts.plans {
        let cycle = plan.latest_cycle();
        for action in &plan.actions {
            let state = facts.state(action, cycle);
            if state.overdue || state.is_behind() {
                exceptions.push(r.action(action, cycle, false));
            }
        }
    }
    let briefings = list(
        newest_first(facts.site)
            .iter()
            .take(5)
            .map(|b| r.briefing(b)),
    );
    r.page(
        "index.html",
        job,
        view! {
            "page_title" => "Dashboard",
            "section" => "home",
            "description" => facts.site.config.description.as_deref(),
            "plans" => list(facts.plans.iter().map(|p| r.plan_card(p))),
            "keys" => r.keys(&facts.plans),
            "exceptions" => exceptions,
            "clocks" => r.all_clocks(),
            "briefings" => briefings,
            "open_data" => view! { "actions" => r.links.to(&Job::Tracker) },
            "scorecard" => r.scorecard(&(0..facts.site.indicators.len()).collect::<Vec<_>>(), None),
            "indicators_url" => r.links.path("indicators/"),
        },
    )
}

//! The dashboard: every plan with its headline and the verdicts of the
//! inspections it answers, what needs attention (plan by plan), and the latest
//! briefings.

use crate::diagnostic::Diagnostic;
use crate::render::jobs::Job;
use crate::render::pages::documents::newest_first;
use crate::render::renderer::Renderer;
use crate::render::view::{list, Value};
use crate::view;

pub(super) fn dashboard(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let facts = r.facts;
    // Needs attention, grouped by plan so the plan is named once and the
    // action's own words get the room.
    let mut attention = Vec::new();
    for plan in &facts.plans {
        let cycle = plan.latest_cycle();
        let actions: Vec<Value> = plan
            .actions
            .iter()
            .filter(|action| facts.state(action, cycle).needs_attention())
            .map(|action| r.action(action, cycle, false))
            .collect();
        if !actions.is_empty() {
            attention.push(view! {
                "plan" => r.plan_card(plan),
                "actions" => actions,
            });
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
            "filters" => true,
            "description" => facts.site.config.description.as_deref(),
            "plans" => list(facts.plans.iter().map(|p| r.plan_card(p))),
            "keys" => r.latest_keys(&facts.plans),
            "attention" => attention,
                        "clocks" => r.all_clocks(),
            "briefings" => briefings,
            "open_data" => view! { "actions" => r.links.to(&Job::Tracker) },
            "scorecard" => r.scorecard(&(0..facts.site.indicators.len()).collect::<Vec<_>>(), None),
            "indicators_url" => r.links.to(&Job::Indicators),
        },
    )
}

//! The committee pack: one document per cycle for the committee's agenda. The
//! headline of each plan that reported, then each exception once (behind
//! schedule, at risk, overdue, deadline moved, no update), with the progress
//! and next steps reported, then indicators off target where the site has
//! them. Meant for paper: it prints to a tidy A4 document.

use crate::diagnostic::Diagnostic;
use crate::model::status::Colour;
use crate::render::jobs::Job;
use crate::render::pages::parts::{crumbs, missing};
use crate::render::renderer::{meeting_date, Renderer};
use crate::render::view::{list, with, Value};
use crate::view;

/// Why an action is an exception, in the order the report gives the reasons.
const REASONS: [&str; 5] = [
    "Behind schedule",
    "At risk",
    "Overdue",
    "Deadline moved",
    "No update this cycle",
];

pub(super) fn report(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let cycle = facts.cycle(id).ok_or_else(|| missing(job))?;
    let mut plans = Vec::new();
    for (n, plan) in facts.reporting_at(id).enumerate() {
        let changes = facts.changes(plan, cycle);
        let summary = facts.summary(plan, &plan.actions, Some(cycle));
        let mut exceptions = Vec::new();
        let mut at_risk = 0;
        for action in &plan.actions {
            let state = facts.state(action, Some(cycle));
            let risky = state
                .status
                .is_some_and(|s| !s.done && s.colour == Colour::Amber);
            at_risk += usize::from(risky);
            let is = |list: &[crate::model::plan::ActionRef<'_>]| {
                list.iter().any(|a| std::ptr::eq(a.action, action.action))
            };
            let flags = [
                state.is_behind(),
                risky,
                state.overdue,
                is(&changes.moved),
                is(&changes.no_update),
            ];
            let reasons: Vec<&str> = REASONS
                .iter()
                .zip(flags)
                .filter_map(|(reason, flag)| flag.then_some(*reason))
                .collect();
            if !reasons.is_empty() {
                let view = r.action(action, Some(cycle), false);
                exceptions.push(with(
                    &view,
                    vec![
                        ("reasons", list(reasons.into_iter().map(Value::from))),
                        (
                            "url",
                            Value::from(format!(
                                "{}#{}",
                                r.links.plan_at(&plan.plan.id, &cycle.id),
                                crate::render::links::action_anchor(action.action.id())
                            )),
                        ),
                    ],
                ));
            }
        }
        let since = [
            ("Newly done", changes.newly_done.len()),
            ("Worse", changes.worse.len()),
            ("Better", changes.better.len()),
            ("Newly overdue", changes.newly_overdue.len()),
            ("Deadlines moved", changes.moved.len()),
        ];
        plans.push(view! {
            "key" => format!("report-plan-{}", n + 1),
            "title" => plan.plan.title.as_str(),
            "url" => r.links.plan_at(&plan.plan.id, &cycle.id),
            "address" => r.links.absolute(&r.links.plan_at(&plan.plan.id, &cycle.id)),
            "summary" => Renderer::summary(&summary, &format!("report-rag-{}", n + 1), Some(cycle)),
            "at_risk" => at_risk,
            "previous" => changes.previous.map(crate::model::cycle::Cycle::label),
            "changes" => list(since.iter().map(|(label, count)| view! { "label" => *label, "count" => *count })),
            "exceptions" => exceptions,
        });
    }
    let links = &r.links;
    r.page(
        "report.html",
        job,
        view! {
            "page_title" => format!("Committee report: {}", cycle.label()),
            "section" => "cycles",
            "breadcrumbs" => crumbs(r, &[("Committee cycles", links.to(&Job::Cycles)), (cycle.label().as_str(), links.cycle(&cycle.id))]),
            "cycle" => view! { "meeting" => cycle.meeting.as_str(), "date" => meeting_date(cycle.date), "url" => links.cycle(&cycle.id) },
            "as_of" => view! { "meeting" => cycle.meeting.as_str(), "date" => meeting_date(cycle.date) },
            "plans" => plans,
            // Indicators off target at this cycle: filled when the site has
            // indicators; the template shows the block only when it is not empty.
            "indicators" => list([]),
        },
    )
}

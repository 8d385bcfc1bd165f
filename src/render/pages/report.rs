//! The committee pack: one document per cycle for the committee's agenda. The
//! headline of each plan that reported, then each exception once (an open
//! status that is red or amber in the plan's own key, overdue, deadline
//! moved, no update), with the progress and next steps reported, then
//! indicators off target where the site has them. Statuses are named in the
//! plan's key, never the built-in one's. Meant for paper: it prints to a tidy
//! A4 document.

use crate::diagnostic::Diagnostic;
use crate::model::status::{Colour, Status};
use crate::render::jobs::Job;
use crate::render::pages::parts::{crumbs, missing};
use crate::render::renderer::{meeting_date, Renderer};
use crate::render::view::{list, with, Value};
use crate::view;

/// The statuses whose colour makes an action an exception: open, red or amber.
fn exceptional(status: &Status) -> bool {
    !status.done && matches!(status.colour, Colour::Red | Colour::Amber)
}

pub(super) fn report(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let cycle = facts.cycle(id).ok_or_else(|| missing(job))?;
    let mut plans = Vec::new();
    for (n, plan) in facts.reporting_at(id).enumerate() {
        let changes = facts.changes(plan, cycle);
        let summary = facts.summary(plan, &plan.actions, Some(cycle));
        let mut exceptions = Vec::new();
        for action in &plan.actions {
            let state = facts.state(action, Some(cycle));
            let is = |list: &[crate::model::plan::ActionRef<'_>]| {
                list.iter().any(|a| std::ptr::eq(a.action, action.action))
            };
            // Its status first, in the plan's own words, then what ragtime derives.
            let status = state.status.filter(|s| exceptional(s)).map(Status::rated);
            let reasons: Vec<String> = status
                .into_iter()
                .chain(
                    [
                        (state.overdue, "Overdue"),
                        (is(&changes.moved), "Deadline moved"),
                        (is(&changes.no_update), "No update this cycle"),
                    ]
                    .into_iter()
                    .filter(|(flag, _)| *flag)
                    .map(|(_, reason)| reason.to_owned()),
                )
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
        // Counts only of what the plan's key can say: none of a status where
        // the plan has no key, of done where no status is done, or of
        // anything where the plan lists no actions.
        let keyed = !plan.statuses.is_empty();
        let has_done = plan.statuses.iter().any(|s| s.done);
        let listed = !plan.actions.is_empty();
        let since: Vec<(&str, usize)> = [
            (has_done, "Newly done", changes.newly_done.len()),
            (keyed, "Worse", changes.worse.len()),
            (keyed, "Better", changes.better.len()),
            (keyed, "Newly overdue", changes.newly_overdue.len()),
            (true, "Deadlines moved", changes.moved.len()),
        ]
        .into_iter()
        .filter(|(shown, _, _)| *shown && listed)
        .map(|(_, label, n)| (label, n))
        .collect();
        let mut counts: Vec<(String, usize)> = Vec::new();
        if keyed && listed {
            counts.push(("Overdue".to_owned(), summary.overdue));
            counts.extend(
                plan.statuses
                    .iter()
                    .filter(|s| exceptional(s))
                    .map(|s| (s.rated(), summary.count(&s.id))),
            );
        }
        if listed {
            counts.push(("Exceptions listed below".to_owned(), exceptions.len()));
        }
        plans.push(view! {
            "key" => format!("report-plan-{}", n + 1),
            "title" => plan.plan.title.as_str(),
            "url" => r.links.plan_at(&plan.plan.id, &cycle.id),
            "address" => r.links.absolute(&r.links.plan_at(&plan.plan.id, &cycle.id)),
            "summary" => Renderer::summary(&summary, &format!("report-rag-{}", n + 1), Some(cycle)),
            "counts" => list(counts.iter().map(|(label, count)| view! { "label" => label.as_str(), "count" => *count })),
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

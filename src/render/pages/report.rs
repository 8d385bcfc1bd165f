//! The committee pack: one document per cycle for the committee's agenda. The
//! headline of each plan that reported, then each exception once (an open
//! status that is red or amber in the plan's own key, overdue, deadline
//! moved, no update), with the progress and next steps reported, then
//! indicators off target where the site has them. Statuses are named in the
//! plan's key, never the built-in one's. Meant for paper: it prints to a tidy
//! A4 document.

use crate::derive::{Organisations, PlanFacts};
use crate::diagnostic::Diagnostic;
use crate::model::cycle::Cycle;
use crate::model::status::{Colour, Status};
use crate::render::fragments::plan::action_name;
use crate::render::jobs::Job;
use crate::render::pages::parts::{crumbs, missing};
use crate::render::renderer::{as_of, date, meeting_date, Renderer};
use crate::render::view::{list, with, Value};
use crate::view;

/// The statuses whose colour makes an action an exception: open, red or amber.
fn exceptional(status: &Status) -> bool {
    !status.done && matches!(status.colour, Colour::Red | Colour::Amber)
}

/// What a report says of a plan with actions and no exceptions: exactly what
/// holds. That no action is red, amber or overdue only of the actions with a
/// status; that a deadline did not move only where there is a previous report
/// to compare with; that every action was reported on only where each was
/// (`reported`: `Some(true)` every action, `Some(false)` every one not done,
/// `None` some open action was not, which the report lists on its own).
fn all_clear(
    keyed: bool,
    rated: usize,
    total: usize,
    compared: bool,
    reported: Option<bool>,
) -> String {
    let moved = if compared {
        ", no deadline was moved"
    } else {
        ""
    };
    let on = match reported {
        Some(true) => "every action was reported on at this meeting",
        Some(false) => "every action not yet done was reported on at this meeting",
        None => "",
    };
    if keyed && rated == total {
        let status = "no action is open and red or amber in the plan's key, none is overdue";
        return if reported.is_some() {
            format!("No exceptions: {status}{moved} and {on}.")
        } else {
            format!("No exceptions by status: {status}{moved}.")
        };
    }
    let status = if !keyed {
        "The paper gives no statuses, so no action is listed for its status or as overdue"
            .to_owned()
    } else if rated == 0 {
        "No action has a status at this meeting, so none is listed for its status or as overdue"
            .to_owned()
    } else {
        let noun = if rated == 1 { "action" } else { "actions" };
        format!(
            "Of the {rated} {noun} with a status, none is open and red or amber in the plan's key; none is overdue"
        )
    };
    if on.is_empty() {
        format!("{status}{moved}.")
    } else {
        // A sentence of its own: "Every action ...".
        format!("{status}{moved}. {}{}.", on[..1].to_uppercase(), &on[1..])
    }
}

/// The committee pack of a cycle: of every plan reporting at it, or, where
/// plans of several organisations report, of one organisation's (`only`, its
/// slug), with the cycle's own report page listing the organisations' packs.
pub(super) fn report(
    r: &Renderer<'_, '_>,
    job: &Job,
    id: &str,
    only: Option<&str>,
) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let cycle = facts.cycle(id).ok_or_else(|| missing(job))?;
    let organisations = facts.reporting_organisations(id);
    let (organisation, reporting): (Option<&str>, Vec<&PlanFacts<'_>>) = match only {
        Some(slug) => {
            let (name, plans) = organisations.get(slug).ok_or_else(|| missing(job))?;
            (
                Some(*name),
                plans.iter().map(|&i| &facts.plans[i]).collect(),
            )
        }
        None if organisations.len() > 1 => return several(r, job, cycle, &organisations),
        None => (None, facts.reporting_at(id).collect()),
    };
    let mut plans = Vec::new();
    // Whether any plan lists actions, so has exceptions to look for.
    let mut listing = false;
    for (n, plan) in reporting.into_iter().enumerate() {
        let changes = facts.changes(plan, cycle);
        let summary = facts.summary(plan, &plan.actions, Some(cycle));
        let mut exceptions = Vec::new();
        // Open actions with nothing reported at this meeting and not listed
        // as exceptions (on a plan's first report there is no "no update"):
        // said with the reason given, never passed over as reported on.
        let mut unreported = Vec::new();
        let mut rated = 0;
        let mut all_updated = true;
        for action in &plan.actions {
            let state = facts.state(action, Some(cycle));
            // Progress reported through the action's steps is a report on it too.
            let by_steps = action
                .action
                .steps
                .iter()
                .flat_map(|s| s.updates.iter())
                .any(|u| u.cycle == cycle.id && u.not_reported.is_none());
            let reported = state.updated_now || by_steps;
            rated += usize::from(state.status.is_some());
            all_updated &= reported;
            let url = Value::from(format!(
                "{}#{}",
                r.links.plan_at(&plan.plan.id, &cycle.id),
                crate::render::links::action_anchor(action.action.id())
            ));
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
                        ("url", url),
                    ],
                ));
            } else if !reported && !state.is_done() {
                unreported.push(view! {
                    "name" => action_name(action),
                    "text" => action.action.text.trim(),
                    "url" => url,
                    "why" => state.not_reported.map_or("no reason is given", str::trim),
                });
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
        listing |= listed;
        let clear = (listed && exceptions.is_empty()).then(|| {
            all_clear(
                keyed,
                rated,
                plan.actions.len(),
                changes.previous.is_some() || changes.since_agreed,
                unreported.is_empty().then_some(all_updated),
            )
        });
        plans.push(view! {
            "key" => format!("report-plan-{}", n + 1),
            "listed" => listed,
            "unreported" => unreported,
            "clear" => clear,
            "title" => plan.plan.title.as_str(),
            "partial" => plan.plan.partial.as_deref().map(str::trim),
            "url" => r.links.plan_at(&plan.plan.id, &cycle.id),
            "address" => r.links.absolute(&r.links.plan_at(&plan.plan.id, &cycle.id)),
            "summary" => Renderer::summary(&summary, &format!("report-rag-{}", n + 1), Some(cycle)),
            "counts" => list(counts.iter().map(|(label, count)| view! { "label" => label.as_str(), "count" => *count })),
            "previous" => changes.previous.map(crate::model::cycle::Cycle::label),
            "since_agreed" => changes.since_agreed,
            "changes" => list(since.iter().map(|(label, count)| view! { "label" => *label, "count" => *count })),
            "exceptions" => exceptions,
        });
    }
    let links = &r.links;
    let report_url = links.to(&Job::Report(cycle.id.clone()));
    let label = cycle.label();
    let mut trail = vec![
        ("Committee cycles", links.to(&Job::Cycles)),
        (label.as_str(), links.cycle(&cycle.id)),
    ];
    if organisation.is_some() {
        trail.push(("Committee reports", report_url));
    }
    r.page(
        "report.html",
        job,
        view! {
            "page_title" => match organisation {
                Some(name) => format!("Committee report: {name}, {}", cycle.label()),
                None => format!("Committee report: {}", cycle.label()),
            },
            "section" => "cycles",
            "breadcrumbs" => crumbs(r, &trail),
            "organisation" => organisation,
            "cycle" => view! { "meeting" => cycle.meeting_name(), "date" => meeting_date(cycle.date), "url" => links.cycle(&cycle.id) },
            "as_of" => as_of(cycle),
            // The header a committee paper carries: its agenda item, author and date, where given.
            "paper" => view! {
                "agenda_item" => cycle.agenda_item.as_deref().map(str::trim),
                "author" => cycle.author.as_deref().or_else(|| r.facts.site.config.report.as_ref().and_then(|s| s.author.as_deref())).map(str::trim),
                "date" => cycle.paper_date.map_or_else(Value::none, date),
            },
            "plans" => plans,
            "listing" => listing,
            // Indicators off target at this cycle: filled when the site has
            // indicators; the template shows the block only when it is not empty.
            "indicators" => list([]),
        },
    )
}

/// The report page of a cycle that plans of several organisations report
/// at: each organisation's pack, with how many of its plans reported.
fn several(
    r: &Renderer<'_, '_>,
    job: &Job,
    cycle: &Cycle,
    organisations: &Organisations<'_>,
) -> Result<String, Diagnostic> {
    let links = &r.links;
    let packs = organisations.iter().map(|(slug, (name, plans))| {
        view! {
            "name" => *name,
            "url" => links.to(&Job::ReportFor(cycle.id.clone(), slug.clone())),
            "plans" => plans.len(),
        }
    });
    r.page(
        "report.html",
        job,
        view! {
            "page_title" => format!("Committee reports: {}", cycle.label()),
            "section" => "cycles",
            "breadcrumbs" => crumbs(r, &[("Committee cycles", links.to(&Job::Cycles)), (cycle.label().as_str(), links.cycle(&cycle.id))]),
            "cycle" => view! { "meeting" => cycle.meeting_name(), "date" => meeting_date(cycle.date), "url" => links.cycle(&cycle.id) },
            "as_of" => as_of(cycle),
            "organisations" => list(packs),
            "plans" => list([]),
            "listing" => false,
            "indicators" => list([]),
        },
    )
}

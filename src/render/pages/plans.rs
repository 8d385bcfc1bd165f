//! The list of plans (with many plans of several organisations, a line each
//! under its organisation), each plan as of its latest report (its standing first),
//! its page of earlier updates, and each plan as reported at each of its
//! cycles (a stable address; the latest one's canonical is the plan's page).

use crate::derive::{Facts, Organisations, PlanFacts};
use crate::diagnostic::Diagnostic;
use crate::load::BASELINES;
use crate::model::cycle::Cycle;
use crate::model::references::Ref;
use crate::render::fragments::plan::action_name;
use crate::render::jobs::{has_history, has_trend, Job, DASHBOARD_PLANS};
use crate::render::links::{action_anchor, Links};
use crate::render::pages::parts::{colours, crumbs, missing, plan, plan_crumbs};
use crate::render::renderer::{as_of, meeting_date, Renderer};
use crate::render::view::{list, Value};
use crate::view;
use std::collections::BTreeSet;

pub(super) fn index(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let organisations = r.facts.organisations();
    // Many plans of several organisations: a line each, by organisation, so
    // the list stays a readable size; the cards are on each one's page.
    if organisations.len() > 1 && r.facts.plans.len() > DASHBOARD_PLANS {
        return by_organisation(r, job, &organisations);
    }
    r.page(
        "plans.html",
        job,
        view! {
            "page_title" => "Plans",
            "section" => "plans",
            "breadcrumbs" => crumbs(r, &[]),
            "plans" => list(r.facts.plans.iter().map(|p| r.plan_card(p))),
            "keys" => r.latest_keys(&r.facts.plans),
        },
    )
}

/// Every plan in a line under its organisation (A to Z), most in need of
/// attention first: its actions by colour and overdue as of its latest report.
fn by_organisation(
    r: &Renderer<'_, '_>,
    job: &Job,
    organisations: &Organisations<'_>,
) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let mut ordered: Vec<_> = organisations.iter().collect();
    ordered.sort_by_cached_key(|(slug, (name, _))| (name.to_lowercase(), *slug));
    let groups = list(ordered.into_iter().map(|(slug, (name, plans))| {
        let rows = facts
            .by_need(plans.iter().copied())
            .into_iter()
            .map(|(i, _)| {
                let plan = &facts.plans[i];
                let cycle = plan.latest_cycle();
                let summary = facts.summary(plan, &plan.actions, cycle);
                view! {
                    "title" => plan.plan.title.as_str(),
                    "url" => r.links.plan(&plan.plan.id),
                    "partial" => plan.plan.partial.is_some(),
                    "as_of" => cycle.map(Cycle::as_of_label),
                    "actions" => summary.total,
                    "colours" => colours(&summary),
                    "not_rated" => summary.not_rated,
                    "no_update" => summary.no_update,
                    "overdue" => summary.overdue,
                }
            });
        view! {
            "name" => *name,
            "url" => r.links.to(&Job::Organisation(slug.clone())),
            "plans" => list(rows),
        }
    }));
    r.page(
        "plan_rows.html",
        job,
        view! {
            "page_title" => "Plans",
            "section" => "plans",
            "breadcrumbs" => crumbs(r, &[]),
            "total" => facts.plans.len(),
            "groups" => groups,
        },
    )
}

pub(super) fn latest(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let plan = plan(r.facts, job, id)?;
    let at = plan.latest_cycle();
    let summary = r.facts.summary(plan, &plan.actions, at);
    r.page(
        "plan.html",
        job,
        view! {
            "page_title" => plan.plan.title.as_str(),
            "section" => "plans",
            "filters" => true,
            "breadcrumbs" => crumbs(r, &[("Plans", r.links.to(&Job::Plans))]),
            "plan" => r.plan(plan, at, true),
            // Its history shows each action at every report; steps at the latest.
            "keys" => r.keys([(plan, r.shows_unrated(&plan.actions, at, true)
                || plan.cycles.iter().any(|&c| r.shows_unrated(&plan.actions, Some(c), false)))]),
            "summary" => Renderer::summary(&summary, "rag-plan", at),
            "as_of" => at.map(as_of),
            "changes" => at.map(|c| r.changes(plan, c, true)),
            // Progress over time is on the history page, linked from the jump links.
            "trend_url" => has_trend(plan).then(|| Links::relative(&r.links.plan(id), &format!("{}#trend", r.links.to(&Job::History(id.to_owned()))))),
            "scorecard" => r.scorecard(r.facts.indicators.of_plan(id), None),
            "clocks" => r.clocks_of(&plan.plan.clocks, None),
            "change_log" => r.change_log(plan),
            "dated" => dated(r, plan, at),
            "latest_changes" => at.map(|c| status_changes(r, plan, c)),
            "next_meeting" => at.and_then(|c| next_meeting(r, c)),
            // Beside the page, and linked from every action with earlier updates: a short link.
            "history_url" => has_history(r.facts, plan).then(|| Links::relative(&r.links.plan(id), &r.links.to(&Job::History(id.to_owned())))),
            "web_teams" => r.links.to(&Job::EmbedCode(id.to_owned())),
        },
    )
}

pub(super) fn at_cycle(
    r: &Renderer<'_, '_>,
    job: &Job,
    id: &str,
    cycle: &str,
) -> Result<String, Diagnostic> {
    let plan = plan(r.facts, job, id)?;
    let cycle = plan
        .cycles
        .iter()
        .copied()
        .find(|c| c.id == cycle)
        .ok_or_else(|| missing(job))?;
    let summary = r.facts.summary(plan, &plan.actions, Some(cycle));
    let links = &r.links;
    r.page(
        "plan.html",
        job,
        view! {
            "page_title" => format!("{} – {}", plan.plan.title, cycle.label()),
            "section" => "plans",
            "filters" => true,
            "breadcrumbs" => plan_crumbs(r, &plan.plan.title, id),
            "plan" => r.plan(plan, Some(cycle), false),
            "keys" => r.keys([(plan, r.shows_unrated(&plan.actions, Some(cycle), true))]),
            "summary" => Renderer::summary(&summary, "rag-plan", Some(cycle)),
            "as_of" => as_of(cycle),
            "changes" => r.changes(plan, cycle, true),
            "trend_url" => Value::none(),
            "clocks" => r.clocks_of(&plan.plan.clocks, None),
            // Says nothing about later reports, so the page never changes once published.
            "cycle_note" => format!("This is the plan as reported to {} {}.", cycle.meeting_name(), cycle.date.on()),
            "latest_url" => links.plan(id),
            "dated" => dated(r, plan, Some(cycle)),
            "latest_changes" => status_changes(r, plan, cycle),
            "next_meeting" => Value::none(),
            "history_url" => Value::none(),
            "web_teams" => Value::none(),
            // The figures as reported by this meeting, so the page never changes once published.
            "scorecard" => r.scorecard(r.facts.indicators.of_plan(id), r.facts.cycle_order.get(cycle.id.as_str()).copied()),
            // The latest report is the plan's page: one address for search engines.
            "canonical" => if plan.latest_cycle().is_some_and(|l| l.id == cycle.id) {
                Value::from(links.absolute(&links.plan(id)))
            } else {
                Value::from(links.absolute(&links.to(job)))
            },
        },
    )
}

/// Each action's updates before its current one, which the plan's page shows.
pub(super) fn history(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let plan = plan(r.facts, job, id)?;
    let at = plan.latest_cycle();
    let links = &r.links;
    r.page(
        "history.html",
        job,
        view! {
            "page_title" => format!("Earlier updates: {}", plan.plan.title),
            "section" => "plans",
            "breadcrumbs" => plan_crumbs(r, &plan.plan.title, id),
            "plan" => view! {
                "title" => plan.plan.title.as_str(),
                "url" => links.plan(id),
                "has_statuses" => !plan.statuses.is_empty(),
            },
            "as_of" => at.map(as_of),
            "trend" => if has_trend(plan) { r.trend(plan, &links.to(job)) } else { list([]) },
            "actions" => list(plan.actions.iter().filter_map(|a| r.action_history(a, at))),
        },
    )
}

/// Whether any action has a due date as of `at`: only then is "Overdue: 0" worth saying.
fn dated(r: &Renderer<'_, '_>, plan: &PlanFacts<'_>, at: Option<&Cycle>) -> bool {
    plan.actions
        .iter()
        .any(|a| r.facts.state(a, at).due.is_some())
}

/// How many actions are named in each kind of change on the first screen;
/// the section "What changed at this meeting" lists them all.
const NAMED: usize = 5;

/// The changes of status at a meeting, for the first screen: each kind with
/// its count and the first actions it names (linked on the same page).
fn status_changes(r: &Renderer<'_, '_>, plan: &PlanFacts<'_>, cycle: &Cycle) -> Value {
    let changes = r.facts.changes(plan, cycle);
    list(
        [
            ("newly-done", &changes.newly_done),
            ("worse", &changes.worse),
            ("better", &changes.better),
            ("newly-overdue", &changes.newly_overdue),
        ]
        .into_iter()
        .filter(|(_, actions)| !actions.is_empty())
        .map(|(id, actions)| {
            view! {
                "id" => id,
                "count" => actions.len(),
                "actions" => list(actions.iter().take(NAMED).map(|a| view! {
                    "id" => action_anchor(a.action.id()),
                    "name" => action_name(a),
                })),
                "more" => actions.len().saturating_sub(NAMED),
            }
        }),
    )
}

/// The next meeting of the committee a plan last reported to, where the
/// site's cycles list one after it (never guessed from the clock).
fn next_meeting(r: &Renderer<'_, '_>, latest: &Cycle) -> Option<Value> {
    r.facts
        .site
        .cycles
        .iter()
        .filter(|c| c.meeting.trim() == latest.meeting.trim() && c.date > latest.date)
        .min_by_key(|c| c.date)
        .map(|c| view! { "meeting" => c.meeting_name(), "date" => meeting_date(c.date) })
}

/// What a plan's pages and files read (besides what every page reads): the
/// plan, the briefings about it, the indicators and findings its actions
/// name, its baselines and the plans its actions carry over from.
pub(super) fn reads(facts: &Facts<'_>, id: &str, ids: &mut BTreeSet<String>) {
    let site = facts.site;
    ids.insert(id.to_owned());
    ids.extend(facts.briefings_about(id).map(|b| b.id.clone()));
    // The scorecard of the indicators its actions name.
    ids.extend(
        facts
            .indicators
            .of_plan(id)
            .iter()
            .map(|&i| site.indicators[i].id.clone()),
    );
    // Its change log compares it with its baselines.
    // (A range of the sorted ids, not a scan: every page of every plan asks.)
    let prefix = format!("{BASELINES}/{id}");
    ids.extend(
        site.fingerprints
            .range::<str, _>((
                std::ops::Bound::Included(prefix.as_str()),
                std::ops::Bound::Unbounded,
            ))
            .map(|(k, _)| k)
            .take_while(|k| k.starts_with(&prefix))
            .cloned(),
    );
    if let Some(plan) = facts.plan(id) {
        ids.extend(plan.plan.responds_to.iter().cloned());
        for action in &plan.actions {
            ids.extend(action.findings().map(|f| Ref::parse(f).document.to_owned()));
            // The earlier plans its actions carry over from.
            ids.extend(facts.carried_over(action).iter().map(|b| b.plan.id.clone()));
        }
    }
}

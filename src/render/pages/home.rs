//! The dashboard. It answers first: what is overdue and what is red across
//! every plan (naming the plans), what changed at the latest meeting, and the
//! date of the latest progress in the content. Then the plans most in need
//! of attention as cards in their own words, what needs attention in them,
//! the indicators, and the latest briefings. Its size is bounded: at most
//! [`DASHBOARD_PLANS`] plans, a few rows of each, a few indicators; with more
//! plans, every organisation has a page of its own (`organisations.rs`).

use crate::derive::indicators::{series, Standing};
use crate::derive::{Latest, Need};
use crate::diagnostic::Diagnostic;
use crate::render::jobs::{Job, DASHBOARD_PLANS};
use crate::render::pages::documents::newest_first;
use crate::render::pages::parts::colours;
use crate::render::renderer::{about, meeting_date, Renderer};
use crate::render::view::{list, Value};
use crate::view;
use std::cmp::Reverse;

/// Plans named in a sentence of the summary ("in A, B and 3 more plans").
const NAMED: usize = 5;
/// Actions listed under one plan in "Needs attention".
const ROWS_PER_PLAN: usize = 10;
/// Actions listed in "Needs attention" in all.
const ROWS: usize = 60;
/// Indicators in the dashboard's scorecard.
const INDICATORS: usize = 10;

pub(super) fn dashboard(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let facts = r.facts;
    let ordered = facts.by_need(0..facts.plans.len());
    let shown = &ordered[..ordered.len().min(DASHBOARD_PLANS)];
    let briefings = list(
        newest_first(facts.site)
            .iter()
            .take(5)
            .map(|b| r.briefing(b)),
    );
    let cut = ordered.len() > shown.len();
    r.page(
        "index.html",
        job,
        view! {
            "page_title" => "Dashboard",
            "section" => "home",
            "filters" => true,
            "description" => facts.site.config.description.as_deref().unwrap_or(&facts.site.config.title),
            "glance" => glance(r, &ordered),
            "latest" => latest(r),
            "meeting" => latest_meeting(r),
            "plans" => list(shown.iter().map(|&(i, _)| r.plan_card(&facts.plans[i]))),
            "all_plans" => cut.then(|| view! {
                "shown" => shown.len(),
                "total" => ordered.len(),
                "url" => r.links.to(&Job::Organisations),
            }),
            "keys" => r.keys(shown.iter().map(|&(i, _)| {
                let plan = &facts.plans[i];
                (plan, r.shows_unrated(&plan.actions, plan.latest_cycle(), false))
            })),
            "attention" => attention(r, shown),
            "clocks" => r.all_clocks(),
            "briefings" => briefings,
            "open_data" => view! { "actions" => r.links.to(&Job::Tracker) },
            "scorecard" => r.scorecard(&indicators(r), None),
            "indicators_total" => facts.site.indicators.len(),
            "indicators_url" => r.links.to(&Job::Indicators),
        },
    )
}

/// Every plan's actions by colour and overdue, and the plans that hold what
/// is overdue and what is red, named in order of need.
fn glance(r: &Renderer<'_, '_>, ordered: &[(usize, Need)]) -> Value {
    let facts = r.facts;
    let total = facts.by_colour();
    let named = |count: fn(&Need) -> usize| {
        // By position in `ordered`: the most first, then in order of need.
        let mut holding: Vec<(usize, usize)> = ordered
            .iter()
            .enumerate()
            .filter(|(_, (_, need))| count(need) > 0)
            .map(|(rank, (_, need))| (count(need), rank))
            .collect();
        holding.sort_by_key(|&(n, rank)| (Reverse(n), rank));
        let plans = list(holding.iter().take(NAMED).map(|&(n, rank)| {
            let plan = &facts.plans[ordered[rank].0];
            view! {
                "title" => plan.plan.title.as_str(),
                "url" => r.links.plan(&plan.plan.id),
                "count" => n,
            }
        }));
        view! {
            "count" => holding.iter().map(|&(n, _)| n).sum::<usize>(),
            "plans" => plans,
            "more" => holding.len().saturating_sub(NAMED),
            "more_count" => holding.iter().skip(NAMED).map(|&(n, _)| n).sum::<usize>(),
        }
    };
    view! {
        "plans" => facts.plans.len(),
        "actions" => total.total,
        "overdue" => named(|need| need.overdue),
        "red" => named(|need| need.red),
        "amber" => ordered.iter().map(|(_, need)| need.amber).sum::<usize>(),
        "colours" => colours(&total),
        "partial" => facts.plans.iter().filter(|p| p.plan.partial.is_some()).count(),
        "not_rated" => total.not_rated,
        "no_update" => total.no_update,
    }
}

/// The newest progress the content gives: "Latest progress: 15 August 2013".
fn latest(r: &Renderer<'_, '_>) -> Value {
    match r.facts.latest_progress() {
        Some(Latest::Meeting(cycle)) => view! {
            "date" => meeting_date(cycle.date),
            "what" => cycle.meeting_name(),
            "url" => r.links.cycle(&cycle.id),
        },
        Some(Latest::Briefing(briefing)) => view! {
            "date" => view! {
                "iso" => briefing.meta.date.to_string(),
                "text" => about(briefing.meta.date.long(), briefing.meta.estimated),
            },
            "what" => briefing.meta.title.as_str(),
            "url" => r.links.briefing(&briefing.id),
        },
        None => Value::none(),
    }
}

/// What changed at the latest meeting plans reported to: how many actions
/// changed status, and the plans with the most changes, named.
fn latest_meeting(r: &Renderer<'_, '_>) -> Value {
    let facts = r.facts;
    let Some(cycle) = facts.latest_report() else {
        return Value::none();
    };
    let (mut done, mut worse, mut better, mut overdue) = (0, 0, 0, 0);
    let mut plans: Vec<(usize, bool, &crate::derive::PlanFacts<'_>)> = Vec::new();
    for plan in facts.reporting_at(&cycle.id) {
        let since = facts.changes(plan, cycle);
        let changed = since.newly_done.len() + since.worse.len() + since.better.len();
        done += since.newly_done.len();
        worse += since.worse.len();
        better += since.better.len();
        overdue += since.newly_overdue.len();
        let first = since.previous.is_none() && !since.since_agreed;
        plans.push((changed, first, plan));
    }
    let reported = plans.len();
    // The plans with the most changes first; the rest keep the site's order.
    plans.sort_by_key(|&(changed, _, _)| Reverse(changed));
    view! {
        "label" => cycle.label(),
        "url" => r.links.cycle(&cycle.id),
        "reported" => reported,
        "changed" => done + worse + better,
        "done" => done,
        "worse" => worse,
        "better" => better,
        "overdue" => overdue,
        "plans" => list(plans.iter().take(NAMED).map(|&(changed, first, plan)| view! {
            "title" => plan.plan.title.as_str(),
            "url" => r.links.plan_at(&plan.plan.id, &cycle.id),
            "changed" => changed,
            "first" => first,
        })),
        "more" => reported.saturating_sub(NAMED),
    }
}

/// "Needs attention" for the plans shown, in their order: each plan's open
/// red or amber actions and overdue ones, overdue first, then red, then
/// amber; a few of each plan, and a few in all, with how many there are.
fn attention(r: &Renderer<'_, '_>, shown: &[(usize, Need)]) -> Value {
    let facts = r.facts;
    let mut left = ROWS;
    let mut groups = Vec::new();
    for &(i, _) in shown {
        let plan = &facts.plans[i];
        let cycle = plan.latest_cycle();
        let mut needing: Vec<_> = plan
            .actions
            .iter()
            .filter_map(|action| {
                let state = facts.state(action, cycle);
                state.needs_attention().then(|| {
                    let red = state.is_behind();
                    (Reverse(state.overdue), Reverse(red), action)
                })
            })
            .collect();
        if needing.is_empty() {
            continue;
        }
        needing.sort_by_key(|&(overdue, red, _)| (overdue, red));
        let take = needing.len().min(ROWS_PER_PLAN).min(left);
        left -= take;
        groups.push(view! {
            "plan" => r.plan_card(plan),
            "count" => needing.len(),
            "actions" => list(needing.iter().take(take).map(|&(_, _, action)| r.action(action, cycle, false))),
        });
    }
    list(groups)
}

/// The indicators the dashboard's scorecard shows, by position: every one
/// when there are few; otherwise those off target first, then those within
/// tolerance, then the rest, each in the site's order.
fn indicators(r: &Renderer<'_, '_>) -> Vec<usize> {
    let all = &r.facts.site.indicators;
    let mut positions: Vec<usize> = (0..all.len()).collect();
    if all.len() > INDICATORS {
        positions.sort_by_cached_key(|&i| {
            match series(&all[i], None).last().and_then(|p| p.standing) {
                Some(Standing::OffTarget) => 0,
                Some(Standing::WithinTolerance) => 1,
                _ => 2,
            }
        });
        positions.truncate(INDICATORS);
    }
    positions
}

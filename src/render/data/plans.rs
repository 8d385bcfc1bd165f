//! Open data beside each plan: JSON with every field and the derived status, and
//! CSV with one row per action that opens cleanly in a spreadsheet.

use crate::derive::{Facts, PlanFacts};
use crate::model::plan::Plan;
use crate::render::fragments::plan::{action_label, status_words};
use serde::Serialize;

/// `plans/<id>.json`: the plan as written, and each action's status as of its latest report.
pub(crate) fn plan_json(facts: &Facts<'_>, plan: &PlanFacts<'_>) -> String {
    let cycle = plan.latest_cycle();
    let derived = plan
        .actions
        .iter()
        .map(|a| {
            let state = facts.state(a, cycle);
            Derived {
                id: a.action.id(),
                label: action_label(a),
                section: a.section.map(crate::model::plan::Section::id),
                recommendation: a.recommendation.map(|r| r.id.as_str()),
                status: state.status.map(|s| s.id.as_str()),
                status_label: status_words(&state, plan),
                status_given_at: state.status_cycle,
                status_from_steps: state.from_steps.map(crate::derive::FromSteps::words),
                carried: state.is_carried(cycle),
                not_reported: state.not_reported,
                done: state.is_done(),
                due: state.due.map(|d| d.to_string()),
                due_moves: state.moves,
                overdue: state.overdue,
                latest_cycle: state.update.map(|u| u.cycle.as_str()),
                rated_by: state.rated_by,
                confirmed: state.confirmed,
            }
        })
        .collect();
    let summary = facts.summary(plan, &plan.actions, cycle);
    let data = PlanData {
        plan: plan.plan,
        as_of: cycle.map(|c| AsOf {
            cycle: &c.id,
            date: c.date.to_string(),
            as_at: c.as_of.map(|d| d.to_string()),
            meeting: &c.meeting,
        }),
        summary: SummaryData {
            total: summary.total,
            done: summary.done,
            percent_done: summary.percent_done(),
            overdue: summary.overdue,
            not_rated: summary.not_rated,
            no_update: summary.no_update,
            counting: summary.counting,
            reported_done: summary.reported_done,
            confirmed_done: summary.confirmed_done,
            by_status: summary
                .counts
                .iter()
                .map(|count| StatusCount {
                    status: count.id,
                    count: count.n,
                })
                .collect(),
        },
        derived,
        clocks: plan
            .plan
            .clocks
            .iter()
            .map(|c| ClockData::of(&facts.clock(c, None)))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&data).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON file, written straight from the content (no intermediate tree).
#[derive(Serialize)]
struct PlanData<'a> {
    plan: &'a Plan,
    as_of: Option<AsOf<'a>>,
    summary: SummaryData<'a>,
    derived: Vec<Derived<'a>>,
    /// Each clock of the plan, judged as of the site's latest cycle.
    clocks: Vec<ClockData<'a>>,
}

/// A clock's derived facts: its due date (`None`: not known) and standing.
#[derive(Serialize)]
struct ClockData<'a> {
    id: &'a str,
    /// `YYYY-MM-DD`, or `YYYY-MM` where only the month is known.
    due: Option<String>,
    /// The paper estimates the due date, or it is reckoned from a month.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    due_estimated: bool,
    given: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    given_estimated: bool,
    /// met, met-late, given, overdue, open, open-due-not-known.
    standing: &'static str,
    /// Days late (met late, where both dates are days) or overdue (open).
    days_late: Option<i64>,
    as_of: Option<&'a str>,
}

impl<'a> ClockData<'a> {
    fn of(state: &crate::derive::clocks::ClockState<'a>) -> ClockData<'a> {
        use crate::derive::clocks::Standing;
        ClockData {
            id: &state.clock.id,
            due: state.due.map(|d| d.date.to_string()),
            due_estimated: state.due.is_some_and(|d| d.estimated),
            given: state.given.map(|d| d.date.to_string()),
            given_estimated: state.given.is_some_and(|d| d.estimated),
            standing: state.standing.id(),
            days_late: match state.standing {
                Standing::MetLate(n) => n,
                Standing::Overdue(n) => Some(n),
                _ => None,
            },
            as_of: state.as_of.map(|c| c.id.as_str()),
        }
    }
}

#[derive(Serialize)]
struct AsOf<'a> {
    cycle: &'a str,
    date: String,
    /// The date progress is reported as at, where the paper gives one before the meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    as_at: Option<String>,
    meeting: &'a str,
}

#[derive(Serialize)]
struct SummaryData<'a> {
    total: usize,
    done: usize,
    percent_done: usize,
    overdue: usize,
    not_rated: usize,
    no_update: usize,
    /// What `done` counts: completion as reported, or as confirmed.
    counting: Option<crate::model::plan::Completion>,
    reported_done: usize,
    confirmed_done: usize,
    by_status: Vec<StatusCount<'a>>,
}

#[derive(Serialize)]
struct StatusCount<'a> {
    status: &'a str,
    count: usize,
}

/// An action's derived facts as of the plan's latest report.
#[derive(Serialize)]
struct Derived<'a> {
    id: &'a str,
    /// How pages name it: its number as printed, its own id, or its place.
    label: String,
    section: Option<&'a str>,
    recommendation: Option<&'a str>,
    status: Option<&'a str>,
    /// The status's label, or what pages say instead ("Not rated", "No update yet").
    status_label: Option<&'a str>,
    /// The cycle whose update gave the status.
    status_given_at: Option<&'a str>,
    /// How the status was read from the action's steps, when its own row
    /// gives none: "from its 3 steps".
    #[serde(skip_serializing_if = "Option::is_none")]
    status_from_steps: Option<String>,
    /// Whether the status is carried from an earlier report.
    carried: bool,
    /// Why nothing was reported at the latest report, as the plan says.
    not_reported: Option<&'a str>,
    done: bool,
    due: Option<String>,
    due_moves: usize,
    overdue: bool,
    latest_cycle: Option<&'a str>,
    /// Who set the status in force.
    rated_by: Option<&'a str>,
    /// The committee's confirmation of completion: its cycle and minute.
    confirmed: Option<&'a crate::model::plan::Confirmed>,
}

const CSV_COLUMNS: [&str; 29] = [
    "Plan",
    "Section",
    "Recommendation",
    "Recommendation text",
    "Action",
    "Action text",
    "Owner",
    "Budget",
    "Timescale",
    "Target date",
    "Due",
    "Status",
    "Done",
    "Overdue",
    "As of",
    "Progress",
    "Impact",
    "Success measure",
    "Evidence",
    "Source",
    "Outcome",
    "Findings",
    "Action number",
    "Next steps",
    "Status given at",
    "Not reported",
    "Rated by",
    "Confirmed by the committee at",
    "Minute",
];

/// `plans/<id>.csv`: UTF-8 with a byte-order mark and CRLF line ends, as spreadsheets expect.
pub(crate) fn plan_csv(facts: &Facts<'_>, plan: &PlanFacts<'_>) -> String {
    let cycle = plan.latest_cycle();
    let mut out = String::from("\u{feff}");
    push_row(&mut out, CSV_COLUMNS.iter().map(|c| (*c).to_owned()));
    for a in &plan.actions {
        let state = facts.state(a, cycle);
        let action = a.action;
        let opt = |v: &Option<String>| v.as_deref().unwrap_or_default().trim().to_owned();
        let update = state.update;
        push_row(
            &mut out,
            [
                plan.plan.title.clone(),
                a.section.map(|s| s.title.clone()).unwrap_or_default(),
                a.recommendation.map(|r| r.id.clone()).unwrap_or_default(),
                a.recommendation
                    .and_then(|r| r.text.clone())
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
                action.id().to_owned(),
                action.text.trim().to_owned(),
                action.owner.join("; "),
                opt(&action.budget),
                opt(&action.timescale),
                opt(&action.target),
                state.due.map(|d| d.to_string()).unwrap_or_default(),
                match state.from_steps {
                    // The rule beside the status read from the steps, as pages give it.
                    Some(from) => format!(
                        "{} ({})",
                        status_words(&state, plan).unwrap_or_default(),
                        from.words()
                    ),
                    None => status_words(&state, plan).unwrap_or_default().to_owned(),
                },
                yes_no(state.is_done()),
                yes_no(state.overdue),
                update.map(|u| u.cycle.clone()).unwrap_or_default(),
                update.map(|u| opt(&u.progress)).unwrap_or_default(),
                update.map(|u| opt(&u.impact)).unwrap_or_default(),
                opt(&action.measure),
                opt(&action.evidence),
                opt(&action.source),
                opt(&action.outcome),
                a.findings().cloned().collect::<Vec<_>>().join("; "),
                action.number.clone().unwrap_or_default(),
                update.map(|u| opt(&u.next_steps)).unwrap_or_default(),
                state.status_cycle.unwrap_or_default().to_owned(),
                state.not_reported.unwrap_or_default().trim().to_owned(),
                state.rated_by.unwrap_or_default().trim().to_owned(),
                state.confirmed.map(|c| c.cycle.clone()).unwrap_or_default(),
                state
                    .confirmed
                    .and_then(|c| c.minute.clone())
                    .unwrap_or_default(),
            ],
        );
    }
    out
}

fn yes_no(value: bool) -> String {
    if value { "Yes" } else { "No" }.to_owned()
}

pub(super) fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = cells.into_iter().map(|c| csv_cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Quotes a cell, and defuses text a spreadsheet would run as a formula.
fn csv_cell(value: &str) -> String {
    let value = value.replace("\r\n", "\n");
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_defuses_cells() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("line\r\nbreak"), "\"line\nbreak\"");
    }
}

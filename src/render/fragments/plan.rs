//! The plan's parts as the templates see them: each action as of a cycle
//! (with its steps, and its history on the plan's own page), recommendations,
//! sections, the plan itself, its card in lists, the paper's own summary,
//! and its summary at each cycle.

use crate::derive::{ActionState, PlanFacts};
use crate::model::cycle::Cycle;
use crate::model::plan::{Action, ActionRef, Column, Plan, Report, Step};
use crate::model::status::{NOT_RATED, NO_UPDATE};
use crate::render::jobs::Job;
use crate::render::links::{action_anchor, recommendation_anchor, section_anchor, Links};
use crate::render::renderer::{
    date, meeting_date, optional_date, overall, printed_date, text, ActionKey, Renderer,
};
use crate::render::view::{address, list, with, Value};
use crate::view;
use std::collections::BTreeMap;

/// How pages name an action in its own table: the number the paper prints,
/// else the paper's own id, else its place ("Action 3"); never an id ragtime
/// made up.
pub(crate) fn action_label(action: &ActionRef<'_>) -> String {
    let a = action.action;
    match (&a.number, a.given_id) {
        (Some(number), _) => number.clone(),
        (None, true) => a.id().to_owned(),
        (None, false) => format!("Action {}", action.place.action + 1),
    }
}

/// How pages name an action away from its table (an owner's page, a list of
/// changes): its label, with its recommendation or section when the label is
/// only a place ("R22, action 1").
pub(crate) fn action_name(action: &ActionRef<'_>) -> String {
    let a = action.action;
    if a.number.is_some() || a.given_id {
        return action_label(action);
    }
    let parent = action
        .recommendation
        .map(|r| r.number.as_deref().unwrap_or(&r.id))
        .or_else(|| action.section.and_then(|s| s.number.as_deref()))
        .or_else(|| action.section.map(|s| s.title.as_str()));
    match parent {
        Some(parent) => format!("{}, action {}", parent.trim(), action.place.action + 1),
        None => action_label(action),
    }
}

/// A template value from its fields.
fn map_of(fields: Vec<(&'static str, Value)>) -> Value {
    let mut map = tera::Map::with_capacity(fields.len());
    for (key, value) in fields {
        map.insert(tera::value::Key::Str(key), value);
    }
    Value::from(map)
}

/// What pages say of an action's status: its label, "Not rated" (progress
/// without a status), "No update yet" (nothing reported); nothing in a plan
/// whose paper has no status column.
pub(crate) fn status_words<'s>(state: &ActionState<'s>, plan: &PlanFacts<'s>) -> Option<&'s str> {
    match (state.status, state.is_reported()) {
        (Some(status), _) => Some(status.label.as_str()),
        _ if plan.statuses.is_empty() => None,
        (None, true) => Some(NOT_RATED),
        (None, false) => Some(NO_UPDATE),
    }
}

/// What pages say beside a status read from an action's steps, and how.
pub(crate) fn from_steps_words(state: &ActionState<'_>) -> Option<String> {
    state.from_steps.map(crate::derive::FromSteps::words)
}

/// A column heading as the plan words it, with `{cycle}` made the month of
/// the meeting it speaks of ("Progress {cycle}" → "Progress October 2003").
fn heading(plan: &Plan, column: Column, cycle: Option<&Cycle>) -> String {
    let label = plan.labels.get(column);
    match cycle {
        Some(cycle) if label.contains("{cycle}") => {
            label.replace("{cycle}", &cycle.date.month_text())
        }
        _ => label.replace(" {cycle}", "").replace("{cycle}", ""),
    }
}

impl<'s> Renderer<'_, 's> {
    /// One action as of a cycle, with everything the tables show; with its
    /// history of updates when `history` (the plan's main page has it; snapshots
    /// and summaries link there).
    ///
    /// Without history, an action looks the same at every cycle at which its
    /// latest update, overdue flag and carried status are the same, so it is
    /// built once per such state and shared by every page that shows it.
    pub(crate) fn action(
        &self,
        action: &ActionRef<'s>,
        cycle: Option<&Cycle>,
        history: bool,
    ) -> Value {
        let state: ActionState = self.facts.state(action, cycle);
        if history || !action.action.steps.is_empty() {
            return self.action_view(action, cycle, &state, history);
        }
        let key = ActionKey {
            action: address(action.action),
            update: state.update.map_or(0, address),
            overdue: state.overdue,
            updated_now: state.updated_now,
            carried: state.is_carried(cycle),
            not_reported: state.not_reported.map_or(0, |r| r.as_ptr() as usize),
            confirmed: state.confirmed.map_or(0, address),
        };
        self.actions
            .get_or(key, || self.action_view(action, cycle, &state, false))
    }

    fn action_view(
        &self,
        action: &ActionRef<'s>,
        cycle: Option<&Cycle>,
        state: &ActionState<'s>,
        history: bool,
    ) -> Value {
        let a = action.action;
        let plan = action.plan;
        let labels = &plan.labels;
        let mut details = Vec::new();
        for (key, value) in [
            (Column::Measure, &a.measure),
            (Column::Evidence, &a.evidence),
            (Column::Source, &a.source),
            (Column::Outcome, &a.outcome),
        ] {
            if let Some(value) = value {
                details.push(view! { "label" => labels.get(key), "value" => value.trim() });
            }
        }
        let name = action_name(action);
        // The plan's own page links to the earlier updates; their page lists them.
        let earlier = if history {
            self.facts.earlier_updates(action, cycle).count()
        } else {
            0
        };
        let steps = list(
            a.steps
                .iter()
                .enumerate()
                .map(|(i, step)| self.step(action, step, i, cycle, &name)),
        );
        let plan_url = self.links.plan(&plan.id);
        let mut fields = self.standing(state, cycle, &name, action.action.estimated);
        let sign_off = self.facts.plan(&plan.id).is_some_and(|p| p.sign_off);
        fields.push((
            "completion_note",
            Value::from(self.completion_note(state, sign_off)),
        ));
        fields.extend([
            ("id", Value::from(a.id())),
            ("label", Value::from(action_label(action))),
            ("name", Value::from(name.as_str())),
            ("anchor", Value::from(action_anchor(a.id()))),
            (
                "url",
                Value::from(format!("{plan_url}#{}", action_anchor(a.id()))),
            ),
            ("text", Value::from(a.text.trim())),
            ("owners", self.owners(&a.owner, plan)),
            ("budget", text(a.budget.as_ref())),
            ("timescale", text(a.timescale.as_ref())),
            ("target", text(a.target.as_ref())),
            (
                "no_deadline",
                Value::from(a.due == crate::model::plan::Due::Never),
            ),
            ("details", Value::from(details)),
            ("findings", self.findings(&a.findings)),
            ("indicators", self.indicator_links(&a.indicators)),
            (
                "carried_over",
                list(self.facts.carried_over(action).iter().map(|b| {
                    view! {
                        "plan" => b.plan.title.as_str(),
                        "name" => action_name(b),
                        "url" => format!("{}#{}", self.links.plan(&b.plan.id), action_anchor(b.action.id())),
                    }
                })),
            ),
            ("earlier", Value::from(earlier)),
            ("steps", steps),
            ("plan_title", Value::from(plan.title.as_str())),
            ("plan_url", Value::from(plan_url)),
        ]);
        map_of(fields)
    }

    /// What pages say of a completed action where completion takes the
    /// committee's confirmation: confirmed (when, under which minute), or
    /// reported and awaiting it.
    fn completion_note(&self, state: &ActionState<'s>, sign_off: bool) -> Option<String> {
        if !sign_off || !state.is_done() {
            return None;
        }
        Some(match state.confirmed {
            Some(confirmed) => {
                let when = self
                    .facts
                    .cycle(&confirmed.cycle)
                    .map_or(String::new(), |c| format!(" {}", c.date.on()));
                let minute = confirmed
                    .minute
                    .as_deref()
                    .map_or(String::new(), |m| format!(" (minute {m})"));
                format!("Complete – confirmed by the committee{when}{minute}")
            }
            None => format!(
                "Reported complete ({}), awaiting the committee's confirmation",
                state.rated_by.unwrap_or("officers")
            ),
        })
    }

    /// What an action's or a step's standing shows: status (or why there is
    /// none), whether it is carried, due dates, progress and next steps.
    /// `estimated` marks its own due date, the first: not a later revision.
    fn standing(
        &self,
        state: &ActionState<'s>,
        cycle: Option<&Cycle>,
        name: &str,
        estimated: bool,
    ) -> Vec<(&'static str, Value)> {
        let update = state.update;
        let carried = state.is_carried(cycle);
        let given = state
            .status_cycle
            .or(update.map(|u| u.cycle.as_str()))
            .and_then(|id| self.facts.cycle(id));
        let update_cycle = update
            .filter(|_| !state.updated_now)
            .and_then(|u| self.facts.cycle(&u.cycle))
            .map(Cycle::label);
        let no_status = match (state.status, state.is_reported()) {
            (Some(_), _) => None,
            (None, true) => Some(NOT_RATED),
            (None, false) => Some(NO_UPDATE),
        };
        let markdown = |text: Option<&String>, what: &str| {
            self.markdown_field(text, 5, || format!("{what} {name}"))
        };
        let mut fields = Vec::with_capacity(32);
        fields.extend([
            ("status", self.status(state.status)),
            ("no_status", Value::from(no_status)),
            ("from_steps", Value::from(from_steps_words(state))),
            ("carried", Value::from(carried)),
            (
                "status_given",
                // An entry `at: agreed` names no cycle: the rating is the plan's own.
                Value::from(match state.status_cycle {
                    Some("") if carried => Some("when the plan was agreed".to_owned()),
                    _ => given.filter(|_| carried).map(|c| c.date.on()),
                }),
            ),
            ("not_reported", Value::from(state.not_reported)),
            ("rated_by", Value::from(state.rated_by)),
            ("overdue", Value::from(state.overdue)),
            (
                "due",
                self.due_date(state.due, estimated && state.moves == 0),
            ),
            ("original_due", self.due_date(state.original_due, estimated)),
            ("moves", Value::from(state.moves)),
            (
                "progress",
                markdown(update.and_then(|u| u.progress.as_ref()), "progress on"),
            ),
            (
                "impact",
                markdown(update.and_then(|u| u.impact.as_ref()), "impact of"),
            ),
            (
                "next_steps",
                markdown(update.and_then(|u| u.next_steps.as_ref()), "next steps for"),
            ),
            ("update_cycle", Value::from(update_cycle)),
        ]);
        fields
    }

    /// An action's earlier updates (all but the one its standing shows as of
    /// `cycle`), for the plan's page of history; none when it has none.
    pub(crate) fn action_history(
        &self,
        action: &ActionRef<'s>,
        cycle: Option<&Cycle>,
    ) -> Option<Value> {
        let name = action_name(action);
        let plan = action.plan;
        let entries: Vec<Value> = self.facts.earlier_updates(action, cycle)
            .map(|(u, at)| {
                let state = self.facts.state(action, Some(at));
                view! {
                    "cycle" => at.label(),
                    "url" => format!("{}#{}", self.links.plan_at(&plan.id, &at.id), action_anchor(action.action.id())),
                    "status" => self.status(state.status),
                    "no_status" => state.status.is_none().then_some(NOT_RATED).filter(|_| state.update.is_some()),
                    "overdue" => state.overdue,
                    "not_reported" => u.not_reported.as_deref(),
                    "progress" => self.markdown_field(u.progress.as_ref(), 5, || format!("progress on {name}")),
                    "next_steps" => self.markdown_field(u.next_steps.as_ref(), 5, || format!("next steps for {name}")),
                    "next_steps_label" => u.next_steps.as_ref().map(|_| heading(plan, Column::NextSteps, Some(at))),
                }
            })
            .collect();
        if entries.is_empty() {
            return None;
        }
        Some(view! {
            "name" => name.as_str(),
            "label" => action_label(action),
            "anchor" => action_anchor(action.action.id()),
            "text" => action.action.text.trim(),
            "url" => format!("{}#{}", self.links.plan(&plan.id), action_anchor(action.action.id())),
            "entries" => entries,
        })
    }

    /// A step below an action, as of a cycle.
    fn step(
        &self,
        action: &ActionRef<'s>,
        step: &'s Step,
        index: usize,
        cycle: Option<&Cycle>,
        under: &str,
    ) -> Value {
        let state = self.facts.step_state(action, step, cycle);
        let name = match &step.number {
            Some(number) => format!("step {number} of {under}"),
            None => format!("step {} of {under}", index + 1),
        };
        let mut fields = self.standing(&state, cycle, &name, step.estimated);
        fields.extend([
            (
                "label",
                Value::from(
                    step.number
                        .clone()
                        .unwrap_or_else(|| format!("Step {}", index + 1)),
                ),
            ),
            ("text", Value::from(step.text.trim())),
            ("owners", self.owners(&step.owner, action.plan)),
            ("timescale", text(step.timescale.as_ref())),
            ("measure", text(step.measure.as_ref())),
            (
                "measure_label",
                Value::from(action.plan.labels.get(Column::Measure)),
            ),
        ]);
        map_of(fields)
    }

    /// The actions of one list (a recommendation's, or a section's own), as of `cycle`.
    fn actions_of(
        &self,
        actions: &mut std::slice::Iter<'_, ActionRef<'s>>,
        count: usize,
        cycle: Option<&Cycle>,
        history: bool,
    ) -> Value {
        list(
            actions
                .take(count)
                .map(|a| self.action(a, cycle, history))
                .collect::<Vec<_>>(),
        )
    }

    /// The plan as reported at `cycle` (its latest report when `cycle` is its last).
    pub(crate) fn plan(
        &self,
        facts: &PlanFacts<'s>,
        cycle: Option<&Cycle>,
        history: bool,
    ) -> Value {
        let plan = facts.plan;
        let labels: tera::Map = crate::model::plan::Column::ALL
            .iter()
            .map(|&c| {
                (
                    tera::value::Key::Str(c.key()),
                    Value::from(heading(plan, c, cycle)),
                )
            })
            .collect();
        let used = |f: &dyn Fn(&Action) -> bool| facts.actions.iter().any(|a| f(a.action));
        let used_now = |f: &dyn Fn(&ActionRef<'s>) -> bool| facts.actions.iter().any(f);
        let budget = used(&|a| a.budget.is_some());
        let timescale = used(&|a| a.timescale.is_some());
        let target = used(&|a| a.target.is_some());
        let next_steps = used_now(&|a| {
            self.facts
                .state(a, cycle)
                .update
                .is_some_and(|u| u.next_steps.is_some())
        });
        // The actions, in paper order: each list below takes its own from the front.
        let mut actions = facts.actions.iter();
        // A finding several recommendations answer: its text at the first,
        // a pointer back to it at the others (the page says it once).
        let first_answered: std::cell::RefCell<BTreeMap<&'s str, (String, String)>> =
            std::cell::RefCell::default();
        let recommendation =
            |rec: &'s crate::model::plan::Recommendation,
             actions: &mut std::slice::Iter<'_, ActionRef<'s>>| {
                let views = self.actions_of(actions, rec.actions.len(), cycle, history);
                let label = rec.number.as_deref().unwrap_or(&rec.id);
                let findings = list(rec.findings.iter().map(|key| {
                    let finding = self.finding(key);
                    let mut first = first_answered.borrow_mut();
                    if let Some((at_label, at_anchor)) = first.get(key.as_str()) {
                        with(&finding, [(
                            "shown_at",
                            view! { "label" => at_label.as_str(), "anchor" => at_anchor.as_str() },
                        )])
                    } else {
                        first.insert(key, (label.to_owned(), recommendation_anchor(&rec.id)));
                        finding
                    }
                }));
                view! {
                    "id" => rec.id.as_str(),
                    "label" => label,
                    "anchor" => recommendation_anchor(&rec.id),
                    "title" => text(rec.title.as_ref()),
                    "text" => text(rec.text.as_ref()),
                    "findings" => findings,
                    "indicators" => self.indicator_links(&rec.indicators),
                    "response" => rec.response.as_ref().map(|r| view! {
                        "status" => r.status.label(),
                        "html" => self.markdown_field(r.text.as_ref(), 5, || format!("the response to recommendation {}", rec.id)),
                    }),
                    "actions" => views,
                }
            };
        let mut sections = Vec::new();
        for section in &plan.sections {
            let count: usize = section
                .recommendations
                .iter()
                .map(|r| r.actions.len())
                .sum::<usize>()
                + section.actions.len();
            let in_section = &facts.actions[facts.actions.len() - actions.len()..][..count];
            let summary = self.facts.summary(facts, in_section, cycle);
            let recommendations: Vec<Value> = section
                .recommendations
                .iter()
                .map(|r| recommendation(r, &mut actions))
                .collect();
            let own = self.actions_of(&mut actions, section.actions.len(), cycle, history);
            sections.push(view! {
                "id" => section.id(),
                "number" => section.number.as_deref(),
                "anchor" => section_anchor(section.id()),
                "title" => section.title.as_str(),
                "summary" => Renderer::summary(&summary, &format!("rag-{}", section.id()), cycle),
                "recommendations" => recommendations,
                "actions" => own,
            });
        }
        let here = match cycle {
            Some(c) if !history => self.links.plan_at(&plan.id, &c.id),
            _ => self.links.plan(&plan.id),
        };
        let recommendations: Vec<Value> = plan
            .recommendations
            .iter()
            .map(|r| recommendation(r, &mut actions))
            .collect();
        let responds_to = self.answered(plan);
        let briefings = list(
            self.facts
                .briefings_about(&plan.id)
                .map(|b| view! { "title" => b.meta.title.as_str(), "url" => self.links.briefing(&b.id), "date" => printed_date(Some(b.meta.date), b.meta.estimated) }),
        );
        view! {
            "id" => plan.id.as_str(),
            "url" => self.links.plan(&plan.id),
            "title" => plan.title.as_str(),
            "organisation" => plan.organisation.as_str(),
            "partial" => plan.partial.as_deref().map(str::trim),
            "body" => plan.body.as_deref(),
            "kind" => plan.kind.label(),
            "agreed" => printed_date(plan.agreed, plan.estimated),
            "responds_to" => responds_to,
            "briefings" => briefings,
            "source" => text(plan.source.as_ref()),
            "summary" => self.markdown_field(plan.summary.as_ref(), 3, || plan.title.clone()),
            "has_statuses" => !facts.statuses.is_empty(),
            "labels" => Value::from(labels),
            "columns" => view! {
                "budget" => budget,
                "timescale" => timescale,
                "target" => target,
                "next_steps" => next_steps,
            },
            "sections" => sections,
            "recommendations" => recommendations,
            // Only reports up to this one, so a page as of a cycle never changes when a later one is added.
            // Linked from the page itself (the plan's, or the plan's at `cycle`): short links beside it.
            "cycles" => list(facts.cycles.iter().filter(|c| cycle.is_none_or(|at| c.date <= at.date)).map(|c| view! {
                "id" => c.id.as_str(),
                "label" => c.label(),
                "url" => Links::relative(&here, &self.links.plan_at(&plan.id, &c.id)),
            })),
            "report" => cycle.and_then(|c| plan.reports.iter().find(|r| r.at.is_none() && r.cycle == c.id)).map(|r| self.report(facts, r, cycle)),
            "starting" => plan.reports.iter().find(|r| r.at.is_some()).map(|r| self.starting(facts, r)),
            "json" => self.links.to(&Job::PlanJson(plan.id.clone())),
            "csv" => self.links.to(&Job::PlanCsv(plan.id.clone())),
        }
    }

    /// The paper's own summary of a report, beside ragtime's count.
    fn report(&self, facts: &PlanFacts<'s>, report: &'s Report, cycle: Option<&Cycle>) -> Value {
        let summary = self.facts.summary(facts, &facts.actions, cycle);
        let label = |id: &str| status_label(facts, id);
        // A partial plan's actions are some of the paper's: its counts are
        // upper bounds, and its shares are not compared.
        let partial = facts.plan.partial.is_some();
        let counts = list(report.counts.0.iter().map(|(id, stated)| {
            let counted = summary.count(id);
            view! {
                "label" => label(id),
                "stated" => *stated,
                "counted" => counted,
                "agrees" => if partial { !summary.exceeds_count(id, *stated) } else { summary.agrees_with_count(id, *stated) },
            }
        }));
        let shares = list(report.shares.0.iter().map(|(id, stated)| {
            view! {
                "label" => label(id),
                "stated" => format!("{stated}%"),
                "counted" => (!partial).then(|| format!("{}%", crate::derive::Summary::percent(summary.count(id), summary.total))),
                "agrees" => partial || summary.agrees_with_share(id, *stated),
            }
        }));
        view! {
            "counts" => counts,
            "shares" => shares,
            "total" => summary.total,
            "narrative" => self.markdown_field(report.narrative.as_ref(), 4, || format!("the summary of {}", facts.plan.title)),
        }
    }

    /// The paper's count of the ratings the plan started from, when it was
    /// agreed: as stated, since no meeting's ratings are counted beside it.
    fn starting(&self, facts: &PlanFacts<'s>, report: &'s Report) -> Value {
        let label = |id: &str| status_label(facts, id);
        view! {
            "counts" => list(report.counts.0.iter().map(|(id, stated)| view! { "label" => label(id), "stated" => *stated })),
            "shares" => list(report.shares.0.iter().map(|(id, stated)| view! { "label" => label(id), "stated" => format!("{stated}%") })),
            "narrative" => self.markdown_field(report.narrative.as_ref(), 4, || format!("the starting position of {}", facts.plan.title)),
        }
    }

    /// The inspections a plan answers, each with its overall judgement and the
    /// date its report was published (none where the papers do not give them).
    fn answered(&self, plan: &Plan) -> Value {
        list(
            plan.responds_to
                .iter()
                .filter_map(|id| self.facts.inspection(id))
                .map(|i| {
                    view! {
                        "title" => i.title.as_str(),
                        "url" => self.links.inspection(&i.id),
                        "inspectorate" => i.inspectorate.as_str(),
                        "overall" => overall(i),
                        "latest_visit" => i.visits_in_order().last().map(|v| view! {
                            "date" => date(v.date),
                            "kind" => v.kind.trim(),
                            "verdict" => v.verdict.as_deref().map(str::trim),
                        }),
                        "published" => optional_date(i.published),
                    }
                }),
        )
    }

    /// Card data for a plan in lists: title, address, its latest RAG summary
    /// and the inspections it answers.
    pub(crate) fn plan_card(&self, facts: &PlanFacts<'s>) -> Value {
        let cycle = facts.latest_cycle();
        let summary = self.facts.summary(facts, &facts.actions, cycle);
        view! {
            "title" => facts.plan.title.as_str(),
            "url" => self.links.plan(&facts.plan.id),
            "organisation" => facts.plan.organisation.as_str(),
            "partial" => facts.plan.partial.as_deref().map(str::trim),
            "kind" => facts.plan.kind.label(),
            "as_of" => cycle.map(Cycle::as_of_label),
            "summary" => Renderer::summary(&summary, &format!("rag-{}", facts.plan.id), cycle),
            "inspections" => self.answered(facts.plan),
        }
    }

    /// The plan's RAG summary at each of its cycles, oldest first, each with
    /// the same columns: "Not rated" and "No update yet" only where some
    /// report has such actions. Each report is linked from the page at `from`.
    pub(crate) fn trend(&self, plan: &PlanFacts<'s>, from: &str) -> Value {
        let summaries: Vec<_> = plan
            .cycles
            .iter()
            .map(|cycle| (cycle, self.facts.summary(plan, &plan.actions, Some(cycle))))
            .collect();
        let columns = (
            summaries.iter().any(|(_, s)| s.not_rated > 0),
            summaries.iter().any(|(_, s)| s.no_update > 0),
        );
        list(summaries.iter().map(|(cycle, summary)| {
            view! {
                "label" => cycle.label(),
                "date" => meeting_date(cycle.date),
                "url" => Links::relative(from, &self.links.plan_at(&plan.plan.id, &cycle.id)),
                "summary" => Renderer::summary_in(summary, &format!("rag-{}", cycle.id), Some(cycle), columns),
            }
        }))
    }
}

/// A status's label in the plan's key; its id where the key has no such status.
fn status_label(facts: &PlanFacts<'_>, id: &str) -> String {
    facts
        .statuses
        .iter()
        .find(|s| s.id == id)
        .map_or(id.to_owned(), |s| s.label.clone())
}

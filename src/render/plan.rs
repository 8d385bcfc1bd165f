//! The plan's parts as the templates see them: each action as of a cycle
//! (with its history on the plan's own page), recommendations, sections, the
//! plan itself, its card in lists, and its summary at each cycle.

use crate::derive::{ActionState, PlanFacts};
use crate::model::cycle::Cycle;
use crate::model::plan::{ActionRef, Column, Plan, Recommendation, Section};
use crate::render::links::{action_anchor, recommendation_anchor, section_anchor};
use crate::render::renderer::{date, optional_date, text, Renderer};
use crate::render::view::{address, list, Value};
use crate::view;

impl<'s> Renderer<'_, 's> {
    /// One action as of a cycle, with everything the tables show; with its
    /// history of updates when `history` (the plan's main page has it; snapshots
    /// and summaries link there).
    ///
    /// Without history, an action looks the same at every cycle at which its
    /// latest update and overdue flag are the same, so it is built once per such
    /// state and shared by every page that shows it.
    pub(super) fn action(
        &self,
        action: &ActionRef<'s>,
        cycle: Option<&Cycle>,
        history: bool,
    ) -> Value {
        let state: ActionState = self.facts.state(action.action, cycle);
        if history {
            return self.action_view(action, cycle, &state, true);
        }
        let key = (
            address(action.action),
            state.update.map_or(0, address),
            state.overdue,
            state.updated_now,
        );
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
        let labels = &action.plan.labels;
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
        let progress_label = || format!("progress on action {}", a.id());
        let history: Vec<Value> = a
            .updates
            .iter()
            .filter(|_| history)
            .filter_map(|u| {
                let at = self.facts.cycle(&u.cycle)?;
                if cycle.is_some_and(|c| at.date > c.date) {
                    return None;
                }
                let state = self.facts.state(a, Some(at));
                Some(view! {
                    "cycle" => Renderer::cycle_label(at),
                    "url" => format!("{}#{}", self.links.plan_at(&action.plan.id, &at.id), action_anchor(a.id())),
                    "status" => self.status(state.status),
                    "overdue" => state.overdue,
                    "progress" => self.markdown_field(u.progress.as_ref(), 5, progress_label),
                })
            })
            .collect();
        let update_cycle = state
            .update
            .filter(|_| !state.updated_now)
            .and_then(|u| self.facts.cycle(&u.cycle))
            .map(Renderer::cycle_label);
        let plan_url = self.links.plan(&action.plan.id);
        view! {
            "id" => a.id(),
            "anchor" => action_anchor(a.id()),
            "url" => format!("{plan_url}#{}", action_anchor(a.id())),
            "text" => a.text.trim(),
            "owners" => self.owners(&a.owner),
            "budget" => text(a.budget.as_ref()),
            "timescale" => text(a.timescale.as_ref()),
            "target" => text(a.target.as_ref()),
            "due" => self.date(state.due),
            "original_due" => self.date(state.original_due),
            "moves" => state.moves,
            "status" => self.status(state.status),
            "overdue" => state.overdue,
            "progress" => self.markdown_field(state.update.and_then(|u| u.progress.as_ref()), 5, progress_label),
            "impact" => self.markdown_field(state.update.and_then(|u| u.impact.as_ref()), 5, || format!("impact of action {}", a.id())),
            "update_cycle" => update_cycle,
            "details" => details,
            "findings" => self.findings(&a.findings),
            "history" => history,
            "plan_title" => action.plan.title.as_str(),
            "plan_url" => plan_url,
        }
    }

    fn recommendation(
        &self,
        plan: &'s Plan,
        section: Option<&'s Section>,
        rec: &'s Recommendation,
        cycle: Option<&Cycle>,
        history: bool,
    ) -> Value {
        let actions = list(rec.actions.iter().map(|action| {
            let at = ActionRef {
                plan,
                section,
                recommendation: Some(rec),
                action,
            };
            self.action(&at, cycle, history)
        }));
        view! {
            "id" => rec.id.as_str(),
            "anchor" => recommendation_anchor(&rec.id),
            "title" => text(rec.title.as_ref()),
            "text" => text(rec.text.as_ref()),
            "findings" => self.findings(&rec.findings),
            "response" => rec.response.as_ref().map(|r| view! {
                "status" => r.status.label(),
                "html" => self.markdown_field(r.text.as_ref(), 5, || format!("the response to recommendation {}", rec.id)),
            }),
            "actions" => actions,
        }
    }

    /// The plan as reported at `cycle` (its latest report when `cycle` is its last).
    pub(super) fn plan(
        &self,
        facts: &PlanFacts<'s>,
        cycle: Option<&Cycle>,
        history: bool,
    ) -> Value {
        let plan = facts.plan;
        let labels = plan.labels.resolved();
        let used =
            |f: &dyn Fn(&crate::model::plan::Action) -> bool| plan.actions().any(|a| f(a.action));
        let sections = list(plan.sections.iter().map(|section| {
            let in_section = section
                .recommendations
                .iter()
                .flat_map(|r| r.actions.iter())
                .chain(section.actions.iter());
            let summary = self.facts.summary(in_section, cycle);
            view! {
                "id" => section.id(),
                "anchor" => section_anchor(section.id()),
                "title" => section.title.as_str(),
                "summary" => self.summary(&summary, &format!("rag-{}", section.id()), cycle),
                "recommendations" => list(section.recommendations.iter().map(|r| self.recommendation(plan, Some(section), r, cycle, history))),
                "actions" => list(section.actions.iter()
                    .map(|action| self.action(&ActionRef { plan, section: Some(section), recommendation: None, action }, cycle, history))),
            }
        }));
        let responds_to = list(
            plan.responds_to
                .iter()
                .filter_map(|id| self.facts.inspection(id))
                .map(|i| view! { "title" => i.title.as_str(), "url" => self.links.inspection(&i.id) }),
        );
        view! {
            "id" => plan.id.as_str(),
            "url" => self.links.plan(&plan.id),
            "title" => plan.title.as_str(),
            "organisation" => plan.organisation.as_str(),
            "body" => plan.body.as_deref(),
            "kind" => plan.kind.label(),
            "agreed" => optional_date(plan.agreed),
            "responds_to" => responds_to,
            "source" => text(plan.source.as_ref()),
            "summary" => self.markdown_field(plan.summary.as_ref(), 3, || plan.title.clone()),
            "labels" => labels,
            "columns" => view! {
                "budget" => used(&|a| a.budget.is_some()),
                "timescale" => used(&|a| a.timescale.is_some()),
                "target" => used(&|a| a.target.is_some()),
            },
            "sections" => sections,
            "recommendations" => list(plan.recommendations.iter().map(|r| self.recommendation(plan, None, r, cycle, history))),
            // Only reports up to this one, so a page as of a cycle never changes when a later one is added.
            "cycles" => list(facts.cycles.iter().filter(|c| cycle.is_none_or(|at| c.date <= at.date)).map(|c| view! {
                "id" => c.id.as_str(),
                "label" => Renderer::cycle_label(c),
                "url" => self.links.plan_at(&plan.id, &c.id),
            })),
            "json" => self.links.plan_data(&plan.id, "json"),
            "csv" => self.links.plan_data(&plan.id, "csv"),
        }
    }

    /// Card data for a plan in lists: title, address and its latest RAG summary.
    pub(super) fn plan_card(&self, facts: &PlanFacts<'s>) -> Value {
        let cycle = facts.latest_cycle();
        let summary = self
            .facts
            .summary(facts.actions.iter().map(|a| a.action), cycle);
        view! {
            "title" => facts.plan.title.as_str(),
            "url" => self.links.plan(&facts.plan.id),
            "organisation" => facts.plan.organisation.as_str(),
            "kind" => facts.plan.kind.label(),
            "as_of" => cycle.map(Renderer::cycle_label),
            "summary" => self.summary(&summary, &format!("rag-{}", facts.plan.id), cycle),
        }
    }

    /// The plan's RAG summary at each of its cycles, oldest first.
    pub(super) fn trend(&self, plan: &PlanFacts<'s>) -> Value {
        list(plan.cycles.iter().map(|cycle| {
            let summary = self
                .facts
                .summary(plan.actions.iter().map(|a| a.action), Some(cycle));
            view! {
                "label" => Renderer::cycle_label(cycle),
                "date" => date(cycle.date),
                "url" => self.links.plan_at(&plan.plan.id, &cycle.id),
                "summary" => self.summary(&summary, &format!("rag-{}", cycle.id), Some(cycle)),
            }
        }))
    }
}

//! What changed for a plan at a meeting, as the templates see it. The words
//! for each kind of change are the theme's (`change_title` and `change_hint`
//! in its components), so a council can word them as its papers do; but the
//! actions listed for their red status are headed in the plan's own key.

use crate::derive::PlanFacts;
use crate::model::cycle::Cycle;
use crate::model::plan::ActionRef;
use crate::model::status::{rated, Colour};
use crate::render::fragments::plan::action_name;
use crate::render::links::action_anchor;
use crate::render::renderer::Renderer;
use crate::render::view::{list, with, Value};
use crate::view;
use tera::value::Key;

impl<'s> Renderer<'_, 's> {
    /// What changed for a plan at a cycle. The actions behind schedule carry the
    /// progress reported (the exception report); status changes are listed with
    /// before and after; the long lists (new progress, no update) are links to the
    /// actions on the plan's page for that cycle, so pages stay a readable size
    /// however many plans report.
    ///
    /// Without `lists` (the page of a cycle across plans), only the exception
    /// report is listed; the other groups are counts linking to the plan's page.
    pub(crate) fn changes(&self, plan: &PlanFacts<'s>, cycle: &'s Cycle, lists: bool) -> Value {
        let changes = self.facts.changes(plan, cycle);
        let at_cycle = self.links.plan_at(&plan.plan.id, &cycle.id);
        let url = |action: &ActionRef<'s>| {
            Value::from(format!("{at_cycle}#{}", action_anchor(action.action.id())))
        };
        let item = |action: &ActionRef<'s>, progress: bool| {
            let view = self.action(action, Some(cycle), false);
            let before = self.facts.state(action, changes.previous);
            let mut extra = vec![
                ("url", url(action)),
                (
                    "before",
                    view! {
                        "status" => self.status(before.status),
                        "from_steps" => before.from_steps.map(crate::derive::FromSteps::words),
                        "overdue" => before.overdue,
                        "due" => self.due_date(before.due, action.action.estimated && before.moves == 0),
                    },
                ),
            ];
            if !progress
                && view
                    .as_map()
                    .and_then(|m| m.get(&Key::Str("progress")))
                    .is_some_and(|p| !p.is_none())
            {
                extra.push(("progress", Value::none()));
                extra.push(("progress_below", Value::from(true)));
            }
            with(&view, extra)
        };
        let anchor = |action: &ActionRef<'s>| {
            view! {
                "id" => action.action.id(),
                "name" => action_name(action),
                "url" => url(action),
            }
        };
        let listed = |actions: &[ActionRef<'s>]| {
            actions
                .iter()
                .take(if lists { usize::MAX } else { 0 })
                .map(|action| item(action, false))
                .collect::<Vec<_>>()
        };
        let links = |actions: &[ActionRef<'s>]| {
            actions
                .iter()
                .take(if lists { usize::MAX } else { 0 })
                .map(anchor)
                .collect::<Vec<_>>()
        };
        // In the order the pages list them; the theme words each kind.
        let groups = [
            ("behind", &changes.behind),
            ("newly-done", &changes.newly_done),
            ("worse", &changes.worse),
            ("better", &changes.better),
            ("newly-overdue", &changes.newly_overdue),
            ("moved", &changes.moved),
            ("new-progress", &changes.new_progress),
            ("no-update", &changes.no_update),
        ];
        // The open red statuses of the plan's own key, as the heading of the
        // actions listed for them: never the built-in key's words.
        let red = rated(
            Colour::Red,
            plan.statuses
                .iter()
                .filter(|s| !s.done && s.colour == Colour::Red)
                .map(|s| s.label.as_str()),
        );
        // An action listed in full under one heading is marked where a later
        // heading lists it again, so print shows each exception once.
        let mut seen = std::collections::BTreeSet::new();
        let groups = groups.map(|(id, actions)| {
            let compact = matches!(id, "new-progress" | "no-update");
            let views: Vec<Value> = if id == "behind" {
                actions.iter().map(|a| item(a, true)).collect()
            } else if compact {
                links(actions)
            } else {
                listed(actions)
            };
            let mut repeats = 0;
            let views = if compact {
                views
            } else {
                views
                    .into_iter()
                    .zip(actions.iter())
                    .map(|(view, action)| {
                        if seen.insert(action.action.id()) {
                            view
                        } else {
                            repeats += 1;
                            with(&view, vec![("repeat", Value::from(true))])
                        }
                    })
                    .collect()
            };
            (id, actions.len(), views, compact, repeats)
        });
        // Every action that changed at this meeting (not those merely behind or
        // without an update), by anchor: what the "changed at this meeting"
        // filter keeps.
        let mut touched: Vec<String> = [
            &changes.newly_done,
            &changes.worse,
            &changes.better,
            &changes.newly_overdue,
            &changes.moved,
            &changes.new_progress,
        ]
        .into_iter()
        .flatten()
        .map(|a| action_anchor(a.action.id()))
        .collect();
        touched.sort();
        touched.dedup();
        view! {
            "changed" => touched,
            "plan" => view! { "title" => plan.plan.title.as_str(), "url" => at_cycle.as_str(), "partial" => plan.plan.partial.as_deref().map(str::trim) },
            "cycle" => view! { "id" => cycle.id.as_str(), "label" => cycle.label(), "url" => self.links.cycle(&cycle.id) },
            "previous" => changes.previous.map(|c| view! { "label" => c.label(), "url" => self.links.plan_at(&plan.plan.id, &c.id) }),
            "since_agreed" => changes.since_agreed,
            "groups" => list(groups.into_iter().map(|(id, count, actions, compact, repeats)| view! {
                "id" => id, "count" => count, "actions" => actions,
                "title" => (id == "behind").then_some(red.as_str()),
                "compact" => compact,
                "repeats" => repeats,
            })),
        }
    }
}

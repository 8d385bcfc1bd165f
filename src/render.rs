//! Stage 4: one Tera context per page, rendered with the theme.

use crate::briefing::Briefing;
use crate::cycle::Cycle;
use crate::date::Date;
use crate::derive::{ActionRefOrRec, ActionState, Facts, PlanFacts, Summary};
use crate::diagnostic::Diagnostic;
use crate::inspection::{Grade, Inspection};
use crate::links::{action_anchor, finding_anchor, recommendation_anchor, section_anchor, Links};
use crate::markdown;
use crate::plan::{ActionRef, Plan, Recommendation, Section};
use crate::status::Status;
use crate::text::slug;
use crate::theme::Theme;
use serde_json::{json, Value};

/// A file of the built site: its path inside the output folder and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Output {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Output {
        Output {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Renders pages; holds what every page shares.
pub struct Renderer<'a, 's> {
    pub facts: &'a Facts<'s>,
    pub links: Links,
    pub theme: &'a Theme,
    common: tera::Context,
}

pub fn date(date: Date) -> Value {
    json!({ "iso": date.to_string(), "text": date.long() })
}

fn optional_date(value: Option<Date>) -> Value {
    value.map_or(Value::Null, date)
}

pub fn status(status: &Status) -> Value {
    json!({
        "id": status.id,
        "label": status.label,
        "colour": status.colour,
        "description": status.description,
        "done": status.done,
    })
}

fn grade(grade: Grade) -> Value {
    json!({ "id": grade, "label": grade.label() })
}

/// Text without the trailing whitespace block scalars leave.
fn text(value: Option<&String>) -> Value {
    value.map_or(Value::Null, |t| Value::String(t.trim().to_owned()))
}

impl<'a, 's> Renderer<'a, 's> {
    pub fn new(facts: &'a Facts<'s>, theme: &'a Theme) -> Renderer<'a, 's> {
        let site = facts.site;
        let links = Links::new(&site.config.base_url);
        let mut common = tera::Context::new();
        common.insert(
            "site",
            &json!({
                "title": site.config.title,
                "organisation": site.config.organisation,
                "description": site.config.description,
            }),
        );
        common.insert(
            "nav",
            &json!({
                "home": links.home(),
                "plans": links.path("plans/"),
                "inspections": links.path("inspections/"),
                "briefings": links.path("briefings/"),
                "owners": links.path("owners/"),
                "cycles": links.path("cycles/"),
                "feed": links.path("feed.xml"),
                "pages": site.pages.iter().map(|p| json!({"title": p.meta.title, "url": links.page(&p.id)})).collect::<Vec<_>>(),
            }),
        );
        common.insert("assets", &json!({ "css": links.asset("style.css") }));
        common.insert(
            "statuses",
            &site.statuses.iter().map(status).collect::<Vec<_>>(),
        );
        Renderer {
            facts,
            links,
            theme,
            common,
        }
    }

    /// Renders a template with the shared context plus `page`.
    pub fn page(&self, template: &str, path: &str, page: Value) -> Result<Output, Diagnostic> {
        let mut context = self.common.clone();
        if let Value::Object(map) = page {
            for (key, value) in map {
                context.insert(key, &value);
            }
        }
        let url = format!("/{}", path.trim_end_matches("index.html"));
        if !context.contains_key("canonical") {
            context.insert(
                "canonical",
                &self
                    .links
                    .absolute(&self.links.path(url.trim_start_matches('/'))),
            );
        }
        for key in ["breadcrumbs", "description", "section", "cycle_note"] {
            if !context.contains_key(key) {
                context.insert(key, &Value::Null);
            }
        }
        let html = self
            .theme
            .tera
            .render(template, &context)
            .map_err(|e| self.theme.diagnostic(&e.to_string()))?;
        Ok(Output::new(path, html))
    }

    /// The address a `ref:` target points to.
    pub fn resolve_ref(&self, target: &str) -> Option<String> {
        let site = self.facts.site;
        let (doc, item) = match target.split_once('#') {
            Some((doc, item)) => (doc, Some(item)),
            None => (target, None),
        };
        if let Some(plan) = site.plans.iter().find(|p| p.id == doc) {
            let base = self.links.plan(doc);
            return Some(match item {
                None => base,
                Some(item) => format!("{base}#{}", Renderer::plan_anchor(plan, item)),
            });
        }
        if site.inspections.iter().any(|i| i.id == doc) {
            let base = self.links.inspection(doc);
            return Some(match item {
                None => base,
                Some(item) => format!("{base}#{}", finding_anchor(item)),
            });
        }
        if site.briefings.iter().any(|b| b.id == doc) {
            return Some(self.links.briefing(doc));
        }
        site.pages
            .iter()
            .any(|p| p.id == doc)
            .then(|| self.links.page(doc))
    }

    fn plan_anchor(plan: &Plan, item: &str) -> String {
        if plan.sections.iter().any(|s| s.id() == item) {
            section_anchor(item)
        } else if plan.recommendations().any(|r| r.id == item) {
            recommendation_anchor(item)
        } else {
            action_anchor(item)
        }
    }

    /// Markdown as HTML, its top heading at level `top`, tables captioned with `label`.
    pub fn markdown(&self, text: &str, top: u8, label: &str) -> String {
        markdown::to_html(text, top, label, &|target| self.resolve_ref(target))
    }

    fn markdown_field(&self, text: Option<&String>, top: u8, label: &str) -> Value {
        text.map_or(Value::Null, |t| Value::String(self.markdown(t, top, label)))
    }

    pub fn cycle_label(cycle: &Cycle) -> String {
        format!("{}, {}", cycle.meeting, cycle.date.long())
    }

    /// A RAG summary with its bar segments laid out (in percent of the bar's width).
    pub fn summary(&self, summary: &Summary, key: &str, as_of: Option<&Cycle>) -> Value {
        let mut x = 0.0_f64;
        let mut segments = Vec::new();
        let mut push = |id: &str, label: &str, colour: &str, count: usize| {
            #[allow(clippy::cast_precision_loss)]
            let width = if summary.total == 0 {
                0.0
            } else {
                count as f64 * 100.0 / summary.total as f64
            };
            segments.push(json!({
                "id": id,
                "label": label,
                "colour": colour,
                "count": count,
                "percent": Summary::percent(count, summary.total),
                "x": format!("{x:.2}"),
                "width": format!("{width:.2}"),
            }));
            x += width;
        };
        for status in &self.facts.site.statuses {
            let colour = serde_json::to_value(status.colour).unwrap_or_default();
            push(
                &status.id,
                &status.label,
                colour.as_str().unwrap_or("grey"),
                summary.count(&status.id),
            );
        }
        push("not-rated", "Not rated", "none", summary.not_rated);
        json!({
            "key": key,
            "total": summary.total,
            "done": summary.done,
            "percent_done": summary.percent_done(),
            "overdue": summary.overdue,
            "not_rated": summary.not_rated,
            "nonzero": segments.iter().filter(|s| s["count"] != json!(0)).cloned().collect::<Vec<_>>(),
            "segments": segments,
            "as_of": as_of.map(|c| c.date.long()),
        })
    }

    /// A link to a finding, with its text on hand.
    pub fn finding(&self, key: &str) -> Value {
        let site = self.facts.site;
        let (inspection_id, finding_id) = key.split_once('#').unwrap_or((key, ""));
        let inspection = site.inspections.iter().find(|i| i.id == inspection_id);
        let finding = inspection.and_then(|i| i.findings.iter().find(|f| f.id == finding_id));
        json!({
            "label": format!("{} recommendation {finding_id}", inspection.map_or("Inspection", |i| i.inspectorate.as_str())),
            "url": format!("{}#{}", self.links.inspection(inspection_id), finding_anchor(finding_id)),
            "text": finding.map(|f| f.text.trim()),
            "inspection": inspection.map(|i| i.title.as_str()),
        })
    }

    fn owners(&self, names: &[String]) -> Vec<Value> {
        names
            .iter()
            .map(|name| json!({ "name": name, "url": self.links.owner(&slug(name)) }))
            .collect()
    }

    /// One action as of a cycle, with everything the tables show; with its
    /// history of updates when `history` (the plan's main page has it; snapshots
    /// and summaries link there).
    pub fn action(&self, action: &ActionRef<'s>, cycle: Option<&Cycle>, history: bool) -> Value {
        let state: ActionState = self.facts.state(action.action, cycle);
        let a = action.action;
        let labels = &action.plan.labels;
        let mut details = Vec::new();
        for (key, value) in [
            ("measure", &a.measure),
            ("evidence", &a.evidence),
            ("source", &a.source),
            ("outcome", &a.outcome),
        ] {
            if let Some(value) = value {
                details.push(json!({ "label": labels.get(key), "value": value.trim() }));
            }
        }
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
                Some(json!({
                    "cycle": Renderer::cycle_label(at),
                    "url": format!("{}#{}", self.links.plan_at(&action.plan.id, &at.id), action_anchor(a.id())),
                    "status": state.status.map(status),
                    "overdue": state.overdue,
                    "progress": self.markdown_field(u.progress.as_ref(), 5, &format!("progress on action {}", a.id())),
                }))
            })
            .collect();
        let update_cycle = state
            .update
            .filter(|_| !state.updated_now)
            .and_then(|u| self.facts.cycle(&u.cycle))
            .map(Renderer::cycle_label);
        json!({
            "id": a.id(),
            "anchor": action_anchor(a.id()),
            "url": format!("{}#{}", self.links.plan(&action.plan.id), action_anchor(a.id())),
            "text": a.text.trim(),
            "owners": self.owners(&a.owner),
            "budget": text(a.budget.as_ref()),
            "timescale": text(a.timescale.as_ref()),
            "target": text(a.target.as_ref()),
            "due": optional_date(state.due),
            "original_due": optional_date(state.original_due),
            "moves": state.moves,
            "status": state.status.map(status),
            "overdue": state.overdue,
            "progress": self.markdown_field(state.update.and_then(|u| u.progress.as_ref()), 5, &format!("progress on action {}", a.id())),
            "impact": self.markdown_field(state.update.and_then(|u| u.impact.as_ref()), 5, &format!("impact of action {}", a.id())),
            "update_cycle": update_cycle,
            "details": details,
            "findings": a.findings.iter().map(|f| self.finding(f)).collect::<Vec<_>>(),
            "history": history,
            "plan_title": action.plan.title,
            "plan_url": self.links.plan(&action.plan.id),
        })
    }

    fn recommendation(
        &self,
        plan: &'s Plan,
        section: Option<&'s Section>,
        rec: &'s Recommendation,
        cycle: Option<&Cycle>,
        history: bool,
    ) -> Value {
        let actions: Vec<Value> = rec
            .actions
            .iter()
            .map(|action| {
                let at = ActionRef {
                    plan,
                    section,
                    recommendation: Some(rec),
                    action,
                };
                self.action(&at, cycle, history)
            })
            .collect();
        json!({
            "id": rec.id,
            "anchor": recommendation_anchor(&rec.id),
            "title": text(rec.title.as_ref()),
            "text": text(rec.text.as_ref()),
            "findings": rec.findings.iter().map(|f| self.finding(f)).collect::<Vec<_>>(),
            "response": rec.response.as_ref().map(|r| json!({
                "status": r.status.label(),
                "html": self.markdown_field(r.text.as_ref(), 5, &format!("the response to recommendation {}", rec.id)),
            })),
            "actions": actions,
        })
    }

    /// The plan as reported at `cycle` (its latest report when `cycle` is its last).
    pub fn plan(&self, facts: &PlanFacts<'s>, cycle: Option<&Cycle>, history: bool) -> Value {
        let plan = facts.plan;
        let labels = plan.labels.resolved();
        let used = |f: &dyn Fn(&crate::plan::Action) -> bool| plan.actions().any(|a| f(a.action));
        let sections: Vec<Value> = plan
            .sections
            .iter()
            .map(|section| {
                let in_section = section
                    .recommendations
                    .iter()
                    .flat_map(|r| r.actions.iter())
                    .chain(section.actions.iter());
                let summary = self.facts.summary(in_section, cycle);
                json!({
                    "id": section.id(),
                    "anchor": section_anchor(section.id()),
                    "title": section.title,
                    "summary": self.summary(&summary, &format!("rag-{}", section.id()), cycle),
                    "recommendations": section.recommendations.iter().map(|r| self.recommendation(plan, Some(section), r, cycle, history)).collect::<Vec<_>>(),
                    "actions": section.actions.iter()
                        .map(|action| self.action(&ActionRef { plan, section: Some(section), recommendation: None, action }, cycle, history))
                        .collect::<Vec<_>>(),
                })
            })
            .collect();
        let responds_to: Vec<Value> = plan
            .responds_to
            .iter()
            .filter_map(|id| self.facts.site.inspections.iter().find(|i| &i.id == id))
            .map(|i| json!({ "title": i.title, "url": self.links.inspection(&i.id) }))
            .collect();
        json!({
            "id": plan.id,
            "url": self.links.plan(&plan.id),
            "title": plan.title,
            "organisation": plan.organisation,
            "body": plan.body,
            "kind": plan.kind.label(),
            "agreed": optional_date(plan.agreed),
            "responds_to": responds_to,
            "source": text(plan.source.as_ref()),
            "summary": self.markdown_field(plan.summary.as_ref(), 3, &plan.title),
            "labels": labels,
            "columns": {
                "budget": used(&|a| a.budget.is_some()),
                "timescale": used(&|a| a.timescale.is_some()),
                "target": used(&|a| a.target.is_some()),
            },
            "sections": sections,
            "recommendations": plan.recommendations.iter().map(|r| self.recommendation(plan, None, r, cycle, history)).collect::<Vec<_>>(),
            // Only reports up to this one, so a page as of a cycle never changes when a later one is added.
            "cycles": facts.cycles.iter().filter(|c| cycle.is_none_or(|at| c.date <= at.date)).map(|c| json!({
                "id": c.id,
                "label": Renderer::cycle_label(c),
                "url": self.links.plan_at(&plan.id, &c.id),
            })).collect::<Vec<_>>(),
            "json": self.links.plan_data(&plan.id, "json"),
            "csv": self.links.plan_data(&plan.id, "csv"),
        })
    }

    /// Card data for a plan in lists: title, address and its latest RAG summary.
    pub fn plan_card(&self, facts: &PlanFacts<'s>) -> Value {
        let cycle = facts.latest_cycle();
        let summary = self
            .facts
            .summary(facts.actions.iter().map(|a| a.action), cycle);
        json!({
            "title": facts.plan.title,
            "url": self.links.plan(&facts.plan.id),
            "organisation": facts.plan.organisation,
            "kind": facts.plan.kind.label(),
            "as_of": cycle.map(Renderer::cycle_label),
            "summary": self.summary(&summary, &format!("rag-{}", facts.plan.id), cycle),
        })
    }

    pub fn inspection(&self, inspection: &Inspection) -> (Value, Value, Value) {
        let findings: Vec<Value> = inspection
            .findings
            .iter()
            .map(|finding| {
                let key = format!("{}#{}", inspection.id, finding.id);
                let answers: Vec<Value> = self
                    .facts
                    .answers
                    .get(&key)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|answer| self.answer(answer))
                    .collect();
                json!({
                    "id": finding.id,
                    "anchor": finding_anchor(&finding.id),
                    "label": format!("{} recommendation {}", inspection.inspectorate, finding.id),
                    "text": finding.text.trim(),
                    "answered": self.facts.is_answered(&key),
                    "answers": answers,
                })
            })
            .collect();
        let unanswered: Vec<Value> = findings
            .iter()
            .filter(|f| f["answered"] == Value::Bool(false))
            .cloned()
            .collect();
        let coverage = json!({
            "total": findings.len(),
            "answered": findings.len() - unanswered.len(),
            "unanswered": unanswered,
        });
        let plans: Vec<Value> = self
            .facts
            .site
            .plans
            .iter()
            .filter(|p| p.responds_to.contains(&inspection.id))
            .map(|p| json!({ "title": p.title, "url": self.links.plan(&p.id) }))
            .collect();
        let view = json!({
            "id": inspection.id,
            "title": inspection.title,
            "inspectorate": inspection.inspectorate,
            "organisation": inspection.organisation,
            "source": text(inspection.source.as_ref()),
            "visit": inspection.visit.as_ref().map(|v| json!({ "start": date(v.start), "end": date(v.end) })),
            "published": optional_date(inspection.published),
            "overall": inspection.overall.map(grade),
            "judgements": inspection.judgements.iter().map(|j| json!({ "area": j.area, "grade": grade(j.grade) })).collect::<Vec<_>>(),
            "summary": self.markdown_field(inspection.summary.as_ref(), 3, &inspection.title),
            "plans": plans,
        });
        (view, Value::Array(findings), coverage)
    }

    fn answer(&self, answer: &ActionRefOrRec<'s>) -> Value {
        match answer {
            ActionRefOrRec::Recommendation(plan, rec) => {
                let facts = self.facts.plan(&plan.id);
                let cycle = facts.and_then(PlanFacts::latest_cycle);
                let summary = self.facts.summary(rec.actions.iter(), cycle);
                json!({
                    "plan": plan.title,
                    "label": format!("{} {}", plan.labels.get("recommendation"), rec.id),
                    "url": format!("{}#{}", self.links.plan(&plan.id), recommendation_anchor(&rec.id)),
                    "text": text(rec.title.as_ref().or(rec.text.as_ref())),
                    "summary": summary_phrase(&summary, &self.facts.site.statuses),
                })
            }
            ActionRefOrRec::Action(action) => {
                let facts = self.facts.plan(&action.plan.id);
                let state = self
                    .facts
                    .state(action.action, facts.and_then(PlanFacts::latest_cycle));
                json!({
                    "plan": action.plan.title,
                    "label": format!("action {}", action.action.id()),
                    "url": format!("{}#{}", self.links.plan(&action.plan.id), action_anchor(action.action.id())),
                    "text": action.action.text.trim(),
                    "summary": state.status.map_or_else(|| "Not rated".to_owned(), |s| s.label.clone()),
                })
            }
        }
    }

    pub fn briefing(&self, briefing: &Briefing) -> Value {
        let meta = &briefing.meta;
        let cycle = meta.cycle.as_ref().and_then(|id| self.facts.cycle(id));
        json!({
            "title": meta.title,
            "date": date(meta.date),
            "meeting": meta.meeting,
            "author": meta.author,
            "details": meta.details.iter().map(|(label, value)| json!({ "label": label, "value": value })).collect::<Vec<_>>(),
            "plans": meta.plans.iter()
                .filter_map(|id| self.facts.site.plans.iter().find(|p| &p.id == id))
                .map(|p| json!({ "title": p.title, "url": self.links.plan(&p.id) }))
                .collect::<Vec<_>>(),
            "cycle": cycle.map(|c| json!({ "label": Renderer::cycle_label(c), "url": self.links.cycle(&c.id) })),
            "body": self.markdown(&briefing.body, 2, &meta.title),
            "url": self.links.briefing(&briefing.id),
        })
    }
}

impl<'s> Renderer<'_, 's> {
    /// What changed for a plan at a cycle. The actions behind schedule carry the
    /// progress reported (the exception report); status changes are listed with
    /// before and after; the long lists (new progress, no update) are links to the
    /// actions on the plan's page for that cycle, so pages stay a readable size
    /// however many plans report.
    ///
    /// Without `lists` (the page of a cycle across plans), only the exception
    /// report is listed; the other groups are counts linking to the plan's page.
    pub fn changes(&self, plan: &PlanFacts<'s>, cycle: &'s Cycle, lists: bool) -> Value {
        let changes = self.facts.changes(plan, cycle);
        let item = |action: &ActionRef<'s>| {
            let mut view = self.action(action, Some(cycle), false);
            let before = self.facts.state(action.action, changes.previous);
            view["url"] = Value::String(format!(
                "{}#{}",
                self.links.plan_at(&plan.plan.id, &cycle.id),
                action_anchor(action.action.id())
            ));
            view["before"] = json!({
                "status": before.status.map(status),
                "overdue": before.overdue,
                "due": optional_date(before.due),
            });
            view
        };
        let anchor = |action: &ActionRef<'s>| {
            json!({
                "id": action.action.id(),
                "url": format!("{}#{}", self.links.plan_at(&plan.plan.id, &cycle.id), action_anchor(action.action.id())),
            })
        };
        let list = |actions: &[ActionRef<'s>]| {
            actions
                .iter()
                .take(if lists { usize::MAX } else { 0 })
                .map(|action| {
                    let mut view = item(action);
                    if !view["progress"].is_null() {
                        view["progress"] = Value::Null;
                        view["progress_below"] = Value::Bool(true);
                    }
                    view
                })
                .collect::<Vec<_>>()
        };
        let links = |actions: &[ActionRef<'s>]| {
            actions
                .iter()
                .take(if lists { usize::MAX } else { 0 })
                .map(anchor)
                .collect::<Vec<_>>()
        };
        let groups = [
            (
                "behind",
                "Behind schedule",
                "Open actions behind schedule at this meeting, with the progress reported.",
                changes.behind.len(),
                changes.behind.iter().map(item).collect(),
            ),
            (
                "newly-done",
                "Newly done",
                "Actions completed since the previous report.",
                changes.newly_done.len(),
                list(&changes.newly_done),
            ),
            (
                "worse",
                "Worse",
                "Actions whose status got worse since the previous report.",
                changes.worse.len(),
                list(&changes.worse),
            ),
            (
                "better",
                "Better",
                "Actions whose status improved, short of being done.",
                changes.better.len(),
                list(&changes.better),
            ),
            (
                "newly-overdue",
                "Newly overdue",
                "Actions that passed their due date since the previous report without being done.",
                changes.newly_overdue.len(),
                list(&changes.newly_overdue),
            ),
            (
                "moved",
                "Deadlines moved",
                "Actions whose due date was changed at this meeting.",
                changes.moved.len(),
                list(&changes.moved),
            ),
            (
                "new-progress",
                "New progress reported",
                "Actions whose progress report differs from the previous one.",
                changes.new_progress.len(),
                links(&changes.new_progress),
            ),
            (
                "no-update",
                "No update this cycle",
                "Open actions with no progress reported at this meeting.",
                changes.no_update.len(),
                links(&changes.no_update),
            ),
        ];
        json!({
            "plan": { "title": plan.plan.title, "url": self.links.plan_at(&plan.plan.id, &cycle.id) },
            "cycle": { "id": cycle.id, "label": Renderer::cycle_label(cycle), "url": self.links.cycle(&cycle.id) },
            "previous": changes.previous.map(|c| json!({ "label": Renderer::cycle_label(c), "url": self.links.plan_at(&plan.plan.id, &c.id) })),
            "groups": groups.into_iter().map(|(id, title, hint, count, actions)| json!({
                "id": id, "title": title, "hint": hint, "count": count, "actions": actions,
                "compact": matches!(id, "new-progress" | "no-update"),
            })).collect::<Vec<_>>(),
        })
    }

    /// The plan's RAG summary at each of its cycles, oldest first.
    pub fn trend(&self, plan: &PlanFacts<'s>) -> Vec<Value> {
        plan.cycles
            .iter()
            .map(|cycle| {
                let summary = self
                    .facts
                    .summary(plan.actions.iter().map(|a| a.action), Some(cycle));
                json!({
                    "label": Renderer::cycle_label(cycle),
                    "date": date(cycle.date),
                    "url": self.links.plan_at(&plan.plan.id, &cycle.id),
                    "summary": self.summary(&summary, &format!("rag-{}", cycle.id), Some(cycle)),
                })
            })
            .collect()
    }
}

/// "3 actions: 2 Complete, 1 Behind schedule".
fn summary_phrase(summary: &Summary, statuses: &[Status]) -> String {
    if summary.total == 0 {
        return "no actions yet".to_owned();
    }
    let mut parts: Vec<String> = statuses
        .iter()
        .filter_map(|s| {
            let n = summary.count(&s.id);
            (n > 0).then(|| format!("{n} {}", s.label))
        })
        .collect();
    if summary.not_rated > 0 {
        parts.push(format!("{} not rated", summary.not_rated));
    }
    let noun = if summary.total == 1 {
        "action"
    } else {
        "actions"
    };
    format!("{} {noun}: {}", summary.total, parts.join(", "))
}

//! Stage 4: one Tera context per page, rendered with the theme.

pub mod data;
pub mod feed;
pub mod links;
pub mod pages;
pub mod theme;
pub mod view;

use crate::derive::{ActionRefOrRec, ActionState, Facts, PlanFacts, Summary};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::model::cycle::Cycle;
use crate::model::date::Date;
use crate::model::document::Briefing;
use crate::model::inspection::{Grade, Inspection};
use crate::model::plan::{ActionRef, Plan, Recommendation, Section};
use crate::model::status::Status;
use crate::output::Output;
use crate::render::links::{
    action_anchor, finding_anchor, recommendation_anchor, section_anchor, Links,
};
use crate::render::theme::Theme;
use crate::render::view::{address, list, with, Memo, Value};
use crate::text::slug;
use crate::view;
use std::collections::HashMap;
use tera::value::Key;

/// Renders pages; holds what every page shares, and the parts of pages that
/// several pages of a scope show (see [`Renderer::scoped`]).
pub struct Renderer<'a, 's> {
    pub facts: &'a Facts<'s>,
    pub links: Links,
    pub theme: &'a Theme,
    common: tera::Context,
    statuses: HashMap<&'s str, Value>,
    /// `inspection#finding` → the finding as a link with its text.
    findings: Memo<String>,
    /// An action's owners, by the address of its owner list.
    owners: Memo<usize>,
    /// Rendered Markdown, by the address of its text and its top heading level;
    /// shared by every scope, as owners' pages, the dashboard and cycle pages
    /// show the progress the plans' pages show.
    markdown: std::sync::Arc<Memo<(usize, u8)>>,
    /// An action as of a cycle (without history), by the action and its state.
    actions: Memo<(usize, usize, bool, bool)>,
    dates: Memo<Date>,
}

pub fn date(date: Date) -> Value {
    view! { "iso" => date.to_string(), "text" => date.long() }
}

fn optional_date(value: Option<Date>) -> Value {
    value.map_or_else(Value::none, date)
}

pub fn status(status: &Status) -> Value {
    view! {
        "id" => status.id.as_str(),
        "label" => status.label.as_str(),
        "colour" => Value::from_serializable(&status.colour),
        "description" => status.description.as_str(),
        "done" => status.done,
    }
}

fn grade(grade: Grade) -> Value {
    view! { "id" => Value::from_serializable(&grade), "label" => grade.label() }
}

/// Text without the trailing whitespace block scalars leave.
fn text(value: Option<&String>) -> Value {
    value.map_or_else(Value::none, |t| Value::from(t.trim()))
}

impl<'a, 's> Renderer<'a, 's> {
    pub fn new(facts: &'a Facts<'s>, theme: &'a Theme) -> Renderer<'a, 's> {
        let site = facts.site;
        let links = Links::new(&site.config.base_url);
        let mut common = tera::Context::new();
        common.insert_value(
            "site",
            view! {
                "title" => site.config.title.as_str(),
                "organisation" => site.config.organisation.as_str(),
                "description" => site.config.description.as_deref(),
            },
        );
        common.insert_value(
            "nav",
            view! {
                "home" => links.home(),
                "plans" => links.path("plans/"),
                "inspections" => links.path("inspections/"),
                "briefings" => links.path("briefings/"),
                "owners" => links.path("owners/"),
                "cycles" => links.path("cycles/"),
                "feed" => links.path("feed.xml"),
                "pages" => list(site.pages.iter().map(|p| view! { "title" => p.meta.title.as_str(), "url" => links.page(&p.id) })),
            },
        );
        common.insert_value("assets", view! { "css" => links.asset("style.css") });
        common.insert_value("statuses", list(site.statuses.iter().map(status)));
        Renderer {
            facts,
            links,
            theme,
            common,
            statuses: site
                .statuses
                .iter()
                .map(|s| (s.id.as_str(), status(s)))
                .collect(),
            findings: Memo::default(),
            owners: Memo::default(),
            markdown: std::sync::Arc::default(),
            actions: Memo::default(),
            dates: Memo::default(),
        }
    }

    /// A renderer for a group of pages that repeat each other (a plan's page and
    /// its page at each cycle): what one builds, the next reuses, and it is
    /// freed when the group is done, so memory does not grow with the site
    /// (except rendered Markdown, which all scopes share).
    #[must_use]
    pub fn scoped(&self) -> Renderer<'a, 's> {
        Renderer {
            facts: self.facts,
            links: self.links.clone(),
            theme: self.theme,
            common: self.common.clone(),
            statuses: self.statuses.clone(),
            findings: Memo::default(),
            owners: Memo::default(),
            markdown: self.markdown.clone(),
            actions: Memo::default(),
            dates: Memo::default(),
        }
    }

    /// A date as the templates see it; councils' dates repeat, so each is built once.
    fn date(&self, value: Option<Date>) -> Value {
        value.map_or_else(Value::none, |d| self.dates.get_or(d, || date(d)))
    }

    /// A status as the templates see it.
    fn status(&self, status: Option<&Status>) -> Value {
        status.map_or_else(Value::none, |s| {
            self.statuses
                .get(s.id.as_str())
                .cloned()
                .unwrap_or_else(|| crate::render::status(s))
        })
    }

    /// Renders a template with the shared context plus `page`.
    pub fn page(&self, template: &str, path: &str, page: Value) -> Result<Output, Diagnostic> {
        let mut context = self.common.clone();
        for (key, value) in page.into_map().unwrap_or_default() {
            match key {
                Key::Str(key) => context.insert_value(key, value),
                other => {
                    if let Some(key) = other.as_str() {
                        context.insert_value(key.to_owned(), value);
                    }
                }
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
                context.insert_value(key, Value::none());
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
        if let Some(plan) = self.facts.plan(doc) {
            let base = self.links.plan(doc);
            return Some(match item {
                None => base,
                Some(item) => format!("{base}#{}", Renderer::plan_anchor(plan.plan, item)),
            });
        }
        if self.facts.inspection(doc).is_some() {
            let base = self.links.inspection(doc);
            return Some(match item {
                None => base,
                Some(item) => format!("{base}#{}", finding_anchor(item)),
            });
        }
        if self.facts.briefing(doc).is_some() {
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

    /// A Markdown field of the content, rendered once per build however many
    /// pages show it (its table caption `label` is the same wherever it appears).
    fn markdown_field(
        &self,
        text: Option<&String>,
        top: u8,
        label: impl FnOnce() -> String,
    ) -> Value {
        text.map_or_else(Value::none, |t| {
            self.markdown.get_or((address(t), top), || {
                Value::from(self.markdown(t, top, &label()))
            })
        })
    }

    pub fn cycle_label(cycle: &Cycle) -> String {
        format!("{}, {}", cycle.meeting, cycle.date.long())
    }

    /// A RAG summary with its bar segments laid out (in percent of the bar's width).
    pub fn summary(&self, summary: &Summary, key: &str, as_of: Option<&Cycle>) -> Value {
        let mut x = 0.0_f64;
        let mut segments = Vec::new();
        let mut nonzero = Vec::new();
        let mut push = |id: &str, label: &str, colour: Value, count: usize| {
            #[allow(clippy::cast_precision_loss)]
            let width = if summary.total == 0 {
                0.0
            } else {
                count as f64 * 100.0 / summary.total as f64
            };
            let segment = view! {
                "id" => id,
                "label" => label,
                "colour" => colour,
                "count" => count,
                "percent" => Summary::percent(count, summary.total),
                "x" => format!("{x:.2}"),
                "width" => format!("{width:.2}"),
            };
            if count > 0 {
                nonzero.push(segment.clone());
            }
            segments.push(segment);
            x += width;
        };
        for status in &self.facts.site.statuses {
            push(
                &status.id,
                &status.label,
                Value::from_serializable(&status.colour),
                summary.count(&status.id),
            );
        }
        push(
            "not-rated",
            "Not rated",
            Value::from("none"),
            summary.not_rated,
        );
        view! {
            "key" => key,
            "total" => summary.total,
            "done" => summary.done,
            "percent_done" => summary.percent_done(),
            "overdue" => summary.overdue,
            "not_rated" => summary.not_rated,
            "nonzero" => nonzero,
            "segments" => segments,
            "as_of" => as_of.map(|c| c.date.long()),
        }
    }

    /// A link to a finding, with its text on hand.
    pub fn finding(&self, key: &str) -> Value {
        self.findings.get_or(key.to_owned(), || {
            let (inspection_id, finding_id) = key.split_once('#').unwrap_or((key, ""));
            let inspection = self.facts.inspection(inspection_id);
            let finding = inspection.and_then(|i| i.findings.iter().find(|f| f.id == finding_id));
            view! {
                "label" => format!("{} recommendation {finding_id}", inspection.map_or("Inspection", |i| i.inspectorate.as_str())),
                "url" => format!("{}#{}", self.links.inspection(inspection_id), finding_anchor(finding_id)),
                "text" => finding.map(|f| f.text.trim()),
                "inspection" => inspection.map(|i| i.title.as_str()),
            }
        })
    }

    fn findings(&self, keys: &[String]) -> Value {
        list(keys.iter().map(|f| self.finding(f)))
    }

    fn owners(&self, names: &Vec<String>) -> Value {
        self.owners.get_or(address(names), || {
            list(names.iter().map(
                |name| view! { "name" => name.as_str(), "url" => self.links.owner(&slug(name)) },
            ))
        })
    }

    /// One action as of a cycle, with everything the tables show; with its
    /// history of updates when `history` (the plan's main page has it; snapshots
    /// and summaries link there).
    ///
    /// Without history, an action looks the same at every cycle at which its
    /// latest update and overdue flag are the same, so it is built once per such
    /// state and shared by every page that shows it.
    pub fn action(&self, action: &ActionRef<'s>, cycle: Option<&Cycle>, history: bool) -> Value {
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
            ("measure", &a.measure),
            ("evidence", &a.evidence),
            ("source", &a.source),
            ("outcome", &a.outcome),
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
    pub fn plan(&self, facts: &PlanFacts<'s>, cycle: Option<&Cycle>, history: bool) -> Value {
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
    pub fn plan_card(&self, facts: &PlanFacts<'s>) -> Value {
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

    pub fn inspection(&self, inspection: &Inspection) -> (Value, Value, Value) {
        let mut findings = Vec::new();
        let mut unanswered = Vec::new();
        for finding in &inspection.findings {
            let key = format!("{}#{}", inspection.id, finding.id);
            let answers = list(
                self.facts
                    .answers
                    .get(&key)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|answer| self.answer(answer)),
            );
            let answered = self.facts.is_answered(&key);
            let view = view! {
                "id" => finding.id.as_str(),
                "anchor" => finding_anchor(&finding.id),
                "label" => format!("{} recommendation {}", inspection.inspectorate, finding.id),
                "text" => finding.text.trim(),
                "answered" => answered,
                "answers" => answers,
            };
            if !answered {
                unanswered.push(view.clone());
            }
            findings.push(view);
        }
        let coverage = view! {
            "total" => findings.len(),
            "answered" => findings.len() - unanswered.len(),
            "unanswered" => unanswered,
        };
        let plans = list(
            self.facts
                .site
                .plans
                .iter()
                .filter(|p| p.responds_to.contains(&inspection.id))
                .map(|p| view! { "title" => p.title.as_str(), "url" => self.links.plan(&p.id) }),
        );
        let view = view! {
            "id" => inspection.id.as_str(),
            "title" => inspection.title.as_str(),
            "inspectorate" => inspection.inspectorate.as_str(),
            "organisation" => inspection.organisation.as_str(),
            "source" => text(inspection.source.as_ref()),
            "visit" => inspection.visit.as_ref().map(|v| view! { "start" => date(v.start), "end" => date(v.end) }),
            "published" => optional_date(inspection.published),
            "overall" => inspection.overall.map(grade),
            "judgements" => list(inspection.judgements.iter().map(|j| view! { "area" => j.area.as_str(), "grade" => grade(j.grade) })),
            "summary" => self.markdown_field(inspection.summary.as_ref(), 3, || inspection.title.clone()),
            "plans" => plans,
        };
        (view, Value::from(findings), coverage)
    }

    fn answer(&self, answer: &ActionRefOrRec<'s>) -> Value {
        match answer {
            ActionRefOrRec::Recommendation(plan, rec) => {
                let facts = self.facts.plan(&plan.id);
                let cycle = facts.and_then(PlanFacts::latest_cycle);
                let summary = self.facts.summary(rec.actions.iter(), cycle);
                view! {
                    "plan" => plan.title.as_str(),
                    "label" => format!("{} {}", plan.labels.get("recommendation"), rec.id),
                    "url" => format!("{}#{}", self.links.plan(&plan.id), recommendation_anchor(&rec.id)),
                    "text" => text(rec.title.as_ref().or(rec.text.as_ref())),
                    "summary" => summary_phrase(&summary, &self.facts.site.statuses),
                }
            }
            ActionRefOrRec::Action(action) => {
                let facts = self.facts.plan(&action.plan.id);
                let state = self
                    .facts
                    .state(action.action, facts.and_then(PlanFacts::latest_cycle));
                view! {
                    "plan" => action.plan.title.as_str(),
                    "label" => format!("action {}", action.action.id()),
                    "url" => format!("{}#{}", self.links.plan(&action.plan.id), action_anchor(action.action.id())),
                    "text" => action.action.text.trim(),
                    "summary" => state.status.map_or("Not rated", |s| s.label.as_str()),
                }
            }
        }
    }

    pub fn briefing(&self, briefing: &Briefing) -> Value {
        let meta = &briefing.meta;
        let cycle = meta.cycle.as_ref().and_then(|id| self.facts.cycle(id));
        view! {
            "title" => meta.title.as_str(),
            "date" => date(meta.date),
            "meeting" => meta.meeting.as_deref(),
            "author" => meta.author.as_deref(),
            "details" => list(meta.details.iter().map(|(label, value)| view! { "label" => label.as_str(), "value" => value.as_str() })),
            "plans" => list(meta.plans.iter()
                .filter_map(|id| self.facts.plan(id))
                .map(|p| view! { "title" => p.plan.title.as_str(), "url" => self.links.plan(&p.plan.id) })),
            "cycle" => cycle.map(|c| view! { "label" => Renderer::cycle_label(c), "url" => self.links.cycle(&c.id) }),
            "body" => self.markdown(&briefing.body, 2, &meta.title),
            "url" => self.links.briefing(&briefing.id),
        }
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
        let at_cycle = self.links.plan_at(&plan.plan.id, &cycle.id);
        let url = |action: &ActionRef<'s>| {
            Value::from(format!("{at_cycle}#{}", action_anchor(action.action.id())))
        };
        let item = |action: &ActionRef<'s>, progress: bool| {
            let view = self.action(action, Some(cycle), false);
            let before = self.facts.state(action.action, changes.previous);
            let mut extra = vec![
                ("url", url(action)),
                (
                    "before",
                    view! {
                        "status" => self.status(before.status),
                        "overdue" => before.overdue,
                        "due" => self.date(before.due),
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
        let groups = [
            (
                "behind",
                "Behind schedule",
                "Open actions behind schedule at this meeting, with the progress reported.",
                changes.behind.len(),
                changes.behind.iter().map(|a| item(a, true)).collect(),
            ),
            (
                "newly-done",
                "Newly done",
                "Actions completed since the previous report.",
                changes.newly_done.len(),
                listed(&changes.newly_done),
            ),
            (
                "worse",
                "Worse",
                "Actions whose status got worse since the previous report.",
                changes.worse.len(),
                listed(&changes.worse),
            ),
            (
                "better",
                "Better",
                "Actions whose status improved, short of being done.",
                changes.better.len(),
                listed(&changes.better),
            ),
            (
                "newly-overdue",
                "Newly overdue",
                "Actions that passed their due date since the previous report without being done.",
                changes.newly_overdue.len(),
                listed(&changes.newly_overdue),
            ),
            (
                "moved",
                "Deadlines moved",
                "Actions whose due date was changed at this meeting.",
                changes.moved.len(),
                listed(&changes.moved),
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
        view! {
            "plan" => view! { "title" => plan.plan.title.as_str(), "url" => at_cycle.as_str() },
            "cycle" => view! { "id" => cycle.id.as_str(), "label" => Renderer::cycle_label(cycle), "url" => self.links.cycle(&cycle.id) },
            "previous" => changes.previous.map(|c| view! { "label" => Renderer::cycle_label(c), "url" => self.links.plan_at(&plan.plan.id, &c.id) }),
            "groups" => list(groups.into_iter().map(|(id, title, hint, count, actions)| view! {
                "id" => id, "title" => title, "hint" => hint, "count" => count, "actions" => actions,
                "compact" => matches!(id, "new-progress" | "no-update"),
            })),
        }
    }

    /// The plan's RAG summary at each of its cycles, oldest first.
    pub fn trend(&self, plan: &PlanFacts<'s>) -> Value {
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

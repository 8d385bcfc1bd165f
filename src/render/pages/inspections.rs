//! The list of inspections, and each inspection with its judgements, its
//! findings and what answers each of them in every plan.

use crate::derive::Facts;
use crate::derive::{ActionRefOrRec, PlanFacts, Summary};
use crate::diagnostic::Diagnostic;
use crate::model::inspection::{Finding, Inspection};
use crate::model::plan::{Action, ActionRef, Column};
use crate::model::references::Ref;
use crate::model::status::{Colour, NOT_RATED, NO_UPDATE};
use crate::render::fragments::plan::action_name;
use crate::render::jobs::Job;
use crate::render::links::{action_anchor, finding_anchor, recommendation_anchor};
use crate::render::pages::parts::{crumbs, list_page, missing};
use crate::render::renderer::{date, finding_label, grade, optional_date, overall, text, Renderer};
use crate::render::view::{list, Value};
use crate::view;
use std::collections::BTreeSet;

/// The plans answering an inspection that hold only part of their paper:
/// a finding no action answers may be answered in the part not transcribed.
fn partial_plans<'f>(
    facts: &'f Facts<'_>,
    inspection: &str,
) -> impl Iterator<Item = &'f crate::model::plan::Plan> + 'f {
    facts
        .answering
        .get(inspection)
        .into_iter()
        .flatten()
        .filter_map(|id| facts.plan(id))
        .map(|p| p.plan)
        .filter(|p| p.partial.is_some())
}

/// "Ofsted, Slough Borough Council"; the inspectorate alone for a national inquiry.
fn inspectorate_and_organisations(inspection: &Inspection) -> String {
    let organisations = inspection.organisations_text();
    if organisations.is_empty() {
        inspection.inspectorate.clone()
    } else {
        format!("{}, {organisations}", inspection.inspectorate)
    }
}

/// A visit's kind as a page's first word: "monitoring" reads "Monitoring".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// How plans name a finding of an inspection (`inspection#finding`).
fn finding_ref<'a>(inspection: &'a Inspection, finding: &'a Finding) -> Ref<'a> {
    Ref {
        document: &inspection.id,
        item: Some(&finding.id),
    }
}

pub(super) fn index(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let items = list(r.facts.site.inspections.iter().map(|inspection| {
        let total = inspection.findings.len();
        let answered = inspection
            .findings
            .iter()
            .filter(|f| r.facts.is_answered(&finding_ref(inspection, f).to_string()))
            .count();
        // The rest may be answered in the part of a partial plan not transcribed.
        let partly = if partial_plans(r.facts, &inspection.id).next().is_some() {
            "; a plan answering it is partial"
        } else {
            ""
        };
        view! {
            "title" => inspection.title.as_str(),
            "url" => r.links.inspection(&inspection.id),
            "note" => format!("{}: {answered} of {total} findings answered{partly}", inspectorate_and_organisations(inspection)),
        }
    }));
    list_page(
        r,
        job,
        "Inspections",
        "inspections",
        "Inspection reports, their judgements, and how far the plans answer each finding.",
        items,
    )
}

pub(super) fn inspection(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let inspection = r.facts.inspection(id).ok_or_else(|| missing(job))?;
    let (view, findings, coverage) = r.inspection(inspection);
    let repeated = list(
        inspection
            .findings
            .iter()
            .filter(|f| f.repeats.is_some())
            .map(|f| {
                view! {
                    "anchor" => finding_anchor(&f.id),
                    "label" => finding_label(inspection, f),
                    "repeats" => r.repeats(&inspection.id, f).0,
                }
            }),
    );
    r.page(
        "inspection.html",
        job,
        view! {
            "page_title" => inspection.title.as_str(),
            "section" => "inspections",
            "breadcrumbs" => crumbs(r, &[("Inspections", r.links.to(&Job::Inspections))]),
            "inspection" => view,
            "findings" => findings,
            "coverage" => coverage,
            "clocks" => r.clocks_of(&inspection.clocks, inspection.published),
            "repeated" => repeated,
        },
    )
}

impl<'s> Renderer<'_, 's> {
    fn inspection(&self, inspection: &Inspection) -> (Value, Value, Value) {
        let mut findings = Vec::new();
        let mut unanswered = Vec::new();
        let mut flagged = Vec::new();
        for finding in &inspection.findings {
            let key = finding_ref(inspection, finding).to_string();
            let answers = list(
                self.facts
                    .answers
                    .get(&key)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|answer| self.answer(answer)),
            );
            let behind = self.behind(
                self.facts
                    .answers
                    .get(&key)
                    .map(Vec::as_slice)
                    .unwrap_or_default(),
            );
            let answered = self.facts.is_answered(&key);
            let (repeats, repeated_by) = self.repeats(&inspection.id, finding);
            let view = view! {
                "repeats" => repeats,
                "repeated_by" => repeated_by,
                "id" => finding.id.as_str(),
                "anchor" => finding_anchor(&finding.id),
                "label" => finding_label(inspection, finding),
                "text" => finding.text.trim(),
                "answered" => answered,
                "answers" => answers,
                "behind" => behind.clone(),
            };
            if !answered {
                unanswered.push(view.clone());
            }
            if behind.is_some() {
                flagged.push(view.clone());
            }
            findings.push(view);
        }
        let partial = list(partial_plans(self.facts, &inspection.id).map(|p| {
            view! {
                "title" => p.title.as_str(),
                "url" => self.links.plan(&p.id),
                "reason" => p.partial.as_deref().map(str::trim),
            }
        }));
        let coverage = view! {
            "total" => findings.len(),
            "answered" => findings.len() - unanswered.len(),
            "unanswered" => unanswered,
            "partial" => partial,
            "behind" => flagged,
        };
        let plans = list(
            self.facts
                .site
                .plans
                .iter()
                .filter(|p| p.responds_to.contains(&inspection.id))
                .map(|p| view! { "title" => p.title.as_str(), "url" => self.links.plan(&p.id) }),
        );
        let framework = inspection.framework();
        let view = view! {
            "id" => inspection.id.as_str(),
            "title" => inspection.title.as_str(),
            "inspectorate" => inspection.inspectorate.as_str(),
            "organisation" => inspection.organisations_text(),
            "source" => text(inspection.source.as_ref()),
            "visit" => inspection.visit.as_ref().map(|v| view! { "start" => date(v.start), "end" => date(v.end) }),
            "visits" => list(inspection.visits_in_order().into_iter().map(|v| view! {
                "date" => date(v.date),
                "kind" => capitalised(v.kind.trim()),
                "verdict" => v.verdict.as_deref().map(str::trim),
            })),
            "published" => optional_date(inspection.published),
            "overall" => overall(inspection),
            "judgements" => list(inspection.judgements.iter().map(|j| view! { "area" => j.area.as_str(), "grade" => grade(framework, j.grade) })),
            "summary" => self.markdown_field(inspection.summary.as_ref(), 3, || inspection.title.clone()),
            "plans" => plans,
        };
        (view, Value::from(findings), coverage)
    }

    /// What is behind among the open actions answering a finding, in words:
    /// "2 actions overdue; 1 red (Behind schedule)" (`None` when nothing
    /// is). An action answering it twice (itself and by its recommendation)
    /// counts once.
    fn behind(&self, answers: &[ActionRefOrRec<'s>]) -> Option<Value> {
        let mut seen: BTreeSet<(&str, *const Action)> = BTreeSet::new();
        let (mut overdue, mut red) = (0_usize, 0_usize);
        let mut labels: Vec<&str> = Vec::new();
        for answer in answers {
            let (plan, actions): (&str, Vec<&ActionRef<'s>>) = match answer {
                ActionRefOrRec::Recommendation(plan, rec) => (
                    plan.id.as_str(),
                    self.facts.plan(&plan.id).map_or_else(Vec::new, |facts| {
                        facts
                            .actions
                            .iter()
                            .filter(|a| a.recommendation.is_some_and(|r| std::ptr::eq(r, *rec)))
                            .collect()
                    }),
                ),
                ActionRefOrRec::Action(action) => (action.plan.id.as_str(), vec![action]),
            };
            let Some(facts) = self.facts.plan(plan) else {
                continue;
            };
            for action in actions {
                if !seen.insert((plan, std::ptr::from_ref(action.action))) {
                    continue;
                }
                let state = self.facts.state(action, facts.latest_cycle());
                overdue += usize::from(state.overdue);
                if let Some(status) = state.status.filter(|s| s.colour == Colour::Red && !s.done) {
                    red += 1;
                    if !labels.contains(&status.label.as_str()) {
                        labels.push(&status.label);
                    }
                }
            }
        }
        if overdue == 0 && red == 0 {
            return None;
        }
        let mut parts = Vec::new();
        if overdue > 0 {
            let noun = if overdue == 1 { "action" } else { "actions" };
            parts.push(format!("{overdue} {noun} overdue"));
        }
        if red > 0 {
            parts.push(format!("{red} red ({})", labels.join(", ")));
        }
        Some(view! {
            "overdue" => overdue,
            "red" => red,
            "words" => parts.join("; "),
        })
    }

    fn answer(&self, answer: &ActionRefOrRec<'s>) -> Value {
        match answer {
            ActionRefOrRec::Recommendation(plan, rec) => {
                let summary = self.facts.plan(&plan.id).map(|facts| {
                    let actions = facts
                        .actions
                        .iter()
                        .filter(|a| a.recommendation.is_some_and(|r| std::ptr::eq(r, *rec)));
                    self.facts.summary(facts, actions, facts.latest_cycle())
                });
                view! {
                    "plan" => plan.title.as_str(),
                    "label" => format!("{} {}", plan.labels.get(Column::Recommendation), rec.number.as_deref().unwrap_or(&rec.id)),
                    "url" => format!("{}#{}", self.links.plan(&plan.id), recommendation_anchor(&rec.id)),
                    "text" => text(rec.title.as_ref().or(rec.text.as_ref())),
                    "summary" => summary.map(|s| summary_phrase(&s)),
                }
            }
            ActionRefOrRec::Action(action) => {
                let facts = self.facts.plan(&action.plan.id);
                let state = self
                    .facts
                    .state(action, facts.and_then(PlanFacts::latest_cycle));
                view! {
                    "plan" => action.plan.title.as_str(),
                    "label" => action_name(action),
                    "url" => format!("{}#{}", self.links.plan(&action.plan.id), action_anchor(action.action.id())),
                    "text" => action.action.text.trim(),
                    // As the plan page shows an action's status: its tag in words, and overdue.
                    "status" => state.status.map_or_else(Value::none, |s| view! { "label" => s.label.as_str(), "colour" => s.colour.id() }),
                    "no_status" => match (state.status, state.is_reported()) {
                        (Some(_), _) => None,
                        _ if facts.is_some_and(|f| f.statuses.is_empty()) => None,
                        (None, true) => Some(NOT_RATED),
                        (None, false) => Some(NO_UPDATE),
                    },
                    "overdue" => state.overdue,
                    "from_steps" => state.from_steps.map(crate::derive::FromSteps::words),
                }
            }
        }
    }
}

/// "3 actions: 2 Complete, 1 Behind schedule".
fn summary_phrase(summary: &Summary) -> String {
    if summary.total == 0 {
        return "no actions yet".to_owned();
    }
    super::panel::counts(summary)
}

/// What an inspection's page reads (besides what every page reads): the
/// inspection, the inspections whose findings repeat one of its own and
/// those whose findings it repeats, and the plans that answer it.
pub(super) fn reads(facts: &Facts<'_>, id: &str, ids: &mut BTreeSet<String>) {
    ids.insert(id.to_owned());
    for other in &facts.site.inspections {
        let repeats_it = other.findings.iter().any(|f| {
            f.repeats
                .as_deref()
                .map(Ref::parse)
                .is_some_and(|r| matches!(r, Ref { document, item: Some(_) } if document == id))
        });
        if repeats_it {
            ids.insert(other.id.clone());
        }
    }
    if let Some(inspection) = facts.inspection(id) {
        ids.extend(
            inspection
                .findings
                .iter()
                .filter_map(|f| f.repeats.as_deref())
                .map(|r| Ref::parse(r).document.to_owned()),
        );
    }
    if let Some(plans) = facts.answering.get(id) {
        ids.extend(plans.iter().map(|&p| p.to_owned()));
    }
}

//! The list of inspections, and each inspection with its judgements, its
//! findings and what answers each of them in every plan.

use crate::derive::{ActionRefOrRec, PlanFacts, Summary};
use crate::diagnostic::Diagnostic;
use crate::model::inspection::Inspection;
use crate::model::plan::Column;
use crate::model::status::{Status, NOT_RATED};
use crate::render::jobs::Job;
use crate::render::links::{action_anchor, finding_anchor, recommendation_anchor};
use crate::render::pages::parts::{crumbs, list_page, missing};
use crate::render::renderer::{date, grade, optional_date, text, Renderer};
use crate::render::view::{list, Value};
use crate::view;

pub(super) fn index(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let items = list(r.facts.site.inspections.iter().map(|inspection| {
        let total = inspection.findings.len();
        let answered = inspection
            .findings
            .iter()
            .filter(|f| r.facts.is_answered(&format!("{}#{}", inspection.id, f.id)))
            .count();
        view! {
            "title" => inspection.title.as_str(),
            "url" => r.links.inspection(&inspection.id),
            "note" => format!("{}, {}: {answered} of {total} findings answered", inspection.inspectorate, inspection.organisation),
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
    r.page(
        "inspection.html",
        job,
        view! {
            "page_title" => inspection.title.as_str(),
            "section" => "inspections",
            "breadcrumbs" => crumbs(r, &[("Inspections", r.links.path("inspections/"))]),
            "inspection" => view,
            "findings" => findings,
            "coverage" => coverage,
        },
    )
}

impl<'s> Renderer<'_, 's> {
    fn inspection(&self, inspection: &Inspection) -> (Value, Value, Value) {
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
                    "label" => format!("{} {}", plan.labels.get(Column::Recommendation), rec.id),
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
                    "summary" => state.status.map_or(NOT_RATED, |s| s.label.as_str()),
                }
            }
        }
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

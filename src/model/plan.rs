//! An action plan: sections, recommendations, actions and their progress updates.

use crate::model::date::Date;
use crate::text::{one_or_many, optional_scalar_string, scalar_string};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    Scrutiny,
    Inspection,
    PeerReview,
    Improvement,
}

impl PlanKind {
    pub fn label(self) -> &'static str {
        match self {
            PlanKind::Scrutiny => "Scrutiny recommendations",
            PlanKind::Inspection => "Inspection action plan",
            PlanKind::PeerReview => "Peer review action plan",
            PlanKind::Improvement => "Improvement plan",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseStatus {
    Accepted,
    PartiallyAccepted,
    Rejected,
}

impl ResponseStatus {
    pub fn label(self) -> &'static str {
        match self {
            ResponseStatus::Accepted => "Accepted",
            ResponseStatus::PartiallyAccepted => "Partially accepted",
            ResponseStatus::Rejected => "Rejected",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub status: ResponseStatus,
    /// Markdown.
    #[serde(default)]
    pub text: Option<String>,
}

/// Progress reported on an action at one committee cycle.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    #[serde(deserialize_with = "scalar_string")]
    pub cycle: String,
    /// Omitted when the paper reports progress without a RAG status.
    #[serde(default)]
    pub status: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub progress: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub impact: Option<String>,
    /// A revised due date agreed at this cycle.
    #[serde(default)]
    pub due: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Defaults to `<recommendation-or-section-id>.<n>`.
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub id: Option<String>,
    pub text: String,
    #[serde(default, deserialize_with = "one_or_many")]
    pub owner: Vec<String>,
    #[serde(default)]
    pub budget: Option<String>,
    /// The paper's free text, shown as written.
    #[serde(default)]
    pub timescale: Option<String>,
    /// A separate target-date column, as written.
    #[serde(default)]
    pub target: Option<String>,
    /// Drives "overdue".
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub measure: Option<String>,
    #[serde(default)]
    pub evidence: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub findings: Vec<String>,
    #[serde(default)]
    pub updates: Vec<Update>,
}

impl Action {
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    #[serde(deserialize_with = "scalar_string")]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    /// May be omitted when it only restates the linked findings.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub findings: Vec<String>,
    #[serde(default)]
    pub response: Option<Response>,
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// A priority or theme of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Defaults to a slug of the title.
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    /// Actions grouped by theme without recommendations.
    #[serde(default)]
    pub actions: Vec<Action>,
}

impl Section {
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(skip_deserializing)]
    pub id: String,
    pub title: String,
    pub organisation: String,
    #[serde(default)]
    pub body: Option<String>,
    pub kind: PlanKind,
    #[serde(default)]
    pub agreed: Option<Date>,
    #[serde(default)]
    pub responds_to: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub labels: Labels,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Used when the plan has no sections.
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
}

/// Column headings as the council's own paper words them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub recommendation: Option<String>,
    pub action: Option<String>,
    pub owner: Option<String>,
    pub budget: Option<String>,
    pub timescale: Option<String>,
    pub target: Option<String>,
    pub due: Option<String>,
    pub measure: Option<String>,
    pub evidence: Option<String>,
    pub source: Option<String>,
    pub outcome: Option<String>,
    pub progress: Option<String>,
    pub impact: Option<String>,
    pub status: Option<String>,
    pub response: Option<String>,
    pub findings: Option<String>,
}

/// Every column ragtime shows, with its default heading.
const DEFAULT_LABELS: [(&str, &str); 16] = [
    ("recommendation", "Recommendation"),
    ("action", "Action"),
    ("owner", "Owner"),
    ("budget", "Budget"),
    ("timescale", "Timescale"),
    ("target", "Target date"),
    ("due", "Due"),
    ("measure", "Success measure"),
    ("evidence", "Evidence"),
    ("source", "Source"),
    ("outcome", "Outcome"),
    ("progress", "Progress"),
    ("impact", "Impact"),
    ("status", "Status"),
    ("response", "Response"),
    ("findings", "Inspection findings"),
];

impl Labels {
    /// The heading for a column: the council's where given, ragtime's otherwise.
    pub fn get(&self, key: &str) -> &str {
        let given = match key {
            "recommendation" => &self.recommendation,
            "action" => &self.action,
            "owner" => &self.owner,
            "budget" => &self.budget,
            "timescale" => &self.timescale,
            "target" => &self.target,
            "due" => &self.due,
            "measure" => &self.measure,
            "evidence" => &self.evidence,
            "source" => &self.source,
            "outcome" => &self.outcome,
            "progress" => &self.progress,
            "impact" => &self.impact,
            "status" => &self.status,
            "response" => &self.response,
            "findings" => &self.findings,
            _ => &None,
        };
        given.as_deref().unwrap_or_else(|| {
            DEFAULT_LABELS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or("", |(_, label)| label)
        })
    }

    /// Every heading, for templates.
    pub fn resolved(&self) -> BTreeMap<&'static str, &str> {
        DEFAULT_LABELS
            .iter()
            .map(|(key, _)| (*key, self.get(key)))
            .collect()
    }
}

/// An action with the places it sits in its plan.
#[derive(Clone, Copy, Debug)]
pub struct ActionRef<'p> {
    pub plan: &'p Plan,
    pub section: Option<&'p Section>,
    pub recommendation: Option<&'p Recommendation>,
    pub action: &'p Action,
}

impl<'p> ActionRef<'p> {
    /// Findings this action answers: its recommendation's, and its own.
    pub fn findings(&self) -> impl Iterator<Item = &'p String> {
        self.recommendation
            .map(|r| r.findings.as_slice())
            .unwrap_or_default()
            .iter()
            .chain(self.action.findings.iter())
    }
}

impl Plan {
    /// Every action in paper order, with where it sits.
    pub fn actions(&self) -> impl Iterator<Item = ActionRef<'_>> {
        let in_sections = self.sections.iter().flat_map(move |section| {
            section
                .recommendations
                .iter()
                .flat_map(move |rec| {
                    rec.actions.iter().map(move |action| ActionRef {
                        plan: self,
                        section: Some(section),
                        recommendation: Some(rec),
                        action,
                    })
                })
                .chain(section.actions.iter().map(move |action| ActionRef {
                    plan: self,
                    section: Some(section),
                    recommendation: None,
                    action,
                }))
        });
        let top = self.recommendations.iter().flat_map(move |rec| {
            rec.actions.iter().map(move |action| ActionRef {
                plan: self,
                section: None,
                recommendation: Some(rec),
                action,
            })
        });
        in_sections.chain(top)
    }

    /// Every recommendation in paper order.
    pub fn recommendations(&self) -> impl Iterator<Item = &Recommendation> {
        self.sections
            .iter()
            .flat_map(|section| section.recommendations.iter())
            .chain(self.recommendations.iter())
    }
}

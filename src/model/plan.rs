//! An action plan: sections, recommendations, actions and their progress updates.

use crate::model::date::{Date, MeetingDate};
use crate::model::spot::{placed, Placed, Spot};
use crate::model::status::{Colour, Status};
use crate::text::{number_as_printed, one_or_many, optional_scalar_string, scalar_string, Ordered};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

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

/// A point in a plan's life that is not a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Moment {
    /// When the plan was agreed: the ratings it started from.
    Agreed,
}

/// Progress reported on an action at one committee cycle; or, with
/// `at: agreed`, the rating the plan gave it when it was agreed (the first
/// entry, which the first real report is compared with).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    /// Empty for an entry `at` a moment that is not a meeting.
    #[serde(
        default,
        deserialize_with = "scalar_string",
        skip_serializing_if = "String::is_empty"
    )]
    pub cycle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Moment>,
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
    /// Markdown: what happens next, where the paper has a column for it.
    #[serde(default)]
    pub next_steps: Option<String>,
    /// Why no progress was reported at this cycle, said on purpose (a post
    /// vacant, a report deferred); such an update has no status or progress.
    #[serde(default)]
    pub not_reported: Option<String>,
    /// Who set the status: free text ("the action owner", "the improvement board").
    #[serde(default)]
    pub rated_by: Option<String>,
    /// The committee's confirmation that the action is complete: the meeting
    /// and its minute.
    #[serde(default)]
    pub confirmed: Option<Confirmed>,
}

/// A committee's confirmation of completion, at a meeting, under a minute.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmed {
    #[serde(deserialize_with = "scalar_string")]
    pub cycle: String,
    /// The minute number, as the minutes print it ("23", "CYPSC-5").
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub minute: Option<String>,
}

/// What a plan's roll-ups count as done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Completion {
    /// Complete as officers report it (the default).
    #[default]
    Reported,
    /// Complete only once the committee has confirmed it.
    Confirmed,
}

/// An action's due date: a date, or `none` when the paper says on purpose
/// that there is no deadline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Due {
    #[default]
    Unset,
    On(Date),
    Never,
}

impl Due {
    /// The date, if there is one.
    pub fn date(self) -> Option<Date> {
        match self {
            Due::On(date) => Some(date),
            Due::Unset | Due::Never => None,
        }
    }
}

impl<'de> Deserialize<'de> for Due {
    /// An empty `due:` reads as left out, as an empty optional field does;
    /// `load` refuses it, as it may have meant `none`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Due, D::Error> {
        Ok(Option::<Written>::deserialize(deserializer)?.map_or(Due::Unset, |w| w.0))
    }
}

/// A due date as written: a date, or `none`.
struct Written(Due);

impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Written, D::Error> {
        struct DueVisitor;
        impl de::Visitor<'_> for DueVisitor {
            type Value = Due;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written as YYYY-MM-DD, or none")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Due, E> {
                if text.trim().eq_ignore_ascii_case("none") {
                    return Ok(Due::Never);
                }
                Date::parse(text.trim()).map(Due::On).ok_or_else(|| {
                    E::custom(format!(
                        "\"{text}\" is not a real date (expected a date written as YYYY-MM-DD, for example 2016-06-07, or `none` when the paper says there is no deadline)"
                    ))
                })
            }
        }
        deserializer.deserialize_str(DueVisitor).map(Written)
    }
}

impl Serialize for Due {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Due::Unset => serializer.serialize_none(),
            Due::On(date) => date.serialize(serializer),
            Due::Never => serializer.serialize_str("none"),
        }
    }
}

/// A step below an action (a fourth level of the paper): shown under its
/// action and in its history, never counted in roll-ups itself; where the
/// action's own row gives no status, its rated steps give the action its
/// standing (see `derive::state`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// As printed: "(a)", "1.1.2".
    #[serde(default, deserialize_with = "number_as_printed")]
    pub number: Option<String>,
    pub text: String,
    #[serde(default, deserialize_with = "one_or_many")]
    pub owner: Vec<String>,
    #[serde(default)]
    pub timescale: Option<String>,
    #[serde(default)]
    pub due: Due,
    /// The paper marks `due` as estimated ("approx."): pages say "about".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimated: bool,
    /// Success measure, where the paper gives one for the step.
    #[serde(default)]
    pub measure: Option<String>,
    #[serde(default)]
    pub updates: Vec<Update>,
}

/// The paper's own summary of a report: the totals it states, and its words;
/// or, with `at: agreed`, its count of the ratings the plan started from.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Empty for the summary `at` a moment that is not a meeting.
    #[serde(
        default,
        deserialize_with = "scalar_string",
        skip_serializing_if = "String::is_empty"
    )]
    pub cycle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Moment>,
    /// Actions by status id, as the paper counts them.
    #[serde(default)]
    pub counts: Ordered<u64>,
    /// Percentages by status id, as the paper gives them.
    #[serde(default)]
    pub shares: Ordered<f64>,
    /// Markdown.
    #[serde(default)]
    pub narrative: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Defaults to `<recommendation-or-section-id>.<n>`.
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub id: Option<String>,
    /// As printed: "1.1", "(a)".
    #[serde(default, deserialize_with = "number_as_printed")]
    pub number: Option<String>,
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
    /// Drives "overdue"; `none` says on purpose there is no deadline.
    #[serde(default)]
    pub due: Due,
    /// The paper marks `due` as estimated ("approx."): pages say "about".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimated: bool,
    #[serde(default)]
    pub measure: Option<String>,
    /// The indicators (`content/indicators/<id>.yaml`) that measure it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
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
    /// A fourth level: steps below the action.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Whether `id` was written in the file (the paper's own), rather than
    /// made from the action's place; set when ids are filled in.
    #[serde(skip)]
    pub given_id: bool,
    /// Where the action starts in its file, noted as it is read.
    #[serde(skip)]
    pub spot: Spot,
}

impl Placed for Action {
    const NAME: &'static str = "Action";

    fn set_spot(&mut self, spot: Spot) {
        self.spot = spot;
    }
}

impl Action {
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or_default()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    #[serde(deserialize_with = "scalar_string")]
    pub id: String,
    /// As printed, where it differs from the id: "OR 21", "R7-R20".
    #[serde(default, deserialize_with = "number_as_printed")]
    pub number: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// May be omitted when it only restates the linked findings.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub findings: Vec<String>,
    /// The indicators (`content/indicators/<id>.yaml`) that measure it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    #[serde(default)]
    pub response: Option<Response>,
    #[serde(default, deserialize_with = "placed")]
    pub actions: Vec<Action>,
}

/// A priority or theme of the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Defaults to a slug of the title.
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub id: Option<String>,
    /// As printed: "1", "Priority 3".
    #[serde(default, deserialize_with = "number_as_printed")]
    pub number: Option<String>,
    pub title: String,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    /// Actions grouped by theme without recommendations.
    #[serde(default, deserialize_with = "placed")]
    pub actions: Vec<Action>,
}

impl Section {
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(skip_deserializing)]
    pub id: String,
    pub title: String,
    pub organisation: String,
    #[serde(default)]
    pub body: Option<String>,
    pub kind: PlanKind,
    /// A day, or only a month (`2020-03`) when the paper gives no day.
    #[serde(default)]
    pub agreed: Option<MeetingDate>,
    /// The paper marks `agreed` as estimated: pages say "about".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimated: bool,
    #[serde(default)]
    pub responds_to: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub summary: Option<String>,
    /// The plan's own RAG key, replacing the site's; empty when the paper has
    /// no status column; its colours alone (`unknown`) when the paper has one
    /// whose key is not known.
    #[serde(default, deserialize_with = "own_key")]
    pub statuses: Option<Vec<Status>>,
    #[serde(default)]
    pub labels: Labels,
    /// The paper's own summary of each report.
    #[serde(default)]
    pub reports: Vec<Report>,
    /// Why the plan holds only part of its paper, where it does ("the minutes
    /// list only the red items"): pages say so, the paper's counts are upper
    /// bounds on the actions', and no finding is called unanswered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Used when the plan has no sections.
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    /// What roll-ups count as done: completion as reported (the default), or
    /// only completion the committee has confirmed.
    #[serde(default)]
    pub completion: Completion,
    /// Deadlines for the plan itself (the response to recommendations).
    #[serde(default)]
    pub clocks: Vec<crate::model::clock::Clock>,
}

/// A plan's `statuses`: a list, or `unknown` for a status column whose key
/// the paper does not give, which reads as the colours alone ("Red",
/// "Amber"), saying nothing of what they mean and counting none as done.
fn own_key<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<Status>>, D::Error> {
    struct KeyVisitor;
    impl<'de> de::Visitor<'de> for KeyVisitor {
        type Value = Option<Vec<Status>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of statuses, or `unknown`")
        }
        // Given empty, as left out: `load` refuses it, as it may mean either.
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            if text.trim() == "unknown" {
                return Ok(Some(
                    Colour::ALL
                        .iter()
                        .map(|&colour| Status {
                            id: colour.id().to_owned(),
                            label: colour.label().to_owned(),
                            colour,
                            description: "The paper does not say what this colour means."
                                .to_owned(),
                            done: false,
                        })
                        .collect(),
                ));
            }
            Err(E::custom(format!(
                "\"{text}\" is not a key (expected a list of statuses, `[]` when the paper has no status column, or `unknown` when it has one whose key is not known)"
            )))
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::<Status>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Some)
        }
    }
    deserializer.deserialize_any(KeyVisitor)
}

/// Declares the columns a plan's `labels:` may rename, each once: its field,
/// its [`Column`], and ragtime's own heading for it.
macro_rules! columns {
    ($($field:ident => $variant:ident, $default:literal;)*) => {
        /// A column (or heading) ragtime shows, whose wording a plan may change.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Column {
            $($variant),*
        }

        impl Column {
            /// Every column, in the order `labels:` lists them.
            pub const ALL: &'static [Column] = &[$(Column::$variant),*];

            /// Its field in `labels:`, which is also its key in templates.
            pub fn key(self) -> &'static str {
                match self {
                    $(Column::$variant => stringify!($field)),*
                }
            }

            /// ragtime's own heading, used when the plan gives none.
            pub fn default_label(self) -> &'static str {
                match self {
                    $(Column::$variant => $default),*
                }
            }
        }

        /// Column headings as the council's own paper words them.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct Labels {
            $(pub $field: Option<String>,)*
        }

        impl Labels {
            /// The heading the plan gives a column, if it gives one.
            pub(crate) fn given(&self, column: Column) -> Option<&str> {
                match column {
                    $(Column::$variant => self.$field.as_deref()),*
                }
            }

            /// Gives a column the plan's own heading (as an import finds it).
            pub(crate) fn set(&mut self, column: Column, heading: String) {
                match column {
                    $(Column::$variant => self.$field = Some(heading)),*
                }
            }
        }
    };
}

columns! {
    recommendation => Recommendation, "Recommendation";
    action => Action, "Action";
    owner => Owner, "Owner";
    budget => Budget, "Budget";
    timescale => Timescale, "Timescale";
    target => Target, "Target date";
    due => Due, "Due";
    measure => Measure, "Success measure";
    evidence => Evidence, "Evidence";
    source => Source, "Source";
    outcome => Outcome, "Outcome";
    progress => Progress, "Progress";
    next_steps => NextSteps, "Next steps";
    impact => Impact, "Impact";
    status => Status, "Status";
    response => Response, "Response";
    findings => Findings, "Inspection findings";
}

impl Labels {
    /// The heading for a column: the council's where given, ragtime's otherwise.
    pub fn get(&self, column: Column) -> &str {
        self.given(column).unwrap_or(column.default_label())
    }

    /// Every heading by its key, for templates.
    pub fn resolved(&self) -> BTreeMap<&'static str, &str> {
        Column::ALL
            .iter()
            .map(|&column| (column.key(), self.get(column)))
            .collect()
    }
}

/// Where an action is in its plan's file: the positions of its section, its
/// recommendation and itself, in the lists that hold them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub section: Option<usize>,
    pub recommendation: Option<usize>,
    pub action: usize,
}

/// An action with the places it sits in its plan.
#[derive(Clone, Copy, Debug)]
pub struct ActionRef<'p> {
    pub plan: &'p Plan,
    pub section: Option<&'p Section>,
    pub recommendation: Option<&'p Recommendation>,
    pub action: &'p Action,
    pub place: Place,
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
        let in_sections = self
            .sections
            .iter()
            .enumerate()
            .flat_map(move |(s, section)| {
                let under_recommendations =
                    section
                        .recommendations
                        .iter()
                        .enumerate()
                        .flat_map(move |(r, rec)| {
                            rec.actions
                                .iter()
                                .enumerate()
                                .map(move |(a, action)| ActionRef {
                                    plan: self,
                                    section: Some(section),
                                    recommendation: Some(rec),
                                    action,
                                    place: Place {
                                        section: Some(s),
                                        recommendation: Some(r),
                                        action: a,
                                    },
                                })
                        });
                let direct = section
                    .actions
                    .iter()
                    .enumerate()
                    .map(move |(a, action)| ActionRef {
                        plan: self,
                        section: Some(section),
                        recommendation: None,
                        action,
                        place: Place {
                            section: Some(s),
                            recommendation: None,
                            action: a,
                        },
                    });
                under_recommendations.chain(direct)
            });
        let top = self
            .recommendations
            .iter()
            .enumerate()
            .flat_map(move |(r, rec)| {
                rec.actions
                    .iter()
                    .enumerate()
                    .map(move |(a, action)| ActionRef {
                        plan: self,
                        section: None,
                        recommendation: Some(rec),
                        action,
                        place: Place {
                            section: None,
                            recommendation: Some(r),
                            action: a,
                        },
                    })
            });
        in_sections.chain(top)
    }

    /// Whether some action or step has a rating from when the plan was agreed.
    pub fn has_agreed_ratings(&self) -> bool {
        self.actions().any(|a| {
            let steps = a.action.steps.iter().flat_map(|s| s.updates.iter());
            a.action.updates.iter().chain(steps).any(|u| u.at.is_some())
        })
    }

    /// The cycle of every update of every action and step, and of every
    /// report of the paper's own: the meetings the plan reported to.
    pub fn reported_cycles(&self) -> impl Iterator<Item = &str> {
        self.actions()
            .flat_map(|a| {
                let steps = a.action.steps.iter().flat_map(|s| s.updates.iter());
                a.action.updates.iter().chain(steps)
            })
            .filter(|u| u.at.is_none())
            .map(|u| u.cycle.as_str())
            .chain(
                self.reports
                    .iter()
                    .filter(|r| r.at.is_none())
                    .map(|r| r.cycle.as_str()),
            )
    }

    /// Every recommendation in paper order.
    pub fn recommendations(&self) -> impl Iterator<Item = &Recommendation> {
        self.sections
            .iter()
            .flat_map(|section| section.recommendations.iter())
            .chain(self.recommendations.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fall_back_to_ragtimes_own() {
        let labels: Labels =
            serde_yaml::from_str("owner: Leads\ntarget: Target date (revised)\n").unwrap();
        assert_eq!(labels.get(Column::Owner), "Leads");
        assert_eq!(labels.get(Column::Target), "Target date (revised)");
        assert_eq!(labels.get(Column::Measure), "Success measure");
        let resolved = labels.resolved();
        assert_eq!(resolved.len(), Column::ALL.len());
        assert_eq!(resolved["owner"], "Leads");
        assert_eq!(resolved["findings"], "Inspection findings");
        let error = serde_yaml::from_str::<Labels>("ownr: X\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("unknown field `ownr`") && error.contains("`owner`"),
            "{error}"
        );
    }
}

//! An inspection report: who inspected what, the judgements, and its findings.

use crate::model::date::Date;
use crate::text::{number_as_printed, scalar_string};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grade {
    Outstanding,
    Good,
    RequiresImprovement,
    /// The grade below good in frameworks before 2013.
    Adequate,
    Inadequate,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Outstanding => "Outstanding",
            Grade::Good => "Good",
            Grade::RequiresImprovement => "Requires improvement to be good",
            Grade::Adequate => "Adequate",
            Grade::Inadequate => "Inadequate",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    pub start: Date,
    pub end: Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    pub area: String,
    pub grade: Grade,
}

/// A recommendation the inspectors made, numbered as the report numbers it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    #[serde(deserialize_with = "scalar_string")]
    pub id: String,
    /// As printed, where it differs from the id: "OR 21".
    #[serde(default, deserialize_with = "number_as_printed")]
    pub number: Option<String>,
    pub text: String,
    /// The earlier finding this one repeats: `inspection-id#finding-id`.
    #[serde(default)]
    pub repeats: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    #[serde(skip_deserializing)]
    pub id: String,
    pub title: String,
    pub inspectorate: String,
    pub organisation: String,
    /// What the report calls its findings ("area for improvement"); "recommendation" when not given.
    #[serde(default)]
    pub item_label: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub visit: Option<Visit>,
    #[serde(default)]
    pub published: Option<Date>,
    #[serde(default)]
    pub overall: Option<Grade>,
    #[serde(default)]
    pub judgements: Vec<Judgement>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Deadlines the inspection starts (the statement of action, monitoring visits).
    #[serde(default)]
    pub clocks: Vec<crate::model::clock::Clock>,
}

//! A baseline (`content/baselines/<plan>.yaml`, or `<plan>@<cycle>.yaml`):
//! the plan as it stood when it was agreed, or at a meeting, written by
//! `ragtime baseline` and committed by the officer. ragtime compares each plan
//! with its baselines to publish what changed in the plan itself, with no
//! reliance on version control.

use crate::model::date::Date;
use serde::{Deserialize, Serialize};

/// A status of the key in force when the baseline was taken.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineStatus {
    pub id: String,
    pub label: String,
}

/// An action as it stood.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineAction {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// The due date in force then (as revised by updates up to that cycle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timescale: Option<String>,
}

/// The plan as it stood.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The plan's id; must match the file name.
    pub plan: String,
    /// The cycle it was taken at, when the file name gives one (`<plan>@<cycle>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<String>,
    /// The status key in force; empty when the plan has no status column.
    #[serde(default)]
    pub statuses: Vec<BaselineStatus>,
    #[serde(default)]
    pub actions: Vec<BaselineAction>,
}

/// Text as compared for rewording and merging: case, spacing and final
/// punctuation do not count.
pub(crate) fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ';', ',', ':'])
        .to_lowercase()
}

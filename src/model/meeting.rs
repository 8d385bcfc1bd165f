//! A meeting's challenge log (`content/meetings/<cycle>.yaml`): the
//! committee's questions and resolutions, the officers' undertakings (who
//! will bring what back, by which meeting), and the undertakings of earlier
//! meetings answered at this one.

use crate::text::{optional_scalar_string, scalar_string};
use serde::{Deserialize, Serialize};

/// A question members asked, as the minutes record it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    #[serde(deserialize_with = "scalar_string")]
    pub id: String,
    /// The minute it is recorded under ("CYPSC-4").
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub minute: Option<String>,
    #[serde(default)]
    pub who: Option<String>,
    pub text: String,
    /// The answer given at the meeting, where the minutes record one.
    #[serde(default)]
    pub answer: Option<String>,
}

/// What the committee resolved.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    #[serde(deserialize_with = "scalar_string")]
    pub id: String,
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub minute: Option<String>,
    pub text: String,
}

/// Something an officer (or the chair) undertook to bring back.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Undertaking {
    /// Unique across every meeting: a later meeting answers it by this id.
    #[serde(deserialize_with = "scalar_string")]
    pub id: String,
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub minute: Option<String>,
    /// Who undertook it; left out when the minutes do not say.
    #[serde(default)]
    pub who: Option<String>,
    pub what: String,
    /// The cycle (meeting) it is due back at; left out when the minutes give none.
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub due: Option<String>,
}

/// An undertaking of an earlier meeting, answered at this one.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The undertaking's id.
    #[serde(deserialize_with = "scalar_string")]
    pub undertaking: String,
    /// Where it was answered: a reference to a briefing, plan or page
    /// (`telford-peer-review-2013`), checked like a `ref:` link.
    #[serde(default, rename = "where")]
    pub at: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A meeting's challenge log; its id is its cycle's.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    #[serde(skip_deserializing)]
    pub cycle: String,
    /// Where the record comes from (the minutes).
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub resolutions: Vec<Resolution>,
    #[serde(default)]
    pub undertakings: Vec<Undertaking>,
    #[serde(default)]
    pub answered: Vec<Answer>,
}

//! Committee cycles: the meetings at which progress is reported.

use crate::model::date::MeetingDate;
use serde::{Deserialize, Serialize};

/// A committee meeting; its date is the "as of" date of the report made to it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cycle {
    pub id: String,
    /// The date the report speaks as of; a month when the minutes give no day.
    pub date: MeetingDate,
    pub meeting: String,
}

impl Cycle {
    /// "Committee, 15 August 2013": how pages name the meeting.
    pub fn label(&self) -> String {
        format!("{}, {}", self.meeting, self.date.long())
    }
}

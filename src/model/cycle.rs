//! Committee cycles: the meetings at which progress is reported.

use crate::model::date::{Date, MeetingDate};
use serde::{Deserialize, Serialize};

/// The pages a plan has beside its page at each cycle (`plans/<id>/<cycle>/`):
/// the status panel, its code for web teams and the history. No cycle may
/// take one of these ids.
pub(crate) const PLAN_PAGES: [&str; 3] = ["embed", "embed-code", "history"];

/// A committee meeting, and the date the report made to it speaks as of.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cycle {
    pub id: String,
    /// The meeting's date; a month when the minutes give no day.
    pub date: MeetingDate,
    /// The date the paper reports progress as at, where it is earlier than
    /// the meeting ("as at 31 August", to a meeting on 5 September).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<MeetingDate>,
    pub meeting: String,
    /// The report's item on the meeting's agenda ("7", "7(b)"), printed in
    /// the committee report's header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_item: Option<String>,
    /// Who wrote the committee report for this meeting; else `report.author`
    /// in `site.yaml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The date of the committee report (papers go out before the meeting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper_date: Option<crate::model::date::Date>,
}

impl Cycle {
    /// "Committee, 15 August 2013": how pages name the meeting. A meeting
    /// whose name already gives its date as printed keeps its name alone.
    pub fn label(&self) -> String {
        let date = self.date.long();
        if self.meeting.contains(&date) {
            self.meeting.trim().to_owned()
        } else {
            format!("{}, {date}", self.meeting_name())
        }
    }

    /// The meeting's name without a date it ends with as pages print it
    /// ("Committee, 15 August 2013" is "Committee"), for the pages that print
    /// the name and then the date: so that the date is printed once.
    pub fn meeting_name(&self) -> &str {
        let name = self.meeting.trim();
        let Some(rest) = name.strip_suffix(self.date.long().as_str()) else {
            return name;
        };
        let rest = rest.trim_end();
        let rest = rest
            .strip_suffix(',')
            .or_else(|| rest.strip_suffix('–'))
            .or_else(|| rest.strip_suffix('-'))
            .unwrap_or(rest)
            .trim_end();
        if rest.is_empty() {
            name
        } else {
            rest
        }
    }

    /// The date progress is reported as at: `as_of` where given, else the meeting's.
    pub fn as_at(&self) -> MeetingDate {
        self.as_of.unwrap_or(self.date)
    }

    /// The day the report speaks as of, which due dates are compared with:
    /// the last day of a month.
    pub fn as_of_day(&self) -> Date {
        self.as_at().as_of()
    }

    /// What progress is as of, in words: the meeting ("Cabinet, 5 September
    /// 2025"), or the date it is as at and the meeting it went to ("31 August
    /// 2025, reported to Cabinet, 5 September 2025").
    pub fn as_of_label(&self) -> String {
        match self.as_of {
            Some(as_of) => format!("{}, reported to {}", as_of.long(), self.label()),
            None => self.label(),
        }
    }
}

//! Which column holds what: headings recognised by the words councils use,
//! pairs of columns named after meetings matched to cycles, and a mapping
//! file for layouts the guess gets wrong.

use crate::model::cycle::Cycle;
use crate::model::date::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    Section,
    /// The recommendation's text (or, when short, its reference).
    Recommendation,
    /// A recommendation's own reference: "R1", "a)". Without a findings
    /// column, its references are the inspection findings it answers.
    Ref,
    /// The inspection findings a row answers ("OR 21", "4, 7"), beside or
    /// instead of a reference of the recommendation's own.
    Findings,
    Number,
    Id,
    Text,
    /// "How?" beside "What?": joined to the action's text.
    How,
    Owner,
    Budget,
    Timescale,
    Target,
    Due,
    Measure,
    Evidence,
    Source,
    Outcome,
    Status,
    Progress,
    NextSteps,
    Impact,
    /// The cycle an update was reported at (the tracker's "Reported at").
    ReportedAt,
}

/// Every field, with its name in a mapping file and the headings that mean it
/// (lower case, punctuation as spaces, "(s)" dropped).
const FIELDS: &[(Field, &str, &[&str])] = &[
    (
        Field::Section,
        "section",
        &[
            "section",
            "priority",
            "theme",
            "area",
            "workstream",
            "objective",
            "priority area",
            "strategic priority",
            "key priority",
            "strand",
        ],
    ),
    (
        Field::Recommendation,
        "recommendation_text",
        &[
            "recommendation",
            "recommendations",
            "ofsted recommendation",
            "inspection recommendation",
            "scrutiny recommendation",
            "area for improvement",
            "areas for improvement",
            "finding",
            "recommendation text",
            "what needs to improve",
        ],
    ),
    (
        Field::Ref,
        "recommendation_ref",
        &[
            "ref",
            "reference",
            "rec",
            "rec no",
            "recommendation no",
            "recommendation number",
            "recommendation ref",
        ],
    ),
    (
        Field::Findings,
        "findings",
        &[
            "findings",
            "finding ref",
            "finding refs",
            "finding reference",
            "finding no",
            "finding number",
            "ofsted ref",
            "ofsted reference",
            "ofsted finding",
            "inspection ref",
            "inspection reference",
            "inspection finding",
            "ofsted recommendation ref",
            "ofsted recommendation no",
            "responds to",
        ],
    ),
    (
        Field::Number,
        "number",
        &[
            "no",
            "number",
            "#",
            "action no",
            "action number",
            "action ref",
            // Wrexham's post-inspection action plan: the recommendation's number and a letter per action ("R1a").
            "reference number",
            "item",
            "item no",
        ],
    ),
    (Field::Id, "id", &["id", "action id"]),
    (
        Field::Text,
        "text",
        &[
            "action",
            "actions",
            "what?",
            "what",
            "action required",
            "actions required",
            "action to be taken",
            "actions to be taken",
            "key actions",
            "key action",
            "task",
            "activity",
            "description",
            "action description",
            "specific action",
            "what will we do?",
            "what we will do",
        ],
    ),
    (Field::How, "how", &["how?", "how", "how will we do it?"]),
    (
        Field::Owner,
        "owner",
        &[
            "owner",
            "owners",
            "lead",
            "leads",
            "lead officer",
            "lead officers",
            "who?",
            "who",
            "responsible officer",
            "responsible",
            "responsibility",
            "action owner",
            "accountable officer",
            "lead person",
            "by whom",
            "lead responsible officer",
        ],
    ),
    (
        Field::Budget,
        "budget",
        &[
            "budget",
            "resources",
            "resource",
            "cost",
            "resource implications",
        ],
    ),
    (
        Field::Timescale,
        "timescale",
        &[
            "timescale",
            "timescales",
            "when?",
            "when",
            "timeframe",
            "time frame",
            "timeline",
        ],
    ),
    (
        Field::Target,
        "target",
        &[
            "target date",
            "target",
            "completion date",
            "deadline",
            "by when",
            "by when?",
            "date",
            "target completion date",
            "original target date",
            "due by",
        ],
    ),
    (
        Field::Due,
        "due",
        &[
            "due date",
            "due",
            "revised due date",
            "revised target date",
            "revised date",
        ],
    ),
    (
        Field::Measure,
        "measure",
        &[
            "success measure",
            "success measures",
            "success criteria",
            "measure of success",
            "measures of success",
            "outcome measure",
            "measures",
            "how will we know?",
            "how will we know",
            "kpi",
            "performance measure",
            "success indicator",
            "success indicators",
        ],
    ),
    (
        Field::Evidence,
        "evidence",
        &[
            "evidence",
            "evidence of impact",
            "evidence of progress",
            "evidence of completion",
        ],
    ),
    (Field::Source, "source", &["source"]),
    (
        Field::Outcome,
        "outcome",
        &[
            "outcome",
            "outcomes",
            "expected outcome",
            "intended outcome",
            "desired outcome",
            "expected outcomes",
        ],
    ),
    (
        Field::Status,
        "status",
        &[
            "rag",
            "rag rating",
            "rag status",
            "status",
            "brag",
            "brag rating",
            "brag status",
            "rating",
            "progress rating",
            "current rag",
            "current status",
            "overall rag",
            "rag rating status",
        ],
    ),
    (
        Field::Progress,
        "progress",
        &[
            "progress",
            "update",
            "updates",
            "progress update",
            "latest update",
            "comments",
            "commentary",
            "progress to date",
            "position statement",
            "progress commentary",
            "current position",
            "update on progress",
        ],
    ),
    (
        Field::NextSteps,
        "next_steps",
        &["next steps", "next step", "next actions"],
    ),
    (Field::Impact, "impact", &["impact"]),
    (Field::ReportedAt, "reported_at", &["reported at"]),
];

/// Headings ragtime works out for itself, so never reads.
const DERIVED: &[&str] = &["overdue", "plan", "days overdue", "last reported at"];

impl Field {
    pub(crate) fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|(f, ..)| *f == self)
            .map_or("", |(_, name, _)| name)
    }

    fn named(name: &str) -> Option<Field> {
        FIELDS.iter().find(|(_, n, _)| *n == name).map(|(f, ..)| *f)
    }

    /// Whether a value of this field belongs to an update, not the action.
    pub(crate) fn is_update(self) -> bool {
        matches!(
            self,
            Field::Status | Field::Progress | Field::NextSteps | Field::Impact
        )
    }
}

/// A heading as compared: lower case, words only, "(s)" dropped, `?` kept.
pub(crate) fn normalise(heading: &str) -> String {
    let heading = heading.to_lowercase().replace("(s)", "");
    heading
        .split(|c: char| !(c.is_alphanumeric() || c == '?' || c == '#'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ?", "?")
}

/// The field a heading names by the words councils use, if any.
pub(crate) fn recognise(heading: &str) -> Option<Field> {
    let normal = normalise(heading);
    if let Some((field, ..)) = FIELDS
        .iter()
        .find(|(_, _, words)| words.contains(&normal.as_str()))
    {
        return Some(*field);
    }
    let words: Vec<&str> = normal.split(' ').collect();
    let has = |w: &str| words.iter().any(|word| word.trim_end_matches('?') == w);
    let mentions = |part: &str| normal.contains(part);
    // Longer headings by their telling word, most specific first.
    let field = if has("rag") || has("brag") || has("status") {
        Field::Status
    } else if has("next") && mentions("step") {
        Field::NextSteps
    } else if mentions("progress")
        || has("update")
        || has("updates")
        || has("comments")
        || has("commentary")
    {
        Field::Progress
    } else if mentions("measure") || has("success") || has("criteria") {
        Field::Measure
    } else if has("lead")
        || has("leads")
        || mentions("owner")
        || mentions("responsib")
        || has("who")
    {
        Field::Owner
    } else if has("evidence") {
        Field::Evidence
    } else if mentions("timescale") || mentions("timeframe") {
        Field::Timescale
    } else if has("due") {
        Field::Due
    } else if has("date") || has("deadline") {
        Field::Target
    } else if has("action") || has("actions") {
        Field::Text
    } else if mentions("recommendation") {
        Field::Recommendation
    } else if has("outcome") || has("outcomes") {
        Field::Outcome
    } else {
        return None;
    };
    Some(field)
}

/// Whether a heading names something ragtime works out itself ("Overdue").
pub(crate) fn is_derived(heading: &str) -> bool {
    DERIVED.contains(&normalise(heading).as_str())
}

/// What a heading says about a meeting: "RAG Oct 25" → October 2025.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Meeting {
    Month(u16, u8),
    Day(Date),
}

impl Meeting {
    pub(crate) fn describe(self) -> String {
        match self {
            Meeting::Month(year, month) => {
                format!("{} {year}", Date::month_name(month).unwrap_or("?"))
            }
            Meeting::Day(date) => date.long(),
        }
    }

    /// The cycles held on that day (else in its month), or in that month.
    pub(crate) fn cycles<'c>(self, cycles: &'c [Cycle]) -> Vec<&'c Cycle> {
        let in_month = |year: u16, month: u8| -> Vec<&'c Cycle> {
            cycles
                .iter()
                .filter(|c| c.date.as_of().year == year && c.date.as_of().month == month)
                .collect()
        };
        match self {
            Meeting::Month(year, month) => in_month(year, month),
            Meeting::Day(date) => {
                let on: Vec<&Cycle> = cycles.iter().filter(|c| c.date.as_of() == date).collect();
                if on.is_empty() {
                    in_month(date.year, date.month)
                } else {
                    on
                }
            }
        }
    }
}

/// The meeting a heading names, if it names one: a month and year ("Oct 25",
/// "October 2025", "Oct-25"), or a date ("15/10/2025", "2025-10-15").
pub(crate) fn meeting(heading: &str) -> Option<Meeting> {
    let lower = heading.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ':' | ',' | '\''))
        .filter(|w| !w.is_empty())
        .collect();
    for token in &tokens {
        if let Some(date) = Date::parse(token)
            .or_else(|| token.contains('/').then(|| Date::written(token)).flatten())
        {
            return Some(Meeting::Day(date));
        }
    }
    // "Oct-25" is two words.
    let words: Vec<&str> = tokens
        .iter()
        .flat_map(|t| t.split('-'))
        .filter(|w| !w.is_empty())
        .collect();
    for pair in words.windows(2) {
        let month = (1..=12u8).find(|m| {
            let name = Date::month_name(*m).unwrap_or_default().to_lowercase();
            pair[0].len() >= 3 && name.starts_with(pair[0].trim_end_matches('.'))
        });
        let year = match pair[1].len() {
            2 => pair[1].parse::<u16>().ok().map(|y| 2000 + y),
            4 => pair[1].parse::<u16>().ok(),
            _ => None,
        };
        if let (Some(month), Some(year)) = (month, year) {
            return Some(Meeting::Month(year, month));
        }
    }
    None
}

/// A mapping file (`--map`): what to read from where, for layouts the guess gets wrong.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MapFile {
    /// The sheet to read (default: the first sheet with recognisable headings).
    #[serde(default)]
    pub sheet: Option<String>,
    /// The row of headings, counted from 1 as the spreadsheet shows it.
    #[serde(default)]
    pub heading_row: Option<u32>,
    /// Field name → the heading, as written, of the column to read it from.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Headings never to read.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// A word in the status column → the status id it means.
    #[serde(default)]
    pub statuses: BTreeMap<String, String>,
    /// The plan's own RAG key, in `site.yaml`'s form, written into the plan
    /// as its `statuses:` and used to read the status column.
    #[serde(default)]
    pub key: Option<Vec<crate::model::status::Status>>,
    /// A heading → the cycle id its column reports (for columns named after meetings).
    #[serde(default)]
    pub cycles: BTreeMap<String, String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    /// Where it was read from, where its own problems are placed.
    #[serde(skip)]
    pub path: PathBuf,
}

impl MapFile {
    /// The field a mapping file gives a heading, if it gives one; an unknown
    /// field name is an error, with help when it is a name of old.
    pub(crate) fn field_for(
        &self,
        heading: &str,
    ) -> Option<Result<Field, (String, Option<String>)>> {
        let (name, _) = self
            .columns
            .iter()
            .find(|(_, h)| normalise(h) == normalise(heading))?;
        Some(Field::named(name).ok_or_else(|| {
            // The old names said less than they meant: "recommendation" was only its text.
            let renamed = match name.as_str() {
                "recommendation" => Some("recommendation_text"),
                "ref" => Some("recommendation_ref"),
                _ => None,
            };
            if let Some(new) = renamed {
                return (
                    format!("the mapping file names a field \"{name}\", which is now called \"{new}\""),
                    Some("name the recommendation's own words `recommendation_text`, and its reference (\"R1\", which links it to the findings of --responds-to) `recommendation_ref`".to_owned()),
                );
            }
            let names: Vec<&str> = FIELDS.iter().map(|(_, n, _)| *n).collect();
            (
                format!(
                    "the mapping file names a field \"{name}\"; expected one of {}",
                    names.join(", ")
                ),
                None,
            )
        }))
    }

    pub(crate) fn ignores(&self, heading: &str) -> bool {
        self.ignore
            .iter()
            .any(|h| normalise(h) == normalise(heading))
    }

    pub(crate) fn cycle_for(&self, heading: &str) -> Option<&str> {
        self.cycles
            .iter()
            .find(|(h, _)| normalise(h) == normalise(heading))
            .map(|(_, c)| c.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_councils_use_are_recognised() {
        for (heading, field) in [
            ("Action", Field::Text),
            ("What?", Field::Text),
            ("How?", Field::How),
            ("Lead", Field::Owner),
            ("Lead officer(s)", Field::Owner),
            ("Who?", Field::Owner),
            ("Owner", Field::Owner),
            ("Timescale", Field::Timescale),
            ("When?", Field::Timescale),
            ("Target date", Field::Target),
            ("RAG", Field::Status),
            ("Status", Field::Status),
            ("Progress", Field::Progress),
            ("Update", Field::Progress),
            ("Success measure", Field::Measure),
            ("Evidence", Field::Evidence),
            ("Ofsted recommendation", Field::Recommendation),
            ("Ofsted ref", Field::Findings),
            ("Finding ref.", Field::Findings),
            ("Responds to", Field::Findings),
            ("Ref", Field::Ref),
            ("Ref.", Field::Ref),
            ("No.", Field::Number),
            ("Reference number", Field::Number),
            ("RAG rating", Field::Status),
            ("Progress rating", Field::Status),
            ("Due date", Field::Due),
            ("Reported at", Field::ReportedAt),
            // Longer headings by their telling word.
            ("Lead Officer / Service", Field::Owner),
            ("Progress against action (Sept 2016)", Field::Progress),
            ("Current BRAG status", Field::Status),
            ("Key actions to be delivered", Field::Text),
            ("Proposed completion date", Field::Target),
        ] {
            assert_eq!(recognise(heading), Some(field), "{heading}");
        }
        // Each telling word on its own.
        for (heading, field) in [
            ("Latest RAG", Field::Status),
            ("BRAG at Q2", Field::Status),
            ("Delivery status", Field::Status),
            ("Next planned steps", Field::NextSteps),
            ("Progress so far", Field::Progress),
            ("Q2 update", Field::Progress),
            ("Latest updates", Field::Progress),
            ("Officer comments", Field::Progress),
            ("Commentary from lead", Field::Progress),
            ("Measures of impact", Field::Measure),
            ("What success looks like", Field::Measure),
            ("Completion criteria", Field::Measure),
            ("Lead for delivery", Field::Owner),
            ("Service leads", Field::Owner),
            ("Action owners", Field::Owner),
            ("Responsibility for delivery", Field::Owner),
            ("Who is accountable?", Field::Owner),
            ("Evidence gathered", Field::Evidence),
            ("Revised timescale", Field::Timescale),
            ("Timeframe for delivery", Field::Timescale),
            ("Due for completion", Field::Due),
            ("Planned date", Field::Target),
            ("Deadline agreed", Field::Target),
            ("Agreed action", Field::Text),
            ("Planned actions", Field::Text),
            ("Recommendations from scrutiny", Field::Recommendation),
            ("Outcome sought", Field::Outcome),
            ("Intended outcomes", Field::Outcome),
        ] {
            assert_eq!(recognise(heading), Some(field), "{heading}");
        }
        // "Next" alone is no next step, and a word inside another is not that word.
        assert_eq!(recognise("Next meeting"), None);
        assert_eq!(recognise("Ragged"), None);
        assert_eq!(recognise("Officer notes"), None);
        assert_eq!(recognise(""), None);
        assert!(is_derived("Overdue"));
        assert!(!is_derived("Owner"));
    }

    #[test]
    fn fields_are_named_as_mapping_files_name_them() {
        for (field, name, _) in FIELDS {
            assert_eq!(field.name(), *name);
            assert_eq!(Field::named(name), Some(*field));
        }
        assert_eq!(Field::Text.name(), "text");
        assert_eq!(Field::NextSteps.name(), "next_steps");
        assert_eq!(Field::named("colour"), None);
        let updates: Vec<Field> = FIELDS
            .iter()
            .map(|(f, ..)| *f)
            .filter(|f| f.is_update())
            .collect();
        assert_eq!(
            updates,
            [
                Field::Status,
                Field::Progress,
                Field::NextSteps,
                Field::Impact
            ]
        );
        assert_eq!(normalise("Lead officer(s)"), "lead officer");
        assert_eq!(normalise("What ?"), "what?");
        assert_eq!(normalise("Ref."), "ref");
        assert_eq!(normalise("#"), "#");
        assert_eq!(normalise("  RAG   rating "), "rag rating");
    }

    #[test]
    fn meetings_are_matched_to_cycles_by_day_then_month() {
        use crate::model::date::MeetingDate;
        let cycle = |id: &str, date: MeetingDate| Cycle {
            as_of: None,
            agenda_item: None,
            author: None,
            paper_date: None,
            id: id.to_owned(),
            date,
            meeting: "Committee".to_owned(),
        };
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        let cycles = [
            cycle("oct-a", MeetingDate::day(day(2025, 10, 2))),
            cycle("oct-b", MeetingDate::day(day(2025, 10, 16))),
            cycle("jan", MeetingDate::month(2026, 1).unwrap()),
            cycle("jan-2025", MeetingDate::day(day(2025, 1, 16))),
        ];
        let ids = |meeting: Meeting| {
            meeting
                .cycles(&cycles)
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Meeting::Month(2025, 10)), ["oct-a", "oct-b"]);
        assert_eq!(ids(Meeting::Day(day(2025, 10, 16))), ["oct-b"]);
        // A day with no meeting falls back to its month.
        assert_eq!(ids(Meeting::Day(day(2026, 1, 22))), ["jan"]);
        assert_eq!(ids(Meeting::Month(2026, 1)), ["jan"]);
        assert!(ids(Meeting::Month(2025, 11)).is_empty());
        assert!(ids(Meeting::Month(2024, 10)).is_empty());
        assert_eq!(Meeting::Month(2025, 10).describe(), "October 2025");
        assert_eq!(
            Meeting::Day(day(2025, 10, 16)).describe(),
            "16 October 2025"
        );
    }

    #[test]
    fn a_mapping_file_names_columns_loosely() {
        let map: MapFile = serde_yaml::from_str(
            "columns:\n  text: What will we do?\n  colour: RAG\nignore: [Officer notes]\ncycles:\n  RAG Q2: 2025-10\n",
        )
        .unwrap();
        assert_eq!(map.field_for("what will we do ?"), Some(Ok(Field::Text)));
        assert!(
            matches!(map.field_for("RAG"), Some(Err((message, None))) if message.contains("\"colour\""))
        );
        assert_eq!(map.field_for("Owner"), None);
        assert!(map.ignores("OFFICER NOTES"));
        assert!(!map.ignores("Owner"));
        assert_eq!(map.cycle_for("rag q2"), Some("2025-10"));
        assert_eq!(map.cycle_for("RAG Q3"), None);
    }

    #[test]
    fn meetings_named_in_headings() {
        assert_eq!(meeting("RAG Oct 25"), Some(Meeting::Month(2025, 10)));
        assert_eq!(
            meeting("Progress October 2025"),
            Some(Meeting::Month(2025, 10))
        );
        assert_eq!(meeting("Status (Jan-26)"), Some(Meeting::Month(2026, 1)));
        assert_eq!(
            meeting("Update 15/10/2025"),
            Some(Meeting::Day(Date::new(2025, 10, 15).unwrap()))
        );
        assert_eq!(
            meeting("Update 2025-10-15"),
            Some(Meeting::Day(Date::new(2025, 10, 15).unwrap()))
        );
        assert_eq!(meeting("RAG rating"), None);
        assert_eq!(meeting("Progress"), None);
        // "Ma" is no month; a three-digit year is no year.
        assert_eq!(meeting("RAG Ma 25"), None);
        assert_eq!(meeting("RAG Oct 250"), None);
    }
}

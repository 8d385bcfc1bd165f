//! Clocks: a deadline the law or an agreement sets (an executive's response
//! to a scrutiny report, a statement of action after an inspection, a
//! monitoring visit), with the date it started, its rule, and the date it was
//! met. The calendar arithmetic lives here: months ("two months from the
//! report"), working days (weekends and listed bank holidays excluded) and
//! calendar days ("within 30 days"). A paper may give a date as a month only
//! ("March 2020"), or mark it as estimated.

use crate::model::date::{days_in_month, Date, MeetingDate};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A date a paper gives (a day, or only a month), or says on purpose it does
/// not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    On(MeetingDate),
    NotKnown,
}

impl Known {
    pub fn date(self) -> Option<MeetingDate> {
        match self {
            Known::On(date) => Some(date),
            Known::NotKnown => None,
        }
    }
}

impl<'de> Deserialize<'de> for Known {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Known, D::Error> {
        struct KnownVisitor;
        impl de::Visitor<'_> for KnownVisitor {
            type Value = Known;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written as YYYY-MM-DD, a month as YYYY-MM, or `not known`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Known, E> {
                if text.trim().eq_ignore_ascii_case("not known") {
                    return Ok(Known::NotKnown);
                }
                MeetingDate::parse(text.trim()).map(Known::On).ok_or_else(|| {
                    E::custom(format!(
                        "\"{text}\" is not a real date (expected a date written as YYYY-MM-DD, for example 2013-06-27, a month as YYYY-MM when the paper gives no day, or `not known` when the paper gives no date)"
                    ))
                })
            }
        }
        deserializer.deserialize_str(KnownVisitor)
    }
}

impl Serialize for Known {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Known::On(date) => date.serialize(serializer),
            Known::NotKnown => serializer.serialize_str("not known"),
        }
    }
}

/// How a clock's due date follows from its start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The same day of the month, so many months later; that month's last
    /// day when it has no such day (31 December + 2 months → 28 or 29 February).
    Months(u8),
    /// So many working days later: day 1 is the first working day after the
    /// start; weekends and bank holidays are not working days.
    WorkingDays(u16),
    /// So many calendar days later, every day counted; `calendar` keeps
    /// whether the paper wrote "calendar days" or just "days".
    Days { n: u16, calendar: bool },
}

impl Rule {
    /// Reads "2 months", "two months", "70 working days", "30 days",
    /// "30 calendar days"; a leading "within", as papers put it, is allowed.
    pub fn parse(text: &str) -> Option<Rule> {
        let mut words: Vec<String> = text
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        if words.first().is_some_and(|w| w == "within") {
            words.remove(0);
        }
        let number = |word: &str| -> Option<u16> {
            const WORDS: [&str; 12] = [
                "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve",
            ];
            word.parse().ok().or_else(|| {
                WORDS
                    .iter()
                    .position(|w| *w == word)
                    .and_then(|i| u16::try_from(i + 1).ok())
            })
        };
        match words.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            [n, "month" | "months"] => {
                let n = u8::try_from(number(n)?).ok()?;
                (n > 0).then_some(Rule::Months(n))
            }
            [n, "working", "day" | "days"] => {
                let n = number(n)?;
                (n > 0).then_some(Rule::WorkingDays(n))
            }
            [n, "day" | "days"] => {
                let n = number(n)?;
                (n > 0).then_some(Rule::Days { n, calendar: false })
            }
            [n, "calendar", "day" | "days"] => {
                let n = number(n)?;
                (n > 0).then_some(Rule::Days { n, calendar: true })
            }
            _ => None,
        }
    }

    /// The due date for a clock started on a date as printed, and whether
    /// its day is only a reckoning. A month's start gives a month's due date
    /// under a rule in months ("March" + 2 months is "May"); under a rule in
    /// days it gives the latest day the clock can fall due (counted from the
    /// month's last day), which pages mark as estimated.
    pub fn due_from(self, start: MeetingDate, bank_holidays: &[Date]) -> (MeetingDate, bool) {
        if !start.is_month_only() {
            return (
                MeetingDate::day(self.due(start.as_of(), bank_holidays)),
                false,
            );
        }
        match self {
            Rule::Months(n) => {
                let end = add_months(start.as_of(), n);
                let month = MeetingDate::month(end.year, end.month).unwrap_or(start);
                (month, false)
            }
            Rule::WorkingDays(_) | Rule::Days { .. } => (
                MeetingDate::day(self.due(start.as_of(), bank_holidays)),
                true,
            ),
        }
    }

    /// The due date for a clock started on `start`.
    pub fn due(self, start: Date, bank_holidays: &[Date]) -> Date {
        match self {
            Rule::Months(n) => add_months(start, n),
            Rule::WorkingDays(n) => add_working_days(start, n, bank_holidays),
            Rule::Days { n, .. } => from_day_number(day_number(start) + i64::from(n)),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Months(1) => f.write_str("1 month"),
            Rule::Months(n) => write!(f, "{n} months"),
            Rule::WorkingDays(1) => f.write_str("1 working day"),
            Rule::WorkingDays(n) => write!(f, "{n} working days"),
            Rule::Days { n, calendar } => {
                let calendar = if *calendar { "calendar " } else { "" };
                let days = if *n == 1 { "day" } else { "days" };
                write!(f, "{n} {calendar}{days}")
            }
        }
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rule, D::Error> {
        let text = String::deserialize(deserializer)?;
        Rule::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{text}\" is not a rule ragtime can follow (expected so many months, working days or calendar days, for example \"2 months\", \"70 working days\" or \"30 days\")"
            ))
        })
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What kind of deadline a clock is: only how pages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClockKind {
    /// A response to recommendations (an executive's to a scrutiny report).
    Response,
    /// A statement of action (a written action plan) after an inspection.
    StatementOfAction,
    /// A monitoring visit, as scheduled.
    Visit,
    Other,
}

impl ClockKind {
    pub fn label(self) -> &'static str {
        match self {
            ClockKind::Response => "Response to recommendations",
            ClockKind::StatementOfAction => "Statement of action",
            ClockKind::Visit => "Monitoring visit",
            ClockKind::Other => "Deadline",
        }
    }
}

/// A deadline and whether it was met.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    pub id: String,
    pub kind: ClockKind,
    /// What is due, as the paper words it.
    pub title: String,
    /// When the clock started (the report's date, its publication); on an
    /// inspection, its `published` date when left out.
    #[serde(default)]
    pub start: Option<Known>,
    /// How the due date follows from the start.
    #[serde(default)]
    pub rule: Option<Rule>,
    /// A due date set outright (a scheduled visit), instead of a rule.
    #[serde(default)]
    pub due: Option<Known>,
    /// When it was done; left out while it is still open.
    #[serde(default)]
    pub given: Option<Known>,
    /// Which of its dates the paper gives as estimated ("about").
    #[serde(default, skip_serializing_if = "Estimated::is_none")]
    pub estimated: Estimated,
    /// Where the facts come from, or what else the paper says. Plain text.
    #[serde(default)]
    pub note: Option<String>,
}

/// One of a clock's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockDate {
    Start,
    Due,
    Given,
}

impl ClockDate {
    const ALL: [ClockDate; 3] = [ClockDate::Start, ClockDate::Due, ClockDate::Given];

    /// The field that holds it.
    pub fn field(self) -> &'static str {
        match self {
            ClockDate::Start => "start",
            ClockDate::Due => "due",
            ClockDate::Given => "given",
        }
    }
}

/// `estimated:` on a clock: `true` for the one date it gives, or the dates
/// named (`[start]`, `[start, given]`), since a clock holds three.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Estimated {
    #[default]
    No,
    /// `estimated: true`: the clock's only date.
    Yes,
    /// The dates named.
    Dates(Vec<ClockDate>),
}

impl Estimated {
    fn is_none(&self) -> bool {
        *self == Estimated::No
    }
}

impl Clock {
    /// The date a field holds, when the paper gives one.
    pub fn date(&self, which: ClockDate) -> Option<MeetingDate> {
        match which {
            ClockDate::Start => self.start,
            ClockDate::Due => self.due,
            ClockDate::Given => self.given,
        }
        .and_then(Known::date)
    }

    /// The dates the clock itself gives (not counting one a rule reckons).
    pub fn dates_given(&self) -> Vec<ClockDate> {
        ClockDate::ALL
            .into_iter()
            .filter(|&which| self.date(which).is_some())
            .collect()
    }

    /// Whether the paper marks this date as estimated. `estimated: true`
    /// marks the clock's date when it gives exactly one (`check` refuses it
    /// otherwise).
    pub fn is_estimated(&self, which: ClockDate) -> bool {
        match &self.estimated {
            Estimated::No => false,
            Estimated::Yes => self.dates_given() == [which],
            Estimated::Dates(dates) => dates.contains(&which),
        }
    }
}

impl<'de> Deserialize<'de> for Estimated {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Estimated, D::Error> {
        struct EstimatedVisitor;
        const EXPECTED: &str = "`true`, or the dates the paper estimates: [start], [due], [given] or several, such as [start, given]";
        fn one<E: de::Error>(text: &str) -> Result<ClockDate, E> {
            ClockDate::ALL
                .into_iter()
                .find(|d| d.field() == text.trim())
                .ok_or_else(|| {
                    E::custom(format!(
                        "\"{text}\" is not one of a clock's dates (expected {EXPECTED})"
                    ))
                })
        }
        impl<'de> de::Visitor<'de> for EstimatedVisitor {
            type Value = Estimated;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_bool<E: de::Error>(self, yes: bool) -> Result<Estimated, E> {
                Ok(if yes { Estimated::Yes } else { Estimated::No })
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Estimated, E> {
                Ok(Estimated::Dates(vec![one(text)?]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Estimated, A::Error> {
                let mut dates = Vec::new();
                while let Some(text) = seq.next_element::<String>()? {
                    let date = one(&text)?;
                    if !dates.contains(&date) {
                        dates.push(date);
                    }
                }
                Ok(Estimated::Dates(dates))
            }
        }
        deserializer.deserialize_any(EstimatedVisitor)
    }
}

impl Serialize for Estimated {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Estimated::No => serializer.serialize_bool(false),
            Estimated::Yes => serializer.serialize_bool(true),
            Estimated::Dates(dates) => serializer.collect_seq(dates.iter().map(|d| d.field())),
        }
    }
}

/// Days since 1 January 1970 (negative before it).
pub(crate) fn day_number(date: Date) -> i64 {
    // Howard Hinnant's days_from_civil.
    let (y, m, d) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date a number of days after another.
fn from_day_number(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    day_number(to) - day_number(from)
}

/// Saturday or Sunday.
pub(crate) fn is_weekend(date: Date) -> bool {
    // 1 January 1970 was a Thursday.
    matches!(day_number(date).rem_euclid(7), 2 | 3)
}

/// Not a weekend and not a listed bank holiday.
pub(crate) fn is_working_day(date: Date, bank_holidays: &[Date]) -> bool {
    !is_weekend(date) && !bank_holidays.contains(&date)
}

/// The `n`th working day after `start` (day 1 is the first working day after it).
pub(crate) fn add_working_days(start: Date, n: u16, bank_holidays: &[Date]) -> Date {
    let mut day = day_number(start);
    let mut counted = 0;
    while counted < n {
        day += 1;
        if is_working_day(from_day_number(day), bank_holidays) {
            counted += 1;
        }
    }
    from_day_number(day)
}

/// The `n`th working day before `end` (day 1 is the last working day before it).
pub(crate) fn working_days_before(end: Date, n: u16, bank_holidays: &[Date]) -> Date {
    let mut day = day_number(end);
    let mut counted = 0;
    while counted < n {
        day -= 1;
        if is_working_day(from_day_number(day), bank_holidays) {
            counted += 1;
        }
    }
    from_day_number(day)
}

/// The same day of the month `n` months later, or that month's last day when
/// it has no such day.
pub(crate) fn add_months(start: Date, n: u8) -> Date {
    let months = u32::from(start.month) - 1 + u32::from(n);
    let year = start.year + u16::try_from(months / 12).unwrap_or(0);
    let month = u8::try_from(months % 12 + 1).unwrap_or(1);
    let day = start.day.min(days_in_month(year, month));
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn day_numbers_round_trip() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2012-12-31",
            "2016-02-19",
            "1999-03-01",
        ] {
            assert_eq!(from_day_number(day_number(d(text))), d(text), "{text}");
        }
        assert_eq!(day_number(d("1970-01-02")), 1);
        assert_eq!(days_between(d("2013-06-27"), d("2013-08-15")), 49);
    }

    #[test]
    fn weekends_are_saturday_and_sunday() {
        assert!(is_weekend(d("2013-06-29"))); // Saturday
        assert!(is_weekend(d("2013-06-30"))); // Sunday
        assert!(!is_weekend(d("2013-06-27"))); // Thursday
        assert!(!is_weekend(d("2016-02-19"))); // Friday
    }

    #[test]
    fn months_keep_the_day_or_take_the_months_last() {
        assert_eq!(add_months(d("2013-06-27"), 2), d("2013-08-27"));
        assert_eq!(add_months(d("2012-12-31"), 2), d("2013-02-28"));
        assert_eq!(add_months(d("2015-12-31"), 2), d("2016-02-29"));
        assert_eq!(add_months(d("2013-11-15"), 2), d("2014-01-15"));
        assert_eq!(add_months(d("2013-08-31"), 1), d("2013-09-30"));
        assert_eq!(add_months(d("2013-01-31"), 12), d("2014-01-31"));
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        // Friday 19 February 2016: day 1 is Monday 22nd.
        assert_eq!(add_working_days(d("2016-02-19"), 1, &[]), d("2016-02-22"));
        assert_eq!(add_working_days(d("2016-02-19"), 5, &[]), d("2016-02-26"));
        // Good Friday and Easter Monday 2016 (25 and 28 March).
        let easter = [d("2016-03-25"), d("2016-03-28")];
        assert_eq!(add_working_days(d("2016-03-24"), 1, &[]), d("2016-03-25"));
        assert_eq!(
            add_working_days(d("2016-03-24"), 1, &easter),
            d("2016-03-29")
        );
        // 70 working days from 19 February 2016: Friday 27 May without
        // holidays; three more working days for Easter and 2 May; and one
        // more when the spring bank holiday (30 May) is listed too.
        let holidays = [d("2016-03-25"), d("2016-03-28"), d("2016-05-02")];
        assert_eq!(add_working_days(d("2016-02-19"), 70, &[]), d("2016-05-27"));
        assert_eq!(
            add_working_days(d("2016-02-19"), 70, &holidays),
            d("2016-06-01")
        );
        let more = [holidays.as_slice(), &[d("2016-05-30")]].concat();
        assert_eq!(
            add_working_days(d("2016-02-19"), 70, &more),
            d("2016-06-02")
        );
    }

    #[test]
    fn working_days_before_skip_weekends_and_bank_holidays() {
        // Monday 22 February 2016: day 1 before it is Friday 19th.
        assert_eq!(
            working_days_before(d("2016-02-22"), 1, &[]),
            d("2016-02-19")
        );
        assert_eq!(
            working_days_before(d("2016-02-26"), 5, &[]),
            d("2016-02-19")
        );
        assert_eq!(
            working_days_before(d("2016-02-28"), 10, &[]),
            d("2016-02-15")
        );
        // Easter Monday and Good Friday 2016 skipped back to Thursday 24 March.
        let easter = [d("2016-03-25"), d("2016-03-28")];
        assert_eq!(
            working_days_before(d("2016-03-29"), 1, &easter),
            d("2016-03-24")
        );
        // The inverse of counting forward, with holidays on the way.
        let holidays = [d("2016-03-25"), d("2016-03-28"), d("2016-05-02")];
        assert_eq!(
            working_days_before(d("2016-06-01"), 70, &holidays),
            d("2016-02-19")
        );
    }

    #[test]
    fn working_days_cross_the_year_end() {
        // Friday 20 December 2013; 25, 26 December and 1 January are holidays.
        let holidays = [d("2013-12-25"), d("2013-12-26"), d("2014-01-01")];
        assert_eq!(
            add_working_days(d("2013-12-20"), 1, &holidays),
            d("2013-12-23")
        );
        assert_eq!(
            add_working_days(d("2013-12-20"), 2, &holidays),
            d("2013-12-24")
        );
        assert_eq!(
            add_working_days(d("2013-12-20"), 3, &holidays),
            d("2013-12-27")
        );
        assert_eq!(
            add_working_days(d("2013-12-20"), 4, &holidays),
            d("2013-12-30")
        );
        assert_eq!(
            add_working_days(d("2013-12-20"), 6, &holidays),
            d("2014-01-02")
        );
        // Started on a holiday: day 1 is still the next working day.
        assert_eq!(
            add_working_days(d("2013-12-25"), 1, &holidays),
            d("2013-12-27")
        );
    }

    #[test]
    fn rules_are_read_in_words_or_figures() {
        assert_eq!(Rule::parse("2 months"), Some(Rule::Months(2)));
        assert_eq!(Rule::parse("Two months"), Some(Rule::Months(2)));
        assert_eq!(Rule::parse("70 working days"), Some(Rule::WorkingDays(70)));
        assert_eq!(Rule::parse("1 working day"), Some(Rule::WorkingDays(1)));
        assert_eq!(Rule::parse("0 months"), None);
        assert_eq!(Rule::parse("soon"), None);
        assert_eq!(Rule::parse("0 days"), None);
        assert_eq!(Rule::parse("30 dayz"), None);
        assert_eq!(
            Rule::parse("within 30 days"),
            Some(Rule::Days {
                n: 30,
                calendar: false
            })
        );
        assert_eq!(
            Rule::parse("Thirty calendar days"),
            None,
            "figures or one to twelve in words"
        );
        assert_eq!(
            Rule::parse("ten calendar days"),
            Some(Rule::Days {
                n: 10,
                calendar: true
            })
        );
        assert_eq!(Rule::parse("within"), None);
        assert_eq!(Rule::Months(2).to_string(), "2 months");
        assert_eq!(
            Rule::Days {
                n: 30,
                calendar: true
            }
            .to_string(),
            "30 calendar days"
        );
        assert_eq!(
            Rule::Days {
                n: 1,
                calendar: false
            }
            .to_string(),
            "1 day"
        );
    }

    #[test]
    fn calendar_days_count_every_day() {
        let thirty = Rule::Days {
            n: 30,
            calendar: false,
        };
        // Weekends and bank holidays count: 19 February 2016 + 30 is 20 March.
        assert_eq!(
            thirty.due(d("2016-02-19"), &[d("2016-03-01")]),
            d("2016-03-20")
        );
        assert_eq!(thirty.due(d("2015-12-15"), &[]), d("2016-01-14"));
    }
}

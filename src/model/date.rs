//! Calendar dates as content writes them (`YYYY-MM-DD`); no clock, no time zones.

use serde::de::{self, Deserialize, Deserializer};
use serde::{Serialize, Serializer};
use std::fmt;

/// A real calendar date. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// The months' names as pages write them.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date, if it exists on the calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The last day of a month.
    pub fn end_of_month(year: u16, month: u8) -> Option<Date> {
        (1..=12)
            .contains(&month)
            .then(|| Date::new(year, month, days_in_month(year, month)))
            .flatten()
    }

    /// Parses `YYYY-MM-DD` strictly.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        let year = digits(0..4)?;
        let month = u8::try_from(digits(5..7)?).ok()?;
        let day = u8::try_from(digits(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// "31/03/2026", "31-03-2026", "31.03.2026", "2026-03-31", "31 March 2026", "31 Mar 2026".
    pub(crate) fn written(text: &str) -> Option<Date> {
        if let Some(date) = Date::parse(text) {
            return Some(date);
        }
        let year = |y: &str| -> Option<u16> {
            let n: u16 = y.parse().ok()?;
            match y.len() {
                4 => Some(n),
                2 => Some(2000 + n),
                _ => None,
            }
        };
        for separator in ['/', '-', '.'] {
            let parts: Vec<&str> = text.split(separator).map(str::trim).collect();
            if let [d, m, y] = parts.as_slice() {
                if d.len() <= 2 && m.len() <= 2 {
                    return Date::new(year(y)?, m.parse().ok()?, d.parse().ok()?);
                }
            }
        }
        let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        let [d, m, y] = words.as_slice() else {
            return None;
        };
        let d = d.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let m = m.to_lowercase();
        let month = (1..=12u8).find(|&n| {
            Date::month_name(n).is_some_and(|name| {
                let name = name.to_lowercase();
                m == name || (m.len() >= 3 && name.starts_with(&m))
            })
        })?;
        Date::new(year(y).filter(|_| y.len() == 4)?, month, d.parse().ok()?)
    }

    /// "7 June 2016", the way council papers write dates.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    pub fn month_name(month: u8) -> Option<&'static str> {
        MONTHS.get(usize::from(month).checked_sub(1)?).copied()
    }
}

/// A meeting's date as the minutes give it: a day, or only a month. A month
/// stands for its last day wherever dates are compared (a report "as of July
/// 2014" counts everything due in July as due by then).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingDate {
    /// The day, or the month's last day.
    day: Date,
    month_only: bool,
}

impl MeetingDate {
    pub fn day(day: Date) -> MeetingDate {
        MeetingDate {
            day,
            month_only: false,
        }
    }

    /// A month with no day given.
    pub fn month(year: u16, month: u8) -> Option<MeetingDate> {
        Some(MeetingDate {
            day: Date::end_of_month(year, month)?,
            month_only: true,
        })
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM` for a month.
    pub fn parse(text: &str) -> Option<MeetingDate> {
        if let Some(day) = Date::parse(text) {
            return Some(MeetingDate::day(day));
        }
        let (year, month) = text.split_once('-')?;
        let digits =
            |part: &str, n: usize| part.len() == n && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return None;
        }
        MeetingDate::month(year.parse().ok()?, month.parse().ok()?)
    }

    /// Whether only the month is known.
    pub fn is_month_only(self) -> bool {
        self.month_only
    }

    /// The date the report speaks as of: the day, or the month's last day.
    pub fn as_of(self) -> Date {
        self.day
    }

    /// The day, or the month's first day: the earliest the date can be.
    pub fn first_day(self) -> Date {
        Date {
            day: if self.month_only { 1 } else { self.day.day },
            ..self.day
        }
    }

    /// "15 August 2013", or "July 2014" when only the month is known.
    pub fn long(self) -> String {
        if self.month_only {
            self.month_text()
        } else {
            self.day.long()
        }
    }

    /// "on 15 August 2013", or "in July 2014".
    pub fn on(self) -> String {
        let on = if self.month_only { "in" } else { "on" };
        format!("{on} {}", self.long())
    }

    /// The month and year: "October 2003".
    pub fn month_text(self) -> String {
        format!(
            "{} {}",
            MONTHS[usize::from(self.day.month - 1)],
            self.day.year
        )
    }
}

impl fmt::Display for MeetingDate {
    /// As written in content: `2013-08-15`, or `2014-07`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.month_only {
            write!(f, "{:04}-{:02}", self.day.year, self.day.month)
        } else {
            self.day.fmt(f)
        }
    }
}

impl<'de> Deserialize<'de> for MeetingDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<MeetingDate, D::Error> {
        deserializer.deserialize_str(MeetingDateVisitor)
    }
}

struct MeetingDateVisitor;

impl de::Visitor<'_> for MeetingDateVisitor {
    type Value = MeetingDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written as YYYY-MM-DD, or a month as YYYY-MM")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<MeetingDate, E> {
        MeetingDate::parse(text.trim()).ok_or_else(|| {
            E::custom(format!(
                "\"{text}\" is not a real date (expected a date written as YYYY-MM-DD, for example 2013-08-15, or a month as YYYY-MM, for example 2014-07, when the paper gives no day)"
            ))
        })
    }
}

impl Serialize for MeetingDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

pub(crate) fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        // Checked inside the visitor, while the parser is still at the value, so
        // the error points at the date and names its field.
        deserializer.deserialize_str(DateVisitor)
    }
}

struct DateVisitor;

impl de::Visitor<'_> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written as YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
        Date::parse(text.trim()).ok_or_else(|| {
            E::custom(format!(
                "\"{text}\" is not a real date (expected a date written as YYYY-MM-DD, for example 2016-06-07)"
            ))
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2016-06-07"), Date::new(2016, 6, 7));
        assert_eq!(Date::parse("2016-02-29"), Date::new(2016, 2, 29));
        assert!(Date::parse("2015-02-29").is_none());
        assert!(Date::parse("2016-13-01").is_none());
        assert!(Date::parse("2016-6-7").is_none());
        assert!(Date::parse("07/06/2016").is_none());
        assert!(Date::parse("2016-06/07").is_none());
        assert!(Date::parse("2016/06-07").is_none());
        // Leap years: every fourth, but not centuries, except every fourth century.
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2100-02-29").is_none());
        assert!(Date::parse("2016-06-0x").is_none());
    }

    #[test]
    fn reads_dates_from_yaml() {
        #[derive(Debug, serde::Deserialize)]
        struct Plan {
            #[allow(dead_code)]
            agreed: Option<Date>,
        }
        let date: Date = serde_yaml::from_str("2016-06-07").unwrap();
        assert_eq!(date, Date::new(2016, 6, 7).unwrap());
        let error = serde_yaml::from_str::<Date>("[2016]").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("expected a date written as YYYY-MM-DD"),
            "{error}"
        );
        let error = serde_yaml::from_str::<MeetingDate>("[2016]").unwrap_err();
        assert!(
            error.to_string().contains("or a month as YYYY-MM"),
            "{error}"
        );
        let error = serde_yaml::from_str::<Date>("2016-02-30").unwrap_err();
        assert!(error.to_string().contains("is not a real date"), "{error}");
        let error = serde_yaml::from_str::<Plan>("agreed: 2016-02-30\n").unwrap_err();
        assert!(error.to_string().starts_with("agreed: "), "{error}");
        let at = error.location().unwrap();
        assert_eq!((at.line(), at.column()), (1, 9));
    }

    #[test]
    fn meetings_may_give_only_a_month() {
        let day = MeetingDate::parse("2013-08-15").unwrap();
        assert_eq!(
            (day.long(), day.on(), day.to_string()),
            (
                "15 August 2013".into(),
                "on 15 August 2013".into(),
                "2013-08-15".into()
            )
        );
        let month = MeetingDate::parse("2014-07").unwrap();
        assert_eq!(month.as_of(), Date::new(2014, 7, 31).unwrap());
        assert_eq!(
            (month.long(), month.on(), month.to_string()),
            ("July 2014".into(), "in July 2014".into(), "2014-07".into())
        );
        assert_eq!(
            MeetingDate::parse("2016-02").unwrap().as_of(),
            Date::new(2016, 2, 29).unwrap()
        );
        assert_eq!(month.month_text(), "July 2014");
        assert_eq!(month.first_day(), Date::new(2014, 7, 1).unwrap());
        assert_eq!(day.first_day(), Date::new(2013, 8, 15).unwrap());
        assert_eq!(day.month_text(), "August 2013");
        // A month sorts as its last day: after every other day of it.
        let next = MeetingDate::parse("2014-08-01").unwrap();
        assert!(MeetingDate::parse("2014-07-30").unwrap() < month && month < next);
        assert_eq!(
            month.as_of(),
            MeetingDate::parse("2014-07-31").unwrap().as_of()
        );
        for bad in [
            "2014-13",
            "2014-7",
            "14-07",
            "2014-07-",
            "2014/07",
            "July 2014",
            "2014-07-32",
        ] {
            assert!(MeetingDate::parse(bad).is_none(), "{bad}");
        }
        let error = serde_yaml::from_str::<MeetingDate>("2014-13")
            .unwrap_err()
            .to_string();
        assert!(error.contains("YYYY-MM"), "{error}");
    }

    #[test]
    fn formats() {
        let date = Date::new(2013, 8, 15).unwrap();
        assert_eq!(date.to_string(), "2013-08-15");
        assert_eq!(date.long(), "15 August 2013");
        assert_eq!(Date::end_of_month(2012, 2), Date::new(2012, 2, 29));
    }
}

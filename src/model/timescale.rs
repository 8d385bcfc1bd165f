//! Reading a due date out of a paper's free-text timescale ("Aug-12", "end September
//! 2016", "31/03/16", "May – Aug 2016", "2016-06"): the end of the latest period it
//! names, and whether the paper hedges it ("approx. June 2016").

use crate::model::date::Date;

/// What a timescale says about a due date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DueDate {
    /// The end of the latest period the text names.
    Date(Date),
    /// The text is not a date and must not be read as one ("Quarterly", "Ongoing", "TBA").
    NotADate(&'static str),
    /// Nothing in the text could be read as a date.
    Unreadable,
}

/// Words that mean a timescale has no single deadline.
const NOT_DATES: [(&str, &str); 11] = [
    ("quarterly", "Quarterly"),
    ("ongoing", "Ongoing"),
    ("on-going", "Ongoing"),
    ("tba", "TBA"),
    ("tbc", "TBC"),
    ("annually", "Annually"),
    ("monthly", "Monthly"),
    ("weekly", "Weekly"),
    ("termly", "Termly"),
    ("immediate", "Immediate"),
    ("immediately", "Immediate"),
];

/// Words that start a timescale naming when work begins, not when it ends.
const STARTS: [&str; 4] = ["from", "starting", "commencing", "start"];

/// Words by which a paper hedges the date that follows ("approx. June 2016",
/// "circa March 2017", "c. June 2016").
const HEDGES: [&str; 9] = [
    "approx",
    "approximately",
    "around",
    "circa",
    "c",
    "ca",
    "about",
    "roughly",
    "estimated",
];

/// Words after which a number counts something else than days ("Phase 2").
const COUNTERS: [&str; 14] = [
    "phase", "stage", "step", "part", "tier", "level", "wave", "priority", "round", "year",
    "version", "no", "number", "item",
];

fn suggest_due(text: &str) -> DueDate {
    let lower = text.to_lowercase();
    let tokens = tokenize(&lower);
    // A recurring or open-ended timescale has no single deadline, whatever dates it also names.
    for (word, label) in NOT_DATES {
        if tokens.iter().any(|t| t == word) {
            return DueDate::NotADate(label);
        }
    }
    // "From Oct 03" says when work starts: its end is not given.
    if tokens.first().is_some_and(|t| STARTS.contains(&t.as_str())) {
        return DueDate::NotADate("From …");
    }
    let mut latest: Option<Date> = None;
    let mut keep = |date: Date| latest = Some(latest.map_or(date, |l| l.max(date)));

    for (i, token) in tokens.iter().enumerate() {
        if let Some(date) = numeric_date(token).or_else(|| iso_date(token)) {
            keep(date);
        }
        // Council financial years: "Q3 2025/26" ends on 31 December 2025,
        // and "2025/26" on 31 March 2026.
        if let Some(first) = financial_year(token) {
            let quarter = i
                .checked_sub(1)
                .and_then(|p| tokens[p].strip_prefix('q'))
                .and_then(|q| q.parse::<u8>().ok())
                .filter(|q| (1..=4).contains(q));
            let end = match quarter {
                Some(4) | None => Date::end_of_month(first + 1, 3),
                Some(q) => Date::end_of_month(first, 3 + 3 * q),
            };
            if let Some(date) = end {
                keep(date);
            }
        }
    }
    for (i, token) in tokens.iter().enumerate() {
        let Some(period) = period(token) else {
            continue;
        };
        let Some(year) = tokens.get(i + 1).and_then(|t| year_after_month(t)) else {
            continue;
        };
        let date = match period {
            Period::Month(month) => {
                // "Phase 2 Mar 2017" is March 2017: a counted number is no day.
                let counted = i
                    .checked_sub(2)
                    .is_some_and(|p| COUNTERS.contains(&tokens[p].as_str()));
                let day = i
                    .checked_sub(1)
                    .filter(|_| !counted)
                    .and_then(|p| day(&tokens[p]))
                    .and_then(|d| Date::new(year, month, d));
                day.or_else(|| Date::end_of_month(year, month))
            }
            Period::Season(month) => Date::end_of_month(year, month),
        };
        if let Some(date) = date {
            keep(date);
        }
    }
    latest.map_or(DueDate::Unreadable, DueDate::Date)
}

/// Splits on anything that is not a letter, digit or `/` (numeric dates keep their slashes).
fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

enum Period {
    Month(u8),
    /// A season, as the month it ends in.
    Season(u8),
}

fn period(token: &str) -> Option<Period> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let seasons = [("spring", 5), ("summer", 8), ("autumn", 11)];
    if let Some((_, month)) = seasons.iter().find(|(name, _)| *name == token) {
        return Some(Period::Season(*month));
    }
    // A month's first three letters or more of its name: "sep", "sept" and
    // "september", "march" but not "marching".
    let month = MONTHS.iter().position(|m| token.starts_with(m))?;
    let full = crate::model::date::Date::month_name(u8::try_from(month + 1).ok()?)?.to_lowercase();
    full.starts_with(token)
        .then(|| Period::Month(u8::try_from(month + 1).unwrap_or(1)))
}

/// A year written in four digits.
fn year(token: &str) -> Option<u16> {
    let value: u16 = token.parse().ok()?;
    (token.len() == 4
        && token.bytes().all(|b| b.is_ascii_digit())
        && (1990..=2099).contains(&value))
    .then_some(value)
}

/// A year in four digits, or two after a month ("Sept 16", "Aug-12").
fn year_after_month(token: &str) -> Option<u16> {
    match token.len() {
        2 if token.bytes().all(|b| b.is_ascii_digit()) => Some(2000 + token.parse::<u16>().ok()?),
        _ => year(token),
    }
}

/// A day of the month: "6", "6th", "31st".
fn day(token: &str) -> Option<u8> {
    let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &token[digits.len()..];
    if digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// The first year of a financial year written "2025/26" or "2025/2026".
fn financial_year(token: &str) -> Option<u16> {
    let (first, second) = token.split_once('/')?;
    let start = year(first)?;
    let end: u16 = match second.len() {
        2 => start / 100 * 100 + second.parse::<u16>().ok()?,
        4 => second.parse().ok()?,
        _ => return None,
    };
    (second.bytes().all(|b| b.is_ascii_digit()) && end == start + 1).then_some(start)
}

/// "31/03/16", "31/03/2016", "31-03-16" (dashes were split apart, so handle slashes here).
fn numeric_date(token: &str) -> Option<Date> {
    let parts: Vec<&str> = token.split('/').collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day: u8 = d.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    Date::new(year_after_month(y)?, month, day)
}

/// A date written as ragtime's own fields write it, its dashes already
/// slashes: "2016/06/30", or a month alone, "2016/06", read as its last day.
/// "2016/17" is a financial year, never a month.
fn iso_date(token: &str) -> Option<Date> {
    let parts: Vec<&str> = token.split('/').collect();
    let two_digits = |t: &str| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d] if two_digits(m) && two_digits(d) => {
            Date::new(year(y)?, m.parse().ok()?, d.parse().ok()?)
        }
        [y, m] if two_digits(m) && financial_year(token).is_none() => {
            Date::end_of_month(year(y)?, m.parse().ok()?)
        }
        _ => None,
    }
}

/// Whether the paper hedges the date it gives: a hedging word just before a
/// month, season, day or date ("approx. June 2016", "around 31/03/16").
pub(crate) fn is_estimated(text: &str) -> bool {
    let lower = normalise_dashes(text).to_lowercase();
    let tokens = tokenize(&lower);
    tokens.windows(2).any(|pair| {
        let next = pair[1].as_str();
        HEDGES.contains(&pair[0].as_str())
            && (period(next).is_some()
                || day(next).is_some()
                || year(next).is_some()
                || numeric_date(next).is_some()
                || iso_date(next).is_some()
                || financial_year(next).is_some()
                || matches!(next, "end" | "q1" | "q2" | "q3" | "q4"))
    })
}

/// Dates written with dashes ("31-03-16"), which the tokenizer splits apart.
pub(crate) fn normalise_dashes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let dash_between_digits = c == '-'
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        out.push(if dash_between_digits { '/' } else { c });
    }
    out
}

/// The due date a timescale suggests, reading dashed numeric dates too.
pub(crate) fn suggest(text: &str) -> DueDate {
    suggest_due(&normalise_dashes(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(text: &str) -> String {
        match suggest(text) {
            DueDate::Date(date) => date.to_string(),
            DueDate::NotADate(word) => format!("not a date: {word}"),
            DueDate::Unreadable => "unreadable".to_owned(),
        }
    }

    #[test]
    fn reads_dates_written_as_fields_write_them() {
        assert_eq!(due("2016-06"), "2016-06-30");
        assert_eq!(due("By 2016-02"), "2016-02-29");
        assert_eq!(due("2016-06-15"), "2016-06-15");
        assert_eq!(due("2016-13"), "unreadable");
        assert_eq!(due("2016-06-31"), "unreadable");
        // A financial year, never December 2011.
        assert_eq!(due("2011-12"), "2012-03-31");
        // Fields write two-digit months and days; anything else is not one of their dates.
        assert_eq!(due("2016-6-15"), "unreadable");
        assert_eq!(due("2016-06-1"), "unreadable");
    }

    #[test]
    fn hedged_dates_are_estimated() {
        assert!(is_estimated("approx. June 2016"));
        assert!(is_estimated("Approximately end of March 2017"));
        assert!(is_estimated("around March"));
        assert!(is_estimated("circa 2016-06"));
        assert!(is_estimated("about 31/03/16"));
        assert!(is_estimated("Around Q3 2025/26"));
        assert!(is_estimated("c. June 2016"));
        assert!(is_estimated("ca. 2016-06"));
        assert!(!is_estimated("Part c. Review"));
        assert!(!is_estimated("June 2016"));
        assert!(!is_estimated("Report about progress, June 2016"));
        assert!(!is_estimated("approx"));
    }

    #[test]
    fn reads_the_papers_timescales() {
        assert_eq!(due("Aug-12"), "2012-08-31");
        assert_eq!(due("Apr-13"), "2013-04-30");
        assert_eq!(due("June 2016"), "2016-06-30");
        assert_eq!(due("Sept 16"), "2016-09-30");
        assert_eq!(due("31/03/16"), "2016-03-31");
        assert_eq!(due("31-03-16"), "2016-03-31");
        assert_eq!(
            due("The revised MPS will be complete by end September 2016"),
            "2016-09-30"
        );
        assert_eq!(due("May – Aug 2016"), "2016-08-31");
        assert_eq!(due("June – Dec 2016"), "2016-12-31");
        assert_eq!(due("6th June 2016"), "2016-06-06");
        assert_eq!(due("Report completed by end of January 2023"), "2023-01-31");
        assert_eq!(
            due("Sept 16 Review, post designated teacher training May- July 16 Robust and regular School LAC Self Evaluations in place by Jan 17"),
            "2017-01-31"
        );
        assert_eq!(due("Completed March 16"), "2016-03-31");
        assert_eq!(due("Summer 2016"), "2016-08-31");
        assert_eq!(due("31/03/2026"), "2026-03-31");
        assert_eq!(due("16th June 2016"), "2016-06-16");
        assert_eq!(due("Sep 2016"), "2016-09-30");
        assert_eq!(due("Sept 2016"), "2016-09-30");
        assert_eq!(due("September 2016"), "2016-09-30");
        // Only a dash between two numbers joins a date.
        assert_eq!(due("5-June 2016"), "2016-06-05");
        assert_eq!(due("-5 June 2016"), "2016-06-05");
    }

    #[test]
    fn reads_financial_years_and_their_quarters() {
        assert_eq!(due("Q1 2025/26"), "2025-06-30");
        assert_eq!(due("Q2 2025/26"), "2025-09-30");
        assert_eq!(due("Q3 2025/26"), "2025-12-31");
        assert_eq!(due("Q4 2025/26"), "2026-03-31");
        assert_eq!(due("By Q3 2025/2026"), "2025-12-31");
        assert_eq!(due("2024/25"), "2025-03-31");
        assert_eq!(due("End of 2099/00"), "unreadable");
        // Not a financial year: the years do not follow each other.
        assert_eq!(due("2024/26"), "unreadable");
        assert_eq!(due("Q5 2025/26"), "2026-03-31");
    }

    #[test]
    fn refuses_start_dates_and_counted_numbers() {
        assert_eq!(due("From Oct 03"), "not a date: From …");
        assert_eq!(due("Starting April 2016"), "not a date: From …");
        assert_eq!(due("Phase 1 completed Phase 2 Mar 2017"), "2017-03-31");
        assert_eq!(due("Stage 3 June 2016"), "2016-06-30");
        assert_eq!(due("3 June 2016"), "2016-06-03");
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        assert_eq!(due("Quarterly"), "not a date: Quarterly");
        assert_eq!(due("Already ongoing"), "not a date: Ongoing");
        assert_eq!(due("Timescale TBA"), "not a date: TBA");
        assert_eq!(due("Annually"), "not a date: Annually");
        assert_eq!(due("Immediate"), "not a date: Immediate");
        assert_eq!(due("March 2013 and ongoing"), "not a date: Ongoing");
        assert_eq!(due("Quarterly\nAlready Ongoing"), "not a date: Quarterly");
        assert_eq!(due("From 2013-14"), "not a date: From …");
        assert_eq!(due("3 months"), "unreadable");
        assert_eq!(due("Completed"), "unreadable");
        assert_eq!(due("by May 15th"), "unreadable");
        // A word that starts like a month is not one.
        assert_eq!(due("Marching 2016"), "unreadable");
        assert_eq!(due("Ma 2016"), "unreadable");
        // A time of day is not a day of the month.
        assert_eq!(due("6pm June 2016"), "2016-06-30");
        assert_eq!(due("th June 2016"), "2016-06-30");
        // Years outside the plausible span, and two-digit years on their own.
        assert_eq!(due("June 1850"), "unreadable");
        assert_eq!(due("16/17"), "unreadable");
    }
}

//! Periods as councils write them for their figures: a month ("March 2026",
//! `2026-03`), a financial year ("2024/25"), a quarter of one ("Q2 2025/26"),
//! an academic year ("2024/25 academic"). A period knows its order, the period
//! before it, and how pages show it.

use crate::model::date::MONTHS;
use std::cmp::Ordering;
use std::fmt;

/// A span of time a figure is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Period {
    /// A calendar month (1 = January).
    Month { year: u16, month: u8 },
    /// April of `start` to March of the next year.
    FinancialYear { start: u16 },
    /// Quarter `q` (1 = April to June) of the financial year starting in `start`.
    Quarter { start: u16, q: u8 },
    /// September of `start` to August of the next year.
    AcademicYear { start: u16 },
}

/// Why a period could not be read: the message and what would be right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unreadable {
    pub message: String,
    pub hint: String,
}

const FORMS: &str = "write a month (\"March 2026\" or \"2026-03\"), a financial year (\"2024/25\"), a quarter (\"Q2 2025/26\") or an academic year (\"2024/25 academic\")";

impl Period {
    /// Reads a period as a council writes it.
    pub(crate) fn parse(text: &str) -> Result<Period, Unreadable> {
        let trimmed = text.trim();
        let unreadable = || Unreadable {
            message: format!("the period \"{trimmed}\" cannot be read"),
            hint: FORMS.to_owned(),
        };
        let lower = trimmed.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        match words.as_slice() {
            [single] => {
                if let Some(year) = split_year(single) {
                    return Ok(Period::FinancialYear { start: year });
                }
                if let Some((year, month)) = single.split_once('-') {
                    let (Ok(year), Ok(month)) = (year.parse::<u16>(), month.parse::<u8>()) else {
                        return Err(unreadable());
                    };
                    if year < 1900 {
                        return Err(unreadable());
                    }
                    // "2024-25" reads as a month: say so rather than guess.
                    if month > 12 && (year % 100 + 1) % 100 == u16::from(month) {
                        return Err(Unreadable {
                            message: format!("the period \"{trimmed}\" reads as a month (year {year}, month {month}), and there is no month {month}"),
                            hint: format!("for the financial year write \"{year}/{month:02}\"; for the academic year, \"{year}/{month:02} academic\""),
                        });
                    }
                    if !(1..=12).contains(&month) {
                        return Err(unreadable());
                    }
                    return Ok(Period::Month { year, month });
                }
                Err(unreadable())
            }
            [first, second] => {
                if let Some(month) = MONTHS
                    .iter()
                    .position(|m| m.to_lowercase() == *first || m[..3].to_lowercase() == *first)
                {
                    let year = second.parse::<u16>().ok().filter(|y| *y >= 1900);
                    let month = u8::try_from(month + 1).unwrap_or(1);
                    return year
                        .map(|year| Period::Month { year, month })
                        .ok_or_else(unreadable);
                }
                if let Some(q) = first.strip_prefix('q') {
                    let q = q.parse::<u8>().ok().filter(|q| (1..=4).contains(q));
                    return match (q, split_year(second)) {
                        (Some(q), Some(start)) => Ok(Period::Quarter { start, q }),
                        _ => Err(unreadable()),
                    };
                }
                if *second == "academic" {
                    return split_year(first)
                        .map(|start| Period::AcademicYear { start })
                        .ok_or_else(unreadable);
                }
                Err(unreadable())
            }
            _ => Err(unreadable()),
        }
    }

    /// The months it covers, counted from year 0: (first, last).
    fn months(self) -> (u32, u32) {
        let at = |year: u16, month: u32| u32::from(year) * 12 + month - 1;
        match self {
            Period::Month { year, month } => (at(year, month.into()), at(year, month.into())),
            Period::FinancialYear { start } => (at(start, 4), at(start, 4) + 11),
            Period::Quarter { start, q } => {
                let first = at(start, 4) + 3 * (u32::from(q) - 1);
                (first, first + 2)
            }
            Period::AcademicYear { start } => (at(start, 9), at(start, 9) + 11),
        }
    }

    /// The last month of the period, counted from year 0: what deadlines compare.
    pub(crate) fn end(self) -> u32 {
        self.months().1
    }

    /// The period of the same kind just before this one.
    pub(crate) fn previous(self) -> Period {
        match self {
            Period::Month { year, month: 1 } => Period::Month {
                year: year - 1,
                month: 12,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month - 1,
            },
            Period::FinancialYear { start } => Period::FinancialYear { start: start - 1 },
            Period::Quarter { start, q: 1 } => Period::Quarter {
                start: start - 1,
                q: 4,
            },
            Period::Quarter { start, q } => Period::Quarter { start, q: q - 1 },
            Period::AcademicYear { start } => Period::AcademicYear { start: start - 1 },
        }
    }

    /// The period of the same kind just after this one.
    pub(crate) fn next(self) -> Period {
        match self {
            Period::Month { year, month: 12 } => Period::Month {
                year: year + 1,
                month: 1,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month + 1,
            },
            Period::FinancialYear { start } => Period::FinancialYear { start: start + 1 },
            Period::Quarter { start, q: 4 } => Period::Quarter {
                start: start + 1,
                q: 1,
            },
            Period::Quarter { start, q } => Period::Quarter { start, q: q + 1 },
            Period::AcademicYear { start } => Period::AcademicYear { start: start + 1 },
        }
    }

    /// Whether two periods are of the same kind (months with months...).
    pub(crate) fn same_kind(self, other: Period) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }

    /// A sortable key for open data: `2024-03`, `2024/25`, `2025/26-Q2`, `2024/25-academic`.
    pub(crate) fn key(self) -> String {
        match self {
            Period::Month { year, month } => format!("{year}-{month:02}"),
            Period::FinancialYear { start } => years(start),
            Period::Quarter { start, q } => format!("{}-Q{q}", years(start)),
            Period::AcademicYear { start } => format!("{}-academic", years(start)),
        }
    }
}

/// "2024/25".
fn years(start: u16) -> String {
    format!("{start}/{:02}", (start + 1) % 100)
}

/// Reads "2024/25" (or "2024/2025") as the year it starts in.
fn split_year(text: &str) -> Option<u16> {
    let (first, second) = text.split_once('/')?;
    let start = first.parse::<u16>().ok().filter(|y| *y >= 1900)?;
    let next = second.parse::<u16>().ok()?;
    let follows = match second.len() {
        2 => next == (start + 1) % 100,
        4 => next == start + 1,
        _ => false,
    };
    follows.then_some(start)
}

impl Ord for Period {
    /// By the month a period ends, then the longer first (a year before its last quarter).
    fn cmp(&self, other: &Period) -> Ordering {
        let (a, b) = (self.months(), other.months());
        a.1.cmp(&b.1)
            .then(a.0.cmp(&b.0))
            .then_with(|| self.key().cmp(&other.key()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month { year, month } => {
                write!(f, "{} {year}", MONTHS[usize::from(month - 1)])
            }
            Period::FinancialYear { start } => f.write_str(&years(start)),
            Period::Quarter { start, q } => write!(f, "Q{q} {}", years(start)),
            Period::AcademicYear { start } => write!(f, "{} academic year", years(start)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Period {
        Period::parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message))
    }

    #[test]
    fn reads_the_forms_councils_write() {
        assert_eq!(
            read("March 2026"),
            Period::Month {
                year: 2026,
                month: 3
            }
        );
        assert_eq!(read("Mar 2026"), read("March 2026"));
        assert_eq!(read("2026-03"), read("March 2026"));
        assert_eq!(read("2024/25"), Period::FinancialYear { start: 2024 });
        assert_eq!(read("2024/2025"), read("2024/25"));
        assert_eq!(read("Q2 2025/26"), Period::Quarter { start: 2025, q: 2 });
        assert_eq!(
            read("2024/25 academic"),
            Period::AcademicYear { start: 2024 }
        );
        assert_eq!(read("1999/00"), Period::FinancialYear { start: 1999 });
    }

    #[test]
    fn a_year_with_a_dash_reads_as_a_month_and_is_refused() {
        let error = Period::parse("2024-25").unwrap_err();
        assert!(
            error.message.contains("reads as a month"),
            "{}",
            error.message
        );
        assert!(error.hint.contains("\"2024/25\""), "{}", error.hint);
        for bad in [
            "2024/26",
            "Q5 2024/25",
            "Spring",
            "2026-13",
            "March",
            "13/14",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shows_as_written() {
        for text in ["March 2026", "2024/25", "Q2 2025/26"] {
            assert_eq!(read(text).to_string(), text);
        }
        assert_eq!(read("2026-03").to_string(), "March 2026");
        assert_eq!(
            read("2024/25 academic").to_string(),
            "2024/25 academic year"
        );
    }

    #[test]
    fn orders_by_the_month_a_period_ends() {
        let mut periods = [
            read("2025/26"),
            read("March 2025"),
            read("Q1 2025/26"),
            read("2024/25"),
        ];
        periods.sort();
        let shown: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["2024/25", "March 2025", "Q1 2025/26", "2025/26"]);
        assert_eq!(read("2024/25").end(), read("March 2025").end());
    }

    #[test]
    fn knows_the_period_before_and_after() {
        assert_eq!(read("January 2025").previous(), read("December 2024"));
        assert_eq!(read("Q1 2025/26").previous(), read("Q4 2024/25"));
        assert_eq!(read("2024/25").previous(), read("2023/24"));
        assert_eq!(read("December 2024").next(), read("January 2025"));
        assert_eq!(read("Q4 2024/25").next(), read("Q1 2025/26"));
        assert!(!read("2024/25").same_kind(read("2024/25 academic")));
    }
}

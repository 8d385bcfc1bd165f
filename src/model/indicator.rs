//! `content/indicators/<id>.yaml`: a performance indicator as written (units,
//! periods and figures as text, so each can be reported where it is wrong), and
//! as checked (units, periods and readings typed). Standing against target and
//! direction of travel are derived (see `derive::indicators`), never typed.

use crate::model::period::Period;
use crate::text::{optional_scalar_string, scalar_string};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An indicator file as written.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndicatorFile {
    pub title: String,
    /// What is counted, and how.
    #[serde(default)]
    pub definition: Option<String>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<String>,
    pub unit: String,
    /// `higher` or `lower` (is better).
    pub polarity: String,
    #[serde(default)]
    pub baseline: Option<FigureFile>,
    #[serde(default)]
    pub targets: Vec<TargetFile>,
    #[serde(default)]
    pub comparators: Vec<ComparatorFile>,
    /// How far from target, in the indicator's unit, still counts as "Within tolerance".
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub tolerance: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub values: Vec<ValueFile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FigureFile {
    #[serde(deserialize_with = "scalar_string")]
    pub value: String,
    #[serde(deserialize_with = "scalar_string")]
    pub period: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TargetFile {
    #[serde(deserialize_with = "scalar_string")]
    pub value: String,
    /// A period (a month: `2026-06`); none for a target the paper gives no date.
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ComparatorFile {
    pub name: String,
    /// A figure, with its period; or else `words`.
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub value: Option<String>,
    /// The comparison as the paper words it ("below statistical neighbours").
    #[serde(default)]
    pub words: Option<String>,
    #[serde(default, deserialize_with = "optional_scalar_string")]
    pub period: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ValueFile {
    #[serde(deserialize_with = "scalar_string")]
    pub period: String,
    #[serde(deserialize_with = "scalar_string")]
    pub value: String,
    #[serde(default)]
    pub note: Option<String>,
    /// The cycle at which the figure was first reported (or corrected).
    #[serde(default)]
    pub reported_at: Option<String>,
}

/// What an indicator counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Percent,
    Count,
    RatePer10k,
    Days,
    Pounds,
}

impl Unit {
    /// The names a file may use, as the messages list them.
    pub(crate) const NAMES: [&'static str; 5] =
        ["percent", "count", "rate per 10,000", "days", "pounds"];

    /// Reads a unit; `None` when it is not one of [`Unit::NAMES`] or an obvious spelling.
    pub(crate) fn parse(text: &str) -> Option<Unit> {
        let text = text.trim().to_lowercase();
        Some(match text.as_str() {
            "percent" | "per cent" | "%" | "percentage" => Unit::Percent,
            "count" | "number" => Unit::Count,
            "rate per 10,000" | "rate per 10000" | "per 10,000" | "per 10000" => Unit::RatePer10k,
            "days" | "day" => Unit::Days,
            "pounds" | "£" | "gbp" => Unit::Pounds,
            _ => return None,
        })
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::RatePer10k => "rate per 10,000",
            Unit::Days => "days",
            Unit::Pounds => "pounds",
        }
    }

    /// A number on a chart's axis: the unit kept where it is a sign ("83%",
    /// "£1,200"), left to the axis's name where it is words.
    pub(crate) fn tick(self, n: f64) -> String {
        match self {
            Unit::RatePer10k | Unit::Days => number(n),
            _ => self.show(n),
        }
    }

    /// The name of a chart's value axis where the values leave the unit out.
    pub(crate) fn axis(self) -> Option<&'static str> {
        match self {
            Unit::RatePer10k => Some("Rate per 10,000"),
            Unit::Days => Some("Days"),
            _ => None,
        }
    }

    /// A number in this unit as pages show it: "83%", "£1,200", "45 days".
    pub(crate) fn show(self, n: f64) -> String {
        let n = number(n);
        match self {
            Unit::Percent => format!("{n}%"),
            Unit::Count => n,
            Unit::RatePer10k => format!("{n} per 10,000"),
            Unit::Days => format!("{n} days"),
            Unit::Pounds => format!("£{n}"),
        }
    }
}

/// A number without needless decimals, thousands grouped: "1,200", "82.5".
pub(crate) fn number(n: f64) -> String {
    let shown = format!("{}", (n * 100.0).round() / 100.0);
    let (whole, fraction) = shown
        .split_once('.')
        .map_or((shown.as_str(), None), |(w, f)| (w, Some(f)));
    let (sign, digits) = whole.strip_prefix('-').map_or(("", whole), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Polarity {
    HigherIsBetter,
    LowerIsBetter,
}

impl Polarity {
    pub(crate) fn parse(text: &str) -> Option<Polarity> {
        match text.trim().to_lowercase().as_str() {
            "higher" | "higher is better" | "high" | "up" => Some(Polarity::HigherIsBetter),
            "lower" | "lower is better" | "low" | "down" => Some(Polarity::LowerIsBetter),
            _ => None,
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "Higher is better",
            Polarity::LowerIsBetter => "Lower is better",
        }
    }
}

/// A figure as published: a number, or suppressed as the statistics publish
/// it ("c", "x", "< 10"), which is never read as zero.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Reading {
    Number(f64),
    Suppressed(String),
}

impl Reading {
    /// Reads a figure: a number (with `%`, `£` or thousands commas allowed), or
    /// a suppression mark. `None` when it is neither.
    pub(crate) fn parse(text: &str) -> Option<Reading> {
        let text = text.trim();
        let lower = text.to_lowercase();
        let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
        if matches!(compact.as_str(), "c" | "x" | "z" | "low" | "*" | "..")
            || compact
                .strip_prefix('<')
                .is_some_and(|n| n.parse::<f64>().is_ok())
        {
            return Some(Reading::Suppressed(text.to_owned()));
        }
        let digits: String = compact
            .trim_start_matches('£')
            .trim_end_matches('%')
            .chars()
            .filter(|c| *c != ',')
            .collect();
        digits
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Reading::Number)
    }

    pub(crate) fn number(&self) -> Option<f64> {
        match self {
            Reading::Number(n) => Some(*n),
            Reading::Suppressed(_) => None,
        }
    }

    /// As pages show it, in the indicator's unit; a suppressed figure as published.
    pub(crate) fn show(&self, unit: Unit) -> String {
        match self {
            Reading::Number(n) => unit.show(*n),
            Reading::Suppressed(mark) => mark.clone(),
        }
    }
}

/// A number for a period: a baseline or a comparator.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Figure {
    pub value: f64,
    pub period: Period,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Target {
    pub value: f64,
    /// `None` for a standing target: the paper gives it no date.
    pub by: Option<Period>,
}

/// What a comparator says: a figure, or the paper's words with none.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Compared {
    Figure(f64),
    Words(String),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Comparator {
    pub name: String,
    pub compared: Compared,
    /// Always given with a figure; words may have none.
    pub period: Option<Period>,
}

impl Comparator {
    /// The figure, when the paper gives one.
    pub(crate) fn value(&self) -> Option<f64> {
        match self.compared {
            Compared::Figure(n) => Some(n),
            Compared::Words(_) => None,
        }
    }

    /// As pages show it: the figure in the unit, or the words as written.
    pub(crate) fn show(&self, unit: Unit) -> String {
        match &self.compared {
            Compared::Figure(n) => unit.show(*n),
            Compared::Words(words) => words.clone(),
        }
    }
}

/// One entry of `values:`: a figure for a period, as reported at a cycle.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub period: Period,
    pub reading: Reading,
    pub note: Option<String>,
    /// The cycle it was reported at; `None` counts as known from the start.
    pub reported_at: Option<String>,
    /// That cycle's position in date order.
    pub reported_order: Option<usize>,
}

/// An indicator, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub title: String,
    pub definition: Option<String>,
    pub source: Option<String>,
    pub(crate) unit: Unit,
    pub(crate) polarity: Polarity,
    pub(crate) baseline: Option<Figure>,
    /// In order of their `by` period, then a standing target (no date).
    pub(crate) targets: Vec<Target>,
    pub(crate) comparators: Vec<Comparator>,
    pub(crate) tolerance: Option<f64>,
    pub owner: Option<String>,
    /// In file order: corrections follow the figure they correct.
    pub(crate) values: Vec<Entry>,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_units_by_name_and_sign() {
        assert_eq!(Unit::parse("%"), Some(Unit::Percent));
        assert_eq!(Unit::parse("£"), Some(Unit::Pounds));
        assert_eq!(Unit::parse("Rate per 10,000"), Some(Unit::RatePer10k));
        assert_eq!(Unit::parse("weeks"), None);
        for name in Unit::NAMES {
            assert_eq!(Unit::parse(name).map(Unit::name), Some(name));
        }
    }

    #[test]
    fn reads_figures_and_keeps_suppressed_ones() {
        assert_eq!(Reading::parse("17"), Some(Reading::Number(17.0)));
        assert_eq!(Reading::parse("83%"), Some(Reading::Number(83.0)));
        assert_eq!(Reading::parse("£1,200"), Some(Reading::Number(1200.0)));
        assert_eq!(
            Reading::parse("< 10"),
            Some(Reading::Suppressed("< 10".into()))
        );
        assert_eq!(Reading::parse("c"), Some(Reading::Suppressed("c".into())));
        assert_eq!(Reading::parse("x").and_then(|r| r.number()), None);
        assert_eq!(Reading::parse("about twenty"), None);
        assert_eq!(Reading::parse("NaN"), None);
    }

    #[test]
    fn shows_numbers_in_their_unit() {
        assert_eq!(Unit::Percent.show(83.0), "83%");
        assert_eq!(Unit::Pounds.show(1200.0), "£1,200");
        assert_eq!(Unit::Count.show(1_234_567.0), "1,234,567");
        assert_eq!(Unit::Days.show(45.5), "45.5 days");
        assert_eq!(Unit::RatePer10k.show(-3.0), "-3 per 10,000");
        assert_eq!(Reading::Suppressed("c".into()).show(Unit::Count), "c");
    }
}

//! Open data of the indicators: `indicators.csv`, one row per figure as
//! reported (corrections included, with which figure is in force), and
//! `indicators.json`, each indicator with its targets, comparators, every
//! figure and what is derived from the figures in force.

use crate::derive::indicators::{series, target_for, Point, Standing};
use crate::derive::Facts;
use crate::model::indicator::{Compared, Entry, Indicator};
use crate::render::data::plans::push_row;
use serde::Serialize;

/// The columns of `indicators.csv`.
pub(crate) const CSV_COLUMNS: &[&str] = &[
    "Indicator",
    "Title",
    "Unit",
    "Polarity",
    "Period",
    "Period key",
    "Value",
    "Suppressed",
    "Reported at",
    "In force",
    "Target",
    "Standing",
    "Direction",
    "Note",
];

/// The derived facts of one figure in force.
fn derived<'a>(points: &'a [Point<'a>], entry: &Entry) -> Option<&'a Point<'a>> {
    points.iter().find(|p| std::ptr::eq(p.entry, entry))
}

/// A number as open data writes it: no grouping, no unit.
fn plain(n: f64) -> String {
    format!("{n}")
}

/// The rows of the CSV and of the tracker's sheet: one per figure as reported.
pub(crate) fn rows(facts: &Facts<'_>) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for indicator in &facts.site.indicators {
        let points = series(indicator, None);
        for entry in &indicator.values {
            let point = derived(&points, entry);
            let target = target_for(indicator, entry.period);
            rows.push(vec![
                indicator.id.clone(),
                indicator.title.clone(),
                indicator.unit.name().to_owned(),
                indicator.polarity.label().to_owned(),
                entry.period.to_string(),
                entry.period.key(),
                entry.reading.number().map_or_else(String::new, plain),
                match &entry.reading {
                    crate::model::indicator::Reading::Suppressed(mark) => mark.clone(),
                    crate::model::indicator::Reading::Number(_) => String::new(),
                },
                entry.reported_at.clone().unwrap_or_default(),
                if point.is_some() {
                    "Yes"
                } else {
                    "No (corrected later)"
                }
                .to_owned(),
                target.map_or_else(String::new, |t| plain(t.value)),
                point
                    .and_then(|p| p.standing)
                    .map_or("", |s| s.label())
                    .to_owned(),
                point
                    .and_then(|p| p.travel)
                    .map_or("", |t| t.direction.label())
                    .to_owned(),
                entry.note.as_deref().unwrap_or_default().trim().to_owned(),
            ]);
        }
    }
    rows
}

/// `indicators.csv`: UTF-8 with a byte-order mark and CRLF line ends, as spreadsheets expect.
pub(crate) fn indicators_csv(facts: &Facts<'_>) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, CSV_COLUMNS.iter().map(|c| (*c).to_owned()));
    for row in rows(facts) {
        push_row(&mut out, row);
    }
    out
}

#[derive(Serialize)]
struct IndicatorData<'a> {
    id: &'a str,
    title: &'a str,
    definition: Option<&'a str>,
    source: Option<&'a str>,
    unit: &'static str,
    polarity: &'static str,
    owner: Option<&'a str>,
    tolerance: Option<f64>,
    baseline: Option<PeriodValue>,
    targets: Vec<TargetData>,
    comparators: Vec<ComparatorData<'a>>,
    values: Vec<ValueData<'a>>,
}

#[derive(Serialize)]
struct PeriodValue {
    period: String,
    period_key: String,
    value: f64,
}

#[derive(Serialize)]
struct TargetData {
    /// `null` for a target the paper gives no date.
    by: Option<String>,
    by_key: Option<String>,
    value: f64,
}

#[derive(Serialize)]
struct ComparatorData<'a> {
    name: &'a str,
    period: Option<String>,
    /// `null` when the paper gives the comparison in `words` only.
    value: Option<f64>,
    words: Option<&'a str>,
}

#[derive(Serialize)]
struct ValueData<'a> {
    period: String,
    period_key: String,
    /// `null` when suppressed.
    value: Option<f64>,
    suppressed: Option<&'a str>,
    note: Option<&'a str>,
    reported_at: Option<&'a str>,
    /// Whether this is the figure in force for its period (not corrected later).
    in_force: bool,
    standing: Option<&'static str>,
    direction: Option<&'static str>,
}

fn indicator_data(indicator: &Indicator) -> IndicatorData<'_> {
    let points = series(indicator, None);
    IndicatorData {
        id: &indicator.id,
        title: &indicator.title,
        definition: indicator.definition.as_deref().map(str::trim),
        source: indicator.source.as_deref().map(str::trim),
        unit: indicator.unit.name(),
        polarity: indicator.polarity.label(),
        owner: indicator.owner.as_deref(),
        tolerance: indicator.tolerance,
        baseline: indicator.baseline.as_ref().map(|b| PeriodValue {
            period: b.period.to_string(),
            period_key: b.period.key(),
            value: b.value,
        }),
        targets: indicator
            .targets
            .iter()
            .map(|t| TargetData {
                by: t.by.map(|by| by.to_string()),
                by_key: t.by.map(crate::model::period::Period::key),
                value: t.value,
            })
            .collect(),
        comparators: indicator
            .comparators
            .iter()
            .map(|c| ComparatorData {
                name: &c.name,
                period: c.period.map(|p| p.to_string()),
                value: c.value(),
                words: match &c.compared {
                    Compared::Words(words) => Some(words.as_str()),
                    Compared::Figure(_) => None,
                },
            })
            .collect(),
        values: indicator
            .values
            .iter()
            .map(|entry| {
                let point = derived(&points, entry);
                ValueData {
                    period: entry.period.to_string(),
                    period_key: entry.period.key(),
                    value: entry.reading.number(),
                    suppressed: match &entry.reading {
                        crate::model::indicator::Reading::Suppressed(mark) => Some(mark),
                        crate::model::indicator::Reading::Number(_) => None,
                    },
                    note: entry.note.as_deref().map(str::trim),
                    reported_at: entry.reported_at.as_deref(),
                    in_force: point.is_some(),
                    standing: point.and_then(|p| p.standing).map(Standing::label),
                    direction: point.and_then(|p| p.travel).map(|t| t.direction.label()),
                }
            })
            .collect(),
    }
}

/// `indicators.json`: every indicator as written, with what its figures say.
pub(crate) fn indicators_json(facts: &Facts<'_>) -> String {
    let data: Vec<IndicatorData<'_>> = facts.site.indicators.iter().map(indicator_data).collect();
    let mut text = serde_json::to_string_pretty(&data).unwrap_or_default();
    text.push('\n');
    text
}

//! Indicators as the templates see them: a scorecard row (latest figure,
//! target, standing, direction, sparkline), the figures period by period with
//! gaps kept, and the chart. Every view speaks as of a cycle (its position in
//! date order) or, with `None`, of everything reported.

use crate::derive::indicators::{
    changed_at, compare, series, Comparison, Measured, Point, Standing, Travel,
};
use crate::model::indicator::{Entry, Indicator, Target, Unit};
use crate::model::period::Period;
use crate::render::fragments::plan::action_label;
use crate::render::links::{action_anchor, recommendation_anchor};
use crate::render::markup::chart::{self, Reference, Slot};
use crate::render::renderer::Renderer;
use crate::render::view::{list, Value};
use crate::view;

/// The most periods a chart lays out one by one; a longer run is shown by its figures only.
const MOST_SLOTS: usize = 240;

fn standing(standing: Option<Standing>) -> Value {
    standing.map_or_else(Value::none, |s| {
        view! { "label" => s.label(), "colour" => s.colour() }
    })
}

/// A target as pages give it: "80% by June 2026", or with no date when the paper gives none.
pub(crate) fn target_text(unit: Unit, target: &Target) -> String {
    match target.by {
        Some(by) => format!("{} by {by}", unit.show(target.value)),
        None => format!("{} (no date given)", unit.show(target.value)),
    }
}

/// A direction of travel in words and as an arrow (the arrow shows which way
/// the number moved; the words say whether that is better).
fn travel(indicator: &Indicator, travel: Option<Travel>) -> Value {
    travel.map_or_else(Value::none, |t| {
        let arrow = match t.rose {
            Some(true) => "↑",
            Some(false) => "↓",
            None => "→",
        };
        let from = indicator.unit.show(t.from);
        // Across a gap the earlier figure's period is named, so no one reads it as last period's.
        let from = match t.across {
            Some(period) => format!("{from} in {period}"),
            None => from,
        };
        let moved = match t.rose {
            Some(true) => format!("up from {from}"),
            Some(false) => format!("down from {from}"),
            None => format!("the same as before, {from}"),
        };
        view! {
            "label" => t.direction.label(),
            "id" => t.direction.label().to_lowercase().replace(' ', "-"),
            "arrow" => arrow,
            "text" => moved,
        }
    })
}

/// Every period from the first figure's to the last's, each with its point
/// (if it has one), when the figures are all of one kind; else the points.
fn laid_out<'p, 's>(points: &'p [Point<'s>]) -> Vec<(Period, Option<&'p Point<'s>>)> {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let (first, last) = (first.entry.period, last.entry.period);
    let one_kind = points.iter().all(|p| p.entry.period.same_kind(first));
    let mut periods = Vec::new();
    if one_kind {
        let mut period = first;
        while period <= last && periods.len() <= MOST_SLOTS {
            periods.push(period);
            period = period.next();
        }
    }
    if periods.is_empty() || periods.len() > MOST_SLOTS {
        return points.iter().map(|p| (p.entry.period, Some(p))).collect();
    }
    periods
        .into_iter()
        .map(|period| (period, points.iter().find(|p| p.entry.period == period)))
        .collect()
}

impl<'s> Renderer<'_, 's> {
    /// The indicator with this position in the site's list.
    pub(crate) fn indicator_at(&self, position: usize) -> &'s Indicator {
        &self.facts.site.indicators[position]
    }

    fn slots(indicator: &Indicator, points: &[Point<'_>]) -> Vec<Slot> {
        laid_out(points)
            .into_iter()
            .map(|(period, point)| Slot {
                label: period.to_string(),
                value: point.and_then(|p| p.entry.reading.number()),
                target: crate::derive::indicators::target_for(indicator, period).map(|t| t.value),
            })
            .collect()
    }

    /// A scorecard row: the latest figure known as of a cycle.
    pub(crate) fn indicator_row(&self, indicator: &'s Indicator, as_of: Option<usize>) -> Value {
        let points = series(indicator, as_of);
        let unit = indicator.unit;
        let slots = Self::slots(indicator, &points);
        // The figures in words; periods without one are counted, not listed.
        let mut described: Vec<String> = points
            .iter()
            .map(|p| format!("{} {}", p.entry.period, p.entry.reading.show(unit)))
            .collect();
        let gaps = slots.len().saturating_sub(points.len());
        if gaps > 0 {
            described.push(format!(
                "{gaps} {} without a figure",
                if gaps == 1 { "period" } else { "periods" }
            ));
        }
        let latest = points.last();
        let comparators = list(indicator.comparators.iter().map(|c| {
            let against = latest
                .and_then(|p| p.entry.reading.number())
                .and_then(|v| compare(v, c, indicator.polarity))
                .map(Comparison::label);
            view! {
                "name" => c.name.as_str(),
                "value" => c.show(unit),
                "words" => c.value().is_none(),
                "period" => c.period.map(|p| p.to_string()),
                "against" => against,
            }
        }));
        view! {
            "id" => indicator.id.as_str(),
            "title" => indicator.title.as_str(),
            "url" => self.links.path(&format!("indicators/{}/", indicator.id)),
            "polarity" => indicator.polarity.label(),
            "latest" => latest.map(|p| self.figure(indicator, p)),
            "standing" => standing(latest.and_then(|p| p.standing)),
            "travel" => travel(indicator, latest.and_then(|p| p.travel)),
            "target" => latest.and_then(|p| p.target).or_else(|| indicator.targets.last()).map(|t| target_text(unit, t)),
            "comparators" => comparators,
            "sparkline" => (slots.len() > 1).then(|| chart::sparkline(&slots, &format!("{}: {}", indicator.title, described.join("; ")))),
            "figures" => points.len(),
        }
    }

    /// One figure with its period, note and when it was reported.
    fn figure(&self, indicator: &Indicator, point: &Point<'_>) -> Value {
        let entry = point.entry;
        view! {
            "period" => entry.period.to_string(),
            "value" => entry.reading.show(indicator.unit),
            "suppressed" => entry.reading.number().is_none(),
            "note" => entry.note.as_deref().map(str::trim),
            "reported" => self.reported(entry),
        }
    }

    fn reported(&self, entry: &Entry) -> Value {
        entry
            .reported_order
            .map(|i| &self.facts.site.cycles[i])
            .map_or_else(Value::none, |c| {
                view! { "label" => c.label(), "url" => self.links.cycle(&c.id) }
            })
    }

    /// Scorecard rows for some indicators (by position), as of a cycle.
    pub(crate) fn scorecard(&self, positions: &[usize], as_of: Option<usize>) -> Value {
        list(
            positions
                .iter()
                .map(|&i| self.indicator_row(self.indicator_at(i), as_of)),
        )
    }

    /// The indicators whose latest figure changed standing at a cycle.
    pub(crate) fn changed_rag(&self, cycle: usize) -> Value {
        list(self.facts.site.indicators.iter().filter_map(|indicator| {
            let (before, now) = changed_at(indicator, cycle)?;
            let row = self.indicator_row(indicator, Some(cycle));
            Some(crate::render::view::with(
                &row,
                [("before", standing(before)), ("now", standing(Some(now)))],
            ))
        }))
    }

    /// Every period from the first figure to the last, gaps included, with
    /// earlier figures a correction replaced.
    pub(crate) fn indicator_table(&self, indicator: &'s Indicator) -> Value {
        let points = series(indicator, None);
        let unit = indicator.unit;
        list(laid_out(&points).into_iter().map(|(period, point)| {
            let Some(point) = point else {
                return view! { "period" => period.to_string(), "missing" => true };
            };
            let revised: Vec<Value> = indicator
                .values
                .iter()
                .filter(|e| e.period == period && !std::ptr::eq(*e, point.entry))
                .map(|e| view! { "value" => e.reading.show(unit), "reported" => self.reported(e) })
                .collect();
            crate::render::view::with(
                &self.figure(indicator, point),
                [
                    ("missing", Value::from(false)),
                    (
                        "target",
                        point
                            .target
                            .map_or_else(Value::none, |t| Value::from(unit.show(t.value))),
                    ),
                    ("standing", standing(point.standing)),
                    ("travel", travel(indicator, point.travel)),
                    ("revised", Value::from(revised)),
                ],
            )
        }))
    }

    /// The chart of an indicator, as inline SVG.
    pub(crate) fn indicator_chart(indicator: &Indicator) -> Option<String> {
        let points = series(indicator, None);
        if points.iter().all(|p| p.entry.reading.number().is_none()) {
            return None;
        }
        let slots = Self::slots(indicator, &points);
        // Only a comparator with a figure has a line; words have no place on an axis.
        let references: Vec<Reference> = indicator
            .comparators
            .iter()
            .filter_map(|c| {
                Some(Reference {
                    name: match c.period {
                        Some(period) => format!("{} ({period})", c.name),
                        None => c.name.clone(),
                    },
                    value: c.value()?,
                })
            })
            .collect();
        let unit = indicator.unit;
        let first = slots.first().map(|s| s.label.clone()).unwrap_or_default();
        let last = slots.last().map(|s| s.label.clone()).unwrap_or_default();
        let mut desc = format!(
            "{} by period, {first} to {last}; {}.",
            indicator.title,
            indicator.polarity.label().to_lowercase()
        );
        if !indicator.targets.is_empty() {
            desc.push_str(" The dashed line is the target in force.");
        }
        for r in &references {
            desc.push_str(&format!(
                " A dotted line marks {}: {}.",
                r.name,
                unit.show(r.value)
            ));
        }
        desc.push_str(
            " Periods without a figure are gaps in the line. The table below gives every figure.",
        );
        Some(chart::line_chart(
            "chart",
            &slots,
            &references,
            &format!("Chart: {}", indicator.title),
            &desc,
            &|v| unit.tick(v),
            unit.axis(),
        ))
    }

    /// The actions and recommendations an indicator measures, with the findings behind them.
    pub(crate) fn measures(&self, indicator: &Indicator) -> Value {
        let Some(measured) = self.facts.indicators.measures.get(indicator.id.as_str()) else {
            return list([]);
        };
        list(measured.iter().map(|m| {
            let (plan, label, text, anchor, findings) = match m {
                Measured::Recommendation(plan, rec) => (
                    *plan,
                    format!(
                        "{} {}",
                        plan.labels.get(crate::model::plan::Column::Recommendation),
                        rec.number.as_deref().unwrap_or(&rec.id)
                    ),
                    rec.text
                        .as_deref()
                        .or(rec.title.as_deref())
                        .unwrap_or_default(),
                    recommendation_anchor(&rec.id),
                    rec.findings.clone(),
                ),
                // Named by its number where the paper prints one (or by the
                // plan's own id), else by its text alone: never by an id made up.
                Measured::Action(a) => (
                    a.plan,
                    match (&a.action.number, a.action.given_id) {
                        (None, false) => String::new(),
                        _ => format!(
                            "{} {}",
                            a.plan.labels.get(crate::model::plan::Column::Action),
                            action_label(a)
                        ),
                    },
                    a.action.text.as_str(),
                    action_anchor(a.action.id()),
                    a.findings().cloned().collect(),
                ),
            };
            view! {
                "plan" => plan.title.as_str(),
                "label" => label,
                "text" => text.trim(),
                "url" => format!("{}#{anchor}", self.links.plan(&plan.id)),
                "findings" => self.findings(&findings),
            }
        }))
    }

    /// Links to the indicators an action or recommendation names.
    pub(crate) fn indicator_links(&self, ids: &[String]) -> Value {
        list(ids.iter().filter_map(|id| {
            let i = self.facts.indicators.position(id)?;
            let indicator = self.indicator_at(i);
            Some(view! {
                "title" => indicator.title.as_str(),
                "url" => self.links.path(&format!("indicators/{id}/")),
            })
        }))
    }
}

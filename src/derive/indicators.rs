//! What the figures of an indicator say, derived, never typed: each figure's
//! standing against the target in force for its period ("On target", "Within
//! tolerance", "Off target"), its direction of travel from the period before,
//! the latest against comparators, and which figures were known at a cycle
//! (a figure corrected later keeps its first value on the earlier cycle's page).

use crate::model::indicator::{Comparator, Entry, Indicator, Polarity, Target};
use crate::model::period::Period;
use crate::model::plan::{ActionRef, Plan, Recommendation};
use crate::model::site::Site;
use std::collections::BTreeMap;

/// A figure's standing against its target: the indicator's own words,
/// separate from any plan's action statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Standing {
    OnTarget,
    WithinTolerance,
    OffTarget,
}

impl Standing {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Standing::OnTarget => "On target",
            Standing::WithinTolerance => "Within tolerance",
            Standing::OffTarget => "Off target",
        }
    }

    /// The RAG colour, as the stylesheet names it.
    pub(crate) fn colour(self) -> &'static str {
        match self {
            Standing::OnTarget => "green",
            Standing::WithinTolerance => "amber",
            Standing::OffTarget => "red",
        }
    }
}

/// Which way a figure moved from the period before, judged by the indicator's polarity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Improving,
    Worsening,
    NoChange,
}

impl Direction {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Direction::Improving => "Improving",
            Direction::Worsening => "Worsening",
            Direction::NoChange => "No change",
        }
    }
}

/// A move from one figure to the next: better or worse, and up or down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Travel {
    pub direction: Direction,
    /// The figure before.
    pub from: f64,
    /// The period of the figure before, when it is not the period just
    /// before (a gap between them), so the words can name it.
    pub across: Option<Period>,
    /// Whether the number rose (the arrow points up), fell, or stayed.
    pub rose: Option<bool>,
}

/// How a figure compares with a comparator's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Comparison {
    Better,
    Worse,
    Same,
}

impl Comparison {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Comparison::Better => "better than",
            Comparison::Worse => "worse than",
            Comparison::Same => "the same as",
        }
    }
}

/// Numbers that differ by less than this are equal (figures are written to a few decimals).
const EPSILON: f64 = 1e-9;

/// Whether `a` is at least as good as `b`, for the polarity.
fn at_least(a: f64, b: f64, polarity: Polarity) -> bool {
    match polarity {
        Polarity::HigherIsBetter => a + EPSILON >= b,
        Polarity::LowerIsBetter => a <= b + EPSILON,
    }
}

/// The target in force for a period: the first dated one (by its `by`
/// period) not due before the period ends, so an interim target holds until
/// its date; when none is, the standing target (no date), else the last.
pub(crate) fn target_for(indicator: &Indicator, period: Period) -> Option<&Target> {
    let dated = || indicator.targets.iter().filter(|t| t.by.is_some());
    dated()
        .find(|t| t.by.is_some_and(|by| by.end() >= period.end()))
        .or_else(|| indicator.targets.iter().find(|t| t.by.is_none()))
        .or_else(|| dated().next_back())
}

/// A number's standing against a target: on target when at least as good;
/// within tolerance when no further than the tolerance on the wrong side;
/// otherwise off target.
pub(crate) fn standing(
    value: f64,
    target: f64,
    tolerance: Option<f64>,
    polarity: Polarity,
) -> Standing {
    if at_least(value, target, polarity) {
        return Standing::OnTarget;
    }
    let Some(tolerance) = tolerance else {
        return Standing::OffTarget;
    };
    let edge = match polarity {
        Polarity::HigherIsBetter => target - tolerance,
        Polarity::LowerIsBetter => target + tolerance,
    };
    if at_least(value, edge, polarity) {
        Standing::WithinTolerance
    } else {
        Standing::OffTarget
    }
}

/// The direction of travel from `from` to `to`.
pub(crate) fn travel(from: f64, to: f64, polarity: Polarity) -> Travel {
    let (direction, rose) = if (to - from).abs() < EPSILON {
        (Direction::NoChange, None)
    } else {
        let rose = to > from;
        let better = rose == (polarity == Polarity::HigherIsBetter);
        let direction = if better {
            Direction::Improving
        } else {
            Direction::Worsening
        };
        (direction, Some(rose))
    };
    Travel {
        direction,
        from,
        across: None,
        rose,
    }
}

/// How a figure compares with a comparator: `None` when the comparator is
/// in words, as there is no figure to judge against.
pub(crate) fn compare(
    value: f64,
    comparator: &Comparator,
    polarity: Polarity,
) -> Option<Comparison> {
    let other = comparator.value()?;
    Some(if (value - other).abs() < EPSILON {
        Comparison::Same
    } else if at_least(value, other, polarity) {
        Comparison::Better
    } else {
        Comparison::Worse
    })
}

/// One figure as known at some cycle, with what it says.
#[derive(Clone, Debug)]
pub(crate) struct Point<'s> {
    pub entry: &'s Entry,
    pub target: Option<&'s Target>,
    /// `None` for a suppressed figure, or when there is no target.
    pub standing: Option<Standing>,
    /// `None` for the first figure, or beside a suppressed figure. After a
    /// gap it is from the figure before the gap (councils report some
    /// figures once a year under a month's name: 172 in March 2021, 149 in
    /// February 2022 is still a fall).
    pub travel: Option<Travel>,
}

/// The figures known at a cycle (by its position in date order; `None` for
/// everything reported), one per period, in period order: each period's latest
/// correction known then. A figure with no `reported_at` is known from the start.
pub(crate) fn known_at(indicator: &Indicator, as_of: Option<usize>) -> Vec<&Entry> {
    let mut by_period: BTreeMap<Period, &Entry> = BTreeMap::new();
    for entry in &indicator.values {
        let known = match (entry.reported_order, as_of) {
            (None, _) | (Some(_), None) => true,
            (Some(reported), Some(cycle)) => reported <= cycle,
        };
        if known {
            // Later entries for a period are corrections (the checker holds them to later cycles).
            by_period.insert(entry.period, entry);
        }
    }
    by_period.into_values().collect()
}

/// The figures known at a cycle with their standing and direction of travel.
pub(crate) fn series(indicator: &Indicator, as_of: Option<usize>) -> Vec<Point<'_>> {
    let known = known_at(indicator, as_of);
    let mut points: Vec<Point<'_>> = Vec::with_capacity(known.len());
    for (i, &entry) in known.iter().enumerate() {
        let target = target_for(indicator, entry.period);
        let value = entry.reading.number();
        let standing = value
            .zip(target)
            .map(|(v, t)| standing(v, t.value, indicator.tolerance, indicator.polarity));
        let before = i.checked_sub(1).map(|j| known[j]);
        let travel = before.and_then(|e| {
            let from = e.reading.number()?;
            let mut moved = travel(from, value?, indicator.polarity);
            moved.across = (e.period != entry.period.previous()).then_some(e.period);
            Some(moved)
        });
        points.push(Point {
            entry,
            target,
            standing,
            travel,
        });
    }
    points
}

/// The standing of the latest figure known at a cycle.
fn latest_standing(indicator: &Indicator, as_of: Option<usize>) -> Option<Standing> {
    series(indicator, as_of).last().and_then(|p| p.standing)
}

/// Whether the latest figure's standing changed at a cycle (by position):
/// its standing then, and before it (`None` when there was none). Before the
/// first cycle, only figures with no `reported_at` are known.
pub(crate) fn changed_at(
    indicator: &Indicator,
    cycle: usize,
) -> Option<(Option<Standing>, Standing)> {
    let now = latest_standing(indicator, Some(cycle))?;
    let before = if cycle == 0 {
        let known: Vec<Entry> = indicator
            .values
            .iter()
            .filter(|e| e.reported_order.is_none())
            .cloned()
            .collect();
        let earlier = Indicator {
            values: known,
            ..indicator.clone()
        };
        latest_standing(&earlier, Some(0))
    } else {
        latest_standing(indicator, Some(cycle - 1))
    };
    (before != Some(now)).then_some((before, now))
}

/// An action or a recommendation an indicator measures.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Measured<'s> {
    Recommendation(&'s Plan, &'s Recommendation),
    Action(ActionRef<'s>),
}

/// Every indicator with what it measures.
pub(crate) struct Indicators<'s> {
    /// Indicator id → its position in the site's indicators.
    index: BTreeMap<&'s str, usize>,
    /// Indicator id → the recommendations and actions that name it, in plan order.
    pub measures: BTreeMap<&'s str, Vec<Measured<'s>>>,
    /// Plan id → the indicators its actions and recommendations name (by
    /// position), each once, in site order: what its scorecard shows.
    by_plan: BTreeMap<&'s str, Vec<usize>>,
}

impl<'s> Indicators<'s> {
    pub(crate) fn new(site: &'s Site) -> Indicators<'s> {
        let mut measures: BTreeMap<&'s str, Vec<Measured<'s>>> = BTreeMap::new();
        for plan in &site.plans {
            for rec in plan.recommendations() {
                for id in &rec.indicators {
                    measures
                        .entry(id)
                        .or_default()
                        .push(Measured::Recommendation(plan, rec));
                }
            }
            for action in plan.actions() {
                for id in &action.action.indicators {
                    measures
                        .entry(id)
                        .or_default()
                        .push(Measured::Action(action));
                }
            }
        }
        let index: BTreeMap<&'s str, usize> = site
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.as_str(), i))
            .collect();
        let mut by_plan: BTreeMap<&'s str, Vec<usize>> = BTreeMap::new();
        for (id, measured) in &measures {
            let Some(&position) = index.get(id) else {
                continue;
            };
            for m in measured {
                let plan = match m {
                    Measured::Recommendation(plan, _) => plan.id.as_str(),
                    Measured::Action(a) => a.plan.id.as_str(),
                };
                by_plan.entry(plan).or_default().push(position);
            }
        }
        for positions in by_plan.values_mut() {
            positions.sort_unstable();
            positions.dedup();
        }
        Indicators {
            index,
            measures,
            by_plan,
        }
    }

    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The indicators a plan's actions and recommendations name, each once, in site order.
    pub(crate) fn of_plan(&self, plan: &str) -> &[usize] {
        self.by_plan.get(plan).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicator::{Compared, Reading, Unit};

    fn period(text: &str) -> Period {
        Period::parse(text).expect("a period")
    }

    fn entry(p: &str, value: &str, reported: Option<usize>) -> Entry {
        Entry {
            period: period(p),
            reading: Reading::parse(value).expect("a figure"),
            note: None,
            reported_at: reported.map(|c| format!("c{c}")),
            reported_order: reported,
        }
    }

    fn indicator(polarity: Polarity, targets: &[(f64, &str)], values: Vec<Entry>) -> Indicator {
        Indicator {
            id: "i".into(),
            title: "I".into(),
            definition: None,
            source: None,
            unit: Unit::Percent,
            polarity,
            baseline: None,
            targets: targets
                .iter()
                .map(|&(value, by)| Target {
                    value,
                    by: (!by.is_empty()).then(|| period(by)),
                })
                .collect(),
            comparators: Vec::new(),
            tolerance: Some(5.0),
            owner: None,
            values,
        }
    }

    #[test]
    fn standing_respects_tolerance_edges_and_polarity() {
        let higher = Polarity::HigherIsBetter;
        assert_eq!(standing(83.0, 83.0, Some(5.0), higher), Standing::OnTarget);
        assert_eq!(standing(90.0, 83.0, Some(5.0), higher), Standing::OnTarget);
        assert_eq!(
            standing(78.0, 83.0, Some(5.0), higher),
            Standing::WithinTolerance
        );
        assert_eq!(standing(77.9, 83.0, Some(5.0), higher), Standing::OffTarget);
        assert_eq!(standing(82.9, 83.0, None, higher), Standing::OffTarget);
        assert_eq!(
            standing(83.0 - 0.1, 83.0, Some(0.1), higher),
            Standing::WithinTolerance
        );
        let lower = Polarity::LowerIsBetter;
        assert_eq!(standing(45.0, 45.0, Some(5.0), lower), Standing::OnTarget);
        assert_eq!(standing(30.0, 45.0, Some(5.0), lower), Standing::OnTarget);
        assert_eq!(
            standing(50.0, 45.0, Some(5.0), lower),
            Standing::WithinTolerance
        );
        assert_eq!(standing(50.1, 45.0, Some(5.0), lower), Standing::OffTarget);
        assert_eq!(standing(90.0, 83.0, Some(5.0), lower), Standing::OffTarget);
    }

    #[test]
    fn interim_targets_hold_until_their_date_then_the_next() {
        let i = indicator(
            Polarity::HigherIsBetter,
            &[(60.0, "2024/25"), (80.0, "2026/27")],
            Vec::new(),
        );
        let by = |p: &str| target_for(&i, period(p)).map(|t| t.value);
        assert_eq!(by("2023/24"), Some(60.0));
        assert_eq!(
            by("March 2025"),
            Some(60.0),
            "the last month of the year is still in it"
        );
        assert_eq!(by("April 2025"), Some(80.0));
        assert_eq!(by("Q4 2026/27"), Some(80.0));
        assert_eq!(by("2030/31"), Some(80.0), "after the last target, the last");
        let none = indicator(Polarity::HigherIsBetter, &[], Vec::new());
        assert_eq!(target_for(&none, period("2024/25")), None);
    }

    #[test]
    fn direction_of_travel_respects_polarity() {
        let up = travel(17.0, 22.0, Polarity::HigherIsBetter);
        assert_eq!((up.direction, up.rose), (Direction::Improving, Some(true)));
        let up = travel(17.0, 22.0, Polarity::LowerIsBetter);
        assert_eq!((up.direction, up.rose), (Direction::Worsening, Some(true)));
        let down = travel(22.0, 17.0, Polarity::LowerIsBetter);
        assert_eq!(
            (down.direction, down.rose),
            (Direction::Improving, Some(false))
        );
        assert_eq!(
            travel(5.0, 5.0, Polarity::LowerIsBetter).direction,
            Direction::NoChange
        );
    }

    #[test]
    fn a_gap_compares_across_it_and_suppressed_figures_give_no_direction() {
        let i = indicator(
            Polarity::HigherIsBetter,
            &[(20.0, "2030/31")],
            vec![
                entry("2018/19", "17", None),
                entry("2020/21", "22", None),
                entry("2021/22", "c", None),
                entry("2022/23", "25", None),
                entry("2023/24", "21", None),
            ],
        );
        let travels: Vec<Option<Direction>> = series(&i, None)
            .iter()
            .map(|p| p.travel.map(|t| t.direction))
            .collect();
        assert_eq!(
            travels,
            [
                None,
                Some(Direction::Improving),
                None,
                None,
                Some(Direction::Worsening)
            ]
        );
        // Across the missing 2019/20 the words name the earlier period.
        let across: Vec<Option<String>> = series(&i, None)
            .iter()
            .map(|p| p.travel.and_then(|t| t.across).map(|p| p.to_string()))
            .collect();
        assert_eq!(across, [None, Some("2018/19".to_owned()), None, None, None]);
        let standings: Vec<Option<Standing>> =
            series(&i, None).iter().map(|p| p.standing).collect();
        assert_eq!(
            standings,
            [
                Some(Standing::WithinTolerance),
                Some(Standing::OnTarget),
                None,
                Some(Standing::OnTarget),
                Some(Standing::OnTarget)
            ]
        );
    }

    #[test]
    fn a_cycle_sees_only_what_was_reported_by_then() {
        let i = indicator(
            Polarity::HigherIsBetter,
            &[(80.0, "2030/31")],
            vec![
                entry("Q1 2025/26", "70", None),
                entry("Q2 2025/26", "82", Some(1)),
                entry("Q2 2025/26", "74", Some(2)),
                entry("Q3 2025/26", "85", Some(3)),
            ],
        );
        let at = |c: Option<usize>| -> Vec<String> {
            known_at(&i, c)
                .iter()
                .map(|e| format!("{} {:?}", e.period, e.reading.number()))
                .collect()
        };
        assert_eq!(at(Some(0)), ["Q1 2025/26 Some(70.0)"]);
        assert_eq!(
            at(Some(1)),
            ["Q1 2025/26 Some(70.0)", "Q2 2025/26 Some(82.0)"]
        );
        assert_eq!(
            at(Some(2)),
            ["Q1 2025/26 Some(70.0)", "Q2 2025/26 Some(74.0)"]
        );
        assert_eq!(at(None).len(), 3);
        // The latest figure: 70 (off), 82 (on), 74 corrected (off: the edge is 75), 85 (on).
        assert_eq!(changed_at(&i, 0), None, "nothing new at the first cycle");
        assert_eq!(
            changed_at(&i, 1),
            Some((Some(Standing::OffTarget), Standing::OnTarget))
        );
        assert_eq!(
            changed_at(&i, 2),
            Some((Some(Standing::OnTarget), Standing::OffTarget))
        );
        assert_eq!(
            changed_at(&i, 3),
            Some((Some(Standing::OffTarget), Standing::OnTarget))
        );
    }

    #[test]
    fn comparators_are_judged_by_polarity() {
        let c = Comparator {
            name: "England".into(),
            compared: Compared::Figure(50.0),
            period: Some(period("2024/25")),
        };
        assert_eq!(
            compare(60.0, &c, Polarity::HigherIsBetter),
            Some(Comparison::Better)
        );
        assert_eq!(
            compare(60.0, &c, Polarity::LowerIsBetter),
            Some(Comparison::Worse)
        );
        assert_eq!(
            compare(50.0, &c, Polarity::LowerIsBetter),
            Some(Comparison::Same)
        );
        let words = Comparator {
            name: "Statistical neighbours".into(),
            compared: Compared::Words("below statistical neighbours".into()),
            period: None,
        };
        assert_eq!(compare(60.0, &words, Polarity::HigherIsBetter), None);
    }

    #[test]
    fn a_standing_target_holds_where_no_dated_one_does() {
        // Sorted as the checker sorts them: dated ones by date, the standing one last.
        let i = indicator(
            Polarity::HigherIsBetter,
            &[(60.0, "2024/25"), (80.0, "June 2026"), (95.0, "")],
            Vec::new(),
        );
        let by = |p: &str| target_for(&i, period(p)).map(|t| t.value);
        assert_eq!(by("2023/24"), Some(60.0));
        assert_eq!(by("May 2026"), Some(80.0));
        assert_eq!(by("June 2026"), Some(80.0), "due in its own month");
        assert_eq!(
            by("July 2026"),
            Some(95.0),
            "after the dated ones, the standing one"
        );
        let only = indicator(Polarity::HigherIsBetter, &[(95.0, "")], Vec::new());
        assert_eq!(
            target_for(&only, period("2024/25")).map(|t| t.value),
            Some(95.0)
        );
    }
}

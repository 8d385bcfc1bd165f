//! The rule for a clock: its due date (set outright, or a rule counted from
//! its start), and whether it was met, met late (by how many days), or is
//! open, and overdue as of the site's latest cycle. "Not known" wherever a
//! paper gives no date. Nothing reads the system clock.

use crate::derive::facts::Facts;
use crate::model::clock::{days_between, Clock, Known};
use crate::model::cycle::Cycle;
use crate::model::date::Date;

/// Where a clock stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Standing {
    /// Given on or before its due date.
    Met,
    /// Given after its due date, by so many calendar days.
    MetLate(i64),
    /// Given, but the due date or the date given is not known.
    GivenUnjudged,
    /// Not given, and its due date passed before the latest cycle, by so many days.
    Overdue(i64),
    /// Not given, and not yet due as of the latest cycle (or nothing to judge against).
    Open,
    /// Not given, and its due date is not known.
    OpenDueNotKnown,
}

impl Standing {
    /// A short id, for open data and styles.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Standing::Met => "met",
            Standing::MetLate(_) => "met-late",
            Standing::GivenUnjudged => "given",
            Standing::Overdue(_) => "overdue",
            Standing::Open => "open",
            Standing::OpenDueNotKnown => "open-due-not-known",
        }
    }
}

/// A clock, judged.
#[derive(Clone, Debug)]
pub(crate) struct ClockState<'s> {
    pub clock: &'s Clock,
    /// When it started: its own start, or the inspection's publication; `None`
    /// when the paper gives no date.
    pub start: Option<Date>,
    /// `None` when it is not known (no start, or `due: not known`).
    pub due: Option<Date>,
    /// The date it was given, when known.
    pub given: Option<Date>,
    /// Whether it was given at all.
    pub is_given: bool,
    pub standing: Standing,
    /// The cycle it is judged as of: the site's latest.
    pub as_of: Option<&'s Cycle>,
}

/// Judges a clock as of a date (`None`: no cycle yet).
pub(crate) fn judge<'s>(
    clock: &'s Clock,
    published: Option<Date>,
    bank_holidays: &[Date],
    as_of: Option<&'s Cycle>,
) -> ClockState<'s> {
    let start = clock.start.map_or(published, Known::date);
    let due = match (clock.due, clock.rule) {
        (Some(due), _) => due.date(),
        (None, Some(rule)) => start.map(|s| rule.due(s, bank_holidays)),
        (None, None) => None,
    };
    let is_given = clock.given.is_some();
    let given = clock.given.and_then(Known::date);
    let standing = match (is_given, given, due) {
        (true, Some(given), Some(due)) if given <= due => Standing::Met,
        (true, Some(given), Some(due)) => Standing::MetLate(days_between(due, given)),
        (true, _, _) => Standing::GivenUnjudged,
        (false, _, None) => Standing::OpenDueNotKnown,
        (false, _, Some(due)) => match as_of.map(Cycle::as_of_day) {
            Some(now) if now > due => Standing::Overdue(days_between(due, now)),
            _ => Standing::Open,
        },
    };
    ClockState {
        clock,
        start,
        due,
        given,
        is_given,
        standing,
        as_of,
    }
}

impl<'s> Facts<'s> {
    /// A clock of a plan or an inspection (whose publication starts its
    /// clocks that give no start), as of the site's latest cycle.
    pub(crate) fn clock(&self, clock: &'s Clock, published: Option<Date>) -> ClockState<'s> {
        judge(
            clock,
            published,
            &self.site.config.bank_holidays,
            self.site.cycles.last(),
        )
    }

    /// Every clock of the site: inspections' first, then plans', each with
    /// the document it belongs to (title, and whether it is a plan).
    pub(crate) fn all_clocks(&self) -> Vec<(&'s str, &'s str, bool, ClockState<'s>)> {
        let site = self.site;
        let mut all = Vec::new();
        for inspection in &site.inspections {
            for clock in &inspection.clocks {
                all.push((
                    inspection.id.as_str(),
                    inspection.title.as_str(),
                    false,
                    self.clock(clock, inspection.published),
                ));
            }
        }
        for plan in &site.plans {
            for clock in &plan.clocks {
                all.push((
                    plan.id.as_str(),
                    plan.title.as_str(),
                    true,
                    self.clock(clock, None),
                ));
            }
        }
        all
    }
}

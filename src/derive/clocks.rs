//! The rule for a clock: its due date (set outright, or a rule counted from
//! its start), and whether it was met, met late (by how many days), or is
//! open, and overdue as of the site's latest cycle. "Not known" wherever a
//! paper gives no date. Nothing reads the system clock.

use crate::derive::facts::Facts;
use crate::model::clock::{days_between, Clock, ClockDate};
use crate::model::cycle::Cycle;
use crate::model::date::{Date, MeetingDate};

/// Where a clock stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Standing {
    /// Given on or before its due date.
    Met,
    /// Given after its due date, by so many calendar days when both dates
    /// are days (`None` when either is only a month).
    MetLate(Option<i64>),
    /// Given, but the due date or the date given is not known.
    GivenUnjudged,
    /// Given in the month it fell due, where one of the two dates is only
    /// a month: whether it was on time is not known.
    GivenInDueMonth,
    /// Not given, and its due date passed before the latest cycle, by so
    /// many days (from a month's last day when only the month is known).
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
            Standing::GivenUnjudged | Standing::GivenInDueMonth => "given",
            Standing::Overdue(_) => "overdue",
            Standing::Open => "open",
            Standing::OpenDueNotKnown => "open-due-not-known",
        }
    }
}

/// A date as the paper prints it (a day or a month), and whether it is an
/// estimate: the paper's own ("approx."), or one a rule reckons from a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Printed {
    pub date: MeetingDate,
    pub estimated: bool,
}

/// A clock, judged.
#[derive(Clone, Debug)]
pub(crate) struct ClockState<'s> {
    pub clock: &'s Clock,
    /// When it started: its own start, or the inspection's publication; `None`
    /// when the paper gives no date.
    pub start: Option<Printed>,
    /// `None` when it is not known (no start, or `due: not known`).
    pub due: Option<Printed>,
    /// The date it was given, when known.
    pub given: Option<Printed>,
    /// Whether it was given at all.
    pub is_given: bool,
    pub standing: Standing,
    /// Whether a count of days in `standing` rests on an estimated date.
    pub estimated: bool,
    /// The cycle it is judged as of: the site's latest.
    pub as_of: Option<&'s Cycle>,
}

/// Judges a clock as of a date (`None`: no cycle yet). A month stands for
/// its whole span: given in a month wholly after the due date is late, in a
/// month wholly on or before it is met, and in the month it fell due is not
/// judged; an open clock is overdue once the due month is over.
pub(crate) fn judge<'s>(
    clock: &'s Clock,
    published: Option<Date>,
    bank_holidays: &[Date],
    as_of: Option<&'s Cycle>,
) -> ClockState<'s> {
    let printed = |which: ClockDate| {
        clock.date(which).map(|date| Printed {
            date,
            estimated: clock.is_estimated(which),
        })
    };
    let start = match clock.start {
        Some(_) => printed(ClockDate::Start),
        None => published.map(|day| Printed {
            date: MeetingDate::day(day),
            estimated: false,
        }),
    };
    let due = match (clock.due, clock.rule) {
        (Some(_), _) => printed(ClockDate::Due),
        (None, Some(rule)) => start.map(|s| {
            let (date, reckoned) = rule.due_from(s.date, bank_holidays);
            Printed {
                date,
                estimated: s.estimated || reckoned,
            }
        }),
        (None, None) => None,
    };
    let is_given = clock.given.is_some();
    let given = printed(ClockDate::Given);
    let standing = match (is_given, given, due) {
        (true, Some(given), Some(due)) => {
            let (g, d) = (given.date, due.date);
            if g.as_of() <= d.as_of() {
                Standing::Met
            } else if g.first_day() > d.as_of() {
                let days = (!g.is_month_only() && !d.is_month_only())
                    .then(|| days_between(d.as_of(), g.as_of()));
                Standing::MetLate(days)
            } else {
                Standing::GivenInDueMonth
            }
        }
        (true, _, _) => Standing::GivenUnjudged,
        (false, _, None) => Standing::OpenDueNotKnown,
        (false, _, Some(due)) => match as_of.map(Cycle::as_of_day) {
            Some(now) if now > due.date.as_of() => {
                Standing::Overdue(days_between(due.date.as_of(), now))
            }
            _ => Standing::Open,
        },
    };
    let estimated = match standing {
        Standing::MetLate(Some(_)) => {
            given.is_some_and(|g| g.estimated) || due.is_some_and(|d| d.estimated)
        }
        Standing::Overdue(_) => due.is_some_and(|d| d.estimated),
        _ => false,
    };
    ClockState {
        clock,
        start,
        due,
        given,
        is_given,
        standing,
        estimated,
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

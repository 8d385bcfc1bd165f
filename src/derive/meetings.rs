//! The challenge log across meetings: each undertaking with the meeting it
//! was given at, the meeting it is due back at, and the meeting it came back
//! at. An undertaking not answered by its due meeting carries forward, and is
//! late, at every later meeting until it is answered.

use crate::derive::facts::Facts;
use crate::model::meeting::{Answer, Meeting, Undertaking};

/// An undertaking and what became of it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tracked<'s> {
    pub undertaking: &'s Undertaking,
    /// The meeting it was given at.
    pub given: &'s Meeting,
    /// The meeting it came back at, and how.
    pub answered: Option<(&'s Meeting, &'s Answer)>,
}

/// Where an undertaking stands at one meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Back {
    /// Answered at or before its due meeting.
    OnTime,
    /// Answered, after its due meeting.
    Late,
    /// Not answered yet, and its due meeting has passed (or is this one).
    Outstanding,
}

impl Back {
    pub(crate) fn id(self) -> &'static str {
        match self {
            Back::OnTime => "answered",
            Back::Late => "answered-late",
            Back::Outstanding => "not-answered",
        }
    }
}

impl<'s> Facts<'s> {
    /// Every undertaking of every meeting, in meeting order.
    pub(crate) fn undertakings(&self) -> Vec<Tracked<'s>> {
        let meetings = &self.site.meetings;
        let mut all = Vec::new();
        for meeting in meetings {
            for undertaking in &meeting.undertakings {
                let answered = meetings.iter().find_map(|m| {
                    m.answered
                        .iter()
                        .find(|a| a.undertaking == undertaking.id)
                        .map(|a| (m, a))
                });
                all.push(Tracked {
                    undertaking,
                    given: meeting,
                    answered,
                });
            }
        }
        all
    }

    fn order(&self, cycle: &str) -> Option<usize> {
        self.cycle_order.get(cycle).copied()
    }

    /// Where an undertaking stands as of a meeting (`None` for one not yet
    /// due there, or with no due meeting and no answer).
    pub(crate) fn back_at(&self, tracked: &Tracked<'s>, cycle: &str) -> Option<Back> {
        let now = self.order(cycle)?;
        let due = tracked
            .undertaking
            .due
            .as_deref()
            .and_then(|d| self.order(d));
        let answered = tracked
            .answered
            .and_then(|(m, _)| self.order(&m.cycle))
            .filter(|&a| a <= now);
        match (answered, due) {
            (Some(a), Some(due)) if a > due => Some(Back::Late),
            (Some(_), _) => Some(Back::OnTime),
            (None, Some(due)) if due <= now => Some(Back::Outstanding),
            (None, _) => None,
        }
    }

    /// What a meeting's page lists: the undertakings due back at it, those
    /// carried forward from earlier meetings (due before it and not answered
    /// before it), and those answered at it that were due elsewhere.
    pub(crate) fn undertakings_at(&self, cycle: &str) -> Vec<(Tracked<'s>, Back, bool)> {
        let Some(now) = self.order(cycle) else {
            return Vec::new();
        };
        let mut listed = Vec::new();
        for tracked in self.undertakings() {
            let due = tracked
                .undertaking
                .due
                .as_deref()
                .and_then(|d| self.order(d));
            let answered_at = tracked.answered.and_then(|(m, _)| self.order(&m.cycle));
            let due_here = due == Some(now);
            let carried = due.is_some_and(|d| d < now) && answered_at.is_none_or(|a| a >= now);
            let answered_here = answered_at == Some(now);
            if due_here || carried || answered_here {
                if let Some(back) = self.back_at(&tracked, cycle) {
                    listed.push((tracked, back, carried));
                }
            }
        }
        listed
    }
}

//! Roll-ups: counts of a set of actions as of a cycle, in their plan's own
//! key; and sums of roll-ups across plans, which count by colour and done
//! where the plans' keys differ.

use crate::derive::facts::{Facts, PlanFacts};
use crate::model::cycle::Cycle;
use crate::model::plan::{ActionRef, Completion};
use crate::model::status::Colour;

/// One line of a roll-up: a status of a key, or a colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Count<'s> {
    pub id: &'s str,
    pub label: &'s str,
    pub colour: Colour,
    pub n: usize,
}

/// Counts of actions by status (or by colour), with what has no status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Summary<'s> {
    /// In the key's order (or the colours' order, when by colour).
    pub counts: Vec<Count<'s>>,
    /// Whether the counts are by colour: the sum of plans with different keys.
    pub by_colour: bool,
    /// Progress reported without a status.
    pub not_rated: usize,
    /// Nothing reported yet.
    pub no_update: usize,
    /// Whether the key says what counts as done (has a `done` status); for a
    /// sum, whether every key summed does.
    pub done_defined: bool,
    pub total: usize,
    /// Done as the plan counts completion (see `counting`).
    pub done: usize,
    /// Reported complete by officers.
    pub reported_done: usize,
    /// Complete and confirmed by the committee.
    pub confirmed_done: usize,
    /// What `done` counts: completion as reported, or only as confirmed;
    /// `None` when summed across plans that count differently.
    pub counting: Option<Completion>,
    pub overdue: usize,
}

impl<'s> Facts<'s> {
    /// Counts for a set of actions of one plan as of a cycle, in the plan's key.
    pub(crate) fn summary<'a, I>(
        &self,
        plan: &PlanFacts<'s>,
        actions: I,
        cycle: Option<&Cycle>,
    ) -> Summary<'s>
    where
        I: IntoIterator<Item = &'a ActionRef<'s>>,
        's: 'a,
    {
        let mut summary = Summary {
            counts: plan
                .statuses
                .iter()
                .map(|s| Count {
                    id: &s.id,
                    label: &s.label,
                    colour: s.colour,
                    n: 0,
                })
                .collect(),
            counting: Some(plan.plan.completion),
            done_defined: plan.statuses.iter().any(|s| s.done),
            ..Summary::default()
        };
        for action in actions {
            let state = self.state(action, cycle);
            summary.total += 1;
            match state.status {
                Some(status) => {
                    if let Some(count) = summary.counts.iter_mut().find(|c| c.id == status.id) {
                        count.n += 1;
                    }
                    if status.done {
                        summary.reported_done += 1;
                        if state.confirmed.is_some() {
                            summary.confirmed_done += 1;
                        }
                        let counts = match plan.plan.completion {
                            Completion::Reported => true,
                            Completion::Confirmed => state.confirmed.is_some(),
                        };
                        if counts {
                            summary.done += 1;
                        }
                    }
                }
                None if state.is_reported() => summary.not_rated += 1,
                None => summary.no_update += 1,
            }
            if state.overdue {
                summary.overdue += 1;
            }
        }
        summary
    }
}

impl<'s> Summary<'s> {
    /// Adds roll-ups together (an owner's actions across plans): status by
    /// status when they share one key, otherwise by colour.
    pub(crate) fn merge(summaries: &[Summary<'s>]) -> Summary<'s> {
        let same_key = summaries.windows(2).all(|pair| {
            !pair[0].by_colour
                && !pair[1].by_colour
                && pair[0]
                    .counts
                    .iter()
                    .map(|c| c.id)
                    .eq(pair[1].counts.iter().map(|c| c.id))
        });
        Summary::merge_as(summaries, same_key)
    }

    /// Adds roll-ups together by colour, whatever their keys: what the
    /// dashboard counts across plans, which never sums one plan's words.
    pub(crate) fn by_colour(summaries: &[Summary<'s>]) -> Summary<'s> {
        Summary::merge_as(summaries, false)
    }

    fn merge_as(summaries: &[Summary<'s>], same_key: bool) -> Summary<'s> {
        let mut total = Summary {
            done_defined: summaries.iter().any(|s| s.total > 0)
                && summaries
                    .iter()
                    .filter(|s| s.total > 0)
                    .all(|s| s.done_defined),
            ..Summary::default()
        };
        let counting = summaries.first().and_then(|s| s.counting);
        total.counting = summaries
            .iter()
            .all(|s| s.counting == counting)
            .then_some(counting)
            .flatten();
        if same_key {
            if let Some(first) = summaries.first() {
                total.counts = first
                    .counts
                    .iter()
                    .map(|c| Count { n: 0, ..c.clone() })
                    .collect();
                total.by_colour = first.by_colour;
            }
        } else {
            total.by_colour = true;
            // Yellow only where some key has it: most keys have no such colour.
            let yellow = summaries
                .iter()
                .any(|s| s.counts.iter().any(|c| c.colour == Colour::Yellow));
            total.counts = Colour::ALL
                .iter()
                .filter(|&&colour| colour != Colour::Yellow || yellow)
                .map(|&colour| Count {
                    id: colour.id(),
                    label: colour.label(),
                    colour,
                    n: 0,
                })
                .collect();
        }
        for s in summaries {
            for count in &s.counts {
                let sum = if same_key {
                    total.counts.iter_mut().find(|c| c.id == count.id)
                } else {
                    total.counts.iter_mut().find(|c| c.colour == count.colour)
                };
                if let Some(sum) = sum {
                    sum.n += count.n;
                }
            }
            total.not_rated += s.not_rated;
            total.no_update += s.no_update;
            total.total += s.total;
            total.done += s.done;
            total.reported_done += s.reported_done;
            total.confirmed_done += s.confirmed_done;
            total.overdue += s.overdue;
        }
        total
    }

    /// Whole percent, rounded half up, so shares print the same everywhere.
    pub(crate) fn percent(part: usize, total: usize) -> usize {
        if total == 0 {
            0
        } else {
            (part * 200 + total) / (total * 2)
        }
    }

    /// Whether a share done may be stated: the key says what done is, and
    /// some action has a status (nothing at all reported says nothing about done).
    pub(crate) fn says_done(&self) -> bool {
        self.done_defined && self.total > self.not_rated + self.no_update
    }

    pub(crate) fn percent_done(&self) -> usize {
        Summary::percent(self.done, self.total)
    }

    /// The exact percentage of actions with one status (or colour).
    pub(crate) fn share(&self, id: &str) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)]
        let share = self.count(id) as f64 * 100.0 / self.total as f64;
        share
    }

    /// Whether a paper's count of a status is this count.
    pub(crate) fn agrees_with_count(&self, id: &str, stated: u64) -> bool {
        usize::try_from(stated).ok() == Some(self.count(id))
    }

    /// Whether the actions give more of a status than a paper counts: what a
    /// partial plan, holding only some of the paper's actions, cannot do.
    pub(crate) fn exceeds_count(&self, id: &str, stated: u64) -> bool {
        usize::try_from(stated).is_ok_and(|stated| self.count(id) > stated)
    }

    /// Whether a paper's percentage of a status is this share: papers round
    /// their percentages, so within a point is agreement.
    pub(crate) fn agrees_with_share(&self, id: &str, stated: f64) -> bool {
        (self.share(id) - stated).abs() <= 1.0
    }

    /// The count of one status (or colour) by its id.
    pub(crate) fn count(&self, id: &str) -> usize {
        self.counts.iter().find(|c| c.id == id).map_or(0, |c| c.n)
    }
}

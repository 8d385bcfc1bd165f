//! Roll-ups: RAG counts of a set of actions as of a cycle, and their shares.

use crate::derive::facts::Facts;
use crate::model::cycle::Cycle;
use crate::model::plan::Action;

impl<'s> Facts<'s> {
    /// RAG counts for a set of actions as of a cycle.
    pub(crate) fn summary<I>(&self, actions: I, cycle: Option<&Cycle>) -> Summary
    where
        I: IntoIterator<Item = &'s Action>,
    {
        let mut summary = Summary {
            counts: self
                .site
                .statuses
                .iter()
                .map(|s| (s.id.clone(), 0))
                .collect(),
            ..Summary::default()
        };
        for action in actions {
            let state = self.state(action, cycle);
            summary.total += 1;
            match state.status {
                Some(status) => {
                    if let Some(entry) = summary.counts.iter_mut().find(|(id, _)| *id == status.id)
                    {
                        entry.1 += 1;
                    }
                    if status.done {
                        summary.done += 1;
                    }
                }
                None => summary.not_rated += 1,
            }
            if state.overdue {
                summary.overdue += 1;
            }
        }
        summary
    }
}

/// RAG counts, in the vocabulary's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    pub counts: Vec<(String, usize)>,
    pub not_rated: usize,
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
}

impl Summary {
    /// Adds summaries together (an owner's actions across plans).
    pub(crate) fn merge(summaries: &[Summary]) -> Summary {
        let mut total = Summary::default();
        for s in summaries {
            if total.counts.is_empty() {
                total.counts = s.counts.iter().map(|(id, _)| (id.clone(), 0)).collect();
            }
            for ((_, sum), (_, n)) in total.counts.iter_mut().zip(&s.counts) {
                *sum += n;
            }
            total.not_rated += s.not_rated;
            total.total += s.total;
            total.done += s.done;
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

    pub(crate) fn percent_done(&self) -> usize {
        Summary::percent(self.done, self.total)
    }

    pub(crate) fn count(&self, status: &str) -> usize {
        self.counts
            .iter()
            .find(|(id, _)| id == status)
            .map_or(0, |(_, n)| *n)
    }
}

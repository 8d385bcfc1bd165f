//! Stage 3: the facts the pages show: each action's status at each cycle, RAG
//! summaries, overdue actions, owners, and which findings each plan answers.
//! Everything is judged against content dates, never the clock.

#[cfg(test)]
mod accountability_tests;
mod audit;
mod changes;
pub(crate) mod clocks;
pub(crate) mod drift;
mod facts;
pub(crate) mod indicators;
pub(crate) mod meetings;
mod standing;
mod state;
mod summary;
#[cfg(test)]
mod tests;

pub(crate) use facts::{organisation_slug, ActionRefOrRec, Facts, PlanFacts};
pub(crate) use standing::{Latest, Need, Organisations};
pub(crate) use state::{ActionState, FromSteps};
pub(crate) use summary::Summary;

//! Stage 3: the facts the pages show: each action's status at each cycle, RAG
//! summaries, overdue actions, owners, and which findings each plan answers.
//! Everything is judged against content dates, never the clock.

mod changes;
mod facts;
mod state;
mod summary;
#[cfg(test)]
mod tests;

pub use changes::Changes;
pub use facts::{ActionRefOrRec, Facts, Owner, PlanFacts};
pub use state::ActionState;
pub use summary::Summary;

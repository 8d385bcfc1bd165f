//! ragtime: a static site generator for council action plans.
//!
//! Data flows one way: [`load`] → [`resolve`] → derive → render → write.

pub mod briefing;
pub mod check;
pub mod cli;
pub mod cycle;
pub mod date;
pub mod diagnostic;
pub mod inspection;
pub mod load;
pub mod locate;
pub mod markdown;
pub mod plan;
pub mod resolve;
pub mod site;
pub mod status;
pub mod text;
pub mod timescale;

pub use check::{check, Checked};
pub use diagnostic::{Diagnostic, Severity};
pub use resolve::Site;

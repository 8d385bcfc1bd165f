//! ragtime: a static site generator for council action plans.
//!
//! Data flows one way: [`load`] → [`resolve`] → derive → render → write.

pub mod briefing;
pub mod builder;
pub mod check;
pub mod cli;
pub mod cycle;
pub mod data;
pub mod date;
pub mod dates;
pub mod derive;
pub mod diagnostic;
pub mod feed;
pub mod http;
pub mod init;
pub mod inspection;
pub mod links;
pub mod load;
pub mod locate;
pub mod markdown;
pub mod pages;
pub mod plan;
pub mod record;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod site;
pub mod status;
pub mod text;
pub mod theme;
pub mod timescale;
pub mod view;
pub mod write;

pub use check::{check, Checked};
pub use diagnostic::{Diagnostic, Severity};
pub use resolve::Site;

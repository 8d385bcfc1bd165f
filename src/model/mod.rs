//! The content model: what officers write, as ragtime reads it. No I/O here:
//! loading fills these types, resolving checks them, and every later stage
//! reads them.

pub mod cycle;
pub mod date;
pub mod document;
pub mod inspection;
pub mod plan;
pub mod references;
pub mod settings;
pub mod site;
pub mod status;
pub mod timescale;

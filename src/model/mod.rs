//! The content model: what officers write, as ragtime reads it. No I/O here:
//! loading fills these types, resolving checks them, and every later stage
//! reads them.

pub(crate) mod baseline;
pub(crate) mod brand;
pub(crate) mod clock;
pub(crate) mod cycle;
pub(crate) mod date;
pub(crate) mod document;
pub(crate) mod indicator;
pub(crate) mod inspection;
pub(crate) mod meeting;
pub(crate) mod owners;
pub(crate) mod period;
pub(crate) mod plan;
pub(crate) mod references;
pub(crate) mod settings;
pub(crate) mod site;
pub(crate) mod spot;
pub(crate) mod status;
pub(crate) mod timescale;

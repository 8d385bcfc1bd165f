//! Markup written by hand rather than by a template: inline SVG charts
//! ([`chart`]) and the whitespace taken out of every page ([`compact`]).

pub(crate) mod chart;
pub(crate) mod compact;

//! The parts of pages that many pages show, as the templates see them: the
//! plan's parts ([`plan`]), what changed at a meeting ([`changes`]), what holds
//! a council to account ([`accountability`]) and indicators ([`indicators`]).

pub(crate) mod accountability;
pub(crate) mod changes;
pub(crate) mod indicators;
pub(crate) mod plan;

//! Stage 5: bring a spare copy of the site beside the output up to date and
//! exchange it with the output ([`staging`]), into a folder that is safe to
//! publish into, one build at a time ([`folder`]); decide what must be
//! rendered again from what the last build recorded ([`record`]), and see
//! when nothing changed at all ([`inputs`]).

pub(crate) mod folder;
pub(crate) mod inputs;
pub(crate) mod record;
pub(crate) mod safely;
pub(crate) mod staging;

//! Writing plans back as YAML an officer keeps: one writer for a new plan
//! file (import) and one splicer for edits to a file an officer wrote
//! (returns, dates), each keeping the officer's comments and order.

pub(crate) mod splice;
pub(crate) mod write;

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

use std::collections::BTreeSet;

/// A file of the built site: its path inside the output folder and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Output {
    pub(crate) fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Output {
        Output {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// What a job reads: everything, or these documents (by id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reads {
    Everything,
    Documents(BTreeSet<String>),
}

impl Reads {
    pub(crate) fn touches(&self, changed: &BTreeSet<String>) -> bool {
        match self {
            Reads::Everything => !changed.is_empty(),
            Reads::Documents(ids) => !ids.is_disjoint(changed),
        }
    }
}

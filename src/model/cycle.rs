//! Committee cycles: the meetings at which progress is reported.

use crate::model::date::Date;
use serde::{Deserialize, Serialize};

/// A committee meeting; its date is the "as of" date of the report made to it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cycle {
    pub id: String,
    pub date: Date,
    pub meeting: String,
}

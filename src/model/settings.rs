//! `site.yaml`: the site's title, owner, address, theme, vocabulary and cycles.

use crate::model::brand::Brand;
use crate::model::cycle::Cycle;
use crate::model::status::Status;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub organisation: String,
    /// Where the site is published; may carry a sub-path.
    pub base_url: String,
    #[serde(default)]
    pub description: Option<String>,
    /// A theme folder under `themes/`; templates it lacks come from the default.
    #[serde(default)]
    pub theme: Option<String>,
    /// Overrides the built-in status vocabulary.
    #[serde(default)]
    pub statuses: Option<Vec<Status>>,
    #[serde(default)]
    pub cycles: Vec<Cycle>,
    /// The council's colour, logo and links, shown by the default theme.
    #[serde(default)]
    pub brand: Option<Brand>,
}

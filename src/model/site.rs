//! The site as checked: every document with its ids filled in and every
//! reference known to resolve. What `resolve` hands to the later stages.

use crate::model::cycle::Cycle;
use crate::model::document::{Briefing, Page};
use crate::model::indicator::Indicator;
use crate::model::inspection::Inspection;
use crate::model::owners::Owner;
use crate::model::plan::Plan;
use crate::model::settings::SiteConfig;
use crate::model::status::Status;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The content, checked: ids filled in and every reference known to resolve.
#[derive(Clone, Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub statuses: Vec<Status>,
    /// In date order.
    pub cycles: Vec<Cycle>,
    pub inspections: Vec<Inspection>,
    pub plans: Vec<Plan>,
    pub briefings: Vec<Briefing>,
    pub pages: Vec<Page>,
    /// `content/owners.yaml`, or empty when the site has none.
    pub owners: Vec<Owner>,
    /// `content/indicators/*.yaml`, in file-name order.
    pub indicators: Vec<Indicator>,
    /// `content/meetings/<cycle>.yaml`: each meeting's challenge log, in cycle order.
    pub meetings: Vec<crate::model::meeting::Meeting>,
    /// `content/baselines/`: each plan's baselines, the one taken when it was
    /// agreed first, then those taken at cycles, in cycle order.
    pub baselines: Vec<crate::model::baseline::Baseline>,
    /// The logo `brand.logo` names, as read and checked when it was loaded.
    pub logo: Option<crate::model::brand::Logo>,
    /// Each document's file, by id, relative to the site folder: where the
    /// facts found by later stages are reported.
    pub files: BTreeMap<String, PathBuf>,
    /// A hash of each document's file, by id, and of `site.yaml` under
    /// [`SETTINGS`]: what a build compares with the last to know what changed.
    pub fingerprints: BTreeMap<String, u64>,
    /// Document id → the documents its Markdown links to with `ref:` (whose
    /// structure decides where those links point).
    pub links: BTreeMap<String, BTreeSet<String>>,
}

/// The key of `site.yaml` in [`Site::fingerprints`] (no document id has a dot).
pub(crate) const SETTINGS: &str = "site.yaml";

/// The key of `owners.yaml` in [`Site::fingerprints`], and its file name.
pub(crate) const OWNERS: &str = "owners.yaml";

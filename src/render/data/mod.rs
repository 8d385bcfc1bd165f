//! The files of the site that are not pages: open data beside each plan
//! ([`plans`]) and of the indicators ([`indicators`]), the feed and sitemap
//! ([`feed`]), the search index ([`search`], its shape in [`index`]) and the
//! officers' spreadsheet ([`tracker`]).

pub(crate) mod feed;
pub(crate) mod index;
pub(crate) mod indicators;
pub(crate) mod plans;
pub(crate) mod search;
pub(crate) mod tracker;

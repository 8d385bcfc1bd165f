//! Stage 4: one Tera context per page, rendered with the theme.
//!
//! [`jobs`] lists the files of the site and what each reads; [`pages`] has a
//! function per kind of page; the [`Renderer`] holds what every page
//! shares and builds the values that many pages show ([`plan`] the plan's
//! parts, [`changes`] what changed at a meeting); [`data`], [`feed`] and
//! [`tracker`] write the files that are not pages; [`search`] the index the
//! search page reads; [`compact`] takes out the whitespace that the
//! templates' indentation leaves in every page.

mod accountability;
mod changes;
mod chart;
mod compact;
pub(crate) mod data;
pub(crate) mod feed;
pub(crate) mod index;
pub(crate) mod indicator_data;
mod indicators;
pub(crate) mod jobs;
pub(crate) mod links;
pub(crate) mod pages;
pub(crate) mod plan;
mod renderer;
pub(crate) mod search;
pub(crate) mod theme;
pub(crate) mod tracker;
pub(crate) mod view;
mod watchdog;

pub(crate) use renderer::Renderer;

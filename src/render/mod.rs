//! Stage 4: one Tera context per page, rendered with the theme.
//!
//! [`jobs`] lists the files of the site and what each reads; [`pages`] has a
//! function per kind of page; the [`Renderer`] holds what every page
//! shares and builds the values that many pages show ([`plan`] the plan's
//! parts, [`changes`] what changed at a meeting); [`data`] and [`feed`] write
//! the files that are not pages.

mod changes;
pub mod data;
pub mod feed;
pub mod jobs;
pub mod links;
pub mod pages;
mod plan;
mod renderer;
pub mod theme;
pub mod view;

pub use renderer::Renderer;

//! Stage 4: one Tera context per page, rendered with the theme.
//!
//! [`jobs`] lists the files of the site and what each reads; [`pages`] has a
//! module per kind of page; the [`Renderer`] holds what every page shares,
//! and [`fragments`] builds the values that many pages show (the plan's
//! parts, what changed at a meeting); [`data`] writes the files that are not
//! pages (open data, feed, search index, spreadsheet); [`markup`] has the
//! markup written by hand (charts) and takes out the whitespace that the
//! templates' indentation leaves in every page.

pub(crate) mod data;
pub(crate) mod fragments;
pub(crate) mod jobs;
pub(crate) mod links;
pub(crate) mod markup;
pub(crate) mod pages;
mod renderer;
pub(crate) mod theme;
pub(crate) mod view;
mod watchdog;

pub(crate) use renderer::Renderer;
// How the commands name actions (`returns`, `dates`) is the plan's naming.
pub(crate) use fragments::plan;

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

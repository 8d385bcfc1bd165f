//! ragtime: a static site generator for council action plans.
//!
//! The modules below are listed in stage order. Each uses only the ones listed
//! before it (a test holds the code to this), so the list reads as the flow of
//! data, from the helpers every stage shares to the commands that run them:
//!
//! - [`text`]: escaping, slugs and ids, fingerprints: helpers with no knowledge of councils.
//! - [`diagnostic`]: a problem found in the content, reported like a compiler.
//! - [`markdown`]: Markdown as officers write it: its `ref:` links, and safe HTML.
//! - [`model`]: the content as written (settings, plans, inspections, documents, dates); no I/O.
//! - [`sheet`]: spreadsheets (xlsx, ods, xls, csv) read as grids of cells, merges and hidden rows known.
//! - [`load`]: stage 1, reading and parsing files, with positions for errors.
//! - [`edit`]: plans written back as YAML: new files (import) and edits spliced in (returns, dates).
//! - [`resolve`]: stage 2, ids and references checked; every problem collected.
//! - [`derive`]: stage 3, the facts pages show: status at each cycle, overdue, roll-ups, changes.
//! - [`render`]: stage 4, one Tera context per page, rendered with the theme: the files of the site and what each reads.
//! - [`output`]: stage 5, the files published: the staging folder, the output folder, the build record.
//! - [`pipeline`]: the stages run in order: the site checked, then built into a folder or printed to PDF.
//! - [`import`]: a plan read from the council's own spreadsheet, checked with the site, written as YAML.
//! - [`dates`]: due dates read from free-text timescales, and the `due:` lines they suggest written in.
//! - [`baseline`]: a plan as agreed written to `content/baselines/`, to publish how it changes from there.
//! - [`returns`]: owners' return workbooks for a cycle written, and the returned ones read back into the plans.
//! - [`preview`]: the site built into memory and served while it is edited, rebuilt as files change.
//! - [`cmd`]: the commands (`init`, `check`, `dates`, `returns`, `build`, `serve`), which call the stages.

pub(crate) mod text;

pub(crate) mod diagnostic;

pub(crate) mod markdown;

pub(crate) mod model;

pub(crate) mod sheet;

pub(crate) mod load;

pub(crate) mod edit;

pub(crate) mod resolve;

pub(crate) mod derive;

pub(crate) mod render;

pub(crate) mod output;

pub(crate) mod pipeline;

pub(crate) mod import;

pub(crate) mod dates;

pub(crate) mod baseline;

pub(crate) mod returns;

pub(crate) mod preview;

pub(crate) mod cmd;

// What the binary and the integration tests use; everything else is the crate's own.
pub use cmd::{run, Cli};
pub use diagnostic::{Cell, Diagnostic, Severity};
pub use model::site::Site;
pub use output::staging::Written;
pub use pipeline::build::{build, build_at, BuildFailed};
pub use pipeline::check::{check, Checked, Strictness};
pub use preview::{Rebuilt, Session};

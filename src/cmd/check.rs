//! `ragtime check`: the site checked (see [`crate::pipeline::check`]), every
//! problem printed at once, then a one-line summary.

use crate::diagnostic::tally;
use crate::diagnostic::{Failed, Outcome};
use crate::model::site::Site;
pub(crate) use crate::pipeline::check::check;
use crate::pipeline::check::{undated_note, Strictness, Totals};
use std::path::Path;

// `check` and `plural` are named from here by import, returns and dates, kept
// so until they name the pipeline and text themselves.
pub(crate) use crate::text::plural;

/// The checked site for a command that needs clean content (`dates`,
/// `returns`), or `None` after printing the errors and what to do.
pub(crate) fn clean_site(root: &Path, command: &str) -> Option<Site> {
    let checked = check(root);
    if checked.errors() > 0 || checked.site.is_none() {
        crate::diagnostic::print_all(checked.diagnostics.iter().filter(|d| d.is_error()));
        eprintln!(
            "{command}: the content has {}; fix {} first (`ragtime check` lists every problem)",
            plural(checked.errors(), "error", "errors"),
            if checked.errors() == 1 { "it" } else { "them" }
        );
        return None;
    }
    checked.site
}

/// `ragtime check`: prints every problem, then a one-line summary.
pub(crate) fn run(root: &Path, strictness: Strictness) -> Outcome {
    let checked = check(root);
    crate::diagnostic::print_all(&checked.diagnostics);
    if let (Some(site), true) = (&checked.site, checked.passes(strictness)) {
        if let Some(note) = undated_note(site) {
            eprintln!("{note}\n");
        }
        let warnings = checked.warnings();
        if warnings > 0 {
            eprintln!("{}", tally(0, warnings));
        }
        println!("ok: {}", Totals::of(site));
        return Ok(());
    }
    let strict_note = if strictness == Strictness::Strict && checked.errors() == 0 {
        " (--strict: warnings count as errors)"
    } else {
        ""
    };
    eprintln!(
        "check failed: {}{strict_note}",
        tally(checked.errors(), checked.warnings())
    );
    Err(Failed)
}

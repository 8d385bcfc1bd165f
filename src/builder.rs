//! `ragtime build`: check, derive, render, write, in that order; nothing is
//! published unless every stage succeeds.

use crate::check::{check, Checked};
use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::pages::{jobs, render_each};
use crate::render::Renderer;
use crate::theme::Theme;
use crate::write::{Staging, Written};
use std::path::Path;

/// Checks the site and loads its theme; the errors that stop a build are in `Err`.
fn prepare(root: &Path, strict: bool) -> Result<(Checked, Theme), Checked> {
    let mut checked = check(root);
    if !checked.passes(strict) {
        return Err(checked);
    }
    let theme_name = checked.site.as_ref().and_then(|s| s.config.theme.clone());
    match Theme::load(root, theme_name.as_deref()) {
        Ok(theme) => Ok((checked, theme)),
        Err(diagnostics) => {
            checked.diagnostics.extend(diagnostics);
            Err(checked)
        }
    }
}

/// Renders the site page by page into a new folder beside `output`, and swaps it
/// in only when every page was written.
pub fn build(root: &Path, output: &Path, strict: bool) -> Result<(Checked, Written), Checked> {
    let (mut checked, theme) = prepare(root, strict)?;
    let Some(site) = checked.site.as_ref() else {
        return Err(checked);
    };
    let cannot_write = |error: std::io::Error| {
        Diagnostic::error(output, format!("cannot write the site: {error}"))
    };
    let facts = Facts::new(site);
    let renderer = Renderer::new(&facts, &theme);
    let all = jobs(&facts, &theme);
    let result = Staging::begin(output)
        .map_err(cannot_write)
        .and_then(|staging| {
            let written = render_each(&renderer, &all, &all, |file| {
                staging.put(&file).map_err(cannot_write)
            });
            match written {
                Ok(()) => staging.commit().map_err(cannot_write),
                Err(diagnostic) => {
                    staging.abort();
                    Err(diagnostic)
                }
            }
        });
    match result {
        Ok(written) => Ok((checked, written)),
        Err(diagnostic) => {
            checked.diagnostics.push(diagnostic);
            Err(checked)
        }
    }
}

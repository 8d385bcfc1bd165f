//! `ragtime build`: check, derive, render, write, in that order; nothing is written
//! unless every stage succeeds.

use crate::check::{check, Checked};
use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::pages::render_site;
use crate::render::Output;
use crate::theme::Theme;
use crate::write::{write_site, Written};
use std::path::Path;

/// The rendered site, in memory.
pub struct Rendered {
    pub checked: Checked,
    pub outputs: Vec<Output>,
}

/// Checks and renders the site at `root`; errors leave nothing rendered.
pub fn render(root: &Path, strict: bool) -> Result<Rendered, Checked> {
    let mut checked = check(root);
    if !checked.passes(strict) {
        return Err(checked);
    }
    let Some(site) = checked.site.as_ref() else {
        return Err(checked);
    };
    let theme = match Theme::load(root, site.config.theme.as_deref()) {
        Ok(theme) => theme,
        Err(diagnostics) => {
            checked.diagnostics.extend(diagnostics);
            return Err(checked);
        }
    };
    let facts = Facts::new(site);
    match render_site(&facts, &theme) {
        Ok(outputs) => Ok(Rendered { checked, outputs }),
        Err(diagnostic) => {
            checked.diagnostics.push(diagnostic);
            Err(checked)
        }
    }
}

/// Renders and writes the site to `output`, replacing it only when everything succeeded.
pub fn build(root: &Path, output: &Path, strict: bool) -> Result<(Rendered, Written), Checked> {
    let rendered = render(root, strict)?;
    match write_site(output, &rendered.outputs) {
        Ok(written) => Ok((rendered, written)),
        Err(error) => {
            let mut checked = rendered.checked;
            checked.diagnostics.push(Diagnostic::error(
                output,
                format!("cannot write the site: {error}"),
            ));
            Err(checked)
        }
    }
}

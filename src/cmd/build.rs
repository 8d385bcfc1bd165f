//! `ragtime build`: check, derive, render, write, in that order; nothing is
//! published unless every stage succeeds.

use crate::cmd::check::{check, tally, Checked, Totals};
use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::output::folder::{lock, publish_target, recover};
use crate::output::record::{key, Record};
use crate::output::staging::{sibling, Staging, Written};
use crate::render::jobs::{jobs, Job};
use crate::render::links::Links;
use crate::render::pages::render_each;
use crate::render::theme::Theme;
use crate::render::Renderer;
use rayon::prelude::*;
use std::fs;
use std::path::Path;
use std::process::ExitCode;

/// Checks the site and loads its theme, with `base_url` (from `--base-url`)
/// in place of `site.yaml`'s; the errors that stop a build are in `Err`.
fn prepare(root: &Path, strict: bool, base_url: Option<&str>) -> Result<(Checked, Theme), Checked> {
    let mut checked = check(root);
    if let Some(url) = base_url {
        // `file://` only from `pack`, which prints a build it makes for itself.
        let local = url.starts_with("file:///") && cfg!(unix) && !url.contains(char::is_whitespace);
        let problem = crate::model::settings::base_url_problem(url);
        if let (Some(problem), false) = (problem, local) {
            checked.diagnostics.push(
                Diagnostic::error("--base-url", problem)
                    .hint("give the address the site will be published at, starting http:// or https://, for example --base-url http://localhost:8000/improvement/"),
            );
            return Err(checked);
        }
        if let Some(site) = &mut checked.site {
            url.clone_into(&mut site.config.base_url);
        }
    }
    if !checked.passes(strict) {
        return Err(checked);
    }
    let Some(site) = &checked.site else {
        return Err(checked);
    };
    match Theme::for_site(
        root,
        &site.config,
        &Links::new(&site.config.base_url).asset(""),
    ) {
        Ok(theme) => Ok((checked, theme)),
        Err(diagnostics) => {
            checked.diagnostics.extend(diagnostics);
            Err(checked)
        }
    }
}

/// Renders the site page by page into the spare folder beside `output`, and
/// swaps it in only when every page was written (see [`Staging`]). Pages that
/// read no document changed since the last build (by its [`Record`]) are kept
/// from the previous output rather than rendered again.
///
/// The output folder is checked first (see [`publish_target`]): a link is
/// published through, and the site's own folders are refused. One build at a
/// time publishes into a folder: a second waits for the lock.
pub fn build(root: &Path, output: &Path, strict: bool) -> Result<(Checked, Written), Checked> {
    build_at(root, output, strict, None)
}

/// [`build`], with `base_url` in place of `site.yaml`'s when it is given.
pub fn build_at(
    root: &Path,
    output: &Path,
    strict: bool,
    base_url: Option<&str>,
) -> Result<(Checked, Written), Checked> {
    let shown = output;
    let refused = |diagnostic: Diagnostic| Checked {
        site: None,
        diagnostics: vec![diagnostic],
    };
    let output = publish_target(root, output).map_err(|m| refused(Diagnostic::error(shown, m)))?;
    let output = output.as_path();
    let cannot_write =
        |error: std::io::Error| Diagnostic::error(shown, format!("cannot write the site: {error}"));
    // Held until the function returns, whatever happens; the previous site is
    // put back first if a build was stopped in the middle of its swap.
    let _lock = lock(output, shown)
        .and_then(|lock| recover(output, shown).map(|()| lock))
        .map_err(|e| refused(cannot_write(e)))?;
    let (mut checked, theme) = prepare(root, strict, base_url)?;
    let Some(site) = checked.site.as_ref() else {
        return Err(checked);
    };
    let facts = Facts::new(site);
    let renderer = Renderer::new(&facts, &theme);
    let all = jobs(&facts, &theme);
    let record = record(&facts, &all, key(theme.fingerprint, &site.config.base_url));
    let record_path = sibling(output, "record");
    let previous = output
        .is_dir()
        .then(|| Record::read(&record_path))
        .flatten();
    let rebuild = record.against(previous.as_ref());
    let paths: Vec<String> = all.iter().map(Job::path).collect();
    let result = Staging::begin(output, paths.iter().map(String::as_str))
        .and_then(|staging| {
            // The record describes the output as it is; until the new one is in, there is none.
            match fs::remove_file(&record_path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(staging),
            }
        })
        .map_err(cannot_write)
        .and_then(|staging| {
            let wanted: Vec<Job> = all
                .par_iter()
                .filter(|job| {
                    let path = job.path();
                    rebuild.must_render(&path, || staging.keep(&path))
                })
                .cloned()
                .collect();
            let written = render_each(&renderer, &all, &wanted, |file| {
                staging.put(&file).map_err(cannot_write)
            });
            match written {
                Ok(()) => staging
                    .commit()
                    .map(|written| Written {
                        rendered: wanted.iter().map(Job::path).collect(),
                        ..written
                    })
                    .map_err(cannot_write),
                // The output is left as it was; the spare, half brought up
                // to date, is only ever trusted where it shares the output's files.
                Err(diagnostic) => Err(diagnostic),
            }
        });
    match result {
        Ok(written) => {
            // Only an optimisation: without it the next build renders everything.
            let _ = record.write(&record_path);
            crate::output::safely::sync_folder(record_path.parent());
            Ok((checked, written))
        }
        Err(diagnostic) => {
            checked.diagnostics.push(diagnostic);
            Err(checked)
        }
    }
}

/// What the pages of a build read, and the documents it was built from: what
/// the next build (or the next rebuild of the preview) compares with.
pub(crate) fn record(facts: &Facts<'_>, all: &[Job], key: String) -> Record {
    Record {
        key,
        documents: facts.site.fingerprints.clone(),
        pages: all.par_iter().map(|j| (j.path(), j.reads(facts))).collect(),
    }
}

/// `ragtime build`: prints what was built, or every problem and that nothing changed.
pub(crate) fn run(root: &Path, output: &Path, strict: bool, base_url: Option<&str>) -> ExitCode {
    let started = std::time::Instant::now();
    match build_at(root, output, strict, base_url) {
        Ok((checked, written)) => {
            report_warnings(&checked);
            if let Some(site) = &checked.site {
                println!("checked: {}", Totals::of(site));
            }
            println!(
                "built {} files ({} rendered, {} changed) into {} in {} ms",
                written.files,
                written.rendered.len(),
                written.changed,
                output.display(),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(checked) => {
            crate::diagnostic::print_all(&checked.diagnostics);
            // Say what is there now, not what should be.
            let state = if std::fs::symlink_metadata(output).is_ok() {
                "was left as it was"
            } else {
                "was not written"
            };
            eprintln!(
                "build failed: {}; {} {state}",
                tally(checked.errors(), checked.warnings()),
                output.display()
            );
            ExitCode::from(1)
        }
    }
}

fn report_warnings(checked: &Checked) {
    crate::diagnostic::print_all(&checked.diagnostics);
    if checked.warnings() > 0 {
        eprintln!("{}", tally(0, checked.warnings()));
    }
}

//! The site built: checked, derived, rendered and written, in that order;
//! nothing is published unless every stage succeeds.

use crate::derive::Facts;
use crate::diagnostic::{tally, Diagnostic};
use crate::output::folder::{lock, parent_index, publish_target, recover, served_parent, Lock};
use crate::output::inputs::{self, Inputs, Said};
use crate::output::record::{key, program, Record};
use crate::output::staging::{sibling, Staging, Written};
use crate::pipeline::check::{check, Checked, Strictness, Totals};
use crate::render::jobs::{jobs, Job};
use crate::render::links::Links;
use crate::render::pages::render_each;
use crate::render::theme::Theme;
use crate::render::Renderer;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

/// A build that published nothing, and every problem that stopped it (with
/// the warnings found on the way).
#[derive(Debug)]
pub struct BuildFailed {
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildFailed {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

impl From<Checked> for BuildFailed {
    fn from(checked: Checked) -> BuildFailed {
        BuildFailed {
            diagnostics: checked.diagnostics,
        }
    }
}

/// Checks the site and loads its theme, with `base_url` (from `--base-url`)
/// in place of `site.yaml`'s, and `more` (about where it is published) among
/// its warnings; the errors that stop a build are in `Err`.
fn prepare(
    root: &Path,
    strictness: Strictness,
    base_url: Option<&str>,
    more: Option<Diagnostic>,
) -> Result<(Checked, Theme), BuildFailed> {
    let mut checked = check(root);
    checked.diagnostics.extend(more);
    if let Some(url) = base_url {
        if let Some(problem) = crate::model::settings::base_url_problem(url) {
            checked.diagnostics.push(
                Diagnostic::error("--base-url", problem)
                    .hint("give the address the site will be published at, starting http:// or https://, for example --base-url http://localhost:8000/improvement/"),
            );
            return Err(checked.into());
        }
        if let Some(site) = &mut checked.site {
            url.clone_into(&mut site.config.base_url);
        }
    }
    if !checked.passes(strictness) {
        return Err(checked.into());
    }
    let Some(site) = &checked.site else {
        return Err(checked.into());
    };
    match Theme::for_site(root, site, &Links::new(&site.config.base_url).asset("")) {
        Ok(theme) => Ok((checked, theme)),
        Err(diagnostics) => {
            checked.diagnostics.extend(diagnostics);
            Err(checked.into())
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
pub fn build(
    root: &Path,
    output: &Path,
    strictness: Strictness,
) -> Result<(Checked, Written), BuildFailed> {
    build_at(root, output, strictness, None)
}

/// [`build`], with `base_url` in place of `site.yaml`'s when it is given.
pub fn build_at(
    root: &Path,
    output: &Path,
    strictness: Strictness,
    base_url: Option<&str>,
) -> Result<(Checked, Written), BuildFailed> {
    let (target, _lock) = hold(root, output)?;
    publish(root, &target, output, strictness, base_url)
}

/// What a build that succeeded did, or, when nothing it depends on had
/// changed, what the build before it did.
pub(crate) struct Built {
    /// What the build said: its warnings, then what it checked.
    pub said: Said,
    pub files: usize,
    pub rendered: usize,
    pub changed: usize,
}

/// [`build_at`], unless nothing the last build into `output` read or wrote
/// has changed since: then the output is left as it is, and that build's
/// [`Built`] is given again.
pub(crate) fn build_unless_unchanged(
    root: &Path,
    output: &Path,
    strictness: Strictness,
    base_url: Option<&str>,
) -> Result<Built, BuildFailed> {
    let (target, _lock) = hold(root, output)?;
    let last = Inputs::read(&inputs::path(&target))
        .filter(|last| last.still(root, &target, &inputs_key(strictness, base_url)));
    if let Some(last) = last {
        return Ok(Built {
            said: last.said,
            files: last.files,
            rendered: 0,
            changed: 0,
        });
    }
    let (checked, written) = publish(root, &target, output, strictness, base_url)?;
    Ok(Built {
        said: said(&checked),
        files: written.files,
        rendered: written.rendered.len(),
        changed: written.changed,
    })
}

/// The folder to publish into for `output` (see [`publish_target`]), held for
/// this build (see [`lock`]) until the lock is dropped, with the previous site
/// put back first if a build was stopped in the middle of its swap.
fn hold(root: &Path, output: &Path) -> Result<(PathBuf, Lock), BuildFailed> {
    let refused = |diagnostic: Diagnostic| BuildFailed {
        diagnostics: vec![diagnostic],
    };
    let target = publish_target(root, output).map_err(|m| refused(Diagnostic::error(output, m)))?;
    let lock = lock(&target, output)
        .and_then(|lock| recover(&target, output).map(|()| lock))
        .map_err(|e| refused(cannot_write(output, &e)))?;
    Ok((target, lock))
}

fn cannot_write(shown: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(shown, format!("cannot write the site: {error}"))
}

/// What the build of the site at `root` into `output` depends on besides the
/// files it reads: ragtime itself, `--strict` and `--base-url`.
fn inputs_key(strictness: Strictness, base_url: Option<&str>) -> String {
    let strict = strictness == Strictness::Strict;
    format!("{} strict={strict} base_url={base_url:?}", program())
}

/// What a build prints when it succeeds: its warnings, then what it checked.
fn said(checked: &Checked) -> Said {
    let mut warnings = crate::diagnostic::said_all(&checked.diagnostics);
    if checked.warnings() > 0 {
        warnings.push_str(&tally(0, checked.warnings()));
        warnings.push('\n');
    }
    let summary = checked
        .site
        .as_ref()
        .map(|site| format!("checked: {}\n", Totals::of(site)))
        .unwrap_or_default();
    Said { warnings, summary }
}

/// Builds into `output` (the folder [`hold`] gave, held), shown as `shown`.
fn publish(
    root: &Path,
    output: &Path,
    shown: &Path,
    strictness: Strictness,
    base_url: Option<&str>,
) -> Result<(Checked, Written), BuildFailed> {
    let cannot_write = |error: std::io::Error| cannot_write(shown, &error);
    let started = inputs::now_on_disk(output);
    let inputs_path = inputs::path(output);
    let (mut checked, theme) = prepare(root, strictness, base_url, served_parent(output, shown))?;
    let Some(site) = checked.site.as_ref() else {
        return Err(checked.into());
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
            // On an error the output is left as it was; the spare, half brought
            // up to date, is only ever trusted where it shares the output's files.
            render_each(&renderer, &all, &wanted, |file| {
                staging.put(&file).map_err(cannot_write)
            })?;
            staging
                .commit()
                .map(|written| Written {
                    rendered: wanted.iter().map(Job::path).collect(),
                    ..written
                })
                .map_err(cannot_write)
        });
    match result {
        Ok(written) => {
            // Only an optimisation: without it the next build renders everything.
            let _ = record.write(&record_path);
            crate::output::safely::sync_folder(record_path.parent());
            // Only an optimisation too: without it the next build checks everything.
            let mut extra: Vec<String> = site
                .config
                .brand
                .iter()
                .filter_map(|b| b.logo.clone())
                .collect();
            // Whether the output's parent is served is part of what the build said.
            let index = parent_index(output).and_then(|i| i.to_str().map(str::to_owned));
            let taken = started.zip(index).and_then(|(started, index)| {
                extra.push(index);
                Inputs::taken(
                    root,
                    output,
                    inputs_key(strictness, base_url),
                    extra,
                    started,
                    said(&checked),
                )
            });
            match taken {
                Some(inputs) if inputs.write(&inputs_path).is_ok() => {}
                _ => {
                    let _ = fs::remove_file(&inputs_path);
                }
            }
            Ok((checked, written))
        }
        Err(diagnostic) => {
            checked.diagnostics.push(diagnostic);
            Err(checked.into())
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

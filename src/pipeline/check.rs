//! The site checked: loaded and resolved, with what the derived facts call
//! into question and what the theme cannot render, every problem at once.

use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::load::{load, load_as_if, load_with, Cache, Content, SourceFile};
use crate::model::plan::Due;
use crate::model::site::Site;
use crate::model::timescale::{suggest, DueDate};
use crate::render::links::Links;
use crate::render::theme::Theme;
use crate::resolve::resolve;
use crate::text::plural;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// Whether warnings stop the content from being built (`--strict`) or are
/// only reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictness {
    /// Only errors stop it.
    Lenient,
    /// Warnings stop it too.
    Strict,
}

/// The outcome of checking a site: the site, if it could be read, and every problem.
pub struct Checked {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Whether the content may be built: no errors, and no warnings either when strict.
    pub fn passes(&self, strictness: Strictness) -> bool {
        self.site.is_some()
            && self.errors() == 0
            && (strictness == Strictness::Lenient || self.warnings() == 0)
    }
}

/// Runs the load and resolve stages over the site at `root`, then reports
/// what the derived facts call into question (see [`Facts::audit`]).
pub fn check(root: &Path) -> Checked {
    checked(root, load(root), None)
}

/// Like [`check`], parsing only the files that changed since `cache` saw them.
pub(crate) fn check_with(root: &Path, cache: &mut Cache) -> Checked {
    checked(root, load_with(root, cache), None)
}

/// Like [`check`], with the plan at `path` (`content/plans/<id>.yaml`)
/// holding `text` whether or not it is written: what `import` would leave.
pub(crate) fn check_as_if(root: &Path, path: &Path, text: &str) -> Checked {
    checked(root, load_as_if(root, path, text), Some((path, text)))
}

/// A file's text that is not (yet) on disk: its path under the site folder, and text.
type Unwritten<'a> = Option<(&'a Path, &'a str)>;

fn checked(
    root: &Path,
    (content, mut diagnostics): (Content, Vec<Diagnostic>),
    unwritten: Unwritten<'_>,
) -> Checked {
    let (site, more) = resolve(content);
    diagnostics.extend(more);
    if let Some(site) = &site {
        diagnostics.extend(concerns(root, site, unwritten));
        // The theme is part of the site: a missing theme or a broken template
        // is found here, not first by `build`.
        if let Err(problems) =
            Theme::for_site(root, site, &Links::new(&site.config.base_url).asset(""))
        {
            diagnostics.extend(problems);
        }
    }
    diagnostics.sort_by_key(Diagnostic::sort_key);
    Checked { site, diagnostics }
}

/// The derived facts' concerns, as warnings at their place in each plan's
/// file: where it was noted as the file was read, or else found by reading
/// the file again (only for the plans that need it).
fn concerns(root: &Path, site: &Site, unwritten: Unwritten<'_>) -> Vec<Diagnostic> {
    let mut by_plan: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for concern in Facts::new(site).audit() {
        by_plan.entry(concern.plan).or_default().push((
            concern.field,
            concern.at.0,
            concern.message,
            concern.hint,
        ));
    }
    let mut found = Vec::new();
    for (plan, concerns) in by_plan {
        let Some(path) = site.files.get(&plan) else {
            continue;
        };
        let text = if concerns.iter().any(|(_, at, _, _)| at.is_none()) {
            let text = match unwritten {
                Some((file, text)) if file == path.as_path() => text.to_owned(),
                _ => std::fs::read_to_string(root.join(path)).unwrap_or_default(),
            };
            text.strip_prefix('\u{feff}')
                .map_or(text.clone(), str::to_owned)
        } else {
            String::new()
        };
        found.extend(SourceFile::new(path.clone(), text, 0).warnings_at(concerns));
    }
    found
}

/// Counts for the one-line summary.
pub(crate) struct Totals {
    pub plans: usize,
    pub recommendations: usize,
    pub actions: usize,
    pub inspections: usize,
    pub findings: usize,
    pub briefings: usize,
    pub cycles: usize,
}

impl Totals {
    pub(crate) fn of(site: &Site) -> Totals {
        Totals {
            plans: site.plans.len(),
            recommendations: site.plans.iter().map(|p| p.recommendations().count()).sum(),
            actions: site.plans.iter().map(|p| p.actions().count()).sum(),
            inspections: site.inspections.len(),
            findings: site.inspections.iter().map(|i| i.findings.len()).sum(),
            briefings: site.briefings.len(),
            cycles: site.cycles.len(),
        }
    }
}

impl fmt::Display for Totals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {}, {}, {} with {}, {}, {}",
            plural(self.plans, "plan", "plans"),
            plural(self.recommendations, "recommendation", "recommendations"),
            plural(self.actions, "action", "actions"),
            plural(self.inspections, "inspection", "inspections"),
            plural(self.findings, "finding", "findings"),
            plural(self.briefings, "briefing", "briefings"),
            plural(self.cycles, "cycle", "cycles"),
        )
    }
}

/// Says how many actions have no due date because their timescale is not a date
/// or could not be read (dates that could be read are warnings already).
pub(crate) fn undated_note(site: &Site) -> Option<String> {
    let (mut not_dates, mut unreadable) = (0, 0);
    for plan in &site.plans {
        for action in plan
            .actions()
            .map(|a| a.action)
            .filter(|a| a.due == Due::Unset)
        {
            let outcomes: Vec<DueDate> = [&action.timescale, &action.target]
                .into_iter()
                .flatten()
                .map(|text| suggest(text))
                .collect();
            if outcomes.is_empty() || outcomes.iter().any(|o| matches!(o, DueDate::Date(_))) {
                continue;
            }
            if outcomes.iter().any(|o| matches!(o, DueDate::NotADate(_))) {
                not_dates += 1;
            } else {
                unreadable += 1;
            }
        }
    }
    (not_dates + unreadable > 0).then(|| {
        format!(
            "note: {not_dates} actions have a timescale that is not a date (such as \"Ongoing\" or \"Quarterly\") and {unreadable} one that could not be read as a date, so they have no due date and cannot show as overdue; `ragtime dates` lists them"
        )
    })
}

//! `ragtime check`: load and resolve, then report every problem at once.

use crate::diagnostic::Diagnostic;
use crate::load::load;
use crate::model::site::Site;
use crate::resolve::resolve;
use std::fmt;
use std::path::Path;

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
    pub fn passes(&self, strict: bool) -> bool {
        self.site.is_some() && self.errors() == 0 && (!strict || self.warnings() == 0)
    }
}

/// Runs the load and resolve stages over the site at `root`.
pub fn check(root: &Path) -> Checked {
    let (content, mut diagnostics) = load(root);
    let (site, more) = resolve(content);
    diagnostics.extend(more);
    diagnostics.sort_by_key(Diagnostic::sort_key);
    Checked { site, diagnostics }
}

/// Counts for the one-line summary.
pub struct Summary {
    pub plans: usize,
    pub recommendations: usize,
    pub actions: usize,
    pub inspections: usize,
    pub findings: usize,
    pub briefings: usize,
    pub cycles: usize,
}

impl Summary {
    pub fn of(site: &Site) -> Summary {
        Summary {
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl fmt::Display for Summary {
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

/// "2 errors, 1 warning".
pub fn tally(errors: usize, warnings: usize) -> String {
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

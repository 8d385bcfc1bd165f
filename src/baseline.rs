//! Baselines taken: a plan as it stands (or as it stood at a cycle) written to
//! `content/baselines/<plan>.yaml` (or `<plan>@<cycle>.yaml`), for the officer
//! to commit when the plan is agreed. Pages then publish what changed in the
//! plan itself since.

use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::load::BASELINES;
use crate::model::site::{Site, SETTINGS};
use crate::output::safely::write_safely;
use std::path::{Path, PathBuf};

/// What the file says before its YAML.
const HEADER: &str =
    "# The plan as agreed, written by `ragtime baseline`. Commit this file and do not
# edit it: ragtime compares the plan with it to publish what changed in the plan
# itself (actions added, removed, merged or reworded; measures, due dates and the
# status key changed). Take a new baseline with `ragtime baseline PLAN --cycle CYCLE`
# when a meeting agrees changes.
";

/// A baseline written: its path inside the site folder, and how many actions it holds.
pub(crate) struct Taken {
    pub shown: PathBuf,
    pub actions: usize,
}

/// Writes the baseline of plan `plan` of a checked site, as of `cycle` or as
/// it stands; an existing one is replaced only with `force`. The error says
/// what stopped it, at the file or folder it concerns.
pub(crate) fn take(
    site: &Site,
    root: &Path,
    plan: &str,
    cycle: Option<&str>,
    force: bool,
) -> Result<Taken, Diagnostic> {
    let facts = Facts::new(site);
    let Some(found) = facts.plan(plan) else {
        let ids: Vec<&str> = facts.plans.iter().map(|p| p.plan.id.as_str()).collect();
        let hint = crate::diagnostic::did_you_mean(plan, ids.iter().copied()).map_or_else(
            || format!("plans: {}", ids.join(", ")),
            |close| format!("did you mean \"{close}\"?"),
        );
        return Err(Diagnostic::error(
            Path::new("content").join("plans"),
            format!("there is no plan \"{plan}\""),
        )
        .hint(hint));
    };
    let at = match cycle.map(|id| (id, facts.cycle(id))) {
        Some((_, Some(cycle))) => Some(cycle),
        Some((id, None)) => {
            return Err(Diagnostic::error(
                Path::new("content").join(SETTINGS),
                format!("there is no cycle \"{id}\""),
            ));
        }
        None => None,
    };
    // The plan as it stands: as of its latest report, unless a cycle is named.
    let as_of = at.or_else(|| found.cycles.last().copied());
    let mut snapshot = facts.snapshot(found, as_of);
    snapshot.cycle = at.map(|c| c.id.clone());
    let name = match at {
        Some(cycle) => format!("{plan}@{}.yaml", cycle.id),
        None => format!("{plan}.yaml"),
    };
    let shown = Path::new("content").join(BASELINES).join(&name);
    let path = root.join(&shown);
    if path.exists() && !force {
        return Err(Diagnostic::error(
            &shown,
            "a baseline exists here: it records the plan as it was agreed, and is not written over",
        )
        .hint("to take one at a meeting, add --cycle CYCLE; to replace this one on purpose, add --force"));
    }
    let yaml = serde_yaml::to_string(&snapshot).map_err(|error| {
        Diagnostic::error(&shown, format!("cannot write the baseline: {error}"))
    })?;
    write_safely(&path, format!("{HEADER}{yaml}").as_bytes())
        .map_err(|error| Diagnostic::error(&shown, format!("cannot write: {error}")))?;
    Ok(Taken {
        shown,
        actions: snapshot.actions.len(),
    })
}

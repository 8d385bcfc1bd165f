//! `ragtime baseline PLAN [--cycle CYCLE]`: the plan's baseline written (see
//! [`crate::baseline`]), and where it went said.

use crate::cmd::check::clean_site;
use crate::diagnostic::{Failed, Outcome};
use std::path::Path;

pub(crate) fn run(root: &Path, plan: &str, cycle: Option<&str>, force: bool) -> Outcome {
    let site = clean_site(root, "baseline").ok_or(Failed)?;
    match crate::baseline::take(&site, root, plan, cycle, force) {
        Ok(taken) => {
            println!(
                "wrote {} ({} actions); commit it with the plan",
                taken.shown.display(),
                taken.actions
            );
            Ok(())
        }
        Err(problem) => {
            eprintln!("{problem}");
            Err(Failed)
        }
    }
}

//! `ragtime returns`: the owners' returns of a committee cycle. `returns CYCLE`
//! writes a workbook per owner listing their open actions;
//! `returns --read FILES` reads the filled-in workbooks back and adds their
//! updates to the plans' YAML (both in [`crate::returns`]).

use crate::diagnostic::{Failed, Outcome};
use crate::returns::layout::find_cycle;
use crate::returns::{read, write};
use crate::text::plural;
use std::path::PathBuf;

/// What the command was asked to do.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub root: PathBuf,
    pub cycle: Option<String>,
    pub single: bool,
    pub read: Vec<PathBuf>,
    pub force: bool,
}

/// `ragtime returns`: write the returns of a cycle, or read returned ones.
pub(crate) fn run(options: &Options) -> Outcome {
    if options.read.is_empty() && options.cycle.is_none() {
        eprintln!("error: say which cycle to write returns for (`ragtime returns CYCLE`), or give the returned files to read (`ragtime returns --read FILES...`)");
        return Err(Failed);
    }
    let Some(site) = crate::cmd::check::clean_site(&options.root, "returns") else {
        return Err(Failed);
    };
    if options.read.is_empty() {
        let id = options.cycle.as_deref().unwrap_or_default();
        let cycle = match find_cycle(&site, id) {
            Ok(cycle) => cycle,
            Err(message) => {
                eprintln!("error: {message}");
                return Err(Failed);
            }
        };
        match write::write_returns(&site, cycle, options.single, &options.root) {
            Ok(written) => {
                for file in &written {
                    let counted = |(name, n): &(String, usize)| {
                        format!("{name} ({})", plural(*n, "open action", "open actions"))
                    };
                    if let [owner] = file.owners.as_slice() {
                        println!("wrote {}: {}", file.path.display(), counted(owner));
                    } else {
                        println!("wrote {}:", file.path.display());
                        for owner in &file.owners {
                            println!("  {}", counted(owner));
                        }
                    }
                }
                let owners: usize = written.iter().map(|w| w.owners.len()).sum();
                println!(
                    "{} for {} at cycle {}",
                    plural(written.len(), "return written", "returns written"),
                    plural(owners, "owner", "owners"),
                    cycle.id
                );
                Ok(())
            }
            Err(message) => {
                eprintln!("error: {message}");
                Err(Failed)
            }
        }
    } else {
        read::run(
            &site,
            &options.read,
            options.cycle.as_deref(),
            options.force,
            &options.root,
        )
    }
}

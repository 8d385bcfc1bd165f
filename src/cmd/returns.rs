//! `ragtime returns`: the owners' returns of a committee cycle. `returns CYCLE`
//! writes a workbook per owner listing their open actions;
//! `--due` sets the date they must be back by;
//! `returns --read FILES` reads the filled-in workbooks back and adds their
//! updates to the plans' YAML (both in [`crate::returns`]).

use crate::diagnostic::{Failed, Outcome};
use crate::model::date::Date;
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
    /// `--due`, as given: the date the returns must be back by.
    pub due: Option<String>,
    pub read: Vec<PathBuf>,
    pub force: bool,
}

/// `ragtime returns`: write the returns of a cycle, or read returned ones.
pub(crate) fn run(options: &Options) -> Outcome {
    if options.read.is_empty() && options.cycle.is_none() {
        eprintln!("error: say which cycle to write returns for (`ragtime returns CYCLE`), or give the returned files to read (`ragtime returns --read FILES...`)");
        return Err(Failed);
    }
    if !options.read.is_empty() && options.due.is_some() {
        eprintln!("error: --due is the date written on the returns sent out (`ragtime returns CYCLE --due YYYY-MM-DD`); it does nothing with --read");
        return Err(Failed);
    }
    let due = match options.due.as_deref().map(|text| {
        Date::parse(text.trim()).ok_or_else(|| {
            format!(
                "--due \"{text}\" is not a date: write it as YYYY-MM-DD, for example 2026-01-16"
            )
        })
    }) {
        Some(Err(message)) => {
            eprintln!("error: {message}");
            return Err(Failed);
        }
        Some(Ok(date)) => Some(date),
        None => None,
    };
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
        let due = match write::return_by(&site, cycle, due) {
            Ok(due) => due,
            Err(message) => {
                eprintln!("error: {message}");
                return Err(Failed);
            }
        };
        match write::write_returns(&site, cycle, due, options.single, &options.root) {
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
                    "{} for {} at cycle {}, to be returned by {}",
                    plural(written.len(), "return written", "returns written"),
                    plural(owners, "owner", "owners"),
                    cycle.id,
                    due.long()
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

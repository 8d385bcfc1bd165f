//! The `ragtime` command line.

use crate::check::{check, tally, Summary};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "ragtime",
    version,
    about = "Publish progress on council action plans as a static website"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check every file of the site and report every problem
    Check {
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check { root, strict } => run_check(&root, strict),
    }
}

fn run_check(root: &std::path::Path, strict: bool) -> ExitCode {
    let checked = check(root);
    for diagnostic in &checked.diagnostics {
        eprintln!("{diagnostic}\n");
    }
    if let (Some(site), true) = (&checked.site, checked.passes(strict)) {
        let warnings = checked.warnings();
        if warnings > 0 {
            eprintln!("{}", tally(0, warnings));
        }
        println!("ok: {}", Summary::of(site));
        return ExitCode::SUCCESS;
    }
    let strict_note = if strict && checked.errors() == 0 {
        " (--strict: warnings count as errors)"
    } else {
        ""
    };
    eprintln!(
        "check failed: {}{strict_note}",
        tally(checked.errors(), checked.warnings())
    );
    ExitCode::from(1)
}

//! The `ragtime` command line.

pub(crate) mod baseline;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod dates;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod pack;
pub(crate) mod returns;
pub(crate) mod serve;
pub(crate) mod theme;

use crate::diagnostic::{Failed, Outcome};
use crate::pipeline::check::Strictness;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
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
    /// Create a new site with a small working example
    Init {
        /// The folder to create the site in
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Check every file of the site and report every problem
    Check {
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
    },
    /// Show what each free-text timescale says about a due date; --write adds the suggested `due:` lines
    Dates {
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Add `due:` lines for the dates read, keeping comments and layout
        #[arg(long)]
        write: bool,
    },
    /// Import a plan from a spreadsheet (xlsx, ods, xls, csv) into content/plans/
    Import {
        /// The spreadsheet
        file: PathBuf,
        /// The plan's id (default: the file's name made into an id)
        #[arg(long)]
        id: Option<String>,
        /// The committee cycle at which the status and progress columns were reported
        #[arg(long)]
        cycle: Option<String>,
        /// The inspection whose findings the reference column names
        #[arg(long)]
        responds_to: Option<String>,
        /// The organisation whose plan it is (default: the sheet's or the site's)
        #[arg(long)]
        organisation: Option<String>,
        /// The paper the plan was published in (default: the sheet's title rows)
        #[arg(long)]
        source: Option<String>,
        /// A mapping file naming the column to read each field from
        #[arg(long)]
        map: Option<PathBuf>,
        /// The sheet to read (default: the first with recognisable headings)
        #[arg(long)]
        sheet: Option<String>,
        /// Show the mapping and the first rows as read; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Replace a plan that already has this id
        #[arg(long)]
        force: bool,
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Owners' return workbooks for a committee cycle; --read writes returned ones into the plans
    Returns {
        /// The cycle to ask for updates (a cycle id of site.yaml)
        cycle: Option<String>,
        /// One workbook with a sheet per owner, instead of a workbook per owner
        #[arg(long)]
        single: bool,
        /// The date the returns must be back by, YYYY-MM-DD (default: 10 working days before the meeting)
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Read these returned workbooks (.xlsx or .ods) and add their updates to the plans
        #[arg(long, num_args = 1.., value_name = "FILES")]
        read: Vec<PathBuf>,
        /// Replace an update the plan already has at that cycle when a return differs
        #[arg(long)]
        force: bool,
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build the site into memory and serve it on this machine, rebuilding as you edit
    Serve {
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (the next free one is used if it is taken; 0 picks any)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback makes the preview public
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the preview in a browser
        #[arg(long)]
        open: bool,
    },
    /// Write a plan as it stands to content/baselines/, to publish how it changes from here
    Baseline {
        /// The plan's id
        plan: String,
        /// Take the plan as it stood at this cycle, into <plan>@<cycle>.yaml
        #[arg(long)]
        cycle: Option<String>,
        /// Replace a baseline that already exists
        #[arg(long)]
        force: bool,
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Work with the site's theme: `theme eject [NAME]` writes a copy of the default to themes/NAME/
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
    /// The committee report of a cycle as a PDF (--pdf), printed by this machine's Chromium
    Pack {
        /// The cycle (a cycle id of site.yaml)
        cycle: String,
        /// Print the report to a PDF
        #[arg(long)]
        pdf: bool,
        /// The PDF to write (default: committee-report-CYCLE.pdf in the site folder)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Whose report, where plans of several organisations report at the cycle (its name, or the last part of its report's address)
        #[arg(long)]
        organisation: Option<String>,
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Check the site, then build it into the output folder (replaced only when the build succeeds)
    Build {
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: public/ in the site folder)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
        /// Build for this address instead of site.yaml's base_url (for example to preview a sub-path build)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ThemeAction {
    /// Write the default theme's templates and assets to themes/NAME/, for full control
    Eject {
        /// The new theme's name (a folder under themes/)
        #[arg(default_value = "council")]
        name: String,
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// The site folder as given (`--root`, by default the current folder), made
/// absolute once, here, so that every path a command builds from it, and every
/// path the preview's watcher reports, starts the same way.
fn site_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root)
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf())
}

/// `--strict` as the pipeline takes it.
fn strictness(strict: bool) -> Strictness {
    if strict {
        Strictness::Strict
    } else {
        Strictness::Lenient
    }
}

fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed) => ExitCode::from(1),
    }
}

pub fn run(mut cli: Cli) -> ExitCode {
    match &mut cli.command {
        Command::Init { .. } => {}
        Command::Check { root, .. }
        | Command::Dates { root, .. }
        | Command::Import { root, .. }
        | Command::Returns { root, .. }
        | Command::Serve { root, .. }
        | Command::Baseline { root, .. }
        | Command::Theme {
            action: ThemeAction::Eject { root, .. },
        }
        | Command::Pack { root, .. }
        | Command::Build { root, .. } => *root = site_root(root),
    }
    match cli.command {
        Command::Init { dir } => exit_code(init::run(&dir)),
        Command::Check { root, strict } => exit_code(check::run(&root, strictness(strict))),
        Command::Dates { root, write } => exit_code(dates::run(&root, write)),
        Command::Import {
            file,
            id,
            cycle,
            responds_to,
            organisation,
            source,
            map,
            sheet,
            dry_run,
            force,
            root,
        } => exit_code(import::run(&crate::import::Options {
            root,
            file,
            id,
            cycle,
            responds_to,
            organisation,
            source,
            map,
            sheet,
            dry_run,
            force,
        })),
        Command::Returns {
            cycle,
            single,
            due,
            read,
            force,
            root,
        } => exit_code(returns::run(&returns::Options {
            root,
            cycle,
            single,
            due,
            read,
            force,
        })),
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => exit_code(serve::run(&crate::preview::Options {
            root,
            bind,
            port,
            open,
        })),
        Command::Baseline {
            plan,
            cycle,
            force,
            root,
        } => exit_code(baseline::run(&root, &plan, cycle.as_deref(), force)),
        Command::Theme {
            action: ThemeAction::Eject { name, root },
        } => exit_code(theme::run(&root, &name)),
        Command::Pack {
            cycle,
            pdf,
            output,
            organisation,
            root,
        } => {
            if !pdf {
                // A usage error, answered with the status clap gives its own.
                eprintln!(
                    "error: say what to make: `ragtime pack {cycle} --pdf` prints the committee report to a PDF (the report itself is built by `ragtime build` at cycles/{cycle}/report/)"
                );
                return ExitCode::from(2);
            }
            exit_code(pack::run(
                &root,
                &cycle,
                organisation.as_deref(),
                output.as_deref(),
            ))
        }
        Command::Build {
            root,
            output,
            strict,
            base_url,
        } => exit_code(build::run(
            &root,
            &output.unwrap_or_else(|| root.join("public")),
            strictness(strict),
            base_url.as_deref(),
        )),
    }
}

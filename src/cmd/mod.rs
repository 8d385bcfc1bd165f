//! The `ragtime` command line.

pub mod build;
pub mod check;
pub mod dates;
pub mod init;
pub mod serve;

use crate::cmd::build::build;
use crate::cmd::check::{check, tally, Summary};
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
    },
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Init { dir } => match crate::cmd::init::init(&dir) {
            Ok(files) => {
                for file in &files {
                    println!("created {}", file.display());
                }
                println!(
                    "next: cd {} && ragtime serve   (a preview that updates as you edit; ragtime build writes public/)",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(1)
            }
        },
        Command::Check { root, strict } => run_check(&root, strict),
        Command::Dates { root, write } => run_dates(&root, write),
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => {
            let options = crate::cmd::serve::Options {
                root,
                bind,
                port,
                open,
            };
            match crate::cmd::serve::serve(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Build {
            root,
            output,
            strict,
        } => run_build(
            &root,
            &output.unwrap_or_else(|| root.join("public")),
            strict,
        ),
    }
}

fn run_build(root: &std::path::Path, output: &std::path::Path, strict: bool) -> ExitCode {
    let started = std::time::Instant::now();
    match build(root, output, strict) {
        Ok((checked, written)) => {
            report_warnings(&checked);
            if let Some(site) = &checked.site {
                println!("checked: {}", Summary::of(site));
            }
            println!(
                "built {} files ({} rendered, {} changed) into {} in {} ms",
                written.files,
                written.rendered,
                written.changed,
                output.display(),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(checked) => {
            for diagnostic in &checked.diagnostics {
                eprintln!("{diagnostic}\n");
            }
            eprintln!(
                "build failed: {}; {} was left as it was",
                tally(checked.errors(), checked.warnings()),
                output.display()
            );
            ExitCode::from(1)
        }
    }
}

fn report_warnings(checked: &crate::cmd::check::Checked) {
    for diagnostic in &checked.diagnostics {
        eprintln!("{diagnostic}\n");
    }
    if checked.warnings() > 0 {
        eprintln!("{}", tally(0, checked.warnings()));
    }
}

fn run_check(root: &std::path::Path, strict: bool) -> ExitCode {
    let checked = check(root);
    for diagnostic in &checked.diagnostics {
        eprintln!("{diagnostic}\n");
    }
    if let (Some(site), true) = (&checked.site, checked.passes(strict)) {
        if let Some(note) = undated_note(site) {
            eprintln!("{note}\n");
        }
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

/// Says how many actions have no due date because their timescale is not a date
/// or could not be read (dates that could be read are warnings already).
fn undated_note(site: &crate::model::site::Site) -> Option<String> {
    use crate::model::timescale::{suggest, DueDate};
    let (mut not_dates, mut unreadable) = (0, 0);
    for plan in &site.plans {
        for action in plan.actions().map(|a| a.action).filter(|a| a.due.is_none()) {
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

fn run_dates(root: &std::path::Path, write: bool) -> ExitCode {
    use crate::model::timescale::DueDate;
    let readings = crate::cmd::dates::readings(root);
    let mut dated = 0;
    for reading in &readings {
        let place = match reading.line {
            Some(line) => format!("{}:{line}", reading.file.display()),
            None => reading.file.display().to_string(),
        };
        let said = match &reading.outcome {
            DueDate::Date(date) => {
                dated += 1;
                format!("due: {date}")
            }
            DueDate::NotADate(word) => format!("not a date ({word}): no due date will be guessed"),
            DueDate::Unreadable => "could not be read as a date".to_owned(),
        };
        println!(
            "{place}: action {}: {} \"{}\" → {said}",
            reading.action,
            reading.field,
            crate::text::one_line(&reading.text)
        );
    }
    println!(
        "{} actions without a due date: {dated} dates read, {} not read",
        readings.len(),
        readings.len() - dated
    );
    if !write {
        if dated > 0 {
            println!("run `ragtime dates --write` to add the {dated} dates read to the files");
        }
        return ExitCode::SUCCESS;
    }
    match crate::cmd::dates::write_due_dates(root, &readings) {
        Ok((written, problems)) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            println!("wrote {written} due dates");
            if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(error) => {
            eprintln!("error: could not write: {error}");
            ExitCode::from(1)
        }
    }
}

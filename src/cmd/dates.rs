//! `ragtime dates`: prints what each free-text timescale (of an action or a
//! step) says about a due date (read by [`crate::dates`]), and with `--write` adds the dates read.

use crate::dates::{readings, write_due_dates};
use crate::diagnostic::{Failed, Outcome};
use crate::model::timescale::DueDate;
use crate::text::plural;
use std::path::Path;

/// `ragtime dates`: what each timescale says, and with `write`, the dates added.
/// Content that does not pass `check` is not read: its errors are printed.
pub(crate) fn run(root: &Path, write: bool) -> Outcome {
    if crate::cmd::check::clean_site(root, "dates").is_none() {
        return Err(Failed);
    }
    let readings = readings(root);
    let mut dated = 0;
    for reading in &readings {
        let place = match reading.line {
            Some(line) => format!("{}:{line}", reading.file.display()),
            None => reading.file.display().to_string(),
        };
        let said = match &reading.outcome {
            DueDate::Date(date) => {
                dated += 1;
                if reading.estimated {
                    format!("due: {date}, estimated")
                } else {
                    format!("due: {date}")
                }
            }
            DueDate::NotADate(word) => format!("not a date ({word}): no due date will be guessed"),
            DueDate::Unreadable => "could not be read as a date".to_owned(),
        };
        println!(
            "{place}: {}: {} \"{}\" → {said}",
            reading.action,
            reading.field,
            crate::text::one_line(&reading.text)
        );
    }
    let steps = readings.iter().filter(|r| r.is_step).count();
    let actions = plural(readings.len() - steps, "action", "actions");
    let without = match steps {
        0 => actions,
        _ => format!("{actions} and {}", plural(steps, "step", "steps")),
    };
    println!(
        "{without} without a due date: {} read, {} not read",
        plural(dated, "date", "dates"),
        readings.len() - dated
    );
    if !write {
        if dated > 0 {
            println!(
                "run `ragtime dates --write` to add the {} read to the files",
                plural(dated, "date", "dates")
            );
        }
        return Ok(());
    }
    match write_due_dates(root, &readings) {
        Ok((written, problems)) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            println!("wrote {}", plural(written, "due date", "due dates"));
            if problems.is_empty() {
                Ok(())
            } else {
                Err(Failed)
            }
        }
        Err(error) => {
            eprintln!("error: could not write: {error}");
            Err(Failed)
        }
    }
}

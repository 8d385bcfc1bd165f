//! `ragtime dates`: what each free-text timescale says about a due date, and
//! `--write` to add the suggested `due:` lines to the YAML, leaving every
//! comment and every other line as it was.

use crate::load::load;
use crate::load::spans::{locate, FieldPath};
use crate::model::date::Date;
use crate::model::plan::{Action, Plan};
use crate::model::timescale::{suggest, DueDate};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One action without a due date, and what its timescale says.
#[derive(Clone, Debug)]
pub(crate) struct Reading {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub action: String,
    /// `timescale` or `target`.
    pub field: &'static str,
    pub text: String,
    pub outcome: DueDate,
    /// Where the action's mapping sits, for writing.
    path: FieldPath,
}

/// Reads every action with a timescale or target but no `due`.
pub(crate) fn readings(root: &Path) -> Vec<Reading> {
    let (content, _) = load(root);
    let mut readings = Vec::new();
    for plan in &content.plans {
        for (path, action) in actions_with_paths(&plan.value) {
            if action.due.is_some() {
                continue;
            }
            let candidates = [("timescale", &action.timescale), ("target", &action.target)];
            let mut chosen = None;
            for (field, text) in candidates {
                let Some(text) = text else { continue };
                let outcome = suggest(text);
                let better = matches!(outcome, DueDate::Date(_)) || chosen.is_none();
                if better {
                    chosen = Some((field, text.clone(), outcome.clone()));
                }
                if matches!(outcome, DueDate::Date(_)) {
                    break;
                }
            }
            let Some((field, text, outcome)) = chosen else {
                continue;
            };
            readings.push(Reading {
                file: plan.source.path.clone(),
                line: plan.source.position(&path.key(field)).map(|(line, _)| line),
                action: action.id().to_owned(),
                field,
                text,
                outcome,
                path,
            });
        }
    }
    readings
}

/// Every action of a plan with its path in the file; ids as resolved.
fn actions_with_paths(plan: &Plan) -> Vec<(FieldPath, Action)> {
    let mut plan = plan.clone();
    crate::resolve::assign_ids(&mut plan);
    let mut out = Vec::new();
    let root = FieldPath::root();
    for (s, section) in plan.sections.iter().enumerate() {
        let at = root.key("sections").index(s);
        for (r, rec) in section.recommendations.iter().enumerate() {
            for (a, action) in rec.actions.iter().enumerate() {
                out.push((
                    at.key("recommendations").index(r).key("actions").index(a),
                    action.clone(),
                ));
            }
        }
        for (a, action) in section.actions.iter().enumerate() {
            out.push((at.key("actions").index(a), action.clone()));
        }
    }
    for (r, rec) in plan.recommendations.iter().enumerate() {
        for (a, action) in rec.actions.iter().enumerate() {
            out.push((
                root.key("recommendations").index(r).key("actions").index(a),
                action.clone(),
            ));
        }
    }
    out
}

/// Adds `due:` lines for every suggested date. Returns what was written and what could not be.
pub(crate) fn write_due_dates(
    root: &Path,
    readings: &[Reading],
) -> std::io::Result<(usize, Vec<String>)> {
    let mut written = 0;
    let mut problems = Vec::new();
    let mut files: Vec<&PathBuf> = readings.iter().map(|r| &r.file).collect();
    files.sort();
    files.dedup();
    for file in files {
        let full = root.join(file);
        let original = std::fs::read_to_string(&full)?;
        let mut lines: Vec<String> = original.split_inclusive('\n').map(str::to_owned).collect();
        let mut inserts: Vec<(usize, String)> = Vec::new();
        for reading in readings.iter().filter(|r| &r.file == file) {
            let DueDate::Date(date) = reading.outcome else {
                continue;
            };
            match insertion(&original, &lines, reading, date) {
                Some(insert) => inserts.push(insert),
                None => problems.push(format!(
                    "{}: action {}: could not place `due: {date}` automatically; add it by hand",
                    file.display(),
                    reading.action
                )),
            }
        }
        inserts.sort_by_key(|insert| std::cmp::Reverse(insert.0));
        for (index, line) in &inserts {
            lines.insert(*index, line.clone());
        }
        let updated = lines.concat();
        // Never leave a file the loader cannot read.
        if serde_yaml::from_str::<Plan>(&updated).is_err() {
            problems.push(format!("{}: the dates were not written, because the result would not read back; add them by hand", file.display()));
            continue;
        }
        if !inserts.is_empty() {
            std::fs::write(&full, updated)?;
            written += inserts.len();
        }
    }
    Ok((written, problems))
}

/// Where the `due:` line goes: just before the `timescale:` (or `target:`) key, at its indentation.
fn insertion(
    yaml: &str,
    lines: &[String],
    reading: &Reading,
    date: Date,
) -> Option<(usize, String)> {
    let (line, _) = locate(yaml, &reading.path.key(reading.field))?;
    let (_, column) = locate(yaml, &reading.path)?;
    let text = lines.get(line - 1)?;
    let indent = column - 1;
    let key_here = text
        .get(indent..)?
        .starts_with(&format!("{}:", reading.field))
        && text[..indent].chars().all(|c| c == ' ');
    key_here.then(|| (line - 1, format!("{}due: {date}\n", " ".repeat(indent))))
}

/// `ragtime dates`: what each timescale says, and with `write`, the dates added.
pub(crate) fn run(root: &Path, write: bool) -> ExitCode {
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
    match write_due_dates(root, &readings) {
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

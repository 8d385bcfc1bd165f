//! The return workbooks: an "Instructions" sheet (what to fill in, the date
//! to return it by and whom to send it to), then a sheet per owner with
//! one row per open action. What is known is grey and locked; the four columns
//! an owner fills in are unlocked, with a status drop-down and a date check.
//! Three hidden columns carry the keys, so a returned row is matched whatever
//! was done to the order of rows, the sheet names or the file name. The
//! drop-downs list the statuses from a hidden last sheet: a list written into
//! the validation itself may hold only 255 characters in Excel.

use crate::derive::Facts;
use crate::model::clock::working_days_before;
use crate::model::cycle::Cycle;
use crate::model::date::Date;
use crate::model::plan::{ActionRef, Due, Plan};
use crate::model::settings::contact_link;
use crate::model::site::Site;
use crate::output::safely::write_safely;
use crate::render::plan::action_name;
use crate::returns::layout::{owed, Owed, FILL_IN, HEADINGS};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use std::path::{Path, PathBuf};

/// A workbook written: its path (relative to the site folder) and whose actions it holds.
pub(crate) struct WrittenReturn {
    pub path: PathBuf,
    /// Each owner's name and how many actions they were asked about.
    pub owners: Vec<(String, usize)>,
}

/// The name of the sheet of a workbook for one owner.
pub(crate) const RETURN_SHEET: &str = "Return";

/// The name of an owner's sheet when nothing of their name can be used.
const OWNER: &str = "Owner";

/// The name of the sheet that says what to do.
pub(crate) const INSTRUCTIONS: &str = "Instructions";

/// The name of the hidden sheet the status drop-downs list their statuses from.
pub(crate) const STATUS_LISTS: &str = "Status lists";

/// How many working days before the meeting returns are due back, unless
/// `--due` says otherwise: two working weeks leave time to write the report.
pub(crate) const WORKING_DAYS_TO_RETURN: u16 = 10;

/// The date the returns of `cycle` must be back by: the one asked for, which
/// may not be after the meeting, or [`WORKING_DAYS_TO_RETURN`] working days
/// before the meeting (weekends and the site's `bank_holidays` not counted).
pub(crate) fn return_by(site: &Site, cycle: &Cycle, asked: Option<Date>) -> Result<Date, String> {
    let meeting = cycle.date.as_of();
    match asked {
        Some(due) if due > meeting => Err(format!(
            "--due {due} is after the meeting the returns are for ({}): the returns are needed before it, so give a date on or before {meeting}, or leave --due out for {WORKING_DAYS_TO_RETURN} working days before the meeting",
            cycle.label()
        )),
        Some(due) => Ok(due),
        None => Ok(working_days_before(
            meeting,
            WORKING_DAYS_TO_RETURN,
            &site.config.bank_holidays,
        )),
    }
}

/// Writes the returns of `cycle`, due back by `due`, into `<root>/returns/<cycle>/`.
pub(crate) fn write_returns(
    site: &Site,
    cycle: &Cycle,
    due: Date,
    single: bool,
    root: &Path,
) -> Result<Vec<WrittenReturn>, String> {
    let facts = Facts::new(site);
    let owed = owed(&facts, cycle);
    if owed.is_empty() {
        return Err(format!(
            "no owner has an open action at cycle {}: there is nothing to ask for",
            cycle.id
        ));
    }
    let folder = PathBuf::from("returns").join(&cycle.id);
    let mut books: Vec<(PathBuf, Vec<&Owed<'_>>)> = Vec::new();
    if single {
        books.push((folder.join("returns.xlsx"), owed.iter().collect()));
    } else {
        for owner in &owed {
            books.push((folder.join(format!("{}.xlsx", owner.slug)), vec![owner]));
        }
    }
    // A workbook an owner has filled in and sent back is never written over.
    let mut filled: Vec<String> = Vec::new();
    for (path, _) in &books {
        let is_filled_in = crate::returns::read::is_filled_in(&root.join(path))
            .map_err(|message| format!("{}: {message}", path.display()))?;
        if is_filled_in {
            filled.push(path.display().to_string());
        }
    }
    if !filled.is_empty() {
        return Err(format!(
            "{} {} filled in and would be written over: move {} to another folder (read returns with --read from there), then write the returns again",
            filled.join(", "),
            if filled.len() == 1 { "is" } else { "are" },
            if filled.len() == 1 { "it" } else { "them" },
        ));
    }
    let mut written = Vec::new();
    for (path, owners) in books {
        let bytes = workbook(&facts, cycle, due, &owners, single)
            .map_err(|e| format!("could not make {}: {e}", path.display()))?;
        write_safely(&root.join(&path), &bytes)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        written.push(WrittenReturn {
            path,
            owners: owners
                .iter()
                .map(|o| (o.name.to_owned(), o.actions.len()))
                .collect(),
        });
    }
    Ok(written)
}

/// The formats of a return sheet.
struct Formats {
    heading: Format,
    known: Format,
    known_date: Format,
    fill: Format,
    fill_date: Format,
    bold: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        let grey = Color::RGB(0x00E7_E6E6);
        let known = Format::new()
            .set_background_color(grey)
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_locked();
        let fill = Format::new()
            .set_unlocked()
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        Formats {
            heading: Format::new().set_bold().set_text_wrap().set_locked(),
            known_date: known.clone().set_num_format("dd/mm/yyyy"),
            known,
            fill_date: fill.clone().set_num_format("dd/mm/yyyy"),
            fill,
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

fn excel_date(date: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(date.year, date.month, date.day)
}

/// One workbook: the instructions, then a sheet per owner.
fn workbook(
    facts: &Facts<'_>,
    cycle: &Cycle,
    due: Date,
    owners: &[&Owed<'_>],
    single: bool,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // Never the clock: the same content gives the same bytes.
    let created = excel_date(cycle.date.as_of())?;
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("Owners' return: {}", cycle.label()))
            .set_author(facts.site.config.organisation.as_str())
            .set_creation_datetime(&created),
    );
    let formats = Formats::new();
    instructions(book.add_worksheet(), facts, cycle, due, owners, &formats)?;
    let lists = StatusLists::new(facts, owners);
    // The owners' sheets come between these two.
    let mut names = vec![INSTRUCTIONS.to_owned(), STATUS_LISTS.to_owned()];
    for owner in owners {
        let name = if single {
            crate::sheet::sheet_name(owner.name, OWNER, &names)
        } else {
            RETURN_SHEET.to_owned()
        };
        names.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        return_sheet(sheet, facts, cycle, owner, &lists, &formats)?;
    }
    if !lists.lists.is_empty() {
        lists.sheet(book.add_worksheet())?;
    }
    book.save_to_buffer()
}

/// The status lists of a workbook's plans, each once, a column of the hidden
/// sheet [`STATUS_LISTS`] each: a drop-down that points at a range may offer
/// any number of statuses, and labels with commas.
struct StatusLists<'s> {
    lists: Vec<Vec<&'s str>>,
    /// Each plan's column, by plan id; a plan without statuses has none.
    columns: Vec<(&'s str, usize)>,
}

impl<'s> StatusLists<'s> {
    fn new(facts: &Facts<'s>, owners: &[&Owed<'s>]) -> StatusLists<'s> {
        let mut lists: Vec<Vec<&str>> = Vec::new();
        let mut columns = Vec::new();
        for plan in plans_of(owners) {
            let labels: Vec<&str> = facts
                .statuses(plan)
                .iter()
                .map(|s| s.label.as_str())
                .collect();
            if labels.is_empty() {
                continue;
            }
            let column = lists.iter().position(|l| *l == labels).unwrap_or_else(|| {
                lists.push(labels);
                lists.len() - 1
            });
            columns.push((plan.id.as_str(), column));
        }
        StatusLists { lists, columns }
    }

    /// The drop-down of a plan's statuses, or `None` when the plan has no status column.
    fn validation(&self, plan: &Plan) -> Result<Option<DataValidation>, XlsxError> {
        let Some(&(_, column)) = self.columns.iter().find(|(id, _)| *id == plan.id) else {
            return Ok(None);
        };
        let letter = crate::sheet::column_name(u32::try_from(column).unwrap_or(0));
        let range = format!(
            "='{STATUS_LISTS}'!${letter}$1:${letter}${}",
            self.lists[column].len()
        );
        let validation = DataValidation::new()
            .allow_list_formula(Formula::new(range))
            .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Warning)
            .set_error_title("Status")?
            .set_error_message("Please choose a status from the list.")?;
        Ok(Some(validation))
    }

    /// The hidden sheet itself, locked like the known columns.
    fn sheet(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        sheet.set_name(STATUS_LISTS)?;
        for (col, labels) in (0u16..).zip(&self.lists) {
            for (row, label) in (0u32..).zip(labels) {
                sheet.write_string(row, col, *label)?;
            }
        }
        sheet.set_hidden(true);
        sheet.protect();
        Ok(())
    }
}

/// The plans an owner's actions are in, in site order, each once.
fn plans_of<'s>(owners: &[&Owed<'s>]) -> Vec<&'s Plan> {
    let mut plans: Vec<&Plan> = Vec::new();
    for action in owners.iter().flat_map(|o| o.actions.iter()) {
        if !plans.iter().any(|p| p.id == action.plan.id) {
            plans.push(action.plan);
        }
    }
    plans
}

/// Whom a return goes back to: the site's contact as a person writes to it
/// (an email address without `mailto:`, or a web address), or, when the site
/// names none, the officer who sent it: an address is never made up.
fn send_to(site: &Site) -> String {
    site.config
        .brand
        .as_ref()
        .and_then(|b| b.contact.as_deref())
        .and_then(contact_link)
        .map_or_else(
            || "the officer who sent it to you".to_owned(),
            |link| link.strip_prefix("mailto:").unwrap_or(&link).to_owned(),
        )
}

/// The first sheet: what to do, by when, to whom, and the statuses each plan allows.
fn instructions(
    sheet: &mut Worksheet,
    facts: &Facts<'_>,
    cycle: &Cycle,
    due: Date,
    owners: &[&Owed<'_>],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(INSTRUCTIONS)?;
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(1, 90)?;
    let send_to = send_to(facts.site);
    let mut row = 0;
    let mut line = |sheet: &mut Worksheet, text: &str, format: &Format| -> Result<(), XlsxError> {
        sheet.write_string_with_format(row, 0, text, format)?;
        row += 1;
        Ok(())
    };
    line(
        sheet,
        &format!("Owners' return: {}", cycle.label()),
        &formats.bold,
    )?;
    row += 1;
    for (label, value) in [
        ("Return by", due.long()),
        ("Send it to", send_to.clone()),
        ("For the meeting", cycle.label()),
    ] {
        sheet.write_string_with_format(row, 0, label, &formats.bold)?;
        sheet.write_string_with_format(row, 1, &value, &formats.wrap)?;
        row += 1;
    }
    row += 1;
    for text in [
        format!(
            "Please fill in the Status, Progress, Next steps and Revised due date columns for each action and send this file back to {send_to} by {}.",
            due.long()
        ),
        "Status: choose from the drop-down list (the statuses each plan allows are listed below). Progress: what has been done since the last report. Next steps: what happens next. Revised due date: only if the due date has changed, as a date (for example 31/03/2026).".to_owned(),
        "Leave the four columns empty for an action you have nothing to report on.".to_owned(),
        "Please do not change the grey columns: they say what was agreed and last reported. Hidden columns tie each row to its action.".to_owned(),
        "Sorting or filtering the rows is fine, and so is renaming the sheets or this file: every row carries its own keys.".to_owned(),
    ] {
        sheet.write_string_with_format(row, 0, &text, &formats.wrap)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "Statuses you may choose, by plan", &formats.bold)?;
    row += 1;
    for plan in plans_of(owners) {
        let statuses = facts.statuses(plan);
        sheet.write_string_with_format(row, 0, &plan.title, &formats.bold)?;
        row += 1;
        if statuses.is_empty() {
            sheet.write_string(
                row,
                0,
                "(this plan has no status column: leave Status empty)",
            )?;
            row += 1;
        }
        for status in statuses {
            sheet.write_string_with_format(row, 0, &status.label, &formats.wrap)?;
            let meaning = if status.done {
                format!(
                    "{} (done: the action will not be asked about again)",
                    status.description
                )
                .trim()
                .to_owned()
            } else {
                status.description.clone()
            };
            sheet.write_string_with_format(row, 1, &meaning, &formats.wrap)?;
            row += 1;
        }
        row += 1;
    }
    sheet.set_active(true);
    Ok(())
}

/// A sheet of one owner's open actions.
fn return_sheet(
    sheet: &mut Worksheet,
    facts: &Facts<'_>,
    cycle: &Cycle,
    owner: &Owed<'_>,
    lists: &StatusLists<'_>,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let widths = [12, 12, 10, 30, 12, 60, 12, 20, 60, 16, 22, 60, 40, 14];
    for (col, width) in (0u16..).zip(widths) {
        sheet.set_column_width(col, width)?;
    }
    for col in 0..3 {
        sheet.set_column_hidden(col)?;
    }
    for (col, heading) in (0u16..).zip(HEADINGS) {
        sheet.write_string_with_format(0, col, heading, &formats.heading)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let revised = DataValidation::new()
        .allow_date(DataValidationRule::GreaterThan(ExcelDateTime::from_ymd(
            1990, 1, 1,
        )?))
        .set_error_title("Revised due date")?
        .set_error_message("Please give a date, for example 31/03/2026.")?;
    let mut row: u32 = 1;
    for action in &owner.actions {
        write_row(sheet, facts, cycle, action, row, formats)?;
        if let Some(list) = lists.validation(action.plan)? {
            sheet.add_data_validation(row, FILL_IN, row, FILL_IN, &list)?;
        }
        row += 1;
    }
    let last = row - 1;
    sheet.add_data_validation(1, 13, last, 13, &revised)?;
    sheet.autofilter(0, 0, last, 13)?;
    let mut options = ProtectionOptions::new();
    options.format_cells = true;
    options.format_columns = true;
    options.format_rows = true;
    options.sort = true;
    options.use_autofilter = true;
    sheet.protect_with_options(&options);
    Ok(())
}

/// One action's row.
fn write_row(
    sheet: &mut Worksheet,
    facts: &Facts<'_>,
    cycle: &Cycle,
    action: &ActionRef<'_>,
    row: u32,
    formats: &Formats,
) -> Result<(), XlsxError> {
    // The action's own row: a status read from its steps is not one to return.
    let state = facts.own_state(action, Some(cycle));
    let a = action.action;
    let text = |sheet: &mut Worksheet, col: u16, value: &str| {
        sheet
            .write_string_with_format(row, col, value, &formats.known)
            .map(|_| ())
    };
    text(sheet, 0, &action.plan.id)?;
    text(sheet, 1, a.id())?;
    text(sheet, 2, &cycle.id)?;
    text(sheet, 3, &action.plan.title)?;
    text(sheet, 4, &action_name(action))?;
    text(sheet, 5, a.text.trim())?;
    match (state.due, a.due) {
        (Some(due), _) => {
            sheet.write_date_with_format(row, 6, excel_date(due)?, &formats.known_date)?;
        }
        (None, Due::Never) => text(sheet, 6, "No deadline")?,
        (None, _) => text(
            sheet,
            6,
            a.timescale.as_deref().or(a.target.as_deref()).unwrap_or(""),
        )?,
    }
    let last = state.update;
    let status = state
        .status
        .filter(|_| state.status_cycle.is_some())
        .map_or("", |s| s.label.as_str());
    text(sheet, 7, status)?;
    text(
        sheet,
        8,
        last.and_then(|u| u.progress.as_deref())
            .unwrap_or("")
            .trim(),
    )?;
    let at = last
        .and_then(|u| facts.cycle(&u.cycle))
        .map(|c| c.date.long())
        .unwrap_or_default();
    text(sheet, 9, &at)?;
    for col in FILL_IN..13 {
        sheet.write_blank(row, col, &formats.fill)?;
    }
    sheet.write_blank(row, 13, &formats.fill_date)?;
    Ok(())
}

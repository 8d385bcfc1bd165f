//! `actions.xlsx`: the tracker officers keep beside the site: every action of
//! every plan, one row each as of the plan's latest report, on a sheet of all
//! actions and on one sheet per plan. It says what `plans/<id>.csv` says, in
//! fewer columns, with real dates, filters and frozen headings. The headings
//! are what `ragtime import` reads back, so their wording never changes.

use crate::derive::{Facts, PlanFacts};
use crate::model::date::Date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// The first sheet: every plan's actions, with the plan named in the first column.
pub(crate) const ALL_ACTIONS: &str = "All actions";

/// The heading of the column "All actions" has before the plan sheets' columns.
pub(crate) const PLAN: &str = "Plan";

/// A plan sheet's headings, in order.
pub(crate) const HEADINGS: [&str; 12] = [
    "Section",
    "Recommendation",
    "No.",
    "Id",
    "Action",
    "Owner",
    "Timescale",
    "Due date",
    "Status",
    "Progress",
    "Reported at",
    "Overdue",
];

/// How a column's cells are written.
#[derive(Clone, Copy)]
enum Kind {
    /// Short text.
    Text,
    /// Text that runs long: wrapped.
    Long,
    /// Text that looks like a number ("1.10") and must stay as printed.
    Literal,
    Date,
}

/// Each column's kind and width (in characters), by the order of [`HEADINGS`].
const LAYOUT: [(Kind, f64); 12] = [
    (Kind::Long, 30.0),
    (Kind::Text, 16.0),
    (Kind::Literal, 8.0),
    (Kind::Text, 14.0),
    (Kind::Long, 60.0),
    (Kind::Long, 28.0),
    (Kind::Long, 16.0),
    (Kind::Date, 12.0),
    (Kind::Text, 22.0),
    (Kind::Long, 70.0),
    (Kind::Text, 12.0),
    (Kind::Text, 10.0),
];

/// The plan column of "All actions".
const PLAN_LAYOUT: (Kind, f64) = (Kind::Long, 32.0);

/// Excel's limit on a cell's text.
const CELL_MAX: usize = 32_767;

/// One action as the tracker shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row<'s> {
    pub section: &'s str,
    pub recommendation: &'s str,
    pub number: &'s str,
    pub id: &'s str,
    pub text: &'s str,
    pub owner: String,
    pub timescale: &'s str,
    pub due: Option<Date>,
    pub status: &'s str,
    pub progress: &'s str,
    pub reported_at: &'s str,
    pub overdue: bool,
}

/// A cell's value.
enum Cell<'a> {
    Text(&'a str),
    Date(Option<Date>),
}

impl Row<'_> {
    fn cells(&self) -> [Cell<'_>; 12] {
        [
            Cell::Text(self.section),
            Cell::Text(self.recommendation),
            Cell::Text(self.number),
            Cell::Text(self.id),
            Cell::Text(self.text),
            Cell::Text(&self.owner),
            Cell::Text(self.timescale),
            Cell::Date(self.due),
            Cell::Text(self.status),
            Cell::Text(self.progress),
            Cell::Text(self.reported_at),
            Cell::Text(if self.overdue { "Overdue" } else { "" }),
        ]
    }
}

/// A plan's actions in its order, each as the plan's page shows it at its
/// latest report (the same facts as `plans/<id>.csv`).
pub(crate) fn rows<'s>(facts: &Facts<'s>, plan: &PlanFacts<'s>) -> Vec<Row<'s>> {
    let cycle = plan.latest_cycle();
    let trimmed = |v: &'s Option<String>| v.as_deref().unwrap_or_default().trim();
    plan.actions
        .iter()
        .map(|a| {
            let state = facts.state(a, cycle);
            let action = a.action;
            Row {
                section: a.section.map_or("", |s| s.title.trim()),
                recommendation: a
                    .recommendation
                    .map_or("", |r| r.number.as_deref().unwrap_or(&r.id).trim()),
                number: trimmed(&action.number),
                id: action.id(),
                text: action.text.trim(),
                owner: action.owner.join("; "),
                timescale: trimmed(&action.timescale),
                due: state.due,
                // Only a status of the plan's key: "Not rated" and "No update
                // yet" are what pages say in its place, not statuses.
                status: state.status.map_or("", |s| s.label.trim()),
                progress: state.update.map_or("", |u| trimmed(&u.progress)),
                reported_at: state.update.map_or("", |u| u.cycle.as_str()),
                overdue: state.overdue,
            }
        })
        .collect()
}

/// Sheet names for plans with these ids, in order: valid for Excel (at most
/// 31 characters, none of `[]:*?/\`, no apostrophe at either end) and unique
/// as Excel compares them (ignoring case), " (2)" and on added where two clash.
pub(crate) fn sheet_names<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    // "All actions" is the first sheet's, "Indicators" the last's.
    let mut taken = vec![ALL_ACTIONS.to_owned(), INDICATORS.to_owned()];
    ids.into_iter()
        .map(|id| {
            let name = crate::sheet::sheet_name(id, PLAN, &taken);
            taken.push(name.clone());
            name
        })
        .collect()
}

/// The formats the sheets share.
struct Formats {
    heading: Format,
    text: Format,
    long: Format,
    literal: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        let top = Format::new().set_align(rust_xlsxwriter::FormatAlign::Top);
        Formats {
            heading: Format::new().set_bold().set_text_wrap(),
            text: top.clone(),
            long: top.clone().set_text_wrap(),
            literal: top.clone().set_num_format("@"),
            date: top.set_num_format("dd/mm/yyyy"),
        }
    }

    fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Text => &self.text,
            Kind::Long => &self.long,
            Kind::Literal => &self.literal,
            Kind::Date => &self.date,
        }
    }
}

/// `actions.xlsx`: "All actions", then a sheet per plan in the site's order.
/// The same content always gives the same bytes: the document's creation
/// time is the date of the latest committee cycle, never the clock (and the
/// zip entries carry a fixed time).
pub(crate) fn workbook(facts: &Facts<'_>) -> Result<Vec<u8>, XlsxError> {
    let site = facts.site;
    let mut book = Workbook::new();
    let created = site
        .cycles
        .iter()
        .map(|c| c.date.as_of())
        .max()
        .unwrap_or(Date {
            year: 2000,
            month: 1,
            day: 1,
        });
    let created = ExcelDateTime::from_ymd(created.year, created.month, created.day)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("{}: all actions", site.config.title))
            .set_company(&site.config.organisation)
            .set_creation_datetime(&created),
    );
    let formats = Formats::new();
    let plans: Vec<(&PlanFacts<'_>, Vec<Row<'_>>)> =
        facts.plans.iter().map(|p| (p, rows(facts, p))).collect();

    let mut layout = vec![PLAN_LAYOUT];
    layout.extend(LAYOUT);
    let mut headings = vec![PLAN];
    headings.extend(HEADINGS);
    let all = book.add_worksheet();
    all.set_name(ALL_ACTIONS)?;
    let every = plans.iter().flat_map(|(plan, rows)| {
        rows.iter().map(|row| {
            let mut cells = vec![Cell::Text(plan.plan.title.trim())];
            cells.extend(row.cells());
            cells
        })
    });
    write_sheet(all, &formats, &headings, &layout, every)?;

    let names = sheet_names(plans.iter().map(|(p, _)| p.plan.id.as_str()));
    for ((_, rows), name) in plans.iter().zip(names) {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        let cells = rows.iter().map(|row| row.cells().into_iter().collect());
        write_sheet(sheet, &formats, &HEADINGS, &LAYOUT, cells)?;
    }
    if !site.indicators.is_empty() {
        indicator_sheet(book.add_worksheet(), &formats, facts)?;
    }
    book.save_to_buffer()
}

/// The last sheet's name: every indicator's figures.
const INDICATORS: &str = "Indicators";

/// "Indicators": a row per figure as reported, as `indicators.csv` has them;
/// values and targets as numbers, so officers can chart and sum them.
fn indicator_sheet(
    sheet: &mut Worksheet,
    formats: &Formats,
    facts: &Facts<'_>,
) -> Result<(), XlsxError> {
    use crate::render::data::indicators::{rows, CSV_COLUMNS};
    sheet.set_name(INDICATORS)?;
    let numbers = ["Value", "Target"];
    let mut last = 0;
    for (column, heading) in (0..).zip(CSV_COLUMNS) {
        sheet.write_string_with_format(0, column, *heading, &formats.heading)?;
        sheet.set_column_width(column, if *heading == "Note" { 50 } else { 16 })?;
        last = column;
    }
    let mut count = 0;
    for (row, cells) in (1..).zip(rows(facts)) {
        for (column, (cell, heading)) in (0..).zip(cells.iter().zip(CSV_COLUMNS)) {
            match cell.parse::<f64>() {
                Ok(n) if numbers.contains(heading) => {
                    sheet.write_number_with_format(row, column, n, &formats.text)?;
                }
                _ if cell.is_empty() => {}
                _ => {
                    sheet.write_string_with_format(row, column, fit_cell(cell), &formats.long)?;
                }
            }
        }
        count = row;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, count, last)?;
    Ok(())
}

/// One sheet: the heading row (bold, frozen, filtered), then a row per action.
fn write_sheet<'a>(
    sheet: &mut Worksheet,
    formats: &Formats,
    headings: &[&str],
    layout: &[(Kind, f64)],
    rows: impl Iterator<Item = Vec<Cell<'a>>>,
) -> Result<(), XlsxError> {
    let mut last = 0;
    for (column, (heading, (kind, width))) in (0..).zip(headings.iter().zip(layout)) {
        sheet.write_string_with_format(0, column, *heading, &formats.heading)?;
        sheet.set_column_width(column, *width)?;
        sheet.set_column_format(column, formats.of(*kind))?;
        last = column;
    }
    let mut count = 0;
    for (row, cells) in (1..).zip(rows) {
        for (column, (cell, (kind, _))) in (0..).zip(cells.iter().zip(layout)) {
            let format = formats.of(*kind);
            match *cell {
                Cell::Text("") | Cell::Date(None) => {}
                Cell::Text(text) => {
                    sheet.write_string_with_format(row, column, fit_cell(text), format)?;
                }
                Cell::Date(Some(date)) => {
                    let date = ExcelDateTime::from_ymd(date.year, date.month, date.day)?;
                    sheet.write_datetime_with_format(row, column, &date, format)?;
                }
            }
        }
        count = row;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, count, last)?;
    Ok(())
}

/// Text cut to what one cell can hold (no plan comes near it, but a build
/// must not fail for it).
fn fit_cell(text: &str) -> &str {
    match text.char_indices().nth(CELL_MAX) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let long = "a-plan-whose-id-is-far-too-long-for-excel";
        let names = sheet_names([
            "plan-a",
            long,
            long,
            "what?/[x]",
            "ALL ACTIONS",
            "history",
            "'quoted'",
            "-------------------------------------",
        ]);
        assert_eq!(
            names,
            [
                "plan-a",
                "a-plan-whose-id-is-far-too-long",
                "a-plan-whose-id-is-far-too (2)",
                "what---x-",
                "ALL ACTIONS (2)",
                "history (2)",
                "quoted",
                "Plan",
            ]
        );
        assert!(names
            .iter()
            .all(|n| n.chars().count() <= crate::sheet::name::SHEET_NAME_MAX));
    }

    #[test]
    fn long_text_is_cut_to_what_a_cell_holds() {
        let text = "é".repeat(CELL_MAX + 5);
        assert_eq!(fit_cell(&text).chars().count(), CELL_MAX);
        assert_eq!(fit_cell("short"), "short");
    }
}

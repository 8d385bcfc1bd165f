//! Spreadsheets for the spreadsheet benchmark (bench/sheets.sh):
//!
//!     cargo run --release --example sheets -- tracker --rows 2000 --out tracker.xlsx
//!     cargo run --release --example sheets -- fill RETURNS_DIR
//!
//! `tracker` writes a council-style tracker of synthetic actions: title rows,
//! a heading row, a heading row per section merged across the table, a
//! reference merged down over its actions, target dates as date cells shown
//! "Aug-12", and a status and progress column in the default statuses' words.
//! Deterministic: the same arguments write the same bytes.
//!
//! `fill` answers every owner's return in a folder as an owner would: the
//! status as last reported (when there is one), a line of progress and a next
//! step, written back under the same headings, hidden keys included.

use calamine::{Data, Reader};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const STATUSES: [&str; 4] = [
    "Complete",
    "In progress – on schedule",
    "At risk",
    "Behind schedule",
];
const LEADS: [&str; 8] = [
    "Head of Early Help",
    "Service Manager, Front Door",
    "Principal Social Worker",
    "Head of Safeguarding",
    "Fostering Team Manager",
    "Virtual School Head",
    "Head of Commissioning",
    "Designated Nurse",
];
const WORDS: [&str; 16] = [
    "review",
    "audit",
    "agree",
    "publish",
    "train",
    "embed",
    "monitor",
    "recruit",
    "the",
    "case",
    "plan",
    "protocol",
    "with",
    "partners",
    "quality",
    "assurance",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("tracker") => {
            let rows = value(&args, "--rows")
                .and_then(|r| r.parse().ok())
                .unwrap_or(2000);
            let out =
                value(&args, "--out").map_or_else(|| PathBuf::from("tracker.xlsx"), PathBuf::from);
            tracker(rows, &out)
        }
        Some("fill") => match args.get(1) {
            Some(dir) => fill(Path::new(dir)),
            None => Err("fill: name the folder of returns".into()),
        },
        _ => Err("usage: sheets tracker --rows N --out FILE | sheets fill DIR".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sheets: {error}");
            ExitCode::from(1)
        }
    }
}

fn value(args: &[String], name: &str) -> Option<String> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1).cloned()
}

type Failure = Box<dyn std::error::Error>;

/// A fixed document time, so the file is the same bytes every run.
fn properties() -> Result<DocProperties, Failure> {
    Ok(DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 1)?))
}

fn tracker(rows: usize, out: &Path) -> Result<(), Failure> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties()?);
    let bold = Format::new().set_bold();
    let heading = Format::new().set_bold().set_align(FormatAlign::Left);
    let month = Format::new().set_num_format("mmm-yy");
    let sheet = workbook.add_worksheet();
    sheet.set_name("Action plan")?;
    sheet.write_string_with_format(0, 0, "Example Borough Council", &bold)?;
    sheet.write_string(1, 0, "Improvement plan tracker (synthetic, for benchmarks)")?;
    let headings = [
        "Ref",
        "Action",
        "Lead officer(s)",
        "Target date",
        "Progress",
        "RAG rating",
    ];
    for (column, text) in headings.iter().enumerate() {
        sheet.write_string_with_format(3, u16::try_from(column)?, *text, &bold)?;
    }
    let mut row: u32 = 4;
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut written = 0;
    let mut section = 0;
    while written < rows {
        section += 1;
        sheet.merge_range(
            row,
            0,
            row,
            5,
            &format!("PRIORITY {section}: IMPROVE THE QUALITY OF PRACTICE IN AREA {section}"),
            &heading,
        )?;
        row += 1;
        for recommendation in 1..=5 {
            let actions = 1 + usize::try_from(next() % 5)?;
            let first = row;
            for _ in 0..actions {
                if written == rows {
                    break;
                }
                written += 1;
                let words: Vec<&str> = (0..12)
                    .map(|_| WORDS[usize::try_from(next() % 16).unwrap_or(0)])
                    .collect();
                sheet.write_string(row, 1, format!("Action {written}: {}.", words.join(" ")))?;
                sheet.write_string(row, 2, LEADS[usize::try_from(next() % 8)?])?;
                let date = ExcelDateTime::from_ymd(
                    2025 + u16::try_from(next() % 3)?,
                    1 + u8::try_from(next() % 12)?,
                    1,
                )?;
                sheet.write_datetime_with_format(row, 3, &date, &month)?;
                sheet.write_string(
                    row,
                    4,
                    format!("Progress on action {written}: {}.", words[..8].join(" ")),
                )?;
                sheet.write_string(row, 5, STATUSES[usize::try_from(next() % 4)?])?;
                row += 1;
            }
            let reference = format!("R{section}.{recommendation}");
            if row > first + 1 {
                sheet.merge_range(first, 0, row - 1, 0, &reference, &Format::new())?;
            } else if row == first + 1 {
                sheet.write_string(first, 0, reference)?;
            }
        }
    }
    workbook.save(out)?;
    Ok(())
}

/// Answers each return in `dir` (every `.xlsx` directly in it).
fn fill(dir: &Path) -> Result<(), Failure> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    for file in files {
        let mut reader = calamine::open_workbook_auto(&file)?;
        let names = reader.sheet_names();
        let mut workbook = Workbook::new();
        workbook.set_properties(&properties()?);
        for name in names {
            let range = reader.worksheet_range(&name)?;
            let sheet = workbook.add_worksheet();
            sheet.set_name(&name)?;
            let rows: Vec<Vec<String>> = range
                .rows()
                .map(|r| r.iter().map(cell_text).collect())
                .collect();
            let Some(header) = rows.first() else { continue };
            let at = |heading: &str| header.iter().position(|h| h == heading);
            // The same answer for an action from each of its owners, as agreed between them.
            let key = (at("Plan id"), at("Action id"));
            let fill_in = (
                at("Last reported status"),
                at("Status"),
                at("Progress"),
                at("Next steps"),
            );
            for (r, cells) in rows.iter().enumerate() {
                let r = u32::try_from(r)?;
                for (c, text) in cells.iter().enumerate() {
                    if !text.is_empty() {
                        sheet.write_string(r, u16::try_from(c)?, text)?;
                    }
                }
                if r == 0 {
                    continue;
                }
                if let (Some(last), Some(status), Some(progress), Some(next)) = fill_in {
                    if !cells[last].is_empty() {
                        sheet.write_string(r, u16::try_from(status)?, &cells[last])?;
                    }
                    sheet.write_string(
                        r,
                        u16::try_from(progress)?,
                        format!(
                            "Progress on {} {}, as returned.",
                            key.0.map_or("", |c| cells[c].as_str()),
                            key.1.map_or("", |c| cells[c].as_str())
                        ),
                    )?;
                    sheet.write_string(
                        r,
                        u16::try_from(next)?,
                        "Report again at the next meeting.",
                    )?;
                }
            }
        }
        workbook.save(&file)?;
    }
    Ok(())
}

fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::DateTime(value) => {
            let (year, month, day, ..) = value.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        other => other.to_string(),
    }
}

//! Spreadsheets as councils save them (xlsx, ods, xls, csv), read into grids
//! of cells: values as shown, merged regions, and which rows and columns are
//! hidden. Knows nothing of plans; `import` and `returns` give the cells
//! meaning. Every file is read whole into memory within a bound, and checked
//! by [`guard`] before any reader builds a grid from it. The sheets ragtime
//! writes are named by one rule, in [`name`].

mod csv;
mod guard;
mod layout;
pub(crate) mod name;
mod shown;

use crate::model::date::Date;
use calamine::{Data, Reader};
use guard::{Stop, MAX_CELLS, MAX_FILE_BYTES};
pub(crate) use name::sheet_name;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{Cursor, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell (its time of day, if any, dropped).
    Date(Date),
    Bool(bool),
    /// An error value such as `#REF!`.
    Error(String),
}

impl Cell {
    /// The value as text, trimmed; `None` for an empty cell or blank text.
    pub(crate) fn text(&self) -> Option<String> {
        let text = match self {
            Cell::Empty => return None,
            Cell::Text(text) => text.trim().to_owned(),
            Cell::Number(number) => format_number(*number),
            Cell::Date(date) => date.to_string(),
            Cell::Bool(true) => "TRUE".to_owned(),
            Cell::Bool(false) => "FALSE".to_owned(),
            Cell::Error(error) => error.clone(),
        };
        (!text.is_empty()).then_some(text)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text().is_none()
    }
}

/// Whether `n` is in one of the ranges, which are sorted and apart (see [`joined`]).
fn within(ranges: &[Range<u32>], n: u32) -> bool {
    let after = ranges.partition_point(|r| r.start <= n);
    after > 0 && ranges[after - 1].contains(&n)
}

/// A number as a person would write it: `3`, not `3.0`.
fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{number:.0}")
    } else {
        format!("{number}")
    }
}

/// A merged region, both corners included (0-based row, column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Merge {
    pub first: (u32, u32),
    pub last: (u32, u32),
}

/// One worksheet.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sheet {
    pub name: String,
    /// Hidden sheets are read but never chosen by guess.
    pub hidden: bool,
    /// Rows from the sheet's first row and column (A1), so positions are addresses.
    rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
    /// 0-based, end excluded.
    pub hidden_rows: Vec<Range<u32>>,
    pub hidden_columns: Vec<Range<u32>>,
    /// The number format of each date cell, where the file gives it.
    date_formats: BTreeMap<(u32, u32), String>,
}

impl Sheet {
    pub(crate) fn new(name: &str, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.to_owned(),
            rows,
            ..Sheet::default()
        }
    }

    pub(crate) fn height(&self) -> u32 {
        u32::try_from(self.rows.len()).unwrap_or(u32::MAX)
    }

    pub(crate) fn width(&self) -> u32 {
        let widest = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        u32::try_from(widest).unwrap_or(u32::MAX)
    }

    pub(crate) fn cell(&self, row: u32, column: u32) -> &Cell {
        self.rows
            .get(row as usize)
            .and_then(|cells| cells.get(column as usize))
            .unwrap_or(&Cell::Empty)
    }

    /// A date cell as the spreadsheet shows it ("Aug-12"), and whether that shows the day.
    pub(crate) fn date_shown(&self, row: u32, column: u32) -> Option<(String, bool)> {
        let Cell::Date(date) = self.cell(row, column) else {
            return None;
        };
        shown::date_as_shown(*date, self.date_formats.get(&(row, column))?)
    }

    pub(crate) fn row_hidden(&self, row: u32) -> bool {
        within(&self.hidden_rows, row)
    }

    pub(crate) fn column_hidden(&self, column: u32) -> bool {
        within(&self.hidden_columns, column)
    }

    /// The merged regions whose first cell is at `row`, `column`.
    pub(crate) fn merges_at(&self, row: u32, column: u32) -> &[Merge] {
        let from = self.merges.partition_point(|m| m.first < (row, column));
        let to = self.merges.partition_point(|m| m.first <= (row, column));
        &self.merges[from..to]
    }

    /// Layout kept to the grid, so what is done per row or merge is bounded
    /// by the cells read: hidden ranges clipped and joined, merges sorted,
    /// those starting outside the grid dropped. Merges that overlap more than
    /// the grid has cells (no spreadsheet program saves such a file) are refused.
    fn tidy(&mut self) -> Result<(), String> {
        let (height, width) = (self.height(), self.width());
        self.hidden_rows = joined(&self.hidden_rows, height);
        self.hidden_columns = joined(&self.hidden_columns, width);
        self.merges
            .retain(|m| m.first.0 < height && m.first.1 < width && m.last >= m.first);
        self.merges.sort_unstable_by_key(|m| (m.first, m.last));
        self.merges.dedup();
        let covered: u64 = self
            .merges
            .iter()
            .map(|m| {
                let down = u64::from(m.last.0.min(height - 1) - m.first.0 + 1);
                let across = u64::from(m.last.1.min(width - 1).max(m.first.1) - m.first.1 + 1);
                down * across
            })
            .sum();
        if covered > MAX_CELLS.max(u64::from(height) * u64::from(width)) {
            return Err(format!(
                "sheet \"{}\": its merged cells overlap one another, which no spreadsheet program saves; the file is damaged",
                self.name
            ));
        }
        Ok(())
    }

    /// The sheet with each merged region's value copied down its first
    /// column (a recommendation spanning five action rows is on each of
    /// them). A region merged across columns only keeps its value in its
    /// first cell, so a heading merged across the table is still one cell.
    /// Returns which cells were filled, so a row holding only filled cells
    /// can be told from a row of its own.
    pub(crate) fn filled_down(&self) -> (Sheet, Vec<(u32, u32)>) {
        let mut sheet = self.clone();
        let mut filled = Vec::new();
        for merge in &self.merges {
            let (top, column) = merge.first;
            let value = self.cell(top, column).clone();
            if value.is_empty() {
                continue;
            }
            for row in top + 1..=merge.last.0.min(self.height().saturating_sub(1)) {
                let cells = &mut sheet.rows[row as usize];
                if cells.len() <= column as usize {
                    cells.resize(column as usize + 1, Cell::Empty);
                }
                cells[column as usize] = value.clone();
                filled.push((row, column));
            }
        }
        filled.sort_unstable();
        (sheet, filled)
    }
}

/// Ranges sorted, clipped to `0..end` and joined where they touch.
fn joined(ranges: &[Range<u32>], end: u32) -> Vec<Range<u32>> {
    let mut clipped: Vec<Range<u32>> = ranges
        .iter()
        .map(|r| r.start.min(end)..r.end.min(end))
        .filter(|r| !r.is_empty())
        .collect();
    clipped.sort_unstable_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<u32>> = Vec::new();
    for range in clipped {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// A workbook: its sheets in the order the file keeps them.
#[derive(Debug)]
pub(crate) struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// Why a file could not be read as a spreadsheet.
#[derive(Debug)]
pub(crate) struct SheetError {
    pub path: PathBuf,
    pub fault: Fault,
}

/// What was wrong with a file.
#[derive(Debug)]
pub(crate) enum Fault {
    /// The file could not be read from disk.
    Io(String),
    /// Not a spreadsheet of the kind its name says, or damaged: why, in the reader's words.
    Unreadable { format: String, cause: String },
    /// Read but refused: past a limit, not a kind ragtime reads, or text in an
    /// unknown encoding. The message names the sheet and cell where it can.
    Refused(String),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Io(e) => write!(f, "could not read: {e}"),
            Fault::Unreadable { format, cause } => write!(f, "could not be read as a {format} spreadsheet ({cause}); save it again from the spreadsheet program, or as CSV"),
            Fault::Refused(message) => f.write_str(message),
        }
    }
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.fault)
    }
}

/// A cell's address as a spreadsheet shows it: `F17` for row 16, column 5 (0-based).
pub(crate) fn address(row: u32, column: u32) -> String {
    format!("{}{}", column_name(column), row + 1)
}

/// A column's letters: `A`, `Z`, `AA`.
pub(crate) fn column_name(column: u32) -> String {
    crate::text::column_letters(column.into())
}

/// Reads a spreadsheet by its extension: `.xlsx`/`.xlsm`, `.ods`, `.xls`, `.csv`.
pub(crate) fn read(path: &Path) -> Result<Workbook, SheetError> {
    let fail = |fault: Fault| SheetError {
        path: path.to_owned(),
        fault,
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(
        extension.as_str(),
        "csv" | "txt" | "xlsx" | "xlsm" | "ods" | "xls"
    ) {
        return Err(fail(Fault::Refused(
            "not a spreadsheet ragtime reads: expected a .xlsx, .ods, .xls or .csv file".to_owned(),
        )));
    }
    let bytes = read_file(path).map_err(fail)?;
    let sheets = if matches!(extension.as_str(), "csv" | "txt") {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("Sheet1");
        let rows = csv::rows(&bytes).map_err(|m| fail(Fault::Refused(m)))?;
        vec![Sheet::new(name, rows)]
    } else {
        read_workbook(&bytes, &extension).map_err(fail)?
    };
    Ok(Workbook { sheets })
}

/// The whole file, refused past [`MAX_FILE_BYTES`] without reading more of it.
fn read_file(path: &Path) -> Result<Vec<u8>, Fault> {
    let file = std::fs::File::open(path).map_err(|e| Fault::Io(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Fault::Io(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Fault::Refused(format!(
            "the file is larger than {} MiB, more than ragtime reads of a spreadsheet",
            MAX_FILE_BYTES >> 20
        )));
    }
    Ok(bytes)
}

fn read_workbook(bytes: &[u8], extension: &str) -> Result<Vec<Sheet>, Fault> {
    let unreadable = |e: &dyn fmt::Display| Fault::Unreadable {
        format: extension.to_owned(),
        cause: e.to_string(),
    };
    let stopped = |stop: Stop| match stop {
        Stop::Unreadable(cause) => unreadable(&cause),
        Stop::Refused(message) => Fault::Refused(message),
    };
    let cursor = Cursor::new(bytes);
    // Each reader only after its guard has passed the file.
    let mut workbook = match extension {
        "xlsx" | "xlsm" => {
            guard::xlsx::check(bytes).map_err(stopped)?;
            calamine::Sheets::Xlsx(calamine::Xlsx::new(cursor).map_err(|e| unreadable(&e))?)
        }
        "ods" => {
            guard::ods::check(bytes).map_err(stopped)?;
            calamine::Sheets::Ods(calamine::Ods::new(cursor).map_err(|e| unreadable(&e))?)
        }
        _ => {
            guard::xls::check(bytes).map_err(stopped)?;
            calamine::Sheets::Xls(calamine::Xls::new(cursor).map_err(|e| unreadable(&e))?)
        }
    };
    let metadata: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible))
        .collect();
    let mut layouts = match extension {
        "xlsx" | "xlsm" => layout::xlsx(bytes).map_err(stopped)?,
        "ods" => layout::ods(bytes).map_err(stopped)?,
        _ => Vec::new(),
    };
    let mut sheets = Vec::new();
    for (name, hidden) in metadata {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(&e))?;
        let mut sheet = Sheet::new(&name, grid(&range));
        sheet.hidden = hidden;
        if let Some(index) = layouts.iter().position(|l| l.name == name) {
            let found = layouts.swap_remove(index);
            sheet.hidden_rows = found.hidden_rows;
            sheet.hidden_columns = found.hidden_columns;
            sheet.merges = found.merges;
        }
        if let calamine::Sheets::Xlsx(xlsx) = &mut workbook {
            // Without styles a date is still a date, only not shown as the file shows it.
            if let Ok(styles) = xlsx.worksheet_style(&name) {
                sheet.date_formats = date_formats(&sheet, &styles);
            }
        }
        if sheet.merges.is_empty() {
            sheet.merges = match &mut workbook {
                calamine::Sheets::Xlsx(xlsx) => {
                    xlsx.merge_cells_by_sheet_name(&name).unwrap_or_default()
                }
                calamine::Sheets::Xls(xls) => {
                    xls.merge_cells_by_sheet_name(&name).unwrap_or_default()
                }
                _ => Vec::new(),
            }
            .into_iter()
            .map(|d| Merge {
                first: d.start,
                last: d.end,
            })
            .collect();
        }
        sheet.tidy().map_err(Fault::Refused)?;
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// The number format of every date cell.
fn date_formats(sheet: &Sheet, styles: &calamine::StyleRange) -> BTreeMap<(u32, u32), String> {
    let mut formats = BTreeMap::new();
    for (row, cells) in sheet.rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            if !matches!(cell, Cell::Date(_)) {
                continue;
            }
            let (Ok(row), Ok(column)) = (u32::try_from(row), u32::try_from(column)) else {
                continue;
            };
            if let Some(format) = styles
                .get((row, column))
                .and_then(|s| s.number_format.as_ref())
            {
                formats.insert((row, column), format.format_code.clone());
            }
        }
    }
    formats
}

/// The range's cells placed from A1.
fn grid(range: &calamine::Range<Data>) -> Vec<Vec<Cell>> {
    let Some((top, left)) = range.start() else {
        return Vec::new();
    };
    let mut rows = vec![Vec::new(); top as usize];
    for cells in range.rows() {
        let mut row = vec![Cell::Empty; left as usize];
        row.extend(cells.iter().map(cell));
        while row.last().is_some_and(|c| *c == Cell::Empty) {
            row.pop();
        }
        rows.push(row);
    }
    rows
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) | Data::DurationIso(text) => Cell::Text(text.clone()),
        #[allow(clippy::cast_precision_loss)]
        Data::Int(number) => Cell::Number(*number as f64),
        Data::Float(number) => Cell::Number(*number),
        Data::Bool(value) => Cell::Bool(*value),
        Data::DateTime(value) if value.is_datetime() => {
            let (year, month, day, ..) = value.to_ymd_hms_milli();
            Date::new(year, month, day).map_or(Cell::Number(value.as_f64()), Cell::Date)
        }
        Data::DateTime(value) => Cell::Number(value.as_f64()),
        Data::DateTimeIso(text) => text
            .get(..10)
            .and_then(Date::parse)
            .map_or_else(|| Cell::Text(text.clone()), Cell::Date),
        Data::Error(error) => Cell::Error(format!("{error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_spreadsheets_show_them() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(16, 5), "F17");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(Cell::Number(3.0).text().as_deref(), Some("3"));
        assert_eq!(Cell::Number(1.5).text().as_deref(), Some("1.5"));
        assert_eq!(Cell::Number(-2.0).text().as_deref(), Some("-2"));
        assert_eq!(Cell::Text("  ".into()).text(), None);
        assert_eq!(Cell::Text(" a ".into()).text().as_deref(), Some("a"));
    }

    #[test]
    fn merged_cells_fill_down_their_first_column_only() {
        let text = |s: &str| Cell::Text(s.to_owned());
        let mut sheet = Sheet::new(
            "s",
            vec![
                vec![text("Heading"), Cell::Empty, Cell::Empty],
                vec![text("R1"), text("first")],
                vec![Cell::Empty, text("second")],
                vec![Cell::Empty, text("third")],
            ],
        );
        sheet.merges = vec![
            Merge {
                first: (0, 0),
                last: (0, 2),
            },
            Merge {
                first: (1, 0),
                last: (3, 0),
            },
        ];
        let (filled, which) = sheet.filled_down();
        assert_eq!(filled.cell(3, 0), &text("R1"));
        assert_eq!(filled.cell(2, 0), &text("R1"));
        assert_eq!(filled.cell(0, 1), &Cell::Empty);
        assert_eq!(which, vec![(2, 0), (3, 0)]);
    }

    fn fixture(name: &str) -> Workbook {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/sheets")
            .join(name);
        read(&path).unwrap()
    }

    /// The same sheet saved by a spreadsheet program as xlsx and as ods reads the same.
    #[test]
    fn saved_workbooks_keep_merges_hidden_cells_dates_and_formulas() {
        for name in ["telford-tracker.xlsx", "telford-tracker.ods"] {
            let workbook = fixture(name);
            let sheet = &workbook.sheets[0];
            assert_eq!(sheet.name, "Improvement plan", "{name}");
            assert_eq!(sheet.cell(4, 0).text().as_deref(), Some("Ref"), "{name}");
            assert!(
                sheet.column_hidden(8) && !sheet.column_hidden(7) && !sheet.column_hidden(9),
                "{name}"
            );
            assert!(
                sheet.row_hidden(41) && !sheet.row_hidden(40) && !sheet.row_hidden(42),
                "{name}"
            );
            assert!(
                sheet.merges.contains(&Merge {
                    first: (6, 0),
                    last: (8, 0)
                }),
                "{name}: {:?}",
                sheet.merges
            );
            assert!(
                sheet.merges.contains(&Merge {
                    first: (0, 0),
                    last: (0, 10)
                }),
                "{name}"
            );
            assert_eq!(
                sheet.cell(6, 7),
                &Cell::Date(Date::new(2012, 8, 1).unwrap()),
                "{name}"
            );
            if name.ends_with("xlsx") {
                assert_eq!(sheet.date_shown(6, 7), Some(("Aug-12".to_owned(), false)));
            }
            assert_eq!(
                sheet.cell(14, 3).text().as_deref(),
                Some("Ofsted 2012 unannounced report (Safeguarding)"),
                "{name}: a formula reads as its value"
            );
            let (filled, _) = sheet.filled_down();
            assert_eq!(filled.cell(8, 0).text().as_deref(), Some("R1"), "{name}");
            assert_eq!(filled.cell(0, 1), &Cell::Empty, "{name}");
        }
    }

    #[test]
    fn csv_and_unknown_files() {
        let workbook = fixture("telford-tracker.csv");
        assert_eq!(
            workbook.sheets[0].cell(4, 6).text().as_deref(),
            Some("Lead officer(s)")
        );
        let error = read(Path::new("plan.docx")).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("expected a .xlsx, .ods, .xls or .csv file"),
            "{error}"
        );
        let folder = tempfile::tempdir().unwrap();
        let text = folder.path().join("text.xlsx");
        std::fs::write(&text, "not a zip file").unwrap();
        let error = read(&text).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("could not be read as a xlsx spreadsheet"),
            "{error}"
        );
        // A workbook with a password is an OLE file, whatever its name says.
        let locked = folder.path().join("locked.xlsx");
        std::fs::write(&locked, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and the rest").unwrap();
        let error = read(&locked).unwrap_err();
        assert!(error.to_string().contains("remove the password"), "{error}");
        let error = read(&folder.path().join("missing.xlsx")).unwrap_err();
        assert!(error.to_string().contains("could not read: "), "{error}");
    }
}

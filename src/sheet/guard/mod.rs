//! How much of a spreadsheet ragtime reads, checked before any reader builds
//! a grid of cells from it: the file's size, each unpacked part of an xlsx
//! or ods file, the cells in use and the text they hold. A file past a limit
//! is refused, naming the sheet (and cell) that crossed it.
//!
//! The limits are far above any council tracker (a tracker is tens of
//! kilobytes, a few hundred rows by a few dozen columns) and keep a hostile
//! file within a few hundred megabytes: a grid costs about 32 bytes a cell
//! and its text, each held about four times over while a sheet is read.

pub(super) mod ods;
pub(super) mod xls;
pub(super) mod xlsx;

use std::io::{self, Cursor, Read};

/// A spreadsheet file, as it is on disk (pictures in it included).
pub(crate) const MAX_FILE_BYTES: u64 = 64 << 20;
/// One part of an xlsx or ods file (a sheet, the shared text), unpacked.
pub(crate) const MAX_PART_BYTES: u64 = 64 << 20;
/// All the parts of an xlsx or ods file together, unpacked.
pub(crate) const MAX_UNPACKED_BYTES: u64 = 256 << 20;
/// Parts in one xlsx or ods file (a workbook has a few dozen).
pub(crate) const MAX_PARTS: usize = 10_000;
/// Rows of a sheet, to the last row with a value.
pub(crate) const MAX_ROWS: u64 = 10_000;
/// Cells of a workbook: each sheet counted from A1 to its last row and its
/// last column with a value, all sheets together (10,000 rows by 200 columns).
pub(crate) const MAX_CELLS: u64 = 2_000_000;
/// Text of all the cells of a workbook, a text shared by many cells counted in each.
pub(crate) const MAX_TEXT_BYTES: u64 = 64 << 20;
/// The last row and column a spreadsheet can have: XFD1048576.
pub(crate) const LAST_ROW: u64 = 1_048_576;
pub(crate) const LAST_COLUMN: u64 = 16_384;

/// Why a file is not read.
#[derive(Debug)]
pub(crate) enum Stop {
    /// Not what its name says, or damaged: the cause.
    Unreadable(String),
    /// Past a limit: what crossed it, with the sheet and cell.
    Refused(String),
}

/// A size as people read it: `64 MiB`.
pub(super) fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes >> 20)
}

/// A count with thousands separated: `2,000,000`.
pub(crate) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A column's letters for any column number, even past the last one (0-based).
pub(super) fn letters(column: u64) -> String {
    crate::text::column_letters(column)
}

/// `Plan!F17` for row 16, column 5 (0-based).
pub(super) fn place(sheet: &str, row: u64, column: u64) -> String {
    format!("{sheet}!{}{}", letters(column), u128::from(row) + 1)
}

/// An xlsx or ods file: a zip of parts, each unpacked through [`Capped`].
pub(super) struct Package<'b> {
    zip: zip::ZipArchive<Cursor<&'b [u8]>>,
    /// Each part's name as written in the file, by index.
    pub names: Vec<String>,
    /// Bytes unpacked so far, all parts together.
    unpacked: u64,
}

/// A part that unpacked past its limit.
pub(super) struct Past {
    /// Whether the limit crossed is the whole file's rather than the part's own.
    whole_file: bool,
}

impl Past {
    /// The refusal, naming the part as `what`.
    pub(super) fn refusal(&self, what: &str) -> Stop {
        Stop::Refused(if self.whole_file {
            format!(
                "{what} unpacks past {} for all the file's parts together, more than ragtime reads of a workbook",
                mib(MAX_UNPACKED_BYTES)
            )
        } else {
            format!(
                "{what} unpacks to more than {}, more than ragtime reads of one part of a workbook",
                mib(MAX_PART_BYTES)
            )
        })
    }
}

impl<'b> Package<'b> {
    pub(super) fn open(bytes: &'b [u8]) -> Result<Package<'b>, Stop> {
        // A zip written by a spreadsheet program starts with its first part;
        // anything else in front (an OLE file, say) is read by no one here.
        if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            return Err(Stop::Unreadable(
                "it is an OLE file, as a workbook with a password or an Excel 97-2003 one is: remove the password, or save it as .xlsx".to_owned(),
            ));
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(Stop::Unreadable("it is not a zip file".to_owned()));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Stop::Unreadable(e.to_string()))?;
        if zip.len() > MAX_PARTS {
            return Err(Stop::Refused(format!(
                "the file holds {} parts, more than the {} ragtime reads of a workbook",
                count(zip.len() as u64),
                count(MAX_PARTS as u64)
            )));
        }
        let names = (0..zip.len())
            .map(|i| {
                zip.name_for_index(i)
                    .and_then(Result::ok)
                    .map(std::borrow::Cow::into_owned)
                    .unwrap_or_default()
            })
            .collect();
        Ok(Package {
            zip,
            names,
            unpacked: 0,
        })
    }

    /// The index of a part by name, as spreadsheet readers look it up: in any
    /// case, `\` as `/`.
    pub(super) fn find(&self, name: &str) -> Option<usize> {
        let wanted = normal(name);
        self.names.iter().position(|n| normal(n) == wanted)
    }

    /// Reads part `index` through `scan`, counting what it unpacks. `None`
    /// when the part cannot be unpacked at all (no reader can read it either).
    pub(super) fn scan<T>(
        &mut self,
        index: usize,
        scan: impl FnOnce(&mut dyn io::BufRead) -> T,
    ) -> Option<Result<T, Past>> {
        let left = MAX_UNPACKED_BYTES.saturating_sub(self.unpacked);
        let file = self.zip.by_index(index).ok()?;
        let mut capped = Capped {
            inner: file,
            read: 0,
            limit: MAX_PART_BYTES.min(left),
        };
        let outcome = scan(&mut io::BufReader::new(&mut capped));
        let (read, over) = (capped.read, capped.read > capped.limit);
        drop(capped);
        self.unpacked += read;
        Some(if over {
            Err(Past {
                whole_file: left < MAX_PART_BYTES,
            })
        } else {
            Ok(outcome)
        })
    }

    /// A part unpacked into memory, refused as `what` past its limit; `None`
    /// when there is no such part.
    pub(super) fn read(&mut self, name: &str, what: &str) -> Result<Option<Vec<u8>>, Stop> {
        let Some(index) = self.find(name) else {
            return Ok(None);
        };
        let read = self.scan(index, |part| {
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).map(|_| bytes)
        });
        match read {
            None => Ok(None),
            Some(Err(past)) => Err(past.refusal(what)),
            Some(Ok(Ok(bytes))) => Ok(Some(bytes)),
            Some(Ok(Err(e))) => Err(Stop::Unreadable(format!("{what}: {e}"))),
        }
    }

    /// Reads every part but `skip` to its end, so each is within the limits.
    pub(super) fn drain(&mut self, skip: Option<usize>) -> Result<(), Stop> {
        for index in 0..self.names.len() {
            if Some(index) == skip {
                continue;
            }
            let drained = self.scan(index, |part| io::copy(part, &mut io::sink()));
            if let Some(Err(past)) = drained {
                return Err(past.refusal(&format!("the part {}", self.names[index])));
            }
        }
        Ok(())
    }
}

/// A part's name as compared: lower case, `/` between folders.
pub(super) fn normal(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

/// A part's reader that fails as soon as more than its limit comes out,
/// whatever size the zip declares for it.
pub(super) struct Capped<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read > self.limit {
            return Err(io::Error::other("past the limit"));
        }
        // Never more than one byte past the limit: enough to know it was crossed.
        let room = usize::try_from(self.limit + 1 - self.read).unwrap_or(usize::MAX);
        let wanted = buf.len().min(room);
        let n = self.inner.read(&mut buf[..wanted])?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(io::Error::other("past the limit"));
        }
        Ok(n)
    }
}

/// An XML reader set as spreadsheet readers set theirs, so it meets the same
/// elements in the same order.
pub(super) fn xml<R: io::BufRead>(reader: R) -> quick_xml::Reader<R> {
    let mut reader = quick_xml::Reader::from_reader(reader);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    reader
}

/// An element's attributes as written (`key`, raw value), split as
/// spreadsheet readers split them; `None` when one is malformed.
pub(super) fn raw_attributes(raw: &str) -> Option<Vec<(&str, &str)>> {
    let mut found = Vec::new();
    let bytes = raw.as_bytes();
    let len = bytes.len();
    let mut pos = 0;
    loop {
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= len {
            return Some(found);
        }
        let start = pos;
        while pos < len && bytes[pos] != b'=' {
            pos += 1;
        }
        if pos >= len {
            return None;
        }
        let key = raw[start..pos].trim_ascii_end();
        pos += 1;
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = *bytes.get(pos)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        pos += 1;
        let value_start = pos;
        while pos < len && bytes[pos] != quote {
            pos += 1;
        }
        found.push((key, &raw[value_start..pos]));
        pos = (pos + 1).min(len);
    }
}

/// The value of the one attribute named `key`; an error when it is given
/// twice, since readers would not agree on which one counts.
pub(super) fn only<'a>(
    attributes: &[(&'a str, &'a str)],
    key: &str,
) -> Result<Option<&'a str>, ()> {
    let mut values = attributes
        .iter()
        .filter(|(k, _)| *k == key)
        .map(|(_, v)| *v);
    let first = values.next();
    if values.next().is_some() {
        return Err(());
    }
    Ok(first)
}

/// A whole number as readers parse it: digits only (leading zeros allowed).
pub(super) fn digits(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut n: u64 = 0;
    for digit in value.bytes() {
        n = n.saturating_mul(10).saturating_add(u64::from(digit - b'0'));
    }
    Some(n)
}

/// The cells in use of the sheets read so far, against the limits.
#[derive(Default)]
pub(super) struct Tally {
    /// Cells of the sheets already finished.
    cells: u64,
    /// Text of every cell read so far.
    text: u64,
}

/// One sheet's extent while its cells are read: rows and columns from A1 to
/// the farthest cell with a value.
pub(super) struct Extent {
    pub name: String,
    rows: u64,
    columns: u64,
}

impl Extent {
    pub(super) fn new(name: impl Into<String>) -> Extent {
        Extent {
            name: name.into(),
            rows: 0,
            columns: 0,
        }
    }
}

/// A refusal for a cell past the last one a spreadsheet can have.
pub(super) fn beyond(place: &str) -> Stop {
    Stop::Refused(format!(
        "{place}: this cell lies beyond the last cell a spreadsheet can have (XFD1048576); the file is damaged or was not written by a spreadsheet program"
    ))
}

impl Tally {
    /// Cells with values over `rows` and `columns` (0-based, end excluded),
    /// holding `text` bytes of text in all: refused past a limit, naming the
    /// first cell that crosses it.
    pub(super) fn cells(
        &mut self,
        sheet: &mut Extent,
        rows: std::ops::Range<u64>,
        columns: std::ops::Range<u64>,
        text: u64,
    ) -> Result<(), Stop> {
        let (top, left) = (rows.start, columns.start);
        if rows.end > LAST_ROW || columns.end > LAST_COLUMN {
            let row = if rows.end > LAST_ROW {
                top.max(LAST_ROW)
            } else {
                top
            };
            let column = if columns.end > LAST_COLUMN {
                left.max(LAST_COLUMN)
            } else {
                left
            };
            return Err(beyond(&place(&sheet.name, row, column)));
        }
        if rows.end > MAX_ROWS {
            return Err(Stop::Refused(format!(
                "{}: this cell has a value, and ragtime reads at most {} rows of a sheet; delete the rows below the table that are not part of it",
                place(&sheet.name, top.max(MAX_ROWS), left),
                count(MAX_ROWS)
            )));
        }
        let (height, width) = (sheet.rows.max(rows.end), sheet.columns.max(columns.end));
        let spanned = self.cells + height * width;
        if spanned > MAX_CELLS {
            return Err(Stop::Refused(format!(
                "{}: with this cell the sheets span {} cells (each from A1 to its last row and column with a value), and ragtime reads at most {} of a workbook (10,000 rows by 200 columns); delete the cells outside the table",
                place(&sheet.name, rows.end - 1, columns.end - 1),
                count(spanned),
                count(MAX_CELLS)
            )));
        }
        self.text = self.text.saturating_add(text);
        if self.text > MAX_TEXT_BYTES {
            return Err(Stop::Refused(format!(
                "{}: by this cell the cells' text comes to more than {} (a text repeated in many cells counts in each), more than ragtime reads of a workbook",
                place(&sheet.name, top, left),
                mib(MAX_TEXT_BYTES)
            )));
        }
        sheet.rows = height;
        sheet.columns = width;
        Ok(())
    }

    /// A sheet read to its end: its cells count against the rest.
    pub(super) fn finish(&mut self, sheet: &Extent) {
        self.cells += sheet.rows * sheet.columns;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_past_the_last_column_are_still_named() {
        assert_eq!(letters(16_383), "XFD");
        assert_eq!(letters(16_384), "XFE");
        assert_eq!(place("Plan", 3_999_999_999, 0), "Plan!A4000000000");
        assert_eq!(count(2_000_000), "2,000,000");
        assert_eq!(count(999), "999");
    }

    #[test]
    fn attributes_are_split_as_readers_split_them() {
        let attributes = raw_attributes(r#" r="A1" s = '3' t="s""#).unwrap();
        assert_eq!(only(&attributes, "r"), Ok(Some("A1")));
        assert_eq!(only(&attributes, "s"), Ok(Some("3")));
        assert_eq!(only(&attributes, "x"), Ok(None));
        let twice = raw_attributes(r#"r="A1" r="XFD1048576""#).unwrap();
        assert_eq!(only(&twice, "r"), Err(()));
        assert!(raw_attributes("r=A1").is_none());
        assert_eq!(digits("007"), Some(7));
        assert_eq!(digits("+7"), None);
        assert_eq!(digits(""), None);
    }

    #[test]
    fn the_tally_names_the_cell_that_crosses_a_limit() {
        let mut tally = Tally::default();
        let mut sheet = Extent::new("Plan");
        tally.cells(&mut sheet, 0..1, 0..1, 10).unwrap();
        let Err(Stop::Refused(message)) = tally.cells(&mut sheet, 10_000..10_001, 0..1, 1) else {
            panic!("row 10,001 is past the rows read");
        };
        assert!(message.starts_with("Plan!A10001: "), "{message}");
        let Err(Stop::Refused(message)) = tally.cells(&mut sheet, 0..1, 16_384..16_385, 1) else {
            panic!("XFE1 is past the last column");
        };
        assert!(message.starts_with("Plan!XFE1: "), "{message}");
        let Err(Stop::Refused(message)) = tally.cells(&mut sheet, 9_999..10_000, 200..201, 1)
        else {
            panic!("10,000 rows by 201 columns is past the cells read");
        };
        assert!(message.starts_with("Plan!GS10000: "), "{message}");
        tally.cells(&mut sheet, 9_999..10_000, 199..200, 1).unwrap();
        tally.finish(&sheet);
        let mut next = Extent::new("Notes");
        assert!(tally.cells(&mut next, 0..1, 0..1, 1).is_err());
    }
}

//! CSV as spreadsheet programs save it: UTF-8 with or without a byte-order
//! mark, or UTF-16 with its mark (Excel's "Unicode Text", tab-separated),
//! separated by commas, semicolons or tabs, with quoted line breaks. Text in
//! any other encoding is refused at the row where it is first met: Excel's
//! plain "CSV (Comma delimited)" is in the computer's own code page
//! (Windows-1252 in the UK, Shift-JIS in Japan), and no byte says which, so a
//! guess imports wrong words without a warning.

use super::guard::{count, LAST_COLUMN, MAX_CELLS, MAX_ROWS};
use super::{column_name, Cell};

/// How to save a file ragtime reads.
const SAVE_AS: &str = "save it from the spreadsheet program as \"CSV UTF-8 (Comma delimited)\"";

/// The file's rows as text cells, to the last row with a value.
pub(super) fn rows(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, String> {
    let text = decode(bytes)?;
    let delimiter = delimiter(&text);
    let shape = Shape::of(&text, delimiter);
    if let Some(problem) = shape.problem {
        return Err(problem);
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate().take(shape.rows) {
        let record =
            record.map_err(|e| format!("row {}: could not be read as CSV ({e})", index + 1))?;
        let mut row: Vec<Cell> = record
            .iter()
            .map(|field| {
                if field.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(field.to_owned())
                }
            })
            .collect();
        while row.last() == Some(&Cell::Empty) {
            row.pop();
        }
        rows.push(row);
    }
    Ok(rows)
}

/// UTF-8 (a byte-order mark dropped), or UTF-16 by its byte-order mark.
fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(units) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(units, u16::from_le_bytes);
    }
    if let Some(units) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(units, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let before = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(format!(
                "{}: this is not UTF-8 text (the byte 0x{:02X}), the only encoding ragtime reads without a byte-order mark; {SAVE_AS}",
                Shape::of(before, delimiter(before)).at(),
                bytes[e.valid_up_to()]
            ))
        }
    }
}

/// UTF-16 in the given byte order.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => text.push(c),
            Err(e) => {
                return Err(format!(
                    "{}: this is not UTF-16 text (0x{:04X} is half a character), though the file starts as UTF-16 does; {SAVE_AS}",
                    Shape::of(&text, delimiter(&text)).at(),
                    e.unpaired_surrogate()
                ));
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(format!(
            "{}: the file ends in the middle of a character, though it starts as UTF-16 text does; {SAVE_AS}",
            Shape::of(&text, delimiter(&text)).at()
        ));
    }
    Ok(text)
}

/// Where a CSV reader is in a record, read as the csv crate reads it.
#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Before a record: line ends here are empty lines, which are skipped.
    Record,
    Field,
    Unquoted,
    Quoted,
    /// A quote met inside quotes: it closes them, or doubled stands for itself.
    Quote,
}

/// The rows and columns a CSV text holds, read ahead of the CSV reader so
/// that a text too big, or one quote never closed, is refused before any
/// row is built.
struct Shape {
    /// Records to the last one with a value.
    rows: usize,
    /// The first reason not to read the text.
    problem: Option<String>,
    /// Where the text ends: record and field (0-based) of its last character.
    record: usize,
    field: usize,
}

impl Shape {
    fn of(text: &str, delimiter: u8) -> Shape {
        let delimiter = char::from(delimiter);
        let mut shape = Shape {
            rows: 0,
            problem: None,
            record: 0,
            field: 0,
        };
        let mut state = State::Record;
        // The last field with a value in this record; the widest of any record.
        let mut last: Option<usize> = None;
        let mut widest = 0usize;
        // Where the open quote was: row and field.
        let mut opened = (0, 0);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let ends_line = c == '\r' || c == '\n';
            let mut end_record = false;
            state = match state {
                State::Record if ends_line => State::Record,
                State::Record | State::Field => {
                    if c == '"' {
                        opened = (shape.record, shape.field);
                        State::Quoted
                    } else if c == delimiter {
                        shape.field += 1;
                        State::Field
                    } else if ends_line {
                        end_record = true;
                        State::Record
                    } else {
                        if !c.is_whitespace() {
                            last = Some(shape.field);
                        }
                        State::Unquoted
                    }
                }
                State::Unquoted | State::Quote if c == delimiter => {
                    shape.field += 1;
                    State::Field
                }
                State::Unquoted | State::Quote if ends_line => {
                    end_record = true;
                    State::Record
                }
                State::Quote if c == '"' => {
                    last = Some(shape.field);
                    State::Quoted
                }
                State::Unquoted | State::Quote => {
                    if !c.is_whitespace() {
                        last = Some(shape.field);
                    }
                    State::Unquoted
                }
                State::Quoted if c == '"' => State::Quote,
                State::Quoted => {
                    if !c.is_whitespace() {
                        last = Some(shape.field);
                    }
                    State::Quoted
                }
            };
            if shape.field as u64 >= LAST_COLUMN && shape.problem.is_none() {
                shape.problem = Some(format!(
                    "row {}: more than {} cells, more than a spreadsheet has columns",
                    shape.record + 1,
                    count(LAST_COLUMN)
                ));
            }
            if let Some(field) = last {
                widest = widest.max(field + 1);
                shape.rows = shape.record + 1;
                let spanned = shape.rows as u64 * widest as u64;
                if shape.problem.is_none() && shape.rows as u64 > MAX_ROWS {
                    shape.problem = Some(format!(
                        "row {}: this row has a value, and ragtime reads at most {} rows of a sheet; delete the rows below the table that are not part of it",
                        shape.rows,
                        count(MAX_ROWS)
                    ));
                } else if shape.problem.is_none() && spanned > MAX_CELLS {
                    shape.problem = Some(format!(
                        "row {}, column {}: the rows and columns with values span {} cells, and ragtime reads at most {} of a sheet; delete the cells outside the table",
                        shape.rows,
                        column_name(u32::try_from(field).unwrap_or(u32::MAX - 1)),
                        count(spanned),
                        count(MAX_CELLS)
                    ));
                }
            }
            if end_record {
                // A line end after a carriage return is the same line end.
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                shape.record += 1;
                shape.field = 0;
                last = None;
            }
            if shape.problem.is_some() {
                return shape;
            }
        }
        if state == State::Quoted {
            shape.problem = Some(format!(
                "row {}, column {}: a quote opens this cell and is never closed, so the rest of the file would be read into it; close the quote (a quote mark inside a quoted cell is written twice, \"\")",
                opened.0 + 1,
                column_name(u32::try_from(opened.1).unwrap_or(u32::MAX - 1))
            ));
        }
        shape
    }

    /// Where the text ends, as a person finds it: `row 5, column C`.
    fn at(&self) -> String {
        format!(
            "row {}, column {}",
            self.record + 1,
            column_name(u32::try_from(self.field).unwrap_or(u32::MAX - 1))
        )
    }
}

/// The separator the first line uses most, outside quotes.
fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if tab > comma && tab >= semicolon {
        b'\t'
    } else if semicolon > comma {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(bytes: &[u8]) -> Vec<Vec<String>> {
        rows(bytes)
            .unwrap()
            .iter()
            .map(|r| r.iter().map(|c| c.text().unwrap_or_default()).collect())
            .collect()
    }

    #[test]
    fn reads_what_spreadsheet_programs_save() {
        assert_eq!(
            texts(b"\xEF\xBB\xBFAction,Owner\n\"Two\nlines\",Ann\n"),
            vec![vec!["Action", "Owner"], vec!["Two\nlines", "Ann"]]
        );
        assert_eq!(
            texts(b"a;b;c\n1;2;3\n"),
            vec![vec!["a", "b", "c"], vec!["1", "2", "3"]]
        );
        assert_eq!(texts(b"a\tb\n1\t2\n"), vec![vec!["a", "b"], vec!["1", "2"]]);
        // UTF-16 by its byte-order mark, either way round.
        let le: Vec<u8> = "\u{FEFF}a\tb\n£5\t–\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "\u{FEFF}a\tb\n£5\t–\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        for bytes in [le, be] {
            assert_eq!(texts(&bytes), vec![vec!["a", "b"], vec!["£5", "–"]]);
        }
        // Trailing empty cells are not cells.
        assert_eq!(texts(b"a,,\n"), vec![vec!["a"]]);
        // A comma inside quotes is not a separator.
        assert_eq!(texts(b"\"a,b\";c;d\n"), vec![vec!["a,b", "c", "d"]]);
    }

    #[test]
    fn other_encodings_are_refused_at_their_first_byte() {
        let error = rows(b"a,b\nc,d\ne,In progress \x96 on schedule\n").unwrap_err();
        assert!(
            error.starts_with("row 3, column B: this is not UTF-8 text (the byte 0x96)"),
            "{error}"
        );
        assert!(error.contains("CSV UTF-8"), "{error}");
        // A quoted line break does not start a row; an empty line is no row.
        let error = rows(b"\"x\ny\",b\n\n\xA3\n").unwrap_err();
        assert!(error.starts_with("row 2, column A: "), "{error}");
        let mut half: Vec<u8> = vec![0xFF, 0xFE];
        half.extend("a\tb\n".encode_utf16().flat_map(u16::to_le_bytes));
        half.extend(0xD800u16.to_le_bytes());
        let error = rows(&half).unwrap_err();
        assert!(
            error.starts_with("row 2, column A: this is not UTF-16 text"),
            "{error}"
        );
    }

    #[test]
    fn a_quote_never_closed_is_refused_where_it_opens() {
        let error = rows(b"a,b\nc,\"d\n\"e\"\"\",f\ng,\"never closed\nh,i\n").unwrap_err();
        assert!(
            error.starts_with("row 3, column B: a quote opens this cell and is never closed"),
            "{error}"
        );
        // A doubled quote inside quotes, and a quote inside an unquoted cell, close nothing.
        assert_eq!(
            texts(b"\"say \"\"hi\"\"\",5 \" wide\n"),
            vec![vec!["say \"hi\"", "5 \" wide"]]
        );
    }

    #[test]
    fn rows_past_the_limits_are_refused() {
        let mut text = "a\n".repeat(10_000);
        assert_eq!(rows(text.as_bytes()).unwrap().len(), 10_000);
        // Rows without a value after the last one are not rows in use.
        text.push_str(&",,\n".repeat(50_000));
        assert_eq!(rows(text.as_bytes()).unwrap().len(), 10_000);
        text.push_str("b\n");
        let error = rows(text.as_bytes()).unwrap_err();
        assert!(
            error.starts_with("row 60001: this row has a value"),
            "{error}"
        );
        let wide = format!("{}x\n", ",".repeat(16_384));
        assert!(rows(wide.as_bytes())
            .unwrap_err()
            .contains("more than 16,384 cells"));
        let many = format!("{}x\n", "a\n".repeat(9_999))
            .replace("a\n", &format!("{}a\n", ",".repeat(300)));
        assert!(rows(many.as_bytes()).unwrap_err().contains("span"));
    }

    #[test]
    fn the_separator_is_the_one_used_most_outside_quotes() {
        assert_eq!(delimiter("\"x;y;z;w\",a,b"), b',');
        assert_eq!(delimiter("\"x,y,z,w\";a;b"), b';');
        assert_eq!(delimiter("\"a\tb\tc\td\",x,y"), b',');
        // A line break inside quotes does not end the first line.
        assert_eq!(delimiter("\"a\nb\",x;y;z\n1,2,3,4,5"), b';');
        assert_eq!(delimiter("a,b\nc;d;e;f"), b',');
        // Ties go to the comma; tabs win only when most.
        assert_eq!(delimiter("a\tb,c"), b',');
        assert_eq!(delimiter("a;b,c"), b',');
        assert_eq!(delimiter("a,b,c;d"), b',');
        assert_eq!(delimiter("a\tb;c;d"), b';');
        assert_eq!(delimiter("a\tb\tc;d;e"), b'\t');
        assert_eq!(delimiter("a\tb\tc;d"), b'\t');
        assert_eq!(delimiter("plain"), b',');
    }
}

//! CSV as spreadsheet programs save it: UTF-8 with or without a byte-order
//! mark, or Windows-1252 (Excel's "CSV (Comma delimited)"), separated by
//! commas, semicolons or tabs, with quoted line breaks.

use super::Cell;

/// The file's rows as text cells.
pub(super) fn rows(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, String> {
    let text = decode(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
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

/// UTF-8 (a byte-order mark dropped), else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// Windows-1252: Latin-1 but for the printable characters at 0x80–0x9F.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
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
        // Windows-1252: an en dash and a pound sign.
        assert_eq!(
            texts(b"In progress \x96 on schedule,\xA35\n"),
            vec![vec!["In progress – on schedule", "£5"]]
        );
        // Trailing empty cells are not cells.
        assert_eq!(texts(b"a,,\n"), vec![vec!["a"]]);
        // A comma inside quotes is not a separator.
        assert_eq!(texts(b"\"a,b\";c;d\n"), vec![vec!["a,b", "c", "d"]]);
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

//! The guard for an xlsx file: every part unpacked within its limits, the
//! shared text measured, and each sheet's cells placed as the cell reader
//! places them (a `<c>` without `r` follows the one before it), so that no
//! sheet past a limit reaches the reader.

use super::{
    beyond, digits, normal, only, raw_attributes, xml, Extent, Package, Stop, Tally, LAST_COLUMN,
    LAST_ROW, MAX_CELLS,
};
use quick_xml::events::Event;
use quick_xml::name::QName;
use quick_xml::Reader;
use std::io::BufRead;

/// Checks an xlsx file before it is read.
pub(crate) fn check(bytes: &[u8]) -> Result<(), Stop> {
    let mut package = Package::open(bytes)?;
    let (folder, workbook) = document(&mut package)?;
    let sheets = sheet_parts(&mut package, &folder, &workbook)?;
    let shared_index = package.find(&format!("{folder}sharedStrings.xml"));
    let shared = match shared_index {
        Some(index) => shared_sizes(&mut package, index)?,
        None => Vec::new(),
    };
    let mut tally = Tally::default();
    // Every other part is read as a sheet may be: the reader finds sheets by
    // relationships this guard need not follow to the letter.
    for index in (0..package.names.len()).filter(|i| Some(*i) != shared_index) {
        let part_name = package.names[index].clone();
        let sheet = sheets
            .iter()
            .find(|(path, _)| *path == normal(&part_name))
            .map(|(_, name)| name.clone());
        let mut extent = Extent::new(sheet.clone().unwrap_or_else(|| part_name.clone()));
        let scanned = package.scan(index, |stream| {
            cells(&mut xml(stream), &mut extent, &shared, &mut tally)
        });
        let what = match &sheet {
            Some(name) => format!("sheet \"{name}\" ({part_name})"),
            None => format!("the part {part_name}"),
        };
        match scanned {
            None => {}
            Some(Err(past)) => return Err(past.refusal(&what)),
            Some(Ok(outcome)) => outcome?,
        }
        tally.finish(&extent);
    }
    Ok(())
}

/// The workbook part's folder and name, as the package's relationships give
/// them (`xl/`, `workbook.xml`).
fn document(package: &mut Package<'_>) -> Result<(String, String), Stop> {
    let mut found = ("xl/".to_owned(), "workbook.xml".to_owned());
    let Some(relations) = package.read("_rels/.rels", "the part _rels/.rels")? else {
        return Ok(found);
    };
    each_element(&relations, |name, attributes| {
        if name != "Relationship" {
            return;
        }
        let typ = attribute(attributes, "Type").unwrap_or_default();
        if !typ.ends_with("/relationships/officeDocument") {
            return;
        }
        if let Some(target) = attribute(attributes, "Target") {
            let (dir, file) = target.split_at(target.rfind('/').map_or(0, |i| i + 1));
            dir.strip_prefix('/')
                .unwrap_or(dir)
                .clone_into(&mut found.0);
            if !file.is_empty() {
                file.clone_into(&mut found.1);
            }
        }
    });
    Ok(found)
}

/// Each sheet's part (as compared, see [`normal`]) and name.
fn sheet_parts(
    package: &mut Package<'_>,
    folder: &str,
    workbook: &str,
) -> Result<Vec<(String, String)>, Stop> {
    let rels = format!("{folder}_rels/{workbook}.rels");
    let relations = package
        .read(&rels, &format!("the part {rels}"))?
        .unwrap_or_default();
    let mut targets = Vec::new();
    each_element(&relations, |name, attributes| {
        if name == "Relationship" {
            if let (Some(id), Some(target)) =
                (attribute(attributes, "Id"), attribute(attributes, "Target"))
            {
                targets.push((id, target));
            }
        }
    });
    let path = format!("{folder}{workbook}");
    let book = package
        .read(&path, &format!("the part {path}"))?
        .unwrap_or_default();
    let mut sheets = Vec::new();
    each_element(&book, |name, attributes| {
        if name != "sheet" {
            return;
        }
        let id = attributes
            .iter()
            .find(|(k, _)| *k == "id" || k.ends_with(":id"))
            .map(|(_, v)| decode(v));
        let (Some(name), Some(id)) = (attribute(attributes, "name"), id) else {
            return;
        };
        if let Some((_, target)) = targets.iter().find(|(i, _)| *i == id) {
            let part = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("{folder}{target}"),
            };
            sheets.push((normal(&part), name));
        }
    });
    Ok(sheets)
}

/// An attribute's value, entities decoded.
fn attribute(attributes: &[(&str, &str)], key: &str) -> Option<String> {
    attributes
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| decode(v))
}

fn decode(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_owned(), std::borrow::Cow::into_owned)
}

/// Every element of a small part held in memory, by local name with its
/// attributes; reading stops quietly where the XML is broken (the reader
/// refuses such a file itself).
fn each_element(part: &[u8], mut visit: impl FnMut(&str, &[(&str, &str)])) {
    let mut reader = xml(part);
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(element)) => {
                if let Some(attributes) = raw_attributes(element.attributes_raw()) {
                    visit(element.local_name().as_ref(), &attributes);
                }
            }
            Ok(Event::Eof) | Err(_) => return,
            _ => {}
        }
        buffer.clear();
    }
}

/// The shared text: an upper bound of each text's size in bytes, in order.
fn shared_sizes(package: &mut Package<'_>, index: usize) -> Result<Vec<u64>, Stop> {
    let what = format!("the workbook's shared text ({})", package.names[index]);
    let scanned = package.scan(index, |stream| {
        let mut reader = xml(stream);
        shared_texts(&mut reader).map_err(|e| e.stop(&what))
    });
    match scanned {
        None => Ok(Vec::new()),
        Some(Err(past)) => Err(past.refusal(&what)),
        Some(Ok(sizes)) => sizes,
    }
}

/// Why a part's reading stopped.
enum Fault {
    Stop(Stop),
    /// The XML is broken: the reader would refuse it too.
    Damaged(String),
}

impl Fault {
    fn stop(self, what: &str) -> Stop {
        match self {
            Fault::Stop(stop) => stop,
            Fault::Damaged(detail) => {
                Stop::Unreadable(format!("{what}: the XML is damaged ({detail})"))
            }
        }
    }
}

impl From<quick_xml::Error> for Fault {
    fn from(e: quick_xml::Error) -> Fault {
        Fault::Damaged(e.to_string())
    }
}

fn damaged(detail: &str) -> Fault {
    Fault::Damaged(detail.to_owned())
}

/// Each `<si>` of the shared strings, measured by the bytes it spans (its text
/// unescaped is never longer), read as the cell reader reads them.
fn shared_texts(reader: &mut Reader<&mut dyn BufRead>) -> Result<Vec<u64>, Fault> {
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer)? {
            Event::Start(e) if e.local_name().as_ref() == "sst" => {
                let attributes = raw_attributes(e.attributes_raw()).unwrap_or_default();
                // The reader sets room aside for the count the file declares.
                let declared = attributes
                    .iter()
                    .find(|(k, _)| *k == "uniqueCount")
                    .and_then(|(_, v)| digits(v));
                if declared.is_some_and(|n| n > MAX_CELLS) {
                    return Err(Fault::Stop(Stop::Refused(format!(
                        "the workbook's shared text says it holds {} texts, more than the {} cells ragtime reads of a workbook",
                        declared.unwrap_or_default(),
                        super::count(MAX_CELLS)
                    ))));
                }
                break;
            }
            Event::Eof => return Ok(Vec::new()),
            _ => {}
        }
    }
    let mut sizes = Vec::new();
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer)? {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                let name = e.name().as_ref().to_owned();
                let start = reader.buffer_position();
                rich_text(reader, &name)?;
                sizes.push(reader.buffer_position() - start);
                if sizes.len() as u64 > MAX_CELLS {
                    return Err(Fault::Stop(Stop::Refused(format!(
                        "the workbook's shared text holds more than {} texts, more than the cells ragtime reads of a workbook",
                        super::count(MAX_CELLS)
                    ))));
                }
            }
            Event::End(e) if e.local_name().as_ref() == "sst" => return Ok(sizes),
            Event::Eof => return Err(damaged("the shared text ends early")),
            _ => {}
        }
    }
}

/// Reads to the end of a text (`<si>` or `<is>`) as the cell reader does:
/// to the first end tag of its name, a `<t>` read to its own end tag.
fn rich_text(reader: &mut Reader<&mut dyn BufRead>, closing: &str) -> Result<(), Fault> {
    let mut buffer = Vec::new();
    let mut phonetic = false;
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer)? {
            Event::Start(e) if e.local_name().as_ref() == "rPh" => phonetic = true,
            Event::End(e) if e.name().as_ref() == closing => return Ok(()),
            Event::End(e) if e.local_name().as_ref() == "rPh" => phonetic = false,
            Event::Start(e) if e.local_name().as_ref() == "t" && !phonetic => {
                let name = e.name().as_ref().to_owned();
                let mut inner = Vec::new();
                loop {
                    inner.clear();
                    match reader.read_event_into(&mut inner)? {
                        Event::End(end) if end.name().as_ref() == name => break,
                        Event::Eof => return Err(damaged("a text ends early")),
                        _ => {}
                    }
                }
            }
            Event::Eof => return Err(damaged("a text ends early")),
            _ => {}
        }
    }
}

/// A reference such as `B7`: its row and column (0-based); `None` when it is
/// not one.
fn cell_reference(reference: &str) -> Option<(u64, u64)> {
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = reference.split_at(split);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let column = letters.bytes().fold(0u64, |n, b| {
        n.saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1)
    });
    let row = digits(number)?;
    (row >= 1).then(|| (row - 1, column - 1))
}

/// The cells of a part, if it is a sheet: each with a value counted in the
/// tally at the place the cell reader gives it.
fn cells(
    reader: &mut Reader<&mut dyn BufRead>,
    sheet: &mut Extent,
    shared: &[u64],
    tally: &mut Tally,
) -> Result<(), Stop> {
    let mut buffer = Vec::new();
    // Up to `<sheetData>`: a part without one is not a sheet, nor is one that is not XML.
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sheetData" => break,
            Ok(Event::Eof) | Err(_) => return Ok(()),
            _ => {}
        }
    }
    let what = format!("sheet \"{}\"", sheet.name);
    sheet_data(reader, sheet, shared, tally).map_err(|fault| fault.stop(&what))
}

fn sheet_data(
    reader: &mut Reader<&mut dyn BufRead>,
    sheet: &mut Extent,
    shared: &[u64],
    tally: &mut Tally,
) -> Result<(), Fault> {
    let malformed = |name: &str, reference: &str| {
        Fault::Stop(Stop::Refused(format!(
            "sheet \"{name}\": \"{reference}\" is not a cell reference (such as B7): the file is damaged or was not written by a spreadsheet program"
        )))
    };
    let mut buffer = Vec::new();
    let (mut row_index, mut column_index) = (0u64, 0u64);
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer)? {
            Event::Start(e) if e.local_name().as_ref() == "row" => {
                let attributes = raw_attributes(e.attributes_raw())
                    .ok_or_else(|| damaged("a row's attributes"))?;
                let given =
                    only(&attributes, "r").map_err(|()| damaged("a row has two numbers"))?;
                if let Some(given) = given {
                    let row = digits(given)
                        .filter(|r| *r >= 1)
                        .ok_or_else(|| malformed(&sheet.name, given))?;
                    if row > LAST_ROW {
                        return Err(Fault::Stop(beyond(&super::place(&sheet.name, row - 1, 0))));
                    }
                    row_index = row - 1;
                }
            }
            Event::End(e) if e.local_name().as_ref() == "row" => {
                row_index += 1;
                column_index = 0;
            }
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let attributes = raw_attributes(e.attributes_raw())
                    .ok_or_else(|| damaged("a cell's attributes"))?;
                let twice = || damaged("a cell has an attribute twice");
                let given = only(&attributes, "r").map_err(|()| twice())?;
                let typ = only(&attributes, "t")
                    .map_err(|()| twice())?
                    .map(str::to_owned);
                only(&attributes, "s").map_err(|()| twice())?;
                let (row, column) = match given {
                    Some(reference) => {
                        let (row, column) = cell_reference(reference)
                            .ok_or_else(|| malformed(&sheet.name, reference))?;
                        if row >= LAST_ROW || column >= LAST_COLUMN {
                            return Err(Fault::Stop(beyond(&format!(
                                "{}!{reference}",
                                sheet.name
                            ))));
                        }
                        (row, column)
                    }
                    None => (row_index, column_index),
                };
                column_index = column + 1;
                if let Some(text) = value(reader, typ.as_deref(), shared)? {
                    tally
                        .cells(sheet, row..row + 1, column..column + 1, text)
                        .map_err(Fault::Stop)?;
                }
            }
            Event::End(e) if e.local_name().as_ref() == "sheetData" => return Ok(()),
            Event::Eof => return Err(damaged("the sheet ends before its cells do")),
            _ => {}
        }
    }
}

/// Reads a cell's children as the cell reader does (the last one gives the
/// value): the bytes of text its value holds, or `None` when it has none.
fn value(
    reader: &mut Reader<&mut dyn BufRead>,
    typ: Option<&str>,
    shared: &[u64],
) -> Result<Option<u64>, Fault> {
    let mut buffer = Vec::new();
    let mut skipped = Vec::new();
    let mut value = None;
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer)? {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                let local = e.local_name().as_ref().to_owned();
                let start = reader.buffer_position();
                value = match (local.as_str(), typ) {
                    ("is", _) => {
                        rich_text(reader, &name)?;
                        Some(reader.buffer_position() - start)
                    }
                    ("v", Some("inlineStr" | "is")) | ("f", _) => {
                        skipped.clear();
                        reader.read_to_end_into(QName(&name), &mut skipped)?;
                        None
                    }
                    ("v", None | Some("n" | "s" | "b" | "e")) => {
                        skipped.clear();
                        match reader.read_event_into(&mut skipped)? {
                            Event::End(end) if end.name().as_ref() == name => None,
                            Event::Eof => return Err(damaged("a cell ends early")),
                            Event::Text(text) => {
                                let text: &str = text.as_ref();
                                let found = if typ == Some("s") {
                                    // An index past the shared text is refused by the reader.
                                    (!text.is_empty()).then(|| {
                                        let index = digits(text).unwrap_or(0);
                                        usize::try_from(index)
                                            .ok()
                                            .and_then(|i| shared.get(i).copied())
                                            .unwrap_or(0)
                                    })
                                } else {
                                    Some(text.len() as u64)
                                };
                                let mut rest = Vec::new();
                                reader.read_to_end_into(QName(&name), &mut rest)?;
                                found
                            }
                            _ => {
                                let mut rest = Vec::new();
                                reader.read_to_end_into(QName(&name), &mut rest)?;
                                None
                            }
                        }
                    }
                    ("v", _) => {
                        loop {
                            skipped.clear();
                            match reader.read_event_into(&mut skipped)? {
                                Event::End(end) if end.name().as_ref() == name => break,
                                Event::Eof => return Err(damaged("a cell ends early")),
                                _ => {}
                            }
                        }
                        Some(reader.buffer_position() - start)
                    }
                    _ => return Err(damaged("a cell holds an element that is not a value")),
                };
            }
            Event::End(e) if e.local_name().as_ref() == "c" => return Ok(value),
            Event::Eof => return Err(damaged("a cell ends early")),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_as_spreadsheets_write_them() {
        assert_eq!(cell_reference("A1"), Some((0, 0)));
        assert_eq!(cell_reference("xfd1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_reference("XFE1"), Some((0, 16_384)));
        assert_eq!(cell_reference("A4000000000"), Some((3_999_999_999, 0)));
        for bad in ["", "A", "1", "A0", "A1B", "$A$1", "A-1", "Ä1", "A 1"] {
            assert_eq!(cell_reference(bad), None, "{bad}");
        }
    }
}

//! The guard for an ods file: every part unpacked within its limits, and the
//! tables of `content.xml` read as the cell reader reads them, repeated rows
//! and cells counted as the cells they stand for. Empty rows and cells
//! repeated to the sheet's edge (as LibreOffice saves every sheet) stand for
//! nothing; a repeat with a value, or followed by one, is in use.

use super::{
    beyond, digits, place, raw_attributes, xml, Extent, Package, Stop, Tally, LAST_COLUMN,
};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;
use std::io::BufRead;

/// Checks an ods file before it is read.
pub(crate) fn check(bytes: &[u8]) -> Result<(), Stop> {
    let mut package = Package::open(bytes)?;
    // The reader looks the content up by its exact name.
    let content = package.names.iter().position(|n| n == "content.xml");
    package.drain(content)?;
    let Some(index) = content else {
        return Ok(());
    };
    let mut tally = Tally::default();
    let mut table: Option<String> = None;
    let scanned = package.scan(index, |stream| {
        tables(&mut xml(stream), &mut tally, &mut table)
    });
    let what = match &table {
        Some(name) => format!("content.xml, by sheet \"{name}\","),
        None => "content.xml".to_owned(),
    };
    match scanned {
        Some(Err(past)) => Err(past.refusal(&what)),
        None | Some(Ok(Ok(()))) => Ok(()),
        Some(Ok(Err(Fault::Stop(stop)))) => Err(stop),
        Some(Ok(Err(Fault::Damaged(detail)))) => Err(Stop::Unreadable(match &table {
            Some(name) => format!("sheet \"{name}\": the XML is damaged ({detail})"),
            None => format!("content.xml: the XML is damaged ({detail})"),
        })),
    }
}

/// Why reading stopped.
enum Fault {
    Stop(Stop),
    /// The XML is broken: the reader would refuse it too, or never finish it.
    Damaged(String),
}

impl From<quick_xml::Error> for Fault {
    fn from(e: quick_xml::Error) -> Fault {
        Fault::Damaged(e.to_string())
    }
}

impl From<Stop> for Fault {
    fn from(stop: Stop) -> Fault {
        Fault::Stop(stop)
    }
}

fn damaged(detail: &str) -> Fault {
    Fault::Damaged(detail.to_owned())
}

/// An attribute by its name as written (`table:name`), first of its name.
fn attribute<'a>(element: &'a BytesStart<'_>, key: &str) -> Result<Option<&'a str>, Fault> {
    let attributes = raw_attributes(element.attributes_raw())
        .ok_or_else(|| damaged("an element's attributes"))?;
    Ok(attributes
        .into_iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v))
}

fn decoded(raw: &str) -> Result<String, Fault> {
    quick_xml::escape::unescape(raw)
        .map(std::borrow::Cow::into_owned)
        .map_err(|e| Fault::Damaged(e.to_string()))
}

/// A repeat count as the reader parses it; absent is 1. Counted here as at
/// least 1, so that a repeat of none cannot hide a row or cell.
fn repeats(element: &BytesStart<'_>, key: &str, entities: bool) -> Result<u64, Fault> {
    let Some(raw) = attribute(element, key)? else {
        return Ok(1);
    };
    let text = if entities {
        decoded(raw)?
    } else {
        raw.to_owned()
    };
    let n = digits(&text).ok_or_else(|| damaged("a repeat count is not a number"))?;
    Ok(n.max(1))
}

/// The document: each named table read as the reader reads it.
fn tables(
    reader: &mut Reader<&mut dyn BufRead>,
    tally: &mut Tally,
    current: &mut Option<String>,
) -> Result<(), Fault> {
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer)? {
            Event::Start(e) if e.name() == QName("table:table") => {
                if let Some(name) = attribute(&e, "table:name")? {
                    let name = decoded(name)?;
                    *current = Some(name.clone());
                    let mut sheet = Extent::new(name);
                    rows(reader, &mut sheet, tally)?;
                    tally.finish(&sheet);
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// One table's rows, to its end.
fn rows(
    reader: &mut Reader<&mut dyn BufRead>,
    sheet: &mut Extent,
    tally: &mut Tally,
) -> Result<(), Fault> {
    let mut buffer = Vec::new();
    let mut row = 0u64;
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer)? {
            Event::Start(e) if e.name() == QName("table:table-row") => {
                let repeated = repeats(&e, "table:number-rows-repeated", true)?;
                let cells = cells(reader, sheet, row)?;
                if let Some((first, last, text)) = cells {
                    // A row with values repeated stands for that many rows of them.
                    tally.cells(
                        sheet,
                        row..row.saturating_add(repeated),
                        first..last + 1,
                        text.saturating_mul(repeated),
                    )?;
                }
                row = row.saturating_add(repeated);
            }
            Event::End(e) if e.name() == QName("table:table") => return Ok(()),
            // The reader would wait for the table's end for ever.
            Event::Eof => return Err(damaged("a sheet ends before its rows do")),
            _ => {}
        }
    }
}

/// One row's cells: the first and last column with a value and the text
/// they hold, or `None` when no cell has a value.
fn cells(
    reader: &mut Reader<&mut dyn BufRead>,
    sheet: &Extent,
    row: u64,
) -> Result<Option<(u64, u64, u64)>, Fault> {
    let mut buffer = Vec::new();
    let mut column = 0u64;
    let mut found: Option<(u64, u64, u64)> = None;
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer)? {
            Event::Start(e)
                if e.name() == QName("table:table-cell")
                    || e.name() == QName("table:covered-table-cell") =>
            {
                let repeated = repeats(&e, "table:number-columns-repeated", false)?;
                let name = e.name().as_ref().to_owned();
                let (valued, text, closed) = cell(reader, &e)?;
                if !closed {
                    let mut skipped = Vec::new();
                    reader.read_to_end_into(QName(&name), &mut skipped)?;
                }
                if valued {
                    let last = column.saturating_add(repeated - 1);
                    if last >= LAST_COLUMN {
                        return Err(Fault::Stop(beyond(&place(
                            &sheet.name,
                            row,
                            column.max(LAST_COLUMN),
                        ))));
                    }
                    let text = text.saturating_mul(repeated);
                    found = Some(match found {
                        Some((first, _, before)) => (first, last, before.saturating_add(text)),
                        None => (column, last, text),
                    });
                }
                column = column.saturating_add(repeated);
            }
            Event::End(e) if e.name() == QName("table:table-row") => return Ok(found),
            _ => return Err(damaged("a row holds something other than cells")),
        }
    }
}

/// A cell as the reader takes it: whether it has a value or formula, an
/// upper bound of the bytes of text it gives, and whether its content was
/// read to its end tag.
fn cell(
    reader: &mut Reader<&mut dyn BufRead>,
    element: &BytesStart<'_>,
) -> Result<(bool, u64, bool), Fault> {
    let attributes =
        raw_attributes(element.attributes_raw()).ok_or_else(|| damaged("a cell's attributes"))?;
    let (mut is_string, mut is_error, mut value_set) = (false, false, false);
    let mut empty_string = false;
    let mut text = 0u64;
    let mut formula = 0u64;
    for (key, value) in attributes {
        match key {
            "office:value" | "office:boolean-value" if !value_set => value_set = true,
            "office:string-value" | "office:date-value" | "office:time-value" if !value_set => {
                value_set = true;
                text = value.len() as u64;
                empty_string = key == "office:string-value" && value.is_empty();
            }
            "office:value-type" if !value_set => is_string = value == "string",
            "calcext:value-type" => is_error = value == "error",
            "table:formula" => formula = value.len() as u64,
            _ => {}
        }
    }
    if (!value_set && is_string) || (is_error && empty_string) {
        let start = reader.buffer_position();
        let spaces = content(reader)?;
        let text = (reader.buffer_position() - start).saturating_add(spaces);
        return Ok((true, text.saturating_add(formula), true));
    }
    Ok((value_set || formula > 0, text + formula, false))
}

/// A text cell's content to the cell's end tag, as the reader reads it: the
/// spaces its `<text:s text:c="n"/>` elements stand for.
fn content(reader: &mut Reader<&mut dyn BufRead>) -> Result<u64, Fault> {
    let mut buffer = Vec::new();
    let mut spaces = 0u64;
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer)? {
            Event::End(e)
                if e.name() == QName("table:table-cell")
                    || e.name() == QName("table:covered-table-cell") =>
            {
                return Ok(spaces);
            }
            Event::Start(e) if e.name() == QName("office:annotation") => loop {
                let mut inner = Vec::new();
                match reader.read_event_into(&mut inner)? {
                    Event::End(end) if end.name() == QName("office:annotation") => break,
                    // The reader would look for the note's end for ever.
                    Event::Eof => return Err(damaged("a note ends early")),
                    _ => {}
                }
            },
            Event::Start(e) if e.name() == QName("text:s") => {
                let count = match attribute(&e, "text:c")? {
                    Some(raw) => digits(&decoded(raw)?)
                        .ok_or_else(|| damaged("a count of spaces is not a number"))?,
                    None => 1,
                };
                spaces = spaces.saturating_add(count);
            }
            Event::Eof => return Err(damaged("a cell ends early")),
            _ => {}
        }
    }
}

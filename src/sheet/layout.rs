//! What the cell reader does not say: which rows and columns are hidden (xlsx
//! and ods), and which cells are merged in an ods file. Read from the
//! file's own XML, element by element, each part within the guard's limits.

use super::guard::{Package, Stop};
use super::Merge;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;
use std::io::BufReader;
use std::ops::Range;

/// One sheet's layout.
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub name: String,
    pub hidden_rows: Vec<Range<u32>>,
    pub hidden_columns: Vec<Range<u32>>,
    pub merges: Vec<Merge>,
}

/// Why a part's layout could not be read.
#[derive(Debug)]
enum Failure {
    Stop(Stop),
    Xml(quick_xml::Error),
}

impl From<quick_xml::Error> for Failure {
    fn from(e: quick_xml::Error) -> Failure {
        Failure::Xml(e)
    }
}

impl From<Stop> for Failure {
    fn from(stop: Stop) -> Failure {
        Failure::Stop(stop)
    }
}

impl From<Failure> for Stop {
    fn from(failure: Failure) -> Stop {
        match failure {
            Failure::Stop(stop) => stop,
            Failure::Xml(e) => Stop::Unreadable(e.to_string()),
        }
    }
}

/// An attribute by its local name (`table:name` is `name`), entities decoded.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    let found = element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)?;
    found
        .normalized_value(XmlVersion::Implicit1_0)
        .ok()
        .map(std::borrow::Cow::into_owned)
}

fn number(element: &BytesStart<'_>, name: &str) -> Option<u32> {
    attribute(element, name)?.parse().ok()
}

fn is_true(value: Option<&str>) -> bool {
    matches!(value, Some("1" | "true"))
}

fn part(zip: &mut Package<'_>, name: &str) -> Result<Option<Vec<u8>>, Failure> {
    Ok(zip.read(name, &format!("the part {name}"))?)
}

/// An XML tag the reader meets: an element opening (or an empty element), or closing.
enum Tag<'a> {
    Open(&'a str, &'a BytesStart<'a>, bool),
    Close(&'a str),
}

/// Every element of a part, in order, by its local name.
fn each_element(xml: &[u8], mut visit: impl FnMut(Tag<'_>)) -> Result<(), Failure> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(xml));
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer)? {
            Event::Start(element) => {
                visit(Tag::Open(element.local_name().as_ref(), &element, false));
            }
            Event::Empty(element) => {
                visit(Tag::Open(element.local_name().as_ref(), &element, true));
            }
            Event::End(element) => visit(Tag::Close(element.local_name().as_ref())),
            Event::Eof => return Ok(()),
            _ => {}
        }
        buffer.clear();
    }
}

/// Hidden rows and columns of each sheet of an xlsx file.
pub(super) fn xlsx(bytes: &[u8]) -> Result<Vec<Layout>, Stop> {
    Ok(xlsx_parts(&mut Package::open(bytes)?)?)
}

fn xlsx_parts(zip: &mut Package<'_>) -> Result<Vec<Layout>, Failure> {
    let workbook = part(zip, "xl/workbook.xml")?
        .ok_or_else(|| Stop::Unreadable("no xl/workbook.xml".to_owned()))?;
    let mut sheets = Vec::new();
    each_element(&workbook, |tag| {
        if let Tag::Open("sheet", element, _) = tag {
            // `r:id`, the sheet's relationship.
            if let (Some(sheet), Some(id)) = (attribute(element, "name"), attribute(element, "id"))
            {
                sheets.push((sheet, id));
            }
        }
    })?;
    let relations = part(zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let mut targets = Vec::new();
    each_element(&relations, |tag| {
        if let Tag::Open("Relationship", element, _) = tag {
            if let (Some(id), Some(target)) =
                (attribute(element, "Id"), attribute(element, "Target"))
            {
                targets.push((id, target));
            }
        }
    })?;
    let mut layouts = Vec::new();
    for (name, id) in sheets {
        let Some((_, target)) = targets.iter().find(|(i, _)| *i == id) else {
            continue;
        };
        let target = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("xl/{target}"),
        };
        let Some(xml) = part(zip, &target)? else {
            continue;
        };
        let mut layout = Layout {
            name,
            ..Layout::default()
        };
        each_element(&xml, |tag| match tag {
            Tag::Open("col", element, _) if is_true(attribute(element, "hidden").as_deref()) => {
                if let (Some(min), Some(max)) = (number(element, "min"), number(element, "max")) {
                    layout.hidden_columns.push(min.saturating_sub(1)..max);
                }
            }
            Tag::Open("row", element, _) if is_true(attribute(element, "hidden").as_deref()) => {
                if let Some(row) = number(element, "r") {
                    layout.hidden_rows.push(row.saturating_sub(1)..row);
                }
            }
            _ => {}
        })?;
        layouts.push(layout);
    }
    Ok(layouts)
}

/// Hidden rows and columns, and merged cells, of each table of an ods file.
pub(super) fn ods(bytes: &[u8]) -> Result<Vec<Layout>, Stop> {
    let mut zip = Package::open(bytes)?;
    let content = part(&mut zip, "content.xml")?
        .ok_or_else(|| Stop::Unreadable("no content.xml".to_owned()))?;
    Ok(ods_content(&content)?)
}

fn ods_content(content: &[u8]) -> Result<Vec<Layout>, Failure> {
    let mut layouts: Vec<Layout> = Vec::new();
    let mut row = 0u32;
    let mut column = 0u32;
    let mut next_column = 0u32;
    // A row's repeat count, applied when the row closes.
    let mut repeat = 1u32;
    each_element(content, |met| {
        let (tag, element, empty) = match met {
            Tag::Open(tag, element, empty) => (tag, element, empty),
            Tag::Close(tag) => {
                if tag == "table-row" {
                    row = row.saturating_add(repeat);
                    repeat = 1;
                }
                return;
            }
        };
        let repeated = |name| number(element, name).unwrap_or(1).max(1);
        match tag {
            "table" => {
                layouts.push(Layout {
                    name: attribute(element, "name").unwrap_or_default(),
                    ..Layout::default()
                });
                row = 0;
                next_column = 0;
            }
            "table-column" => {
                let count = repeated("number-columns-repeated");
                let hidden = matches!(
                    attribute(element, "visibility").as_deref(),
                    Some("collapse" | "filter")
                );
                if let (true, Some(layout)) = (hidden, layouts.last_mut()) {
                    layout
                        .hidden_columns
                        .push(next_column..next_column.saturating_add(count));
                }
                next_column = next_column.saturating_add(count);
            }
            "table-row" => {
                repeat = repeated("number-rows-repeated");
                let hidden = matches!(
                    attribute(element, "visibility").as_deref(),
                    Some("collapse" | "filter")
                );
                if let (true, Some(layout)) = (hidden, layouts.last_mut()) {
                    layout.hidden_rows.push(row..row.saturating_add(repeat));
                }
                column = 0;
                if empty {
                    row = row.saturating_add(repeat);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let count = repeated("number-columns-repeated");
                let across = number(element, "number-columns-spanned").unwrap_or(1);
                let down = number(element, "number-rows-spanned").unwrap_or(1);
                if tag == "table-cell" && (across > 1 || down > 1) {
                    if let Some(layout) = layouts.last_mut() {
                        layout.merges.push(Merge {
                            first: (row, column),
                            last: (
                                row.saturating_add(down.max(1) - 1),
                                column.saturating_add(across.max(1) - 1),
                            ),
                        });
                    }
                }
                column = column.saturating_add(count);
            }
            _ => {}
        }
    })?;
    Ok(layouts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ods_merges_and_hidden_rows_are_placed() {
        let xml = br#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
<table:table table:name="Plan &amp; notes">
<table:table-column table:number-columns-repeated="2"/>
<table:table-column table:visibility="collapse"/>
<table:table-column/>
<table:table-row><table:table-cell table:number-columns-spanned="4"><text:p>Title</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row><table:table-cell/><table:table-cell table:number-rows-spanned="3"><text:p>R1</text:p></table:table-cell></table:table-row>
<table:table-row table:visibility="collapse"><table:table-cell/><table:covered-table-cell/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        let layouts = ods_content(xml).unwrap();
        assert_eq!(layouts.len(), 1);
        let layout = &layouts[0];
        assert_eq!(layout.name, "Plan & notes");
        assert_eq!(layout.hidden_columns, vec![2..3]);
        assert_eq!(layout.hidden_rows, vec![4..5]);
        assert_eq!(
            layout.merges,
            vec![
                Merge {
                    first: (0, 0),
                    last: (0, 3)
                },
                Merge {
                    first: (3, 1),
                    last: (5, 1)
                },
            ]
        );
    }
}

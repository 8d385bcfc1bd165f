//! The guard for an xls file (Excel 97-2003): an OLE compound file, whose
//! chains of sectors must each end, holding a workbook stream of records
//! whose cells must lie within the limits. The xls reader reads every sheet
//! as it opens the file, so all of it is checked before: the sectors and
//! records are walked as the reader walks them, and anything it would
//! follow for ever, or size from a count the file declares, is refused.

use super::{count, place, Extent, Stop, Tally, MAX_CELLS};

const SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Sector ids from here on are markers, not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// Checks an xls file before it is read.
pub(crate) fn check(bytes: &[u8]) -> Result<(), Stop> {
    let stream = workbook_stream(bytes)?;
    cells(&stream)
}

fn damaged(detail: &str) -> Stop {
    Stop::Unreadable(format!("the file is damaged ({detail})"))
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The file's sectors, as the reader finds them.
struct Sectors<'b> {
    /// The file after its header.
    data: &'b [u8],
    size: usize,
    /// The highest id the reader accepts: the file's length in sectors.
    last: u32,
}

impl Sectors<'_> {
    /// A sector; the one at the end of the file may be short.
    fn get(&self, id: u32) -> Result<&[u8], Stop> {
        if id > self.last {
            return Err(damaged("a sector past the end of the file"));
        }
        let start = id as usize * self.size;
        if start >= self.data.len() {
            return Err(damaged("a sector past the end of the file"));
        }
        Ok(&self.data[start..self.data.len().min(start + self.size)])
    }

    /// A whole sector, read as numbers.
    fn ids(&self, id: u32) -> Result<Vec<u32>, Stop> {
        let sector = self.get(id)?;
        if sector.len() != self.size {
            return Err(damaged("a table of sectors is cut short"));
        }
        Ok(sector
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    /// The bytes of a chain of sectors, at most `len` of them. A chain that
    /// comes back on itself, or leaves the table, is refused: the reader
    /// would follow it for ever or stop the program.
    fn chain(&self, mut id: u32, table: &[u32], len: usize) -> Result<Vec<u8>, Stop> {
        let mut out = Vec::new();
        let mut steps = 0u64;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > u64::from(self.last) + 1 {
                return Err(damaged("a chain of sectors comes back on itself"));
            }
            let sector = self.get(id)?;
            let room = len - out.len();
            out.extend_from_slice(&sector[..sector.len().min(room)]);
            if out.len() >= len {
                break;
            }
            id = *table
                .get(id as usize)
                .ok_or_else(|| damaged("a chain of sectors leaves the table"))?;
        }
        Ok(out)
    }
}

/// The workbook stream, found and read as the reader finds and reads it.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, Stop> {
    if bytes.len() < 512 || !bytes.starts_with(SIGNATURE) {
        return Err(Stop::Unreadable(
            "it is not an Excel 97-2003 workbook (an OLE file)".to_owned(),
        ));
    }
    let header = |at| u32_at(bytes, at).unwrap_or_default();
    let version = u16_at(bytes, 26).unwrap_or_default();
    let size = match u16_at(bytes, 30) {
        Some(9) => 512,
        Some(12) if bytes.len() >= 4096 => 4096,
        _ => return Err(damaged("its sector size")),
    };
    if u16_at(bytes, 32) != Some(6) {
        return Err(damaged("its mini sector size"));
    }
    let sectors = Sectors {
        data: &bytes[size..],
        size,
        last: u32::try_from(bytes.len() / size).unwrap_or(u32::MAX),
    };
    // The table of sectors: the sectors the header lists, then those its own chain lists.
    let mut listed: Vec<u32> = bytes[76..512]
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let mut next = header(68);
    let mut hops = 0u64;
    while next < RESERVED {
        hops += 1;
        if hops > u64::from(sectors.last) + 1 {
            return Err(damaged("its list of sector tables comes back on itself"));
        }
        listed.extend(sectors.ids(next)?);
        next = listed
            .pop()
            .ok_or_else(|| damaged("its list of sector tables"))?;
    }
    let tables: Vec<u32> = listed.into_iter().filter(|id| *id < DIFSECT).collect();
    // Each lists sectors of the file; more of them than the file has sectors is a bomb.
    if tables.len() as u64 > u64::from(sectors.last) + 1 {
        return Err(damaged("it lists more sector tables than it has sectors"));
    }
    let mut table = Vec::new();
    for id in tables {
        table.extend(sectors.ids(id)?);
    }
    let directory = sectors.chain(header(48), &table, usize::MAX)?;
    let entries: Vec<(String, u32, usize)> = directory
        .chunks_exact(128)
        .map(|entry| {
            let units: Vec<u16> = entry[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let name: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .take_while(|c| *c != '\0')
                .collect();
            let start = u32_at(entry, 116).unwrap_or_default();
            let len = if size == 512 {
                u32_at(entry, 120).unwrap_or_default() as usize
            } else {
                usize::try_from(u64::from_le_bytes(
                    entry[120..128].try_into().unwrap_or_default(),
                ))
                .unwrap_or(usize::MAX)
            };
            (name, start, len)
        })
        .collect();
    let Some(root) = entries.first() else {
        return Err(damaged("it has no directory"));
    };
    if version != 3 && root.1 == END_OF_CHAIN {
        return Err(damaged("it has no directory"));
    }
    let mini_len = header(64) as usize;
    let (mini_table, mini_stream) = if mini_len > 0 {
        let stream = sectors.chain(root.1, &table, root.2)?;
        let mini = sectors.chain(header(60), &table, mini_len.saturating_mul(size))?;
        let mini: Vec<u32> = mini
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        (mini, stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let found = ["Workbook", "Book"].iter().find_map(|wanted| {
        entries
            .iter()
            .find(|(name, ..)| name.eq_ignore_ascii_case(wanted))
    });
    let Some((_, start, len)) = found else {
        return Err(Stop::Unreadable(
            "it holds no workbook: it is not an Excel 97-2003 workbook".to_owned(),
        ));
    };
    if *len < 4096 {
        let minis = Sectors {
            data: &mini_stream,
            size: 64,
            last: u32::try_from(mini_stream.len() / 64).unwrap_or(u32::MAX),
        };
        minis.chain(*start, &mini_table, *len)
    } else {
        sectors.chain(*start, &table, *len)
    }
}

/// One record of the workbook stream, its continuations joined on.
struct Record<'s> {
    typ: u16,
    data: &'s [u8],
    more: Vec<&'s [u8]>,
}

/// The records from the start of `stream`, as the reader splits them.
fn records(mut stream: &[u8]) -> impl Iterator<Item = Result<Record<'_>, Stop>> {
    std::iter::from_fn(move || {
        if stream.is_empty() {
            return None;
        }
        let split = |s: &[u8]| -> Option<(u16, usize)> {
            Some((u16_at(s, 0)?, usize::from(u16_at(s, 2)?)))
        };
        let Some((typ, len)) = split(stream).filter(|(_, len)| stream.len() >= len + 4) else {
            stream = &[];
            return Some(Err(damaged("a record is cut short")));
        };
        let data = &stream[4..4 + len];
        stream = &stream[4 + len..];
        let mut more = Vec::new();
        while stream.len() > 4 && u16_at(stream, 0) == Some(0x003C) {
            let len = usize::from(u16_at(stream, 2).unwrap_or_default());
            if stream.len() < len + 4 {
                stream = &[];
                return Some(Err(damaged("a record is cut short")));
            }
            more.push(&stream[4..4 + len]);
            stream = &stream[4 + len..];
        }
        Some(Ok(Record { typ, data, more }))
    })
}

/// A sheet's name as its record gives it.
fn sheet_name(data: &[u8], biff8: bool) -> String {
    let Some(&length) = data.get(6) else {
        return String::new();
    };
    let length = usize::from(length);
    let wide = biff8 && data.get(7).is_some_and(|flags| flags & 1 == 1);
    let chars = &data[(if biff8 { 8 } else { 7 }).min(data.len())..];
    let name: String = if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(length)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect()
    } else {
        chars.iter().take(length).map(|&b| char::from(b)).collect()
    };
    name.replace('\0', "")
}

/// The most bytes of text a string of `chars` characters gives, in any code page.
fn text_bytes(chars: usize) -> u64 {
    chars as u64 * 4
}

/// The shared strings: an upper bound of each one's bytes, read across the
/// record's continuations as the reader reads them.
fn shared_strings(record: &Record<'_>) -> Result<Vec<u32>, Stop> {
    let short = || damaged("the shared strings are cut short");
    let mut data = record.data.get(8..).ok_or_else(short)?;
    let mut more = record.more.iter();
    let mut sizes = Vec::new();
    loop {
        if data.is_empty() {
            match more.next() {
                Some(next) => data = next,
                None => return Ok(sizes),
            }
            if data.is_empty() {
                sizes.push(0);
                continue;
            }
        }
        if data.len() < 3 {
            return Err(short());
        }
        let chars = usize::from(u16_at(data, 0).unwrap_or_default());
        let flags = data[2];
        data = &data[3..];
        let mut skip = 0usize;
        if flags & 0x8 != 0 {
            skip += usize::from(u16_at(data, 0).ok_or_else(short)?) * 4;
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let extra = u32_at(data, 0).ok_or_else(short)?;
            // Read as a signed number, a negative size skips past the stream.
            skip = skip.saturating_add(
                usize::try_from(i32::from_le_bytes(extra.to_le_bytes())).map_err(|_| short())?,
            );
            data = &data[4..];
        }
        let mut left = chars;
        let mut wide = flags & 0x1 != 0;
        while left > 0 {
            let taken = if wide {
                (data.len() / 2).min(left)
            } else {
                data.len().min(left)
            };
            data = &data[if wide { taken * 2 } else { taken }..];
            left -= taken;
            if left > 0 {
                let next = more.next().ok_or_else(short)?;
                let (&flag, rest) = next.split_first().ok_or_else(short)?;
                wide = flag & 0x1 != 0;
                data = rest;
            }
        }
        while skip > 0 {
            if data.is_empty() {
                data = more.next().ok_or_else(short)?;
                continue;
            }
            let n = skip.min(data.len());
            data = &data[n..];
            skip -= n;
        }
        sizes.push(u32::try_from(text_bytes(chars)).unwrap_or(u32::MAX));
        if sizes.len() as u64 > MAX_CELLS {
            return Err(Stop::Refused(format!(
                "the workbook's shared text holds more than {} texts, more than the cells ragtime reads of a workbook",
                count(MAX_CELLS)
            )));
        }
    }
}

/// Every sheet's cells, as the reader places them.
fn cells(stream: &[u8]) -> Result<(), Stop> {
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let mut shared: Vec<u32> = Vec::new();
    let mut biff8 = true;
    // The longest name a formula can quote: a sheet's or a defined name's.
    let mut longest_name = 5u64;
    for record in records(stream) {
        let record = record?;
        match record.typ {
            0x0809 => {
                let version = u16_at(record.data, 0).ok_or_else(|| damaged("a BOF record"))?;
                let kind = u16_at(record.data, 2).unwrap_or_default();
                biff8 = match version {
                    0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
                    0 => kind != 0x1000,
                    _ => true,
                };
            }
            0x0085 => {
                let at = u32_at(record.data, 0).ok_or_else(|| damaged("a sheet record"))? as usize;
                if record.data.len() < if biff8 { 8 } else { 7 } || at > stream.len() {
                    return Err(damaged("a sheet record"));
                }
                let name = sheet_name(record.data, biff8);
                longest_name = longest_name.max(name.len() as u64);
                sheets.push((at, name));
            }
            0x0018 => {
                let chars = record.data.get(3).copied().unwrap_or_default();
                longest_name = longest_name.max(text_bytes(usize::from(chars)));
            }
            0x00FC => shared = shared_strings(&record)?,
            0x000A => break,
            _ => {}
        }
    }
    let mut tally = Tally::default();
    for (at, name) in sheets {
        let mut sheet = Extent::new(name);
        sheet_cells(&stream[at..], &mut sheet, &shared, longest_name, &mut tally)?;
        tally.finish(&sheet);
    }
    Ok(())
}

/// One sheet's cell records, from its start to its end.
fn sheet_cells(
    stream: &[u8],
    sheet: &mut Extent,
    shared: &[u32],
    longest_name: u64,
    tally: &mut Tally,
) -> Result<(), Stop> {
    let short = |what: &str| damaged(&format!("a {what} record is cut short"));
    let mut seen_start = false;
    let mut depth = 0usize;
    let mut formula_at = (0u64, 0u64);
    for record in records(stream) {
        let record = record?;
        let data = record.data;
        if depth > 0 {
            match record.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at = || -> Option<(u64, u64)> {
            Some((u64::from(u16_at(data, 0)?), u64::from(u16_at(data, 2)?)))
        };
        // (row, first column, last column, bytes of text) of the cells a record gives.
        let found: Option<(u64, u64, u64, u64)> = match record.typ {
            0x0809 => {
                if seen_start {
                    depth += 1;
                } else {
                    seen_start = true;
                }
                None
            }
            0x000A => break,
            0x0200 => {
                dimensions(data, sheet)?;
                None
            }
            0x0203 | 0x0205 | 0x027E => {
                let (row, column) = at().ok_or_else(|| short("cell"))?;
                Some((row, column, column, 0))
            }
            0x0204 | 0x00D6 | 0x0207 => {
                let (row, column) = if record.typ == 0x0207 {
                    formula_at
                } else {
                    at().ok_or_else(|| short("text"))?
                };
                Some((row, column, column, text_bytes(data.len())))
            }
            0x00FD => {
                let (row, column) = at().ok_or_else(|| short("text"))?;
                let index = u32_at(data, 6).ok_or_else(|| short("text"))? as usize;
                shared
                    .get(index)
                    .map(|&bytes| (row, column, column, u64::from(bytes)))
            }
            0x00BD => {
                let (row, first) = at().ok_or_else(|| short("number"))?;
                let last = u64::from(
                    u16_at(data, data.len().saturating_sub(2)).ok_or_else(|| short("number"))?,
                );
                if last < first || data.len() as u64 != 6 + 6 * (last - first + 1) {
                    return Err(short("number"));
                }
                Some((row, first, last, 0))
            }
            0x0006 => {
                let (row, column) = at().ok_or_else(|| short("formula"))?;
                if data.len() < 20 {
                    return Err(short("formula"));
                }
                formula_at = (row, column);
                // The formula is kept as text: each of its bytes can name a sheet, or stand for many spaces.
                let bytes = (data.len() as u64 - 20).saturating_mul(64 + longest_name);
                Some((row, column, column, bytes))
            }
            _ => None,
        };
        if let Some((row, first, last, text)) = found {
            tally.cells(sheet, row..row + 1, first..last + 1, text)?;
        }
    }
    Ok(())
}

/// The room the sheet's dimensions record asks the reader to set aside.
fn dimensions(data: &[u8], sheet: &Extent) -> Result<(), Stop> {
    let bad = || damaged("a dimensions record");
    let (first_row, end_row, mut first_column, end_column) = match data.len() {
        10 => (
            u64::from(u16_at(data, 0).ok_or_else(bad)?),
            u64::from(u16_at(data, 2).ok_or_else(bad)?),
            u64::from(u16_at(data, 4).ok_or_else(bad)?),
            u64::from(u16_at(data, 6).ok_or_else(bad)?),
        ),
        14 | 16 => (
            u64::from(u32_at(data, 0).ok_or_else(bad)?),
            u64::from(u32_at(data, 4).ok_or_else(bad)?),
            u64::from(u16_at(data, 8).ok_or_else(bad)?),
            u64::from(u16_at(data, 10).ok_or_else(bad)?),
        ),
        _ => return Ok(()),
    };
    if first_column > 0xFF || end_column < first_column {
        first_column = 0;
    }
    if end_row == 0 || end_column == 0 {
        return Ok(());
    }
    let (last_row, last_column) = (end_row - 1, end_column - 1);
    if last_row < first_row || last_column < first_column {
        return Err(bad());
    }
    let declared = (last_row - first_row + 1).saturating_mul(last_column - first_column + 1);
    if declared > MAX_CELLS {
        return Err(Stop::Refused(format!(
            "{}: the sheet says its cells reach this one, {} cells, more than the {} ragtime reads of a workbook; save the file as .xlsx, or delete the cells outside the table",
            place(&sheet.name, last_row, last_column),
            count(declared),
            count(MAX_CELLS)
        )));
    }
    Ok(())
}

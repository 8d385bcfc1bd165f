//! Spreadsheets made to take the machine, and CSV in encodings ragtime does
//! not guess. Each hostile file is generated here (a few megabytes at most,
//! however much it unpacks to) and run through `import`, `import --dry-run`,
//! `returns --read` and `returns CYCLE` under a 2 GB memory cap: it must be
//! refused with exit 1, naming the file and sheet, within 20 seconds.

use crate::util::{run, Output, Site};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The memory a run may use, in KiB (`ulimit -v`): 2 GB.
const MEMORY_KIB: u32 = 2 * 1024 * 1024;
const CYCLE: &str = "2026-01";
/// Where `returns CYCLE` writes Karen Perry's return, checking first it is not filled in.
const RETURN: &str = "returns/2026-01/karen-perry.xlsx";

/// The example site with a cycle to write returns for.
fn site() -> Site {
    let site = Site::example();
    site.append(
        "content/site.yaml",
        "  - id: 2026-01\n    date: 2026-01-31\n    meeting: Test Scrutiny Committee\n",
    );
    site
}

/// Runs ragtime inside the site as an officer would, under the memory cap,
/// and fails the test if it takes 20 seconds or more.
fn capped(site: &Site, args: &[&str]) -> Output {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_ragtime"))
        .args(args)
        .current_dir(site.root());
    let started = Instant::now();
    let output = run(command);
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(20),
        "ragtime {args:?} took {took:?}\n{output}"
    );
    output
}

/// Writes `bytes` as `name` in a site and runs every command that reads it:
/// each must fail, saying `says` (the sheet and cell, or the part).
#[track_caller]
fn refused_everywhere(name: &str, bytes: &[u8], says: &[&str]) {
    let site = site();
    site.write(name, bytes);
    let runs: [&[&str]; 3] = [
        &["import", name],
        &["import", name, "--dry-run"],
        &["returns", "--read", name],
    ];
    for args in runs {
        let output = capped(&site, args);
        output.fails().stderr_has(name);
        for said in says {
            output.stderr_has(said);
        }
    }
    assert!(!site.path("content/plans/hostile.yaml").exists());
    // `returns CYCLE` reads a workbook already where it would write one.
    if name.ends_with(".xlsx") {
        site.write(RETURN, bytes);
        let output = capped(&site, &["returns", CYCLE]);
        output.fails().stderr_has(RETURN);
        for said in says {
            output.stderr_has(said);
        }
        assert_eq!(std::fs::read(site.path(RETURN)).unwrap(), bytes);
    }
}

// ---------------------------------------------------------------------------
// Making zip files by hand, so a part can unpack to gigabytes.

/// CRC-32 as zip files keep it.
fn crc32(bytes: impl IntoIterator<Item = u8>) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|mut crc| {
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
            crc
        })
        .collect();
    let mut crc = !0u32;
    for byte in bytes {
        crc = table[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Bits packed as deflate packs them: first bit lowest.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if value >> i & 1 == 1 {
                *self.bytes.last_mut().unwrap() |= 1 << (self.used % 8);
            }
            self.used += 1;
        }
    }

    /// A Huffman code: its first bit is its highest.
    fn code(&mut self, code: u32, length: u32) {
        for i in (0..length).rev() {
            self.put(code >> i & 1, 1);
        }
    }

    /// A literal byte (or 256, the end of the block) in deflate's fixed code.
    fn literal(&mut self, symbol: u32) {
        match symbol {
            0..=143 => self.code(0x30 + symbol, 8),
            144..=255 => self.code(0x190 + symbol - 144, 9),
            _ => self.code(symbol - 256, 7),
        }
    }

    /// "Copy 258 bytes from `distance` back", in deflate's fixed code.
    fn copy_258(&mut self, distance: u32) {
        self.code(0xC0 + 285 - 280, 8);
        let (mut symbol, mut base, mut extra) = (0, 1, 0);
        // Distance codes: four of one, then two of each size of extra bits.
        while base + (1 << extra) <= distance {
            base += 1 << extra;
            symbol += 1;
            if symbol >= 4 && symbol % 2 == 0 {
                extra += 1;
            }
        }
        self.code(symbol, 5);
        self.put(distance - base, extra);
    }
}

/// Raw deflate of `prefix`, then `pattern` `times` over, then `suffix`:
/// megabytes that unpack to gigabytes.
fn deflate_bomb(prefix: &[u8], pattern: &[u8], times: u64, suffix: &[u8]) -> Part {
    let mut bits = Bits::default();
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed codes
    for &byte in prefix.iter().chain(pattern) {
        bits.literal(u32::from(byte));
    }
    let period = pattern.len() as u64;
    let mut left = period * (times - 1);
    while left >= 258 {
        bits.copy_258(u32::try_from(period).unwrap());
        left -= 258;
    }
    let done = period * times - left;
    for i in 0..left {
        bits.literal(u32::from(
            pattern[usize::try_from((done + i) % period).unwrap()],
        ));
    }
    for &byte in suffix {
        bits.literal(u32::from(byte));
    }
    bits.literal(256);
    let size = prefix.len() as u64 + period * times + suffix.len() as u64;
    // The checksum of what it unpacks to, where that is small enough to work
    // out here; past it, no reader that keeps to its limits gets to the end
    // to check it.
    let crc = (size <= 64 << 20).then(|| {
        crc32(
            prefix
                .iter()
                .copied()
                .chain((0..period * times).map(|i| pattern[usize::try_from(i % period).unwrap()]))
                .chain(suffix.iter().copied()),
        )
    });
    Part::Deflated {
        stream: bits.bytes,
        size,
        crc: crc.unwrap_or(0),
    }
}

/// A part of a zip file: stored as it is, or deflated with its size unpacked.
enum Part {
    Stored(Vec<u8>),
    Deflated {
        stream: Vec<u8>,
        size: u64,
        crc: u32,
    },
}

/// A zip file of these parts, in order.
fn zip(parts: &[(&str, Part)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, part) in parts {
        let (method, crc, data, size): (u16, u32, &[u8], u64) = match part {
            Part::Stored(bytes) => (0, crc32(bytes.iter().copied()), bytes, bytes.len() as u64),
            Part::Deflated { stream, size, crc } => (8, *crc, stream, *size),
        };
        let offset = u32::try_from(out.len()).unwrap();
        let fields = |sig: u32, central: bool| {
            let mut header = Vec::new();
            header.extend(sig.to_le_bytes());
            if central {
                header.extend(20u16.to_le_bytes());
            }
            header.extend(20u16.to_le_bytes());
            header.extend(0u16.to_le_bytes());
            header.extend(method.to_le_bytes());
            header.extend(0u16.to_le_bytes());
            header.extend(0x21u16.to_le_bytes());
            header.extend(crc.to_le_bytes());
            header.extend(u32::try_from(data.len()).unwrap().to_le_bytes());
            header.extend(u32::try_from(size).unwrap().to_le_bytes());
            header.extend(u16::try_from(name.len()).unwrap().to_le_bytes());
            header.extend(0u16.to_le_bytes());
            if central {
                // No comment, disk 0, no attributes.
                header.extend([0u8; 6]);
                header.extend(0u32.to_le_bytes());
                header.extend(offset.to_le_bytes());
            }
            header.extend(name.as_bytes());
            header
        };
        out.extend(fields(0x0403_4b50, false));
        out.extend_from_slice(data);
        directory.extend(fields(0x0201_4b50, true));
    }
    let start = u32::try_from(out.len()).unwrap();
    let count = u16::try_from(parts.len()).unwrap();
    out.extend(&directory);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(u32::try_from(directory.len()).unwrap().to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn stored(text: &str) -> Part {
    Part::Stored(text.as_bytes().to_vec())
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An xlsx file with one sheet, "Plan", and shared text if given.
fn xlsx(sheet: Part, shared: Option<Part>) -> Vec<u8> {
    let mut parts = vec![
        (
            "_rels/.rels",
            stored(&format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            )),
        ),
        (
            "xl/workbook.xml",
            stored(&format!(
                r#"<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            )),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            stored(&format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
            )),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(shared) = shared {
        parts.push(("xl/sharedStrings.xml", shared));
    }
    zip(&parts)
}

/// A sheet's XML around `cells` (rows of `<c>`s).
fn sheet_xml(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// A row of text cells from A, as a tracker's headings or an action.
fn text_row(row: u32, texts: &[&str]) -> String {
    let cells = texts
        .iter()
        .zip(b'A'..)
        .map(|(text, column)| {
            format!(
                r#"<c r="{}{row}" t="inlineStr"><is><t>{text}</t></is></c>"#,
                char::from(column)
            )
        })
        .collect::<Vec<_>>()
        .concat();
    format!(r#"<row r="{row}">{cells}</row>"#)
}

/// The top of a tracker: headings, and two actions.
fn tracker_rows() -> String {
    [
        text_row(1, &["Action", "Lead officer"]),
        text_row(2, &["Publish the plan", "Ann Smith"]),
        text_row(3, &["Review the plan", "Bob Jones"]),
    ]
    .concat()
}

/// The tracker made as the hostile files are, to show the making is sound.
#[test]
fn a_tracker_made_by_hand_imports() {
    let site = site();
    site.write(
        "tracker.xlsx",
        xlsx(stored(&sheet_xml(&tracker_rows())), None),
    );
    capped(&site, &["import", "tracker.xlsx"]).passes();
    assert!(site
        .read("content/plans/tracker.yaml")
        .contains("Publish the plan"));
    // The same sheet behind 100,000 spaces, deflated as the bombs are: read back whole.
    let xml = sheet_xml(&tracker_rows());
    let (head, tail) = xml.split_at(xml.find("<row").unwrap());
    let spaced = format!("{head}{}{tail}", " ".repeat(100_000));
    let bomb = xlsx(
        deflate_bomb(head.as_bytes(), b" ", 100_000, tail.as_bytes()),
        None,
    );
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bomb)).unwrap();
    let mut part = archive.by_name("xl/worksheets/sheet1.xml").unwrap();
    let mut read = String::new();
    std::io::Read::read_to_string(&mut part, &mut read).unwrap();
    assert_eq!(read, spaced);
    drop(part);
    site.write("spaced.xlsx", &bomb);
    capped(&site, &["import", "spaced.xlsx"]).passes();
}

#[test]
fn a_cell_at_row_four_billion_is_refused() {
    let rows = format!(
        "{}{}",
        tracker_rows(),
        r#"<row r="4000000000"><c r="A4000000000" t="inlineStr"><is><t>x</t></is></c></row>"#
    );
    refused_everywhere(
        "hostile.xlsx",
        &xlsx(stored(&sheet_xml(&rows)), None),
        &["Plan!A4000000000: this cell lies beyond the last cell a spreadsheet can have (XFD1048576)"],
    );
}

#[test]
fn one_cell_at_the_last_cell_is_refused_and_one_past_it_too() {
    let rows = format!(
        "{}{}",
        tracker_rows(),
        r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#
    );
    refused_everywhere(
        "hostile.xlsx",
        &xlsx(stored(&sheet_xml(&rows)), None),
        &["Plan!XFD1048576: this cell has a value, and ragtime reads at most 10,000 rows of a sheet"],
    );
    let past = tracker_rows().replacen("<row r=\"1\">", "<row r=\"1\"><c r=\"XFE1\"/>", 1);
    refused_everywhere(
        "hostile.xlsx",
        &xlsx(stored(&sheet_xml(&past)), None),
        &["Plan!XFE1: this cell lies beyond the last cell a spreadsheet can have"],
    );
}

#[test]
fn a_sheet_of_two_gigabytes_of_spaces_is_refused() {
    let xml = sheet_xml(&tracker_rows());
    let (head, tail) = xml.split_at(xml.find("<row").unwrap());
    let bomb = xlsx(
        deflate_bomb(head.as_bytes(), b" ", 2_000_000_000, tail.as_bytes()),
        None,
    );
    assert!(bomb.len() < 20 << 20, "{} bytes", bomb.len());
    refused_everywhere(
        "hostile.xlsx",
        &bomb,
        &["sheet \"Plan\" (xl/worksheets/sheet1.xml) unpacks to more than 64 MiB"],
    );
}

#[test]
fn one_shared_text_of_two_gigabytes_is_refused() {
    let shared = deflate_bomb(
        format!(r#"<?xml version="1.0"?><sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>"#)
            .as_bytes(),
        b"x",
        2_000_000_000,
        b"</t></si></sst>",
    );
    let rows = format!(
        r#"{}<row r="4"><c r="A4" t="s"><v>0</v></c></row>"#,
        tracker_rows()
    );
    refused_everywhere(
        "hostile.xlsx",
        &xlsx(stored(&sheet_xml(&rows)), Some(shared)),
        &["the workbook's shared text (xl/sharedStrings.xml) unpacks to more than 64 MiB"],
    );
}

#[test]
fn a_shared_text_in_thousands_of_cells_is_counted_in_each() {
    // One text of a megabyte, in 5,000 cells: 5 GB once each cell has its copy.
    let shared = deflate_bomb(
        format!(r#"<?xml version="1.0"?><sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>"#)
            .as_bytes(),
        b"x",
        1 << 20,
        b"</t></si></sst>",
    );
    let copies = (4..5_004)
        .map(|row| format!(r#"<row r="{row}"><c r="B{row}" t="s"><v>0</v></c></row>"#))
        .collect::<Vec<_>>()
        .concat();
    refused_everywhere(
        "hostile.xlsx",
        &xlsx(
            stored(&sheet_xml(&format!("{}{copies}", tracker_rows()))),
            Some(shared),
        ),
        &["Plan!B", "the cells' text comes to more than 64 MiB"],
    );
}

#[test]
fn a_sheet_of_a_million_rows_is_refused_at_the_row_past_the_limit() {
    let xml = sheet_xml(&tracker_rows());
    let (head, tail) = xml.split_at(xml.find("</sheetData>").unwrap());
    // Rows without numbers follow one another: rows 4 to 1,048,576.
    let rows = deflate_bomb(
        head.as_bytes(),
        b"<row><c><v>1</v></c></row>",
        1_048_573,
        tail.as_bytes(),
    );
    refused_everywhere(
        "hostile.xlsx",
        &xlsx(rows, None),
        &["Plan!A10001: this cell has a value, and ragtime reads at most 10,000 rows of a sheet"],
    );
}

/// An ods file whose content.xml is given.
fn ods(content: Part) -> Vec<u8> {
    zip(&[
        (
            "mimetype",
            stored("application/vnd.oasis.opendocument.spreadsheet"),
        ),
        (
            "META-INF/manifest.xml",
            stored(
                r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
            ),
        ),
        ("content.xml", content),
    ])
}

const ODS_HEAD: &str = r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Plan">"#;
const ODS_TAIL: &str =
    "</table:table></office:spreadsheet></office:body></office:document-content>";

/// A row of text cells, as LibreOffice writes them.
fn ods_row(texts: &[&str]) -> String {
    let cells = texts
        .iter()
        .map(|t| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#))
        .collect::<Vec<_>>()
        .concat();
    format!("<table:table-row>{cells}</table:table-row>")
}

fn ods_tracker() -> String {
    [
        ods_row(&["Action", "Lead officer"]),
        ods_row(&["Publish the plan", "Ann Smith"]),
        ods_row(&["Review the plan", "Bob Jones"]),
    ]
    .concat()
}

#[test]
fn an_ods_sheet_with_empty_rows_to_its_edge_imports() {
    // As LibreOffice saves every sheet: empty rows and cells repeated to the sheet's edge.
    let content = format!(
        r#"{ODS_HEAD}<table:table-column table:number-columns-repeated="16384"/>{}<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>{ODS_TAIL}"#,
        ods_tracker().replace(
            "</table:table-row>",
            r#"<table:table-cell table:number-columns-repeated="16382"/></table:table-row>"#
        )
    );
    let site = site();
    site.write("tracker.ods", ods(stored(&content)));
    capped(&site, &["import", "tracker.ods"]).passes();
    assert!(site
        .read("content/plans/tracker.yaml")
        .contains("Review the plan"));
}

#[test]
fn an_ods_row_with_a_value_repeated_a_million_times_is_refused() {
    let content = format!(
        r#"{ODS_HEAD}{}<table:table-row table:number-rows-repeated="1048573"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>{ODS_TAIL}"#,
        ods_tracker()
    );
    refused_everywhere(
        "hostile.ods",
        &ods(stored(&content)),
        &["Plan!A10001: this cell has a value, and ragtime reads at most 10,000 rows of a sheet"],
    );
}

#[test]
fn an_ods_content_of_two_gigabytes_is_refused_naming_its_sheet() {
    let head = format!(
        r#"{ODS_HEAD}{}<table:table-row><table:table-cell office:value-type="string"><text:p>"#,
        ods_tracker()
    );
    let tail = format!("</text:p></table:table-cell></table:table-row>{ODS_TAIL}");
    refused_everywhere(
        "hostile.ods",
        &ods(deflate_bomb(
            head.as_bytes(),
            b"x",
            2_000_000_000,
            tail.as_bytes(),
        )),
        &["content.xml, by sheet \"Plan\", unpacks to more than 64 MiB"],
    );
}

// ---------------------------------------------------------------------------
// CSV text encodings

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
}

/// The Telford tracker's rows, as its CSV fixture holds them.
fn telford_rows() -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(fixture("telford-tracker.csv"))
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Rows as Excel's "Unicode Text" has them: tab-separated, quoted where needed.
fn tab_separated(rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// Imports `bytes` as `tracker.csv` into a fresh site: the plan written.
fn import_telford(bytes: &[u8]) -> String {
    let site = Site::example();
    site.write("tracker.csv", bytes);
    site.run(&[
        "import",
        "tracker.csv",
        "--id",
        "telford-imported",
        "--responds-to",
        "telford-ofsted-2012",
        "--cycle",
        "2013-08",
    ])
    .passes();
    site.read("content/plans/telford-imported.yaml")
}

#[test]
fn utf16_text_saved_by_excel_imports_as_its_utf8_twin() {
    let twin = import_telford(&std::fs::read(fixture("telford-tracker.csv")).unwrap());
    let text = format!("\u{FEFF}{}", tab_separated(&telford_rows()));
    let little: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(import_telford(&little), twin, "UTF-16LE");
    assert_eq!(import_telford(&big), twin, "UTF-16BE");
}

/// Runs `import` of `bytes` as `plan.csv`, which must fail.
fn import_fails(bytes: &[u8]) -> Output {
    let site = Site::example();
    site.write("plan.csv", bytes);
    let output = site.run(&["import", "plan.csv"]);
    output.fails().stderr_has("plan.csv: ");
    assert!(!site.path("content/plans/plan.yaml").exists());
    output
}

#[test]
fn shift_jis_is_refused_at_its_row_not_read_as_wrong_words() {
    let mut bytes = b"Action,Lead officer\nPublish the plan,Ann Smith\n".to_vec();
    // "計画を見直す" (review the plan) in Shift-JIS.
    bytes.extend(b"\x8c\x76\x89\xe6\x82\xf0\x8c\xa9\x92\xbc\x82\xb7,Bob Jones\n");
    import_fails(&bytes)
        .stderr_has("plan.csv: error: row 3, column A: this is not UTF-8 text (the byte 0x8C)")
        .stderr_has("\"CSV UTF-8 (Comma delimited)\"");
}

#[test]
fn one_bad_byte_in_utf8_names_its_row() {
    let text = "Action,Lead officer,Status\nPublish the plan,Ann Smith,Done\nReview the plan – twice,Bob Jones,Due\nAgree the plan,Cath Lee,Due\n";
    let mut bytes = text.as_bytes().to_vec();
    bytes.extend(b"Report on the plan,Dan Roe,In progress \x96 late\n");
    import_fails(&bytes)
        .stderr_has("plan.csv: error: row 5, column C: this is not UTF-8 text (the byte 0x96)");
}

#[test]
fn a_quote_never_closed_names_the_row_it_opens_on() {
    let text = "Action,Lead officer\nPublish the plan,Ann Smith\n\"Review the plan,Bob Jones\nAgree the plan,Cath Lee\nReport,Dan Roe\n";
    import_fails(text.as_bytes()).stderr_has(
        "plan.csv: error: row 3, column A: a quote opens this cell and is never closed",
    );
}

// ---------------------------------------------------------------------------
// Excel 97-2003 workbooks, made by hand: an OLE file holding BIFF8 records.

/// A BIFF record.
fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend(u16::try_from(data.len()).unwrap().to_le_bytes());
    out.extend(data);
    out
}

/// A sheet "Plan" of text cells, and any more records given (`rows` high, `columns` wide).
fn biff(cells: &[(u16, u16, &str)], more: &[Vec<u8>], rows: u32, columns: u16) -> Vec<u8> {
    let bof = |kind: u16| {
        let mut data = 0x0600u16.to_le_bytes().to_vec();
        data.extend(kind.to_le_bytes());
        data.extend([0u8; 12]);
        record(0x0809, &data)
    };
    let mut sheet = bof(0x0010);
    let mut dimensions = 0u32.to_le_bytes().to_vec();
    dimensions.extend(rows.to_le_bytes());
    dimensions.extend(0u16.to_le_bytes());
    dimensions.extend(columns.to_le_bytes());
    dimensions.extend(0u16.to_le_bytes());
    sheet.extend(record(0x0200, &dimensions));
    for (row, column, text) in cells {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(column.to_le_bytes());
        data.extend(0u16.to_le_bytes());
        data.extend(u16::try_from(text.len()).unwrap().to_le_bytes());
        data.push(0);
        data.extend(text.as_bytes());
        sheet.extend(record(0x0204, &data));
    }
    for extra in more {
        sheet.extend(extra);
    }
    sheet.extend(record(0x000A, &[]));
    let mut globals = bof(0x0005);
    let bound_at = globals.len();
    globals.extend(record(
        0x0085,
        &[0, 0, 0, 0, 0, 0, 4, 0, b'P', b'l', b'a', b'n'],
    ));
    globals.extend(record(0x000A, &[]));
    let at = u32::try_from(globals.len()).unwrap().to_le_bytes();
    globals[bound_at + 4..bound_at + 8].copy_from_slice(&at);
    globals.extend(sheet);
    // Long enough to be kept in whole sectors rather than the mini stream.
    globals.resize(globals.len().max(4096).next_multiple_of(512), 0);
    globals
}

/// An OLE file of 512-byte sectors holding one stream, "Workbook": sector 0
/// is the table of sectors, 1 the directory, the stream from 2 on.
/// `directory_next` is what the table says follows the directory's sector.
fn ole(stream: &[u8], directory_next: u32) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let sectors = u32::try_from(stream.len() / 512).unwrap();
    let mut header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    header.resize(24, 0);
    for value in [0x003Eu16, 3, 0xFFFE, 9, 6] {
        header.extend(value.to_le_bytes());
    }
    header.resize(44, 0);
    for value in [1, 1, 0, 4096, END, 0, END, 0, 0] {
        header.extend(u32::to_le_bytes(value));
    }
    header.resize(512, 0xFF);
    let mut table = vec![0xFFFF_FFFDu32, directory_next];
    table.extend((3..2 + sectors).chain([END]));
    table.resize(128, FREE);
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        e.resize(64, 0);
        e.extend(u16::try_from((name.len() + 1) * 2).unwrap().to_le_bytes());
        e.extend([kind, 1]);
        e.extend([FREE, FREE, child].iter().flat_map(|v| v.to_le_bytes()));
        e.resize(116, 0);
        e.extend(start.to_le_bytes());
        e.extend(size.to_le_bytes());
        e.resize(128, 0);
        e
    };
    let mut out = header;
    out.extend(table.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(entry("Root Entry", 5, 1, END, 0));
    out.extend(entry(
        "Workbook",
        2,
        FREE,
        2,
        u32::try_from(stream.len()).unwrap(),
    ));
    out.resize(out.len() + 256, 0);
    out.extend(stream);
    out
}

const ACTIONS: [(u16, u16, &str); 6] = [
    (0, 0, "Action"),
    (0, 1, "Lead officer"),
    (1, 0, "Publish the plan"),
    (1, 1, "Ann Smith"),
    (2, 0, "Review the plan"),
    (2, 1, "Bob Jones"),
];

#[test]
fn an_xls_tracker_made_by_hand_imports() {
    let site = site();
    site.write("tracker.xls", ole(&biff(&ACTIONS, &[], 3, 2), 0xFFFF_FFFE));
    capped(&site, &["import", "tracker.xls"]).passes();
    assert!(site
        .read("content/plans/tracker.yaml")
        .contains("Review the plan"));
}

#[test]
fn an_xls_number_at_the_far_corner_is_refused() {
    // Row 65,536, column 65,536: BIFF8 can write it, though a sheet has 256 columns.
    let mut number = 0xFFFFu16.to_le_bytes().to_vec();
    number.extend(0xFFFFu16.to_le_bytes());
    number.extend([0u8; 10]);
    refused_everywhere(
        "hostile.xls",
        &ole(
            &biff(&ACTIONS, &[record(0x0203, &number)], 3, 2),
            0xFFFF_FFFE,
        ),
        &[
            "Plan!",
            "this cell lies beyond the last cell a spreadsheet can have",
        ],
    );
}

#[test]
fn an_xls_that_says_its_cells_fill_every_row_is_refused() {
    // The dimensions record asks the reader to set room aside for 4 billion rows.
    refused_everywhere(
        "hostile.xls",
        &ole(&biff(&ACTIONS, &[], 4_000_000_000, 256), 0xFFFF_FFFE),
        &["Plan!IV4000000000: the sheet says its cells reach this one"],
    );
}

#[test]
fn an_xls_whose_directory_comes_back_on_itself_is_refused() {
    refused_everywhere(
        "hostile.xls",
        &ole(&biff(&ACTIONS, &[], 3, 2), 1),
        &["a chain of sectors comes back on itself"],
    );
}

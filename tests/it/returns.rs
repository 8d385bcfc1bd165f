//! `ragtime returns`: the owners' workbooks of a cycle (open actions only,
//! hidden keys, a status drop-down, the same bytes every run), and reading
//! them back: updates land in the plan YAML as new lines only, rows are
//! matched by their keys whatever was done to the file, and a bad return
//! changes nothing.

use crate::util::{page, read_tree, Output, Site};
use calamine::{open_workbook_auto, Data, Reader};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The cycle the tests ask about, added to a copy of the example site.
const CYCLE: &str = "2026-01";
const RETURN: &str = "returns/2026-01/karen-perry.xlsx";
const HEADINGS: [&str; 14] = [
    "Plan id",
    "Action id",
    "Cycle",
    "Plan",
    "No.",
    "Action",
    "Due date",
    "Last reported status",
    "Last reported progress",
    "Last reported at",
    "Status",
    "Progress",
    "Next steps",
    "Revised due date",
];

/// The example site with one more committee cycle, and its returns written.
fn site() -> Site {
    let site = Site::example();
    site.append(
        "content/site.yaml",
        "  - id: 2026-01\n    date: 2026-01-31\n    meeting: Test Scrutiny Committee\n",
    );
    site.run(&["returns", CYCLE]).passes();
    site
}

/// Every file under content/, to show nothing changed.
fn content(site: &Site) -> BTreeMap<String, Vec<u8>> {
    read_tree(&site.path("content"))
}

/// A sheet's cells as text (dates as YYYY-MM-DD).
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::DateTime(d) => {
                        let (y, m, day, ..) = d.to_ymd_hms_milli();
                        format!("{y:04}-{m:02}-{day:02}")
                    }
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

/// A column's position by its heading.
fn col(heading: &str) -> usize {
    HEADINGS.iter().position(|h| *h == heading).unwrap()
}

/// Writes a workbook as an owner would send it back: an instructions sheet,
/// then the rows under the sheet name given. A cell written `date:YYYY-MM-DD`
/// becomes a date cell.
fn save(path: &Path, sheet_name: &str, rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .set_name("Instructions")
        .unwrap()
        .write(0, 0, "Please fill in ...")
        .unwrap();
    let sheet = book.add_worksheet().set_name(sheet_name).unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in (0u32..).zip(rows) {
        for (c, value) in (0u16..).zip(row) {
            if let Some(iso) = value.strip_prefix("date:") {
                let (y, rest) = iso.split_at(4);
                let when = rust_xlsxwriter::ExcelDateTime::from_ymd(
                    y.parse().unwrap(),
                    rest[1..3].parse().unwrap(),
                    rest[4..6].parse().unwrap(),
                )
                .unwrap();
                sheet.write_date_with_format(r, c, &when, &date).unwrap();
            } else if !value.is_empty() {
                sheet.write_string(r, c, value).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// Karen Perry's return, with `fill` applied to its rows (row 0 is the header).
fn fill_return(site: &Site, fill: impl FnOnce(&mut Vec<Vec<String>>)) {
    let path = site.path(RETURN);
    let mut rows = sheet(&path, "Return");
    fill(&mut rows);
    save(&path, "Return", &rows);
}

fn set(rows: &mut [Vec<String>], row: usize, heading: &str, value: &str) {
    value.clone_into(&mut rows[row][col(heading)]);
}

/// Runs `ragtime returns [more...] --read FILES` in the site folder, as an officer would.
fn read(site: &Site, files: &[&str], more: &[&str]) -> Output {
    let mut args = vec!["returns"];
    args.extend(more);
    args.push("--read");
    args.extend(files);
    site.run(&args)
}

/// Every update at the cycle in a built plan's JSON: action id → update.
fn updates_at(site: &Site, plan: &str) -> BTreeMap<String, serde_json::Value> {
    site.run(&["build"]).passes();
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.path(&format!("public/plans/{plan}.json"))).unwrap(),
    )
    .unwrap();
    let mut found = BTreeMap::new();
    walk_actions(&json, &mut found);
    found
}

fn walk_actions(value: &serde_json::Value, found: &mut BTreeMap<String, serde_json::Value>) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(id), Some(serde_json::Value::Array(updates))) =
                (map.get("id"), map.get("updates"))
            {
                for update in updates {
                    if update["cycle"] == CYCLE {
                        found.insert(id.as_str().unwrap().to_owned(), update.clone());
                    }
                }
            }
            for child in map.values() {
                walk_actions(child, found);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| walk_actions(v, found)),
        _ => {}
    }
}

/// A file of a workbook, as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn writes_a_workbook_per_owner_of_their_open_actions() {
    let site = site();
    let path = site.path(RETURN);
    assert_eq!(
        sheet_names(&path),
        ["Instructions", "Return", "Status lists"]
    );
    let instructions = sheet(&path, "Instructions").concat().join(" ");
    assert!(
        instructions.contains("Please fill in the Status, Progress, Next steps and Revised due date columns for each action and send this file back to the officer who sent it to you by 19 January 2026"),
        "{instructions}"
    );
    assert!(
        instructions.contains("In progress – on schedule"),
        "{instructions}"
    );
    let rows = sheet(&path, "Return");
    assert_eq!(rows[0], HEADINGS);
    assert!(rows.len() > 2, "{rows:?}");
    for row in &rows[1..] {
        assert_eq!(row[col("Cycle")], CYCLE);
        assert!(!row[col("Plan id")].is_empty() && !row[col("Action id")].is_empty());
        assert_ne!(row[col("Last reported status")], "Complete", "{row:?}");
    }
    // Maria White's first action is complete: her return does not ask about it.
    let maria = sheet(&site.path("returns/2026-01/maria-white.xlsx"), "Return");
    assert!(
        !maria.iter().any(|r| r[col("Action id")] == "R1.1"),
        "{maria:?}"
    );
    assert!(maria.len() > 1);
    // Keys hidden, known columns locked, a drop-down of the plan's statuses, dates checked.
    let xml = part(&path, "xl/worksheets/sheet2.xml");
    assert!(
        xml.contains(r#"<col min="1" max="2""#) && xml.contains(r#"hidden="1""#),
        "{xml}"
    );
    assert!(
        xml.contains("<sheetProtection") && xml.contains(r#"sort="0""#),
        "{xml}"
    );
    assert!(xml.contains(r#"<dataValidation type="list""#), "{xml}");
    // The statuses are listed on a hidden sheet the drop-down points at.
    assert!(
        xml.contains("<formula1>'Status lists'!$A$1:$A$5</formula1>"),
        "{xml}"
    );
    let lists: Vec<String> = sheet(&path, "Status lists")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    assert_eq!(
        lists,
        [
            "Complete",
            "In progress – on schedule",
            "At risk",
            "Behind schedule",
            "Not started"
        ]
    );
    assert!(part(&path, "xl/workbook.xml")
        .contains(r#"name="Status lists" sheetId="3" state="hidden""#));
    assert!(xml.contains(r#"<dataValidation type="date""#), "{xml}");
    assert!(xml.contains(r#"state="frozen""#), "{xml}");
    // The same bytes every run.
    let first = std::fs::read(&path).unwrap();
    site.run(&["returns", CYCLE])
        .passes()
        .stdout_has_line("karen-perry.xlsx");
    assert_eq!(first, std::fs::read(&path).unwrap());
}

/// The labelled lines at the top of a workbook's Instructions sheet: label → value.
fn instruction_lines(path: &Path) -> BTreeMap<String, String> {
    sheet(path, "Instructions")
        .into_iter()
        .filter(|row| row.len() > 1 && !row[0].is_empty() && !row[1].is_empty())
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect()
}

#[test]
fn returns_are_due_ten_working_days_before_the_meeting() {
    // Saturday 31 January 2026: ten working days back is Monday 19 January.
    let site = site();
    let lines = instruction_lines(&site.path(RETURN));
    assert_eq!(lines["Return by"], "19 January 2026", "{lines:?}");
    assert_eq!(
        lines["For the meeting"], "Test Scrutiny Committee, 31 January 2026",
        "{lines:?}"
    );
    // No contact in site.yaml: no address is made up.
    assert_eq!(lines["Send it to"], "the officer who sent it to you");
    assert!(!sheet(&site.path(RETURN), "Instructions")
        .concat()
        .join(" ")
        .contains('@'));
    // A bank holiday in the ten days moves the date back a working day, and
    // the site's contact is whom to send it to.
    site.replace(
        "content/site.yaml",
        "bank_holidays:\n",
        "bank_holidays:\n  - 2026-01-20\n",
    );
    site.append(
        "content/site.yaml",
        "brand:\n  contact: improvement@example.gov.uk\n",
    );
    site.run(&["returns", CYCLE])
        .passes()
        .stdout_has_line("at cycle 2026-01, to be returned by 16 January 2026");
    let lines = instruction_lines(&site.path(RETURN));
    assert_eq!(lines["Return by"], "16 January 2026", "{lines:?}");
    assert_eq!(lines["Send it to"], "improvement@example.gov.uk");
    let instructions = sheet(&site.path(RETURN), "Instructions").concat().join(" ");
    assert!(
        instructions
            .contains("send this file back to improvement@example.gov.uk by 16 January 2026."),
        "{instructions}"
    );
}

#[test]
fn due_sets_the_return_by_date_on_or_before_the_meeting() {
    let site = Site::example();
    site.append(
        "content/site.yaml",
        "  - id: 2026-01\n    date: 2026-01-31\n    meeting: Test Scrutiny Committee\n",
    );
    site.run(&["returns", CYCLE, "--due", "2026-02-01"])
        .fails()
        .stderr_has("--due 2026-02-01 is after the meeting the returns are for (Test Scrutiny Committee, 31 January 2026)")
        .stderr_has("give a date on or before 2026-01-31");
    site.run(&["returns", CYCLE, "--due", "09/01/2026"])
        .fails()
        .stderr_has("--due \"09/01/2026\" is not a date: write it as YYYY-MM-DD");
    assert!(!site.path("returns").exists());
    site.run(&["returns", CYCLE, "--due", "2026-01-09"])
        .passes()
        .stdout_has_line("to be returned by 9 January 2026");
    let lines = instruction_lines(&site.path(RETURN));
    assert_eq!(lines["Return by"], "9 January 2026", "{lines:?}");
    // The meeting day itself may be the deadline.
    site.run(&["returns", CYCLE, "--due", "2026-01-31"])
        .passes();
    assert_eq!(
        instruction_lines(&site.path(RETURN))["Return by"],
        "31 January 2026"
    );
    // --due belongs to the returns sent out, not to reading them.
    site.run(&["returns", "--due", "2026-01-09", "--read", RETURN])
        .fails()
        .stderr_has("it does nothing with --read");
}

trait Lines {
    fn stdout_has_line(&self, text: &str) -> &Self;
}

impl Lines for Output {
    #[track_caller]
    fn stdout_has_line(&self, text: &str) -> &Self {
        assert!(
            self.stdout.lines().any(|l| l.contains(text)),
            "stdout lacks {text:?}\n{self}"
        );
        self
    }
}

#[test]
fn one_workbook_has_a_sheet_per_owner() {
    let site = site();
    site.run(&["returns", CYCLE, "--single"])
        .passes()
        .stdout_has_line("returns/2026-01/returns.xlsx");
    let names = sheet_names(&site.path("returns/2026-01/returns.xlsx"));
    assert_eq!(names[0], "Instructions");
    assert!(names.len() > 20, "{names:?}");
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    for name in &names {
        assert!(
            name.chars().count() <= 31 && !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{name}"
        );
    }
    assert!(names.contains(&"Karen Perry".to_owned()), "{names:?}");
}

#[test]
fn an_unknown_cycle_lists_the_cycles() {
    let site = Site::example();
    site.run(&["returns", "2099-01"])
        .fails()
        .stderr_has("\"2099-01\" is not a cycle of content/site.yaml")
        .stderr_has("2013-08, 2016-04");
    assert!(!site.path("returns").exists());
}

#[test]
fn content_with_errors_is_not_used() {
    let site = Site::example();
    site.replace(
        "content/plans/telford-improvement-plan.yaml",
        "kind: improvement",
        "kind: improvment",
    );
    site.run(&["returns", "2025-03"])
        .fails()
        .stderr_has("returns: the content has 1 error");
    assert!(!site.path("returns").exists());
}

#[test]
fn a_return_read_back_adds_only_update_lines() {
    let site = site();
    let before = content(&site);
    let mut filled: Vec<(String, String)> = Vec::new();
    fill_return(&site, |rows| {
        set(rows, 1, "Status", " at RISK ");
        set(rows, 1, "Progress", "Panel met twice.\nAudit booked: March");
        set(rows, 1, "Next steps", "Report to the board");
        set(rows, 1, "Revised due date", "date:2026-03-31");
        set(rows, 2, "Status", "Behind schedule");
        for row in &rows[1..3] {
            filled.push((row[col("Plan id")].clone(), row[col("Action id")].clone()));
        }
    });
    read(&site, &[RETURN], &[])
        .passes()
        .stdout_has_line(&format!(
            "{RETURN}: Return: read as the return of Karen Perry"
        ))
        .stdout_has_line("wrote ")
        .stdout_has_line("not yet returned:")
        .stdout_has_line("Maria White");
    // Only new lines, every old line kept in its order.
    let after = content(&site);
    for (file, old) in &before {
        let new = &after[file];
        let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
        let mut rest = new.lines();
        for line in old.lines() {
            assert!(rest.any(|l| l == line), "{file}: lost or moved {line:?}");
        }
        for added in new.lines().filter(|l| !old.lines().any(|o| o == *l)) {
            let key = added.trim_start().trim_start_matches("- ");
            assert!(
                [
                    "cycle:",
                    "status:",
                    "progress:",
                    "next_steps:",
                    "due:",
                    "updates:",
                    "Panel met",
                    "Audit booked"
                ]
                .iter()
                .any(|k| key.starts_with(k)),
                "{file}: unexpected line {added:?}"
            );
        }
    }
    site.check().passes();
    let (plan, first) = &filled[0];
    let updates = updates_at(&site, plan);
    let update = &updates[first];
    assert_eq!(update["status"], "at-risk");
    assert_eq!(update["progress"], "Panel met twice.\nAudit booked: March");
    assert_eq!(update["next_steps"], "Report to the board");
    assert_eq!(update["due"], "2026-03-31");
    let (plan2, second) = &filled[1];
    assert_eq!(updates_at(&site, plan2)[second]["status"], "behind");
    let files = read_tree(&site.path("public"));
    let html = page(&files, &format!("plans/{plan}/index.html"));
    assert!(
        html.contains("Panel met twice."),
        "the plan page lacks the new update"
    );
}

#[test]
fn an_unknown_status_is_refused_with_a_suggestion() {
    let site = site();
    fill_return(&site, |rows| set(rows, 1, "Status", "At riks"));
    let before = content(&site);
    read(&site, &[RETURN], &[])
        .fails()
        .stderr_has(&format!("{RETURN}: Return!K2: error: \"At riks\" is not a status of plan"))
        .stderr_has("did you mean \"At risk\"? Expected one of: Complete, In progress – on schedule, At risk")
        .stderr_has("nothing was written");
    assert_eq!(before, content(&site));
}

#[test]
fn dates_written_as_text_are_read_and_others_refused() {
    let site = site();
    fill_return(&site, |rows| {
        set(rows, 1, "Progress", "Moved");
        set(rows, 1, "Revised due date", "next Tuesday");
    });
    let before = content(&site);
    read(&site, &[RETURN], &[])
        .fails()
        .stderr_has(&format!("{RETURN}: Return!N2: error: \"next Tuesday\" is not a date; expected a date, for example 31/03/2026"));
    assert_eq!(before, content(&site));
    fill_return(&site, |rows| set(rows, 1, "Revised due date", "30/06/2026"));
    read(&site, &[RETURN], &[]).passes();
    let rows = sheet(&site.path(RETURN), "Return");
    let updates = updates_at(&site, &rows[1][col("Plan id")]);
    assert_eq!(updates[&rows[1][col("Action id")]]["due"], "2026-06-30");
}

#[test]
fn sorted_rows_renamed_sheets_and_files_still_match() {
    let site = site();
    let mut rows = sheet(&site.path(RETURN), "Return");
    let last = rows.len() - 1;
    let (plan, action) = (
        rows[last][col("Plan id")].clone(),
        rows[last][col("Action id")].clone(),
    );
    set(&mut rows, last, "Progress", "The last row, now first");
    // Rows reversed, columns in another order, a title above the header.
    let mut data: Vec<Vec<String>> = rows[1..].to_vec();
    data.reverse();
    let order: Vec<usize> = (0..HEADINGS.len()).rev().collect();
    let mut moved = vec![vec!["Karen's return".to_owned()], Vec::new()];
    for row in std::iter::once(&rows[0]).chain(&data) {
        moved.push(order.iter().map(|&c| row[c].clone()).collect());
    }
    let renamed = site.path("back/from-karen.xlsx");
    std::fs::create_dir_all(renamed.parent().unwrap()).unwrap();
    save(&renamed, "Mine", &moved);
    read(&site, &[renamed.to_str().unwrap()], &[]).passes();
    let updates = updates_at(&site, &plan);
    assert_eq!(updates[&action]["progress"], "The last row, now first");
    assert_eq!(updates.len(), 1, "{updates:?}");
}

#[test]
fn a_missing_return_is_named_in_the_summary() {
    let site = site();
    fill_return(&site, |rows| set(rows, 1, "Progress", "Done some"));
    let output = read(&site, &[RETURN], &[]);
    output.passes();
    let missing = output
        .stdout
        .split("not yet returned:")
        .nth(1)
        .expect("a list of owners");
    assert!(missing.contains("Maria White ("), "{output}");
    assert!(!missing.contains("Karen Perry ("), "{output}");
}

/// Every workbook of the cycle's folder, as `returns/<cycle>/*` gives them.
fn every_return(site: &Site) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(site.path(&format!("returns/{CYCLE}")))
        .unwrap()
        .map(|e| {
            format!(
                "returns/{CYCLE}/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    files
}

/// The owners a summary lists under "not yet returned:".
fn not_yet_returned(output: &Output) -> String {
    output
        .stdout
        .split("not yet returned:")
        .nth(1)
        .unwrap_or_else(|| panic!("no list of owners not yet returned\n{output}"))
        .to_owned()
}

#[test]
fn a_blank_return_counts_as_not_returned() {
    let site = site();
    fill_return(&site, |rows| set(rows, 1, "Progress", "Done some"));
    let files = every_return(&site);
    assert!(files.len() > 2, "{files:?}");
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let output = read(&site, &args, &[]);
    output.passes().stdout_has_line(
        "returns/2026-01/maria-white.xlsx: Return: nothing filled in, so not counted as returned",
    );
    let missing = not_yet_returned(&output);
    assert!(missing.contains("Maria White ("), "{output}");
    assert!(!missing.contains("Karen Perry ("), "{output}");
    assert!(
        !output
            .stdout
            .contains("karen-perry.xlsx: Return: nothing filled in"),
        "{output}"
    );
    // Every workbook still blank: nothing is written, and every owner is listed.
    let site = self::site();
    let before = content(&site);
    let files = every_return(&site);
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let output = read(&site, &args, &[]);
    output
        .passes()
        .stdout_has_line("no new updates at cycle 2026-01");
    let missing = not_yet_returned(&output);
    assert!(
        missing.contains("Maria White (") && missing.contains("Karen Perry ("),
        "{output}"
    );
    assert_eq!(
        missing.lines().filter(|l| !l.trim().is_empty()).count(),
        files.len(),
        "{output}"
    );
    assert_eq!(before, content(&site));
}

#[test]
fn a_blank_sheet_of_one_workbook_counts_as_not_returned() {
    let site = site();
    site.run(&["returns", CYCLE, "--single"]).passes();
    let single = site.path("returns/2026-01/returns.xlsx");
    let names = sheet_names(&single);
    let mut sheets: Vec<(String, Vec<Vec<String>>)> = names
        .iter()
        .filter(|n| *n != "Instructions" && *n != "Status lists")
        .map(|n| (n.clone(), sheet(&single, n)))
        .collect();
    let karen = sheets.iter_mut().find(|(n, _)| n == "Karen Perry").unwrap();
    set(&mut karen.1, 1, "Progress", "Done some");
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in &sheets {
        let page = book.add_worksheet().set_name(name).unwrap();
        for (r, row) in (0u32..).zip(rows) {
            for (c, value) in (0u16..).zip(row) {
                if !value.is_empty() {
                    page.write_string(r, c, value).unwrap();
                }
            }
        }
    }
    book.save(&single).unwrap();
    let output = read(&site, &["returns/2026-01/returns.xlsx"], &[]);
    output
        .passes()
        .stdout_has_line("returns/2026-01/returns.xlsx: Maria White: nothing filled in");
    let missing = not_yet_returned(&output);
    assert!(missing.contains("Maria White ("), "{output}");
    assert!(!missing.contains("Karen Perry ("), "{output}");
}
#[test]
fn a_return_for_another_cycle_is_refused() {
    let site = site();
    fill_return(&site, |rows| {
        set(rows, 1, "Progress", "Old news");
    });
    let before = content(&site);
    read(&site, &[RETURN], &["2025-03"])
        .fails()
        .stderr_has("this return is for cycle 2026-01, but the command line is for cycle 2025-03");
    // A cycle that is not in site.yaml.
    fill_return(&site, |rows| {
        for row in rows.iter_mut().skip(1) {
            row[col("Cycle")] = "2030-01".to_owned();
        }
    });
    read(&site, &[RETURN], &[]).fails().stderr_has(&format!(
        "{RETURN}: Return!C2: error: \"2030-01\" is not a cycle of content/site.yaml"
    ));
    // Two files for two cycles.
    site.run(&["returns", "2025-03"]).passes();
    read(&site, &["returns/2025-03/maria-white.xlsx", RETURN], &[])
        .fails()
        .stderr_has("read the returns of one cycle at a time");
    assert_eq!(before, content(&site));
}

#[test]
fn reading_twice_changes_nothing() {
    let site = site();
    fill_return(&site, |rows| set(rows, 1, "Status", "At risk"));
    read(&site, &[RETURN], &[]).passes();
    let once = content(&site);
    read(&site, &[RETURN], &[])
        .passes()
        .stdout_has_line("1 update was already in the plans");
    assert_eq!(once, content(&site));
}

#[test]
fn a_conflicting_update_is_kept_unless_forced() {
    let site = site();
    fill_return(&site, |rows| set(rows, 1, "Status", "At risk"));
    read(&site, &[RETURN], &[]).passes();
    let once = content(&site);
    fill_return(&site, |rows| set(rows, 1, "Status", "Behind schedule"));
    read(&site, &[RETURN], &[])
        .fails()
        .stderr_has(&format!("{RETURN}: Return!K2: error: content/plans/"))
        .stderr_has("says status at-risk; this return says status behind")
        .stderr_has("--force");
    assert_eq!(once, content(&site));
    read(&site, &[RETURN], &["--force"]).passes();
    let rows = sheet(&site.path(RETURN), "Return");
    let updates = updates_at(&site, &rows[1][col("Plan id")]);
    assert_eq!(updates[&rows[1][col("Action id")]]["status"], "behind");
    site.check().passes();
}

#[test]
fn files_that_are_not_returns_are_refused() {
    let site = site();
    site.write("back/notes.xlsx", "just some text");
    let plain = site.path("back/plain.xlsx");
    save(
        &plain,
        "Sheet1",
        &[vec!["Name".to_owned(), "Role".to_owned()]],
    );
    let before = content(&site);
    read(&site, &["back/notes.xlsx", plain.to_str().unwrap()], &[])
        .fails()
        .stderr_has("back/notes.xlsx: error: this is not a spreadsheet ragtime can read")
        .stderr_has("back/plain.xlsx: error: no sheet has the header row of a return");
    // A row whose hidden key was edited.
    fill_return(&site, |rows| {
        set(rows, 1, "Action id", "R99.9");
        set(rows, 1, "Progress", "x");
    });
    read(&site, &[RETURN], &[])
        .fails()
        .stderr_has(&format!("{RETURN}: Return!B2: error: plan "))
        .stderr_has("has no action \"R99.9\"");
    assert_eq!(before, content(&site));
}

/// A return filled in and saved by LibreOffice Calc, as xlsx and as ods (see
/// tests/fixtures/returns/make.py): text with a line break, a status in the
/// wrong case, and a date cell.
#[test]
fn a_return_saved_by_libreoffice_is_read() {
    for name in ["libreoffice.xlsx", "libreoffice.ods"] {
        let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/returns")
            .join(name);
        let site = Site::example();
        let plan = "content/plans/telford-placement-strategy-response.yaml";
        let before = site.read(plan);
        let copy = site.path(&format!("back/{name}"));
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        std::fs::copy(&fixture, &copy).unwrap();
        read(&site, &[copy.to_str().unwrap()], &[])
            .passes()
            .stdout_has_line(&format!("wrote 2 updates to {plan}"));
        site.check().passes();
        let after = site.read(plan);
        let added: Vec<&str> = after
            .lines()
            .filter(|l| !before.lines().any(|b| b == *l))
            .collect();
        assert_eq!(
            added,
            [
                "              - cycle: 2025-03",
                "                status: at-risk",
                "                progress: |-",
                "                  Filled in LibreOffice.",
                "                  A second line.",
                "                next_steps: Report in June",
                "              - cycle: 2025-03",
                "                status: behind",
                "                due: 2025-06-30",
            ],
            "{name}"
        );
    }
}

#[test]
fn an_action_with_two_owners_is_in_both_returns() {
    let site = site();
    let mut returns: BTreeMap<(String, String), Vec<PathBuf>> = BTreeMap::new();
    for file in crate::util::walk(&site.path("returns/2026-01")) {
        for row in &sheet(&file, "Return")[1..] {
            let key = (row[col("Plan id")].clone(), row[col("Action id")].clone());
            returns.entry(key).or_default().push(file.clone());
        }
    }
    // Telford's plan names several leads on most actions: each is asked.
    let shared = returns
        .iter()
        .filter(|((plan, _), files)| plan == "telford-improvement-plan" && files.len() > 1)
        .count();
    assert!(shared > 0, "{returns:?}");
    assert!(returns.values().all(|files| {
        let mut unique = files.clone();
        unique.dedup();
        unique.len() == files.len()
    }));
}

#[test]
fn a_plan_without_statuses_has_no_status_drop_down() {
    let site = Site::example();
    site.append(
        "content/site.yaml",
        "  - id: 2026-01\n    date: 2026-01-31\n    meeting: Test Scrutiny Committee\n",
    );
    let plan = "middlesbrough-children-in-care-2016";
    site.replace(
        &format!("content/plans/{plan}.yaml"),
        "\nkind: scrutiny\n",
        "\nkind: scrutiny\nstatuses: []\n",
    );
    site.run(&["returns", CYCLE]).passes();
    let file = "returns/2026-01/asst-director-learning-skills.xlsx";
    let path = site.path(file);
    let rows = sheet(&path, "Return");
    let without: Vec<usize> = (1..rows.len())
        .filter(|&r| rows[r][col("Plan id")] == plan)
        .collect();
    assert!(!without.is_empty(), "{rows:?}");
    let xml = part(&path, "xl/worksheets/sheet2.xml");
    let lists = xml.matches(r#"<dataValidation type="list""#).count();
    assert_eq!(lists, rows.len() - 1 - without.len(), "{xml}");
    for r in &without {
        assert!(!xml.contains(&format!(r#"sqref="K{}""#, r + 1)), "{xml}");
    }
    let instructions = sheet(&path, "Instructions").concat().join(" ");
    assert!(
        instructions.contains("this plan has no status column"),
        "{instructions}"
    );
    // A status given anyway is refused.
    let mut filled = rows.clone();
    set(&mut filled, without[0], "Status", "Complete");
    save(&path, "Return", &filled);
    read(&site, &[file], &[]).fails().stderr_has(&format!(
        "plan {plan} has no status column, so Status must be left empty"
    ));
}

#[test]
fn a_filled_in_return_is_never_written_over() {
    let site = site();
    fill_return(&site, |rows| set(rows, 1, "Progress", "Mine, filled in"));
    let filled = std::fs::read(site.path(RETURN)).unwrap();
    site.run(&["returns", CYCLE])
        .fails()
        .stderr_has(&format!("{RETURN} is filled in and would be written over"));
    assert_eq!(filled, std::fs::read(site.path(RETURN)).unwrap());
}

#[test]
fn two_owners_answering_one_action_must_agree() {
    let site = site();
    // The first action two owners are asked about.
    let mut asked: BTreeMap<(String, String), Vec<(PathBuf, usize)>> = BTreeMap::new();
    for file in crate::util::walk(&site.path("returns/2026-01")) {
        let rows = sheet(&file, "Return");
        for (r, row) in rows.iter().enumerate().skip(1) {
            let key = (row[col("Plan id")].clone(), row[col("Action id")].clone());
            asked.entry(key).or_default().push((file.clone(), r));
        }
    }
    let both = asked
        .values()
        .find(|a| a.len() > 1)
        .expect("an action with two owners");
    let (first, second) = (&both[0], &both[1]);
    let name = |file: &Path| {
        file.strip_prefix(site.root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    let files = [name(&first.0), name(&second.0)];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let answer = |(file, row): &(PathBuf, usize), progress: &str| {
        let mut rows = sheet(file, "Return");
        set(&mut rows, *row, "Progress", progress);
        save(file, "Return", &rows);
    };
    answer(first, "Started");
    answer(second, "Not started at all");
    let before = content(&site);
    read(&site, &files, &[])
        .fails()
        .stderr_has("is returned twice, differently")
        .stderr_has("progress \"Started\"");
    assert_eq!(before, content(&site));
    answer(second, "Started");
    read(&site, &files, &[])
        .passes()
        .stdout_has_line("wrote 1 update to");
}

#[test]
fn a_return_read_on_a_full_disk_leaves_every_plan_as_it_was() {
    let site = site();
    let before = content(&site);
    fill_return(&site, |rows| {
        set(rows, 1, "Status", "Behind schedule");
        set(rows, 1, "Progress", "Panel met twice.");
    });
    let output = site.run_on_full_disk(&["returns", "--read", RETURN], 2);
    assert_ne!(output.code, Some(0), "{output}");
    output.stderr_has("File too large");
    assert_eq!(content(&site), before, "a plan changed on a full disk");
    for file in crate::util::walk(&site.path("content")) {
        assert!(
            !file.to_string_lossy().ends_with(".tmp"),
            "{}",
            file.display()
        );
    }
    // With room, the same return is read.
    read(&site, &[RETURN], &[]).passes();
    assert_ne!(content(&site), before);
}

#[test]
fn status_labels_longer_than_a_drop_down_list_holds_are_offered() {
    let site = Site::example();
    site.append(
        "content/site.yaml",
        "  - id: 2026-01\n    date: 2026-01-31\n    meeting: Test Scrutiny Committee\n",
    );
    let labels = [
        (
            "Complete",
            "Complete: carried out in full, with evidence seen by the board",
        ),
        (
            "In progress – on schedule",
            "In progress and on schedule to finish within the agreed timescale",
        ),
        (
            "At risk",
            "At risk: under way, but the agreed timescale may be missed",
        ),
        (
            "Behind schedule",
            "Behind schedule: the agreed timescale has been or will be missed",
        ),
        (
            "Not started",
            "Not started: no progress has been reported on this action yet",
        ),
    ];
    for (short, long) in labels {
        site.replace(
            "content/site.yaml",
            &format!("label: {short}\n"),
            &format!("label: \"{long}\"\n"),
        );
    }
    let long: Vec<&str> = labels.iter().map(|(_, long)| *long).collect();
    assert!(long.join(",").len() > 255);
    site.check().passes();
    site.run(&["returns", CYCLE]).passes();
    let path = site.path(RETURN);
    let lists: Vec<String> = sheet(&path, "Status lists")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    assert_eq!(lists, long);
    let xml = part(&path, "xl/worksheets/sheet2.xml");
    assert!(
        xml.contains("<formula1>'Status lists'!$A$1:$A$5</formula1>"),
        "{xml}"
    );
    // A filled-in return reads back, the long label chosen from the list.
    fill_return(&site, |rows| set(rows, 1, "Status", long[2]));
    read(&site, &[RETURN], &[]).passes();
    let rows = sheet(&path, "Return");
    let updates = updates_at(&site, &rows[1][col("Plan id")]);
    assert_eq!(updates[&rows[1][col("Action id")]]["status"], "at-risk");
}

/// No temporary files of a safe write anywhere under `folder`.
fn no_temporaries(folder: &Path) {
    for file in crate::util::walk(folder) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "left behind: {}", file.display());
    }
}
#[test]
fn a_return_touching_two_plans_on_a_full_disk_changes_neither() {
    let site = site();
    let file = "returns/2026-01/angela-yapp.xlsx";
    let first = "content/plans/telford-improvement-plan.yaml";
    let second = "content/plans/telford-placement-strategy-response.yaml";
    // The plan written second is made larger than a full disk has room for;
    // the first (55 KB) fits.
    let text = site.read(second);
    site.write(second, format!("{}{text}", "# padding\n".repeat(40_000)));
    let path = site.path(file);
    let mut rows = sheet(&path, "Return");
    for plan in [first, second] {
        let id = &plan["content/plans/".len()..plan.len() - ".yaml".len()];
        let r = rows
            .iter()
            .position(|row| row[col("Plan id")] == id)
            .unwrap_or_else(|| panic!("{file} lacks an action of {id}"));
        set(&mut rows, r, "Progress", "Reported on a full disk");
    }
    save(&path, "Return", &rows);
    let before = content(&site);
    assert!(before["plans/telford-improvement-plan.yaml"].len() < 100_000);
    // Each file may grow to 256 blocks (128 or 256 KiB, by shell).
    let output = site.run_on_full_disk(&["returns", "--read", file], 256);
    output
        .fails()
        .stderr_has(&format!("{second}: error: could not write: File too large"))
        .stderr_has("returns: nothing was written: every plan is as it was");
    assert!(!output.stdout.contains("wrote"), "{output}");
    assert_eq!(content(&site), before, "a plan changed on a full disk");
    no_temporaries(&site.path("content"));
    // With room, both are written.
    read(&site, &[file], &[])
        .passes()
        .stdout_has_line(&format!("wrote 1 update to {first}"))
        .stdout_has_line(&format!("wrote 1 update to {second}"));
}

/// Replaces `from` by `to` in one part of a workbook, as a program writing
/// the file itself could (a spreadsheet application would refuse to).
fn edit_part(path: &Path, name: &str, from: &str, to: &str) {
    use std::io::Write;
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let entry = file.name().unwrap().into_owned();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if entry == name {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from), "{name} lacks {from:?}");
            data = text.replace(from, to).into_bytes();
        }
        out.start_file(entry, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap();
}
#[test]
fn a_cell_larger_than_a_spreadsheet_holds_is_refused_at_the_cell() {
    let site = site();
    fill_return(&site, |rows| set(rows, 1, "Progress", "HUGE-PROGRESS"));
    let huge = "x".repeat(20 * 1024 * 1024);
    edit_part(
        &site.path(RETURN),
        "xl/sharedStrings.xml",
        "HUGE-PROGRESS",
        &huge,
    );
    let before = content(&site);
    let output = read(&site, &[RETURN], &[]);
    output
        .fails()
        .stderr_has(&format!(
            "{RETURN}: Return!L2: error: this cell holds 20971520 characters; a cell of a return may hold at most 32767"
        ))
        .stderr_has("nothing was written");
    assert!(output.stderr.len() < 10_000, "the cell was quoted");
    assert_eq!(before, content(&site));
}
#[test]
fn updates_that_would_make_a_plan_too_large_are_not_written() {
    let site = site();
    let rows = sheet(&site.path(RETURN), "Return");
    let plan = format!("content/plans/{}.yaml", rows[1][col("Plan id")]);
    // Just under the 16 MiB a content file may be, so the plan still reads.
    let text = site.read(&plan);
    let padding = 16 * 1024 * 1024 - 1000 - text.len();
    site.write(&plan, format!("# {}\n{text}", "x".repeat(padding - 3)));
    fill_return(&site, |rows| {
        set(
            rows,
            1,
            "Progress",
            &"A long account of progress. ".repeat(100),
        );
    });
    let before = content(&site);
    read(&site, &[RETURN], &[])
        .fails()
        .stderr_has(&format!(
            "{plan}: error: the updates could not be written into this file: with them it would be "
        ))
        .stderr_has("more than the 16777216 bytes (16 MiB) a content file may be")
        .stderr_has("nothing was written");
    assert_eq!(before, content(&site));
}

#[test]
fn a_return_cannot_update_another_owners_action() {
    let site = site();
    // An action of Maria White's that Karen Perry's return does not list.
    let karen = sheet(&site.path(RETURN), "Return");
    let maria = sheet(&site.path("returns/2026-01/maria-white.xlsx"), "Return");
    let key = |row: &Vec<String>| (row[col("Plan id")].clone(), row[col("Action id")].clone());
    let theirs = maria[1..]
        .iter()
        .find(|m| !karen.iter().any(|k| key(k) == key(m)))
        .expect("an action of Maria White's only")
        .clone();
    let before = content(&site);
    // The hidden keys changed: the row still shows Karen's action.
    fill_return(&site, |rows| {
        set(rows, 1, "Plan id", &theirs[col("Plan id")]);
        set(rows, 1, "Action id", &theirs[col("Action id")]);
        set(rows, 1, "Progress", "Done, says someone else");
    });
    read(&site, &[RETURN], &[])
        .fails()
        .stderr_has(&format!(
            "{RETURN}: Return!B2: error: this row shows {}",
            karen[1][col("No.")]
        ))
        .stderr_has(&format!(
            "but its hidden Plan id and Action id name {}",
            theirs[col("No.")]
        ))
        .stderr_has("nothing was written");
    assert_eq!(before, content(&site));
    // The cells that show the action changed too: it is still not Karen's.
    fill_return(&site, |rows| {
        for heading in ["Plan", "No.", "Action"] {
            set(rows, 1, heading, &theirs[col(heading)]);
        }
    });
    read(&site, &[RETURN], &[])
        .fails()
        .stderr_has(&format!(
            "{RETURN}: Return!B2: error: action {} of plan {} is ",
            theirs[col("Action id")],
            theirs[col("Plan id")]
        ))
        .stderr_has("Maria White")
        .stderr_has("not by Karen Perry, whom this sheet was written for")
        .stderr_has("nothing was written");
    assert_eq!(before, content(&site));
}
#[test]
fn a_row_must_show_the_action_its_keys_name() {
    let site = site();
    let before = content(&site);
    let rows = sheet(&site.path(RETURN), "Return");
    // Both actions are Karen's: the keys of the second under the first's text.
    fill_return(&site, |rows| {
        let (plan, action) = (
            rows[2][col("Plan id")].clone(),
            rows[2][col("Action id")].clone(),
        );
        set(rows, 1, "Plan id", &plan);
        set(rows, 1, "Action id", &action);
        set(rows, 1, "Progress", "Meant for the first action");
    });
    read(&site, &[RETURN], &[])
        .fails()
        .stderr_has(&format!(
            "{RETURN}: Return!B2: error: this row shows {} (\"",
            rows[1][col("No.")]
        ))
        .stderr_has(&format!(
            "but its hidden Plan id and Action id name {} (\"",
            rows[2][col("No.")]
        ))
        .stderr_has("sort whole rows, never some columns")
        .stderr_has("nothing was written");
    assert_eq!(before, content(&site));
}
#[test]
fn an_action_reworded_since_the_return_was_written_holds_up_only_its_row() {
    let site = site();
    let plan = "content/plans/telford-placement-strategy-response.yaml";
    let text = "New template for recording visits is being piloted";
    let rows = sheet(&site.path(RETURN), "Return");
    assert!(rows[2][col("Action")].starts_with(text), "{rows:?}");
    site.replace(
        plan,
        &format!("- text: {text}"),
        "- text: A new template for recording visits is being piloted",
    );
    // Its row left empty, the rest of the return is read.
    fill_return(&site, |rows| set(rows, 1, "Progress", "Training booked"));
    read(&site, &[RETURN], &[]).passes();
    // Filled in, it is refused: it no longer says what the plan says.
    fill_return(&site, |rows| set(rows, 2, "Progress", "Piloted"));
    let before = content(&site);
    read(&site, &[RETURN], &[])
        .fails()
        .stderr_has(&format!(
            "{RETURN}: Return!B3: error: this row shows 2.a, action 1 (\"{text}"
        ))
        .stderr_has("(\"A new template for recording visits")
        .stderr_has("reworded in the plan after the return was written, add this update to the plan by hand");
    assert_eq!(before, content(&site));
}

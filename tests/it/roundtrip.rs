//! The round trip of `ragtime import`: each example plan that answers an
//! inspection is written, by the test, into a tracker laid out as councils
//! keep them (title rows, a heading row per priority merged across the sheet,
//! the recommendation's reference merged down its actions beside an action
//! number column, a hidden working column, an undated status column beside a
//! progress column named after the meeting's month, joint leads in one cell
//! separated by " / "), saved through LibreOffice where the machine has it,
//! imported with no map, and compared with the hand-written plan on the open
//! data `ragtime build` writes (`public/plans/<id>.json`).

use crate::util::{month_of, Site};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The columns of the tracker, in order. "Working" is the hidden column.
const HEADINGS: [&str; 7] = [
    "Ref",
    "Action no.",
    "Action",
    "Lead officer",
    "Working",
    "Due date",
    "Status",
];
const WORKING: u16 = 4;
const LAST: u16 = 7;
/// The findings column, where the tracker has one: after the progress column.
const FINDINGS: u16 = LAST + 1;

/// What the site says about owners, statuses and cycles, read from its files.
struct Key {
    /// Owner spelling, loosely written → the directory entry's id.
    owners: BTreeMap<String, String>,
    /// Status id → label.
    statuses: BTreeMap<String, String>,
    /// Cycle id → its date as written in site.yaml.
    cycles: BTreeMap<String, String>,
}

fn key(site: &Site) -> Key {
    let owners: Value = serde_yaml::from_str(&site.read("content/owners.yaml")).unwrap();
    let mut spellings = BTreeMap::new();
    for entry in owners.as_array().expect("owners.yaml is a list") {
        let id = entry["id"].as_str().unwrap().to_owned();
        let names = [&entry["id"], &entry["name"]]
            .into_iter()
            .chain(entry["aliases"].as_array().into_iter().flatten());
        for name in names.filter_map(Value::as_str) {
            spellings.insert(loosely(name), id.clone());
        }
    }
    let site_yaml: Value = serde_yaml::from_str(&site.read("content/site.yaml")).unwrap();
    let pairs = |list: &str, value: &str| -> BTreeMap<String, String> {
        site_yaml[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (text(&v["id"]), text(&v[value])))
            .collect()
    };
    Key {
        owners: spellings,
        statuses: pairs("statuses", "label"),
        cycles: pairs("cycles", "date"),
    }
}

/// An owner's spelling as the directory matches it: case, spacing and punctuation ignored.
fn loosely(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn list(value: &Value) -> Vec<Value> {
    value.as_array().cloned().unwrap_or_default()
}

/// A recommendation's reference as printed: its number, else its id.
fn reference(recommendation: &Value) -> String {
    match &recommendation["number"] {
        Value::String(number) => number.clone(),
        _ => text(&recommendation["id"]),
    }
}

/// The finding ids of a list of links ("slough-ofsted#21" → "21").
fn finding_ids(findings: &Value) -> Vec<String> {
    list(findings)
        .iter()
        .map(|f| text(f).rsplit('#').next().unwrap_or_default().to_owned())
        .collect()
}

/// The plan's latest cycle: the one its updates reach last, by the site's dates.
fn latest_cycle(plan: &Value, key: &Key) -> Option<String> {
    let mut cycles: Vec<String> = actions(plan)
        .iter()
        .flat_map(|(_, a)| list(&a["updates"]))
        .map(|u| text(&u["cycle"]))
        .collect();
    cycles.sort_by_key(|c| key.cycles.get(c).cloned().unwrap_or_default());
    cycles.pop()
}

/// The update of an action at a cycle, if it has one.
fn update_at(action: &Value, cycle: &str) -> Option<Value> {
    list(&action["updates"])
        .into_iter()
        .find(|u| text(&u["cycle"]) == cycle)
}

/// Every action of a plan in reading order, each with the reference of the
/// row group it sits in: its recommendation's, or for an action directly in
/// a section, the findings it answers (what the paper prints beside it).
fn actions(plan: &Value) -> Vec<(String, Value)> {
    groups(plan, false)
        .into_iter()
        .map(|g| (g.reference, g.action))
        .collect()
}

/// How the tracker is laid out, beyond the layout above.
#[derive(Clone, Copy, Default)]
struct Layout {
    /// An action the plan prints no number for is numbered as councils
    /// number them, by extending its reference ("R4" gives "R4.1").
    extend: bool,
    /// A column of the findings each row answers ("Ofsted ref"), merged down
    /// a recommendation's actions: the reference column then holds only the
    /// recommendation's own reference ("a)"), and is empty for an action
    /// listed directly under its priority.
    findings: bool,
}

/// Writes the plan into a tracker in the layout above; returns the address
/// of each reference cell ("A5"), merged down its actions or not.
fn write_tracker(plan: &Value, key: &Key, path: &Path, layout: Layout) -> Vec<String> {
    let Layout { extend, findings } = layout;
    let cycle = latest_cycle(plan, key);
    let last = if findings { FINDINGS } else { LAST };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Action plan").unwrap();
    let wrapped = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_string(0, 0, text(&plan["organisation"]))
        .unwrap();
    sheet.write_string(1, 0, text(&plan["title"])).unwrap();
    // Numbered by extending, the columns are headed as such trackers head
    // them, each heading one that could name either column: "Recommendation"
    // for the merged references, "Ref" for the actions' numbers.
    let headings = if extend {
        let mut h = HEADINGS;
        h[..2].copy_from_slice(&["Recommendation", "Ref"]);
        h
    } else {
        HEADINGS
    };
    for (c, heading) in (0u16..).zip(headings) {
        sheet.write_string(3, c, heading).unwrap();
    }
    // The progress column names the meeting's month, as "Progress update March 2025".
    let progress = cycle
        .as_ref()
        .map(|cycle| format!("Progress update {}", month_of(&key.cycles[cycle])));
    sheet
        .write_string(3, LAST, progress.as_deref().unwrap_or("Progress update"))
        .unwrap();
    if findings {
        sheet.write_string(3, FINDINGS, "Ofsted ref").unwrap();
    }
    sheet.set_column_hidden(WORKING).unwrap();
    // The rows of one value of a merged column: (value, first row), per column.
    let mut runs = Runs::default();
    let mut row = 4u32;
    let write_actions =
        |sheet: &mut Worksheet, row: &mut u32, runs: &mut Runs, rows: Vec<Group>| {
            for Group {
                reference,
                answers,
                action,
            } in rows
            {
                // The reference column, and where there is one, the findings column.
                let mut cells = vec![(0, reference.clone())];
                if findings {
                    let mut all = answers;
                    all.extend(finding_ids(&action["findings"]));
                    cells.push((FINDINGS, all.join(", ")));
                }
                for (column, value) in cells {
                    runs.continue_or_start(sheet, column, value, *row, &wrapped);
                }
                // The plan's printed number; else, only when asked, its reference extended.
                if let Value::String(number) = &action["number"] {
                    sheet.write_string(*row, 1, number).unwrap();
                } else if extend {
                    let first = runs.open.get(&0).map_or(*row, |(_, first)| *first);
                    let number = format!("{reference}.{}", *row - first + 1);
                    sheet.write_string(*row, 1, number).unwrap();
                }
                sheet
                    .write_string_with_format(*row, 2, text(&action["text"]).trim_end(), &wrapped)
                    .unwrap();
                let owners: Vec<String> = list(&action["owner"]).iter().map(text).collect();
                sheet.write_string(*row, 3, owners.join(" / ")).unwrap();
                sheet.write_string(*row, WORKING, "checked").unwrap();
                if let Value::String(due) = &action["due"] {
                    let (y, m, d) = (&due[..4], &due[5..7], &due[8..10]);
                    let day = ExcelDateTime::from_ymd(
                        y.parse().unwrap(),
                        m.parse().unwrap(),
                        d.parse().unwrap(),
                    )
                    .unwrap();
                    sheet
                        .write_datetime_with_format(*row, 5, &day, &date)
                        .unwrap();
                }
                if let Some(update) = cycle.as_deref().and_then(|c| update_at(&action, c)) {
                    if let Value::String(status) = &update["status"] {
                        sheet.write_string(*row, 6, &key.statuses[status]).unwrap();
                    }
                    let progress = text(&update["progress"]);
                    if !progress.trim().is_empty() {
                        sheet
                            .write_string_with_format(*row, LAST, progress.trim_end(), &wrapped)
                            .unwrap();
                    }
                }
                *row += 1;
            }
        };
    let top = serde_json::json!({ "recommendations": plan["recommendations"] });
    write_actions(sheet, &mut row, &mut runs, groups(&top, findings));
    for section in list(&plan["sections"]) {
        runs.close_all(sheet, row, &wrapped);
        let title = match &section["number"] {
            Value::String(n) => format!("{n}. {}", text(&section["title"])),
            _ => text(&section["title"]),
        };
        sheet
            .merge_range(row, 0, row, last, &title, &wrapped)
            .unwrap();
        row += 1;
        let only = serde_json::json!({ "sections": [section] });
        write_actions(sheet, &mut row, &mut runs, groups(&only, findings));
    }
    runs.close_all(sheet, row, &wrapped);
    book.save(path).unwrap();
    runs.references
}

/// The runs of equal values down the merged columns of the tracker.
#[derive(Default)]
struct Runs {
    /// Column → the value of its run and the run's first row.
    open: BTreeMap<u16, (String, u32)>,
    /// The address of each reference cell written ("A5").
    references: Vec<String>,
}

impl Runs {
    /// Writes `value` at `row` of `column`: the run above goes on where the
    /// value is the same, else it ends there and a new one starts (none for an empty value).
    fn continue_or_start(
        &mut self,
        sheet: &mut Worksheet,
        column: u16,
        value: String,
        row: u32,
        format: &Format,
    ) {
        if self.open.get(&column).map(|(v, _)| v) == Some(&value) {
            return;
        }
        self.close(sheet, column, row, format);
        if !value.is_empty() {
            self.open.insert(column, (value, row));
        }
    }

    /// Ends the run of `column` before `end`: merged down its rows, or one cell.
    fn close(&mut self, sheet: &mut Worksheet, column: u16, end: u32, format: &Format) {
        let Some((value, first)) = self.open.remove(&column) else {
            return;
        };
        if column == 0 {
            self.references.push(format!("A{}", first + 1));
        }
        if end > first + 1 {
            sheet
                .merge_range(first, column, end - 1, column, &value, format)
                .unwrap();
        } else {
            sheet.write_string(first, column, &value).unwrap();
        }
    }

    fn close_all(&mut self, sheet: &mut Worksheet, end: u32, format: &Format) {
        for column in [0, FINDINGS] {
            self.close(sheet, column, end, format);
        }
    }
}

/// One action row of the tracker: the reference it sits under, the findings
/// its recommendation answers, and the action.
struct Group {
    reference: String,
    answers: Vec<String>,
    action: Value,
}

/// The action rows of a plan, in order. With a findings column, an action
/// directly in a section has no reference: its findings are its own.
fn groups(plan: &Value, findings: bool) -> Vec<Group> {
    let from = |found: &mut Vec<Group>, recommendations: &Value| {
        for r in list(recommendations) {
            for action in list(&r["actions"]) {
                found.push(Group {
                    reference: reference(&r),
                    answers: finding_ids(&r["findings"]),
                    action,
                });
            }
        }
    };
    let mut found = Vec::new();
    from(&mut found, &plan["recommendations"]);
    for s in list(&plan["sections"]) {
        for action in list(&s["actions"]) {
            let reference = if findings {
                String::new()
            } else {
                finding_ids(&action["findings"]).join(", ")
            };
            found.push(Group {
                reference,
                answers: Vec::new(),
                action,
            });
        }
        from(&mut found, &s["recommendations"]);
    }
    found
}

/// Re-saves the workbook with LibreOffice where the machine has it (a
/// private profile, so that no user's settings are read or written), and
/// returns the file to import; else the generated one, saying so.
fn through_libreoffice(site: &Site, file: &str) -> (String, bool) {
    let found = Command::new("sh")
        .args(["-c", "command -v soffice"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("LibreOffice (soffice) is not installed: {file} is imported as generated, not as LibreOffice saves it");
        return (file.to_owned(), false);
    }
    let saved = site.path("saved");
    let profile: PathBuf = site.path("lo-profile");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(&saved)
        .arg(site.path(file))
        .output()
        .expect("run soffice");
    let name = Path::new(file).file_name().unwrap().to_string_lossy();
    assert!(
        output.status.success() && saved.join(&*name).is_file(),
        "LibreOffice did not save {file}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (format!("saved/{name}"), true)
}

/// One action as compared: what the tracker carries of it.
#[derive(Debug, PartialEq, Eq)]
struct Row {
    text: String,
    number: Option<String>,
    owners: Vec<String>,
    due: String,
    /// The findings it answers: its own and its recommendation's.
    findings: Vec<String>,
    /// Each update as (cycle, status, progress).
    updates: Vec<(String, String, String)>,
}

/// The actions of a plan as compared, in order. `numbers` says whether to
/// compare action numbers (only where the hand-written plan prints them).
fn rows(plan: &Value, key: &Key, cycle: Option<&str>, numbers: bool) -> Vec<Row> {
    let mut found = Vec::new();
    let mut add = |action: &Value, around: &Value| {
        let mut findings = finding_ids(&action["findings"]);
        findings.extend(finding_ids(&around["findings"]));
        let owners = list(&action["owner"])
            .iter()
            .map(|o| {
                let spelling = text(o);
                key.owners
                    .get(&loosely(&spelling))
                    .cloned()
                    .unwrap_or_else(|| format!("not in the directory: {spelling}"))
            })
            .collect();
        let updates = list(&action["updates"])
            .iter()
            .filter(|u| cycle.is_none_or(|c| text(&u["cycle"]) == c))
            .map(|u| {
                (
                    text(&u["cycle"]),
                    text(&u["status"]),
                    text(&u["progress"]).trim_end().to_owned(),
                )
            })
            .collect();
        found.push(Row {
            text: text(&action["text"]).trim_end().to_owned(),
            number: numbers.then(|| text(&action["number"])),
            owners,
            due: text(&action["due"]),
            findings,
            updates,
        });
    };
    for r in list(&plan["recommendations"]) {
        for a in list(&r["actions"]) {
            add(&a, &r);
        }
    }
    for s in list(&plan["sections"]) {
        for a in list(&s["actions"]) {
            add(&a, &Value::Null);
        }
        for r in list(&s["recommendations"]) {
            for a in list(&r["actions"]) {
                add(&a, &r);
            }
        }
    }
    found
}

/// Whether the plan prints any action's number (else numbers are not compared).
fn prints_numbers(plan: &Value) -> bool {
    actions(plan).iter().any(|(_, a)| a["number"].is_string())
}

/// Each section's title, with its recommendations' ids and the findings each links.
type Sections = Vec<(String, Vec<(String, Vec<String>)>)>;

/// The recommendations of a plan as compared: per section (by title), each
/// recommendation's id and the findings it links.
fn recommendations(plan: &Value) -> Sections {
    let of = |list_of: &Value| -> Vec<(String, Vec<String>)> {
        list(list_of)
            .iter()
            .map(|r| (text(&r["id"]), finding_ids(&r["findings"])))
            .collect()
    };
    let mut found = Vec::new();
    if !list(&plan["recommendations"]).is_empty() {
        found.push((String::new(), of(&plan["recommendations"])));
    }
    for s in list(&plan["sections"]) {
        found.push((text(&s["title"]), of(&s["recommendations"])));
    }
    found
}

/// The problems a run printed, as lines, in order.
fn problems(output: &crate::util::Output) -> Vec<String> {
    output
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// One plan written into a tracker and imported.
struct Trip {
    site: Site,
    key: Key,
    /// The hand-written plan's open data.
    written: Value,
    /// The tracker as imported (the LibreOffice copy where it was used).
    file: String,
    /// The reference cells, each merged down its actions ("A5").
    references: Vec<String>,
    /// The import's run (after a dry run that printed the same problems).
    import: crate::util::Output,
}

impl Trip {
    /// The imported plan's open data, once the site is built with it.
    fn imported(&self) -> Value {
        self.import.passes();
        self.site.run(&["build"]).passes();
        plan_data(
            &self.site,
            &format!("{}-imported", text(&self.written["id"])),
        )
    }
}

fn plan_data(site: &Site, id: &str) -> Value {
    let data: Value = serde_json::from_str(&site.read(&format!("public/plans/{id}.json")))
        .unwrap_or_else(|e| panic!("public/plans/{id}.json: {e}"));
    data["plan"].clone()
}

/// Builds the example site, writes the plan into a tracker, saves it through
/// LibreOffice where there is one, and imports it as `<id>-imported` with no
/// map, answering `inspection` when given: a dry run first, which must exit
/// as the import does and print the same problems.
fn round_trip(id: &str, inspection: Option<&str>) -> Trip {
    trip(id, inspection, Layout::default())
}

/// The round trip, with the tracker laid out as `layout` says.
fn trip(id: &str, inspection: Option<&str>, layout: Layout) -> Trip {
    let site = Site::example();
    site.run(&["build"]).passes();
    let written = plan_data(&site, id);
    let key = key(&site);
    let generated = format!("{id}.xlsx");
    let references = write_tracker(&written, &key, &site.path(&generated), layout);
    let (file, _) = through_libreoffice(&site, &generated);
    let imported = format!("{id}-imported");
    let mut args = vec!["import", file.as_str(), "--id", imported.as_str()];
    if let Some(inspection) = inspection {
        args.extend(["--responds-to", inspection]);
    }
    let dry = site.run(&[&args[..], &["--dry-run"]].concat());
    let import = site.run(&args);
    assert_eq!(
        (dry.code, problems(&dry)),
        (import.code, problems(&import)),
        "the dry run and the import differ\n--- dry run:\n{dry}\n{}\n--- import:\n{import}\n{}",
        dry.stderr,
        import.stderr
    );
    Trip {
        site,
        key,
        written,
        file,
        references,
        import,
    }
}

#[test]
fn telford_improvement_plan_comes_back_from_its_tracker() {
    let trip = round_trip("telford-improvement-plan", Some("telford-ofsted-2012"));
    let (written, key) = (&trip.written, &trip.key);
    let imported = trip.imported();
    // The title rows above the headings are passed over.
    assert!(
        trip.import.stdout.starts_with(&format!(
            "{}: sheet \"Action plan\", headings on row 4\n",
            trip.file
        )),
        "{}",
        trip.import
    );
    // The title rows give the title and the council, and "improvement" the kind.
    for field in ["title", "organisation", "kind", "responds_to"] {
        assert_eq!(imported[field], written[field], "{field}");
    }
    let cycle = latest_cycle(written, key);
    assert_eq!(cycle.as_deref(), Some("2013-08"));
    // Joint leads are in the tracker as one cell ("Maria White / Di Partridge / ...").
    assert!(
        rows(written, key, None, false)
            .iter()
            .any(|r| r.owners.len() > 2),
        "the plan has joint leads"
    );
    assert_eq!(recommendations(&imported), recommendations(written));
    let numbers = prints_numbers(written);
    assert_eq!(
        rows(&imported, key, None, numbers),
        rows(written, key, cycle.as_deref(), numbers)
    );
}

#[test]
fn actions_numbered_by_extending_their_reference_keep_the_reference_as_the_recommendation() {
    // Telford prints no action numbers; its tracker numbers each action by
    // extending the reference merged beside it ("R1" gives "R1.1", "R7-R20" "R7-R20.1").
    let trip = trip(
        "telford-improvement-plan",
        Some("telford-ofsted-2012"),
        Layout {
            extend: true,
            ..Layout::default()
        },
    );
    let (written, key) = (&trip.written, &trip.key);
    let imported = trip.imported();
    // The merged column still groups, and its references (not "R7-R20.1") link the findings.
    assert_eq!(recommendations(&imported), recommendations(written));
    let cycle = latest_cycle(written, key);
    assert_eq!(
        rows(&imported, key, None, false),
        rows(written, key, cycle.as_deref(), false)
    );
    // Each action has the number the tracker gives it: its reference and its place under it.
    assert!(list(&written["recommendations"]).is_empty());
    let mut expected = Vec::new();
    for section in list(&written["sections"]) {
        let only = serde_json::json!({ "sections": [section] });
        let mut previous: Option<(String, usize)> = None;
        for (reference, _) in actions(&only) {
            let n = match &previous {
                Some((p, n)) if *p == reference => n + 1,
                _ => 1,
            };
            expected.push(format!("{reference}.{n}"));
            previous = Some((reference, n));
        }
    }
    let numbers: Vec<String> = actions(&imported)
        .iter()
        .map(|(_, a)| text(&a["number"]))
        .collect();
    assert_eq!(numbers, expected);
}

/// The round trip of a plan whose tracker has a findings column, compared in full.
fn comes_back_with_its_findings_column(id: &str, inspection: &str) -> Trip {
    let trip = trip(
        id,
        Some(inspection),
        Layout {
            findings: true,
            ..Layout::default()
        },
    );
    let (written, key) = (&trip.written, &trip.key);
    let imported = trip.imported();
    for field in ["title", "organisation", "responds_to"] {
        assert_eq!(imported[field], written[field], "{field}");
    }
    assert_eq!(recommendations(&imported), recommendations(written));
    let cycle = latest_cycle(written, key);
    let numbers = prints_numbers(written);
    assert_eq!(
        rows(&imported, key, None, numbers),
        rows(written, key, cycle.as_deref(), numbers)
    );
    trip
}

#[test]
fn slough_children_looked_after_plan_comes_back_from_its_tracker() {
    // The paper lists actions under its themes, each beside the Ofsted
    // recommendation it answers, and makes no recommendations of its own:
    // its tracker has the findings column, and no reference. Each action
    // answers its own findings ("19, 12" for one), as the paper prints them.
    let trip =
        comes_back_with_its_findings_column("slough-children-looked-after-2016", "slough-ofsted");
    assert_eq!(
        latest_cycle(&trip.written, &trip.key).as_deref(),
        Some("2016-04")
    );
    assert!(recommendations(&trip.written)
        .iter()
        .all(|(_, r)| r.is_empty()));
}

#[test]
fn middlesbrough_children_in_care_plan_comes_back_from_its_tracker() {
    // The scrutiny panel lettered its recommendations a) to v); the findings
    // column beside the letters says which Ofsted findings each answers, so
    // the letters are the recommendations' own, never read as findings.
    let trip = comes_back_with_its_findings_column(
        "middlesbrough-children-in-care-2016",
        "middlesbrough-ofsted-2016",
    );
    assert!(recommendations(&trip.written)
        .iter()
        .flat_map(|(_, r)| r)
        .any(|(_, findings)| !findings.is_empty()));
}

#[test]
fn letters_read_as_findings_are_refused_at_their_cell_once() {
    // Without the findings column, the letters a) to v) are the only
    // references, so with --responds-to they are refused at their cells, as
    // no findings of the inspection: once each, not on every row its merge spans.
    let trip = round_trip(
        "middlesbrough-children-in-care-2016",
        Some("middlesbrough-ofsted-2016"),
    );
    trip.import.fails();
    let errors = trip.import.errors();
    assert!(!errors.is_empty(), "{}", trip.import);
    let mut cells = Vec::new();
    for error in &errors {
        let cell = error
            .file
            .strip_prefix(&format!("{}: Action plan!", trip.file))
            .unwrap_or_else(|| panic!("not at a cell of the tracker: {error}"));
        assert!(
            trip.references.iter().any(|r| r == cell)
                && error
                    .message
                    .contains("is not a finding of middlesbrough-ofsted-2016"),
            "{error}"
        );
        cells.push(cell.to_owned());
    }
    cells.dedup();
    assert_eq!(cells.len(), errors.len(), "{}", trip.import);
}

#[test]
fn a_findings_column_needs_the_inspection_it_names() {
    let site = Site::example();
    site.write(
        "tracker.csv",
        "Ref,Ofsted ref,Action\nR1,OR 21,First\nR1,OR 21,Second\n",
    );
    site.run(&["import", "tracker.csv", "--dry-run"])
        .fails()
        .stderr_has("tracker.csv: tracker!B2: error: \"OR 21\" names inspection findings, but not of which inspection: run with --responds-to");
    // With it, "OR 21" is finding 21, and links the recommendation both rows share.
    site.run(&["import", "tracker.csv", "--responds-to", "slough-ofsted"])
        .passes();
    site.run(&["build"]).passes();
    let plan = plan_data(&site, "tracker");
    let recommendation = &list(&plan["recommendations"])[0];
    assert_eq!(finding_ids(&recommendation["findings"]), ["21"]);
    assert_eq!(text(&recommendation["id"]), "R1");
    assert!(list(&recommendation["actions"])
        .iter()
        .all(|a| list(&a["findings"]).is_empty()));
}

#[test]
fn findings_that_differ_down_a_recommendation_stay_with_each_action() {
    let site = Site::example();
    site.write(
        "tracker.csv",
        "Ref,Ofsted ref,Action\nR1,4,First\nR1,7 and 21,Second\n,12,Third\n",
    );
    site.run(&["import", "tracker.csv", "--responds-to", "slough-ofsted"])
        .passes();
    site.run(&["build"]).passes();
    let plan = plan_data(&site, "tracker");
    let recommendation = &list(&plan["recommendations"])[0];
    assert!(list(&recommendation["findings"]).is_empty());
    let each: Vec<Vec<String>> = list(&recommendation["actions"])
        .iter()
        .map(|a| finding_ids(&a["findings"]))
        .collect();
    assert_eq!(each, [vec!["4"], vec!["7", "21"], vec!["12"]]);
}

#[test]
fn a_reference_answered_under_two_priorities_is_two_recommendations() {
    let site = Site::example();
    site.write(
        "tracker.csv",
        "Ref,Action,Lead officer\nPRIORITY 1: SAFETY,,\nR4,First,Ann Smith\nPRIORITY 2: CARE,,\nR4,Second,Ann Smith\n",
    );
    site.run(&[
        "import",
        "tracker.csv",
        "--responds-to",
        "telford-ofsted-2012",
    ])
    .passes();
    site.run(&["build"]).passes();
    let plan = plan_data(&site, "tracker");
    let found: Vec<(String, String, Vec<String>)> = list(&plan["sections"])
        .iter()
        .flat_map(|s| list(&s["recommendations"]))
        .map(|r| {
            (
                text(&r["id"]),
                text(&r["number"]),
                finding_ids(&r["findings"]),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("R4".to_owned(), String::new(), vec!["R4".to_owned()]),
            ("R4-2".to_owned(), "R4".to_owned(), vec!["R4".to_owned()]),
        ]
    );
}

#[test]
fn status_and_progress_columns_with_nothing_in_them_need_no_cycle() {
    let site = Site::example();
    site.write(
        "blank.csv",
        "Ref,Action,Status,Progress\nR1,Agree the audit programme,,\n",
    );
    site.run(&["import", "blank.csv"]).passes();
    // One status given, and the meeting it was given at is asked for.
    site.write(
        "rated.csv",
        "Ref,Action,Status,Progress\nR1,Agree the audit programme,,\nR2,Publish the dashboard,Complete,\n",
    );
    site.run(&["import", "rated.csv"])
        .fails()
        .stderr_has("rated.csv: rated!C1: error: the sheet reports progress (\"Status\") but not at which meeting");
}

#[test]
fn a_sub_action_answering_another_finding_stays_an_action() {
    // "1.1a" below "1.1" is a step of it only where it answers what 1.1
    // answers: a step has no findings of its own, so they would be lost.
    let site = Site::example();
    site.write(
        "tracker.csv",
        "No.,Ofsted ref,Action\n1.1,4,Parent\n1.1a,4,Step with the same finding\n1.1b,7,Sub-action answering another finding\n2.1,7,Next action\n",
    );
    site.run(&["import", "tracker.csv", "--responds-to", "slough-ofsted"])
        .passes();
    site.run(&["build"]).passes();
    let plan = plan_data(&site, "tracker");
    let found: Vec<(String, Vec<String>, Vec<String>)> = list(&plan["sections"][0]["actions"])
        .iter()
        .map(|a| {
            (
                text(&a["number"]),
                finding_ids(&a["findings"]),
                list(&a["steps"])
                    .iter()
                    .map(|s| text(&s["number"]))
                    .collect(),
            )
        })
        .collect();
    let owned = |n: &str, f: &[&str], s: &[&str]| {
        (
            n.to_owned(),
            f.iter().map(|f| (*f).to_owned()).collect(),
            s.iter().map(|s| (*s).to_owned()).collect(),
        )
    };
    assert_eq!(
        found,
        [
            owned("1.1", &["4"], &["1.1a"]),
            owned("1.1b", &["7"], &[]),
            owned("2.1", &["7"], &[]),
        ]
    );
}

#[test]
fn every_plan_that_answers_an_inspection_comes_back_from_its_tracker() {
    // Every example plan that answers an inspection, whatever the site holds
    // when the test runs, through a tracker with a findings column.
    let site = Site::example();
    let mut answering = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(site.path("content/plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for file in files {
        let plan: Value = serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let answers: Vec<String> = list(&plan["responds_to"]).iter().map(text).collect();
        let id = file.file_stem().unwrap().to_string_lossy().into_owned();
        // A plan whose paper could be read only in part may hold no action: no row to track.
        let tracked = !actions(&plan).is_empty();
        match answers.as_slice() {
            _ if !tracked => {}
            [] => {}
            [one] => answering.push((id, one.clone())),
            more => panic!("{id} answers {more:?}: an import answers one inspection"),
        }
    }
    assert!(answering.len() >= 3, "{answering:?}");
    for (id, inspection) in answering {
        comes_back_with_its_findings_column(&id, &inspection);
    }
}

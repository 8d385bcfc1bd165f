//! `public/actions.xlsx`, the officers' tracker: its sheets and headings, one
//! row per action saying what the plan's page says, numbers kept as printed,
//! the dashboard's link to it, the same bytes from every build, and a new
//! file when a plan changes.

use crate::util::{built, Site};
use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use std::io::Cursor;

const TELFORD: &str = "content/plans/telford-improvement-plan.yaml";

const HEADINGS: [&str; 12] = [
    "Section",
    "Recommendation",
    "No.",
    "Id",
    "Action",
    "Owner",
    "Timescale",
    "Due date",
    "Status",
    "Progress",
    "Reported at",
    "Overdue",
];

/// The workbook, read back as a spreadsheet program would.
struct Tracker {
    book: Xlsx<Cursor<Vec<u8>>>,
}

impl Tracker {
    #[track_caller]
    fn open(bytes: &[u8]) -> Tracker {
        let book = open_workbook_from_rs(Cursor::new(bytes.to_vec()))
            .unwrap_or_else(|e| panic!("actions.xlsx does not open: {e}"));
        Tracker { book }
    }

    #[track_caller]
    fn of(site: &Site) -> Tracker {
        Tracker::open(&std::fs::read(site.path("public/actions.xlsx")).expect("actions.xlsx"))
    }

    #[track_caller]
    fn sheet(&mut self, name: &str) -> Range<Data> {
        self.book
            .worksheet_range(name)
            .unwrap_or_else(|e| panic!("no sheet {name:?}: {e}"))
    }

    /// A sheet's rows, the heading row first.
    #[track_caller]
    fn rows(&mut self, name: &str) -> Vec<Vec<Data>> {
        self.sheet(name).rows().map(<[Data]>::to_vec).collect()
    }
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("{other:?} is not text"),
    }
}

fn headings(row: &[Data]) -> Vec<String> {
    row.iter().map(text).collect()
}

/// The row whose `Id` column (at `id_column`) is `id`.
#[track_caller]
fn row_of<'r>(rows: &'r [Vec<Data>], id_column: usize, id: &str) -> &'r [Data] {
    let found: Vec<&Vec<Data>> = rows
        .iter()
        .filter(|r| r.get(id_column) == Some(&Data::String(id.to_owned())))
        .collect();
    assert_eq!(found.len(), 1, "rows with id {id}: {found:?}");
    found[0]
}

/// How many actions the plan's open data lists.
fn actions_in(files: &std::collections::BTreeMap<String, Vec<u8>>, plan: &str) -> usize {
    let json: serde_json::Value =
        serde_json::from_slice(&files[&format!("plans/{plan}.json")]).unwrap();
    json["derived"].as_array().unwrap().len()
}

#[test]
fn all_actions_then_a_sheet_per_plan_each_headed_the_same() {
    let (_, files) = built();
    let mut tracker = Tracker::open(&files["actions.xlsx"]);
    assert_eq!(
        tracker.book.sheet_names(),
        [
            "All actions",
            "bracknell-forest-caring-for-you",
            "bracknell-forest-council-plan-2",
            "leicestershire-cqc-improvement",
            "middlesbrough-children-in-care",
            "middlesbrough-sufficiency-perma",
            "slough-children-looked-after-20",
            "staffordshire-send-app-2022",
            "telford-improvement-plan",
            "telford-placement-strategy-resp",
            "torbay-improvement-action-track",
            "vale-of-glamorgan-piap-2013",
            "Indicators",
        ]
    );
    let all = tracker.rows("All actions");
    let mut with_plan = vec!["Plan".to_owned()];
    with_plan.extend(HEADINGS.map(str::to_owned));
    assert_eq!(headings(&all[0]), with_plan);
    for name in tracker
        .book
        .sheet_names()
        .iter()
        .skip(1)
        .filter(|n| *n != "Indicators")
    {
        let rows = tracker.rows(name);
        assert_eq!(headings(&rows[0]), HEADINGS, "{name}");
    }
    // Not a page: the sitemap leaves it out.
    let sitemap = String::from_utf8_lossy(&files["sitemap.xml"]);
    assert!(!sitemap.contains("actions.xlsx"));
}

#[test]
fn a_row_per_action_in_each_plan_and_in_all() {
    let (_, files) = built();
    let mut tracker = Tracker::open(&files["actions.xlsx"]);
    let telford = tracker.rows("telford-improvement-plan");
    assert_eq!(
        telford.len() - 1,
        actions_in(&files, "telford-improvement-plan")
    );
    assert_eq!(telford.len() - 1, 57);
    let all = tracker.rows("All actions");
    assert_eq!(all.len() - 1, 158, "the example site has 158 actions");
    // In the plans' order, each plan's rows as on its own sheet.
    let telford_in_all: Vec<Vec<Data>> = all
        .iter()
        .filter(|r| text(&r[0]) == "Children's Services Improvement Plan (working document)")
        .map(|r| r[1..].to_vec())
        .collect();
    assert_eq!(telford_in_all, telford[1..]);
    let first = text(&all[1][0]);
    assert!(
        first.starts_with("Corporate performance on caring"),
        "{first}"
    );
}

#[test]
fn an_action_says_what_its_plan_page_says() {
    let (_, files) = built();
    let mut tracker = Tracker::open(&files["actions.xlsx"]);
    let telford = tracker.rows("telford-improvement-plan");
    let row = row_of(&telford, 3, "R22.1");
    let cells: Vec<String> = row
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 7)
        .map(|(_, c)| text(c))
        .collect();
    assert_eq!(
        cells,
        [
            "PRIORITY 3: ENSURE THAT THE QUALITY OF SOCIAL WORK PRACTICE AND EARLY HELP IS CONSISTENTLY GOOD",
            "R22",
            "",
            "R22.1",
            "Clarify and agree who is responsible for life story book work.",
            "Maria White; Angela Yapp",
            "3 months",
            "Behind schedule",
            "Policy drafted and amended following consultation with foster carers and practitioners. Consultation with Children in Care arranged for 01.08.13. To be implemented from 01.09.13",
            "2013-08",
            "Overdue",
        ]
    );
    // The due date is a date, shown day/month/year.
    let Data::DateTime(due) = &row[7] else {
        panic!("the due date is {:?}, not a date", row[7]);
    };
    assert_eq!(due.to_ymd_hms_milli(), (2013, 6, 30, 0, 0, 0, 0));
    // Not overdue: on track, due after the meeting.
    assert_eq!(text(&row_of(&telford, 3, "R22.2")[11]), "");
    // A plan's own key, in its own words.
    let bracknell = tracker.rows("bracknell-forest-caring-for-you");
    assert_eq!(text(&row_of(&bracknell, 3, "4.01.01")[8]), "Green");
    assert_eq!(
        text(&row_of(&bracknell, 3, "4.01.01")[2]),
        "",
        "the paper gives an id, not a number"
    );
}

#[test]
fn numbers_stay_as_printed() {
    let site = Site::example();
    site.write(
        "content/plans/numbering.yaml",
        "title: Numbering\norganisation: Test Council\nkind: scrutiny\nrecommendations:\n  - id: R1\n    number: \"1\"\n    text: A recommendation.\n    actions:\n      - number: \"1.9\"\n        text: The ninth.\n        owner: Someone\n      - number: \"1.10\"\n        text: The tenth.\n        owner: [Someone, Someone Else]\n      - number: \"007\"\n        text: Leading zeros.\n        owner: Someone\n",
    );
    site.run(&["build"]).passes();
    let mut tracker = Tracker::of(&site);
    assert!(tracker.book.sheet_names().contains(&"numbering".to_owned()));
    let rows = tracker.rows("numbering");
    assert_eq!(rows.len(), 4);
    let numbers: Vec<&Data> = rows[1..].iter().map(|r| &r[2]).collect();
    assert_eq!(
        numbers,
        [
            &Data::String("1.9".into()),
            &Data::String("1.10".into()),
            &Data::String("007".into())
        ]
    );
    assert_eq!(text(&rows[1][1]), "1", "the recommendation's number");
    assert_eq!(text(&rows[2][5]), "Someone; Someone Else");
    // No section, no update, no due date: empty cells.
    assert_eq!(rows[2][0], Data::Empty);
    assert_eq!(rows[2][7], Data::Empty);
    assert_eq!(rows[2][9], Data::Empty);
    assert_eq!(rows[2][10], Data::Empty);
}

#[test]
fn the_dashboard_links_the_spreadsheet_under_the_base_path() {
    let site = Site::example();
    site.replace(
        "content/site.yaml",
        "base_url: https://www.example.gov.uk/",
        "base_url: https://www.example.gov.uk/improvement/",
    );
    site.run(&["build"]).passes();
    let home = site.read("public/index.html");
    assert!(
        home.contains(
            "<a href=\"/improvement/actions.xlsx\">All actions as a spreadsheet (Excel, .xlsx)</a>"
        ),
        "{home}"
    );
    assert!(site.path("public/actions.xlsx").is_file());
}

#[test]
fn two_builds_at_different_times_give_the_same_bytes() {
    let first = Site::example();
    first.run(&["build"]).passes();
    // Past a second: a clock in the file would show.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let second = Site::example();
    second.run(&["build"]).passes();
    let (a, b) = (
        std::fs::read(first.path("public/actions.xlsx")).unwrap(),
        std::fs::read(second.path("public/actions.xlsx")).unwrap(),
    );
    assert!(a == b, "actions.xlsx differs between two builds");
}

#[test]
fn editing_a_plan_makes_a_new_spreadsheet() {
    let (site, files) = built();
    site.replace(
        TELFORD,
        "Policy drafted and amended",
        "Policy drafted, amended",
    );
    let output = site.run(&["build"]);
    output.passes();
    let after = std::fs::read(site.path("public/actions.xlsx")).unwrap();
    assert!(
        after != files["actions.xlsx"],
        "actions.xlsx did not change"
    );
    let mut tracker = Tracker::open(&after);
    let telford = tracker.rows("telford-improvement-plan");
    assert!(text(&row_of(&telford, 3, "R22.1")[9]).starts_with("Policy drafted, amended"));
    // And a rebuild with nothing changed keeps it as it was.
    site.run(&["build"]).passes();
    assert!(std::fs::read(site.path("public/actions.xlsx")).unwrap() == after);
}

#[test]
fn the_indicators_sheet_has_every_figure_with_numbers_as_numbers() {
    let (_, files) = built();
    let mut tracker = Tracker::open(&files["actions.xlsx"]);
    let rows = tracker.rows("Indicators");
    assert_eq!(text(&rows[0][0]), "Indicator");
    assert_eq!(text(&rows[0][6]), "Value");
    let adoption: Vec<&Vec<Data>> = rows
        .iter()
        .filter(|r| text(&r[0]) == "middlesbrough-children-placed-for-adoption")
        .collect();
    assert_eq!(adoption.len(), 2);
    assert_eq!(text(&adoption[0][4]), "2018/19");
    assert_eq!(adoption[0][6], Data::Float(17.0));
    // A suppressed figure is kept as published, with no number beside it.
    let suppressed = rows
        .iter()
        .find(|r| text(&r[0]) == "telford-referrals-ethnicity-not-recorded")
        .expect("a row");
    assert_eq!(suppressed[6], Data::Empty);
    assert_eq!(text(&suppressed[7]), "< 10");
}

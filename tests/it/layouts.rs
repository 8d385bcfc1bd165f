//! The tracker-layout corpus (tests/fixtures/layouts/, made by its make.py):
//! layouts councils publish, each imported as an officer would (the file
//! copied into the site folder, `ragtime import` run there), compared with
//! the plan it must produce, `<name>.expected.yaml`. With `RAGTIME_BLESS=1`
//! the expected files are written instead of compared: read each one against
//! its spreadsheet before committing it.

use crate::util::{Output, Site};
use std::fs;
use std::path::{Path, PathBuf};

fn layouts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts")
}

/// The meetings the layouts report at, added to the example site's cycles.
const CYCLES: &str = "cycles:
  - id: 2012-01
    date: 2012-01
    meeting: Wrexham Executive Board
  - id: 2014-05
    date: 2014-05
    meeting: Vale of Glamorgan Cabinet
  - id: 2014-11
    date: 2014-11
    meeting: Vale of Glamorgan Cabinet
  - id: 2019-01
    date: 2019-01
    meeting: Worcestershire SEND Improvement Board
  - id: 2019-04
    date: 2019-04
    meeting: Worcestershire SEND Improvement Board
  - id: 2020-09
    date: 2020-09
    meeting: Thurrock Children's Services Overview and Scrutiny Committee
  - id: 2020-12
    date: 2020-12
    meeting: Thurrock Children's Services Overview and Scrutiny Committee
  - id: 2022-09
    date: 2022-09-29
    meeting: Staffordshire Accelerated Progress Plan six-month review
  - id: 2023-04
    date: 2023-04-20
    meeting: Staffordshire Accelerated Progress Plan twelve-month review
  - id: 2025-12
    date: 2025-12
    meeting: Leicestershire Adults and Communities Overview and Scrutiny Committee
  - id: 2026-03
    date: 2026-03-02
    meeting: City of York Corporate Scrutiny Committee
";

/// Imports a layout, copied into a fresh example site, as an officer would;
/// checks the dry run ends as the import does, the site then passes `check`,
/// and the plan written is the expected one. Returns the site and the import's output.
#[track_caller]
fn import(file: &str, id: &str, map: Option<&str>, options: &[&str]) -> (Site, Output) {
    import_into(Site::example(), file, id, map, options)
}

#[track_caller]
fn import_into(
    site: Site,
    file: &str,
    id: &str,
    map: Option<&str>,
    options: &[&str],
) -> (Site, Output) {
    site.replace("content/site.yaml", "cycles:\n", CYCLES);
    let bytes = fs::read(layouts().join(file)).expect("read the layout");
    site.write(file, bytes);
    let mut args = vec!["import", file, "--id", id];
    if let Some(map) = map {
        site.write("map.yaml", map);
        args.extend(["--map", "map.yaml"]);
    }
    args.extend(options);
    let dry: Vec<&str> = args.iter().copied().chain(["--dry-run"]).collect();
    let dry = site.run(&dry);
    let output = site.run(&args);
    assert_eq!(
        dry.code, output.code,
        "the dry run and the import end differently\n{dry}\n{output}"
    );
    output.passes();
    site.check().passes();
    let written = site.read(&format!("content/plans/{id}.yaml"));
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let expected = layouts().join(format!("{stem}.expected.yaml"));
    if std::env::var_os("RAGTIME_BLESS").is_some_and(|v| v == "1") {
        fs::write(&expected, &written).expect("write the expected plan");
    } else {
        let want = fs::read_to_string(&expected)
            .unwrap_or_else(|e| panic!("{}: {e} (run with RAGTIME_BLESS=1)", expected.display()));
        assert!(
            written == want,
            "{file} imported as\n{written}\nbut {} expects\n{want}",
            expected.display()
        );
    }
    (site, output)
}

/// A BRAG key, as a council prints it beside its tracker.
const BRAG: &str = "key:
  - {id: blue, label: Blue, colour: blue, description: Complete., done: true}
  - {id: green, label: Green, colour: green, description: On track to be delivered on time.}
  - {id: amber, label: Amber, colour: amber, description: Some slippage; action being taken.}
  - {id: red, label: Red, colour: red, description: Off track.}
";

/// Stockton-on-Tees' 1-4 assessment of progress, as its select committees define it.
const ONE_TO_FOUR: &str = "columns:
  status: Assessment of progress
key:
  - {id: achieved, label: Achieved (Fully), colour: blue, done: true, description: The evidence shows that the recommendation has been fully implemented within the timescale specified.}
  - {id: on-track, label: On Track but not yet due for completion, colour: green, description: Implementation is on track but the timescale specified has not expired.}
  - {id: slipped, label: Slipped, colour: amber, description: Progress on implementation has slipped.}
  - {id: not-achieved, label: Not Achieved, colour: red, description: The recommendation has not been implemented.}
statuses:
  \"1\": achieved
  \"2\": on-track
  \"3\": slipped
  \"4\": not-achieved
";

#[test]
fn thurrock_status_and_update_per_meeting_in_column_pairs() {
    import("thurrock-send-wsoa.xlsx", "thurrock-send-wsoa", None, &[]);
}

#[test]
fn staffordshire_one_status_column_beside_progress_dated_by_review() {
    let site = Site::example();
    // Both joint leads are in the directory, so "Ann Smith / Bob Jones" is two owners.
    site.append(
        "content/owners.yaml",
        "\n- id: ann-smith\n  name: Ann Smith\n- id: bob-jones\n  name: Bob Jones\n",
    );
    import_into(
        site,
        "staffordshire-send-app.ods",
        "staffordshire-send-app",
        None,
        &[
            "--cycle",
            "2023-04",
            "--organisation",
            "Staffordshire County Council",
        ],
    );
}

#[test]
fn leicestershire_merged_references_and_sub_actions_as_steps() {
    import("leicestershire-cqc.xlsx", "leicestershire-cqc", None, &[]);
}

#[test]
fn vale_of_glamorgan_numbers_inside_the_action_text() {
    import(
        "vale-of-glamorgan-estyn.xlsx",
        "vale-of-glamorgan-estyn",
        None,
        &[],
    );
}

#[test]
fn worcestershire_a_brag_key_read_with_the_plans_own_statuses() {
    import(
        "worcestershire-send-wsoa.ods",
        "worcestershire-send-wsoa",
        Some(BRAG),
        &[
            "--cycle",
            "2019-04",
            "--organisation",
            "Worcestershire County Council",
        ],
    );
}

#[test]
fn stockton_a_one_to_four_assessment_of_progress() {
    import(
        "stockton-select-committee.xlsx",
        "stockton-select-committee",
        Some(ONE_TO_FOUR),
        &["--cycle", "2025-12"],
    );
}

#[test]
fn york_a_csv_with_one_row_per_recommendation() {
    import(
        "york-scrutiny-tracker.csv",
        "york-scrutiny-tracker",
        // A CSV file has no title rows to take the plan's title from.
        Some("title: Scrutiny Recommendation Tracker\n"),
        &[
            "--cycle",
            "2026-03",
            "--organisation",
            "City of York Council",
            "--source",
            "City of York Council, Corporate Scrutiny Committee, 2 March 2026, Scrutiny Recommendation Tracking, Annex A",
        ],
    );
}

#[test]
fn wrexham_a_reference_number_per_action_under_each_recommendation() {
    import(
        "wrexham-estyn-piap.xlsx",
        "wrexham-estyn-piap",
        Some("columns:\n  measure: Objective/ Improvement\n"),
        &["--cycle", "2012-01"],
    );
}

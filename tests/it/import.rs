//! `ragtime import`: real spreadsheets saved by a spreadsheet program
//! (tests/fixtures/sheets/, made by its make.py) read into plans that
//! `check` passes and that publish what the hand-written plan publishes.

use crate::util::Site;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Two committee cycles that the cycles.xlsx fixture names ("RAG Oct 25", "RAG Jan 26").
fn with_meetings(site: &Site) -> &Site {
    site.replace(
        "content/site.yaml",
        "cycles:\n",
        "cycles:\n  - id: 2025-10\n    date: 2025-10-16\n    meeting: Test committee\n  - id: 2026-01\n    date: 2026-01-22\n    meeting: Test committee\n",
    )
}

const KEY: &str = "key:
  - {id: blue, label: Blue, colour: blue, done: true}
  - {id: green, label: Green, colour: green}
  - {id: amber, label: Amber, colour: amber}
  - {id: red, label: Red, colour: red}
";

fn json(site: &Site, plan: &str) -> Value {
    let text = site.read(&format!("public/plans/{plan}.json"));
    serde_json::from_str(&text).expect("plan JSON")
}

/// Text values trimmed, so a block's final line break is not a difference.
fn trimmed(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(text.trim().to_owned()),
        Value::Array(items) => Value::Array(items.iter().map(trimmed).collect()),
        // Links to indicators are added by hand after an import (a spreadsheet has none).
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| *k != "indicators")
                .map(|(k, v)| (k.clone(), trimmed(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn import_telford(site: &Site, file: &str, id: &str) -> String {
    let output = site.run(&[
        "import",
        arg(&fixture(file)),
        "--id",
        id,
        "--responds-to",
        "telford-ofsted-2012",
        "--cycle",
        "2013-08",
    ]);
    output.passes();
    output.stdout.clone()
}

#[test]
fn a_councils_tracker_imports_as_the_hand_written_plan() {
    let site = Site::example();
    let printed = import_telford(&site, "telford-tracker.xlsx", "telford-imported");
    for said in [
        "sheet \"Improvement plan\", headings on row 5",
        "Lead officer(s)",
        "→ owner",
        "→ recommendations, with the findings of telford-ofsted-2012 they name",
        "read 57 actions in 8 sections, 26 recommendations",
        "status \"In Progress on schedule\" → on-track (3)",
        "skipped hidden row 42",
        "skipped hidden column I \"Officer notes\"",
        "wrote ",
    ] {
        assert!(
            printed.contains(said),
            "import did not say {said:?}:\n{printed}"
        );
    }
    let yaml = site.read("content/plans/telford-imported.yaml");
    assert!(!yaml.contains("withdrawn"), "a hidden row was imported");
    assert!(!yaml.contains("chased"), "a hidden column was imported");
    assert!(
        yaml.contains("#   I Officer notes -> not imported: a hidden column"),
        "{yaml}"
    );
    assert!(yaml.contains("organisation: Telford & Wrekin Council"));
    assert!(yaml.contains("kind: improvement"), "{yaml}");
    assert!(
        yaml.contains("\nsource: Telford & Wrekin Council, Children's Services Improvement Plan (working document), Progress reported to Children and Young People Scrutiny Committee, 15 August 2013\n"),
        "{yaml}"
    );
    site.run(&["build"]).passes();
    let imported = json(&site, "telford-imported");
    let written = json(&site, "telford-improvement-plan");
    // Everything an action says is the same; what differs is the plan's own
    // heading (its id, source, summary and the spreadsheet's column headings).
    assert_eq!(
        trimmed(&imported["plan"]["sections"]),
        trimmed(&written["plan"]["sections"])
    );
    assert_eq!(imported["derived"], written["derived"]);
    assert_eq!(imported["summary"], written["summary"]);
    assert_eq!(imported["plan"]["labels"]["owner"], "Lead officer(s)");
}

#[test]
fn the_same_tracker_saved_as_ods_and_csv_reads_the_same() {
    let site = Site::example();
    import_telford(&site, "telford-tracker.ods", "from-ods");
    let printed = import_telford(&site, "telford-tracker.csv", "from-csv");
    // A CSV file cannot hide a row, so the withdrawn one is there.
    assert!(
        printed.contains("read 58 actions in 8 sections, 26 recommendations"),
        "{printed}"
    );
    site.run(&["build"]).passes();
    let written = json(&site, "telford-improvement-plan");
    let texts = |plan: &Value| -> Vec<String> {
        let mut texts = Vec::new();
        for section in plan["plan"]["sections"].as_array().unwrap() {
            for recommendation in section["recommendations"].as_array().unwrap() {
                for action in recommendation["actions"].as_array().unwrap() {
                    texts.push(format!(
                        "{} | {} | {} | {}",
                        recommendation["id"],
                        action["text"],
                        action["owner"],
                        action["updates"][0]["status"]
                    ));
                }
            }
        }
        texts
    };
    assert_eq!(texts(&json(&site, "from-ods")), texts(&written));
    let from_csv: Vec<String> = texts(&json(&site, "from-csv"))
        .into_iter()
        .filter(|t| !t.contains("(withdrawn)"))
        .collect();
    assert_eq!(from_csv, texts(&written));
    // The CSV has the dates as shown ("Aug-12"): the same targets and due dates.
    assert_eq!(
        trimmed(&json(&site, "from-csv")["derived"])
            .as_array()
            .unwrap()
            .len(),
        58
    );
}

#[test]
fn a_dry_run_shows_what_would_be_read_and_writes_nothing() {
    let site = Site::example();
    let output = site.run(&[
        "import",
        arg(&fixture("telford-tracker.xlsx")),
        "--dry-run",
        "--responds-to",
        "telford-ofsted-2012",
        "--cycle",
        "2013-08",
    ]);
    output.passes();
    assert!(output.stdout.contains("first rows as read:"), "{output}");
    assert!(
        output
            .stdout
            .contains("row 7: recommendation R1 (telford-ofsted-2012#R1);"),
        "{output}"
    );
    assert!(
        output
            .stdout
            .contains("due 2012-08-31; at 2013-08: complete"),
        "{output}"
    );
    assert!(output.stdout.contains("was not written"), "{output}");
    assert!(!site.path("content/plans/telford-tracker.yaml").exists());
}

#[test]
fn an_existing_plan_is_replaced_only_with_force() {
    let site = Site::example();
    let plan = "content/plans/telford-improvement-plan.yaml";
    let before = site.read(plan);
    let args = |force: bool| {
        let mut args = vec![
            "import".to_owned(),
            arg(&fixture("telford-tracker.xlsx")).to_owned(),
            "--id".to_owned(),
            "telford-improvement-plan".to_owned(),
            "--responds-to".to_owned(),
            "telford-ofsted-2012".to_owned(),
            "--cycle".to_owned(),
            "2013-08".to_owned(),
        ];
        if force {
            args.push("--force".to_owned());
        }
        args
    };
    let refused = site.run(&args(false).iter().map(String::as_str).collect::<Vec<_>>());
    refused.fails().stderr_has(
        "a plan with this id already exists; choose another with --id, or replace it with --force",
    );
    assert_eq!(site.read(plan), before);
    site.run(&args(true).iter().map(String::as_str).collect::<Vec<_>>())
        .passes();
    assert!(site
        .read(plan)
        .starts_with("# Imported by `ragtime import`"));
}

#[test]
fn an_unknown_status_is_an_error_at_its_cell_with_a_suggestion() {
    let site = Site::example();
    site.write("map.yaml", KEY);
    let output = site.run(&[
        "import",
        arg(&fixture("bad-status.csv")),
        "--map",
        arg(&site.path("map.yaml")),
        "--cycle",
        "2013-08",
    ]);
    output.fails();
    output.stderr_has("bad-status.csv: bad-status!C3: error: \"Amberish\" is not a status of this plan; did you mean \"Amber\"? expected one of: Blue, Green, Amber, Red");
    output.stderr_has("import: 1 problem; nothing was written");
    assert!(!site.path("content/plans/bad-status.yaml").exists());
}

#[test]
fn columns_named_after_meetings_become_one_update_per_cycle() {
    let site = Site::example();
    with_meetings(&site);
    site.write("map.yaml", KEY);
    let output = site.run(&[
        "import",
        arg(&fixture("cycles.xlsx")),
        "--map",
        arg(&site.path("map.yaml")),
    ]);
    output.passes();
    assert!(
        output.stdout.contains("RAG Oct 25")
            && output.stdout.contains("→ updates: status at cycle 2025-10"),
        "{output}"
    );
    assert!(
        output
            .stdout
            .contains("→ updates: progress at cycle 2026-01"),
        "{output}"
    );
    site.check().passes();
    let yaml = site.read("content/plans/cycles.yaml");
    // Numbers as printed, "1.10" too, and ids from them.
    assert!(
        yaml.contains("- id: \"1.10\"\n        number: \"1.10\""),
        "{yaml}"
    );
    assert!(yaml.contains("statuses:\n  - id: blue"), "{yaml}");
    site.run(&["build"]).passes();
    let plan = json(&site, "cycles");
    let sections = plan["plan"]["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[0]["number"], "1");
    assert_eq!(sections[0]["title"], "Early help");
    let first = &sections[0]["actions"][0];
    assert_eq!(first["due"], "2025-12-31");
    let cycles: Vec<&str> = first["updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["cycle"].as_str().unwrap())
        .collect();
    assert_eq!(cycles, ["2025-10", "2026-01"]);
    // Action 1.10 was not reported in October: one update only.
    let late = &sections[0]["actions"][3];
    assert_eq!(late["number"], "1.10");
    assert_eq!(late["updates"].as_array().unwrap().len(), 1);
}

#[test]
fn a_meeting_that_is_not_a_cycle_is_an_error() {
    let site = Site::example();
    site.write("map.yaml", KEY);
    let output = site.run(&[
        "import",
        arg(&fixture("cycles.xlsx")),
        "--map",
        arg(&site.path("map.yaml")),
    ]);
    output.fails();
    output.stderr_has("cycles.xlsx: Action plan!E1: error: \"RAG Oct 25\" names a meeting (October 2025) that is not a committee cycle in content/site.yaml");
    assert!(!site.path("content/plans/cycles.yaml").exists());
}

#[test]
fn progress_without_a_meeting_asks_for_the_cycle() {
    let site = Site::example();
    site.run(&["import", arg(&fixture("telford-tracker.xlsx"))])
        .fails()
        .stderr_has("the sheet reports progress (\"Progress\", \"RAG rating\") but not at which meeting; run with --cycle (one of 2016-04,");
}

#[test]
fn a_mapping_file_reads_layouts_the_guess_gets_wrong() {
    let site = Site::example();
    site.write(
        "map.yaml",
        "heading_row: 5\ncolumns:\n  text: Action\n  evidence: Source\n  owner: Lead officer(s)\nignore: [Evidence, Officer notes]\nstatuses:\n  In Progress on schedule: at-risk\ntitle: Telford plan from CSV\nkind: improvement\n",
    );
    let output = site.run(&[
        "import",
        arg(&fixture("telford-tracker.csv")),
        "--map",
        arg(&site.path("map.yaml")),
        "--cycle",
        "2013-08",
    ]);
    output.passes();
    assert!(
        output
            .stdout
            .contains("Source                         → evidence"),
        "{output}"
    );
    assert!(
        output
            .stdout
            .contains("not imported: ignored by the mapping file"),
        "{output}"
    );
    assert!(
        output
            .stdout
            .contains("status \"In Progress on schedule\" → at-risk (3)"),
        "{output}"
    );
    let yaml = site.read("content/plans/telford-tracker.yaml");
    assert!(yaml.contains("title: Telford plan from CSV"));
    assert!(
        yaml.contains("evidence: Ofsted 2012 unannounced report (Safeguarding)"),
        "{yaml}"
    );

    site.write(
        "bad.yaml",
        "columns:\n  text: Actions to take\n  colour: RAG rating\n",
    );
    let output = site.run(&[
        "import",
        arg(&fixture("telford-tracker.csv")),
        "--map",
        arg(&site.path("bad.yaml")),
        "--id",
        "other",
    ]);
    output.fails();
    output.stderr_has("the mapping file names a field \"colour\"; expected one of section, recommendation_text, recommendation_ref, findings, number");
    output.stderr_has(
        "the mapping file names a column \"Actions to take\", but row 5 has no such heading",
    );

    site.write("broken.yaml", "columns: [\n");
    site.run(&[
        "import",
        arg(&fixture("telford-tracker.csv")),
        "--map",
        arg(&site.path("broken.yaml")),
        "--id",
        "other",
    ])
    .fails()
    .stderr_has("broken.yaml:");
}

#[test]
fn rows_that_cannot_be_read_are_each_reported_and_nothing_is_written() {
    let site = Site::example();
    site.write(
        "plan.csv",
        "Ref,Action,Owner,Due date,Status\nR1,First action,Ann Smith,31/03/2026,Complete\nR1,,Bob Jones,,Complete\nR2,Third action,Cy Lee,not a date at all,\nR99,Fourth,Dee,,\n",
    );
    let output = site.run(&[
        "import",
        arg(&site.path("plan.csv")),
        "--responds-to",
        "telford-ofsted-2012",
        "--cycle",
        "2013-08",
    ]);
    output.fails();
    output.stderr_has("plan.csv: plan!B3: error: this row has no action text");
    output.stderr_has("plan.csv: plan!A5: error: \"R99\": \"R99\" is not a finding of telford-ofsted-2012; its findings are R1, R2,");
    output.stderr_has("import: 2 problems; nothing was written");
    assert!(!site.path("content/plans/plan.yaml").exists());
}

#[test]
fn files_that_are_not_spreadsheets_are_refused() {
    let site = Site::example();
    site.write("plan.docx", "not a spreadsheet");
    site.run(&["import", arg(&site.path("plan.docx"))])
        .fails()
        .stderr_has("not a spreadsheet ragtime reads: expected a .xlsx, .ods, .xls or .csv file");
    site.write("plan.xlsx", "not a zip file");
    site.run(&["import", arg(&site.path("plan.xlsx"))])
        .fails()
        .stderr_has("could not be read as a xlsx spreadsheet");
    site.write("empty.csv", "Title only\n\n");
    site.run(&["import", arg(&site.path("empty.csv"))])
        .fails()
        .stderr_has("no row of headings found in the first 30 rows");
    site.run(&[
        "import",
        arg(&fixture("telford-tracker.csv")),
        "--cycle",
        "1999-01",
    ])
    .fails()
    .stderr_has("--cycle 1999-01: not a committee cycle in content/site.yaml");
    site.run(&[
        "import",
        arg(&fixture("telford-tracker.csv")),
        "--responds-to",
        "ofsted-1999",
        "--cycle",
        "2013-08",
    ])
    .fails()
    .stderr_has("--responds-to ofsted-1999: no such inspection");
}

#[test]
fn a_sheet_of_the_officers_tracker_imports_back_into_its_plan() {
    let site = Site::example();
    site.run(&["build"]).passes();
    let tracker = site.path("public/actions.xlsx");
    let tracker = arg(&tracker).to_owned();
    site.run(&[
        "import",
        &tracker,
        "--sheet",
        "telford-improvement-plan",
        "--id",
        "telford-again",
        "--responds-to",
        "telford-ofsted-2012",
    ])
    .passes();
    site.run(&["build"]).passes();
    let again = json(&site, "telford-again");
    let written = json(&site, "telford-improvement-plan");
    assert_eq!(again["derived"], written["derived"]);
    assert_eq!(again["summary"], written["summary"]);
    let actions = |plan: &Value| -> Vec<Value> {
        let mut actions = Vec::new();
        for section in plan["plan"]["sections"].as_array().unwrap() {
            for recommendation in section["recommendations"].as_array().unwrap() {
                for action in recommendation["actions"].as_array().unwrap() {
                    actions.push(trimmed(&serde_json::json!([
                        recommendation["id"],
                        recommendation["findings"],
                        action["id"],
                        action["text"],
                        action["owner"],
                        action["due"],
                        action["updates"],
                    ])));
                }
            }
        }
        actions
    };
    assert_eq!(actions(&again), actions(&written));
}

#[test]
fn the_mapping_file_names_the_recommendations_text_and_reference_apart() {
    let site = Site::example();
    site.write(
        "plan.csv",
        "Finding,Recommendation,Action,Owner\nR1,Make the front door work,Agree the audit programme,Ann Smith\nR2,Plan placements in time,Publish the dashboard,Bob Jones\n",
    );
    let import = |map: &str| {
        site.write("map.yaml", map);
        site.run(&[
            "import",
            arg(&site.path("plan.csv")),
            "--map",
            arg(&site.path("map.yaml")),
            "--responds-to",
            "telford-ofsted-2012",
            "--dry-run",
        ])
    };
    for (old, new) in [
        ("recommendation", "recommendation_text"),
        ("ref", "recommendation_ref"),
    ] {
        let output = import(&format!("columns:\n  {old}: Finding\n"));
        output.fails().stderr_has(&format!(
            "plan.csv: plan!A1: error: the mapping file names a field \"{old}\", which is now called \"{new}\"\n  help: name the recommendation's own words `recommendation_text`, and its reference (\"R1\", which links it to the findings of --responds-to) `recommendation_ref`"
        ));
    }
    let output =
        import("columns:\n  recommendation_ref: Finding\n  recommendation_text: Recommendation\n");
    output.passes();
    assert!(
        output
            .stdout
            .contains("row 2: recommendation R1 (telford-ofsted-2012#R1);"),
        "{output}"
    );
    assert!(
        output
            .stdout
            .contains("Recommendation                 → recommendations' text\n"),
        "{output}"
    );
    // Text alone links no findings, and the import says so rather than that it does.
    let output = import("columns:\n  recommendation_text: Recommendation\nignore: [Finding]\n");
    output.passes();
    assert!(
        output.stdout.contains("→ recommendations' text, which names no finding of telford-ofsted-2012: map the column of references (\"R1\") as recommendation_ref to link them"),
        "{output}"
    );
    assert!(!output.stdout.contains("with the findings of"), "{output}");
}

#[test]
fn a_dry_run_fails_as_the_import_fails_with_the_same_problems() {
    let site = Site::example();
    // Each row reads, but the site check refuses the plan: an action has its recommendation's id.
    site.write(
        "plan.csv",
        "Ref,Id,Action,Owner\nR1,R1,First action,Ann Smith\nR2,a2,Second action,Bob Jones\n",
    );
    let dry = site.run(&["import", arg(&site.path("plan.csv")), "--dry-run"]);
    let real = site.run(&["import", arg(&site.path("plan.csv"))]);
    // The site check's problem stands at the cells it came from, never at a line of a file not written.
    real.fails().stderr_has(
        "plan.csv: plan!B2: error: duplicate id \"R1\": an earlier recommendation in this file has it, at plan!A2",
    );
    assert!(!real.stderr.contains("content/plans/plan.yaml"), "{real}");
    assert_eq!(dry.code, real.code, "dry run:\n{dry}\nimport:\n{real}");
    assert_eq!(dry.stderr, real.stderr);
    assert!(!site.path("content/plans/plan.yaml").exists());
    // So does a plan that is there already, without --force.
    let args = |dry_run: bool| {
        let mut args = vec![
            "import",
            "--id",
            "telford-improvement-plan",
            "--responds-to",
            "telford-ofsted-2012",
            "--cycle",
            "2013-08",
        ];
        if dry_run {
            args.push("--dry-run");
        }
        args
    };
    let tracker = fixture("telford-tracker.xlsx");
    let run = |dry_run: bool| {
        let mut with_file = args(dry_run);
        with_file.insert(1, arg(&tracker));
        site.run(&with_file)
    };
    let (dry, real) = (run(true), run(false));
    real.fails()
        .stderr_has("a plan with this id already exists");
    assert_eq!(dry.code, real.code, "dry run:\n{dry}\nimport:\n{real}");
    assert_eq!(dry.stderr, real.stderr);
}

#[test]
fn the_sites_state_after_an_import_is_told_truthfully() {
    let site = Site::example();
    site.write(
        "plan.csv",
        "Ref,Action,Owner\nR1,First action,Ann Smith\nR2,Second action,Bob Jones\n",
    );
    // The example site has three warnings of its own; the import brings two.
    let output = site.run(&["import", "plan.csv", "--dry-run"]);
    output.passes();
    assert!(
        output
            .stdout
            .contains("from this import:\nplan.csv: plan!C2: warning: the owner \"Ann Smith\" is not in content/owners.yaml\n"),
        "{output}"
    );
    assert!(
        output.stdout.contains("`ragtime check` would pass with 5 warnings: 2 warnings from this import; 3 warnings there before this import, in other files (`ragtime check` lists them)\n"),
        "{output}"
    );
    // A site that fails check before the import still fails after it, and says so.
    site.write("content/plans/broken.yaml", "title: Broken\n");
    let output = site.run(&["import", "plan.csv"]);
    output.passes();
    assert!(!output.stdout.contains("passes"), "{output}");
    assert!(
        output.stdout.contains("there before this import, in other files:\ncontent/plans/broken.yaml:1:1: error: the required field \"organisation\" is missing"),
        "{output}"
    );
    assert!(
        output.stdout.contains("`ragtime check` fails with 2 errors, 5 warnings: 2 warnings from this import; 2 errors, 3 warnings there before this import, in other files (the errors above; `ragtime check` lists the warnings)\n"),
        "{output}"
    );
    let checked = site.run(&["check"]);
    checked.fails().stderr_has("2 errors, 5 warnings");
}

#[test]
fn the_plans_organisation_kind_and_source_are_given_or_told_never_made_up() {
    let site = Site::example();
    // A site whose `organisation` is only its title again names no organisation.
    site.replace(
        "content/site.yaml",
        "organisation: ragtime example site",
        "organisation: Children's services action plans",
    );
    site.write(
        "plan.csv",
        "Ref,Action,Owner\nR1,First action,Ann Smith\nR2,Second action,Bob Jones\n",
    );
    let output = site.run(&["import", arg(&site.path("plan.csv")), "--dry-run"]);
    output.fails().stderr_has("plan.csv: error: neither the spreadsheet nor content/site.yaml names the organisation whose plan this is; give it with --organisation");
    site.run(&[
        "import",
        arg(&site.path("plan.csv")),
        "--organisation",
        "Slough Borough Council",
        "--source",
        "Slough Borough Council, Cabinet, 15 January 2026: Children looked after action plan",
        "--responds-to",
        "telford-ofsted-2012",
    ])
    .passes();
    let yaml = site.read("content/plans/plan.yaml");
    assert!(
        yaml.contains("\norganisation: Slough Borough Council\n"),
        "{yaml}"
    );
    // A plan answering an inspection is that inspection's action plan, not scrutiny's.
    assert!(yaml.contains("\nkind: inspection\n"), "{yaml}");
    assert!(
        yaml.contains("\nsource: \"Slough Borough Council, Cabinet, 15 January 2026: Children looked after action plan\"\n"),
        "{yaml}"
    );
    // Without --source, the sheet's title rows name the paper; the file's name is never published.
    site.write(
        "titled.csv",
        "Slough Borough Council,,\nChildren looked after action plan,,\n,,\nRef,Action,Owner\nR1,First action,Ann Smith\n",
    );
    site.run(&["import", arg(&site.path("titled.csv"))])
        .passes();
    let yaml = site.read("content/plans/titled.yaml");
    assert!(
        yaml.contains("\norganisation: Slough Borough Council\n"),
        "{yaml}"
    );
    assert!(yaml.contains("\nkind: scrutiny\n"), "{yaml}");
    assert!(
        yaml.contains("\nsource: Slough Borough Council, Children looked after action plan\n"),
        "{yaml}"
    );
    // With neither, there is no source to publish, and the plan says to add one.
    site.run(&[
        "import",
        arg(&site.path("plan.csv")),
        "--id",
        "untitled",
        "--organisation",
        "Slough Borough Council",
    ])
    .passes();
    let yaml = site.read("content/plans/untitled.yaml");
    assert!(!yaml.contains("\nsource:"), "{yaml}");
    assert!(
        yaml.contains("# Add `source:`, the paper this plan comes from"),
        "{yaml}"
    );
    site.run(&["build"]).passes();
    assert!(!site.read("public/plans/plan.json").contains("plan.csv"));
}

#[test]
fn a_re_import_keeps_the_updates_the_spreadsheet_does_not_hold() {
    let site = Site::example();
    site.write(
        "plan.csv",
        "Ref,Action,Owner,Status,Progress\nR1,First action,Ann Smith,Not started,Planned\nR2,Second action,Bob Jones,At risk,Slow\n",
    );
    let import = |dry_run: bool| {
        let mut args = vec!["import", "plan.csv", "--cycle", "2013-08", "--force"];
        if dry_run {
            args.push("--dry-run");
        }
        site.run(&args)
    };
    import(false).passes();
    // A return read at a later cycle, as `returns --read` adds it.
    site.replace(
        "content/plans/plan.yaml",
        "            progress: Planned\n",
        "            progress: Planned\n          - cycle: 2023-12\n            status: complete\n            progress: Done in the autumn\n",
    );
    let dry = import(true);
    dry.passes();
    assert!(
        dry.stdout
            .contains("would keep 1 update the spreadsheet does not hold: R1.1 at 2023-12\n"),
        "{dry}"
    );
    let again = import(false);
    again.passes();
    assert!(
        again
            .stdout
            .contains("kept 1 update the spreadsheet does not hold: R1.1 at 2023-12\n"),
        "{again}"
    );
    let yaml = site.read("content/plans/plan.yaml");
    assert!(
        yaml.contains("progress: Planned\n          - cycle: 2023-12\n            status: complete\n            progress: Done in the autumn\n"),
        "{yaml}"
    );
    // What the sheet holds is replaced: its own cycle is read afresh, not kept twice.
    assert_eq!(yaml.matches("cycle: 2013-08").count(), 2, "{yaml}");
    site.check().passes();
    // An action taken out of the sheet goes, and the updates that go with it are named.
    site.write(
        "plan.csv",
        "Ref,Action,Owner,Status,Progress\nR2,Second action,Bob Jones,At risk,Slow\n",
    );
    let fewer = import(false);
    fewer.passes();
    assert!(
        fewer.stdout.contains(
            "dropped 2 updates of actions no longer in the spreadsheet: R1.1 at 2013-08, R1.1 at 2023-12\n"
        ),
        "{fewer}"
    );
}

#[test]
fn a_re_import_keeps_each_sections_returns_with_its_own_action_in_date_order() {
    let site = Site::example();
    // Actions straight under their priorities, with no reference or number:
    // each is known by its place in its own section.
    site.write(
        "plan.csv",
        "Priority,Action,Owner,Status,Progress
Early help,First action,Ann Smith,At risk,Slow one
Placements,Second action,Bob Jones,At risk,Slow two
",
    );
    let import = || site.run(&["import", "plan.csv", "--cycle", "2025-03", "--force"]);
    import().passes();
    // Returns read for an earlier meeting than the sheet reports, one per action.
    let path = "content/plans/plan.yaml";
    for which in ["one", "two"] {
        let yaml = site.read(path);
        let progress = format!("progress: Slow {which}\n");
        let at = yaml.find(&progress).expect(&yaml) + progress.len();
        let item = yaml[..at].rfind("- cycle: 2025-03").unwrap();
        let indent = &yaml[yaml[..item].rfind('\n').unwrap() + 1..item];
        let returned = format!(
            "{indent}- cycle: 2023-12\n{indent}  status: on-track\n{indent}  progress: Returned {which}\n"
        );
        site.write(path, format!("{}{returned}{}", &yaml[..at], &yaml[at..]));
    }
    let again = import();
    again.passes();
    assert!(
        again
            .stdout
            .contains("kept 2 updates the spreadsheet does not hold: "),
        "{again}"
    );
    let yaml = site.read(path);
    let place = |text: &str| {
        yaml.find(text)
            .unwrap_or_else(|| panic!("no {text} in\n{yaml}"))
    };
    // Each return stays with its own action, before the later meeting's update.
    assert!(place("First action") < place("Returned one"), "{yaml}");
    assert!(place("Returned one") < place("Slow one"), "{yaml}");
    assert!(place("Slow one") < place("Second action"), "{yaml}");
    assert!(place("Second action") < place("Returned two"), "{yaml}");
    assert!(place("Returned two") < place("Slow two"), "{yaml}");
    site.check().passes();
}

#[test]
fn joint_leads_split_into_the_directorys_owners_and_a_post_with_a_slash_stays_whole() {
    let site = Site::example();
    site.replace(
        "content/owners.yaml",
        "- id: public-health\n",
        "- id: nurse-midwife-doctor\n  name: Named Nurse / Midwife / Doctor\n- id: public-health\n",
    );
    site.write(
        "plan.csv",
        "Ref,Action,Owner\nR1,First action,Delivery / Public Health\nR2,Second action,Named Nurse / Midwife / Doctor\nR3,Third action,\"Delivery\nPublic Health\"\nR4,Fourth action,Public Health and Cy Twombly\n",
    );
    let dry = site.run(&["import", "plan.csv", "--dry-run"]);
    dry.passes();
    assert!(
        dry.stdout.contains("plan.csv: plan!C5: warning: \"Public Health and Cy Twombly\" is kept as one owner: content/owners.yaml does not know \"Cy Twombly\"; add it (or an alias) there to read it as joint leads\n"),
        "{dry}"
    );
    assert!(
        dry.stdout.contains("lines for content/owners.yaml that would let those cells be split:\n- id: cy-twombly\n  name: Cy Twombly\n"),
        "{dry}"
    );
    site.run(&["import", "plan.csv"]).passes();
    let yaml = site.read("content/plans/plan.yaml");
    assert_eq!(
        yaml.matches("owner: [Delivery, Public Health]").count(),
        2,
        "{yaml}"
    );
    assert!(
        yaml.contains("owner: Named Nurse / Midwife / Doctor\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("owner: Public Health and Cy Twombly\n"),
        "{yaml}"
    );
    // Each lead keeps their own page, with every action they lead.
    site.run(&["build"]).passes();
    let page = site.read("public/owners/public-health/index.html");
    assert!(
        page.contains("First action") && page.contains("Third action"),
        "{page}"
    );
}

/// The updates of each action of plan `id`, as `cycle: status / progress`.
fn updates(site: &Site, id: &str) -> Vec<Vec<String>> {
    let plan = json(site, id);
    let mut found = Vec::new();
    for section in plan["plan"]["sections"].as_array().unwrap() {
        for action in section["actions"].as_array().unwrap() {
            found.push(
                action["updates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|u| {
                        format!(
                            "{}: {} / {}",
                            u["cycle"].as_str().unwrap_or("-"),
                            u["status"].as_str().unwrap_or("-"),
                            u["progress"].as_str().unwrap_or("-")
                        )
                    })
                    .collect(),
            );
        }
    }
    found
}

#[test]
fn an_undated_status_column_joins_the_dated_progress_column_beside_it() {
    let site = Site::example();
    with_meetings(&site);
    let import = |id: &str, headings: &str, cycle: Option<&str>| {
        site.write(
            "plan.csv",
            format!("Action,Owner,{headings}\nAgree the audit,Ann Smith,At risk,Audits agreed\nPublish the dashboard,Bob Jones,Complete,Published\n"),
        );
        let mut args = vec!["import", "plan.csv", "--id", id];
        if let Some(cycle) = cycle {
            args.extend(["--cycle", cycle]);
        }
        site.run(&args)
    };
    let one_each = [
        vec!["2025-10: at-risk / Audits agreed".to_owned()],
        vec!["2025-10: complete / Published".to_owned()],
    ];
    // The heading names the meeting; --cycle names the same one, or is left out.
    let output = import(
        "undated-status",
        "Status,Progress update October 2025",
        None,
    );
    output.passes();
    assert!(
        output
            .stdout
            .contains("Status                         → updates: status at cycle 2025-10"),
        "{output}"
    );
    import(
        "with-cycle",
        "Status,Progress update October 2025",
        Some("2025-10"),
    )
    .passes();
    // The mirror: a dated status, an undated progress column.
    import("undated-progress", "RAG October 2025,Progress", None).passes();
    site.run(&["build"]).passes();
    for id in ["undated-status", "with-cycle", "undated-progress"] {
        assert_eq!(updates(&site, id), one_each, "{id}");
    }
    // Dated columns at two meetings leave the undated one's meeting unsaid.
    import(
        "two-meetings",
        "Status,Progress October 2025,Progress January 2026",
        None,
    )
    .fails()
    .stderr_has(
        "the sheet reports progress (\"Status\") but not at which meeting; run with --cycle",
    );
    // An undated column of a field already dated at that meeting is not folded into it.
    import(
        "twice",
        "Progress,Progress update October 2025",
        Some("2025-10"),
    )
    .fails()
    .stderr_has("two updates for the same cycle");
    // A "Reported at" column says each row's meeting: the undated status stays at it.
    site.write(
        "reported.csv",
        "Action,Owner,Reported at,Status,Progress January 2026\nAgree the audit,Ann Smith,2025-10,Complete,Audits agreed\n",
    );
    site.run(&["import", "reported.csv"]).passes();
    site.run(&["build"]).passes();
    assert_eq!(
        updates(&site, "reported"),
        [vec![
            "2025-10: complete / -".to_owned(),
            "2026-01: - / Audits agreed".to_owned()
        ]]
    );
}

/// Each recommendation of plan `id` as `id [findings]: action numbers`.
fn recommendations(site: &Site, id: &str) -> Vec<String> {
    let plan = json(site, id);
    let mut found = Vec::new();
    // The plan's own recommendations, then each section's.
    let top = serde_json::json!({ "recommendations": plan["plan"]["recommendations"] });
    let sections = plan["plan"]["sections"].as_array().unwrap();
    for section in std::iter::once(&top).chain(sections) {
        for recommendation in section["recommendations"].as_array().unwrap() {
            let findings: Vec<&str> = recommendation["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            let numbers: Vec<&str> = recommendation["actions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["number"].as_str().unwrap_or("-"))
                .collect();
            found.push(format!(
                "{} [{}]: {}",
                recommendation["id"].as_str().unwrap(),
                findings.join(" "),
                numbers.join(" ")
            ));
        }
    }
    found
}

#[test]
fn a_reference_merged_down_its_actions_groups_them_and_the_column_beside_it_numbers_them() {
    let site = Site::example();
    // The recommendation's reference merged down its actions, each action numbered by extending it.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Plan").unwrap();
    let plain = rust_xlsxwriter::Format::new();
    for (c, heading) in (0u16..).zip(["Recommendation", "Ref", "Action", "Lead officer"]) {
        sheet.write_string(0, c, heading).unwrap();
    }
    sheet.merge_range(1, 0, 2, 0, "R4", &plain).unwrap();
    sheet.merge_range(3, 0, 4, 0, "R7-R9", &plain).unwrap();
    for (r, number) in (1u32..).zip(["R4.1", "R4.2", "R7-R9.1", "R7-R9.2"]) {
        sheet.write_string(r, 1, number).unwrap();
        sheet
            .write_string(r, 2, format!("Action {number}"))
            .unwrap();
        sheet.write_string(r, 3, "Ann Smith").unwrap();
    }
    book.save(site.path("merged.xlsx")).unwrap();
    let output = site.run(&[
        "import",
        "merged.xlsx",
        "--responds-to",
        "telford-ofsted-2012",
    ]);
    output.passes();
    assert!(
        output
            .stdout
            .contains("  B   Ref                            → number\n"),
        "{output}"
    );
    // Saved as CSV, the merged cell is the value and blanks below it; a
    // number column may come first and repeat its value instead.
    site.write(
        "blanks.csv",
        "Recommendation,Ref,Action,Lead officer\nR4,R4.1,Action R4.1,Ann Smith\n,R4.2,Action R4.2,Ann Smith\nR7-R9,R7-R9.1,Action R7-R9.1,Ann Smith\n,R7-R9.2,Action R7-R9.2,Ann Smith\n",
    );
    site.write(
        "repeats.csv",
        "Ref,No.,Action,Lead officer\nR4.1,R4,Action R4.1,Ann Smith\nR4.2,R4,Action R4.2,Ann Smith\nR7-R9.1,R7-R9,Action R7-R9.1,Ann Smith\nR7-R9.2,R7-R9,Action R7-R9.2,Ann Smith\n",
    );
    for file in ["blanks.csv", "repeats.csv"] {
        site.run(&["import", file, "--responds-to", "telford-ofsted-2012"])
            .passes();
    }
    site.run(&["build"]).passes();
    for id in ["merged", "blanks", "repeats"] {
        assert_eq!(
            recommendations(&site, id),
            [
                "R4 [telford-ofsted-2012#R4]: R4.1 R4.2",
                "R7-R9 [telford-ofsted-2012#R7 telford-ofsted-2012#R9]: R7-R9.1 R7-R9.2"
            ],
            "{id}"
        );
    }
    // A finding that is not the inspection's is named from the grouping column, at its cell.
    site.write(
        "unknown.csv",
        "Recommendation,Ref,Action,Lead officer\nR5,R5.1,First,Ann Smith\n,R5.2,Second,Ann Smith\n",
    );
    site.run(&[
        "import",
        "unknown.csv",
        "--responds-to",
        "telford-ofsted-2012",
        "--dry-run",
    ])
    .fails()
    .stderr_has(
        "unknown.csv: unknown!A2: error: \"R5\": \"R5\" is not a finding of telford-ofsted-2012",
    );
    // Beside recommendation text, a reference column is the one the error names.
    site.write(
        "text.csv",
        "Recommendation,Ref,Action,Lead officer\nMake the front door work,R5,First,Ann Smith\n,,Second,Ann Smith\n",
    );
    site.run(&[
        "import",
        "text.csv",
        "--responds-to",
        "telford-ofsted-2012",
        "--dry-run",
    ])
    .fails()
    .stderr_has("text.csv: text!B2: error: \"R5\": \"R5\" is not a finding of telford-ofsted-2012");
    // Repeated recommendation text groups the rows; a reference unique per row numbers them.
    site.write(
        "numbered.csv",
        "Recommendation,Ref,Action,Lead officer\nMake the front door work,R1.1,First,Ann Smith\nMake the front door work,R1.2,Second,Ann Smith\n",
    );
    let output = site.run(&["import", "numbered.csv", "--dry-run"]);
    output.passes();
    assert!(
        output
            .stdout
            .contains("read 2 actions in 1 section, 1 recommendation as plan"),
        "{output}"
    );
    // The text stays the recommendation's words, numbered in order, not read as a reference.
    assert!(
        output
            .stdout
            .contains("row 2: recommendation 1; R1.1 \"First\""),
        "{output}"
    );
}

#[test]
fn a_problem_the_site_check_finds_in_an_import_stands_at_its_cell() {
    let site = Site::example();
    // "Reported at" and a column dated August 2013 both give row 2 an update at 2013-08.
    site.write(
        "tracker.csv",
        "Ref,Action,Status,Reported at,Status August 2013,Progress August 2013\n\
         R1,First action,At risk,2013-08,On track,Earlier words\n\
         R2,Second action,,,,\n",
    );
    for dry_run in [true, false] {
        let mut args = vec!["import", "tracker.csv"];
        if dry_run {
            args.push("--dry-run");
        }
        let output = site.run(&args);
        output.fails().stderr_has(
            "tracker.csv: tracker!E2: error: two updates for the same cycle \"2013-08\"\n",
        );
        // The site check's warning on the second row stands at its action's text.
        output.stderr_has(
            "tracker.csv: tracker!B3: warning: no progress is reported for this action at ",
        );
        assert!(
            !output.stderr.contains("content/plans/tracker.yaml"),
            "{output}"
        );
        assert!(!output.stderr.contains("field: sections"), "{output}");
    }
    assert!(!site.path("content/plans/tracker.yaml").exists());
}

#[test]
fn updates_read_from_reported_at_and_from_dated_columns_are_listed_oldest_first() {
    let site = Site::example();
    // The "Reported at" update (April 2016) is later than the dated column's (August 2013).
    site.write(
        "tracker.csv",
        "Ref,Action,Status,Progress,Reported at,Status August 2013,Progress August 2013\n\
         R1,First action,At risk,Later words,2016-04,On track,Earlier words\n",
    );
    site.run(&["import", "tracker.csv"]).passes();
    let plan = site.read("content/plans/tracker.yaml");
    let earlier = plan.find("- cycle: 2013-08").expect(&plan);
    let later = plan.find("- cycle: 2016-04").expect(&plan);
    assert!(earlier < later, "{plan}");
    site.check().passes();
}

#[test]
fn a_sheet_with_headings_and_no_actions_is_refused_at_its_headings() {
    let site = Site::example();
    site.write("tracker.csv", "Ref,Action,Status\n");
    site.run(&["import", "tracker.csv", "--cycle", "2013-08"])
        .fails()
        .stderr_has("tracker.csv: tracker!A1: error: no action rows below the headings on row 1");
}

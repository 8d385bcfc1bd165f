//! Levels as printed: an action whose paper rates its steps, not its own row,
//! stands as its steps say (and the page says so); a step's timescale is shown
//! as printed with its due date beside it, and `ragtime dates` reads and
//! writes steps' dates as it does actions'; an action the paper prints no
//! number for is never named by an id ragtime made up. Each test builds a
//! small site in the shape of the paper that showed the fault.

use crate::util::{page, part, read_tree, words, Site};
use std::collections::BTreeMap;

/// A site of two quarterly meetings with the built-in key, and these files.
pub(crate) fn site(files: &[(&str, &str)]) -> Site {
    let site = Site::empty();
    site.write(
        "content/site.yaml",
        "title: Fixture\norganisation: Example Council\nbase_url: https://www.example.gov.uk/\ncycles:\n  - { id: q1, date: 2025-06-30, meeting: Improvement Board }\n  - { id: q2, date: 2025-09-30, meeting: Improvement Board }\n",
    );
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// The site built, as files.
fn built(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    let site = site(files);
    site.run(&["build"]).passes();
    read_tree(&site.path("public"))
}

/// The table row that holds `text`, as words.
#[track_caller]
fn row_of(html: &str, text: &str) -> String {
    let at = html
        .find(text)
        .unwrap_or_else(|| panic!("no {text:?} in\n{html}"));
    let from = html[..at].rfind("<tr").unwrap();
    words(part(&html[from..], "<tr", "</tr>"))
}

/// An improvement plan after an inspection that rates each action's steps
/// and leaves the action's own row without a status, as the post-Ofsted
/// plans that number their steps (a), (b), (c) do.
pub(crate) const STEP_RATED: &str = "title: Improvement plan
organisation: Example Council
kind: inspection
recommendations:
  - id: R1
    actions:
      - text: Assessments are completed within 20 days
        number: \"1.1\"
        owner: Head of Assessment
        steps:
          - text: Practice standards revised
            number: (a)
            updates:
              - { cycle: q1, status: complete, progress: Standards revised. }
          - text: Audit of timeliness
            number: (b)
            updates:
              - { cycle: q1, status: at-risk, progress: The audit is delayed. }
          - text: Report to the board
            number: (c)
            updates:
              - { cycle: q1, status: on-track, progress: Drafted. }
      - text: Supervision is recorded monthly
        number: \"1.2\"
        owner: Head of Assessment
        steps:
          - text: Template agreed
            number: (a)
            updates:
              - { cycle: q1, status: complete, progress: Agreed. }
          - text: Every team trained
            number: (b)
            updates:
              - { cycle: q1, status: complete, progress: Trained. }
";

#[test]
fn an_action_rated_at_step_level_stands_as_its_steps_say() {
    let files = built(&[("content/plans/improvement.yaml", STEP_RATED)]);
    let plan = page(&files, "plans/improvement/index.html");
    // The row: the least favourable open step's status, and the rule.
    let row = row_of(&plan, "Assessments are completed");
    assert!(row.contains("At risk (from its 3 steps)"), "{row}");
    let row = row_of(&plan, "Supervision is recorded");
    assert!(row.contains("Complete (from its 2 steps)"), "{row}");
    // The plan's counts, and its headline on the dashboard.
    let counts = words(part(&plan, "<table class=\"rag__table\"", "</table>"));
    assert!(
        counts.contains("Complete 1 50%") && counts.contains("At risk 1 50%"),
        "{counts}"
    );
    assert!(counts.contains("All actions 2 50% done"), "{counts}");
    assert!(!counts.contains("No update yet"), "{counts}");
    let dashboard = page(&files, "index.html");
    let headline = words(part(&dashboard, "<p class=\"headline\">", "</p>"));
    assert!(
        headline.contains("Complete 1") && headline.contains("At risk 1"),
        "{headline}"
    );
    assert!(headline.contains("50% done"), "{headline}");
    assert!(!headline.contains("No update yet"), "{headline}");
    let owners: Vec<&String> = files
        .keys()
        .filter(|f| {
            f.starts_with("owners/") && f.ends_with("/index.html") && f != &"owners/index.html"
        })
        .collect();
    assert_eq!(owners.len(), 1, "{owners:?}");
    let owner = page(&files, owners[0]);
    let row = row_of(&owner, "Assessments are completed");
    assert!(row.contains("At risk (from its 3 steps)"), "{row}");
    assert!(!row.contains("No update yet"), "{row}");
    // Open data says how the status was read.
    let json = String::from_utf8(files["plans/improvement.json"].clone()).unwrap();
    assert!(
        json.contains("\"status\":\"at-risk\"") || json.contains("\"status\": \"at-risk\""),
        "{json}"
    );
    assert!(json.contains("from its 3 steps"), "{json}");
}

#[test]
fn an_action_is_done_from_its_steps_only_when_every_step_is() {
    // The second action's last step not rated: done is not claimed.
    let plan = STEP_RATED.replace(
        "          - text: Every team trained
            number: (b)
            updates:
              - { cycle: q1, status: complete, progress: Trained. }
",
        "          - text: Every team trained
            number: (b)
",
    );
    let files = built(&[("content/plans/improvement.yaml", &plan)]);
    let html = page(&files, "plans/improvement/index.html");
    let row = row_of(&html, "Supervision is recorded");
    assert!(row.contains("Not rated (from 1 of its 2 steps)"), "{row}");
    assert!(!row.contains("Complete (from"), "{row}");
    let counts = words(part(&html, "<table class=\"rag__table\"", "</table>"));
    assert!(counts.contains("Not rated 1"), "{counts}");
    assert!(!counts.contains("Complete"), "{counts}");
}

/// A plan whose steps carry the paper's month timescales, one also given a
/// due date (as `dates --write` adds), beside an action with both.
pub(crate) const MONTHS: &str = "title: Improvement plan
organisation: Example Council
kind: inspection
recommendations:
  - id: R1
    actions:
      - text: Assessments are completed within 20 days
        number: \"1.1\"
        owner: Head of Assessment
        due: 2026-03-31
        timescale: End of March 2026
        steps:
          # the paper's column: \"By when\"
          - text: Practice standards revised
            number: (a)
            due: 2026-03-31
            timescale: March 2026
          - text: Audit of timeliness
            number: (b)
            timescale: June 2026 # as printed
";

#[test]
fn a_steps_timescale_is_shown_as_printed_with_its_due_date_beside_it() {
    let files = built(&[("content/plans/improvement.yaml", MONTHS)]);
    let plan = page(&files, "plans/improvement/index.html");
    let step = words(part(&plan, "Practice standards revised", "</li>"));
    assert!(step.contains("March 2026 – Due 31 March 2026"), "{step}");
    let step = words(part(&plan, "Audit of timeliness", "</li>"));
    assert!(step.contains("June 2026"), "{step}");
    let owners: Vec<&String> = files
        .keys()
        .filter(|f| {
            f.starts_with("owners/") && f.ends_with("/index.html") && f != &"owners/index.html"
        })
        .collect();
    let owner = page(&files, owners[0]);
    let row = row_of(&owner, "Assessments are completed");
    assert!(row.contains("End of March 2026 31 March 2026"), "{row}");
}

#[test]
fn dates_reads_and_writes_steps_due_dates() {
    let plan = MONTHS.replace(
        "            due: 2026-03-31\n            timescale: March 2026",
        "            timescale: March 2026",
    );
    let site = site(&[("content/plans/improvement.yaml", &plan)]);
    let output = site.run(&["dates"]);
    output.passes();
    assert!(
        output
            .stdout
            .contains("step (a) of 1.1: timescale \"March 2026\" → due: 2026-03-31"),
        "{output}"
    );
    assert!(
        output
            .stdout
            .contains("step (b) of 1.1: timescale \"June 2026\" → due: 2026-06-30"),
        "{output}"
    );
    assert!(
        output
            .stdout
            .contains("0 actions and 2 steps without a due date: 2 dates read, 0 not read"),
        "{output}"
    );
    let output = site.run(&["dates", "--write"]);
    output.passes();
    assert!(output.stdout.contains("wrote 2 due dates"), "{output}");
    let written = site.read("content/plans/improvement.yaml");
    assert_eq!(
        written,
        plan.replace(
            "            timescale: March 2026",
            "            due: 2026-03-31\n            timescale: March 2026"
        )
        .replace(
            "            timescale: June 2026 # as printed",
            "            due: 2026-06-30\n            timescale: June 2026 # as printed"
        )
    );
    // Written, each step's timescale is still shown as printed.
    site.run(&["build"]).passes();
    let html = site.read("public/plans/improvement/index.html");
    let step = words(part(&html, "Audit of timeliness", "</li>"));
    assert!(step.contains("June 2026 – Due 30 June 2026"), "{step}");
}

#[test]
fn an_action_with_no_printed_number_is_named_by_its_text_on_an_indicator_page() {
    let plan = "title: Scrutiny recommendations
organisation: Example Council
kind: scrutiny
recommendations:
  - id: R4
    actions:
      - text: Publish the timeliness of assessments monthly
        owner: Head of Assessment
        indicators: [assessments]
";
    let indicator = "title: Assessments in time
definition: Assessments completed within 20 working days.
unit: percent
polarity: higher
values:
  - { period: 2024/25, value: 71 }
";
    let files = built(&[
        ("content/plans/scrutiny.yaml", plan),
        ("content/indicators/assessments.yaml", indicator),
    ]);
    let html = page(&files, "indicators/assessments/index.html");
    // The id is the link's anchor only; the reader sees the action's text.
    let measures = words(part(&html, "<ul class=\"measures\">", "</ul>"));
    assert!(!measures.contains("R4.1"), "a made-up id: {measures}");
    assert!(
        measures
            .contains("Publish the timeliness of assessments monthly (Scrutiny recommendations)"),
        "{measures}"
    );
}

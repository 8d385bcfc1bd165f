//! What was and was not reported: progress carried from an earlier meeting
//! says which meeting it is from, the committee report claims no action was
//! reported on that was not, a plan transcribed from part of its paper says
//! so (`partial:`) and is checked against the paper's counts as upper bounds,
//! and the paper's own totals and words are on the plan's page only. Each
//! test builds a small site in the shape of the paper that showed the fault.

use crate::util::{page, part, read_tree, words, Site};
use std::collections::BTreeMap;

/// A site of two quarterly meetings with the files given (path under
/// `content/`, text).
pub(crate) fn site(files: &[(&str, &str)]) -> Site {
    let site = Site::empty();
    site.write(
        "content/site.yaml",
        "title: Fixture\norganisation: Example Council\nbase_url: https://www.example.gov.uk/\ncycles:\n  - { id: q1, date: 2024-06-30, meeting: Scrutiny Panel }\n  - { id: q2, date: 2024-09-30, meeting: Scrutiny Panel }\n",
    );
    for (path, text) in files {
        site.write(&format!("content/{path}"), text);
    }
    site
}

/// The site built, its output read back.
fn build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.run(&["build"]).passes();
    read_tree(&site.path("public"))
}

/// The table row that holds `text`, from its `<tr`.
#[track_caller]
fn row<'a>(html: &'a str, text: &str) -> &'a str {
    let at = html
        .find(text)
        .unwrap_or_else(|| panic!("no {text:?} in\n{html}"));
    let from = html[..at].rfind("<tr").expect("a row");
    part(&html[from..], "<tr", "</tr>")
}

/// The earlier meeting, as pages name it.
const FIRST: &str = "Reported to Scrutiny Panel, 30 June 2024";

/// An exception report of two actions behind schedule: one updated at the
/// second meeting, one not (its text is the first meeting's).
pub(crate) const BEHIND: &str = "title: Exception report
organisation: Example Council
kind: scrutiny
recommendations:
  - id: R1
    actions:
      - text: Open the new family hub
        owner: Head of Early Help
        updates:
          - { cycle: q1, status: behind, progress: The lease is not yet signed. }
          - { cycle: q2, status: behind, progress: The lease was signed in August. }
      - text: Recruit foster carers
        owner: Head of Fostering
        updates:
          - { cycle: q1, status: behind, progress: Recruitment is paused. }
";

#[test]
fn progress_carried_into_what_changed_says_which_meeting_it_is_from() {
    // A tracker with no status column: its progress is carried with no status to mark it.
    let unkeyed = "title: Tracker without statuses
organisation: Example Council
kind: scrutiny
statuses: []
recommendations:
  - id: R1
    actions:
      - text: Review the thresholds
        owner: Head of Safeguarding
        updates:
          - { cycle: q1, progress: The review has begun. }
      - text: Train the front door team
        owner: Head of Safeguarding
        updates:
          - { cycle: q1, progress: Dates are set. }
          - { cycle: q2, progress: Forty staff trained. }
";
    let files = build(&site(&[
        ("plans/behind.yaml", BEHIND),
        ("plans/unkeyed.yaml", unkeyed),
    ]));
    for path in ["plans/behind/index.html", "cycles/q2/index.html"] {
        let html = page(&files, path);
        // The cycle's page lists the actions behind schedule with their
        // progress; the plan's page names them there and gives it in their rows.
        let html = if path.starts_with("cycles/") {
            part(&html, "-behind\">", "</table>")
        } else {
            &html
        };
        let carried = words(row(html, "Recruit foster carers"));
        assert!(
            carried.contains(&format!("Recruitment is paused. {FIRST}")),
            "{path}: {carried}"
        );
        assert!(
            carried.contains("no update at this meeting"),
            "{path}: {carried}"
        );
        let current = words(row(html, "Open the new family hub"));
        assert!(!current.contains("Reported to"), "{path}: {current}");
    }
    // The committee report, for both plans: carried text names its meeting.
    let report = page(&files, "cycles/q2/report/index.html");
    let carried = words(row(&report, "Review the thresholds"));
    assert!(
        carried.contains(&format!("The review has begun. {FIRST}")),
        "{carried}"
    );
    let carried = words(row(&report, "Recruit foster carers"));
    assert!(carried.contains(FIRST), "{carried}");
}

#[test]
fn the_report_says_no_action_was_reported_on_that_was_not() {
    // A tracker with no status column, whose first report says why two of
    // its three actions were not reported on; and a paper of totals alone.
    let unkeyed = "title: Tracker without statuses
organisation: Example Council
kind: scrutiny
statuses: []
recommendations:
  - id: R1
    actions:
      - text: Review the thresholds
        owner: Head of Safeguarding
        updates:
          - { cycle: q1, progress: The review has begun. }
      - text: Train the front door team
        owner: Head of Safeguarding
        updates:
          - { cycle: q1, not_reported: Post vacant until October }
      - text: Audit the strategy meetings
        owner: Head of Safeguarding
        updates:
          - { cycle: q1, not_reported: Deferred to the next meeting }
";
    let totals = "title: Council Plan
organisation: Example Council
kind: improvement
reports:
  - cycle: q1
    counts: { complete: 64, behind: 7 }
";
    let files = build(&site(&[
        ("plans/unkeyed.yaml", unkeyed),
        ("plans/totals.yaml", totals),
    ]));
    let report = page(&files, "cycles/q1/report/index.html");
    let exceptions = words(part(&report, "<h2 id=\"exceptions\">", "</main>"));
    for claim in ["was reported on", "on schedule", "No exceptions"] {
        assert!(!exceptions.contains(claim), "{claim:?} in: {exceptions}");
    }
    let unkeyed = words(part(
        &report,
        "-exceptions\">Tracker without statuses",
        "</section>",
    ));
    for said in [
        "Not reported on at this meeting",
        "Train the front door team: Post vacant until October",
        "Audit the strategy meetings: Deferred to the next meeting",
        "The paper gives no statuses",
    ] {
        assert!(unkeyed.contains(said), "{said:?} not in: {unkeyed}");
    }
    // The plan with no actions has nothing to say about exceptions.
    assert!(!exceptions.contains("Council Plan"), "{exceptions}");
}

#[test]
fn the_report_says_every_action_was_reported_on_only_where_each_was() {
    let files = build(&site(&[("plans/behind.yaml", BEHIND)]));
    // At the first meeting both actions are behind: exceptions, no claim.
    let report = page(&files, "cycles/q1/report/index.html");
    assert!(!report.contains("reported on at this meeting"), "{report}");
    // Both on track and updated at the second: the claim holds, and is made.
    let on_track = BEHIND
        .replace("status: behind, progress: The lease was", "status: on-track, progress: The lease was")
        .replace(
            "          - { cycle: q1, status: behind, progress: Recruitment is paused. }\n",
            "          - { cycle: q1, status: behind, progress: Recruitment is paused. }\n          - { cycle: q2, status: on-track, progress: Ten enquiries. }\n",
        );
    let files = build(&site(&[("plans/behind.yaml", &on_track)]));
    let report = words(&page(&files, "cycles/q2/report/index.html"));
    assert!(
        report.contains("No exceptions: no action is open and red or amber in the plan's key, none is overdue, no deadline was moved and every action was reported on at this meeting."),
        "{report}"
    );
}

/// A committee's minutes that list only the red items of a Red / Amber /
/// Green plan, with the report's count of every colour, and the inspection
/// the plan answers: the minutes' items answer one of its three findings.
pub(crate) const PARTIAL: &str = "title: Improvement plan
organisation: Example Council
kind: improvement
responds_to: [ofsted]
partial: The minutes list only the red items.
statuses:
  - { id: green, label: Green, colour: green }
  - { id: amber, label: Amber, colour: amber }
  - { id: red, label: Red, colour: red }
reports:
  - cycle: q2
    counts: { green: 10, amber: 5, red: 2 }
    shares: { green: 59, amber: 29, red: 12 }
recommendations:
  - id: R1
    findings: [ofsted#1]
    actions:
      - text: Reduce caseloads
        owner: Head of Service
        updates:
          - { cycle: q2, status: red, progress: Caseloads are still above 25. }
      - text: Recruit permanent social workers
        owner: Head of Service
        updates:
          - { cycle: q2, status: red, progress: Two posts filled of twelve. }
";

pub(crate) const OFSTED: &str = "title: Inspection of children's services
inspectorate: Ofsted
organisation: Example Council
findings:
  - { id: \"1\", text: Caseloads are too high. }
  - { id: \"2\", text: Supervision is not regular. }
  - { id: \"3\", text: Care plans are not reviewed. }
";

#[test]
fn a_partial_plan_says_so_and_is_checked_against_the_papers_counts_as_upper_bounds() {
    let site = site(&[
        ("plans/partial.yaml", PARTIAL),
        ("inspections/ofsted.yaml", OFSTED),
    ]);
    // Two red items of the paper's two, fewer of the other colours: nothing
    // to warn about, and `partial` itself is no warning.
    let checked = site.run(&["check", "--strict"]);
    checked.passes();
    assert!(checked.warnings().is_empty(), "{}", checked.stderr);
    let files = build(&site);
    let said = "This plan is partial: The minutes list only the red items.";
    for path in [
        "plans/partial/index.html",
        "plans/partial/q2/index.html",
        "index.html",
        "plans/index.html",
        "cycles/q2/index.html",
        "cycles/q2/report/index.html",
        "plans/partial/embed/index.html",
    ] {
        assert!(words(&page(&files, path)).contains(said), "{path}");
    }
    assert!(page(&files, "plans/partial/badge.svg")
        .contains("the plan is partial: The minutes list only the red items."));
    // The paper's shares are of actions the plan does not hold: not compared.
    let plan = page(&files, "plans/partial/index.html");
    let table = part(&plan, "<table class=\"paper-summary\">", "</table>");
    assert!(!table.contains("Differs"), "{table}");
    assert!(words(table).contains("Green 59% Not compared"), "{table}");
    // The findings the minutes' items do not answer may be answered in the
    // part not transcribed: not called unanswered.
    let inspection = page(&files, "inspections/ofsted/index.html");
    for claim in [
        "Not yet answered",
        "not yet",
        "No plan answers this finding yet",
    ] {
        assert!(
            !inspection.contains(claim),
            "{claim:?} on the inspection's page"
        );
    }
    assert!(
        inspection.contains("No action in the part transcribed"),
        "{inspection}"
    );
    let inspections = words(&page(&files, "inspections/index.html"));
    assert!(
        inspections.contains("1 of 3 findings answered; a plan answering it is partial"),
        "{inspections}"
    );

    // More red items than the paper counts is a warning, at the count.
    site.replace("content/plans/partial.yaml", "red: 2 }", "red: 1 }");
    let checked = site.run(&["check", "--strict"]);
    checked.fails();
    let warnings = checked.warnings();
    assert_eq!(warnings.len(), 1, "{}", checked.stderr);
    warnings[0]
        .field("reports[0].counts.red")
        .says("the paper counts 1 \"Red\"")
        .says("give more: 2");
    // The same plan not marked partial is held to every count and share,
    // and its findings with no action are unanswered.
    site.replace(
        "content/plans/partial.yaml",
        "partial: The minutes list only the red items.\n",
        "",
    );
    let checked = site.run(&["check", "--strict"]);
    checked.fails();
    let fields: Vec<_> = checked
        .warnings()
        .into_iter()
        .filter_map(|w| w.field)
        .collect();
    for field in [
        "reports[0].counts.green",
        "reports[0].counts.amber",
        "reports[0].counts.red",
        "reports[0].shares.red",
    ] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
    let inspection = page(&build(&site), "inspections/ofsted/index.html");
    assert!(
        inspection.contains("Not yet answered by any action"),
        "{inspection}"
    );
    // A reason left empty says nothing: an error.
    site.replace(
        "content/plans/partial.yaml",
        "statuses:\n",
        "partial: \"\"\nstatuses:\n",
    );
    site.check()
        .fails()
        .error_in("content/plans/partial.yaml")
        .field("partial");
}

#[test]
fn the_papers_own_summary_is_on_the_plans_page_only() {
    // A paper of totals and words with no actions listed, and one of words alone.
    let totals = "title: Council Plan
organisation: Example Council
kind: improvement
statuses:
  - { id: complete, label: Complete, colour: blue, done: true }
  - { id: red, label: Red, colour: red }
reports:
  - cycle: q1
    counts: { complete: 4321, red: 7 }
    narrative: Overall progress against the priorities was good.
";
    let narrative = "title: Corporate Plan
organisation: Example Council
kind: improvement
reports:
  - cycle: q1
    narrative: Most actions are on track, with some slippage in housing.
";
    let files = build(&site(&[
        ("plans/totals.yaml", totals),
        ("plans/narrative.yaml", narrative),
    ]));
    let plan = page(&files, "plans/narrative/index.html");
    assert!(!plan.contains("the paper gives only its totals"), "{plan}");
    assert!(
        words(&plan).contains(
            "The plan lists no actions: the paper gives only its summary in words, shown below."
        ),
        "{plan}"
    );
    assert!(plan.contains("some slippage in housing"), "{plan}");
    let plan = page(&files, "plans/totals/index.html");
    assert!(words(&plan)
        .contains("The plan lists no actions: the paper gives only its totals, shown below."));
    assert!(plan.contains("4321") && plan.contains("was good"), "{plan}");
    // Elsewhere, ragtime's count alone: the plans list no actions.
    for (path, count) in [
        ("index.html", "No actions listed"),
        ("cycles/q1/report/index.html", "The plan lists no actions."),
        ("plans/totals/embed/index.html", "No actions listed"),
        ("plans/narrative/embed/index.html", "No actions listed"),
        ("plans/totals/badge.svg", "Council Plan: no actions listed"),
        (
            "plans/narrative/badge.svg",
            "Corporate Plan: no actions listed",
        ),
    ] {
        let html = page(&files, path);
        assert!(html.contains(count), "{path} lacks {count:?}");
        for paper in ["4321", "was good", "slippage in housing", "0 actions"] {
            assert!(!html.contains(paper), "{path} shows {paper:?}");
        }
    }
}

//! A plan's own key, and only its words: no built-in status word on a plan
//! whose key does not have it, no share done where the key has no done
//! status, "Not rated" explained only where it is shown, and "No update yet"
//! (never "Not started") for an action nothing was reported on. Each test
//! builds a small site in the shape of the paper that showed the fault.

use crate::util::{built, page, part, read_tree, words, Site};
use std::collections::BTreeMap;

/// A site of two quarterly meetings, with the plans given (`id`, YAML) and
/// `statuses` (a site-wide key, or nothing for the built-in one).
fn fixture(statuses: &str, plans: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    let site = Site::empty();
    site.write(
        "content/site.yaml",
        format!(
            "title: Fixture\norganisation: Example Council\nbase_url: https://www.example.gov.uk/\n{statuses}cycles:\n  - {{ id: q1, date: 2024-06-30, meeting: Scrutiny Panel }}\n  - {{ id: q2, date: 2024-09-30, meeting: Scrutiny Panel }}\n"
        ),
    );
    for (id, yaml) in plans {
        site.write(&format!("content/plans/{id}.yaml"), yaml);
    }
    site.run(&["build"]).passes();
    read_tree(&site.path("public"))
}

/// A page without its status key: what it says of the actions themselves.
fn without_key(html: &str) -> String {
    match html.find("<details class=\"key\">") {
        Some(start) => {
            let end = start + html[start..].find("</details>").unwrap();
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_owned(),
    }
}

/// The headline of a plan's card on the dashboard, as words.
#[track_caller]
fn card(files: &BTreeMap<String, Vec<u8>>, title: &str) -> String {
    let dashboard = page(files, "index.html");
    // The cards, not the lines above them that name plans too.
    let cards = &dashboard[dashboard.find("<ul class=\"plan-cards\">").unwrap()..];
    let card = part(cards, &format!(">{title}</a>"), "</li>");
    words(part(card, "<p class=\"headline\">", "</p>"))
}

/// A plan keyed Green / Amber / Red with no definitions and no done status,
/// as Bracknell Forest's corporate performance page gives it: at the second
/// meeting one objective is red, one amber.
const RAG: &str = "title: Corporate performance
organisation: Example Council
kind: improvement
statuses:
  - { id: green, label: Green, colour: green }
  - { id: amber, label: Amber, colour: amber }
  - { id: red, label: Red, colour: red }
recommendations:
  - id: R1
    actions:
      - text: Open the new family hub
        owner: Head of Early Help
        due: 2025-03-31
        updates:
          - { cycle: q1, status: green, progress: On schedule. }
          - { cycle: q2, status: red, progress: The lease is not yet signed. }
      - text: Recruit foster carers
        owner: Head of Fostering
        due: 2025-03-31
        updates:
          - { cycle: q1, status: amber, progress: Six enquiries. }
          - { cycle: q2, status: amber, progress: Ten enquiries. }
";

/// The built-in key's words for red and amber, which a plan keyed otherwise never shows.
const BUILT_IN: [&str; 4] = ["Behind schedule", "At risk", "Not started", "In progress"];

#[test]
fn a_red_amber_green_key_names_its_own_colours_in_changes_and_the_report() {
    let files = fixture("", &[("rag", RAG)]);
    let plan = page(&files, "plans/rag/index.html");
    let cycle = page(&files, "cycles/q2/index.html");
    let report = page(&files, "cycles/q2/report/index.html");
    // What changed: the red action under the plan's own word.
    for html in [&plan, &cycle] {
        let heading = part(html, "-behind\">", "</h");
        assert!(
            heading.contains("\">Red <span class=\"count\">(1)</span>"),
            "the red actions' heading: {heading}"
        );
    }
    // The committee report: why listed, and counts, in the plan's words.
    let row = part(&report, "Open the new family hub", "</tr>");
    assert!(row.contains("<li>Red</li>"), "{row}");
    let row = part(&report, "Recruit foster carers", "</tr>");
    assert!(row.contains("<li>Amber</li>"), "{row}");
    let counts = words(part(&report, "report-counts", "</ul>"));
    assert!(counts.contains("Amber: 1"), "{counts}");
    assert!(counts.contains("Red: 1"), "{counts}");
    for html in [&plan, &cycle, &report, &page(&files, "index.html")] {
        for word in BUILT_IN {
            assert!(!html.contains(word), "{word:?} on a plan keyed R/A/G");
        }
    }
}

#[test]
fn an_amber_defined_in_the_councils_words_is_counted_by_that_word() {
    let plan = RAG
        .replace(
            "  - { id: green, label: Green, colour: green }\n",
            "  - { id: done, label: Completed, colour: blue, done: true }\n  - { id: green, label: On target, colour: green }\n",
        )
        .replace(
            "  - { id: amber, label: Amber, colour: amber }\n",
            "  - id: amber\n    label: Some slippage\n    colour: amber\n    description: Progress is slower than planned but the target can still be met.\n",
        );
    let files = fixture("", &[("rag", &plan)]);
    let report = page(&files, "cycles/q2/report/index.html");
    let headline = words(part(&report, "<h2 id=\"headlines\">", "</section>"));
    assert!(headline.contains("Amber (Some slippage): 1"), "{headline}");
    assert!(!headline.contains("At risk"), "{headline}");
    let row = part(&report, "Recruit foster carers", "</tr>");
    assert!(row.contains("<li>Amber (Some slippage)</li>"), "{row}");
    for word in BUILT_IN {
        assert!(!report.contains(word), "{word:?} in the report");
    }
}

#[test]
fn a_plan_with_no_key_or_no_actions_gets_no_count_of_statuses() {
    // A tracker with no status column, and a paper that gives only its totals.
    let unkeyed = "title: Tracker without statuses
organisation: Example Council
kind: scrutiny
statuses: []
recommendations:
  - id: R1
    actions:
      - text: Review the thresholds
        owner: Head of Safeguarding
        due: 2024-01-31
        updates:
          - { cycle: q2, progress: The review has begun. }
";
    let totals = "title: Council Plan
organisation: Example Council
kind: improvement
statuses:
  - { id: complete, label: Complete, colour: grey, done: true }
  - { id: red, label: Red, colour: red }
reports:
  - cycle: q2
    counts: { complete: 64, red: 7 }
";
    let files = fixture("", &[("unkeyed", unkeyed), ("totals", totals)]);
    let report = page(&files, "cycles/q2/report/index.html");
    let headlines = part(&report, "<h2 id=\"headlines\">", "<h2 id=\"exceptions\">");
    let unkeyed = part(headlines, "Tracker without statuses", "</section>");
    assert!(
        words(unkeyed).contains("1 action; the paper gives no statuses"),
        "{unkeyed}"
    );
    for count in [
        "Overdue:",
        "At risk:",
        "Red",
        "Newly done",
        "Worse",
        "Better",
    ] {
        assert!(
            !unkeyed.contains(count),
            "{count} for a plan with no key: {unkeyed}"
        );
    }
    let totals = part(headlines, "Council Plan</a>", "</section>");
    assert!(totals.contains("The plan lists no actions."), "{totals}");
    for count in [
        "Overdue:",
        "At risk:",
        "Red",
        "Exceptions listed below:",
        "Deadlines moved",
    ] {
        assert!(
            !totals.contains(count),
            "{count} for a plan with no actions: {totals}"
        );
    }
}

#[test]
fn no_share_done_where_the_key_has_no_done_status() {
    let files = fixture("", &[("rag", RAG)]);
    for path in [
        "index.html",
        "plans/index.html",
        "plans/rag/index.html",
        "plans/rag/q2/index.html",
        "plans/rag/embed/index.html",
        "cycles/q2/report/index.html",
    ] {
        let html = page(&files, path);
        assert!(!html.contains("% done"), "{path} states a share done");
        assert!(
            !html.contains("Done counts"),
            "{path} says what done counts"
        );
    }
    // The same plan with a done status states it.
    let plan = RAG.replace(
        "  - { id: red, label: Red, colour: red }\n",
        "  - { id: red, label: Red, colour: red }\n  - { id: done, label: Complete, colour: blue, done: true }\n",
    );
    let files = fixture("", &[("rag", &plan)]);
    assert!(card(&files, "Corporate performance").ends_with("0% done (as reported)"));
}

#[test]
fn not_rated_is_explained_only_where_an_action_is_not_rated() {
    let unrated = RAG
        .replace(
            "title: Corporate performance",
            "title: Reported without statuses",
        )
        .replace(
            "          - { cycle: q2, status: amber, progress: Ten enquiries. }\n",
            "",
        )
        .replace(
            "          - { cycle: q1, status: amber, progress: Six enquiries. }\n",
            "          - { cycle: q1, progress: Six enquiries. }\n",
        );
    let files = fixture("", &[("rag", RAG), ("unrated", &unrated)]);
    let explained = "Progress was reported without a status";
    let rated = page(&files, "plans/rag/index.html");
    assert!(rated.contains("What the statuses mean"), "a key is shown");
    assert!(!rated.contains("Not rated"), "{rated}");
    let html = page(&files, "plans/unrated/index.html");
    assert!(html.contains(explained), "{html}");
    // The owner of the rated action only: no "Not rated" in their key.
    let owner = page(&files, "owners/head-of-early-help/index.html");
    assert!(!owner.contains("Not rated"), "{owner}");
    let owner = page(&files, "owners/head-of-fostering/index.html");
    assert!(owner.contains(explained), "{owner}");
    // The dashboard shows both plans in one key: explained, as one is unrated.
    assert!(page(&files, "index.html").contains(explained));
}

/// A scrutiny panel's action plan as agreed, before any progress report, in
/// a site whose key has "Not started" (as Middlesbrough's plans of 2016 and
/// 2022 stand in the example site).
const AGREED: &str = "title: Safeguarding and Children in Care
organisation: Example Council
kind: scrutiny
recommendations:
  - id: a
    actions:
      - text: Review the market position statement
        owner: Head of Commissioning
        timescale: End of September 2024
        due: 2024-09-30
      - text: Hold a forum for designated teachers
        owner: Virtual School Headteacher
        timescale: Annually
";

#[test]
fn an_action_with_no_update_has_no_update_yet_not_a_status() {
    let settings = "statuses:
  - { id: complete, label: Complete, colour: blue, done: true }
  - { id: on-track, label: On track, colour: green }
  - { id: not-started, label: Not started, colour: grey }
";
    // A second plan whose update says "not started": the key's word, where an update gives it.
    let reported = "title: Placement strategy
organisation: Example Council
kind: scrutiny
recommendations:
  - id: R1
    actions:
      - text: Commission a residential home
        owner: Head of Commissioning
        updates:
          - { cycle: q2, status: not-started, progress: Waiting for the budget. }
";
    let files = fixture(settings, &[("agreed", AGREED), ("reported", reported)]);
    let html = page(&files, "plans/agreed/index.html");
    let table = part(&html, "<table class=\"actions", "</table>");
    assert_eq!(
        table
            .matches("<strong class=\"tag tag--none\">No update yet</strong>")
            .count(),
        2,
        "{table}"
    );
    assert!(!without_key(&html).contains("Not started"), "{html}");
    let counts = words(part(&html, "<table class=\"rag__table\"", "</table>"));
    assert!(counts.contains("No update yet 2 100%"), "{counts}");
    assert_eq!(
        card(&files, "Safeguarding and Children in Care"),
        "No update yet 2"
    );
    assert!(!html.contains("% done"), "{html}");
    let owner = page(&files, "owners/virtual-school-headteacher/index.html");
    assert!(owner.contains("No update yet"), "{owner}");
    assert!(!without_key(&owner).contains("Not started"), "{owner}");
    let html = page(&files, "plans/reported/index.html");
    assert!(
        html.contains("<strong class=\"tag tag--grey\">Not started</strong>"),
        "{html}"
    );
}

#[test]
fn middlesbrough_plans_report_no_progress_and_say_so() {
    let (_, files) = built();
    for (plan, title, actions) in [
        (
            "middlesbrough-children-in-care-2016",
            "Safeguarding and Children in Care – action plan",
            34,
        ),
        (
            "middlesbrough-sufficiency-permanency-2022",
            "Sufficiency &amp; Permanency (Perceptions of Children in Care) – action plan",
            31,
        ),
    ] {
        let html = page(&files, &format!("plans/{plan}/index.html"));
        assert_eq!(card(&files, title), format!("No update yet {actions}"));
        let counts = words(part(&html, "<table class=\"rag__table\"", "</table>"));
        assert!(
            counts.contains(&format!("No update yet {actions} 100%")),
            "{counts}"
        );
        assert!(!html.contains("% done"), "{plan}");
        assert!(!without_key(&html).contains("Not started"), "{plan}");
        // Nothing unrated, so the key does not explain "Not rated".
        let key = part(&html, "<details class=\"key\">", "</details>");
        assert!(!key.contains("Not rated"), "{plan}");
    }
}

//! Dates as papers print them: a month with no day, a date marked as
//! estimated, a cycle reporting progress as at an earlier day. Each form is
//! built into pages as printed, and refused with its place when malformed.

use crate::util::{page, read_tree, words, Site};

const BRIEFING: &str = "content/briefings/telford-peer-review-2013.md";
const PLAN: &str = "content/plans/middlesbrough-children-in-care-2016.yaml";

/// Builds the site and returns a page's text as a reader reads it.
#[track_caller]
fn built_words(site: &Site, path: &str) -> String {
    site.run(&["build"]).passes();
    words(&page(&read_tree(&site.path("public")), path))
}

#[test]
fn a_briefing_dated_only_by_its_month_shows_the_month() {
    let site = Site::example();
    site.replace(BRIEFING, "date: 2013-07-30", "date: 2013-07");
    let text = built_words(&site, "briefings/telford-peer-review-2013/index.html");
    assert!(text.contains("Date July 2013"), "{text}");
    assert!(!text.contains("31 July 2013"), "{text}");
    let html = page(&read_tree(&site.path("public")), "briefings/index.html");
    assert!(html.contains("July 2013"), "{html}");
    assert!(!html.contains("31 July 2013"), "{html}");
}

#[test]
fn a_plan_agreed_in_a_month_shows_the_month() {
    let site = Site::example();
    site.replace(PLAN, "agreed: 2016-06-07", "agreed: 2016-06");
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let html = page(
        &files,
        "plans/middlesbrough-children-in-care-2016/index.html",
    );
    assert!(
        html.contains("<time datetime=\"2016-06\">June 2016</time>"),
        "{html}"
    );
}

#[test]
fn a_malformed_month_is_refused_where_it_is() {
    for (file, from, to) in [
        (BRIEFING, "date: 2013-07-30", "date: 2013-7"),
        (PLAN, "agreed: 2016-06-07", "agreed: 2016-13"),
    ] {
        let site = Site::example();
        site.replace(file, from, to);
        let out = site.check();
        out.fails();
        let value = to.split_once(": ").unwrap().1;
        let line = site.line(file, to);
        out.error_in(file)
            .on_line(line)
            .says(&format!("\"{value}\" is not a real date"))
            .says("or a month as YYYY-MM");
    }
}

#[test]
fn dates_marked_estimated_read_about() {
    let site = Site::example();
    site.replace(
        PLAN,
        "agreed: 2016-06-07",
        "agreed: 2016-06\nestimated: true",
    );
    site.replace(
        PLAN,
        "        due: 2016-09-30\n        timescale: The revised MPS",
        "        due: 2016-09-30\n        estimated: true\n        timescale: The revised MPS",
    );
    site.replace(
        BRIEFING,
        "date: 2013-07-30",
        "date: 2013-07-30\nestimated: true",
    );
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let plan = page(
        &files,
        "plans/middlesbrough-children-in-care-2016/index.html",
    );
    assert!(
        plan.contains("<time datetime=\"2016-06\">about June 2016</time>"),
        "{plan}"
    );
    assert!(
        plan.contains("<time datetime=\"2016-09-30\">about 30 September 2016</time>"),
        "{plan}"
    );
    // Only the marked action: the next one's due date is as printed.
    assert!(
        plan.contains("<time datetime=\"2017-01-31\">31 January 2017</time>"),
        "{plan}"
    );
    let briefing = words(&page(
        &files,
        "briefings/telford-peer-review-2013/index.html",
    ));
    assert!(briefing.contains("Date about 30 July 2013"), "{briefing}");
    let list = words(&page(&files, "briefings/index.html"));
    assert!(list.contains("about 30 July 2013"), "{list}");
}

#[test]
fn estimated_with_no_date_beside_it_is_refused() {
    let site = Site::example();
    site.replace(PLAN, "agreed: 2016-06-07", "estimated: true");
    let out = site.check();
    out.fails();
    out.error_at(PLAN, site.position_in(PLAN, "estimated: true", "true"))
        .field("estimated")
        .says("no `agreed` date");

    let site = Site::example();
    site.replace(
        PLAN,
        "        due: 2016-09-30\n        timescale: The revised MPS",
        "        due: none\n        estimated: true\n        timescale: The revised MPS",
    );
    let out = site.check();
    out.fails();
    out.error_at(PLAN, site.position_in(PLAN, "estimated: true", "true"))
        .field("recommendations[0].actions[0].estimated")
        .says("`due: none` says there is no deadline");
}

#[test]
fn estimated_must_be_true_or_false() {
    let site = Site::example();
    site.replace(
        BRIEFING,
        "date: 2013-07-30",
        "date: 2013-07-30\nestimated: approx",
    );
    let out = site.check();
    out.fails();
    out.error_in(BRIEFING)
        .on_line(site.line(BRIEFING, "estimated: approx"))
        .field("estimated")
        .says("expected true or false");
}

const SITE: &str = "content/site.yaml";
const TELFORD: &str = "content/plans/telford-improvement-plan.yaml";
const AUGUST: &str = "  - id: 2013-08\n    date: 2013-08-15\n";

/// The overdue line of the Telford plan's page once built.
#[track_caller]
fn telford_overdue(site: &Site) -> String {
    let text = built_words(site, "plans/telford-improvement-plan/index.html");
    let at = text.find(" overdue (due before").expect("an overdue line");
    let start = text[..at].rfind(' ').unwrap_or(0);
    let end = at + text[at..].find(')').unwrap();
    text[start..=end].trim().to_owned()
}

#[test]
fn a_cycle_reports_progress_as_at_its_as_of_date() {
    let site = Site::example();
    // An open action due between the end of July and the meeting.
    site.replace(
        TELFORD,
        "due: 2013-10-31\n            target: Oct-13",
        "due: 2013-08-10\n            target: Oct-13",
    );
    assert_eq!(
        telford_overdue(&site),
        "6 overdue (due before 15 August 2013 and not done)"
    );
    site.replace(SITE, AUGUST, &format!("{AUGUST}    as_of: 2013-07-31\n"));
    assert_eq!(
        telford_overdue(&site),
        "5 overdue (due before 31 July 2013 and not done)"
    );
    let text = built_words(&site, "plans/telford-improvement-plan/index.html");
    assert!(
        text.contains("Progress as of 31 July 2013 , reported to Telford & Wrekin Children and Young People Scrutiny Committee, 15 August 2013"),
        "{text}"
    );
}

#[test]
fn a_cycle_may_report_progress_as_at_a_month() {
    let site = Site::example();
    site.replace(SITE, AUGUST, &format!("{AUGUST}    as_of: 2013-07\n"));
    let text = built_words(&site, "plans/telford-improvement-plan/index.html");
    assert!(
        text.contains("Progress as of July 2013 , reported to Telford"),
        "{text}"
    );
    // Overdue is counted before the month's last day, and said so.
    assert_eq!(
        telford_overdue(&site),
        "5 overdue (due before the end of July 2013 and not done)"
    );
}

#[test]
fn as_of_after_the_meeting_or_malformed_is_refused() {
    let site = Site::example();
    site.replace(SITE, AUGUST, &format!("{AUGUST}    as_of: 2013-08-16\n"));
    let out = site.check();
    out.fails();
    out.error_at(
        SITE,
        site.position_in(SITE, "as_of: 2013-08-16", "2013-08-16"),
    )
    .field("cycles[3].as_of")
    .says("reports progress as at 16 August 2013, after its meeting (15 August 2013)");

    let site = Site::example();
    site.replace(SITE, AUGUST, &format!("{AUGUST}    as_of: 31/07/2013\n"));
    let out = site.check();
    out.fails();
    out.error_in(SITE)
        .on_line(site.line(SITE, "as_of: 31/07/2013"))
        .says("\"31/07/2013\" is not a real date");
}

/// The update of Telford's R22 action 2 at its only meeting.
const R22_2: &str =
    "            target: Oct-13\n            updates:\n              - cycle: 2013-08\n";

#[test]
fn starting_ratings_are_the_baseline_not_a_meeting() {
    let site = Site::example();
    site.replace(
        TELFORD,
        R22_2,
        &R22_2.replace(
            "            updates:\n",
            "            updates:\n              - at: agreed\n                status: behind\n",
        ),
    );
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    for path in [
        "plans/telford-improvement-plan/index.html",
        "plans/telford-improvement-plan/2013-08/index.html",
        "cycles/2013-08/index.html",
        "cycles/2013-08/report/index.html",
    ] {
        let text = words(&page(&files, path));
        assert!(!text.contains("first progress report"), "{path}: {text}");
        assert!(
            !text.contains("agreed ,"),
            "{path} names the agreement as a meeting"
        );
    }
    let plan = words(&page(&files, "plans/telford-improvement-plan/index.html"));
    assert!(
        plan.contains("Compared with the ratings the plan gave when it was agreed."),
        "{plan}"
    );
    // Behind schedule when agreed, on schedule at the first meeting: better.
    let better = &plan[plan.find("Better (1)").expect("a Better group")..];
    assert!(
        better[..better.find("Newly").unwrap_or(better.len())]
            .contains("Develop skills of Social Worker"),
        "{better}"
    );
    assert!(!plan.contains("Newly overdue"), "{plan}");
    let report = words(&page(&files, "cycles/2013-08/report/index.html"));
    assert!(
        report.contains("Since the plan was agreed, against the ratings it gave then:"),
        "{report}"
    );
}

#[test]
fn a_starting_rating_with_no_update_since_is_carried_from_the_agreement() {
    let site = Site::example();
    let text = site.read(TELFORD);
    let from = text.find(R22_2).unwrap() + R22_2.len() - "              - cycle: 2013-08\n".len();
    let rest = &text[from..];
    // The whole 2013-08 update: up to the next action.
    let end = rest.find("\n          - text:").unwrap() + 1;
    let edited = format!(
        "{}              - at: agreed\n                status: on-track\n{}",
        &text[..from],
        &rest[end..]
    );
    site.write(TELFORD, edited);
    let plan = built_words(&site, "plans/telford-improvement-plan/index.html");
    assert!(
        plan.contains("As reported when the plan was agreed; no update at this meeting"),
        "{plan}"
    );
}

#[test]
fn a_malformed_starting_rating_is_refused() {
    for (to, field, says) in [
        (
            "            updates:\n              - at: approved\n                status: behind\n",
            "at",
            "\"approved\" is not one of the allowed values",
        ),
        (
            "            updates:\n              - at: agreed\n                cycle: 2013-08\n                status: behind\n",
            "at",
            "both `at: agreed` and `cycle: 2013-08`",
        ),
        (
            "            updates:\n              - status: behind\n",
            "",
            "the update names no cycle",
        ),
    ] {
        let site = Site::example();
        site.replace(TELFORD, R22_2, &R22_2.replace("            updates:\n", to));
        let out = site.check();
        out.fails();
        let error = out.error_in(TELFORD);
        let path = "sections[2].recommendations[4].actions[1].updates[0]";
        let expected = if field.is_empty() { path.to_owned() } else { format!("{path}.{field}") };
        error.field(&expected).says(says);
    }
    // After a meeting's update, not first.
    let site = Site::example();
    site.replace(
        TELFORD,
        "Workshops to be commissioned between July and October 2013 to roll out training on revised policy and best practice.\n",
        "Workshops to be commissioned between July and October 2013 to roll out training on revised policy and best practice.\n              - at: agreed\n                status: behind\n",
    );
    let out = site.check();
    out.fails();
    out.error_in(TELFORD)
        .field("sections[2].recommendations[4].actions[1].updates[1].at")
        .says("is not the first entry of `updates`");
}

const BRACKNELL: &str = "content/plans/bracknell-forest-caring-for-you-2023-q3.yaml";
const BRACKNELL_AMBER: &str = "  - id: amber\n    label: Amber\n    colour: amber\n";

#[test]
fn a_key_may_have_yellow() {
    let site = Site::example();
    site.replace(
        BRACKNELL,
        BRACKNELL_AMBER,
        &format!("  - id: yellow\n    label: Yellow\n    colour: yellow\n    description: Minor slippage.\n{BRACKNELL_AMBER}"),
    );
    let text = site.read(BRACKNELL);
    let first = text.find("status: green").unwrap();
    let mut edited = text.clone();
    edited.replace_range(first..first + "status: green".len(), "status: yellow");
    site.write(BRACKNELL, edited);
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let plan = page(
        &files,
        "plans/bracknell-forest-caring-for-you-2023-q3/index.html",
    );
    assert!(
        plan.contains("<strong class=\"tag tag--yellow\">Yellow</strong>"),
        "{plan}"
    );
    let css = page(&files, "assets/style.css");
    assert!(
        css.contains(".tag--yellow {"),
        "the theme draws no yellow tag"
    );
}

#[test]
fn a_colour_the_key_cannot_have_is_refused() {
    let site = Site::example();
    site.replace(BRACKNELL, "    colour: amber\n", "    colour: yelow\n");
    let out = site.check();
    out.fails();
    out.error_at(
        BRACKNELL,
        site.position_in(BRACKNELL, "colour: yelow", "yelow"),
    )
    .field("statuses[1].colour")
    .helps("yellow");
}

const BRACKNELL_KEY: &str = "statuses:\n  - id: green\n    label: Green\n    colour: green\n    description: Green indicates that progress is being made as per our planned schedule.\n  - id: amber\n    label: Amber\n    colour: amber\n  - id: red\n    label: Red\n    colour: red\n";

#[test]
fn a_key_that_is_not_known_is_the_colours_alone() {
    let site = Site::example();
    site.replace(BRACKNELL, BRACKNELL_KEY, "statuses: unknown\n");
    let text = built_words(
        &site,
        "plans/bracknell-forest-caring-for-you-2023-q3/index.html",
    );
    assert!(
        text.contains("Green The paper does not say what this colour means."),
        "{text}"
    );
    // Not the site's key, and not a plan without a status column.
    assert!(!text.contains("In progress – on schedule"), "{text}");
    let html = page(
        &read_tree(&site.path("public")),
        "plans/bracknell-forest-caring-for-you-2023-q3/index.html",
    );
    assert!(html.contains("<strong class=\"tag tag--green\">Green</strong>"));
}

#[test]
fn a_key_that_is_neither_a_list_nor_unknown_is_refused() {
    let site = Site::example();
    site.replace(BRACKNELL, BRACKNELL_KEY, "statuses: not known\n");
    let out = site.check();
    out.fails();
    out.error_at(
        BRACKNELL,
        site.position_in(BRACKNELL, "statuses: not known", "not known"),
    )
    .field("statuses")
    .says("\"not known\" is not a key")
    .says("\"unknown\" when it has one whose key is not known");
}

const TORBAY: &str = "content/plans/torbay-improvement-action-tracker-2017.yaml";

#[test]
fn dates_reads_month_only_and_hedged_timescales_and_writes_estimated() {
    let site = Site::example();
    site.replace(
        TORBAY,
        "              - text: Assessment Timeliness practice standards to be revised\n                timescale: Dec 2016\n",
        "              - text: Assessment Timeliness practice standards to be revised\n                timescale: approx. Dec 2016\n",
    );
    site.replace(
        TORBAY,
        "Single Assessment and Safeguarding and Supporting Families teams.\n                timescale: Dec 2016\n",
        "Single Assessment and Safeguarding and Supporting Families teams.\n                timescale: 2017-01\n",
    );
    let out = site.run(&["dates"]);
    out.passes();
    assert!(
        out.stdout.contains(
            "step 1 of 1.1: timescale \"approx. Dec 2016\" → due: 2016-12-31, estimated\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("step 2 of 1.1: timescale \"2017-01\" → due: 2017-01-31\n"),
        "{}",
        out.stdout
    );
    site.run(&["dates", "--write"]).passes();
    let plan = site.read(TORBAY);
    assert!(
        plan.contains("                due: 2016-12-31\n                estimated: true\n                timescale: approx. Dec 2016\n"),
        "{plan}"
    );
    assert!(
        plan.contains("                due: 2017-01-31\n                timescale: 2017-01\n"),
        "{plan}"
    );
    assert_eq!(plan.matches("estimated: true").count(), 1, "{plan}");
    // What it wrote builds, and the page hedges the date as the paper did.
    let page = built_words(
        &site,
        "plans/torbay-improvement-action-tracker-2017/index.html",
    );
    assert!(page.contains("about 31 December 2016"), "{page}");
}

const BRACKNELL_PLAN: &str = "content/plans/bracknell-forest-council-plan-2024-25.yaml";

#[test]
fn a_report_at_agreed_is_the_plans_starting_position() {
    let site = Site::example();
    site.replace(
        BRACKNELL_PLAN,
        "reports:\n  - cycle: 2025-03\n",
        "reports:\n  - at: agreed\n    counts:\n      green: 90\n      not-started: 24\n    narrative: |\n      When the plan was agreed, most actions were on track.\n  - cycle: 2025-03\n",
    );
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let plan = words(&page(
        &files,
        "plans/bracknell-forest-council-plan-2024-25/index.html",
    ));
    assert!(
        plan.contains("Starting position when the plan was agreed The ratings the plan started from, as the paper states them Status The paper says"),
        "{plan}"
    );
    assert!(
        plan.contains("When the plan was agreed, most actions were on track."),
        "{plan}"
    );
    // Shown apart from the meeting's own summary, and not as a meeting.
    let start = plan.find("Starting position").unwrap();
    let starting = &plan[start..plan.find("The paper's own summary").unwrap()];
    assert!(!starting.contains("progress report"), "{starting}");
    assert!(!starting.contains("March 2025"), "{starting}");
    // Not a meeting: the cycles the plan reported to are unchanged.
    let cycles = words(&page(&files, "cycles/index.html"));
    assert!(!cycles.contains("agreed ,"), "{cycles}");
}

#[test]
fn a_report_at_agreed_out_of_place_or_with_a_cycle_is_refused() {
    for (to, says) in [
        (
            "reports:\n  - cycle: 2025-03\n    at: agreed\n",
            "the report gives both `at: agreed` and `cycle: 2025-03`",
        ),
        (
            "reports:\n  - counts: { green: 3 }\n  - cycle: 2025-03\n",
            "the report names no cycle",
        ),
    ] {
        let site = Site::example();
        site.replace(BRACKNELL_PLAN, "reports:\n  - cycle: 2025-03\n", to);
        let out = site.check();
        out.fails();
        out.stderr_has(says);
    }
    let site = Site::example();
    let text = site.read(BRACKNELL_PLAN);
    site.write(
        BRACKNELL_PLAN,
        format!(
            "{}\n  - at: agreed\n    counts: {{ green: 3 }}\n",
            text.trim_end()
        ),
    );
    let out = site.check();
    out.fails();
    out.stderr_has("the starting position (`at: agreed`) is not the first entry of `reports`");
}

//! Accountability through the built site: who rated a status and the
//! committee's sign-off, clocks (met, met late, open and overdue, not known),
//! the challenge log with undertakings answered and carried forward, repeated
//! findings, and the file:line errors of bad input.

use crate::util::{built, element, page, read_tree, Site};
use std::collections::BTreeMap;

const RESPONSE: &str = "content/plans/telford-placement-strategy-response.yaml";
const JUNE: &str = "content/meetings/2013-06-06.yaml";
const AUGUST: &str = "content/meetings/2013-08.yaml";

/// The text of a page without its tags, spaces squeezed: what a reader sees.
fn words(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                text.push(' ');
            }
            _ if !inside => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&#x2F;", "/");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts a page's text says `needle`, showing the text near where it was
/// expected (its first few words) when it does not.
#[track_caller]
fn has(text: &str, needle: &str) {
    if !text.contains(needle) {
        let start: String = needle.chars().take(12).collect();
        let near = text.find(&start).map_or_else(
            || text.chars().take(300).collect::<String>(),
            |at| text[at..].chars().take(400).collect(),
        );
        panic!("expected {needle:?}\nnear: {near}");
    }
}

fn build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.run(&["build"]).passes();
    read_tree(&site.path("public"))
}

#[test]
fn the_example_shows_its_challenge_log_clocks_and_who_rated() {
    let (_, files) = built();
    // The meeting of 6 June 2013: its questions, resolutions and undertakings.
    let june = words(&page(&files, "cycles/2013-06-06/index.html"));
    has(&june, "The committee's challenge");
    has(&june, "CYPSC-1: RESOLVED – that the minutes of the meeting");
    assert!(june.contains("Members wanted clarification about how the PAN is decided."));
    has(&june, "The revised Terms of Reference would be circulated to members after the meeting. (due back: not known)");
    // 15 August 2013: the three items came back, each with where.
    let august = page(&files, "cycles/2013-08/index.html");
    let row = element(&august, "undertaking-peer-review-report", "</tr>");
    assert!(words(row).contains("Came back: Telford & Wrekin Children and Young People Scrutiny Committee, 15 August 2013 – Safeguarding Peer Review"), "{row}");
    has(row, "href=\"/briefings/telford-peer-review-2013/\"");
    assert!(august.contains("id=\"undertaking-ofsted-action-plan-update\""));
    assert!(august.contains("id=\"undertaking-cabinet-response-report-back\""));
    assert!(
        !august.contains("undertaking-revised-terms-of-reference"),
        "no due meeting: listed where given only"
    );
    // Clocks: on the dashboard, the plan and the inspection, "not known" where the paper gives no date.
    let home = words(&page(&files, "index.html"));
    has(&home, "Deadlines and whether they were met");
    has(
        &home,
        "Given 27 June 2013; the due date is not known, so whether it was on time is not known.",
    );
    has(
        &home,
        "Open: not recorded as given, and the due date is not known.",
    );
    let inspection = words(&page(
        &files,
        "inspections/middlesbrough-ofsted-2016/index.html",
    ));
    has(&inspection, "Statement of action: Written action plan (the PIAP) returned to the Ofsted inspection support team");
    has(
        &inspection,
        "not known not known (90 working days from the start) not recorded",
    );
    let plan = page(
        &files,
        "plans/telford-placement-strategy-response/index.html",
    );
    let plan_words = words(&plan);
    has(
        &plan_words,
        "Response to recommendations: Cabinet's response",
    );
    // Who rated it; and the roll-up says what it counts.
    assert!(plan_words.contains(
        "Status set by Karen Perry, AD Safeguarding Children (who prepared the response)"
    ));
    assert!(plan_words.contains("Done counts actions reported complete by officers."));
    assert!(
        !plan_words.contains("awaiting the committee's confirmation"),
        "no sign-off recorded: none claimed"
    );
    let plans = words(&page(&files, "plans/index.html"));
    has(&plans, "% done (as reported)");
    // The open data carries the same facts.
    let json = page(&files, "plans/telford-placement-strategy-response.json");
    has(
        &json,
        "\"rated_by\": \"Karen Perry, AD Safeguarding Children (who prepared the response)\"",
    );
    has(&json, "\"counting\": \"reported\"");
    has(&json, "\"standing\": \"given\"");
    let csv = page(&files, "plans/telford-placement-strategy-response.csv");
    has(&csv, "Rated by,Confirmed by the committee at,Minute\r\n");
}

#[test]
fn completion_is_reported_then_confirmed() {
    let site = Site::example();
    // The committee counts only what it has confirmed.
    site.replace(
        RESPONSE,
        "kind: scrutiny\n",
        "kind: scrutiny\ncompletion: confirmed\n",
    );
    let files = build(&site);
    let plan = words(&page(
        &files,
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(&plan, "Reported complete (Karen Perry, AD Safeguarding Children (who prepared the response)), awaiting the committee's confirmation");
    has(&plan, "Done counts only actions whose completion the committee has confirmed. Reported complete: 1; confirmed by the committee: 0.");
    has(&plan, "All actions 16 0% done");
    let plans = words(&page(&files, "plans/index.html"));
    has(&plans, "0% done (confirmed by the committee)");

    // Then a later meeting confirms it, under its minute.
    site.replace(
        RESPONSE,
        "                rated_by: Karen Perry, AD Safeguarding Children (who prepared the response)\n",
        "                rated_by: Karen Perry, AD Safeguarding Children (who prepared the response)\n                confirmed: { cycle: 2013-08, minute: 23 }\n",
    );
    let files = build(&site);
    let plan = words(&page(
        &files,
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(
        &plan,
        "Complete – confirmed by the committee on 15 August 2013 (minute 23)",
    );
    assert!(
        !plan.contains("awaiting the committee's confirmation"),
        "{plan}"
    );
    has(&plan, "All actions 16 6% done");
}

#[test]
fn clocks_show_met_late_and_overdue() {
    let site = Site::example();
    site.replace(
        RESPONSE,
        "    start: not known\n    given: 2013-06-27\n",
        "    start: 2013-04-01\n    given: 2013-06-27\n",
    );
    let files = build(&site);
    let plan = words(&page(
        &files,
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(
        &plan,
        "Met late, by 26 days: due 1 June 2013, given 27 June 2013.",
    );

    site.replace(
        RESPONSE,
        "    given: 2013-06-27\n",
        "    given: 2013-05-31\n",
    );
    let plan = words(&page(
        &build(&site),
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(&plan, "Met: given 31 May 2013, due 1 June 2013.");

    // Not given: overdue as of the site's latest cycle, never the system clock.
    site.replace(RESPONSE, "    given: 2013-05-31\n", "");
    let home = words(&page(&build(&site), "index.html"));
    has(&home, "Open and overdue by 4321 days as of Bracknell Forest Council – Council plan overview report, quarter 4 2024 to 2025, March 2025: due 1 June 2013.");
}

#[test]
fn an_undertaking_not_answered_carries_forward_as_late() {
    let site = Site::example();
    site.replace(
        AUGUST,
        "  - undertaking: peer-review-report\n    where: telford-peer-review-2013\n",
        "",
    );
    let files = build(&site);
    let august = page(&files, "cycles/2013-08/index.html");
    let row = words(element(&august, "undertaking-peer-review-report", "</tr>"));
    assert!(row.ends_with("Not back"), "{row}");
    // At every later meeting it is still listed, late, until it comes back.
    let later = page(&files, "cycles/torbay-2017-06/index.html");
    let row = words(element(&later, "undertaking-peer-review-report", "</tr>"));
    assert!(row.ends_with("Not back: late, carried forward"), "{row}");
    assert!(
        !later.contains("undertaking-ofsted-action-plan-update"),
        "answered ones are not carried"
    );

    // Answered at a later meeting: late.
    site.write(
        "content/meetings/torbay-2017-06.yaml",
        "answered:\n  - { undertaking: peer-review-report, where: telford-peer-review-2013 }\n",
    );
    let files = build(&site);
    let later = page(&files, "cycles/torbay-2017-06/index.html");
    let row = words(element(&later, "undertaking-peer-review-report", "</tr>"));
    has(&row, "Came back late");
    assert!(!page(&files, "cycles/2023-12/index.html").contains("undertaking-peer-review-report"));
}

#[test]
fn inspection_pages_show_repeated_weaknesses() {
    let site = Site::example();
    site.write(
        "content/inspections/telford-ofsted-2014.yaml",
        "title: A later inspection (test)\ninspectorate: Ofsted\norganisation: Telford & Wrekin Council\nfindings:\n  - id: '3'\n    text: Visits still not recorded\n    repeats: telford-ofsted-2012#R22\n",
    );
    // A plan answering the re-inspection: its action carries over from the
    // earlier plan's action that answered R22.
    site.write(
        "content/plans/telford-plan-2014.yaml",
        "title: A plan answering the later inspection (test)\norganisation: Telford & Wrekin Council\nkind: inspection\nresponds_to: [telford-ofsted-2014]\nrecommendations:\n  - id: '3'\n    findings: [telford-ofsted-2014#3]\n    actions:\n      - text: Record every visit\n",
    );
    let files = build(&site);
    let plan = words(&page(&files, "plans/telford-plan-2014/index.html"));
    has(&plan, "Carries over from an earlier plan (the finding it answers repeats one that plan answered): Children's Services Improvement Plan (working document): ");
    let other = words(&page(
        &files,
        "plans/telford-placement-strategy-response/index.html",
    ));
    assert!(
        !other.contains("Carries over from"),
        "only actions answering a repeated finding carry over"
    );
    let later = words(&page(&files, "inspections/telford-ofsted-2014/index.html"));
    has(&later, "Repeated weaknesses");
    has(&later, "Repeated weakness: this repeats");
    let earlier = page(&files, "inspections/telford-ofsted-2012/index.html");
    assert!(
        earlier.contains("href=\"/inspections/telford-ofsted-2014/#finding-3\""),
        "the earlier report links to the repeat"
    );
}

#[test]
fn bad_input_is_reported_at_its_line() {
    let site = Site::example();
    site.replace(
        RESPONSE,
        "                rated_by: Karen Perry, AD Safeguarding Children (who prepared the response)\n",
        "                rated_by: Karen Perry, AD Safeguarding Children (who prepared the response)\n                confirmed: { cycle: 2013-09, minute: 23 }\n",
    );
    site.replace(
        RESPONSE,
        "    start: not known\n    given: 2013-06-27\n",
        "    given: 2013-06-27\n",
    );
    site.replace(
        JUNE,
        "  - id: ofsted-action-plan-update",
        "  - id: cabinet-response-report-back",
    );
    site.replace(
        AUGUST,
        "  - undertaking: peer-review-report",
        "  - undertaking: peer-review-reprot",
    );
    let out = site.check();
    out.fails();
    let sign_off = out.error_at(
        RESPONSE,
        site.position_in(RESPONSE, "confirmed: { cycle: 2013-09", "2013-09"),
    );
    assert!(
        sign_off.message.contains("unknown cycle \"2013-09\""),
        "{}",
        sign_off.message
    );
    let clock = out.error_at(
        RESPONSE,
        site.position_in(RESPONSE, "    rule: 2 months\n", "2 months"),
    );
    assert!(
        clock.message.contains("counts 2 months but has no start"),
        "{}",
        clock.message
    );
    let twice = out.error_at(
        JUNE,
        site.position_in(
            JUNE,
            "  - id: cabinet-response-report-back\n    minute: CYPSC-5\n    what: An update",
            "cabinet",
        ),
    );
    assert!(
        twice
            .message
            .contains("duplicate id \"cabinet-response-report-back\""),
        "{}",
        twice.message
    );
    let unknown = out.error_at(
        AUGUST,
        site.position_in(AUGUST, "undertaking: peer-review-reprot", "peer"),
    );
    assert!(
        unknown
            .message
            .contains("unknown undertaking \"peer-review-reprot\""),
        "{}",
        unknown.message
    );
    assert_eq!(
        unknown.help.as_deref(),
        Some("did you mean \"peer-review-report\"?")
    );
    // Nothing is written when there are errors.
    site.run(&["build"]).fails();
    assert!(!site.path("public/index.html").exists());
}

/// Cuts from the one occurrence of `start` up to (not including) the next `end` after it.
fn cut(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}"));
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    format!("{}{}", &text[..from], &text[to..])
}

#[test]
fn a_baseline_is_written_once_and_the_plan_drifts_from_it() {
    let site = Site::example();
    // The example's own baseline (at 2013-06) is left out: this one is the plan as agreed.
    site.remove("content/baselines/telford-placement-strategy-response@2013-06.yaml");
    let written = site.run(&["baseline", "telford-placement-strategy-response"]);
    written.passes();
    let file = "content/baselines/telford-placement-strategy-response.yaml";
    assert!(
        written
            .stdout
            .contains(&format!("wrote {file} (16 actions)")),
        "{}",
        written.stdout
    );
    let baseline = site.read(file);
    assert!(
        baseline.contains("plan: telford-placement-strategy-response\n"),
        "{baseline}"
    );
    // No change yet: the page says the plan is as agreed.
    let files = build(&site);
    has(
        &words(&page(
            &files,
            "plans/telford-placement-strategy-response/index.html",
        )),
        "The plan is as it was agreed",
    );
    // A baseline is never written over by accident.
    site.run(&["baseline", "telford-placement-strategy-response"])
        .fails()
        .stderr_has(&format!("{file}: error: a baseline exists here"));
    site.run(&["baseline", "telford-placement-strategy-respons"])
        .fails()
        .stderr_has("content/plans: error: there is no plan \"telford-placement-strategy-respons\"")
        .stderr_has("did you mean \"telford-placement-strategy-response\"?");

    // Reworded, with a new measure; removed; merged; added; a new status scale.
    site.replace(
        RESPONSE,
        "          - text: New template for recording visits is being piloted, and the findings will be used to improve implementation\n",
        "          - text: A new template for recording visits will be used\n            measure: All visits recorded on the new template\n",
    );
    let text = site.read(RESPONSE);
    let text = cut(
        &text,
        "          - text: Red Amber Green",
        "\n      - id: 2.b",
    );
    let police = "Information is being released direct to police from Ofsted and the local authority works closely with the police where any issues are best tackled jointly";
    let text = cut(
        &text,
        &format!("        actions:\n          - text: {police}"),
        "      - id: 6.b",
    );
    site.write(RESPONSE, text);
    site.replace(
        RESPONSE,
        "help the children in their care.\n            owner: Viv",
        &format!("help the children in their care. {police}.\n            owner: Viv"),
    );
    site.replace(
        RESPONSE,
        "      - id: 6.b\n",
        "        actions:\n          - id: 6.a.meet\n            text: Meet the police each quarter\n      - id: 6.b\n",
    );
    site.replace(
        RESPONSE,
        "kind: scrutiny\n",
        "kind: scrutiny\nstatuses:\n  - { id: complete, label: Achieved, colour: blue, done: true }\n  - { id: on-track, label: On track, colour: green }\n",
    );
    let files = build(&site);
    let plan = words(&page(
        &files,
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(&plan, "Changes to the plan since it was agreed From the plan as agreed to the plan as reported to Telford & Wrekin Children and Young People Scrutiny Committee, 15 August 2013");
    has(&plan, "Added: 6.a.meet – Meet the police each quarter");
    for made_up in ["2.a.2", "6.a.1", "6.b.1"] {
        assert!(!plan.contains(made_up), "{made_up} shown in\n{plan}");
    }
    // Actions no longer in the plan are named by their text: their baseline ids ("2.a.2") were made up.
    has(&plan, "Removed: Red Amber Green (RAG) system for rating care plans by Independent Reviewing Officers (IRO's) to be reviewed.");
    has(
        &plan,
        &format!("Merged: “{police}” now sits in 6.b, action 1"),
    );
    has(&plan, "Reworded: 2.a, action 1 : was “New template for recording visits is being piloted, and the findings will be used to improve implementation”; now “A new template for recording visits will be used”");
    has(&plan, "Success measure changed: 2.a, action 1 : was “none”; now “All visits recorded on the new template”");
    has(&plan, "Status scale changed: was Complete, In progress – on schedule, At risk, Behind schedule, Not started; now Achieved, On track");
}

#[test]
fn the_example_baseline_shows_the_deadlines_august_moved() {
    let (_, files) = built();
    let plan = words(&page(
        &files,
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(&plan, "From the plan as it stood at Telford & Wrekin Cabinet, 27 June 2013 to the plan as reported to Telford & Wrekin Children and Young People Scrutiny Committee, 15 August 2013 Due date changed: 4.b, action 1 : was 30 April 2013; now 30 April 2014 Due date changed: 6.b, action 1 : was 30 September 2013; now 31 October 2013");
    // The meeting's page says what changed in the plan itself, beside progress.
    let august = words(&page(&files, "cycles/2013-08/index.html"));
    has(
        &august,
        "What changed in the plans themselves at this meeting",
    );
    has(
        &august,
        "Due date changed: 6.b, action 1 : was 30 September 2013; now 31 October 2013",
    );
    let june = words(&page(&files, "cycles/2013-06/index.html"));
    assert!(
        !june.contains("What changed in the plans themselves"),
        "nothing changed in the plan at the meeting that agreed it"
    );
}

#[test]
fn a_clock_counts_calendar_days_and_refuses_a_malformed_one() {
    let site = Site::example();
    site.replace(
        RESPONSE,
        "    rule: 2 months\n    start: not known\n    given: 2013-06-27\n",
        "    rule: within 30 days\n    start: 2013-05-31\n    given: 2013-06-27\n",
    );
    let plan = words(&page(
        &build(&site),
        "plans/telford-placement-strategy-response/index.html",
    ));
    // Every day counts, weekends too: 31 May + 30 days is Sunday 30 June.
    has(&plan, "30 June 2013 (30 days from the start)");
    has(&plan, "Met: given 27 June 2013, due 30 June 2013.");

    site.replace(
        RESPONSE,
        "    rule: within 30 days\n",
        "    rule: 20 calendar days\n",
    );
    let plan = words(&page(
        &build(&site),
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(&plan, "20 June 2013 (20 calendar days from the start)");
    has(
        &plan,
        "Met late, by 7 days: due 20 June 2013, given 27 June 2013.",
    );

    site.replace(
        RESPONSE,
        "    rule: 20 calendar days\n",
        "    rule: 30 dayz\n",
    );
    let out = site.check();
    out.fails();
    // Reported at the clock it belongs to (clocks[0]), as any unreadable rule is.
    let bad = out.error_at(
        RESPONSE,
        site.position_in(RESPONSE, "  - id: cabinet-response\n", "id"),
    );
    assert!(
        bad.message.contains("\"30 dayz\" is not a rule") && bad.message.contains("\"30 days\""),
        "{}",
        bad.message
    );
}

#[test]
fn a_clock_takes_dates_as_printed_month_only_or_estimated() {
    let site = Site::example();
    // A report dated only by its month: two months from April 2013 is June
    // 2013, and a response given in July is late by no count of days.
    site.replace(
        RESPONSE,
        "    start: not known\n    given: 2013-06-27\n",
        "    start: 2013-04\n    given: 2013-07\n",
    );
    let plan = words(&page(
        &build(&site),
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(&plan, "April 2013");
    has(&plan, "Met late: due June 2013, given July 2013.");

    site.replace(RESPONSE, "    given: 2013-07\n", "    given: 2013-06\n");
    let plan = words(&page(
        &build(&site),
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(&plan, "Met: given June 2013, due June 2013.");

    // An estimated start: its due date, and the days late, are "about".
    site.replace(
        RESPONSE,
        "    start: 2013-04\n    given: 2013-06\n",
        "    start: 2013-04-01\n    given: 2013-06-27\n    estimated: [start]\n",
    );
    let plan = words(&page(
        &build(&site),
        "plans/telford-placement-strategy-response/index.html",
    ));
    has(&plan, "about 1 April 2013");
    has(
        &plan,
        "Met late, by about 26 days: due about 1 June 2013, given 27 June 2013.",
    );

    // `true` where the clock gives two dates does not say which.
    site.replace(
        RESPONSE,
        "    estimated: [start]\n",
        "    estimated: true\n",
    );
    let out = site.check();
    out.fails();
    let bad = out.error_at(
        RESPONSE,
        site.position_in(RESPONSE, "    estimated: true\n", "true"),
    );
    assert!(
        bad.message
            .contains("does not say which of its dates (start, given)"),
        "{}",
        bad.message
    );
}

#[test]
fn a_meeting_that_recorded_no_challenge_has_no_challenge_section() {
    let (_, files) = built();
    // 15 August 2013 records only what came back: no questions, resolutions or undertakings.
    let august = words(&page(&files, "cycles/2013-08/index.html"));
    assert!(!august.contains("The committee's challenge"), "{august}");
    // Where the answers came from is still said, under the undertakings.
    has(&august, "From Telford & Wrekin Children and Young People Scrutiny Committee papers for 15 August 2013.");
    // A meeting that did record some keeps the section.
    let june = words(&page(&files, "cycles/2013-06-06/index.html"));
    has(&june, "The committee's challenge");
}

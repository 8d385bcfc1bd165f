//! Every council's paper, faithfully: what the pages show of a plan's own RAG
//! key, numbers as printed, steps, owners with roles, carried statuses, the
//! paper's own summary, next steps, month-only meetings and the open data, on
//! the example site and on copies of it edited for each point.

use crate::util::{built, element, page, read_tree, Site};
use std::collections::BTreeMap;

const TELFORD: &str = "content/plans/telford-improvement-plan.yaml";
const BRACKNELL: &str = "content/plans/bracknell-forest-caring-for-you-2023-q3.yaml";

/// Builds a site (which must pass) and reads its output back.
#[track_caller]
fn build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.run(&["build"]).passes();
    read_tree(&site.path("public"))
}

#[test]
fn a_plan_in_its_own_key_shows_only_its_own_statuses() {
    let (_, files) = built();
    let html = page(
        &files,
        "plans/bracknell-forest-caring-for-you-2023-q3/index.html",
    );
    assert!(
        html.contains("<strong class=\"tag tag--green\">Green</strong>"),
        "{html}"
    );
    let key = &html[html.find("<details class=\"key\">").expect("a key")..];
    let key = &key[..key.find("</details>").unwrap()];
    for label in ["Green", "Amber", "Red"] {
        assert!(
            key.contains(&format!(">{label}</strong>")),
            "{label} missing from the key"
        );
    }
    // Never the site's statuses, nor "Not started", on a plan with its own key.
    for other in [
        "In progress – on schedule",
        "Not started",
        "Behind schedule",
    ] {
        assert!(!html.contains(other), "{other} on a plan with its own key");
    }
    // The dashboard names each plan with the key it uses.
    let dashboard = page(&files, "index.html");
    assert!(
        dashboard.contains(
            "<p class=\"key__plans\">Corporate performance on caring for you and your family:</p>"
        ),
        "{dashboard}"
    );
}

#[test]
fn pages_name_actions_by_their_printed_number_or_their_place() {
    let (_, files) = built();
    let torbay = page(
        &files,
        "plans/torbay-improvement-action-tracker-2017/index.html",
    );
    assert!(torbay.contains("<span class=\"action-id\">1.1</span>"));
    assert!(torbay.contains(
        "<span class=\"section-number\">1</span> CHILDREN IN NEED OF HELP OF PROTECTION"
    ));
    let telford = page(&files, "plans/telford-improvement-plan/index.html");
    assert!(telford.contains("<span class=\"action-id\">Action 1</span>"));
    // The ids ragtime makes (R22.1) are addresses, never labels.
    assert!(!telford.contains(">R22.1<") && telford.contains("id=\"action-R22.1\""));
    let owner = page(&files, "owners/karen-perry/index.html");
    assert!(owner.contains(">R7-R20, action 4</a>"), "{owner}");
}

#[test]
fn steps_are_shown_under_their_action_and_never_counted() {
    let (_, files) = built();
    let html = page(
        &files,
        "plans/torbay-improvement-action-tracker-2017/index.html",
    );
    let steps = element(&html, "action-1.1", "</tr>");
    assert!(
        steps.contains("<ul class=\"steps\" aria-label=\"Steps of 1.1\">"),
        "{steps}"
    );
    assert_eq!(steps.matches("<li class=\"step\">").count(), 3);
    assert_eq!(steps.matches(">COMPLETED</strong>").count(), 2);
    assert!(
        steps.contains("Success measures: Standards to be understood and implemented by staff.")
    );
    // The action has no status of its own: its steps do not give it one.
    assert!(steps.contains("<strong class=\"tag tag--none\">No update yet</strong>"));
    // Steps are never counted: the plan has one action in all.
    let json: serde_json::Value = serde_json::from_str(&page(
        &files,
        "plans/torbay-improvement-action-tracker-2017.json",
    ))
    .unwrap();
    assert_eq!(json["summary"]["total"], 1, "{}", json["summary"]);
}

#[test]
fn one_owner_however_the_papers_spell_them() {
    let (_, files) = built();
    assert!(!files.contains_key("owners/karen-perry-ad-children-s-safeguarding/index.html"));
    assert!(!files.contains_key("owners/dianne-partridge/index.html"));
    let karen = page(&files, "owners/karen-perry/index.html");
    assert!(
        karen.contains("<div><dt>Role</dt><dd>AD Children&#39;s Safeguarding</dd></div>"),
        "{karen}"
    );
    // Her actions from both Telford plans are on one page.
    assert!(karen.contains("Children&#39;s Services Improvement Plan"));
    assert!(karen.contains("Cabinet response"));
    let diane = page(&files, "owners/diane-partridge/index.html");
    assert!(
        diane.contains("R21, action") && diane.contains("R1, action"),
        "{diane}"
    );
    // An owner in another organisation than the plan's is marked as a partner.
    let telford = page(&files, "plans/telford-improvement-plan/index.html");
    assert!(
        telford
            .contains("CCG Commissioners</a> <span class=\"owner__partner\">(partner: CCG)</span>"),
        "{telford}"
    );
}

#[test]
fn a_status_not_given_again_is_carried_and_a_reason_is_shown() {
    let site = Site::example();
    // The plan reports again at a later meeting for one action only, and says
    // why another has nothing to report.
    site.replace(
        TELFORD,
        "To be implemented from 01.09.13\n",
        "To be implemented from 01.09.13\n              - cycle: 2016-04\n                status: on-track\n                progress: Implemented.\n",
    );
    site.replace(
        TELFORD,
        "Workshops to be commissioned between July and October 2013 to roll out training on revised policy and best practice.\n",
        "Workshops to be commissioned between July and October 2013 to roll out training on revised policy and best practice.\n              - cycle: 2016-04\n                not_reported: Post vacant until January\n",
    );
    let output = site.run(&["build"]);
    output.passes();
    let files = read_tree(&site.path("public"));
    let html = page(&files, "plans/telford-improvement-plan/2016-04/index.html");
    assert!(
        html.contains(
            "<p class=\"status-note\">As reported on 15 August 2013; no update at this meeting</p>"
        ),
        "carried status not said"
    );
    assert!(html.contains(
        "<p class=\"status-note\">Not reported at this meeting: Post vacant until January</p>"
    ));
    // The meeting's changes list the actions with no update.
    assert!(html.contains("id=\"changes-no-update\""));
    // check warns of the forgotten returns, not of the one explained.
    let forgotten = output
        .warnings()
        .into_iter()
        .filter(|w| {
            w.message
                .contains("no progress is reported for this action at Slough")
        })
        .count();
    assert!(forgotten > 0, "{output}");
    let explained = "sections[2].recommendations[4].actions[1]";
    assert!(
        output
            .warnings()
            .iter()
            .all(|w| w.field.as_deref() != Some(explained)),
        "{output}"
    );
}

#[test]
fn the_papers_own_summary_is_shown_beside_the_count() {
    let (_, files) = built();
    let html = page(
        &files,
        "plans/bracknell-forest-council-plan-2024-25/index.html",
    );
    assert!(html.contains("<h2 id=\"paper-summary\">The paper's own summary</h2>"));
    assert!(
        html.contains("<th scope=\"row\">Complete</th><td class=\"num\">64</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("The plan lists no actions: the paper gives only its totals, shown below.")
    );
    assert!(!html.contains("Differs"));

    // A paper whose totals its actions do not bear out.
    let site = Site::example();
    site.replace(
        TELFORD,
        "labels:\n",
        "reports:\n  - cycle: 2013-08\n    counts: { complete: 1 }\n    narrative: The paper's own words.\nlabels:\n",
    );
    let output = site.run(&["build"]);
    output.passes();
    output
        .warning_at(
            TELFORD,
            site.position_in(TELFORD, "counts: { complete: 1 }", "1 }"),
        )
        .field("reports[0].counts.complete")
        .says("the paper counts 1 \"Complete\"");
    let html = page(
        &read_tree(&site.path("public")),
        "plans/telford-improvement-plan/index.html",
    );
    assert!(html.contains("<strong class=\"tag tag--differs\">Differs</strong>"));
    assert!(
        html.contains("<div class=\"prose\"><p>The paper's own words.</p>"),
        "{html}"
    );
}

#[test]
fn next_steps_and_headings_that_name_the_meeting() {
    let site = Site::example();
    site.replace(
        TELFORD,
        "  progress: Progress\n",
        "  progress: Progress {cycle}\n  next_steps: Action from {cycle}\n",
    );
    site.replace(
        TELFORD,
        "To be implemented from 01.09.13\n",
        "To be implemented from 01.09.13\n                next_steps: Launch the policy in September.\n",
    );
    let files = build(&site);
    let html = page(&files, "plans/telford-improvement-plan/index.html");
    assert!(
        html.contains("<th scope=\"col\" class=\"col-progress\">Progress August 2013</th>"),
        "{html}"
    );
    // Next steps under the progress, headed as the paper heads them, where given.
    assert!(html.contains(
        "<div class=\"next-steps\"><p class=\"next-steps__label\">Action from August 2013</p><p>Launch the policy in September.</p>"
    ));
    assert_eq!(html.matches("next-steps__label").count(), 1, "{html}");
}

#[test]
fn a_meeting_known_by_its_month_is_shown_as_a_month() {
    let (_, files) = built();
    let html = page(
        &files,
        "plans/bracknell-forest-caring-for-you-2023-q3/index.html",
    );
    assert!(
        html.contains("<time datetime=\"2023-12\">December 2023</time>"),
        "{html}"
    );
    let cycle = page(&files, "cycles/2023-12/index.html");
    assert!(cycle.contains("December 2023"));
    let at = page(
        &files,
        "plans/bracknell-forest-caring-for-you-2023-q3/2023-12/index.html",
    );
    assert!(
        at.contains(" in December 2023."),
        "a month is 'in', not 'on'"
    );
}

#[test]
fn a_plan_page_links_the_briefings_that_name_it() {
    let (_, files) = built();
    let html = page(&files, "plans/telford-improvement-plan/index.html");
    let briefings = element(&html, "briefings-of-plan", "</div>");
    assert!(
        briefings.contains("href=\"/briefings/telford-service-improvement-update-2013-08-15/\""),
        "{briefings}"
    );
}

#[test]
fn an_inspection_names_its_findings_in_its_own_words() {
    let site = Site::example();
    site.replace(
        "content/inspections/slough-ofsted.yaml",
        "inspectorate: Ofsted\n",
        "inspectorate: Ofsted\nitem_label: area for improvement\n",
    );
    site.replace(
        "content/inspections/slough-ofsted.yaml",
        "  - id: \"21\"\n",
        "  - id: \"21\"\n    number: OR 21\n",
    );
    let files = build(&site);
    let html = page(&files, "inspections/slough-ofsted/index.html");
    assert!(html.contains("Ofsted area for improvement OR 21"), "{html}");
    let plan = page(&files, "plans/slough-children-looked-after-2016/index.html");
    assert!(plan.contains("Ofsted area for improvement OR 21"));
}

#[test]
fn a_paper_without_statuses_shows_none() {
    let site = Site::example();
    let text = site.read(BRACKNELL);
    let start = text.find("statuses:\n").unwrap();
    let end = text.find("labels:\n").unwrap();
    let text = format!("{}statuses: []\n{}", &text[..start], &text[end..])
        .replace("            status: green\n", "")
        .replace("  status: Status\n", "");
    site.write(BRACKNELL, text);
    let files = build(&site);
    let html = page(
        &files,
        "plans/bracknell-forest-caring-for-you-2023-q3/index.html",
    );
    assert!(
        html.contains("The paper gives no statuses: 3 actions."),
        "{html}"
    );
    assert!(!html.contains("<th scope=\"col\">Status</th>"));
    assert!(!html.contains("Not rated") && !html.contains("What the statuses mean"));
}

#[test]
fn an_owner_across_plans_with_different_keys_is_counted_by_colour() {
    let site = Site::example();
    site.replace(
        TELFORD,
        "owner: CCG Commissioners",
        "owner: [CCG Commissioners, Public Health]",
    );
    let files = build(&site);
    let html = page(&files, "owners/public-health/index.html");
    assert!(
        html.contains(
            "These plans use different status keys, so their actions are counted by colour."
        ),
        "{html}"
    );
    assert!(html.contains("<p class=\"key__plans\">"));
}

#[test]
fn open_data_carries_numbers_steps_and_why_nothing_was_reported() {
    let (_, files) = built();
    let json = page(&files, "plans/torbay-improvement-action-tracker-2017.json");
    for needle in [
        "\"number\": \"1.1\"",
        "\"steps\": [",
        "\"label\": \"1.1\"",
        // Its paper rates two of its three steps, both complete, and not the action.
        "\"status_label\": \"Not rated\"",
        "\"status_from_steps\": \"from 2 of its 3 steps\"",
        "\"carried\": false",
        "\"not_rated\": 1",
    ] {
        assert!(json.contains(needle), "{needle} missing from\n{json}");
    }
    let csv = page(&files, "plans/telford-improvement-plan.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",Action number,Next steps,Status given at,Not reported,Rated by,Confirmed by the committee at,Minute"),
        "{header}"
    );
    let json = page(&files, "plans/bracknell-forest-council-plan-2024-25.json");
    assert!(
        json.contains("\"reports\": [") && json.contains("\"complete\": 64"),
        "{json}"
    );
}

// ---------------------------------------------------------------------------
// What check says of the new fields, and of the mistakes found on the way

#[test]
fn every_missing_required_field_is_reported() {
    let site = Site::example();
    site.replace(
        TELFORD,
        "title: Children's Services Improvement Plan (working document)\n",
        "",
    );
    site.replace(
        TELFORD,
        "          - text: Clarify and agree who is responsible for life story book work.\n            measure:",
        "          - measure:",
    );
    let output = site.check();
    output.fails();
    let missing: Vec<String> = output
        .errors()
        .iter()
        .filter(|e| e.message.starts_with("the required field"))
        .filter_map(|e| e.field.clone())
        .collect();
    assert_eq!(
        missing,
        ["title", "sections[2].recommendations[4].actions[0].text"],
        "{output}"
    );
}

#[test]
fn a_cycle_listed_twice_is_the_one_error_reported() {
    let site = Site::example();
    // A new meeting copied from the last without changing its id: the
    // updates for it name an id the list does not have.
    site.replace(
        "content/site.yaml",
        "  - id: torbay-2017-06\n",
        "  - id: 2013-08\n",
    );
    let output = site.check();
    output.fails();
    let errors = output.errors();
    assert_eq!(errors.len(), 1, "{output}");
    errors[0]
        .says("the cycle \"2013-08\" is defined twice")
        .helps("name a cycle not in the list (torbay-2017-06)");
    assert_eq!(errors[0].file, "content/site.yaml");
}

#[test]
fn dates_refuses_content_that_fails_check() {
    let site = Site::example();
    site.replace(
        TELFORD,
        "status: behind  # paper: \"behind schedule\"\n                progress: |\n                  Policy drafted",
        "status: behnid\n                progress: |\n                  Policy drafted",
    );
    let output = site.run(&["dates"]);
    output
        .fails()
        .stderr_has("unknown status \"behnid\"")
        .stderr_has("dates: the content has 1 error; fix it first");
    assert!(!output.stdout.contains("without a due date"), "{output}");
}

#[test]
fn dates_counts_in_words() {
    let site = Site::example();
    site.keep_only(
        "content/plans",
        &["telford-placement-strategy-response.yaml"],
    );
    site.keep_only("content/briefings", &[]);
    site.keep_only("content/pages", &[]);
    let output = site.run(&["dates"]);
    output.passes();
    let last = output
        .stdout
        .lines()
        .find(|l| l.contains("without a due date"))
        .unwrap();
    assert!(
        !last.contains("1 actions") && !last.contains("1 dates"),
        "{last}"
    );
}

#[test]
fn a_missing_finding_lists_what_exists_rather_than_another_number() {
    let site = Site::example();
    site.replace(
        "content/plans/slough-children-looked-after-2016.yaml",
        "findings: [slough-ofsted#21]\n        owner: RK\n        timescale: 6th June 2016",
        "findings: [slough-ofsted#29]\n        owner: RK\n        timescale: 6th June 2016",
    );
    let output = site.check();
    output.fails();
    let error = output.error_in("content/plans/slough-children-looked-after-2016.yaml");
    error
        .says("has no finding \"29\"")
        .helps("inspection \"slough-ofsted\" has: 1, 2, 3");
    assert!(
        !error
            .help
            .clone()
            .unwrap_or_default()
            .contains("did you mean"),
        "{error}"
    );
}

#[test]
fn a_plans_own_key_is_checked_like_the_sites() {
    let site = Site::example();
    site.replace(
        BRACKNELL,
        "  - id: red\n    label: Red\n",
        "  - id: red\n    label: Green\n",
    );
    site.replace(
        BRACKNELL,
        "  - id: amber\n    label: Amber\n",
        "  - id: amber\n    label: not rated\n",
    );
    site.replace(BRACKNELL, "            status: green\n            progress: |\n              Stage: In progress  \n              Percentage complete: 80%", "            status: on-track\n            progress: |\n              Stage: In progress  \n              Percentage complete: 80%");
    let output = site.check();
    output.fails();
    output
        .error_at(
            BRACKNELL,
            site.position_in(BRACKNELL, "label: Green\n    colour: red", "Green"),
        )
        .says("is also the label of the status \"green\"");
    output
        .error_at(
            BRACKNELL,
            site.position_in(BRACKNELL, "label: not rated", "not rated"),
        )
        .says("is what pages call an action without a status");
    output
        .error_at(
            BRACKNELL,
            site.position_in(BRACKNELL, "status: on-track", "on-track"),
        )
        .says("unknown status \"on-track\" (the plan's own key)")
        .helps("expected one of: green, amber, red");
}

#[test]
fn the_site_key_may_leave_out_not_started() {
    let site = Site::example();
    let settings = site.read("content/site.yaml");
    let start = settings.find("  - id: not-started\n").unwrap();
    let end = settings.find("\n# The committee meetings").unwrap();
    site.write(
        "content/site.yaml",
        format!("{}{}", &settings[..start], &settings[end..]),
    );
    // The Middlesbrough plans report nothing: their actions have no update yet.
    let files = build(&site);
    let html = page(
        &files,
        "plans/middlesbrough-children-in-care-2016/index.html",
    );
    assert!(html.contains("<strong class=\"tag tag--none\">No update yet</strong>"));
    assert!(!html.contains("Not started"));
}

#[test]
fn owners_are_checked_against_the_directory() {
    let site = Site::example();
    site.replace(
        TELFORD,
        "owner: CCG Commissioners",
        "owner: CCG Comissioners",
    );
    site.replace(
        TELFORD,
        "owner: HEALTH /JR",
        "owner: \"Head of HR, Director of Children's Services\"",
    );
    let output = site.check();
    output.passes();
    output
        .warning_at(
            TELFORD,
            site.position_in(TELFORD, "owner: CCG Comissioners", "CCG"),
        )
        .says("the owner \"CCG Comissioners\" is not in content/owners.yaml")
        .helps("did you mean \"CCG Commissioners\"?");
    output
        .warning_at(
            TELFORD,
            site.position_in(TELFORD, "owner: \"Head of HR", "\"Head"),
        )
        .says("reads like several owners in one name")
        .helps("`owner: [Head of HR, Director of Children's Services]`");

    let empty = Site::example();
    empty.replace(TELFORD, "owner: CCG Commissioners", "owner: []");
    empty
        .check()
        .fails()
        .error_at(TELFORD, empty.position_in(TELFORD, "owner: []", "[]"))
        .says("the list of owners is empty");
}

#[test]
fn an_update_not_reported_carries_no_status() {
    let site = Site::example();
    site.replace(
        TELFORD,
        "                status: behind  # paper: \"behind schedule\"\n                progress: |\n                  Policy drafted",
        "                status: behind\n                not_reported: Post vacant\n                progress: |\n                  Policy drafted",
    );
    site.check()
        .fails()
        .error_at(
            TELFORD,
            site.position_in(
                TELFORD,
                "status: behind\n                not_reported",
                "behind",
            ),
        )
        .says("an update that was not reported has no status");
}

#[test]
fn due_dates_that_cannot_be_meant_and_none_on_purpose() {
    let site = Site::example();
    site.replace(
        TELFORD,
        "            due: 2013-10-31\n",
        "            due: 2205-10-31\n",
    );
    let output = site.check();
    output
        .passes()
        .warning_at(
            TELFORD,
            site.position_in(TELFORD, "due: 2205-10-31", "2205"),
        )
        .says("far from the plan's life");
    // `due: none` says there is no deadline: no date is suggested for it.
    let anchor = "        due: 2024-03-31\n        updates:\n          - cycle: 2023-12\n            status: green\n            progress: |\n              Stage: In progress  \n              Percentage complete: 80%";
    let suggested = |due: &str| {
        let site = Site::example();
        site.replace(
            BRACKNELL,
            anchor,
            &anchor.replace("        due: 2024-03-31\n", due),
        );
        let output = site.check();
        output.passes();
        output
            .warnings()
            .iter()
            .filter(|w| w.file == BRACKNELL && w.message.contains("reads like a date"))
            .count()
    };
    assert_eq!(suggested(""), 1);
    assert_eq!(suggested("        due: none\n"), 0);
}

#[test]
fn a_number_is_kept_as_printed() {
    let site = Site::example();
    site.replace(
        "content/plans/torbay-improvement-action-tracker-2017.yaml",
        "            number: \"1.1\"\n",
        "            number: 1.10\n",
    );
    site.run(&["build"]).passes();
    let html = site.read("public/plans/torbay-improvement-action-tracker-2017/index.html");
    assert!(
        html.contains(">1.10<"),
        "the number is not shown as printed"
    );
}

#[test]
fn an_inspection_with_no_finding_transcribed_claims_no_coverage() {
    // Leicestershire's CQC assessment: the stored paper stops before its
    // findings, so the site lists none.
    let (_, files) = built();
    let html = page(&files, "inspections/leicestershire-cqc-2025/index.html");
    let text = crate::util::words(&html);
    assert!(
        text.contains("This site lists none of the inspection's findings, so it cannot say which are answered."),
        "{text}"
    );
    assert!(!text.contains("0 of 0"), "{text}");
    // One with findings still counts them.
    let telford = crate::util::words(&page(&files, "inspections/telford-ofsted-2012/index.html"));
    assert!(
        telford.contains("28 of 28 findings are answered"),
        "{telford}"
    );
}

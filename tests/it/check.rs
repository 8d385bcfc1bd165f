//! `ragtime check` on the example site, and on copies of it with defects put in.
//!
//! Every defect test edits a fresh copy of the example content, runs the real
//! binary, and checks that the report names the file, the line and column (found
//! from the edited text, not hard-coded) and the field.

use crate::util::Site;

const MIDDLESBROUGH_PLAN: &str = "content/plans/middlesbrough-children-in-care-2016.yaml";
const NEW_PLAN: &str = "content/plans/new-plan.yaml";
const SLOUGH_PLAN: &str = "content/plans/slough-children-looked-after-2016.yaml";
const TELFORD_PLAN: &str = "content/plans/telford-improvement-plan.yaml";
const MIDDLESBROUGH_OFSTED: &str = "content/inspections/middlesbrough-ofsted-2016.yaml";
const SLOUGH_OFSTED: &str = "content/inspections/slough-ofsted.yaml";
const TELFORD_BRIEFING: &str = "content/briefings/telford-service-improvement-update-2013-08-15.md";

/// The first update of the first action of the Telford plan (recommendation R1).
const TELFORD_FIRST_UPDATE: &str =
    "status: complete\n                progress: |\n                  Monitoring system has been established";

/// The summary of the whole example site, as of the content this was pinned on.
const EXAMPLE_SUMMARY: &str = "ok: 11 plans, 84 recommendations, 158 actions, 6 inspections with 74 findings, 4 briefings, 7 cycles\n";

// ---------------------------------------------------------------------------
// The example content

#[test]
fn example_content_passes_with_a_one_line_summary() {
    let out = Site::example().check();
    out.passes().stdout_is(EXAMPLE_SUMMARY);
    assert!(out.errors().is_empty(), "{out}");
    // Its only warnings, if any, are the due dates that check suggests, and
    // the three returns of the Cabinet response's August update that the
    // published pack lost at a page break (see the comments in that plan).
    let warnings = out.warnings();
    let mut forgotten = Vec::new();
    for warning in &warnings {
        if warning
            .message
            .contains("no progress is reported for this action")
        {
            forgotten.push(warning.field.clone().unwrap_or_default());
            continue;
        }
        assert!(
            warning.message.contains("reads like a date") && warning.field.is_some(),
            "unexpected warning:\n{warning}"
        );
    }
    assert_eq!(
        forgotten,
        [
            "sections[1].recommendations[1].actions[0]",
            "sections[1].recommendations[2].actions[0]",
            "sections[1].recommendations[2].actions[1]",
        ]
    );
    if warnings.is_empty() {
        // Only the note on timescales that are not dates ("Ongoing", "Quarterly").
        assert!(
            out.stderr.starts_with("note: ") && out.stderr.contains("`ragtime dates` lists them"),
            "{out}"
        );
        assert_eq!(out.stderr.trim_end().lines().count(), 1, "{out}");
    } else {
        assert!(
            out.stderr
                .ends_with(&format!("{}\n", tally(0, warnings.len()))),
            "{out}"
        );
    }
}

/// "2 errors, 1 warning", as check counts.
fn tally(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// The example with one plan and every inspection (briefings refer to other plans).
fn with_only_plan(plan: &str) -> Site {
    let site = Site::example();
    site.keep_only("content/plans", &[plan])
        .keep_only("content/briefings", &[])
        .keep_only("content/pages", &[]);
    site
}

/// The example with one inspection and nothing that could refer to the others.
fn with_only_inspection(inspection: &str) -> Site {
    let site = Site::example();
    site.keep_only("content/inspections", &[inspection])
        .keep_only("content/plans", &[])
        .keep_only("content/briefings", &[])
        .keep_only("content/pages", &[]);
    site
}

#[test]
fn middlesbrough_2016_plan_has_22_recommendations() {
    with_only_plan("middlesbrough-children-in-care-2016.yaml")
        .check()
        .passes()
        .stdout_is("ok: 1 plan, 22 recommendations, 34 actions, 6 inspections with 74 findings, 0 briefings, 7 cycles\n");
}

#[test]
fn each_plan_counts_on_its_own() {
    for (plan, counts) in [
        (
            "middlesbrough-sufficiency-permanency-2022.yaml",
            "16 recommendations, 31 actions",
        ),
        (
            "slough-children-looked-after-2016.yaml",
            "0 recommendations, 16 actions",
        ),
        (
            "telford-improvement-plan.yaml",
            "26 recommendations, 57 actions",
        ),
        (
            "telford-placement-strategy-response.yaml",
            "13 recommendations, 16 actions",
        ),
    ] {
        with_only_plan(plan).check().passes().stdout_is(&format!(
            "ok: 1 plan, {counts}, 6 inspections with 74 findings, 0 briefings, 7 cycles\n"
        ));
    }
}

#[test]
fn middlesbrough_inspection_has_16_findings() {
    with_only_inspection("middlesbrough-ofsted-2016.yaml")
        .run(&["check", "--strict"])
        .passes()
        .stdout_is("ok: 0 plans, 0 recommendations, 0 actions, 1 inspection with 16 findings, 0 briefings, 7 cycles\n");
}

#[test]
fn slough_inspection_has_22_findings() {
    with_only_inspection("slough-ofsted.yaml")
        .run(&["check", "--strict"])
        .passes()
        .stdout_is("ok: 0 plans, 0 recommendations, 0 actions, 1 inspection with 22 findings, 0 briefings, 7 cycles\n");
}

// ---------------------------------------------------------------------------
// Warnings, --strict, and the command line

/// The example with one more action in the Middlesbrough plan, whose timescale
/// reads like a date but which has no due date: a warning.
fn with_a_due_date_warning() -> Site {
    let site = Site::example();
    site.append(
        MIDDLESBROUGH_PLAN,
        "\n  - id: w\n    text: A new recommendation.\n    actions:\n      - text: A new action.\n        timescale: By end of June 2016\n",
    );
    site
}

#[test]
fn warnings_alone_do_not_fail_without_strict() {
    let site = with_a_due_date_warning();
    let out = site.check();
    out.passes();
    assert!(out.stdout.starts_with("ok: "), "{out}");
    let at = site.position_in(MIDDLESBROUGH_PLAN, "timescale: By end of June 2016", "By");
    out.warning_at(MIDDLESBROUGH_PLAN, at)
        .field("recommendations[22].actions[0].timescale")
        .says("the timescale \"By end of June 2016\" reads like a date, but the action has no due date")
        .helps("add `due: 2016-06-30`");
    assert!(
        out.stderr
            .ends_with(&format!("\n{}\n", tally(0, out.warnings().len()))),
        "{out}"
    );
}

#[test]
fn strict_turns_warnings_into_failure() {
    let out = with_a_due_date_warning().run(&["check", "--strict"]);
    out.fails().stdout_is("");
    let warnings = out.warnings().len();
    assert!(warnings > 0, "{out}");
    assert!(out.errors().is_empty(), "{out}");
    assert!(
        out.stderr.ends_with(&format!(
            "check failed: {} (--strict: warnings count as errors)\n",
            tally(0, warnings)
        )),
        "{out}"
    );
}

#[test]
fn strict_passes_content_without_warnings() {
    with_only_inspection("telford-ofsted-2012.yaml")
        .run(&["check", "--strict"])
        .passes()
        .stdout_is("ok: 0 plans, 0 recommendations, 0 actions, 1 inspection with 28 findings, 0 briefings, 7 cycles\n");
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = Site::example().run(&["check", "--frobnicate"]);
    out.exits_with(2).stdout_is("").stderr_has("--frobnicate");
}

#[test]
fn unknown_command_is_a_usage_error() {
    Site::example()
        .run(&["chekc"])
        .exits_with(2)
        .stdout_is("")
        .stderr_has("chekc");
}

#[test]
fn root_defaults_to_the_working_directory() {
    Site::example()
        .run(&["check"])
        .passes()
        .stdout_is(EXAMPLE_SUMMARY);
}

#[test]
fn a_folder_without_content_fails() {
    let out = Site::empty().check();
    out.fails().stdout_is("");
    out.error_in("content")
        .says("there is no content folder here")
        .helps("--root");
}

#[test]
fn missing_site_yaml_fails() {
    let site = Site::example();
    site.remove("content/site.yaml");
    let out = site.check();
    out.fails().stdout_is("");
    out.error_in("content/site.yaml")
        .says("the site settings file is missing")
        .helps("base_url");
}

// ---------------------------------------------------------------------------
// One defect at a time: YAML syntax and types

#[test]
fn bad_indentation_is_reported_where_it_is() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "        budget: N/A\n",
        "       budget: N/A\n",
    );
    let out = site.check();
    out.fails();
    let at = site.position(MIDDLESBROUGH_PLAN, "budget: N/A");
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .says("this is not valid YAML")
        .helps("indentation");
}

#[test]
fn tab_indentation_is_reported_where_it_is() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "        budget: N/A\n",
        "\tbudget: N/A\n",
    );
    let out = site.check();
    out.fails();
    let line = site.line(MIDDLESBROUGH_PLAN, "\tbudget: N/A");
    out.error_at(MIDDLESBROUGH_PLAN, (line, 1))
        .says("tab")
        .helps("spaces, not tabs");
}

/// A quote opened on a new last line of the file, so it runs to the end.
fn unclosed_quote() -> Site {
    let site = Site::example();
    site.append(
        MIDDLESBROUGH_PLAN,
        "        evidence: \"Minutes of the Management Network\n",
    );
    site
}

#[test]
fn unclosed_quote_is_reported_as_invalid_yaml() {
    let out = unclosed_quote().check();
    out.fails();
    out.error_in(MIDDLESBROUGH_PLAN).says("not valid YAML");
}

#[test]
fn unclosed_quote_is_reported_where_the_quote_opens() {
    let site = unclosed_quote();
    let out = site.check();
    out.fails();
    let (line, column) = site.position_in(MIDDLESBROUGH_PLAN, "evidence: \"Minutes", "\"Minutes");
    let error = out.error_in(MIDDLESBROUGH_PLAN);
    assert!(
        error.line == Some(line) || error.message.contains(&format!("line {line}")),
        "the report should point at line {line} column {column}, where the quote opens:\n{error}"
    );
}

#[test]
fn list_where_text_is_expected() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "        budget: N/A\n",
        "        budget: [N/A, none]\n",
    );
    let out = site.check();
    out.fails();
    let at = site.position_in(MIDDLESBROUGH_PLAN, "budget: [N/A", "[N/A");
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("recommendations[0].actions[0].budget")
        .says("wrong kind of value: found a list, expected a piece of text");
}

#[test]
fn list_where_top_level_text_is_expected() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "organisation: Middlesbrough Council\n",
        "organisation: [Middlesbrough, Council]\n",
    );
    let out = site.check();
    out.fails();
    let at = site.position_in(MIDDLESBROUGH_PLAN, "organisation: [", "[");
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("organisation")
        .says("found a list");
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "        budget: N/A\n",
        "        budgett: N/A\n",
    );
    let out = site.check();
    out.fails();
    let at = site.position(MIDDLESBROUGH_PLAN, "budgett");
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("recommendations[0].actions[0].budgett")
        .says("unknown field \"budgett\"")
        .helps("did you mean \"budget\"?");
}

fn titel() -> Site {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "\ntitle: Safeguarding",
        "\ntitel: Safeguarding",
    );
    site
}

#[test]
fn unknown_top_level_field_suggests_title() {
    let site = titel();
    let out = site.check();
    out.fails();
    let at = site.position(MIDDLESBROUGH_PLAN, "titel");
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .says("unknown field \"titel\"")
        .helps("did you mean \"title\"?");
}

#[test]
fn unknown_top_level_field_names_its_field() {
    titel()
        .check()
        .fails()
        .error_in(MIDDLESBROUGH_PLAN)
        .field("titel");
}

#[test]
fn unknown_plan_kind_suggests_the_right_one() {
    let site = Site::example();
    site.replace(MIDDLESBROUGH_PLAN, "kind: scrutiny", "kind: scrutinee");
    let out = site.check();
    out.fails();
    let at = site.position_in(MIDDLESBROUGH_PLAN, "kind: scrutinee", "scrutinee");
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("kind")
        .says("\"scrutinee\" is not one of the allowed values")
        .helps("did you mean \"scrutiny\"?");
}

fn impossible_date() -> Site {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "agreed: 2016-06-07",
        "agreed: 2016-02-30",
    );
    site
}

#[test]
fn impossible_date_is_an_error() {
    impossible_date()
        .check()
        .fails()
        .error_in(MIDDLESBROUGH_PLAN)
        .says("\"2016-02-30\" is not a real date")
        .says("YYYY-MM-DD");
}

#[test]
fn impossible_date_is_reported_where_it_is() {
    let site = impossible_date();
    let out = site.check();
    let at = site.position_in(MIDDLESBROUGH_PLAN, "agreed: 2016-02-30", "2016");
    out.fails().error_at(MIDDLESBROUGH_PLAN, at).field("agreed");
}

#[test]
fn impossible_due_date_in_an_update_is_reported_where_it_is() {
    let site = Site::example();
    let edited = TELFORD_FIRST_UPDATE.replace(
        "status: complete\n",
        "status: complete\n                due: 2016-13-01\n",
    );
    site.replace(TELFORD_PLAN, TELFORD_FIRST_UPDATE, &edited);
    let at = site.position_in(TELFORD_PLAN, "due: 2016-13-01", "2016");
    site.check()
        .fails()
        .error_at(TELFORD_PLAN, at)
        .field("sections[0].recommendations[0].actions[0].updates[0].due")
        .says("\"2016-13-01\" is not a real date");
}

#[test]
fn action_without_text() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "      - text: The market position statement",
        "      - owner: Head of Commissioning\n        budget: N/A\n      - text: The market position statement",
    );
    let out = site.check();
    out.fails();
    let at = site.position(MIDDLESBROUGH_PLAN, "owner: Head of Commissioning\n");
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("recommendations[0].actions[0].text")
        .says("the required field \"text\" is missing")
        .helps("add `text: ...`");
}

#[test]
fn plan_without_title() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "\ntitle: Safeguarding and Children in Care – action plan\n",
        "\n",
    );
    let out = site.check();
    out.fails();
    // Reported at the start of the plan, where the title belongs.
    let at = site.position(MIDDLESBROUGH_PLAN, "organisation: Middlesbrough");
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("title")
        .says("the required field \"title\" is missing");
}

/// The most common slip: a field without its colon.
fn missing_colon() -> Site {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "        budget: N/A\n",
        "        budget N/A\n",
    );
    site
}

#[test]
fn missing_colon_fails() {
    missing_colon().check().fails().error_in(MIDDLESBROUGH_PLAN);
}

#[test]
fn missing_colon_is_reported_on_its_line() {
    let site = missing_colon();
    let at = site.position(MIDDLESBROUGH_PLAN, "budget N/A");
    site.check()
        .fails()
        .error_at(MIDDLESBROUGH_PLAN, at)
        .says("not valid YAML")
        .helps("`: `");
}

#[test]
fn text_starting_with_an_asterisk_is_explained() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "        budget: N/A\n",
        "        budget: *see note below\n",
    );
    let at = site.position_in(MIDDLESBROUGH_PLAN, "budget: *see", "*see");
    let error = site.check().fails().error_at(MIDDLESBROUGH_PLAN, at);
    assert!(!error.message.contains("anchor"), "jargon:\n{error}");
    error.helps("quotes");
}

#[test]
fn a_second_document_is_explained() {
    let site = Site::example();
    site.append(MIDDLESBROUGH_PLAN, "---\ntitle: Another plan\n");
    let line = site.read(MIDDLESBROUGH_PLAN).lines().count() - 1;
    let error = site.check().fails().error_in(MIDDLESBROUGH_PLAN);
    assert!(!error.message.contains("deserializing"), "jargon:\n{error}");
    error.on_line(line);
}

#[test]
fn text_where_a_list_is_expected_speaks_of_a_list() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "findings: [middlesbrough-ofsted-2016#xiv]",
        "findings: middlesbrough-ofsted-2016#xiv",
    );
    let at = site.position_in(
        MIDDLESBROUGH_PLAN,
        "findings: middlesbrough-ofsted-2016#xiv",
        "middlesbrough",
    );
    let error = site.check().fails().error_at(MIDDLESBROUGH_PLAN, at);
    error
        .field("recommendations[3].findings")
        .says("expected a list");
    assert!(
        !error.message.contains("sequence") && !error.message.contains("string"),
        "jargon:\n{error}"
    );
}

#[test]
fn a_field_given_twice_is_reported_where_it_is_repeated() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "        budget: N/A\n",
        "        budget: N/A\n        budget: None\n",
    );
    let at = site.position(MIDDLESBROUGH_PLAN, "budget: None");
    site.check()
        .fails()
        .error_at(MIDDLESBROUGH_PLAN, at)
        .says("\"budget\"");
}

// ---------------------------------------------------------------------------
// One defect at a time: ids, vocabulary and references

#[test]
fn duplicate_recommendation_id() {
    let site = Site::example();
    site.replace(MIDDLESBROUGH_PLAN, "  - id: b\n", "  - id: a\n");
    let out = site.check();
    out.fails();
    let at = site.position_in(MIDDLESBROUGH_PLAN, "  - id: a\n    # No Ofsted link", "a\n");
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("recommendations[1].id")
        .says("duplicate id \"a\"");
}

#[test]
fn duplicate_recommendation_id_is_reported_once() {
    let site = Site::example();
    site.replace(MIDDLESBROUGH_PLAN, "  - id: b\n", "  - id: a\n");
    let out = site.check();
    assert_eq!(
        out.fails().errors().len(),
        1,
        "one mistake, one error:\n{out}"
    );
}

#[test]
fn an_automatic_id_taken_by_an_earlier_item_asks_for_an_id() {
    let site = Site::example();
    // Two sections with the same title get the same id from it.
    site.replace(
        SLOUGH_PLAN,
        "  - id: virtual-school\n    title: Virtual School\n",
        "  - title: Support\n",
    )
    .replace(
        SLOUGH_PLAN,
        "  - id: edge-of-care\n    title: Edge of Care Support\n",
        "  - title: Support\n",
    );
    let out = site.check();
    let second = site.position_in(
        SLOUGH_PLAN,
        "(see the comment above).\n  - title: Support",
        "title: Support",
    );
    let error = out.fails().error_at(SLOUGH_PLAN, second);
    error
        .field("sections[1].id")
        .says("this section has no id")
        .says("\"support\"")
        .helps("add `id: ...`");
    assert_eq!(
        out.errors()
            .iter()
            .filter(|e| e.file == SLOUGH_PLAN)
            .count(),
        1,
        "the actions numbered after the section are not reported too:\n{out}"
    );
}

fn duplicate_finding() -> Site {
    let site = Site::example();
    site.replace(MIDDLESBROUGH_OFSTED, "  - id: ii\n", "  - id: i\n");
    site
}

#[test]
fn duplicate_finding_id() {
    let site = duplicate_finding();
    let out = site.check();
    out.fails();
    let at = site.position_in(
        MIDDLESBROUGH_OFSTED,
        "  - id: i\n    text: Ensure that managers",
        "i\n",
    );
    out.error_at(MIDDLESBROUGH_OFSTED, at)
        .field("findings[1].id")
        .says("duplicate id \"i\"");
}

#[test]
fn duplicate_finding_id_speaks_of_findings() {
    let error = duplicate_finding().check().error_in(MIDDLESBROUGH_OFSTED);
    assert!(
        error.message.contains("finding") && !error.message.contains("recommendation"),
        "an inspection has only findings:\n{error}"
    );
}

#[test]
fn unknown_status_suggests_the_right_one() {
    let site = Site::example();
    let edited = TELFORD_FIRST_UPDATE.replace("complete", "on track");
    site.replace(TELFORD_PLAN, TELFORD_FIRST_UPDATE, &edited);
    let out = site.check();
    out.fails();
    let at = site.position_in(TELFORD_PLAN, &edited, "on track");
    out.error_at(TELFORD_PLAN, at)
        .field("sections[0].recommendations[0].actions[0].updates[0].status")
        .says("unknown status \"on track\"")
        .helps("did you mean \"on-track\"?");
}

#[test]
fn unknown_cycle_in_an_update() {
    let site = Site::example();
    let update = format!("cycle: 2013-08\n                {TELFORD_FIRST_UPDATE}");
    let edited = update.replacen("2013-08", "2013-8", 1);
    site.replace(TELFORD_PLAN, &update, &edited);
    let out = site.check();
    out.fails();
    let at = site.position_in(TELFORD_PLAN, &edited, "2013-8");
    out.error_at(TELFORD_PLAN, at)
        .field("sections[0].recommendations[0].actions[0].updates[0].cycle")
        .says("unknown cycle \"2013-8\"")
        .helps("did you mean \"2013-08\"?");
}

#[test]
fn unknown_cycle_in_a_briefing() {
    let site = Site::example();
    site.replace(TELFORD_BRIEFING, "\ncycle: 2013-08\n", "\ncycle: 2013-8\n");
    let out = site.check();
    out.fails();
    let at = site.position_in(TELFORD_BRIEFING, "\ncycle: 2013-8", "2013-8");
    out.error_at(TELFORD_BRIEFING, at)
        .field("cycle")
        .says("unknown cycle \"2013-8\"")
        .helps("did you mean \"2013-08\"?");
}

#[test]
fn finding_reference_to_an_unknown_inspection() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "findings: [middlesbrough-ofsted-2016#xiv]",
        "findings: [middlesbrough-ofsted-2015#xiv]",
    );
    let out = site.check();
    out.fails();
    let at = site.position_in(
        MIDDLESBROUGH_PLAN,
        "findings: [middlesbrough-ofsted-2015",
        "middlesbrough",
    );
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("recommendations[3].findings[0]")
        .says("there is no inspection \"middlesbrough-ofsted-2015\"")
        .helps("did you mean \"middlesbrough-ofsted-2016\"?");
}

#[test]
fn finding_reference_to_an_unknown_finding() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "findings: [middlesbrough-ofsted-2016#xiv]",
        "findings: [middlesbrough-ofsted-2016#xvii]",
    );
    let out = site.check();
    out.fails();
    let at = site.position_in(
        MIDDLESBROUGH_PLAN,
        "findings: [middlesbrough-ofsted-2016#xvii",
        "middlesbrough",
    );
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("recommendations[3].findings[0]")
        .says("inspection \"middlesbrough-ofsted-2016\" has no finding \"xvii\"");
}

#[test]
fn finding_reference_without_a_finding_id() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "findings: [middlesbrough-ofsted-2016#xiv]",
        "findings: [middlesbrough-ofsted-2016]",
    );
    let out = site.check();
    out.fails();
    let at = site.position_in(
        MIDDLESBROUGH_PLAN,
        "findings: [middlesbrough-ofsted-2016]",
        "middlesbrough",
    );
    out.error_at(MIDDLESBROUGH_PLAN, at)
        .field("recommendations[3].findings[0]")
        .says("does not say which finding");
}

#[test]
fn broken_ref_link_in_a_briefing_body() {
    let site = Site::example();
    site.replace(
        TELFORD_BRIEFING,
        "[R22](ref:telford-improvement-plan#R22)",
        "[R22](ref:telford-improvement-plan#R99)",
    );
    let out = site.check();
    out.fails();
    let at = site.position(TELFORD_BRIEFING, "[R22](ref:telford-improvement-plan#R99)");
    out.error_at(TELFORD_BRIEFING, at)
        .says("broken link \"ref:telford-improvement-plan#R99\"")
        .says("plan \"telford-improvement-plan\" has no section, recommendation or action \"R99\"");
}

#[test]
fn broken_ref_link_column_counts_characters() {
    let site = Site::example();
    site.replace(
        TELFORD_BRIEFING,
        "This is the third progress report",
        "Café – “see” [the plan](ref:telford-improvment-plan). This is the third progress report",
    );
    let out = site.check();
    out.fails();
    let at = site.position(TELFORD_BRIEFING, "[the plan](ref:telford-improvment-plan)");
    out.error_at(TELFORD_BRIEFING, at)
        .says("there is no plan or inspection or briefing or page \"telford-improvment-plan\"")
        .helps("did you mean \"telford-improvement-plan\"?");
}

#[test]
fn broken_ref_link_in_a_briefing_with_windows_line_ends() {
    let site = Site::example();
    site.replace(
        TELFORD_BRIEFING,
        "[R22](ref:telford-improvement-plan#R22)",
        "[R22](ref:telford-improvement-plan#R99)",
    );
    let text = site.read(TELFORD_BRIEFING).replace('\n', "\r\n");
    site.write(TELFORD_BRIEFING, &text);
    let out = site.check();
    out.fails();
    let line = site.line(TELFORD_BRIEFING, "[R22](ref:telford-improvement-plan#R99)");
    out.error_at(TELFORD_BRIEFING, (line, 1)).says("R99");
}

/// A broken link added as a new paragraph of the first progress note of the Telford plan.
fn broken_ref_in_progress() -> Site {
    let site = Site::example();
    site.replace(
        TELFORD_PLAN,
        "to audit the completion of current S47 investigations.",
        "to audit the completion of current S47 investigations.\n\n                  See also [R99](ref:telford-improvement-plan#R99).",
    );
    site
}

#[test]
fn broken_ref_link_in_plan_progress() {
    let out = broken_ref_in_progress().check();
    out.fails()
        .error_in(TELFORD_PLAN)
        .field("sections[0].recommendations[0].actions[0].updates[0].progress")
        .says("broken link \"ref:telford-improvement-plan#R99\"");
}

#[test]
fn broken_ref_link_in_plan_progress_is_reported_on_its_line() {
    let site = broken_ref_in_progress();
    let line = site.line(TELFORD_PLAN, "[R99](ref:");
    site.check().fails().error_in(TELFORD_PLAN).on_line(line);
}

#[test]
fn broken_ref_link_in_plan_progress_has_its_column() {
    let site = broken_ref_in_progress();
    let at = site.position(TELFORD_PLAN, "[R99](ref:");
    site.check().fails().error_at(TELFORD_PLAN, at);
}

#[test]
fn broken_ref_link_in_a_one_line_field_has_its_column() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_PLAN,
        "\ntitle: Safeguarding",
        "\nsummary: \"See [the plan](ref:middlesbrough-children-in-care-2016#zz).\"\ntitle: Safeguarding",
    );
    let at = site.position(MIDDLESBROUGH_PLAN, "[the plan](ref:");
    site.check()
        .fails()
        .error_at(MIDDLESBROUGH_PLAN, at)
        .field("summary")
        .says("has no section, recommendation or action \"zz\"");
}

// ---------------------------------------------------------------------------
// One defect at a time: files

/// Puts raw bytes right after `needle` (unique in the file), and returns the
/// line and column where they start.
fn insert_bytes(site: &Site, file: &str, needle: &str, bytes: &[u8]) -> (usize, usize) {
    let (line, column) = site.position(file, needle);
    let mut text = site.read(file).into_bytes();
    let at = site.read(file).find(needle).expect("found") + needle.len();
    text.splice(at..at, bytes.iter().copied());
    site.write(file, text);
    (line, column + needle.chars().count())
}

#[test]
fn file_that_is_not_utf8() {
    let site = Site::example();
    // "Café" typed in a Latin-1 editor: "é" is the single byte 0xE9.
    let at = insert_bytes(
        &site,
        MIDDLESBROUGH_PLAN,
        "organisation: Middlesbrough Council",
        b" Caf\xE9",
    );
    site.check()
        .fails()
        .error_at(MIDDLESBROUGH_PLAN, (at.0, at.1 + " Caf".len()))
        .says("the file is not UTF-8 text")
        .helps("UTF-8");
}

#[test]
fn file_that_is_not_utf8_column_counts_characters() {
    let site = Site::example();
    // The title has an en dash (three bytes in UTF-8, one character) before the bad byte.
    let at = insert_bytes(
        &site,
        MIDDLESBROUGH_PLAN,
        "title: Safeguarding and Children in Care – action plan",
        b"\xE9",
    );
    site.check()
        .fails()
        .error_at(MIDDLESBROUGH_PLAN, at)
        .says("not UTF-8");
}

#[test]
fn briefing_without_front_matter() {
    let site = Site::example();
    let text = site.read(TELFORD_BRIEFING);
    site.write(
        TELFORD_BRIEFING,
        text.strip_prefix("---\n").expect("front matter"),
    );
    site.check()
        .fails()
        .error_at(TELFORD_BRIEFING, (1, 1))
        .says("the file has no front matter")
        .helps("start the file with a `---` line");
}

#[test]
fn front_matter_opening_line_may_end_in_spaces() {
    let site = Site::example();
    let text = site.read(TELFORD_BRIEFING);
    site.write(TELFORD_BRIEFING, text.replacen("---\n", "--- \n", 1));
    site.check().passes();
}

#[test]
fn front_matter_lines_may_end_in_spaces_and_crlf() {
    let site = Site::example();
    let text = site.read(TELFORD_BRIEFING).replace('\n', "\r\n");
    let text = text.replacen("---\r\n", "---  \r\n", 2);
    site.write(TELFORD_BRIEFING, text);
    site.check().passes();
}

#[test]
fn unknown_field_in_front_matter_is_on_its_line_in_the_file() {
    let site = Site::example();
    site.replace(
        TELFORD_BRIEFING,
        "\nmeeting: Children",
        "\nmeetin: Children",
    );
    let out = site.check();
    out.fails();
    let at = site.position(TELFORD_BRIEFING, "meetin:");
    out.error_at(TELFORD_BRIEFING, at)
        .says("unknown field \"meetin\"")
        .helps("did you mean \"meeting\"?");
}

#[test]
fn file_name_that_is_not_an_id() {
    let site = Site::example();
    let plan = site.read(MIDDLESBROUGH_PLAN);
    site.remove(MIDDLESBROUGH_PLAN)
        .write("content/plans/My Plan.yaml", plan);
    let error = site.check().fails().error_in("content/plans/My Plan.yaml");
    error
        .says("the file name \"My Plan\" cannot be used as an id")
        .helps("\"my-plan\"");
    assert_eq!(error.line, None, "a file name has no line:\n{error}");
}

#[test]
fn file_name_without_letters_gets_a_usable_hint() {
    let site = Site::example();
    site.write("content/plans/---.yaml", "title: x\n");
    let error = site.check().fails().error_in("content/plans/---.yaml");
    error.says("the file name \"---\" cannot be used as an id");
    assert!(
        !error.help.as_deref().unwrap_or("").contains("\"\""),
        "an empty example:\n{error}"
    );
}

#[cfg(unix)]
#[test]
fn file_name_that_is_not_utf8_is_shown() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::example();
    let plan = site.read(MIDDLESBROUGH_PLAN);
    site.remove(MIDDLESBROUGH_PLAN);
    // "café-plan" saved by a Latin-1 system: "é" is the single byte 0xE9.
    let name = std::ffi::OsStr::from_bytes(b"caf\xE9-plan.yaml");
    std::fs::write(site.path("content/plans").join(name), plan).expect("write");
    let out = site.check();
    let error = out.fails().error_in("content/plans/caf\u{FFFD}-plan.yaml");
    error
        .says("the file name \"caf\u{FFFD}-plan\" cannot be used as an id")
        .helps("\"caf-plan\"");
}

#[test]
fn empty_file() {
    let site = Site::example();
    site.write(NEW_PLAN, "");
    site.check()
        .fails()
        .error_at(NEW_PLAN, (1, 1))
        .says("the file is empty");
}

#[test]
fn file_of_comments_only_fails() {
    let site = Site::example();
    site.write(NEW_PLAN, "# A plan to come\n");
    site.check().fails().error_in(NEW_PLAN);
}

#[test]
fn file_of_comments_only_is_reported_as_empty() {
    let site = Site::example();
    site.write(NEW_PLAN, "# A plan to come");
    site.check()
        .fails()
        .error_at(NEW_PLAN, (1, 1))
        .says("the file is empty");
}

#[test]
fn empty_briefing() {
    let site = Site::example();
    site.write("content/briefings/new-briefing.md", "");
    site.check()
        .fails()
        .error_in("content/briefings/new-briefing.md")
        .says("no front matter");
}

// ---------------------------------------------------------------------------
// Several defects in one run

#[test]
fn defects_in_different_files_are_all_reported() {
    let site = Site::example();
    // 1. invalid YAML in a new plan, which nothing refers to
    site.write(NEW_PLAN, "title: New\norganisation: Org\n kind: scrutiny\n");
    // 2. an unknown status
    site.replace(
        TELFORD_PLAN,
        TELFORD_FIRST_UPDATE,
        &TELFORD_FIRST_UPDATE.replace("complete", "done"),
    );
    // 3. a broken link in a briefing
    site.replace(
        TELFORD_BRIEFING,
        "[R22](ref:telford-improvement-plan#R22)",
        "[R22](ref:telford-improvement-plan#R99)",
    );
    // 4. a duplicate finding
    site.replace(SLOUGH_OFSTED, "  - id: \"2\"\n", "  - id: \"1\"\n");
    // 5. an unknown cycle
    let update =
        "cycle: 2016-04\n            progress: |\n              An experienced Virtual School Head";
    site.replace(SLOUGH_PLAN, update, &update.replace("2016-04", "2016-4"));
    // 6. a file name that is not an id
    site.write("content/plans/Plan 2.yaml", "title: x\n");

    let out = site.check();
    out.fails();
    let errors = out.errors();
    let mut files: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
    files.sort_unstable();
    assert_eq!(
        files,
        [
            TELFORD_BRIEFING,
            SLOUGH_OFSTED,
            "content/plans/Plan 2.yaml",
            NEW_PLAN,
            SLOUGH_PLAN,
            TELFORD_PLAN,
        ],
        "{out}"
    );
    out.stderr_has(&format!(
        "check failed: {}\n",
        tally(6, out.warnings().len())
    ));
}

#[test]
fn a_file_that_cannot_be_read_is_reported_once() {
    let site = Site::example();
    site.replace(
        MIDDLESBROUGH_OFSTED,
        "\ninspectorate: Ofsted",
        "\n inspectorate: Ofsted",
    );
    let out = site.check();
    out.fails().error_in(MIDDLESBROUGH_OFSTED);
    assert_eq!(out.errors().len(), 1, "one mistake, one error:\n{out}");
}

#[test]
fn semantic_defects_in_one_file_are_all_reported() {
    let site = Site::example();
    // 1. a broken finding reference
    site.replace(
        TELFORD_PLAN,
        "        findings: [telford-ofsted-2012#R1]\n",
        "        findings: [telford-ofsted-2012#R99]\n",
    );
    // 2. an unknown status
    site.replace(
        TELFORD_PLAN,
        TELFORD_FIRST_UPDATE,
        &TELFORD_FIRST_UPDATE.replace("complete", "on track"),
    );
    // 3. a broken link in progress
    site.replace(
        TELFORD_PLAN,
        "to audit the completion of current S47 investigations.",
        "to audit the [completion](ref:telford-ofsted-2021) of current S47 investigations.",
    );
    // 4. a duplicate action id (the first action of R1 is R1.1 by default)
    site.replace(
        TELFORD_PLAN,
        "          - text: Include focus on writing up",
        "          - id: R1.1\n            text: Include focus on writing up",
    );
    // 5. an unknown cycle
    let update = "cycle: 2013-08\n                status: complete\n                progress: |\n                  The recording of CP enquiries";
    site.replace(
        TELFORD_PLAN,
        update,
        &update.replace("2013-08", "2013-09-01"),
    );
    // 6. a responds_to naming no inspection
    site.replace(
        TELFORD_PLAN,
        "responds_to: [telford-ofsted-2012]",
        "responds_to: [telford-ofsted-2012, telford-ofsted-2014]",
    );

    let out = site.check();
    out.fails();
    let errors = out.errors();
    assert_eq!(errors.len(), 6, "{out}");
    assert!(errors.iter().all(|e| e.file == TELFORD_PLAN), "{out}");
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            "responds_to[1]",
            "sections[0].recommendations[0].findings[0]",
            "sections[0].recommendations[0].actions[0].updates[0].status",
            "sections[0].recommendations[0].actions[0].updates[0].progress",
            "sections[0].recommendations[0].actions[1].id",
            "sections[0].recommendations[0].actions[1].updates[0].cycle",
        ],
        "reported in file order:\n{out}"
    );
    let lines: Vec<usize> = errors.iter().filter_map(|e| e.line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{out}");
    assert_eq!(
        errors[0].line,
        Some(site.line(
            TELFORD_PLAN,
            "responds_to: [telford-ofsted-2012, telford-ofsted-2014]"
        )),
        "{out}"
    );
    out.stderr_has(&format!(
        "check failed: {}\n",
        tally(6, out.warnings().len())
    ));
}

#[test]
fn an_unclosed_quote_is_reported_on_the_line_that_opens_it() {
    let site = Site::example();
    let plan = "content/plans/middlesbrough-sufficiency-permanency-2022.yaml";
    let text = site.read(plan);
    site.write(
        plan,
        text.replacen(
            "budget: Within current resources",
            "budget: \"Within current resources",
            1,
        ),
    );
    let at = site.position_in(plan, "budget: \"Within current resources", "\"Within");
    site.check()
        .fails()
        .error_at(plan, at)
        .says("the quote mark (\") that opens the text here is not closed on this line")
        .helps("put a closing \"");
}

const STATEMENT: &str = "content/pages/accessibility.md";

#[test]
fn an_accessibility_statement_left_as_init_wrote_it_is_a_warning_until_filled_in() {
    let site = Site::init();
    let out = site.run(&["check"]);
    out.passes()
        .warning_at(STATEMENT, site.position(STATEMENT, "[council name]"))
        .says("the accessibility statement, a legal duty for council sites, still has placeholder text to fill in: [council name]")
        .helps("remove the line that says to fill them in")
        .helps("[team name], [email address], [telephone number], [number], [date]");
    assert_eq!(out.warnings().len(), 1, "{out}");
    site.run(&["check", "--strict"])
        .fails()
        .warning_at(STATEMENT, site.position(STATEMENT, "[council name]"));
    site.run(&["build", "--strict"]).fails();
    assert!(!site.path("public").exists(), "the statement was published");

    // Half done: the warning moves to the first detail left, and names what is left.
    site.replace(STATEMENT, "[council name]", "Example Borough Council")
        .replace(
            STATEMENT,
            "Fill in the details marked [in brackets] before you publish it.\n",
            "",
        )
        .replace(STATEMENT, "[team name]", "the web team");
    let out = site.run(&["check"]);
    let warning = out
        .passes()
        .warning_at(STATEMENT, site.position(STATEMENT, "[email address]"));
    warning.says("placeholder text to fill in: [email address]");
    assert!(
        !warning
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("[team name]")
            && !warning
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("remove the line"),
        "{warning}"
    );

    site.fill_in_statement();
    let out = site.run(&["check", "--strict"]);
    out.passes();
    assert!(out.warnings().is_empty(), "{out}");
    site.run(&["build", "--strict"]).passes();
}

#[test]
fn a_cycle_named_like_a_plans_own_page_is_refused() {
    // plans/<plan>/<cycle>/ sits beside plans/<plan>/history/: a cycle
    // "history" would overwrite it, or be overwritten.
    for name in ["history", "embed", "embed-code"] {
        let site = Site::example();
        let line = format!("  - id: {name}\n");
        site.replace("content/site.yaml", "  - id: torbay-2017-06\n", &line);
        let out = site.check();
        out.fails();
        out.error_at(
            "content/site.yaml",
            site.position_in("content/site.yaml", &line, name),
        )
        .field("cycles[4].id")
        .says(&format!(
            "the cycle id \"{name}\" is the name of a page each plan has"
        ));
    }
}

//! Sites written for an earlier ragtime: each form the content once allowed
//! and now refuses, checked from inside the site folder, is an error at its
//! line whose help says what to write instead.

use crate::util::Site;
use std::fs;

const SETTINGS: &str = "content/site.yaml";
const TELFORD: &str = "content/plans/telford-improvement-plan.yaml";
const TELFORD_BRIEFING: &str = "content/briefings/telford-service-improvement-update-2013-08-15.md";

/// The example's settings with its `statuses:` block replaced by `with`.
fn settings_with_statuses(site: &Site, with: &str) {
    let text = site.read(SETTINGS);
    let start = text
        .find("statuses:\n")
        .expect("the example lists its statuses");
    let end = text
        .find("\n# The committee meetings")
        .expect("cycles follow");
    site.write(
        SETTINGS,
        format!("{}{with}{}", &text[..start], &text[end..]),
    );
}

#[test]
fn a_not_started_status_labelled_not_rated_is_optional_and_the_help_says_so() {
    // Keys written when `not-started` was compulsory gave it the label of a
    // paper that rates nothing.
    let site = Site::example();
    site.replace(
        SETTINGS,
        "  - id: not-started\n    label: Not started\n",
        "  - id: not-started\n    label: Not rated\n",
    );
    let output = site.run(&["check"]);
    output.exits_with(1);
    output
        .error_at(
            SETTINGS,
            site.position_in(SETTINGS, "label: Not rated", "Not rated"),
        )
        .field("statuses[4].label")
        .says("is what pages call an action without a status")
        .helps("`not-started` is optional")
        .helps("delete this status")
        .helps("\"No update yet\" for an action with no update")
        .helps("write `statuses: []`");

    // What the help says to do passes: the status deleted.
    let text = site.read(SETTINGS);
    let start = text.find("  - id: not-started\n").unwrap();
    let end = text.find("\n# The committee meetings").unwrap();
    site.write(SETTINGS, format!("{}{}", &text[..start], &text[end..]));
    site.run(&["check"]).passes();
}

#[test]
fn a_status_labelled_no_update_yet_says_what_pages_show_instead() {
    let site = Site::example();
    site.replace(
        SETTINGS,
        "  - id: not-started\n    label: Not started\n",
        "  - id: not-started\n    label: No update yet\n",
    );
    let output = site.run(&["check"]);
    output.exits_with(1);
    output
        .error_at(
            SETTINGS,
            site.position_in(SETTINGS, "label: No update yet", "No update yet"),
        )
        .says("is what pages call an action without a status")
        .helps("`not-started` is optional")
        .helps("leave `status: not-started` out of any update that gives it");
}

#[test]
fn two_statuses_with_one_label_may_be_merged() {
    let site = Site::example();
    site.replace(
        SETTINGS,
        "  - id: on-track\n",
        "  - id: done\n    label: Complete\n    colour: blue\n    done: true\n  - id: on-track\n",
    );
    let output = site.run(&["check"]);
    output.exits_with(1);
    output
        .error_at(
            SETTINGS,
            site.position_in(SETTINGS, "id: done\n    label: Complete", "Complete"),
        )
        .says("is also the label of the status \"complete\"")
        .helps("give each status a label of its own")
        .helps(
            "delete this one and write `status: complete` in the updates that give `status: done`",
        );
}

#[test]
fn statuses_left_empty_in_site_yaml_is_refused_naming_both_forms() {
    // Placed where the value is, or would be.
    for (written, value) in [("statuses:\n", "\n"), ("statuses: ~\n", "~")] {
        let site = Site::example();
        settings_with_statuses(&site, written);
        let output = site.run(&["check"]);
        output.exits_with(1);
        output
            .error_at(SETTINGS, site.position_in(SETTINGS, written, value))
            .field("statuses")
            .says("\"statuses\" is empty")
            .helps("write `statuses: []` for a paper with no status column, or a list of the paper's statuses")
            .helps("delete the line to use the built-in key");
    }
    // Left out, the built-in key: the example's own statuses are the built-in ones.
    let site = Site::example();
    settings_with_statuses(&site, "");
    site.run(&["check"]).passes();
}

#[test]
fn statuses_left_empty_in_a_plan_is_refused_and_an_empty_list_is_not() {
    let site = Site::example();
    site.replace(
        TELFORD,
        "kind: improvement\n",
        "kind: improvement\nstatuses: null\n",
    );
    let output = site.run(&["check"]);
    output.exits_with(1);
    output
        .error_at(TELFORD, site.position_in(TELFORD, "statuses: null", "null"))
        .says("\"statuses\" is empty")
        .helps("write `statuses: []` for a paper with no status column")
        .helps("delete the line to use the site's key");

    // `statuses: []`: a paper with no status column, whose updates give none.
    let text = site
        .read(TELFORD)
        .replace("statuses: null\n", "statuses: []\n");
    let mut kept = Vec::new();
    for line in text.split_inclusive('\n') {
        if !line.trim_start().starts_with("status: ") {
            kept.push(line);
        }
    }
    site.write(TELFORD, kept.concat());
    site.run(&["check"]).passes();
}

#[test]
fn a_due_date_left_empty_is_refused_naming_none() {
    let site = Site::example();
    site.replace(TELFORD, "due: 2013-10-31\n", "due:\n");
    site.replace(TELFORD, "due: 2013-12-31\n", "due: ~\n");
    let output = site.run(&["check"]);
    output.exits_with(1);
    output
        .error_at(TELFORD, site.position_in(TELFORD, "due:\n", "\n"))
        .says("\"due\" is empty")
        .helps("write `due: none` when the paper says there is no deadline")
        .helps("delete the line when the paper gives no date");
    output
        .error_at(TELFORD, site.position_in(TELFORD, "due: ~", "~"))
        .says("\"due\" is empty");

    // Either form it names passes.
    site.replace(TELFORD, "due:\n", "due: none\n");
    site.replace(TELFORD, "            due: ~\n", "");
    site.run(&["check"]).passes();
}

#[test]
fn a_reference_to_an_id_once_read_as_a_number_names_it_as_written() {
    // `id: 22.10` was read as the number 22.1, so references said 22.1.
    let site = Site::example();
    site.replace(TELFORD, "      - id: R22\n", "      - id: 22.10\n");
    site.replace(
        TELFORD_BRIEFING,
        "(ref:telford-improvement-plan#R22)",
        "(ref:telford-improvement-plan#22.1)",
    );
    let output = site.run(&["check"]);
    output.exits_with(1);
    output
        .error_at(
            TELFORD_BRIEFING,
            site.position(TELFORD_BRIEFING, "[R22](ref:"),
        )
        .says("has no section, recommendation or action \"22.1\"")
        .helps("name it `telford-improvement-plan#22.10`");
}

#[test]
fn an_empty_site_address_gets_an_example_of_one() {
    let site = Site::example();
    let text = site.read(SETTINGS);
    let line = text
        .lines()
        .find(|l| l.starts_with("base_url:"))
        .expect("a base_url line")
        .to_owned();
    site.replace(SETTINGS, &line, "base_url: \"\"");
    let output = site.run(&["check"]);
    output.exits_with(1);
    output
        .error_at(
            SETTINGS,
            site.position_in(SETTINGS, "base_url: \"\"", "\"\""),
        )
        .says("the required field \"base_url\" is empty")
        .helps("`base_url: https://www.example.gov.uk/plans/`");
}

#[test]
fn a_page_named_like_a_newer_part_of_the_site_is_refused_with_a_new_name() {
    for name in ["search", "indicators", "organisations"] {
        let site = Site::example();
        let file = format!("content/pages/{name}.md");
        site.write(&file, "---\ntitle: How to find a plan\n---\nText.\n");
        let output = site.run(&["check"]);
        output.exits_with(1);
        output
            .error_in(&file)
            .says(&format!(
                "the page name \"{name}\" is used by the site itself"
            ))
            .helps(&format!("content/pages/about-{name}.md"));
    }
}

#[test]
fn settings_linked_from_outside_the_site_say_to_put_the_file_in_its_place() {
    let site = Site::example();
    let outside = tempfile::tempdir().unwrap();
    let kept = outside.path().join("site.yaml");
    fs::rename(site.path(SETTINGS), &kept).unwrap();
    std::os::unix::fs::symlink(&kept, site.path(SETTINGS)).unwrap();
    let output = site.run(&["check"]);
    output.exits_with(1);
    output
        .error_in(SETTINGS)
        .says("outside the site folder")
        .helps("put the file itself at content/site.yaml");
}

//! Sites written for an earlier ragtime: each form the content once allowed
//! and now refuses, checked from inside the site folder, is an error at its
//! line whose help says what to write instead.

use crate::util::Site;

const SETTINGS: &str = "content/site.yaml";

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
    let output = site.run_inside(&["check"]);
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
    site.run_inside(&["check"]).passes();
}

#[test]
fn a_status_labelled_no_update_yet_says_what_pages_show_instead() {
    let site = Site::example();
    site.replace(
        SETTINGS,
        "  - id: not-started\n    label: Not started\n",
        "  - id: not-started\n    label: No update yet\n",
    );
    let output = site.run_inside(&["check"]);
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
    let output = site.run_inside(&["check"]);
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

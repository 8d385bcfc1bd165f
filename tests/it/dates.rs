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

//! The plan page answers first: its standing in its own words right under
//! its title, what changed at the latest meeting and the next meeting, then
//! its details folded; each action once (one date column, owners in a line,
//! a row header, nothing said of empty fields), its earlier updates on a page
//! of their own, the embed code on a page for web teams, and the page of its
//! latest report pointing search engines at the plan's page.

use crate::util::{assert_in_labelled_region, between, built, page, Site};

const TELFORD: &str = "plans/telford-improvement-plan/index.html";
const PLACEMENT: &str = "plans/telford-placement-strategy-response/index.html";

/// Where `needle` first is in `html`.
#[track_caller]
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in the page"))
}

#[test]
fn the_plan_page_states_its_standing_in_its_own_words_before_its_details() {
    let (_site, files) = built();
    let html = page(&files, TELFORD);
    let standing = between(&html, "<section class=\"standing\"", "</section>");
    // The paper's key and the counts of the 57 actions, with the overdue and done.
    for said in [
        "Complete: <strong>49</strong>",
        "In progress – on schedule: <strong>3</strong>",
        "Behind schedule: <strong>5</strong>",
        "Overdue: <strong>5</strong>",
        "57 actions, <strong>86%</strong> done",
    ] {
        assert!(
            standing.contains(said),
            "the standing does not say {said:?}: {standing}"
        );
    }
    assert!(standing.contains("data-count=\"overdue\""), "{standing}");
    assert!(standing.contains("data-colour=\"red\""), "{standing}");
    // Right under the title, before the plan's details, which fold below it.
    assert!(at(&html, "<h1>") < at(&html, "class=\"standing\""));
    assert!(at(&html, "class=\"standing\"") < at(&html, "<dt>Owned by</dt>"));
    let about = between(&html, "<details class=\"plan-about\">", "</details>");
    for field in ["Owned by", "Responds to", "Briefings", "Reports", "Source"] {
        assert!(
            about.contains(&format!("<dt>{field}</dt>")),
            "{field} is not folded below: {about}"
        );
    }
}

#[test]
fn the_first_screen_names_the_actions_that_changed_status_and_the_next_meeting() {
    let site = Site::example();
    // A later meeting of the committee the plans last reported to, as site.yaml lists it.
    site.replace(
        "content/site.yaml",
        "cycles:\n",
        "cycles:\n  - id: 2013-10\n    date: 2013-10-17\n    meeting: Telford & Wrekin Children and Young People Scrutiny Committee\n",
    );
    site.run(&["build"]).passes();
    let html = site.read(&format!("public/{PLACEMENT}"));
    // The counts, each a link to its group below, which names the actions once.
    let changes = between(&html, "<p class=\"standing__changes\">", "</p>");
    assert!(
        changes.contains("<a href=\"#changes-newly-done\">Newly done 1</a>"),
        "{changes}"
    );
    assert!(!changes.contains("#action-"), "{changes}");
    let done = between(&html, "id=\"changes-newly-done\"", "</section>");
    assert!(
        done.contains("<a href=\"#action-3.a.1\">3.a, action 1</a>"),
        "{done}"
    );
    let next = between(&html, "<p class=\"standing__next\">", "</p>");
    assert!(
        next.contains("Telford &amp; Wrekin Children and Young People Scrutiny Committee, <time datetime=\"2013-10-17\">17 October 2013</time>"),
        "{next}"
    );
    assert!(at(&html, "standing__next") < at(&html, "<dt>Owned by</dt>"));
    // A page as of a cycle never speaks of a later meeting.
    let earlier = site.read("public/plans/telford-placement-strategy-response/2013-06/index.html");
    assert!(!earlier.contains("standing__next"));
}

#[test]
fn earlier_updates_are_listed_once_on_their_own_page_never_the_current_one() {
    let site = crate::says_reported::site(&[("plans/behind.yaml", crate::says_reported::BEHIND)]);
    site.run(&["build"]).passes();
    // The family hub: "not yet signed" at the first meeting, "was signed" at the second.
    let (before, now) = (
        "The lease is not yet signed.",
        "The lease was signed in August.",
    );
    let html = site.read("public/plans/behind/index.html");
    assert_eq!(
        html.matches(now).count(),
        1,
        "the current progress once: {html}"
    );
    assert!(
        !html.contains(before),
        "the plan's page repeats an earlier update"
    );
    assert!(!html.contains("class=\"history\""));
    // A link relative to the page (it is made once per action), to the action on the history page.
    let row = between(&html, "id=\"action-R1.1\"", "</tr>");
    assert!(
        row.contains(
            "<a class=\"history-link\" href=\"history/#action-R1.1\">Earlier updates (1)</a>"
        ),
        "{row}"
    );
    // The foster carers' only update is their current one: no link.
    let row = between(&html, "id=\"action-R1.2\"", "</tr>");
    assert!(!row.contains("Earlier updates"), "{row}");
    let history = site.read("public/plans/behind/history/index.html");
    let entry = between(&history, "id=\"action-R1.1\"", "</section>");
    assert!(entry.contains(before), "{entry}");
    assert!(
        !history.contains(now),
        "the history repeats the current progress"
    );
    assert!(!history.contains("id=\"action-R1.2\""), "{history}");
    // The pages as of each meeting show the standing at that meeting only.
    let q1 = site.read("public/plans/behind/q1/index.html");
    assert!(q1.contains(before) && !q1.contains(now));
    let q2 = site.read("public/plans/behind/q2/index.html");
    assert!(!q2.contains(before) && !q2.contains("Earlier updates"));
    // A plan reported once has no such page, and links to none.
    let (_site, files) = built();
    assert!(!files.contains_key("plans/telford-improvement-plan/history/index.html"));
    assert!(!page(&files, TELFORD).contains("Earlier updates"));
}

#[test]
fn the_page_of_the_latest_report_points_its_canonical_at_the_plan_page() {
    let (_site, files) = built();
    let canonical = |path: &str| {
        let html = page(&files, path);
        between(&html, "<link rel=\"canonical\"", ">").to_owned()
    };
    assert!(
        canonical("plans/telford-improvement-plan/2013-08/index.html")
            .contains("href=\"https://www.example.gov.uk/plans/telford-improvement-plan/\"")
    );
    // An earlier report keeps its own address.
    assert!(canonical("plans/telford-placement-strategy-response/2013-06/index.html")
        .contains("href=\"https://www.example.gov.uk/plans/telford-placement-strategy-response/2013-06/\""));
}

#[test]
fn each_action_has_one_date_column_a_row_header_and_its_owners_in_a_line() {
    let (_site, files) = built();
    let html = page(&files, TELFORD);
    let table = between(&html, "<table class=\"actions\"", "</table>");
    let head = between(table, "<thead", "</thead>");
    assert_eq!(
        head.matches("<th ").count(),
        4,
        "status, action, due, progress: {head}"
    );
    for gone in ["Timescale", "Target date", "Leads"] {
        assert!(!head.contains(gone), "a column {gone:?}: {head}");
    }
    let rows = html.matches("<tr id=\"action-").count();
    assert_eq!(rows, 57);
    assert_eq!(
        html.matches("<th scope=\"row\"><span class=\"action-id\">")
            .count(),
        57
    );
    // Owners in a line under the action, not a list in a column of their own.
    let row = between(&html, "id=\"action-R22.1\"", "</tr>");
    assert!(
        row.contains("<p class=\"action-owners\">Leads: <a href="),
        "{row}"
    );
    assert!(!row.contains("<ul class=\"owners\">"), "{row}");
    // Empty fields say nothing.
    for page_path in [TELFORD, PLACEMENT] {
        let html = page(&files, page_path);
        assert!(!html.contains("None given"), "{page_path}");
        assert!(!html.contains(">Not set<"), "{page_path}");
    }
    // A moved deadline once, beside the current one.
    let placement = page(&files, PLACEMENT);
    assert!(placement.contains("(was <time datetime=\"2013-04-30\">30 April 2013</time>)"));
    assert!(!placement.contains("first due"));
}

#[test]
fn the_embed_code_is_on_a_page_for_web_teams_linked_from_the_plan() {
    let (_site, files) = built();
    let html = page(&files, TELFORD);
    assert!(
        !html.contains("&lt;iframe"),
        "the public page carries the embed code"
    );
    assert!(html.contains("<a href=\"/plans/telford-improvement-plan/embed-code/\">Show this plan's status on your website</a>"));
    let code = page(
        &files,
        "plans/telford-improvement-plan/embed-code/index.html",
    );
    assert!(code.contains("&lt;iframe src=&quot;https://www.example.gov.uk/plans/telford-improvement-plan/embed/&quot;"), "{code}");
    assert!(code.contains("badge.svg"));
}

/// The rules (`selectors`, `declarations`) of the stylesheet's narrow-screen
/// media blocks (`@media (max-width: 640px)`).
pub(crate) fn narrow_rules(css: &str) -> Vec<(String, String)> {
    let mut rules = Vec::new();
    for block in css.split("@media (max-width: 640px) {").skip(1) {
        let mut depth = 1;
        let end = block
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(block.len(), |(i, _)| i);
        for rule in block[..end].split('}') {
            if let Some((selectors, declarations)) = rule.split_once('{') {
                // Comments sit between rules: the selector starts after the last one.
                let selectors = selectors.rsplit("*/").next().unwrap_or(selectors);
                rules.push((selectors.trim().to_owned(), declarations.to_owned()));
            }
        }
    }
    rules
}

#[test]
fn on_a_phone_the_actions_tables_stay_tables_in_labelled_scrolling_regions() {
    let (_site, files) = built();
    let css = files
        .iter()
        .find(|(path, _)| path.ends_with("style.css"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .expect("a stylesheet");
    let rules = narrow_rules(&css);
    assert!(!rules.is_empty(), "no narrow-screen rules found");
    for (selectors, declarations) in &rules {
        for selector in selectors.split(',') {
            let rows_or_cells = ["tr", "td", "th", "thead", "tbody"].iter().any(|part| {
                selector
                    .split([' ', ':', '[', '.', ')'])
                    .any(|w| w == *part)
            });
            assert!(
                !(selector.contains("table.actions")
                    && rows_or_cells
                    && declarations.contains("display:")),
                "on narrow screens `{selector}` changes how the actions table's rows or \
                 cells display, which takes their table semantics from screen readers"
            );
        }
    }
    let plan = page(&files, TELFORD);
    let tables: Vec<&str> = plan.split("<table class=\"actions\"").collect();
    assert!(tables.len() > 5, "only {} actions tables", tables.len() - 1);
    for (before, table) in tables.iter().zip(&tables[1..]) {
        assert_in_labelled_region(&plan, before, table, TELFORD);
    }
}

#[test]
fn a_finding_does_not_repeat_the_one_inspection_the_plan_responds_to() {
    let (_site, files) = built();
    let plan = page(&files, TELFORD);
    let inspection = "Inspection of Safeguarding and Looked After Children Services";
    // The plan says once, in its details, which inspection it responds to.
    assert!(between(&plan, "<dt>Responds to</dt>", "</dd>").contains(inspection));
    let findings: Vec<&str> = plan
        .split("<div class=\"rec-findings\">")
        .skip(1)
        .map(|part| &part[..part.find("</div>").unwrap()])
        .collect();
    assert!(
        findings.len() > 10,
        "only {} lists of findings",
        findings.len()
    );
    for list in findings {
        assert!(list.contains("#finding-"), "{list}");
        assert!(
            !list.contains(&format!("({inspection})")),
            "a finding repeats the plan's one inspection: {list}"
        );
    }
}

#[test]
fn a_meeting_named_with_its_date_is_printed_with_the_date_once() {
    let site = Site::example();
    site.replace(
        "content/site.yaml",
        "meeting: Telford & Wrekin Cabinet\n",
        "meeting: Telford & Wrekin Cabinet, 27 June 2013\n",
    );
    site.run(&["build"]).passes();
    // The plan's trend and reports, the page as of that meeting, the meeting's page.
    let plan = site.read(&format!("public/{PLACEMENT}"));
    assert!(
        plan.contains("Telford &amp; Wrekin Cabinet, 27 June 2013</a>"),
        "the reports name the meeting"
    );
    let at = site.read("public/plans/telford-placement-strategy-response/2013-06/index.html");
    assert!(
        at.contains("reported to Telford &amp; Wrekin Cabinet on 27 June 2013."),
        "{}",
        between(&at, "<div class=\"notice\">", "</div>")
    );
    let cycle = site.read("public/cycles/2013-06/index.html");
    assert!(cycle.contains("<h1>Telford &amp; Wrekin Cabinet, 27 June 2013</h1>"));
    for (path, html) in [
        ("plan", &plan),
        ("plan at the meeting", &at),
        ("meeting", &cycle),
    ] {
        for twice in [
            "27 June 2013, 27 June 2013",
            "27 June 2013 on 27 June 2013",
            "27 June 2013, <time datetime=\"2013-06-27\">27 June 2013",
        ] {
            assert!(!html.contains(twice), "the {path} page says {twice:?}");
        }
    }
}

#[test]
fn the_links_between_a_plans_own_pages_are_relative_and_resolve() {
    let site = crate::says_reported::site(&[("plans/behind.yaml", crate::says_reported::BEHIND)]);
    site.run(&["build"]).passes();
    for (page, folder) in [
        ("plans/behind/index.html", "plans/behind/"),
        ("plans/behind/q2/index.html", "plans/behind/q2/"),
    ] {
        let html = site.read(&format!("public/{page}"));
        let about = between(&html, "<dt>Reports</dt>", "</dd>");
        for href in about
            .split("href=\"")
            .skip(1)
            .map(|h| &h[..h.find('"').unwrap()])
        {
            assert!(!href.starts_with('/'), "{page}: {href}");
            // The folder the link names, from the page's own.
            let mut parts: Vec<&str> = folder.trim_end_matches('/').split('/').collect();
            for part in href.trim_end_matches('/').split('/') {
                if part == ".." {
                    parts.pop();
                } else {
                    parts.push(part);
                }
            }
            let target = format!("public/{}/index.html", parts.join("/"));
            assert!(
                site.path(&target).exists(),
                "{page}: {href} names {target}, which is not built"
            );
        }
    }
    let html = site.read("public/plans/behind/index.html");
    assert!(html.contains("href=\"history/#action-R1.1\""));
    assert!(site
        .read("public/plans/behind/history/index.html")
        .contains("id=\"action-R1.1\""));
}

#[test]
fn a_finding_several_recommendations_answer_is_quoted_once() {
    let site = Site::example();
    // R2-R3 answers R2 and R3; make R4 answer R2 too (a fixture, not the paper).
    site.replace(
        "content/plans/telford-improvement-plan.yaml",
        "findings: [telford-ofsted-2012#R4]",
        "findings: [telford-ofsted-2012#R4, telford-ofsted-2012#R2]",
    );
    site.run(&["build"]).passes();
    let html = site.read("public/plans/telford-improvement-plan/index.html");
    let first = between(&html, "id=\"rec-R2-R3\"", "<tbody");
    let second = between(&html, "id=\"rec-R4\"", "<tbody");
    let inspection = site.read("public/inspections/telford-ofsted-2012/index.html");
    // The finding's own words, as the inspection page gives them.
    let finding = between(&inspection, "id=\"finding-R2\"", "</p>");
    let words = &finding[finding.rfind("<p>").unwrap() + 3..];
    let words = &words[..words.len().min(60)];
    assert!(words.len() > 20, "{finding}");
    assert!(
        first.contains(words),
        "the first recommendation answering it quotes it: {first}"
    );
    assert!(
        !second.contains(words),
        "the second quotes it again: {second}"
    );
    assert!(
        second.contains("quoted above, under <a href=\"#rec-R2-R3\">"),
        "the second points to the first: {second}"
    );
}

#[test]
fn a_plan_section_has_one_actions_table_whose_row_groups_are_its_recommendations() {
    let (_site, files) = built();
    let html = page(&files, TELFORD);
    let sections: Vec<&str> = html
        .split("<section class=\"plan-section\"")
        .skip(1)
        .map(|s| &s[..s.find("</section>").unwrap()])
        .collect();
    assert!(sections.len() > 5, "only {} sections", sections.len());
    let mut recs = 0;
    for section in &sections {
        assert_eq!(
            section.matches("<table class=\"actions\"").count(),
            1,
            "{section}"
        );
        let table = between(section, "<table class=\"actions\"", "</table>");
        assert_eq!(table.matches("<thead>").count(), 1);
        let width = between(table, "<thead>", "</thead>")
            .matches("<th ")
            .count();
        // Every recommendation of the section is in its table, heading a row group of its own.
        assert_eq!(
            section.matches("<h3 id=\"rec-").count(),
            table.matches("<h3 id=\"rec-").count()
        );
        for group in table.split("<tbody data-filter-group>").skip(1) {
            let group = &group[..group.find("</tbody>").unwrap()];
            if group.contains("<h3 id=\"rec-") {
                recs += 1;
                assert!(
                    group.trim_start().starts_with(&format!(
                        "<tr class=\"rec-head\"><td colspan=\"{width}\">\n<h3 id=\"rec-"
                    )),
                    "a recommendation's row group not headed by its heading: {group}"
                );
                assert_eq!(group.matches("<h3 ").count(), 1, "{group}");
            }
            assert!(group.contains("<tr id=\"action-"), "{group}");
        }
    }
    assert_eq!(recs, html.matches("<h3 id=\"rec-").count());
    assert!(recs > 20, "only {recs} recommendations");
    // Each action still has its row header and its address.
    assert_eq!(html.matches("<tr id=\"action-").count(), 57);
}

#[test]
fn progress_over_time_is_on_the_history_page_linked_from_the_plan_page() {
    let (_site, files) = built();
    let plan = page(&files, PLACEMENT);
    assert!(
        !plan.contains("id=\"trend\""),
        "the trend is still on the plan page"
    );
    let jump = between(&plan, "<ul class=\"inline-list jump-links\">", "</ul>");
    assert!(
        jump.contains("<a href=\"history/#trend\">Progress over time, meeting by meeting</a>"),
        "{jump}"
    );
    let history = page(
        &files,
        "plans/telford-placement-strategy-response/history/index.html",
    );
    let trend = between(
        &history,
        "<h2 id=\"trend\">Progress over time</h2>",
        "</table>",
    );
    // Each report, linked from the history page to the plan as it stood then.
    assert!(trend.contains("<a href=\"../2013-06/\">"), "{trend}");
    assert!(trend.matches("<th scope=\"row\"").count() > 1, "{trend}");
}

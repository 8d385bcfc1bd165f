//! What readers get to find things: the dashboard's headlines, verdicts and
//! "Needs attention"; status first in every table of actions; the plan page's
//! contents, collapsible sections and jump links; the filters' data; and the
//! search index (its records, its words, and what an edit rewrites). The
//! scripts themselves run in a real browser in the quality gates.

use crate::util::{assert_in_labelled_region, between, built, page, read_tree, Site};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;

const TELFORD: &str = "content/plans/telford-improvement-plan.yaml";

/// The text of some HTML: tags out (the templates put white space between
/// block elements), entities of the example's text decoded, white space
/// collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&#39;", "'");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_dashboard_gives_each_plan_a_headline_in_its_own_words_and_its_verdicts() {
    let (_site, files) = built();
    let dashboard = page(&files, "index.html");
    let plans = between(&dashboard, "<ul class=\"plan-cards\">", "id=\"attention\"");
    let shown = text(plans);
    assert!(
        shown.contains(
            "Complete 49 · In progress – on schedule 3 · Behind schedule 5 · 5 overdue · 86% done"
        ),
        "Telford's headline is not stated: {shown}"
    );
    // One headline per plan card.
    assert_eq!(
        plans.matches("class=\"plan-card\"").count(),
        plans.matches("class=\"headline\"").count()
    );
    // The verdict and its date where the papers give them, and saying so where not.
    assert!(
        shown.contains(
            "overall judgement Requires improvement to be good, published 19 February 2016"
        ),
        "{shown}"
    );
    assert!(shown.contains("Answers Inspection of Safeguarding and Looked After Children Services: overall judgement not given in the papers; date of publication not known"), "{shown}");
}

#[test]
fn needs_attention_takes_at_risk_actions_and_names_each_plan_once() {
    let site = Site::example();
    site.replace(
        TELFORD,
        "status: on-track  # paper: \"In Progress\"\n                progress: |\n                  Workshops to be commissioned",
        "status: at-risk\n                progress: |\n                  Workshops to be commissioned",
    );
    site.run(&["build"]).passes();
    let dashboard = site.read("public/index.html");
    let attention = between(&dashboard, "id=\"attention\"", "Latest briefings");
    let shown = text(attention);
    assert!(
        shown.contains("At risk R22, action 2 Develop skills of Social Worker"),
        "the at-risk action is missing: {shown}"
    );
    assert!(
        shown.contains("Behind schedule Overdue R22, action 1 Clarify and agree"),
        "{shown}"
    );
    // Grouped: the plan is a heading once, not a column on every row.
    assert_eq!(
        attention
            .matches("Children&#39;s Services Improvement Plan (working document)</a></h3>")
            .count(),
        1,
        "{attention}"
    );
    assert!(!attention.contains("data-label=\"Plan\""));
    assert!(shown.contains("6 of 57 actions"), "{shown}");
}

#[test]
fn status_comes_first_in_every_table_of_actions() {
    let (_site, files) = built();
    let mut tables = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for table in html.split("<table class=\"").skip(1) {
            let class = &table[..table.find('"').unwrap()];
            if !["actions", "exceptions", "owner-actions"].contains(&class) {
                continue;
            }
            let head = &table[table.find("<thead>").unwrap()..table.find("</thead>").unwrap()];
            if !head.contains("col-status") {
                // A plan whose paper gives no statuses has no status column.
                assert!(
                    !head.contains(">Status<"),
                    "{path}: a status column that is not marked first: {head}"
                );
                continue;
            }
            tables += 1;
            let first = &head[head.find("<th ").unwrap()..];
            assert!(
                first[..first.find('>').unwrap()].contains("col-status"),
                "{path}: status is not the first column: {head}"
            );
        }
    }
    assert!(tables > 50, "only {tables} tables of actions were found");
}

#[test]
fn on_a_phone_every_table_of_actions_stays_a_table_in_a_labelled_scrolling_region() {
    let (_site, files) = built();
    let css = String::from_utf8_lossy(&files["assets/style.css"]).into_owned();
    let classes = ["actions", "exceptions", "owner-actions"];
    for (selectors, declarations) in crate::plan_page::narrow_rules(&css) {
        for selector in selectors.split(',') {
            let of_actions = classes
                .iter()
                .any(|class| selector.contains(&format!("table.{class}")));
            let rows_or_cells = ["tr", "td", "th", "thead", "tbody"].iter().any(|part| {
                selector
                    .split([' ', ':', '[', '.', ')'])
                    .any(|w| w == *part)
            });
            assert!(
                !(of_actions && rows_or_cells && declarations.contains("display:")),
                "on narrow screens `{selector}` changes how a table of actions' rows or \
                 cells display, which takes their table semantics from screen readers"
            );
        }
    }
    // Every kind of page that holds tables of actions holds them in regions.
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let pieces: Vec<&str> = html.split("<table class=\"").collect();
        for (before, table) in pieces.iter().zip(&pieces[1..]) {
            let class = &table[..table.find('"').unwrap()];
            if !classes.contains(&class) {
                continue;
            }
            assert_in_labelled_region(&html, before, table, &format!("{path}: {class}"));
            let kind = match path.as_str() {
                "index.html" => "dashboard",
                p if p.starts_with("owners/") => "owner",
                p if p.starts_with("cycles/") && p.ends_with("/report/index.html") => "report",
                p if p.starts_with("cycles/") => "cycle",
                _ => "plan",
            };
            *kinds.entry(kind).or_default() += 1;
        }
    }
    for kind in ["dashboard", "owner", "cycle", "report", "plan"] {
        assert!(
            kinds.get(kind).is_some_and(|n| *n > 0),
            "no table of actions on a {kind} page: {kinds:?}"
        );
    }
}

#[test]
fn a_long_plan_has_contents_with_counts_collapsible_sections_and_jump_links() {
    let (_site, files) = built();
    let plan = page(&files, "plans/telford-improvement-plan/index.html");
    let contents = text(between(&plan, "<nav class=\"contents\"", "</nav>"));
    assert!(
        contents.contains("SOCIAL CARE ENQUIRIES 6 actions: Complete 6"),
        "{contents}"
    );
    assert!(
        contents.contains("WELL BEING 3 actions: Complete 1 · Behind schedule 2 · 2 overdue"),
        "{contents}"
    );
    assert_eq!(
        plan.matches("<details class=\"section-body\" open>")
            .count(),
        8
    );
    assert!(plan.contains("<a href=\"#changes\">Jump to what changed at this meeting</a>"));
    assert!(plan.contains("<h2 id=\"changes\">"));
    // Each section can be printed alone: the link names a target inside it.
    for anchor in plan.split("class=\"print-section\" href=\"#").skip(1) {
        let target = &anchor[..anchor.find('"').unwrap()];
        assert!(
            plan.contains(&format!("id=\"{target}\"")),
            "print link to a missing {target}"
        );
    }
}

#[test]
fn rows_carry_what_the_filters_need_and_only_filtered_pages_load_the_script() {
    let (_site, files) = built();
    let plan = page(&files, "plans/telford-improvement-plan/index.html");
    assert!(plan.contains("<form class=\"filters\" hidden"));
    // Every filter form has a real submit button (a form without one fails
    // WCAG technique H32), and sends its choice by GET.
    for path in [
        "plans/telford-improvement-plan/index.html",
        "owners/angela-yapp/index.html",
        "cycles/2013-08/index.html",
        "index.html",
    ] {
        let html = page(&files, path);
        let form = &html[html
            .find("<form class=\"filters\"")
            .unwrap_or_else(|| panic!("{path}: no filters"))..];
        let form = &form[..form.find("</form>").expect("closed")];
        assert!(form.contains("method=\"get\""), "{path}: {form}");
        assert!(form.contains("<button type=\"submit\""), "{path}: {form}");
    }
    assert_eq!(
        plan.matches("data-row").count(),
        57,
        "one filtered row per action"
    );
    // The filter reads each row's status from the tag in its first cell and
    // its owners from its owner links: the row does not say them again.
    let bodies: Vec<&str> = plan
        .split("<tr ")
        .filter(|row| row[..row.find('>').unwrap_or(0)].contains("data-row"))
        .collect();
    assert_eq!(
        bodies
            .iter()
            .filter(|row| {
                let first = &row[row.find('>').unwrap() + 1..];
                let first = first.trim_start();
                first.starts_with("<td>")
                    && first[..first.find("</td>").unwrap()].contains(">Behind schedule</strong>")
            })
            .count(),
        5
    );
    assert!(bodies.iter().any(|row| {
        let Some(at) = row.find("<p class=\"action-owners\">") else {
            return false;
        };
        let line = &row[at..at + row[at..].find("</p>").unwrap()];
        let names: Vec<&str> = line
            .split("<a ")
            .skip(1)
            .map(|a| &a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()])
            .collect();
        names == ["Maria White", "Angela Yapp"]
    }));
    assert!(!plan.contains(" data-status=") && !plan.contains(" data-owners="));
    let rows: Vec<&str> = plan
        .split("<tr ")
        .map(|row| &row[..row.find('>').unwrap_or(0)])
        .filter(|row| row.contains("data-row"))
        .collect();
    assert_eq!(
        rows.iter()
            .filter(|row| row.contains(" data-overdue"))
            .count(),
        5
    );
    assert!(plan.contains("filter.js\" defer></script>"));
    // At a meeting with changes, the rows that changed say so.
    let at = page(
        &files,
        "plans/telford-placement-strategy-response/2013-08/index.html",
    );
    assert_eq!(at.matches(" data-changed").count(), 6);
    let first = page(
        &files,
        "plans/telford-placement-strategy-response/2013-06/index.html",
    );
    assert!(
        !first.contains(" data-changed"),
        "a first report has nothing to compare with"
    );
    // The search script loads on the search page only; no page needs a script
    // to show its content (the filter form is hidden until the script fills it).
    for (path, bytes) in &files {
        let html = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") && path != "search/index.html" {
            assert!(
                !html.contains("search.js"),
                "{path} loads the search script"
            );
        }
    }
    assert!(page(&files, "search/index.html").contains("search.js\" defer></script>"));
    assert!(!page(&files, "briefings/index.html").contains("filter.js"));
}

/// The bucket of a word, as `search.js` computes it: 31 × hash + code point, in 32 bits.
fn bucket(word: &str, buckets: usize) -> usize {
    let hash = word
        .chars()
        .fold(0u64, |h, c| (h * 31 + u64::from(c)) % (1 << 32));
    usize::try_from(hash).unwrap() % buckets
}

fn buckets(files: &BTreeMap<String, Vec<u8>>) -> usize {
    let search = page(files, "search/index.html");
    let at = search.find("data-buckets=\"").unwrap() + 14;
    search[at..at + search[at..].find('"').unwrap()]
        .parse()
        .unwrap()
}

fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> serde_json::Value {
    serde_json::from_slice(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not built")),
    )
    .unwrap()
}

#[test]
fn a_word_of_an_actions_progress_finds_that_action() {
    let (_site, files) = built();
    let n = buckets(&files);
    let terms = json(&files, &format!("search/terms/{}.json", bucket("amend", n)));
    let places = terms["amend"]["plan.telford-improvement-plan"]
        .as_array()
        .expect("the word is indexed");
    let found: Vec<serde_json::Value> = places
        .iter()
        .map(|p| {
            let place = usize::try_from(p.as_u64().unwrap() / 2).unwrap();
            let chunk = json(
                &files,
                &format!(
                    "search/docs/plan.telford-improvement-plan/{}.json",
                    place / 8
                ),
            );
            chunk[place % 8].clone()
        })
        .collect();
    let record = found
        .iter()
        .find(|r| r["url"].as_str().unwrap().ends_with("#action-R22.1"))
        .unwrap_or_else(|| panic!("R22's first action is not among {found:#?}"));
    assert_eq!(record["kind"], "action");
    assert_eq!(record["title"], "R22, action 1");
    assert_eq!(record["status"], "Behind schedule");
    // Shown in the status's own colour, not the dashed style of "Not rated".
    assert_eq!(record["colour"], "red");
    let script = String::from_utf8(files["assets/search.js"].clone()).unwrap();
    assert!(
        script.contains("'tag tag--' + ") && !script.contains("'tag tag--none'"),
        "search.js styles results by the record's colour"
    );
    assert!(record["text"]
        .as_str()
        .unwrap()
        .contains("Policy drafted and amended"));
    // Common words are left out; a finding is found by its words too.
    assert!(
        json(&files, &format!("search/terms/{}.json", bucket("the", n)))
            .get("the")
            .is_none()
    );
    let life = json(&files, &format!("search/terms/{}.json", bucket("life", n)));
    assert!(life["life"].get("inspection.telford-ofsted-2012").is_some());
}

#[test]
fn an_edit_rewrites_only_the_parts_of_the_index_it_feeds() {
    let site = Site::example();
    let public = site.path("public");
    site.run(&["build"]).passes();
    let before = read_tree(&public);
    let inodes = |root: &std::path::Path| -> BTreeMap<String, u64> {
        read_tree(root)
            .keys()
            .filter(|p| p.starts_with("search/"))
            .map(|p| (p.clone(), std::fs::metadata(root.join(p)).unwrap().ino()))
            .collect()
    };
    let old = inodes(&public);
    site.replace(
        TELFORD,
        "Policy drafted and amended",
        "Policy drafted and rewritten",
    );
    site.run(&["build"]).passes();
    let after = read_tree(&public);
    let new = inodes(&public);
    let rewritten: Vec<&String> = new.keys().filter(|p| old.get(*p) != new.get(*p)).collect();
    let n = buckets(&after);
    let place = {
        let terms = json(
            &after,
            &format!("search/terms/{}.json", bucket("rewritten", n)),
        );
        usize::try_from(
            terms["rewritten"]["plan.telford-improvement-plan"][0]
                .as_u64()
                .unwrap()
                / 2,
        )
        .unwrap()
    };
    let mut expected = vec![
        format!(
            "search/docs/plan.telford-improvement-plan/{}.json",
            place / 8
        ),
        format!("search/terms/{}.json", bucket("amend", n)),
        format!("search/terms/{}.json", bucket("rewritten", n)),
    ];
    expected.sort();
    expected.dedup();
    assert_eq!(
        rewritten,
        expected.iter().collect::<Vec<_>>(),
        "rewritten under search/"
    );
    // And what was kept is byte for byte what a build from nothing makes.
    let fresh = Site::example();
    fresh.replace(
        TELFORD,
        "Policy drafted and amended",
        "Policy drafted and rewritten",
    );
    fresh.run(&["build"]).passes();
    let clean = read_tree(&fresh.path("public"));
    for (path, bytes) in after.iter().filter(|(p, _)| p.starts_with("search/")) {
        assert_eq!(
            Some(bytes),
            clean.get(path),
            "{path} differs from a clean build"
        );
    }
    assert_ne!(before.get(&expected[0]), after.get(&expected[0]));
}

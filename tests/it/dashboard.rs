//! The dashboard answers first: what is overdue and red across the plans
//! (naming them), what changed at the latest meeting and when progress was
//! last reported; plans most in need first; counts across plans by colour;
//! at most 20 plans, with a page per organisation beyond that. And what every
//! page's head and header carry: a favicon, a description, a folding menu.

use crate::util::{built, page, part, read_tree, words, Site};

/// One action of a fixture plan: its status at the second meeting, and its
/// due date.
struct Action<'a> {
    status: &'a str,
    due: &'a str,
}

const fn act<'a>(status: &'a str, due: &'a str) -> Action<'a> {
    Action { status, due }
}

/// A site of small plans, each `(id, title, organisation, actions)`,
/// reporting at two meetings (every action on track at the first); a plan's
/// own key, when given, replaces the built-in one.
fn site_of(plans: &[(&str, &str, &str, &[Action<'_>])], own_key: Option<(&str, &str)>) -> Site {
    let site = Site::empty();
    site.write(
        "content/site.yaml",
        "title: Action plans\norganisation: Example Council\nbase_url: https://www.example.gov.uk/\ncycles:\n  - id: 2024-03\n    date: 2024-03-20\n    meeting: Scrutiny Committee\n  - id: 2024-06\n    date: 2024-06-19\n    meeting: Scrutiny Committee\n",
    );
    for (id, title, organisation, actions) in plans {
        let mut yaml = format!("title: {title}\norganisation: {organisation}\nkind: scrutiny\n");
        if let Some((status, label)) = own_key {
            if *id == "own-key" {
                yaml.push_str(&format!(
                    "statuses:\n  - id: {status}\n    label: {label}\n    colour: red\n  - id: on-track\n    label: Fine\n    colour: green\n"
                ));
            }
        }
        yaml.push_str("recommendations:\n  - id: R1\n    text: Do better.\n    actions:\n");
        for (n, action) in actions.iter().enumerate() {
            yaml.push_str(&format!(
                "      - id: \"{}\"\n        text: Action {} of {title}\n        owner: Head of Service\n        due: {}\n        updates:\n          - cycle: 2024-03\n            status: on-track\n          - cycle: 2024-06\n            status: {}\n",
                n + 1,
                n + 1,
                action.due,
                action.status
            ));
        }
        site.write(&format!("content/plans/{id}.yaml"), yaml);
    }
    site
}

/// The titles of the plan cards on a page, in order.
fn cards(html: &str) -> Vec<String> {
    html.split("class=\"plan-card__title\">")
        .skip(1)
        .map(|card| words(&card[..card.find("</h").unwrap()]))
        .collect()
}

/// The dashboard's first lines, as words: what it says before the plans.
fn glance(html: &str) -> String {
    // `words` puts a space where each tag was: take it out before punctuation.
    words(part(html, "<div class=\"glance\">", "<h2 id=\"plans\">"))
        .replace(" .", ".")
        .replace(" ,", ",")
        .replace(" )", ")")
        .replace("( ", "(")
}

const LATER: &str = "2025-12-31";
const PAST: &str = "2024-01-31";

#[test]
fn plans_come_most_overdue_first_then_most_red_then_amber_then_by_title() {
    let site = site_of(
        &[
            (
                "a",
                "Alpha plan",
                "Example Council",
                &[act("at-risk", LATER)],
            ),
            (
                "b",
                "Bravo plan",
                "Example Council",
                &[act("behind", LATER), act("behind", LATER)],
            ),
            (
                "c",
                "Charlie plan",
                "Example Council",
                &[act("on-track", PAST)],
            ),
            (
                "d",
                "Delta plan",
                "Example Council",
                &[act("complete", LATER)],
            ),
            (
                "e",
                "Echo plan",
                "Example Council",
                &[act("behind", LATER), act("at-risk", LATER)],
            ),
            (
                "f",
                "Foxtrot plan",
                "Example Council",
                &[act("behind", LATER)],
            ),
            (
                "z",
                "Aardvark plan",
                "Example Council",
                &[act("on-track", LATER)],
            ),
        ],
        None,
    );
    site.run(&["build"]).passes();
    let dashboard = site.read("public/index.html");
    assert_eq!(
        cards(&dashboard),
        [
            "Charlie plan",
            "Bravo plan",
            "Echo plan",
            "Foxtrot plan",
            "Alpha plan",
            "Aardvark plan",
            "Delta plan"
        ]
    );
    // Right under the title: what is overdue and what is red, naming the plans.
    let first = glance(&dashboard);
    assert!(
        first.contains("1 action overdue (past the due date and not done): 1 in Charlie plan."),
        "{first}"
    );
    assert!(
        first.contains("4 open actions red in their plan's key: 2 in Bravo plan, 1 in Echo plan and 1 in Foxtrot plan."),
        "{first}"
    );
    let glance_at = dashboard.find("<div class=\"glance\">").unwrap();
    assert!(glance_at < dashboard.find("class=\"plan-cards\"").unwrap());
    assert!(dashboard[..glance_at].contains("<h1>Action plans</h1>"));
    assert!(dashboard.contains("<a href=\"/plans/c/\">Charlie plan</a>"));
}

#[test]
fn the_example_dashboard_opens_on_the_overdue_plan_and_needs_attention_comes_before_indicators() {
    let (_site, files) = built();
    let dashboard = page(&files, "index.html");
    let telford = "Children&#39;s Services Improvement Plan (working document)";
    assert_eq!(
        cards(&dashboard).first().map(String::as_str),
        Some("Children's Services Improvement Plan (working document)")
    );
    let first = glance(&dashboard);
    assert!(
        first.contains("5 actions overdue (past the due date and not done): 5 in Children's Services Improvement Plan (working document)."),
        "{first}"
    );
    // Counted, so the partial plans are said to be partial.
    assert!(
        first.contains("3 of the plans are partial, holding only part of their paper: their cards say which part."),
        "{first}"
    );
    assert!(dashboard.find(telford).unwrap() < dashboard.find("class=\"plan-cards\"").unwrap());
    let attention = dashboard.find("id=\"attention\"").unwrap();
    assert!(attention < dashboard.find("id=\"indicators\"").unwrap());
}

#[test]
fn counts_across_plans_are_by_colour_and_each_card_keeps_its_own_words() {
    let site = site_of(
        &[
            (
                "own-key",
                "Own key plan",
                "Example Council",
                &[act("late", LATER), act("on-track", LATER)],
            ),
            (
                "built-in",
                "Built-in key plan",
                "Example Council",
                &[act("behind", LATER)],
            ),
        ],
        Some(("late", "Running late")),
    );
    site.run(&["build"]).passes();
    let dashboard = site.read("public/index.html");
    let first = glance(&dashboard);
    assert!(first.contains("by colour"), "{first}");
    assert!(first.contains("Red 2 · Green 1 ·"), "{first}");
    assert!(first.contains("Each plan uses its own key"), "{first}");
    // Never a plan's own words summed across plans.
    for label in ["Running late", "Behind schedule", "Fine", "In progress"] {
        assert!(!first.contains(label), "{label} in {first}");
    }
    let plans = words(part(&dashboard, "<ul class=\"plan-cards\">", "</ul>"));
    assert!(plans.contains("Running late 1 · Fine 1"), "{plans}");
    assert!(plans.contains("Behind schedule 1"), "{plans}");
}

#[test]
fn the_dashboard_shows_twenty_plans_and_every_organisation_has_a_page() {
    let organisations = ["North Council", "South Council", "East Council"];
    let build = |n: usize| {
        let ids: Vec<String> = (1..=n).map(|i| format!("plan-{i:02}")).collect();
        let titles: Vec<String> = (1..=n).map(|i| format!("Plan number {i:02}")).collect();
        let actions = [act("behind", PAST), act("on-track", LATER)];
        let plans: Vec<(&str, &str, &str, &[Action<'_>])> = (0..n)
            .map(|i| {
                (
                    ids[i].as_str(),
                    titles[i].as_str(),
                    organisations[i % 3],
                    &actions[..],
                )
            })
            .collect();
        let site = site_of(&plans, None);
        site.run(&["build"]).passes();
        site
    };
    let site = build(25);
    let files = read_tree(&site.path("public"));
    let dashboard = page(&files, "index.html");
    assert_eq!(cards(&dashboard).len(), 20);
    assert!(
        dashboard.contains("<a href=\"/organisations/\">All 25 plans by organisation</a>"),
        "{dashboard}"
    );
    let index = words(&page(&files, "organisations/index.html"));
    assert!(
        index.contains("East Council · 8 plans, 8 overdue"),
        "{index}"
    );
    assert!(index.contains("North Council · 9 plans"), "{index}");
    let mut listed: Vec<String> = ["north-council", "south-council", "east-council"]
        .iter()
        .flat_map(|slug| cards(&page(&files, &format!("organisations/{slug}/index.html"))))
        .collect();
    listed.sort();
    let expected: Vec<String> = (1..=25).map(|i| format!("Plan number {i:02}")).collect();
    assert_eq!(
        listed, expected,
        "every plan on its organisation's page, once"
    );
    assert!(page(&files, "organisations/east-council/index.html").contains("<h1>East Council</h1>"));
    // Twice the plans, the same dashboard: its size does not grow with the site.
    let bigger = build(50);
    let larger = bigger.read("public/index.html");
    assert_eq!(cards(&larger).len(), 20);
    assert!(
        larger.len() < dashboard.len() + 1_000,
        "the dashboard grew from {} to {} bytes",
        dashboard.len(),
        larger.len()
    );
    // Twenty plans or fewer: no organisation pages.
    let small = build(20);
    assert!(!small.path("public/organisations").exists());
}

#[test]
fn the_dashboard_gives_the_latest_progress_and_what_changed_at_the_latest_meeting() {
    let site = site_of(
        &[
            (
                "a",
                "Alpha plan",
                "Example Council",
                &[act("complete", LATER), act("behind", LATER)],
            ),
            (
                "b",
                "Bravo plan",
                "Example Council",
                &[act("on-track", LATER)],
            ),
        ],
        None,
    );
    site.run(&["build"]).passes();
    let first = glance(&site.read("public/index.html"));
    assert!(
        first.contains("Latest progress: 19 June 2024, at that meeting."),
        "{first}"
    );
    assert!(
        first.contains("At the latest meeting, Scrutiny Committee, 19 June 2024, 2 plans reported: 2 actions changed status (1 newly done, 1 worse, 0 better). Alpha plan (2 changed status); Bravo plan (0 changed status)."),
        "{first}"
    );
    assert!(site
        .read("public/index.html")
        .contains("<a href=\"/cycles/2024-06/\">Scrutiny Committee, 19 June 2024</a>"));
    // A later briefing is the latest progress: a date from the content, never the clock.
    site.write(
        "content/briefings/update.md",
        "---\ntitle: An update to members\ndate: 2024-07-02\n---\nWork goes on.\n",
    );
    site.run(&["build"]).passes();
    let first = glance(&site.read("public/index.html"));
    assert!(
        first.contains("Latest progress: 2 July 2024 (An update to members)."),
        "{first}"
    );
}

#[test]
fn every_page_links_the_favicon_and_has_a_description() {
    let (site, files) = built();
    assert!(page(&files, "assets/favicon.svg").starts_with("<svg"));
    let mut pages = 0;
    for (path, bytes) in &files {
        let html = String::from_utf8_lossy(bytes);
        if !path.ends_with(".html") || !html.contains("class=\"site-header\"") {
            continue;
        }
        pages += 1;
        assert!(
            html.contains(
                "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
            ),
            "{path} links no favicon"
        );
        let description = part(&html, "<meta name=\"description\" content=\"", "\">");
        assert!(
            description.len() > "<meta name=\"description\" content=\"\">".len(),
            "{path}: {description}"
        );
    }
    assert!(pages > 100, "only {pages} pages");
    // A plan's: its title and its standing in its own words.
    let plan = page(&files, "plans/telford-improvement-plan/index.html");
    assert!(plan.contains("<meta name=\"description\" content=\"Children&#39;s Services Improvement Plan (working document). As of Telford &amp; Wrekin Children and Young People Scrutiny Committee, 15 August 2013: Complete 49, In progress – on schedule 3, Behind schedule 5 of 57 actions; 5 overdue.\">"));
    // A partial plan's says so, as everywhere it is counted.
    assert!(page(&files, "plans/leicestershire-cqc-improvement-plan-2025/index.html").contains("<meta name=\"description\" content=\"Draft improvement plan. No actions listed. This plan is partial: it holds only part of its paper.\">"));
    // Other pages': their title.
    assert!(page(&files, "owners/index.html")
        .contains("<meta name=\"description\" content=\"Owners\">"));
    // The dashboard's: the site's own description.
    assert!(page(&files, "index.html")
        .contains("<meta name=\"description\" content=\"Progress on scrutiny recommendations"));
    // A theme of the site's own, without a favicon, still has the default one.
    site.write("themes/council/static/style.css", "h1 { color: #000; }\n")
        .replace("content/site.yaml", "theme: default", "theme: council");
    site.run(&["build"]).passes();
    assert!(site.read("public/assets/favicon.svg").starts_with("<svg"));
}

#[test]
fn the_header_navigation_folds_behind_a_menu_and_breadcrumbs_keep_one_line_on_phones() {
    let (_site, files) = built();
    let plan = page(&files, "plans/telford-improvement-plan/index.html");
    let menu = part(&plan, "<details class=\"site-menu\">", "</details>");
    assert!(
        menu.contains("<summary class=\"site-menu__toggle\">Menu</summary>"),
        "{menu}"
    );
    assert!(
        menu.contains("<nav class=\"site-nav\" aria-label=\"Site\">"),
        "{menu}"
    );
    assert!(
        menu.contains(">Dashboard</a>") && menu.contains(">Search</a>"),
        "{menu}"
    );
    let css = page(&files, "assets/style.css");
    // Wider screens show the navigation open; phones keep only the parent crumb.
    assert!(css.contains(".site-menu::details-content { content-visibility: visible;"));
    let phone = part(&css, "/* On a phone, only the way up", "}\n}");
    assert!(
        phone.contains(".breadcrumbs li { display: none; }"),
        "{phone}"
    );
    assert!(
        phone.contains(".breadcrumbs li:nth-last-child(2) { display: block; white-space: nowrap;"),
        "{phone}"
    );
}

//! Pages across plans stay a readable size however many plans a site holds:
//! a cycle that several organisations' plans report at says what changed
//! organisation by organisation, with a page of each one's plans' changes;
//! the list of many plans of several organisations is a line per plan under
//! its organisation. A single council's site keeps its pages as they were.

use crate::util::{page, part, read_tree, two_councils, words, Site};

/// The organisation sections of a cycle's page, as words.
fn by_organisation(html: &str) -> String {
    words(part(html, "<h2 id=\"organisations\">", "</ul>"))
}

#[test]
fn a_cycle_several_organisations_report_at_has_a_page_of_each_ones_changes() {
    let site = two_councils();
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let cycle = page(&files, "cycles/2013-08/index.html");
    assert!(
        !cycle.contains("class=\"cycle-plan\""),
        "the cycle's page lists no plan's changes: {cycle}"
    );
    let text = by_organisation(&cycle);
    assert!(
        text.contains("Plans of 2 organisations reported at this meeting"),
        "{text}"
    );
    for slug in ["shropshire-council", "telford-wrekin-council"] {
        assert!(
            cycle.contains(&format!("href=\"/cycles/2013-08/organisations/{slug}/\"")),
            "{slug}: {cycle}"
        );
        assert!(
            cycle.contains(&format!("href=\"/cycles/2013-08/report/{slug}/\"")),
            "{slug}: {cycle}"
        );
    }
    // Each organisation's actions by colour and overdue, never in one plan's words.
    assert!(
        text.contains("Shropshire Council : 1 plan, 16 actions (1 blue, 15 not rated), none overdue; 1 changed status (1 newly done, 0 worse, 0 better); 1 plan itself changed. Committee report ."),
        "{text}"
    );
    assert!(
        text.contains("Telford & Wrekin Council : 1 plan, 57 actions (5 red, 3 green, 49 blue), 5 overdue ; none changed status; 1 plan made its first progress report."),
        "{text}"
    );
    assert!(!text.contains("Behind schedule"), "{text}");

    let shropshire = page(
        &files,
        "cycles/2013-08/organisations/shropshire-council/index.html",
    );
    let telford = page(
        &files,
        "cycles/2013-08/organisations/telford-wrekin-council/index.html",
    );
    assert!(
        shropshire.contains("href=\"/plans/telford-placement-strategy-response/2013-08/\""),
        "{shropshire}"
    );
    assert!(
        !shropshire.contains("href=\"/plans/telford-improvement-plan/2013-08/\""),
        "{shropshire}"
    );
    assert!(
        telford.contains("href=\"/plans/telford-improvement-plan/2013-08/\""),
        "{telford}"
    );
    assert!(telford.contains("class=\"cycle-plan\""), "{telford}");
    assert!(
        words(&shropshire).contains("The plans of Shropshire Council : 1 of the 2 plans of 2 organisations that reported at this meeting."),
        "{shropshire}"
    );
    // Its committee report, and back to every organisation's.
    assert!(shropshire.contains("href=\"/cycles/2013-08/report/shropshire-council/\""));
    assert!(shropshire.contains("href=\"/cycles/2013-08/\""));
    let sitemap = page(&files, "sitemap.xml");
    for slug in ["shropshire-council", "telford-wrekin-council"] {
        assert!(
            sitemap.contains(&format!("/cycles/2013-08/organisations/{slug}/</loc>")),
            "{sitemap}"
        );
    }
    // A cycle only one council reports at keeps each plan's changes on its page.
    assert!(page(&files, "cycles/2013-06/index.html").contains("class=\"cycle-plan\""));
    assert!(!files
        .keys()
        .any(|f| f.starts_with("cycles/2013-06/organisations/")));
}

/// A site of `n` small plans of three councils, each with one action behind
/// schedule and past its due date and one on track, reported at one meeting.
fn plans_of_three_councils(n: usize) -> Site {
    let organisations = ["North Council", "South Council", "East Council"];
    let site = Site::empty();
    site.write(
        "content/site.yaml",
        "title: Action plans\norganisation: Example Council\nbase_url: https://www.example.gov.uk/\ncycles:\n  - id: 2024-06\n    date: 2024-06-19\n    meeting: Scrutiny Committee\n",
    );
    for i in 1..=n {
        site.write(
            &format!("content/plans/plan-{i:03}.yaml"),
            format!(
                "title: Plan number {i:03}\norganisation: {}\nkind: scrutiny\nrecommendations:\n  - id: R1\n    text: Do better.\n    actions:\n      - id: \"1\"\n        text: First action\n        owner: Head of Service\n        due: 2024-01-31\n        updates:\n          - cycle: 2024-06\n            status: behind\n      - id: \"2\"\n        text: Second action\n        owner: Head of Service\n        due: 2025-12-31\n        updates:\n          - cycle: 2024-06\n            status: on-track\n",
                organisations[i % 3]
            ),
        );
    }
    site.run(&["build"]).passes();
    site
}

#[test]
fn many_plans_of_several_councils_are_listed_a_line_each_under_their_council() {
    let site = plans_of_three_councils(30);
    let files = read_tree(&site.path("public"));
    let plans = page(&files, "plans/index.html");
    assert!(!plans.contains("plan-card"), "no cards: {plans}");
    for slug in ["east-council", "north-council", "south-council"] {
        assert!(
            plans.contains(&format!("<a href=\"/organisations/{slug}/\">")),
            "{slug}: {plans}"
        );
    }
    for i in 1..=30 {
        assert_eq!(
            plans
                .matches(&format!("href=\"/plans/plan-{i:03}/\""))
                .count(),
            1,
            "plan {i} once: {plans}"
        );
    }
    let text = words(&plans);
    assert!(
        text.contains("Plan number 001 : 2 actions (1 red, 1 green), 1 overdue ; as of Scrutiny Committee, 19 June 2024."),
        "{text}"
    );
    // East, North, South: A to Z.
    let east = text.find("East Council").unwrap();
    let north = text.find("North Council").unwrap();
    assert!(east < north, "{text}");
    // Its size grows by a line per plan, not a card.
    let bigger = plans_of_three_councils(60);
    let larger = bigger.read("public/plans/index.html");
    let per_plan = (larger.len() - plans.len()) / 30;
    assert!(per_plan < 300, "{per_plan} bytes a plan");

    // Few plans: the cards, as before.
    let few = plans_of_three_councils(20);
    assert!(few.read("public/plans/index.html").contains("plan-card"));
}

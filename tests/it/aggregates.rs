//! Pages across plans stay a readable size however many plans a site holds:
//! a cycle that several organisations' plans report at says what changed
//! organisation by organisation, with a page of each one's plans' changes.
//! A single council's site keeps its pages as they were.

use crate::util::{page, part, read_tree, words, Site};

const PLACEMENT: &str = "content/plans/telford-placement-strategy-response.yaml";

/// The example site with one of the two plans reporting at 2013-08 made
/// another council's.
fn two_councils() -> Site {
    let site = Site::example();
    site.replace(
        PLACEMENT,
        "organisation: Telford & Wrekin Council",
        "organisation: Shropshire Council",
    );
    site
}

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

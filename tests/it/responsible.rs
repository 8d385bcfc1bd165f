//! Who is responsible and what is behind, through the built example site:
//! the inspection page flags the findings whose open actions are overdue or
//! red, in words, and says each answer's progress in readable text; owner
//! pages list each owner's overdue and red actions first, with their role.

use crate::util::{built, element, page, words};

#[test]
fn the_inspection_flags_findings_with_actions_behind_in_words() {
    let (_, files) = built();
    let html = page(&files, "inspections/telford-ofsted-2012/index.html");
    // R14 is answered by two actions, both behind schedule and overdue.
    let r14 = words(element(&html, "finding-R14", "</li>\n"));
    assert!(
        r14.contains("Behind 2 actions overdue; 2 red (Behind schedule)"),
        "{r14}"
    );
    // The list near the top names every flagged finding, and only those.
    let flagged = words(element(&html, "behind", "</ul>"));
    for finding in ["R10", "R11", "R14", "R22"] {
        assert!(
            flagged.contains(&format!("Ofsted recommendation {finding} :")),
            "{finding} is behind: {flagged}"
        );
    }
    assert!(!flagged.contains("recommendation R1 :"), "{flagged}");
    // R1's actions are all complete: no flag, and its progress is plain text, not grey brackets.
    let r1 = element(&html, "finding-R1", "</li>\n");
    assert!(!r1.contains("finding__behind"), "{r1}");
    assert!(
        r1.contains("<span class=\"finding__progress\">Progress: 3 actions: 3 Complete</span>"),
        "{r1}"
    );
    assert!(!r1.contains("<span class=\"muted\">("), "{r1}");
}

#[test]
fn an_owner_page_lists_overdue_and_red_actions_first_with_the_role() {
    let (_, files) = built();
    let html = page(&files, "owners/angela-yapp/index.html");
    // The role from owners.yaml, then the count saying what comes first.
    let text = words(&html);
    assert!(
        text.contains("Role Service Delivery Manager Children in Care and Family Placement"),
        "{text}"
    );
    assert!(text.contains("22 actions across 2 plans, each as of its plan's latest report; 2 overdue or red, listed first."), "{text}");
    // The overdue and red actions come before the first plan's table...
    let behind = html
        .find("id=\"behind\"")
        .expect("an overdue or red section");
    let first_plan = html.find("id=\"plan-1\"").expect("the plans follow");
    assert!(behind < first_plan);
    let section = &html[behind..first_plan];
    let rows: Vec<&str> = section.split("<tr data-row").skip(1).collect();
    assert_eq!(rows.len(), 2, "{section}");
    for row in &rows {
        assert!(
            row.contains(" data-overdue") || row.contains("tag--red"),
            "{row}"
        );
        assert!(
            row.contains("In <a href=\"/plans/"),
            "names its plan: {row}"
        );
    }
    // ...overdue first, and each action is listed once.
    assert!(rows[0].contains(" data-overdue"), "{}", rows[0]);
    assert_eq!(html.matches("<tr data-row").count(), 22);
    // The list of owners gives each one's role and how many are behind.
    let owners = words(&page(&files, "owners/index.html"));
    assert!(
        owners.contains("Angela Yapp · Service Delivery Manager Children in Care and Family Placement · 22 actions, 2 overdue or red"),
        "{owners}"
    );
}

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

//! The committee report as a committee paper: the header it prints with (the
//! council's name or logo; the agenda item, author and date of the paper from
//! `site.yaml` or the cycle), and the print stylesheet's table, which gives
//! the action a readable width and its notes the table's size.

use crate::util::{built, page, read_tree, words, Site};

const SITE: &str = "content/site.yaml";
const AUGUST: &str = "  - id: 2013-08\n    date: 2013-08-15\n    meeting: Telford & Wrekin Children and Young People Scrutiny Committee\n";

#[test]
fn the_report_s_header_gives_the_agenda_item_author_and_date_of_the_paper() {
    let site = Site::example();
    site.replace(
        SITE,
        AUGUST,
        &format!("{AUGUST}    agenda_item: \"7(b)\"\n    paper_date: 2013-08-07\n    author: Head of Children's Safeguarding\n"),
    );
    std::fs::write(
        site.path(SITE),
        std::fs::read_to_string(site.path(SITE)).unwrap()
            + "\nreport:\n  author: Scrutiny Officer\n",
    )
    .unwrap();
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let august = page(&files, "cycles/2013-08/report/index.html");
    let header = words(&august[..august.find("id=\"headlines\"").expect("headlines")]);
    assert!(header.contains("ragtime example site"), "{header}");
    assert!(
        header.contains("Agenda item 7(b) Report author Head of Children's Safeguarding Date of report 7 August 2013"),
        "{header}"
    );
    assert!(august.contains("<time datetime=\"2013-08-07\">7 August 2013</time>"));
    // Another meeting's report has the site's author only: no agenda item or date it was not given.
    let june = page(&files, "cycles/2013-06/report/index.html");
    let header = words(&june[..june.find("id=\"headlines\"").expect("headlines")]);
    assert!(
        header.contains("Report author Scrutiny Officer"),
        "{header}"
    );
    assert!(
        !header.contains("Agenda item") && !header.contains("Date of report"),
        "{header}"
    );
}

#[test]
fn without_them_the_report_prints_the_council_s_name_and_no_empty_details() {
    let (_, files) = built();
    let report = page(&files, "cycles/2013-08/report/index.html");
    assert!(
        report.contains("<div class=\"paper-header print-only\"><span class=\"paper-header__org\">ragtime example site</span></div>"),
        "{report}"
    );
    assert!(!report.contains("paper-details"), "no details were given");
}

#[test]
fn a_paper_date_that_is_not_a_date_is_an_error_at_its_line() {
    let site = Site::example();
    site.replace(SITE, AUGUST, &format!("{AUGUST}    paper_date: 7 August\n"));
    let out = site.check();
    out.fails();
    let at = site.position_in(SITE, "paper_date: 7 August", "7 August");
    out.error_at(SITE, at);
}

#[test]
fn the_printed_report_gives_the_action_a_readable_width_and_notes_the_table_s_size() {
    let (_, files) = built();
    let css = String::from_utf8(files["assets/style.css"].clone()).unwrap();
    let width = |column: usize| -> u32 {
        let rule = format!(".report-exceptions table.exceptions th:nth-child({column}) {{ width: ");
        let at = css
            .find(&rule)
            .unwrap_or_else(|| panic!("no width for column {column}"))
            + rule.len();
        css[at..at + css[at..].find('%').unwrap()].parse().unwrap()
    };
    // The action (column 2) is twice the status's width and at least a quarter of the page.
    assert!(
        width(2) >= 2 * width(1) && width(2) >= 25,
        "{} against {}",
        width(2),
        width(1)
    );
    // Both on screen and on paper.
    assert!(css.contains("@media (min-width: 641px), print {\n  .report-exceptions table.exceptions { table-layout: fixed;"));
    // Notes in a row print no larger than the table's text; rows may run on rather than leave a page blank.
    assert!(css.contains(".report-exceptions table .status-note, .report-exceptions table .moved, .report-exceptions table .muted { font-size: inherit; }"));
    assert!(css.contains(".report-exceptions tr { break-inside: auto; }"));
}

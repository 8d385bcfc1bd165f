//! The committee report of a cycle that plans of several organisations
//! report at: a report for each organisation (a committee paper is one
//! council's), listed on the cycle's report page, and printed one at a time.

use crate::util::{page, read_tree, two_councils, words};

#[test]
fn a_cycle_two_councils_report_at_has_a_report_for_each() {
    let site = two_councils();
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let index = page(&files, "cycles/2013-08/report/index.html");
    let text = words(&index);
    assert!(
        text.contains("Plans of 2 organisations reported progress at this cycle"),
        "{text}"
    );
    assert!(
        index.contains("href=\"/cycles/2013-08/report/shropshire-council/\""),
        "{index}"
    );
    assert!(
        index.contains("href=\"/cycles/2013-08/report/telford-wrekin-council/\""),
        "{index}"
    );
    assert!(
        !index.contains("id=\"headlines\""),
        "the list holds no plan's report: {index}"
    );

    let shropshire = page(
        &files,
        "cycles/2013-08/report/shropshire-council/index.html",
    );
    let telford = page(
        &files,
        "cycles/2013-08/report/telford-wrekin-council/index.html",
    );
    assert!(
        shropshire.contains("Committee report: Shropshire Council"),
        "{shropshire}"
    );
    assert!(
        shropshire.contains("Children in Care Placement Strategy"),
        "{shropshire}"
    );
    assert!(
        !shropshire.contains("href=\"/plans/telford-improvement-plan/"),
        "{shropshire}"
    );
    assert!(
        telford.contains("href=\"/plans/telford-improvement-plan/2013-08/"),
        "{telford}"
    );
    assert!(
        !telford.contains("Children in Care Placement Strategy"),
        "{telford}"
    );
    // A cycle only one council reports at keeps one report, with no list.
    assert!(!files
        .keys()
        .any(|f| f.starts_with("cycles/2013-06/report/") && f.matches('/').count() > 3));
    assert!(page(&files, "cycles/2013-06/report/index.html").contains("id=\"headlines\""));
}

#[test]
fn pack_asks_whose_report_where_several_councils_report() {
    let site = two_councils();
    let out = site.run(&["pack", "2013-08", "--pdf"]);
    if out.stderr.contains("needs Chromium, which was not found") {
        assert!(std::env::var_os("CI").is_none(), "CI must run this test");
        eprintln!("not run: Chromium is not installed (apt-get install chromium)");
        return;
    }
    out.fails();
    assert!(
        out.stderr
            .contains("plans of 2 organisations report at cycle \"2013-08\"")
            && out
                .stderr
                .contains("--organisation, one of: shropshire-council, telford-wrekin-council"),
        "{}",
        out.stderr
    );
    let wrong = site.run(&["pack", "2013-08", "--pdf", "--organisation", "Wrekin"]);
    wrong.fails();
    assert!(
        wrong
            .stderr
            .contains("no plan of \"Wrekin\" reports at cycle \"2013-08\""),
        "{}",
        wrong.stderr
    );
    site.run(&[
        "pack",
        "2013-08",
        "--pdf",
        "--organisation",
        "Shropshire Council",
    ])
    .passes();
    let pdf = std::fs::read(site.path("committee-report-2013-08-shropshire-council.pdf"))
        .expect("the PDF");
    assert!(pdf.starts_with(b"%PDF"));
    // One council's cycle has one report: naming an organisation is a mistake.
    let one = site.run(&["pack", "2013-06", "--pdf", "--organisation", "Telford"]);
    one.fails();
    assert!(
        one.stderr.contains("leave out --organisation"),
        "{}",
        one.stderr
    );
}

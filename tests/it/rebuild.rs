//! One rule decides what an edit re-renders, for `build` and for `serve`:
//! the same edit makes both render the same pages.

use crate::util::Site;
use std::collections::BTreeSet;

const TELFORD: &str = "content/plans/telford-improvement-plan.yaml";
const CABINET: &str = "content/plans/telford-placement-strategy-response.yaml";

/// Edits to the example site, each with whether it renders (almost) everything.
#[rustfmt::skip]
pub(crate) const EDITS: &[(&str, &str, &str, bool)] = &[
    // Progress on one action.
    (TELFORD, "Policy drafted and amended", "Policy drafted, amended", false),
    // An action changes owner: the old owner's page goes, and the new owner
    // (who leads actions in another plan) gains it.
    (CABINET, "owner: Jas Bedesha Service Delivery Manager Cohesion", "owner: Jas Bedesha", false),
    // ...and loses it again: a page that no longer reads the plan still changes.
    (CABINET, "owner: Jas Bedesha\n", "owner: Karen Perry AD Children's Safeguarding\n", false),
    // A finding's text, which the plans answering it quote.
    ("content/inspections/telford-ofsted-2012.yaml", "Ensure that the outcomes of child protection enquiries are recorded promptly", "Ensure that child protection enquiry outcomes are recorded promptly", false),
    // A recommendation stops citing a finding: the inspection loses a back-link.
    (TELFORD, "findings: [telford-ofsted-2012#R2, telford-ofsted-2012#R3]", "findings: [telford-ofsted-2012#R2]", false),
    // A plan reports at a cycle for the first time: a new page, a changed cycle page.
    (TELFORD, "To be implemented from 01.09.13\n", "To be implemented from 01.09.13\n              - cycle: 2016-04\n                status: complete\n                progress: Implemented.\n", false),
    // A briefing's title, listed on the dashboard and the cycle's page.
    ("content/briefings/telford-service-improvement-update-2013-08-15.md", "title: Update on Service Improvement Plan", "title: Update on the Service Improvement Plan", false),
    // A figure of an indicator: its page, the scorecards that show it (the
    // plan it measures, the dashboard, the indicators page), the cycle pages
    // and the open data; not the other plans.
    ("content/indicators/middlesbrough-children-placed-for-adoption.yaml", "value: 22", "value: 23", false),
    // The site's settings are on every page: everything but the
    // stylesheet (which reads no content) is rendered.
    ("content/site.yaml", "title: ", "title: The ", true),
];

#[test]
fn build_and_serve_re_render_the_same_pages_for_the_same_edit() {
    let site = Site::example();
    let output = site.path("public");
    let build = || match ragtime::build(site.root(), &output, ragtime::Strictness::Lenient) {
        Ok((_, written)) => written.rendered.into_iter().collect::<BTreeSet<_>>(),
        Err(checked) => panic!("the build failed: {:#?}", checked.diagnostics),
    };
    let mut session = ragtime::Session::new(site.root(), "http://127.0.0.1:1111/");
    let mut serve = |changed: &str| {
        session.changed(&[site.path(changed)]);
        match session.rebuild() {
            Ok(rebuilt) => rebuilt.rendered.into_iter().collect::<BTreeSet<_>>(),
            Err(errors) => panic!("the preview failed: {errors:#?}"),
        }
    };
    let first = build();
    assert_eq!(serve("content/site.yaml"), first, "the first builds differ");
    for (file, from, to, _) in EDITS {
        site.replace(file, from, to);
        let by_build = build();
        let by_serve = serve(file);
        assert!(
            !by_build.is_empty(),
            "after editing {file}, nothing was rendered"
        );
        assert!(by_build.len() < first.len() || file.ends_with("site.yaml"));
        assert_eq!(
            by_build, by_serve,
            "after editing {file}, build and serve rendered different pages"
        );
    }
    // Nothing changed: neither renders anything.
    assert_eq!(build(), BTreeSet::new());
    assert_eq!(serve(TELFORD), BTreeSet::new());
}

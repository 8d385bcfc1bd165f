//! Inspections under each inspectorate's framework: its judgement words on
//! the inspection's page and the dashboard, CQC's score, the visits that
//! judge progress with their verdicts, findings named by their kind, an
//! inquiry with no organisation, and words a framework does not use refused.

use crate::util::{page, read_tree, words, Site};
use std::collections::BTreeMap;

const SLOUGH_PLAN: &str = "content/plans/slough-children-looked-after-2016.yaml";

/// A copy of the example site with these inspection files written, each
/// answered by the Slough plan so that the dashboard shows its verdict.
fn site_with(inspections: &[(&str, &str)]) -> Site {
    let site = Site::example();
    let ids: Vec<&str> = inspections.iter().map(|(id, _)| *id).collect();
    site.replace(
        SLOUGH_PLAN,
        "responds_to: [slough-ofsted]",
        &format!("responds_to: [slough-ofsted, {}]", ids.join(", ")),
    );
    for (id, yaml) in inspections {
        site.write(&format!("content/inspections/{id}.yaml"), yaml);
    }
    site
}

#[track_caller]
fn build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.run(&["build"]).passes();
    read_tree(&site.path("public"))
}

/// The dashboard's line for the plan's answer to one inspection.
#[track_caller]
fn dashboard_line(files: &BTreeMap<String, Vec<u8>>, id: &str) -> String {
    let home = page(files, "index.html");
    let link = format!("href=\"/inspections/{id}/\"");
    let at = home
        .find(&link)
        .unwrap_or_else(|| panic!("no {link} in\n{home}"));
    let start = home[..at].rfind("<li>").expect("in a list item");
    let end = at + home[at..].find("</li>").expect("closed");
    words(&home[start..end])
}

const CQC: &str = "title: Local authority assessment (test)
inspectorate: CQC
framework: cqc-local-authority
overall: requires-improvement
score: 61
organisation: Example Borough Council
visits:
  - {date: 2025-09-12, kind: monitoring, verdict: \"The local authority has taken effective action\"}
findings:
  - id: a1
    kind: area-for-improvement
    text: Reduce the time people wait for an assessment.
";

const SEND: &str = "title: Area SEND inspection (test)
inspectorate: Ofsted and CQC
framework: ofsted-cqc-send
overall: systemic-failings
organisations: [Example Borough Council, Example Integrated Care Board]
findings:
  - id: '1'
    kind: priority-action
    text: Leaders should urgently improve the timeliness of EHC plans.
  - id: '2'
    kind: area-for-improvement
    text: Leaders should improve the local offer.
";

const ESTYN: &str = "title: Estyn inspection of education services (test)
inspectorate: Estyn
framework: estyn
overall: adequate
organisation: Example County Council
visits:
  - {date: 2014-10-15, kind: monitoring, verdict: \"The authority is making good progress\"}
findings:
  - {id: R1, text: Raise standards in schools.}
";

const CIW: &str = "title: Inspection of children's services (test)
inspectorate: Care Inspectorate Wales
framework: ciw
organisation: Example County Council
findings:
  - {id: '1', kind: area-for-improvement, text: Improve the timeliness of assessments.}
";

const HMICFRS: &str = "title: Fire and rescue inspection (test)
inspectorate: HMICFRS
framework: hmicfrs
organisation: Example Fire Authority
judgements:
  - {area: Preventing fires, grade: requires-improvement}
  - {area: Responding to fires, grade: adequate}
findings:
  - {id: C1, kind: cause-of-concern, text: Improve the protection of the public.}
";

const ILACS: &str = "title: Inspection of children's services (test)
inspectorate: Ofsted
overall: requires-improvement
organisation: Example Borough Council
visits:
  - {date: 2024-03-05, kind: monitoring, verdict: \"Progress is too slow\"}
  - {date: 2023-11-01, kind: focused visit}
findings:
  - {id: '1', kind: priority-action, text: Improve the response to children at risk.}
";

const INQUIRY: &str = "title: A national inquiry (test)
inspectorate: The national panel
findings:
  - {id: '1', text: Every council should review its practice.}
";

#[test]
fn each_framework_shows_its_own_words_on_the_inspection_page_and_the_dashboard() {
    let site = site_with(&[
        ("cqc", CQC),
        ("send", SEND),
        ("estyn", ESTYN),
        ("ciw", CIW),
        ("hmicfrs", HMICFRS),
        ("ilacs", ILACS),
    ]);
    let files = build(&site);
    let seen = |id: &str| words(&page(&files, &format!("inspections/{id}/index.html")));

    // CQC: "Requires improvement", never Ofsted's "to be good", with its score.
    let cqc = seen("cqc");
    assert!(
        cqc.contains("Overall rating Requires improvement (score 61%)"),
        "{cqc}"
    );
    assert!(!cqc.contains("to be good"), "{cqc}");
    let line = dashboard_line(&files, "cqc");
    assert!(
        line.contains("overall rating Requires improvement (score 61%)"),
        "{line}"
    );
    assert!(
        !line.contains("to be good") && !line.contains("not given"),
        "{line}"
    );

    // Area SEND: the outcome in the framework's words, on both pages.
    let failings = "There are widespread and/or systemic failings leading to significant concerns about the experiences and outcomes of children and young people with SEND";
    let send = seen("send");
    assert!(
        send.contains(&format!("Inspection outcome {failings}")),
        "{send}"
    );
    assert!(
        send.contains("Example Borough Council and Example Integrated Care Board"),
        "{send}"
    );
    let line = dashboard_line(&files, "send");
    assert!(
        line.contains(&format!("inspection outcome {failings}")),
        "{line}"
    );
    assert!(!line.contains("not given"), "{line}");

    // Estyn's 2010 framework, and Ofsted's own words kept.
    assert!(seen("estyn").contains("Overall judgement Adequate"));
    let ilacs = seen("ilacs");
    assert!(
        ilacs.contains("Overall judgement Requires improvement to be good"),
        "{ilacs}"
    );
    assert!(dashboard_line(&files, "ilacs")
        .contains("overall judgement Requires improvement to be good"));

    // Inspectorates that grade nothing overall say so, not "not given".
    let ciw = seen("ciw");
    assert!(
        ciw.contains("Overall judgement None: Care Inspectorate Wales gives no overall grade"),
        "{ciw}"
    );
    let line = dashboard_line(&files, "ciw");
    assert!(
        line.contains("no overall judgement (Care Inspectorate Wales gives no overall grade"),
        "{line}"
    );
    assert!(!line.contains("not given"), "{line}");
    let hmicfrs = seen("hmicfrs");
    assert!(
        hmicfrs.contains("Preventing fires Requires improvement"),
        "{hmicfrs}"
    );
    assert!(!hmicfrs.contains("to be good"), "{hmicfrs}");
    assert!(
        hmicfrs.contains("Responding to fires Adequate"),
        "{hmicfrs}"
    );
}

#[test]
fn visits_show_their_verdicts_in_date_order() {
    let site = site_with(&[("cqc", CQC), ("ilacs", ILACS)]);
    let files = build(&site);
    let cqc = words(&page(&files, "inspections/cqc/index.html"));
    assert!(
        cqc.contains(
            "12 September 2025 Monitoring “The local authority has taken effective action”"
        ),
        "{cqc}"
    );
    // Oldest first, whatever the file's order; a visit with no verdict says so.
    let ilacs = words(&page(&files, "inspections/ilacs/index.html"));
    let focused = ilacs
        .find("1 November 2023 Focused visit Not given in the papers")
        .expect(&ilacs);
    let monitoring = ilacs
        .find("5 March 2024 Monitoring “Progress is too slow”")
        .expect(&ilacs);
    assert!(focused < monitoring, "{ilacs}");
    // The dashboard gives the latest visit's verdict.
    let line = dashboard_line(&files, "ilacs");
    assert!(
        line.contains("latest visit (monitoring, 5 March 2024 ): “Progress is too slow”"),
        "{line}"
    );
}

#[test]
fn findings_are_named_by_their_kind_in_the_framework_s_words() {
    let site = site_with(&[
        ("send", SEND),
        ("ilacs", ILACS),
        ("hmicfrs", HMICFRS),
        ("cqc", CQC),
    ]);
    let files = build(&site);
    let send = words(&page(&files, "inspections/send/index.html"));
    assert!(send.contains("Ofsted and CQC priority action 1"), "{send}");
    assert!(
        send.contains("Ofsted and CQC area for improvement 2"),
        "{send}"
    );
    let ilacs = words(&page(&files, "inspections/ilacs/index.html"));
    assert!(
        ilacs.contains("Ofsted area for priority action 1"),
        "{ilacs}"
    );
    let hmicfrs = words(&page(&files, "inspections/hmicfrs/index.html"));
    assert!(hmicfrs.contains("HMICFRS cause of concern C1"), "{hmicfrs}");
    let cqc = words(&page(&files, "inspections/cqc/index.html"));
    assert!(cqc.contains("CQC area for improvement a1"), "{cqc}");
}

#[test]
fn a_national_inquiry_names_no_organisation() {
    let site = site_with(&[("inquiry", INQUIRY)]);
    let files = build(&site);
    let html = page(&files, "inspections/inquiry/index.html");
    assert!(
        html.contains("<span class=\"caption\">The national panel</span>"),
        "{html}"
    );
    let list = words(&page(&files, "inspections/index.html"));
    assert!(
        list.contains("The national panel: 0 of 1 findings answered"),
        "{list}"
    );
}

#[test]
fn words_the_framework_does_not_use_are_refused_where_they_are() {
    const FILE: &str = "content/inspections/cqc.yaml";
    // Ofsted's "adequate" is no CQC rating.
    let site = site_with(&[(
        "cqc",
        &CQC.replace("overall: requires-improvement", "overall: adequate"),
    )]);
    site.check()
        .fails()
        .error_at(
            FILE,
            site.position_in(FILE, "overall: adequate", "adequate"),
        )
        .says("\"adequate\" is not an overall verdict of CQC's local authority assessments")
        .helps("requires-improvement (\"Requires improvement\")");

    // A SEND outcome under Ofsted's children's services framework.
    let site = site_with(&[(
        "cqc",
        &CQC.replace("framework: cqc-local-authority\n", "")
            .replace("score: 61\n", "")
            .replace("overall: requires-improvement", "overall: positive"),
    )]);
    site.check()
        .fails()
        .error_at(
            FILE,
            site.position_in(FILE, "overall: positive", "positive"),
        )
        .says("Ofsted's inspections of children's services")
        .helps("requires-improvement (\"Requires improvement to be good\")");

    // A kind of finding the framework does not make.
    let site = site_with(&[(
        "cqc",
        &CQC.replace("kind: area-for-improvement", "kind: priority-action"),
    )]);
    site.check()
        .fails()
        .error_at(
            FILE,
            site.position_in(FILE, "kind: priority-action", "priority-action"),
        )
        .says("\"priority-action\" is not a kind of finding of CQC's local authority assessments")
        .helps("area-for-improvement (\"area for improvement\")");

    // A score only CQC publishes; a grade where the framework gives none.
    let site = site_with(&[(
        "estyn",
        &ESTYN.replace("overall: adequate", "overall: adequate\nscore: 50"),
    )]);
    let estyn = "content/inspections/estyn.yaml";
    site.check()
        .fails()
        .error_at(estyn, site.position_in(estyn, "score: 50", "50"))
        .says("Estyn's inspections (estyn) publish no score");
    let site = site_with(&[(
        "ciw",
        &CIW.replace("framework: ciw\n", "framework: ciw\noverall: good\n"),
    )]);
    let ciw = "content/inspections/ciw.yaml";
    site.check()
        .fails()
        .error_at(ciw, site.position_in(ciw, "overall: good", "good"))
        .helps("gives none: leave the field out");
}

#[test]
fn one_organisation_or_a_list_of_them_never_both() {
    let file = "content/inspections/send.yaml";
    let site = site_with(&[(
        "send",
        &SEND.replace(
            "organisations:",
            "organisation: Example Borough Council\norganisations:",
        ),
    )]);
    site.check()
        .fails()
        .error_at(file, site.position_in(file, "organisations: [", "["))
        .says("both `organisation` and `organisations` are given");
}

#[test]
fn a_send_inspection_before_2023_says_its_framework_gave_no_outcome() {
    // The 2016 local area SEND framework gave no outcome: the pages say so,
    // never that the papers left one out.
    let site = site_with(&[(
        "send-2018",
        "title: Local area SEND inspection (test)
inspectorate: Ofsted and CQC
framework: ofsted-cqc-send-2016
organisation: Example Borough Council
findings:
  - id: '1'
    kind: significant-weakness
    text: Co-production was weak.
",
    )]);
    let files = build(&site);
    let line = dashboard_line(&files, "send-2018");
    assert!(
        line.contains(
            "no overall judgement (the area SEND inspections before 2023 gave no outcome"
        ),
        "{line}"
    );
    assert!(!line.contains("not given in the papers"), "{line}");
    let inspection = words(&page(&files, "inspections/send-2018/index.html"));
    assert!(
        inspection.contains("area of significant weakness 1"),
        "{inspection}"
    );
    // The 2023 outcomes are not the 2016 framework's.
    site.replace(
        "content/inspections/send-2018.yaml",
        "organisation: Example",
        "overall: positive\norganisation: Example",
    );
    site.check()
        .fails()
        .error_at("content/inspections/send-2018.yaml", (4, 10));
}

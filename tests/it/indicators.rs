//! Indicators through the built site: standing against target with tolerance
//! and polarity, interim targets, gaps, direction of travel, a figure revised
//! at a later meeting, and bad input reported at its line and column.

use crate::util::{page, read_tree, Site};

const TELFORD: &str = "content/plans/telford-improvement-plan.yaml";
/// Reports at both June's and August's meetings.
const CABINET: &str = "content/plans/telford-placement-strategy-response.yaml";
const ASSESSMENTS: &str = "content/indicators/test-assessments.yaml";
const DAYS: &str = "content/indicators/test-days.yaml";

/// Synthetic figures (a test fixture, not the example site's content).
/// Targets: 80% by 2012/13 (interim), then 90% by 2014/15; within 5 points
/// is within tolerance.
const ASSESSMENTS_YAML: &str = "title: Assessments in time
unit: \"%\"
polarity: higher
tolerance: 5
targets:
  - { value: 90, by: 2014/15 }
  - { value: 80, by: 2012/13 }
comparators:
  - { name: England average, value: 85, period: 2012/13 }
values:
  - { period: Q1 2012/13, value: 82 }
  - { period: Q2 2012/13, value: 76 }
  - { period: Q4 2012/13, value: 60 }
  - { period: Q1 2013/14, value: 86, reported_at: 2013-06 }
  - { period: Q1 2013/14, value: 91, reported_at: 2013-08, note: Corrected by the service }
  - { period: Q2 2013/14, value: c, reported_at: 2016-04 }
";

/// Lower is better: 45 days or fewer, within 5 days of it in tolerance.
const DAYS_YAML: &str = "title: Days to complete
unit: days
polarity: lower
tolerance: 5
targets:
  - { value: 45, by: 2013/14 }
values:
  - { period: 2011/12, value: 44 }
  - { period: 2012/13, value: 48 }
  - { period: 2013/14, value: 52 }
";

/// The example site with the two fixture indicators, measuring a Telford
/// action and an action of the Cabinet response (which reports at two meetings).
fn site() -> Site {
    let site = Site::example();
    site.write(ASSESSMENTS, ASSESSMENTS_YAML)
        .write(DAYS, DAYS_YAML)
        .replace(
            TELFORD,
            "indicators: [telford-initial-health-assessments-in-time]",
            "indicators: [telford-initial-health-assessments-in-time, test-assessments, test-days]",
        )
        .replace(
            CABINET,
            "          - text: In March the Cross Party Corporate Parenting Group",
            "          - indicators: [test-assessments]\n            text: In March the Cross Party Corporate Parenting Group",
        );
    site
}

fn build(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    site.run(&["build"]).passes();
    read_tree(&site.path("public"))
}

/// The table row of a period on an indicator's page.
#[track_caller]
fn row<'a>(html: &'a str, period: &str) -> &'a str {
    let start = html
        .find(&format!("data-label=\"Period\">{period}</th>"))
        .unwrap_or_else(|| panic!("no row for {period}"));
    let end = html[start..]
        .find("</tr>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn standing_respects_tolerance_polarity_and_interim_targets() {
    let site = site();
    let files = build(&site);
    let html = page(&files, "indicators/test-assessments/index.html");
    let q1 = row(&html, "Q1 2012/13");
    assert!(
        q1.contains("82%") && q1.contains("80%") && q1.contains("On target"),
        "{q1}"
    );
    // 76 is 4 short of the interim 80: within the 5 points of tolerance.
    let q2 = row(&html, "Q2 2012/13");
    assert!(
        q2.contains("Within tolerance") && q2.contains("Worsening"),
        "{q2}"
    );
    assert!(q2.contains("down from 82%"), "{q2}");
    let q4 = row(&html, "Q4 2012/13");
    assert!(q4.contains("Off target"), "{q4}");
    // After the interim target's year, the final target (90%) is in force.
    let next = row(&html, "Q1 2013/14");
    assert!(next.contains("90%") && next.contains("On target"), "{next}");
    assert!(
        next.contains("Improving") && next.contains("up from 60%"),
        "{next}"
    );

    // Lower is better: over target is worse, and rising is worsening.
    let html = page(&files, "indicators/test-days/index.html");
    assert!(row(&html, "2011/12").contains("On target"));
    let within = row(&html, "2012/13");
    assert!(
        within.contains("Within tolerance") && within.contains("Worsening"),
        "{within}"
    );
    let off = row(&html, "2013/14");
    assert!(
        off.contains("Off target") && off.contains("up from 48 days"),
        "{off}"
    );

    // The scorecard says it in words, beside the colour.
    let scorecard = page(&files, "indicators/index.html");
    assert!(scorecard.contains(r#"<strong class="tag tag--red">Off target</strong>"#));
    assert!(scorecard.contains("How each figure is rated"));
}

#[test]
fn a_missing_period_is_a_gap_and_the_direction_is_across_it() {
    let site = site();
    let files = build(&site);
    let html = page(&files, "indicators/test-assessments/index.html");
    let gap = row(&html, "Q3 2012/13");
    assert!(gap.contains("No figure for this period"), "{gap}");
    assert!(!gap.contains("0%"), "a gap is never a zero: {gap}");
    // The figure after the gap is compared with the one before it, named by its period.
    let after = row(&html, "Q4 2012/13");
    assert!(
        after.contains("Worsening") && after.contains("down from 76% in Q2 2012/13"),
        "{after}"
    );
    // A suppressed figure is shown as published, unrated.
    let suppressed = row(&html, "Q2 2013/14");
    assert!(
        suppressed.contains(">c <") && suppressed.contains("Not rated"),
        "{suppressed}"
    );
    // The chart breaks its line at the gap and at the suppressed figure, and names its table.
    let chart = &html[html.find("<svg class=\"chart\"").expect("a chart")..];
    let chart = &chart[..chart.find("</svg>").expect("closed")];
    assert_eq!(chart.matches("class=\"chart__line\"").count(), 2, "{chart}");
    assert!(chart.contains(r#"aria-describedby="chart-table""#));
    assert!(html.contains(r#"<table class="figures" id="chart-table">"#));
}

#[test]
fn each_meeting_keeps_the_figure_reported_to_it() {
    let site = site();
    let files = build(&site);
    // Reported at June's meeting as 86% (within tolerance of 90%)...
    let june = page(&files, "cycles/2013-06/index.html");
    let changed = &june[june
        .find("Indicators that changed RAG")
        .expect("the section")..];
    let item = &changed[changed.find("Assessments in time").expect("listed")..];
    let item = &item[..item.find("</li>").unwrap()];
    assert!(
        item.contains("Off target") && item.contains("Within tolerance") && item.contains("86%"),
        "{item}"
    );
    // ...and revised to 91% at August's, which is on target.
    let august = page(&files, "cycles/2013-08/index.html");
    let changed = &august[august
        .find("Indicators that changed RAG")
        .expect("the section")..];
    let item = &changed[changed.find("Assessments in time").expect("listed")..];
    let item = &item[..item.find("</li>").unwrap()];
    assert!(item.contains("On target") && item.contains("91%"), "{item}");
    // The plan as reported at each meeting shows the figure known then.
    let plan_june = page(
        &files,
        "plans/telford-placement-strategy-response/2013-06/index.html",
    );
    let scorecard = &plan_june[plan_june
        .find("id=\"plan-scorecard\"")
        .expect("a scorecard")..];
    assert!(scorecard.contains("86%") && !scorecard.contains("91%"));
    let plan_august = page(
        &files,
        "plans/telford-placement-strategy-response/2013-08/index.html",
    );
    let scorecard = &plan_august[plan_august
        .find("id=\"plan-scorecard\"")
        .expect("a scorecard")..];
    assert!(scorecard.contains("91%") && !scorecard.contains("86%"));
    // The indicator's page says the figure was revised.
    let html = page(&files, "indicators/test-assessments/index.html");
    assert!(row(&html, "Q1 2013/14").contains("Revised: first given as 86%"));
}

#[test]
fn the_indicator_lists_the_actions_it_measures_and_their_findings() {
    let site = site();
    let files = build(&site);
    let html = page(&files, "indicators/test-assessments/index.html");
    let measures = &html[html.find("id=\"measures\"").expect("the section")..];
    assert!(measures.contains("Put process in place to allocate appointments"));
    assert!(measures.contains("/plans/telford-improvement-plan/#action-"));
    assert!(measures.contains("/inspections/telford-ofsted-2012/#finding-R28"));
    // ...and the action links back.
    let plan = page(&files, "plans/telford-improvement-plan/index.html");
    assert!(plan.contains(r#"<a href="/indicators/test-assessments/">Assessments in time</a>"#));
}

#[test]
fn open_data_has_every_figure_with_its_standing() {
    let site = site();
    let files = build(&site);
    let csv = page(&files, "indicators.csv");
    assert!(csv.contains("test-assessments,Assessments in time,percent,Higher is better,Q1 2013/14,2013/14-Q1,86,,2013-06,No (corrected later),90,,,"));
    assert!(csv.contains("test-assessments,Assessments in time,percent,Higher is better,Q2 2013/14,2013/14-Q2,,c,2016-04,Yes,90,,,"));
    let json = page(&files, "indicators.json");
    assert!(json.contains("\"standing\": \"Within tolerance\""));
}

#[test]
fn the_example_carries_the_figures_seed_paper_001_reports() {
    let (_, files) = crate::util::built();
    let html = page(
        &files,
        "indicators/middlesbrough-children-placed-for-adoption/index.html",
    );
    assert!(row(&html, "2018/19").contains(">17<"));
    assert!(row(&html, "2019/20").contains("No figure for this period"));
    assert!(row(&html, "2020/21").contains(">22<"));
    let plan = page(
        &files,
        "plans/middlesbrough-sufficiency-permanency-2022/index.html",
    );
    assert!(plan.contains("id=\"plan-scorecard\""));
    let telford = page(
        &files,
        "indicators/telford-referrals-ethnicity-not-recorded/index.html",
    );
    assert!(row(&telford, "August 2013").contains("&lt; 10"));
}

#[test]
fn an_unknown_unit_is_reported_with_a_suggestion() {
    let site = site();
    site.replace(ASSESSMENTS, "unit: \"%\"", "unit: percnt");
    let at = site.position_in(ASSESSMENTS, "unit: percnt", "percnt");
    site.check()
        .fails()
        .error_at(ASSESSMENTS, at)
        .field("unit")
        .says("unknown unit \"percnt\"")
        .helps("did you mean \"percent\"?");
}

#[test]
fn a_year_written_with_a_dash_is_reported_as_a_month() {
    let site = site();
    site.replace(ASSESSMENTS, "by: 2014/15", "by: 2014-15");
    let at = site.position_in(ASSESSMENTS, "by: 2014-15", "2014-15");
    site.check()
        .fails()
        .error_at(ASSESSMENTS, at)
        .field("targets[0].by")
        .says("reads as a month")
        .helps("\"2014/15\"");
}

#[test]
fn an_unreadable_period_and_a_value_that_is_not_a_number_are_both_reported() {
    let site = site();
    site.replace(
        DAYS,
        "period: 2011/12, value: 44",
        "period: Spring 2012, value: about 44",
    );
    let out = site.check();
    out.fails();
    let at = site.position_in(DAYS, "period: Spring 2012", "Spring 2012");
    out.error_at(DAYS, at)
        .field("values[0].period")
        .says("the period \"Spring 2012\" cannot be read")
        .helps("\"2024/25\"");
    let at = site.position_in(DAYS, "value: about 44", "about 44");
    out.error_at(DAYS, at)
        .field("values[0].value")
        .says("\"about 44\" is not a number")
        .helps("\"< 10\"");
}

#[test]
fn unknown_cycles_and_indicators_are_reported() {
    let site = site();
    site.replace(ASSESSMENTS, "reported_at: 2016-04", "reported_at: 2016-05");
    site.replace(TELFORD, "test-days]", "test-dayz]");
    let out = site.check();
    out.fails();
    let at = site.position_in(ASSESSMENTS, "reported_at: 2016-05", "2016-05");
    out.error_at(ASSESSMENTS, at)
        .field("values[5].reported_at")
        .says("unknown cycle \"2016-05\"")
        .helps("cycles are listed in content/site.yaml");
    let at = site.position_in(TELFORD, "test-dayz]", "test-dayz");
    out.error_at(TELFORD, at)
        .says("there is no indicator \"test-dayz\"")
        .helps("did you mean \"test-days\"?");
}

#[test]
fn an_indicator_may_not_reuse_another_document_s_id() {
    let site = site();
    site.write(
        "content/indicators/telford-improvement-plan.yaml",
        DAYS_YAML,
    );
    site.check()
        .fails()
        .error_in("content/indicators/telford-improvement-plan.yaml")
        .says("is already used by");
}

/// The scorecard row of an indicator, by its title.
#[track_caller]
fn scorecard_row<'a>(html: &'a str, title: &str) -> &'a str {
    let start = html
        .find(&format!(">{title}</a>"))
        .unwrap_or_else(|| panic!("no row for {title}"));
    let end = html[start..]
        .find("</tr>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn the_example_s_172_then_149_is_a_direction_and_no_figure_is_not_one() {
    let site = Site::example();
    let files = build(&site);
    let html = page(&files, "indicators/index.html");
    // 172 (March 2021) then 149 (February 2022): months apart, still a fall.
    let rate = scorecard_row(&html, "Children looked after per 10,000 children");
    assert!(
        rate.contains("Improving") && rate.contains("down from 172 per 10,000 in March 2021"),
        "{rate}"
    );
    assert!(!rate.contains("No earlier figure"), "{rate}");
    // An indicator with no figures says so: it is not "One figure".
    let none = scorecard_row(&html, "Initial health assessments within time frame");
    assert!(none.contains("No figures yet"), "{none}");
    assert!(!none.contains("One figure"), "{none}");
    // One figure (suppressed) has no trend, and says why.
    let one = scorecard_row(
        &html,
        "Referrals with the child&#39;s ethnicity not recorded",
    );
    assert!(one.contains("One figure: no trend yet"), "{one}");
    // The indicator's own page says the same.
    let own = page(
        &files,
        "indicators/middlesbrough-children-looked-after-rate/index.html",
    );
    assert!(
        own.contains("down from 172 per 10,000 in March 2021"),
        "{own}"
    );
}

#[test]
fn charts_keep_their_labels_inside_and_sparklines_join_figures_months_apart() {
    let site = Site::example();
    let files = build(&site);
    let html = page(
        &files,
        "indicators/middlesbrough-children-looked-after-rate/index.html",
    );
    let chart = &html[html.find("<svg class=\"chart\"").expect("a chart")..];
    let chart = &chart[..chart.find("</svg>").expect("closed")];
    // The unit is said once, above the axis; the values alone fit beside it
    // ("170 per 10,000" was cut off on the left).
    assert!(chart.contains(">Rate per 10,000</text>"), "{chart}");
    assert!(
        chart.contains(">170</text>") && !chart.contains("0 per 10,000<"),
        "{chart}"
    );
    // 172 (March 2021) and 149 (February 2022): the scorecard's sparkline
    // joins them across the months between and marks both.
    let scorecard = page(&files, "indicators/index.html");
    let row = scorecard_row(&scorecard, "Children looked after per 10,000 children");
    let spark = &row[row.find("<svg class=\"sparkline\"").expect("a sparkline")..];
    assert_eq!(spark.matches("sparkline__gap").count(), 1, "{spark}");
    assert_eq!(spark.matches("sparkline__dot").count(), 2, "{spark}");
}

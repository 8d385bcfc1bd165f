//! Indicator targets and comparators as papers give them: a target due by a
//! month or with no date at all, and a comparator in words with no figure,
//! shown as written and never judged; malformed ones reported where they are.

use crate::util::{page, read_tree, Site};

const FILE: &str = "content/indicators/test-placements.yaml";

/// Synthetic figures (a test fixture, not the example site's content): a
/// target "by June 2026", a standing target with no date, and a comparator
/// the paper words without a figure beside one it gives a figure for.
const YAML: &str = "title: Placements in time
unit: \"%\"
polarity: higher
tolerance: 5
targets:
  - { value: 80, by: 2026-06 }
  - { value: 90 }
comparators:
  - { name: Statistical neighbours, words: below statistical neighbours }
  - { name: England average, value: 85, period: 2025/26 }
values:
  - { period: May 2026, value: 78 }
  - { period: June 2026, value: 82 }
  - { period: July 2026, value: 87 }
";

fn site() -> Site {
    let site = Site::example();
    site.write(FILE, YAML);
    site
}

/// The table row of a period on the indicator's page.
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
fn a_target_by_a_month_and_one_with_no_date_are_shown_as_the_paper_gives_them() {
    let site = site();
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let html = page(&files, "indicators/test-placements/index.html");
    assert!(
        html.contains("<dd>80% by June 2026; 90% (no date given) (within tolerance"),
        "{html}"
    );
    // Until June 2026 the dated target is in force; after it, the standing one.
    let june = row(&html, "June 2026");
    assert!(
        june.contains(">80%<") && june.contains("On target"),
        "{june}"
    );
    let july = row(&html, "July 2026");
    assert!(
        july.contains(">90%<") && july.contains("Within tolerance"),
        "{july}"
    );
    // No day is made up for either target.
    assert!(!html.contains("30 June 2026") && !html.contains("2026-06-30"));
    let scorecard = page(&files, "indicators/index.html");
    assert!(scorecard.contains("90% (no date given)"), "{scorecard}");
    let json = page(&files, "indicators.json");
    assert!(json.contains("\"by\": null"), "{json}");
    assert!(json.contains("\"by\": \"June 2026\""), "{json}");
}

#[test]
fn a_comparator_in_words_is_shown_as_written_and_never_judged() {
    let site = site();
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let html = page(&files, "indicators/test-placements/index.html");
    let start = html.find("<dt>Compared with</dt>").expect("comparators");
    let compared = &html[start..start + html[start..].find("</div>").unwrap()];
    let (words, figure) = compared.split_once("<br>").expect("two comparators");
    assert_eq!(
        words,
        "<dt>Compared with</dt><dd>Statistical neighbours: &ldquo;below statistical neighbours&rdquo;"
    );
    // The one with a figure is still compared with the latest figure.
    assert!(
        figure.contains("England average: 85% (2025/26); the latest figure is better than this"),
        "{figure}"
    );
    // Words have no line on the chart, and no entry in its key.
    let key = &html[html.find("chart-key").expect("a chart")..];
    assert!(!key[..key.find("</ul>").unwrap()].contains("Statistical neighbours"));
    let json = page(&files, "indicators.json");
    assert!(
        json.contains("\"words\": \"below statistical neighbours\""),
        "{json}"
    );
}

#[test]
fn a_comparator_with_neither_a_figure_nor_words_is_reported() {
    let site = site();
    site.replace(
        FILE,
        "words: below statistical neighbours",
        "period: 2025/26",
    );
    let at = site.position_in(FILE, "{ name: Statistical", "{");
    site.check()
        .fails()
        .error_at(FILE, at)
        .field("comparators[0]")
        .says("has neither a `value` nor `words`")
        .helps("`words:`");
}

#[test]
fn a_comparator_with_both_a_figure_and_words_is_reported() {
    let site = site();
    site.replace(
        FILE,
        "words: below statistical neighbours",
        "value: 80, period: 2025/26, words: below statistical neighbours",
    );
    let at = site.position_in(FILE, "words: below", "below");
    site.check()
        .fails()
        .error_at(FILE, at)
        .field("comparators[0].words")
        .says("both a `value` and `words`");
}

#[test]
fn a_comparator_figure_without_a_period_is_reported() {
    let site = site();
    site.replace(FILE, "value: 85, period: 2025/26", "value: 85");
    let at = site.position_in(FILE, "{ name: England", "{");
    site.check()
        .fails()
        .error_at(FILE, at)
        .field("comparators[1]")
        .says("has a figure but no `period`");
}

#[test]
fn two_targets_without_a_date_are_reported() {
    let site = site();
    site.replace(FILE, "{ value: 80, by: 2026-06 }", "{ value: 80 }");
    let at = site.position_in(FILE, "{ value: 90 }", "{");
    site.check()
        .fails()
        .error_at(FILE, at)
        .field("targets[1]")
        .says("a second target without a date")
        .helps("by: 2026-06");
}

//! Text that would break out of its place: control characters in content,
//! spreadsheets and returns are refused where they are and never printed raw
//! to the officer's terminal; text that may be written stays inside the CSS
//! string of the print header; required text of only spaces is an error.

use crate::util::{Output, Site};
use std::path::Path;

const PLAN: &str = "content/plans/telford-improvement-plan.yaml";
const PLAN_TITLE: &str = "title: Children's Services Improvement Plan (working document)";
const ABOUT: &str = "content/pages/about.md";

/// Asserts that nothing the run printed holds a control character other
/// than a line break or a tab: nothing a terminal would act on.
#[track_caller]
fn prints_no_control_characters(output: &Output) {
    for (stream, text) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let raw = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\t'));
        assert!(
            raw.is_none(),
            "{stream} holds {raw:?} as it is\n{}",
            text.escape_debug()
        );
    }
}

/// The text of the one `@page` rule's `content:` string in a built page, and
/// what follows the string: a string that was left early is followed by
/// rules of its own.
fn print_header(html: &str) -> (String, &str) {
    let start = html
        .find("@top-left { content: \"")
        .expect("a print header")
        + "@top-left { content: \"".len();
    let mut chars = html[start..].char_indices();
    let mut text = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (text, &html[start + i + 1..]),
            '\\' => {
                let mut hex = String::new();
                for (_, d) in chars.by_ref() {
                    if matches!(d, '"' | '\\') && hex.is_empty() {
                        text.push(d);
                        break;
                    }
                    if d == ' ' {
                        break;
                    }
                    hex.push(d);
                }
                if hex.is_empty() {
                    continue;
                }
                let code = u32::from_str_radix(&hex, 16).expect("a hex escape");
                text.push(char::from_u32(code).expect("a character"));
            }
            '\n' | '\r' | '\u{c}' => panic!("the CSS string ends at a line break: {text:?}"),
            c => text.push(c),
        }
    }
    panic!("the CSS string never ends");
}

#[test]
fn a_form_feed_in_a_title_is_refused_and_what_a_title_may_hold_stays_in_its_css_string() {
    let site = Site::example();
    let injected = r#"title: "Progress\f} body { display: none } @page { content: ""#;
    site.replace(PLAN, PLAN_TITLE, injected);
    let output = site.run(&["check"]);
    output
        .fails()
        .error_at(PLAN, site.position_in(PLAN, injected, r"\f"))
        .says("U+000C (form feed)")
        .says(r"the escape \f")
        .field("title");
    // Written as it is, in a Markdown page's title: at its line and column.
    let site = Site::example();
    site.replace(
        ABOUT,
        "title: About this site",
        "title: About\u{c} this site",
    );
    site.run(&["check"])
        .fails()
        .error_at(ABOUT, (2, 13))
        .says("the file holds a control character, U+000C (form feed)");

    // Quotes, a backslash, braces and a closing tag may be written: on the
    // printed page they are the title's text, never rules or markup.
    let title = r#"Say "hi" \ } body { display: none } </style><b>"#;
    let site = Site::example();
    site.replace(
        PLAN,
        PLAN_TITLE,
        &format!("title: '{}'", title.replace('\'', "''")),
    );
    site.run(&["build"]).passes();
    let html = site.read("public/plans/telford-improvement-plan/index.html");
    let (text, after) = print_header(&html);
    assert!(
        text.starts_with(&format!(
            "Children's services action plans · {title} · as of "
        )),
        "{text:?}"
    );
    assert!(after.starts_with("; } }</style>"), "{after:.40}");
    assert!(
        !html.contains("</style><b>"),
        "the title closed the style element"
    );
}

#[test]
fn an_escape_character_in_yaml_is_refused_and_shown_escaped() {
    // Written as it is: a cell pasted into a plan can carry one.
    let site = Site::example();
    site.replace(PLAN, PLAN_TITLE, "title: Plan \u{1b}]0;owned\u{7} here");
    let output = site.run(&["check"]);
    prints_no_control_characters(&output);
    output
        .fails()
        .error_at(PLAN, site.position(PLAN, "\u{1b}"))
        .says("U+001B (escape)")
        .says(r#""title: Plan \u{1b}]0;owned\u{7} here""#);
    // Written as a YAML escape, in site.yaml: the same, at the escape.
    let site = Site::example();
    let line = r#"title: "Action plans\e[2J\x07""#;
    site.replace(
        "content/site.yaml",
        "title: Children's services action plans",
        line,
    );
    let output = site.run(&["build"]);
    prints_no_control_characters(&output);
    output
        .fails()
        .error_at(
            "content/site.yaml",
            site.position_in("content/site.yaml", line, r"\e"),
        )
        .says("U+001B (escape)");
    assert!(!site.path("public").exists(), "a site was published");
}

#[test]
fn a_lone_carriage_return_delete_or_c1_control_is_refused_but_crlf_and_tabs_are_not() {
    // Saved on Windows, with a tab in a title and in a page's text.
    let site = Site::example();
    site.replace(PLAN, PLAN_TITLE, "title: \"Improvement\\tPlan\"");
    site.replace(ABOUT, "This site tracks", "This\tsite tracks");
    for file in [PLAN, ABOUT, "content/site.yaml"] {
        let text = site.read(file).replace('\n', "\r\n");
        site.write(file, text);
    }
    site.run(&["check"]).passes();
    site.run(&["build"]).passes();
    assert!(site
        .read("public/plans/telford-improvement-plan/index.html")
        .contains("<h1>Improvement\tPlan</h1>"));

    for (bad, name) in [
        ("\r", "U+000D (carriage return)"),
        ("\u{7f}", "U+007F (delete)"),
        ("\u{85}", "U+0085 (next line)"),
        ("\u{9b}", "U+009B (control sequence introducer)"),
    ] {
        let site = Site::example();
        site.replace(ABOUT, "This site tracks", &format!("This site{bad} tracks"));
        site.run(&["check"])
            .fails()
            .error_at(ABOUT, site.position(ABOUT, bad))
            .says(name);
    }
}

#[test]
fn required_text_of_only_spaces_is_an_error() {
    for blank in ["\"   \"", "'\u{a0}'", "\"\\t \\u3000\""] {
        let site = Site::example();
        let line = format!("title: {blank}");
        site.replace(PLAN, PLAN_TITLE, &line);
        site.run(&["check"])
            .fails()
            .error_at(PLAN, site.position_in(PLAN, &line, blank))
            .says("the required field \"title\" is empty")
            .field("title");
    }
    let site = Site::example();
    site.replace(ABOUT, "title: About this site", "title: \" \"");
    site.run(&["check"])
        .fails()
        .error_at(ABOUT, (2, 8))
        .says("the required field \"title\" is empty");
}

/// A CSV tracker in the site folder, its second action's text as given.
fn tracker(site: &Site, text: &str) {
    site.write(
        "tracker.csv",
        format!("Ref,Action,Lead,Timescale\nR1,Write the plan,Head of Service,March 2014\nR2,{text},Head of Service,April 2014\n"),
    );
}

#[test]
fn an_imported_cell_with_a_control_character_is_refused_at_the_cell() {
    let site = Site::example();
    tracker(&site, "Tell \u{1b}]0;owned\u{7} the panel");
    for args in [
        &["import", "tracker.csv", "--dry-run"][..],
        &["import", "tracker.csv"],
    ] {
        let output = site.run(args);
        prints_no_control_characters(&output);
        output.fails().stderr_has(
            r#"tracker.csv: tracker!B3: error: this cell holds a control character, U+001B (escape), in "Tell \u{1b}]0;owned\u{7} the panel""#,
        );
        assert_eq!(
            output.stderr.lines().count(),
            2,
            "one problem, and nothing else\n{output}"
        );
    }
    assert!(!site.path("content/plans/tracker.yaml").exists());

    // In a workbook, a bell in a section heading row.
    let rows = [
        ["Ref", "Action", "Lead"],
        ["PRIORITY 1: \u{7}Safety", "", ""],
        ["R1", "Write the plan", "Head of Service"],
    ];
    save(
        &site.path("plan.xlsx"),
        "Plan",
        &rows.map(|row| row.map(str::to_owned).to_vec()),
    );
    let output = site.run(&["import", "plan.xlsx", "--dry-run"]);
    prints_no_control_characters(&output);
    output
        .fails()
        .stderr_has(r#"plan.xlsx: Plan!A2: error: this cell holds a control character, U+0007 (bell), in "PRIORITY 1: \u{7}Safety""#);

    // Without the control characters, the same tracker imports.
    tracker(&site, "Tell the panel");
    site.run(&["import", "tracker.csv", "--dry-run"]).passes();
}

#[test]
fn a_return_with_a_control_character_is_refused_at_the_cell() {
    let site = Site::example();
    site.append(
        "content/site.yaml",
        "  - id: 2026-01\n    date: 2026-01-31\n    meeting: Test Scrutiny Committee\n",
    );
    site.run(&["returns", "2026-01"]).passes();
    let file = "returns/2026-01/karen-perry.xlsx";
    let path = site.path(file);
    let mut rows = cells(&path, "Return");
    let progress = rows[0].iter().position(|h| h == "Progress").unwrap();
    "Panel met.\u{1b}[2J\u{1b}]0;owned\u{7}".clone_into(&mut rows[1][progress]);
    save(&path, "Return", &rows);
    let before = crate::util::read_tree(&site.path("content"));
    let output = site.run(&["returns", "--read", file]);
    prints_no_control_characters(&output);
    let column = char::from(b'A' + u8::try_from(progress).unwrap());
    output.fails().stderr_has(&format!(
        r#"{file}: Return!{column}2: error: this cell holds a control character, U+001B (escape), in "Panel met.\u{{1b}}[2J\u{{1b}}]0;owned\u{{7}}""#
    ));
    assert_eq!(
        crate::util::read_tree(&site.path("content")),
        before,
        "a plan changed"
    );
}

/// A sheet's cells as text.
fn cells(path: &Path, name: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect()
}

/// Writes a workbook of one sheet, every cell as text.
fn save(path: &Path, name: &str, rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name(name).unwrap();
    for (r, row) in (0u32..).zip(rows) {
        for (c, text) in (0u16..).zip(row) {
            if !text.is_empty() {
                sheet.write_string(r, c, text).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

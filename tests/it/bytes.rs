//! What pages spend their bytes on: no indentation or blank lines outside
//! `<pre>`, no cell of a table of actions repeating its column's heading and
//! no labels for narrow-screen cards (tables of actions stay tables on
//! phones), and no row repeating its section (the table gives it once, for
//! the filter).

use crate::util::{built, page, Site};

const BRACKNELL: &str = "content/plans/bracknell-forest-caring-for-you-2023-q3.yaml";

/// The headings a table's style would give its cells as card labels
/// (`--c1:"…";--c2:"…"`), as written in the CSS strings (escapes kept).
fn cell_labels(table: &str) -> Vec<String> {
    let tag = &table[..table.find('>').unwrap()];
    let Some(at) = tag.find(" style=\"") else {
        return Vec::new();
    };
    let style = &tag[at + 8..];
    let style = style[..style.find('"').unwrap()]
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    style
        .split(';')
        .enumerate()
        .map(|(i, part)| {
            let (name, value) = part.split_once(':').unwrap();
            assert_eq!(name, format!("--c{}", i + 1), "{style}");
            value[1..value.len() - 1].to_owned()
        })
        .collect()
}

/// The text of each `<th>` of a table's head.
fn headings(table: &str) -> Vec<String> {
    let head = &table[table.find("<thead>").unwrap()..table.find("</thead>").unwrap()];
    head.split("<th ")
        .skip(1)
        .map(|th| {
            let th = &th[th.find('>').unwrap() + 1..];
            th[..th.find("</th>").unwrap()].to_owned()
        })
        .collect()
}

/// The tables of actions of a page: `(class, html)` from each table's own tag.
fn tables(html: &str) -> Vec<(&str, &str)> {
    html.split("<table class=\"")
        .skip(1)
        .filter_map(|table| {
            let class = &table[..table.find('"').unwrap()];
            ["actions", "exceptions", "owner-actions"]
                .contains(&class)
                .then(|| (class, &table[..table.find("</table>").unwrap()]))
        })
        .collect()
}

#[test]
fn no_table_of_actions_labels_cards_and_rows_give_no_section() {
    let (_site, files) = built();
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for (class, table) in tables(&html) {
            // Every table of actions stays a table on a phone: no cards to label.
            assert!(
                !table.contains("data-label") && cell_labels(table).is_empty(),
                "{path}: a {class} table that labels cards it no longer has"
            );
            assert!(
                table
                    .split("<tr")
                    .skip(1)
                    .all(|row| !row[..row.find('>').unwrap()].contains("data-section")),
                "{path}: a {class} table whose rows repeat their section (the table says it once)"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} tables of actions were found");
}

#[test]
fn a_plans_sections_say_their_name_once_for_the_filter() {
    let (_site, files) = built();
    let plan = page(&files, "plans/telford-improvement-plan/index.html");
    // Once per section, not once per table of a recommendation.
    let sections: Vec<&str> = plan
        .split("<section class=\"plan-section\"")
        .skip(1)
        .filter_map(|section| {
            let tag = &section[..section.find('>').unwrap()];
            let at = tag.find(" data-section=\"")? + 15;
            Some(&tag[at..at + tag[at..].find('"').unwrap()])
        })
        .collect();
    assert!(sections.len() >= 8, "{sections:?}");
    assert!(sections[0].starts_with("PRIORITY 1: "), "{sections:?}");
    assert!(
        tables(&plan)
            .iter()
            .all(|(_, table)| !table[..table.find('>').unwrap()].contains("data-section")),
        "a table repeats its section's name"
    );
}

#[test]
fn a_heading_with_quotes_and_markup_is_escaped_in_the_table_head() {
    let site = Site::example();
    site.replace(
        BRACKNELL,
        "action: Objective",
        "action: 'Objective \"A\" <b> \\ x'",
    );
    site.run(&["build"]).passes();
    let html = site.read("public/plans/bracknell-forest-caring-for-you-2023-q3/index.html");
    let (_, table) = tables(&html)
        .into_iter()
        .find(|(class, _)| *class == "actions")
        .unwrap();
    let heading = &headings(table)[1];
    assert!(
        heading.contains("&lt;b&gt;") && !heading.contains("<b>"),
        "{heading}"
    );
    assert!(!table[..table.find('>').unwrap()].contains('<'));
}

#[test]
fn pages_have_no_indentation_or_blank_lines_outside_pre() {
    let (_site, files) = built();
    for path in [
        "index.html",
        "plans/telford-improvement-plan/index.html",
        "plans/bracknell-forest-caring-for-you-2023-q3/index.html",
        "search/index.html",
    ] {
        let html = page(&files, path);
        let mut outside = String::new();
        for (i, part) in html.split("<pre").enumerate() {
            if i > 0 {
                outside.push_str("<pre></pre>");
            }
            outside.push_str(if i == 0 {
                part
            } else {
                part.split_once("</pre>").map_or("", |(_, rest)| rest)
            });
        }
        for (line, text) in outside.lines().enumerate() {
            assert!(
                !text.is_empty() && !text.starts_with([' ', '\t']),
                "{path}: line {} is blank or indented: {text:?}",
                line + 1
            );
        }
    }
}

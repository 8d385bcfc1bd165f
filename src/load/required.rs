//! The fields each kind of file must give, by where they sit. The YAML reader
//! stops at the first missing field; when it does, the whole document is
//! searched with this table, so that every missing field is reported at once.
//! Also the fields that may be left out but not given empty, as leaving one
//! out means something an empty one may not have meant.

use crate::load::spans::FieldPath;
use serde_yaml::Value;

/// A kind of YAML file (or front matter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Settings,
    Owners,
    Plan,
    Inspection,
    Briefing,
    Page,
    Indicator,
    Meeting,
    Baseline,
}

/// Places in a document, written with `[]` for any position in a list, and
/// the fields a mapping there must give.
type Table = &'static [(&'static str, &'static [&'static str])];

const PLAN: Table = &[
    ("", &["title", "organisation", "kind"]),
    ("statuses[]", &["id", "label", "colour"]),
    ("reports[]", &["cycle"]),
    ("sections[]", &["title"]),
    ("sections[].recommendations[]", &["id"]),
    ("recommendations[]", &["id"]),
    ("sections[].recommendations[].response", &["status"]),
    ("recommendations[].response", &["status"]),
    ("sections[].recommendations[].actions[]", &["text"]),
    ("sections[].actions[]", &["text"]),
    ("recommendations[].actions[]", &["text"]),
    ("sections[].recommendations[].actions[].steps[]", &["text"]),
    ("sections[].actions[].steps[]", &["text"]),
    ("recommendations[].actions[].steps[]", &["text"]),
    ("clocks[]", &["id", "kind", "title"]),
];

const INSPECTION: Table = &[
    ("", &["title", "inspectorate"]),
    ("visit", &["start", "end"]),
    ("visits[]", &["date", "kind"]),
    ("judgements[]", &["area", "grade"]),
    ("findings[]", &["id", "text"]),
    ("clocks[]", &["id", "kind", "title"]),
];

const SETTINGS: Table = &[
    ("", &["title", "organisation", "base_url"]),
    ("statuses[]", &["id", "label", "colour"]),
    ("cycles[]", &["id", "date", "meeting"]),
];

const OWNERS: Table = &[("[]", &["id", "name"])];
const BRIEFING: Table = &[("", &["title", "date"])];
const PAGE: Table = &[("", &["title"])];
const INDICATOR: Table = &[
    ("", &["title", "unit", "polarity"]),
    ("baseline", &["value", "period"]),
    ("targets[]", &["value"]),
    ("comparators[]", &["name"]),
    ("values[]", &["period", "value"]),
];
const BASELINE: Table = &[
    ("", &["plan"]),
    ("statuses[]", &["id", "label"]),
    ("actions[]", &["id", "text"]),
];
const MEETING: Table = &[
    ("questions[]", &["id", "text"]),
    ("resolutions[]", &["id", "text"]),
    ("undertakings[]", &["id", "what"]),
    ("answered[]", &["undertaking"]),
];

/// A plan's fields that may be left out but not given empty (`statuses:` or
/// `due: ~`): left out, `statuses` is the site's key and `due` a date not
/// given yet, while an empty one may have meant no statuses or no deadline.
const PLAN_NOT_EMPTY: Table = &[
    ("", &["statuses"]),
    ("sections[].recommendations[].actions[]", &["due"]),
    ("sections[].actions[]", &["due"]),
    ("recommendations[].actions[]", &["due"]),
    ("sections[].recommendations[].actions[].steps[]", &["due"]),
    ("sections[].actions[].steps[]", &["due"]),
    ("recommendations[].actions[].steps[]", &["due"]),
];

/// `site.yaml`'s: left out, `statuses` is the built-in key.
const SETTINGS_NOT_EMPTY: Table = &[("", &["statuses"])];

impl Shape {
    fn table(self) -> Table {
        match self {
            Shape::Settings => SETTINGS,
            Shape::Owners => OWNERS,
            Shape::Plan => PLAN,
            Shape::Inspection => INSPECTION,
            Shape::Briefing => BRIEFING,
            Shape::Page => PAGE,
            Shape::Indicator => INDICATOR,
            Shape::Meeting => MEETING,
            Shape::Baseline => BASELINE,
        }
    }

    fn not_empty(self) -> Table {
        match self {
            Shape::Settings => SETTINGS_NOT_EMPTY,
            Shape::Plan => PLAN_NOT_EMPTY,
            _ => &[],
        }
    }
}

/// Every required field missing from a document, in document order.
pub(crate) fn missing(yaml: &str, shape: Shape) -> Vec<FieldPath> {
    let Ok(document) = serde_yaml::from_str::<Value>(yaml) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk(&document, &FieldPath::root(), "", shape.table(), &mut found);
    found
}

/// Every required field given but left empty (`title:`, `title: ~`,
/// `title: null`, `title: ""`) or blank (`title: " "`, only spaces or other
/// white space), in document order: a page cannot be published without it.
/// Only a file with a line that may be such a field is read again.
pub(crate) fn blank(yaml: &str, shape: Shape) -> Vec<FieldPath> {
    given_empty(yaml, shape.table(), Empty::OrBlank)
}

/// Every field that may be left out but is given empty (`statuses:`,
/// `statuses: ~`, `due: null`), in document order, with what to say of it:
/// the problem, and what to write instead.
pub(crate) fn emptied(yaml: &str, shape: Shape) -> Vec<(FieldPath, String, String)> {
    given_empty(yaml, shape.not_empty(), Empty::Only)
        .into_iter()
        .map(|field| {
            let name = field.to_string();
            let name = name.rsplit('.').next().unwrap_or(&name).to_owned();
            let (message, help) = instead(shape, &name);
            (field, message, help)
        })
        .collect()
}

/// Why an empty field that may be left out is refused, and what to write.
fn instead(shape: Shape, name: &str) -> (String, String) {
    match name {
        "statuses" => {
            let (without, left_out) = if shape == Shape::Plan {
                ("that the site's key is meant", "the site's key (content/site.yaml's, or the built-in one)")
            } else {
                ("that the built-in key is meant", "the built-in key")
            };
            (
                format!("\"statuses\" is empty: it could mean that the paper has no statuses, or {without}"),
                format!("write `statuses: []` for a paper with no status column, or a list of the paper's statuses; delete the line to use {left_out}"),
            )
        }
        "due" => (
            "\"due\" is empty: it could mean that there is no deadline, or that the date is not known yet".to_owned(),
            "write `due: none` when the paper says there is no deadline, or the date as YYYY-MM-DD; delete the line when the paper gives no date (`ragtime dates` reads one from the timescale where it can)".to_owned(),
        ),
        _ => (
            format!("\"{name}\" is empty"),
            format!("write the {name} here, or delete the line"),
        ),
    }
}

/// What counts as a field given empty.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Empty {
    /// Nothing, `~` or `null`.
    Only,
    /// Those, or text of only white space.
    OrBlank,
}

/// The fields of `table` given empty (as `empty` says). Only a file with a line that may be such a
/// field is read again.
fn given_empty(yaml: &str, table: Table, empty: Empty) -> Vec<FieldPath> {
    if table.is_empty() {
        return Vec::new();
    }
    let names = || table.iter().flat_map(|(_, fields)| fields.iter());
    let lines: Vec<&str> = yaml.lines().collect();
    let may_be_blank = lines.iter().enumerate().any(|(i, whole)| {
        let line = whole.trim_start();
        let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
        let Some((key, rest)) = line.split_once(':') else {
            return false;
        };
        let rest = rest.trim();
        let rest = if rest.starts_with('#') { "" } else { rest };
        let rest = rest.split(" #").next().unwrap_or_default().trim();
        let blank = names().any(|name| *name == key) && may_be_blank(rest);
        let below = || value_below(&lines[i + 1..], whole.len() - line.len());
        // A block (`|`, `>`) with text on its lines is not blank; `statuses:`
        // with its list below is not empty; text below its key may still be
        // blank (`title:` then `"  "`).
        blank
            && if rest.starts_with(['|', '>']) {
                !below()
            } else {
                empty == Empty::OrBlank || !rest.is_empty() || !below()
            }
    });
    if !may_be_blank {
        return Vec::new();
    }
    let Ok(document) = serde_yaml::from_str::<Value>(yaml) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk_blank(
        &document,
        &FieldPath::root(),
        "",
        (table, empty),
        &mut found,
    );
    found
}

/// Whether the lines after a `key:` line hold its value: the next line with
/// anything on it is indented further than the key, or is a `- ` item beside it.
fn value_below(after: &[&str], key_column: usize) -> bool {
    let Some(next) = after.iter().find(|line| {
        let line = line.trim_start();
        !line.is_empty() && !line.starts_with('#')
    }) else {
        return false;
    };
    let indent = next.len() - next.trim_start().len();
    indent > key_column || (indent == key_column && next.trim_start().starts_with('-'))
}

/// Whether a value as written on its line may read as empty or blank: a
/// null, quotes around nothing but white space, a double-quoted escape (which
/// may write white space: `"\\t"`), or a block (`|`, `>`) whose lines may be blank.
fn may_be_blank(value: &str) -> bool {
    let quoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
        || quoted.is_some_and(|inner| inner.chars().all(char::is_whitespace))
        || (value.starts_with('"') && value.contains('\\'))
        || value.starts_with(['|', '>'])
}

fn walk_blank(
    value: &Value,
    at: &FieldPath,
    pattern: &str,
    (table, empty): (Table, Empty),
    found: &mut Vec<FieldPath>,
) {
    match value {
        Value::Mapping(map) => {
            let required = table
                .iter()
                .find(|(p, _)| *p == pattern)
                .map_or(&[][..], |(_, required)| *required);
            for (key, value) in map {
                let Some(key) = key.as_str() else { continue };
                let given_empty = match value {
                    Value::Null => true,
                    Value::String(text) => empty == Empty::OrBlank && text.trim().is_empty(),
                    _ => false,
                };
                if given_empty && required.contains(&key) {
                    found.push(at.key(key));
                }
                let pattern = if pattern.is_empty() {
                    key.to_owned()
                } else {
                    format!("{pattern}.{key}")
                };
                walk_blank(value, &at.key(key), &pattern, (table, empty), found);
            }
        }
        Value::Sequence(items) => {
            let pattern = format!("{pattern}[]");
            for (i, item) in items.iter().enumerate() {
                walk_blank(item, &at.index(i), &pattern, (table, empty), found);
            }
        }
        Value::Tagged(tagged) => {
            walk_blank(&tagged.value, at, pattern, (table, empty), found);
        }
        _ => {}
    }
}

fn walk(value: &Value, at: &FieldPath, pattern: &str, table: Table, found: &mut Vec<FieldPath>) {
    match value {
        Value::Mapping(map) => {
            if let Some((_, required)) = table.iter().find(|(p, _)| *p == pattern) {
                for field in *required {
                    if !map.contains_key(*field) {
                        found.push(at.key(field));
                    }
                }
            }
            for (key, value) in map {
                let Some(key) = key.as_str() else { continue };
                let pattern = if pattern.is_empty() {
                    key.to_owned()
                } else {
                    format!("{pattern}.{key}")
                };
                walk(value, &at.key(key), &pattern, table, found);
            }
        }
        Value::Sequence(items) => {
            let pattern = format!("{pattern}[]");
            for (i, item) in items.iter().enumerate() {
                walk(item, &at.index(i), &pattern, table, found);
            }
        }
        Value::Tagged(tagged) => walk(&tagged.value, at, pattern, table, found),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::{BriefingMeta, PageMeta};
    use crate::model::indicator::IndicatorFile;
    use crate::model::inspection::Inspection;
    use crate::model::owners::Owner;
    use crate::model::plan::Plan;
    use crate::model::settings::SiteConfig;

    #[test]
    fn finds_fields_left_empty_that_may_be_left_out() {
        let yaml = "title: P\nstatuses:\nrecommendations:\n  - id: R1\n    actions:\n      - text: A\n        due: ~\n        steps:\n          - text: S\n            due: null\n      - text: B\n        due: none\n";
        let found: Vec<String> = emptied(yaml, Shape::Plan)
            .iter()
            .map(|(field, _, _)| field.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "statuses",
                "recommendations[0].actions[0].due",
                "recommendations[0].actions[0].steps[0].due",
            ]
        );
        // An empty list, a list, or nothing at all is what was meant.
        for fine in [
            "statuses: []\n",
            "statuses:\n  - {id: a, label: A, colour: red}\n",
            "title: P\n",
        ] {
            assert!(emptied(fine, Shape::Plan).is_empty(), "{fine}");
            assert!(emptied(fine, Shape::Settings).is_empty(), "{fine}");
        }
        let (_, message, help) = &emptied("statuses: ~\n", Shape::Settings)[0];
        assert!(message.contains("the built-in key"), "{message}");
        assert!(
            help.contains("`statuses: []`") && help.contains("delete the line"),
            "{help}"
        );
        // Other kinds of file have no such fields.
        assert!(emptied("statuses:\n", Shape::Baseline).is_empty());
    }

    #[test]
    fn finds_blank_required_text() {
        let blank = |yaml: &str| -> Vec<String> {
            super::blank(yaml, Shape::Page)
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        for yaml in [
            "title:\n",
            "title: ~\n",
            "title: \"\"\n",
            "title: \" \"\n",
            "title: '   '\n",
            "title: \"\\t\\u00a0\"\n",
            "title: \"\\_\" # a space that does not break\n",
            "title: \u{3000}\n",
            "title: |\n\n",
            "title: >-\n   \n",
            "title:\n  \"  \"\n",
        ] {
            assert_eq!(blank(yaml), ["title"], "{yaml:?}");
        }
        for yaml in [
            "title: About\n",
            "title: \" a \"\n",
            "title: \"\\tA\"\n",
            "title: |\n  A\n",
        ] {
            assert!(blank(yaml).is_empty(), "{yaml:?}");
        }
    }

    #[test]
    fn finds_every_missing_field() {
        let yaml = "title: P\nkind: scrutiny\nrecommendations:\n  - id: R1\n    actions:\n      - owner: X\n        updates:\n          - status: complete\n  - text: no id\n";
        let missing: Vec<String> = missing(yaml, Shape::Plan)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            missing,
            [
                "organisation",
                "recommendations[0].actions[0].text",
                // An update names `cycle` or `at: agreed`: checked when resolving.
                "recommendations[1].id",
            ]
        );
        assert!(super::missing("a: [", Shape::Plan).is_empty());
    }

    /// A document of a shape with exactly the fields its table requires, each
    /// filled in, reads without error: the table leaves out no required field.
    fn minimal(shape: Shape) -> String {
        let sample = |field: &str| match field {
            "kind" => "scrutiny",
            "colour" => "green",
            "date" | "start" | "end" => "2013-08-15",
            "grade" => "good",
            "status" => "accepted",
            _ => "x",
        };
        let mapping = |pattern: &str, indent: usize| -> String {
            let (_, required) = shape
                .table()
                .iter()
                .find(|(p, _)| *p == pattern)
                .expect("in the table");
            let mut text = String::new();
            for field in *required {
                text.push_str(&" ".repeat(indent));
                text.push_str(&format!("{field}: {}\n", sample(field)));
            }
            text
        };
        match shape {
            Shape::Owners => format!("-\n{}", mapping("[]", 2)),
            _ => mapping("", 0),
        }
    }

    #[test]
    fn the_table_holds_every_required_field() {
        serde_yaml::from_str::<Plan>(&minimal(Shape::Plan)).unwrap();
        serde_yaml::from_str::<Inspection>(&minimal(Shape::Inspection)).unwrap();
        serde_yaml::from_str::<SiteConfig>(&minimal(Shape::Settings)).unwrap();
        serde_yaml::from_str::<Vec<Owner>>(&minimal(Shape::Owners)).unwrap();
        serde_yaml::from_str::<BriefingMeta>(&minimal(Shape::Briefing)).unwrap();
        serde_yaml::from_str::<PageMeta>(&minimal(Shape::Page)).unwrap();
        serde_yaml::from_str::<IndicatorFile>(&minimal(Shape::Indicator)).unwrap();
        // And each field it names is required: leaving one out fails.
        for shape in [
            Shape::Plan,
            Shape::Inspection,
            Shape::Settings,
            Shape::Briefing,
            Shape::Page,
            Shape::Indicator,
        ] {
            let full = minimal(shape);
            for line in full.lines() {
                let without = full.replace(&format!("{line}\n"), "");
                let fails = match shape {
                    Shape::Plan => serde_yaml::from_str::<Plan>(&without).is_err(),
                    Shape::Inspection => serde_yaml::from_str::<Inspection>(&without).is_err(),
                    Shape::Settings => serde_yaml::from_str::<SiteConfig>(&without).is_err(),
                    Shape::Briefing => serde_yaml::from_str::<BriefingMeta>(&without).is_err(),
                    Shape::Page => without.trim().is_empty(),
                    Shape::Indicator => serde_yaml::from_str::<IndicatorFile>(&without).is_err(),
                    Shape::Owners | Shape::Meeting | Shape::Baseline => unreachable!(),
                };
                assert!(fails, "{shape:?} reads without {line}");
            }
        }
    }
}

//! Markdown documents with front matter: briefings (committee papers) and
//! plain pages, one generic type with the front matter of each kind; and the
//! details left to fill in in the accessibility statement `ragtime init` writes.

use crate::model::date::MeetingDate;
use crate::text::scalar_string;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BriefingMeta {
    pub title: String,
    /// A day, or only a month (`2013-07`) when the paper gives no day.
    pub date: MeetingDate,
    /// The paper marks `date` as estimated: pages say "about".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimated: bool,
    #[serde(default)]
    pub meeting: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub plans: Vec<String>,
    #[serde(default, deserialize_with = "optional_cycle")]
    pub cycle: Option<String>,
    /// Other metadata of the paper, in the paper's order.
    #[serde(default, deserialize_with = "ordered_pairs")]
    pub details: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A Markdown document with YAML front matter: a briefing or a plain page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document<M> {
    pub id: String,
    #[serde(flatten)]
    pub meta: M,
    /// Markdown.
    pub body: String,
    /// 1-based line of the body's first line in the file, for positions in errors.
    #[serde(skip)]
    pub body_line: usize,
}

/// A committee paper in Markdown.
pub(crate) type Briefing = Document<BriefingMeta>;

/// A plain page: about, the accessibility statement.
pub(crate) type Page = Document<PageMeta>;

/// The details `ragtime init` writes in brackets into its accessibility
/// statement for the council to fill in (`cmd/init/accessibility.md`, which a
/// test holds to this list): a statement still holding one is not ready to publish.
pub(crate) const STATEMENT_PLACEHOLDERS: [&str; 7] = [
    "[council name]",
    FILL_IN,
    "[team name]",
    "[email address]",
    "[telephone number]",
    "[number]",
    "[date]",
];

/// The placeholder of the statement's line that says to fill in the others.
pub(crate) const FILL_IN: &str = "[in brackets]";

impl Page {
    /// Whether this page is the site's accessibility statement, by its name or title.
    pub(crate) fn is_accessibility_statement(&self) -> bool {
        self.id.contains("accessibility")
            || self.meta.title.to_lowercase().contains("accessibility")
    }
}

/// Every placeholder of [`STATEMENT_PLACEHOLDERS`] in `text`, with its byte
/// offset, in the order they come. One used as a link's text
/// (`[email address](mailto:...)`) has been filled in.
pub(crate) fn placeholders(text: &str) -> Vec<(usize, &'static str)> {
    let mut found: Vec<(usize, &'static str)> = STATEMENT_PLACEHOLDERS
        .iter()
        .flat_map(|placeholder| {
            text.match_indices(placeholder)
                .filter(|(at, _)| !text[at + placeholder.len()..].starts_with('('))
                .map(|(at, _)| (at, *placeholder))
        })
        .collect();
    found.sort_unstable();
    found
}

fn optional_cycle<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    scalar_string(deserializer).map(Some)
}

fn ordered_pairs<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<(String, String)>, D::Error> {
    struct Pairs;
    impl<'de> Visitor<'de> for Pairs {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of `label: value` lines")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut pairs = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                let value = map.next_value::<ScalarText>()?;
                pairs.push((key, value.0));
            }
            Ok(pairs)
        }
    }
    deserializer.deserialize_map(Pairs)
}

struct ScalarText(String);

impl<'de> Deserialize<'de> for ScalarText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ScalarText, D::Error> {
        scalar_string(deserializer).map(ScalarText)
    }
}

/// Splits `---\n<yaml>\n---\n<body>` into front matter, body, and the body's first line.
/// Both `---` lines may end in spaces, and lines may end in CRLF.
pub(crate) fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let is_fence = |line: &str| line.trim_end() == "---";
    let first = text.split_inclusive('\n').next()?;
    if !first.ends_with('\n') || !is_fence(first) {
        return None;
    }
    let rest = &text[first.len()..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if is_fence(line) {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + yaml.lines().count() + 1;
            return Some((yaml, body, body_line));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let (yaml, body, line) = split_front_matter("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(yaml, "title: A\n");
        assert_eq!(body, "Body\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("title: A\n").is_none());
        assert!(split_front_matter("---\ntitle: A\n").is_none());
        assert!(split_front_matter("---").is_none());
        assert!(split_front_matter("----\ntitle: A\n---\n").is_none());
        let (yaml, body, line) =
            split_front_matter("--- \r\ntitle: A\r\n---\t\r\nBody\r\n").unwrap();
        assert_eq!(yaml, "title: A\r\n");
        assert_eq!(body, "Body\r\n");
        assert_eq!(line, 4);
    }

    #[test]
    fn finds_the_placeholders_init_writes_and_no_other_brackets() {
        let text = "Contact [team name] at [email address](mailto:a@b.gov.uk), \
            see [the plan](ref:plan) or [1], on [date] and [date].";
        assert_eq!(
            placeholders(text),
            vec![(8, "[team name]"), (95, "[date]"), (106, "[date]")]
        );
        assert!(placeholders("[Team name] [date](x) [dates]").is_empty());
    }
}

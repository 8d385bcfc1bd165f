//! Identities: the kinds of document a site holds, and references to a
//! document or an item inside it (`telford-improvement-plan#R22`,
//! `middlesbrough-ofsted-2016#xiv`), parsed once rather than split by hand.

use std::fmt;

/// A kind of content file: where it lives, what it is called, how it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum DocKind {
    Inspection,
    Plan,
    Briefing,
    Page,
    Indicator,
}

impl DocKind {
    /// Every kind, in the order content is read.
    pub(crate) const ALL: [DocKind; 5] = [
        DocKind::Inspection,
        DocKind::Plan,
        DocKind::Briefing,
        DocKind::Page,
        DocKind::Indicator,
    ];

    /// The folder under `content/` that holds documents of this kind.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            DocKind::Inspection => "inspections",
            DocKind::Plan => "plans",
            DocKind::Briefing => "briefings",
            DocKind::Page => "pages",
            DocKind::Indicator => "indicators",
        }
    }

    /// What one is called in messages.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            DocKind::Inspection => "inspection",
            DocKind::Plan => "plan",
            DocKind::Briefing => "briefing",
            DocKind::Page => "page",
            DocKind::Indicator => "indicator",
        }
    }

    /// The file name ending (`.yml` is read as `.yaml`).
    pub(crate) fn extension(self) -> &'static str {
        match self {
            DocKind::Inspection | DocKind::Plan | DocKind::Indicator => "yaml",
            DocKind::Briefing | DocKind::Page => "md",
        }
    }

    /// What the items inside a document of this kind are, in messages.
    pub(crate) fn items(self) -> &'static str {
        match self {
            DocKind::Inspection => "finding",
            DocKind::Plan => "section, recommendation or action",
            DocKind::Briefing | DocKind::Page | DocKind::Indicator => "item",
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}

/// A reference to a document (`doc`) or to an item inside it (`doc#item`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Ref<'a> {
    pub document: &'a str,
    pub item: Option<&'a str>,
}

impl<'a> Ref<'a> {
    /// Reads `doc` or `doc#item`.
    pub(crate) fn parse(text: &'a str) -> Ref<'a> {
        match text.split_once('#') {
            Some((document, item)) => Ref {
                document,
                item: Some(item),
            },
            None => Ref {
                document: text,
                item: None,
            },
        }
    }
}

impl fmt::Display for Ref<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.item {
            Some(item) => write!(f, "{}#{item}", self.document),
            None => f.write_str(self.document),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_references() {
        let r = Ref::parse("telford-improvement-plan#R22");
        assert_eq!(r.document, "telford-improvement-plan");
        assert_eq!(r.item, Some("R22"));
        assert_eq!(r.to_string(), "telford-improvement-plan#R22");
        let r = Ref::parse("about");
        assert_eq!((r.document, r.item), ("about", None));
        assert_eq!(r.to_string(), "about");
        // Only the first `#` splits: the rest belongs to the item.
        assert_eq!(Ref::parse("a#b#c").item, Some("b#c"));
        assert_eq!(Ref::parse("a#").item, Some(""));
    }

    #[test]
    fn kinds_know_their_files() {
        let folders: Vec<_> = DocKind::ALL.iter().map(|k| k.folder()).collect();
        assert_eq!(
            folders,
            ["inspections", "plans", "briefings", "pages", "indicators"]
        );
        assert_eq!(DocKind::Plan.extension(), "yaml");
        assert_eq!(DocKind::Page.extension(), "md");
        assert_eq!(DocKind::Inspection.to_string(), "inspection");
        assert_eq!(DocKind::Inspection.items(), "finding");
    }
}

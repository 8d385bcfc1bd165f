//! Markdown as officers write it: briefings, progress notes, responses.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The Markdown extensions councils' papers need.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// A `ref:` link found in Markdown: its target and where it starts in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefLink {
    /// What follows `ref:`, e.g. `telford-improvement-plan#R22`.
    pub target: String,
    /// Byte offset of the link in the Markdown text.
    pub offset: usize,
}

/// Every `ref:` link in a Markdown text, in order.
pub fn ref_links(text: &str) -> Vec<RefLink> {
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                dest_url.strip_prefix("ref:").map(|target| RefLink {
                    target: target.to_owned(),
                    offset: range.start,
                })
            }
            _ => None,
        })
        .collect()
}

/// 1-based (line, column) of a byte offset in a text.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ref_links() {
        let text = "See [R22](ref:telford-improvement-plan#R22) and\n[the plan][p].\n\n[p]: ref:telford-improvement-plan\n";
        let links = ref_links(text);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].target, "telford-improvement-plan#R22");
        assert_eq!(line_column(text, links[0].offset), (1, 5));
        assert_eq!(links[1].target, "telford-improvement-plan");
        assert_eq!(line_column(text, links[1].offset), (2, 1));
    }
}

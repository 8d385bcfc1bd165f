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

/// Renders Markdown to safe HTML: `ref:` links become real links (through `resolve`),
/// headings move down `shift` levels so a page keeps one `h1`, and raw HTML is sanitised.
pub fn to_html(text: &str, shift: u8, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    use pulldown_cmark::{CowStr, HeadingLevel, TagEnd};

    let deeper = |level: HeadingLevel| {
        let n = (level as u8 + shift).min(6);
        HeadingLevel::try_from(usize::from(n)).unwrap_or(HeadingLevel::H6)
    };
    let events = Parser::new_ext(text, options()).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match dest_url.strip_prefix("ref:") {
                Some(target) => CowStr::from(resolve(target).unwrap_or_default()),
                None => dest_url,
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: deeper(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(deeper(level))),
        other => other,
    });
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    SANITISER.clean(&html).to_string()
}

/// Built once: setting up the sanitiser costs more than cleaning a short note.
static SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(sanitiser);

fn sanitiser() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .link_rel(None);
    builder
}

#[cfg(test)]
mod render_tests {
    use super::*;

    fn links(target: &str) -> Option<String> {
        (target == "plan#R22").then(|| "/plans/plan/#rec-R22".to_owned())
    }

    #[test]
    fn rewrites_refs_and_shifts_headings() {
        let html = to_html("# Title\n\nSee [R22](ref:plan#R22).", 1, &links);
        assert_eq!(
            html,
            "<h2>Title</h2>\n<p>See <a href=\"/plans/plan/#rec-R22\">R22</a>.</p>\n"
        );
    }

    #[test]
    fn removes_scripts() {
        let html = to_html(
            "Hello <script>alert(1)</script><b onclick=\"x()\">there</b>",
            0,
            &links,
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>there</b>"), "{html}");
    }

    #[test]
    fn renders_tables_and_strikethrough() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | ~~2~~ |\n", 0, &links);
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>2</del>"), "{html}");
    }
}

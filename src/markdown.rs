//! Markdown as officers write it: briefings, progress notes, responses.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The Markdown extensions councils' papers need.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// The words of a Markdown text without its markup, for the search index.
pub(crate) fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// A `ref:` link found in Markdown: its target and where it starts in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RefLink {
    /// What follows `ref:`, e.g. `telford-improvement-plan#R22`.
    pub target: String,
    /// Byte offset of the link in the Markdown text.
    pub offset: usize,
}

/// Every `ref:` link in a Markdown text, in order.
pub(crate) fn ref_links(text: &str) -> Vec<RefLink> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::spans::TextLines;

    #[test]
    fn finds_ref_links() {
        let text = "See [R22](ref:telford-improvement-plan#R22) and\n[the plan][p].\n\n[p]: ref:telford-improvement-plan\n";
        let links = ref_links(text);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].target, "telford-improvement-plan#R22");
        assert_eq!(TextLines::new(text).position(links[0].offset), (1, 5));
        assert_eq!(links[1].target, "telford-improvement-plan");
        assert_eq!(TextLines::new(text).position(links[1].offset), (2, 1));
    }
}

/// Renders Markdown to safe HTML: `ref:` links become real links (through
/// `resolve`); the text's top heading level becomes `top` (so a briefing's `##`
/// sections sit under the page's `h1` as `h2`); raw HTML is sanitised; and each
/// table gets a caption naming `label` and its own labelled region that scrolls
/// by keyboard, so a wide table never makes the page scroll sideways.
pub(crate) fn to_html(
    text: &str,
    top: u8,
    label: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> String {
    use pulldown_cmark::{CowStr, HeadingLevel, TagEnd};

    let events: Vec<Event> = Parser::new_ext(text, options()).collect();
    let shallowest = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let moved = |level: HeadingLevel| {
        let n = (level as u8 - shallowest + top).clamp(1, 6);
        HeadingLevel::try_from(usize::from(n)).unwrap_or(HeadingLevel::H6)
    };
    let events = events.into_iter().map(|event| match event {
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
            level: moved(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(moved(level))),
        // Footnote anchors get a prefix of their own, the only ids kept (see [`sanitiser`]).
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(format!("{FOOTNOTE}{label}").into()))
        }
        Event::FootnoteReference(label) => {
            Event::FootnoteReference(format!("{FOOTNOTE}{label}").into())
        }
        other => other,
    });
    let events: Vec<Event> = events.collect();
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let plain = events.iter().all(is_plain);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if plain {
        return html;
    }
    let clean = SANITISER.clean(&html).to_string();
    if !clean.contains("<table>") {
        return clean;
    }
    // After sanitising, every <table> is one the Markdown made.
    let name = format!("Table in {}", crate::text::escape(label));
    clean
        .replace(
            "<table>",
            &format!("<div class=\"table-scroll\" role=\"region\" aria-label=\"{name}\" tabindex=\"0\"><table><caption class=\"visually-hidden\">{name}</caption>"),
        )
        .replace("</table>", "</table></div>")
}

/// Whether this part of a text comes out of the Markdown writer exactly as the
/// sanitiser would leave it, so the text needs no sanitising: no raw HTML, and
/// only links to http(s), mail or relative addresses, in the characters the
/// writer and the sanitiser write alike. Anything else (raw HTML, images, link
/// titles, tables, footnotes, line breaks, rules, non-breaking spaces, other
/// schemes, quotes in an address) goes through the sanitiser, as every text did.
fn is_plain(event: &Event) -> bool {
    use pulldown_cmark::CodeBlockKind;
    match event {
        Event::Start(Tag::Link {
            dest_url, title, ..
        }) => title.is_empty() && plain_address(dest_url),
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(language))) => language.is_empty(),
        Event::Text(text) | Event::Code(text) => !text.contains('\u{a0}'),
        Event::Html(_)
        | Event::InlineHtml(_)
        | Event::Start(Tag::Image { .. } | Tag::Table(_) | Tag::FootnoteDefinition(_))
        | Event::FootnoteReference(_)
        | Event::HardBreak
        | Event::Rule => false,
        _ => true,
    }
}

/// An address with no scheme or http, https or mailto, in characters written
/// the same by the Markdown writer and the sanitiser.
fn plain_address(address: &str) -> bool {
    let characters = address
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$()*+,;=%".contains(&b));
    let scheme = address
        .split_once(':')
        .map(|(before, _)| before)
        .filter(|before| !before.contains(['/', '?', '#']));
    characters
        && scheme.is_none_or(|s| {
            ["http", "https", "mailto"]
                .iter()
                .any(|allowed| s.eq_ignore_ascii_case(allowed))
        })
}

/// Built once: setting up the sanitiser costs more than cleaning a short note.
static SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(sanitiser);

/// The prefix of footnote anchors, so a text's ids never clash with the page's.
const FOOTNOTE: &str = "fn-";

/// Keeps only the attributes the Markdown writer itself makes: a table
/// column's alignment (never other styles, which could cover the page with
/// text of the author's choosing), footnote ids (prefixed, so no id a text
/// carries can clash with the page's own) and footnote classes.
fn sanitiser() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .attribute_filter(|element, attribute, value| {
            let keep = match (element, attribute) {
                ("th" | "td", "style") => matches!(
                    value,
                    "text-align: left" | "text-align: center" | "text-align: right"
                ),
                ("div", "id") => value.starts_with(FOOTNOTE),
                ("div", "class") => value == "footnote-definition",
                ("sup", "class") => {
                    matches!(value, "footnote-definition-label" | "footnote-reference")
                }
                _ => true,
            };
            keep.then_some(value.into())
        })
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
        let html = to_html("# Title\n\nSee [R22](ref:plan#R22).", 2, "", &links);
        assert_eq!(
            html,
            "<h2>Title</h2>\n<p>See <a href=\"/plans/plan/#rec-R22\">R22</a>.</p>\n"
        );
        // The top level found becomes `top`, whatever the writer started from.
        let html = to_html("### Background\n\n#### Detail\n", 2, "", &links);
        assert_eq!(html, "<h2>Background</h2>\n<h3>Detail</h3>\n");
    }

    #[test]
    fn removes_scripts() {
        let html = to_html(
            "Hello <script>alert(1)</script><b onclick=\"x()\">there</b>",
            2,
            "",
            &links,
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>there</b>"), "{html}");
    }

    #[test]
    fn links_to_other_schemes_are_sanitised() {
        for text in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "<javascript:alert(1)>",
            // Percent-encoded by the writer: a relative address, not a scheme.
            "[x](java&#x09;script:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox(1))",
            "[x]: javascript:alert(1)\n\n[x]",
        ] {
            let html = to_html(text, 2, "", &links).to_lowercase();
            assert!(!html.contains("href=\"javascript"), "{text}: {html}");
            assert!(!html.contains("href=\"data:"), "{text}: {html}");
            assert!(!html.contains("href=\"vbscript"), "{text}: {html}");
        }
    }

    /// The texts that skip the sanitiser come out exactly as it would leave them.
    #[test]
    fn plain_markdown_is_what_the_sanitiser_would_write() {
        let samples = [
            "Plain text with \"quotes\", 'apostrophes', & ampersands < and >.",
            "A list:\n\n- one **bold**\n- two *em* and `code <b>`\n  1. nested\n\n> quoted\n",
            "See [the site](https://example.org/a?b=c#f) and <https://example.org>.",
            "Mail [us](mailto:someone@example.org) or someone@example.org, or [here](/x/y/).",
            "# Heading\n\n## Sub ~~struck~~\n\n```\nplain code & <tags>\n```\n",
            "Spend to date is £77,437 against a budget of £669,000 – on track.",
        ];
        for text in samples {
            let events: Vec<Event> = Parser::new_ext(text, options()).collect();
            assert!(events.iter().all(is_plain), "{text} should be plain");
            let html = to_html(text, 2, "", &links);
            assert_eq!(html, SANITISER.clean(&html).to_string(), "{text}");
        }
        // A ref: link is plain once it is an address on the site.
        let html = to_html("See [R22](ref:plan#R22).", 2, "", &links);
        assert_eq!(html, SANITISER.clean(&html).to_string());
        for text in [
            "a<br>b",
            "line  \nbreak",
            "---\n\nrule",
            "![img](a.png)",
            "[t](/x \"title\")",
            "[q](/it's)",
            "[amp](/a?b=c&d=e)",
            "non\u{a0}breaking",
            "| a |\n|---|\n| 1 |",
            "note[^1]\n\n[^1]: foot",
            "```rust\nx\n```",
        ] {
            let events: Vec<Event> = Parser::new_ext(text, options()).collect();
            assert!(!events.iter().all(is_plain), "{text} should be sanitised");
        }
    }

    #[test]
    fn styles_and_ids_of_raw_html_are_dropped() {
        let html = to_html(
            "<table><tr><td style=\"position:fixed;inset:0\">fake</td></tr></table>\n\n<div id=\"main\" class=\"visually-hidden\">x</div>\n\n| a |\n|:-:|\n| 1 |\n",
            2,
            "",
            &links,
        );
        assert!(!html.contains("position"), "{html}");
        assert!(!html.contains("id=\"main\""), "{html}");
        assert!(!html.contains("visually-hidden\">x"), "{html}");
        assert!(html.contains("style=\"text-align: center\""), "{html}");
        let html = to_html("note[^1]\n\n[^1]: foot\n", 2, "", &links);
        assert!(html.contains("href=\"#fn-1\""), "{html}");
        assert!(html.contains("id=\"fn-1\""), "{html}");
    }

    #[test]
    fn renders_tables_and_strikethrough() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | ~~2~~ |\n", 2, "A & B", &links);
        assert!(
            html.contains("<table><caption class=\"visually-hidden\">Table in A &amp; B</caption>"),
            "{html}"
        );
        assert!(
            html.contains("role=\"region\" aria-label=\"Table in A &amp; B\" tabindex=\"0\""),
            "{html}"
        );
        assert!(html.contains("<del>2</del>"), "{html}");
    }
}

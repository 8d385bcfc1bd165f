//! Rendered pages without the whitespace the templates' indentation leaves:
//! every run of whitespace between words or tags that holds a line break
//! becomes one line break. HTML reads any such run as one space, so a reader
//! and a screen reader get the same page; the whitespace inside `<pre>`,
//! `<textarea>`, `<script>` and `<style>`, inside tags (attribute values) and
//! inside comments is kept as written.

/// The elements whose text keeps its whitespace (or is not HTML text at all).
const RAW: [&[u8]; 4] = [b"pre", b"textarea", b"script", b"style"];

/// `html` with each whitespace run holding a line break squeezed to `\n`.
/// One pass over the bytes: it runs on every page of a site of thousands.
pub(crate) fn squeeze(html: String) -> String {
    let b = html.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        match b[i] {
            b'<' => {
                let end = markup_end(b, i);
                out.extend_from_slice(&b[i..end]);
                i = end;
            }
            c if is_space(c) => {
                let start = i;
                while i < n && is_space(b[i]) {
                    i += 1;
                }
                let run = &b[start..i];
                if run.contains(&b'\n') {
                    out.push(b'\n');
                } else {
                    out.extend_from_slice(run);
                }
            }
            _ => {
                // Copy the text up to the next space or tag in one go.
                let start = i;
                while i < n && b[i] != b'<' && !is_space(b[i]) {
                    i += 1;
                }
                out.extend_from_slice(&b[start..i]);
            }
        }
    }
    // Only ASCII whitespace was dropped, and never inside a UTF-8 sequence
    // (its bytes are all ≥ 0x80), so the text is still UTF-8.
    String::from_utf8(out).unwrap_or(html)
}

/// HTML's ASCII whitespace.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Where the markup starting with the `<` at `at` ends: after a comment, after a
/// tag (its quoted attribute values skipped whole), or, for an element whose
/// text is raw, at its closing tag. A `<` that starts no markup is text.
fn markup_end(b: &[u8], at: usize) -> usize {
    let rest = &b[at + 1..];
    if rest.starts_with(b"!--") {
        return find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
    }
    if !rest
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
    {
        return at + 1;
    }
    let end = tag_end(b, at + 1);
    match RAW.iter().find(|name| opens(rest, name)) {
        Some(name) => closing(b, end, name),
        None => end,
    }
}

/// Whether the tag text after `<` opens the element `name`.
fn opens(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && (is_space(rest[name.len()]) || matches!(rest[name.len()], b'>' | b'/'))
}

/// Just after the `>` that closes the tag whose text starts at `from`.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'>' => return i + 1,
            quote @ (b'"' | b'\'') => {
                i = b[i + 1..]
                    .iter()
                    .position(|&c| c == quote)
                    .map_or(b.len(), |p| i + 1 + p + 1);
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// Where `</name` starts at or after `from` (any case), or the end.
fn closing(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let tail = &b[p + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name) {
            return p;
        }
        i = p + 2;
    }
    b.len()
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::squeeze;

    fn squeezed(html: &str) -> String {
        squeeze(html.to_owned())
    }

    #[test]
    fn indentation_and_blank_lines_become_one_line_break() {
        assert_eq!(
            squeezed("<ul>\n  <li>a</li>\n\n    \n  <li>b</li>\n</ul>\n"),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        );
        assert_eq!(squeezed("<td>\n   \r\n\t </td>"), "<td>\n</td>");
    }

    #[test]
    fn spacing_on_one_line_is_kept() {
        let html = "<p>Due <time>1 May</time> <span>a  b</span>\tc</p>";
        assert_eq!(squeezed(html), html);
        assert_eq!(
            squeezed("<p>one\n      two</p>"),
            "<p>one\ntwo</p>",
            "a run with a line break still separates the words"
        );
    }

    #[test]
    fn raw_elements_keep_their_whitespace() {
        let pre = "<pre class=\"snippet\"><code>a\n\n    b\n  </code></pre>";
        assert_eq!(
            squeezed(&format!("<div>\n  {pre}\n</div>")),
            format!("<div>\n{pre}\n</div>")
        );
        let textarea = "<TEXTAREA name=x>\n  line\n\n</TEXTAREA>";
        assert_eq!(squeezed(textarea), textarea);
        let script = "<script>\n  let a = 1\n  \n  let b = '<p>\\n  x'\n</script>\n\n<p>";
        assert_eq!(
            squeezed(script),
            "<script>\n  let a = 1\n  \n  let b = '<p>\\n  x'\n</script>\n<p>"
        );
        let style = "<style media=\"print\">\n  @page {\n    margin: 1cm;\n  }\n</style>";
        assert_eq!(squeezed(style), style);
        assert_eq!(
            squeezed("<pretext>\n  a</pretext>"),
            "<pretext>\na</pretext>",
            "only the element itself is raw, not one whose name starts the same"
        );
    }

    #[test]
    fn attribute_values_and_comments_are_kept() {
        let tag = "<abbr title=\"one\n   two\" data-x='a >\n  b'>x</abbr>";
        assert_eq!(squeezed(tag), tag);
        let comment = "<!-- a\n\n   b > c -->";
        assert_eq!(squeezed(comment), comment);
    }

    #[test]
    fn text_with_lone_angle_brackets_and_unicode_is_kept() {
        assert_eq!(squeezed("a < b\n   – café"), "a < b\n– café");
        assert_eq!(squeezed("<p>x</p>\n  <"), "<p>x</p>\n<");
        assert_eq!(squeezed("<pre>unclosed\n  "), "<pre>unclosed\n  ");
    }
}

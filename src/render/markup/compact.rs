//! Rendered pages without the whitespace the templates' indentation leaves:
//! every run of whitespace between words or tags that holds a line break
//! becomes one line break. HTML reads any such run as one space, so a reader
//! and a screen reader get the same page; the whitespace inside `<pre>`,
//! `<textarea>`, `<script>` and `<style>`, inside tags (attribute values) and
//! inside comments is kept as written.

/// The elements whose text keeps its whitespace (or is not HTML text at all).
const RAW: [&[u8]; 4] = [b"pre", b"textarea", b"script", b"style"];

/// `html` with each whitespace run holding a line break squeezed to `\n`.
/// It runs on every page of a site of thousands, so it looks only at line
/// breaks and markup, eight bytes at a time, and copies what it keeps in
/// spans between the runs it squeezes.
pub(crate) fn squeeze(html: String) -> String {
    let b = html.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    // `b[kept..i]` is kept and not yet copied.
    let mut kept = 0;
    let mut i = 0;
    while i < n {
        i = next_of(b, i, [b'<', b'\n']);
        if i == n {
            break;
        }
        if b[i] == b'<' {
            i = markup_end(b, i);
            continue;
        }
        // A line break in text: the run of whitespace around it (none of it
        // is markup, which ends with `>`).
        let mut start = i;
        while start > kept && is_space(b[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < n && is_space(b[end]) {
            end += 1;
        }
        if end - start > 1 {
            if out.is_empty() {
                out.reserve(n);
            }
            out.extend_from_slice(&b[kept..start]);
            out.push(b'\n');
            kept = end;
        }
        i = end;
    }
    if kept == 0 {
        return html;
    }
    out.extend_from_slice(&b[kept..]);
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
        let mut i = at + 4;
        loop {
            i = next_of(b, i, [b'>']);
            if i == b.len() || b[..i].ends_with(b"--") {
                return (i + 1).min(b.len());
            }
            i += 1;
        }
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
    loop {
        i = next_of(b, i, [b'>', b'"', b'\'']);
        if i == b.len() {
            return i;
        }
        if b[i] == b'>' {
            return i + 1;
        }
        // A quoted value: on past its closing quote.
        i = (next_of(b, i + 1, [b[i]]) + 1).min(b.len());
    }
}

/// Where `</name` starts at or after `from` (any case), or the end.
fn closing(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    loop {
        i = next_of(b, i, [b'<']);
        let tail = &b[i..];
        if tail.len() < 2 + name.len() {
            return b.len();
        }
        if tail[1] == b'/' && tail[2..2 + name.len()].eq_ignore_ascii_case(name) {
            return i;
        }
        i += 1;
    }
}

/// The first index at or after `from` whose byte is one of `set`, or the end:
/// eight bytes at a time, each word tested for a zero byte after `^` with
/// each wanted byte (the lowest byte the test flags is always a true match).
fn next_of<const N: usize>(b: &[u8], from: usize, set: [u8; N]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= b.len() {
        let mut word = [0; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let word = u64::from_le_bytes(word);
        let mut hits = 0;
        for c in set {
            let x = word ^ (ONES * u64::from(c));
            hits |= x.wrapping_sub(ONES) & !x & HIGHS;
        }
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    b.get(i..)
        .and_then(|tail| tail.iter().position(|c| set.contains(c)))
        .map_or(b.len(), |p| i + p)
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

    /// The rule, byte by byte and slowly: what `squeeze` must agree with.
    fn reference(html: &str) -> String {
        let b = html.as_bytes();
        let (mut out, mut i) = (Vec::new(), 0);
        let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
        let find = |from: usize, needle: &[u8]| {
            (from..b.len()).find(|&k| {
                b[k..].len() >= needle.len() && b[k..k + needle.len()].eq_ignore_ascii_case(needle)
            })
        };
        while i < b.len() {
            let rest = &b[i + 1..];
            let end = if b[i] != b'<' {
                if space(b[i]) {
                    let start = i;
                    while i < b.len() && space(b[i]) {
                        i += 1;
                    }
                    if b[start..i].contains(&b'\n') {
                        out.push(b'\n');
                    } else {
                        out.extend_from_slice(&b[start..i]);
                    }
                    continue;
                }
                i + 1
            } else if rest.starts_with(b"!--") {
                find(i + 4, b"-->").map_or(b.len(), |e| e + 3)
            } else if rest
                .first()
                .is_some_and(|c| c.is_ascii_alphabetic() || b"/!?".contains(c))
            {
                let mut e = i + 1;
                while e < b.len() && b[e] != b'>' {
                    if b[e] == b'"' || b[e] == b'\'' {
                        e = (e + 1..b.len()).find(|&k| b[k] == b[e]).unwrap_or(b.len());
                    }
                    e += 1;
                }
                let e = (e + 1).min(b.len());
                match super::RAW.iter().find(|name| super::opens(rest, name)) {
                    Some(name) => find(e, &[b"</", *name].concat()).unwrap_or(b.len()),
                    None => e,
                }
            } else {
                i + 1
            };
            out.extend_from_slice(&b[i..end]);
            i = end;
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn agrees_with_the_rule_byte_by_byte_on_many_pages() {
        let parts = [
            "<p>",
            "</p>",
            "<pre>",
            "</PRE>",
            "<script>",
            "</script>",
            "<style>",
            "</style>",
            "<textarea>",
            "</textarea>",
            "<!--",
            "-->",
            "<!-- a > b -->",
            "<a href=\"x\n  y\">",
            "<b title='q\n\n r'>",
            " ",
            "  ",
            "\n",
            "\n    ",
            "\r\n\t",
            "\x0c",
            "word",
            "é–",
            "<",
            ">",
            "\"",
            "'",
            "</",
            "<br>",
            "<pretext>",
            "a\n",
            "\n\n\n",
        ];
        let mut seed = 17_u64;
        for _ in 0..3000 {
            let mut html = String::new();
            for _ in 0..(seed % 40) {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                html.push_str(parts[usize::try_from(seed >> 33).unwrap() % parts.len()]);
            }
            assert_eq!(squeezed(&html), reference(&html), "{html:?}");
        }
    }

    #[test]
    fn text_with_lone_angle_brackets_and_unicode_is_kept() {
        assert_eq!(squeezed("a < b\n   – café"), "a < b\n– café");
        assert_eq!(squeezed("<p>x</p>\n  <"), "<p>x</p>\n<");
        assert_eq!(squeezed("<pre>unclosed\n  "), "<pre>unclosed\n  ");
    }
}

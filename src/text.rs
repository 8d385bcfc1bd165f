//! Text as officers write it: deserialization helpers, escaping, slugs and ids,
//! the control characters no text may carry, and the fingerprints that tell
//! whether bytes changed.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// "1 plan", "2 plans": a count with the word that agrees with it.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A scalar exactly as written, also when YAML would read it as a number: a
/// paper's `1.10`, `2.50`, `0x1F` or `1e3` is published as printed, never as
/// the number YAML makes of it (1.1, 2.5, 31, 1000). Asking the reader for a
/// string gives the scalar's own text.
pub(crate) fn scalar_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    deserializer.deserialize_str(ScalarString)
}

/// Like [`scalar_string`], for optional fields.
pub(crate) fn optional_scalar_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    scalar_string(deserializer).map(Some)
}

/// Reads a scalar as its text.
struct ScalarString;

impl Visitor<'_> for ScalarString {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a piece of text")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    // Other readers than YAML's (tests, values built in memory) may give numbers.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// A number as printed ("1.1", "1.10", "(a)", "OR 21"), whether or not it is quoted.
pub(crate) fn number_as_printed<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    scalar_string(deserializer).map(Some)
}

/// One name or a list of names (an action with several owners).
pub(crate) fn one_or_many<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a name, or a list of names")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
            Ok(vec![v.to_owned()])
        }
        fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut names = Vec::new();
            while let Some(name) = seq.next_element::<String>()? {
                names.push(name);
            }
            if names.is_empty() {
                return Err(de::Error::custom(
                    "the list of owners is empty: name at least one, or leave out `owner` when the paper names none",
                ));
            }
            Ok(names)
        }
    }
    deserializer.deserialize_any(OneOrMany)
}

/// A mapping whose order is kept as written (`counts: { green: 5, amber: 3 }`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ordered<V>, D::Error> {
        struct Pairs<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Pairs<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`name: value` lines")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered<V>, A::Error> {
                let mut pairs = Vec::new();
                while let Some(key) = map.next_key::<ScalarText>()? {
                    pairs.push((key.0, map.next_value()?));
                }
                Ok(Ordered(pairs))
            }
        }
        deserializer.deserialize_map(Pairs(std::marker::PhantomData))
    }
}

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// A scalar read as text, for keys.
struct ScalarText(String);

impl<'de> Deserialize<'de> for ScalarText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ScalarText, D::Error> {
        scalar_string(deserializer).map(ScalarText)
    }
}

/// Text escaped for HTML and XML: the five special characters as entities,
/// control characters (other than line breaks and tabs) left out.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// The first control character that text may not carry, with its byte
/// offset: every C0 control but tab and line feed, DEL and every C1
/// control. A carriage return may only end a line (CRLF, as Windows saves
/// files); alone it would move a terminal's cursor back over the line.
pub(crate) fn first_control(text: &str) -> Option<(usize, char)> {
    // Every control character starts with a byte below 0x20, 0x7F, or C1's
    // lead byte 0xC2: a scan of bytes finds the few places worth decoding.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..]
        .iter()
        .position(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2)
    {
        let at = from + i;
        let c = text[at..].chars().next()?;
        let ends_line = c == '\r' && bytes.get(at + 1) == Some(&b'\n');
        if c.is_control() && !ends_line {
            return Some((at, c));
        }
        from = at + c.len_utf8();
    }
    None
}

/// A control character by its code and name, as an officer can look it up:
/// `U+000C (form feed)`.
pub(crate) fn control_name(c: char) -> String {
    const C0: [&str; 32] = [
        "null",
        "start of heading",
        "start of text",
        "end of text",
        "end of transmission",
        "enquiry",
        "acknowledge",
        "bell",
        "backspace",
        "tab",
        "line feed",
        "vertical tab",
        "form feed",
        "carriage return",
        "shift out",
        "shift in",
        "data link escape",
        "device control one",
        "device control two",
        "device control three",
        "device control four",
        "negative acknowledge",
        "synchronous idle",
        "end of transmission block",
        "cancel",
        "end of medium",
        "substitute",
        "escape",
        "file separator",
        "group separator",
        "record separator",
        "unit separator",
    ];
    let code = u32::from(c);
    let name = match code {
        0..=0x1f => C0[code as usize],
        0x7f => "delete",
        0x85 => "next line",
        0x9b => "control sequence introducer",
        0x9c => "string terminator",
        0x9d => "operating system command",
        0x80..=0x9f => "a C1 control",
        _ => "not a control character",
    };
    format!("U+{code:04X} ({name})")
}

/// Why a spreadsheet cell's text cannot be used, if it holds a control
/// character: said with the text around it, the character shown escaped.
pub(crate) fn control_in_cell(text: &str) -> Option<String> {
    let (at, c) = first_control(text)?;
    Some(format!(
        "this cell holds a control character, {}, in \"{}\": no text on the site may carry one; delete it (it is invisible in most programs, and often comes in with text pasted from elsewhere)",
        control_name(c),
        around(text, at)
    ))
}

/// Up to 30 characters either side of a byte offset, on one line, control
/// characters shown escaped: where a character hides in a text.
pub(crate) fn around(text: &str, at: usize) -> String {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let before: Vec<char> = text[line_start..at].chars().collect();
    let before: String = before[before.len().saturating_sub(30)..].iter().collect();
    let after: String = text[at..line_end].chars().take(31).collect();
    shown(&format!("{before}{after}")).into_owned()
}

/// Text as it may be printed to a terminal: each control character but tab
/// and line feed written out as `\u{1b}`, so text from a spreadsheet or a
/// file can neither retitle nor clear the screen it is shown on.
pub(crate) fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n'))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\t' | '\n') {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Lower-case `a-z0-9-` slug of a name, for file names and addresses.
pub(crate) fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Whether an id is a valid document id (`a-z0-9-`, not empty, no leading/trailing dash).
pub(crate) fn is_document_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether an id is a valid item id (recommendation, action, finding): letters, digits, `.`, `-`.
pub(crate) fn is_item_id(id: &str) -> bool {
    id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// Text with every run of spaces and line breaks made one space, and none at
/// either end: as a cell or a heading is compared and shown.
pub(crate) fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Free text on one line, shortened for a report.
pub(crate) fn one_line(text: &str) -> String {
    let joined = single_spaced(text);
    if joined.chars().count() > 90 {
        format!("{}…", joined.chars().take(89).collect::<String>())
    } else {
        joined
    }
}

/// A hash of some bytes, to tell whether they changed since the last build. The
/// seeds are fixed, so it is the same on every run of the same ragtime on the
/// same machine; a different ragtime may hash differently, which only makes
/// the next build render or write more.
pub(crate) fn fingerprint(bytes: &[u8]) -> u64 {
    ahash::RandomState::with_seeds(
        0x7261_6774_696d_6500,
        0x6275_696c_6420_7265,
        0x636f_7264_2066_6f72,
        0x2063_6f75_6e63_696c,
    )
    .hash_one(bytes)
}

/// A spreadsheet column's letters for a 0-based column number: `A`, `Z`, `AA`.
pub(crate) fn column_letters(column: u64) -> String {
    let mut letters = Vec::new();
    let mut n = u128::from(column) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_written() {
        #[derive(Deserialize)]
        struct Id {
            #[serde(deserialize_with = "scalar_string")]
            id: String,
        }
        for written in [
            "1.10", "0x1F", "1e3", "2.50", "007", "+1", "1_000", ".5", "21",
        ] {
            let read: Id = serde_yaml::from_str(&format!("id: {written}\n")).unwrap();
            assert_eq!(read.id, written);
        }
        let quoted: Id = serde_yaml::from_str("id: \"1.10\"\n").unwrap();
        assert_eq!(quoted.id, "1.10");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Head of Commissioning & Procurement"),
            "head-of-commissioning-procurement"
        );
        assert_eq!(slug("  RK / DR "), "rk-dr");
        assert_eq!(
            slug("Asst. Director, Learning & Skills"),
            "asst-director-learning-skills"
        );
    }

    #[test]
    fn control_characters_but_tabs_and_line_ends_are_found() {
        assert_eq!(first_control("a\tb\nc\r\nd"), None);
        assert_eq!(first_control("ab\u{c}c"), Some((2, '\u{c}')));
        assert_eq!(first_control("a\rb"), Some((1, '\r')));
        assert_eq!(first_control("a\r"), Some((1, '\r')));
        assert_eq!(first_control("é\u{7f}"), Some((2, '\u{7f}')));
        assert_eq!(first_control("x\u{85}"), Some((1, '\u{85}')));
        assert_eq!(first_control("\u{a0}\u{2028}"), None);
        assert_eq!(control_name('\u{c}'), "U+000C (form feed)");
        assert_eq!(control_name('\u{1b}'), "U+001B (escape)");
        assert_eq!(control_name('\u{7f}'), "U+007F (delete)");
        assert_eq!(control_name('\u{9d}'), "U+009D (operating system command)");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(shown("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            shown("a\u{1b}]0;x\u{7}\r\u{9b}"),
            "a\\u{1b}]0;x\\u{7}\\u{d}\\u{9b}"
        );
        let said = control_in_cell("Progress\u{1b}[2J").unwrap();
        assert!(said.contains("U+001B (escape)"), "{said}");
        assert!(said.contains("\"Progress\\u{1b}[2J\""), "{said}");
        assert!(!said.contains('\u{1b}'), "{said}");
        assert_eq!(control_in_cell("a\r\nb\tc"), None);
        // Thirty characters either side, on the line of the character.
        let long = format!(
            "{}\nx{}\u{c}{}\nz",
            "w".repeat(5),
            "x".repeat(40),
            "y".repeat(40)
        );
        let at = long.find('\u{c}').unwrap();
        assert_eq!(
            around(&long, at),
            format!("{}\\u{{c}}{}", "x".repeat(30), "y".repeat(30))
        );
    }

    #[test]
    fn ids() {
        assert!(is_document_id("telford-improvement-plan"));
        assert!(!is_document_id("Telford_plan"));
        assert!(is_item_id("R7-R20"));
        assert!(is_item_id("1.b"));
        assert!(!is_item_id("OR 21"));
    }
}

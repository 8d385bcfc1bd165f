//! Text as officers write it: deserialization helpers, escaping, slugs and ids,
//! and the fingerprints that tell whether bytes changed.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

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

/// Free text on one line, shortened for a report.
pub(crate) fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
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
    fn ids() {
        assert!(is_document_id("telford-improvement-plan"));
        assert!(!is_document_id("Telford_plan"));
        assert!(is_item_id("R7-R20"));
        assert!(is_item_id("1.b"));
        assert!(!is_item_id("OR 21"));
    }
}

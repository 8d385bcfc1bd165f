//! Where a value stands in its YAML file, noted while the file is read, so
//! that a later stage can point at it without reading the file again.
//!
//! The YAML parser keeps no spans, but an error it raises carries the position
//! of the node it was reading. A [`Probe`] asks for nested values until the
//! parser's nesting limit fails on purpose, before anything is consumed: the
//! error's position is where the next node starts, and the node is then read
//! for real.

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A 1-based (line, column), the column counted in characters.
pub(crate) type Position = (usize, usize);

/// Where a value starts in its file, when it was read from YAML. It is not
/// part of what the value says: two values that differ only in where they
/// stand are equal.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spot(pub Option<Position>);

impl PartialEq for Spot {
    fn eq(&self, _: &Spot) -> bool {
        true
    }
}

impl Eq for Spot {}

/// Marks an error raised on purpose, to learn a position.
pub(crate) const HERE: &str = "\u{0}ragtime-locate-here";

/// How deep a probe may go before it gives up (the parser stops at 128 levels).
const PROBE_LIMIT: usize = 1_000;

/// Finds where the next node starts without reading it: nested newtype
/// requests use up the parser's nesting limit without moving on, and the
/// error it then raises carries the position of the node. The caller reads the
/// node again afterwards, for real.
pub(crate) struct Probe(pub usize);

impl<'de> DeserializeSeed<'de> for Probe {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.0 > PROBE_LIMIT {
            return Err(de::Error::custom(HERE));
        }
        deserializer.deserialize_newtype_struct(HERE, Probe(self.0 + 1))
    }
}

impl<'de> Visitor<'de> for Probe {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(HERE)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }
}

/// What a probe found.
pub(crate) enum Probed<E> {
    /// The node starts here.
    At(Position),
    /// There is no next node: the mapping or sequence has ended.
    End,
    /// The document cannot be read further.
    Stop(E),
}

pub(crate) fn probed<E: de::Error>(result: Result<Option<()>, E>) -> Probed<E> {
    match result {
        Ok(None) => Probed::End,
        Ok(Some(())) => Probed::Stop(E::custom(HERE)),
        Err(error) => match limit_position(&error.to_string()) {
            Some(at) => Probed::At(at),
            None => Probed::Stop(error),
        },
    }
}

/// The position in the parser's "recursion limit exceeded at line L column C".
fn limit_position(message: &str) -> Option<Position> {
    let rest = message.strip_prefix("recursion limit exceeded")?;
    if rest.is_empty() {
        return Some((1, 1)); // the parser leaves out line 1, column 1
    }
    let (line, column) = rest.strip_prefix(" at line ")?.split_once(" column ")?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// A value that can be told where it stands.
pub(crate) trait Placed {
    fn set_spot(&mut self, spot: Spot);
    /// What the value is, for "expected …" in an error.
    const NAME: &'static str;
}

/// Reads a list of mappings, noting where each one starts (at its first key,
/// which is where a block mapping starts). Each item is read as it would be
/// without this: the same errors, at the same places.
pub(crate) fn placed<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Placed,
{
    deserializer.deserialize_seq(List(std::marker::PhantomData))
}

struct List<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + Placed> Visitor<'de> for List<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(Item(std::marker::PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
}

struct Item<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + Placed> DeserializeSeed<'de> for Item<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de> + Placed> Visitor<'de> for Item<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // Probing a key leaves it unread; a mapping with no keys has no place.
        let at = match probed(map.next_key_seed(Probe(0))) {
            Probed::At(at) => Some(at),
            Probed::End | Probed::Stop(_) => None,
        };
        let mut item = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
        item.set_spot(Spot(at));
        Ok(item)
    }
}

#[cfg(test)]
mod tests {
    use super::{probed, Probe, Probed, HERE};
    use crate::model::plan::Plan;
    use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

    /// Nests without end and has no nesting limit of its own.
    struct Endless;

    impl<'de> Deserializer<'de> for Endless {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            visitor.visit_newtype_struct(Endless)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    #[test]
    fn a_probe_gives_up_where_nothing_stops_it() {
        match probed(Probe(0).deserialize(Endless).map(Some)) {
            Probed::Stop(error) => assert!(error.to_string().contains(HERE)),
            _ => panic!("a probe with no nesting limit must give up"),
        }
    }

    const HEAD: &str = "title: T\norganisation: O\nkind: scrutiny\n";

    fn plan(body: &str) -> Result<Plan, String> {
        serde_yaml::from_str(&format!("{HEAD}{body}")).map_err(|e| e.to_string())
    }

    fn spots(plan: &Plan) -> Vec<Option<(usize, usize)>> {
        plan.recommendations()
            .flat_map(|r| &r.actions)
            .chain(plan.sections.iter().flat_map(|s| &s.actions))
            .map(|a| a.spot.0)
            .collect()
    }

    #[test]
    fn actions_know_where_they_start() {
        let block = plan(
            "recommendations:\n  - id: R1\n    actions:\n      - text: One\n      - id: a2\n        text: Two\n",
        )
        .unwrap();
        assert_eq!(spots(&block), [Some((7, 9)), Some((8, 9))]);
        let flow =
            plan("sections:\n  - title: S\n    actions: [{text: One}, {text: Two}]\n").unwrap();
        assert_eq!(spots(&flow), [Some((6, 16)), Some((6, 29))]);
        // Where it stands is not what it says.
        let moved = plan(
            "\n\nrecommendations:\n  - id: R1\n    actions:\n      - text: One\n      - id: a2\n        text: Two\n",
        )
        .unwrap();
        assert_ne!(spots(&moved), spots(&block));
        assert_eq!(moved, block);
    }

    #[test]
    fn errors_in_actions_are_told_as_before() {
        let unknown = plan(
            "recommendations:\n  - id: R1\n    actions:\n      - text: One\n      - txt: Two\n",
        )
        .unwrap_err();
        assert!(
            unknown.starts_with("recommendations[0].actions[1]: unknown field `txt`"),
            "{unknown}"
        );
        assert!(unknown.contains("line 8 column 9"), "{unknown}");
        let scalar =
            plan("recommendations:\n  - id: R1\n    actions:\n      - just text\n").unwrap_err();
        assert!(
            scalar.starts_with(
                "recommendations[0].actions[0]: invalid type: string \"just text\", expected struct Action"
            ),
            "{scalar}"
        );
        let not_a_list = plan("recommendations:\n  - id: R1\n    actions: text\n").unwrap_err();
        assert!(not_a_list.contains("expected a sequence"), "{not_a_list}");
        // An empty action has no first key to stand at; it is still read.
        let empty = plan("recommendations:\n  - id: R1\n    actions:\n      - {}\n").unwrap_err();
        assert!(empty.contains("missing field `text`"), "{empty}");
    }
}

//! Finds where a field sits in a YAML file, for errors found after parsing.
//!
//! The YAML parser keeps no spans in the values it produces, but an error raised
//! while deserializing carries the position of the node being read. So to locate
//! `sections[0].title`, we deserialize again, walk down that path skipping
//! everything else, and fail on purpose at the target: the failure's position is
//! the answer. This runs only for files that have problems.
//!
//! A file with many problems is read once by [`Positions`], which records where
//! every node is in a single pass, instead of once for each problem.

use crate::model::plan::Place;
use crate::model::spot::{probed, Probe, Probed, HERE};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::ops::Range;

/// One segment of a path into a YAML document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Segment {
    Key(String),
    Index(usize),
}

/// A path into a YAML document, displayed as `sections[0].recommendations[2].text`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    pub(crate) fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    #[must_use]
    pub(crate) fn key(&self, key: &str) -> FieldPath {
        let mut steps = self.0.clone();
        steps.push(Segment::Key(key.to_owned()));
        FieldPath(steps)
    }

    /// Where an action is in its plan's file.
    pub(crate) fn action(place: Place) -> FieldPath {
        let mut path = FieldPath::root();
        if let Some(section) = place.section {
            path = path.key("sections").index(section);
        }
        if let Some(recommendation) = place.recommendation {
            path = path.key("recommendations").index(recommendation);
        }
        path.key("actions").index(place.action)
    }

    #[must_use]
    pub(crate) fn index(&self, index: usize) -> FieldPath {
        let mut steps = self.0.clone();
        steps.push(Segment::Index(index));
        FieldPath(steps)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Segment::Key(key) if i == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// 1-based (line, column) of the value at `path`, or of its nearest ancestor that exists.
pub(crate) fn locate(yaml: &str, path: &FieldPath) -> Option<(usize, usize)> {
    (0..=path.0.len())
        .rev()
        .find_map(|depth| locate_exact(yaml, &path.0[..depth]))
}

fn locate_exact(yaml: &str, steps: &[Segment]) -> Option<(usize, usize)> {
    let deserializer = serde_yaml::Deserializer::from_str(yaml);
    match (Seek { steps }).deserialize(deserializer) {
        Err(error) if error.to_string().contains(HERE) => error
            .location()
            .map(|location| (location.line(), location.column())),
        _ => None,
    }
}

struct Seek<'a> {
    steps: &'a [Segment],
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.steps.first() {
            None => deserializer.deserialize_any(Here),
            Some(Segment::Key(_)) => deserializer.deserialize_map(self),
            Some(Segment::Index(_)) => deserializer.deserialize_seq(self),
        }
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping or a sequence")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some(Segment::Key(wanted)) = self.steps.first() else {
            return Ok(());
        };
        while let Some(key) = map.next_key::<KeyText>()? {
            if key.0.as_deref() == Some(wanted.as_str()) {
                return map.next_value_seed(Seek {
                    steps: &self.steps[1..],
                });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some(Segment::Index(wanted)) = self.steps.first() else {
            return Ok(());
        };
        for _ in 0..*wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Seek {
            steps: &self.steps[1..],
        })?;
        Ok(())
    }
}

/// A mapping key, if it is a string; other keys are skipped.
struct KeyText(Option<String>);

impl<'de> de::Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeyText, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(Some(v.to_owned())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<KeyText, E> {
                Ok(KeyText(None))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<KeyText, E> {
                Ok(KeyText(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyText, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(KeyText(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyText, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(KeyText(None))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

/// Fails on purpose, so the error carries the position of the node it was given.
struct Here;

impl<'de> Visitor<'de> for Here {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(HERE)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_some<D: Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        Err(de::Error::custom(HERE))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
}

/// The lines of a YAML text as the parser counts them: besides LF and CR LF, it
/// also breaks lines at a lone CR, NEL, LS and PS.
pub(crate) fn yaml_lines(text: &str) -> Vec<&str> {
    line_ranges(text)
        .into_iter()
        .map(|range| &text[range])
        .collect()
}

/// Where each line of [`yaml_lines`] is in the text, without its line break.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    // Bytes rather than characters: 0xC2 and 0xE2 only ever start a character,
    // so NEL (C2 85), LS (E2 80 A8) and PS (E2 80 A9) are found whole.
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let next = |n: usize| bytes.get(i + n).copied();
        let width = match bytes[i] {
            b'\r' if next(1) == Some(b'\n') => 2,
            b'\n' | b'\r' => 1,
            0xC2 if next(1) == Some(0x85) => 2,
            0xE2 if next(1) == Some(0x80) && matches!(next(2), Some(0xA8 | 0xA9)) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        lines.push(start..i);
        i += width;
        start = i;
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    lines
}

pub(crate) use crate::model::spot::Position;

/// A text's lines, to turn offsets into lines and columns without reading the
/// whole text again for each one.
pub(crate) struct TextLines<'t> {
    text: &'t str,
    /// Where each line starts.
    starts: Vec<usize>,
}

impl<'t> TextLines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        TextLines { text, starts }
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1; // inside a character: that character's column
        }
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// Line `line` (1-based), without its line break.
    pub(crate) fn line(&self, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text.get(start..end)
    }

    pub(crate) fn count(&self) -> usize {
        self.starts.len()
    }
}

/// Where every node of a YAML document is, found in one pass over it, so a
/// file with many problems is read once rather than once for each problem.
#[derive(Clone, Debug, Default)]
pub(crate) struct Positions {
    /// Where each value starts, by its path.
    values: HashMap<Vec<Segment>, Position>,
    /// Where the key of each field is, by the path of its value.
    keys: HashMap<Vec<Segment>, Position>,
    /// Where a key is given a second time in the same mapping.
    repeats: HashMap<Vec<Segment>, Position>,
    /// Where each line is in the text, as the parser counts lines.
    lines: Vec<Range<usize>>,
}

impl Positions {
    /// Reads `yaml` once, recording the position of every node it can reach.
    /// A document that stops early (a syntax error) gives what comes before it.
    pub(crate) fn new(yaml: &str) -> Positions {
        Positions::read(yaml, None)
    }

    /// Reads `yaml` once, recording the position of every node it can reach,
    /// or with `wanted`, of the nodes at those paths only (and where no key is:
    /// finding one costs as much as finding its value).
    fn read(yaml: &str, wanted: Option<&BTreeSet<Vec<Segment>>>) -> Positions {
        let mut positions = Positions::default();
        let root = || locate_exact(yaml, &[]);
        if let Some(root) = wanted.map_or_else(root, |_| None) {
            positions.values.insert(Vec::new(), root);
        }
        let lines = line_ranges(yaml);
        let walk = Walk {
            path: Vec::new(),
            out: &mut positions,
            text: yaml,
            lines: &lines,
            wanted,
        };
        // An error only ends the walk: what was recorded before it stays.
        let _ = walk.deserialize(serde_yaml::Deserializer::from_str(yaml));
        positions.lines = lines;
        positions
    }

    /// Line `line` (1-based) of `yaml`, the text these positions were found in.
    pub(crate) fn line<'y>(&self, yaml: &'y str, line: usize) -> Option<&'y str> {
        yaml.get(self.lines.get(line.checked_sub(1)?)?.clone())
    }

    /// Where the value at `path` starts, or its nearest ancestor that exists.
    pub(crate) fn find(&self, path: &FieldPath) -> Option<Position> {
        (0..=path.0.len())
            .rev()
            .find_map(|depth| self.values.get(&path.0[..depth]).copied())
    }

    /// Where the value at `path` starts, if the document has it.
    pub(crate) fn exact(&self, path: &FieldPath) -> Option<Position> {
        self.values.get(path.0.as_slice()).copied()
    }

    /// Where the key of the field at `path` is, if the document has it.
    pub(crate) fn key(&self, path: &FieldPath) -> Option<Position> {
        self.keys.get(path.0.as_slice()).copied()
    }

    /// The path of what stands at `at`: the field whose key or value starts
    /// there, else the last node that starts before it (the deepest one
    /// where several start at the same place).
    pub(crate) fn path_at(&self, at: Position) -> Option<FieldPath> {
        self.keys
            .iter()
            .chain(&self.values)
            .filter(|(_, start)| **start <= at)
            .max_by(|(a, a_start), (b, b_start)| {
                (a_start, a.len(), b.as_slice()).cmp(&(b_start, b.len(), a.as_slice()))
            })
            .map(|(path, _)| FieldPath(path.clone()))
    }

    /// Every field given twice in its mapping, with where it is repeated.
    pub(crate) fn repeats(&self) -> impl Iterator<Item = (FieldPath, Position)> + '_ {
        self.repeats
            .iter()
            .map(|(path, at)| (FieldPath(path.clone()), *at))
    }
}

/// Where each of `paths` is in a YAML document (or its nearest ancestor that
/// exists, below the document itself), found in one pass that reads only what
/// leads to them: for a few fields of a file, cheaper than finding where every
/// field is.
pub(crate) fn locate_all(yaml: &str, paths: &[FieldPath]) -> Vec<Option<Position>> {
    let positions = positions_of(yaml, paths);
    paths.iter().map(|path| positions.find(path)).collect()
}

/// Where these paths (and their ancestors: what a missing path falls back
/// to) are, read in one walk of the document.
pub(crate) fn positions_of(yaml: &str, paths: &[FieldPath]) -> Positions {
    let wanted: BTreeSet<Vec<Segment>> = paths
        .iter()
        .flat_map(|p| (0..=p.0.len()).map(|depth| p.0[..depth].to_vec()))
        .collect();
    Positions::read(yaml, Some(&wanted))
}

/// Reads a whole node, recording where each node inside it starts.
struct Walk<'a> {
    path: Vec<Segment>,
    out: &'a mut Positions,
    text: &'a str,
    lines: &'a [Range<usize>],
    /// The only paths to record, with their ancestors; `None` records all.
    wanted: Option<&'a BTreeSet<Vec<Segment>>>,
}

impl Walk<'_> {
    /// Whether the node at `at` is an alias (`*name`): it is skipped, not followed,
    /// so a document of aliases cannot make the walk long.
    fn is_alias(&self, (line, column): Position) -> bool {
        self.lines
            .get(line.wrapping_sub(1))
            .and_then(|range| self.text[range.clone()].chars().nth(column.wrapping_sub(1)))
            == Some('*')
    }

    fn child(&mut self, step: Segment) -> Walk<'_> {
        Walk {
            path: self.path_to(step),
            out: self.out,
            text: self.text,
            lines: self.lines,
            wanted: self.wanted,
        }
    }

    fn path_to(&self, step: Segment) -> Vec<Segment> {
        let mut path = self.path.clone();
        path.push(step);
        path
    }

    /// Whether the node `step` below this one is wanted, or leads to one that is.
    fn leads(&self, step: &Segment) -> bool {
        let Some(wanted) = self.wanted else {
            return true;
        };
        let path = self.path_to(step.clone());
        wanted
            .range(path.clone()..)
            .next()
            .is_some_and(|next| next.starts_with(&path))
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Ok(())
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    /// A tagged value (`!name value`): the value is read as if untagged.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let (IgnoredAny, variant) = data.variant::<IgnoredAny>()?;
        variant.newtype_variant_seed(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        for index in 0.. {
            if !self.leads(&Segment::Index(index)) {
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    break;
                }
                continue;
            }
            let at = match probed(seq.next_element_seed(Probe(0))) {
                Probed::At(at) => at,
                Probed::End => break,
                Probed::Stop(error) => return Err(error),
            };
            let alias = self.is_alias(at);
            let child = self.child(Segment::Index(index));
            child.out.values.insert(child.path.clone(), at);
            if alias {
                seq.next_element::<IgnoredAny>()?;
            } else {
                seq.next_element_seed(child)?;
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        loop {
            let key_at = if self.wanted.is_some() {
                None
            } else {
                match probed(map.next_key_seed(Probe(0))) {
                    Probed::At(at) => Some(at),
                    Probed::End => break,
                    Probed::Stop(error) => return Err(error),
                }
            };
            let Some(KeyText(key)) = map.next_key::<KeyText>()? else {
                break;
            };
            let Some(key) = key.filter(|key| self.leads(&Segment::Key(key.clone()))) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let value_at = match probed(map.next_value_seed(Probe(0)).map(Some)) {
                Probed::At(at) => at,
                Probed::End => break,
                Probed::Stop(error) => return Err(error),
            };
            let alias = self.is_alias(value_at);
            let child = self.child(Segment::Key(key));
            if child.out.values.contains_key(&child.path) {
                if let Some(key_at) = key_at {
                    child.out.repeats.entry(child.path).or_insert(key_at);
                }
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if let Some(key_at) = key_at {
                child.out.keys.insert(child.path.clone(), key_at);
            }
            child.out.values.insert(child.path.clone(), value_at);
            if alias {
                map.next_value::<IgnoredAny>()?;
            } else {
                map.next_value_seed(child)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "title: Plan\nrecommendations:\n  - id: a\n    actions:\n      - text: One\n        status: on track\n      - text: Two\n        owner: [A, B]\n";

    #[test]
    fn tells_what_stands_at_a_position() {
        let positions = Positions::new(YAML);
        let path = |at| positions.path_at(at).map(|p| p.to_string());
        // A key, a value, and a place inside a value.
        assert_eq!(
            path((6, 9)).as_deref(),
            Some("recommendations[0].actions[0].status")
        );
        assert_eq!(
            path((6, 17)).as_deref(),
            Some("recommendations[0].actions[0].status")
        );
        assert_eq!(
            path((6, 20)).as_deref(),
            Some("recommendations[0].actions[0].status")
        );
        // The end of a line: the last thing on it.
        assert_eq!(
            path((8, usize::MAX)).as_deref(),
            Some("recommendations[0].actions[1].owner[1]")
        );
        assert_eq!(path((1, 1)).as_deref(), Some("title"));
        assert_eq!(path((0, 0)), None);
    }

    #[test]
    fn finds_nested_values() {
        let path = FieldPath::root()
            .key("recommendations")
            .index(0)
            .key("actions")
            .index(0)
            .key("status");
        assert_eq!(path.to_string(), "recommendations[0].actions[0].status");
        assert_eq!(locate(YAML, &path), Some((6, 17)));
        let owner = FieldPath::root()
            .key("recommendations")
            .index(0)
            .key("actions")
            .index(1)
            .key("owner")
            .index(1);
        assert_eq!(locate(YAML, &owner), Some((8, 20)));
    }

    /// Every position found in one pass is the one `locate` finds on its own.
    fn agrees_with_locate(yaml: &str) -> usize {
        let positions = Positions::new(yaml);
        // (a sample of big documents: each `locate` reads the whole document)
        let every = positions.values.len() / 100 + 1;
        for (path, at) in positions.values.iter().step_by(every) {
            let path = FieldPath(path.clone());
            assert_eq!(locate(yaml, &path), Some(*at), "{path}");
        }
        positions.values.len()
    }

    #[test]
    fn one_pass_finds_every_node() {
        assert_eq!(agrees_with_locate(YAML), 14);
        let positions = Positions::new(YAML);
        let status = FieldPath::root()
            .key("recommendations")
            .index(0)
            .key("actions")
            .index(0)
            .key("status");
        assert_eq!(positions.find(&status), Some((6, 17)));
        assert_eq!(positions.key(&status), Some((6, 9)));
        assert_eq!(positions.find(&status.key("x").index(3)), Some((6, 17)));
        assert_eq!(positions.exact(&status.key("x")), None);
        let flow = "a: [1, {b: c}, *x]\nd: &x {e: [f]}\n? [complex]\n: value\ng: |\n  text\n";
        agrees_with_locate(flow);
        let example = concat!(env!("CARGO_MANIFEST_DIR"), "/content/plans");
        for entry in std::fs::read_dir(example).into_iter().flatten().flatten() {
            let yaml = std::fs::read_to_string(entry.path()).unwrap_or_default();
            agrees_with_locate(&yaml);
        }
    }

    /// Line and column the slow way, one offset at a time, to check [`TextLines`].
    fn line_column(text: &str, offset: usize) -> Position {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        (
            line,
            before
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .chars()
                .count()
                + 1,
        )
    }

    #[test]
    fn text_lines_find_every_offset() {
        let text = "Café – “see” [x](ref:a)\n\nline [y](ref:b)\r\nlast";
        let lines = TextLines::new(text);
        for offset in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(
                lines.position(offset),
                line_column(text, offset),
                "{offset}"
            );
        }
        // An offset inside a character counts as that character's column.
        assert_eq!(lines.position(2), (1, 3));
        assert_eq!(lines.position(4), (1, 4));
        assert_eq!(lines.position(text.len() + 5), lines.position(text.len()));
        assert_eq!(lines.count(), 4);
        assert_eq!(lines.line(1), Some("Café – “see” [x](ref:a)"));
        assert_eq!(lines.line(2), Some(""));
        assert_eq!(lines.line(4), Some("last"));
        assert_eq!(lines.line(5), None);
        assert_eq!(lines.line(0), None);
    }

    #[test]
    fn splits_lines_as_yaml_does() {
        assert_eq!(
            yaml_lines("a\nb\r\nc\rd\u{85}e\u{2028}f\u{2029}g"),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
        assert_eq!(yaml_lines("a\n\nb\n"), ["a", "", "b"]);
        assert!(yaml_lines("").is_empty());
    }

    #[test]
    fn one_pass_finds_repeated_keys() {
        let yaml = "a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\na: 5\n";
        let positions = Positions::new(yaml);
        let c = FieldPath::root().key("b").key("c");
        assert_eq!(positions.find(&c), Some((3, 6)));
        let mut repeats: Vec<(String, Position)> = positions
            .repeats()
            .map(|(path, at)| (path.to_string(), at))
            .collect();
        repeats.sort();
        assert_eq!(
            repeats,
            [("a".to_owned(), (6, 1)), ("b.c".to_owned(), (5, 3))]
        );
    }

    #[test]
    fn one_pass_stops_at_a_syntax_error() {
        let positions = Positions::new("a: 1\nb: [2\n");
        assert_eq!(positions.find(&FieldPath::root().key("a")), Some((1, 4)));
    }

    #[test]
    fn finds_some_fields_in_one_pass() {
        let action = |i: usize| {
            FieldPath::root()
                .key("recommendations")
                .index(0)
                .key("actions")
                .index(i)
        };
        let found = locate_all(
            YAML,
            &[action(1).key("owner"), action(0).key("updates"), action(5)],
        );
        assert_eq!(found, [Some((8, 16)), Some((5, 9)), Some((5, 7))]);
        // Each agrees with the one-at-a-time search.
        for path in [action(1).key("owner"), action(0).key("updates"), action(5)] {
            assert_eq!(
                locate_all(YAML, std::slice::from_ref(&path))[0],
                locate(YAML, &path),
                "{path}"
            );
        }
        // A number too big for 64 bits does not end the pass.
        let big = "a: 340282366920938463463374607431768211455\nb: 1\n";
        let (a, b) = (FieldPath::root().key("a"), FieldPath::root().key("b"));
        assert_eq!(locate_all(big, &[a, b]), [Some((1, 4)), Some((2, 4))]);
        // A syntax error ends the pass: what was found before it stays.
        assert_eq!(
            locate_all("a: [", &[FieldPath::root().key("a")]),
            [Some((1, 4))]
        );
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let path = FieldPath::root()
            .key("recommendations")
            .index(0)
            .key("findings");
        assert_eq!(locate(YAML, &path), Some((3, 5)));
    }
}

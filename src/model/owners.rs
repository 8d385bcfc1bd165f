//! `content/owners.yaml`: who leads actions, so that one person or team is one
//! owner however each paper spells them ("Trina Shane, Group Manager" and
//! "Trina Shane"), with their role and organisation (a partner agency when it
//! is not the plan's own).

use crate::text::{one_or_many, slug};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One owner: a person, a post or a team.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// The owner's address on the site (`owners/<id>/`).
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    /// Other spellings the papers use.
    #[serde(default, deserialize_with = "one_or_many")]
    pub aliases: Vec<String>,
    /// How to reach them: an address, a telephone number or a web page, as given.
    #[serde(default)]
    pub contact: Option<String>,
}

impl Owner {
    /// Every spelling that names this owner: its id, its name and its aliases.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str())
            .chain(std::iter::once(self.name.as_str()))
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether this owner works for another organisation than `organisation`.
    pub fn is_partner_of(&self, organisation: &str) -> bool {
        self.organisation
            .as_deref()
            .is_some_and(|own| normalise(own) != normalise(organisation))
    }
}

/// A name as matched against the directory: case, spacing and punctuation
/// around words do not matter ("Head of  Service." is "head of service").
pub(crate) fn normalise(name: &str) -> String {
    let mut normal = String::with_capacity(name.len());
    let words = name
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':')))
        .filter(|word| !word.is_empty());
    for word in words {
        if !normal.is_empty() {
            normal.push(' ');
        }
        normal.push_str(&word.to_lowercase());
    }
    normal
}

/// Every spelling of every owner, normalised, to the owner's position in the
/// directory. A spelling that names two owners is left to `check` to report;
/// here the first keeps it.
pub(crate) fn lookup(owners: &[Owner]) -> HashMap<String, usize> {
    let mut found = HashMap::new();
    for (i, owner) in owners.iter().enumerate() {
        for spelling in owner.spellings() {
            found.entry(normalise(spelling)).or_insert(i);
        }
    }
    found
}

/// Where an owner's page lives: the directory's id when the name is in the
/// directory, else a slug of the name as written.
pub(crate) fn key(name: &str, directory: &[Owner], lookup: &HashMap<String, usize>) -> String {
    key_of(name, &normalise(name), directory, lookup)
}

/// [`key`], for a name already normalised.
pub(crate) fn key_of(
    name: &str,
    normal: &str,
    directory: &[Owner],
    lookup: &HashMap<String, usize>,
) -> String {
    match lookup.get(normal) {
        Some(&i) => directory[i].id.clone(),
        None => slug(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Vec<Owner> {
        serde_yaml::from_str(
            "- id: trina-shane\n  name: Trina Shane\n  role: Group Manager\n  organisation: Telford & Wrekin Council\n  aliases: [\"Trina Shane, Group Manager\", T Shane]\n- id: designated-nurse\n  name: Designated Nurse\n  organisation: NHS Telford and Wrekin CCG\n",
        )
        .unwrap()
    }

    #[test]
    fn every_spelling_finds_one_owner() {
        let owners = directory();
        let lookup = lookup(&owners);
        for name in [
            "Trina Shane",
            "trina  shane",
            "Trina Shane, Group Manager",
            "T Shane",
            "trina-shane",
        ] {
            assert_eq!(key(name, &owners, &lookup), "trina-shane", "{name}");
        }
        assert_eq!(
            key("Designated nurse.", &owners, &lookup),
            "designated-nurse"
        );
        assert_eq!(normalise(" Head of  Service. "), "head of service");
        // Names outside the directory are never guessed at: they keep their own page.
        assert_eq!(key("Trina Shaw", &owners, &lookup), "trina-shaw");
    }

    #[test]
    fn partners_work_for_another_organisation() {
        let owners = directory();
        assert!(!owners[0].is_partner_of("Telford & Wrekin council"));
        assert!(owners[1].is_partner_of("Telford & Wrekin Council"));
        let no_organisation = Owner {
            organisation: None,
            ..owners[0].clone()
        };
        assert!(!no_organisation.is_partner_of("Anyone"));
    }
}

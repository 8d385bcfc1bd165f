//! Checks of `owners.yaml`: usable ids, each owner once, and no spelling that
//! names two owners.

use crate::diagnostic::Diagnostic;
use crate::load::spans::FieldPath;
use crate::load::Loaded;
use crate::model::owners::{normalise, Owner};
use crate::text::{is_document_id, slug};
use std::collections::BTreeMap;

pub(super) fn check_owners(owners: &Loaded<Vec<Owner>>, diagnostics: &mut Vec<Diagnostic>) {
    let source = &owners.source;
    // Each spelling, normalised, to the owner who has it and where.
    let mut spellings: BTreeMap<String, (&str, FieldPath)> = BTreeMap::new();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, owner) in owners.value.iter().enumerate() {
        let at = FieldPath::root().index(i);
        if !is_document_id(&owner.id) {
            let example = match slug(&owner.name) {
                s if s.is_empty() => "head-of-service".to_owned(),
                s => s,
            };
            diagnostics.push(
                source
                    .error(&at.key("id"), format!("the owner id \"{}\" is not usable", owner.id))
                    .hint(format!("ids give addresses on the site: use lower-case letters, digits and dashes, for example \"{example}\"")),
            );
        }
        if let Some(first) = ids.insert(&owner.id, i) {
            diagnostics.push(
                source
                    .error(&at.key("id"), format!("the owner \"{}\" is listed twice", owner.id))
                    .hint(format!("the first is entry {} of the list: merge the two, keeping every spelling in `aliases`", first + 1)),
            );
            continue;
        }
        let named = std::iter::once((at.key("name"), owner.name.as_str())).chain(
            owner
                .aliases
                .iter()
                .enumerate()
                .map(|(a, alias)| (at.key("aliases").index(a), alias.as_str())),
        );
        for (field, spelling) in named {
            match spellings.get(&normalise(spelling)) {
                Some((other, _)) if *other != owner.id => diagnostics.push(
                    source
                        .error(&field, format!("\"{spelling}\" already names the owner \"{other}\""))
                        .hint("a spelling may name one owner only: if they are one person, merge the two entries"),
                ),
                Some(_) => {}
                None => {
                    spellings.insert(normalise(spelling), (&owner.id, field));
                }
            }
        }
    }
}

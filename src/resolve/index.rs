//! What every document id names, and the items inside it: what a reference
//! (`doc` or `doc#item`) is checked against.

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::{Content, SourceFile};
use crate::model::references::{DocKind, Ref};
use std::collections::{BTreeMap, BTreeSet};

/// Every document by id, with its kind and the ids of its items.
pub(crate) struct Index {
    /// Each document's kind and its items' ids, in the document's order (as
    /// hints list them) and as a set (to look them up).
    documents: BTreeMap<String, (DocKind, Items)>,
    /// Documents whose file could not be read: anything may be referenced in them.
    unreadable: BTreeMap<String, DocKind>,
}

/// The ids of a document's items.
struct Items {
    ordered: Vec<String>,
    set: BTreeSet<String>,
}

/// Why a reference does not resolve, and what would be right.
pub(crate) struct Broken {
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl Index {
    /// Indexes the documents (plans with their ids filled in), reporting an id
    /// used by two files.
    pub(crate) fn new(content: &Content, diagnostics: &mut Vec<Diagnostic>) -> Index {
        let mut index = Index {
            documents: BTreeMap::new(),
            unreadable: content
                .unreadable
                .iter()
                .map(|(kind, id)| (id.clone(), *kind))
                .collect(),
        };
        let mut seen: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
        let mut add = |id: &str, kind: DocKind, items: Vec<String>, source: &SourceFile| {
            // Ids are file names, read in name order: the second file is the one to rename.
            if let Some(other) = seen.get(id) {
                diagnostics.push(
                    Diagnostic::error(&source.path, format!("the id \"{id}\" is already used by {}", other.display()))
                        .hint("ids come from file names and must be unique across plans, inspections, indicators, briefings and pages: rename one of the files"),
                );
                return;
            }
            seen.insert(id.to_owned(), source.path.clone());
            let set = items.iter().cloned().collect();
            index.documents.insert(
                id.to_owned(),
                (
                    kind,
                    Items {
                        ordered: items,
                        set,
                    },
                ),
            );
        };
        for inspection in &content.inspections {
            let items = inspection
                .value
                .findings
                .iter()
                .map(|f| f.id.clone())
                .collect();
            add(
                &inspection.value.id,
                DocKind::Inspection,
                items,
                &inspection.source,
            );
        }
        for plan in &content.plans {
            let p = &plan.value;
            let items = p
                .sections
                .iter()
                .map(|s| s.id().to_owned())
                .chain(p.recommendations().map(|r| r.id.clone()))
                .chain(p.actions().map(|a| a.action.id().to_owned()))
                .collect();
            add(&p.id, DocKind::Plan, items, &plan.source);
        }
        for briefing in &content.briefings {
            let value = &briefing.value;
            add(&value.id, DocKind::Briefing, Vec::new(), &briefing.source);
        }
        for page in &content.pages {
            add(&page.value.id, DocKind::Page, Vec::new(), &page.source);
        }
        for indicator in &content.indicators {
            add(
                &indicator.value.0,
                DocKind::Indicator,
                Vec::new(),
                &indicator.source,
            );
        }
        index
    }

    fn ids_of_kind(&self, kind: DocKind) -> impl Iterator<Item = &str> + '_ {
        self.documents
            .iter()
            .filter(move |(_, (k, _))| *k == kind)
            .map(|(id, _)| id.as_str())
    }

    /// Checks a reference; `kinds` limits what the document may be.
    pub(crate) fn check(&self, target: Ref<'_>, kinds: &[DocKind]) -> Result<(), Broken> {
        let doc = target.document;
        if self.unreadable.get(doc).is_some_and(|k| kinds.contains(k)) {
            return Ok(()); // its own error is reported; don't repeat it at every reference
        }
        let Some((kind, items)) = self.documents.get(doc).filter(|(k, _)| kinds.contains(k)) else {
            let wanted: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
            let candidates = || kinds.iter().flat_map(|&k| self.ids_of_kind(k));
            let hint = match did_you_mean(doc, candidates()) {
                Some(close) => format!("did you mean \"{close}\"?"),
                None => format!("known: {}", short_list(candidates())),
            };
            return Err(Broken {
                message: format!("there is no {} \"{doc}\"", wanted.join(" or ")),
                hint: Some(hint),
            });
        };
        let Some(item) = target.item else {
            return Ok(());
        };
        if items.set.contains(item) {
            return Ok(());
        }
        let items = &items.ordered;
        let read_before = || {
            let written = items
                .iter()
                .find(|id| once_read_as(id).as_deref() == Some(item))?;
            Some(format!("name it `{doc}#{written}`: ids are now read as written, and `{written}` was once read as {item}"))
        };
        let hint = read_before()
            .or_else(|| {
                did_you_mean(item, items.iter().map(String::as_str))
                    .map(|close| format!("did you mean \"{doc}#{close}\"?"))
            })
            .or_else(|| {
                (!items.is_empty()).then(|| {
                    format!(
                        "{kind} \"{doc}\" has: {}",
                        short_list(items.iter().map(String::as_str))
                    )
                })
            });
        Err(Broken {
            message: format!("{kind} \"{doc}\" has no {} \"{item}\"", kind.items()),
            hint,
        })
    }
}

/// What an id was read as before ids were read as written, where that
/// differs: YAML makes numbers of `1.10`, `2.50` and `0x1F` (1.1, 2.5, 31),
/// and an action numbered under such an id took its parent's reading
/// (`1.10.2` was 1.1.2). References written then name the old reading.
fn once_read_as(id: &str) -> Option<String> {
    let as_number = |text: &str| {
        // Only what may be a number is read as YAML: this runs on every id of a broken reference's document.
        if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '+' | '-')) {
            return None;
        }
        let serde_yaml::Value::Number(number) = serde_yaml::from_str(text).ok()? else {
            return None;
        };
        let read = match (number.as_u64(), number.as_i64(), number.as_f64()) {
            (Some(n), _, _) => n.to_string(),
            (None, Some(n), _) => n.to_string(),
            (None, None, Some(n)) => n.to_string(),
            (None, None, None) => return None,
        };
        (read != text).then_some(read)
    };
    as_number(id).or_else(|| {
        let (parent, n) = id.rsplit_once('.')?;
        let numbered = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        numbered
            .then(|| as_number(parent))
            .flatten()
            .map(|parent| format!("{parent}.{n}"))
    })
}

/// A list for a hint: the first dozen, then how many more.
fn short_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    let shown = items
        .iter()
        .take(12)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    match items.len() {
        n if n > 12 => format!("{shown} and {} more", n - 12),
        0 => "(none)".to_owned(),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::once_read_as;

    #[test]
    fn ids_once_read_as_numbers() {
        let read = |id: &str| once_read_as(id);
        assert_eq!(read("1.10").as_deref(), Some("1.1"));
        assert_eq!(read("2.50").as_deref(), Some("2.5"));
        assert_eq!(read("0x1F").as_deref(), Some("31"));
        assert_eq!(read("1e3").as_deref(), Some("1000"));
        // An action numbered under such an id.
        assert_eq!(read("1.10.2").as_deref(), Some("1.1.2"));
        // Read the same either way.
        for same in ["1.1", "21", "R22", "1.b", "R7-R20", "xiv", "1.1.2"] {
            assert_eq!(read(same), None, "{same}");
        }
    }
}

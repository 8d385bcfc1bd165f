//! The checker every kind of document is checked with: the site's vocabulary,
//! cycles and index, the documents each links to, and the helpers the checks
//! of each kind share (ids unique in a file, hints that list what exists).

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::spans::FieldPath;
use crate::load::SourceFile;
use crate::model::cycle::Cycle;
use crate::model::owners::Owner;
use crate::model::references::Ref;
use crate::model::status::{Status, NOT_RATED, NOT_STARTED, NO_UPDATE};
use crate::resolve::index::Index;
use crate::text::{is_document_id, is_item_id};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Item ids seen so far in a file: what each is (section, finding...) and where.
pub(crate) type Ids = BTreeMap<String, (&'static str, FieldPath)>;

/// Checks documents against the site's vocabulary, cycles and index,
/// noting the documents each links to.
pub(crate) struct Checker<'a> {
    pub(crate) statuses: &'a [Status],
    pub(crate) cycles: &'a [Cycle],
    /// Whether `site.yaml` lists a cycle twice: references to cycles are then
    /// not reported, as that error is their likely cause.
    pub(crate) cycles_broken: bool,
    pub(crate) index: &'a Index,
    /// `bank_holidays:` of `site.yaml`, for clocks counted in working days.
    pub(crate) bank_holidays: &'a [crate::model::date::Date],
    /// `owners.yaml`, and every spelling in it, normalised, to its owner.
    pub(crate) owners: &'a [Owner],
    pub(crate) directory: &'a HashMap<String, usize>,
    /// The documents the one being checked links to with `ref:`.
    pub(crate) linked: std::cell::RefCell<BTreeSet<String>>,
    /// Cycles named but not listed, while `cycles_broken`.
    pub(crate) unknown_cycles: std::cell::RefCell<BTreeSet<String>>,
    /// The closest spelling in `owners.yaml` to each name it lacks, found
    /// once per name: an imported plan can name one post on hundreds of rows.
    pub(crate) closest_owner: std::cell::RefCell<HashMap<String, Option<String>>>,
}

impl Checker<'_> {
    /// The documents linked to since the last call.
    pub(crate) fn take_linked(&self) -> BTreeSet<String> {
        std::mem::take(&mut self.linked.borrow_mut())
    }

    pub(crate) fn note_link(&self, target: &str) {
        let document = Ref::parse(target).document;
        self.linked.borrow_mut().insert(document.to_owned());
    }
}

impl Checker<'_> {
    /// The position of a cycle in date order, reporting an unknown one.
    pub(crate) fn cycle(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        cycle: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let found = self.cycles.iter().position(|c| c.id == cycle);
        if found.is_none() && self.cycles_broken {
            self.unknown_cycles.borrow_mut().insert(cycle.to_owned());
        } else if found.is_none() {
            diagnostics.push(
                source
                    .error(at, format!("unknown cycle \"{cycle}\""))
                    .hint(self.cycle_hint(cycle)),
            );
        }
        found
    }

    pub(crate) fn cycle_hint_for(&self, cycle: &str) -> String {
        self.cycle_hint(cycle)
    }

    fn cycle_hint(&self, cycle: &str) -> String {
        match did_you_mean(cycle, self.cycles.iter().map(|c| c.id.as_str())) {
            Some(close) => format!("did you mean \"{close}\"?"),
            None => format!(
                "cycles are listed in content/site.yaml: {}",
                self.cycle_list()
            ),
        }
    }

    fn cycle_list(&self) -> String {
        let ids: Vec<&str> = self.cycles.iter().map(|c| c.id.as_str()).collect();
        if ids.is_empty() {
            "(none yet)".to_owned()
        } else {
            ids.join(", ")
        }
    }
}

pub(crate) fn push(
    diagnostics: &mut Vec<Diagnostic>,
    diagnostic: Diagnostic,
    hint: Option<String>,
) {
    diagnostics.push(match hint {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    });
}

/// Checks an item id's form and that it is unique within its file.
/// Returns false when an earlier item of the file has the same id.
pub(crate) fn item_id(
    source: &SourceFile,
    at: &FieldPath,
    id: &str,
    seen: &mut Ids,
    what: &'static str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if !is_item_id(id) {
        diagnostics.push(source.error(at, format!("the {what} id \"{id}\" is not usable"))
            .hint("ids are used in links: use letters, digits, '.' and '-' only, for example \"R7\", \"1.b\" or \"xiv\""));
        return true;
    }
    let Some((other, earlier)) = seen.get(id) else {
        seen.insert(id.to_owned(), (what, at.clone()));
        return true;
    };
    let line = source.position(earlier).map(|(line, _)| line);
    let on_line = line.map(|l| format!(", on line {l}")).unwrap_or_default();
    // Read only now, as they are needed: whether the ids are written in the file.
    let written = source.positions().exact(at).is_some();
    let earlier_written = source.positions().exact(earlier).is_some();
    let given = |what: &str| match what {
        "section" => "made from its title",
        _ => "made from its place in the plan",
    };
    let message = if written {
        format!("duplicate id \"{id}\": an earlier {other} in this file has it{on_line}")
    } else {
        format!(
            "this {what} has no id, and the one it is given ({}), \"{id}\", is already used by an earlier {other} in this file{on_line}",
            given(what)
        )
    };
    let hint = match (written, earlier_written) {
        (true, true) => {
            "ids must be unique within a file; number the second one differently".to_owned()
        }
        (true, false) => format!(
            "the {other}{} has no id of its own and is given \"{id}\" ({}): give this {what} a different id, or give that {other} an id",
            line.map(|l| format!(" on line {l}")).unwrap_or_default(),
            given(other)
        ),
        (false, _) => format!("give this {what} an id of its own: add `id: ...` to it"),
    };
    diagnostics.push(source.error(at, message).hint(hint));
    false
}

/// Checks a RAG key (the site's or a plan's own): usable ids, each id and
/// each label given once, and no label that reads as what ragtime says of an
/// action without a status.
pub(crate) fn vocabulary(
    source: &SourceFile,
    field: &FieldPath,
    statuses: &[Status],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut ids = BTreeSet::new();
    let mut labels = BTreeMap::new();
    for (i, status) in statuses.iter().enumerate() {
        let at = field.index(i);
        if !is_document_id(&status.id) {
            diagnostics.push(
                source
                    .error(
                        &at.key("id"),
                        format!("the status id \"{}\" is not usable", status.id),
                    )
                    .hint("use lower-case letters, digits and dashes, for example \"on-track\""),
            );
        }
        if !ids.insert(status.id.as_str()) {
            diagnostics.push(source.error(
                &at.key("id"),
                format!("the status \"{}\" is defined twice", status.id),
            ));
        }
        let label = status.label.trim().to_lowercase();
        if let Some(reserved) = [NOT_RATED, NO_UPDATE]
            .into_iter()
            .find(|r| r.to_lowercase() == label)
        {
            diagnostics.push(
                source
                    .error(
                        &at.key("label"),
                        format!(
                            "the label \"{}\" is what pages call an action without a status",
                            status.label
                        ),
                    )
                    .hint(reserved_label_help(&status.id, reserved)),
            );
        } else if let Some(first) = labels.insert(label, status.id.as_str()) {
            diagnostics.push(
                source
                    .error(
                        &at.key("label"),
                        format!(
                            "the label \"{}\" is also the label of the status \"{first}\"",
                            status.label
                        ),
                    )
                    .hint(format!(
                        "pages name statuses by their labels: give each status a label of its own; if the two mean the same, delete this one and write `status: {first}` in the updates that give `status: {}`",
                        status.id
                    )),
            );
        }
    }
}

/// What to do about a status labelled the way pages label an action without
/// one. Keys written when every key needed a `not-started` status often gave
/// it such a label; no key needs one now, and pages say those words anyway.
fn reserved_label_help(id: &str, reserved: &str) -> String {
    let optional = if id == NOT_STARTED {
        "`not-started` is optional: "
    } else {
        ""
    };
    let not_rated = format!("\"{NOT_RATED}\" for an action whose update gives no status");
    let no_update = format!("\"{NO_UPDATE}\" for an action with no update");
    let first = if reserved == NOT_RATED {
        format!("{not_rated}, and {no_update}")
    } else {
        format!("{no_update}, and {not_rated}")
    };
    format!(
        "{optional}if the paper has no such status, delete this status and leave `status: {id}` out of any update that gives it (ragtime itself shows {first}); if the paper has no status column at all, write `statuses: []`; otherwise give this status the paper's own label"
    )
}

//! What a return holds: the columns of a return sheet, and which owners are
//! asked about which actions at a cycle. Shared by writing and reading returns.

use crate::derive::Facts;
use crate::model::cycle::Cycle;
use crate::model::plan::ActionRef;
use crate::model::site::Site;

/// The headings of a return sheet, in order. The first three columns are
/// hidden and carry the keys a returned row is matched by.
pub(crate) const HEADINGS: [&str; 14] = [
    PLAN_ID,
    ACTION_ID,
    CYCLE,
    PLAN,
    NUMBER,
    ACTION,
    "Due date",
    "Last reported status",
    "Last reported progress",
    "Last reported at",
    STATUS,
    PROGRESS,
    NEXT_STEPS,
    REVISED_DUE,
];

pub(crate) const PLAN_ID: &str = "Plan id";
pub(crate) const ACTION_ID: &str = "Action id";
pub(crate) const CYCLE: &str = "Cycle";
/// The visible columns that say which action a row is: a returned row must
/// still show the action its keys name.
pub(crate) const PLAN: &str = "Plan";
pub(crate) const NUMBER: &str = "No.";
pub(crate) const ACTION: &str = "Action";
pub(crate) const STATUS: &str = "Status";
pub(crate) const PROGRESS: &str = "Progress";
pub(crate) const NEXT_STEPS: &str = "Next steps";
pub(crate) const REVISED_DUE: &str = "Revised due date";

/// The columns an owner fills in: the last four.
pub(crate) const FILL_IN: u16 = 10;

/// One owner and the actions still open for them at a cycle.
pub(crate) struct Owed<'s> {
    /// The owner's address: their id in `owners.yaml`, or a slug of the name.
    pub slug: String,
    pub name: &'s str,
    /// In site plan order.
    pub actions: Vec<ActionRef<'s>>,
}

/// Every owner with an action not done at `cycle`, by slug; an action with two
/// owners is owed by both.
pub(crate) fn owed<'s>(facts: &Facts<'s>, cycle: &Cycle) -> Vec<Owed<'s>> {
    facts
        .owners
        .iter()
        .filter_map(|(slug, owner)| {
            let mut actions: Vec<ActionRef<'s>> = owner
                .actions
                .iter()
                .filter(|a| !facts.state(a, Some(cycle)).is_done())
                .copied()
                .collect();
            // An owner named twice on one action (two spellings) is asked once.
            actions.dedup_by(|a, b| a.plan.id == b.plan.id && a.place == b.place);
            (!actions.is_empty()).then(|| Owed {
                slug: slug.clone(),
                name: owner.name,
                actions,
            })
        })
        .collect()
}

/// The cycle named `id`, or a message listing the cycles there are.
pub(crate) fn find_cycle<'s>(site: &'s Site, id: &str) -> Result<&'s Cycle, String> {
    site.cycles.iter().find(|c| c.id == id).ok_or_else(|| {
        let ids: Vec<&str> = site.cycles.iter().map(|c| c.id.as_str()).collect();
        let hint = crate::diagnostic::did_you_mean(id, ids.iter().copied())
            .map(|m| format!("did you mean \"{m}\"? "))
            .unwrap_or_default();
        format!(
            "\"{id}\" is not a cycle of content/site.yaml; {hint}the cycles are: {}",
            if ids.is_empty() {
                "none yet (add one under `cycles:`)".to_owned()
            } else {
                ids.join(", ")
            }
        )
    })
}

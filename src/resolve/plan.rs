//! Checks of a plan: item ids, finding references, statuses and cycles of
//! updates, and due dates that a timescale suggests but the plan leaves out.

use crate::diagnostic::did_you_mean;
use crate::diagnostic::Diagnostic;
use crate::load::spans::FieldPath;
use crate::load::{Loaded, SourceFile};
use crate::model::plan::{Action, Plan, Recommendation};
use crate::model::references::{DocKind, Ref};
use crate::model::timescale::{suggest, DueDate};
use crate::resolve::checker::{item_id, push, Checker, Ids};
use crate::resolve::index::Broken;
use crate::text::slug;
use std::fmt::Write as _;

impl Checker<'_> {
    pub(super) fn plan(&self, loaded: &Loaded<Plan>, diagnostics: &mut Vec<Diagnostic>) {
        let plan = &loaded.value;
        let source = &loaded.source;
        let root = FieldPath::root();
        for (i, inspection) in plan.responds_to.iter().enumerate() {
            if let Err(Broken { message, hint }) = self
                .index
                .check(Ref::parse(inspection), &[DocKind::Inspection])
            {
                push(
                    diagnostics,
                    source.error(&root.key("responds_to").index(i), message),
                    hint,
                );
            }
        }
        if let Some(summary) = &plan.summary {
            self.markdown_field(source, &root.key("summary"), summary, diagnostics);
        }
        if !plan.sections.is_empty() && !plan.recommendations.is_empty() {
            diagnostics.push(
                source
                    .error(
                        &root.key("recommendations"),
                        "the plan has both `sections` and top-level `recommendations`",
                    )
                    .hint("put every recommendation inside a section, or use no sections at all"),
            );
        }

        let mut item_ids = Ids::new();
        for (s, section) in plan.sections.iter().enumerate() {
            let at = root.key("sections").index(s);
            let section_repeated = !item_id(
                source,
                &at.key("id"),
                section.id(),
                &mut item_ids,
                "section",
                diagnostics,
            );
            for (r, rec) in section.recommendations.iter().enumerate() {
                self.recommendation(
                    source,
                    &at.key("recommendations").index(r),
                    rec,
                    &mut item_ids,
                    diagnostics,
                );
            }
            for (a, action) in section.actions.iter().enumerate() {
                self.action(
                    source,
                    &at.key("actions").index(a),
                    action,
                    section_repeated,
                    &mut item_ids,
                    diagnostics,
                );
            }
        }
        for (r, rec) in plan.recommendations.iter().enumerate() {
            self.recommendation(
                source,
                &root.key("recommendations").index(r),
                rec,
                &mut item_ids,
                diagnostics,
            );
        }
    }

    fn recommendation(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        rec: &Recommendation,
        seen: &mut Ids,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let repeated = !item_id(
            source,
            &at.key("id"),
            &rec.id,
            seen,
            "recommendation",
            diagnostics,
        );
        self.findings(source, &at.key("findings"), &rec.findings, diagnostics);
        if let Some(text) = rec.response.as_ref().and_then(|r| r.text.as_ref()) {
            self.markdown_field(source, &at.key("response").key("text"), text, diagnostics);
        }
        for (a, action) in rec.actions.iter().enumerate() {
            self.action(
                source,
                &at.key("actions").index(a),
                action,
                repeated,
                seen,
                diagnostics,
            );
        }
    }

    fn action(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        action: &Action,
        parent_repeated: bool,
        seen: &mut Ids,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        // An action without an id is numbered after its parent (`a.1`): when the
        // parent's id is a duplicate, so is the number, and the parent's error says it all.
        let numbered_after_a_duplicate = parent_repeated
            && seen.contains_key(action.id())
            && source.positions().exact(&at.key("id")).is_none();
        if !numbered_after_a_duplicate {
            item_id(
                source,
                &at.key("id"),
                action.id(),
                seen,
                "action",
                diagnostics,
            );
        }
        self.findings(source, &at.key("findings"), &action.findings, diagnostics);
        if action.text.trim().is_empty() {
            diagnostics.push(
                source
                    .error(&at.key("text"), "the action has no text")
                    .hint("say what will be done, as the paper words it"),
            );
        }
        if action.owner.iter().any(|o| slug(o).is_empty()) {
            diagnostics.push(source.error(
                &at.key("owner"),
                "an owner's name is empty or has no letters or digits",
            ));
        }

        let mut previous: Option<(usize, &str)> = None;
        for (u, update) in action.updates.iter().enumerate() {
            let here = at.key("updates").index(u);
            match self.cycles.iter().position(|c| c.id == update.cycle) {
                None => {
                    let hint = self.cycle_hint(&update.cycle);
                    diagnostics.push(
                        source
                            .error(
                                &here.key("cycle"),
                                format!("unknown cycle \"{}\"", update.cycle),
                            )
                            .hint(hint),
                    );
                }
                Some(order) => {
                    if let Some((previous_order, previous_id)) = previous {
                        if order == previous_order {
                            diagnostics.push(
                                source
                                    .error(
                                        &here.key("cycle"),
                                        format!(
                                            "two updates for the same cycle \"{}\"",
                                            update.cycle
                                        ),
                                    )
                                    .hint("give one update per cycle: merge the two"),
                            );
                        } else if order < previous_order {
                            diagnostics.push(source.error(&here.key("cycle"), format!("the update for \"{}\" comes after the later cycle \"{previous_id}\"", update.cycle))
                                .hint("list updates oldest first"));
                        }
                    }
                    previous = Some((order, &update.cycle));
                }
            }
            if let Some(status) = &update.status {
                if !self.statuses.iter().any(|s| &s.id == status) {
                    let ids: Vec<&str> = self.statuses.iter().map(|s| s.id.as_str()).collect();
                    let mut hint = format!("expected one of: {}", ids.join(", "));
                    if let Some(close) = did_you_mean(status, ids.iter().copied()) {
                        write!(hint, "; did you mean \"{close}\"?").ok();
                    }
                    diagnostics.push(
                        source
                            .error(&here.key("status"), format!("unknown status \"{status}\""))
                            .hint(hint),
                    );
                }
            }
            for (name, text) in [("progress", &update.progress), ("impact", &update.impact)] {
                if let Some(text) = text {
                    self.markdown_field(source, &here.key(name), text, diagnostics);
                }
            }
        }

        if action.due.is_none() {
            for (name, text) in [("timescale", &action.timescale), ("target", &action.target)] {
                let Some(text) = text else { continue };
                if let DueDate::Date(date) = suggest(text) {
                    diagnostics.push(
                        source.warning(&at.key(name), format!("the {name} \"{}\" reads like a date, but the action has no due date", crate::text::one_line(text)))
                            .hint(format!("add `due: {date}` to this action so it can show as overdue (`ragtime dates --write` adds every date it can read)")),
                    );
                    break;
                }
            }
        }
    }

    fn findings(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        findings: &[String],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for (i, target) in findings.iter().enumerate() {
            let here = at.index(i);
            if !target.contains('#') {
                diagnostics.push(source.error(&here, format!("the finding reference \"{target}\" does not say which finding"))
                    .hint("write it as inspection-id#finding-id, for example \"middlesbrough-ofsted-2016#xiv\""));
                continue;
            }
            if let Err(Broken { message, hint }) =
                self.index.check(Ref::parse(target), &[DocKind::Inspection])
            {
                push(
                    diagnostics,
                    source.error(
                        &here,
                        format!("broken finding reference \"{target}\": {message}"),
                    ),
                    hint,
                );
            }
        }
    }
}

//! Checks of a plan: its own RAG key, item ids, finding references, owners,
//! the statuses and cycles of updates (of actions and of their steps), the
//! paper's own summaries, and due dates: those a timescale suggests but the
//! plan leaves out, and those that cannot be right.

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::spans::FieldPath;
use crate::load::{Loaded, SourceFile};
use crate::model::date::Date;
use crate::model::owners::normalise;
use crate::model::plan::{Action, Due, Moment, Plan, Recommendation, Report, Update};
use crate::model::references::{DocKind, Ref};
use crate::model::status::Status;
use crate::model::timescale::{suggest, DueDate};
use crate::resolve::checker::{item_id, push, vocabulary, Checker, Ids};
use crate::resolve::index::Broken;
use crate::text::{one_line, slug};
use std::fmt::Write as _;

/// What the checks of one plan's parts share.
struct InPlan<'p> {
    source: &'p SourceFile,
    plan: &'p Plan,
    /// The RAG key in force: the plan's own, or the site's.
    statuses: &'p [Status],
    /// The first and last years of the plan's life.
    life: (u16, u16),
}

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
        if let Some(own) = &plan.statuses {
            vocabulary(source, &root.key("statuses"), own, diagnostics);
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
        Self::clocks(source, &plan.clocks, None, self.bank_holidays, diagnostics);
        if plan.estimated && plan.agreed.is_none() {
            diagnostics.push(
                source
                    .error(&root.key("estimated"), "`estimated: true` marks the date the plan was agreed as estimated, but the plan gives no `agreed` date")
                    .hint("add the date the paper gives, for example agreed: 2020-03, or leave `estimated` out"),
            );
        }
        let here = InPlan {
            source,
            plan,
            statuses: plan.statuses.as_deref().unwrap_or(self.statuses),
            life: self.life_of(plan),
        };
        for (i, report) in plan.reports.iter().enumerate() {
            self.report(&here, &root.key("reports"), i, report, diagnostics);
        }
        if plan
            .partial
            .as_deref()
            .is_some_and(|why| why.trim().is_empty())
        {
            diagnostics.push(
                source
                    .error(&root.key("partial"), "`partial` is empty: it says why the plan holds only part of its paper")
                    .hint("say which part the plan holds, for example partial: \"The minutes list only the red actions.\""),
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
                    &here,
                    &at.key("recommendations").index(r),
                    rec,
                    &mut item_ids,
                    diagnostics,
                );
            }
            for (a, action) in section.actions.iter().enumerate() {
                self.action(
                    &here,
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
                &here,
                &root.key("recommendations").index(r),
                rec,
                &mut item_ids,
                diagnostics,
            );
        }
    }

    fn recommendation(
        &self,
        here: &InPlan<'_>,
        at: &FieldPath,
        rec: &Recommendation,
        seen: &mut Ids,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source = here.source;
        let repeated = !item_id(
            source,
            &at.key("id"),
            &rec.id,
            seen,
            "recommendation",
            diagnostics,
        );
        self.findings(source, &at.key("findings"), &rec.findings, diagnostics);
        self.indicators(source, &at.key("indicators"), &rec.indicators, diagnostics);
        if let Some(text) = rec.response.as_ref().and_then(|r| r.text.as_ref()) {
            self.markdown_field(source, &at.key("response").key("text"), text, diagnostics);
        }
        for (a, action) in rec.actions.iter().enumerate() {
            self.action(
                here,
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
        here: &InPlan<'_>,
        at: &FieldPath,
        action: &Action,
        parent_repeated: bool,
        seen: &mut Ids,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source = here.source;
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
        self.indicators(
            source,
            &at.key("indicators"),
            &action.indicators,
            diagnostics,
        );
        if action.text.trim().is_empty() {
            diagnostics.push(
                source
                    .error(&at.key("text"), "the action has no text")
                    .hint("say what will be done, as the paper words it"),
            );
        }
        self.owners(source, &at.key("owner"), &action.owner, diagnostics);
        self.updates(here, &at.key("updates"), &action.updates, diagnostics);
        Self::due(here, &at.key("due"), action.due, diagnostics);
        Self::estimated(here, at, action.estimated, action.due, diagnostics);
        if action.due == Due::Unset {
            for (name, text) in [("timescale", &action.timescale), ("target", &action.target)] {
                let Some(text) = text else { continue };
                if let DueDate::Date(date) = suggest(text) {
                    diagnostics.push(
                        source.warning(&at.key(name), format!("the {name} \"{}\" reads like a date, but the action has no due date", one_line(text)))
                            .hint(format!("add `due: {date}` to this action so it can show as overdue (`ragtime dates --write` adds every date it can read), or `due: none` if the paper means no deadline")),
                    );
                    break;
                }
            }
        }
        for (s, step) in action.steps.iter().enumerate() {
            let at = at.key("steps").index(s);
            if step.text.trim().is_empty() {
                diagnostics.push(
                    source
                        .error(&at.key("text"), "the step has no text")
                        .hint("say what will be done, as the paper words it"),
                );
            }
            self.owners(source, &at.key("owner"), &step.owner, diagnostics);
            self.updates(here, &at.key("updates"), &step.updates, diagnostics);
            Self::due(here, &at.key("due"), step.due, diagnostics);
            Self::estimated(here, &at, step.estimated, step.due, diagnostics);
        }
    }

    /// `estimated: true` marks a due date, so there must be one beside it.
    fn estimated(
        here: &InPlan<'_>,
        at: &FieldPath,
        estimated: bool,
        due: Due,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if estimated && due.date().is_none() {
            let why = match due {
                Due::Never => "`due: none` says there is no deadline",
                _ => "there is no `due` date beside it",
            };
            diagnostics.push(
                here.source
                    .error(&at.key("estimated"), format!("`estimated: true` marks the due date as estimated, but {why}"))
                    .hint("give the date the paper gives, for example due: 2026-03-31, or leave `estimated` out"),
            );
        }
    }

    /// The updates of an action or a step: known cycles, oldest first, one a
    /// cycle; statuses of the plan's key; and an update that says why nothing
    /// was reported carries nothing else.
    fn updates(
        &self,
        here: &InPlan<'_>,
        at: &FieldPath,
        updates: &[Update],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source = here.source;
        let mut previous: Option<(usize, &str)> = None;
        for (u, update) in updates.iter().enumerate() {
            let at = at.index(u);
            let words = MomentWords {
                noun: "update",
                list: "updates",
                counted: "the rating the plan gave when it was agreed",
                agreed: "the rating the plan gave when it was agreed, not at a meeting",
                first: "the rating the plan gave when it was agreed",
            };
            let moment = (u, update.at, update.cycle.as_str());
            let named = Self::names_its_moment(source, &at, moment, &words, diagnostics);
            if named && update.at.is_some() && update.confirmed.is_some() {
                diagnostics.push(
                    source
                        .error(&at.key("confirmed"), "the rating the plan gave when it was agreed cannot be a committee's confirmation")
                        .hint("give `confirmed` on the update of the meeting that confirmed it"),
                );
            }
            let order = if named && update.at.is_none() {
                self.cycle(source, &at.key("cycle"), &update.cycle, diagnostics)
            } else {
                None
            };
            if let Some(order) = order {
                if let Some((previous_order, previous_id)) = previous {
                    if order == previous_order {
                        diagnostics.push(
                            source
                                .error(
                                    &at.key("cycle"),
                                    format!("two updates for the same cycle \"{}\"", update.cycle),
                                )
                                .hint("give one update per cycle: merge the two"),
                        );
                    } else if order < previous_order {
                        diagnostics.push(source.error(&at.key("cycle"), format!("the update for \"{}\" comes after the later cycle \"{previous_id}\"", update.cycle))
                            .hint("list updates oldest first"));
                    }
                }
                previous = Some((order, &update.cycle));
            }
            if let Some(status) = &update.status {
                Self::status(here, &at.key("status"), status, diagnostics);
            }
            if update.not_reported.is_some() {
                for (name, given) in [
                    ("status", update.status.is_some()),
                    ("progress", update.progress.is_some()),
                ] {
                    if given {
                        diagnostics.push(
                            source
                                .error(&at.key(name), format!("an update that was not reported has no {name}"))
                                .hint("`not_reported` says why nothing was reported at this cycle: remove it, or remove this field"),
                        );
                    }
                }
            }
            for (name, text) in [
                ("progress", &update.progress),
                ("impact", &update.impact),
                ("next_steps", &update.next_steps),
            ] {
                if let Some(text) = text {
                    self.markdown_field(source, &at.key(name), text, diagnostics);
                }
            }
            if let Some(due) = update.due {
                Self::due(here, &at.key("due"), Due::On(due), diagnostics);
            }
            if let Some(confirmed) = &update.confirmed {
                self.confirmation(here, &at, &updates[..=u], confirmed, diagnostics);
            }
        }
    }

    /// An entry of `updates` or `reports` names its meeting (`cycle`) or
    /// `at: agreed`, not both, and the one from when the plan was agreed
    /// comes first; true when it is so.
    fn names_its_moment(
        source: &SourceFile,
        at: &FieldPath,
        (index, moment, cycle): (usize, Option<Moment>, &str),
        words: &MomentWords,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> bool {
        let MomentWords {
            noun,
            list,
            counted,
            agreed,
            first,
        } = words;
        let error = match (moment, cycle.is_empty()) {
            (None, false) => return true,
            (Some(_), true) if index == 0 => return true,
            (None, true) => source
                .error(at, format!("the {noun} names no cycle"))
                .hint(format!("give the meeting it was reported to, for example cycle: 2013-08, or `at: agreed` for {counted}")),
            (Some(_), false) => source
                .error(&at.key("at"), format!("the {noun} gives both `at: agreed` and `cycle: {cycle}`"))
                .hint(format!("`at: agreed` is {agreed}: keep one of the two")),
            (Some(_), true) => source
                .error(&at.key("at"), format!("{first} is not the first entry of `{list}`"))
                .hint("move the `at: agreed` entry to the top of the list: it comes before every meeting, and there is one"),
        };
        diagnostics.push(error);
        false
    }

    /// A committee's confirmation of completion: at a known meeting, of an
    /// action reported complete by then, and not before it was reported so.
    fn confirmation(
        &self,
        here: &InPlan<'_>,
        at: &FieldPath,
        so_far: &[Update],
        confirmed: &crate::model::plan::Confirmed,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source = here.source;
        let cycle_at = at.key("confirmed").key("cycle");
        let order = self.cycle(source, &cycle_at, &confirmed.cycle, diagnostics);
        let done = |u: &Update| {
            u.status
                .as_deref()
                .and_then(|id| here.statuses.iter().find(|s| s.id == id))
                .map(|s| s.done)
        };
        // The latest status given, and the update at which the action last became done.
        let mut latest = None;
        let mut became_done: Option<&Update> = None;
        for u in so_far.iter().filter(|u| u.not_reported.is_none()) {
            if let Some(is_done) = done(u) {
                if is_done && latest != Some(true) {
                    became_done = Some(u);
                }
                latest = Some(is_done);
            }
        }
        if latest != Some(true) {
            let status = so_far
                .iter()
                .rev()
                .find_map(|u| u.status.as_deref())
                .map_or("no status".to_owned(), |s| format!("the status \"{s}\""));
            diagnostics.push(
                source
                    .error(&at.key("confirmed"), format!("the committee confirms completion, but the action is not reported complete by this update (it has {status})"))
                    .hint("a committee confirms what officers have reported complete: give this update (or an earlier one) a status that counts as done, or remove `confirmed`"),
            );
            return;
        }
        let reported = became_done.and_then(|u| self.cycles.iter().position(|c| c.id == u.cycle));
        if let (Some(order), Some(reported), Some(u)) = (order, reported, became_done) {
            if order < reported {
                diagnostics.push(
                    source
                        .error(&cycle_at, format!("completion is confirmed at \"{}\", before it was reported at \"{}\"", confirmed.cycle, u.cycle))
                        .hint("name the meeting at which the committee confirmed it: the same one or a later one"),
                );
            }
        }
    }

    /// A status id of the plan's key.
    fn status(here: &InPlan<'_>, at: &FieldPath, status: &str, diagnostics: &mut Vec<Diagnostic>) {
        if here.statuses.iter().any(|s| s.id == status) {
            return;
        }
        if here.statuses.is_empty() {
            // The key in force may be the site's: say which file has `statuses: []`.
            let whose = if here.plan.statuses.is_some() {
                "the plan says `statuses: []` (its paper has no status column)"
            } else {
                "content/site.yaml says `statuses: []` (the papers have no status column)"
            };
            diagnostics.push(
                here.source
                    .error(
                        at,
                        format!("unknown status \"{status}\": this plan has no statuses"),
                    )
                    .hint(format!(
                        "{whose}: remove the status, or list the paper's statuses under `statuses`"
                    )),
            );
            return;
        }
        let ids: Vec<&str> = here.statuses.iter().map(|s| s.id.as_str()).collect();
        let mut hint = format!("expected one of: {}", ids.join(", "));
        if let Some(close) = did_you_mean(status, ids.iter().copied()) {
            write!(hint, "; did you mean \"{close}\"?").ok();
        }
        let key = if here.plan.statuses.is_some() {
            " (the plan's own key)"
        } else {
            ""
        };
        diagnostics.push(
            here.source
                .error(at, format!("unknown status \"{status}\"{key}"))
                .hint(hint),
        );
    }

    /// Owners, as the directory knows them when the site has one.
    pub(super) fn owners(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        names: &[String],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for (i, name) in names.iter().enumerate() {
            // One name is written as a string, several as a list; which, is
            // looked up only for a problem (finding positions reads the file).
            let here = || {
                if names.len() == 1 && source.positions().exact(&at.index(0)).is_none() {
                    at.clone()
                } else {
                    at.index(i)
                }
            };
            if slug(name).is_empty() {
                diagnostics.push(source.error(
                    &here(),
                    "an owner's name is empty or has no letters or digits",
                ));
                continue;
            }
            if self.directory.contains_key(&normalise(name)) {
                continue;
            }
            if let Some(parts) = several_owners(name) {
                diagnostics.push(
                    source
                        .warning(&here(), format!("\"{name}\" reads like several owners in one name"))
                        .hint(format!(
                            "if it names {} owners, write them as a list: `owner: [{}]`; if it is one post, add it to content/owners.yaml",
                            parts.len(),
                            parts.join(", ")
                        )),
                );
            } else if !self.owners.is_empty() {
                // Suggested as they are written, by name or alias, never by id.
                let close = self
                    .closest_owner
                    .borrow_mut()
                    .entry(name.clone())
                    .or_insert_with(|| {
                        let spellings = self
                            .owners
                            .iter()
                            .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases))
                            .map(String::as_str);
                        did_you_mean(name, spellings).map(str::to_owned)
                    })
                    .clone();
                let hint = match close {
                    Some(close) => format!("did you mean \"{close}\"? Otherwise add them to content/owners.yaml, or add this spelling to an owner's `aliases`"),
                    None => "add them to content/owners.yaml, or add this spelling to an owner's `aliases`, so their actions are listed together".to_owned(),
                };
                diagnostics.push(
                    source
                        .warning(
                            &here(),
                            format!("the owner \"{name}\" is not in content/owners.yaml"),
                        )
                        .hint(hint),
                );
            }
        }
    }

    /// A due date that cannot be what the paper means: before the plan was
    /// agreed, or in a year far from any of the plan's meetings.
    fn due(here: &InPlan<'_>, at: &FieldPath, due: Due, diagnostics: &mut Vec<Diagnostic>) {
        let Some(date) = due.date() else {
            return;
        };
        // Papers list actions already done when the plan was agreed, with
        // their dates: only a date a year or more before it looks mistyped.
        let long_before = |agreed: Date| {
            Date::new(
                agreed.year.saturating_sub(1),
                agreed.month,
                agreed.day.min(28),
            )
            .is_some_and(|year_before| date <= year_before)
        };
        // A month-only agreement is taken at its first day, the earliest it can be.
        let agreed = here.plan.agreed;
        if let Some(agreed) = agreed.filter(|agreed| long_before(agreed.first_day())) {
            diagnostics.push(
                here.source
                    .warning(at, format!("the due date {date} is more than a year before the plan was agreed ({agreed})"))
                    .hint("check the year: it may be a typing slip (2015 for 2025)"),
            );
            return;
        }
        let (first, last) = here.life;
        if date.year + EARLIER < first || date.year > last + LATEST {
            diagnostics.push(
                here.source
                    .warning(
                        at,
                        format!("the due date {date} is far from the plan's life ({first}–{last})"),
                    )
                    .hint("check the year: it may be a typing slip (2205 for 2025)"),
            );
        }
    }

    /// The years of a plan's life: from its agreement or first meeting to its
    /// last meeting.
    fn life_of(&self, plan: &Plan) -> (u16, u16) {
        let mut years: Vec<u16> = plan
            .reported_cycles()
            .filter_map(|id| self.cycles.iter().find(|c| c.id == id))
            .map(|c| c.date.as_of().year)
            .chain(plan.agreed.map(|d| d.as_of().year))
            .collect();
        years.sort_unstable();
        years.dedup();
        match (years.first(), years.last()) {
            (Some(&first), Some(&last)) => (first, last),
            // Nothing dates the plan: any year from 1990 to 2050.
            _ => (EARLIEST, EARLIEST + 60),
        }
    }

    /// The paper's own summary of a report: a known cycle, or `at: agreed`
    /// first; the plan's statuses.
    fn report(
        &self,
        here: &InPlan<'_>,
        reports: &FieldPath,
        i: usize,
        report: &Report,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source = here.source;
        let at = &reports.index(i);
        let words = MomentWords {
            noun: "report",
            list: "reports",
            counted: "the paper's count of the ratings the plan started from",
            agreed: "the plan's starting position when it was agreed, not a meeting",
            first: "the starting position (`at: agreed`)",
        };
        let moment = (i, report.at, report.cycle.as_str());
        if Self::names_its_moment(source, at, moment, &words, diagnostics) && report.at.is_none() {
            self.cycle(source, &at.key("cycle"), &report.cycle, diagnostics);
        }
        for (name, ids) in [
            (
                "counts",
                report.counts.0.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            ),
            ("shares", report.shares.0.iter().map(|(id, _)| id).collect()),
        ] {
            for id in ids {
                Self::status(here, &at.key(name).key(id), id, diagnostics);
            }
        }
        if let Some(text) = &report.narrative {
            self.markdown_field(here.source, &at.key("narrative"), text, diagnostics);
        }
    }

    /// The indicators an action or recommendation names: each must have its file.
    fn indicators(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        indicators: &[String],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for (i, target) in indicators.iter().enumerate() {
            if let Err(Broken { message, hint }) =
                self.index.check(Ref::parse(target), &[DocKind::Indicator])
            {
                push(
                    diagnostics,
                    source.error(&at.index(i), message),
                    hint.or_else(|| {
                        Some("each indicator is a file content/indicators/<id>.yaml".to_owned())
                    }),
                );
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

/// The earliest year a due date is taken to be meant.
const EARLIEST: u16 = 1990;
/// How many years before a plan's first date a deadline may fall (a plan
/// reported on later may carry actions from its first years).
const EARLIER: u16 = 5;
/// How many years after a plan's last meeting a deadline may still fall.
const LATEST: u16 = 15;

/// Words that name a post in an owner's name ("Head", "Manager"), as
/// opposed to a department ("Customer Services"), which a post often has after
/// a comma.
const POST_WORDS: [&str; 14] = [
    "head",
    "director",
    "manager",
    "officer",
    "lead",
    "chief",
    "assistant",
    "coordinator",
    "co-ordinator",
    "principal",
    "nurse",
    "adviser",
    "advisor",
    "commissioner",
];

/// The parts of a name that reads like several owners written as one
/// ("Head of HR, Director of Children's Services"): two or more parts, split
/// at commas, each naming a post. One post with a comma in it ("Asst.
/// Director, Learning & Skills", "Team Manager, Legal Services") is left alone.
fn several_owners(name: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = name
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    (parts.len() > 1 && parts.iter().all(|part| names_a_post(part))).then_some(parts)
}

/// Whether a name has a word that names a post ("Head of HR", "Team Manager").
pub(crate) fn names_a_post(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|word| POST_WORDS.contains(&word.to_lowercase().as_str()))
}

/// How the entries of one list (`updates`, `reports`) are named in the
/// problems of `names_its_moment`.
struct MomentWords {
    /// One entry: "update".
    noun: &'static str,
    /// The list: "updates".
    list: &'static str,
    /// What `at: agreed` gives, after "for": "the rating the plan gave when it was agreed".
    counted: &'static str,
    /// What `at: agreed` is, beside a meeting.
    agreed: &'static str,
    /// The `at: agreed` entry, out of place.
    first: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_posts_in_one_name_are_noticed() {
        assert_eq!(
            several_owners("Head of HR, Director of Children's Services"),
            Some(vec![
                "Head of HR".to_owned(),
                "Director of Children's Services".to_owned()
            ])
        );
        assert_eq!(several_owners("Asst. Director, Learning & Skills"), None);
        assert_eq!(several_owners("Trina Shane, Group Manager"), None);
        assert_eq!(several_owners("Head of Service"), None);
        assert_eq!(several_owners("Team Manager, Legal Services"), None);
        assert_eq!(several_owners("Practice Lead, Customer Services"), None);
        assert_eq!(
            several_owners("Service Manager; Team Manager").map(|p| p.len()),
            Some(2)
        );
    }
}

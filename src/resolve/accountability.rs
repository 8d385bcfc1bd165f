//! Checks of what holds a council to account: clocks (a rule needs a start,
//! a due date is a rule or a date, never both), the meetings' challenge logs
//! (a known cycle, ids unique across meetings, undertakings due at a known
//! later meeting and answered once, after they were given), and the earlier
//! finding a finding repeats.

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::spans::FieldPath;
use crate::load::{Loaded, SourceFile};
use crate::model::clock::{Clock, Estimated, Known, Rule};
use crate::model::date::Date;
use crate::model::date::MeetingDate;
use crate::model::meeting::Meeting;
use crate::model::references::{DocKind, Ref};
use crate::resolve::checker::{item_id, push, Checker, Ids};
use crate::resolve::index::Broken;
use std::collections::BTreeMap;

impl Checker<'_> {
    /// A document's clocks; `published` starts an inspection's clocks that
    /// give no start of their own.
    pub(super) fn clocks(
        source: &SourceFile,
        clocks: &[Clock],
        published: Option<Date>,
        bank_holidays: &[Date],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut seen = Ids::new();
        for (i, clock) in clocks.iter().enumerate() {
            let at = FieldPath::root().key("clocks").index(i);
            item_id(
                source,
                &at.key("id"),
                &clock.id,
                &mut seen,
                "clock",
                diagnostics,
            );
            let start = clock
                .start
                .or(published.map(|day| Known::On(MeetingDate::day(day))));
            match (clock.rule, clock.due) {
                (Some(_), Some(_)) => diagnostics.push(
                    source
                        .error(&at.key("due"), "the clock has both a rule and a due date")
                        .hint("give `rule` (with `start`) when the due date follows from a rule, or `due` when it is set outright, not both"),
                ),
                (None, None) => diagnostics.push(
                    source
                        .error(&at.key("id"), format!("the clock \"{}\" has no rule and no due date", clock.id))
                        .hint("add `rule: 2 months`, `rule: 70 working days` or `rule: 30 days` with `start: YYYY-MM-DD`, or `due: YYYY-MM-DD` (or `due: not known`)"),
                ),
                (Some(rule), None) if start.is_none() => diagnostics.push(
                    source
                        .error(&at.key("rule"), format!("the clock \"{}\" counts {rule} but has no start", clock.id))
                        .hint("add `start: YYYY-MM-DD` (the date the clock started: the report's date, its publication), or `start: not known` when the paper gives none"),
                ),
                (Some(Rule::WorkingDays(n)), None) => {
                    if let Some(Known::On(start)) = start {
                        let (start, due) = (start.first_day(), Rule::WorkingDays(n).due(start.as_of(), bank_holidays));
                        let missing: Vec<u16> = (start.year..=due.year)
                            .filter(|year| !bank_holidays.iter().any(|d| d.year == *year))
                            .collect();
                        if !missing.is_empty() {
                            let years: Vec<String> = missing.iter().map(u16::to_string).collect();
                            diagnostics.push(
                                source
                                    .warning(&at.key("rule"), format!("the clock \"{}\" counts working days in {}, but site.yaml lists no bank holidays in {}", clock.id, years.join(" and "), if missing.len() == 1 { "that year" } else { "those years" }))
                                    .hint("add that year's bank holidays to `bank_holidays:` in content/site.yaml (the published gov.uk list), so they are not counted as working days"),
                            );
                        }
                    }
                }
                _ => {}
            }
            if let (Some(Known::On(start)), Some(Known::On(given))) = (start, clock.given) {
                // A month is its whole span: given in March cannot be before
                // a start in March.
                if given.as_of() < start.first_day() {
                    diagnostics.push(
                        source
                            .error(&at.key("given"), format!("the clock \"{}\" was given ({given}) before it started ({start})", clock.id))
                            .hint("check both dates"),
                    );
                }
            }
            Self::clock_estimates(source, &at, clock, diagnostics);
        }
    }

    /// `estimated:` names dates the clock gives: `true` only where it gives
    /// one, so which date is hedged is never a guess.
    fn clock_estimates(
        source: &SourceFile,
        at: &FieldPath,
        clock: &Clock,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let given = clock.dates_given();
        let fields: Vec<&str> = given.iter().map(|d| d.field()).collect();
        match &clock.estimated {
            Estimated::No => {}
            Estimated::Yes if given.len() == 1 => {}
            Estimated::Yes => diagnostics.push(
                source
                    .error(&at.key("estimated"), if given.is_empty() {
                        format!("`estimated: true` marks a date of the clock \"{}\" as estimated, but the clock gives no date", clock.id)
                    } else {
                        format!("`estimated: true` on the clock \"{}\" does not say which of its dates ({}) is estimated", clock.id, fields.join(", "))
                    })
                    .hint(if given.is_empty() {
                        "leave `estimated` out, or add the date the paper gives".to_owned()
                    } else {
                        format!("name the dates the paper estimates, for example `estimated: [{}]`", fields[0])
                    }),
            ),
            Estimated::Dates(dates) => {
                for date in dates.iter().filter(|d| !given.contains(d)) {
                    diagnostics.push(
                        source
                            .error(&at.key("estimated"), format!("`estimated` names the clock's `{}`, but the clock \"{}\" gives no {} date", date.field(), clock.id, date.field()))
                            .hint(if fields.is_empty() {
                                "leave `estimated` out, or add the date the paper gives".to_owned()
                            } else {
                                format!("name only dates the clock gives ({})", fields.join(", "))
                            }),
                    );
                }
            }
        }
    }

    /// The earlier finding each finding of an inspection repeats.
    pub(super) fn repeats(
        &self,
        inspection: &Loaded<crate::model::inspection::Inspection>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source = &inspection.source;
        for (i, finding) in inspection.value.findings.iter().enumerate() {
            let Some(target) = &finding.repeats else {
                continue;
            };
            let at = FieldPath::root().key("findings").index(i).key("repeats");
            let reference = Ref::parse(target);
            if reference.item.is_none() {
                diagnostics.push(source.error(&at, format!("\"{target}\" does not say which finding is repeated"))
                    .hint("write it as inspection-id#finding-id, for example \"telford-ofsted-2012#R22\""));
                continue;
            }
            if reference.document == inspection.value.id {
                diagnostics.push(
                    source
                        .error(&at, "a finding cannot repeat one of the same inspection")
                        .hint("name the finding of an earlier inspection that this one repeats"),
                );
                continue;
            }
            if let Err(Broken { message, hint }) =
                self.index.check(reference, &[DocKind::Inspection])
            {
                push(
                    diagnostics,
                    source.error(
                        &at,
                        format!("broken finding reference \"{target}\": {message}"),
                    ),
                    hint,
                );
            }
        }
    }

    /// Every meeting's challenge log, against the others.
    pub(super) fn meetings(&self, meetings: &[Loaded<Meeting>], diagnostics: &mut Vec<Diagnostic>) {
        // Undertaking id → (meeting position in date order, file, where).
        let mut given: BTreeMap<&str, (Option<usize>, &SourceFile, FieldPath)> = BTreeMap::new();
        let order = |m: &Loaded<Meeting>| self.cycles.iter().position(|c| c.id == m.value.cycle);
        for meeting in meetings {
            let source = &meeting.source;
            let here = order(meeting);
            if here.is_none() {
                let hint = match did_you_mean(&meeting.value.cycle, self.cycles.iter().map(|c| c.id.as_str())) {
                    Some(close) => format!("a meeting's file is named after its cycle: did you mean {close}.yaml?"),
                    None => "a meeting's file is named after its cycle in content/site.yaml: add the meeting to `cycles:` or rename the file".to_owned(),
                };
                diagnostics.push(
                    Diagnostic::error(
                        &source.path,
                        format!(
                            "there is no cycle \"{}\" for this meeting",
                            meeting.value.cycle
                        ),
                    )
                    .at(Some((1, 1)))
                    .hint(hint),
                );
            }
            let mut seen = Ids::new();
            let root = FieldPath::root();
            for (i, q) in meeting.value.questions.iter().enumerate() {
                item_id(
                    source,
                    &root.key("questions").index(i).key("id"),
                    &q.id,
                    &mut seen,
                    "question",
                    diagnostics,
                );
            }
            for (i, r) in meeting.value.resolutions.iter().enumerate() {
                item_id(
                    source,
                    &root.key("resolutions").index(i).key("id"),
                    &r.id,
                    &mut seen,
                    "resolution",
                    diagnostics,
                );
            }
            for (i, u) in meeting.value.undertakings.iter().enumerate() {
                let at = root.key("undertakings").index(i);
                if !item_id(
                    source,
                    &at.key("id"),
                    &u.id,
                    &mut seen,
                    "undertaking",
                    diagnostics,
                ) {
                    continue;
                }
                if let Some((_, file, _)) = given.get(u.id.as_str()) {
                    diagnostics.push(
                        source
                            .error(&at.key("id"), format!("duplicate undertaking id \"{}\": {} has it", u.id, file.path.display()))
                            .hint("later meetings answer an undertaking by its id, so ids must be unique across meetings: give this one another"),
                    );
                    continue;
                }
                given.insert(&u.id, (here, source, at.clone()));
                if let Some(due) = &u.due {
                    let due_order = self.cycle(source, &at.key("due"), due, diagnostics);
                    if let (Some(due_order), Some(here)) = (due_order, here) {
                        if due_order <= here {
                            diagnostics.push(
                                source
                                    .error(&at.key("due"), format!("the undertaking is due back at \"{due}\", which is not after this meeting"))
                                    .hint("name a later meeting's cycle"),
                            );
                        }
                    }
                }
            }
        }
        let mut answered: BTreeMap<&str, &SourceFile> = BTreeMap::new();
        for meeting in meetings {
            let source = &meeting.source;
            let here = order(meeting);
            for (i, answer) in meeting.value.answered.iter().enumerate() {
                let at = FieldPath::root().key("answered").index(i);
                let Some((given_at, _, _)) = given.get(answer.undertaking.as_str()) else {
                    let hint = match did_you_mean(&answer.undertaking, given.keys().copied()) {
                        Some(close) => format!("did you mean \"{close}\"?"),
                        None => "name an undertaking given at an earlier meeting (its `id` under `undertakings:`)".to_owned(),
                    };
                    diagnostics.push(
                        source
                            .error(
                                &at.key("undertaking"),
                                format!("unknown undertaking \"{}\"", answer.undertaking),
                            )
                            .hint(hint),
                    );
                    continue;
                };
                if let (Some(given_at), Some(here)) = (given_at, here) {
                    if here <= *given_at {
                        diagnostics.push(
                            source
                                .error(&at.key("undertaking"), format!("the undertaking \"{}\" is answered at or before the meeting it was given at", answer.undertaking))
                                .hint("mark it answered in the file of the later meeting at which it came back"),
                        );
                    }
                }
                if let Some(first) = answered.insert(&answer.undertaking, source) {
                    diagnostics.push(
                        source
                            .error(
                                &at.key("undertaking"),
                                format!(
                                    "the undertaking \"{}\" is already answered in {}",
                                    answer.undertaking,
                                    first.path.display()
                                ),
                            )
                            .hint("an undertaking is answered once: remove one of the two"),
                    );
                }
                if let Some(target) = &answer.at {
                    if let Err(Broken { message, hint }) = self.index.check(
                        Ref::parse(target),
                        &[
                            DocKind::Briefing,
                            DocKind::Plan,
                            DocKind::Page,
                            DocKind::Inspection,
                        ],
                    ) {
                        push(diagnostics, source.error(&at.key("where"), message), hint);
                    }
                }
            }
        }
    }
}

impl Checker<'_> {
    /// Each baseline: named `<plan>` or `<plan>@<cycle>` after a plan and a
    /// cycle that exist, and saying the same inside.
    pub(super) fn baselines(
        &self,
        baselines: &[Loaded<crate::model::baseline::Baseline>],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let root = FieldPath::root();
        for baseline in baselines {
            let source = &baseline.source;
            let stem = source
                .path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let (plan, cycle) = match stem.split_once('@') {
                Some((plan, cycle)) => (plan, Some(cycle)),
                None => (stem, None),
            };
            if let Err(Broken { message, hint }) =
                self.index.check(Ref::parse(plan), &[DocKind::Plan])
            {
                push(
                    diagnostics,
                    Diagnostic::error(
                        &source.path,
                        format!(
                            "this baseline is named after a plan that does not exist: {message}"
                        ),
                    )
                    .at(Some((1, 1))),
                    hint,
                );
            }
            if let Some(cycle) = cycle {
                if !self.cycles.iter().any(|c| c.id == cycle) {
                    diagnostics.push(
                        Diagnostic::error(&source.path, format!("this baseline is named after the cycle \"{cycle}\", which is not in content/site.yaml"))
                            .at(Some((1, 1)))
                            .hint(self.cycle_hint_for(cycle)),
                    );
                }
            }
            if baseline.value.plan != plan {
                diagnostics.push(
                    source
                        .error(&root.key("plan"), format!("the baseline says it is of \"{}\", but its file is named after \"{plan}\"", baseline.value.plan))
                        .hint("write baselines with `ragtime baseline PLAN`, and do not rename them"),
                );
            }
            if baseline.value.cycle.as_deref() != cycle {
                diagnostics.push(
                    source
                        .error(&root.key("cycle"), "the baseline's cycle is not the one its file is named after")
                        .hint("a baseline taken at a cycle is named `<plan>@<cycle>.yaml` and says `cycle: <cycle>`; write it with `ragtime baseline PLAN --cycle CYCLE`"),
                );
            }
        }
    }
}

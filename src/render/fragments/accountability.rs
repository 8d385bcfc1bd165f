//! What pages show to hold a council to account: clocks (met, met late, open
//! and overdue, or not known), the undertakings due back at a meeting and
//! whether they came back, and the earlier findings a finding repeats.

use crate::derive::clocks::{ClockState, Printed, Standing};
use crate::derive::meetings::Back;
use crate::model::cycle::Cycle;
use crate::model::date::Date;
use crate::model::references::Ref;
use crate::render::links::finding_anchor;
use crate::render::renderer::Renderer;
use crate::render::view::{list, Value};
use crate::view;

fn long(date: Option<Date>) -> String {
    date.map_or_else(|| "not known".to_owned(), Date::long)
}

/// A clock's date as the paper prints it: "15 August 2013", "March 2020",
/// "about March 2020" where it is estimated, "not known" where none is given.
fn printed(date: Option<Printed>) -> String {
    match date {
        None => "not known".to_owned(),
        Some(Printed {
            date,
            estimated: true,
        }) => format!("about {}", date.long()),
        Some(Printed { date, .. }) => date.long(),
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// A sentence saying where a clock stands.
pub(crate) fn standing_words(state: &ClockState<'_>) -> String {
    let due = printed(state.due);
    let given = printed(state.given);
    let about = if state.estimated { "about " } else { "" };
    match state.standing {
        Standing::Met => format!("Met: given {given}, due {due}."),
        Standing::MetLate(Some(n)) => {
            format!("Met late, by {about}{}: due {due}, given {given}.", days(n))
        }
        Standing::MetLate(None) => format!("Met late: due {due}, given {given}."),
        Standing::GivenInDueMonth => format!(
            "Given {given}, due {due}: the paper gives only the month, so whether it was on time is not known."
        ),
        Standing::GivenUnjudged if state.given.is_some() => format!(
            "Given {given}; the due date is not known, so whether it was on time is not known."
        ),
        Standing::GivenUnjudged => {
            "Given; the date it was given is not known, so whether it was on time is not known."
                .to_owned()
        }
        Standing::Overdue(n) => format!(
            "Open and overdue by {about}{} as of {}: due {due}.",
            days(n),
            state.as_of.map_or_else(String::new, Cycle::as_of_label)
        ),
        Standing::Open => format!("Open: due {due}."),
        Standing::OpenDueNotKnown => {
            "Open: not recorded as given, and the due date is not known.".to_owned()
        }
    }
}

impl Renderer<'_, '_> {
    /// A clock as tables show it, with the document it belongs to.
    pub(crate) fn clock(state: &ClockState<'_>, owner: Option<(&str, String)>) -> Value {
        let clock = state.clock;
        let rule = clock.rule.map(|r| r.to_string());
        view! {
            "id" => clock.id.as_str(),
            "kind" => clock.kind.label(),
            "title" => clock.title.as_str(),
            "start" => printed(state.start),
            "rule" => rule,
            "due" => printed(state.due),
            "given" => if state.is_given { printed(state.given) } else { "not recorded".to_owned() },
            "standing" => state.standing.id(),
            "words" => standing_words(state),
            "late" => matches!(state.standing, Standing::MetLate(_) | Standing::Overdue(_)),
            "note" => clock.note.as_deref(),
            "owner" => owner.map(|(title, url)| view! { "title" => title, "url" => url }),
        }
    }

    /// The clocks of one document.
    pub(crate) fn clocks_of(
        &self,
        clocks: &'_ [crate::model::clock::Clock],
        published: Option<Date>,
    ) -> Value {
        list(
            clocks
                .iter()
                .map(|c| Self::clock(&self.facts.clock(c, published), None)),
        )
    }

    /// Every clock of the site, for the dashboard.
    pub(crate) fn all_clocks(&self) -> Value {
        list(
            self.facts
                .all_clocks()
                .iter()
                .map(|(id, title, is_plan, state)| {
                    let url = if *is_plan {
                        self.links.plan(id)
                    } else {
                        self.links.inspection(id)
                    };
                    Self::clock(state, Some((title, url)))
                }),
        )
    }

    /// The undertakings a meeting's page lists, and its own challenge log.
    pub(crate) fn meeting(&self, cycle: &str) -> Value {
        let undertakings = list(self.facts.undertakings_at(cycle).into_iter().map(
            |(tracked, back, carried)| {
                let u = tracked.undertaking;
                let given = self.facts.cycle(&tracked.given.cycle);
                let due = u.due.as_deref().and_then(|d| self.facts.cycle(d));
                let answered = tracked.answered.filter(|_| back != Back::Outstanding);
                let words = match back {
                    Back::OnTime => "Came back",
                    Back::Late => "Came back late",
                    Back::Outstanding if carried => "Not back: late, carried forward",
                    Back::Outstanding => "Not back",
                };
                view! {
                    "id" => u.id.as_str(),
                    "who" => u.who.as_deref(),
                    "what" => u.what.as_str(),
                    "minute" => u.minute.as_deref(),
                    "given" => given.map(|c| view! { "label" => c.label(), "url" => self.links.cycle(&c.id) }),
                    "due" => due.map(|c| view! { "label" => c.label(), "url" => self.links.cycle(&c.id) }),
                    "back" => back.id(),
                    "words" => words,
                    "late" => back != Back::OnTime,
                    "answered" => answered.map(|(m, a)| view! {
                        "meeting" => self.facts.cycle(&m.cycle).map(Cycle::label),
                        "where" => a.at.as_deref().and_then(|t| self.where_answered(t)),
                        "note" => a.note.as_deref(),
                    }),
                }
            },
        ));
        let log = self
            .facts
            .site
            .meetings
            .iter()
            .find(|m| m.cycle == cycle)
            .map(|m| {
                let given = list(m.undertakings.iter().map(|u| {
                    let due = u.due.as_deref().and_then(|d| self.facts.cycle(d));
                    view! {
                        "id" => u.id.as_str(),
                        "who" => u.who.as_deref(),
                        "what" => u.what.as_str(),
                        "minute" => u.minute.as_deref(),
                        "due" => due.map(|c| view! { "label" => c.label(), "url" => self.links.cycle(&c.id) }),
                    }
                }));
                view! {
                    "source" => m.source.as_deref(),
                    "questions" => list(m.questions.iter().map(|q| view! {
                        "id" => q.id.as_str(), "minute" => q.minute.as_deref(), "who" => q.who.as_deref(),
                        "text" => q.text.trim(), "answer" => q.answer.as_deref().map(str::trim),
                    })),
                    "resolutions" => list(m.resolutions.iter().map(|r| view! {
                        "id" => r.id.as_str(), "minute" => r.minute.as_deref(), "text" => r.text.trim(),
                    })),
                    "undertakings" => given,
                }
            });
        view! { "undertakings" => undertakings, "log" => log }
    }

    /// Where an undertaking was answered: a link with the document's title.
    fn where_answered(&self, target: &str) -> Option<Value> {
        let url = self.resolve_ref(target)?;
        let doc = Ref::parse(target).document;
        let title = self
            .facts
            .briefing(doc)
            .map(|b| b.meta.title.clone())
            .or_else(|| self.facts.plan(doc).map(|p| p.plan.title.clone()))
            .or_else(|| self.facts.inspection(doc).map(|i| i.title.clone()))
            .or_else(|| {
                self.facts
                    .site
                    .pages
                    .iter()
                    .find(|p| p.id == doc)
                    .map(|p| p.meta.title.clone())
            })
            .unwrap_or_else(|| target.to_owned());
        Some(view! { "title" => title, "url" => url })
    }

    /// The earlier finding a finding repeats, and the later findings that
    /// repeat it.
    pub(crate) fn repeats(
        &self,
        inspection: &str,
        finding: &crate::model::inspection::Finding,
    ) -> (Value, Value) {
        let earlier = finding.repeats.as_deref().map(|target| {
            let r = Ref::parse(target);
            let title = self.facts.inspection(r.document).map_or(r.document, |i| i.title.as_str());
            view! {
                "label" => format!("{} {}", title, r.item.unwrap_or_default()),
                "url" => format!("{}#{}", self.links.inspection(r.document), finding_anchor(r.item.unwrap_or_default())),
            }
        });
        let this = Ref {
            document: inspection,
            item: Some(&finding.id),
        };
        let later = list(self.facts.site.inspections.iter().flat_map(|i| {
            i.findings
                .iter()
                .filter(|f| f.repeats.as_deref().map(Ref::parse) == Some(this))
                .map(move |f| view! {
                    "label" => format!("{} {}", i.title, f.id),
                    "url" => format!("{}#{}", self.links.inspection(&i.id), finding_anchor(&f.id)),
                })
        }));
        (Value::from(earlier), later)
    }
}

impl Renderer<'_, '_> {
    /// One step of a plan's change log, as pages show it.
    fn drift_step(
        &self,
        plan: &crate::derive::PlanFacts<'_>,
        step: &crate::derive::drift::Revision<'_>,
    ) -> Value {
        use crate::model::baseline::BaselineAction;
        let plan_url = self.links.plan(&plan.plan.id);
        // An action still in the plan is named as pages name it, and linked.
        let link = |a: &BaselineAction| {
            let now = plan.actions.iter().find(|x| x.action.id() == a.id);
            view! {
                "id" => now.map_or_else(|| a.id.clone(), crate::render::fragments::plan::action_name),
                "url" => now.map(|_| format!("{plan_url}#{}", crate::render::links::action_anchor(&a.id))),
            }
        };
        let due = |a: &BaselineAction| long(a.due);
        let d = &step.drift;
        let from = step
            .from
            .cycle
            .as_deref()
            .and_then(|c| self.facts.cycle(c))
            .map_or_else(
                || "the plan as agreed".to_owned(),
                |c| format!("the plan as it stood at {}", c.label()),
            );
        let to = match (step.current, step.at) {
            (true, Some(c)) => format!("the plan as reported to {}", c.label()),
            (true, None) => "the plan as it stands".to_owned(),
            (false, Some(c)) => format!("the plan as agreed at {}", c.label()),
            (false, None) => "the next baseline".to_owned(),
        };
        view! {
            "from" => from,
            "to" => to,
            "plan" => view! { "title" => plan.plan.title.as_str(), "url" => plan_url.clone() },
            "added" => list(d.added.iter().map(|a| with_text(&link(a), &a.text))),
            "removed" => list(d.removed.iter().map(|a| with_text(&link(a), &a.text))),
            // An action no longer in the plan is named by its text alone: its baseline id may be made up.
            "merged" => list(d.merged.iter().map(|(a, into)| {
                let target = plan.actions.iter().find(|x| x.action.id() == into);
                view! {
                    "text" => a.text.as_str(),
                    "into" => target.map_or_else(|| into.clone(), crate::render::fragments::plan::action_name),
                    "into_url" => target.map(|_| format!("{plan_url}#{}", crate::render::links::action_anchor(into))),
                }
            })),
            "reworded" => list(d.reworded.iter().map(|(a, b)| view! { "action" => link(b), "old" => a.text.as_str(), "new" => b.text.as_str() })),
            "measures" => list(d.measures.iter().map(|(a, b)| view! {
                "action" => link(b),
                "old" => a.measure.as_deref().unwrap_or("none"),
                "new" => b.measure.as_deref().unwrap_or("none"),
            })),
            "due_dates" => list(d.due_dates.iter().map(|(a, b)| view! { "action" => link(b), "old" => due(a), "new" => due(b) })),
            "statuses" => d.statuses.as_ref().map(|(a, b)| {
                let words = |s: &[crate::model::baseline::BaselineStatus]| {
                    if s.is_empty() { "no statuses".to_owned() } else { s.iter().map(|s| s.label.as_str()).collect::<Vec<_>>().join(", ") }
                };
                view! { "old" => words(a), "new" => words(b) }
            }),
        }
    }

    /// A plan's change log against its baselines.
    pub(crate) fn change_log(&self, plan: &crate::derive::PlanFacts<'_>) -> Value {
        let baselines = self.facts.baselines_of(&plan.plan.id);
        view! {
            "has_baseline" => !baselines.is_empty(),
            "steps" => list(self.facts.change_log(plan).iter().map(|s| self.drift_step(plan, s))),
        }
    }

    /// What changed in each plan itself at a meeting, of the plans `keep`
    /// keeps (an organisation's, on its page of the meeting).
    pub(crate) fn plan_changes_at(
        &self,
        cycle: &str,
        keep: impl Fn(&crate::derive::PlanFacts<'_>) -> bool,
    ) -> Value {
        list(
            self.facts
                .plan_changes_at(cycle)
                .iter()
                .filter(|(plan, _)| keep(plan))
                .map(|(plan, step)| self.drift_step(plan, step)),
        )
    }
}

/// An action's link with its text.
fn with_text(link: &Value, text: &str) -> Value {
    crate::render::view::with(link, [("text", Value::from(text))])
}

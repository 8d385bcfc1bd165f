//! The domain rules on small sites written for each rule: status as of a
//! cycle, carried status, overdue, deadline moves, roll-ups and every kind of
//! change. No HTML is read: these are the facts the pages are made from.

use crate::derive::summary::Count;
use crate::derive::{Facts, PlanFacts, Summary};
use crate::load::from_texts;
use crate::model::cycle::Cycle;
use crate::model::date::Date;
use crate::model::plan::ActionRef;
use crate::model::site::Site;
use crate::model::status::Colour;
use crate::resolve::resolve;

/// Four meetings, in date order.
const SETTINGS: &str = "title: T
organisation: O
base_url: https://example.org/
cycles:
  - { id: c1, date: 2013-06-06, meeting: Committee }
  - { id: c2, date: 2013-08-15, meeting: Committee }
  - { id: c3, date: 2013-10-10, meeting: Committee }
  - { id: c4, date: 2014-01-20, meeting: Committee }
";

/// A site of `site.yaml` and one plan (`content/plans/p.yaml`) holding `actions`
/// under one recommendation. Panics on any problem: the fixtures are valid.
fn site(actions: &str) -> Site {
    site_of(&[("content/plans/p.yaml", &plan("P", actions))])
}

fn plan(title: &str, actions: &str) -> String {
    let actions: String = actions.lines().flat_map(|l| ["      ", l, "\n"]).collect();
    format!("title: {title}\norganisation: O\nkind: scrutiny\nrecommendations:\n  - id: R1\n    actions:\n{actions}")
}

fn site_of(files: &[(&str, &str)]) -> Site {
    let mut all = vec![("content/site.yaml", SETTINGS)];
    all.extend_from_slice(files);
    let (content, mut problems) = from_texts(&all);
    let (site, more) = resolve(content);
    problems.extend(more.into_iter().filter(crate::Diagnostic::is_error));
    assert!(
        problems.is_empty(),
        "the fixture has problems: {problems:#?}"
    );
    site.expect("a site")
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

/// The action with this id in plan `p`.
fn action<'s>(facts: &Facts<'s>, id: &str) -> ActionRef<'s> {
    facts
        .plan("p")
        .and_then(|p| p.actions.iter().find(|a| a.action.id() == id))
        .copied()
        .unwrap_or_else(|| panic!("no action {id}"))
}

fn cycle<'s>(facts: &Facts<'s>, id: &str) -> &'s Cycle {
    facts.cycle(id).unwrap_or_else(|| panic!("no cycle {id}"))
}

/// The status id of an action as of a cycle (`None`: before any meeting);
/// `"-"` when it has no status (progress without one).
fn status(facts: &Facts<'_>, id: &str, at: Option<&str>) -> String {
    let at = at.map(|c| cycle(facts, c));
    facts
        .state(&action(facts, id), at)
        .status
        .map_or("-".to_owned(), |s| s.id.clone())
}

const TWO_ACTIONS: &str = "- id: a
  text: Never reported on
- id: b
  text: Reported twice
  updates:
    - { cycle: c2, status: on-track, progress: Started }
    - { cycle: c4, status: behind, progress: Slipped }
";

#[test]
fn facts_find_cycles_plans_and_what_reported() {
    let site = site(TWO_ACTIONS);
    let facts = Facts::new(&site);
    assert_eq!(cycle(&facts, "c3").date.as_of(), date("2013-10-10"));
    assert!(facts.cycle("c9").is_none());
    assert!(facts.plan("p").is_some());
    assert!(facts.plan("q").is_none());
    let plan: &PlanFacts = facts.plan("p").unwrap();
    let reported: Vec<&str> = plan.cycles.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(reported, ["c2", "c4"]);
    assert_eq!(plan.latest_cycle().map(|c| c.id.as_str()), Some("c4"));
    assert_eq!(facts.reporting_at("c2").count(), 1);
    assert_eq!(facts.reporting_at("c3").count(), 0);
}

#[test]
fn the_status_at_a_cycle_is_the_latest_given_at_or_before_it() {
    let site = site(TWO_ACTIONS);
    let facts = Facts::new(&site);
    // Before any report, and at a meeting before its first update: not started.
    assert_eq!(status(&facts, "b", None), "not-started");
    assert_eq!(status(&facts, "b", Some("c1")), "not-started");
    assert_eq!(status(&facts, "b", Some("c2")), "on-track");
    // Carried to a meeting with no update of its own.
    assert_eq!(status(&facts, "b", Some("c3")), "on-track");
    assert_eq!(status(&facts, "b", Some("c4")), "behind");
    // Never reported on: not started at every meeting.
    for at in ["c1", "c2", "c3", "c4"] {
        assert_eq!(status(&facts, "a", Some(at)), "not-started");
    }
}

#[test]
fn an_update_says_whether_it_was_given_at_the_cycle() {
    let site = site(TWO_ACTIONS);
    let facts = Facts::new(&site);
    let b = action(&facts, "b");
    let at = |c: &str| facts.state(&b, Some(cycle(&facts, c)));
    assert!(!at("c1").updated_now && at("c1").update.is_none());
    assert!(at("c2").updated_now);
    let carried = at("c3");
    assert!(!carried.updated_now);
    assert_eq!(carried.update.map(|u| u.cycle.as_str()), Some("c2"));
    assert!(at("c4").updated_now);
    assert!(!facts.state(&b, None).updated_now);
}

#[test]
fn progress_without_a_status_keeps_the_last_status_or_is_not_rated() {
    let site = site(
        "- id: rated
  text: Rated, then reported without a status
  updates:
    - { cycle: c1, status: at-risk }
    - { cycle: c2, progress: Some progress }
- id: unrated
  text: Never given a status
  updates:
    - { cycle: c2, progress: Some progress }
",
    );
    let facts = Facts::new(&site);
    assert_eq!(status(&facts, "rated", Some("c2")), "at-risk");
    assert_eq!(status(&facts, "unrated", Some("c1")), "not-started");
    assert_eq!(status(&facts, "unrated", Some("c2")), "-");
    assert_eq!(status(&facts, "unrated", Some("c3")), "-");
}

#[test]
fn overdue_is_due_before_the_meeting_and_not_done() {
    let site = site(
        "- id: open
  text: Due on the day of c2
  due: 2013-08-15
  updates:
    - { cycle: c1, status: on-track }
- id: done
  text: Done late
  due: 2013-05-31
  updates:
    - { cycle: c2, status: complete }
- id: unrated
  text: Reported without a status
  due: 2013-06-30
  updates:
    - { cycle: c2, progress: Some }
- id: nodue
  text: No due date
  updates:
    - { cycle: c1, status: behind }
",
    );
    let facts = Facts::new(&site);
    let overdue = |id: &str, at: Option<&str>| {
        facts
            .state(&action(&facts, id), at.map(|c| cycle(&facts, c)))
            .overdue
    };
    assert!(!overdue("open", Some("c1")));
    // Due on the meeting's own day is not yet overdue; the day after it is.
    assert!(!overdue("open", Some("c2")));
    assert!(overdue("open", Some("c3")));
    // Not started is open too: an action with no update is overdue once due.
    assert!(overdue("done", Some("c1")));
    assert!(!overdue("done", Some("c2")));
    assert!(!overdue("unrated", Some("c3")));
    assert!(!overdue("nodue", Some("c4")));
    // Not as of any meeting: nothing is overdue.
    assert!(!overdue("open", None));
}

#[test]
fn an_action_is_behind_when_open_and_red() {
    let site = site(TWO_ACTIONS);
    let facts = Facts::new(&site);
    let b = action(&facts, "b");
    assert!(!facts.state(&b, Some(cycle(&facts, "c2"))).is_behind());
    assert!(facts.state(&b, Some(cycle(&facts, "c4"))).is_behind());
    assert!(!facts
        .state(&action(&facts, "a"), Some(cycle(&facts, "c4")))
        .is_behind());
}

#[test]
fn deadline_moves_are_counted_from_the_first_due_date() {
    let site = site(
        "- id: moved
  text: Due date revised twice
  due: 2013-07-31
  updates:
    - { cycle: c1, status: on-track, due: 2013-07-31 }
    - { cycle: c2, status: on-track, due: 2013-09-30 }
    - { cycle: c3, status: on-track, due: 2013-12-31 }
- id: set-later
  text: No due date at first
  updates:
    - { cycle: c1, status: on-track, due: 2013-07-31 }
    - { cycle: c2, status: on-track, due: 2013-09-30 }
",
    );
    let facts = Facts::new(&site);
    let state = |id: &str, at: &str| facts.state(&action(&facts, id), Some(cycle(&facts, at)));
    let moved = state("moved", "c1");
    // Restating the same date is not a move.
    assert_eq!(
        (moved.moves, moved.due, moved.original_due),
        (0, Some(date("2013-07-31")), None)
    );
    let moved = state("moved", "c2");
    assert_eq!(moved.moves, 1);
    assert_eq!(moved.due, Some(date("2013-09-30")));
    assert_eq!(moved.original_due, Some(date("2013-07-31")));
    let moved = state("moved", "c4");
    assert_eq!(moved.moves, 2);
    assert_eq!(moved.due, Some(date("2013-12-31")));
    assert_eq!(moved.original_due, Some(date("2013-07-31")));
    // A first due date given in an update is not a move; the next one is,
    // and the original is the first one given.
    let later = state("set-later", "c1");
    assert_eq!((later.moves, later.original_due), (0, None));
    let later = state("set-later", "c2");
    assert_eq!(later.moves, 1);
    assert_eq!(later.original_due, Some(date("2013-07-31")));
}

#[test]
fn a_summary_counts_each_status_done_unrated_and_overdue() {
    let site = site(
        "- { id: a, text: Not started }
- id: b
  text: Complete
  updates: [{ cycle: c1, status: complete }]
- id: c
  text: Complete too
  updates: [{ cycle: c1, status: complete }]
- id: d
  text: Behind and overdue
  due: 2013-01-31
  updates: [{ cycle: c1, status: behind }]
- id: e
  text: Not rated
  updates: [{ cycle: c1, progress: Some }]
",
    );
    let facts = Facts::new(&site);
    let plan = facts.plan("p").unwrap();
    let summary = facts.summary(plan, &plan.actions, Some(cycle(&facts, "c1")));
    assert_eq!(summary.total, 5);
    assert_eq!(summary.count("complete"), 2);
    assert_eq!(summary.count("behind"), 1);
    assert_eq!(summary.count("not-started"), 1);
    assert_eq!(summary.count("on-track"), 0);
    assert_eq!(summary.count("no-such-status"), 0);
    assert_eq!(summary.not_rated, 1);
    assert_eq!(summary.done, 2);
    assert_eq!(summary.overdue, 1);
    assert_eq!(summary.percent_done(), 40);
    // The counts follow the vocabulary's order.
    let order: Vec<&str> = summary.counts.iter().map(|c| c.id).collect();
    assert_eq!(
        order,
        ["complete", "on-track", "at-risk", "behind", "not-started"]
    );
    // Before any meeting, everything is not started, whatever comes later.
    let before = facts.summary(plan, &plan.actions, None);
    assert_eq!(
        (before.count("not-started"), before.done, before.not_rated),
        (5, 0, 0)
    );
}

/// A summary in the built-in key, from its five counts.
fn summary(counts: [usize; 5], not_rated: usize, done: usize, overdue: usize) -> Summary<'static> {
    let key = [
        ("complete", "Complete", Colour::Blue),
        ("on-track", "In progress – on schedule", Colour::Green),
        ("at-risk", "At risk", Colour::Amber),
        ("behind", "Behind schedule", Colour::Red),
        ("not-started", "Not started", Colour::Grey),
    ];
    Summary {
        counts: key
            .iter()
            .zip(counts)
            .map(|(&(id, label, colour), n)| Count {
                id,
                label,
                colour,
                n,
            })
            .collect(),
        not_rated,
        total: counts.iter().sum::<usize>() + not_rated,
        done,
        overdue,
        ..Summary::default()
    }
}

#[test]
fn summaries_add_up() {
    let merged = Summary::merge(&[
        summary([1, 2, 0, 1, 0], 1, 1, 1),
        summary([0, 1, 1, 3, 2], 0, 0, 2),
    ]);
    assert_eq!(merged, summary([1, 3, 1, 4, 2], 1, 1, 3));
    assert!(!merged.by_colour);
    assert_eq!(Summary::merge(&[]), Summary::default());
    assert_eq!(Summary::percent(1, 3), 33);
    assert_eq!(Summary::percent(2, 3), 67);
    assert_eq!(Summary::percent(1, 8), 13);
    assert_eq!(Summary::percent(1, 200), 1);
    assert_eq!(Summary::percent(0, 0), 0);
    assert_eq!(Summary::default().percent_done(), 0);
}

/// Every kind of change, between c1 and c3 (the plan does not report at c2).
const CHANGES: &str = "- id: done
  text: Completed
  updates:
    - { cycle: c1, status: on-track, progress: Going }
    - { cycle: c3, status: complete, progress: Finished }
- id: worse
  text: Slipped
  updates:
    - { cycle: c1, status: on-track }
    - { cycle: c3, status: behind, progress: Late }
- id: better
  text: Recovered
  updates:
    - { cycle: c1, status: behind }
    - { cycle: c3, status: on-track, progress: Back on track }
- id: overdue
  text: Passed its date
  due: 2013-09-30
  updates:
    - { cycle: c1, status: at-risk, progress: Same words }
    - { cycle: c3, status: at-risk, progress: Same words }
- id: moved
  text: Due date moved
  due: 2013-07-31
  updates:
    - { cycle: c1, status: on-track }
    - { cycle: c3, status: on-track, due: 2013-12-31 }
- id: silent
  text: No update at c3
  updates:
    - { cycle: c1, status: behind }
- id: finished
  text: Done before, no update since
  updates:
    - { cycle: c1, status: complete }
";

/// The ids of the actions in a list of changes.
fn ids(actions: &[ActionRef<'_>]) -> Vec<String> {
    actions.iter().map(|a| a.action.id().to_owned()).collect()
}

#[test]
fn changes_compare_with_the_plans_previous_report() {
    let site = site(CHANGES);
    let facts = Facts::new(&site);
    let plan = facts.plan("p").unwrap();
    let changes = facts.changes(plan, cycle(&facts, "c3"));
    // The previous report is the plan's own (c1), not the previous meeting (c2).
    assert_eq!(changes.previous.map(|c| c.id.as_str()), Some("c1"));
    assert_eq!(ids(&changes.newly_done), ["done"]);
    assert_eq!(ids(&changes.worse), ["worse"]);
    assert_eq!(ids(&changes.better), ["better"]);
    assert_eq!(ids(&changes.newly_overdue), ["overdue"]);
    assert_eq!(ids(&changes.moved), ["moved"]);
    // Progress that differs from the last report; the same words are not new.
    assert_eq!(ids(&changes.new_progress), ["done", "worse", "better"]);
    // Open actions with no update at this meeting; done ones are left out.
    assert_eq!(ids(&changes.no_update), ["silent"]);
    // Open and red at this meeting, whether or not it changed.
    assert_eq!(ids(&changes.behind), ["worse", "silent"]);
}

#[test]
fn a_first_report_lists_only_what_is_behind() {
    let site = site(CHANGES);
    let facts = Facts::new(&site);
    let plan = facts.plan("p").unwrap();
    let changes = facts.changes(plan, cycle(&facts, "c1"));
    assert!(changes.previous.is_none());
    assert_eq!(ids(&changes.behind), ["better", "silent"]);
    for list in [
        &changes.newly_done,
        &changes.worse,
        &changes.better,
        &changes.newly_overdue,
        &changes.moved,
        &changes.new_progress,
        &changes.no_update,
    ] {
        assert!(list.is_empty(), "{:?}", ids(list));
    }
}

#[test]
fn a_move_is_a_change_only_when_made_at_the_meeting() {
    let site = site(
        "- id: moved-earlier
  text: Moved at c2, no update at c3
  due: 2013-07-31
  updates:
    - { cycle: c1, status: on-track }
    - { cycle: c2, status: on-track, due: 2013-12-31 }
- id: first-date
  text: Given its first due date at c2
  updates:
    - { cycle: c1, status: on-track }
    - { cycle: c2, status: on-track, due: 2013-12-31 }
- id: still-behind
  text: Red at both meetings
  updates:
    - { cycle: c1, status: behind }
    - { cycle: c2, status: behind }
- id: amber-to-grey
  text: Amber, then not started again
  updates:
    - { cycle: c1, status: at-risk }
    - { cycle: c2, status: not-started }
",
    );
    let facts = Facts::new(&site);
    let plan = facts.plan("p").unwrap();
    let at_c2 = facts.changes(plan, cycle(&facts, "c2"));
    assert_eq!(ids(&at_c2.moved), ["moved-earlier"]);
    // Red at both: still listed as behind, neither worse nor better.
    assert_eq!(ids(&at_c2.behind), ["still-behind"]);
    assert!(at_c2.worse.is_empty() && at_c2.better.is_empty());
    // Grey and amber weigh the same.
    assert!(!ids(&at_c2.worse).contains(&"amber-to-grey".to_owned()));
    // A meeting the plan did not report to has no report to compare with.
    let at_c4 = facts.changes(plan, cycle(&facts, "c4"));
    assert_eq!(at_c4.previous.map(|c| c.id.as_str()), None);
}

#[test]
fn owners_and_answers_are_gathered_across_plans() {
    let inspection = "title: I
inspectorate: Ofsted
organisation: O
findings:
  - { id: '1', text: One }
  - { id: '2', text: Two }
  - { id: '3', text: Three }
";
    let first = "title: First
organisation: O
kind: inspection
responds_to: [ofsted]
recommendations:
  - id: R1
    findings: [ofsted#1]
    actions:
      - { text: Do one, owner: [Head of Service, RK] }
  - id: R2
    findings: [ofsted#2]
";
    let second = "title: Second
organisation: O
kind: scrutiny
recommendations:
  - id: S1
    actions:
      - { text: Also, owner: 'Head of  Service', findings: [ofsted#2] }
";
    let site = site_of(&[
        ("content/inspections/ofsted.yaml", inspection),
        ("content/plans/first.yaml", first),
        ("content/plans/second.yaml", second),
    ]);
    let facts = Facts::new(&site);
    let owners: Vec<&str> = facts.owners.keys().map(String::as_str).collect();
    assert_eq!(owners, ["head-of-service", "rk"]);
    let head = &facts.owners["head-of-service"];
    assert_eq!(head.name, "Head of Service");
    assert_eq!(head.actions.len(), 2);
    // Finding 1 has an action; 2 only a recommendation without actions here,
    // and an action in the second plan; 3 nothing at all.
    assert!(facts.is_answered("ofsted#1"));
    assert!(facts.is_answered("ofsted#2"));
    assert!(!facts.is_answered("ofsted#3"));
    assert_eq!(facts.answers["ofsted#2"].len(), 2);
    let answering: Vec<&str> = facts.answering["ofsted"].iter().copied().collect();
    assert_eq!(answering, ["first", "second"]);
    assert!(facts.inspection("ofsted").is_some());
    assert!(facts.briefing("ofsted").is_none());
}

#[test]
fn a_recommendation_without_actions_does_not_answer_its_finding() {
    let site = site_of(&[
        (
            "content/inspections/ofsted.yaml",
            "title: I\ninspectorate: Ofsted\norganisation: O\nfindings:\n  - { id: '1', text: One }\n",
        ),
        (
            "content/plans/p.yaml",
            "title: P\norganisation: O\nkind: inspection\nrecommendations:\n  - { id: R1, findings: [ofsted#1] }\n",
        ),
    ]);
    let facts = Facts::new(&site);
    assert_eq!(facts.answers["ofsted#1"].len(), 1);
    assert!(!facts.is_answered("ofsted#1"));
}

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
    // Before any report, and at a meeting before its first update: no status
    // (pages say "No update yet"; "not started" is a status only an update gives).
    assert_eq!(status(&facts, "b", None), "-");
    assert_eq!(status(&facts, "b", Some("c1")), "-");
    assert_eq!(status(&facts, "b", Some("c2")), "on-track");
    // Carried to a meeting with no update of its own.
    assert_eq!(status(&facts, "b", Some("c3")), "on-track");
    assert_eq!(status(&facts, "b", Some("c4")), "behind");
    // Never reported on: no status at any meeting.
    for at in ["c1", "c2", "c3", "c4"] {
        assert_eq!(status(&facts, "a", Some(at)), "-");
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
    assert_eq!(status(&facts, "unrated", Some("c1")), "-");
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
    // An action with no update is open too: overdue once due.
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
fn attention_takes_red_amber_and_overdue_but_not_done_or_green() {
    let site = site(
        "- id: red
  text: Slipped
  updates: [{ cycle: c2, status: behind, progress: Slipped }]
- id: amber
  text: May slip
  updates: [{ cycle: c2, status: at-risk, progress: Tight }]
- id: green
  text: On time
  updates: [{ cycle: c2, status: on-track, progress: Fine }]
- id: late
  text: Due before c2, still on track by its owner's account
  due: 2013-07-01
  updates: [{ cycle: c2, status: on-track, progress: Nearly }]
- id: done
  text: Finished late
  due: 2013-07-01
  updates: [{ cycle: c2, status: complete, progress: Done }]
",
    );
    let facts = Facts::new(&site);
    let c2 = Some(cycle(&facts, "c2"));
    let listed: Vec<&str> = ["red", "amber", "green", "late", "done"]
        .into_iter()
        .filter(|id| facts.state(&action(&facts, id), c2).needs_attention())
        .collect();
    assert_eq!(listed, ["red", "amber", "late"]);
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
        "- { id: a, text: No update yet }
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
    assert_eq!(summary.count("not-started"), 0);
    assert_eq!(summary.no_update, 1);
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
    // Before any meeting, nothing has an update, whatever comes later.
    let before = facts.summary(plan, &plan.actions, None);
    assert_eq!(
        (
            before.no_update,
            before.count("not-started"),
            before.done,
            before.not_rated
        ),
        (5, 0, 0, 0)
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
        done_defined: true,
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
    // Actions with no update yet are added up like the rest.
    let waiting = |no_update| Summary {
        no_update,
        ..summary([1, 0, 0, 0, 0], 0, 1, 0)
    };
    assert_eq!(Summary::merge(&[waiting(2), waiting(3)]).no_update, 5);
    assert_eq!(Summary::merge(&[]), Summary::default());
    assert_eq!(Summary::percent(1, 3), 33);
    assert_eq!(Summary::percent(2, 3), 67);
    assert_eq!(Summary::percent(1, 8), 13);
    assert_eq!(Summary::percent(1, 200), 1);
    assert_eq!(Summary::percent(0, 0), 0);
    assert_eq!(Summary::default().percent_done(), 0);
    // A share done is stated only where the keys say what done is, and
    // something was rated.
    assert!(merged.says_done());
    let no_done = Summary {
        done_defined: false,
        ..summary([0, 1, 0, 0, 0], 0, 0, 0)
    };
    assert!(!no_done.says_done());
    assert!(!Summary::merge(&[summary([1, 0, 0, 0, 0], 0, 1, 0), no_done]).says_done());
    let unreported = Summary {
        no_update: 3,
        total: 4,
        ..summary([0, 0, 0, 0, 0], 1, 0, 0)
    };
    assert!(!unreported.says_done());
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

/// A plan with `head` (top-level fields) added, its `actions` under R1.
fn plan_with(head: &str, actions: &str) -> String {
    let plan = plan("P", actions);
    plan.replacen(
        "recommendations:\n",
        &format!("{head}recommendations:\n"),
        1,
    )
}

/// A BRAG key: blue for done, and no "not started".
const BRAG: &str = "statuses:
  - { id: blue, label: Blue – completed, colour: blue, done: true }
  - { id: green, label: Green, colour: green }
  - { id: amber, label: Amber, colour: amber }
  - { id: red, label: Red, colour: red }
";

#[test]
fn a_plan_speaks_in_its_own_key() {
    let actions = "- id: done
  text: Done
  updates: [{ cycle: c1, status: blue }]
- id: late
  text: Late
  due: 2013-01-31
  updates: [{ cycle: c1, status: red }]
- id: silent
  text: Nothing reported yet
  due: 2013-01-31
";
    let site = site_of(&[("content/plans/p.yaml", &plan_with(BRAG, actions))]);
    let facts = Facts::new(&site);
    let plan = facts.plan("p").unwrap();
    let ids: Vec<&str> = plan.statuses.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["blue", "green", "amber", "red"]);
    assert_eq!(status(&facts, "done", Some("c1")), "blue");
    assert!(facts
        .state(&action(&facts, "done"), Some(cycle(&facts, "c1")))
        .is_done());
    // The key has no "not started": an action nothing was reported on has no
    // status, is counted as having no update, and is still open, so overdue.
    assert_eq!(status(&facts, "silent", Some("c1")), "-");
    let silent = facts.state(&action(&facts, "silent"), Some(cycle(&facts, "c1")));
    assert!(silent.update.is_none() && silent.overdue);
    let summary = facts.summary(plan, &plan.actions, Some(cycle(&facts, "c1")));
    let counts: Vec<(&str, usize)> = summary.counts.iter().map(|c| (c.id, c.n)).collect();
    assert_eq!(
        counts,
        [("blue", 1), ("green", 0), ("amber", 0), ("red", 1)]
    );
    assert_eq!(
        (
            summary.no_update,
            summary.not_rated,
            summary.done,
            summary.overdue
        ),
        (1, 0, 1, 2)
    );
    // The site's key is untouched for other plans.
    assert_eq!(facts.statuses(site.plans.first().unwrap()).len(), 4);
    assert_eq!(site.statuses.len(), 5);
}

#[test]
fn a_plan_without_statuses_shows_none_and_calls_nothing_overdue() {
    let actions = "- id: reported
  text: Progress without a status
  due: 2013-01-31
  updates: [{ cycle: c1, progress: Some }]
- id: silent
  text: Nothing reported
  due: 2013-01-31
";
    let site = site_of(&[(
        "content/plans/p.yaml",
        &plan_with("statuses: []\n", actions),
    )]);
    let facts = Facts::new(&site);
    let plan = facts.plan("p").unwrap();
    assert!(plan.statuses.is_empty());
    for id in ["reported", "silent"] {
        let state = facts.state(&action(&facts, id), Some(cycle(&facts, "c2")));
        assert!(state.status.is_none() && !state.overdue, "{id}");
    }
    let summary = facts.summary(plan, &plan.actions, Some(cycle(&facts, "c2")));
    assert!(summary.counts.is_empty());
    assert_eq!(
        (
            summary.total,
            summary.not_rated,
            summary.no_update,
            summary.overdue
        ),
        (2, 1, 1, 0)
    );
}

#[test]
fn a_status_not_given_again_is_carried_and_a_reason_is_kept() {
    let actions = "- id: carried
  text: Reported at c1 only
  updates: [{ cycle: c1, status: at-risk, progress: Started }]
- id: excused
  text: Not reported at c2, with the reason
  updates:
    - { cycle: c1, status: on-track, progress: Started }
    - { cycle: c2, not_reported: Post vacant until January }
- id: reported
  text: Reported at both
  updates:
    - { cycle: c1, status: on-track }
    - { cycle: c2, status: complete, progress: Done }
";
    let site = site(actions);
    let facts = Facts::new(&site);
    let at = |id: &str, c: &str| facts.state(&action(&facts, id), Some(cycle(&facts, c)));
    let carried = at("carried", "c2");
    assert_eq!(carried.status.map(|s| s.id.as_str()), Some("at-risk"));
    assert_eq!(carried.status_cycle, Some("c1"));
    assert!(carried.is_carried(Some(cycle(&facts, "c2"))));
    assert!(!at("carried", "c1").is_carried(Some(cycle(&facts, "c1"))));
    assert!(!carried.is_carried(None));
    let excused = at("excused", "c2");
    assert_eq!(excused.not_reported, Some("Post vacant until January"));
    assert!(!excused.updated_now);
    // What is shown is the last report made, and its status carries.
    assert_eq!(excused.update.map(|u| u.cycle.as_str()), Some("c1"));
    assert_eq!(excused.status.map(|s| s.id.as_str()), Some("on-track"));
    assert!(excused.is_carried(Some(cycle(&facts, "c2"))));
    assert_eq!(at("excused", "c3").not_reported, None);
    let reported = at("reported", "c2");
    assert!(reported.updated_now && !reported.is_carried(Some(cycle(&facts, "c2"))));
    // The changes at c2 list both as having no update.
    let plan = facts.plan("p").unwrap();
    let changes = facts.changes(plan, cycle(&facts, "c2"));
    assert_eq!(ids(&changes.no_update), ["carried", "excused"]);
}

#[test]
fn plans_with_different_keys_add_up_by_colour() {
    let brag = plan_with(BRAG, "- { id: a, text: A, updates: [{ cycle: c1, status: green }] }\n- { id: b, text: B, updates: [{ cycle: c1, status: blue }] }\n");
    let builtin = plan("Q", "- { id: c, text: C, updates: [{ cycle: c1, status: on-track }] }\n- { id: d, text: D, updates: [{ cycle: c1, status: behind }] }\n");
    let site = site_of(&[
        ("content/plans/p.yaml", &brag),
        ("content/plans/q.yaml", &builtin),
    ]);
    let facts = Facts::new(&site);
    let at = Some(cycle(&facts, "c1"));
    let p = facts.plan("p").unwrap();
    let q = facts.plan("q").unwrap();
    let one = facts.summary(p, &p.actions, at);
    let two = facts.summary(q, &q.actions, at);
    let merged = Summary::merge(&[one.clone(), two]);
    assert!(merged.by_colour);
    let counts: Vec<(&str, usize)> = merged.counts.iter().map(|c| (c.id, c.n)).collect();
    assert_eq!(
        counts,
        [
            ("blue", 1),
            ("green", 2),
            ("amber", 0),
            ("red", 1),
            ("grey", 0)
        ]
    );
    assert_eq!((merged.total, merged.done), (4, 1));
    // The same key twice adds up status by status.
    let same = Summary::merge(&[one.clone(), one]);
    assert!(!same.by_colour);
    assert_eq!(same.count("green"), 2);
}

#[test]
fn an_action_read_from_its_steps_takes_the_least_favourable_open_one() {
    let step = |status: &str| {
        format!("    - {{ text: Step, updates: [{{ cycle: c1, status: {status} }}] }}\n")
    };
    let with = |id: &str, statuses: &[&str]| {
        let steps: String = statuses.iter().map(|s| step(s)).collect();
        format!("- id: {id}\n  text: Action {id}\n  steps:\n{steps}")
    };
    let actions = [
        with("amber", &["on-track", "at-risk", "not-started", "complete"]),
        with("green", &["not-started", "on-track", "complete"]),
        with("done", &["complete", "complete"]),
        // Its own row's status stands, whatever its steps say.
        format!("{}  updates: [{{ cycle: c1, status: on-track }}]\n", with("own", &["behind"])),
        "- id: part\n  text: Part rated\n  steps:\n    - { text: Step, updates: [{ cycle: c1, status: complete }] }\n    - { text: Step }\n".to_owned(),
    ]
    .concat();
    let site = site(&actions);
    let facts = Facts::new(&site);
    for (id, expected) in [
        ("amber", "at-risk"),
        ("green", "on-track"),
        ("done", "complete"),
        ("own", "on-track"),
        ("part", "-"),
    ] {
        assert_eq!(status(&facts, id, Some("c1")), expected, "{id}");
    }
    let part = facts.state(&action(&facts, "part"), Some(cycle(&facts, "c1")));
    assert_eq!(
        part.from_steps
            .map(crate::derive::FromSteps::words)
            .as_deref(),
        Some("from 1 of its 2 steps")
    );
    assert!(part.is_reported() && !part.overdue);
    let own = facts.state(&action(&facts, "own"), Some(cycle(&facts, "c1")));
    assert!(own.from_steps.is_none());
}

#[test]
fn steps_have_their_own_standing_and_give_an_unrated_action_its_own() {
    let actions = "- id: parent
  text: An action reported through its steps
  steps:
    - text: First step
      due: 2013-07-31
      updates: [{ cycle: c1, status: complete }]
    - text: Second step
      due: 2013-07-31
      owner: Step Lead
      updates: [{ cycle: c1, status: behind }]
";
    let site = site(actions);
    let facts = Facts::new(&site);
    let parent = action(&facts, "parent");
    let at = Some(cycle(&facts, "c3"));
    let steps = &parent.action.steps;
    assert_eq!(
        facts
            .step_state(&parent, &steps[0], at)
            .status
            .map(|s| s.id.as_str()),
        Some("complete")
    );
    let second = facts.step_state(&parent, &steps[1], at);
    assert!(second.overdue && second.is_behind());
    // The action itself has no status: it stands as its least favourable
    // open step, and says so...
    assert_eq!(status(&facts, "parent", Some("c3")), "behind");
    let parent_state = facts.state(&parent, at);
    assert_eq!(
        parent_state
            .from_steps
            .map(crate::derive::FromSteps::words)
            .as_deref(),
        Some("from its 2 steps")
    );
    assert!(parent_state.is_carried(at));
    // ...nor is its own row any less empty, and the steps count only through it.
    assert!(facts.own_state(&parent, at).status.is_none());
    let plan = facts.plan("p").unwrap();
    let summary = facts.summary(plan, &plan.actions, at);
    assert_eq!(
        (
            summary.total,
            summary.count("complete"),
            summary.count("behind")
        ),
        (1, 0, 1)
    );
    // The plan reported at c1 through its steps, and the step's owner leads it.
    assert_eq!(
        plan.cycles
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["c1"]
    );
    assert_eq!(facts.owners["step-lead"].steps.len(), 1);
    assert!(facts.owners["step-lead"].actions.is_empty());
}

#[test]
fn a_meeting_known_by_its_month_speaks_as_of_the_months_end() {
    let settings = "title: T\norganisation: O\nbase_url: https://example.org/\ncycles:\n  - { id: july, date: 2014-07, meeting: Panel }\n";
    let actions = "- { id: mid, text: Due mid-month, due: 2014-07-15, updates: [{ cycle: july, status: on-track }] }\n- { id: end, text: Due on the last day, due: 2014-07-31, updates: [{ cycle: july, status: on-track }] }\n";
    let (content, problems) = from_texts(&[
        ("content/site.yaml", settings),
        ("content/plans/p.yaml", &plan("P", actions)),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
    let site = resolve(content).0.unwrap();
    let facts = Facts::new(&site);
    let july = cycle(&facts, "july");
    assert_eq!(july.date.long(), "July 2014");
    assert!(facts.state(&action(&facts, "mid"), Some(july)).overdue);
    assert!(!facts.state(&action(&facts, "end"), Some(july)).overdue);
}

#[test]
fn owners_are_one_through_the_directory() {
    let owners = "- id: trina-shane\n  name: Trina Shane\n  role: Group Manager\n  aliases: [\"Trina Shane, Group Manager\"]\n";
    let actions = "- { id: a, text: A, owner: Trina Shane }\n- { id: b, text: B, owner: \"Trina Shane, Group Manager\" }\n- { id: c, text: C, owner: Trina Shaw }\n";
    let site = site_of(&[
        ("content/owners.yaml", owners),
        ("content/plans/p.yaml", &plan("P", actions)),
    ]);
    let facts = Facts::new(&site);
    let keys: Vec<&str> = facts.owners.keys().map(String::as_str).collect();
    assert_eq!(keys, ["trina-shane", "trina-shaw"]);
    let trina = &facts.owners["trina-shane"];
    assert_eq!((trina.name, trina.actions.len()), ("Trina Shane", 2));
    assert_eq!(
        trina.entry.and_then(|e| e.role.as_deref()),
        Some("Group Manager")
    );
    assert_eq!(facts.owner_key("trina shane, group manager"), "trina-shane");
    assert_eq!(facts.owner("T Shane").map(|o| o.id.as_str()), None);
    assert_eq!(
        facts
            .owner("Trina Shane, Group Manager")
            .map(|o| o.id.as_str()),
        Some("trina-shane")
    );
    assert!(facts.owner("Trina Shaw").is_none());
    assert!(facts.owners["trina-shaw"].entry.is_none());
}

#[test]
fn a_reopened_action_is_worse_and_briefings_are_found() {
    let actions = "- id: reopened
  text: Complete, then back in progress
  updates:
    - { cycle: c1, status: complete }
    - { cycle: c2, status: on-track }
";
    let briefing = "---\ntitle: Update\ndate: 2013-08-01\nplans: [p]\n---\nText.\n";
    let other = "---\ntitle: Older\ndate: 2013-06-01\nplans: [p]\n---\nText.\n";
    let site = site_of(&[
        ("content/plans/p.yaml", &plan("P", actions)),
        ("content/briefings/update.md", briefing),
        ("content/briefings/older.md", other),
    ]);
    let facts = Facts::new(&site);
    let plan = facts.plan("p").unwrap();
    assert_eq!(
        ids(&facts.changes(plan, cycle(&facts, "c2")).worse),
        ["reopened"]
    );
    assert_eq!(
        facts.briefing("update").map(|b| b.meta.title.as_str()),
        Some("Update")
    );
    let about: Vec<&str> = facts.briefings_about("p").map(|b| b.id.as_str()).collect();
    assert_eq!(about, ["update", "older"]);
    assert_eq!(facts.briefings_about("q").count(), 0);
}

/// The concerns of a plan, as `field: message`.
fn concerns(site: &Site) -> Vec<String> {
    Facts::new(site)
        .audit()
        .iter()
        .map(|c| format!("{}: {}", c.field, c.message))
        .collect()
}

#[test]
fn a_forgotten_return_is_a_concern_unless_explained() {
    let actions = "- id: forgotten
  text: No update at the latest report
  updates: [{ cycle: c1, status: on-track }]
- id: explained
  text: Said why
  updates: [{ cycle: c1, status: on-track }, { cycle: c2, not_reported: Report deferred }]
- id: done
  text: Done before
  updates: [{ cycle: c1, status: complete }]
- id: stepped
  text: Reported through a step
  steps: [{ text: S, updates: [{ cycle: c2, status: on-track }] }]
- id: reported
  text: Reported
  updates: [{ cycle: c2, status: on-track }]
";
    let found = concerns(&site(actions));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("recommendations[0].actions[0]: no progress is reported for this action at Committee, 15 August 2013"), "{found:?}");
}

#[test]
fn a_papers_own_summary_is_checked_against_the_actions() {
    let actions = "- { id: a, text: A, updates: [{ cycle: c1, status: complete }] }
- { id: b, text: B, updates: [{ cycle: c1, status: complete }] }
- { id: c, text: C, updates: [{ cycle: c1, status: behind }] }
";
    let reports = "reports:
  - cycle: c1
    counts: { complete: 2, behind: 2 }
    shares: { complete: 67, behind: 30 }
";
    let found = concerns(&site_of(&[(
        "content/plans/p.yaml",
        &plan_with(reports, actions),
    )]));
    assert_eq!(
        found,
        [
            "reports[0].counts.behind: the paper counts 2 \"Behind schedule\" at Committee, 6 June 2013, but the plan's actions give 1",
            "reports[0].shares.behind: the paper gives 30% \"Behind schedule\" at Committee, 6 June 2013, but the plan's actions give 33.3% (1 of 3)",
        ]
    );
    // Papers round their percentages: a point either way is agreement.
    let rounded = "reports:\n  - cycle: c1\n    shares: { complete: 67.5, behind: 32.5 }\n";
    assert!(concerns(&site_of(&[(
        "content/plans/p.yaml",
        &plan_with(rounded, actions)
    )]))
    .is_empty());
    let four =
        format!("{actions}- {{ id: d, text: D, updates: [{{ cycle: c1, status: on-track }}] }}\n");
    let exact = "reports:\n  - cycle: c1\n    shares: { behind: 24, on-track: 26 }\n";
    assert!(concerns(&site_of(&[(
        "content/plans/p.yaml",
        &plan_with(exact, &four)
    )]))
    .is_empty());
    let off = "reports:\n  - cycle: c1\n    shares: { behind: 23.9 }\n";
    assert_eq!(
        concerns(&site_of(&[(
            "content/plans/p.yaml",
            &plan_with(off, &four)
        )]))
        .len(),
        1
    );
    // With no actions listed, the paper's figures are all there is.
    let only_totals = plan_with(reports, "").replace("    actions:\n", "    actions: []\n");
    assert!(concerns(&site_of(&[("content/plans/p.yaml", &only_totals)])).is_empty());
}

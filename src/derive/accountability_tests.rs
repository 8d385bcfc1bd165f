//! The accountability rules on small sites written for each rule: two-step
//! completion and what roll-ups count, who rated a status, clocks (met, met
//! late, open and overdue, not known), undertakings answered, late and
//! carried forward; and the errors bad input gives, with file and line.

use crate::derive::clocks::{judge, Printed, Standing};
use crate::derive::meetings::Back;
use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::load::from_texts;
use crate::model::clock::Clock;
use crate::model::date::MeetingDate;
use crate::model::site::Site;
use crate::resolve::resolve;

/// Four meetings, in date order, and two bank holidays.
const SETTINGS: &str = "title: T
organisation: O
base_url: https://example.org/
cycles:
  - { id: c1, date: 2013-06-06, meeting: Committee }
  - { id: c2, date: 2013-08-15, meeting: Committee }
  - { id: c3, date: 2013-10-10, meeting: Committee }
  - { id: c4, date: 2014-01-20, meeting: Committee }
bank_holidays: [2013-12-25, 2013-12-26]
";

fn load(files: &[(&str, &str)]) -> (Option<Site>, Vec<Diagnostic>) {
    let mut all = vec![("content/site.yaml", SETTINGS)];
    all.extend_from_slice(files);
    let (content, mut problems) = from_texts(&all);
    let (site, more) = resolve(content);
    problems.extend(more.into_iter().filter(Diagnostic::is_error));
    (site, problems)
}

fn site_of(files: &[(&str, &str)]) -> Site {
    let (site, problems) = load(files);
    assert!(
        problems.is_empty(),
        "the fixture has problems: {problems:#?}"
    );
    site.expect("a site")
}

/// The errors of a site, as `file:line: message`.
fn errors(files: &[(&str, &str)]) -> Vec<String> {
    load(files)
        .1
        .iter()
        .map(|d| {
            format!(
                "{}:{}: {}",
                d.file.display(),
                d.line.map_or("?".to_owned(), |l| l.to_string()),
                d.message
            )
        })
        .collect()
}

fn plan(head: &str, actions: &str) -> String {
    let actions: String = actions.lines().flat_map(|l| ["      ", l, "\n"]).collect();
    format!("title: P\norganisation: O\nkind: scrutiny\n{head}recommendations:\n  - id: R1\n    actions:\n{actions}")
}

/// Reported complete at c2; confirmed by the committee at c3, minute 23.
const SIGNED_OFF: &str = "- id: a
  text: Signed off
  updates:
    - { cycle: c1, status: on-track }
    - { cycle: c2, status: complete, rated_by: the action owner }
    - cycle: c3
      status: complete
      rated_by: the improvement board
      confirmed: { cycle: c3, minute: 23 }
- id: b
  text: Reported complete, never confirmed
  updates:
    - { cycle: c2, status: complete }
";

#[test]
fn completion_takes_two_steps() {
    let site = site_of(&[("content/plans/p.yaml", &plan("", SIGNED_OFF))]);
    let facts = Facts::new(&site);
    let p = facts.plan("p").unwrap();
    let a = p.actions[0];
    let at = |c: &str| facts.state(&a, facts.cycle(c));
    assert!(at("c2").is_done());
    assert!(at("c2").confirmed.is_none(), "reported, not yet confirmed");
    assert_eq!(at("c2").rated_by, Some("the action owner"));
    let c3 = at("c3");
    assert_eq!(c3.confirmed.map(|c| c.cycle.as_str()), Some("c3"));
    assert_eq!(c3.confirmed.and_then(|c| c.minute.as_deref()), Some("23"));
    assert_eq!(c3.rated_by, Some("the improvement board"));
    // Carried to a later meeting with no update, the confirmation stands.
    assert!(at("c4").confirmed.is_some());
    assert!(
        p.sign_off,
        "a plan that records a confirmation shows sign-off"
    );
}

#[test]
fn a_later_status_that_is_not_done_undoes_the_confirmation() {
    let reopened = "- id: a
  text: Reopened
  updates:
    - { cycle: c2, status: complete }
    - { cycle: c3, status: complete, confirmed: { cycle: c3 } }
    - { cycle: c4, status: behind }
";
    let site = site_of(&[("content/plans/p.yaml", &plan("", reopened))]);
    let facts = Facts::new(&site);
    let a = facts.plan("p").unwrap().actions[0];
    assert!(facts.state(&a, facts.cycle("c3")).confirmed.is_some());
    let c4 = facts.state(&a, facts.cycle("c4"));
    assert!(!c4.is_done());
    assert!(c4.confirmed.is_none());
}

#[test]
fn roll_ups_count_reported_or_confirmed_completion() {
    use crate::model::plan::Completion;
    let reported = site_of(&[("content/plans/p.yaml", &plan("", SIGNED_OFF))]);
    let facts = Facts::new(&reported);
    let p = facts.plan("p").unwrap();
    let at = |c: &str| facts.summary(p, &p.actions, facts.cycle(c));
    assert_eq!(at("c2").counting, Some(Completion::Reported));
    assert_eq!(
        (
            at("c2").done,
            at("c2").reported_done,
            at("c2").confirmed_done
        ),
        (2, 2, 0)
    );
    assert_eq!((at("c3").done, at("c3").confirmed_done), (2, 1));

    let confirmed = site_of(&[(
        "content/plans/p.yaml",
        &plan("completion: confirmed\n", SIGNED_OFF),
    )]);
    let facts = Facts::new(&confirmed);
    let p = facts.plan("p").unwrap();
    let at = |c: &str| facts.summary(p, &p.actions, facts.cycle(c));
    assert_eq!(at("c2").counting, Some(Completion::Confirmed));
    assert_eq!((at("c2").done, at("c2").reported_done), (0, 2));
    assert_eq!((at("c3").done, at("c3").reported_done), (1, 2));
    // Summed with a plan that counts as reported, the sum says it is mixed.
    let both = site_of(&[
        (
            "content/plans/p.yaml",
            &plan("completion: confirmed\n", SIGNED_OFF),
        ),
        ("content/plans/q.yaml", &plan("", SIGNED_OFF)),
    ]);
    let facts = Facts::new(&both);
    let sums: Vec<_> = facts
        .plans
        .iter()
        .map(|p| facts.summary(p, &p.actions, facts.cycle("c3")))
        .collect();
    let merged = crate::derive::Summary::merge(&sums);
    assert_eq!(merged.counting, None);
    assert_eq!(
        (merged.done, merged.reported_done, merged.confirmed_done),
        (3, 4, 2)
    );
}

#[test]
fn a_plan_without_confirmations_shows_no_sign_off() {
    let site = site_of(&[(
        "content/plans/p.yaml",
        &plan(
            "",
            "- text: Done\n  updates:\n    - { cycle: c2, status: complete }\n",
        ),
    )]);
    let facts = Facts::new(&site);
    assert!(!facts.plan("p").unwrap().sign_off);
}

fn clock(yaml: &str) -> Clock {
    serde_yaml::from_str(yaml).unwrap()
}

/// A date as printed (`YYYY-MM-DD` or `YYYY-MM`), not estimated.
fn on(text: &str) -> Printed {
    about(text, false)
}

fn about(text: &str, estimated: bool) -> Printed {
    Printed {
        date: MeetingDate::parse(text).unwrap(),
        estimated,
    }
}

#[test]
fn clocks_are_met_late_or_open_as_of_the_latest_cycle() {
    let site = site_of(&[]);
    let as_of = site.cycles.last(); // 20 January 2014
    let holidays = &site.config.bank_holidays;
    let judged = |yaml: &str| judge(Box::leak(Box::new(clock(yaml))), None, holidays, as_of);

    let met = judged(
        "{ id: r, kind: response, title: R, rule: 2 months, start: 2013-06-27, given: 2013-08-27 }",
    );
    assert_eq!(met.due, Some(on("2013-08-27")));
    assert_eq!(met.standing, Standing::Met);

    let late = judged(
        "{ id: r, kind: response, title: R, rule: 2 months, start: 2013-06-27, given: 2013-09-05 }",
    );
    assert_eq!(late.standing, Standing::MetLate(Some(9)));

    // 31 December + 2 months is the last day of February.
    let february =
        judged("{ id: r, kind: response, title: R, rule: two months, start: 2012-12-31 }");
    assert_eq!(february.due, Some(on("2013-02-28")));
    assert_eq!(february.standing, Standing::Overdue(326));

    // 10 working days from Friday 20 December 2013, over Christmas and the
    // year end (1 January is not listed here, so it counts).
    let open = judged(
        "{ id: s, kind: statement-of-action, title: S, rule: 10 working days, start: 2013-12-20 }",
    );
    assert_eq!(open.due, Some(on("2014-01-07")));
    assert_eq!(open.standing, Standing::Overdue(13));
    let not_yet = judged("{ id: v, kind: visit, title: V, due: 2014-03-01 }");
    assert_eq!(not_yet.standing, Standing::Open);

    let unknown = judged(
        "{ id: r, kind: response, title: R, rule: 2 months, start: not known, given: 2013-06-27 }",
    );
    assert_eq!(unknown.due, None);
    assert_eq!(unknown.standing, Standing::GivenUnjudged);
    let unknown_open = judged("{ id: r, kind: response, title: R, due: not known }");
    assert_eq!(unknown_open.standing, Standing::OpenDueNotKnown);
    let given_unknown =
        judged("{ id: r, kind: response, title: R, due: 2013-07-01, given: not known }");
    assert_eq!(given_unknown.standing, Standing::GivenUnjudged);
}

#[test]
fn an_inspections_clock_starts_at_its_publication() {
    let inspection = "title: I\ninspectorate: Ofsted\norganisation: O\npublished: 2013-12-20\nfindings: []\nclocks:\n  - { id: soa, kind: statement-of-action, title: Statement of action, rule: 3 working days }\n";
    let site = site_of(&[("content/inspections/i.yaml", inspection)]);
    let facts = Facts::new(&site);
    let all = facts.all_clocks();
    assert_eq!(all.len(), 1);
    let state = &all[0].3;
    assert_eq!(state.start, Some(on("2013-12-20")));
    // 23, 24, then 27 December: the 25th and 26th are listed bank holidays.
    assert_eq!(state.due, Some(on("2013-12-27")));
}

#[test]
fn clocks_take_months_and_estimated_dates_as_printed() {
    let site = site_of(&[]);
    let as_of = site.cycles.last(); // 20 January 2014
    let holidays = &site.config.bank_holidays;
    let judged = |yaml: &str| judge(Box::leak(Box::new(clock(yaml))), None, holidays, as_of);

    // A month's start and a rule in months: a month's due date.
    let months = judged("{ id: r, kind: response, title: R, rule: 2 months, start: 2013-03 }");
    assert_eq!(months.due, Some(on("2013-05")));
    assert_eq!(months.standing, Standing::Overdue(234)); // from 31 May 2013
    assert!(!months.estimated);
    // Given within the due month: met; in a month wholly after it: late, by
    // no count of days; in the month a due day falls in: not judged.
    let met = judged(
        "{ id: r, kind: response, title: R, rule: 2 months, start: 2013-03, given: 2013-05-31 }",
    );
    assert_eq!(met.standing, Standing::Met);
    let met_month = judged(
        "{ id: r, kind: response, title: R, rule: 2 months, start: 2013-03, given: 2013-05 }",
    );
    assert_eq!(met_month.standing, Standing::Met);
    let late = judged(
        "{ id: r, kind: response, title: R, rule: 2 months, start: 2013-03, given: 2013-06-01 }",
    );
    assert_eq!(late.standing, Standing::MetLate(None));
    let late_days =
        judged("{ id: r, kind: response, title: R, due: 2013-05-10, given: 2013-06-01 }");
    assert_eq!(late_days.standing, Standing::MetLate(Some(22)));
    let same_month = judged("{ id: r, kind: response, title: R, due: 2013-05-10, given: 2013-05 }");
    assert_eq!(same_month.standing, Standing::GivenInDueMonth);
    let month_before =
        judged("{ id: r, kind: response, title: R, due: 2013-05-10, given: 2013-04 }");
    assert_eq!(month_before.standing, Standing::Met);
    // Given "in May", due 1 May: perhaps that very day, so not judged late.
    let first_day = judged("{ id: r, kind: response, title: R, due: 2013-05-01, given: 2013-05 }");
    assert_eq!(first_day.standing, Standing::GivenInDueMonth);
    // Due on the day of the latest cycle: not yet overdue.
    let due_today = judged("{ id: r, kind: response, title: R, due: 2014-01-20 }");
    assert_eq!(due_today.standing, Standing::Open);
    let month_after =
        judged("{ id: r, kind: response, title: R, due: 2013-05-10, given: 2013-06 }");
    assert_eq!(month_after.standing, Standing::MetLate(None));

    // A rule in days from a month: the latest day it can fall due, as an
    // estimate (30 days from 31 March is 30 April).
    let days = judged("{ id: r, kind: response, title: R, rule: within 30 days, start: 2013-03 }");
    assert_eq!(days.due, Some(about("2013-04-30", true)));
    assert_eq!(days.standing, Standing::Overdue(265));
    assert!(days.estimated);

    // `estimated` marks the dates it names; counts resting on them are hedged.
    let hedged = judged(
        "{ id: r, kind: response, title: R, rule: 2 months, start: 2013-06-27, estimated: true }",
    );
    assert_eq!(hedged.start, Some(about("2013-06-27", true)));
    assert_eq!(hedged.due, Some(about("2013-08-27", true)));
    assert!(hedged.estimated);
    let given_hedged = judged("{ id: r, kind: response, title: R, due: 2013-08-27, given: 2013-09-05, estimated: [given] }");
    assert_eq!(given_hedged.due, Some(on("2013-08-27")));
    assert_eq!(given_hedged.given, Some(about("2013-09-05", true)));
    assert_eq!(given_hedged.standing, Standing::MetLate(Some(9)));
    assert!(given_hedged.estimated);
    let start_hedged = judged("{ id: r, kind: response, title: R, due: 2013-08-27, start: 2013-06-27, given: 2013-09-05, estimated: [start] }");
    assert!(
        !start_hedged.estimated,
        "the count rests on the due and given dates only"
    );
}

#[test]
fn a_clocks_estimate_names_a_date_it_gives() {
    let with = |clock: &str| {
        errors(&[(
            "content/plans/p.yaml",
            &format!("{}clocks:\n  - {clock}\n", plan("", "- text: A\n")),
        )])
    };
    let both = with(
        "{ id: r, kind: response, title: R, due: 2013-08-27, given: 2013-09-05, estimated: true }",
    );
    assert_eq!(both.len(), 1, "{both:?}");
    assert!(
        both[0].contains("does not say which of its dates (due, given)"),
        "{both:?}"
    );
    let none = with("{ id: r, kind: response, title: R, due: 2013-08-27, estimated: [given] }");
    assert!(none[0].contains("gives no given date"), "{none:?}");
    let odd = with("{ id: r, kind: response, title: R, due: 2013-08-27, estimated: [when] }");
    assert!(
        odd[0].contains("\"when\" is not one of a clock's dates"),
        "{odd:?}"
    );
    assert!(
        with("{ id: r, kind: response, title: R, due: 2013-08-27, estimated: true }").is_empty()
    );
    assert!(with("{ id: r, kind: response, title: R, rule: 2 months, start: 2013-03, given: 2013-04, estimated: [start, given] }").is_empty());
    // A month given is not before a start in the same month.
    assert!(with(
        "{ id: r, kind: response, title: R, rule: 2 months, start: 2013-03-15, given: 2013-03 }"
    )
    .is_empty());
    let before = with(
        "{ id: r, kind: response, title: R, rule: 2 months, start: 2013-03-15, given: 2013-02 }",
    );
    assert!(
        before[0].contains("was given (2013-02) before it started (2013-03-15)"),
        "{before:?}"
    );
}

const GIVEN_AT_C1: &str = "undertakings:
  - { id: on-time, what: Report back on placements, due: c2 }
  - { id: late, what: Bring the audit, due: c2 }
  - { id: never, what: Circulate the terms of reference, due: c2 }
  - { id: no-due, what: Something with no date }
";

const ANSWERED_AT_C2: &str = "answered:
  - { undertaking: on-time, where: p }
";

const ANSWERED_AT_C3: &str = "answered:
  - { undertaking: late, note: Tabled }
";

fn meetings_site() -> Site {
    site_of(&[
        ("content/plans/p.yaml", &plan("", "- text: A\n")),
        ("content/meetings/c1.yaml", GIVEN_AT_C1),
        ("content/meetings/c2.yaml", ANSWERED_AT_C2),
        ("content/meetings/c3.yaml", ANSWERED_AT_C3),
    ])
}

#[test]
fn undertakings_come_back_or_carry_forward() {
    let site = meetings_site();
    let facts = Facts::new(&site);
    let at = |cycle: &str| -> Vec<(String, Back, bool)> {
        facts
            .undertakings_at(cycle)
            .into_iter()
            .map(|(t, back, carried)| (t.undertaking.id.clone(), back, carried))
            .collect()
    };
    assert_eq!(
        at("c1"),
        vec![],
        "nothing is due back at the meeting that gave it"
    );
    assert_eq!(
        at("c2"),
        vec![
            ("on-time".to_owned(), Back::OnTime, false),
            ("late".to_owned(), Back::Outstanding, false),
            ("never".to_owned(), Back::Outstanding, false),
        ]
    );
    // At c3 the late one came back, late; the one never answered carries forward.
    assert_eq!(
        at("c3"),
        vec![
            ("late".to_owned(), Back::Late, true),
            ("never".to_owned(), Back::Outstanding, true),
        ]
    );
    assert_eq!(
        at("c4"),
        vec![("never".to_owned(), Back::Outstanding, true)]
    );
    let tracked = facts.undertakings();
    let no_due = tracked
        .iter()
        .find(|t| t.undertaking.id == "no-due")
        .unwrap();
    assert_eq!(
        facts.back_at(no_due, "c4"),
        None,
        "no due meeting: never late"
    );
}

#[test]
fn bad_input_gives_errors_with_file_and_line() {
    let unknown_cycle = plan("", "- text: A\n  updates:\n    - { cycle: c2, status: complete }\n    - cycle: c3\n      status: complete\n      confirmed: { cycle: c9, minute: 1 }\n");
    let found = errors(&[("content/plans/p.yaml", &unknown_cycle)]);
    assert_eq!(
        found,
        vec!["content/plans/p.yaml:12: unknown cycle \"c9\"".to_owned()]
    );

    let not_complete = plan("", "- text: A\n  updates:\n    - cycle: c2\n      status: on-track\n      confirmed: { cycle: c2 }\n");
    let found = errors(&[("content/plans/p.yaml", &not_complete)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("content/plans/p.yaml:11: the committee confirms completion, but the action is not reported complete"), "{found:?}");

    let before = plan("", "- text: A\n  updates:\n    - { cycle: c1, status: on-track }\n    - cycle: c3\n      status: complete\n      confirmed: { cycle: c2 }\n");
    let found = errors(&[("content/plans/p.yaml", &before)]);
    assert_eq!(found, vec!["content/plans/p.yaml:12: completion is confirmed at \"c2\", before it was reported at \"c3\"".to_owned()]);

    let no_start = "title: P\norganisation: O\nkind: scrutiny\nclocks:\n  - id: response\n    kind: response\n    title: Response\n    rule: 2 months\n";
    let found = errors(&[("content/plans/p.yaml", no_start)]);
    assert_eq!(
        found,
        vec![
            "content/plans/p.yaml:8: the clock \"response\" counts 2 months but has no start"
                .to_owned()
        ]
    );

    let found = errors(&[("content/plans/p.yaml", "title: P\norganisation: O\nkind: scrutiny\nclocks:\n  - { id: r, kind: response, title: R }\n")]);
    assert_eq!(
        found,
        vec!["content/plans/p.yaml:5: the clock \"r\" has no rule and no due date".to_owned()]
    );

    let found = errors(&[("content/meetings/c7.yaml", "undertakings: []\n")]);
    assert_eq!(
        found,
        vec!["content/meetings/c7.yaml:1: there is no cycle \"c7\" for this meeting".to_owned()]
    );

    let found = errors(&[
        (
            "content/meetings/c1.yaml",
            "undertakings:\n  - { id: u, what: W, due: c9 }\n  - { id: u, what: X }\n",
        ),
        (
            "content/meetings/c2.yaml",
            "undertakings:\n  - { id: u, what: Y }\nanswered:\n  - { undertaking: uu }\n",
        ),
    ]);
    assert_eq!(
        found,
        vec![
            "content/meetings/c1.yaml:2: unknown cycle \"c9\"".to_owned(),
            "content/meetings/c1.yaml:3: duplicate id \"u\": an earlier undertaking in this file has it, on line 2".to_owned(),
            "content/meetings/c2.yaml:2: duplicate undertaking id \"u\": content/meetings/c1.yaml has it".to_owned(),
            "content/meetings/c2.yaml:4: unknown undertaking \"uu\"".to_owned(),
        ]
    );

    let found = errors(&[
        (
            "content/meetings/c2.yaml",
            "undertakings:\n  - { id: u, what: W, due: c1 }\n",
        ),
        (
            "content/meetings/c1.yaml",
            "answered:\n  - { undertaking: u }\n",
        ),
    ]);
    assert_eq!(
        found,
        vec![
            "content/meetings/c2.yaml:2: the undertaking is due back at \"c1\", which is not after this meeting".to_owned(),
            "content/meetings/c1.yaml:2: the undertaking \"u\" is answered at or before the meeting it was given at".to_owned(),
        ]
    );
}

#[test]
fn a_baseline_must_name_a_plan_and_cycle_that_exist() {
    let plan_file = plan("", "- text: A\n");
    let found = errors(&[
        ("content/plans/p.yaml", &plan_file),
        (
            "content/baselines/p@c9.yaml",
            "plan: p\ncycle: c9\nactions: []\n",
        ),
        ("content/baselines/q.yaml", "plan: q\nactions: []\n"),
        ("content/baselines/p.yaml", "plan: x\nactions: []\n"),
    ]);
    assert_eq!(
        found,
        vec![
            "content/baselines/p@c9.yaml:1: this baseline is named after the cycle \"c9\", which is not in content/site.yaml".to_owned(),
            "content/baselines/q.yaml:1: this baseline is named after a plan that does not exist: there is no plan \"q\"".to_owned(),
            "content/baselines/p.yaml:1: the baseline says it is of \"x\", but its file is named after \"p\"".to_owned(),
        ]
    );
}

#[test]
fn a_finding_repeats_one_of_an_earlier_inspection() {
    let earlier = "title: E\ninspectorate: Ofsted\norganisation: O\nfindings:\n  - { id: R22, text: Visits }\n";
    let later = "title: L\ninspectorate: Ofsted\norganisation: O\nfindings:\n  - { id: '4', text: Visits again, repeats: 'e#R22' }\n";
    let site = site_of(&[
        ("content/inspections/e.yaml", earlier),
        ("content/inspections/l.yaml", later),
    ]);
    assert_eq!(
        site.inspections[1].findings[0].repeats.as_deref(),
        Some("e#R22")
    );
    // A plan answering the later finding carries over the earlier plan's
    // action that answered the one it repeats, and only that one.
    let earlier_plan = "title: E\norganisation: O\nkind: inspection\nrecommendations:\n  - id: R22\n    findings: ['e#R22']\n    actions:\n      - { id: visits, text: Audit visits }\n  - id: R9\n    actions:\n      - { id: other, text: Something else }\n";
    let later_plan = "title: L\norganisation: O\nkind: inspection\nrecommendations:\n  - id: '4'\n    actions:\n      - { id: again, text: Record every visit, findings: ['l#4'] }\n      - { id: new, text: Something new }\n";
    let site = site_of(&[
        ("content/inspections/e.yaml", earlier),
        ("content/inspections/l.yaml", later),
        ("content/plans/e-plan.yaml", earlier_plan),
        ("content/plans/l-plan.yaml", later_plan),
    ]);
    let facts = Facts::new(&site);
    let l = facts.plan("l-plan").unwrap();
    let carried: Vec<String> = facts
        .carried_over(&l.actions[0])
        .iter()
        .map(|a| format!("{}#{}", a.plan.id, a.action.id()))
        .collect();
    assert_eq!(carried, ["e-plan#visits"]);
    assert!(facts.carried_over(&l.actions[1]).is_empty());
    assert!(facts
        .carried_over(&facts.plan("e-plan").unwrap().actions[0])
        .is_empty());
    let wrong = later.replace("e#R22", "e#R2");
    let found = errors(&[
        ("content/inspections/e.yaml", earlier),
        ("content/inspections/l.yaml", &wrong),
    ]);
    assert_eq!(found, vec!["content/inspections/l.yaml:5: broken finding reference \"e#R2\": inspection \"e\" has no finding \"R2\"".to_owned()]);
}

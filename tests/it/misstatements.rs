//! Every page of the example site, and of small sites in the shapes of other
//! councils' papers, read for what a page must never state: a built-in
//! status word on a plan whose key does not have it, a share done where the
//! key has no done status, progress carried from an earlier meeting without
//! saying which, a claim that every action was reported on where some were
//! not, and an id ragtime made up shown where the paper prints no number.
//! Each rule is read from the site's own files (its key, its plans, its
//! cycles), so a new page or a new fixture is read by the same rules.

use crate::says_levels::{self, STEP_RATED};
use crate::says_reported::{self, BEHIND, OFSTED, PARTIAL};
use crate::util::{month_of, read_tree, words, Site};
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use std::collections::{BTreeMap, BTreeSet};

/// The built-in key's words for a status, which only a key that has them may show.
const BUILT_IN: [&str; 4] = [
    "Behind schedule",
    "At risk",
    "Not started",
    "In progress – on schedule",
];

/// A site as built, with what its files say.
struct Built {
    name: String,
    pages: BTreeMap<String, String>,
    plans: Vec<PlanFacts>,
    /// Cycle id → the month and year its date names ("June 2024").
    months: BTreeMap<String, String>,
    /// Cycle ids, oldest first.
    cycles: Vec<String>,
}

struct PlanFacts {
    id: String,
    title: String,
    /// The labels of the key in force, and whether it has a done status.
    labels: Vec<String>,
    has_done: bool,
    /// The plan's file, as written: words the paper itself uses may be shown.
    source: String,
    actions: Vec<ActionFacts>,
}

struct ActionFacts {
    /// The opening of its text, as a reader reads it.
    opening: String,
    /// The id ragtime made up, where the paper gives no id and no number.
    made_up: Option<String>,
    /// Cycle → (status, progress) of each update.
    updates: BTreeMap<String, (Option<String>, Option<String>)>,
}

/// The nearest character boundary of `text` at or before `at`.
fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest character boundary of `text` at or after `at` (at most its length).
fn ceil(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn text(value: &Json) -> Option<String> {
    value.as_str().map(str::to_owned)
}

/// Each action of a plan's open data, beside the same action of its YAML.
fn actions<'a>(json: &'a Json, yaml: &'a Yaml) -> Vec<(&'a Json, &'a Yaml)> {
    let list = |v: &'a Json| v.as_array().map(Vec::as_slice).unwrap_or_default();
    let ylist = |v: Option<&'a Yaml>| {
        v.and_then(Yaml::as_sequence)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let mut found = Vec::new();
    let mut of_recommendations = |json: &'a Json, yaml: Option<&'a Yaml>| {
        for (r, yr) in list(json).iter().zip(ylist(yaml)) {
            for pair in list(&r["actions"]).iter().zip(ylist(yr.get("actions"))) {
                found.push(pair);
            }
        }
    };
    of_recommendations(&json["recommendations"], yaml.get("recommendations"));
    for (s, ys) in list(&json["sections"])
        .iter()
        .zip(ylist(yaml.get("sections")))
    {
        of_recommendations(&s["recommendations"], ys.get("recommendations"));
    }
    for (s, ys) in list(&json["sections"])
        .iter()
        .zip(ylist(yaml.get("sections")))
    {
        for pair in list(&s["actions"]).iter().zip(ylist(ys.get("actions"))) {
            found.push(pair);
        }
    }
    found
}

/// The labels of the built-in key, and its done status.
fn built_in_key() -> (Vec<String>, bool) {
    let mut labels = vec!["Complete".to_owned()];
    labels.extend(BUILT_IN.iter().map(|l| (*l).to_owned()));
    (labels, true)
}

fn key_of(statuses: &Json) -> Option<(Vec<String>, bool)> {
    let statuses = statuses.as_array()?;
    let labels = statuses.iter().filter_map(|s| text(&s["label"])).collect();
    let done = statuses.iter().any(|s| s["done"] == Json::Bool(true));
    Some((labels, done))
}

/// Builds `site` (which must pass) and reads it with what its files say.
fn read(name: &str, site: &Site) -> Built {
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let pages = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.clone(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    let settings: Yaml = serde_yaml::from_str(&site.read("content/site.yaml")).unwrap();
    let as_json = |yaml: Option<&Yaml>| -> Json {
        yaml.map_or(Json::Null, |y| serde_json::to_value(y).unwrap())
    };
    let site_key = key_of(&as_json(settings.get("statuses"))).unwrap_or_else(built_in_key);
    let mut dated: Vec<(String, String)> = settings["cycles"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| {
            let id = match &c["id"] {
                Yaml::String(s) => s.clone(),
                other => serde_yaml::to_string(other).unwrap().trim().to_owned(),
            };
            let date = match &c["date"] {
                Yaml::String(s) => s.clone(),
                other => serde_yaml::to_string(other).unwrap().trim().to_owned(),
            };
            (date, id)
        })
        .collect();
    dated.sort();
    let months = dated
        .iter()
        .map(|(date, id)| (id.clone(), month_of(date)))
        .collect();
    let cycles = dated.into_iter().map(|(_, id)| id).collect();
    let mut plans = Vec::new();
    for file in site.files("content/plans") {
        let Some(id) = file.strip_suffix(".yaml") else {
            continue;
        };
        let source = site.read(&format!("content/plans/{file}"));
        let yaml: Yaml = serde_yaml::from_str(&source).unwrap();
        let data: Json =
            serde_json::from_str(&site.read(&format!("public/plans/{id}.json"))).unwrap();
        let plan = &data["plan"];
        let (labels, has_done) = key_of(&plan["statuses"]).unwrap_or_else(|| site_key.clone());
        let actions = actions(plan, &yaml)
            .into_iter()
            .map(|(json, yaml)| {
                let printed = yaml.get("id").is_some() || yaml.get("number").is_some();
                let updates = json["updates"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|u| u["not_reported"].is_null())
                    .map(|u| {
                        (
                            text(&u["cycle"]).unwrap(),
                            (text(&u["status"]), text(&u["progress"])),
                        )
                    })
                    .collect();
                ActionFacts {
                    opening: words(&text(&json["text"]).unwrap_or_default())
                        .chars()
                        .take(30)
                        .collect(),
                    made_up: (!printed).then(|| text(&json["id"])).flatten(),
                    updates,
                }
            })
            .collect();
        plans.push(PlanFacts {
            id: id.to_owned(),
            title: text(&plan["title"]).unwrap(),
            labels,
            has_done,
            source,
            actions,
        });
    }
    Built {
        name: name.to_owned(),
        pages,
        plans,
        months,
        cycles,
    }
}

impl Built {
    /// The plans a page speaks for: one plan's pages, or every plan.
    fn plans_of(&self, page: &str) -> Vec<&PlanFacts> {
        let own = self
            .plans
            .iter()
            .find(|p| page.starts_with(&format!("plans/{}/", p.id)));
        match own {
            Some(plan) => vec![plan],
            None => self.plans.iter().collect(),
        }
    }

    /// The cycles a plan reported at: any action has an update there.
    fn reported_at(plan: &PlanFacts) -> BTreeSet<&str> {
        plan.actions
            .iter()
            .flat_map(|a| a.updates.keys().map(String::as_str))
            .collect()
    }

    /// Every misstatement found on every page, as "page: what".
    fn misstatements(&self) -> Vec<String> {
        let mut found = Vec::new();
        for (path, html) in &self.pages {
            let said = words(html);
            let plans = self.plans_of(path);
            let mut say = |what: String| found.push(format!("{}: {path}: {what}", self.name));
            // Built-in status words, where no key in force has them and no paper uses them.
            for word in BUILT_IN {
                let keyed = plans.iter().any(|p| p.labels.iter().any(|l| l == word));
                let in_paper = plans.iter().any(|p| p.source.contains(word));
                if !keyed && !in_paper && said.contains(word) {
                    say(format!("the built-in status \"{word}\""));
                }
            }
            // A share done, where no key in force has a done status.
            if plans.iter().all(|p| !p.has_done) && said.contains("% done") {
                say("a share \"% done\" where the key has no done status".to_owned());
            }
            // Ids ragtime made up, shown as an action's number: after "Action", or just before its text.
            let tokens: Vec<(usize, &str)> = said
                .split(' ')
                .scan(0, |at, t| {
                    let start = *at;
                    *at += t.len() + 1;
                    Some((start, t.trim_matches(|c: char| ",;:()[]\"'".contains(c))))
                })
                .collect();
            for plan in &plans {
                for action in &plan.actions {
                    let Some(id) = action.made_up.as_deref() else {
                        continue;
                    };
                    let shown = tokens.iter().enumerate().any(|(i, (at, token))| {
                        let after = &said[*at..ceil(&said, *at + 200)];
                        *token == id
                            && (i > 0 && tokens[i - 1].1.eq_ignore_ascii_case("action")
                                || after.contains(action.opening.as_str()))
                    });
                    if shown {
                        say(format!(
                            "the made-up id \"{id}\" of an action of {}",
                            plan.id
                        ));
                    }
                }
            }
        }
        found.extend(self.carried());
        found.extend(self.claims());
        found
    }

    /// Pages of a cycle: its own page and report, and each plan as reported to it.
    fn pages_at(&self, cycle: &str, plan: &str) -> Vec<(&String, String)> {
        self.pages
            .iter()
            .filter(|(path, _)| {
                path.starts_with(&format!("cycles/{cycle}/"))
                    || path.starts_with(&format!("plans/{plan}/{cycle}/"))
            })
            .map(|(path, html)| (path, words(html)))
            .collect()
    }

    /// Progress carried from an earlier meeting, shown at a later one without that meeting's date near it.
    fn carried(&self) -> Vec<String> {
        let mut found = Vec::new();
        for plan in &self.plans {
            for cycle in Self::reported_at(plan) {
                let before: Vec<&String> = self
                    .cycles
                    .iter()
                    .take_while(|c| c.as_str() != cycle)
                    .collect();
                for action in plan
                    .actions
                    .iter()
                    .filter(|a| !a.updates.contains_key(cycle))
                {
                    let Some((from, progress)) = before.iter().rev().find_map(|c| {
                        let (_, progress) = action.updates.get(c.as_str())?;
                        Some((c.as_str(), progress.as_deref()?))
                    }) else {
                        continue;
                    };
                    let progress = words(progress);
                    let opening: String = progress.chars().take(60).collect();
                    // Too short to tell apart, or the paper's own words elsewhere too (a response).
                    let in_paper = words(&plan.source).matches(opening.as_str()).count();
                    if opening.chars().count() < 20 || in_paper > 1 {
                        continue;
                    }
                    let month = &self.months[from];
                    for (path, said) in self.pages_at(cycle, &plan.id) {
                        for (at, _) in said.match_indices(opening.as_str()) {
                            let start = floor(&said, at.saturating_sub(300));
                            let end = ceil(&said, at + progress.len() + 300);
                            if !said[start..end].contains(month.as_str()) {
                                found.push(format!(
                                    "{}: {path}: progress reported in {month} shown at {cycle} without its meeting: \"{opening}\"",
                                    self.name
                                ));
                            }
                        }
                    }
                }
            }
        }
        found
    }

    /// "Every action … reported on", said of a plan at a cycle where some action was not, or that has none.
    fn claims(&self) -> Vec<String> {
        let mut found = Vec::new();
        for cycle in &self.cycles {
            for (path, said) in self.pages_at(cycle, "\u{0}") {
                let mut from = 0;
                while let Some(at) = said[from..].find("every action").map(|a| a + from) {
                    from = at + 1;
                    let sentence_end = said[at..].find('.').map_or(said.len(), |e| at + e);
                    if !said[at..sentence_end].contains("reported on") {
                        continue;
                    }
                    // The plan the claim is made of: the last plan named before it.
                    let plan = self
                        .plans
                        .iter()
                        .filter_map(|p| said[..at].rfind(p.title.as_str()).map(|i| (i, p)))
                        .max_by_key(|(i, _)| *i)
                        .map(|(_, p)| p);
                    let untrue = plan.is_none_or(|p| {
                        p.actions.is_empty()
                            || p.actions.iter().any(|a| {
                                !a.updates
                                    .get(cycle.as_str())
                                    .is_some_and(|(s, p)| s.is_some() || p.is_some())
                            })
                    });
                    if untrue {
                        found.push(format!(
                            "{}: {path}: \"{}\" of {}, where not every action was reported on at {cycle}",
                            self.name,
                            &said[at..sentence_end],
                            plan.map_or("no plan named", |p| p.id.as_str())
                        ));
                    }
                }
            }
        }
        found
    }
}

/// A site of two quarterly meetings with the plans given (`id`, YAML).
fn fixture(plans: &[(&str, &str)]) -> Site {
    let site = Site::empty();
    site.write(
        "content/site.yaml",
        "title: Fixture\norganisation: Example Council\nbase_url: https://www.example.gov.uk/\ncycles:\n  - { id: q1, date: 2024-06-30, meeting: Scrutiny Panel }\n  - { id: q2, date: 2024-09-30, meeting: Scrutiny Panel }\n",
    );
    for (id, yaml) in plans {
        site.write(&format!("content/plans/{id}.yaml"), yaml);
    }
    site
}

/// Keyed Green / Amber / Red with no definitions and no done status (as
/// Bracknell Forest's performance pages): at the second meeting one action
/// is red and one is not reported on.
const RAG: &str = "title: Corporate performance
organisation: Example Council
kind: improvement
statuses:
  - { id: green, label: Green, colour: green }
  - { id: amber, label: Amber, colour: amber }
  - { id: red, label: Red, colour: red }
recommendations:
  - id: R1
    actions:
      - text: Open the new family hub
        owner: Head of Early Help
        due: 2025-03-31
        updates:
          - { cycle: q1, status: green, progress: The lease for the family hub is agreed in principle with the landlord. }
          - { cycle: q2, status: red, progress: The lease is not yet signed. }
      - text: Recruit foster carers
        owner: Head of Fostering
        due: 2025-03-31
        updates:
          - { cycle: q1, status: amber, progress: Six enquiries from prospective foster carers so far this year. }
";

/// A scrutiny tracker with no status column, as York's: progress in words,
/// and an item the second meeting did not report on, saying why.
const NO_STATUS: &str = "title: Scrutiny recommendations tracker
organisation: Example Council
kind: scrutiny
statuses: []
recommendations:
  - id: SR01
    actions:
      - text: Review the charging policy for bulky waste
        owner: Head of Waste
        updates:
          - { cycle: q1, progress: The review of the bulky waste charging policy has begun with a survey. }
          - { cycle: q2, not_reported: The officer was on leave. }
      - text: Report the take-up of the garden waste service
        owner: Head of Waste
        updates:
          - { cycle: q1, progress: Take-up figures for the garden waste service are being collected. }
          - { cycle: q2, progress: Take-up is 41 per cent of households. }
";

/// A plan agreed with its recommendations and no actions yet.
const NO_ACTIONS: &str = "title: Task and finish group on home to school transport
organisation: Example Council
kind: scrutiny
recommendations:
  - id: R1
    text: That the council publishes its home to school transport policy each year.
  - id: R2
    text: That the council reviews the routes every two years.
";

fn sites() -> Vec<Built> {
    vec![
        read("example", &Site::example()),
        read("rag", &fixture(&[("rag", RAG)])),
        read("no-status", &fixture(&[("tracker", NO_STATUS)])),
        read(
            "no-actions",
            &fixture(&[("transport", NO_ACTIONS), ("rag", RAG)]),
        ),
        // The fixtures of the tests of each misstatement, read by every rule.
        read(
            "behind",
            &says_reported::site(&[("plans/behind.yaml", BEHIND)]),
        ),
        read(
            "partial",
            &says_reported::site(&[
                ("plans/partial.yaml", PARTIAL),
                ("inspections/ofsted.yaml", OFSTED),
            ]),
        ),
        read(
            "step-rated",
            &says_levels::site(&[("content/plans/improvement.yaml", STEP_RATED)]),
        ),
        read(
            "months",
            &says_levels::site(&[("content/plans/improvement.yaml", says_levels::MONTHS)]),
        ),
    ]
}

#[test]
fn no_page_states_what_its_paper_does_not() {
    let found: Vec<String> = sites().iter().flat_map(Built::misstatements).collect();
    assert!(
        found.is_empty(),
        "{} misstatements:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The reader itself: each rule finds what it is for on a page written to break it.
#[test]
fn each_rule_finds_the_misstatement_it_reads_for() {
    let site = fixture(&[("rag", RAG)]);
    let mut built = read("rag", &site);
    let plan = "plans/rag/index.html".to_owned();
    let page = built.pages.get_mut(&plan).unwrap();
    page.push_str("<p>Behind schedule (1)</p><p>0% done</p><p>Action R1.1</p>");
    let at_q2 = "cycles/q2/index.html".to_owned();
    built.pages.get_mut(&at_q2).unwrap().push_str(
        "<h2>Rag</h2><p>Progress reported: Six enquiries from prospective foster carers so far this year.</p>\
         <h2>Corporate performance</h2><p>No exceptions: every action is on schedule and was reported on.</p>",
    );
    let found = built.misstatements().join("\n");
    for rule in [
        "the built-in status \"Behind schedule\"",
        "a share \"% done\"",
        "the made-up id \"R1.1\"",
        "shown at q2 without its meeting",
        "where not every action was reported on at q2",
    ] {
        assert!(found.contains(rule), "{rule} not found in:\n{found}");
    }
}

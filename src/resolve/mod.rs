//! Stage 2: give every item its id, check every reference, and collect every
//! problem. The checks of each kind of document are in a file of their own;
//! this one runs them and checks the site's settings.

mod accountability;
mod brand;
mod checker;
mod document;
mod index;
mod indicator;
mod inspection;
mod links;
mod owners;
mod plan;

pub(crate) use plan::names_a_post;

use crate::diagnostic::Diagnostic;
use crate::load::spans::FieldPath;
use crate::load::{Content, Loaded, BASELINES, MEETINGS};
use crate::model::cycle::Cycle;
use crate::model::plan::{Action, Plan};
use crate::model::settings::SiteConfig;
use crate::model::site::{Site, OWNERS, SETTINGS};
use crate::model::status::{default_statuses, Status};
use crate::text::{fingerprint, is_document_id, slug};
use checker::{vocabulary, Checker};
use index::Index;
use owners::check_owners;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Checks the content against itself. Returns the site when there are no errors to stop it.
pub(crate) fn resolve(mut content: Content) -> (Option<Site>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(site) = content.site.take() else {
        return (None, diagnostics);
    };
    if let Some(problem) = crate::model::settings::base_url_problem(&site.value.base_url) {
        diagnostics.push(
            site.source
                .error(&FieldPath::root().key("base_url"), problem)
                .hint("give the address the site is published at, such as https://www.example.gov.uk/plans/"),
        );
    }
    let statuses = check_statuses(&site, &mut diagnostics);
    let (cycles, twice) = check_cycles(&site, &mut diagnostics);
    brand::check_brand(&site, &mut diagnostics);
    let owners = content.owners.take();
    let mut fingerprinted = vec![(SETTINGS, fingerprint(site.source.text.as_bytes()))];
    if let Some(owners) = &owners {
        check_owners(owners, &mut diagnostics);
        fingerprinted.push((OWNERS, fingerprint(owners.source.text.as_bytes())));
    }
    let owners = owners.map(|o| o.value).unwrap_or_default();
    let directory = crate::model::owners::lookup(&owners);

    for plan in &mut content.plans {
        assign_ids(&mut plan.value);
    }
    let index = Index::new(&content, &mut diagnostics);
    let new_checker = || Checker {
        statuses: &statuses,
        cycles: &cycles,
        cycles_broken: twice.is_some(),
        index: &index,
        bank_holidays: &site.value.bank_holidays,
        owners: &owners,
        directory: &directory,
        linked: std::cell::RefCell::default(),
        unknown_cycles: std::cell::RefCell::default(),
        closest_owner: std::cell::RefCell::default(),
    };
    let checker = new_checker();
    let mut links = BTreeMap::new();
    for inspection in &content.inspections {
        checker.inspection(inspection, &mut diagnostics);
        links.insert(inspection.value.id.clone(), checker.take_linked());
    }
    // Plans and briefings are checked in parallel, each with a checker of its
    // own; their problems are gathered in file order.
    let each = |check: &(dyn Fn(&Checker, &mut Vec<Diagnostic>) + Sync)| {
        let checker = new_checker();
        let mut found = Vec::new();
        check(&checker, &mut found);
        (found, checker.take_linked(), checker.unknown_cycles.take())
    };
    let results: Vec<_> = content
        .plans
        .par_iter()
        .map(|plan| (&plan.value.id, each(&|c, d| c.plan(plan, d))))
        .chain(
            content
                .briefings
                .par_iter()
                .map(|briefing| (&briefing.value.id, each(&|c, d| c.briefing(briefing, d)))),
        )
        .collect();
    let mut unknown_cycles = checker.unknown_cycles.take();
    for (id, (found, linked, unknown)) in results {
        diagnostics.extend(found);
        links.insert(id.clone(), linked);
        unknown_cycles.extend(unknown);
    }
    for page in &content.pages {
        checker.page(page, &mut diagnostics);
        links.insert(page.value.id.clone(), checker.take_linked());
    }
    let indicators: Vec<_> = content
        .indicators
        .iter()
        .filter_map(|indicator| checker.indicator(indicator, &mut diagnostics))
        .collect();
    checker.meetings(&content.meetings, &mut diagnostics);
    checker.baselines(&content.baselines, &mut diagnostics);
    // A cycle listed twice is likely a new meeting whose id was not changed:
    // the references to the id it was meant to have say which.
    if let (Some(twice), false) = (twice, unknown_cycles.is_empty()) {
        let names: Vec<&str> = unknown_cycles.iter().map(String::as_str).collect();
        let hint = format!(
            "give each meeting an id of its own; updates and briefings name {} not in the list ({}): if one of these entries is that meeting, give it that id",
            if names.len() == 1 { "a cycle" } else { "cycles" },
            names.join(", ")
        );
        diagnostics[twice] = diagnostics[twice].clone().hint(hint);
    }
    links.retain(|_, linked: &mut BTreeSet<String>| !linked.is_empty());

    let mut fingerprints: BTreeMap<String, u64> = content
        .inspections
        .par_iter()
        .map(|l| (&l.value.id, &l.source))
        .chain(content.plans.par_iter().map(|l| (&l.value.id, &l.source)))
        .chain(
            content
                .briefings
                .par_iter()
                .map(|l| (&l.value.id, &l.source)),
        )
        .chain(content.pages.par_iter().map(|l| (&l.value.id, &l.source)))
        .chain(
            content
                .indicators
                .par_iter()
                .map(|l| (&l.value.0, &l.source)),
        )
        .map(|(id, source)| (id.clone(), fingerprint(source.text.as_bytes())))
        .collect();
    fingerprints.extend(fingerprinted.into_iter().map(|(id, f)| (id.to_owned(), f)));
    for meeting in &content.meetings {
        fingerprints.insert(
            format!("{MEETINGS}/{}", meeting.value.cycle),
            fingerprint(meeting.source.text.as_bytes()),
        );
    }
    for baseline in &content.baselines {
        let name = baseline
            .source
            .path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy();
        fingerprints.insert(
            format!("{BASELINES}/{name}"),
            fingerprint(baseline.source.text.as_bytes()),
        );
    }
    let order =
        |cycle: Option<&str>| cycle.map(|c| site.value.cycles.iter().position(|x| x.id == c));
    let mut baselines: Vec<_> = content.baselines.into_iter().map(|l| l.value).collect();
    baselines.sort_by(|a, b| {
        a.plan
            .cmp(&b.plan)
            .then_with(|| order(a.cycle.as_deref()).cmp(&order(b.cycle.as_deref())))
    });
    let mut meetings: Vec<_> = content.meetings.into_iter().map(|l| l.value).collect();
    meetings.sort_by_key(|m| site.value.cycles.iter().position(|c| c.id == m.cycle));
    let files = content
        .inspections
        .iter()
        .map(|l| (&l.value.id, &l.source))
        .chain(content.plans.iter().map(|l| (&l.value.id, &l.source)))
        .chain(content.briefings.iter().map(|l| (&l.value.id, &l.source)))
        .chain(content.pages.iter().map(|l| (&l.value.id, &l.source)))
        .chain(content.indicators.iter().map(|l| (&l.value.0, &l.source)))
        .map(|(id, source)| (id.clone(), source.path.clone()))
        .collect();
    let site = Site {
        config: site.value,
        statuses,
        cycles,
        inspections: content.inspections.into_iter().map(|l| l.value).collect(),
        plans: content.plans.into_iter().map(|l| l.value).collect(),
        briefings: content.briefings.into_iter().map(|l| l.value).collect(),
        pages: content.pages.into_iter().map(|l| l.value).collect(),
        owners,
        indicators,
        meetings,
        baselines,
        logo: content.logo,
        files,
        fingerprints,
        links,
    };
    (Some(site), diagnostics)
}

fn check_statuses(site: &Loaded<SiteConfig>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Status> {
    let Some(statuses) = &site.value.statuses else {
        return default_statuses();
    };
    vocabulary(
        &site.source,
        &FieldPath::root().key("statuses"),
        statuses,
        diagnostics,
    );
    statuses.clone()
}

/// The cycles in date order, and the position of the error about a cycle
/// listed twice, if there is one (its hint is finished once the documents
/// are checked: see [`resolve`]).
fn check_cycles(
    site: &Loaded<SiteConfig>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Cycle>, Option<usize>) {
    let field = FieldPath::root().key("cycles");
    let mut seen = BTreeSet::new();
    let mut twice = None;
    for (i, cycle) in site.value.cycles.iter().enumerate() {
        let at = field.index(i).key("id");
        if !is_document_id(&cycle.id) {
            diagnostics.push(
                site.source
                    .error(&at, format!("the cycle id \"{}\" is not usable", cycle.id))
                    .hint("use lower-case letters, digits and dashes, for example \"2013-08\""),
            );
        }
        if crate::model::cycle::PLAN_PAGES.contains(&cycle.id.as_str()) {
            diagnostics.push(
                site.source
                    .error(&at, format!("the cycle id \"{}\" is the name of a page each plan has", cycle.id))
                    .hint(format!("a plan's page at a cycle is plans/<plan>/<cycle>/, beside its pages {}: name the cycle by its date, for example \"2013-08\"", crate::model::cycle::PLAN_PAGES.join(", "))),
            );
        }
        // Progress can be reported as at the meeting's day or before it, not after.
        if let Some(as_of) = cycle.as_of.filter(|a| a.as_of() > cycle.date.as_of()) {
            diagnostics.push(
                site.source
                    .error(
                        &field.index(i).key("as_of"),
                        format!(
                            "the cycle \"{}\" reports progress as at {}, after its meeting ({})",
                            cycle.id,
                            as_of.long(),
                            cycle.date.long()
                        ),
                    )
                    .hint("`as_of` is the date the paper reports progress as at, on or before the meeting's `date`: check the two dates, or leave `as_of` out"),
            );
        }
        if !seen.insert(cycle.id.as_str()) {
            twice.get_or_insert(diagnostics.len());
            diagnostics.push(
                site.source
                    .error(&at, format!("the cycle \"{}\" is defined twice", cycle.id))
                    .hint("give each meeting an id of its own"),
            );
        }
    }
    let mut cycles = site.value.cycles.clone();
    cycles.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    (cycles, twice)
}

/// Fills in default ids: sections from their titles, actions from their position.
pub(crate) fn assign_ids(plan: &mut Plan) {
    for section in &mut plan.sections {
        if section.id.is_none() {
            section.id = Some(slug(&section.title));
        }
        let section_id = section.id().to_owned();
        for rec in &mut section.recommendations {
            number_actions(&rec.id, &mut rec.actions);
        }
        number_actions(&section_id, &mut section.actions);
    }
    for rec in &mut plan.recommendations {
        number_actions(&rec.id, &mut rec.actions);
    }
}

fn number_actions(parent: &str, actions: &mut [Action]) {
    for (n, action) in actions.iter_mut().enumerate() {
        action.given_id = action.id.is_some();
        if action.id.is_none() {
            action.id = Some(format!("{parent}.{}", n + 1));
        }
    }
}

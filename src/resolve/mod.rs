//! Stage 2: give every item its id, check every reference, and collect every
//! problem. The checks of each kind of document are in a file of their own;
//! this one runs them and checks the site's settings.

mod checker;
mod document;
mod index;
mod inspection;
mod links;
mod plan;

use crate::diagnostic::Diagnostic;
use crate::load::spans::FieldPath;
use crate::load::{Content, Loaded};
use crate::model::cycle::Cycle;
use crate::model::plan::{Action, Plan};
use crate::model::settings::SiteConfig;
use crate::model::site::{Site, SETTINGS};
use crate::model::status::{default_statuses, Status, NOT_STARTED};
use crate::text::{fingerprint, is_document_id, slug};
use checker::Checker;
use index::Index;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Checks the content against itself. Returns the site when there are no errors to stop it.
pub(crate) fn resolve(mut content: Content) -> (Option<Site>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(site) = content.site.take() else {
        return (None, diagnostics);
    };
    let statuses = check_statuses(&site, &mut diagnostics);
    let cycles = check_cycles(&site, &mut diagnostics);

    for plan in &mut content.plans {
        assign_ids(&mut plan.value);
    }
    let index = Index::new(&content, &mut diagnostics);
    let new_checker = || Checker {
        statuses: &statuses,
        cycles: &cycles,
        index: &index,
        linked: std::cell::RefCell::default(),
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
        (found, checker.take_linked())
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
    for (id, (found, linked)) in results {
        diagnostics.extend(found);
        links.insert(id.clone(), linked);
    }
    for page in &content.pages {
        checker.page(page, &mut diagnostics);
        links.insert(page.value.id.clone(), checker.take_linked());
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
        .map(|(id, source)| (id.clone(), fingerprint(source.text.as_bytes())))
        .collect();
    fingerprints.insert(
        SETTINGS.to_owned(),
        fingerprint(site.source.text.as_bytes()),
    );
    let site = Site {
        config: site.value,
        statuses,
        cycles,
        inspections: content.inspections.into_iter().map(|l| l.value).collect(),
        plans: content.plans.into_iter().map(|l| l.value).collect(),
        briefings: content.briefings.into_iter().map(|l| l.value).collect(),
        pages: content.pages.into_iter().map(|l| l.value).collect(),
        fingerprints,
        links,
    };
    (Some(site), diagnostics)
}

fn check_statuses(site: &Loaded<SiteConfig>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Status> {
    let Some(statuses) = &site.value.statuses else {
        return default_statuses();
    };
    let field = FieldPath::root().key("statuses");
    let mut seen = BTreeSet::new();
    for (i, status) in statuses.iter().enumerate() {
        let at = field.index(i).key("id");
        if !is_document_id(&status.id) {
            diagnostics.push(
                site.source
                    .error(
                        &at,
                        format!("the status id \"{}\" is not usable", status.id),
                    )
                    .hint("use lower-case letters, digits and dashes, for example \"on-track\""),
            );
        }
        if !seen.insert(status.id.as_str()) {
            diagnostics.push(site.source.error(
                &at,
                format!("the status \"{}\" is defined twice", status.id),
            ));
        }
    }
    if !seen.contains(NOT_STARTED) {
        diagnostics.push(site.source.error(&field, "the status list has no \"not-started\" status")
            .hint("actions with no update yet are shown as \"not-started\": add a status with `id: not-started`"));
    }
    statuses.clone()
}

fn check_cycles(site: &Loaded<SiteConfig>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Cycle> {
    let field = FieldPath::root().key("cycles");
    let mut seen = BTreeSet::new();
    for (i, cycle) in site.value.cycles.iter().enumerate() {
        let at = field.index(i).key("id");
        if !is_document_id(&cycle.id) {
            diagnostics.push(
                site.source
                    .error(&at, format!("the cycle id \"{}\" is not usable", cycle.id))
                    .hint("use lower-case letters, digits and dashes, for example \"2013-08\""),
            );
        }
        if !seen.insert(cycle.id.as_str()) {
            diagnostics.push(
                site.source
                    .error(&at, format!("the cycle \"{}\" is defined twice", cycle.id)),
            );
        }
    }
    let mut cycles = site.value.cycles.clone();
    cycles.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    cycles
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
        if action.id.is_none() {
            action.id = Some(format!("{parent}.{}", n + 1));
        }
    }
}

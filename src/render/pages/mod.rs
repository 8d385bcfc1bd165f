//! One module per kind of page, each with what the page reads and the
//! function that builds its context and renders its template; here
//! [`Job::reads`] and [`render_job`] send each job to its kind's functions,
//! and [`render_each`] renders many jobs in parallel.

mod cycles;
mod documents;
mod files;
mod home;
mod indicators;
mod inspections;
mod organisations;
mod owners;
mod panel;
mod parts;
mod plans;
mod report;
mod search;

use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::model::site::{OWNERS, SETTINGS};
use crate::render::data::index;
use crate::render::data::search::{docs_json, records, Record, Terms};
use crate::render::jobs::{groups, Job, Reads};
use crate::render::renderer::Renderer;
use crate::render::Output;
use parts::plan;
use rayon::prelude::*;
use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Renders `wanted`, a subset of `all` (the sitemap lists every job), in
/// parallel, handing each file to `done` as soon as it is rendered.
pub(crate) fn render_each<E>(
    renderer: &Renderer<'_, '_>,
    all: &[Job],
    wanted: &[Job],
    done: impl Fn(Output) -> Result<(), E> + Sync,
) -> Result<(), E>
where
    E: From<Diagnostic> + Send,
{
    let terms = OnceLock::new();
    groups(wanted).par_iter().try_for_each(|group| {
        let scoped = renderer.scoped();
        let shared = Shared {
            terms: &terms,
            records: OnceCell::new(),
        };
        group
            .iter()
            .try_for_each(|job| done(render_job(&scoped, &shared, job, all)?))
    })
}

/// Renders `wanted`, a subset of `all`, into memory, in path order.
pub(crate) fn render_jobs(
    renderer: &Renderer<'_, '_>,
    all: &[Job],
    wanted: &[Job],
) -> Result<Vec<Output>, Diagnostic> {
    let outputs = std::sync::Mutex::new(Vec::new());
    render_each(renderer, all, wanted, |output| {
        outputs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(output);
        Ok::<(), Diagnostic>(())
    })?;
    let mut outputs = outputs
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(outputs)
}

impl Job {
    /// The documents this job's output depends on: what its kind reads, the
    /// documents a `ref:` link in them points to, and what every page reads.
    pub(crate) fn reads(&self, facts: &Facts<'_>) -> Reads {
        let site = facts.site;
        let mut ids = BTreeSet::new();
        match self {
            Job::Plan(id)
            | Job::PlanAt(id, _)
            | Job::PlanJson(id)
            | Job::PlanCsv(id)
            | Job::Badge(id)
            | Job::Embed(id)
            | Job::EmbedCode(id)
            | Job::History(id) => plans::reads(facts, id, &mut ids),
            Job::Inspection(id) => inspections::reads(facts, id, &mut ids),
            Job::Briefing(id) => documents::briefing_reads(facts, id, &mut ids),
            Job::Owner(slug) => owners::reads(facts, slug, &mut ids),
            Job::Organisation(slug) => organisations::reads(facts, slug, &mut ids),
            // The committee pack shows what the cycle's page shows.
            Job::Cycle(cycle)
            | Job::CycleFor(cycle, _)
            | Job::Report(cycle)
            | Job::ReportFor(cycle, _) => {
                cycles::reads(facts, cycle, &mut ids);
            }
            Job::Page(id) => documents::page_reads(id, &mut ids),
            Job::Indicators | Job::IndicatorsCsv | Job::IndicatorsJson => {
                indicators::index_reads(facts, &mut ids);
            }
            Job::Indicator(id) => indicators::reads(facts, id, &mut ids),
            // A source's records read its own document; the owners' read every plan.
            Job::SearchDocs(source, _) => match index::document_of(source) {
                Some(id) => {
                    ids.insert(id.to_owned());
                }
                None => return Reads::Everything,
            },
            Job::Asset(_) => return Reads::Documents(BTreeSet::new()),
            Job::Dashboard
            | Job::Plans
            | Job::Organisations
            | Job::Inspections
            | Job::Briefings
            | Job::Owners
            | Job::Cycles
            | Job::NotFound
            | Job::Feed
            | Job::Sitemap
            | Job::Tracker
            | Job::Search
            | Job::SearchTerms(_) => return Reads::Everything,
        }
        // A `ref:` link's address depends on the structure of the document it points to.
        let linked: Vec<String> = ids
            .iter()
            .filter_map(|id| site.links.get(id))
            .flatten()
            .cloned()
            .collect();
        ids.extend(linked);
        // Every page shows the site's title and lists the plain pages, and
        // names owners as the directory names them.
        ids.insert(SETTINGS.to_owned());
        ids.insert(OWNERS.to_owned());
        ids.extend(site.pages.iter().map(|p| p.id.clone()));
        Reads::Documents(ids)
    }
}

/// What the files of the search index share while they render.
struct Shared<'t> {
    /// The site's words, built by the first word bucket rendered for all of them.
    terms: &'t OnceLock<Terms>,
    /// The records of the group's source: its record files render together
    /// (see [`groups`]), and each holds a part of the same list.
    records: OnceCell<Vec<Record>>,
}

/// Renders one job into the file at its path.
fn render_job(
    r: &Renderer<'_, '_>,
    shared: &Shared<'_>,
    job: &Job,
    all: &[Job],
) -> Result<Output, Diagnostic> {
    let bytes: Vec<u8> = match job {
        Job::Dashboard => home::dashboard(r, job)?.into(),
        Job::Plans => plans::index(r, job)?.into(),
        Job::Organisations => organisations::index(r, job)?.into(),
        Job::Organisation(slug) => organisations::organisation(r, job, slug)?.into(),
        Job::Plan(id) => plans::latest(r, job, id)?.into(),
        Job::PlanAt(id, cycle) => plans::at_cycle(r, job, id, cycle)?.into(),
        Job::PlanJson(id) => {
            crate::render::data::plans::plan_json(r.facts, plan(r.facts, job, id)?).into()
        }
        Job::PlanCsv(id) => {
            crate::render::data::plans::plan_csv(r.facts, plan(r.facts, job, id)?).into()
        }
        Job::Badge(id) => panel::badge(r, job, id)?.into(),
        Job::Embed(id) => panel::embed(r, job, id)?.into(),
        Job::EmbedCode(id) => panel::embed_code(r, job, id)?.into(),
        Job::History(id) => plans::history(r, job, id)?.into(),
        Job::Cycles => cycles::index(r, job)?.into(),
        Job::Cycle(id) => cycles::cycle(r, job, id)?.into(),
        Job::CycleFor(id, organisation) => cycles::cycle_for(r, job, id, organisation)?.into(),
        Job::Report(id) => report::report(r, job, id, None)?.into(),
        Job::ReportFor(id, organisation) => report::report(r, job, id, Some(organisation))?.into(),
        Job::Inspections => inspections::index(r, job)?.into(),
        Job::Inspection(id) => inspections::inspection(r, job, id)?.into(),
        Job::Briefings => documents::briefings(r, job)?.into(),
        Job::Briefing(id) => documents::briefing(r, job, id)?.into(),
        Job::Page(id) => documents::page(r, job, id)?.into(),
        Job::Indicators => indicators::index(r, job)?.into(),
        Job::Indicator(id) => indicators::indicator(r, job, id)?.into(),
        Job::IndicatorsCsv => crate::render::data::indicators::indicators_csv(r.facts).into(),
        Job::IndicatorsJson => crate::render::data::indicators::indicators_json(r.facts).into(),
        Job::Owners => owners::index(r, job)?.into(),
        Job::Owner(slug) => owners::owner(r, job, slug)?.into(),
        Job::NotFound => files::not_found(r, job)?.into(),
        Job::Feed => files::feed(r).into(),
        Job::Sitemap => files::sitemap(r, all).into(),
        Job::Tracker => crate::render::data::tracker::workbook(r.facts).map_err(|e| {
            Diagnostic::error(job.path(), format!("cannot make the spreadsheet: {e}"))
        })?,
        Job::Search => search::search(r, job)?.into(),
        Job::SearchDocs(source, chunk) => docs_json(
            shared
                .records
                .get_or_init(|| records(r.facts, &r.links, source)),
            *chunk,
        )
        .into(),
        Job::SearchTerms(bucket) => shared
            .terms
            .get_or_init(|| Terms::build(r.facts, &r.links))
            .json(*bucket)
            .into(),
        Job::Asset(name) => files::asset(r, job, name)?,
    };
    Ok(Output::new(job.path(), bytes))
}

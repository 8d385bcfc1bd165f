//! Site search, built with the site and read by `search.js` in the reader's
//! browser: no service, nothing loaded until someone searches.
//!
//! The index is split two ways so that a query fetches little and an edit
//! rewrites little:
//!
//! - `search/docs/<source>/<n>.json`: the records (a plan, its sections,
//!   recommendations and actions; an inspection and its findings; a briefing;
//!   a page; the owners) of one source file, in page order, [`CHUNK`] to a
//!   file so that showing a page of results fetches little. Each is a job
//!   that reads only its document, so editing one plan re-renders its files.
//! - `search/terms/<bucket>.json`: every word, by a hash of its first two
//!   letters, with the records it occurs in as `{source: [n, …]}` (`n` is the
//!   record's place times two, plus one when the word is in its title). A
//!   query fetches one bucket per word; a bucket whose bytes did not change is
//!   kept from the previous build, not rewritten.
//!
//! Words are what `char::is_alphanumeric` keeps, lower-cased, two letters or
//! more, less a few very common English words; `search.js` splits a query the
//! same way and matches each of its words as the start of an indexed word.

use crate::derive::{Facts, PlanFacts};
use crate::render::data::index::{bucket, buckets, document_of, sources, words, CHUNK};
use crate::render::fragments::plan::{action_name, status_words};
use crate::render::links::Links;
use crate::render::links::{action_anchor, finding_anchor, recommendation_anchor, section_anchor};
use crate::render::renderer::finding_label;
use serde::Serialize;
use std::collections::BTreeMap;

/// How much of a record's text is stored for showing a match in context.
const SHOWN: usize = 400;

/// One thing a reader can find, as stored in `search/docs/`.
#[derive(Serialize)]
pub(crate) struct Record {
    /// `plan`, `section`, `recommendation`, `action`, `inspection`, `finding`,
    /// `briefing`, `page` or `owner`.
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    /// Where it sits: its plan's or inspection's title, an owner's role.
    pub context: String,
    /// Its status in its plan's own words, as of the plan's latest report.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// The status's colour as pages style it (`tag--<colour>`): `none` for an
    /// action without a status, so results look as the plan page does.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub colour: &'static str,
    /// The start of its text, for showing the match.
    pub text: String,
    /// Everything searched, the shown text included.
    #[serde(skip)]
    words: String,
}

impl Record {
    fn new(kind: &'static str, title: String, url: String, context: &str, text: &str) -> Record {
        let text = crate::text::single_spaced(text);
        let shown = match text.char_indices().nth(SHOWN) {
            Some((at, _)) => format!("{}…", &text[..at]),
            None => text.clone(),
        };
        Record {
            kind,
            title,
            url,
            context: context.to_owned(),
            status: String::new(),
            colour: "",
            text: shown,
            words: text,
        }
    }
}

/// The records of one source, in page order.
pub(crate) fn records(facts: &Facts<'_>, links: &Links, source: &str) -> Vec<Record> {
    let site = facts.site;
    let id = document_of(source).unwrap_or_default();
    if source == "owners" {
        return owners(facts, links);
    }
    match source.split_once('.').map_or("", |(kind, _)| kind) {
        "plan" => facts
            .plan(id)
            .map(|p| plan(facts, links, p))
            .unwrap_or_default(),
        "inspection" => facts.inspection(id).map_or_else(Vec::new, |inspection| {
            let url = links.inspection(id);
            let mut out = vec![Record::new(
                "inspection",
                inspection.title.clone(),
                url.clone(),
                &inspection.organisations_text(),
                inspection
                    .summary
                    .as_deref()
                    .map_or(String::new(), crate::markdown::plain)
                    .as_str(),
            )];
            out.extend(inspection.findings.iter().map(|finding| {
                Record::new(
                    "finding",
                    finding_label(inspection, finding),
                    format!("{url}#{}", finding_anchor(&finding.id)),
                    &inspection.title,
                    &finding.text,
                )
            }));
            out
        }),
        "briefing" => facts.briefing(id).map_or_else(Vec::new, |b| {
            let context = b.meta.meeting.as_deref().unwrap_or_default();
            vec![Record::new(
                "briefing",
                b.meta.title.clone(),
                links.briefing(id),
                context,
                &crate::markdown::plain(&b.body),
            )]
        }),
        "page" => site
            .pages
            .iter()
            .filter(|p| p.id == id)
            .map(|p| {
                Record::new(
                    "page",
                    p.meta.title.clone(),
                    links.page(id),
                    "",
                    &crate::markdown::plain(&p.body),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn plan(facts: &Facts<'_>, links: &Links, p: &PlanFacts<'_>) -> Vec<Record> {
    let plan = p.plan;
    let url = links.plan(&plan.id);
    let summary = plan
        .summary
        .as_deref()
        .map_or(String::new(), crate::markdown::plain);
    let mut out = vec![Record::new(
        "plan",
        plan.title.clone(),
        url.clone(),
        &plan.organisation,
        &summary,
    )];
    for section in &plan.sections {
        let title = match &section.number {
            Some(number) => format!("{number} {}", section.title),
            None => section.title.clone(),
        };
        out.push(Record::new(
            "section",
            title,
            format!("{url}#{}", section_anchor(section.id())),
            &plan.title,
            "",
        ));
    }
    let label = plan.labels.get(crate::model::plan::Column::Recommendation);
    for rec in plan
        .sections
        .iter()
        .flat_map(|s| &s.recommendations)
        .chain(&plan.recommendations)
    {
        let number = rec.number.as_deref().unwrap_or(&rec.id);
        let title = match &rec.title {
            Some(t) => format!("{label} {number}: {t}"),
            None => format!("{label} {number}"),
        };
        let text = rec.text.as_deref().unwrap_or_default();
        out.push(Record::new(
            "recommendation",
            title,
            format!("{url}#{}", recommendation_anchor(&rec.id)),
            &plan.title,
            text,
        ));
    }
    let cycle = p.latest_cycle();
    for action in &p.actions {
        let state = facts.state(action, cycle);
        let progress = state
            .update
            .and_then(|u| u.progress.as_deref())
            .map_or(String::new(), crate::markdown::plain);
        let owners = action.action.owner.join(", ");
        let mut record = Record::new(
            "action",
            action_name(action),
            format!("{url}#{}", action_anchor(action.action.id())),
            &plan.title,
            &format!("{} {progress}", action.action.text.trim()),
        );
        status_words(&state, p)
            .unwrap_or_default()
            .clone_into(&mut record.status);
        if !record.status.is_empty() {
            record.colour = state.status.map_or("none", |s| s.colour.id());
        }
        record.words = format!("{} {} {owners}", record.words, record.status);
        out.push(record);
    }
    out
}

fn owners(facts: &Facts<'_>, links: &Links) -> Vec<Record> {
    facts
        .owners
        .iter()
        .map(|(slug, owner)| {
            let entry = owner.entry;
            let role = entry.and_then(|e| e.role.as_deref()).unwrap_or_default();
            let organisation = entry
                .and_then(|e| e.organisation.as_deref())
                .unwrap_or_default();
            let count = owner.actions.len();
            let text = format!("{count} {}", if count == 1 { "action" } else { "actions" });
            let mut record = Record::new(
                "owner",
                owner.name.to_owned(),
                links.owner(slug),
                role,
                &text,
            );
            record.words = format!("{role} {organisation}");
            record
        })
        .collect()
}

/// A `docs/` file: the source's records of one chunk as JSON.
pub(crate) fn docs_json(records: &[Record], chunk: usize) -> String {
    let part = records.chunks(CHUNK).nth(chunk).unwrap_or_default();
    serde_json::to_string(part).unwrap_or_default()
}

/// The most records a word lists. A word in more of them (at region size,
/// "report" is in 12,000) narrows nothing by itself; listing them all would
/// make its bucket megabytes (200 records are about 16 KB). It keeps the
/// records with it in their title first, then in source and page order, and
/// says under the key `""` how many records it is in.
pub(crate) const CAP: usize = 200;

/// A word's postings: (source, place × 2 + 1 for a word of the title), and
/// how many records the word is in when that is more than it lists.
type Postings = (Vec<(u32, u32)>, Option<usize>);

/// Keeps the [`CAP`] postings a word lists when it is in more records: those
/// with the word in their title first, then in source and page order.
fn cap(postings: &mut Postings, sources: &[String]) {
    let total = postings.0.len();
    if total <= CAP {
        return;
    }
    let name = |source: u32| sources.get(source as usize).map_or("", String::as_str);
    postings
        .0
        .sort_by(|a, b| (a.1 & 1 == 0, name(a.0), a.1).cmp(&(b.1 & 1 == 0, name(b.0), b.1)));
    postings.0.truncate(CAP);
    postings.0.shrink_to_fit();
    postings.1 = Some(total);
}

/// Every word of the site, bucketed: `buckets[bucket][word]` lists the
/// records it is in. Sources are numbered while the index is built (each
/// posting is two numbers rather than a source's name), and a word's list is
/// capped as soon as every record is read, so a national site's index fits in
/// a fraction of the memory its words would take as text.
pub(crate) struct Terms {
    sources: Vec<String>,
    buckets: Vec<BTreeMap<String, Postings>>,
}

impl Terms {
    pub(crate) fn build(facts: &Facts<'_>, links: &Links) -> Terms {
        let count = buckets(facts);
        let sources = sources(facts);
        let mut all: Vec<BTreeMap<String, Postings>> = vec![BTreeMap::new(); count];
        for (number, source) in sources.iter().enumerate() {
            let number = u32::try_from(number).unwrap_or(u32::MAX);
            for (place, record) in records(facts, links, source).iter().enumerate() {
                let place = u32::try_from(place).unwrap_or(u32::MAX);
                let mut seen: BTreeMap<String, bool> = BTreeMap::new();
                for word in words(&record.title) {
                    seen.insert(word, true);
                }
                for word in words(&record.words) {
                    seen.entry(word).or_insert(false);
                }
                for (word, in_title) in seen {
                    let posting = (number, place * 2 + u32::from(in_title));
                    let bucket = &mut all[bucket(&word, count)];
                    match bucket.get_mut(&word) {
                        Some(postings) => postings.0.push(posting),
                        None => {
                            bucket.insert(word, (vec![posting], None));
                        }
                    }
                }
            }
        }
        for bucket in &mut all {
            for postings in bucket.values_mut() {
                cap(postings, &sources);
            }
        }
        Terms {
            sources,
            buckets: all,
        }
    }

    /// The `terms/<bucket>.json` file: `{word: {source: [place × 2 + title,
    /// ...]}}`, with the key `""` giving the number of records of a word that
    /// lists fewer than it is in.
    pub(crate) fn json(&self, bucket: usize) -> String {
        let Some(words) = self.buckets.get(bucket) else {
            return "{}".to_owned();
        };
        let listed: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = words
            .iter()
            .map(|(word, (postings, total))| {
                let mut by_source: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
                for &(source, n) in postings {
                    let name = self.sources.get(source as usize).map_or("", String::as_str);
                    by_source.entry(name).or_default().push(n);
                }
                if let Some(total) = total {
                    for places in by_source.values_mut() {
                        places.sort_unstable();
                    }
                    by_source.insert("", vec![u32::try_from(*total).unwrap_or(u32::MAX)]);
                }
                (word.as_str(), by_source)
            })
            .collect();
        serde_json::to_string(&listed).unwrap_or_default()
    }
}

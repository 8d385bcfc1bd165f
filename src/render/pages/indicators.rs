//! The indicators: a scorecard of every indicator with the rule that rates
//! them, and each indicator's page (chart, figures by period, what it measures).

use crate::derive::indicators::Measured;
use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::model::references::Ref;
use crate::render::jobs::Job;
use crate::render::pages::parts::{crumbs, missing};
use crate::render::renderer::Renderer;
use crate::render::view::list;
use crate::view;
use std::collections::BTreeSet;

pub(super) fn index(r: &Renderer<'_, '_>, job: &Job) -> Result<String, Diagnostic> {
    let all: Vec<usize> = (0..r.facts.site.indicators.len()).collect();
    r.page(
        "indicators.html",
        job,
        view! {
            "page_title" => "Indicators",
            "section" => "indicators",
            "breadcrumbs" => crumbs(r, &[]),
            "scorecard" => r.scorecard(&all, None),
            "open_data" => view! {
                "csv" => r.links.to(&Job::IndicatorsCsv),
                "json" => r.links.to(&Job::IndicatorsJson),
            },
        },
    )
}

pub(super) fn indicator(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let position = r
        .facts
        .indicators
        .position(id)
        .ok_or_else(|| missing(job))?;
    let indicator = r.indicator_at(position);
    let unit = indicator.unit;
    r.page(
        "indicator.html",
        job,
        view! {
            "page_title" => indicator.title.as_str(),
            "section" => "indicators",
            "breadcrumbs" => crumbs(r, &[("Indicators", r.links.to(&Job::Indicators))]),
            "indicator" => r.indicator_row(indicator, None),
            "definition" => indicator.definition.as_deref().map(str::trim),
            "source" => indicator.source.as_deref().map(str::trim),
            "unit" => unit.name(),
            "owner" => indicator.owner.as_deref().map(|o| view! { "name" => r.facts.owner(o).map_or(o, |e| e.name.as_str()), "url" => r.links.owner(&r.facts.owner_key(o)) }),
            "baseline" => indicator.baseline.as_ref().map(|b| format!("{} ({})", unit.show(b.value), b.period)),
            "tolerance" => indicator.tolerance.map(|t| unit.show(t)),
            "targets" => list(indicator.targets.iter().map(|t| view! { "value" => unit.show(t.value), "by" => t.by.map(|by| by.to_string()) })),
            "chart" => Renderer::indicator_chart(indicator),
            "figures" => r.indicator_table(indicator),
            "measures" => r.measures(indicator),
        },
    )
}

/// What the scorecard and the indicators' open data read (besides what every
/// page reads): every indicator.
pub(super) fn index_reads(facts: &Facts<'_>, ids: &mut BTreeSet<String>) {
    ids.extend(facts.site.indicators.iter().map(|i| i.id.clone()));
}

/// What an indicator's page reads (besides what every page reads): the
/// indicator, and the plans of the actions it measures with the findings
/// behind them.
pub(super) fn reads(facts: &Facts<'_>, id: &str, ids: &mut BTreeSet<String>) {
    ids.insert(id.to_owned());
    for measured in facts.indicators.measures.get(id).into_iter().flatten() {
        let (plan, findings): (&str, Vec<&String>) = match measured {
            Measured::Recommendation(plan, rec) => (&plan.id, rec.findings.iter().collect()),
            Measured::Action(action) => (&action.plan.id, action.findings().collect()),
        };
        ids.insert(plan.to_owned());
        ids.extend(
            findings
                .into_iter()
                .map(|f| Ref::parse(f).document.to_owned()),
        );
    }
}

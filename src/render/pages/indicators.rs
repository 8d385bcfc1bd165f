//! The indicators: a scorecard of every indicator with the rule that rates
//! them, and each indicator's page (chart, figures by period, what it measures).

use crate::diagnostic::Diagnostic;
use crate::render::jobs::Job;
use crate::render::pages::parts::{crumbs, missing};
use crate::render::renderer::Renderer;
use crate::render::view::list;
use crate::view;

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
            "breadcrumbs" => crumbs(r, &[("Indicators", r.links.path("indicators/"))]),
            "indicator" => r.indicator_row(indicator, None),
            "definition" => indicator.definition.as_deref().map(str::trim),
            "source" => indicator.source.as_deref().map(str::trim),
            "unit" => unit.name(),
            "owner" => indicator.owner.as_deref().map(|o| view! { "name" => r.facts.owner(o).map_or(o, |e| e.name.as_str()), "url" => r.links.owner(&r.facts.owner_key(o)) }),
            "baseline" => indicator.baseline.as_ref().map(|b| format!("{} ({})", unit.show(b.value), b.period)),
            "tolerance" => indicator.tolerance.map(|t| unit.show(t)),
            "targets" => list(indicator.targets.iter().map(|t| view! { "value" => unit.show(t.value), "by" => t.by.to_string() })),
            "chart" => Renderer::indicator_chart(indicator),
            "figures" => r.indicator_table(indicator),
            "measures" => r.measures(indicator),
        },
    )
}

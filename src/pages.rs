//! Every page of the site, from the derived facts.

use crate::data::{plan_csv, plan_json};
use crate::derive::Facts;
use crate::diagnostic::Diagnostic;
use crate::feed::{atom, sitemap, Entry};
use crate::render::{Output, Renderer};
use crate::theme::Theme;
use serde_json::{json, Value};

/// Renders the whole site into memory.
pub fn render_site(facts: &Facts<'_>, theme: &Theme) -> Result<Vec<Output>, Diagnostic> {
    let r = Renderer::new(facts, theme);
    let site = facts.site;
    let links = &r.links;
    let mut out = Vec::new();
    let home = json!([{ "label": "Dashboard", "url": links.home() }]);
    let crumbs = |label: &str, url: String| json!([{ "label": "Dashboard", "url": links.home() }, { "label": label, "url": url }]);

    // Dashboard.
    let cards: Vec<Value> = facts.plans.iter().map(|p| r.plan_card(p)).collect();
    let mut exceptions = Vec::new();
    for plan in &facts.plans {
        let cycle = plan.latest_cycle();
        for action in &plan.actions {
            let state = facts.state(action.action, cycle);
            let flagged = state.overdue
                || state
                    .status
                    .is_some_and(|s| !s.done && s.colour == crate::status::Colour::Red);
            if flagged {
                exceptions.push(r.action(action, cycle));
            }
        }
    }
    let mut briefings: Vec<&crate::briefing::Briefing> = site.briefings.iter().collect();
    briefings.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then_with(|| a.id.cmp(&b.id)));
    let briefing_cards: Vec<Value> = briefings.iter().map(|b| r.briefing(b)).collect();
    out.push(r.page(
        "index.html",
        "index.html",
        json!({
            "page_title": "Dashboard",
            "section": "home",
            "description": site.config.description,
            "plans": cards,
            "exceptions": exceptions,
            "briefings": briefing_cards.iter().take(5).collect::<Vec<_>>(),
        }),
    )?);
    out.push(r.page(
        "plans.html",
        "plans/index.html",
        json!({ "page_title": "Plans", "section": "plans", "breadcrumbs": home, "plans": cards }),
    )?);

    // Plans, at their latest report and at each cycle.
    for plan in &facts.plans {
        let id = &plan.plan.id;
        let latest = plan.latest_cycle();
        let summary = facts.summary(plan.actions.iter().map(|a| a.action), latest);
        out.push(r.page(
            "plan.html",
            &format!("plans/{id}/index.html"),
            json!({
                "page_title": plan.plan.title,
                "section": "plans",
                "breadcrumbs": crumbs("Plans", links.path("plans/")),
                "plan": r.plan(plan, latest),
                "summary": r.summary(&summary, "rag-plan", latest),
                "trend": r.trend(plan),
                "changes": latest.map(|c| r.changes(plan, c)),
                "as_of": latest.map(|c| json!({ "meeting": c.meeting, "date": crate::render::date(c.date) })),
            }),
        )?);
        for cycle in &plan.cycles {
            let summary = facts.summary(plan.actions.iter().map(|a| a.action), Some(cycle));
            let note = format!(
                "This is the plan as reported to {} on {}.{}",
                cycle.meeting,
                cycle.date.long(),
                if latest.is_some_and(|l| l.id == cycle.id) {
                    " It is the latest report."
                } else {
                    " A later report has been made since."
                }
            );
            out.push(r.page(
                "plan.html",
                &format!("plans/{id}/{}/index.html", cycle.id),
                json!({
                    "page_title": format!("{} – {}", plan.plan.title, Renderer::cycle_label(cycle)),
                    "section": "plans",
                    "breadcrumbs": json!([{ "label": "Dashboard", "url": links.home() }, { "label": "Plans", "url": links.path("plans/") }, { "label": plan.plan.title, "url": links.plan(id) }]),
                    "plan": r.plan(plan, Some(cycle)),
                    "summary": r.summary(&summary, "rag-plan", Some(cycle)),
                    "trend": Value::Array(Vec::new()),
                    "changes": r.changes(plan, cycle),
                    "as_of": json!({ "meeting": cycle.meeting, "date": crate::render::date(cycle.date) }),
                    "cycle_note": note,
                }),
            )?);
        }
        out.push(plan_json(facts, plan));
        out.push(plan_csv(facts, plan));
    }

    // Committee cycles: what changed at each meeting, across plans.
    let mut cycle_items = Vec::new();
    for cycle in &site.cycles {
        let plans: Vec<Value> = facts
            .plans
            .iter()
            .filter(|p| p.cycles.iter().any(|c| c.id == cycle.id))
            .map(|p| r.changes(p, cycle))
            .collect();
        let cycle_briefings: Vec<Value> = site
            .briefings
            .iter()
            .filter(|b| b.meta.cycle.as_deref() == Some(cycle.id.as_str()))
            .map(|b| json!({ "title": b.meta.title, "url": links.briefing(&b.id) }))
            .collect();
        cycle_items.push(json!({
            "title": Renderer::cycle_label(cycle),
            "url": links.cycle(&cycle.id),
            "note": format!("{} {} reported", plans.len(), if plans.len() == 1 { "plan" } else { "plans" }),
        }));
        out.push(r.page(
            "cycle.html",
            &format!("cycles/{}/index.html", cycle.id),
            json!({
                "page_title": format!("What changed: {}", Renderer::cycle_label(cycle)),
                "section": "cycles",
                "breadcrumbs": crumbs("Committee cycles", links.path("cycles/")),
                "cycle": { "meeting": cycle.meeting, "date": crate::render::date(cycle.date) },
                "plans": plans,
                "briefings": cycle_briefings,
            }),
        )?);
    }
    cycle_items.reverse();
    out.push(r.page(
        "list.html",
        "cycles/index.html",
        json!({ "page_title": "Committee cycles", "section": "cycles", "breadcrumbs": home, "items": cycle_items,
                "intro": "The meetings at which progress was reported, newest first, each with what changed." }),
    )?);

    // Inspections.
    let mut inspection_items = Vec::new();
    for inspection in &site.inspections {
        let (view, findings, coverage) = r.inspection(inspection);
        inspection_items.push(json!({
            "title": inspection.title,
            "url": links.inspection(&inspection.id),
            "note": format!("{}, {}: {} of {} findings answered", inspection.inspectorate, inspection.organisation, coverage["answered"], coverage["total"]),
        }));
        out.push(r.page(
            "inspection.html",
            &format!("inspections/{}/index.html", inspection.id),
            json!({
                "page_title": inspection.title,
                "section": "inspections",
                "breadcrumbs": crumbs("Inspections", links.path("inspections/")),
                "inspection": view,
                "findings": findings,
                "coverage": coverage,
            }),
        )?);
    }
    out.push(r.page(
        "list.html",
        "inspections/index.html",
        json!({ "page_title": "Inspections", "section": "inspections", "breadcrumbs": home, "items": inspection_items,
                "intro": "Inspection reports, their judgements, and how far the plans answer each finding." }),
    )?);

    // Briefings.
    for (briefing, view) in briefings.iter().zip(&briefing_cards) {
        out.push(r.page(
            "briefing.html",
            &format!("briefings/{}/index.html", briefing.id),
            json!({
                "page_title": briefing.meta.title,
                "section": "briefings",
                "breadcrumbs": crumbs("Briefings", links.path("briefings/")),
                "briefing": view,
            }),
        )?);
    }
    let briefing_items: Vec<Value> = briefings
        .iter()
        .map(|b| {
            let note = match &b.meta.meeting {
                Some(meeting) => format!("{} · {meeting}", b.meta.date.long()),
                None => b.meta.date.long(),
            };
            json!({ "title": b.meta.title, "url": links.briefing(&b.id), "note": note })
        })
        .collect();
    out.push(r.page(
        "list.html",
        "briefings/index.html",
        json!({ "page_title": "Briefings", "section": "briefings", "breadcrumbs": home, "items": briefing_items,
                "intro": "Reports and papers to committee, newest first." }),
    )?);

    // Owners.
    let mut owner_items = Vec::new();
    for (slug, owner) in &facts.owners {
        let mut groups: Vec<Value> = Vec::new();
        let mut states = Vec::new();
        for plan in &facts.plans {
            let mine: Vec<_> = owner
                .actions
                .iter()
                .filter(|a| a.plan.id == plan.plan.id)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let cycle = plan.latest_cycle();
            states.push(facts.summary(mine.iter().map(|a| a.action), cycle));
            groups.push(json!({
                "title": plan.plan.title,
                "url": links.plan(&plan.plan.id),
                "actions": mine.iter().map(|a| r.action(a, cycle)).collect::<Vec<_>>(),
            }));
        }
        let summary = merge(&states);
        owner_items.push(json!({
            "title": owner.name,
            "url": links.owner(slug),
            "note": format!("{} {}", owner.actions.len(), if owner.actions.len() == 1 { "action" } else { "actions" }),
        }));
        out.push(r.page(
            "owner.html",
            &format!("owners/{slug}/index.html"),
            json!({
                "page_title": owner.name,
                "section": "owners",
                "breadcrumbs": crumbs("Owners", links.path("owners/")),
                "owner": { "name": owner.name, "count": owner.actions.len(), "plans": groups },
                "summary": r.summary(&summary, "rag-owner", None),
            }),
        )?);
    }
    out.push(r.page(
        "list.html",
        "owners/index.html",
        json!({ "page_title": "Owners", "section": "owners", "breadcrumbs": home, "items": owner_items,
                "intro": "Everyone who leads an action, with the actions they lead across all plans." }),
    )?);

    // Plain pages and the 404 page.
    for page in &site.pages {
        out.push(r.page(
            "page.html",
            &format!("{}/index.html", page.id),
            json!({
                "page_title": page.meta.title,
                "description": page.meta.description,
                "breadcrumbs": home,
                "page": { "title": page.meta.title, "body": r.markdown(&page.body, 1) },
            }),
        )?);
    }
    out.push(r.page(
        "404.html",
        "404.html",
        json!({ "page_title": "Page not found", "canonical": Value::Null }),
    )?);

    // Feed, sitemap and assets.
    let mut entries: Vec<Entry> = site
        .briefings
        .iter()
        .map(|b| Entry {
            title: b.meta.title.clone(),
            path: links.briefing(&b.id),
            date: b.meta.date,
            summary: b
                .meta
                .meeting
                .clone()
                .unwrap_or_else(|| "Briefing".to_owned()),
        })
        .collect();
    for cycle in &site.cycles {
        let plans: Vec<&str> = facts
            .plans
            .iter()
            .filter(|p| p.cycles.iter().any(|c| c.id == cycle.id))
            .map(|p| p.plan.title.as_str())
            .collect();
        if let Some(first) = facts
            .plans
            .iter()
            .find(|p| p.cycles.iter().any(|c| c.id == cycle.id))
        {
            entries.push(Entry {
                title: format!("Progress reported: {}", Renderer::cycle_label(cycle)),
                path: links.plan_at(&first.plan.id, &cycle.id),
                date: cycle.date,
                summary: format!("Progress on {}", plans.join("; ")),
            });
        }
    }
    out.push(atom(
        links,
        &site.config.title,
        &site.config.organisation,
        entries,
    ));
    let map = sitemap(links, &out);
    out.push(map);
    for (name, bytes) in &theme.assets {
        out.push(Output::new(format!("assets/{name}"), bytes.clone()));
    }
    Ok(out)
}

/// Adds summaries of different plans together (owners' portfolios).
fn merge(summaries: &[crate::derive::Summary]) -> crate::derive::Summary {
    let mut total = crate::derive::Summary::default();
    for s in summaries {
        if total.counts.is_empty() {
            total.counts = s.counts.iter().map(|(id, _)| (id.clone(), 0)).collect();
        }
        for ((_, sum), (_, n)) in total.counts.iter_mut().zip(&s.counts) {
            *sum += n;
        }
        total.not_rated += s.not_rated;
        total.total += s.total;
        total.done += s.done;
        total.overdue += s.overdue;
    }
    total
}

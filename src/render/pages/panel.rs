//! The status panel a council puts on its own website: `plans/<id>/badge.svg`
//! (the plan's status bar as an image, its counts in words in its `<title>`)
//! and `plans/<id>/embed/` (a minimal page for an iframe), and the page for
//! web teams, `plans/<id>/embed-code/`, with the markup to copy (linked from
//! the plan's page, so the public page carries no code).

use crate::derive::{PlanFacts, Summary};
use crate::diagnostic::Diagnostic;
use crate::model::status::Colour;
use crate::render::jobs::Job;
use crate::render::pages::parts::{plan, plan_crumbs};
use crate::render::renderer::{as_of, Renderer};
use crate::render::view::Value;
use crate::text::escape;
use crate::view;
use std::fmt::Write;

/// The badge's size, in pixels.
const WIDTH: f64 = 240.0;
const HEIGHT: u32 = 20;

/// "57 actions: 49 Complete, 3 In progress – on schedule, 5 Behind schedule; 5 overdue".
pub(super) fn counts_in_words(summary: &Summary) -> String {
    let mut words = counts(summary);
    if summary.overdue > 0 {
        let _ = write!(words, "; {} overdue", summary.overdue);
    }
    words
}

/// The counts alone: "57 actions: 49 Complete, 3 In progress – on schedule, 5 Behind schedule".
pub(super) fn counts(summary: &Summary) -> String {
    // Not "0 actions": the paper may count many, but the plan lists none.
    if summary.total == 0 {
        return "no actions listed".to_owned();
    }
    let noun = if summary.total == 1 {
        "action"
    } else {
        "actions"
    };
    let mut parts: Vec<String> = summary
        .counts
        .iter()
        .filter(|c| c.n > 0)
        .map(|c| format!("{} {}", c.n, c.label))
        .collect();
    if summary.not_rated > 0 {
        parts.push(format!("{} not rated", summary.not_rated));
    }
    if summary.no_update > 0 {
        parts.push(format!("{} with no update yet", summary.no_update));
    }
    if parts.is_empty() {
        format!("{} {noun}", summary.total)
    } else {
        format!("{} {noun}: {}", summary.total, parts.join(", "))
    }
}

/// Said after the counts of a partial plan, which are of only part of its paper.
fn partly(partial: Option<&str>) -> String {
    partial.map_or_else(String::new, |why| {
        format!("; the plan is partial: {}", why.trim())
    })
}

/// The fill of a colour, as the default stylesheet draws the bar.
fn fill(colour: Option<Colour>) -> &'static str {
    match colour {
        Some(Colour::Blue) => "#1d70b8",
        Some(Colour::Green) => "#00703c",
        Some(Colour::Yellow) => "#ffdd00",
        Some(Colour::Amber) => "#f47738",
        Some(Colour::Red) => "#d4351c",
        Some(Colour::Grey) => "#b1b4b6",
        None => "#ffffff",
    }
}

pub(super) fn badge(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let plan = plan(r.facts, job, id)?;
    let at = plan.latest_cycle();
    let summary = r.facts.summary(plan, &plan.actions, at);
    let words = counts_in_words(&summary);
    let as_of = at.map_or_else(
        || "no progress reported yet".to_owned(),
        |c| format!("as of {}", c.as_of_label()),
    );
    let title = format!(
        "{}: {words}{} ({as_of})",
        plan.plan.title,
        partly(plan.plan.partial.as_deref())
    );
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{t}\">\n<title>{t}</title>\n<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\" stroke=\"#0b0c0c\"/>\n",
        t = escape(&title)
    );
    let mut x = 0.0_f64;
    let mut segment = |n: usize, colour: Option<Colour>, label: &str| {
        if n == 0 || summary.total == 0 {
            return;
        }
        #[allow(clippy::cast_precision_loss, reason = "counts of actions are small")]
        let width = n as f64 * WIDTH / summary.total as f64;
        let _ = writeln!(
            svg,
            "<rect x=\"{x:.2}\" y=\"0\" width=\"{width:.2}\" height=\"{HEIGHT}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"><title>{}: {n}</title></rect>",
            fill(colour),
            escape(label)
        );
        x += width;
    };
    for count in &summary.counts {
        segment(count.n, Some(count.colour), count.label);
    }
    segment(summary.not_rated, None, "Not rated");
    segment(summary.no_update, None, "No update yet");
    svg.push_str("</svg>\n");
    Ok(svg)
}

pub(super) fn embed(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let plan = plan(r.facts, job, id)?;
    let at = plan.latest_cycle();
    let summary = r.facts.summary(plan, &plan.actions, at);
    r.page(
        "embed.html",
        job,
        view! {
            "page_title" => format!("Status: {}", plan.plan.title),
            "plan" => view! {
                "title" => plan.plan.title.as_str(),
                "organisation" => plan.plan.organisation.as_str(),
                "partial" => plan.plan.partial.as_deref().map(str::trim),
                "url" => r.links.absolute(&r.links.plan(id)),
            },
            "summary" => Renderer::summary(&summary, "rag-embed", at),
            "words" => format!("{}{}", counts_in_words(&summary), partly(plan.plan.partial.as_deref())),
            "as_of" => at.map(as_of),
            "canonical" => Value::none(),
        },
    )
}

/// The page for web teams: the markup to paste into the council's CMS.
pub(super) fn embed_code(r: &Renderer<'_, '_>, job: &Job, id: &str) -> Result<String, Diagnostic> {
    let plan = plan(r.facts, job, id)?;
    let at = plan.latest_cycle();
    let summary = r.facts.summary(plan, &plan.actions, at);
    let links = &r.links;
    r.page(
        "embed_code.html",
        job,
        view! {
            "page_title" => format!("Show this plan's status on your website: {}", plan.plan.title),
            "section" => "plans",
            "breadcrumbs" => plan_crumbs(r, &plan.plan.title, id),
            "plan" => view! { "title" => plan.plan.title.as_str(), "url" => links.plan(id) },
            "panel" => snippet(r, id, &plan.plan.title, plan.plan.partial.as_deref(), &summary),
        },
    )
}

/// How many lines `text` takes when wrapped at word breaks, `per_line` characters a line.
fn lines(text: &str, per_line: usize) -> u32 {
    let mut lines = 1_u32;
    let mut used = 0_usize;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if used > 0 && used + 1 + n > per_line {
            lines += 1;
            used = 0;
        }
        // A word longer than a line breaks over as many lines as it fills.
        let over = n.saturating_sub(1) / per_line.max(1);
        lines += u32::try_from(over).unwrap_or(u32::MAX);
        used = if used == 0 {
            n % per_line.max(1)
        } else {
            used + 1 + n
        };
    }
    lines
}

/// The status panel's height in pixels, as the default stylesheet lays it out
/// in a frame 320 px wide (the narrowest phone; a 375 px phone less a CMS's
/// margins): each part's lines at its font's size, so nothing is cut off on
/// a phone. Characters a line and line heights are measured in Chromium,
/// rounded to the safe side; wider frames show some space below.
pub(super) fn panel_height(
    organisation: &str,
    title: &str,
    partial: Option<&str>,
    as_of: Option<&str>,
    summary: &Summary,
) -> u32 {
    // Padding, paragraph margins and the link's margin above.
    let mut height = 100;
    height += 27 * lines(organisation, 28);
    height += 27 * lines(title, 19) + 10;
    if let Some(partial) = partial {
        height += 23 * lines(&format!("This plan is partial: {partial}"), 34) + 25;
    }
    height += 23 * lines(as_of.unwrap_or("No progress has been reported yet"), 31);
    let rated = !summary.counts.is_empty();
    if summary.total > 0 && rated {
        height += 24;
    }
    let segments = summary.counts.iter().filter(|c| c.n > 0).count()
        + usize::from(rated && summary.not_rated > 0)
        + usize::from(summary.no_update > 0);
    // Each segment's line, the total's, and the overdue count's.
    let items = segments + 1 + usize::from(summary.overdue > 0);
    height += 23 * u32::try_from(items).unwrap_or(u32::MAX);
    // "See the full plan on <site>": two lines at most widths.
    height + 23 * 2
}

/// The markup a council pastes into its CMS, shown on the page for web teams.
fn snippet(
    r: &Renderer<'_, '_>,
    id: &str,
    title: &str,
    partial: Option<&str>,
    summary: &Summary,
) -> Value {
    let links = &r.links;
    let embed = links.absolute(&links.path(&format!("plans/{id}/embed/")));
    let badge = links.absolute(&links.path(&format!("plans/{id}/badge.svg")));
    let full = links.absolute(&links.plan(id));
    let alt = format!("{title}: {}{}", counts_in_words(summary), partly(partial));
    let facts = r.facts.plan(id);
    let organisation = facts.map_or("", |p| p.plan.organisation.as_str());
    let as_of = facts
        .and_then(PlanFacts::latest_cycle)
        .map(|c| format!("Progress as of {}", c.as_of_label()));
    let height = panel_height(organisation, title, partial, as_of.as_deref(), summary);
    view! {
        "iframe" => format!("<iframe src=\"{embed}\" title=\"Progress on {}\" width=\"100%\" height=\"{height}\" style=\"border: 0\"></iframe>", escape(title)),
        "img" => format!("<a href=\"{full}\"><img src=\"{badge}\" alt=\"{}\" width=\"240\" height=\"20\"></a>", escape(&alt)),
        "embed" => embed,
        "badge" => badge,
    }
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn text_wraps_at_word_breaks_and_long_words_fill_lines() {
        assert_eq!(lines("", 10), 1);
        assert_eq!(lines("one two", 10), 1);
        assert_eq!(lines("one two three", 10), 2);
        assert_eq!(lines("Children's Services Improvement Plan", 19), 2);
        assert_eq!(lines("abcdefghijklmnopqrstuvwxy", 10), 3);
    }
}

//! Inline SVG for indicators: a sparkline for the scorecard and a line chart
//! with the target and comparators for an indicator's page. Figures are
//! placed on a row of every period from the first to the last, so a period
//! with no figure (or a suppressed one) is a gap in the line, never a zero.
//! The SVG scales with its viewBox; every text comes through `escape`.

use crate::text::escape;

/// A count of slots as a coordinate (charts have a few hundred slots at most).
#[allow(clippy::cast_precision_loss)]
fn float(n: usize) -> f64 {
    n as f64
}
use std::fmt::Write as _;

/// One slot on the x axis: a period's label, its figure if it has a number,
/// and the target in force then.
pub(crate) struct Slot {
    pub label: String,
    pub value: Option<f64>,
    pub target: Option<f64>,
}

/// A horizontal reference line: a comparator's name and value.
pub(crate) struct Reference {
    pub name: String,
    pub value: f64,
}

/// The y range to draw and the step between its ticks: every figure, target
/// and reference, rounded out to a round step, from zero when the figures are
/// all positive and near it.
fn range(slots: &[Slot], references: &[Reference]) -> (f64, f64, f64) {
    let all: Vec<f64> = slots
        .iter()
        .flat_map(|s| [s.value, s.target])
        .flatten()
        .chain(references.iter().map(|r| r.value))
        .collect();
    let low = all.iter().copied().fold(f64::INFINITY, f64::min);
    let high = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() {
        return (0.0, 1.0, 1.0);
    }
    let low = if low >= 0.0 && low <= high / 2.0 {
        0.0
    } else {
        low
    };
    let span = (high - low)
        .max(f64::EPSILON.max(high.abs() / 10.0))
        .max(1.0);
    let magnitude = 10_f64.powf((span / 4.0).log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| span / step <= 4.0)
        .unwrap_or(10.0 * magnitude);
    let bottom = (low / step).floor() * step;
    let mut top = (high / step).ceil() * step;
    if top <= bottom {
        top = bottom + step;
    }
    (bottom, top, step)
}

/// The runs of consecutive slots with figures: a gap ends a run.
fn runs(points: &[(f64, Option<f64>)]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![Vec::new()];
    for &(x, y) in points {
        match (y, runs.last_mut()) {
            (Some(y), Some(run)) => run.push((x, y)),
            _ => runs.push(Vec::new()),
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

fn path_of(run: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in run.iter().enumerate() {
        let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" });
    }
    d
}

/// A small line of the figures, with `label` as its text alternative.
pub(crate) fn sparkline(slots: &[Slot], label: &str) -> String {
    let (w, h, pad) = (120.0, 30.0, 3.0);
    let (low, high, _) = range(slots, &[]);
    let step = if slots.len() > 1 {
        (w - 2.0 * pad) / float(slots.len() - 1)
    } else {
        0.0
    };
    let y_of = |v: f64| pad + (h - 2.0 * pad) * (1.0 - (v - low) / (high - low));
    let points: Vec<(f64, Option<f64>)> = slots
        .iter()
        .enumerate()
        .map(|(i, s)| (pad + step * float(i), s.value.map(y_of)))
        .collect();
    let mut svg = format!(
        r#"<svg class="sparkline" viewBox="0 0 {w} {h}" width="120" height="30" role="img" aria-label="{}" focusable="false">"#,
        escape(label)
    );
    for run in runs(&points) {
        if run.len() > 1 {
            let _ = write!(
                svg,
                r#"<path class="sparkline__line" d="{}"/>"#,
                path_of(&run)
            );
        }
        if let Some((x, y)) = run.last() {
            let _ = write!(
                svg,
                r#"<circle class="sparkline__dot" cx="{x:.1}" cy="{y:.1}" r="2"/>"#
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A line chart of the figures with the target (a dashed line, stepped where
/// an interim target gives way to the next) and comparators (dotted lines),
/// named by `title` and described by `desc`; `table` is the id of the table
/// that gives the same figures as text.
pub(crate) fn line_chart(
    id: &str,
    slots: &[Slot],
    references: &[Reference],
    title: &str,
    desc: &str,
    show: &dyn Fn(f64) -> String,
) -> String {
    let (w, h) = (400.0, 220.0);
    let (left, right, top, bottom) = (52.0, 12.0, 12.0, 40.0);
    let (low, high, tick) = range(slots, references);
    let inner_w = w - left - right;
    let inner_h = h - top - bottom;
    let step = if slots.len() > 1 {
        inner_w / float(slots.len() - 1)
    } else {
        0.0
    };
    let x_of = |i: usize| {
        if slots.len() > 1 {
            left + step * float(i)
        } else {
            left + inner_w / 2.0
        }
    };
    let y_of = |v: f64| top + inner_h * (1.0 - (v - low) / (high - low));
    let mut svg = format!(
        r#"<svg class="chart" id="{id}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" aria-describedby="{id}-table" focusable="false"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    );
    // Axes, with the lowest and highest values and the first and last periods.
    let _ = write!(
        svg,
        r#"<path class="chart__axis" d="M{left},{top} V{} H{}"/>"#,
        top + inner_h,
        w - right
    );
    let mut v = low;
    while v <= high + tick / 2.0 {
        let y = y_of(v);
        let _ = write!(
            svg,
            r#"<path class="chart__grid" d="M{left},{y:.1} H{}"/><text class="chart__tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            w - right,
            left - 4.0,
            y + 4.0,
            escape(&show(v))
        );
        v += tick;
    }
    let every = slots.len().div_ceil(3).max(1);
    for (i, slot) in slots.iter().enumerate() {
        let last = i + 1 == slots.len();
        // The last label, and every `every`th not crowding it.
        if last || (i % every == 0 && slots.len() - 1 - i >= every) {
            let anchor = match i {
                0 if slots.len() > 1 => "start",
                _ if i + 1 == slots.len() && slots.len() > 1 => "end",
                _ => "middle",
            };
            let _ = write!(
                svg,
                r#"<text class="chart__tick" x="{:.1}" y="{}" text-anchor="{anchor}">{}</text>"#,
                x_of(i),
                h - bottom + 16.0,
                escape(&slot.label)
            );
        }
    }
    // The target in force at each period, stepped.
    let targets: Vec<(f64, Option<f64>)> = slots
        .iter()
        .enumerate()
        .map(|(i, s)| (x_of(i), s.target.map(y_of)))
        .collect();
    for run in runs(&targets) {
        let mut d = String::new();
        for (i, (x, y)) in run.iter().enumerate() {
            let (x0, x1) = (x - step / 2.0, x + step / 2.0);
            let x0 = x0.max(left);
            let x1 = x1.min(w - right);
            let _ = write!(
                d,
                "{}{x0:.1},{y:.1} L{x1:.1},{y:.1}",
                if i == 0 { "M" } else { " L" }
            );
        }
        let _ = write!(svg, r#"<path class="chart__target" d="{d}"/>"#);
    }
    for (n, reference) in references.iter().enumerate() {
        let y = y_of(reference.value);
        let _ = write!(
            svg,
            r#"<path class="chart__comparator chart__comparator--{}" d="M{left},{y:.1} H{}"/>"#,
            n % 3,
            w - right
        );
    }
    let points: Vec<(f64, Option<f64>)> = slots
        .iter()
        .enumerate()
        .map(|(i, s)| (x_of(i), s.value.map(y_of)))
        .collect();
    for run in runs(&points) {
        if run.len() > 1 {
            let _ = write!(svg, r#"<path class="chart__line" d="{}"/>"#, path_of(&run));
        }
        for (x, y) in run {
            let _ = write!(
                svg,
                r#"<circle class="chart__dot" cx="{x:.1}" cy="{y:.1}" r="3.5"/>"#
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(values: &[Option<f64>]) -> Vec<Slot> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Slot {
                label: format!("p{i}"),
                value: *v,
                target: Some(20.0),
            })
            .collect()
    }

    #[test]
    fn a_missing_figure_breaks_the_line() {
        let svg = sparkline(
            &slots(&[Some(17.0), Some(18.0), None, Some(22.0), Some(25.0)]),
            "x",
        );
        assert_eq!(svg.matches("<path").count(), 2, "{svg}");
        let svg = sparkline(&slots(&[Some(17.0), Some(22.0)]), "x");
        assert_eq!(svg.matches("<path").count(), 1, "{svg}");
    }

    #[test]
    fn the_chart_names_its_text_equivalent() {
        let show = |v: f64| format!("{v}");
        let svg = line_chart(
            "c",
            &slots(&[Some(1.0), Some(2.0), None, Some(3.0), Some(4.0)]),
            &[],
            "T <&>",
            "D",
            &show,
        );
        assert!(svg.contains(r#"aria-describedby="c-table""#));
        assert!(svg.contains("T &lt;&amp;&gt;"));
        assert_eq!(
            svg.matches(r#"class="chart__line""#).count(),
            2,
            "a gap, not a zero"
        );
    }
}

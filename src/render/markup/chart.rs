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

/// The most figures a sparkline marks each with a dot; more would blot the line.
const MOST_DOTS: usize = 12;

/// Roughly how wide a character of an axis label is, in the chart's units, at
/// the largest size the stylesheet gives labels (on phones): used to keep
/// labels apart and inside the chart.
const CHAR_WIDTH: f64 = 8.0;

/// How wide a label is, in the chart's units.
fn width_of(label: &str) -> f64 {
    float(label.chars().count()) * CHAR_WIDTH
}

/// Which period labels the x axis shows: the first and the last, and between
/// them each that does not crowd the one before it or the last.
fn x_labels(xs: &[f64], labels: &[&str]) -> Vec<usize> {
    let n = xs.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![0];
    }
    // The extent of a label: the first starts at its point, the last ends at it.
    let extent = |i: usize| {
        let w = width_of(labels[i]);
        match i {
            0 => (xs[i], xs[i] + w),
            _ if i + 1 == n => (xs[i] - w, xs[i]),
            _ => (xs[i] - w / 2.0, xs[i] + w / 2.0),
        }
    };
    let gap = CHAR_WIDTH * 1.5;
    let last = extent(n - 1);
    let mut shown = vec![0];
    let mut end = extent(0).1;
    for i in 1..n - 1 {
        let (a, b) = extent(i);
        if a >= end + gap && b + gap <= last.0 {
            shown.push(i);
            end = b;
        }
    }
    // The last always shows; the first gives way if the two would overlap.
    if extent(0).1 + gap > last.0 {
        shown.retain(|&i| i != 0);
    }
    shown.push(n - 1);
    shown
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
    let runs = runs(&points);
    // Across a gap a faint dotted line joins the figures either side, so
    // figures reported months apart still read as a trend (a gap, not a zero).
    for pair in runs.windows(2) {
        if let (Some(&(x0, y0)), Some(&(x1, y1))) = (pair[0].last(), pair[1].first()) {
            let _ = write!(
                svg,
                r#"<path class="sparkline__gap" d="M{x0:.1},{y0:.1} L{x1:.1},{y1:.1}"/>"#
            );
        }
    }
    let few = points.iter().filter(|p| p.1.is_some()).count() <= MOST_DOTS;
    for run in &runs {
        if run.len() > 1 {
            let _ = write!(
                svg,
                r#"<path class="sparkline__line" d="{}"/>"#,
                path_of(run)
            );
        }
        // Every figure has its dot when there are few; else the last of each run.
        let dots = if few { &run[..] } else { &run[run.len() - 1..] };
        for (x, y) in dots {
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
    axis: Option<&str>,
) -> String {
    let (low, high, tick) = range(slots, references);
    let mut ticks = Vec::new();
    let mut v = low;
    while v <= high + tick / 2.0 {
        ticks.push((v, show(v)));
        v += tick;
    }
    // Room on the left for the widest value, so none is cut off.
    let widest = ticks.iter().map(|(_, t)| width_of(t)).fold(0.0, f64::max);
    let (w, h) = (400.0, 220.0);
    let left = (widest + 10.0).max(40.0);
    // The unit, when the values do not carry it, is said above the axis.
    let (right, top, bottom) = (12.0, if axis.is_some() { 28.0 } else { 12.0 }, 40.0);
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
    if let Some(axis) = axis {
        let _ = write!(
            svg,
            r#"<text class="chart__tick" x="4" y="{:.1}">{}</text>"#,
            top - 12.0,
            escape(axis)
        );
    }
    for (v, text) in &ticks {
        let y = y_of(*v);
        let _ = write!(
            svg,
            r#"<path class="chart__grid" d="M{left},{y:.1} H{}"/><text class="chart__tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            w - right,
            left - 4.0,
            y + 4.0,
            escape(text)
        );
    }
    let xs: Vec<f64> = (0..slots.len()).map(x_of).collect();
    let labels: Vec<&str> = slots.iter().map(|s| s.label.as_str()).collect();
    for i in x_labels(&xs, &labels) {
        let anchor = match i {
            _ if slots.len() == 1 => "middle",
            0 => "start",
            _ if i + 1 == slots.len() => "end",
            _ => "middle",
        };
        let _ = write!(
            svg,
            r#"<text class="chart__tick" x="{:.1}" y="{}" text-anchor="{anchor}">{}</text>"#,
            xs[i],
            h - bottom + 18.0,
            escape(labels[i])
        );
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
        assert_eq!(svg.matches("sparkline__line").count(), 2, "{svg}");
        let svg = sparkline(&slots(&[Some(17.0), Some(22.0)]), "x");
        assert_eq!(svg.matches("sparkline__line").count(), 1, "{svg}");
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
            None,
        );
        assert!(svg.contains(r#"aria-describedby="c-table""#));
        assert!(svg.contains("T &lt;&amp;&gt;"));
        assert_eq!(
            svg.matches(r#"class="chart__line""#).count(),
            2,
            "a gap, not a zero"
        );
    }

    #[test]
    fn figures_apart_are_joined_across_the_gap_and_each_has_its_dot() {
        // 172 in March 2021, 149 in February 2022: ten months without a figure.
        let mut values = vec![Some(172.0)];
        values.extend([None; 10]);
        values.push(Some(149.0));
        let svg = sparkline(&slots(&values), "x");
        assert_eq!(svg.matches("sparkline__gap").count(), 1, "{svg}");
        assert_eq!(svg.matches("sparkline__line").count(), 0, "{svg}");
        assert_eq!(svg.matches("<circle").count(), 2, "{svg}");
    }

    #[test]
    fn axis_labels_never_overlap_and_values_fit_on_the_left() {
        // Monthly periods with long names, as the example's figures have.
        let labels = [
            "September 2020",
            "October 2020",
            "November 2020",
            "December 2020",
            "January 2021",
            "February 2021",
            "March 2021",
        ];
        let xs: Vec<f64> = (0..labels.len()).map(|i| 40.0 + 58.0 * float(i)).collect();
        let shown = x_labels(&xs, &labels);
        assert_eq!(shown.first(), Some(&0));
        assert_eq!(shown.last(), Some(&6));
        for pair in shown.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let end_a = if a == 0 {
                xs[a] + width_of(labels[a])
            } else {
                xs[a] + width_of(labels[a]) / 2.0
            };
            let start_b = if b == 6 {
                xs[b] - width_of(labels[b])
            } else {
                xs[b] - width_of(labels[b]) / 2.0
            };
            assert!(end_a < start_b, "{} and {} overlap", labels[a], labels[b]);
        }
        // A long value moves the axis right rather than being cut off.
        let show = |v: f64| format!("{v} per 10,000");
        let svg = line_chart(
            "c",
            &slots(&[Some(172.0), Some(149.0)]),
            &[],
            "T",
            "D",
            &show,
            None,
        );
        let axis = &svg[svg.find("chart__axis\" d=\"M").unwrap() + "chart__axis\" d=\"M".len()..];
        let left: f64 = axis[..axis.find(',').unwrap()].parse().unwrap();
        assert!(left >= width_of("180 per 10,000"), "{left}");
    }
}

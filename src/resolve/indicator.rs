//! Checks of an indicator: its unit, polarity, periods and figures read as
//! typed values, cycles its figures were reported at known, its owner as plans
//! name owners. Gives the indicator as checked, or `None` when it has errors.

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::spans::FieldPath;
use crate::load::{Loaded, SourceFile};
use crate::model::indicator::{
    Comparator, ComparatorFile, Compared, Entry, Figure, Indicator, IndicatorFile, Polarity,
    Reading, Target, Unit,
};
use crate::model::period::Period;
use crate::resolve::checker::Checker;

impl Checker<'_> {
    pub(super) fn indicator(
        &self,
        loaded: &Loaded<(String, IndicatorFile)>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Indicator> {
        let source = &loaded.source;
        let (id, file) = &loaded.value;
        let before = diagnostics.len();
        let root = FieldPath::root();
        let unit = Unit::parse(&file.unit);
        if unit.is_none() {
            let hint = match did_you_mean(&file.unit, Unit::NAMES) {
                Some(close) => format!(
                    "did you mean \"{close}\"? The units are: {}",
                    Unit::NAMES.join(", ")
                ),
                None => format!(
                    "use one of: {} (\"%\" and \"£\" also work)",
                    Unit::NAMES.join(", ")
                ),
            };
            diagnostics.push(
                source
                    .error(&root.key("unit"), format!("unknown unit \"{}\"", file.unit))
                    .hint(hint),
            );
        }
        let polarity = Polarity::parse(&file.polarity);
        if polarity.is_none() {
            diagnostics.push(
                source
                    .error(&root.key("polarity"), format!("the polarity \"{}\" cannot be read", file.polarity))
                    .hint("write `polarity: higher` when a higher figure is better, or `polarity: lower` when a lower one is"),
            );
        }
        let baseline = file.baseline.as_ref().and_then(|b| {
            let at = root.key("baseline");
            let value = number(source, &at.key("value"), &b.value, diagnostics);
            let period = period(source, &at.key("period"), &b.period, diagnostics);
            Some(Figure {
                value: value?,
                period: period?,
            })
        });
        let mut targets: Vec<Target> = Vec::new();
        for (i, t) in file.targets.iter().enumerate() {
            let at = root.key("targets").index(i);
            let value = number(source, &at.key("value"), &t.value, diagnostics);
            let by = match &t.by {
                Some(by) => period(source, &at.key("by"), by, diagnostics).map(Some),
                None => Some(None),
            };
            // Two standing targets would leave none of them in force.
            if t.by.is_none() && file.targets[..i].iter().any(|t| t.by.is_none()) {
                diagnostics.push(
                    source
                        .error(&at, "a second target without a date")
                        .hint("give each target but one the period it is due by (`by: 2026-06` for \"by June 2026\"); the one without a date holds whenever no dated target does"),
                );
            }
            if let (Some(value), Some(by)) = (value, by) {
                targets.push(Target { value, by });
            }
        }
        // Dated targets by their date, then the standing one, as pages list them.
        targets.sort_by_key(|t| (t.by.is_none(), t.by));
        let comparators = file
            .comparators
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                comparator(source, &root.key("comparators").index(i), c, diagnostics)
            })
            .collect();
        let tolerance = file.tolerance.as_ref().and_then(|t| {
            let at = root.key("tolerance");
            let n = number(source, &at, t, diagnostics)?;
            if n < 0.0 {
                diagnostics.push(
                    source
                        .error(&at, format!("the tolerance {t} is below zero"))
                        .hint("give how far from target still counts as within tolerance, as a positive number in the indicator's unit"),
                );
            }
            Some(n.abs())
        });
        if let Some(owner) = &file.owner {
            self.owners(
                source,
                &root.key("owner"),
                std::slice::from_ref(owner),
                diagnostics,
            );
        }
        let values = self.values(source, file, diagnostics);
        if diagnostics[before..]
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
        {
            return None;
        }
        Some(Indicator {
            id: id.clone(),
            title: file.title.trim().to_owned(),
            definition: file.definition.clone(),
            source: file.source.clone(),
            unit: unit?,
            polarity: polarity?,
            baseline,
            targets,
            comparators,
            tolerance,
            owner: file.owner.clone(),
            values,
        })
    }

    /// The figures, in file order; a later entry for a period must be
    /// reported at a later cycle (it is a correction).
    fn values(
        &self,
        source: &SourceFile,
        file: &IndicatorFile,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Entry> {
        let mut values: Vec<Entry> = Vec::new();
        for (i, v) in file.values.iter().enumerate() {
            let at = FieldPath::root().key("values").index(i);
            let period = period(source, &at.key("period"), &v.period, diagnostics);
            let reading = Reading::parse(&v.value);
            if reading.is_none() {
                diagnostics.push(not_a_number(
                    source,
                    &at.key("value"),
                    &v.value,
                    Expected::FigureOrSuppressed,
                ));
            }
            let reported_order = v
                .reported_at
                .as_ref()
                .and_then(|c| self.cycle(source, &at.key("reported_at"), c, diagnostics));
            let (Some(period), Some(reading)) = (period, reading) else {
                continue;
            };
            if let Some(earlier) = values.iter().rev().find(|e| e.period == period) {
                if earlier.reported_order >= reported_order {
                    diagnostics.push(
                        source
                            .error(&at.key("reported_at"), format!("a second figure for {period} must say when it was reported, at a later cycle than the first"))
                            .hint(format!("a correction is a later entry for the same period with `reported_at:` naming the meeting it was reported to, after {}", earlier.reported_at.as_deref().unwrap_or("the first figure"))),
                    );
                }
            }
            values.push(Entry {
                period,
                reading,
                note: v.note.clone(),
                reported_at: v.reported_at.clone(),
                reported_order,
            });
        }
        values
    }
}

/// A comparator: a figure for a period, or the paper's words (with a period if it gives one).
fn comparator(
    source: &SourceFile,
    at: &FieldPath,
    c: &ComparatorFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Comparator> {
    let words = c.words.as_deref().map(str::trim);
    let compared = match (&c.value, words) {
        (Some(_), Some(_)) => {
            diagnostics.push(
                source
                    .error(&at.key("words"), "a comparator has both a `value` and `words`")
                    .hint("give `value:` when the paper gives a figure, or `words:` with its words (\"below statistical neighbours\") when it gives none"),
            );
            None
        }
        (None, None | Some("")) => {
            diagnostics.push(
                source
                    .error(at, format!("the comparator \"{}\" has neither a `value` nor `words`", c.name.trim()))
                    .hint("give `value:` and `period:` when the paper gives a figure, or `words:` with its words (\"below statistical neighbours\") when it gives none"),
            );
            None
        }
        (Some(value), None) => {
            number(source, &at.key("value"), value, diagnostics).map(Compared::Figure)
        }
        (None, Some(words)) => Some(Compared::Words(words.to_owned())),
    };
    let period = match &c.period {
        Some(p) => period(source, &at.key("period"), p, diagnostics).map(Some),
        None if c.value.is_some() => {
            diagnostics.push(
                source
                    .error(at, format!("the comparator \"{}\" has a figure but no `period`", c.name.trim()))
                    .hint("give the period the figure is for, as the figures' periods are written (`period: 2024/25`)"),
            );
            None
        }
        None => Some(None),
    };
    Some(Comparator {
        name: c.name.trim().to_owned(),
        compared: compared?,
        period: period?,
    })
}

fn period(
    source: &SourceFile,
    at: &FieldPath,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Period> {
    Period::parse(text)
        .map_err(|e| diagnostics.push(source.error(at, e.message).hint(e.hint)))
        .ok()
}

/// A number (targets, baselines, comparators, tolerance: never suppressed).
fn number(
    source: &SourceFile,
    at: &FieldPath,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let n = Reading::parse(text).and_then(|r| r.number());
    if n.is_none() {
        diagnostics.push(not_a_number(source, at, text, Expected::Number));
    }
    n
}

/// What a field may hold, for the hint when it holds neither.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expected {
    /// Only a number.
    Number,
    /// A number, or a figure the statistics suppress.
    FigureOrSuppressed,
}

fn not_a_number(source: &SourceFile, at: &FieldPath, text: &str, expected: Expected) -> Diagnostic {
    let hint = if expected == Expected::FigureOrSuppressed {
        "write the figure as a number (17, 83%, 45.5, £1,200), or as the statistics publish a suppressed figure (\"c\", \"x\", \"low\", \"< 10\")"
    } else {
        "write a number: 17, 83%, 45.5, £1,200"
    };
    source
        .error(at, format!("\"{}\" is not a number", text.trim()))
        .hint(hint)
}

//! What a returned row must pass before it may change a plan, kept apart from
//! how cells are read: no cell larger than a spreadsheet cell can hold, and no
//! plan grown past what `check` reads.

use super::{cell_text, Problem, Row};
use crate::load::MAX_FILE_BYTES;

/// The most characters a returned cell may hold. It is Excel's own limit for
/// a cell, so nothing typed in a spreadsheet is ever refused, and it is far
/// above a progress update (a paragraph or two: the longest in the example
/// site is under 2,000 characters); a larger cell was made by something else.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// Every cell of `rows` larger than [`MAX_CELL_CHARS`], refused at the cell.
pub(super) fn oversized(rows: &[Row]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for row in rows {
        let due = row.due.as_ref().map(|d| {
            let text = cell_text(&d.value).unwrap_or_default();
            (text.chars().count(), d.place.as_str())
        });
        let cells = [
            Some(&row.plan),
            Some(&row.action),
            Some(&row.cycle),
            row.status.as_ref(),
            row.progress.as_ref(),
            row.next_steps.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|f| (f.value.chars().count(), f.place.as_str()))
        .chain(due);
        for (count, place) in cells {
            if count > MAX_CELL_CHARS {
                problems.push(Problem::new(
                    place,
                    format!(
                        "this cell holds {count} characters; a cell of a return may hold at most {MAX_CELL_CHARS} (what Excel allows in a cell, far more than any progress update): shorten it, or check this is the return as the owner sent it"
                    ),
                ));
            }
        }
    }
    problems
}

/// Whether a plan's new text is still a file `check` reads; why not, if not.
pub(super) fn within_file_limit(text: &str) -> Result<(), String> {
    let bytes = text.len() as u64;
    if bytes <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(format!(
        "with them it would be {bytes} bytes, more than the {MAX_FILE_BYTES} bytes (16 MiB) a content file may be, and `ragtime check` would refuse it"
    ))
}

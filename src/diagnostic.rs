//! Content problems, reported like a compiler: file, line, column, field, message, hint.

use std::fmt;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the content. Content problems are data, never panics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user would type it, relative to the site root (e.g. `content/plans/x.yaml`).
    pub file: PathBuf,
    /// 1-based line and column, where the input has them.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The spreadsheet cell, where the input is a spreadsheet (an import, a return).
    pub cell: Option<Cell>,
    /// Where in the document, e.g. `sections[0].recommendations[2].actions[1].status`.
    pub field: Option<String>,
    pub message: String,
    /// What would be right, or a suggestion.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            cell: None,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    #[must_use]
    pub fn at(mut self, position: Option<(usize, usize)>) -> Diagnostic {
        if let Some((line, column)) = position {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    /// Places the problem at a spreadsheet cell: `Plan!G5` (row and column 0-based).
    #[must_use]
    pub fn at_cell(mut self, sheet: impl Into<String>, row: u32, column: u32) -> Diagnostic {
        self.cell = Some(Cell {
            sheet: sheet.into(),
            row,
            column,
        });
        self
    }

    #[must_use]
    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        let field = field.into();
        if !field.is_empty() {
            self.field = Some(field);
        }
        self
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: file, then position (line, or sheet, row and column), so
    /// reports read top to bottom.
    pub fn sort_key(&self) -> (PathBuf, usize, usize, Option<Cell>, Severity) {
        (
            self.file.clone(),
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.cell.clone(),
            self.severity,
        )
    }
}

/// A cell of a spreadsheet, 0-based, printed as a spreadsheet names it: `Plan!G5`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    pub sheet: String,
    pub row: u32,
    pub column: u32,
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = u64::from(self.row) + 1;
        write!(
            f,
            "{}!{}{row}",
            self.sheet,
            crate::text::column_letters(self.column.into())
        )
    }
}

/// A problem as printed: quoted text (a file name, a value) may hold control
/// characters, which are shown escaped, never sent to the terminal.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        let mut said = self.file.display().to_string();
        if let Some(line) = self.line {
            write!(said, ":{line}")?;
            if let Some(column) = self.column {
                write!(said, ":{column}")?;
            }
        }
        if let Some(cell) = &self.cell {
            write!(said, ": {cell}")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(said, ": {label}: {}", self.message)?;
        if let Some(field) = &self.field {
            write!(said, "\n  field: {field}")?;
        }
        if let Some(hint) = &self.hint {
            write!(said, "\n  help: {hint}")?;
        }
        f.write_str(&crate::text::shown(&said))
    }
}

/// Levenshtein distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The closest candidate, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let normalised = input.trim().to_lowercase().replace([' ', '_'], "-");
    candidates
        .into_iter()
        .filter(|candidate| !other_number(&normalised, &candidate.to_lowercase()))
        .map(|candidate| (distance(&normalised, &candidate.to_lowercase()), candidate))
        .filter(|(d, candidate)| {
            let length = candidate.chars().count();
            // A slip of one letter in two is another word, not a typo.
            *d == 0 || (length > 2 && *d <= length.div_ceil(3))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, candidate)| candidate)
}

/// Whether two names that are mostly numbers differ in their numbers ("R7"
/// and "R1", "7" and "1", "xiv" and "xv"): another item, never a misspelling
/// of it. In a longer name ("ofsted-2015") a wrong number can be a slip.
fn other_number(a: &str, b: &str) -> bool {
    if roman(a) && roman(b) {
        return a != b;
    }
    let letters = a.chars().filter(char::is_ascii_alphabetic).count();
    if letters > 2 {
        return false;
    }
    let numbers = |s: &str| -> Vec<u64> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter(|part| !part.is_empty())
            .filter_map(|part| part.parse().ok())
            .collect()
    };
    numbers(a) != numbers(b)
}

/// Whether a name is a roman numeral ("xiv", "xl"), as reports number
/// findings; a word that only happens to use those letters ("civic") is not.
fn roman(s: &str) -> bool {
    const PLACES: [[&str; 9]; 3] = [
        ["c", "cc", "ccc", "cd", "d", "dc", "dcc", "dccc", "cm"],
        ["x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"],
        ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"],
    ];
    let thousands = s.len() - s.trim_start_matches('m').len();
    let mut rest = &s[thousands.min(3)..];
    for place in PLACES {
        let digit = place
            .iter()
            .filter(|digit| rest.starts_with(*digit))
            .max_by_key(|digit| digit.len());
        if let Some(digit) = digit {
            rest = &rest[digit.len()..];
        }
    }
    !s.is_empty() && rest.is_empty()
}

/// "2 errors, 1 warning": how many problems of each kind were found.
pub(crate) fn tally(errors: usize, warnings: usize) -> String {
    use crate::text::plural;
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

/// How many warnings with the same message are printed in full; the rest are
/// counted in one line, so 50,000 stray files give a few lines, not 150,000.
/// Errors are all printed: each is something to fix.
pub(crate) const SHOWN_ALIKE: usize = 20;

/// Prints problems to standard error, each with a blank line after it; past
/// [`SHOWN_ALIKE`] warnings with the same message, the rest of them are summed
/// up in one line at the end.
pub(crate) fn print_all<'d>(diagnostics: impl IntoIterator<Item = &'d Diagnostic>) {
    eprint!("{}", said_all(diagnostics));
}

/// What [`print_all`] prints.
pub(crate) fn said_all<'d>(diagnostics: impl IntoIterator<Item = &'d Diagnostic>) -> String {
    use std::fmt::Write as _;
    let mut said = String::new();
    let mut seen: std::collections::BTreeMap<(bool, &str), usize> =
        std::collections::BTreeMap::new();
    let mut order = Vec::new();
    for diagnostic in diagnostics {
        let key = (diagnostic.is_error(), diagnostic.message.as_str());
        let count = seen.entry(key).or_insert_with(|| {
            order.push(key);
            0
        });
        *count += 1;
        if *count <= SHOWN_ALIKE || diagnostic.is_error() {
            let _ = writeln!(said, "{diagnostic}\n");
        }
    }
    for key in order {
        let more = seen[&key] - SHOWN_ALIKE.min(seen[&key]);
        if more > 0 && !key.0 {
            let kind = if more == 1 { "warning" } else { "warnings" };
            let _ = writeln!(said, "... and {more} more {kind} like this: {}\n", key.1);
        }
    }
    said
}

/// A run that did not do what it was asked, having said why (its problems
/// printed as [`Diagnostic`]s): the binary exits with 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Failed;

/// What a command's run returns; `cmd::run` turns it into the exit code, the
/// one place a failure becomes exit status 1.
pub(crate) type Outcome = Result<(), Failed>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_in_a_spreadsheet_is_placed_at_its_cell() {
        let said = Diagnostic::error("tracker.xlsx", "not a status")
            .at_cell("Plan", 4, 27)
            .to_string();
        assert_eq!(said, "tracker.xlsx: Plan!AB5: error: not a status");
    }

    #[test]
    fn counts_the_edits_between_words() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("abxc", "abc"), 1);
        assert_eq!(distance("abc", "abxc"), 1);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("ab", ""), 2);
        assert_eq!(distance("same", "same"), 0);
    }

    #[test]
    fn suggests_close_words_only() {
        let statuses = ["complete", "on-track", "at-risk", "behind", "not-started"];
        assert_eq!(did_you_mean("on track", statuses), Some("on-track"));
        assert_eq!(did_you_mean("Complet", statuses), Some("complete"));
        assert_eq!(did_you_mean("banana", statuses), None);
        // Numbers are not misspelt: another number is another item.
        assert_eq!(did_you_mean("7", ["1", "2"]), None);
        assert_eq!(did_you_mean("R7", ["R1", "R17"]), None);
        assert_eq!(did_you_mean("xiv", ["xv", "xiii"]), None);
        assert_eq!(did_you_mean("XIV", ["xiv"]), Some("xiv"));
        assert_eq!(did_you_mean("OR 7", ["or-1"]), None);
        // Words that only use the letters of roman numerals are words.
        assert_eq!(did_you_mean("civc", ["civic"]), Some("civic"));
        assert!(["i", "iv", "ix", "xiv", "xl", "xcix", "mcmxc", "mmxiv"]
            .iter()
            .all(|s| roman(s)));
        assert!(!["", "civic", "mild", "iiii", "vx", "mmmm", "xm"]
            .iter()
            .any(|s| roman(s)));
        assert_eq!(
            did_you_mean("2013-8", ["2013-08", "2013-06"]),
            Some("2013-08")
        );
        assert_eq!(did_you_mean("2013-09", ["2013-08"]), None);
        assert_eq!(
            did_you_mean("middlesbrough-ofsted-2015", ["middlesbrough-ofsted-2016"]),
            Some("middlesbrough-ofsted-2016")
        );
        assert_eq!(did_you_mean("r22", ["R22"]), Some("R22"));
        // Two-letter names are suggested only when they differ in case or spacing.
        assert_eq!(did_you_mean("ab", ["ac"]), None);
        assert_eq!(did_you_mean("titel", ["title", "text"]), Some("title"));
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn displays_like_a_compiler() {
        let d = Diagnostic::error("content/plans/x.yaml", "unknown status \"on track\"")
            .at(Some((41, 9)))
            .field("recommendations[0].actions[0].updates[0].status")
            .hint("did you mean \"on-track\"?");
        assert_eq!(
            d.to_string(),
            "content/plans/x.yaml:41:9: error: unknown status \"on track\"\n  field: recommendations[0].actions[0].updates[0].status\n  help: did you mean \"on-track\"?"
        );
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let d = Diagnostic::error(
            "content/plans/\u{1b}[2J.yaml",
            "unknown status \"a\u{7}\r\"",
        )
        .field("x.\u{9b}")
        .hint("not \u{1b}]0;title\u{7}");
        assert_eq!(
            d.to_string(),
            "content/plans/\\u{1b}[2J.yaml: error: unknown status \"a\\u{7}\\u{d}\"\n  field: x.\\u{9b}\n  help: not \\u{1b}]0;title\\u{7}"
        );
    }
}

//! Joint leads in one owner cell ("Ann Smith / Bob Jones"): split into the
//! directory's owners only when each part is one of them, so that every
//! lead keeps one page, and a post with a slash in its name stays whole.

use crate::model::owners::normalise;
use crate::text::{single_spaced, slug};
use std::collections::BTreeSet;

/// What one owner cell names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Leads {
    /// No separator of joint leads: read as the rows read it.
    Single,
    /// The cell names these owners, each in the directory (or the cell whole is one).
    Owners(Vec<String>),
    /// Parts the directory does not all know: kept as one owner, written as here.
    Whole { cell: String, unknown: Vec<String> },
}

/// The owners directory's spellings (ids, names, aliases), as matched.
pub(crate) struct Directory {
    known: BTreeSet<String>,
}

impl Directory {
    pub(crate) fn new<'a>(spellings: impl IntoIterator<Item = &'a str>) -> Directory {
        Directory {
            known: spellings.into_iter().map(normalise).collect(),
        }
    }

    fn knows(&self, name: &str) -> bool {
        self.known.contains(&normalise(name))
    }

    /// The owners a cell names: whole when the directory knows it whole,
    /// else split at " / ", ";", line breaks and " and " when it knows every part.
    pub(crate) fn leads(&self, cell: &str) -> Leads {
        let one_line = single_spaced(cell);
        let parts = parts(cell);
        if parts.len() < 2 {
            return Leads::Single;
        }
        if self.knows(&one_line) {
            return Leads::Owners(vec![one_line]);
        }
        let unknown: Vec<String> = parts.iter().filter(|p| !self.knows(p)).cloned().collect();
        if unknown.is_empty() {
            Leads::Owners(parts)
        } else {
            Leads::Whole {
                cell: one_line,
                unknown,
            }
        }
    }
}

/// The parts of a cell between separators of joint leads, trimmed.
fn parts(cell: &str) -> Vec<String> {
    cell.split(['\n', ';'])
        .flat_map(|line| line.split(" / "))
        .flat_map(|part| part.split(" and "))
        .map(single_spaced)
        .filter(|part| !part.is_empty())
        .collect()
}

/// The lines of `content/owners.yaml` that would make `names` known.
pub(crate) fn proposed(names: &BTreeSet<String>) -> String {
    let mut out = String::new();
    for name in names {
        out.push_str(&format!(
            "- id: {}\n  name: {}\n",
            slug(name),
            crate::edit::write::scalar(name)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Directory {
        Directory::new([
            "ann-smith",
            "Ann Smith",
            "Bob Jones",
            "Named Nurse / Midwife / Doctor",
            "Head of Service",
        ])
    }

    #[test]
    fn a_cell_the_directory_knows_whole_is_never_split() {
        assert_eq!(
            directory().leads("Named Nurse / Midwife / Doctor"),
            Leads::Owners(vec!["Named Nurse / Midwife / Doctor".to_owned()])
        );
    }

    #[test]
    fn joint_leads_split_when_every_part_is_known() {
        let both = Leads::Owners(vec!["Ann Smith".to_owned(), "Bob Jones".to_owned()]);
        for cell in [
            "Ann Smith / Bob Jones",
            "Ann Smith; Bob Jones",
            "Ann Smith\nBob Jones",
            "Ann Smith and Bob Jones",
        ] {
            assert_eq!(directory().leads(cell), both, "{cell:?}");
        }
        assert_eq!(
            directory().leads("ann-smith / head of service."),
            Leads::Owners(vec!["ann-smith".to_owned(), "head of service.".to_owned()])
        );
    }

    #[test]
    fn a_part_the_directory_does_not_know_keeps_the_cell_whole() {
        assert_eq!(
            directory().leads("Ann Smith / Cy Twombly"),
            Leads::Whole {
                cell: "Ann Smith / Cy Twombly".to_owned(),
                unknown: vec!["Cy Twombly".to_owned()],
            }
        );
        // "Health and Wellbeing Board" is one owner unless the directory says otherwise.
        assert_eq!(directory().leads("Ann Smith"), Leads::Single);
        assert!(matches!(
            directory().leads("Health and Wellbeing Board"),
            Leads::Whole { .. }
        ));
        assert_eq!(
            proposed(&["Cy Twombly".to_owned()].into_iter().collect()),
            "- id: cy-twombly\n  name: Cy Twombly\n"
        );
    }
}

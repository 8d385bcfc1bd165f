//! Sheet names as Excel allows them, for every workbook ragtime writes (the
//! tracker, the owners' returns): one rule, so a name is made the same way
//! wherever a sheet is named after a plan or an owner.

/// The most characters Excel allows in a sheet name.
pub(crate) const SHEET_NAME_MAX: usize = 31;

/// The sheet name Excel keeps for itself: no sheet may be called so.
const EXCEL_OWN: &str = "history";

/// A sheet name from `wanted`: none of `[]:*?/\` (each becomes `-`), no
/// apostrophe at either end, at most [`SHEET_NAME_MAX`] characters, and unlike
/// every name in `taken` and Excel's own, in any case (` (2)`, ` (3)`... added
/// until it is). `fallback` stands for a name with nothing left in it.
pub(crate) fn sheet_name(wanted: &str, fallback: &str, taken: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let base = match cleaned.trim().trim_matches('\'') {
        "" => fallback,
        base => base,
    };
    // A name cut short ends on a letter or digit, not a dangling "-".
    let fit = |max: usize| match base.char_indices().nth(max) {
        Some((end, _)) => base[..end]
            .trim_end_matches(|c: char| c == '\'' || c == '-' || c.is_whitespace())
            .to_owned(),
        None => base.to_owned(),
    };
    let is_taken = |name: &str| {
        let name = name.to_lowercase();
        name == EXCEL_OWN || taken.iter().any(|t| t.to_lowercase() == name)
    };
    let mut name = match fit(SHEET_NAME_MAX) {
        name if name.is_empty() => fallback.to_owned(),
        name => name,
    };
    let mut n = 2;
    while is_taken(&name) {
        let suffix = format!(" ({n})");
        name = fit(SHEET_NAME_MAX - suffix.len()) + &suffix;
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_names_make_short_clean_unique_sheet_names() {
        let mut taken = vec!["Instructions".to_owned(), "Status lists".to_owned()];
        for name in [
            "Head of Service [Children's]: Safeguarding / Quality*",
            "Head of Service [Children's]: Safeguarding / Quality?",
            "'Quoted'",
            "Executive Director of Children's Services",
            "Instructions",
            "status LISTS",
            "History",
            " [] ",
        ] {
            let sheet = sheet_name(name, "Owner", &taken);
            assert!(sheet.chars().count() <= SHEET_NAME_MAX, "{sheet}");
            assert!(
                !sheet.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{sheet}"
            );
            assert!(!sheet.starts_with('\''), "{sheet}");
            taken.push(sheet);
        }
        assert_eq!(
            taken[2..],
            [
                "Head of Service -Children's-- S",
                "Head of Service -Children's (2)",
                "Quoted",
                "Executive Director of Children",
                "Instructions (2)",
                "status LISTS (2)",
                "History (2)",
                "--",
            ]
        );
    }
}

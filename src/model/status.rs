//! The status vocabulary: what each RAG status means to the council.

use serde::{Deserialize, Serialize};

/// The colour a status is drawn in. Never shown alone: every status has its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Colour {
    Blue,
    Green,
    /// Between green and amber, in keys that have four colours
    /// (Red/Amber/Yellow/Green): slippage short of amber.
    Yellow,
    Amber,
    Red,
    Grey,
}

impl Colour {
    /// Every colour, in the order roll-ups by colour list them.
    pub const ALL: [Colour; 6] = [
        Colour::Blue,
        Colour::Green,
        Colour::Yellow,
        Colour::Amber,
        Colour::Red,
        Colour::Grey,
    ];

    /// Its id, as content writes it.
    pub fn id(self) -> &'static str {
        match self {
            Colour::Blue => "blue",
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Amber => "amber",
            Colour::Red => "red",
            Colour::Grey => "grey",
        }
    }

    /// Its name, for roll-ups that count by colour.
    pub fn label(self) -> &'static str {
        match self {
            Colour::Blue => "Blue",
            Colour::Green => "Green",
            Colour::Yellow => "Yellow",
            Colour::Amber => "Amber",
            Colour::Red => "Red",
            Colour::Grey => "Grey",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub id: String,
    pub label: String,
    pub colour: Colour,
    /// What the council means by it, shown as a key wherever RAG appears.
    #[serde(default)]
    pub description: String,
    /// Whether an action with this status counts as done.
    #[serde(default)]
    pub done: bool,
}

impl Status {
    /// The status as pages name it where its colour is why an action is
    /// listed (a reason, a heading of what changed, a count): its label where
    /// that names its colour ("Red", "Amber – at risk"), else the colour with
    /// the label beside it ("Red (Behind schedule)", "Red (R)").
    pub(crate) fn rated(&self) -> String {
        rated(self.colour, [self.label.as_str()])
    }
}

/// Statuses of one colour as pages name them: the one label where it names
/// the colour, else the colour with the labels beside it ("Red (R)",
/// "Red (Missed, Behind schedule)"); the colour alone where there are none.
pub(crate) fn rated<'a>(colour: Colour, labels: impl IntoIterator<Item = &'a str>) -> String {
    let labels: Vec<&str> = labels.into_iter().map(str::trim).collect();
    let colour_word = colour.label().to_lowercase();
    match labels.as_slice() {
        [] => colour.label().to_owned(),
        [label] if loosely(label).split(' ').any(|w| w == colour_word) => (*label).to_owned(),
        _ => format!("{} ({})", colour.label(), labels.join(", ")),
    }
}

/// What an action is called when progress was reported without a status.
pub(crate) const NOT_RATED: &str = "Not rated";

/// What an action is called when nothing has been reported on it yet, whatever
/// the key: "not started" is a status only where an update gives it.
pub(crate) const NO_UPDATE: &str = "No update yet";

/// The built-in key's status for an action an update says has not started.
pub(crate) const NOT_STARTED: &str = "not-started";

/// The built-in vocabulary, used when `site.yaml` does not give its own.
pub(crate) fn default_statuses() -> Vec<Status> {
    let status = |id: &str, label: &str, colour, description: &str, done| Status {
        id: id.to_owned(),
        label: label.to_owned(),
        colour,
        description: description.to_owned(),
        done,
    };
    vec![
        status(
            "complete",
            "Complete",
            Colour::Blue,
            "The action has been carried out.",
            true,
        ),
        status(
            "on-track",
            "In progress – on schedule",
            Colour::Green,
            "Work is under way and expected to finish on time.",
            false,
        ),
        status(
            "at-risk",
            "At risk",
            Colour::Amber,
            "Work is under way but may not finish on time.",
            false,
        ),
        status(
            "behind",
            "Behind schedule",
            Colour::Red,
            "The action has missed, or will miss, its timescale.",
            false,
        ),
        status(
            NOT_STARTED,
            "Not started",
            Colour::Grey,
            "No progress has been reported yet.",
            false,
        ),
    ]
}

/// A status word compared as people write it: case, spacing and the kind of
/// dash aside ("In Progress on schedule" is "In progress – on schedule",
/// "on track" is `on-track`).
pub(crate) fn loosely(text: &str) -> String {
    text.to_lowercase()
        .replace(['–', '—', '‐', '‑', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The status a word names by its label or id, written loosely.
pub(crate) fn named<'s>(statuses: &'s [Status], word: &str) -> Option<&'s Status> {
    let wanted = loosely(word);
    statuses
        .iter()
        .find(|s| loosely(&s.label) == wanted || loosely(&s.id) == wanted)
}

/// The word among `candidates` a mistyped status word most likely meant: a
/// slip of the keyboard, or a word built on one ("Amberish").
pub(crate) fn meant<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut within: Vec<&str> = candidates
        .iter()
        .copied()
        .filter(|c| c.chars().count() > 2 && lower.starts_with(&c.to_lowercase()))
        .collect();
    within.sort_by_key(|c| std::cmp::Reverse(c.len()));
    crate::diagnostic::did_you_mean(word, candidates.iter().copied())
        .or_else(|| within.first().copied())
}

#[cfg(test)]
mod word_tests {
    use super::*;

    #[test]
    fn status_words_are_read_as_people_write_them() {
        let statuses = default_statuses();
        let id = |word: &str| named(&statuses, word).map(|s| s.id.as_str());
        assert_eq!(id("In Progress on schedule"), Some("on-track"));
        assert_eq!(id("in progress - on schedule"), Some("on-track"));
        assert_eq!(id("ON TRACK"), Some("on-track"));
        assert_eq!(id("  Complete "), Some("complete"));
        assert_eq!(id("Completed"), None);
        assert_eq!(meant("Amberish", &["Green", "Amber", "Red"]), Some("Amber"));
        assert_eq!(meant("Gren", &["Green", "Amber", "Red"]), Some("Green"));
        assert_eq!(meant("Redder", &["Re", "Red"]), Some("Red"));
        assert_eq!(meant("Purple", &["Green", "Amber", "Red"]), None);
    }

    #[test]
    fn a_status_listed_for_its_colour_names_the_colour() {
        let statuses = default_statuses();
        let label = |id: &str| statuses.iter().find(|s| s.id == id).unwrap().rated();
        assert_eq!(label("behind"), "Red (Behind schedule)");
        assert_eq!(label("at-risk"), "Amber (At risk)");
        assert_eq!(rated(Colour::Red, ["Red"]), "Red");
        assert_eq!(
            rated(Colour::Amber, ["AMBER – some slippage"]),
            "AMBER – some slippage"
        );
        assert_eq!(rated(Colour::Red, ["R"]), "Red (R)");
        assert_eq!(rated(Colour::Red, ["Reddish"]), "Red (Reddish)");
        assert_eq!(rated(Colour::Red, ["Missed", "Late"]), "Red (Missed, Late)");
        assert_eq!(rated(Colour::Red, []), "Red");
    }
}

#[cfg(test)]
mod tests {
    use super::Colour;
    use crate::model::brand::Rgb;

    /// The default theme's tag for each colour (`.tag--<colour> { color: …;
    /// background: … }`): its text must read at 4.5:1 on its background.
    #[test]
    fn every_colour_tag_of_the_theme_passes_contrast() {
        let css = include_str!("../../themes/default/static/style.css");
        for colour in Colour::ALL {
            let rule = format!(".tag--{} {{", colour.id());
            let line = css
                .lines()
                .find(|l| l.starts_with(&rule))
                .unwrap_or_else(|| panic!("the theme has no {rule}"));
            let value = |property: &str| {
                let from =
                    line.find(&format!("{property}: ")).expect(property) + property.len() + 2;
                Rgb::parse(&line[from..from + 7]).expect("a #rrggbb colour")
            };
            let ratio = value("color").contrast(value("background"));
            assert!(ratio >= 4.5, "{rule} has a contrast of {ratio:.2}:1");
        }
    }
}

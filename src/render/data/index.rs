//! The shape of the search index (see [`crate::render::data::search`] for what it
//! holds): its sources, how many record files each has, how many word buckets
//! the site has and which bucket a word goes in, and what counts as a word.
//! The job list reads these on every build, so nothing here builds a record.

use crate::derive::Facts;

/// Records to a `docs/` file.
pub(crate) const CHUNK: usize = 8;

/// Words too common to narrow a search (most of them in every record).
const COMMON: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "is",
    "it", "of", "on", "or", "our", "that", "the", "this", "to", "was", "we", "were", "which",
    "will", "with",
];

/// The source files of the search, each one `docs/` file: `plan.<id>`,
/// `inspection.<id>`, `briefing.<id>`, `page.<id>` and `owners`.
pub(crate) fn sources(facts: &Facts<'_>) -> Vec<String> {
    let site = facts.site;
    let mut keys: Vec<String> = Vec::new();
    keys.extend(facts.plans.iter().map(|p| format!("plan.{}", p.plan.id)));
    keys.extend(
        site.inspections
            .iter()
            .map(|i| format!("inspection.{}", i.id)),
    );
    keys.extend(site.briefings.iter().map(|b| format!("briefing.{}", b.id)));
    keys.extend(site.pages.iter().map(|p| format!("page.{}", p.id)));
    keys.push("owners".to_owned());
    keys
}

/// How many records a source has: what [`records`] returns, counted without
/// building them (the job list needs it on every build).
pub(crate) fn count(facts: &Facts<'_>, source: &str) -> usize {
    let id = document_of(source).unwrap_or_default();
    match source.split_once('.').map_or(source, |(kind, _)| kind) {
        "plan" => facts.plan(id).map_or(0, |p| {
            let plan = p.plan;
            1 + plan.sections.len()
                + plan
                    .sections
                    .iter()
                    .map(|s| s.recommendations.len())
                    .sum::<usize>()
                + plan.recommendations.len()
                + p.actions.len()
        }),
        "inspection" => facts.inspection(id).map_or(0, |i| 1 + i.findings.len()),
        "briefing" => usize::from(facts.briefing(id).is_some()),
        "page" => facts.site.pages.iter().filter(|p| p.id == id).count(),
        "owners" => facts.owners.len(),
        _ => 0,
    }
}

/// The `docs/` files of a source: one per [`CHUNK`] records.
pub(crate) fn chunks(facts: &Facts<'_>, source: &str) -> usize {
    count(facts, source).div_ceil(CHUNK)
}

/// The document a source's records come from (none for the owners, which
/// come from every plan).
pub(crate) fn document_of(source: &str) -> Option<&str> {
    source.split_once('.').map(|(_, id)| id)
}

/// How many term buckets the index has: about 64 records' words to a bucket,
/// a power of two so that it changes only when the site doubles or halves.
pub(crate) fn buckets(facts: &Facts<'_>) -> usize {
    let site = facts.site;
    let records = facts
        .plans
        .iter()
        .map(|p| p.actions.len() * 2)
        .sum::<usize>()
        + site
            .inspections
            .iter()
            .map(|i| i.findings.len() + 1)
            .sum::<usize>()
        + site.briefings.len()
        + site.pages.len()
        + facts.owners.len();
    (records / 64).next_power_of_two().clamp(16, 1024)
}

/// The bucket of a word: a hash of all of it (31 × hash + code point, in
/// 32 bits), so that common beginnings ("com…", "pro…") spread over every
/// bucket. `search.js` computes the same.
pub(crate) fn bucket(word: &str, buckets: usize) -> usize {
    let hash = word
        .chars()
        .fold(0u32, |h, c| h.wrapping_mul(31).wrapping_add(c as u32));
    hash as usize % buckets
}

/// Endings taken off a word so that its forms find each other ("adopted",
/// "adoption" and "adopting" are all "adopt"): the first that leaves four
/// letters or more. `search.js` takes off the same.
const ENDINGS: &[&str] = &[
    "ations", "ation", "ings", "ing", "ions", "ion", "ments", "ment", "ness", "ed", "es", "s",
];

/// A word as the index keeps it: lower case, its ending taken off.
pub(crate) fn stem(word: &str) -> String {
    let word = word.to_lowercase();
    for ending in ENDINGS {
        if let Some(rest) = word.strip_suffix(ending) {
            if rest.chars().count() >= 4 {
                return rest.to_owned();
            }
        }
    }
    word
}

/// The words of a text as the index keeps them, in order, repeats included:
/// two letters or more, not among the very common ones, each stemmed.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
        .map(|w| stem(&w))
}

#[cfg(test)]
mod tests {
    use super::{bucket, stem, words};

    #[test]
    fn words_are_lower_cased_stemmed_and_skip_single_letters_and_common_words() {
        let found: Vec<String> =
            words("The CAMHS plan: a 2nd review of Life-story work, x").collect();
        assert_eq!(
            found,
            ["camh", "plan", "2nd", "review", "life", "story", "work"]
        );
    }

    #[test]
    fn a_words_forms_share_a_stem_and_short_words_keep_their_endings() {
        for form in ["adopt", "adopted", "adoption", "adopting", "Adoptions"] {
            assert_eq!(stem(form), "adopt", "{form}");
        }
        assert_eq!(stem("reviews"), "review");
        assert_eq!(stem("placements"), "place");
        assert_eq!(stem("carers"), "carer");
        // Taking the ending off would leave fewer than four letters.
        assert_eq!(stem("uses"), "uses");
        assert_eq!(stem("being"), "being");
        assert_eq!(stem("red"), "red");
    }

    #[test]
    fn the_bucket_hashes_the_whole_word() {
        // 31 × hash + code point, in 32 bits: as search.js computes it.
        assert_eq!(bucket("ab", 1024), (97 * 31 + 98) % 1024);
        assert_eq!(bucket("abc", 1 << 20), (97 * 31 + 98) * 31 + 99);
        let long = "z".repeat(40);
        let expected = long
            .bytes()
            .fold(0u64, |h, b| (h * 31 + u64::from(b)) % (1 << 32));
        assert_eq!(
            bucket(&long, 1000),
            usize::try_from(expected % 1000).unwrap()
        );
        assert!(bucket("committee", 16) < 16);
        assert_ne!(bucket("committee", 1024), bucket("complete", 1024));
    }
}

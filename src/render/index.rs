//! The shape of the search index (see [`crate::render::search`] for what it
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

/// How many term buckets the index has: about 128 records' words to a bucket,
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
    (records / 128).next_power_of_two().clamp(16, 1024)
}

/// The bucket of a word: its first two characters, hashed. `search.js` does
/// the same sum over code points.
pub(crate) fn bucket(word: &str, buckets: usize) -> usize {
    let mut chars = word.chars().map(|c| c as usize);
    let first = chars.next().unwrap_or(0);
    let second = chars.next().unwrap_or(0);
    (first * 31 + second) % buckets
}

/// The words of a text as the index keeps them, in order, repeats included.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::{bucket, words};

    #[test]
    fn words_are_lower_cased_and_skip_single_letters_and_common_words() {
        let found: Vec<String> =
            words("The CAMHS plan: a 2nd review of Life-story work, x").collect();
        assert_eq!(
            found,
            ["camhs", "plan", "2nd", "review", "life", "story", "work"]
        );
    }

    #[test]
    fn a_word_and_its_longer_forms_share_a_bucket() {
        assert_eq!(bucket("adopt", 64), bucket("adoption", 64));
        assert_eq!(
            bucket("ad", 64),
            (usize::from(b'a') * 31 + usize::from(b'd')) % 64
        );
        assert!(bucket("zz", 16) < 16);
    }
}

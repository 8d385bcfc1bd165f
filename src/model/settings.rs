//! `site.yaml`: the site's title, owner, address, theme, vocabulary and cycles.

use crate::model::brand::Brand;
use crate::model::cycle::Cycle;
use crate::model::status::Status;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub organisation: String,
    /// Where the site is published; may carry a sub-path.
    pub base_url: String,
    #[serde(default)]
    pub description: Option<String>,
    /// A theme folder under `themes/`; templates it lacks come from the default.
    #[serde(default)]
    pub theme: Option<String>,
    /// Overrides the built-in status vocabulary.
    #[serde(default)]
    pub statuses: Option<Vec<Status>>,
    #[serde(default)]
    pub cycles: Vec<Cycle>,
    /// Days that are not working days, besides weekends, for clocks counted
    /// in working days.
    #[serde(default)]
    pub bank_holidays: Vec<crate::model::date::Date>,
    /// The council's colour, logo and links, shown by the default theme.
    #[serde(default)]
    pub brand: Option<Brand>,
}

/// What is wrong with a site address (`base_url`, or one given on the command
/// line), if anything: it must be an http or https address with a host, as it
/// goes into every page's canonical link, the feed and the sitemap.
pub(crate) fn base_url_problem(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Some(format!(
            "the site address \"{url}\" is not a web address: it must start with https:// (or http://)"
        ));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') || host.contains('@') {
        return Some(format!(
            "the site address \"{url}\" has no host name after the https://"
        ));
    }
    if url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    }) {
        return Some(format!(
            "the site address \"{url}\" contains a space, a quote or another character an address cannot have"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::base_url_problem;

    #[test]
    fn site_addresses_are_http_or_https() {
        for good in [
            "https://www.example.gov.uk/",
            "http://localhost:1111/",
            "HTTPS://x.org/a/b/",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript://x.org/%0aalert(1)",
            "data:text/html,x",
            "//x.org/",
            "x.org",
            "https://",
            "https:///path",
            "https://user@evil.org/",
            "https://x.org/\"onload=\"x",
            "https://x.org/ a",
            "",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
    }
}

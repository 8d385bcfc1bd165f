//! `site.yaml`: the site's title, owner, address, theme, vocabulary and
//! cycles; and the addresses it may give (the site's, the contact's).

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
    /// What the committee report's header says for every meeting.
    #[serde(default)]
    pub report: Option<ReportSettings>,
}

/// `report:` in `site.yaml`: the committee report's header, where the same
/// for every meeting (a cycle's own fields take precedence).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Who writes the reports: a post or a team ("Scrutiny Officer").
    #[serde(default)]
    pub author: Option<String>,
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

/// The address `brand.contact` links to: an email address (as `mailto:`), or
/// a web address starting `http://` or `https://` with a host. Anything else
/// (`javascript:`, `data:`, `//host`) is `None`.
pub(crate) fn contact_link(contact: &str) -> Option<String> {
    if base_url_problem(contact).is_none() {
        return Some(contact.to_owned());
    }
    let address = contact.strip_prefix("mailto:").unwrap_or(contact);
    is_email(address).then(|| format!("mailto:{address}"))
}

/// `name@example.gov.uk`: a plain address, without a display name, spaces or query.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+-/=^_{|}~".contains(c))
        && labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::{base_url_problem, contact_link};

    #[test]
    fn a_contact_is_an_email_or_a_web_address_with_a_host() {
        assert_eq!(
            contact_link("improvement@example.gov.uk").as_deref(),
            Some("mailto:improvement@example.gov.uk")
        );
        assert_eq!(
            contact_link("mailto:a.b@example.gov.uk").as_deref(),
            Some("mailto:a.b@example.gov.uk")
        );
        assert_eq!(
            contact_link("https://www.example.gov.uk/contact").as_deref(),
            Some("https://www.example.gov.uk/contact")
        );
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)//@example.gov.uk",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example.com/",
            "https://",
            "https://user@evil.example.com",
            "mailto:",
            "someone",
            "a@b",
            "a b@example.gov.uk",
            "a@example.gov.uk?body=x",
            "\"a\"@example.gov.uk",
            "",
        ] {
            assert_eq!(contact_link(bad), None, "{bad}");
        }
    }

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

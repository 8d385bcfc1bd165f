//! Addresses of every page, under the site's `base_url` (which may carry a
//! sub-path). A page's address is its job's path ([`Links::to`]); the named
//! helpers name the pages that link to each other most.

use crate::render::jobs::Job;

/// Builds links as root-relative paths under the base path, and absolute URLs for feeds.
#[derive(Clone, Debug)]
pub(crate) struct Links {
    /// `https://www.example.gov.uk/improvement/` (always ends with `/`).
    base_url: String,
    /// `/improvement/` (always starts and ends with `/`).
    base_path: String,
}

/// Fragment ids on plan and inspection pages.
pub(crate) fn section_anchor(id: &str) -> String {
    format!("section-{id}")
}
pub(crate) fn recommendation_anchor(id: &str) -> String {
    format!("rec-{id}")
}
pub(crate) fn action_anchor(id: &str) -> String {
    format!("action-{id}")
}
pub(crate) fn finding_anchor(id: &str) -> String {
    format!("finding-{id}")
}

impl Links {
    pub(crate) fn new(base_url: &str) -> Links {
        let mut base_url = base_url.trim().to_owned();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url.as_str(), |(_, rest)| rest);
        let base_path = match after_scheme.find('/') {
            Some(slash) if base_url.contains("://") => after_scheme[slash..].to_owned(),
            _ if base_url.starts_with('/') => base_url.clone(),
            _ => "/".to_owned(),
        };
        Links {
            base_url,
            base_path,
        }
    }

    /// The absolute URL of a root-relative path made by this builder.
    pub(crate) fn absolute(&self, path: &str) -> String {
        let inside = path
            .strip_prefix(&self.base_path)
            .unwrap_or(path.trim_start_matches('/'));
        format!("{}{inside}", self.base_url)
    }

    /// `to` as a link from the page at `from` (both paths made by this
    /// builder): "history/#action-1" rather than the whole path, for the
    /// links a plan's pages make to the pages beside them, many times over.
    pub(crate) fn relative(from: &str, to: &str) -> String {
        let (to_path, fragment) = to.split_at(to.find('#').unwrap_or(to.len()));
        let from_dirs: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
        let to_parts: Vec<&str> = to_path.split('/').filter(|s| !s.is_empty()).collect();
        let common = from_dirs
            .iter()
            .zip(&to_parts)
            .take_while(|(a, b)| a == b)
            .count();
        let mut out = "../".repeat(from_dirs.len() - common);
        for part in &to_parts[common..] {
            out.push_str(part);
            out.push('/');
        }
        // A file (feed.xml) is not a folder.
        if !to_path.ends_with('/') && out.ends_with('/') {
            out.pop();
        }
        if out.is_empty() {
            out.push_str("./");
        }
        out + fragment
    }

    pub(crate) fn path(&self, inside: &str) -> String {
        format!("{}{inside}", self.base_path)
    }

    /// The address of a job's file (a page's folder, for `index.html`).
    pub(crate) fn to(&self, job: &Job) -> String {
        let path = job.path();
        self.path(path.strip_suffix("index.html").unwrap_or(&path))
    }

    /// The named pages' addresses: their jobs' paths, so that a page's path
    /// is written once, in [`Job::path`].
    pub(crate) fn home(&self) -> String {
        self.to(&Job::Dashboard)
    }
    pub(crate) fn plan(&self, id: &str) -> String {
        self.to(&Job::Plan(id.to_owned()))
    }
    pub(crate) fn plan_at(&self, id: &str, cycle: &str) -> String {
        self.to(&Job::PlanAt(id.to_owned(), cycle.to_owned()))
    }
    pub(crate) fn inspection(&self, id: &str) -> String {
        self.to(&Job::Inspection(id.to_owned()))
    }
    pub(crate) fn briefing(&self, id: &str) -> String {
        self.to(&Job::Briefing(id.to_owned()))
    }
    pub(crate) fn owner(&self, slug: &str) -> String {
        self.to(&Job::Owner(slug.to_owned()))
    }
    pub(crate) fn cycle(&self, id: &str) -> String {
        self.to(&Job::Cycle(id.to_owned()))
    }
    pub(crate) fn page(&self, id: &str) -> String {
        self.to(&Job::Page(id.to_owned()))
    }
    pub(crate) fn asset(&self, name: &str) -> String {
        self.path(&Job::Asset(name.to_owned()).path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_paths() {
        let links = Links::new("https://www.example.gov.uk/improvement");
        assert_eq!(links.plan("x"), "/improvement/plans/x/");
        assert_eq!(
            links.absolute(&links.plan("x")),
            "https://www.example.gov.uk/improvement/plans/x/"
        );
        let root = Links::new("https://www.example.gov.uk/");
        assert_eq!(root.home(), "/");
        assert_eq!(root.asset("style.css"), "/assets/style.css");
        assert_eq!(Links::new("/").plan("y"), "/plans/y/");
    }

    #[test]
    fn relative_links() {
        let links = Links::new("https://www.example.gov.uk/improvement");
        let plan = links.plan("x");
        let history = links.to(&Job::History("x".to_owned()));
        assert_eq!(
            Links::relative(&plan, &format!("{history}#action-1")),
            "history/#action-1"
        );
        let at = links.plan_at("x", "2024-01");
        assert_eq!(
            Links::relative(&at, &links.plan_at("x", "2023-11")),
            "../2023-11/"
        );
        assert_eq!(Links::relative(&at, &plan), "../");
        assert_eq!(Links::relative(&plan, &plan), "./");
        assert_eq!(Links::relative(&plan, &links.owner("o")), "../../owners/o/");
    }
}

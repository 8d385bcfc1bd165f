//! The committee report of a cycle as a PDF, printed by the machine's own
//! Chromium (never downloaded). The site is built into a folder of its own
//! for the purpose, so `build`'s output is untouched; the links printed in
//! the PDF are the published site's addresses.

use crate::derive::organisation_slug;
use crate::diagnostic::tally;
use crate::pipeline::build::{build_at, BuildFailed};
use crate::pipeline::check::Strictness;
use crate::render::links::Links;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

/// Where Chromium is looked for: `$CHROMIUM`, then the usual places.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

/// Why no PDF was written; each says what to do, as officers read it.
pub(crate) enum PackFailed {
    /// No Chromium on this machine for the cycle's report.
    NoChromium { cycle: String },
    /// The site did not build.
    Build(BuildFailed),
    /// The site has no such cycle.
    NoCycle { cycle: String },
    /// Plans of several organisations report at the cycle, each with its
    /// own report, and none (or one that does not report) was named.
    WhichOrganisation {
        cycle: String,
        given: Option<String>,
        /// The last part of each organisation's report's address.
        organisations: Vec<String>,
    },
    /// An organisation was named, but the cycle has one report for all.
    OneReport { cycle: String },
    /// The page to print could not be written.
    CannotWrite(std::io::Error),
    /// Chromium ran but wrote no PDF.
    NotPrinted {
        browser: PathBuf,
        status: ExitStatus,
    },
    /// Chromium could not be started.
    CannotRun {
        browser: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for PackFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackFailed::NoChromium { cycle } => write!(
                f,
                "error: printing to PDF needs Chromium, which was not found (looked at $CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome)\n  help: install it (Debian and Ubuntu: apt-get install chromium), or print cycles/{cycle}/report/ from a browser"
            ),
            PackFailed::Build(failed) => {
                for diagnostic in &failed.diagnostics {
                    writeln!(f, "{diagnostic}\n")?;
                }
                write!(
                    f,
                    "pack failed: {}",
                    tally(failed.errors(), failed.warnings())
                )
            }
            PackFailed::NoCycle { cycle } => write!(
                f,
                "error: there is no cycle \"{cycle}\" in content/site.yaml\n  help: give the id of one of the `cycles:` there"
            ),
            PackFailed::WhichOrganisation {
                cycle,
                given,
                organisations,
            } => {
                match given {
                    Some(given) => write!(
                        f,
                        "error: no plan of \"{given}\" reports at cycle \"{cycle}\""
                    )?,
                    None => write!(
                        f,
                        "error: plans of {} organisations report at cycle \"{cycle}\", each with its own committee report",
                        organisations.len()
                    )?,
                }
                write!(
                    f,
                    "\n  help: say whose report to print with --organisation, one of: {}",
                    organisations.join(", ")
                )
            }
            PackFailed::OneReport { cycle } => write!(
                f,
                "error: the plans reporting at cycle \"{cycle}\" are one organisation's, so it has one committee report\n  help: leave out --organisation"
            ),
            PackFailed::CannotWrite(e) => {
                write!(f, "error: cannot write the report to print it: {e}")
            }
            PackFailed::NotPrinted { browser, status } => write!(
                f,
                "error: Chromium ({}) did not print the report ({status})",
                browser.display()
            ),
            PackFailed::CannotRun { browser, error } => write!(
                f,
                "error: cannot run Chromium ({}): {error}",
                browser.display()
            ),
        }
    }
}

/// Prints the report of `cycle` of the site at `root` (one organisation's,
/// where several report at it) to `output` (by default
/// `committee-report-CYCLE.pdf`, or `committee-report-CYCLE-ORGANISATION.pdf`,
/// in the site folder), and gives the PDF's path.
pub(crate) fn print_report(
    root: &Path,
    cycle: &str,
    organisation: Option<&str>,
    output: Option<&Path>,
) -> Result<PathBuf, PackFailed> {
    let Some(browser) = chromium() else {
        return Err(PackFailed::NoChromium {
            cycle: cycle.to_owned(),
        });
    };
    let work = std::env::temp_dir().join(format!("ragtime-pack-{}", std::process::id()));
    // Chromium is given file addresses, which only an absolute path makes.
    let work = std::path::absolute(&work).unwrap_or(work);
    let printed = print_built(
        root,
        cycle,
        organisation,
        output,
        &browser,
        &work.join("site"),
    );
    let _ = std::fs::remove_dir_all(&work);
    printed
}

/// Builds the site into `site` (a folder of pack's own) and prints the report from it.
fn print_built(
    root: &Path,
    cycle: &str,
    organisation: Option<&str>,
    output: Option<&Path>,
    browser: &Path,
    site: &Path,
) -> Result<PathBuf, PackFailed> {
    let (checked, _) =
        build_at(root, site, Strictness::Lenient, None).map_err(PackFailed::Build)?;
    let published = checked
        .site
        .as_ref()
        .filter(|s| s.cycles.iter().any(|c| c.id == cycle))
        .map(|s| Links::new(&s.config.base_url));
    // Whose report: the cycle's own, or where several organisations' plans
    // report at it (each with a report of its own), the one named.
    let reports = site.join("cycles").join(cycle).join("report");
    let organisations = match published {
        Some(_) => organisation_reports(&reports),
        None => Vec::new(),
    };
    let part = match (organisation, organisations.is_empty()) {
        (Some(_), true) if published.is_some() => {
            return Err(PackFailed::OneReport {
                cycle: cycle.to_owned(),
            })
        }
        // No such cycle is said below.
        (_, true) => None,
        (given, false) => {
            let slug = given.map(organisation_slug);
            match slug.filter(|s| organisations.contains(s)) {
                Some(slug) => Some(slug),
                None => {
                    return Err(PackFailed::WhichOrganisation {
                        cycle: cycle.to_owned(),
                        given: given.map(str::to_owned),
                        organisations,
                    })
                }
            }
        }
    };
    let page = match &part {
        Some(slug) => reports.join(slug).join("index.html"),
        None => reports.join("index.html"),
    };
    let html = published
        .as_ref()
        .and_then(|links| Some((links, std::fs::read_to_string(&page).ok()?)));
    let Some((links, html)) = html else {
        return Err(PackFailed::NoCycle {
            cycle: cycle.to_owned(),
        });
    };
    let (name, address) = match &part {
        Some(slug) => (
            format!("committee-report-{cycle}-{slug}.pdf"),
            format!("cycles/{cycle}/report/{slug}/"),
        ),
        None => (
            format!("committee-report-{cycle}.pdf"),
            format!("cycles/{cycle}/report/"),
        ),
    };
    let out = output.map_or_else(|| root.join(name), Path::to_path_buf);
    let address = links.absolute(&links.path(&address));
    std::fs::write(&page, for_print(&html, links, &address, site))
        .map_err(PackFailed::CannotWrite)?;
    print(browser, &page, &out)
}

/// The organisations with a report of their own at a cycle (the folders of
/// its report's folder that hold a page), sorted.
fn organisation_reports(reports: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(reports)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().join("index.html").is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    found.sort();
    found
}

/// The report page as it is printed. The site was built at its published
/// address, so its pages link to each other by root-relative paths, which a
/// page opened from a file cannot follow. On paper a reader's links
/// (`<a href>`) must lead to the published site: each becomes an absolute
/// address there, resolved as a browser would resolve it on the report's
/// published address `page`. What the browser loads to lay the page out
/// (stylesheets, images, scripts) is read from the local copy in `local`,
/// which exists only while the page is printed.
fn for_print(html: &str, links: &Links, page: &str, local: &Path) -> String {
    let base_path = links.path("");
    let origin = page
        .find("://")
        .and_then(|scheme| {
            page[scheme + 3..]
                .find('/')
                .map(|slash| &page[..scheme + 3 + slash])
        })
        .unwrap_or(page);
    let published = |address: &str| -> String {
        let has_scheme = address.split_once(':').is_some_and(|(scheme, _)| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
        if has_scheme || address.starts_with("//") || address.starts_with('#') {
            address.to_owned()
        } else if address.starts_with('/') {
            format!("{origin}{address}")
        } else {
            format!("{page}{address}")
        }
    };
    // The local copy is laid out as the site is, so the rest of the address (already an address) stays.
    let folder = file_url(local);
    let loaded = |address: &str| -> String {
        match address.strip_prefix(base_path.as_str()) {
            Some(inside) if !address.starts_with("//") => format!("{folder}/{inside}"),
            _ => address.to_owned(),
        }
    };
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut done = 0;
    let mut from = 0;
    while let Some(found) = html[from..].find("=\"") {
        let start = from + found + 2;
        let Some(length) = html[start..].find('"') else {
            break;
        };
        from = start + length;
        let before = &html[..start - 2];
        let attribute = before
            .rsplit(|c: char| c.is_ascii_whitespace())
            .next()
            .unwrap_or_default();
        if !attribute.eq_ignore_ascii_case("href") && !attribute.eq_ignore_ascii_case("src") {
            continue;
        }
        let tag = before
            .rfind('<')
            .map(|open| &before[open + 1..])
            .and_then(|tag| tag.split(|c: char| c.is_ascii_whitespace()).next())
            .unwrap_or_default();
        let address = &html[start..from];
        let followed = attribute.eq_ignore_ascii_case("href")
            && (tag.eq_ignore_ascii_case("a") || tag.eq_ignore_ascii_case("area"));
        out.push_str(&html[done..start]);
        out.push_str(&if followed {
            published(address)
        } else {
            loaded(address)
        });
        done = from;
    }
    out.push_str(&html[done..]);
    out
}

/// A `file://` address of a local path, every byte that an address or an
/// HTML attribute could misread percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// Has Chromium print `page` to `out`, and gives the PDF's absolute path.
fn print(browser: &Path, page: &Path, out: &Path) -> Result<PathBuf, PackFailed> {
    let out = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let status = Command::new(browser)
        .args([
            "--headless",
            // A page of our own from a folder of our own; the sandbox needs
            // setup that root in a container lacks.
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(file_url(page))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match status {
        Ok(s) if s.success() && out.is_file() => Ok(out),
        Ok(status) => Err(PackFailed::NotPrinted {
            browser: browser.to_path_buf(),
            status,
        }),
        Err(error) => Err(PackFailed::CannotRun {
            browser: browser.to_path_buf(),
            error,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_links_lead_to_the_published_site_and_assets_are_read_here() {
        let links = Links::new("https://www.example.gov.uk/improvement/");
        let page = "https://www.example.gov.uk/improvement/cycles/2013-08/report/";
        let html = concat!(
            "<link rel=\"stylesheet\" href=\"/improvement/assets/style.css\">",
            "<link rel=\"canonical\" href=\"https://www.example.gov.uk/improvement/cycles/2013-08/report/\">",
            "<a class=\"x\" href=\"/improvement/plans/p/2013-08/#action-R1\">R1</a>",
            "<a href=\"#main\">skip</a><a\nhref=\"/elsewhere/\">out</a>",
            "<a href=\"notes/\">notes</a><a href=\"mailto:a@example.gov.uk\">mail</a>",
            "<img src=\"/improvement/assets/logo%20one.png\" alt=\"x\">",
            "<p title=\"href=&quot;/improvement/\">text href=&quot;/improvement/x&quot;</p>",
        );
        let printed = for_print(html, &links, page, Path::new("/tmp/pack 1/site"));
        assert_eq!(
            printed,
            concat!(
                "<link rel=\"stylesheet\" href=\"file:///tmp/pack%201/site/assets/style.css\">",
                "<link rel=\"canonical\" href=\"https://www.example.gov.uk/improvement/cycles/2013-08/report/\">",
                "<a class=\"x\" href=\"https://www.example.gov.uk/improvement/plans/p/2013-08/#action-R1\">R1</a>",
                "<a href=\"#main\">skip</a><a\nhref=\"https://www.example.gov.uk/elsewhere/\">out</a>",
                "<a href=\"https://www.example.gov.uk/improvement/cycles/2013-08/report/notes/\">notes</a><a href=\"mailto:a@example.gov.uk\">mail</a>",
                "<img src=\"file:///tmp/pack%201/site/assets/logo%20one.png\" alt=\"x\">",
                "<p title=\"href=&quot;/improvement/\">text href=&quot;/improvement/x&quot;</p>",
            )
        );
    }
}

//! `ragtime pack CYCLE --pdf`: the committee report of a cycle as a PDF,
//! printed by the machine's own Chromium (never downloaded). The site is built
//! into a folder of its own for the purpose, so `build`'s output is untouched.

use crate::cmd::build::build_at;
use crate::cmd::check::tally;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

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

pub(crate) fn run(root: &Path, cycle: &str, pdf: bool, output: Option<&Path>) -> ExitCode {
    if !pdf {
        eprintln!(
            "error: say what to make: `ragtime pack {cycle} --pdf` prints the committee report to a PDF (the report itself is built by `ragtime build` at cycles/{cycle}/report/)"
        );
        return ExitCode::from(2);
    }
    let Some(browser) = chromium() else {
        eprintln!(
            "error: printing to PDF needs Chromium, which was not found (looked at $CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome)\n  help: install it (Debian and Ubuntu: apt-get install chromium), or print cycles/{cycle}/report/ from a browser"
        );
        return ExitCode::from(1);
    };
    let work = std::env::temp_dir().join(format!("ragtime-pack-{}", std::process::id()));
    let site = work.join("site");
    let base_url = format!("file://{}/", site.display());
    let result = build_at(root, &site, false, Some(&base_url));
    let outcome = match result {
        Err(checked) => {
            for diagnostic in &checked.diagnostics {
                eprintln!("{diagnostic}\n");
            }
            eprintln!(
                "pack failed: {}",
                tally(checked.errors(), checked.warnings())
            );
            ExitCode::from(1)
        }
        Ok((checked, _)) => {
            let known = checked
                .site
                .as_ref()
                .is_some_and(|s| s.cycles.iter().any(|c| c.id == cycle));
            let page = site.join("cycles").join(cycle).join("report/index.html");
            if !known || !page.is_file() {
                eprintln!("error: there is no cycle \"{cycle}\" in content/site.yaml\n  help: give the id of one of the `cycles:` there");
                ExitCode::from(1)
            } else {
                let out = output.map_or_else(
                    || root.join(format!("committee-report-{cycle}.pdf")),
                    Path::to_path_buf,
                );
                // Addresses shown on paper are the published ones, not this folder's.
                let published = crate::cmd::check::check(root)
                    .site
                    .map(|s| crate::render::links::Links::new(&s.config.base_url).absolute(""));
                if let (Some(published), Ok(html)) = (published, std::fs::read_to_string(&page)) {
                    let _ = std::fs::write(&page, html.replace(&base_url, &published));
                }
                print(&browser, &page, &out)
            }
        }
    };
    let _ = std::fs::remove_dir_all(&work);
    outcome
}

fn print(browser: &Path, page: &Path, out: &Path) -> ExitCode {
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
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match status {
        Ok(s) if s.success() && out.is_file() => {
            println!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Ok(s) => {
            eprintln!(
                "error: Chromium ({}) did not print the report ({s})",
                browser.display()
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: cannot run Chromium ({}): {e}", browser.display());
            ExitCode::from(1)
        }
    }
}

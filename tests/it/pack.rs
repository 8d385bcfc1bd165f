//! `ragtime pack CYCLE --pdf`: the committee report printed by the machine's
//! Chromium. Runs where Chromium is installed (CI installs it, and fails it
//! without); elsewhere it says it was not run.

use crate::util::Site;

/// The target of every link annotation of a PDF (`/URI (...)`), as Chromium
/// writes them: uncompressed literal strings.
fn link_targets(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/URI (")
        .skip(1)
        .map(|rest| {
            let mut target = String::new();
            let mut chars = rest.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => target.extend(chars.next()),
                    ')' => break,
                    c => target.push(c),
                }
            }
            target
        })
        .collect()
}

#[test]
fn the_printed_reports_links_are_the_published_addresses() {
    let site = Site::example();
    let published = "https://www.example.gov.uk/improvement/";
    site.replace(
        "content/site.yaml",
        "base_url: https://www.example.gov.uk/",
        &format!("base_url: {published}"),
    );
    // `pack` looks for Chromium itself; where it finds none, this test cannot run.
    let output = site.run(&["pack", "2013-08", "--pdf"]);
    if output
        .stderr
        .contains("needs Chromium, which was not found")
    {
        // CI installs Chromium before the tests: there, its absence is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is not installed, and CI must run this test (.ci/run installs it)"
        );
        eprintln!("not run: Chromium is not installed (apt-get install chromium)");
        return;
    }
    output.passes();
    let pdf = std::fs::read(site.path("committee-report-2013-08.pdf")).expect("the PDF");
    let targets = link_targets(&pdf);
    // Each exception links to its action on its plan's page at the cycle.
    assert!(targets.len() >= 10, "{targets:?}");
    for target in &targets {
        assert!(
            target.starts_with(published),
            "a link leads to {target}, not the published site"
        );
    }
    assert!(
        targets.contains(&format!(
            "{published}plans/telford-improvement-plan/2013-08/#action-R10.2"
        )),
        "{targets:?}"
    );
}

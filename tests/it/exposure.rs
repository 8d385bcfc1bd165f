//! Nothing from outside the site is published or quoted: the contact every
//! page's footer links to, and links in `content/` out of the site folder or
//! into hidden folders.
//! Every command runs from inside the site folder, as officers run it.

use crate::util::{ragtime, read_tree, run, Output, Site};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;

const SETTINGS: &str = "content/site.yaml";

/// Written into every refused file (and the environment): never printed.
const MARKER: &str = "SECRET-TOKEN-7f3a9c";

/// `ragtime <args>` from inside the site folder, with the marker in its
/// environment (what `/proc/self/environ` would give away).
fn inside(site: &Site, args: &[&str]) -> Output {
    let mut command = ragtime();
    command
        .args(args)
        .current_dir(site.root())
        .env("RAGTIME_TEST_SECRET", MARKER);
    run(command)
}

/// A copy of the example site, built once, and the `public/` it holds: what a
/// refused build must leave as it was.
fn built() -> (Site, BTreeMap<String, Vec<u8>>) {
    let site = Site::example();
    inside(&site, &["build"]).passes();
    let public = read_tree(&site.path("public"));
    (site, public)
}

/// Sets `brand:` of site.yaml to these lines (replacing the last test case's).
fn brand(site: &Site, lines: &str) {
    let text = site.read(SETTINGS);
    let text = text.split("\nbrand:\n").next().unwrap_or_default();
    site.write(SETTINGS, format!("{text}\nbrand:\n{lines}"));
}

/// Asserts `check` and `build`, run inside the site, both exit 1 with an
/// error at `field` of site.yaml on the one line holding `at` (at `value`
/// within it) that says `says`; that they print nothing of `secret`; and
/// that the build left `public/` as it was.
#[track_caller]
fn refused(
    site: &Site,
    public: &BTreeMap<String, Vec<u8>>,
    (field, at, value): (&str, &str, &str),
    says: &str,
    secret: &str,
) {
    let position = site.position_in(SETTINGS, at, value);
    for command in ["check", "build"] {
        let output = inside(site, &[command]);
        output
            .fails()
            .error_at(SETTINGS, position)
            .field(field)
            .says(says);
        for printed in [&output.stdout, &output.stderr] {
            assert!(
                !printed.contains(secret),
                "`{command}` printed the refused file:\n{output}"
            );
        }
        assert!(
            !site.path("public/assets/brand").exists(),
            "`{command}` published a logo"
        );
    }
    assert!(
        read_tree(&site.path("public")) == *public,
        "a refused build changed public/"
    );
}

#[test]
fn a_contact_that_is_not_an_email_or_web_address_is_refused() {
    let (site, public) = built();
    for contact in [
        "\"javascript:alert(document.domain)\"",
        "\"data:text/html,<script>alert(1)</script>\"",
        "\"vbscript:msgbox(1)\"",
        "//evil.example.com/",
    ] {
        brand(&site, &format!("  contact: {contact}\n"));
        let at = format!("contact: {contact}");
        refused(
            &site,
            &public,
            ("brand.contact", &at, contact),
            "is not an email address or a web address",
            MARKER,
        );
    }
    for (contact, href) in [
        (
            "improvement@example.gov.uk",
            "mailto:improvement@example.gov.uk",
        ),
        (
            "https://www.example.gov.uk/contact",
            "https://www.example.gov.uk/contact",
        ),
    ] {
        brand(&site, &format!("  contact: {contact}\n"));
        inside(&site, &["build"]).passes();
        assert!(site
            .read("public/index.html")
            .contains(&format!("<a href=\"{href}\">")));
    }
}

#[test]
fn a_link_in_content_into_a_hidden_folder_is_refused_and_never_read() {
    let (site, public) = built();
    site.write(
        ".git/pages/notes.md",
        format!("---\ntitle: {MARKER}\n---\n\n{MARKER}\n"),
    );
    symlink(
        "../../.git/pages/notes.md",
        site.path("content/pages/notes.md"),
    )
    .unwrap();
    for command in ["check", "build"] {
        let output = inside(&site, &[command]);
        output
            .fails()
            .error_in("content/pages/notes.md")
            .says("hidden file or folder");
        assert!(
            !output.stdout.contains(MARKER) && !output.stderr.contains(MARKER),
            "{output}"
        );
    }
    assert!(
        read_tree(&site.path("public")) == public,
        "a refused build changed public/"
    );
    // Nor is a challenge log linked in from outside read, to be quoted in an error.
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("log.yaml");
    // An unknown field is named in its error: this one would be quoted if the file were read.
    fs::write(&secret, format!("{MARKER}: leaked\n")).unwrap();
    fs::remove_file(site.path("content/pages/notes.md")).unwrap();
    fs::remove_file(site.path("content/meetings/2013-08.yaml")).unwrap();
    symlink(&secret, site.path("content/meetings/2013-08.yaml")).unwrap();
    let output = inside(&site, &["check"]);
    output
        .fails()
        .error_in("content/meetings/2013-08.yaml")
        .says("outside the site folder");
    assert!(!output.stderr.contains(MARKER), "{output}");
}

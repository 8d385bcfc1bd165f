//! Nothing from outside the site is published or quoted: links in
//! `content/` out of the site folder or into hidden folders.
//! Every command runs from inside the site folder, as officers run it.

use crate::util::{ragtime, read_tree, run, Output, Site};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;

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

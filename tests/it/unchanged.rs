//! A build with nothing changed since the last says so at once: it reads no
//! content, renders nothing and leaves the output as it is, and says what the
//! last build said. Anything read or written since makes it do the work.

use crate::util::{read_tree, Site};
use std::fs;
use std::time::Duration;

const PLAN: &str = "content/plans/telford-improvement-plan.yaml";

/// The "N rendered" of a build's last line.
fn rendered(stdout: &str) -> usize {
    let line = stdout.lines().last().unwrap_or_default();
    let (_, rest) = line.split_once('(').unwrap_or_default();
    rest.split(' ').next().unwrap_or_default().parse().unwrap()
}

/// A site whose files last changed long enough ago for the build to trust
/// their stamps (a file changed within two seconds of a build is never trusted).
fn settled() -> Site {
    let site = Site::example();
    std::thread::sleep(Duration::from_millis(2100));
    site
}

#[test]
fn a_build_with_nothing_changed_repeats_what_the_last_said_and_touches_nothing() {
    let site = settled();
    let first = site.run(&["build"]);
    first.passes();
    assert!(site.path(".public.inputs").is_file());
    let before = read_tree(&site.path("public"));
    let inode = |path: &str| {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(site.path(path)).unwrap().ino()
    };
    let folder = inode("public");
    let again = site.run(&["build"]);
    again.passes();
    assert_eq!(rendered(&again.stdout), 0, "{}", again.stdout);
    // The same warnings and the same summary, word for word.
    assert_eq!(again.stderr, first.stderr);
    let summary = |stdout: &str| stdout.lines().next().unwrap_or_default().to_owned();
    assert_eq!(summary(&again.stdout), summary(&first.stdout));
    assert!(summary(&again.stdout).starts_with("checked: "));
    assert_eq!(read_tree(&site.path("public")), before);
    // A build that did the work would have swapped in a new folder.
    assert_eq!(inode("public"), folder, "the output was replaced");
}

#[test]
fn an_edit_a_touched_output_or_other_options_do_the_work_again() {
    let site = settled();
    site.run(&["build"]).passes();
    // A page of the output edited by hand is put right.
    let index = site.path("public/index.html");
    let published = fs::read(&index).unwrap();
    fs::write(&index, "<p>edited by hand</p>").unwrap();
    let output = site.run(&["build"]);
    output.passes();
    assert_eq!(fs::read(&index).unwrap(), published);
    // A stray file in the output is removed, as any build removes it.
    fs::write(site.path("public/stray.html"), "").unwrap();
    site.run(&["build"]).passes();
    assert!(!site.path("public/stray.html").exists());
    // Another option is another build.
    let strict = site.run(&["build", "--strict"]);
    assert_ne!(
        strict.code,
        Some(0),
        "the example site has warnings: {strict}"
    );
    // An edit is seen, even one of the same size.
    site.replace(
        PLAN,
        "Policy drafted and amended",
        "Policy drafted and amendeD",
    );
    let output = site.run(&["build"]);
    output.passes();
    assert!(rendered(&output.stdout) > 0, "{}", output.stdout);
    assert!(
        fs::read_to_string(site.path("public/plans/telford-improvement-plan/index.html"))
            .unwrap()
            .contains("Policy drafted and amendeD")
    );
    // The record gone: the next build renders everything.
    std::thread::sleep(Duration::from_millis(2100));
    site.run(&["build"]).passes();
    site.run(&["build"]).passes();
    fs::remove_file(site.path(".public.record")).unwrap();
    let output = site.run(&["build"]);
    let line = output.stdout.lines().last().unwrap_or_default().to_owned();
    assert!(rendered(&output.stdout) > 200, "{line}");
}

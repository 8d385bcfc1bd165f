//! The spare copy of the site a build swaps with its output: brought up to
//! date by touching only what changed, in both trees; always published as a
//! clean build would be; never trusted for a file it does not share with the
//! output, whether a build was stopped while updating it or someone edited it.

use crate::util::{read_tree, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

const TELFORD: &str = "content/plans/telford-improvement-plan.yaml";
const CABINET: &str = "content/plans/telford-placement-strategy-response.yaml";
const SLOUGH: &str = "content/plans/slough-children-looked-after-2016.yaml";
const COPY: &str = "content/plans/slough-children-looked-after-copy.yaml";
const SPARE: &str = ".public.spare";
/// A page no edit below touches.
const UNRELATED: &str = "plans/middlesbrough-sufficiency-permanency-2022/index.html";

/// Each file of a tree with its inode and inode change time: what linking,
/// unlinking or rewriting a file changes.
fn identities(root: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    read_tree(root)
        .into_keys()
        .map(|path| {
            let metadata = fs::symlink_metadata(root.join(&path)).unwrap();
            let identity = (metadata.ino(), metadata.ctime(), metadata.ctime_nsec());
            (path, identity)
        })
        .collect()
}

/// The paths whose identity differs between two readings of trees.
fn touched(
    before: &BTreeMap<String, (u64, i64, i64)>,
    after: &BTreeMap<String, (u64, i64, i64)>,
) -> BTreeSet<String> {
    before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .cloned()
        .collect()
}

/// The paths whose bytes differ between two trees.
fn differing(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> BTreeSet<String> {
    before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .cloned()
        .collect()
}

/// An edit to the site, named.
type Step<'a> = (&'a str, &'a dyn Fn(&Site));

/// The site as a build from nothing makes it, into a folder of its own.
fn from_nothing(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let full = site.path("full");
    let _ = fs::remove_dir_all(&full);
    let _ = fs::remove_dir_all(site.path(".full.spare"));
    for record in [".full.record", ".full.manifest"] {
        let _ = fs::remove_file(site.path(record));
    }
    site.run(&["build", "--output", full.to_str().unwrap()])
        .passes();
    read_tree(&full)
}

#[test]
fn a_one_line_edit_touches_only_the_files_it_changes_in_both_trees() {
    let site = Site::example();
    site.run(&["build"]).passes();
    // The second build makes the spare, linking every file once.
    site.run(&["build"]).passes();
    let (public, spare) = (site.path("public"), site.path(SPARE));
    assert!(read_tree(&spare) == read_tree(&public));
    let mut last = BTreeSet::new();
    for edit in [
        (
            TELFORD,
            "Policy drafted and amended",
            "Policy drafted, amended",
        ),
        (
            CABINET,
            "owner: Jas Bedesha Service Delivery Manager Cohesion",
            "owner: Jas Bedesha",
        ),
    ] {
        let bytes = read_tree(&public);
        let (live, aside) = (identities(&public), identities(&spare));
        site.replace(edit.0, edit.1, edit.2);
        site.run(&["build"]).passes();
        let changed = differing(&bytes, &read_tree(&public));
        // The second edit leaves pages the first changed as they are.
        assert!(last.is_empty() || !last.is_subset(&changed));
        assert!(
            !changed.is_empty() && changed.len() < bytes.len() / 4,
            "{changed:?}"
        );
        // The new output is the old spare brought up to date: its files that
        // changed now are new, and those the last edit changed (which the
        // spare had as they were before it) are linked from the output. The
        // new spare is the old output: its files lose or gain that one link.
        let in_output = touched(&aside, &identities(&public));
        let in_spare = touched(&live, &identities(&spare));
        let either: BTreeSet<String> = changed.union(&last).cloned().collect();
        let one: BTreeSet<String> = changed.symmetric_difference(&last).cloned().collect();
        assert_eq!(in_output, either, "after editing {}", edit.0);
        assert_eq!(in_spare, one, "after editing {}", edit.0);
        assert!(!in_output.contains(UNRELATED) && !in_spare.contains(UNRELATED));
        // An unrelated page is one file shared by both trees, as it was.
        let ino = |root: &Path| fs::metadata(root.join(UNRELATED)).unwrap().ino();
        assert_eq!(ino(&public), live[UNRELATED].0);
        assert_eq!(ino(&spare), live[UNRELATED].0);
        assert!(
            read_tree(&spare) == bytes,
            "the spare is not the previous site"
        );
        last = changed;
    }
}

#[test]
fn alternating_edits_publish_what_a_clean_build_would() {
    let site = Site::example();
    let copy = site.read(SLOUGH);
    let steps: &[Step<'_>] = &[
        ("nothing", &|_| {}),
        ("edit A", &|s| {
            s.replace(
                TELFORD,
                "Policy drafted and amended",
                "Policy drafted, amended",
            );
        }),
        ("edit B", &|s| {
            s.replace(
                CABINET,
                "owner: Jas Bedesha Service Delivery Manager Cohesion",
                "owner: Jas Bedesha",
            );
        }),
        ("undo A", &|s| {
            s.replace(
                TELFORD,
                "Policy drafted, amended",
                "Policy drafted and amended",
            );
        }),
        ("add a plan", &|s| {
            s.write(COPY, &copy);
        }),
        ("edit A again", &|s| {
            s.replace(
                TELFORD,
                "Policy drafted and amended",
                "Policy drafted, amended",
            );
        }),
        // The spare is the site with the plan: its pages must go.
        ("remove it", &|s| {
            s.remove(COPY);
        }),
        ("add it back", &|s| {
            s.write(COPY, &copy);
        }),
        ("undo B", &|s| {
            s.replace(
                CABINET,
                "owner: Jas Bedesha\n",
                "owner: Jas Bedesha Service Delivery Manager Cohesion\n",
            );
        }),
    ];
    let mut previous = None;
    for (step, edit) in steps {
        edit(&site);
        site.run(&["build"]).passes();
        let published = read_tree(&site.path("public"));
        assert!(
            published == from_nothing(&site),
            "after {step}, public/ differs from a clean build"
        );
        if let Some(previous) = previous {
            assert!(
                read_tree(&site.path(SPARE)) == previous,
                "after {step}, the spare is not the site before"
            );
        }
        previous = Some(published);
    }
}

#[test]
fn a_build_killed_while_updating_the_spare_leaves_public_and_the_next_is_right() {
    let site = Site::example();
    site.run(&["build"]).passes();
    site.run(&["build"]).passes();
    let before = read_tree(&site.path("public"));
    site.replace(
        TELFORD,
        "Policy drafted and amended",
        "Policy drafted, amended",
    );
    let stopped = site.run_with_env(&["build"], "RAGTIME_TEST_FAULT", "while-updating-spare");
    assert_eq!(stopped.code, Some(137), "{stopped}");
    assert!(
        read_tree(&site.path("public")) == before,
        "a build stopped while updating the spare changed public/"
    );
    assert!(
        read_tree(&site.path(SPARE)) != before,
        "the fault hook did not stop the build after it changed the spare"
    );
    // The edit undone: the pages the stopped build wrote into the spare are
    // the edited ones, and must not be taken for the output's.
    site.replace(
        TELFORD,
        "Policy drafted, amended",
        "Policy drafted and amended",
    );
    site.run(&["build"]).passes();
    assert!(read_tree(&site.path("public")) == before);
    site.replace(
        TELFORD,
        "Policy drafted and amended",
        "Policy drafted, amended",
    );
    site.run(&["build"]).passes();
    assert!(read_tree(&site.path("public")) == from_nothing(&site));
    assert!(read_tree(&site.path(SPARE)) == before);
}

#[test]
fn a_spare_changed_by_hand_is_not_published() {
    let site = Site::example();
    site.run(&["build"]).passes();
    site.replace(
        TELFORD,
        "Policy drafted and amended",
        "Policy drafted, amended",
    );
    site.run(&["build"]).passes();
    let spare = site.path(SPARE);
    let expected = read_tree(&site.path("public"));
    // A file the spare shares with the output, replaced by another file of
    // the same size; one it no longer shares (the edit changed it), edited in
    // place; a file of its own; and a folder that is a link to elsewhere.
    let shared = spare.join("assets/style.css");
    let text = fs::read_to_string(&shared).unwrap();
    fs::remove_file(&shared).unwrap();
    fs::write(&shared, text.replacen("--text", "--txet", 1)).unwrap();
    let own = spare.join("plans/telford-improvement-plan/index.html");
    let page = fs::read_to_string(&own).unwrap();
    assert!(
        page.contains("Policy drafted and amended"),
        "not the old page"
    );
    fs::write(
        &own,
        page.replace("Policy drafted and amended", "Policy drafted and AMENDED"),
    )
    .unwrap();
    fs::write(spare.join("stray.html"), "put there by hand").unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("keep.txt"), "not the site's").unwrap();
    fs::remove_dir_all(spare.join("cycles")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), spare.join("cycles")).unwrap();
    // A build with nothing to change publishes the spare: as it should be.
    site.run(&["build"]).passes();
    assert!(
        read_tree(&site.path("public")) == expected,
        "a change made by hand in the spare was published"
    );
    assert_eq!(
        fs::read_to_string(elsewhere.path().join("keep.txt")).unwrap(),
        "not the site's"
    );
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 1);
    // The same edit undone, and again, publishes clean builds.
    site.replace(
        TELFORD,
        "Policy drafted, amended",
        "Policy drafted and amended",
    );
    site.run(&["build"]).passes();
    assert!(read_tree(&site.path("public")) == from_nothing(&site));
    site.run(&["build"]).passes();
    assert!(read_tree(&site.path("public")) == from_nothing(&site));
}

#[test]
fn without_an_exchange_two_renames_publish_the_same_sites() {
    let site = Site::example();
    let build = |site: &Site| {
        site.run_with_env(&["build"], "RAGTIME_TEST_FAULT", "no-exchange")
            .passes();
    };
    build(&site);
    build(&site);
    let before = read_tree(&site.path("public"));
    site.replace(
        TELFORD,
        "Policy drafted and amended",
        "Policy drafted, amended",
    );
    build(&site);
    assert!(read_tree(&site.path("public")) == from_nothing(&site));
    assert!(read_tree(&site.path(SPARE)) == before);
    assert!(!site.path(".public.old").exists());
}

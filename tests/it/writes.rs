//! Every command that writes content writes each file whole or not at all: on
//! a full disk (a file-size limit here) the file it was changing is left
//! exactly as it was, and no half-written or temporary file is left behind.

use crate::util::{read_tree, Site};
use std::path::Path;

const BRACKNELL: &str = "content/plans/bracknell-forest-caring-for-you-2023-q3.yaml";

/// No temporary files of a safe write anywhere under `folder`.
fn no_temporaries(folder: &Path) {
    for file in crate::util::walk(folder) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "left behind: {}", file.display());
    }
}

#[test]
fn dates_write_on_a_full_disk_leaves_the_plan_as_it_was() {
    let site = Site::example();
    let anchor = "        due: 2024-03-31\n        updates:\n          - cycle: 2023-12\n            status: green\n            progress: |\n              Stage: In progress  \n              Percentage complete: 80%";
    site.replace(
        BRACKNELL,
        anchor,
        &anchor.replace("        due: 2024-03-31\n", ""),
    );
    let before = read_tree(&site.path("content"));
    assert!(before[&BRACKNELL["content/".len()..]].len() > 4096);
    site.run_on_full_disk(&["dates", "--write"], 2)
        .fails()
        .stderr_has("File too large");
    assert_eq!(read_tree(&site.path("content")), before);
    no_temporaries(&site.path("content"));
    // With room, the same command writes the date.
    let dues = site.read(BRACKNELL).matches("due: ").count();
    site.run(&["dates", "--write"]).passes();
    assert_eq!(site.read(BRACKNELL).matches("due: ").count(), dues + 1);
}

#[test]
fn import_on_a_full_disk_leaves_the_plan_it_replaces_as_it_was() {
    let site = Site::example();
    let plan = "content/plans/telford-improvement-plan.yaml";
    let before = read_tree(&site.path("content"));
    let sheet =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sheets/telford-tracker.xlsx");
    let args = [
        "import",
        sheet.to_str().unwrap(),
        "--id",
        "telford-improvement-plan",
        "--responds-to",
        "telford-ofsted-2012",
        "--cycle",
        "2013-08",
        "--force",
    ];
    let output = site.run_on_full_disk(&args, 4);
    assert_ne!(output.code, Some(0), "{output}");
    output.stderr_has("File too large");
    assert_eq!(read_tree(&site.path("content")), before, "{plan} changed");
    no_temporaries(&site.path("content"));
}

#[test]
fn init_on_a_full_disk_leaves_nothing_behind() {
    let site = Site::empty();
    let output = site.run_on_full_disk(&["init"], 1);
    output.fails().stderr_has("nothing was kept");
    assert_eq!(
        crate::util::walk(site.root()),
        Vec::<std::path::PathBuf>::new(),
        "init left files behind"
    );
    // And it can be run again once there is room.
    site.run(&["init"]).passes();
}

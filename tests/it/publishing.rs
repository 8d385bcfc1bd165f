//! What a build does to its output folder, and nothing else: one build at a
//! time, never into the site's own folders, through a link rather than over
//! it, never over a file, recovering from a kill in the middle of the swap,
//! and never trusting a file it did not write.

use crate::generate::Rng;
use crate::util::{ragtime, read_tree, Site};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SETTINGS: &str = "content/site.yaml";
const TITLE: &str = "title: Children's services action plans";

/// The example site built clean into a site of its own, as reference bytes.
fn clean_build(edit: impl Fn(&Site)) -> BTreeMap<String, Vec<u8>> {
    let site = Site::example();
    edit(&site);
    site.run(&["build"]).passes();
    read_tree(&site.path("public"))
}

fn retitle(site: &Site) {
    site.replace(
        SETTINGS,
        TITLE,
        "title: Children's services plans, retitled",
    );
}

fn build_command(site: &Site) -> Command {
    let mut command = ragtime();
    command
        .args(["build", "--root"])
        .arg(site.root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Names beside the output folder, other than the ones a finished build
/// leaves: its lock, record, manifest, the stamps of its inputs, and the
/// spare it swaps with.
fn leftovers(site: &Site) -> Vec<String> {
    let finished = [
        ".public.lock",
        ".public.record",
        ".public.manifest",
        ".public.inputs",
        ".public.spare",
    ];
    let mut names: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.") && !finished.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

#[test]
fn a_second_build_waits_for_the_first_and_says_so() {
    let site = Site::example();
    site.run(&["build"]).passes();
    // Hold the lock as a running build would.
    let held = fs::File::options()
        .write(true)
        .open(site.path(".public.lock"))
        .unwrap();
    held.lock().unwrap();
    let mut child = build_command(&site).spawn().unwrap();
    // The build says it waits before it waits: read until it does.
    let mut said = String::new();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    while !said.contains("another ragtime build is publishing into") {
        let before = said.len();
        std::io::BufRead::read_line(&mut stderr, &mut said).unwrap();
        assert!(
            said.len() > before,
            "the build ended without waiting: {said}"
        );
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the second build said it waits, but did not wait for the lock"
    );
    held.unlock().unwrap();
    std::io::Read::read_to_string(&mut stderr, &mut said).unwrap();
    let output = child.wait().unwrap();
    assert!(output.success(), "{said}");
}

#[test]
fn builds_run_at_the_same_time_both_publish_a_complete_site() {
    let site = Site::example();
    let expected = clean_build(|_| {});
    for _ in 0..3 {
        let children: Vec<_> = (0..2)
            .map(|_| build_command(&site).spawn().unwrap())
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert_eq!(read_tree(&site.path("public")), expected);
        assert_eq!(leftovers(&site), Vec::<String>::new());
    }
}

#[test]
fn the_sites_own_folders_are_refused_as_output() {
    let site = Site::example();
    let content = read_tree(&site.path("content"));
    let themes = site.path("themes/default/templates");
    fs::create_dir_all(&themes).unwrap();
    let nested = site.path("elsewhere/inner");
    fs::create_dir_all(&nested).unwrap();
    for (output, says) in [
        ("content", "is content/"),
        ("content/plans", "is inside content/"),
        ("themes", "is themes/"),
        ("themes/default", "is inside themes/"),
        (".", "is the site folder"),
        ("..", "holds the site folder"),
    ] {
        let path = site.root().join(output);
        site.run(&["build", "--output", path.to_str().unwrap()])
            .fails()
            .stderr_has(says)
            .stderr_has("nothing was written");
        assert_eq!(read_tree(&site.path("content")), content, "{output}");
        assert!(themes.is_dir(), "{output}");
        // No staging folder is left beside it.
        let target = path.canonicalize().unwrap();
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        for suffix in ["new", "old"] {
            let staged = target.with_file_name(format!(".{name}.{suffix}"));
            assert!(!staged.exists(), "{output}: {}", staged.display());
        }
    }
    // The same folder reached through a link is refused too.
    std::os::unix::fs::symlink(site.path("content"), site.path("public")).unwrap();
    site.run(&["build"]).fails().stderr_has("is content/");
    assert_eq!(read_tree(&site.path("content")), content);
}

#[test]
fn a_link_as_output_is_published_through() {
    let site = Site::example();
    let web = tempfile::tempdir().unwrap();
    let root = web.path().join("htdocs");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("stale.html"), "old").unwrap();
    std::os::unix::fs::symlink(&root, site.path("public")).unwrap();
    site.run(&["build"]).passes();
    let link = fs::symlink_metadata(site.path("public")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert!(
        root.join("index.html").is_file(),
        "the web root was not updated"
    );
    assert!(!root.join("stale.html").exists());
    assert_eq!(read_tree(&root), clean_build(|_| {}));
    // Again, through the record of the last build.
    retitle(&site);
    site.run(&["build"]).passes();
    assert!(fs::symlink_metadata(site.path("public"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(read_tree(&root), clean_build(retitle));
    // The spare the output is swapped with sits beside the web root, not the link.
    assert!(web.path().join(".htdocs.spare").is_dir());
    assert!(!site.path(".public.spare").exists());
    // A link to nothing is refused, and left.
    let dangling = Site::example();
    std::os::unix::fs::symlink(web.path().join("missing"), dangling.path("public")).unwrap();
    dangling
        .run(&["build"])
        .fails()
        .stderr_has("does not exist");
    assert!(fs::symlink_metadata(dangling.path("public")).is_ok());
}

#[test]
fn an_output_whose_folder_is_served_is_warned_about() {
    let site = Site::init();
    site.fill_in_statement();
    // Settled, so that the first build records what it read, and the next
    // would say nothing changed if the index.html were not among it.
    std::thread::sleep(Duration::from_millis(2100));
    let build = |more: &[&str]| {
        let mut args = vec!["build", "--output", "web/site"];
        args.extend(more);
        site.run(&args)
    };
    // Nothing shows web/ to be served: no warning.
    let quiet = build(&[]);
    quiet.passes();
    assert!(quiet.warnings().is_empty(), "{quiet}");
    assert!(site.path("web/.site.inputs").is_file());

    // web/ is a web root (it has an index.html): the records beside site/ would be published.
    site.write("web/index.html", "<h1>Council website</h1>");
    let warned = build(&[]);
    let warnings = warned.passes().warnings();
    assert_eq!(warnings.len(), 1, "{}", warned.stderr);
    let warning = &warnings[0];
    assert_eq!(warning.file, "web/index.html", "{warning}");
    warning
        .says("web/ holds an index.html, so a web server may be publishing it")
        .says(".site.manifest")
        .helps("have the web server publish site/ only")
        .helps("rsync -a --delete public/");
    // Said again by a build with nothing to do, and a failure under --strict.
    build(&[]).passes().stderr_has("web/ holds an index.html");
    build(&["--strict"])
        .fails()
        .stderr_has("web/ holds an index.html")
        .stderr_has("web/site was left as it was");

    fs::remove_file(site.path("web/index.html")).unwrap();
    let quiet = build(&["--strict"]);
    quiet.passes();
    assert!(quiet.warnings().is_empty(), "{quiet}");
}

#[test]
fn a_file_as_output_is_left_untouched() {
    let site = Site::example();
    site.write("public", "not a folder");
    for _ in 0..2 {
        site.run(&["build"])
            .fails()
            .stderr_has("public is a file, not a folder")
            .stderr_has("left as it was");
        assert_eq!(site.read("public"), "not a folder");
        assert_eq!(leftovers(&site), Vec::<String>::new());
    }
}

#[test]
fn a_build_killed_between_the_two_renames_is_recovered_by_the_next() {
    let site = Site::example();
    site.run(&["build"]).passes();
    let before = read_tree(&site.path("public"));
    retitle(&site);
    let stopped = site.run_with_env(&["build"], "RAGTIME_TEST_FAULT", "between-renames");
    assert_eq!(stopped.code, Some(137), "{stopped}");
    assert!(
        !site.path("public").exists(),
        "the fault hook did not stop the swap"
    );
    // A failing build in between says the truth, and still recovers.
    site.replace(
        SETTINGS,
        "base_url: https://www.example.gov.uk/",
        "base_url: 7",
    );
    site.run(&["build"])
        .fails()
        .stderr_has("the previous site was put back")
        .stderr_has("left as it was");
    assert_eq!(read_tree(&site.path("public")), before);
    site.replace(
        SETTINGS,
        "base_url: 7",
        "base_url: https://www.example.gov.uk/",
    );
    site.run(&["build"]).passes();
    assert_eq!(read_tree(&site.path("public")), clean_build(retitle));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_backup_restored_with_its_times_is_rendered_again() {
    let site = Site::example();
    let plan = "content/plans/middlesbrough-children-in-care-2016.yaml";
    site.run(&["build"]).passes();
    let backup = site.path("backup");
    let copied = Command::new("cp")
        .arg("-a")
        .arg(site.path("public"))
        .arg(&backup)
        .status()
        .unwrap();
    assert!(copied.success());
    // A date of the same length: every page keeps its size.
    let edit = |s: &Site| {
        s.replace(plan, "due: 2017-01-31", "due: 2017-02-28");
    };
    edit(&site);
    site.run(&["build"]).passes();
    fs::remove_dir_all(site.path("public")).unwrap();
    let restored = Command::new("cp")
        .arg("-a")
        .arg(&backup)
        .arg(site.path("public"))
        .status()
        .unwrap();
    assert!(restored.success());
    fs::remove_dir_all(&backup).unwrap();
    site.run(&["build"]).passes();
    assert_eq!(read_tree(&site.path("public")), clean_build(edit));
}

/// Whether `tree` is exactly one of the complete sites.
fn one_of(tree: &BTreeMap<String, Vec<u8>>, sites: &[&BTreeMap<String, Vec<u8>>]) -> bool {
    sites.contains(&tree)
}

#[test]
fn builds_killed_at_random_moments_leave_a_complete_old_or_new_site() {
    let site = Site::example();
    let old = clean_build(|_| {});
    let new = clean_build(retitle);
    site.run(&["build"]).passes();
    let started = Instant::now();
    site.run(&["build"]).passes();
    let took = u64::try_from(started.elapsed().as_millis())
        .unwrap()
        .max(50);
    let mut rng = Rng::new(18);
    for attempt in 0..20 {
        // Alternate the content, so each build has a different site to publish.
        if attempt % 2 == 0 {
            retitle(&site);
        } else {
            site.replace(
                SETTINGS,
                "title: Children's services plans, retitled",
                TITLE,
            );
        }
        let delay = rng.next() % (took + took / 2);
        let mut child = build_command(&site).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().ok();
        child.wait().unwrap();
        let public = site.path("public");
        let tree = if public.exists() {
            read_tree(&public)
        } else {
            // Killed between the two renames: the old site waits beside it.
            let aside = site.path(".public.old");
            assert!(aside.is_dir(), "attempt {attempt}: no site at all");
            read_tree(&aside)
        };
        assert!(
            one_of(&tree, &[&old, &new]),
            "attempt {attempt} (killed after {delay} ms): public/ is neither the old nor the new site"
        );
    }
    // The content ends as the original: the next build is a clean build's bytes.
    site.run(&["build"]).passes();
    assert_eq!(read_tree(&site.path("public")), old);
    assert_eq!(leftovers(&site), Vec::<String>::new());
    assert!(!Path::new(&site.path(".public.new")).exists());
}

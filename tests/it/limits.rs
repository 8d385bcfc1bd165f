//! Inputs that would cost too much are refused by name: files over 16 MiB,
//! aliases that multiply a file, and links out of the site folder; repeated
//! warnings are summed up; a linked folder inside the site is read.

use crate::util::Site;
use std::fs;
use std::time::{Duration, Instant};

const PLAN: &str = "content/plans/telford-improvement-plan.yaml";

#[test]
fn a_content_file_over_16_mib_is_refused_by_name() {
    let site = Site::example();
    let mut big = site.read(PLAN);
    let comment = format!("# {}\n", "x".repeat(1000));
    while big.len() <= 16 * 1024 * 1024 {
        big.push_str(&comment);
    }
    site.write(PLAN, &big);
    site.check()
        .fails()
        .error_in(PLAN)
        .says("larger than 16 MiB");
    // Just under the limit is read.
    site.write(PLAN, &big[..16 * 1024 * 1024 - 4096]);
    let output = site.check();
    assert!(
        !output.stderr.contains("larger than 16 MiB"),
        "{}",
        output.stderr
    );
}

#[test]
fn aliases_that_multiply_a_file_are_refused_by_name() {
    let site = Site::example();
    // One anchored paragraph of 3 KB used 2,000 times: 6 MB from a 20 KB file.
    let paragraph = "words ".repeat(500);
    let plan = format!(
        "title: T\norganisation: O\nkind: scrutiny\nsummary: &text \"{paragraph}\"\nrecommendations:\n  - id: R1\n    text: x\n    actions:\n{}",
        "      - text: *text\n".repeat(2000)
    );
    site.write(PLAN, &plan);
    let started = Instant::now();
    site.check()
        .fails()
        .error_in(PLAN)
        .says("aliases in this file (here *text)");
    assert!(started.elapsed() < Duration::from_secs(30));
    // The same paragraph used a few times is fine.
    let few = format!(
        "title: T\norganisation: O\nkind: scrutiny\nsummary: &text \"{paragraph}\"\nrecommendations:\n  - id: R1\n    text: x\n    actions:\n{}",
        "      - text: *text\n".repeat(5)
    );
    site.write(PLAN, &few);
    let output = site.check();
    assert!(!output.stderr.contains("aliases in this file"), "{output}");
}

#[test]
fn thousands_of_stray_files_give_a_few_lines() {
    let site = Site::example();
    let stray = site.path("content/plans/exports");
    fs::create_dir_all(&stray).unwrap();
    for i in 0..5000 {
        fs::write(stray.join(format!("row-{i}.csv")), "a,b\n").unwrap();
    }
    let output = site.check();
    output.passes();
    let lines = output.stderr.lines().count();
    assert!(lines < 300, "{lines} lines of warnings");
    assert!(
        output
            .stderr
            .contains("... and 4980 more warnings like this: this file is not part of the site and is ignored"),
        "{}",
        output.stderr
    );
}

#[test]
fn links_out_of_the_site_folder_are_refused_and_never_quoted() {
    let site = Site::example();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("settings.yaml");
    fs::write(&secret, "title: [SECRET_TOKEN=hunter2\n").unwrap();
    std::os::unix::fs::symlink(&secret, site.path("content/pages/leak.md")).unwrap();
    // A hidden file inside the site folder is not content either.
    fs::write(site.path(".env"), "DATABASE_PASSWORD=hunter2\n").unwrap();
    std::os::unix::fs::symlink(site.path(".env"), site.path("content/plans/env.yaml")).unwrap();
    // Nor is a folder outside it.
    std::os::unix::fs::symlink(outside.path(), site.path("content/briefings/outside")).unwrap();
    let output = site.run(&["build"]);
    output.fails();
    assert!(!output.stderr.contains("hunter2"), "{}", output.stderr);
    output
        .error_in("content/pages/leak.md")
        .says("outside the site folder");
    output
        .error_in("content/plans/env.yaml")
        .says("hidden file");
    output
        .error_in("content/briefings/outside")
        .says("outside the site folder");
    assert!(!site.path("public").exists());
    // The settings file too.
    let settings = Site::example();
    fs::remove_file(settings.path("content/site.yaml")).unwrap();
    std::os::unix::fs::symlink(&secret, settings.path("content/site.yaml")).unwrap();
    let output = settings.check();
    output.fails();
    assert!(!output.stderr.contains("hunter2"), "{}", output.stderr);
    output
        .error_in("content/site.yaml")
        .says("outside the site folder");
}

#[test]
fn a_linked_folder_inside_the_site_is_read() {
    let site = Site::example();
    fs::rename(site.path("content/pages"), site.path("shared-pages")).unwrap();
    std::os::unix::fs::symlink("../shared-pages", site.path("content/pages")).unwrap();
    site.run(&["build"]).passes();
    let page = site.read("public/accessibility/index.html");
    assert!(page.contains("Accessibility statement"));
}

const TEMPLATE: &str = "themes/default/templates/page.html";

#[test]
fn a_template_that_never_finishes_is_stopped_by_name() {
    let site = Site::example();
    site.run(&["build"]).passes();
    let before = crate::util::read_tree(&site.path("public"));
    site.write(
        TEMPLATE,
        "{% extends \"base.html\" %}{% block content %}{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}{% endblock content %}",
    );
    let started = Instant::now();
    site.run_with_env(&["build"], "RAGTIME_TEST_RENDER_SECONDS", "2")
        .fails()
        .stderr_has(
            "took more than 2 s to render with the template themes/default/templates/page.html",
        )
        .stderr_has("about/index.html");
    assert!(started.elapsed() < Duration::from_secs(50));
    assert_eq!(crate::util::read_tree(&site.path("public")), before);
}

#[test]
fn templates_that_include_or_call_themselves_are_named_with_their_line() {
    let site = Site::example();
    site.write(
        TEMPLATE,
        "{% extends \"base.html\" %}{% block content %}\n<p>x</p>\n{% include \"page.html\" %}{% endblock content %}",
    );
    site.run(&["build"])
        .fails()
        .error_at(TEMPLATE, (3, 1))
        .says("Circular include");
    site.write(
        TEMPLATE,
        "{% component r(n) %}{{ <r n={n} /> }}{% endcomponent r %}{% extends \"base.html\" %}{% block content %}\n{{ <r n={1} /> }}{% endblock content %}",
    );
    site.run(&["build"])
        .fails()
        .error_in(TEMPLATE)
        .says("recursion depth");
}

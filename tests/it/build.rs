//! `ragtime build` on the example site: every page, facts from the papers in the
//! HTML, byte-identical rebuilds, links under a sub-path, escaping, and a failed
//! build that leaves the previous site alone.

use crate::rebuild::EDITS;
use crate::util::{built, element, page, read_tree, walk, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;

/// Every value of an attribute in a page.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let value = &html[at + needle.len()..];
            &value[..value.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn writes_every_kind_of_page() {
    let (_, files) = built();
    for path in [
        "index.html",
        "plans/index.html",
        "plans/telford-improvement-plan/index.html",
        "plans/telford-improvement-plan/2013-08/index.html",
        "plans/telford-placement-strategy-response/2013-06/index.html",
        "plans/telford-improvement-plan.json",
        "plans/telford-improvement-plan.csv",
        "inspections/index.html",
        "inspections/slough-ofsted/index.html",
        "briefings/index.html",
        "briefings/telford-service-improvement-update-2013-08-15/index.html",
        "owners/index.html",
        "owners/maria-white/index.html",
        "cycles/index.html",
        "cycles/2013-08/index.html",
        "about/index.html",
        "accessibility/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "assets/style.css",
    ] {
        assert!(files.contains_key(path), "{path} was not built");
    }
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes.clone()).unwrap();
            assert!(
                !html.contains("EventSource"),
                "{path}: the live-reload snippet is only for serve"
            );
            assert_eq!(html.matches("<h1").count(), 1, "{path}: one h1 per page");
        }
    }
}

#[test]
fn telford_r22_is_behind_schedule() {
    let (_, files) = built();
    let html = page(&files, "plans/telford-improvement-plan/index.html");
    let row = element(&html, "action-R22.1", "</tr>");
    assert!(
        row.contains("Clarify and agree who is responsible for life story book work."),
        "{row}"
    );
    assert!(row.contains("Behind schedule"), "{row}");
    assert!(
        row.contains("Overdue"),
        "due June 2013 and not done by 15 August 2013: {row}"
    );
}

#[test]
fn telford_rag_counts_match_the_paper() {
    // The paper's status column: 45 "complete" + 4 "Complete", 5 "behind schedule",
    // 2 "in progress" + 1 "In Progress" (the key's "In Progress on schedule").
    // Read from the open data, which states the counts the page shows without
    // its markup.
    let (_, files) = built();
    let json: serde_json::Value =
        serde_json::from_str(&page(&files, "plans/telford-improvement-plan.json")).unwrap();
    let summary = &json["summary"];
    let counts: BTreeMap<&str, u64> = summary["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["status"].as_str().unwrap(), s["count"].as_u64().unwrap()))
        .collect();
    for (status, count) in [("complete", 49), ("on-track", 3), ("behind", 5)] {
        assert_eq!(counts.get(status), Some(&count), "{status} in {summary}");
    }
    assert_eq!(summary["total"], 57, "57 actions in all: {summary}");
    // The page's table names the statuses in the paper's own words.
    let html = page(&files, "plans/telford-improvement-plan/index.html");
    let table = element(&html, "rag-plan-text", "</table>");
    assert!(table.contains("Behind schedule"), "{table}");
}

#[test]
fn slough_recommendation_21_lists_the_virtual_school_actions() {
    let (_, files) = built();
    let html = page(&files, "inspections/slough-ofsted/index.html");
    let finding = element(&html, "finding-21", "</li>\n  <li");
    for n in 1..=8 {
        assert!(
            finding.contains(&format!(
                "slough-children-looked-after-2016/#action-virtual-school.{n}"
            )),
            "Virtual School action {n} should answer Ofsted recommendation 21: {finding}"
        );
    }
    assert!(
        finding.contains("Recruitment of Virtual School Head"),
        "{finding}"
    );
}

#[test]
fn middlesbrough_pep_finding_links_back_to_the_scrutiny_recommendation() {
    let (_, files) = built();
    let html = page(&files, "inspections/middlesbrough-ofsted-2016/index.html");
    let finding = element(&html, "finding-xv", "</li>\n  <li");
    assert!(
        finding.to_lowercase().contains("personal education plan"),
        "{finding}"
    );
    assert!(
        finding.contains("/plans/middlesbrough-children-in-care-2016/#rec-f"),
        "scrutiny recommendation f (the PEP process) answers finding xv: {finding}"
    );
    // And the plan links forward to the finding with its text on hand.
    let plan = page(
        &files,
        "plans/middlesbrough-children-in-care-2016/index.html",
    );
    let rec = element(&plan, "rec-f", "</tbody>");
    assert!(
        rec.contains("/inspections/middlesbrough-ofsted-2016/#finding-xv"),
        "{rec}"
    );
}

#[test]
fn cycle_page_lists_exactly_the_actions_behind_schedule() {
    let (_, files) = built();
    let html = page(&files, "cycles/2013-08/index.html");
    let group = element(&html, "plan-1-behind", "</section>");
    let ids: Vec<&str> = group
        .match_indices("#action-")
        .map(|(at, _)| {
            let rest = &group[at + 8..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(ids, ["R22.1", "R10.2", "R11.1", "R14.2", "R14.3"]);
    // Each with the explanation the paper gives.
    assert!(group.contains("To be implemented from 01.09.13"), "{group}");
}

#[test]
fn cabinet_response_august_page_shows_what_changed_since_june() {
    let (_, files) = built();
    let html = page(
        &files,
        "plans/telford-placement-strategy-response/2013-08/index.html",
    );
    assert!(
        html.contains("Compared with the previous report"),
        "compares with June"
    );
    let done = element(&html, "changes-newly-done", "</section>");
    assert!(
        done.contains("#action-3.a.1"),
        "3.a was achieved by August: {done}"
    );
    let progress = element(&html, "changes-new-progress", "</section>");
    for id in ["2.a.1", "2.a.2", "2.3", "3.a.1", "4.b.1", "6.b.1"] {
        assert!(
            progress.contains(&format!("#action-{id}\"")),
            "{id} reported new progress in August"
        );
    }
    let moved = element(&html, "changes-moved", "</section>");
    assert!(
        moved.contains("#action-4.b.1\"") && moved.contains("#action-6.b.1\""),
        "{moved}"
    );
    // Each moved deadline once, in its row: the new date and the one it replaced.
    let row = element(&html, "action-6.b.1", "</tr>");
    assert!(
        row.contains("31 October 2013")
            && row.contains("(was <time datetime=\"2013-09-30\">30 September 2013</time>)"),
        "new and old dates: {row}"
    );
    assert!(
        !moved.contains("30 September 2013"),
        "the old date twice: {moved}"
    );
    for id in ["1.1", "4.a.1", "5.a.1", "6.a.1"] {
        assert!(
            !progress.contains(&format!("#action-{id}\"")),
            "{id} repeated its June text"
        );
    }
}

#[test]
fn two_builds_give_the_same_bytes() {
    let (site, first) = built();
    site.run(&["build", "--output", site.path("again").to_str().unwrap()])
        .passes();
    let second = read_tree(&site.path("again"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }
}

/// Built from inside the site folder (as users run it), with a relative
/// `--root` from the folder above, and with `--output` relative to where it
/// runs: the same site, byte for byte.
#[test]
fn a_build_is_the_same_from_inside_the_folder_and_with_a_relative_root() {
    let (site, inside) = built();
    site.run(&["build", "--output", "again"]).passes();
    let relative_output = read_tree(&site.path("again"));
    site.run_from_parent(&["build"]).passes();
    let from_parent = read_tree(&site.path("public"));
    for (name, other) in [
        ("--output again", &relative_output),
        ("--root", &from_parent),
    ] {
        assert_eq!(
            inside.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>(),
            "{name}"
        );
        assert!(inside == *other, "a build with {name} differs");
    }
    site.run_from_parent(&["check"]).passes();
    site.run_from_parent(&["dates"]).passes();
}

#[test]
fn every_link_resolves_under_a_sub_path() {
    let site = Site::example();
    site.replace(
        "content/site.yaml",
        "base_url: https://www.example.gov.uk/",
        "base_url: https://www.example.gov.uk/improvement/",
    );
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let ids: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            let html = std::str::from_utf8(bytes).unwrap();
            let ids: Vec<&str> = attributes(html, "id");
            let unique: BTreeSet<String> = ids.iter().map(|s| (*s).to_owned()).collect();
            assert_eq!(unique.len(), ids.len(), "{path}: duplicate ids");
            (path.as_str(), unique)
        })
        .collect();
    let mut checked = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        let links: Vec<String> = if path.ends_with(".html") {
            attributes(&text, "href")
                .into_iter()
                .chain(attributes(&text, "src"))
                .map(str::to_owned)
                .collect()
        } else if path.ends_with(".xml") {
            text.match_indices("https://www.example.gov.uk")
                .map(|(at, _)| text[at..].split(['"', '<']).next().unwrap().to_owned())
                .collect()
        } else {
            continue;
        };
        for link in links {
            let link = link.replace("&amp;", "&");
            // A link relative to the page's folder (a plan's links to the pages beside it).
            let relative = (!link.is_empty()
                && !link.contains(':')
                && !link.starts_with(['/', '#']))
            .then(|| {
                let mut parts: Vec<&str> = path.split('/').collect();
                parts.pop();
                for part in link.split('/') {
                    match part {
                        ".." => {
                            parts.pop();
                        }
                        "." => {}
                        _ => parts.push(part),
                    }
                }
                format!("/improvement/{}", parts.join("/"))
            });
            let Some(local) = relative.as_deref().or(link
                .strip_prefix("https://www.example.gov.uk")
                .or(link.starts_with('/').then_some(link.as_str())))
            else {
                assert!(
                    link.starts_with("http")
                        || link.starts_with('#')
                        || link.starts_with("mailto:"),
                    "{path}: odd link {link}"
                );
                continue;
            };
            let local = local.to_owned();
            let inside = local
                .strip_prefix("/improvement/")
                .unwrap_or_else(|| panic!("{path}: {link} is outside the sub-path"));
            let (file, fragment) = inside
                .split_once('#')
                .map_or((inside, None), |(f, a)| (f, Some(a)));
            let file = if file.is_empty() || file.ends_with('/') {
                format!("{file}index.html")
            } else {
                file.to_owned()
            };
            assert!(
                files.contains_key(&file),
                "{path}: {link} points at {file}, which was not built"
            );
            if let Some(fragment) = fragment {
                assert!(
                    ids[file.as_str()].contains(fragment),
                    "{path}: {link}: no id {fragment} on {file}"
                );
            }
            checked += 1;
        }
        for fragment in attributes(&text, "href")
            .into_iter()
            .filter_map(|h| h.strip_prefix('#'))
        {
            assert!(
                ids[path.as_str()].contains(fragment),
                "{path}: #{fragment} is not on the page"
            );
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn scripts_in_content_are_escaped_or_removed() {
    let site = Site::example();
    let plan = "content/plans/telford-improvement-plan.yaml";
    site.replace(
        plan,
        "title: Children's Services Improvement Plan (working document)",
        "title: \"Plan <script>alert('title')</script>\"",
    );
    site.replace(
        plan,
        "Policy drafted and amended following consultation",
        "<script>alert('progress')</script><img src=x onerror=alert(1)> Policy drafted and amended following consultation",
    );
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    // Pages and feeds; the CSV and JSON carry the text as data, as written.
    for (path, bytes) in files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".xml"))
    {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("<script>alert"),
            "{path} carries a script from the content"
        );
        assert!(
            !text.contains("onerror"),
            "{path} carries an event handler from the content"
        );
    }
    let html = page(&files, "plans/telford-improvement-plan/index.html");
    assert!(
        html.contains("Plan &lt;script&gt;alert"),
        "the title is shown, escaped"
    );
    assert!(
        html.contains("Policy drafted and amended"),
        "the rest of the progress note stays"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_as_it_was() {
    let (site, before) = built();
    let times: Vec<_> = walk(&site.path("public"))
        .iter()
        .map(|p| fs::metadata(p).unwrap().modified().unwrap())
        .collect();
    site.replace(
        "content/plans/telford-improvement-plan.yaml",
        "status: behind  # paper: \"behind schedule\"\n                progress: |\n                  Policy drafted",
        "status: on track\n                progress: |\n                  Policy drafted",
    );
    let output = site.run(&["build"]);
    output.fails().stderr_has("left as it was");
    assert_eq!(
        read_tree(&site.path("public")),
        before,
        "public/ changed after a failed build"
    );
    let after: Vec<_> = walk(&site.path("public"))
        .iter()
        .map(|p| fs::metadata(p).unwrap().modified().unwrap())
        .collect();
    assert_eq!(
        times, after,
        "files in public/ were touched by a failed build"
    );
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let (site, _) = built();
    let css = site.path("public/assets/style.css");
    let plan = site.path("public/plans/middlesbrough-sufficiency-permanency-2022/index.html");
    let before = (
        fs::metadata(&css).unwrap().modified().unwrap(),
        fs::metadata(&plan).unwrap().modified().unwrap(),
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.replace(
        "content/plans/telford-improvement-plan.yaml",
        "Policy drafted and amended",
        "Policy drafted, amended",
    );
    site.run(&["build"]).passes();
    let after = (
        fs::metadata(&css).unwrap().modified().unwrap(),
        fs::metadata(&plan).unwrap().modified().unwrap(),
    );
    assert_eq!(
        before, after,
        "files whose bytes did not change keep their times"
    );
}

#[test]
fn an_earlier_cycle_page_never_changes_when_a_later_cycle_is_added() {
    let (site, before) = built();
    let plan = "content/plans/telford-placement-strategy-response.yaml";
    site.replace(
        "content/site.yaml",
        "    meeting: Telford & Wrekin Children and Young People Scrutiny Committee\n",
        "    meeting: Telford & Wrekin Children and Young People Scrutiny Committee\n  - id: 2013-11\n    date: 2013-11-14\n    meeting: Telford & Wrekin Children and Young People Scrutiny Committee\n",
    );
    // A later report on 6.b: the conference held.
    site.replace(
        plan,
        "                  *Date by which action will be taken: October 2013*\n",
        "                  *Date by which action will be taken: October 2013*\n              - cycle: 2013-11\n                status: complete\n                progress: The conference was held in October.\n",
    );
    site.run(&["build"]).passes();
    let after = read_tree(&site.path("public"));
    assert!(after.contains_key("plans/telford-placement-strategy-response/2013-11/index.html"));
    for path in [
        "plans/telford-placement-strategy-response/2013-06/index.html",
        "plans/telford-improvement-plan/2013-08/index.html",
        "cycles/2013-08/index.html",
    ] {
        assert!(
            before[path] == after[path],
            "{path} changed when a later cycle was added"
        );
    }
    // The page of what was the latest report changes only its canonical
    // address: from the plan's page (which it duplicated) to its own.
    let path = "plans/telford-placement-strategy-response/2013-08/index.html";
    let canonical = |bytes: &[u8], to: &str| {
        String::from_utf8_lossy(bytes).replace(
            &format!("<link rel=\"canonical\" href=\"https://www.example.gov.uk/plans/telford-placement-strategy-response/{to}\">"),
            "",
        )
    };
    assert_eq!(
        canonical(&before[path], ""),
        canonical(&after[path], "2013-08/"),
        "{path} changed when a later cycle was added"
    );
}

#[test]
fn open_data_opens_cleanly() {
    let (_, files) = built();
    let csv = page(&files, "plans/telford-improvement-plan.csv");
    assert!(
        csv.starts_with('\u{feff}'),
        "a byte-order mark, so spreadsheets read UTF-8"
    );
    assert_eq!(
        csv.matches("\r\n").count(),
        58,
        "a header and one row per action (57)"
    );
    let json: serde_json::Value =
        serde_json::from_str(&page(&files, "plans/telford-improvement-plan.json")).unwrap();
    assert_eq!(json["derived"].as_array().unwrap().len(), 57);
    assert_eq!(json["summary"]["total"], 57);
    assert_eq!(
        json["plan"]["title"],
        "Children's Services Improvement Plan (working document)"
    );
}

#[test]
fn build_says_what_it_built_and_how_long_it_took() {
    let site = Site::example();
    let output = site.run(&["build"]);
    output.passes();
    assert!(
        output.stdout.contains("built ") && output.stdout.contains(" ms"),
        "{}",
        output.stdout
    );
}

#[test]
fn init_makes_a_site_that_checks_and_builds() {
    let site = Site::empty();
    let mut command = crate::util::ragtime();
    command.arg("init").arg(site.root());
    crate::util::run(command).passes();
    // It checks with one warning: the accessibility statement to fill in.
    let check = site.check();
    let warnings = check.passes().warnings();
    assert_eq!(warnings.len(), 1, "{check}");
    assert_eq!(
        warnings[0].file, "content/pages/accessibility.md",
        "{check}"
    );
    site.run(&["build"]).passes();
    assert!(site
        .path("public/plans/improvement-plan/index.html")
        .is_file());
    assert!(site.path("public/accessibility/index.html").is_file());
    let mut again = crate::util::ragtime();
    again.arg("init").arg(site.root());
    crate::util::run(again).fails();
}

#[test]
fn a_file_edited_by_hand_in_the_output_is_rewritten() {
    let (site, before) = built();
    let css = site.path("public/assets/style.css");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let text = fs::read_to_string(&css).unwrap();
    fs::write(&css, text.replacen("--text", "--txet", 1)).unwrap(); // same size, other bytes
    site.run(&["build"]).passes();
    assert!(
        fs::read(&css).unwrap() == before["assets/style.css"],
        "the hand edit survived a build"
    );
}

#[test]
fn an_action_still_behind_at_a_later_cycle_is_listed_once() {
    let site = Site::example();
    site.replace(
        "content/site.yaml",
        "    meeting: Telford & Wrekin Children and Young People Scrutiny Committee\n",
        "    meeting: Telford & Wrekin Children and Young People Scrutiny Committee\n  - id: 2013-11\n    date: 2013-11-14\n    meeting: Telford & Wrekin Children and Young People Scrutiny Committee\n",
    );
    site.replace(
        "content/plans/telford-improvement-plan.yaml",
        "Consultation with Children in Care arranged for 01.08.13. To be implemented from 01.09.13\n",
        "Consultation with Children in Care arranged for 01.08.13. To be implemented from 01.09.13\n              - cycle: 2013-11\n                status: behind\n                progress: Still being consulted on.\n",
    );
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let html = page(&files, "plans/telford-improvement-plan/2013-11/index.html");
    let group = element(&html, "changes-behind", "</section>");
    assert_eq!(group.matches("#action-R22.1\"").count(), 1, "{group}");
    let cycle = page(&files, "cycles/2013-11/index.html");
    assert_eq!(
        cycle.matches("#action-R22.1\"").count(),
        1,
        "the exception report lists R22.1 once"
    );
}

/// The rendered and total counts from `built N files (R rendered, C changed)`.
fn rendered_of(stdout: &str) -> (usize, usize) {
    let line = stdout.lines().find(|l| l.starts_with("built ")).unwrap();
    let words: Vec<&str> = line.split_whitespace().collect();
    let number = |i: usize| words[i].trim_start_matches('(').parse().unwrap();
    (number(3), number(1))
}

#[test]
fn a_rebuild_renders_only_what_an_edit_touches_and_equals_a_full_build() {
    let (site, _) = built();
    // Each edit is followed by a build into the same output, which is compared
    // with a build of the edited site from nothing.
    for (file, from, to, everything) in EDITS {
        site.replace(file, from, to);
        let output = site.run(&["build"]);
        output.passes();
        let (rendered, total) = rendered_of(&output.stdout);
        if *everything {
            // Everything but the theme's four static files, which read no content.
            assert_eq!(
                rendered,
                total - 4,
                "after editing {file}: {}",
                output.stdout
            );
        } else {
            assert!(
                rendered < total / 2,
                "after editing {file}: {}",
                output.stdout
            );
        }
        let full = site.path("full");
        let _ = fs::remove_dir_all(&full);
        site.run(&["build", "--output", full.to_str().unwrap()])
            .passes();
        let (incremental, from_nothing) = (read_tree(&site.path("public")), read_tree(&full));
        assert_eq!(
            incremental.keys().collect::<Vec<_>>(),
            from_nothing.keys().collect::<Vec<_>>(),
            "after editing {file}, the rebuild has other files than a full build"
        );
        for (path, bytes) in &incremental {
            assert!(
                *bytes == from_nothing[path],
                "after editing {file}, {path} differs from a full build"
            );
        }
    }
}

#[test]
fn a_rebuild_with_nothing_changed_renders_only_what_was_edited_by_hand() {
    let (site, _) = built();
    let output = site.run(&["build"]);
    output.passes();
    assert_eq!(rendered_of(&output.stdout).0, 0, "{}", output.stdout);
    // The record of what pages read is gone: everything is rendered again.
    fs::remove_file(site.path(".public.record")).unwrap();
    let output = site.run(&["build"]);
    let (rendered, total) = rendered_of(&output.stdout);
    assert_eq!(rendered, total, "{}", output.stdout);
}

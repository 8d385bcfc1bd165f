//! No input makes `ragtime check` panic, crash or hang.
//!
//! Bulk cases call the library (`ragtime::check`) in-process, catching panics;
//! the nastiest inputs go through the real binary, so a stack overflow or an
//! abort shows up as a failed test rather than taking the test runner down.
//! Inputs are generated from fixed seeds, so every failure reproduces; a
//! failing input is also saved under the target folder.

use crate::generate::{briefing_soup, mutate, random_bytes, soup, structured, Rng, YAML_TOKENS};
use crate::util::{example_content, Site};
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Sites to put the inputs in: small, so hundreds of checks stay fast.

/// A small plan that refers to the fuzzed inspection and the site's cycles and statuses.
const SMALL_PLAN: &str = "title: Fuzz plan
organisation: Test council
kind: inspection
responds_to: [fuzz]
summary: See [the finding](ref:fuzz#1).
recommendations:
  - id: \"1\"
    findings: [fuzz#1, fuzz#i]
    actions:
      - text: Do it
        owner: [Head of Service, RK]
        timescale: June 2016
        due: 2016-06-30
        updates:
          - cycle: 2013-06
            status: on-track
            progress: See [it](ref:fuzz-plan#1.1).
          - cycle: 2013-08
            status: complete
";

/// A small inspection for the small plan to refer to.
const SMALL_INSPECTION: &str = "title: Fuzz inspection
inspectorate: Ofsted
organisation: Test council
visit:
  start: 2015-11-30
  end: 2015-12-22
findings:
  - id: 1
    text: One
  - id: i
    text: Two
";

/// `content/site.yaml`, the example's inspections, and the small plan and
/// inspection: a site that passes, for one file at a time to be put in.
fn fixture() -> Site {
    let site = Site::example();
    site.keep_only("content/plans", &[])
        .keep_only("content/briefings", &[])
        .keep_only("content/pages", &[])
        .write("content/plans/fuzz-plan.yaml", SMALL_PLAN)
        .write("content/inspections/fuzz.yaml", SMALL_INSPECTION);
    site
}

#[test]
fn the_fixture_passes() {
    fixture().run(&["check", "--strict"]).passes();
}

fn real(file: &str) -> Vec<u8> {
    std::fs::read(example_content().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The highest line number a position in this text may have (YAML also breaks
/// lines at a lone CR, NEL, LS and PS).
fn max_line(bytes: &[u8]) -> usize {
    let mut lines = 1;
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let third = bytes.get(i + 2).copied();
        let breaks = match b {
            b'\n' => true,
            b'\r' => next != Some(b'\n'),
            0xC2 => next == Some(0x85),
            0xE2 => next == Some(0x80) && matches!(third, Some(0xA8 | 0xA9)),
            _ => false,
        };
        lines += usize::from(breaks);
    }
    lines
}

/// Where failing inputs are saved, to reproduce them with `ragtime check`.
fn save_failure(case: &str, file: &str, input: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("robustness-failures")
        .join(case);
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(&path, input).expect("save input");
    dir
}

/// Writes `input` to `file` of the site and checks the site in-process.
/// Fails, saving the input, if the checker panics or reports a position
/// outside the file. Returns the problems found in that file.
fn survives(site: &Site, file: &str, input: &[u8], case: &str) -> Vec<ragtime::Diagnostic> {
    site.write(file, input);
    let Ok(checked) = catch_unwind(AssertUnwindSafe(|| ragtime::check(site.root()))) else {
        let saved = save_failure(case, file, input);
        panic!(
            "ragtime::check panicked on {case}: {file} is saved under {}",
            saved.display()
        );
    };
    let last_line = max_line(input);
    for d in &checked.diagnostics {
        let shown = d.file.to_string_lossy();
        // The end of the input counts as the start of the line after the last
        // (that is where the YAML parser puts it).
        let inside = match (d.line, d.column) {
            (Some(line), Some(column)) => {
                (1..=last_line).contains(&line) && column >= 1
                    || (line == last_line + 1 && column == 1)
            }
            (Some(line), None) => (1..=last_line).contains(&line),
            (None, _) => true,
        };
        let ok = !d.file.is_absolute() && (shown != file || inside);
        if !ok {
            let saved = save_failure(case, file, input);
            panic!(
                "{case}: a position outside the file ({last_line} lines), saved under {}:\n{d}",
                saved.display()
            );
        }
    }
    if file != "content/site.yaml" {
        assert!(
            checked.site.is_some(),
            "{case}: one bad file must not stop the checker"
        );
    }
    checked
        .diagnostics
        .into_iter()
        .filter(|d| d.file.to_string_lossy() == file)
        .collect()
}

/// Runs `cases` generated inputs for `file` in one fixture; the first few also
/// through the binary.
fn fuzz(file: &str, seed: u64, cases: usize, generate: impl Fn(&mut Rng, usize) -> Vec<u8>) {
    let site = fixture();
    let mut rng = Rng::new(seed);
    // How far the inputs got: read fine, failed on a field (deep), or earlier.
    let (mut clean, mut deep, mut shallow) = (0, 0, 0);
    for case in 0..cases {
        let input = generate(&mut rng, case);
        let name = format!("seed-{seed}-case-{case}");
        let found = survives(&site, file, &input, &name);
        if found.is_empty() {
            clean += 1;
        } else if found.iter().any(|d| d.field.is_some()) {
            deep += 1;
        } else {
            shallow += 1;
        }
        if case < 3 {
            site.check().did_not_crash();
        }
    }
    eprintln!(
        "{file}: {cases} inputs: {clean} clean, {deep} with a field problem, {shallow} other"
    );
}

// ---------------------------------------------------------------------------
// (a) Arbitrary input in each kind of file

const CASES: usize = 200;

#[test]
fn arbitrary_plans() {
    let originals = [
        real("plans/slough-children-looked-after-2016.yaml"),
        real("plans/middlesbrough-sufficiency-permanency-2022.yaml"),
        real("plans/middlesbrough-children-in-care-2016.yaml"),
        SMALL_PLAN.as_bytes().to_vec(),
    ];
    fuzz("content/plans/fuzz.yaml", 1, CASES, |rng, case| {
        match case % 5 {
            0 => random_bytes(rng),
            1 => soup(rng, YAML_TOKENS, 200),
            2 | 3 => structured(rng, Rng::plan),
            _ => {
                let original = rng.pick(&originals).clone();
                mutate(rng, &original)
            }
        }
    });
}

#[test]
fn arbitrary_inspections() {
    let originals = [
        real("inspections/middlesbrough-ofsted-2016.yaml"),
        real("inspections/slough-ofsted.yaml"),
        real("inspections/telford-ofsted-2012.yaml"),
        SMALL_INSPECTION.as_bytes().to_vec(),
    ];
    // Named "fuzz", so the small plan's references point into it.
    fuzz(
        "content/inspections/fuzz.yaml",
        2,
        CASES,
        |rng, case| match case % 5 {
            0 => random_bytes(rng),
            1 => soup(rng, YAML_TOKENS, 200),
            2 | 3 => structured(rng, Rng::inspection),
            _ => {
                let original = rng.pick(&originals).clone();
                mutate(rng, &original)
            }
        },
    );
}

#[test]
fn arbitrary_site_settings() {
    let original = real("site.yaml");
    fuzz("content/site.yaml", 3, CASES, |rng, case| match case % 5 {
        0 => random_bytes(rng),
        1 => soup(rng, YAML_TOKENS, 200),
        2 | 3 => structured(rng, Rng::site_settings),
        _ => mutate(rng, &original),
    });
}

#[test]
fn arbitrary_briefings() {
    let originals = [
        real("briefings/telford-service-improvement-update-2013-08-15.md"),
        real("briefings/middlesbrough-piap-executive-2016-05-10.md"),
    ];
    fuzz("content/briefings/fuzz.md", 4, CASES, |rng, case| {
        match case % 5 {
            0 => random_bytes(rng),
            1 => briefing_soup(rng),
            2 | 3 => rng.briefing(),
            _ => {
                let original = rng.pick(&originals).clone();
                mutate(rng, &original)
            }
        }
    });
}

// ---------------------------------------------------------------------------
// (b) Every real file, cut short

/// Every file of the example content, as (path under content/, bytes).
fn real_files() -> Vec<(String, Vec<u8>)> {
    let mut files = vec![("site.yaml".to_owned(), real("site.yaml"))];
    for folder in ["inspections", "plans", "briefings", "pages"] {
        let Ok(entries) = std::fs::read_dir(example_content().join(folder)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .map(|e| e.expect("list").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let file = format!("{folder}/{name}");
            let bytes = real(&file);
            files.push((file, bytes));
        }
    }
    files
}

#[test]
fn every_file_truncated_at_twenty_points() {
    let files = real_files();
    assert!(files.len() >= 10, "the example has lost its files?");
    for (file, bytes) in files {
        let site = fixture();
        let target = format!("content/{file}");
        for k in 0..20 {
            // Byte offsets: some cuts land inside a multi-byte character.
            let cut = bytes.len() * k / 20;
            survives(&site, &target, &bytes[..cut], &format!("{file}-cut-{cut}"));
        }
    }
}

#[test]
fn a_plan_truncated_at_every_line() {
    let file = "plans/slough-children-looked-after-2016.yaml";
    let bytes = real(file);
    let site = fixture();
    let target = format!("content/{file}");
    let ends = bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1);
    let mut cuts = 0;
    for cut in std::iter::once(0).chain(ends) {
        survives(
            &site,
            &target,
            &bytes[..cut],
            &format!("slough-plan-line-cut-{cut}"),
        );
        // And cut just before the line break, leaving a line without its end.
        survives(
            &site,
            &target,
            &bytes[..cut.saturating_sub(1)],
            &format!("slough-plan-cut-{cut}"),
        );
        cuts += 1;
    }
    assert!(cuts > 200, "{cuts} cuts");
}

#[test]
fn a_briefing_truncated_at_every_line() {
    let file = "briefings/telford-service-improvement-update-2013-08-15.md";
    let bytes = real(file);
    let site = fixture();
    let target = format!("content/{file}");
    for (i, _) in bytes.iter().enumerate().filter(|(_, &b)| b == b'\n') {
        survives(
            &site,
            &target,
            &bytes[..=i],
            &format!("telford-briefing-cut-{i}"),
        );
    }
}

// ---------------------------------------------------------------------------
// (c) Hostile input, through the real binary

/// Runs the binary on the fixture with `input` in `file`; it must end on its own,
/// in time, with 0 or 1, without panicking.
fn binary_survives(file: &str, input: &[u8]) -> crate::util::Output {
    let site = fixture();
    site.write(file, input);
    let started = Instant::now();
    let out = site.check();
    out.did_not_crash();
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(20),
        "{file}: check took {took:?} on {} bytes",
        input.len()
    );
    out
}

const PLAN: &str = "content/plans/hostile.yaml";
const BRIEFING: &str = "content/briefings/hostile.md";

fn plan_with_title(title: &str) -> String {
    format!("title: {title}\norganisation: Test\nkind: scrutiny\n")
}

#[test]
fn deeply_nested_flow_collections() {
    let deep = 10_000;
    for (title, why) in [
        ("[".repeat(deep), "unclosed ["),
        (
            format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
            "closed [ ]",
        ),
        ("{a: ".repeat(deep), "unclosed {a: "),
        (
            format!("{}x{}", "{a: ".repeat(deep), "}".repeat(deep)),
            "closed {a: }",
        ),
    ] {
        let out = binary_survives(PLAN, plan_with_title(&title).as_bytes());
        assert!(out.code == Some(1), "{why}: {out}");
        out.error_in(PLAN);
    }
}

#[test]
fn deeply_nested_block_collections() {
    // "- - - - ... x" on one line: a list in a list in a list ...
    let dashes = format!("recommendations: {}x\n", "- ".repeat(10_000));
    binary_survives(PLAN, (plan_with_title("T") + &dashes).as_bytes())
        .fails()
        .error_in(PLAN);
    // A staircase of mappings, each indented one more space.
    let mut stairs = plan_with_title("T") + "labels:\n";
    for depth in 1..2_000 {
        let _ = writeln!(stairs, "{}a{depth}:", " ".repeat(depth));
    }
    binary_survives(PLAN, stairs.as_bytes())
        .fails()
        .error_in(PLAN);
    // The same staircase in a briefing's front matter.
    let front = format!(
        "---\ntitle: T\ndate: 2013-07-30\ndetails:\n{}---\nBody\n",
        &stairs[stairs.find("labels:\n").expect("labels") + 8..]
    );
    binary_survives(BRIEFING, front.as_bytes())
        .fails()
        .error_in(BRIEFING);
}

/// The "billion laughs": nine anchors, each a list of nine aliases of the previous one.
fn laughs() -> String {
    let mut laughs = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        let aliases = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(laughs, "{name}: &{name} [{aliases}]");
    }
    laughs
}

#[test]
fn yaml_alias_bombs() {
    let laughs = laughs();
    // As a whole plan, as a plan's labels, and as known fields' values.
    binary_survives(PLAN, laughs.as_bytes()).fails();
    let indented = laughs.replace('\n', "\n  ");
    let labels = format!("{}labels:\n  {indented}", plan_with_title("T"));
    binary_survives(PLAN, labels.as_bytes()).fails();
    let values = format!("{laughs}title: *i\norganisation: *i\n").replace("a: &a", "summary: &a");
    binary_survives(PLAN, values.as_bytes()).fails();
    // In a briefing's front matter, and as its details.
    let briefing = format!("---\n{laughs}title: *i\ndate: 2013-07-30\n---\nBody\n");
    binary_survives(BRIEFING, briefing.as_bytes()).fails();
    let details = format!("---\ntitle: T\ndate: 2013-07-30\ndetails:\n  {indented}---\nBody\n");
    binary_survives(BRIEFING, details.as_bytes()).fails();
}

#[test]
fn very_long_lines() {
    // A megabyte-long title is fine.
    binary_survives(PLAN, plan_with_title(&"x".repeat(1 << 20)).as_bytes()).passes();
    // A long unknown status, cycle and finding reference.
    let long = "x".repeat(100_000);
    let plan = format!(
        "{}recommendations:\n  - id: a\n    findings: [middlesbrough-ofsted-2016#{long}]\n    actions:\n      - text: Do\n        updates:\n          - cycle: {long}\n            status: {long}\n",
        plan_with_title("T")
    );
    binary_survives(PLAN, plan.as_bytes())
        .fails()
        .stderr_has("unknown status");
    // A megabyte of brackets, and a long ref: target, in a briefing body.
    let body = format!(
        "---\ntitle: T\ndate: 2013-07-30\n---\n{}\n\n[x](ref:fuzz-plan#{})\n",
        "[".repeat(1 << 20),
        "y".repeat(10_000)
    );
    binary_survives(BRIEFING, body.as_bytes())
        .fails()
        .stderr_has("broken link");
}

#[test]
fn deeply_nested_markdown() {
    let deep = 10_000;
    for body in [
        "> ".repeat(deep) + "[x](ref:nowhere)",
        // (a thousand levels: the text grows with the square of the depth)
        (0..1_000).fold(String::new(), |mut list, i| {
            let _ = writeln!(list, "{}- [x](ref:nowhere)", "  ".repeat(i));
            list
        }),
        "[".repeat(deep) + "x" + &"](ref:nowhere)".repeat(deep),
        "*_".repeat(deep) + "x",
        "<div>".repeat(deep),
    ] {
        let briefing = format!("---\ntitle: T\ndate: 2013-07-30\n---\n{body}\n");
        binary_survives(BRIEFING, briefing.as_bytes());
        // The same in a plan's Markdown summary, with links that work (a
        // thousand broken links in one plan take minutes: see
        // `many_problems_in_one_file_are_reported_quickly`).
        let indented = body
            .replace("ref:nowhere", "ref:fuzz-plan")
            .replace('\n', "\n  ");
        let plan = format!("{}summary: |\n  {indented}\n", plan_with_title("T"));
        binary_survives(PLAN, plan.as_bytes());
    }
}

#[test]
fn many_problems_in_one_file_are_reported_quickly() {
    let mut plan = plan_with_title("Many") + "recommendations:\n  - id: a\n    actions:\n";
    for i in 0..1_000 {
        let _ = write!(
            plan,
            "      - text: Action {i}\n        updates:\n          - cycle: 2013-08\n            status: on track\n"
        );
    }
    let started = Instant::now();
    let out = binary_survives(PLAN, plan.as_bytes());
    assert_eq!(out.fails().errors().len(), 1_000);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn many_links_on_one_line() {
    let line = "[x](ref:nowhere) ".repeat(2_000);
    let briefing = format!("---\ntitle: T\ndate: 2013-07-30\n---\n{line}\n");
    let out = binary_survives(BRIEFING, briefing.as_bytes());
    out.fails();
    let errors = out.errors();
    assert_eq!(errors.len(), 2_000, "every broken link is reported:\n{out}");
    assert!(errors
        .iter()
        .all(|e| e.file == BRIEFING && e.line == Some(5)));
}

#[test]
fn odd_files_and_names() {
    let site = fixture();
    site.write("content/plans/---.yaml", SMALL_PLAN)
        .write("content/plans/.hidden.yaml", "not: [valid")
        .write("content/plans/notes.txt", "notes")
        .write("content/plans/sub/deeper.yaml", SMALL_PLAN)
        .write("content/stray.yaml", "x")
        .write("content/pages/plans.md", "---\ntitle: Clash\n---\n")
        .write(
            "content/briefings/fuzz-plan.md",
            "---\ntitle: Same id\ndate: 2013-07-30\n---\n",
        )
        .write(
            "content/inspections/bom.yaml",
            "\u{feff}title: T\ninspectorate: I\norganisation: O\n",
        )
        .write("content/briefings/only-dashes.md", "---\n---\n")
        .write(
            "content/briefings/crlf.md",
            "---\r\ntitle: T\r\ndate: 2013-07-30\r\n---\r\nBody [x](ref:nowhere)\r\n",
        );
    let out = site.check();
    out.did_not_crash().fails();
    let problems: Vec<(String, String)> = out
        .diagnostics()
        .into_iter()
        .map(|d| (d.file, d.severity))
        .collect();
    let expected = [
        ("content/briefings/crlf.md", "error"),        // broken link
        ("content/briefings/fuzz-plan.md", "error"),   // the plan's id
        ("content/briefings/only-dashes.md", "error"), // empty
        ("content/pages/plans.md", "error"),           // a reserved name
        ("content/plans/---.yaml", "error"),           // not an id
        ("content/plans/notes.txt", "warning"),        // ignored
        ("content/plans/sub/deeper.yaml", "warning"),  // ignored
        ("content/stray.yaml", "warning"),             // ignored
    ];
    for (file, severity) in expected {
        assert!(
            problems.iter().any(|(f, s)| f == file && s == severity),
            "expected {severity} in {file}\n{out}\n{}",
            out.stderr
        );
    }
    assert!(
        problems
            .iter()
            .all(|(f, _)| !f.contains("hidden") && !f.contains("bom")),
        "{}",
        out.stderr
    );
}

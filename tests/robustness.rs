//! No input makes `ragtime check` panic, crash or hang.
//!
//! Bulk cases call the library (`ragtime::check`) in-process, catching panics;
//! the nastiest inputs go through the real binary, so a stack overflow or an
//! abort shows up as a failed test rather than taking the test runner down.
//! Inputs are generated from fixed seeds, so every failure reproduces; a
//! failing input is also saved under the target folder.

mod util;

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use util::{example_content, Site};

// ---------------------------------------------------------------------------
// A tiny deterministic generator (xorshift64*), so no new dependency is needed.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n).expect("fits");
        usize::try_from(self.next() % n).expect("fits")
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn byte(&mut self) -> u8 {
        self.next().to_le_bytes()[0]
    }
}

/// Pieces of YAML as content files use them, and pieces that break YAML.
#[rustfmt::skip]
const YAML_TOKENS: &[&str] = &[
    "title: ", "organisation: ", "kind: scrutiny", "kind: ", "body: ", "agreed: 2016-06-07",
    "agreed: ", "responds_to: [", "summary: |", "labels:", "recommendation: ", "sections:",
    "recommendations:", "actions:", "updates:", "findings:", "findings: [", "- id: ", "id: ",
    "text: ", "owner: ", "timescale: ", "target: Aug-12", "due: 2016-02-30", "due: 2016-02-29",
    "cycle: 2013-08", "cycle: ", "status: on-track", "status: on track", "status: ",
    "progress: ", "impact: ", "response:", "status: accepted", "inspectorate: Ofsted", "visit:",
    "start: 2015-11-30", "end: 2015-11-01", "published: ", "overall: good", "judgements:",
    "area: ", "grade: ", "base_url: ", "statuses:", "cycles:", "label: ", "colour: amber",
    "done: true", "date: 2013-06-27", "meeting: ", "theme: ", "description: ", "details:",
    "plans: [", "- ", "- ", "  ", "  ", "    ", "\n", "\n", "\n", "\n", ": ", ":", ",", "[",
    "]", "{", "}", "\"", "'", "|", ">", "|-", ">+", "&a ", "*a", "&b ", "*b", "<<: *a",
    "!!str ", "!!int ", "!!binary ", "!custom ", "? ", "#", "# comment", "---", "...",
    "%YAML 1.2", "%TAG ! tag:x,2000:", "~", "null", "true", "0x1F", "1e999", "-0", ".nan",
    "2016-06-07", "R1", "xiv", "1.b", "OR 21", "middlesbrough-ofsted-2016#xiv",
    "slough-ofsted#21", "telford-ofsted-2012#R1", "fuzz#1", "fuzz", "[x](ref:",
    "ref:middlesbrough-ofsted-2016#i", ")", "é", "–", "“", "\u{feff}", "\t", "\r\n", "\r",
    "\u{0}", "\\", "\\x", "\\u12", "\u{85}", "\u{2028}", "😀", "Aug-12", "31/03/16", "June 2016",
    "Sept 16", "99/99/99", "May – Aug 2016",
];

/// Pieces of Markdown, with `ref:` links good and bad.
#[rustfmt::skip]
const MARKDOWN_TOKENS: &[&str] = &[
    "# ", "## ", "\n", "\n", "\n\n", "[", "]", "(", ")", "ref:", "ref:fuzz-plan", "ref:fuzz#",
    "#R22", "[x](ref:nowhere)", "[x](ref:fuzz-plan#1)", "[x](ref:fuzz-plan#1.1)", "[x][r]",
    "[r]: ref:nowhere", "\n[r]: ref:fuzz-plan\n", "[^1]", "[^1]: note", "> ", "- ", "1. ",
    "    ", "```", "`", "*", "**", "_", "~~", "|", "|---|", "\n| a | b |\n|---|---|\n", "<",
    ">", "<a href=\"ref:x\">", "&amp;", "\\", "!", "![i](ref:x)", "é", "–", "\t", "\r\n", "---",
    "===", "text ", "words and more words ", "  \n", "<!--", "-->", "http://x", "<ref:x>",
    "[x](ref:middlesbrough-ofsted-2016#xiv)", "[x](ref:slough-ofsted#99)",
];

fn soup(rng: &mut Rng, tokens: &[&str], max: usize) -> Vec<u8> {
    let mut text = String::new();
    for _ in 0..rng.below(max) {
        text.push_str(rng.pick::<&str>(tokens));
        if rng.chance(30) {
            let word: &&str =
                rng.pick(&["a", "x y", "1", "R7", "2013-08", "on-track", "Some words"]);
            text.push_str(word);
        }
    }
    text.into_bytes()
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let len = rng.below(600);
    let ascii = rng.chance(50);
    (0..len)
        .map(|_| {
            let b = rng.byte();
            if ascii {
                *rng.pick(b"abc xyz:-[]{}#|>'\"\n\n  \t&*!?,.01")
            } else {
                b
            }
        })
        .collect()
}

/// A briefing: front matter (sometimes broken) and a Markdown body.
fn briefing_soup(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = Vec::new();
    if !rng.chance(10) {
        bytes.extend_from_slice(if rng.chance(10) { b"---\r\n" } else { b"---\n" });
    }
    if rng.chance(50) {
        bytes.extend_from_slice(b"title: Fuzz\ndate: 2013-07-30\n");
    }
    bytes.extend(soup(rng, YAML_TOKENS, 30));
    if !rng.chance(10) {
        bytes.extend_from_slice(b"\n---\n");
    }
    bytes.extend(soup(rng, MARKDOWN_TOKENS, 120));
    bytes
}

/// Applies a few random edits to a real file.
fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..=rng.below(8) {
        let len = bytes.len().max(1);
        let at = rng.below(len).min(bytes.len());
        match rng.below(8) {
            0 => {
                let end = (at + 1 + rng.below(60)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 => {
                let token = if rng.chance(50) {
                    rng.pick(YAML_TOKENS)
                } else {
                    rng.pick(MARKDOWN_TOKENS)
                };
                bytes.splice(at..at, token.bytes());
            }
            2 | 3 => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let i = rng.below(lines.len());
                let j = rng.below(lines.len());
                match rng.below(4) {
                    0 => {
                        let line = lines[i].clone();
                        lines.insert(j, line);
                    }
                    1 => {
                        lines.remove(i);
                    }
                    2 => lines.swap(i, j),
                    _ => {
                        // re-indent a line
                        let line = &mut lines[i];
                        if rng.chance(50) {
                            let spaces = vec![b' '; 1 + rng.below(4)];
                            line.splice(0..0, spaces);
                        } else {
                            let strip = line
                                .iter()
                                .take(1 + rng.below(4))
                                .take_while(|&&b| b == b' ')
                                .count();
                            line.drain(..strip);
                        }
                    }
                }
                bytes = lines.join(&b'\n');
            }
            4 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b = rng.byte();
                }
            }
            5 => bytes.truncate(at),
            6 => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                for (from, to) in [
                    ("on-track", "on track"),
                    ("2013-08", "2013-8"),
                    ("2016-04", "2016-4"),
                    ("#", "#x"),
                    ("ref:", "ref:x"),
                    ("id: ", "id: R1"),
                    ("    ", "   "),
                ] {
                    if rng.chance(20) {
                        bytes = text.replacen(from, to, 1 + rng.below(3)).into_bytes();
                        break;
                    }
                }
            }
            _ => {
                let end = (at + rng.below(200)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len().max(1)).min(bytes.len());
                bytes.splice(to..to, copy);
            }
        }
    }
    bytes
}

// ---------------------------------------------------------------------------
// Well-formed YAML with random content: gets past the parser, so the
// resolver, the reference checks and the position finder get exercised.

/// A YAML value to write out in block style.
enum Y {
    S(String),
    L(Vec<Y>),
    M(Vec<(String, Y)>),
}

/// Values that are right, and values that are wrong (used now and then).
type Pool = (&'static [&'static str], &'static [&'static str]);

#[rustfmt::skip]
const IDS: Pool = (
    &["a", "b", "R1", "R1.1", "1", "1.b", "xiv", "i", "a.1", "R7-R20", "priority-1"],
    &["OR 21", "", "-x", "é", "a#b"],
);
#[rustfmt::skip]
const DOC_IDS: Pool = (
    &["fuzz", "fuzz-plan", "middlesbrough-ofsted-2016", "slough-ofsted"],
    &["nowhere", "", "Fuzz"],
);
#[rustfmt::skip]
const STATUSES: Pool = (
    &["complete", "on-track", "at-risk", "behind", "not-started"],
    &["on track", "Done", ""],
);
#[rustfmt::skip]
const CYCLES: Pool = (&["2013-06", "2013-08", "2016-04"], &["2013-8", "", "2099-01"]);
#[rustfmt::skip]
const DATES: Pool = (
    &["2016-06-07", "2016-02-29", "9999-12-31", "2013-08-15"],
    &["2015-02-29", "2016-13-01", "2016-6-7", "07/06/2016", "", "0000-00-00", "2016-06-07 "],
);
#[rustfmt::skip]
const TEXTS: Pool = (
    &[
        "Do it", "", "  ", "Aug-12", "June 2016", "31/03/16", "Quarterly", "May – Aug 2016",
        "Café “quoted”", "a: b", "- x", "#hash", "line one\nline two", "x\ty", "\u{feff}bom",
        "😀", "end of September 2016 and ongoing", "Sept 16", "by 6th June 2016", "TBA",
    ],
    &[],
);

impl Rng {
    fn text(&mut self, (good, bad): Pool) -> Y {
        let pool = if bad.is_empty() || self.chance(92) {
            good
        } else {
            bad
        };
        Y::S((*self.pick(pool)).to_owned())
    }

    fn word(&mut self, pool: Pool) -> String {
        match self.text(pool) {
            Y::S(s) => s,
            _ => unreachable!(),
        }
    }

    fn markdown(&mut self) -> Y {
        let mut text = String::new();
        for _ in 0..self.below(12) {
            if self.chance(30) {
                let (doc, item) = (self.word(DOC_IDS), self.word(IDS));
                let _ = write!(text, "[link](ref:{doc}#{item}) ");
            } else if self.chance(10) {
                let doc = self.word(DOC_IDS);
                let _ = write!(text, "[doc](ref:{doc}) ");
            } else {
                let token = *self.pick::<&str>(MARKDOWN_TOKENS);
                text.push_str(token);
            }
        }
        Y::S(text)
    }

    fn list(&mut self, max: usize, mut item: impl FnMut(&mut Rng) -> Y) -> Y {
        Y::L((0..self.below(max + 1)).map(|_| item(self)).collect())
    }

    /// A mapping with the required fields, some optional ones, and now and then
    /// a misspelt or missing field.
    fn fields(&mut self, required: Vec<(&str, Y)>, optional: Vec<(&str, Y)>) -> Y {
        let mut entries = Vec::new();
        for (key, value) in required {
            if !self.chance(3) {
                entries.push((key.to_owned(), value));
            }
        }
        for (key, value) in optional {
            if self.chance(50) {
                entries.push((key.to_owned(), value));
            }
        }
        if self.chance(4) && !entries.is_empty() {
            let i = self.below(entries.len());
            entries[i].0.push('x');
        }
        if self.chance(20) && entries.len() > 1 {
            let i = self.below(entries.len());
            let j = self.below(entries.len());
            entries.swap(i, j);
        }
        Y::M(entries)
    }

    fn finding_refs(&mut self) -> Y {
        self.list(3, |rng| {
            let (doc, item) = (rng.word(DOC_IDS), rng.word(IDS));
            Y::S(if rng.chance(5) {
                doc
            } else {
                format!("{doc}#{item}")
            })
        })
    }

    fn action(&mut self) -> Y {
        let updates = self.list(3, |rng| {
            let (cycle, status, progress, impact, due) = (
                rng.text(CYCLES),
                rng.text(STATUSES),
                rng.markdown(),
                rng.markdown(),
                rng.text(DATES),
            );
            rng.fields(
                vec![("cycle", cycle)],
                vec![
                    ("status", status),
                    ("progress", progress),
                    ("impact", impact),
                    ("due", due),
                ],
            )
        });
        let owner = if self.chance(50) {
            self.text(TEXTS)
        } else {
            self.list(3, |rng| rng.text(TEXTS))
        };
        let optional = vec![
            ("id", self.text(IDS)),
            ("owner", owner),
            ("timescale", self.text(TEXTS)),
            ("target", self.text(TEXTS)),
            ("due", self.text(DATES)),
            ("measure", self.text(TEXTS)),
            ("findings", self.finding_refs()),
            ("updates", updates),
        ];
        let text = self.text(TEXTS);
        self.fields(vec![("text", text)], optional)
    }

    fn recommendation(&mut self) -> Y {
        let response = {
            let status = self.text((&["accepted", "partially-accepted", "rejected"], &["maybe"]));
            let text = self.markdown();
            self.fields(vec![("status", status)], vec![("text", text)])
        };
        let optional = vec![
            ("title", self.text(TEXTS)),
            ("text", self.text(TEXTS)),
            ("findings", self.finding_refs()),
            ("response", response),
            ("actions", self.list(3, Rng::action)),
        ];
        let id = self.text(IDS);
        self.fields(vec![("id", id)], optional)
    }

    fn plan(&mut self) -> Y {
        let sections = self.list(3, |rng| {
            let optional = vec![
                ("id", rng.text(IDS)),
                ("recommendations", rng.list(3, Rng::recommendation)),
                ("actions", rng.list(2, Rng::action)),
            ];
            let title = rng.text(TEXTS);
            rng.fields(vec![("title", title)], optional)
        });
        let required = vec![
            ("title", self.text(TEXTS)),
            ("organisation", self.text(TEXTS)),
            (
                "kind",
                self.text((
                    &["scrutiny", "inspection", "peer-review", "improvement"],
                    &["x"],
                )),
            ),
        ];
        let optional = vec![
            ("agreed", self.text(DATES)),
            ("responds_to", self.list(2, |rng| rng.text(DOC_IDS))),
            ("summary", self.markdown()),
            (
                "labels",
                Y::M(vec![("status".to_owned(), self.text(TEXTS))]),
            ),
            ("sections", sections),
            ("recommendations", self.list(4, Rng::recommendation)),
        ];
        self.fields(required, optional)
    }

    fn inspection(&mut self) -> Y {
        let grades: Pool = (
            &["good", "requires-improvement", "adequate"],
            &["requires improvement"],
        );
        let visit = {
            let (start, end) = (self.text(DATES), self.text(DATES));
            self.fields(vec![("start", start), ("end", end)], vec![])
        };
        let judgements = self.list(3, |rng| {
            let (area, grade) = (rng.text(TEXTS), rng.text(grades));
            rng.fields(vec![("area", area), ("grade", grade)], vec![])
        });
        let findings = self.list(5, |rng| {
            let (id, text) = (rng.text(IDS), rng.text(TEXTS));
            rng.fields(vec![("id", id), ("text", text)], vec![])
        });
        let required = vec![
            ("title", self.text(TEXTS)),
            ("inspectorate", self.text(TEXTS)),
            ("organisation", self.text(TEXTS)),
        ];
        let optional = vec![
            ("visit", visit),
            ("published", self.text(DATES)),
            ("overall", self.text(grades)),
            ("judgements", judgements),
            ("summary", self.markdown()),
            ("findings", findings),
        ];
        self.fields(required, optional)
    }

    fn site_settings(&mut self) -> Y {
        let statuses = self.list(6, |rng| {
            let (id, label) = (rng.text(STATUSES), rng.text(TEXTS));
            let colour = rng.text((&["blue", "green", "amber", "red", "grey"], &["pink"]));
            let done = rng.text((&["true", "false"], &["yes"]));
            rng.fields(
                vec![("id", id), ("label", label), ("colour", colour)],
                vec![("done", done)],
            )
        });
        let cycles = self.list(4, |rng| {
            let (id, date, meeting) = (rng.text(CYCLES), rng.text(DATES), rng.text(TEXTS));
            rng.fields(
                vec![("id", id), ("date", date), ("meeting", meeting)],
                vec![],
            )
        });
        let required = vec![
            ("title", self.text(TEXTS)),
            ("organisation", self.text(TEXTS)),
            (
                "base_url",
                self.text((&["https://example.org/"], &["", "x"])),
            ),
            ("cycles", cycles),
        ];
        let theme = self.text(TEXTS);
        self.fields(required, vec![("statuses", statuses), ("theme", theme)])
    }

    fn briefing(&mut self) -> Vec<u8> {
        let details = Y::M(
            (0..self.below(3))
                .map(|_| (self.word(TEXTS), self.text(TEXTS)))
                .collect(),
        );
        let required = vec![("title", self.text(TEXTS)), ("date", self.text(DATES))];
        let optional = vec![
            ("meeting", self.text(TEXTS)),
            ("plans", self.list(2, |rng| rng.text(DOC_IDS))),
            ("cycle", self.text(CYCLES)),
            ("details", details),
        ];
        let meta = self.fields(required, optional);
        let mut text = String::from("---\n");
        self.emit(&meta, 0, false, &mut text);
        text.push_str("---\n");
        if let Y::S(body) = self.markdown() {
            text.push_str(&body);
        }
        text.into_bytes()
    }

    /// Writes a value in block style, the way people write content files.
    fn emit(&mut self, y: &Y, indent: usize, inline: bool, out: &mut String) {
        let pad = " ".repeat(indent);
        match y {
            Y::S(s) => {
                let scalar = self.scalar(s, indent);
                out.push_str(&scalar);
            }
            Y::M(entries) => {
                for (i, (key, value)) in entries.iter().enumerate() {
                    if !(inline && i == 0) {
                        out.push_str(&pad);
                    }
                    out.push_str(&quote(key));
                    out.push(':');
                    match value {
                        Y::S(s) => {
                            out.push(' ');
                            let scalar = self.scalar(s, indent + 2);
                            out.push_str(&scalar);
                        }
                        Y::L(items) if items.is_empty() => out.push_str(" []\n"),
                        Y::M(items) if items.is_empty() => out.push_str(" {}\n"),
                        _ => {
                            out.push('\n');
                            self.emit(value, indent + 2, false, out);
                        }
                    }
                }
                if entries.is_empty() {
                    out.push_str("{}\n");
                }
            }
            Y::L(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !(inline && i == 0) {
                        out.push_str(&pad);
                    }
                    out.push_str("- ");
                    self.emit(item, indent + 2, true, out);
                }
                if items.is_empty() {
                    out.push_str("[]\n");
                }
            }
        }
    }

    /// A scalar and its line end: plain, quoted, or a `|` block, as it fits.
    fn scalar(&mut self, s: &str, indent: usize) -> String {
        let plain = !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || " -.#/()".contains(c))
            && s.starts_with(|c: char| c.is_alphanumeric())
            && !s.ends_with(' ');
        let block = s.contains('\n')
            && !s.starts_with([' ', '\n'])
            && s.chars().all(|c| c == '\n' || c == '\t' || !c.is_control())
            && !s.contains('\u{feff}');
        if block && self.chance(70) {
            let pad = " ".repeat(indent);
            let mut out = String::from("|\n");
            for line in s.trim_end_matches('\n').split('\n') {
                if !line.is_empty() {
                    out.push_str(&pad);
                }
                out.push_str(line);
                out.push('\n');
            }
            out
        } else if plain && self.chance(70) {
            format!("{s}\n")
        } else {
            format!("{}\n", quote(s))
        }
    }
}

/// A YAML double-quoted string (JSON escapes are valid YAML).
fn quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return s.to_owned();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A well-formed document, written out.
fn structured(rng: &mut Rng, make: fn(&mut Rng) -> Y) -> Vec<u8> {
    let tree = make(rng);
    let mut text = String::new();
    rng.emit(&tree, 0, false, &mut text);
    text.into_bytes()
}

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
fn binary_survives(file: &str, input: &[u8]) -> util::Output {
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

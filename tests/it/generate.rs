//! Inputs for the robustness tests, generated from fixed seeds so every
//! failure reproduces: byte soup, token soup, edits to real files, and
//! well-formed YAML with random content (which gets past the parser, so the
//! resolver, the reference checks and the position finder are exercised).

use std::fmt::Write as _;

// ---------------------------------------------------------------------------
// A tiny deterministic generator (xorshift64*), so no new dependency is needed.

pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
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

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub(crate) fn byte(&mut self) -> u8 {
        self.next().to_le_bytes()[0]
    }
}

/// Pieces of YAML as content files use them, and pieces that break YAML.
#[rustfmt::skip]
pub(crate) const YAML_TOKENS: &[&str] = &[
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

pub(crate) fn soup(rng: &mut Rng, tokens: &[&str], max: usize) -> Vec<u8> {
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

pub(crate) fn random_bytes(rng: &mut Rng) -> Vec<u8> {
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
pub(crate) fn briefing_soup(rng: &mut Rng) -> Vec<u8> {
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
pub(crate) fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
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
pub(crate) enum Y {
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
    pub(crate) fn text(&mut self, (good, bad): Pool) -> Y {
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

    pub(crate) fn list(&mut self, max: usize, mut item: impl FnMut(&mut Rng) -> Y) -> Y {
        Y::L((0..self.below(max + 1)).map(|_| item(self)).collect())
    }

    /// A mapping with the required fields, some optional ones, and now and then
    /// a misspelt or missing field.
    pub(crate) fn fields(&mut self, required: Vec<(&str, Y)>, optional: Vec<(&str, Y)>) -> Y {
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

    pub(crate) fn plan(&mut self) -> Y {
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

    pub(crate) fn inspection(&mut self) -> Y {
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

    pub(crate) fn site_settings(&mut self) -> Y {
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

    pub(crate) fn briefing(&mut self) -> Vec<u8> {
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
pub(crate) fn structured(rng: &mut Rng, make: fn(&mut Rng) -> Y) -> Vec<u8> {
    let tree = make(rng);
    let mut text = String::new();
    rng.emit(&tree, 0, false, &mut text);
    text.into_bytes()
}

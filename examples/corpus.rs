//! Writes a synthetic but valid ragtime site of a given size, for benchmarks.
//!
//!     cargo run --release --example corpus -- --size region --seed 1 --out DIR [--hugo HUGO_DIR]
//!
//! `--out DIR` writes `DIR/content/` (site.yaml, inspections, plans, briefings,
//! pages); `ragtime build --root DIR` builds it. `--hugo HUGO_DIR` also (or
//! instead) writes an equivalent Hugo site: one Markdown page for each HTML page
//! ragtime makes (the same URLs), holding about the same text, with a minimal
//! layout (each plan's earlier updates, status panel and embed code, the
//! committee reports, indicators and organisations included). `--hugo-full
//! HUGO_DIR` writes a second Hugo equivalent in which each "plan as reported
//! at a cycle" page holds the whole plan as of that cycle (and the page of
//! earlier updates their text), as ragtime's do, so Hugo writes about as much
//! HTML as ragtime (the plain `--hugo` site holds about as much Markdown as
//! ragtime's content). Everything is deterministic from `--seed`: the same
//! arguments write the same bytes. Any existing `DIR/content` (and the Hugo site's `content`,
//! `layouts`, `static` and `config.toml`) is replaced.
//!
//! Sizes (plans, actions, committee cycles, inspections):
//!   council    10 plans,     500 actions,  6 cycles,     4 inspections
//!   region    500 plans,  25,000 actions,  8 cycles,   200 inspections
//!   national 5,000 plans, 250,000 actions, 12 cycles, 2,000 inspections
//! `--plans N`, `--actions N`, `--cycles N`, `--inspections N` and
//! `--indicators N` (council 8, region 200, national 2,000) override a size;
//! `--indicators 0` writes a site without indicators.
//!
//! No crates beyond the standard library: a splitmix64 generator, a tiny civil
//! date type, and YAML written by hand (every free-text scalar double-quoted and
//! escaped, Markdown in literal block scalars).

// Test-data arithmetic: counts, lengths and dates are small, so the casts
// between integer and float types below cannot truncate, wrap or lose precision.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::similar_names
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// ---------------------------------------------------------------------------
// Randomness

/// splitmix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed ^ 0x5851_f42d_4c95_7f2d);
        rng.next();
        rng
    }
    /// An independent stream for item `n` of kind `salt`, so one plan's text does
    /// not depend on how much text the plans before it drew.
    fn fork(seed: u64, salt: u64, n: u64) -> Rng {
        Rng::new(
            seed.wrapping_mul(0x9e37_79b9_7f4a_7c15)
                ^ salt.wrapping_mul(0xbf58_476d_1ce4_e5b9)
                ^ n.wrapping_mul(0x94d0_49bb_1331_11eb),
        )
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// Dates

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    y: i32,
    m: u32,
    d: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    fn new(y: i32, m: u32, d: u32) -> Date {
        Date {
            y,
            m,
            d: d.min(days_in_month(y, m)),
        }
    }
    fn add_months(self, n: i32) -> Date {
        let total = self.y * 12 + self.m as i32 - 1 + n;
        Date::new(
            total.div_euclid(12),
            total.rem_euclid(12) as u32 + 1,
            self.d,
        )
    }
    fn end_of_month(self) -> Date {
        Date {
            d: days_in_month(self.y, self.m),
            ..self
        }
    }
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
    fn month_year(self) -> String {
        format!("{} {}", MONTHS[self.m as usize - 1], self.y)
    }
    fn long(self) -> String {
        format!("{} {} {}", self.d, MONTHS[self.m as usize - 1], self.y)
    }
    /// "Mar-24", as papers write target dates.
    fn short(self) -> String {
        format!("{}-{:02}", &MONTHS[self.m as usize - 1][..3], self.y % 100)
    }
}

// ---------------------------------------------------------------------------
// Vocabulary

const PLACES: [&str; 64] = [
    "Ashbourne",
    "Barnfield",
    "Brackwell",
    "Calderton",
    "Castlemere",
    "Chadwick",
    "Cranleigh",
    "Dunmore",
    "Eastleigh Vale",
    "Fairhaven",
    "Fenwick",
    "Glenford",
    "Greystoke",
    "Hadley",
    "Harrowgate",
    "Hartfield",
    "Highcliffe",
    "Holmbury",
    "Ingleby",
    "Kelvedon",
    "Kingsmere",
    "Langley Marsh",
    "Lowther",
    "Marlow Heath",
    "Medbury",
    "Millbrook",
    "Newbold",
    "Northam",
    "Oakhampton",
    "Pemberton",
    "Penrose",
    "Queensbury",
    "Radley",
    "Redcastle",
    "Ribbleton",
    "Rowanby",
    "Saltmarsh",
    "Sandford",
    "Shelbourne",
    "Southwold",
    "Stanbridge",
    "Stoneleigh",
    "Sudbury Cross",
    "Thornbury",
    "Tillingham",
    "Trentham",
    "Upton Magna",
    "Wadebridge",
    "Walsingham",
    "Wareham",
    "Wellbrook",
    "Westerby",
    "Whitcombe",
    "Wickham",
    "Willowdale",
    "Winterbourne",
    "Woodhurst",
    "Wrexford",
    "Yarnton",
    "Yelverton",
    "Ambleside",
    "Bexworth",
    "Carrick Down",
    "Dorrington",
];
const COUNCIL_KINDS: [&str; 6] = [
    "Borough Council",
    "City Council",
    "County Council",
    "District Council",
    "Metropolitan Borough Council",
    "Council",
];
const COMPASS: [&str; 6] = ["North ", "East ", "West ", "South ", "Mid ", ""];

const SERVICES: [(&str, &str); 10] = [
    (
        "children's services",
        "Children and Young People Scrutiny Committee",
    ),
    (
        "services for children in need of help and protection",
        "Children's Services Improvement Board",
    ),
    (
        "adult social care",
        "Adults, Health and Wellbeing Scrutiny Panel",
    ),
    (
        "special educational needs and disabilities (SEND)",
        "SEND Partnership Board",
    ),
    (
        "housing and homelessness services",
        "Housing and Communities Overview & Scrutiny Committee",
    ),
    ("youth justice services", "Youth Justice Management Board"),
    ("planning and building control", "Place Scrutiny Committee"),
    (
        "waste, recycling and street cleansing",
        "Environment Scrutiny Panel",
    ),
    (
        "corporate governance and finance",
        "Audit and Governance Committee",
    ),
    ("public health and wellbeing", "Health and Wellbeing Board"),
];
const TOPICS: [&str; 16] = [
    "improvement plan",
    "post-inspection action plan",
    "scrutiny review action plan",
    "peer review action plan",
    "sufficiency strategy action plan",
    "quality assurance improvement plan",
    "workforce development plan",
    "corporate parenting action plan",
    "early help improvement plan",
    "safeguarding partnership action plan",
    "transformation programme",
    "recovery plan",
    "governance improvement plan",
    "service review action plan",
    "performance improvement plan",
    "written statement of action",
];

const VERBS: [&str; 24] = [
    "Review",
    "Develop",
    "Implement",
    "Embed",
    "Strengthen",
    "Establish",
    "Audit",
    "Refresh",
    "Agree",
    "Commission",
    "Introduce",
    "Monitor",
    "Publish",
    "Deliver",
    "Redesign",
    "Clarify",
    "Evaluate",
    "Extend",
    "Streamline",
    "Improve",
    "Consolidate",
    "Co-produce",
    "Align",
    "Roll out",
];
const OBJECTS: [&str; 48] = [
    "the multi-agency threshold guidance",
    "the quality assurance framework for social work practice",
    "the corporate parenting strategy",
    "supervision arrangements for frontline managers",
    "the early help assessment pathway",
    "return home interviews for children who go missing",
    "the escalation protocol for independent reviewing officers",
    "the recruitment and retention strategy",
    "the performance scorecard reported to the leadership team",
    "pathway plans for care leavers",
    "the placement sufficiency strategy",
    "the local offer for children with SEND",
    "the annual health check process for children looked after",
    "the complaints and compliments procedure",
    "the commissioning framework for residential placements",
    "the case audit programme",
    "the joint protocol with health and police partners",
    "the training programme for newly qualified social workers",
    "the private fostering awareness campaign",
    "the management information dashboard",
    "the housing allocations policy",
    "temporary accommodation standards",
    "the homelessness prevention pathway",
    "the fraud and error action plan",
    "the risk register and its review cycle",
    "the medium-term financial plan",
    "the contract management toolkit",
    "the data protection and records policy",
    "the customer contact strategy",
    "the street cleansing schedule",
    "the missed bin collection process",
    "the planning enforcement policy",
    "validation checklists for planning applications",
    "the carers' assessment process",
    "direct payments guidance",
    "the hospital discharge pathway",
    "the transitions protocol for young people moving to adult services",
    "the youth offending re-offending plan",
    "the education, health and care plan (EHCP) timeliness tracker",
    "the virtual school's personal education plans",
    "life story work and later-life letters",
    "the advocacy offer for children and young people",
    "the workforce development plan",
    "the participation strategy",
    "the domestic abuse pathway",
    "the child sexual exploitation (CSE) risk assessment tool",
    "the scheme of delegation",
    "the member induction programme",
];
const PURPOSES: [&str; 22] = [
    "so that risks to children are promptly assessed by a qualified social worker",
    "to ensure that plans are up to date, relevant and based on a thorough analysis of need",
    "across the partnership, with clear and up-to-date guidance",
    "with key partners including health, police and schools",
    "so that managers oversee the frequency, quality and impact of contact",
    "and report progress to the Board every quarter",
    "so that learning from complaints and audits shapes services",
    "to reduce reliance on agency staff",
    "so that residents receive a timely and consistent service",
    "in line with the statutory guidance",
    "and make sure every team applies it consistently",
    "to ensure value for money and compliance with contract standing orders",
    "so that the Committee can scrutinise performance against target",
    "so that young people's views are recorded in a reportable way",
    "and agree the outcome with the Lead Member",
    "to improve timeliness against the 20-week target",
    "taking account of feedback from children, families and carers",
    "so that the service can evidence impact, not only activity",
    "in consultation with staff and trade unions",
    "and embed it through training and practice standards",
    "so that it is understood at all levels of the organisation",
    "to address the findings of the last inspection",
];
const DETAILS: [&str; 12] = [
    "This will include a review of caseloads and management oversight.",
    "Findings will be reported to the Improvement Board.",
    "A task and finish group will be set up with partners to take this forward.",
    "The approach will be tested in two teams before it is rolled out.",
    "Performance will be tracked monthly through the dashboard.",
    "Children and young people will be involved in designing the changes.",
    "The revised arrangements will be signed off by the Director.",
    "Staff briefings will explain what is expected of each team.",
    "Budget implications will be set out in a report to Cabinet.",
    "The policy will be published on the council's website.",
    "Progress will be reviewed at the six-monthly challenge session.",
    "Dip-sampling will confirm that the change is embedded in practice.",
];
const REASONS: [&str; 12] = [
    "vacancies in the team",
    "delays in agreeing the approach with health partners",
    "the volume of new referrals",
    "the need to re-procure the ICT system",
    "changes to national guidance",
    "the late start of the new service manager",
    "a rise in demand over the winter",
    "the pause while the restructure was consulted on",
    "capacity pressures in the commissioning team",
    "the time taken to recruit to the new posts",
    "data quality problems in the case management system",
    "budget pressures across the directorate",
];
const BOARDS: [&str; 10] = [
    "the Improvement Board",
    "the Corporate Parenting Board",
    "the Scrutiny Committee",
    "the Senior Leadership Team",
    "Cabinet",
    "the Safeguarding Partnership",
    "the Health and Wellbeing Board",
    "the Audit Committee",
    "the Directorate Management Team",
    "the Lead Member",
];
const THINGS: [&str; 8] = [
    "workshops",
    "case audits",
    "team briefings",
    "practice weeks",
    "training sessions",
    "dip samples",
    "locality visits",
    "focus groups",
];
const AUDIT_OUTCOMES: [&str; 6] = [
    "were rated good or better",
    "had an up-to-date plan",
    "showed evidence of management oversight",
    "recorded the child's views",
    "met the statutory timescale",
    "had been reviewed within the last six months",
];

const POSTS: [&str; 11] = [
    "Head of",
    "Service Manager,",
    "Director of",
    "Assistant Director,",
    "Team Manager,",
    "Lead Officer for",
    "Principal Officer,",
    "Strategic Lead for",
    "Practice Lead,",
    "Operations Manager,",
    "Commissioning Manager,",
];
const AREAS: [&str; 40] = [
    "Safeguarding & Care Planning",
    "Children in Care",
    "Early Help and Prevention",
    "Corporate Parenting",
    "Fostering and Adoption",
    "Quality Assurance",
    "Workforce Development",
    "Performance and Intelligence",
    "SEND",
    "Education Inclusion",
    "Youth Justice",
    "Leaving Care",
    "Residential Services",
    "Commissioning",
    "Adult Social Care",
    "Mental Health",
    "Learning Disabilities",
    "Hospital Discharge",
    "Housing Options",
    "Temporary Accommodation",
    "Homelessness Prevention",
    "Planning",
    "Building Control",
    "Waste Services",
    "Street Scene",
    "Finance",
    "Audit and Risk",
    "Legal Services",
    "Democratic Services",
    "HR and OD",
    "ICT and Digital",
    "Customer Services",
    "Public Health",
    "Community Safety",
    "Domestic Abuse",
    "Exploitation and Missing",
    "Virtual School",
    "Independent Reviewing Service",
    "Transitions",
    "Partnerships",
];

const INSPECTORATES: [&str; 5] = [
    "Ofsted",
    "CQC",
    "Ofsted and CQC",
    "HM Inspectorate of Probation",
    "LGA Peer Challenge",
];
const GRADES: [&str; 5] = [
    "outstanding",
    "good",
    "requires-improvement",
    "adequate",
    "inadequate",
];
const JUDGEMENT_AREAS: [&str; 6] = [
    "Children who need help and protection",
    "Children looked after and achieving permanence",
    "Adoption performance",
    "Experiences and progress of care leavers",
    "Leadership, management and governance",
    "The impact of leaders on social work practice",
];
const FINDING_STARTS: [&str; 10] = [
    "Ensure that",
    "Improve",
    "Strengthen",
    "Review",
    "Take urgent steps to ensure that",
    "With key partners, ensure that",
    "Develop",
    "Make sure that",
    "Evaluate",
    "Significantly improve",
];

const STATUSES: [&str; 5] = ["complete", "on-track", "at-risk", "behind", "not-started"];
const STATUS_LABELS: [&str; 5] = [
    "Complete",
    "In progress – on schedule",
    "At risk",
    "Behind schedule",
    "Not started",
];
const NO_DUE_TIMESCALES: [&str; 7] = [
    "Ongoing",
    "Quarterly",
    "Monthly",
    "TBC",
    "Annually",
    "Termly",
    "Immediate",
];

fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn roman(mut n: usize) -> String {
    let table = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut out = String::new();
    for (value, text) in table {
        while n >= value {
            out.push_str(text);
            n -= value;
        }
    }
    out
}

/// A length in lo..=hi, skewed towards the short end (as real papers are).
fn skewed_len(rng: &mut Rng, lo: usize, hi: usize) -> usize {
    let u = rng.unit();
    lo + ((hi - lo) as f64 * u * u) as usize
}

// ---------------------------------------------------------------------------
// Text

fn action_text(rng: &mut Rng, target: usize) -> String {
    let mut text = format!(
        "{} {} {}.",
        rng.pick(&VERBS),
        rng.pick(&OBJECTS),
        rng.pick(&PURPOSES)
    );
    while text.len() < target {
        text.push(' ');
        text.push_str(rng.pick::<&str>(&DETAILS));
    }
    text
}

fn finding_text(rng: &mut Rng, target: usize) -> String {
    let mut text = format!(
        "{} {} {}.",
        rng.pick(&FINDING_STARTS),
        rng.pick(&OBJECTS),
        rng.pick(&PURPOSES)
    );
    while text.len() < target {
        text.push_str(&format!(
            " This should include {} {}.",
            rng.pick(&OBJECTS),
            rng.pick(&PURPOSES)
        ));
    }
    text
}

fn progress_sentence(rng: &mut Rng, status: &str, when: Date) -> String {
    let object = *rng.pick(&OBJECTS);
    let board = *rng.pick(&BOARDS);
    match (status, rng.below(3)) {
        ("complete", 0) => format!("{} has been completed and was signed off by {board} in {}.", capitalise(object), when.month_year()),
        ("complete", 1) => format!("Complete: the new arrangements went live on {} and are now business as usual.", when.add_months(-1).long()),
        ("complete", _) => format!("All milestones have been met; evidence of impact was presented to {board}."),
        ("on-track", 0) => {
            let m = rng.range(4, 40);
            format!("Work on {object} is progressing as planned; {} of {m} {} have been completed.", rng.range(1, m), rng.pick(&THINGS))
        }
        ("on-track", 1) => format!("A draft of {object} was shared with {board} on {} and comments are being addressed.", when.add_months(-1).long()),
        ("on-track", _) => format!("Early feedback from staff is positive and the work remains on schedule for {}.", when.add_months(3).month_year()),
        ("at-risk", 0) => format!("Progress on {object} has slowed because of {}.", rng.pick(&REASONS)),
        ("at-risk", 1) => format!("There is a risk that the timescale will slip: {} means the \"go live\" date is under review.", rng.pick(&REASONS)),
        ("at-risk", _) => format!("Mitigations have been agreed with {board}, but delivery by the target date is not yet assured."),
        ("behind", 0) => format!("{} has been delayed by {}; a revised timescale has been agreed with {board}.", capitalise(object), rng.pick(&REASONS)),
        ("behind", 1) => format!("This action is behind schedule. The delay is due to {} and is being escalated to {board}.", rng.pick(&REASONS)),
        ("behind", _) => format!("Only {}% of the planned {} took place by the end of {}.", rng.range(20, 70), rng.pick(&THINGS), when.add_months(-1).month_year()),
        (_, 0) => format!("Work on {object} has not yet started; it is scheduled to begin in {}.", when.add_months(2).month_year()),
        (_, 1) => format!("Scoping of {object} will start once the new post holder is in place."),
        (_, _) => format!("A project brief is being prepared for {board}."),
    }
}

fn general_sentence(rng: &mut Rng, when: Date) -> String {
    match rng.below(6) {
        0 => format!(
            "An audit of {} cases in {} found that {}% {}.",
            rng.range(10, 120),
            when.add_months(-1).month_year(),
            rng.range(35, 98),
            rng.pick(&AUDIT_OUTCOMES)
        ),
        1 => format!(
            "{} received a report on {} on {}.",
            capitalise(rng.pick::<&str>(&BOARDS)),
            rng.pick(&OBJECTS),
            when.add_months(-1).long()
        ),
        2 => format!(
            "Training on {} has been delivered to {} staff, with a further {} sessions planned.",
            rng.pick(&OBJECTS),
            rng.range(12, 240),
            rng.range(2, 9)
        ),
        3 => format!(
            "The next report will be presented to {} in {}.",
            rng.pick(&BOARDS),
            when.add_months(2).month_year()
        ),
        4 => format!(
            "Feedback from children, families & carers has been used to refine {}.",
            rng.pick(&OBJECTS)
        ),
        _ => format!(
            "Spend to date is £{},{:03} against a budget of £{},000.",
            rng.range(5, 240),
            rng.below(1000),
            rng.range(250, 900)
        ),
    }
}

/// A progress report, 100–600 characters, sometimes with Markdown.
fn progress_text(
    rng: &mut Rng,
    status: &str,
    when: Date,
    plan_id: &str,
    rec_ids: &[String],
) -> String {
    let target = skewed_len(rng, 100, 600);
    let mut text = progress_sentence(rng, status, when);
    while text.len() < target {
        text.push(' ');
        if rng.chance(0.5) {
            text.push_str(&progress_sentence(rng, status, when));
        } else {
            text.push_str(&general_sentence(rng, when));
        }
    }
    if !rec_ids.is_empty() && rng.chance(0.06) {
        let rec = rng.pick(rec_ids);
        text.push_str(&format!(" See also [{rec}](ref:{plan_id}#{rec})."));
    }
    if rng.chance(0.08) {
        text.push_str(&format!(
            "\n\n**Next steps:**\n\n- {}\n- {}",
            general_sentence(rng, when),
            general_sentence(rng, when)
        ));
    }
    text
}

// ---------------------------------------------------------------------------
// YAML by hand

/// A double-quoted YAML scalar.
fn q(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `key: |` followed by the text as a literal block at `indent` spaces.
fn block(out: &mut String, indent: usize, key: &str, text: &str) {
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{pad}{key}: |");
    for line in text.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}  {line}");
        }
    }
}

// ---------------------------------------------------------------------------
// The model

struct Size {
    plans: usize,
    actions: usize,
    cycles: usize,
    inspections: usize,
    /// Performance indicators, each named by the first action of some plans.
    indicators: usize,
}

fn size(name: &str) -> Option<Size> {
    Some(match name {
        "council" => Size {
            plans: 10,
            actions: 500,
            cycles: 6,
            inspections: 4,
            indicators: 8,
        },
        "region" => Size {
            plans: 500,
            actions: 25_000,
            cycles: 8,
            inspections: 200,
            indicators: 200,
        },
        "national" => Size {
            plans: 5_000,
            actions: 250_000,
            cycles: 12,
            inspections: 2_000,
            indicators: 2_000,
        },
        _ => return None,
    })
}

struct Cycle {
    id: String,
    date: Date,
    meeting: String,
}

struct Inspection {
    id: String,
    title: String,
    organisation: String,
    findings: Vec<String>,
    published: Date,
}

struct Update {
    cycle: usize,
    status: Option<&'static str>,
    progress: String,
    impact: Option<String>,
    due: Option<Date>,
}

struct Action {
    id: String,
    text: String,
    owners: Vec<String>,
    timescale: Option<String>,
    target: Option<String>,
    due: Option<Date>,
    measure: Option<String>,
    evidence: Option<String>,
    budget: Option<String>,
    findings: Vec<String>,
    updates: Vec<Update>,
}

struct Recommendation {
    id: String,
    title: Option<String>,
    text: Option<String>,
    findings: Vec<String>,
    response: Option<(&'static str, String)>,
    actions: Vec<Action>,
}

struct Section {
    id: String,
    title: String,
    recommendations: Vec<Recommendation>,
    actions: Vec<Action>,
}

struct Plan {
    id: String,
    title: String,
    organisation: String,
    body: String,
    kind: &'static str,
    agreed: Date,
    responds_to: Vec<usize>,
    summary: Option<String>,
    labels: bool,
    /// Without sections, the plan's recommendations sit in one unnamed section.
    sectioned: bool,
    sections: Vec<Section>,
    /// First and last cycle at which the plan reports.
    span: (usize, usize),
}

impl Plan {
    fn actions(&self) -> impl Iterator<Item = (&str, &Action)> {
        self.sections.iter().flat_map(|s| {
            s.recommendations
                .iter()
                .flat_map(|r| r.actions.iter().map(move |a| (r.id.as_str(), a)))
                .chain(s.actions.iter().map(move |a| (s.id.as_str(), a)))
        })
    }
    fn recommendation_ids(&self) -> Vec<String> {
        self.sections
            .iter()
            .flat_map(|s| s.recommendations.iter().map(|r| r.id.clone()))
            .collect()
    }
}

fn make_cycles(n: usize, seed: u64) -> Vec<Cycle> {
    let mut rng = Rng::fork(seed, 1, 0);
    // Bi-monthly committee cycles, the last one in late 2024.
    let first = Date::new(2024, 11, 1).add_months(-2 * (n as i32 - 1));
    (0..n)
        .map(|i| {
            let month = first.add_months(2 * i as i32);
            let date = Date::new(month.y, month.m, rng.range(8, 26) as u32);
            Cycle {
                id: format!("{:04}-{:02}", date.y, date.m),
                date,
                meeting: format!("Performance and Improvement Committee, {}", date.long()),
            }
        })
        .collect()
}

fn organisation(rng: &mut Rng) -> String {
    format!(
        "{}{} {}",
        rng.pick(&COMPASS),
        rng.pick(&PLACES),
        rng.pick(&COUNCIL_KINDS)
    )
}

fn make_inspection(seed: u64, i: usize, cycles: &[Cycle]) -> Inspection {
    let mut rng = Rng::fork(seed, 2, i as u64);
    let organisation = organisation(&mut rng);
    let inspectorate = *rng.pick(&INSPECTORATES);
    let (service, _) = *rng.pick(&SERVICES);
    let published = cycles[0].date.add_months(-(rng.range(1, 10) as i32));
    let n = rng.range(8, 28);
    let style = rng.below(3);
    let findings = (1..=n)
        .map(|k| match style {
            0 => k.to_string(),
            1 => roman(k),
            _ => format!("R{k}"),
        })
        .collect();
    Inspection {
        id: format!(
            "{}-{}-{}-{i}",
            slug(&organisation),
            slug(inspectorate),
            published.y
        ),
        title: format!("{inspectorate} inspection of {service} in {organisation}"),
        organisation,
        findings,
        published,
    }
}

fn inspection_yaml(seed: u64, i: usize, inspection: &Inspection) -> (String, String) {
    let mut rng = Rng::fork(seed, 3, i as u64);
    let mut y = String::new();
    let inspectorate = inspection
        .title
        .split(" inspection of ")
        .next()
        .unwrap_or("Ofsted");
    let _ = writeln!(y, "title: {}", q(&inspection.title));
    let _ = writeln!(y, "inspectorate: {}", q(inspectorate));
    let _ = writeln!(y, "organisation: {}", q(&inspection.organisation));
    let start = inspection.published.add_months(-2);
    let _ = writeln!(
        y,
        "visit: {{ start: {}, end: {} }}",
        start.iso(),
        Date::new(start.y, start.m, start.d + 10).iso()
    );
    let _ = writeln!(y, "published: {}", inspection.published.iso());
    let overall = GRADES[rng.range(1, 4)];
    let _ = writeln!(y, "overall: {overall}");
    let mut md = format!(
        "**{}**, {}. Published {}. Overall: {}.\n\n",
        inspectorate,
        inspection.organisation,
        inspection.published.long(),
        overall
    );
    y.push_str("judgements:\n");
    md.push_str("| Area | Grade |\n|---|---|\n");
    for area in JUDGEMENT_AREAS.iter().take(rng.range(2, 6)) {
        let grade = GRADES[rng.range(1, 4)];
        let _ = writeln!(y, "  - area: {}\n    grade: {grade}", q(area));
        let _ = writeln!(md, "| {area} | {grade} |");
    }
    let summary = format!(
        "The inspection found that {} and that {}.",
        rng.pick(&AUDIT_OUTCOMES),
        rng.pick(&PURPOSES)
    );
    block(&mut y, 0, "summary", &summary);
    let _ = writeln!(md, "\n{summary}\n\n## Findings\n");
    y.push_str("findings:\n");
    for id in &inspection.findings {
        let text = {
            let n = skewed_len(&mut rng, 120, 420);
            finding_text(&mut rng, n)
        };
        let _ = writeln!(y, "  - id: {}\n    text: {}", q(id), q(&text));
        let _ = writeln!(md, "{id}. {text}\n");
    }
    (y, md)
}

fn make_plan(
    seed: u64,
    p: usize,
    n_actions: usize,
    cycles: &[Cycle],
    inspections: &[Inspection],
) -> Plan {
    let mut rng = Rng::fork(seed, 4, p as u64);
    let kind = *rng.pick(&[
        "inspection",
        "inspection",
        "inspection",
        "improvement",
        "improvement",
        "scrutiny",
        "scrutiny",
        "peer-review",
    ]);
    let mut responds_to = Vec::new();
    if matches!(kind, "inspection" | "improvement") && !inspections.is_empty() {
        responds_to.push(rng.below(inspections.len()));
        if kind == "improvement" && inspections.len() > 1 && rng.chance(0.2) {
            let other = rng.below(inspections.len());
            if other != responds_to[0] {
                responds_to.push(other);
            }
        }
    }
    let organisation = match responds_to.first() {
        Some(&i) => inspections[i].organisation.clone(),
        None => organisation(&mut rng),
    };
    let (service, body) = *rng.pick(&SERVICES);
    let topic = *rng.pick(&TOPICS);
    let n_cycles = cycles.len();
    let start = rng.below(n_cycles.div_ceil(2));
    let end = if rng.chance(0.8) {
        n_cycles - 1
    } else {
        rng.range((start + 1).min(n_cycles - 1), n_cycles - 1)
    };
    let agreed = cycles[start].date.add_months(-(rng.range(1, 3) as i32));
    let title = format!("{} – {}", capitalise(service), topic);
    let id = format!("{}-{}-{p}", slug(&organisation), slug(topic));

    // Group the actions into recommendations of 1–5, and those into sections.
    let mut groups = Vec::new();
    let mut left = n_actions;
    while left > 0 {
        let n = rng.range(1, 5).min(left);
        groups.push(n);
        left -= n;
    }
    let sectioned = rng.chance(0.7);
    let n_sections = if sectioned {
        rng.range(2, 6).min(groups.len()).max(1)
    } else {
        1
    };
    let finding_pool: Vec<String> = responds_to
        .iter()
        .flat_map(|&i| {
            inspections[i]
                .findings
                .iter()
                .map(move |f| format!("{}#{f}", inspections[i].id))
        })
        .collect();
    let letters = kind == "scrutiny" && groups.len() <= 26;
    let mut sections: Vec<Section> = (0..n_sections)
        .map(|s| Section {
            id: format!("priority-{}", s + 1),
            title: format!(
                "Priority {}: {} {}",
                s + 1,
                rng.pick(&VERBS),
                rng.pick(&OBJECTS)
            ),
            recommendations: Vec::new(),
            actions: Vec::new(),
        })
        .collect();
    for (g, &n) in groups.iter().enumerate() {
        let s = g * n_sections / groups.len();
        let direct = sectioned && kind == "improvement" && g % 7 == 3;
        let rec_id = if letters {
            ((b'a' + g as u8) as char).to_string()
        } else {
            format!("R{}", g + 1)
        };
        let parent = if direct {
            sections[s].id.clone()
        } else {
            rec_id.clone()
        };
        let first = if direct { sections[s].actions.len() } else { 0 };
        let actions: Vec<Action> = (0..n)
            .map(|k| {
                make_action(
                    &mut rng,
                    &format!("{parent}.{}", first + k + 1),
                    cycles,
                    (start, end),
                    agreed,
                    &finding_pool,
                    &id,
                )
            })
            .collect();
        if direct {
            sections[s].actions.extend(actions);
            continue;
        }
        let findings = if finding_pool.is_empty() {
            Vec::new()
        } else {
            let mut f = vec![finding_pool[g % finding_pool.len()].clone()];
            if rng.chance(0.25) {
                let other = rng.pick(&finding_pool).clone();
                if other != f[0] {
                    f.push(other);
                }
            }
            f
        };
        let text = match kind {
            "inspection" if rng.chance(0.7) => None,
            _ => Some({
                let n = skewed_len(&mut rng, 120, 450);
                finding_text(&mut rng, n)
            }),
        };
        let response = (kind == "scrutiny").then(|| {
            let status = *rng.pick(&[
                "accepted",
                "accepted",
                "accepted",
                "partially-accepted",
                "rejected",
            ]);
            (
                status,
                format!(
                    "The Executive {} this recommendation. {}",
                    status.replace('-', " "),
                    rng.pick(&DETAILS)
                ),
            )
        });
        let title = (kind == "peer-review").then(|| capitalise(rng.pick::<&str>(&OBJECTS)));
        sections[s].recommendations.push(Recommendation {
            id: rec_id,
            title,
            text,
            findings,
            response,
            actions,
        });
    }
    // Recommendation ids used by ref: links in progress text.
    let mut plan = Plan {
        id,
        title,
        organisation,
        body: body.to_owned(),
        kind,
        agreed,
        responds_to,
        summary: rng.chance(0.5).then(|| {
            format!(
                "This plan sets out how the council will respond to {}. {}",
                rng.pick(&PURPOSES),
                rng.pick(&DETAILS)
            )
        }),
        labels: rng.chance(0.3),
        sectioned,
        sections,
        span: (start, end),
    };
    // A few progress reports link to another recommendation of the plan.
    let rec_ids = plan.recommendation_ids();
    let plan_id = plan.id.clone();
    for section in &mut plan.sections {
        for action in section
            .recommendations
            .iter_mut()
            .flat_map(|r| r.actions.iter_mut())
            .chain(section.actions.iter_mut())
        {
            for update in &mut action.updates {
                if !rec_ids.is_empty() && rng.chance(0.04) {
                    let rec = rng.pick(&rec_ids);
                    update
                        .progress
                        .push_str(&format!(" Linked to [{rec}](ref:{plan_id}#{rec})."));
                }
            }
        }
    }
    plan
}

// ---------------------------------------------------------------------------
// Indicators

fn indicator_id(i: usize) -> String {
    format!("indicator-{:04}", i + 1)
}

/// The first action of a plan names an indicator (its `- text:` line is
/// followed by the action's other keys, indented two more).
fn name_indicator(yaml: &mut String, id: &str) {
    let Some(at) = yaml.find("- text: ") else {
        return;
    };
    let line_start = yaml[..at].rfind('\n').map_or(0, |n| n + 1);
    let pad = " ".repeat(at - line_start + 2);
    let Some(end) = yaml[at..].find('\n').map(|n| at + n + 1) else {
        return;
    };
    yaml.insert_str(end, &format!("{pad}indicators: [{id}]\n"));
}

/// A financial year's "2023/24".
fn financial_year(start: i32) -> String {
    format!("{start}/{:02}", (start + 1) % 100)
}

/// An indicator with quarterly figures over the cycles' span: an interim and a
/// final target, a comparator, a tolerance, and now and then a gap, a
/// suppressed figure and a correction reported at the next cycle.
fn indicator_yaml(seed: u64, i: usize, cycles: &[Cycle]) -> String {
    let mut rng = Rng::fork(seed, 11, i as u64);
    let (unit, polarity, low, high, tolerance) = *rng.pick(&[
        ("percent", "higher", 55.0, 95.0, 5.0),
        ("count", "lower", 200.0, 700.0, 25.0),
        ("days", "lower", 20.0, 60.0, 5.0),
        ("rate per 10,000", "lower", 60.0, 180.0, 10.0),
    ]);
    let span = high - low;
    let level = |r: &mut Rng| ((low + span * r.unit()) * 10.0).round() / 10.0;
    // Quarters ending before each cycle: the first a year before the first cycle.
    let first = cycles[0].date;
    let start_year = if first.m >= 4 {
        first.y - 1
    } else {
        first.y - 2
    };
    let quarters = 4 + cycles.len() / 2 + 2;
    let mut y = String::new();
    y.push_str("# Synthetic indicator, written by examples/corpus.rs.\n");
    let _ = writeln!(y, "title: {}", q(&format!("Indicator {} ({unit})", i + 1)));
    let _ = writeln!(
        y,
        "definition: {}",
        q(&capitalise(&general_sentence(&mut rng, first)))
    );
    let _ = writeln!(y, "source: {}", q("Benchmark corpus"));
    let _ = writeln!(
        y,
        "unit: {unit}\npolarity: {polarity}\ntolerance: {tolerance}"
    );
    let _ = writeln!(
        y,
        "targets:\n  - {{ value: {}, by: {} }}\n  - {{ value: {}, by: {} }}",
        level(&mut rng),
        financial_year(start_year + 1),
        level(&mut rng),
        financial_year(start_year + 3)
    );
    let _ = writeln!(
        y,
        "comparators:\n  - {{ name: England average, value: {}, period: {} }}",
        level(&mut rng),
        financial_year(start_year)
    );
    y.push_str("values:\n");
    let mut value = level(&mut rng);
    for k in 0..quarters {
        let period = format!(
            "Q{} {}",
            k % 4 + 1,
            financial_year(start_year + (k / 4) as i32)
        );
        // Reported at the cycles in turn; the first year before any cycle.
        let cycle = k.checked_sub(4).map(|c| c.min(cycles.len() - 1));
        value = (value + span * (rng.unit() - 0.5) / 5.0).clamp(low, high);
        value = (value * 10.0).round() / 10.0;
        if rng.chance(0.08) {
            continue; // no figure for the quarter: a gap
        }
        let shown = if rng.chance(0.05) {
            q("c")
        } else {
            format!("{value}")
        };
        let reported = cycle.map_or(String::new(), |c| {
            format!(", reported_at: {}", cycles[c].id)
        });
        let _ = writeln!(y, "  - {{ period: {period}, value: {shown}{reported} }}");
        if let Some(c) = cycle.filter(|&c| c + 1 < cycles.len() && rng.chance(0.15)) {
            let revised = ((value + span / 50.0) * 10.0).round() / 10.0;
            let _ = writeln!(
                y,
                "  - {{ period: {period}, value: {revised}, reported_at: {}, note: {} }}",
                cycles[c + 1].id,
                q("Revised after validation.")
            );
        }
    }
    y
}

fn owner_title(rng: &mut Rng) -> String {
    // Mildly skewed: a few posts lead many actions, most lead a handful.
    let u = rng.unit();
    let n = POSTS.len() * AREAS.len();
    let i = ((u * u.sqrt()) * n as f64) as usize % n;
    format!("{} {}", POSTS[i % POSTS.len()], AREAS[i / POSTS.len()])
}

fn make_action(
    rng: &mut Rng,
    id: &str,
    cycles: &[Cycle],
    span: (usize, usize),
    agreed: Date,
    findings: &[String],
    plan_id: &str,
) -> Action {
    let text = {
        let n = skewed_len(rng, 100, 300);
        action_text(rng, n)
    };
    let n_owners = match rng.below(20) {
        0 => 3,
        1..=5 => 2,
        _ => 1,
    };
    let mut owners: Vec<String> = Vec::new();
    for _ in 0..n_owners {
        let o = owner_title(rng);
        if !owners.contains(&o) {
            owners.push(o);
        }
    }
    let (due, timescale, target) = if rng.chance(0.7) {
        let due = agreed.add_months(rng.range(2, 20) as i32).end_of_month();
        let timescale = match rng.below(3) {
            0 => format!("By {}", due.month_year()),
            1 => format!("End {}", due.month_year()),
            _ => format!("{} months", rng.range(3, 12)),
        };
        (
            Some(due),
            Some(timescale),
            rng.chance(0.4).then(|| due.short()),
        )
    } else {
        (
            None,
            rng.chance(0.8)
                .then(|| (*rng.pick(&NO_DUE_TIMESCALES)).to_owned()),
            None,
        )
    };
    // Simulate the action across the plan's cycles.
    let mut updates = Vec::new();
    let mut current_due = due;
    let finish = match due {
        Some(d) => d.add_months(rng.range(0, 10) as i32 - 3),
        None => agreed.add_months(rng.range(4, 30) as i32),
    };
    let starts = agreed.add_months(rng.range(0, 6) as i32);
    let mut revised = false;
    for (c, cycle) in cycles.iter().enumerate().take(span.1 + 1).skip(span.0) {
        let first = updates.is_empty();
        if !first && rng.chance(0.08) {
            continue; // not reported this time
        }
        let mut new_due = None;
        let status = if cycle.date >= finish {
            "complete"
        } else if cycle.date < starts {
            "not-started"
        } else {
            match current_due {
                Some(d) if d < cycle.date => {
                    if !revised && rng.chance(0.35) {
                        revised = true;
                        let moved = cycle.date.add_months(rng.range(2, 6) as i32).end_of_month();
                        new_due = Some(moved);
                        current_due = Some(moved);
                        "at-risk"
                    } else {
                        "behind"
                    }
                }
                Some(d) if d < cycle.date.add_months(2) && finish > d => "at-risk",
                _ if rng.chance(0.06) => "at-risk",
                _ => "on-track",
            }
        };
        let progress = progress_text(rng, status, cycle.date, plan_id, &[]);
        updates.push(Update {
            cycle: c,
            status: if rng.chance(0.02) { None } else { Some(status) },
            progress,
            impact: rng.chance(0.05).then(|| general_sentence(rng, cycle.date)),
            due: new_due,
        });
        if status == "complete" {
            break;
        }
    }
    Action {
        id: id.to_owned(),
        text,
        owners,
        timescale,
        target,
        due,
        measure: rng.chance(0.5).then(|| {
            format!(
                "{} {}",
                capitalise(rng.pick::<&str>(&AUDIT_OUTCOMES)),
                rng.pick(&PURPOSES)
            )
        }),
        evidence: rng
            .chance(0.3)
            .then(|| format!("Dashboard – {}", rng.pick(&OBJECTS))),
        budget: rng.chance(0.2).then(|| {
            (*rng.pick(&[
                "Within current resources",
                "£25,000 (one-off)",
                "Existing budget",
                "£120k from reserves",
            ]))
            .to_owned()
        }),
        findings: if !findings.is_empty() && rng.chance(0.05) {
            vec![rng.pick(findings).clone()]
        } else {
            Vec::new()
        },
        updates,
    }
}

fn action_yaml(y: &mut String, pad: &str, action: &Action, cycles: &[Cycle]) {
    // The default id is "<parent>.<n>", which is what we generated: leave it out.
    let _ = writeln!(y, "{pad}- text: {}", q(&action.text));
    match action.owners.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(y, "{pad}  owner: {}", q(one));
        }
        many => {
            let list: Vec<String> = many.iter().map(|o| q(o)).collect();
            let _ = writeln!(y, "{pad}  owner: [{}]", list.join(", "));
        }
    }
    for (key, value) in [
        ("budget", &action.budget),
        ("timescale", &action.timescale),
        ("target", &action.target),
        ("measure", &action.measure),
        ("evidence", &action.evidence),
    ] {
        if let Some(value) = value {
            let _ = writeln!(y, "{pad}  {key}: {}", q(value));
        }
    }
    if let Some(due) = action.due {
        let _ = writeln!(y, "{pad}  due: {}", due.iso());
    }
    if !action.findings.is_empty() {
        let list: Vec<String> = action.findings.iter().map(|f| q(f)).collect();
        let _ = writeln!(y, "{pad}  findings: [{}]", list.join(", "));
    }
    if !action.updates.is_empty() {
        let _ = writeln!(y, "{pad}  updates:");
        for u in &action.updates {
            let _ = writeln!(y, "{pad}    - cycle: {}", cycles[u.cycle].id);
            if let Some(status) = u.status {
                let _ = writeln!(y, "{pad}      status: {status}");
            }
            if let Some(due) = u.due {
                let _ = writeln!(y, "{pad}      due: {}", due.iso());
            }
            block(y, pad.len() + 6, "progress", &u.progress);
            if let Some(impact) = &u.impact {
                let _ = writeln!(y, "{pad}      impact: {}", q(impact));
            }
        }
    }
}

fn plan_yaml(plan: &Plan, cycles: &[Cycle], inspections: &[Inspection]) -> String {
    let mut y = String::with_capacity(64 * 1024);
    let _ = writeln!(y, "# Synthetic benchmark plan (examples/corpus.rs).");
    let _ = writeln!(y, "title: {}", q(&plan.title));
    let _ = writeln!(y, "organisation: {}", q(&plan.organisation));
    let _ = writeln!(y, "body: {}", q(&plan.body));
    let _ = writeln!(y, "kind: {}", plan.kind);
    let _ = writeln!(y, "agreed: {}", plan.agreed.iso());
    if !plan.responds_to.is_empty() {
        let ids: Vec<&str> = plan
            .responds_to
            .iter()
            .map(|&i| inspections[i].id.as_str())
            .collect();
        let _ = writeln!(y, "responds_to: [{}]", ids.join(", "));
    }
    if let Some(summary) = &plan.summary {
        block(&mut y, 0, "summary", summary);
    }
    if plan.labels {
        y.push_str("labels:\n  owner: Lead officer\n  target: Target date\n  status: RAG rating\n");
    }
    let recommendations = |y: &mut String, pad: &str, recs: &[Recommendation]| {
        for r in recs {
            let _ = writeln!(y, "{pad}- id: {}", q(&r.id));
            if let Some(title) = &r.title {
                let _ = writeln!(y, "{pad}  title: {}", q(title));
            }
            if let Some(text) = &r.text {
                let _ = writeln!(y, "{pad}  text: {}", q(text));
            }
            if !r.findings.is_empty() {
                let list: Vec<String> = r.findings.iter().map(|f| q(f)).collect();
                let _ = writeln!(y, "{pad}  findings: [{}]", list.join(", "));
            }
            if let Some((status, text)) = &r.response {
                let _ = writeln!(
                    y,
                    "{pad}  response:\n{pad}    status: {status}\n{pad}    text: {}",
                    q(text)
                );
            }
            let _ = writeln!(y, "{pad}  actions:");
            for a in &r.actions {
                action_yaml(y, &format!("{pad}    "), a, cycles);
            }
        }
    };
    if plan.sectioned {
        y.push_str("sections:\n");
        for s in &plan.sections {
            let _ = writeln!(y, "  - id: {}\n    title: {}", s.id, q(&s.title));
            if !s.recommendations.is_empty() {
                y.push_str("    recommendations:\n");
                recommendations(&mut y, "      ", &s.recommendations);
            }
            if !s.actions.is_empty() {
                y.push_str("    actions:\n");
                for a in &s.actions {
                    action_yaml(&mut y, "      ", a, cycles);
                }
            }
        }
    } else {
        y.push_str("recommendations:\n");
        recommendations(&mut y, "  ", &plan.sections[0].recommendations);
    }
    y
}

/// The status of an action as of cycle `c` (the latest status reported by then).
fn status_at(action: &Action, c: usize) -> &'static str {
    action
        .updates
        .iter()
        .filter(|u| u.cycle <= c)
        .filter_map(|u| u.status)
        .next_back()
        .unwrap_or("not-started")
}

fn due_at(action: &Action, c: usize) -> Option<Date> {
    action
        .updates
        .iter()
        .filter(|u| u.cycle <= c)
        .filter_map(|u| u.due)
        .next_back()
        .or(action.due)
}

fn counts_at(plan: &Plan, c: usize) -> [usize; 5] {
    let mut counts = [0; 5];
    for (_, a) in plan.actions() {
        let s = status_at(a, c);
        counts[STATUSES.iter().position(|x| *x == s).unwrap_or(4)] += 1;
    }
    counts
}

/// The committee paper for a plan at a cycle: Markdown with tables and ref: links.
fn briefing_md(
    seed: u64,
    plan: &Plan,
    c: usize,
    cycles: &[Cycle],
    inspections: &[Inspection],
    n: usize,
) -> (String, String) {
    let mut rng = Rng::fork(seed, 5, n as u64);
    let cycle = &cycles[c];
    let date = cycle.date.add_months(-1);
    let date = Date::new(date.y, date.m, rng.range(20, 28) as u32);
    let title = format!(
        "Progress on the {} – {}",
        plan.title,
        cycle.date.month_year()
    );
    let mut front = String::new();
    let _ = writeln!(
        front,
        "---\n# Synthetic benchmark briefing (examples/corpus.rs)."
    );
    let _ = writeln!(front, "title: {}", q(&title));
    let _ = writeln!(front, "date: {}", date.iso());
    let _ = writeln!(front, "meeting: {}", q(&cycle.meeting));
    let _ = writeln!(front, "author: {}", q(&owner_title(&mut rng)));
    let _ = writeln!(front, "plans: [{}]", plan.id);
    let _ = writeln!(front, "cycle: {}", cycle.id);
    let _ = writeln!(
        front,
        "details:\n  Decision type: Non-key\n  Wards affected: All\n---\n"
    );
    let mut md = String::new();
    let _ = writeln!(md, "## 1. Purpose of the report\n");
    let _ = writeln!(
        md,
        "To update members on progress against the [{}](ref:{}) agreed on {}. {}\n",
        plan.title,
        plan.id,
        plan.agreed.long(),
        rng.pick(&DETAILS)
    );
    if let Some(&i) = plan.responds_to.first() {
        let insp = &inspections[i];
        let f = rng.pick(&insp.findings);
        let _ = writeln!(
            md,
            "The plan responds to the [{}](ref:{}), published on {}; finding [{f}](ref:{}#{f}) remains the committee's main concern.\n",
            insp.title,
            insp.id,
            insp.published.long(),
            insp.id
        );
    }
    let counts = counts_at(plan, c);
    let total: usize = counts.iter().sum();
    let _ = writeln!(
        md,
        "## 2. Summary of progress\n\n| Status | Actions | Share |\n|---|---:|---:|"
    );
    for (k, label) in STATUS_LABELS.iter().enumerate() {
        let _ = writeln!(
            md,
            "| {label} | {} | {}% |",
            counts[k],
            counts[k] * 100 / total.max(1)
        );
    }
    let _ = writeln!(md, "| **Total** | **{total}** | 100% |\n");
    let mut late: Vec<(&str, &Action)> = plan
        .actions()
        .filter(|(_, a)| matches!(status_at(a, c), "behind" | "at-risk"))
        .collect();
    late.truncate(12);
    if late.is_empty() {
        let _ = writeln!(
            md,
            "No action is behind schedule or at risk at this meeting.\n"
        );
    } else {
        let _ = writeln!(md, "The following actions are behind schedule or at risk:\n\n| Ref | Action | Lead | Due | Status |\n|---|---|---|---|---|");
        for (rec, a) in &late {
            let short: String = a
                .text
                .chars()
                .take(90)
                .collect::<String>()
                .replace('|', "/");
            let due = due_at(a, c).map_or_else(|| "–".to_owned(), Date::long);
            let status = status_at(a, c);
            let _ = writeln!(
                md,
                "| [{}](ref:{}#{}) | {short}… | {} | {due} | {} |",
                a.id,
                plan.id,
                a.id,
                a.owners.first().map_or("", String::as_str),
                STATUS_LABELS[STATUSES.iter().position(|s| *s == status).unwrap_or(4)]
            );
            let _ = rec;
        }
        md.push('\n');
    }
    let _ = writeln!(md, "## 3. Commentary\n");
    for _ in 0..rng.range(2, 5) {
        let mut para = String::new();
        for _ in 0..rng.range(2, 5) {
            para.push_str(&general_sentence(&mut rng, cycle.date));
            para.push(' ');
        }
        if let Some((rec, _)) = plan.actions().nth(rng.below(total.max(1))) {
            let _ = write!(para, "See [recommendation {rec}](ref:{}#{rec}).", plan.id);
        }
        let _ = writeln!(md, "{}\n", para.trim_end());
    }
    let _ = writeln!(md, "## 4. Recommendations\n\nThat the Committee notes the progress made and the actions behind schedule.\n");
    let _ = writeln!(md, "{}\n\n{}", owner_title(&mut rng), date.long());
    (format!("{front}{md}"), md)
}

// ---------------------------------------------------------------------------
// The Hugo equivalent

const HUGO_CONFIG: &str = r#"baseURL = "https://www.example.gov.uk/"
title = "Action plan progress (benchmark)"
languageCode = "en-gb"
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = false
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  page = ["HTML"]
[markup.goldmark.renderer]
  unsafe = false
"#;

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "plans/" | relURL }}">Plans</a> <a href="{{ "cycles/" | relURL }}">Committee cycles</a> <a href="{{ "inspections/" | relURL }}">Inspections</a> <a href="{{ "briefings/" | relURL }}">Briefings</a> <a href="{{ "owners/" | relURL }}">Owners</a></nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><a href="{{ "about/" | relURL }}">About</a> <a href="{{ "accessibility/" | relURL }}">Accessibility</a></footer>
</body>
</html>
"#;
const HUGO_SINGLE: &str = "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n{{ end }}\n";
const HUGO_LIST: &str = "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n<ul>\n{{ range where .Pages \"Params.role\" \"!=\" \"report\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n{{ end }}</ul>\n{{ end }}\n";
const HUGO_HOME: &str = "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n{{ end }}\n";
/// ragtime's dashboard shows at most this many plans; with more, each
/// organisation has a page of its plans (and the Hugo sites have them too).
const DASHBOARD_PLANS: usize = 20;
const HUGO_404: &str = "{{ define \"main\" }}<h1>Page not found</h1>\n<p>If you typed the web address, check it is correct.</p>\n{{ end }}\n";
const HUGO_CSS: &str = "body{font-family:sans-serif;max-width:60rem;margin:0 auto;padding:1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem}\n";

/// ragtime's `ref:` links as plain links for Hugo (they need not resolve).
fn unref(md: &str) -> String {
    md.replace("](ref:", "](/ref/")
}

struct Hugo {
    root: PathBuf,
    /// Each "plan as reported at a cycle" page holds the whole plan as of that
    /// cycle (as ragtime's does), not only that cycle's updates.
    full: bool,
    pages: usize,
    bytes: u64,
}

impl Hugo {
    fn page(&mut self, path: &str, title: &str, role: &str, body: &str) -> std::io::Result<()> {
        let file = self.root.join("content").join(path);
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir)?;
        }
        let text = format!(
            "---\ntitle: {}\nrole: {role}\n---\n\n{}\n",
            q(title),
            unref(body)
        );
        self.bytes += text.len() as u64;
        self.pages += 1;
        fs::write(file, text)
    }
}

fn plan_md(plan: &Plan, inspections: &[Inspection], latest: usize) -> String {
    let mut md = String::with_capacity(32 * 1024);
    let _ = writeln!(
        md,
        "**{}** – {} – {}. Agreed {}.\n",
        plan.organisation,
        plan.body,
        plan.kind,
        plan.agreed.long()
    );
    for &i in &plan.responds_to {
        let _ = writeln!(
            md,
            "Responds to [{}](ref:{}).\n",
            inspections[i].title, inspections[i].id
        );
    }
    if let Some(summary) = &plan.summary {
        let _ = writeln!(md, "{summary}\n");
    }
    let counts = counts_at(plan, latest);
    md.push_str(
        "| Complete | On track | At risk | Behind | Not started |\n|---:|---:|---:|---:|---:|\n",
    );
    let _ = writeln!(
        md,
        "| {} | {} | {} | {} | {} |\n",
        counts[0], counts[1], counts[2], counts[3], counts[4]
    );
    let action = |md: &mut String, a: &Action| {
        let _ = writeln!(md, "#### Action {}\n\n{}\n", a.id, a.text);
        let _ = writeln!(md, "- Owner: {}", a.owners.join("; "));
        for (label, value) in [
            ("Timescale", &a.timescale),
            ("Target", &a.target),
            ("Measure", &a.measure),
            ("Evidence", &a.evidence),
            ("Budget", &a.budget),
        ] {
            if let Some(v) = value {
                let _ = writeln!(md, "- {label}: {v}");
            }
        }
        if let Some(d) = due_at(a, latest) {
            let _ = writeln!(md, "- Due: {}", d.long());
        }
        let status = status_at(a, latest);
        let _ = writeln!(
            md,
            "- Status: {}\n",
            STATUS_LABELS[STATUSES.iter().position(|s| *s == status).unwrap_or(4)]
        );
        if let Some(u) = a.updates.iter().rfind(|u| u.cycle <= latest) {
            let _ = writeln!(md, "{}\n", u.progress);
        }
    };
    for s in &plan.sections {
        if plan.sectioned {
            let _ = writeln!(md, "## {}\n", s.title);
        }
        for r in &s.recommendations {
            let _ = writeln!(
                md,
                "### Recommendation {}{}\n",
                r.id,
                r.title.as_ref().map_or(String::new(), |t| format!(": {t}"))
            );
            if let Some(text) = &r.text {
                let _ = writeln!(md, "{text}\n");
            }
            for f in &r.findings {
                let _ = writeln!(md, "Answers finding [{f}](ref:{f}).\n");
            }
            if let Some((status, text)) = &r.response {
                let _ = writeln!(md, "Response ({status}): {text}\n");
            }
            for a in &r.actions {
                action(&mut md, a);
            }
        }
        for a in &s.actions {
            action(&mut md, a);
        }
    }
    md
}

fn plan_at_md(plan: &Plan, c: usize, cycles: &[Cycle]) -> String {
    let mut md = format!(
        "The plan as reported to {} on {}.\n\n",
        cycles[c].meeting,
        cycles[c].date.long()
    );
    let counts = counts_at(plan, c);
    md.push_str(
        "| Complete | On track | At risk | Behind | Not started |\n|---:|---:|---:|---:|---:|\n",
    );
    let _ = writeln!(
        md,
        "| {} | {} | {} | {} | {} |\n",
        counts[0], counts[1], counts[2], counts[3], counts[4]
    );
    for (_, a) in plan.actions() {
        if let Some(u) = a.updates.iter().find(|u| u.cycle == c) {
            let status = u.status.map_or("Not rated", |s| {
                STATUS_LABELS[STATUSES.iter().position(|x| *x == s).unwrap_or(4)]
            });
            let _ = writeln!(md, "### {} – {status}\n\n{}\n", a.id, u.progress);
            if let Some(impact) = &u.impact {
                let _ = writeln!(md, "Impact: {impact}\n");
            }
        }
    }
    md
}

fn status_label(status: &str) -> &'static str {
    STATUS_LABELS[STATUSES.iter().position(|s| *s == status).unwrap_or(4)]
}

fn counts_md(counts: &[usize; 5]) -> String {
    format!(
        "| Complete | On track | At risk | Behind | Not started |\n|---:|---:|---:|---:|---:|\n| {} | {} | {} | {} | {} |\n",
        counts[0], counts[1], counts[2], counts[3], counts[4]
    )
}

/// A plan's earlier updates, as ragtime's history page lists them: each
/// action's updates before its current one as of `latest` (`full`), or, in
/// the same-input site, where every update already has its page (the plan at
/// each cycle), links to those pages. `None` when no action has one.
fn history_md(plan: &Plan, latest: usize, cycles: &[Cycle], full: bool) -> Option<String> {
    let mut md = String::new();
    let mut any = false;
    for (_, a) in plan.actions() {
        let upto: Vec<&Update> = a.updates.iter().filter(|u| u.cycle <= latest).collect();
        if upto.len() < 2 {
            continue;
        }
        any = true;
        let _ = writeln!(md, "### {} {}\n", a.id, a.text);
        for u in &upto[..upto.len() - 1] {
            if full {
                let _ = writeln!(
                    md,
                    "**{}**: {}\n\n{}\n",
                    cycles[u.cycle].meeting,
                    u.status.map_or("Not rated", status_label),
                    u.progress
                );
            } else {
                let _ = writeln!(
                    md,
                    "- [{}](/plans/{}/{}/#action-{})",
                    cycles[u.cycle].meeting, plan.id, cycles[u.cycle].id, a.id
                );
            }
        }
        md.push('\n');
    }
    any.then_some(md)
}

/// The status panel other sites embed, and the code for web teams to embed it.
fn embed_md(plan: &Plan, latest: usize) -> (String, String) {
    let panel = format!(
        "[{}](/plans/{}/)\n\n{}",
        plan.title,
        plan.id,
        counts_md(&counts_at(plan, latest))
    );
    let url = format!("https://www.example.gov.uk/improvement/plans/{}/", plan.id);
    let code = format!(
        "For web teams: copy one of these into your website's HTML. The status panel shows the headline, the status bar and the counts, and links to the plan's page.\n\n\
## Status panel (an iframe)\n\n```html\n<iframe src=\"{url}embed/\" title=\"Progress on {title}\" width=\"100%\" height=\"576\" style=\"border: 0\"></iframe>\n```\n\n\
## Status bar (an image)\n\n```html\n<a href=\"{url}\"><img src=\"{url}badge.svg\" alt=\"{title}: its actions by status\" width=\"240\" height=\"20\"></a>\n```\n",
        title = plan.title
    );
    (panel, code)
}

/// One plan's part of the committee report at cycle `c`: its headline and
/// each exception (red, amber or overdue) once, with the progress reported.
fn report_md(plan: &Plan, c: usize, cycles: &[Cycle]) -> String {
    let mut md = format!(
        "## {}\n\nhttps://www.example.gov.uk/improvement/plans/{}/{}/\n\n{}\n",
        plan.title,
        plan.id,
        cycles[c].id,
        counts_md(&counts_at(plan, c))
    );
    for (_, a) in plan.actions() {
        let status = status_at(a, c);
        let overdue = status != "complete" && due_at(a, c).is_some_and(|d| d < cycles[c].date);
        if !(overdue || status == "at-risk" || status == "behind") {
            continue;
        }
        let _ = writeln!(
            md,
            "### {} {}\n\n{}{}\n",
            a.id,
            a.text,
            status_label(status),
            if overdue { ", overdue" } else { "" }
        );
        if let Some(u) = a.updates.iter().rfind(|u| u.cycle <= c) {
            let _ = writeln!(md, "{}\n", u.progress);
        }
    }
    md
}

/// An indicator's page from its YAML: the title, definition and a table of
/// its figures.
fn indicator_md(yaml: &str) -> (String, String) {
    let field = |name: &str| {
        yaml.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().trim_matches('"').to_owned())
            .unwrap_or_default()
    };
    let mut md = format!(
        "{}\n\n| Period | Figure |\n|---|---:|\n",
        field("definition: ")
    );
    for line in yaml.lines().filter(|l| l.starts_with("  - { period: ")) {
        let inner = line.trim_start_matches("  - { ").trim_end_matches(" }");
        let mut period = "";
        let mut value = "";
        for part in inner.split(", ") {
            if let Some(v) = part.strip_prefix("period: ") {
                period = v;
            } else if let Some(v) = part.strip_prefix("value: ") {
                value = v.trim_matches('"');
            }
        }
        let _ = writeln!(md, "| {period} | {value} |");
    }
    (field("title: "), md)
}

// ---------------------------------------------------------------------------

const ABOUT: &str = "This is a synthetic site for benchmarking ragtime. Its councils, plans, inspections and \
people are made up; its text is assembled from phrases typical of council action plans.\n\n\
## What is here\n\n- every plan, with its RAG summary\n- each plan as reported at each committee cycle\n\
- inspections and the findings each plan answers\n- committee briefings\n";
const ACCESSIBILITY: &str = "This website is run by the benchmark. We want as many people as possible to be able \
to use it.\n\n## How accessible this website is\n\nThe pages use plain HTML with no JavaScript.\n\n\
| Check | Result |\n|---|---|\n| Keyboard | Pass |\n| Screen reader | Pass |\n| Colour contrast | Pass |\n";
const METHOD: &str = "Statuses are reported by each action's lead officer at each committee cycle. An action is \
**overdue** when its due date has passed and it is not complete. A revised due date given in an update replaces \
the original one; the original is still shown.\n";

struct Options {
    size: Size,
    seed: u64,
    out: Option<PathBuf>,
    hugo: Option<PathBuf>,
    hugo_full: Option<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut size_name = "council".to_owned();
    let mut seed = 1;
    let mut out = None;
    let mut hugo = None;
    let mut hugo_full = None;
    let mut overrides: Vec<(String, usize)> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--size" => size_name = value()?,
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--hugo" => hugo = Some(PathBuf::from(value()?)),
            "--hugo-full" => hugo_full = Some(PathBuf::from(value()?)),
            "--plans" | "--actions" | "--cycles" | "--inspections" | "--indicators" => {
                let n = value()?.parse().map_err(|e| format!("{arg}: {e}"))?;
                overrides.push((arg.clone(), n));
            }
            "-h" | "--help" => {
                return Err("usage: corpus --size council|region|national [--seed N] --out DIR [--hugo DIR] [--hugo-full DIR] [--plans N] [--actions N] [--cycles N] [--inspections N] [--indicators N]".to_owned())
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    let mut size = size(&size_name)
        .ok_or_else(|| format!("unknown size {size_name:?}: council, region or national"))?;
    for (key, n) in overrides {
        match key.as_str() {
            "--plans" => size.plans = n,
            "--actions" => size.actions = n,
            "--cycles" => size.cycles = n,
            "--indicators" => size.indicators = n,
            _ => size.inspections = n,
        }
    }
    if size.plans == 0 || size.cycles == 0 || size.actions < size.plans {
        return Err("need at least one plan, one cycle and one action per plan".to_owned());
    }
    if out.is_none() && hugo.is_none() && hugo_full.is_none() {
        return Err(
            "give --out DIR (the ragtime site) and/or --hugo DIR (the Hugo equivalent)".to_owned(),
        );
    }
    Ok(Options {
        size,
        seed,
        out,
        hugo,
        hugo_full,
    })
}

fn fresh_dir(path: &Path) -> std::io::Result<()> {
    if path.exists() {
        fs::remove_dir_all(path)?;
    }
    fs::create_dir_all(path)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("corpus: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("corpus: {error}");
            ExitCode::FAILURE
        }
    }
}

struct Writer {
    content: Option<PathBuf>,
    bytes: u64,
    files: usize,
}

impl Writer {
    fn write(&mut self, path: &str, text: &str) -> std::io::Result<()> {
        if let Some(root) = &self.content {
            fs::write(root.join(path), text)?;
            self.bytes += text.len() as u64;
            self.files += 1;
        }
        Ok(())
    }
}

fn run(o: &Options) -> std::io::Result<()> {
    let started = std::time::Instant::now();
    let seed = o.seed;
    let size = &o.size;
    let mut w = Writer {
        content: o.out.as_ref().map(|d| d.join("content")),
        bytes: 0,
        files: 0,
    };
    if let Some(content) = &w.content {
        fresh_dir(content)?;
        for sub in ["inspections", "plans", "briefings", "pages", "indicators"] {
            fs::create_dir_all(content.join(sub))?;
        }
    }
    let mut hugos = Vec::new();
    for (root, full) in [(&o.hugo, false), (&o.hugo_full, true)] {
        let Some(root) = root else { continue };
        {
            fs::create_dir_all(root)?;
            for sub in ["content", "layouts", "static", "public", "resources"] {
                let p = root.join(sub);
                if p.exists() {
                    fs::remove_dir_all(&p)?;
                }
            }
            fs::create_dir_all(root.join("layouts/_default"))?;
            fs::create_dir_all(root.join("static/assets"))?;
            fs::write(root.join("config.toml"), HUGO_CONFIG)?;
            fs::write(root.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
            fs::write(root.join("layouts/_default/single.html"), HUGO_SINGLE)?;
            fs::write(root.join("layouts/_default/list.html"), HUGO_LIST)?;
            fs::write(root.join("layouts/index.html"), HUGO_HOME)?;
            fs::write(root.join("layouts/404.html"), HUGO_404)?;
            fs::write(root.join("static/assets/style.css"), HUGO_CSS)?;
            hugos.push(Hugo {
                root: root.clone(),
                full,
                pages: 0,
                bytes: 0,
            });
        }
    }

    let cycles = make_cycles(size.cycles, seed);
    let mut site = String::new();
    site.push_str("# Synthetic benchmark site, written by examples/corpus.rs.\n");
    let _ = writeln!(site, "title: {}", q("Action plan progress (benchmark)"));
    let _ = writeln!(site, "organisation: {}", q("ragtime benchmark corpus"));
    let _ = writeln!(
        site,
        "description: {}",
        q(&format!(
            "A synthetic site of {} plans and {} actions, seed {seed}.",
            size.plans, size.actions
        ))
    );
    site.push_str("base_url: https://www.example.gov.uk/improvement/\n");
    site.push_str("cycles:\n");
    for c in &cycles {
        let _ = writeln!(
            site,
            "  - id: {}\n    date: {}\n    meeting: {}",
            c.id,
            c.date.iso(),
            q(&c.meeting)
        );
    }
    w.write("site.yaml", &site)?;

    for (id, title, body) in [
        ("about", "About this site", ABOUT),
        ("accessibility", "Accessibility statement", ACCESSIBILITY),
        ("how-to-read", "How to read the plans", METHOD),
    ] {
        w.write(
            &format!("pages/{id}.md"),
            &format!(
                "---\ntitle: {}\ndescription: {}\n---\n\n{body}",
                q(title),
                q(title)
            ),
        )?;
        for h in &mut hugos {
            h.page(&format!("{id}.md"), title, "page", body)?;
        }
    }

    let inspections: Vec<Inspection> = (0..size.inspections)
        .map(|i| make_inspection(seed, i, &cycles))
        .collect();
    let mut inspection_md = Vec::with_capacity(inspections.len());
    let mut findings_total = 0;
    for (i, insp) in inspections.iter().enumerate() {
        let (yaml, md) = inspection_yaml(seed, i, insp);
        findings_total += insp.findings.len();
        w.write(&format!("inspections/{}.yaml", insp.id), &yaml)?;
        inspection_md.push(md);
    }

    for i in 0..size.indicators {
        let yaml = indicator_yaml(seed, i, &cycles);
        w.write(&format!("indicators/{}.yaml", indicator_id(i)), &yaml)?;
        let (title, md) = indicator_md(&yaml);
        for h in &mut hugos {
            h.page(
                &format!("indicators/{}.md", indicator_id(i)),
                &title,
                "indicator",
                &md,
            )?;
        }
    }

    // Plans, streamed: each is written (with its briefings) and dropped.
    let mut owners: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut cycle_lines: Vec<Vec<String>> = vec![Vec::new(); cycles.len()];
    let mut cycle_briefings: Vec<Vec<String>> = vec![Vec::new(); cycles.len()];
    let mut answered_by: Vec<Vec<String>> = vec![Vec::new(); inspections.len()];
    // The committee report at each cycle, by organisation; each organisation's plans, for its page.
    let mut reports: Vec<BTreeMap<String, (String, String)>> = vec![BTreeMap::new(); cycles.len()];
    let mut organisations: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut home = String::from("| Plan | Organisation | Actions | Complete | On track | At risk | Behind | Not started |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    let (
        mut n_actions,
        mut n_updates,
        mut n_recs,
        mut n_briefings,
        mut n_plan_pages,
        mut n_overdue,
    ) = (0, 0, 0, 0, 0, 0);
    let base = size.actions / size.plans;
    let extra = size.actions % size.plans;
    for p in 0..size.plans {
        // Plans vary in size, in pairs that sum to twice the mean, so the total is exact.
        let mean = base + usize::from(p < extra);
        let swing = Rng::fork(seed, 6, (p / 2) as u64)
            .below(base * 3 / 5 + 1)
            .min(base.saturating_sub(1));
        let n = if p % 2 == 1 {
            mean - swing
        } else if p + 1 < size.plans {
            mean + swing
        } else {
            mean
        };
        let plan = make_plan(seed, p, n.max(1), &cycles, &inspections);
        let mut yaml = plan_yaml(&plan, &cycles, &inspections);
        if size.indicators > 0 {
            name_indicator(&mut yaml, &indicator_id(p % size.indicators));
        }
        w.write(&format!("plans/{}.yaml", plan.id), &yaml)?;
        let reported: Vec<usize> = (plan.span.0..=plan.span.1)
            .filter(|&c| {
                plan.actions()
                    .any(|(_, a)| a.updates.iter().any(|u| u.cycle == c))
            })
            .collect();
        let latest = reported.last().copied().unwrap_or(0);
        let counts = counts_at(&plan, latest);
        let total: usize = counts.iter().sum();
        n_actions += total;
        n_recs += plan
            .sections
            .iter()
            .map(|s| s.recommendations.len())
            .sum::<usize>();
        // The plan, at each cycle, its status panel and embed code, its earlier updates.
        n_plan_pages += 3
            + reported.len()
            + usize::from(
                history_md(&plan, latest, &cycles, false).is_some() && !reported.is_empty(),
            );
        for (_, a) in plan.actions() {
            n_updates += a.updates.len();
            if !reported.is_empty()
                && status_at(a, latest) != "complete"
                && due_at(a, latest).is_some_and(|d| d < cycles[latest].date)
            {
                n_overdue += 1;
            }
            for owner in &a.owners {
                let entry = owners
                    .entry(slug(owner))
                    .or_insert_with(|| (owner.clone(), Vec::new()));
                if !hugos.is_empty() {
                    let status = status_at(a, latest);
                    entry.1.push(format!(
                        "- [{} {}](/plans/{}/#action-{}) – {}",
                        plan.title,
                        a.id,
                        plan.id,
                        a.id,
                        STATUS_LABELS[STATUSES.iter().position(|s| *s == status).unwrap_or(4)]
                    ));
                }
            }
        }
        for &i in &plan.responds_to {
            answered_by[i].push(format!("- [{}](/plans/{}/)", plan.title, plan.id));
        }
        let _ = writeln!(
            home,
            "| [{}](/plans/{}/) | {} | {total} | {} | {} | {} | {} | {} |",
            plan.title,
            plan.id,
            plan.organisation,
            counts[0],
            counts[1],
            counts[2],
            counts[3],
            counts[4]
        );
        organisations
            .entry(slug(&plan.organisation))
            .or_insert_with(|| (plan.organisation.clone(), Vec::new()))
            .1
            .push(format!(
                "- [{}](/plans/{}/): {total} actions, {} complete, {} behind",
                plan.title, plan.id, counts[0], counts[3]
            ));
        for &c in &reported {
            let md = if hugos.is_empty() {
                String::new()
            } else {
                report_md(&plan, c, &cycles)
            };
            reports[c]
                .entry(slug(&plan.organisation))
                .or_insert_with(|| (plan.organisation.clone(), String::new()))
                .1
                .push_str(&md);
        }
        for h in &mut hugos {
            h.page(
                &format!("plans/{}.md", plan.id),
                &plan.title,
                "plan",
                &plan_md(&plan, &inspections, latest),
            )?;
            let (panel, code) = embed_md(&plan, latest);
            h.page(
                &format!("plans/{}/embed.md", plan.id),
                &plan.title,
                "embed",
                &panel,
            )?;
            h.page(
                &format!("plans/{}/embed-code.md", plan.id),
                &format!("Show this plan's status on your website: {}", plan.title),
                "page",
                &code,
            )?;
            if !reported.is_empty() {
                if let Some(md) = history_md(&plan, latest, &cycles, h.full) {
                    h.page(
                        &format!("plans/{}/history.md", plan.id),
                        &format!("Earlier updates: {}", plan.title),
                        "history",
                        &md,
                    )?;
                }
            }
            for &c in &reported {
                h.page(
                    &format!("plans/{}/{}.md", plan.id, cycles[c].id),
                    &format!("{} – {}", plan.title, cycles[c].date.month_year()),
                    "report",
                    &if h.full {
                        format!(
                            "The plan as reported to {} on {}.\n\n{}",
                            cycles[c].meeting,
                            cycles[c].date.long(),
                            plan_md(&plan, &inspections, c)
                        )
                    } else {
                        plan_at_md(&plan, c, &cycles)
                    },
                )?;
            }
        }
        for &c in &reported {
            let counts = counts_at(&plan, c);
            cycle_lines[c].push(format!(
                "- [{}](/plans/{}/{}/): {} complete, {} behind",
                plan.title, plan.id, cycles[c].id, counts[0], counts[3]
            ));
        }
        // A briefing at every third cycle the plan reports at.
        for (k, &c) in reported.iter().enumerate() {
            if k % 3 != 0 {
                continue;
            }
            let slug = format!("{}-update-{}", plan.id, cycles[c].id);
            let (text, md) = briefing_md(seed, &plan, c, &cycles, &inspections, n_briefings);
            w.write(&format!("briefings/{slug}.md"), &text)?;
            for h in &mut hugos {
                h.page(
                    &format!("briefings/{slug}.md"),
                    &format!(
                        "Progress on the {} – {}",
                        plan.title,
                        cycles[c].date.month_year()
                    ),
                    "briefing",
                    &md,
                )?;
            }
            cycle_briefings[c].push(format!("- [{}](/briefings/{slug}/)", plan.title));
            n_briefings += 1;
        }
    }

    for h in &mut hugos {
        for (i, insp) in inspections.iter().enumerate() {
            let mut md = inspection_md[i].clone();
            if !answered_by[i].is_empty() {
                let _ = writeln!(
                    md,
                    "## Plans that answer this inspection\n\n{}",
                    answered_by[i].join("\n")
                );
            }
            h.page(
                &format!("inspections/{}.md", insp.id),
                &insp.title,
                "inspection",
                &md,
            )?;
        }
        for (slug, (name, lines)) in &owners {
            h.page(
                &format!("owners/{slug}.md"),
                name,
                "owner",
                &format!("Every action {name} leads.\n\n{}", lines.join("\n")),
            )?;
        }
        for (c, cycle) in cycles.iter().enumerate() {
            let mut md = format!(
                "What changed at {}.\n\n{}\n",
                cycle.meeting,
                cycle_lines[c].join("\n")
            );
            if !cycle_briefings[c].is_empty() {
                let _ = writeln!(md, "\n## Briefings\n\n{}", cycle_briefings[c].join("\n"));
            }
            h.page(
                &format!("cycles/{}.md", cycle.id),
                &format!("What changed: {}", cycle.date.month_year()),
                "cycle",
                &md,
            )?;
        }
        for (c, cycle) in cycles.iter().enumerate() {
            let title = format!("Committee report: {}", cycle.meeting);
            if reports[c].len() > 1 {
                let list: Vec<String> = reports[c]
                    .iter()
                    .map(|(slug, (name, _))| {
                        format!("- [{name}](/cycles/{}/report/{slug}/)", cycle.id)
                    })
                    .collect();
                h.page(
                    &format!("cycles/{}/report.md", cycle.id),
                    &title,
                    "report",
                    &format!(
                        "Each organisation's report is a paper of its own:\n\n{}\n",
                        list.join("\n")
                    ),
                )?;
                for (slug, (name, md)) in &reports[c] {
                    h.page(
                        &format!("cycles/{}/report/{slug}.md", cycle.id),
                        &format!("{title}: {name}"),
                        "report",
                        md,
                    )?;
                }
            } else {
                let md: String = reports[c].values().map(|(_, md)| md.as_str()).collect();
                h.page(
                    &format!("cycles/{}/report.md", cycle.id),
                    &title,
                    "report",
                    &md,
                )?;
            }
        }
        if size.plans > DASHBOARD_PLANS {
            let mut list = String::new();
            for (slug, (name, lines)) in &organisations {
                let _ = writeln!(list, "- [{name}](/organisations/{slug}/)");
                h.page(
                    &format!("organisations/{slug}.md"),
                    name,
                    "organisation",
                    &lines.join("\n"),
                )?;
            }
            h.page("organisations/_index.md", "Organisations", "list", &list)?;
        }
        if size.indicators > 0 {
            h.page(
                "indicators/_index.md",
                "Indicators",
                "list",
                "The figures the plans' actions are measured by.",
            )?;
        }
        h.page(
            "search.md",
            "Search",
            "page",
            "Search the plans, actions, inspections and briefings.",
        )?;
        h.page("_index.md", "Dashboard", "home", &home)?;
        h.page(
            "plans/_index.md",
            "Plans",
            "list",
            "Every plan, with its RAG summary as of its latest report.",
        )?;
        h.page(
            "cycles/_index.md",
            "Committee cycles",
            "list",
            "The meetings at which progress was reported, newest first, each with what changed.",
        )?;
        h.page(
            "inspections/_index.md",
            "Inspections",
            "list",
            "Inspection reports, their judgements, and how far the plans answer each finding.",
        )?;
        h.page(
            "briefings/_index.md",
            "Briefings",
            "list",
            "Committee papers, newest first.",
        )?;
        h.page(
            "owners/_index.md",
            "Owners",
            "list",
            "Everyone who leads an action, with the actions they lead.",
        )?;
    }

    // ragtime's HTML pages: dashboard, 404, search, 5 list pages, the plan pages
    // (with their panels, embed code and earlier updates), cycles and their
    // reports, indicators, organisations, inspections, briefings, owners and
    // plain pages.
    let report_pages: usize = reports
        .iter()
        .map(|r| 1 + if r.len() > 1 { r.len() } else { 0 })
        .sum();
    let indicator_pages = if size.indicators > 0 {
        1 + size.indicators
    } else {
        0
    };
    let organisation_pages = if size.plans > DASHBOARD_PLANS {
        1 + organisations.len()
    } else {
        0
    };
    let html_pages = 3
        + 5
        + n_plan_pages
        + cycles.len()
        + report_pages
        + indicator_pages
        + organisation_pages
        + inspections.len()
        + n_briefings
        + owners.len()
        + 3;
    println!(
        "corpus: size {} plans, {n_recs} recommendations, {n_actions} actions ({n_overdue} overdue), {n_updates} updates, {} cycles, {} inspections with {findings_total} findings, {n_briefings} briefings, {} owners; ragtime will make {html_pages} HTML pages",
        size.plans,
        cycles.len(),
        inspections.len(),
        owners.len()
    );
    if o.out.is_some() {
        println!(
            "corpus: ragtime content {} files, {:.1} MB",
            w.files,
            w.bytes as f64 / 1e6
        );
    }
    for h in &hugos {
        println!(
            "corpus: hugo{} content {} pages, {:.1} MB of Markdown",
            if h.full { " (full)" } else { "" },
            h.pages,
            h.bytes as f64 / 1e6
        );
    }
    println!("corpus: written in {} ms", started.elapsed().as_millis());
    Ok(())
}

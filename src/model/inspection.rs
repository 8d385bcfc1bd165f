//! An inspection report: who inspected what, under which framework, the
//! judgements in that framework's words, its findings and the visits since.

use crate::model::date::Date;
use crate::text::{number_as_printed, scalar_string};
use serde::{Deserialize, Serialize};

/// Every judgement word of every framework; which of them a report may use
/// is its framework's (`Framework::overall_grades`, `Framework::judgement_grades`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grade {
    /// Estyn's top grade (2010 framework).
    Excellent,
    Outstanding,
    Good,
    RequiresImprovement,
    /// The grade below good in Ofsted's frameworks before 2013, Estyn's
    /// 2010 framework and HMICFRS's grades.
    Adequate,
    Inadequate,
    /// Estyn's lowest grade (2010 framework).
    Unsatisfactory,
    /// The area SEND outcomes (2023 framework).
    Positive,
    Inconsistent,
    SystemicFailings,
}

impl Grade {
    /// Every grade, in the order of the enum.
    #[cfg(test)]
    pub(crate) const ALL: [Grade; 10] = [
        Grade::Excellent,
        Grade::Outstanding,
        Grade::Good,
        Grade::RequiresImprovement,
        Grade::Adequate,
        Grade::Inadequate,
        Grade::Unsatisfactory,
        Grade::Positive,
        Grade::Inconsistent,
        Grade::SystemicFailings,
    ];

    /// The grade as content writes it: `requires-improvement`.
    pub fn id(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Outstanding => "outstanding",
            Grade::Good => "good",
            Grade::RequiresImprovement => "requires-improvement",
            Grade::Adequate => "adequate",
            Grade::Inadequate => "inadequate",
            Grade::Unsatisfactory => "unsatisfactory",
            Grade::Positive => "positive",
            Grade::Inconsistent => "inconsistent",
            Grade::SystemicFailings => "systemic-failings",
        }
    }
}

/// The framework a report was written under, which gives its judgement
/// words and what it calls its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    /// Ofsted's inspections of local authority children's services (and the
    /// frameworks before them): the default.
    OfstedIlacs,
    /// CQC's assessments of local authorities' adult social care (from 2023).
    CqcLocalAuthority,
    /// Ofsted and CQC's area SEND inspections (the 2023 framework).
    OfstedCqcSend,
    /// Ofsted and CQC's local area SEND inspections of 2016-2022, which gave
    /// no outcome: they found areas of significant weakness and decided
    /// whether a written statement of action was required.
    #[serde(rename = "ofsted-cqc-send-2016")]
    OfstedCqcSend2016,
    /// Care Inspectorate Wales's inspections of local authority social services.
    Ciw,
    /// Estyn's inspections of local government education services.
    Estyn,
    /// HMICFRS's inspections (police forces, fire and rescue services).
    Hmicfrs,
}

/// A kind of finding: its id in content and the words pages use for it.
pub(crate) type FindingKind = (&'static str, &'static str);

impl Framework {
    /// Every framework, in the order of the enum.
    #[cfg(test)]
    pub(crate) const ALL: [Framework; 7] = [
        Framework::OfstedIlacs,
        Framework::CqcLocalAuthority,
        Framework::OfstedCqcSend,
        Framework::OfstedCqcSend2016,
        Framework::Ciw,
        Framework::Estyn,
        Framework::Hmicfrs,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Framework::OfstedIlacs => "ofsted-ilacs",
            Framework::CqcLocalAuthority => "cqc-local-authority",
            Framework::OfstedCqcSend => "ofsted-cqc-send",
            Framework::OfstedCqcSend2016 => "ofsted-cqc-send-2016",
            Framework::Ciw => "ciw",
            Framework::Estyn => "estyn",
            Framework::Hmicfrs => "hmicfrs",
        }
    }

    /// The framework in words, for errors: "CQC's local authority assessments".
    pub fn name(self) -> &'static str {
        match self {
            Framework::OfstedIlacs => "Ofsted's inspections of children's services (ofsted-ilacs)",
            Framework::CqcLocalAuthority => {
                "CQC's local authority assessments (cqc-local-authority)"
            }
            Framework::OfstedCqcSend => "the area SEND inspections (ofsted-cqc-send)",
            Framework::OfstedCqcSend2016 => {
                "the local area SEND inspections of 2016 to 2022 (ofsted-cqc-send-2016)"
            }
            Framework::Ciw => "Care Inspectorate Wales's inspections (ciw)",
            Framework::Estyn => "Estyn's inspections (estyn)",
            Framework::Hmicfrs => "HMICFRS's inspections (hmicfrs)",
        }
    }

    /// The words an `overall:` may take under this framework.
    pub fn overall_grades(self) -> &'static [Grade] {
        match self {
            // "Adequate" is the grade below good before the 2013 framework.
            Framework::OfstedIlacs => &[
                Grade::Outstanding,
                Grade::Good,
                Grade::RequiresImprovement,
                Grade::Adequate,
                Grade::Inadequate,
            ],
            // CQC rates a local authority outstanding, good, requires
            // improvement or inadequate, from its score (cqc.org.uk, "How we
            // determine ratings": 25-38% inadequate … 88% and above outstanding).
            Framework::CqcLocalAuthority => &[
                Grade::Outstanding,
                Grade::Good,
                Grade::RequiresImprovement,
                Grade::Inadequate,
            ],
            // The three inspection outcomes of the area SEND framework
            // (gov.uk, "Area SEND inspections: framework and handbook", 2023).
            Framework::OfstedCqcSend => &[
                Grade::Positive,
                Grade::Inconsistent,
                Grade::SystemicFailings,
            ],
            // Estyn's 2010 framework judged an authority excellent, good,
            // adequate or unsatisfactory (Vale of Glamorgan 2013: "adequate");
            // its inspections since 2022 give no summative grade.
            Framework::Estyn => &[
                Grade::Excellent,
                Grade::Good,
                Grade::Adequate,
                Grade::Unsatisfactory,
            ],
            // CIW's inspections of local authorities report strengths and
            // areas for improvement and give no grade; HMICFRS grades each
            // question it asks and gives no overall grade.
            Framework::Ciw | Framework::Hmicfrs | Framework::OfstedCqcSend2016 => &[],
        }
    }

    /// The words a judgement of one area may take under this framework.
    pub fn judgement_grades(self) -> &'static [Grade] {
        match self {
            // HMICFRS's graded judgements (fire and rescue from 2023, PEEL
            // from 2021): outstanding, good, adequate, requires improvement,
            // inadequate.
            Framework::Hmicfrs => &[
                Grade::Outstanding,
                Grade::Good,
                Grade::Adequate,
                Grade::RequiresImprovement,
                Grade::Inadequate,
            ],
            // One outcome for the whole area, no judgement by area.
            Framework::OfstedCqcSend | Framework::OfstedCqcSend2016 => &[],
            other => other.overall_grades(),
        }
    }

    /// A grade as this framework words it.
    pub fn label(self, grade: Grade) -> &'static str {
        match grade {
            Grade::Excellent => "Excellent",
            Grade::Outstanding => "Outstanding",
            Grade::Good => "Good",
            Grade::RequiresImprovement if self == Framework::OfstedIlacs => {
                "Requires improvement to be good"
            }
            Grade::RequiresImprovement => "Requires improvement",
            Grade::Adequate => "Adequate",
            Grade::Inadequate => "Inadequate",
            Grade::Unsatisfactory => "Unsatisfactory",
            // The outcomes' first sentences as the framework and handbook word them.
            Grade::Positive => "The local area partnership’s SEND arrangements typically lead to positive experiences and outcomes for children and young people with SEND",
            Grade::Inconsistent => "The local area partnership’s arrangements lead to inconsistent experiences and outcomes for children and young people with SEND",
            Grade::SystemicFailings => "There are widespread and/or systemic failings leading to significant concerns about the experiences and outcomes of children and young people with SEND",
        }
    }

    /// What the framework calls its overall verdict.
    pub fn overall_name(self) -> &'static str {
        match self {
            Framework::CqcLocalAuthority => "Overall rating",
            Framework::OfstedCqcSend => "Inspection outcome",
            _ => "Overall judgement",
        }
    }

    /// Why a report under this framework may give no overall verdict, where
    /// the framework gives none; `None` where the papers should say.
    pub fn no_overall(self) -> Option<&'static str> {
        match self {
            Framework::Ciw => {
                Some("Care Inspectorate Wales gives no overall grade when it inspects a council")
            }
            Framework::Hmicfrs => {
                Some("HMICFRS grades each question it asks and gives no overall grade")
            }
            Framework::Estyn => Some("Estyn’s inspections since 2022 give no overall grade"),
            Framework::OfstedCqcSend2016 => Some(
                "the area SEND inspections before 2023 gave no outcome: they decided whether a written statement of action was required",
            ),
            _ => None,
        }
    }

    /// Whether the framework publishes a percentage score beside its rating.
    pub fn scores(self) -> bool {
        self == Framework::CqcLocalAuthority
    }

    /// The kinds of finding the framework's reports make, each with its words.
    pub(crate) fn finding_kinds(self) -> &'static [FindingKind] {
        match self {
            // "What needs to improve": recommendations; focused visits name
            // areas for improvement and areas for priority action.
            Framework::OfstedIlacs => &[
                ("recommendation", "recommendation"),
                ("area-for-improvement", "area for improvement"),
                ("priority-action", "area for priority action"),
            ],
            // CQC's reports describe "areas that need to improve".
            Framework::CqcLocalAuthority => &[("area-for-improvement", "area for improvement")],
            Framework::OfstedCqcSend => &[
                ("priority-action", "priority action"),
                ("area-for-improvement", "area for improvement"),
            ],
            // The 2016 framework's letters list "areas of significant weakness";
            // revisits name those still to improve.
            Framework::OfstedCqcSend2016 => &[
                ("significant-weakness", "area of significant weakness"),
                ("area-for-improvement", "area for improvement"),
            ],
            Framework::Ciw => &[
                ("area-for-improvement", "area for improvement"),
                ("recommendation", "recommendation"),
            ],
            // Estyn numbers its recommendations R1, R2 ….
            Framework::Estyn => &[("recommendation", "recommendation")],
            Framework::Hmicfrs => &[
                ("cause-of-concern", "cause of concern"),
                ("recommendation", "recommendation"),
                ("area-for-improvement", "area for improvement"),
            ],
        }
    }

    /// The words for a kind of finding, if the framework has that kind.
    pub fn finding_kind(self, id: &str) -> Option<&'static str> {
        self.finding_kinds()
            .iter()
            .find(|(kind, _)| *kind == id)
            .map(|(_, label)| *label)
    }
}

/// The inspection's own fieldwork: the days the inspectors were on site.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    pub start: Date,
    pub end: Date,
}

/// A visit beside the inspection's own (a monitoring visit, a focused visit,
/// a revisit), with the progress it found in the inspectors' words.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LaterVisit {
    pub date: Date,
    /// As the report names it: "monitoring", "focused visit".
    pub kind: String,
    /// "The local authority has taken effective action".
    #[serde(default)]
    pub verdict: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    pub area: String,
    pub grade: Grade,
}

/// A recommendation the inspectors made, numbered as the report numbers it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    #[serde(deserialize_with = "scalar_string")]
    pub id: String,
    /// As printed, where it differs from the id: "OR 21".
    #[serde(default, deserialize_with = "number_as_printed")]
    pub number: Option<String>,
    /// One of the framework's kinds of finding (`priority-action`).
    #[serde(default)]
    pub kind: Option<String>,
    pub text: String,
    /// The earlier finding this one repeats: `inspection-id#finding-id`.
    #[serde(default)]
    pub repeats: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    #[serde(skip_deserializing)]
    pub id: String,
    pub title: String,
    pub inspectorate: String,
    /// `ofsted-ilacs` when not given.
    #[serde(default)]
    pub framework: Option<Framework>,
    /// The one organisation inspected; none for a national inquiry.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Several inspected together (a council and an integrated care board).
    #[serde(default)]
    pub organisations: Vec<String>,
    /// What the report calls its findings ("area for improvement"); "recommendation" when not given.
    #[serde(default)]
    pub item_label: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub visit: Option<Visit>,
    /// Visits beside the inspection's own, each with its verdict.
    #[serde(default)]
    pub visits: Vec<LaterVisit>,
    #[serde(default)]
    pub published: Option<Date>,
    #[serde(default)]
    pub overall: Option<Grade>,
    /// The percentage beside the overall rating, as CQC publishes it.
    #[serde(default)]
    pub score: Option<u32>,
    #[serde(default)]
    pub judgements: Vec<Judgement>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Deadlines the inspection starts (the statement of action, monitoring visits).
    #[serde(default)]
    pub clocks: Vec<crate::model::clock::Clock>,
}

impl Inspection {
    /// The framework the report was written under.
    pub fn framework(&self) -> Framework {
        self.framework.unwrap_or(Framework::OfstedIlacs)
    }

    /// The organisations inspected, however the file names them.
    pub fn organisations(&self) -> Vec<&str> {
        self.organisation
            .iter()
            .chain(&self.organisations)
            .map(String::as_str)
            .collect()
    }

    /// The organisations inspected, for a sentence: "A", "A and B", "A, B and C".
    pub fn organisations_text(&self) -> String {
        match self.organisations().as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }

    /// What pages call a finding: its kind's words, else what the report
    /// calls its findings, else "recommendation".
    pub fn finding_word<'a>(&'a self, finding: &'a Finding) -> &'a str {
        finding
            .kind
            .as_deref()
            .and_then(|kind| self.framework().finding_kind(kind))
            .or(self.item_label.as_deref())
            .unwrap_or("recommendation")
    }

    /// The visits beside the inspection's own, oldest first (in the file's
    /// order where two share a date).
    pub fn visits_in_order(&self) -> Vec<&LaterVisit> {
        let mut visits: Vec<&LaterVisit> = self.visits.iter().collect();
        visits.sort_by_key(|v| v.date);
        visits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> Inspection {
        serde_yaml::from_str(yaml).expect("reads")
    }

    #[test]
    fn ids_are_what_content_writes() {
        for grade in Grade::ALL {
            let read: Grade = serde_yaml::from_str(grade.id()).expect("a grade");
            assert_eq!(read, grade);
        }
        for framework in Framework::ALL {
            let read: Framework = serde_yaml::from_str(framework.id()).expect("a framework");
            assert_eq!(read, framework);
        }
    }

    #[test]
    fn only_ofsted_s_children_s_services_require_improvement_to_be_good() {
        for framework in Framework::ALL {
            let expected = if framework == Framework::OfstedIlacs {
                "Requires improvement to be good"
            } else {
                "Requires improvement"
            };
            assert_eq!(framework.label(Grade::RequiresImprovement), expected);
        }
        let words: Vec<&str> = Grade::ALL
            .iter()
            .map(|g| Framework::OfstedIlacs.label(*g))
            .collect();
        assert_eq!(
            words[..7],
            [
                "Excellent",
                "Outstanding",
                "Good",
                "Requires improvement to be good",
                "Adequate",
                "Inadequate",
                "Unsatisfactory"
            ]
        );
        let send = Framework::OfstedCqcSend;
        assert!(send
            .label(Grade::Positive)
            .contains("typically lead to positive experiences and outcomes"));
        assert!(send
            .label(Grade::Inconsistent)
            .contains("lead to inconsistent experiences and outcomes"));
        assert!(send
            .label(Grade::SystemicFailings)
            .starts_with("There are widespread and/or systemic failings"));
    }

    #[test]
    fn each_framework_has_its_own_words() {
        use Grade::*;
        let overall: Vec<&[Grade]> = Framework::ALL.iter().map(|f| f.overall_grades()).collect();
        assert_eq!(
            overall,
            [
                &[Outstanding, Good, RequiresImprovement, Adequate, Inadequate][..],
                &[Outstanding, Good, RequiresImprovement, Inadequate],
                &[Positive, Inconsistent, SystemicFailings],
                &[],
                &[],
                &[Excellent, Good, Adequate, Unsatisfactory],
                &[],
            ]
        );
        let judgements: Vec<&[Grade]> = Framework::ALL
            .iter()
            .map(|f| f.judgement_grades())
            .collect();
        assert_eq!(
            judgements,
            [
                &[Outstanding, Good, RequiresImprovement, Adequate, Inadequate][..],
                &[Outstanding, Good, RequiresImprovement, Inadequate],
                &[],
                &[],
                &[],
                &[Excellent, Good, Adequate, Unsatisfactory],
                &[Outstanding, Good, Adequate, RequiresImprovement, Inadequate],
            ]
        );
        let names: Vec<&str> = Framework::ALL.iter().map(|f| f.overall_name()).collect();
        assert_eq!(
            names,
            [
                "Overall judgement",
                "Overall rating",
                "Inspection outcome",
                "Overall judgement",
                "Overall judgement",
                "Overall judgement",
                "Overall judgement"
            ]
        );
        let none: Vec<bool> = Framework::ALL
            .iter()
            .map(|f| f.no_overall().is_some())
            .collect();
        assert_eq!(none, [false, false, false, true, true, true, true]);
        let scores: Vec<bool> = Framework::ALL.iter().map(|f| f.scores()).collect();
        assert_eq!(scores, [false, true, false, false, false, false, false]);
        let kinds: Vec<Vec<&str>> = Framework::ALL
            .iter()
            .map(|f| f.finding_kinds().iter().map(|(id, _)| *id).collect())
            .collect();
        assert_eq!(
            kinds,
            [
                vec!["recommendation", "area-for-improvement", "priority-action"],
                vec!["area-for-improvement"],
                vec!["priority-action", "area-for-improvement"],
                vec!["significant-weakness", "area-for-improvement"],
                vec!["area-for-improvement", "recommendation"],
                vec!["recommendation"],
                vec!["cause-of-concern", "recommendation", "area-for-improvement"],
            ]
        );
        assert_eq!(
            Framework::OfstedIlacs.finding_kind("priority-action"),
            Some("area for priority action")
        );
        assert_eq!(
            Framework::OfstedCqcSend.finding_kind("priority-action"),
            Some("priority action")
        );
        assert_eq!(Framework::Estyn.finding_kind("priority-action"), None);
    }

    #[test]
    fn a_finding_is_named_by_its_kind_else_the_report_s_word() {
        let inspection = read("title: T\ninspectorate: I\nframework: ofsted-cqc-send\nitem_label: point\nfindings:\n  - { id: '1', kind: priority-action, text: T }\n  - { id: '2', text: T }\n");
        assert_eq!(
            inspection.finding_word(&inspection.findings[0]),
            "priority action"
        );
        assert_eq!(inspection.finding_word(&inspection.findings[1]), "point");
        let plain = read("title: T\ninspectorate: I\nfindings:\n  - { id: '1', text: T }\n");
        assert_eq!(plain.framework(), Framework::OfstedIlacs);
        assert_eq!(plain.finding_word(&plain.findings[0]), "recommendation");
    }

    #[test]
    fn organisations_read_as_a_sentence() {
        let named =
            |yaml: &str| read(&format!("title: T\ninspectorate: I\n{yaml}")).organisations_text();
        assert_eq!(named(""), "");
        assert_eq!(named("organisation: A\n"), "A");
        assert_eq!(named("organisations: [A, B]\n"), "A and B");
        assert_eq!(named("organisations: [A, B, C]\n"), "A, B and C");
    }

    #[test]
    fn visits_come_oldest_first_keeping_the_file_s_order_on_a_day() {
        let inspection = read("title: T\ninspectorate: I\nvisits:\n  - { date: 2024-03-01, kind: c }\n  - { date: 2023-01-01, kind: a }\n  - { date: 2024-03-01, kind: d }\n  - { date: 2023-06-01, kind: b }\n");
        let kinds: Vec<&str> = inspection
            .visits_in_order()
            .iter()
            .map(|v| v.kind.as_str())
            .collect();
        assert_eq!(kinds, ["a", "b", "c", "d"]);
    }
}

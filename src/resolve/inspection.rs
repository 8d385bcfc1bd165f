//! Checks of an inspection: its finding ids and kinds, its judgements in its
//! framework's words, its score, who it inspected, its visits' dates and
//! verdicts, the links in its summary.

use crate::diagnostic::Diagnostic;
use crate::load::spans::FieldPath;
use crate::load::{Loaded, SourceFile};
use crate::model::inspection::{Framework, Grade, Inspection};
use crate::resolve::checker::{item_id, Checker, Ids};

/// A framework's words for a field, for a hint: `good ("Good"), …`.
fn words(framework: Framework, grades: &[Grade]) -> String {
    grades
        .iter()
        .map(|g| format!("{} (\"{}\")", g.id(), framework.label(*g)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An error where a grade is not one of its framework's words for that field.
fn grade_error(
    source: &SourceFile,
    at: &FieldPath,
    framework: Framework,
    grade: Grade,
    allowed: &[Grade],
    what: &str,
) -> Option<Diagnostic> {
    if allowed.contains(&grade) {
        return None;
    }
    let error = source.error(
        at,
        format!("\"{}\" is not {what} of {}", grade.id(), framework.name()),
    );
    Some(if allowed.is_empty() {
        error.hint(format!(
            "{} gives none: leave the field out",
            framework.name()
        ))
    } else {
        error.hint(format!("expected one of: {}", words(framework, allowed)))
    })
}

impl Checker<'_> {
    pub(super) fn inspection(
        &self,
        inspection: &Loaded<Inspection>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source = &inspection.source;
        let value = &inspection.value;
        let mut seen = Ids::new();
        for (i, finding) in value.findings.iter().enumerate() {
            let at = FieldPath::root().key("findings").index(i).key("id");
            item_id(source, &at, &finding.id, &mut seen, "finding", diagnostics);
        }
        if let Some(visit) = &value.visit {
            if visit.end < visit.start {
                diagnostics.push(source.error(
                    &FieldPath::root().key("visit").key("end"),
                    format!(
                        "the visit ends ({}) before it starts ({})",
                        visit.end, visit.start
                    ),
                ));
            }
        }
        Self::framework_words(inspection, diagnostics);
        Self::inspected(inspection, diagnostics);
        Self::later_visits(inspection, diagnostics);
        self.repeats(inspection, diagnostics);
        Self::clocks(
            source,
            &value.clocks,
            value.published,
            self.bank_holidays,
            diagnostics,
        );
        if let Some(summary) = &value.summary {
            self.markdown_field(
                source,
                &FieldPath::root().key("summary"),
                summary,
                diagnostics,
            );
        }
    }

    /// The overall verdict, the judgements, the score and the findings'
    /// kinds, each in the words of the framework the report was written under.
    fn framework_words(inspection: &Loaded<Inspection>, diagnostics: &mut Vec<Diagnostic>) {
        let source = &inspection.source;
        let value = &inspection.value;
        let framework = value.framework();
        if let Some(overall) = value.overall {
            diagnostics.extend(grade_error(
                source,
                &FieldPath::root().key("overall"),
                framework,
                overall,
                framework.overall_grades(),
                "an overall verdict",
            ));
        }
        for (i, judgement) in value.judgements.iter().enumerate() {
            diagnostics.extend(grade_error(
                source,
                &FieldPath::root().key("judgements").index(i).key("grade"),
                framework,
                judgement.grade,
                framework.judgement_grades(),
                "a judgement of an area",
            ));
        }
        if let Some(score) = value.score {
            let at = FieldPath::root().key("score");
            if !framework.scores() {
                diagnostics.push(
                    source
                        .error(&at, format!("{} publish no score", framework.name()))
                        .hint("only CQC's local authority assessments (framework: cqc-local-authority) give a percentage score: leave `score:` out"),
                );
            } else if score > 100 {
                diagnostics.push(
                    source
                        .error(&at, format!("the score {score} is more than 100 per cent"))
                        .hint("give the percentage as the report prints it: `score: 61` for 61%"),
                );
            } else if value.overall.is_none() {
                diagnostics.push(
                    source
                        .error(&at, "a score is given without the rating it stands beside")
                        .hint("add the report's rating as `overall:` (outstanding, good, requires-improvement or inadequate)"),
                );
            }
        }
        for (i, finding) in value.findings.iter().enumerate() {
            let Some(kind) = finding.kind.as_deref() else {
                continue;
            };
            if framework.finding_kind(kind).is_none() {
                let kinds: Vec<String> = framework
                    .finding_kinds()
                    .iter()
                    .map(|(id, label)| format!("{id} (\"{label}\")"))
                    .collect();
                diagnostics.push(
                    source
                        .error(
                            &FieldPath::root().key("findings").index(i).key("kind"),
                            format!(
                                "\"{kind}\" is not a kind of finding of {}",
                                framework.name()
                            ),
                        )
                        .hint(format!("expected one of: {}", kinds.join(", "))),
                );
            }
        }
    }

    /// Who was inspected: one `organisation`, several `organisations`, or
    /// neither (a national inquiry), never both.
    fn inspected(inspection: &Loaded<Inspection>, diagnostics: &mut Vec<Diagnostic>) {
        let source = &inspection.source;
        let value = &inspection.value;
        if value.organisation.is_some() && !value.organisations.is_empty() {
            diagnostics.push(
                source
                    .error(
                        &FieldPath::root().key("organisations"),
                        "both `organisation` and `organisations` are given",
                    )
                    .hint("name one organisation as `organisation:`, or all of them in the list `organisations:`"),
            );
        }
        let named = value
            .organisation
            .iter()
            .map(|o| (FieldPath::root().key("organisation"), o))
            .chain(
                value
                    .organisations
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (FieldPath::root().key("organisations").index(i), o)),
            );
        for (at, name) in named {
            if name.trim().is_empty() {
                diagnostics.push(
                    source
                        .error(&at, "the organisation's name is empty")
                        .hint("give the name as the report prints it, or leave the field out for a national inquiry"),
                );
            }
        }
    }

    /// Each visit beside the inspection's own names its kind, and its
    /// verdict, where given, says something.
    fn later_visits(inspection: &Loaded<Inspection>, diagnostics: &mut Vec<Diagnostic>) {
        let source = &inspection.source;
        for (i, visit) in inspection.value.visits.iter().enumerate() {
            let at = FieldPath::root().key("visits").index(i);
            if visit.kind.trim().is_empty() {
                diagnostics.push(
                    source
                        .error(&at.key("kind"), "the visit's kind is empty")
                        .hint("name the visit as the report does: `kind: monitoring`, `kind: focused visit`"),
                );
            }
            if visit
                .verdict
                .as_deref()
                .is_some_and(|v| v.trim().is_empty())
            {
                diagnostics.push(
                    source
                        .error(&at.key("verdict"), "the visit's verdict is empty")
                        .hint("quote the inspectors' verdict (\"The local authority has taken effective action\"), or leave `verdict:` out"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::load::from_texts;
    use crate::model::inspection::{Framework, Grade};
    use crate::resolve::resolve;

    const SETTINGS: &str = "title: T\norganisation: O\nbase_url: https://example.org/\n";
    const FILE: &str = "content/inspections/i.yaml";

    /// The errors of a site holding one inspection, as `line: message (hint)`.
    fn errors(inspection: &str) -> Vec<String> {
        let (content, mut problems) =
            from_texts(&[("content/site.yaml", SETTINGS), (FILE, inspection)]);
        let (_, more) = resolve(content);
        problems.extend(more);
        problems
            .iter()
            .filter(|d| d.is_error())
            .map(|d: &Diagnostic| {
                format!(
                    "{}: {} ({})",
                    d.line.map_or("?".to_owned(), |l| l.to_string()),
                    d.message,
                    d.hint.as_deref().unwrap_or_default()
                )
            })
            .collect()
    }

    fn inspection(framework: Framework, rest: &str) -> String {
        format!(
            "title: T\ninspectorate: I\nframework: {}\n{rest}",
            framework.id()
        )
    }

    #[test]
    fn an_overall_verdict_is_one_of_its_framework_s_words() {
        for framework in Framework::ALL {
            for grade in Grade::ALL {
                let found = errors(&inspection(
                    framework,
                    &format!("overall: {}\n", grade.id()),
                ));
                if framework.overall_grades().contains(&grade) {
                    assert!(found.is_empty(), "{framework:?} {grade:?}: {found:?}");
                } else {
                    assert_eq!(found.len(), 1, "{framework:?} {grade:?}: {found:?}");
                    let expected = format!(
                        "4: \"{}\" is not an overall verdict of {}",
                        grade.id(),
                        framework.name()
                    );
                    assert!(found[0].starts_with(&expected), "{found:?}");
                }
            }
        }
    }

    #[test]
    fn a_refused_word_is_answered_with_the_framework_s_own() {
        let found = errors(&inspection(
            Framework::CqcLocalAuthority,
            "overall: adequate\n",
        ));
        assert!(
            found[0].ends_with("(expected one of: outstanding (\"Outstanding\"), good (\"Good\"), requires-improvement (\"Requires improvement\"), inadequate (\"Inadequate\"))"),
            "{found:?}"
        );
        let found = errors(&inspection(Framework::Ciw, "overall: good\n"));
        assert!(
            found[0].ends_with(
                "(Care Inspectorate Wales's inspections (ciw) gives none: leave the field out)"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_judgement_of_an_area_is_one_of_its_framework_s_words() {
        for framework in Framework::ALL {
            for grade in Grade::ALL {
                let found = errors(&inspection(
                    framework,
                    &format!("judgements:\n  - {{ area: A, grade: {} }}\n", grade.id()),
                ));
                if framework.judgement_grades().contains(&grade) {
                    assert!(found.is_empty(), "{framework:?} {grade:?}: {found:?}");
                } else {
                    assert_eq!(found.len(), 1, "{framework:?} {grade:?}: {found:?}");
                    assert!(
                        found[0].starts_with(&format!(
                            "5: \"{}\" is not a judgement of an area of",
                            grade.id()
                        )),
                        "{found:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_cqc_publishes_a_score_of_at_most_100_beside_its_rating() {
        let cqc = |rest: &str| errors(&inspection(Framework::CqcLocalAuthority, rest));
        assert!(cqc("overall: good\nscore: 100\n").is_empty());
        assert!(cqc("overall: good\nscore: 0\n").is_empty());
        let found = cqc("overall: good\nscore: 101\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("5: the score 101 is more than 100 per cent"),
            "{found:?}"
        );
        let found = cqc("score: 61\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("4: a score is given without the rating"),
            "{found:?}"
        );
        for framework in Framework::ALL {
            if framework == Framework::CqcLocalAuthority {
                continue;
            }
            let overall = framework
                .overall_grades()
                .first()
                .map_or(String::new(), |g| format!("overall: {}\n", g.id()));
            let found = errors(&inspection(framework, &format!("{overall}score: 61\n")));
            assert_eq!(found.len(), 1, "{framework:?}: {found:?}");
            assert!(found[0].contains("publish no score"), "{found:?}");
        }
    }

    #[test]
    fn a_finding_s_kind_is_one_its_framework_makes() {
        for framework in Framework::ALL {
            for kind in [
                "recommendation",
                "area-for-improvement",
                "priority-action",
                "cause-of-concern",
                "observation",
            ] {
                let found = errors(&inspection(
                    framework,
                    &format!("findings:\n  - {{ id: '1', kind: {kind}, text: T }}\n"),
                ));
                if framework.finding_kind(kind).is_some() {
                    assert!(found.is_empty(), "{framework:?} {kind}: {found:?}");
                } else {
                    assert_eq!(found.len(), 1, "{framework:?} {kind}: {found:?}");
                    assert!(
                        found[0].starts_with(&format!(
                            "5: \"{kind}\" is not a kind of finding of {}",
                            framework.name()
                        )),
                        "{found:?}"
                    );
                    assert!(found[0].contains("(expected one of: "), "{found:?}");
                }
            }
        }
    }

    #[test]
    fn who_was_inspected_is_one_organisation_a_list_or_none() {
        let ilacs = |rest: &str| errors(&inspection(Framework::OfstedIlacs, rest));
        assert!(ilacs("").is_empty());
        assert!(ilacs("organisation: O\n").is_empty());
        assert!(ilacs("organisations: [A, B]\n").is_empty());
        let found = ilacs("organisation: O\norganisations: [A, B]\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("5: both `organisation` and `organisations` are given"),
            "{found:?}"
        );
        let found = ilacs("organisation: ' '\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("4: the organisation's name is empty"),
            "{found:?}"
        );
        let found = ilacs("organisations: [A, ' ']\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("4: the organisation's name is empty"),
            "{found:?}"
        );
    }

    #[test]
    fn a_visit_names_its_kind_and_any_verdict_says_something() {
        let ilacs = |visit: &str| {
            errors(&inspection(
                Framework::OfstedIlacs,
                &format!("visits:\n  - {visit}\n"),
            ))
        };
        assert!(ilacs("{ date: 2024-01-02, kind: monitoring, verdict: Good progress }").is_empty());
        assert!(ilacs("{ date: 2024-01-02, kind: focused visit }").is_empty());
        let found = ilacs("{ date: 2024-01-02, kind: ' ', verdict: Good progress }");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("5: the visit's kind is empty"),
            "{found:?}"
        );
        let found = ilacs("{ date: 2024-01-02, kind: monitoring, verdict: '' }");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("5: the visit's verdict is empty"),
            "{found:?}"
        );
    }

    #[test]
    fn the_inspection_s_own_visit_ends_after_it_starts() {
        let ilacs = |visit: &str| errors(&inspection(Framework::OfstedIlacs, visit));
        assert!(ilacs("visit: { start: 2015-11-30, end: 2015-11-30 }\n").is_empty());
        let found = ilacs("visit: { start: 2015-11-30, end: 2015-11-29 }\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("4: the visit ends"), "{found:?}");
    }
}

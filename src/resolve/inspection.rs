//! Checks of an inspection: its finding ids, its visit dates, the links in its summary.

use crate::diagnostic::Diagnostic;
use crate::load::spans::FieldPath;
use crate::load::Loaded;
use crate::model::inspection::Inspection;
use crate::resolve::checker::{item_id, Checker, Ids};

impl Checker<'_> {
    pub(super) fn inspection(
        &self,
        inspection: &Loaded<Inspection>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source = &inspection.source;
        let mut seen = Ids::new();
        for (i, finding) in inspection.value.findings.iter().enumerate() {
            let at = FieldPath::root().key("findings").index(i).key("id");
            item_id(source, &at, &finding.id, &mut seen, "finding", diagnostics);
        }
        if let Some(visit) = &inspection.value.visit {
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
        self.repeats(inspection, diagnostics);
        Self::clocks(
            source,
            &inspection.value.clocks,
            inspection.value.published,
            self.bank_holidays,
            diagnostics,
        );
        if let Some(summary) = &inspection.value.summary {
            self.markdown_field(
                source,
                &FieldPath::root().key("summary"),
                summary,
                diagnostics,
            );
        }
    }
}

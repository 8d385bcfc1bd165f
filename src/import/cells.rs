//! Where a problem the site check finds in an imported plan stands in the
//! spreadsheet. The plan is checked before it is written, so a line of its
//! YAML names nothing the officer can open; the cell its value came from does.

use super::columns::Field;
use super::rows::{Column, Origin, Read, Use};
use crate::diagnostic::{Cell, Diagnostic};
use crate::load::spans::{FieldPath, Positions, Segment};
use crate::model::plan::{Place, Plan};

/// The imported plan as written in memory, with where each of its parts was read.
pub(crate) struct Cells<'a> {
    pub origin: Origin<'a>,
    pub heading_row: u32,
    /// The rows above the headings that gave the plan's title and source.
    pub title_row: Option<u32>,
    pub columns: &'a [Column],
    pub read: &'a Read,
    pub plan: &'a Plan,
    /// The plan's YAML as it would be written.
    pub yaml: &'a str,
}

impl Cells<'_> {
    /// Each of `problems` found in the plan's would-be file `plan`, placed at its cell.
    pub(crate) fn place_all(&self, plan: &std::path::Path, problems: &mut [Diagnostic]) {
        if !problems.iter().any(|d| d.file == plan) {
            return;
        }
        let positions = Positions::new(self.yaml);
        for problem in problems.iter_mut().filter(|d| d.file == plan) {
            *problem = self.place(problem.clone(), &positions);
        }
    }

    /// `problem`, found in the plan's would-be file, placed at the cell its
    /// value came from: by its field where it names one, else by its line.
    /// A line of that file named in its words ("on line 19") is named as a cell too.
    pub(crate) fn place(&self, problem: Diagnostic, positions: &Positions) -> Diagnostic {
        let path = problem
            .field
            .as_deref()
            .and_then(parse_path)
            .or_else(|| positions.path_at((problem.line?, problem.column.unwrap_or(1))));
        let (row, column) = path.map_or((self.heading_row, 0), |p| self.cell(&p));
        let lines_as_cells = |text: String| self.lines_as_cells(&text, positions);
        Diagnostic {
            file: self.origin.file.to_path_buf(),
            line: None,
            column: None,
            field: None,
            message: lines_as_cells(problem.message),
            hint: problem.hint.map(lines_as_cells),
            ..problem
        }
        .at_cell(self.origin.sheet, row, column)
    }

    /// Each "line N" in `text` (N a line of the would-be file) as the cell it came from.
    fn lines_as_cells(&self, text: &str, positions: &Positions) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("line ") {
            let (before, after) = rest.split_at(at);
            let after = &after["line ".len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            // "line" as a word ("deadline" is not one), followed by its number.
            let cell = (!before.ends_with(char::is_alphanumeric))
                .then(|| after[..digits].parse::<usize>().ok())
                .flatten()
                .and_then(|line| positions.path_at((line, usize::MAX)))
                .map(|path| self.cell(&path));
            if let Some((row, column)) = cell {
                let cell = Cell {
                    sheet: self.origin.sheet.to_owned(),
                    row,
                    column,
                };
                // "on line 9" becomes "at Plan!B5"; "up to line 9", "up to Plan!B5".
                match before.strip_suffix("on ") {
                    Some(before) => out.push_str(&format!("{before}at {cell}")),
                    None => out.push_str(&format!("{before}{cell}")),
                }
                rest = &after[digits..];
            } else {
                out.push_str(&rest[..at + "line ".len()]);
                rest = after;
            }
        }
        out.push_str(rest);
        out
    }

    /// The row and column (0-based) the value at `path` was read from.
    fn cell(&self, path: &FieldPath) -> (u32, u32) {
        // The plan's own recommendations were read as the sheet's one untitled section.
        let lifted: Vec<Segment>;
        let steps = match path.0.as_slice() {
            steps @ [Segment::Key(r), ..] if r == "recommendations" => {
                lifted = [Segment::Key("sections".to_owned()), Segment::Index(0)]
                    .into_iter()
                    .chain(steps.iter().cloned())
                    .collect();
                lifted.as_slice()
            }
            steps => steps,
        };
        let (place, rest) = match steps {
            [Segment::Key(s), Segment::Index(section), rest @ ..] if s == "sections" => {
                match rest {
                    [Segment::Key(r), Segment::Index(recommendation), rest @ ..]
                        if r == "recommendations" =>
                    {
                        match rest {
                            [Segment::Key(a), Segment::Index(action), rest @ ..]
                                if a == "actions" =>
                            {
                                let place = Place {
                                    section: Some(*section),
                                    recommendation: Some(*recommendation),
                                    action: *action,
                                };
                                (place, rest)
                            }
                            _ => return self.recommendation_cell(*section, *recommendation, rest),
                        }
                    }
                    [Segment::Key(a), Segment::Index(action), rest @ ..] if a == "actions" => (
                        Place {
                            section: Some(*section),
                            recommendation: None,
                            action: *action,
                        },
                        rest,
                    ),
                    _ => return self.section_cell(*section),
                }
            }
            [Segment::Key(key), ..] if key == "title" || key == "source" => {
                return (self.title_row.unwrap_or(self.heading_row), 0);
            }
            _ => return (self.heading_row, 0),
        };
        let Some(&row) = self.read.action_rows.get(&place) else {
            return (self.heading_row, 0);
        };
        (row, self.action_column(place, rest))
    }

    /// A place in the sheet's sections as the plan has it: its own
    /// recommendations, where the sheet's one untitled section became them.
    fn in_plan(&self, place: Place) -> Place {
        if self.plan.sections.is_empty() {
            Place {
                section: None,
                ..place
            }
        } else {
            place
        }
    }

    /// The column of an action's field, `rest` the path below the action.
    fn action_column(&self, place: Place, rest: &[Segment]) -> u32 {
        let key = |at: usize| match rest.get(at) {
            Some(Segment::Key(key)) => key.as_str(),
            _ => "",
        };
        match key(0) {
            "updates" => {
                let cycle = match rest.get(1) {
                    Some(Segment::Index(n)) => self
                        .plan
                        .actions()
                        .find(|a| a.place == self.in_plan(place))
                        .and_then(|a| a.action.updates.get(*n))
                        .map(|u| u.cycle.as_str()),
                    _ => None,
                };
                let field = match key(2) {
                    "progress" => Field::Progress,
                    "next_steps" => Field::NextSteps,
                    "impact" => Field::Impact,
                    "cycle" => Field::ReportedAt,
                    _ => Field::Status,
                };
                self.update_column(field, cycle)
            }
            "id" => self.first_of(&[Field::Id, Field::Number, Field::Ref, Field::Text]),
            "number" => self.first_of(&[Field::Number, Field::Text]),
            "owner" => self.first_of(&[Field::Owner, Field::Text]),
            "due" => self.first_of(&[Field::Due, Field::Timescale, Field::Target, Field::Text]),
            "findings" => self.first_of(&[Field::Findings, Field::Ref, Field::Number, Field::Text]),
            "budget" => self.first_of(&[Field::Budget, Field::Text]),
            "timescale" => self.first_of(&[Field::Timescale, Field::Due, Field::Text]),
            "target" => self.first_of(&[Field::Target, Field::Due, Field::Text]),
            "measure" => self.first_of(&[Field::Measure, Field::Text]),
            "evidence" => self.first_of(&[Field::Evidence, Field::Text]),
            "source" => self.first_of(&[Field::Source, Field::Text]),
            "outcome" => self.first_of(&[Field::Outcome, Field::Text]),
            _ => self.first_of(&[Field::Text]),
        }
    }

    /// The column an update's field was read from: the one named after its
    /// meeting, else the undated one, else any column at that meeting.
    fn update_column(&self, field: Field, cycle: Option<&str>) -> u32 {
        let at_cycle =
            |c: &&Column| matches!(&c.reads, Use::AtCycle(_, at) if Some(at.as_str()) == cycle);
        // An update's cycle comes from a column named after it, or else from "Reported at".
        let dated = self.columns.iter().find(|c| {
            at_cycle(c)
                && (field == Field::ReportedAt
                    || matches!(&c.reads, Use::AtCycle(f, _) if *f == field))
        });
        dated
            .or_else(|| self.column(field))
            .or_else(|| self.columns.iter().find(at_cycle))
            .or_else(|| self.column(Field::Status))
            .map_or(0, |c| c.index)
    }

    fn column(&self, field: Field) -> Option<&Column> {
        self.columns.iter().find(|c| c.reads == Use::Field(field))
    }

    fn first_of(&self, fields: &[Field]) -> u32 {
        fields
            .iter()
            .find_map(|f| self.column(*f))
            .map_or(0, |c| c.index)
    }

    /// A recommendation's field: at the first row of its actions.
    fn recommendation_cell(
        &self,
        section: usize,
        recommendation: usize,
        rest: &[Segment],
    ) -> (u32, u32) {
        let row = self
            .read
            .action_rows
            .iter()
            .find(|(p, _)| p.section == Some(section) && p.recommendation == Some(recommendation))
            .map_or(self.heading_row, |(_, row)| *row);
        let column = match rest.first() {
            Some(Segment::Key(key)) if key == "text" || key == "title" => {
                self.first_of(&[Field::Recommendation, Field::Ref])
            }
            Some(Segment::Key(key)) if key == "findings" => {
                self.first_of(&[Field::Findings, Field::Ref, Field::Recommendation])
            }
            _ => self.first_of(&[Field::Ref, Field::Recommendation, Field::Number]),
        };
        (row, column)
    }

    /// A section's field: at its heading row, or where its column first names it.
    fn section_cell(&self, section: usize) -> (u32, u32) {
        if let Some(Some(row)) = self.read.section_rows.get(section) {
            return (*row, 0);
        }
        let row = self
            .read
            .action_rows
            .iter()
            .find(|(p, _)| p.section == Some(section))
            .map_or(self.heading_row, |(_, row)| *row);
        (row, self.first_of(&[Field::Section]))
    }
}

/// A field path as a problem prints it: `sections[0].recommendations[2].text`.
fn parse_path(text: &str) -> Option<FieldPath> {
    let mut steps = Vec::new();
    for part in text.split('.') {
        let (key, indices) = part.split_once('[').map_or((part, ""), |(k, i)| (k, i));
        if !key.is_empty() {
            steps.push(Segment::Key(key.to_owned()));
        }
        for index in indices.split('[').filter(|i| !i.is_empty()) {
            steps.push(Segment::Index(index.strip_suffix(']')?.parse().ok()?));
        }
    }
    Some(FieldPath(steps))
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "title: T\norganisation: O\nkind: scrutiny\nsections:\n  - title: S\n    recommendations:\n      - id: R1\n        findings: [f1]\n        actions:\n          - text: First\n            owner: [Ann]\n            updates:\n              - cycle: c1\n                status: on-track\n    actions:\n      - text: Second\n";

    fn with_cells(test: impl FnOnce(&Cells<'_>, &Positions)) {
        let plan: Plan = serde_yaml::from_str(YAML).unwrap();
        let column = |index, field| Column {
            index,
            heading: String::new(),
            reads: Use::Field(field),
        };
        let columns = [
            column(0, Field::Ref),
            column(1, Field::Text),
            column(2, Field::Owner),
            Column {
                index: 3,
                heading: String::new(),
                reads: Use::AtCycle(Field::Status, "c1".into()),
            },
        ];
        let mut read = Read::default();
        let place = Place {
            section: Some(0),
            recommendation: Some(0),
            action: 0,
        };
        read.action_rows.insert(place, 4);
        let under_section = Place {
            recommendation: None,
            ..place
        };
        read.action_rows.insert(under_section, 6);
        let cells = Cells {
            origin: Origin {
                file: std::path::Path::new("t.xlsx"),
                sheet: "Plan",
            },
            heading_row: 2,
            title_row: Some(0),
            columns: &columns,
            read: &read,
            plan: &plan,
            yaml: YAML,
        };
        test(&cells, &Positions::new(YAML));
    }

    #[test]
    fn places_each_field_at_the_cell_it_was_read_from() {
        with_cells(|cells, _| {
            let at = |path: &str| cells.cell(&parse_path(path).unwrap());
            let action = "sections[0].recommendations[0].actions[0]";
            assert_eq!(at(&format!("{action}.text")), (4, 1));
            assert_eq!(at(&format!("{action}.owner[0]")), (4, 2));
            assert_eq!(at(&format!("{action}.updates[0].status")), (4, 3));
            assert_eq!(at(&format!("{action}.updates[0].cycle")), (4, 3));
            assert_eq!(at(&format!("{action}.id")), (4, 0));
            assert_eq!(at("sections[0].recommendations[0].id"), (4, 0));
            assert_eq!(at("sections[0].recommendations[0].findings[0]"), (4, 0));
            // An action of the section itself, under no recommendation.
            assert_eq!(at("sections[0].actions[0].text"), (6, 1));
            assert_eq!(at("title"), (0, 0));
            assert_eq!(at("kind"), (2, 0));
            // Only `sections` holds sections: another list of the plan stands at the headings.
            assert_eq!(at("reports[0]"), (2, 0));
            // An action the sheet did not give stands at the headings.
            assert_eq!(at("sections[0].recommendations[0].actions[1].text"), (2, 0));
        });
    }

    #[test]
    fn names_a_line_of_the_unwritten_file_as_its_cell() {
        with_cells(|cells, positions| {
            assert_eq!(
                cells.lines_as_cells(
                    "an earlier action has it, on line 10; see line 13",
                    positions
                ),
                "an earlier action has it, at Plan!B5; see Plan!D5"
            );
            // Not a line: a word ending in "line", or "line" with no number.
            let text = "the deadline 5 is past; a line break";
            assert_eq!(cells.lines_as_cells(text, positions), text);
        });
    }

    #[test]
    fn places_a_problem_by_its_field_else_by_its_line() {
        with_cells(|cells, positions| {
            let by_field = Diagnostic::error("content/plans/t.yaml", "m")
                .at(Some((1, 1)))
                .field("sections[0].recommendations[0].actions[0].owner");
            let placed = cells.place(by_field, positions);
            assert_eq!(placed.to_string(), "t.xlsx: Plan!C5: error: m");
            assert_eq!(
                (placed.line, placed.column, placed.field),
                (None, None, None)
            );
            // Lines named in its words, and in its help, become cells too.
            let naming = Diagnostic::error("content/plans/t.yaml", "as on line 10")
                .at(Some((13, 17)))
                .hint("see line 10");
            let placed = cells.place(naming, positions);
            assert_eq!(placed.message, "as at Plan!B5");
            assert_eq!(placed.hint.as_deref(), Some("see Plan!B5"));
            let by_line = Diagnostic::error("content/plans/t.yaml", "m").at(Some((14, 17)));
            assert_eq!(
                cells.place(by_line, positions).to_string(),
                "t.xlsx: Plan!D5: error: m"
            );
            let nowhere = Diagnostic::error("content/plans/t.yaml", "m");
            assert_eq!(
                cells.place(nowhere, positions).to_string(),
                "t.xlsx: Plan!A3: error: m"
            );
        });
    }

    #[test]
    fn reads_a_field_path_as_problems_print_it() {
        let path =
            parse_path("sections[0].recommendations[2].actions[1].updates[3].status").unwrap();
        assert_eq!(
            path.to_string(),
            "sections[0].recommendations[2].actions[1].updates[3].status"
        );
        assert_eq!(path.0.len(), 9);
        assert_eq!(
            parse_path("title").unwrap().0,
            vec![Segment::Key("title".into())]
        );
        assert!(parse_path("actions[x]").is_none());
    }
}

//! The rows below the headings, read as a plan: heading rows become
//! sections, a reference or recommendation column groups rows into
//! recommendations, and each other row is an action with its updates. Every
//! cell that cannot be used is an error at its address.

use super::columns::Field;
use crate::diagnostic::Diagnostic;
use crate::model::date::Date;
use crate::model::plan::{Action, Due, Place, Recommendation, Section, Step, Update};
use crate::model::status::Status;
use crate::model::timescale::{suggest, DueDate};
use crate::sheet::{address, Cell, Sheet};
use std::collections::BTreeMap;
use std::path::Path;

/// What a column is read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Use {
    Field(Field),
    /// A status, progress, next-steps or impact column named after a meeting.
    AtCycle(Field, String),
    /// Not read, and why.
    Ignored(&'static str),
}

#[derive(Clone, Debug)]
pub(crate) struct Column {
    pub index: u32,
    pub heading: String,
    pub reads: Use,
}

/// Reads undated update columns at the meeting of the dated ones beside
/// them ("Status" beside "Progress update March 2024"), so each row gives one
/// update: at `--cycle` when given, else at the one cycle the dated headings
/// name. A field that already has a dated column at that cycle, a "Reported
/// at" column, or dated columns at several cycles without `--cycle`, leave
/// the undated columns as they are.
pub(crate) fn pair_undated(columns: &mut [Column], cycle: Option<&str>) {
    if columns
        .iter()
        .any(|c| c.reads == Use::Field(Field::ReportedAt))
    {
        return;
    }
    let mut dated: Vec<&str> = columns
        .iter()
        .filter_map(|c| match &c.reads {
            Use::AtCycle(_, cycle) => Some(cycle.as_str()),
            _ => None,
        })
        .collect();
    dated.sort_unstable();
    dated.dedup();
    let cycle = match (cycle, dated.as_slice()) {
        (_, []) => return,
        (Some(given), _) => given.to_owned(),
        (None, [one]) => (*one).to_owned(),
        (None, _) => return,
    };
    let taken: Vec<Field> = columns
        .iter()
        .filter_map(|c| match &c.reads {
            Use::AtCycle(field, at) if *at == cycle => Some(*field),
            _ => None,
        })
        .collect();
    for column in columns.iter_mut() {
        if let Use::Field(field) = column.reads {
            if field.is_update() && !taken.contains(&field) {
                column.reads = Use::AtCycle(field, cycle.clone());
            }
        }
    }
}

/// Tells the recommendation's reference from the action's number where two
/// columns could each be either ("R4" merged down its actions beside "R4.1",
/// "R4.2"): the column whose values are merged down or repeat down
/// consecutive action rows groups them into recommendations, and the column
/// with a value of its own on every row numbers the actions. A lone
/// reference column unique per row, beside recommendation text that
/// repeats, numbers the actions too. Any other layout is left as read.
pub(crate) fn settle_references(
    sheet: &Sheet,
    filled: &Sheet,
    fill: &[(u32, u32)],
    heading_row: u32,
    columns: &mut [Column],
) {
    let rows = action_rows(sheet, filled, fill, heading_row, columns);
    let values = |index: u32| -> Vec<Option<String>> {
        rows.iter().map(|r| filled.cell(*r, index).text()).collect()
    };
    let is = |c: &Column, f: Field| c.reads == Use::Field(f);
    let short = |index: u32| values(index).iter().flatten().all(|v| is_reference(v));
    // Columns that may hold either: a recommendation column of references counts.
    let candidates: Vec<usize> = (0..columns.len())
        .filter(|i| {
            let c = &columns[*i];
            is(c, Field::Ref)
                || is(c, Field::Number)
                || (is(c, Field::Recommendation) && short(c.index))
        })
        .collect();
    match candidates.as_slice() {
        [a, b] => {
            let (a_values, b_values) = (values(columns[*a].index), values(columns[*b].index));
            let (group, number) = if groups(&a_values) && unique(&b_values) {
                (*a, *b)
            } else if groups(&b_values) && unique(&a_values) {
                (*b, *a)
            } else {
                return;
            };
            columns[group].reads = Use::Field(Field::Ref);
            columns[number].reads = Use::Field(Field::Number);
        }
        [one] if is(&columns[*one], Field::Ref) && unique(&values(columns[*one].index)) => {
            let text_groups = columns
                .iter()
                .any(|c| is(c, Field::Recommendation) && groups(&values(c.index)));
            if text_groups {
                columns[*one].reads = Use::Field(Field::Number);
            }
        }
        _ => {}
    }
}

/// A word that joins references ("R4 and R5", "OR 21" as "or 21"), naming none.
fn is_joining_word(word: &str) -> bool {
    ["and", "or", "&"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Values that group rows: the first row has one, and some later row
/// repeats the value above or is empty below it (a merged cell saved as CSV).
fn groups(values: &[Option<String>]) -> bool {
    values.first().is_some_and(Option::is_some)
        && values.windows(2).any(|w| w[1].is_none() || w[1] == w[0])
}

/// Values that name one row each: every row has one, none repeated.
fn unique(values: &[Option<String>]) -> bool {
    let mut seen: Vec<&String> = values.iter().flatten().collect();
    let count = seen.len();
    seen.sort_unstable();
    seen.dedup();
    count >= 2 && count == values.len() && seen.len() == count
}

/// Short enough to be a reference ("R1", "OR 21"), not a recommendation's words.
fn is_reference(value: &str) -> bool {
    value.chars().count() <= 15 && value.split_whitespace().count() <= 2
}

/// The rows read as actions: visible, with a cell of their own, and no heading.
fn action_rows(
    sheet: &Sheet,
    filled: &Sheet,
    fill: &[(u32, u32)],
    heading_row: u32,
    columns: &[Column],
) -> Vec<u32> {
    let visible: Vec<u32> = (0..filled.width())
        .filter(|c| !sheet.column_hidden(*c))
        .collect();
    (heading_row + 1..filled.height())
        .filter(|row| !sheet.row_hidden(*row))
        .filter(|row| {
            let own = own_cells(filled, fill, &visible, *row);
            !own.is_empty() && !is_heading(sheet, *row, &own, columns)
        })
        .collect()
}

/// The visible cells of a row with a value of their own, not filled down from a merge.
fn own_cells(filled: &Sheet, fill: &[(u32, u32)], visible: &[u32], row: u32) -> Vec<u32> {
    visible
        .iter()
        .copied()
        .filter(|c| !filled.cell(row, *c).is_empty() && fill.binary_search(&(row, *c)).is_err())
        .collect()
}

/// An inspection's findings: each id, and its number as printed.
pub(crate) type Findings = Vec<(String, Option<String>)>;

/// What the rows are read against.
pub(crate) struct Context<'a> {
    pub statuses: &'a [Status],
    /// A word of the sheet → status id, from the mapping file.
    pub status_words: &'a BTreeMap<String, String>,
    pub cycles: &'a [String],
    /// The same, oldest first (by date, as `check` orders them).
    pub oldest_first: &'a [String],
    /// `--cycle`: the meeting single status and progress columns report.
    pub cycle: Option<&'a str>,
    /// `--responds-to`: the inspection, and its findings' ids and printed numbers.
    pub inspection: Option<(&'a str, Findings)>,
    /// Whether a comma separates owners in this part of a name list.
    pub splits_at_commas: &'a dyn Fn(&[&str]) -> bool,
}

/// The plan as read, where its rows were, and what was passed over.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub sections: Vec<Section>,
    /// The row of each section's heading, by its place in `sections`;
    /// `None` for a section named by a column.
    pub section_rows: Vec<Option<u32>>,
    /// The row each action was read from.
    pub action_rows: BTreeMap<Place, u32>,
    pub hidden_rows: Vec<u32>,
    pub empty_rows: Vec<u32>,
    /// Status words as written → status id, with how often each was used.
    pub statuses_used: BTreeMap<String, (String, usize)>,
}

impl Read {
    pub(crate) fn actions(&self) -> impl Iterator<Item = &Action> {
        self.sections.iter().flat_map(|s| {
            s.actions
                .iter()
                .chain(s.recommendations.iter().flat_map(|r| r.actions.iter()))
        })
    }

    /// The same actions, to change in place.
    pub(crate) fn actions_mut(&mut self) -> impl Iterator<Item = &mut Action> {
        self.sections.iter_mut().flat_map(|s| {
            s.actions.iter_mut().chain(
                s.recommendations
                    .iter_mut()
                    .flat_map(|r| r.actions.iter_mut()),
            )
        })
    }
}

/// Where the rows are read from, so that a problem is placed at its cell.
#[derive(Clone, Copy)]
pub(crate) struct Origin<'a> {
    pub file: &'a Path,
    pub sheet: &'a str,
}

impl Origin<'_> {
    pub(crate) fn cell(&self, row: u32, column: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.file, message).at_cell(self.sheet, row, column)
    }
}

/// What a "Recommendation" column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Recommendations {
    /// References ("R1", "OR 21"), short enough to be one.
    ByReference,
    /// The recommendations' own words.
    ByText,
}

/// Reads every row below `heading_row`. `filled` is the sheet with merged
/// cells filled down; `fill` lists the cells that were filled.
pub(crate) fn read(
    origin: Origin<'_>,
    sheet: &Sheet,
    filled: &Sheet,
    fill: &[(u32, u32)],
    heading_row: u32,
    columns: &[Column],
    context: &Context<'_>,
) -> (Read, Vec<Diagnostic>) {
    let mut reader = Reader {
        origin,
        context,
        columns,
        read: Read::default(),
        errors: Vec::new(),
        recommendations: recommendations(filled, heading_row, columns),
        ids: BTreeMap::new(),
        group_above: None,
        fill,
        unlinked_reported: false,
    };
    let visible: Vec<u32> = (0..filled.width())
        .filter(|c| !sheet.column_hidden(*c))
        .collect();
    for row in heading_row + 1..filled.height() {
        if sheet.row_hidden(row) {
            if visible.iter().any(|c| !filled.cell(row, *c).is_empty()) {
                reader.read.hidden_rows.push(row);
            }
            continue;
        }
        let own = own_cells(filled, fill, &visible, row);
        if own.is_empty() {
            if visible.iter().any(|c| !filled.cell(row, *c).is_empty()) {
                reader.read.empty_rows.push(row);
            }
            continue;
        }
        if is_heading(sheet, row, &own, columns) {
            let title = filled.cell(row, own[0]).text().unwrap_or_default();
            if let Some(problem) = crate::text::control_in_cell(&title) {
                reader.error(row, own[0], problem);
                continue;
            }
            reader.section(&title, Some(row));
            continue;
        }
        reader.action(filled, row);
    }
    reader.finish();
    (reader.read, reader.errors)
}

/// A row with one cell of its own that is merged across the table, or sits
/// outside the action text column: a heading ("PRIORITY 1: …").
fn is_heading(sheet: &Sheet, row: u32, own: &[u32], columns: &[Column]) -> bool {
    let [only] = own else {
        return false;
    };
    let merged_across = sheet
        .merges_at(row, *only)
        .iter()
        .any(|m| m.last.1 > m.first.1);
    let in_text = columns
        .iter()
        .any(|c| c.index == *only && c.reads == Use::Field(Field::Text));
    merged_across || !in_text
}

/// Whether a "Recommendation" column (`recommendation_text`) is read as
/// references, as it is when it holds nothing longer than one ("R1", "OR 21").
pub(crate) fn text_read_as_references(
    filled: &Sheet,
    heading_row: u32,
    columns: &[Column],
) -> bool {
    recommendations(filled, heading_row, columns) == Recommendations::ByReference
}

/// Whether a "Recommendation" column holds references ("R1", "OR 21") or text.
fn recommendations(filled: &Sheet, heading_row: u32, columns: &[Column]) -> Recommendations {
    let Some(column) = columns
        .iter()
        .find(|c| c.reads == Use::Field(Field::Recommendation))
    else {
        return Recommendations::ByText;
    };
    if columns.iter().any(|c| c.reads == Use::Field(Field::Ref)) {
        return Recommendations::ByText;
    }
    let values: Vec<String> = (heading_row + 1..filled.height())
        .filter_map(|row| filled.cell(row, column.index).text())
        .collect();
    let short = values.iter().all(|v| is_reference(v));
    if !values.is_empty() && short {
        Recommendations::ByReference
    } else {
        Recommendations::ByText
    }
}

struct Reader<'a> {
    origin: Origin<'a>,
    context: &'a Context<'a>,
    columns: &'a [Column],
    read: Read,
    errors: Vec<Diagnostic>,
    recommendations: Recommendations,
    /// Action ids given, with the row of their first use.
    ids: BTreeMap<String, u32>,
    /// The recommendation of the row above: an empty reference cell below
    /// one continues it, as a merged cell saved to CSV leaves it.
    group_above: Option<(String, Option<String>)>,
    /// The cells filled down from a merged cell above them.
    fill: &'a [(u32, u32)],
    /// Whether findings with no `--responds-to` were reported (once is enough).
    unlinked_reported: bool,
}

impl Reader<'_> {
    fn error(&mut self, row: u32, column: u32, message: String) {
        self.errors.push(self.origin.cell(row, column, message));
    }

    fn section(&mut self, heading: &str, row: Option<u32>) {
        self.group_above = None;
        let (number, title) = split_number(heading);
        self.read.sections.push(Section {
            id: section_id(heading, number.as_deref()),
            number,
            title,
            ..Section::default()
        });
        self.read.section_rows.push(row);
    }

    /// The section rows go into, and its place.
    fn current_section(&mut self) -> (usize, &mut Section) {
        if self.read.sections.is_empty() {
            self.read.sections.push(Section::default());
            self.read.section_rows.push(None);
        }
        let index = self.read.sections.len() - 1;
        (index, &mut self.read.sections[index])
    }

    fn action(&mut self, sheet: &Sheet, row: u32) {
        let mut action = Action::default();
        let mut section_named = None;
        let mut group: Option<(String, Option<String>)> = None;
        let mut how = None;
        let mut reported_at = None;
        let mut findings = None;
        let mut single = Update::default();
        let mut at_cycles: BTreeMap<String, Update> = BTreeMap::new();
        // A row with a cell that cannot be used is reported there, and not read further.
        let mut refused = false;
        for column in self.columns {
            let cell = sheet.cell(row, column.index);
            let Some(value) = cell.text() else { continue };
            let used = !matches!(column.reads, Use::Ignored(_));
            if let Some(problem) = crate::text::control_in_cell(&value).filter(|_| used) {
                self.error(row, column.index, problem);
                refused = true;
                continue;
            }
            let field = match &column.reads {
                Use::Ignored(_) => continue,
                Use::AtCycle(field, cycle) => {
                    let update = at_cycles.entry(cycle.clone()).or_insert_with(|| Update {
                        cycle: cycle.clone(),
                        ..Update::default()
                    });
                    let status = self.update_field(update, *field, value, row, column.index);
                    if let Some(status) = status {
                        update.status = Some(status);
                    }
                    continue;
                }
                Use::Field(field) => *field,
            };
            match field {
                Field::Section => section_named = Some(value),
                Field::Recommendation if self.recommendations == Recommendations::ByReference => {
                    group = Some((value, None));
                }
                Field::Recommendation => match &mut group {
                    Some((_, text)) => *text = Some(value),
                    None => group = Some((value.clone(), Some(value))),
                },
                Field::Ref => {
                    let text = group.and_then(|(_, text)| text);
                    group = Some((value, text));
                }
                Field::Findings => findings = Some((value, column.index)),
                Field::Number => action.number = Some(value),
                Field::Id => action.id = Some(value),
                Field::Text => action.text = value,
                Field::How => how = Some(value),
                Field::Owner => action.owner = self.owners(&value),
                Field::Budget => action.budget = Some(value),
                Field::Timescale => action.timescale = Some(value),
                Field::Target | Field::Due => {
                    self.date(&mut action, field, sheet, value, row, column.index);
                }
                Field::Measure => action.measure = Some(value),
                Field::Evidence => action.evidence = Some(value),
                Field::Source => action.source = Some(value),
                Field::Outcome => action.outcome = Some(value),
                Field::ReportedAt => reported_at = Some((value, column.index)),
                Field::Status | Field::Progress | Field::NextSteps | Field::Impact => {
                    if let Some(status) =
                        self.update_field(&mut single, field, value, row, column.index)
                    {
                        single.status = Some(status);
                    }
                }
            }
        }
        if refused {
            return;
        }
        if let Some((value, column)) = findings {
            action.findings = self.findings_in(&value, row, column);
        }
        if let Some(how) = how {
            action.text = if action.text.is_empty() {
                how
            } else {
                format!("{}\n\n{how}", action.text)
            };
        }
        if action.text.is_empty() {
            let column = self
                .columns
                .iter()
                .find(|c| matches!(c.reads, Use::Field(Field::Text | Field::How)))
                .map_or(0, |c| c.index);
            self.error(row, column, "this row has no action text: every action needs its text (or, for a heading, only one cell filled)".to_owned());
            return;
        }
        if action.due == Due::Unset {
            // As `ragtime dates` reads it: the end of the latest period the timescale names.
            if let Some(DueDate::Date(date)) = action.timescale.as_deref().map(suggest) {
                action.due = Due::On(date);
            }
        }
        self.single_update(&mut action, single, reported_at, row);
        action.updates.extend(at_cycles.into_values().filter(|u| {
            *u != Update {
                cycle: u.cycle.clone(),
                ..Update::default()
            }
        }));
        // A "Reported at" update and the dated columns' updates, oldest first, as `check` wants them.
        let cycles = self.context.oldest_first;
        action
            .updates
            .sort_by_key(|u| cycles.iter().position(|c| *c == u.cycle));
        self.check_id(&action, row);
        if let Some(name) = section_named {
            let (number, title) = split_number(&name);
            let named_by_column = self.read.section_rows.last() == Some(&None);
            let same = self
                .read
                .sections
                .last()
                .is_some_and(|s| named_by_column && s.title == title && s.number == number);
            if !same {
                self.section(&name, None);
            }
        }
        let group = group.or_else(|| self.group_above.clone());
        self.group_above.clone_from(&group);
        let group = group
            .map(|(reference, text)| self.recommendation(&reference, text, row))
            .map(|r| self.apart(r));
        let (index, section) = self.current_section();
        let (recommendation, actions) = match group {
            None => (None, &mut section.actions),
            Some(recommendation) => {
                let continues = section
                    .recommendations
                    .last()
                    .is_some_and(|r| r.id == recommendation.id && r.text == recommendation.text);
                if !continues {
                    section.recommendations.push(recommendation);
                }
                let r = section.recommendations.len() - 1;
                (Some(r), &mut section.recommendations[r].actions)
            }
        };
        if let Some(above) = actions
            .last_mut()
            .filter(|above| is_step_of(above, &action))
        {
            above.steps.push(Step {
                number: action.number,
                text: action.text,
                owner: action.owner,
                timescale: action.timescale,
                due: action.due,
                estimated: action.estimated,
                measure: action.measure,
                updates: action.updates,
            });
            return;
        }
        actions.push(action);
        let place = Place {
            section: Some(index),
            recommendation,
            action: actions.len() - 1,
        };
        self.read.action_rows.insert(place, row);
    }

    /// A reference met again apart from its first rows (the same finding
    /// answered under another priority) starts a recommendation of its own:
    /// ids are unique in a plan, so it takes the next free "-2", "-3" and
    /// keeps the reference as printed.
    fn apart(&self, mut recommendation: Recommendation) -> Recommendation {
        let recommendations = || self.read.sections.iter().flat_map(|s| &s.recommendations);
        let last = self
            .read
            .sections
            .last()
            .and_then(|s| s.recommendations.last());
        let continues =
            last.is_some_and(|r| r.id == recommendation.id && r.text == recommendation.text);
        if continues || !recommendations().any(|r| r.id == recommendation.id) {
            return recommendation;
        }
        // One more id tried than there are recommendations: one of them is free.
        let id = (2..=recommendations().count() + 2)
            .map(|n| format!("{}-{n}", recommendation.id))
            .find(|id| !recommendations().any(|r| r.id == *id))
            .expect("a free id");
        recommendation.number = recommendation.number.or(Some(recommendation.id));
        recommendation.id = id;
        recommendation
    }

    /// Puts a value in an update; returns a status id read from a status cell.
    fn update_field(
        &mut self,
        update: &mut Update,
        field: Field,
        value: String,
        row: u32,
        column: u32,
    ) -> Option<String> {
        match field {
            Field::Status => return self.status(&value, row, column),
            Field::Progress => update.progress = Some(value),
            Field::NextSteps => update.next_steps = Some(value),
            Field::Impact => update.impact = Some(value),
            _ => {}
        }
        None
    }

    fn single_update(
        &mut self,
        action: &mut Action,
        mut update: Update,
        reported_at: Option<(String, u32)>,
        row: u32,
    ) {
        if update == Update::default() {
            return;
        }
        let cycle = match (reported_at, self.context.cycle) {
            (Some((cycle, column)), _) => {
                if !self.context.cycles.contains(&cycle) {
                    self.error(
                        row,
                        column,
                        format!(
                            "\"{cycle}\" is not a committee cycle of this site; expected one of {}",
                            self.context.cycles.join(", ")
                        ),
                    );
                    return;
                }
                cycle
            }
            (None, Some(cycle)) => cycle.to_owned(),
            (None, None) => {
                let column = self
                    .columns
                    .iter()
                    .find(|c| c.reads == Use::Field(Field::ReportedAt))
                    .map_or(0, |c| c.index);
                self.error(
                    row,
                    column,
                    format!("this row has a status or progress but no meeting it was reported at; fill in this cell or run with --cycle (one of {})", self.context.cycles.join(", ")),
                );
                return;
            }
        };
        update.cycle = cycle;
        action.updates.push(update);
    }

    fn status(&mut self, word: &str, row: u32, column: u32) -> Option<String> {
        use crate::model::status::{loosely, meant, named};
        let found = self
            .context
            .status_words
            .iter()
            .find(|(w, _)| loosely(w) == loosely(word))
            .map(|(_, id)| id.clone())
            .or_else(|| named(self.context.statuses, word).map(|s| s.id.clone()));
        if let Some(id) = found {
            let entry = self
                .read
                .statuses_used
                .entry(word.to_owned())
                .or_insert((id.clone(), 0));
            entry.1 += 1;
            return Some(id);
        }
        let labels: Vec<&str> = self
            .context
            .statuses
            .iter()
            .map(|s| s.label.as_str())
            .collect();
        let candidates: Vec<&str> = self
            .context
            .statuses
            .iter()
            .flat_map(|s| [s.label.as_str(), s.id.as_str()])
            .chain(self.context.status_words.keys().map(String::as_str))
            .collect();
        let hint = meant(word, &candidates)
            .map(|m| format!("did you mean \"{m}\"? "))
            .unwrap_or_default();
        let message = if labels.is_empty() {
            format!("\"{word}\" is a status, but this plan has no statuses; name them in the mapping file's `statuses:`")
        } else {
            format!(
                "\"{word}\" is not a status of this plan; {hint}expected one of: {} (or map the word to a status id in the mapping file's `statuses:`)",
                labels.join(", ")
            )
        };
        self.error(row, column, message);
        None
    }

    fn date(
        &mut self,
        action: &mut Action,
        field: Field,
        sheet: &Sheet,
        value: String,
        row: u32,
        column: u32,
    ) {
        match sheet.cell(row, column) {
            Cell::Date(date) => {
                // "Aug-12" is shown for a month: due at its end, as a reader takes it.
                let shown = sheet.date_shown(row, column);
                let due = match &shown {
                    Some((_, false)) => Date::end_of_month(date.year, date.month).unwrap_or(*date),
                    _ => *date,
                };
                if field == Field::Due || action.due == Due::Unset {
                    action.due = Due::On(due);
                }
                if let (Field::Target, Some((text, _))) = (field, shown) {
                    action.target = Some(text);
                }
            }
            Cell::Number(_) => self.error(
                row,
                column,
                format!("\"{value}\" is a number, not a date; format the cell as a date or write the date as text (\"31/03/2026\")"),
            ),
            _ => {
                let read = suggest(&value);
                if let DueDate::Date(date) = read {
                    if field == Field::Due || action.due == Due::Unset {
                        action.due = Due::On(date);
                    }
                }
                if field == Field::Target || !matches!(read, DueDate::Date(_)) {
                    action.target = Some(value);
                }
            }
        }
    }

    fn owners(&self, value: &str) -> Vec<String> {
        let mut owners = Vec::new();
        for line in value.split(['\n', ';']) {
            let parts: Vec<&str> = line
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() > 1 && (self.context.splits_at_commas)(&parts) {
                owners.extend(parts.iter().map(|p| (*p).to_owned()));
            } else if !line.trim().is_empty() {
                owners.push(line.trim().to_owned());
            }
        }
        owners
    }

    fn recommendation(
        &mut self,
        reference: &str,
        text: Option<String>,
        row: u32,
    ) -> Recommendation {
        let reference_column = self
            .columns
            .iter()
            .find(|c| c.reads == Use::Field(Field::Ref))
            .or_else(|| {
                self.columns
                    .iter()
                    .find(|c| c.reads == Use::Field(Field::Recommendation))
            })
            .map_or(0, |c| c.index);
        let is_text = text.as_deref() == Some(reference);
        let id = if is_text {
            // Numbered in order when only the text is given.
            let count = self
                .read
                .sections
                .iter()
                .map(|s| s.recommendations.len())
                .sum::<usize>();
            let same = self
                .read
                .sections
                .last()
                .and_then(|s| s.recommendations.last())
                .filter(|r| r.text == text);
            same.map_or_else(|| (count + 1).to_string(), |r| r.id.clone())
        } else {
            item_id(reference)
        };
        let number = (!is_text && id != reference).then(|| reference.to_owned());
        // Beside a findings column, the reference is the recommendation's own ("a)").
        let findings = if is_text || self.column_of(Field::Findings).is_some() {
            Vec::new()
        } else {
            self.findings_in(reference, row, reference_column)
        };
        Recommendation {
            id,
            number,
            text: if is_text {
                text
            } else {
                text.filter(|t| t != reference)
            },
            findings,
            ..Recommendation::default()
        }
    }

    fn column_of(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|c| c.reads == Use::Field(field))
            .map(|c| c.index)
    }

    /// The findings of `--responds-to` that a cell names ("R7-R9", "OR 21",
    /// "4 and 7"), as links; each word that names none is reported at the
    /// cell, once for a merged cell. Without `--responds-to` a findings
    /// column names findings of no known inspection, which is reported once.
    fn findings_in(&mut self, value: &str, row: u32, column: u32) -> Vec<String> {
        // A merged cell is reported once, at its own cell, not on each row it spans.
        let merged_above = self.fill.binary_search(&(row, column)).is_ok();
        let Some((inspection, known)) = &self.context.inspection else {
            if self.column_of(Field::Findings) == Some(column) && !self.unlinked_reported {
                self.unlinked_reported = true;
                self.error(
                    row,
                    column,
                    format!("\"{value}\" names inspection findings, but not of which inspection: run with --responds-to <inspection id>, or leave the column out with `ignore:` in a mapping file"),
                );
            }
            return Vec::new();
        };
        let inspection = (*inspection).to_owned();
        let mut findings = Vec::new();
        let mut unknown = Vec::new();
        for token in value
            .split(|c: char| matches!(c, ',' | ';' | '&' | '/' | '+') || c.is_whitespace())
            .flat_map(|t| t.split('-'))
            .filter(|t| !t.is_empty() && !is_joining_word(t))
        {
            let found = known.iter().find(|(id, number)| {
                id.eq_ignore_ascii_case(token)
                    || number
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(token))
            });
            match found {
                Some((id, _)) => findings.push(format!("{inspection}#{id}")),
                None => unknown.push(token.to_owned()),
            }
        }
        if !unknown.is_empty() && !merged_above {
            let ids: Vec<&str> = known.iter().map(|(id, _)| id.as_str()).collect();
            let message = format!(
                "\"{value}\": {} not a finding of {inspection}; its findings are {}",
                unknown
                    .iter()
                    .map(|u| format!("\"{u}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if unknown.len() == 1 { " is" } else { " are" },
                ids.join(", ")
            );
            self.error(row, column, message);
        }
        findings.dedup();
        findings
    }

    fn check_id(&mut self, action: &Action, row: u32) {
        let Some(id) = &action.id else { return };
        let column = self
            .columns
            .iter()
            .find(|c| c.reads == Use::Field(Field::Id))
            .map_or(0, |c| c.index);
        if !crate::text::is_item_id(id) {
            self.error(
                row,
                column,
                format!("\"{id}\" cannot be an id: use letters, digits, `.` and `-`"),
            );
        } else if let Some(first) = self.ids.get(id) {
            let first = address(*first, column);
            self.error(
                row,
                column,
                format!("the id \"{id}\" is already used at {first}; each action needs its own"),
            );
        } else {
            self.ids.insert(id.clone(), row);
        }
    }

    /// An id that ragtime would give the action anyway (`R1.2`, the second
    /// action of R1) is left out, so the plan reads as written by hand and its
    /// pages name the action as they would.
    fn drop_default_ids(&mut self) {
        let default = |parent: &str, actions: &mut [Action]| {
            for (n, action) in actions.iter_mut().enumerate() {
                if action.id.as_deref() == Some(format!("{parent}.{}", n + 1).as_str()) {
                    action.id = None;
                }
            }
        };
        for section in &mut self.read.sections {
            let id = section
                .id
                .clone()
                .unwrap_or_else(|| crate::text::slug(&section.title));
            default(&id, &mut section.actions);
            for recommendation in &mut section.recommendations {
                default(&recommendation.id, &mut recommendation.actions);
            }
        }
    }

    /// Findings every action of a recommendation names alike (a findings
    /// cell merged down them, or repeated) are the recommendation's: they
    /// link it, as a hand-written plan links it. Findings that differ from
    /// one action to the next stay with each action.
    fn findings_to_recommendations(&mut self) {
        for recommendation in self
            .read
            .sections
            .iter_mut()
            .flat_map(|s| s.recommendations.iter_mut())
        {
            let Some((first, rest)) = recommendation.actions.split_first() else {
                continue;
            };
            if first.findings.is_empty() || rest.iter().any(|a| a.findings != first.findings) {
                continue;
            }
            recommendation.findings = first.findings.clone();
            for action in &mut recommendation.actions {
                action.findings.clear();
            }
        }
    }

    /// Numbers become ids where every number is one and none repeats.
    fn finish(&mut self) {
        self.findings_to_recommendations();
        self.numbers_in_text();
        self.drop_default_ids();
        let has_ids = self.read.actions().any(|a| a.id.is_some());
        let numbers: Vec<&str> = self
            .read
            .actions()
            .filter_map(|a| a.number.as_deref())
            .collect();
        let total = self.read.actions().count();
        let mut unique = numbers.clone();
        unique.sort_unstable();
        unique.dedup();
        let usable = !has_ids
            && numbers.len() == total
            && unique.len() == total
            && numbers.iter().all(|n| crate::text::is_item_id(n));
        if usable {
            for action in self.read.actions_mut() {
                action.id.clone_from(&action.number);
            }
        }
    }
}

impl Reader<'_> {
    /// A tracker with no number column that numbers every action inside its
    /// text ("1.1 Review the targets") and every recommendation inside its
    /// words ("R1 That the Council …") gives those numbers as the paper's: the
    /// text keeps only its words. Only when every one is numbered, so a text
    /// that merely starts with a figure ("24 hour helpline") stays whole.
    fn numbers_in_text(&mut self) {
        let is = |field: Field| self.columns.iter().any(|c| c.reads == Use::Field(field));
        let total = self.read.actions().count();
        let numbered = self
            .read
            .actions()
            .filter(|a| a.number.is_none() && leading_number(&a.text).is_some())
            .count();
        if !is(Field::Number) && total > 0 && numbered == total {
            for action in self.read.actions_mut() {
                if let Some((number, text)) = leading_number(&action.text) {
                    action.number = Some(number);
                    action.text = text;
                }
            }
        }
        let recommendations: Vec<&Recommendation> = self
            .read
            .sections
            .iter()
            .flat_map(|s| s.recommendations.iter())
            .collect();
        let referenced = !recommendations.is_empty()
            && recommendations.iter().all(|r| {
                r.number.is_none() && r.text.as_deref().and_then(leading_reference).is_some()
            });
        if is(Field::Ref) || self.recommendations != Recommendations::ByText || !referenced {
            return;
        }
        for recommendation in self
            .read
            .sections
            .iter_mut()
            .flat_map(|s| s.recommendations.iter_mut())
        {
            if let Some((reference, text)) =
                recommendation.text.as_deref().and_then(leading_reference)
            {
                recommendation.id = item_id(&reference);
                recommendation.number = (recommendation.id != reference).then_some(reference);
                recommendation.text = Some(text);
            }
        }
    }
}

/// A sub-action on its own row, numbered by extending the number of the
/// action above with a letter ("1.1a", "1.1b" below "1.1"), is a step of
/// that action: shown under it, not counted as an action of its own. Only
/// when the row holds nothing a step cannot (findings of its own, an id, target, budget,
/// evidence, source or outcome), so nothing read is lost.
fn is_step_of(above: &Action, row: &Action) -> bool {
    let (Some(parent), Some(number)) = (&above.number, &row.number) else {
        return false;
    };
    let extends = number
        .strip_prefix(parent.as_str())
        .is_some_and(|letter| letter.len() == 1 && letter.chars().all(|c| c.is_ascii_lowercase()))
        && parent.ends_with(|c: char| c.is_ascii_digit());
    extends
        && (row.findings.is_empty() || row.findings == above.findings)
        && row.id.is_none()
        && row.target.is_none()
        && row.budget.is_none()
        && row.evidence.is_none()
        && row.source.is_none()
        && row.outcome.is_none()
}

/// An action's number written at the start of its text: "1.1 Review …" →
/// ("1.1", "Review …"). Only a number with a point in it, so that "24 hour
/// helpline" or "2025 review" is not read as one.
fn leading_number(text: &str) -> Option<(String, String)> {
    let digits: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if !digits.contains('.') {
        return None;
    }
    match split_number(text) {
        (Some(number), rest) => Some((number, rest)),
        (None, _) => None,
    }
}

/// A recommendation's reference written at the start of its words: "R1 That
/// the Council …" → ("R1", "That the Council …"); or a number, as
/// [`leading_number`] reads it.
fn leading_reference(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let first = first.trim_end_matches([':', '.', ')']);
    let mut chars = first.chars();
    let lettered = matches!(chars.next(), Some('R' | 'r'))
        && chars.clone().next().is_some()
        && chars.all(|c| c.is_ascii_digit());
    if lettered && !rest.trim().is_empty() {
        return Some((first.to_owned(), rest.trim().to_owned()));
    }
    leading_number(text)
}

/// A number at the start of a heading: "1. Early help" → ("1", "Early help").
fn split_number(heading: &str) -> (Option<String>, String) {
    let heading = heading.trim();
    let digits: String = heading
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let number = digits.trim_end_matches('.');
    let rest = heading[digits.len()..].trim_start_matches([')', ':']);
    if !number.is_empty()
        && number.starts_with(|c: char| c.is_ascii_digit())
        && rest.starts_with(' ')
        && !rest.trim().is_empty()
    {
        (Some(number.to_owned()), rest.trim().to_owned())
    } else {
        (None, heading.to_owned())
    }
}

/// A section's id: "priority-1" for "PRIORITY 1: …", "section-1" for a
/// numbered heading; otherwise the default (a slug of the title).
fn section_id(heading: &str, number: Option<&str>) -> Option<String> {
    let words: Vec<String> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if let [word, n, ..] = words.as_slice() {
        let named = [
            "priority",
            "theme",
            "section",
            "objective",
            "area",
            "outcome",
            "workstream",
            "strand",
            // An inspection's recommendations, a table each ("Recommendation 1: Raise standards").
            "recommendation",
        ];
        if named.contains(&word.as_str()) && n.chars().all(|c| c.is_ascii_digit()) {
            return Some(format!("{word}-{n}"));
        }
    }
    number.map(|n| format!("section-{}", crate::text::slug(n)))
}

/// An item id from a reference as printed: "OR 21" → "OR-21".
fn item_id(reference: &str) -> String {
    let mut id = String::new();
    for c in reference.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').trim_start_matches('.');
    if id.is_empty() {
        crate::text::slug(reference)
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_split_off_their_numbers() {
        assert_eq!(
            split_number("1. Early help"),
            (Some("1".into()), "Early help".into())
        );
        assert_eq!(
            split_number("2) Placements"),
            (Some("2".into()), "Placements".into())
        );
        assert_eq!(
            split_number("1.2 Voice of the child"),
            (Some("1.2".into()), "Voice of the child".into())
        );
        assert_eq!(
            split_number("PRIORITY 1: X"),
            (None, "PRIORITY 1: X".into())
        );
        assert_eq!(
            split_number("2016 review"),
            (Some("2016".into()), "review".into())
        );
        assert_eq!(split_number("12"), (None, "12".into()));
        assert_eq!(
            section_id("PRIORITY 1: ENSURE", None),
            Some("priority-1".into())
        );
        assert_eq!(section_id("Theme 3 - Voice", None), Some("theme-3".into()));
        assert_eq!(
            section_id("Early help", Some("1")),
            Some("section-1".into())
        );
        assert_eq!(section_id("Early help", None), None);
        assert_eq!(
            section_id("Recommendation 2: Improve the rigour", None),
            Some("recommendation-2".into())
        );
        assert_eq!(item_id("OR 21"), "OR-21");
        assert_eq!(item_id("R2-R3"), "R2-R3");
        assert_eq!(item_id("(a)"), "a");
        assert_eq!(item_id("1.1"), "1.1");
    }

    #[test]
    fn a_sub_action_numbered_by_a_letter_after_the_action_above_is_its_step() {
        let action = |number: &str| Action {
            number: Some(number.to_owned()),
            text: "x".to_owned(),
            ..Action::default()
        };
        assert!(is_step_of(&action("1.1"), &action("1.1a")));
        assert!(is_step_of(&action("R4"), &action("R4b")));
        assert!(!is_step_of(&action("1.1"), &action("1.2")));
        assert!(!is_step_of(&action("1.1"), &action("1.10")));
        assert!(!is_step_of(&action("1.1"), &action("1.1ab")));
        assert!(!is_step_of(&action("1a"), &action("1ab")));
        assert!(!is_step_of(&Action::default(), &action("a")));
        let mut targeted = action("1.1b");
        targeted.target = Some("March 2026".to_owned());
        assert!(!is_step_of(&action("1.1"), &targeted));
    }

    #[test]
    fn numbers_written_in_the_text_are_read_only_with_a_point_or_an_r() {
        let split = |n: &str, t: &str| Some((n.to_owned(), t.to_owned()));
        assert_eq!(
            leading_number("1.1 Review the targets"),
            split("1.1", "Review the targets")
        );
        assert_eq!(
            leading_number("2. Train officers"),
            split("2", "Train officers")
        );
        assert_eq!(leading_number("24 hour helpline"), None);
        assert_eq!(leading_number("2025 review of charges"), None);
        assert_eq!(leading_number("1.5"), None);
        assert_eq!(
            leading_reference("R1 That the Council acts"),
            split("R1", "That the Council acts")
        );
        assert_eq!(leading_reference("R12: That"), split("R12", "That"));
        assert_eq!(leading_reference("3.2 That"), split("3.2", "That"));
        assert_eq!(leading_reference("Review the R1 form"), None);
        assert_eq!(leading_reference("Rachel to lead"), None);
        assert_eq!(leading_reference("R1"), None);
    }

    fn values(cells: &[Option<&str>]) -> Vec<Option<String>> {
        cells.iter().map(|c| c.map(str::to_owned)).collect()
    }

    #[test]
    fn a_grouping_column_starts_filled_and_repeats_or_leaves_rows_empty() {
        assert!(groups(&values(&[Some("R1"), Some("R1"), Some("R2")])));
        // A merged cell saved as CSV: empty below its first row.
        assert!(groups(&values(&[Some("R1"), None, Some("R2")])));
        assert!(!groups(&values(&[Some("R1"), Some("R2"), Some("R3")])));
        // Empty on the first action row: not a grouping, whatever follows.
        assert!(!groups(&values(&[None, Some("R1"), Some("R1")])));
        assert!(!groups(&values(&[])));
    }

    #[test]
    fn a_numbering_column_has_its_own_value_on_every_row() {
        assert!(unique(&values(&[Some("R1.1"), Some("R1.2")])));
        assert!(!unique(&values(&[Some("R1.1")])));
        assert!(!unique(&values(&[Some("R1.1"), None, Some("R1.2")])));
        assert!(!unique(&values(&[
            Some("R1.1"),
            Some("R1.2"),
            Some("R1.1")
        ])));
        assert!(!unique(&values(&[None, None])));
    }

    fn column(index: u32, reads: Use) -> Column {
        Column {
            index,
            heading: String::new(),
            reads,
        }
    }

    fn at(cycle: &str, field: Field) -> Use {
        Use::AtCycle(field, cycle.to_owned())
    }

    #[test]
    fn an_undated_update_column_pairs_with_the_dated_one() {
        let layout = || {
            vec![
                column(0, Use::Field(Field::Text)),
                column(1, Use::Field(Field::Status)),
                column(2, at("2024-03", Field::Progress)),
            ]
        };
        let reads = |columns: Vec<Column>| columns.into_iter().map(|c| c.reads).collect::<Vec<_>>();
        let mut columns = layout();
        pair_undated(&mut columns, None);
        assert_eq!(
            reads(columns),
            [
                Use::Field(Field::Text),
                at("2024-03", Field::Status),
                at("2024-03", Field::Progress)
            ]
        );
        // --cycle names the meeting, even where the heading names another.
        let mut columns = layout();
        pair_undated(&mut columns, Some("2024-06"));
        assert_eq!(
            reads(columns),
            [
                Use::Field(Field::Text),
                at("2024-06", Field::Status),
                at("2024-03", Field::Progress)
            ]
        );
        // No column dated: nothing to pair with.
        let mut columns = vec![
            column(0, Use::Field(Field::Status)),
            column(1, Use::Field(Field::Progress)),
        ];
        pair_undated(&mut columns, Some("2024-06"));
        assert_eq!(
            reads(columns),
            [Use::Field(Field::Status), Use::Field(Field::Progress)]
        );
        // Dated columns at two meetings, and no --cycle: which one is unknown.
        let mut columns = layout();
        columns.push(column(3, at("2024-06", Field::Progress)));
        pair_undated(&mut columns, None);
        assert_eq!(columns[1].reads, Use::Field(Field::Status));
        // A "Reported at" column says each row's meeting itself.
        let mut columns = layout();
        columns.push(column(3, Use::Field(Field::ReportedAt)));
        pair_undated(&mut columns, None);
        assert_eq!(columns[1].reads, Use::Field(Field::Status));
        // A field dated at another meeting than --cycle's still pairs at --cycle.
        let mut columns = vec![
            column(0, Use::Field(Field::Progress)),
            column(1, at("2024-03", Field::Progress)),
        ];
        pair_undated(&mut columns, Some("2024-06"));
        assert_eq!(columns[0].reads, at("2024-06", Field::Progress));
        // A field that has its dated column at that meeting keeps its undated one as it is.
        let mut columns = layout();
        columns.push(column(3, Use::Field(Field::Progress)));
        pair_undated(&mut columns, None);
        assert_eq!(columns[1].reads, at("2024-03", Field::Status));
        assert_eq!(columns[3].reads, Use::Field(Field::Progress));
    }

    fn text(value: &str) -> crate::sheet::Cell {
        if value.is_empty() {
            crate::sheet::Cell::Empty
        } else {
            crate::sheet::Cell::Text(value.to_owned())
        }
    }

    /// Settles the first two columns of `rows` (below a heading row), read first as `a` and `b`.
    fn settled(rows: &[[&str; 3]], a: Field, b: Field) -> (Use, Use) {
        let mut cells = vec![vec![text("A"), text("B"), text("Action")]];
        cells.extend(rows.iter().map(|r| r.iter().map(|v| text(v)).collect()));
        let sheet = Sheet::new("Plan", cells);
        let (filled, fill) = sheet.filled_down();
        let mut columns = vec![
            column(0, Use::Field(a)),
            column(1, Use::Field(b)),
            column(2, Use::Field(Field::Text)),
        ];
        settle_references(&sheet, &filled, &fill, 0, &mut columns);
        (columns[0].reads.clone(), columns[1].reads.clone())
    }

    #[test]
    fn the_repeating_column_groups_and_the_unique_one_numbers() {
        let rows = [
            ["R4", "R4.1", "a"],
            ["R4", "R4.2", "b"],
            ["R5", "R5.1", "c"],
        ];
        let (group, number) = (Use::Field(Field::Ref), Use::Field(Field::Number));
        // Either way round the columns were first read.
        assert_eq!(
            settled(&rows, Field::Number, Field::Ref),
            (group.clone(), number.clone())
        );
        assert_eq!(
            settled(&rows, Field::Ref, Field::Number),
            (group.clone(), number.clone())
        );
        let swapped = [
            ["R4.1", "R4", "a"],
            ["R4.2", "R4", "b"],
            ["R5.1", "R5", "c"],
        ];
        assert_eq!(
            settled(&swapped, Field::Ref, Field::Number),
            (number.clone(), group.clone())
        );
        // Both repeat: neither numbers the actions, so both are left as read.
        let both = [["R1", "X1", "a"], ["R1", "X1", "b"], ["R2", "X2", "c"]];
        assert_eq!(
            settled(&both, Field::Ref, Field::Number),
            (group.clone(), number.clone())
        );
        // Neither repeats: left as read.
        let distinct = [["R1", "1", "a"], ["R2", "2", "b"]];
        assert_eq!(
            settled(&distinct, Field::Number, Field::Ref),
            (Use::Field(Field::Number), Use::Field(Field::Ref))
        );
    }

    /// Rows of a lone reference column, a second column and an action.
    fn rows<'a>(refs: [&'a str; 3], second: [&'a str; 3]) -> Vec<[&'a str; 3]> {
        (0..3).map(|i| [refs[i], second[i], "an action"]).collect()
    }

    #[test]
    fn a_lone_reference_unique_per_row_beside_repeating_recommendations_numbers_the_actions() {
        let long = "That the council reviews its policy";
        let (reference, number) = (Use::Field(Field::Ref), Use::Field(Field::Number));
        let recommendation = Use::Field(Field::Recommendation);
        let repeating = [long, long, "That the council publishes it"];
        assert_eq!(
            settled(
                &rows(["R1.1", "R1.2", "R2.1"], repeating),
                Field::Ref,
                Field::Recommendation
            ),
            (number, recommendation.clone())
        );
        // References that repeat group the rows themselves.
        assert_eq!(
            settled(
                &rows(["R1", "R1", "R2"], repeating),
                Field::Ref,
                Field::Recommendation
            ),
            (reference.clone(), recommendation)
        );
        // Only recommendations' words that repeat make a unique reference a number.
        let owner = Use::Field(Field::Owner);
        assert_eq!(
            settled(
                &rows(["R1", "R2", "R3"], ["Ann", "Ann", "Bob"]),
                Field::Ref,
                Field::Owner
            ),
            (reference, owner)
        );
    }

    #[test]
    fn a_reference_is_short_and_at_most_two_words() {
        assert!(is_reference("R1"));
        assert!(is_reference("OR 21"));
        assert!(is_reference("R7-R9, R12-R15"));
        assert!(!is_reference("A B C"));
        assert!(!is_reference("Recommendation12345"));
        assert!(!is_reference("That the council reviews"));
    }

    #[test]
    fn action_rows_are_the_visible_rows_below_the_headings_with_a_cell_of_their_own() {
        let row = |cells: [&str; 3]| cells.iter().map(|v| text(v)).collect::<Vec<_>>();
        let mut sheet = Sheet::new(
            "Plan",
            vec![
                row(["Improvement plan", "", ""]),
                row(["Ref", "Action", "Status"]),
                row(["Priority 1", "", ""]),
                row(["R1", "First", "Green"]),
                row(["", "Second", ""]),
                row(["", "", ""]),
                row(["R2", "Hidden", "Red"]),
                row(["", "", ""]),
            ],
        );
        // R1 is merged down rows 4 to 6: the sixth row holds only that merge.
        sheet.merges.push(crate::sheet::Merge {
            first: (3, 0),
            last: (5, 0),
        });
        sheet.hidden_rows.push(6..7);
        let (filled, fill) = sheet.filled_down();
        let columns = [
            column(0, Use::Field(Field::Ref)),
            column(1, Use::Field(Field::Text)),
            column(2, Use::Field(Field::Status)),
        ];
        // Not the title or the headings, not the section's heading, not a row
        // filled only by a merge, not a hidden or an empty row.
        assert_eq!(action_rows(&sheet, &filled, &fill, 1, &columns), [3, 4]);
    }
}

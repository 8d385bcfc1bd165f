//! A plan from the council's own spreadsheet (xlsx, ods, xls or csv) into
//! `content/plans/<id>.yaml`, as `ragtime import` asks. Headings are recognised by the
//! words councils use ([`columns`]), rows are read as sections,
//! recommendations and actions ([`rows`]) into the plan model, and the plan
//! is written as commented YAML by [`crate::edit::write`]. Every cell it
//! cannot use is reported at its address, and nothing is written when there
//! is any error.

mod cells;
mod columns;
mod keep;
mod leads;
mod rows;

use crate::diagnostic::Diagnostic;
use crate::edit::write::Notes;
use crate::load::load;
use crate::model::inspection::Inspection;
use crate::model::plan::{Column as Label, Completion, Due, Labels, Place, Plan, PlanKind};
use crate::model::status::{default_statuses, Status};
use crate::pipeline::check::{check, check_as_if};
use crate::sheet::{column_name, Sheet, Workbook};
use crate::text::{control_in_cell, plural, single_spaced};
use columns::{Field, MapFile};
use rows::{Column, Context, Origin, Read, Use};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// What `ragtime import` was asked to do.
#[derive(Debug, Default)]
pub(crate) struct Options {
    pub root: PathBuf,
    pub file: PathBuf,
    pub id: Option<String>,
    pub cycle: Option<String>,
    pub responds_to: Option<String>,
    /// `--organisation`: whose plan it is.
    pub organisation: Option<String>,
    /// `--source`: the paper the plan was published in.
    pub source: Option<String>,
    pub map: Option<PathBuf>,
    pub sheet: Option<String>,
    pub dry_run: bool,
    pub force: bool,
}

/// How many rows a heading row is looked for in.
const HEADING_ROWS: u32 = 30;

/// The site facts an import reads against.
struct SiteFacts {
    /// The site's organisation, unless it is blank or only the site's title again.
    organisation: Option<String>,
    statuses: Vec<Status>,
    cycles: Vec<crate::model::cycle::Cycle>,
    inspections: Vec<Inspection>,
    owner_names: Vec<String>,
}

fn site_facts(root: &Path) -> Result<SiteFacts, Vec<Diagnostic>> {
    let (content, _) = load(root);
    let Some(site) = content.site else {
        return Err(vec![Diagnostic::error(
            root.join("content/site.yaml"),
            "the site settings could not be read; run `ragtime check` to see why",
        )]);
    };
    let config = site.value;
    let owner_names = content
        .owners
        .map(|o| {
            o.value
                .iter()
                .flat_map(|owner| owner.spellings().map(str::to_owned).collect::<Vec<_>>())
                .collect()
        })
        .unwrap_or_default();
    let organisation = config.organisation.trim();
    let names_one =
        !organisation.is_empty() && !organisation.eq_ignore_ascii_case(config.title.trim());
    Ok(SiteFacts {
        organisation: names_one.then(|| organisation.to_owned()),
        statuses: config.statuses.clone().unwrap_or_else(default_statuses),
        cycles: config.cycles.clone(),
        inspections: content.inspections.into_iter().map(|i| i.value).collect(),
        owner_names,
    })
}

/// Imports the spreadsheet as `options` ask: what was read and written, as
/// the command prints it; or every problem found, when nothing was written.
pub(crate) fn import(options: &Options) -> Result<String, Vec<Diagnostic>> {
    let facts = site_facts(&options.root)?;
    let file = options.file.as_path();
    // A problem with what was asked, rather than with a cell, is placed at the spreadsheet.
    let asked = |message: String| Diagnostic::error(file, message);
    let map = match &options.map {
        Some(path) => read_map(path)?,
        None => MapFile::default(),
    };
    let id = match &options.id {
        Some(id) => id.clone(),
        None => crate::text::slug(
            options
                .file
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default(),
        ),
    };
    let mut problems = Vec::new();
    if !crate::text::is_document_id(&id) {
        problems.push(asked(format!("--id \"{id}\": a plan id is lower-case letters, digits and dashes (\"children-in-care-2026\")")));
    }
    let cycle_ids: Vec<String> = facts.cycles.iter().map(|c| c.id.clone()).collect();
    if let Some(cycle) = &options.cycle {
        if !cycle_ids.contains(cycle) {
            problems.push(asked(format!(
                "--cycle {cycle}: not a committee cycle in content/site.yaml; expected one of {}",
                cycle_ids.join(", ")
            )));
        }
    }
    for (given, option) in [
        (&options.organisation, "--organisation"),
        (&options.source, "--source"),
    ] {
        let Some(given) = given else { continue };
        if given.trim().is_empty() {
            problems.push(asked(format!(
                "{option} is empty; give the words to publish"
            )));
        } else if let Some((_, c)) = crate::text::first_control(given) {
            problems.push(asked(format!(
                "{option} holds a control character, {}, which no text on the site may carry",
                crate::text::control_name(c)
            )));
        }
    }
    let mut inspection = None;
    if let Some(wanted) = &options.responds_to {
        if let Some(found) = facts.inspections.iter().find(|i| i.id == *wanted) {
            let findings = found
                .findings
                .iter()
                .map(|f| (f.id.clone(), f.number.clone()))
                .collect();
            inspection = Some((found.id.as_str(), findings));
        } else {
            let ids: Vec<&str> = facts.inspections.iter().map(|i| i.id.as_str()).collect();
            problems.push(asked(format!(
                "--responds-to {wanted}: no such inspection in content/inspections/; expected one of {}",
                ids.join(", ")
            )));
        }
    }
    let target = options
        .root
        .join("content/plans")
        .join(format!("{id}.yaml"));
    if target.exists() && !options.force {
        problems.push(Diagnostic::error(
            &target,
            "a plan with this id already exists; choose another with --id, or replace it with --force",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let workbook = crate::sheet::read(&options.file)
        .map_err(|e| vec![Diagnostic::error(&e.path, e.fault.to_string())])?;
    let wanted_sheet = options.sheet.as_ref().or(map.sheet.as_ref());
    let (sheet, heading_row) =
        choose_sheet(file, &workbook, wanted_sheet, map.heading_row).map_err(|e| vec![e])?;
    // The file's and the sheet's names are written into the plan (`source:` and its comments).
    for (name, what) in [(file_name(&options.file), "file"), (&sheet.name, "sheet")] {
        if let Some((_, c)) = crate::text::first_control(name) {
            return Err(vec![asked(format!(
                "the {what}'s name holds a control character, {}, which no text on the site may carry; rename the {what}",
                crate::text::control_name(c)
            ))]);
        }
    }
    let origin = Origin {
        file,
        sheet: &sheet.name,
    };
    let mut columns = plan_columns(origin, sheet, heading_row, &map, &facts.cycles)?;
    rows::pair_undated(&mut columns, options.cycle.as_deref());
    let (filled, filled_cells) = sheet.filled_down();
    rows::settle_references(sheet, &filled, &filled_cells, heading_row, &mut columns);
    // An update column with nothing under it (a plan not yet reported on) needs no meeting.
    let singles: Vec<&Column> = columns
        .iter()
        .filter(|c| matches!(c.reads, Use::Field(f) if f.is_update()))
        .filter(|c| (heading_row + 1..filled.height()).any(|r| !filled.cell(r, c.index).is_empty()))
        .collect();
    let reported_at = columns
        .iter()
        .any(|c| c.reads == Use::Field(Field::ReportedAt));
    if !singles.is_empty() && !reported_at && options.cycle.is_none() {
        let headings: Vec<String> = singles
            .iter()
            .map(|c| format!("\"{}\"", c.heading))
            .collect();
        return Err(vec![origin.cell(
            heading_row,
            singles[0].index,
            format!(
                "the sheet reports progress ({}) but not at which meeting; run with --cycle (one of {})",
                headings.join(", "),
                cycle_ids.join(", ")
            ),
        )]);
    }
    let owners = facts.owner_names.clone();
    let splits = move |parts: &[&str]| {
        let known = |p: &&str| owners.iter().any(|o| o.eq_ignore_ascii_case(p));
        parts.iter().all(known)
            || parts.iter().all(|p| crate::resolve::names_a_post(p))
            || !parts.iter().any(|p| crate::resolve::names_a_post(p))
    };
    let statuses = map.key.clone().unwrap_or_else(|| facts.statuses.clone());
    let mut by_date: Vec<&crate::model::cycle::Cycle> = facts.cycles.iter().collect();
    by_date.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let oldest_first: Vec<String> = by_date.iter().map(|c| c.id.clone()).collect();
    let context = Context {
        statuses: &statuses,
        status_words: &map.statuses,
        cycles: &cycle_ids,
        oldest_first: &oldest_first,
        cycle: options.cycle.as_deref(),
        inspection,
        splits_at_commas: &splits,
    };
    let (mut read, errors) = rows::read(
        origin,
        sheet,
        &filled,
        &filled_cells,
        heading_row,
        &columns,
        &context,
    );
    let (titles, refused) = title_rows(origin, sheet, heading_row);
    if !errors.is_empty() || !refused.is_empty() {
        return Err(refused.into_iter().chain(errors).collect());
    }
    if read.actions().next().is_none() {
        return Err(vec![origin.cell(
            heading_row,
            0,
            format!(
                "no action rows below the headings on row {}",
                heading_row + 1
            ),
        )]);
    }
    let joint = joint_leads(origin, &filled, &columns, &facts.owner_names, &mut read);
    // Actions above the first heading row are a section named after the
    // sheet; a sheet with no heading rows, only recommendations, has none.
    if !untitled_only(&read.sections) {
        for section in &mut read.sections {
            if section.title.is_empty() {
                section.title.clone_from(&sheet.name);
            }
        }
    }
    let header = Header {
        text_as_references: rows::text_read_as_references(&filled, heading_row, &columns),
        file: &options.file,
        sheet,
        heading_row,
        columns: &columns,
        read: &read,
        titles: &titles,
        responds_to: options.responds_to.as_deref(),
        organisation: options.organisation.as_deref(),
        source: options.source.as_deref(),
    };
    let (mut plan, notes) = plan(&header, &map, &facts, &id)?;
    // A re-import replaces what the sheet holds and keeps what returns added since.
    let carried = if target.exists() {
        let before = std::fs::read_to_string(&target)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_yaml::from_str::<Plan>(&text).map_err(|e| e.to_string()))
            .map_err(|e| {
                vec![Diagnostic::error(
                    &target,
                    format!("{e}; the plan this import replaces must be readable, so that the updates it holds and the spreadsheet does not are kept; fix it, or move it away"),
                )]
            })?;
        keep::carry(before, &mut plan, &facts.cycles)
    } else {
        keep::Carried::default()
    };
    let plan_yaml = crate::edit::write::plan(&plan, &notes).map_err(|e| {
        vec![asked(format!(
            "internal error: {e}; please report this with the spreadsheet"
        ))]
    })?;
    let mut report = describe(&header, &id);
    // The site is checked with the plan as it would be written, in memory: a
    // dry run finds what the import would find, and nothing is written until it passes.
    let relative = Path::new("content/plans").join(format!("{id}.yaml"));
    let cells = cells::Cells {
        origin,
        heading_row,
        title_row: (0..heading_row)
            .find(|row| (0..sheet.width()).any(|c| sheet.cell(*row, c).text().is_some())),
        columns: &columns,
        read: &read,
        plan: &plan,
        yaml: &plan_yaml,
    };
    let mut state = SiteState::new(
        &relative,
        &check(&options.root).diagnostics,
        check_as_if(&options.root, &relative, &plan_yaml).diagnostics,
    );
    cells.place_all(&relative, &mut state.brought);
    if state.brought.iter().any(Diagnostic::is_error) {
        return Err(state.brought);
    }
    report.push_str(&joint.describe(options.dry_run));
    if options.dry_run {
        report.push_str(&first_rows(&read));
        let _ = writeln!(report, "dry run: {} was not written", target.display());
    } else {
        crate::output::safely::write_safely(&target, plan_yaml.as_bytes())
            .map_err(|e| vec![Diagnostic::error(&target, format!("could not write: {e}"))])?;
        let _ = writeln!(
            report,
            "wrote {} ({})",
            target.display(),
            plural(read.actions().count(), "action", "actions")
        );
    }
    report.push_str(&carried.describe(options.dry_run));
    report.push_str(&state.describe(options.dry_run));
    Ok(report)
}

/// Owner cells naming joint leads, as the directory lets them be read.
#[derive(Default)]
struct JointLeads {
    /// Cells kept whole, each warned at.
    warnings: Vec<Diagnostic>,
    /// Parts of those cells the directory does not know.
    unknown: std::collections::BTreeSet<String>,
}

impl JointLeads {
    fn describe(&self, dry_run: bool) -> String {
        let mut out = String::new();
        for warning in &self.warnings {
            let _ = writeln!(out, "{warning}");
        }
        if dry_run && !self.unknown.is_empty() {
            let _ = write!(
                out,
                "lines for content/owners.yaml that would let those cells be split:\n{}",
                leads::proposed(&self.unknown)
            );
        }
        out
    }
}

/// Reads each owner cell again for joint leads: split into the directory's
/// owners where it knows every part, else kept whole and warned at.
fn joint_leads(
    origin: Origin<'_>,
    filled: &Sheet,
    columns: &[Column],
    spellings: &[String],
    read: &mut Read,
) -> JointLeads {
    let mut joint = JointLeads::default();
    let Some(column) = columns
        .iter()
        .find(|c| c.reads == Use::Field(Field::Owner))
        .map(|c| c.index)
    else {
        return joint;
    };
    let directory = leads::Directory::new(spellings.iter().map(String::as_str));
    let places: Vec<(Place, u32)> = read.action_rows.iter().map(|(p, r)| (*p, *r)).collect();
    for (place, row) in places {
        let Some(cell) = filled.cell(row, column).text() else {
            continue;
        };
        let owners = match directory.leads(&cell) {
            leads::Leads::Single => continue,
            leads::Leads::Owners(owners) => owners,
            leads::Leads::Whole { cell, unknown } => {
                joint.warnings.push(
                    Diagnostic::warning(
                        origin.file,
                        format!(
                            "\"{cell}\" is kept as one owner: content/owners.yaml does not know {}; add {} (or an alias) there to read it as {} leads",
                            unknown.iter().map(|u| format!("\"{u}\"")).collect::<Vec<_>>().join(", "),
                            if unknown.len() == 1 { "it" } else { "them" },
                            "joint"
                        ),
                    )
                    .at_cell(origin.sheet, row, column),
                );
                joint.unknown.extend(unknown);
                vec![cell]
            }
        };
        if let Some(action) = action_at(read, place) {
            action.owner = owners;
        }
    }
    joint
}

fn action_at(read: &mut Read, place: Place) -> Option<&mut crate::model::plan::Action> {
    let section = read.sections.get_mut(place.section?)?;
    let actions = match place.recommendation {
        Some(r) => &mut section.recommendations.get_mut(r)?.actions,
        None => &mut section.actions,
    };
    actions.get_mut(place.action)
}

/// The site's problems after the import, told apart: those the import
/// brings (in its plan, or new elsewhere) and those that were there before.
struct SiteState {
    brought: Vec<Diagnostic>,
    before_errors: Vec<Diagnostic>,
    before_warnings: usize,
}

impl SiteState {
    /// `plan` is the imported plan's file; `before` the site's problems
    /// without the import, `after` with it.
    fn new(plan: &Path, before: &[Diagnostic], after: Vec<Diagnostic>) -> SiteState {
        let (brought, kept): (Vec<Diagnostic>, Vec<Diagnostic>) = after
            .into_iter()
            .partition(|d| d.file == plan || !before.contains(d));
        let (before_errors, before_warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
            kept.into_iter().partition(Diagnostic::is_error);
        SiteState {
            brought,
            before_errors,
            before_warnings: before_warnings.len(),
        }
    }

    /// What the import brings, the errors that were there before, and
    /// whether `ragtime check` passes: never said to pass when it fails.
    fn describe(&self, dry_run: bool) -> String {
        let mut out = String::new();
        let brought = self.brought.len();
        if brought > 0 {
            let _ = writeln!(out, "from this import:");
            for problem in &self.brought {
                let _ = writeln!(out, "{problem}");
            }
        }
        if !self.before_errors.is_empty() {
            let _ = writeln!(out, "there before this import, in other files:");
            for problem in &self.before_errors {
                let _ = writeln!(out, "{problem}");
            }
        }
        let errors = self.before_errors.len();
        let warnings = brought + self.before_warnings;
        let (passes, fails) = if dry_run {
            ("would pass", "would fail")
        } else {
            ("passes", "fails")
        };
        let mut parts = Vec::new();
        if brought > 0 {
            parts.push(format!(
                "{} from this import",
                plural(brought, "warning", "warnings")
            ));
        }
        if errors + self.before_warnings > 0 {
            let there = match (errors, self.before_warnings) {
                (0, w) => plural(w, "warning", "warnings"),
                (e, 0) => plural(e, "error", "errors"),
                (e, w) => crate::diagnostic::tally(e, w),
            };
            let listed = match (errors, self.before_warnings) {
                (0, _) => " (`ragtime check` lists them)",
                (_, 0) => " (above)",
                _ => " (the errors above; `ragtime check` lists the warnings)",
            };
            parts.push(format!(
                "{there} there before this import, in other files{listed}"
            ));
        }
        let _ = match (errors, warnings) {
            (0, 0) => writeln!(out, "`ragtime check` {passes}"),
            (0, w) => writeln!(
                out,
                "`ragtime check` {passes} with {}: {}",
                plural(w, "warning", "warnings"),
                parts.join("; ")
            ),
            (e, w) => writeln!(
                out,
                "`ragtime check` {fails} with {}: {}",
                crate::diagnostic::tally(e, w),
                parts.join("; ")
            ),
        };
        out
    }
}

fn read_map(path: &Path) -> Result<MapFile, Vec<Diagnostic>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![Diagnostic::error(path, format!("could not read: {e}"))])?;
    let mut map: MapFile = serde_yaml::from_str(&text).map_err(|e| {
        vec![Diagnostic::error(
            path,
            format!("{e}; a mapping file has `columns:` (field: heading), and may have `sheet`, `heading_row`, `ignore`, `statuses`, `key`, `cycles`, `title`, `organisation`, `kind`"),
        )
        .at(e.location().map(|l| (l.line(), l.column())))]
    })?;
    path.clone_into(&mut map.path);
    Ok(map)
}

/// The sheet to read and its heading row (0-based); when none will do, why,
/// placed at the spreadsheet (`file`).
fn choose_sheet<'w>(
    file: &Path,
    workbook: &'w Workbook,
    wanted: Option<&String>,
    heading_row: Option<u32>,
) -> Result<(&'w Sheet, u32), Diagnostic> {
    let refused = |message: String| Diagnostic::error(file, message);
    let names: Vec<String> = workbook
        .sheets
        .iter()
        .map(|s| format!("\"{}\"", s.name))
        .collect();
    let candidates: Vec<&Sheet> = match wanted {
        Some(name) => {
            let found = workbook
                .sheets
                .iter()
                .find(|s| s.name == *name || s.name.eq_ignore_ascii_case(name));
            vec![found.ok_or_else(|| {
                refused(format!(
                    "no sheet \"{name}\"; the sheets are {}",
                    names.join(", ")
                ))
            })?]
        }
        None => workbook.sheets.iter().filter(|s| !s.hidden).collect(),
    };
    for sheet in &candidates {
        if let Some(row) = heading_row {
            if row == 0 || row > sheet.height() {
                return Err(refused(format!(
                    "{}: heading row {row} is outside the sheet (it has {} rows)",
                    sheet.name,
                    sheet.height()
                )));
            }
            return Ok((sheet, row - 1));
        }
        if let Some(row) = find_heading_row(sheet) {
            return Ok((sheet, row));
        }
    }
    Err(refused(format!(
        "no row of headings found in the first {HEADING_ROWS} rows of {}: expected a row with an action column (\"Action\", \"What?\") and another ragtime knows (\"Lead\", \"Timescale\", \"Status\", \"Progress\"…); name the sheet and the columns in a mapping file (--map)",
        if wanted.is_some() { "that sheet".to_owned() } else { format!("any sheet ({})", names.join(", ")) }
    )))
}

/// The first row with an action column and at least one more known heading.
fn find_heading_row(sheet: &Sheet) -> Option<u32> {
    (0..sheet.height().min(HEADING_ROWS)).find(|row| {
        let fields: Vec<Field> = (0..sheet.width())
            .filter_map(|c| sheet.cell(*row, c).text())
            .filter_map(|h| columns::recognise(&h))
            .collect();
        fields.iter().any(|f| matches!(f, Field::Text | Field::How)) && fields.len() >= 2
    })
}

/// What each column of the heading row is read as.
fn plan_columns(
    origin: Origin<'_>,
    sheet: &Sheet,
    heading_row: u32,
    map: &MapFile,
    cycles: &[crate::model::cycle::Cycle],
) -> Result<Vec<Column>, Vec<Diagnostic>> {
    let mut columns = Vec::new();
    let mut errors = Vec::new();
    let at = |column: u32, message: String| origin.cell(heading_row, column, message);
    let mut taken: BTreeMap<Field, String> = BTreeMap::new();
    for index in 0..sheet.width() {
        let Some(heading) = sheet.cell(heading_row, index).text() else {
            continue;
        };
        // Every heading is quoted in the plan's comments, read or not.
        if let Some(problem) = control_in_cell(&heading) {
            errors.push(at(index, problem));
            continue;
        }
        let reads = if sheet.column_hidden(index) {
            Use::Ignored("a hidden column")
        } else if map.ignores(&heading) {
            Use::Ignored("ignored by the mapping file")
        } else {
            let field = match map.field_for(&heading) {
                Some(Ok(field)) => Some(field),
                Some(Err((message, help))) => {
                    let refused = at(index, message);
                    errors.push(match help {
                        Some(help) => refused.hint(help),
                        None => refused,
                    });
                    continue;
                }
                None => columns::recognise(&heading),
            };
            match field {
                None if columns::is_derived(&heading) => {
                    Use::Ignored("worked out by ragtime, not read")
                }
                None => Use::Ignored(
                    "not a heading ragtime knows; name it in a mapping file (--map) to read it",
                ),
                Some(field) => match at_cycle(&heading, field, map, cycles) {
                    Ok(Some(cycle)) => Use::AtCycle(field, cycle),
                    Ok(None) => {
                        if let Some(first) = taken.get(&field) {
                            errors.push(at(index, format!(
                                "\"{heading}\" is read as {} too, like \"{first}\"; say which to read in a mapping file (`columns:` and `ignore:`)",
                                field.name()
                            )));
                            continue;
                        }
                        taken.insert(field, heading.clone());
                        Use::Field(field)
                    }
                    Err(message) => {
                        errors.push(at(index, message));
                        continue;
                    }
                },
            }
        };
        columns.push(Column {
            index,
            heading,
            reads,
        });
    }
    for heading in map.columns.values() {
        if !columns
            .iter()
            .any(|c| columns::normalise(&c.heading) == columns::normalise(heading))
        {
            errors.push(Diagnostic::error(
                &map.path,
                format!(
                    "the mapping file names a column \"{heading}\", but row {} has no such heading",
                    heading_row + 1
                ),
            ));
        }
    }
    if !columns
        .iter()
        .any(|c| matches!(c.reads, Use::Field(Field::Text | Field::How)))
    {
        errors.push(at(0, "no column holds the actions' text; name it in a mapping file (`columns: {text: <heading>}`)".to_owned()));
    }
    if errors.is_empty() {
        Ok(columns)
    } else {
        Err(errors)
    }
}

/// The cycle a status or progress column reports, when its heading names a meeting.
fn at_cycle(
    heading: &str,
    field: Field,
    map: &MapFile,
    cycles: &[crate::model::cycle::Cycle],
) -> Result<Option<String>, String> {
    if !field.is_update() {
        return Ok(None);
    }
    let ids: Vec<&str> = cycles.iter().map(|c| c.id.as_str()).collect();
    if let Some(cycle) = map.cycle_for(heading) {
        return if ids.contains(&cycle) {
            Ok(Some(cycle.to_owned()))
        } else {
            Err(format!("the mapping file gives \"{heading}\" the cycle \"{cycle}\", which is not in content/site.yaml; expected one of {}", ids.join(", ")))
        };
    }
    if let Some(id) = ids.iter().find(|id| heading.contains(**id)) {
        return Ok(Some((*id).to_owned()));
    }
    let Some(meeting) = columns::meeting(heading) else {
        return Ok(None);
    };
    match meeting.cycles(cycles).as_slice() {
        [one] => Ok(Some(one.id.clone())),
        [] => Err(format!(
            "\"{heading}\" names a meeting ({}) that is not a committee cycle in content/site.yaml; add the cycle, or give the column's cycle in a mapping file (`cycles:`); the cycles are {}",
            meeting.describe(),
            ids.join(", ")
        )),
        several => Err(format!(
            "\"{heading}\" names {}, when {} cycles met; give the column's cycle in a mapping file (`cycles:`)",
            meeting.describe(),
            several.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(" and ")
        )),
    }
}

/// Rows above the headings with one cell of text: the sheet's title lines;
/// and the cells among them that cannot be used, with why.
fn title_rows(
    origin: Origin<'_>,
    sheet: &Sheet,
    heading_row: u32,
) -> (Vec<String>, Vec<Diagnostic>) {
    let mut refused = Vec::new();
    let titles = (0..heading_row)
        .filter(|row| !sheet.row_hidden(*row))
        .filter_map(|row| {
            let texts: Vec<(u32, String)> = (0..sheet.width())
                .filter_map(|c| sheet.cell(row, c).text().map(|text| (c, text)))
                .collect();
            let [(column, one)] = texts.as_slice() else {
                return None;
            };
            match control_in_cell(one) {
                Some(problem) => {
                    refused.push(origin.cell(row, *column, problem));
                    None
                }
                None => Some(one.clone()),
            }
        })
        .collect();
    (titles, refused)
}

struct Header<'a> {
    file: &'a Path,
    sheet: &'a Sheet,
    heading_row: u32,
    columns: &'a [Column],
    read: &'a Read,
    titles: &'a [String],
    responds_to: Option<&'a str>,
    /// `--organisation` and `--source`, as given.
    organisation: Option<&'a str>,
    source: Option<&'a str>,
    /// Whether the recommendations' text column holds only references, and is read as them.
    text_as_references: bool,
}

/// The name of a file, as the plan's `source:` gives it.
fn file_name(file: &Path) -> &str {
    file.file_name()
        .and_then(|f| f.to_str())
        .unwrap_or_default()
}

/// The plan read, with its heading fields and labels; and the notes written
/// with it, saying where each part came from.
fn plan(
    header: &Header<'_>,
    map: &MapFile,
    facts: &SiteFacts,
    id: &str,
) -> Result<(Plan, Notes), Vec<Diagnostic>> {
    let file_name = file_name(header.file);
    let mut head = String::new();
    let _ = writeln!(
        head,
        "Imported by `ragtime import` from {file_name}, sheet \"{}\" (headings on row {}).",
        header.sheet.name,
        header.heading_row + 1
    );
    head.push_str("\nColumns (heading as written -> what it became):\n");
    for column in header.columns {
        let _ = writeln!(
            head,
            "  {} {} -> {}",
            column_name(column.index),
            single_spaced(&column.heading),
            describe_use(&column.reads, header)
        );
    }
    if !header.read.statuses_used.is_empty() {
        head.push_str("Status words -> status ids:\n");
        for (word, (id, count)) in &header.read.statuses_used {
            let _ = writeln!(head, "  \"{word}\" -> {id} ({count})");
        }
    }
    if !header.read.hidden_rows.is_empty() {
        let rows: Vec<String> = header
            .read
            .hidden_rows
            .iter()
            .map(|r| (r + 1).to_string())
            .collect();
        let _ = writeln!(head, "Hidden rows not imported: {}.", rows.join(", "));
    }
    if !header.titles.is_empty() {
        let _ = writeln!(
            head,
            "Title rows above the headings: {}.",
            header
                .titles
                .iter()
                .map(|t| format!("\"{}\"", single_spaced(t)))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    let answers = header
        .responds_to
        .and_then(|id| facts.inspections.iter().find(|i| i.id == id));
    // A title row naming an organisation the answered inspection inspected ("Slough") names it too.
    let inspected = |t: &str| {
        answers.is_some_and(|i| {
            i.organisations()
                .iter()
                .any(|o| crate::model::status::loosely(o) == crate::model::status::loosely(t))
        })
    };
    let is_organisation = |t: &str| looks_like_organisation(t) || inspected(t);
    let from_sheet = header.titles.iter().find(|t| is_organisation(t));
    let (organisation, organisation_said) = match (
        header.organisation,
        &map.organisation,
        from_sheet,
        &facts.organisation,
    ) {
        (Some(given), ..) => (given.trim().to_owned(), true),
        (None, Some(mapped), ..) => (mapped.clone(), true),
        (None, None, Some(title), _) => (title.clone(), true),
        (None, None, None, Some(site)) => (site.clone(), false),
        (None, None, None, None) => {
            return Err(vec![Diagnostic::error(
                header.file,
                "neither the spreadsheet nor content/site.yaml names the organisation whose plan this is; give it with --organisation (\"Telford & Wrekin Council\")",
            )]);
        }
    };
    let title = map.title.clone().or_else(|| {
        header
            .titles
            .iter()
            .find(|t| **t != organisation && !is_organisation(t))
            .cloned()
    });
    let title_said = title.is_some();
    let title = title.unwrap_or_else(|| {
        header
            .file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .replace(['-', '_'], " ")
    });
    let kind = match &map.kind {
        Some(kind) => serde_yaml::from_str::<PlanKind>(kind).map_err(|_| {
            vec![Diagnostic::error(
                &map.path,
                format!("the mapping file's kind \"{kind}\" is not a plan kind; expected scrutiny, inspection, peer-review or improvement"),
            )]
        })?,
        None => guess_kind(header.titles, answers),
    };
    // The paper's name, never the officer's own file name.
    let source = header.source.map(|s| s.trim().to_owned()).or_else(|| {
        (!header.titles.is_empty()).then(|| {
            header
                .titles
                .iter()
                .map(|t| single_spaced(t))
                .collect::<Vec<_>>()
                .join(", ")
        })
    });
    if !title_said || !organisation_said || map.kind.is_none() {
        head.push_str(
            "Check the title, organisation and kind: the spreadsheet does not say them all.\n",
        );
    }
    if source.is_none() {
        head.push_str("Add `source:`, the paper this plan comes from (import with --source, or give the sheet a title row).\n");
    }
    let mut notes = Notes {
        head,
        ..Notes::default()
    };
    let mut labels = Labels::default();
    for column in header.columns {
        let Use::Field(field) = column.reads else {
            continue;
        };
        let Some(label) = label(field) else { continue };
        if label.default_label() != column.heading && labels.given(label).is_none() {
            labels.set(label, single_spaced(&column.heading));
            notes.labels.push(label);
        }
    }
    if map.key.is_some() {
        notes.above.insert(
            "statuses",
            "The plan's own RAG key, from the mapping file.".to_owned(),
        );
    }
    notes.above.insert(
        "labels",
        "The spreadsheet's own headings, shown on the plan's pages.".to_owned(),
    );
    for (index, row) in header.read.section_rows.iter().enumerate() {
        if let Some(row) = row {
            notes
                .sections
                .insert(index, format!("heading row {}", row + 1));
        }
    }
    // A sheet of recommendations under no heading gives the plan's own
    // `recommendations:`, as a plan with no sections is written by hand.
    let top_level = untitled_only(&header.read.sections);
    for (place, row) in &header.read.action_rows {
        let place = if top_level {
            Place {
                section: None,
                ..*place
            }
        } else {
            *place
        };
        notes.actions.insert(place, format!("row {}", row + 1));
    }
    let (sections, recommendations) = if top_level {
        (Vec::new(), header.read.sections[0].recommendations.clone())
    } else {
        (header.read.sections.clone(), Vec::new())
    };
    let plan = Plan {
        id: id.to_owned(),
        title,
        organisation,
        body: None,
        kind,
        agreed: None,
        estimated: false,
        responds_to: header.responds_to.map(str::to_owned).into_iter().collect(),
        source,
        summary: None,
        statuses: map.key.clone(),
        labels,
        reports: Vec::new(),
        partial: None,
        sections,
        recommendations,
        completion: Completion::default(),
        clocks: Vec::new(),
    };
    Ok((plan, notes))
}

/// Whether the sheet's rows are all recommendations under no heading row:
/// one untitled section, holding no action of its own.
pub(crate) fn untitled_only(sections: &[crate::model::plan::Section]) -> bool {
    matches!(sections, [only] if only.title.is_empty() && only.actions.is_empty())
}

/// The kind of plan its title rows and the inspection it answers tell: a
/// plan answering an inspection is its action plan (or a peer review's, or
/// an improvement plan where its title says so), never scrutiny's.
fn guess_kind(titles: &[String], answers: Option<&Inspection>) -> PlanKind {
    let titles = titles.join(" ").to_lowercase();
    let peer = |text: &str| text.contains("peer review") || text.contains("peer challenge");
    if peer(&titles) {
        return PlanKind::PeerReview;
    }
    match answers {
        Some(inspection)
            if peer(&inspection.inspectorate.to_lowercase())
                || peer(&inspection.title.to_lowercase()) =>
        {
            PlanKind::PeerReview
        }
        Some(_) if titles.contains("improvement") => PlanKind::Improvement,
        Some(_) => PlanKind::Inspection,
        None if titles.contains("improvement plan") => PlanKind::Improvement,
        // The papers an inspection asks for, named as inspectorates name them.
        None if [
            "post inspection action plan",
            "post-inspection action plan",
            "written statement of action",
            "accelerated progress plan",
            "priority action plan",
        ]
        .iter()
        .any(|paper| titles.contains(paper)) =>
        {
            PlanKind::Inspection
        }
        None => PlanKind::Scrutiny,
    }
}

/// A title row naming the organisation, or the partners of a joint plan
/// ("Thurrock Council and Thurrock Clinical Commissioning Group").
fn looks_like_organisation(text: &str) -> bool {
    let one = |part: &str| {
        let lower = part.trim().to_lowercase();
        part.split_whitespace().count() <= 6
            && (lower.ends_with(" council")
                || lower.starts_with("council of")
                || lower.ends_with(" borough")
                || lower.ends_with(" county council"))
    };
    let partner = |part: &str| {
        let lower = part.trim().to_lowercase();
        one(part)
            || part.split_whitespace().count() <= 6
                && [
                    " clinical commissioning group",
                    " integrated care board",
                    " nhs trust",
                    " nhs foundation trust",
                ]
                .iter()
                .any(|end| lower.ends_with(end))
    };
    let parts: Vec<&str> = text.split(" and ").collect();
    one(text)
        || (parts.len() > 1 && parts.iter().any(|p| one(p)) && parts.iter().all(|p| partner(p)))
}

/// The column of `labels:` a field's heading names, if it has one.
fn label(field: Field) -> Option<Label> {
    Some(match field {
        Field::Recommendation | Field::Ref => Label::Recommendation,
        Field::Findings => Label::Findings,
        Field::Text => Label::Action,
        Field::Owner => Label::Owner,
        Field::Budget => Label::Budget,
        Field::Timescale => Label::Timescale,
        Field::Target => Label::Target,
        Field::Due => Label::Due,
        Field::Measure => Label::Measure,
        Field::Evidence => Label::Evidence,
        Field::Source => Label::Source,
        Field::Outcome => Label::Outcome,
        Field::Status => Label::Status,
        Field::Progress => Label::Progress,
        Field::NextSteps => Label::NextSteps,
        Field::Impact => Label::Impact,
        Field::Section | Field::Number | Field::Id | Field::How | Field::ReportedAt => return None,
    })
}

fn describe_use(reads: &Use, header: &Header<'_>) -> String {
    let has_findings = header
        .columns
        .iter()
        .any(|c| c.reads == Use::Field(Field::Findings));
    let linked = || match header.responds_to {
        // The findings column links them: the reference is the recommendation's own.
        _ if has_findings => "recommendations (rows grouped by it)".to_owned(),
        Some(inspection) => {
            format!("recommendations, with the findings of {inspection} they name")
        }
        None => "recommendations (rows grouped by it)".to_owned(),
    };
    let has_ref = header
        .columns
        .iter()
        .any(|c| c.reads == Use::Field(Field::Ref));
    match reads {
        Use::Field(Field::Ref) => linked(),
        Use::Field(Field::Recommendation) if header.text_as_references => linked(),
        // Text names no findings: saying it links them would be saying what is not done.
        Use::Field(Field::Recommendation) => match header.responds_to {
            Some(inspection) if !has_ref && !has_findings => format!(
                "recommendations' text, which names no finding of {inspection}: map the column of references (\"R1\") as recommendation_ref to link them"
            ),
            _ if has_ref => "recommendations' text".to_owned(),
            _ => "recommendations' text (rows grouped by it)".to_owned(),
        },
        Use::Field(Field::Findings) => match header.responds_to {
            Some(inspection) => format!("findings: the findings of {inspection} each row answers"),
            None => "findings (needs --responds-to)".to_owned(),
        },
        Use::Field(Field::Section) => "sections (rows grouped by it)".to_owned(),
        Use::Field(Field::How) => "text (after the action, as a second paragraph)".to_owned(),
        Use::Field(Field::Target) => {
            "target (as written; a date cell or a date in it becomes due)".to_owned()
        }
        Use::Field(Field::Due) => "due".to_owned(),
        Use::Field(Field::ReportedAt) => "the cycle of each row's update".to_owned(),
        Use::Field(field) if field.is_update() => format!("updates: {} (at --cycle)", field.name()),
        Use::Field(field) => field.name().to_owned(),
        Use::AtCycle(field, cycle) => format!("updates: {} at cycle {cycle}", field.name()),
        Use::Ignored(why) => format!("not imported: {why}"),
    }
}

/// The mapping and what was read, as `import` prints it.
fn describe(header: &Header<'_>, id: &str) -> String {
    let mut out = String::new();
    let read = header.read;
    let _ = writeln!(
        out,
        "{}: sheet \"{}\", headings on row {}",
        header.file.display(),
        header.sheet.name,
        header.heading_row + 1
    );
    for column in header.columns {
        let _ = writeln!(
            out,
            "  {:<3} {:<30} → {}",
            column_name(column.index),
            crate::text::one_line(&column.heading),
            describe_use(&column.reads, header)
        );
    }
    let recommendations: usize = read.sections.iter().map(|s| s.recommendations.len()).sum();
    let _ = writeln!(
        out,
        "read {} in {}{} as plan \"{id}\"",
        plural(read.actions().count(), "action", "actions"),
        plural(read.sections.len(), "section", "sections"),
        if recommendations > 0 {
            format!(
                ", {}",
                plural(recommendations, "recommendation", "recommendations")
            )
        } else {
            String::new()
        }
    );
    for (word, (status, count)) in &read.statuses_used {
        let _ = writeln!(out, "  status \"{word}\" → {status} ({count})");
    }
    if !read.hidden_rows.is_empty() {
        let rows: Vec<String> = read
            .hidden_rows
            .iter()
            .map(|r| (r + 1).to_string())
            .collect();
        let _ = writeln!(
            out,
            "skipped hidden {} {}",
            if rows.len() == 1 { "row" } else { "rows" },
            rows.join(", ")
        );
    }
    let hidden_columns: Vec<String> = header
        .columns
        .iter()
        .filter(|c| c.reads == Use::Ignored("a hidden column"))
        .map(|c| format!("{} \"{}\"", column_name(c.index), c.heading))
        .collect();
    if !hidden_columns.is_empty() {
        let _ = writeln!(
            out,
            "skipped hidden {} {}",
            if hidden_columns.len() == 1 {
                "column"
            } else {
                "columns"
            },
            hidden_columns.join(", ")
        );
    }
    if !read.empty_rows.is_empty() {
        let _ = writeln!(
            out,
            "skipped {}",
            plural(
                read.empty_rows.len(),
                "row with no cells of its own",
                "rows with no cells of their own"
            )
        );
    }
    out
}

/// The first actions as understood, for `--dry-run`.
fn first_rows(read: &Read) -> String {
    let mut out = String::from("first rows as read:\n");
    for (s, section) in read.sections.iter().enumerate().take(2) {
        let _ = writeln!(
            out,
            "  section \"{}\"",
            crate::text::one_line(&section.title)
        );
        let place = |recommendation, action| Place {
            section: Some(s),
            recommendation,
            action,
        };
        let actions =
            section
                .actions
                .iter()
                .enumerate()
                .map(|(a, action)| (None, action, place(None, a)))
                .chain(section.recommendations.iter().enumerate().flat_map(
                    |(r, recommendation)| {
                        recommendation
                            .actions
                            .iter()
                            .enumerate()
                            .map(move |(a, action)| {
                                (Some(recommendation), action, place(Some(r), a))
                            })
                    },
                ));
        for (recommendation, action, place) in actions.take(3) {
            let row = read.action_rows.get(&place).copied().unwrap_or_default();
            let mut line = format!("    row {}:", row + 1);
            if let Some(r) = recommendation {
                let _ = write!(
                    line,
                    " recommendation {}",
                    r.number.as_deref().unwrap_or(&r.id)
                );
                if !r.findings.is_empty() {
                    let _ = write!(line, " ({})", r.findings.join(", "));
                }
                line.push(';');
            }
            if let Some(number) = &action.number {
                let _ = write!(line, " {number}");
            }
            let _ = write!(line, " \"{}\"", crate::text::one_line(&action.text));
            if !action.owner.is_empty() {
                let _ = write!(line, "; owner {}", action.owner.join(" | "));
            }
            if let Due::On(due) = action.due {
                let _ = write!(line, "; due {due}");
            }
            for update in &action.updates {
                let _ = write!(
                    line,
                    "; at {}: {}",
                    update.cycle,
                    update.status.as_deref().unwrap_or("no status")
                );
            }
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_row_naming_the_partners_of_a_joint_plan_is_its_organisation() {
        assert!(looks_like_organisation("Telford & Wrekin Council"));
        assert!(looks_like_organisation(
            "Thurrock Council and Thurrock Clinical Commissioning Group"
        ));
        assert!(looks_like_organisation(
            "Wokingham Borough Council and Frimley Integrated Care Board"
        ));
        assert!(!looks_like_organisation(
            "Thurrock Clinical Commissioning Group and its partners"
        ));
        assert!(!looks_like_organisation("Children and young people's plan"));
        assert!(!looks_like_organisation(
            "Report of the Cabinet Member and the Council"
        ));
    }

    #[test]
    fn a_plan_whose_title_names_an_inspections_paper_answers_one() {
        let kind = |title: &str| guess_kind(&[title.to_owned()], None);
        for paper in [
            "SEND Written Statement of Action: progress tracker",
            "Post Inspection Action Plan: Estyn inspection of education services",
            "Staffordshire Local Area SEND Accelerated Progress Plan",
            "Oxfordshire SEND Priority Action Plan",
        ] {
            assert_eq!(kind(paper), PlanKind::Inspection, "{paper}");
        }
        assert_eq!(kind("Scrutiny recommendation tracker"), PlanKind::Scrutiny);
        assert_eq!(
            kind("Children's services improvement plan"),
            PlanKind::Improvement
        );
    }
}

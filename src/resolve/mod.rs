//! Stage 2: give every item its id, check every reference, and collect every problem.

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::spans::{FieldPath, Position};
use crate::load::{Content, Loaded, SourceFile};
use crate::markdown::ref_links;
use crate::model::cycle::Cycle;
use crate::model::document::{Briefing, Page};
use crate::model::inspection::Inspection;
use crate::model::plan::{Action, Plan};
use crate::model::settings::SiteConfig;
use crate::model::site::{Site, SETTINGS};
use crate::model::status::{default_statuses, Status, NOT_STARTED};
use crate::model::timescale::{suggest, DueDate};
use crate::text::{fingerprint, is_document_id, is_item_id, slug};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Top-level addresses the site itself uses, which a page may not take.
const RESERVED: [&str; 9] = [
    "plans",
    "inspections",
    "briefings",
    "owners",
    "cycles",
    "assets",
    "404",
    "feed",
    "sitemap",
];

/// Checks the content against itself. Returns the site when there are no errors to stop it.
pub fn resolve(content: Content) -> (Option<Site>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(site) = content.site else {
        return (None, diagnostics);
    };
    let statuses = check_statuses(&site, &mut diagnostics);
    let cycles = check_cycles(&site, &mut diagnostics);

    let mut plans = content.plans;
    for plan in &mut plans {
        assign_ids(&mut plan.value);
    }
    let mut index = Index::new(
        &content.inspections,
        &plans,
        &content.briefings,
        &content.pages,
        &mut diagnostics,
    );
    index.unreadable = content
        .unreadable
        .iter()
        .map(|(kind, id)| (id.clone(), *kind))
        .collect();
    let new_checker = || Checker {
        statuses: &statuses,
        cycles: &cycles,
        index: &index,
        linked: std::cell::RefCell::default(),
    };
    let checker = new_checker();
    let mut links = BTreeMap::new();
    for inspection in &content.inspections {
        checker.inspection(inspection, &mut diagnostics);
        links.insert(inspection.value.id.clone(), checker.take_linked());
    }
    // Plans and briefings are checked in parallel, each with a checker of its
    // own; their problems are gathered in file order.
    let each = |check: &(dyn Fn(&Checker, &mut Vec<Diagnostic>) + Sync)| {
        let checker = new_checker();
        let mut found = Vec::new();
        check(&checker, &mut found);
        (found, checker.take_linked())
    };
    let results: Vec<_> = plans
        .par_iter()
        .map(|plan| (&plan.value.id, each(&|c, d| c.plan(plan, d))))
        .chain(
            content
                .briefings
                .par_iter()
                .map(|briefing| (&briefing.value.id, each(&|c, d| c.briefing(briefing, d)))),
        )
        .collect();
    for (id, (found, linked)) in results {
        diagnostics.extend(found);
        links.insert(id.clone(), linked);
    }
    for page in &content.pages {
        if RESERVED.contains(&page.value.id.as_str()) {
            diagnostics.push(
                Diagnostic::error(&page.source.path, format!("the page name \"{}\" is used by the site itself", page.value.id))
                    .hint("rename the file; these names are taken: plans, inspections, briefings, owners, cycles, assets, 404, feed, sitemap"),
            );
        }
        checker.markdown_body(
            &page.source,
            &page.value.body,
            page.value.body_line,
            &mut diagnostics,
        );
        links.insert(page.value.id.clone(), checker.take_linked());
    }
    links.retain(|_, linked: &mut BTreeSet<String>| !linked.is_empty());

    let mut fingerprints: BTreeMap<String, u64> = content
        .inspections
        .par_iter()
        .map(|l| (&l.value.id, &l.source))
        .chain(plans.par_iter().map(|l| (&l.value.id, &l.source)))
        .chain(
            content
                .briefings
                .par_iter()
                .map(|l| (&l.value.id, &l.source)),
        )
        .chain(content.pages.par_iter().map(|l| (&l.value.id, &l.source)))
        .map(|(id, source)| (id.clone(), fingerprint(source.text.as_bytes())))
        .collect();
    fingerprints.insert(
        SETTINGS.to_owned(),
        fingerprint(site.source.text.as_bytes()),
    );
    let site = Site {
        config: site.value,
        statuses,
        cycles,
        inspections: content.inspections.into_iter().map(|l| l.value).collect(),
        plans: plans.into_iter().map(|l| l.value).collect(),
        briefings: content.briefings.into_iter().map(|l| l.value).collect(),
        pages: content.pages.into_iter().map(|l| l.value).collect(),
        fingerprints,
        links,
    };
    (Some(site), diagnostics)
}

fn check_statuses(site: &Loaded<SiteConfig>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Status> {
    let Some(statuses) = &site.value.statuses else {
        return default_statuses();
    };
    let field = FieldPath::root().key("statuses");
    let mut seen = BTreeSet::new();
    for (i, status) in statuses.iter().enumerate() {
        let at = field.index(i).key("id");
        if !is_document_id(&status.id) {
            diagnostics.push(
                site.source
                    .error(
                        &at,
                        format!("the status id \"{}\" is not usable", status.id),
                    )
                    .hint("use lower-case letters, digits and dashes, for example \"on-track\""),
            );
        }
        if !seen.insert(status.id.as_str()) {
            diagnostics.push(site.source.error(
                &at,
                format!("the status \"{}\" is defined twice", status.id),
            ));
        }
    }
    if !seen.contains(NOT_STARTED) {
        diagnostics.push(site.source.error(&field, "the status list has no \"not-started\" status")
            .hint("actions with no update yet are shown as \"not-started\": add a status with `id: not-started`"));
    }
    statuses.clone()
}

fn check_cycles(site: &Loaded<SiteConfig>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Cycle> {
    let field = FieldPath::root().key("cycles");
    let mut seen = BTreeSet::new();
    for (i, cycle) in site.value.cycles.iter().enumerate() {
        let at = field.index(i).key("id");
        if !is_document_id(&cycle.id) {
            diagnostics.push(
                site.source
                    .error(&at, format!("the cycle id \"{}\" is not usable", cycle.id))
                    .hint("use lower-case letters, digits and dashes, for example \"2013-08\""),
            );
        }
        if !seen.insert(cycle.id.as_str()) {
            diagnostics.push(
                site.source
                    .error(&at, format!("the cycle \"{}\" is defined twice", cycle.id)),
            );
        }
    }
    let mut cycles = site.value.cycles.clone();
    cycles.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    cycles
}

/// Item ids seen so far in a file: what each is (section, finding...) and where.
type Ids = BTreeMap<String, (&'static str, FieldPath)>;

/// Fills in default ids: sections from their titles, actions from their position.
pub fn assign_ids(plan: &mut Plan) {
    for section in &mut plan.sections {
        if section.id.is_none() {
            section.id = Some(slug(&section.title));
        }
        let section_id = section.id().to_owned();
        for rec in &mut section.recommendations {
            number_actions(&rec.id, &mut rec.actions);
        }
        number_actions(&section_id, &mut section.actions);
    }
    for rec in &mut plan.recommendations {
        number_actions(&rec.id, &mut rec.actions);
    }
}

fn number_actions(parent: &str, actions: &mut [Action]) {
    for (n, action) in actions.iter_mut().enumerate() {
        if action.id.is_none() {
            action.id = Some(format!("{parent}.{}", n + 1));
        }
    }
}

/// What each document id names, and the items inside it.
struct Index {
    documents: BTreeMap<String, (&'static str, BTreeSet<String>)>,
    /// Documents whose file could not be read: anything may be referenced in them.
    unreadable: BTreeMap<String, &'static str>,
}

impl Index {
    fn new(
        inspections: &[Loaded<Inspection>],
        plans: &[Loaded<Plan>],
        briefings: &[Loaded<Briefing>],
        pages: &[Loaded<Page>],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Index {
        let mut documents: BTreeMap<String, (&'static str, BTreeSet<String>)> = BTreeMap::new();
        let mut first_file: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
        let mut add = |id: &str,
                       kind: &'static str,
                       items: BTreeSet<String>,
                       source: &SourceFile| {
            if let Some(other) = first_file.get(id) {
                diagnostics.push(
                    Diagnostic::error(&source.path, format!("the id \"{id}\" is already used by {}", other.display()))
                        .hint("ids come from file names and must be unique across plans, inspections, briefings and pages: rename one of the files"),
                );
                return;
            }
            first_file.insert(id.to_owned(), source.path.clone());
            documents.insert(id.to_owned(), (kind, items));
        };
        for inspection in inspections {
            let items = inspection
                .value
                .findings
                .iter()
                .map(|f| f.id.clone())
                .collect();
            add(
                &inspection.value.id,
                "inspection",
                items,
                &inspection.source,
            );
        }
        for plan in plans {
            let p = &plan.value;
            let items = p
                .sections
                .iter()
                .map(|s| s.id().to_owned())
                .chain(p.recommendations().map(|r| r.id.clone()))
                .chain(p.actions().map(|a| a.action.id().to_owned()))
                .collect();
            add(&p.id, "plan", items, &plan.source);
        }
        for briefing in briefings {
            add(
                &briefing.value.id,
                "briefing",
                BTreeSet::new(),
                &briefing.source,
            );
        }
        for page in pages {
            add(&page.value.id, "page", BTreeSet::new(), &page.source);
        }
        Index {
            documents,
            unreadable: BTreeMap::new(),
        }
    }

    fn ids_of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.documents
            .iter()
            .filter(move |(_, (k, _))| *k == kind)
            .map(|(id, _)| id.as_str())
    }

    /// Checks `doc` or `doc#item`; `kinds` limits what the document may be.
    fn check(&self, target: &str, kinds: &[&str]) -> Result<(), (String, Option<String>)> {
        let (doc, item) = match target.split_once('#') {
            Some((doc, item)) => (doc, Some(item)),
            None => (target, None),
        };
        if self.unreadable.get(doc).is_some_and(|k| kinds.contains(k)) {
            return Ok(()); // its own error is reported; don't repeat it at every reference
        }
        let wanted = kinds.join(" or ");
        let Some((kind, items)) = self.documents.get(doc).filter(|(k, _)| kinds.contains(k)) else {
            let candidates = kinds.iter().flat_map(|k| self.ids_of_kind(k));
            let hint = match did_you_mean(doc, candidates) {
                Some(close) => Some(format!("did you mean \"{close}\"?")),
                None => Some(format!(
                    "known: {}",
                    short_list(kinds.iter().flat_map(|k| self.ids_of_kind(k)))
                )),
            };
            return Err((format!("there is no {wanted} \"{doc}\""), hint));
        };
        let Some(item) = item else {
            return Ok(());
        };
        if items.contains(item) {
            return Ok(());
        }
        let what = match *kind {
            "inspection" => "finding",
            "plan" => "section, recommendation or action",
            _ => "item",
        };
        let hint = did_you_mean(item, items.iter().map(String::as_str))
            .map(|close| format!("did you mean \"{doc}#{close}\"?"))
            .or_else(|| {
                (!items.is_empty()).then(|| {
                    format!(
                        "{kind} \"{doc}\" has: {}",
                        short_list(items.iter().map(String::as_str))
                    )
                })
            });
        Err((format!("{kind} \"{doc}\" has no {what} \"{item}\""), hint))
    }
}

struct Checker<'a> {
    statuses: &'a [Status],
    cycles: &'a [Cycle],
    index: &'a Index,
    /// The documents the one being checked links to with `ref:`.
    linked: std::cell::RefCell<BTreeSet<String>>,
}

impl Checker<'_> {
    /// The documents linked to since the last call.
    fn take_linked(&self) -> BTreeSet<String> {
        std::mem::take(&mut self.linked.borrow_mut())
    }

    fn note_link(&self, target: &str) {
        let document = target.split('#').next().unwrap_or(target);
        self.linked.borrow_mut().insert(document.to_owned());
    }
}

impl Checker<'_> {
    fn inspection(&self, inspection: &Loaded<Inspection>, diagnostics: &mut Vec<Diagnostic>) {
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
        if let Some(summary) = &inspection.value.summary {
            self.markdown_field(
                source,
                &FieldPath::root().key("summary"),
                summary,
                diagnostics,
            );
        }
    }

    fn plan(&self, loaded: &Loaded<Plan>, diagnostics: &mut Vec<Diagnostic>) {
        let plan = &loaded.value;
        let source = &loaded.source;
        let root = FieldPath::root();
        for (i, inspection) in plan.responds_to.iter().enumerate() {
            if let Err((message, hint)) = self.index.check(inspection, &["inspection"]) {
                push(
                    diagnostics,
                    source.error(&root.key("responds_to").index(i), message),
                    hint,
                );
            }
        }
        if let Some(summary) = &plan.summary {
            self.markdown_field(source, &root.key("summary"), summary, diagnostics);
        }
        if !plan.sections.is_empty() && !plan.recommendations.is_empty() {
            diagnostics.push(
                source
                    .error(
                        &root.key("recommendations"),
                        "the plan has both `sections` and top-level `recommendations`",
                    )
                    .hint("put every recommendation inside a section, or use no sections at all"),
            );
        }

        let mut item_ids = Ids::new();
        for (s, section) in plan.sections.iter().enumerate() {
            let at = root.key("sections").index(s);
            let section_repeated = !item_id(
                source,
                &at.key("id"),
                section.id(),
                &mut item_ids,
                "section",
                diagnostics,
            );
            for (r, rec) in section.recommendations.iter().enumerate() {
                self.recommendation(
                    source,
                    &at.key("recommendations").index(r),
                    rec,
                    &mut item_ids,
                    diagnostics,
                );
            }
            for (a, action) in section.actions.iter().enumerate() {
                self.action(
                    source,
                    &at.key("actions").index(a),
                    action,
                    section_repeated,
                    &mut item_ids,
                    diagnostics,
                );
            }
        }
        for (r, rec) in plan.recommendations.iter().enumerate() {
            self.recommendation(
                source,
                &root.key("recommendations").index(r),
                rec,
                &mut item_ids,
                diagnostics,
            );
        }
    }

    fn recommendation(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        rec: &crate::model::plan::Recommendation,
        seen: &mut Ids,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let repeated = !item_id(
            source,
            &at.key("id"),
            &rec.id,
            seen,
            "recommendation",
            diagnostics,
        );
        self.findings(source, &at.key("findings"), &rec.findings, diagnostics);
        if let Some(text) = rec.response.as_ref().and_then(|r| r.text.as_ref()) {
            self.markdown_field(source, &at.key("response").key("text"), text, diagnostics);
        }
        for (a, action) in rec.actions.iter().enumerate() {
            self.action(
                source,
                &at.key("actions").index(a),
                action,
                repeated,
                seen,
                diagnostics,
            );
        }
    }

    fn action(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        action: &Action,
        parent_repeated: bool,
        seen: &mut Ids,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        // An action without an id is numbered after its parent (`a.1`): when the
        // parent's id is a duplicate, so is the number, and the parent's error says it all.
        let numbered_after_a_duplicate = parent_repeated
            && seen.contains_key(action.id())
            && source.positions().exact(&at.key("id")).is_none();
        if !numbered_after_a_duplicate {
            item_id(
                source,
                &at.key("id"),
                action.id(),
                seen,
                "action",
                diagnostics,
            );
        }
        self.findings(source, &at.key("findings"), &action.findings, diagnostics);
        if action.text.trim().is_empty() {
            diagnostics.push(
                source
                    .error(&at.key("text"), "the action has no text")
                    .hint("say what will be done, as the paper words it"),
            );
        }
        if action.owner.iter().any(|o| slug(o).is_empty()) {
            diagnostics.push(source.error(
                &at.key("owner"),
                "an owner's name is empty or has no letters or digits",
            ));
        }

        let mut previous: Option<(usize, &str)> = None;
        for (u, update) in action.updates.iter().enumerate() {
            let here = at.key("updates").index(u);
            match self.cycles.iter().position(|c| c.id == update.cycle) {
                None => {
                    let hint = self.cycle_hint(&update.cycle);
                    diagnostics.push(
                        source
                            .error(
                                &here.key("cycle"),
                                format!("unknown cycle \"{}\"", update.cycle),
                            )
                            .hint(hint),
                    );
                }
                Some(order) => {
                    if let Some((previous_order, previous_id)) = previous {
                        if order == previous_order {
                            diagnostics.push(
                                source
                                    .error(
                                        &here.key("cycle"),
                                        format!(
                                            "two updates for the same cycle \"{}\"",
                                            update.cycle
                                        ),
                                    )
                                    .hint("give one update per cycle: merge the two"),
                            );
                        } else if order < previous_order {
                            diagnostics.push(source.error(&here.key("cycle"), format!("the update for \"{}\" comes after the later cycle \"{previous_id}\"", update.cycle))
                                .hint("list updates oldest first"));
                        }
                    }
                    previous = Some((order, &update.cycle));
                }
            }
            if let Some(status) = &update.status {
                if !self.statuses.iter().any(|s| &s.id == status) {
                    let ids: Vec<&str> = self.statuses.iter().map(|s| s.id.as_str()).collect();
                    let mut hint = format!("expected one of: {}", ids.join(", "));
                    if let Some(close) = did_you_mean(status, ids.iter().copied()) {
                        write!(hint, "; did you mean \"{close}\"?").ok();
                    }
                    diagnostics.push(
                        source
                            .error(&here.key("status"), format!("unknown status \"{status}\""))
                            .hint(hint),
                    );
                }
            }
            for (name, text) in [("progress", &update.progress), ("impact", &update.impact)] {
                if let Some(text) = text {
                    self.markdown_field(source, &here.key(name), text, diagnostics);
                }
            }
        }

        if action.due.is_none() {
            for (name, text) in [("timescale", &action.timescale), ("target", &action.target)] {
                let Some(text) = text else { continue };
                if let DueDate::Date(date) = suggest(text) {
                    diagnostics.push(
                        source.warning(&at.key(name), format!("the {name} \"{}\" reads like a date, but the action has no due date", crate::text::one_line(text)))
                            .hint(format!("add `due: {date}` to this action so it can show as overdue (`ragtime dates --write` adds every date it can read)")),
                    );
                    break;
                }
            }
        }
    }

    fn findings(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        findings: &[String],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for (i, target) in findings.iter().enumerate() {
            let here = at.index(i);
            if !target.contains('#') {
                diagnostics.push(source.error(&here, format!("the finding reference \"{target}\" does not say which finding"))
                    .hint("write it as inspection-id#finding-id, for example \"middlesbrough-ofsted-2016#xiv\""));
                continue;
            }
            if let Err((message, hint)) = self.index.check(target, &["inspection"]) {
                push(
                    diagnostics,
                    source.error(
                        &here,
                        format!("broken finding reference \"{target}\": {message}"),
                    ),
                    hint,
                );
            }
        }
    }

    fn markdown_field(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        text: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        // The text's lines, found at the first broken link.
        let mut lines = None;
        for link in ref_links(text) {
            self.note_link(&link.target);
            if let Err((message, hint)) = self
                .index
                .check(&link.target, &["plan", "inspection", "briefing", "page"])
            {
                let lines = lines.get_or_insert_with(|| TextLines::new(text));
                let mut diagnostic = source.error(
                    at,
                    format!("broken link \"ref:{}\": {message}", link.target),
                );
                if let Some(position) = link_position(source, at, lines, link.offset) {
                    diagnostic = diagnostic.at(Some(position));
                }
                push(diagnostics, diagnostic, hint);
            }
        }
    }

    fn markdown_body(
        &self,
        source: &SourceFile,
        body: &str,
        body_line: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut lines = None;
        for link in ref_links(body) {
            self.note_link(&link.target);
            if let Err((message, hint)) = self
                .index
                .check(&link.target, &["plan", "inspection", "briefing", "page"])
            {
                let lines = lines.get_or_insert_with(|| TextLines::new(body));
                let (line, column) = lines.position(link.offset);
                let diagnostic = Diagnostic::error(
                    &source.path,
                    format!("broken link \"ref:{}\": {message}", link.target),
                )
                .at(Some((body_line + line - 1, column)));
                push(diagnostics, diagnostic, hint);
            }
        }
    }

    fn briefing(&self, briefing: &Loaded<Briefing>, diagnostics: &mut Vec<Diagnostic>) {
        let source = &briefing.source;
        let meta = &briefing.value.meta;
        for (i, plan) in meta.plans.iter().enumerate() {
            if let Err((message, hint)) = self.index.check(plan, &["plan"]) {
                push(
                    diagnostics,
                    source.error(&FieldPath::root().key("plans").index(i), message),
                    hint,
                );
            }
        }
        if let Some(cycle) = &meta.cycle {
            if !self.cycles.iter().any(|c| &c.id == cycle) {
                let hint = self.cycle_hint(cycle);
                diagnostics.push(
                    source
                        .error(
                            &FieldPath::root().key("cycle"),
                            format!("unknown cycle \"{cycle}\""),
                        )
                        .hint(hint),
                );
            }
        }
        self.markdown_body(
            source,
            &briefing.value.body,
            briefing.value.body_line,
            diagnostics,
        );
    }

    fn cycle_hint(&self, cycle: &str) -> String {
        match did_you_mean(cycle, self.cycles.iter().map(|c| c.id.as_str())) {
            Some(close) => format!("did you mean \"{close}\"?"),
            None => format!(
                "cycles are listed in content/site.yaml: {}",
                self.cycle_list()
            ),
        }
    }

    fn cycle_list(&self) -> String {
        let ids: Vec<&str> = self.cycles.iter().map(|c| c.id.as_str()).collect();
        if ids.is_empty() {
            "(none yet)".to_owned()
        } else {
            ids.join(", ")
        }
    }
}

/// A list for a hint: the first dozen, then how many more.
fn short_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    let shown = items
        .iter()
        .take(12)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    match items.len() {
        n if n > 12 => format!("{shown} and {} more", n - 12),
        0 => "(none)".to_owned(),
        _ => shown,
    }
}

fn push(diagnostics: &mut Vec<Diagnostic>, diagnostic: Diagnostic, hint: Option<String>) {
    diagnostics.push(match hint {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    });
}

/// Checks an item id's form and that it is unique within its file.
/// Returns false when an earlier item of the file has the same id.
fn item_id(
    source: &SourceFile,
    at: &FieldPath,
    id: &str,
    seen: &mut Ids,
    what: &'static str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if !is_item_id(id) {
        diagnostics.push(source.error(at, format!("the {what} id \"{id}\" is not usable"))
            .hint("ids are used in links: use letters, digits, '.' and '-' only, for example \"R7\", \"1.b\" or \"xiv\""));
        return true;
    }
    let Some((other, earlier)) = seen.get(id) else {
        seen.insert(id.to_owned(), (what, at.clone()));
        return true;
    };
    let line = source.position(earlier).map(|(line, _)| line);
    let on_line = line.map(|l| format!(", on line {l}")).unwrap_or_default();
    // Read only now, as they are needed: whether the ids are written in the file.
    let written = source.positions().exact(at).is_some();
    let earlier_written = source.positions().exact(earlier).is_some();
    let given = |what: &str| match what {
        "section" => "made from its title",
        _ => "made from its place in the plan",
    };
    let message = if written {
        format!("duplicate id \"{id}\": an earlier {other} in this file has it{on_line}")
    } else {
        format!(
            "this {what} has no id, and the one it is given ({}), \"{id}\", is already used by an earlier {other} in this file{on_line}",
            given(what)
        )
    };
    let hint = match (written, earlier_written) {
        (true, true) => {
            "ids must be unique within a file; number the second one differently".to_owned()
        }
        (true, false) => format!(
            "the {other}{} has no id of its own and is given \"{id}\" ({}): give this {what} a different id, or give that {other} an id",
            line.map(|l| format!(" on line {l}")).unwrap_or_default(),
            given(other)
        ),
        (false, _) => format!("give this {what} an id of its own: add `id: ...` to it"),
    };
    diagnostics.push(source.error(at, message).hint(hint));
    false
}

/// A text's lines, to turn offsets into lines and columns without reading the
/// whole text again for each one.
struct TextLines<'t> {
    text: &'t str,
    /// Where each line starts.
    starts: Vec<usize>,
}

impl<'t> TextLines<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        TextLines { text, starts }
    }

    /// 1-based (line, column in characters) of a byte offset.
    fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// Line `line` (1-based), without its line break.
    fn line(&self, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text.get(start..end)
    }

    fn count(&self) -> usize {
        self.starts.len()
    }
}

/// Where a `ref:` link inside a Markdown field is in the file, when the text can
/// be matched to the file's lines: a `|` block (whose lines are the file's lines,
/// indented) or a value on one line. Otherwise the field's own position serves.
fn link_position(
    source: &SourceFile,
    at: &FieldPath,
    text: &TextLines,
    offset: usize,
) -> Option<Position> {
    let (line, column) = source.positions().exact(at)?;
    let (text_line, text_column) = text.position(offset);
    let wanted = text.line(text_line)?;
    let here = source.yaml_line(line)?;
    let first = here.chars().nth(column.checked_sub(1)?)?;
    let (file_line, start) = if first == '|' {
        // The block's lines are the file's lines below the `|`, indented.
        let file_line = line + text_line;
        let there = source.yaml_line(file_line)?;
        if !there.ends_with(wanted) {
            return None;
        }
        (
            file_line,
            there.chars().count() - wanted.chars().count() + 1,
        )
    } else if text.count() == 1 {
        // A value on one line: after the quote mark, if there is one.
        let start = if matches!(first, '"' | '\'') {
            column + 1
        } else {
            column
        };
        let rest: String = here.chars().skip(start - 1).collect();
        if !rest.starts_with(wanted) {
            return None;
        }
        (line, start)
    } else {
        return None;
    };
    Some(source.in_file((file_line, start + text_column - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::line_column;

    #[test]
    fn text_lines_agree_with_line_column() {
        let text = "Café – “see” [x](ref:a)\n\nline [y](ref:b)\r\nlast";
        let lines = TextLines::new(text);
        for offset in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(
                lines.position(offset),
                line_column(text, offset),
                "{offset}"
            );
        }
        assert_eq!(lines.count(), 4);
        assert_eq!(lines.line(1), Some("Café – “see” [x](ref:a)"));
        assert_eq!(lines.line(2), Some(""));
        assert_eq!(lines.line(4), Some("last"));
        assert_eq!(lines.line(5), None);
    }

    fn source(yaml: &str) -> SourceFile {
        SourceFile::new("content/plans/p.yaml", yaml, 0)
    }

    #[test]
    fn finds_links_in_blocks_and_one_line_values() {
        let yaml = "a: |\n  First line\n    See [x](ref:y) here\nb: \"See [x](ref:y)\"\nc: >\n  See [x](ref:y)\n";
        let file = source(yaml);
        let at = |text: &str, field: &str| {
            let offset = text.find("[x]").unwrap();
            link_position(
                &file,
                &FieldPath::root().key(field),
                &TextLines::new(text),
                offset,
            )
        };
        assert_eq!(at("First line\n  See [x](ref:y) here\n", "a"), Some((3, 9)));
        assert_eq!(at("See [x](ref:y)", "b"), Some((4, 9)));
        // Folded text is not matched to the file's lines: the field's position serves.
        assert_eq!(at("See [x](ref:y)\n", "c"), None);
    }
}

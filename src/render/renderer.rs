//! The renderer: what every page shares (the site's header and navigation,
//! the theme, the statuses), the memo tables that let pages share the parts
//! they repeat, and the small values many pages show (dates, statuses, RAG
//! summaries, findings, owners, Markdown).

use crate::derive::{ActionState, Facts, PlanFacts, Summary};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::model::brand::{Brand, BrandLink, Rgb};
use crate::model::cycle::Cycle;
use crate::model::date::{Date, MeetingDate};
use crate::model::inspection::{Finding, Framework, Grade, Inspection};
use crate::model::plan::Completion;
use crate::model::plan::{ActionRef, Plan};
use crate::model::references::Ref;
use crate::model::settings::contact_link;
use crate::model::status::{Status, NOT_RATED, NO_UPDATE};
use crate::render::jobs::Job;
use crate::render::links::{
    action_anchor, finding_anchor, recommendation_anchor, section_anchor, Links,
};
use crate::render::markup::compact;
use crate::render::theme::{logo_asset, Theme};
use crate::render::view::{address, list, Memo, Value};
use crate::view;
use tera::value::Key;

/// Renders pages; holds what every page shares, and the parts of pages that
/// several pages of a scope show (see [`Renderer::scoped`]).
pub(crate) struct Renderer<'a, 's> {
    pub(super) facts: &'a Facts<'s>,
    pub(super) links: Links,
    pub(super) theme: &'a Theme,
    common: tera::Context,
    /// Statuses as the templates see them, by the status's address (plans'
    /// own keys may reuse another key's ids).
    statuses: Memo<usize>,
    /// `inspection#finding` → the finding as a link with its text.
    findings: Memo<String>,
    /// An action's owners, by the address of its owner list.
    owners: Memo<usize>,
    /// Rendered Markdown, by the address of its text and its top heading level;
    /// shared by every scope, as owners' pages, the dashboard and cycle pages
    /// show the progress the plans' pages show.
    markdown: std::sync::Arc<Memo<(usize, u8)>>,
    /// An action as of a cycle (without history), by the action and its state.
    pub(super) actions: Memo<ActionKey>,
    dates: Memo<Date>,
}

/// What makes an action look the same on two pages. Addresses stand for the
/// content they point to (0 for none): the page's view of an action is built
/// from these and nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ActionKey {
    /// The action itself.
    pub action: usize,
    /// Its latest update as of the page's cycle.
    pub update: usize,
    pub overdue: bool,
    /// Updated at the page's own cycle.
    pub updated_now: bool,
    /// Carried over from an earlier plan.
    pub carried: bool,
    /// Why it was not reported.
    pub not_reported: usize,
    /// The update that confirmed it done.
    pub confirmed: usize,
}

/// What a printed page carries at its top: the site, the page and, on a
/// plan's page, the meeting it is as of; as a CSS string, for `@page`.
fn print_header(context: &tera::Context) -> String {
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
    let site = context
        .get("site")
        .and_then(Value::as_map)
        .and_then(|m| text(m.get(&Key::Str("title"))));
    let page = text(context.get("page_title"));
    let as_of = context.get("as_of").and_then(Value::as_map).map(|m| {
        let date = m
            .get(&Key::Str("date"))
            .and_then(Value::as_map)
            .and_then(|d| text(d.get(&Key::Str("text"))));
        let meeting = text(m.get(&Key::Str("meeting"))).unwrap_or_default();
        let as_at = m
            .get(&Key::Str("as_at"))
            .and_then(Value::as_map)
            .and_then(|d| text(d.get(&Key::Str("text"))))
            .map_or_else(String::new, |as_at| format!("{as_at}, reported to "));
        match date {
            Some(date) => format!("as of {as_at}{meeting}, {date}"),
            None => format!("as of {as_at}{meeting}"),
        }
    });
    // A page whose title names the meeting says it once.
    let as_of = as_of.filter(|a| {
        page.as_deref()
            .is_none_or(|p| !p.contains(a.trim_start_matches("as of ")))
    });
    let words: Vec<String> = [site, page, as_of].into_iter().flatten().collect();
    css_string(&words.join(" · "))
}

/// Text as a quoted CSS string that is also safe inside `<style>` and inside
/// a `style` attribute. A quote or a backslash is escaped with a backslash;
/// `<`, `>`, `&` and every control character (a form feed or a line break
/// ends a CSS string, and what follows it would be read as rules) are
/// written as hex escapes, `\HH `.
pub(super) fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
            out.push(c);
        } else if matches!(c, '<' | '>' | '&') || c.is_control() {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// `brand:` of `site.yaml` as the templates see it (every field empty without one).
fn brand(brand: Option<&Brand>, links: &Links) -> Value {
    let empty = Brand::default();
    let brand = brand.unwrap_or(&empty);
    let link_list = |links: &[BrandLink]| {
        list(
            links
                .iter()
                .map(|l| view! { "label" => l.label.as_str(), "url" => l.url.as_str() }),
        )
    };
    view! {
        // Checked by `resolve`: a colour that passes, written as `#rrggbb`.
        "colour" => brand.colour.as_deref().and_then(Rgb::parse).map(Rgb::hex),
        "logo" => brand.logo.as_deref().map(|logo| view! {
            "url" => links.asset(&logo_asset(logo)),
            "alt" => brand.logo_alt.as_deref().unwrap_or_default(),
        }),
        "home" => brand.home.as_deref(),
        "header_links" => link_list(&brand.header_links),
        "footer_links" => link_list(&brand.footer_links),
        // Checked by `resolve`; one the rule refuses is never linked.
        "contact" => brand.contact.as_deref().and_then(|c| contact_link(c).map(|url| {
            view! { "text" => c.trim_start_matches("mailto:"), "url" => url }
        })),
        "notice" => brand.notice.as_deref().map(str::trim),
    }
}

/// A meeting's date: `iso` is a month (`2014-07`) when the minutes give no day.
pub(super) fn meeting_date(date: MeetingDate) -> Value {
    view! { "iso" => date.to_string(), "text" => date.long() }
}

/// What a page's progress is as of: the meeting and its date, and the date
/// the paper reports progress as at where it gives one before the meeting.
pub(super) fn as_of(cycle: &Cycle) -> Value {
    view! {
        "meeting" => cycle.meeting_name(),
        "date" => meeting_date(cycle.date),
        "as_at" => cycle.as_of.map(meeting_date),
    }
}

pub(super) fn date(date: Date) -> Value {
    view! { "iso" => date.to_string(), "text" => date.long() }
}

pub(super) fn optional_date(value: Option<Date>) -> Value {
    value.map_or_else(Value::none, date)
}

/// A date that may be only a month: `iso` is then `2020-03`, as HTML allows.
/// One the paper marks as estimated reads "about March 2020".
pub(super) fn printed_date(value: Option<MeetingDate>, estimated: bool) -> Value {
    value.map_or_else(Value::none, |date| {
        view! { "iso" => date.to_string(), "text" => about(date.long(), estimated) }
    })
}

/// A date's words, with "about" before them when the paper marks it as estimated.
pub(super) fn about(text: String, estimated: bool) -> String {
    if estimated {
        format!("about {text}")
    } else {
        text
    }
}

pub(super) fn status(status: &Status) -> Value {
    view! {
        "id" => status.id.as_str(),
        "label" => status.label.as_str(),
        "colour" => Value::from_serializable(&status.colour),
        "description" => status.description.as_str(),
        "done" => status.done,
    }
}

/// A grade in its framework's words.
pub(super) fn grade(framework: Framework, grade: Grade) -> Value {
    view! { "id" => grade.id(), "label" => framework.label(grade) }
}

/// An inspection's overall verdict in its framework's words, with the score
/// beside it where the framework publishes one; where there is none, why
/// (`reason`, where the framework gives none) and a phrase saying so (`none`).
pub(super) fn overall(inspection: &Inspection) -> Value {
    let framework = inspection.framework();
    let name = framework.overall_name().to_lowercase();
    let reason = framework.no_overall();
    view! {
        "name" => framework.overall_name(),
        "grade" => inspection.overall.map(|g| grade(framework, g)),
        "score" => inspection.score.map(|s| format!("{s}%")),
        "reason" => reason,
        "none" => match reason {
            Some(reason) => format!("no {name} ({reason})"),
            None => format!("{name} not given in the papers"),
        },
    }
}

/// How pages name a finding: "Ofsted recommendation xiv", "Ofsted area for
/// improvement 3", "Ofsted and CQC priority action 1": by its kind's words
/// (else what the report calls its findings) and the number the report
/// prints when it has one.
pub(super) fn finding_label(inspection: &Inspection, finding: &Finding) -> String {
    format!(
        "{} {} {}",
        inspection.inspectorate,
        inspection.finding_word(finding),
        finding.number.as_deref().unwrap_or(&finding.id)
    )
}

/// Text without the trailing whitespace block scalars leave.
/// What a summary's "done" counts, in a sentence and in a few words.
pub(super) fn counting(counting: Option<Completion>) -> (&'static str, &'static str) {
    match counting {
        Some(Completion::Reported) => (
            "Done counts actions reported complete by officers.",
            "as reported",
        ),
        Some(Completion::Confirmed) => (
            "Done counts only actions whose completion the committee has confirmed.",
            "confirmed by the committee",
        ),
        None => (
            "Done counts completion as each plan counts it: as reported by officers, or only once the committee has confirmed it.",
            "as each plan counts it",
        ),
    }
}

pub(super) fn text(value: Option<&String>) -> Value {
    value.map_or_else(Value::none, |t| Value::from(t.trim()))
}

impl<'a, 's> Renderer<'a, 's> {
    pub(crate) fn new(facts: &'a Facts<'s>, theme: &'a Theme) -> Renderer<'a, 's> {
        let site = facts.site;
        let links = Links::new(&site.config.base_url);
        let mut common = tera::Context::new();
        common.insert_value(
            "site",
            view! {
                "title" => site.config.title.as_str(),
                "organisation" => site.config.organisation.as_str(),
                "description" => site.config.description.as_deref(),
            },
        );
        common.insert_value(
            "nav",
            view! {
                "home" => links.home(),
                "plans" => links.to(&Job::Plans),
                "inspections" => links.to(&Job::Inspections),
                "briefings" => links.to(&Job::Briefings),
                "owners" => links.to(&Job::Owners),
                "cycles" => links.to(&Job::Cycles),
                "indicators" => (!site.indicators.is_empty()).then(|| links.to(&Job::Indicators)),
                "search" => links.to(&Job::Search),
                "feed" => links.to(&Job::Feed),
                "pages" => list(site.pages.iter().map(|p| view! { "title" => p.meta.title.as_str(), "url" => links.page(&p.id) })),
            },
        );
        common.insert_value(
            "assets",
            view! {
                "css" => links.asset("style.css"),
                "filter" => links.asset("filter.js"),
                "search" => links.asset("search.js"),
                "favicon" => links.asset("favicon.svg"),
                "stylesheets" => list(theme.stylesheets.iter().map(|name| Value::from(links.asset(name)))),
            },
        );
        common.insert_value("brand", brand(site.config.brand.as_ref(), &links));
        Renderer {
            facts,
            links,
            theme,
            common,
            statuses: Memo::default(),
            findings: Memo::default(),
            owners: Memo::default(),
            markdown: std::sync::Arc::default(),
            actions: Memo::default(),
            dates: Memo::default(),
        }
    }

    /// A renderer for a group of pages that repeat each other (a plan's page and
    /// its page at each cycle): what one builds, the next reuses, and it is
    /// freed when the group is done, so memory does not grow with the site
    /// (except rendered Markdown, which all scopes share).
    #[must_use]
    pub(crate) fn scoped(&self) -> Renderer<'a, 's> {
        Renderer {
            facts: self.facts,
            links: self.links.clone(),
            theme: self.theme,
            common: self.common.clone(),
            statuses: Memo::default(),
            findings: Memo::default(),
            owners: Memo::default(),
            markdown: self.markdown.clone(),
            actions: Memo::default(),
            dates: Memo::default(),
        }
    }

    /// A date as the templates see it; councils' dates repeat, so each is built once.
    pub(super) fn date(&self, value: Option<Date>) -> Value {
        value.map_or_else(Value::none, |d| self.dates.get_or(d, || date(d)))
    }

    /// A due date, said to be "about" that day when the paper marks it as estimated.
    pub(super) fn due_date(&self, value: Option<Date>, estimated: bool) -> Value {
        match value {
            Some(d) if estimated => {
                view! { "iso" => d.to_string(), "text" => about(d.long(), true) }
            }
            _ => self.date(value),
        }
    }

    /// A status as the templates see it.
    pub(super) fn status(&self, status: Option<&Status>) -> Value {
        status.map_or_else(Value::none, |s| {
            self.statuses.get_or(address(s), || self::status(s))
        })
    }

    /// The keys in force for some plans, each once, with the plans that use
    /// it (named when the keys differ): what the status key on a page shows.
    /// Each plan comes with whether the page shows one of its actions "Not
    /// rated": the key explains those words only where they appear.
    pub(super) fn keys<'p>(
        &self,
        plans: impl IntoIterator<Item = (&'p PlanFacts<'s>, bool)>,
    ) -> Value
    where
        's: 'p,
    {
        let mut keys: Vec<(&[Status], Vec<&str>, bool)> = Vec::new();
        for (plan, unrated) in plans {
            match keys
                .iter_mut()
                .find(|(k, _, _)| std::ptr::eq(*k, plan.statuses) || *k == plan.statuses)
            {
                Some((_, titles, any)) => {
                    titles.push(&plan.plan.title);
                    *any |= unrated;
                }
                None => keys.push((plan.statuses, vec![&plan.plan.title], unrated)),
            }
        }
        let named = keys.len() > 1;
        list(keys.into_iter().filter(|(k, _, _)| !k.is_empty()).map(
            |(statuses, titles, unrated)| {
                view! {
                    "plans" => named.then(|| titles.join("; ")),
                    "statuses" => list(statuses.iter().map(|s| self.status(Some(s)))),
                    "not_rated" => unrated,
                }
            },
        ))
    }

    /// Whether some of `actions` (with their steps, when `steps`) reads "Not
    /// rated" at `cycle`: progress reported, never with a status.
    pub(super) fn shows_unrated(
        &self,
        actions: &[ActionRef<'s>],
        cycle: Option<&Cycle>,
        steps: bool,
    ) -> bool {
        let unrated = |state: ActionState<'_>| state.status.is_none() && state.is_reported();
        actions.iter().any(|action| {
            unrated(self.facts.state(action, cycle))
                || (steps
                    && action
                        .action
                        .steps
                        .iter()
                        .any(|step| unrated(self.facts.step_state(action, step, cycle))))
        })
    }

    /// The keys for pages that show plans at their latest report (cards,
    /// headlines): "Not rated" explained for the plans that have such actions.
    pub(super) fn latest_keys(&self, plans: &[PlanFacts<'s>]) -> Value {
        self.keys(
            plans
                .iter()
                .map(|p| (p, self.shows_unrated(&p.actions, p.latest_cycle(), false))),
        )
    }

    /// Renders a template with the shared context plus `page`, as the page of `job`.
    pub(super) fn page(
        &self,
        template: &str,
        job: &Job,
        page: Value,
    ) -> Result<String, Diagnostic> {
        let mut context = self.common.clone();
        for (key, value) in page.into_map().unwrap_or_default() {
            match key {
                Key::Str(key) => context.insert_value(key, value),
                other => {
                    if let Some(key) = other.as_str() {
                        context.insert_value(key.to_owned(), value);
                    }
                }
            }
        }
        if !context.contains_key("canonical") {
            context.insert("canonical", &self.links.absolute(&self.links.to(job)));
        }
        if context.get("description").is_none_or(Value::is_none) {
            let description = self
                .plan_description(job)
                .or_else(|| {
                    context
                        .get("page_title")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .unwrap_or_else(|| self.facts.site.config.title.clone());
            context.insert("description", &description);
        }
        for key in ["breadcrumbs", "section", "cycle_note", "as_of"] {
            if !context.contains_key(key) {
                context.insert_value(key, Value::none());
            }
        }
        context.insert("print_header", &print_header(&context));
        let _watched = crate::render::watchdog::watch(&self.theme.shown(template), &job.path());
        self.theme
            .tera
            .render(template, &context)
            .map(compact::squeeze)
            .map_err(|e| {
                self.theme
                    .render_diagnostic(&e.to_string(), template, &job.path())
            })
    }

    /// What a plan's pages say of it in search results (`<meta
    /// name="description">`): its title and its standing in its own words, as
    /// of the page's meeting.
    fn plan_description(&self, job: &Job) -> Option<String> {
        let (plan, cycle) = match job {
            Job::Plan(id) => {
                let plan = self.facts.plan(id)?;
                (plan, plan.latest_cycle())
            }
            Job::PlanAt(id, cycle) => (self.facts.plan(id)?, Some(self.facts.cycle(cycle)?)),
            _ => return None,
        };
        let summary = self.facts.summary(plan, &plan.actions, cycle);
        let actions = |n: usize| format!("{n} {}", if n == 1 { "action" } else { "actions" });
        let mut parts: Vec<String> = summary
            .counts
            .iter()
            .filter(|c| c.n > 0)
            .map(|c| format!("{} {}", c.label, c.n))
            .collect();
        if summary.not_rated > 0 {
            parts.push(format!("{NOT_RATED} {}", summary.not_rated));
        }
        if summary.no_update > 0 {
            parts.push(format!("{NO_UPDATE} {}", summary.no_update));
        }
        let title = plan.plan.title.trim();
        if summary.counts.is_empty() {
            // The paper has no status column: its actions are counted, never rated.
            parts = vec![format!(
                "{}; the paper gives no statuses",
                actions(summary.total)
            )];
        }
        let mut standing = match cycle {
            _ if summary.total == 0 => format!("{title}. No actions listed"),
            Some(cycle) if summary.counts.is_empty() => {
                format!(
                    "{title}. As of {}: {}",
                    cycle.as_of_label(),
                    parts.join(", ")
                )
            }
            Some(cycle) => format!(
                "{title}. As of {}: {} of {}",
                cycle.as_of_label(),
                parts.join(", "),
                actions(summary.total)
            ),
            None => format!(
                "{title}. No progress reported yet: {}",
                actions(summary.total)
            ),
        };
        if summary.overdue > 0 {
            standing.push_str(&format!("; {} overdue", summary.overdue));
        }
        standing.push('.');
        // Counted, so said to be partial, as everywhere it is counted.
        if plan.plan.partial.is_some() {
            standing.push_str(" This plan is partial: it holds only part of its paper.");
        }
        Some(standing)
    }

    /// The address a `ref:` target points to.
    pub(super) fn resolve_ref(&self, target: &str) -> Option<String> {
        let site = self.facts.site;
        let Ref {
            document: doc,
            item,
        } = Ref::parse(target);
        if let Some(plan) = self.facts.plan(doc) {
            let base = self.links.plan(doc);
            return Some(match item {
                None => base,
                Some(item) => format!("{base}#{}", Renderer::plan_anchor(plan.plan, item)),
            });
        }
        if self.facts.inspection(doc).is_some() {
            let base = self.links.inspection(doc);
            return Some(match item {
                None => base,
                Some(item) => format!("{base}#{}", finding_anchor(item)),
            });
        }
        if self.facts.briefing(doc).is_some() {
            return Some(self.links.briefing(doc));
        }
        site.pages
            .iter()
            .any(|p| p.id == doc)
            .then(|| self.links.page(doc))
    }

    fn plan_anchor(plan: &Plan, item: &str) -> String {
        if plan.sections.iter().any(|s| s.id() == item) {
            section_anchor(item)
        } else if plan.recommendations().any(|r| r.id == item) {
            recommendation_anchor(item)
        } else {
            action_anchor(item)
        }
    }

    /// Markdown as HTML, its top heading at level `top`, tables captioned with `label`.
    pub(super) fn markdown(&self, text: &str, top: u8, label: &str) -> String {
        markdown::to_html(text, top, label, &|target| self.resolve_ref(target))
    }

    /// A Markdown field of the content, rendered once per build however many
    /// pages show it (its table caption `label` is the same wherever it appears).
    pub(super) fn markdown_field(
        &self,
        text: Option<&String>,
        top: u8,
        label: impl FnOnce() -> String,
    ) -> Value {
        text.map_or_else(Value::none, |t| {
            self.markdown.get_or((address(t), top), || {
                Value::from(self.markdown(t, top, &label()))
            })
        })
    }

    /// A RAG summary with its bar segments laid out (in percent of the bar's width).
    pub(super) fn summary(summary: &Summary, key: &str, as_of: Option<&Cycle>) -> Value {
        let columns = (summary.not_rated > 0, summary.no_update > 0);
        Renderer::summary_in(summary, key, as_of, columns)
    }

    /// A RAG summary whose segments are the key's statuses, then "Not rated"
    /// and "No update yet" where `columns` asks for them (a table of several
    /// summaries shows the same columns in each row, and only those some row
    /// has).
    pub(super) fn summary_in(
        summary: &Summary,
        key: &str,
        as_of: Option<&Cycle>,
        columns: (bool, bool),
    ) -> Value {
        let mut x = 0.0_f64;
        let mut segments = Vec::new();
        let mut nonzero = Vec::new();
        let mut push = |id: &str, label: &str, colour: Value, count: usize| {
            #[allow(clippy::cast_precision_loss)]
            let width = if summary.total == 0 {
                0.0
            } else {
                count as f64 * 100.0 / summary.total as f64
            };
            let segment = view! {
                "id" => id,
                "label" => label,
                "colour" => colour,
                "count" => count,
                "percent" => Summary::percent(count, summary.total),
                "x" => format!("{x:.2}"),
                "width" => format!("{width:.2}"),
            };
            if count > 0 {
                nonzero.push(segment.clone());
            }
            segments.push(segment);
            x += width;
        };
        for count in &summary.counts {
            push(
                count.id,
                count.label,
                Value::from(count.colour.id()),
                count.n,
            );
        }
        let rated = !summary.counts.is_empty();
        if rated && columns.0 {
            push(
                "not-rated",
                NOT_RATED,
                Value::from("none"),
                summary.not_rated,
            );
        }
        if columns.1 {
            push(
                "no-update",
                NO_UPDATE,
                Value::from("none"),
                summary.no_update,
            );
        }
        view! {
            "key" => key,
            "total" => summary.total,
            "done" => summary.done,
            "percent_done" => summary.percent_done(),
            // A share done only where the key says what done is and something was rated.
            "says_done" => summary.says_done(),
            "overdue" => summary.overdue,
            "not_rated" => summary.not_rated,
            "rated" => rated,
            "by_colour" => summary.by_colour,
            "counting" => counting(summary.counting).0,
            "counting_short" => counting(summary.counting).1,
            "reported_done" => summary.reported_done,
            "confirmed_done" => summary.confirmed_done,
            // Where done may mean confirmed, the note says how many were only reported.
            "compares_confirmed" => summary.counting == Some(Completion::Confirmed)
                || (summary.reported_done != summary.confirmed_done && summary.confirmed_done > 0),
            "nonzero" => nonzero,
            "segments" => segments,
            // What overdue is counted before: a month stands for its last day.
            "as_of" => as_of.map(|c| match c.as_at() {
                at if at.is_month_only() => format!("the end of {}", at.long()),
                at => at.long(),
            }),
        }
    }

    /// A link to a finding, with its text on hand.
    pub(super) fn finding(&self, key: &str) -> Value {
        self.findings.get_or(key.to_owned(), || {
            let reference = Ref::parse(key);
            let (inspection_id, finding_id) = (reference.document, reference.item.unwrap_or_default());
            let inspection = self.facts.inspection(inspection_id);
            let finding = inspection.and_then(|i| i.findings.iter().find(|f| f.id == finding_id));
            view! {
                "label" => match (inspection, finding) {
                    (Some(i), Some(f)) => finding_label(i, f),
                    _ => format!("Inspection recommendation {finding_id}"),
                },
                "url" => format!("{}#{}", self.links.inspection(inspection_id), finding_anchor(finding_id)),
                "text" => finding.map(|f| f.text.trim()),
                "inspection" => inspection.map(|i| i.title.as_str()),
            }
        })
    }

    pub(super) fn findings(&self, keys: &[String]) -> Value {
        list(keys.iter().map(|f| self.finding(f)))
    }

    /// An action's (or step's) owners, each with their page, their role and,
    /// when they work for another organisation than the plan's, that
    /// organisation as a partner agency.
    pub(super) fn owners(&self, names: &Vec<String>, plan: &Plan) -> Value {
        self.owners.get_or(address(names), || {
            list(names.iter().map(|name| {
                let entry = self.facts.owner(name);
                view! {
                    "name" => entry.map_or(name.as_str(), |e| e.name.as_str()),
                    "url" => self.links.owner(&self.facts.owner_key(name)),
                    "role" => entry.and_then(|e| e.role.as_deref()),
                    "partner" => entry.filter(|e| e.is_partner_of(&plan.organisation)).and_then(|e| e.organisation.as_deref()),
                }
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::css_string;

    /// What a CSS string holds once a browser reads its escapes back.
    fn unescaped(css: &str) -> String {
        let inner = &css[1..css.len() - 1];
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            assert!(
                !matches!(c, '"' | '\n' | '\r' | '\u{c}' | '<'),
                "{c:?} written as it is in {css:?}"
            );
            if c != '\\' {
                out.push(c);
                continue;
            }
            if let Some(quoted) = chars.next_if(|c| matches!(c, '"' | '\\')) {
                out.push(quoted);
                continue;
            }
            let mut hex = String::new();
            while let Some(d) = chars.next_if(char::is_ascii_hexdigit) {
                hex.push(d);
            }
            assert_eq!(
                chars.next(),
                Some(' '),
                "an escape ends with a space in {css:?}"
            );
            out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
        }
        out
    }

    #[test]
    fn css_strings_cannot_be_left() {
        for text in [
            "Progress\u{c}} body { display: none } p {",
            "a\nb\r\nc",
            "say \"hi\" \\ back",
            "</style><script>alert(1)</script>",
            "\u{1b}\u{7}\u{0}\u{7f}\u{85}\u{9b}",
            "Children's services · Telford & Wrekin",
        ] {
            let css = css_string(text);
            assert!(css.starts_with('"') && css.ends_with('"'), "{css}");
            assert!(!css.to_lowercase().contains("</style"), "{css}");
            assert!(!css.chars().any(char::is_control), "{css:?}");
            assert_eq!(unescaped(&css), text);
        }
        assert_eq!(css_string("a\u{c}b"), "\"a\\c b\"");
        assert_eq!(css_string("\"\\</"), "\"\\\"\\\\\\3c /\"");
    }
}

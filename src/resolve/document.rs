//! Checks of briefings and plain pages: the plans and cycle a briefing names,
//! page names the site keeps for itself, the links in their text, and an
//! accessibility statement still holding the details `init` left to fill in.

use crate::diagnostic::Diagnostic;
use crate::load::spans::{FieldPath, TextLines};
use crate::load::Loaded;
use crate::model::document::{placeholders, Briefing, Page, FILL_IN};
use crate::model::references::{DocKind, Ref};
use crate::resolve::checker::{push, Checker};
use crate::resolve::index::Broken;

/// Top-level addresses the site itself uses, which a page may not take: a
/// page there would replace the site's own (or be replaced by it) unseen.
const RESERVED: [&str; 12] = [
    "plans",
    "organisations",
    "inspections",
    "briefings",
    "owners",
    "cycles",
    "indicators",
    "search",
    "assets",
    "404",
    "feed",
    "sitemap",
];

impl Checker<'_> {
    pub(super) fn briefing(&self, briefing: &Loaded<Briefing>, diagnostics: &mut Vec<Diagnostic>) {
        let source = &briefing.source;
        let meta = &briefing.value.meta;
        for (i, plan) in meta.plans.iter().enumerate() {
            if let Err(Broken { message, hint }) =
                self.index.check(Ref::parse(plan), &[DocKind::Plan])
            {
                push(
                    diagnostics,
                    source.error(&FieldPath::root().key("plans").index(i), message),
                    hint,
                );
            }
        }
        if let Some(cycle) = &meta.cycle {
            self.cycle(source, &FieldPath::root().key("cycle"), cycle, diagnostics);
        }
        self.markdown_body(
            source,
            &briefing.value.body,
            briefing.value.body_line,
            diagnostics,
        );
    }

    pub(super) fn page(&self, page: &Loaded<Page>, diagnostics: &mut Vec<Diagnostic>) {
        if RESERVED.contains(&page.value.id.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    &page.source.path,
                    format!(
                        "the page name \"{}\" is used by the site itself",
                        page.value.id
                    ),
                )
                .hint(format!(
                    "rename the file, for example to content/pages/about-{}.md (links to it then read `ref:about-{}`); these names are taken by the site's own pages: {}",
                    page.value.id,
                    page.value.id,
                    RESERVED.join(", ")
                )),
            );
        }
        self.markdown_body(
            &page.source,
            &page.value.body,
            page.value.body_line,
            diagnostics,
        );
        statement(page, diagnostics);
    }
}

/// An accessibility statement still holding a detail `ragtime init` left in
/// brackets: a warning at the first, naming every one left.
fn statement(page: &Loaded<Page>, diagnostics: &mut Vec<Diagnostic>) {
    if !page.value.is_accessibility_statement() {
        return;
    }
    let found = placeholders(&page.value.body);
    let Some(&(offset, first)) = found.first() else {
        return;
    };
    let (line, column) = TextLines::new(&page.value.body).position(offset);
    let mut left: Vec<&str> = Vec::new();
    for (_, placeholder) in found {
        if !left.contains(&placeholder) {
            left.push(placeholder);
        }
    }
    let remove = if left.contains(&FILL_IN) {
        ", and remove the line that says to fill them in"
    } else {
        ""
    };
    diagnostics.push(
        Diagnostic::warning(
            &page.source.path,
            format!("the accessibility statement, a legal duty for council sites, still has placeholder text to fill in: {first}"),
        )
        .at(Some((page.value.body_line + line - 1, column)))
        .hint(format!(
            "replace each detail in brackets with the council's own{remove}; still to fill in: {}",
            left.join(", ")
        )),
    );
}

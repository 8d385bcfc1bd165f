//! Checks of `ref:` links in Markdown, each reported where it is in the file
//! when the text can be matched to the file's lines.

use crate::diagnostic::Diagnostic;
use crate::load::spans::{FieldPath, Position, TextLines};
use crate::load::SourceFile;
use crate::markdown::ref_links;
use crate::model::references::{DocKind, Ref};
use crate::resolve::checker::{push, Checker};
use crate::resolve::index::Broken;

/// What a `ref:` link may point to, in the order messages name them.
const LINKABLE: [DocKind; 4] = [
    DocKind::Plan,
    DocKind::Inspection,
    DocKind::Briefing,
    DocKind::Page,
];

impl Checker<'_> {
    /// The links in a Markdown field of a YAML file.
    pub(super) fn markdown_field(
        &self,
        source: &SourceFile,
        at: &FieldPath,
        text: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        self.links(text, diagnostics, |lines, offset| {
            let position = link_position(source, at, lines, offset);
            source.error(at, "").at(position)
        });
    }

    /// The links in the Markdown body of a briefing or page, which starts on
    /// line `body_line` of its file.
    pub(super) fn markdown_body(
        &self,
        source: &SourceFile,
        body: &str,
        body_line: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        self.links(body, diagnostics, |lines, offset| {
            let (line, column) = lines.position(offset);
            Diagnostic::error(&source.path, "").at(Some((body_line + line - 1, column)))
        });
    }

    /// Notes every `ref:` link of `text` and reports each broken one, placed by
    /// `at` (given the text's lines and the link's offset in it).
    fn links(
        &self,
        text: &str,
        diagnostics: &mut Vec<Diagnostic>,
        at: impl Fn(&TextLines<'_>, usize) -> Diagnostic,
    ) {
        // The text's lines, found at the first broken link.
        let mut lines = None;
        for link in ref_links(text) {
            self.note_link(&link.target);
            if let Err(Broken { message, hint }) =
                self.index.check(Ref::parse(&link.target), &LINKABLE)
            {
                let lines = lines.get_or_insert_with(|| TextLines::new(text));
                let mut diagnostic = at(lines, link.offset);
                diagnostic.message = format!("broken link \"ref:{}\": {message}", link.target);
                push(diagnostics, diagnostic, hint);
            }
        }
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

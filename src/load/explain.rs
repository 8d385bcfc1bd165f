//! A YAML parser's error, rewritten for a reader who is not a programmer:
//! what is wrong in words, where (which is not always where the parser
//! stopped: an unclosed quote is reported where it opens), and what would be
//! right.

use crate::diagnostic::did_you_mean;
use crate::load::spans::{yaml_lines, Position, Positions, TextLines};

/// A parser's error, rewritten for a reader who is not a programmer.
#[derive(Debug)]
pub(crate) struct Explained {
    /// Where in the document, e.g. `recommendations[0].title`; empty if unknown.
    pub(crate) field: String,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
    /// Where the problem is in the YAML, when the parser's position is not the best one.
    pub(crate) at: Option<Position>,
}

impl Explained {
    fn new(field: impl Into<String>, message: impl Into<String>, hint: Option<String>) -> Self {
        Explained {
            field: field.into(),
            message: message.into(),
            hint,
            at: None,
        }
    }

    #[must_use]
    fn at(mut self, at: Option<Position>) -> Self {
        self.at = at;
        self
    }
}

/// Rewrites a YAML/serde error message for a reader who is not a programmer.
/// `yaml` is the text that was parsed, `line_offset` the lines of the file above it.
pub(crate) fn explain(raw: &str, yaml: &str, line_offset: usize) -> Explained {
    if raw.starts_with("deserializing from YAML containing more than one document") {
        return Explained::new(
            "",
            "the file holds a second document, which starts at this `---` line",
            Some("a file holds one document: remove the second `---` line (if what follows it belongs in another file, move it there)".to_owned()),
        )
        .at(second_document(yaml));
    }
    if let Some(syntax) = Syntax::parse(raw) {
        return syntax.explain(yaml, line_offset);
    }
    let raw = raw.split(" at line ").next().unwrap_or(raw).trim();
    let (field, message) = match raw.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => (path.to_owned(), rest),
        _ => (String::new(), raw),
    };
    let within = |name: &str| {
        if field.is_empty() {
            name.to_owned()
        } else {
            format!("{field}.{name}")
        }
    };

    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, expected) = split_expected(rest);
        let hint = expected_hint(&name, &expected, "fields allowed here");
        return Explained::new(
            within(&name),
            format!("unknown field \"{name}\""),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, expected) = split_expected(rest);
        let hint = expected_hint(&name, &expected, "expected one of");
        return Explained::new(
            field,
            format!("\"{name}\" is not one of the allowed values"),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return Explained::new(
            within(name),
            format!("the required field \"{name}\" is missing"),
            Some(format!("add `{name}: ...` here")),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let name = rest.trim_matches('`');
        let path = within(name);
        let positions = Positions::new(yaml);
        let repeated = positions.repeats().find(|(p, _)| p.to_string() == path);
        let first = repeated
            .as_ref()
            .and_then(|(p, _)| positions.key(p))
            .map(|(line, _)| format!(" (the first is on line {})", line + line_offset))
            .unwrap_or_default();
        return Explained::new(
            path,
            format!("the field \"{name}\" is given twice"),
            Some(format!(
                "keep one `{name}:` line{first}: each field may be given once in its group"
            )),
        )
        .at(repeated.map(|(_, at)| at));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "something else"));
        let found = found_words(found);
        let expected = expected_words(expected);
        let hint = type_hint(&found, &expected);
        return Explained::new(
            field,
            format!("wrong kind of value: found {found}, expected {expected}"),
            hint,
        );
    }
    Explained::new(field, quoted(message), None)
}

/// Backquotes (the parser's way of quoting) as double quotes.
fn quoted(s: &str) -> String {
    s.replace('`', "\"")
}

/// What the parser found, in words: `string "x"` is `the text "x"`.
fn found_words(found: &str) -> String {
    let value = |rest: &str| quoted(rest).trim_matches('"').to_owned();
    match found {
        "sequence" => "a list".to_owned(),
        "map" => "a group of fields".to_owned(),
        "unit value" => "nothing".to_owned(),
        "enum" => "a value marked with \"!\"".to_owned(),
        _ => {
            if let Some(text) = found.strip_prefix("string ") {
                format!("the text {text}")
            } else if let Some(number) = found
                .strip_prefix("integer ")
                .or_else(|| found.strip_prefix("floating point "))
            {
                format!("the number {}", value(number))
            } else if let Some(word) = found.strip_prefix("boolean ") {
                format!("the word {} (a yes/no value)", value(word))
            } else {
                quoted(found)
            }
        }
    }
}

/// What the parser expected, in words: `a sequence` is `a list`.
fn expected_words(expected: &str) -> String {
    match expected {
        "a sequence" => "a list".to_owned(),
        "a string" | "a borrowed string" | "a character" => "a piece of text".to_owned(),
        "a map" => "a group of fields".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a YAML tag starting with '!'" => "one word from the list of allowed values".to_owned(),
        "unit" => "nothing".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => "a whole number".to_owned(),
        other if other.starts_with("struct ") => "a group of fields".to_owned(),
        other if other.starts_with("a sequence of ") || other.starts_with("tuple ") => {
            "a list".to_owned()
        }
        other => quoted(other),
    }
}

/// What would be right, for a value of the wrong kind.
fn type_hint(found: &str, expected: &str) -> Option<String> {
    let text_expected = expected.contains("text") || expected.contains("name");
    if text_expected && (found.starts_with("the number") || found.starts_with("the word")) {
        return Some("put the value in quotes, so it is read as text".to_owned());
    }
    if text_expected && (found == "a list" || found == "a group of fields") {
        return Some("if this is text, put it in quotes: text that starts with [ or {, or that contains `: `, must be in quotes".to_owned());
    }
    match expected {
        "a list" => Some(
            "write a list as [first, second], or as lines below this one, each starting with `- `"
                .to_owned(),
        ),
        "a group of fields" => {
            Some("write it as `name: value` lines, indented below this one".to_owned())
        }
        _ => None,
    }
}

/// The line of the second document in a YAML text: its `---` line, or its
/// first line after a `...` line.
/// Where the quoted text that ends just before `at` was opened, when that is on
/// an earlier line: (line, column, the quote mark). Escaped quote marks inside
/// double quotes (`\"`) are skipped.
fn opening_quote(lines: &[&str], at: Option<Position>) -> Option<(usize, usize, char)> {
    let (line, column) = at?;
    let here: Vec<char> = lines
        .get(line.checked_sub(1)?)?
        .chars()
        .take(column.saturating_sub(1))
        .collect();
    let closing = here.iter().rposition(|c| *c == '"' || *c == '\'')?;
    let quote = here[closing];
    let is_open = |chars: &[char], i: usize| {
        chars[i] == quote && (quote != '"' || i == 0 || chars[i - 1] != '\\')
    };
    if (0..closing).any(|i| is_open(&here, i)) {
        return None; // opened and closed on the same line
    }
    // The opening mark starts a value: after `key: ` or `- `.
    let starts_value = |chars: &[char], i: usize| {
        let before: String = chars[..i].iter().collect();
        let before = before.trim_end_matches(' ');
        before.ends_with(':') || before.ends_with('-') || before.is_empty()
    };
    for earlier in (1..line).rev() {
        let chars: Vec<char> = lines.get(earlier - 1)?.chars().collect();
        let marks: Vec<usize> = (0..chars.len()).filter(|&i| is_open(&chars, i)).collect();
        // A line with an odd number of marks leaves one open.
        if marks.len() % 2 == 1 && starts_value(&chars, marks[0]) {
            return Some((earlier, marks[0] + 1, quote));
        }
    }
    None
}

fn second_document(yaml: &str) -> Option<Position> {
    let marker = |line: &str, mark: &str| {
        line.strip_prefix(mark)
            .is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace))
    };
    let mut begun = false;
    let mut ended = false;
    for (i, line) in yaml_lines(yaml).into_iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if marker(line, "---") {
            if begun {
                return Some((i + 1, 1));
            }
        } else if marker(line, "...") {
            ended = true;
            continue;
        } else if ended {
            return Some((i + 1, 1));
        }
        begun = true;
    }
    None
}

/// An error from the YAML parser itself (the text is not valid YAML), taken apart:
/// `found unexpected end of stream at line 9 column 1, while scanning a quoted scalar at line 8 column 19`.
#[derive(Debug)]
struct Syntax<'a> {
    problem: &'a str,
    at: Option<Position>,
    /// Byte offset, for errors in reading the characters of the file.
    offset: Option<usize>,
    /// What the parser was doing: `scanning a quoted scalar`.
    context: Option<&'a str>,
    context_at: Option<Position>,
}

/// How the YAML parser's own messages start (others come from reading the values).
const SYNTAX_PROBLEMS: [&str; 21] = [
    "found ",
    "did not find ",
    "could not find ",
    "mapping values are not allowed",
    "mapping keys are not allowed",
    "block sequence entries are not allowed",
    "control characters are not allowed",
    "invalid Unicode",
    "invalid leading UTF-8",
    "invalid trailing UTF-8",
    "invalid length of a UTF-8",
    "incomplete UTF-8",
    "unexpected low surrogate",
    "expected low surrogate",
    "tag ",
    "anchor value ",
    "alias value ",
    "unknown anchor",
    "recursion limit exceeded",
    "repetition limit exceeded",
    "EOF while parsing",
];

impl<'a> Syntax<'a> {
    fn parse(raw: &'a str) -> Option<Syntax<'a>> {
        let (head, context) = match raw.split_once(", while ") {
            Some((head, context)) => (head, Some(context)),
            None => (raw, None),
        };
        let (problem, at, offset) = split_mark(head);
        if problem.contains(": ") || !SYNTAX_PROBLEMS.iter().any(|p| problem.starts_with(p)) {
            return None;
        }
        let (context, context_at) = match context.map(split_mark) {
            Some((context, at, _)) => (Some(context), at),
            None => (None, None),
        };
        Some(Syntax {
            problem,
            at,
            offset,
            context,
            context_at,
        })
    }

    fn explain(&self, yaml: &str, line_offset: usize) -> Explained {
        let at = match self.offset {
            Some(offset) => Some(TextLines::new(yaml).position(offset)),
            None => self.at,
        };
        let reading = Reading {
            syntax: self,
            lines: yaml_lines(yaml),
            at,
            line_offset,
        };
        let context = self.context.unwrap_or_default();
        match self.problem {
            "found unexpected end of stream" if context.starts_with("scanning a quoted scalar") => {
                reading.unclosed_quote()
            }
            "could not find expected ':'" if context.starts_with("scanning a simple key") => {
                reading.missing_colon()
            }
            "found character that cannot start any token" if reading.char_at(at) == Some('\t') => {
                Explained::new(
                    "",
                    invalid("a tab character cannot be used here"),
                    Some("use spaces, not tabs".to_owned()),
                )
                .at(at)
            }
            "unknown anchor" | "found character that cannot start any token" => {
                reading.needs_quotes(at)
            }
            "did not find expected comment or line break"
                if context.starts_with("scanning a block scalar") =>
            {
                reading.needs_quotes(self.context_at)
            }
            "mapping values are not allowed in this context" => reading.colon_in_text(),
            "did not find expected key" | "did not find expected '-' indicator" => {
                reading.out_of_line()
            }
            "did not find expected ',' or ']'" | "did not find expected ',' or '}'" => {
                reading.unclosed_bracket()
            }
            problem => match FIXED.iter().find(|(p, _, _)| *p == problem) {
                Some((_, message, hint)) => {
                    Explained::new("", *message, hint.map(str::to_owned)).at(at)
                }
                None => reading.other(problem),
            },
        }
    }
}

/// Problems explained the same way wherever they are: the parser's words,
/// what to tell the officer, and what would be right.
const FIXED: [(&str, &str, Option<&str>); 7] = [
    (
        "found a tab character that violates indentation",
        "this is not valid YAML: a tab character is used to indent this line",
        Some("indent with spaces, not tabs (most editors can be set to type spaces for the Tab key)"),
    ),
    (
        "found a tab character where an indentation space is expected",
        "this is not valid YAML: a tab character is used to indent this line",
        Some("indent with spaces, not tabs (most editors can be set to type spaces for the Tab key)"),
    ),
    (
        "block sequence entries are not allowed in this context",
        "this is not valid YAML: a list item (`- `) cannot start here",
        Some("start a list on the line below, indented, with one `- ` item per line; text that starts with `- ` must be in quotes"),
    ),
    (
        "found unknown escape character",
        "this is not valid YAML: in text in double quotes, a backslash (\\) must be followed by a known code such as \\n (a new line) or \\\" (a quote mark)",
        Some("write \\\\ for a backslash, or put the text in single quotes ('...') instead"),
    ),
    (
        "control characters are not allowed",
        "the file contains a control character (an invisible character that is not text)",
        Some("delete it; it usually comes from text pasted from another program"),
    ),
    (
        "recursion limit exceeded",
        "lists and groups are nested too deeply here (more than 128 levels)",
        None,
    ),
    (
        "repetition limit exceeded",
        "the file repeats `*name` references too many times",
        Some("write the values out instead of referring to them"),
    ),
];

fn invalid(what: &str) -> String {
    format!("this is not valid YAML: {what}")
}

const INDENTATION: &str = "check the indentation: the fields of one group start in the same column, and so do the `- ` items of a list (use spaces, not tabs)";
const SPECIAL: &str = "text that starts with * & ! | > % @ or ` must be in quotes";

/// A syntax error with the text it was found in, to explain it by.
struct Reading<'s, 'y> {
    syntax: &'s Syntax<'s>,
    lines: Vec<&'y str>,
    /// Where the problem is.
    at: Option<Position>,
    /// Lines of the file above the YAML.
    line_offset: usize,
}

impl Reading<'_, '_> {
    fn line(&self, at: Option<Position>) -> &str {
        at.and_then(|(line, _)| self.lines.get(line.checked_sub(1)?).copied())
            .unwrap_or_default()
    }

    fn char_at(&self, at: Option<Position>) -> Option<char> {
        let (_, column) = at?;
        self.line(at).chars().nth(column.checked_sub(1)?)
    }

    /// `what`, and the line the construct the parser was reading starts on.
    fn starts_at(&self, what: &str) -> String {
        match self.syntax.context_at {
            Some((line, _)) => format!("{what} that starts on line {}", line + self.line_offset),
            None => what.to_owned(),
        }
    }

    /// A quote opened and never closed: the rest of the file became text.
    fn unclosed_quote(&self) -> Explained {
        let opened = self.syntax.context_at;
        let quote = self.char_at(opened).unwrap_or('"');
        let inside = if quote == '\'' {
            "to write a quote mark inside '...', type ''"
        } else {
            "to write a quote mark inside \"...\", type \\\""
        };
        Explained::new(
            "",
            invalid(&format!("the quote mark ({quote}) that opens the text here is never closed, so the rest of the file is read as part of the text")),
            Some(format!("put a closing {quote} at the end of the text ({inside})")),
        )
        .at(opened.or(self.at))
    }

    /// `budget N/A`: a field name without its colon.
    fn missing_colon(&self) -> Explained {
        let opened = self.syntax.context_at;
        let text = self.line(opened).trim();
        let example = match text.split_once(' ') {
            Some((name, value)) => format!("`{name}: {}`", value.trim()),
            None => format!("`{text}: ...`"),
        };
        Explained::new(
            "",
            invalid("this line has no colon after the field name"),
            Some(format!("put `: ` (a colon and a space) between the field name and its value, for example {example}; if the line continues the text above it, indent it further than the field name, or put the whole text in quotes")),
        )
        .at(opened.or(self.at))
    }

    /// Text starting with a character YAML reads as syntax (`*see note`).
    fn needs_quotes(&self, place: Option<Position>) -> Explained {
        let first = self
            .char_at(place)
            .map_or(String::new(), |c| format!(" \"{c}\""));
        let example = quote_from(self.line(place), place)
            .map(|e| format!(", for example {e}"))
            .unwrap_or_default();
        Explained::new(
            "",
            invalid(&format!("text that starts with{first} must be in quotes")),
            Some(format!("put the text in quotes{example} ({SPECIAL})")),
        )
        .at(place.or(self.at))
    }

    /// `evidence: Minutes: March`: a colon and a space inside unquoted text.
    fn colon_in_text(&self) -> Explained {
        let at = self.at;
        let text = self.line(at);
        let value = text.find(": ").map(|i| {
            let start = i + 2 + (text[i + 2..].len() - text[i + 2..].trim_start().len());
            (at.map_or(1, |(l, _)| l), text[..start].chars().count() + 1)
        });
        let example = value
            .filter(|&(_, column)| at.is_some_and(|(_, problem)| column < problem))
            .and_then(|value| quote_from(text, Some(value)))
            .map(|e| format!(", for example {e}"))
            .unwrap_or_default();
        Explained::new(
            "",
            invalid("a colon and a space (`: `) are not allowed here"),
            Some(format!("text that contains `: ` must be in quotes{example}; if this line is a field of its own, {INDENTATION}")),
        )
        .at(at)
    }

    /// A line that does not fit where it stands: a quote left open above it,
    /// text after a closing quote, or indentation that does not line up.
    fn out_of_line(&self) -> Explained {
        let at = self.at;
        let text = self.line(at);
        let column = at.map_or(1, |(_, c)| c);
        let indented = text.chars().take(column - 1).all(|c| c == ' ');
        let after_quote = text
            .chars()
            .take(column - 1)
            .collect::<String>()
            .trim_end()
            .ends_with(['"', '\'']);
        let opened = after_quote
            .then(|| opening_quote(&self.lines, at))
            .flatten();
        if let (Some((open_line, open_column, quote)), Some((error_line, _))) = (opened, at) {
            // The quote that "closes" here was opened lines earlier and never closed there.
            return Explained::new(
                "",
                invalid(&format!("the quote mark ({quote}) that opens the text here is not closed on this line, so everything up to line {} is read as part of the text", error_line + self.line_offset)),
                Some(format!("put a closing {quote} at the end of the text on this line (inside \"...\", write a quote mark as \\\"; inside '...', as '')")),
            )
            .at(Some((open_line, open_column)));
        }
        if !indented && after_quote {
            return Explained::new(
                "",
                invalid("there is more text after the closing quote mark"),
                Some("put the whole text inside the quotes (inside \"...\", write a quote mark as \\\"; inside '...', as '')".to_owned()),
            )
            .at(at);
        }
        let within = if self.syntax.problem.contains('-') {
            "list"
        } else {
            "group of fields"
        };
        Explained::new(
            "",
            invalid(&format!(
                "this line does not line up with the {}",
                self.starts_at(within)
            )),
            Some(format!("{INDENTATION}; text that contains `: ` or starts with a special character must be in quotes")),
        )
        .at(at)
    }

    /// `[a, b` or `{a: b` without its closing bracket.
    fn unclosed_bracket(&self) -> Explained {
        let (open, close, what) = if self.syntax.problem.ends_with("']'") {
            ('[', ']', "list")
        } else {
            ('{', '}', "group")
        };
        Explained::new(
            "",
            invalid(&format!("the {what} opened with \"{open}\" here is not closed with \"{close}\"")),
            Some(format!("close it with \"{close}\" and separate its items with commas; text that starts with \"{open}\" must be in quotes")),
        )
        .at(self.syntax.context_at.or(self.at))
    }

    /// Any other problem: the parser's words, and what it was reading.
    fn other(&self, problem: &str) -> Explained {
        let context = self.syntax.context.unwrap_or_default();
        let doing = match context.split(" at ").next().unwrap_or_default() {
            "scanning a quoted scalar" | "parsing a quoted scalar" => {
                self.starts_at("in the quoted text")
            }
            "scanning a plain scalar" => self.starts_at("in the text"),
            "scanning a simple key" => self.starts_at("in the field name"),
            "scanning a block scalar" => self.starts_at("in the block of text"),
            "parsing a block mapping" | "parsing a flow mapping" => {
                self.starts_at("in the group of fields")
            }
            "parsing a block collection" | "parsing a flow sequence" => {
                self.starts_at("in the list")
            }
            _ => String::new(),
        };
        let doing = if doing.is_empty() {
            doing
        } else {
            format!(", {doing}")
        };
        Explained::new(
            "",
            invalid(&format!("{}{doing}", quoted(problem))),
            Some("check the indentation (spaces, not tabs) and put text containing `: ` or starting with a special character in quotes".to_owned()),
        )
        .at(self.at)
    }
}

/// `text at line 3 column 5` gives `("text", Some((3, 5)), None)`; `text at position 7` gives the offset.
fn split_mark(text: &str) -> (&str, Option<Position>, Option<usize>) {
    if let Some((before, mark)) = text.rsplit_once(" at line ") {
        if let Some((line, column)) = mark.split_once(" column ") {
            if let (Ok(line), Ok(column)) = (line.parse(), column.parse()) {
                return (before, Some((line, column)), None);
            }
        }
    }
    if let Some((before, offset)) = text.rsplit_once(" at position ") {
        if let Ok(offset) = offset.parse() {
            return (before, None, Some(offset));
        }
    }
    (text, None, None)
}

/// The line with its text from `at` on put in quotes: `` `budget: "*see note"` ``.
fn quote_from(line: &str, at: Option<Position>) -> Option<String> {
    let (_, column) = at?;
    let start = line.char_indices().nth(column.checked_sub(1)?)?.0;
    let (before, value) = line.split_at(start);
    let value = value.trim_end().replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("`{}\"{value}\"`", before.trim_start()))
}

/// `"x", expected one of "a", "b"` gives `("x", ["a", "b"])`.
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let name = name.trim_matches('`').to_owned();
    let expected = expected
        .trim_start_matches("one of ")
        .split(", ")
        .map(|s| s.trim_matches('`').to_owned())
        .filter(|s| !s.is_empty() && !s.contains(' '))
        .collect();
    (name, expected)
}

fn expected_hint(name: &str, expected: &[String], lead: &str) -> String {
    let list = expected.join(", ");
    match did_you_mean(name, expected.iter().map(String::as_str)) {
        Some(close) => format!("did you mean \"{close}\"? ({lead}: {list})"),
        None if list.is_empty() => "remove it: nothing may be given here".to_owned(),
        None => format!("{lead}: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(raw: &str) -> (String, String, Option<String>) {
        let e = explain(raw, "", 0);
        (e.field, e.message, e.hint)
    }

    #[test]
    fn explains_unknown_fields_with_a_suggestion() {
        let (field, message, hint) =
            explained("sections[0]: unknown field `titel`, expected one of `id`, `title`, `recommendations`, `actions` at line 3 column 5");
        assert_eq!(field, "sections[0].titel");
        assert_eq!(message, "unknown field \"titel\"");
        assert_eq!(
            hint.unwrap(),
            "did you mean \"title\"? (fields allowed here: id, title, recommendations, actions)"
        );
        let (field, _, _) = explained("unknown field `titel`, expected `title`");
        assert_eq!(field, "titel");
        let (_, message, _) = explained("a.b: invalid length 2, expected a list of 3");
        assert!(!message.contains("YAML"), "{message}");
    }

    #[test]
    fn explains_wrong_types() {
        let (field, message, _) = explained("recommendations[0].text: invalid type: sequence, expected a string at line 4 column 11");
        assert_eq!(field, "recommendations[0].text");
        assert_eq!(
            message,
            "wrong kind of value: found a list, expected a piece of text"
        );
        let (_, message, hint) = explained(
            "responds_to: invalid type: string \"x\", expected a sequence at line 4 column 14",
        );
        assert_eq!(
            message,
            "wrong kind of value: found the text \"x\", expected a list"
        );
        assert!(hint.unwrap().contains("- "));
        let (_, message, hint) =
            explained("a.owner: invalid type: integer `3`, expected a name, or a list of names");
        assert_eq!(
            message,
            "wrong kind of value: found the number 3, expected a name, or a list of names"
        );
        assert!(hint.unwrap().contains("quotes"));
        let (_, message, _) = explained("invalid type: string \"just text\", expected struct Plan");
        assert_eq!(
            message,
            "wrong kind of value: found the text \"just text\", expected a group of fields"
        );
    }

    #[test]
    fn explains_missing_fields() {
        let (field, message, _) =
            explained("recommendations[0].actions[1]: missing field `text` at line 9 column 9");
        assert_eq!(field, "recommendations[0].actions[1].text");
        assert_eq!(message, "the required field \"text\" is missing");
    }

    #[test]
    fn explains_syntax_errors_where_they_start() {
        let yaml = "title: T\nevidence: \"Minutes\n";
        let e = explain("found unexpected end of stream at line 3 column 1, while scanning a quoted scalar at line 2 column 11", yaml, 0);
        assert_eq!(e.at, Some((2, 11)));
        assert!(e.message.contains("never closed"), "{e:?}");

        let yaml = "title: T\nbudget N/A\nowner: X\n";
        let e = explain("could not find expected ':' at line 3 column 1, while scanning a simple key at line 2 column 1", yaml, 3);
        assert_eq!(e.at, Some((2, 1)));
        assert!(e.hint.unwrap().contains("`budget: N/A`"));

        let yaml = "title: T\nbudget: *see note\n";
        let e = explain("unknown anchor at line 2 column 9", yaml, 0);
        assert!(!e.message.contains("anchor"), "{e:?}");
        assert!(e.hint.unwrap().contains("`budget: \"*see note\"`"));

        let yaml = "title: T\nevidence: Minutes: March\n";
        let e = explain(
            "mapping values are not allowed in this context at line 2 column 18",
            yaml,
            0,
        );
        assert!(e.hint.unwrap().contains("`evidence: \"Minutes: March\"`"));
    }

    #[test]
    fn finds_a_second_document() {
        assert_eq!(second_document("title: A\n---\ntitle: B\n"), Some((2, 1)));
        assert_eq!(
            second_document("# c\n---\ntitle: A\n---\ntitle: B\n"),
            Some((4, 1))
        );
        assert_eq!(second_document("title: A\n...\n\ntitle: B\n"), Some((4, 1)));
        assert_eq!(second_document("---\ntitle: A\nb: |\n  ---\n"), None);
    }
}

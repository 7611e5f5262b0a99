//! Finding where things are in the source text: byte offsets to 1-based
//! line:column (columns count characters), and JSON paths to the value they
//! name. Only used once something is wrong, so it may be slow-ish.

use jsonc_parser::ast::Value;
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

use super::path::{JsonPath, Seg};

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Position {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// Line bookkeeping for one text.
pub(crate) struct Lines<'a> {
    text: &'a str,
    /// Byte offset where each line starts; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines { text, starts }
    }

    /// Position of the character containing byte `offset` (clamped to the
    /// end of the text, which is one past the last character).
    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        Position {
            line,
            column: char_column(self.text.as_bytes(), start, offset),
        }
    }

    /// Byte offset of the `column`-th byte (1-based) of `line` (1-based), as
    /// serde_json counts them; clamped into the text.
    pub(crate) fn offset_of_byte_column(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.max(1) - 1) else {
            return self.text.len();
        };
        start
            .saturating_add(column.saturating_sub(1))
            .min(self.text.len())
    }
}

/// 1-based character column of byte `offset` on the line starting at byte
/// `start`; an offset inside a multi-byte character counts as that character.
fn char_column(bytes: &[u8], start: usize, offset: usize) -> usize {
    let is_continuation = |b: u8| b & 0xC0 == 0x80;
    let before = bytes[start..offset]
        .iter()
        .filter(|&&b| !is_continuation(b))
        .count();
    match bytes.get(offset) {
        Some(&b) if is_continuation(b) => before.max(1),
        _ => before + 1,
    }
}

/// Where a path was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// The value at the whole path starts at this byte.
    Exact(usize),
    /// Only a prefix of the path exists; its value starts at this byte.
    Prefix(usize),
    /// The text could not be parsed at all.
    Nowhere,
}

/// Maps JSON paths to positions in one source text.
pub(crate) struct Locator<'a> {
    lines: Lines<'a>,
    root: Option<Value<'a>>,
}

impl<'a> Locator<'a> {
    /// Parses `text` into a syntax tree with byte ranges. Never fails: a text
    /// that does not parse locates everything at [`Found::Nowhere`].
    pub(crate) fn new(text: &'a str) -> Self {
        let root = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            .ok()
            .and_then(|parsed| parsed.value);
        Locator {
            lines: Lines::new(text),
            root,
        }
    }

    pub(crate) fn lines(&self) -> &Lines<'a> {
        &self.lines
    }

    /// Finds the value at `path`, or the deepest existing part of it.
    pub(crate) fn find(&self, path: &JsonPath) -> Found {
        let Some(mut value) = self.root.as_ref() else {
            return Found::Nowhere;
        };
        for seg in &path.0 {
            let next = match (seg, value) {
                (Seg::Key(key), Value::Object(object)) => object.get(key).map(|prop| &prop.value),
                (Seg::Index(index), Value::Array(array)) => array.elements.get(*index),
                _ => None,
            };
            match next {
                Some(next) => value = next,
                None => return Found::Prefix(value.start()),
            }
        }
        Found::Exact(value.start())
    }

    /// Position of the value at `path`, or of the deepest existing part of
    /// it, or the start of the text.
    pub(crate) fn position(&self, path: &JsonPath) -> Position {
        match self.find(path) {
            Found::Exact(offset) | Found::Prefix(offset) => self.lines.position(offset),
            Found::Nowhere => Position { line: 1, column: 1 },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\nÖğü x\n\nz";
        let lines = Lines::new(text);
        assert_eq!(lines.position(0), Position { line: 1, column: 1 });
        assert_eq!(lines.position(2), Position { line: 1, column: 3 });
        assert_eq!(lines.position(3), Position { line: 2, column: 1 });
        // "Öğü " is 7 bytes: x is the 5th character of line 2.
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(x), Position { line: 2, column: 5 });
        // Inside the two bytes of "ğ": still column 2.
        assert_eq!(lines.position(6), Position { line: 2, column: 2 });
        assert_eq!(lines.position(text.len()), Position { line: 4, column: 2 });
        assert_eq!(lines.position(usize::MAX), Position { line: 4, column: 2 });
    }

    #[test]
    fn paths_lead_to_values() {
        let text =
            "{\n  \"events\": [\n    {\"id\": \"a\"},\n    {\"id\": \"İstanbul\", \"date\": 1}\n  ]\n}";
        let locator = Locator::new(text);
        let date = JsonPath::item("events", 1).key("date");
        assert_eq!(locator.position(&date), Position { line: 4, column: 32 });
        let missing = JsonPath::item("events", 5).key("date");
        assert_eq!(locator.position(&missing), Position { line: 2, column: 13 });
        assert_eq!(
            locator.position(&JsonPath::root()),
            Position { line: 1, column: 1 }
        );
    }

    #[test]
    fn unparsable_text_locates_at_the_start() {
        let locator = Locator::new("{\"events\": [");
        let path = JsonPath::item("events", 0);
        assert_eq!(locator.find(&path), Found::Nowhere);
        assert_eq!(locator.position(&path), Position { line: 1, column: 1 });
    }
}

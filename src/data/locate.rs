//! Finding where things are in the source text: byte offsets to 1-based
//! line:column (columns count characters), and JSON paths to the value they
//! name. Only used once something is wrong.

use super::path::JsonPath;
use super::scan::{Found, find_all};

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

/// Position of each of `paths` in `text`: of the value at the path, or of
/// the deepest existing part of it, or the start of the text.
pub(crate) fn positions(text: &str, paths: &[&JsonPath]) -> Vec<Position> {
    let lines = Lines::new(text);
    find_all(text, paths)
        .into_iter()
        .map(|found| match found {
            Found::Exact(offset) | Found::Prefix(offset) => lines.position(offset),
            Found::Nowhere => Position { line: 1, column: 1 },
        })
        .collect()
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
        let date = JsonPath::item("events", 1).key("date");
        let missing = JsonPath::item("events", 5).key("date");
        let root = JsonPath::root();
        assert_eq!(
            positions(text, &[&date, &missing, &root]),
            [
                Position { line: 4, column: 32 },
                Position { line: 2, column: 13 },
                Position { line: 1, column: 1 },
            ]
        );
    }

    #[test]
    fn text_without_values_locates_at_the_start() {
        let path = JsonPath::item("events", 0);
        assert_eq!(positions(" \n ", &[&path]), [Position { line: 1, column: 1 }]);
        assert_eq!(
            positions("{\"events\": [", &[&path]),
            [Position { line: 1, column: 12 }]
        );
    }
}

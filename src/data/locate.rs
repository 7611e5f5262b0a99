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

/// Positions in one text. Nothing is precomputed: a text of a billion
/// line breaks must not cost a billion-entry table, and positions are
/// only needed once something is wrong.
pub(crate) struct Lines<'a> {
    text: &'a str,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Lines { text }
    }

    /// Position of the character containing byte `offset` (clamped to the
    /// end of the text, which is one past the last character).
    pub(crate) fn position(&self, offset: usize) -> Position {
        positions_of(self.text, &[offset])[0]
    }

    /// Byte offset of the `column`-th byte (1-based) of `line` (1-based), as
    /// serde_json counts them; clamped into the text.
    pub(crate) fn offset_of_byte_column(&self, line: usize, column: usize) -> usize {
        let start = match line.max(1) - 1 {
            0 => 0,
            breaks => match self
                .text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .nth(breaks - 1)
            {
                Some((at, _)) => at + 1,
                None => return self.text.len(),
            },
        };
        start
            .saturating_add(column.saturating_sub(1))
            .min(self.text.len())
    }
}

/// The position of each byte offset of `offsets` (any order, clamped to
/// the end of the text), in one pass over the text however many there are
/// and however long the lines.
pub(crate) fn positions_of(text: &str, offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut found = vec![Position { line: 1, column: 1 }; offsets.len()];
    // Walked so far: up to byte `at`, on line `line`, whose characters
    // before `at` number `chars`. Lines are skipped with `find` and
    // characters counted with `chars().count()`, both fast.
    let (mut at, mut line, mut chars) = (0, 1, 0);
    for i in order {
        // An offset inside a multi-byte character counts as that character.
        let mut target = offsets[i].min(text.len());
        while !text.is_char_boundary(target) {
            target -= 1;
        }
        let mut walked = &text[at..target.max(at)];
        while let Some(nl) = walked.find('\n') {
            line += 1;
            chars = 0;
            walked = &walked[nl + 1..];
        }
        chars += walked.chars().count();
        at = target.max(at);
        found[i] = Position {
            line,
            column: chars + 1,
        };
    }
    found
}

/// Position of each of `paths` in `text`: of the value at the path, or of
/// the deepest existing part of it, or the start of the text.
pub(crate) fn positions(text: &str, paths: &[&JsonPath]) -> Vec<Position> {
    let found = find_all(text, paths);
    let offsets: Vec<usize> = found
        .iter()
        .map(|found| match found {
            Found::Exact(offset) | Found::Prefix(offset) => *offset,
            Found::Nowhere => 0,
        })
        .collect();
    positions_of(text, &offsets)
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
    fn many_offsets_in_one_pass_in_any_order() {
        let text = "ab\nÖğü x\n\nz";
        let x = text.find('x').unwrap();
        let found = positions_of(text, &[text.len(), x, 0, 6, 3, x]);
        let expected = [(4, 2), (2, 5), (1, 1), (2, 2), (2, 1), (2, 5)];
        let got: Vec<(usize, usize)> = found.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(got, expected);
        let lines = Lines::new(text);
        assert_eq!(lines.offset_of_byte_column(2, 3), 5);
        assert_eq!(lines.offset_of_byte_column(1, 1), 0);
        assert_eq!(lines.offset_of_byte_column(9, 1), text.len());
        assert_eq!(lines.offset_of_byte_column(4, 99), text.len());
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

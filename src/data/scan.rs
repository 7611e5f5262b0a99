//! Finding where values are in JSON text, in one pass and without building a
//! tree: a 400 MB file with a problem in it is located in about a second,
//! with memory proportional to the nesting depth and the paths sought.
//!
//! The scanner is lenient and never fails: on malformed text it stops, and
//! paths not reached by then are reported by their deepest part found.

use std::collections::HashMap;

use super::path::{JsonPath, Seg};

/// Where a path was found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// The value at the whole path starts at this byte.
    Exact(usize),
    /// Only a prefix of the path exists; its value starts at this byte.
    Prefix(usize),
    /// The text holds no value at all.
    Nowhere,
}

/// The paths sought, merged into a tree.
#[derive(Default)]
struct Node {
    keys: HashMap<String, usize>,
    indexes: HashMap<usize, usize>,
    /// Byte where this node's value starts, once seen.
    offset: Option<usize>,
    /// Whether a sought path ends here.
    target: bool,
}

struct Trie {
    nodes: Vec<Node>,
    /// Targets whose offset is still unknown; the scan stops at zero.
    missing: usize,
}

const ROOT: usize = 0;

impl Trie {
    fn new(paths: &[&JsonPath]) -> Self {
        let mut nodes = vec![Node::default()];
        for path in paths {
            let mut at = ROOT;
            for seg in &path.0 {
                let fresh = nodes.len();
                let child = match seg {
                    Seg::Key(key) => *nodes[at].keys.entry(key.clone()).or_insert(fresh),
                    Seg::Index(index) => *nodes[at].indexes.entry(*index).or_insert(fresh),
                };
                if child == fresh {
                    nodes.push(Node::default());
                }
                at = child;
            }
            nodes[at].target = true;
        }
        let missing = nodes.iter().filter(|n| n.target).count();
        Trie { nodes, missing }
    }

    fn key(&self, node: Option<usize>, key: &str) -> Option<usize> {
        node.and_then(|n| self.nodes[n].keys.get(key).copied())
    }

    fn index(&self, node: Option<usize>, index: usize) -> Option<usize> {
        node.and_then(|n| self.nodes[n].indexes.get(&index).copied())
    }

    /// Records that the value of `node` starts at `offset` (first one wins,
    /// as with duplicate keys serde reports the first).
    fn seen(&mut self, node: Option<usize>, offset: usize) {
        if let Some(n) = node {
            let node = &mut self.nodes[n];
            if node.offset.is_none() {
                node.offset = Some(offset);
                if node.target {
                    self.missing -= 1;
                }
            }
        }
    }

    fn found(&self, path: &JsonPath) -> Found {
        let Some(mut deepest) = self.nodes[ROOT].offset else {
            return Found::Nowhere;
        };
        let mut at = Some(ROOT);
        for seg in &path.0 {
            at = match seg {
                Seg::Key(key) => self.key(at, key),
                Seg::Index(index) => self.index(at, *index),
            };
            match at.and_then(|n| self.nodes[n].offset) {
                Some(offset) => deepest = offset,
                None => return Found::Prefix(deepest),
            }
        }
        Found::Exact(deepest)
    }
}

/// Where each of `paths` is in `text`, in the same order.
pub(crate) fn find_all(text: &str, paths: &[&JsonPath]) -> Vec<Found> {
    let mut trie = Trie::new(paths);
    scan(text, &mut trie);
    paths.iter().map(|path| trie.found(path)).collect()
}

/// An open object or array, with the trie node it stands for.
struct Frame {
    node: Option<usize>,
    is_object: bool,
    index: usize,
}

/// What the scanner expects next.
enum Expect {
    /// A value, whose trie node is given.
    Value(Option<usize>),
    /// An object key (or the end of an empty object).
    Key,
    /// A comma or the end of the enclosing container.
    After,
}

fn scan(text: &str, trie: &mut Trie) {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect = Expect::Value(Some(ROOT));
    let mut i = 0;
    while trie.missing > 0 {
        i = skip_whitespace(bytes, i);
        let Some(&byte) = bytes.get(i) else { return };
        expect = match expect {
            Expect::Value(node) => {
                trie.seen(node, i);
                match byte {
                    b'{' => {
                        stack.push(Frame {
                            node,
                            is_object: true,
                            index: 0,
                        });
                        i += 1;
                        Expect::Key
                    }
                    b'[' => {
                        stack.push(Frame {
                            node,
                            is_object: false,
                            index: 0,
                        });
                        i = skip_whitespace(bytes, i + 1);
                        if bytes.get(i) == Some(&b']') {
                            Expect::After
                        } else {
                            Expect::Value(trie.index(node, 0))
                        }
                    }
                    b'"' => {
                        let Some(end) = skip_string(bytes, i) else { return };
                        i = end;
                        Expect::After
                    }
                    _ => {
                        let end = skip_scalar(bytes, i);
                        if end == i {
                            return;
                        }
                        i = end;
                        Expect::After
                    }
                }
            }
            Expect::Key => {
                if byte == b'}' {
                    // Let `After` close the object.
                    Expect::After
                } else {
                    let Some(frame) = stack.last() else { return };
                    if byte != b'"' {
                        return;
                    }
                    let Some(end) = skip_string(bytes, i) else { return };
                    let child = match &text[i + 1..end - 1] {
                        raw if raw.contains('\\') => serde_json::from_str::<String>(&text[i..end])
                            .ok()
                            .and_then(|key| trie.key(frame.node, &key)),
                        raw => trie.key(frame.node, raw),
                    };
                    i = skip_whitespace(bytes, end);
                    if bytes.get(i) != Some(&b':') {
                        return;
                    }
                    i += 1;
                    Expect::Value(child)
                }
            }
            Expect::After => {
                let Some(frame) = stack.last_mut() else { return };
                match (byte, frame.is_object) {
                    (b',', true) => {
                        i += 1;
                        Expect::Key
                    }
                    (b',', false) => {
                        i += 1;
                        frame.index += 1;
                        Expect::Value(trie.index(frame.node, frame.index))
                    }
                    (b'}', true) | (b']', false) => {
                        i += 1;
                        stack.pop();
                        Expect::After
                    }
                    _ => return,
                }
            }
        };
    }
}

fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// End (one past the closing quote) of the string starting at `start`.
fn skip_string(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        let rest = bytes.get(i..)?;
        let stop = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        i += stop;
        if bytes[i] == b'"' {
            return Some(i + 1);
        }
        i += 2;
    }
}

/// End of a number or literal (`true`, `false`, `null`) starting at `start`.
fn skip_scalar(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        if matches!(b, b',' | b']' | b'}' | b'[' | b'{' | b'"' | b':') || b.is_ascii_whitespace() {
            break;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, path: &JsonPath) -> Found {
        find_all(text, &[path])[0]
    }

    #[test]
    fn finds_values_by_path() {
        let text = r#"{"a": [10, {"b": "x", "c": [true, null]}], "d": {}}"#;
        let c1 = JsonPath::root().key("a").index(1).key("c").index(1);
        assert_eq!(find(text, &c1), Found::Exact(text.find("null").unwrap()));
        assert_eq!(
            find(text, &JsonPath::root().key("d")),
            Found::Exact(text.find("{}").unwrap())
        );
        assert_eq!(find(text, &JsonPath::root()), Found::Exact(0));
    }

    #[test]
    fn missing_paths_fall_back_to_their_deepest_part() {
        let text = r#"{"a": [10, 20]}"#;
        let path = JsonPath::root().key("a").index(5).key("b");
        assert_eq!(find(text, &path), Found::Prefix(6));
        let path = JsonPath::root().key("a").index(0).key("b");
        assert_eq!(find(text, &path), Found::Prefix(7));
        assert_eq!(find("  ", &path), Found::Nowhere);
    }

    #[test]
    fn many_paths_in_one_pass() {
        let text = r#"{"e": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}"#;
        let paths = [
            JsonPath::item("e", 2).key("id"),
            JsonPath::item("e", 0).key("id"),
            JsonPath::item("e", 0),
        ];
        let refs: Vec<&JsonPath> = paths.iter().collect();
        let found = find_all(text, &refs);
        assert_eq!(
            found,
            [
                Found::Exact(text.find("\"c\"").unwrap()),
                Found::Exact(text.find("\"a\"").unwrap()),
                Found::Exact(7),
            ]
        );
    }

    #[test]
    fn escaped_keys_and_strings() {
        let text = r#"{"x\"y": "a\\", "t\u0061b": "q\"}", "z": 1}"#;
        let z = JsonPath::root().key("z");
        assert_eq!(find(text, &z), Found::Exact(text.len() - 2));
        let tab = JsonPath::root().key("tab");
        assert_eq!(find(text, &tab), Found::Exact(text.find("\"q").unwrap()));
    }

    #[test]
    fn first_duplicate_key_wins() {
        let text = r#"{"a": 1, "a": 2}"#;
        assert_eq!(find(text, &JsonPath::root().key("a")), Found::Exact(6));
    }

    #[test]
    fn malformed_text_stops_the_scan_without_panicking() {
        let path = JsonPath::item("events", 0).key("date");
        assert_eq!(find(r#"{"events": ["#, &path), Found::Prefix(11));
        assert_eq!(find(r#"{"events": [{"date" 1}]}"#, &path), Found::Prefix(12));
        assert_eq!(find(r#"{"events": [{"date": "#, &path), Found::Prefix(12));
        assert_eq!(find(r#"{"events": "unterminated"#, &path), Found::Prefix(11));
        assert_eq!(find("\"\\", &path), Found::Prefix(0));
        for text in ["}", "]", ",", ":", "{,}", "[,]", "{\"a\"}", "[1,]", "{\"a\":}"] {
            let _ = find(text, &path);
        }
        let deep = "[".repeat(1_000_000);
        let mut path = JsonPath::root();
        for _ in 0..1000 {
            path = path.index(0);
        }
        assert_eq!(find(&deep, &path), Found::Exact(1000));
    }
}

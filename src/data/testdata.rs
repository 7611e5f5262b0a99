//! Test inputs shared by the unit tests of this module.

use super::error::Problem;

/// The realistic fixture other tests reuse too.
pub(crate) const MINI: &str = include_str!("../../tests/fixtures/mini.json");

/// A compact valid dataset, one item per line, so that tests can state
/// exact line:column positions. Lines: 2 document, 3 tabs, 5-6 events,
/// 9-10 entities, 13-16 footnotes. Non-ASCII letters come before some
/// values to check that columns count characters, not bytes.
pub(crate) const BASE: &str = r#"{
"document": {"title": "Kazakistan", "author": "Öğütcü", "author_role": "r", "publisher": "p", "series": "s", "published": "2017-09-13", "language": "en", "source_note": "n", "overview": "o", "conclusion": "c"},
"tabs": [{"id": "political", "title": "Political", "summary": "s"}, {"id": "economic", "title": "Economic", "summary": "s"}],
"events": [
{"id": "ev1", "date": "2017-09-09", "tab": "political", "title": "Erdoğan in Astana", "summary": "s", "actors": ["erdogan"], "footnotes": [1]},
{"id": "ev2", "date": "2016", "tab": "economic", "title": "Trade", "summary": "s", "figures": [{"value": 2, "unit": "USD", "measure": "trade"}], "quotes": [{"speaker": "erdogan", "text": "Çok güzel", "footnote": 2}]}
],
"entities": [
{"id": "erdogan", "name": "Erdoğan", "kind": "person", "description": "d"},
{"id": "nazarbayev", "name": "Nazarbayev", "kind": "person", "description": "d"}
],
"footnotes": [
{"number": 1, "kind": "citation", "title": "Şehir", "outlet": "o", "published": "2017-09-01", "url": "https://example.org/a"},
{"number": 2, "kind": "backref", "text": "Ibid.", "refers_to": 1},
{"number": 3, "kind": "note", "text": "n"},
{"number": 4, "kind": "unresolved", "text": "u"}
]
}
"#;

/// `BASE` with each `(from, to)` replacement applied; each `from` must
/// occur exactly once, so a typo in a test cannot silently do nothing.
pub(crate) fn edit(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_string();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
        text = text.replacen(from, to, 1);
    }
    text
}

/// Asserts a problem's path, position and part of its message.
#[track_caller]
pub(crate) fn assert_problem(problem: &Problem, path: &str, (line, column): (usize, usize), message: &str) {
    assert_eq!(problem.path, path, "{problem}");
    assert_eq!((problem.line, problem.column), (line, column), "{problem}");
    assert!(
        problem.message.contains(message),
        "{problem}\n  expected the message to contain: {message}"
    );
}

//! Loading and validating dataset files through the public API.

use std::io::Write;
use std::path::Path;

use dossier::data::{self, LoadError, Problem};
use dossier::model::FootnoteBody;

const MINI: &str = include_str!("../fixtures/mini.json");

/// A temporary file holding `bytes`; kept alive by the returned handle.
fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("create temp file");
    file.write_all(bytes).expect("write temp file");
    file.flush().expect("flush temp file");
    file
}

fn load(bytes: &[u8]) -> (Result<dossier::model::Dataset, LoadError>, String) {
    let file = file_with(bytes);
    let name = file.path().display().to_string();
    (data::load_path(file.path()), name)
}

/// `MINI` with `from` (which must occur exactly once) replaced by `to`.
fn mini_with(from: &str, to: &str) -> String {
    assert_eq!(
        MINI.matches(from).count(),
        1,
        "{from:?} must occur once in mini.json"
    );
    MINI.replacen(from, to, 1)
}

/// 1-based line and character column where `needle` (unique) starts.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} must occur once");
    let offset = text.find(needle).unwrap();
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

#[test]
fn mini_fixture_loads_from_a_file() {
    let (result, _) = load(MINI.as_bytes());
    let dataset = result.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(dataset.tabs.len(), 4);
    assert!(dataset.events.len() >= 6);
    let kinds: Vec<&str> = dataset
        .footnotes
        .iter()
        .map(|f| match f.body {
            FootnoteBody::Citation(_) => "citation",
            FootnoteBody::Backref { .. } => "backref",
            FootnoteBody::Note { .. } => "note",
            FootnoteBody::Unresolved { .. } => "unresolved",
        })
        .collect();
    for kind in ["citation", "backref", "note", "unresolved"] {
        assert!(kinds.contains(&kind), "mini.json should have a {kind} footnote");
    }
    assert!(dataset.entities.iter().any(|e| e.name.contains('ğ')));
}

#[test]
fn embedded_dataset_is_valid() {
    let dataset = data::embedded();
    assert!(data::validate(&dataset, data::EMBEDDED_JSON).is_empty());
    assert_eq!(data::EMBEDDED_ORIGIN, "<embedded dataset>");
}

#[test]
fn missing_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.json");
    let err = data::load_path(&path).unwrap_err();
    assert!(
        matches!(&err, LoadError::Io { path: p, .. } if p == &path),
        "{err:?}"
    );
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("cannot read {}: ", path.display())),
        "{shown}"
    );
    assert_eq!(shown.lines().count(), 1);
}

#[test]
fn directory_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = data::load_path(dir.path()).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
}

#[test]
fn empty_and_whitespace_files_are_empty() {
    for bytes in [&b""[..], b"  \n\n\t", b"\xef\xbb\xbf"] {
        let (result, name) = load(bytes);
        let err = result.unwrap_err();
        assert!(matches!(err, LoadError::Empty { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!("{name} is empty: expected a JSON dataset object")
        );
    }
}

#[test]
fn non_utf8_file_is_located() {
    // Windows-1254 "ı" (0xFD) in an otherwise fine file: mark the spot
    // with a NUL character, then swap in the stray byte.
    let text = mini_with("Avrasya Dosyası", "Avrasya Dosyas\u{0}");
    let (line, column) = position_of(&text, "\u{0}");
    let mut bytes = text.into_bytes();
    let at = bytes.iter().position(|&b| b == 0).unwrap();
    bytes[at] = 0xFD;
    let (result, name) = load(&bytes);
    let err = result.unwrap_err();
    assert!(
        matches!(err, LoadError::NotUtf8 { line: l, column: c, .. } if (l, c) == (line, column)),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("{name} is not UTF-8 text (invalid byte at line {line}, column {column})")
    );
}

#[test]
fn truncated_file_says_it_ends_unexpectedly() {
    let mut cut = MINI.len() / 2;
    while !MINI.is_char_boundary(cut) {
        cut -= 1;
    }
    let (result, name) = load(&MINI.as_bytes()[..cut]);
    let err = result.unwrap_err();
    let shown = err.to_string();
    assert!(matches!(err, LoadError::Syntax { .. }), "{err:?}");
    assert!(shown.starts_with(&format!("{name}:")), "{shown}");
    assert!(
        shown.contains("invalid JSON: the text ends unexpectedly"),
        "{shown}"
    );
    assert!(shown.contains("truncated"), "{shown}");
    assert_eq!(shown.lines().count(), 1);
}

#[test]
fn wrong_type_names_the_path_and_position() {
    let text = mini_with(r#"{"number": 4, "#, r#"{"number": "four", "#);
    let (line, column) = position_of(&text, r#""four""#);
    let (result, name) = load(text.as_bytes());
    let err = result.unwrap_err();
    assert!(
        matches!(&err, LoadError::Schema { path, line: l, column: c, .. }
            if path == "footnotes[3].number" && (*l, *c) == (line, column)),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{name}:{line}:{column}: at footnotes[3].number: expected a whole number from 0 to 4294967295, found string \"four\""
        )
    );
}

#[test]
fn semantic_problems_are_all_reported_and_located() {
    let text = mini_with(r#""date": "2009-10-03""#, r#""date": "2009-02-30""#);
    let text = text.replacen(r#""refers_to": 1"#, r#""refers_to": 5"#, 1);
    let text = text.replacen(r#""actors": ["tika"]"#, r#""actors": ["tıka"]"#, 1);
    let date = position_of(&text, r#""2009-02-30""#);
    let backref = position_of(&text, "5}");
    let actor = position_of(&text, r#""tıka""#);
    let (result, name) = load(text.as_bytes());
    let err = result.unwrap_err();
    let LoadError::Invalid { origin, problems } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(origin, &name);
    let got: Vec<(&str, (usize, usize))> = problems
        .iter()
        .map(|p: &Problem| (p.path.as_str(), (p.line, p.column)))
        .collect();
    assert_eq!(
        got,
        [
            ("events[5].date", date),
            ("events[6].actors[0]", actor),
            ("footnotes[2].refers_to", backref),
            ("footnotes[2].refers_to", backref),
        ]
    );
    assert!(problems[0].message.contains("day 30 does not exist in 2009-02"));
    assert!(problems[1].message.contains(r#"unknown entity "tıka""#));
    assert!(problems[2].message.contains("points forward"));
    assert!(
        problems[3]
            .message
            .contains("which is an unresolved short title, not a citation")
    );
    let shown = err.to_string();
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 5, "{shown}");
    assert_eq!(lines[0], format!("{name}: 4 problems:"));
    assert_eq!(
        lines[1],
        format!(
            "{name}:{}:{}: events[5].date: invalid date \"2009-02-30\": day 30 does not exist in 2009-02 (it has 28 days)",
            date.0, date.1
        )
    );
}

#[test]
fn load_bytes_and_load_path_agree() {
    let text = mini_with(r#""tab": "security""#, r#""tab": "military""#);
    let from_bytes = data::load_bytes(text.as_bytes(), "mini.json").unwrap_err();
    let (from_path, _) = load(text.as_bytes());
    match (from_bytes, from_path.unwrap_err()) {
        (LoadError::Invalid { problems: a, .. }, LoadError::Invalid { problems: b, .. }) => {
            assert_eq!(a, b);
            assert_eq!(a.len(), 1);
            assert_eq!(a[0].path, "events[4].tab");
            assert!(a[0].message.starts_with(
                r#"unknown tab "military": expected one of political, economic, security, regional"#
            ));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn problem_display_is_path_position_message() {
    let problem = Problem {
        path: "events[3].date".into(),
        line: 12,
        column: 15,
        message: "invalid date".into(),
    };
    assert_eq!(problem.to_string(), "events[3].date (12:15): invalid date");
}

#[test]
fn every_line_of_every_error_is_single() {
    let cases: Vec<Vec<u8>> = vec![
        b"{".to_vec(),
        b"{\"document\": 1}".to_vec(),
        b"\xff\xfe{}".to_vec(),
        mini_with("\"number\": 6,", "\"number\": -6,").into_bytes(),
        mini_with("\"value\": 500,", "\"value\": 1e999,").into_bytes(),
        mini_with(
            "\"url\": \"https://example.org/notes/defence\"",
            "\"url\": \"https://example.org/a\\nb\"",
        )
        .into_bytes(),
    ];
    for bytes in cases {
        let (result, _) = load(&bytes);
        let err = result.unwrap_err();
        let shown = err.to_string();
        let expected = match &err {
            LoadError::Invalid { problems, .. } => problems.len() + 1,
            _ => 1,
        };
        assert_eq!(shown.lines().count(), expected, "{shown}");
    }
}

#[test]
fn fixture_path_on_disk_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini.json");
    assert!(data::load_path(&path).is_ok());
}

/// Every dataset the project ships or tests with, the embedded one and the
/// version 1 original among them, is valid under the published JSON
/// Schema, and the schema refuses what the loader refuses.
#[test]
fn the_published_json_schema_validates_every_fixture() {
    let schema = dossier::model::json_schema();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    let mut checked = vec![("embedded".to_string(), data::EMBEDDED_JSON.to_string())];
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            checked.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    assert!(checked.len() >= 4, "{checked:?}");
    for (name, text) in &checked {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    let mut bad: serde_json::Value = serde_json::from_str(MINI).unwrap();
    bad["tabs"][0]["id"] = "Not A Slug".into();
    bad["events"][0]["colour"] = "red".into();
    bad["document"].as_object_mut().unwrap().remove("title");
    let errors = validator.iter_errors(&bad).count();
    assert!(errors >= 3, "{errors} errors");
}

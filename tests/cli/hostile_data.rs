//! Hostile and broken dataset files through the public loader: arbitrary
//! JSON, the schema's shape with random damage, and each limit. Every
//! input either loads or is refused with a message that says where; none
//! panics, and refusals stay short whatever the input.
// A test or tool of our own, printing its own messages.
#![allow(clippy::disallowed_macros)]

use std::sync::OnceLock;

use dossier::data::{self, Limits, LoadError};
use dossier::model::Dataset;
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

const MINI: &str = include_str!("../fixtures/mini.json");
const HOSTILE: &str = include_str!("../fixtures/hostile.json");

/// Small limits, so that random inputs reach them.
const LIMITS: Limits = Limits {
    max_bytes: 1 << 20,
    max_string_bytes: 2000,
    max_problems: 20,
};

/// Longest line of any error message: quoted input is cut short.
const MAX_LINE_CHARS: usize = 1000;

fn mini() -> &'static Value {
    static CELL: OnceLock<Value> = OnceLock::new();
    CELL.get_or_init(|| serde_json::from_str(MINI).expect("mini.json is JSON"))
}

/// Loads `bytes` and checks the outcome: a dataset that survives a round
/// trip, or an error that says where, in short lines.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match data::load_bytes_with(bytes, "t.json", &LIMITS) {
        Ok(dataset) => {
            let json = serde_json::to_vec(&dataset).expect("a dataset serializes");
            let again = data::load_bytes_with(&json, "t.json", &LIMITS);
            prop_assert!(
                again.is_ok(),
                "written back, it no longer loads: {:?}",
                again.err()
            );
            prop_assert_eq!(again.ok(), Some(dataset));
        }
        Err(err) => {
            let shown = err.to_string();
            prop_assert!(located(&err), "not located: {}", shown);
            prop_assert!(
                !shown.chars().any(|c| dangerous(c) && c != '\n'),
                "raw control or bidi character in: {:?}",
                shown
            );
            for line in shown.lines() {
                prop_assert!(
                    line.chars().count() <= MAX_LINE_CHARS,
                    "a line of {} chars",
                    line.len()
                );
            }
            let listed = match &err {
                LoadError::Invalid { problems, .. } | LoadError::TooManyProblems { problems, .. } => {
                    problems.len()
                }
                _ => 0,
            };
            prop_assert!(listed <= LIMITS.max_problems);
            prop_assert_eq!(shown.lines().count(), listed + 1, "{}", shown);
        }
    }
    Ok(())
}

/// Whether the message of `err` says where: line:column (and the JSON path
/// where there is one), or the file itself when the whole file is at fault.
fn located(err: &LoadError) -> bool {
    let shown = err.to_string();
    match err {
        LoadError::Empty { .. } | LoadError::TooLarge { .. } => shown.starts_with("t.json is "),
        LoadError::NotUtf8 { line, column, .. } => {
            shown.contains(&format!("at line {line}, column {column}"))
        }
        LoadError::Syntax { line, column, .. } => shown.starts_with(&format!("t.json:{line}:{column}: ")),
        LoadError::Schema {
            line, column, path, ..
        } => {
            let shown_path = if path.is_empty() {
                "the top level"
            } else {
                path.as_str()
            };
            shown.starts_with(&format!("t.json:{line}:{column}: at {shown_path}: "))
        }
        LoadError::Invalid { problems, .. } | LoadError::TooManyProblems { problems, .. } => {
            !problems.is_empty()
                && problems.iter().all(|p| {
                    !p.path.is_empty()
                        && shown.contains(&format!("t.json:{}:{}: {}: ", p.line, p.column, p.path))
                })
        }
        LoadError::Io { .. } | LoadError::Setting { .. } => false,
    }
}

/// What must not reach a terminal raw (as tests/tui/hostile_terminal.rs).
fn dangerous(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Text that likes to break things: controls, escapes, bidi overrides,
/// astral and combining characters, quotes and backslashes.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,20}",
        "[\\x00-\\x1f\\x7f-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}a-z\"\\\\ ]{0,30}",
        Just("\u{1b}]52;c;SGVsbG8=\u{7}".to_string()),
        Just("\u{1b}[2J\u{1b}[H".to_string()),
        Just("e\u{301}\u{1f600}\u{feff}\u{fffd}".to_string()),
        Just(String::new()),
        Just("   ".to_string()),
        (1usize..6000).prop_map(|n| "x".repeat(n)),
    ]
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from),
        any::<u64>().prop_map(Number::from),
        (0u32..10).prop_map(Number::from),
        any::<f64>().prop_filter_map("finite", Number::from_f64),
    ]
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(Value::Number),
        nasty_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((nasty_string(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// One way of damaging a dataset, applied at a position chosen by `at`
/// among the values of the document.
#[derive(Debug, Clone)]
enum Damage {
    /// Remove an object member or array element.
    Drop,
    /// Replace the value with any value (usually of another type).
    Replace(Value),
    /// Replace a string with nasty text.
    Text(String),
    /// Add an unknown member to an object.
    Unknown(String, Value),
    /// Wrap the value in this many arrays.
    Nest(usize),
    /// Replace an array with many copies of its first element.
    Repeat(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        3 => Just(Damage::Drop),
        3 => any_json().prop_map(Damage::Replace),
        4 => nasty_string().prop_map(Damage::Text),
        1 => (nasty_string(), any_json()).prop_map(|(k, v)| Damage::Unknown(k, v)),
        1 => (1usize..300).prop_map(Damage::Nest),
        1 => (0usize..200).prop_map(Damage::Repeat),
    ]
}

/// Counts the values in `value`, itself included.
fn count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(members) => members.values().map(count).sum(),
        _ => 0,
    }
}

/// Applies `damage` to the `at`-th value (pre-order, modulo the count).
fn apply(root: &mut Value, at: usize, damage: &Damage) {
    let target = at % count(root);
    let mut seen = 0;
    visit(root, target, &mut seen, damage);
}

fn visit(value: &mut Value, target: usize, seen: &mut usize, damage: &Damage) -> bool {
    if *seen == target {
        damage_here(value, damage);
        return true;
    }
    *seen += 1;
    match value {
        Value::Array(items) => {
            for i in 0..items.len() {
                let before = *seen;
                if *seen + count(&items[i]) > target {
                    if matches!(damage, Damage::Drop) && before == target {
                        items.remove(i);
                        return true;
                    }
                    return visit(&mut items[i], target, seen, damage);
                }
                *seen += count(&items[i]);
            }
            false
        }
        Value::Object(members) => {
            let keys: Vec<String> = members.keys().cloned().collect();
            for key in keys {
                let size = count(&members[&key]);
                if *seen + size > target {
                    if matches!(damage, Damage::Drop) && *seen == target {
                        members.remove(&key);
                        return true;
                    }
                    return visit(members.get_mut(&key).expect("key listed"), target, seen, damage);
                }
                *seen += size;
            }
            false
        }
        _ => false,
    }
}

fn damage_here(value: &mut Value, damage: &Damage) {
    match damage {
        // Dropping the root (or what `visit` reached first) empties it.
        Damage::Drop => *value = Value::Object(Map::new()),
        Damage::Replace(v) => *value = v.clone(),
        Damage::Text(s) => {
            if value.is_string() {
                *value = Value::String(s.clone());
            }
        }
        Damage::Unknown(k, v) => {
            if let Value::Object(members) = value {
                members.insert(k.clone(), v.clone());
            }
        }
        Damage::Nest(depth) => {
            for _ in 0..*depth {
                *value = Value::Array(vec![value.take()]);
            }
        }
        Damage::Repeat(n) => {
            if let Value::Array(items) = value
                && let Some(first) = items.first().cloned()
            {
                *items = vec![first; *n];
            }
        }
    }
}

/// Text-level damage that a `Value` cannot hold: a duplicate key, a
/// stray byte, a cut.
#[derive(Debug, Clone)]
enum TextDamage {
    None,
    /// Repeat the first member of the `n`-th object.
    DuplicateKey(usize),
    /// Overwrite the byte at `at` (modulo the length).
    Byte(usize, u8),
    /// Keep only the first `at` bytes (modulo the length).
    Cut(usize),
}

fn text_damage() -> impl Strategy<Value = TextDamage> {
    prop_oneof![
        4 => Just(TextDamage::None),
        2 => any::<usize>().prop_map(TextDamage::DuplicateKey),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| TextDamage::Byte(at, b)),
        1 => any::<usize>().prop_map(TextDamage::Cut),
    ]
}

fn damage_text(text: String, damage: &TextDamage) -> Vec<u8> {
    match *damage {
        TextDamage::None => text.into_bytes(),
        TextDamage::DuplicateKey(n) => {
            // `{"key": value, ...` becomes `{"key": "dup", "key": value, ...`.
            let opens: Vec<usize> = text.match_indices("{\"").map(|(i, _)| i).collect();
            if opens.is_empty() {
                return text.into_bytes();
            }
            let at = opens[n % opens.len()];
            let key_end = text[at + 2..].find('"').map_or(at + 2, |e| at + 2 + e);
            let key = &text[at + 1..=key_end];
            format!("{}{key}: \"dup\", {}", &text[..=at], &text[at + 1..]).into_bytes()
        }
        TextDamage::Byte(at, byte) => {
            let mut bytes = text.into_bytes();
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
            bytes
        }
        TextDamage::Cut(at) => {
            let mut bytes = text.into_bytes();
            bytes.truncate(at % (bytes.len() + 1));
            bytes
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_loads_or_is_a_located_error(value in any_json(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        };
        check(text.expect("a value serializes").as_bytes())?;
    }

    #[test]
    fn damaged_datasets_load_or_are_located_errors(
        damages in prop::collection::vec((any::<usize>(), damage()), 1..5),
        text_damage in text_damage(),
        pretty in any::<bool>(),
    ) {
        let mut value = mini().clone();
        for (at, damage) in &damages {
            apply(&mut value, *at, damage);
        }
        let text = if pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        };
        check(&damage_text(text.expect("a value serializes"), &text_damage))?;
    }

    #[test]
    fn nasty_text_in_any_string_field_loads_or_is_located(
        texts in prop::collection::vec((any::<usize>(), nasty_string()), 1..8),
    ) {
        let mut value: Value = serde_json::from_str(HOSTILE).expect("hostile.json is JSON");
        for (at, text) in &texts {
            apply(&mut value, *at, &Damage::Text(text.clone()));
        }
        check(serde_json::to_string(&value).expect("a value serializes").as_bytes())?;
    }
}

#[test]
fn the_fixtures_load() {
    for (name, text) in [("mini", MINI), ("hostile", HOSTILE)] {
        data::load_bytes_with(text.as_bytes(), name, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn deep_nesting_is_refused_with_a_located_message() {
    // Where the schema allows nesting (a footnote's unknown members are
    // buffered), serde_json's depth limit stops it; elsewhere the first
    // unexpected member does.
    let deep = format!(
        r#"{{"footnotes": [{{"number": 1, "kind": "note", "text": "t", "x": {}1{}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = data::load_bytes(deep.as_bytes(), "t.json").unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with("t.json:1:188: invalid JSON: nested too deeply: more than 128 arrays and objects inside one another (while reading footnotes[0].x[0][0]"),
        "{shown}"
    );
    assert!(shown.len() < 400, "{shown}");
    for deep in [
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{}0{}", "{\"document\": ".repeat(100_000), "}".repeat(100_000)),
    ] {
        let err = data::load_bytes(deep.as_bytes(), "t.json").unwrap_err();
        assert!(located(&err), "{err}");
        assert!(err.to_string().len() < 400, "{err}");
    }
}

#[test]
fn duplicate_keys_are_located() {
    let text = MINI.replacen("\"id\": \"", "\"id\": \"x\", \"id\": \"", 1);
    let err = data::load_bytes(text.as_bytes(), "t.json").unwrap_err();
    assert!(located(&err), "{err}");
    assert!(err.to_string().contains("duplicate field `id`"), "{err}");
}

#[test]
fn zero_events_is_refused() {
    let mut value = mini().clone();
    value["events"] = Value::Array(Vec::new());
    let text = serde_json::to_string_pretty(&value).unwrap();
    let err = data::load_bytes(text.as_bytes(), "t.json").unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.ends_with(": events: no events: a dataset needs at least one event"),
        "{shown}"
    );
    assert!(located(&err), "{shown}");
}

/// mini.json with `n` footnotes, all citations numbered by `number(i)`
/// for i in 1..=n, the events citing only footnote 1: valid when the
/// numbers are distinct.
fn with_footnotes(n: u32, number: impl Fn(u32) -> u32) -> String {
    let mut value = mini().clone();
    for event in value["events"].as_array_mut().unwrap() {
        event["footnotes"] = serde_json::json!([1]);
        event["quotes"] = serde_json::json!([]);
    }
    value["footnotes"] = Value::Array(Vec::new());
    let mut text = serde_json::to_string(&value).unwrap();
    let open = text.find(r#""footnotes":[]"#).expect("emptied above") + r#""footnotes":["#.len();
    let mut notes = String::new();
    for i in 1..=n {
        if i > 1 {
            notes.push(',');
        }
        notes.push_str(&format!(
            r#"{{"number":{},"kind":"citation","title":"Source {i}","outlet":"Outlet","url":"https://example.org/{i}"}}"#,
            number(i)
        ));
    }
    text.insert_str(open, &notes);
    text
}

#[test]
fn a_hundred_thousand_footnotes_load() {
    let text = with_footnotes(100_000, |i| i);
    let dataset = data::load_bytes(text.as_bytes(), "t.json").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dataset.footnotes.len(), 100_000);
}

#[test]
fn a_hundred_thousand_problems_are_counted_not_all_listed() {
    // Every footnote numbered 1: each after the first is a duplicate.
    let text = with_footnotes(100_000, |_| 1);
    let err = data::load_bytes(text.as_bytes(), "t.json").unwrap_err();
    let LoadError::TooManyProblems { total, problems, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(*total, 99_999);
    assert_eq!(problems.len(), Limits::DEFAULT_MAX_PROBLEMS);
    let shown = err.to_string();
    assert_eq!(shown.lines().count(), Limits::DEFAULT_MAX_PROBLEMS + 1);
    assert!(
        shown.starts_with("t.json: 99999 problems, 1000 of them listed"),
        "{}",
        &shown[..200]
    );
    assert!(located(&err));
}

/// The million-footnote case of issue 8, in release mode:
/// `cargo test --release --test hostile_data -- --ignored`.
#[test]
#[ignore = "takes about 15 s in a debug build; run with --release"]
fn a_million_footnotes_load_quickly() {
    let text = with_footnotes(1_000_000, |i| i);
    let start = std::time::Instant::now();
    let dataset: Dataset = data::load_bytes(text.as_bytes(), "t.json").unwrap_or_else(|e| panic!("{e}"));
    let took = start.elapsed();
    eprintln!(
        "{} MB, 1,000,000 footnotes loaded in {took:?}",
        text.len() / 1_000_000
    );
    assert_eq!(dataset.footnotes.len(), 1_000_000);
    assert!(took.as_secs() < 10, "{took:?}");
}

#[test]
fn strings_over_the_limit_are_located() {
    let mut value = mini().clone();
    value["events"][2]["summary"] = Value::String("ş".repeat(600_000));
    let text = serde_json::to_string_pretty(&value).unwrap();
    let err = data::load_bytes(text.as_bytes(), "t.json").unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains(": events[2].summary: string of 1.1 MiB (1200000 bytes) is over the limit of 1 MiB (1048576 bytes) per string"),
        "{shown}"
    );
    assert!(located(&err), "{shown}");
}

#[test]
fn the_size_limit_is_configurable_from_the_environment() {
    // Through the binary, so the variable is set for that process alone.
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--data", fixture, "list"])
        .env("DOSSIER_MAX_BYTES", "1K")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("mini.json is too large: the limit is 1 KiB (1024 bytes), the file is"),
        "{stderr}"
    );
    assert!(
        stderr.contains("set DOSSIER_MAX_BYTES to a larger size"),
        "{stderr}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--data", fixture, "list"])
        .env("DOSSIER_MAX_BYTES", "lots")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("DOSSIER_MAX_BYTES=\"lots\" is not usable: expected a size in bytes"),
        "{stderr}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--data", fixture, "list"])
        .env("DOSSIER_MAX_BYTES", "1M")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn endless_input_is_cut_at_the_limit() {
    use std::io::Write;
    use std::os::fd::AsRawFd;
    // A pipe that never ends, as `--data <(yes)` gives; the writer stops
    // when the reader goes.
    let (reader, mut writer) = std::io::pipe().unwrap();
    std::thread::spawn(move || while writer.write_all(&[b' '; 4096]).is_ok() {});
    let path = std::path::Path::new("/proc/self/fd").join(reader.as_raw_fd().to_string());
    let err = data::load_path_with(
        &path,
        &Limits {
            max_bytes: 1 << 20,
            ..Limits::default()
        },
    )
    .unwrap_err();
    drop(reader);
    assert!(matches!(err, LoadError::TooLarge { size: None, .. }), "{err:?}");
    // A device is refused before anything is read.
    let err = data::load_path(std::path::Path::new("/dev/zero")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
}

#[test]
fn messages_quote_hostile_input_escaped() {
    let key = "k\u{1b}]0;title\u{7}\u{202e}";
    let mut value = mini().clone();
    value["document"][key] = Value::from(1);
    value["events"][0]["date"] = Value::from("2017\u{1b}[2J\u{202e}");
    let text = serde_json::to_string(&value).unwrap();
    let err = data::load_bytes(text.as_bytes(), "evil\u{1b}[2J\u{202e}.json").unwrap_err();
    let shown = err.to_string();
    assert!(!shown.chars().any(dangerous), "{shown:?}");
    assert!(shown.starts_with("evil\\u{1b}[2J\\u{202e}.json:"), "{shown}");
    assert!(
        shown.contains(
            r#"at document["k\u001b]0;title\u0007\u202e"]: unknown field `k\u{1b}]0;title\u{7}\u{202e}`"#
        ),
        "{shown}"
    );
    value["document"].as_object_mut().unwrap().remove(key);
    let text = serde_json::to_string(&value).unwrap();
    let err = data::load_bytes(text.as_bytes(), "t.json").unwrap_err();
    let shown = err.to_string();
    assert!(!shown.chars().any(|c| dangerous(c) && c != '\n'), "{shown:?}");
    assert!(
        shown
            .contains(r#"invalid date: expected YYYY, YYYY-MM or YYYY-MM-DD, found "2017\u{1b}[2J\u{202e}""#),
        "{shown}"
    );
}

/// Regression (was a bug in src/app/rows.rs): `App::new` builds the
/// Sources rows with `rows::sources`, which calls `folded_into` for every
/// footnote, and that found footnotes by scanning them all: quadratic. A
/// dossier with 20,000 footnotes took seconds to open (more in a debug
/// build), and the 1,000,000 that load in about a second would take
/// hours. Fixed: footnotes are found through the dataset's
/// `lookup::DatasetIndex`, built once.
#[test]
fn a_dossier_with_many_footnotes_opens_quickly() {
    let open = |n: u32| {
        let text = with_footnotes(n, |i| i);
        let dataset = data::load_bytes(text.as_bytes(), "t.json").unwrap_or_else(|e| panic!("{e}"));
        let start = std::time::Instant::now();
        let app = dossier::app::App::new(dataset, dossier::app::Theme::default());
        assert_eq!(app.dataset.footnotes.len(), n as usize);
        start.elapsed()
    };
    let (small, large) = (open(10_000), open(30_000));
    eprintln!("App::new: {small:?} for 10,000 footnotes, {large:?} for 30,000");
    // Linear would be about 3 times longer; quadratic, 9.
    assert!(
        large < small * 5,
        "3 times the footnotes took {:.1} times longer",
        large.as_secs_f64() / small.as_secs_f64()
    );
}

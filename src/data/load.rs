//! From bytes to a checked [`Dataset`]: the size limit, text decoding,
//! JSON parsing with path tracking, then validation.

use std::io::{BufReader, Read};
use std::path::Path;

use serde::Deserialize;
use serde_json::error::Category;

use crate::fsutil::{Accept, ReadError};
use crate::model::Dataset;

use super::error::LoadError;
use super::limits::{Limits, MAX_DEPTH, shorten_message};
use super::locate::{Lines, Position};
use super::path::{JsonPath, Seg};
use super::scan::{Found, find_all};
use super::validate::{is_valid, report};

/// Reads, parses and validates the dataset file at `path`, under the
/// default [`Limits`] with `DOSSIER_MAX_BYTES` applied
/// ([`Limits::from_env`]).
pub fn load_path(path: &Path) -> Result<Dataset, LoadError> {
    load_path_with(path, &Limits::from_env()?)
}

/// Parses and validates `bytes` read from `origin` (a file name, used in
/// messages), under the default [`Limits`] with `DOSSIER_MAX_BYTES`
/// applied ([`Limits::from_env`]).
pub fn load_bytes(bytes: &[u8], origin: &str) -> Result<Dataset, LoadError> {
    load_bytes_with(bytes, origin, &Limits::from_env()?)
}

/// [`load_path`] under `limits`.
pub fn load_path_with(path: &Path, limits: &Limits) -> Result<Dataset, LoadError> {
    let bytes = read_path_with(path, limits)?;
    load_bytes_with(&bytes, &path.display().to_string(), limits)
}

/// [`load_path`] without the file's bytes and the dataset in memory at
/// once, for commands that need neither the text nor its hash (`list`,
/// `show`, `footnote`, `export`): the JSON is parsed as it is read. Only a
/// file with a problem is then read whole, again, to say what and where.
pub fn load_path_streaming(path: &Path) -> Result<Dataset, LoadError> {
    let limits = Limits::from_env()?;
    if let Some(dataset) = parse_streaming(path, &limits).filter(|d| is_valid(d, &limits)) {
        return Ok(dataset);
    }
    load_path_with(path, &limits)
}

/// The dataset in `path`, parsed as it is read, if the file is within
/// `limits.max_bytes` and parses; `None` leaves saying why to the loader
/// that reads the whole file.
fn parse_streaming(path: &Path, limits: &Limits) -> Option<Dataset> {
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if meta.is_file() && meta.len() > limits.max_bytes {
        return None;
    }
    let mut reader = BufReader::new(file.take(limits.max_bytes.saturating_add(1)));
    let mut de = serde_json::Deserializer::from_reader(&mut reader);
    let dataset = Dataset::deserialize(&mut de).ok()?;
    de.end().ok()?;
    // Whatever the file claimed, reading stopped at the limit.
    (reader.into_inner().limit() > 0).then_some(dataset)
}

/// The bytes of the file at `path`, under the default [`Limits`] with
/// `DOSSIER_MAX_BYTES` applied, for callers that need the text as well as
/// the dataset (the browser keys its memory by it).
pub fn read_path(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_path_with(path, &Limits::from_env()?)
}

/// Reads `path` under `limits`. A file over [`Limits::max_bytes`] is
/// refused before it is read, and reading stops at the limit whatever the
/// file claims (a pipe, a file growing). A pipe is accepted (`--data
/// <(…)`), a directory or a device is not; opening never waits for a
/// named pipe's writer (see [`crate::fsutil::open`]).
fn read_path_with(path: &Path, limits: &Limits) -> Result<Vec<u8>, LoadError> {
    let too_large = |size| LoadError::TooLarge {
        origin: path.display().to_string(),
        size,
        limit: limits.max_bytes,
    };
    let io = |error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    };
    if path == Path::new(STDIN) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limits.max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > limits.max_bytes {
            return Err(too_large(None));
        }
        return Ok(bytes);
    }
    crate::fsutil::read(path, Accept::FileOrPipe, limits.max_bytes).map_err(|e| match e {
        ReadError::Io(error) => io(error),
        ReadError::TooLarge(size) => too_large(size),
    })
}

/// The path that names standard input, as most tools take it.
pub const STDIN: &str = "-";

/// [`load_bytes`] under `limits`.
pub fn load_bytes_with(bytes: &[u8], origin: &str, limits: &Limits) -> Result<Dataset, LoadError> {
    let (dataset, text) = parse_with(bytes, origin, limits)?;
    check_with(&dataset, text, origin, limits)?;
    Ok(dataset)
}

/// The first half of [`load_bytes`]: the size limit, decoding and
/// parsing, without validation; with the decoded text, which [`check`]
/// needs. Validate the dataset with [`check`] before trusting it, unless
/// the same text is known valid (the index cache holds an entry for it).
pub fn parse_bytes<'b>(bytes: &'b [u8], origin: &str) -> Result<(Dataset, &'b str), LoadError> {
    parse_with(bytes, origin, &Limits::from_env()?)
}

/// The second half of [`load_bytes`]: every problem of `dataset`, parsed
/// from `text`, located.
pub fn check(dataset: &Dataset, text: &str, origin: &str) -> Result<(), LoadError> {
    check_with(dataset, text, origin, &Limits::from_env()?)
}

fn parse_with<'b>(bytes: &'b [u8], origin: &str, limits: &Limits) -> Result<(Dataset, &'b str), LoadError> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(LoadError::TooLarge {
            origin: origin.to_string(),
            size: Some(bytes.len() as u64),
            limit: limits.max_bytes,
        });
    }
    let text = decode(bytes, origin)?;
    Ok((parse(text, origin)?, text))
}

fn check_with(dataset: &Dataset, text: &str, origin: &str, limits: &Limits) -> Result<(), LoadError> {
    let report = report(dataset, text, limits);
    let origin = origin.to_string();
    match report {
        r if r.problems.is_empty() && r.total == 0 => Ok(()),
        r if r.total > r.problems.len() => Err(LoadError::TooManyProblems {
            origin,
            total: r.total,
            problems: r.problems,
        }),
        r => Err(LoadError::Invalid {
            origin,
            problems: r.problems,
        }),
    }
}

/// UTF-8 text without a byte-order mark, and not blank.
fn decode<'b>(bytes: &'b [u8], origin: &str) -> Result<&'b str, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty {
            origin: origin.to_string(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|err| {
        // The valid prefix is UTF-8, so it can be measured as text.
        let prefix = std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default();
        let Position { line, column } = Lines::new(prefix).position(prefix.len());
        let origin = origin.to_string();
        match err.error_len() {
            // The bytes stop partway through a character: a cut-off file.
            None => LoadError::Syntax {
                origin,
                line,
                column,
                message: "the text ends in the middle of a UTF-8 character: the file may be truncated"
                    .to_string(),
            },
            Some(_) => LoadError::NotUtf8 { origin, line, column },
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            origin: origin.to_string(),
        });
    }
    Ok(text)
}

/// Parses JSON text into the schema types, locating the first error.
fn parse(text: &str, origin: &str) -> Result<Dataset, LoadError> {
    // serde would read an array as a struct's fields in order; a top-level
    // array is a mistake (an events list given alone, say): say so plainly.
    let start = text.len() - text.trim_start().len();
    if text[start..].starts_with('[') {
        let Position { line, column } = Lines::new(text).position(start);
        return Err(LoadError::Schema {
            origin: origin.to_string(),
            path: String::new(),
            line,
            column,
            message: "expected an object (the dataset), found an array".to_string(),
        });
    }
    // Tracking the path costs a fifth of the parse: a sound file goes
    // without it, and only a broken one is parsed again to say where.
    if let Ok(dataset) = serde_json::from_str(text) {
        return Ok(dataset);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result = serde_path_to_error::deserialize::<_, Dataset>(&mut de)
        .map_err(|err| {
            let path = convert_path(err.path());
            (path, err.into_inner())
        })
        .and_then(|dataset| de.end().map(|()| dataset).map_err(|err| (JsonPath::root(), err)));
    result.map_err(|(path, err)| to_load_error(text, origin, &path, &err))
}

/// serde_path_to_error's path as ours; enum variants are not part of the
/// JSON structure and are skipped, unknown steps end the path.
fn convert_path(path: &serde_path_to_error::Path) -> JsonPath {
    let mut out = JsonPath::root();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => out.0.push(Seg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => out.0.push(Seg::Key(key.clone())),
            serde_path_to_error::Segment::Enum { .. } => {}
            serde_path_to_error::Segment::Unknown => break,
        }
    }
    out
}

fn to_load_error(text: &str, origin: &str, path: &JsonPath, err: &serde_json::Error) -> LoadError {
    let lines = Lines::new(text);
    // serde_json counts columns in bytes; ours count characters.
    let reported = if err.line() == 0 {
        Position { line: 1, column: 1 }
    } else {
        lines.position(lines.offset_of_byte_column(err.line(), err.column()))
    };
    // serde quotes some input verbatim (unknown field names...): keep the
    // message on one line and short whatever the input.
    let message = shorten_message(&one_line(&bare_message(err)));
    let origin = origin.to_string();
    match err.classify() {
        Category::Eof => {
            // serde_json points at the last character; the problem is
            // what comes after it.
            let end = lines.position(text.len());
            LoadError::Syntax {
                origin,
                line: end.line,
                column: end.column,
                message: eof_message(&message, path),
            }
        }
        Category::Syntax | Category::Io => {
            let message = match message.as_str() {
                "recursion limit exceeded" => format!(
                    "nested too deeply: more than {MAX_DEPTH} arrays and objects inside one another{}; a dataset nests at most 5 levels",
                    while_reading(path)
                ),
                _ => format!("{message}{}", while_reading(path)),
            };
            LoadError::Syntax {
                origin,
                line: reported.line,
                column: reported.column,
                message,
            }
        }
        Category::Data => {
            // Prefer the start of the offending value to serde_json's
            // position, which is just after it.
            let Position { line, column } = match find_all(text, &[path])[..] {
                [Found::Exact(offset)] => lines.position(offset),
                _ => reported,
            };
            LoadError::Schema {
                origin,
                path: short_path(path),
                line,
                column,
                message: reword(&message),
            }
        }
    }
}

/// serde_json's message without its " at line L column C" suffix.
fn bare_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match full.strip_suffix(&suffix) {
        Some(bare) => bare.to_string(),
        None => full,
    }
}

/// `text` with control characters (line breaks...) and bidirectional
/// overrides escaped: one line, safe on a terminal.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if crate::sanitize::is_unsafe(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `path` for a message, cut short when an unknown key makes it long.
fn short_path(path: &JsonPath) -> String {
    const MAX_CHARS: usize = 120;
    let mut shown = path.to_string();
    if let Some((cut, _)) = shown.char_indices().nth(MAX_CHARS) {
        shown.truncate(cut);
        shown.push('…');
    }
    shown
}

/// Says plainly that the text stops too early.
fn eof_message(message: &str, path: &JsonPath) -> String {
    let what = message
        .strip_prefix("EOF while parsing ")
        .map(|what| format!(" in the middle of {what}"))
        .unwrap_or_default();
    format!(
        "the text ends unexpectedly{what}{}: the file may be truncated",
        while_reading(path)
    )
}

/// " (while reading PATH)", shortened for deeply nested paths; empty at the
/// top level.
fn while_reading(path: &JsonPath) -> String {
    const MAX_CHARS: usize = 60;
    if path.0.is_empty() {
        return String::new();
    }
    let mut shown = path.to_string();
    if let Some((cut, _)) = shown.char_indices().nth(MAX_CHARS) {
        shown.truncate(cut);
        shown.push('…');
    }
    format!(" (while reading {shown})")
}

/// Turns serde's "invalid type: X, expected Y" into "expected Y, found X",
/// with friendlier names for Rust types.
fn reword(message: &str) -> String {
    let body = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "));
    let Some((found, expected)) = body.and_then(|b| b.rsplit_once(", expected ")) else {
        return message.to_string();
    };
    let expected = match expected {
        "u32" => "a whole number from 0 to 4294967295",
        "i32" => "a whole number from -2147483648 to 2147483647",
        "f64" => "a number",
        "a sequence" => "an array",
        "a boolean" => "true or false",
        other if other.starts_with("struct ") => "an object",
        other if other.starts_with("internally tagged enum") => "an object with a \"kind\"",
        other => other,
    };
    let found = match found {
        "map" => "an object",
        "sequence" => "an array",
        other => other,
    };
    format!("expected {expected}, found {found}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::testdata::{BASE, MINI, edit};
    use std::path::Path;

    fn load(text: &str) -> Result<Dataset, LoadError> {
        load_bytes(text.as_bytes(), "t.json")
    }

    /// Position just past the end of `text`, computed independently.
    fn end_of(text: &str) -> (usize, usize) {
        let line = text.matches('\n').count() + 1;
        let last = text.rsplit('\n').next().unwrap_or("");
        (line, last.chars().count() + 1)
    }

    #[test]
    fn valid_text_loads() {
        let dataset = load(MINI).unwrap();
        assert_eq!(dataset.tabs.len(), 4);
        assert!(load(BASE).is_ok());
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        assert!(load(&format!("\u{feff}{BASE}")).is_ok());
    }

    #[test]
    fn not_utf8_says_where() {
        // Line 2 is `"ğ": "` then a lone 0xFF: the 7th character.
        let err = load_bytes(b"{\n\"\xc4\x9f\": \"\xff\"}", "t.json").unwrap_err();
        assert!(
            matches!(&err, LoadError::NotUtf8 { origin, line: 2, column: 7 } if origin == "t.json"),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "t.json is not UTF-8 text (invalid byte at line 2, column 7)"
        );
        // Latin-1 text, a common mistake.
        let err = load_bytes(b"{\"title\": \"T\xfcrkiye\"}", "t.json").unwrap_err();
        assert!(
            matches!(
                err,
                LoadError::NotUtf8 {
                    line: 1,
                    column: 13,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn empty_and_blank_files() {
        for blank in ["", "   ", "\n\t \r\n", "\u{feff}", "\u{feff}  \n"] {
            let err = load(blank).unwrap_err();
            assert!(matches!(err, LoadError::Empty { .. }), "{blank:?}: {err:?}");
            assert_eq!(err.to_string(), "t.json is empty: expected a JSON dataset object");
        }
    }

    #[test]
    fn truncated_file_ends_unexpectedly() {
        let mut cut = MINI.len() / 2;
        while !MINI.is_char_boundary(cut) {
            cut -= 1;
        }
        let half = &MINI[..cut];
        let err = load(half).unwrap_err();
        let LoadError::Syntax {
            line,
            column,
            message,
            ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!((*line, *column), end_of(half), "{err}");
        assert!(message.contains("ends unexpectedly"), "{err}");
        assert!(message.contains("may be truncated"), "{err}");
        assert!(message.contains("while reading events["), "{err}");
        assert!(
            err.to_string()
                .starts_with(&format!("t.json:{line}:{column}: invalid JSON: "))
        );
    }

    #[test]
    fn truncated_inside_a_character() {
        // `{"a": "` then the first byte of the two-byte "ğ".
        let err = load_bytes(b"{\"a\": \"\xc4", "t.json").unwrap_err();
        assert!(
            matches!(&err, LoadError::Syntax { line: 1, column: 8, message, .. }
                if message.contains("middle of a UTF-8 character")),
            "{err:?}"
        );
    }

    #[test]
    fn every_truncation_is_a_located_syntax_error() {
        let bytes = MINI.as_bytes();
        let end = MINI.trim_end().len();
        for cut in 1..end {
            let err = load_bytes(&bytes[..cut], "t.json").unwrap_err();
            let mut whole = cut;
            while !MINI.is_char_boundary(whole) {
                whole -= 1;
            }
            match &err {
                LoadError::Syntax {
                    line,
                    column,
                    message,
                    ..
                } => {
                    assert!(message.contains("truncated"), "cut at {cut}: {err}");
                    let expected = end_of(&MINI[..whole]);
                    assert_eq!((*line, *column), expected, "cut at {cut}: {err}");
                }
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
    }

    #[test]
    fn wrong_type_at_a_path() {
        let err = load(&edit(&[(r#""number": 3"#, r#""number": "x""#)])).unwrap_err();
        let LoadError::Schema {
            path,
            line,
            column,
            message,
            ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!(path, "footnotes[2].number");
        assert_eq!((*line, *column), (15, 12));
        assert_eq!(
            message,
            r#"expected a whole number from 0 to 4294967295, found string "x""#
        );
        assert_eq!(
            err.to_string(),
            r#"t.json:15:12: at footnotes[2].number: expected a whole number from 0 to 4294967295, found string "x""#
        );
    }

    #[test]
    fn negative_footnote_number() {
        let err = load(&edit(&[(r#""number": 3"#, r#""number": -1"#)])).unwrap_err();
        assert!(
            matches!(&err, LoadError::Schema { path, line: 15, column: 12, message, .. }
                if path == "footnotes[2].number" && message.ends_with("found integer `-1`")),
            "{err:?}"
        );
    }

    #[test]
    fn huge_numbers() {
        let err = load(&edit(&[(
            r#""number": 3"#,
            r#""number": 99999999999999999999999"#,
        )]))
        .unwrap_err();
        assert!(
            matches!(&err, LoadError::Schema { path, line: 15, column: 12, .. }
                if path == "footnotes[2].number"),
            "{err:?}"
        );
        let err = load(&edit(&[(r#""value": 2"#, r#""value": 1e400"#)])).unwrap_err();
        assert!(
            matches!(&err, LoadError::Syntax { line: 6, message, .. }
                if message == "number out of range (while reading events[1].figures[0].value)"),
            "{err:?}"
        );
    }

    #[test]
    fn missing_field_points_at_the_object() {
        let err = load(&edit(&[(r#""title": "Trade", "#, "")])).unwrap_err();
        assert_eq!(err.to_string(), "t.json:6:1: at events[1]: missing field `title`");
    }

    #[test]
    fn unknown_field_points_at_its_value() {
        let err = load(&edit(&[(r#""id": "ev2""#, r#""id": "ev2", "colour": 1"#)])).unwrap_err();
        assert!(
            matches!(&err, LoadError::Schema { path, line: 6, column: 25, message, .. }
                if path == "events[1].colour" && message.starts_with("unknown field `colour`, expected one of `id`")),
            "{err:?}"
        );
    }

    #[test]
    fn input_quoted_in_messages_stays_on_one_line() {
        let err = load(&edit(&[(r#""id": "ev2""#, r#""id": "ev2", "a\nb\u0007": 1"#)])).unwrap_err();
        assert!(
            matches!(&err, LoadError::Schema { path, message, .. }
                if path == r#"events[1]["a\nb\u0007"]"#
                    && message.starts_with(r"unknown field `a\nb\u{7}`")),
            "{err:?}"
        );
        assert_eq!(err.to_string().lines().count(), 1, "{err}");
    }

    #[test]
    fn unknown_entity_kind() {
        let text = edit(&[(
            r#""kind": "person", "description": "d"},"#,
            r#""kind": "robot", "description": "d"},"#,
        )]);
        assert!(
            matches!(load(&text).unwrap_err(), LoadError::Schema { path, line: 9, column: 46, message, .. }
                if path == "entities[0].kind" && message.starts_with("unknown variant `robot`")),
        );
    }

    #[test]
    fn top_level_must_be_an_object() {
        let err = load("\n  [1, 2]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.json:2:3: at the top level: expected an object (the dataset), found an array"
        );
        let err = load("null").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.json:1:1: at the top level: expected an object, found null"
        );
    }

    #[test]
    fn malformed_json_says_where() {
        let err = load(&edit(&[(r#""id": "ev2","#, r#""id": "ev2""#)])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.json:6:14: invalid JSON: expected `,` or `}` (while reading events[1])"
        );
        let err = load(&format!("{BASE}x")).unwrap_err();
        assert_eq!(err.to_string(), "t.json:19:1: invalid JSON: trailing characters");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(load(&deep).is_err());
        let deep = format!("{{\"document\": {}", "{\"a\": ".repeat(100_000));
        assert!(load(&deep).is_err());
        // Unknown keys of a footnote are buffered recursively: serde_json's
        // recursion limit stops them.
        let deep = format!(
            r#"{{"footnotes": [{{"number": 1, "kind": "note", "text": "t", "x": {}1{}}}]}}"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let err = load(&deep).unwrap_err();
        assert!(
            matches!(&err, LoadError::Syntax { line: 1, column: 188, message, .. }
                if message.starts_with("nested too deeply: more than 128 arrays and objects inside one another (while reading footnotes[0].x[0]")
                    && message.ends_with("…); a dataset nests at most 5 levels")),
            "{err:?}"
        );
    }

    #[test]
    fn invalid_dataset_lists_every_problem() {
        let text = edit(&[
            (r#""date": "2016""#, r#""date": "2016-00""#),
            (r#""refers_to": 1"#, r#""refers_to": 9"#),
        ]);
        let err = load(&text).unwrap_err();
        assert!(matches!(&err, LoadError::Invalid { problems, .. } if problems.len() == 2));
        assert_eq!(
            err.to_string(),
            "t.json: 2 problems:\n\
             t.json:6:23: events[1].date: invalid date \"2016-00\": month 0 does not exist (expected 01-12)\n\
             t.json:14:64: footnotes[1].refers_to: refers to footnote 9, which does not exist: expected the number of an earlier citation"
        );
        let one = load(&edit(&[(r#""refers_to": 1"#, r#""refers_to": 9"#)])).unwrap_err();
        assert!(one.to_string().starts_with("t.json: 1 problem:\n"), "{one}");
    }

    #[test]
    fn unreadable_path_is_an_io_error() {
        let missing = Path::new("/nonexistent/dossier/data.json");
        let err = load_path(missing).unwrap_err();
        assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
        assert!(
            err.to_string()
                .starts_with("cannot read /nonexistent/dossier/data.json: "),
            "{err}"
        );
    }

    fn small(limits: impl FnOnce(&mut Limits)) -> Limits {
        let mut l = Limits::default();
        limits(&mut l);
        l
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_before_parsing() {
        let limits = small(|l| l.max_bytes = 100);
        let err = load_bytes_with(BASE.as_bytes(), "t.json", &limits).unwrap_err();
        assert!(
            matches!(err, LoadError::TooLarge { size: Some(s), limit: 100, .. } if s == BASE.len() as u64),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "t.json is too large: the limit is 100 bytes, the file is {} ({} bytes); \
                 set DOSSIER_MAX_BYTES to a larger size (e.g. DOSSIER_MAX_BYTES=4G) to load it",
                super::super::limits::Size(BASE.len() as u64),
                BASE.len()
            )
        );
        // Exactly at the limit is fine.
        let limits = small(|l| l.max_bytes = BASE.len() as u64);
        assert!(load_bytes_with(BASE.as_bytes(), "t.json", &limits).is_ok());
    }

    /// A pipe whose writer is `write`, running on a thread, and its
    /// `/proc/self/fd` path: what `--data <(cat FILE)` opens.
    fn pipe(
        write: impl FnOnce(std::io::PipeWriter) + Send + 'static,
    ) -> (std::io::PipeReader, std::path::PathBuf) {
        use std::os::fd::AsRawFd;
        let (reader, writer) = std::io::pipe().unwrap();
        std::thread::spawn(move || write(writer));
        let path = Path::new("/proc/self/fd").join(reader.as_raw_fd().to_string());
        (reader, path)
    }

    /// Runs `f` on a thread of its own and fails if it takes longer than a
    /// few seconds, so a read that blocks fails instead of hanging.
    fn promptly<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(std::time::Duration::from_secs(5))
            .unwrap_or_else(|_| panic!("{what} still blocks after 5 s"))
    }

    #[test]
    fn endless_pipes_are_read_only_up_to_the_limit() {
        use std::io::Write;
        let limits = small(|l| l.max_bytes = 1 << 16);
        // The writer stops when the reader goes.
        let (reader, path) = pipe(|mut w| while w.write_all(&[0; 4096]).is_ok() {});
        let err = load_path_with(&path, &limits).unwrap_err();
        drop(reader);
        assert!(matches!(err, LoadError::TooLarge { size: None, .. }), "{err:?}");
        assert!(err.to_string().contains("the file is more than that"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, BASE).unwrap();
        let limits = small(|l| l.max_bytes = 10);
        let err = load_path_with(&path, &limits).unwrap_err();
        assert!(
            matches!(err, LoadError::TooLarge { size: Some(_), .. }),
            "{err:?}"
        );
        assert!(load_path_with(&path, &Limits::default()).is_ok());
    }

    #[test]
    fn a_pipe_with_its_writer_loads() {
        use std::io::Write;
        let (reader, path) = pipe(|mut w| w.write_all(BASE.as_bytes()).unwrap());
        assert!(load_path(&path).is_ok());
        drop(reader);
    }

    #[test]
    fn a_named_pipe_without_a_writer_is_empty_not_awaited() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.json");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        let err = promptly("opening a FIFO with no writer", move || load_path(&fifo)).unwrap_err();
        assert!(matches!(err, LoadError::Empty { .. }), "{err:?}");
    }

    #[test]
    fn directories_and_devices_are_refused_saying_what_was_expected() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_path(dir.path()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot read {}: is a directory, expected a regular file or a pipe",
                dir.path().display()
            )
        );
        // /dev/zero never ends: it is refused, not read up to the limit.
        let err = promptly("reading /dev/zero", || load_path(Path::new("/dev/zero"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read /dev/zero: is a character device, expected a regular file or a pipe"
        );
    }

    #[test]
    fn an_os_error_is_said_once() {
        let err = load_path(Path::new("/nonexistent/data.json")).unwrap_err();
        let chain = format!("{:#}", anyhow::Error::from(err));
        assert_eq!(chain.matches("os error 2").count(), 1, "{chain}");
    }

    #[test]
    fn a_string_over_the_limit_is_located_by_path() {
        let long = "é".repeat(600);
        let text = edit(&[(
            r#""summary": "s", "figures""#,
            &format!(r#""summary": "{long}", "figures""#),
        )]);
        let limits = small(|l| l.max_string_bytes = 1000);
        let err = load_bytes_with(text.as_bytes(), "t.json", &limits).unwrap_err();
        let LoadError::Invalid { problems, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(problems.len(), 1, "{err}");
        crate::data::testdata::assert_problem(
            &problems[0],
            "events[1].summary",
            (6, 79),
            "string of 1.2 KiB (1200 bytes) is over the limit of 1000 bytes per string",
        );
        assert!(load_bytes_with(text.as_bytes(), "t.json", &Limits::default()).is_ok());
    }

    #[test]
    fn a_dataset_without_events_is_refused() {
        let text = BASE.replace(
            &BASE[BASE.find("\"events\": [").unwrap()..BASE.find("\"entities\"").unwrap()],
            "\"events\": [],\n",
        );
        let err = load(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.json: 1 problem:\nt.json:4:11: events: no events: a dataset needs at least one event"
        );
    }

    #[test]
    fn millions_of_problems_are_counted_and_only_the_first_listed() {
        // 5000 duplicate footnotes, each a problem.
        let mut text = edit(&[(r#"{"number": 4, "kind": "unresolved", "text": "u"}"#, "X")]);
        let dup = r#"{"number": 3, "kind": "note", "text": "n"}"#;
        text = text.replace('X', &vec![dup; 5000].join(",\n"));
        let limits = small(|l| l.max_problems = 10);
        let err = load_bytes_with(text.as_bytes(), "t.json", &limits).unwrap_err();
        let LoadError::TooManyProblems { total, problems, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!((*total, problems.len()), (5000, 10));
        let shown = err.to_string();
        assert!(
            shown.starts_with(
                "t.json: 5000 problems, 10 of them listed (fix these and check again for the rest):\n\
                 t.json:16:12: footnotes[3].number: duplicate footnote number 3"
            ),
            "{shown}"
        );
        assert_eq!(shown.lines().count(), 11);
    }

    #[test]
    fn huge_input_quoted_in_messages_is_cut_short() {
        let key = "k".repeat(100_000);
        let err = load(&edit(&[(
            r#""id": "ev2""#,
            &format!(r#""id": "ev2", "{key}": 1"#),
        )]))
        .unwrap_err();
        let shown = err.to_string();
        assert!(shown.len() < 1000, "{} bytes", shown.len());
        assert!(shown.contains("(100000 characters)"), "{shown}");
        let date = "2".repeat(100_000);
        let err = load(&edit(&[(r#""date": "2016""#, &format!(r#""date": "{date}""#))])).unwrap_err();
        let shown = err.to_string();
        assert!(shown.len() < 1000, "{} bytes", shown.len());
        assert!(shown.ends_with("…\" (100000 characters)"), "{shown}");
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            let _ = load_bytes(&bytes, "t.json");
        }

        #[test]
        fn damaged_datasets_never_panic(
            edits in proptest::collection::vec((0..BASE.len(), proptest::prelude::any::<u8>()), 1..4)
        ) {
            let mut bytes = BASE.as_bytes().to_vec();
            for (at, byte) in edits {
                bytes[at] = byte;
            }
            if let Err(err) = load_bytes(&bytes, "t.json") {
                let shown = err.to_string();
                let lines = shown.lines().count();
                match err {
                    LoadError::Invalid { problems, .. } => proptest::prop_assert_eq!(lines, problems.len() + 1),
                    _ => proptest::prop_assert_eq!(lines, 1, "{}", shown),
                }
            }
        }
    }
}

//! From bytes to a checked [`Dataset`]: text decoding, JSON parsing with
//! path tracking, then validation.

use std::path::Path;

use serde_json::error::Category;

use crate::model::Dataset;

use super::error::LoadError;
use super::locate::{Found, Lines, Locator, Position};
use super::path::{JsonPath, Seg};
use super::validate::validate;

/// Reads, parses and validates the dataset file at `path`.
pub fn load_path(path: &Path) -> Result<Dataset, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    load_bytes(&bytes, &path.display().to_string())
}

/// Parses and validates `bytes` read from `origin` (a file name, used in
/// messages).
pub fn load_bytes(bytes: &[u8], origin: &str) -> Result<Dataset, LoadError> {
    let text = decode(bytes, origin)?;
    let dataset = parse(text, origin)?;
    let problems = validate(&dataset, text);
    if problems.is_empty() {
        Ok(dataset)
    } else {
        Err(LoadError::Invalid {
            origin: origin.to_string(),
            problems,
        })
    }
}

/// UTF-8 text without a byte-order mark, and not blank.
fn decode<'b>(bytes: &'b [u8], origin: &str) -> Result<&'b str, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        // The valid prefix is UTF-8, so it can be measured as text.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let Position { line, column } = Lines::new(prefix).position(prefix.len());
        LoadError::NotUtf8 {
            origin: origin.to_string(),
            line,
            column,
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
    let message = bare_message(err);
    let origin = origin.to_string();
    match err.classify() {
        Category::Eof => LoadError::Syntax {
            origin,
            line: reported.line,
            column: reported.column,
            message: eof_message(&message, path),
        },
        Category::Syntax | Category::Io => {
            let message = if path.0.is_empty() {
                message
            } else {
                format!("{message} (while reading {path})")
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
            let locator = Locator::new(text);
            let Position { line, column } = match locator.find(path) {
                Found::Exact(offset) => locator.lines().position(offset),
                Found::Prefix(_) | Found::Nowhere => reported,
            };
            LoadError::Schema {
                origin,
                path: path.to_string(),
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

/// Says plainly that the text stops too early.
fn eof_message(message: &str, path: &JsonPath) -> String {
    let what = message
        .strip_prefix("EOF while parsing ")
        .map(|what| format!(" in the middle of {what}"))
        .unwrap_or_default();
    let inside = if path.0.is_empty() {
        String::new()
    } else {
        format!(" (while reading {path})")
    };
    format!("the text ends unexpectedly{what}{inside}: the file may be truncated")
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

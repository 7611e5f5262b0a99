//! Bringing other people's material into a dossier: Markdown articles,
//! TimelineJS timelines (JSON or the Google-Sheets CSV template) and event
//! tables (CSV, ACLED exports), each converted to a version 2
//! [`Dataset`] that validation accepts.
//!
//! Every converter reports bad input as an [`ImportError`] that says where
//! (line and column, or row and column name) and what was expected.

mod build;
pub mod markdown;
pub mod names;
pub mod prose_dates;
pub mod table;
pub mod timelinejs;

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::model::Dataset;
use crate::sanitize::SafeText;

/// The formats `dossier import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Markdown article with footnotes (CommonMark, GFM/Pandoc notes).
    Markdown,
    /// A TimelineJS3 timeline: its JSON, or its Google-Sheets CSV template.
    Timelinejs,
    /// A delimiter-separated event table with a header (ACLED exports too).
    Csv,
}

/// Where in the input a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Where {
    /// The whole input.
    Input,
    /// 1-based line and column (characters) of a text format.
    Text { line: usize, column: usize },
    /// 1-based row of a table (the header is row 1) and, when known, the
    /// column's name.
    Row { row: usize, column: Option<String> },
    /// A JSON path like `events[3].start_date.year`, with its line and column.
    Json {
        path: String,
        line: usize,
        column: usize,
    },
}

/// Why an input cannot be imported, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file name as given (`-` for standard input).
    pub origin: String,
    pub at: Where,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = SafeText::new(&self.origin);
        // Newlines kept: a failed import lists its bad rows one a line.
        let message = SafeText::multiline(&self.message);
        match &self.at {
            Where::Input => write!(f, "{origin}: {message}"),
            Where::Text { line, column } => write!(f, "{origin}:{line}:{column}: {message}"),
            Where::Row { row, column: Some(c) } => {
                write!(
                    f,
                    "{origin}: row {row}, column \"{}\": {message}",
                    SafeText::new(c)
                )
            }
            Where::Row { row, column: None } => write!(f, "{origin}: row {row}: {message}"),
            Where::Json { path, line, column } => write!(f, "{origin}:{line}:{column}: at {path}: {message}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// What an import made, with what it had to leave out.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub dataset: Dataset,
    /// Rows or items that could not be used and were skipped (only with
    /// `--skip-bad`).
    pub skipped: Skipped,
}

/// What `--skip-bad` left out: how many, and the first [`LISTED`], located.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skipped {
    pub first: Vec<ImportError>,
    pub total: usize,
}

impl Skipped {
    fn add(&mut self, problem: ImportError) {
        self.total += 1;
        if self.first.len() < LISTED {
            self.first.push(problem);
        }
    }
}

/// How `dossier import` was asked to read its input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `--map COLUMN=FIELD` pairs of a table, in order given.
    pub map: Vec<(String, String)>,
    /// Skip (and count) rows that cannot be used instead of failing.
    pub skip_bad: bool,
}

/// At most this many unusable rows are listed when they fail an import.
pub const LISTED: usize = 20;

/// Raise when any importer's output for the same input changes: cached
/// conversions of an older importer are then never used.
pub const IMPORTER_VERSION: u32 = 1;

impl Format {
    /// The format a file name's extension says, if it says one. A `.json`
    /// file may be a timeline or a dossier dataset: its content decides.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "csv" | "tsv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The format `head` (the first bytes of an input) looks like: JSON
    /// is a timeline, a first line with a delimiter a table, anything else
    /// Markdown.
    pub fn sniff(head: &[u8]) -> Format {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace());
        if start.is_some_and(|i| head[i] == b'{') {
            return Format::Timelinejs;
        }
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
        if table::delimiter(first_line).is_some() && !first_line.starts_with(b"#") {
            Format::Csv
        } else {
            Format::Markdown
        }
    }
}

/// Whether `input` is a dossier dataset rather than a timeline: the JSON
/// object has a `document` (TimelineJS has `title` and `events`, never
/// `document`). Only the top level is looked at, without building it,
/// and only up to the `document` key: a dataset names it before its
/// events, so telling a dataset of a million events takes its first
/// bytes, where reading the whole file first took 1–2 s of a cold open.
/// Text that is not JSON is not a dataset; nor is a dataset whose JSON
/// breaks before `document`.
pub fn is_dataset(input: impl Read) -> bool {
    use serde::de::{self, Deserializer as _, IgnoredAny, MapAccess, Visitor};
    use std::cell::Cell;

    /// Sets `found` at the `document` key, and then stops reading with an
    /// error: serde_json would otherwise read on to the object's end.
    struct Probe<'a> {
        found: &'a Cell<bool>,
    }
    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == "document" {
                    self.found.set(true);
                    return Err(de::Error::custom("found"));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    let found = Cell::new(false);
    let mut json = serde_json::Deserializer::from_reader(BufReader::new(input));
    let _ = json.deserialize_map(Probe { found: &found });
    found.get()
}

/// Which importer reads an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    Table,
    Sheet,
    TimelineJson,
    Markdown,
}

/// The importer for `format` (guessed from `path`'s extension and the
/// content when `None`), looking at the input's first bytes.
fn reader<R: Read>(
    input: &mut BufReader<R>,
    origin: &str,
    path: Option<&Path>,
    format: Option<Format>,
) -> Result<Reader, ImportError> {
    let head = input.fill_buf().map_err(|e| io_error(origin, &e))?;
    let format = format
        .or_else(|| path.and_then(Format::from_extension))
        .unwrap_or_else(|| Format::sniff(head));
    let is_sheet = table::is_timeline_sheet(head);
    Ok(match format {
        Format::Csv if is_sheet => Reader::Sheet,
        Format::Csv => Reader::Table,
        Format::Timelinejs if Format::sniff(head) == Format::Csv => Reader::Sheet,
        Format::Timelinejs => Reader::TimelineJson,
        Format::Markdown => Reader::Markdown,
    })
}

/// Imports `input` into `out` as dataset JSON, a table streamed row by row
/// (see [`table::import_to`]); the rest are read whole first. On an error
/// `out` holds part of a dataset, to be thrown away.
pub fn import_to(
    input: impl Read,
    origin: &str,
    path: Option<&Path>,
    format: Option<Format>,
    options: &Options,
    out: &mut dyn std::io::Write,
) -> Result<Skipped, ImportError> {
    let mut input = BufReader::with_capacity(1 << 16, input);
    if reader(&mut input, origin, path, format)? == Reader::Table {
        return table::import_to(input, origin, options, out);
    }
    let imported = import(input, origin, path, format, options)?;
    build::write_dataset(out, &imported.dataset).map_err(|e| write_error(origin, &e))?;
    Ok(imported.skipped)
}

/// Imports `input` as `format` (guessed from `path`'s extension and the
/// content when `None`). `origin` names the input in messages.
pub fn import(
    input: impl Read,
    origin: &str,
    path: Option<&Path>,
    format: Option<Format>,
    options: &Options,
) -> Result<Imported, ImportError> {
    // Big enough for any header line worth sniffing.
    let mut input = BufReader::with_capacity(1 << 16, input);
    match reader(&mut input, origin, path, format)? {
        Reader::Sheet => timelinejs::import_sheet(input, origin, options),
        Reader::Table => table::import(input, origin, options),
        Reader::TimelineJson => timelinejs::import_json(&read_all(input, origin)?, origin, options),
        Reader::Markdown => {
            let bytes = read_all(input, origin)?;
            let text = std::str::from_utf8(&bytes).map_err(|e| ImportError {
                origin: origin.to_string(),
                at: Where::Input,
                message: format!(
                    "not UTF-8 text at byte {}: expected UTF-8 Markdown",
                    e.valid_up_to()
                ),
            })?;
            markdown::import(text, origin)
        }
    }
}

fn read_all(mut input: impl Read, origin: &str) -> Result<Vec<u8>, ImportError> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| io_error(origin, &e))?;
    Ok(bytes)
}

/// A failure to write the dataset an import makes (a full disk).
fn write_error(origin: &str, err: &std::io::Error) -> ImportError {
    ImportError {
        origin: origin.to_string(),
        at: Where::Input,
        message: format!("cannot write the dataset made of it: {err}"),
    }
}

fn io_error(origin: &str, err: &std::io::Error) -> ImportError {
    ImportError {
        origin: origin.to_string(),
        at: Where::Input,
        message: format!("cannot read: {err}"),
    }
}

/// The error that fails an import for its unusable rows: the first
/// [`LISTED`] of them and how many in all.
pub(crate) fn bad_rows(origin: &str, bad: &Skipped) -> ImportError {
    let (bad, total) = (&bad.first, bad.total);
    let mut message = format!("{total} rows cannot be used (--skip-bad skips them):");
    for row in bad.iter().take(LISTED) {
        message.push_str(&format!("\n  {row}"));
    }
    if total > LISTED {
        message.push_str(&format!("\n  … and {} more", total - LISTED));
    }
    ImportError {
        origin: origin.to_string(),
        at: Where::Input,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Input that must not be read.
    struct Unread;

    impl Read for Unread {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            panic!("read past the document key");
        }
    }

    #[test]
    fn a_dataset_is_told_by_its_document_key_read_no_further() {
        let head = br#"{"format": "dossier", "version": 2, "document": {"#;
        assert!(is_dataset(head.chain(Unread)));
        // Wherever the key is, even after the events.
        assert!(is_dataset(
            &br#"{"events": [{"document": 1}], "document": {}}"#[..]
        ));
        assert!(is_dataset(crate::data::EMBEDDED_JSON.as_bytes()));
        let timeline = br#"{"title": {"text": {"headline": "t"}}, "events": []}"#;
        assert!(!is_dataset(&timeline[..]));
        assert!(!is_dataset(&b"[1, 2]"[..]));
        assert!(!is_dataset(&b"not json"[..]));
        assert!(!is_dataset(&b""[..]));
        // Broken before the key: not a dataset, as the whole text is not.
        assert!(!is_dataset(&br#"{"format": "dossier",, "document": {}}"#[..]));
    }
}

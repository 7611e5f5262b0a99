//! Bringing other people's material into a dossier: Markdown articles,
//! TimelineJS timelines (JSON or the Google-Sheets CSV template) and event
//! tables (CSV, ACLED exports), each converted to a version 2
//! [`Dataset`] that validation accepts.
//!
//! Every converter reports bad input as an [`ImportError`] that says where
//! (line and column, or row and column name) and what was expected.

pub mod markdown;
pub mod names;
pub mod prose_dates;

use std::fmt;

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
        let message = SafeText::new(&self.message);
        match &self.at {
            Where::Input => write!(f, "{origin}: {message}"),
            Where::Text { line, column } => write!(f, "{origin}:{line}:{column}: {message}"),
            Where::Row { row, column: Some(c) } => {
                write!(f, "{origin}: row {row}, column {:?}: {message}", SafeText::new(c))
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
    /// `--skip-bad`), each located; empty otherwise.
    pub skipped: Vec<ImportError>,
}

//! What can go wrong when loading a dataset, with where and what was expected.

use std::fmt;
use std::path::PathBuf;

use super::limits::{MAX_BYTES_VAR, SettingError, Size};
use crate::sanitize::SafeText;

/// One semantic problem of a dataset, located in its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path of the offending value, like `events[3].date`.
    pub path: String,
    /// 1-based line of the value at `path` in the source text.
    pub line: usize,
    /// 1-based column, in characters, of the value at `path`.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}:{}): {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// Why a dataset could not be loaded. Every message says where (file,
/// line:column, JSON path) and what was expected; all are one line except
/// [`LoadError::Invalid`] and [`LoadError::TooManyProblems`], which have
/// one more line per problem listed. Messages are safe to print on a
/// terminal: input quoted in them (file names, keys, values) has its
/// control characters and bidirectional overrides escaped.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read. The reason is part of the message and
    /// not also the error's `source()`, which `{:#}` would print again.
    #[error("cannot read {}: {error}", SafeText::path(.path))]
    Io { path: PathBuf, error: std::io::Error },
    /// The bytes are not UTF-8; the position is that of the first bad byte.
    #[error("{} is not UTF-8 text (invalid byte at line {line}, column {column})", SafeText::new(.origin))]
    NotUtf8 {
        origin: String,
        line: usize,
        column: usize,
    },
    /// Nothing but whitespace (or nothing at all).
    #[error("{} is empty: expected a JSON dataset object", SafeText::new(.origin))]
    Empty { origin: String },
    /// Not well-formed JSON: malformed, truncated, nested too deeply...
    #[error("{}:{line}:{column}: invalid JSON: {message}", SafeText::new(.origin))]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed JSON of the wrong shape; `path` is empty when the
    /// problem is the whole document.
    #[error("{}:{line}:{column}: at {}: {message}", SafeText::new(.origin), display_path(.path))]
    Schema {
        origin: String,
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// The right shape, but inconsistent content; every problem is listed.
    #[error("{}", display_invalid(.origin, .problems, .problems.len()))]
    Invalid { origin: String, problems: Vec<Problem> },
    /// Like [`LoadError::Invalid`], with more problems than are worth
    /// listing: the first [`super::Limits::max_problems`] found are listed
    /// (in source order), and `total` says how many there are in all.
    #[error("{}", display_invalid(.origin, .problems, *.total))]
    TooManyProblems {
        origin: String,
        /// Every problem found, listed or not.
        total: usize,
        problems: Vec<Problem>,
    },
    /// The file is larger than [`super::Limits::max_bytes`]; it was not read
    /// (or not past the limit).
    #[error("{}", display_too_large(.origin, *.size, *.limit))]
    TooLarge {
        origin: String,
        /// The size, when known (a pipe's is not: reading stopped at the limit).
        size: Option<u64>,
        limit: u64,
    },
    /// A setting of the loader (an environment variable) is not usable.
    #[error(transparent)]
    Setting(#[from] SettingError),
}

fn display_path(path: &str) -> &str {
    if path.is_empty() { "the top level" } else { path }
}

/// `ORIGIN: N problems:` then one line per problem; when only some of
/// `total` are listed, the header says so.
fn display_invalid(origin: &str, problems: &[Problem], total: usize) -> String {
    let origin = SafeText::new(origin);
    let noun = if total == 1 { "problem" } else { "problems" };
    let mut out = if total > problems.len() {
        format!(
            "{origin}: {total} {noun}, {} of them listed (fix these and check again for the rest):",
            problems.len()
        )
    } else {
        format!("{origin}: {total} {noun}:")
    };
    for p in problems {
        out.push_str(&format!(
            "\n{origin}:{}:{}: {}: {}",
            p.line, p.column, p.path, p.message
        ));
    }
    out
}

fn display_too_large(origin: &str, size: Option<u64>, limit: u64) -> String {
    let origin = SafeText::new(origin);
    let size = size.map_or_else(|| "more than that".to_string(), |size| Size(size).precise());
    let limit = Size(limit).precise();
    format!(
        "{origin} is too large: the limit is {limit}, the file is {size}; \
         set {MAX_BYTES_VAR} to a larger size (e.g. {MAX_BYTES_VAR}=4G) to load it"
    )
}

//! What can go wrong when loading a dataset, with where and what was expected.

use std::fmt;
use std::path::PathBuf;

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
/// [`LoadError::Invalid`], which has one more line per problem.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// The bytes are not UTF-8; the position is that of the first bad byte.
    #[error("{origin} is not UTF-8 text (invalid byte at line {line}, column {column})")]
    NotUtf8 {
        origin: String,
        line: usize,
        column: usize,
    },
    /// Nothing but whitespace (or nothing at all).
    #[error("{origin} is empty: expected a JSON dataset object")]
    Empty { origin: String },
    /// Not well-formed JSON: malformed, truncated, nested too deeply...
    #[error("{origin}:{line}:{column}: invalid JSON: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed JSON of the wrong shape; `path` is empty when the
    /// problem is the whole document.
    #[error("{origin}:{line}:{column}: at {}: {message}", display_path(.path))]
    Schema {
        origin: String,
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// The right shape, but inconsistent content; every problem is listed.
    #[error("{}", display_invalid(.origin, .problems))]
    Invalid { origin: String, problems: Vec<Problem> },
}

fn display_path(path: &str) -> &str {
    if path.is_empty() { "the top level" } else { path }
}

fn display_invalid(origin: &str, problems: &[Problem]) -> String {
    let count = problems.len();
    let noun = if count == 1 { "problem" } else { "problems" };
    let mut out = format!("{origin}: {count} {noun}:");
    for p in problems {
        out.push_str(&format!(
            "\n{origin}:{}:{}: {}: {}",
            p.line, p.column, p.path, p.message
        ));
    }
    out
}

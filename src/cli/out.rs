//! The only way the command line writes: every line is a [`SafeText`], so
//! nothing that skipped the sanitizer reaches a terminal. Clippy refuses
//! `println!`, `eprintln!` and `std::io::stdout`/`stderr` elsewhere
//! (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::io::{self, StdoutLock, Write};

use serde::Serialize;

use crate::sanitize::SafeText;

/// Where a subcommand prints. It is not an [`io::Write`], so `writeln!`
/// cannot be used on it with a raw string.
pub struct Out<W: Write>(W);

/// Standard output, locked for the whole command.
pub fn stdout() -> Out<StdoutLock<'static>> {
    Out(io::stdout().lock())
}

/// Writes `text` and a line break to standard error.
pub fn error(text: &SafeText<'_>) {
    eprintln!("{text}");
}

#[cfg(test)]
impl Out<Vec<u8>> {
    /// An output kept in memory, for tests.
    pub fn buffer() -> Self {
        Out(Vec::new())
    }

    /// What was written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl<W: Write> Out<W> {
    /// Writes `text` and a line break.
    pub fn line(&mut self, text: &SafeText<'_>) -> io::Result<()> {
        writeln!(self.0, "{text}")
    }

    /// Hands the raw writer to `generate`, for text the program makes from
    /// its own definitions and nothing else (completion scripts, the man
    /// page): no dataset or user string can reach it.
    pub fn generated(&mut self, generate: impl FnOnce(&mut W) -> io::Result<()>) -> io::Result<()> {
        generate(&mut self.0)
    }

    /// Writes `text`, with no line break.
    pub fn text(&mut self, text: &SafeText<'_>) -> io::Result<()> {
        write!(self.0, "{text}")
    }

    /// Writes `value` as pretty JSON and a line break. Strings are kept
    /// exactly, as JSON strings: JSON output is for programs to read.
    pub fn json(&mut self, value: &impl Serialize) -> anyhow::Result<()> {
        serde_json::to_writer_pretty(&mut self.0, value)?;
        writeln!(self.0)?;
        Ok(())
    }

    /// Writes `records` as CSV, the first being the header.
    pub fn csv<'t>(&mut self, records: impl IntoIterator<Item = Vec<SafeText<'t>>>) -> anyhow::Result<()> {
        let mut writer = ::csv::Writer::from_writer(&mut self.0);
        for record in records {
            writer.write_record(record.iter().map(|cell| cell.as_str()))?;
        }
        writer.flush()?;
        Ok(())
    }
}

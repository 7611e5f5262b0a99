//! Writes a synthetic dossier of any size, for benchmarks:
//!
//! ```text
//! cargo run --release --example gen -- --events 100000 --seed 7 > big.json
//! cargo run --release --example gen -- --events 100000 --seed 7 --lines lines.txt > big.json
//! ```
//!
//! The same seed gives the same bytes on every run and machine. The output
//! passes `dossier validate`. `--lines FILE` also writes the same events as
//! fzf input, one line each: `date title summary actor names`.
// A test or tool of our own, printing its own messages.
#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;

#[path = "../benches/common/synth.rs"]
mod synth;

/// Generate a synthetic dossier (JSON on standard output).
#[derive(Debug, Parser)]
struct Args {
    /// Number of events (a dataset needs at least one).
    #[arg(long, default_value_t = 10_000,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    events: usize,
    /// Seed; the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of entities (people, places, organizations...).
    #[arg(long, default_value_t = 2000)]
    entities: usize,
    /// Number of footnotes.
    #[arg(long, default_value_t = 5000)]
    footnotes: usize,
    /// Also write one line per event here (fzf input).
    #[arg(long, value_name = "FILE")]
    lines: Option<PathBuf>,
    /// Write the JSON here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn main() -> std::io::Result<()> {
    match run(Args::parse()) {
        // `gen | head` closing the pipe early is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn run(args: Args) -> std::io::Result<()> {
    let sizes = synth::Sizes {
        entities: args.entities,
        footnotes: args.footnotes,
    };
    let synth = synth::Synth::new(args.seed, sizes);
    let mut json: BufWriter<Box<dyn Write>> = BufWriter::with_capacity(
        1 << 20,
        match &args.output {
            Some(path) => Box::new(File::create(path)?),
            None => Box::new(std::io::stdout().lock()),
        },
    );
    let mut lines = match &args.lines {
        Some(path) => Some(BufWriter::with_capacity(1 << 20, File::create(path)?)),
        None => None,
    };
    synth.write(args.events, &mut json, lines.as_mut())?;
    json.flush()?;
    if let Some(lines) = lines.as_mut() {
        lines.flush()?;
    }
    Ok(())
}

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
//!
//! `--outlets`, `--measures`, `--actors` and `--minimal` give the shapes
//! `bench/scaling.sh` needs; `--state-dir` also writes the browser's state
//! file for the output (bookmarks, Sources grouped by outlet), as if a
//! reader had left it so:
//!
//! ```text
//! cargo run --release --example gen -- --events 100000 --minimal -o f.json \
//!     --state-dir state --bookmarks 100000 [--notes]
//! DOSSIER_STATE_DIR=state dossier --data f.json
//! ```
// A test or tool of our own, printing its own messages.
#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Parser;
use dossier::state::{DatasetKey, Memory, Position, Store};

use dossier::devkit::synth;

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
    /// Number of footnotes (0: events cite none).
    #[arg(long, default_value_t = 5000)]
    footnotes: usize,
    /// Citations name this many distinct outlets (default: 14 real ones).
    #[arg(long, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    outlets: Option<usize>,
    /// Every event carries one figure, of one of this many distinct
    /// measures (default: 15% of events, 6 measures).
    #[arg(long, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    measures: Option<usize>,
    /// Actors per event (default: 2 to 5).
    #[arg(long, value_name = "N")]
    actors: Option<usize>,
    /// Events with a short id, dates, a tab, a three-word title and
    /// footnotes only (and actors or figures if --actors or --measures ask
    /// for them).
    #[arg(long)]
    minimal: bool,
    /// Also write the browser's state file for the output in this
    /// directory (what DOSSIER_STATE_DIR names).
    #[arg(long, value_name = "DIR", requires = "output")]
    state_dir: Option<PathBuf>,
    /// With --state-dir: bookmark the first N events.
    #[arg(long, value_name = "N", default_value_t = 0, requires = "state_dir")]
    bookmarks: usize,
    /// With --state-dir: a note of the longest kind on each bookmark.
    #[arg(long, requires = "state_dir")]
    notes: bool,
    /// With --state-dir: open on Sources, grouped by outlet.
    #[arg(long, requires = "state_dir")]
    by_outlet: bool,
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
        outlets: args.outlets,
        measures: args.measures,
        actors: args.actors,
        minimal: args.minimal,
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
    drop(json);
    if let (Some(dir), Some(output)) = (&args.state_dir, &args.output) {
        write_state(&synth, &args, dir, output)?;
    }
    Ok(())
}

/// The state file the browser reads for `output`: its first
/// `--bookmarks` events bookmarked, open on Sources by outlet if asked.
fn write_state(synth: &synth::Synth, args: &Args, dir: &Path, output: &Path) -> std::io::Result<()> {
    let key = DatasetKey::of(&std::fs::read(output)?);
    let bookmarks: Vec<String> = (0..args.bookmarks.min(args.events))
        .map(|i| synth.event(i).id.to_string())
        .collect();
    let note = "n".repeat(dossier::state::NOTE_CHARS);
    let notes = match args.notes {
        true => bookmarks.iter().map(|id| (id.clone(), note.clone())).collect(),
        false => Default::default(),
    };
    let memory = Memory {
        position: Position {
            view: if args.by_outlet { "sources" } else { "overview" }.to_string(),
            sources_by_outlet: args.by_outlet,
            ..Position::default()
        },
        bookmarks,
        notes,
    };
    std::fs::create_dir_all(dir)?;
    Store::in_dir(dir, key)
        .save(&memory)
        .map_err(std::io::Error::other)
}

//! Per-keystroke search latency, p50 and p99, as a table:
//!
//! ```text
//! cargo run --release --example keystrokes -- --events 10000,100000 --reps 20
//! cargo run --release --example keystrokes -- --data big.json
//! ```
//!
//! The query "erdogan 2017" is typed one character at a time; each prefix
//! is timed `--reps` times. Two figures per dataset size:
//! - engine: key to ranked top 100 ready (parse, the search thread's
//!   first answer, highlights of the best 100), the issue's figure; beside
//!   it, key to every match counted, which may come in a second answer;
//! - app: what the TUI does per key, `App::on_key`, the search's first
//!   answer (run on the same thread here) and one full frame at 120×40 on
//!   a test backend (skip with `--no-app`).
//!
//! p50 and p99 are taken over every timed keystroke (prefixes × reps).
// A test or tool of our own, printing its own messages.
#![allow(clippy::disallowed_macros)]

use std::time::{Duration, Instant};

use clap::Parser;
use dossier::app::{App, Effect, Theme};
use dossier::model::Dataset;
use dossier::search::SearchIndex;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use dossier::devkit::keys;
use dossier::devkit::synth;

/// Per-keystroke search latency.
#[derive(Debug, Parser)]
struct Args {
    /// Dataset sizes to generate, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [10_000usize, 100_000])]
    events: Vec<usize>,
    /// Measure this dataset file instead of generated ones.
    #[arg(long, value_name = "FILE")]
    data: Option<std::path::PathBuf>,
    /// Seed of the generated datasets.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Timings per keystroke.
    #[arg(long, default_value_t = 20)]
    reps: usize,
    /// The text typed.
    #[arg(long, default_value = keys::TYPED)]
    typed: String,
    /// Skip the App::on_key + frame figure.
    #[arg(long)]
    no_app: bool,
    /// Also print each keystroke's median and hit count.
    #[arg(long)]
    detail: bool,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The value below which `q` of the sorted samples fall (nearest rank).
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

struct Figures {
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn figures(mut samples: Vec<Duration>) -> Figures {
    samples.sort_unstable();
    Figures {
        p50: quantile(&samples, 0.5),
        p99: quantile(&samples, 0.99),
        max: *samples.last().expect("at least one sample"),
    }
}

/// Engine path: every prefix timed `reps` times, interleaved so that a
/// slow moment of the machine does not hit one prefix only. Two times per
/// key: to the ranked top ready, and to every match counted (the same
/// where the first answer counted them; else the count that follows).
fn engine(
    index: &SearchIndex,
    dataset: &Dataset,
    prefixes: &[String],
    reps: usize,
) -> Vec<Vec<(Duration, Duration)>> {
    let mut per_key = vec![Vec::with_capacity(reps); prefixes.len()];
    let key = |p: &str| {
        let t = Instant::now();
        let (_, _, counted) = std::hint::black_box(keys::top_hits(index, dataset, p));
        let top = t.elapsed();
        if !counted {
            std::hint::black_box(keys::counted(index, p));
        }
        (top, t.elapsed())
    };
    // One untimed pass warms caches and the thread pool.
    for p in prefixes {
        key(p);
    }
    for _ in 0..reps {
        for (k, p) in prefixes.iter().enumerate() {
            per_key[k].push(key(p));
        }
    }
    per_key
}

/// App path: `/`, then each key timed from `on_key` to the frame drawn,
/// with searches handed out as the browser does: the job's first answer,
/// run here on the same thread, handed back, then drawn.
fn app(app: &mut App, typed: &str, reps: usize) -> Vec<Duration> {
    app.defer_searches();
    let mut terminal = keys::terminal(app);
    keys::draw(&mut terminal, app);
    let mut samples = Vec::new();
    for rep in 0..=reps {
        keys::press(app, KeyCode::Char('/'));
        for c in typed.chars() {
            let t = Instant::now();
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            if let Some(Effect::Search(job)) = app.on_key(key)
                && let Some(done) = job.run(app.index.get(), &|| false)
            {
                app.search_done(done);
            }
            keys::draw(&mut terminal, app);
            // The first round warms up.
            if rep > 0 {
                samples.push(t.elapsed());
            }
        }
        keys::press(app, KeyCode::Esc);
    }
    samples
}

fn main() {
    let args = Args::parse();
    let prefixes = keys::prefixes(&args.typed);
    let datasets: Vec<(String, Box<dyn Fn() -> Dataset>)> = match &args.data {
        Some(path) => {
            let path = path.clone();
            vec![(
                path.display().to_string(),
                Box::new(move || dossier::data::load_path(&path).unwrap_or_else(|e| panic!("{e}"))),
            )]
        }
        None => {
            let synth = std::rc::Rc::new(synth::Synth::new(args.seed, synth::Sizes::default()));
            args.events
                .iter()
                .map(|&n| {
                    let synth = std::rc::Rc::clone(&synth);
                    let make: Box<dyn Fn() -> Dataset> = Box::new(move || synth.dataset(n));
                    (format!("{n} events"), make)
                })
                .collect()
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "typed {:?} one char at a time, {} reps per keystroke, {threads} threads available",
        args.typed, args.reps
    );
    let mut rows = Vec::new();
    for (name, make) in &datasets {
        let dataset = make();
        eprintln!("{name}: building the index...");
        let t = Instant::now();
        let index = SearchIndex::new(&dataset);
        // As the browser does.
        index.prepare_for_typing();
        eprintln!("{name}: index built in {:.0} ms", ms(t.elapsed()));
        let per_key = engine(&index, &dataset, &prefixes, args.reps);
        let tops = |samples: &[(Duration, Duration)]| figures(samples.iter().map(|s| s.0).collect());
        let counts = |samples: &[(Duration, Duration)]| figures(samples.iter().map(|s| s.1).collect());
        if args.detail {
            println!("\n{name}: engine, per keystroke");
            println!("| typed | matches | top median ms | top p99 ms | counted median ms | counted p99 ms |");
            println!("|---|---:|---:|---:|---:|---:|");
            for (p, samples) in prefixes.iter().zip(&per_key) {
                let total = keys::counted(&index, p);
                let (top, count) = (tops(samples), counts(samples));
                println!(
                    "| `{p}` | {total} | {:.2} | {:.2} | {:.2} | {:.2} |",
                    ms(top.p50),
                    ms(top.p99),
                    ms(count.p50),
                    ms(count.p99)
                );
            }
        }
        let all: Vec<(Duration, Duration)> = per_key.into_iter().flatten().collect();
        let engine_figures = (tops(&all), counts(&all));
        drop(index);
        let app_figures = (!args.no_app).then(|| {
            eprintln!("{name}: building the app...");
            let mut state = App::new(dataset, Theme::default());
            // As the browser's search thread does first.
            state.index.get().prepare_for_typing();
            figures(app(&mut state, &args.typed, args.reps))
        });
        rows.push((name.clone(), engine_figures, app_figures));
    }
    println!();
    println!(
        "| dataset | engine p50 ms | engine p99 ms | engine max ms | counted p50 ms | counted p99 ms | app key→frame p50 ms | app p99 ms |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, (e, c), a) in rows {
        let (a50, a99) = a.map_or(("-".to_string(), "-".to_string()), |a| {
            (format!("{:.2}", ms(a.p50)), format!("{:.2}", ms(a.p99)))
        });
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {a50} | {a99} |",
            ms(e.p50),
            ms(e.p99),
            ms(e.max),
            ms(c.p50),
            ms(c.p99)
        );
    }
}

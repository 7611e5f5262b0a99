//! Load, validate and index at 1k, 10k and 100k events (1M with
//! `DOSSIER_BENCH_1M=1`): `cargo bench --bench load`.
//!
//! Each phase is its own benchmark so the figures show where load time
//! goes:
//! - `parse_plain`: `serde_json::from_slice` into the schema types, the
//!   floor any JSON loader pays;
//! - `load_bytes`: what `dossier --data` does (parse with path tracking,
//!   then validate);
//! - `validate`: the semantic checks alone, on a parsed dataset;
//! - `index`: `SearchIndex::new`.
//!
//! Peak memory is not measured here (criterion runs everything in one
//! process): `bench/load-rss.sh` runs `examples/rss.rs` per size.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use dossier::model::Dataset;
use dossier::search::SearchIndex;

use dossier::devkit::synth;

/// Dataset sizes measured; 1M only when asked, it takes minutes.
fn sizes() -> Vec<usize> {
    let mut sizes = vec![1_000, 10_000, 100_000];
    if std::env::var_os("DOSSIER_BENCH_1M").is_some_and(|v| v == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

fn label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

fn load(c: &mut Criterion) {
    let synth = synth::Synth::new(7, synth::Sizes::default());
    let mut group = c.benchmark_group("load");
    group.sampling_mode(SamplingMode::Flat);
    for n in sizes() {
        let json = synth.json(n);
        let text = std::str::from_utf8(&json).expect("the generator writes UTF-8");
        let dataset = dossier::data::load_bytes(&json, "synthetic").unwrap_or_else(|e| panic!("{e}"));
        // Few samples for the big sizes: each one takes seconds.
        group.sample_size(if n >= 100_000 { 10 } else { 20 });
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(match n {
            n if n >= 100_000 => 20,
            n if n >= 10_000 => 8,
            _ => 3,
        }));
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse_plain", label(n)), &json, |b, json| {
            b.iter(|| serde_json::from_slice::<Dataset>(json).expect("valid JSON"));
        });
        group.bench_with_input(BenchmarkId::new("load_bytes", label(n)), &json, |b, json| {
            b.iter(|| dossier::data::load_bytes(json, "synthetic").expect("valid dataset"));
        });
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("validate", label(n)), &dataset, |b, dataset| {
            b.iter(|| dossier::data::validate(dataset, text));
        });
        group.bench_with_input(BenchmarkId::new("index", label(n)), &dataset, |b, dataset| {
            b.iter(|| SearchIndex::new(dataset));
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);

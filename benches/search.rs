//! Search per keystroke: "erdogan 2017" typed one character at a time, at
//! 10k and 100k events (1M with `DOSSIER_BENCH_1M=1`):
//! `cargo bench --bench search`.
//!
//! Each benchmark is one keystroke: key to ranked top 100 ready (parse,
//! forgiving search, best 100, highlights of those 100). Criterion reports
//! a mean and median per keystroke; `examples/keystrokes.rs` prints the
//! p50/p99 over all keystrokes that the issue asks for.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dossier::search::SearchIndex;

use dossier::devkit::keys;
use dossier::devkit::synth;

fn sizes() -> Vec<usize> {
    let mut sizes = vec![10_000, 100_000];
    if std::env::var_os("DOSSIER_BENCH_1M").is_some_and(|v| v == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

fn keystrokes(c: &mut Criterion) {
    let synth = synth::Synth::new(7, synth::Sizes::default());
    for n in sizes() {
        let dataset = synth.dataset(n);
        let index = SearchIndex::new(&dataset);
        // As the browser does.
        index.prepare_for_typing();
        let mut group = c.benchmark_group(format!("keystroke/{}k", n / 1000));
        group.sample_size(if n >= 100_000 { 20 } else { 50 });
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for prefix in keys::prefixes(keys::TYPED) {
            // Ids cannot end in a space: criterion trims them.
            let id = prefix.replace(' ', "_");
            group.bench_with_input(BenchmarkId::from_parameter(id), &prefix, |b, prefix| {
                b.iter(|| keys::top_hits(&index, &dataset, prefix));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, keystrokes);
criterion_main!(benches);

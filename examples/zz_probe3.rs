use std::time::Instant;
#[path = "../benches/common/synth.rs"]
mod synth;
fn main() {
    let n: usize = std::env::args().nth(1).map_or(100_000, |s| s.parse().unwrap());
    let synth = synth::Synth::new(7, synth::Sizes::default());
    let dataset = synth.dataset(n);
    let index = dossier::search::SearchIndex::new(&dataset);
    let t = Instant::now();
    let app = dossier::app::App::with_index(dataset, index, dossier::app::Theme::default());
    eprintln!("App::with_index {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    std::mem::forget(app);
}

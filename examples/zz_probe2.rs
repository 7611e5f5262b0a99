use dossier::search::{Query, SearchIndex};
#[path = "../benches/common/synth.rs"]
mod synth;
fn main() {
    let q = std::env::args().nth(1).unwrap();
    let synth = synth::Synth::new(7, synth::Sizes::default());
    let dataset = synth.dataset(100_000);
    let index = SearchIndex::new(&dataset);
    let query = Query::parse(&q).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..500 {
        std::hint::black_box(index.search_top(&query, 100));
    }
    eprintln!("{:.2} ms", t.elapsed().as_secs_f64() * 1e3 / 500.0);
}

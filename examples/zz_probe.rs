use dossier::search::{Query, SearchIndex};
use std::time::Instant;
#[path = "../benches/common/synth.rs"]
mod synth;
fn main() {
    let synth = synth::Synth::new(7, synth::Sizes::default());
    let dataset = synth.dataset(100_000);
    let index = SearchIndex::new(&dataset);
    for q in [
        "2",
        "erdogan",
        "erdogan 2",
        "erdogan 20",
        "erdogan 2017",
        "erdogan xqz",
    ] {
        let query = Query::parse(q).unwrap();
        let mut ts = vec![];
        let mut th = vec![];
        for _ in 0..30 {
            let t = Instant::now();
            let o = index.search_forgiving(&query, 100);
            ts.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            for h in &o.hits {
                std::hint::black_box(index.highlights(&query, &dataset.events[h.event]));
            }
            th.push(t.elapsed().as_secs_f64() * 1e3);
        }
        ts.sort_by(|a, b| a.partial_cmp(b).unwrap());
        th.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "{q:14} search {:.2}  highlights(100) {:.2}  {:?}",
            ts[15],
            th[15],
            query
                .clauses
                .iter()
                .map(|c| format!("{:?}", c.alternatives))
                .collect::<Vec<_>>()
        );
    }
}

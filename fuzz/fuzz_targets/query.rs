//! Arbitrary text as a search query against the embedded dossier: parsing,
//! searching (with typo correction) and highlighting never panic.
#![no_main]

use std::sync::OnceLock;

use dossier::model::Dataset;
use dossier::search::{Query, SearchIndex};
use libfuzzer_sys::fuzz_target;

fn fixture() -> &'static (Dataset, SearchIndex) {
    static CELL: OnceLock<(Dataset, SearchIndex)> = OnceLock::new();
    CELL.get_or_init(|| {
        let dataset = dossier::data::embedded();
        let index = SearchIndex::new(&dataset);
        (dataset, index)
    })
}

fuzz_target!(|text: &str| {
    let (dataset, index) = fixture();
    let Ok(query) = Query::parse(text) else { return };
    let outcome = index.search_forgiving(&query, 5);
    let query = outcome.corrected.unwrap_or(query);
    for hit in outcome.hits {
        let event = &dataset.events[hit.event];
        let h = index.highlights(&query, event);
        assert!(h.title.iter().all(|&i| i < event.title.chars().count()));
        assert!(h.summary.iter().all(|&i| i < event.summary.chars().count()));
    }
});

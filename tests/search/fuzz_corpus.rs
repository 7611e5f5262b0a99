//! Replays the committed fuzzing corpora (`fuzz/corpus/`) on every
//! `cargo test`, so CI exercises what the fuzzers found interesting
//! without needing cargo-fuzz or a nightly compiler.

use std::path::Path;

use dossier::data;
use dossier::search::{Query, SearchIndex};

fn corpus(name: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(name);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.display().to_string(), std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
}

#[test]
fn load_corpus_loads_or_is_refused_with_a_location() {
    for (name, bytes) in corpus("load") {
        match data::load_bytes(&bytes, &name) {
            Ok(dataset) => {
                let index = SearchIndex::new(&dataset);
                let query = Query::parse("e 2017").unwrap();
                for hit in index.search(&query).into_iter().take(5) {
                    index.highlights(&query, &dataset.events[hit.event]);
                }
            }
            // Every refusal names the input and stays on printable lines.
            Err(err) => {
                let message = err.to_string();
                assert!(message.contains(&name), "{name}: {message}");
                assert!(
                    !message.chars().any(|c| c.is_control() && c != '\n'),
                    "{name}: {message:?}"
                );
            }
        }
    }
}

#[test]
fn query_corpus_never_panics() {
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    for (_, bytes) in corpus("query") {
        let text = String::from_utf8_lossy(&bytes);
        let Ok(query) = Query::parse(&text) else { continue };
        let outcome = index.search_forgiving(&query, 5);
        let query = outcome.corrected.unwrap_or(query);
        for hit in outcome.hits {
            let event = &dataset.events[hit.event];
            let h = index.highlights(&query, event);
            assert!(h.title.iter().all(|&i| i < event.title.chars().count()));
        }
    }
}

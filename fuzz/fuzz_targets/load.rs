//! Arbitrary bytes as a dataset file: loading never panics, hangs or
//! grows without bound; every refusal says where; every dataset that loads
//! can be searched, and written back and loaded again unchanged.
#![no_main]

use dossier::data::{Limits, LoadError, load_bytes_with};
use dossier::search::{Query, SearchIndex};
use libfuzzer_sys::fuzz_target;

/// Whether the message of `err` says where the problem is.
fn located(err: &LoadError) -> bool {
    let shown = err.to_string();
    match err {
        // The whole file is the problem: its name says where.
        LoadError::Empty { .. } | LoadError::TooLarge { .. } => shown.starts_with("fuzz.json "),
        LoadError::NotUtf8 { line, column, .. } => shown.contains(&format!("line {line}, column {column}")),
        LoadError::Syntax { line, column, .. } | LoadError::Schema { line, column, .. } => {
            shown.starts_with(&format!("fuzz.json:{line}:{column}: "))
        }
        LoadError::Invalid { problems, .. } | LoadError::TooManyProblems { problems, .. } => {
            !problems.is_empty()
                && problems
                    .iter()
                    .all(|p| shown.contains(&format!("fuzz.json:{}:{}: {}: ", p.line, p.column, p.path)))
        }
        LoadError::Io { .. } | LoadError::Setting { .. } => false,
    }
}

fuzz_target!(|bytes: &[u8]| {
    // Small limits, so that the limits themselves are reached.
    let limits = Limits {
        max_bytes: 1 << 16,
        max_string_bytes: 1 << 10,
        max_problems: 50,
    };
    let dataset = match load_bytes_with(bytes, "fuzz.json", &limits) {
        Ok(dataset) => dataset,
        Err(err) => {
            assert!(located(&err), "not located: {err}");
            // Safe to print: no raw control or bidi character but line breaks.
            let shown = err.to_string();
            assert!(
                !shown
                    .chars()
                    .any(|c| c != '\n' && dossier::sanitize::is_unsafe(c)),
                "unsafe message: {shown:?}"
            );
            return;
        }
    };
    // What loads can be written back and loads again, unchanged.
    let json = serde_json::to_vec(&dataset).expect("a dataset serializes");
    let again = load_bytes_with(&json, "fuzz.json", &Limits::default())
        .unwrap_or_else(|err| panic!("written back, it no longer loads: {err}"));
    assert_eq!(again, dataset);
    // ...and searched, with queries made of its own text.
    let index = SearchIndex::new(&dataset);
    let event = &dataset.events[0];
    for text in [event.title.as_str(), event.summary.as_str(), event.date.as_str()] {
        if let Ok(query) = Query::parse(text) {
            for hit in index.search(&query).into_iter().take(3) {
                index.highlights(&query, &dataset.events[hit.event]);
            }
        }
    }
});

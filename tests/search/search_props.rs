//! Properties of the search engine that must hold for any query.

use std::collections::HashSet;
use std::sync::OnceLock;

use dossier::data;
use dossier::model::Dataset;
use dossier::search::{Query, SearchIndex, fold};
use proptest::prelude::*;

fn fixture() -> &'static (Dataset, SearchIndex) {
    static CELL: OnceLock<(Dataset, SearchIndex)> = OnceLock::new();
    CELL.get_or_init(|| {
        let dataset = data::embedded();
        let index = SearchIndex::new(&dataset);
        (dataset, index)
    })
}

fn ids(query: &str) -> HashSet<usize> {
    let (_, index) = fixture();
    match Query::parse(query) {
        Ok(q) => index.search(&q).into_iter().map(|h| h.event).collect(),
        Err(_) => HashSet::new(),
    }
}

/// Words likely to match something, so the properties are not vacuous.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "erdogan", "kazakh", "turk", "trade", "2017", "astana", "nato", "sep", "aselsan", "eco",
            "billion", "tika", "steppe", "2012", "forum", "ş", "ı",
        ])
        .prop_map(String::from),
        "[a-zğüşöçı]{1,5}",
    ]
}

proptest! {
    #[test]
    fn folding_is_idempotent(s in "\\PC{0,30}") {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once);
    }

    #[test]
    fn a_negated_word_never_adds_results(a in word(), b in word()) {
        let narrowed = ids(&format!("{a} !{b}"));
        prop_assert!(narrowed.is_subset(&ids(&a)));
    }

    #[test]
    fn a_result_for_two_words_is_a_result_for_the_first(a in word(), b in word()) {
        // "sep 2012" is one date, not two words: the property is about clauses.
        let joined = format!("{a} {b}");
        prop_assume!(Query::parse(&joined).is_ok_and(|q| q.clauses.len() == 2));
        let both = ids(&joined);
        prop_assert!(both.is_subset(&ids(&a)));
    }

    #[test]
    fn highlights_stay_inside_the_text(a in word()) {
        let (dataset, index) = fixture();
        let query = Query::parse(&a).unwrap();
        for hit in index.search(&query).into_iter().take(5) {
            let event = &dataset.events[hit.event];
            let h = index.highlights(&query, event);
            prop_assert!(h.title.iter().all(|&i| i < event.title.chars().count()));
            prop_assert!(h.summary.iter().all(|&i| i < event.summary.chars().count()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_queries_never_panic(text in "\\PC{0,60}|[\\x00-\\x1f\\u{7f}-\\u{9f}\\u{202a}-\\u{202e}a-z\"'^$!|: ]{0,60}") {
        let (dataset, index) = fixture();
        if let Ok(query) = Query::parse(&text) {
            for hit in index.search(&query).into_iter().take(3) {
                index.highlights(&query, &dataset.events[hit.event]);
            }
        }
    }
}

#[test]
fn huge_queries_are_answered_or_refused() {
    let (dataset, index) = fixture();
    let long_word = "erdogan".repeat(1_500);
    let many_words = "a ".repeat(5_000);
    let query = Query::parse(&long_word).expect("one long word is a query");
    assert!(index.search(&query).is_empty());
    let q = Query::parse(&format!("{long_word} erdogan")).unwrap();
    assert!(index.highlights(&q, &dataset.events[0]).title.is_empty());
    let err = Query::parse(&many_words).unwrap_err();
    assert!(err.message.contains("too many terms"), "{err}");
}

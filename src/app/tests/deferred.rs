//! Deferred searches: handed out as effects, answered later, stale answers
//! dropped, Enter before the answer honoured.

use super::*;

/// The search jobs among `effects`.
fn jobs(effects: Vec<Effect>) -> Vec<SearchJob> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Search(job) => Some(job),
            _ => None,
        })
        .collect()
}

fn answer(app: &App, job: SearchJob) -> SearchDone {
    job.run(app.index.get(), &|| false).expect("never stale")
}

fn search(app: &App) -> &SearchState {
    match &app.mode {
        Mode::Search(s) => s,
        _ => panic!("search is open"),
    }
}

fn deferred() -> App {
    let mut app = app();
    app.defer_searches();
    app
}

#[test]
fn each_key_hands_out_a_newer_search_and_only_its_answer_shows() {
    let mut app = deferred();
    let typed = jobs(keys(&mut app, "/erd"));
    let generations: Vec<u64> = typed.iter().map(|j| j.generation).collect();
    assert_eq!(generations, [1, 2, 3]);
    assert!(app.is_searching());
    assert!(search(&app).hits.is_empty(), "nothing shown before an answer");
    // The answer to "er" comes late: it is dropped.
    let late = answer(&app, typed[1].clone());
    app.search_done(late);
    assert!(search(&app).hits.is_empty() && app.is_searching());
    let last = answer(&app, typed[2].clone());
    let expected = last.outcome.hits.clone();
    app.search_done(last);
    assert!(!app.is_searching());
    assert_eq!(search(&app).hits, expected);
    assert!(!expected.is_empty());
}

#[test]
fn enter_before_the_answer_opens_the_best_hit_when_it_comes() {
    let mut app = deferred();
    let typed = jobs(keys(&mut app, "/erdogan visits"));
    keys(&mut app, "<Enter>");
    assert!(search(&app).open_when_done);
    let last = typed.last().unwrap().clone();
    let done = answer(&app, last);
    app.search_done(done);
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(app.view, View::Tab(0));
    assert_eq!(selected_title(&app), "Erdoğan visits Astana");
}

#[test]
fn an_answer_after_esc_changes_nothing() {
    let mut app = deferred();
    let typed = jobs(keys(&mut app, "/trade"));
    keys(&mut app, "<Esc>");
    let done = answer(&app, typed.last().unwrap().clone());
    app.search_done(done);
    assert!(matches!(app.mode, Mode::Browse));
    // A new search numbers on: the old answer cannot pass for its own.
    let next = jobs(keys(&mut app, "/t"));
    assert!(next[0].generation > typed.last().unwrap().generation);
}

#[test]
fn an_empty_query_needs_no_search() {
    let mut app = deferred();
    keys(&mut app, "/e");
    assert_eq!(jobs(keys(&mut app, "<BS>")), []);
    assert!(!app.is_searching());
}

#[test]
fn an_answer_to_a_query_that_then_turned_invalid_is_dropped() {
    let mut app = deferred();
    let typed = jobs(keys(&mut app, "/after:2016"));
    keys(&mut app, "<Enter>");
    assert!(
        jobs(keys(&mut app, "-13")).is_empty(),
        "an invalid query runs nothing"
    );
    assert!(!app.is_searching());
    app.search_done(answer(&app, typed.last().unwrap().clone()));
    assert!(
        matches!(app.mode, Mode::Search(_)),
        "Enter was for the older query"
    );
    assert!(search(&app).hits.is_empty());
    assert!(search(&app).error.is_some());
}

/// `/e` typed, and a first answer to it shown as the search thread sends
/// for a broad word: its best two hits, uncounted. With the job, and its
/// counted answer, still to come.
fn shown_uncounted() -> (App, SearchJob, SearchDone) {
    let mut app = deferred();
    let job = jobs(keys(&mut app, "/e")).pop().unwrap();
    let counted = job.count(app.index.get(), &|| false).expect("never stale");
    assert!(counted.outcome.hits.len() > 2, "{:?}", job.query);
    let mut first = counted.clone();
    first.counted = false;
    first.outcome.hits.truncate(2);
    first.outcome.total = 2;
    app.search_done(first);
    (app, job, counted)
}

#[test]
fn a_first_answer_is_shown_then_counted_even_once_opened() {
    let (mut app, job, counted) = shown_uncounted();
    assert_eq!(search(&app).hits.len(), 2);
    assert_eq!(search(&app).counting, Some(job.generation));
    assert!(app.is_searching(), "the count is awaited");
    keys(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(app.last_search.as_ref().unwrap().hits.len(), 2);
    let hits = counted.outcome.hits.clone();
    app.search_done(counted);
    let last = app.last_search.as_ref().unwrap();
    assert_eq!(
        (&last.hits, last.counting),
        (&hits, None),
        "n and N walk them all"
    );
}

#[test]
fn a_query_typed_on_while_counting_drops_the_count() {
    let (mut app, _, counted) = shown_uncounted();
    // An invalid query shows no results, and awaits nothing.
    keys(&mut app, "\"");
    assert_eq!(search(&app).counting, None);
    assert!(!app.is_searching());
    app.search_done(counted);
    assert!(search(&app).hits.is_empty() && search(&app).error.is_some());
}

//! The browser on events left in an index cache entry, each read when it
//! is shown: it must show what it shows with every event in memory.

use std::fs;
use std::time::{Duration, SystemTime};

use ratatui::layout::Rect;

use super::{App, Theme, keys};
use crate::cache::{Browse, Browsed, IndexCache, serve_path};
use crate::model::Dataset;
use crate::search::SearchIndex;
use crate::ui::tests::screen;

/// The embedded dossier, its events repeated under new ids past the size
/// the cache keeps entries for.
fn big_dataset() -> Dataset {
    let mut dataset = crate::data::embedded();
    let events = dataset.events.clone();
    for copy in 1..32 {
        dataset.events.extend(events.iter().map(|e| {
            let mut e = e.clone();
            e.id = format!("{}-{copy}", e.id);
            e
        }));
    }
    dataset
}

/// Opens `file` as the browser does, through `cache`.
fn browse(file: &std::path::Path, cache: &IndexCache) -> Browsed {
    serve_path::<Browse>(file, Some(cache)).unwrap()
}

fn shelved(records: &crate::records::Records) -> bool {
    format!("{records:?}").contains("shelved")
}

#[test]
fn an_app_on_shelved_events_shows_what_one_holding_them_shows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    let dataset = big_dataset();
    fs::write(&file, serde_json::to_vec(&dataset).unwrap()).unwrap();
    // Last modified a while ago: the entry is trusted on the file's stat.
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .append(true)
        .open(&file)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    let cache = IndexCache::in_dir(dir.path().join("cache"));
    let first = browse(&file, &cache);
    assert!(!shelved(&first.records), "read from the file, held");
    first.index.get();
    first.storing.wait();
    let second = browse(&file, &cache);
    assert!(shelved(&second.records), "served from the entry, on its shelf");
    assert_eq!(
        second.columns, first.columns,
        "the entry's columns are the file's"
    );
    let open = |b: Browsed| {
        let mut app = App::on_records(b.meta, b.records, b.columns, b.index, Theme::default());
        app.set_area(Rect::new(0, 0, 120, 40));
        app
    };
    let mut on_shelf = open(second);
    let mut held = App::with_index(dataset.clone(), SearchIndex::new(&dataset), Theme::default());
    held.set_area(Rect::new(0, 0, 120, 40));
    // Every view, a detail with its related events, a person's and a
    // source's events, the reader, a search, a bookmark.
    let walk = [
        "",
        "1",
        "jjj<Tab>",
        "<Esc>3G",
        "T",
        "jjjj",
        "P",
        "jj",
        "S",
        "jjj",
        "F",
        "j",
        "R",
        "<PgDn>",
        "/erdogan",
        "<Enter>",
        "2jjm",
        "a note<Enter>",
        "'",
        "<Esc>",
    ];
    for step in walk {
        keys(&mut on_shelf, step);
        keys(&mut held, step);
        assert_eq!(screen(&on_shelf), screen(&held), "after {step:?}");
    }
    assert!(!held.bookmarks.is_empty());
    // The bookmark and position survive a restart on the shelf too.
    let memory = on_shelf.memory();
    assert_eq!(memory, held.memory());
    let mut again = open(browse(&file, &cache));
    again.recall(&memory);
    let mut held_again = App::with_index(dataset.clone(), SearchIndex::new(&dataset), Theme::default());
    held_again.set_area(Rect::new(0, 0, 120, 40));
    held_again.recall(&memory);
    assert_eq!(again.bookmarks, held.bookmarks);
    assert_eq!(screen(&again), screen(&held_again));
}

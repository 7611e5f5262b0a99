//! The views after the content tabs, bookmarks, and the memory the state
//! file keeps.

use super::*;
use crate::sanitize::SafeText;
use crate::state::{DatasetKey, Store};
use unicode_width::UnicodeWidthStr;

#[test]
fn the_timeline_groups_every_event_by_year_and_moves_skip_headings() {
    let mut app = app();
    keys(&mut app, "T");
    let rows = app.rows_of(View::Timeline).to_vec();
    let records = std::sync::Arc::clone(&app.records);
    let e = |id: &str| Row::Event(records.iter().position(|x| x.id == id).unwrap());
    let h = |y: &str| Row::Heading(SafeText::new(y).into_owned());
    assert_eq!(
        rows,
        [
            h("1991"),
            e("recognition"),
            h("2012"),
            e("council"),
            h("2016"),
            e("trade"),
            h("2017"),
            e("aselsan"),
            e("visit"),
        ]
    );
    assert_eq!(app.position(), Some((1, 5)), "headings are not counted");
    assert_eq!(
        app.pane().unwrap().selected,
        1,
        "the first event, not its heading"
    );
    keys(&mut app, "j");
    assert_eq!(app.selected_row(), Some(&e("council")));
    keys(&mut app, "G");
    assert_eq!(app.selected_row(), Some(&e("visit")));
    keys(&mut app, "kk");
    assert_eq!(app.selected_row(), Some(&e("trade")));
    keys(&mut app, "g");
    assert_eq!(app.pane().unwrap().offset, 0, "the first heading is shown");
    // The only span has no other event inside it.
    let gutter = &app.listing(View::Timeline).gutter;
    assert_eq!(gutter.row(8), "─ ");
    assert_eq!(gutter.row(0), "  ");
}

/// Opening waits for no view's rows but the one it opens on: at a
/// million events the Timeline's took 120 ms. Each is built once, when
/// first shown, and its selection lands on its first row that is not a
/// heading, by any way in.
#[test]
fn a_view_s_rows_are_built_when_it_is_first_shown() {
    let mut app = embedded();
    let built = |app: &App| -> Vec<bool> { app.lists.iter().map(|l| l.get().is_some()).collect() };
    assert_eq!(built(&app), [false; 4], "Timeline, People, Sources, Figures");
    keys(&mut app, "1T");
    assert_eq!(built(&app), [true, false, false, false]);
    let first = app.pane().unwrap().selected;
    assert!(app.rows_of(View::Timeline)[first].selectable());
    keys(&mut app, "j");
    let moved = app.pane().unwrap().selected;
    keys(&mut app, "P");
    assert_eq!(built(&app), [true, true, false, false]);
    assert!(app.selected_row().is_some_and(Row::selectable));
    // Back: the Timeline as it was left, not built again.
    let rows = app.rows_of(View::Timeline).as_ptr();
    keys(&mut app, "T");
    assert_eq!(app.pane().unwrap().selected, moved);
    assert_eq!(app.rows_of(View::Timeline).as_ptr(), rows);
    // In through a position put back from the state file.
    let mut again = embedded();
    again.recall(&crate::state::Memory {
        position: crate::state::Position {
            view: "sources".into(),
            ..Default::default()
        },
        ..Default::default()
    });
    assert_eq!(built(&again), [false, false, true, false]);
    assert!(again.selected_row().is_some_and(Row::selectable));
    // Sources grouped by outlet, put back elsewhere: still not built, and
    // built in that grouping when shown.
    let mut grouped = embedded();
    grouped.recall(&crate::state::Memory {
        position: crate::state::Position {
            view: "timeline".into(),
            sources_by_outlet: true,
            ..Default::default()
        },
        ..Default::default()
    });
    assert_eq!(built(&grouped), [true, false, false, false]);
    keys(&mut grouped, "S");
    assert!(
        matches!(grouped.rows_of(View::Sources)[0], Row::Heading(_)),
        "an outlet first"
    );
    assert!(grouped.selected_row().is_some_and(Row::selectable));
}

#[test]
fn spans_are_drawn_down_to_the_last_event_inside_them() {
    let app = embedded();
    let rows = app.rows_of(View::Timeline);
    let row_of = |id: &str| {
        let e = event(&app, id);
        rows.iter().position(|r| *r == Row::Event(e)).unwrap()
    };
    let visit = row_of("erdogan-visit-kazakhstan-2017");
    let oic = row_of("oic-science-technology-summit");
    let gutter = &app.listing(View::Timeline).gutter;
    let lane = gutter.row(visit).chars().position(|c| c == '┌').unwrap();
    let at = |row: usize| gutter.row(row).chars().nth(lane).unwrap();
    assert!(oic > visit + 1);
    for row in visit + 1..oic {
        assert_eq!(at(row), '│', "row {row}");
    }
    assert_eq!(at(oic), '└', "the summit on 9–10 Sep is the last event inside");
    assert_eq!(at(oic + 1), ' ');
    let width = gutter.row(0).chars().count();
    assert!((0..rows.len()).all(|r| gutter.row(r).chars().count() == width));
}

#[test]
fn people_are_grouped_by_kind_with_aliases_and_mentions() {
    let app = embedded();
    let rows = app.rows_of(View::People);
    let headings: Vec<&str> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Heading(h) => Some(h.split(' ').next().unwrap()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "People",
            "Countries",
            "Organizations",
            "Companies",
            "Agreements",
            "Initiatives",
            "Places"
        ]
    );
    assert_eq!(rows.iter().filter(|r| r.selectable()).count(), 91);
    let erdogan = entity(&app, "erdogan");
    let doc = pages::entity(&app.dataset, erdogan, &[], 60, &app);
    let text: String = doc.rows[1].iter().map(|s| s.text.as_str()).collect();
    assert!(text.starts_with("person · also: Erdogan"), "{text}");
    let mentions = app.links().mentions(erdogan).to_vec();
    let visit = event(&app, "erdogan-visit-kazakhstan-2017");
    assert!(mentions.contains(&visit));
    assert!(mentions.len() >= 5, "{}", mentions.len());
}

#[test]
fn sources_fold_backrefs_flag_unresolved_and_group_by_outlet() {
    let mut app = embedded();
    let listed: Vec<u32> = app
        .rows_of(View::Sources)
        .iter()
        .filter_map(|r| match r {
            Row::Source(n) => Some(*n),
            _ => None,
        })
        .collect();
    assert!(!listed.contains(&8) && !listed.contains(&29), "folded into [7]");
    assert!(listed.contains(&7) && listed.contains(&19));
    assert_eq!(app.links().folded_from(7), [8, 29]);
    let doc = pages::source(app.lookup(), 7, app.links(), 200, &app);
    let line: String = doc.rows[1].iter().map(|s| s.text.as_str()).collect();
    assert_eq!(line, "full citation · cited as [8], [29]");
    let unresolved = pages::source(app.lookup(), 19, app.links(), 80, &app);
    assert!(
        unresolved
            .rows
            .iter()
            .flatten()
            .any(|s| s.role == doc::Role::Warning && s.text.contains("Unresolved"))
    );

    keys(&mut app, "Sjjjjjj");
    assert_eq!(app.selected_row(), Some(&Row::Source(7)));
    keys(&mut app, "s");
    assert!(app.sources_by_outlet);
    assert_eq!(
        app.selected_row(),
        Some(&Row::Source(7)),
        "the same source stays chosen"
    );
    assert!(matches!(app.rows_of(View::Sources)[0], Row::Heading(_)));
    // y/o act on the selected source, like the popup.
    let url = app.lookup().url(7).unwrap().to_string();
    assert_eq!(keys(&mut app, "y"), [Effect::CopyToClipboard(url.clone())]);
    assert_eq!(keys(&mut app, "o"), [Effect::OpenUrl(url)]);
    keys(&mut app, "s");
    assert!(!app.sources_by_outlet);
    assert_eq!(app.selected_row(), Some(&Row::Source(7)));
}

#[test]
fn sources_by_outlet_give_each_outlet_one_heading_with_its_count() {
    let mut ds = crate::data::embedded();
    // One outlet spelled two ways that differ only in case, alternating:
    // they sort together, and once got a heading per source.
    let mut flip = false;
    for f in &mut ds.footnotes {
        if let crate::model::FootnoteBody::Citation(c) = &mut f.body {
            c.outlet = if flip { "daily sabah" } else { "Daily Sabah" }.into();
            flip = !flip;
        }
    }
    let mut app = App::new(ds, Theme::default());
    let in_order = app.rows_of(View::Sources).len();
    app.set_sources_grouping(true);
    let rows = app.rows_of(View::Sources);
    let mut headings = std::collections::HashSet::new();
    let mut at = 0;
    while at < rows.len() {
        let Row::Heading(heading) = &rows[at] else {
            panic!("row {at} is in no group")
        };
        let sources = rows[at + 1..]
            .iter()
            .take_while(|r| matches!(r, Row::Source(_)))
            .count();
        assert!(headings.insert(heading.clone()), "{heading} twice");
        assert!(
            heading.ends_with(&format!(" ({sources})")),
            "{heading} over {sources} sources"
        );
        at += 1 + sources;
    }
    let spellings = headings
        .iter()
        .filter(|h| h.to_lowercase().starts_with("daily sabah ("));
    assert_eq!(spellings.count(), 2, "{headings:?}");
    let listed = rows.iter().filter(|r| matches!(r, Row::Source(_))).count();
    assert_eq!(listed, in_order);
}

#[test]
fn figures_list_every_figure_and_enter_opens_its_event() {
    let mut app = embedded();
    let total: usize = app.records.iter().map(|e| e.figures.len()).sum();
    assert_eq!(app.rows_of(View::Figures).len(), total);
    keys(&mut app, "F");
    assert_eq!(app.position(), Some((1, total)));
    assert!(app.detail_doc().is_none(), "no detail pane: the chart instead");
    keys(&mut app, "j");
    let Some(Row::Figure { event: e, .. }) = app.selected_row().cloned() else {
        panic!("a figure row")
    };
    keys(&mut app, "<Enter>");
    assert_eq!(app.shown_event(), Some(e));
    assert_eq!(Some(app.view), app.view_of_event(e));
    keys(&mut app, "<BS>");
    assert_eq!(app.view, View::Figures);
    assert_eq!(app.position(), Some((2, total)));
}

#[test]
fn bookmarks_toggle_list_open_and_remove() {
    let mut app = app();
    keys(&mut app, "O");
    assert_eq!(keys(&mut app, "m"), []);
    assert_eq!(app.status.as_deref(), Some("no event selected here to bookmark"));
    keys(&mut app, "1");
    assert_eq!(keys(&mut app, "m<Enter>"), [Effect::Save]);
    keys(&mut app, "G");
    assert_eq!(keys(&mut app, "m<Enter>"), [Effect::Save]);
    let visit = event(&app, "visit");
    let recognition = event(&app, "recognition");
    assert_eq!(app.bookmarks, [recognition, visit]);
    // From the timeline too.
    keys(&mut app, "Tj");
    keys(&mut app, "m<Enter>");
    assert_eq!(app.bookmarks.len(), 3);
    keys(&mut app, "m");
    assert_eq!(app.bookmarks.len(), 2, "again: removed");
    assert!(app.status.as_deref().unwrap().starts_with("removed the bookmark"));

    keys(&mut app, "'");
    assert_eq!(app.popups, [Popup::Bookmarks { selected: 0 }]);
    keys(&mut app, "j<Enter>");
    assert!(app.popups.is_empty());
    assert_eq!((app.view, app.shown_event()), (View::Tab(0), Some(visit)));
    keys(&mut app, "<BS>");
    assert_eq!(
        app.view,
        View::Timeline,
        "opening a bookmark is recorded in the history"
    );
    keys(&mut app, "'");
    assert_eq!(keys(&mut app, "d"), [Effect::Save]);
    assert_eq!(app.bookmarks, [visit]);
    assert_eq!(keys(&mut app, "<Del>"), [Effect::Save]);
    assert!(app.bookmarks.is_empty());
    assert_eq!(keys(&mut app, "dj<Enter>"), []);
    keys(&mut app, "'");
    assert!(app.popups.is_empty(), "' closes it too");
}

#[test]
fn a_bookmark_takes_a_note_that_the_list_edits() {
    let mut app = app();
    let visit = event(&app, "visit");
    keys(&mut app, "1G");
    // m asks; Esc makes no bookmark.
    assert_eq!(keys(&mut app, "mabc"), []);
    assert!(matches!(&app.mode, Mode::Note(edit) if edit.input == "abc" && edit.new));
    assert_eq!(app.contexts(), [Context::Always, Context::Note]);
    assert_eq!(keys(&mut app, "<Esc>"), []);
    assert!(app.bookmarks.is_empty() && app.notes.is_empty());
    assert_eq!(app.status.as_deref(), Some("not bookmarked"));
    // Backspace, then Enter: the bookmark with its note, spaces trimmed.
    assert_eq!(keys(&mut app, "m  why it matters!<BS> <Enter>"), [Effect::Save]);
    assert_eq!(app.bookmarks, [visit]);
    assert_eq!(app.notes[&visit], "why it matters");
    assert!(matches!(app.mode, Mode::Browse));
    // e edits it, starting from the note as it is; Esc keeps it.
    keys(&mut app, "'e");
    assert!(matches!(&app.mode, Mode::Note(edit) if edit.input == "why it matters" && !edit.new));
    keys(&mut app, "<BS><BS><Esc>");
    assert_eq!(app.notes[&visit], "why it matters");
    assert_eq!(app.status.as_deref(), Some("note unchanged"));
    assert_eq!(
        app.popups,
        [Popup::Bookmarks { selected: 0 }],
        "the list stays open"
    );
    assert_eq!(keys(&mut app, "e<C-u>new<Enter>"), [Effect::Save]);
    assert_eq!(app.notes[&visit], "new");
    // An empty note is none.
    assert_eq!(keys(&mut app, "e<C-u><Enter>"), [Effect::Save]);
    assert!(app.notes.is_empty());
    assert_eq!(app.bookmarks, [visit], "the bookmark stays");
    // A note is capped, and removing a bookmark removes its note.
    let long = "x".repeat(crate::state::NOTE_CHARS + 5);
    keys(&mut app, &format!("e{long}<Enter>"));
    assert_eq!(app.notes[&visit].chars().count(), crate::state::NOTE_CHARS);
    assert_eq!(keys(&mut app, "d"), [Effect::Save]);
    assert!(app.bookmarks.is_empty() && app.notes.is_empty());
    // On a bookmarked event, m still removes it, note and all.
    keys(&mut app, "<Esc>mnote<Enter>");
    assert_eq!(keys(&mut app, "m"), [Effect::Save]);
    assert!(app.bookmarks.is_empty() && app.notes.is_empty());
}

#[test]
fn the_memory_round_trips_through_the_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let key = DatasetKey::of(FIXTURE.as_bytes());
    let mut app = app();
    keys(&mut app, "1Gmfirst one<Enter>1km<Enter>Gf<Enter>j");
    let scroll = app.pane().unwrap().scroll;
    assert!(scroll > 0 || app.detail_doc().unwrap().rows.len() <= 36);
    let place = app.place();
    Store::in_dir(dir.path(), key.clone())
        .save(&app.memory())
        .unwrap();

    let mut again = self::app();
    let loaded = Store::in_dir(dir.path(), key).load();
    again.recall(&loaded.memory.unwrap());
    assert_eq!(again.bookmarks, app.bookmarks);
    assert_eq!(again.notes, app.notes);
    assert_eq!(app.notes.values().collect::<Vec<_>>(), ["first one"]);
    assert!(again.inline_footnotes);
    let now = again.place();
    assert_eq!(
        (now.view, now.pane.selected, now.pane.scroll),
        (place.view, place.pane.selected, place.pane.scroll)
    );
}

#[test]
fn every_view_position_is_remembered() {
    let mut app = embedded();
    for script in ["1jjj", "3jj", "6jjjjj", "7jjj", "8sjjj", "9jjjj"] {
        keys(&mut app, script);
        let memory = app.memory();
        let mut again = embedded();
        again.recall(&memory);
        let (a, b) = (app.place(), again.place());
        assert_eq!(
            (b.view, b.pane.selected, b.sources_by_outlet),
            (a.view, a.pane.selected, a.sources_by_outlet),
            "{script}"
        );
        if a.view == View::Overview {
            assert_eq!(b.pane.scroll, a.pane.scroll);
        }
    }
}

#[test]
fn a_memory_from_elsewhere_is_applied_as_far_as_it_goes() {
    let mut app = app();
    let memory = crate::state::Memory {
        position: crate::state::Position {
            view: "political".into(),
            event: Some("no-such-event".into()),
            scroll: 999,
            ..Default::default()
        },
        bookmarks: vec!["visit".into(), "gone".into(), "visit".into()],
        notes: [("visit", "mine"), ("gone", "lost"), ("trade", "no bookmark")]
            .map(|(id, note)| (id.to_string(), note.to_string()))
            .into(),
    };
    app.recall(&memory);
    assert_eq!(app.view, View::Tab(0));
    assert_eq!(
        app.bookmarks,
        [event(&app, "visit")],
        "unknown and repeated ids dropped"
    );
    assert_eq!(
        app.notes,
        std::collections::HashMap::from([(event(&app, "visit"), "mine".to_string())]),
        "notes of unknown events and of events not bookmarked dropped"
    );
    let p = *app.pane().unwrap();
    assert_eq!(p.selected, 0);
    let mut garbage = memory.clone();
    garbage.position.view = "nonsense".into();
    let mut fresh = self::app();
    fresh.recall(&garbage);
    assert_eq!(fresh.view, View::Overview);
}

#[test]
fn clicks_reach_the_new_tabs_rows_and_bookmarks() {
    let mut app = app();
    for view in View::listing() {
        let (_, _, rect) = app.layout().tab_labels[view.position(app.tab_count())].clone();
        click(&mut app, MouseEventKind::Down(MouseButton::Left), rect.x, rect.y);
        assert_eq!(app.view, view);
    }
    keys(&mut app, "T");
    let list = app.layout().list_inner();
    // Row 2 is the 2012 heading: nothing happens; row 3 is the council.
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.y + 2,
    );
    assert_eq!(app.position(), Some((1, 5)));
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.y + 3,
    );
    assert_eq!(app.shown_event(), Some(event(&app, "council")));
    // Figures: the table's first row sits under its column headings.
    keys(&mut app, "F");
    let table = app.layout().list_inner();
    assert_eq!(table.y, app.layout().list.y + 2);
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        table.x + 1,
        table.y,
    );
    assert_eq!(app.position(), Some((1, 1)));
    // A click on a bookmark opens it.
    keys(&mut app, "1jm'");
    let inner = app.layout().popup_inner(0);
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        inner.x + 2,
        inner.y,
    );
    assert!(app.popups.is_empty());
    assert_eq!(app.shown_event(), Some(event(&app, "council")));
}

#[test]
fn a_page_lists_at_most_max_links_events_and_says_how_many_more() {
    let app = app();
    let n = app.records.len();
    let many: Vec<usize> = (0..pages::MAX_LINKS + 7).map(|i| i % n).collect();
    let doc = pages::entity(&app.dataset, 0, &many, 100, &app);
    assert_eq!(doc.markers.len(), pages::MAX_LINKS);
    let last: String = doc.rows.last().unwrap().iter().map(|s| s.text.as_str()).collect();
    assert_eq!(last, "… and 7 more, not listed: search to find among them");
    let heading = format!("Mentioned in {} events", pages::MAX_LINKS + 7);
    assert!(
        doc.rows
            .iter()
            .any(|r| r.iter().any(|s| s.text.as_str() == heading))
    );
}

#[test]
fn facts_not_stated_show_their_basis() {
    let app = embedded();
    let rows = |doc: super::doc::Doc| -> Vec<String> {
        doc.rows
            .iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect())
            .collect()
    };
    let opts = content::DetailOptions {
        width: 400,
        inline: false,
        highlights: None,
        related: Some(&[]),
        linked: &app,
    };
    let expo = &app.records[event(&app, "turkey-backs-expo-2017-candidacy")];
    let text = rows(content::detail(app.lookup(), expo, opts));
    assert!(
        text[1].starts_with(
            "2012 (year) · from the public record, not the analysis: the analysis gives no year"
        ),
        "{}",
        text[1]
    );
    let synergy = &app.records[event(&app, "new-synergy-26-projects")];
    let text = rows(content::detail(app.lookup(), synergy, opts));
    assert!(
        text[1].starts_with("9 September 2017 (day) · derived: the day of"),
        "{}",
        text[1]
    );
    let deik = rows(pages::entity(&app.dataset, entity(&app, "deik"), &[], 400, &app));
    assert!(
        deik.iter()
            .any(|r| r.starts_with("name · from the public record, not the analysis: ")),
        "{deik:?}"
    );
}

/// The embedded dossier with its events spread over `n` tabs of its own.
fn with_tabs(n: usize) -> App {
    let mut ds = crate::data::embedded();
    ds.tabs = (0..n)
        .map(|i| crate::model::Tab {
            id: format!("section-{i}"),
            title: format!("Section number {i} of the dossier"),
            label: None,
            badge: None,
            color: None,
            summary: None,
        })
        .collect();
    for (k, e) in ds.events.iter_mut().enumerate() {
        e.tab = format!("section-{}", k % n);
    }
    let mut app = App::new(ds, Theme::default());
    app.set_area(Rect::new(0, 0, 80, 24));
    app
}

#[test]
fn one_tab_or_twenty_the_browser_follows_the_data() {
    for n in [1, 20] {
        let mut app = with_tabs(n);
        let bar: Vec<View> = app.bar().collect();
        assert_eq!(
            bar.len(),
            n + 6,
            "{n} tabs, the Overview, the Reader and four views"
        );
        let listed: usize = (0..n).map(|i| app.events_of(View::Tab(i)).len()).sum();
        assert_eq!(listed, app.records.len(), "every event in its tab");
        // The overview counts per declared tab.
        let overview = overview_text(&app);
        assert!(overview.contains("Section number 0 of the dossier"), "{overview}");
        // Every tab reached with the keys, its label on the bar at 80
        // columns: the bar scrolls, and the current tab is always shown.
        for i in 0..n {
            if i < 9 {
                keys(&mut app, &(i + 1).to_string());
            } else {
                keys(&mut app, &format!("0number {i} <Enter>"));
            }
            assert_eq!(app.view, View::Tab(i), "{n} tabs: tab {i}");
            let layout = app.layout();
            assert!(layout.tab_labels.iter().any(|(v, _, _)| *v == View::Tab(i)));
            let right = layout
                .tab_labels
                .iter()
                .map(|(_, _, r)| r.right())
                .max()
                .unwrap_or(0);
            assert!(right <= 80, "{n} tabs: the bar fits 80 columns");
            assert!(app.shown_event().is_some(), "{n} tabs: tab {i} lists its events");
        }
        // Every tab gets a badge of its own.
        let mut badges: Vec<char> = (0..n).map(|i| app.badge(i)).collect();
        badges.sort_unstable();
        badges.dedup();
        assert_eq!(badges.len(), n, "{badges:?}");
        keys(&mut app, "T");
        assert_eq!(app.view, View::Timeline);
    }
}

#[test]
fn the_active_tab_keeps_its_width() {
    let mut app = embedded();
    app.set_area(Rect::new(0, 0, 80, 24));
    let widths =
        |app: &App| -> Vec<u16> { app.layout().tab_labels.iter().map(|(_, _, r)| r.width).collect() };
    let before = widths(&app);
    keys(&mut app, "3");
    assert_eq!(widths(&app), before, "switching tabs moves no label");
}

#[test]
fn an_event_shows_before_its_related_events_are_worked_out_and_gets_them_after() {
    let mut app = embedded();
    let (later, thread) = super::links::LaterLinks::pending();
    app.links = later;
    keys(&mut app, "/erdogan visit<Enter>");
    let rows = |app: &App| -> Vec<String> {
        let doc = app.detail_doc().expect("a detail");
        doc.rows
            .iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect())
            .collect()
    };
    let before = rows(&app);
    let at = before
        .iter()
        .position(|r| r == "Related")
        .expect("a Related section");
    assert_eq!(before[at + 1].trim(), content::RELATED_PENDING, "{before:?}");
    assert!(!app.links_came(), "nothing came yet");
    thread
        .send(super::Links::new(app.lookup(), &app.records, &app.by_date))
        .unwrap();
    assert!(app.links_came(), "the detail is built again");
    assert!(!app.links_came(), "once");
    let after = rows(&app);
    let first = &app.records[app.related(app.shown_event().unwrap())[0]];
    assert!(after[at + 1].contains(first.title.as_str()), "{:?}", &after[at..]);
    assert_eq!(after[..at], before[..at], "what was shown stays");
}

#[test]
fn an_event_lists_related_events_as_links() {
    let mut app = embedded();
    // The 2017 visit shares its day, its notes and its actors with many
    // events: five are listed, each a link that opens it.
    let visit = event(&app, "erdogan-visit-kazakhstan-2017");
    let related = app.related(visit);
    assert_eq!(related.len(), 5, "{related:?}");
    assert!(!related.contains(&visit));
    let shares = |e: usize| {
        let (a, b) = (&app.records[visit], &app.records[e]);
        a.footnotes.iter().any(|n| b.footnotes.contains(n))
            || a.date.is_some() && a.date == b.date
            || a.actors.iter().any(|x| b.actors.contains(x))
    };
    assert!(related.iter().all(|&e| shares(e)), "{related:?}");
    keys(&mut app, "/erdogan visit<Enter>");
    let doc = app.detail_doc().expect("a detail");
    let text: Vec<String> = doc
        .rows
        .iter()
        .map(|r| r.iter().map(|s| s.text.as_str()).collect())
        .collect();
    let at = text
        .iter()
        .position(|r| r == "Related")
        .expect("a Related section");
    let first = &app.records[app.related(app.shown_event().unwrap())[0]];
    assert!(text[at + 1].contains(first.title.as_str()), "{:?}", &text[at..]);
    let links = doc
        .markers
        .iter()
        .filter(|m| matches!(m.link, super::Link::Event(_)))
        .count();
    assert_eq!(links, 5);
}

#[test]
fn below_100_columns_the_list_and_the_detail_take_turns() {
    let mut app = app();
    for width in [60, 80, 99] {
        app.set_area(Rect::new(0, 0, width, 24));
        keys(&mut app, "1");
        let l = app.layout();
        assert_eq!(
            (l.list.width, l.detail.width),
            (width, 0),
            "{width}: the list alone"
        );
        keys(&mut app, "<Enter>");
        let l = app.layout();
        assert_eq!(
            (l.list.width, l.detail.width),
            (0, width),
            "{width}: the detail alone"
        );
        assert!(
            app.detail_doc()
                .is_some_and(|d| d.width == usize::from(width) - 4),
            "wrapped to the whole width"
        );
        keys(&mut app, "<Esc>");
        assert_eq!(
            app.layout().list.width,
            width,
            "{width}: Esc goes back to the list"
        );
    }
    app.set_area(Rect::new(0, 0, 100, 24));
    let l = app.layout();
    assert!(
        l.list.width > 0 && l.detail.width > 0,
        "side by side from 100 columns"
    );
}

/// The detail document is built once per change of what it shows: asked
/// for again it is the same document, and a new selection, citation mode,
/// width or search gives a new one that matches a fresh build.
#[test]
fn the_detail_is_built_once_per_change() {
    let mut app = app();
    keys(&mut app, "1");
    let first = app.detail_doc().unwrap();
    assert!(std::rc::Rc::ptr_eq(&first, &app.detail_doc().unwrap()));
    let rows = |app: &App| -> Vec<String> {
        app.detail_doc()
            .unwrap()
            .rows
            .iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect())
            .collect()
    };
    for (script, what) in [
        ("j", "selection"),
        ("f", "citations inline"),
        ("/erdogan<Enter>", "search"),
    ] {
        let before = app.detail_doc().unwrap();
        keys(&mut app, script);
        let after = app.detail_doc().unwrap();
        assert!(!std::rc::Rc::ptr_eq(&before, &after), "{what}: rebuilt");
        assert_ne!(before.rows, after.rows, "{what}: changed");
    }
    let before = rows(&app);
    app.set_area(Rect::new(0, 0, 160, 40));
    assert_ne!(rows(&app), before, "a new width wraps anew");
    app.set_area(Rect::new(0, 0, 120, 40));
    assert_eq!(rows(&app), before, "and back");
}

#[test]
fn the_figure_tables_sized_columns_fit_the_widest_cell_it_shows() {
    let app = embedded();
    let rows = &app.listing(View::Figures).rows;
    assert!(rows.len() > 3, "the embedded dossier has figures: {}", rows.len());
    let widest = |col: usize| {
        rows.iter()
            .map(|r| match r {
                Row::Figure { event, index } => format::figure_cells(app.event(*event), *index)[col]
                    .as_str()
                    .width(),
                _ => 0,
            })
            .max()
            .unwrap()
    };
    let columns = &app.listing(View::Figures).columns;
    // The value and the footnotes are sized; the others fill what is left.
    assert_eq!((columns[0], columns[3]), (widest(0), widest(3)));
    assert!(widest(0) > 0 && widest(3) > 0);
}

#[test]
fn the_overview_drawn_before_the_events_are_in_is_the_one_drawn_after() {
    let full = app();
    let head = crate::progress::Head {
        meta: full.dataset.meta(),
        counts: (0..full.tab_count())
            .map(|i| full.events_of(View::Tab(i)).len())
            .collect(),
        key: DatasetKey::of(b""),
    };
    let mut early = App::before_events(head, Theme::default());
    early.set_area(Rect::new(0, 0, 120, 40));
    assert!(early.waiting.is_some() && full.waiting.is_none());
    assert!(early.records.is_empty());
    assert_eq!(early.overview_doc(), full.overview_doc());
    // Counts come from the head, not from the (empty) event list.
    let text = overview_text(&early);
    let listed = full.events_of(View::Tab(0)).len();
    assert!(listed > 1 && text.contains(&format!("{listed} events")), "{text}");
}

/// The Overview's text, without its styles.
fn overview_text(app: &App) -> String {
    let doc = app.overview_doc();
    doc.rows.iter().flatten().map(|s| s.text.as_str()).collect()
}

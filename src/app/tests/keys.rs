//! Keyboard: tabs, lists, the detail, popups, search.

use super::*;

#[test]
fn number_keys_and_tab_switch_views() {
    let mut app = app();
    assert_eq!(app.view, View::Overview);
    keys(&mut app, "2");
    assert_eq!(app.view, View::Tab(1));
    keys(&mut app, "<Tab><Tab><Tab>");
    assert_eq!(app.view, View::Timeline);
    for (key, view) in [
        ("P", View::People),
        ("S", View::Sources),
        ("F", View::Figures),
        ("T", View::Timeline),
        ("O", View::Overview),
        ("4", View::Tab(3)),
    ] {
        keys(&mut app, key);
        assert_eq!(app.view, view);
    }
    keys(&mut app, "F<Tab>");
    assert_eq!(app.view, View::Overview, "wraps after the last tab");
    keys(&mut app, "<S-Tab>");
    assert_eq!(app.view, View::Figures);
    assert_eq!(app.handle(Action::GoView(View::Tab(8))), None);
    assert_eq!(app.view, View::Figures);
    assert_eq!(
        app.status.as_deref(),
        Some("there is no tab 9: this dossier has 4; 0 picks any tab")
    );
}

#[test]
fn the_tab_picker_reaches_any_tab_by_part_of_its_name() {
    let mut app = app();
    keys(&mut app, "0");
    assert!(matches!(app.mode, Mode::Picker(_)));
    // Every view is listed before anything is typed.
    assert_eq!(app.picked("").len(), 4 + 6);
    keys(&mut app, "secur<Enter>");
    assert_eq!((app.view, matches!(app.mode, Mode::Browse)), (View::Tab(2), true));
    keys(&mut app, "0ppl<Enter>");
    assert_eq!(app.view, View::People, "a short name counts too");
    keys(&mut app, "0zzzz<Enter>");
    assert_eq!(app.view, View::People);
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("no tab matches"))
    );
    keys(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::Browse));
    keys(&mut app, "0<Down><Down><Enter>");
    assert_eq!(
        app.view,
        View::Figures,
        "the list starts at the view one was on (People)"
    );
}

#[test]
fn lists_are_in_date_order_and_moves_stop_at_the_ends() {
    let mut app = app();
    keys(&mut app, "1");
    assert_eq!(selected_title(&app), "Recognition");
    keys(&mut app, "k");
    assert_eq!(app.position(), Some((1, 3)));
    keys(&mut app, "jjjjj");
    assert_eq!(app.position(), Some((3, 3)));
    assert_eq!(selected_title(&app), "Erdoğan visits Astana");
    keys(&mut app, "g");
    assert_eq!(app.position(), Some((1, 3)));
    keys(&mut app, "G");
    assert_eq!(app.position(), Some((3, 3)));
    keys(&mut app, "<PgDn>");
    assert_eq!(app.position(), Some((3, 3)));
}

#[test]
fn enter_focuses_detail_and_tab_cycles_markers() {
    let mut app = app();
    keys(&mut app, "1G<Enter>");
    assert_eq!(app.focus, Focus::Detail);
    let links: Vec<Link> = app.detail_doc().unwrap().markers.iter().map(|m| m.link).collect();
    assert_eq!(
        links,
        [
            Link::Footnote(1),
            Link::Footnote(8),
            Link::Footnote(26),
            Link::Entity(0),
            Link::Event(4)
        ],
        "footnote markers, the actor's link, then the related event"
    );
    keys(&mut app, "<Tab>");
    assert_eq!(app.pane().unwrap().marker, Some(0));
    keys(&mut app, "<Tab>]");
    assert_eq!(app.pane().unwrap().marker, Some(2));
    keys(&mut app, "<Tab><Tab><Tab>");
    assert_eq!(app.pane().unwrap().marker, Some(0), "wraps around");
    keys(&mut app, "[");
    assert_eq!(app.pane().unwrap().marker, Some(4));
    keys(&mut app, "<S-Tab>");
    assert_eq!(app.pane().unwrap().marker, Some(3));
    assert_eq!(app.view, View::Tab(0), "Tab in the detail never switches tabs");
    keys(&mut app, "<Esc>");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn marker_opens_popup_and_esc_leaves_the_view_unchanged() {
    let mut app = app();
    keys(&mut app, "1G<Enter><Tab><Tab>");
    let before = (app.view, app.focus, app.panes.clone());
    keys(&mut app, "<Enter>");
    assert_eq!(app.popups, [Popup::Footnote(8)]);
    keys(&mut app, "jjG1");
    assert_eq!(
        (app.view, app.focus, app.panes.clone()),
        before,
        "the popup consumes keys"
    );
    keys(&mut app, "<Esc>");
    assert!(app.popups.is_empty());
    assert_eq!((app.view, app.focus, app.panes.clone()), before);
}

#[test]
fn colon_number_opens_a_footnote_from_anywhere() {
    let mut app = app();
    keys(&mut app, ":26<Enter>");
    assert_eq!(app.popups, [Popup::Footnote(26)]);
    assert!(matches!(app.mode, Mode::Browse));
    keys(&mut app, ":7<Enter>");
    assert_eq!(app.popups, [Popup::Footnote(7)], "replaces the footnote on top");
    keys(&mut app, "<Esc>1j:x2<BS>1<Enter>");
    assert_eq!(
        app.popups,
        [Popup::Footnote(1)],
        "letters are ignored, backspace works"
    );
    keys(&mut app, "<Esc>:99<Enter>");
    assert!(app.popups.is_empty());
    assert_eq!(
        app.status.as_deref(),
        Some("no footnote “99”: footnotes run 1–26")
    );
    keys(&mut app, ":1<Esc>");
    assert!(app.popups.is_empty() && matches!(app.mode, Mode::Browse));
    assert_eq!(app.position(), Some((2, 3)));
}

#[test]
fn popup_effects_copy_and_open_only_safe_urls() {
    let mut app = app();
    keys(&mut app, ":8<Enter>");
    assert_eq!(
        keys(&mut app, "y"),
        [Effect::CopyToClipboard("https://h.example/a".into())]
    );
    assert_eq!(
        keys(&mut app, "o"),
        [Effect::OpenUrl("https://h.example/a".into())]
    );
    keys(&mut app, ":20<Enter>");
    assert_eq!(keys(&mut app, "o"), []);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("not opening “javascript:alert(1)”")
    );
    keys(&mut app, ":19<Enter>");
    assert_eq!(keys(&mut app, "yo"), []);
    assert_eq!(app.status.as_deref(), Some("footnote 19 has no URL"));
}

#[test]
fn search_updates_live_and_enter_opens_the_event_in_its_tab() {
    let mut app = app();
    keys(&mut app, "/erdo");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    let first = s.hits.len();
    assert!(first >= 2, "title and alias matches: {first}");
    keys(&mut app, "gan visits");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert_eq!(s.input, "erdogan visits");
    assert_eq!(s.hits.len(), 1);
    keys(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(app.view, View::Tab(0));
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(selected_title(&app), "Erdoğan visits Astana");
    let hl = app.highlights_for(app.shown_event().unwrap()).unwrap();
    assert_eq!(hl.title[..7], [0, 1, 2, 3, 4, 5, 6], "Erdoğan is highlighted");
    assert_eq!(app.last_search.as_ref().unwrap().input, "erdogan visits");
}

#[test]
fn esc_in_search_restores_exactly_where_you_were() {
    let mut app = app();
    keys(&mut app, "1j<Enter><Tab>");
    keys(&mut app, "/trade<Down>");
    let before = (app.view, app.focus, app.panes.clone(), app.overview_scroll);
    keys(&mut app, "/erdogan<Down><Down>");
    keys(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(
        (app.view, app.focus, app.panes.clone(), app.overview_scroll),
        before
    );
    assert!(app.last_search.is_none(), "a cancelled search is not remembered");
}

#[test]
fn n_and_shift_n_walk_the_last_search_across_tabs() {
    let mut app = app();
    keys(&mut app, "/erdogan<Enter>");
    let hits: Vec<usize> = app
        .last_search
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|h| h.event)
        .collect();
    assert_eq!(hits.len(), 2);
    assert_eq!(app.shown_event(), Some(hits[0]));
    keys(&mut app, "n");
    assert_eq!(app.shown_event(), Some(hits[1]));
    assert_eq!(app.view, app.view_of_event(hits[1]).unwrap());
    keys(&mut app, "n");
    assert_eq!(app.shown_event(), Some(hits[0]), "wraps");
    keys(&mut app, "N");
    assert_eq!(app.shown_event(), Some(hits[1]));
    keys(&mut app, "<Esc><Esc>n");
    assert!(app.last_search.is_none());
    assert_eq!(app.status.as_deref(), Some("no search yet: press / to search"));
}

#[test]
fn query_errors_show_inline_and_clear_results() {
    let mut app = app();
    keys(&mut app, "/erdogan \"vis");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert!(s.error.as_deref().unwrap().contains("quote"), "{:?}", s.error);
    assert!(
        s.hits.is_empty(),
        "results of an older query would pass for this one's"
    );
    keys(&mut app, "its\"");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert_eq!(s.error, None);
    assert!(!s.hits.is_empty());
    keys(&mut app, "<Esc>/zzzzqqq");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert!(s.hits.is_empty() && s.error.is_none());
}

/// Issue 15 3a: `/after:2016-13` kept the results of `after:2016`, and
/// Enter opened one of them and armed `n`/`N` with them.
#[test]
fn a_query_turned_invalid_shows_no_results_and_enter_n_use_none() {
    let mut app = app();
    keys(&mut app, "/after:2016");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert!(!s.hits.is_empty(), "after:2016 matches the 2017 events");
    keys(&mut app, "-13");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert!(s.error.is_some(), "month 13 is an error");
    assert!(s.hits.is_empty() && s.total == 0 && s.query.is_none());
    keys(&mut app, "<Enter>");
    let Mode::Search(s) = &app.mode else {
        panic!("Enter on an error keeps the query line open")
    };
    assert!(s.error.is_some(), "the error stays");
    assert!(app.last_search.is_none());
    keys(&mut app, "<Esc>n");
    assert!(app.last_search.is_none());
    assert_eq!(app.status.as_deref(), Some("no search yet: press / to search"));
}

#[test]
fn a_huge_query_that_does_not_parse_is_echoed_short() {
    let mut app = app();
    keys(&mut app, "/");
    if let Mode::Search(s) = &mut app.mode {
        s.input = format!("fn:{}", "x".repeat(100_000));
    }
    keys(&mut app, "x");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    let error = s.error.as_deref().expect("fn: needs a number");
    assert!(
        error.chars().count() < 500,
        "{} characters",
        error.chars().count()
    );
    assert!(error.contains("xxx…\""), "{error}");
}

#[test]
fn quit_keys_and_typing_q_in_search() {
    let mut app = app();
    assert_eq!(keys(&mut app, "/q"), []);
    assert_eq!(keys(&mut app, "<C-c>"), [Effect::Quit]);
    let mut app = self::app();
    assert_eq!(keys(&mut app, "1q"), [Effect::Quit]);
}

#[test]
fn ctrl_z_suspends_from_anywhere_and_changes_nothing() {
    // In raw mode the terminal sends Ctrl-Z as a key, not as SIGTSTP.
    for before in ["", "/erd", ":2", "?", "'", "<Enter>"] {
        let mut app = app();
        keys(&mut app, before);
        let contexts = app.contexts();
        assert_eq!(keys(&mut app, "<C-z>"), [Effect::Suspend], "after {before:?}");
        assert_eq!(app.contexts(), contexts, "after {before:?}: where it was");
    }
    let mut app = app();
    keys(&mut app, "/erd<C-z>");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert_eq!(s.input, "erd", "no z typed");
}

#[test]
fn help_overlay_is_a_popup_that_consumes_keys() {
    let mut app = app();
    app.set_area(Rect::new(0, 0, 200, 100));
    keys(&mut app, "1?j");
    assert_eq!(app.popups, [Popup::Help { scroll: 0 }], "at 200x100 it all fits");
    assert_eq!(app.position(), Some((1, 3)), "j did not reach the list");
    keys(&mut app, "?");
    assert!(app.popups.is_empty());
    app.set_area(Rect::new(0, 0, 80, 24));
    keys(&mut app, &format!("?jj{}", "<PgDn>".repeat(20)));
    let Some(Popup::Help { scroll }) = app.popups.last().copied() else {
        panic!("help is open")
    };
    let rows = app.keys.help_columns(1)[0].len();
    assert_eq!(
        scroll,
        rows - usize::from(app.layout().popup_inner(0).height),
        "stops at the end"
    );
    keys(&mut app, "<Esc>");
    assert!(app.popups.is_empty());
}

#[test]
fn f_prints_citations_under_what_cites_them() {
    let mut app = app();
    keys(&mut app, "1G");
    let text = |app: &App| -> Vec<String> {
        let doc = app.detail_doc().unwrap();
        doc.rows
            .iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect())
            .collect()
    };
    let off = text(&app);
    keys(&mut app, "f");
    let on = text(&app);
    let summary = off.iter().position(|r| r.starts_with("Two days")).unwrap();
    assert_eq!(off[summary], "Two days of talks. [1] [8]", "markers only");
    assert!(off.contains(&"Sources".to_string()));
    assert!(!on.contains(&"Sources".to_string()), "no second list when inline");
    let summary = on
        .iter()
        .position(|r| r.starts_with("Two days of talks."))
        .unwrap();
    assert_eq!(on[summary + 1], "  [1] “Visit”, AA https://aa.example/visit");
    assert!(on[summary + 2].starts_with("  [8] same as [7]: “Aselsan”, H"));
    let quote = on.iter().position(|r| r.contains("“Brothers.”")).unwrap();
    assert_eq!(on[quote + 1], "  [26] note: Aksakal: an elder.");
}

#[test]
fn a_typo_runs_the_corrected_query_like_the_cli() {
    let mut app = app();
    keys(&mut app, "/aselsen");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert_eq!(s.corrected.as_deref(), Some("aselsan"));
    assert_eq!(s.hits.len(), 1);
    keys(&mut app, "<Enter>");
    assert_eq!(selected_title(&app), "Aselsan venture");
    assert_eq!(app.last_search.as_ref().unwrap().input, "aselsen");
}

#[test]
fn search_keeps_the_best_rows_and_counts_them_all() {
    // More matches than a search keeps: the rows are the top ones, in
    // order, and the count is of every match.
    let mut dataset: Dataset = serde_json::from_str(super::FIXTURE).unwrap();
    let visit = dataset.events[0].clone();
    dataset.events = (0..RESULT_ROWS + 250)
        .map(|i| crate::model::Event {
            id: format!("visit-{i}"),
            ..visit.clone()
        })
        .collect();
    let index = crate::search::SearchIndex::new(&dataset);
    let full = index.search(&crate::search::Query::parse("erdogan").unwrap());
    let mut app = App::new(dataset, Theme::default());
    app.set_area(Rect::new(0, 0, 120, 40));
    keys(&mut app, "/erdogan");
    let Mode::Search(state) = &app.mode else {
        panic!("searching")
    };
    assert_eq!(state.total, RESULT_ROWS + 250);
    assert_eq!(state.hits, full[..RESULT_ROWS]);
}

/// The results of the search on screen.
fn results(app: &App) -> &SearchState {
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    s
}

/// Issue 15 4a: a day's search lists the events of that day first, then
/// those dated only to its year under a divider row that the selection,
/// Enter, `n` and `N` pass over.
#[test]
fn the_divider_of_less_precise_dates_is_never_selected() {
    let mut app = embedded();
    keys(&mut app, "/17 aug 2017");
    let s = results(&app);
    let divider = s.divider.clone().expect("events dated only to 2017 match too");
    assert_eq!(divider.at, 2, "the two events of 17 Aug 2017 come first");
    assert_eq!(divider.label, "dated only to the year");
    assert!(s.hits[..2].iter().all(|h| h.exact));
    assert!(s.hits[2..].iter().all(|h| !h.exact));
    assert_eq!(s.rows(), s.hits.len() + 1);
    assert_eq!((s.hit_at(1), s.hit_at(2), s.hit_at(3)), (Some(1), None, Some(2)));
    let third = s.hits[2].event;
    assert_eq!(app.pane().unwrap().selected, 0);
    keys(&mut app, "<Down>");
    assert_eq!(app.pane().unwrap().selected, 1);
    keys(&mut app, "<Down>");
    assert_eq!(app.pane().unwrap().selected, 3, "down steps over the divider");
    assert_eq!(app.shown_event(), Some(third));
    keys(&mut app, "<Up>");
    assert_eq!(app.pane().unwrap().selected, 1, "and so does up");
    // A click on the divider selects nothing.
    let list = app.layout().list_inner();
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 2,
    );
    assert_eq!(app.pane().unwrap().selected, 1);
    // Enter opens the second hit; `n` goes on to the third, past the
    // divider, and `N` back.
    let hits: Vec<usize> = results(&app).hits.iter().map(|h| h.event).collect();
    keys(&mut app, "<Enter>");
    assert_eq!(app.shown_event(), Some(hits[1]));
    assert_eq!(app.last_search.as_ref().unwrap().pos, 1);
    keys(&mut app, "n");
    assert_eq!(app.shown_event(), Some(hits[2]));
    assert_eq!(app.last_search.as_ref().unwrap().pos, 2);
    keys(&mut app, "N");
    assert_eq!(app.shown_event(), Some(hits[1]));
    keys(&mut app, "NN");
    assert_eq!(
        app.shown_event(),
        Some(*hits.last().unwrap()),
        "wraps to the last hit, not to the divider"
    );
}

/// With no event of the day itself, the divider heads the list and the
/// first hit below it is selected; Enter opens it.
#[test]
fn a_divider_on_the_first_row_starts_the_selection_below_it() {
    let mut app = embedded();
    keys(&mut app, "/17 aug 2017 tab:political");
    let s = results(&app);
    assert_eq!(s.divider.as_ref().map(|d| d.at), Some(0));
    assert!(s.hits.iter().all(|h| !h.exact));
    let first = s.hits[0].event;
    assert_eq!(app.pane().unwrap().selected, 1);
    keys(&mut app, "<Up>");
    assert_eq!(app.pane().unwrap().selected, 1, "nothing above to select");
    assert_eq!(app.position(), Some((1, results(&app).hits.len())));
    keys(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!(app.shown_event(), Some(first));
}

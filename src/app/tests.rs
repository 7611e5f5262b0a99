//! State transitions, driven by keys and clicks, checked without a terminal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::*;

/// A small dossier with every kind of footnote and events in three tabs.
const FIXTURE: &str = r#"{
  "document": {"title": "T", "author": "Özge Nur Öğütcü", "author_role": "Analyst",
    "publisher": "AVİM", "series": "2017/29", "published": "2017-09-13", "language": "en",
    "source_note": "fixture", "overview": "Overview text.", "conclusion": "Conclusion text."},
  "tabs": [
    {"id": "political", "title": "Political", "summary": "p"},
    {"id": "economic", "title": "Economic", "summary": "e"},
    {"id": "security", "title": "Security & Military", "summary": "s"},
    {"id": "regional", "title": "Regional Organizations", "summary": "r"}],
  "events": [
    {"id": "visit", "date": "2017-09-08", "end": "2017-09-10", "tab": "political",
     "title": "Erdoğan visits Astana", "summary": "Two days of talks.", "actors": ["erdogan"],
     "footnotes": [1, 8], "quotes": [{"speaker": "erdogan", "text": "Brothers.", "footnote": 26}]},
    {"id": "recognition", "date": "1991", "tab": "political", "title": "Recognition",
     "summary": "First to recognise.", "footnotes": [2]},
    {"id": "council", "date": "2012-10", "tab": "political", "title": "Council set up",
     "summary": "A council.", "footnotes": [19]},
    {"id": "trade", "date": "2016", "tab": "economic", "title": "Trade with Erdoğan's blessing",
     "summary": "Trade grew.", "figures": [{"value": 590000000, "unit": "USD", "measure": "deals"}],
     "footnotes": [20]},
    {"id": "aselsan", "date": "2017-05", "tab": "security", "title": "Aselsan venture",
     "summary": "Joint production.", "footnotes": [7]}],
  "entities": [{"id": "erdogan", "name": "Recep Tayyip Erdoğan", "kind": "person",
     "aliases": ["Erdogan"], "description": "President of Turkey"}],
  "footnotes": [
    {"number": 1, "kind": "citation", "title": "Visit", "outlet": "AA", "url": "https://aa.example/visit"},
    {"number": 2, "kind": "citation", "title": "Recognition", "outlet": "DS"},
    {"number": 7, "kind": "citation", "title": "Aselsan", "outlet": "H", "url": "https://h.example/a"},
    {"number": 8, "kind": "backref", "text": "Aselsan", "refers_to": 7},
    {"number": 19, "kind": "unresolved", "text": "Defence News"},
    {"number": 20, "kind": "note", "text": "Shareholders.", "url": "javascript:alert(1)"},
    {"number": 26, "kind": "note", "text": "Aksakal: an elder."}]
}"#;

fn app() -> App {
    let dataset: Dataset = serde_json::from_str(FIXTURE).expect("fixture parses");
    let mut app = App::new(dataset, Theme::default());
    app.set_area(Rect::new(0, 0, 120, 40));
    app
}

/// Presses keys written as characters and `<Name>` tokens.
fn keys(app: &mut App, script: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let (key, len) = match rest.strip_prefix('<').and_then(|r| r.split_once('>')) {
            Some((name, _)) if c == '<' && !name.is_empty() => {
                let code = match name {
                    "Enter" => KeyCode::Enter,
                    "Esc" => KeyCode::Esc,
                    "Tab" => KeyCode::Tab,
                    "S-Tab" => KeyCode::BackTab,
                    "Down" => KeyCode::Down,
                    "Up" => KeyCode::Up,
                    "PgDn" => KeyCode::PageDown,
                    "BS" => KeyCode::Backspace,
                    "C-c" => KeyCode::Char('c'),
                    other => panic!("unknown key <{other}>"),
                };
                let mods = if name == "C-c" {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                (KeyEvent::new(code, mods), name.len() + 2)
            }
            _ => (KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), c.len_utf8()),
        };
        effects.extend(app.on_key(key));
        rest = &rest[len..];
    }
    effects
}

fn selected_title(app: &App) -> String {
    app.dataset.events[app.shown_event().expect("an event is shown")]
        .title
        .clone()
}

fn click(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    let ev = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    app.on_mouse(ev);
}

#[test]
fn number_keys_and_tab_switch_views() {
    let mut app = app();
    assert_eq!(app.view, View::Overview);
    keys(&mut app, "3");
    assert_eq!(app.view, View::Economic);
    keys(&mut app, "<Tab><Tab><Tab>");
    assert_eq!(app.view, View::Overview);
    keys(&mut app, "<S-Tab>");
    assert_eq!(app.view, View::Regional);
    keys(&mut app, "9");
    assert_eq!(app.view, View::Regional);
    assert_eq!(app.status.as_deref(), Some("there is no tab 9"));
}

#[test]
fn lists_are_in_date_order_and_moves_stop_at_the_ends() {
    let mut app = app();
    keys(&mut app, "2");
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
    keys(&mut app, "2G<Enter>");
    assert_eq!(app.focus, Focus::Detail);
    let numbers: Vec<u32> = app
        .detail_doc()
        .unwrap()
        .markers
        .iter()
        .map(|m| m.number)
        .collect();
    assert_eq!(numbers, [1, 8, 26]);
    keys(&mut app, "<Tab>");
    assert_eq!(app.pane().unwrap().marker, Some(0));
    keys(&mut app, "<Tab>]");
    assert_eq!(app.pane().unwrap().marker, Some(2));
    keys(&mut app, "<Tab>");
    assert_eq!(app.pane().unwrap().marker, Some(0), "wraps around");
    keys(&mut app, "[");
    assert_eq!(app.pane().unwrap().marker, Some(2));
    keys(&mut app, "<S-Tab>");
    assert_eq!(app.pane().unwrap().marker, Some(1));
    assert_eq!(app.view, View::Political, "Tab in the detail never switches tabs");
    keys(&mut app, "<Esc>");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn marker_opens_popup_and_esc_leaves_the_view_unchanged() {
    let mut app = app();
    keys(&mut app, "2G<Enter><Tab><Tab>");
    let before = (app.view, app.focus, app.panes);
    keys(&mut app, "<Enter>");
    assert_eq!(app.popups, [Popup::Footnote(8)]);
    keys(&mut app, "jjG2");
    assert_eq!(
        (app.view, app.focus, app.panes),
        before,
        "the popup consumes keys"
    );
    keys(&mut app, "<Esc>");
    assert!(app.popups.is_empty());
    assert_eq!((app.view, app.focus, app.panes), before);
}

#[test]
fn colon_number_opens_a_footnote_from_anywhere() {
    let mut app = app();
    keys(&mut app, ":26<Enter>");
    assert_eq!(app.popups, [Popup::Footnote(26)]);
    assert!(matches!(app.mode, Mode::Browse));
    keys(&mut app, ":7<Enter>");
    assert_eq!(app.popups, [Popup::Footnote(7)], "replaces the footnote on top");
    keys(&mut app, "<Esc>2j:x2<BS>1<Enter>");
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
    assert_eq!(app.view, View::Political);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(selected_title(&app), "Erdoğan visits Astana");
    let hl = app.highlights_for(app.shown_event().unwrap()).unwrap();
    assert_eq!(hl.title[..7], [0, 1, 2, 3, 4, 5, 6], "Erdoğan is highlighted");
    assert_eq!(app.last_search.as_ref().unwrap().input, "erdogan visits");
}

#[test]
fn esc_in_search_restores_exactly_where_you_were() {
    let mut app = app();
    keys(&mut app, "2j<Enter><Tab>");
    keys(&mut app, "/trade<Down>");
    let before = (app.view, app.focus, app.panes, app.overview_scroll);
    keys(&mut app, "/erdogan<Down><Down>");
    keys(&mut app, "<Esc>");
    assert!(matches!(app.mode, Mode::Browse));
    assert_eq!((app.view, app.focus, app.panes, app.overview_scroll), before);
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
fn query_errors_show_inline_and_keep_results() {
    let mut app = app();
    keys(&mut app, "/erdogan \"vis");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert!(s.error.as_deref().unwrap().contains("quote"), "{:?}", s.error);
    assert!(!s.hits.is_empty(), "results of the last valid query stay");
    keys(&mut app, "its\"");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert_eq!(s.error, None);
    keys(&mut app, "<Esc>/zzzzqqq");
    let Mode::Search(s) = &app.mode else {
        panic!("search is open")
    };
    assert!(s.hits.is_empty() && s.error.is_none());
}

#[test]
fn quit_keys_and_typing_q_in_search() {
    let mut app = app();
    assert_eq!(keys(&mut app, "/q"), []);
    assert_eq!(keys(&mut app, "<C-c>"), [Effect::Quit]);
    let mut app = self::app();
    assert_eq!(keys(&mut app, "2q"), [Effect::Quit]);
}

#[test]
fn help_overlay_is_a_popup_that_consumes_keys() {
    let mut app = app();
    keys(&mut app, "2?j");
    assert_eq!(app.popups, [Popup::Help { scroll: 1 }]);
    assert_eq!(app.position(), Some((1, 3)));
    keys(&mut app, "?");
    assert!(app.popups.is_empty());
}

#[test]
fn f_prints_citations_under_what_cites_them() {
    let mut app = app();
    keys(&mut app, "2G");
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
    assert!(on.len() > off.len());
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
fn mouse_selects_tabs_rows_and_markers_and_wheel_scrolls() {
    let mut app = app();
    let (_, _, rect) = app.layout().tab_labels[1].clone();
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        rect.x + 1,
        rect.y,
    );
    assert_eq!(app.view, View::Political);
    let list = app.layout().list_inner();
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 2,
    );
    assert_eq!(app.position(), Some((3, 3)));
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 20,
    );
    assert_eq!(
        app.position(),
        Some((3, 3)),
        "a click below the rows selects nothing"
    );

    let detail = app.layout().detail_inner();
    let spot = app.detail_doc().unwrap().markers[1];
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        detail.x + spot.col as u16 + 1,
        detail.y + spot.row as u16,
    );
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.pane().unwrap().marker, Some(1));

    // A short pane so the detail can scroll.
    app.set_area(Rect::new(0, 0, 60, 12));
    let detail = app.layout().detail_inner();
    click(&mut app, MouseEventKind::ScrollDown, detail.x, detail.y);
    assert_eq!(app.pane().unwrap().scroll, 3);
    click(&mut app, MouseEventKind::ScrollUp, detail.x, detail.y);
    click(&mut app, MouseEventKind::ScrollUp, detail.x, detail.y);
    assert_eq!(app.pane().unwrap().scroll, 0);

    keys(&mut app, ":1<Enter>");
    click(&mut app, MouseEventKind::Down(MouseButton::Left), 0, 0);
    assert!(app.popups.is_empty(), "a click outside a popup closes it");
    assert_eq!(app.view, View::Political, "and does nothing else");
}

#[test]
fn wheel_over_the_list_scrolls_and_keeps_the_selection_on_screen() {
    // The embedded dossier has more events per tab than fit in 12 rows.
    let mut app = App::new(crate::data::embedded(), Theme::default());
    app.set_area(Rect::new(0, 0, 80, 12));
    keys(&mut app, "2");
    let list = app.layout().list_inner();
    let rows = usize::from(list.height);
    let total = app.position().unwrap().1;
    assert!(total > rows + 3, "{total} events, {rows} rows");
    click(&mut app, MouseEventKind::ScrollDown, list.x, list.y);
    let p = *app.pane().unwrap();
    assert_eq!(
        (p.offset, p.selected),
        (3, 3),
        "the selection follows the top edge"
    );
    keys(&mut app, "j");
    click(&mut app, MouseEventKind::ScrollUp, list.x, list.y);
    let p = *app.pane().unwrap();
    assert_eq!((p.offset, p.selected), (0, 4), "a visible selection stays put");
    for _ in 0..100 {
        click(&mut app, MouseEventKind::ScrollDown, list.x, list.y);
    }
    let p = *app.pane().unwrap();
    assert_eq!(p.offset, total - rows, "stops at the last page");
}

#[test]
fn the_layout_is_empty_below_the_minimum_size() {
    let mut app = app();
    for (w, h) in [(0, 0), (1, 1), (39, 40), (120, 9)] {
        app.set_area(Rect::new(0, 0, w, h));
        let l = app.layout();
        assert!(l.too_small);
        keys(&mut app, "2jG<Enter><Tab>");
        click(&mut app, MouseEventKind::ScrollDown, 0, 0);
    }
}

//! Whole-screen snapshots of every TUI screen on ratatui's `TestBackend`,
//! at 80×24 and 120×40, with colours and with `NO_COLOR`. Snapshots use the
//! buffer's `Debug` form, which lists styles too, so a lost highlight or a
//! colour leaking into `NO_COLOR` shows up in review.

use std::sync::OnceLock;

use dossier::app::{App, Theme};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Color;

/// Every screen, as the keys that lead to it from start-up.
const SCREENS: &[(&str, &str)] = &[
    ("overview", ""),
    ("political", "1"),
    ("economic", "2"),
    ("security", "3"),
    ("regional", "4"),
    ("detail_inline_citations", "/mert sari<Enter>f<Tab>"),
    ("search_results", "/erdogan"),
    ("search_empty", "/qqqzzzxxx"),
    ("search_error", "/erdogan \"visit"),
    // Events of the day first, those dated only to its year under a divider.
    ("search_divider", "/17 aug 2017"),
    ("help", "1?"),
    ("messages", "9n/xx<Esc>M"),
    ("footnote_popup", "1G<Enter><Tab><Enter>"),
    ("footnote_backref", "1:8<Enter>"),
    ("footnote_unresolved", ":19<Enter>"),
    ("detail_actor_link", "1Gkkk<Enter><Tab><Tab>"),
    ("reader", "r"),
    ("reader_section_marker", "r0econ<Enter><Tab><Tab>"),
    ("reader_find", "r/erdogan<Enter>n"),
    ("reader_inline_citations", "rf"),
    ("timeline", "T"),
    ("timeline_visit_span", "TG"),
    ("people", "P"),
    ("people_erdogan_events", "Pjjjj<Enter>"),
    ("sources", "Sjjjjjj"),
    ("sources_by_outlet", "Ss"),
    ("figures", "F"),
    ("bookmarks", "1jmwhy it matters<Enter>Gm<Enter>'"),
    ("bookmark_note_prompt", "1jmfirst visit since"),
    ("bookmark_note_edit", "1jmwhy<Enter>'e it matters"),
    ("bookmarks_empty", "'"),
];

fn press(app: &mut App, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let (code, len) = match rest.strip_prefix('<').and_then(|r| r.split_once('>')) {
            Some(("Enter", _)) => (KeyCode::Enter, 7),
            Some(("Tab", _)) => (KeyCode::Tab, 5),
            Some(("Esc", _)) => (KeyCode::Esc, 5),
            _ => (KeyCode::Char(c), c.len_utf8()),
        };
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
        rest = &rest[len..];
    }
}

/// The embedded dossier, parsed and validated once for all tests.
fn dataset() -> dossier::model::Dataset {
    static DATASET: OnceLock<dossier::model::Dataset> = OnceLock::new();
    DATASET.get_or_init(dossier::data::embedded).clone()
}

fn app_at(keys: &str, width: u16, height: u16, no_color: bool) -> App {
    let mut app = App::new(
        dataset(),
        Theme {
            no_color,
            ..Theme::default()
        },
    );
    app.set_area(Rect::new(0, 0, width, height));
    press(&mut app, keys);
    app
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| dossier::ui::draw(frame, app))
        .expect("drawing never fails on TestBackend");
    terminal
}

#[test]
fn every_screen_at_two_sizes_with_and_without_colour() {
    for &(name, keys) in SCREENS {
        for (w, h) in [(80, 24), (120, 40)] {
            for no_color in [false, true] {
                let app = app_at(keys, w, h, no_color);
                let terminal = draw(&app, w, h);
                let buffer = terminal.backend().buffer();
                if no_color {
                    let coloured = buffer.content.iter().find(|c| {
                        c.fg != Color::Reset || c.bg != Color::Reset || c.underline_color != Color::Reset
                    });
                    assert_eq!(coloured, None, "{name} {w}x{h} has a colour under NO_COLOR");
                }
                let theme = if no_color { "no_color" } else { "color" };
                insta::assert_snapshot!(format!("{name}_{w}x{h}_{theme}"), format!("{buffer:?}"));
            }
        }
    }
}

/// The screen's rows as text, trailing blanks trimmed.
fn screen_rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let row: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect()
}

/// Every screen at the narrowest size it is made for and at a large one.
/// Text only: the styles are those the 80×24 and 120×40 snapshots pin.
#[test]
fn every_screen_at_60x20_and_200x60() {
    for &(name, keys) in SCREENS {
        for (w, h) in [(60, 20), (200, 60)] {
            let app = app_at(keys, w, h, true);
            let rows = screen_rows(&draw(&app, w, h));
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), rows.join("\n"));
        }
    }
}

/// A row cut at the border ends in `…`, so a cut never passes for the
/// whole text (the snapshots show the rows that fit left as they are).
#[test]
fn cut_rows_end_in_an_ellipsis() {
    for (keys, w, h) in [("/erdogan", 60, 20), ("1", 60, 20), ("/erdogan", 80, 24)] {
        let app = app_at(keys, w, h, true);
        let rows = screen_rows(&draw(&app, w, h));
        let list = app.layout().list_inner();
        let ends: Vec<char> = (list.y..list.bottom())
            .filter_map(|y| rows[usize::from(y)].chars().nth(usize::from(list.right() - 1)))
            .collect();
        assert!(
            ends.contains(&'…'),
            "{keys} at {w}x{h}: no cut row\n{}",
            rows.join("\n")
        );
    }
    // The status line too: a long message is cut with `…` (the log has it whole).
    let mut app = app_at("", 40, 12, true);
    app.on_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
    let rows = screen_rows(&draw(&app, 40, 12));
    assert!(rows[11].ends_with("no search yet: press / to s…"), "{}", rows[11]);
}

/// At 80 columns a search result shows at least 45 characters of its
/// title, however wide its date and badge.
#[test]
fn results_keep_45_title_characters_at_80_columns() {
    for query in ["2017", "erdogan", "kazakhstan", "trade"] {
        let app = app_at(&format!("/{query}"), 80, 24, true);
        let rows = screen_rows(&draw(&app, 80, 24));
        let dossier::app::Mode::Search(state) = &app.mode else {
            panic!("searching")
        };
        let list = app.layout().list_inner();
        for (hit, y) in state.hits.iter().zip(list.y..list.bottom()) {
            let title = &app.records[hit.event].title;
            let want: String = title.chars().take(45).collect();
            assert!(
                rows[usize::from(y)].contains(&want),
                "/{query}: row {y} cuts “{title}” before 45 characters: {}",
                rows[usize::from(y)]
            );
        }
    }
}

#[test]
fn no_panic_at_any_size() {
    for &(name, keys) in SCREENS {
        // One state per screen, resized through every size like a terminal
        // being dragged, with the keys pressed at a normal size first.
        let mut app = app_at(keys, 80, 24, false);
        for w in (0..=130).step_by(7).chain([1, 39, 40, 41, 200, 300]) {
            for h in (0..=45).step_by(4).chain([1, 9, 10, 11, 60, 100]) {
                app.set_area(Rect::new(0, 0, w, h));
                let terminal = draw(&app, w, h);
                if (w < 40 || h < 10) && w > 0 && h > 0 {
                    let first: String = (0..w)
                        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
                        .collect();
                    let expected = "terminal too small (need 40×10)";
                    assert!(
                        expected.starts_with(first.trim_end()),
                        "{name} {w}x{h}: {first:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_cursor_sits_on_the_selection() {
    let app = app_at("2jj", 120, 40, true);
    let mut terminal = draw(&app, 120, 40);
    let list = app.layout().list_inner();
    let at = terminal.backend_mut().get_cursor_position().unwrap();
    assert_eq!(at, Position::new(list.x, list.y + 2));
    // The selected row is reverse video without colours.
    let cell = &terminal.backend().buffer()[(list.x + 1, list.y + 2)];
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));

    let app = app_at("2G<Enter><Tab>", 120, 40, false);
    let mut terminal = draw(&app, 120, 40);
    let doc = app.detail_doc().unwrap();
    let spot = doc.markers[0];
    let detail = app.layout().detail_inner();
    let at = terminal.backend_mut().get_cursor_position().unwrap();
    let scroll = app.pane().unwrap().scroll;
    assert_eq!(
        at,
        Position::new(detail.x + spot.col as u16, detail.y + (spot.row - scroll) as u16)
    );
    let marker: String = (0..spot.width as u16)
        .map(|dx| {
            terminal.backend().buffer()[(at.x + dx, at.y)]
                .symbol()
                .to_string()
        })
        .collect();
    assert_eq!(marker, format!("[{}]", spot.footnote().unwrap()));
}

/// A browser at 120×40 whose searches are handed out, as the terminal
/// loop has them, with `text` typed after `/`; and the last search handed
/// out, not yet answered.
fn typed_deferred(text: &str) -> (App, dossier::app::SearchJob) {
    let mut app = App::new(dataset(), Theme::default());
    app.set_area(Rect::new(0, 0, 120, 40));
    app.defer_searches();
    press(&mut app, "/");
    let mut job = None;
    for c in text.chars() {
        if let Some(dossier::app::Effect::Search(j)) =
            app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        {
            job = Some(j);
        }
    }
    (app, job.expect("a search was handed out"))
}

#[test]
fn a_search_awaiting_its_answer_says_so_and_keeps_what_was_typed() {
    let (mut app, job) = typed_deferred("erdogan");
    let screen = |app: &App| screen_rows(&draw(app, 120, 40)).join("\n");
    let waiting = screen(&app);
    assert!(waiting.contains("/ erdogan   searching…"), "{waiting}");
    let done = job.run(app.index.get(), &|| false).unwrap();
    app.search_done(done);
    let answered = screen(&app);
    assert!(!answered.contains("searching…"), "{answered}");
    assert!(
        answered.contains("Results · ") && answered.contains("Erdoğan"),
        "{answered}"
    );
}

#[test]
fn a_first_answer_says_it_is_counting_until_the_count_comes() {
    let (mut app, job) = typed_deferred("e");
    let counted = job.count(app.index.get(), &|| false).unwrap();
    let total = counted.outcome.total;
    assert!(total > 3, "{total}");
    // A first answer as the search thread sends for a broad word: the
    // best hits, uncounted.
    let mut first = counted.clone();
    first.counted = false;
    first.outcome.hits.truncate(3);
    first.outcome.total = 3;
    let screen = |app: &App| screen_rows(&draw(app, 120, 40)).join("\n");
    let selected = |app: &App| match &app.mode {
        dossier::app::Mode::Search(state) => state.pane.selected,
        _ => panic!("the search is open"),
    };
    app.search_done(first);
    app.on_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let counting = screen(&app);
    assert!(counting.contains("Results · first 3, counting… "), "{counting}");
    assert!(counting.contains(" Search · counting…"), "{counting}");
    assert_eq!(selected(&app), 1);
    app.search_done(counted);
    let done = screen(&app);
    assert!(!done.contains("counting…"), "{done}");
    assert!(done.contains(&format!("Results · {total} ")), "{done}");
    assert!(done.contains(&format!(" Search · {total} results")), "{done}");
    assert_eq!(selected(&app), 1, "the count keeps the selection");
    // A large count reads the same in the title and the status line.
    if let dossier::app::Mode::Search(state) = &mut app.mode {
        state.total = 52_311;
    }
    let large = screen(&app);
    assert!(large.contains(" of 52,311 "), "{large}");
    assert!(large.contains(" Search · 52,311 results"), "{large}");
}

/// Dossiers other than the embedded one: one tab, and twenty tabs whose
/// bar scrolls, each at 80×24 and 120×40. Text only: their styles are
/// those the embedded dossier's snapshots pin.
#[test]
fn one_tab_and_twenty_tabs_at_two_sizes() {
    let cases: [(&str, &[(&str, &str)]); 2] = [
        (
            "one-tab",
            &[("overview", ""), ("tab", "1"), ("timeline", "T"), ("picker", "0")],
        ),
        (
            "twenty-tabs",
            &[
                ("overview", ""),
                ("tab_1", "1"),
                ("tab_9", "9"),
                ("tab_20", "0trade<Enter>"),
                ("timeline", "T"),
                ("picker", "0"),
            ],
        ),
    ];
    for (fixture, screens) in cases {
        let path = format!("{}/tests/fixtures/{fixture}.json", env!("CARGO_MANIFEST_DIR"));
        let dataset = dossier::data::load_bytes(&std::fs::read(&path).unwrap(), fixture).unwrap();
        for &(name, keys) in screens {
            for (w, h) in [(80u16, 24u16), (120, 40)] {
                let mut app = App::new(
                    dataset.clone(),
                    Theme {
                        no_color: true,
                        ..Theme::default()
                    },
                );
                app.set_area(Rect::new(0, 0, w, h));
                press(&mut app, keys);
                let rows = screen_rows(&draw(&app, w, h));
                insta::assert_snapshot!(format!("{fixture}_{name}_{w}x{h}"), rows.join("\n"));
            }
        }
    }
}

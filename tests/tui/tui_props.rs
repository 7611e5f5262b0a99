//! Random key and mouse sequences at random sizes: the state stays
//! consistent and drawing never panics.

use std::sync::OnceLock;

use dossier::app::{App, Mode, Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

fn dataset() -> dossier::model::Dataset {
    static DATASET: OnceLock<dossier::model::Dataset> = OnceLock::new();
    DATASET.get_or_init(dossier::data::embedded).clone()
}

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Mouse(MouseEventKind, u16, u16),
    Resize(u16, u16),
}

fn input() -> impl Strategy<Value = Input> {
    let chars = prop::sample::select(
        "0123456789jkgGnNfq?/:[]yoaeiz\" -ms'd"
            .chars()
            .collect::<Vec<_>>(),
    );
    let codes = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
    ]);
    let alt = prop::sample::select(vec![KeyCode::Left, KeyCode::Right]);
    let kinds = prop::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
    ]);
    prop_oneof![
        // 'q' would end most runs early; it only yields Effect::Quit.
        4 => chars.prop_map(|c| Input::Key(KeyCode::Char(c), KeyModifiers::NONE)),
        3 => codes.prop_map(|c| Input::Key(c, KeyModifiers::NONE)),
        1 => alt.prop_map(|c| Input::Key(c, KeyModifiers::ALT)),
        2 => (kinds, 0u16..300, 0u16..100).prop_map(|(k, x, y)| Input::Mouse(k, x, y)),
        1 => (0u16..300, 0u16..100).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_input_sequence_keeps_the_state_valid(inputs in prop::collection::vec(input(), 1..150)) {
        let mut app = App::new(dataset(), Theme { no_color: false, ..Theme::default() });
        let mut size = Rect::new(0, 0, 100, 30);
        app.set_area(size);
        for input in inputs {
            match input {
                Input::Key(code, mods) => {
                    app.on_key(KeyEvent::new(code, mods));
                }
                Input::Mouse(kind, column, row) => {
                    app.on_mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE });
                }
                Input::Resize(w, h) => {
                    size = Rect::new(0, 0, w, h);
                    app.set_area(size);
                }
            }
            if let Some((at, total)) = app.position() {
                prop_assert!(at <= total);
                prop_assert!(total == 0 || at >= 1);
            }
            if let (Some(p), false) = (app.pane(), matches!(app.mode, Mode::Search(_))) {
                prop_assert!(p.offset <= p.selected || app.list_len() == 0);
                prop_assert!(p.selected < app.list_len().max(1));
                // The selection never rests on a heading.
                if let Some(row) = app.rows_of(app.view).get(p.selected) {
                    prop_assert!(row.selectable(), "{row:?}");
                }
            }
            // The history only holds places it can restore.
            for place in app.history.back.iter().chain(&app.history.forward) {
                if app.slot(place.view).is_some() {
                    prop_assert!(place.pane.offset <= place.pane.selected || place.pane.selected == 0);
                }
            }
            prop_assert!(app.bookmarks.iter().all(|&e| e < app.records.len()));
            let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
            terminal.draw(|f| dossier::ui::draw(f, &app)).unwrap();
        }
    }
}

//! State transitions, driven by keys and clicks, checked without a terminal.

mod conventions;
mod copy;
mod deferred;
mod hints;
mod keys;
mod mouse;
mod nav;
mod reader;
mod resize;
mod shelved;
mod views;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

pub(super) use super::*;

/// A small dossier with every kind of footnote and events in three tabs.
pub(super) const FIXTURE: &str = r#"{
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

pub(super) fn app() -> App {
    let dataset: Dataset = serde_json::from_str(FIXTURE).expect("fixture parses");
    let mut app = App::new(dataset, Theme::default());
    app.set_area(Rect::new(0, 0, 120, 40));
    app
}

/// Presses keys written as characters and `<Name>` tokens.
pub(super) fn keys(app: &mut App, script: &str) -> Vec<Effect> {
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
                    "Left" => KeyCode::Left,
                    "Right" => KeyCode::Right,
                    "C-f" => KeyCode::Char('f'),
                    "C-b" => KeyCode::Char('b'),
                    "Up" => KeyCode::Up,
                    "PgDn" => KeyCode::PageDown,
                    "BS" => KeyCode::Backspace,
                    "C-c" => KeyCode::Char('c'),
                    "C-z" => KeyCode::Char('z'),
                    "C-u" => KeyCode::Char('u'),
                    "C-y" => KeyCode::Char('y'),
                    "A-Left" => KeyCode::Left,
                    "A-Right" => KeyCode::Right,
                    "Del" => KeyCode::Delete,
                    other => panic!("unknown key <{other}>"),
                };
                let mods = match name {
                    "C-c" | "C-z" | "C-f" | "C-b" | "C-u" | "C-y" => KeyModifiers::CONTROL,
                    "A-Left" | "A-Right" => KeyModifiers::ALT,
                    _ => KeyModifiers::NONE,
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

/// The embedded dossier at 120×40.
pub(super) fn embedded() -> App {
    let mut app = App::new(crate::data::embedded(), Theme::default());
    app.set_area(Rect::new(0, 0, 120, 40));
    app
}

/// The index of the event or entity with this id.
pub(super) fn event(app: &App, id: &str) -> usize {
    app.records.iter().position(|e| e.id == id).expect("event exists")
}

pub(super) fn entity(app: &App, id: &str) -> usize {
    app.dataset
        .entities
        .iter()
        .position(|e| e.id == id)
        .expect("entity exists")
}

pub(super) fn selected_title(app: &App) -> String {
    app.records[app.shown_event().expect("an event is shown")]
        .title
        .to_string()
}

pub(super) fn click(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    let ev = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    app.on_mouse(ev);
}

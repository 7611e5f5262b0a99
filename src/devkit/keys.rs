//! The per-keystroke workload, shared by `benches/search.rs`,
//! `benches/render.rs` and `examples/keystrokes.rs`, so the criterion
//! figures and the p50/p99 table measure the same thing.

use crate::app::App;
use crate::model::Dataset;
use crate::search::{Query, SearchIndex};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// The query typed one character at a time.
pub const TYPED: &str = "erdogan 2017";

/// Rows the issue asks to have ranked after each key.
pub const TOP: usize = 100;

/// Terminal size of the render figures.
pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

/// "e", "er", ... up to the whole `typed` text.
pub fn prefixes(typed: &str) -> Vec<String> {
    typed
        .char_indices()
        .map(|(i, c)| typed[..i + c.len_utf8()].to_string())
        .collect()
}

/// Key to ranked top 100 ready: parse the input, run the search the CLI
/// and the TUI run (typo correction when nothing matches), keep the best
/// [`TOP`], and compute the highlights of those rows. Returns the number
/// of matching events and of highlighted chars, so nothing is optimized
/// away.
pub fn top_hits(index: &SearchIndex, dataset: &Dataset, input: &str) -> (usize, usize) {
    let Ok(query) = Query::parse(input) else {
        return (0, 0);
    };
    if query.is_empty() {
        return (0, 0);
    }
    let outcome = index.search_forgiving(&query, TOP);
    let query = outcome.corrected.unwrap_or(query);
    let marks = outcome
        .hits
        .iter()
        .map(|hit| {
            let h = index.highlights(&query, &dataset.events[hit.event]);
            h.title.len() + h.summary.len()
        })
        .sum();
    (outcome.total, marks)
}

/// Presses one key.
pub fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Opens the search line (from the browser) and types `text`.
pub fn search_for(app: &mut App, text: &str) {
    press(app, KeyCode::Char('/'));
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// A test terminal of the figures' size, with the app told its size.
pub fn terminal(app: &mut App) -> Terminal<TestBackend> {
    app.set_area(Rect::new(0, 0, WIDTH, HEIGHT));
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test backend never fails")
}

/// Draws one full frame.
pub fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| crate::ui::draw(frame, app))
        .expect("drawing on a test backend never fails");
}

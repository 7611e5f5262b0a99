//! The per-keystroke workload, shared by `benches/search.rs`,
//! `benches/render.rs` and `examples/keystrokes.rs`, so the criterion
//! figures and the p50/p99 table measure the same thing.

use crate::app::{App, FIRST_ROWS, SearchJob};
use crate::model::Dataset;
use crate::search::{Query, SearchIndex};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// The query typed one character at a time.
pub const TYPED: &str = "erdogan 2017";

/// Rows the issue asks to have ranked after each key: what a first
/// answer holds.
pub const TOP: usize = FIRST_ROWS;

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

/// Key to ranked top 100 ready: parse the input, run the search the
/// browser's search thread answers first with ([`SearchJob::run`]: the
/// best [`FIRST_ROWS`], counted or not), and compute the highlights of
/// the best [`TOP`]. Returns the number of hits answered, of highlighted
/// chars (so nothing is optimized away), and whether the answer counted
/// every match: if not, [`counted`] follows on the search thread.
pub fn top_hits(index: &SearchIndex, dataset: &Dataset, input: &str) -> (usize, usize, bool) {
    let Some(done) = job(input).and_then(|job| job.run(index, &|| false)) else {
        return (0, 0, true);
    };
    let query = done.outcome.corrected.unwrap_or(done.query);
    let marks = done.outcome.hits[..TOP.min(done.outcome.hits.len())]
        .iter()
        .map(|hit| {
            let h = index.highlights(&query, &dataset.events[hit.event]);
            h.title.len() + h.summary.len()
        })
        .sum();
    (done.outcome.total, marks, done.counted)
}

/// Key to every match counted: the whole answer the search thread sends
/// ([`SearchJob::count`]), with the best [`crate::app::RESULT_ROWS`].
/// Returns the count.
pub fn counted(index: &SearchIndex, input: &str) -> usize {
    job(input)
        .and_then(|job| job.count(index, &|| false))
        .map_or(0, |done| done.outcome.total)
}

/// The search job of `input`, unless it is empty or does not parse.
fn job(input: &str) -> Option<SearchJob> {
    let query = Query::parse(input).ok().filter(|q| !q.is_empty())?;
    Some(SearchJob { generation: 0, query })
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

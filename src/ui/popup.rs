//! The footnote popup: the note as written, its resolution and URL.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

use super::{text, theme};
use crate::app::keymap::Context;
use crate::app::{App, content};
use crate::safe_format;
use crate::sanitize::SafeText;
use unicode_width::UnicodeWidthStr;

/// `keys word` for the status line and popup borders.
pub fn hint(keys: &str, word: &'static str) -> SafeText<'static> {
    safe_format!(
        "{keys} {word}",
        // Configured keys are labelled from what the user wrote.
        keys = SafeText::new(keys),
        word = SafeText::lit(word)
    )
}

/// As many whole hints as fit in `room` columns, most specific first: a
/// hint cut in half misleads, so the ones that do not fit are dropped
/// from the right.
pub fn fitting_hints(hints: Vec<(&str, &'static str)>, mut room: usize) -> Vec<SafeText<'static>> {
    let mut fitted = Vec::new();
    for (keys, word) in hints {
        let hint = hint(keys, word);
        let cost = hint.width() + if fitted.is_empty() { 0 } else { 3 };
        if cost > room {
            break;
        }
        room -= cost;
        fitted.push(hint);
    }
    fitted
}

/// `keys word · keys word` for a popup border `width` columns wide: whole
/// hints only, with the corner and a little of the border left of them.
pub fn hint_line(app: &App, contexts: &[Context], width: u16) -> SafeText<'static> {
    // Two corners, two spaces around the hints, two border cells.
    let room = usize::from(width).saturating_sub(6);
    let hints = fitting_hints(app.hints(contexts), room);
    if hints.is_empty() {
        return SafeText::default();
    }
    safe_format!(" {hints} ", hints = SafeText::join(hints, &SafeText::lit(" · ")))
}

/// Draws footnote `number` centred in `area`, over a cleared background.
pub fn draw(frame: &mut Frame, app: &App, number: u32, area: Rect, inner: Rect) {
    let hints = hint_line(app, &[Context::Footnote], area.width);
    let block = text::with_hints(text::block(safe_format!(" [{number}] ", number)), hints)
        .border_style(theme::border(app.theme, true));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let doc = content::footnote(app.lookup(), number, usize::from(inner.width));
    text::draw_doc(frame, &doc, 0, inner, app.theme, None);
}

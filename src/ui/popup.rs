//! The footnote popup: the note as written, its resolution and URL.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

use super::{text, theme};
use crate::app::keymap::Context;
use crate::app::{App, content};
use crate::safe_format;
use crate::sanitize::SafeText;

/// `keys word` for the status line and popup borders.
pub fn hint(keys: &str, word: &'static str) -> SafeText<'static> {
    safe_format!(
        "{keys} {word}",
        // Configured keys are labelled from what the user wrote.
        keys = SafeText::new(keys),
        word = SafeText::lit(word)
    )
}

/// `keys word · keys word` for the status line and popup borders.
pub fn hint_line(app: &App, contexts: &[Context]) -> SafeText<'static> {
    let hints = app.keys.hints(contexts).into_iter().map(|(k, w)| hint(k, w));
    SafeText::join(hints, &SafeText::lit(" · "))
}

/// Draws footnote `number` centred in `area`, over a cleared background.
pub fn draw(frame: &mut Frame, app: &App, number: u32, area: Rect, inner: Rect) {
    let hints = safe_format!(" {hints} ", hints = hint_line(app, &[Context::Footnote]));
    let block = text::with_hints(text::block(safe_format!(" [{number}] ", number)), hints)
        .border_style(theme::border(app.theme, true));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let doc = content::footnote(app.lookup(), number, usize::from(inner.width));
    let lines = text::window(&doc, 0, usize::from(inner.height), app.theme, None);
    frame.render_widget(text::paragraph(lines), inner);
}

//! The footnote popup: the note as written, its resolution and URL.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{text, theme};
use crate::app::keymap::{self, Context};
use crate::app::{App, content};

/// `keys word · keys word` for the status line and popup borders.
pub fn hint_line(contexts: &[Context]) -> String {
    keymap::hints(contexts)
        .iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Draws footnote `number` centred in `area`, over a cleared background.
pub fn draw(frame: &mut Frame, app: &App, number: u32, area: Rect, inner: Rect) {
    let block = Block::bordered()
        .title(format!(" [{number}] "))
        .title_bottom(Line::from(format!(" {} ", hint_line(&[Context::Footnote]))).right_aligned())
        .border_style(theme::border(app.theme, true));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let doc = content::footnote(app.lookup(), number, usize::from(inner.width));
    let lines = text::window(&doc, 0, usize::from(inner.height), app.theme, None);
    frame.render_widget(Paragraph::new(lines), inner);
}

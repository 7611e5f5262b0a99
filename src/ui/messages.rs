//! The message log: every status message so far, whole.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

use super::popup::hint_line;
use super::{text, theme};
use crate::app::keymap::Context;
use crate::app::{App, content};
use crate::safe_format;

/// Draws the log in `area`, scrolled by `scroll` lines.
pub fn draw(frame: &mut Frame, app: &App, scroll: usize, area: Rect, inner: Rect) {
    let title = safe_format!(" Messages · {n} ", n = app.messages.len());
    let hints = hint_line(app, &[Context::Messages], area.width);
    let block = text::with_hints(text::block(title), hints).border_style(theme::border(app.theme, true));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let doc = content::messages(&app.messages, usize::from(inner.width));
    let lines = text::window(&doc, scroll, usize::from(inner.height), app.theme, None);
    frame.render_widget(text::paragraph(lines), inner);
}

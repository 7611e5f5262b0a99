//! The Reader: the whole dossier as one document, scrolled by the state.

use super::{text, theme};
use crate::app::App;
use crate::app::layout::ScreenLayout;
use crate::safe_format;
use crate::sanitize::SafeText;
use ratatui::Frame;

/// Draws the reader's document in the whole body, its title saying where
/// in the dossier the screen is.
pub fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    let (area, inner) = (l.detail, l.detail_inner());
    let reading = app.reading();
    let rows = reading.doc.rows.len().max(1);
    let percent = (app.reader.scroll + usize::from(inner.height)).min(rows) * 100 / rows;
    let title = match &app.reader.find {
        Some(words) => safe_format!(
            " Reader · {percent}% · “{w}”: {n} ",
            percent,
            w = SafeText::new(words),
            n = reading.hits.len()
        ),
        None => safe_format!(" Reader · {percent}% ", percent),
    };
    let block = text::block(title).border_style(theme::border(app.theme, app.focused_pane().is_some()));
    frame.render_widget(block, area);
    text::draw_doc(
        frame,
        &reading.doc,
        app.reader.scroll,
        inner,
        app.theme,
        app.reader.marker,
    );
}

//! The Overview tab: the document and what each tab holds.

use super::{text, theme};
use crate::app::App;
use crate::app::layout::ScreenLayout;
use crate::sanitize::SafeText;
use ratatui::Frame;

/// Draws the overview in `area`, scrolled by the state.
pub fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    let (area, inner) = (l.detail, l.detail_inner());
    let block = text::block(SafeText::lit(" Overview "))
        .border_style(theme::border(app.theme, app.focused_pane().is_some()));
    frame.render_widget(block, area);
    let doc = app.overview_doc();
    text::draw_doc(frame, &doc, app.overview_scroll, inner, app.theme, None);
}

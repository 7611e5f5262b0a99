//! The tab bar: numbered labels, the current one highlighted.

use super::{text, theme};
use crate::app::App;
use crate::app::layout::ScreenLayout;
use crate::sanitize::SafeText;
use ratatui::Frame;

/// Draws the labels where the layout placed them.
pub fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    for (view, label, rect) in &l.tab_labels {
        let style = theme::tab(app.theme, *view == app.view);
        frame.render_widget(text::message(SafeText::new(label)).style(style), *rect);
    }
}

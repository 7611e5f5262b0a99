//! The tab bar: numbered labels, the current one highlighted.

use ratatui::Frame;
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::App;
use crate::app::layout::ScreenLayout;

/// Draws the labels where the layout placed them.
pub fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    for (view, label, rect) in &l.tab_labels {
        let style = theme::tab(app.theme, *view == app.view);
        frame.render_widget(Paragraph::new(label.as_str()).style(style), *rect);
    }
}

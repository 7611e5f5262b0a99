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
    // More tabs than fit: an arrow at the edge they are hidden past.
    let dim = theme::role(app.theme, crate::app::doc::Role::Dim, false);
    let (before, after) = l.tabs_hidden;
    if before {
        let at = ratatui::layout::Rect::new(l.tabs.x, l.tabs.y, 2.min(l.tabs.width), 1);
        frame.render_widget(text::message(SafeText::lit("‹")).style(dim), at);
    }
    if after {
        let at = ratatui::layout::Rect::new(l.tabs.right().saturating_sub(1), l.tabs.y, 1, 1);
        frame.render_widget(text::message(SafeText::lit("›")).style(dim), at);
    }
}

//! The detail pane: one event in full, footnote markers selectable.

use super::{text, theme};
use crate::app::layout::ScreenLayout;
use crate::app::{App, Mode, Row};
use crate::sanitize::SafeText;
use ratatui::Frame;

/// Draws the shown event's detail in `area`; `focused` brightens the
/// border and shows the selected marker.
pub fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout, focused: bool) {
    let (area, inner) = (l.detail, l.detail_inner());
    let mut title = SafeText::lit(match app.selected_row() {
        Some(Row::Entity(_)) => " Entity ",
        Some(Row::Source(_)) => " Source ",
        _ => " Detail ",
    });
    if app.inline_footnotes {
        title.push(&SafeText::lit("· citations inline "));
    }
    let block = text::block(title).border_style(theme::border(app.theme, focused));
    frame.render_widget(block, area);
    let Some(doc) = app.detail_doc() else {
        let msg = match app.mode {
            Mode::Search(_) => "",
            _ => "Nothing selected.",
        };
        frame.render_widget(text::message(SafeText::lit(msg)), inner);
        return;
    };
    let pane = app.pane().copied().unwrap_or_default();
    let marker = if focused { pane.marker } else { None };
    text::draw_doc(frame, &doc, pane.scroll, inner, app.theme, marker);
}

//! The status line: where you are, the active search, the keys that matter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup::hint_line;
use super::theme;
use crate::app::doc::Role;
use crate::app::{App, Mode};
use crate::sanitize::clean;

/// Draws the status line in `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let key = |s: String| Span::styled(s, theme::role(app.theme, Role::Key, false));
    let mut spans = Vec::new();
    match &app.mode {
        Mode::Search(s) => spans.push(key(format!(" Search · {} results", s.hits.len()))),
        _ => spans.push(key(format!(" {}", app.view_title(app.view)))),
    }
    if let (Some((at, total)), false) = (app.position(), matches!(app.mode, Mode::Search(_))) {
        spans.push(Span::raw(format!(" {at}/{total}")));
    }
    if let (Some(last), Mode::Browse) = (&app.last_search, &app.mode) {
        spans.push(Span::raw(format!(
            " │ /{} {}/{}",
            clean(&last.input),
            last.pos + 1,
            last.hits.len()
        )));
    }
    if let Some(msg) = &app.status {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            clean(msg).into_owned(),
            theme::role(app.theme, Role::Heading, false),
        ));
    }
    spans.push(Span::raw(" │ "));
    spans.push(Span::raw(hint_line(&app.contexts())));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme::status_bar(app.theme)),
        area,
    );
}

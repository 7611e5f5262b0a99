//! The status line: where you are, the active search, the keys that matter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::popup::fitting_hints;
use super::text::{one_line, plain, span};
use super::theme;
use crate::app::doc::Role;
use crate::app::{App, Mode};
use crate::safe_format;
use crate::sanitize::SafeText;

/// Draws the status line in `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let key = |s: SafeText| span(s, theme::role(app.theme, Role::Key, false));
    let mut spans = Vec::new();
    match &app.mode {
        Mode::Search(s) if s.counting.is_some() => spans.push(key(SafeText::lit(" Search · counting…"))),
        Mode::Search(s) => {
            let noun = SafeText::lit(if s.total == 1 { "result" } else { "results" });
            // Written as the results' title writes it.
            spans.push(key(safe_format!(
                " Search · {total} {noun}",
                total = SafeText::new(&crate::format::number(s.total as f64)),
                noun
            )));
        }
        _ => spans.push(key(safe_format!(" {title}", title = app.view_title(app.view)))),
    }
    if let (Some((at, total)), false) = (app.position(), matches!(app.mode, Mode::Search(_))) {
        spans.push(plain(safe_format!(" {at}/{total}", at, total)));
    }
    if let (Some(last), Mode::Browse) = (&app.last_search, &app.mode) {
        spans.push(plain(safe_format!(
            " │ /{typed} {at}/{total}",
            typed = SafeText::new(&last.input),
            at = last.pos + 1,
            total = last.hits.len()
        )));
    }
    if let Some(msg) = &app.status {
        spans.push(plain(SafeText::lit(" │ ")));
        spans.push(span(msg.clone(), theme::role(app.theme, Role::Heading, false)));
    }
    // Whole hints only, as many as fit: a hint cut in half misleads.
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used + 3);
    let hints = fitting_hints(app.hints(&app.contexts()), room);
    if !hints.is_empty() {
        spans.push(plain(SafeText::lit(" │ ")));
        spans.push(plain(SafeText::join(hints, &SafeText::lit(" · "))));
    }
    one_line(frame, Line::from(spans), theme::status_bar(app.theme), area);
}

//! The Timeline: every event on one time axis, grouped by year; spans
//! drawn as lines in a gutter, the tab as a coloured letter badge, planned
//! events marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::list::{badge_span, date_span, draw_rows, heading};
use super::text::{plain, span};
use super::theme;
use crate::app::doc::Role;
use crate::app::{App, Row};
use crate::safe_format;
use crate::sanitize::SafeText;

/// Draws the timeline list in `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let events = app.events_by_date();
    let planned = events.iter().filter(|&&e| app.dataset.events[e].planned).count();
    let title = safe_format!(
        " Timeline · {n} events, {planned} planned ",
        n = events.len(),
        planned
    );
    let dates = app.date_width(app.view);
    let inner_width = area.width.saturating_sub(2);
    let dim = theme::role(app.theme, Role::Dim, false);
    draw_rows(frame, app, area, title, |i, row| match row {
        Row::Heading(text) => heading(app, SafeText::new(app.lane(i)), text, inner_width),
        Row::Event(e) => {
            let ev = &app.dataset.events[*e];
            let mut spans = vec![
                span(SafeText::new(app.lane(i)), dim),
                badge_span(app, *e),
                plain(SafeText::lit(if ev.planned { " ○ " } else { " ● " })),
                date_span(app, *e, dates),
                plain(SafeText::new(&ev.title)),
            ];
            if ev.planned {
                spans.push(span(
                    SafeText::lit(" · planned"),
                    theme::role(app.theme, Role::Quote, false),
                ));
            }
            Line::from(spans)
        }
        _ => Line::default(),
    });
}

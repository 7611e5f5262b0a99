//! The `'` popup: bookmarked events with date and tab badge, and the
//! reader's note after the title.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, List, ListItem, ListState};

use super::list::{badge_span, date_span, date_width};
use super::popup::hint_line;
use super::text::{block, fit, item, message, plain, span, with_hints};
use super::theme;
use crate::app::App;
use crate::app::doc::Role;
use crate::app::keymap::Context;
use crate::safe_format;
use crate::sanitize::SafeText;
use unicode_width::UnicodeWidthStr;

/// Draws the bookmarks, `selected` highlighted, centred in `area`.
pub fn draw(frame: &mut Frame, app: &App, selected: usize, area: Rect, inner: Rect) {
    let title = safe_format!(" Bookmarks · {n} ", n = app.bookmarks.len());
    let hints = hint_line(app, &[Context::Bookmarks], area.width);
    let block = with_hints(block(title), hints).border_style(theme::border(app.theme, true));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if app.bookmarks.is_empty() {
        let msg = SafeText::lit("No bookmarks yet: press m on an event to bookmark it.");
        frame.render_widget(message(msg), inner);
        return;
    }
    let offset = app.bookmarks_offset(usize::from(inner.height));
    let dates = date_width(app, &app.bookmarks);
    // Badge, date, and room for the rest: a note that does not fit beside
    // its title gets up to half of it, so neither is lost to the border.
    let room = usize::from(inner.width).saturating_sub(3 + dates + 1);
    let items: Vec<ListItem> = app
        .bookmarks
        .iter()
        .skip(offset)
        .take(usize::from(inner.height))
        .map(|&e| {
            let title = SafeText::new(&app.event(e).title);
            let note = app
                .notes
                .get(&e)
                .map(|n| safe_format!(" — {n}", n = SafeText::new(n)));
            let note_width = note.as_ref().map_or(0, |n| n.as_str().width());
            let title_room = if title.as_str().width() + note_width <= room {
                room
            } else {
                room.saturating_sub(note_width.min(room / 2))
            };
            let title = fit(title, title_room);
            let left = room.saturating_sub(title.as_str().width());
            let mut spans = vec![
                plain(SafeText::lit(" ")),
                badge_span(app, e),
                plain(SafeText::lit(" ")),
                date_span(app, e, dates),
                plain(title),
            ];
            if let Some(note) = note {
                spans.push(span(fit(note, left), theme::role(app.theme, Role::Dim, false)));
            }
            item(Line::from(spans))
        })
        .collect();
    let list = List::new(items).highlight_style(theme::selected_row(app.theme, true));
    let mut state = ListState::default().with_selected(selected.checked_sub(offset));
    frame.render_stateful_widget(list, inner, &mut state);
}

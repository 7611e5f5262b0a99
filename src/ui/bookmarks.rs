//! The `'` popup: bookmarked events with date and tab badge.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph};

use super::list::{date_span, date_width};
use super::popup::hint_line;
use super::theme;
use crate::app::App;
use crate::app::keymap::Context;
use crate::sanitize::clean;

/// Draws the bookmarks, `selected` highlighted, centred in `area`.
pub fn draw(frame: &mut Frame, app: &App, selected: usize, area: Rect, inner: Rect) {
    let block = Block::bordered()
        .title(format!(" Bookmarks · {} ", app.bookmarks.len()))
        .title_bottom(Line::from(format!(" {} ", hint_line(&[Context::Bookmarks]))).right_aligned())
        .border_style(theme::border(app.theme, true));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if app.bookmarks.is_empty() {
        let msg = "No bookmarks yet: press m on an event to bookmark it.";
        frame.render_widget(Paragraph::new(msg), inner);
        return;
    }
    let offset = app.bookmarks_offset(usize::from(inner.height));
    let dates = date_width(app, &app.bookmarks);
    let items: Vec<ListItem> = app
        .bookmarks
        .iter()
        .skip(offset)
        .take(usize::from(inner.height))
        .map(|&e| {
            let view = app.view_of_event(e);
            let letter = view.map_or('?', |v| v.letter());
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {letter} "), theme::badge(app.theme, view)),
                Span::raw(" "),
                date_span(app, e, dates),
                Span::raw(clean(&app.dataset.events[e].title).into_owned()),
            ]))
        })
        .collect();
    let list = List::new(items).highlight_style(theme::selected_row(app.theme, true));
    let mut state = ListState::default().with_selected(selected.checked_sub(offset));
    frame.render_stateful_widget(list, inner, &mut state);
}

//! Drawing only: every function here reads the state and paints a frame.
//! Positions come from [`crate::app::layout`], the same function the state
//! uses for mouse hit-testing and scrolling.

mod bookmarks;
mod detail;
mod help;
pub(crate) mod list;
pub mod loading;
mod messages;
mod popup;
mod search;
mod status;
mod tabs;
pub(crate) mod text;
pub mod theme;

#[cfg(test)]
pub(crate) mod tests;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use crate::app::layout::{self, MIN_HEIGHT, MIN_WIDTH, ScreenLayout};
use crate::app::{App, Focus, Layer, Mode, Popup, View};
use crate::safe_format;
use crate::views::Shape;
use unicode_width::UnicodeWidthStr;

/// Draws the whole screen for `app` in `frame`'s area.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let l = layout::compute(area, app);
    if l.too_small {
        let msg = safe_format!("terminal too small (need {w}×{h})", w = MIN_WIDTH, h = MIN_HEIGHT);
        let line = Rect::new(area.x, area.y, area.width, area.height.min(1));
        frame.render_widget(text::message(msg), line);
        return;
    }
    tabs::draw(frame, app, &l);
    match &app.mode {
        Mode::Search(state) => {
            search::draw_results(frame, app, state, l.list);
            detail::draw(frame, app, &l, false);
            search::draw_query(frame, app, state, l.query);
        }
        _ => {
            let spec = app.view.spec();
            (spec.draw)(frame, app, &l);
            if matches!(spec.shape, Shape::List { .. }) {
                detail::draw(frame, app, &l, app.focused_pane() == Some(Focus::Detail));
            }
        }
    }
    if let Mode::Picker(picker) = &app.mode {
        search::draw_picker(frame, app, picker, l.picker, l.query);
    }
    match &app.mode {
        Mode::Prompt(input) => search::draw_prompt(frame, app, input, search::FOOTNOTE_PROMPT, l.query),
        Mode::Find(input) => search::draw_prompt(frame, app, input, search::FIND_PROMPT, l.query),
        Mode::Note(edit) => search::draw_prompt(frame, app, &edit.input, search::NOTE_PROMPT, l.query),
        _ => {}
    }
    status::draw(frame, app, l.status);
    for (i, (popup, rect)) in app.popups.iter().zip(&l.popups).enumerate() {
        match popup {
            Popup::Footnote(n) => popup::draw(frame, app, *n, *rect, l.popup_inner(i)),
            Popup::Help { scroll } => help::draw(frame, app, *scroll, *rect, l.popup_inner(i)),
            Popup::Bookmarks { selected } => bookmarks::draw(frame, app, *selected, *rect, l.popup_inner(i)),
            Popup::Messages { scroll } => messages::draw(frame, app, *scroll, *rect, l.popup_inner(i)),
        }
    }
    if let Some(pos) = cursor(app, &l) {
        frame.set_cursor_position(pos);
    }
}

/// Where the terminal cursor goes: on the selected row, marker or input,
/// so screen readers and magnifiers follow the selection.
fn cursor(app: &App, l: &ScreenLayout) -> Option<Position> {
    let clamp = |r: Rect, dx: usize, dy: usize| {
        let x =
            r.x.saturating_add(dx.min(usize::from(r.width.saturating_sub(1))) as u16);
        let y =
            r.y.saturating_add(dy.min(usize::from(r.height.saturating_sub(1))) as u16);
        Position::new(x, y)
    };
    let typed = |input: &str, prefix: usize| Some(clamp(l.query, prefix + input.width(), 0));
    let pane = app.pane();
    match (app.layer(), &app.mode) {
        (Layer::Prompt | Layer::Find, Mode::Prompt(input) | Mode::Find(input)) => {
            typed(input, search::PROMPT_PREFIX)
        }
        (Layer::Note, Mode::Note(edit)) => {
            let (sign, _) = search::NOTE_PROMPT;
            typed(&search::shown_input(&edit.input, sign, l.query), sign.width())
        }
        (Layer::Picker, Mode::Picker(p)) => typed(&p.input, search::PICKER_PREFIX),
        (Layer::Search, Mode::Search(s)) => typed(&s.input, search::QUERY_PREFIX),
        (Layer::Popup(popup), _) => {
            let top = l.popups.len().checked_sub(1)?;
            let inner = l.popup_inner(top);
            let row = match popup {
                Popup::Bookmarks { selected } => {
                    selected.saturating_sub(app.bookmarks_offset(usize::from(inner.height)))
                }
                _ => 0,
            };
            Some(clamp(inner, 0, row))
        }
        (
            Layer::View {
                view: View::Reader, ..
            },
            _,
        ) => {
            let reading = app.reading();
            let spot = app.reader.marker.and_then(|m| reading.doc.markers.get(m));
            Some(match spot {
                Some(s) if s.row >= app.reader.scroll => {
                    clamp(l.detail_inner(), s.col, s.row - app.reader.scroll)
                }
                _ => clamp(l.detail_inner(), 0, 0),
            })
        }
        (Layer::View { detail: true, .. }, _) => {
            let pane = pane?;
            let doc = app.detail_doc();
            let spot = pane.marker.and_then(|m| doc.as_ref()?.markers.get(m).copied());
            Some(match spot {
                Some(s) if s.row >= pane.scroll => clamp(l.detail_inner(), s.col, s.row - pane.scroll),
                _ => clamp(l.detail_inner(), 0, 0),
            })
        }
        (Layer::View { .. }, _) => Some(match pane {
            Some(pane) => clamp(l.list_inner(), 0, pane.selected.saturating_sub(pane.offset)),
            None => clamp(l.detail_inner(), 0, 0),
        }),
        // A layer always comes with its mode; no cursor if it ever did not.
        _ => None,
    }
}

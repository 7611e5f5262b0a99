//! A tab of the dataset: its events in date order beside the detail of
//! the one selected. Every tab the dataset declares is this unit; a new
//! tab is data only.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::ListItem;

use super::{Shape, Spec, common};
use crate::app::doc::Role;
use crate::app::layout::ScreenLayout;
use crate::app::{App, Focus};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::ui::list::{date_span, render_rows};
use crate::ui::text::{block, item, plain, span};
use crate::ui::theme;

pub static SPEC: Spec = Spec {
    id: "tab",
    title: "",
    short: "",
    abbreviation: "",
    go: None,
    section: "",
    keys: &[],
    detail: true,
    shape: Shape::List { wide: false },
    rows: None,
    open,
    act: common,
    scroll: None,
    draw,
};

/// Enter reads the selected event.
fn open(app: &mut App) {
    if app.shown_event().is_some() {
        app.focus = Focus::Detail;
    }
}

/// Draws the tab's event list where the layout puts the list.
fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    let area = l.list;
    let events = app.events_of(app.view);
    let pane = app.pane().copied().unwrap_or_default();
    let focused = app.focused_pane() == Some(Focus::List);
    // Planned events are marked as the Timeline marks them; the marker
    // column is there only in a tab that has some.
    let planned = app.planned_in(app.view);
    let title = if planned == 0 {
        safe_format!(
            " {title} · {n} ",
            title = app.view_title(app.view),
            n = events.len()
        )
    } else {
        safe_format!(
            " {title} · {n}, {planned} planned ",
            title = app.view_title(app.view),
            n = events.len(),
            planned
        )
    };
    let block = block(title).border_style(theme::border(app.theme, focused));
    let height = usize::from(area.height.saturating_sub(2));
    let width = app.date_width(app.view);
    let items: Vec<ListItem> = events
        .iter()
        .skip(pane.offset)
        .take(height)
        .map(|&e| {
            let ev = app.event(e);
            let mut spans = vec![date_span(app, e, width)];
            if planned > 0 {
                spans.push(plain(SafeText::lit(if ev.planned { "○ " } else { "  " })));
            }
            spans.push(plain(SafeText::new(&ev.title)));
            if ev.planned {
                spans.push(span(
                    SafeText::lit(" · planned"),
                    theme::role(app.theme, Role::Quote, false),
                ));
            }
            item(Line::from(spans))
        })
        .collect();
    if events.is_empty() {
        let empty = item(Line::from(plain(SafeText::lit("No events in this tab."))));
        return render_rows(frame, app, block, vec![empty], None, false, area);
    }
    let selected = pane.selected.checked_sub(pane.offset);
    render_rows(frame, app, block, items, selected, focused, area);
}

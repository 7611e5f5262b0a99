//! The event list of a content tab: date column, then title.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use super::text::{block, item, mark_cut, plain, span};
use super::theme;
use crate::app::doc::Role;
use crate::app::{App, Focus, Row, format};
use crate::safe_format;
use crate::sanitize::SafeText;

/// Width of the date column: the widest date in `events`.
pub fn date_width(app: &App, events: &[usize]) -> usize {
    events.iter().map(|&e| app.event_date_width(e)).max().unwrap_or(0)
}

/// A date padded to the column, dimmed.
pub fn date_span(app: &App, event: usize, width: usize) -> Span<'static> {
    let date = format::short_date_of(app.span(event));
    let pad = SafeText::new(&" ".repeat(width.saturating_sub(date.width()))).into_owned();
    span(
        safe_format!("{date}{pad} ", date, pad),
        theme::role(app.theme, Role::Dim, false),
    )
}

/// The badge letter of `event`'s tab, on the tab's colour.
pub fn badge_span(app: &App, event: usize) -> Span<'static> {
    let tab = match app.view_of_event(event) {
        Some(crate::app::View::Tab(i)) => i,
        _ => usize::MAX,
    };
    let letter = app.event_badge(event).to_string();
    span(
        SafeText::new(&letter),
        theme::badge(app.theme, theme::tab_color(&app.dataset.tabs, tab)),
    )
}

/// Renders the visible `items`, the one at `selected` (counted from the
/// first visible row) highlighted.
pub fn render_rows(
    frame: &mut Frame,
    app: &App,
    block: Block,
    items: Vec<ListItem>,
    selected: Option<usize>,
    focused: bool,
    area: Rect,
) {
    let inner = block.inner(area);
    let widths: Vec<usize> = items.iter().map(ListItem::width).collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(theme::selected_row(app.theme, focused));
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(list, area, &mut state);
    // The rows are handed over from the top (already windowed, or with
    // the selection on the first screen), so row `i` is on line `i`.
    for (y, width) in (inner.y..inner.bottom()).zip(widths) {
        mark_cut(frame.buffer_mut(), inner, y, width);
    }
}

/// Draws the current extra view's rows in `area` under `title`: each
/// visible row through `line` (given its index), the selection highlighted.
pub fn draw_rows(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: SafeText<'_>,
    line: impl Fn(usize, &Row) -> Line<'static>,
) {
    let rows = app.rows_of(app.view);
    let pane = app.pane().copied().unwrap_or_default();
    let focused = app.focused_pane() == Some(Focus::List);
    let block = block(title).border_style(theme::border(app.theme, focused));
    if rows.is_empty() {
        let empty = item(Line::from(plain(SafeText::lit(
            "Nothing to list in this dossier.",
        ))));
        return render_rows(frame, app, block, vec![empty], None, false, area);
    }
    let height = usize::from(area.height.saturating_sub(2));
    let items: Vec<ListItem> = rows
        .iter()
        .enumerate()
        .skip(pane.offset)
        .take(height)
        .map(|(i, row)| item(line(i, row)))
        .collect();
    let selected = pane.selected.checked_sub(pane.offset);
    render_rows(frame, app, block, items, selected, focused, area);
}

/// A group heading row: the heading, then a rule to the edge.
pub fn heading(app: &App, prefix: SafeText<'_>, text: &SafeText<'_>, width: u16) -> Line<'static> {
    let used = prefix.width() + text.width() + 1;
    let rule = SafeText::new(&"─".repeat(usize::from(width).saturating_sub(used))).into_owned();
    Line::from(vec![
        span(prefix, theme::role(app.theme, Role::Dim, false)),
        span(text.clone(), theme::role(app.theme, Role::Heading, false)),
        span(
            safe_format!(" {rule}", rule),
            theme::role(app.theme, Role::Dim, false),
        ),
    ])
}

//! Where everything goes on screen: one pure function of the terminal size
//! and the state, used by `ui` to draw and by the state to scroll and to
//! hit-test mouse clicks, so both always agree.

use ratatui::layout::{Margin, Rect};
use unicode_width::UnicodeWidthStr;

use super::view::View;
use super::{App, Mode, Popup, content, keymap};

/// Smallest terminal the layout is drawn in; below it a one-line message.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 10;

/// The rectangles of one frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScreenLayout {
    pub area: Rect,
    /// Below [`MIN_WIDTH`]×[`MIN_HEIGHT`]: every other rectangle is empty.
    pub too_small: bool,
    pub tabs: Rect,
    /// Each tab's label as drawn and where.
    pub tab_labels: Vec<(View, String, Rect)>,
    /// The event list block, borders included; empty on the Overview.
    pub list: Rect,
    /// The detail (or overview) block, borders included.
    pub detail: Rect,
    /// The query or prompt line; empty when neither is open.
    pub query: Rect,
    pub status: Rect,
    /// One rectangle per popup, bottom of the stack first.
    pub popups: Vec<Rect>,
}

impl ScreenLayout {
    /// The list's rows, inside its border.
    pub fn list_inner(&self) -> Rect {
        self.list.inner(Margin::new(1, 1))
    }

    /// The detail's text area, inside its border and a column of padding
    /// on each side.
    pub fn detail_inner(&self) -> Rect {
        self.detail.inner(Margin::new(2, 1))
    }

    /// The text area of popup `i`, inside its border and padding.
    pub fn popup_inner(&self, i: usize) -> Rect {
        self.popups
            .get(i)
            .map_or_else(Rect::default, |r| r.inner(Margin::new(2, 1)))
    }
}

/// Tab labels that fit `width`, with the gap between them: full titles,
/// else short names, else only the current tab named.
fn tab_labels(app: &App, width: u16) -> (Vec<(View, String)>, u16) {
    let full = |v: View| app.view_title(v);
    let short = |v: View| v.short_name().to_string();
    let tiny = |v: View| {
        if v == app.view {
            v.short_name().to_string()
        } else {
            String::new()
        }
    };
    let names: [&dyn Fn(View) -> String; 3] = [&full, &short, &tiny];
    let mut best = (Vec::new(), 1);
    for (level, name) in names.iter().enumerate() {
        let labels: Vec<(View, String)> = View::ALL
            .iter()
            .map(|&v| {
                let n = name(v);
                let label = if n.is_empty() {
                    format!("{}", v.index() + 1)
                } else {
                    format!("{} {n}", v.index() + 1)
                };
                (v, label)
            })
            .collect();
        let gap = if level == 2 { 1 } else { 2 };
        let total: usize = labels.iter().map(|(_, l)| l.width() + gap).sum::<usize>() + 1;
        best = (labels, gap as u16);
        if total <= usize::from(width) {
            break;
        }
    }
    best
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// How many columns the help overlay uses in a popup this wide inside.
pub fn help_column_count(inner_width: u16) -> usize {
    if inner_width >= 96 { 2 } else { 1 }
}

/// The rectangle of one popup.
fn popup_rect(area: Rect, app: &App, popup: &Popup) -> Rect {
    let room = area.width.saturating_sub(4);
    let (width, rows) = match popup {
        Popup::Footnote(n) => {
            let width = room.min(78);
            let doc = content::footnote(&app.dataset, *n, usize::from(width.saturating_sub(4)));
            (width, doc.rows.len())
        }
        Popup::Help { .. } => {
            let width = room.min(112);
            let columns = keymap::help_columns(help_column_count(width.saturating_sub(4)));
            (width, columns.iter().map(Vec::len).max().unwrap_or(0))
        }
    };
    let height = (rows as u16).saturating_add(2).min(area.height.saturating_sub(2));
    centered(area, width, height)
}

/// Lays out a frame of size `area` for the current state.
pub fn compute(area: Rect, app: &App) -> ScreenLayout {
    let mut l = ScreenLayout {
        area,
        ..ScreenLayout::default()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        l.too_small = true;
        return l;
    }
    l.tabs = Rect::new(area.x, area.y, area.width, 1);
    let mut x = area.x + 1;
    let (labels, gap) = tab_labels(app, area.width);
    for (view, label) in labels {
        let w = (label.width() as u16).min(area.right().saturating_sub(x));
        l.tab_labels.push((view, label, Rect::new(x, area.y, w, 1)));
        x = x.saturating_add(w + gap).min(area.right());
    }
    l.status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let query_rows = u16::from(!matches!(app.mode, Mode::Browse));
    if query_rows > 0 {
        l.query = Rect::new(area.x, area.bottom() - 2, area.width, 1);
    }
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 2 - query_rows);
    if app.view == View::Overview && !matches!(app.mode, Mode::Search(_)) {
        l.detail = body;
    } else {
        // Titles need the room more than wrapped prose does once the
        // detail is comfortably wide.
        let list_w = if body.width >= 100 {
            body.width * 11 / 20
        } else {
            body.width / 2
        };
        l.list = Rect::new(body.x, body.y, list_w, body.height);
        l.detail = Rect::new(body.x + list_w, body.y, body.width - list_w, body.height);
    }
    l.popups = app.popups.iter().map(|p| popup_rect(area, app, p)).collect();
    l
}

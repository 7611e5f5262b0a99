//! Where everything goes on screen: one pure function of the terminal size
//! and the state, used by `ui` to draw and by the state to scroll and to
//! hit-test mouse clicks, so both always agree.

use ratatui::layout::{Margin, Rect};
use unicode_width::UnicodeWidthStr;

use super::{App, Mode, Popup, content};
use crate::views::{Shape, View};

/// Smallest terminal the layout is drawn in; below it a one-line message.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 10;

/// Below this width a list and its detail are not both readable side by
/// side: the focused one fills the body, and Enter/Esc (or `l`/`h`) switch,
/// as lazygit does on small screens.
pub const STACK_BELOW: u16 = 100;

/// The rectangles of one frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScreenLayout {
    pub area: Rect,
    /// Below [`MIN_WIDTH`]×[`MIN_HEIGHT`]: every other rectangle is empty.
    pub too_small: bool,
    pub tabs: Rect,
    /// Each tab's label as drawn and where: those that fit, the current
    /// one always among them.
    pub tab_labels: Vec<(View, String, Rect)>,
    /// Whether tabs are hidden left and right of the labels shown.
    pub tabs_hidden: (bool, bool),
    /// The list block (the table on Figures), borders included; empty on
    /// the Overview.
    pub list: Rect,
    /// Rows inside the list block above the first list row (the table's
    /// column headings).
    pub list_head: u16,
    /// The Figures chart block, borders included; empty elsewhere.
    pub chart: Rect,
    /// The detail (or overview) block, borders included.
    pub detail: Rect,
    /// The query or prompt line; empty when neither is open.
    pub query: Rect,
    pub status: Rect,
    /// One rectangle per popup, bottom of the stack first.
    pub popups: Vec<Rect>,
    /// The tab picker's list, borders included; empty when it is closed.
    pub picker: Rect,
}

impl ScreenLayout {
    /// The list's rows, inside its border and below its headings.
    pub fn list_inner(&self) -> Rect {
        let inner = self.list.inner(Margin::new(1, 1));
        let head = self.list_head.min(inner.height);
        Rect::new(inner.x, inner.y + head, inner.width, inner.height - head)
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

/// What the tab bar shows for each view, in bar order: its key and its
/// full title, else its short label, else an abbreviation; every label at
/// the same level, so the active one keeps its width and nothing moves when
/// the tab changes. With the gap between labels.
fn tab_labels(app: &App, width: u16) -> (Vec<(View, String)>, usize) {
    let abbreviation = |v: View| match v {
        View::Tab(_) => app.view_label(v).chars().take(4).collect(),
        v => v.abbreviation().to_string(),
    };
    let levels: [&dyn Fn(View) -> String; 3] = [
        &|v| app.view_title(v).to_string(),
        &|v| app.view_label(v).to_string(),
        &abbreviation,
    ];
    let mut best = (Vec::new(), 1);
    for (level, name) in levels.iter().enumerate() {
        let labels: Vec<(View, String)> = app
            .bar()
            .map(|v| {
                let label = match v.key_label() {
                    Some(key) => format!("{key} {}", name(v)),
                    None => name(v),
                };
                (v, label)
            })
            .collect();
        let gap = if level >= 2 { 1 } else { 2 };
        let total: usize = labels.iter().map(|(_, l)| l.width() + gap).sum::<usize>() + 1;
        best = (labels, gap);
        if total <= usize::from(width) {
            break;
        }
    }
    best
}

/// The run of `labels` (each `width` wide, `gap` apart) that fits in
/// `room` columns with the one at `current` in it, the window sliding as
/// little as needed from the start; and whether labels are hidden before
/// and after it.
fn visible_run(
    widths: &[usize],
    gap: usize,
    current: usize,
    room: usize,
) -> (std::ops::Range<usize>, bool, bool) {
    let fits = |range: &std::ops::Range<usize>| {
        let marks = usize::from(range.start > 0) * 2 + usize::from(range.end < widths.len()) * 2;
        widths[range.clone()].iter().map(|w| w + gap).sum::<usize>() + marks <= room
    };
    let mut run = 0..widths.len();
    while !fits(&run) && run.len() > 1 {
        // Drop from whichever end is farther from the current label.
        if current.saturating_sub(run.start) > run.end - 1 - current {
            run.start += 1;
        } else {
            run.end -= 1;
        }
    }
    let (before, after) = (run.start > 0, run.end < widths.len());
    (run, before, after)
}

pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
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
            let doc = content::footnote(app.lookup(), *n, usize::from(width.saturating_sub(4)));
            (width, doc.rows.len())
        }
        Popup::Help { .. } => {
            let width = room.min(112);
            let columns = app.keys.help_columns(help_column_count(width.saturating_sub(4)));
            (width, columns.iter().map(Vec::len).max().unwrap_or(0))
        }
        Popup::Bookmarks { .. } => (room.min(90), app.bookmarks.len().max(1)),
        Popup::Messages { .. } => {
            let width = room.min(100);
            let doc = content::messages(&app.messages, usize::from(width.saturating_sub(4)));
            (width, doc.rows.len().max(1))
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
    let widths: Vec<usize> = labels.iter().map(|(_, l)| l.width()).collect();
    let current = labels.iter().position(|(v, _)| *v == app.view).unwrap_or(0);
    let (run, before, after) = visible_run(&widths, gap, current, usize::from(area.width).saturating_sub(1));
    // Arrows say that more tabs lie beyond the edge (0 picks any of them).
    l.tabs_hidden = (before, after);
    if before {
        x += 2;
    }
    for (view, label) in labels.into_iter().skip(run.start).take(run.len()) {
        let w = (label.width() as u16).min(area.right().saturating_sub(x));
        l.tab_labels.push((view, label, Rect::new(x, area.y, w, 1)));
        x = x.saturating_add(w + gap as u16).min(area.right());
    }
    l.status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let query_rows = u16::from(!matches!(app.mode, Mode::Browse));
    if query_rows > 0 {
        l.query = Rect::new(area.x, area.bottom() - 2, area.width, 1);
    }
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 2 - query_rows);
    let searching = matches!(app.mode, Mode::Search(_));
    let shape = if searching {
        Shape::List { wide: false }
    } else {
        app.view.spec().shape
    };
    if shape == Shape::Page {
        l.detail = body;
    } else if shape == Shape::Chart {
        // The chart on top, the table of every figure under it; the table
        // gets the larger share on short terminals, where it matters more.
        let chart_h = (body.height * 2 / 5).clamp(body.height.min(6), 16);
        l.chart = Rect::new(body.x, body.y, body.width, chart_h);
        l.list = Rect::new(body.x, body.y + chart_h, body.width, body.height - chart_h);
        l.list_head = 1;
    } else if body.width < STACK_BELOW {
        if app.detail_focused() && !searching {
            l.detail = body;
        } else {
            l.list = body;
        }
    } else {
        // Titles need the room more than wrapped prose does once the
        // detail is comfortably wide.
        // The timeline's rows carry a gutter, a badge and a date before
        // the title.
        let list_w = if shape == (Shape::List { wide: true }) {
            body.width * 3 / 5
        } else if body.width >= 100 {
            body.width * 11 / 20
        } else {
            body.width / 2
        };
        l.list = Rect::new(body.x, body.y, list_w, body.height);
        l.detail = Rect::new(body.x + list_w, body.y, body.width - list_w, body.height);
    }
    l.popups = app.popups.iter().map(|p| popup_rect(area, app, p)).collect();
    if let Mode::Picker(picker) = &app.mode {
        let rows = app.picked(&picker.input).len().max(1) as u16;
        let body = Rect::new(area.x, area.y + 1, area.width, area.height.saturating_sub(3));
        l.picker = centered(body, area.width.saturating_sub(4).min(60), rows.saturating_add(2));
    }
    l
}

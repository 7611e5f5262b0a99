//! Clicks and the wheel, hit-tested against the same layout that is drawn.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{Action, App, Effect, Focus, Layer, Popup};

/// Rows one wheel notch scrolls.
const WHEEL_ROWS: usize = 3;

impl App {
    /// A mouse event at the current terminal size.
    pub fn on_mouse(&mut self, ev: MouseEvent) -> Option<Effect> {
        let layout = self.layout();
        if layout.too_small || matches!(self.layer(), Layer::Prompt | Layer::Picker | Layer::Note) {
            return None;
        }
        let at = Position::new(ev.column, ev.row);
        let down = match ev.kind {
            MouseEventKind::ScrollDown => true,
            MouseEventKind::ScrollUp => false,
            MouseEventKind::Down(MouseButton::Left) => {
                self.click(at);
                return None;
            }
            _ => return None,
        };
        if let Layer::Popup(top) = self.layer() {
            match top {
                Popup::Help { .. } | Popup::Messages { .. } => {
                    self.popup_action(if down { Action::PageDown } else { Action::PageUp });
                }
                Popup::Bookmarks { .. } => {
                    self.popup_action(if down { Action::Down } else { Action::Up });
                }
                Popup::Footnote(_) => {}
            }
            return None;
        }
        if layout.list_inner().contains(at) {
            self.scroll_list(down);
        } else if layout.detail_inner().contains(at) {
            let rows = WHEEL_ROWS as isize;
            self.scroll_detail(if down { rows } else { -rows });
        }
        None
    }

    /// Scrolls the list view; the selection follows only if it would
    /// leave the screen, so the cursor stays on a visible row.
    fn scroll_list(&mut self, down: bool) {
        let height = self.list_height();
        let len = self.list_len();
        let Some(p) = self.pane_mut() else { return };
        let max = len.saturating_sub(height);
        p.offset = if down {
            (p.offset + WHEEL_ROWS).min(max)
        } else {
            p.offset.saturating_sub(WHEEL_ROWS)
        };
        let row = p.selected.clamp(p.offset, (p.offset + height).saturating_sub(1));
        self.select(row);
    }

    fn click(&mut self, at: Position) {
        let layout = self.layout();
        if let Some(rect) = layout.popups.last() {
            if !rect.contains(at) {
                // A click outside the top popup dismisses it, like Esc.
                self.popups.pop();
            } else if let Some(Popup::Bookmarks { .. }) = self.popups.last() {
                let inner = layout.popup_inner(layout.popups.len() - 1);
                if inner.contains(at) {
                    let row = self.bookmarks_offset(usize::from(inner.height)) + usize::from(at.y - inner.y);
                    self.open_bookmark(row);
                }
            }
            return;
        }
        let browsing = matches!(self.layer(), Layer::View { .. });
        if browsing && let Some((view, _, _)) = layout.tab_labels.iter().find(|(_, _, r)| r.contains(at)) {
            self.handle(Action::GoView(*view));
            return;
        }
        let list = layout.list_inner();
        if list.contains(at) {
            let offset = self.pane().map_or(0, |p| p.offset);
            let row = offset + usize::from(at.y - list.y);
            if self.selectable(row) {
                self.select(row);
                self.focus = Focus::List;
            }
            return;
        }
        let detail = layout.detail_inner();
        if detail.contains(at) && self.view.has_detail() && browsing {
            if self.detail_doc().is_none() {
                return;
            }
            self.focus = Focus::Detail;
            let Some(doc) = self.detail_doc() else { return };
            let Some(p) = self.pane_mut() else { return };
            let row = p.scroll + usize::from(at.y - detail.y);
            let col = usize::from(at.x - detail.x);
            if let Some(m) = doc
                .markers
                .iter()
                .position(|s| s.row == row && (s.col..s.col + s.width).contains(&col))
            {
                p.marker = Some(m);
            }
        }
    }

    /// First bookmark shown in a popup `height` rows tall: the selection
    /// stays on screen.
    pub fn bookmarks_offset(&self, height: usize) -> usize {
        let selected = match self.popups.last() {
            Some(Popup::Bookmarks { selected }) => *selected,
            _ => 0,
        };
        (selected + 1).saturating_sub(height.max(1))
    }
}

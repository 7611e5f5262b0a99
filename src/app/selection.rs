//! The list on screen: which rows it has, which can be selected (not
//! group headings), where the selection and the scroll are, and what the
//! selection is about.

use super::{App, Mode, Pane, Row, View};

impl App {
    /// Whether the list on screen is the search's results rather than
    /// the view's own rows; a prompt (`:`, a bookmark's note) leaves the
    /// view's rows and detail in place under it.
    pub fn lists_results(&self) -> bool {
        matches!(self.mode, Mode::Search(_))
    }

    /// The list state of the current view, or of the search results.
    pub fn pane(&self) -> Option<&Pane> {
        match &self.mode {
            Mode::Search(s) => Some(&s.pane),
            _ => self.slot(self.view).map(|s| &self.panes[s]),
        }
    }

    pub(crate) fn pane_mut(&mut self) -> Option<&mut Pane> {
        let slot = self.slot(self.view);
        match &mut self.mode {
            Mode::Search(s) => Some(&mut s.pane),
            _ => slot.map(|s| &mut self.panes[s]),
        }
    }

    /// The event at row `row` of the list on screen when it is a list of
    /// events (search hits or a content view). Read in place: copying a
    /// tab's list to read one element cost a million-event tab a copy per
    /// key.
    pub fn list_event(&self, row: usize) -> Option<usize> {
        match &self.mode {
            Mode::Search(s) => s.hit_at(row).map(|i| s.hits[i].event),
            _ => self.events_of(self.view).get(row).copied(),
        }
    }

    /// Rows of the list on screen, headings included.
    pub fn list_len(&self) -> usize {
        match &self.mode {
            Mode::Search(s) => s.rows(),
            _ if self.view.extra_slot().is_some() => self.rows_of(self.view).len(),
            _ => self.events_of(self.view).len(),
        }
    }

    /// Whether row `row` of the list on screen can be selected.
    pub(super) fn selectable(&self, row: usize) -> bool {
        match &self.mode {
            Mode::Search(s) => s.hit_at(row).is_some(),
            _ if self.view.extra_slot().is_some() => {
                self.rows_of(self.view).get(row).is_some_and(Row::selectable)
            }
            _ => row < self.list_len(),
        }
    }

    /// The nearest selectable row of `view` from `row`, looking forward
    /// first when `forward` is set, else backward first.
    pub(crate) fn snap(&self, view: View, row: usize, forward: bool) -> usize {
        let rows = self.rows_of(view);
        if view.extra_slot().is_none() || rows.is_empty() {
            return row;
        }
        let row = row.min(rows.len() - 1);
        let after = (row..rows.len()).find(|&r| rows[r].selectable());
        let before = (0..=row).rev().find(|&r| rows[r].selectable());
        let found = if forward {
            after.or(before)
        } else {
            before.or(after)
        };
        found.unwrap_or(row)
    }

    /// The nearest selectable row of the list on screen from `row`: past
    /// the headings of an extra view, past the divider of search results.
    fn snap_on_screen(&self, view: View, row: usize, forward: bool) -> usize {
        match &self.mode {
            Mode::Search(s) if s.hit_at(row).is_none() => {
                let last = s.rows().saturating_sub(1);
                let after = (row..=last).find(|&r| s.hit_at(r).is_some());
                let before = (0..=row.min(last)).rev().find(|&r| s.hit_at(r).is_some());
                let found = if forward {
                    after.or(before)
                } else {
                    before.or(after)
                };
                found.unwrap_or(row)
            }
            Mode::Search(_) => row,
            _ => self.snap(view, row, forward),
        }
    }

    /// The selected row of an extra view.
    pub fn selected_row(&self) -> Option<&Row> {
        if self.lists_results() {
            return None;
        }
        let pane = self.pane()?;
        self.rows_of(self.view).get(pane.selected)
    }

    /// The event the current selection is about: a search hit, a content
    /// view's row, a timeline event or a figure's event.
    pub fn shown_event(&self) -> Option<usize> {
        if self.view.extra_slot().is_some() && !self.lists_results() {
            return self.selected_row()?.event();
        }
        let pane = self.pane()?;
        self.list_event(pane.selected)
    }

    /// `(selected, total)` of the list on screen, 1-based, headings not
    /// counted.
    pub fn position(&self) -> Option<(usize, usize)> {
        let pane = self.pane()?;
        if let Mode::Search(s) = &self.mode {
            let total = s.hits.len();
            let at = s.hit_at(pane.selected).map_or(0, |i| i + 1);
            return Some((at, total));
        }
        if self.view.extra_slot().is_some() && !self.lists_results() {
            let rows = self.rows_of(self.view);
            let total = rows.iter().filter(|r| r.selectable()).count();
            let at = rows
                .iter()
                .take(pane.selected + 1)
                .filter(|r| r.selectable())
                .count();
            return Some((at.min(total), total));
        }
        let total = self.list_len();
        Some((if total == 0 { 0 } else { pane.selected + 1 }, total))
    }

    /// Rows of the list on screen.
    pub(super) fn list_height(&self) -> usize {
        usize::from(self.layout().list_inner().height).max(1)
    }

    /// Keeps the selected row on screen, on a selectable row, with the
    /// heading right above it shown too when there is room.
    pub(crate) fn fix_list_offset(&mut self) {
        let height = self.list_height();
        let len = self.list_len();
        let view = self.view;
        let snapped = self.pane().map(|p| self.snap_on_screen(view, p.selected, true));
        let heading_above = snapped
            .and_then(|s| s.checked_sub(1))
            .is_some_and(|r| !self.selectable(r));
        if let (Some(p), Some(snapped)) = (self.pane_mut(), snapped) {
            p.selected = snapped.min(len.saturating_sub(1));
            if p.selected < p.offset {
                p.offset = p.selected;
            } else if p.selected >= p.offset + height {
                p.offset = p.selected + 1 - height;
            }
            if heading_above && p.offset == p.selected && height > 1 {
                p.offset -= 1;
            }
            p.offset = p.offset.min(len.saturating_sub(height));
        }
    }

    /// Selects row `row` of the list on screen, resetting the detail; on
    /// a heading, the nearest item after it (before it, if `forward` is
    /// off) is selected instead.
    pub(super) fn select_toward(&mut self, row: usize, forward: bool) {
        let len = self.list_len();
        let row = self.snap_on_screen(self.view, row.min(len.saturating_sub(1)), forward);
        if let Some(p) = self.pane_mut() {
            let row = row.min(len.saturating_sub(1));
            if row != p.selected {
                *p = Pane {
                    selected: row,
                    offset: p.offset,
                    ..Pane::default()
                };
            }
        }
        self.fix_list_offset();
    }

    /// Selects row `row` of the list on screen, resetting the detail.
    pub(super) fn select(&mut self, row: usize) {
        let forward = self.pane().is_none_or(|p| row >= p.selected);
        self.select_toward(row, forward);
    }
}

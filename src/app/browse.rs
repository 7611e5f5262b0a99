//! Reading: tabs, lists, the detail pane and its footnote markers.

use super::{Action, App, Effect, Focus, Mode, Pane, Popup, View};
use crate::safe_format;
use crate::sanitize::SafeText;

/// How a movement key changes a position.
pub(crate) fn step(action: Action, current: usize, page: usize, last: usize) -> usize {
    match action {
        Action::Down => current.saturating_add(1).min(last),
        Action::Up => current.saturating_sub(1),
        Action::PageDown => current.saturating_add(page).min(last),
        Action::PageUp => current.saturating_sub(page),
        Action::Top => 0,
        _ => last,
    }
}

impl App {
    pub(super) fn browse_action(&mut self, action: Action) -> Option<Effect> {
        if let Some(effect) = (self.view.spec().act)(self, action) {
            return effect;
        }
        match action {
            Action::GoView(View::Tab(i)) if i >= self.tab_count() => {
                let (n, count) = (i + 1, self.tab_count());
                self.status = Some(safe_format!(
                    "there is no tab {n}: this dossier has {count}; 0 picks any tab",
                    n,
                    count
                ));
            }
            Action::GoView(v) => self.go_view(v),
            Action::PickTab => self.start_picker(),
            Action::NextTab => self.go_view(self.view.next(self.tab_count())),
            Action::PrevTab => self.go_view(self.view.prev(self.tab_count())),
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                self.movement(action)
            }
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::StartSearch => self.start_search(),
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            Action::ToggleFootnotes => {
                self.inline_footnotes = !self.inline_footnotes;
                self.clamp_detail_scroll();
                self.scroll_to_marker();
            }
            Action::StartPrompt => self.mode = Mode::Prompt(String::new()),
            Action::Help => self.popups.push(Popup::Help { scroll: 0 }),
            Action::NextMarker => self.step_marker(true),
            Action::PrevMarker => self.step_marker(false),
            Action::HistoryBack => self.go_back(),
            Action::HistoryForward => self.go_forward(),
            Action::Bookmark => return self.toggle_bookmark(),
            Action::CopyEvent => return self.copy_event(),
            Action::CopyCitation => return self.copy_citation(),
            Action::ListBookmarks => self.popups.push(Popup::Bookmarks { selected: 0 }),
            Action::Messages if self.messages.is_empty() => {
                self.status = Some(SafeText::lit("no messages yet"));
            }
            Action::Messages => {
                // Opened at the newest; the layout clamps the scroll.
                self.popups.push(Popup::Messages { scroll: usize::MAX });
                self.clamp_help_scroll();
            }
            Action::FocusList => self.focus = Focus::List,
            Action::FocusDetail if self.view.has_detail() && self.detail_doc().is_some() => {
                self.focus = Focus::Detail;
            }
            _ => {}
        }
        None
    }

    pub(super) fn go_view(&mut self, view: View) {
        self.view = view;
        self.focus = Focus::List;
        self.fix_list_offset();
        // Scrolled at another size, a pane would open on blank rows.
        self.clamp_detail_scroll();
    }

    /// Rows of the detail pane, and how far it can scroll.
    fn detail_extent(&self) -> (usize, usize) {
        let height = usize::from(self.layout().detail_inner().height).max(1);
        let rows = self.detail_doc().map_or(0, |d| d.rows.len());
        (height, rows.saturating_sub(height))
    }

    fn movement(&mut self, action: Action) {
        if self.detail_focused() {
            let (height, max) = self.detail_extent();
            if let Some(p) = self.pane_mut() {
                p.scroll = step(action, p.scroll.min(max), height.saturating_sub(1).max(1), max);
            }
        } else {
            self.move_selection(action);
        }
    }

    /// Moves the selection of the list on screen (also used by search).
    pub(super) fn move_selection(&mut self, action: Action) {
        let last = self.list_len().saturating_sub(1);
        let page = self.list_height().saturating_sub(1).max(1);
        let current = self.pane().map_or(0, |p| p.selected);
        let forward = matches!(action, Action::Down | Action::PageDown | Action::Top);
        let target = step(action, current, page, last);
        // Past a heading, on to the item beyond it in the direction of
        // the move; at either end, back to the nearest item.
        self.select_toward(target, forward);
    }

    /// Scrolls the detail pane by `delta` rows, within its extent.
    pub(super) fn scroll_detail(&mut self, delta: isize) {
        // A page scrolls itself (within itself); the detail of a list or of
        // the search results within the detail's extent.
        if let Some((get, set)) = self.view.spec().scroll
            && !self.lists_results()
        {
            return set(self, get(self).saturating_add_signed(delta));
        }
        let (_, max) = self.detail_extent();
        if let Some(p) = self.pane_mut() {
            p.scroll = p.scroll.saturating_add_signed(delta).min(max);
        }
    }

    pub(super) fn clamp_detail_scroll(&mut self) {
        self.scroll_detail(0);
    }

    fn open(&mut self) {
        if self.detail_focused() {
            return self.open_in_detail();
        }
        (self.view.spec().open)(self);
    }

    /// Enter in the detail: follows the selected link or opens the
    /// selected footnote; before any is chosen, chooses the first.
    fn open_in_detail(&mut self) {
        let Some(doc) = self.detail_doc() else { return };
        let marker = self.pane().and_then(|p| p.marker);
        match marker.and_then(|m| doc.markers.get(m)) {
            Some(spot) => self.follow(spot.link),
            None if !doc.markers.is_empty() => self.step_marker(true),
            None => self.status = Some(SafeText::lit("nothing to follow here: no footnotes or links")),
        }
    }

    fn back(&mut self) {
        if self.detail_focused() {
            self.focus = Focus::List;
        } else if self.last_search.take().is_some() {
            self.status = Some(SafeText::lit("search cleared"));
        }
    }

    /// Selects the next or previous footnote marker of the detail pane.
    pub(crate) fn step_marker(&mut self, forward: bool) {
        let count = self.detail_doc().map_or(0, |d| d.markers.len());
        let Some(p) = self.pane_mut() else { return };
        if count == 0 {
            return;
        }
        p.marker = Some(match (p.marker, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(m), true) => (m + 1) % count,
            (Some(m), false) => (m + count - 1) % count,
        });
        self.scroll_to_marker();
    }

    /// Scrolls the detail so the selected marker is on screen.
    fn scroll_to_marker(&mut self) {
        let height = usize::from(self.layout().detail_inner().height).max(1);
        let Some(doc) = self.detail_doc() else { return };
        let Some(p) = self.pane_mut() else { return };
        let Some(spot) = p.marker.and_then(|m| doc.markers.get(m)) else {
            return;
        };
        if spot.row < p.scroll {
            p.scroll = spot.row;
        } else if spot.row >= p.scroll + height {
            p.scroll = spot.row + 1 - height;
        }
    }

    /// Shows `event` selected in its tab, the detail at its top.
    pub(super) fn open_event(&mut self, event: usize) -> bool {
        let Some(view) = self.view_of_event(event) else {
            self.status = Some(SafeText::lit("that event belongs to no tab"));
            return false;
        };
        let row = self.events_of(view).iter().position(|&e| e == event).unwrap_or(0);
        self.view = view;
        if let Some(slot) = self.slot(view) {
            let offset = self.panes[slot].offset;
            self.panes[slot] = Pane {
                selected: row,
                offset,
                ..Pane::default()
            };
        }
        self.fix_list_offset();
        true
    }

    /// `n`/`N`: the next or previous hit of the last search.
    fn step_hit(&mut self, forward: bool) {
        let Some(last) = &mut self.last_search else {
            self.status = Some(SafeText::lit("no search yet: press / to search"));
            return;
        };
        let count = last.hits.len();
        if count == 0 {
            return;
        }
        last.pos = if forward {
            (last.pos + 1) % count
        } else {
            (last.pos + count - 1) % count
        };
        let (pos, event) = (last.pos, last.hits[last.pos].event);
        self.navigate(|app| app.open_event(event));
        if self.view_of_event(event) == Some(self.view) {
            self.status = Some(safe_format!("result {n}/{count}", n = pos + 1, count));
        }
    }
}

//! Bookmarks: `m` marks the current event, `'` lists the marks in a
//! popup from which one is opened or removed. Changes ask the terminal
//! loop to save at once ([`Effect::Save`]), so a crash loses none.

use super::{Action, App, Effect, Popup};
use crate::safe_format;
use crate::sanitize::SafeText;

impl App {
    /// `m`: bookmarks the current event, or removes its bookmark.
    pub(super) fn toggle_bookmark(&mut self) -> Option<Effect> {
        let Some(event) = self.shown_event() else {
            self.status = Some(SafeText::lit("no event selected here to bookmark"));
            return None;
        };
        let title = SafeText::new(&self.dataset.events[event].title);
        let status = if let Some(at) = self.bookmarks.iter().position(|&b| b == event) {
            self.bookmarks.remove(at);
            safe_format!("removed the bookmark on “{title}”", title)
        } else {
            self.bookmarks.push(event);
            let n = self.bookmarks.len();
            safe_format!("bookmarked “{title}” ({n}; ' lists them)", title, n)
        };
        self.status = Some(status);
        Some(Effect::Save)
    }

    /// Keys in the bookmarks popup.
    pub(super) fn bookmarks_action(&mut self, action: Action) -> Option<Effect> {
        let count = self.bookmarks.len();
        let Some(Popup::Bookmarks { selected }) = self.popups.last_mut() else {
            return None;
        };
        match action {
            Action::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Open => {
                let at = *selected;
                self.open_bookmark(at);
            }
            Action::Remove if *selected < count => {
                let event = self.bookmarks.remove(*selected);
                *selected = (*selected).min(count.saturating_sub(2));
                let title = SafeText::new(&self.dataset.events[event].title);
                self.status = Some(safe_format!("removed the bookmark on “{title}”", title));
                return Some(Effect::Save);
            }
            _ => {}
        }
        None
    }

    /// Closes the popup and opens bookmark `at` in its tab.
    pub(super) fn open_bookmark(&mut self, at: usize) {
        let Some(&event) = self.bookmarks.get(at) else {
            return;
        };
        self.popups.pop();
        self.follow(super::Link::Event(event));
    }
}

//! Cross-links and the navigation history: following a link remembers
//! where the reader was; `Backspace`/`Alt-←` goes back and `Alt-→`
//! forward, restoring the view, the focus, the selection and the scroll.

use super::rows::Row;
use super::{App, Focus, Pane, View};
use crate::safe_format;
use crate::sanitize::SafeText;

/// Where a link leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// A footnote, by number: its popup from a detail pane, its row in
    /// Sources from the popup.
    Footnote(u32),
    /// An entity, by index in the dataset: its row in People & Orgs.
    Entity(usize),
    /// An event, by index in the dataset: the event in its tab.
    Event(usize),
}

/// A reading position, exactly: enough to put the reader back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub view: View,
    pub focus: Focus,
    /// The view's list and detail position; the Overview and the Reader
    /// keep their scroll in `pane.scroll`.
    pub pane: Pane,
    /// Whether Sources was grouped by outlet (its rows depend on it).
    pub sources_by_outlet: bool,
}

/// Places before and after the current one, as in a web browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Older places, the most recent last.
    pub back: Vec<Place>,
    /// Places gone back from, the nearest last.
    pub forward: Vec<Place>,
}

/// How many places back are kept.
const DEPTH: usize = 200;

impl History {
    /// Records `from` as the place just left; forward places are dropped,
    /// as following a new link forks the history.
    pub fn push(&mut self, from: Place) {
        self.back.push(from);
        if self.back.len() > DEPTH {
            self.back.remove(0);
        }
        self.forward.clear();
    }
}

impl App {
    /// The current reading position.
    pub fn place(&self) -> Place {
        let pane = match (self.slot(self.view), self.view.spec().scroll) {
            (Some(slot), _) => self.panes[slot],
            (None, scroll) => Pane {
                scroll: scroll.map_or(0, |(get, _)| get(self)),
                ..Pane::default()
            },
        };
        Place {
            view: self.view,
            focus: self.focus,
            pane,
            sources_by_outlet: self.sources_by_outlet,
        }
    }

    /// Puts the reader at `place`, as it was.
    fn restore(&mut self, place: Place) {
        if place.sources_by_outlet != self.sources_by_outlet {
            self.set_sources_grouping(place.sources_by_outlet);
        }
        self.view = place.view;
        self.focus = if place.view.has_detail() {
            place.focus
        } else {
            Focus::List
        };
        match (self.slot(place.view), place.view.spec().scroll) {
            (Some(slot), _) => self.panes[slot] = place.pane,
            (None, Some((_, set))) => set(self, place.pane.scroll),
            (None, None) => {}
        }
        // No-ops at the size the place was left at; after a resize they
        // keep the selection on screen.
        self.fix_list_offset();
        self.clamp_detail_scroll();
    }

    /// Runs `go`, which moves the reader and says whether it did; if the
    /// place changed, the one left is recorded in the history.
    pub(super) fn navigate(&mut self, go: impl FnOnce(&mut App) -> bool) {
        let here = self.place();
        if go(self) && self.place() != here {
            self.history.push(here);
        }
    }

    /// Follows `link` from the detail pane or a list.
    pub(crate) fn follow(&mut self, link: Link) {
        match link {
            Link::Footnote(n) => self.popups.push(super::Popup::Footnote(n)),
            Link::Entity(i) => self.navigate(|app| app.show_row(View::People, &Row::Entity(i))),
            Link::Event(e) => self.navigate(|app| {
                let opened = app.open_event(e);
                if opened {
                    app.focus = Focus::Detail;
                }
                opened
            }),
        }
    }

    /// Shows footnote `n`'s row in Sources (the citation a back-reference
    /// is folded into).
    pub(super) fn show_source(&mut self, n: u32) {
        let root = super::rows::folded_into(self.lookup(), n).unwrap_or(n);
        self.navigate(|app| app.show_row(View::Sources, &Row::Source(root)));
    }

    /// Switches to extra view `view` with `row` selected, the list focused.
    fn show_row(&mut self, view: View, row: &Row) -> bool {
        let Some(at) = self.rows_of(view).iter().position(|r| r == row) else {
            self.status = Some(safe_format!(
                "not listed in {title}",
                title = SafeText::lit(view.own_title())
            ));
            return false;
        };
        let Some(slot) = self.slot(view) else {
            return false;
        };
        self.view = view;
        self.focus = Focus::List;
        let offset = self.panes[slot].offset;
        self.panes[slot] = Pane {
            selected: at,
            offset,
            ..Pane::default()
        };
        self.fix_list_offset();
        true
    }

    /// `Backspace`/`Alt-←`.
    pub(super) fn go_back(&mut self) {
        match self.history.back.pop() {
            Some(place) => {
                self.history.forward.push(self.place());
                self.restore(place);
            }
            None => self.status = Some(SafeText::lit("nothing to go back to: follow a link first")),
        }
    }

    /// `Alt-→`.
    pub(super) fn go_forward(&mut self) {
        match self.history.forward.pop() {
            Some(place) => {
                self.history.back.push(self.place());
                self.restore(place);
            }
            None => self.status = Some(SafeText::lit("nothing to go forward to")),
        }
    }
}

//! The reader's memory as the state knows it: converting between the
//! browser's position and bookmarks (indices) and [`crate::state::Memory`]
//! (ids that survive a restart).

use std::collections::HashSet;

use super::{App, Focus, Mode, Pane, Row, View};
use crate::state::{Memory, Position};

impl App {
    /// What to remember now: the position on the view under any search
    /// or popup, and the bookmarks.
    pub fn memory(&self) -> Memory {
        let ds = &self.dataset;
        let mut position = Position {
            view: match self.view {
                View::Tab(i) => format!("tab:{}", ds.tabs.get(i).map_or("", |t| t.id.as_str())),
                v => v.key().unwrap_or_default().to_string(),
            },
            footnotes_inline: self.inline_footnotes,
            sources_by_outlet: self.sources_by_outlet,
            ..Position::default()
        };
        let pane = self.slot(self.view).map(|s| self.panes[s]);
        match pane {
            None => position.scroll = self.view.spec().scroll.map_or(0, |(get, _)| get(self)),
            Some(p) => {
                position.scroll = p.scroll;
                let event_id = |e: usize| self.records.get(e).map(|ev| ev.id.to_string());
                match self.rows_of(self.view).get(p.selected) {
                    Some(Row::Event(e)) => position.event = event_id(*e),
                    Some(Row::Figure { event, index }) => {
                        position.event = event_id(*event);
                        position.figure = Some(*index);
                    }
                    Some(Row::Entity(i)) => position.entity = ds.entities.get(*i).map(|e| e.id.clone()),
                    Some(Row::Source(n)) => position.footnote = Some(*n),
                    Some(Row::Heading(_)) => {}
                    None => {
                        position.event = self
                            .events_of(self.view)
                            .get(p.selected)
                            .and_then(|&e| event_id(e))
                    }
                }
            }
        }
        let id = |e: usize| self.records.get(e).map(|ev| ev.id.to_string());
        Memory {
            position,
            bookmarks: self.bookmarks.iter().filter_map(|&e| id(e)).collect(),
            notes: self
                .notes
                .iter()
                .filter_map(|(&e, note)| Some((id(e)?, note.clone())))
                .collect(),
        }
    }

    /// Puts the reader back where `memory` says, as far as this dataset
    /// allows: unknown ids are skipped. Call after [`App::set_area`] so the
    /// list scrolls to the selection at the real size.
    pub fn recall(&mut self, memory: &Memory) {
        let records = &self.records;
        let mut seen = HashSet::new();
        let bookmarks = (memory.bookmarks.iter())
            .filter_map(|id| records.position(id))
            .filter(|&e| seen.insert(e))
            .collect();
        // Only bookmarked events' notes: a note without its bookmark
        // would be kept, unseen, forever.
        let notes = (memory.notes.iter())
            .filter_map(|(id, note)| Some((records.position(id)?, note.clone())))
            .filter(|(e, _)| seen.contains(e))
            .collect();
        (self.bookmarks, self.notes) = (bookmarks, notes);
        let p = &memory.position;
        self.inline_footnotes = p.footnotes_inline;
        if p.sources_by_outlet != self.sources_by_outlet {
            self.set_sources_grouping(p.sources_by_outlet);
        }
        // A tab by its id; state files before schema version 2 wrote the
        // four tab ids bare.
        let tabs = &self.dataset.tabs;
        let tab = |id: &str| tabs.iter().position(|t| t.id == id).map(View::Tab);
        let Some(view) =
            View::from_key(&p.view).or_else(|| tab(p.view.strip_prefix("tab:").unwrap_or(&p.view)))
        else {
            return;
        };
        if let Some((_, set)) = view.spec().scroll {
            self.view = view;
            return set(self, p.scroll);
        }
        let ds = self.lookup();
        // The saved row, whichever kind the view lists: the saved event
        // (or its figure), entity or footnote.
        let event = p.event.as_deref().and_then(|id| self.records.position(id));
        let entity = p.entity.as_deref().and_then(|id| ds.entity_index(id));
        let saved = |row: &Row| match *row {
            Row::Event(e) => Some(e) == event,
            Row::Figure { event: e, index } => Some(e) == event && index == p.figure.unwrap_or(0),
            Row::Entity(i) => Some(i) == entity,
            Row::Source(n) => Some(n) == p.footnote,
            Row::Heading(_) => false,
        };
        let selected = match view {
            View::Tab(_) => event.and_then(|e| self.events_of(view).iter().position(|&x| x == e)),
            _ => self.rows_of(view).iter().position(saved),
        };
        self.view = view;
        self.focus = Focus::List;
        self.mode = Mode::Browse;
        if let (Some(slot), Some(selected)) = (self.slot(view), selected) {
            self.panes[slot] = Pane {
                selected,
                scroll: p.scroll,
                ..Pane::default()
            };
        }
        self.fix_list_offset();
        self.clamp_detail_scroll();
    }
}

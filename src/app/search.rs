//! The `/` query line: live results across all tabs.

use super::{Action, App, Focus, LastSearch, Mode, Pane, SearchState};
use crate::search::Query;

impl App {
    /// Opens the query line. Nothing else changes, which is what lets Esc
    /// put the reader back exactly where they were.
    pub(super) fn start_search(&mut self) {
        self.mode = Mode::Search(Box::new(SearchState {
            input: String::new(),
            query: None,
            corrected: None,
            error: None,
            hits: Vec::new(),
            total: 0,
            pane: Pane::default(),
        }));
    }

    pub(super) fn search_action(&mut self, action: Action) {
        let Mode::Search(state) = &mut self.mode else {
            return;
        };
        match action {
            Action::Insert(c) => state.input.push(c),
            Action::Backspace => {
                state.input.pop();
            }
            Action::ClearInput => state.input.clear(),
            Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
                return self.move_selection(action);
            }
            Action::Back => {
                self.mode = Mode::Browse;
                return;
            }
            Action::Open => return self.accept_search(),
            _ => return,
        }
        self.refresh_search();
    }

    /// Runs the query again after the input changed.
    fn refresh_search(&mut self) {
        let Mode::Search(state) = &mut self.mode else {
            return;
        };
        match Query::parse(&state.input) {
            Ok(query) if query.is_empty() => {
                state.hits = Vec::new();
                state.total = 0;
                state.query = Some(query);
                state.corrected = None;
                state.error = None;
                state.pane = Pane::default();
            }
            // The CLI's search: when nothing matches, a typo-corrected
            // query that does match is run instead, and said so.
            Ok(query) => {
                let outcome = self.index.search_forgiving(&query, super::RESULT_ROWS);
                state.hits = outcome.hits;
                state.total = outcome.total;
                state.corrected = outcome.corrected.as_ref().map(ToString::to_string);
                state.query = Some(outcome.corrected.unwrap_or(query));
                state.error = None;
                state.pane = Pane::default();
            }
            // Keep the last results on screen while the query is being
            // typed through an invalid state (an open quote, say).
            Err(e) => state.error = Some(e.to_string()),
        }
    }

    /// Enter: opens the selected hit in its tab and remembers the search
    /// for `n`/`N`.
    fn accept_search(&mut self) {
        let Mode::Search(state) = &self.mode else { return };
        let Some(pos) = Some(state.pane.selected).filter(|&p| p < state.hits.len()) else {
            return;
        };
        let event = state.hits[pos].event;
        let Mode::Search(state) = std::mem::replace(&mut self.mode, Mode::Browse) else {
            return;
        };
        let SearchState {
            input, query, hits, ..
        } = *state;
        let mut opened = false;
        self.navigate(|app| {
            opened = app.open_event(event);
            if opened {
                app.focus = Focus::Detail;
            }
            opened
        });
        if let (true, Some(query)) = (opened, query) {
            self.last_search = Some(LastSearch {
                input,
                query,
                hits,
                pos,
            });
        }
    }
}

//! The `/` query line: live results across all tabs.
//!
//! A search runs on the spot, or, once [`App::defer_searches`] is called,
//! is handed to the terminal loop as an [`Effect::Search`] whose answer
//! comes back through [`App::search_done`]: the loop runs it on another
//! thread and keeps drawing what is typed. Either way the state changes are
//! these plain functions.

use super::{Action, App, Effect, Focus, LastSearch, Mode, Pane, RESULT_ROWS, SearchState};
use crate::date::Dates;
use crate::search::{Hit, Outcome, Query, SearchIndex, divider};

/// A search for the terminal loop to run: [`crate::search::SearchIndex::search_forgiving`]
/// of `query` for the best [`RESULT_ROWS`], with the best [`FIRST_ROWS`]
/// first where they come much sooner than their count.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchJob {
    pub generation: u64,
    pub query: Query,
}

/// An answer to a [`SearchJob`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDone {
    pub generation: u64,
    pub query: Query,
    pub outcome: Outcome,
    /// Whether `outcome.total` counts every match. A first answer that
    /// does not holds the best [`FIRST_ROWS`] alone, and the counted one
    /// follows.
    pub counted: bool,
}

/// The rows of a first answer: more than a screen shows.
pub const FIRST_ROWS: usize = 100;

impl SearchJob {
    /// The first answer: the best [`FIRST_ROWS`] uncounted where they
    /// come much sooner than their count, else the whole answer
    /// ([`SearchIndex::first_until`]); `None` if `stale` said to give up
    /// midway.
    pub fn run(&self, index: &SearchIndex, stale: &(dyn Fn() -> bool + Sync)) -> Option<SearchDone> {
        let (outcome, counted) = index.first_until(&self.query, FIRST_ROWS, RESULT_ROWS, stale)?;
        Some(SearchDone {
            generation: self.generation,
            query: self.query.clone(),
            outcome,
            counted,
        })
    }

    /// The whole answer, counted; `None` if `stale` said to give up midway.
    pub fn count(&self, index: &SearchIndex, stale: &(dyn Fn() -> bool + Sync)) -> Option<SearchDone> {
        let outcome = index.search_forgiving_until(&self.query, RESULT_ROWS, stale)?;
        Some(SearchDone {
            generation: self.generation,
            query: self.query.clone(),
            outcome,
            counted: true,
        })
    }
}

/// Shows a search's outcome: the best hits of `query`, or of the
/// typo-corrected query that ran instead; the first hit selected, past
/// the divider when no hit is exact.
fn show(state: &mut SearchState, spans: &[Dates], query: Query, outcome: Outcome) {
    let Outcome {
        hits,
        total,
        corrected,
    } = outcome;
    state.corrected = corrected.as_ref().map(ToString::to_string);
    state.query = Some(corrected.unwrap_or(query));
    state.error = None;
    state.counting = None;
    set_hits(state, spans, hits, total);
    state.pane = Pane {
        selected: state.first_hit_row(),
        ..Pane::default()
    };
}

/// The hits and their count, without moving the selection: the counted
/// answer to a query shown first uncounted begins with the same hits.
fn set_hits(state: &mut SearchState, spans: &[Dates], hits: Vec<Hit>, total: usize) {
    state.divider = divider(&hits, |i| spans.get(hits[i].event).and_then(|d| d.span()));
    state.hits = hits;
    state.total = total;
}

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
            divider: None,
            total: 0,
            pane: Pane::default(),
            pending: None,
            counting: None,
            open_when_done: false,
        }));
    }

    /// From now on, searches are handed out as [`Effect::Search`] instead
    /// of run on the spot.
    pub fn defer_searches(&mut self) {
        self.deferred = true;
    }

    /// Whether results of a deferred search, or their count, are awaited.
    pub fn is_searching(&self) -> bool {
        matches!(&self.mode, Mode::Search(state) if state.pending.is_some() || state.counting.is_some())
    }

    /// An answer to a deferred search arrived: shown if it answers the
    /// query last handed out, dropped if a later key made it stale. A
    /// counted answer to the query shown uncounted brings the count and
    /// the rest of the hits, even once the search is closed.
    pub fn search_done(&mut self, done: SearchDone) {
        // A search closed with Enter is no longer the one open, whose
        // generation is newer.
        if let Some(last) = &mut self.last_search
            && last.counting == Some(done.generation)
            && done.counted
        {
            last.counting = None;
            last.hits = done.outcome.hits;
            return;
        }
        let Mode::Search(state) = &mut self.mode else {
            return;
        };
        if done.counted && state.counting == Some(done.generation) {
            state.counting = None;
            set_hits(state, &self.spans, done.outcome.hits, done.outcome.total);
            return;
        }
        if state.pending != Some(done.generation) {
            return;
        }
        state.pending = None;
        show(state, &self.spans, done.query, done.outcome);
        state.counting = (!done.counted).then_some(done.generation);
        if std::mem::take(&mut state.open_when_done) {
            self.accept_search();
        }
        self.fix_list_offset();
    }

    pub(super) fn search_action(&mut self, action: Action) -> Option<Effect> {
        let Mode::Search(state) = &mut self.mode else {
            return None;
        };
        match action {
            Action::Insert(c) => state.input.push(c),
            Action::Backspace => {
                state.input.pop();
            }
            Action::ClearInput => state.input.clear(),
            Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
                self.move_selection(action);
                return None;
            }
            Action::Back => {
                self.mode = Mode::Browse;
                return None;
            }
            // Enter before the results of what was typed are in opens the
            // best of those, not of an older query.
            Action::Open if state.pending.is_some() => state.open_when_done = true,
            Action::Open => self.accept_search(),
            Action::CopyEvent => return self.copy_event(),
            _ => {}
        }
        if matches!(action, Action::Insert(_) | Action::Backspace | Action::ClearInput) {
            return self.refresh_search();
        }
        None
    }

    /// Runs the query again after the input changed, or hands it out.
    fn refresh_search(&mut self) -> Option<Effect> {
        let Mode::Search(state) = &mut self.mode else {
            return None;
        };
        match Query::parse(&state.input) {
            Ok(query) if query.is_empty() => {
                show(state, &self.spans, query, Outcome::default());
                state.pending = None;
            }
            Ok(query) if self.deferred => {
                self.search_generation += 1;
                state.pending = Some(self.search_generation);
                state.error = None;
                return Some(Effect::Search(SearchJob {
                    generation: self.search_generation,
                    query,
                }));
            }
            // The CLI's search: when nothing matches, a typo-corrected
            // query that does match is run instead, and said so.
            Ok(query) => {
                let outcome = self.index.get().search_forgiving(&query, RESULT_ROWS);
                show(state, &self.spans, query, outcome);
            }
            // No results for a query that does not parse: those of the
            // last valid one would pass for its own, and Enter, `n` and
            // `N` would use them. An answer still on its way is dropped.
            Err(e) => {
                show(state, &self.spans, Query::default(), Outcome::default());
                state.query = None;
                state.error = Some(e.to_string());
                state.pending = None;
                state.open_when_done = false;
            }
        }
        None
    }

    /// Enter: opens the selected hit in its tab and remembers the search
    /// for `n`/`N` (which walk the hits, never the divider).
    fn accept_search(&mut self) {
        let Mode::Search(state) = &self.mode else { return };
        let Some(pos) = state.hit_at(state.pane.selected) else {
            return;
        };
        let event = state.hits[pos].event;
        let Mode::Search(state) = std::mem::replace(&mut self.mode, Mode::Browse) else {
            return;
        };
        let SearchState {
            input,
            query,
            hits,
            counting,
            ..
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
                counting,
            });
        }
    }
}

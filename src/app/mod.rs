//! Application state and everything that changes it. No drawing and no
//! terminal here: keys and clicks come in as values, [`Effect`]s go out,
//! so every transition is unit-testable.

pub mod action;
mod bookmarks;
mod browse;
pub(crate) use browse::step;
pub mod chart;
pub mod content;
mod copy;
pub mod doc;
pub mod format;
pub mod help;
pub mod keymap;
pub mod keyspec;
pub mod layout;
pub mod links;
pub mod memory;
mod mouse;
pub mod nav;
pub mod pages;
pub mod picker;
mod popup;
pub mod reader;
pub mod rows;
mod search;
mod selection;
#[cfg(test)]
mod tests;
pub mod theme;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use unicode_width::UnicodeWidthChar;

pub use crate::views::View;
pub use action::{Action, Effect};
pub use bookmarks::NoteEdit;
use keymap::Context;
pub use layout::ScreenLayout;
use links::LaterLinks;
pub use links::Links;
pub use nav::{History, Link, Place};
pub use rows::Row;
pub use search::{FIRST_ROWS, SearchDone, SearchJob};
pub use theme::Theme;

use crate::lookup::{DatasetIndex, Lookup};
use crate::model::Dataset;
use crate::sanitize::SafeText;
use crate::search::{Divider, Highlights, Hit, LaterIndex, Query, SearchIndex};

/// Which pane of a content view takes the keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    List,
    Detail,
}

/// Position in a list and its detail pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pane {
    /// Selected row.
    pub selected: usize,
    /// First row on screen.
    pub offset: usize,
    /// Detail pane scroll, in rows.
    pub scroll: usize,
    /// Selected footnote marker in the detail, by order of appearance.
    pub marker: Option<usize>,
}

/// An overlay; the last one on [`App::popups`] takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    /// The footnote with this number.
    Footnote(u32),
    /// The key table, scrolled by `scroll` lines.
    Help { scroll: usize },
    /// The bookmarks, the one at `selected` chosen.
    Bookmarks { selected: usize },
    /// The status messages so far, scrolled by `scroll` lines.
    Messages { scroll: usize },
}

/// The `/` query line and its live results.
pub struct SearchState {
    /// What was typed after `/`.
    pub input: String,
    /// The last query that parsed; kept while the input has an error.
    pub query: Option<Query>,
    /// The typo-corrected query that ran because the typed one found
    /// nothing, as it would be typed.
    pub corrected: Option<String>,
    /// Why the current input does not parse.
    pub error: Option<String>,
    /// The best matching events, best first: at most [`RESULT_ROWS`].
    pub hits: Vec<Hit>,
    /// Where the hits dated less precisely than the query start, shown
    /// under a divider row that is never selected.
    pub divider: Option<Divider>,
    /// How many events matched in all.
    pub total: usize,
    /// Selection in the results and scroll of their detail: rows of the
    /// list, the divider counted (see [`SearchState::hit_at`]).
    pub pane: Pane,
    /// The deferred search whose results are awaited, if any.
    pub pending: Option<u64>,
    /// The deferred search shown whose count is awaited, if any: until it
    /// comes, `total` is that of the hits shown.
    pub counting: Option<u64>,
    /// Enter was pressed while results were awaited: open the best one
    /// when they come.
    pub open_when_done: bool,
}

impl SearchState {
    /// Rows of the results list: the hits, and the divider among them.
    pub fn rows(&self) -> usize {
        self.hits.len() + usize::from(self.divider.is_some())
    }

    /// The row of the divider, if the results have one.
    pub fn divider_row(&self) -> Option<usize> {
        self.divider.as_ref().map(|d| d.at)
    }

    /// The index in [`SearchState::hits`] of the hit on row `row`; `None`
    /// for the divider and past the end.
    pub fn hit_at(&self, row: usize) -> Option<usize> {
        let hit = match self.divider_row() {
            Some(d) if row == d => return None,
            Some(d) if row > d => row - 1,
            _ => row,
        };
        (hit < self.hits.len()).then_some(hit)
    }

    /// The first row that holds a hit: the one selected when results come.
    pub fn first_hit_row(&self) -> usize {
        usize::from(self.divider_row() == Some(0))
    }
}

/// The most results a search keeps: ranking only these (not every match)
/// keeps a keystroke fast on a large dataset, and no reader scrolls past
/// a thousand results.
pub const RESULT_ROWS: usize = 1_000;

/// What the detail pane shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Subject {
    Entity(usize),
    Source(u32),
    Event(usize),
}

/// Everything the detail pane's document is built from: the same key,
/// the same document.
#[derive(Debug)]
struct DetailKey {
    subject: Subject,
    width: usize,
    inline: bool,
    /// The query whose matches are highlighted.
    query: Option<Query>,
}

/// How many status messages the log keeps.
pub const MESSAGE_LOG: usize = 200;

/// A search closed with Enter, walked with `n`/`N`.
pub struct LastSearch {
    /// The query as typed, for the status line.
    pub input: String,
    /// The query that ran (typo-corrected if it had to be).
    pub query: Query,
    /// Its results, best first.
    pub hits: Vec<Hit>,
    /// The hit opened last.
    pub pos: usize,
    /// The search whose counted answer, with the rest of its hits, is
    /// still to come, if any.
    pub counting: Option<u64>,
}

/// What the keyboard is typing into.
pub enum Mode {
    /// Keys move and open things.
    Browse,
    /// Keys edit the search query.
    Search(Box<SearchState>),
    /// `:` and the footnote number typed so far.
    Prompt(String),
    /// `/` in the Reader and the words typed so far.
    Find(String),
    /// A bookmark's note being typed: after `m` on an event, or `e` in
    /// the bookmarks.
    Note(NoteEdit),
    /// The tab picker: what was typed and the choice among its matches.
    Picker(picker::Picker),
}

/// What takes the keys, the cursor and the focused border: a line being
/// typed over everything, then the top popup, then the search, then the
/// view under them. Decided once, in [`App::layer`], for dispatch, key
/// contexts, drawing and the cursor alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Layer {
    /// The `:` footnote-number prompt.
    Prompt,
    /// The Reader's `/` find line.
    Find,
    /// A bookmark's note being typed.
    Note,
    /// The tab picker.
    Picker,
    /// The top popup.
    Popup(Popup),
    /// The `/` query line and its results.
    Search,
    /// The view itself; `detail` when its detail pane has the focus.
    View { view: View, detail: bool },
}

/// The whole state of the browser.
pub struct App {
    /// The dossier being read; shared with the thread that works out its
    /// links.
    pub dataset: Arc<Dataset>,
    /// Its events, read as they are shown; shared with the thread that
    /// works out its links.
    pub records: Arc<crate::records::Records>,
    /// Each event's dates.
    spans: Vec<crate::date::Dates>,
    /// The width of each event's compact date: search results and the
    /// bookmarks size their date column from it on every frame, which
    /// would otherwise read a thousand events from the entry.
    date_widths_of: Vec<u8>,
    /// Its footnotes and entities by key.
    by_key: DatasetIndex,
    /// Queried on every keystroke of a search; shared with the thread
    /// that runs deferred searches, which reads it back from a cache entry
    /// or builds it as the browser starts (see [`LaterIndex`]).
    pub index: Arc<LaterIndex>,
    /// Whether searches are handed to the terminal loop
    /// ([`Effect::Search`]) instead of run on the spot.
    deferred: bool,
    /// Numbers the deferred searches, so a late answer to an old query
    /// is recognised and dropped.
    search_generation: u64,
    /// Colours or `NO_COLOR`.
    pub theme: Theme,
    /// The key table, with the user's configured keys.
    pub keys: keymap::KeyMap,
    /// The current tab.
    pub view: View,
    /// Which pane of a list view takes the keys.
    pub focus: Focus,
    /// One per list view, by [`View::list_slot`].
    pub panes: Vec<Pane>,
    /// Scroll of the Overview tab, in rows.
    pub overview_scroll: usize,
    /// The Reader's position and its document.
    pub reader: reader::ReaderState,
    /// The detail pane's document and what it was built from: drawing,
    /// the cursor, clicks and marker keys all read it, and it is built
    /// again only when one of those inputs changes.
    detail: RefCell<Option<(DetailKey, Rc<doc::Doc>)>>,
    /// Whether the last event detail built had no related events yet,
    /// the links being worked out ([`App::links_came`]).
    related_pending: std::cell::Cell<bool>,
    /// Whether full citations are printed under what cites them (`f`).
    pub inline_footnotes: bool,
    /// Whether Sources is grouped by outlet (`s`).
    pub sources_by_outlet: bool,
    /// Open popups, the focused one last.
    pub popups: Vec<Popup>,
    /// Whether keys browse or type into the query line or prompt.
    pub mode: Mode,
    /// The search last closed with Enter, for `n`/`N` and highlights.
    pub last_search: Option<LastSearch>,
    /// A one-key message for the status line.
    pub status: Option<SafeText<'static>>,
    /// Every status message so far, oldest first (the last
    /// [`MESSAGE_LOG`]): the status line cuts long ones.
    pub messages: Vec<SafeText<'static>>,
    /// The terminal size, set by the terminal loop before each frame.
    pub area: Rect,
    /// Places to go back and forward to.
    pub history: History,
    /// Bookmarked events, by index, in the order they were added.
    pub bookmarks: Vec<usize>,
    /// The note of each bookmarked event that has one, by event index.
    pub notes: std::collections::HashMap<usize, String>,
    /// Event indices of each dataset tab, by its index, in date order.
    by_view: Vec<Vec<usize>>,
    /// Each event's tab, by index into the dataset's tabs.
    tab_of: Vec<u16>,
    /// How many planned events each dataset tab has, by its index: the
    /// lists' titles show it on every frame.
    planned: Vec<usize>,
    /// Each tab's badge letter, distinct where the letters allow.
    badges: Vec<char>,
    /// Every event index in date order.
    by_date: Vec<usize>,
    /// Who and what each event mentions and cites, looked up both ways.
    links: LaterLinks,
    /// Date column widths of each tab's list.
    date_widths: Vec<usize>,
    /// What each view with rows of its own lists, by [`View::extra_slot`],
    /// built when first asked for.
    lists: Vec<std::cell::OnceCell<crate::views::Listing>>,
    /// Every figure, its events in date order.
    figures: crate::records::Figures,
    /// What the Figures view charts, worked out when first drawn: at a
    /// million events, 100 ms the first frame need not wait for.
    chart: std::cell::OnceCell<Option<chart::Chart>>,
    /// How many events each tab holds while they are still being read:
    /// set only in the app drawn before they are in ([`App::before_events`]).
    waiting: Option<Vec<usize>>,
}

impl App {
    /// A browser on `dataset`, opened on the Overview.
    pub fn new(dataset: Dataset, theme: Theme) -> App {
        let index = SearchIndex::new(&dataset);
        App::with_index(dataset, index, theme)
    }

    /// The browser on what is known before the events are in: the
    /// Overview, with each tab's count, is all it can show. The terminal
    /// loop holds the other keys until the whole app takes its place.
    pub fn before_events(head: crate::progress::Head, theme: Theme) -> App {
        let mut app = App::new(head.meta, theme);
        app.waiting = Some(head.counts);
        app
    }

    /// The app on `dataset`, searched with `index` (built for it, or read
    /// back from the index cache).
    pub fn with_index(mut dataset: Dataset, index: SearchIndex, theme: Theme) -> App {
        let columns = crate::records::Columns::of_events(&dataset.events, &dataset.tabs);
        let records = crate::records::Records::held(std::mem::take(&mut dataset.events));
        App::on_records(
            dataset,
            Arc::new(records),
            columns,
            LaterIndex::ready(index),
            theme,
        )
    }

    /// The app on the dataset `meta` (without its events) whose events
    /// are `records` and what the lists need of them `columns`.
    pub fn on_records(
        meta: Dataset,
        records: Arc<crate::records::Records>,
        columns: crate::records::Columns,
        index: LaterIndex,
        theme: Theme,
    ) -> App {
        let dataset = meta;
        let tabs = dataset.tabs.len();
        // Each tab's count of events and of planned ones, and its widest
        // date (its list's date column, which would otherwise cost a pass
        // over its events per frame), in one pass in the columns' order.
        let (mut counts, mut planned, mut date_widths) = (vec![0; tabs], vec![0; tabs], vec![0; tabs]);
        for (e, &tab) in columns.tabs.iter().enumerate() {
            let t = usize::from(tab);
            if t < tabs {
                counts[t] += 1;
                planned[t] += usize::from(columns.planned[e]);
                date_widths[t] = date_widths[t].max(usize::from(columns.date_widths[e]));
            }
        }
        let mut by_view: Vec<Vec<usize>> = counts.into_iter().map(Vec::with_capacity).collect();
        // `by_date` is already in order: same-day events keep the
        // dataset's order, undated events go last.
        for &e in &columns.by_date {
            if let Some(list) = by_view.get_mut(usize::from(columns.tabs[e])) {
                list.push(e);
            }
        }
        let badges = badges(&dataset.tabs);
        let by_key = DatasetIndex::new();
        let crate::records::Columns {
            spans,
            tabs: tab_of,
            by_date,
            figures,
            date_widths: date_widths_of,
            ..
        } = columns;
        App {
            index: Arc::new(index),
            by_key,
            links: LaterLinks::default(),
            date_widths,
            deferred: false,
            search_generation: 0,
            figures,
            chart: std::cell::OnceCell::new(),
            waiting: None,
            dataset: Arc::new(dataset),
            records,
            spans,
            date_widths_of,
            theme,
            keys: keymap::KeyMap::default(),
            view: View::Overview,
            focus: Focus::List,
            panes: vec![Pane::default(); View::lists(by_view.len())],
            overview_scroll: 0,
            reader: reader::ReaderState::default(),
            detail: RefCell::default(),
            related_pending: std::cell::Cell::new(false),
            inline_footnotes: false,
            sources_by_outlet: false,
            popups: Vec::new(),
            mode: Mode::Browse,
            last_search: None,
            status: None,
            messages: Vec::new(),
            area: Rect::default(),
            history: History::default(),
            bookmarks: Vec::new(),
            notes: std::collections::HashMap::new(),
            by_view,
            tab_of,
            planned,
            badges,
            by_date,
            lists: View::listing().map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    /// How many tabs the dataset declares.
    pub fn tab_count(&self) -> usize {
        self.by_view.len()
    }

    /// Every view, in tab-bar order.
    pub fn bar(&self) -> impl Iterator<Item = View> + use<> {
        View::bar(self.tab_count())
    }

    /// `view`'s index into per-list state ([`App::panes`]).
    pub fn slot(&self, view: View) -> Option<usize> {
        view.list_slot(self.tab_count())
    }

    /// The badge letter of the tab at `tab`, `?` for none.
    pub fn badge(&self, tab: usize) -> char {
        self.badges.get(tab).copied().unwrap_or('?')
    }

    /// The badge letter of `event`'s tab.
    pub fn event_badge(&self, event: usize) -> char {
        self.tab_of
            .get(event)
            .map_or('?', |&t| self.badge(usize::from(t)))
    }

    /// Records the terminal size; scroll positions are kept valid for it.
    pub fn set_area(&mut self, area: Rect) {
        if area != self.area {
            // The Reader rewraps: the same share of it stays on top.
            let reading = (self.view == View::Reader && self.area.width > 0)
                .then(|| (self.reader.scroll, self.reading().doc.rows.len().max(1)));
            self.area = area;
            self.fix_list_offset();
            self.clamp_detail_scroll();
            if let Some((scroll, rows)) = reading {
                self.reader.scroll = scroll * self.reading().doc.rows.len() / rows;
                self.reader.marker = None;
                self.clamp_reader_scroll();
            }
            self.clamp_help_scroll();
        }
    }

    /// The layout of the next frame.
    pub fn layout(&self) -> ScreenLayout {
        layout::compute(self.area, self)
    }

    /// The title of `view`: the dataset's tab title for a tab.
    pub fn view_title(&self, view: View) -> SafeText<'static> {
        match view {
            View::Tab(i) => self
                .dataset
                .tabs
                .get(i)
                .map_or_else(SafeText::default, |t| SafeText::new(&t.title).into_owned()),
            v => SafeText::lit(v.own_title()),
        }
    }

    /// The short label of `view`, for narrow tab bars.
    pub fn view_label(&self, view: View) -> SafeText<'static> {
        match view {
            View::Tab(i) => self
                .dataset
                .tabs
                .get(i)
                .map_or_else(SafeText::default, |t| SafeText::new(t.short_label()).into_owned()),
            v => SafeText::lit(v.short_name()),
        }
    }

    /// Event indices listed by `view`, in date order; empty for views
    /// that are not a dataset tab's list.
    pub fn events_of(&self, view: View) -> &[usize] {
        match view {
            View::Tab(i) => self.by_view.get(i).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// How many of `view`'s events are planned: a tab's, or the whole
    /// dossier's for the Timeline.
    pub fn planned_in(&self, view: View) -> usize {
        match view {
            View::Tab(i) => self.planned.get(i).copied().unwrap_or(0),
            _ => self.planned.iter().sum(),
        }
    }

    /// Every event index in date order.
    pub fn events_by_date(&self) -> &[usize] {
        &self.by_date
    }

    /// Event `e` (see [`crate::records::Records::event`]).
    pub fn event(&self, e: usize) -> &crate::model::Event {
        self.records.event(e)
    }

    /// The width of event `e`'s compact date.
    pub fn event_date_width(&self, e: usize) -> usize {
        self.date_widths_of.get(e).copied().map_or(0, usize::from)
    }

    /// Each event's dates, by index.
    pub fn spans(&self) -> &[crate::date::Dates] {
        &self.spans
    }

    /// Event `e`'s dates, if it has any.
    pub fn span(&self, e: usize) -> Option<crate::date::Span> {
        self.spans.get(e).and_then(|d| d.span())
    }

    /// The dataset with its lookups by key.
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup::new(&self.dataset, &self.by_key)
    }

    /// Who and what each event mentions and cites.
    pub fn links(&self) -> &Links {
        self.links.get(|| self.links_on_the_spot())
    }

    /// Says that [`App::links_in_background`] will be called once the
    /// first frame is drawn: that frame shows an event's detail without
    /// its related events rather than working the links out first.
    pub fn defer_links(&self) {
        self.links.defer();
    }

    /// Starts working out the links on a thread of their own, if they are
    /// not ready: the browser calls this once its first frame is drawn.
    pub fn links_in_background(&self) {
        self.links.start(
            Arc::clone(&self.dataset),
            Arc::clone(&self.records),
            &self.by_date,
        );
    }

    /// The widest compact date among the events a view lists, for its
    /// date column: a tab's, or the first column of a view's own rows.
    pub fn date_width(&self, view: View) -> usize {
        match view {
            View::Tab(i) => self.date_widths.get(i).copied().unwrap_or(0),
            _ => self.listing(view).columns.first().copied().unwrap_or(0),
        }
    }

    /// What a view with rows of its own lists, built now if it has not
    /// been yet; empty for other views.
    pub fn listing(&self, view: View) -> &crate::views::Listing {
        static NONE: crate::views::Listing = crate::views::Listing {
            rows: Vec::new(),
            gutter: crate::views::Gutter::NONE,
            columns: Vec::new(),
        };
        let build = view.spec().rows;
        match (view.extra_slot().and_then(|s| self.lists.get(s)), build) {
            (Some(list), Some(build)) => list.get_or_init(|| build(self)),
            _ => &NONE,
        }
    }

    /// Has a view's rows built again when next asked for, from what they
    /// depend on now (Sources regrouped).
    pub(crate) fn rebuild_rows(&mut self, view: View) {
        if let Some(list) = view.extra_slot().and_then(|s| self.lists.get_mut(s)) {
            list.take();
        }
    }

    /// Whether a view's rows have been built.
    pub(crate) fn rows_built(&self, view: View) -> bool {
        view.extra_slot()
            .and_then(|s| self.lists.get(s))
            .is_some_and(|list| list.get().is_some())
    }

    /// Every figure, its events in date order.
    pub fn figured(&self) -> &[crate::records::Figured] {
        self.figures.get()
    }

    /// The rows of a view with rows of its own; empty for other views.
    pub fn rows_of(&self, view: View) -> &[Row] {
        &self.listing(view).rows
    }

    /// What the Figures view charts, if any figure has a year.
    pub fn chart(&self) -> Option<&chart::Chart> {
        self.chart
            .get_or_init(|| chart::chart(self.figures.get()))
            .as_ref()
    }

    /// The tab an event is listed in.
    pub fn view_of_event(&self, event: usize) -> Option<View> {
        let tab = usize::from(*self.tab_of.get(event)?);
        (tab < self.tab_count()).then_some(View::Tab(tab))
    }

    /// The query whose matches are highlighted: the open search's, else
    /// the last one closed with Enter.
    fn highlighted_query(&self) -> Option<&Query> {
        match &self.mode {
            Mode::Search(s) => s.query.as_ref(),
            _ => self.last_search.as_ref().map(|l| &l.query),
        }
    }

    /// Search matches to highlight in `event`: those of the open search,
    /// else of the last one closed with Enter.
    pub fn highlights_for(&self, event: usize) -> Option<Highlights> {
        let query = self.highlighted_query()?;
        Some(self.index.get().highlights(query, self.records.get(event)?))
    }

    /// The actor or place of `event` whose name (or alias) the search
    /// matched, as `("actor", name)`, when its title shows no match: a hit
    /// found through a name would otherwise look unexplained.
    pub fn name_match(&self, event: usize) -> Option<(&'static str, &str)> {
        let query = self.highlighted_query()?;
        let ev = self.records.get(event)?;
        let roles = [("actor", &ev.actors), ("place", &ev.places)];
        roles.into_iter().find_map(|(role, ids)| {
            ids.iter().find_map(|id| {
                let entity = self.lookup().entity(id)?;
                let names = std::iter::once(&entity.name).chain(&entity.aliases);
                names
                    .into_iter()
                    .any(|n| !self.index.get().positions(query, n).is_empty())
                    .then_some((role, entity.name.as_str()))
            })
        })
    }

    /// The detail pane's document at the current size: the shown event,
    /// or the selected entity or source. Built once per change of what it
    /// shows (see [`DetailKey`]), however often it is asked for.
    pub fn detail_doc(&self) -> Option<Rc<doc::Doc>> {
        let width = usize::from(self.layout().detail_inner().width);
        let subject = match self.selected_row() {
            Some(Row::Entity(i)) => Subject::Entity(*i),
            Some(Row::Source(n)) => Subject::Source(*n),
            _ if !self.view.has_detail() && !self.lists_results() => return None,
            _ => Subject::Event(self.shown_event()?),
        };
        let query = self.highlighted_query();
        if let Some((built, doc)) = self.detail.borrow().as_ref()
            && (built.subject, built.width, built.inline) == (subject, width, self.inline_footnotes)
            && built.query.as_ref() == query
        {
            return Some(Rc::clone(doc));
        }
        // Only a change builds (and copies the query into) a new key.
        let key = DetailKey {
            subject,
            width,
            inline: self.inline_footnotes,
            query: query.cloned(),
        };
        let doc = Rc::new(self.build_detail(key.subject, width));
        *self.detail.borrow_mut() = Some((key, Rc::clone(&doc)));
        Some(doc)
    }

    fn build_detail(&self, subject: Subject, width: usize) -> doc::Doc {
        match subject {
            Subject::Entity(i) => pages::entity(&self.dataset, i, self.links().mentions(i), width, self),
            Subject::Source(n) => pages::source(self.lookup(), n, self.links(), width, self),
            Subject::Event(event) => {
                let hl = self.highlights_for(event);
                let related = self.related_now(event);
                self.related_pending.set(related.is_none());
                let opts = content::DetailOptions {
                    width,
                    inline: self.inline_footnotes,
                    highlights: hl.as_ref(),
                    related: related.as_deref(),
                    linked: self,
                };
                content::detail(self.lookup(), self.event(event), opts)
            }
        }
    }

    /// Events related to `event`: sharing a source, the day or an actor.
    pub fn related(&self, event: usize) -> Vec<usize> {
        self.related_with(self.links(), event)
    }

    /// [`App::related`] if the links are ready; `None` while a thread
    /// still works them out (at a million events, for 1.8 s after the
    /// first frame): the detail shows without them meanwhile.
    fn related_now(&self, event: usize) -> Option<Vec<usize>> {
        let links = self.links.now(|| self.links_on_the_spot())?;
        Some(self.related_with(links, event))
    }

    fn links_on_the_spot(&self) -> Links {
        Links::new(self.lookup(), &self.records, &self.by_date)
    }

    /// Whether the links came since a detail was drawn without them: it
    /// is built again, and the caller draws again.
    pub fn links_came(&self) -> bool {
        let came = self.related_pending.get() && self.links.now(|| self.links_on_the_spot()).is_some();
        if came {
            self.related_pending.set(false);
            self.detail.borrow_mut().take();
        }
        came
    }

    fn related_with(&self, links: &Links, event: usize) -> Vec<usize> {
        let ds = self.lookup();
        let ev = self.event(event);
        let roots: Vec<u32> = ev
            .footnotes
            .iter()
            .map(|&n| rows::folded_into(ds, n).unwrap_or(n))
            .collect();
        let actors: Vec<usize> = ev.actors.iter().filter_map(|id| ds.entity_index(id)).collect();
        links.related(ev, event, &roots, &actors)
    }

    /// The Overview's document at the current size.
    pub fn overview_doc(&self) -> doc::Doc {
        let counts: Vec<(View, SafeText<'static>, usize)> = (0..self.tab_count())
            .map(|i| {
                let count = match &self.waiting {
                    Some(counts) => counts.get(i).copied().unwrap_or(0),
                    None => self.by_view[i].len(),
                };
                (View::Tab(i), self.view_title(View::Tab(i)), count)
            })
            .collect();
        let width = usize::from(self.layout().detail_inner().width);
        content::overview(&self.dataset, &counts, width)
    }

    /// The layer that has the focus: see [`Layer`].
    pub fn layer(&self) -> Layer {
        match (&self.mode, self.popups.last()) {
            (Mode::Prompt(_), _) => Layer::Prompt,
            (Mode::Find(_), _) => Layer::Find,
            (Mode::Note(_), _) => Layer::Note,
            (Mode::Picker(_), _) => Layer::Picker,
            (_, Some(popup)) => Layer::Popup(*popup),
            (Mode::Search(_), None) => Layer::Search,
            (Mode::Browse, None) => Layer::View {
                view: self.view,
                detail: self.detail_focused(),
            },
        }
    }

    /// Whether the focus rests on the view's detail pane (views without
    /// one keep it on the list whatever `focus` says). `layer` builds on
    /// this; the layout and the movement keys ask it directly because they
    /// also serve the search results, which sit on the view.
    pub(crate) fn detail_focused(&self) -> bool {
        self.focus == Focus::Detail && self.view.has_detail()
    }

    /// The pane of the view that shows the focus; `None` while a popup,
    /// a search or a typed line is over the view.
    pub fn focused_pane(&self) -> Option<Focus> {
        match self.layer() {
            Layer::View { detail: true, .. } => Some(Focus::Detail),
            Layer::View { .. } => Some(Focus::List),
            _ => None,
        }
    }

    /// The key-table contexts in force, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        let specific = match self.layer() {
            Layer::Prompt | Layer::Find => vec![Context::Prompt],
            Layer::Note => vec![Context::Note],
            Layer::Picker => vec![Context::Picker],
            Layer::Popup(Popup::Footnote(_)) => vec![Context::Footnote],
            Layer::Popup(Popup::Help { .. }) => vec![Context::Help],
            Layer::Popup(Popup::Bookmarks { .. }) => vec![Context::Bookmarks],
            Layer::Popup(Popup::Messages { .. }) => vec![Context::Messages],
            Layer::Search => vec![Context::Search],
            Layer::View { view, detail } => {
                let detail = detail.then_some(Context::Detail);
                detail
                    .into_iter()
                    .chain(view.context())
                    .chain([Context::Browse])
                    .collect()
            }
        };
        let mut all = vec![Context::Always];
        all.extend(specific);
        all
    }

    /// The hints of `contexts` whose keys would do something now: the
    /// Overview has nothing to read or cite, a footnote without an http(s)
    /// URL nothing to copy or open.
    pub fn hints(&self, contexts: &[Context]) -> Vec<(&str, &'static str)> {
        let overview = self.view == View::Overview;
        let openable = |url: Option<&str>| url.is_some_and(crate::web::openable);
        self.keys
            .hints_where(contexts, |context, action| match (context, action) {
                (Context::Browse, Action::Open | Action::ToggleFootnotes) => !overview,
                (Context::View(View::Overview), Action::CopyUrl | Action::OpenUrl) => {
                    openable(self.dataset.document.url.as_deref())
                }
                (Context::Footnote, Action::CopyUrl | Action::OpenUrl) => match self.popups.last() {
                    Some(Popup::Footnote(n)) => openable(self.lookup().url(*n)),
                    _ => false,
                },
                _ => true,
            })
    }

    /// A key press, through the key table.
    pub fn on_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(action) = self.keys.lookup(&self.contexts(), &key) {
            return self.handle(action);
        }
        let typing = matches!(
            self.layer(),
            Layer::Search | Layer::Prompt | Layer::Find | Layer::Picker | Layer::Note
        );
        match key.code {
            KeyCode::Char(c)
                if typing
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.handle(Action::Insert(c))
            }
            _ => None,
        }
    }

    /// Shows `message` on the status line and keeps it in the log: for
    /// what the terminal loop has to say (a URL that did not open).
    pub fn say(&mut self, message: SafeText<'static>) {
        self.status = Some(message.clone());
        self.log(message);
    }

    fn log(&mut self, message: SafeText<'static>) {
        if self.messages.len() >= MESSAGE_LOG {
            self.messages.remove(0);
        }
        self.messages.push(message);
    }

    /// Carries out one action in the focused context.
    pub fn handle(&mut self, action: Action) -> Option<Effect> {
        let effect = self.dispatch(action);
        if let Some(status) = &self.status {
            let status = status.clone();
            self.log(status);
        }
        // Whatever changed the rows on screen (the prompt line taking one, a
        // search closed after a resize), the selected row stays visible.
        self.fix_list_offset();
        effect
    }

    fn dispatch(&mut self, action: Action) -> Option<Effect> {
        self.status = None;
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Suspend => return Some(Effect::Suspend),
            _ => {}
        }
        match self.layer() {
            Layer::Prompt => self.prompt_action(action),
            Layer::Find => {
                self.find_action(action);
                None
            }
            Layer::Note => self.note_action(action),
            Layer::Picker => {
                self.picker_action(action);
                None
            }
            Layer::Popup(_) => self.popup_action(action),
            Layer::Search => self.search_action(action),
            Layer::View { .. } => self.browse_action(action),
        }
    }
}

impl pages::Linked for App {
    fn linked(&self, e: usize) -> (&crate::model::Event, char) {
        (self.event(e), self.event_badge(e))
    }
}

/// One badge letter per tab: the declared one, else the first letter of
/// its title not taken by an earlier tab (so a dossier with Security and
/// Sources tells them apart), else a digit.
fn badges(tabs: &[crate::model::Tab]) -> Vec<char> {
    let mut taken: Vec<char> = tabs
        .iter()
        .filter_map(|t| t.badge.as_deref().and_then(|b| b.chars().next()))
        .collect();
    tabs.iter()
        .map(|t| {
            if let Some(b) = t.badge.as_deref().and_then(|b| b.chars().next()) {
                return b;
            }
            let letters = t
                .title
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_uppercase);
            let free = letters
                .chain('1'..='9')
                .find(|c| !taken.contains(c) && !crate::sanitize::is_unsafe(*c) && c.width() == Some(1))
                .unwrap_or('?');
            taken.push(free);
            free
        })
        .collect()
}

//! The views of the tab bar. Each is one unit in a file of its own: what
//! it is called and the key that opens it, its own keys, the rows it lists
//! (built when first shown), what Enter and its own actions do, what it
//! saves in the state file, and how it is drawn. This file is the
//! registry: which unit each view is and the bar's order.
//!
//! A new view is a variant of [`View`], its arm in [`View::spec`] and its
//! place in [`BEFORE_TABS`] or [`AFTER_TABS`], and its file. A new tab is
//! data only: the dataset declares it, and [`tab`] is every tab's unit.

mod figures;
mod overview;
mod people;
mod reader;
mod sources;
mod tab;
mod timeline;

use ratatui::Frame;

use crate::app::keymap::{Binding, Context};
use crate::app::layout::ScreenLayout;
use crate::app::{Action, App, Effect, Focus, Row};

/// One tab of the tab bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// The document, its overview, what each tab holds.
    Overview,
    /// The whole dossier as one document, read straight through.
    Reader,
    /// The events of the dataset's tab at this index of `Dataset::tabs`.
    Tab(usize),
    /// Every event on one time axis, grouped by year.
    Timeline,
    /// Every entity, grouped by kind, with the events that mention it.
    People,
    /// Every footnote in order (or by outlet), back-references folded.
    Sources,
    /// A chart of the charted measure by year and a table of all figures.
    Figures,
}

/// The views before the dataset's tabs in the bar.
const BEFORE_TABS: [View; 2] = [View::Overview, View::Reader];
/// The views after the dataset's tabs in the bar.
const AFTER_TABS: [View; 4] = [View::Timeline, View::People, View::Sources, View::Figures];

/// How a view takes the body of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One document over the whole body, scrolled.
    Page,
    /// A list beside (or over, when narrow) the detail of its selection;
    /// `wide` lists carry more before their titles and get more room.
    List { wide: bool },
    /// A chart over a table.
    Chart,
}

/// What a view with rows of its own lists, built the first time it is
/// asked for (shown, or a row looked for in it): the Timeline's rows at a
/// million events took about 100 ms that opening on any other view need
/// not wait for.
#[derive(Debug, Default)]
pub struct Listing {
    pub rows: Vec<Row>,
    /// A gutter drawn before each row (the timeline's spans), or none.
    pub gutter: Gutter,
    /// The widest cell of each column, over every row.
    pub columns: Vec<usize>,
}

/// What is drawn left of each row of a list: a few one-column cells
/// (lanes) and a space, the same width on every row, or nothing at all.
/// Kept as one byte per cell: a string per row cost a million allocations
/// at a million events.
#[derive(Debug, Default)]
pub struct Gutter {
    lanes: usize,
    /// `lanes` cells per row, indices into [`Gutter::GLYPHS`].
    cells: Vec<u8>,
}

impl Gutter {
    pub const GLYPHS: [char; 5] = [' ', '─', '┌', '└', '│'];

    /// No gutter.
    pub const NONE: Gutter = Gutter {
        lanes: 0,
        cells: Vec::new(),
    };

    /// `rows` rows of `lanes` blank cells.
    pub fn blank(rows: usize, lanes: usize) -> Gutter {
        Gutter {
            lanes,
            cells: vec![0; rows * lanes],
        }
    }

    /// Sets the cell of `row` in `lane` to glyph `glyph` ([`Gutter::GLYPHS`]).
    pub fn set(&mut self, row: usize, lane: usize, glyph: u8) {
        if let Some(cell) = self.cells.get_mut(row * self.lanes + lane) {
            *cell = glyph;
        }
    }

    /// Row `row` as drawn; empty past the last row or with no lanes.
    pub fn row(&self, row: usize) -> String {
        let Some(cells) = self.cells.get(row * self.lanes..(row + 1) * self.lanes) else {
            return String::new();
        };
        if cells.is_empty() {
            return String::new();
        }
        let glyph = |&c: &u8| Gutter::GLYPHS.get(usize::from(c)).copied().unwrap_or(' ');
        cells.iter().map(glyph).chain([' ']).collect()
    }
}

/// How a page's scroll is read, and set (kept within the page).
pub type Scroll = (fn(&App) -> usize, fn(&mut App, usize));

/// A view's unit: everything the app and the drawing need to know of it.
pub struct Spec {
    /// Its name in the state file and in the configuration's `[keys.<id>]`.
    pub id: &'static str,
    /// The full title; a tab's comes from the dataset instead.
    pub title: &'static str,
    /// A one-word name for narrow tab bars.
    pub short: &'static str,
    /// The shortest readable name, for the narrowest bars.
    pub abbreviation: &'static str,
    /// The binding that opens it; tabs are on the digits instead.
    pub go: Option<Binding>,
    /// Its section of the help overlay.
    pub section: &'static str,
    /// Its own keys, in [`Context::View`] of this view.
    pub keys: &'static [Binding],
    /// Whether it has a detail pane that can take the focus.
    pub detail: bool,
    pub shape: Shape,
    /// Builds its rows, for a view that lists rows of its own.
    pub rows: Option<fn(&App) -> Listing>,
    /// Enter on its list.
    pub open: fn(&mut App),
    /// Its own handling of an action, before the common one: `None` when
    /// it leaves the action to the common handling.
    pub act: fn(&mut App, Action) -> Option<Option<Effect>>,
    /// The scroll of a [`Shape::Page`] view.
    pub scroll: Option<Scroll>,
    /// Draws it in the body the layout gives it.
    pub draw: fn(&mut Frame, &App, &ScreenLayout),
}

impl View {
    /// The unit of this view.
    pub fn spec(self) -> &'static Spec {
        match self {
            View::Overview => &overview::SPEC,
            View::Reader => &reader::SPEC,
            View::Tab(_) => &tab::SPEC,
            View::Timeline => &timeline::SPEC,
            View::People => &people::SPEC,
            View::Sources => &sources::SPEC,
            View::Figures => &figures::SPEC,
        }
    }

    /// Every view of a dossier with `tabs` tabs, in tab-bar order.
    pub fn bar(tabs: usize) -> impl Iterator<Item = View> {
        BEFORE_TABS
            .into_iter()
            .chain((0..tabs).map(View::Tab))
            .chain(AFTER_TABS)
    }

    /// The views that are not a dataset tab, in bar order.
    pub fn own() -> impl Iterator<Item = View> {
        BEFORE_TABS.into_iter().chain(AFTER_TABS)
    }

    /// The views that are not a dataset tab and list rows of their own,
    /// in bar order: the order of their per-list state after the tabs'.
    pub fn listing() -> impl Iterator<Item = View> {
        View::own().filter(|v| v.spec().rows.is_some())
    }

    /// Position in the bar of a dossier with `tabs` tabs.
    pub fn position(self, tabs: usize) -> usize {
        View::bar(tabs).position(|v| v == self).unwrap_or(0)
    }

    /// How many views the bar of a dossier with `tabs` tabs has.
    fn count(tabs: usize) -> usize {
        BEFORE_TABS.len() + tabs + AFTER_TABS.len()
    }

    /// The view at `position` in the bar (wrapping around).
    fn at(position: usize, tabs: usize) -> View {
        let position = position % View::count(tabs);
        View::bar(tabs).nth(position).unwrap_or(View::Overview)
    }

    /// The next view in the bar, wrapping around.
    pub fn next(self, tabs: usize) -> View {
        View::at(self.position(tabs) + 1, tabs)
    }

    /// The previous view in the bar, wrapping around.
    pub fn prev(self, tabs: usize) -> View {
        View::at(self.position(tabs) + View::count(tabs) - 1, tabs)
    }

    /// Index into the rows of the views that list their own, `None` for
    /// other views.
    pub fn extra_slot(self) -> Option<usize> {
        View::listing().position(|v| v == self)
    }

    /// Index into per-list state of a dossier with `tabs` tabs: the tabs
    /// first, then the views with rows of their own; `None` for pages.
    pub fn list_slot(self, tabs: usize) -> Option<usize> {
        match self {
            View::Tab(i) => Some(i),
            own => own.extra_slot().map(|s| tabs + s),
        }
    }

    /// How many slots of per-list state a dossier with `tabs` tabs has.
    pub fn lists(tabs: usize) -> usize {
        tabs + View::listing().count()
    }

    /// Whether the view has a detail pane that can take the focus.
    pub fn has_detail(self) -> bool {
        self.spec().detail
    }

    /// The key that opens a view across the whole dossier; tabs are on the
    /// digits instead, so the two never collide.
    pub fn letter_key(self) -> Option<char> {
        match self.spec().go?.keys.first()?.code {
            ratatui::crossterm::event::KeyCode::Char(c) => Some(c),
            _ => None,
        }
    }

    /// The key shown before a view's label in the bar: its letter, or the
    /// digit of one of the first nine tabs.
    pub fn key_label(self) -> Option<char> {
        match self {
            View::Tab(i) if i < 9 => char::from_digit(i as u32 + 1, 10),
            View::Tab(_) => None,
            v => v.letter_key(),
        }
    }

    /// The key-table context of the view's own keys.
    pub fn context(self) -> Option<Context> {
        (!self.spec().keys.is_empty()).then_some(Context::View(self))
    }

    /// The full title of a view that is not a dataset tab.
    pub fn own_title(self) -> &'static str {
        self.spec().title
    }

    /// A one-word name for narrow tab bars.
    pub fn short_name(self) -> &'static str {
        self.spec().short
    }

    /// The shortest readable name, for the narrowest bars.
    pub fn abbreviation(self) -> &'static str {
        self.spec().abbreviation
    }

    /// Stable name of a view across the whole dossier in the state file;
    /// a tab is saved by its dataset id instead.
    pub fn key(self) -> Option<&'static str> {
        (!matches!(self, View::Tab(_))).then_some(self.spec().id)
    }

    /// The view across the whole dossier named `key` in the state file.
    pub fn from_key(key: &str) -> Option<View> {
        View::own().find(|v| v.key() == Some(key))
    }
}

/// The binding of `keys`, which open `view` from anywhere while reading.
const fn opened_by(
    keys: &'static [crate::app::keymap::Key],
    label: &'static str,
    view: View,
    help: &'static str,
) -> Option<Binding> {
    Some(crate::app::keymap::bind(
        Context::Browse,
        keys,
        label,
        Action::GoView(view),
        help,
        None,
    ))
}

/// Enter on a list whose rows are events: open the selection's event in
/// its tab.
fn open_event(app: &mut App) {
    match app.shown_event() {
        Some(e) => app.follow(crate::app::Link::Event(e)),
        None => app.status = Some(crate::sanitize::SafeText::lit("nothing selected")),
    }
}

/// Enter on a list whose detail lists events (an entity's, a source's):
/// the focus goes to the first of them; `none` says there is none.
fn open_first_link(app: &mut App, none: &'static str) {
    let links = app.detail_doc().map_or(0, |d| d.markers.len());
    if links == 0 {
        app.status = Some(crate::sanitize::SafeText::lit(none));
        return;
    }
    app.focus = Focus::Detail;
    if let Some(p) = app.pane_mut() {
        p.marker = None;
    }
    app.step_marker(true);
}

/// Draws the border of a [`Shape::Page`] view under `title` and gives
/// the area inside it.
fn page_frame(
    frame: &mut Frame,
    app: &App,
    l: &ScreenLayout,
    title: crate::sanitize::SafeText<'_>,
) -> ratatui::layout::Rect {
    let block = crate::ui::text::block(title)
        .border_style(crate::ui::theme::border(app.theme, app.focused_pane().is_some()));
    frame.render_widget(block, l.detail);
    l.detail_inner()
}

/// No action of its own.
fn common(_: &mut App, _: Action) -> Option<Option<Effect>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_follows_the_number_of_tabs() {
        for tabs in [1, 4, 20, 64] {
            let bar: Vec<View> = View::bar(tabs).collect();
            assert_eq!(bar.len(), tabs + View::own().count());
            for (at, v) in bar.iter().enumerate() {
                assert_eq!(v.position(tabs), at);
                assert_eq!(v.next(tabs).prev(tabs), *v);
            }
            assert_eq!(View::Figures.next(tabs), View::Overview);
            assert_eq!(View::Overview.prev(tabs), View::Figures);
            let slots: Vec<usize> = bar.iter().filter_map(|v| v.list_slot(tabs)).collect();
            assert_eq!(slots, (0..View::lists(tabs)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn digits_and_letters_never_collide() {
        let keys: Vec<char> = View::bar(20).filter_map(View::key_label).collect();
        assert_eq!(
            keys,
            [
                'O', 'r', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'T', 'P', 'S', 'F'
            ]
        );
        for v in View::own() {
            assert_eq!(View::from_key(v.key().unwrap()), Some(v));
        }
    }

    /// Each unit's keys are in its own context, and the key that opens it
    /// goes to it: a unit copied from another and not fully renamed would
    /// bind its keys to the wrong view.
    #[test]
    fn every_unit_binds_its_own_keys() {
        for v in View::own() {
            let spec = v.spec();
            assert!(
                spec.keys.iter().all(|b| b.context == Context::View(v)),
                "{}",
                spec.id
            );
            let go = spec.go.expect("a view across the dossier has a key");
            assert_eq!(go.action, Action::GoView(v), "{}", spec.id);
            assert_eq!(spec.scroll.is_some(), spec.shape == Shape::Page, "{}", spec.id);
            assert_eq!(spec.rows.is_some(), v.extra_slot().is_some(), "{}", spec.id);
        }
    }
}

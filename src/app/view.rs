//! The screens reachable from the tab bar: the Overview, one list per tab
//! the dataset declares (1 to 64 of them), and the views across the whole
//! dossier. The bar's order and each view's slot in per-list state follow
//! from the number of tabs, so nothing is sized for a fixed count.

use super::keymap::Context;

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

impl View {
    /// The views across the whole dossier that list rows of their own,
    /// in bar order, which is also the order of their rows in the app.
    pub const EXTRA: [View; 4] = [View::Timeline, View::People, View::Sources, View::Figures];

    /// Every view of a dossier with `tabs` tabs, in tab-bar order.
    pub fn bar(tabs: usize) -> impl Iterator<Item = View> {
        [View::Overview, View::Reader]
            .into_iter()
            .chain((0..tabs).map(View::Tab))
            .chain(View::EXTRA)
    }

    /// Position in the bar of a dossier with `tabs` tabs.
    pub fn position(self, tabs: usize) -> usize {
        match self {
            View::Overview => 0,
            View::Reader => 1,
            View::Tab(i) => 2 + i,
            extra => 2 + tabs + View::EXTRA.iter().position(|v| *v == extra).unwrap_or(0),
        }
    }

    /// How many views the bar of a dossier with `tabs` tabs has.
    fn count(tabs: usize) -> usize {
        2 + tabs + View::EXTRA.len()
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

    /// Index into per-extra-view state (rows), `None` for other views.
    pub fn extra_slot(self) -> Option<usize> {
        View::EXTRA.iter().position(|v| *v == self)
    }

    /// Index into per-list state of a dossier with `tabs` tabs: the tabs
    /// first, then the extra views; `None` for the Overview.
    pub fn list_slot(self, tabs: usize) -> Option<usize> {
        match self {
            View::Overview | View::Reader => None,
            View::Tab(i) => Some(i),
            extra => extra.extra_slot().map(|s| tabs + s),
        }
    }

    /// How many slots of per-list state a dossier with `tabs` tabs has.
    pub fn lists(tabs: usize) -> usize {
        tabs + View::EXTRA.len()
    }

    /// Whether the view has a detail pane that can take the focus.
    pub fn has_detail(self) -> bool {
        !matches!(self, View::Overview | View::Reader | View::Figures)
    }

    /// The key that opens a view across the whole dossier; tabs are on the
    /// digits instead, so the two never collide.
    pub fn letter_key(self) -> Option<char> {
        match self {
            View::Overview => Some('O'),
            View::Reader => Some('r'),
            View::Timeline => Some('T'),
            View::People => Some('P'),
            View::Sources => Some('S'),
            View::Figures => Some('F'),
            View::Tab(_) => None,
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
        match self {
            View::Reader => Some(Context::Reader),
            View::Overview => Some(Context::Overview),
            View::Timeline => Some(Context::Timeline),
            View::People => Some(Context::People),
            View::Sources => Some(Context::Sources),
            View::Figures => Some(Context::Figures),
            View::Tab(_) => None,
        }
    }

    /// The full title of a view that is not a dataset tab.
    pub fn own_title(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Reader => "Reader",
            View::Timeline => "Timeline",
            View::People => "People & Orgs",
            View::Sources => "Sources",
            View::Figures => "Figures",
            View::Tab(_) => "",
        }
    }

    /// A one-word name for narrow tab bars.
    pub fn short_name(self) -> &'static str {
        match self {
            View::People => "People",
            v => v.own_title(),
        }
    }

    /// The shortest readable name, for the narrowest bars.
    pub fn abbreviation(self) -> &'static str {
        match self {
            View::Overview => "Over",
            View::Reader => "Read",
            View::Timeline => "Time",
            View::People => "Ppl",
            View::Sources => "Src",
            View::Figures => "Fig",
            View::Tab(_) => "",
        }
    }

    /// Stable name of a view across the whole dossier in the state file;
    /// a tab is saved by its dataset id instead.
    pub fn key(self) -> Option<&'static str> {
        match self {
            View::Overview => Some("overview"),
            View::Reader => Some("reader"),
            View::Timeline => Some("timeline"),
            View::People => Some("people"),
            View::Sources => Some("sources"),
            View::Figures => Some("figures"),
            View::Tab(_) => None,
        }
    }

    /// The view across the whole dossier named `key` in the state file.
    pub fn from_key(key: &str) -> Option<View> {
        [View::Overview, View::Reader]
            .into_iter()
            .chain(View::EXTRA)
            .find(|v| v.key() == Some(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_follows_the_number_of_tabs() {
        for tabs in [1, 4, 20, 64] {
            let bar: Vec<View> = View::bar(tabs).collect();
            assert_eq!(bar.len(), tabs + 6);
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
        for v in [View::Overview, View::Reader].into_iter().chain(View::EXTRA) {
            assert_eq!(View::from_key(v.key().unwrap()), Some(v));
        }
    }
}

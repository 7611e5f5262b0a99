//! The screens reachable from the tab bar.

/// One tab of the tab bar, in bar order. Content views list the events of
/// one dataset tab; the views after them cut across the whole dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Overview,
    Political,
    Economic,
    Security,
    Regional,
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
    /// Every view, in tab-bar order; index + 1 is its number key.
    pub const ALL: [View; 9] = [
        View::Overview,
        View::Political,
        View::Economic,
        View::Security,
        View::Regional,
        View::Timeline,
        View::People,
        View::Sources,
        View::Figures,
    ];

    /// The content views, in the order of [`View::content_slot`].
    pub const CONTENT: [View; 4] = [View::Political, View::Economic, View::Security, View::Regional];

    /// The views that list rows of their own (not a dataset tab's events),
    /// in the order of [`View::extra_slot`].
    pub const EXTRA: [View; 4] = [View::Timeline, View::People, View::Sources, View::Figures];

    /// Number of views with a list, content and extra: the size of
    /// per-list state.
    pub const LISTS: usize = 8;

    /// Position in the tab bar, from 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The view at tab-bar position `i`, if any.
    pub fn from_index(i: usize) -> Option<View> {
        View::ALL.get(i).copied()
    }

    /// The next view, wrapping around.
    pub fn next(self) -> View {
        View::ALL[(self.index() + 1) % View::ALL.len()]
    }

    /// The previous view, wrapping around.
    pub fn prev(self) -> View {
        View::ALL[(self.index() + View::ALL.len() - 1) % View::ALL.len()]
    }

    /// The dataset tab id whose events this view lists; `None` for views
    /// that are not a tab's event list.
    pub fn tab_id(self) -> Option<&'static str> {
        match self {
            View::Political => Some("political"),
            View::Economic => Some("economic"),
            View::Security => Some("security"),
            View::Regional => Some("regional"),
            _ => None,
        }
    }

    /// The content view listing dataset tab `id`.
    pub fn from_tab_id(id: &str) -> Option<View> {
        View::CONTENT.into_iter().find(|v| v.tab_id() == Some(id))
    }

    /// Index into per-content-view state, `None` for other views.
    pub fn content_slot(self) -> Option<usize> {
        View::CONTENT.iter().position(|v| *v == self)
    }

    /// Index into per-extra-view state (rows), `None` for other views.
    pub fn extra_slot(self) -> Option<usize> {
        View::EXTRA.iter().position(|v| *v == self)
    }

    /// Index into per-list state ([`View::LISTS`] slots): content views
    /// first, then extra views; `None` for the Overview.
    pub fn list_slot(self) -> Option<usize> {
        self.content_slot()
            .or_else(|| self.extra_slot().map(|s| s + View::CONTENT.len()))
    }

    /// Whether the view has a detail pane that can take the focus.
    pub fn has_detail(self) -> bool {
        !matches!(self, View::Overview | View::Figures)
    }

    /// A one-word name for narrow tab bars and search result rows.
    pub fn short_name(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Political => "Political",
            View::Economic => "Economic",
            View::Security => "Security",
            View::Regional => "Regional",
            View::Timeline => "Timeline",
            View::People => "People",
            View::Sources => "Sources",
            View::Figures => "Figures",
        }
    }

    /// The shortest readable name, for a tab bar of 80 columns.
    pub fn abbreviation(self) -> &'static str {
        match self {
            View::Political => "Pol",
            View::Economic => "Econ",
            View::Security => "Sec",
            View::Regional => "Reg",
            View::Timeline => "Time",
            v => v.short_name(),
        }
    }

    /// The full title of a view that is not a dataset tab.
    pub fn own_title(self) -> &'static str {
        match self {
            View::People => "People & Orgs",
            v => v.short_name(),
        }
    }

    /// One letter for the tab badge of an event (the timeline, bookmarks).
    pub fn letter(self) -> char {
        self.short_name().chars().next().unwrap_or('?')
    }

    /// Stable name in the state file.
    pub fn key(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Political => "political",
            View::Economic => "economic",
            View::Security => "security",
            View::Regional => "regional",
            View::Timeline => "timeline",
            View::People => "people",
            View::Sources => "sources",
            View::Figures => "figures",
        }
    }

    /// The view named `key` in the state file.
    pub fn from_key(key: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_wraps_both_ways() {
        assert_eq!(View::Figures.next(), View::Overview);
        assert_eq!(View::Overview.prev(), View::Figures);
        for v in View::ALL {
            assert_eq!(v.next().prev(), v);
            assert_eq!(View::from_index(v.index()), Some(v));
            assert_eq!(View::from_key(v.key()), Some(v));
        }
    }

    #[test]
    fn content_views_map_to_tab_ids() {
        for (slot, v) in View::CONTENT.into_iter().enumerate() {
            assert_eq!(v.content_slot(), Some(slot));
            assert_eq!(View::from_tab_id(v.tab_id().unwrap()), Some(v));
        }
        assert_eq!(View::Overview.content_slot(), None);
    }

    #[test]
    fn every_list_has_its_own_slot() {
        let slots: Vec<usize> = View::ALL.iter().filter_map(|v| v.list_slot()).collect();
        assert_eq!(slots, (0..View::LISTS).collect::<Vec<_>>());
        assert_eq!(View::Overview.list_slot(), None);
        let letters: Vec<char> = View::CONTENT.iter().map(|v| v.letter()).collect();
        assert_eq!(letters, ['P', 'E', 'S', 'R']);
    }
}

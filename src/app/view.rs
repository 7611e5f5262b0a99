//! The screens reachable from the tab bar.

/// One tab of the tab bar, in bar order. Content views list the events of
/// one dataset tab; later views (timeline, people, sources, figures) are
/// appended here and get the next number key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Overview,
    Political,
    Economic,
    Security,
    Regional,
}

impl View {
    /// Every view, in tab-bar order; index + 1 is its number key.
    pub const ALL: [View; 5] = [
        View::Overview,
        View::Political,
        View::Economic,
        View::Security,
        View::Regional,
    ];

    /// The content views, in the order of [`View::content_slot`].
    pub const CONTENT: [View; 4] = [View::Political, View::Economic, View::Security, View::Regional];

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
    /// that are not an event list.
    pub fn tab_id(self) -> Option<&'static str> {
        match self {
            View::Overview => None,
            View::Political => Some("political"),
            View::Economic => Some("economic"),
            View::Security => Some("security"),
            View::Regional => Some("regional"),
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

    /// A one-word name for narrow tab bars and search result rows.
    pub fn short_name(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Political => "Political",
            View::Economic => "Economic",
            View::Security => "Security",
            View::Regional => "Regional",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_wraps_both_ways() {
        assert_eq!(View::Regional.next(), View::Overview);
        assert_eq!(View::Overview.prev(), View::Regional);
        for v in View::ALL {
            assert_eq!(v.next().prev(), v);
            assert_eq!(View::from_index(v.index()), Some(v));
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
}

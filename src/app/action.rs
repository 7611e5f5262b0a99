//! What a key or click asks for, and what the terminal loop must do after.

use crate::views::View;

/// A user intent, independent of the key that produced it. Generic actions
/// (`Open`, `Back`, `Down`...) are interpreted by the focused context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    Suspend,
    /// Switch to this view.
    GoView(View),
    /// Placeholder in the key table for the digit keys; resolved to
    /// [`Action::GoView`] of that tab from the digit pressed.
    DigitTab,
    /// `0`/Ctrl-T: pick a tab by typing part of its name.
    PickTab,
    NextTab,
    PrevTab,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Enter: focus the detail, open a marker, accept a query or prompt.
    Open,
    /// Esc: close, cancel or step back one level.
    Back,
    StartSearch,
    NextHit,
    PrevHit,
    ToggleFootnotes,
    /// `:` — start typing a footnote number.
    StartPrompt,
    Help,
    NextMarker,
    PrevMarker,
    CopyUrl,
    OpenUrl,
    /// Delete the last character of the query or prompt.
    Backspace,
    /// Empty the query or prompt.
    ClearInput,
    /// A character typed into the query or prompt.
    Insert(char),
    /// Backspace/Alt-Left: the previous place in the history.
    HistoryBack,
    /// Alt-Right: the next place in the history.
    HistoryForward,
    /// `m`: bookmark the current event (asking for a note), or remove its
    /// bookmark.
    Bookmark,
    /// `e` in the bookmarks: edit the selected bookmark's note.
    EditNote,
    /// `y` on an event: copy it as Markdown, with its citations.
    CopyEvent,
    /// `Y` on an event: copy its citation alone.
    CopyCitation,
    /// `'`: the list of bookmarks.
    ListBookmarks,
    /// `s` in Sources: group by outlet, or back to footnote order.
    GroupSources,
    /// Remove the selected bookmark.
    Remove,
    /// `h`/←: the list pane takes the keys.
    FocusList,
    /// `l`/→: the detail pane takes the keys.
    FocusDetail,
    /// `M`: the log of status messages, in full.
    Messages,
}

/// Work the state functions cannot do themselves because it touches the
/// terminal or the system, or takes longer than a frame; the terminal loop
/// carries it out.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Restore the terminal, stop until continued (`fg`), then take the
    /// terminal again and redraw.
    Suspend,
    /// Write this text to the clipboard with OSC 52.
    CopyToClipboard(String),
    /// Open this http(s) URL with the system opener (no shell).
    OpenUrl(String),
    /// Write bookmarks and position to the state file now.
    Save,
    /// Run this search off the loop's thread and hand the answer to
    /// [`super::App::search_done`].
    Search(super::SearchJob),
}

//! The one key table. Key lookup, the `?` help overlay and the status-line
//! hints are all generated from [`BINDINGS`], so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::view::View;

/// A key with its modifiers, as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

impl Key {
    /// Whether a pressed key is this one. Shift is ignored for characters
    /// (it is already in the character: `G`, `?`) and for Shift-Tab, which
    /// terminals report as `BackTab` with or without the modifier.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mut mods = ev.modifiers;
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        self.code == ev.code && self.mods == mods
    }
}

/// Where a binding applies. Lookup tries the focused contexts in order, so
/// a [`Context::Detail`] binding for `Tab` wins over the
/// [`Context::Browse`] one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, before anything else.
    Always,
    /// Reading: any view, no popup, no query line.
    Browse,
    /// Reading with the detail pane focused.
    Detail,
    /// The Reader: the whole dossier as one document.
    Reader,
    /// The Overview.
    Overview,
    /// The Timeline view's list.
    Timeline,
    /// The People & Orgs view's list.
    People,
    /// The Sources view, list or detail.
    Sources,
    /// The Figures view's table.
    Figures,
    /// The `/` query line.
    Search,
    /// The `:` footnote-number prompt.
    Prompt,
    /// The tab picker: typing filters the tabs.
    Picker,
    /// The footnote popup.
    Footnote,
    /// The bookmarks popup.
    Bookmarks,
    /// The help overlay.
    Help,
    /// The message log.
    Messages,
}

impl Context {
    /// Section title in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Always => "Anywhere",
            Context::Browse => "Reading",
            Context::Detail => "Detail pane (after Enter)",
            Context::Reader => "Reader (r)",
            Context::Overview => "Overview (O)",
            Context::Timeline => "Timeline (T)",
            Context::People => "People & Orgs (P)",
            Context::Sources => "Sources (S)",
            Context::Figures => "Figures (F)",
            Context::Picker => "Tab picker (after 0 or Ctrl-T)",
            Context::Bookmarks => "Bookmarks (after ')",
            Context::Search => "Search (after /)",
            Context::Prompt => "Footnote number (after :), words to find (/ in the Reader)",
            Context::Footnote => "Footnote popup",
            Context::Help => "This help",
            Context::Messages => "Message log (after M)",
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    /// How the keys are written in help and hints.
    pub label: &'static str,
    pub action: Action,
    /// The help overlay's description.
    pub help: &'static str,
    /// Short status-line hint; `None` keeps the binding out of the hints.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        label,
        action,
        help,
        hint,
    }
}

use Context::{
    Always, Bookmarks, Browse, Detail, Figures, Footnote, Help, Messages, Overview, People, Picker, Prompt,
    Reader, Search, Sources, Timeline,
};

const DIGITS: &[Key] = &[
    ch('1'),
    ch('2'),
    ch('3'),
    ch('4'),
    ch('5'),
    ch('6'),
    ch('7'),
    ch('8'),
    ch('9'),
];

/// Every key binding of the program.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Always, &[ctrl('c')], "Ctrl-C", Action::Quit, "quit", None),
    bind(Always, &[ctrl('z')], "Ctrl-Z", Action::Suspend, "suspend to the shell (fg resumes)", None),
    bind(Browse, DIGITS, "1–9", Action::DigitTab, "switch to that tab of the dossier", None),
    bind(Browse, &[ch('0'), ctrl('t')], "0/Ctrl-T", Action::PickTab, "pick any tab by typing part of its name", Some("tabs")),
    bind(Browse, &[ch('O')], "O", Action::GoView(View::Overview), "the Overview", None),
    bind(Browse, &[ch('r')], "r", Action::GoView(View::Reader), "the Reader: the whole dossier as one document", None),
    bind(Browse, &[ch('T')], "T", Action::GoView(View::Timeline), "the Timeline of every event", None),
    bind(Browse, &[ch('P')], "P", Action::GoView(View::People), "People & Orgs", None),
    bind(Browse, &[ch('S')], "S", Action::GoView(View::Sources), "Sources", None),
    bind(Browse, &[ch('F')], "F", Action::GoView(View::Figures), "Figures", None),
    bind(Browse, &[code(KeyCode::Tab)], "Tab", Action::NextTab, "next tab", None),
    bind(Browse, &[code(KeyCode::BackTab)], "Shift-Tab", Action::PrevTab, "previous tab", None),
    bind(Browse, &[ch('j'), code(KeyCode::Down)], "j/↓", Action::Down, "move down (scroll in detail)", Some("move")),
    bind(Browse, &[ch('k'), code(KeyCode::Up)], "k/↑", Action::Up, "move up (scroll in detail)", None),
    bind(Browse, &[ch('h'), code(KeyCode::Left)], "h/←", Action::FocusList, "to the list pane", None),
    bind(Browse, &[ch('l'), code(KeyCode::Right)], "l/→", Action::FocusDetail, "to the detail pane", None),
    bind(Browse, &[code(KeyCode::PageDown), ch(' '), ctrl('f'), ctrl('d')], "PgDn/Space/Ctrl-F/D", Action::PageDown, "page down (Ctrl-D too)", None),
    bind(Browse, &[code(KeyCode::PageUp), ch('b'), ctrl('b'), ctrl('u')], "PgUp/b/Ctrl-B/U", Action::PageUp, "page up (Ctrl-U too)", None),
    bind(Browse, &[ch('g'), code(KeyCode::Home)], "g/Home", Action::Top, "first row / top", None),
    bind(Browse, &[ch('G'), code(KeyCode::End)], "G/End", Action::Bottom, "last row / bottom", None),
    bind(Browse, &[code(KeyCode::Enter)], "Enter", Action::Open, "read the selected event (focus detail)", Some("read")),
    bind(Browse, &[code(KeyCode::Esc)], "Esc", Action::Back, "back; clears the last search", None),
    bind(Browse, &[ch('/')], "/", Action::StartSearch, "search all tabs", Some("search")),
    bind(Browse, &[ch('n')], "n", Action::NextHit, "next result of the last search", None),
    bind(Browse, &[ch('N')], "N", Action::PrevHit, "previous result of the last search", None),
    bind(Browse, &[ch('f')], "f", Action::ToggleFootnotes, "show/hide full citations inline", Some("citations")),
    bind(Browse, &[ch(':')], ":N Enter", Action::StartPrompt, "open footnote N (:q Enter quits)", None),
    bind(Browse, &[ch('m')], "m", Action::Bookmark, "bookmark this event (again: unmark)", None),
    bind(Browse, &[ch('\'')], "'", Action::ListBookmarks, "list the bookmarks", None),
    bind(Browse, &[code(KeyCode::Backspace)], "Backspace", Action::HistoryBack, "back to where a link was followed from", None),
    bind(Browse, &[alt(KeyCode::Left)], "Alt-←", Action::HistoryBack, "back, like Backspace", None),
    bind(Browse, &[alt(KeyCode::Right)], "Alt-→", Action::HistoryForward, "forward again", None),
    bind(Browse, &[ch('M')], "M", Action::Messages, "the message log: every status message, whole", None),
    bind(Browse, &[ch('?')], "?", Action::Help, "this help", Some("help")),
    bind(Browse, &[ch('q')], "q", Action::Quit, "quit", Some("quit")),
    bind(Detail, &[code(KeyCode::Tab), ch(']')], "Tab/]", Action::NextMarker, "next link or footnote marker", Some("link")),
    bind(Detail, &[code(KeyCode::BackTab), ch('[')], "Shift-Tab/[", Action::PrevMarker, "previous link or footnote marker", None),
    bind(Detail, &[code(KeyCode::Enter)], "Enter", Action::Open, "follow the link, or open the footnote", Some("follow")),
    bind(Detail, &[code(KeyCode::Esc)], "Esc", Action::Back, "back to the list", Some("back")),
    bind(Overview, &[ch('y')], "y", Action::CopyUrl, "copy the original article's URL (OSC 52)", Some("copy URL")),
    bind(Overview, &[ch('o')], "o", Action::OpenUrl, "open the original article in the browser", Some("open URL")),
    bind(Reader, &[code(KeyCode::Tab), ch(']')], "Tab/]", Action::NextMarker, "next footnote marker", Some("marker")),
    bind(Reader, &[code(KeyCode::BackTab), ch('[')], "Shift-Tab/[", Action::PrevMarker, "previous footnote marker", None),
    bind(Reader, &[code(KeyCode::Enter)], "Enter", Action::Open, "open the selected footnote", Some("footnote")),
    bind(Reader, &[ch('/')], "/", Action::StartSearch, "find words in the text", Some("find")),
    bind(Reader, &[ch('n')], "n", Action::NextHit, "next paragraph with the words found", None),
    bind(Reader, &[ch('N')], "N", Action::PrevHit, "previous paragraph with the words found", None),
    bind(Reader, &[ch('0'), ctrl('t')], "0/Ctrl-T", Action::PickTab, "go to a section: type part of its name", Some("sections")),
    bind(Reader, &[ch('y')], "y", Action::CopyUrl, "copy the original article's URL (OSC 52)", None),
    bind(Reader, &[ch('o')], "o", Action::OpenUrl, "open the original article in the browser", None),
    bind(Reader, &[code(KeyCode::Esc)], "Esc", Action::Back, "clear what was found", None),
    bind(Timeline, &[code(KeyCode::Enter)], "Enter", Action::Open, "open the event in its tab", Some("open")),
    bind(People, &[code(KeyCode::Enter)], "Enter", Action::Open, "list the events that mention it", Some("events")),
    bind(Sources, &[code(KeyCode::Enter)], "Enter", Action::Open, "list the events that cite it", Some("events")),
    bind(Sources, &[ch('s')], "s", Action::GroupSources, "group by outlet / back to note order", Some("group")),
    bind(Sources, &[ch('y')], "y", Action::CopyUrl, "copy the URL (OSC 52)", None),
    bind(Sources, &[ch('o')], "o", Action::OpenUrl, "open the URL in the browser", None),
    bind(Figures, &[code(KeyCode::Enter)], "Enter", Action::Open, "open the figure's event in its tab", Some("open")),
    bind(Search, &[code(KeyCode::Enter)], "Enter", Action::Open, "open the result in its tab", Some("open")),
    bind(Search, &[code(KeyCode::Esc)], "Esc", Action::Back, "cancel, back to where you were", Some("cancel")),
    bind(Search, &[code(KeyCode::Down), ctrl('n')], "↓/Ctrl-N", Action::Down, "next result", Some("move")),
    bind(Search, &[code(KeyCode::Up), ctrl('p')], "↑/Ctrl-P", Action::Up, "previous result", None),
    bind(Search, &[code(KeyCode::PageDown)], "PgDn", Action::PageDown, "page down", None),
    bind(Search, &[code(KeyCode::PageUp)], "PgUp", Action::PageUp, "page up", None),
    bind(Search, &[code(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete a character", None),
    bind(Search, &[ctrl('u')], "Ctrl-U", Action::ClearInput, "clear the query", None),
    bind(Picker, &[code(KeyCode::Enter)], "Enter", Action::Open, "go to the chosen tab", Some("go")),
    bind(Picker, &[code(KeyCode::Esc)], "Esc", Action::Back, "cancel", Some("cancel")),
    bind(Picker, &[code(KeyCode::Down), ctrl('n')], "↓/Ctrl-N", Action::Down, "next tab", Some("move")),
    bind(Picker, &[code(KeyCode::Up), ctrl('p')], "↑/Ctrl-P", Action::Up, "previous tab", None),
    bind(Picker, &[code(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete a character", None),
    bind(Picker, &[ctrl('u')], "Ctrl-U", Action::ClearInput, "clear what was typed", None),
    bind(Prompt, &[code(KeyCode::Enter)], "Enter", Action::Open, "open that footnote", Some("open")),
    bind(Prompt, &[code(KeyCode::Esc)], "Esc", Action::Back, "cancel", Some("cancel")),
    bind(Prompt, &[code(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete a digit", None),
    bind(Footnote, &[ch('y')], "y", Action::CopyUrl, "copy the URL (OSC 52)", Some("copy URL")),
    bind(Footnote, &[ch('o')], "o", Action::OpenUrl, "open the URL in the browser", Some("open URL")),
    bind(Footnote, &[code(KeyCode::Enter)], "Enter", Action::Open, "show in Sources, with citing events", Some("in Sources")),
    bind(Footnote, &[ch(':')], ":N Enter", Action::StartPrompt, "open footnote N instead", None),
    bind(Footnote, &[ch('?')], "?", Action::Help, "this help", None),
    bind(Footnote, &[code(KeyCode::Esc), ch('q')], "Esc/q", Action::Back, "close", Some("close")),
    bind(Bookmarks, &[ch('j'), code(KeyCode::Down)], "j/↓", Action::Down, "next bookmark", Some("move")),
    bind(Bookmarks, &[ch('k'), code(KeyCode::Up)], "k/↑", Action::Up, "previous bookmark", None),
    bind(Bookmarks, &[code(KeyCode::Enter)], "Enter", Action::Open, "open the bookmarked event", Some("open")),
    bind(Bookmarks, &[ch('d'), code(KeyCode::Delete)], "d/Delete", Action::Remove, "remove the bookmark", Some("remove")),
    bind(Bookmarks, &[code(KeyCode::Esc), ch('q'), ch('\'')], "Esc/q/'", Action::Back, "close", Some("close")),
    bind(Help, &[ch('j'), code(KeyCode::Down)], "j/↓", Action::Down, "scroll down", Some("scroll")),
    bind(Help, &[ch('k'), code(KeyCode::Up)], "k/↑", Action::Up, "scroll up", None),
    bind(Help, &[code(KeyCode::PageDown), ch(' '), ctrl('f')], "PgDn/Space/Ctrl-F", Action::PageDown, "page down", None),
    bind(Help, &[code(KeyCode::PageUp), ch('b'), ctrl('b')], "PgUp/b/Ctrl-B", Action::PageUp, "page up", None),
    bind(Help, &[ch('g'), code(KeyCode::Home)], "g/Home", Action::Top, "top", None),
    bind(Help, &[ch('G'), code(KeyCode::End)], "G/End", Action::Bottom, "bottom", None),
    bind(Help, &[code(KeyCode::Esc), ch('q'), ch('?')], "Esc/q/?", Action::Back, "close", Some("close")),
    bind(Messages, &[ch('j'), code(KeyCode::Down)], "j/↓", Action::Down, "scroll down", Some("scroll")),
    bind(Messages, &[ch('k'), code(KeyCode::Up)], "k/↑", Action::Up, "scroll up", None),
    bind(Messages, &[ch('g'), code(KeyCode::Home)], "g/Home", Action::Top, "oldest", None),
    bind(Messages, &[ch('G'), code(KeyCode::End)], "G/End", Action::Bottom, "newest", None),
    bind(Messages, &[code(KeyCode::Esc), ch('q'), ch('M')], "Esc/q/M", Action::Back, "close", Some("close")),
];

/// The action bound to `ev` in the first of `contexts` that binds it.
pub fn lookup(contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .filter(|b| b.context == *ctx)
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| match (b.action, ev.code) {
                (Action::DigitTab, KeyCode::Char(c)) => {
                    Action::GoView(View::Tab(c.to_digit(10).unwrap_or(1) as usize - 1))
                }
                (action, _) => action,
            })
    })
}

/// Status-line hints `(keys, word)` for the given contexts, most specific
/// first; a key shadowed by an earlier context is left out.
pub fn hints(contexts: &[Context]) -> Vec<(&'static str, &'static str)> {
    hints_where(contexts, |_, _| true)
}

/// [`hints`] of the bindings for which `applies(context, action)` says
/// the key would do something now.
pub fn hints_where(
    contexts: &[Context],
    applies: impl Fn(Context, Action) -> bool,
) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for ctx in contexts {
        for b in BINDINGS.iter().filter(|b| b.context == *ctx) {
            let shadowed = contexts
                .iter()
                .take_while(|c| *c != ctx)
                .any(|c| BINDINGS.iter().any(|o| o.context == *c && o.keys[0] == b.keys[0]));
            if let (Some(word), false) = (b.hint, shadowed)
                && applies(b.context, b.action)
            {
                out.push((b.label, word));
            }
        }
    }
    out
}

/// One line of the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Entry {
        keys: &'static str,
        help: &'static str,
    },
    /// The explanation of an entry whose keys are too wide to share its line.
    Continuation(&'static str),
    Blank,
}

/// Keys wider than this put their explanation on the next line (long search
/// examples), so they do not push every other entry to the right.
pub const KEYS_MAX: usize = 16;

/// The help overlay's lines: each context's bindings under its title.
pub fn help_lines() -> Vec<HelpLine> {
    let order = [
        Browse, Detail, Overview, Reader, Timeline, People, Sources, Figures, Search, Picker, Prompt,
        Footnote, Bookmarks, Help, Messages, Always,
    ];
    let mut out = Vec::new();
    for ctx in order {
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(ctx.title()));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            out.push(HelpLine::Entry {
                keys: b.label,
                help: b.help,
            });
        }
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading("Mouse"));
    out.push(HelpLine::Entry {
        keys: "wheel",
        help: "scroll the pane under the pointer",
    });
    out.push(HelpLine::Entry {
        keys: "click",
        help: "select a tab, a row, a link or a footnote marker; open a bookmark",
    });
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading("Search syntax (after /)"));
    for (keys, help) in crate::search::SYNTAX {
        out.push(HelpLine::Entry { keys, help });
    }
    out
}

/// The help lines in `columns` columns (1 or 2), split between sections
/// so that the columns come out about even.
pub fn help_columns(columns: usize) -> Vec<Vec<HelpLine>> {
    let lines: Vec<HelpLine> = help_lines()
        .into_iter()
        .flat_map(|line| match line {
            HelpLine::Entry { keys, help } if keys.chars().count() > KEYS_MAX => {
                vec![HelpLine::Entry { keys, help: "" }, HelpLine::Continuation(help)]
            }
            line => vec![line],
        })
        .collect();
    if columns < 2 {
        return vec![lines];
    }
    let half = lines.len().div_ceil(2);
    let split = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| **l == HelpLine::Blank)
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(half))
        .unwrap_or(lines.len());
    let (left, right) = lines.split_at(split);
    // The right column starts at a heading, not at the blank line.
    vec![left.to_vec(), right.iter().skip(1).copied().collect()]
}

/// The help lines as a Markdown table, for the README (a test keeps the
/// README's copy identical).
pub fn markdown() -> String {
    let mut out = String::from("| keys | what they do |\n|---|---|\n");
    for line in help_lines() {
        match line {
            HelpLine::Heading(title) => out.push_str(&format!("| **{title}** | |\n")),
            HelpLine::Entry { keys, help } => {
                out.push_str(&format!("| `{}` | {help} |\n", keys.replace('|', "\\|")))
            }
            HelpLine::Continuation(_) | HelpLine::Blank => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_key_table_is_the_generated_one() {
        let readme = include_str!("../../README.md");
        let table = markdown();
        assert!(
            readme.contains(&table),
            "README.md's key table differs from the key map; replace it with:\n{table}"
        );
    }

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn detail_context_shadows_browse() {
        let tab = key(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(lookup(&[Detail, Browse], &tab), Some(Action::NextMarker));
        assert_eq!(lookup(&[Browse], &tab), Some(Action::NextTab));
    }

    #[test]
    fn shift_is_ignored_for_characters_and_backtab() {
        let g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Browse], &g), Some(Action::Bottom));
        let bt = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Browse], &bt), Some(Action::PrevTab));
        let ctrl_j = key(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[Browse], &ctrl_j), None);
    }

    #[test]
    fn alt_arrows_walk_the_history_and_backspace_goes_back() {
        let left = key(KeyCode::Left, KeyModifiers::ALT);
        assert_eq!(lookup(&[Browse], &left), Some(Action::HistoryBack));
        let right = key(KeyCode::Right, KeyModifiers::ALT);
        assert_eq!(lookup(&[Browse], &right), Some(Action::HistoryForward));
        let bs = key(KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(lookup(&[Browse], &bs), Some(Action::HistoryBack));
        assert_eq!(lookup(&[Search], &bs), Some(Action::Backspace));
        assert_eq!(
            lookup(&[Browse], &key(KeyCode::Left, KeyModifiers::NONE)),
            Some(Action::FocusList)
        );
    }

    #[test]
    fn digits_become_tab_positions() {
        let three = key(KeyCode::Char('3'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Browse], &three), Some(Action::GoView(View::Tab(2))));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    assert!(
                        !a.keys.iter().any(|k| b.keys.contains(k)),
                        "{} / {}",
                        a.label,
                        b.label
                    );
                }
            }
        }
    }

    #[test]
    fn hints_and_help_come_from_the_table() {
        let h = hints(&[Detail, Browse]);
        assert_eq!(h[0], ("Tab/]", "link"));
        assert!(h.contains(&("q", "quit")));
        // Enter in detail opens a footnote, so the list's "read" is shadowed.
        assert!(!h.contains(&("Enter", "read")));
        let help = help_lines();
        let entries = help
            .iter()
            .filter(|l| matches!(l, HelpLine::Entry { .. }))
            .count();
        // Every binding, the two mouse lines, and the search syntax.
        assert_eq!(entries, BINDINGS.len() + 2 + crate::search::SYNTAX.len());
    }
}

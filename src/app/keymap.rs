//! The one key table. Key lookup, the status-line hints, the `?` help
//! overlay ([`super::help`]) and the default configuration file are all
//! generated from [`table`], so they cannot disagree. A [`KeyMap`] is
//! the table with the user's configured keys in place of the defaults.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::views::View;

/// A key with its modifiers, as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub(crate) const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

pub(crate) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

pub(crate) const fn code(code: KeyCode) -> Key {
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
    /// A view's own keys (the Reader's, the Sources'...): see
    /// [`crate::views::Spec::keys`].
    View(View),
    /// The `/` query line.
    Search,
    /// The `:` footnote-number prompt.
    Prompt,
    /// A bookmark's note being typed.
    Note,
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
    /// Every context, in the help overlay's order: reading, the views'
    /// own keys in bar order, then the lines and popups.
    pub fn all() -> impl Iterator<Item = Context> {
        [Browse, Detail]
            .into_iter()
            .chain(View::own().filter_map(View::context))
            .chain([
                Search, Picker, Prompt, Note, Footnote, Bookmarks, Help, Messages, Always,
            ])
    }

    /// Its name in the configuration: the table `[keys.<id>]`.
    pub fn id(self) -> &'static str {
        match self {
            Context::Always => "anywhere",
            Context::Browse => "reading",
            Context::Detail => "detail",
            Context::View(v) => v.spec().id,
            Context::Picker => "tab_picker",
            Context::Bookmarks => "bookmarks",
            Context::Search => "search",
            Context::Prompt => "footnote_number",
            Context::Note => "bookmark_note",
            Context::Footnote => "footnote",
            Context::Help => "help",
            Context::Messages => "messages",
        }
    }

    /// Section title in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Always => "Anywhere",
            Context::Browse => "Reading",
            Context::Detail => "Detail pane (after Enter)",
            Context::View(v) => v.spec().section,
            Context::Picker => "Tab picker (after 0 or Ctrl-T)",
            Context::Bookmarks => "Bookmarks (after ')",
            Context::Search => "Search (after /)",
            Context::Prompt => "Footnote number (after :), words to find (/ in the Reader)",
            Context::Note => "Bookmark note (after m, or e in the bookmarks)",
            Context::Footnote => "Footnote popup",
            Context::Help => "This help",
            Context::Messages => "Message log (after M)",
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

pub(crate) const fn bind(
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

use Context::{Always, Bookmarks, Browse, Detail, Footnote, Help, Messages, Note, Picker, Prompt, Search};

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

/// The key table: [`COMMON`] with the key of each view after the tab
/// keys, and each view's own keys.
pub fn table() -> &'static [Binding] {
    static TABLE: std::sync::LazyLock<Vec<Binding>> = std::sync::LazyLock::new(|| {
        let views = || View::own().map(View::spec);
        let at = COMMON
            .iter()
            .position(|b| b.action == Action::PickTab)
            .map_or(0, |i| i + 1);
        let mut table = COMMON[..at].to_vec();
        table.extend(views().filter_map(|s| s.go));
        table.extend_from_slice(&COMMON[at..]);
        table.extend(views().flat_map(|s| s.keys.iter().copied()));
        table
    });
    &TABLE
}

/// The key bindings of every view.
#[rustfmt::skip]
static COMMON: &[Binding] = &[
    bind(Always, &[ctrl('c')], "Ctrl-C", Action::Quit, "quit", None),
    bind(Always, &[ctrl('z')], "Ctrl-Z", Action::Suspend, "suspend to the shell (fg resumes)", None),
    bind(Browse, DIGITS, "1–9", Action::DigitTab, "switch to that tab of the dossier", None),
    bind(Browse, &[ch('0'), ctrl('t')], "0/Ctrl-T", Action::PickTab, "pick any tab by typing part of its name", Some("tabs")),
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
    bind(Browse, &[ch('m')], "m", Action::Bookmark, "bookmark this event, with a note (again: unmark)", None),
    bind(Browse, &[ch('y')], "y", Action::CopyEvent, "copy the event as Markdown, with its sources (OSC 52)", None),
    bind(Browse, &[ch('Y')], "Y", Action::CopyCitation, "copy the event's source as a citation (OSC 52)", None),
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
    bind(Search, &[code(KeyCode::Enter)], "Enter", Action::Open, "open the result in its tab", Some("open")),
    bind(Search, &[code(KeyCode::Esc)], "Esc", Action::Back, "cancel, back to where you were", Some("cancel")),
    bind(Search, &[code(KeyCode::Down), ctrl('n')], "↓/Ctrl-N", Action::Down, "next result", Some("move")),
    bind(Search, &[code(KeyCode::Up), ctrl('p')], "↑/Ctrl-P", Action::Up, "previous result", None),
    bind(Search, &[code(KeyCode::PageDown)], "PgDn", Action::PageDown, "page down", None),
    bind(Search, &[code(KeyCode::PageUp)], "PgUp", Action::PageUp, "page up", None),
    bind(Search, &[code(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete a character", None),
    bind(Search, &[ctrl('u')], "Ctrl-U", Action::ClearInput, "clear the query", None),
    bind(Search, &[ctrl('y')], "Ctrl-Y", Action::CopyEvent, "copy the selected result as Markdown (OSC 52)", None),
    bind(Picker, &[code(KeyCode::Enter)], "Enter", Action::Open, "go to the chosen tab", Some("go")),
    bind(Picker, &[code(KeyCode::Esc)], "Esc", Action::Back, "cancel", Some("cancel")),
    bind(Picker, &[code(KeyCode::Down), ctrl('n')], "↓/Ctrl-N", Action::Down, "next tab", Some("move")),
    bind(Picker, &[code(KeyCode::Up), ctrl('p')], "↑/Ctrl-P", Action::Up, "previous tab", None),
    bind(Picker, &[code(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete a character", None),
    bind(Picker, &[ctrl('u')], "Ctrl-U", Action::ClearInput, "clear what was typed", None),
    bind(Prompt, &[code(KeyCode::Enter)], "Enter", Action::Open, "open that footnote", Some("open")),
    bind(Prompt, &[code(KeyCode::Esc)], "Esc", Action::Back, "cancel", Some("cancel")),
    bind(Prompt, &[code(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete a digit", None),
    bind(Note, &[code(KeyCode::Enter)], "Enter", Action::Open, "save the bookmark with this note (empty: none)", Some("save")),
    bind(Note, &[code(KeyCode::Esc)], "Esc", Action::Back, "cancel: no new bookmark, the note as it was", Some("cancel")),
    bind(Note, &[code(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete a character", None),
    bind(Note, &[ctrl('u')], "Ctrl-U", Action::ClearInput, "clear the note", None),
    bind(Footnote, &[ch('y')], "y", Action::CopyUrl, "copy the URL (OSC 52)", Some("copy URL")),
    bind(Footnote, &[ch('o')], "o", Action::OpenUrl, "open the URL in the browser", Some("open URL")),
    bind(Footnote, &[code(KeyCode::Enter)], "Enter", Action::Open, "show in Sources, with citing events", Some("in Sources")),
    bind(Footnote, &[ch(':')], ":N Enter", Action::StartPrompt, "open footnote N instead", None),
    bind(Footnote, &[ch('?')], "?", Action::Help, "this help", None),
    bind(Footnote, &[code(KeyCode::Esc), ch('q')], "Esc/q", Action::Back, "close", Some("close")),
    bind(Bookmarks, &[ch('j'), code(KeyCode::Down)], "j/↓", Action::Down, "next bookmark", Some("move")),
    bind(Bookmarks, &[ch('k'), code(KeyCode::Up)], "k/↑", Action::Up, "previous bookmark", None),
    bind(Bookmarks, &[code(KeyCode::Enter)], "Enter", Action::Open, "open the bookmarked event", Some("open")),
    bind(Bookmarks, &[ch('e')], "e", Action::EditNote, "edit the bookmark's note", Some("note")),
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

/// The configuration's name of an action: the key of its line in a
/// `[keys.<context>]` table.
pub fn action_id(action: Action) -> &'static str {
    match action {
        Action::Quit => "quit",
        Action::Suspend => "suspend",
        Action::GoView(View::Tab(_)) => "tab",
        Action::GoView(v) => v.spec().id,
        Action::DigitTab => "tabs_by_number",
        Action::PickTab => "pick_tab",
        Action::NextTab => "next_tab",
        Action::PrevTab => "previous_tab",
        Action::Down => "down",
        Action::Up => "up",
        Action::PageDown => "page_down",
        Action::PageUp => "page_up",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::Open => "open",
        Action::Back => "back",
        Action::StartSearch => "search",
        Action::NextHit => "next_result",
        Action::PrevHit => "previous_result",
        Action::ToggleFootnotes => "citations",
        Action::StartPrompt => "footnote_number",
        Action::Help => "help",
        Action::NextMarker => "next_link",
        Action::PrevMarker => "previous_link",
        Action::CopyUrl => "copy_url",
        Action::OpenUrl => "open_url",
        Action::Backspace => "delete_char",
        Action::ClearInput => "clear",
        Action::Insert(_) => "insert",
        Action::HistoryBack => "history_back",
        Action::HistoryForward => "history_forward",
        Action::Bookmark => "bookmark",
        Action::EditNote => "edit_note",
        Action::CopyEvent => "copy_event",
        Action::CopyCitation => "copy_citation",
        Action::ListBookmarks => "bookmarks",
        Action::GroupSources => "group_sources",
        Action::Remove => "remove",
        Action::FocusList => "focus_list",
        Action::FocusDetail => "focus_detail",
        Action::Messages => "messages",
    }
}

/// One row of the key table with the keys it has in a [`KeyMap`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bound {
    pub(super) binding: &'static Binding,
    pub(super) keys: Vec<Key>,
    /// The table's label, or the keys' labels once they are configured.
    pub(super) label: Cow<'static, str>,
}

/// The key table with the user's keys in place of the defaults: lookup,
/// hints and help all read it. One entry per row of [`table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    rows: Vec<Bound>,
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        KeyMap {
            rows: table()
                .iter()
                .map(|binding| Bound {
                    binding,
                    keys: binding.keys.to_vec(),
                    label: Cow::Borrowed(binding.label),
                })
                .collect(),
        }
    }
}

/// A key that a [`KeyMap`] binds to two actions that overlap: in one
/// context, or in [`Context::Always`] and another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clash {
    pub key: Key,
    /// Each action with its context, in table order.
    pub actions: [(Context, &'static str); 2],
}

impl KeyMap {
    /// Whether `context` has an action named `action` ([`action_id`]).
    pub fn has(&self, context: Context, action: &str) -> bool {
        self.rows
            .iter()
            .any(|r| r.binding.context == context && action_id(r.binding.action) == action)
    }

    /// Binds `keys` to the action named `action` in `context`, in place of
    /// all its keys (an action on two rows, like Backspace and Alt-←, keeps
    /// the first row for the new keys and hides the other). For
    /// `tabs_by_number` the n-th key opens the n-th tab.
    ///
    /// The default keys, as `config --print-default` writes them, leave
    /// the rows as they are, so the default file reads back to the default
    /// map, labels included.
    pub fn rebind(&mut self, context: Context, action: &str, keys: Vec<Key>) {
        let of_action = |b: &Binding| b.context == context && action_id(b.action) == action;
        let defaults: Vec<Key> = table()
            .iter()
            .filter(|b| of_action(b))
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        let label = keys.iter().map(Key::label).collect::<Vec<_>>().join("/");
        let is_default = keys == defaults;
        let mut keys = Some(keys);
        for row in self.rows.iter_mut().filter(|r| of_action(r.binding)) {
            (row.keys, row.label) = if is_default {
                (row.binding.keys.to_vec(), Cow::Borrowed(row.binding.label))
            } else {
                (keys.take().unwrap_or_default(), Cow::Owned(label.clone()))
            };
        }
    }

    /// Each action of the table once, by context in help order, with its
    /// keys and help: what `config --print-default` writes.
    pub fn actions(&self) -> Vec<(Context, &'static str, Vec<Key>, &'static str)> {
        let mut out: Vec<(Context, &'static str, Vec<Key>, &'static str)> = Vec::new();
        for ctx in Context::all() {
            for r in self.rows.iter().filter(|r| r.binding.context == ctx) {
                let id = action_id(r.binding.action);
                match out.iter_mut().find(|(c, a, _, _)| *c == ctx && *a == id) {
                    Some((_, _, keys, _)) => keys.extend(&r.keys),
                    None => out.push((ctx, id, r.keys.clone(), r.binding.help)),
                }
            }
        }
        out
    }

    /// The first key bound to two different actions of one context, or
    /// of [`Context::Always`] and another (which it would silently shadow).
    pub fn clash(&self) -> Option<Clash> {
        let overlap = |a: Context, b: Context| a == b || a == Always || b == Always;
        self.rows.iter().enumerate().find_map(|(i, a)| {
            self.rows[i + 1..].iter().find_map(|b| {
                let key = a.keys.iter().find(|k| b.keys.contains(k))?;
                (overlap(a.binding.context, b.binding.context) && a.binding.action != b.binding.action)
                    .then_some(Clash {
                        key: *key,
                        actions: [
                            (a.binding.context, action_id(a.binding.action)),
                            (b.binding.context, action_id(b.binding.action)),
                        ],
                    })
            })
        })
    }

    /// Each row of `context` that has keys, in table order.
    pub(super) fn rows_of(&self, context: Context) -> impl Iterator<Item = &Bound> {
        self.rows
            .iter()
            .filter(move |r| r.binding.context == context && !r.keys.is_empty())
    }

    /// The action bound to `ev` in the first of `contexts` that binds it.
    pub fn lookup(&self, contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
        contexts.iter().find_map(|ctx| {
            self.rows_of(*ctx).find_map(|r| {
                let position = r.keys.iter().position(|k| k.matches(ev))?;
                Some(match r.binding.action {
                    Action::DigitTab => Action::GoView(View::Tab(position)),
                    action => action,
                })
            })
        })
    }

    /// Status-line hints `(keys, word)` for the given contexts, most
    /// specific first; a key shadowed by an earlier context is left out.
    pub fn hints(&self, contexts: &[Context]) -> Vec<(&str, &'static str)> {
        self.hints_where(contexts, |_, _| true)
    }

    /// [`KeyMap::hints`] of the bindings for which `applies(context,
    /// action)` says the key would do something now.
    pub fn hints_where(
        &self,
        contexts: &[Context],
        applies: impl Fn(Context, Action) -> bool,
    ) -> Vec<(&str, &'static str)> {
        let mut out = Vec::new();
        for ctx in contexts {
            for r in self.rows_of(*ctx) {
                let shadowed = contexts
                    .iter()
                    .take_while(|c| *c != ctx)
                    .any(|c| self.rows_of(*c).any(|o| o.keys[0] == r.keys[0]));
                if let (Some(word), false) = (r.binding.hint, shadowed)
                    && applies(r.binding.context, r.binding.action)
                {
                    out.push((r.label.as_ref(), word));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::help::HelpLine;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn action_ids_name_one_action_per_context() {
        for (i, a) in table().iter().enumerate() {
            for b in &table()[i + 1..] {
                assert!(
                    a.context != b.context
                        || a.action == b.action
                        || action_id(a.action) != action_id(b.action),
                    "{} names two actions of {}",
                    action_id(a.action),
                    a.context.id()
                );
            }
        }
        for ctx in Context::all() {
            assert!(table().iter().any(|b| b.context == ctx), "{}", ctx.id());
        }
        for b in table() {
            assert!(Context::all().any(|c| c == b.context), "{}", b.context.id());
        }
        assert_eq!(KeyMap::default().clash(), None);
    }

    #[test]
    fn a_rebound_action_moves_to_its_new_keys() {
        let mut keys = KeyMap::default();
        let t = key(KeyCode::Char('t'), KeyModifiers::CONTROL);
        keys.rebind(Browse, "history_back", vec![Key::parse("ctrl-y").unwrap()]);
        keys.rebind(
            Browse,
            "tabs_by_number",
            vec![Key::parse("f1").unwrap(), Key::parse("f2").unwrap()],
        );
        let bs = key(KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(keys.lookup(&[Browse], &bs), None);
        assert_eq!(
            keys.lookup(&[Browse], &key(KeyCode::Left, KeyModifiers::ALT)),
            None
        );
        let ctrl_y = key(KeyCode::Char('y'), KeyModifiers::CONTROL);
        assert_eq!(keys.lookup(&[Browse], &ctrl_y), Some(Action::HistoryBack));
        let f2 = key(KeyCode::F(2), KeyModifiers::NONE);
        assert_eq!(keys.lookup(&[Browse], &f2), Some(Action::GoView(View::Tab(1))));
        assert_eq!(
            keys.lookup(&[Browse], &key(KeyCode::Char('2'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(keys.lookup(&[Browse], &t), Some(Action::PickTab));
        let help = keys.help_lines();
        assert!(help.contains(&HelpLine::Entry {
            keys: "Ctrl-Y",
            help: "back to where a link was followed from"
        }));
        assert!(
            !help
                .iter()
                .any(|l| matches!(l, HelpLine::Entry { keys: "Alt-←", .. }))
        );
        assert_eq!(keys.clash(), None);
        keys.rebind(Browse, "quit", vec![Key::parse("j").unwrap()]);
        let clash = keys.clash().unwrap();
        assert_eq!(clash.actions, [(Browse, "down"), (Browse, "quit")]);
        // Ctrl-C quits everywhere, so binding it in a context would be dead.
        let mut keys = KeyMap::default();
        keys.rebind(Search, "clear", vec![Key::parse("ctrl-c").unwrap()]);
        assert_eq!(
            keys.clash().map(|c| c.actions),
            Some([(Always, "quit"), (Search, "clear")])
        );
    }

    #[test]
    fn detail_context_shadows_browse() {
        let keys = KeyMap::default();
        let tab = key(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(keys.lookup(&[Detail, Browse], &tab), Some(Action::NextMarker));
        assert_eq!(keys.lookup(&[Browse], &tab), Some(Action::NextTab));
    }

    #[test]
    fn shift_is_ignored_for_characters_and_backtab() {
        let keys = KeyMap::default();
        let g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(keys.lookup(&[Browse], &g), Some(Action::Bottom));
        let bt = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(keys.lookup(&[Browse], &bt), Some(Action::PrevTab));
        let ctrl_j = key(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(keys.lookup(&[Browse], &ctrl_j), None);
    }

    #[test]
    fn alt_arrows_walk_the_history_and_backspace_goes_back() {
        let keys = KeyMap::default();
        let left = key(KeyCode::Left, KeyModifiers::ALT);
        assert_eq!(keys.lookup(&[Browse], &left), Some(Action::HistoryBack));
        let right = key(KeyCode::Right, KeyModifiers::ALT);
        assert_eq!(keys.lookup(&[Browse], &right), Some(Action::HistoryForward));
        let bs = key(KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(keys.lookup(&[Browse], &bs), Some(Action::HistoryBack));
        assert_eq!(keys.lookup(&[Search], &bs), Some(Action::Backspace));
        assert_eq!(
            keys.lookup(&[Browse], &key(KeyCode::Left, KeyModifiers::NONE)),
            Some(Action::FocusList)
        );
    }

    #[test]
    fn digits_become_tab_positions() {
        let keys = KeyMap::default();
        let three = key(KeyCode::Char('3'), KeyModifiers::NONE);
        assert_eq!(keys.lookup(&[Browse], &three), Some(Action::GoView(View::Tab(2))));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in table().iter().enumerate() {
            for b in &table()[i + 1..] {
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
        let keys = KeyMap::default();
        let h = keys.hints(&[Detail, Browse]);
        assert_eq!(h[0], ("Tab/]", "link"));
        assert!(h.contains(&("q", "quit")));
        // Enter in detail opens a footnote, so the list's "read" is shadowed.
        assert!(!h.contains(&("Enter", "read")));
        let help = keys.help_lines();
        let entries = help
            .iter()
            .filter(|l| matches!(l, HelpLine::Entry { .. }))
            .count();
        // Every binding, the two mouse lines, and the search syntax.
        assert_eq!(entries, table().len() + 2 + crate::search::SYNTAX.len());
    }
}

//! The popup stack (footnote, help) and the `:` footnote prompt.

use super::{Action, App, Effect, Mode, Popup, content};
use crate::safe_format;
use crate::sanitize::SafeText;

impl App {
    pub(super) fn popup_action(&mut self, action: Action) -> Option<Effect> {
        let help_max = self.help_max_scroll();
        match (self.popups.last_mut()?, action) {
            (_, Action::Back) => {
                self.popups.pop();
            }
            (Popup::Footnote(n), Action::CopyUrl | Action::OpenUrl) => {
                let n = *n;
                return self.url_effect(n, action == Action::OpenUrl);
            }
            (Popup::Footnote(n), Action::Open) => {
                let n = *n;
                self.popups.pop();
                self.show_source(n);
            }
            (Popup::Footnote(_), Action::StartPrompt) => self.mode = Mode::Prompt(String::new()),
            (Popup::Footnote(_), Action::Help) => self.popups.push(Popup::Help { scroll: 0 }),
            (
                Popup::Help { scroll } | Popup::Messages { scroll },
                Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom,
            ) => {
                *scroll = match action {
                    Action::Down => scroll.saturating_add(1),
                    Action::Up => scroll.saturating_sub(1),
                    Action::PageDown => scroll.saturating_add(10),
                    Action::PageUp => scroll.saturating_sub(10),
                    Action::Top => 0,
                    _ => help_max,
                }
                .min(help_max);
            }
            (Popup::Bookmarks { .. }, _) => return self.bookmarks_action(action),
            _ => {}
        }
        None
    }

    /// `y` (copy) or `o` (open) on footnote `n`'s URL.
    pub(crate) fn url_effect(&mut self, n: u32, open: bool) -> Option<Effect> {
        let url = self.lookup().url(n).map(str::to_owned);
        self.link_effect(
            url,
            safe_format!("[{n}]", n),
            safe_format!("footnote {n} has no URL", n),
            open,
        )
    }

    /// `y` (copy) or `o` (open) on the original article's URL.
    pub(crate) fn document_url_effect(&mut self, open: bool) -> Option<Effect> {
        let url = self.dataset.document.url.clone();
        let missing = SafeText::lit("the original article has no URL in this dataset");
        self.link_effect(url, SafeText::lit("the original article"), missing, open)
    }

    /// Copies or opens `url` (what `name` calls it), or says why not.
    fn link_effect(
        &mut self,
        url: Option<String>,
        name: SafeText<'static>,
        missing: SafeText<'static>,
        open: bool,
    ) -> Option<Effect> {
        match url {
            Some(url) if !open && crate::web::openable(&url) => {
                self.status = Some(safe_format!("copied the URL of {name} (OSC 52)", name));
                Some(Effect::CopyToClipboard(url))
            }
            Some(url) if open && crate::web::openable(&url) => {
                self.status = Some(safe_format!("opening {url}", url = SafeText::new(&url)));
                Some(Effect::OpenUrl(url))
            }
            Some(url) => {
                let url = SafeText::new(&url);
                let verb = SafeText::lit(if open { "opening" } else { "copying" });
                self.status = Some(safe_format!(
                    "not {verb} “{url}”: only http(s) URLs are opened or copied",
                    verb,
                    url
                ));
                None
            }
            None => {
                self.status = Some(missing);
                None
            }
        }
    }

    /// Says that `url` did not open and why, that `y` copies it (it does
    /// wherever `o` opens one), and the URL itself, last, so it can be
    /// read or selected (whole in the message log if the line cuts it).
    pub fn open_failed(&mut self, url: &str, why: &str) {
        let (url, why) = (SafeText::new(url), SafeText::new(why));
        self.say(safe_format!("could not open the URL ({why}); y copies it: {url}", url, why).into_owned());
    }

    /// Keeps the help overlay on top within its extent, after a resize.
    pub(super) fn clamp_help_scroll(&mut self) {
        let max = self.help_max_scroll();
        if let Some(Popup::Help { scroll } | Popup::Messages { scroll }) = self.popups.last_mut() {
            *scroll = (*scroll).min(max);
        }
    }

    /// How far the help overlay or message log on top can scroll at the
    /// current size.
    fn help_max_scroll(&self) -> usize {
        let layout = self.layout();
        let Some(top) = layout.popups.len().checked_sub(1) else {
            return 0;
        };
        let inner = layout.popup_inner(top);
        if let Some(Popup::Messages { .. }) = self.popups.last() {
            let rows = content::messages(&self.messages, usize::from(inner.width))
                .rows
                .len();
            return rows.saturating_sub(usize::from(inner.height));
        }
        let columns = self
            .keys
            .help_columns(super::layout::help_column_count(inner.width));
        let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
        rows.saturating_sub(usize::from(inner.height))
    }

    pub(super) fn prompt_action(&mut self, action: Action) -> Option<Effect> {
        let Mode::Prompt(input) = &mut self.mode else {
            return None;
        };
        match action {
            // `:q`, as in vi and less.
            Action::Insert('q') if input.is_empty() => input.push('q'),
            Action::Open if input == "q" => return Some(Effect::Quit),
            Action::Insert(c) if c.is_ascii_digit() && input.len() < 6 && input != "q" => input.push(c),
            Action::Backspace => {
                input.pop();
            }
            Action::Back => self.mode = Mode::Browse,
            Action::Open => {
                let typed = std::mem::take(input);
                self.mode = Mode::Browse;
                self.open_footnote(&typed);
            }
            _ => {}
        }
        None
    }

    /// Opens footnote `typed` in a popup, replacing a footnote popup on top.
    fn open_footnote(&mut self, typed: &str) {
        let number = typed.parse::<u32>().ok();
        let Some(n) = number.filter(|&n| self.lookup().footnote(n).is_some()) else {
            let range = match (self.dataset.footnotes.first(), self.dataset.footnotes.last()) {
                (Some(a), Some(b)) => safe_format!("footnotes run {a}–{b}", a = a.number, b = b.number),
                _ => SafeText::lit("this dossier has no footnotes"),
            };
            self.status = Some(safe_format!(
                "no footnote “{typed}”: {range}",
                typed = SafeText::new(typed),
                range
            ));
            return;
        };
        if matches!(self.popups.last(), Some(Popup::Footnote(_))) {
            self.popups.pop();
        }
        self.popups.push(Popup::Footnote(n));
    }
}

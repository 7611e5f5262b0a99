//! Keys written as text, as the configuration file writes them (`ctrl-t`,
//! `G`, `enter`, `esc`, `f1`, `alt-left`, `shift-tab`), and as the help
//! shows them (`Ctrl-T`, `Enter`, `Alt-←`).

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::keymap::Key;

/// Named keys: (configuration name, help label, code). The first name of
/// a code is the one written back.
const NAMED: &[(&str, &str, KeyCode)] = &[
    ("enter", "Enter", KeyCode::Enter),
    ("esc", "Esc", KeyCode::Esc),
    ("tab", "Tab", KeyCode::Tab),
    ("shift-tab", "Shift-Tab", KeyCode::BackTab),
    ("backtab", "Shift-Tab", KeyCode::BackTab),
    ("backspace", "Backspace", KeyCode::Backspace),
    ("delete", "Delete", KeyCode::Delete),
    ("del", "Delete", KeyCode::Delete),
    ("insert", "Insert", KeyCode::Insert),
    ("home", "Home", KeyCode::Home),
    ("end", "End", KeyCode::End),
    ("pagedown", "PgDn", KeyCode::PageDown),
    ("pgdn", "PgDn", KeyCode::PageDown),
    ("pageup", "PgUp", KeyCode::PageUp),
    ("pgup", "PgUp", KeyCode::PageUp),
    ("up", "↑", KeyCode::Up),
    ("down", "↓", KeyCode::Down),
    ("left", "←", KeyCode::Left),
    ("right", "→", KeyCode::Right),
    ("space", "Space", KeyCode::Char(' ')),
];

/// Modifier prefixes, in the order they are written.
const MODIFIERS: [(&str, &str, KeyModifiers); 2] = [
    ("ctrl-", "Ctrl-", KeyModifiers::CONTROL),
    ("alt-", "Alt-", KeyModifiers::ALT),
];

/// What a key may be written as, for error messages.
pub const EXPECTED: &str = "a key like \"q\", \"G\", \"ctrl-t\", \"alt-left\", \"enter\", \"esc\", \"tab\", \"shift-tab\", \"pgdn\", \"f1\" or \"space\"";

impl Key {
    /// Reads a key as the configuration writes it; `None` if it names no key.
    pub fn parse(spec: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = spec;
        // `-` alone, or after a modifier, is the minus key.
        'prefixes: while rest.len() > 1 {
            for (prefix, _, modifier) in MODIFIERS {
                if let Some(after) = strip_prefix_ignore_case(rest, prefix) {
                    mods |= modifier;
                    rest = after;
                    continue 'prefixes;
                }
            }
            break;
        }
        let code = named(rest)
            .or_else(|| function_key(rest))
            .or_else(|| single_char(rest, mods))?;
        Some(Key { code, mods })
    }

    /// The key as the configuration writes it; [`Key::parse`] reads it back.
    pub fn spec(&self) -> String {
        let name = match self.code {
            KeyCode::Char(c) if c != ' ' => c.to_string(),
            KeyCode::F(n) => format!("f{n}"),
            code => NAMED.iter().find(|(_, _, named)| *named == code).map_or_else(
                || format!("{code:?}").to_lowercase(),
                |(name, _, _)| (*name).to_string(),
            ),
        };
        self.prefixed(name, |(prefix, _, _)| prefix)
    }

    /// The key as the help shows it: `Ctrl-T`, `Enter`, `↓`, `G`.
    pub fn label(&self) -> String {
        let name = match self.code {
            // Ctrl-T as people write it; Alt keeps the case it is bound with.
            KeyCode::Char(c) if c != ' ' && self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_uppercase().to_string()
            }
            KeyCode::Char(c) if c != ' ' => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED
                .iter()
                .find(|(_, _, named)| *named == code)
                .map_or_else(|| format!("{code:?}"), |(_, label, _)| (*label).to_string()),
        };
        self.prefixed(name, |(_, label, _)| label)
    }

    /// `name` after this key's modifiers, each written by `word`.
    fn prefixed(
        &self,
        name: String,
        word: fn(&(&'static str, &'static str, KeyModifiers)) -> &'static str,
    ) -> String {
        let mut out: String = MODIFIERS
            .iter()
            .filter(|(_, _, m)| self.mods.contains(*m))
            .map(word)
            .collect();
        out.push_str(&name);
        out
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

fn named(name: &str) -> Option<KeyCode> {
    NAMED
        .iter()
        .find(|(spec, _, _)| spec.eq_ignore_ascii_case(name))
        .map(|(_, _, code)| *code)
}

/// `f1` to `f24`.
fn function_key(name: &str) -> Option<KeyCode> {
    let number: u8 = strip_prefix_ignore_case(name, "f")?.parse().ok()?;
    (1..=24).contains(&number).then_some(KeyCode::F(number))
}

/// One printable character. With Ctrl a letter is lowercase, as terminals
/// report it (Ctrl-T and Ctrl-t are one key); otherwise `G` is the
/// shifted key.
fn single_char(text: &str, mods: KeyModifiers) -> Option<KeyCode> {
    let mut chars = text.chars();
    let c = chars.next()?;
    if chars.next().is_some() || c.is_control() || crate::sanitize::is_unsafe(c) || c.is_whitespace() {
        return None;
    }
    let ctrl = mods.contains(KeyModifiers::CONTROL);
    Some(KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::table;

    #[test]
    fn every_key_of_the_table_reads_back() {
        for key in table().iter().flat_map(|b| b.keys) {
            assert_eq!(Key::parse(&key.spec()), Some(*key), "{}", key.spec());
        }
    }

    #[test]
    fn specs_and_labels() {
        let ctrl_t = Key::parse("ctrl-t").unwrap();
        assert_eq!(
            (ctrl_t.code, ctrl_t.mods),
            (KeyCode::Char('t'), KeyModifiers::CONTROL)
        );
        assert_eq!(Key::parse("Ctrl-T"), Some(ctrl_t));
        assert_eq!(ctrl_t.label(), "Ctrl-T");
        assert_eq!(Key::parse("G").unwrap().code, KeyCode::Char('G'));
        assert_eq!(Key::parse("F1").unwrap().code, KeyCode::F(1));
        assert_eq!(Key::parse("-").unwrap().code, KeyCode::Char('-'));
        assert_eq!(Key::parse("alt--").unwrap().spec(), "alt--");
        assert_eq!(Key::parse("alt-G").unwrap().label(), "Alt-G");
        assert_ne!(Key::parse("alt-G"), Key::parse("alt-g"));
        assert_eq!(Key::parse("alt-left").unwrap().label(), "Alt-←");
        assert_eq!(Key::parse("space").unwrap().spec(), "space");
        assert_eq!(Key::parse("shift-tab").unwrap().label(), "Shift-Tab");
        for bad in ["", "ctrl-", "enterr", "f0", "f25", "ab", "\u{1b}", "hyper-x", " "] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
    }
}

//! Making untrusted dataset text safe to put on a terminal.
//!
//! Dataset strings may carry escape sequences (CSI, OSC 52 clipboard writes,
//! OSC 8 links), bells or bidirectional overrides that would rewrite the
//! screen or reorder what the reader sees. Every such character is shown as
//! a visible `\u{..}` escape instead, so nothing is hidden and nothing runs.

use std::borrow::Cow;

/// Whether `c` must never reach a terminal raw.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` with every unsafe character replaced by its visible escape.
/// Newlines are kept only when `keep_newlines` is set (multi-line prose).
pub fn clean_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` made safe for a single terminal line.
pub fn clean(text: &str) -> Cow<'_, str> {
    clean_with(text, false)
}

/// Characters of someone's own input (a query, an id, an argument)
/// echoed in an error before it is cut: enough to recognise it, where a
/// 100,000-character query once made a 112 KB line.
pub const ECHO_CHARS: usize = 200;

/// `input` as an error message echoes it: cut after [`ECHO_CHARS`]
/// characters with `…`, and made terminal-safe.
pub fn echo(input: &str) -> Cow<'_, str> {
    match input.char_indices().nth(ECHO_CHARS) {
        None => clean(input),
        Some((at, _)) => Cow::Owned(format!("{}…", clean(&input[..at]))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(clean("Erdoğan, TİKA — Астана"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_become_visible() {
        assert_eq!(
            clean("a\u{1b}]52;c;SGVsbG8=\u{7}b"),
            "a\\u{1b}]52;c;SGVsbG8=\\u{7}b"
        );
        assert_eq!(clean("x\u{9b}2Jy"), "x\\u{9b}2Jy");
        assert_eq!(clean("\u{202E}evil"), "\\u{202e}evil");
        assert_eq!(clean("tab\there"), "tab\\u{9}here");
    }

    #[test]
    fn echoes_are_cut_and_escaped() {
        assert_eq!(echo("erdgoan"), "erdgoan");
        assert_eq!(echo("a\u{1b}[2J\u{202e}b"), r"a\u{1b}[2J\u{202e}b");
        let long = "ğ".repeat(100_000);
        assert_eq!(echo(&long), format!("{}…", "ğ".repeat(ECHO_CHARS)));
    }

    #[test]
    fn newlines_kept_only_on_request() {
        assert_eq!(clean_with("a\nb", true), "a\nb");
        assert_eq!(clean("a\nb"), "a\\u{a}b");
    }
}

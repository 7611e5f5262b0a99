//! An event's searchable text, and the token-level matching rules that the
//! index and highlighting share.
//!
//! Text is folded and split on whitespace into tokens. A query word matches
//! inside ONE token (its chars in order), so a word is never assembled from
//! letters scattered across a summary or from the initials of several words.
//! Scoring happens per distinct token, which is what makes the index fast:
//! a dataset of a million events has far fewer distinct tokens.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::format;
use crate::lookup::Lookup;
use crate::model::{Entity, Event};

/// The parts of an event's text, in storage order. `Names` is actors
/// followed by places.
pub(super) const SLOTS: usize = 5;
pub(super) const SLOT_TITLE: usize = 0;
pub(super) const SLOT_ACTORS: usize = 1;
pub(super) const SLOT_PLACES: usize = 2;
pub(super) const SLOT_SUMMARY: usize = 3;
pub(super) const SLOT_OTHER: usize = 4;

/// Fuzzy-score bonus when the word occurs whole, or as the start of a word.
pub(super) const WHOLE_WORD_BONUS: i64 = 40;
pub(super) const PREFIX_BONUS: i64 = 20;
/// Score of a literal (exact, prefix, suffix) match, per char.
pub(super) const EXACT_PER_CHAR: i64 = 24;

/// An entity's name and aliases, one per line.
pub(super) fn entity_names(entity: &Entity) -> String {
    let mut out = String::new();
    for name in std::iter::once(&entity.name).chain(&entity.aliases) {
        out.push_str(name);
        out.push('\n');
    }
    out
}

/// Quotes and their speakers, figures, and the date in several spellings.
pub(super) fn other(lookup: Lookup<'_>, event: &Event) -> String {
    let mut parts: Vec<String> = Vec::new();
    for quote in &event.quotes {
        parts.push(quote.text.clone());
        parts.extend(lookup.entity(&quote.speaker).map(|s| s.name.clone()));
    }
    for figure in &event.figures {
        parts.push(format::figure(figure));
        parts.push(figure.measure.clone());
    }
    parts.extend(event.date.clone());
    parts.extend(event.end.clone());
    if let Some(span) = event.span() {
        parts.push(span.long());
        parts.push(span.short());
    }
    parts.join("\n")
}

/// Whitespace-separated tokens with the char index where each starts.
pub(super) fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = 0;
    let mut start: Option<(usize, usize)> = None;
    let mut iter = text.char_indices().chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (byte, c) in iter.by_ref() {
            let index = chars;
            chars += 1;
            match (c.is_whitespace(), start) {
                (false, None) => start = Some((byte, index)),
                (true, Some((from, at))) => {
                    start = None;
                    return Some((at, &text[from..byte]));
                }
                _ => {}
            }
        }
        None
    })
}

/// Where a literal must sit relative to word boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Anywhere,
    WordStart,
    WordEnd,
    WholeWord,
}

/// Whether the byte range `start..end` of `hay` sits as `anchor` requires.
fn anchored(hay: &str, start: usize, end: usize, anchor: Anchor) -> bool {
    let starts = || {
        !hay[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let ends = || !hay[end..].chars().next().is_some_and(char::is_alphanumeric);
    match anchor {
        Anchor::Anywhere => true,
        Anchor::WordStart => starts(),
        Anchor::WordEnd => ends(),
        Anchor::WholeWord => starts() && ends(),
    }
}

/// Byte offsets where `needle` occurs in `hay` as `anchor` requires.
pub(super) fn occurrences<'a>(
    hay: &'a str,
    needle: &'a str,
    anchor: Anchor,
) -> impl Iterator<Item = usize> + 'a {
    hay.match_indices(needle)
        .map(|(s, _)| s)
        .filter(move |&s| !needle.is_empty() && anchored(hay, s, s + needle.len(), anchor))
}

/// Char positions covered by the occurrences of `needle` in `hay`.
pub(super) fn occurrence_chars(hay: &str, needle: &str, anchor: Anchor) -> Vec<usize> {
    let len = needle.chars().count();
    occurrences(hay, needle, anchor)
        .flat_map(|byte| {
            let first = hay[..byte].chars().count();
            first..first + len
        })
        .collect()
}

/// Whether `needle`'s chars occur in `hay` in order: a cheap test that
/// rejects most tokens before the fuzzy matcher runs.
fn is_subsequence(needle: &str, hay: &str) -> bool {
    if needle.is_ascii() {
        let mut hay = hay.bytes();
        return needle.bytes().all(|n| hay.any(|h| h == n));
    }
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// Score of a fuzzy `word` within one token: the fuzzy-matcher score plus a
/// bonus for a whole-word or word-prefix occurrence; `None` if the word's
/// chars are not in the token in order.
pub(super) fn fuzzy_token_score(matcher: &SkimMatcherV2, word: &str, token: &str) -> Option<i64> {
    if word.is_empty() || !is_subsequence(word, token) {
        return None;
    }
    let raw = matcher.fuzzy_match(token, word)?;
    let bonus = if occurrences(token, word, Anchor::WholeWord).next().is_some() {
        WHOLE_WORD_BONUS
    } else if occurrences(token, word, Anchor::WordStart).next().is_some() {
        PREFIX_BONUS
    } else {
        0
    };
    Some(raw + bonus)
}

/// Char positions of a fuzzy `word` within one token, if it matches (the
/// matcher finds indices exactly where it finds a score).
pub(super) fn fuzzy_token_positions(matcher: &SkimMatcherV2, word: &str, token: &str) -> Vec<usize> {
    if word.is_empty() || !is_subsequence(word, token) {
        return Vec::new();
    }
    matcher
        .fuzzy_indices(token, word)
        .map(|(_, idx)| idx)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_char_offsets() {
        let toks: Vec<_> = tokens("  erdoğan's  visit\n· 2017 ").collect();
        assert_eq!(
            toks,
            vec![(2, "erdoğan's"), (13, "visit"), (19, "·"), (21, "2017")]
        );
        assert_eq!(tokens("").count(), 0);
    }

    #[test]
    fn fuzzy_words_stay_inside_one_token() {
        let m = SkimMatcherV2::default();
        assert!(fuzzy_token_score(&m, "erdgn", "erdogan's").is_some());
        assert!(fuzzy_token_score(&m, "tika", "starts").is_none());
        let whole = fuzzy_token_score(&m, "tika", "(tika)").unwrap();
        let inside = fuzzy_token_score(&m, "tika", "politikas").unwrap();
        assert!(whole > inside, "{whole} > {inside}");
    }
}

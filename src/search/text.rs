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

/// Quotes and their speakers, figures, and the date in several spellings,
/// each on a line of its own. Written straight into one string: every
/// event's is built once per index, and copying each part first cost as
/// much as tokenizing it.
pub(super) fn other(lookup: Lookup<'_>, event: &Event) -> String {
    let mut out = String::new();
    let mut line = |part: &str| {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(part);
    };
    for quote in &event.quotes {
        line(&quote.text);
        if let Some(speaker) = lookup.entity(&quote.speaker) {
            line(&speaker.name);
        }
    }
    for figure in &event.figures {
        line(&format::figure(figure));
        line(&figure.measure);
    }
    event.date.iter().chain(&event.end).for_each(|d| line(d));
    if let Some(span) = event.span() {
        line(&span.long());
        line(&span.short());
    }
    out
}

/// Whitespace-separated tokens with the char index where each starts.
pub(super) fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    runs(text, |c| !c.is_whitespace())
}

/// The tokens of [`tokens`] without their places: what the index keeps.
/// The standard library's split is several times faster than counting
/// chars, which tokenizing a million events spends seconds on; the
/// reference search keeps [`tokens`], so the property tests hold the two
/// to the same tokens.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
}

/// The longest runs of chars that `inside` accepts, with the char index
/// where each starts. `inside` must refuse a space.
fn runs(text: &str, inside: impl Fn(char) -> bool) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = 0;
    let mut start: Option<(usize, usize)> = None;
    let mut iter = text.char_indices().chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (byte, c) in iter.by_ref() {
            let index = chars;
            chars += 1;
            match (inside(c), start) {
                (true, None) => start = Some((byte, index)),
                (false, Some((from, at))) => {
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

/// The longest query word that is held to [`Strictness::Word`] when the
/// dataset has it whole, and the longest all-capitals word read as an
/// acronym: short words are the ones whose letters turn up scattered
/// through long names ("feto" in "federation", "tika" in
/// "baku-tbilisi-kars").
pub const SHORT_WORD: usize = 6;

/// A strict word's match inside a token rather than at a word start
/// ("tika" in "politika") scores this fraction of its fuzzy score: kept,
/// but below every word-start match.
const INSIDE_DIVISOR: i64 = 4;

/// How a query word may match a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Its letters in order anywhere in the token (fuzzy-matcher).
    Fuzzy,
    /// A short word the dataset has whole (an alias, an acronym written
    /// in lower case: "tika", "sco") or as a hyphenated name's initials
    /// ("btk"): at a word start, as initials, or inside the token ranked
    /// far below; never as letters scattered through it.
    Word,
    /// A short word typed in capitals ("FETO", "SCO"): whole, as
    /// initials, or (ranked far below) starting a longer word; never
    /// inside one.
    Acronym,
}

impl Strictness {
    /// The name `--explain` gives a match of this strictness.
    pub fn how(self) -> &'static str {
        match self {
            Strictness::Fuzzy => "fuzzy",
            Strictness::Word => "word",
            Strictness::Acronym => "acronym",
        }
    }
}

/// The strictness of a folded query word: `acronym` when typed in
/// capitals; else [`Strictness::Word`] for a short word that `known` says
/// the dataset has as a whole word or as initials.
pub(super) fn strictness(word: &str, acronym: bool, known: impl FnOnce(&str) -> bool) -> Strictness {
    if acronym {
        Strictness::Acronym
    } else if word.chars().count() <= SHORT_WORD && known(word) {
        Strictness::Word
    } else {
        Strictness::Fuzzy
    }
}

/// The alphanumeric parts of a token ("baku", "tbilisi", "kars" of
/// "baku-tbilisi-kars"), each with the char index where it starts.
fn parts(token: &str) -> impl Iterator<Item = (usize, &str)> {
    runs(token, char::is_alphanumeric)
}

/// The initials of every run of 2 to [`SHORT_WORD`] consecutive parts of
/// a token of several parts ("bt", "btk", "tk" of "baku-tbilisi-kars"):
/// what a strict word may stand for.
pub(super) fn initials(token: &str, mut each: impl FnMut(&str)) {
    // Most tokens are one part: they cost no allocation.
    if parts(token).nth(1).is_none() {
        return;
    }
    let firsts: Vec<char> = parts(token).filter_map(|(_, p)| p.chars().next()).collect();
    let mut run = String::new();
    for from in 0..firsts.len() - 1 {
        run.clear();
        for &c in firsts[from..].iter().take(SHORT_WORD) {
            run.push(c);
            if run.chars().count() >= 2 {
                each(&run);
            }
        }
    }
}

/// Char positions of the first chars of consecutive parts of `token`
/// whose initials spell `word`, if some do.
fn initials_at(token: &str, word: &str) -> Option<Vec<usize>> {
    let want: Vec<char> = word.chars().collect();
    if want.len() < 2 || want.len() > SHORT_WORD {
        return None;
    }
    let firsts: Vec<(usize, char)> = parts(token)
        .filter_map(|(at, p)| p.chars().next().map(|c| (at, c)))
        .collect();
    firsts
        .windows(want.len())
        .find(|run| run.iter().map(|(_, c)| *c).eq(want.iter().copied()))
        .map(|run| run.iter().map(|(at, _)| *at).collect())
}

/// How a strict word sits in a token, best first.
enum Place {
    /// Starting a word at this byte offset; whole (the word ends there
    /// too) when the flag is set.
    WordStart(usize, bool),
    Initials(Vec<usize>),
    /// Inside a word, at this byte offset.
    Inside(usize),
}

/// Where a strict `word` matches `token`, the best place first: whole
/// word, initials, word prefix, inside a word.
fn strict_place(word: &str, token: &str, strictness: Strictness) -> Option<Place> {
    // Every place has the word's chars in order: this byte scan turns
    // most tokens away, as it does for fuzzy words.
    if word.is_empty() || !is_subsequence(word, token) {
        return None;
    }
    if let Some(at) = occurrences(token, word, Anchor::WholeWord).next() {
        return Some(Place::WordStart(at, true));
    }
    // Initials need two parts, so a separator between them.
    if !token.chars().all(char::is_alphanumeric)
        && let Some(at) = initials_at(token, word)
    {
        return Some(Place::Initials(at));
    }
    if let Some(at) = occurrences(token, word, Anchor::WordStart).next() {
        return Some(Place::WordStart(at, false));
    }
    match strictness {
        Strictness::Word => token.find(word).map(Place::Inside),
        _ => None,
    }
}

/// Score of a query `word` of the given strictness within one token.
/// [`Strictness::Fuzzy`] is [`fuzzy_token_score`]; a strict word scores
/// as fuzzy where it stands whole or starts a word (so those rank as they
/// always have), a prefix bonus as initials, and a fraction where it sits
/// inside a word (or, for an acronym, only starts one).
pub(super) fn word_token_score(
    matcher: &SkimMatcherV2,
    word: &str,
    strictness: Strictness,
    token: &str,
) -> Option<i64> {
    let fuzzy = || fuzzy_token_score(matcher, word, token);
    if strictness == Strictness::Fuzzy {
        return fuzzy();
    }
    Some(match strict_place(word, token, strictness)? {
        Place::WordStart(_, true) => fuzzy()?,
        Place::WordStart(_, false) if strictness == Strictness::Word => fuzzy()?,
        Place::WordStart(_, false) | Place::Inside(_) => fuzzy()? / INSIDE_DIVISOR,
        Place::Initials(_) => fuzzy()? + PREFIX_BONUS,
    })
}

/// Char positions of `word` of the given strictness within one token,
/// empty exactly where [`word_token_score`] finds no match.
pub(super) fn word_token_positions(
    matcher: &SkimMatcherV2,
    word: &str,
    strictness: Strictness,
    token: &str,
) -> Vec<usize> {
    if strictness == Strictness::Fuzzy {
        return fuzzy_token_positions(matcher, word, token);
    }
    if word_token_score(matcher, word, strictness, token).is_none() {
        return Vec::new();
    }
    let run = |byte: usize| {
        let first = token[..byte].chars().count();
        (first..first + word.chars().count()).collect()
    };
    match strict_place(word, token, strictness) {
        Some(Place::WordStart(at, _) | Place::Inside(at)) => run(at),
        Some(Place::Initials(at)) => at,
        None => Vec::new(),
    }
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
    fn words_are_the_tokens_without_their_places() {
        for text in [
            "",
            "   ",
            "erdoğan's  visit\n· 2017 ",
            "tab\tand\r\nbreaks",
            "no\u{a0}break\u{2003}em\u{3000}ideographic\u{85}next",
            "\u{200b}zero-width is not a space",
        ] {
            let tokens: Vec<&str> = tokens(text).map(|(_, t)| t).collect();
            assert_eq!(words(text).collect::<Vec<_>>(), tokens, "{text:?}");
        }
    }

    #[test]
    fn strict_words_match_words_and_initials_not_scattered_letters() {
        let m = SkimMatcherV2::default();
        let score = |word, strictness, token| word_token_score(&m, word, strictness, token);
        for strictness in [Strictness::Word, Strictness::Acronym] {
            assert!(score("feto", strictness, "federation").is_none());
            assert!(score("tika", strictness, "baku-tbilisi-kars").is_none());
            assert!(score("sco", strictness, "sectors").is_none());
            assert!(score("btk", strictness, "baku-tbilisi-kars").is_some());
            assert!(score("tika", strictness, "(tika)").is_some());
        }
        // The fuzzy reading finds them all.
        assert!(score("feto", Strictness::Fuzzy, "federation").is_some());
        // Inside a word: a lower-case word, far below; an acronym, never.
        let whole = score("sco", Strictness::Word, "sco").unwrap();
        let inside = score("sco", Strictness::Word, "moscow").unwrap();
        assert!(inside * 2 < whole, "{inside} vs {whole}");
        assert!(score("sco", Strictness::Acronym, "moscow").is_none());
        // Starting a longer word: as always for a word, far below for an
        // acronym.
        let word = score("sco", Strictness::Word, "scope").unwrap();
        let acronym = score("sco", Strictness::Acronym, "scope").unwrap();
        assert_eq!(Some(word), fuzzy_token_score(&m, "sco", "scope"));
        assert!(acronym * 2 < word);
        // Positions: where the score comes from, nothing where none.
        let at = |word, strictness, token| word_token_positions(&m, word, strictness, token);
        assert_eq!(at("btk", Strictness::Acronym, "baku-tbilisi-kars"), [0, 5, 13]);
        assert_eq!(at("sco", Strictness::Word, "moscow"), [2, 3, 4]);
        assert!(at("feto", Strictness::Word, "federation").is_empty());
    }

    #[test]
    fn initials_are_runs_of_part_starts() {
        let mut seen = Vec::new();
        initials("baku-tbilisi-kars", |run| seen.push(run.to_string()));
        assert_eq!(seen, ["bt", "btk", "tk"]);
        initials("erdogan's", |run| seen.push(run.to_string()));
        assert_eq!(seen.len(), 4, "erdogan's initials are \"es\": {seen:?}");
        initials("astana", |run| seen.push(run.to_string()));
        assert_eq!(seen.len(), 4, "one part, no initials");
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

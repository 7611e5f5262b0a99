//! A query compiled against the vocabulary: every token scored once per
//! word, so that matching an event is a walk over its token ids.

use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::corpus::{Corpus, ESCAPE, kind_bit};
use super::postings::Marks;
use super::query::{Atom, DateRange, Filter, Query};
use super::text::{Anchor, EXACT_PER_CHAR, Strictness, occurrences, strictness, word_token_score};
use super::typo::Vocabulary;
use crate::date::{Day, Precision};

/// Per-token base score of one word; `NO_MATCH` where the token does not
/// match. Scores fit `i32` comfortably (a few thousand at most).
#[derive(Debug)]
pub(super) struct TokenScores {
    by_id: Vec<i32>,
    /// The same by stored 16-bit id, `NO_MATCH` at [`ESCAPE`] (escaped
    /// tokens are looked up by id): a table of every `u16` needs no bounds
    /// check in the scan.
    short: Box<[i32; 1 << 16]>,
}

impl TokenScores {
    fn new(by_id: Vec<i32>) -> TokenScores {
        let mut short: Box<[i32; 1 << 16]> = vec![NO_MATCH; 1 << 16]
            .into_boxed_slice()
            .try_into()
            .expect("a slice of 1 << 16 scores");
        let fits = by_id.len().min(usize::from(ESCAPE));
        short[..fits].copy_from_slice(&by_id[..fits]);
        TokenScores { by_id, short }
    }

    /// Score of token `id`.
    pub fn id(&self, id: u32) -> i32 {
        self.by_id[id as usize]
    }

    /// The ids of the tokens that match.
    pub fn matching(&self) -> impl Iterator<Item = u32> + '_ {
        (0u32..)
            .zip(&self.by_id)
            .filter(|(_, s)| **s != NO_MATCH)
            .map(|(t, _)| t)
    }

    /// The highest score of any token, `NO_MATCH` if none matches.
    pub fn best(&self) -> i32 {
        self.by_id.iter().copied().max().unwrap_or(NO_MATCH)
    }

    /// Scores by stored id.
    pub fn short(&self) -> &[i32; 1 << 16] {
        &self.short
    }
}

pub(super) const NO_MATCH: i32 = -1;

/// A multi-word literal ("daily sabah"): for each of its words, which
/// tokens can stand in that place.
#[derive(Debug)]
pub(super) struct Phrase {
    pub parts: Vec<Vec<bool>>,
    pub score: i64,
}

/// One atom, ready to test against events.
#[derive(Debug)]
pub(super) enum Compiled {
    /// Fuzzy words and one-token literals.
    Tokens {
        scores: TokenScores,
        how: &'static str,
        /// Whether most events have no matching token, so that a quick
        /// rejection pass pays for itself.
        selective: bool,
    },
    Phrase(Phrase),
    Date {
        first: Day,
        last: Day,
        /// The query date's precision: an event dated less precisely
        /// that only overlaps the interval matches approximately.
        precision: Precision,
        /// Tokens mentioning the date literally ("since 2012").
        literal: Option<TokenScores>,
        /// The events holding one of those tokens, when the index lists
        /// events by token: set by the index.
        listed: Option<Marks>,
    },
    Tab(Vec<bool>),
    /// Every word must match a token of the actors (or places) slot.
    Names {
        slot: usize,
        words: Vec<TokenScores>,
    },
    Outlet(Vec<bool>),
    Footnote(u32),
    Kind(u8),
}

/// A compiled clause: alternatives, negation.
#[derive(Debug)]
pub(super) struct CompiledClause {
    pub alternatives: Vec<Compiled>,
    pub negated: bool,
}

/// Scores every vocabulary token with `score`, in parallel for large
/// vocabularies.
fn score_vocab(corpus: &Corpus, score: impl Fn(&str) -> Option<i64> + Sync) -> TokenScores {
    let one = |w: &str| score(w).map_or(NO_MATCH, |s| s.clamp(0, i32::MAX as i64) as i32);
    TokenScores::new(if corpus.vocab.len() < 20_000 {
        corpus.vocab.words.iter().map(|w| one(w)).collect()
    } else {
        corpus.vocab.words.par_iter().map(|w| one(w)).collect()
    })
}

/// How many token occurrences in the dataset score.
fn matched_occurrences(corpus: &Corpus, scores: &TokenScores) -> u64 {
    scores
        .by_id
        .iter()
        .zip(&corpus.vocab.counts)
        .filter(|(s, _)| **s != NO_MATCH)
        .map(|(_, &n)| u64::from(n))
        .sum()
}

/// A token atom. Selective means under 1% of token occurrences match: an
/// event of a hundred tokens then usually has none.
fn tokens(corpus: &Corpus, scores: TokenScores, how: &'static str) -> Compiled {
    let selective = matched_occurrences(corpus, &scores) * 100 < corpus.tokens.len() as u64;
    Compiled::Tokens {
        scores,
        how,
        selective,
    }
}

/// What compiling needs besides the atom: the index's tokens, its known
/// words (for [`strictness`]), the fuzzy matcher, and the one-char words
/// scored already, if they are.
#[derive(Clone, Copy)]
pub(super) struct Context<'a> {
    pub corpus: &'a Corpus,
    pub vocabulary: &'a Vocabulary,
    pub matcher: &'a SkimMatcherV2,
    pub singles: Option<&'a Singles>,
}

impl Context<'_> {
    /// How strictly the folded query `word` matches tokens.
    pub fn strictness(&self, word: &str, acronym: bool) -> Strictness {
        strictness(word, acronym, |w| self.vocabulary.knows(w))
    }

    /// Every token's score for a query word.
    fn word(&self, word: &str, acronym: bool) -> (TokenScores, Strictness) {
        if let Some(single) = self
            .singles
            .filter(|_| !acronym)
            .and_then(|s| s.get(word, self.corpus))
        {
            return single;
        }
        let strict = self.strictness(word, acronym);
        let scores = score_vocab(self.corpus, |token| {
            word_token_score(self.matcher, word, strict, token)
        });
        (scores, strict)
    }
}

/// The words [`Singles`] scores ahead.
const SINGLE_CHARS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";

/// Above this many tokens the one-char words are scored as typed: their
/// matches, kept for all 36, would weigh tens of MB.
const SINGLES_UP_TO: usize = 1 << 18;

/// The scores of each one-letter or one-digit word, worked out once when
/// typing starts: each is the first key of a word, and it costs most
/// where many tokens hold it (a "2" in 16,031 date-like tokens at a
/// million events: 6-12 ms a key). Kept as the tokens each matches.
pub(super) struct Singles(Vec<(Strictness, Vec<(u32, i32)>)>);

impl Singles {
    /// `None` for a vocabulary past [`SINGLES_UP_TO`].
    pub fn new(cx: Context<'_>) -> Option<Singles> {
        let cx = Context { singles: None, ..cx };
        (cx.corpus.vocab.len() <= SINGLES_UP_TO).then(|| {
            Singles(
                SINGLE_CHARS
                    .chars()
                    .map(|c| {
                        let (scores, strict) = cx.word(c.encode_utf8(&mut [0; 4]), false);
                        (strict, scores.matching().map(|t| (t, scores.id(t))).collect())
                    })
                    .collect(),
            )
        })
    }

    /// A folded one-char `word`'s scores, if it is one of [`SINGLE_CHARS`].
    fn get(&self, word: &str, corpus: &Corpus) -> Option<(TokenScores, Strictness)> {
        let mut chars = word.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return None;
        };
        let (strict, matches) = self.0.get(SINGLE_CHARS.find(c)?)?;
        let mut by_id = vec![NO_MATCH; corpus.vocab.len()];
        for &(t, score) in matches {
            by_id[t as usize] = score;
        }
        Some((TokenScores::new(by_id), *strict))
    }
}

fn literal(corpus: &Corpus, needle: &str, anchor: Anchor) -> Compiled {
    let score = EXACT_PER_CHAR * needle.chars().count() as i64;
    let words: Vec<&str> = needle.split_whitespace().collect();
    if words.len() <= 1 {
        let needle = words.first().copied().unwrap_or("");
        let scores = score_vocab(corpus, |t| occurrences(t, needle, anchor).next().map(|_| score));
        return tokens(corpus, scores, "literal");
    }
    // The first word ends its token and the last one starts its token; the
    // phrase's outer ends keep the anchor.
    let last = words.len() - 1;
    let parts = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            corpus
                .vocab
                .words
                .iter()
                .map(|t| match i {
                    0 => {
                        t.ends_with(w)
                            && occurrences(t, w, anchor_start(anchor)).any(|s| s + w.len() == t.len())
                    }
                    i if i == last => {
                        t.starts_with(w) && occurrences(t, w, anchor_end(anchor)).any(|s| s == 0)
                    }
                    _ => &**t == *w,
                })
                .collect()
        })
        .collect();
    Compiled::Phrase(Phrase { parts, score })
}

/// The part of an anchor that concerns a phrase's first word.
fn anchor_start(anchor: Anchor) -> Anchor {
    match anchor {
        Anchor::WordStart | Anchor::WholeWord => Anchor::WordStart,
        Anchor::Anywhere | Anchor::WordEnd => Anchor::Anywhere,
    }
}

/// The part of an anchor that concerns a phrase's last word.
fn anchor_end(anchor: Anchor) -> Anchor {
    match anchor {
        Anchor::WordEnd | Anchor::WholeWord => Anchor::WordEnd,
        Anchor::Anywhere | Anchor::WordStart => Anchor::Anywhere,
    }
}

fn date(corpus: &Corpus, range: &DateRange) -> Compiled {
    Compiled::Date {
        first: range.first,
        last: range.last,
        precision: range.precision,
        literal: range.literal.as_deref().map(|lit| {
            score_vocab(corpus, |t| {
                occurrences(t, lit, Anchor::WholeWord).next().map(|_| 1)
            })
        }),
        listed: None,
    }
}

fn filter(cx: Context<'_>, filter: &Filter) -> Compiled {
    let corpus = cx.corpus;
    let names = |slot, words: &[String]| Compiled::Names {
        slot,
        words: words.iter().map(|w| cx.word(w, false).0).collect(),
    };
    match filter {
        Filter::Tab(tab) => Compiled::Tab(
            corpus
                .tabs
                .iter()
                .map(|t| t.split(' ').any(|w| w.starts_with(tab.as_str())))
                .collect(),
        ),
        Filter::TabId(id) => Compiled::Tab(
            corpus
                .tabs
                .iter()
                .map(|t| t.split(' ').next() == Some(id.as_str()))
                .collect(),
        ),
        Filter::Actor(words) => names(super::text::SLOT_ACTORS, words),
        Filter::Place(words) => names(super::text::SLOT_PLACES, words),
        Filter::Source(outlet) => Compiled::Outlet(
            corpus
                .outlets
                .iter()
                .map(|o| o.contains(outlet.as_str()))
                .collect(),
        ),
        Filter::Footnote(n) => Compiled::Footnote(*n),
        Filter::Kind(kind) => Compiled::Kind(kind_bit(*kind)),
    }
}

/// Compiles one atom.
pub(super) fn atom(cx: Context<'_>, atom: &Atom) -> Compiled {
    let corpus = cx.corpus;
    let word = |word: &str, acronym: bool| {
        let (scores, strict) = cx.word(word, acronym);
        tokens(corpus, scores, strict.how())
    };
    match atom {
        Atom::Fuzzy(w) => word(w, false),
        Atom::Acronym(w) => word(w, true),
        Atom::Exact(text) => literal(corpus, text, Anchor::Anywhere),
        Atom::Prefix(text) => literal(corpus, text, Anchor::WordStart),
        Atom::Suffix(text) => literal(corpus, text, Anchor::WordEnd),
        Atom::Date(range) => date(corpus, range),
        Atom::Filter(f) => filter(cx, f),
    }
}

/// Compiles a whole query.
pub(super) fn query(cx: Context<'_>, query: &Query) -> Vec<CompiledClause> {
    query
        .clauses
        .iter()
        .map(|clause| CompiledClause {
            alternatives: clause.alternatives.iter().map(|a| atom(cx, a)).collect(),
            negated: clause.negated,
        })
        .collect()
}

/// A rough count of the token occurrences a clause can match, to test
/// selective clauses first: negated clauses and filters go last (a negated
/// clause rejects little; a filter is cheap but often broad).
pub(super) fn expected_matches(corpus: &Corpus, clause: &CompiledClause) -> u64 {
    if clause.negated {
        return u64::MAX;
    }
    clause
        .alternatives
        .iter()
        .map(|atom| match atom {
            Compiled::Tokens { scores, .. } => matched_occurrences(corpus, scores),
            _ => u64::MAX - 1,
        })
        .fold(0u64, u64::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_char_words_scored_ahead_score_as_when_typed() {
        let index = super::super::SearchIndex::new(&crate::data::embedded());
        // Not prepared for typing: every word is scored as typed.
        let cx = index.context();
        let corpus = cx.corpus;
        let singles = Singles::new(cx).expect("a small vocabulary");
        for c in SINGLE_CHARS.chars() {
            let word = c.to_string();
            let (typed, strict) = cx.word(&word, false);
            let (ahead, strict_ahead) = singles.get(&word, corpus).expect("a single char");
            assert_eq!((ahead.by_id, strict_ahead), (typed.by_id, strict), "{word}");
        }
        for other in ["", "ab", "ğ", "-"] {
            assert!(singles.get(other, corpus).is_none(), "{other:?}");
        }
    }
}

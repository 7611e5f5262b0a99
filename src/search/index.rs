//! The search index: ranking events against a compiled query.
//!
//! A query is compiled against the vocabulary once (fuzzy-matcher scores
//! each distinct token), then every event is a walk over its token ids,
//! split across cores for large datasets. Only the rows shown ask for
//! highlight positions.

use std::cmp::Reverse;
use std::sync::OnceLock;

use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::compile::{self, Compiled, CompiledClause, Context, NO_MATCH, Phrase, Singles, TokenScores};
use super::corpus::Corpus;
use super::fold::fold_map;
use super::postings::{Marks, Postings, Ranks};
use super::query::{Atom, Query};
use super::text::{
    Anchor, SLOT_ACTORS, SLOT_OTHER, SLOT_PLACES, SLOT_SUMMARY, SLOT_TITLE, SLOTS, occurrence_chars, tokens,
    word_token_positions,
};
use super::top::{Hit, Rank, Top};
use super::typo::Vocabulary;
use crate::date::{Day, Precision};
use crate::model::{Dataset, Event};

/// Where in an event a word matched; the weight says how much it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    /// Actor and place names and their aliases.
    Names,
    Summary,
    /// Quotes, figures, the date in several spellings.
    Other,
}

impl Field {
    const ALL: [Field; 4] = [Field::Title, Field::Names, Field::Summary, Field::Other];

    /// Multiplier on the score, in percent.
    fn weight(self) -> i64 {
        match self {
            Field::Title => 200,
            Field::Names => 150,
            Field::Summary | Field::Other => 100,
        }
    }

    /// The slots `from..to` the field covers.
    fn slots(self) -> (usize, usize) {
        match self {
            Field::Title => (SLOT_TITLE, SLOT_TITLE + 1),
            Field::Names => (SLOT_ACTORS, SLOT_PLACES + 1),
            Field::Summary => (SLOT_SUMMARY, SLOT_SUMMARY + 1),
            Field::Other => (SLOT_OTHER, SLOT_OTHER + 1),
        }
    }
}

/// How one atom matched one event: its score contribution, the field
/// (none for date overlaps and filters) and the kind of match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matched {
    pub score: i64,
    pub field: Option<Field>,
    pub how: &'static str,
    /// A date that only overlaps an event dated less precisely than the
    /// query asks (a day asked, the event dated only to its year): the
    /// event may or may not fall on it.
    pub approximate: bool,
}

/// Match positions in one event, in chars of the original text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    pub title: Vec<usize>,
    pub summary: Vec<usize>,
}

/// What a forgiving search found, and the corrected query it ran instead
/// when the one typed found nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// The best hits, in order.
    pub hits: Vec<Hit>,
    /// How many events matched in all.
    pub total: usize,
    /// Set when typos were corrected: "showing results for …".
    pub corrected: Option<Query>,
}

/// Sorted char positions as half-open `[start, end)` runs.
pub fn runs(positions: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &p in positions {
        match out.last_mut() {
            Some((_, end)) if *end == p => *end += 1,
            _ => out.push((p, p + 1)),
        }
    }
    out
}

/// Score of a date atom for an event whose span lies within the range, on
/// top of which finer event precision adds [`PRECISION_STEP`] per level.
const DATE_INSIDE: i64 = 100;
const DATE_OVERLAP: i64 = 60;
const PRECISION_STEP: i64 = 20;
/// What an event's date precision adds to a date atom's score.
fn finer(precision: Precision) -> i64 {
    PRECISION_STEP
        * match precision {
            Precision::Year => 0,
            Precision::Month => 1,
            Precision::Day => 2,
        }
}
/// Score of a date atom found only as text ("since 2012").
const DATE_LITERAL: i64 = 30;
/// Score of a matched filter: small, so words and dates decide the order.
const FILTER_SCORE: i64 = 10;
/// How often, in events, a search asks whether it is still wanted.
const STALE_EVERY: usize = 4_096;
/// What reading one entry of a token's event list costs, in tokens of
/// events read in order: its event's score is updated out of order. At
/// 1,000,000 events, a word listed in 12% of the tokens' entries ("er")
/// was a little faster from its lists than by reading every event.
const LISTED_COST: usize = 8;
/// Below this many events one thread is faster than splitting the work.
pub(super) const PARALLEL_FROM: usize = 8_192;
/// The same for the entries of the lists [`SearchIndex::listed_next`]
/// reads.
const LISTS_PARALLEL_FROM: usize = 2_048;
/// What reading one event's tokens costs [`SearchIndex::newest_at_best`],
/// in list entries read by the lists' way: its events are far apart, and
/// their tokens are read for a score. At a million events, "erdogan"'s
/// best, 3,760 events read, took 0.7 ms, and its lists about 1 ms.
const NEWEST_COST: usize = 8;
/// How many times the events it expects to read
/// [`SearchIndex::newest_at_best`] reads before giving up.
const NEWEST_READS: usize = 8;

thread_local! {
    /// The per-event scores of [`SearchIndex::listed_first`], kept from
    /// one search to the next: fresh arrays of a million events were
    /// several ms of page faults per keystroke.
    static SCRATCH: std::cell::Cell<Vec<i64>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The distinct field weights, heaviest first, and the class of each set of
/// slots (bit `s` for slot `s`): the place among them of the weight of its
/// heaviest field. A token's score in an event is weighted by its class.
pub(super) fn weight_classes() -> (Vec<i64>, [u8; 1 << SLOTS]) {
    let mut weights: Vec<i64> = Field::ALL.iter().map(|f| f.weight()).collect();
    weights.sort_unstable_by(|a, b| b.cmp(a));
    weights.dedup();
    let class_of = std::array::from_fn(|slots| {
        let heaviest = Field::ALL
            .iter()
            .filter(|f| {
                let (from, to) = f.slots();
                (from..to).any(|s| slots & 1 << s != 0)
            })
            .map(|f| f.weight())
            .max();
        let class = weights.iter().position(|&w| Some(w) == heaviest);
        class.unwrap_or(weights.len() - 1) as u8
    });
    (weights, class_of)
}

/// The highest score of the stored `tokens`, `NO_MATCH` for none. Four
/// running maxima let the lookups overlap instead of waiting on each other.
#[inline(always)]
fn max_score(scores: &[i32; 1 << 16], tokens: &[u16]) -> i32 {
    let mut max = [NO_MATCH; 4];
    let mut quads = tokens.chunks_exact(4);
    for quad in &mut quads {
        for (m, &t) in max.iter_mut().zip(quad) {
            *m = (*m).max(scores[usize::from(t)]);
        }
    }
    for &t in quads.remainder() {
        max[0] = max[0].max(scores[usize::from(t)]);
    }
    max.into_iter().max().unwrap_or(NO_MATCH)
}

/// Whether the phrase's words occur in consecutive `tokens` (ids).
fn phrase_at<T: Copy + Into<u32>>(phrase: &Phrase, tokens: &[T]) -> bool {
    tokens.windows(phrase.parts.len()).any(|window| {
        phrase
            .parts
            .iter()
            .zip(window)
            .all(|(part, &t)| part[t.into() as usize])
    })
}

/// The scores of a query that is one word (fuzzy or literal, not negated,
/// no alternatives), and the best of them.
#[derive(Clone, Copy)]
struct OneWord<'a> {
    scores: &'a TokenScores,
    best: i32,
}

fn one_word(clauses: &[CompiledClause]) -> Option<OneWord<'_>> {
    match clauses {
        [clause] if !clause.negated => match clause.alternatives.as_slice() {
            [Compiled::Tokens { scores, .. }] => Some(OneWord {
                scores,
                best: scores.best(),
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Folds matches to the highest score, keeping the first among equals.
fn best_of(best: Option<Matched>, m: Matched) -> Option<Matched> {
    match best {
        Some(b) if b.score >= m.score => Some(b),
        _ => Some(m),
    }
}

/// Every list of `words`' matching tokens that holds an event, with the
/// score an event earns from it: its token's score weighted by the list's
/// class (`weights`, of [`weight_classes`]). As `(score, token, class)`.
fn scored_lists<'a>(
    postings: &'a Postings,
    words: &'a [&TokenScores],
    weights: &'a [i64],
) -> impl Iterator<Item = (i64, u32, usize)> + 'a {
    words
        .iter()
        .flat_map(|scores| scores.matching().map(|t| (i64::from(scores.id(t)), t)))
        .flat_map(move |(base, t)| {
            (weights.iter().enumerate()).map(move |(class, weight)| (base * weight / 100, t, class))
        })
        .filter(|&(_, t, class)| postings.events(t, class).len() > 0)
}

/// The events, newest first (earlier in the dataset first among equals):
/// the order of ties in the ranking.
struct NewestFirst {
    order: Vec<u32>,
    /// The finest precision of any event's date.
    finest: Precision,
}

/// Events indexed for matching; built once per dataset.
pub struct SearchIndex {
    corpus: Corpus,
    /// Built by [`SearchIndex::prepare_for_typing`]: worth it for many
    /// searches, not for the one a command-line search runs.
    postings: OnceLock<Option<Postings>>,
    /// Built by [`SearchIndex::prepare_for_typing`] too.
    singles: OnceLock<Option<Singles>>,
    /// Built by [`SearchIndex::prepare_for_typing`] too.
    newest_first: OnceLock<NewestFirst>,
    vocabulary: Vocabulary,
    matcher: SkimMatcherV2,
}

/// An index read back from [`SearchIndex::to_bytes`], not yet checked
/// against its dataset: so that it can be decoded while the dataset is.
pub struct Stored(Corpus);

impl Stored {
    /// `None` when the bytes are damaged or of another build's format.
    pub fn decode(bytes: &[u8]) -> Option<Stored> {
        rkyv::from_bytes::<Corpus, rkyv::rancor::Error>(bytes)
            .ok()
            .map(Stored)
    }

    /// The index, if it is `dataset`'s.
    pub fn check(self, dataset: &Dataset) -> Option<SearchIndex> {
        self.0.agrees_with(dataset).then(|| SearchIndex::of(self.0))
    }

    /// The events of a dataset of `n` that [`Stored::check_sample`] needs.
    pub fn sample(n: usize) -> impl Iterator<Item = usize> {
        Corpus::sample(n)
    }

    /// The index, if it is that of a dataset of `n` events whose
    /// [`Stored::sample`] is `sampled` and whose entities and footnotes
    /// `meta` holds: for a dataset whose events are not all read.
    pub fn check_sample(self, meta: &Dataset, n: usize, sampled: &[Event]) -> Option<SearchIndex> {
        (self.0.agrees_with_sample(meta, n, sampled)).then(|| SearchIndex::of(self.0))
    }
}

impl SearchIndex {
    /// Folds and tokenizes every event once.
    pub fn new(dataset: &Dataset) -> SearchIndex {
        SearchIndex::of_events(dataset, &dataset.events)
    }

    /// [`SearchIndex::new`] of `events`, for a dataset whose entities and
    /// footnotes `meta` holds: where its events are held apart from it.
    pub fn of_events(meta: &Dataset, events: &[Event]) -> SearchIndex {
        SearchIndex::of(Corpus::new(meta, events))
    }

    fn of(corpus: Corpus) -> SearchIndex {
        let vocabulary = Vocabulary::new(
            corpus
                .vocab
                .words
                .iter()
                .zip(&corpus.vocab.counts)
                .map(|(w, &n)| (&**w, n)),
        );
        SearchIndex {
            postings: OnceLock::new(),
            singles: OnceLock::new(),
            newest_first: OnceLock::new(),
            corpus,
            vocabulary,
            matcher: SkimMatcherV2::default(),
        }
    }

    /// The index as an rkyv archive, read back by [`Stored::decode`] from
    /// bytes aligned to 16.
    pub fn to_bytes(&self) -> Option<Vec<u8>> {
        rkyv::to_bytes::<rkyv::rancor::Error>(&self.corpus)
            .ok()
            .map(|b| b.into_vec())
    }

    /// Lists, for each token, the events that contain it, so that a rare
    /// word reads only its events: it takes about as long as ten searches
    /// to build (60 ms at 100,000 events), so the browser's search thread
    /// builds it and a single command-line search does not. With them, the
    /// scores of the one-char words. Results are the same either way.
    pub fn prepare_for_typing(&self) {
        self.postings
            .get_or_init(|| Postings::new(&self.corpus, &weight_classes().1));
        self.singles.get_or_init(|| Singles::new(self.context()));
        self.newest_first.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.len() as u32).collect();
            order.par_sort_unstable_by_key(|&e| (Reverse(self.corpus.newest[e as usize]), e));
            let finest = self
                .corpus
                .facts
                .iter()
                .filter_map(|f| f.span.map(|s| s.precision))
                .max();
            NewestFirst {
                order,
                finest: finest.unwrap_or(Precision::Year),
            }
        });
    }

    /// Number of events indexed.
    pub fn len(&self) -> usize {
        self.corpus.len()
    }

    /// Whether the index holds no events.
    pub fn is_empty(&self) -> bool {
        self.corpus.len() == 0
    }

    /// Best base score among token `ids`.
    fn best(scores: &TokenScores, ids: impl Iterator<Item = u32>) -> Option<i64> {
        ids.map(|id| scores.id(id))
            .max()
            .filter(|&s| s != NO_MATCH)
            .map(i64::from)
    }

    /// Best base score in each slot of event `e` (`NO_MATCH` where none
    /// matches), in one pass over its tokens: the hot loop of every
    /// keystroke.
    fn slot_best(&self, scores: &TokenScores, e: usize) -> [i32; SLOTS] {
        std::array::from_fn(|slot| self.slot_max(scores, e, slot))
    }

    /// Best base score in slot `slot` of event `e`, `NO_MATCH` if none.
    fn slot_max(&self, scores: &TokenScores, e: usize, slot: usize) -> i32 {
        let c = &self.corpus;
        c.rare(e)
            .iter()
            .filter(|r| usize::from(r.slot) == slot)
            .map(|r| scores.id(r.id))
            .fold(max_score(scores.short(), c.short(e, slot, slot + 1)), i32::max)
    }

    /// Whether event `e` can be left out of the best hits of a one-word
    /// query without scoring it in full: once the worst kept hit scores
    /// above what names or text can give (150% and 100% of the word's best
    /// token), only a title match could lift `e` into the best, and its
    /// title, a few tokens, says whether one can. A query that matches
    /// nearly every event ("e") then reads titles instead of whole events.
    fn only_counts(&self, word: OneWord<'_>, floor: Option<Rank>, e: usize) -> bool {
        // An approximate floor is beaten by every exact hit; one word
        // only makes exact ones, so this holds whenever it matters.
        let Some((true, floor, ..)) = floor else {
            return false;
        };
        let unreachable = |base: i32, field: Field| i64::from(base) * field.weight() / 100 < floor;
        if !unreachable(word.best, Field::Names) || !unreachable(word.best, Field::Summary) {
            return false;
        }
        let title = self.slot_max(word.scores, e, SLOT_TITLE);
        title == NO_MATCH || unreachable(title, Field::Title)
    }

    /// Whether any token of event `e` scores.
    fn any_match(&self, scores: &TokenScores, e: usize) -> bool {
        let c = &self.corpus;
        c.short(e, 0, SLOTS)
            .chunks(8)
            .any(|run| max_score(scores.short(), run) != NO_MATCH)
            || c.rare(e).iter().any(|r| scores.id(r.id) != NO_MATCH)
    }

    /// Whether the phrase occurs in slots `from..to` of event `e`, its
    /// words in consecutive tokens.
    fn phrase_in(&self, phrase: &Phrase, e: usize, from: usize, to: usize) -> bool {
        let c = &self.corpus;
        if c.rare(e).is_empty() {
            phrase_at(phrase, c.short(e, from, to))
        } else {
            phrase_at(phrase, &c.ids(e, from, to).collect::<Vec<u32>>())
        }
    }

    /// How one compiled atom matches event `e`, if it does.
    fn eval(&self, atom: &Compiled, e: usize) -> Option<Matched> {
        let c = &self.corpus;
        let facts = &c.facts[e];
        let filter = |holds: bool| {
            holds.then_some(Matched {
                score: FILTER_SCORE,
                field: None,
                how: "filter",
                approximate: false,
            })
        };
        match atom {
            // Most events of a selective word match no token at all: one
            // tight pass rejects them before any per-slot work.
            Compiled::Tokens {
                scores,
                selective: true,
                ..
            } if !self.any_match(scores, e) => None,
            Compiled::Tokens { scores, how, .. } => {
                let slots = self.slot_best(scores, e);
                // Plain integers until the winner is known: this runs for
                // every event a broad word matches.
                let mut best: Option<(i64, Field)> = None;
                for field in Field::ALL {
                    let (from, to) = field.slots();
                    let base = slots[from..to].iter().copied().max().unwrap_or(NO_MATCH);
                    let score = i64::from(base) * field.weight() / 100;
                    if base != NO_MATCH && best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, field));
                    }
                }
                best.map(|(score, field)| Matched {
                    score,
                    field: Some(field),
                    how,
                    approximate: false,
                })
            }
            Compiled::Phrase(phrase) => Field::ALL.iter().find_map(|&field| {
                let (from, to) = field.slots();
                self.phrase_in(phrase, e, from, to).then(|| Matched {
                    score: phrase.score * field.weight() / 100,
                    field: Some(field),
                    how: "literal",
                    approximate: false,
                })
            }),
            Compiled::Date {
                first,
                last,
                precision,
                literal,
                listed,
            } => {
                if let Some(span) = facts.span
                    && span.first <= *last
                    && *first <= span.last
                {
                    let inside = *first <= span.first && span.last <= *last;
                    return Some(Matched {
                        score: if inside { DATE_INSIDE } else { DATE_OVERLAP } + finer(span.precision),
                        field: None,
                        how: if inside { "date within" } else { "date overlaps" },
                        // Wholly inside the interval is a match at any
                        // precision ("before:2016-06" and an event of 2010).
                        approximate: !inside && span.precision < *precision,
                    });
                }
                let literal = literal.as_ref()?;
                if listed.as_ref().is_some_and(|events| !events.has(e as u32)) {
                    return None;
                }
                Field::ALL.iter().find_map(|&field| {
                    let (from, to) = field.slots();
                    Self::best(literal, c.ids(e, from, to)).map(|_| Matched {
                        score: DATE_LITERAL,
                        field: Some(field),
                        how: "date in text",
                        approximate: false,
                    })
                })
            }
            Compiled::Tab(allowed) => filter(allowed.get(facts.tab as usize).copied().unwrap_or(false)),
            Compiled::Names { slot, words } => filter(
                words
                    .iter()
                    .all(|w| Self::best(w, c.ids(e, *slot, *slot + 1)).is_some()),
            ),
            Compiled::Outlet(allowed) => filter(facts.outlets.iter().any(|&o| allowed[o as usize])),
            Compiled::Footnote(n) => filter(facts.footnotes.contains(n)),
            Compiled::Kind(bit) => filter(facts.kinds & bit != 0),
        }
    }

    /// Best alternative of each clause for event `e`, whether some
    /// alternative matched exactly (not [`Matched::approximate`]), and
    /// whether the clause is negated.
    fn clause_matches<'a>(
        &'a self,
        clauses: &'a [CompiledClause],
        e: usize,
    ) -> impl Iterator<Item = (Option<Matched>, bool, bool)> + 'a {
        clauses.iter().map(move |clause| {
            let (best, exact) = clause
                .alternatives
                .iter()
                .filter_map(|a| self.eval(a, e))
                .fold((None, false), |(best, exact), m| {
                    (best_of(best, m), exact || !m.approximate)
                });
            (best, exact, clause.negated)
        })
    }

    /// Total score of event `e`, and whether every clause matched exactly;
    /// `None` if some clause fails.
    fn score(&self, clauses: &[CompiledClause], e: usize) -> Option<(i64, bool)> {
        let mut total = 0;
        let mut all_exact = true;
        for (best, exact, negated) in self.clause_matches(clauses, e) {
            match (best, negated) {
                (Some(m), false) => {
                    total += m.score;
                    all_exact &= exact;
                }
                (None, true) => {}
                _ => return None,
            }
        }
        Some((total, all_exact))
    }

    /// The query compiled, most selective clause first: the total is a
    /// sum, so order is free, and the clause that rejects the most events
    /// decides soonest.
    fn compile(&self, query: &Query) -> Vec<CompiledClause> {
        let mut clauses = compile::query(self.context(), query);
        // A date's literal is looked up in the events its tokens list
        // rather than in each event's text.
        if let Some(postings) = self.postings.get().and_then(Option::as_ref) {
            for atom in clauses.iter_mut().flat_map(|c| &mut c.alternatives) {
                if let Compiled::Date {
                    literal: Some(scores),
                    listed,
                    ..
                } = atom
                {
                    *listed = Some(postings.events_of(scores.matching(), self.len()));
                }
            }
        }
        clauses.sort_by_key(|c| compile::expected_matches(&self.corpus, c));
        clauses
    }

    /// The words of `clause` when it is made of words only, not negated.
    fn words(clause: &CompiledClause) -> Option<Vec<&TokenScores>> {
        if clause.negated {
            return None;
        }
        clause
            .alternatives
            .iter()
            .map(|atom| match atom {
                Compiled::Tokens { scores, .. } => Some(scores),
                _ => None,
            })
            .collect()
    }

    /// Whether the event lists of `words`' matching tokens are short
    /// enough to read instead of the events' text.
    fn short_lists(&self, postings: &Postings, words: &[&TokenScores]) -> bool {
        let listed: usize = words
            .iter()
            .flat_map(|scores| scores.matching().map(|t| postings.len(t)))
            .sum();
        listed.saturating_mul(LISTED_COST) < self.corpus.tokens.len()
    }

    /// `f(from, to)` on ranges of events that cover them all, one per
    /// thread, so that each writes only its own part of what it computes.
    fn in_ranges<T: Send>(&self, f: impl Fn(u32, u32) -> T + Sync + Send) -> impl ParallelIterator<Item = T> {
        let n = self.len();
        let part = n.div_ceil(rayon::current_num_threads()).max(PARALLEL_FROM);
        let ranges: Vec<u32> = (0..n).step_by(part).map(|e| e as u32).collect();
        ranges
            .into_par_iter()
            .map(move |from| f(from, (from as usize + part).min(n) as u32))
    }

    /// The events matching the leading clauses of words with
    /// [`short_lists`], ascending, each with the sum of those clauses'
    /// scores, and how many clauses that is: read from the lists of the
    /// clauses' matching tokens, which give the slots each token is in, so
    /// the events' text is not read for them. `None` when the first clause
    /// is not such a clause. Once `stale` says so, the later clauses'
    /// lists are left partly read, and the events are not theirs: the
    /// caller then gives up.
    ///
    /// [`short_lists`]: SearchIndex::short_lists
    fn listed_clauses(
        &self,
        postings: &Postings,
        clauses: &[CompiledClause],
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<(Vec<(u32, i64)>, usize)> {
        let listed: Vec<Vec<&TokenScores>> = clauses
            .iter()
            .map_while(|clause| Self::words(clause).filter(|words| self.short_lists(postings, words)))
            .collect();
        let (first, rest) = listed.split_first()?;
        let events = rest
            .iter()
            .fold(self.listed_first(postings, first), |events, words| {
                // With no event left, the later clauses' lists need no read.
                if events.is_empty() {
                    events
                } else {
                    self.listed_next(postings, events, words, stale)
                }
            });
        Some((events, listed.len()))
    }

    /// The events matching one clause of `words`, with their scores, from
    /// the lists of the words' tokens.
    fn listed_first(&self, postings: &Postings, words: &[&TokenScores]) -> Vec<(u32, i64)> {
        let (weights, _) = weight_classes();
        let none = i64::from(NO_MATCH);
        self.in_ranges(|from, to| {
            let mut best = SCRATCH.take();
            best.clear();
            best.resize((to - from) as usize, none);
            for scores in words {
                for t in scores.matching() {
                    let base = i64::from(scores.id(t));
                    for (class, weight) in weights.iter().enumerate() {
                        let score = base * weight / 100;
                        for (e, _) in postings.events_in(t, class, from..to) {
                            let best = &mut best[(e - from) as usize];
                            *best = (*best).max(score);
                        }
                    }
                }
            }
            let events = (from..)
                .zip(best.iter().copied())
                .filter(|&(_, score)| score != none)
                .collect::<Vec<_>>();
            SCRATCH.set(best);
            events
        })
        .flatten_iter()
        .collect()
    }

    /// Those of `events` that one more clause of `words` matches, its
    /// score added. The events left are usually few and the clause's lists
    /// many ("erdogan 2": 56 thousand events, and 48 thousand lists for the
    /// tokens holding a "2"), so the lists are shared among the threads
    /// rather than the events: each list is read once, whole, and its
    /// entries are looked up among the events left by their rank. Once
    /// `stale` says so, the lists left are not read.
    fn listed_next(
        &self,
        postings: &Postings,
        events: Vec<(u32, i64)>,
        words: &[&TokenScores],
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Vec<(u32, i64)> {
        let (weights, _) = weight_classes();
        let none = i64::from(NO_MATCH);
        let left = Ranks::new(events.iter().map(|&(e, _)| e), self.len());
        let tokens: Vec<(u32, i64)> = words
            .iter()
            .flat_map(|scores| scores.matching().map(|t| (t, i64::from(scores.id(t)))))
            .collect();
        let entries: usize = tokens.iter().map(|&(t, _)| postings.len(t)).sum();
        let parts = if entries < LISTS_PARALLEL_FROM {
            1
        } else {
            rayon::current_num_threads()
        };
        let best = tokens
            .par_chunks(tokens.len().div_ceil(parts).max(1))
            .map(|part| {
                let mut best = vec![none; events.len()];
                for &(t, base) in part {
                    if stale() {
                        break;
                    }
                    for (class, weight) in weights.iter().enumerate() {
                        let score = base * weight / 100;
                        for (e, _) in postings.events(t, class) {
                            if let Some(i) = left.rank(e) {
                                best[i] = best[i].max(score);
                            }
                        }
                    }
                }
                best
            })
            .reduce_with(|mut a, b| {
                for (a, b) in a.iter_mut().zip(b) {
                    *a = (*a).max(b);
                }
                a
            })
            .unwrap_or_default();
        events
            .into_iter()
            .zip(best)
            .filter(|&(_, score)| score != none)
            .map(|((e, total), score)| (e, total + score))
            .collect()
    }

    /// The best `limit` events for a query of one clause of words, and how
    /// many match, from their tokens' lists, without reading them all when
    /// they are long ("e"). The best: an event's score is its best token's
    /// weighted by its heaviest slot, so lists read from the highest such
    /// score down meet each event first at its own score, and can stop
    /// once no score left can make the best; unless [`newest_at_best`]
    /// finds them sooner. How many: an event listed is a match; the
    /// longest lists mark most events, and when those left unmarked are
    /// cheaper to read than the lists left, they are read.
    ///
    /// [`newest_at_best`]: SearchIndex::newest_at_best
    fn one_clause(
        &self,
        postings: &Postings,
        clauses: &[CompiledClause],
        words: &[&TokenScores],
        limit: usize,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<Top> {
        let (weights, _) = weight_classes();
        let chars = words
            .iter()
            .try_fold(0, |bits, scores| Some(bits | postings.chars.exact(scores)?));
        // The lists read for the best mark events the count then needs
        // not read again, unless it reads no list.
        let newest = chars.and_then(|_| self.newest_at_best(postings, clauses, words, limit));
        let mut by_score: Vec<(i64, u32)> = words
            .iter()
            .flat_map(|scores| scores.matching().map(|t| (i64::from(scores.id(t)), t)))
            .collect();
        let mut by_length: Vec<u32> = by_score.iter().map(|&(_, t)| t).collect();
        by_length.sort_unstable_by_key(|&t| (Reverse(postings.len(t)), t));
        by_length.dedup();
        if newest.is_none() {
            by_score.sort_unstable_by(|a, b| b.cmp(a));
        }
        let per_event = self.corpus.tokens.len() / self.len().max(1);
        self.in_ranges(|from, to| {
            let len = (to - from) as usize;
            let mut seen = Marks::new(from, to);
            let mut top = Top::new(limit);
            if let Some((score, events)) = &newest {
                for &e in events.iter().filter(|&&e| (from..to).contains(&e)) {
                    seen.mark(e);
                    top.push(self.rank(e as usize, (*score, true)));
                }
            } else {
                // One cursor into `by_score` per weight: the next score is
                // the highest of theirs.
                let mut at = vec![0usize; weights.len()];
                loop {
                    let next = (0..weights.len())
                        .filter(|&w| at[w] < by_score.len())
                        .map(|w| (by_score[at[w]].0 * weights[w] / 100, w))
                        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                    let Some((score, w)) = next else { break };
                    if top.below_floor(true, score) {
                        break;
                    }
                    if stale() {
                        return None;
                    }
                    let t = by_score[at[w]].1;
                    at[w] += 1;
                    for (e, _) in postings.events_in(t, w, from..to) {
                        if seen.mark(e) {
                            top.push(self.rank(e as usize, (score, true)));
                        }
                    }
                }
            }
            if let Some(bits) = chars {
                top.count(postings.chars.count(bits, from..to) - top.total());
                return Some(top);
            }
            let mut unmarked = len - seen.count();
            let mut lists = by_length.iter();
            for &t in lists.by_ref() {
                if stale() {
                    return None;
                }
                for class in 0..weights.len() {
                    for (e, _) in postings.events_in(t, class, from..to) {
                        if seen.mark(e) {
                            unmarked -= 1;
                        }
                    }
                }
                if unmarked.saturating_mul(per_event) <= len {
                    break;
                }
            }
            let marked = len - unmarked;
            // With every list read, an event left unmarked does not match.
            let read = if lists.len() == 0 {
                0
            } else {
                (from..to)
                    .filter(|&e| {
                        !seen.has(e) && words.iter().any(|scores| self.any_match(scores, e as usize))
                    })
                    .count()
            };
            top.count(marked + read - top.total());
            Some(top)
        })
        .try_reduce(|| Top::new(limit), |a, b| Some(a.merge(b)))
    }

    /// The best `limit` events of one clause of `words` when that many
    /// hold the highest score an event can have, and that score: they are
    /// then the newest of those holding it, which events read newest first
    /// find as soon as `limit` of them do. A broad word's best are held by
    /// many ("e" in 36% of the events' titles at a million), where its
    /// lists, read from the highest score down, read them all to find the
    /// newest. `None` where too few events look likely to hold it for
    /// that read to be short, or it was not.
    fn newest_at_best(
        &self,
        postings: &Postings,
        clauses: &[CompiledClause],
        words: &[&TokenScores],
        limit: usize,
    ) -> Option<(i64, Vec<u32>)> {
        let order = &self.newest_first.get()?.order;
        // The highest score and how many list entries hold it.
        let (weights, _) = weight_classes();
        let mut best = (i64::MIN, 0usize);
        for (score, t, class) in scored_lists(postings, words, &weights) {
            let held = postings.events(t, class).len();
            if score >= best.0 {
                best = (score, if score > best.0 { held } else { best.1 + held });
            }
        }
        let (score, held) = best;
        if limit == 0 || held == 0 {
            return None;
        }
        // An event of several such tokens is counted once per token:
        // reading a few times the expected share covers that.
        let expected = limit.saturating_mul(self.len()) / held;
        if expected.saturating_mul(NEWEST_COST) > held {
            return None;
        }
        let found: Vec<u32> = order
            .iter()
            .take(expected.saturating_mul(NEWEST_READS))
            .copied()
            .filter(|&e| self.score(clauses, e as usize) == Some((score, true)))
            .take(limit)
            .collect();
        (found.len() == limit).then_some((score, found))
    }

    /// What compiling a query against this index needs.
    pub(super) fn context(&self) -> Context<'_> {
        Context {
            corpus: &self.corpus,
            vocabulary: &self.vocabulary,
            matcher: &self.matcher,
            singles: self.singles.get().and_then(Option::as_ref),
        }
    }

    /// Sort key of event `e` scoring `score`, exactly or not.
    fn rank(&self, e: usize, (score, exact): (i64, bool)) -> Rank {
        (exact, score, self.corpus.newest[e], Reverse(e))
    }

    /// All matching events, best first (exact matches before those dated
    /// less precisely than the query); ties go to the newer event.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let clauses = self.compile(query);
        let hit = |event: usize| {
            let (score, exact) = self.score(&clauses, event)?;
            Some(Hit { event, score, exact })
        };
        let mut hits: Vec<Hit> = if self.len() < PARALLEL_FROM {
            (0..self.len()).filter_map(hit).collect()
        } else {
            (0..self.len())
                .into_par_iter()
                .with_min_len(4_096)
                .filter_map(hit)
                .collect()
        };
        hits.par_sort_unstable_by_key(|h| Reverse(self.rank(h.event, (h.score, h.exact))));
        hits
    }

    /// The best `limit` matching events in order, and how many matched in
    /// all: cheaper than [`SearchIndex::search`] when many events match,
    /// since only hits that can still make the best `limit` are kept.
    pub fn search_top(&self, query: &Query, limit: usize) -> (Vec<Hit>, usize) {
        self.search_top_until(query, limit, &|| false).unwrap_or_default()
    }

    /// The best `limit` hits of the compiled query in order, where they
    /// are found much sooner than by [`SearchIndex::search_top`] because
    /// their matches are not counted: a query of one clause of words that
    /// many events match at its highest score ("e", "er"), or of clauses
    /// of words read from their lists whose broadest one, or a date after
    /// them, need not be read whole ("erdogan 2", "erdogan 2017"). `None`
    /// elsewhere, and until the index is prepared for typing.
    fn top_first(&self, clauses: &[CompiledClause], limit: usize) -> Option<Vec<Hit>> {
        let postings = self.postings.get()?.as_ref()?;
        let (last, before) = clauses.split_last()?;
        if limit == 0 {
            return None;
        }
        // Events found newest first, all of the same score.
        let hits = |(score, events): (i64, Vec<u32>)| {
            let hit = |e: u32| Hit {
                event: e as usize,
                score,
                exact: true,
            };
            events.into_iter().map(hit).collect()
        };
        if before.is_empty() {
            let words = Self::words(last)?;
            return self.newest_at_best(postings, clauses, &words, limit).map(hits);
        }
        let (events, listed) = self.listed_clauses(postings, before, &|| false)?;
        (listed == before.len()).then_some(())?;
        match last.alternatives.as_slice() {
            [Compiled::Date { first, last: to, .. }] if !last.negated => self
                .newest_in_dates(&events, std::slice::from_ref(last), (*first, *to), limit)
                .map(hits),
            _ => self.best_by_level(postings, &events, &Self::words(last)?, limit),
        }
    }

    /// The best `limit` of `events` (with their scores so far) that one
    /// more clause, a date from `first` to `last`, matches, when that many
    /// of those scoring highest so far lie wholly inside it, dated as
    /// finely as any event is: they are then the newest such, which the
    /// events whose last day falls inside it, read newest first, give as
    /// soon as `limit` of them are met; and their score. "erdogan 2017":
    /// 2,909 matches at a million events, all of them scored from their
    /// text otherwise. `None` where fewer than `limit` are such events.
    fn newest_in_dates(
        &self,
        events: &[(u32, i64)],
        date: &[CompiledClause],
        (first, last): (Day, Day),
        limit: usize,
    ) -> Option<(i64, Vec<u32>)> {
        let NewestFirst { order, finest } = self.newest_first.get()?;
        let known = events.iter().map(|&(_, score)| score).max()?;
        let best = known + DATE_INSIDE + finer(*finest);
        let newest = &self.corpus.newest;
        let from = order.partition_point(|&e| newest[e as usize] > last);
        let to = order.partition_point(|&e| newest[e as usize] >= first);
        let left = Ranks::new(events.iter().map(|&(e, _)| e), self.len());
        let found: Vec<u32> = order
            .get(from..to)?
            .iter()
            .copied()
            .filter(|&e| {
                left.rank(e).is_some_and(|i| {
                    let total = self
                        .score(date, e as usize)
                        .map(|(score, exact)| (events[i].1 + score, exact));
                    total == Some((best, true))
                })
            })
            .take(limit)
            .collect();
        (found.len() == limit).then_some((best, found))
    }

    /// The best `limit` of `events` (with their scores so far) that one
    /// more clause of `words` matches, its score added, where they are
    /// found before all of that clause's lists are read: the lists are
    /// read from the highest score down, so each event is met first at
    /// its own score, and no event met later can beat the best kept once
    /// the best score so far plus the lists' score is below them. "2"
    /// after "erdogan": its highest lists are those of the years that
    /// begin titles; the dates in every event's text weigh less and are
    /// not read. `None` where every list was read, or nothing matched.
    fn best_by_level(
        &self,
        postings: &Postings,
        events: &[(u32, i64)],
        words: &[&TokenScores],
        limit: usize,
    ) -> Option<Vec<Hit>> {
        let known = events.iter().map(|&(_, score)| score).max()?;
        let (weights, _) = weight_classes();
        let mut lists: Vec<(i64, u32, usize)> = scored_lists(postings, words, &weights).collect();
        lists.sort_unstable_by(|a, b| b.cmp(a));
        let left = Ranks::new(events.iter().map(|&(e, _)| e), self.len());
        let mut met = Marks::new(0, events.len() as u32);
        let mut top = Top::new(limit);
        for &(score, t, class) in &lists {
            if top.below_floor(true, known + score) {
                return Some(top.into_hits().0);
            }
            for (e, _) in postings.events(t, class) {
                if let Some(i) = left.rank(e)
                    && met.mark(i as u32)
                {
                    top.push(self.rank(e as usize, (events[i].1 + score, true)));
                }
            }
        }
        None
    }

    /// [`SearchIndex::search_top`], given up (`None`) as soon as `stale`
    /// says so: it is asked every few thousand events.
    pub fn search_top_until(
        &self,
        query: &Query,
        limit: usize,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<(Vec<Hit>, usize)> {
        self.top_of(&self.compile(query), limit, stale)
    }

    /// [`SearchIndex::search_top_until`] of a compiled query.
    fn top_of(
        &self,
        clauses: &[CompiledClause],
        limit: usize,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<(Vec<Hit>, usize)> {
        let word = one_word(clauses);
        // The leading clauses read from their words' lists when they are
        // short enough: then only the events they match, their score known.
        let postings = self.postings.get().and_then(Option::as_ref);
        if let Some(postings) = postings
            && let [clause] = clauses
            && let Some(words) = Self::words(clause)
        {
            return self
                .one_clause(postings, clauses, &words, limit, stale)
                .map(Top::into_hits);
        }
        let listed = postings.and_then(|postings| self.listed_clauses(postings, clauses, stale));
        if stale() {
            return None;
        }
        let rest = &clauses[listed.as_ref().map_or(0, |(_, k)| *k)..];
        let first = listed.map(|(events, _)| events);
        let n = first.as_ref().map_or(self.len(), Vec::len);
        let event = |i: usize| first.as_ref().map_or((i, 0), |f| (f[i].0 as usize, f[i].1));
        let collect = |mut top: Top, (e, known): (usize, i64)| {
            match word {
                Some(word) if first.is_none() && self.only_counts(word, top.floor(), e) => {
                    if self.any_match(word.scores, e) {
                        top.count(1);
                    }
                }
                _ => {
                    if let Some((score, exact)) = self.score(rest, e) {
                        let score = known + score;
                        if top.below_floor(exact, score) {
                            top.count(1);
                        } else {
                            top.push(self.rank(e, (score, exact)));
                        }
                    }
                }
            }
            top
        };
        // Blocks of events, each a tight loop; `stale` is asked between.
        let block = |top: Top, b: usize| {
            let events = (b * STALE_EVERY..((b + 1) * STALE_EVERY).min(n)).map(event);
            (!stale()).then(|| events.fold(top, collect))
        };
        let blocks = n.div_ceil(STALE_EVERY);
        let top = if n < PARALLEL_FROM {
            (0..blocks).try_fold(Top::new(limit), block)
        } else {
            (0..blocks)
                .into_par_iter()
                .try_fold(|| Top::new(limit), block)
                .try_reduce(|| Top::new(limit), |a, b| Some(a.merge(b)))
        }?;
        Some(top.into_hits())
    }

    /// How each clause of the query scores for one event: the clause's
    /// best alternative, or `None` where it does not match. A negated
    /// clause holds when its entry is `None`.
    pub fn explain(&self, query: &Query, event: usize) -> Vec<Option<Matched>> {
        if event >= self.len() {
            return Vec::new();
        }
        let clauses = self.compile(query);
        self.clause_matches(&clauses, event).map(|(m, ..)| m).collect()
    }

    /// The query with each fuzzy word the dataset does not contain replaced
    /// by its nearest known word; `None` when nothing could be corrected.
    pub fn corrected(&self, query: &Query) -> Option<Query> {
        let mut changed = false;
        let mut fixed = query.clone();
        for clause in fixed.clauses.iter_mut().filter(|c| !c.negated) {
            let mut clause_changed = false;
            for atom in &mut clause.alternatives {
                // A suggestion is a word of the dataset, which may not read
                // as a fuzzy word when typed ("2012" is a date, "'s" exact):
                // such a correction could not be shown as the query it ran.
                let (Atom::Fuzzy(word) | Atom::Acronym(word)) = atom else {
                    continue;
                };
                if self.vocabulary.contains(word) {
                    continue;
                }
                let Some(better) = self.vocabulary.suggest(word) else {
                    continue;
                };
                let fixed = match atom {
                    Atom::Acronym(_) => Atom::Acronym(better),
                    _ => Atom::Fuzzy(better),
                };
                if Query::parse(&fixed.to_string()).is_ok_and(|q| q.reads_as(&fixed)) {
                    *atom = fixed;
                    clause_changed = true;
                }
            }
            if clause_changed {
                let parts: Vec<String> = clause.alternatives.iter().map(ToString::to_string).collect();
                clause.text = parts.join(" | ");
                changed = true;
            }
        }
        // Corrected words next to each other can read differently from
        // each word alone ("sep" before "2017" is a month).
        let typed_back = Query::parse(&fixed.to_string()).is_ok_and(|q| q == fixed);
        (changed && typed_back).then_some(fixed)
    }

    /// The best `limit` hits like [`SearchIndex::search_top`], but when
    /// nothing matches and a corrected query finds something, those instead.
    pub fn search_forgiving(&self, query: &Query, limit: usize) -> Outcome {
        self.search_forgiving_until(query, limit, &|| false)
            .unwrap_or_default()
    }

    /// [`SearchIndex::search_forgiving`], given up (`None`) as soon as
    /// `stale` says so.
    pub fn search_forgiving_until(
        &self,
        query: &Query,
        limit: usize,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<Outcome> {
        self.forgiving(query, &self.compile(query), limit, stale)
    }

    /// The first answer to a search as typed: the best `first` hits alone
    /// where [`SearchIndex::top_first`] finds them, and `false`; else
    /// [`SearchIndex::search_forgiving_until`]'s answer, and `true`. The
    /// query is compiled once for both.
    pub fn first_until(
        &self,
        query: &Query,
        first: usize,
        limit: usize,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<(Outcome, bool)> {
        let clauses = self.compile(query);
        if let Some(hits) = self.top_first(&clauses, first) {
            let outcome = Outcome {
                total: hits.len(),
                hits,
                corrected: None,
            };
            return Some((outcome, false));
        }
        Some((self.forgiving(query, &clauses, limit, stale)?, true))
    }

    /// [`SearchIndex::search_forgiving_until`] of `query` compiled as
    /// `clauses`.
    fn forgiving(
        &self,
        query: &Query,
        clauses: &[CompiledClause],
        limit: usize,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<Outcome> {
        let (hits, total) = self.top_of(clauses, limit, stale)?;
        if total == 0
            && let Some(fixed) = self.corrected(query)
        {
            let (hits, total) = self.search_top_until(&fixed, limit, stale)?;
            if total > 0 {
                return Some(Outcome {
                    hits,
                    total,
                    corrected: Some(fixed),
                });
            }
        }
        Some(Outcome {
            hits,
            total,
            corrected: None,
        })
    }

    /// Match positions of the query's positive words in one event's title
    /// and summary, in chars of the original text.
    pub fn highlights(&self, query: &Query, event: &Event) -> Highlights {
        Highlights {
            title: self.positions(query, &event.title),
            summary: self.positions(query, &event.summary),
        }
    }

    /// Char positions in `text` (any text: a name, a field) where the
    /// query's words match, as [`SearchIndex::highlights`] marks them.
    pub fn positions(&self, query: &Query, text: &str) -> Vec<usize> {
        let atoms = query
            .clauses
            .iter()
            .filter(|c| !c.negated)
            .flat_map(|c| &c.alternatives);
        let (folded, map) = fold_map(text);
        let mut out: Vec<usize> = atoms
            .flat_map(|atom| self.atom_positions(&folded, atom))
            .filter_map(|i| map.get(i).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The word of `text` around the first place the query matches in it:
    /// what `--explain` names.
    pub fn matched_word(&self, query: &Query, text: &str) -> Option<String> {
        let at = *self.positions(query, text).first()?;
        let chars: Vec<char> = text.chars().collect();
        let is_word = |c: &char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | ',' | '$');
        let start = chars[..at].iter().rposition(|c| !is_word(c)).map_or(0, |i| i + 1);
        let end = chars[at..]
            .iter()
            .position(|c| !is_word(c))
            .map_or(chars.len(), |i| at + i);
        let word: String = chars[start..end].iter().collect();
        // "Astana's" names Astana.
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(&word);
        let word = word.trim_matches(|c: char| matches!(c, '.' | ',' | '-' | '\'' | '’'));
        (!word.is_empty()).then(|| word.to_string())
    }

    /// Char positions in `folded` where `atom` matches, by the same
    /// token rules as ranking.
    fn atom_positions(&self, folded: &str, atom: &Atom) -> Vec<usize> {
        let per_token = |f: &dyn Fn(&str) -> Vec<usize>| -> Vec<usize> {
            tokens(folded)
                .flat_map(|(at, token)| f(token).into_iter().map(move |i| at + i))
                .collect()
        };
        let literal = |needle: &str, anchor: Anchor| {
            if needle.split_whitespace().nth(1).is_some() {
                occurrence_chars(folded, needle, anchor)
            } else {
                per_token(&|t| occurrence_chars(t, needle, anchor))
            }
        };
        match atom {
            Atom::Fuzzy(word) | Atom::Acronym(word) => {
                let strictness = self.context().strictness(word, matches!(atom, Atom::Acronym(_)));
                per_token(&|t| word_token_positions(&self.matcher, word, strictness, t))
            }
            Atom::Exact(text) => literal(text, Anchor::Anywhere),
            Atom::Prefix(text) => literal(text, Anchor::WordStart),
            Atom::Suffix(text) => literal(text, Anchor::WordEnd),
            Atom::Date(range) => range.literal.as_deref().map_or_else(Vec::new, |lit| {
                per_token(&|t| occurrence_chars(t, lit, Anchor::WholeWord))
            }),
            Atom::Filter(_) => Vec::new(),
        }
    }
}

//! The search index: ranking events against a compiled query.
//!
//! A query is compiled against the vocabulary once (fuzzy-matcher scores
//! each distinct token), then every event is a walk over its token ids,
//! split across cores for large datasets. Only the rows shown ask for
//! highlight positions.

use std::cmp::Ordering;

use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::compile::{self, Compiled, CompiledClause, NO_MATCH, Phrase};
use super::corpus::Corpus;
use super::fold::fold_map;
use super::query::{Atom, Query};
use super::text::{
    Anchor, SLOT_ACTORS, SLOT_OTHER, SLOT_PLACES, SLOT_SUMMARY, SLOT_TITLE, SLOTS, fuzzy_token_positions,
    occurrence_chars, tokens,
};
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

/// A matching event and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Dataset::events`.
    pub event: usize,
    pub score: i64,
}

/// How one atom matched one event: its score contribution, the field
/// (none for date overlaps and filters) and the kind of match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matched {
    pub score: i64,
    pub field: Option<Field>,
    pub how: &'static str,
}

/// Match positions in one event, in chars of the original text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    pub title: Vec<usize>,
    pub summary: Vec<usize>,
}

/// What a forgiving search found, and the corrected query it ran instead
/// when the one typed found nothing.
#[derive(Debug, Clone, PartialEq)]
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
/// Score of a date atom found only as text ("since 2012").
const DATE_LITERAL: i64 = 30;
/// Score of a matched filter: small, so words and dates decide the order.
const FILTER_SCORE: i64 = 10;
/// Below this many events one thread is faster than splitting the work.
pub(super) const PARALLEL_FROM: usize = 8_192;

/// Folds matches to the highest score, keeping the first among equals.
fn best_of(best: Option<Matched>, m: Matched) -> Option<Matched> {
    match best {
        Some(b) if b.score >= m.score => Some(b),
        _ => Some(m),
    }
}

/// Best hit first; ties go to the newer event, then to dataset order.
fn ranking(corpus: &Corpus) -> impl Fn(&Hit, &Hit) -> Ordering + '_ {
    let newest = |h: &Hit| -> Day { corpus.facts[h.event].span.map_or((i32::MIN, 0, 0), |s| s.last) };
    move |a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| newest(b).cmp(&newest(a)))
            .then(a.event.cmp(&b.event))
    }
}

/// Events indexed for matching; built once per dataset.
pub struct SearchIndex {
    corpus: Corpus,
    vocabulary: Vocabulary,
    matcher: SkimMatcherV2,
}

impl SearchIndex {
    /// Folds and tokenizes every event once.
    pub fn new(dataset: &Dataset) -> SearchIndex {
        let corpus = Corpus::new(dataset);
        let vocabulary = Vocabulary::new(
            corpus
                .vocab
                .words
                .iter()
                .zip(&corpus.vocab.counts)
                .map(|(w, &n)| (&**w, n)),
        );
        SearchIndex {
            corpus,
            vocabulary,
            matcher: SkimMatcherV2::default(),
        }
    }

    /// Number of events indexed.
    pub fn len(&self) -> usize {
        self.corpus.len()
    }

    /// Whether the index holds no events.
    pub fn is_empty(&self) -> bool {
        self.corpus.len() == 0
    }

    /// Best base score among `tokens`.
    fn best(scores: &[i32], tokens: &[u32]) -> Option<i64> {
        tokens
            .iter()
            .map(|&t| scores[t as usize])
            .max()
            .filter(|&s| s != NO_MATCH)
            .map(i64::from)
    }

    /// Best base score in each slot of event `e`, in one pass over its
    /// tokens: the hot loop of every keystroke.
    fn slot_best(&self, scores: &[i32], e: usize) -> [Option<i64>; SLOTS] {
        let bounds = &self.corpus.bounds[SLOTS * e..=SLOTS * e + SLOTS];
        let mut best = [None; SLOTS];
        for (slot, b) in best.iter_mut().enumerate() {
            let tokens = &self.corpus.tokens[bounds[slot] as usize..bounds[slot + 1] as usize];
            let max = tokens
                .iter()
                .map(|&t| scores[t as usize])
                .max()
                .unwrap_or(NO_MATCH);
            *b = (max != NO_MATCH).then_some(i64::from(max));
        }
        best
    }

    /// Whether the phrase occurs in `tokens`, words in consecutive tokens.
    fn phrase_in(phrase: &Phrase, tokens: &[u32]) -> bool {
        let n = phrase.parts.len();
        tokens.len() >= n
            && (0..=tokens.len() - n).any(|i| {
                phrase
                    .parts
                    .iter()
                    .zip(&tokens[i..i + n])
                    .all(|(part, &t)| part[t as usize])
            })
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
            })
        };
        match atom {
            // Most events match no token at all: one tight pass rejects
            // them before any per-slot work.
            Compiled::Tokens { scores, .. }
                if !c
                    .slots(e, 0, SLOTS)
                    .iter()
                    .any(|&t| scores[t as usize] != NO_MATCH) =>
            {
                None
            }
            Compiled::Tokens { scores, how } => {
                let slots = self.slot_best(scores, e);
                Field::ALL
                    .iter()
                    .filter_map(|&field| {
                        let (from, to) = field.slots();
                        let base = slots[from..to].iter().flatten().max()?;
                        Some(Matched {
                            score: base * field.weight() / 100,
                            field: Some(field),
                            how,
                        })
                    })
                    .fold(None, best_of)
            }
            Compiled::Phrase(phrase) => Field::ALL.iter().find_map(|&field| {
                let (from, to) = field.slots();
                Self::phrase_in(phrase, c.slots(e, from, to)).then(|| Matched {
                    score: phrase.score * field.weight() / 100,
                    field: Some(field),
                    how: "literal",
                })
            }),
            Compiled::Date { first, last, literal } => {
                if let Some(span) = facts.span
                    && span.first <= *last
                    && *first <= span.last
                {
                    let inside = *first <= span.first && span.last <= *last;
                    let finer = match span.precision {
                        Precision::Year => 0,
                        Precision::Month => 1,
                        Precision::Day => 2,
                    };
                    return Some(Matched {
                        score: if inside { DATE_INSIDE } else { DATE_OVERLAP } + finer * PRECISION_STEP,
                        field: None,
                        how: if inside { "date within" } else { "date overlaps" },
                    });
                }
                let literal = literal.as_ref()?;
                Field::ALL.iter().find_map(|&field| {
                    let (from, to) = field.slots();
                    Self::best(literal, c.slots(e, from, to)).map(|_| Matched {
                        score: DATE_LITERAL,
                        field: Some(field),
                        how: "date in text",
                    })
                })
            }
            Compiled::Tab(allowed) => filter(allowed.get(facts.tab as usize).copied().unwrap_or(false)),
            Compiled::Names { slot, words } => {
                filter(words.iter().all(|w| Self::best(w, c.slot(e, *slot)).is_some()))
            }
            Compiled::Outlet(allowed) => filter(facts.outlets.iter().any(|&o| allowed[o as usize])),
            Compiled::Footnote(n) => filter(facts.footnotes.contains(n)),
            Compiled::Kind(bit) => filter(facts.kinds & bit != 0),
        }
    }

    /// Best alternative of each clause for event `e`.
    fn clause_matches<'a>(
        &'a self,
        clauses: &'a [CompiledClause],
        e: usize,
    ) -> impl Iterator<Item = (Option<Matched>, bool)> + 'a {
        clauses.iter().map(move |clause| {
            let best = clause
                .alternatives
                .iter()
                .filter_map(|a| self.eval(a, e))
                .fold(None, best_of);
            (best, clause.negated)
        })
    }

    /// Total score of event `e`; `None` if some clause fails.
    fn score(&self, clauses: &[CompiledClause], e: usize) -> Option<i64> {
        let mut total = 0;
        for (best, negated) in self.clause_matches(clauses, e) {
            match (best, negated) {
                (Some(m), false) => total += m.score,
                (None, true) => {}
                _ => return None,
            }
        }
        Some(total)
    }

    /// Every matching event, unordered.
    fn hits(&self, query: &Query) -> Vec<Hit> {
        let mut clauses = compile::query(&self.corpus, &self.matcher, query);
        // The total is a sum, so order is free: test the clause that rejects
        // the most events first.
        clauses.sort_by_key(|c| compile::expected_matches(&self.corpus, c));
        let hit = |event: usize| {
            Some(Hit {
                event,
                score: self.score(&clauses, event)?,
            })
        };
        if self.len() < PARALLEL_FROM {
            (0..self.len()).filter_map(hit).collect()
        } else {
            (0..self.len())
                .into_par_iter()
                .with_min_len(4_096)
                .filter_map(hit)
                .collect()
        }
    }

    /// All matching events, best first; ties go to the newer event.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let mut hits = self.hits(query);
        hits.par_sort_unstable_by(ranking(&self.corpus));
        hits
    }

    /// The best `limit` matching events in order, and how many matched in
    /// all: cheaper than [`SearchIndex::search`] when many events match.
    pub fn search_top(&self, query: &Query, limit: usize) -> (Vec<Hit>, usize) {
        let mut hits = self.hits(query);
        let total = hits.len();
        let order = ranking(&self.corpus);
        if limit < hits.len() {
            if limit == 0 {
                return (Vec::new(), total);
            }
            hits.select_nth_unstable_by(limit - 1, &order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        (hits, total)
    }

    /// How each clause of the query scores for one event: the clause's
    /// best alternative, or `None` where it does not match. A negated
    /// clause holds when its entry is `None`.
    pub fn explain(&self, query: &Query, event: usize) -> Vec<Option<Matched>> {
        if event >= self.len() {
            return Vec::new();
        }
        let clauses = compile::query(&self.corpus, &self.matcher, query);
        self.clause_matches(&clauses, event).map(|(m, _)| m).collect()
    }

    /// The query with each fuzzy word the dataset does not contain replaced
    /// by its nearest known word; `None` when nothing could be corrected.
    pub fn corrected(&self, query: &Query) -> Option<Query> {
        let mut changed = false;
        let mut fixed = query.clone();
        for clause in fixed.clauses.iter_mut().filter(|c| !c.negated) {
            let mut clause_changed = false;
            for atom in &mut clause.alternatives {
                if let Atom::Fuzzy(word) = atom
                    && !self.vocabulary.contains(word)
                    && let Some(better) = self.vocabulary.suggest(word)
                {
                    *word = better;
                    clause_changed = true;
                }
            }
            if clause_changed {
                let parts: Vec<String> = clause.alternatives.iter().map(ToString::to_string).collect();
                clause.text = parts.join(" | ");
                changed = true;
            }
        }
        changed.then_some(fixed)
    }

    /// The best `limit` hits like [`SearchIndex::search_top`], but when
    /// nothing matches and a corrected query finds something, those instead.
    pub fn search_forgiving(&self, query: &Query, limit: usize) -> Outcome {
        let (hits, total) = self.search_top(query, limit);
        if total == 0
            && let Some(fixed) = self.corrected(query)
        {
            let (hits, total) = self.search_top(&fixed, limit);
            if total > 0 {
                return Outcome {
                    hits,
                    total,
                    corrected: Some(fixed),
                };
            }
        }
        Outcome {
            hits,
            total,
            corrected: None,
        }
    }

    /// Match positions of the query's positive words in one event's title
    /// and summary, in chars of the original text.
    pub fn highlights(&self, query: &Query, event: &Event) -> Highlights {
        let atoms: Vec<&Atom> = query
            .clauses
            .iter()
            .filter(|c| !c.negated)
            .flat_map(|c| &c.alternatives)
            .collect();
        let positions = |text: &str| {
            let (folded, map) = fold_map(text);
            let mut out: Vec<usize> = atoms
                .iter()
                .flat_map(|atom| self.atom_positions(&folded, atom))
                .filter_map(|i| map.get(i).copied())
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        };
        Highlights {
            title: positions(&event.title),
            summary: positions(&event.summary),
        }
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
            Atom::Fuzzy(word) => per_token(&|t| fuzzy_token_positions(&self.matcher, word, t)),
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

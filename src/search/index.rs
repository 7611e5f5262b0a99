//! The search index: each event's text folded once, and ranking.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::doc::EventDoc;
use super::fold::fold_map;
use super::query::{Atom, DateRange, Filter, Query};
use super::typo::Vocabulary;
use crate::date::{Day, Precision};
use crate::model::Dataset;

/// Where in an event a word matched; the weight says how much it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    /// Actor and place names and their aliases.
    Names,
    Summary,
    /// Quotes, figures, the date in several spellings, the tab title.
    Other,
}

impl Field {
    const ALL: [Field; 4] = [Field::Title, Field::Names, Field::Summary, Field::Other];

    /// Multiplier on the fuzzy score, in percent.
    fn weight(self) -> i64 {
        match self {
            Field::Title => 200,
            Field::Names => 150,
            Field::Summary | Field::Other => 100,
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
/// (none for date overlaps and tabs) and the kind of match.
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

/// Events folded for matching; built once per dataset.
pub struct SearchIndex {
    docs: Vec<EventDoc>,
    /// Original title and summary, for highlight positions.
    texts: Vec<(String, String)>,
    vocabulary: Vocabulary,
    matcher: SkimMatcherV2,
}

/// What a forgiving search found, and the corrected query it ran instead
/// when the one typed found nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub hits: Vec<Hit>,
    /// Set when typos were corrected: "showing results for …".
    pub corrected: Option<Query>,
}

/// Score of a date atom for an event whose span lies within the range, on
/// top of which finer event precision adds [`PRECISION_STEP`] per level.
const DATE_INSIDE: i64 = 100;
const DATE_OVERLAP: i64 = 60;
const PRECISION_STEP: i64 = 20;
/// Score of a date atom found only as text ("since 2012").
const DATE_LITERAL: i64 = 30;
/// Fuzzy-score bonus when the word occurs whole, or as the start of a word.
const WHOLE_WORD_BONUS: i64 = 40;
const PREFIX_BONUS: i64 = 20;
/// Score of a matched filter: small, so words and dates decide the order.
const FILTER_SCORE: i64 = 10;
/// Score of a matched exact, prefix, suffix or tab atom, per char.
const EXACT_PER_CHAR: i64 = 24;

/// Whether `needle`'s chars occur in `hay` in order: a cheap test that
/// rejects most fields before the fuzzy matcher allocates.
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Where a literal must sit relative to word boundaries.
#[derive(Debug, Clone, Copy)]
enum Anchor {
    Anywhere,
    WordStart,
    WordEnd,
    WholeWord,
}

/// Whether the byte range `start..end` of `hay` sits as `anchor` requires.
fn anchored(hay: &str, start: usize, end: usize, anchor: Anchor) -> bool {
    let starts = || !hay[..start].chars().next_back().is_some_and(is_word_char);
    let ends = || !hay[end..].chars().next().is_some_and(is_word_char);
    match anchor {
        Anchor::Anywhere => true,
        Anchor::WordStart => starts(),
        Anchor::WordEnd => ends(),
        Anchor::WholeWord => starts() && ends(),
    }
}

/// Byte offsets where `needle` occurs in `hay` as `anchor` requires.
fn occurrences<'a>(hay: &'a str, needle: &'a str, anchor: Anchor) -> impl Iterator<Item = usize> + 'a {
    hay.match_indices(needle)
        .map(|(s, _)| s)
        .filter(move |&s| !needle.is_empty() && anchored(hay, s, s + needle.len(), anchor))
}

/// The literal text an atom looks for, and how it must sit; `None` for
/// atoms that are not literal (fuzzy words, tabs, dates without literal).
fn literal(atom: &Atom) -> Option<(&str, Anchor)> {
    match atom {
        Atom::Exact(t) => Some((t, Anchor::Anywhere)),
        Atom::Prefix(t) => Some((t, Anchor::WordStart)),
        Atom::Suffix(t) => Some((t, Anchor::WordEnd)),
        Atom::Date(range) => range.literal.as_deref().map(|t| (t, Anchor::WholeWord)),
        Atom::Fuzzy(_) | Atom::Filter(_) => None,
    }
}

/// Whether matched char positions lie close enough together to be one
/// word typed loosely: within one word of the text, and not spread much
/// wider than the word itself. A word scattered across a summary, or over
/// the initials of several words ("tika" in "starTs In KAzakhstan"), is
/// noise to a reader.
fn is_compact(text: &str, indices: &[usize], len: usize) -> bool {
    let (Some(&first), Some(&last)) = (indices.first(), indices.last()) else {
        return false;
    };
    last - first < len + len / 2 + 2
        && !text
            .chars()
            .skip(first)
            .take(last - first)
            .any(char::is_whitespace)
}

impl SearchIndex {
    /// Folds every event's text once.
    pub fn new(dataset: &Dataset) -> SearchIndex {
        let docs: Vec<EventDoc> = dataset
            .events
            .iter()
            .map(|event| EventDoc::new(dataset, event))
            .collect();
        let texts = dataset
            .events
            .iter()
            .map(|e| (e.title.clone(), e.summary.clone()))
            .collect();
        let vocabulary = Vocabulary::new(docs.iter().flat_map(|d| d.fields.iter().map(String::as_str)));
        SearchIndex {
            docs,
            texts,
            vocabulary,
            matcher: SkimMatcherV2::default(),
        }
    }

    /// Fuzzy score and char positions of `word` in `text`, if it matches
    /// compactly.
    fn fuzzy_in(&self, text: &str, word: &str) -> Option<(i64, Vec<usize>)> {
        if !is_subsequence(word, text) {
            return None;
        }
        let (score, indices) = self.matcher.fuzzy_indices(text, word)?;
        is_compact(text, &indices, word.chars().count()).then_some((score, indices))
    }

    /// Best weighted fuzzy match of `word` over the event's fields, with a
    /// bonus when the word stands whole or starts a word.
    fn fuzzy(&self, doc: &EventDoc, word: &str) -> Option<Matched> {
        Field::ALL
            .iter()
            .zip(&doc.fields)
            .filter_map(|(&field, text)| {
                let (raw, _) = self.fuzzy_in(text, word)?;
                let bonus = if occurrences(text, word, Anchor::WholeWord).next().is_some() {
                    WHOLE_WORD_BONUS
                } else if occurrences(text, word, Anchor::WordStart).next().is_some() {
                    PREFIX_BONUS
                } else {
                    0
                };
                Some(Matched {
                    score: (raw + bonus) * field.weight() / 100,
                    field: Some(field),
                    how: "fuzzy",
                })
            })
            .max_by_key(|m| m.score)
    }

    /// Score of a date range against the event, if it matches.
    fn date(doc: &EventDoc, range: &DateRange) -> Option<Matched> {
        if let Some(span) = &doc.span
            && span.overlaps(range.first, range.last)
        {
            let inside = range.first <= span.first_day() && span.last_day() <= range.last;
            let base = if inside { DATE_INSIDE } else { DATE_OVERLAP };
            let finer = match span.start.precision() {
                Precision::Year => 0,
                Precision::Month => 1,
                Precision::Day => 2,
            };
            return Some(Matched {
                score: base + finer * PRECISION_STEP,
                field: None,
                how: if inside { "date within" } else { "date overlaps" },
            });
        }
        let literal = range.literal.as_deref()?;
        Field::ALL.iter().zip(&doc.fields).find_map(|(&field, f)| {
            occurrences(f, literal, Anchor::WholeWord)
                .next()
                .map(|_| Matched {
                    score: DATE_LITERAL,
                    field: Some(field),
                    how: "date in text",
                })
        })
    }

    /// Whether a field filter holds for the event.
    fn filter(&self, doc: &EventDoc, filter: &Filter) -> bool {
        let all_words = |text: &str, words: &[String]| words.iter().all(|w| self.fuzzy_in(text, w).is_some());
        match filter {
            Filter::Tab(tab) => doc.tab.split(' ').any(|w| w.starts_with(tab.as_str())),
            Filter::Actor(words) => all_words(&doc.actors, words),
            Filter::Place(words) => all_words(&doc.places, words),
            Filter::Source(outlet) => doc.sources.contains(outlet.as_str()),
            Filter::Footnote(n) => doc.footnotes.contains(n),
            Filter::Kind(kind) => doc.kinds.contains(kind),
        }
    }

    /// Score of one atom against one event, if it matches.
    fn atom(&self, doc: &EventDoc, atom: &Atom) -> Option<Matched> {
        let per_char = |s: &str| EXACT_PER_CHAR * s.chars().count() as i64;
        match atom {
            Atom::Fuzzy(word) => self.fuzzy(doc, word),
            Atom::Date(range) => Self::date(doc, range),
            Atom::Exact(_) | Atom::Prefix(_) | Atom::Suffix(_) => {
                let (needle, anchor) = literal(atom)?;
                Field::ALL.iter().zip(&doc.fields).find_map(|(&field, f)| {
                    occurrences(f, needle, anchor).next().map(|_| Matched {
                        score: per_char(needle) * field.weight() / 100,
                        field: Some(field),
                        how: "literal",
                    })
                })
            }
            Atom::Filter(filter) => self.filter(doc, filter).then_some(Matched {
                score: FILTER_SCORE,
                field: None,
                how: "filter",
            }),
        }
    }

    /// How each clause of the query scores for one event: the clause's
    /// best alternative, or `None` where it does not match. A negated
    /// clause holds when its entry is `None`.
    pub fn explain(&self, query: &Query, event: usize) -> Vec<Option<Matched>> {
        let Some(doc) = self.docs.get(event) else {
            return Vec::new();
        };
        query
            .clauses
            .iter()
            .map(|clause| {
                clause
                    .alternatives
                    .iter()
                    .filter_map(|a| self.atom(doc, a))
                    .max_by_key(|m| m.score)
            })
            .collect()
    }

    /// Total score of the query for one event; `None` if it does not match.
    fn score(&self, doc: &EventDoc, query: &Query) -> Option<i64> {
        let mut total = 0;
        for clause in &query.clauses {
            let best = clause
                .alternatives
                .iter()
                .filter_map(|a| self.atom(doc, a))
                .map(|m| m.score)
                .max();
            match (best, clause.negated) {
                (Some(s), false) => total += s,
                (None, true) => {}
                _ => return None,
            }
        }
        Some(total)
    }

    /// All matching events, best first; ties go to the newer event.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(event, doc)| {
                Some(Hit {
                    event,
                    score: self.score(doc, query)?,
                })
            })
            .collect();
        let newest = |h: &Hit| -> Day { self.docs[h.event].span.map_or((i32::MIN, 0, 0), |s| s.last_day()) };
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| newest(b).cmp(&newest(a)))
                .then(a.event.cmp(&b.event))
        });
        hits
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

    /// Like [`SearchIndex::search`], but when nothing matches and a
    /// corrected query finds something, returns that instead.
    pub fn search_forgiving(&self, query: &Query) -> Outcome {
        let hits = self.search(query);
        if hits.is_empty()
            && let Some(fixed) = self.corrected(query)
        {
            let hits = self.search(&fixed);
            if !hits.is_empty() {
                return Outcome {
                    hits,
                    corrected: Some(fixed),
                };
            }
        }
        Outcome {
            hits,
            corrected: None,
        }
    }

    /// Match positions of the query's positive words in one event's title
    /// and summary, in chars of the original text.
    pub fn highlights(&self, query: &Query, event: usize) -> Highlights {
        let Some((title, summary)) = self.texts.get(event) else {
            return Highlights::default();
        };
        let positions = |text: &str| {
            let (folded, map) = fold_map(text);
            let mut out: Vec<usize> = query
                .clauses
                .iter()
                .filter(|c| !c.negated)
                .flat_map(|c| &c.alternatives)
                .flat_map(|atom| self.atom_positions(&folded, atom))
                .filter_map(|i| map.get(i).copied())
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        };
        Highlights {
            title: positions(title),
            summary: positions(summary),
        }
    }

    /// Char positions in `folded` where `atom` matches.
    fn atom_positions(&self, folded: &str, atom: &Atom) -> Vec<usize> {
        if let Atom::Fuzzy(word) = atom {
            return self
                .fuzzy_in(folded, word)
                .map(|(_, idx)| idx)
                .unwrap_or_default();
        }
        let Some((needle, anchor)) = literal(atom) else {
            return Vec::new();
        };
        let len = needle.chars().count();
        occurrences(folded, needle, anchor)
            .flat_map(|byte| {
                let first = folded[..byte].chars().count();
                first..first + len
            })
            .collect()
    }
}

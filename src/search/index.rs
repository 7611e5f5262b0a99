//! The search index: each event's text folded once, and ranking.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::{fold, fold_map};
use super::query::{Atom, DateRange, Query};
use crate::date::{Day, PartialDate, Precision, Span};
use crate::format;
use crate::model::{Dataset, Event};

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

/// One event's searchable text, folded.
#[derive(Debug, Clone)]
struct EventDoc {
    fields: [String; 4],
    tab: String,
    /// `None` when the date does not parse (only in unvalidated data).
    span: Option<Span>,
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

/// Events folded for matching; built once per dataset.
pub struct SearchIndex {
    docs: Vec<EventDoc>,
    /// Original title and summary, for highlight positions.
    texts: Vec<(String, String)>,
    matcher: SkimMatcherV2,
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
/// Score of a matched exact, prefix, suffix or tab atom, per char.
const EXACT_PER_CHAR: i64 = 24;

fn names_text(dataset: &Dataset, event: &Event) -> String {
    let mut out = String::new();
    for id in event.actors.iter().chain(&event.places) {
        if let Some(entity) = dataset.entity(id) {
            out.push_str(&entity.name);
            out.push_str(" · ");
            for alias in &entity.aliases {
                out.push_str(alias);
                out.push_str(" · ");
            }
        }
    }
    out
}

fn other_text(dataset: &Dataset, event: &Event, span: Option<&Span>) -> String {
    let mut out = String::new();
    let mut push = |s: &str| {
        out.push_str(s);
        out.push_str(" · ");
    };
    for quote in &event.quotes {
        push(&quote.text);
        if let Some(speaker) = dataset.entity(&quote.speaker) {
            push(&speaker.name);
        }
    }
    for figure in &event.figures {
        push(&format::figure(figure));
        push(&figure.measure);
    }
    push(&event.date);
    if let Some(end) = &event.end {
        push(end);
    }
    if let Some(span) = span {
        push(&span.long());
        push(&span.short());
    }
    out
}

fn span_of(event: &Event) -> Option<Span> {
    let start = PartialDate::parse(&event.date).ok()?;
    let end = match &event.end {
        Some(e) => Some(PartialDate::parse(e).ok()?),
        None => None,
    };
    Some(Span { start, end })
}

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
        Atom::Fuzzy(_) | Atom::Tab(_) => None,
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
        let docs = dataset
            .events
            .iter()
            .map(|event| {
                let span = span_of(event);
                let tab_title = dataset.tab(&event.tab).map_or("", |t| t.title.as_str());
                EventDoc {
                    fields: [
                        fold(&event.title),
                        fold(&names_text(dataset, event)),
                        fold(&event.summary),
                        fold(&other_text(dataset, event, span.as_ref())),
                    ],
                    tab: fold(&format!("{} {tab_title}", event.tab)),
                    span,
                }
            })
            .collect();
        let texts = dataset
            .events
            .iter()
            .map(|e| (e.title.clone(), e.summary.clone()))
            .collect();
        SearchIndex {
            docs,
            texts,
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
            Atom::Tab(tab) => doc
                .tab
                .split(' ')
                .any(|w| w.starts_with(tab.as_str()))
                .then(|| Matched {
                    score: per_char(tab),
                    field: None,
                    how: "tab",
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

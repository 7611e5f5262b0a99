//! The indexed form of a dataset: every event's text as token ids into one
//! vocabulary, stored in one flat array, plus the facts filters test.
//!
//! One flat `Vec<u32>` keeps a million events compact and cache-friendly;
//! the vocabulary is scored once per query instead of every event's text.

use std::collections::HashMap;

use super::fold::fold;
use super::query::EventKind;
use super::text::{SLOTS, slots, tokens};
use crate::date::{Day, PartialDate, Precision, Span};
use crate::model::{Dataset, Event, Resolution};

/// The distinct tokens of the dataset, with how often each occurs.
#[derive(Debug, Default)]
pub(super) struct Vocab {
    ids: HashMap<Box<str>, u32>,
    pub words: Vec<Box<str>>,
    pub counts: Vec<u32>,
}

impl Vocab {
    fn intern(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            self.counts[id as usize] += 1;
            return id;
        }
        let id = u32::try_from(self.words.len()).expect("fewer than 4 billion distinct tokens");
        self.ids.insert(token.into(), id);
        self.words.push(token.into());
        self.counts.push(1);
        id
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }
}

/// An event's date interval, flattened for quick comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DateSpan {
    pub first: Day,
    pub last: Day,
    pub precision: Precision,
}

/// What the filters and the date atoms need of one event.
#[derive(Debug, Clone, Default)]
pub(super) struct Facts {
    /// Index into [`Corpus::tabs`].
    pub tab: u16,
    pub span: Option<DateSpan>,
    pub kinds: u8,
    /// Footnotes cited by the event or its quotes, and the full citations
    /// their back-references stand for.
    pub footnotes: Box<[u32]>,
    /// Indices into [`Corpus::outlets`] of the cited footnotes' outlets.
    pub outlets: Box<[u32]>,
}

/// Bit of [`Facts::kinds`] for each event kind.
pub(super) fn kind_bit(kind: EventKind) -> u8 {
    match kind {
        EventKind::Quote => 1,
        EventKind::Figure => 2,
        EventKind::Planned => 4,
        EventKind::Span => 8,
    }
}

/// The whole dataset, indexed.
#[derive(Debug, Default)]
pub(super) struct Corpus {
    pub vocab: Vocab,
    /// Token ids of every event's slots, back to back.
    pub tokens: Vec<u32>,
    /// `tokens[bounds[SLOTS*e + s]..bounds[SLOTS*e + s + 1]]` is slot `s` of
    /// event `e`.
    pub bounds: Vec<u32>,
    pub facts: Vec<Facts>,
    /// Folded "id title" of each distinct tab.
    pub tabs: Vec<String>,
    /// Folded distinct outlets.
    pub outlets: Vec<String>,
}

/// The span an event covers; `None` when its dates do not parse (only in
/// unvalidated data).
pub(super) fn span_of(event: &Event) -> Option<Span> {
    let start = PartialDate::parse(&event.date).ok()?;
    let end = match &event.end {
        Some(e) => Some(PartialDate::parse(e).ok()?),
        None => None,
    };
    Some(Span { start, end })
}

/// Index of `value` in `table`, adding it if new.
fn position_or_push(table: &mut Vec<String>, value: String) -> u32 {
    let index = table.iter().position(|t| *t == value).unwrap_or_else(|| {
        table.push(value);
        table.len() - 1
    });
    index as u32
}

impl Corpus {
    /// Indexes every event of the dataset.
    pub fn new(dataset: &Dataset) -> Corpus {
        let mut corpus = Corpus::default();
        let mut outlet_ids: HashMap<String, u32> = HashMap::new();
        corpus.bounds.push(0);
        for event in &dataset.events {
            for text in slots(dataset, event) {
                for (_, token) in tokens(&text) {
                    let id = corpus.vocab.intern(token);
                    corpus.tokens.push(id);
                }
                let end = u32::try_from(corpus.tokens.len()).expect("fewer than 4 billion tokens");
                corpus.bounds.push(end);
            }
            let facts = corpus.facts_of(dataset, event, &mut outlet_ids);
            corpus.facts.push(facts);
        }
        corpus
    }

    fn facts_of(&mut self, dataset: &Dataset, event: &Event, outlet_ids: &mut HashMap<String, u32>) -> Facts {
        let tab_title = dataset.tab(&event.tab).map_or("", |t| t.title.as_str());
        let tab = position_or_push(&mut self.tabs, fold(&format!("{} {tab_title}", event.tab)));
        let cited = event
            .footnotes
            .iter()
            .chain(event.quotes.iter().map(|q| &q.footnote));
        let mut footnotes: Vec<u32> = Vec::new();
        let mut outlets: Vec<u32> = Vec::new();
        let mut outlet = |name: &str| {
            let folded = fold(name);
            let next = outlet_ids.len() as u32;
            let id = *outlet_ids.entry(folded.clone()).or_insert_with(|| {
                self.outlets.push(folded);
                next
            });
            outlets.push(id);
        };
        for &n in cited {
            footnotes.push(n);
            match dataset.resolve(n) {
                Some(Resolution::Citation(c)) => outlet(&c.outlet),
                // `fn:7` also finds events citing "ibid" notes that stand for 7.
                Some(Resolution::SameAs { number, citation }) => {
                    footnotes.push(number);
                    outlet(&citation.outlet);
                }
                _ => {}
            }
        }
        footnotes.sort_unstable();
        footnotes.dedup();
        outlets.sort_unstable();
        outlets.dedup();
        let kinds = [
            (!event.quotes.is_empty(), EventKind::Quote),
            (!event.figures.is_empty(), EventKind::Figure),
            (event.planned, EventKind::Planned),
            (event.end.is_some(), EventKind::Span),
        ]
        .into_iter()
        .filter(|(has, _)| *has)
        .fold(0, |bits, (_, kind)| bits | kind_bit(kind));
        Facts {
            tab: u16::try_from(tab).unwrap_or(u16::MAX),
            span: span_of(event).map(|s| DateSpan {
                first: s.first_day(),
                last: s.last_day(),
                precision: s.start.precision(),
            }),
            kinds,
            footnotes: footnotes.into(),
            outlets: outlets.into(),
        }
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Token ids of slot `slot` of event `event`.
    pub fn slot(&self, event: usize, slot: usize) -> &[u32] {
        let at = SLOTS * event + slot;
        &self.tokens[self.bounds[at] as usize..self.bounds[at + 1] as usize]
    }

    /// Token ids of slots `from..to` of event `event`, contiguous.
    pub fn slots(&self, event: usize, from: usize, to: usize) -> &[u32] {
        let at = SLOTS * event;
        &self.tokens[self.bounds[at + from] as usize..self.bounds[at + to] as usize]
    }
}

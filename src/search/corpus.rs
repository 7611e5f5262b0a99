//! The indexed form of a dataset: every event's text as token ids into one
//! vocabulary, stored in one flat array, plus the facts filters test.
//!
//! One flat `Vec<u32>` keeps a million events compact and cache-friendly;
//! the vocabulary is scored once per query instead of every event's text.

use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::fold::{fold, fold_into};
use super::query::EventKind;
use super::text::{
    SLOT_ACTORS, SLOT_OTHER, SLOT_PLACES, SLOT_SUMMARY, SLOT_TITLE, SLOTS, entity_names, other, words,
};
use crate::date::{Day, Precision};
use crate::lookup::{DatasetIndex, Lookup};
use crate::model::{Basis, Dataset, Event, Resolution};

/// The distinct tokens of the dataset, with how often each occurs.
#[derive(Debug, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct Vocab {
    /// Only needed while building; a stored index leaves it out. Keys
    /// of up to 24 bytes are held in the table itself: looking a token up
    /// then reads no other memory, where a boxed key cost a cache miss on
    /// most of the hundred million lookups of a million events.
    #[rkyv(with = rkyv::with::Skip)]
    ids: FxHashMap<CompactString, u32>,
    pub words: Vec<Box<str>>,
    pub counts: Vec<u32>,
}

impl Vocab {
    /// The id of `token`, added if new; `n` more occurrences counted.
    fn intern(&mut self, token: &str, n: u32) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            self.counts[id as usize] += n;
            return id;
        }
        let id = u32::try_from(self.words.len()).expect("fewer than 4 billion distinct tokens");
        self.ids.insert(CompactString::from(token), id);
        self.words.push(token.into());
        self.counts.push(n);
        id
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }
}

/// An event's date interval, flattened for quick comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct DateSpan {
    pub first: Day,
    pub last: Day,
    pub precision: Precision,
}

/// Ranks undated events (only in unvalidated data) below every date.
const NO_DAY: Day = (i32::MIN, 0, 0);

/// What the filters and the date atoms need of one event.
#[derive(Debug, Clone, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
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
        EventKind::External => 16,
        EventKind::Derived => 32,
    }
}

/// Stored in place of a token id that does not fit 16 bits; the id itself
/// is in [`Corpus::rare`]. Ids are numbered in order of first occurrence,
/// so the frequent words of a dataset get the short ids.
pub(super) const ESCAPE: u16 = u16::MAX;

/// A token whose id does not fit 16 bits, and the slot it sits in.
#[derive(Debug, Clone, Copy, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct Rare {
    pub id: u32,
    pub slot: u8,
}

/// The whole dataset, indexed.
/// Stored in the index cache as an rkyv archive: its flat arrays are read
/// back at the speed of a copy, where a varint format decodes every
/// number (1.7 s of a warm open at a million events).
#[derive(Debug, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct Corpus {
    pub vocab: Vocab,
    /// Token ids of every event's slots, back to back, in 16 bits: half
    /// the memory each keystroke's scan reads, which is what bounds it.
    pub tokens: Vec<u16>,
    /// `tokens[bounds[SLOTS*e + s]..bounds[SLOTS*e + s + 1]]` is slot `s` of
    /// event `e`.
    pub bounds: Vec<u32>,
    /// The ids behind each [`ESCAPE`], in order.
    pub rare: Vec<Rare>,
    /// `rare[rare_bounds[e]..rare_bounds[e + 1]]` belong to event `e`.
    pub rare_bounds: Vec<u32>,
    pub facts: Vec<Facts>,
    /// The last day of each event, for ranking ties: kept apart from
    /// `facts` so that ranking reads one dense array.
    pub newest: Vec<Day>,
    /// Folded "id title" of each distinct tab.
    pub tabs: Vec<String>,
    /// Folded distinct outlets.
    pub outlets: Vec<String>,
}

/// What each tab and each footnote contributes to an event's facts,
/// worked out once per dataset so facts can be gathered in parallel.
struct FactTables<'a> {
    /// Tab id → index into [`Corpus::tabs`].
    tabs: FxHashMap<&'a str, u16>,
    /// Footnote number → (outlet id, the number of the full citation a
    /// back-reference stands for).
    notes: FxHashMap<u32, (Option<u32>, Option<u32>)>,
}

impl<'a> FactTables<'a> {
    /// The tables, and the folded tab and outlet names they index.
    fn new(
        dataset: &'a Dataset,
        events: &'a [Event],
        lookup: Lookup<'a>,
    ) -> (FactTables<'a>, Vec<String>, Vec<String>) {
        let mut tab_names: Vec<String> = Vec::new();
        let mut tabs = FxHashMap::default();
        for event in events {
            tabs.entry(event.tab.as_str()).or_insert_with(|| {
                let title = dataset.tab(&event.tab).map_or("", |t| t.title.as_str());
                tab_names.push(fold(&format!("{} {title}", event.tab)));
                u16::try_from(tab_names.len() - 1).unwrap_or(u16::MAX)
            });
        }
        let mut outlet_names: Vec<String> = Vec::new();
        let mut outlet_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut notes = FxHashMap::default();
        for footnote in &dataset.footnotes {
            let (citation, same_as) = match lookup.resolve(footnote.number) {
                Some(Resolution::Citation(c)) => (Some(c), None),
                Some(Resolution::SameAs { number, citation }) => (Some(citation), Some(number)),
                _ => (None, None),
            };
            let outlet = citation.map(|c| {
                let folded = fold(&c.outlet);
                *outlet_ids.entry(folded.clone()).or_insert_with(|| {
                    outlet_names.push(folded);
                    outlet_names.len() as u32 - 1
                })
            });
            notes.entry(footnote.number).or_insert((outlet, same_as));
        }
        (FactTables { tabs, notes }, tab_names, outlet_names)
    }

    /// What the filters and date atoms need of `event`.
    fn facts(&self, event: &Event) -> Facts {
        let cited = event
            .footnotes
            .iter()
            .chain(event.quotes.iter().map(|q| &q.footnote));
        let mut footnotes: Vec<u32> = Vec::new();
        let mut outlets: Vec<u32> = Vec::new();
        for &n in cited {
            footnotes.push(n);
            if let Some(&(outlet, same_as)) = self.notes.get(&n) {
                outlets.extend(outlet);
                // `fn:7` also finds events citing "ibid" notes that stand for 7.
                footnotes.extend(same_as);
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
            (event.has_basis(Basis::External), EventKind::External),
            (event.has_basis(Basis::Derived), EventKind::Derived),
        ]
        .into_iter()
        .filter(|(has, _)| *has)
        .fold(0, |bits, (_, kind)| bits | kind_bit(kind));
        Facts {
            tab: self.tabs.get(event.tab.as_str()).copied().unwrap_or(u16::MAX),
            span: event.span().map(|s| DateSpan {
                first: s.first_day(),
                last: s.last_day(),
                precision: s.start.precision(),
            }),
            kinds,
            footnotes: footnotes.into(),
            outlets: outlets.into(),
        }
    }
}

/// Events per chunk of the parallel build: large enough that a chunk's
/// own vocabulary is much smaller than its text.
const CHUNK: usize = 2_048;

/// The token ids of a run of events, with ids local to the chunk: chunks
/// are tokenized in parallel, then their vocabularies merged in order, so
/// ids come out exactly as a sequential build would number them.
#[derive(Default)]
struct Chunk {
    vocab: Vocab,
    tokens: Vec<u32>,
    /// Token count at the end of each slot, relative to the chunk.
    ends: Vec<u32>,
    /// The folded text of the slot being read, its buffer kept from one
    /// slot to the next.
    folded: String,
}

impl Chunk {
    fn push_text(&mut self, text: &str) {
        let mut folded = std::mem::take(&mut self.folded);
        folded.clear();
        fold_into(text, &mut folded);
        for token in words(&folded) {
            let id = self.vocab.intern(token, 1);
            self.tokens.push(id);
        }
        self.folded = folded;
    }

    fn end_slot(&mut self) {
        self.ends
            .push(u32::try_from(self.tokens.len()).expect("fewer than 4 billion tokens"));
    }

    /// Tokenizes `events`; each entity's names are folded once per chunk.
    fn build(lookup: Lookup<'_>, events: &[Event]) -> Chunk {
        let mut chunk = Chunk::default();
        // By the id an event names, so that a name seen before costs one
        // lookup; an id of no entity (only in unvalidated data) adds none.
        let mut entity_tokens: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
        for event in events {
            for slot in 0..SLOTS {
                match slot {
                    SLOT_ACTORS | SLOT_PLACES => {
                        let ids = if slot == SLOT_ACTORS {
                            &event.actors
                        } else {
                            &event.places
                        };
                        for id in ids {
                            let cached = entity_tokens.entry(id).or_insert_with(|| {
                                lookup.entity(id).map_or_else(Vec::new, |entity| {
                                    let folded = fold(&entity_names(entity));
                                    words(&folded).map(|t| chunk.vocab.intern(t, 0)).collect()
                                })
                            });
                            for &id in cached.iter() {
                                chunk.vocab.counts[id as usize] += 1;
                            }
                            chunk.tokens.extend_from_slice(cached);
                        }
                    }
                    SLOT_TITLE => chunk.push_text(&event.title),
                    SLOT_SUMMARY => chunk.push_text(&event.summary),
                    SLOT_OTHER => chunk.push_text(&other(lookup, event)),
                    _ => unreachable!("five slots"),
                }
                chunk.end_slot();
            }
        }
        chunk
    }
}

impl Corpus {
    /// Indexes `events`, those of the dataset whose entities and
    /// footnotes `dataset` holds (its own events are not read), tokenizing
    /// on every core.
    pub fn new(dataset: &Dataset, events: &[Event]) -> Corpus {
        let index = DatasetIndex::new();
        let lookup = Lookup::new(dataset, &index);
        let mut corpus = Corpus::default();
        corpus.bounds.push(0);
        corpus.rare_bounds.push(0);
        // A few chunks per core at a time: chunk buffers stay small
        // instead of holding the whole dataset's tokens twice.
        let window = CHUNK * 2 * rayon::current_num_threads();
        // Merging is sequential: each window is merged while the next is
        // tokenized, instead of leaving the other cores idle meanwhile.
        let mut tokenized: Option<Vec<Chunk>> = None;
        for events in events.chunks(window) {
            let ((), chunks) = rayon::join(
                || {
                    if let Some(chunks) = tokenized.take() {
                        corpus.merge(chunks);
                    }
                },
                || {
                    events
                        .par_chunks(CHUNK)
                        .map(|run| Chunk::build(lookup, run))
                        .collect::<Vec<Chunk>>()
                },
            );
            tokenized = Some(chunks);
        }
        if let Some(chunks) = tokenized {
            corpus.merge(chunks);
        }
        let (tables, tabs, outlets) = FactTables::new(dataset, events, lookup);
        corpus.facts = events.par_iter().map(|event| tables.facts(event)).collect();
        corpus.newest = corpus
            .facts
            .iter()
            .map(|f| f.span.map_or(NO_DAY, |s| s.last))
            .collect();
        corpus.tabs = tabs;
        corpus.outlets = outlets;
        corpus
    }

    /// Appends chunks, renumbering their tokens into the global vocabulary.
    fn merge(&mut self, chunks: Vec<Chunk>) {
        for chunk in chunks {
            let global: Vec<u32> = chunk
                .vocab
                .words
                .iter()
                .zip(&chunk.vocab.counts)
                .map(|(word, &n)| self.vocab.intern(word, n))
                .collect();
            let base = u32::try_from(self.tokens.len()).expect("fewer than 4 billion tokens");
            let mut from = 0;
            for (i, &end) in chunk.ends.iter().enumerate() {
                let slot = i % SLOTS;
                for &local in &chunk.tokens[from..end as usize] {
                    let id = global[local as usize];
                    match u16::try_from(id) {
                        Ok(short) if short != ESCAPE => self.tokens.push(short),
                        _ => {
                            self.tokens.push(ESCAPE);
                            self.rare.push(Rare { id, slot: slot as u8 });
                        }
                    }
                }
                from = end as usize;
                self.bounds.push(base + end);
                if slot == SLOTS - 1 {
                    self.rare_bounds
                        .push(u32::try_from(self.rare.len()).expect("fewer than 4 billion tokens"));
                }
            }
        }
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether this corpus, read back from a file, is sound and is the one
    /// `dataset` indexes to: every id and bound in range (so searching
    /// cannot panic), and a sample of events tokenized again to the same
    /// words (so an index built by other tokenizing rules is refused).
    pub fn agrees_with(&self, dataset: &Dataset) -> bool {
        let n = dataset.events.len();
        let sampled: Vec<Event> = Corpus::sample(n).map(|e| dataset.events[e].clone()).collect();
        self.agrees_with_sample(dataset, n, &sampled)
    }

    /// The events of `n` that [`Corpus::agrees_with_sample`] tokenizes
    /// again: 17 spread over them.
    pub fn sample(n: usize) -> impl Iterator<Item = usize> {
        (0..n).step_by((n / 16).max(1)).chain(n.checked_sub(1))
    }

    /// As [`Corpus::agrees_with`], for a dataset of `n` events of which
    /// only those of [`Corpus::sample`] are at hand, in `sampled`, and
    /// `meta` holds the rest (the entities and footnotes they name).
    pub fn agrees_with_sample(&self, meta: &Dataset, n: usize, sampled: &[Event]) -> bool {
        let sized = self.facts.len() == n
            && self.newest.len() == n
            && self.bounds.len() == SLOTS * n + 1
            && self.rare_bounds.len() == n + 1
            && self.vocab.words.len() == self.vocab.counts.len();
        let ascending = |b: &[u32], end: usize| {
            b.first() == Some(&0) && b.windows(2).all(|w| w[0] <= w[1]) && b.last() == Some(&(end as u32))
        };
        let words = self.vocab.len();
        // On every core: at a million events these passes read the whole
        // index before the first frame.
        sized
            && ascending(&self.bounds, self.tokens.len())
            && ascending(&self.rare_bounds, self.rare.len())
            && self
                .tokens
                .par_iter()
                .all(|&t| t == ESCAPE || usize::from(t) < words)
            && self
                .rare
                .par_iter()
                .all(|r| (r.id as usize) < words && usize::from(r.slot) < SLOTS)
            && self
                .facts
                .par_iter()
                .all(|f| f.outlets.iter().all(|&o| (o as usize) < self.outlets.len()))
            && (0..n).into_par_iter().all(|e| self.escapes_agree(e))
            && self.sample_agrees(meta, n, sampled)
    }

    /// Whether each slot of event `e` has as many escapes as rare tokens,
    /// the rare ones in slot order.
    fn escapes_agree(&self, e: usize) -> bool {
        let rare = self.rare(e);
        rare.windows(2).all(|w| w[0].slot <= w[1].slot)
            && (0..SLOTS).all(|slot| {
                let escapes = self
                    .short(e, slot, slot + 1)
                    .iter()
                    .filter(|&&t| t == ESCAPE)
                    .count();
                escapes == rare.iter().filter(|r| usize::from(r.slot) == slot).count()
            })
    }

    /// Whether a few events, tokenized again, give the stored words.
    fn sample_agrees(&self, meta: &Dataset, n: usize, sampled: &[Event]) -> bool {
        let index = DatasetIndex::new();
        let lookup = Lookup::new(meta, &index);
        let mut sampled = sampled.iter();
        Corpus::sample(n).all(|e| {
            let Some(event) = sampled.next() else {
                return false;
            };
            let fresh = Chunk::build(lookup, std::slice::from_ref(event));
            let mut from = 0;
            (0..SLOTS).all(|slot| {
                let end = fresh.ends[slot] as usize;
                let again = fresh.tokens[from..end]
                    .iter()
                    .map(|&t| &*fresh.vocab.words[t as usize]);
                let stored = self
                    .ids(e, slot, slot + 1)
                    .map(|t| &*self.vocab.words[t as usize]);
                from = end;
                again.eq(stored)
            })
        })
    }

    /// Stored ids of slots `from..to` of event `event`, contiguous; each
    /// [`ESCAPE`] stands for the next of the event's [`Corpus::rare`] tokens.
    pub fn short(&self, event: usize, from: usize, to: usize) -> &[u16] {
        let at = SLOTS * event;
        &self.tokens[self.bounds[at + from] as usize..self.bounds[at + to] as usize]
    }

    /// The event's tokens whose ids do not fit 16 bits.
    pub fn rare(&self, event: usize) -> &[Rare] {
        &self.rare[self.rare_bounds[event] as usize..self.rare_bounds[event + 1] as usize]
    }

    /// Token ids of slots `from..to` of event `event`, in text order.
    pub fn ids(&self, event: usize, from: usize, to: usize) -> impl Iterator<Item = u32> + '_ {
        let mut rare = self
            .rare(event)
            .iter()
            .filter(move |r| (from..to).contains(&usize::from(r.slot)));
        self.short(event, from, to).iter().map(move |&t| match t {
            ESCAPE => rare.next().expect("a rare token behind every escape").id,
            _ => u32::from(t),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `corpus`, changed by `spoil`, is still accepted for `dataset`.
    fn accepted_after(dataset: &Dataset, spoil: impl FnOnce(&mut Corpus)) -> bool {
        let mut corpus = Corpus::new(dataset, &dataset.events);
        spoil(&mut corpus);
        corpus.agrees_with(dataset)
    }

    #[test]
    fn a_stored_corpus_must_be_sound_and_match_its_dataset() {
        let dataset = crate::data::embedded();
        assert!(accepted_after(&dataset, |_| {}));
        let words = |c: &Corpus| c.vocab.len() as u16;
        assert!(
            !accepted_after(&dataset, |c| c.tokens[0] = words(c)),
            "an id past the vocabulary"
        );
        assert!(
            !accepted_after(&dataset, |c| c.bounds[1] = u32::MAX),
            "a bound past the tokens"
        );
        assert!(
            !accepted_after(&dataset, |c| c.bounds.pop().map(drop).unwrap()),
            "bounds cut short"
        );
        assert!(
            !accepted_after(&dataset, |c| c.tokens[0] = ESCAPE),
            "an escape with no rare token"
        );
        assert!(
            !accepted_after(&dataset, |c| c.facts[0].outlets = vec![u32::MAX].into()),
            "an outlet past the table"
        );
        // Sound, but another text: a later event's tokens changed.
        let last = dataset.events.len() - 1;
        assert!(!accepted_after(&dataset, |c| {
            let at = c.bounds[SLOTS * last] as usize;
            c.tokens[at] = (c.tokens[at] + 1) % words(c);
        }));
        let mut shorter = dataset.clone();
        shorter.events.pop();
        assert!(
            !Corpus::new(&shorter, &shorter.events).agrees_with(&dataset),
            "another number of events"
        );
    }
}

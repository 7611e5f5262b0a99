//! For each token, the events that contain it and in which slots. A rare
//! word's events, and its score in each, are read from its tokens' lists
//! instead of from every event's text: most of a keystroke at 100,000
//! events was that read. Beside them, the letters and digits each event
//! holds, which count the events of a one-letter word without a list.

use std::sync::atomic::{AtomicU32, Ordering};

use rayon::prelude::*;

use super::compile::{NO_MATCH, TokenScores};
use super::corpus::{Corpus, ESCAPE};
use super::index::PARALLEL_FROM;
use super::text::SLOTS;

/// An entry is an event number with the event's slots holding the token as
/// bits above it: one `u32` per entry, as before slots were kept.
const EVENT_BITS: u32 = u32::BITS - SLOTS as u32;
const EVENT_MASK: u32 = (1 << EVENT_BITS) - 1;

/// Event lists by token id and class, back to back.
#[derive(Debug, Default)]
pub(super) struct Postings {
    /// How the slots holding a token in an event (bit `s` for slot `s`)
    /// class the entry: classes `0..classes`.
    classes: usize,
    /// `entries[starts[t * classes + c]..starts[t * classes + c + 1]]`
    /// contain token `t` in slots of class `c`, ascending.
    starts: Vec<u32>,
    entries: Vec<u32>,
    pub chars: Chars,
}

/// The most runs [`Postings::new`] splits the events into.
const MAX_RUNS: usize = 4;

/// How many chars [`char_bits`] tells apart.
const CHARS: u32 = 26 + 10;
const _: () = assert!(CHARS <= u64::BITS);

/// The ASCII letters and digits among `text`'s chars, as bits: when a
/// word's matching tokens are those holding one char ([`Chars::exact`]),
/// its events are those whose bits have that char's, which needs no list
/// read (most of a keystroke of "e").
fn char_bits(text: &str) -> u64 {
    text.bytes().fold(0, |bits, b| match b {
        b'a'..=b'z' => bits | 1 << (b - b'a'),
        b'0'..=b'9' => bits | 1 << (26 + b - b'0'),
        _ => bits,
    })
}

/// The [`char_bits`] of each token, and of each event (of its tokens).
#[derive(Debug, Default)]
pub(super) struct Chars {
    token: Vec<u64>,
    event: Vec<u64>,
}

impl Chars {
    fn new(corpus: &Corpus) -> Chars {
        let token: Vec<u64> = corpus.vocab.words.iter().map(|w| char_bits(w)).collect();
        let event = (0..corpus.len())
            .into_par_iter()
            .with_min_len(4_096)
            .map(|e| {
                corpus
                    .ids(e, 0, SLOTS)
                    .fold(0, |bits, t| bits | token[t as usize])
            })
            .collect();
        Chars { token, event }
    }

    /// The bit of the char whose tokens are exactly those `scores`
    /// matches ("e" for a fuzzy "e": every token holding an "e"), if
    /// there is one: then the events that `scores` matches are those
    /// [`Chars::count`] counts.
    pub fn exact(&self, scores: &TokenScores) -> Option<u64> {
        let held = scores
            .matching()
            .fold(u64::MAX, |bits, t| bits & self.token[t as usize]);
        (0..CHARS)
            .map(|b| 1u64 << b)
            .filter(|&bit| held & bit != 0)
            .find(|&bit| {
                (0u32..)
                    .zip(&self.token)
                    .all(|(t, &chars)| (chars & bit != 0) == (scores.id(t) != NO_MATCH))
            })
    }

    /// How many events of `range` hold a token with one of the chars of
    /// `bits`.
    pub fn count(&self, bits: u64, range: std::ops::Range<u32>) -> usize {
        self.event[range.start as usize..range.end as usize]
            .iter()
            .filter(|&&chars| chars & bits != 0)
            .count()
    }
}

impl Postings {
    /// The lists of `corpus`, each token's split by the class `class_of`
    /// gives its slots in each event, so that the events where it weighs
    /// most (in a title) are read alone. Two passes over the tokens: count,
    /// then place. `None` for more events than an entry can number (2^27,
    /// far past what fits in memory): those are searched by reading events.
    pub fn new(corpus: &Corpus, class_of: &[u8; 1 << SLOTS]) -> Option<Postings> {
        // Each run keeps tables the size of the vocabulary (about 32 bytes
        // a token): past a few runs they cost more memory than they save time.
        let parts = if corpus.len() < PARALLEL_FROM {
            1
        } else {
            rayon::current_num_threads().min(MAX_RUNS)
        };
        Postings::in_parts(corpus, class_of, parts)
    }

    /// [`Postings::new`], its passes split among `parts` runs of events
    /// read side by side: each run counts its entries, then places them
    /// after those of the runs before it in each list, so lists stay in
    /// order (one pass was 4.4 s at a million events, mostly writes that
    /// miss the cache, which two cores overlap).
    fn in_parts(corpus: &Corpus, class_of: &[u8; 1 << SLOTS], parts: usize) -> Option<Postings> {
        if corpus.len() > EVENT_MASK as usize + 1 {
            return None;
        }
        let classes = class_of.iter().map(|&c| usize::from(c) + 1).max().unwrap_or(1);
        let list = |t: u32, slots: u8| t as usize * classes + usize::from(class_of[usize::from(slots)]);
        let lists = corpus.vocab.len() * classes;
        let runs: Vec<std::ops::Range<usize>> = (0..parts)
            .map(|p| corpus.len() * p / parts..corpus.len() * (p + 1) / parts)
            .collect();
        let counts: Vec<Vec<u32>> = runs
            .par_iter()
            .map(|run| {
                let mut counts = vec![0u32; lists];
                for_each_entry(corpus, run.clone(), |_, t, slots| counts[list(t, slots)] += 1);
                counts
            })
            .collect();
        // Where each run's entries of each list go.
        let mut starts = Vec::with_capacity(lists + 1);
        let mut next: Vec<Vec<u32>> = (0..parts).map(|_| Vec::with_capacity(lists)).collect();
        let mut total = 0u32;
        for l in 0..lists {
            starts.push(total);
            for (next, counts) in next.iter_mut().zip(&counts) {
                next.push(total);
                total += counts[l];
            }
        }
        starts.push(total);
        drop(counts);
        // Runs write to places of their own, interleaved in one array.
        let entries: Vec<AtomicU32> = (0..total).map(|_| AtomicU32::new(0)).collect();
        let ((), chars) = rayon::join(
            || {
                runs.into_par_iter().zip(next).for_each(|(run, mut next)| {
                    for_each_entry(corpus, run, |e, t, slots| {
                        let next = &mut next[list(t, slots)];
                        entries[*next as usize].store(e | u32::from(slots) << EVENT_BITS, Ordering::Relaxed);
                        *next += 1;
                    });
                });
            },
            || Chars::new(corpus),
        );
        Some(Postings {
            classes,
            starts,
            entries: entries.into_iter().map(AtomicU32::into_inner).collect(),
            chars,
        })
    }

    fn list(&self, t: u32, class: usize) -> &[u32] {
        let at = t as usize * self.classes + class;
        &self.entries[self.starts[at] as usize..self.starts[at + 1] as usize]
    }

    /// How many events contain token `t`.
    pub fn len(&self, t: u32) -> usize {
        let at = t as usize * self.classes;
        (self.starts[at + self.classes] - self.starts[at]) as usize
    }

    /// The events of `range` containing token `t` in slots of class
    /// `class`, ascending, each with a bit set for each slot `s` that holds
    /// the token (`1 << s`).
    pub fn events_in(
        &self,
        t: u32,
        class: usize,
        range: std::ops::Range<u32>,
    ) -> impl ExactSizeIterator<Item = (u32, u8)> + '_ {
        let list = self.list(t, class);
        let from = list.partition_point(|&entry| entry & EVENT_MASK < range.start);
        let to = list.partition_point(|&entry| entry & EVENT_MASK < range.end);
        decode(&list[from..to])
    }

    /// The events containing token `t` in slots of class `class`, as
    /// [`Postings::events_in`] gives them, of every range.
    pub fn events(&self, t: u32, class: usize) -> impl ExactSizeIterator<Item = (u32, u8)> + '_ {
        decode(self.list(t, class))
    }

    /// The events containing any of `tokens`, of `n` events.
    pub fn events_of(&self, tokens: impl Iterator<Item = u32>, n: usize) -> Marks {
        let mut events = Marks::new(0, n as u32);
        for t in tokens {
            for class in 0..self.classes {
                for &entry in self.list(t, class) {
                    events.mark(entry & EVENT_MASK);
                }
            }
        }
        events
    }
}

/// The entries of a list as (event, slots).
fn decode(list: &[u32]) -> impl ExactSizeIterator<Item = (u32, u8)> + '_ {
    list.iter()
        .map(|&entry| (entry & EVENT_MASK, (entry >> EVENT_BITS) as u8))
}

/// A set of events of the range `from..`, as bits.
#[derive(Debug)]
pub(super) struct Marks {
    from: u32,
    bits: Vec<u64>,
}

impl Marks {
    pub fn new(from: u32, to: u32) -> Marks {
        Marks {
            from,
            bits: vec![0; (to - from).div_ceil(64) as usize],
        }
    }

    fn at(&self, e: u32) -> (usize, u64) {
        let i = e - self.from;
        ((i / 64) as usize, 1 << (i % 64))
    }

    pub fn has(&self, e: u32) -> bool {
        let (word, bit) = self.at(e);
        self.bits[word] & bit != 0
    }

    /// Adds `e`; whether it was new.
    pub fn mark(&mut self, e: u32) -> bool {
        let (word, bit) = self.at(e);
        let new = self.bits[word] & bit == 0;
        self.bits[word] |= bit;
        new
    }

    pub fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// A set of events, each with its place among them in ascending order:
/// an array indexed by that place holds a value per event of the set, and
/// stays small, where one indexed by event would span them all.
pub(super) struct Ranks {
    marks: Marks,
    /// How many events of the set are below each word of `marks`.
    before: Vec<u32>,
}

impl Ranks {
    /// The set of `events`, each below `n`.
    pub fn new(events: impl Iterator<Item = u32>, n: usize) -> Ranks {
        let mut marks = Marks::new(0, n as u32);
        for e in events {
            marks.mark(e);
        }
        let before = marks
            .bits
            .iter()
            .scan(0u32, |count, word| {
                let before = *count;
                *count += word.count_ones();
                Some(before)
            })
            .collect();
        Ranks { marks, before }
    }

    /// The place of event `e` in the set, `None` if it is not in it.
    pub fn rank(&self, e: u32) -> Option<usize> {
        let (word, bit) = self.marks.at(e);
        let bits = self.marks.bits[word];
        (bits & bit != 0).then(|| (self.before[word] + (bits & (bit - 1)).count_ones()) as usize)
    }
}

/// Calls `f(event, token id, slots)` once for each distinct token of each
/// event of `events`, in order, with the token's slots as bits.
fn for_each_entry(corpus: &Corpus, events: std::ops::Range<usize>, mut f: impl FnMut(u32, u32, u8)) {
    // Where each token of the current event is in `event`, valid while
    // `last` names that event.
    let mut last = vec![u32::MAX; corpus.vocab.len()];
    let mut at = vec![0u32; corpus.vocab.len()];
    let mut event: Vec<(u32, u8)> = Vec::new();
    for e in events {
        let number = e as u32;
        event.clear();
        let short = (0..SLOTS).flat_map(|slot| {
            corpus
                .short(e, slot, slot + 1)
                .iter()
                .filter(|&&t| t != ESCAPE)
                .map(move |&t| (u32::from(t), slot))
        });
        let rare = corpus.rare(e).iter().map(|r| (r.id, usize::from(r.slot)));
        for (t, slot) in short.chain(rare) {
            let i = t as usize;
            if last[i] != number {
                last[i] = number;
                at[i] = event.len() as u32;
                event.push((t, 0));
            }
            event[at[i] as usize].1 |= 1 << slot;
        }
        for &(t, slots) in &event {
            f(number, t, slots);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_token_lists_the_events_and_slots_containing_it_once_in_order_by_class() {
        let dataset = crate::data::embedded();
        let corpus = Corpus::new(&dataset, &dataset.events);
        // The title alone, with others, and no title.
        let class_of: [u8; 1 << SLOTS] = std::array::from_fn(|slots| match slots {
            1 => 0,
            _ if slots & 1 != 0 => 1,
            _ => 2,
        });
        let postings = Postings::new(&corpus, &class_of).expect("a small corpus has postings");
        let all = 0..corpus.len() as u32;
        for t in 0..corpus.vocab.len() as u32 {
            let expected: Vec<(u32, u8)> = (0..corpus.len())
                .map(|e| {
                    let slots = (0..SLOTS)
                        .filter(|&s| corpus.ids(e, s, s + 1).any(|id| id == t))
                        .fold(0u8, |bits, s| bits | 1 << s);
                    (e as u32, slots)
                })
                .filter(|&(_, slots)| slots != 0)
                .collect();
            let word = &corpus.vocab.words[t as usize];
            assert_eq!(postings.len(t), expected.len(), "token {word:?}");
            for class in 0..3 {
                let of_class: Vec<(u32, u8)> = expected
                    .iter()
                    .copied()
                    .filter(|&(_, slots)| usize::from(class_of[usize::from(slots)]) == class)
                    .collect();
                assert_eq!(
                    postings.events_in(t, class, all.clone()).collect::<Vec<_>>(),
                    of_class,
                    "token {word:?}, class {class}"
                );
            }
            // A range cuts each list to its events.
            let half = corpus.len() as u32 / 2;
            let cut: Vec<(u32, u8)> = (0..3)
                .flat_map(|c| postings.events_in(t, c, half..half + 3))
                .collect();
            assert!(
                cut.iter().all(|&(e, _)| (half..half + 3).contains(&e)),
                "token {word:?}"
            );
            assert_eq!(
                cut.len(),
                expected
                    .iter()
                    .filter(|&&(e, _)| (half..half + 3).contains(&e))
                    .count()
            );
        }
    }

    #[test]
    fn ranks_number_the_events_of_the_set_in_order() {
        // Across words of the bit set, at both ends of a word.
        let events = [0u32, 1, 63, 64, 130, 191, 999];
        let ranks = Ranks::new(events.iter().copied(), 1_000);
        for e in 0..1_000u32 {
            assert_eq!(ranks.rank(e), events.iter().position(|&x| x == e), "event {e}");
        }
    }

    #[test]
    fn lists_built_in_parts_equal_those_built_in_one() {
        let dataset = crate::data::embedded();
        let corpus = Corpus::new(&dataset, &dataset.events);
        let class_of = &super::super::index::weight_classes().1;
        let whole = Postings::in_parts(&corpus, class_of, 1).expect("a small corpus has postings");
        for parts in [2, 3, 7] {
            let split = Postings::in_parts(&corpus, class_of, parts).expect("a small corpus has postings");
            assert_eq!(
                (&split.starts, &split.entries),
                (&whole.starts, &whole.entries),
                "{parts} parts"
            );
        }
    }
}

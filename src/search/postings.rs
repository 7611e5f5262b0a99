//! For each token, the events that contain it and in which slots. A rare
//! word's events, and its score in each, are read from its tokens' lists
//! instead of from every event's text: most of a keystroke at 100,000
//! events was that read.

use super::corpus::{Corpus, ESCAPE};
use super::text::SLOTS;

/// An entry is an event number with the event's slots holding the token as
/// bits above it: one `u32` per entry, as before slots were kept.
const EVENT_BITS: u32 = u32::BITS - SLOTS as u32;
const EVENT_MASK: u32 = (1 << EVENT_BITS) - 1;

/// Event lists by token id, back to back.
#[derive(Debug, Default)]
pub(super) struct Postings {
    /// `entries[starts[t]..starts[t + 1]]` contain token `t`, ascending.
    starts: Vec<u32>,
    entries: Vec<u32>,
}

impl Postings {
    /// The lists of `corpus`, in two passes over its tokens: count, then
    /// place. `None` for more events than an entry can number (2^27, far
    /// past what fits in memory): those are searched by reading events.
    pub fn new(corpus: &Corpus) -> Option<Postings> {
        if corpus.len() > EVENT_MASK as usize + 1 {
            return None;
        }
        let words = corpus.vocab.len();
        // The last event that listed each token: an event is listed once
        // however often it repeats the token.
        let mut last = vec![u32::MAX; words];
        let mut counts = vec![0u32; words];
        for_each_token(corpus, |e, t, _| {
            if last[t] != e {
                last[t] = e;
                counts[t] += 1;
            }
        });
        let mut starts = Vec::with_capacity(words + 1);
        let mut total = 0u32;
        for &count in &counts {
            starts.push(total);
            total += count;
        }
        starts.push(total);
        let mut next: Vec<u32> = starts[..words].to_vec();
        let mut entries = vec![0u32; total as usize];
        last.fill(u32::MAX);
        for_each_token(corpus, |e, t, slot| {
            let bit = 1 << (EVENT_BITS as usize + slot);
            if last[t] != e {
                last[t] = e;
                entries[next[t] as usize] = e | bit;
                next[t] += 1;
            } else {
                entries[next[t] as usize - 1] |= bit;
            }
        });
        Some(Postings { starts, entries })
    }

    /// The events containing token `t`, ascending, each with a bit set for
    /// each slot `s` that holds the token (`1 << s`).
    pub fn events(&self, t: u32) -> impl ExactSizeIterator<Item = (u32, u8)> + '_ {
        let t = t as usize;
        self.entries[self.starts[t] as usize..self.starts[t + 1] as usize]
            .iter()
            .map(|&entry| (entry & EVENT_MASK, (entry >> EVENT_BITS) as u8))
    }

    /// [`Postings::events`] of events `range` only.
    pub fn events_in(
        &self,
        t: u32,
        range: std::ops::Range<u32>,
    ) -> impl ExactSizeIterator<Item = (u32, u8)> + '_ {
        let t = t as usize;
        let list = &self.entries[self.starts[t] as usize..self.starts[t + 1] as usize];
        let from = list.partition_point(|&entry| entry & EVENT_MASK < range.start);
        let to = list.partition_point(|&entry| entry & EVENT_MASK < range.end);
        list[from..to]
            .iter()
            .map(|&entry| (entry & EVENT_MASK, (entry >> EVENT_BITS) as u8))
    }
}

/// Calls `f(event, token id, slot)` for every token of every event, in
/// order.
fn for_each_token(corpus: &Corpus, mut f: impl FnMut(u32, usize, usize)) {
    for e in 0..corpus.len() {
        let event = e as u32;
        for slot in 0..SLOTS {
            for &t in corpus.short(e, slot, slot + 1).iter().filter(|&&t| t != ESCAPE) {
                f(event, usize::from(t), slot);
            }
        }
        for rare in corpus.rare(e) {
            f(event, rare.id as usize, usize::from(rare.slot));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_token_lists_the_events_and_slots_containing_it_once_in_order() {
        let dataset = crate::data::embedded();
        let corpus = Corpus::new(&dataset);
        let postings = Postings::new(&corpus).expect("a small corpus has postings");
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
            assert_eq!(
                postings.events(t).collect::<Vec<_>>(),
                expected,
                "token {:?}",
                corpus.vocab.words[t as usize]
            );
        }
    }
}

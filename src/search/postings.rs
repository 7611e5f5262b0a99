//! For each token, the events that contain it. A rare word's events are
//! found from its tokens' lists instead of by reading every event: most of
//! a keystroke at 100,000 events was that read.

use super::corpus::{Corpus, ESCAPE};
use super::text::SLOTS;

/// Event lists by token id, back to back.
#[derive(Debug, Default)]
pub(super) struct Postings {
    /// `events[starts[t]..starts[t + 1]]` contain token `t`, ascending.
    starts: Vec<u32>,
    events: Vec<u32>,
}

impl Postings {
    /// The lists of `corpus`, in two passes over its tokens: count, then
    /// place.
    pub fn new(corpus: &Corpus) -> Postings {
        let words = corpus.vocab.len();
        // The last event that listed each token: an event is listed once
        // however often it repeats the token.
        let mut last = vec![u32::MAX; words];
        let mut counts = vec![0u32; words];
        for_each_token(corpus, |e, t| {
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
        let mut events = vec![0u32; total as usize];
        last.fill(u32::MAX);
        for_each_token(corpus, |e, t| {
            if last[t] != e {
                last[t] = e;
                events[next[t] as usize] = e;
                next[t] += 1;
            }
        });
        Postings { starts, events }
    }

    /// The events containing token `t`, ascending.
    pub fn events(&self, t: u32) -> &[u32] {
        let t = t as usize;
        &self.events[self.starts[t] as usize..self.starts[t + 1] as usize]
    }
}

/// Calls `f(event, token id)` for every token of every event, in order.
fn for_each_token(corpus: &Corpus, mut f: impl FnMut(u32, usize)) {
    for e in 0..corpus.len() {
        let event = e as u32;
        for &t in corpus.short(e, 0, SLOTS).iter().filter(|&&t| t != ESCAPE) {
            f(event, usize::from(t));
        }
        for rare in corpus.rare(e) {
            f(event, rare.id as usize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_token_lists_the_events_containing_it_once_in_order() {
        let dataset = crate::data::embedded();
        let corpus = Corpus::new(&dataset);
        let postings = Postings::new(&corpus);
        for t in 0..corpus.vocab.len() as u32 {
            let expected: Vec<u32> = (0..corpus.len())
                .filter(|&e| corpus.ids(e, 0, SLOTS).any(|id| id == t))
                .map(|e| e as u32)
                .collect();
            assert_eq!(
                postings.events(t),
                expected,
                "token {:?}",
                corpus.vocab.words[t as usize]
            );
        }
    }
}

//! The best hits of a scan, kept while it runs: a query that matches a
//! million events never holds or sorts a million hits.

use std::cmp::Reverse;

use crate::date::Day;

/// A matching event and its score (higher is better). It lives here, with
/// the scan that keeps the best of them, so that `top` needs nothing from
/// `index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Dataset::events`.
    pub event: usize,
    pub score: i64,
    /// Whether the event matched at the query's precision. False when a
    /// date of the query only overlaps an event dated less precisely (a
    /// day asked, the event dated only to its year): such hits rank after
    /// every exact one.
    pub exact: bool,
}

/// Sort key of a hit, greater is better: exact before approximate, then
/// the score, then the newer event, then the one earlier in the dataset.
pub(super) type Rank = (bool, i64, Day, Reverse<usize>);

/// The best `limit` ranks pushed so far, and how many were pushed.
#[derive(Debug)]
pub(super) struct Top {
    limit: usize,
    ranks: Vec<Rank>,
    total: usize,
    /// The worst rank kept after the last trim: nothing below it can make
    /// the best `limit` any more.
    floor: Option<Rank>,
}

impl Top {
    pub fn new(limit: usize) -> Top {
        Top {
            limit,
            ranks: Vec::new(),
            total: 0,
            floor: None,
        }
    }

    /// Counts a hit, and keeps it while it can still be among the best.
    pub fn push(&mut self, rank: Rank) {
        self.total += 1;
        self.keep(rank);
    }

    /// Counts hits known not to be among the best.
    pub fn count(&mut self, hits: usize) {
        self.total += hits;
    }

    /// How many hits were counted.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether a hit of this exactness and score is below the floor
    /// whatever its date: it can then be counted without its full rank.
    pub fn below_floor(&self, exact: bool, score: i64) -> bool {
        self.floor.is_some_and(|(e, s, ..)| (exact, score) < (e, s))
    }

    /// The worst rank kept once `limit` are: what a hit must beat to be
    /// kept. `None` until then.
    pub fn floor(&self) -> Option<Rank> {
        self.floor
    }

    fn keep(&mut self, rank: Rank) {
        if self.limit == 0 || self.floor.is_some_and(|floor| rank < floor) {
            return;
        }
        self.ranks.push(rank);
        // Trimming at twice the limit keeps the work per hit constant.
        if self.ranks.len() >= self.limit.saturating_mul(2) {
            self.trim();
        }
    }

    /// Keeps only the best `limit`.
    fn trim(&mut self) {
        if self.ranks.len() > self.limit {
            let nth = self.limit - 1;
            self.ranks.select_nth_unstable_by(nth, |a, b| b.cmp(a));
            self.ranks.truncate(self.limit);
            self.floor = Some(self.ranks[nth]);
        }
    }

    /// Both collections as one: what one scan of both their events keeps.
    pub fn merge(mut self, other: Top) -> Top {
        self.total += other.total;
        for rank in other.ranks {
            self.keep(rank);
        }
        self
    }

    /// The best `limit` hits in order, and how many were pushed in all.
    pub fn into_hits(mut self) -> (Vec<Hit>, usize) {
        self.trim();
        self.ranks.sort_unstable_by(|a, b| b.cmp(a));
        let hits = self
            .ranks
            .into_iter()
            .map(|(exact, score, _, Reverse(event))| Hit { event, score, exact })
            .collect();
        (hits, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(score: i64, year: i32, event: usize) -> Rank {
        (true, score, (year, 1, 1), Reverse(event))
    }

    #[test]
    fn keeps_the_best_in_order_and_counts_all() {
        let mut top = Top::new(3);
        for (i, score) in [5, 1, 9, 9, 3, 7, 9, 2].into_iter().enumerate() {
            top.push(rank(score, 2000, i));
        }
        let (hits, total) = top.into_hits();
        assert_eq!(total, 8);
        let events: Vec<usize> = hits.iter().map(|h| h.event).collect();
        // Equal scores and dates: the earlier event first.
        assert_eq!(events, [2, 3, 6]);
    }

    #[test]
    fn newer_wins_a_tie_and_merging_equals_one_scan() {
        let ranks: Vec<Rank> = (0..50usize)
            .map(|i| rank(i as i64 % 4, 1990 + (i as i32 * 7) % 30, i))
            .collect();
        let mut whole = Top::new(5);
        ranks.iter().for_each(|&r| whole.push(r));
        let (mut left, mut right) = (Top::new(5), Top::new(5));
        ranks[..17].iter().for_each(|&r| left.push(r));
        ranks[17..].iter().for_each(|&r| right.push(r));
        let mut expected = ranks.clone();
        expected.sort_unstable_by(|a, b| b.cmp(a));
        let expected: Vec<usize> = expected[..5].iter().map(|r| r.3.0).collect();
        for top in [whole, left.merge(right)] {
            let (hits, total) = top.into_hits();
            assert_eq!(total, 50);
            assert_eq!(hits.iter().map(|h| h.event).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn a_limit_of_zero_only_counts() {
        let mut top = Top::new(0);
        top.push(rank(1, 2000, 0));
        assert_eq!(top.into_hits(), (Vec::new(), 1));
    }

    #[test]
    fn no_limit_keeps_everything() {
        let mut top = Top::new(usize::MAX);
        (0..5).for_each(|i| top.push(rank(i, 2000, i as usize)));
        let (hits, total) = top.into_hits();
        assert_eq!((hits.len(), total), (5, 5));
        assert_eq!(hits[0].event, 4);
    }
}

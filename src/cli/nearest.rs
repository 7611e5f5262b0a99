//! The ids nearest to one that was mistyped, for "did you mean".

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// How many ids a suggestion names at most.
pub const SUGGESTIONS: usize = 3;

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to
/// `b`, or `None` once it is certain to exceed `limit`.
fn edits_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i][0] = i;
        let mut best = rows[i][0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
            best = best.min(d);
        }
        if best > limit {
            return None;
        }
    }
    Some(rows[a.len()][b.len()]).filter(|&d| d <= limit)
}

/// Up to [`SUGGESTIONS`] of `ids` nearest to `typed`, nearest first: ids
/// a few typos away, then ids that contain what was typed in order (a
/// prefix, the words of a slug). Empty when nothing is near.
pub fn nearest_ids<'a>(typed: &str, ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let typed_lower = typed.to_lowercase();
    let wanted: Vec<char> = typed_lower.chars().collect();
    // A third of the word, at least one edit and at most four.
    let limit = (wanted.len() / 3).clamp(1, 4);
    let matcher = SkimMatcherV2::default();
    // Rank: fewer edits first; a fuzzy match counts after every typo match,
    // better scores first; ties by id, so the output is stable.
    let mut found: Vec<((usize, i64), &str)> = ids
        .filter_map(|id| {
            let lower = id.to_lowercase();
            let chars: Vec<char> = lower.chars().collect();
            if let Some(d) = edits_within(&wanted, &chars, limit) {
                return Some(((d, 0), id));
            }
            // Too short a fragment matches everything in order.
            let score = (wanted.len() >= 3)
                .then(|| matcher.fuzzy_match(&lower, &typed_lower))
                .flatten()?;
            // Sparse matches (letters scattered over a long id) say little.
            (score >= 16 * i64::try_from(wanted.len()).unwrap_or(i64::MAX))
                .then_some(((limit + 1, -score), id))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    found.into_iter().take(SUGGESTIONS).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 5] = [
        "erdogan-astana-2017",
        "trade-volume-2016",
        "trade-target",
        "tika-projects",
        "strategic-council-2012",
    ];

    #[test]
    fn typos_swaps_and_prefixes_find_their_ids() {
        assert_eq!(
            nearest_ids("erdogan-astana-2071", IDS.into_iter())[0],
            "erdogan-astana-2017"
        );
        assert_eq!(nearest_ids("tika-projetcs", IDS.into_iter())[0], "tika-projects");
        assert_eq!(nearest_ids("TIKA-PROJECTS", IDS.into_iter())[0], "tika-projects");
        let trade = nearest_ids("trade", IDS.into_iter());
        assert!(
            trade.contains(&"trade-target") && trade.contains(&"trade-volume-2016"),
            "{trade:?}"
        );
        assert_eq!(
            nearest_ids("council", IDS.into_iter()),
            ["strategic-council-2012"]
        );
    }

    #[test]
    fn nothing_near_suggests_nothing_and_at_most_three_are_named() {
        assert!(nearest_ids("zzzzzzzzzzzzzzzzzzzzzz", IDS.into_iter()).is_empty());
        assert!(nearest_ids("x", IDS.into_iter()).is_empty());
        let many: Vec<String> = (0..10).map(|i| format!("event-{i}")).collect();
        assert_eq!(
            nearest_ids("event-", many.iter().map(String::as_str)).len(),
            SUGGESTIONS
        );
    }

    #[test]
    fn edits_count_swaps_as_one_and_give_up_past_the_limit() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edits_within(&c("abcd"), &c("abdc"), 2), Some(1));
        assert_eq!(edits_within(&c("abc"), &c("abc"), 0), Some(0));
        assert_eq!(edits_within(&c("kitten"), &c("sitting"), 3), Some(3));
        assert_eq!(edits_within(&c("kitten"), &c("sitting"), 2), None);
        assert_eq!(edits_within(&c("a"), &c("abcdef"), 2), None);
    }
}

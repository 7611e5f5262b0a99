//! Search over events: folding, query parsing, ranking.

//! The search engine: ranking, properties, hostile queries and the fuzz corpus.
//!
//! One test binary for several files: each binary costs a link, and
//! CI time.

mod fuzz_corpus;
mod hostile_queries;
mod search_props;
mod search_ranking;

//! Search over events: folding, query parsing, ranking and highlights.
//!
//! One engine serves the CLI and the TUI: parse a [`Query`] once, run it
//! against a [`SearchIndex`] built once per dataset, and ask for
//! [`Highlights`] only for the rows on screen.

mod compile;
mod corpus;
mod fold;
mod index;
mod later;
mod postings;
mod precision;
mod query;
#[cfg(test)]
mod reference;
mod text;
mod top;
mod typo;

pub use fold::{fold, fold_map};
pub use index::{Field, Highlights, Matched, Outcome, SearchIndex, Stored, runs};
pub use later::LaterIndex;
pub use precision::{Divider, divider};
pub use query::{Atom, Clause, DateRange, EventKind, Filter, Query, QueryError, SYNTAX, syntax_markdown};
pub use top::Hit;

//! An index that may still be on its way: read back from a cache entry,
//! or built for a file read afresh, by whoever first needs it (the
//! browser's search thread, as soon as the browser starts), so that the
//! first frame does not wait the 300-500 ms a million events' index takes
//! to decode, or the seconds it takes to build.

use std::sync::{Mutex, OnceLock};

use super::SearchIndex;

/// How the index is made when first asked for.
type Make = Box<dyn FnOnce() -> SearchIndex + Send>;

/// A [`SearchIndex`], ready or made on first use.
pub struct LaterIndex {
    ready: OnceLock<SearchIndex>,
    make: Mutex<Option<Make>>,
}

impl LaterIndex {
    /// An index already made.
    pub fn ready(index: SearchIndex) -> LaterIndex {
        LaterIndex {
            ready: OnceLock::from(index),
            make: Mutex::new(None),
        }
    }

    /// An index `make` makes when it is first asked for.
    pub fn later(make: impl FnOnce() -> SearchIndex + Send + 'static) -> LaterIndex {
        LaterIndex {
            ready: OnceLock::new(),
            make: Mutex::new(Some(Box::new(make))),
        }
    }

    /// The index; the first caller makes it, the others meanwhile wait.
    pub fn get(&self) -> &SearchIndex {
        self.ready.get_or_init(|| {
            let make = self.make.lock().unwrap_or_else(|e| e.into_inner()).take();
            // Taken by the one initializer `OnceLock` runs: gone only if
            // that one panicked, a panic this passes on.
            make.expect("the index's maker panicked")()
        })
    }

    /// Whether it is made.
    pub fn is_ready(&self) -> bool {
        self.ready.get().is_some()
    }
}

impl std::fmt::Debug for LaterIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LaterIndex(ready: {})", self.is_ready())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::search::Query;

    #[test]
    fn a_later_index_is_made_once_by_its_first_caller_and_waited_for_by_the_rest() {
        let dataset = crate::data::embedded();
        let made = Arc::new(AtomicUsize::new(0));
        let later = Arc::new(LaterIndex::later({
            let (made, dataset) = (Arc::clone(&made), dataset.clone());
            move || {
                made.fetch_add(1, Ordering::SeqCst);
                SearchIndex::new(&dataset)
            }
        }));
        assert!(!later.is_ready());
        assert_eq!(made.load(Ordering::SeqCst), 0, "not made before it is asked for");
        let query = Query::parse("erdogan").unwrap();
        let asked: Vec<_> = (0..4)
            .map(|_| {
                let (later, query) = (Arc::clone(&later), query.clone());
                std::thread::spawn(move || later.get().search_top(&query, 10).0)
            })
            .collect();
        let expected = SearchIndex::new(&dataset).search_top(&query, 10).0;
        for answer in asked {
            assert_eq!(answer.join().unwrap(), expected);
        }
        assert!(later.is_ready());
        assert_eq!(made.load(Ordering::SeqCst), 1);
    }
}

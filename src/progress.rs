//! How far the opening of a dataset has got, for the counter the browser
//! shows from its first frame while a large file loads.
//!
//! The loading thread registers a [`Progress`] with [`tracking`]; the
//! loaders deep inside (reading, parsing, checking, indexing) report to
//! whatever the current thread tracks, so no signature between the browser
//! and the JSON parser carries it, and loads nobody watches (the CLI,
//! tests) cost one thread-local read per report.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::model::Dataset;
use crate::state::DatasetKey;

/// What a load is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Stage {
    /// Reading the file's bytes.
    Reading,
    /// Converting a foreign format (Markdown, CSV, TimelineJS).
    Importing,
    /// Parsing the JSON; [`Snapshot::events`] counts the events so far.
    Parsing,
    /// Validating every event.
    Checking,
    /// Building the search index, or reading it from the cache.
    Indexing,
}

impl Stage {
    const ALL: [Stage; 5] = [
        Stage::Reading,
        Stage::Importing,
        Stage::Parsing,
        Stage::Checking,
        Stage::Indexing,
    ];
}

/// A load's progress, shared between the thread that loads and the one
/// that draws.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    events: AtomicUsize,
    /// What is known before the events are in, once it is ([`head`]).
    head: Mutex<Option<Head>>,
}

/// What a load knows of its dataset before the events are all in: the
/// browser draws the Overview from it meanwhile.
#[derive(Debug)]
pub struct Head {
    /// The dataset without its events ([`Dataset::meta`]).
    pub meta: Dataset,
    /// How many events each tab holds, in tab order.
    pub counts: Vec<usize>,
    /// The dataset's key, for its state file.
    pub key: DatasetKey,
}

/// What a [`Progress`] said when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub stage: Stage,
    /// Events parsed so far.
    pub events: usize,
}

impl Progress {
    /// The head the load reported, once: taken by whoever draws it.
    pub fn take_head(&self) -> Option<Head> {
        self.head.lock().ok()?.take()
    }

    pub fn snapshot(&self) -> Snapshot {
        let stage = usize::from(self.stage.load(Ordering::Relaxed));
        Snapshot {
            stage: Stage::ALL.get(stage).copied().unwrap_or(Stage::Reading),
            events: self.events.load(Ordering::Relaxed),
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Progress>>> = const { RefCell::new(None) };
}

/// Runs `load` with `progress` receiving the reports made on this thread,
/// then stops reporting to it.
pub fn tracking<T>(progress: Option<Arc<Progress>>, load: impl FnOnce() -> T) -> T {
    let before = CURRENT.with(|c| c.replace(progress));
    let result = load();
    CURRENT.with(|c| *c.borrow_mut() = before);
    result
}

/// The progress this thread reports to, to hand to work moved to another
/// thread (see [`tracking`]).
pub fn current() -> Option<Arc<Progress>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Reports that the load has reached `stage`.
pub fn stage(stage: Stage) {
    CURRENT.with(|c| {
        if let Some(p) = c.borrow().as_ref() {
            p.stage.store(stage as u8, Ordering::Relaxed);
        }
    });
}

/// Reports what is known before the events are in; `make` runs only if
/// someone watches, so an unwatched load (the CLI) copies nothing.
pub fn head(make: impl FnOnce() -> Head) {
    // Built before the lock is taken: the terminal asks for the head
    // every few milliseconds, and building it copies the entities and
    // footnotes.
    if let Some(progress) = current() {
        let head = make();
        if let Ok(mut slot) = progress.head.lock() {
            *slot = Some(head);
        }
    }
}

/// How many parsed events make one report: often enough for a counter
/// redrawn every few milliseconds, rare enough to cost nothing.
const EVERY: usize = 1024;

/// Reports the parsing of events, one call per event; reports reach the
/// progress every [`EVERY`] events, and when `done` (the last one).
pub fn parsed(count: usize, done: bool) {
    if count.is_multiple_of(EVERY) || done {
        CURRENT.with(|c| {
            if let Some(p) = c.borrow().as_ref() {
                p.events.store(count, Ordering::Relaxed);
            }
        });
    }
}

/// Deserializes a list of events as serde does, counting them into the
/// current progress as they are parsed (`#[serde(deserialize_with)]`).
pub fn counted<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    struct Counted<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Counted<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // The hint is the parser's guess, capped as serde caps its own:
            // a hostile file cannot make it reserve much.
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element()? {
                out.push(item);
                parsed(out.len(), false);
            }
            parsed(out.len(), true);
            Ok(out)
        }
    }
    deserializer.deserialize_seq(Counted(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_counts_events_only_for_the_thread_that_tracks() {
        let json = crate::data::EMBEDDED_JSON;
        let total = crate::data::embedded().events.len();
        let progress = Arc::new(Progress::default());
        let parsed: crate::model::Dataset = tracking(Some(Arc::clone(&progress)), || {
            stage(Stage::Parsing);
            serde_json::from_str(json).unwrap()
        });
        assert_eq!(parsed.events.len(), total);
        assert_eq!(
            progress.snapshot(),
            Snapshot {
                stage: Stage::Parsing,
                events: total
            }
        );
        // Untracked, and after tracking ended: nothing reported.
        let _: crate::model::Dataset = serde_json::from_str(json).unwrap();
        stage(Stage::Indexing);
        assert_eq!(progress.snapshot().stage, Stage::Parsing);
        assert!(current().is_none());
    }
}

//! Searches off the terminal loop's thread, so typing never waits for
//! one: the loop hands over each key's query and keeps drawing. Only the
//! newest query is searched; one that a later key made stale is given up
//! midway. A query whose best hits come much sooner than their count is
//! answered twice: the best, then the count.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::app::{SearchDone, SearchJob};
use crate::search::LaterIndex;

/// A thread that runs [`SearchJob`]s.
pub struct Searcher {
    jobs: Sender<SearchJob>,
    done: Receiver<SearchDone>,
    /// The generation of the newest job handed over.
    newest: Arc<AtomicU64>,
    /// Set once the index is read and prepared for typing.
    prepared: Arc<AtomicBool>,
}

impl Searcher {
    /// Starts the thread, whose work runs on `pool` if given (on one of
    /// its threads, its parallel steps on the others). It ends when the
    /// `Searcher` is dropped.
    pub fn new(index: Arc<LaterIndex>, pool: Option<rayon::ThreadPool>) -> std::io::Result<Searcher> {
        let (jobs, inbox) = mpsc::channel::<SearchJob>();
        let (outbox, done) = mpsc::channel();
        let newest = Arc::new(AtomicU64::new(0));
        let latest = Arc::clone(&newest);
        let prepared = Arc::new(AtomicBool::new(false));
        let ready = Arc::clone(&prepared);
        let work = move || {
            // Off the start-up path: the index read back from a cache
            // entry, then what typing needs; until this is done, searches
            // on the spot read every event, with the same results.
            let index = index.get();
            index.prepare_for_typing();
            ready.store(true, Ordering::Relaxed);
            while let Ok(mut job) = inbox.recv() {
                // Jobs queued meanwhile are all stale but the last.
                while let Ok(newer) = inbox.try_recv() {
                    job = newer;
                }
                let generation = job.generation;
                let stale = || latest.load(Ordering::Relaxed) != generation;
                let Some(first) = job.run(index, &stale) else {
                    continue;
                };
                let counted = first.counted;
                if outbox.send(first).is_err() {
                    break;
                }
                // The count after the best hits, unless a later key
                // already asks for another search.
                if !counted
                    && let Some(whole) = job.count(index, &stale)
                    && outbox.send(whole).is_err()
                {
                    break;
                }
            }
        };
        std::thread::Builder::new()
            .name("search".into())
            .spawn(move || match pool {
                Some(pool) => pool.install(work),
                None => work(),
            })?;
        Ok(Searcher {
            jobs,
            done,
            newest,
            prepared,
        })
    }

    /// Whether the index is read and prepared for typing: what else works
    /// in the background waits for it, on two cores.
    pub fn prepared(&self) -> bool {
        self.prepared.load(Ordering::Relaxed)
    }

    /// Hands over a job; any job handed over before is now stale.
    pub fn submit(&self, job: SearchJob) {
        self.newest.store(job.generation, Ordering::Relaxed);
        // The thread only stops when `self` is dropped.
        let _ = self.jobs.send(job);
    }

    /// An answer, if one has arrived.
    pub fn try_answer(&self) -> Option<SearchDone> {
        self.done.try_recv().ok()
    }

    /// Waits up to `timeout` for the answer to job `generation`, dropping
    /// answers to older ones.
    pub fn wait(&self, generation: u64, timeout: Duration) -> Option<SearchDone> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.done.recv_timeout(left) {
                Ok(done) if done.generation == generation => return Some(done),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Query, SearchIndex};

    fn job(generation: u64, text: &str) -> SearchJob {
        SearchJob {
            generation,
            query: Query::parse(text).unwrap(),
        }
    }

    #[test]
    fn answers_the_newest_job_as_a_direct_search_would() {
        let dataset = crate::data::embedded();
        let index = SearchIndex::new(&dataset);
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("given-{i}"))
            .build()
            .unwrap();
        for (pool, thread) in [(None, "search"), (Some(pool), "given-")] {
            let dataset_later = dataset.clone();
            let made_on = Arc::new(std::sync::Mutex::new(String::new()));
            // Made by the search thread, when it starts, on the pool given.
            let later = LaterIndex::later({
                let made_on = Arc::clone(&made_on);
                move || {
                    *made_on.lock().unwrap() = std::thread::current().name().unwrap_or("").into();
                    SearchIndex::new(&dataset_later)
                }
            });
            let searcher = Searcher::new(Arc::new(later), pool).unwrap();
            for (generation, text) in [(1, "erd"), (2, "erdo"), (3, "erdogan")] {
                searcher.submit(job(generation, text));
            }
            let done = searcher.wait(3, Duration::from_secs(30)).expect("an answer");
            assert!(searcher.prepared(), "answered once prepared");
            assert!(made_on.lock().unwrap().starts_with(thread), "made on {thread}");
            let expected = job(3, "erdogan").run(&index, &|| false).unwrap();
            assert_eq!(done, expected);
            assert!(!done.outcome.hits.is_empty());
            // Nothing newer was asked: no other answer follows.
            assert!(searcher.wait(4, Duration::from_millis(50)).is_none());
        }
    }

    #[test]
    fn a_broad_word_is_answered_with_its_best_then_its_count() {
        let mut dataset = crate::data::embedded();
        let mut event = dataset.events[0].clone();
        event.title = "Trade talks".into();
        dataset.events = vec![event; 2_000];
        let index = SearchIndex::new(&dataset);
        let searcher = Searcher::new(Arc::new(LaterIndex::ready(SearchIndex::new(&dataset))), None).unwrap();
        searcher.submit(job(1, "trade"));
        let first = searcher.wait(1, Duration::from_secs(30)).expect("a first answer");
        let counted = searcher.wait(1, Duration::from_secs(30)).expect("the count");
        assert!(!first.counted && counted.counted);
        assert_eq!(first.outcome.hits.len(), crate::app::FIRST_ROWS);
        let (best, total) = index.search_top(&job(1, "trade").query, crate::app::RESULT_ROWS);
        assert_eq!(first.outcome.hits, best[..crate::app::FIRST_ROWS]);
        assert_eq!((counted.outcome.hits, counted.outcome.total), (best, total));
        assert_eq!(total, 2_000);
    }

    #[test]
    fn a_stale_search_is_given_up() {
        let dataset = crate::data::embedded();
        let index = SearchIndex::new(&dataset);
        assert_eq!(job(1, "erdogan").run(&index, &|| true), None);
        // Midway too, where a query reads its words' lists: the next key
        // comes after the search asked a first time.
        index.prepare_for_typing();
        for text in ["erdogan", "erdogan astana"] {
            let asked = std::sync::atomic::AtomicUsize::new(0);
            let stale = || asked.fetch_add(1, Ordering::Relaxed) > 0;
            assert_eq!(job(1, text).count(&index, &stale), None, "{text}");
            assert!(asked.load(Ordering::Relaxed) > 1, "{text}");
            let done = job(1, text).count(&index, &|| false).unwrap();
            assert!(done.outcome.total > 0, "{text}");
        }
    }
}

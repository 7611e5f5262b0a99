//! Cross-references the People and Sources views show on every frame,
//! worked out once: which events mention each entity, which cite each
//! footnote, and which back-references fold into each citation. Looking
//! them up by scanning every event made a key in those views take a
//! second at 100,000 events.

use std::cell::{OnceCell, RefCell};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use rustc_hash::FxHashMap;

use crate::date::{Day, PartialDate, Precision};
use crate::lookup::{DatasetIndex, Lookup};
use crate::model::{Dataset, Event};
use crate::records::Records;

use super::rows::folded_into;

/// The cross-references of one dataset.
#[derive(Debug, Default, PartialEq)]
pub struct Links {
    /// By entity index: the events naming it, in date order.
    mentions: Vec<Vec<usize>>,
    /// By footnote number: the events citing it or a back-reference folded
    /// into it, in date order.
    citing: FxHashMap<u32, Vec<usize>>,
    /// By footnote number: the back-references folded into it, in order.
    folded: FxHashMap<u32, Vec<u32>>,
    /// By event index: its place in date order.
    rank: Vec<usize>,
    /// By day: the events dated to it (to the day), in date order.
    by_day: FxHashMap<Day, Vec<usize>>,
}

/// What one event names, cites and is dated to, as [`Links::new`] reads it.
struct Reading {
    /// Entity indices, sorted.
    named: Vec<usize>,
    /// Footnote numbers and the citations they fold into, sorted.
    cited: Vec<u32>,
    day: Option<Day>,
}

/// The day an event is dated to, if its date is a day's.
fn day_of(event: &Event) -> Option<Day> {
    let date = PartialDate::parse(event.date.as_deref()?).ok()?;
    (date.precision() == Precision::Day).then(|| date.first_day())
}

/// Events shown as related to one: a few, the closest first.
const RELATED: usize = 5;

/// Candidates taken from each list around the event, nearest in date: an
/// actor named by every event must not make each detail scan them all.
const NEIGHBOURS: usize = 25;

impl Links {
    /// The links of `ds`, whose events in date order are `by_date`.
    pub fn new(ds: Lookup<'_>, records: &Records, by_date: &[usize]) -> Links {
        let mut folded: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        let mut roots: FxHashMap<u32, u32> = FxHashMap::default();
        for f in &ds.footnotes {
            if let Some(root) = folded_into(ds, f.number).filter(|&r| r != f.number) {
                folded.entry(root).or_default().push(f.number);
                roots.insert(f.number, root);
            }
        }
        // Every entity of an id (only unvalidated data repeats one), where
        // a lookup by key finds the first.
        let mut entities: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, e) in ds.entities.iter().enumerate() {
            entities.entry(e.id.as_str()).or_default().push(i);
        }
        // What each event names, cites and is dated to, read in the
        // dataset's order (its order in memory) on every core: in date
        // order, a million events are a million cache misses.
        let read: Vec<Reading> = records.map(|ev| {
            let ids = ev
                .actors
                .iter()
                .chain(&ev.places)
                .chain(ev.quotes.iter().map(|q| &q.speaker));
            let mut named: Vec<usize> = ids
                .filter_map(|id| entities.get(id.as_str()))
                .flatten()
                .copied()
                .collect();
            named.sort_unstable();
            named.dedup();
            let mut cited: Vec<u32> = Vec::new();
            for &n in ev.footnotes.iter().chain(ev.quotes.iter().map(|q| &q.footnote)) {
                cited.push(n);
                cited.extend(roots.get(&n));
            }
            cited.sort_unstable();
            cited.dedup();
            Reading {
                named,
                cited,
                day: day_of(ev),
            }
        });
        let mut mentions = vec![Vec::new(); ds.entities.len()];
        let mut citing: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        let mut rank = vec![0; records.len()];
        let mut by_day: FxHashMap<Day, Vec<usize>> = FxHashMap::default();
        for (at, &e) in by_date.iter().enumerate() {
            rank[e] = at;
            let Reading { named, cited, day } = &read[e];
            if let Some(day) = day {
                by_day.entry(*day).or_default().push(e);
            }
            for &i in named {
                mentions[i].push(e);
            }
            for &n in cited {
                citing.entry(n).or_default().push(e);
            }
        }
        Links {
            mentions,
            citing,
            folded,
            rank,
            by_day,
        }
    }

    /// Up to [`RELATED`] events that share a source, the day or an actor
    /// with `event` (in that order of weight, then nearest in date), in
    /// date order. `roots` are the citations its footnotes resolve to and
    /// `actors` the entity indices it names.
    pub fn related(&self, ev: &Event, event: usize, roots: &[u32], actors: &[usize]) -> Vec<usize> {
        let Some(&here) = self.rank.get(event) else {
            return Vec::new();
        };
        let mut score: FxHashMap<usize, usize> = FxHashMap::default();
        let mut add = |list: &[usize], weight: usize| {
            // Lists are in date order: the neighbours around the event.
            let at = list.partition_point(|&e| self.rank[e] < here);
            let (from, to) = (at.saturating_sub(NEIGHBOURS), (at + NEIGHBOURS).min(list.len()));
            for &e in &list[from..to] {
                if e != event {
                    *score.entry(e).or_default() += weight;
                }
            }
        };
        for &n in roots {
            add(self.citing(n), 3);
        }
        if let Some(same) = day_of(ev).and_then(|d| self.by_day.get(&d)) {
            add(same, 2);
        }
        for &a in actors {
            add(self.mentions(a), 1);
        }
        let mut best: Vec<(usize, usize)> = score.into_iter().collect();
        best.sort_by_key(|&(e, s)| (std::cmp::Reverse(s), self.rank[e].abs_diff(here), e));
        let mut chosen: Vec<usize> = best.into_iter().take(RELATED).map(|(e, _)| e).collect();
        chosen.sort_by_key(|&e| self.rank[e]);
        chosen
    }

    /// Events (in date order) that name entity `entity` as an actor, a
    /// place or a speaker.
    pub fn mentions(&self, entity: usize) -> &[usize] {
        self.mentions.get(entity).map_or(&[], Vec::as_slice)
    }

    /// Events (in date order) citing footnote `root` or a back-reference
    /// folded into it, in their summary or a quote.
    pub fn citing(&self, root: u32) -> &[usize] {
        self.citing.get(&root).map_or(&[], Vec::as_slice)
    }

    /// The back-references folded into footnote `root`, in order.
    pub fn folded_from(&self, root: u32) -> &[u32] {
        self.folded.get(&root).map_or(&[], Vec::as_slice)
    }
}

/// The links, worked out after the first frame: at a million events they
/// take a core for a second and a half, and only the People and Sources
/// views and an event's related events need them. Asked for sooner, they
/// are waited for, or worked out on the spot if no thread has them.
#[derive(Debug, Default)]
pub struct LaterLinks {
    ready: OnceCell<Links>,
    coming: RefCell<Option<Receiver<Links>>>,
    /// A thread will be started for them ([`LaterLinks::defer`]): who can
    /// do without them does not build them meanwhile.
    deferred: std::cell::Cell<bool>,
}

impl LaterLinks {
    /// The links: from the thread working them out, or from `build`.
    pub fn get(&self, build: impl FnOnce() -> Links) -> &Links {
        self.ready.get_or_init(|| {
            let coming = self.coming.borrow_mut().take();
            coming.and_then(|links| links.recv().ok()).unwrap_or_else(build)
        })
    }

    /// The links if they are ready, or built on the spot by `build` if no
    /// thread works them out; `None` while one does. What does not need
    /// them to be shown (an event's detail, but for its related events)
    /// asks this instead of waiting for them.
    pub fn now(&self, build: impl FnOnce() -> Links) -> Option<&Links> {
        if let Some(links) = self.ready.get() {
            return Some(links);
        }
        let came = match self.coming.borrow().as_ref().map(Receiver::try_recv) {
            Some(Err(std::sync::mpsc::TryRecvError::Empty)) => return None,
            None if self.deferred.get() => return None,
            Some(Ok(links)) => Some(links),
            // No thread, or one that stopped without them.
            _ => None,
        };
        self.coming.borrow_mut().take();
        Some(self.ready.get_or_init(|| came.unwrap_or_else(build)))
    }

    /// Says that a thread will work them out ([`LaterLinks::start`]):
    /// until then, [`LaterLinks::now`] does not build them either (the
    /// first frame would wait for them).
    pub fn defer(&self) {
        self.deferred.set(true);
    }

    /// Links coming from a thread the caller stands for, for tests of what
    /// shows while they are worked out.
    #[cfg(test)]
    pub fn pending() -> (LaterLinks, std::sync::mpsc::Sender<Links>) {
        let (send, receive) = std::sync::mpsc::channel();
        let later = LaterLinks {
            ready: OnceCell::new(),
            coming: RefCell::new(Some(receive)),
            deferred: std::cell::Cell::new(false),
        };
        (later, send)
    }

    /// Starts working the links of `dataset` out on a thread of its own,
    /// unless they are ready or coming already.
    pub fn start(&self, dataset: Arc<Dataset>, records: Arc<Records>, by_date: &[usize]) {
        let mut coming = self.coming.borrow_mut();
        if self.ready.get().is_some() || coming.is_some() {
            return;
        }
        let by_date = by_date.to_vec();
        let (send, receive) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new().name("links".into()).spawn(move || {
            let by_key = DatasetIndex::new();
            // The receiver is gone only if the browser has quit.
            let _ = send.send(Links::new(Lookup::new(&dataset, &by_key), &records, &by_date));
        });
        // Without a thread, `get` and `now` work them out when they are
        // asked for.
        match started {
            Ok(_) => *coming = Some(receive),
            Err(_) => self.deferred.set(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dataset, FootnoteBody};

    /// `ds`'s events, held.
    fn held(ds: &Dataset) -> Records {
        Records::held(ds.events.clone())
    }

    /// The plain scans the links replace, as the reference.
    fn folded_from(ds: &Dataset, root: u32) -> Vec<u32> {
        let index = crate::lookup::DatasetIndex::new();
        let lookup = Lookup::new(ds, &index);
        ds.footnotes
            .iter()
            .map(|f| f.number)
            .filter(|&n| n != root && folded_into(lookup, n) == Some(root))
            .collect()
    }

    fn mentions(ds: &Dataset, by_date: &[usize], entity: usize) -> Vec<usize> {
        let id = ds.entities[entity].id.as_str();
        by_date
            .iter()
            .copied()
            .filter(|&e| {
                let ev = &ds.events[e];
                ev.actors.iter().chain(&ev.places).any(|a| a == id)
                    || ev.quotes.iter().any(|q| q.speaker == id)
            })
            .collect()
    }

    fn citing(ds: &Dataset, by_date: &[usize], root: u32) -> Vec<usize> {
        let mut numbers = folded_from(ds, root);
        numbers.push(root);
        by_date
            .iter()
            .copied()
            .filter(|&e| {
                let ev = &ds.events[e];
                ev.footnotes
                    .iter()
                    .chain(ev.quotes.iter().map(|q| &q.footnote))
                    .any(|n| numbers.contains(n))
            })
            .collect()
    }

    #[test]
    fn links_agree_with_scanning_every_event() {
        let mut ds = crate::data::embedded();
        // A quote citing a back-reference.
        let quoted = ds.events.iter_mut().find(|e| !e.quotes.is_empty()).unwrap();
        quoted.quotes[0].footnote = 8;
        let by_date = ds.chronological();
        let index = crate::lookup::DatasetIndex::new();
        let links = Links::new(Lookup::new(&ds, &index), &held(&ds), &by_date);
        for entity in 0..ds.entities.len() {
            assert_eq!(
                links.mentions(entity),
                mentions(&ds, &by_date, entity),
                "entity {entity}"
            );
        }
        let mut seen_folded = 0;
        for f in &ds.footnotes {
            assert_eq!(
                links.citing(f.number),
                citing(&ds, &by_date, f.number),
                "[{}]",
                f.number
            );
            assert_eq!(
                links.folded_from(f.number),
                folded_from(&ds, f.number),
                "[{}]",
                f.number
            );
            seen_folded += links.folded_from(f.number).len();
        }
        let backrefs = ds
            .footnotes
            .iter()
            .filter(|f| matches!(f.body, FootnoteBody::Backref { .. }))
            .count();
        assert!(seen_folded > 0 && seen_folded <= backrefs);
        assert!(links.mentions(usize::MAX).is_empty() && links.citing(u32::MAX).is_empty());
    }

    #[test]
    fn links_from_their_thread_are_the_ones_worked_out_on_the_spot() {
        let ds = Arc::new(crate::data::embedded());
        let by_date = ds.chronological();
        let on_the_spot = || Links::new(Lookup::new(&ds, &DatasetIndex::new()), &held(&ds), &by_date);
        let later = LaterLinks::default();
        later.start(Arc::clone(&ds), Arc::new(held(&ds)), &by_date);
        assert!(later.coming.borrow().is_some(), "a thread works them out");
        let mut built_here = false;
        let links = later.get(|| {
            built_here = true;
            on_the_spot()
        });
        assert!(!built_here, "the thread's links were taken");
        assert_eq!(*links, on_the_spot());
        // Ready: neither a second thread nor a second build.
        later.start(Arc::clone(&ds), Arc::new(held(&ds)), &by_date);
        assert!(later.coming.borrow().is_none());
        assert!(std::ptr::eq(later.get(|| unreachable!()), links));
    }

    #[test]
    fn links_are_not_waited_for_by_who_can_do_without() {
        let ds = crate::data::embedded();
        let by_date = ds.chronological();
        let on_the_spot = || Links::new(Lookup::new(&ds, &DatasetIndex::new()), &held(&ds), &by_date);
        let (later, thread) = LaterLinks::pending();
        assert!(later.now(|| unreachable!()).is_none(), "not waited for");
        thread.send(on_the_spot()).unwrap();
        assert_eq!(
            later.now(|| unreachable!()),
            Some(&on_the_spot()),
            "taken once sent"
        );
        assert!(later.coming.borrow().is_none());
        // A thread that stopped without them: built on the spot.
        let (later, thread) = LaterLinks::pending();
        drop(thread);
        assert_eq!(later.now(on_the_spot), Some(&on_the_spot()));
        // No thread at all: built on the spot.
        assert_eq!(LaterLinks::default().now(on_the_spot), Some(&on_the_spot()));
        // A thread yet to start: not built meanwhile, then its links.
        let later = LaterLinks::default();
        later.defer();
        assert!(
            later.now(|| unreachable!()).is_none(),
            "the first frame does not build them"
        );
        later.start(Arc::new(ds.clone()), Arc::new(held(&ds)), &by_date);
        assert_eq!(later.get(|| unreachable!()), &on_the_spot());
        assert_eq!(later.now(|| unreachable!()), Some(&on_the_spot()));
    }

    #[test]
    fn links_asked_for_before_any_thread_are_worked_out_on_the_spot() {
        let ds = crate::data::embedded();
        let by_date = ds.chronological();
        let later = LaterLinks::default();
        let links = later.get(|| Links::new(Lookup::new(&ds, &DatasetIndex::new()), &held(&ds), &by_date));
        assert!(!links.mentions(0).is_empty());
    }
}

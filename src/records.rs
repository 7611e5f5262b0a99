//! The events of a dataset as the browser reads them: held in memory, or
//! left in an index cache entry and each read the first time it is shown.
//! At a million events, reading them all took 1.6 s and doubled the
//! memory, for the few dozen a screen shows.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use rayon::prelude::*;

use rustc_hash::FxHashMap;
use unicode_width::UnicodeWidthStr;

use crate::cache::Shelf;
use crate::date::{Dates, Span};
use crate::model::{Event, Figure, Tab};

/// The events of one dataset, by index.
pub struct Records {
    events: Inner,
    /// Each id's event (the first, where unvalidated data repeats one),
    /// built when first asked for: only a saved position or bookmark
    /// needs it.
    ids: OnceLock<HashMap<Box<str>, usize>>,
}

enum Inner {
    Held(Vec<Event>),
    Shelved {
        shelf: Shelf,
        /// Each event once read, in blocks of [`BLOCK`] made when one of
        /// theirs is first read: a frame asks for the same rows again. A
        /// cell per event made up front cost 16 MB and 7 ms at a million.
        read: Box<[OnceLock<Block>]>,
    },
}

/// How many events' cells a block of [`Inner::Shelved`] holds.
const BLOCK: usize = 256;

/// The cells of [`BLOCK`] events, each set once its event is read.
type Block = Box<[OnceLock<Box<Event>>]>;

/// Shown in place of an event a damaged entry could not give back; the
/// entry is removed, so the next open reads the data file instead.
static UNREADABLE: LazyLock<Event> = LazyLock::new(|| Event {
    id: String::new(),
    date: None,
    end: None,
    tab: String::new(),
    title: "(unreadable: the index cache entry is damaged; open the file again to read it afresh)".into(),
    summary: String::new(),
    actors: Vec::new(),
    places: Vec::new(),
    figures: Vec::new(),
    footnotes: Vec::new(),
    quotes: Vec::new(),
    planned: false,
    provenance: Vec::new(),
    paragraph: None,
});

impl Records {
    /// Events already in memory.
    pub fn held(events: Vec<Event>) -> Records {
        Records::of(Inner::Held(events))
    }

    /// Events read from `shelf` as they are asked for.
    pub fn shelved(shelf: Shelf) -> Records {
        let blocks = shelf.len().div_ceil(BLOCK);
        let read = std::iter::repeat_with(OnceLock::new).take(blocks).collect();
        Records::of(Inner::Shelved { shelf, read })
    }

    fn of(events: Inner) -> Records {
        Records {
            events,
            ids: OnceLock::new(),
        }
    }

    /// The index of the event whose id is `id`, if any.
    pub fn position(&self, id: &str) -> Option<usize> {
        let ids = self.ids.get_or_init(|| {
            // From the entry's list of ids, if it has a sound one: reading
            // every event for its id took 1.6 s at a million.
            let listed = self.shelf().and_then(Shelf::ids);
            let all: Vec<Box<str>> = match listed {
                Some(ids) => ids.into_iter().map(String::into_boxed_str).collect(),
                None => self.map(|ev| Box::<str>::from(ev.id.as_str())),
            };
            let mut ids = HashMap::with_capacity(all.len());
            for (e, id) in all.into_iter().enumerate() {
                ids.entry(id).or_insert(e);
            }
            ids
        });
        ids.get(id).copied()
    }

    /// The events, if they are all in memory.
    pub fn in_memory(&self) -> Option<&[Event]> {
        match &self.events {
            Inner::Held(events) => Some(events),
            Inner::Shelved { .. } => None,
        }
    }

    /// The entry's shelf they are read from, if they are.
    pub fn shelf(&self) -> Option<&Shelf> {
        match &self.events {
            Inner::Shelved { shelf, .. } => Some(shelf),
            Inner::Held(_) => None,
        }
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        match &self.events {
            Inner::Held(events) => events.len(),
            Inner::Shelved { shelf, .. } => shelf.len(),
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Event `e`, if there is one and it can be read.
    pub fn get(&self, e: usize) -> Option<&Event> {
        match &self.events {
            Inner::Held(events) => events.get(e),
            Inner::Shelved { shelf, read } => {
                let block = read
                    .get(e / BLOCK)?
                    .get_or_init(|| std::iter::repeat_with(OnceLock::new).take(BLOCK).collect());
                let cell = block.get(e % BLOCK)?;
                if let Some(event) = cell.get() {
                    return Some(event);
                }
                let event = shelf.one(e)?;
                Some(cell.get_or_init(|| Box::new(event)))
            }
        }
    }

    /// Event `e`, or a stand-in saying it could not be read; callers
    /// hold indices the dataset gave them, so `e` is in range.
    pub fn event(&self, e: usize) -> &Event {
        self.get(e).unwrap_or(&UNREADABLE)
    }

    /// What `f` makes of every event, in order, on every core. Shelved
    /// events are read and dropped a chunk at a time, not kept; should a
    /// chunk be damaged, they are read one by one instead, and kept, with
    /// [`Records::event`]'s stand-in for the unreadable ones.
    pub fn map<T: Send>(&self, f: impl Fn(&Event) -> T + Sync + Send) -> Vec<T> {
        match &self.events {
            Inner::Held(events) => events.par_iter().map(f).collect(),
            Inner::Shelved { shelf, .. } => shelf.map(|event| f(&event)).unwrap_or_else(|| {
                (0..shelf.len())
                    .into_par_iter()
                    .map(|e| f(self.event(e)))
                    .collect()
            }),
        }
    }

    /// Every event in order, for what needs them all at hand (the reader
    /// mode of an article). Shelved ones are read and kept.
    pub fn iter(&self) -> impl Iterator<Item = &Event> {
        (0..self.len()).map(|e| self.event(e))
    }
}

impl std::ops::Index<usize> for Records {
    type Output = Event;

    fn index(&self, e: usize) -> &Event {
        self.event(e)
    }
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = match self.events {
            Inner::Held(_) => "held",
            Inner::Shelved { .. } => "shelved",
        };
        write!(f, "Records({} {how})", self.len())
    }
}

/// One figure of an event, with where it is and what sizes its row.
#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Figured {
    pub event: usize,
    /// Its index among the event's figures.
    pub index: usize,
    pub figure: Figure,
    /// The widths of its value and footnotes cells, which size the
    /// Figures table's columns ([`crate::app::format::figure_sizing_widths`]).
    pub widths: [usize; 2],
}

/// What the lists and the chart need of every event, gathered once:
/// the events themselves are then read only as they are shown. A cache
/// entry stores them beside the events.
#[derive(Debug, Default, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Columns {
    /// Each event's dates.
    pub spans: Vec<Dates>,
    /// The width of each event's compact date in the lists
    /// ([`crate::app::format::short_date_of`]), which sizes their date
    /// column.
    pub date_widths: Vec<u8>,
    /// Each event's tab, by index into the dataset's tabs; `u16::MAX` for
    /// one that is not declared (unvalidated data).
    pub tabs: Vec<u16>,
    /// Whether each event is planned.
    pub planned: Vec<bool>,
    /// Every event in the one date order ([`crate::date::chronological`]).
    pub by_date: Vec<usize>,
    /// Every figure, its events in date order. A cache entry stores them
    /// apart: at a million events they took 25 ms to read, which only
    /// the Figures view needs.
    #[rkyv(with = rkyv::with::Skip)]
    pub figures: Figures,
}

/// What makes the figures when they are first asked for.
type Gather = Box<dyn FnOnce() -> Vec<Figured> + Send>;

/// Every figure, its events in date order: at hand, or read when first
/// asked for.
pub struct Figures {
    made: std::cell::OnceCell<Vec<Figured>>,
    gather: std::cell::Cell<Option<Gather>>,
}

impl Figures {
    /// Figures at hand.
    pub fn ready(figures: Vec<Figured>) -> Figures {
        Figures {
            made: figures.into(),
            gather: None.into(),
        }
    }

    /// The figures `gather` makes, the first time they are asked for.
    pub fn later(gather: impl FnOnce() -> Vec<Figured> + Send + 'static) -> Figures {
        Figures {
            made: std::cell::OnceCell::new(),
            gather: Some(Box::new(gather) as Gather).into(),
        }
    }

    /// The figures, made now if they are not yet.
    pub fn get(&self) -> &Vec<Figured> {
        self.made
            .get_or_init(|| self.gather.take().map_or_else(Vec::new, |gather| gather()))
    }

    /// The figures, made now if they are not yet, taken out.
    pub fn take(self) -> Vec<Figured> {
        self.get();
        self.made.into_inner().unwrap_or_default()
    }
}

impl Default for Figures {
    fn default() -> Figures {
        Figures::ready(Vec::new())
    }
}

impl std::fmt::Debug for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Figures")
    }
}

/// Equal when the figures are: both are made.
impl PartialEq for Figures {
    fn eq(&self, other: &Figures) -> bool {
        self.get() == other.get()
    }
}

/// What [`Columns`] takes of one event.
type Row = (Option<Span>, u16, bool, Vec<(Figure, [usize; 2])>);

impl Columns {
    /// The columns of `events`, whose dataset declares `tabs`: one pass
    /// over the events, on every core.
    pub fn of_events(events: &[Event], tabs: &[Tab]) -> Columns {
        let tabs = tab_numbers(tabs);
        Columns::gather(events.par_iter().map(|ev| row(&tabs, ev)).collect())
    }

    /// As [`Columns::of_events`], for events that may be on a shelf:
    /// read a chunk at a time and not kept ([`Records::map`]).
    pub fn of_records(records: &Records, tabs: &[Tab]) -> Columns {
        let tabs = tab_numbers(tabs);
        Columns::gather(records.map(|ev| row(&tabs, ev)))
    }

    fn gather(rows: Vec<Row>) -> Columns {
        let mut columns = Columns::default();
        let mut figures = Vec::with_capacity(rows.len());
        let mut spans = Vec::with_capacity(rows.len());
        for (span, tab, planned, figured) in rows {
            spans.push(span);
            columns.spans.push(Dates::of(span));
            let width = crate::app::format::short_date_of(span).width();
            columns.date_widths.push(u8::try_from(width).unwrap_or(u8::MAX));
            columns.tabs.push(tab);
            columns.planned.push(planned);
            figures.push(figured);
        }
        columns.by_date = crate::date::chronological(&spans);
        let mut all = Vec::new();
        for &event in &columns.by_date {
            let figured = std::mem::take(&mut figures[event]).into_iter().enumerate();
            all.extend(figured.map(|(index, (figure, widths))| Figured {
                event,
                index,
                figure,
                widths,
            }));
        }
        columns.figures = Figures::ready(all);
        columns
    }

    /// Whether they can be those of a dataset of `events` events with
    /// `tabs` tabs, so that nothing built from them can fail: what a cache
    /// entry gives back is checked before use (its CRC stands for the
    /// bytes written, not for who wrote them).
    pub fn fit(&self, events: usize, tabs: usize) -> bool {
        let lengths = [
            self.spans.len(),
            self.date_widths.len(),
            self.tabs.len(),
            self.planned.len(),
            self.by_date.len(),
        ];
        let (by_date, spans, tab_of) = (&self.by_date, &self.spans, &self.tabs);
        let permutation = || {
            let mut seen = vec![false; events];
            (by_date.iter()).all(|&e| seen.get_mut(e).is_some_and(|s| !std::mem::replace(s, true)))
        };
        let sound = |s: Span| s.start.is_sound() && s.end.is_none_or(|e| e.is_sound());
        // The permutation's pass, which cannot be split, beside the others.
        let rest = || {
            spans.par_iter().filter_map(|d| d.span()).all(sound)
                && tab_of.par_iter().all(|&t| usize::from(t) < tabs)
        };
        lengths == [events; 5] && matches!(rayon::join(permutation, rest), (true, true))
    }
}

/// Each tab's number by its id.
fn tab_numbers(tabs: &[Tab]) -> FxHashMap<&str, u16> {
    tabs.iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), u16::try_from(i).unwrap_or(u16::MAX)))
        .collect()
}

fn row(tabs: &FxHashMap<&str, u16>, ev: &Event) -> Row {
    let tab = tabs.get(ev.tab.as_str()).copied().unwrap_or(u16::MAX);
    let figures = (0..ev.figures.len())
        .map(|i| {
            (
                ev.figures[i].clone(),
                crate::app::format::figure_sizing_widths(ev, i),
            )
        })
        .collect();
    (ev.span(), tab, ev.planned, figures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;

    #[test]
    fn columns_that_could_not_come_from_a_dataset_do_not_fit() {
        let ds = crate::data::embedded();
        let columns = Columns::of_events(&ds.events, &ds.tabs);
        let (n, tabs) = (ds.events.len(), ds.tabs.len());
        assert!(columns.fit(n, tabs));
        assert!(!columns.fit(n + 1, tabs), "another count of events");
        let spoilt = |spoil: fn(&mut Columns)| {
            let mut c = Columns::of_events(&ds.events, &ds.tabs);
            spoil(&mut c);
            c.fit(n, tabs)
        };
        assert!(
            !spoilt(|c| c.by_date[1] = c.by_date[0]),
            "an event twice in date order"
        );
        assert!(!spoilt(|c| c.tabs[0] = 99), "an undeclared tab");
        // Each unsound date, as a span's start and as its end.
        let sound = PartialDate::parse("2017").unwrap();
        for (month, day) in [(Some(13), None), (None, Some(3)), (Some(2), Some(30))] {
            let bad = PartialDate {
                year: 2017,
                month,
                day,
            };
            for span in [
                Span {
                    start: bad,
                    end: None,
                },
                Span {
                    start: sound,
                    end: Some(bad),
                },
            ] {
                let mut c = Columns::of_events(&ds.events, &ds.tabs);
                c.spans[0] = Dates::of(Some(span));
                assert!(!c.fit(n, tabs), "{span:?}");
            }
        }
    }
}

//! Footnotes by number, entities and events by id, in constant time.
//!
//! A dataset's lists are in file order, so only a scan finds a key; inside
//! a loop over events, notes or entities that made exports, the Sources
//! and People views and the browser's start-up quadratic (a Markdown
//! export of 10,000 notes took four minutes). Every lookup by key goes
//! through one [`DatasetIndex`] per dataset instead, seen through a
//! [`Lookup`].

use std::hash::BuildHasher;
use std::ops::Deref;
use std::sync::OnceLock;

use hashbrown::hash_table::Entry;
use hashbrown::{DefaultHashBuilder, HashMap, HashTable};

use crate::model::{Dataset, Entity, Event, Footnote, Resolution};

/// Where each footnote, entity and event of one dataset is, by key.
///
/// Only positions are stored, so the index can sit next to the dataset it
/// was built for (the browser keeps both for the session). Each table is
/// built on first use: `list` needs none, `show` one event. The hasher is
/// seeded at random, so a dataset cannot be made of keys that collide.
#[derive(Debug, Default)]
pub struct DatasetIndex {
    hasher: DefaultHashBuilder,
    footnotes: OnceLock<HashMap<u32, usize>>,
    entities: OnceLock<HashTable<usize>>,
    events: OnceLock<HashTable<usize>>,
}

impl DatasetIndex {
    /// An empty index; its tables are built for the dataset it is first
    /// used with through [`Lookup::new`], and only for that one.
    pub fn new() -> DatasetIndex {
        DatasetIndex::default()
    }

    /// Positions of `items` by `key`; the first of duplicates wins, as a
    /// scan would find it.
    fn table<T>(&self, items: &[T], key: fn(&T) -> &str) -> HashTable<usize> {
        let mut table = HashTable::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let k = key(item);
            let same = |&j: &usize| key(&items[j]) == k;
            let rehash = |&j: &usize| self.hasher.hash_one(key(&items[j]));
            if let Entry::Vacant(slot) = table.entry(self.hasher.hash_one(k), same, rehash) {
                slot.insert(i);
            }
        }
        table
    }

    /// The position in `items` of the one whose `key` is `want`, through
    /// `table`, built lazily by [`DatasetIndex::table`].
    fn find<T>(
        &self,
        table: &OnceLock<HashTable<usize>>,
        items: &[T],
        key: fn(&T) -> &str,
        want: &str,
    ) -> Option<usize> {
        let table = table.get_or_init(|| self.table(items, key));
        table
            .find(self.hasher.hash_one(want), |&i| key(&items[i]) == want)
            .copied()
    }
}

/// A dataset with its index: the dataset's fields through `Deref`, and
/// its lookups by key.
#[derive(Debug, Clone, Copy)]
pub struct Lookup<'a> {
    dataset: &'a Dataset,
    index: &'a DatasetIndex,
}

impl Deref for Lookup<'_> {
    type Target = Dataset;

    fn deref(&self) -> &Dataset {
        self.dataset
    }
}

impl<'a> Lookup<'a> {
    /// `dataset` looked up through `index`, which must be used with this
    /// dataset only (its tables are built for the first one it meets).
    pub fn new(dataset: &'a Dataset, index: &'a DatasetIndex) -> Lookup<'a> {
        Lookup { dataset, index }
    }

    /// The dataset itself, for as long as the lookup's borrow lasts.
    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    /// The position of the footnote numbered `number`, if any.
    pub fn footnote_index(&self, number: u32) -> Option<usize> {
        let footnotes = self.index.footnotes.get_or_init(|| {
            let mut map = HashMap::with_capacity(self.dataset.footnotes.len());
            for (i, f) in self.dataset.footnotes.iter().enumerate() {
                map.entry(f.number).or_insert(i);
            }
            map
        });
        footnotes.get(&number).copied()
    }

    /// The footnote numbered `number`, if any.
    pub fn footnote(&self, number: u32) -> Option<&'a Footnote> {
        self.footnote_index(number).map(|i| &self.dataset.footnotes[i])
    }

    /// The position of the entity with this id, if any.
    pub fn entity_index(&self, id: &str) -> Option<usize> {
        (self.index).find(&self.index.entities, &self.dataset.entities, |e| &e.id, id)
    }

    /// The entity with this id, if any.
    pub fn entity(&self, id: &str) -> Option<&'a Entity> {
        self.entity_index(id).map(|i| &self.dataset.entities[i])
    }

    /// The position of the event with this id, if any.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        (self.index).find(&self.index.events, &self.dataset.events, |e| &e.id, id)
    }

    /// The event with this id, if any.
    pub fn event(&self, id: &str) -> Option<&'a Event> {
        self.event_index(id).map(|i| &self.dataset.events[i])
    }

    /// What footnote `number` stands for once back-references are
    /// followed (see [`Dataset::resolve_with`]); `None` if there is no
    /// such footnote.
    pub fn resolve(&self, number: u32) -> Option<Resolution<'a>> {
        self.dataset.resolve_with(number, |n| self.footnote(n))
    }

    /// The URL footnote `number` leads to, back-references followed.
    pub fn url(&self, number: u32) -> Option<&'a str> {
        match self.resolve(number)? {
            Resolution::Citation(c) | Resolution::SameAs { citation: c, .. } => c.url.as_deref(),
            Resolution::Note { url, .. } => url,
            Resolution::Unresolved { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_find_what_a_scan_finds() {
        let mut ds = crate::data::embedded();
        // Duplicates (only in unvalidated data): the first one wins.
        ds.entities.push(crate::model::Entity {
            description: "a second one".into(),
            ..ds.entities[0].clone()
        });
        ds.events.push(ds.events[3].clone());
        ds.footnotes.push(ds.footnotes[5].clone());
        let index = DatasetIndex::new();
        let lookup = Lookup::new(&ds, &index);
        for (i, e) in ds.entities.iter().enumerate() {
            let first = ds.entities.iter().position(|x| x.id == e.id);
            assert_eq!(lookup.entity_index(&e.id), first, "entity {i}");
        }
        for (i, e) in ds.events.iter().enumerate() {
            let first = ds.events.iter().position(|x| x.id == e.id);
            assert_eq!(lookup.event_index(&e.id), first, "event {i}");
        }
        for f in &ds.footnotes {
            let first = ds.footnotes.iter().find(|x| x.number == f.number);
            assert!(std::ptr::eq(lookup.footnote(f.number).unwrap(), first.unwrap()));
        }
        assert_eq!(lookup.entity_index("no-such-entity"), None);
        assert_eq!(lookup.event("no-such-event"), None);
        assert_eq!(lookup.footnote(0), None);
        assert_eq!(lookup.resolve(10_000), None);
    }
}

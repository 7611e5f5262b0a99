//! What every importer shares: slug ids made unique, tabs, entities and
//! footnotes interned by key (a million rows naming the same hundred actors
//! make a hundred entities, not a million), and the finished dataset.

use std::io::Write;

use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::UnicodeNormalization;

use crate::model::{Dataset, Document, Entity, EntityKind, Event, Footnote, FootnoteBody, MAX_TABS, Tab};

/// The tab of events that name none.
pub const DEFAULT_TAB: &str = "Events";

/// Ids are slugs of at most this many bytes, as tab ids must be.
const SLUG_MAX: usize = 64;

/// `text` as a slug: ASCII letters (accents stripped) and digits,
/// lowercase, runs of anything else as one `-`; empty if nothing is left.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() {
            if slug.len() >= SLUG_MAX {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') && (c.is_whitespace() || c.is_ascii_punctuation())
        {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Slugs handed out so far, each given once: a taken one gets `-2`, `-3`…
/// Only their hashes are kept, 8 bytes for each of a million event ids:
/// two slugs of one hash cost the second a needless suffix, never a
/// duplicate.
#[derive(Default)]
struct Ids(FxHashSet<u64>);

impl Ids {
    fn unique(&mut self, wanted: &str, fallback: &str) -> String {
        let mut base = slugify(wanted);
        if base.is_empty() {
            base = fallback.to_string();
        }
        if self.0.insert(hash(&base)) {
            return base;
        }
        // Room for the suffix within the slug limit.
        base.truncate(SLUG_MAX - 8);
        let base = base.trim_end_matches('-').to_string();
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.0.insert(hash(id)))
            .unwrap_or_default()
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// A dataset being built.
#[derive(Default)]
pub struct Builder {
    tabs: Vec<Tab>,
    tab_by_title: FxHashMap<String, usize>,
    tab_ids: Ids,
    events: Vec<Event>,
    event_ids: Ids,
    entities: Vec<Entity>,
    /// Entities by name, then kind: looked up by `&str`, without making a
    /// key, for each of a million rows.
    entity_by_name: FxHashMap<String, Vec<(EntityKind, usize)>>,
    entity_ids: Ids,
    footnotes: Vec<Footnote>,
    footnote_by_body: FxHashMap<String, u32>,
}

impl Builder {
    /// The id of the tab titled `title` (trimmed; blank is the default
    /// tab), declared on first use; `Err` when it would be one too many.
    pub fn tab(&mut self, title: &str) -> Result<String, String> {
        let title = match title.trim() {
            "" => DEFAULT_TAB,
            t => t,
        };
        if let Some(&i) = self.tab_by_title.get(title) {
            return Ok(self.tabs[i].id.clone());
        }
        if self.tabs.len() == MAX_TABS {
            return Err(format!(
                "{title:?} would be tab {}: a dossier has at most {MAX_TABS} tabs; \
                 map a column with fewer values to the tab (--map COLUMN=tab)",
                MAX_TABS + 1
            ));
        }
        let id = self.tab_ids.unique(title, "tab");
        self.tab_by_title.insert(title.to_string(), self.tabs.len());
        self.tabs.push(Tab {
            id: id.clone(),
            title: title.to_string(),
            label: None,
            badge: None,
            color: None,
            summary: None,
        });
        Ok(id)
    }

    /// A unique event id from `wanted` (slugified), else `fallback`.
    pub fn event_id(&mut self, wanted: &str, fallback: &str) -> String {
        self.event_ids.unique(wanted, fallback)
    }

    /// The id of the entity of `kind` named `name`, made on first use.
    pub fn entity(&mut self, name: &str, kind: EntityKind, description: &str) -> String {
        let name = name.trim();
        let known = self.entity_by_name.get(name).into_iter().flatten();
        if let Some(&(_, i)) = known.into_iter().find(|(k, _)| *k == kind) {
            return self.entities[i].id.clone();
        }
        let id = self.entity_ids.unique(name, "entity");
        self.entity_by_name
            .entry(name.to_string())
            .or_default()
            .push((kind, self.entities.len()));
        self.entities.push(Entity {
            id: id.clone(),
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            description: description.to_string(),
            provenance: Vec::new(),
        });
        id
    }

    /// The number of a footnote saying `body`, numbered on first use.
    pub fn footnote(&mut self, body: FootnoteBody) -> u32 {
        // The JSON of the body is its identity: two identical sources are one.
        let key = serde_json::to_string(&body).unwrap_or_default();
        if let Some(&n) = self.footnote_by_body.get(&key) {
            return n;
        }
        let number = u32::try_from(self.footnotes.len() + 1).unwrap_or(u32::MAX);
        self.footnote_by_body.insert(key, number);
        self.footnotes.push(Footnote { number, body });
        number
    }

    pub fn push(&mut self, event: Event) {
        self.events.push(event);
    }

    /// The dataset, or `None` when no event was made (a dataset needs one).
    pub fn finish(self, document: Document) -> Option<Dataset> {
        if self.events.is_empty() {
            return None;
        }
        Some(Dataset {
            format: Some(crate::model::FORMAT.to_string()),
            version: Some(crate::model::VERSION),
            document,
            tabs: self.tabs,
            events: self.events,
            entities: self.entities,
            footnotes: self.footnotes,
        })
    }
}

/// A dataset being written, its events so far written out.
pub struct EventWriter<'w> {
    out: &'w mut dyn Write,
    count: usize,
}

impl<'w> EventWriter<'w> {
    /// Starts writing a dataset whose events are streamed in as they are made: the
    /// events first, one a line, then what they refer to. Memory is then
    /// bounded by the distinct tabs, entities and sources, not the rows.
    pub fn new(out: &'w mut dyn Write) -> std::io::Result<Self> {
        write!(
            out,
            "{{\n  \"format\": \"{}\",\n  \"version\": {},\n  \"events\": [",
            crate::model::FORMAT,
            crate::model::VERSION
        )?;
        Ok(EventWriter { out, count: 0 })
    }

    pub fn push(&mut self, event: &Event) -> std::io::Result<()> {
        let separator: &[u8] = if self.count == 0 { b"\n    " } else { b",\n    " };
        self.out.write_all(separator)?;
        serde_json::to_writer(&mut *self.out, event)?;
        self.count += 1;
        Ok(())
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// Ends the file with the document and what the events refer to.
    pub fn finish(self, builder: &Builder, document: &Document) -> std::io::Result<()> {
        self.end(&Rest {
            document,
            tabs: &builder.tabs,
            entities: &builder.entities,
            footnotes: &builder.footnotes,
        })
    }

    fn end(self, rest: &Rest<'_>) -> std::io::Result<()> {
        self.out.write_all(b"\n  ],")?;
        let rest = serde_json::to_vec_pretty(rest)?;
        // `{` opened the file already: the rest continues its object.
        self.out.write_all(&rest[1..])?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

/// A dataset's fields other than its events, written after them.
#[derive(serde::Serialize)]
struct Rest<'a> {
    document: &'a Document,
    tabs: &'a [Tab],
    entities: &'a [Entity],
    footnotes: &'a [Footnote],
}

/// Writes `dataset` as streamed datasets are written, so that every
/// import's output looks the same: its events one a line.
pub fn write_dataset(out: &mut dyn Write, dataset: &Dataset) -> std::io::Result<()> {
    let mut writer = EventWriter::new(out)?;
    for event in &dataset.events {
        writer.push(event)?;
    }
    writer.end(&Rest {
        document: &dataset.document,
        tabs: &dataset.tabs,
        entities: &dataset.entities,
        footnotes: &dataset.footnotes,
    })
}

/// A footnote for a link or a source: a note with its URL when `url` is
/// an acceptable http(s) link, else `None` (the text stays where it was).
pub fn link(text: &str, url: &str) -> Option<FootnoteBody> {
    let url = url.trim();
    if crate::web::problem(url).is_some() {
        return None;
    }
    let text = match text.trim() {
        "" => url,
        t => t,
    };
    Some(FootnoteBody::Note {
        text: text.to_string(),
        url: Some(url.to_string()),
    })
}

/// The first ~80 characters of `text`, cut at a word, for a title.
pub fn title_from(text: &str) -> String {
    const MAX: usize = 80;
    // Words joined by single spaces, up to one character past MAX.
    let mut cut = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !cut.is_empty() {
            cut.push(' ');
            chars += 1;
        }
        for c in word.chars().take(MAX + 1 - chars.min(MAX + 1)) {
            cut.push(c);
            chars += 1;
        }
        if chars > MAX {
            break;
        }
    }
    if chars <= MAX {
        return cut;
    }
    let cut: String = cut.chars().take(MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > MAX / 2 => &cut[..space],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_unique() {
        assert_eq!(slugify("Ankara, Türkiye!"), "ankara-turkiye");
        assert_eq!(slugify("   "), "");
        let mut ids = Ids::default();
        assert_eq!(ids.unique("A b", "x"), "a-b");
        assert_eq!(ids.unique("a-b", "x"), "a-b-2");
        assert_eq!(ids.unique("Москва", "event-1"), "event-1");
        let long = "x".repeat(200);
        assert_eq!(ids.unique(&long, "x").len(), 64);
        assert!(ids.unique(&long, "x").len() <= 64);
    }

    #[test]
    fn titles_are_cut_at_a_word() {
        let text = "word ".repeat(40);
        let title = title_from(&text);
        assert!(title.ends_with("word…") && title.chars().count() <= 81, "{title}");
        assert_eq!(title_from(" short  text "), "short text");
    }
}

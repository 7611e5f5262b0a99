//! The dataset schema: plain serde types, no behaviour beyond small lookups.
//! They are rkyv types too, for the index cache ([`crate::cache`]), which
//! keeps a validated dataset in a form read in place instead of parsed.
//!
//! Dates stay strings here (`"2017-09-09"`, `"2017-05"`, `"2012"`) so that a
//! bad date is reported by validation with its location instead of aborting
//! deserialization at the first problem; [`crate::date::PartialDate`] parses
//! them.
//!
//! These types are schema version 2 ([`VERSION`]). A version 1 file (the
//! schema before it, which had no `format` and `version` fields) is read by
//! the same types: version 2 only made fields optional and opened tab ids,
//! so every version 1 file is a version 2 file without its header. The
//! JSON Schema that `dossier schema` prints is generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `format` field of a dataset file.
pub const FORMAT: &str = "dossier";
/// The schema version this program writes, and the newest it reads.
pub const VERSION: u32 = 2;
/// Most tabs a dataset may declare.
pub const MAX_TABS: usize = 64;

/// A whole dossier: one document, its tabs, events, entities and footnotes.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dossier dataset", extend("$id" = "https://dossier.invalid/schema/v2.json"))]
pub struct Dataset {
    /// Always `"dossier"`; absent in version 1 files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("const" = FORMAT))]
    pub format: Option<String>,
    /// The schema version: 2 (absent means 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 2))]
    pub version: Option<u32>,
    pub document: Document,
    /// The content tabs, in display order: 1 to 64 of them.
    #[schemars(length(min = 1, max = 64))]
    pub tabs: Vec<Tab>,
    // Counted as they are parsed, for the browser's loading counter.
    #[schemars(length(min = 1))]
    #[serde(deserialize_with = "crate::progress::counted")]
    pub events: Vec<Event>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
}

/// What the dossier is: only the title is required; screens and exports
/// show the fields that are there and say nothing of the others.
#[derive(
    Debug,
    Clone,
    Default,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Document {
    #[schemars(length(min = 1))]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The author's role or affiliation, shown after the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The series and number as printed, e.g. "Analysis No 2017/29".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Publication date, as an ISO 8601 prefix like event dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
    /// BCP 47 language tag of the analysed document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where the original can be read (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where the data comes from and how it was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_note: Option<String>,
    /// A short overview of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<String>,
    /// A short restatement of the document's conclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<String>,
}

/// A content tab: a section of the dossier whose events are listed together.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Tab {
    /// A slug: lowercase letters, digits, `-` and `_`, at most 64.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]{0,63}$"))]
    pub id: String,
    #[schemars(length(min = 1))]
    pub title: String,
    /// A short label for narrow tab bars, e.g. "Security".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// One character marking the tab's events on the Timeline, e.g. "S".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge: Option<String>,
    /// The tab's colour: a name (red, green, yellow, blue, magenta, cyan,
    /// gray, and light- or dark- forms) or `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// What the tab holds, in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// One fact of the dossier, usually dated.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable slug, unique across events.
    #[schemars(length(min = 1))]
    pub id: String,
    /// ISO 8601 prefix; its length is its precision (year, month or day).
    /// Absent for an undated event, which sorts after every dated one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub date: Option<String>,
    /// Last day/month/year of a span, same format as `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub end: Option<String>,
    /// The id of a declared tab.
    pub tab: String,
    #[schemars(length(min = 1))]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// Entity ids of the people, countries, organizations... involved.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Entity ids of kind `place` (or countries) where it happened.
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Footnote numbers that source this event.
    #[serde(default)]
    pub footnotes: Vec<u32>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// True for something expected or planned, not yet happened when written.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
    /// The basis of facts the analysis does not state itself; a fact not
    /// listed is stated. Facts: `date`, `end`, `title`, `summary`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<Provenance>,
    /// For a dossier made from an article: the paragraph of the article it
    /// was written in, counted from 1; events with the same number were one
    /// paragraph. When every event has one, the Reader reads the dossier
    /// as it was written instead of by date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
}

/// Where one fact of an event or entity comes from, when that is not
/// simply the analysis's own words.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The field it qualifies. A string, not an enum, so that a wrong name
    /// is reported by validation with its location.
    pub fact: String,
    pub basis: Basis,
    /// What the fact is derived from, or which public record it comes
    /// from; required unless the basis is `stated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How a fact relates to the analysis.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The analysis states it.
    #[default]
    Stated,
    /// Worked out from something the analysis states, such as the date of
    /// a note it cites.
    Derived,
    /// From the public record, not the analysis.
    External,
}

/// The facts a provenance entry may name on an event.
pub const EVENT_FACTS: [&str; 4] = ["date", "end", "title", "summary"];

/// The facts a provenance entry may name on an entity.
pub const ENTITY_FACTS: [&str; 2] = ["name", "description"];

/// A number the analysis states, with what it measures.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub value: f64,
    /// "USD", "people", "companies", "hectares", "students", "projects", ...
    pub unit: String,
    /// What the number measures, e.g. "bilateral trade volume".
    pub measure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Qualifier::is_exact")]
    pub qualifier: Qualifier,
}

/// How the analysis qualifies a figure.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    #[default]
    Exact,
    /// "around", "about", "approximately".
    About,
    /// "over", "more than".
    Over,
    /// A goal, not a measurement.
    Target,
}

impl Qualifier {
    fn is_exact(&self) -> bool {
        *self == Qualifier::Exact
    }
}

/// A quotation of a named speaker, verbatim, with its source.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Entity id of the speaker.
    pub speaker: String,
    pub text: String,
    pub footnote: u32,
}

/// A person, country, organization... referred to by events.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// ASCII and alternative spellings, abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub description: String,
    /// As on [`Event::provenance`]; facts: `name`, `description`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<Provenance>,
}

/// What an entity is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Country,
    Organization,
    Company,
    Agreement,
    Initiative,
    Place,
}

/// A numbered note of the analysis.
///
/// Not `deny_unknown_fields`: serde does not support it together with
/// `flatten`; the body's variants reject unknown fields instead.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Footnote {
    pub number: u32,
    #[serde(flatten)]
    pub body: FootnoteBody,
}

/// The four shapes a footnote takes.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum FootnoteBody {
    /// A full citation.
    Citation(Citation),
    /// A short title pointing back to an earlier full citation ("ibid").
    Backref {
        /// The short note as written in the analysis.
        text: String,
        refers_to: u32,
    },
    /// An explanatory note rather than a source.
    Note {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
    /// A short title with no earlier full citation to resolve to.
    Unresolved { text: String },
}

/// A full bibliographic citation.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    JsonSchema,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub title: String,
    pub outlet: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// BCP 47 language tag of the cited work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The JSON Schema (draft 2020-12) of a dataset file, generated from these
/// types: what `dossier schema` prints for editors.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Dataset)).unwrap_or_default()
}

/// Tab colour names a dataset may use (besides `#rrggbb`).
pub const TAB_COLORS: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

impl Event {
    /// The event's dates, parsed; `None` for an undated event (or, in
    /// unvalidated data, a date that does not parse). The one place an
    /// event's dates are read, so every view agrees on them.
    pub fn span(&self) -> Option<crate::date::Span> {
        let start = crate::date::PartialDate::parse(self.date.as_deref()?).ok()?;
        let end = self
            .end
            .as_deref()
            .and_then(|e| crate::date::PartialDate::parse(e).ok());
        Some(crate::date::Span { start, end })
    }
}

impl Tab {
    /// The label for a narrow tab bar: the declared one, else the title's
    /// first word.
    pub fn short_label(&self) -> &str {
        match &self.label {
            Some(label) if !label.trim().is_empty() => label.trim(),
            _ => self.title.split_whitespace().next().unwrap_or(&self.title),
        }
    }
}

impl Event {
    /// Whether any fact of the event has this basis.
    pub fn has_basis(&self, basis: Basis) -> bool {
        self.provenance.iter().any(|p| p.basis == basis)
    }
}

impl Dataset {
    /// Every event's dates, parsed once for everything that orders or
    /// draws by them; `None` for an undated event.
    pub fn spans(&self) -> Vec<Option<crate::date::Span>> {
        use rayon::prelude::*;
        self.events.par_iter().map(Event::span).collect()
    }

    /// Everything but the events: what the Overview is drawn from while
    /// they are still being read, and what a cache entry stores apart
    /// from its chunks of events.
    pub fn meta(&self) -> Dataset {
        Dataset {
            format: self.format.clone(),
            version: self.version,
            document: self.document.clone(),
            tabs: self.tabs.clone(),
            events: Vec::new(),
            entities: self.entities.clone(),
            footnotes: self.footnotes.clone(),
        }
    }

    /// How many events each tab holds, in the order of [`Dataset::tabs`];
    /// an event of an undeclared tab (unvalidated data) counts nowhere.
    pub fn tab_counts(&self) -> Vec<usize> {
        self.count_tabs(&self.events)
    }

    /// [`Dataset::tab_counts`] of `events`, held apart from the dataset.
    pub fn count_tabs(&self, events: &[Event]) -> Vec<usize> {
        let tab: rustc_hash::FxHashMap<&str, usize> = self
            .tabs
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let mut counts = vec![0; self.tabs.len()];
        for i in events.iter().filter_map(|e| tab.get(e.tab.as_str())) {
            counts[*i] += 1;
        }
        counts
    }

    /// Every event index in the one chronological order
    /// ([`crate::date::chronological`]).
    pub fn chronological(&self) -> Vec<usize> {
        crate::date::chronological(&self.spans())
    }

    /// The footnote numbered `number`, if any.
    pub fn footnote(&self, number: u32) -> Option<&Footnote> {
        self.footnotes.iter().find(|f| f.number == number)
    }

    /// The entity with this id, if any.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The event with this id, if any.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The declared tab that `name` names: the tab with that id, else the
    /// one whose title starts with it, case-insensitively (`Security`,
    /// `sec`). The error says what was expected, or which tabs it could be.
    pub fn find_tab(&self, name: &str) -> Result<&Tab, String> {
        let wanted = name.trim().to_lowercase();
        if let Some(tab) = self.tabs.iter().find(|t| t.id.to_lowercase() == wanted) {
            return Ok(tab);
        }
        let by_title: Vec<&Tab> = self
            .tabs
            .iter()
            .filter(|t| !wanted.is_empty() && t.title.to_lowercase().starts_with(&wanted))
            .collect();
        let listed = |tabs: &[&Tab]| {
            tabs.iter()
                .map(|t| format!("{} ({})", t.id, t.title))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match by_title.as_slice() {
            [tab] => Ok(tab),
            [] => Err(format!(
                "unknown tab \"{}\": expected the id or the start of the title of one of {}",
                crate::sanitize::echo(name),
                listed(&self.tabs.iter().collect::<Vec<_>>())
            )),
            several => Err(format!(
                "tab \"{}\" could be any of {}: say which",
                crate::sanitize::echo(name),
                listed(several)
            )),
        }
    }

    /// The tab with this id, if any.
    pub fn tab(&self, id: &str) -> Option<&Tab> {
        self.tabs.iter().find(|t| t.id == id)
    }
}

/// What a footnote amounts to once back-references are followed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolution<'a> {
    /// The note is itself a full citation.
    Citation(&'a Citation),
    /// The note points back to footnote `number`, which holds `citation`.
    SameAs { number: u32, citation: &'a Citation },
    /// An explanatory note, not a source.
    Note { text: &'a str, url: Option<&'a str> },
    /// A short title whose full citation does not exist in the analysis; a
    /// back-reference that leads nowhere (only in unvalidated data) also
    /// lands here.
    Unresolved { text: &'a str },
}

impl Dataset {
    /// Follows back-references from footnote `number` to what it stands
    /// for, finding footnotes with `footnote` (an index:
    /// [`crate::lookup::Lookup::resolve`]). `None` if no such footnote
    /// exists. Chains of back-references are followed, but never more
    /// steps than there are footnotes, so a cycle in unvalidated data
    /// cannot loop.
    pub fn resolve_with<'a>(
        &'a self,
        number: u32,
        footnote: impl Fn(u32) -> Option<&'a Footnote>,
    ) -> Option<Resolution<'a>> {
        let first = footnote(number)?;
        let mut current = first;
        for _ in 0..=self.footnotes.len() {
            match &current.body {
                FootnoteBody::Citation(c) if current.number == number => {
                    return Some(Resolution::Citation(c));
                }
                FootnoteBody::Citation(c) => {
                    return Some(Resolution::SameAs {
                        number: current.number,
                        citation: c,
                    });
                }
                FootnoteBody::Note { text, url } => {
                    return Some(Resolution::Note {
                        text,
                        url: url.as_deref(),
                    });
                }
                FootnoteBody::Unresolved { text } => return Some(Resolution::Unresolved { text }),
                FootnoteBody::Backref { refers_to, .. } => match footnote(*refers_to) {
                    Some(next) => current = next,
                    None => break,
                },
            }
        }
        let text = match &first.body {
            FootnoteBody::Backref { text, .. } => text.as_str(),
            _ => "",
        };
        Some(Resolution::Unresolved { text })
    }
}

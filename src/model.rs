//! The dataset schema: plain serde types, no behaviour beyond small lookups.
//!
//! Dates stay strings here (`"2017-09-09"`, `"2017-05"`, `"2012"`) so that a
//! bad date is reported by validation with its location instead of aborting
//! deserialization at the first problem; [`crate::date::PartialDate`] parses
//! them.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// A whole dossier: one document, its tabs, events, entities and footnotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub document: Document,
    pub tabs: Vec<Tab>,
    pub events: Vec<Event>,
    pub entities: Vec<Entity>,
    pub footnotes: Vec<Footnote>,
}

/// Bibliographic facts about the analysed document, plus our own summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub title: String,
    pub author: String,
    pub author_role: String,
    pub publisher: String,
    /// Series number as printed, e.g. "2017/29".
    pub series: String,
    pub published: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
    /// BCP 47 language tag of the analysed document.
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where the data comes from and how it was written.
    pub source_note: String,
    /// Our own short overview of the document.
    pub overview: String,
    /// Our own short restatement of the document's conclusion.
    pub conclusion: String,
}

/// A content tab; `id` is one of [`TAB_IDS`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tab {
    pub id: String,
    pub title: String,
    pub summary: String,
}

/// The tab ids a dataset may use, in display order.
pub const TAB_IDS: [&str; 4] = ["political", "economic", "security", "regional"];

/// One dated fact of the analysis.
///
/// Its strings are [`CompactString`]s: a file may hold millions of events
/// whose id, date, tab and often title are a few bytes each, and a
/// `String` would give each its own heap allocation, several times the
/// bytes it holds; these keep up to 24 bytes inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable slug, unique across events.
    pub id: CompactString,
    /// ISO 8601 prefix; its length is its precision (year, month or day).
    pub date: CompactString,
    /// Last day/month/year of a span, same format as `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<CompactString>,
    pub tab: CompactString,
    pub title: CompactString,
    pub summary: CompactString,
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
}

/// A number the analysis states, with what it measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Entity id of the speaker.
    pub speaker: String,
    pub text: String,
    pub footnote: u32,
}

/// A person, country, organization... referred to by events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// ASCII and alternative spellings, abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub description: String,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    pub number: u32,
    #[serde(flatten)]
    pub body: FootnoteBody,
}

/// The four shapes a footnote takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

impl Dataset {
    /// The tab with this id, if any. (Footnotes, entities and events are
    /// found by key through [`crate::lookup::Lookup`]: there are too many
    /// of them to scan.)
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

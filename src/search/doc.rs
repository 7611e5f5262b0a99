//! One event's searchable form: its text folded once, and the facts the
//! field filters test, gathered at load so a search never revisits the
//! dataset.

use super::fold::fold;
use super::query::EventKind;
use crate::date::{PartialDate, Span};
use crate::format;
use crate::model::{Dataset, Event, Resolution};

/// One event, folded for matching.
#[derive(Debug, Clone)]
pub(super) struct EventDoc {
    /// Folded text per [`super::Field`], in `Field::ALL` order.
    pub fields: [String; 4],
    /// Tab id and title.
    pub tab: String,
    /// Names and aliases of the actors, and of the places.
    pub actors: String,
    pub places: String,
    /// Outlets of every cited footnote, back-references followed.
    pub sources: String,
    /// Footnote numbers cited by the event or its quotes, and the full
    /// citations their back-references stand for.
    pub footnotes: Vec<u32>,
    pub kinds: Vec<EventKind>,
    /// `None` when the date does not parse (only in unvalidated data).
    pub span: Option<Span>,
}

const SEPARATOR: &str = " · ";

/// Names and aliases of the entities `ids`, separated.
fn names(dataset: &Dataset, ids: &[String]) -> String {
    let mut out = String::new();
    for entity in ids.iter().filter_map(|id| dataset.entity(id)) {
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            out.push_str(name);
            out.push_str(SEPARATOR);
        }
    }
    out
}

/// Quotes, figures, and the date in several spellings.
fn other_text(dataset: &Dataset, event: &Event, span: Option<&Span>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for quote in &event.quotes {
        parts.push(quote.text.clone());
        parts.extend(dataset.entity(&quote.speaker).map(|s| s.name.clone()));
    }
    for figure in &event.figures {
        parts.push(format::figure(figure));
        parts.push(figure.measure.clone());
    }
    parts.push(event.date.clone());
    parts.extend(event.end.clone());
    if let Some(span) = span {
        parts.push(span.long());
        parts.push(span.short());
    }
    parts.join(SEPARATOR)
}

fn span_of(event: &Event) -> Option<Span> {
    let start = PartialDate::parse(&event.date).ok()?;
    let end = match &event.end {
        Some(e) => Some(PartialDate::parse(e).ok()?),
        None => None,
    };
    Some(Span { start, end })
}

impl EventDoc {
    pub fn new(dataset: &Dataset, event: &Event) -> EventDoc {
        let span = span_of(event);
        let tab_title = dataset.tab(&event.tab).map_or("", |t| t.title.as_str());
        let actors = names(dataset, &event.actors);
        let places = names(dataset, &event.places);
        let cited = event
            .footnotes
            .iter()
            .chain(event.quotes.iter().map(|q| &q.footnote));
        let mut footnotes: Vec<u32> = Vec::new();
        let mut sources: Vec<&str> = Vec::new();
        for &n in cited {
            footnotes.push(n);
            match dataset.resolve(n) {
                Some(Resolution::Citation(c)) => sources.push(&c.outlet),
                // `fn:7` also finds events citing "ibid" notes that stand for 7.
                Some(Resolution::SameAs { number, citation }) => {
                    footnotes.push(number);
                    sources.push(&citation.outlet);
                }
                _ => {}
            }
        }
        footnotes.sort_unstable();
        footnotes.dedup();
        let kinds = [
            (!event.quotes.is_empty(), EventKind::Quote),
            (!event.figures.is_empty(), EventKind::Figure),
            (event.planned, EventKind::Planned),
            (event.end.is_some(), EventKind::Span),
        ]
        .into_iter()
        .filter_map(|(has, kind)| has.then_some(kind))
        .collect();
        EventDoc {
            fields: [
                fold(&event.title),
                fold(&format!("{actors}{places}")),
                fold(&event.summary),
                fold(&other_text(dataset, event, span.as_ref())),
            ],
            tab: fold(&format!("{} {tab_title}", event.tab)),
            actors: fold(&actors),
            places: fold(&places),
            sources: fold(&sources.join(SEPARATOR)),
            footnotes,
            kinds,
            span,
        }
    }
}

//! The detail documents of People & Orgs (one entity) and Sources (one
//! footnote), each ending with links to the events concerned.

use super::doc::{Doc, Role, Seg};
use super::links::Links;
use super::nav::Link;
use super::view::View;
use super::{format, rows};
use crate::lookup::Lookup;
use crate::model::{Dataset, FootnoteBody, Resolution};
use crate::sanitize::clean;

/// One event as a link line: date, tab letter, title (the link).
fn event_link(doc: &mut Doc, ds: &Dataset, event: usize) {
    let ev = &ds.events[event];
    let letter = View::from_tab_id(&ev.tab).map_or('?', View::letter);
    let k = doc.declare_link(Link::Event(event));
    let mut segs = vec![
        Seg::new(format!("{} ", format::short_date(ev)), Role::Dim),
        Seg::new(format!("{letter} "), Role::Key),
        Seg::new(clean(&ev.title).into_owned(), Role::Link(k)),
    ];
    if ev.planned {
        segs.push(Seg::new(" · planned", Role::Dim));
    }
    doc.par(&segs, 2);
}

/// A heading and the event links under it, or `none` when there are none.
fn event_links(doc: &mut Doc, ds: &Dataset, heading: String, events: &[usize], none: &str) {
    doc.gap();
    if events.is_empty() {
        doc.par(&[Seg::new(none, Role::Dim)], 0);
        return;
    }
    doc.par(&[Seg::new(heading, Role::Heading)], 0);
    for &e in events.iter().take(MAX_LINKS) {
        event_link(doc, ds, e);
    }
    if let Some(more) = events.len().checked_sub(MAX_LINKS).filter(|&n| n > 0) {
        let note = format!(
            "… and {} more, not listed: search to find among them",
            crate::format::number(more as f64)
        );
        doc.par(&[Seg::new(note, Role::Dim)], 0);
    }
}

/// Events listed as links under an entity or a source: the page is built
/// for every frame, and a name in a large archive can have thousands.
pub const MAX_LINKS: usize = 500;

fn events_noun(n: usize) -> &'static str {
    if n == 1 { "event" } else { "events" }
}

/// An entity: name, kind and aliases, its role, and the events that
/// mention it (`events`, in date order) as links.
pub fn entity(ds: &Dataset, entity: usize, events: &[usize], width: usize) -> Doc {
    let mut doc = Doc::new(width);
    let Some(en) = ds.entities.get(entity) else {
        return doc;
    };
    doc.par(&[Seg::new(clean(&en.name).into_owned(), Role::Title)], 0);
    let mut line = rows::kind_name(en.kind).to_string();
    let aliases: Vec<String> = en
        .aliases
        .iter()
        .filter(|a| **a != en.name)
        .map(|a| clean(a).into_owned())
        .collect();
    if !aliases.is_empty() {
        line.push_str(&format!(" · also: {}", aliases.join(", ")));
    }
    doc.par(&[Seg::new(line, Role::Dim)], 0);
    doc.gap();
    doc.par(&[Seg::new(clean_with_newlines(&en.description), Role::Plain)], 0);
    let n = events.len();
    event_links(
        &mut doc,
        ds,
        format!("Mentioned in {n} {}", events_noun(n)),
        events,
        "No event names it as an actor, place or speaker.",
    );
    doc
}

fn clean_with_newlines(text: &str) -> String {
    crate::sanitize::clean_with(text, true).into_owned()
}

/// `Label      value` rows of a citation.
fn field(doc: &mut Doc, label: &str, value: String, role: Role) {
    doc.par(
        &[Seg::new(format!("{label}: "), Role::Dim), Seg::new(value, role)],
        0,
    );
}

/// `[8], [29]`.
pub fn numbers(list: &[u32]) -> String {
    list.iter()
        .map(|n| format!("[{n}]"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A source: the footnote `root` in full, the back-references folded into
/// it, whether it resolves, and the events citing it (`events`) as links.
pub fn source(ds: Lookup<'_>, root: u32, links: &Links, width: usize) -> Doc {
    let mut doc = Doc::new(width);
    let Some(note) = ds.footnote(root) else {
        return doc;
    };
    let folded = links.folded_from(root);
    let events = links.citing(root);
    let (kind, title) = match (&note.body, ds.resolve(root)) {
        (FootnoteBody::Citation(c), _) => ("full citation", clean(&c.title).into_owned()),
        (FootnoteBody::Note { text, .. }, _) => ("explanatory note, not a source", clean(text).into_owned()),
        (_, Some(Resolution::Note { text, .. })) => ("short reference to a note", clean(text).into_owned()),
        (FootnoteBody::Backref { text, .. } | FootnoteBody::Unresolved { text }, _) => {
            ("unresolved short reference", clean(text).into_owned())
        }
    };
    doc.par(
        &[
            Seg::new(format!("[{root}] "), Role::Title),
            Seg::new(title, Role::Title),
        ],
        0,
    );
    let mut line = kind.to_string();
    if !folded.is_empty() {
        line.push_str(&format!(" · cited as {}", numbers(folded)));
    }
    doc.par(&[Seg::new(line, Role::Dim)], 0);
    doc.gap();
    match ds.resolve(root) {
        Some(Resolution::Citation(c) | Resolution::SameAs { citation: c, .. }) => {
            if let Some(a) = &c.author {
                field(&mut doc, "Author", clean(a).into_owned(), Role::Plain);
            }
            field(&mut doc, "Outlet", clean(&c.outlet).into_owned(), Role::Plain);
            if let Some(p) = &c.published {
                field(&mut doc, "Published", format::long_date_str(p), Role::Plain);
            }
            if let Some(a) = &c.accessed {
                field(&mut doc, "Accessed", format::long_date_str(a), Role::Plain);
            }
            if let Some(l) = &c.language {
                field(&mut doc, "Language", clean(l).into_owned(), Role::Plain);
            }
        }
        Some(Resolution::Note { .. }) => {}
        Some(Resolution::Unresolved { .. }) | None => {
            let msg = "⚠ Unresolved: no full citation exists in the analysis for this note.";
            doc.par(&[Seg::new(msg, Role::Warning)], 0);
        }
    }
    let url = super::content::footnote_url(ds, root);
    field(
        &mut doc,
        "URL",
        url.map_or_else(|| "none".to_string(), |u| clean(u).into_owned()),
        if url.is_some() { Role::Url } else { Role::Dim },
    );
    if !folded.is_empty() {
        doc.gap();
        doc.par(&[Seg::new("Cited again as", Role::Heading)], 0);
        for &n in folded {
            let text = match ds.footnote(n).map(|f| &f.body) {
                Some(FootnoteBody::Backref { text, .. }) => clean(text).into_owned(),
                _ => String::new(),
            };
            doc.par(
                &[
                    Seg::new(format!("[{n}] "), Role::Dim),
                    Seg::new(format!("“{text}”"), Role::Plain),
                ],
                2,
            );
        }
    }
    let n = events.len();
    event_links(
        &mut doc,
        &ds,
        format!("Cited by {n} {}", events_noun(n)),
        events,
        "No event cites it.",
    );
    doc
}

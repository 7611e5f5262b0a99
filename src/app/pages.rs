//! The detail documents of People & Orgs (one entity) and Sources (one
//! footnote), each ending with links to the events concerned.

use super::doc::{Doc, Role, Seg};
use super::links::Links;
use super::nav::Link;
use super::{format, rows};
use crate::lookup::Lookup;
use crate::model::{Dataset, Event, FootnoteBody, Resolution};
use crate::safe_format;
use crate::sanitize::SafeText;

/// What an event link shows of event `e`: the event, and the badge letter
/// of its tab (`App::event_badge`). The app is one.
pub trait Linked {
    fn linked(&self, e: usize) -> (&Event, char);
}

/// One event as a link line: date, tab letter, title (the link).
pub(super) fn event_link(doc: &mut Doc, event: usize, linked: &dyn Linked) {
    let (ev, letter) = linked.linked(event);
    let letter = letter.to_string();
    let k = doc.declare_link(Link::Event(event));
    let mut segs = vec![
        Seg::new(safe_format!("{date} ", date = format::short_date(ev)), Role::Dim),
        Seg::new(
            safe_format!("{letter} ", letter = SafeText::new(&letter)),
            Role::Key,
        ),
        Seg::new(SafeText::new(&ev.title), Role::Link(k)),
    ];
    if ev.planned {
        segs.push(Seg::new(SafeText::lit(" · planned"), Role::Dim));
    }
    doc.par(&segs, 2);
}

/// A heading and the event links under it, or `none` when there are none.
fn event_links(
    doc: &mut Doc,
    linked: &dyn Linked,
    heading: SafeText<'_>,
    events: &[usize],
    none: SafeText<'static>,
) {
    doc.gap();
    if events.is_empty() {
        doc.par(&[Seg::new(none, Role::Dim)], 0);
        return;
    }
    doc.par(&[Seg::new(heading, Role::Heading)], 0);
    for &e in events.iter().take(MAX_LINKS) {
        event_link(doc, e, linked);
    }
    if let Some(more) = events.len().checked_sub(MAX_LINKS).filter(|&n| n > 0) {
        let note = safe_format!(
            "… and {more} more, not listed: search to find among them",
            more = SafeText::new(&crate::format::number(more as f64))
        );
        doc.par(&[Seg::new(note, Role::Dim)], 0);
    }
}

/// Events listed as links under an entity or a source: the page is built
/// for every frame, and a name in a large archive can have thousands.
pub const MAX_LINKS: usize = 500;

fn events_noun(n: usize) -> SafeText<'static> {
    SafeText::lit(if n == 1 { "event" } else { "events" })
}

/// An entity: name, kind and aliases, its role, and the events that
/// mention it (`events`, in date order) as links.
pub fn entity(ds: &Dataset, entity: usize, events: &[usize], width: usize, linked: &dyn Linked) -> Doc {
    let mut doc = Doc::new(width);
    let Some(en) = ds.entities.get(entity) else {
        return doc;
    };
    doc.par(&[Seg::new(SafeText::new(&en.name), Role::Title)], 0);
    let mut line = SafeText::lit(rows::kind_name(en.kind));
    let aliases: Vec<SafeText> = en
        .aliases
        .iter()
        .filter(|a| **a != en.name)
        .map(|a| SafeText::new(a))
        .collect();
    if !aliases.is_empty() {
        let aliases = SafeText::join(aliases, &SafeText::lit(", "));
        line.push(&safe_format!(" · also: {aliases}", aliases));
    }
    doc.par(&[Seg::new(line, Role::Dim)], 0);
    doc.gap();
    doc.par(&[Seg::new(SafeText::multiline(&en.description), Role::Plain)], 0);
    // A name or description the analysis does not state says so.
    for line in crate::format::provenance_marks(&en.provenance, None).1 {
        doc.par(&[Seg::new(SafeText::new(&line).into_owned(), Role::Dim)], 0);
    }
    let n = events.len();
    event_links(
        &mut doc,
        linked,
        safe_format!("Mentioned in {n} {noun}", n, noun = events_noun(n)),
        events,
        SafeText::lit("No event names it as an actor, place or speaker."),
    );
    doc
}

/// `Label      value` rows of a citation.
fn field(doc: &mut Doc, label: &'static str, value: SafeText<'_>, role: Role) {
    doc.par(
        &[
            Seg::new(safe_format!("{label}: ", label = SafeText::lit(label)), Role::Dim),
            Seg::new(value, role),
        ],
        0,
    );
}

/// `[8], [29]`.
pub fn numbers(list: &[u32]) -> SafeText<'static> {
    SafeText::join(
        list.iter().map(|n| safe_format!("[{n}]", n)),
        &SafeText::lit(", "),
    )
}

/// A source: the footnote `root` in full, the back-references folded into
/// it, whether it resolves, and the events citing it (`events`) as links.
pub fn source(ds: Lookup<'_>, root: u32, links: &Links, width: usize, linked: &dyn Linked) -> Doc {
    let mut doc = Doc::new(width);
    let Some(note) = ds.footnote(root) else {
        return doc;
    };
    let folded = links.folded_from(root);
    let events = links.citing(root);
    let (kind, title) = match (&note.body, ds.resolve(root)) {
        (FootnoteBody::Citation(c), _) => ("full citation", SafeText::new(&c.title)),
        (FootnoteBody::Note { text, .. }, _) => ("explanatory note, not a source", SafeText::new(text)),
        (_, Some(Resolution::Note { text, .. })) => ("short reference to a note", SafeText::new(text)),
        (FootnoteBody::Backref { text, .. } | FootnoteBody::Unresolved { text }, _) => {
            ("unresolved short reference", SafeText::new(text))
        }
    };
    doc.par(
        &[
            Seg::new(safe_format!("[{root}] ", root), Role::Title),
            Seg::new(title, Role::Title),
        ],
        0,
    );
    let mut line = SafeText::lit(kind);
    if !folded.is_empty() {
        line.push(&safe_format!(" · cited as {numbers}", numbers = numbers(folded)));
    }
    doc.par(&[Seg::new(line, Role::Dim)], 0);
    doc.gap();
    match ds.resolve(root) {
        Some(Resolution::Citation(c) | Resolution::SameAs { citation: c, .. }) => {
            if let Some(a) = &c.author {
                field(&mut doc, "Author", SafeText::new(a), Role::Plain);
            }
            field(&mut doc, "Outlet", SafeText::new(&c.outlet), Role::Plain);
            if let Some(p) = &c.published {
                field(&mut doc, "Published", format::long_date_str(p), Role::Plain);
            }
            if let Some(a) = &c.accessed {
                field(&mut doc, "Accessed", format::long_date_str(a), Role::Plain);
            }
            if let Some(l) = &c.language {
                field(&mut doc, "Language", SafeText::new(l), Role::Plain);
            }
        }
        Some(Resolution::Note { .. }) => {}
        Some(Resolution::Unresolved { .. }) | None => {
            let msg = SafeText::lit("⚠ Unresolved: no full citation exists in the analysis for this note.");
            doc.par(&[Seg::new(msg, Role::Warning)], 0);
        }
    }
    let mut segs = vec![Seg::new(SafeText::lit("URL: "), Role::Dim)];
    match ds.url(root) {
        Some(url) => segs.extend(super::content::url_segs(url)),
        None => segs.push(Seg::new(SafeText::lit("none"), Role::Dim)),
    }
    doc.par(&segs, 0);
    if !folded.is_empty() {
        doc.gap();
        doc.par(&[Seg::new(SafeText::lit("Cited again as"), Role::Heading)], 0);
        for &n in folded {
            let text = match ds.footnote(n).map(|f| &f.body) {
                Some(FootnoteBody::Backref { text, .. }) => SafeText::new(text),
                _ => SafeText::default(),
            };
            doc.par(
                &[
                    Seg::new(safe_format!("[{n}] ", n), Role::Dim),
                    Seg::new(safe_format!("“{text}”", text), Role::Plain),
                ],
                2,
            );
        }
    }
    let n = events.len();
    event_links(
        &mut doc,
        linked,
        safe_format!("Cited by {n} {noun}", n, noun = events_noun(n)),
        events,
        SafeText::lit("No event cites it."),
    );
    doc
}

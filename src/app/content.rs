//! The documents shown in panes and popups, built from the dataset.
//! Every dataset string passes through [`crate::sanitize`] on its way in.

use super::doc::{Doc, Role, Seg};
use super::format;
use super::nav::Link;
use crate::lookup::Lookup;
use crate::model::{Dataset, Event, Resolution};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::search::Highlights;
use crate::views::View;

/// `text` as segments: chars whose index is in `marks` (sorted, as
/// [`Highlights`] are) get [`Role::Highlight`], the rest `base`. Indices
/// are chars of the original text, so runs are cleaned after splitting,
/// never before.
pub fn highlighted(text: &str, marks: &[usize], base: Role, keep_newlines: bool) -> Vec<Seg> {
    let mut runs: Vec<(String, Role)> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        // A search for "e" marks most of a summary that may be a megabyte
        // long: a scan of the marks per char would be quadratic.
        let role = if marks.binary_search(&i).is_ok() {
            Role::Highlight
        } else {
            base
        };
        match runs.last_mut() {
            Some((s, r)) if *r == role => s.push(c),
            _ => runs.push((c.to_string(), role)),
        }
    }
    runs.into_iter()
        .map(|(s, role)| {
            let text = if keep_newlines {
                SafeText::multiline(&s)
            } else {
                SafeText::new(&s)
            };
            Seg::new(text, role)
        })
        .collect()
}

/// Where a footnote points, as a short line: `same as [7]: A, “T”, O`.
fn resolution_text(ds: Lookup<'_>, number: u32) -> (SafeText<'static>, Role) {
    match ds.resolve(number) {
        Some(Resolution::Citation(c)) => (format::citation(c), Role::Dim),
        Some(Resolution::SameAs { number, citation }) => (
            safe_format!("same as [{number}]: {c}", number, c = format::citation(citation)),
            Role::Dim,
        ),
        Some(Resolution::Note { text, .. }) => {
            (safe_format!("note: {t}", t = SafeText::new(text)), Role::Dim)
        }
        Some(Resolution::Unresolved { text }) => (
            safe_format!(
                "“{t}” — no full citation exists in the analysis",
                t = SafeText::new(text)
            ),
            Role::Warning,
        ),
        None => (
            safe_format!("footnote {number} does not exist", number),
            Role::Warning,
        ),
    }
}

/// A URL as segments: the URL exactly as opened and copied, then its host
/// in punycode when it is spelled in Unicode.
pub fn url_segs(url: &str) -> Vec<Seg> {
    let mut segs = vec![Seg::new(SafeText::new(url), Role::Url)];
    if let Some(host) = crate::web::punycode_host(url) {
        segs.push(Seg::new(
            safe_format!(" (host {host})", host = SafeText::new(&host)),
            Role::Dim,
        ));
    }
    segs
}

/// `[n] resolution URL` as one indented paragraph.
fn footnote_par(doc: &mut Doc, ds: Lookup<'_>, number: u32, indent: usize) {
    let (text, role) = resolution_text(ds, number);
    let mut segs = vec![
        Seg::new(safe_format!("[{number}] ", number), Role::Dim),
        Seg::new(text, role),
    ];
    if let Some(url) = ds.url(number) {
        segs.push(Seg::new(SafeText::lit(" "), Role::Dim));
        segs.extend(url_segs(url));
    }
    doc.par(&segs, indent);
}

/// Prints, under a paragraph, the citation of each footnote it cites.
pub(super) fn inline_citations(doc: &mut Doc, ds: Lookup<'_>, numbers: &[u32]) {
    let mut seen = std::collections::HashSet::new();
    for &n in numbers {
        if seen.insert(n) {
            footnote_par(doc, ds, n, 2);
        }
    }
}

/// `text` highlighted at `marks`, for a paragraph citing `cited`: the
/// `[n]` markers it writes itself (an imported article's, in place) become
/// the selectable markers of those notes, and the cited notes it does not
/// write follow it as markers, so each note is marked once.
pub(super) fn cited_text(doc: &mut Doc, text: &str, marks: &[usize], cited: &[u32]) -> Vec<Seg> {
    let citing: std::collections::HashSet<u32> = cited.iter().copied().collect();
    let mut written = std::collections::HashSet::new();
    let mut segs = Vec::new();
    for seg in highlighted(text, marks, Role::Plain, true) {
        let s = seg.text.as_str();
        let mut from = 0;
        for (at, end, n) in written_markers(s).filter(|m| citing.contains(&m.2)) {
            if at > from {
                segs.push(Seg::new(seg.text.slice(from..at), seg.role));
            }
            let k = doc.declare_marker(n);
            segs.push(Seg::new(seg.text.slice(at..end), Role::Marker(k)));
            written.insert(n);
            from = end;
        }
        match from {
            0 => segs.push(seg),
            _ if from < s.len() => segs.push(Seg::new(seg.text.slice(from..s.len()), seg.role)),
            _ => {}
        }
    }
    let rest: Vec<u32> = cited.iter().copied().filter(|n| !written.contains(n)).collect();
    segs.extend(markers(doc, &rest));
    segs
}

/// Every `[n]` in `text`: its byte range and number.
fn written_markers(text: &str) -> impl Iterator<Item = (usize, usize, u32)> + '_ {
    text.match_indices('[').filter_map(move |(at, _)| {
        let digits = text[at + 1..].bytes().take_while(u8::is_ascii_digit).count();
        let end = at + 1 + digits;
        let number = text[at + 1..end].parse().ok()?;
        (text[end..].starts_with(']')).then_some((at, end + 1, number))
    })
}

/// `[n]` marker segments after a paragraph, registered in `doc`.
pub(super) fn markers(doc: &mut Doc, numbers: &[u32]) -> Vec<Seg> {
    let mut segs = Vec::new();
    for &n in numbers {
        let k = doc.declare_marker(n);
        segs.push(Seg::new(SafeText::lit(" "), Role::Plain));
        segs.push(Seg::new(safe_format!("[{n}]", n), Role::Marker(k)));
    }
    segs
}

pub(super) fn entity_name<'d>(ds: Lookup<'d>, id: &'d str) -> SafeText<'d> {
    SafeText::new(ds.entity(id).map_or(id, |e| &e.name))
}

/// Options for [`detail`].
#[derive(Clone, Copy)]
pub struct DetailOptions<'a> {
    pub width: usize,
    /// Print each footnote's full citation under what cites it.
    pub inline: bool,
    /// Search matches to highlight in the title and summary.
    pub highlights: Option<&'a Highlights>,
    /// Events sharing a source, the day or an actor, listed as links;
    /// `None` while they are still being worked out.
    pub related: Option<&'a [usize]>,
    /// How a related event shows as a link.
    pub linked: &'a dyn super::pages::Linked,
}

/// What stands for an event's related events while they are worked out.
pub const RELATED_PENDING: &str = "being worked out…";

/// The detail pane for one event.
pub fn detail(ds: Lookup<'_>, ev: &Event, opts: DetailOptions) -> Doc {
    let mut doc = Doc::new(opts.width);
    let (title_hl, summary_hl) = opts
        .highlights
        .map_or((&[][..], &[][..]), |h| (&h.title[..], &h.summary[..]));
    doc.par(&highlighted(&ev.title, title_hl, Role::Title, false), 0);
    let mut date = format::long_date(ev);
    if ev.planned {
        date.push(&SafeText::lit(" · planned"));
    }
    // What the analysis does not state says so, next to the fact.
    let (date_basis, bases) = crate::format::provenance_marks(&ev.provenance, Some("date"));
    date.push(&SafeText::new(&date_basis));
    doc.par(&[Seg::new(date, Role::Dim)], 0);
    for line in bases {
        doc.par(&[Seg::new(SafeText::new(&line).into_owned(), Role::Dim)], 0);
    }
    doc.gap();

    let summary = cited_text(&mut doc, &ev.summary, summary_hl, &ev.footnotes);
    doc.par(&summary, 0);
    if opts.inline {
        inline_citations(&mut doc, ds, &ev.footnotes);
    }

    if !ev.quotes.is_empty() {
        doc.gap();
        doc.par(&[Seg::new(SafeText::lit("Quotes"), Role::Heading)], 0);
        for q in &ev.quotes {
            let mut segs = vec![
                Seg::new(safe_format!("“{t}”", t = SafeText::new(&q.text)), Role::Quote),
                Seg::new(
                    safe_format!(" — {s}", s = entity_name(ds, &q.speaker)),
                    Role::Plain,
                ),
            ];
            segs.extend(markers(&mut doc, &[q.footnote]));
            doc.par(&segs, 2);
            if opts.inline {
                inline_citations(&mut doc, ds, &[q.footnote]);
            }
        }
    }

    if !ev.figures.is_empty() {
        doc.gap();
        doc.par(&[Seg::new(SafeText::lit("Figures"), Role::Heading)], 0);
        for f in &ev.figures {
            let segs = [
                Seg::new(format::figure_value(f), Role::Plain),
                Seg::new(safe_format!(" — {m}", m = format::figure_measure(f)), Role::Dim),
            ];
            doc.par(&segs, 2);
        }
    }

    // Actors and places are links to their entity in People & Orgs.
    for (heading, ids) in [
        (SafeText::lit("Actors"), &ev.actors),
        (SafeText::lit("Places"), &ev.places),
    ] {
        if !ids.is_empty() {
            doc.gap();
            doc.par(&[Seg::new(heading, Role::Heading)], 0);
            let mut segs = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    segs.push(Seg::new(SafeText::lit(", "), Role::Plain));
                }
                let name = entity_name(ds, id);
                match ds.entity_index(id) {
                    Some(entity) => {
                        let k = doc.declare_link(Link::Entity(entity));
                        segs.push(Seg::new(name, Role::Link(k)));
                    }
                    None => segs.push(Seg::new(name, Role::Plain)),
                }
            }
            doc.par(&segs, 2);
        }
    }

    match opts.related {
        Some([]) => {}
        Some(related) => {
            doc.gap();
            doc.par(&[Seg::new(SafeText::lit("Related"), Role::Heading)], 0);
            for &e in related {
                super::pages::event_link(&mut doc, e, opts.linked);
            }
        }
        None => {
            doc.gap();
            doc.par(&[Seg::new(SafeText::lit("Related"), Role::Heading)], 0);
            doc.par(&[Seg::new(SafeText::lit(RELATED_PENDING), Role::Dim)], 2);
        }
    }

    // With citations inline every source is already printed where it is
    // cited; the list at the end is for the compact reading.
    if opts.inline {
        return doc;
    }
    let mut sources: Vec<u32> = ev.footnotes.clone();
    sources.extend(ev.quotes.iter().map(|q| q.footnote));
    sources.sort_unstable();
    sources.dedup();
    if !sources.is_empty() {
        doc.gap();
        doc.par(&[Seg::new(SafeText::lit("Sources"), Role::Heading)], 0);
        for n in sources {
            footnote_par(&mut doc, ds, n, 2);
        }
    }
    doc
}

/// The document's title, author, publication and original URL, as a
/// title page has them; a line with none of its facts is left out.
pub(super) fn title_page(doc: &mut Doc, d: &crate::model::Document) {
    doc.par(&[Seg::new(SafeText::new(&d.title), Role::Title)], 0);
    let (mut author, mut publication, mut original) = (None, Vec::new(), None);
    for (label, value) in crate::format::document_facts(d) {
        let value = SafeText::new(&value).into_owned();
        match label {
            "Author" => author = Some(value),
            "Corrected" => publication.push(safe_format!("corrected {value}", value)),
            "Original" => original = Some(value),
            "Language" => {}
            _ => publication.push(value),
        }
    }
    if let Some(author) = author {
        doc.par(&[Seg::new(author, Role::Plain)], 0);
    }
    if !publication.is_empty() {
        doc.par(
            &[Seg::new(
                SafeText::join(publication, &SafeText::lit(" · ")),
                Role::Dim,
            )],
            0,
        );
    }
    if let Some(url) = original {
        doc.par(
            &[
                Seg::new(SafeText::lit("Original: "), Role::Dim),
                Seg::new(url, Role::Url),
            ],
            0,
        );
    }
}

/// The Overview tab: the document, our summary, and what each tab holds.
/// `counts` gives each content view with its title and number of events.
pub fn overview(ds: &Dataset, counts: &[(View, SafeText<'static>, usize)], width: usize) -> Doc {
    let d = &ds.document;
    let mut doc = Doc::new(width);
    title_page(&mut doc, d);
    for (heading, text) in [
        (SafeText::lit("Overview"), &d.overview),
        (SafeText::lit("Conclusion"), &d.conclusion),
    ] {
        if let Some(text) = text {
            doc.gap();
            doc.par(&[Seg::new(heading, Role::Heading)], 0);
            doc.par(&[Seg::new(SafeText::multiline(text), Role::Plain)], 0);
        }
    }
    doc.gap();
    doc.par(&[Seg::new(SafeText::lit("In this dossier"), Role::Heading)], 0);
    for (view, title, count) in counts {
        let noun = SafeText::lit(if *count == 1 { "event" } else { "events" });
        let segs = [
            Seg::new(
                SafeText::new(
                    &view
                        .key_label()
                        .map_or_else(|| "  ".to_string(), |k| format!("{k} ")),
                )
                .into_owned(),
                Role::Key,
            ),
            Seg::new(title.clone(), Role::Plain),
            Seg::new(safe_format!(" — {count} {noun}", count, noun), Role::Dim),
        ];
        doc.par(&segs, 2);
        let tab = match view {
            View::Tab(i) => ds.tabs.get(*i),
            _ => None,
        };
        if let Some(summary) = tab.and_then(|t| t.summary.as_ref()) {
            doc.par(&[Seg::new(SafeText::new(summary), Role::Dim)], 4);
        }
    }
    if let Some(note) = &d.source_note {
        doc.gap();
        doc.par(&[Seg::new(SafeText::multiline(note), Role::Dim)], 0);
    }
    doc
}

/// The footnote popup's body: the note as written, what it resolves to,
/// and its URL.
pub fn footnote(ds: Lookup<'_>, number: u32, width: usize) -> Doc {
    use crate::model::FootnoteBody;
    let mut doc = Doc::new(width);
    let Some(note) = ds.footnote(number) else {
        doc.par(
            &[Seg::new(
                safe_format!("There is no footnote {number}.", number),
                Role::Warning,
            )],
            0,
        );
        return doc;
    };
    let (kind, as_written) = match &note.body {
        FootnoteBody::Citation(c) => ("full citation", format::citation(c)),
        FootnoteBody::Backref { text, .. } => ("short reference", SafeText::new(text)),
        FootnoteBody::Note { text, .. } => ("explanatory note, not a source", SafeText::new(text)),
        FootnoteBody::Unresolved { text } => ("short reference", SafeText::new(text)),
    };
    doc.par(
        &[
            Seg::new(safe_format!("Footnote {number}", number), Role::Title),
            Seg::new(safe_format!(" — {kind}", kind = SafeText::lit(kind)), Role::Dim),
        ],
        0,
    );
    doc.gap();
    doc.par(
        &[
            Seg::new(SafeText::lit("As written: "), Role::Dim),
            Seg::new(as_written, Role::Plain),
        ],
        0,
    );
    match ds.resolve(number) {
        Some(Resolution::SameAs { number, citation }) => {
            doc.gap();
            doc.par(
                &[Seg::new(
                    safe_format!("Same as [{number}]:", number),
                    Role::Heading,
                )],
                0,
            );
            doc.par(&[Seg::new(format::citation(citation), Role::Plain)], 2);
        }
        Some(Resolution::Citation(c)) => {
            if let Some(lang) = c.language.as_deref().filter(|l| *l != "en") {
                doc.par(
                    &[Seg::new(
                        safe_format!("Language: {lang}", lang = SafeText::new(lang)),
                        Role::Dim,
                    )],
                    0,
                );
            }
        }
        Some(Resolution::Note { .. }) => {}
        Some(Resolution::Unresolved { .. }) | None => {
            doc.gap();
            let msg = SafeText::lit("No full citation exists in the analysis for this note.");
            doc.par(&[Seg::new(msg, Role::Warning)], 0);
        }
    }
    doc.gap();
    let mut segs = vec![Seg::new(SafeText::lit("URL: "), Role::Dim)];
    match ds.url(number) {
        Some(url) => segs.extend(url_segs(url)),
        None => segs.push(Seg::new(SafeText::lit("none"), Role::Url)),
    }
    doc.par(&segs, 0);
    doc
}

/// The message log: each status message whole, wrapped, oldest first.
pub fn messages(messages: &[SafeText<'static>], width: usize) -> Doc {
    let mut doc = Doc::new(width);
    for message in messages {
        doc.par(&[Seg::new(message.clone(), Role::Plain)], 2);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_chars_are_highlighted_in_runs() {
        let segs = highlighted("erdoğan", &[0, 1, 2, 4], Role::Plain, false);
        let runs: Vec<(&str, Role)> = segs.iter().map(|s| (s.text.as_str(), s.role)).collect();
        assert_eq!(
            runs,
            [
                ("erd", Role::Highlight),
                ("o", Role::Plain),
                ("ğ", Role::Highlight),
                ("an", Role::Plain)
            ]
        );
    }
}

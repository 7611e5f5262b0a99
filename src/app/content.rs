//! The documents shown in panes and popups, built from the dataset.
//! Every dataset string passes through [`crate::sanitize`] on its way in.

use super::doc::{Doc, Role, Seg};
use super::format;
use super::nav::Link;
use super::view::View;
use crate::lookup::Lookup;
use crate::model::{Dataset, Event, Resolution};
use crate::sanitize::{clean, clean_with};
use crate::search::Highlights;

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
        .map(|(s, role)| Seg::new(clean_with(&s, keep_newlines).into_owned(), role))
        .collect()
}

/// Where a footnote points, as a short line: `same as [7]: A, “T”, O`.
fn resolution_text(ds: Lookup<'_>, number: u32) -> (String, Role) {
    match ds.resolve(number) {
        Some(Resolution::Citation(c)) => (format::citation(c), Role::Dim),
        Some(Resolution::SameAs { number, citation }) => (
            format!("same as [{number}]: {}", format::citation(citation)),
            Role::Dim,
        ),
        Some(Resolution::Note { text, .. }) => (format!("note: {}", clean(text)), Role::Dim),
        Some(Resolution::Unresolved { text }) => (
            format!("“{}” — no full citation exists in the analysis", clean(text)),
            Role::Warning,
        ),
        None => (format!("footnote {number} does not exist"), Role::Warning),
    }
}

/// The URL a footnote leads to, following back-references.
pub fn footnote_url<'a>(ds: Lookup<'a>, number: u32) -> Option<&'a str> {
    match ds.resolve(number)? {
        Resolution::Citation(c) | Resolution::SameAs { citation: c, .. } => c.url.as_deref(),
        Resolution::Note { url, .. } => url,
        Resolution::Unresolved { .. } => None,
    }
}

/// `[n] resolution URL` as one indented paragraph.
fn footnote_par(doc: &mut Doc, ds: Lookup<'_>, number: u32, indent: usize) {
    let (text, role) = resolution_text(ds, number);
    let mut segs = vec![Seg::new(format!("[{number}] "), Role::Dim), Seg::new(text, role)];
    if let Some(url) = footnote_url(ds, number) {
        segs.push(Seg::new(" ", Role::Dim));
        segs.push(Seg::new(clean(url).into_owned(), Role::Url));
    }
    doc.par(&segs, indent);
}

/// Prints, under a paragraph, the citation of each footnote it cites.
fn inline_citations(doc: &mut Doc, ds: Lookup<'_>, numbers: &[u32]) {
    let mut seen = std::collections::HashSet::new();
    for &n in numbers {
        if seen.insert(n) {
            footnote_par(doc, ds, n, 2);
        }
    }
}

/// `[n]` marker segments after a paragraph, registered in `doc`.
fn markers(doc: &mut Doc, numbers: &[u32]) -> Vec<Seg> {
    let mut segs = Vec::new();
    for &n in numbers {
        let k = doc.declare_marker(n);
        segs.push(Seg::new(" ", Role::Plain));
        segs.push(Seg::new(format!("[{n}]"), Role::Marker(k)));
    }
    segs
}

fn entity_name(ds: Lookup<'_>, id: &str) -> String {
    ds.entity(id)
        .map_or_else(|| clean(id).into_owned(), |e| clean(&e.name).into_owned())
}

/// Options for [`detail`].
#[derive(Debug, Clone, Copy)]
pub struct DetailOptions<'a> {
    pub width: usize,
    /// Print each footnote's full citation under what cites it.
    pub inline: bool,
    /// Search matches to highlight in the title and summary.
    pub highlights: Option<&'a Highlights>,
}

/// The detail pane for one event.
pub fn detail(ds: Lookup<'_>, ev: &Event, opts: DetailOptions) -> Doc {
    let mut doc = Doc::new(opts.width);
    let (title_hl, summary_hl) = opts
        .highlights
        .map_or((&[][..], &[][..]), |h| (&h.title[..], &h.summary[..]));
    doc.par(&highlighted(&ev.title, title_hl, Role::Title, false), 0);
    let mut date = format::long_date(ev);
    if ev.planned {
        date.push_str(" · planned");
    }
    doc.par(&[Seg::new(date, Role::Dim)], 0);
    doc.gap();

    let mut summary = highlighted(&ev.summary, summary_hl, Role::Plain, true);
    summary.extend(markers(&mut doc, &ev.footnotes));
    doc.par(&summary, 0);
    if opts.inline {
        inline_citations(&mut doc, ds, &ev.footnotes);
    }

    if !ev.quotes.is_empty() {
        doc.gap();
        doc.par(&[Seg::new("Quotes", Role::Heading)], 0);
        for q in &ev.quotes {
            let mut segs = vec![
                Seg::new(format!("“{}”", clean(&q.text)), Role::Quote),
                Seg::new(format!(" — {}", entity_name(ds, &q.speaker)), Role::Plain),
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
        doc.par(&[Seg::new("Figures", Role::Heading)], 0);
        for f in &ev.figures {
            let segs = [
                Seg::new(format::figure_value(f), Role::Plain),
                Seg::new(format!(" — {}", format::figure_measure(f)), Role::Dim),
            ];
            doc.par(&segs, 2);
        }
    }

    // Actors and places are links to their entity in People & Orgs.
    for (heading, ids) in [("Actors", &ev.actors), ("Places", &ev.places)] {
        if !ids.is_empty() {
            doc.gap();
            doc.par(&[Seg::new(heading, Role::Heading)], 0);
            let mut segs = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    segs.push(Seg::new(", ", Role::Plain));
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
        doc.par(&[Seg::new("Sources", Role::Heading)], 0);
        for n in sources {
            footnote_par(&mut doc, ds, n, 2);
        }
    }
    doc
}

/// The Overview tab: the document, our summary, and what each tab holds.
/// `counts` gives each content view with its title and number of events.
pub fn overview(ds: &Dataset, counts: &[(View, String, usize)], width: usize) -> Doc {
    let d = &ds.document;
    let mut doc = Doc::new(width);
    doc.par(&[Seg::new(clean(&d.title).into_owned(), Role::Title)], 0);
    doc.par(
        &[Seg::new(
            format!("{} — {}", clean(&d.author), clean(&d.author_role)),
            Role::Plain,
        )],
        0,
    );
    let mut line = format!(
        "{} · Analysis No {} · {}",
        clean(&d.publisher),
        clean(&d.series),
        format::long_date_str(&d.published)
    );
    if let Some(c) = &d.corrected {
        line.push_str(&format!(" (corrected {})", format::long_date_str(c)));
    }
    doc.par(&[Seg::new(line, Role::Dim)], 0);
    for (heading, text) in [("Overview", &d.overview), ("Conclusion", &d.conclusion)] {
        doc.gap();
        doc.par(&[Seg::new(heading, Role::Heading)], 0);
        doc.par(&[Seg::new(clean_with(text, true).into_owned(), Role::Plain)], 0);
    }
    doc.gap();
    doc.par(&[Seg::new("In this dossier", Role::Heading)], 0);
    for (view, title, count) in counts {
        let noun = if *count == 1 { "event" } else { "events" };
        let segs = [
            Seg::new(format!("{} ", view.index() + 1), Role::Key),
            Seg::new(title.clone(), Role::Plain),
            Seg::new(format!(" — {count} {noun}"), Role::Dim),
        ];
        doc.par(&segs, 2);
        if let Some(tab) = view.tab_id().and_then(|id| ds.tab(id)) {
            doc.par(&[Seg::new(clean(&tab.summary).into_owned(), Role::Dim)], 4);
        }
    }
    doc.gap();
    doc.par(
        &[Seg::new(clean_with(&d.source_note, true).into_owned(), Role::Dim)],
        0,
    );
    doc
}

/// The footnote popup's body: the note as written, what it resolves to,
/// and its URL.
pub fn footnote(ds: Lookup<'_>, number: u32, width: usize) -> Doc {
    use crate::model::FootnoteBody;
    let mut doc = Doc::new(width);
    let Some(note) = ds.footnote(number) else {
        doc.par(
            &[Seg::new(format!("There is no footnote {number}."), Role::Warning)],
            0,
        );
        return doc;
    };
    let (kind, as_written) = match &note.body {
        FootnoteBody::Citation(c) => ("full citation", format::citation(c)),
        FootnoteBody::Backref { text, .. } => ("short reference", clean(text).into_owned()),
        FootnoteBody::Note { text, .. } => ("explanatory note, not a source", clean(text).into_owned()),
        FootnoteBody::Unresolved { text } => ("short reference", clean(text).into_owned()),
    };
    doc.par(
        &[
            Seg::new(format!("Footnote {number}"), Role::Title),
            Seg::new(format!(" — {kind}"), Role::Dim),
        ],
        0,
    );
    doc.gap();
    doc.par(
        &[
            Seg::new("As written: ", Role::Dim),
            Seg::new(as_written, Role::Plain),
        ],
        0,
    );
    match ds.resolve(number) {
        Some(Resolution::SameAs { number, citation }) => {
            doc.gap();
            doc.par(&[Seg::new(format!("Same as [{number}]:"), Role::Heading)], 0);
            doc.par(&[Seg::new(format::citation(citation), Role::Plain)], 2);
        }
        Some(Resolution::Citation(c)) => {
            if let Some(lang) = c.language.as_deref().filter(|l| *l != "en") {
                doc.par(&[Seg::new(format!("Language: {}", clean(lang)), Role::Dim)], 0);
            }
        }
        Some(Resolution::Note { .. }) => {}
        Some(Resolution::Unresolved { .. }) | None => {
            doc.gap();
            let msg = "No full citation exists in the analysis for this note.";
            doc.par(&[Seg::new(msg, Role::Warning)], 0);
        }
    }
    doc.gap();
    let url = footnote_url(ds, number).map_or_else(|| "none".to_string(), |u| clean(u).into_owned());
    doc.par(&[Seg::new("URL: ", Role::Dim), Seg::new(url, Role::Url)], 0);
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

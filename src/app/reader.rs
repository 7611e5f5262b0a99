//! The Reader: the whole dossier as one continuous document, read straight
//! through as the original is. The title page and the overview, then each
//! tab as a section with its events in date order as paragraphs (date,
//! title, text with its footnote markers, quotes, figures), then the
//! conclusion. Footnotes open in the same popup as elsewhere, `f` prints
//! them inline, the tab picker jumps to a section, and `/` finds words.
//!
//! The document is built once per width, citation mode and find, and kept:
//! it holds every event, and drawing it must cost only the rows shown.

use std::cell::RefCell;
use std::rc::Rc;

use super::content::{self, highlighted};
use super::doc::{Doc, Role, Seg};
use super::{Action, App, Effect, Mode, Popup, View, format};
use crate::safe_format;
use crate::sanitize::SafeText;

/// Where the reader is, and the document it reads.
#[derive(Default)]
pub struct ReaderState {
    /// First row on screen.
    pub scroll: usize,
    /// Selected footnote marker, by order of appearance.
    pub marker: Option<usize>,
    /// The words last found with `/`.
    pub find: Option<String>,
    built: RefCell<Option<Rc<Reading>>>,
}

/// The reader's document as laid out for one width.
#[derive(Debug)]
pub struct Reading {
    width: usize,
    inline: bool,
    find: Option<String>,
    pub doc: Doc,
    /// The first row of each tab's section, by tab index.
    pub sections: Vec<usize>,
    /// The first row of each paragraph holding a found word, in order.
    pub hits: Vec<usize>,
}

/// Char indices of every occurrence of `words` in `text`, folded as search
/// folds them: case, accents and Turkish letters ("erdogan" finds
/// "Erdoğan").
fn found_in(text: &str, words: &str) -> Vec<usize> {
    let (hay, from) = crate::search::fold_map(text);
    let needle = crate::search::fold(words);
    if needle.is_empty() {
        return Vec::new();
    }
    let mut marks = Vec::new();
    for (at, _) in hay.match_indices(&needle) {
        // Byte offsets in the folded text, to its chars, to the original's.
        let first = hay[..at].chars().count();
        let count = needle.chars().count();
        marks.extend(from[first..first + count].iter().copied());
    }
    marks.dedup();
    marks
}

impl App {
    /// The reader's document at the current size, built when the size,
    /// the citation mode or the words found have changed.
    pub fn reading(&self) -> Rc<Reading> {
        let width = usize::from(self.layout().detail_inner().width);
        let r = &self.reader;
        if let Some(built) = r.built.borrow().as_ref()
            && built.width == width
            && built.inline == self.inline_footnotes
            && built.find == r.find
        {
            return Rc::clone(built);
        }
        let reading = Rc::new(self.build_reading(width));
        *r.built.borrow_mut() = Some(Rc::clone(&reading));
        reading
    }

    fn build_reading(&self, width: usize) -> Reading {
        let ds = self.lookup();
        let d = &self.dataset.document;
        let find = self.reader.find.as_deref();
        let mut doc = Doc::new(width);
        let mut hits = Vec::new();
        // The words found in `text`, the paragraph about to start there
        // recorded in `hits` when there are some.
        let found = |hits: &mut Vec<usize>, doc: &Doc, text: &str| {
            let marks = find.map(|w| found_in(text, w)).unwrap_or_default();
            if !marks.is_empty() {
                hits.push(doc.rows.len());
            }
            marks
        };
        let par = |hits: &mut Vec<usize>, doc: &mut Doc, text: &str, role: Role, keep_newlines: bool| {
            let marks = found(hits, doc, text);
            doc.par(&highlighted(text, &marks, role, keep_newlines), 0);
        };
        content::title_page(&mut doc, d);
        if let Some(overview) = &d.overview {
            doc.gap();
            doc.par(&[Seg::new(SafeText::lit("Overview"), Role::Heading)], 0);
            par(&mut hits, &mut doc, overview, Role::Plain, true);
        }
        let events = &*self.records;
        // An imported article is read as written: its paragraphs in order,
        // with no dates or titles put between them.
        let as_written = !events.is_empty() && events.iter().all(|e| e.paragraph.is_some());
        let mut sections = Vec::new();
        for (i, tab) in self.dataset.tabs.iter().enumerate() {
            doc.gap();
            doc.gap();
            sections.push(doc.rows.len());
            par(&mut hits, &mut doc, &tab.title, Role::Title, false);
            if let Some(summary) = &tab.summary {
                doc.par(&[Seg::new(SafeText::new(summary), Role::Dim)], 0);
            }
            let mut order = self.events_of(View::Tab(i)).to_vec();
            if as_written {
                order.sort_by_key(|&e| (events[e].paragraph, e));
            }
            let same_paragraph =
                |a: &usize, b: &usize| as_written && events[*a].paragraph == events[*b].paragraph;
            for group in order.chunk_by(same_paragraph) {
                doc.gap();
                if !as_written {
                    let ev = &events[group[0]];
                    let mut date = format::long_date(ev);
                    if ev.planned {
                        date.push(&SafeText::lit(" · planned"));
                    }
                    doc.par(&[Seg::new(date, Role::Dim)], 0);
                    par(&mut hits, &mut doc, &ev.title, Role::Heading, false);
                }
                let text: Vec<&str> = group.iter().map(|&e| events[e].summary.as_str()).collect();
                let text = text.join(" ");
                let mut seen = std::collections::HashSet::new();
                let cited: Vec<u32> = group
                    .iter()
                    .flat_map(|&e| events[e].footnotes.iter().copied())
                    .filter(|n| seen.insert(*n))
                    .collect();
                let marks = found(&mut hits, &doc, &text);
                let segs = content::cited_text(&mut doc, &text, &marks, &cited);
                doc.par(&segs, 0);
                if self.inline_footnotes {
                    content::inline_citations(&mut doc, ds, &cited);
                }
                for &e in group {
                    self.quotes_and_figures(&mut doc, &events[e]);
                }
            }
        }
        if let Some(conclusion) = &d.conclusion {
            doc.gap();
            doc.gap();
            doc.par(&[Seg::new(SafeText::lit("Conclusion"), Role::Title)], 0);
            par(&mut hits, &mut doc, conclusion, Role::Plain, true);
        }
        Reading {
            width,
            inline: self.inline_footnotes,
            find: self.reader.find.clone(),
            doc,
            sections,
            hits,
        }
    }

    /// An event's quotes and figures, indented under its paragraph.
    fn quotes_and_figures(&self, doc: &mut Doc, ev: &crate::model::Event) {
        let ds = self.lookup();
        for q in &ev.quotes {
            let mut segs = vec![
                Seg::new(safe_format!("“{t}”", t = SafeText::new(&q.text)), Role::Quote),
                Seg::new(
                    safe_format!(" — {s}", s = content::entity_name(ds, &q.speaker)),
                    Role::Plain,
                ),
            ];
            segs.extend(content::markers(doc, &[q.footnote]));
            doc.par(&segs, 2);
            if self.inline_footnotes {
                content::inline_citations(doc, ds, &[q.footnote]);
            }
        }
        for f in &ev.figures {
            let segs = [
                Seg::new(format::figure_value(f), Role::Plain),
                Seg::new(safe_format!(" — {m}", m = format::figure_measure(f)), Role::Dim),
            ];
            doc.par(&segs, 2);
        }
    }

    /// Rows on screen and the furthest the reader can scroll.
    fn reader_extent(&self) -> (usize, usize) {
        let height = usize::from(self.layout().detail_inner().height).max(1);
        (height, self.reading().doc.rows.len().saturating_sub(height))
    }

    /// Scrolls so that `row` is near the top, within the document.
    fn reader_show(&mut self, row: usize) {
        let (_, max) = self.reader_extent();
        self.reader.scroll = row.saturating_sub(1).min(max);
    }

    pub(crate) fn clamp_reader_scroll(&mut self) {
        let (_, max) = self.reader_extent();
        self.reader.scroll = self.reader.scroll.min(max);
    }

    /// Scrolls to the section of tab `tab`.
    pub(super) fn reader_to_section(&mut self, tab: usize) {
        if let Some(&row) = self.reading().sections.get(tab) {
            self.reader_show(row + 1);
            self.reader.marker = None;
        }
    }

    /// Handles `action` in the Reader; `None` when it is not the reader's
    /// to handle, so that it acts as in any view.
    pub(crate) fn reader_action(&mut self, action: Action) -> Option<Option<Effect>> {
        match action {
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                let (height, max) = self.reader_extent();
                let page = height.saturating_sub(1).max(1);
                self.reader.scroll = super::browse::step(action, self.reader.scroll.min(max), page, max);
            }
            Action::NextMarker | Action::PrevMarker => self.reader_step_marker(action == Action::NextMarker),
            Action::Open => {
                let reading = self.reading();
                let note = self
                    .reader
                    .marker
                    .and_then(|m| reading.doc.markers.get(m))
                    .and_then(|spot| spot.footnote());
                match note {
                    Some(n) => self.popups.push(Popup::Footnote(n)),
                    None => {
                        self.status = Some(SafeText::lit("Tab selects a footnote marker; Enter opens it"))
                    }
                }
            }
            Action::ToggleFootnotes => {
                self.inline_footnotes = !self.inline_footnotes;
                self.reader.marker = None;
                self.clamp_reader_scroll();
            }
            Action::StartSearch => self.mode = Mode::Find(String::new()),
            Action::CopyUrl | Action::OpenUrl => {
                return Some(self.document_url_effect(action == Action::OpenUrl));
            }
            // A hit shown by `n` sits on the second row on screen.
            Action::NextHit => self.reader_step_hit(true, self.reader.scroll + 2),
            Action::PrevHit => self.reader_step_hit(false, self.reader.scroll + 1),
            Action::Back if self.reader.find.is_some() => {
                self.reader.find = None;
                self.clamp_reader_scroll();
            }
            _ => return None,
        }
        Some(None)
    }

    /// The next or previous footnote marker: from the one selected, else
    /// from the first row on screen.
    fn reader_step_marker(&mut self, forward: bool) {
        let reading = self.reading();
        let markers = &reading.doc.markers;
        let scroll = self.reader.scroll;
        let (height, _) = self.reader_extent();
        let on_screen = |m: &usize| (scroll..scroll + height).contains(&markers[*m].row);
        let current = self.reader.marker.filter(on_screen);
        let next = match (current, forward) {
            (Some(m), true) => (m + 1 < markers.len()).then_some(m + 1),
            (Some(m), false) => m.checked_sub(1),
            (None, true) => markers.iter().position(|s| s.row >= scroll),
            (None, false) => markers.iter().rposition(|s| s.row < scroll + height),
        };
        let Some(m) = next else {
            self.status = Some(SafeText::lit("no more footnote markers this way"));
            return;
        };
        self.reader.marker = Some(m);
        let row = markers[m].row;
        if !(scroll..scroll + height).contains(&row) {
            self.reader_show(row);
        }
    }

    /// Scrolls to the first paragraph holding the words found at or after
    /// row `from`, or the last before it.
    fn reader_step_hit(&mut self, forward: bool, from: usize) {
        let reading = self.reading();
        let Some(words) = self.reader.find.clone() else {
            self.status = Some(SafeText::lit("/ finds words in the text"));
            return;
        };
        let hits = &reading.hits;
        let (hit, wrapped) = if forward {
            match hits.iter().position(|&r| r >= from) {
                Some(i) => (Some(i), false),
                None => (hits.first().map(|_| 0), true),
            }
        } else {
            match hits.iter().rposition(|&r| r < from) {
                Some(i) => (Some(i), false),
                None => (hits.len().checked_sub(1), true),
            }
        };
        let Some(i) = hit else {
            self.status = Some(safe_format!(
                "“{w}” is not in the text",
                w = SafeText::new(&words)
            ));
            return;
        };
        // Past either end the search goes on from the other, as vim's and
        // less's do, and says so.
        self.reader_show(hits[i]);
        let (n, total) = (i + 1, hits.len());
        let round = match (wrapped, forward) {
            (false, _) => SafeText::default(),
            (true, true) => SafeText::lit(" (from the top)"),
            (true, false) => SafeText::lit(" (from the bottom)"),
        };
        self.status = Some(safe_format!(
            "“{w}”: {n} of {total}{round}",
            w = SafeText::new(&words),
            n,
            total,
            round
        ));
    }

    /// Keys while typing the words to find.
    pub(super) fn find_action(&mut self, action: Action) {
        let Mode::Find(input) = &mut self.mode else {
            return;
        };
        match action {
            Action::Insert(c) if input.chars().count() < 200 => input.push(c),
            Action::Backspace => {
                input.pop();
            }
            Action::ClearInput => input.clear(),
            Action::Back => self.mode = Mode::Browse,
            Action::Open => {
                let words = std::mem::take(input);
                self.mode = Mode::Browse;
                self.reader.find = (!words.trim().is_empty()).then_some(words);
                if self.reader.find.is_some() {
                    self.reader_step_hit(true, self.reader.scroll);
                }
            }
            _ => {}
        }
    }
}

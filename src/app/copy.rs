//! Taking an event elsewhere: `y` copies it as Markdown with its sources
//! ([`crate::markdown::event_with_sources`], what `dossier export` writes
//! for it), `Y` its citation alone ([`crate::format::chicago`]). Both go
//! to the clipboard through OSC 52 ([`Effect::CopyToClipboard`]).
//!
//! `Y` cites where the event comes from: the first of its footnotes that
//! is a full citation (a back-reference followed to it). An event with
//! none, or no event (the Overview, the Reader), cites the dossier itself.

use super::{App, Effect};
use crate::model::{Citation, Resolution};
use crate::safe_format;
use crate::sanitize::SafeText;

impl App {
    /// `y` on an event: the event as Markdown, with its sources.
    pub(super) fn copy_event(&mut self) -> Option<Effect> {
        let Some(event) = self.shown_event() else {
            self.status = Some(SafeText::lit("no event selected here to copy"));
            return None;
        };
        let ev = self.event(event);
        let text = crate::markdown::event_with_sources(self.lookup(), ev);
        let sources = crate::markdown::cited(ev).len();
        let title = SafeText::new(&ev.title);
        let noun = SafeText::lit(if sources == 1 { "source" } else { "sources" });
        self.status = Some(safe_format!(
            "copied “{title}” as Markdown, with {sources} {noun} (OSC 52)",
            title,
            sources,
            noun
        ));
        Some(Effect::CopyToClipboard(text))
    }

    /// `Y`: the citation of the event's source, or of the dossier.
    pub(super) fn copy_citation(&mut self) -> Option<Effect> {
        let source = self.shown_event().and_then(|e| self.first_citation(e));
        let (text, status) = match source {
            Some((n, citation)) => {
                let text = crate::format::chicago(citation);
                (
                    text,
                    safe_format!("copied the citation of footnote [{n}] (OSC 52)", n),
                )
            }
            None => {
                let text = crate::format::chicago_document(&self.dataset.document);
                let why = if self.shown_event().is_some() {
                    "this event cites no full source"
                } else {
                    "no event here"
                };
                let why = SafeText::lit(why);
                (
                    text,
                    safe_format!("copied the dossier's citation ({why}) (OSC 52)", why),
                )
            }
        };
        self.status = Some(status);
        // Pasted into a terminal or a document, it is text like any other.
        Some(Effect::CopyToClipboard(SafeText::new(&text).to_string()))
    }

    /// The first of `event`'s footnotes that is, or leads to, a full
    /// citation: its number and the citation.
    fn first_citation(&self, event: usize) -> Option<(u32, &Citation)> {
        let lookup = self.lookup();
        self.event(event)
            .footnotes
            .iter()
            .find_map(|&n| match lookup.resolve(n)? {
                Resolution::Citation(c) | Resolution::SameAs { citation: c, .. } => Some((n, c)),
                _ => None,
            })
    }
}

//! Bookmarks: `m` marks the current event, asking for an optional note;
//! `'` lists the marks in a popup from which one is opened, its note
//! edited (`e`), or removed. Changes ask the terminal loop to save at once
//! ([`Effect::Save`]), so a crash loses none.
//!
//! The note is typed on the prompt line. Enter saves it (an empty note is
//! a bookmark without one). Esc cancels what `m` or `e` began, as Esc does
//! on every prompt here: after `m` no bookmark is made, after `e` the note
//! stays as it was.

use super::{Action, App, Effect, Mode, Popup};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::state::NOTE_CHARS;

/// A bookmark's note being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEdit {
    /// The event the note is on.
    pub event: usize,
    /// Whether Enter also makes the bookmark (after `m`), rather than
    /// changing the note of one already made (after `e`).
    pub new: bool,
    /// What was typed so far; an edit starts from the note as it is.
    pub input: String,
}

impl App {
    /// `m`: asks for the note of a new bookmark on the current event, or
    /// removes its bookmark.
    pub(super) fn toggle_bookmark(&mut self) -> Option<Effect> {
        let Some(event) = self.shown_event() else {
            self.status = Some(SafeText::lit("no event selected here to bookmark"));
            return None;
        };
        if let Some(at) = self.bookmarks.iter().position(|&b| b == event) {
            return self.remove_bookmark(at);
        }
        self.mode = Mode::Note(NoteEdit {
            event,
            new: true,
            input: String::new(),
        });
        None
    }

    /// Removes bookmark `at` and its note.
    fn remove_bookmark(&mut self, at: usize) -> Option<Effect> {
        let event = self.bookmarks.remove(at);
        self.notes.remove(&event);
        let title = SafeText::new(&self.event(event).title).into_owned();
        self.status = Some(safe_format!("removed the bookmark on “{title}”", title));
        Some(Effect::Save)
    }

    /// Keys on the note's prompt line.
    pub(super) fn note_action(&mut self, action: Action) -> Option<Effect> {
        let Mode::Note(edit) = &mut self.mode else {
            return None;
        };
        match action {
            Action::Insert(c) if edit.input.chars().count() < NOTE_CHARS => edit.input.push(c),
            Action::Insert(_) => {
                self.status = Some(safe_format!(
                    "a note holds {n} characters at most",
                    n = NOTE_CHARS
                ));
            }
            Action::Backspace => {
                edit.input.pop();
            }
            Action::ClearInput => edit.input.clear(),
            Action::Back => {
                let new = edit.new;
                self.mode = Mode::Browse;
                self.status = Some(SafeText::lit(if new {
                    "not bookmarked"
                } else {
                    "note unchanged"
                }));
            }
            Action::Open => {
                let Mode::Note(edit) = std::mem::replace(&mut self.mode, Mode::Browse) else {
                    return None;
                };
                return Some(self.save_note(edit));
            }
            _ => {}
        }
        None
    }

    /// Enter on the note's prompt: the bookmark made or its note changed.
    fn save_note(&mut self, edit: NoteEdit) -> Effect {
        let NoteEdit { event, new, input } = edit;
        // Spaces typed at either end are not part of what was meant.
        let note = input.trim();
        let title = SafeText::new(&self.event(event).title).into_owned();
        if note.is_empty() {
            self.notes.remove(&event);
        } else {
            self.notes.insert(event, note.to_string());
        }
        if new && !self.bookmarks.contains(&event) {
            self.bookmarks.push(event);
            let n = self.bookmarks.len();
            self.status = Some(safe_format!("bookmarked “{title}” ({n}; ' lists them)", title, n));
        } else {
            self.status = Some(if note.is_empty() {
                safe_format!("removed the note on “{title}”", title)
            } else {
                safe_format!("saved the note on “{title}”", title)
            });
        }
        Effect::Save
    }

    /// Keys in the bookmarks popup.
    pub(super) fn bookmarks_action(&mut self, action: Action) -> Option<Effect> {
        let count = self.bookmarks.len();
        let Some(Popup::Bookmarks { selected }) = self.popups.last_mut() else {
            return None;
        };
        match action {
            Action::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Open => {
                let at = *selected;
                self.open_bookmark(at);
            }
            Action::EditNote if *selected < count => {
                let event = self.bookmarks[*selected];
                let input = self.notes.get(&event).cloned().unwrap_or_default();
                self.mode = Mode::Note(NoteEdit {
                    event,
                    new: false,
                    input,
                });
            }
            Action::Remove if *selected < count => {
                let at = *selected;
                *selected = (*selected).min(count.saturating_sub(2));
                return self.remove_bookmark(at);
            }
            _ => {}
        }
        None
    }

    /// Closes the popup and opens bookmark `at` in its tab.
    pub(super) fn open_bookmark(&mut self, at: usize) {
        let Some(&event) = self.bookmarks.get(at) else {
            return;
        };
        self.popups.pop();
        self.follow(super::Link::Event(event));
    }
}

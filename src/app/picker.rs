//! The tab picker (`0` or Ctrl-T): every view of the bar, filtered as you
//! type by the same fuzzy matcher the search uses, as television's channel
//! picker does. The digits reach the first nine tabs; this reaches any of
//! the sixty-four a dossier may have.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{Action, App, Focus, Mode, View};
use crate::search::fold;

/// What was typed and which match is chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    pub input: String,
    /// Index into [`App::picked`].
    pub selected: usize,
}

impl App {
    /// The views whose title or short label matches what was typed, best
    /// first; every view in bar order when nothing is typed.
    pub fn picked(&self, input: &str) -> Vec<View> {
        let wanted = fold(input.trim());
        if wanted.is_empty() {
            return self.bar().collect();
        }
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize, View)> = self
            .bar()
            .enumerate()
            .filter_map(|(at, view)| {
                let names = format!("{} {}", self.view_title(view), self.view_label(view));
                let score = matcher.fuzzy_match(&fold(&names), &wanted)?;
                Some((score, at, view))
            })
            .collect();
        scored.sort_by_key(|&(score, at, _)| (std::cmp::Reverse(score), at));
        scored.into_iter().map(|(_, _, view)| view).collect()
    }

    /// Opens the picker on the current view.
    pub(super) fn start_picker(&mut self) {
        let selected = self.bar().position(|v| v == self.view).unwrap_or(0);
        self.mode = Mode::Picker(Picker {
            input: String::new(),
            selected,
        });
    }

    pub(super) fn picker_action(&mut self, action: Action) {
        let Mode::Picker(picker) = &mut self.mode else {
            return;
        };
        match action {
            Action::Insert(c) => {
                picker.input.push(c);
                picker.selected = 0;
            }
            Action::Backspace => {
                picker.input.pop();
                picker.selected = 0;
            }
            Action::ClearInput => *picker = Picker::default(),
            Action::Down | Action::Up => {
                let input = picker.input.clone();
                let count = self.picked(&input).len();
                let Mode::Picker(picker) = &mut self.mode else {
                    return;
                };
                picker.selected = match action {
                    Action::Down => (picker.selected + 1).min(count.saturating_sub(1)),
                    _ => picker.selected.saturating_sub(1),
                };
            }
            Action::Back => self.mode = Mode::Browse,
            Action::Open => {
                let (input, selected) = (picker.input.clone(), picker.selected);
                match self.picked(&input).get(selected) {
                    // In the Reader a tab is a section to go to.
                    Some(View::Tab(i)) if self.view == View::Reader => {
                        self.mode = Mode::Browse;
                        self.reader_to_section(*i);
                    }
                    Some(&view) => {
                        self.mode = Mode::Browse;
                        self.go_view(view);
                        self.focus = Focus::List;
                    }
                    None => {
                        self.status = Some(crate::sanitize::SafeText::lit("no tab matches what was typed"))
                    }
                }
            }
            _ => {}
        }
    }
}

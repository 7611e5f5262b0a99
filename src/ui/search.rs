//! The search screen: results from every tab, and the query line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::ListItem;

use super::list::{badge_span, date_span, date_width, heading, render_rows};
use super::text::{item, plain, span};
use super::{text, theme};
use crate::app::doc::Role;
use crate::app::picker::Picker;
use crate::app::{App, SearchState, content};
use crate::safe_format;
use crate::sanitize::SafeText;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns before the typed query: `/ `.
pub const QUERY_PREFIX: usize = 2;
/// Columns before the typed footnote number: `: `.
pub const PROMPT_PREFIX: usize = 2;

/// Draws the result rows: tab, date, title with matched characters marked.
pub fn draw_results(frame: &mut Frame, app: &App, state: &SearchState, area: Rect) {
    let block = text::block(results_title(state)).border_style(theme::border(app.theme, true));
    if state.hits.is_empty() {
        let msg = match &state.query {
            _ if state.error.is_some() => {
                SafeText::lit("No results: the query has an error (see below); fix it to search.")
            }
            Some(q) if !q.is_empty() => {
                safe_format!("No events match “{typed}”", typed = SafeText::new(&state.input))
            }
            _ => SafeText::lit("Type to search every tab: words, names, dates (2012, sep 2017)."),
        };
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            text::message(msg).wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let events: Vec<usize> = state.hits.iter().map(|h| h.event).collect();
    let dates = date_width(app, &events);
    let height = usize::from(area.height.saturating_sub(2));
    let width = area.width.saturating_sub(2);
    let selected = state.pane.selected.checked_sub(state.pane.offset);
    let items: Vec<ListItem> = (state.pane.offset..state.rows())
        .take(height)
        .enumerate()
        .map(|(row, at)| {
            // The hits dated less precisely than the query, under a rule
            // that says so; never selected.
            let Some(hit) = state.hit_at(at) else {
                let label = state.divider.as_ref().map_or("", |d| d.label.as_str());
                return item(heading(app, SafeText::lit("── "), &SafeText::new(label), width));
            };
            let e = events[hit];
            // The tab as a one-letter badge, as on the Timeline: the
            // title keeps the room.
            let mut spans = vec![
                badge_span(app, e),
                plain(SafeText::lit(" ")),
                date_span(app, e, dates),
            ];
            // Highlights only for rows on screen: they cost a match each.
            let marks = app.highlights_for(e).map(|h| h.title).unwrap_or_default();
            let title = content::highlighted(&app.event(e).title, &marks, Role::Plain, false);
            spans.extend(text::spans(&title, app.theme, None));
            if marks.is_empty()
                && let Some((role, name)) = app.name_match(e)
            {
                spans.push(span(
                    safe_format!(
                        " · via {role}: {name}",
                        role = SafeText::lit(role),
                        name = SafeText::new(name)
                    ),
                    theme::role(app.theme, Role::Dim, false),
                ));
            }
            // The selected row's colour goes under its spans, not over
            // them as a list highlight would: the match marks stay.
            let line = Line::from(spans);
            if Some(row) == selected {
                item(line).style(theme::selected_row(app.theme, true))
            } else {
                item(line)
            }
        })
        .collect();
    render_rows(frame, app, block, items, None, true, area);
}

/// The query line: what was typed, and why it does not parse if it doesn't.
pub fn draw_query(frame: &mut Frame, app: &App, state: &SearchState, area: Rect) {
    let mut spans = vec![
        span(SafeText::lit("/ "), theme::role(app.theme, Role::Key, false)),
        plain(SafeText::new(&state.input)),
    ];
    if state.pending.is_some() {
        spans.push(span(
            SafeText::lit("   searching…"),
            theme::role(app.theme, Role::Dim, false),
        ));
    }
    if let Some(fixed) = &state.corrected {
        let note = safe_format!(
            "   no results as typed; showing results for “{fixed}”",
            fixed = SafeText::new(fixed)
        );
        spans.push(span(note, theme::role(app.theme, Role::Dim, false)));
    }
    if let Some(err) = &state.error {
        spans.push(span(
            safe_format!("   ✗ {err}", err = SafeText::new(err)),
            theme::role(app.theme, Role::Warning, false),
        ));
    }
    text::one_line(frame, Line::from(spans), Style::new(), area);
}

/// The `:` footnote-number prompt.
/// A prompt's sign and what it asks for.
pub type PromptKind = (&'static str, &'static str);
/// `:N`: a footnote to open.
pub const FOOTNOTE_PROMPT: PromptKind = (": ", "   footnote number, Enter to open");
/// `/` in the Reader: words to find.
pub const FIND_PROMPT: PromptKind = ("/ ", "   words to find, Enter to go to the first");
/// A bookmark's note.
pub const NOTE_PROMPT: PromptKind = ("note: ", "   optional; Enter saves, Esc cancels");

pub fn draw_prompt(frame: &mut Frame, app: &App, input: &str, (sign, what): PromptKind, area: Rect) {
    let spans = vec![
        span(SafeText::lit(sign), theme::role(app.theme, Role::Key, false)),
        plain(shown_input(input, sign, area)),
        span(SafeText::lit(what), theme::role(app.theme, Role::Dim, false)),
    ];
    text::one_line(frame, Line::from(spans), Style::new(), area);
}

/// What a prompt line shows of `input`, made terminal-safe: its end, as
/// much as fits after `sign` with a column left for the cursor, so what is
/// being typed stays in sight.
pub fn shown_input(input: &str, sign: &str, area: Rect) -> SafeText<'static> {
    let safe = SafeText::new(input);
    let room = usize::from(area.width).saturating_sub(sign.width() + 1);
    let mut width = safe.width();
    let mut start = 0;
    for (at, c) in safe.char_indices() {
        if width <= room {
            break;
        }
        width -= c.width().unwrap_or(0);
        start = at + c.len_utf8();
    }
    safe.slice(start..safe.len())
}

/// Columns before what is typed into the tab picker: `tab: `.
pub const PICKER_PREFIX: usize = 5;

/// The tab picker: the matching views over the screen, what was typed on
/// the query line.
pub fn draw_picker(frame: &mut Frame, app: &App, picker: &Picker, list: Rect, query: Rect) {
    let picked = app.picked(&picker.input);
    let block = text::block(safe_format!(" Tabs · {n} ", n = picked.len()))
        .border_style(theme::border(app.theme, true));
    frame.render_widget(ratatui::widgets::Clear, list);
    let items: Vec<ListItem> = picked
        .iter()
        .map(|&view| {
            let key = view
                .key_label()
                .map_or_else(|| "  ".to_string(), |k| format!("{k} "));
            item(Line::from(vec![
                span(
                    SafeText::new(&key).into_owned(),
                    theme::role(app.theme, Role::Key, false),
                ),
                plain(app.view_title(view)),
            ]))
        })
        .collect();
    if items.is_empty() {
        let empty = item(Line::from(plain(SafeText::lit("No tab matches."))));
        render_rows(frame, app, block, vec![empty], None, false, list);
    } else {
        let height = usize::from(list.height.saturating_sub(2)).max(1);
        let offset = (picker.selected + 1).saturating_sub(height);
        let shown: Vec<ListItem> = items.into_iter().skip(offset).collect();
        render_rows(
            frame,
            app,
            block,
            shown,
            Some(picker.selected - offset),
            true,
            list,
        );
    }
    let spans = vec![
        span(SafeText::lit("tab: "), theme::role(app.theme, Role::Key, false)),
        plain(SafeText::new(&picker.input)),
        span(
            SafeText::lit("   type part of a name, Enter to go"),
            theme::role(app.theme, Role::Dim, false),
        ),
    ];
    text::one_line(frame, Line::from(spans), Style::new(), query);
}

/// `Results · 8`, or `Results · first 1000 of 52,311` when there are more,
/// or `Results · first 100, counting…` until they are counted.
fn results_title(state: &SearchState) -> SafeText<'static> {
    if state.counting.is_some() {
        safe_format!(" Results · first {shown}, counting… ", shown = state.hits.len())
    } else if state.total > state.hits.len() {
        safe_format!(
            " Results · first {shown} of {total} ",
            shown = state.hits.len(),
            total = SafeText::new(&crate::format::number(state.total as f64))
        )
    } else {
        safe_format!(" Results · {total} ", total = state.total)
    }
}

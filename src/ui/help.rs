//! The `?` overlay, generated from the key table; two columns when wide.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Clear;
use unicode_width::UnicodeWidthStr;

use super::popup::hint_line;
use super::text::{self, plain, span};
use super::theme;
use crate::app::App;
use crate::app::doc::Role;
use crate::app::help::{HelpLine, KEYS_MAX};
use crate::app::keymap::Context;
use crate::app::layout::help_column_count;
use crate::safe_format;
use crate::sanitize::SafeText;

/// One column of help as lines: keys aligned within each section.
fn column_lines<'a>(app: &App, column: &'a [HelpLine]) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for section in column.split_inclusive(|l| *l == HelpLine::Blank) {
        let keys_width = section
            .iter()
            .filter_map(|l| match l {
                HelpLine::Entry { keys, .. } if keys.width() <= KEYS_MAX => Some(keys.width()),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        out.extend(section.iter().map(|line| match line {
            HelpLine::Heading(h) => Line::from(span(
                SafeText::lit(h),
                theme::role(app.theme, Role::Heading, false),
            )),
            HelpLine::Entry { keys, help } => {
                let pad = SafeText::new(&" ".repeat(keys_width.saturating_sub(keys.width()))).into_owned();
                Line::from(vec![
                    span(
                        safe_format!("  {keys}{pad} ", keys = SafeText::new(keys), pad),
                        theme::role(app.theme, Role::Key, false),
                    ),
                    plain(SafeText::lit(help)),
                ])
            }
            HelpLine::Continuation(help) => {
                Line::from(plain(safe_format!("      {help}", help = SafeText::lit(help))))
            }
            HelpLine::Blank => Line::default(),
        }));
    }
    out
}

/// Draws the key table in `area`, scrolled by `scroll` lines.
pub fn draw(frame: &mut Frame, app: &App, scroll: usize, area: Rect, inner: Rect) {
    let hints = hint_line(app, &[Context::Help], area.width);
    let block = text::with_hints(text::block(SafeText::lit(" Keys ")), hints)
        .border_style(theme::border(app.theme, true));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let columns = app.keys.help_columns(help_column_count(inner.width));
    let columns: Vec<Vec<Line>> = columns.iter().map(|c| column_lines(app, c)).collect();
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    let scroll = scroll.min(rows.saturating_sub(usize::from(inner.height)));
    let width = inner.width / columns.len() as u16;
    for (i, column) in columns.into_iter().enumerate() {
        let shown: Vec<Line> = column.into_iter().skip(scroll).collect();
        let rect = Rect::new(inner.x + width * i as u16, inner.y, width, inner.height);
        frame.render_widget(text::paragraph(shown), rect);
    }
}

//! The `?` overlay, generated from the key table; two columns when wide.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::popup::hint_line;
use super::theme;
use crate::app::App;
use crate::app::doc::Role;
use crate::app::keymap::{Context, HelpLine, help_columns};
use crate::app::layout::help_column_count;

/// Draws the key table in `area`, scrolled by `scroll` lines.
pub fn draw(frame: &mut Frame, app: &App, scroll: usize, area: Rect, inner: Rect) {
    let block = Block::bordered()
        .title(" Keys ")
        .title_bottom(Line::from(format!(" {} ", hint_line(&[Context::Help]))).right_aligned())
        .border_style(theme::border(app.theme, true));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let columns = help_columns(help_column_count(inner.width));
    let keys_width = columns
        .iter()
        .flatten()
        .map(|l| match l {
            HelpLine::Entry { keys, .. } => keys.width(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    let scroll = scroll.min(rows.saturating_sub(usize::from(inner.height)));
    let width = inner.width / columns.len() as u16;
    for (i, column) in columns.iter().enumerate() {
        let shown: Vec<Line> = column
            .iter()
            .skip(scroll)
            .map(|l| match l {
                HelpLine::Heading(h) => Line::styled(*h, theme::role(app.theme, Role::Heading, false)),
                HelpLine::Entry { keys, help } => Line::from(vec![
                    Span::styled(
                        format!("  {keys}{} ", " ".repeat(keys_width - keys.width())),
                        theme::role(app.theme, Role::Key, false),
                    ),
                    Span::raw(*help),
                ]),
                HelpLine::Blank => Line::default(),
            })
            .collect();
        let rect = Rect::new(inner.x + width * i as u16, inner.y, width, inner.height);
        frame.render_widget(Paragraph::new(shown), rect);
    }
}

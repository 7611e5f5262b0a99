//! Turning laid-out documents into ratatui lines.

use ratatui::text::{Line, Span};

use super::theme;
use crate::app::Theme;
use crate::app::doc::{Doc, Seg};

/// Segments as spans; `marker` is the selected footnote marker, if any.
pub fn spans(segs: &[Seg], theme: Theme, marker: Option<usize>) -> Vec<Span<'static>> {
    segs.iter()
        .map(|s| {
            let selected = s.role.ordinal().is_some_and(|n| Some(n) == marker);
            Span::styled(s.text.clone(), theme::role(theme, s.role, selected))
        })
        .collect()
}

/// Rows `scroll..scroll + height` of `doc`.
pub fn window(
    doc: &Doc,
    scroll: usize,
    height: usize,
    theme: Theme,
    marker: Option<usize>,
) -> Vec<Line<'static>> {
    doc.rows
        .iter()
        .skip(scroll)
        .take(height)
        .map(|row| Line::from(spans(row, theme, marker)))
        .collect()
}

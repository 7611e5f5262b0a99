//! Turning safe text into ratatui spans, lines and widgets. ratatui's
//! constructors take any string; this is the one module allowed to call
//! them (clippy.toml), and it takes only [`SafeText`], so nothing drawn
//! skipped the sanitizer.
#![allow(clippy::disallowed_methods)]

use std::num::NonZeroU16;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, Block, ListItem, Paragraph, Row};
use unicode_width::UnicodeWidthStr;

use super::theme;
use crate::app::Theme;
use crate::app::doc::{Doc, Seg, UrlSpot};
use crate::sanitize::SafeText;

/// `text` in `style`.
pub fn span(text: SafeText<'_>, style: Style) -> Span<'static> {
    Span::styled(text.into_owned().into_cow(), style)
}

/// `text` unstyled.
pub fn plain(text: SafeText<'_>) -> Span<'static> {
    span(text, Style::new())
}

/// A paragraph of `lines`.
pub fn paragraph<'a>(lines: Vec<Line<'a>>) -> Paragraph<'a> {
    Paragraph::new(lines)
}

/// A one-line message.
pub fn message(text: SafeText<'_>) -> Paragraph<'static> {
    paragraph(vec![Line::from(plain(text))])
}

/// A bordered block titled `title`.
pub fn block(title: SafeText<'_>) -> Block<'static> {
    Block::bordered().title(Line::from(plain(title)))
}

/// `block` with `hints` right-aligned on its bottom border.
pub fn with_hints(block: Block<'static>, hints: SafeText<'_>) -> Block<'static> {
    block.title_bottom(Line::from(plain(hints)).right_aligned())
}

/// A list item of one line.
pub fn item(line: Line<'_>) -> ListItem<'_> {
    ListItem::new(line)
}

/// A table row, one span per cell.
pub fn row<'a>(cells: Vec<Span<'a>>) -> Row<'a> {
    Row::new(cells)
}

/// A chart bar with `label` under it and `text` on it.
pub fn bar(label: SafeText<'_>, text: SafeText<'_>) -> Bar<'static> {
    Bar::default()
        .label(Line::from(plain(label)))
        .text_value(text.into_owned().to_string())
}

/// Segments as spans; `marker` is the selected footnote marker, if any.
pub fn spans(segs: &[Seg], theme: Theme, marker: Option<usize>) -> Vec<Span<'static>> {
    segs.iter()
        .map(|s| {
            let selected = s.role.ordinal().is_some_and(|n| Some(n) == marker);
            span(s.text.clone(), theme::role(theme, s.role, selected))
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

/// Draws `line` on the first row of `area` in `style`, ending in `…` when
/// it does not fit: a cut that looks whole misleads.
pub fn one_line(frame: &mut Frame, line: Line<'_>, style: Style, area: Rect) {
    let width = line.width();
    frame.render_widget(paragraph(vec![line]).style(style), area);
    mark_cut(frame.buffer_mut(), area, area.y, width);
}

/// `text` cut to at most `width` columns, ending in `…` when cut.
pub fn fit(text: SafeText<'_>, width: usize) -> SafeText<'static> {
    if text.as_str().width() <= width {
        return text.into_owned();
    }
    let mut used = 0;
    let end = text
        .as_str()
        .char_indices()
        .find(|&(_, c)| {
            used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            used + 1 > width
        })
        .map_or(text.as_str().len(), |(at, _)| at);
    let mut cut = text.slice(0..end);
    if width > 0 {
        cut.push(&SafeText::lit("…"));
    }
    cut
}

/// Ends row `y` of `area` in `…` when content `width` columns wide was
/// drawn from its left edge and ran past its right one.
pub fn mark_cut(buf: &mut Buffer, area: Rect, y: u16, width: usize) {
    if width <= usize::from(area.width) || area.width == 0 || !(area.y..area.bottom()).contains(&y) {
        return;
    }
    let last = area.right() - 1;
    // A wide character cut in two leaves its first half on the cell before
    // the last one; blank it rather than leave half a glyph.
    if last > area.x && buf[(last - 1, y)].symbol().width() > 1 {
        buf[(last - 1, y)].set_symbol(" ");
    }
    buf[(last, y)].set_symbol("…");
}

/// Draws rows `scroll..` of `doc` in `area`, `marker` selected; with
/// [`Theme::hyperlinks`], each URL shown whole becomes an OSC 8 link.
pub fn draw_doc(
    frame: &mut Frame,
    doc: &Doc,
    scroll: usize,
    area: Rect,
    theme: Theme,
    marker: Option<usize>,
) {
    let lines = window(doc, scroll, usize::from(area.height), theme, marker);
    frame.render_widget(paragraph(lines), area);
    if theme.hyperlinks {
        for spot in &doc.urls {
            hyperlink(frame.buffer_mut(), spot, scroll, area);
        }
    }
}

/// Makes the URL at `spot` (its row `scroll` rows up, in `area`) a
/// hyperlink, if it is on screen whole and a URL that opens: its first
/// cell writes the whole link, `ESC ] 8 ; ; target ESC \ text ESC ] 8 ; ;
/// ESC \`, and is declared as wide as the text, so that the screen diff
/// moves on past it; the cells it covers are skipped. The text is the
/// shown, sanitized URL; the target, inside the sequence, is the URL
/// parsed and serialized (punycode host, percent-encoded), checked to be
/// printable ASCII, so no character in it can end or extend the sequence.
fn hyperlink(buffer: &mut Buffer, spot: &UrlSpot, scroll: usize, area: Rect) {
    let Some(row) = spot.row.checked_sub(scroll) else {
        return;
    };
    let (Ok(row), Ok(col), Ok(width)) = (
        u16::try_from(row),
        u16::try_from(spot.col),
        u16::try_from(spot.width),
    ) else {
        return;
    };
    let (Some(width), Some(target)) = (NonZeroU16::new(width), hyperlink_target(&spot.url)) else {
        return;
    };
    if row >= area.height || u32::from(col) + u32::from(width.get()) > u32::from(area.width) {
        return;
    }
    let (x, y) = (area.x + col, area.y + row);
    let link = format!("\x1b]8;;{target}\x1b\\{}\x1b]8;;\x1b\\", spot.url);
    buffer[(x, y)]
        .set_symbol(&link)
        .set_diff_option(CellDiffOption::ForcedWidth(width));
    for dx in 1..width.get() {
        buffer[(x + dx, y)].set_diff_option(CellDiffOption::Skip);
    }
}

/// What an OSC 8 link to `url` leads to: the URL as a URL parser writes
/// it, when it is one the browser opens, and printable ASCII only.
pub fn hyperlink_target(url: &str) -> Option<String> {
    if !crate::web::openable(url) {
        return None;
    }
    let target = url::Url::parse(url).ok()?.to_string();
    target
        .bytes()
        .all(|b| (0x21..=0x7e).contains(&b))
        .then_some(target)
}

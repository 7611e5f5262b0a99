//! The screen shown while a dataset loads: what is opened, how far the
//! load has got, how long it has taken, and how to give up.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use super::text::{self, plain};
use crate::app::layout::centered;
use crate::progress::{Snapshot, Stage};
use crate::safe_format;
use crate::sanitize::SafeText;

/// Draws the loading screen for the file `name` (already made safe), at
/// `progress`, `elapsed` after the load started.
pub fn draw(frame: &mut Frame, name: &SafeText<'_>, progress: Snapshot, elapsed: Duration) {
    let events = SafeText::new(&crate::format::number(progress.events as f64)).into_owned();
    let doing = match progress.stage {
        Stage::Reading => SafeText::lit("reading the file…"),
        Stage::Importing => SafeText::lit("converting it to a dossier…"),
        Stage::Parsing => safe_format!("{events} events read…", events),
        Stage::Checking => safe_format!("{events} events read · checking them…", events),
        Stage::Indexing => safe_format!("{events} events read · indexing…", events),
    };
    let rows = [
        safe_format!(" Opening {name}", name = name.clone()),
        safe_format!(" {doing}", doing),
        safe_format!(
            " {seconds} s · q or Ctrl-C gives up",
            seconds = SafeText::new(&format!("{:.1}", elapsed.as_secs_f64()))
        ),
    ];
    let widest = rows.iter().map(|r| r.as_str().width()).max().unwrap_or(0);
    // At least as wide as its longest counter, so it does not jitter.
    let width = (widest.max(44) + 3).min(usize::from(u16::MAX)) as u16;
    let area = centered(frame.area(), width, 5);
    let block = text::block(SafeText::lit(" dossier "));
    let inner = block.inner(area);
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(block, area);
    for (row, y) in rows.into_iter().zip(inner.y..inner.bottom()) {
        let line = Rect::new(inner.x, y, inner.width, 1);
        text::one_line(frame, Line::from(plain(row)), Style::new(), line);
    }
}
